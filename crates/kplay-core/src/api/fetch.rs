//! Fetch (1): consumers read records up to the high watermark.
//!
//! A fetch returns whole batches, starting with the batch that contains the fetch offset (the
//! client skips records before it), and at least one batch even if it exceeds the byte limits.
//! With too little data (`min_bytes`) it is parked as a long poll until data arrives or
//! `max_wait_ms` passes.

use std::sync::Arc;

use crate::error::ErrorCode;
use crate::ids::{LeaderEpoch, Offset, PartitionIndex, TopicName};
use crate::record::RecordBatch;

/// Whether a consumer sees records of open transactions. kplay has no transactions, so both read
/// up to the high watermark (the last stable offset equals it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IsolationLevel {
    /// `read_uncommitted`.
    #[default]
    ReadUncommitted,
    /// `read_committed`.
    ReadCommitted,
}

/// One partition to fetch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchPartition {
    /// The partition.
    pub partition: PartitionIndex,
    /// The offset to read from.
    pub fetch_offset: Offset,
    /// The most bytes to return for this partition (at least one batch is returned regardless).
    pub partition_max_bytes: i32,
    /// The leader epoch the client believes is current, or -1.
    pub current_leader_epoch: LeaderEpoch,
}

/// One topic to fetch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchTopic {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<FetchPartition>,
}

/// Fetch request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchRequest {
    /// How long to wait for `min_bytes`.
    pub max_wait_ms: i32,
    /// Answer as soon as this many bytes are available.
    pub min_bytes: i32,
    /// The most bytes in the whole response (at least one batch is returned regardless).
    pub max_bytes: i32,
    /// The isolation level.
    pub isolation_level: IsolationLevel,
    /// What to fetch.
    pub topics: Vec<FetchTopic>,
}

/// One partition's records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchPartitionResponse {
    /// The partition.
    pub partition: PartitionIndex,
    /// The error, if any.
    pub error: Option<ErrorCode>,
    /// The leader's high watermark.
    pub high_watermark: Offset,
    /// The last stable offset (the high watermark: kplay has no transactions).
    pub last_stable_offset: Offset,
    /// The log start offset.
    pub log_start_offset: Offset,
    /// Whole batches, the first containing the fetch offset. Empty, never absent, when there is
    /// nothing to read.
    pub batches: Vec<Arc<RecordBatch>>,
}

impl FetchPartitionResponse {
    /// A failed partition.
    pub fn error(partition: PartitionIndex, error: ErrorCode) -> Self {
        FetchPartitionResponse {
            partition,
            error: Some(error),
            high_watermark: Offset(-1),
            last_stable_offset: Offset(-1),
            log_start_offset: Offset(-1),
            batches: Vec::new(),
        }
    }

    /// The bytes of records returned.
    pub fn bytes(&self) -> usize {
        self.batches.iter().map(|b| b.size_bytes).sum()
    }
}

/// One topic's records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchTopicResponse {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<FetchPartitionResponse>,
}

/// Fetch response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchResponse {
    /// A top-level error, if any.
    pub error: Option<ErrorCode>,
    /// Per-topic results, in request order.
    pub topics: Vec<FetchTopicResponse>,
}
