//! Produce (0): a producer's batches for some partitions, acknowledged per `acks`.
//!
//! The leader validates each batch (leadership, size, `min.insync.replicas`, idempotent
//! sequence), appends it, and answers at once for acks=1, after every ISR member has the batch for
//! acks=all (the request is parked until the high watermark passes it, or `timeout_ms`), and not
//! at all for acks=0.

use crate::error::{ErrorCode, KafkaError};
use crate::ids::{Offset, PartitionIndex, Timestamp, TopicName};
use crate::record::RecordBatch;

/// How many replicas must have a batch before the producer hears back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Acks {
    /// `acks=0`: no response at all.
    None,
    /// `acks=1`: once the leader has appended it.
    Leader,
    /// `acks=all` (-1): once every in-sync replica has it.
    All,
}

impl Acks {
    /// Parses the wire value, rejecting anything but -1, 0 and 1 with INVALID_REQUIRED_ACKS.
    pub fn from_wire(acks: i16) -> Result<Acks, ErrorCode> {
        match acks {
            0 => Ok(Acks::None),
            1 => Ok(Acks::Leader),
            -1 => Ok(Acks::All),
            _ => Err(ErrorCode::InvalidRequiredAcks),
        }
    }

    /// The wire value.
    pub fn to_wire(self) -> i16 {
        match self {
            Acks::None => 0,
            Acks::Leader => 1,
            Acks::All => -1,
        }
    }
}

/// One partition's batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProducePartition {
    /// The partition.
    pub partition: PartitionIndex,
    /// The batch (Produce v3+ carries exactly one per partition).
    pub batch: RecordBatch,
}

/// One topic's batches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProduceTopic {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<ProducePartition>,
}

/// Produce request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProduceRequest {
    /// `acks`.
    pub acks: Acks,
    /// How long an acks=all request may wait for the ISR.
    pub timeout_ms: i32,
    /// The batches.
    pub topics: Vec<ProduceTopic>,
}

/// One partition's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProducePartitionResponse {
    /// The partition.
    pub partition: PartitionIndex,
    /// The error, if any, with a message.
    pub error: Option<KafkaError>,
    /// The offset of the batch's first record, or -1.
    pub base_offset: Offset,
    /// The leader's append time for LogAppendTime topics, else -1.
    pub log_append_time: Timestamp,
    /// The partition's log start offset.
    pub log_start_offset: Offset,
}

impl ProducePartitionResponse {
    /// A failed partition.
    pub fn error(partition: PartitionIndex, error: impl Into<KafkaError>) -> Self {
        ProducePartitionResponse {
            partition,
            error: Some(error.into()),
            base_offset: Offset(-1),
            log_append_time: Timestamp::NONE,
            log_start_offset: Offset(-1),
        }
    }
}

/// One topic's results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProduceTopicResponse {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<ProducePartitionResponse>,
}

/// Produce response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProduceResponse {
    /// Per-topic results, in request order.
    pub topics: Vec<ProduceTopicResponse>,
}
