//! The record accumulator: each record gets its partition from the partitioner and joins the
//! partition's open batch, or starts a new one when it would not fit in `batch.size`. As in
//! Java's `MemoryRecordsBuilder`, a batch's size counts its 61-byte header, and its first record
//! always fits.

use kplay_core::{Record, Timestamp, TopicPartition};

use crate::client::{ClientEvent, Detail, Io};
use crate::partitioner::{LastBatch, PartitionAvailability};

use super::Producer;

/// A batch being filled, waiting to be sent, or waiting to be retried.
#[derive(Clone, Debug)]
pub(crate) struct Batch {
    pub(crate) records: Vec<Record>,
    /// Its estimated size: the batch header and its records.
    pub(crate) bytes: usize,
    pub(crate) created: Timestamp,
    /// Sends so far.
    pub(crate) attempts: u32,
    /// Its first sequence number, fixed at its first send (idempotent producers).
    pub(crate) base_sequence: Option<i32>,
    /// The producer id and epoch its sequence number belongs to: a batch retried after the
    /// producer got a new id is numbered again under the new one.
    pub(crate) sequenced_under: Option<(kplay_core::ProducerId, kplay_core::ProducerEpoch)>,
    /// Not before this time (retry back-off).
    pub(crate) not_before: Timestamp,
}

/// The bytes a record adds to a batch, as the Java client estimates it.
fn record_size(record: &Record) -> usize {
    let len = |b: &Option<bytes::Bytes>| b.as_ref().map_or(0, |b| b.len());
    let headers: usize = record.headers.iter().map(|h| h.key.len() + len(&h.value) + 2).sum();
    11 + len(&record.key) + len(&record.value) + headers
}

impl Producer {
    /// Gives every waiting record whose topic is known a partition and a batch.
    pub(super) fn partition_waiting(&mut self, io: &mut Io<'_>) {
        // Partition availability per topic, worked out once per call rather than per record.
        let mut availability: Option<(kplay_core::TopicName, PartitionAvailability)> = None;
        while let Some(pending) = self.waiting.front() {
            let Some(count) = self.meta.partition_count(&pending.topic) else {
                self.meta.stale = true;
                return;
            };
            let pending = self.waiting.pop_front().expect("peeked");
            if availability.as_ref().is_none_or(|(t, _)| *t != pending.topic) {
                let leaders = (0..count).map(|p| self.meta.leader(&pending.topic, p).is_some());
                availability =
                    Some((pending.topic.clone(), PartitionAvailability::from_leaders(leaders)));
            }
            let Some((_, partitions)) = availability.as_ref() else { continue };
            let topic = pending.topic.as_str();
            let key = pending.record.key.clone();
            let choose = |partitioner: &mut crate::partitioner::Partitioner, io: &mut Io<'_>| {
                partitioner.choose(
                    topic,
                    key.as_ref(),
                    pending.partition,
                    partitions,
                    io.now,
                    io.rng,
                )
            };
            let mut choice = match choose(&mut self.partitioner, io) {
                Ok(choice) => choice,
                Err(_) => {
                    // A partition the topic does not have: the record fails at once.
                    self.stats.failed += 1;
                    let partition = TopicPartition::new(topic, pending.partition.unwrap_or(-1));
                    let error = Some(kplay_core::ErrorCode::UnknownTopicOrPartition);
                    io.event(ClientEvent::BatchFailed { partition, error, records: 1 });
                    continue;
                }
            };
            let size = record_size(&pending.record);
            let mut tp =
                TopicPartition { topic: pending.topic.clone(), partition: choice.partition };
            if self.opens_batch(&tp, size) {
                // Java's abortOnNewBatch: tell the partitioner, then choose again (KIP-480 moves
                // keyless records to another partition when their batch is complete).
                self.partitioner.on_new_batch(topic, choice.partition);
                if let Ok(again) = choose(&mut self.partitioner, io) {
                    choice = again;
                    tp.partition = choice.partition;
                }
            }
            if io.detail == Detail::Records {
                let key = key.map(|k| String::from_utf8_lossy(&k).into_owned());
                io.event(ClientEvent::PartitionChosen {
                    key,
                    partition: tp.clone(),
                    reason: choice.reason.clone(),
                });
            }
            let last = self.append(io, tp, pending.record, size);
            let appended = u32::try_from(size).unwrap_or(u32::MAX);
            self.partitioner.on_append(topic, &choice, appended, last);
        }
    }

    /// Whether a record of `size` bytes would start a new batch on this partition.
    fn opens_batch(&self, tp: &TopicPartition, size: usize) -> bool {
        !self.queues.get(tp).and_then(|q| q.back()).is_some_and(|b| self.has_room(b, size))
    }

    fn has_room(&self, batch: &Batch, size: usize) -> bool {
        batch.attempts == 0
            && batch.base_sequence.is_none()
            && batch.bytes + size <= self.spec.batch_size.max(1)
    }

    /// Appends to the partition's open batch or a new one; says whether the last batch is
    /// now full.
    fn append(
        &mut self,
        io: &mut Io<'_>,
        tp: TopicPartition,
        record: Record,
        size: usize,
    ) -> LastBatch {
        let batch_size = self.spec.batch_size.max(1);
        let fits =
            self.queues.get(&tp).and_then(|q| q.back()).is_some_and(|b| self.has_room(b, size));
        let queue = self.queues.entry(tp).or_default();
        if !fits {
            queue.push_back(Batch {
                records: Vec::new(),
                bytes: kplay_core::record::BATCH_HEADER_BYTES,
                created: io.now,
                attempts: 0,
                base_sequence: None,
                sequenced_under: None,
                not_before: io.now,
            });
        }
        let batch = queue.back_mut().expect("pushed above");
        batch.records.push(record);
        batch.bytes += size;
        if batch.bytes >= batch_size { LastBatch::Full } else { LastBatch::HasRoom }
    }
}
