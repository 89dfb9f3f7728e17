//! The consumer's side of the group protocol, as the Java client's `ConsumerCoordinator` plays it:
//! find the coordinator, (re)join when needed, compute the assignment when leading, sync,
//! heartbeat, and leave when closed or when the application stops polling for
//! `max.poll.interval.ms`.
//!
//! The rebalance protocol follows the assignors configured: cooperative only if every one of them
//! is cooperative (so Java's default `[range, cooperative-sticky]` rebalances eagerly). Eager
//! consumers commit (with auto commit) and give up every partition before rejoining; cooperative
//! ones keep theirs and give up only what the new assignment takes away, then rejoin once more.
//! As in Java, joining happens inside poll: a paused or busy application delays its rebalance.

use kplay_core::api::{
    CoordinatorType, FindCoordinatorRequest, HeartbeatRequest, JoinGroupProtocol, JoinGroupRequest,
    JoinGroupResponse, LeaveGroupRequest, LeavingMember, Response, SyncGroupAssignment,
    SyncGroupRequest,
};
use kplay_core::vec_map::{VecMap, VecSet};
use kplay_core::{
    BrokerId, ErrorCode, GenerationId, GroupId, MemberId, Timestamp, TopicName, TopicPartition,
};

use crate::action::{CommitMode, ConsumerSpec, Membership};
use crate::assignor::{MemberSubscription, RebalanceProtocol, assignor_by_name};
use crate::client::{ClientEvent, Io, Reply};
use crate::consumer_protocol::{Assignment, Subscription};

use super::{Consumer, Pending, Position};

/// Where a member is in the group protocol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupPhase {
    /// Not in the group; will join at the next poll.
    Unjoined,
    /// Committing before giving up its partitions (eager rebalance).
    CommittingBeforeJoin,
    /// JoinGroup sent.
    Joining,
    /// SyncGroup sent.
    Syncing,
    /// In the group with an assignment; heartbeating.
    Stable,
    /// Out for good (fenced, or the group refused it), with why.
    Failed(String),
}

/// A consumer's group membership (or, for a standalone consumer with a `group.id`, just its
/// coordinator for commits).
#[derive(Clone, Debug)]
pub struct GroupMember {
    /// The group.
    pub group_id: GroupId,
    /// `group.instance.id`.
    pub instance_id: Option<String>,
    /// Its coordinator, once found.
    pub coordinator: Option<BrokerId>,
    /// Its member id.
    pub member_id: MemberId,
    /// Its generation.
    pub generation: GenerationId,
    /// The group's assignor this generation.
    pub protocol: Option<String>,
    /// Whether it leads this generation.
    pub leader: bool,
    /// Where it is.
    pub phase: GroupPhase,
    /// Why it is rejoining.
    pub(crate) rejoin_reason: String,
    last_heartbeat: Option<Timestamp>,
    coordinator_retry_at: Option<Timestamp>,
    subscribing: bool,
    /// As leader: the partition counts the assignment was computed from. When metadata shows
    /// different counts, the leader rejoins (Java's metadata snapshot check).
    assignment_snapshot: Option<VecMap<TopicName, i32>>,
}

/// `retry.backoff.ms`.
const RETRY_BACKOFF_MS: i64 = 100;

impl GroupMember {
    pub(crate) fn new(group_id: GroupId, instance_id: Option<String>) -> Self {
        GroupMember {
            group_id,
            instance_id,
            coordinator: None,
            member_id: MemberId::unknown(),
            generation: GenerationId::NONE,
            protocol: None,
            leader: false,
            phase: GroupPhase::Unjoined,
            rejoin_reason: "the consumer started".into(),
            last_heartbeat: None,
            coordinator_retry_at: None,
            subscribing: true,
            assignment_snapshot: None,
        }
    }

    pub(crate) fn standalone(group_id: GroupId) -> Self {
        GroupMember { subscribing: false, ..GroupMember::new(group_id, None) }
    }

    pub(crate) fn next_wake(&self, spec: &ConsumerSpec) -> Option<Timestamp> {
        let heartbeat = (self.phase == GroupPhase::Stable)
            .then(|| self.last_heartbeat.map(|t| t.plus_ms(spec.heartbeat_interval_ms)))
            .flatten();
        crate::client::earliest([heartbeat, self.coordinator_retry_at])
    }

