//! One partition's log as its leader holds it: cells coloured by key, the LSO, HW and LEO
//! markers, segment boundaries, consumer positions and committed offsets, and records that just
//! went away.

use yew::prelude::*;

use super::super::{id_list, use_highlight};
use crate::model::chronicle::{Gone, Removal, Touch};
use crate::model::snapshot::{Cell, Mark, PartitionSnap};

/// Props of [`PartitionLog`].
#[derive(Properties, PartialEq)]
pub struct PartitionLogProps {
    /// The topic.
    pub topic: AttrValue,
    /// The partition.
    pub partition: PartitionSnap,
    /// Records removed from it just now.
    #[prop_or_default]
    pub gone: Vec<Gone>,
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
            <h3>{ name }<small class="partition-head">{ format!(" {head}") }</small></h3>
            if let Some(window) = &p.log {
                <ol class="log" aria-label="Records, oldest first, with the offset markers">
                    if window.from > p.log_start {
                        <li class="elided" title="Older records are not drawn">
                            { format!("… {} older", window.from - p.log_start) }
                        </li>
                    }
                    { marker("LSO", "Log start offset", "lso", p.log_start, window.from == p.log_start) }
                    { for window.cells.iter().flat_map(|c| {
                        let boundary = window.segments.iter().any(|s| s.base_offset == c.offset && c.offset > p.log_start);
                        let hw = (c.offset == p.high_watermark).then(|| marker("HW", "High watermark", "hw", p.high_watermark, true));
                        [
                            boundary.then(|| html! { <li class="segment-boundary" title={format!("a new segment starts at offset {}", c.offset)}></li> }),
                            hw,
                            Some(cell(c, c.offset >= p.high_watermark, &p.marks)),
                        ]
                    }).flatten() }
                    if p.high_watermark == p.log_end {
                        { marker("HW", "High watermark", "hw", p.high_watermark, true) }
                    }
                    { marker("LEO", "Log end offset", "leo", p.log_end, true) }
                </ol>
                { marks_line(&p.marks) }
            }
            if !props.gone.is_empty() {
                <ul class="gone" aria-label="Records removed just now">
                    { for props.gone.iter().map(gone_line) }
                </ul>
            }
            <p class="replica-ends">
                { for p.replica_ends.iter().map(|r| html! {
                    <span class={classes!("replica-end", r.leader.then_some("leader"), (!r.in_isr).then_some("out-of-sync"), (!r.running).then_some("stopped"))}
                        data-broker-id={r.broker.to_string()}>
                        { format!("broker {}: LEO {}, HW {}", r.broker, r.log_end, r.high_watermark) }
                        { if r.leader { " (leader)" } else if !r.in_isr { " (out of sync)" } else { "" } }
                    </span>
                }) }
            </p>
        </section>
    }
}

fn marker(name: &str, title: &str, class: &'static str, offset: i64, show: bool) -> Html {
    if !show {
        return html! {};
    }
    html! {
        <li class={classes!("marker", class)} title={format!("{title}: {offset}")}>
            <span class="marker-name">{ name }</span>
            <span class="marker-value">{ offset.to_string() }</span>
        </li>
    }
}

fn cell(c: &Cell, uncommitted: bool, marks: &[Mark]) -> Html {
    let here: Vec<String> = marks
        .iter()
        .filter_map(|m| match m {
            Mark::Position { client, offset } if *offset == c.offset => {
                Some(format!("consumer {client} reads next"))
            }
            Mark::Committed { group, offset } if *offset == c.offset => {
                Some(format!("{group} committed"))
            }
            _ => None,
        })
        .collect();
    let key = c.key.clone().unwrap_or_else(|| "∅".into());
    let value = c.value.clone().unwrap_or_else(|| "tombstone (null value)".into());
    html! {
        <li key={c.offset} class={classes!("record", format!("key-{}", c.colour), uncommitted.then_some("uncommitted"), c.value.is_none().then_some("tombstone"))}
            data-offset={c.offset.to_string()}
            title={format!("offset {}: key {key}, value {value}{}", c.offset,
                if here.is_empty() { String::new() } else { format!(" · {}", here.join(", ")) })}>
            <span class="record-offset">{ c.offset.to_string() }</span>
            <span class="record-key">{ c.key.clone().unwrap_or_else(|| "∅".into()) }</span>
        </li>
    }
}

fn marks_line(marks: &[Mark]) -> Html {
    if marks.is_empty() {
        return html! {};
    }
    html! {
        <p class="marks">
            { for marks.iter().map(|m| match m {
                Mark::Position { client, offset } => html! {
                    <span class="mark position" data-client={client.to_string()}>{ format!("consumer {client} at {offset}") }</span>
                },
                Mark::Committed { group, offset } => html! {
                    <span class="mark committed" data-group={group.clone()}>{ format!("{group} committed {offset}") }</span>
                },
            }) }
        </p>
    }
}

fn gone_line(g: &Gone) -> Html {
    let text = match &g.removal {
        Removal::Retention { from, to, config } => {
            format!(
                "broker {}: offsets {from}..{to} deleted with their segment ({config})",
                g.broker
            )
        }
        Removal::Compaction { superseded, tombstones, .. } => format!(
            "broker {}: compaction removed {superseded} superseded record(s) and {tombstones} tombstone(s)",
            g.broker
        ),
        Removal::Truncation { to, removed } => {
            format!(
                "broker {}: truncated {removed} offset(s) back to {to}, matching its leader",
                g.broker
            )
        }
        Removal::UncleanLoss { from, to } => {
            format!(
                "unclean election: offsets {from}..{to} are lost (broker {} leads without them)",
                g.broker
            )
        }
    };
    html! { <li class="gone-line">{ text }</li> }
}
