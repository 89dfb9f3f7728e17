//! Standalone consumers (`assign`): they read the partitions they name, with no group, no
//! rebalance and no coordinator deciding for them; with a `group.id` they still commit to it.

use std::rc::Rc;

use kplay_core::TopicPartition;
use yew::prelude::*;

use super::super::use_highlight;
use super::{ConsumerControls, PartitionChips};
use crate::model::chronicle::Touch;
use crate::model::snapshot::ConsumerSnap;

/// Props of [`StandaloneConsumers`].
#[derive(Properties, PartialEq)]
pub struct StandaloneConsumersProps {
    /// Every consumer (group members are left out).
    pub consumers: Rc<Vec<ConsumerSnap>>,
}

/// The standalone consumers, if any.
#[component]
pub fn StandaloneConsumers(props: &StandaloneConsumersProps) -> Html {
    let highlight = use_highlight();
    let standalone: Vec<&ConsumerSnap> = props.consumers.iter().filter(|c| !c.subscribes).collect();
    if standalone.is_empty() {
        return html! {};
    }
    html! {
        <section class="standalone" aria-label="Standalone consumers">
            <h3>{ "Standalone consumers" }<small>{ " assign(): no group membership, no rebalances" }</small></h3>
            <ul class="members">
                { for standalone.into_iter().map(|c| {
                    let touch = Touch::Client(c.id);
                    let partitions: Vec<TopicPartition> =
                        c.positions.iter().map(|p| TopicPartition::new(p.topic.as_str(), p.partition)).collect();
                    let reads = c.positions.iter().map(|p| format!(
                        "{}-{} at {}", p.topic, p.partition, p.offset.map_or_else(|| "…".to_owned(), |o| o.to_string())
                    )).collect::<Vec<_>>().join(", ");
                    html! {
                        <li class={classes!("member", "standalone-consumer", highlight.has(&touch).then_some("highlighted"), c.paused.then_some("paused"))}
                            data-client={c.id.to_string()} data-touch={touch.key()}>
                            <div class="member-head">
                                <span class="member-name">{ c.client_id.clone() }</span>
                                <span class="badge">{ "assign" }</span>
                                if c.paused { <span class="badge paused-badge">{ "paused" }</span> }
                            </div>
                            <div class="member-owns">{ "reads " }<PartitionChips {partitions} none="nothing" /></div>
                            if !reads.is_empty() { <p class="member-status">{ format!("positions: {reads}") }</p> }
                            <p class="member-status">{ match &c.group {
                                Some(g) => format!("commits to group {g} ({}) without joining it", c.commit),
                                None => "no group.id: it cannot commit; it starts from auto.offset.reset each time".to_owned(),
                            } }</p>
                            <ConsumerControls client={c.id} client_id={c.client_id.clone()} paused={c.paused} />
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
