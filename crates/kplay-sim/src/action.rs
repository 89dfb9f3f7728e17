//! Actions: everything a person or a lesson can do to the world, as values.
//!
//! An action is recorded with the step at which it was taken, so a scenario (seed + actions)
//! replays exactly: the same events happen before each action as happened the first time. Actions
//! serialize (serde) so that a scenario fits in a share link.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::network::{LinkSpec, Node};
use crate::partitioner::PartitionerKind;

/// `acks`, as a producer config.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AcksSpec {
    /// `acks=0`.
    None,
    /// `acks=1`.
    Leader,
    /// `acks=all`.
    All,
}

/// Which keys a producer's generated records carry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyDistribution {
    /// No key (keyless records).
    None,
    /// One of `keys` keys (`key-0` …), uniformly.
    Uniform {
        /// How many distinct keys.
        keys: u32,
    },
    /// `hot_percent` percent of records use one of the first `hot_keys` keys; the rest are uniform
    /// over all `keys`.
    HotKeys {
        /// How many distinct keys.
        keys: u32,
        /// How many of them are hot.
        hot_keys: u32,
        /// The share of records that go to hot keys, in percent.
        hot_percent: u32,
    },
    /// `key-0`, `key-1`, `key-2`, … in turn, wrapping after `keys`.
    Sequence {
        /// How many distinct keys before wrapping.
        keys: u32,
    },
}

/// A simulated producer's configuration, with Kafka's names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProducerSpec {
    /// `client.id`.
    pub client_id: String,
    /// The topic its generated records go to.
    pub topic: String,
    /// Whose partitioner it behaves like.
    pub partitioner: PartitionerKind,
    /// `acks`.
    pub acks: AcksSpec,
    /// `linger.ms`.
    pub linger_ms: i64,
    /// `batch.size`, in bytes.
    pub batch_size: usize,
    /// `retries`.
    pub retries: u32,
    /// `retry.backoff.ms`.
    pub retry_backoff_ms: i64,
    /// `request.timeout.ms`.
    pub request_timeout_ms: i64,
    /// `delivery.timeout.ms`: a record not acknowledged this long after it was batched fails.
    pub delivery_timeout_ms: i64,
    /// `enable.idempotence`.
    pub idempotence: bool,
    /// `max.in.flight.requests.per.connection`.
    pub max_in_flight: u32,
    /// Records generated per second; 0 produces only on request.
    pub rate_per_sec: u32,
    /// The keys of generated records.
    pub keys: KeyDistribution,
    /// The size of generated values, in bytes.
    pub value_bytes: usize,
}

impl ProducerSpec {
    /// A producer with the Java client's defaults, producing to `topic` on request only.
    pub fn new(client_id: &str, topic: &str) -> Self {
        ProducerSpec {
            client_id: client_id.to_owned(),
            topic: topic.to_owned(),
            partitioner: PartitionerKind::JavaDefault,
            acks: AcksSpec::All,
            linger_ms: 5,
            batch_size: 16_384,
            retries: u32::MAX,
            retry_backoff_ms: 100,
            request_timeout_ms: 30_000,
            delivery_timeout_ms: 120_000,
            idempotence: true,
            max_in_flight: 5,
            rate_per_sec: 0,
            keys: KeyDistribution::None,
            value_bytes: 100,
        }
    }
}

/// `auto.offset.reset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OffsetReset {
    /// Start from the log start.
    Earliest,
    /// Start from the end (only new records).
    Latest,
    /// Fail: no committed offset is an error.
    None,
}

/// How a consumer commits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommitMode {
    /// `enable.auto.commit=true`: every `auto.commit.interval.ms`, and before giving
    /// partitions up.
    Auto {
        /// `auto.commit.interval.ms`.
        interval_ms: i64,
    },
    /// `commitSync()` after processing each poll's records.
    SyncAfterProcessing,
    /// `commitAsync()` after processing each poll's records.
    AsyncAfterProcessing,
    /// Only when asked (the `Commit` action).
    Manual,
}

