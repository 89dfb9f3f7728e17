//! ListOffsets (2): the earliest, latest, or first-at-a-timestamp offset of partitions.

use crate::error::ErrorCode;
use crate::ids::{LeaderEpoch, Offset, PartitionIndex, Timestamp, TopicName};

use super::IsolationLevel;

/// Which offset to look up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffsetSpec {
    /// `-2`: the log start offset.
    Earliest,
    /// `-1`: the high watermark (what a consumer could read next).
    Latest,
    /// `-3`: the offset of the record with the largest timestamp.
    MaxTimestamp,
    /// The first offset whose timestamp is at or after this one.
    Timestamp(Timestamp),
}

impl OffsetSpec {
    /// Parses Kafka's wire encoding: -2, -1, -3 (and -4 / -5, the tiered-storage variants,
    /// which mean earliest / latest here), or a timestamp.
    pub fn from_wire(timestamp: i64) -> OffsetSpec {
        match timestamp {
            -2 | -4 => OffsetSpec::Earliest,
            -1 | -5 => OffsetSpec::Latest,
            -3 => OffsetSpec::MaxTimestamp,
            ts => OffsetSpec::Timestamp(Timestamp(ts)),
        }
    }
}

/// One partition to look up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListOffsetsPartition {
    /// The partition.
    pub partition: PartitionIndex,
    /// What to look up.
    pub spec: OffsetSpec,
    /// The leader epoch the client believes is current, or -1.
    pub current_leader_epoch: LeaderEpoch,
}

/// One topic to look up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListOffsetsTopic {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<ListOffsetsPartition>,
}

/// ListOffsets request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListOffsetsRequest {
    /// The isolation level.
    pub isolation_level: IsolationLevel,
    /// What to look up.
    pub topics: Vec<ListOffsetsTopic>,
}

/// One partition's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListOffsetsPartitionResponse {
    /// The partition.
    pub partition: PartitionIndex,
    /// The error, if any.
    pub error: Option<ErrorCode>,
    /// The timestamp of the found record, or -1.
    pub timestamp: Timestamp,
    /// The found offset, or -1 if no record is that recent.
    pub offset: Offset,
    /// The leader epoch of the found record.
    pub leader_epoch: LeaderEpoch,
}

/// One topic's answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListOffsetsTopicResponse {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<ListOffsetsPartitionResponse>,
}

/// ListOffsets response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListOffsetsResponse {
    /// Per-topic answers, in request order.
    pub topics: Vec<ListOffsetsTopicResponse>,
}
