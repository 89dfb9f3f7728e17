//! Messages between brokers: followers fetching from leaders.
//!
//! Replication in kplay is what it is in Kafka: each follower broker sends its leader one fetch
//! covering every partition it follows there, with its log end offset and the epoch of its last
//! batch; the leader answers with batches, its high watermark and log start offset, or with a
//! diverging epoch that tells the follower where to truncate. The leader learns each follower's
//! log end offset from the fetch offset, which is how the high watermark and the ISR move.
//!
//! These messages leave the engine through [`Output::ToBroker`](crate::engine::Output) and come
//! back through [`Engine::deliver`](crate::engine::Engine::deliver), so a simulated network can
//! delay, drop or partition them; a driver with no network model delivers them at once.

use std::sync::Arc;

use crate::error::ErrorCode;
use crate::ids::{BrokerId, LeaderEpoch, Offset, TopicPartition};
use crate::record::RecordBatch;

/// A message from one broker to another.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    /// The sender.
    pub from: BrokerId,
    /// The recipient.
    pub to: BrokerId,
    /// The message.
    pub message: BrokerMessage,
}

/// What brokers say to each other.
#[derive(Clone, Debug, PartialEq)]
pub enum BrokerMessage {
    /// A follower's fetch.
    Fetch(ReplicaFetchRequest),
    /// The leader's answer.
    FetchResponse(ReplicaFetchResponse),
}

/// One partition in a follower's fetch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaFetchPartition {
    /// The partition.
    pub partition: TopicPartition,
    /// The leader epoch the follower believes is current.
    pub current_leader_epoch: LeaderEpoch,
    /// The follower's log end offset: where to read from.
    pub fetch_offset: Offset,
    /// The epoch of the follower's last batch, for divergence checks.
    pub last_fetched_epoch: Option<LeaderEpoch>,
}

/// A follower's fetch (Kafka's Fetch with a replica id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaFetchRequest {
    /// Identifies the fetch, so a late answer to an abandoned one is ignored.
    pub session: u64,
    /// The partitions the follower follows on this leader.
    pub partitions: Vec<ReplicaFetchPartition>,
}

/// One partition in the leader's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaFetchedPartition {
    /// The partition.
    pub partition: TopicPartition,
    /// NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH, OFFSET_OUT_OF_RANGE, …
    pub error: Option<ErrorCode>,
    /// The leader's high watermark.
    pub high_watermark: Offset,
    /// The leader's log start offset.
    pub log_start_offset: Offset,
    /// The leader's log end offset (what Kafka's follower asks ListOffsets for after
    /// OFFSET_OUT_OF_RANGE).
    pub log_end_offset: Offset,
    /// Set when the follower's log diverged: the largest epoch the leader knows that is not after
    /// the follower's last fetched epoch, and where it ended in the leader's log.
    pub diverging_epoch: Option<(LeaderEpoch, Offset)>,
    /// Batches from the fetch offset.
    pub batches: Vec<Arc<RecordBatch>>,
}

/// The leader's answer to a follower's fetch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaFetchResponse {
    /// The fetch this answers.
    pub session: u64,
    /// Per-partition results.
    pub partitions: Vec<ReplicaFetchedPartition>,
}
