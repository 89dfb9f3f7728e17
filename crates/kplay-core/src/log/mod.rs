//! One replica's partition log: segments of record batches between the log start offset and the
//! log end offset (LEO).
//!
//! The log owns the policies Kafka's `UnifiedLog` owns — assigning offsets, rolling segments,
//! checking idempotent producers, truncating to a leader's log, retention and compaction — and
//! keeps batches in a [`LogStorage`]. It knows nothing of high watermarks or ISRs: those belong
//! to the replica and the partition, which pass the high watermark in where a rule needs it.
//!
//! Invariants (checked by the property tests): offsets are assigned densely and increase;
//! `log_start_offset <= log_end_offset`; batches never overlap; the epoch cache's start offsets
//! increase and lie within the log.

mod compaction;
mod epoch_cache;
mod producer_state;
mod retention;
mod segment;
mod storage;
mod txn_index;

use std::sync::Arc;

pub use compaction::CompactionStats;
pub use epoch_cache::EpochCache;
pub use producer_state::{BATCHES_REMEMBERED, BatchMetadata, ProducerStateTable, SequenceCheck};
pub use retention::{DeletedSegment, RetentionOutcome};
pub use segment::SegmentMeta;
pub use storage::{LogStorage, MemoryStorage, SegmentRead};
pub use txn_index::{AbortedTxn, CompletedTxn, TxnIndex};

use crate::error::{ErrorCode, KafkaError};
use crate::event::RollReason;
use crate::ids::{LeaderEpoch, Offset, Timestamp};
use crate::record::RecordBatch;
use crate::topic_config::{TimestampType, TopicConfig};

/// A batch the leader appended.
#[derive(Clone, Debug, PartialEq)]
pub struct LogAppend {
    /// The appended batch, with its offsets and epoch.
    pub batch: Arc<RecordBatch>,
    /// The leader's append time, for LogAppendTime topics.
    pub log_append_time: Option<Timestamp>,
    /// The segment rolled before the append, and why.
    pub rolled: Option<RollReason>,
}

/// The outcome of a leader's append.
#[derive(Clone, Debug, PartialEq)]
pub enum LeaderAppend {
    /// Appended.
    Appended(LogAppend),
    /// An idempotent producer's retry of a batch already in the log.
    Duplicate(BatchMetadata),
}

/// A replica's log.
#[derive(Debug)]
pub struct Log {
    storage: Box<dyn LogStorage>,
    segments: Vec<SegmentMeta>,
    log_start_offset: Offset,
    log_end_offset: Offset,
    epochs: EpochCache,
    producers: ProducerStateTable,
    #[cfg(feature = "transactions")]
    txns: TxnIndex,
    /// Offsets below this have been compacted (Kafka's cleaner checkpoint).
    first_dirty_offset: Offset,
}

impl Log {
    /// An empty log starting at offset 0, in `storage`.
    pub fn new(mut storage: Box<dyn LogStorage>, now: Timestamp) -> Log {
        storage.create_segment(Offset(0));
        Log {
            storage,
            segments: vec![SegmentMeta::new(Offset(0), now)],
            log_start_offset: Offset(0),
            log_end_offset: Offset(0),
            epochs: EpochCache::default(),
            producers: ProducerStateTable::default(),
            #[cfg(feature = "transactions")]
            txns: TxnIndex::default(),
            first_dirty_offset: Offset(0),
        }
    }

    /// An empty in-memory log.
    pub fn in_memory(now: Timestamp) -> Log {
        Log::new(Box::new(MemoryStorage::new()), now)
    }

    /// The first offset still in the log.
    pub fn log_start_offset(&self) -> Offset {
        self.log_start_offset
    }

    /// The offset the next appended record will get.
    pub fn log_end_offset(&self) -> Offset {
        self.log_end_offset
    }

    /// The segments, oldest first; the last is the active one.
    pub fn segments(&self) -> &[SegmentMeta] {
        &self.segments
    }

