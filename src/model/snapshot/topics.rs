//! The topics part of a snapshot: each partition's replication state and, for the topic being
//! drawn, a window onto its leader's log — the newest records as cells coloured by key, the
//! segments they sit in, where consumers and groups stand, and the records that just went away
//! (as ghosts that fade over [`GONE_VISIBLE_MS`](super::GONE_VISIBLE_MS) of simulated time).
//!
//! At scale the page summarises: a topic with more than [`DETAILED_PARTITIONS`] partitions gets
//! no log windows, only the numbers, so a thousand partitions cost a thousand table rows at most.

use kplay_core::TopicPartition;
use kplay_core::vec_map::VecMap;
use kplay_sim::World;

use super::log_window::log_window;
pub use super::log_window::{
    Cell, KEY_COLOURS, LogWindow, SegmentSnap, WINDOW, bytes_text, key_colour, window_size,
};
use super::removals::{RemovalNote, notes, truncation};
use crate::model::chronicle::Gone;

/// The most partitions a topic may have for its logs to be drawn cell by cell.
pub const DETAILED_PARTITIONS: usize = 24;

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
    /// Offsets it just cut from its log end (`from..to`, truncation to match its leader), with
    /// how visible that still is ([`fade`](super::removals::fade)).
    pub truncated: Option<(i64, i64, u8)>,
}

/// What a leader's log holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogSize {
    /// Bytes in its segments.
    pub bytes: usize,
    /// Records in it (compaction makes this fewer than its offsets).
    pub records: usize,
    /// Its segments.
    pub segments: usize,
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
    /// What the leader's log holds (`None` while offline).
    pub log_size: Option<LogSize>,
    /// Every replica's ends.
    pub replica_ends: Vec<ReplicaEnd>,
    /// The leader's newest records, when drawn in detail.
    pub log: Option<LogWindow>,
    /// Consumers' positions and groups' committed offsets here.
    pub marks: Vec<Mark>,
    /// Records that just went away, oldest first.
    pub removals: Vec<RemovalNote>,
}

impl PartitionSnap {
    /// The offsets every replica bar is drawn against: from the lowest log start to the highest
    /// log end (or truncated end) of any replica that hosts the partition.
    pub fn replica_span(&self) -> (i64, i64) {
        let hosted = self.replica_ends.iter().filter(|r| r.log_end >= 0);
        let low = hosted.clone().map(|r| r.log_start).min().unwrap_or(0);
        let high = hosted.map(|r| r.log_end.max(r.truncated.map_or(0, |t| t.1))).max().unwrap_or(0);
        (low, high.max(low))
    }

    /// How many records the leader holds (0 while offline).
    pub fn size(&self) -> i64 {
        (self.log_end - self.log_start).max(0)
    }

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

/// How many keys the legend names; more are counted.
pub const LEGEND_KEYS: usize = 16;

impl TopicSnap {
    /// The keys of the records drawn, with their colours, sorted by key (keyless records as
    /// `None`, first).
    pub fn keys_in_view(&self) -> Vec<(Option<String>, u8)> {
        let mut keys: VecMap<Option<&str>, u8> = VecMap::new();
        for cell in self.partitions.iter().filter_map(|p| p.log.as_ref()).flat_map(|w| &w.cells) {
            keys.insert(cell.key.as_deref(), cell.colour);
        }
        keys.into_iter().map(|(k, c)| (k.map(str::to_owned), c)).collect()
    }

    /// Whether the topic is compacted (`cleanup.policy` includes `compact`).
    pub fn compacted(&self) -> bool {
        self.overrides.iter().any(|(k, v)| k == "cleanup.policy" && v.contains("compact"))
    }
}

/// Builds every topic (internal ones last); `shown` is the topic whose logs are drawn, if it has
/// at most [`DETAILED_PARTITIONS`] partitions; `gone` lists the recent removals.
pub fn build(
    world: &World,
    shown: Option<&str>,
    marks: &dyn Fn(&TopicPartition) -> Vec<Mark>,
    gone: &[Gone],
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
                    let tp = TopicPartition::new(t.name.as_str(), i);
                    let gone: Vec<&Gone> = gone.iter().filter(|g| g.partition == tp).collect();
                    let window = detailed.then(|| window_size(t.partitions.len()));
                    partition(world, &tp, window, marks, &gone)
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

/// `window`: how many of the newest offsets to draw, if the partition is drawn.
fn partition(
    world: &World,
    tp: &TopicPartition,
    window: Option<i64>,
    marks: &dyn Fn(&TopicPartition) -> Vec<Mark>,
    gone: &[&Gone],
) -> PartitionSnap {
    let now = world.now().0;
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
            truncated: truncation(gone, b.0, now),
        })
        .collect();
    let leader = view.leader_replica();
    let leader_gone: Vec<&Gone> =
        gone.iter().filter(|g| Some(g.broker) == state.leader.map(|b| b.0)).copied().collect();
    PartitionSnap {
        index: tp.partition.0,
        leader: state.leader.map(|b| b.0),
        leader_epoch: state.leader_epoch.0,
        replicas: state.replicas.iter().map(|b| b.0).collect(),
        isr: state.isr.iter().map(|b| b.0).collect(),
        log_start: leader.map_or(-1, |r| r.log.log_start_offset().0),
        high_watermark: leader.map_or(-1, |r| r.high_watermark.0),
        log_end: leader.map_or(-1, |r| r.log.log_end_offset().0),
        log_size: leader.map(|r| LogSize {
            bytes: r.log.size_bytes(),
            records: r.log.segments().iter().map(|s| s.record_count).sum(),
            segments: r.log.segments().len(),
        }),
        replica_ends,
        log: leader.zip(window).map(|(r, size)| log_window(&r.log, size, &leader_gone, now)),
        marks: marks(tp),
        removals: if window.is_some() { notes(gone, now) } else { Vec::new() },
    }
}
