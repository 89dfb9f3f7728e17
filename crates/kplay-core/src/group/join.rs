//! JoinGroup: new dynamic members, static members (including a restarted instance taking over
//! its old member id), and known members rejoining, as Kafka's `handleJoinGroup` treats them.
//!
//! Returns `Some(response)` when the answer is known at once and `None` when the join is parked
//! on its member (answered when the join phase completes). Invariants: a rejected join never
//! leaves a group behind that it created; a member's parked join is replaced only after the old
//! one has been answered.

use crate::api::{JoinGroupRequest, JoinGroupResponse};
use crate::error::ErrorCode;
use crate::event::{Event, MemberRemovedReason, RebalanceReason};
use crate::ids::{GenerationId, GroupId, MemberId};
use crate::vec_map::VecMap;

use super::ctx::{Ctx, NEW_MEMBER_JOIN_TIMEOUT_MS};
use super::member::{Member, Parked};
use super::rebalance::{
    drop_member, join_response, maybe_prepare_rebalance, prepare_rebalance, try_complete_join,
};
use super::state::Group;
use super::timers::{Timer, TimerKind};
use super::{GroupReply, GroupState, Pending};

/// Handles a JoinGroup.
pub(crate) fn join_group(
    groups: &mut VecMap<GroupId, Group>,
    cx: &mut Ctx,
    pending: Pending,
    req: &JoinGroupRequest,
) -> Option<JoinGroupResponse> {
    let error = |code| Some(JoinGroupResponse::error(code, req.member_id.clone()));
    if req.group_id.as_str().is_empty() {
        return error(ErrorCode::InvalidGroupId);
    }
    if req.session_timeout_ms < cx.config.min_session_timeout_ms
        || req.session_timeout_ms > cx.config.max_session_timeout_ms
    {
        return error(ErrorCode::InvalidSessionTimeout);
    }
    let is_unknown_member = req.member_id.is_unknown();
    let created = !groups.contains_key(&req.group_id);
    if created {
        if !is_unknown_member {
            return error(ErrorCode::UnknownMemberId);
        }
        groups.insert(req.group_id.clone(), Group::new(req.group_id.clone()));
    }
    let Some(g) = groups.get_mut(&req.group_id) else {
        return error(ErrorCode::CoordinatorNotAvailable);
    };
    let response = if !accept_joining_member(g, cx, &req.member_id) {
        if g.has(&req.member_id) {
            drop_member(g, cx, &req.member_id, MemberRemovedReason::GroupMaxSizeReached);
        }
        Some(JoinGroupResponse::error(ErrorCode::GroupMaxSizeReached, MemberId::unknown()))
    } else if is_unknown_member {
        new_member_join(g, cx, pending, req)
    } else {
        current_member_join(g, cx, pending, req)
    };
    if g.state == GroupState::PreparingRebalance {
        try_complete_join(g, cx);
    }
    let untouched = g.state == GroupState::Empty
        && g.members.is_empty()
        && g.pending_members.is_empty()
        && g.offsets.is_empty();
    if created && untouched {
        groups.remove(&req.group_id);
    }
    response
}

/// Whether the group has room for this member (Kafka's `acceptJoiningMember`): during a join
/// phase only members that rejoined count, so the last to rejoin are the ones turned away.
fn accept_joining_member(g: &Group, cx: &Ctx, member_id: &MemberId) -> bool {
    let max_size = usize::try_from(cx.config.max_size).unwrap_or(0);
    match g.state {
        GroupState::Empty | GroupState::Dead => true,
        GroupState::PreparingRebalance => {
            g.member(member_id).is_some_and(Member::is_awaiting_join)
                || g.num_awaiting_join() < max_size
        }
        GroupState::CompletingRebalance | GroupState::Stable => {
            g.has(member_id) || g.members.len() < max_size
        }
    }
}

