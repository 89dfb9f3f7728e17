//! One partition as its leader holds it: the heading (leader, epoch, replicas, ISR), the log row,
//! who stands where (consumers and groups, by name), every replica's bar, and what just went
//! away and why.

use yew::prelude::*;

use super::super::{id_list, use_highlight};
use super::log_parts::ConsumerNames;
use super::{LogRow, ReplicaBars};
use crate::model::chronicle::Touch;
use crate::model::snapshot::{Mark, PartitionSnap};

/// Props of [`PartitionLog`].
#[derive(Properties, PartialEq)]
pub struct PartitionLogProps {
    /// The topic.
    pub topic: AttrValue,
    /// The partition.
    pub partition: PartitionSnap,
    /// Consumers' names, for their flags.
    pub names: ConsumerNames,
}

fn marks_line(marks: &[Mark], names: &ConsumerNames) -> Html {
    if marks.is_empty() {
        return html! {};
    }
    html! {
        <p class="marks">
            { for marks.iter().map(|m| match m {
                Mark::Position { client, offset } => {
                    let (name, group) = names.get(client).cloned().unwrap_or_else(|| (format!("consumer {client}"), None));
                    let group = group.map(|g| format!(" ({g})")).unwrap_or_default();
                    html! {
                        <span class="mark position" data-client={client.to_string()}>
                            { format!("▼ {name}{group} reads next at {offset}") }
                        </span>
                    }
                }
                Mark::Committed { group, offset } => html! {
                    <span class="mark committed" data-group={group.clone()}>
                        { format!("✓ {group} committed {offset}") }
                    </span>
                },
            }) }
        </p>
    }
}

/// The leader's log of one partition, or a note that it is offline.
#[component]
pub fn PartitionLog(props: &PartitionLogProps) -> Html {
    let highlight = use_highlight();
    let p = &props.partition;
    let name = format!("{}-{}", props.topic, p.index);
    let touch = Touch::Partition(props.topic.to_string(), p.index);
    let lit = highlight.has(&touch);
    let head = match p.leader {
        Some(leader) => format!(
            "leader {leader}, epoch {} · replicas {} · ISR {}",
            p.leader_epoch,
            id_list(&p.replicas),
            id_list(&p.isr)
        ),
        None => format!(
            "offline: no leader; it waits for an in-sync replica ({}) to start",
            id_list(&p.isr)
        ),
    };
    html! {
        <section class={classes!("partition-log", lit.then_some("highlighted"), p.offline().then_some("offline"))}
            data-partition={p.index.to_string()} data-touch={touch.key()}
            data-leader={p.leader.map(|l| l.to_string()).unwrap_or_default()}
            aria-label={format!("Log of partition {name}")}>
            <h3>
                { name }
                <small class="partition-head">{ format!(" {head}") }</small>
                if p.under_replicated() && !p.offline() {
                    <span class="badge under-replicated" title="Fewer in-sync replicas than replicas">{ "under-replicated" }</span>
                }
            </h3>
            <LogRow partition={p.clone()} names={props.names.clone()} />
            { marks_line(&p.marks, &props.names) }
            <ReplicaBars partition={p.clone()} />
            if !p.removals.is_empty() {
                <ul class="gone" aria-label="Records removed just now">
                    { for p.removals.iter().map(|n| html! {
                        <li class={classes!("gone-line", n.rule)} data-rule={n.rule}
                            style={format!("opacity: {:.2}", 0.3 + 0.7 * f64::from(n.fade) / 100.0)}>
                            { n.text.clone() }
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
