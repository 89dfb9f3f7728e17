//! Partitions as logs: for the topic being drawn, each partition's newest records as cells
//! coloured by key inside their segments, with log start, high watermark and log end markers,
//! where consumers and groups stand, every replica's progress, and records that retention,
//! compaction or truncation just removed, fading out with the rule that removed them. A topic
//! too big to draw cell by cell is summarised as tiles.

mod key_legend;
mod log_parts;
mod log_row;
mod partition_log;
mod partition_tiles;
mod replica_bars;
mod topic_logs;

pub use key_legend::{KeyLegend, KeyLegendProps};
pub use log_parts::{ConsumerNames, Flag, GHOST_CELLS_MAX};
pub use log_row::{LogRow, LogRowProps};
pub use partition_log::{PartitionLog, PartitionLogProps};
pub use partition_tiles::{PartitionTiles, PartitionTilesProps};
pub use replica_bars::{ReplicaBars, ReplicaBarsProps};
pub use topic_logs::{TopicLogs, TopicLogsProps};