/// How a consumer gets its partitions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Membership {
    /// `subscribe(topics)` in `group.id`.
    Group {
        /// `group.id`.
        group_id: String,
        /// The topics.
        topics: Vec<String>,
        /// `partition.assignment.strategy`, most preferred first.
        assignors: Vec<String>,
        /// `group.instance.id` (static membership).
        group_instance_id: Option<String>,
    },
    /// `assign(partitions)`, committing (if at all) to `group_id` without joining it.
    Standalone {
        /// `group.id` for commits, if any.
        group_id: Option<String>,
        /// The partitions.
        partitions: Vec<(String, i32)>,
    },
}

/// A simulated consumer's configuration, with Kafka's names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsumerSpec {
    /// `client.id`.
    pub client_id: String,
    /// Group or standalone.
    pub membership: Membership,
    /// `session.timeout.ms`.
    pub session_timeout_ms: i32,
    /// `heartbeat.interval.ms`.
    pub heartbeat_interval_ms: i64,
    /// `max.poll.interval.ms`.
    pub max_poll_interval_ms: i32,
    /// `max.poll.records`.
    pub max_poll_records: usize,
    /// `auto.offset.reset`.
    pub auto_offset_reset: OffsetReset,
    /// How it commits.
    pub commit: CommitMode,
    /// How long processing one record takes.
    pub processing_ms_per_record: i64,
    /// `fetch.max.wait.ms`.
    pub fetch_max_wait_ms: i32,
    /// `request.timeout.ms`.
    pub request_timeout_ms: i64,
}

impl ConsumerSpec {
    /// A group consumer with the Java client's defaults (range + cooperative-sticky, auto
    /// commit every 5 s, `auto.offset.reset=latest`).
    pub fn group(client_id: &str, group_id: &str, topics: &[&str]) -> Self {
        ConsumerSpec {
            client_id: client_id.to_owned(),
            membership: Membership::Group {
                group_id: group_id.to_owned(),
                topics: topics.iter().map(|t| (*t).to_owned()).collect(),
                assignors: vec!["range".to_owned(), "cooperative-sticky".to_owned()],
                group_instance_id: None,
            },
            session_timeout_ms: 45_000,
            heartbeat_interval_ms: 3_000,
            max_poll_interval_ms: 300_000,
            max_poll_records: 500,
            auto_offset_reset: OffsetReset::Latest,
            commit: CommitMode::Auto { interval_ms: 5_000 },
            processing_ms_per_record: 0,
            fetch_max_wait_ms: 500,
            request_timeout_ms: 30_000,
        }
    }
}

/// Where a seek or an offset reset goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeekTo {
    /// The log start.
    Earliest,
    /// The end (high watermark).
    Latest,
    /// An offset.
    Offset(i64),
    /// The first record at or after a timestamp.
    Timestamp(i64),
}

impl fmt::Display for SeekTo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SeekTo::Earliest => f.write_str("the earliest offset"),
            SeekTo::Latest => f.write_str("the latest offset"),
            SeekTo::Offset(o) => write!(f, "offset {o}"),
            SeekTo::Timestamp(t) => write!(f, "the first record at or after timestamp {t}"),
        }
    }
}

