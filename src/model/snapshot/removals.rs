//! Records going away, as the page draws them: segments retention just deleted (ghost segments
//! before the log start), records compaction just removed (ghosts in the gaps they left), a
//! replica's truncated tail, and one sentence per removal naming the rule. Everything fades
//! with simulated time, over [`GONE_VISIBLE_MS`], so a paused page holds still and a link opens
//! the same ghosts.

use super::GONE_VISIBLE_MS;
use crate::model::chronicle::{Gone, Removal};
use kplay_core::vec_map::VecMap;

/// How much of a removal is still visible, in percent: 100 just removed, fading to 0 after
/// [`GONE_VISIBLE_MS`] of simulated time (so a paused page holds still).
pub fn fade(removed_ms: i64, now_ms: i64) -> u8 {
    let left = (GONE_VISIBLE_MS - (now_ms - removed_ms)).clamp(0, GONE_VISIBLE_MS);
    (left * 100 / GONE_VISIBLE_MS) as u8
}

/// A segment retention just deleted from the leader, drawn before the log start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GhostSegment {
    /// Its base offset.
    pub base_offset: i64,
    /// The offset after its last record.
    pub next_offset: i64,
    /// The config that deleted it (`retention.ms` or `retention.bytes`).
    pub config: &'static str,
    /// How visible it still is ([`fade`]).
    pub fade: u8,
}

/// A record compaction just removed from the leader, drawn in the gap it left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ghost {
    /// Its offset.
    pub offset: i64,
    /// Its key.
    pub key: String,
    /// Its key's colour.
    pub colour: u8,
    /// The newer record with the same key (`None`: an expired tombstone).
    pub superseded_by: Option<i64>,
    /// How visible it still is ([`fade`]).
    pub fade: u8,
}

impl Ghost {
    /// Why it went, in a sentence.
    pub fn why(&self) -> String {
        match self.superseded_by {
            Some(newer) => format!(
                "offset {} (key {}) removed by compaction: offset {newer} holds a newer value for its key",
                self.offset, self.key
            ),
            None => format!(
                "offset {} (key {}) was a tombstone; compaction removed it after delete.retention.ms",
                self.offset, self.key
            ),
        }
    }
}

/// Records that just went away from a partition, said once for every replica it happened on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemovalNote {
    /// What went and why.
    pub text: String,
    /// The rule: `retention`, `compaction`, `truncation` or `unclean`.
    pub rule: &'static str,
    /// How visible it still is ([`fade`]).
    pub fade: u8,
}

/// The newest truncation of `broker`'s replica still fading.
pub(super) fn truncation(gone: &[&Gone], broker: i32, now: i64) -> Option<(i64, i64, u8)> {
    gone.iter().rev().filter(|g| g.broker == broker).find_map(|g| match g.removal {
        Removal::Truncation { to, removed } => {
            Some((to, to + removed as i64, fade(g.time_ms, now))).filter(|t| t.2 > 0)
        }
        _ => None,
    })
}

/// What retention and compaction just removed from the leader's log, still fading.
pub(super) fn ghosts(gone: &[&Gone], from: i64, now: i64) -> (Vec<GhostSegment>, Vec<Ghost>) {
    let (mut deleted, mut compacted) = (Vec::new(), VecMap::new());
    for g in gone {
        let fade = fade(g.time_ms, now);
        if fade == 0 {
            continue;
        }
        match &g.removal {
            Removal::Retention { from, to, config } => {
                deleted.push(GhostSegment { base_offset: *from, next_offset: *to, config, fade })
            }
            Removal::Compaction { records, .. } => {
                for r in records.iter().filter(|r| r.offset >= from) {
                    compacted.insert(
                        r.offset,
                        Ghost {
                            offset: r.offset,
                            key: r.key.clone(),
                            colour: r.colour,
                            superseded_by: r.superseded_by,
                            fade,
                        },
                    );
                }
            }
            Removal::Truncation { .. } | Removal::UncleanLoss { .. } => {}
        }
    }
    kplay_core::sort::sort_by_key(&mut deleted, |d| d.base_offset);
    deleted.dedup_by_key(|d| d.base_offset);
    (deleted, compacted.into_values().collect())
}

/// Offsets `from..to` as a person reads them: `offset 4`, `offsets 4–9`.
pub fn offsets_text(from: i64, to: i64) -> String {
    if to - from <= 1 { format!("offset {from}") } else { format!("offsets {from}–{}", to - 1) }
}

/// Broker ids as a phrase: `broker 2`, `brokers 1, 2, 3`.
fn brokers_text(brokers: &[i32]) -> String {
    let ids: Vec<String> = brokers.iter().map(ToString::to_string).collect();
    match ids.len() {
        1 => format!("broker {}", ids[0]),
        _ => format!("brokers {}", ids.join(", ")),
    }
}

/// Why retention deletes a segment, by the config that did.
pub fn retention_why(config: &str) -> String {
    match config {
        "retention.bytes" => "the log was bigger than retention.bytes".into(),
        _ => format!("its newest record was older than {config}"),
    }
}

fn records(n: u64) -> String {
    if n == 1 { "1 record".into() } else { format!("{n} records") }
}

fn tombstones_text(n: u64) -> String {
    if n == 1 { "1 tombstone".into() } else { format!("{n} tombstones") }
}

/// What a removal did, without the broker, and the rule's name.
fn removal_text(removal: &Removal) -> (String, &'static str) {
    match removal {
        Removal::Retention { from, to, config } => (
            format!(
                "{} deleted with their segment: {}",
                offsets_text(*from, *to),
                retention_why(config)
            ),
            "retention",
        ),
        Removal::Compaction { superseded, tombstones, .. } => {
            let mut parts = Vec::new();
            if *superseded > 0 {
                parts.push(format!("{} whose key has a newer value", records(*superseded)));
            }
            if *tombstones > 0 {
                parts.push(format!("{} past delete.retention.ms", tombstones_text(*tombstones)));
            }
            let what = if parts.is_empty() { "nothing".to_owned() } else { parts.join(" and ") };
            (format!("compaction removed {what}; their offsets stay as gaps"), "compaction")
        }
        Removal::Truncation { to, removed } => (
            format!(
                "{} cut from the log end: the leader does not have them (truncation to {to})",
                offsets_text(*to, to + *removed as i64)
            ),
            "truncation",
        ),
        Removal::UncleanLoss { from, to } => (
            format!(
                "{} lost: an out-of-sync replica was elected leader \
                 (unclean.leader.election.enable) without them",
                offsets_text(*from, *to)
            ),
            "unclean",
        ),
    }
}

/// One note per removal still fading, said once for all the replicas it happened on at the same
/// moment, oldest first.
pub fn notes(gone: &[&Gone], now: i64) -> Vec<RemovalNote> {
    let mut grouped: Vec<(i64, String, &'static str, Vec<i32>)> = Vec::new();
    for g in gone.iter().filter(|g| fade(g.time_ms, now) > 0) {
        let (text, rule) = removal_text(&g.removal);
        match grouped.iter_mut().find(|(t, x, _, _)| *t == g.time_ms && *x == text) {
            Some(entry) => entry.3.push(g.broker),
            None => grouped.push((g.time_ms, text, rule, vec![g.broker])),
        }
    }
    grouped
        .into_iter()
        .map(|(time, text, rule, mut brokers)| {
            kplay_core::sort::sort(&mut brokers);
            brokers.dedup();
            RemovalNote {
                text: format!("{}: {text}", brokers_text(&brokers)),
                rule,
                fade: fade(time, now),
            }
        })
        .collect()
}
