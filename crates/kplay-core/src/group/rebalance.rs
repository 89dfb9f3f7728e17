//! The rebalance state machine shared by every API: starting a rebalance, completing the join
//! phase, propagating (or cancelling) assignments, and removing members.
//!
//! Mirrors Kafka's `GroupCoordinator.prepareRebalance`, `onCompleteJoin`, `InitialDelayedJoin`,
//! `onExpirePendingSync` and `removeMemberAndUpdateGroup`. Invariants: a group in
//! `PreparingRebalance` always has an armed join phase; a group in `CompletingRebalance` or
//! `Stable` that still waits for SyncGroups has an armed pending-sync timer; every parked request
//! is answered (or dropped with its client) before its member leaves the group.

use bytes::Bytes;

use crate::api::{JoinGroupResponse, SyncGroupResponse};
use crate::error::ErrorCode;
use crate::event::{Event, GroupStateReason, MemberRemovedReason, RebalanceReason};
use crate::ids::MemberId;

use super::GroupReply;
use super::GroupState;
use super::ctx::Ctx;
use super::state::{Group, InitialDelay, JoinPhase};
use super::timers::{Timer, TimerKind};

/// Starts a rebalance if the group's state allows one (Kafka's `maybePrepareRebalance`).
pub(crate) fn maybe_prepare_rebalance(g: &mut Group, cx: &mut Ctx, reason: RebalanceReason) {
    if g.can_rebalance() {
        prepare_rebalance(g, cx, reason);
    }
}

/// Moves the group to `PreparingRebalance`: parked syncs are told to rejoin, the pending-sync
/// timer is dropped, and the join phase is armed (the initial delay for an empty group, the
/// rebalance timeout otherwise).
pub(crate) fn prepare_rebalance(g: &mut Group, cx: &mut Ctx, reason: RebalanceReason) {
    if g.state == GroupState::CompletingRebalance {
        reset_and_propagate_assignment_error(g, cx, ErrorCode::RebalanceInProgress);
    }
    clear_pending_sync(g, cx);
    let rebalance_timeout_ms = g.rebalance_timeout_ms();
    let from_empty = g.state == GroupState::Empty;
    cx.emit(Event::RebalanceStarted { group: g.group_id.clone(), reason: reason.clone() });
    g.transition(cx, GroupState::PreparingRebalance, GroupStateReason::Rebalance(reason));
    if from_empty {
        let delay_ms = cx.config.initial_rebalance_delay_ms.max(0);
        let remaining_ms = (rebalance_timeout_ms - delay_ms).max(0);
        arm_join_phase(g, cx, delay_ms, Some(InitialDelay { delay_ms, remaining_ms }));
    } else {
        arm_join_phase(g, cx, rebalance_timeout_ms, None);
        try_complete_join(g, cx);
    }
}

fn arm_join_phase(g: &mut Group, cx: &mut Ctx, delay_ms: i64, initial: Option<InitialDelay>) {
    cx.timers.cancel(g.join_phase.take().map(|j| j.key));
    let timer = Timer { group: g.group_id.clone(), kind: TimerKind::Join };
    let key = cx.timers.schedule(cx.now.plus_ms(delay_ms), timer);
    g.join_phase = Some(JoinPhase { key, initial });
}

fn clear_pending_sync(g: &mut Group, cx: &mut Ctx) {
    g.pending_sync.clear();
    cx.timers.cancel(g.sync_timer.take());
}

/// Completes the join phase early if every member has rejoined. The initial delay never
/// completes early: it exists to wait for more members.
pub(crate) fn try_complete_join(g: &mut Group, cx: &mut Ctx) {
    let waiting_for_initial_delay = g.join_phase.is_some_and(|j| j.initial.is_some());
    if g.state == GroupState::PreparingRebalance
        && !waiting_for_initial_delay
        && g.has_all_members_joined()
    {
        complete_join(g, cx, GroupStateReason::AllMembersJoined);
    }
}

