//! Metrics sampled from the world at a fixed interval: each partition's log end offset, high
//! watermark and replication health; each group's committed offset and lag (in records and in
//! time); and how many records producers had acknowledged and consumers processed.

use kplay_core::vec_map::VecMap;
use kplay_core::{GroupId, Offset, Timestamp, TopicPartition};

use crate::world::{SimClient, World};

/// One partition at one moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionSample {
    /// The partition.
    pub partition: TopicPartition,
    /// The leader's log end offset (-1 when offline).
    pub log_end_offset: Offset,
    /// The leader's high watermark (-1 when offline).
    pub high_watermark: Offset,
    /// Fewer in-sync replicas than replicas.
    pub under_replicated: bool,
    /// No leader.
    pub offline: bool,
}

/// One group's position on one partition at one moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LagSample {
    /// The group.
    pub group: GroupId,
    /// The partition.
    pub partition: TopicPartition,
    /// The committed offset, if any.
    pub committed: Option<Offset>,
    /// Records between the committed offset (or the log start) and the high watermark.
    pub lag_records: i64,
    /// How old the oldest unconsumed record is, in ms (0 when caught up).
    pub lag_ms: i64,
}

/// Everything sampled at one moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    /// When.
    pub time: Timestamp,
    /// Partitions (internal topics left out).
    pub partitions: Vec<PartitionSample>,
    /// Lag per group and partition.
    pub lag: Vec<LagSample>,
    /// Records producers had acknowledged so far, in total.
    pub acknowledged: u64,
}

impl Sample {
    /// Partitions with fewer in-sync replicas than replicas.
    pub fn under_replicated(&self) -> usize {
        self.partitions.iter().filter(|p| p.under_replicated).count()
    }
}

/// The samples, oldest first, at most `capacity` of them (older ones are dropped).
#[derive(Clone, Debug)]
pub struct Metrics {
    interval_ms: i64,
    capacity: usize,
    samples: std::collections::VecDeque<Sample>,
}

impl Metrics {
    /// Sampling every `interval_ms`, keeping the last 2,400 samples.
    pub fn new(interval_ms: i64) -> Self {
        Metrics { interval_ms, capacity: 2_400, samples: std::collections::VecDeque::new() }
    }

    /// The sampling interval.
    pub fn interval_ms(&self) -> i64 {
        self.interval_ms
    }

    /// The samples, oldest first.
    pub fn samples(&self) -> impl Iterator<Item = &Sample> {
        self.samples.iter()
    }

    /// The newest sample.
    pub fn latest(&self) -> Option<&Sample> {
        self.samples.back()
    }

    /// Records acknowledged per second between the last two samples.
    pub fn throughput_per_sec(&self) -> u64 {
        let n = self.samples.len();
        if n < 2 || self.interval_ms <= 0 {
            return 0;
        }
        let (a, b) = (&self.samples[n - 2], &self.samples[n - 1]);
        b.acknowledged.saturating_sub(a.acknowledged) * 1000 / self.interval_ms as u64
    }

    fn push(&mut self, sample: Sample) {
        if self.samples.len() == self.capacity {
            self.samples.pop_front();
        }
        self.samples.push_back(sample);
    }
}

impl World {
    pub(crate) fn sample_metrics(&mut self) {
        let engine = self.engine();
        let mut partitions = Vec::new();
        let mut ends: VecMap<TopicPartition, (Offset, Offset)> = VecMap::new();
        for (tp, state) in engine.image().partitions() {
            if engine.image().topics.get(&tp.topic).is_some_and(|t| t.internal) {
                continue;
            }
            let view = engine.partition(&tp);
            let leader = view.as_ref().and_then(|v| v.leader_replica());
            let (leo, hw) = leader
                .map_or((Offset(-1), Offset(-1)), |r| (r.log.log_end_offset(), r.high_watermark));
            let start = leader.map_or(Offset(0), |r| r.log.log_start_offset());
            ends.insert(tp.clone(), (start, hw));
            partitions.push(PartitionSample {
                partition: tp,
                log_end_offset: leo,
                high_watermark: hw,
                under_replicated: state.isr.len() < state.replicas.len(),
                offline: state.leader.is_none(),
            });
        }
        let mut lag = Vec::new();
        for group in engine.groups().groups() {
            for (tp, committed) in group.offsets() {
                let Some((start, hw)) = ends.get(tp).copied() else { continue };
                let from = committed.offset.max(start);
                let lag_records = (hw.0 - from.0).max(0);
                let lag_ms = if lag_records > 0 { self.record_age(tp, from) } else { 0 };
                lag.push(LagSample {
                    group: group.group_id().clone(),
                    partition: tp.clone(),
                    committed: Some(committed.offset),
                    lag_records,
                    lag_ms,
                });
            }
        }
        let acknowledged = self
            .clients()
            .values()
            .map(|c| match c {
                SimClient::Producer(p) => p.stats().acknowledged,
                SimClient::Consumer(_) => 0,
            })
            .sum();
        let sample = Sample { time: self.now(), partitions, lag, acknowledged };
        self.metrics.push(sample);
    }

    /// How long ago the record at `offset` was written (its timestamp), per the leader's log.
    fn record_age(&self, tp: &TopicPartition, offset: Offset) -> i64 {
        let Some(view) = self.engine().partition(tp) else { return 0 };
        let Some(leader) = view.leader_replica() else { return 0 };
        let mut out = Vec::new();
        if leader.log.read(offset, leader.log.log_end_offset(), 1, true, &mut out).is_err() {
            return 0;
        }
        out.first()
            .and_then(|b| {
                b.records_with_offsets().find(|(o, _)| *o >= offset).map(|(_, r)| r.timestamp)
            })
            .map_or(0, |ts| self.now().ms_since(ts).max(0))
    }
}
