//! Segment metadata: what the log knows about each segment without reading its batches.

use std::sync::Arc;

use crate::event::RollReason;
use crate::ids::{Offset, Timestamp};
use crate::record::RecordBatch;
use crate::topic_config::TopicConfig;

/// One segment of a log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentMeta {
    /// The offset the segment starts at.
    pub base_offset: Offset,
    /// The offset after its last batch as written (compaction does not move it).
    pub next_offset: Offset,
    /// Its size in bytes.
    pub size_bytes: usize,
    /// Its batches.
    pub batch_count: usize,
    /// Its records.
    pub record_count: usize,
    /// When it was created (rolled).
    pub created_at: Timestamp,
    /// The max timestamp of its first batch: what time-based rolling measures from.
    pub first_batch_timestamp: Option<Timestamp>,
    /// The largest record timestamp in it.
    pub max_timestamp: Timestamp,
    /// When a batch was last appended to it.
    pub last_modified: Timestamp,
}

impl SegmentMeta {
    /// An empty segment at `base_offset`, created `now`.
    pub fn new(base_offset: Offset, now: Timestamp) -> Self {
        SegmentMeta {
            base_offset,
            next_offset: base_offset,
            size_bytes: 0,
            batch_count: 0,
            record_count: 0,
            created_at: now,
            first_batch_timestamp: None,
            max_timestamp: Timestamp::NONE,
            last_modified: now,
        }
    }

    /// Whether it holds no batches.
    pub fn is_empty(&self) -> bool {
        self.batch_count == 0
    }

    /// The timestamp retention.ms measures: the largest record timestamp, or the last append
    /// time if records carry none (Kafka's `LogSegment.largestTimestamp`).
    pub fn largest_timestamp(&self) -> Timestamp {
        if self.max_timestamp.0 >= 0 { self.max_timestamp } else { self.last_modified }
    }

    /// Whether appending `batch` must first roll this (active) segment, and why: Kafka rolls when
    /// the batch would not fit in `segment.bytes`, or when the batch's timestamp is more than
    /// `segment.ms` after the segment's first batch.
    pub fn roll_reason(
        &self,
        batch: &RecordBatch,
        now: Timestamp,
        config: &TopicConfig,
    ) -> Option<RollReason> {
        if self.is_empty() {
            return None;
        }
        let limit = usize::try_from(config.segment_bytes).unwrap_or(0);
        if self.size_bytes + batch.size_bytes > limit {
            return Some(RollReason::SegmentBytes);
        }
        let waited = match self.first_batch_timestamp {
            Some(first) if first.0 >= 0 => batch.max_timestamp().ms_since(first),
            _ => now.ms_since(self.created_at),
        };
        (waited > config.segment_ms).then_some(RollReason::SegmentMs)
    }

    /// Accounts for a batch appended to the segment.
    pub fn record_append(&mut self, batch: &RecordBatch, now: Timestamp) {
        if self.first_batch_timestamp.is_none() {
            self.first_batch_timestamp = Some(batch.max_timestamp());
        }
        self.size_bytes += batch.size_bytes;
        self.batch_count += 1;
        self.record_count += batch.records.len();
        self.max_timestamp = self.max_timestamp.max(batch.max_timestamp());
        self.next_offset = batch.next_offset();
        self.last_modified = now;
    }

    /// Recomputes sizes and timestamps from the batches left after truncation or compaction.
    pub fn rebuild(&mut self, batches: &[Arc<RecordBatch>]) {
        self.size_bytes = batches.iter().map(|b| b.size_bytes).sum();
        self.batch_count = batches.len();
        self.record_count = batches.iter().map(|b| b.records.len()).sum();
        self.max_timestamp =
            batches.iter().map(|b| b.max_timestamp()).max().unwrap_or(Timestamp::NONE);
        self.first_batch_timestamp = batches.first().map(|b| b.max_timestamp());
    }
}
