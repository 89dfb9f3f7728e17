//! The Produce button, with the record it will send and the rule that picks its partition.

use yew::prelude::*;

use crate::driver::{NextRecord, PARTITIONS, TOPIC};

/// Props of [`ProduceBar`].
#[derive(Properties, PartialEq)]
pub struct ProduceBarProps {
    /// The record the next click sends.
    pub next: NextRecord,
    /// Called on each click.
    pub on_produce: Callback<()>,
}

/// A "Produce" button and a line naming the next record and its partition.
#[component]
pub fn ProduceBar(props: &ProduceBarProps) -> Html {
    let next = &props.next;
    let onclick = props.on_produce.reform(|_: MouseEvent| ());
    let label = format!(
        "Produce record {} with key {} to partition {} with acks=all",
        next.number, next.key, next.partition
    );
    html! {
        <div class="producer" data-next-partition={next.partition.to_string()}>
            <button type="button" class="produce" {onclick} aria-label={label}>
                { "Produce" }
            </button>
            <p class="next-record">
                { "next: key " }<code>{ next.key.clone() }</code>
                { format!(" → {TOPIC}-{}, acks=all", next.partition) }
                <span class="partition-rule">
                    { format!(
                        "Partition rule: record n goes to partition n mod {PARTITIONS}, named \
                         explicitly in the request (not Kafka's key hashing)."
                    ) }
                </span>
            </p>
        </div>
    }
}
