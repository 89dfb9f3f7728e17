//! The playground's model: one partition log of `kplay-core`, driven by a virtual clock, and the
//! immutable snapshot of it that the components render.
//!
//! Nothing here knows yew or the browser, so it is tested with plain `cargo test`. Every append
//! goes through the engine's own [`Log::append_as_leader`], with a small `segment.bytes` so that
//! segments visibly roll after a few records. Time is virtual: each produce advances the clock by
//! [`TICK_MS`], so the same clicks always give the same log.

use bytes::Bytes;
use kplay_core::log::{LeaderAppend, Log};
use kplay_core::{KafkaError, LeaderEpoch, Offset, Record, RecordBatch, Timestamp, TopicConfig};

/// `segment.bytes` of the playground's topic: small, so a segment holds about three records.
pub const SEGMENT_BYTES: i32 = 256;

/// The keys the producer cycles through, in order.
pub const KEYS: [&str; 4] = ["alice", "bob", "carol", "dave"];

/// How many records the playground appends before anyone clicks.
pub const INITIAL_RECORDS: usize = 5;

/// Virtual milliseconds between two produces.
pub const TICK_MS: i64 = 100;

/// The leader epoch the playground's single replica appends in.
const EPOCH: LeaderEpoch = LeaderEpoch(0);

/// One record as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordView {
    /// The record's offset.
    pub offset: Offset,
    /// The key, as text; `None` for a keyless record.
    pub key: Option<String>,
    /// The value, as text; `None` for a tombstone.
    pub value: Option<String>,
}

/// One segment as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentView {
    /// The offset the segment starts at.
    pub base_offset: Offset,
    /// Its size in bytes.
    pub size_bytes: usize,
    /// Whether it is the active segment (the one appends go to).
    pub active: bool,
    /// Its records, in offset order.
    pub records: Vec<RecordView>,
}

/// A snapshot of the whole log, taken after each change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogView {
    /// The first offset still in the log.
    pub log_start_offset: Offset,
    /// The offset the next record will get.
    pub log_end_offset: Offset,
    /// `segment.bytes` of the topic.
    pub segment_bytes: usize,
    /// The segments, oldest first.
    pub segments: Vec<SegmentView>,
}

/// What one produce did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Produced {
    /// The offset the record got.
    pub offset: Offset,
    /// Its key.
    pub key: String,
    /// Whether the active segment rolled before the append.
    pub rolled: bool,
}

/// A partition log with a producer that appends one keyed record per call.
#[derive(Debug)]
pub struct Playground {
    log: Log,
    config: TopicConfig,
    now: Timestamp,
    produced: usize,
}

impl Default for Playground {
    fn default() -> Self {
        Playground::new()
    }
}

impl Playground {
    /// An empty log with the playground's topic config; no records yet.
    pub fn empty() -> Self {
        let config = TopicConfig { segment_bytes: SEGMENT_BYTES, ..TopicConfig::default() };
        Playground { log: Log::in_memory(Timestamp(0)), config, now: Timestamp(0), produced: 0 }
    }

    /// The log with [`INITIAL_RECORDS`] records already appended, and the first error if an
    /// append failed.
    pub fn seeded() -> (Self, Option<KafkaError>) {
        let mut playground = Playground::empty();
        let error = (0..INITIAL_RECORDS).find_map(|_| playground.produce().err());
        (playground, error)
    }

    /// The seeded log (see [`Playground::seeded`]); an append error is dropped here, the log
    /// keeps whatever was appended before it.
    pub fn new() -> Self {
        Playground::seeded().0
    }

