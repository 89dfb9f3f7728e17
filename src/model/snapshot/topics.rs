//! The topics part of a snapshot: each partition's replication state and, for the topic being
//! drawn, a window onto its leader's log — the newest records as cells coloured by key, the
//! segments they sit in, and where consumers and groups stand.
//!
//! At scale the page summarises: a topic with more than [`DETAILED_PARTITIONS`] partitions gets
//! no log windows, only the numbers, so a thousand partitions cost a thousand table rows at most.

use std::sync::Arc;

use kplay_core::{Offset, RecordBatch, TopicPartition};
use kplay_sim::World;

/// The most partitions a topic may have for its logs to be drawn cell by cell.
pub const DETAILED_PARTITIONS: usize = 24;

/// How many of the newest offsets a log window shows.
pub const WINDOW: i64 = 40;

/// How many characters of a value a cell keeps.
const VALUE_PREVIEW: usize = 48;

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

/// Bytes as a person reads them: UTF-8 text, else hex.
pub fn bytes_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

fn preview(text: String) -> String {
    if text.chars().count() <= VALUE_PREVIEW {
        return text;
    }
    let mut cut: String = text.chars().take(VALUE_PREVIEW - 1).collect();
    cut.push('…');
    cut
}

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
    /// Every segment of the log, oldest first.
    pub segments: Vec<SegmentSnap>,
}

/// Where a consumer or group stands on a partition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mark {
    /// A consumer's position: the next offset it will fetch.
    Position {
        /// The consumer's client number.
        client: u32,
        /// The offset.
        offset: i64,
    },
    /// A group's committed offset.
    Committed {
        /// The group.
        group: String,
        /// The offset.
        offset: i64,
    },
}

/// One replica of a partition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaEnd {
    /// Its broker.
    pub broker: i32,
    /// Whether that broker runs.
    pub running: bool,
    /// Whether it leads.
    pub leader: bool,
    /// Whether it is in the ISR.
    pub in_isr: bool,
    /// Its log start offset (-1 if the broker never hosted it).
    pub log_start: i64,
    /// Its log end offset (-1 if the broker never hosted it).
    pub log_end: i64,
    /// Its high watermark (-1 if the broker never hosted it).
    pub high_watermark: i64,
}

/// One partition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionSnap {
    /// Its index.
    pub index: i32,
    /// Its leader, if any.
    pub leader: Option<i32>,
    /// The leader epoch.
    pub leader_epoch: i32,
    /// Its replicas, preferred leader first.
    pub replicas: Vec<i32>,
    /// Its in-sync replicas.
    pub isr: Vec<i32>,
    /// The leader's log start offset (-1 while offline).
    pub log_start: i64,
    /// The leader's high watermark (-1 while offline).
    pub high_watermark: i64,
    /// The leader's log end offset (-1 while offline).
    pub log_end: i64,
    /// Every replica's ends.
    pub replica_ends: Vec<ReplicaEnd>,
    /// The leader's newest records, when drawn in detail.
    pub log: Option<LogWindow>,
    /// Consumers' positions and groups' committed offsets here.
    pub marks: Vec<Mark>,
}

impl PartitionSnap {
    /// Whether it has no leader.
    pub fn offline(&self) -> bool {
        self.leader.is_none()
    }

    /// Whether fewer replicas are in sync than there are replicas.
    pub fn under_replicated(&self) -> bool {
        self.isr.len() < self.replicas.len()
    }
}

/// One topic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicSnap {
    /// Its name.
    pub name: String,
    /// Whether it is internal (`__consumer_offsets`).
    pub internal: bool,
    /// Its replication factor.
    pub replication_factor: i16,
    /// Configs set on it (not the defaults).
    pub overrides: Vec<(String, String)>,
    /// Its partitions, by index.
    pub partitions: Vec<PartitionSnap>,
    /// Whether its logs are drawn cell by cell.
    pub detailed: bool,
}

