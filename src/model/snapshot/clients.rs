//! The clients part of a snapshot: producers with their settings, counts, newest partition
//! choices and the records on their way to a partition; consumers with their group
//! membership, assignment and positions.
//!
//! A record's flight lasts [`FLIGHT_REAL_MS`] of real time at the current speed, measured in
//! simulated time, so flights move only while the clock runs and a link opens them where they
//! were.

use kplay_sim::World;
use kplay_sim::action::{AcksSpec, CommitMode, KeyDistribution, Membership, OffsetReset};
use kplay_sim::consumer::{Consumer, GroupPhase, Position};

use super::topics::key_colour;
use crate::model::chronicle::Chronicle;
use crate::model::prefs::Speed;

/// How many partition choices each producer shows.
pub const CHOICES_SHOWN: usize = 8;

/// How long a record is seen travelling to its partition, in real ms at any speed.
pub const FLIGHT_REAL_MS: f64 = 900.0;

/// The most records drawn in flight per producer.
pub const FLIGHTS_SHOWN: usize = 12;

/// How long a flight lasts in simulated ms at `speed` (between 50 ms and 30 s).
pub fn flight_ms(speed: Speed) -> i64 {
    (FLIGHT_REAL_MS * speed.factor()).round().clamp(50.0, 30_000.0) as i64
}

/// A record on its way from its producer to the partition chosen for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlightSnap {
    /// A stable id ([`Flight::id`](crate::model::chronicle::Flight::id)).
    pub id: String,
    /// Its key, as text (`None`: keyless).
    pub key: Option<String>,
    /// Its key's colour.
    pub colour: u8,
    /// The partition it goes to.
    pub partition: i32,
    /// How far it has come, in percent.
    pub progress: u8,
}

/// A record's partition choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceSnap {
    /// A stable id ([`Flight::id`](crate::model::chronicle::Flight::id)).
    pub id: String,
    /// When, in ms.
    pub time_ms: i64,
    /// The key, as text (`None`: keyless).
    pub key: Option<String>,
    /// The key's colour.
    pub colour: u8,
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
    /// How many partitions its topic has (0: the topic does not exist).
    pub partitions: i32,
    /// Whether its topic is compacted (every record needs a key).
    pub compacted: bool,
    /// Whose partitioner it uses.
    pub partitioner: String,
    /// `acks`, as configured (`0`, `1`, `all`).
    pub acks: &'static str,
    /// `enable.idempotence`.
    pub idempotent: bool,
    /// `linger.ms`.
    pub linger_ms: i64,
    /// `batch.size`, in bytes.
    pub batch_size: usize,
    /// `max.in.flight.requests.per.connection`.
    pub max_in_flight: u32,
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
    /// Records on their way, oldest first.
    pub flights: Vec<FlightSnap>,
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

fn colour_of(key: Option<&str>) -> u8 {
    key_colour(key.map(str::as_bytes))
}

/// Builds the producers; flights last [`flight_ms`] at `speed`.
pub fn producers(world: &World, chronicle: &Chronicle, speed: Speed) -> Vec<ProducerSnap> {
    let now = world.now().0;
    let flight_ms = flight_ms(speed);
    let topics = &world.engine().image().topics;
    world
        .clients()
        .keys()
        .filter_map(|id| world.producer(*id).map(|p| (*id, p)))
        .map(|(id, p)| {
            let spec = p.spec();
            let stats = p.stats();
            let newest = chronicle.flights.newest_of(id, CHOICES_SHOWN.max(FLIGHTS_SHOWN));
            let choices = newest
                .iter()
                .take(CHOICES_SHOWN)
                .map(|f| ChoiceSnap {
                    id: f.id(),
                    time_ms: f.time_ms,
                    key: f.key.clone(),
                    colour: colour_of(f.key.as_deref()),
                    topic: f.partition.topic.to_string(),
                    partition: f.partition.partition.0,
                    reason: f.reason.clone(),
                })
                .collect();
            let mut flights: Vec<FlightSnap> = newest
                .iter()
                .filter(|f| (0..flight_ms).contains(&(now - f.time_ms)))
                .take(FLIGHTS_SHOWN)
                .map(|f| FlightSnap {
                    id: f.id(),
                    key: f.key.clone(),
                    colour: colour_of(f.key.as_deref()),
                    partition: f.partition.partition.0,
                    progress: ((now - f.time_ms) * 100 / flight_ms) as u8,
                })
                .collect();
            flights.reverse();
            let topic = topics.get(spec.topic.as_str());
            ProducerSnap {
                id,
                client_id: spec.client_id.clone(),
                topic: spec.topic.clone(),
                partitions: topic.map_or(0, |t| t.partitions.len() as i32),
                compacted: topic.is_some_and(|t| t.config.cleanup_policy.compacts()),
                partitioner: spec.partitioner.label().to_owned(),
                acks: acks(spec.acks),
                idempotent: spec.idempotence,
                linger_ms: spec.linger_ms,
                batch_size: spec.batch_size,
                max_in_flight: spec.max_in_flight,
                rate_per_sec: spec.rate_per_sec,
                keys: keys_text(&spec.keys),
                records: stats.records,
                acknowledged: stats.acknowledged,
                failed: stats.failed,
                in_flight: p.unacknowledged(),
                choices,
                flights,
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
