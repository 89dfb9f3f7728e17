//! The keys of the records drawn, each in its colour: colour is how the page shows that records
//! with the same key always go to the same partition (and, on a compacted topic, replace each
//! other). Keys are written on the cells too, so colour is never the only signal.

use yew::prelude::*;

use crate::model::snapshot::topics::LEGEND_KEYS;

/// Props of [`KeyLegend`].
#[derive(Properties, PartialEq)]
pub struct KeyLegendProps {
    /// Keys in view with their colours (`None`: keyless).
    pub keys: Vec<(Option<String>, u8)>,
}

/// The legend.
#[component]
pub fn KeyLegend(props: &KeyLegendProps) -> Html {
    if props.keys.is_empty() {
        return html! {};
    }
    let more = props.keys.len().saturating_sub(LEGEND_KEYS);
    html! {
        <p class="key-legend" aria-label="Keys in view">
            <span class="key-legend-title">{ "Keys: " }</span>
            { for props.keys.iter().take(LEGEND_KEYS).map(|(key, colour)| html! {
                <span class={classes!("key-chip", format!("key-{colour}"))} data-colour={colour.to_string()}
                    data-key={key.clone().unwrap_or_default()}>
                    { key.clone().unwrap_or_else(|| "∅ no key".into()) }
                </span>
            }) }
            if more > 0 {
                <span class="hint">{ format!(" and {more} more") }</span>
            }
        </p>
    }
}
