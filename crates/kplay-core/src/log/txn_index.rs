//! Transactions in one replica's log: the open ones and the aborted ones (Kafka's
//! `ProducerStateManager` ongoing transactions and its transaction index).
//!
//! A transaction is open on a partition from its producer's first transactional batch there
//! until the leader writes its marker, and unstable until the high watermark passes the marker
//! (a marker only on the leader could be lost in a failover). The earliest unstable
//! transaction's first offset is the partition's *first unstable offset*: `read_committed`
//! consumers read only up to the last stable offset, the lower of it and the high watermark, so
//! they never see records whose fate is undecided. An aborted transaction is remembered as (producer, first offset, marker offset):
//! a `read_committed` fetch lists the ones overlapping what it returns, and the client drops
//! those producers' records in them. Followers build the same index from the batches they copy.

use crate::ids::{Offset, ProducerId};
use crate::record::{RecordBatch, TxnMarker};
use crate::vec_map::VecMap;

/// An aborted transaction on this partition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AbortedTxn {
    /// The producer that aborted.
    pub producer_id: ProducerId,
    /// The transaction's first offset on this partition.
    pub first_offset: Offset,
    /// The offset of its ABORT marker.
    pub last_offset: Offset,
}

/// A transaction its marker just ended on this partition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompletedTxn {
    /// The producer.
    pub producer_id: ProducerId,
    /// The transaction's first offset on this partition.
    pub first_offset: Offset,
    /// The marker's offset.
    pub marker_offset: Offset,
    /// Committed or aborted.
    pub marker: TxnMarker,
}

/// Open and aborted transactions of one log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TxnIndex {
    ongoing: VecMap<ProducerId, Offset>,
    aborted: Vec<AbortedTxn>,
    /// Ended transactions as (first offset, marker offset), until the high watermark passes
    /// their marker (Kafka's `unreplicatedTxns`).
    unreplicated: Vec<(Offset, Offset)>,
}

