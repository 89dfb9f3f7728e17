//! One record of the log: its offset, with its key beneath.

use yew::prelude::*;

use crate::playground::RecordView;

/// Props of [`RecordCell`].
#[derive(Properties, PartialEq)]
pub struct RecordCellProps {
    /// The record to show.
    pub record: RecordView,
}

/// A cell showing a record's offset and key; the value is in the tooltip.
#[component]
pub fn RecordCell(props: &RecordCellProps) -> Html {
    let record = &props.record;
    let key = record.key.as_deref().unwrap_or("null");
    let value = record.value.as_deref().unwrap_or("null");
    let label = format!("offset {}, key {key}, value {value}", record.offset);
    html! {
        <li class="record" data-offset={record.offset.to_string()} aria-label={label}
            title={format!("value: {value}")}>
            <span class="record-offset">{ record.offset.to_string() }</span>
            <span class="record-key">{ key.to_owned() }</span>
        </li>
    }
}