    fn lost(&mut self, reset_member: bool) {
        if reset_member {
            self.member_id = MemberId::unknown();
        }
        self.generation = GenerationId::NONE;
        self.leader = false;
        self.phase = GroupPhase::Unjoined;
    }
}

fn rebalance_protocol(spec: &ConsumerSpec) -> RebalanceProtocol {
    let Membership::Group { assignors, .. } = &spec.membership else {
        return RebalanceProtocol::Eager;
    };
    let all_cooperative = !assignors.is_empty()
        && assignors.iter().all(|a| {
            assignor_by_name(a).is_some_and(|a| a.protocol() == RebalanceProtocol::Cooperative)
        });
    if all_cooperative { RebalanceProtocol::Cooperative } else { RebalanceProtocol::Eager }
}

impl Consumer {
    /// Whether the application is in poll (not paused, not busy, not waiting on commitSync).
    pub(super) fn app_polling(&self) -> bool {
        !self.paused && self.busy_until.is_none() && !self.commit_blocking
    }

    /// Moves the group protocol along.
    pub(super) fn run_group(&mut self, io: &mut Io<'_>) {
        if self.group.is_none() {
            if let Some(group) = self.group_id() {
                self.group = Some(GroupMember::standalone(group));
            } else {
                return;
            }
        }
        let polling = self.app_polling();
        let Some(g) = self.group.as_mut() else { return };
        if matches!(g.phase, GroupPhase::Failed(_)) {
            return;
        }
        if g.coordinator.is_none() {
            let waiting = g.coordinator_retry_at.is_some_and(|t| t > io.now);
            if !waiting
                && !self.requests.any(|p| matches!(p, Pending::FindCoordinator))
                && let Some(broker) = self.meta.pick_broker(io.bootstrap)
            {
                let request = FindCoordinatorRequest {
                    key_type: CoordinatorType::Group,
                    keys: vec![g.group_id.as_str().to_owned()],
                };
                g.coordinator_retry_at = Some(io.now.plus_ms(RETRY_BACKOFF_MS));
                self.requests.send(io, broker, request.into(), Pending::FindCoordinator);
            }
            return;
        }
        if !g.subscribing {
            return;
        }
        match g.phase {
            GroupPhase::Unjoined if polling => self.prepare_join(io),
            GroupPhase::Stable => self.heartbeat_if_due(io),
            _ => {}
        }
    }

    /// Before (re)joining: an eager member commits and gives up all its partitions.
    fn prepare_join(&mut self, io: &mut Io<'_>) {
        if self.meta.refreshed_at.is_none() {
            // As Java: no join before the first metadata, so a leader knows the partitions.
            self.meta.stale = true;
            return;
        }
        let eager = rebalance_protocol(&self.spec) == RebalanceProtocol::Eager;
        if eager && !self.assigned.is_empty() {
            if matches!(self.spec.commit, CommitMode::Auto { .. }) && self.commit(io, true) {
                if let Some(g) = self.group.as_mut() {
                    g.phase = GroupPhase::CommittingBeforeJoin;
                }
                return;
            }
            self.revoke_all(io);
        }
        self.send_join(io);
    }

    pub(super) fn revoke_all(&mut self, io: &mut Io<'_>) {
        let revoked: Vec<TopicPartition> = self.assigned.iter().cloned().collect();
        let generation = self.group.as_ref().map_or(GenerationId::NONE, |g| g.generation);
        self.drop_partitions(&revoked);
        if !revoked.is_empty() {
            io.event(ClientEvent::AssignmentChanged {
                generation,
                owned: Vec::new(),
                added: Vec::new(),
                revoked,
            });
        }
    }

    fn drop_partitions(&mut self, partitions: &[TopicPartition]) {
        for tp in partitions {
            self.assigned.remove(tp);
            self.positions.remove(tp);
            self.buffer.remove(tp);
            self.consumed.remove(tp);
        }
    }