fn new_member_join(
    g: &mut Group,
    cx: &mut Ctx,
    pending: Pending,
    req: &JoinGroupRequest,
) -> Option<JoinGroupResponse> {
    let error = |code| Some(JoinGroupResponse::error(code, MemberId::unknown()));
    if g.state == GroupState::Dead {
        return error(ErrorCode::CoordinatorNotAvailable);
    }
    if !g.supports_protocols(&req.protocol_type, &req.protocols) {
        return error(ErrorCode::InconsistentGroupProtocol);
    }
    if let Some(instance_id) = &req.group_instance_id {
        let new_id = cx.new_member_id(instance_id);
        return match g.static_member_id(instance_id).cloned() {
            Some(old_id) => replace_static_member(g, cx, pending, req, old_id, new_id),
            None => add_member_and_rebalance(g, cx, pending, req, new_id, false),
        };
    }
    let new_id = cx.new_member_id(&req.client_id);
    if !req.require_known_member_id {
        return add_member_and_rebalance(g, cx, pending, req, new_id, false);
    }
    // The member must come back with this id; until then it is pending, and expires after its
    // session timeout.
    let timer = Timer { group: g.group_id.clone(), kind: TimerKind::PendingMember(new_id.clone()) };
    let at = cx.now.plus_ms(i64::from(req.session_timeout_ms));
    g.pending_members.insert(new_id.clone(), cx.timers.schedule(at, timer));
    emit_joined(g, cx, &new_id, req);
    Some(JoinGroupResponse::error(ErrorCode::MemberIdRequired, new_id))
}

fn current_member_join(
    g: &mut Group,
    cx: &mut Ctx,
    pending: Pending,
    req: &JoinGroupRequest,
) -> Option<JoinGroupResponse> {
    let member_id = &req.member_id;
    let error = |code| Some(JoinGroupResponse::error(code, member_id.clone()));
    if g.state == GroupState::Dead {
        return error(ErrorCode::CoordinatorNotAvailable);
    }
    if !g.supports_protocols(&req.protocol_type, &req.protocols) {
        return error(ErrorCode::InconsistentGroupProtocol);
    }
    if g.pending_members.contains_key(member_id) && req.group_instance_id.is_none() {
        return add_member_and_rebalance(g, cx, pending, req, member_id.clone(), true);
    }
    if let Some(code) = g.validate_current_member(member_id, req.group_instance_id.as_deref()) {
        return error(code);
    }
    let Some(member) = g.member(member_id) else {
        return error(ErrorCode::UnknownMemberId);
    };
    let unchanged = member.matches(&req.protocols);
    let client_reason = req.reason.clone().filter(|r| !r.is_empty()).map(RebalanceReason::Client);
    let changed =
        || client_reason.clone().unwrap_or(RebalanceReason::MetadataChanged(member_id.clone()));
    match g.state {
        GroupState::PreparingRebalance => {
            update_member_and_rebalance(g, cx, pending, req, changed())
        }
        GroupState::CompletingRebalance if unchanged => {
            // The member missed the answer of this join phase: send it again.
            refresh_known_member(g, cx, member_id);
            Some(join_response(g, member_id, false))
        }
        GroupState::CompletingRebalance => {
            update_member_and_rebalance(g, cx, pending, req, changed())
        }
        GroupState::Stable if g.is_leader(member_id) => {
            // The leader rejoins to have the assignment recomputed (e.g. topic metadata changed).
            let why = client_reason.unwrap_or(RebalanceReason::LeaderRejoined(member_id.clone()));
            update_member_and_rebalance(g, cx, pending, req, why)
        }
        GroupState::Stable if !unchanged => {
            update_member_and_rebalance(g, cx, pending, req, changed())
        }
        GroupState::Stable => {
            refresh_known_member(g, cx, member_id);
            Some(join_response(g, member_id, false))
        }
        GroupState::Empty | GroupState::Dead => error(ErrorCode::UnknownMemberId),
    }
}

fn refresh_known_member(g: &mut Group, cx: &mut Ctx, member_id: &MemberId) {
    let group_id = g.group_id.clone();
    if let Some(member) = g.member_mut(member_id)
        && !member.is_new
    {
        cx.refresh_session(&group_id, member);
    }
}

/// Adds a member whose join is parked, and starts a rebalance if none is running.
fn add_member_and_rebalance(
    g: &mut Group,
    cx: &mut Ctx,
    pending: Pending,
    req: &JoinGroupRequest,
    member_id: MemberId,
    was_pending: bool,
) -> Option<JoinGroupResponse> {
    let mut member = Member::from_request(member_id.clone(), req, pending);
    if g.state == GroupState::PreparingRebalance && g.generation == GenerationId(0) {
        g.new_member_added = true;
    }
    // A new member cannot heartbeat while its join is parked; it gets the new-member join
    // timeout instead of its session timeout.
    cx.schedule_session(&g.group_id, &mut member, NEW_MEMBER_JOIN_TIMEOUT_MS);
    cx.timers.cancel(g.pending_members.remove(&member_id));
    if !was_pending {
        emit_joined(g, cx, &member_id, req);
    }
    g.add(member);
    maybe_prepare_rebalance(g, cx, RebalanceReason::MemberJoined(member_id));
    None
}