/// Something done to the world.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Create a topic.
    CreateTopic {
        /// Its name.
        name: String,
        /// Partitions.
        partitions: i32,
        /// Replication factor.
        replication_factor: i16,
        /// Config overrides.
        configs: Vec<(String, String)>,
    },
    /// Delete a topic.
    DeleteTopic {
        /// Its name.
        name: String,
    },
    /// Grow a topic to `count` partitions.
    AddPartitions {
        /// The topic.
        topic: String,
        /// The new partition count.
        count: i32,
    },
    /// Set (`Some`) or reset (`None`) a topic config.
    SetTopicConfig {
        /// The topic.
        topic: String,
        /// The config.
        name: String,
        /// Its value.
        value: Option<String>,
    },
    /// Add a broker.
    AddBroker {
        /// Its id.
        id: i32,
        /// Its rack.
        rack: Option<String>,
    },
    /// Stop a broker: cleanly, or by crashing.
    StopBroker {
        /// Its id.
        id: i32,
        /// Crash (no controlled shutdown).
        crash: bool,
    },
    /// Stop whichever broker leads a partition now (cleanly, or by crashing).
    StopLeader {
        /// The topic.
        topic: String,
        /// The partition.
        partition: i32,
        /// Crash (no controlled shutdown).
        crash: bool,
    },
    /// Start a stopped broker.
    StartBroker {
        /// Its id.
        id: i32,
    },
    /// Cut these nodes off from all others.
    Isolate {
        /// The nodes.
        nodes: Vec<Node>,
    },
    /// Remove every network partition.
    Heal,
    /// Set how the link between two nodes behaves.
    SetLink {
        /// One end.
        a: Node,
        /// The other end.
        b: Node,
        /// How it behaves.
        link: LinkSpec,
    },
    /// Slow a node down (a slow replica or client): extra latency on all its traffic.
    SlowNode {
        /// The node.
        node: Node,
        /// Extra latency; 0 makes it normal again.
        extra_latency_ms: i64,
    },
    /// Add a producer as client `id`.
    AddProducer {
        /// Its client number.
        id: u32,
        /// Its configuration.
        spec: ProducerSpec,
    },
    /// Remove a client (producer or consumer): cleanly, or as a crash.
    RemoveClient {
        /// Its client number.
        id: u32,
        /// Crash: no LeaveGroup, no last commit.
        crash: bool,
    },
    /// Have a producer send one record.
    Produce {
        /// The producer.
        producer: u32,
        /// The topic.
        topic: String,
        /// The key.
        key: Option<String>,
        /// The value (`None`: a tombstone).
        value: Option<String>,
        /// Headers.
        headers: Vec<(String, String)>,
        /// An explicit partition.
        partition: Option<i32>,
    },
    /// Add a consumer as client `id`.
    AddConsumer {
        /// Its client number.
        id: u32,
        /// Its configuration.
        spec: ConsumerSpec,
    },
    /// Pause (or resume) a consumer's processing: its application stops calling poll.
    PauseConsumer {
        /// The consumer.
        id: u32,
        /// Paused or not.
        paused: bool,
    },
    /// Have a consumer commit its positions now.
    Commit {
        /// The consumer.
        id: u32,
    },
    /// Move a consumer's position on one partition.
    Seek {
        /// The consumer.
        id: u32,
        /// The topic.
        topic: String,
        /// The partition.
        partition: i32,
        /// Where to.
        to: SeekTo,
    },
    /// Reset a group's committed offsets for a topic (`kafka-consumer-groups.sh
    /// --reset-offsets`); the group must have no active members.
    ResetOffsets {
        /// The group.
        group: String,
        /// The topic.
        topic: String,
        /// Where to.
        to: SeekTo,
    },
    /// Cut the link between two nodes, both directions; each still reaches every other node.
    CutLink {
        /// One end.
        a: Node,
        /// The other end.
        b: Node,
    },
    /// Restore a link cut by `CutLink`.
    RestoreLink {
        /// One end.
        a: Node,
        /// The other end.
        b: Node,
    },
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::CreateTopic { name, partitions, replication_factor, .. } => write!(
                f,
                "create topic {name} ({partitions} partitions, replication factor {replication_factor})"
            ),
            Action::DeleteTopic { name } => write!(f, "delete topic {name}"),
            Action::AddPartitions { topic, count } => {
                write!(f, "grow topic {topic} to {count} partitions")
            }
            Action::SetTopicConfig { topic, name, value: Some(v) } => {
                write!(f, "set {name}={v} on topic {topic}")
            }
            Action::SetTopicConfig { topic, name, value: None } => {
                write!(f, "reset {name} on topic {topic}")
            }
            Action::AddBroker { id, .. } => write!(f, "add broker {id}"),
            Action::StopBroker { id, crash: true } => write!(f, "crash broker {id}"),
            Action::StopBroker { id, crash: false } => write!(f, "stop broker {id} cleanly"),
            Action::StopLeader { topic, partition, crash: true } => {
                write!(f, "crash the leader of {topic}-{partition}")
            }
            Action::StopLeader { topic, partition, crash: false } => {
                write!(f, "stop the leader of {topic}-{partition} cleanly")
            }
            Action::StartBroker { id } => write!(f, "start broker {id}"),
            Action::Isolate { nodes } => {
                let names: Vec<String> = nodes.iter().map(Node::to_string).collect();
                write!(f, "cut {} off from the rest of the network", names.join(", "))
            }
            Action::Heal => write!(f, "heal the network"),
            Action::SetLink { a, b, link } => write!(
                f,
                "link {a} <-> {b}: {} ms + up to {} ms, {} lost per million",
                link.latency_ms, link.jitter_ms, link.loss_per_million
            ),
            Action::SlowNode { node, extra_latency_ms } => {
                write!(f, "slow {node} down by {extra_latency_ms} ms")
            }
            Action::AddProducer { id, spec } => {
                write!(f, "add producer {id} ({}) for topic {}", spec.client_id, spec.topic)
            }
            Action::RemoveClient { id, crash: true } => write!(f, "crash client {id}"),
            Action::RemoveClient { id, crash: false } => write!(f, "close client {id}"),
            Action::Produce { producer, topic, key, .. } => match key {
                Some(k) => write!(f, "producer {producer}: send key {k:?} to {topic}"),
                None => write!(f, "producer {producer}: send a keyless record to {topic}"),
            },
            Action::AddConsumer { id, spec } => write!(f, "add consumer {id} ({})", spec.client_id),
            Action::PauseConsumer { id, paused: true } => write!(f, "pause consumer {id}"),
            Action::PauseConsumer { id, paused: false } => write!(f, "resume consumer {id}"),
            Action::Commit { id } => write!(f, "consumer {id}: commit now"),
            Action::Seek { id, topic, partition, to } => {
                write!(f, "consumer {id}: seek {topic}-{partition} to {to}")
            }
            Action::ResetOffsets { group, topic, to } => {
                write!(f, "reset group {group}'s offsets on {topic} to {to}")
            }
            Action::CutLink { a, b } => write!(f, "cut the link between {a} and {b}"),
            Action::RestoreLink { a, b } => write!(f, "restore the link between {a} and {b}"),
        }
    }
}

