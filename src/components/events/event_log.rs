//! The event log, with a filter by kind. Pointing at (or focusing) an entry highlights the
//! brokers, partitions, groups and clients it touched everywhere on the page.
use std::rc::Rc;

use yew::prelude::*;

use super::super::{time_text, use_dispatch};
use crate::hooks::{CALM_MS, Phase, use_calm};
use crate::model::chronicle::{Category, LoggedEvent};
use crate::state::Msg;
use kplay_core::vec_map::VecSet;

/// Props of [`EventLog`].
#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    /// The newest events, newest first.
    pub events: Rc<Vec<Rc<LoggedEvent>>>,
    /// Whether the clock runs (the list then refreshes a few times a second, not every frame).
    #[prop_or_default]
    pub playing: bool,
    /// The kinds the filter offers (the live view's events are only ever the engine's).
    #[prop_or(&Category::ALL)]
    pub categories: &'static [Category],
}

/// How many entries are listed.
const LISTED: usize = 60;

/// While playing, the list is redrawn at most this often (real ms): at a thousand records a
/// second every entry is new every frame, which nobody can read and which costs a whole list of
/// DOM changes per frame. Paused, stepped or rewound, it is always current.
const REFRESH_MS: f64 = 2.0 * CALM_MS;

/// The event log.
#[component]
pub fn EventLog(props: &EventLogProps) -> Html {
    let dispatch = use_dispatch();
    // Kinds hidden by the filter; records are shown unless hidden, like everything else.
    let hidden = use_state(VecSet::<Category>::new);
    let toggle = |c: Category| {
        let hidden = hidden.clone();
        Callback::from(move |_: Event| {
            let mut h = (*hidden).clone();
            if !h.remove(&c) {
                h.insert(c);
            }
            hidden.set(h);
        })
    };
    let events = use_calm(&props.events, props.playing, REFRESH_MS, Phase::EVENTS, |_| false);
    let shown: Vec<&Rc<LoggedEvent>> =
        events.iter().filter(|e| !hidden.contains(&e.category)).take(LISTED).collect();
    let leave = dispatch.to(|_: MouseEvent| Msg::Highlight(None));
    html! {
        <section class="event-log" aria-label="Event log">
            <h2>{ "What happened" }<small>{ " newest first; point at an entry to see what it touched" }</small></h2>
            <fieldset class="event-filter">
                <legend>{ "Show" }</legend>
                { for props.categories.iter().map(|c| html! {
                    <label class={classes!("filter", c.name())}>
                        <input type="checkbox" checked={!hidden.contains(c)} onchange={toggle(*c)} />
                        { c.name() }
                    </label>
                }) }
            </fieldset>
            <ol class="events" onmouseleave={leave}>
                { for shown.into_iter().map(|e| entry(e, &dispatch)) }
            </ol>
        </section>
    }
}

fn entry(e: &Rc<LoggedEvent>, dispatch: &super::super::Dispatch) -> Html {
    let touches = e.touches.clone();
    let on_point = {
        let touches = touches.clone();
        dispatch.to(move |_: MouseEvent| Msg::Highlight(Some(touches.clone())))
    };
    let on_focus = dispatch.to(move |_: FocusEvent| Msg::Highlight(Some(touches.clone())));
    let keys: Vec<String> = e.touches.iter().map(|t| t.key()).collect();
    html! {
        <li key={e.index} class={classes!("event", e.category.name())} tabindex="0"
            data-touches={keys.join(" ")} onmouseenter={on_point} onfocus={on_focus}>
            <span class="event-time">{ time_text(e.time_ms) }</span>
            <span class={classes!("event-kind", e.category.name())}>{ e.category.name() }</span>
            <span class="event-text">{ e.text.clone() }</span>
        </li>
    }
}