    /// The log's size in bytes.
    pub fn size_bytes(&self) -> usize {
        self.segments.iter().map(|s| s.size_bytes).sum()
    }

    /// The leader-epoch cache.
    pub fn epochs(&self) -> &EpochCache {
        &self.epochs
    }

    /// Idempotent producers' state.
    pub fn producers(&self) -> &ProducerStateTable {
        &self.producers
    }

    /// Open and aborted transactions.
    #[cfg(feature = "transactions")]
    pub fn transactions(&self) -> &TxnIndex {
        &self.txns
    }

    /// The last stable offset given the high watermark: below the earliest open transaction.
    /// Without the `transactions` feature no batch is transactional, and it is the high watermark.
    pub fn last_stable_offset(&self, high_watermark: Offset) -> Offset {
        #[cfg(feature = "transactions")]
        if let Some(first_unstable) = self.txns.first_unstable_offset(high_watermark) {
            // As Kafka's `maybeIncrementFirstUnstableOffset`: never below the log start.
            return first_unstable.max(self.log_start_offset).min(high_watermark);
        }
        high_watermark
    }

    /// The high watermark reached `high_watermark`: transactions whose markers it passed are
    /// stable now.
    #[cfg(feature = "transactions")]
    pub fn high_watermark_moved(&mut self, high_watermark: Offset) {
        self.txns.replicated_to(high_watermark);
    }

    /// The aborted transactions overlapping `[from, upto)`, for a `read_committed` fetch.
    pub fn aborted_transactions(&self, from: Offset, upto: Offset) -> Vec<AbortedTxn> {
        #[cfg(feature = "transactions")]
        return self.txns.aborted_between(from, upto);
        #[cfg(not(feature = "transactions"))]
        {
            let _ = (from, upto);
            Vec::new()
        }
    }

    /// The epoch of the last batch in the log, which a follower reports as its last fetched epoch.
    pub fn last_epoch(&self) -> Option<LeaderEpoch> {
        self.epochs.latest_epoch()
    }

    /// Records that `epoch` starts at the current log end: what a replica does on becoming leader
    /// (Kafka's `maybeAssignEpochStartOffset`).
    pub fn assign_leader_epoch(&mut self, epoch: LeaderEpoch) {
        self.epochs.assign(epoch, self.log_end_offset);
    }

    /// Kafka's `endOffsetForEpoch`: see [`EpochCache::end_offset_for`].
    pub fn end_offset_for_epoch(&self, epoch: LeaderEpoch) -> Option<(LeaderEpoch, Offset)> {
        self.epochs.end_offset_for(epoch, self.log_end_offset)
    }

    /// Every batch of a segment, in order.
    pub fn segment_batches(&self, segment: &SegmentMeta) -> Vec<Arc<RecordBatch>> {
        self.storage.batches(segment.base_offset)
    }

    /// Every batch in the log, in order.
    pub fn batches(&self) -> Vec<Arc<RecordBatch>> {
        self.segments.iter().flat_map(|s| self.storage.batches(s.base_offset)).collect()
    }

    /// Appends a producer's batch as the leader in `epoch`: validates it against the topic's
    /// config and the producer's state, assigns offsets, and rolls the segment first if needed.
    pub fn append_as_leader(
        &mut self,
        mut batch: RecordBatch,
        epoch: LeaderEpoch,
        now: Timestamp,
        config: &TopicConfig,
    ) -> Result<LeaderAppend, KafkaError> {
        validate(&batch, config, now)?;
        if batch.is_idempotent()
            && let SequenceCheck::Duplicate(meta) = self.producers.check(&batch)?
        {
            return Ok(LeaderAppend::Duplicate(meta));
        }
        batch.base_offset = self.log_end_offset;
        batch.partition_leader_epoch = epoch;
        let log_append_time =
            (config.message_timestamp_type == TimestampType::LogAppendTime).then(|| {
                batch.timestamp_type = TimestampType::LogAppendTime;
                batch.records.iter_mut().for_each(|r| r.timestamp = now);
                // The producer's bytes carry its timestamps; the server re-encodes this batch.
                batch.encoded = None;
                now
            });
        let batch = Arc::new(batch);
        let rolled = self.append(Arc::clone(&batch), now, config);
        Ok(LeaderAppend::Appended(LogAppend { batch, log_append_time, rolled }))
    }

