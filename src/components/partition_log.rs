//! One partition's log as its leader holds it: a row of record cells, with the high watermark
//! marker where committed records end and the log end offset marker after the last record.

use kplay_core::Offset;
use yew::prelude::*;

use super::{OffsetMarker, RecordCell, ReplicaEnds, broker_list_text};
use crate::driver::PartitionRow;

/// Props of [`PartitionLog`].
#[derive(Properties, PartialEq)]
pub struct PartitionLogProps {
    /// The topic's name.
    pub topic: AttrValue,
    /// The partition.
    pub partition: PartitionRow,
}

/// The leader's log of one partition, or a note that the partition is offline.
#[component]
pub fn PartitionLog(props: &PartitionLogProps) -> Html {
    let p = &props.partition;
    let name = format!("{}-{}", props.topic, p.partition);
    let body = match (p.leader, p.high_watermark, p.log_end_offset) {
        (Some(leader), Some(hw), Some(leo)) => html! {
            <>
                <p class="partition-log-leader">
                    { format!("leader {leader}, epoch {}", p.leader_epoch) }
                </p>
                { strip(p, hw, leo) }
            </>
        },
        _ => html! {
            <p class="partition-offline" role="note">
                { format!(
                    "Offline: no leader. It waits for an in-sync replica (broker {}) to start.",
                    broker_list_text(&p.isr)
                ) }
            </p>
        },
    };
    html! {
        <section class="partition-log" data-partition={p.partition.to_string()}
            aria-label={format!("Log of partition {name}")}>
            <h3>{ name }</h3>
            { body }
            <ReplicaEnds leader={p.leader} ends={p.replica_ends.clone()} />
        </section>
    }
}

/// The cells, with the HW marker before the first record at or above it and the LEO marker at
/// the end.
fn strip(p: &PartitionRow, hw: Offset, leo: Offset) -> Html {
    let hw_marker = html! {
        <OffsetMarker key="hw" name="HW" title="High watermark" class="hw" offset={hw} />
    };
    let split = p.records.iter().position(|r| r.offset >= hw).unwrap_or(p.records.len());
    let (committed, uncommitted) = p.records.split_at(split);
    html! {
        <ol class="log" aria-label="Records, oldest first, with the high watermark and log end \
            offset">
            { for committed.iter().map(|r| html! {
                <RecordCell key={r.offset.0} record={r.clone()} committed={true} />
            }) }
            { hw_marker }
            { for uncommitted.iter().map(|r| html! {
                <RecordCell key={r.offset.0} record={r.clone()} committed={false} />
            }) }
            <OffsetMarker key="leo" name="LEO" title="Log end offset" class="leo" offset={leo} />
        </ol>
    }
}