    fn send_join(&mut self, io: &mut Io<'_>) {
        let Membership::Group { topics, assignors, .. } = &self.spec.membership else { return };
        let Some(g) = self.group.as_mut() else { return };
        let Some(coordinator) = g.coordinator else { return };
        let owned: Vec<TopicPartition> = self.assigned.iter().cloned().collect();
        let protocols = assignors
            .iter()
            .filter_map(|name| assignor_by_name(name))
            .map(|assignor| {
                let subscription = Subscription {
                    topics: topics.iter().map(|t| t.as_str().into()).collect(),
                    user_data: assignor.subscription_user_data(&owned, g.generation),
                    owned_partitions: owned.clone(),
                    generation_id: g.generation,
                    rack_id: None,
                };
                let metadata = subscription.encode(3).unwrap_or_default();
                JoinGroupProtocol { name: assignor.name().to_owned(), metadata }
            })
            .collect();
        let request = JoinGroupRequest {
            group_id: g.group_id.clone(),
            session_timeout_ms: self.spec.session_timeout_ms,
            rebalance_timeout_ms: self.spec.max_poll_interval_ms,
            member_id: g.member_id.clone(),
            group_instance_id: g.instance_id.clone(),
            protocol_type: "consumer".into(),
            protocols,
            require_known_member_id: true,
            client_id: self.spec.client_id.clone(),
            client_host: "/127.0.0.1".into(),
            reason: Some(g.rejoin_reason.clone()),
        };
        io.event(ClientEvent::Joining {
            group: g.group_id.clone(),
            reason: g.rejoin_reason.clone(),
        });
        g.phase = GroupPhase::Joining;
        self.requests.send(io, coordinator, request.into(), Pending::JoinGroup);
    }

    fn heartbeat_if_due(&mut self, io: &mut Io<'_>) {
        let Some(g) = self.group.as_mut() else { return };
        let due =
            g.last_heartbeat.is_none_or(|t| io.now.ms_since(t) >= self.spec.heartbeat_interval_ms);
        let (Some(coordinator), true) = (g.coordinator, due) else { return };
        if self.requests.any(|p| matches!(p, Pending::Heartbeat)) {
            return;
        }
        g.last_heartbeat = Some(io.now);
        let request = HeartbeatRequest {
            group_id: g.group_id.clone(),
            generation_id: g.generation,
            member_id: g.member_id.clone(),
            group_instance_id: g.instance_id.clone(),
        };
        self.requests.send(io, coordinator, request.into(), Pending::Heartbeat);
    }

    /// Java's poll-timeout leave: the application has not polled for `max.poll.interval.ms`.
    pub(super) fn check_poll_interval(&mut self, io: &mut Io<'_>) {
        let stuck = self.paused || self.busy_until.is_some();
        let in_group =
            self.group.as_ref().is_some_and(|g| g.subscribing && g.phase == GroupPhase::Stable);
        if stuck
            && in_group
            && io.now.ms_since(self.last_poll) > i64::from(self.spec.max_poll_interval_ms)
        {
            self.leave_group(io, "max.poll.interval.ms passed without a poll");
            let lost: Vec<TopicPartition> = self.assigned.iter().cloned().collect();
            self.drop_partitions(&lost);
        }
    }

    /// Sends LeaveGroup (dynamic members only, as in Java) and forgets the membership.
    pub(super) fn leave_group(&mut self, io: &mut Io<'_>, reason: &str) {
        let Some(g) = self.group.as_mut().filter(|g| g.subscribing) else { return };
        if let (Some(coordinator), false, None) =
            (g.coordinator, g.member_id.is_unknown(), &g.instance_id)
        {
            let member = LeavingMember {
                member_id: g.member_id.clone(),
                group_instance_id: None,
                reason: Some(reason.into()),
            };
            let request = LeaveGroupRequest { group_id: g.group_id.clone(), members: vec![member] };
            self.requests.send(io, coordinator, request.into(), Pending::LeaveGroup);
        }
        io.event(ClientEvent::LeftGroup { group: g.group_id.clone(), reason: reason.into() });
        g.rejoin_reason = "it rejoins after leaving".into();
        let dynamic = g.instance_id.is_none();
        g.lost(dynamic);
    }

    /// The coordinator is gone or moved: look for it again.
    pub(super) fn coordinator_lost(&mut self) {
        if let Some(g) = self.group.as_mut() {
            g.coordinator = None;
            if matches!(
                g.phase,
                GroupPhase::Joining | GroupPhase::Syncing | GroupPhase::CommittingBeforeJoin
            ) {
                g.phase = GroupPhase::Unjoined;
            }
        }
    }

    pub(super) fn on_find_coordinator(&mut self, io: &mut Io<'_>, reply: Reply) {
        let Some(g) = self.group.as_mut() else { return };
        if let Reply::Response(Response::FindCoordinator(r)) = reply
            && let Some(c) = r.coordinators.first().filter(|c| c.error.is_none())
        {
            g.coordinator = Some(c.node_id);
            g.coordinator_retry_at = None;
            io.event(ClientEvent::CoordinatorFound {
                group: g.group_id.clone(),
                broker: c.node_id,
            });
            return;
        }
        self.meta.rotate();
    }

