//! A simulated producer that behaves like a real client: it chooses partitions with the real
//! partitioners, batches records per partition (`batch.size`, `linger.ms`), sends one request per
//! leader with at most `max.in.flight.requests.per.connection` outstanding, retries retriable
//! errors after `retry.backoff.ms`, and, when idempotent, asks for a producer id first and numbers
//! every batch so the broker can drop duplicates.

mod accumulator;
mod keys;
mod sender;

use std::collections::VecDeque;

use bytes::Bytes;
use kplay_core::vec_map::VecMap;
use kplay_core::{Header, Record, Timestamp, TopicName};

use crate::action::ProducerSpec;
use crate::client::{InFlight, Io, MetadataCache, earliest};
use crate::partitioner::{Partitioner, PartitionerConfig};

use accumulator::Batch;
use keys::KeyChooser;
pub(crate) use sender::Pending;

/// A record waiting for its partition (the topic's metadata is not known yet).
#[derive(Clone, Debug)]
pub(crate) struct PendingRecord {
    topic: TopicName,
    record: Record,
    partition: Option<i32>,
}

/// Counts of what a producer did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProducerStats {
    /// Records handed to the producer.
    pub records: u64,
    /// Records acknowledged.
    pub acknowledged: u64,
    /// Records that failed for good.
    pub failed: u64,
}

/// An acknowledged batch, kept for the invariant checks: where each record landed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AckedBatch {
    /// The partition.
    pub partition: kplay_core::TopicPartition,
    /// The offset of the first record.
    pub base_offset: kplay_core::Offset,
    /// The records' values, in order.
    pub values: Vec<Option<Bytes>>,
    /// Whether it was acknowledged by every in-sync replica (acks=all).
    pub acks_all: bool,
}

/// A simulated producer.
#[derive(Debug)]
pub struct Producer {
    spec: ProducerSpec,
    meta: MetadataCache,
    partitioner: Partitioner,
    keys: KeyChooser,
    started: Option<Timestamp>,
    generated: u64,
    waiting: VecDeque<PendingRecord>,
    queues: VecMap<kplay_core::TopicPartition, VecDeque<Batch>>,
    requests: InFlight<Pending>,
    producer_id: Option<(kplay_core::ProducerId, kplay_core::ProducerEpoch)>,
    sequences: VecMap<kplay_core::TopicPartition, i32>,
    /// Acknowledged batches, if the world keeps them for invariant checks.
    pub(crate) acked: Vec<AckedBatch>,
    keep_acked: bool,
    stats: ProducerStats,
}

impl Producer {
    /// A producer with this configuration.
    pub(crate) fn new(spec: ProducerSpec, keep_acked: bool) -> Self {
        Producer {
            partitioner: Partitioner::new(PartitionerConfig {
                batch_size: u32::try_from(spec.batch_size).unwrap_or(u32::MAX),
                ..PartitionerConfig::new(spec.partitioner)
            }),
            keys: KeyChooser::new(spec.keys.clone()),
            spec,
            meta: MetadataCache::default(),
            started: None,
            generated: 0,
            waiting: VecDeque::new(),
            queues: VecMap::new(),
            requests: InFlight::default(),
            producer_id: None,
            sequences: VecMap::new(),
            acked: Vec::new(),
            keep_acked,
            stats: ProducerStats::default(),
        }
    }

    /// Its configuration.
    pub fn spec(&self) -> &ProducerSpec {
        &self.spec
    }

    /// What it has done so far.
    pub fn stats(&self) -> ProducerStats {
        self.stats
    }

    /// The batches acknowledged so far, with where each landed (kept only when the world tracks
    /// records).
    pub fn acknowledged(&self) -> &[AckedBatch] {
        &self.acked
    }

    /// Records not yet acknowledged or failed.
    pub fn unacknowledged(&self) -> u64 {
        self.stats.records - self.stats.acknowledged - self.stats.failed
    }

    /// Hands one record to the producer (`producer.send`).
    pub(crate) fn send(
        &mut self,
        io: &mut Io<'_>,
        topic: &str,
        key: Option<Bytes>,
        value: Option<Bytes>,
        headers: Vec<Header>,
        partition: Option<i32>,
    ) {
        let mut record = Record::new(key, value, io.now);
        record.headers = headers;
        self.stats.records += 1;
        self.waiting.push_back(PendingRecord { topic: topic.into(), record, partition });
        self.wake(io);
    }

    /// Does everything due at `io.now`.
    pub(crate) fn wake(&mut self, io: &mut Io<'_>) {
        self.expire_requests(io);
        self.refresh_metadata_if_needed(io);
        self.init_producer_id_if_needed(io);
        self.generate(io);
        self.partition_waiting(io);
        self.drain(io);
    }

    /// Generates the records due by now at `rate_per_sec`.
    fn generate(&mut self, io: &mut Io<'_>) {
        let rate = u64::from(self.spec.rate_per_sec);
        if rate == 0 {
            return;
        }
        let started = *self.started.get_or_insert(io.now);
        let elapsed = u64::try_from(io.now.ms_since(started)).unwrap_or(0);
        let due = elapsed * rate / 1000 + 1;
        while self.generated < due {
            let key = self.keys.next(io.rng);
            let value = self.value(self.generated);
            self.generated += 1;
            self.stats.records += 1;
            let record = Record::new(key, Some(value), io.now);
            self.waiting.push_back(PendingRecord {
                topic: self.spec.topic.as_str().into(),
                record,
                partition: None,
            });
        }
    }

    /// The value of generated record `n`: `client-id#n`, padded with dots to `value_bytes`.
    fn value(&self, n: u64) -> Bytes {
        use std::io::Write;
        let mut value = Vec::with_capacity(self.spec.value_bytes.max(32));
        let _ = write!(value, "{}#{n}", self.spec.client_id);
        if value.len() < self.spec.value_bytes {
            value.resize(self.spec.value_bytes, b'.');
        }
        Bytes::from(value)
    }

    /// When the next generated record is due.
    fn next_generation(&self) -> Option<Timestamp> {
        let rate = i64::from(self.spec.rate_per_sec);
        let started = self.started?;
        (rate > 0).then(|| {
            let n = i64::try_from(self.generated).unwrap_or(i64::MAX);
            started.plus_ms((n * 1000 + rate - 1) / rate)
        })
    }

    /// When the producer next has something to do, strictly after `now`.
    pub(crate) fn next_wake(&self, now: Timestamp) -> Option<Timestamp> {
        let linger = self.spec.linger_ms;
        let batch_times = self.queues.values().filter_map(|q| q.front()).map(|b| {
            let ready_at = b.created.plus_ms(linger);
            Some(ready_at.max(b.not_before))
        });
        let first_start = self.started.is_none() && self.spec.rate_per_sec > 0;
        earliest(
            [
                self.next_generation(),
                first_start.then(|| now.plus_ms(1)),
                self.requests.next_timeout(self.spec.request_timeout_ms),
                self.meta.next_refresh(),
            ]
            .into_iter()
            .chain(batch_times)
            .map(|t| t.filter(|t| *t > now)),
        )
    }

    /// Stops: what is queued is dropped (as `close(0)`); what is in flight is forgotten.
    pub(crate) fn close(&mut self) {
        self.requests.clear();
        self.queues.clear();
        self.waiting.clear();
    }
}
