//! A list of partitions as small chips (`orders-2`), each marked as the partition it stands
//! for, so pointing at an event lights them up.

use kplay_core::TopicPartition;
use yew::prelude::*;

use super::super::use_highlight;
use crate::model::chronicle::Touch;

/// Props of [`PartitionChips`].
#[derive(Properties, PartialEq)]
pub struct PartitionChipsProps {
    /// The partitions.
    pub partitions: Vec<TopicPartition>,
    /// What kind of list it is, as a CSS class (`revoked`, `added`, `kept`, `lost`).
    #[prop_or_default]
    pub kind: AttrValue,
    /// What to say when the list is empty (nothing is drawn if empty).
    #[prop_or_default]
    pub none: AttrValue,
}

/// The partitions, as chips.
#[component]
pub fn PartitionChips(props: &PartitionChipsProps) -> Html {
    let highlight = use_highlight();
    if props.partitions.is_empty() {
        if props.none.is_empty() {
            return html! {};
        }
        return html! { <span class="chips-none">{ props.none.clone() }</span> };
    }
    html! {
        <span class={classes!("chips", props.kind.to_string())}>
            { for props.partitions.iter().map(|tp| {
                let touch = Touch::Partition(tp.topic.to_string(), tp.partition.0);
                let lit = highlight.has(&touch);
                html! {
                    <span class={classes!("chip", props.kind.to_string(), lit.then_some("highlighted"))}
                        data-touch={touch.key()}>{ tp.to_string() }</span>
                }
            }) }
        </span>
    }
}
