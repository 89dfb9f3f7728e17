//! LeaveGroup (13): members leave cleanly, so the group rebalances at once instead of waiting for
//! their session to time out.

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::ids::{GroupId, MemberId};

/// A member that is leaving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeavingMember {
    /// The member's id (may be empty for a static member named by instance id).
    pub member_id: MemberId,
    /// Its `group.instance.id`.
    pub group_instance_id: Option<String>,
    /// Why it leaves (v5+).
    pub reason: Option<String>,
}

/// LeaveGroup request (v3+ batches members; older versions send one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaveGroupRequest {
    /// The group.
    pub group_id: GroupId,
    /// The leaving members.
    pub members: Vec<LeavingMember>,
}

/// One member's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftMember {
    /// The member's id.
    pub member_id: MemberId,
    /// Its `group.instance.id`.
    pub group_instance_id: Option<String>,
    /// The error, if any.
    pub error: Option<ErrorCode>,
}

/// LeaveGroup response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaveGroupResponse {
    /// A group-level error, if any.
    pub error: Option<ErrorCode>,
    /// Per-member results.
    pub members: Vec<LeftMember>,
}

impl Engine {
    pub(crate) fn handle_leave_group(
        &mut self,
        ctx: RequestContext,
        request: LeaveGroupRequest,
    ) -> Handled {
        let response = match self.check_coordinator(ctx.broker, request.group_id.as_str()) {
            Err(error) => LeaveGroupResponse { error: Some(error), members: Vec::new() },
            Ok(()) => self.groups.leave_group(self.now, &request),
        };
        Handled::Response(response.into())
    }
}
