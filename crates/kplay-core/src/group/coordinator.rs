//! [`GroupCoordinator`]: the public surface of the coordinator, dispatching each API to its
//! file and firing due timers before and after every call.
//!
//! Firing before a call makes a late call behave as if the driver had ticked on time; firing
//! after it runs zero-delay timers (an initial delay of 0, an empty group's rebalance timeout)
//! at once. Invariants: after any `&mut self` call returns, no live timer is due at its `now`;
//! a request whose answer became ready during its own call is answered `Reply::Now`, never
//! through `take_completed`.

#[cfg(feature = "admin-apis")]
use crate::api::{DescribedGroup, ListedGroup};
use crate::api::{
    HeartbeatRequest, HeartbeatResponse, JoinGroupRequest, JoinGroupResponse, LeaveGroupRequest,
    LeaveGroupResponse, OffsetCommitRequest, OffsetCommitResponse, OffsetFetchGroup,
    OffsetFetchGroupResponse, SyncGroupRequest, SyncGroupResponse,
};
use crate::config::GroupConfig;
use crate::error::ErrorCode;
use crate::event::{EventRecord, MemberRemovedReason};
use crate::ids::{ClientId, GroupId, Timestamp, TopicName, TopicPartition};
use crate::vec_map::VecMap;

use super::ctx::Ctx;
use super::state::Group;
use super::timers::{TimerKey, TimerKind};
use super::{GroupReply, Pending, Reply, heartbeat, join, leave, offsets, rebalance, sync};
#[cfg(feature = "admin-apis")]
use super::{GroupState, admin};

/// The group coordinator: every classic group this engine knows, with their timers.
#[derive(Clone, Debug)]
pub struct GroupCoordinator {
    groups: VecMap<GroupId, Group>,
    cx: Ctx,
    #[cfg(feature = "transactions")]
    txn_offsets: super::txn_offsets::PendingTxnOffsets,
}

impl GroupCoordinator {
    /// A coordinator with no groups; `seed` seeds the UUIDs in member ids.
    pub fn new(config: GroupConfig, seed: u64) -> Self {
        GroupCoordinator {
            groups: VecMap::new(),
            cx: Ctx::new(config, seed),
            #[cfg(feature = "transactions")]
            txn_offsets: VecMap::new(),
        }
    }

    /// JoinGroup. Parked until the join phase completes, unless answered at once.
    pub fn join_group(
        &mut self,
        now: Timestamp,
        pending: Pending,
        req: JoinGroupRequest,
    ) -> Reply<JoinGroupResponse> {
        self.begin(now);
        let answer = join::join_group(&mut self.groups, &mut self.cx, pending, &req);
        self.end();
        match answer {
            Some(answer) => Reply::Now(answer),
            None => match self.take_completed_for(pending, |r| matches!(r, GroupReply::Join(_))) {
                Some(GroupReply::Join(answer)) => Reply::Now(answer),
                _ => Reply::Parked,
            },
        }
    }

    /// SyncGroup. Parked until the leader's assignment arrives, unless answered at once.
    pub fn sync_group(
        &mut self,
        now: Timestamp,
        pending: Pending,
        req: SyncGroupRequest,
    ) -> Reply<SyncGroupResponse> {
        self.begin(now);
        let answer = sync::sync_group(&mut self.groups, &mut self.cx, pending, &req);
        self.end();
        match answer {
            Some(answer) => Reply::Now(answer),
            None => match self.take_completed_for(pending, |r| matches!(r, GroupReply::Sync(_))) {
                Some(GroupReply::Sync(answer)) => Reply::Now(answer),
                _ => Reply::Parked,
            },
        }
    }

    /// Heartbeat.
    pub fn heartbeat(&mut self, now: Timestamp, req: &HeartbeatRequest) -> HeartbeatResponse {
        self.begin(now);
        let answer = heartbeat::heartbeat(&mut self.groups, &mut self.cx, req);
        self.end();
        answer
    }

    /// LeaveGroup.
    pub fn leave_group(&mut self, now: Timestamp, req: &LeaveGroupRequest) -> LeaveGroupResponse {
        self.begin(now);
        let answer = leave::leave_group(&mut self.groups, &mut self.cx, req);
        self.end();
        answer
    }

    /// OffsetCommit; `partition_exists` says which partitions the cluster has.
    pub fn offset_commit(
        &mut self,
        now: Timestamp,
        req: &OffsetCommitRequest,
        partition_exists: &dyn Fn(&TopicPartition) -> bool,
    ) -> OffsetCommitResponse {
        self.begin(now);
        let answer = offsets::offset_commit(&mut self.groups, &mut self.cx, req, partition_exists);
        self.end();
        answer
    }

