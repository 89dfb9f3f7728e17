//! The page's components, one per file, each rendering a piece of a [`ClusterView`] snapshot.
//!
//! Components take plain data as props and report clicks through callbacks; none of them holds
//! the engine or any state of its own.
//!
//! [`ClusterView`]: crate::driver::ClusterView

mod broker_card;
mod broker_list;
mod offset_marker;
mod partition_log;
mod partition_table;
mod produce_bar;
mod record_cell;
mod replica_ends;
mod status_line;

pub use broker_card::{BrokerCard, BrokerCardProps};
pub use broker_list::{BrokerList, BrokerListProps};
pub use offset_marker::{OffsetMarker, OffsetMarkerProps};
pub use partition_log::{PartitionLog, PartitionLogProps};
pub use partition_table::{PartitionTable, PartitionTableProps};
pub use produce_bar::{ProduceBar, ProduceBarProps};
pub use record_cell::{RecordCell, RecordCellProps};
pub use replica_ends::{ReplicaEnds, ReplicaEndsProps};
pub use status_line::{StatusLine, StatusLineProps};

use kplay_core::BrokerId;

/// Broker ids as people write them: `1, 2, 3`.
fn broker_list_text(ids: &[BrokerId]) -> String {
    ids.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}
