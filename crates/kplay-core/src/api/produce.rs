//! Produce (0): a producer's batches for some partitions, acknowledged per `acks`.
//!
//! The leader validates each batch (leadership, size, `min.insync.replicas`, idempotent
//! sequence), appends it, and answers at once for acks=1, after every ISR member has the batch for
//! acks=all (the request is parked until the high watermark passes it, or `timeout_ms`), and not
//! at all for acks=0.

use crate::broker::ParkedProduce;
use crate::engine::{Engine, Handled, RequestContext, Timer, Verdict};
use crate::error::{ErrorCode, KafkaError};
use crate::event::Event;
use crate::ids::{BrokerId, Offset, PartitionIndex, Timestamp, TopicName, TopicPartition};
use crate::log::LeaderAppend;
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

/// A partition the leader appended to.
struct Appended {
    response: ProducePartitionResponse,
    /// The offset the high watermark must reach for acks=all.
    required: Offset,
}

impl Engine {
    pub(crate) fn handle_produce(
        &mut self,
        ctx: RequestContext,
        request: ProduceRequest,
    ) -> Handled {
        let mut response = ProduceResponse { topics: Vec::with_capacity(request.topics.len()) };
        let mut waiting = Vec::new();
        for (ti, topic) in request.topics.into_iter().enumerate() {
            let mut partitions = Vec::with_capacity(topic.partitions.len());
            for (pi, part) in topic.partitions.into_iter().enumerate() {
                let tp = TopicPartition { topic: topic.name.clone(), partition: part.partition };
                match self.append_to_leader(ctx.broker, &tp, part.batch, request.acks) {
                    Ok(appended) => {
                        if request.acks == Acks::All {
                            waiting.push((ti, pi, tp, appended.required));
                        }
                        partitions.push(appended.response);
                    }
                    Err(error) => {
                        self.emit(Event::ProduceFailed {
                            partition: tp,
                            broker: ctx.broker,
                            error: error.code,
                        });
                        partitions.push(ProducePartitionResponse::error(part.partition, error));
                    }
                }
            }
            response.topics.push(ProduceTopicResponse { name: topic.name, partitions });
        }
        match request.acks {
            Acks::None => Handled::NoResponse,
            Acks::Leader => Handled::Response(response.into()),
            Acks::All => self.park_produce(ctx, response, waiting, request.timeout_ms),
        }
    }

    /// Appends a batch at the partition's leader, or says why not.
    fn append_to_leader(
        &mut self,
        broker: BrokerId,
        tp: &TopicPartition,
        batch: RecordBatch,
        acks: Acks,
    ) -> Result<Appended, KafkaError> {
        let now = self.now;
        let Some(topic) = self.image.topics.get(&tp.topic) else {
            return Err(ErrorCode::UnknownTopicOrPartition.into());
        };
        if topic.internal {
            return Err(KafkaError::new(
                ErrorCode::InvalidTopicException,
                format!("Cannot append to internal topic {}", tp.topic),
            ));
        }
        if topic.partition(tp.partition).is_none() {
            return Err(ErrorCode::UnknownTopicOrPartition.into());
        }
        // The leader acts on what it knows, which is stale if it cannot reach the controller.
        let Some(state) = self.partition_seen_by(broker, tp) else {
            return Err(ErrorCode::UnknownTopicOrPartition.into());
        };
        if state.leader != Some(broker) {
            return Err(ErrorCode::NotLeaderOrFollower.into());
        }
        let min_isr = topic.config.min_insync_replicas;
        if acks == Acks::All && (state.isr.len() as i32) < min_isr {
            return Err(KafkaError::new(
                ErrorCode::NotEnoughReplicas,
                format!(
                    "The size of the current ISR {:?} is insufficient to satisfy the min.isr requirement of {min_isr} for partition {tp}",
                    state.isr.iter().map(|b| b.0).collect::<Vec<_>>()
                ),
            ));
        }
        let config = topic.config.clone();
        let epoch = state.leader_epoch;
        let replica = self.brokers.get_mut(&broker).and_then(|n| n.replicas.get_mut(tp));
        let Some(replica) = replica.filter(|r| r.leader.is_some()) else {
            return Err(ErrorCode::NotLeaderOrFollower.into());
        };
        let log_start_offset = replica.log.log_start_offset();
        let producer_id = batch.producer_id;
        match replica.log.append_as_leader(batch, epoch, now, &config)? {
            LeaderAppend::Appended(appended) => {
                let batch = &appended.batch;
                let base_offset = batch.base_offset;
                if let Some(reason) = appended.rolled {
                    self.emit(Event::rolled(tp, broker, base_offset, reason));
                }
                self.emit(Event::RecordsAppended {
                    partition: tp.clone(),
                    broker,
                    base_offset,
                    last_offset: batch.last_offset(),
                    bytes: batch.size_bytes,
                    producer_id: batch.is_idempotent().then_some(batch.producer_id),
                });
                let required = batch.next_offset();
                self.wake_replica_fetches(broker, tp);
                self.maybe_advance_high_watermark(broker, tp);
                let response = ProducePartitionResponse {
                    partition: tp.partition,
                    error: None,
                    base_offset,
                    log_append_time: appended.log_append_time.unwrap_or(Timestamp::NONE),
                    log_start_offset,
                };
                Ok(Appended { response, required })
            }
            LeaderAppend::Duplicate(meta) => {
                self.emit(Event::DuplicateBatch {
                    partition: tp.clone(),
                    producer_id,
                    base_sequence: meta.first_sequence,
                    base_offset: meta.first_offset,
                });
                let response = ProducePartitionResponse {
                    partition: tp.partition,
                    error: None,
                    base_offset: meta.first_offset,
                    log_append_time: Timestamp::NONE,
                    log_start_offset,
                };
                Ok(Appended { response, required: meta.last_offset.plus(1) })
            }
        }
    }

    /// acks=all: answer now if every partition is already replicated (or failed), else park
    /// until the high watermark passes each batch or `timeout_ms` is over.
    fn park_produce(
        &mut self,
        ctx: RequestContext,
        mut response: ProduceResponse,
        mut waiting: Vec<(usize, usize, TopicPartition, Offset)>,
        timeout_ms: i32,
    ) -> Handled {
        waiting.retain(|(ti, pi, tp, required)| match self.produce_verdict(ctx.broker, tp) {
            Verdict::Replicated { high_watermark, .. } if *required > high_watermark => true,
            Verdict::Replicated { isr_error: None, .. } => false,
            Verdict::Replicated { isr_error: Some(e), .. } | Verdict::Fail(e) => {
                response.topics[*ti].partitions[*pi].error = Some(e);
                false
            }
        });
        if waiting.is_empty() {
            return Handled::Response(response.into());
        }
        let id = self.next_id();
        let at = self.now.plus_ms(i64::from(timeout_ms.max(0)));
        let timer = self.timers.schedule(at, Timer::ProduceTimeout { broker: ctx.broker, id });
        let (client, request) = (ctx.client, ctx.request);
        let parked = ParkedProduce { id, client, request, response, waiting, timer };
        if let Some(node) = self.brokers.get_mut(&ctx.broker) {
            node.parked_produces.push(parked);
        }
        Handled::Parked
    }
}
