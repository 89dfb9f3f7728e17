//! One group's state (Kafka's `GroupMetadata`): its state machine, generation, protocol, leader,
//! members in join order, static and pending members, and committed offsets.
//!
//! Invariants: `members` is in join order and member ids are unique; `leader` is `Some` exactly
//! when there are members, and names one of them; `static_members` maps each static member's
//! instance id to its current member id; `pending_members` (answered MEMBER_ID_REQUIRED, not yet
//! back) are never in `members`; `pending_sync` only holds member ids of `members`; state changes
//! only along Kafka's legal transitions ([`GroupState::can_follow`]), each logged as an event.

use bytes::Bytes;

use crate::api::{JoinGroupMember, JoinGroupProtocol};
use crate::error::ErrorCode;
use crate::event::{Event, GroupStateReason};
use crate::ids::{GenerationId, GroupId, MemberId, TopicPartition};
use crate::vec_map::{VecMap, VecSet};

use super::GroupState;
use super::ctx::Ctx;
use super::member::Member;
use super::offsets::CommittedOffset;
use super::timers::TimerKey;

/// The armed join-phase timer and, during an empty group's first wait, the initial delay's
/// bookkeeping (Kafka's `InitialDelayedJoin`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct JoinPhase {
    /// The timer's key.
    pub(crate) key: TimerKey,
    /// `Some` while waiting out `group.initial.rebalance.delay.ms`.
    pub(crate) initial: Option<InitialDelay>,
}

/// One step of the initial rebalance delay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct InitialDelay {
    /// This step's delay.
    pub(crate) delay_ms: i64,
    /// What is left of the rebalance timeout for further steps.
    pub(crate) remaining_ms: i64,
}

/// A consumer group (classic protocol).
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub(crate) group_id: GroupId,
    pub(crate) state: GroupState,
    pub(crate) generation: GenerationId,
    pub(crate) protocol_type: Option<String>,
    pub(crate) protocol_name: Option<String>,
    pub(crate) leader: Option<MemberId>,
    pub(crate) members: Vec<Member>,
    pub(crate) static_members: VecMap<String, MemberId>,
    pub(crate) pending_members: VecMap<MemberId, TimerKey>,
    pub(crate) pending_sync: VecSet<MemberId>,
    pub(crate) new_member_added: bool,
    pub(crate) join_phase: Option<JoinPhase>,
    pub(crate) sync_timer: Option<TimerKey>,
    pub(crate) offsets: VecMap<TopicPartition, CommittedOffset>,
}

impl Group {
    /// A new, empty group at generation 0.
    pub(crate) fn new(group_id: GroupId) -> Self {
        Group {
            group_id,
            state: GroupState::Empty,
            generation: GenerationId(0),
            protocol_type: None,
            protocol_name: None,
            leader: None,
            members: Vec::new(),
            static_members: VecMap::new(),
            pending_members: VecMap::new(),
            pending_sync: VecSet::new(),
            new_member_added: false,
            join_phase: None,
            sync_timer: None,
            offsets: VecMap::new(),
        }
    }

    /// The group's id.
    pub fn group_id(&self) -> &GroupId {
        &self.group_id
    }

    /// Its state.
    pub fn state(&self) -> GroupState {
        self.state
    }

    /// Its current generation (0 before the first rebalance completes).
    pub fn generation(&self) -> GenerationId {
        self.generation
    }

    /// Its protocol type (`consumer` for consumer groups), once a member has joined.
    pub fn protocol_type(&self) -> Option<&str> {
        self.protocol_type.as_deref()
    }

    /// The protocol (assignor) chosen for the current generation.
    pub fn protocol_name(&self) -> Option<&str> {
        self.protocol_name.as_deref()
    }

    /// The leader, who computes the assignment.
    pub fn leader(&self) -> Option<&MemberId> {
        self.leader.as_ref()
    }

    /// The members, in join order.
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// One member.
    pub fn member(&self, member_id: &MemberId) -> Option<&Member> {
        self.members.iter().find(|m| &m.member_id == member_id)
    }

