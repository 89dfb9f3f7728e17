//! One record of a log: its offset, with its key beneath.

use yew::prelude::*;

use crate::driver::RecordView;

/// Props of [`RecordCell`].
#[derive(Properties, PartialEq)]
pub struct RecordCellProps {
    /// The record to show.
    pub record: RecordView,
    /// Whether it is below the high watermark (on every in-sync replica, readable).
    pub committed: bool,
}

/// A cell showing a record's offset and key; the value is in the tooltip.
#[component]
pub fn RecordCell(props: &RecordCellProps) -> Html {
    let record = &props.record;
    let key = record.key.as_deref().unwrap_or("null");
    let value = record.value.as_deref().unwrap_or("null");
    let state = if props.committed { "committed" } else { "not yet committed" };
    let label = format!("offset {}, key {key}, {state}", record.offset);
    html! {
        <li class={classes!("record", (!props.committed).then_some("uncommitted"))}
            data-offset={record.offset.to_string()} aria-label={label}
            title={format!("value: {value}")}>
            <span class="record-offset">{ record.offset.to_string() }</span>
            <span class="record-key">{ key.to_owned() }</span>
        </li>
    }
}
