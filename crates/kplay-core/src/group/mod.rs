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
//!
//! ```
//! use bytes::Bytes;
//! use kplay_core::api::{JoinGroupProtocol, JoinGroupRequest};
//! use kplay_core::group::{GroupCoordinator, GroupState, Pending, Reply};
//! use kplay_core::{BrokerId, ClientId, GroupConfig, GroupId, MemberId, RequestId, Timestamp};
//!
//! let config = GroupConfig { initial_rebalance_delay_ms: 0, ..GroupConfig::default() };
//! let mut coordinator = GroupCoordinator::new(config, 42);
//! let join = JoinGroupRequest {
//!     group_id: GroupId::from("orders"),
//!     session_timeout_ms: 45_000,
//!     rebalance_timeout_ms: 300_000,
//!     member_id: MemberId::unknown(),
//!     group_instance_id: None,
//!     protocol_type: "consumer".to_owned(),
//!     protocols: vec![JoinGroupProtocol { name: "range".to_owned(), metadata: Bytes::new() }],
//!     require_known_member_id: false,
//!     client_id: "app".to_owned(),
//!     client_host: "/127.0.0.1".to_owned(),
//!     reason: None,
//! };
//! let pending = Pending { client: ClientId(1), request: RequestId(1), broker: BrokerId(0) };
//! // A lone member with no initial delay completes the join phase at once, and leads.
//! let Reply::Now(answer) = coordinator.join_group(Timestamp(0), pending, join) else {
//!     unreachable!("nobody else to wait for")
//! };
//! assert_eq!(answer.generation_id.0, 1);
//! assert_eq!(answer.leader, answer.member_id);
//! assert!(answer.member_id.as_str().starts_with("app-"));
//! let group = coordinator.group(&GroupId::from("orders")).map(|g| g.state());
//! assert_eq!(group, Some(GroupState::CompletingRebalance));
//! // Its session now runs: it must sync or heartbeat within `session.timeout.ms`.
//! assert_eq!(coordinator.next_deadline(), Some(Timestamp(45_000)));
//! ```
//!
//! # Layout
//!
//! - [`GroupCoordinator`] (this file): the public surface; fires due timers before and after
//!   every call, so a call made late behaves as if the driver had ticked on time.
//! - `state.rs`, `member.rs`: one group's state and one member's ([`Group`], [`Member`]).
//! - `rebalance.rs`: the state machine every API shares (start a rebalance, complete the join
//!   phase, propagate assignments, remove members).
//! - `join.rs`, `sync.rs`, `heartbeat.rs`, `leave.rs`, `offsets.rs`, `admin.rs`: one file per API.
//! - `timers.rs`, `ctx.rs`: the timer map and the outputs every operation writes to.
//!
//! # Determinism
//!
//! Groups live in a `VecMap` by id, members in a `Vec` in join order, timers in a `BTreeMap`
//! by (deadline, sequence); member ids draw their UUIDs from the seeded [`SplitMix64`]. The same
//! seed and the same calls always give the same answers and the same events.
//!
//! [`SplitMix64`]: crate::rng::SplitMix64

#[cfg(feature = "admin-apis")]
mod admin;
mod coordinator;
mod ctx;
mod heartbeat;
mod join;
mod leave;
mod member;
#[cfg(feature = "admin-apis")]
mod offset_delete;
mod offsets;
mod rebalance;
mod state;
mod sync;
mod timers;
#[cfg(feature = "transactions")]
mod txn_offsets;

#[cfg(test)]
mod tests;

use std::fmt;

use crate::api::{JoinGroupResponse, SyncGroupResponse};
use crate::ids::{BrokerId, ClientId, RequestId};

pub use coordinator::GroupCoordinator;
pub use member::Member;
pub use offsets::CommittedOffset;
pub use state::Group;

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

    /// Whether Kafka allows moving from `from` to `self` (`GroupState.validPreviousStates`).
    pub fn can_follow(self, from: GroupState) -> bool {
        use GroupState::*;
        match self {
            PreparingRebalance => matches!(from, Stable | CompletingRebalance | Empty),
            CompletingRebalance => from == PreparingRebalance,
            Stable => from == CompletingRebalance,
            Empty => from == PreparingRebalance,
            Dead => true,
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

/// The answer to a request that may be parked.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply<T> {
    /// Answered now.
    Now(T),
    /// Parked: the answer will come out of [`GroupCoordinator::take_completed`].
    Parked,
}

impl<T> Reply<T> {
    /// The answer, if it was given now.
    pub fn now(self) -> Option<T> {
        match self {
            Reply::Now(answer) => Some(answer),
            Reply::Parked => None,
        }
    }
}

/// A parked request's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum GroupReply {
    /// A JoinGroup answer.
    Join(JoinGroupResponse),
    /// A SyncGroup answer.
    Sync(SyncGroupResponse),
}