    /// Members that were answered MEMBER_ID_REQUIRED and have not rejoined yet.
    pub fn pending_members(&self) -> impl Iterator<Item = &MemberId> {
        self.pending_members.keys()
    }

    /// A member's metadata for the chosen protocol (empty if none is chosen).
    pub fn member_metadata(&self, member: &Member) -> Bytes {
        self.protocol_name
            .as_deref()
            .and_then(|protocol| member.metadata(protocol))
            .cloned()
            .unwrap_or_default()
    }

    /// Committed offsets, by partition.
    pub fn offsets(&self) -> &VecMap<TopicPartition, CommittedOffset> {
        &self.offsets
    }

    /// The rebalance timeout: the longest of the members' (0 without members).
    pub fn rebalance_timeout_ms(&self) -> i64 {
        self.members.iter().map(|m| i64::from(m.rebalance_timeout_ms)).max().unwrap_or(0).max(0)
    }

    pub(crate) fn index_of(&self, member_id: &MemberId) -> Option<usize> {
        self.members.iter().position(|m| &m.member_id == member_id)
    }

    pub(crate) fn has(&self, member_id: &MemberId) -> bool {
        self.index_of(member_id).is_some()
    }

    pub(crate) fn member_mut(&mut self, member_id: &MemberId) -> Option<&mut Member> {
        self.members.iter_mut().find(|m| &m.member_id == member_id)
    }

    pub(crate) fn is_leader(&self, member_id: &MemberId) -> bool {
        self.leader.as_ref() == Some(member_id)
    }

    pub(crate) fn num_awaiting_join(&self) -> usize {
        self.members.iter().filter(|m| m.is_awaiting_join()).count()
    }

    /// Every member has a parked join and no pending member is still expected.
    pub(crate) fn has_all_members_joined(&self) -> bool {
        self.num_awaiting_join() == self.members.len() && self.pending_members.is_empty()
    }

    /// A rebalance can start from here (Kafka's `canRebalance`).
    pub(crate) fn can_rebalance(&self) -> bool {
        GroupState::PreparingRebalance.can_follow(self.state)
    }

    /// The member id a static instance currently maps to.
    pub(crate) fn static_member_id(&self, instance_id: &str) -> Option<&MemberId> {
        self.static_members.get(instance_id)
    }

    /// Checks that `member_id` is a current member and, for a static member, that its instance
    /// id maps to it: FENCED_INSTANCE_ID if the instance now maps to another member id,
    /// UNKNOWN_MEMBER_ID otherwise.
    pub(crate) fn validate_current_member(
        &self,
        member_id: &MemberId,
        instance_id: Option<&str>,
    ) -> Option<ErrorCode> {
        if let Some(instance_id) = instance_id {
            match self.static_member_id(instance_id) {
                Some(current) if current != member_id => return Some(ErrorCode::FencedInstanceId),
                Some(_) => {}
                None => return Some(ErrorCode::UnknownMemberId),
            }
        }
        (!self.has(member_id)).then_some(ErrorCode::UnknownMemberId)
    }

    /// The checks every request from a member of a live generation passes first: the group is
    /// not Dead (COORDINATOR_NOT_AVAILABLE), the member is current (see
    /// [`Group::validate_current_member`]) and in this generation (ILLEGAL_GENERATION).
    pub(crate) fn validate_generation_member(
        &self,
        member_id: &MemberId,
        instance_id: Option<&str>,
        generation: GenerationId,
    ) -> Option<ErrorCode> {
        if self.state == GroupState::Dead {
            return Some(ErrorCode::CoordinatorNotAvailable);
        }
        if let Some(code) = self.validate_current_member(member_id, instance_id) {
            return Some(code);
        }
        (generation != self.generation).then_some(ErrorCode::IllegalGeneration)
    }

    /// Protocols every member supports.
    fn candidate_protocols(&self) -> Vec<&str> {
        let Some((first, rest)) = self.members.split_first() else {
            return Vec::new();
        };
        let mut candidates: Vec<&str> = Vec::new();
        for p in &first.protocols {
            let name = p.name.as_str();
            if !candidates.contains(&name) && rest.iter().all(|m| m.metadata(name).is_some()) {
                candidates.push(name);
            }
        }
        candidates
    }

