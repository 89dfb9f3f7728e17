//! Log compaction: keep the latest record per key, drop tombstones after `delete.retention.ms`
//! (Kafka's `LogCleaner`).
//!
//! Only the *cleanable* part of the log is compacted: whole segments that are not active, lie
//! below the high watermark, and are older than `min.compaction.lag.ms`. Compaction runs when the
//! share of uncleaned bytes in that part reaches `min.cleanable.dirty.ratio`, or when a tombstone's
//! delete horizon has passed. Offsets never change: compaction leaves gaps. A tombstone kept by a
//! cleaning gets a delete horizon (`now + delete.retention.ms`, KIP-534) and is dropped by the
//! first cleaning after it, so consumers have that long to see the delete.
//!
//! With transactions, as Kafka's cleaner: nothing at or past the last stable offset is cleaned
//! (an open transaction's fate is unknown), an aborted transaction's records never count as a
//! key's latest value and are removed, and markers stay.
use std::sync::Arc;

use bytes::Bytes;

use crate::event::CompactedRecord;
use crate::ids::{Offset, Timestamp};
use crate::record::RecordBatch;
use crate::topic_config::TopicConfig;
use crate::vec_map::VecMap;

use super::Log;

/// What a cleaning removed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompactionStats {
    /// Records dropped because a later record has the same key.
    pub superseded: u64,
    /// Tombstones dropped after their delete horizon.
    pub tombstones: u64,
    /// Offsets below this are now clean.
    pub cleaned_up_to: Offset,
    /// Every record removed, oldest first.
    pub removed: Vec<CompactedRecord>,
}

impl Log {
    /// How many leading segments compaction may touch, and the offset where they end.
    fn cleanable(
        &self,
        now: Timestamp,
        config: &TopicConfig,
        high_watermark: Offset,
    ) -> (usize, Offset) {
        let high_watermark = self.last_stable_offset(high_watermark);
        let mut count = 0;
        let mut end = self.log_start_offset;
        for (i, seg) in self.segments.iter().enumerate() {
            let Some(next) = self.segments.get(i + 1) else {
                break;
            }; // the active segment
            let too_young = now.ms_since(seg.largest_timestamp()) < config.min_compaction_lag_ms;
            if next.base_offset > high_watermark || too_young {
                break;
            }
            count += 1;
            end = next.base_offset;
        }
        (count, end)
    }

    /// Whether the log is due for compaction.
    pub fn needs_compaction(
        &self,
        now: Timestamp,
        config: &TopicConfig,
        high_watermark: Offset,
    ) -> bool {
        if !config.cleanup_policy.compacts() {
            return false;
        }
        let (count, _) = self.cleanable(now, config, high_watermark);
        let segments = &self.segments[..count];
        let total: usize = segments.iter().map(|s| s.size_bytes).sum();
        let dirty: usize = segments
            .iter()
            .filter(|s| s.next_offset > self.first_dirty_offset)
            .map(|s| s.size_bytes)
            .sum();
        let ratio_due = total > 0
            && dirty > 0
            && dirty as f64 / total as f64 >= config.min_cleanable_dirty_ratio;
        ratio_due
            || segments.iter().any(|s| {
                self.storage
                    .batches(s.base_offset)
                    .iter()
                    .any(|b| b.delete_horizon.is_some_and(|h| h <= now))
            })
    }

    /// Compacts the cleanable segments if due; returns what was removed.
    pub fn compact(
        &mut self,
        now: Timestamp,
        config: &TopicConfig,
        high_watermark: Offset,
    ) -> Option<CompactionStats> {
        if !self.needs_compaction(now, config, high_watermark) {
            return None;
        }
        let (count, end) = self.cleanable(now, config, high_watermark);
        let bases: Vec<Offset> = self.segments[..count].iter().map(|s| s.base_offset).collect();
        let latest = self.latest_offset_per_key(&bases);
        let mut stats = CompactionStats { cleaned_up_to: end, ..Default::default() };
        for (i, base) in bases.iter().enumerate() {
            let batches: Vec<Arc<RecordBatch>> = self
                .storage
                .batches(*base)
                .into_iter()
                .filter_map(|b| {
                    if self.is_aborted(&b) {
                        stats.removed.extend(b.records_with_offsets().map(|(offset, r)| {
                            let key = r.key.clone().unwrap_or_default();
                            CompactedRecord { offset, key, superseded_by: None }
                        }));
                        return None;
                    }
                    clean_batch(b, &latest, now, config, &mut stats)
                })
                .collect();
            self.segments[i].rebuild(&batches);
            self.storage.replace_segment(*base, batches);
        }
        self.first_dirty_offset = self.first_dirty_offset.max(end);
        Some(stats)
    }

    /// Whether `batch` belongs to an aborted transaction.
    fn is_aborted(&self, batch: &RecordBatch) -> bool {
        #[cfg(feature = "transactions")]
        if batch.transactional && !batch.control {
            return self.txns.is_aborted(batch.producer_id, batch.base_offset);
        }
        let _ = batch;
        false
    }

    fn latest_offset_per_key(&self, segments: &[Offset]) -> VecMap<Bytes, Offset> {
        let mut latest = VecMap::new();
        for base in segments {
            for batch in self.storage.batches(*base) {
                if batch.control || self.is_aborted(&batch) {
                    continue; // a marker's key is its type; an aborted record never counts
                }
                for (offset, record) in batch.records_with_offsets() {
                    if let Some(key) = &record.key {
                        latest.insert(key.clone(), offset);
                    }
                }
            }
        }
        latest
    }
}

/// The batch with superseded records and expired tombstones removed (`None` if nothing is
/// left); the same `Arc` if nothing changed.
fn clean_batch(
    batch: Arc<RecordBatch>,
    latest: &VecMap<Bytes, Offset>,
    now: Timestamp,
    config: &TopicConfig,
    stats: &mut CompactionStats,
) -> Option<Arc<RecordBatch>> {
    if batch.control {
        // Markers stay: read_committed consumers need them to end transactions.
        return Some(batch);
    }
    let horizon_passed = batch.delete_horizon.is_some_and(|h| h <= now);
    let mut keep = Vec::with_capacity(batch.records.len());
    for (offset, record) in batch.records_with_offsets() {
        let is_latest = record.key.as_ref().is_none_or(|k| latest.get(k) == Some(&offset));
        let key = || record.key.clone().unwrap_or_default();
        if !is_latest {
            stats.superseded += 1;
            let superseded_by = record.key.as_ref().and_then(|k| latest.get(k)).copied();
            stats.removed.push(CompactedRecord { offset, key: key(), superseded_by });
        } else if record.is_tombstone() && horizon_passed {
            stats.tombstones += 1;
            stats.removed.push(CompactedRecord { offset, key: key(), superseded_by: None });
        } else {
            keep.push(record.clone());
        }
    }
    let has_tombstones = keep.iter().any(|r| r.is_tombstone());
    let needs_horizon = has_tombstones && batch.delete_horizon.is_none();
    if keep.len() == batch.records.len() && !needs_horizon {
        return Some(batch);
    }
    if keep.is_empty() {
        return None;
    }
    let mut cleaned = RecordBatch::clone(&batch);
    cleaned.records = keep;
    cleaned.encoded = None;
    cleaned.size_bytes = cleaned.computed_size();
    if needs_horizon {
        cleaned.delete_horizon = Some(now.plus_ms(config.delete_retention_ms));
    } else if !has_tombstones {
        cleaned.delete_horizon = None;
    }
    Some(Arc::new(cleaned))
}
