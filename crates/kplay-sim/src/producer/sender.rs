//! The sender: requests out (Metadata, InitProducerId, Produce) and what the producer does with
//! each answer — acknowledge, retry after `retry.backoff.ms`, or fail.

use kplay_core::api::{
    Acks, InitProducerIdRequest, MetadataRequest, ProducePartition, ProduceRequest, ProduceTopic,
    Response,
};
use kplay_core::vec_map::VecMap;
use kplay_core::{
    BrokerId, ErrorCode, Offset, ProducerEpoch, ProducerId, RecordBatch, TopicPartition,
};

use crate::action::AcksSpec;
use crate::client::{ClientEvent, Io, Reply};

use super::accumulator::Batch;
use super::{AckedBatch, Producer};

/// What a request in flight was for.
#[derive(Clone, Debug)]
pub(crate) enum Pending {
    Metadata,
    InitProducerId,
    Produce(Vec<(TopicPartition, Batch)>),
}

fn acks(spec: AcksSpec) -> Acks {
    match spec {
        AcksSpec::None => Acks::None,
        AcksSpec::Leader => Acks::Leader,
        AcksSpec::All => Acks::All,
    }
}

impl Producer {
    pub(super) fn refresh_metadata_if_needed(&mut self, io: &mut Io<'_>) {
        if !self.meta.needs_refresh(io.now) || self.requests.any(|p| matches!(p, Pending::Metadata))
        {
            return;
        }
        self.meta.requested(io.now);
        let Some(broker) = self.meta.pick_broker(io.bootstrap) else { return };
        let request = MetadataRequest {
            topics: Some(vec![self.spec.topic.as_str().into()]),
            allow_auto_topic_creation: true,
        };
        self.requests.send(io, broker, request.into(), Pending::Metadata);
    }

    pub(super) fn init_producer_id_if_needed(&mut self, io: &mut Io<'_>) {
        if !self.spec.idempotence
            || self.producer_id.is_some()
            || self.requests.any(|p| matches!(p, Pending::InitProducerId))
        {
            return;
        }
        let Some(broker) = self.meta.pick_broker(io.bootstrap) else { return };
        let request = InitProducerIdRequest {
            transactional_id: None,
            transaction_timeout_ms: 60_000,
            producer_id: ProducerId::NONE,
            producer_epoch: ProducerEpoch::NONE,
        };
        self.requests.send(io, broker, request.into(), Pending::InitProducerId);
    }

    /// Sends every ready batch whose leader has room for another request.
    pub(super) fn drain(&mut self, io: &mut Io<'_>) {
        if self.spec.idempotence && self.producer_id.is_none() {
            return;
        }
        let mut by_leader: VecMap<BrokerId, Vec<TopicPartition>> = VecMap::new();
        for (tp, queue) in &self.queues {
            let Some(front) = queue.front() else { continue };
            let full = front.bytes >= self.spec.batch_size || queue.len() > 1;
            let lingered = io.now.ms_since(front.created) >= self.spec.linger_ms;
            if !(full || lingered || front.attempts > 0) || front.not_before > io.now {
                continue;
            }
            if let Some(leader) = self.meta.leader(&tp.topic, tp.partition.0) {
                by_leader.entry(leader).or_default().push(tp.clone());
            }
        }
        for (leader, partitions) in by_leader {
            if self.requests.to_broker(leader) >= self.spec.max_in_flight.max(1) as usize {
                continue;
            }
            let batches: Vec<(TopicPartition, Batch)> = partitions
                .into_iter()
                .filter_map(|tp| {
                    let batch = self.queues.get_mut(&tp)?.pop_front()?;
                    Some((tp, batch))
                })
                .map(|(tp, mut batch)| {
                    batch.attempts += 1;
                    if self.spec.idempotence && batch.sequenced_under != self.producer_id {
                        let next = self.sequences.entry(tp.clone()).or_insert(0);
                        batch.base_sequence = Some(*next);
                        batch.sequenced_under = self.producer_id;
                        *next = next.wrapping_add(batch.records.len() as i32) & i32::MAX;
                    }
                    (tp, batch)
                })
                .collect();
            self.send_batches(io, leader, batches);
        }
        self.queues.retain(|_, q| !q.is_empty());
    }