/// An action and when it was taken: after `step` simulation steps, at `time`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimedAction {
    /// How many steps had run when it was taken.
    pub step: u64,
    /// The simulated time then (informational; `step` decides replay).
    pub time: i64,
    /// The action.
    pub action: Action,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeks_read_as_sentences() {
        let seek = |to| Action::Seek { id: 2, topic: "orders".into(), partition: 1, to };
        assert_eq!(
            seek(SeekTo::Earliest).to_string(),
            "consumer 2: seek orders-1 to the earliest offset"
        );
        assert_eq!(seek(SeekTo::Offset(7)).to_string(), "consumer 2: seek orders-1 to offset 7");
        let reset = Action::ResetOffsets {
            group: "g".into(),
            topic: "t".into(),
            to: SeekTo::Timestamp(1_000),
        };
        assert_eq!(
            reset.to_string(),
            "reset group g's offsets on t to the first record at or after timestamp 1000"
        );
        let cut = Action::CutLink { a: Node::Broker(1), b: Node::Client(3) };
        assert_eq!(cut.to_string(), "cut the link between broker 1 and client 3");
        let restore = Action::RestoreLink { a: Node::Broker(1), b: Node::Broker(2) };
        assert_eq!(restore.to_string(), "restore the link between broker 1 and broker 2");
    }
}
