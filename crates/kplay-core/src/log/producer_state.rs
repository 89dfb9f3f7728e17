//! Idempotent producers' state in one replica's log (Kafka's `ProducerStateManager`).
//!
//! For each producer id the log remembers its epoch and the metadata of its last five batches.
//! The leader checks every idempotent batch against it: a repeat of a remembered batch is a
//! duplicate (answered with its original offset, not appended again), a sequence gap is
//! OUT_OF_ORDER_SEQUENCE_NUMBER, an older epoch is INVALID_PRODUCER_EPOCH. Followers update the
//! same state from the batches they copy, so a new leader after a failover checks retries just
//! as the old one would have.

use std::collections::VecDeque;

use crate::error::ErrorCode;
use crate::ids::{Offset, ProducerEpoch, ProducerId, Timestamp};
use crate::record::RecordBatch;
use crate::vec_map::VecMap;

/// How many batches per producer Kafka remembers for duplicate detection.
pub const BATCHES_REMEMBERED: usize = 5;

/// What the log remembers of one appended batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchMetadata {
    /// The batch's first sequence number.
    pub first_sequence: i32,
    /// The batch's last sequence number.
    pub last_sequence: i32,
    /// Where it was appended.
    pub first_offset: Offset,
    /// Its last offset.
    pub last_offset: Offset,
    /// Its max timestamp.
    pub timestamp: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct ProducerEntry {
    epoch: ProducerEpoch,
    batches: VecDeque<BatchMetadata>,
    /// Where a transaction marker last set the epoch (a marker may fence an epoch with no
    /// batch of the new one written yet).
    marker_offset: Option<Offset>,
}

/// The outcome of checking an idempotent batch before appending it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SequenceCheck {
    /// Append it.
    Accept,
    /// Already appended: answer with this batch's offsets, append nothing.
    Duplicate(BatchMetadata),
}

/// Producer id -> epoch and recent batches.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProducerStateTable {
    producers: VecMap<ProducerId, ProducerEntry>,
}

fn in_sequence(last: i32, next: i32) -> bool {
    next == last.wrapping_add(1) || (next == 0 && last == i32::MAX)
}

impl ProducerStateTable {
    /// Checks an idempotent batch against the producer's state, as Kafka's
    /// `ProducerAppendInfo.checkProducerEpoch` / `checkSequence` and `findDuplicateBatch` do.
    pub fn check(&self, batch: &RecordBatch) -> Result<SequenceCheck, ErrorCode> {
        let Some(entry) = self.producers.get(&batch.producer_id) else {
            // Unknown producer (new, or its state was truncated or expired): Kafka accepts any
            // sequence number.
            return Ok(SequenceCheck::Accept);
        };
        if batch.producer_epoch < entry.epoch {
            return Err(ErrorCode::InvalidProducerEpoch);
        }
        if batch.producer_epoch == entry.epoch {
            let (first, last) = (batch.base_sequence, batch.last_sequence());
            if let Some(dup) =
                entry.batches.iter().find(|b| b.first_sequence == first && b.last_sequence == last)
            {
                return Ok(SequenceCheck::Duplicate(*dup));
            }
            let last_seq = entry.batches.back().map(|b| b.last_sequence);
            match last_seq {
                Some(last_seq) if !in_sequence(last_seq, first) => {
                    Err(ErrorCode::OutOfOrderSequenceNumber)
                }
                _ => Ok(SequenceCheck::Accept),
            }
        } else if batch.base_sequence != 0 {
            // A new epoch must start again at sequence 0.
            Err(ErrorCode::OutOfOrderSequenceNumber)
        } else {
            Ok(SequenceCheck::Accept)
        }
    }

    /// Records an appended batch (on the leader after `check`, on followers as they copy).
    pub fn update(&mut self, batch: &RecordBatch) {
        if !batch.is_idempotent() {
            return;
        }
        let entry = self.producers.entry(batch.producer_id).or_insert_with(|| ProducerEntry {
            epoch: batch.producer_epoch,
            batches: VecDeque::new(),
            marker_offset: None,
        });
        if batch.producer_epoch != entry.epoch {
            entry.epoch = batch.producer_epoch;
            entry.batches.clear();
        }
        if batch.control {
            // A transaction marker carries the producer's epoch (bumped when a transaction is
            // fenced), not a sequence number.
            entry.marker_offset = Some(batch.base_offset);
            return;
        }
        if entry.batches.len() == BATCHES_REMEMBERED {
            entry.batches.pop_front();
        }
        entry.batches.push_back(BatchMetadata {
            first_sequence: batch.base_sequence,
            last_sequence: batch.last_sequence(),
            first_offset: batch.base_offset,
            last_offset: batch.last_offset(),
            timestamp: batch.max_timestamp(),
        });
    }

