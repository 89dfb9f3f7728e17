//! Tests of the group coordinator, driven the way the engine drives it: requests with a time,
//! parked answers collected from `take_completed`, timers fired by `tick`.
//!
//! The [`Harness`] keeps a virtual clock and an inbox of parked answers; each scenario file
//! covers one area (rebalances, static members, offsets, admin APIs, random sequences).

mod admin;
mod coordinator;
mod errors;
mod offsets;
mod prop;
mod rebalance;
mod static_members;
mod timeouts;

use bytes::Bytes;

use crate::api::{
    HeartbeatRequest, JoinGroupProtocol, JoinGroupRequest, JoinGroupResponse, LeaveGroupRequest,
    LeaveGroupResponse, LeavingMember, SyncGroupAssignment, SyncGroupRequest, SyncGroupResponse,
};
use crate::config::GroupConfig;
use crate::error::ErrorCode;
use crate::event::Event;
use crate::ids::{BrokerId, ClientId, GenerationId, GroupId, MemberId, RequestId, Timestamp};

use super::{Group, GroupCoordinator, GroupReply, Pending, Reply};

/// Session timeout used by test members.
pub(super) const SESSION_MS: i32 = 10_000;
/// Rebalance timeout used by test members.
pub(super) const REBALANCE_MS: i32 = 30_000;
/// The group most tests use.
pub(super) const GROUP: &str = "g";

/// The initial rebalance delay of the test config.
pub(super) const INITIAL_DELAY_MS: i64 = 100;

/// Kafka's defaults, except a short initial rebalance delay and a short metadata limit.
pub(super) fn config() -> GroupConfig {
    GroupConfig {
        initial_rebalance_delay_ms: INITIAL_DELAY_MS,
        min_session_timeout_ms: 1_000,
        max_session_timeout_ms: 300_000,
        max_size: i32::MAX,
        offset_metadata_max_bytes: 16,
    }
}

/// Protocols with their own names as metadata.
pub(super) fn protocols(names: &[&str]) -> Vec<JoinGroupProtocol> {
    names
        .iter()
        .map(|n| JoinGroupProtocol {
            name: (*n).to_owned(),
            metadata: Bytes::from(format!("sub-{n}")),
        })
        .collect()
}

/// A first JoinGroup of a dynamic consumer that supports `range`.
pub(super) fn join_request(client_id: &str) -> JoinGroupRequest {
    JoinGroupRequest {
        group_id: GroupId::from(GROUP),
        session_timeout_ms: SESSION_MS,
        rebalance_timeout_ms: REBALANCE_MS,
        member_id: MemberId::unknown(),
        group_instance_id: None,
        protocol_type: "consumer".to_owned(),
        protocols: protocols(&["range"]),
        require_known_member_id: true,
        client_id: client_id.to_owned(),
        client_host: "/127.0.0.1".to_owned(),
        reason: None,
    }
}

/// The same request, rejoining as `member`.
pub(super) fn rejoin(req: &JoinGroupRequest, member: &MemberId) -> JoinGroupRequest {
    JoinGroupRequest { member_id: member.clone(), ..req.clone() }
}

/// A SyncGroup; the leader passes `(member, assignment)` pairs.
pub(super) fn sync_request(
    member: &MemberId,
    generation: GenerationId,
    assignments: &[(&MemberId, &str)],
) -> SyncGroupRequest {
    SyncGroupRequest {
        group_id: GroupId::from(GROUP),
        generation_id: generation,
        member_id: member.clone(),
        group_instance_id: None,
        protocol_type: Some("consumer".to_owned()),
        protocol_name: None,
        assignments: assignments
            .iter()
            .map(|(m, a)| SyncGroupAssignment {
                member_id: (*m).clone(),
                assignment: Bytes::from((*a).to_owned()),
            })
            .collect(),
    }
}

/// A coordinator, a virtual clock, and an inbox of parked answers.
pub(super) struct Harness {
    pub(super) gc: GroupCoordinator,
    pub(super) now: Timestamp,
    next_request: u64,
    inbox: Vec<(Pending, GroupReply)>,
}

impl Harness {
    pub(super) fn new() -> Self {
        Harness::with_config(config(), 7)
    }

    pub(super) fn with_config(config: GroupConfig, seed: u64) -> Self {
        Harness {
            gc: GroupCoordinator::new(config, seed),
            now: Timestamp(0),
            next_request: 0,
            inbox: Vec::new(),
        }
    }

    pub(super) fn pending(&mut self, client: u64) -> Pending {
        self.next_request += 1;
        Pending {
            client: ClientId(client),
            request: RequestId(self.next_request),
            broker: BrokerId(1),
        }
    }

    pub(super) fn join(
        &mut self,
        client: u64,
        req: JoinGroupRequest,
    ) -> (Pending, Reply<JoinGroupResponse>) {
        let pending = self.pending(client);
        (pending, self.gc.join_group(self.now, pending, req))
    }

    pub(super) fn sync(
        &mut self,
        client: u64,
        req: SyncGroupRequest,
    ) -> (Pending, Reply<SyncGroupResponse>) {
        let pending = self.pending(client);
        (pending, self.gc.sync_group(self.now, pending, req))
    }