    /// OffsetDelete; `partition_exists` says which partitions the cluster has.
    #[cfg(feature = "admin-apis")]
    pub fn offset_delete(
        &mut self,
        now: Timestamp,
        req: &crate::api::OffsetDeleteRequest,
        partition_exists: &dyn Fn(&TopicPartition) -> bool,
    ) -> crate::api::OffsetDeleteResponse {
        self.begin(now);
        let answer = super::offset_delete::offset_delete(
            &mut self.groups,
            &mut self.cx,
            req,
            partition_exists,
        );
        self.end();
        answer
    }

    /// TxnOffsetCommit: offsets held until the producer's transaction ends.
    #[cfg(feature = "transactions")]
    pub fn txn_offset_commit(
        &mut self,
        now: Timestamp,
        req: &crate::api::TxnOffsetCommitRequest,
        partition_exists: &dyn Fn(&TopicPartition) -> bool,
    ) -> crate::api::TxnOffsetCommitResponse {
        self.begin(now);
        let answer = super::txn_offsets::txn_offset_commit(
            &mut self.groups,
            &mut self.txn_offsets,
            &mut self.cx,
            req,
            partition_exists,
        );
        self.end();
        answer
    }

    /// A transaction of `producer` that covered `group` ended: its offsets are committed or
    /// dropped.
    #[cfg(feature = "transactions")]
    pub fn complete_txn_offsets(
        &mut self,
        now: Timestamp,
        group: &GroupId,
        producer: crate::ids::ProducerId,
        commit: bool,
    ) {
        self.begin(now);
        let (groups, pending, cx) = (&mut self.groups, &mut self.txn_offsets, &mut self.cx);
        super::txn_offsets::complete(groups, pending, cx, group, producer, commit);
        self.end();
    }

    /// One group of an OffsetFetch.
    pub fn offset_fetch(
        &self,
        group: &OffsetFetchGroup,
        require_stable: bool,
    ) -> OffsetFetchGroupResponse {
        #[cfg_attr(not(feature = "transactions"), allow(unused_mut))]
        let mut answer = offsets::offset_fetch(&self.groups, group);
        #[cfg(feature = "transactions")]
        if require_stable {
            super::txn_offsets::mark_unstable(&self.txn_offsets, &mut answer);
        }
        #[cfg(not(feature = "transactions"))]
        let _ = require_stable;
        answer
    }

    /// One group of a DescribeGroups.
    #[cfg(feature = "admin-apis")]
    pub fn describe_group(&self, group_id: &GroupId) -> DescribedGroup {
        admin::describe_group(&self.groups, group_id)
    }

    /// ListGroups: the groups `coordinated_here` accepts, in the given states (all if empty).
    #[cfg(feature = "admin-apis")]
    pub fn list_groups(
        &self,
        states_filter: &[GroupState],
        coordinated_here: &dyn Fn(&GroupId) -> bool,
    ) -> Vec<ListedGroup> {
        admin::list_groups(&self.groups, states_filter, coordinated_here)
    }

    /// One group of a DeleteGroups: the error, if it was not deleted.
    #[cfg(feature = "admin-apis")]
    pub fn delete_group(&mut self, now: Timestamp, group_id: &GroupId) -> Option<ErrorCode> {
        self.begin(now);
        let answer = admin::delete_group(&mut self.groups, &mut self.cx, group_id);
        self.end();
        answer
    }

    /// Fires every timer due at `now`.
    pub fn tick(&mut self, now: Timestamp) {
        self.begin(now);
    }

    /// When the next timer that would change something is due, if any. Sessions of members kept
    /// alive by a parked join or sync are not worth waking up for.
    pub fn next_deadline(&self) -> Option<Timestamp> {
        self.cx.timers.first_live(|key, timer| {
            self.groups.get(&timer.group).is_some_and(|g| will_act(g, key, &timer.kind))
        })
    }

    /// Answers to parked requests that became ready, in the order they did.
    pub fn take_completed(&mut self) -> Vec<(Pending, GroupReply)> {
        std::mem::take(&mut self.cx.completed)
    }

    /// Events since the last call, in order, each with its time.
    pub fn take_events(&mut self) -> Vec<EventRecord> {
        std::mem::take(&mut self.cx.events)
    }

