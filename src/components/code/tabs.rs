//! [`CodeTabs`]: one tab per client, the chosen listing in `<pre><code>`, and a copy button
//! whose outcome is announced in a polite live region. The listings are generated once per
//! set of actions (memoised on the `Rc`), not on every render.

use std::rc::Rc;

use kplay_sim::Action;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::clipboard::{Copied, copy};
use crate::model::code::{Client, listing};

/// Props of [`CodeTabs`].
#[derive(Properties, PartialEq)]
pub struct CodeTabsProps {
    /// What the lesson does.
    pub actions: Rc<Vec<Action>>,
    /// A prefix for element ids, unique on the page when several lessons show code.
    #[prop_or(AttrValue::Static("code"))]
    pub id: AttrValue,
}

/// The actions as kafka-python, confluent-kafka and command-line code, in tabs.
#[component]
pub fn CodeTabs(props: &CodeTabsProps) -> Html {
    let chosen = use_state(|| 0usize);
    let copied = use_state(|| None::<Copied>);
    let tabs_ref = use_node_ref();
    let listings = use_memo(props.actions.clone(), |actions| {
        Client::ALL.map(|client| listing(client, actions))
    });
    let tab_id = |i: usize| format!("{}-tab-{}", props.id, Client::ALL[i].slug());
    let panel_id = format!("{}-panel", props.id);

    let choose = {
        let chosen = chosen.clone();
        let copied = copied.clone();
        Callback::from(move |i: usize| {
            chosen.set(i);
            copied.set(None);
        })
    };
    let on_key = {
        let choose = choose.clone();
        let tabs_ref = tabs_ref.clone();
        let current = *chosen;
        Callback::from(move |e: KeyboardEvent| {
            let n = Client::ALL.len();
            let to = match e.key().as_str() {
                "ArrowRight" => (current + 1) % n,
                "ArrowLeft" => (current + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            e.prevent_default();
            // Focus follows the choice, as the tabs pattern has it.
            if let Some(list) = tabs_ref.cast::<web_sys::Element>()
                && let Ok(tabs) = list.query_selector_all("[role=tab]")
                && let Some(tab) = tabs.item(to as u32)
                && let Ok(tab) = tab.dyn_into::<web_sys::HtmlElement>()
            {
                let _ = tab.focus();
            }
            choose.emit(to);
        })
    };
    let on_copy = {
        let listings = listings.clone();
        let copied = copied.clone();
        let current = *chosen;
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            copy(&listings[current], Callback::from(move |outcome| copied.set(Some(outcome))));
        })
    };

    let client = Client::ALL[*chosen];
    html! {
        <section class="code-tabs" aria-label="This lesson as code">
            <div class="code-tabs-bar">
                <div class="code-tablist" role="tablist" aria-label="Client" ref={tabs_ref} onkeydown={on_key}>
                    { for Client::ALL.iter().enumerate().map(|(i, c)| {
                        let selected = i == *chosen;
                        let onclick = choose.reform(move |_: MouseEvent| i);
                        html! {
                            <button type="button" role="tab" id={tab_id(i)}
                                class={classes!("code-tab", c.slug())}
                                aria-selected={selected.to_string()} aria-controls={panel_id.clone()}
                                tabindex={if selected { "0" } else { "-1" }} {onclick}>
                                { c.label() }
                            </button>
                        }
                    }) }
                </div>
                <button type="button" class="code-copy" onclick={on_copy}>{ "Copy" }</button>
                <span class="code-copy-status" role="status" aria-live="polite">
                    { copied.map(Copied::message).unwrap_or_default() }
                </span>
            </div>
            <div class="code-panel" role="tabpanel" id={panel_id.clone()} aria-labelledby={tab_id(*chosen)} tabindex="0">
                <pre><code class={format!("language-{}", client.language())} data-client={client.slug()}>
                    { listings[*chosen].clone() }
                </code></pre>
            </div>
        </section>
    }
}
