//! The groups part of a snapshot: each group as its coordinator sees it (state, and what the
//! state means while it is not Stable; generation, assignor, leader, members) joined with the
//! simulated consumers behind the members (what each owns and where it reads), as
//! `kafka-consumer-groups.sh --describe` prints it (per partition: current offset, log end
//! offset, lag, owner), and lag over time for the chart.
//!
//! A member whose client is gone (crashed, or a static member closed) is still a member until
//! the coordinator removes it; it is kept, marked as such, with when its session expires.

mod lag;
#[cfg(test)]
mod tests;
mod text;

use kplay_core::engine::{OFFSETS_TOPIC, offsets_partition_for};
use kplay_core::group::{Group, GroupState, Member};
use kplay_core::vec_map::VecMap;
use kplay_sim::World;
use kplay_sim::action::Membership;
use kplay_sim::consumer_protocol::Assignment;

pub use lag::{CHART_POINTS, CHART_WINDOW_MS, LagChart, LagPoint, LagRow, LagSeries, chart};
pub use text::{idle_reason, state_meaning};

use super::clients::{PositionSnap, positions};
use crate::model::chronicle::{Chronicle, ClientRemoval, RebalanceKind};

/// Where a member stands with the coordinator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberStatus {
    /// In the generation, with its assignment (or waiting for the group to rebalance).
    Active,
    /// Its JoinGroup is parked: it has rejoined and waits for the others.
    Rejoined,
    /// Its SyncGroup is parked: it waits for the leader's assignment.
    AwaitingAssignment,
    /// No live client is behind it: the coordinator keeps it until its session times out.
    ClientGone,
}

impl MemberStatus {
    /// As a person reads it.
    pub fn label(self) -> &'static str {
        match self {
            MemberStatus::Active => "active",
            MemberStatus::Rejoined => "rejoined, waiting for the others",
            MemberStatus::AwaitingAssignment => "waiting for its assignment",
            MemberStatus::ClientGone => "client gone",
        }
    }
}

/// A member as the coordinator knows it, with the simulated client behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberSnap {
    /// Its member id.
    pub member_id: String,
    /// Its `client.id`.
    pub client_id: String,
    /// The simulated client's number, if it is one of the world's consumers.
    pub client: Option<u32>,
    /// The host its connection came from, for a real client (the live view).
    pub client_host: Option<String>,
    /// `group.instance.id`, for a static member.
    pub group_instance_id: Option<String>,
    /// Whether it leads the generation.
    pub leader: bool,
    /// The partitions it owns (its client's view; the coordinator's when the client is gone).
    pub assigned: Vec<(String, i32)>,
    /// Its client's positions on them.
    pub positions: Vec<PositionSnap>,
    /// Whether its application stopped polling.
    pub paused: bool,
    /// Where it stands with the coordinator.
    pub status: MemberStatus,
    /// When the coordinator removes it unless it heartbeats, in ms.
    pub session_expires_ms: Option<i64>,
    /// `session.timeout.ms`.
    pub session_timeout_ms: i32,
    /// How its client left the world, when it is gone (closed or crashed).
    pub removed: Option<ClientRemoval>,
}

impl MemberSnap {
    /// Whether it owns nothing while its group is Stable.
    pub fn idle(&self) -> bool {
        self.assigned.is_empty() && self.status == MemberStatus::Active
    }
}

/// One group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupSnap {
    /// `group.id`.
    pub id: String,
    /// Empty, PreparingRebalance, CompletingRebalance, Stable or Dead.
    pub state: &'static str,
    /// What the state means, when it is not Stable.
    pub state_meaning: Option<String>,
    /// Since when the group has been rebalancing, in ms, if it is.
    pub rebalancing_since_ms: Option<i64>,
    /// The generation.
    pub generation: i32,
    /// The chosen assignor.
    pub protocol: Option<String>,
    /// Eager or cooperative, as its newest generation rebalanced.
    pub kind: Option<RebalanceKind>,
    /// The coordinator broker.
    pub coordinator: Option<i32>,
    /// The leader's member id.
    pub leader: Option<String>,
    /// The members, in join order.
    pub members: Vec<MemberSnap>,
    /// Standalone consumers (`assign`) that commit to this group without joining it.
    pub standalone: Vec<u32>,
    /// Per partition: committed offset, log end, lag, owner.
    pub rows: Vec<LagRow>,
    /// Why members have nothing to read, if any have nothing.
    pub idle: Option<String>,
    /// How old the oldest unread record is, in ms, as last sampled.
    pub lag_ms: Option<i64>,
}

