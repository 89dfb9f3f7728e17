//! Records and record batches: what producers write and logs keep.
//!
//! A [`RecordBatch`] mirrors Kafka's v2 batch: a base offset and leader epoch that the leader
//! assigns on append, the producer's id, epoch and base sequence for idempotence, and records
//! addressed by offset delta. Keys, values and header values are [`Bytes`], so a batch can be
//! shared between replicas, fetch responses and the UI without copying.
//!
//! A batch that arrived over the wire keeps the producer's bytes in [`RecordBatch::encoded`]; the
//! server serves those back, rewriting only the base offset and leader epoch as Kafka does.
//!
//! A transactional producer's batches carry the transactional attribute; when its transaction
//! ends, the leader writes a **control batch** after them: one record whose key says COMMIT or
//! ABORT ([`TxnMarker`]), in Kafka's own encoding, so clients read it as they read Kafka's.

use bytes::Bytes;

use crate::ids::{LeaderEpoch, Offset, ProducerEpoch, ProducerId, Timestamp};
use crate::topic_config::TimestampType;

/// A record header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The header's key.
    pub key: String,
    /// The header's value; headers may have a null value.
    pub value: Option<Bytes>,
}

/// One record: a key, a value, headers and a timestamp, at `base_offset + offset_delta`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The record's position within its batch.
    pub offset_delta: i32,
    /// The record's timestamp (CreateTime from the producer, or the leader's LogAppendTime).
    pub timestamp: Timestamp,
    /// The key; `None` is a keyless record.
    pub key: Option<Bytes>,
    /// The value; `None` is a tombstone (deletes the key in a compacted topic).
    pub value: Option<Bytes>,
    /// Headers, in order.
    pub headers: Vec<Header>,
}

impl Record {
    /// A record with a key and value, timestamped `timestamp`.
    pub fn new(key: Option<Bytes>, value: Option<Bytes>, timestamp: Timestamp) -> Self {
        Record { offset_delta: 0, timestamp, key, value, headers: Vec::new() }
    }

    /// Whether this record deletes its key in a compacted topic.
    pub fn is_tombstone(&self) -> bool {
        self.value.is_none()
    }

    /// The record's size in a v2 batch, varint length prefix included.
    fn encoded_size(&self, base_timestamp: Timestamp) -> usize {
        let bytes_field = |b: &Option<Bytes>| match b {
            Some(b) => varint_size(b.len() as i64) + b.len(),
            None => varint_size(-1),
        };
        let mut body = 1 // attributes
            + varint_size(self.timestamp.ms_since(base_timestamp))
            + varint_size(i64::from(self.offset_delta))
            + bytes_field(&self.key)
            + bytes_field(&self.value)
            + varint_size(self.headers.len() as i64);
        for h in &self.headers {
            body += varint_size(h.key.len() as i64) + h.key.len() + bytes_field(&h.value);
        }
        varint_size(body as i64) + body
    }
}

/// The compression codec a producer used (batch attributes bits 0-2). The engine stores and
/// serves batches as produced; it does not compress.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Compression {
    /// Uncompressed.
    #[default]
    None,
    /// gzip.
    Gzip,
    /// snappy.
    Snappy,
    /// lz4.
    Lz4,
    /// zstd.
    Zstd,
}

/// The size of a v2 record batch header, before the records.
pub const BATCH_HEADER_BYTES: usize = 61;

/// A batch of records as a producer sends it and a log stores it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordBatch {
    /// The offset of the first record; assigned by the leader on append.
    pub base_offset: Offset,
    /// The offset delta of the last record the batch was written with. Compaction may remove
    /// records but keeps this, as Kafka does, so the batch still ends where it ended.
    pub last_offset_delta: i32,
    /// The leader epoch under which the batch was appended.
    pub partition_leader_epoch: LeaderEpoch,
    /// The idempotent producer's id, or [`ProducerId::NONE`].
    pub producer_id: ProducerId,
    /// The idempotent producer's epoch, or [`ProducerEpoch::NONE`].
    pub producer_epoch: ProducerEpoch,
    /// The sequence number of the first record, or -1.
    pub base_sequence: i32,
    /// Which timestamp the records carry.
    pub timestamp_type: TimestampType,
    /// The producer's compression codec.
    pub compression: Compression,
    /// The records; never empty when produced (compaction may empty a batch).
    pub records: Vec<Record>,
    /// The batch's size in bytes on the wire: the producer's encoding if known, else the
    /// uncompressed v2 size. Used for `max.message.bytes`, segment sizes and fetch limits.
    pub size_bytes: usize,
    /// The producer's encoded batch, if it arrived over the wire.
    pub encoded: Option<Bytes>,
    /// When compaction may drop this batch's tombstones (Kafka's KIP-534 delete horizon), set
    /// the first time the cleaner keeps them.
    pub delete_horizon: Option<Timestamp>,
    /// Part of a transaction (attributes bit 4).
    pub transactional: bool,
    /// A control batch: a transaction marker written by the leader (attributes bit 5).
    pub control: bool,
}