    /// Appends a transaction marker (a control batch) as the leader in `epoch`: no producer
    /// checks, as Kafka's `appendAsLeader` with `AppendOrigin.COORDINATOR`. Returns the appended
    /// batch and the transaction it ended here, if one was open.
    #[cfg(feature = "transactions")]
    pub fn append_marker_as_leader(
        &mut self,
        mut marker: RecordBatch,
        epoch: LeaderEpoch,
        now: Timestamp,
        config: &TopicConfig,
    ) -> (LogAppend, Option<CompletedTxn>) {
        marker.base_offset = self.log_end_offset;
        marker.partition_leader_epoch = epoch;
        let producer = marker.producer_id;
        let first_offset = self.txns.ongoing(producer);
        let batch = Arc::new(marker);
        let rolled = self.append(Arc::clone(&batch), now, config);
        let completed = first_offset.and_then(|first_offset| {
            Some(CompletedTxn {
                producer_id: producer,
                first_offset,
                marker_offset: batch.base_offset,
                marker: batch.txn_marker()?,
            })
        });
        (LogAppend { batch, log_append_time: None, rolled }, completed)
    }

    /// Appends a batch copied from the leader, keeping its offsets. Batches the log already has
    /// are skipped; a batch that does not start at the log end is refused.
    pub fn append_as_follower(
        &mut self,
        batch: Arc<RecordBatch>,
        now: Timestamp,
        config: &TopicConfig,
    ) -> Result<Option<RollReason>, KafkaError> {
        if batch.last_offset() < self.log_end_offset {
            return Ok(None);
        }
        if batch.base_offset != self.log_end_offset {
            return Err(KafkaError::new(
                ErrorCode::UnknownServerError,
                format!(
                    "batch at {} does not start at the log end offset {}",
                    batch.base_offset, self.log_end_offset
                ),
            ));
        }
        Ok(self.append(batch, now, config))
    }

    fn append(
        &mut self,
        batch: Arc<RecordBatch>,
        now: Timestamp,
        config: &TopicConfig,
    ) -> Option<RollReason> {
        let rolled = self.active().roll_reason(&batch, now, config);
        if rolled.is_some() {
            self.roll(now);
        }
        self.epochs.assign(batch.partition_leader_epoch, batch.base_offset);
        self.producers.update(&batch);
        #[cfg(feature = "transactions")]
        self.txns.update(&batch);
        self.log_end_offset = batch.next_offset();
        let segment = self.segments.last_mut().expect("a log always has an active segment");
        segment.record_append(&batch, now);
        self.storage.append(segment.base_offset, batch);
        rolled
    }

    fn active(&self) -> &SegmentMeta {
        self.segments.last().expect("a log always has an active segment")
    }

    /// Closes the active segment and starts a new one at the log end offset (an empty active
    /// segment is left as it is).
    pub(crate) fn roll(&mut self, now: Timestamp) {
        if self.active().is_empty() {
            return;
        }
        let base = self.log_end_offset;
        self.storage.create_segment(base);
        self.segments.push(SegmentMeta::new(base, now));
    }

