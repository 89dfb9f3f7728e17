//! Fetch (1): consumers read records up to the high watermark, or, `read_committed`, up to the
//! last stable offset, with the aborted transactions among what they read.
//!
//! A fetch returns whole batches, starting with the batch that contains the fetch offset (the
//! client skips records before it), and at least one batch even if it exceeds the byte limits.
//! With too little data (`min_bytes`) it is parked as a long poll until data arrives or
//! `max_wait_ms` passes.

use std::sync::Arc;

use crate::broker::{ParkedFetch, Replica};
use crate::engine::{Engine, Handled, RequestContext, Timer};
use crate::error::ErrorCode;
use crate::ids::{BrokerId, LeaderEpoch, Offset, PartitionIndex, TopicName, TopicPartition};
use crate::log::AbortedTxn;
use crate::record::RecordBatch;

/// Whether a consumer sees records of open and aborted transactions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IsolationLevel {
    /// `read_uncommitted`: everything up to the high watermark.
    #[default]
    ReadUncommitted,
    /// `read_committed`: up to the last stable offset; the client drops aborted transactions.
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
    /// The last stable offset: the high watermark, or the first offset of the earliest open
    /// transaction if that is lower.
    pub last_stable_offset: Offset,
    /// The log start offset.
    pub log_start_offset: Offset,
    /// For `read_committed`, the aborted transactions overlapping the batches returned (the
    /// client skips their records); `None` for `read_uncommitted`.
    pub aborted_transactions: Option<Vec<AbortedTxn>>,
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
            aborted_transactions: None,
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

/// What reading a fetch found.
pub(crate) struct FetchOutcome {
    pub(crate) response: FetchResponse,
    bytes: usize,
    has_error: bool,
}

impl FetchOutcome {
    /// Whether the fetch can be answered now: enough bytes, or an error to report.
    pub(crate) fn satisfies(&self, request: &FetchRequest) -> bool {
        self.has_error || self.bytes >= usize::try_from(request.min_bytes.max(1)).unwrap_or(1)
    }
}

impl Engine {
    pub(crate) fn handle_fetch(&mut self, ctx: RequestContext, request: FetchRequest) -> Handled {
        let outcome = self.read_fetch(ctx.broker, &request);
        if request.max_wait_ms <= 0 || outcome.satisfies(&request) {
            return Handled::Response(outcome.response.into());
        }
        let id = self.next_id();
        let at = self.now.plus_ms(i64::from(request.max_wait_ms));
        let timer = self.timers.schedule(at, Timer::FetchTimeout { broker: ctx.broker, id });
        let parked =
            ParkedFetch { id, client: ctx.client, request_id: ctx.request, request, timer };
        if let Some(node) = self.brokers.get_mut(&ctx.broker) {
            node.parked_fetches.push(parked);
        }
        Handled::Parked
    }

    /// The leader's replica of `tp` at `broker`, for a client that believes `current_leader_epoch`
    /// (-1: no opinion) is current: UNKNOWN_TOPIC_OR_PARTITION, NOT_LEADER_OR_FOLLOWER,
    /// FENCED_LEADER_EPOCH (the client is behind) or UNKNOWN_LEADER_EPOCH (ahead) otherwise.
    pub(crate) fn leader_replica(
        &self,
        broker: BrokerId,
        tp: &TopicPartition,
        current_leader_epoch: LeaderEpoch,
    ) -> Result<&Replica, ErrorCode> {
        let state = self.partition_seen_by(broker, tp).ok_or(ErrorCode::UnknownTopicOrPartition)?;
        let replica = self.replica(broker, tp);
        let replica = replica.filter(|r| r.leader.is_some() && state.leader == Some(broker));
        let replica = replica.ok_or(ErrorCode::NotLeaderOrFollower)?;
        if current_leader_epoch.0 >= 0 && current_leader_epoch < state.leader_epoch {
            return Err(ErrorCode::FencedLeaderEpoch);
        }
        if current_leader_epoch > state.leader_epoch {
            return Err(ErrorCode::UnknownLeaderEpoch);
        }
        Ok(replica)
    }

    /// Reads a consumer's fetch at `broker` as things stand: for each partition, whole batches
    /// from the fetch offset up to the high watermark, within the partition's and the
    /// response's byte limits, except that the first batch found is returned whatever its size.
    pub(crate) fn read_fetch(&self, broker: BrokerId, request: &FetchRequest) -> FetchOutcome {
        let mut remaining = usize::try_from(request.max_bytes).unwrap_or(0);
        let mut bytes = 0;
        let mut has_error = false;
        let topics = request
            .topics
            .iter()
            .map(|topic| FetchTopicResponse {
                name: topic.name.clone(),
                partitions: topic
                    .partitions
                    .iter()
                    .map(|p| {
                        let tp =
                            TopicPartition { topic: topic.name.clone(), partition: p.partition };
                        let limit =
                            usize::try_from(p.partition_max_bytes).unwrap_or(0).min(remaining);
                        let isolation = request.isolation_level;
                        let part =
                            self.read_partition(broker, &tp, p, isolation, limit, bytes == 0);
                        let got = part.bytes();
                        bytes += got;
                        remaining = remaining.saturating_sub(got);
                        has_error |= part.error.is_some();
                        part
                    })
                    .collect(),
            })
            .collect();
        FetchOutcome { response: FetchResponse { error: None, topics }, bytes, has_error }
    }

    fn read_partition(
        &self,
        broker: BrokerId,
        tp: &TopicPartition,
        p: &FetchPartition,
        isolation: IsolationLevel,
        max_bytes: usize,
        min_one: bool,
    ) -> FetchPartitionResponse {
        let replica = match self.leader_replica(broker, tp, p.current_leader_epoch) {
            Ok(replica) => replica,
            Err(e) => return FetchPartitionResponse::error(p.partition, e),
        };
        let high_watermark = replica.high_watermark;
        let last_stable_offset = replica.log.last_stable_offset(high_watermark);
        let upto = match isolation {
            IsolationLevel::ReadUncommitted => high_watermark,
            IsolationLevel::ReadCommitted => last_stable_offset,
        };
        let mut batches = Vec::new();
        let read = replica.log.read(p.fetch_offset, upto, max_bytes, min_one, &mut batches);
        let aborted_transactions = (isolation == IsolationLevel::ReadCommitted).then(|| {
            let end = batches.last().map_or(p.fetch_offset, |b| b.next_offset());
            replica.log.aborted_transactions(p.fetch_offset, end)
        });
        FetchPartitionResponse {
            partition: p.partition,
            error: read.err(),
            high_watermark,
            last_stable_offset,
            log_start_offset: replica.log.log_start_offset(),
            aborted_transactions,
            batches,
        }
    }
}
