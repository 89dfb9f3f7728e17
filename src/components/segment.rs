//! One segment of the log: a bordered group of record cells, labelled with its base offset and
//! how full it is against `segment.bytes`.

use yew::prelude::*;

use super::RecordCell;
use crate::playground::SegmentView;

/// Props of [`Segment`].
#[derive(Properties, PartialEq)]
pub struct SegmentProps {
    /// The segment to show.
    pub segment: SegmentView,
    /// The topic's `segment.bytes`, to show how full the segment is.
    pub segment_bytes: usize,
}

/// A segment and its records; the active segment is highlighted.
#[component]
pub fn Segment(props: &SegmentProps) -> Html {
    let segment = &props.segment;
    let base = segment.base_offset;
    let role = if segment.active { "active segment" } else { "segment" };
    let label = format!(
        "{role} at base offset {base}, {} of {} bytes",
        segment.size_bytes, props.segment_bytes
    );
    html! {
        <li class={classes!("segment", segment.active.then_some("active"))}
            data-base-offset={base.to_string()}>
            <div class="segment-header" aria-hidden="true">
                <span class="segment-name">{ format!("{:020}.log", base.0) }</span>
                <span class="segment-size">
                    { format!("{} / {} B", segment.size_bytes, props.segment_bytes) }
                </span>
            </div>
            <ol class="records" aria-label={label}>
                { for segment.records.iter().map(|r| html! {
                    <RecordCell key={r.offset.0} record={r.clone()} />
                }) }
            </ol>
        </li>
    }
}