    /// Whether a member with these protocols may join: in an empty group any non-empty type and
    /// list will do; otherwise the type must match and one protocol must be supported by every
    /// member (Kafka's `supportsProtocols`).
    pub(crate) fn supports_protocols(
        &self,
        protocol_type: &str,
        protocols: &[JoinGroupProtocol],
    ) -> bool {
        if protocol_type.is_empty() || protocols.is_empty() {
            return false;
        }
        if self.state == GroupState::Empty {
            return true;
        }
        if self.protocol_type.as_deref() != Some(protocol_type) {
            return false;
        }
        protocols.iter().any(|p| self.members.iter().all(|m| m.metadata(&p.name).is_some()))
    }

    /// The protocol for the next generation: each member votes for its most preferred protocol
    /// among those all members support, and the most votes win. Ties go to the protocol voted
    /// for by the earliest-joined member among the tied ones.
    pub(crate) fn select_protocol(&self) -> Option<String> {
        let candidates = self.candidate_protocols();
        let votes: Vec<&str> = self.members.iter().filter_map(|m| m.vote(&candidates)).collect();
        let mut tally: VecMap<&str, usize> = VecMap::new();
        for vote in &votes {
            *tally.entry(vote).or_default() += 1;
        }
        let most = tally.values().copied().max()?;
        votes.iter().find(|v| tally.get(*v) == Some(&most)).map(|v| (*v).to_owned())
    }

    /// Every member with its metadata for the chosen protocol, for the leader's JoinGroup answer.
    pub(crate) fn current_member_metadata(&self) -> Vec<JoinGroupMember> {
        self.members
            .iter()
            .map(|m| JoinGroupMember {
                member_id: m.member_id.clone(),
                group_instance_id: m.group_instance_id.clone(),
                metadata: self.member_metadata(m),
            })
            .collect()
    }

    /// Adds a member at the end of the join order; the first member sets the protocol type and
    /// becomes leader.
    pub(crate) fn add(&mut self, member: Member) {
        if self.members.is_empty() {
            self.protocol_type = Some(member.protocol_type.clone());
        }
        if self.leader.is_none() {
            self.leader = Some(member.member_id.clone());
        }
        if let Some(instance_id) = &member.group_instance_id {
            self.static_members.insert(instance_id.clone(), member.member_id.clone());
        }
        self.pending_members.remove(&member.member_id);
        self.members.push(member);
    }

    /// Removes a member; a removed leader is succeeded by the first remaining member.
    pub(crate) fn remove(&mut self, member_id: &MemberId) -> Option<Member> {
        let member = self.members.remove(self.index_of(member_id)?);
        if let Some(instance_id) = &member.group_instance_id
            && self.static_members.get(instance_id) == Some(member_id)
        {
            self.static_members.remove(instance_id);
        }
        self.pending_sync.remove(member_id);
        if self.is_leader(member_id) {
            self.leader = self.members.first().map(|m| m.member_id.clone());
        }
        Some(member)
    }

    /// Keeps the leader if it rejoined, else hands leadership to the first member that did.
    /// False when no member rejoined (or there are none).
    pub(crate) fn maybe_elect_new_joined_leader(&mut self) -> bool {
        let Some(leader) = self.leader.clone() else {
            return false;
        };
        if self.member(&leader).is_some_and(Member::is_awaiting_join) {
            return true;
        }
        match self.members.iter().find(|m| m.is_awaiting_join()) {
            Some(joined) => {
                self.leader = Some(joined.member_id.clone());
                true
            }
            None => false,
        }
    }

    /// Moves to `to`, logging the change. Only Kafka's legal transitions are made.
    pub(crate) fn transition(&mut self, cx: &mut Ctx, to: GroupState, reason: GroupStateReason) {
        debug_assert!(to.can_follow(self.state), "{} -> {to}", self.state);
        let from = self.state;
        self.state = to;
        cx.emit(Event::GroupStateChanged { group: self.group_id.clone(), from, to, reason });
    }
}
