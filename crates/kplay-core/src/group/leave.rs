//! LeaveGroup: members leave cleanly, so the group rebalances at once instead of waiting for
//! their sessions to expire.
//!
//! Each leaving member is named by member id, or (with an empty member id) by the instance id of
//! a static member, and gets its own error. Removing a member from `Stable` or
//! `CompletingRebalance` starts a rebalance; during a join phase it may let the phase complete.

use crate::api::{LeaveGroupRequest, LeaveGroupResponse, LeavingMember, LeftMember};
use crate::error::ErrorCode;
use crate::event::MemberRemovedReason;
use crate::ids::GroupId;
use crate::vec_map::VecMap;

use super::GroupState;
use super::ctx::Ctx;
use super::rebalance::{remove_member_and_update_group, remove_pending_member};
use super::state::Group;

/// Handles a LeaveGroup.
pub(crate) fn leave_group(
    groups: &mut VecMap<GroupId, Group>,
    cx: &mut Ctx,
    req: &LeaveGroupRequest,
) -> LeaveGroupResponse {
    let group_error = |code| LeaveGroupResponse { error: Some(code), members: Vec::new() };
    if req.group_id.as_str().is_empty() {
        return group_error(ErrorCode::InvalidGroupId);
    }
    let Some(g) = groups.get_mut(&req.group_id) else {
        let members = req.members.iter().map(|m| left(m, Some(ErrorCode::UnknownMemberId)));
        return LeaveGroupResponse { error: None, members: members.collect() };
    };
    if g.state == GroupState::Dead {
        return group_error(ErrorCode::CoordinatorNotAvailable);
    }
    let members = req.members.iter().map(|m| left(m, leave_one(g, cx, m))).collect();
    LeaveGroupResponse { error: None, members }
}

fn leave_one(g: &mut Group, cx: &mut Ctx, leaving: &LeavingMember) -> Option<ErrorCode> {
    let reason = MemberRemovedReason::LeaveGroup;
    if leaving.member_id.is_unknown() {
        // An administrator removing a static member by its instance id.
        let current = leaving.group_instance_id.as_deref().and_then(|i| g.static_member_id(i));
        let Some(member_id) = current.cloned() else {
            return Some(ErrorCode::UnknownMemberId);
        };
        remove_member_and_update_group(g, cx, &member_id, reason);
        return None;
    }
    if g.pending_members.contains_key(&leaving.member_id) {
        remove_pending_member(g, cx, &leaving.member_id, reason);
        return None;
    }
    if let Some(code) =
        g.validate_current_member(&leaving.member_id, leaving.group_instance_id.as_deref())
    {
        return Some(code);
    }
    remove_member_and_update_group(g, cx, &leaving.member_id, reason);
    None
}

fn left(member: &LeavingMember, error: Option<ErrorCode>) -> LeftMember {
    LeftMember {
        member_id: member.member_id.clone(),
        group_instance_id: member.group_instance_id.clone(),
        error,
    }
}
