//! The button that appends one record to the log.

use yew::prelude::*;

/// Props of [`ProduceButton`].
#[derive(Properties, PartialEq)]
pub struct ProduceButtonProps {
    /// Called on each click.
    pub onproduce: Callback<()>,
    /// The key the next record will get, shown beside the button.
    pub next_key: AttrValue,
}

/// A "Produce" button, with the key of the record it will append.
#[component]
pub fn ProduceButton(props: &ProduceButtonProps) -> Html {
    let onclick = props.onproduce.reform(|_: MouseEvent| ());
    let label = format!("Produce a record with key {}", props.next_key);
    html! {
        <div class="producer">
            <button type="button" class="produce" {onclick} aria-label={label}>
                { "Produce" }
            </button>
            <span class="next-key" aria-hidden="true">
                { "next key: " }<code>{ props.next_key.clone() }</code>
            </span>
        </div>
    }
}
