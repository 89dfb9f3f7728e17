//! The pieces a log row is made of: offset markers (log start, HW, LEO), flags for where consumers
//! stand and what groups committed, record cells, and ghosts of records that just went away.
use std::rc::Rc;

use yew::prelude::*;

use crate::model::snapshot::removals::{offsets_text, retention_why};
use crate::model::snapshot::{Cell, Ghost, GhostSegment, Mark};
use kplay_core::vec_map::VecMap;

/// The most offsets a ghost segment draws one by one; a bigger one is a single block.
pub const GHOST_CELLS_MAX: i64 = 40;

/// Consumers by client number: their `client.id` and group, to name their flags.
pub type ConsumerNames = Rc<VecMap<u32, (String, Option<String>)>>;

/// Something drawn between cells at an offset: the high watermark or a mark.
#[derive(Clone, Debug, PartialEq)]
pub enum Flag {
    /// The high watermark.
    HighWatermark(i64),
    /// A consumer's position or a group's committed offset.
    Mark(Mark),
}

impl Flag {
    /// The offset it stands at.
    pub fn offset(&self) -> i64 {
        match self {
            Flag::HighWatermark(o)
            | Flag::Mark(Mark::Position { offset: o, .. } | Mark::Committed { offset: o, .. }) => {
                *o
            }
        }
    }
}

/// A log start or LEO marker. Every item of a log row is keyed, so that as records arrive yew moves
/// and adds items instead of rewriting every cell in place.
pub(super) fn marker(name: &str, title: &'static str, class: &'static str, offset: i64) -> Html {
    html! {
        <li key={class} class={classes!("marker", class)} {title}>
            <span class="marker-name">{ name }</span>
            <span class="marker-value">{ offset.to_string() }</span>
        </li>
    }
}

/// A flag; `away` says it stands outside the drawn records (its offset is then spelled out).
pub(super) fn flag(f: &Flag, names: &ConsumerNames, away: bool) -> Html {
    let at = |o: i64| if away { format!(" @{o}") } else { String::new() };
    match f {
        Flag::HighWatermark(o) => html! {
            <li key="hw" class={classes!("marker", "hw")}
                title="High watermark: records before it are on every in-sync replica; consumers read only those.">
                <span class="marker-name">{ "HW" }</span>
                <span class="marker-value">{ o.to_string() }</span>
            </li>
        },
        Flag::Mark(Mark::Position { client, offset }) => {
            let (name, group) =
                names.get(client).cloned().unwrap_or_else(|| (format!("consumer {client}"), None));
            let group_text = group.map(|g| format!(" (group {g})")).unwrap_or_default();
            html! {
                <li key={format!("position-{client}")} class="log-mark position" data-client={client.to_string()} data-offset={offset.to_string()}
                    title={format!("{name}{group_text} fetches offset {offset} next")}>
                    <span class="mark-symbol" aria-hidden="true">{ "▼" }</span>
                    <span class="mark-name">{ format!("{name}{}", at(*offset)) }</span>
                </li>
            }
        }
        Flag::Mark(Mark::Committed { group, offset }) => html! {
            <li key={format!("committed-{group}")} class="log-mark committed" data-group={group.clone()} data-offset={offset.to_string()}
                title={format!("group {group} committed offset {offset}: after a restart or rebalance, its consumer starts here")}>
                <span class="mark-symbol" aria-hidden="true">{ "✓" }</span>
                <span class="mark-name">{ format!("{group}{}", at(*offset)) }</span>
            </li>
        },
    }
}

/// A record, keyed by its offset.
pub(super) fn cell(c: &Cell, uncommitted: bool) -> Html {
    html! { <RecordCell key={c.offset} cell={c.clone()} {uncommitted} /> }
}

/// Props of [`RecordCell`].
#[derive(Properties, PartialEq)]
pub(super) struct RecordCellProps {
    cell: Cell,
    uncommitted: bool,
}

/// One record cell. A component of its own so that, as a busy log changes every frame, yew
/// compares each cell's data and redraws only the cells that changed.
#[component]
pub(super) fn RecordCell(props: &RecordCellProps) -> Html {
    let c = &props.cell;
    let key = c.key.clone().unwrap_or_else(|| "∅".into());
    let value = c.value.clone().unwrap_or_else(|| "null (a tombstone)".into());
    let state = if props.uncommitted {
        " · above the high watermark: not on every in-sync replica yet, consumers cannot read it"
    } else {
        ""
    };
    // The key is drawn by CSS from `data-key` (`li.record[data-key]::after`): one element and
    // one text node per cell, where a busy log creates dozens of cells a frame.
    html! {
        <li class={classes!("record", format!("key-{}", c.colour), props.uncommitted.then_some("uncommitted"), c.value.is_none().then_some("tombstone"))}
            data-offset={c.offset.to_string()} data-colour={c.colour.to_string()}
            data-key={c.key.clone().unwrap_or_default()}
            title={format!("offset {}: key {key}, value {value}{state}", c.offset)}>
            { c.offset.to_string() }
        </li>
    }
}

fn opacity(fade: u8) -> String {
    format!("opacity: {:.2}", 0.15 + 0.75 * f64::from(fade) / 100.0)
}

/// A record compaction just removed, in the gap it left.
pub(super) fn compacted_ghost(g: &Ghost) -> Html {
    html! {
        <li key={format!("ghost-{}", g.offset)} class={classes!("record", "ghost", format!("key-{}", g.colour))}
            data-offset={g.offset.to_string()} data-rule="compaction" data-fade={g.fade.to_string()}
            data-colour={g.colour.to_string()} data-key={g.key.clone()}
            style={opacity(g.fade)} title={g.why()}>
            { g.offset.to_string() }
        </li>
    }
}

/// A segment retention just deleted, before the log start.
pub(super) fn deleted_segment(d: &GhostSegment) -> Html {
    let range = offsets_text(d.base_offset, d.next_offset);
    let title = format!("{range} deleted with their segment: {}", retention_why(d.config));
    let small = d.next_offset - d.base_offset <= GHOST_CELLS_MAX;
    html! {
        <li key={format!("deleted-{}", d.base_offset)} class="segment ghost"
            data-base-offset={d.base_offset.to_string()} data-next-offset={d.next_offset.to_string()}
            data-rule={d.config} data-fade={d.fade.to_string()} style={opacity(d.fade)} {title}>
            <span class="segment-head">{ format!("deleted · {}", d.config) }</span>
            <ol class="cells">
                if small {
                    { for (d.base_offset..d.next_offset).map(|o| html! {
                        <li key={o} class="record ghost" data-offset={o.to_string()} data-rule={d.config}>
                            { o.to_string() }
                        </li>
                    }) }
                } else {
                    <li class="ghost-range">{ range }</li>
                }
            </ol>
        </li>
    }
}