    fn send_batches(
        &mut self,
        io: &mut Io<'_>,
        leader: BrokerId,
        batches: Vec<(TopicPartition, Batch)>,
    ) {
        let mut topics: Vec<ProduceTopic> = Vec::new();
        for (tp, batch) in &batches {
            let mut records = RecordBatch::new(batch.records.clone());
            if let (Some((id, epoch)), Some(seq)) = (self.producer_id, batch.base_sequence) {
                records = records.with_producer(id, epoch, seq);
            }
            let partition = ProducePartition { partition: tp.partition, batch: records };
            match topics.iter_mut().find(|t| t.name == tp.topic) {
                Some(t) => t.partitions.push(partition),
                None => topics
                    .push(ProduceTopic { name: tp.topic.clone(), partitions: vec![partition] }),
            }
        }
        let timeout_ms = i32::try_from(self.spec.request_timeout_ms).unwrap_or(i32::MAX);
        let request = ProduceRequest { acks: acks(self.spec.acks), timeout_ms, topics };
        let summary = batches.iter().map(|(tp, b)| (tp.clone(), b.records.len())).collect();
        io.event(ClientEvent::BatchesSent { broker: leader, batches: summary });
        if self.spec.acks == AcksSpec::None {
            // No answer will come: the batches count as sent and done (offset unknown).
            self.requests.send(io, leader, request.into(), Pending::Metadata);
            let correlation = io.out.last().map(|o| o.correlation).unwrap_or_default();
            self.requests.take(correlation);
            for (tp, batch) in batches {
                self.acknowledge(io, tp, batch, Offset(-1));
            }
            return;
        }
        self.requests.send(io, leader, request.into(), Pending::Produce(batches));
    }

    fn acknowledge(
        &mut self,
        io: &mut Io<'_>,
        partition: TopicPartition,
        batch: Batch,
        base_offset: Offset,
    ) {
        let records = batch.records.len();
        self.stats.acknowledged += records as u64;
        let acks_all = self.spec.acks == AcksSpec::All;
        io.event(ClientEvent::BatchAcknowledged {
            partition: partition.clone(),
            base_offset,
            records,
            acks_all,
        });
        if self.keep_acked && base_offset.0 >= 0 {
            let values = batch.records.into_iter().map(|r| r.value).collect();
            self.acked.push(AckedBatch { partition, base_offset, values, acks_all });
        }
    }

    /// A batch failed: retried after the back-off if it may be, else failed for good.
    fn retry_or_fail(
        &mut self,
        io: &mut Io<'_>,
        tp: TopicPartition,
        mut batch: Batch,
        error: Option<ErrorCode>,
    ) {
        // As in Java, an out-of-order sequence while an earlier batch of the partition is still
        // unacknowledged is the gap that batch leaves: retry behind it rather than fail.
        let behind_earlier = error == Some(ErrorCode::OutOfOrderSequenceNumber)
            && self.has_earlier_unacknowledged(&tp, batch.base_sequence);
        let retriable = behind_earlier || error.is_none_or(|e| e.is_retriable());
        let expired = io.now.ms_since(batch.created) >= self.spec.delivery_timeout_ms;
        if retriable && !expired && batch.attempts <= self.spec.retries {
            io.event(ClientEvent::BatchRetried {
                partition: tp.clone(),
                error,
                attempt: batch.attempts + 1,
            });
            batch.not_before = io.now.plus_ms(self.spec.retry_backoff_ms);
            let queue = self.queues.entry(tp).or_default();
            // Back to the front, in sequence order, ahead of batches never sent.
            let pos = queue
                .iter()
                .position(|b| b.attempts == 0 || b.base_sequence > batch.base_sequence)
                .unwrap_or(queue.len());
            queue.insert(pos, batch);
            return;
        }
        self.stats.failed += batch.records.len() as u64;
        io.event(ClientEvent::BatchFailed { partition: tp, error, records: batch.records.len() });
        if self.spec.idempotence {
            // Sequence numbers after a lost batch would be out of order: get a new producer id,
            // as the Java client does; batches not yet acknowledged are numbered again under it.
            self.producer_id = None;
            self.sequences.clear();
        }
    }

