//! Retention: deleting whole segments by age (`retention.ms`) and by size (`retention.bytes`),
//! as Kafka's `UnifiedLog.deleteOldSegments` does.
//!
//! Only a prefix of segments is deleted, only segments wholly below the high watermark, and
//! never the last segment left: when every segment is due, the active one is rolled first so
//! the log keeps an empty active segment at its end.

use crate::event::{RollReason, SegmentDeleteReason};
use crate::ids::{Offset, Timestamp};
use crate::topic_config::TopicConfig;

use super::{Log, SegmentMeta};

/// A segment retention deleted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeletedSegment {
    /// The segment.
    pub segment: SegmentMeta,
    /// Why.
    pub reason: SegmentDeleteReason,
}

/// What one retention pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RetentionOutcome {
    /// Whether the active segment was rolled so that it could be deleted.
    pub rolled: Option<RollReason>,
    /// The deleted segments, oldest first.
    pub deleted: Vec<DeletedSegment>,
}

impl Log {
    /// Deletes segments past `retention.ms`, then segments beyond `retention.bytes`, if the
    /// topic's cleanup policy deletes.
    pub fn delete_old_segments(
        &mut self,
        now: Timestamp,
        config: &TopicConfig,
        high_watermark: Offset,
    ) -> RetentionOutcome {
        let mut outcome = RetentionOutcome::default();
        if !config.cleanup_policy.deletes() {
            return outcome;
        }
        if config.retention_ms >= 0 {
            let count = self.deletable(high_watermark, |seg| {
                now.ms_since(seg.largest_timestamp()) > config.retention_ms
            });
            self.delete_prefix(count, now, SegmentDeleteReason::RetentionMs, &mut outcome);
        }
        if config.retention_bytes >= 0 {
            let mut excess =
                i64::try_from(self.size_bytes()).unwrap_or(i64::MAX) - config.retention_bytes;
            let count = self.deletable(high_watermark, |seg| {
                let size = i64::try_from(seg.size_bytes).unwrap_or(i64::MAX);
                if excess - size >= 0 {
                    excess -= size;
                    true
                } else {
                    false
                }
            });
            self.delete_prefix(count, now, SegmentDeleteReason::RetentionBytes, &mut outcome);
        }
        outcome
    }

    /// How many segments, from the oldest, satisfy `predicate` and may be deleted: wholly below
    /// the high watermark, and not an empty active segment.
    fn deletable(
        &self,
        high_watermark: Offset,
        mut predicate: impl FnMut(&SegmentMeta) -> bool,
    ) -> usize {
        let mut count = 0;
        for (i, seg) in self.segments.iter().enumerate() {
            let is_active = i + 1 == self.segments.len();
            let upper = self.segments.get(i + 1).map_or(self.log_end_offset, |n| n.base_offset);
            let eligible = !(is_active && seg.is_empty()) && upper <= high_watermark;
            if !eligible || !predicate(seg) {
                break;
            }
            count += 1;
        }
        count
    }

    fn delete_prefix(
        &mut self,
        count: usize,
        now: Timestamp,
        reason: SegmentDeleteReason,
        outcome: &mut RetentionOutcome,
    ) {
        if count == 0 {
            return;
        }
        if count == self.segments.len() {
            // Kafka keeps at least one segment: roll a new, empty active segment first.
            self.roll(now);
            outcome.rolled = Some(RollReason::Retention);
        }
        for segment in self.segments.drain(..count) {
            self.storage.delete_segment(segment.base_offset);
            outcome.deleted.push(DeletedSegment { segment, reason });
        }
        let new_start = self.segments[0].base_offset;
        if new_start > self.log_start_offset {
            self.log_start_offset = new_start;
            self.epochs.truncate_from_start(new_start);
            #[cfg(feature = "transactions")]
            self.txns.forget_before(new_start);
            self.first_dirty_offset = self.first_dirty_offset.max(new_start);
        }
    }
}
