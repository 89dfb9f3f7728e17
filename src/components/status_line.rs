//! One sentence saying what the last action did, announced to screen readers.

use yew::prelude::*;

use crate::state::Status;

/// Props of [`StatusLine`].
#[derive(Properties, PartialEq)]
pub struct StatusLineProps {
    /// What the last action did.
    pub status: Status,
}

/// The status sentence; an engine error is shown as an alert.
#[component]
pub fn StatusLine(props: &StatusLineProps) -> Html {
    match &props.status {
        Status::Started { records } => html! {
            <p class="status" role="status">
                { format!("The engine appended {records} records at start-up.") }
            </p>
        },
        Status::Produced(p) => {
            let rolled = if p.rolled { " after rolling a new segment" } else { "" };
            html! {
                <p class="status" role="status">
                    { format!("Appended key {} at offset {}{rolled}.", p.key, p.offset) }
                </p>
            }
        }
        Status::Failed(message) => html! {
            <p class="status error" role="alert">{ format!("The append failed: {message}") }</p>
        },
    }
}
