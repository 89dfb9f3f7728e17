//! The clients part of a snapshot: producers with their settings, counts and newest partition
//! choices; consumers with their group membership, assignment and positions.

use kplay_sim::World;
use kplay_sim::action::{AcksSpec, CommitMode, KeyDistribution, Membership, OffsetReset};
use kplay_sim::consumer::{Consumer, GroupPhase, Position};

use crate::model::chronicle::Chronicle;

/// How many partition choices each producer shows.
pub const CHOICES_SHOWN: usize = 8;

/// A record's partition choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceSnap {
    /// When, in ms.
    pub time_ms: i64,
    /// The key, as text (`None`: keyless).
    pub key: Option<String>,
    /// The topic.
    pub topic: String,
    /// The partition.
    pub partition: i32,
    /// Why there.
    pub reason: String,
}

/// One producer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProducerSnap {
    /// Its client number.
    pub id: u32,
    /// `client.id`.
    pub client_id: String,
    /// Its topic.
    pub topic: String,
    /// Whose partitioner it uses.
    pub partitioner: String,
    /// `acks`, as configured (`0`, `1`, `all`).
    pub acks: &'static str,
    /// `enable.idempotence`.
    pub idempotent: bool,
    /// `linger.ms`.
    pub linger_ms: i64,
    /// Generated records per second.
    pub rate_per_sec: u32,
    /// Its keys, described.
    pub keys: String,
    /// Records handed to it.
    pub records: u64,
    /// Records acknowledged.
    pub acknowledged: u64,
    /// Records that failed for good.
    pub failed: u64,
    /// Records sent or batched but not acknowledged yet.
    pub in_flight: u64,
    /// Its newest partition choices, newest first.
    pub choices: Vec<ChoiceSnap>,
}

/// One consumer's position on one partition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PositionSnap {
    /// The topic.
    pub topic: String,
    /// The partition.
    pub partition: i32,
    /// The next offset it will fetch, once known.
    pub offset: Option<i64>,
    /// The offset after the last record its application finished processing, if any.
    pub processed: Option<i64>,
    /// What it is doing about it.
    pub status: &'static str,
}

/// One consumer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumerSnap {
    /// Its client number.
    pub id: u32,
    /// `client.id`.
    pub client_id: String,
    /// Its `group.id`, if any.
    pub group: Option<String>,
    /// `subscribe` (in a group) or `assign` (standalone).
    pub subscribes: bool,
    /// Its member id, once it joined.
    pub member_id: Option<String>,
    /// Its generation.
    pub generation: Option<i32>,
    /// Whether it leads the group (and computes the assignment).
    pub leader: bool,
    /// Where it is in the group protocol.
    pub phase: String,
    /// Whether its application stopped polling.
    pub paused: bool,
    /// `group.instance.id`, for a static member.
    pub group_instance_id: Option<String>,
    /// `session.timeout.ms`.
    pub session_timeout_ms: i32,
    /// `partition.assignment.strategy`.
    pub assignors: Vec<String>,
    /// How it commits.
    pub commit: String,
    /// `auto.offset.reset`.
    pub offset_reset: &'static str,
    /// Its positions, by partition.
    pub positions: Vec<PositionSnap>,
}

fn acks(a: AcksSpec) -> &'static str {
    match a {
        AcksSpec::None => "0",
        AcksSpec::Leader => "1",
        AcksSpec::All => "all",
    }
}

/// A key distribution, as a person says it.
pub fn keys_text(keys: &KeyDistribution) -> String {
    match keys {
        KeyDistribution::None => "no keys".into(),
        KeyDistribution::Uniform { keys } => format!("{keys} keys, uniformly"),
        KeyDistribution::HotKeys { keys, hot_keys, hot_percent } => {
            format!("{keys} keys, {hot_percent}% to the {hot_keys} hottest")
        }
        KeyDistribution::Sequence { keys } => format!("key-0 … key-{} in turn", keys.max(&1) - 1),
    }
}

/// A commit mode, as Kafka's configs say it.
pub fn commit_text(mode: &CommitMode) -> String {
    match mode {
        CommitMode::Auto { interval_ms } => {
            format!("enable.auto.commit=true, every {interval_ms} ms")
        }
        CommitMode::SyncAfterProcessing => "commitSync() after each poll".into(),
        CommitMode::AsyncAfterProcessing => "commitAsync() after each poll".into(),
        CommitMode::Manual => "only when asked".into(),
    }
}

