//! The consumer form: one consumer, or a whole group of N at once, subscribing in a group
//! (`group.id`, `partition.assignment.strategy`, static membership with `group.instance.id`),
//! or a standalone consumer that `assign`s itself partitions. The Java client's configs, its
//! defaults as placeholders, and its own messages where it refuses a configuration.

use kplay_sim::Action;
use kplay_sim::action::{CommitMode, ConsumerSpec, Membership, OffsetReset};
use kplay_sim::assignor::assignor_by_name;

use super::fields::{Errors, numbers, optional, whole};
use super::producers::client_number;
use super::{Facts, existing_topic, fits};
use crate::model::limits::MAX_MS;
use kplay_core::vec_map::VecSet;

/// The Java client's default `partition.assignment.strategy`.
pub const JAVA_DEFAULT_ASSIGNORS: &str = "range, cooperative-sticky";

/// Assignor lists a picker suggests.
pub const SUGGESTED_ASSIGNORS: [&str; 6] = [
    JAVA_DEFAULT_ASSIGNORS,
    "range",
    "roundrobin",
    "sticky",
    "cooperative-sticky",
    "cooperative-sticky, range",
];

/// Kafka's message when a group feature is used without `group.id`.
pub const NO_GROUP_ID: &str = "To use the group management or offset commit APIs, you must provide a valid group.id in the consumer configuration.";

/// The most consumers the form adds at once.
pub const MAX_AT_ONCE: i64 = 50;

/// How a consumer commits, as a picker offers it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Commit {
    /// `enable.auto.commit` not set: Java's default, true with a `group.id` and false without
    /// one (KIP-289).
    #[default]
    Default,
    /// `enable.auto.commit=true`.
    Auto,
    /// `enable.auto.commit=false`, `commitSync()` after each poll's records.
    Sync,
    /// `enable.auto.commit=false`, `commitAsync()` after each poll's records.
    Async,
    /// `enable.auto.commit=false`, commits only when asked.
    Manual,
}

impl Commit {
    /// Every choice, in picker order.
    pub const ALL: [Commit; 5] =
        [Commit::Default, Commit::Auto, Commit::Sync, Commit::Async, Commit::Manual];

    /// How a picker names it.
    pub fn label(self) -> &'static str {
        match self {
            Commit::Default => "default: auto commit if there is a group.id",
            Commit::Auto => "enable.auto.commit=true (every auto.commit.interval.ms)",
            Commit::Sync => "commitSync() after processing each poll",
            Commit::Async => "commitAsync() after processing each poll",
            Commit::Manual => "manual: only with “Commit now”",
        }
    }
}

/// Reads `partition.assignment.strategy`: short names or the Java classes' names.
pub fn assignors(e: &mut Errors, text: &str) -> Vec<String> {
    let text = if text.trim().is_empty() { JAVA_DEFAULT_ASSIGNORS } else { text };
    let mut out: Vec<String> = Vec::new();
    for item in text.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let class = item.rsplit('.').next().unwrap_or(item);
        let name = match class {
            "RangeAssignor" => "range",
            "RoundRobinAssignor" => "roundrobin",
            "StickyAssignor" => "sticky",
            "CooperativeStickyAssignor" => "cooperative-sticky",
            _ => item,
        };
        if assignor_by_name(name).is_none() {
            e.add(
                "partition.assignment.strategy",
                format!(
                    "unknown assignor “{item}”: use range, roundrobin, sticky or cooperative-sticky"
                ),
            );
        } else if out.iter().any(|a| a == name) {
            e.add("partition.assignment.strategy", format!("{name} is listed twice"));
        }
        out.push(name.to_owned());
    }
    out
}

/// New consumers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumerForm {
    /// `assign(partitions)` instead of `subscribe(topics)`.
    pub standalone: bool,
    /// How many consumers (a group of several at once; blank: 1).
    pub count: String,
    /// The first one's client number (blank: the next free one).
    pub id: String,
    /// `client.id` (blank: `consumer-<number>`).
    pub client_id: String,
    /// `group.id`.
    pub group_id: String,
    /// The topics to subscribe to.
    pub topics: VecSet<String>,
    /// `partition.assignment.strategy` (blank: the Java default).
    pub assignors: String,
    /// `group.instance.id` (blank: a dynamic member).
    pub group_instance_id: String,
    /// The topic a standalone consumer assigns itself (blank: the first).
    pub assign_topic: String,
    /// Its partitions (blank: all).
    pub assign_partitions: String,
    /// How it commits (`enable.auto.commit`, or how the application commits).
    pub commit: Commit,
    /// `auto.commit.interval.ms` (blank: 5000).
    pub auto_commit_interval_ms: String,
    /// `auto.offset.reset`.
    pub auto_offset_reset: OffsetReset,
    /// Processing time per record, in ms (blank: 0).
    pub processing_ms: String,
    /// `session.timeout.ms` (blank: 45000).
    pub session_timeout_ms: String,
    /// `heartbeat.interval.ms` (blank: 3000).
    pub heartbeat_interval_ms: String,
    /// `max.poll.interval.ms` (blank: 300000).
    pub max_poll_interval_ms: String,
    /// `max.poll.records` (blank: 500).
    pub max_poll_records: String,
}

impl Default for ConsumerForm {
    fn default() -> Self {
        ConsumerForm {
            standalone: false,
            count: String::new(),
            id: String::new(),
            client_id: String::new(),
            group_id: String::new(),
            topics: VecSet::new(),
            assignors: String::new(),
            group_instance_id: String::new(),
            assign_topic: String::new(),
            assign_partitions: String::new(),
            commit: Commit::Default,
            auto_commit_interval_ms: String::new(),
            auto_offset_reset: OffsetReset::Latest,
            processing_ms: String::new(),
            session_timeout_ms: String::new(),
            heartbeat_interval_ms: String::new(),
            max_poll_interval_ms: String::new(),
            max_poll_records: String::new(),
        }
    }
}