    /// Whether a batch of `tp` numbered before `sequence` is queued or in flight.
    fn has_earlier_unacknowledged(&self, tp: &TopicPartition, sequence: Option<i32>) -> bool {
        let earlier = |b: &Batch| b.base_sequence.is_some() && b.base_sequence < sequence;
        let queued = self.queues.get(tp).is_some_and(|q| q.iter().any(earlier));
        let in_flight = self.requests.pending().any(|p| match p {
            Pending::Produce(batches) => batches.iter().any(|(t, b)| t == tp && earlier(b)),
            _ => false,
        });
        queued || in_flight
    }

    /// Requests that got no answer in `request.timeout.ms` are treated as disconnected.
    pub(super) fn expire_requests(&mut self, io: &mut Io<'_>) {
        for (broker, pending) in self.requests.expired(io.now, self.spec.request_timeout_ms) {
            self.handle(io, broker, pending, Reply::Disconnected);
        }
    }

    /// An answer (or a disconnection) for request `correlation`.
    pub(crate) fn on_reply(&mut self, io: &mut Io<'_>, correlation: u64, reply: Reply) {
        if let Some((broker, pending)) = self.requests.take(correlation) {
            let failed = reply == Reply::Disconnected;
            self.handle(io, broker, pending, reply);
            if failed {
                for (broker, pending) in self.requests.disconnect(broker) {
                    self.handle(io, broker, pending, Reply::Disconnected);
                }
            }
        }
        self.wake(io);
    }

    fn handle(&mut self, io: &mut Io<'_>, broker: BrokerId, pending: Pending, reply: Reply) {
        match (pending, reply) {
            (Pending::Metadata, Reply::Response(Response::Metadata(m))) => {
                self.meta.update(&m, io.now);
                let incomplete = m
                    .topics
                    .iter()
                    .any(|t| t.error.is_some() || t.partitions.iter().any(|p| p.error.is_some()));
                self.meta.stale = incomplete;
            }
            (Pending::InitProducerId, Reply::Response(Response::InitProducerId(r)))
                if r.error.is_none() =>
            {
                self.producer_id = Some((r.producer_id, r.producer_epoch));
                io.event(ClientEvent::ProducerIdReceived {
                    producer_id: r.producer_id.0,
                    epoch: r.producer_epoch.0,
                });
            }
            (Pending::Produce(batches), Reply::Response(Response::Produce(r))) => {
                let mut results = VecMap::new();
                for topic in &r.topics {
                    for p in &topic.partitions {
                        let tp =
                            TopicPartition { topic: topic.name.clone(), partition: p.partition };
                        results.insert(tp, (p.error.as_ref().map(|e| e.code), p.base_offset));
                    }
                }
                for (tp, batch) in batches {
                    match results.get(&tp).copied() {
                        Some((None | Some(ErrorCode::DuplicateSequenceNumber), offset)) => {
                            self.acknowledge(io, tp, batch, offset)
                        }
                        Some((Some(error), _)) => {
                            if matches!(
                                error,
                                ErrorCode::NotLeaderOrFollower
                                    | ErrorCode::UnknownTopicOrPartition
                                    | ErrorCode::LeaderNotAvailable
                            ) {
                                self.meta.stale = true;
                            }
                            self.retry_or_fail(io, tp, batch, Some(error));
                        }
                        None => self.retry_or_fail(io, tp, batch, None),
                    }
                }
            }
            (Pending::Produce(batches), _) => {
                io.event(ClientEvent::RequestFailed {
                    broker,
                    what: "Produce".into(),
                    error: None,
                });
                self.meta.stale = true;
                for (tp, batch) in batches {
                    self.retry_or_fail(io, tp, batch, None);
                }
            }
            (Pending::Metadata | Pending::InitProducerId, _) => {
                self.meta.rotate();
                self.meta.stale = true;
            }
        }
    }
}