fn offset_reset(r: OffsetReset) -> &'static str {
    match r {
        OffsetReset::Earliest => "earliest",
        OffsetReset::Latest => "latest",
        OffsetReset::None => "none",
    }
}

fn phase_text(phase: &GroupPhase) -> String {
    match phase {
        GroupPhase::Unjoined => "not joined".into(),
        GroupPhase::CommittingBeforeJoin => "committing before it rejoins".into(),
        GroupPhase::Joining => "joining (JoinGroup sent)".into(),
        GroupPhase::Syncing => "syncing (SyncGroup sent)".into(),
        GroupPhase::Stable => "stable".into(),
        GroupPhase::Failed(why) => format!("out of the group: {why}"),
    }
}

/// Builds the producers.
pub fn producers(world: &World, chronicle: &Chronicle) -> Vec<ProducerSnap> {
    world
        .clients()
        .keys()
        .filter_map(|id| world.producer(*id).map(|p| (*id, p)))
        .map(|(id, p)| {
            let spec = p.spec();
            let stats = p.stats();
            let choices = chronicle
                .flights
                .newest_of(id, CHOICES_SHOWN)
                .into_iter()
                .map(|f| ChoiceSnap {
                    time_ms: f.time_ms,
                    key: f.key.clone(),
                    topic: f.partition.topic.to_string(),
                    partition: f.partition.partition.0,
                    reason: f.reason.clone(),
                })
                .collect();
            ProducerSnap {
                id,
                client_id: spec.client_id.clone(),
                topic: spec.topic.clone(),
                partitioner: spec.partitioner.label().to_owned(),
                acks: acks(spec.acks),
                idempotent: spec.idempotence,
                linger_ms: spec.linger_ms,
                rate_per_sec: spec.rate_per_sec,
                keys: keys_text(&spec.keys),
                records: stats.records,
                acknowledged: stats.acknowledged,
                failed: stats.failed,
                in_flight: p.unacknowledged(),
                choices,
            }
        })
        .collect()
}

/// Builds the consumers.
pub fn consumers(world: &World) -> Vec<ConsumerSnap> {
    world
        .clients()
        .keys()
        .filter_map(|id| world.consumer(*id).map(|c| (*id, c)))
        .map(|(id, c)| {
            let spec = c.spec();
            let member = c.member();
            let (subscribes, assignors, group_instance_id) = match &spec.membership {
                Membership::Group { assignors, group_instance_id, .. } => {
                    (true, assignors.clone(), group_instance_id.clone())
                }
                Membership::Standalone { .. } => (false, Vec::new(), None),
            };
            let positions = positions(c);
            let joined = member.filter(|m| !m.member_id.is_unknown());
            ConsumerSnap {
                id,
                client_id: spec.client_id.clone(),
                group: c.group_id().map(|g| g.to_string()),
                subscribes,
                member_id: joined.map(|m| m.member_id.to_string()),
                generation: joined.map(|m| m.generation.0).filter(|g| *g >= 0),
                leader: joined.is_some_and(|m| m.leader),
                phase: member.map_or_else(
                    || "standalone (assign)".to_owned(),
                    |m| {
                        if subscribes { phase_text(&m.phase) } else { "standalone (assign)".into() }
                    },
                ),
                paused: c.is_paused(),
                group_instance_id,
                session_timeout_ms: spec.session_timeout_ms,
                assignors,
                commit: commit_text(&spec.commit),
                offset_reset: offset_reset(spec.auto_offset_reset),
                positions,
            }
        })
        .collect()
}

/// A consumer's positions, by partition, with how far its application got.
pub fn positions(c: &Consumer) -> Vec<PositionSnap> {
    c.positions()
        .iter()
        .map(|(tp, pos)| {
            let (offset, status) = match pos {
                Position::At(o) => (Some(o.0), "fetching"),
                Position::LookingUpCommitted => (None, "looking up the committed offset"),
                Position::LookingUp(_) => (None, "looking up an offset (reset or seek)"),
                Position::NoOffset => (None, "no offset (auto.offset.reset=none)"),
            };
            PositionSnap {
                topic: tp.topic.to_string(),
                partition: tp.partition.0,
                offset,
                processed: c.consumed().get(tp).map(|o| o.0),
                status,
            }
        })
        .collect()
}