/// How a transaction ended: the type in a control record's key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TxnMarker {
    /// The transaction's records are discarded by `read_committed` consumers.
    Abort,
    /// The transaction's records become visible to `read_committed` consumers.
    Commit,
}

impl TxnMarker {
    /// The control record type Kafka writes (`ControlRecordType`): 0 abort, 1 commit.
    pub fn code(self) -> i16 {
        match self {
            TxnMarker::Abort => 0,
            TxnMarker::Commit => 1,
        }
    }
}

impl RecordBatch {
    /// A batch of `records` from a producer that is not idempotent. Offset deltas are assigned
    /// 0, 1, 2, …
    pub fn new(records: Vec<Record>) -> Self {
        let mut batch = RecordBatch {
            base_offset: Offset(0),
            last_offset_delta: 0,
            partition_leader_epoch: LeaderEpoch::UNKNOWN,
            producer_id: ProducerId::NONE,
            producer_epoch: ProducerEpoch::NONE,
            base_sequence: -1,
            timestamp_type: TimestampType::CreateTime,
            compression: Compression::None,
            records,
            size_bytes: 0,
            encoded: None,
            delete_horizon: None,
            transactional: false,
            control: false,
        };
        for (i, r) in batch.records.iter_mut().enumerate() {
            r.offset_delta = i32::try_from(i).unwrap_or(i32::MAX);
        }
        batch.last_offset_delta = batch.records.last().map_or(0, |r| r.offset_delta);
        batch.size_bytes = batch.computed_size();
        batch
    }

    /// The same batch, written by an idempotent producer.
    pub fn with_producer(
        mut self,
        id: ProducerId,
        epoch: ProducerEpoch,
        base_sequence: i32,
    ) -> Self {
        self.producer_id = id;
        self.producer_epoch = epoch;
        self.base_sequence = base_sequence;
        self
    }

    /// The same batch, as part of its producer's open transaction.
    pub fn in_transaction(mut self) -> Self {
        self.transactional = true;
        self
    }

    /// The control batch that ends a transaction, as Kafka's `EndTransactionMarker` writes it:
    /// one record whose key is (version 0, type) and whose value is (version 0, coordinator
    /// epoch), both big-endian.
    pub fn marker(
        producer_id: ProducerId,
        producer_epoch: ProducerEpoch,
        marker: TxnMarker,
        coordinator_epoch: i32,
        timestamp: Timestamp,
    ) -> Self {
        let mut key = Vec::with_capacity(4);
        key.extend_from_slice(&0i16.to_be_bytes());
        key.extend_from_slice(&marker.code().to_be_bytes());
        let mut value = Vec::with_capacity(6);
        value.extend_from_slice(&0i16.to_be_bytes());
        value.extend_from_slice(&coordinator_epoch.to_be_bytes());
        let record = Record::new(Some(Bytes::from(key)), Some(Bytes::from(value)), timestamp);
        let mut batch =
            RecordBatch::new(vec![record]).with_producer(producer_id, producer_epoch, -1);
        batch.transactional = true;
        batch.control = true;
        batch
    }

    /// How the transaction ended, if this is a control batch with a transaction marker.
    pub fn txn_marker(&self) -> Option<TxnMarker> {
        if !self.control {
            return None;
        }
        let key = self.records.first()?.key.as_ref()?;
        match key.get(2..4)? {
            [0, 0] => Some(TxnMarker::Abort),
            [0, 1] => Some(TxnMarker::Commit),
            _ => None,
        }
    }

    /// The offset of the batch's last record.
    pub fn last_offset(&self) -> Offset {
        self.base_offset.plus(i64::from(self.last_offset_delta))
    }

    /// The offset after the batch.
    pub fn next_offset(&self) -> Offset {
        self.last_offset().plus(1)
    }

    /// How many offsets the batch spans (its record count when it was written).
    pub fn offset_count(&self) -> i64 {
        i64::from(self.last_offset_delta) + 1
    }