impl ConsumerForm {
    /// The consumers to add (one action each), or what is wrong.
    pub fn actions(&self, facts: &Facts) -> Result<Vec<Action>, Errors> {
        let mut e = Errors::default();
        let count = if self.standalone {
            1
        } else {
            whole(&mut e, "count", &self.count, Some(1), 1, MAX_AT_ONCE) as u32
        };
        let first = client_number(&mut e, facts, &self.id, count);
        let template = self.spec(&mut e, facts);
        let actions: Vec<Action> = (0..count)
            .map(|k| {
                let id = first + k;
                let mut spec = template.clone();
                spec.client_id =
                    optional(&self.client_id).unwrap_or_else(|| format!("consumer-{id}"));
                if let Membership::Group { group_instance_id: Some(g), .. } = &mut spec.membership
                    && count > 1
                {
                    *g = format!("{g}-{}", k + 1);
                }
                Action::AddConsumer { id, spec }
            })
            .collect();
        if e.is_empty() && facts.room.clients < count as usize {
            e.add(
                "count",
                format!("only {} more clients fit in this playground", facts.room.clients),
            );
        }
        for action in &actions {
            fits(&mut e, facts, "client", action);
        }
        e.or(actions)
    }

    /// Everything but the client number and `client.id`.
    fn spec(&self, e: &mut Errors, facts: &Facts) -> ConsumerSpec {
        let java = ConsumerSpec::group("", "", &[]);
        let group_id = optional(&self.group_id);
        let membership = if self.standalone {
            self.assignment(e, facts, group_id.clone())
        } else {
            self.subscription(e, facts, group_id.clone())
        };
        let interval = whole(
            e,
            "auto.commit.interval.ms",
            &self.auto_commit_interval_ms,
            Some(5_000),
            1,
            MAX_MS,
        );
        let commit = match self.commit {
            Commit::Default if group_id.is_none() => CommitMode::Manual,
            Commit::Auto | Commit::Default => CommitMode::Auto { interval_ms: interval },
            Commit::Sync => CommitMode::SyncAfterProcessing,
            Commit::Async => CommitMode::AsyncAfterProcessing,
            Commit::Manual => CommitMode::Manual,
        };
        if group_id.is_none() && self.standalone {
            match self.commit {
                Commit::Auto => e.add(
                    "commit",
                    "enable.auto.commit cannot be set to true when default group id (null) is used.",
                ),
                Commit::Sync | Commit::Async => e.add("commit", NO_GROUP_ID),
                Commit::Default | Commit::Manual => {}
            }
        }
        let session = whole(
            e,
            "session.timeout.ms",
            &self.session_timeout_ms,
            Some(java.session_timeout_ms.into()),
            1,
            MAX_MS,
        );
        let heartbeat = whole(
            e,
            "heartbeat.interval.ms",
            &self.heartbeat_interval_ms,
            Some(java.heartbeat_interval_ms),
            1,
            MAX_MS,
        );
        if e.get("session.timeout.ms").is_none() && heartbeat >= session {
            e.add("heartbeat.interval.ms", "Heartbeat must be set lower than the session timeout");
        }
        ConsumerSpec {
            membership,
            session_timeout_ms: session as i32,
            heartbeat_interval_ms: heartbeat,
            max_poll_interval_ms: whole(
                e,
                "max.poll.interval.ms",
                &self.max_poll_interval_ms,
                Some(java.max_poll_interval_ms.into()),
                1,
                MAX_MS,
            ) as i32,
            max_poll_records: whole(
                e,
                "max.poll.records",
                &self.max_poll_records,
                Some(java.max_poll_records as i64),
                1,
                100_000,
            ) as usize,
            auto_offset_reset: self.auto_offset_reset,
            commit,
            processing_ms_per_record: whole(
                e,
                "processing.ms",
                &self.processing_ms,
                Some(0),
                0,
                60_000,
            ),
            ..java
        }
    }

    fn subscription(&self, e: &mut Errors, facts: &Facts, group_id: Option<String>) -> Membership {
        if group_id.is_none() {
            e.add("group.id", NO_GROUP_ID);
        }
        if self.topics.is_empty() {
            e.add("topics", "choose at least one topic to subscribe to");
        }
        for t in &self.topics {
            existing_topic(e, facts, "topics", t);
        }
        Membership::Group {
            group_id: group_id.unwrap_or_default(),
            topics: self.topics.iter().cloned().collect(),
            assignors: assignors(e, &self.assignors),
            group_instance_id: optional(&self.group_instance_id),
        }
    }

    fn assignment(&self, e: &mut Errors, facts: &Facts, group_id: Option<String>) -> Membership {
        let topic = existing_topic(e, facts, "assign.topic", &self.assign_topic);
        let (name, count) = topic.map_or((String::new(), 0), |t| (t.name.clone(), t.partitions));
        let partitions: Vec<i32> = if self.assign_partitions.trim().is_empty() {
            (0..count).collect()
        } else {
            let last = i64::from(count) - 1;
            numbers(e, "assign.partitions", &self.assign_partitions, 0, last)
                .into_iter()
                .map(|p| p as i32)
                .collect()
        };
        Membership::Standalone {
            group_id,
            partitions: partitions.into_iter().map(|p| (name.clone(), p)).collect(),
        }
    }
}
