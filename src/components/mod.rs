//! The page's components, one per file, each rendering a piece of a [`LogView`] snapshot.
//!
//! Components take plain data as props and report clicks through callbacks; none of them holds
//! the engine or any state of its own.
//!
//! [`LogView`]: crate::playground::LogView

mod offset_marker;
mod partition_log;
mod produce_button;
mod record_cell;
mod segment;
mod status_line;

pub use offset_marker::{OffsetMarker, OffsetMarkerProps};
pub use partition_log::{PartitionLog, PartitionLogProps};
pub use produce_button::{ProduceButton, ProduceButtonProps};
pub use record_cell::{RecordCell, RecordCellProps};
pub use segment::{Segment, SegmentProps};
pub use status_line::{StatusLine, StatusLineProps};