    /// The key the next record gets.
    pub fn next_key(&self) -> &'static str {
        KEYS[self.produced % KEYS.len()]
    }

    /// Appends one record, keyed by the next key in [`KEYS`], as the partition leader.
    pub fn produce(&mut self) -> Result<Produced, KafkaError> {
        let key = self.next_key();
        let value = format!("event {}", self.produced);
        self.now = self.now.plus_ms(TICK_MS);
        let record = Record::new(
            Some(Bytes::from_static(key.as_bytes())),
            Some(Bytes::from(value)),
            self.now,
        );
        let batch = RecordBatch::new(vec![record]);
        let outcome = self.log.append_as_leader(batch, EPOCH, self.now, &self.config)?;
        self.produced += 1;
        Ok(match outcome {
            LeaderAppend::Appended(append) => Produced {
                offset: append.batch.base_offset,
                key: key.to_owned(),
                rolled: append.rolled.is_some(),
            },
            // Only idempotent producers' retries are duplicates; this producer is not one.
            LeaderAppend::Duplicate(meta) => {
                Produced { offset: meta.last_offset, key: key.to_owned(), rolled: false }
            }
        })
    }

    /// A snapshot of the log for rendering.
    pub fn view(&self) -> LogView {
        let segments = self.log.segments();
        let last = segments.len().saturating_sub(1);
        LogView {
            log_start_offset: self.log.log_start_offset(),
            log_end_offset: self.log.log_end_offset(),
            segment_bytes: usize::try_from(self.config.segment_bytes).unwrap_or(0),
            segments: segments
                .iter()
                .enumerate()
                .map(|(i, segment)| SegmentView {
                    base_offset: segment.base_offset,
                    size_bytes: segment.size_bytes,
                    active: i == last,
                    records: self
                        .log
                        .segment_batches(segment)
                        .iter()
                        .flat_map(|batch| {
                            batch
                                .records_with_offsets()
                                .map(|(offset, r)| RecordView {
                                    offset,
                                    key: r.key.as_deref().map(text),
                                    value: r.value.as_deref().map(text),
                                })
                                .collect::<Vec<_>>()
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offsets(view: &LogView) -> Vec<i64> {
        view.segments.iter().flat_map(|s| s.records.iter().map(|r| r.offset.0)).collect()
    }

    #[test]
    fn seeding_appends_keyed_records_at_dense_offsets() {
        let (playground, error) = Playground::seeded();
        assert_eq!(error, None);
        let view = playground.view();
        assert_eq!(view.log_start_offset, Offset(0));
        assert_eq!(view.log_end_offset, Offset(INITIAL_RECORDS as i64));
        assert_eq!(offsets(&view), [0, 1, 2, 3, 4]);
        let keys: Vec<_> = view
            .segments
            .iter()
            .flat_map(|s| s.records.iter().map(|r| r.key.clone().unwrap()))
            .collect();
        assert_eq!(keys, ["alice", "bob", "carol", "dave", "alice"]);
        assert_eq!(view.segments[0].records[1].value.as_deref(), Some("event 1"));
    }

    #[test]
    fn segments_roll_at_segment_bytes() {
        let view = Playground::new().view();
        assert!(view.segments.len() >= 2, "5 records overflow 256 bytes");
        for segment in &view.segments {
            assert!(segment.size_bytes <= SEGMENT_BYTES as usize);
            assert_eq!(
                segment.records.first().map(|r| r.offset),
                Some(segment.base_offset),
                "a segment starts at its first record"
            );
        }
        let active: Vec<_> = view.segments.iter().map(|s| s.active).collect();
        assert_eq!(active.iter().filter(|a| **a).count(), 1);
        assert_eq!(active.last(), Some(&true), "the newest segment is active");
    }

    #[test]
    fn produce_advances_the_log_end_offset_and_reports_rolls() {
        let mut playground = Playground::new();
        let before = playground.view();
        let mut rolls = 0;
        for i in 0..12 {
            let produced = playground.produce().unwrap();
            assert_eq!(produced.offset, before.log_end_offset.plus(i));
            assert_eq!(produced.key, KEYS[(INITIAL_RECORDS + i as usize) % KEYS.len()]);
            rolls += usize::from(produced.rolled);
        }
        let after = playground.view();
        assert_eq!(after.log_end_offset, before.log_end_offset.plus(12));
        assert_eq!(after.segments.len(), before.segments.len() + rolls);
        assert_eq!(offsets(&after), (0..17).collect::<Vec<_>>());
    }

    #[test]
    fn the_same_clicks_give_the_same_log() {
        let run = || {
            let mut playground = Playground::new();
            for _ in 0..7 {
                playground.produce().unwrap();
            }
            playground.view()
        };
        assert_eq!(run(), run());
    }
}