/// The join-phase timer fired: extend the initial delay if members keep arriving (capped by
/// the rebalance timeout), else complete the join phase with whoever rejoined.
pub(crate) fn on_join_timer(g: &mut Group, cx: &mut Ctx) {
    let Some(phase) = g.join_phase.take() else {
        return;
    };
    if let Some(step) = phase.initial
        && g.new_member_added
        && step.remaining_ms != 0
    {
        g.new_member_added = false;
        let delay_ms = cx.config.initial_rebalance_delay_ms.max(0).min(step.remaining_ms);
        let remaining_ms = (step.remaining_ms - step.delay_ms).max(0);
        arm_join_phase(g, cx, delay_ms, Some(InitialDelay { delay_ms, remaining_ms }));
        return;
    }
    let why = match phase.initial {
        Some(_) => GroupStateReason::InitialDelayPassed {
            delay_ms: cx.config.initial_rebalance_delay_ms.max(0),
        },
        None => GroupStateReason::RebalanceTimeout { timeout_ms: g.rebalance_timeout_ms() },
    };
    complete_join(g, cx, why);
}

/// Ends the join phase (Kafka's `onCompleteJoin`): dynamic members that did not rejoin are
/// removed, a leader is settled, the generation is bumped, the protocol chosen, and every parked
/// join answered. Static members that did not rejoin stay (their session decides). `why` is
/// what ended the join phase.
pub(crate) fn complete_join(g: &mut Group, cx: &mut Ctx, why: GroupStateReason) {
    cx.timers.cancel(g.join_phase.take().map(|j| j.key));
    let missing: Vec<MemberId> = g
        .members
        .iter()
        .filter(|m| !m.is_awaiting_join() && m.group_instance_id.is_none())
        .map(|m| m.member_id.clone())
        .collect();
    for member_id in missing {
        drop_member(g, cx, &member_id, MemberRemovedReason::RebalanceTimeout);
    }
    if g.state == GroupState::Dead {
        return;
    }
    if !g.maybe_elect_new_joined_leader() && !g.members.is_empty() {
        // Only static members that have not rejoined are left: wait another rebalance timeout.
        let timeout_ms = g.rebalance_timeout_ms();
        arm_join_phase(g, cx, timeout_ms, None);
        return;
    }
    g.generation.0 = g.generation.0.saturating_add(1);
    g.new_member_added = false;
    clear_pending_sync(g, cx);
    if g.members.is_empty() {
        g.protocol_name = None;
        g.transition(cx, GroupState::Empty, GroupStateReason::NoMembersLeft);
    } else {
        g.protocol_name = g.select_protocol();
        g.transition(cx, GroupState::CompletingRebalance, why);
    }
    cx.emit(Event::GenerationStarted {
        group: g.group_id.clone(),
        generation: g.generation,
        protocol: g.protocol_name.clone(),
        leader: g.leader.clone(),
        members: g.members.iter().map(|m| m.member_id.clone()).collect(),
    });
    if g.members.is_empty() {
        return;
    }
    for i in 0..g.members.len() {
        let member_id = g.members[i].member_id.clone();
        let response = join_response(g, &member_id, false);
        let member = &mut g.members[i];
        let parked = member.awaiting_join.take();
        member.is_new = false;
        cx.refresh_session(&g.group_id, member);
        cx.deliver(parked, GroupReply::Join(response));
        g.pending_sync.insert(member_id);
    }
    let timer = Timer { group: g.group_id.clone(), kind: TimerKind::Sync };
    let at = cx.now.plus_ms(g.rebalance_timeout_ms());
    g.sync_timer = Some(cx.timers.schedule(at, timer));
}

/// The current generation as `member_id` sees it: the leader also gets every member's metadata.
pub(crate) fn join_response(
    g: &Group,
    member_id: &MemberId,
    skip_assignment: bool,
) -> JoinGroupResponse {
    let is_leader = g.is_leader(member_id);
    JoinGroupResponse {
        error: None,
        generation_id: g.generation,
        protocol_type: g.protocol_type.clone(),
        protocol_name: g.protocol_name.clone(),
        leader: g.leader.clone().unwrap_or_else(MemberId::unknown),
        skip_assignment: skip_assignment && is_leader,
        member_id: member_id.clone(),
        members: if is_leader { g.current_member_metadata() } else { Vec::new() },
    }
}

/// Gives every member its assignment from the leader's SyncGroup, answers parked syncs, and
/// moves the group to `Stable`.
pub(crate) fn set_and_propagate_assignment(g: &mut Group, cx: &mut Ctx) {
    for member in &mut g.members {
        let Some(parked) = member.awaiting_sync.take() else {
            continue;
        };
        cx.emit(Event::AssignmentReceived {
            group: g.group_id.clone(),
            generation: g.generation,
            member: member.member_id.clone(),
            assignment: member.assignment.clone(),
        });
        let response = SyncGroupResponse {
            error: None,
            protocol_type: g.protocol_type.clone(),
            protocol_name: g.protocol_name.clone(),
            assignment: member.assignment.clone(),
        };
        cx.refresh_session(&g.group_id, member);
        cx.deliver(Some(parked), GroupReply::Sync(response));
    }
    g.transition(cx, GroupState::Stable, GroupStateReason::AssignmentSynced);
}

