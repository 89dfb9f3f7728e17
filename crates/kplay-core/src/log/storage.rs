//! Where a log's batches live: a trait with the operations a segment-file store would offer, and
//! the in-memory store the browser and the tests use.
//!
//! The [`Log`](super::Log) above it owns every policy (offsets, rolling, retention, compaction,
//! truncation) and the segment metadata; a store only keeps batches per segment, addressed by
//! the segment's base offset, in offset order. A file-backed store (one file per segment, as
//! Kafka's `.log` files) implements the same trait without touching the policies.
use std::fmt;
use std::sync::Arc;

use crate::ids::Offset;
use crate::record::RecordBatch;
use crate::vec_map::VecMap;

/// What one segment read pushed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SegmentRead {
    /// Bytes pushed.
    pub bytes: usize,
    /// Batches pushed.
    pub batches: usize,
    /// Whether it stopped because the next batch did not fit in `max_bytes`.
    pub budget_exhausted: bool,
}

/// Batches, grouped in segments keyed by base offset.
pub trait LogStorage: fmt::Debug + Send {
    /// Starts a new, empty segment at `base_offset` (after every existing one).
    fn create_segment(&mut self, base_offset: Offset);

    /// Appends a batch to the segment at `segment` (the newest one).
    fn append(&mut self, segment: Offset, batch: Arc<RecordBatch>);

    /// Pushes onto `out`, in order, the batches of `segment` that end at or after `from` and end
    /// before `upto` (exclusive), stopping before a batch that would take the bytes pushed past
    /// `max_bytes` — unless `first` is set and nothing has been pushed yet, in which case one
    /// batch is pushed regardless.
    fn read(
        &self,
        segment: Offset,
        from: Offset,
        upto: Offset,
        max_bytes: usize,
        first: bool,
        out: &mut Vec<Arc<RecordBatch>>,
    ) -> SegmentRead;

    /// Every batch of a segment, in order.
    fn batches(&self, segment: Offset) -> Vec<Arc<RecordBatch>>;

    /// Replaces a segment's batches (compaction).
    fn replace_segment(&mut self, segment: Offset, batches: Vec<Arc<RecordBatch>>);

    /// Removes a segment's batches whose last offset is at or after `offset`.
    fn truncate_segment(&mut self, segment: Offset, offset: Offset);

    /// Removes a whole segment.
    fn delete_segment(&mut self, segment: Offset);
}

/// Batches in memory: what the browser playground and the tests use.
#[derive(Debug, Default)]
pub struct MemoryStorage {
    segments: VecMap<Offset, Vec<Arc<RecordBatch>>>,
}

impl MemoryStorage {
    /// An empty store.
    pub fn new() -> Self {
        MemoryStorage::default()
    }
}

impl LogStorage for MemoryStorage {
    fn create_segment(&mut self, base_offset: Offset) {
        self.segments.entry(base_offset).or_default();
    }

    fn append(&mut self, segment: Offset, batch: Arc<RecordBatch>) {
        self.segments.entry(segment).or_default().push(batch);
    }

    fn read(
        &self,
        segment: Offset,
        from: Offset,
        upto: Offset,
        max_bytes: usize,
        first: bool,
        out: &mut Vec<Arc<RecordBatch>>,
    ) -> SegmentRead {
        let mut read = SegmentRead::default();
        let Some(batches) = self.segments.get(&segment) else {
            return read;
        };
        let start = batches.partition_point(|b| b.last_offset() < from);
        for batch in &batches[start..] {
            if batch.next_offset() > upto {
                break;
            }
            let must_take = first && read.batches == 0;
            if !must_take && read.bytes + batch.size_bytes > max_bytes {
                read.budget_exhausted = true;
                break;
            }
            read.bytes += batch.size_bytes;
            read.batches += 1;
            out.push(Arc::clone(batch));
        }
        read
    }

    fn batches(&self, segment: Offset) -> Vec<Arc<RecordBatch>> {
        self.segments.get(&segment).cloned().unwrap_or_default()
    }

    fn replace_segment(&mut self, segment: Offset, batches: Vec<Arc<RecordBatch>>) {
        self.segments.insert(segment, batches);
    }

    fn truncate_segment(&mut self, segment: Offset, offset: Offset) {
        if let Some(batches) = self.segments.get_mut(&segment) {
            let keep = batches.partition_point(|b| b.last_offset() < offset);
            batches.truncate(keep);
        }
    }

    fn delete_segment(&mut self, segment: Offset) {
        self.segments.remove(&segment);
    }
}