    /// The sequence number of the last record, wrapping as Kafka's sequences do.
    pub fn last_sequence(&self) -> i32 {
        if self.base_sequence < 0 {
            return -1;
        }
        let last = i64::from(self.base_sequence) + i64::from(self.last_offset_delta);
        (last % (i64::from(i32::MAX) + 1)) as i32
    }

    /// Whether the batch came from an idempotent producer.
    pub fn is_idempotent(&self) -> bool {
        self.producer_id.0 >= 0
    }

    /// The largest record timestamp, or [`Timestamp::NONE`] for an empty batch.
    pub fn max_timestamp(&self) -> Timestamp {
        self.records.iter().map(|r| r.timestamp).max().unwrap_or(Timestamp::NONE)
    }

    /// The uncompressed v2 size of this batch.
    pub fn computed_size(&self) -> usize {
        let base = self.records.first().map_or(Timestamp(0), |r| r.timestamp);
        BATCH_HEADER_BYTES + self.records.iter().map(|r| r.encoded_size(base)).sum::<usize>()
    }

    /// Iterates the records with their absolute offsets.
    pub fn records_with_offsets(&self) -> impl Iterator<Item = (Offset, &Record)> {
        self.records.iter().map(|r| (self.base_offset.plus(i64::from(r.offset_delta)), r))
    }
}

/// Bytes of a zigzag varint, as Kafka encodes record fields.
pub fn varint_size(value: i64) -> usize {
    let mut v = ((value << 1) ^ (value >> 63)) as u64;
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(key: &str, value: &str) -> Record {
        Record::new(
            Some(Bytes::copy_from_slice(key.as_bytes())),
            Some(Bytes::copy_from_slice(value.as_bytes())),
            Timestamp(1000),
        )
    }

    #[test]
    fn varints_are_zigzag() {
        assert_eq!(varint_size(0), 1);
        assert_eq!(varint_size(-1), 1);
        assert_eq!(varint_size(63), 1);
        assert_eq!(varint_size(64), 2);
        assert_eq!(varint_size(-65), 2);
        assert_eq!(varint_size(i64::MAX), 10);
    }

    #[test]
    fn size_matches_the_v2_encoding() {
        // One record, key "k", value "v", no headers: attributes 1 + ts delta 1 + offset delta 1
        // + key len 1 + key 1 + value len 1 + value 1 + header count 1 = 8, plus a 1-byte length.
        let batch = RecordBatch::new(vec![record("k", "v")]);
        assert_eq!(batch.size_bytes, BATCH_HEADER_BYTES + 9);
    }

    #[test]
    fn offset_deltas_and_sequences() {
        let batch = RecordBatch::new(vec![record("a", "1"), record("b", "2"), record("c", "3")])
            .with_producer(ProducerId(7), ProducerEpoch(0), i32::MAX - 1);
        assert_eq!(batch.last_offset_delta, 2);
        assert_eq!(batch.offset_count(), 3);
        assert_eq!(batch.last_sequence(), 0, "sequences wrap past i32::MAX to 0");
        let offsets: Vec<_> = batch.records_with_offsets().map(|(o, _)| o.0).collect();
        assert_eq!(offsets, [0, 1, 2]);
    }

    #[test]
    fn a_marker_is_one_control_record_in_kafkas_encoding() {
        let commit = RecordBatch::marker(
            ProducerId(4),
            ProducerEpoch(2),
            TxnMarker::Commit,
            7,
            Timestamp(5),
        );
        assert!(commit.control && commit.transactional);
        assert_eq!((commit.producer_id, commit.producer_epoch), (ProducerId(4), ProducerEpoch(2)));
        assert_eq!(commit.base_sequence, -1, "markers carry no sequence number");
        let record = &commit.records[0];
        assert_eq!(record.key.as_deref(), Some(&[0, 0, 0, 1][..]));
        assert_eq!(record.value.as_deref(), Some(&[0, 0, 0, 0, 0, 7][..]));
        assert_eq!(commit.txn_marker(), Some(TxnMarker::Commit));
        let abort =
            RecordBatch::marker(ProducerId(4), ProducerEpoch(2), TxnMarker::Abort, 0, Timestamp(5));
        assert_eq!(abort.txn_marker(), Some(TxnMarker::Abort));
        assert_eq!(
            RecordBatch::new(vec![record.clone()]).txn_marker(),
            None,
            "not a control batch"
        );
    }
}