/// Updates a known member's protocols and timeouts, parks its join, and starts a rebalance if
/// none is running.
fn update_member_and_rebalance(
    g: &mut Group,
    cx: &mut Ctx,
    pending: Pending,
    req: &JoinGroupRequest,
    reason: RebalanceReason,
) -> Option<JoinGroupResponse> {
    let group_id = g.group_id.clone();
    let Some(member) = g.member_mut(&req.member_id) else {
        return Some(JoinGroupResponse::error(ErrorCode::UnknownMemberId, req.member_id.clone()));
    };
    update_member(member, req);
    let superseded = member.awaiting_join.replace(Parked::new(pending));
    let retry = JoinGroupResponse::error(ErrorCode::RebalanceInProgress, req.member_id.clone());
    cx.deliver(superseded, GroupReply::Join(retry));
    if !member.is_new {
        cx.refresh_session(&group_id, member);
    }
    maybe_prepare_rebalance(g, cx, reason);
    None
}

fn update_member(member: &mut Member, req: &JoinGroupRequest) {
    member.protocols = req.protocols.clone();
    member.session_timeout_ms = req.session_timeout_ms;
    member.rebalance_timeout_ms = req.rebalance_timeout_ms;
}

/// A static member's instance rejoined with an unknown member id (it restarted): the new member
/// id takes over the old one's place, assignment and leadership; the old id is fenced. In
/// `Stable`, if the group would still choose the same protocol, no rebalance happens: the member
/// gets the current generation (a returning leader is told to skip the assignment).
fn replace_static_member(
    g: &mut Group,
    cx: &mut Ctx,
    pending: Pending,
    req: &JoinGroupRequest,
    old_id: MemberId,
    new_id: MemberId,
) -> Option<JoinGroupResponse> {
    let group_id = g.group_id.clone();
    let Some(member) = g.member_mut(&old_id) else {
        return Some(JoinGroupResponse::error(ErrorCode::UnknownMemberId, MemberId::unknown()));
    };
    let fenced_join = JoinGroupResponse::error(ErrorCode::FencedInstanceId, old_id.clone());
    cx.deliver(member.awaiting_join.take(), GroupReply::Join(fenced_join));
    let fenced_sync = crate::api::SyncGroupResponse::error(ErrorCode::FencedInstanceId);
    cx.deliver(member.awaiting_sync.take(), GroupReply::Sync(fenced_sync));
    member.member_id = new_id.clone();
    update_member(member, req);
    member.awaiting_join = Some(Parked::new(pending));
    cx.refresh_session(&group_id, member);
    if g.leader.as_ref() == Some(&old_id) {
        g.leader = Some(new_id.clone());
    }
    if g.pending_sync.remove(&old_id) {
        g.pending_sync.insert(new_id.clone());
    }
    if let Some(instance_id) = &req.group_instance_id {
        g.static_members.insert(instance_id.clone(), new_id.clone());
    }
    let reason = MemberRemovedReason::Replaced { by: new_id.clone() };
    cx.emit(Event::MemberRemoved { group: group_id, member: old_id, reason });
    emit_joined(g, cx, &new_id, req);
    match g.state {
        GroupState::Stable if g.select_protocol() == g.protocol_name => {
            if let Some(member) = g.member_mut(&new_id) {
                member.awaiting_join = None;
            }
            Some(join_response(g, &new_id, true))
        }
        GroupState::Stable | GroupState::Empty => {
            maybe_prepare_rebalance(g, cx, RebalanceReason::MetadataChanged(new_id));
            None
        }
        GroupState::CompletingRebalance => {
            // The leader may already be assigning to the old member id: start over.
            prepare_rebalance(g, cx, RebalanceReason::MemberJoined(new_id));
            None
        }
        GroupState::PreparingRebalance | GroupState::Dead => None,
    }
}

fn emit_joined(g: &Group, cx: &mut Ctx, member_id: &MemberId, req: &JoinGroupRequest) {
    cx.emit(Event::MemberJoined {
        group: g.group_id.clone(),
        member: member_id.clone(),
        client_id: req.client_id.clone(),
        group_instance_id: req.group_instance_id.clone(),
    });
}
