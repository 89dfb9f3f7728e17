//! Partitions as logs: for the topic being drawn, each partition's newest records as cells
//! coloured by key, with log start, high watermark and log end markers, its segments, where
//! consumers and groups stand, and records that retention or compaction just removed. A topic too
//! big to draw cell by cell is summarised.

mod partition_log;
mod topic_logs;

pub use partition_log::{PartitionLog, PartitionLogProps};
pub use topic_logs::{TopicLogs, TopicLogsProps};
