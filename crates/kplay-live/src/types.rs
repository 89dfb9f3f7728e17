//! The live image: the whole cluster at one moment, as plain data a browser can read.
//!
//! Identifiers are plain numbers and strings (broker ids, offsets, topic names), so the types
//! need nothing but serde on either side; names follow Kafka's (`high_watermark`, `log_end_offset`,
//! `member_id`).

use serde::{Deserialize, Serialize};

/// Everything the live view draws, at `time_ms`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveImage {
    /// The engine's time: milliseconds since the Unix epoch.
    pub time_ms: i64,
    /// The brokers, by id.
    pub brokers: Vec<LiveBroker>,
    /// The topics, by name (internal ones included).
    pub topics: Vec<LiveTopic>,
    /// The consumer groups the coordinator knows, by id.
    pub groups: Vec<LiveGroup>,
    /// What happened since the previous image, oldest first (on a new connection: the most
    /// recent events).
    pub events: Vec<LiveEvent>,
}

/// One broker.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveBroker {
    /// Its id.
    pub id: i32,
    /// Whether its process runs.
    pub running: bool,
    /// Whether the controller considers it down.
    pub fenced: bool,
    /// Whether it is the active controller.
    pub controller: bool,
}

/// One topic.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveTopic {
    /// Its name.
    pub name: String,
    /// Whether it is internal (`__consumer_offsets`).
    pub internal: bool,
    /// Its partitions, by index.
    pub partitions: Vec<LivePartition>,
}

/// One partition: its replication state and its leader's log.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LivePartition {
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
    pub log_start_offset: i64,
    /// The leader's high watermark (-1 while offline).
    pub high_watermark: i64,
    /// The leader's log end offset (-1 while offline).
    pub log_end_offset: i64,
    /// Bytes in the leader's segments (0 while offline).
    pub size_bytes: u64,
    /// Records in the leader's log (fewer than its offsets once compacted).
    pub record_count: u64,
    /// How many segments the leader's log has.
    pub segment_count: u32,
    /// The leader's segments holding [`records`](Self::records), oldest first (the last is
    /// active).
    pub segments: Vec<LiveSegment>,
    /// Every replica's log.
    pub replica_logs: Vec<LiveReplica>,
    /// The leader's newest records (at most [`RECORDS_SHOWN`](crate::RECORDS_SHOWN)), by offset.
    pub records: Vec<LiveRecord>,
}

/// One segment of a log.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveSegment {
    /// Its base offset.
    pub base_offset: i64,
    /// The offset after its last batch.
    pub next_offset: i64,
    /// Records in it.
    pub records: u64,
    /// Bytes in it.
    pub size_bytes: u64,
}

/// One replica's log.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveReplica {
    /// Its broker.
    pub broker: i32,
    /// Its log start offset (-1 if the broker never hosted it).
    pub log_start_offset: i64,
    /// Its log end offset (-1 if the broker never hosted it).
    pub log_end_offset: i64,
    /// Its high watermark (-1 if the broker never hosted it).
    pub high_watermark: i64,
}

/// One record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveRecord {
    /// Its offset.
    pub offset: i64,
    /// Its key, as text (UTF-8, else hex).
    pub key: Option<String>,
    /// The start of its value, as text (`None`: a tombstone).
    pub value: Option<String>,
    /// Its timestamp, in ms.
    pub timestamp_ms: i64,
    /// Whether the timestamp is the leader's LogAppendTime rather than the producer's CreateTime.
    pub log_append_time: bool,
    /// The leader epoch its batch was written in.
    pub leader_epoch: i32,
    /// Its headers: each key, and the start of its value as text (`None`: a null value).
    pub headers: Vec<(String, Option<String>)>,
}

/// One consumer group, as its coordinator sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveGroup {
    /// `group.id`.
    pub group_id: String,
    /// Empty, PreparingRebalance, CompletingRebalance, Stable or Dead.
    pub state: String,
    /// The generation.
    pub generation_id: i32,
    /// `consumer`, or another protocol type.
    pub protocol_type: Option<String>,
    /// The chosen protocol (for consumers, the assignor).
    pub protocol_name: Option<String>,
    /// The leader's member id.
    pub leader: Option<String>,
    /// The broker coordinating it.
    pub coordinator: Option<i32>,
    /// The members, in join order.
    pub members: Vec<LiveMember>,
    /// Committed offsets.
    pub offsets: Vec<LiveCommit>,
}

/// One member of a group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveMember {
    /// Its member id.
    pub member_id: String,
    /// `group.instance.id`, for a static member.
    pub group_instance_id: Option<String>,
    /// Its `client.id`.
    pub client_id: String,
    /// The host its connection came from.
    pub client_host: String,
    /// `session.timeout.ms`.
    pub session_timeout_ms: i32,
    /// The partitions assigned to it in the current generation (empty if unknown or none).
    pub assigned: Vec<LiveTopicPartition>,
    /// Whether its JoinGroup is parked.
    pub awaiting_join: bool,
    /// Whether its SyncGroup is parked.
    pub awaiting_sync: bool,
}

/// A topic and partition.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LiveTopicPartition {
    /// The topic.
    pub topic: String,
    /// The partition.
    pub partition: i32,
}

/// A group's committed offset on one partition.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveCommit {
    /// The topic.
    pub topic: String,
    /// The partition.
    pub partition: i32,
    /// The next offset to consume.
    pub offset: i64,
    /// When it was committed, in ms.
    pub commit_timestamp_ms: i64,
}

/// One event, as the engine tells it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveEvent {
    /// When, in ms since the Unix epoch.
    pub time_ms: i64,
    /// What happened, and the rule that made it happen.
    pub text: String,
    /// What kind of change it is.
    #[serde(default)]
    pub kind: crate::event::EventKind,
    /// What it touched.
    #[serde(default)]
    pub touched: crate::event::Touched,
}