    /// Reads whole batches from the one containing `from`, ending before `upto` (the high
    /// watermark for consumers, the log end for followers), up to `max_bytes` — but at least one
    /// batch if `min_one` (Kafka returns one batch even when it is larger than the limits, so a
    /// consumer is never stuck). Returns the bytes read, or OFFSET_OUT_OF_RANGE when `from` is
    /// before the log start or after the log end.
    pub fn read(
        &self,
        from: Offset,
        upto: Offset,
        max_bytes: usize,
        min_one: bool,
        out: &mut Vec<Arc<RecordBatch>>,
    ) -> Result<usize, ErrorCode> {
        if from < self.log_start_offset || from > self.log_end_offset {
            return Err(ErrorCode::OffsetOutOfRange);
        }
        let first_segment = self.segments.partition_point(|s| s.base_offset <= from).max(1) - 1;
        let mut bytes = 0;
        let mut batches = 0;
        for segment in &self.segments[first_segment..] {
            if segment.base_offset >= upto {
                break;
            }
            let budget = max_bytes.saturating_sub(bytes);
            let first = min_one && batches == 0;
            let read = self.storage.read(segment.base_offset, from, upto, budget, first, out);
            bytes += read.bytes;
            batches += read.batches;
            if read.budget_exhausted {
                break;
            }
        }
        Ok(bytes)
    }

    /// Removes every batch whose last offset is at or after `offset`, so the log ends at or
    /// before `offset`. Returns how many offsets were removed.
    pub fn truncate_to(&mut self, offset: Offset) -> u64 {
        if offset >= self.log_end_offset {
            // As Kafka does: drop epochs that start at the log end. This replica may have led
            // an epoch without appending anything, and the new leader knows nothing of it.
            self.epochs.truncate_from_end(self.log_end_offset);
            return 0;
        }
        if offset < self.log_start_offset {
            let removed = self.log_end_offset.records_since(self.log_start_offset);
            self.truncate_fully_and_start_at(offset, self.active().created_at);
            return removed;
        }
        let old_end = self.log_end_offset;
        while self.segments.len() > 1 && self.active().base_offset >= offset {
            let seg = self.segments.pop().expect("more than one segment");
            self.storage.delete_segment(seg.base_offset);
        }
        let base = self.active().base_offset;
        self.storage.truncate_segment(base, offset);
        let remaining = self.storage.batches(base);
        let new_end = remaining.last().map_or(base, |b| b.next_offset());
        let active = self.segments.last_mut().expect("active segment");
        active.rebuild(&remaining);
        active.next_offset = new_end;
        self.log_end_offset = new_end.max(self.log_start_offset);
        self.epochs.truncate_from_end(self.log_end_offset);
        self.producers.truncate(self.log_end_offset);
        #[cfg(feature = "transactions")]
        {
            let batches = self.batches();
            self.txns = TxnIndex::rebuild(batches.iter().map(|b| &**b));
            self.txns.forget_before(self.log_start_offset);
        }
        self.first_dirty_offset = self.first_dirty_offset.min(self.log_end_offset);
        old_end.records_since(self.log_end_offset)
    }

    /// Empties the log and restarts it at `offset` (a follower whose fetch offset fell out of
    /// the leader's range).
    pub fn truncate_fully_and_start_at(&mut self, offset: Offset, now: Timestamp) {
        for seg in self.segments.drain(..) {
            self.storage.delete_segment(seg.base_offset);
        }
        self.storage.create_segment(offset);
        self.segments.push(SegmentMeta::new(offset, now));
        self.log_start_offset = offset;
        self.log_end_offset = offset;
        self.first_dirty_offset = offset;
        self.epochs = EpochCache::default();
        self.producers = ProducerStateTable::default();
        #[cfg(feature = "transactions")]
        {
            self.txns = TxnIndex::default();
        }
    }

    /// Moves the log start offset forward to `offset` (never past the log end), deleting the
    /// segments wholly before it — what a follower does when its leader's log start moves.
    pub fn advance_log_start(&mut self, offset: Offset) -> bool {
        let offset = offset.min(self.log_end_offset);
        if offset <= self.log_start_offset {
            return false;
        }
        while self.segments.len() > 1 && self.segments[1].base_offset <= offset {
            let seg = self.segments.remove(0);
            self.storage.delete_segment(seg.base_offset);
        }
        self.log_start_offset = offset;
        self.epochs.truncate_from_start(offset);
        #[cfg(feature = "transactions")]
        self.txns.forget_before(offset);
        self.first_dirty_offset = self.first_dirty_offset.max(offset);
        true
    }