impl GroupSnap {
    /// The group's total lag (partitions without a committed offset count as unknown).
    pub fn total_lag(&self) -> i64 {
        self.rows.iter().filter_map(|r| r.lag).sum()
    }

    /// A member by its client's number.
    pub fn member_of(&self, client: u32) -> Option<&MemberSnap> {
        self.members.iter().find(|m| m.client == Some(client))
    }
}

/// Builds every group the coordinator knows.
pub fn build(world: &World, chronicle: &Chronicle) -> Vec<GroupSnap> {
    let engine = world.engine();
    // Members' simulated clients, by member id.
    let clients: VecMap<String, u32> = world
        .clients()
        .keys()
        .filter_map(|id| {
            let c = world.consumer(*id)?;
            Some((c.member()?.member_id.to_string(), *id))
        })
        .collect();
    let lag_ms = lag::newest_lag_ms(world);
    engine
        .groups()
        .groups()
        .map(|g| {
            let id = g.group_id().to_string();
            let members: Vec<MemberSnap> =
                g.members().iter().map(|m| member(world, chronicle, g, m, &clients)).collect();
            let standalone = standalone(world, &id);
            let (rows, subscribed) = lag::rows(world, g.group_id(), &members, &standalone);
            let history = chronicle.rebalances.groups().get(&id);
            let newest = history.and_then(|h| h.last());
            let rebalancing = matches!(
                g.state(),
                GroupState::PreparingRebalance | GroupState::CompletingRebalance
            );
            GroupSnap {
                state: g.state().as_str(),
                state_meaning: state_meaning(world, g),
                rebalancing_since_ms: newest
                    .filter(|r| rebalancing && r.ended_ms.is_none())
                    .map(|r| r.started_ms),
                generation: g.generation().0,
                protocol: g.protocol_name().map(str::to_owned),
                kind: history.and_then(|h| h.iter().rev().find_map(|r| r.kind)),
                coordinator: coordinator(world, &id),
                leader: g.leader().map(ToString::to_string),
                idle: idle_reason(g.state(), &members, subscribed, g.protocol_name()),
                lag_ms: lag_ms.get(id.as_str()).copied(),
                members,
                standalone,
                rows,
                id,
            }
        })
        .collect()
}

/// The broker leading the group's `__consumer_offsets` partition: its coordinator.
fn coordinator(world: &World, group: &str) -> Option<i32> {
    let offsets = world.engine().image().topics.get(OFFSETS_TOPIC)?;
    let p = offsets_partition_for(group, offsets.partitions.len() as i32);
    offsets.partitions.get(p as usize).and_then(|s| s.leader).map(|b| b.0)
}

fn member(
    world: &World,
    chronicle: &Chronicle,
    g: &Group,
    m: &Member,
    clients: &VecMap<String, u32>,
) -> MemberSnap {
    let member_id = m.member_id().to_string();
    let client = clients.get(&member_id).copied();
    let consumer = client.and_then(|c| world.consumer(c));
    let assigned: Vec<(String, i32)> = match consumer {
        Some(c) => c.assigned().iter().map(|tp| (tp.topic.to_string(), tp.partition.0)).collect(),
        None => Assignment::decode(m.assignment())
            .map(|a| a.partitions.iter().map(|tp| (tp.topic.to_string(), tp.partition.0)).collect())
            .unwrap_or_default(),
    };
    let status = if consumer.is_none() {
        MemberStatus::ClientGone
    } else if m.is_awaiting_join() {
        MemberStatus::Rejoined
    } else if m.is_awaiting_sync() {
        MemberStatus::AwaitingAssignment
    } else {
        MemberStatus::Active
    };
    MemberSnap {
        leader: g.leader() == Some(m.member_id()),
        client_id: m.client_id().to_owned(),
        client_host: None,
        group_instance_id: m.group_instance_id().map(str::to_owned),
        positions: consumer.map(positions).unwrap_or_default(),
        paused: consumer.is_some_and(|c| c.is_paused()),
        session_expires_ms: m.session_deadline().map(|t| t.0),
        session_timeout_ms: m.session_timeout_ms(),
        removed: consumer.is_none().then(|| chronicle.rebalances.removal_of(&member_id)).flatten(),
        member_id,
        client,
        assigned,
        status,
    }
}

/// The standalone consumers that commit to `group`.
fn standalone(world: &World, group: &str) -> Vec<u32> {
    world
        .clients()
        .keys()
        .filter(|id| {
            world.consumer(**id).is_some_and(|c| {
                matches!(&c.spec().membership,
                    Membership::Standalone { group_id: Some(g), .. } if g == group)
            })
        })
        .copied()
        .collect()
}
