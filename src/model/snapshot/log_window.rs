//! A window onto a leader's log: its newest records as cells coloured by key, and the
//! segments those records sit in. Keys get the same colour everywhere on the page.

use std::sync::Arc;

use kplay_core::{Offset, RecordBatch};

use super::removals::{Ghost, GhostSegment, ghosts};
use crate::model::chronicle::Gone;

/// How many of the newest offsets a log window shows, at most (for a topic of few partitions).
pub const WINDOW: i64 = 40;

/// The fewest offsets a log window shows.
pub const MIN_WINDOW: i64 = 12;

/// How many cells a whole topic draws, at most, beyond the minimum per partition: the more
/// partitions, the fewer of each one's newest records, so a busy topic stays cheap to redraw.
pub const TOPIC_CELLS: i64 = 240;

/// How many of the newest offsets each partition of a topic with `partitions` partitions shows.
pub fn window_size(partitions: usize) -> i64 {
    (TOPIC_CELLS / partitions.max(1) as i64).clamp(MIN_WINDOW, WINDOW)
}

/// Where a window of `size` offsets onto a log with these bounds starts. The start moves in
/// steps of half the size, so the window shows between `size` and `1.5 × size` of the newest:
/// new records are only added at the end of a row and the oldest drop off a step at a time,
/// rather than every cell of a busy row shifting by one offset each frame.
pub fn window_start(log_start: i64, log_end: i64, size: i64) -> i64 {
    let step = (size / 2).max(1);
    log_start.max((log_end - size).div_euclid(step) * step)
}

/// How many colours keys are spread over (0 is keyless).
pub const KEY_COLOURS: u8 = 12;

/// The colour of a key: 0 for keyless, else 1..=[`KEY_COLOURS`], the same for the same key
/// everywhere on the page.
pub fn key_colour(key: Option<&[u8]>) -> u8 {
    let Some(key) = key else { return 0 };
    // FNV-1a: stable across platforms and runs.
    let hash =
        key.iter().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193));
    (hash % u32::from(KEY_COLOURS)) as u8 + 1
}

pub use kplay_live::bytes_text;
use kplay_live::value_preview as preview;

/// One record in a log window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// Its offset.
    pub offset: i64,
    /// Its key, as text.
    pub key: Option<String>,
    /// The start of its value (`None`: a tombstone).
    pub value: Option<String>,
    /// Its key's colour ([`key_colour`]).
    pub colour: u8,
    /// Its timestamp, in ms.
    pub timestamp_ms: i64,
    /// How many headers it carries.
    pub headers: usize,
}

/// One segment of a log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentSnap {
    /// Its base offset.
    pub base_offset: i64,
    /// The offset after its last batch.
    pub next_offset: i64,
    /// Records in it.
    pub records: usize,
    /// Bytes in it.
    pub bytes: usize,
    /// Whether it is the active (newest) segment.
    pub active: bool,
}

/// The newest part of a leader's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogWindow {
    /// The first offset the window covers.
    pub from: i64,
    /// The records in it, by offset (compaction can leave gaps).
    pub cells: Vec<Cell>,
    /// The segments the window reaches into, oldest first (the last one is active).
    pub segments: Vec<SegmentSnap>,
    /// How many older segments the log has before those.
    pub older_segments: usize,
    /// Segments retention just deleted, oldest first.
    pub deleted: Vec<GhostSegment>,
    /// Records compaction just removed within the window, by offset.
    pub compacted: Vec<Ghost>,
}

impl LogWindow {
    /// The segment `offset` belongs to, if the window reaches it.
    pub fn segment_of(&self, offset: i64) -> Option<&SegmentSnap> {
        self.segments.iter().rev().find(|s| s.base_offset <= offset)
    }
}

pub(super) fn log_window(
    log: &kplay_core::log::Log,
    size: i64,
    gone: &[&Gone],
    now: i64,
) -> LogWindow {
    let end = log.log_end_offset();
    let from = Offset(window_start(log.log_start_offset().0, end.0, size));
    let mut batches: Vec<Arc<RecordBatch>> = Vec::new();
    // Reading from inside the log's bounds cannot fail.
    let _ = log.read(from, end, usize::MAX, false, &mut batches);
    let cells: Vec<Cell> = batches
        .iter()
        .flat_map(|b| b.records_with_offsets())
        .filter(|(offset, _)| *offset >= from)
        .map(|(offset, r)| Cell {
            offset: offset.0,
            key: r.key.as_deref().map(bytes_text),
            value: r.value.as_deref().map(|v| preview(bytes_text(v))),
            colour: key_colour(r.key.as_deref()),
            timestamp_ms: r.timestamp.0,
            headers: r.headers.len(),
        })
        .collect();
    let all = log.segments();
    // The segments holding the window's offsets: from the last one based at or before `from`.
    let first = all.iter().rposition(|s| s.base_offset <= from).unwrap_or(0);
    let segments = all
        .iter()
        .enumerate()
        .skip(first)
        .map(|(i, s)| SegmentSnap {
            base_offset: s.base_offset.0,
            next_offset: s.next_offset.0,
            records: s.record_count,
            bytes: s.size_bytes,
            active: i + 1 == all.len(),
        })
        .collect();
    let (deleted, mut compacted) = ghosts(gone, from.0, now);
    compacted.retain(|g| !cells.iter().any(|c| c.offset == g.offset));
    LogWindow { from: from.0, cells, segments, older_segments: first, deleted, compacted }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_key_gets_the_same_colour_and_keyless_records_none() {
        assert_eq!(key_colour(None), 0);
        let a = key_colour(Some(b"key-1"));
        assert_eq!(a, key_colour(Some(b"key-1")));
        assert!((1..=KEY_COLOURS).contains(&a));
        let colours: kplay_core::vec_map::VecSet<u8> =
            (0..6).map(|i| key_colour(Some(format!("key-{i}").as_bytes()))).collect();
        assert!(colours.len() >= 4, "six keys spread over several colours: {colours:?}");
    }

    #[test]
    fn the_window_start_moves_in_steps_and_never_before_the_log_start() {
        assert_eq!(window_start(0, 10, 40), 0);
        assert_eq!(window_start(0, 59, 40), 0);
        assert_eq!(window_start(0, 60, 40), 20);
        assert_eq!(window_start(0, 79, 40), 20);
        assert_eq!(window_start(0, 80, 40), 40);
        assert_eq!(window_start(70, 80, 40), 70, "never before the log start");
        for size in [MIN_WINDOW, 20, WINDOW] {
            for end in 0..500 {
                let shown = end - window_start(0, end, size);
                assert!(shown <= size + size / 2, "{size} {end}: {shown}");
                assert!(shown >= size.min(end), "{size} {end}: {shown}");
            }
        }
        // Another record only ever adds a cell at the end, except once a step.
        let moves = (40..440).filter(|e| window_start(0, *e, 40) != window_start(0, e + 1, 40));
        assert_eq!(moves.count(), 400 / 20);
    }

    #[test]
    fn more_partitions_draw_fewer_records_each() {
        assert_eq!(window_size(1), WINDOW);
        assert_eq!(window_size(3), WINDOW);
        assert_eq!(window_size(12), 20);
        assert_eq!(window_size(24), MIN_WINDOW);
        assert_eq!(window_size(0), WINDOW);
    }

    #[test]
    fn values_are_cut_to_a_preview_and_binary_shown_as_hex() {
        assert_eq!(bytes_text(&[0xff, 0x01]), "ff01");
        let long = preview("x".repeat(100));
        assert_eq!(long.chars().count(), kplay_live::VALUE_PREVIEW);
        assert!(long.ends_with('…'));
    }
}
