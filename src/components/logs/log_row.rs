//! One partition's log as a row: ghosts of deleted segments, the log start, older records
//! elided, then each segment as a box of record cells (the active one marked) with the high
//! watermark and consumers' and groups' flags between the cells, ghosts of compacted records in
//! their gaps, and the log end.

use yew::prelude::*;

use super::log_parts::{ConsumerNames, Flag, cell, compacted_ghost, deleted_segment, flag, marker};
use crate::model::snapshot::{LogWindow, PartitionSnap, SegmentSnap};

/// Props of [`LogRow`].
#[derive(Properties, PartialEq)]
pub struct LogRowProps {
    /// The partition (with its log window).
    pub partition: PartitionSnap,
    /// Consumers' names, for their flags.
    pub names: ConsumerNames,
}

/// What sits at one offset inside a segment.
enum Item<'a> {
    Record(&'a crate::model::snapshot::Cell),
    Ghost(&'a crate::model::snapshot::Ghost),
}

/// Draws the flags standing at offsets up to `upto` (inclusive), taking them off `flags`.
fn flush(flags: &mut Vec<Flag>, upto: i64, names: &ConsumerNames, out: &mut Vec<Html>) {
    let (now, later): (Vec<Flag>, Vec<Flag>) = flags.drain(..).partition(|f| f.offset() <= upto);
    *flags = later;
    out.extend(now.iter().map(|f| flag(f, names, false)));
}

/// Where a segment box sits in the row: the first may open with the log start marker, the active one
/// closes with the LEO marker (so the markers wrap with the records they mark).
struct Ends {
    start: Option<Html>,
    leo: Option<Html>,
}

fn segment_box(
    p: &PartitionSnap,
    w: &LogWindow,
    seg: &SegmentSnap,
    flags: &mut Vec<Flag>,
    names: &ConsumerNames,
    ends: Ends,
) -> Html {
    let end = if seg.active { i64::MAX } else { seg.next_offset };
    let mut items: Vec<(i64, Item<'_>)> = w
        .cells
        .iter()
        .filter(|c| c.offset >= seg.base_offset && c.offset < end)
        .map(|c| (c.offset, Item::Record(c)))
        .chain(
            w.compacted
                .iter()
                .filter(|g| g.offset >= seg.base_offset && g.offset < end)
                .map(|g| (g.offset, Item::Ghost(g))),
        )
        .collect();
    kplay_core::sort::sort_by_key(&mut items, |(o, _)| *o);
    let mut inside: Vec<Html> = ends.start.into_iter().collect();
    for (offset, item) in &items {
        flush(flags, *offset, names, &mut inside);
        inside.push(match item {
            Item::Record(c) => cell(c, c.offset >= p.high_watermark),
            Item::Ghost(g) => compacted_ghost(g),
        });
    }
    flush(flags, if seg.active { p.log_end } else { seg.next_offset - 1 }, names, &mut inside);
    inside.extend(ends.leo);
    if items.is_empty() && !seg.active {
        inside
            .push(html! { <li key="empty" class="segment-empty">{ "empty: compacted away" }</li> });
    }
    let title = format!(
        "segment with base offset {}: {} record(s), {} bytes{}",
        seg.base_offset,
        seg.records,
        seg.bytes,
        if seg.active { "; the active segment, where new records are appended" } else { "" }
    );
    html! {
        <li key={format!("segment-{}", seg.base_offset)}
            class={classes!("segment", seg.active.then_some("active"))}
            data-base-offset={seg.base_offset.to_string()} data-active={seg.active.to_string()}
            {title}>
            <span class="segment-head">
                { format!("@{}", seg.base_offset) }
                if seg.active { <span class="segment-active">{ " active" }</span> }
            </span>
            <ol class="cells">{ for inside }</ol>
        </li>
    }
}

/// The row.
#[component]
pub fn LogRow(props: &LogRowProps) -> Html {
    let p = &props.partition;
    let Some(w) = &p.log else { return html! {} };
    let names = &props.names;
    let mut flags: Vec<Flag> = std::iter::once(Flag::HighWatermark(p.high_watermark))
        .chain(p.marks.iter().cloned().map(Flag::Mark))
        .collect();
    kplay_core::sort::sort_by_key(&mut flags, Flag::offset);
    let (before, rest): (Vec<Flag>, Vec<Flag>) =
        flags.into_iter().partition(|f| f.offset() < w.from);
    let mut flags = rest;
    let older = w.from - p.log_start;
    let start =
        || marker("start", "Log start offset: the oldest record kept", "log-start", p.log_start);
    let leo = || marker("LEO", "Log end offset: the offset the next record gets", "leo", p.log_end);
    let (start_inside, leo_inside) =
        (older <= 0 && !w.segments.is_empty(), w.segments.iter().any(|s| s.active));
    let last = w.segments.len().saturating_sub(1);
    let boxes: Vec<Html> = w
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let ends = Ends {
                start: (i == 0 && start_inside).then(start),
                leo: (s.active && i == last).then(leo),
            };
            segment_box(p, w, s, &mut flags, names, ends)
        })
        .collect();
    // One flat list of keyed items: yew diffs a list by key only when every item has one, and
    // otherwise replaces whatever moved, which here would redraw every cell every frame.
    let mut items: Vec<Html> = w.deleted.iter().map(deleted_segment).collect();
    if !start_inside {
        items.push(start());
    }
    if older > 0 {
        let more = if w.older_segments > 0 {
            format!(" in {} more segment(s)", w.older_segments)
        } else {
            String::new()
        };
        items.push(html! {
            <li key="elided" class="elided" title="Older records are not drawn">
                { format!("… {older} older{more}") }
            </li>
        });
    }
    items.extend(before.iter().map(|f| flag(f, names, true)));
    items.extend(boxes);
    if !leo_inside {
        items.push(leo());
    }
    items.extend(flags.iter().map(|f| flag(f, names, true)));
    html! {
        <ol class="log" aria-label="Records by offset, oldest first, in their segments, with the offset markers">
            { for items }
        </ol>
    }
}