/// Builds every topic (internal ones last); `shown` is the topic whose logs are drawn, if it has
/// at most [`DETAILED_PARTITIONS`] partitions.
pub fn build(
    world: &World,
    shown: Option<&str>,
    marks: &dyn Fn(&TopicPartition) -> Vec<Mark>,
) -> Vec<TopicSnap> {
    let engine = world.engine();
    let mut topics: Vec<TopicSnap> = engine
        .image()
        .topics
        .values()
        .map(|t| {
            let detailed =
                shown == Some(t.name.as_str()) && t.partitions.len() <= DETAILED_PARTITIONS;
            let partitions = (0..t.partitions.len() as i32)
                .map(|i| {
                    partition(world, &TopicPartition::new(t.name.as_str(), i), detailed, marks)
                })
                .collect();
            TopicSnap {
                name: t.name.to_string(),
                internal: t.internal,
                replication_factor: t.replication_factor(),
                overrides: t.overrides.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                partitions,
                detailed,
            }
        })
        .collect();
    kplay_core::sort::sort_by_key(&mut topics, |t| t.internal);
    topics
}

fn partition(
    world: &World,
    tp: &TopicPartition,
    detailed: bool,
    marks: &dyn Fn(&TopicPartition) -> Vec<Mark>,
) -> PartitionSnap {
    let engine = world.engine();
    let view = engine.partition(tp).expect("the image lists this partition");
    let state = view.state;
    let replica_ends = view
        .replicas
        .iter()
        .map(|(b, r)| ReplicaEnd {
            broker: b.0,
            running: engine.broker(*b).is_some_and(|n| n.running),
            leader: state.leader == Some(*b),
            in_isr: state.in_isr(*b),
            log_start: r.map_or(-1, |r| r.log.log_start_offset().0),
            log_end: r.map_or(-1, |r| r.log.log_end_offset().0),
            high_watermark: r.map_or(-1, |r| r.high_watermark.0),
        })
        .collect();
    let leader = view.leader_replica();
    PartitionSnap {
        index: tp.partition.0,
        leader: state.leader.map(|b| b.0),
        leader_epoch: state.leader_epoch.0,
        replicas: state.replicas.iter().map(|b| b.0).collect(),
        isr: state.isr.iter().map(|b| b.0).collect(),
        log_start: leader.map_or(-1, |r| r.log.log_start_offset().0),
        high_watermark: leader.map_or(-1, |r| r.high_watermark.0),
        log_end: leader.map_or(-1, |r| r.log.log_end_offset().0),
        replica_ends,
        log: leader.filter(|_| detailed).map(|r| window(&r.log)),
        marks: marks(tp),
    }
}

fn window(log: &kplay_core::log::Log) -> LogWindow {
    let end = log.log_end_offset();
    let from = Offset(log.log_start_offset().0.max(end.0 - WINDOW));
    let mut batches: Vec<Arc<RecordBatch>> = Vec::new();
    // Reading from inside the log's bounds cannot fail.
    let _ = log.read(from, end, usize::MAX, false, &mut batches);
    let cells = batches
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
    let last = log.segments().len().saturating_sub(1);
    let segments = log
        .segments()
        .iter()
        .enumerate()
        .map(|(i, s)| SegmentSnap {
            base_offset: s.base_offset.0,
            next_offset: s.next_offset.0,
            records: s.record_count,
            bytes: s.size_bytes,
            active: i == last,
        })
        .collect();
    LogWindow { from: from.0, cells, segments }
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
        let colours: std::collections::BTreeSet<u8> =
            (0..6).map(|i| key_colour(Some(format!("key-{i}").as_bytes()))).collect();
        assert!(colours.len() >= 4, "six keys spread over several colours: {colours:?}");
    }

    #[test]
    fn values_are_cut_to_a_preview_and_binary_shown_as_hex() {
        assert_eq!(bytes_text(&[0xff, 0x01]), "ff01");
        let long = preview("x".repeat(100));
        assert_eq!(long.chars().count(), VALUE_PREVIEW);
        assert!(long.ends_with('…'));
    }
}
