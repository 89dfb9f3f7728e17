//! The groups part of a snapshot: each group as its coordinator sees it (state, generation,
//! assignor, members) and as `kafka-consumer-groups.sh --describe` prints it (per partition:
//! current offset, log end offset, lag, owner), and lag over time for the chart.

use std::collections::{BTreeMap, BTreeSet};

use kplay_core::engine::{OFFSETS_TOPIC, offsets_partition_for};
use kplay_core::{GroupId, TopicPartition};
use kplay_sim::World;
use kplay_sim::action::Membership;

/// How much lag history the chart shows, in ms.
pub const CHART_WINDOW_MS: i64 = 60_000;

/// A member as the coordinator knows it, with the simulated client behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberSnap {
    /// Its member id.
    pub member_id: String,
    /// Its `client.id`.
    pub client_id: String,
    /// The simulated client's number, if it is one of the world's consumers.
    pub client: Option<u32>,
    /// `group.instance.id`, for a static member.
    pub group_instance_id: Option<String>,
    /// Whether it leads the generation.
    pub leader: bool,
    /// The partitions it owns.
    pub assigned: Vec<(String, i32)>,
}

/// One row of `kafka-consumer-groups.sh --describe`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LagRow {
    /// The topic.
    pub topic: String,
    /// The partition.
    pub partition: i32,
    /// The committed offset (CURRENT-OFFSET), if any.
    pub committed: Option<i64>,
    /// The high watermark (LOG-END-OFFSET as the tool reads it); -1 while offline.
    pub log_end: i64,
    /// LOG-END-OFFSET − CURRENT-OFFSET, when both are known.
    pub lag: Option<i64>,
    /// The owning member's client number, if any.
    pub owner: Option<u32>,
    /// The owning member's `client.id`, if any.
    pub owner_client_id: Option<String>,
}

/// One group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupSnap {
    /// `group.id`.
    pub id: String,
    /// Empty, PreparingRebalance, CompletingRebalance, Stable or Dead.
    pub state: &'static str,
    /// The generation.
    pub generation: i32,
    /// The chosen assignor.
    pub protocol: Option<String>,
    /// The coordinator broker.
    pub coordinator: Option<i32>,
    /// The members.
    pub members: Vec<MemberSnap>,
    /// Per partition: committed offset, log end, lag, owner.
    pub rows: Vec<LagRow>,
}

impl GroupSnap {
    /// The group's total lag (partitions without a committed offset count as unknown).
    pub fn total_lag(&self) -> i64 {
        self.rows.iter().filter_map(|r| r.lag).sum()
    }
}

/// One group's lag over time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LagSeries {
    /// The group.
    pub group: String,
    /// (time in ms, total lag in records), oldest first.
    pub points: Vec<(i64, i64)>,
}

/// Lag over the last [`CHART_WINDOW_MS`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LagChart {
    /// The window's start, in ms.
    pub from_ms: i64,
    /// The window's end, in ms.
    pub to_ms: i64,
    /// The largest lag in the window.
    pub max_lag: i64,
    /// One series per group.
    pub series: Vec<LagSeries>,
}

/// Builds every group the coordinator knows.
pub fn build(world: &World) -> Vec<GroupSnap> {
    let engine = world.engine();
    let image = engine.image();
    // Members' simulated clients, by member id.
    let clients: BTreeMap<String, u32> = world
        .clients()
        .keys()
        .filter_map(|id| {
            let c = world.consumer(*id)?;
            Some((c.member()?.member_id.to_string(), *id))
        })
        .collect();
    let offsets = image.topics.get(OFFSETS_TOPIC);
    engine
        .groups()
        .groups()
        .map(|g| {
            let id = g.group_id().to_string();
            let coordinator = offsets.and_then(|o| {
                let p = offsets_partition_for(&id, o.partitions.len() as i32);
                o.partitions.get(p as usize).and_then(|s| s.leader).map(|b| b.0)
            });
            let members: Vec<MemberSnap> = g
                .members()
                .iter()
                .map(|m| {
                    let member_id = m.member_id().to_string();
                    let client = clients.get(&member_id).copied();
                    let assigned = client
                        .and_then(|c| world.consumer(c))
                        .map(|c| {
                            c.assigned()
                                .iter()
                                .map(|tp| (tp.topic.to_string(), tp.partition.0))
                                .collect()
                        })
                        .unwrap_or_default();
                    MemberSnap {
                        leader: g.leader() == Some(m.member_id()),
                        client_id: m.client_id().to_owned(),
                        group_instance_id: m.group_instance_id().map(str::to_owned),
                        member_id,
                        client,
                        assigned,
                    }
                })
                .collect();
            let rows = rows(world, g.group_id(), &members);
            GroupSnap {
                id,
                state: g.state().as_str(),
                generation: g.generation().0,
                protocol: g.protocol_name().map(str::to_owned),
                coordinator,
                members,
                rows,
            }
        })
        .collect()
}

/// The partitions a group describes: those of the topics its members subscribe to, and those
/// it has committed offsets for.
fn rows(world: &World, group: &GroupId, members: &[MemberSnap]) -> Vec<LagRow> {
    let engine = world.engine();
    let image = engine.image();
    let committed = engine.groups().group(group).map(|g| g.offsets().clone()).unwrap_or_default();
    let mut topics: BTreeSet<String> = BTreeSet::new();
    for m in members {
        let Some(c) = m.client.and_then(|c| world.consumer(c)) else { continue };
        if let Membership::Group { topics: subscribed, .. } = &c.spec().membership {
            topics.extend(subscribed.iter().cloned());
        }
    }
    let mut partitions: BTreeSet<TopicPartition> = committed.keys().cloned().collect();
    for t in &topics {
        if let Some(state) = image.topics.get(t.as_str()) {
            partitions.extend(
                (0..state.partitions.len() as i32).map(|i| TopicPartition::new(t.as_str(), i)),
            );
        }
    }
    partitions
        .into_iter()
        .map(|tp| {
            let log_end =
                engine.partition(&tp).and_then(|v| v.high_watermark()).map_or(-1, |o| o.0);
            let committed = committed.get(&tp).map(|c| c.offset.0);
            let owner = members.iter().find(|m| {
                m.assigned.iter().any(|(t, p)| *t == *tp.topic.as_str() && *p == tp.partition.0)
            });
            LagRow {
                topic: tp.topic.to_string(),
                partition: tp.partition.0,
                committed,
                log_end,
                lag: committed.filter(|_| log_end >= 0).map(|c| (log_end - c).max(0)),
                owner: owner.and_then(|m| m.client),
                owner_client_id: owner.map(|m| m.client_id.clone()),
            }
        })
        .collect()
}

/// Builds the lag chart from the world's metrics samples.
pub fn chart(world: &World) -> LagChart {
    let to_ms = world.now().0;
    let from_ms = (to_ms - CHART_WINDOW_MS).max(0);
    let mut series: BTreeMap<String, Vec<(i64, i64)>> = BTreeMap::new();
    for sample in world.metrics().samples().filter(|s| s.time.0 >= from_ms) {
        let mut totals: BTreeMap<&str, i64> = BTreeMap::new();
        for lag in &sample.lag {
            *totals.entry(lag.group.as_str()).or_default() += lag.lag_records;
        }
        for (group, total) in totals {
            series.entry(group.to_owned()).or_default().push((sample.time.0, total));
        }
    }
    let max_lag = series.values().flatten().map(|(_, l)| *l).max().unwrap_or(0);
    LagChart {
        from_ms,
        to_ms,
        max_lag,
        series: series.into_iter().map(|(group, points)| LagSeries { group, points }).collect(),
    }
}