    /// The groups `moved` names now have another coordinator: their parked requests are answered
    /// NOT_COORDINATOR (clients find the new coordinator and retry), and every member's session
    /// restarts from `now`, as when a coordinator loads a group.
    pub fn coordinator_moved(&mut self, now: Timestamp, moved: &dyn Fn(&GroupId) -> bool) {
        self.begin(now);
        for g in self.groups.values_mut().filter(|g| moved(&g.group_id)) {
            for member in &mut g.members {
                let join =
                    JoinGroupResponse::error(ErrorCode::NotCoordinator, member.member_id.clone());
                self.cx.deliver(member.awaiting_join.take(), GroupReply::Join(join));
                let sync = SyncGroupResponse::error(ErrorCode::NotCoordinator);
                self.cx.deliver(member.awaiting_sync.take(), GroupReply::Sync(sync));
                member.is_new = false;
                self.cx.refresh_session(&g.group_id, member);
            }
        }
        self.end();
    }

    /// A topic was deleted: its committed offsets go with it.
    pub fn topic_deleted(&mut self, topic: &TopicName) {
        offsets::topic_deleted(&mut self.groups, topic);
    }

    /// A client disconnected: its parked requests will not be answered. Its members stay until
    /// their sessions expire, as in Kafka (a member whose join is parked still counts as joined).
    pub fn client_disconnected(&mut self, client: ClientId) {
        for member in self.groups.values_mut().flat_map(|g| g.members.iter_mut()) {
            for parked in
                [&mut member.awaiting_join, &mut member.awaiting_sync].into_iter().flatten()
            {
                if parked.to.is_some_and(|p| p.client == client) {
                    parked.to = None;
                }
            }
        }
        self.cx.completed.retain(|(pending, _)| pending.client != client);
    }

    /// Every group, by id.
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.groups.values()
    }

    /// One group.
    pub fn group(&self, group_id: &GroupId) -> Option<&Group> {
        self.groups.get(group_id)
    }

    /// The coordinator's settings.
    pub fn config(&self) -> &GroupConfig {
        &self.cx.config
    }

    fn begin(&mut self, now: Timestamp) {
        self.cx.now = now;
        self.fire_due();
    }

    fn end(&mut self) {
        self.fire_due();
    }

    /// Fires every timer due at the call's time, each at its own deadline (so events carry the
    /// time they would have had if the driver had ticked exactly then), in deadline order.
    fn fire_due(&mut self) {
        let call_now = self.cx.now;
        while let Some((key, timer)) = self.cx.timers.pop_due(call_now) {
            let Some(g) = self.groups.get_mut(&timer.group) else {
                continue;
            };
            if !is_owned(g, key, &timer.kind) {
                continue;
            }
            let cx = &mut self.cx;
            cx.now = key.0;
            match &timer.kind {
                TimerKind::Session(member) => rebalance::on_session_timer(g, cx, member),
                TimerKind::PendingMember(member) => {
                    let reason = MemberRemovedReason::PendingExpired;
                    rebalance::remove_pending_member(g, cx, member, reason);
                }
                TimerKind::Join => rebalance::on_join_timer(g, cx),
                TimerKind::Sync => rebalance::on_sync_timer(g, cx),
            }
        }
        self.cx.now = call_now;
    }

    fn take_completed_for(
        &mut self,
        pending: Pending,
        kind: impl Fn(&GroupReply) -> bool,
    ) -> Option<GroupReply> {
        let index = self.cx.completed.iter().position(|(p, r)| *p == pending && kind(r))?;
        Some(self.cx.completed.remove(index).1)
    }
}

/// Whether a timer is still the one its owner armed (stale timers do nothing when they fire).
fn is_owned(g: &Group, key: TimerKey, kind: &TimerKind) -> bool {
    match kind {
        TimerKind::Session(member) => {
            g.member(member).is_some_and(|m| m.session_timer == Some(key))
        }
        TimerKind::PendingMember(member) => g.pending_members.get(member) == Some(&key),
        TimerKind::Join => g.join_phase.is_some_and(|j| j.key == key),
        TimerKind::Sync => g.sync_timer == Some(key),
    }
}

/// Whether firing the timer would change anything: it is owned, and (for a session) the member
/// is not kept alive by a parked join or sync. Only these make a deadline worth waking up for.
fn will_act(g: &Group, key: TimerKey, kind: &TimerKind) -> bool {
    is_owned(g, key, kind)
        && match kind {
            TimerKind::Session(member) => {
                g.member(member).is_some_and(|m| !m.survives_session_expiry())
            }
            TimerKind::PendingMember(_) | TimerKind::Join | TimerKind::Sync => true,
        }
}
