//! SyncGroup: members ask for their assignment; the leader's request carries everyone's.
//!
//! In `CompletingRebalance` a sync is parked until the leader's arrives; the leader's stores
//! every member's assignment (members it left out get empty bytes), answers every parked sync and
//! makes the group `Stable`. In `Stable` a sync is answered with the member's current assignment.
//! Invariant: assignments are only ever written from the current generation leader's request.

use bytes::Bytes;

use crate::api::{SyncGroupRequest, SyncGroupResponse};
use crate::error::ErrorCode;
use crate::event::Event;
use crate::ids::{GroupId, MemberId};
use crate::vec_map::VecMap;

use super::ctx::Ctx;
use super::member::Parked;
use super::rebalance::set_and_propagate_assignment;
use super::state::Group;
use super::{GroupReply, GroupState, Pending};

/// Handles a SyncGroup: `Some` when answered at once, `None` when parked.
pub(crate) fn sync_group(
    groups: &mut VecMap<GroupId, Group>,
    cx: &mut Ctx,
    pending: Pending,
    req: &SyncGroupRequest,
) -> Option<SyncGroupResponse> {
    let error = |code| Some(SyncGroupResponse::error(code));
    if req.group_id.as_str().is_empty() {
        return error(ErrorCode::InvalidGroupId);
    }
    let Some(g) = groups.get_mut(&req.group_id) else {
        return error(ErrorCode::UnknownMemberId);
    };
    if let Some(code) = validate(g, req) {
        return error(code);
    }
    match g.state {
        GroupState::Empty | GroupState::Dead => error(ErrorCode::UnknownMemberId),
        GroupState::PreparingRebalance => error(ErrorCode::RebalanceInProgress),
        GroupState::CompletingRebalance => {
            park(g, cx, pending, &req.member_id);
            received_sync(g, cx, &req.member_id);
            if g.is_leader(&req.member_id) {
                let assignments: VecMap<&MemberId, &Bytes> =
                    req.assignments.iter().map(|a| (&a.member_id, &a.assignment)).collect();
                for member in &mut g.members {
                    member.assignment = assignments
                        .get(&member.member_id)
                        .map(|b| (*b).clone())
                        .unwrap_or_default();
                }
                set_and_propagate_assignment(g, cx);
            }
            None
        }
        GroupState::Stable => {
            received_sync(g, cx, &req.member_id);
            let group_id = g.group_id.clone();
            let generation = g.generation;
            let Some(member) = g.member_mut(&req.member_id) else {
                return error(ErrorCode::UnknownMemberId);
            };
            cx.refresh_session(&group_id, member);
            let assignment = member.assignment.clone();
            cx.emit(Event::AssignmentReceived {
                group: group_id,
                generation,
                member: req.member_id.clone(),
                assignment: assignment.clone(),
            });
            Some(SyncGroupResponse {
                error: None,
                protocol_type: g.protocol_type.clone(),
                protocol_name: g.protocol_name.clone(),
                assignment,
            })
        }
    }
}

fn validate(g: &Group, req: &SyncGroupRequest) -> Option<ErrorCode> {
    let instance = req.group_instance_id.as_deref();
    if let Some(code) = g.validate_generation_member(&req.member_id, instance, req.generation_id) {
        return Some(code);
    }
    let differs = |given: &Option<String>, ours: &Option<String>| {
        given.as_ref().is_some_and(|given| Some(given) != ours.as_ref())
    };
    if differs(&req.protocol_type, &g.protocol_type)
        || differs(&req.protocol_name, &g.protocol_name)
    {
        return Some(ErrorCode::InconsistentGroupProtocol);
    }
    None
}

/// Parks the member's sync; an earlier sync still parked is told to retry.
fn park(g: &mut Group, cx: &mut Ctx, pending: Pending, member_id: &MemberId) {
    let group_id = g.group_id.clone();
    let Some(member) = g.member_mut(member_id) else {
        return;
    };
    let superseded = member.awaiting_sync.replace(Parked::new(pending));
    let retry = SyncGroupResponse::error(ErrorCode::RebalanceInProgress);
    cx.deliver(superseded, GroupReply::Sync(retry));
    cx.refresh_session(&group_id, member);
}

/// The member has synced in this generation; once all have, the pending-sync timer is dropped.
fn received_sync(g: &mut Group, cx: &mut Ctx, member_id: &MemberId) {
    g.pending_sync.remove(member_id);
    if g.pending_sync.is_empty() {
        cx.timers.cancel(g.sync_timer.take());
    }
}
