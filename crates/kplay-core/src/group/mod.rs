//! The group coordinator, classic protocol: membership, rebalances, generations and committed
//! offsets of consumer groups.
//!
//! The coordinator is its own sans-I/O state machine inside the engine. The engine decides
//! *whether* a broker coordinates a group (it leads the group's `__consumer_offsets` partition)
//! and hands the request over; the coordinator answers at once or parks the request (a JoinGroup
//! waiting for the other members, a SyncGroup waiting for the leader's assignment). Parked
//! answers come out of [`GroupCoordinator::take_completed`] after a later request or a
//! [`GroupCoordinator::tick`]; [`GroupCoordinator::next_deadline`] says when a timer is due.
//!
//! Groups move through [`GroupState`] as Kafka's `GroupCoordinator` moves them; illegal requests
//! are answered with Kafka's error codes.

use std::fmt;

use crate::ids::{BrokerId, ClientId, RequestId};

/// A group's state (Kafka's `GroupState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupState {
    /// No members; may still hold committed offsets.
    Empty,
    /// Waiting for members to (re)join.
    PreparingRebalance,
    /// Joined; waiting for the leader's assignment in SyncGroup.
    CompletingRebalance,
    /// Every member has its assignment.
    Stable,
    /// The group is gone (deleted, or never existed).
    Dead,
}

impl GroupState {
    /// The name Kafka reports in DescribeGroups and ListGroups.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupState::Empty => "Empty",
            GroupState::PreparingRebalance => "PreparingRebalance",
            GroupState::CompletingRebalance => "CompletingRebalance",
            GroupState::Stable => "Stable",
            GroupState::Dead => "Dead",
        }
    }

    /// Parses Kafka's name (case-insensitively, as ListGroups' states filter does).
    pub fn parse(name: &str) -> Option<GroupState> {
        [
            GroupState::Empty,
            GroupState::PreparingRebalance,
            GroupState::CompletingRebalance,
            GroupState::Stable,
            GroupState::Dead,
        ]
        .into_iter()
        .find(|s| s.as_str().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for GroupState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a parked response must go: the client, its request, and the broker it asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pending {
    /// The client connection.
    pub client: ClientId,
    /// The request.
    pub request: RequestId,
    /// The broker the client sent it to.
    pub broker: BrokerId,
}
