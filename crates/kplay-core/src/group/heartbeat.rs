//! Heartbeat: a member proves it is alive and learns whether it must rejoin.
//!
//! A valid heartbeat restarts the member's session; in `PreparingRebalance` it is answered
//! REBALANCE_IN_PROGRESS (the member must rejoin), in `CompletingRebalance` and `Stable` with no
//! error. Invariant: a heartbeat never changes the group's state.

use crate::api::{HeartbeatRequest, HeartbeatResponse};
use crate::error::ErrorCode;
use crate::ids::GroupId;
use crate::vec_map::VecMap;

use super::GroupState;
use super::ctx::Ctx;
use super::state::Group;

/// Handles a Heartbeat.
pub(crate) fn heartbeat(
    groups: &mut VecMap<GroupId, Group>,
    cx: &mut Ctx,
    req: &HeartbeatRequest,
) -> HeartbeatResponse {
    HeartbeatResponse { error: check(groups, cx, req) }
}

fn check(
    groups: &mut VecMap<GroupId, Group>,
    cx: &mut Ctx,
    req: &HeartbeatRequest,
) -> Option<ErrorCode> {
    if req.group_id.as_str().is_empty() {
        return Some(ErrorCode::InvalidGroupId);
    }
    let Some(g) = groups.get_mut(&req.group_id) else {
        return Some(ErrorCode::UnknownMemberId);
    };
    let instance = req.group_instance_id.as_deref();
    if let Some(code) = g.validate_generation_member(&req.member_id, instance, req.generation_id) {
        return Some(code);
    }
    let outcome = match g.state {
        GroupState::Empty | GroupState::Dead => return Some(ErrorCode::UnknownMemberId),
        GroupState::PreparingRebalance => Some(ErrorCode::RebalanceInProgress),
        GroupState::CompletingRebalance | GroupState::Stable => None,
    };
    let group_id = g.group_id.clone();
    if let Some(member) = g.member_mut(&req.member_id) {
        cx.refresh_session(&group_id, member);
    }
    outcome
}