impl TxnIndex {
    /// Rebuilds the index from a log's batches, oldest first (after a truncation).
    pub fn rebuild<'a>(batches: impl IntoIterator<Item = &'a RecordBatch>) -> TxnIndex {
        let mut index = TxnIndex::default();
        for batch in batches {
            index.update(batch);
        }
        index
    }

    /// Takes an appended batch into account; returns the transaction a marker ended.
    pub fn update(&mut self, batch: &RecordBatch) -> Option<CompletedTxn> {
        if !batch.transactional {
            return None;
        }
        let Some(marker) = batch.txn_marker() else {
            self.ongoing.entry(batch.producer_id).or_insert(batch.base_offset);
            return None;
        };
        // A marker for a producer with nothing open here (the coordinator writes a marker to
        // every partition of the transaction) ends nothing.
        let first_offset = self.ongoing.remove(&batch.producer_id)?;
        self.unreplicated.push((first_offset, batch.base_offset));
        if marker == TxnMarker::Abort {
            self.aborted.push(AbortedTxn {
                producer_id: batch.producer_id,
                first_offset,
                last_offset: batch.base_offset,
            });
        }
        let producer_id = batch.producer_id;
        Some(CompletedTxn { producer_id, first_offset, marker_offset: batch.base_offset, marker })
    }

    /// The first offset of the earliest transaction that is open, or ended by a marker the high
    /// watermark has not passed yet, if any.
    pub fn first_unstable_offset(&self, high_watermark: Offset) -> Option<Offset> {
        let unreplicated =
            self.unreplicated.iter().filter(|(_, marker)| *marker >= high_watermark).map(|t| t.0);
        self.ongoing.values().copied().chain(unreplicated).min()
    }

    /// Forgets ended transactions whose markers the high watermark has passed.
    pub fn replicated_to(&mut self, high_watermark: Offset) {
        self.unreplicated.retain(|(_, marker)| *marker >= high_watermark);
    }

    /// Where `producer`'s open transaction began, if it has one here.
    pub fn ongoing(&self, producer: ProducerId) -> Option<Offset> {
        self.ongoing.get(&producer).copied()
    }

    /// The aborted transactions that overlap `[from, upto)`, as a fetch reports them (Kafka's
    /// `collectAbortedTransactions`).
    pub fn aborted_between(&self, from: Offset, upto: Offset) -> Vec<AbortedTxn> {
        self.aborted
            .iter()
            .filter(|a| a.last_offset >= from && a.first_offset < upto)
            .copied()
            .collect()
    }

    /// Whether `producer`'s record at `offset` belongs to a transaction it aborted.
    pub fn is_aborted(&self, producer: ProducerId, offset: Offset) -> bool {
        self.aborted.iter().any(|a| {
            a.producer_id == producer && a.first_offset <= offset && offset <= a.last_offset
        })
    }

    /// Forgets aborted transactions that ended before the log start.
    pub fn forget_before(&mut self, log_start: Offset) {
        self.aborted.retain(|a| a.last_offset >= log_start);
        self.unreplicated.retain(|(_, marker)| *marker >= log_start);
    }
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::*;
    use crate::ids::{ProducerEpoch, Timestamp};
    use crate::record::Record;

    fn data(producer: i64, at: i64) -> RecordBatch {
        let record = Record::new(None, Some(Bytes::from_static(b"v")), Timestamp(0));
        let mut b = RecordBatch::new(vec![record])
            .with_producer(ProducerId(producer), ProducerEpoch(0), 0)
            .in_transaction();
        b.base_offset = Offset(at);
        b
    }

    fn marker(producer: i64, at: i64, marker: TxnMarker) -> RecordBatch {
        let pid = ProducerId(producer);
        let mut b = RecordBatch::marker(pid, ProducerEpoch(0), marker, 0, Timestamp(0));
        b.base_offset = Offset(at);
        b
    }

    #[test]
    fn the_earliest_open_transaction_is_the_first_unstable_offset() {
        let mut index = TxnIndex::default();
        assert_eq!(index.first_unstable_offset(Offset(9)), None);
        index.update(&data(1, 3));
        index.update(&data(2, 4));
        index.update(&data(1, 5));
        assert_eq!(index.first_unstable_offset(Offset(9)), Some(Offset(3)));
        let done = index.update(&marker(1, 6, TxnMarker::Commit)).expect("ends 1's transaction");
        assert_eq!((done.first_offset, done.marker_offset), (Offset(3), Offset(6)));
        assert_eq!(
            index.first_unstable_offset(Offset(6)),
            Some(Offset(3)),
            "unstable until the high watermark passes the marker"
        );
        assert_eq!(index.first_unstable_offset(Offset(7)), Some(Offset(4)));
        index.replicated_to(Offset(7));
        assert_eq!(index.first_unstable_offset(Offset(0)), Some(Offset(4)), "forgotten once past");
        assert!(index.aborted_between(Offset(0), Offset(10)).is_empty(), "a commit is not listed");
    }

    #[test]
    fn aborted_transactions_are_listed_where_a_fetch_overlaps_them() {
        let mut index = TxnIndex::default();
        index.update(&data(1, 0));
        index.update(&data(1, 1));
        index.update(&marker(1, 2, TxnMarker::Abort));
        assert_eq!(index.first_unstable_offset(Offset(3)), None);
        let aborted = AbortedTxn {
            producer_id: ProducerId(1),
            first_offset: Offset(0),
            last_offset: Offset(2),
        };
        assert!(index.is_aborted(ProducerId(1), Offset(1)));
        assert!(!index.is_aborted(ProducerId(2), Offset(1)), "another producer's record");
        assert!(!index.is_aborted(ProducerId(1), Offset(3)), "after the marker");
        assert_eq!(index.aborted_between(Offset(1), Offset(3)), [aborted]);
        assert_eq!(index.aborted_between(Offset(2), Offset(3)), [aborted], "the marker itself");
        assert!(index.aborted_between(Offset(3), Offset(9)).is_empty(), "after it");
        assert!(index.aborted_between(Offset(0), Offset(0)).is_empty(), "nothing read");
        index.forget_before(Offset(3));
        assert!(index.aborted_between(Offset(0), Offset(9)).is_empty());
    }

    #[test]
    fn a_marker_with_nothing_open_and_plain_batches_change_nothing() {
        let mut index = TxnIndex::default();
        assert_eq!(index.update(&marker(1, 0, TxnMarker::Abort)), None);
        let mut plain = data(1, 1);
        plain.transactional = false;
        index.update(&plain);
        assert_eq!(index, TxnIndex::default());
        let rebuilt =
            TxnIndex::rebuild([&data(2, 0), &marker(2, 1, TxnMarker::Abort), &data(3, 2)]);
        assert_eq!(rebuilt.first_unstable_offset(Offset(3)), Some(Offset(2)));
        assert_eq!(rebuilt.aborted_between(Offset(0), Offset(2)).len(), 1);
    }
}