    /// Forgets batches at or after `offset` (the log was truncated there); a producer with no
    /// batches left is forgotten, as Kafka forgets producers whose state is gone.
    pub fn truncate(&mut self, offset: Offset) {
        self.producers.retain(|_, entry| {
            entry.batches.retain(|b| b.first_offset < offset);
            entry.marker_offset = entry.marker_offset.filter(|m| *m < offset);
            // A producer fenced by a marker that stays keeps its epoch, so a zombie of an
            // older epoch is still refused.
            !entry.batches.is_empty() || entry.marker_offset.is_some()
        });
    }

    /// The producer's epoch and the last sequence it wrote, if known.
    pub fn last_sequence(&self, producer: ProducerId) -> Option<(ProducerEpoch, i32)> {
        let entry = self.producers.get(&producer)?;
        Some((entry.epoch, entry.batches.back()?.last_sequence))
    }

    /// Every remembered producer: its id, epoch, and last batch (if it wrote one since its
    /// epoch began), in producer id order (DescribeProducers).
    pub fn iter(
        &self,
    ) -> impl Iterator<Item = (ProducerId, ProducerEpoch, Option<&BatchMetadata>)> {
        self.producers.iter().map(|(id, entry)| (*id, entry.epoch, entry.batches.back()))
    }

    /// How many producers are remembered.
    pub fn len(&self) -> usize {
        self.producers.len()
    }

    /// Whether no producer is remembered.
    pub fn is_empty(&self) -> bool {
        self.producers.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::*;
    use crate::record::Record;

    fn batch(epoch: i16, seq: i32, records: usize, base_offset: i64) -> RecordBatch {
        let recs = (0..records)
            .map(|_| Record::new(None, Some(Bytes::from_static(b"v")), Timestamp(0)))
            .collect();
        let mut b = RecordBatch::new(recs).with_producer(ProducerId(1), ProducerEpoch(epoch), seq);
        b.base_offset = Offset(base_offset);
        b
    }

    #[test]
    fn in_order_batches_are_accepted() {
        let mut table = ProducerStateTable::default();
        let first = batch(0, 0, 3, 0);
        assert_eq!(table.check(&first), Ok(SequenceCheck::Accept));
        table.update(&first);
        assert_eq!(table.check(&batch(0, 3, 2, 3)), Ok(SequenceCheck::Accept));
    }

    #[test]
    fn a_retry_is_a_duplicate_with_its_original_offset() {
        let mut table = ProducerStateTable::default();
        table.update(&batch(0, 0, 3, 10));
        table.update(&batch(0, 3, 3, 13));
        match table.check(&batch(0, 0, 3, 99)) {
            Ok(SequenceCheck::Duplicate(meta)) => assert_eq!(meta.first_offset, Offset(10)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn only_the_last_five_batches_are_remembered() {
        let mut table = ProducerStateTable::default();
        for i in 0..6 {
            table.update(&batch(0, i, 1, i64::from(i)));
        }
        // Sequence 0 fell out of the window: no longer a duplicate, and out of order.
        assert_eq!(table.check(&batch(0, 0, 1, 0)), Err(ErrorCode::OutOfOrderSequenceNumber));
        assert!(matches!(table.check(&batch(0, 1, 1, 0)), Ok(SequenceCheck::Duplicate(_))));
    }

    #[test]
    fn gaps_and_old_epochs_are_rejected() {
        let mut table = ProducerStateTable::default();
        table.update(&batch(1, 0, 2, 0));
        assert_eq!(table.check(&batch(1, 5, 1, 2)), Err(ErrorCode::OutOfOrderSequenceNumber));
        assert_eq!(table.check(&batch(0, 2, 1, 2)), Err(ErrorCode::InvalidProducerEpoch));
        assert_eq!(table.check(&batch(2, 3, 1, 2)), Err(ErrorCode::OutOfOrderSequenceNumber));
        assert_eq!(table.check(&batch(2, 0, 1, 2)), Ok(SequenceCheck::Accept));
    }

    #[test]
    fn a_producer_fenced_by_a_marker_stays_fenced_across_truncation() {
        let mut table = ProducerStateTable::default();
        table.update(&batch(0, 0, 1, 0));
        let mut marker = RecordBatch::marker(
            ProducerId(1),
            ProducerEpoch(1),
            crate::record::TxnMarker::Abort,
            0,
            Timestamp(0),
        );
        marker.base_offset = Offset(1);
        table.update(&marker);
        table.truncate(Offset(2));
        assert_eq!(table.check(&batch(0, 1, 1, 2)), Err(ErrorCode::InvalidProducerEpoch));
        table.truncate(Offset(1));
        assert!(table.is_empty(), "the marker itself was truncated away");
    }

    #[test]
    fn truncation_forgets_later_batches() {
        let mut table = ProducerStateTable::default();
        table.update(&batch(0, 0, 2, 0));
        table.update(&batch(0, 2, 2, 2));
        table.truncate(Offset(2));
        assert_eq!(table.last_sequence(ProducerId(1)), Some((ProducerEpoch(0), 1)));
        table.truncate(Offset(0));
        assert!(table.is_empty());
    }
}
