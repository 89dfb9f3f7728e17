//! A producer's newest partition choices: the key, the partition, and the partitioner's
//! reasoning, down to the hash and the modulo. Closed, the list is not drawn at all: with many
//! producers the lists start closed, so the page does not rewrite twenty lists nobody reads.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::super::time_text;
use crate::model::snapshot::ChoiceSnap;

/// Props of [`ChoiceList`].
#[derive(Properties, PartialEq)]
pub struct ChoiceListProps {
    /// The choices, newest first.
    pub choices: Vec<ChoiceSnap>,
    /// Whether the list starts open.
    #[prop_or(true)]
    pub open: bool,
}

/// The newest choices.
#[component]
pub fn ChoiceList(props: &ChoiceListProps) -> Html {
    let open = use_state(|| props.open);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(details) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                open.set(details.has_attribute("open"));
            }
        })
    };
    if props.choices.is_empty() {
        return html! { <p class="hint">{ "No record sent yet." }</p> };
    }
    html! {
        <details class="choices" open={*open} {ontoggle}>
            <summary>{ "Newest records: key → partition, and why" }</summary>
            if *open {
            <ol class="choice-list">
                { for props.choices.iter().map(|c| {
                    let key = c.key.clone().unwrap_or_else(|| "∅ (no key)".into());
                    html! {
                        <li key={c.id.clone()} class="choice" data-choice-id={c.id.clone()}
                            data-key={c.key.clone().unwrap_or_default()}
                            data-partition={c.partition.to_string()}>
                            <span class="choice-time">{ time_text(c.time_ms) }</span>
                            <span class={classes!("choice-key", format!("key-{}", c.colour))}>{ key }</span>
                            <span class="choice-arrow" aria-label="goes to">{ "→" }</span>
                            <span class="choice-partition">{ format!("{}-{}", c.topic, c.partition) }</span>
                            <code class="choice-reason">{ c.reason.clone() }</code>
                        </li>
                    }
                }) }
            </ol>
            }
        </details>
    }
}
