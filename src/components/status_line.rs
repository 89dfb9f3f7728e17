//! One sentence saying what the last action did, announced to screen readers.

use yew::prelude::*;

use crate::driver::Outcome;

/// Props of [`StatusLine`].
#[derive(Properties, PartialEq)]
pub struct StatusLineProps {
    /// What the last action did.
    pub outcome: Outcome,
}

/// The status sentence; a refusal or an engine error is shown as an alert.
#[component]
pub fn StatusLine(props: &StatusLineProps) -> Html {
    let text = props.outcome.to_string();
    if props.outcome.is_error() {
        html! { <p class="status error" role="alert">{ text }</p> }
    } else {
        html! { <p class="status" role="status">{ text }</p> }
    }
}
