//! A task's checks: what must be true of the simulation for "try this" to pass, written in a
//! lesson as `check:` lines and evaluated against every snapshot while the lesson runs.
//!
//! ```text
//! check: leader-changed orders 0          # partition 0's leader is not the one first seen
//! check: broker-down 2                    # broker 2 is stopped
//! check: topic payments                   # the topic exists (no-topic: it does not)
//! check: members billing >= 3             # counts compared with >=, <=, ==, > or <
//! check: event "NOT_ENOUGH_REPLICAS"      # an event saying this happened after the lesson began
//! ```
//!
//! Counts: `records TOPIC [PARTITION]` (offsets written: the high watermarks), `partitions
//! TOPIC`, `members GROUP`, `idle GROUP` (members of a stable group with no partition),
//! `generation GROUP`, `lag GROUP`, `committed GROUP` (committed offsets added up), `isr TOPIC
//! PARTITION`, `log-start TOPIC [PARTITION]` (the highest), `running-brokers`,
//! `under-replicated`, `offline`.

use crate::model::Snapshot;
use crate::model::chronicle::EventLog;
use crate::model::snapshot::groups::GroupSnap;
use crate::model::snapshot::topics::{PartitionSnap, TopicSnap};
use kplay_core::vec_map::{VecMap, VecSet};

use super::words::Words;

/// One condition.
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    /// The partition's leader differs from the first leader seen while the lesson ran.
    LeaderChanged(String, i32),
    /// The broker is stopped.
    BrokerDown(i32),
    /// The topic exists (`true`) or not.
    Topic(String, bool),
    /// An event whose text contains this happened since the lesson began.
    Event(String),
    /// A count compared with a number.
    Count(Count, Op, i64),
}

/// What a [`Check::Count`] counts.
#[derive(Clone, Debug, PartialEq)]
pub enum Count {
    /// Offsets written to a topic or one partition (high watermarks).
    Records(String, Option<i32>),
    /// A topic's partitions.
    Partitions(String),
    /// A group's members.
    Members(String),
    /// Members of a stable group with no partitions.
    Idle(String),
    /// A group's generation.
    Generation(String),
    /// A group's lag, summed.
    Lag(String),
    /// A group's committed offsets, summed.
    Committed(String),
    /// The in-sync replicas of a partition.
    Isr(String, i32),
    /// The highest log start offset of a topic or one partition.
    LogStart(String, Option<i32>),
    /// Running brokers.
    RunningBrokers,
    /// Under-replicated partitions.
    UnderReplicated,
    /// Partitions without a leader.
    Offline,
}

/// A comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `>=`
    AtLeast,
    /// `<=`
    AtMost,
    /// `==`
    Equal,
    /// `>`
    Above,
    /// `<`
    Below,
}

impl Op {
    fn holds(self, a: i64, b: i64) -> bool {
        match self {
            Op::AtLeast => a >= b,
            Op::AtMost => a <= b,
            Op::Equal => a == b,
            Op::Above => a > b,
            Op::Below => a < b,
        }
    }
}

impl Check {
    /// Parses the text after `check:`.
    pub fn parse(text: &str) -> Result<Check, String> {
        let w = Words::split(text)?;
        let verb = w.plain.first().map(String::as_str).ok_or("the check is empty")?;
        let (check, used) = match verb {
            "leader-changed" => (Check::LeaderChanged(w.at(1, "topic")?, w.at(2, "partition")?), 3),
            "broker-down" => (Check::BrokerDown(w.at(1, "broker id")?), 2),
            "topic" => (Check::Topic(w.at(1, "topic")?, true), 2),
            "no-topic" => (Check::Topic(w.at(1, "topic")?, false), 2),
            "event" => (Check::Event(w.at(1, "text")?), 2),
            _ => return count(&w),
        };
        w.done(used)?;
        Ok(check)
    }

    /// Whether it holds now. `seen` holds what the lesson has watched so far.
    pub fn holds(&self, snap: &Snapshot, seen: &Watched) -> bool {
        match self {
            Check::LeaderChanged(topic, p) => {
                let now = partition(snap, topic, *p).and_then(|part| part.leader);
                seen.first_leaders.get(&(topic.clone(), *p)).is_some_and(|first| *first != now)
            }
            Check::BrokerDown(id) => snap.cluster.brokers.iter().any(|b| b.id == *id && !b.running),
            Check::Topic(name, exists) => topic(snap, name).is_some() == *exists,
            Check::Event(text) => seen.events.contains(text),
            Check::Count(what, op, n) => what.value(snap).is_some_and(|v| op.holds(v, *n)),
        }
    }
}