    pub(super) fn on_join(&mut self, io: &mut Io<'_>, reply: Reply) {
        let r = match reply {
            Reply::Response(Response::JoinGroup(r)) => r,
            _ => return self.coordinator_lost(),
        };
        let Some(g) = self.group.as_mut() else { return };
        match r.error {
            None => {}
            Some(ErrorCode::MemberIdRequired) => {
                g.member_id = r.member_id;
                return self.send_join(io);
            }
            Some(ErrorCode::UnknownMemberId) => return g.lost(true),
            Some(ErrorCode::IllegalGeneration | ErrorCode::RebalanceInProgress) => {
                return g.lost(false);
            }
            Some(
                ErrorCode::NotCoordinator
                | ErrorCode::CoordinatorNotAvailable
                | ErrorCode::CoordinatorLoadInProgress,
            ) => {
                return self.coordinator_lost();
            }
            Some(other) => {
                g.phase = GroupPhase::Failed(other.name().to_owned());
                io.event(ClientEvent::LeftGroup {
                    group: g.group_id.clone(),
                    reason: other.name().to_owned(),
                });
                return;
            }
        }
        g.member_id = r.member_id.clone();
        g.generation = r.generation_id;
        g.protocol = r.protocol_name.clone();
        g.leader = r.leader == r.member_id;
        g.phase = GroupPhase::Syncing;
        let protocol = r.protocol_name.clone().unwrap_or_default();
        io.event(ClientEvent::Joined {
            group: g.group_id.clone(),
            generation: g.generation,
            member: g.member_id.clone(),
            leader: g.leader,
            protocol: protocol.clone(),
        });
        let assignments =
            if g.leader && !r.skip_assignment { self.lead(io, &r, &protocol) } else { Vec::new() };
        let Some(g) = self.group.as_mut() else { return };
        let Some(coordinator) = g.coordinator else { return };
        let request = SyncGroupRequest {
            group_id: g.group_id.clone(),
            generation_id: g.generation,
            member_id: g.member_id.clone(),
            group_instance_id: g.instance_id.clone(),
            protocol_type: Some("consumer".into()),
            protocol_name: r.protocol_name.clone(),
            assignments,
        };
        self.requests.send(io, coordinator, request.into(), Pending::SyncGroup);
    }

    /// The leader's job: decode every member's subscription and run the chosen assignor.
    fn lead(
        &mut self,
        io: &mut Io<'_>,
        r: &JoinGroupResponse,
        protocol: &str,
    ) -> Vec<SyncGroupAssignment> {
        let Some(assignor) = assignor_by_name(protocol) else { return Vec::new() };
        let mut members = VecMap::new();
        let mut topics = VecSet::new();
        for m in &r.members {
            let Ok(subscription) = Subscription::decode(&m.metadata) else { continue };
            topics.extend(subscription.topics.iter().cloned());
            members.insert(
                m.member_id.clone(),
                MemberSubscription { subscription, group_instance_id: m.group_instance_id.clone() },
            );
        }
        let partitions: VecMap<TopicName, i32> = topics
            .into_iter()
            .filter_map(|t| {
                let name = t;
                self.meta.partition_count(&name).map(|n| (name, n))
            })
            .collect();
        let assignment = assignor.assign(&partitions, &members);
        if let Some(g) = self.group.as_mut() {
            g.assignment_snapshot = Some(partitions.clone());
        }
        let generation = self.group.as_ref().map_or(GenerationId::NONE, |g| g.generation);
        io.event(ClientEvent::AssignmentComputed {
            group: self
                .group
                .as_ref()
                .map(|g| g.group_id.clone())
                .unwrap_or_else(|| GroupId::from("")),
            generation,
            assignor: protocol.to_owned(),
            assignment: assignment.iter().map(|(m, p)| (m.clone(), p.clone())).collect(),
        });
        members
            .keys()
            .map(|member| {
                let partitions = assignment.get(member).cloned().unwrap_or_default();
                let bytes =
                    Assignment { partitions, user_data: None }.encode(3).unwrap_or_default();
                SyncGroupAssignment { member_id: member.clone(), assignment: bytes }
            })
            .collect()
    }