/// Clears every assignment and answers parked syncs with `error` (a rebalance interrupted the
/// sync phase).
fn reset_and_propagate_assignment_error(g: &mut Group, cx: &mut Ctx, error: ErrorCode) {
    for member in &mut g.members {
        member.assignment = Bytes::new();
        if let Some(parked) = member.awaiting_sync.take() {
            cx.refresh_session(&g.group_id, member);
            cx.deliver(Some(parked), GroupReply::Sync(SyncGroupResponse::error(error)));
        }
    }
}

/// Removes a member without starting a rebalance: parked requests are answered
/// UNKNOWN_MEMBER_ID, its session timer is disarmed, and the removal is logged.
pub(crate) fn drop_member(
    g: &mut Group,
    cx: &mut Ctx,
    member_id: &MemberId,
    reason: MemberRemovedReason,
) {
    let Some(mut member) = g.remove(member_id) else {
        return;
    };
    let join = JoinGroupResponse::error(ErrorCode::UnknownMemberId, MemberId::unknown());
    cx.deliver(member.awaiting_join.take(), GroupReply::Join(join));
    let sync = SyncGroupResponse::error(ErrorCode::UnknownMemberId);
    cx.deliver(member.awaiting_sync.take(), GroupReply::Sync(sync));
    cx.timers.cancel(member.session_timer.take());
    cx.emit(Event::MemberRemoved { group: g.group_id.clone(), member: member_id.clone(), reason });
}

/// Removes a member and lets the group react: a rebalance from `Stable` or
/// `CompletingRebalance`, an attempt to finish the join phase from `PreparingRebalance`.
pub(crate) fn remove_member_and_update_group(
    g: &mut Group,
    cx: &mut Ctx,
    member_id: &MemberId,
    reason: MemberRemovedReason,
) {
    drop_member(g, cx, member_id, reason);
    match g.state {
        GroupState::Stable | GroupState::CompletingRebalance => {
            let why = RebalanceReason::MemberRemoved(member_id.clone());
            maybe_prepare_rebalance(g, cx, why);
        }
        GroupState::PreparingRebalance => try_complete_join(g, cx),
        GroupState::Empty | GroupState::Dead => {}
    }
}

/// Forgets a pending member (one answered MEMBER_ID_REQUIRED) and lets a waiting join phase
/// finish without it.
pub(crate) fn remove_pending_member(
    g: &mut Group,
    cx: &mut Ctx,
    member_id: &MemberId,
    reason: MemberRemovedReason,
) {
    let Some(key) = g.pending_members.remove(member_id) else {
        return;
    };
    cx.timers.cancel(Some(key));
    cx.emit(Event::MemberRemoved { group: g.group_id.clone(), member: member_id.clone(), reason });
    if g.state == GroupState::PreparingRebalance {
        try_complete_join(g, cx);
    }
}

/// A member's session timer fired: the member is removed unless a parked join or sync keeps it
/// alive.
pub(crate) fn on_session_timer(g: &mut Group, cx: &mut Ctx, member_id: &MemberId) {
    let Some(member) = g.member_mut(member_id) else {
        return;
    };
    member.session_timer = None;
    if !member.survives_session_expiry() {
        remove_member_and_update_group(g, cx, member_id, MemberRemovedReason::SessionTimeout);
    }
}

/// The pending-sync timer fired: members of this generation that never sent SyncGroup are
/// removed and the group rebalances (Kafka's `onExpirePendingSync`).
pub(crate) fn on_sync_timer(g: &mut Group, cx: &mut Ctx) {
    g.sync_timer = None;
    if !matches!(g.state, GroupState::CompletingRebalance | GroupState::Stable)
        || g.pending_sync.is_empty()
    {
        return;
    }
    let pending = std::mem::take(&mut g.pending_sync);
    let missing: Vec<MemberId> =
        g.members.iter().map(|m| m.member_id.clone()).filter(|id| pending.contains(id)).collect();
    let Some(first) = missing.first().cloned() else {
        return;
    };
    for member_id in &missing {
        drop_member(g, cx, member_id, MemberRemovedReason::SyncTimeout);
    }
    prepare_rebalance(g, cx, RebalanceReason::MemberRemoved(first));
}