fn count(w: &Words) -> Result<Check, String> {
    let verb = w.plain[0].as_str();
    let name = |i| w.at::<String>(i, "name");
    let optional = |i: usize| -> Result<Option<i32>, String> {
        w.plain.get(i).filter(|s| !is_op(s)).map(|_| w.at(i, "partition")).transpose()
    };
    let what = match verb {
        "records" => Count::Records(name(1)?, optional(2)?),
        "partitions" => Count::Partitions(name(1)?),
        "members" => Count::Members(name(1)?),
        "idle" => Count::Idle(name(1)?),
        "generation" => Count::Generation(name(1)?),
        "lag" => Count::Lag(name(1)?),
        "committed" => Count::Committed(name(1)?),
        "isr" => Count::Isr(name(1)?, w.at(2, "partition")?),
        "log-start" => Count::LogStart(name(1)?, optional(2)?),
        "running-brokers" => Count::RunningBrokers,
        "under-replicated" => Count::UnderReplicated,
        "offline" => Count::Offline,
        other => return Err(format!("“{other}” is not a check")),
    };
    let at = w
        .plain
        .iter()
        .position(|s| is_op(s))
        .ok_or("a comparison (>=, <=, ==, >, <) is missing")?;
    let op = match w.plain[at].as_str() {
        ">=" => Op::AtLeast,
        "<=" => Op::AtMost,
        "==" => Op::Equal,
        ">" => Op::Above,
        _ => Op::Below,
    };
    let n = w.at(at + 1, "number")?;
    w.done(at + 2)?;
    Ok(Check::Count(what, op, n))
}

fn is_op(s: &str) -> bool {
    matches!(s, ">=" | "<=" | "==" | ">" | "<")
}

fn topic<'a>(snap: &'a Snapshot, name: &str) -> Option<&'a TopicSnap> {
    snap.topics.iter().find(|t| t.name == name)
}

fn partition<'a>(snap: &'a Snapshot, name: &str, p: i32) -> Option<&'a PartitionSnap> {
    topic(snap, name)?.partitions.iter().find(|part| part.index == p)
}

fn group<'a>(snap: &'a Snapshot, id: &str) -> Option<&'a GroupSnap> {
    snap.groups.iter().find(|g| g.id == id)
}

impl Count {
    fn value(&self, snap: &Snapshot) -> Option<i64> {
        let len = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        let parts = |t: &str, p: &Option<i32>| -> Option<Vec<&PartitionSnap>> {
            let topic = topic(snap, t)?;
            Some(topic.partitions.iter().filter(|x| p.is_none_or(|p| x.index == p)).collect())
        };
        Some(match self {
            Count::Records(t, p) => parts(t, p)?.iter().map(|x| x.high_watermark).sum(),
            Count::Partitions(t) => len(topic(snap, t)?.partitions.len()),
            Count::Members(g) => len(group(snap, g)?.members.len()),
            Count::Idle(g) => {
                let g = group(snap, g)?;
                if g.state != "Stable" {
                    return None;
                }
                len(g.members.iter().filter(|m| m.assigned.is_empty()).count())
            }
            Count::Generation(g) => i64::from(group(snap, g)?.generation),
            Count::Lag(g) => group(snap, g)?.rows.iter().filter_map(|r| r.lag).sum(),
            Count::Committed(g) => group(snap, g)?.rows.iter().filter_map(|r| r.committed).sum(),
            Count::Isr(t, p) => len(partition(snap, t, *p)?.isr.len()),
            Count::LogStart(t, p) => parts(t, p)?.iter().map(|x| x.log_start).max()?,
            Count::RunningBrokers => len(snap.cluster.brokers.iter().filter(|b| b.running).count()),
            Count::UnderReplicated => len(snap.cluster.under_replicated),
            Count::Offline => len(snap.cluster.offline),
        })
    }
}

/// What a lesson has watched: the first leader of each partition (once it has one), and which event texts
/// checks wait for have appeared.
#[derive(Clone, Debug, Default)]
pub struct Watched {
    first_leaders: VecMap<(String, i32), Option<i32>>,
    events: VecSet<String>,
    last_event: Option<u64>,
}

impl Watched {
    /// Takes in a snapshot: leaders first seen, and the events of `log` newer than the last
    /// look that contain any of `wanted`.
    pub fn watch(&mut self, snap: &Snapshot, log: &EventLog, wanted: &[&str]) {
        for t in snap.topics.iter() {
            for p in t.partitions.iter().filter(|p| p.leader.is_some()) {
                self.first_leaders.entry((t.name.clone(), p.index)).or_insert(p.leader);
            }
        }
        for event in log.since(self.last_event) {
            for text in wanted {
                if event.text.contains(text) {
                    self.events.insert((*text).to_owned());
                }
            }
            self.last_event = Some(event.index);
        }
    }
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
