//! Page controls for a long table: first, previous, a page picker, next and last, with where
//! the visitor is said in words.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// How many pages `rows` rows make at `per_page` a page (at least one, for an empty table).
pub fn page_count(rows: usize, per_page: usize) -> usize {
    rows.div_ceil(per_page.max(1)).max(1)
}

/// Props of [`Pager`].
#[derive(Properties, PartialEq)]
pub struct PagerProps {
    /// The page shown, from 0.
    pub page: usize,
    /// Rows in the table.
    pub rows: usize,
    /// Rows per page.
    pub per_page: usize,
    /// What the rows are, plural (`partitions`).
    pub noun: AttrValue,
    /// Called with the page to show.
    pub on_page: Callback<usize>,
}

/// The controls; nothing when everything fits on one page.
#[component]
pub fn Pager(props: &PagerProps) -> Html {
    let pages = page_count(props.rows, props.per_page);
    if pages <= 1 {
        return html! {};
    }
    let page = props.page.min(pages - 1);
    let go = |to: usize| {
        let on_page = props.on_page.clone();
        Callback::from(move |_: MouseEvent| on_page.emit(to))
    };
    let on_pick = {
        let on_page = props.on_page.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(to) = select.value().parse() {
                on_page.emit(to);
            }
        })
    };
    let per = props.per_page;
    let range = |p: usize| (p * per, ((p + 1) * per).min(props.rows) - 1);
    let (first, last) = range(page);
    html! {
        <nav class="pager" aria-label={format!("Pages of {}", props.noun)}>
            <button type="button" class="first" disabled={page == 0} onclick={go(0)}>{ "« First" }</button>
            <button type="button" class="previous" disabled={page == 0}
                onclick={go(page.saturating_sub(1))}>{ "‹ Previous" }</button>
            <label class="page-pick">
                { "Page " }
                <select onchange={on_pick} aria-label={format!("Page of {}", props.noun)}>
                    { for (0..pages).map(|p| {
                        let (a, b) = range(p);
                        html! { <option value={p.to_string()} selected={p == page}>{ format!("{} ({a}–{b})", p + 1) }</option> }
                    }) }
                </select>
            </label>
            <span class="page-status" aria-live="polite">
                { format!("page {} of {pages}: {} {first}–{last} of {}", page + 1, props.noun, props.rows) }
            </span>
            <button type="button" class="next" disabled={page + 1 >= pages}
                onclick={go(page + 1)}>{ "Next ›" }</button>
            <button type="button" class="last" disabled={page + 1 >= pages}
                onclick={go(pages - 1)}>{ "Last »" }</button>
        </nav>
    }
}