    pub(super) fn on_sync(&mut self, io: &mut Io<'_>, reply: Reply) {
        let r = match reply {
            Reply::Response(Response::SyncGroup(r)) => r,
            _ => return self.coordinator_lost(),
        };
        let Some(g) = self.group.as_mut() else { return };
        match r.error {
            None => {}
            Some(ErrorCode::UnknownMemberId) => return g.lost(true),
            Some(ErrorCode::NotCoordinator | ErrorCode::CoordinatorNotAvailable) => {
                return self.coordinator_lost();
            }
            Some(ErrorCode::FencedInstanceId) => {
                g.phase = GroupPhase::Failed("FENCED_INSTANCE_ID".into());
                return;
            }
            Some(_) => return g.lost(false),
        }
        let new: VecSet<TopicPartition> = match Assignment::decode(&r.assignment) {
            Ok(a) => a.partitions.into_iter().collect(),
            Err(_) => VecSet::new(),
        };
        g.phase = GroupPhase::Stable;
        g.last_heartbeat = Some(io.now);
        let generation = g.generation;
        let revoked: Vec<TopicPartition> = self.assigned.difference(&new).cloned().collect();
        let added: Vec<TopicPartition> = new.difference(&self.assigned).cloned().collect();
        if !revoked.is_empty() && matches!(self.spec.commit, CommitMode::Auto { .. }) {
            self.commit(io, false);
        }
        self.drop_partitions(&revoked);
        for tp in &added {
            self.positions.insert(tp.clone(), Position::LookingUpCommitted);
        }
        self.assigned = new;
        io.event(ClientEvent::AssignmentChanged {
            generation,
            owned: self.assigned.iter().cloned().collect(),
            added,
            revoked: revoked.clone(),
        });
        if !revoked.is_empty() {
            // Cooperative: what was given up can now be assigned elsewhere in a second round.
            if let Some(g) = self.group.as_mut() {
                g.rejoin_reason = "it gave up partitions; a second round assigns them".into();
                g.phase = GroupPhase::Unjoined;
            }
        }
    }

    /// After a metadata update: a leader whose assignment used other partition counts rejoins,
    /// so new (or vanished) partitions get assigned.
    pub(super) fn check_metadata_snapshot(&mut self) {
        let Some(g) = self.group.as_mut() else { return };
        let (true, GroupPhase::Stable, Some(snapshot)) =
            (g.leader, &g.phase, &g.assignment_snapshot)
        else {
            return;
        };
        let topics: VecSet<TopicName> = match &self.spec.membership {
            Membership::Group { topics, .. } => topics.iter().map(|t| t.as_str().into()).collect(),
            Membership::Standalone { .. } => return,
        };
        let changed =
            topics.iter().any(|t| snapshot.get(t).copied() != self.meta.partition_count(t))
                || snapshot.keys().any(|t| {
                    !topics.contains(t) && snapshot.get(t).copied() != self.meta.partition_count(t)
                });
        if changed {
            g.rejoin_reason = "the leader saw the subscribed topics' partitions change".into();
            g.phase = GroupPhase::Unjoined;
            g.assignment_snapshot = None;
        }
    }

    pub(super) fn on_heartbeat(&mut self, reply: Reply) {
        let Some(g) = self.group.as_mut() else { return };
        let error = match reply {
            Reply::Response(Response::Heartbeat(r)) => r.error,
            _ => return self.coordinator_lost(),
        };
        match error {
            None => {}
            Some(ErrorCode::RebalanceInProgress) if g.phase == GroupPhase::Stable => {
                g.rejoin_reason = "the coordinator started a rebalance".into();
                g.phase = GroupPhase::Unjoined;
            }
            Some(ErrorCode::UnknownMemberId) => {
                g.rejoin_reason = "the coordinator no longer knows it (session timed out)".into();
                g.lost(true);
                let lost: Vec<TopicPartition> = self.assigned.iter().cloned().collect();
                self.drop_partitions(&lost);
            }
            Some(ErrorCode::IllegalGeneration) => {
                g.rejoin_reason = "its generation is over".into();
                g.lost(false);
                let lost: Vec<TopicPartition> = self.assigned.iter().cloned().collect();
                self.drop_partitions(&lost);
            }
            Some(ErrorCode::FencedInstanceId) => {
                g.phase = GroupPhase::Failed("FENCED_INSTANCE_ID".into())
            }
            Some(ErrorCode::NotCoordinator | ErrorCode::CoordinatorNotAvailable) => {
                self.coordinator_lost()
            }
            Some(_) => {}
        }
    }
}