    /// The first offset whose timestamp is at or after `timestamp`, with that record's
    /// timestamp and the epoch it was written in (ListOffsets by timestamp).
    pub fn offset_for_timestamp(
        &self,
        timestamp: Timestamp,
    ) -> Option<(Offset, Timestamp, LeaderEpoch)> {
        for segment in &self.segments {
            if segment.max_timestamp < timestamp {
                continue;
            }
            for batch in self.storage.batches(segment.base_offset) {
                if batch.max_timestamp() < timestamp {
                    continue;
                }
                if let Some((offset, r)) = batch
                    .records_with_offsets()
                    .find(|(o, r)| r.timestamp >= timestamp && *o >= self.log_start_offset)
                {
                    return Some((offset, r.timestamp, batch.partition_leader_epoch));
                }
            }
        }
        None
    }

    /// The offset of the record with the largest timestamp (ListOffsets -3), with its timestamp
    /// and epoch; the first such record on ties.
    pub fn max_timestamp_offset(&self) -> Option<(Offset, Timestamp, LeaderEpoch)> {
        let mut best: Option<(Offset, Timestamp, LeaderEpoch)> = None;
        for batch in self.batches() {
            for (offset, r) in batch.records_with_offsets() {
                if offset >= self.log_start_offset && best.is_none_or(|(_, ts, _)| r.timestamp > ts)
                {
                    best = Some((offset, r.timestamp, batch.partition_leader_epoch));
                }
            }
        }
        best
    }
}

/// Checks a producer's batch against the topic's limits before anything is appended.
fn validate(batch: &RecordBatch, config: &TopicConfig, now: Timestamp) -> Result<(), KafkaError> {
    if batch.records.is_empty() {
        return Err(KafkaError::new(ErrorCode::InvalidRecord, "the record batch is empty"));
    }
    let max = usize::try_from(config.max_message_bytes).unwrap_or(0);
    if batch.size_bytes > max {
        return Err(KafkaError::new(
            ErrorCode::MessageTooLarge,
            format!(
                "Message batch size is {} bytes which exceeds the maximum configured size of {} (max.message.bytes).",
                batch.size_bytes, max
            ),
        ));
    }
    let segment_max = usize::try_from(config.segment_bytes).unwrap_or(0);
    if batch.size_bytes > segment_max {
        return Err(KafkaError::new(
            ErrorCode::RecordListTooLarge,
            format!(
                "Message batch size is {} bytes which exceeds the maximum configured segment size of {} (segment.bytes).",
                batch.size_bytes, segment_max
            ),
        ));
    }
    if config.message_timestamp_type == TimestampType::CreateTime {
        check_timestamps(batch, config, now)?;
    }
    if config.cleanup_policy.compacts() && batch.records.iter().any(|r| r.key.is_none()) {
        return Err(KafkaError::new(
            ErrorCode::InvalidRecord,
            "Compacted topic cannot accept message without key.",
        ));
    }
    Ok(())
}

/// Kafka's `LogValidator.validateTimestamp`: a CreateTime record may be at most
/// `message.timestamp.before.max.ms` older and `message.timestamp.after.max.ms` newer than the
/// broker's clock (with Java's wrapping arithmetic, so the defaults never overflow).
fn check_timestamps(
    batch: &RecordBatch,
    config: &TopicConfig,
    now: Timestamp,
) -> Result<(), KafkaError> {
    let (before, after) =
        (config.message_timestamp_before_max_ms, config.message_timestamp_after_max_ms);
    for (delta, record) in batch.records.iter().enumerate() {
        if record.timestamp == Timestamp::NONE {
            continue;
        }
        let diff = record.timestamp.0.wrapping_sub(now.0);
        if diff > after || diff.wrapping_neg() > before {
            return Err(KafkaError::new(
                ErrorCode::InvalidTimestamp,
                format!(
                    "Timestamp {} of message with offset {delta} is out of range. The timestamp should be within [{}, {}]",
                    record.timestamp.0,
                    now.0.wrapping_sub(before),
                    now.0.wrapping_add(after)
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
