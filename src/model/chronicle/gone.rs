//! Records going away: segments deleted by retention, records removed by compaction, log ends
//! cut by truncation, records lost to an unclean election. The page shows them fading out of the
//! log for a moment, with the rule that removed them.

use std::collections::VecDeque;

use kplay_core::TopicPartition;
use kplay_core::event::{ElectionReason, Event, SegmentDeleteReason};
use kplay_sim::trace::{TraceEntry, TraceKind};

use crate::model::snapshot::topics::{bytes_text, key_colour};

/// How many removals are kept.
pub const KEPT_REMOVALS: usize = 80;

/// How many of one compaction's removed records are kept (the newest offsets: the page draws
/// the newest part of a log).
pub const KEPT_COMPACTED: usize = 200;

/// One record compaction removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compacted {
    /// Its offset.
    pub offset: i64,
    /// Its key, as text.
    pub key: String,
    /// Its key's colour on the page.
    pub colour: u8,
    /// The newer record with the same key that replaced it (`None`: an expired tombstone).
    pub superseded_by: Option<i64>,
}

/// What removed records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Removal {
    /// Retention deleted a whole segment, offsets `from..to`.
    Retention {
        /// The segment's base offset.
        from: i64,
        /// The offset after its last record.
        to: i64,
        /// `retention.ms` or `retention.bytes`.
        config: &'static str,
    },
    /// Compaction removed superseded records and expired tombstones.
    Compaction {
        /// Records with a newer value for their key.
        superseded: u64,
        /// Tombstones past `delete.retention.ms`.
        tombstones: u64,
        /// The removed records with the highest offsets (at most [`KEPT_COMPACTED`]), oldest
        /// first.
        records: Vec<Compacted>,
    },
    /// A replica cut its log back to its leader's, at `to`.
    Truncation {
        /// The new log end offset.
        to: i64,
        /// How many offsets went.
        removed: u64,
    },
    /// An unclean election lost offsets `from..to`.
    UncleanLoss {
        /// The first offset lost.
        from: i64,
        /// The end of what the most advanced replica had.
        to: i64,
    },
}

/// One removal, on one replica.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gone {
    /// When, in ms.
    pub time_ms: i64,
    /// The partition.
    pub partition: TopicPartition,
    /// The replica's broker (the new leader, for an unclean election).
    pub broker: i32,
    /// What and why.
    pub removal: Removal,
}

/// The newest removals, oldest first.
#[derive(Clone, Debug, Default)]
pub struct GoneLog {
    recent: VecDeque<Gone>,
}

impl GoneLog {
    /// Takes in one trace entry.
    pub fn push(&mut self, entry: &TraceEntry) {
        let TraceKind::Engine(event) = &entry.kind else { return };
        let (partition, broker, removal) = match event {
            Event::SegmentDeleted { partition, broker, base_offset, next_offset, reason } => {
                let config = match reason {
                    SegmentDeleteReason::RetentionMs => "retention.ms",
                    SegmentDeleteReason::RetentionBytes => "retention.bytes",
                };
                let removal = Removal::Retention { from: base_offset.0, to: next_offset.0, config };
                (partition, broker, removal)
            }
            Event::LogCompacted { partition, broker, superseded, tombstones, removed } => {
                let skip = removed.len().saturating_sub(KEPT_COMPACTED);
                let records = removed[skip..]
                    .iter()
                    .map(|r| Compacted {
                        offset: r.offset.0,
                        key: bytes_text(&r.key),
                        colour: key_colour(Some(&r.key)),
                        superseded_by: r.superseded_by.map(|o| o.0),
                    })
                    .collect();
                let removal = Removal::Compaction {
                    superseded: *superseded,
                    tombstones: *tombstones,
                    records,
                };
                (partition, broker, removal)
            }
            Event::LogTruncated { partition, broker, to, removed, .. } if *removed > 0 => {
                (partition, broker, Removal::Truncation { to: to.0, removed: *removed })
            }
            Event::LeaderElected {
                partition,
                leader,
                reason: ElectionReason::Unclean { lost_from, lost_to, .. },
                ..
            } if lost_to > lost_from => {
                (partition, leader, Removal::UncleanLoss { from: lost_from.0, to: lost_to.0 })
            }
            _ => return,
        };
        if self.recent.len() == KEPT_REMOVALS {
            self.recent.pop_front();
        }
        self.recent.push_back(Gone {
            time_ms: entry.time.0,
            partition: partition.clone(),
            broker: broker.0,
            removal,
        });
    }

    /// Every kept removal, oldest first.
    pub fn all(&self) -> impl Iterator<Item = &Gone> {
        self.recent.iter()
    }
}