    pub(super) fn heartbeat(
        &mut self,
        member: &MemberId,
        generation: GenerationId,
    ) -> Option<ErrorCode> {
        let req = HeartbeatRequest {
            group_id: GroupId::from(GROUP),
            generation_id: generation,
            member_id: member.clone(),
            group_instance_id: None,
        };
        self.gc.heartbeat(self.now, &req).error
    }

    pub(super) fn leave(
        &mut self,
        member: &MemberId,
        instance: Option<&str>,
    ) -> LeaveGroupResponse {
        let req = LeaveGroupRequest {
            group_id: GroupId::from(GROUP),
            members: vec![LeavingMember {
                member_id: member.clone(),
                group_instance_id: instance.map(str::to_owned),
                reason: None,
            }],
        };
        self.gc.leave_group(self.now, &req)
    }

    /// Moves the clock on and fires due timers.
    pub(super) fn advance(&mut self, ms: i64) {
        self.now = self.now.plus_ms(ms);
        self.gc.tick(self.now);
    }

    fn collect(&mut self) {
        self.inbox.extend(self.gc.take_completed());
    }

    /// The parked join answered for `pending`, if it has been.
    pub(super) fn join_answer(&mut self, pending: Pending) -> Option<JoinGroupResponse> {
        self.collect();
        let i = self
            .inbox
            .iter()
            .position(|(p, r)| *p == pending && matches!(r, GroupReply::Join(_)))?;
        match self.inbox.remove(i).1 {
            GroupReply::Join(answer) => Some(answer),
            GroupReply::Sync(_) => None,
        }
    }

    /// Waits out the initial delay (in its steps) until the parked join is answered.
    pub(super) fn await_join(&mut self, pending: Pending) -> JoinGroupResponse {
        for _ in 0..50 {
            if let Some(answer) = self.join_answer(pending) {
                return answer;
            }
            self.advance(INITIAL_DELAY_MS);
        }
        panic!("join {pending:?} never answered");
    }

    /// The parked sync answered for `pending`, if it has been.
    pub(super) fn sync_answer(&mut self, pending: Pending) -> Option<SyncGroupResponse> {
        self.collect();
        let i = self
            .inbox
            .iter()
            .position(|(p, r)| *p == pending && matches!(r, GroupReply::Sync(_)))?;
        match self.inbox.remove(i).1 {
            GroupReply::Sync(answer) => Some(answer),
            GroupReply::Join(_) => None,
        }
    }

    /// Events since the last call, without their times.
    pub(super) fn events(&mut self) -> Vec<Event> {
        self.gc.take_events().into_iter().map(|r| r.event).collect()
    }

    pub(super) fn group(&self) -> &Group {
        self.gc.group(&GroupId::from(GROUP)).expect("the test group exists")
    }

    /// A new dynamic member goes through MEMBER_ID_REQUIRED and rejoins with its id; returns the
    /// id and the second join's pending handle and reply.
    pub(super) fn join_new(
        &mut self,
        client: u64,
        req: &JoinGroupRequest,
    ) -> (MemberId, Pending, Reply<JoinGroupResponse>) {
        let (_, first) = self.join(client, req.clone());
        let first = first.now().expect("MEMBER_ID_REQUIRED comes at once");
        assert_eq!(first.error, Some(ErrorCode::MemberIdRequired));
        let member = first.member_id.clone();
        let (pending, reply) = self.join(client, rejoin(req, &member));
        (member, pending, reply)
    }

    /// Builds a `Stable` group of `n` dynamic members (clients 1..=n), each assigned
    /// `"p-<index>"`; returns the member ids in join order and the generation.
    pub(super) fn stable_group(&mut self, n: u64) -> (Vec<MemberId>, GenerationId) {
        let mut parked = Vec::new();
        let mut members = Vec::new();
        for client in 1..=n {
            let (member, pending, reply) =
                self.join_new(client, &join_request(&format!("c{client}")));
            members.push(member);
            parked.push((pending, reply));
        }
        let mut generation = GenerationId::NONE;
        for (pending, reply) in parked {
            let answer = match reply {
                Reply::Now(answer) => answer,
                Reply::Parked => self.await_join(pending),
            };
            assert_eq!(answer.error, None);
            generation = answer.generation_id;
        }
        for (i, member) in members.iter().enumerate().skip(1) {
            let (_, reply) = self.sync(i as u64 + 1, sync_request(member, generation, &[]));
            assert_eq!(reply, Reply::Parked);
        }
        let names: Vec<String> = (0..members.len()).map(|i| format!("p-{i}")).collect();
        let assignments: Vec<(&MemberId, &str)> =
            members.iter().zip(names.iter()).map(|(m, a)| (m, a.as_str())).collect();
        let (_, reply) = self.sync(1, sync_request(&members[0], generation, &assignments));
        assert_eq!(reply.now().map(|r| r.assignment), Some(Bytes::from("p-0")));
        assert_eq!(self.group().state(), super::GroupState::Stable);
        self.collect();
        self.inbox.clear();
        self.gc.take_events();
        (members, generation)
    }
}
