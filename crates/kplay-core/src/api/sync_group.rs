//! SyncGroup (14): after a join, every member asks for its assignment; the leader brings the
//! assignment for everyone.

use bytes::Bytes;

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::group::Reply;
use crate::ids::{GenerationId, GroupId, MemberId};

/// One member's assignment, as the leader computed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncGroupAssignment {
    /// The member.
    pub member_id: MemberId,
    /// Its assignment (ConsumerProtocol assignment bytes for consumers).
    pub assignment: Bytes,
}

/// SyncGroup request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncGroupRequest {
    /// The group.
    pub group_id: GroupId,
    /// The generation the member joined.
    pub generation_id: GenerationId,
    /// The member.
    pub member_id: MemberId,
    /// Its `group.instance.id`.
    pub group_instance_id: Option<String>,
    /// The protocol type, if the client sent it (v5+).
    pub protocol_type: Option<String>,
    /// The protocol name, if the client sent it (v5+).
    pub protocol_name: Option<String>,
    /// Every member's assignment, from the leader; empty from followers.
    pub assignments: Vec<SyncGroupAssignment>,
}

/// SyncGroup response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncGroupResponse {
    /// The error, if any.
    pub error: Option<ErrorCode>,
    /// The group's protocol type.
    pub protocol_type: Option<String>,
    /// The group's protocol.
    pub protocol_name: Option<String>,
    /// This member's assignment.
    pub assignment: Bytes,
}

impl SyncGroupResponse {
    /// A response carrying only an error.
    pub fn error(error: ErrorCode) -> Self {
        SyncGroupResponse {
            error: Some(error),
            protocol_type: None,
            protocol_name: None,
            assignment: Bytes::new(),
        }
    }
}

impl Engine {
    pub(crate) fn handle_sync_group(
        &mut self,
        ctx: RequestContext,
        request: SyncGroupRequest,
    ) -> Handled {
        if let Err(error) = self.check_coordinator(ctx.broker, request.group_id.as_str()) {
            return Handled::Response(SyncGroupResponse::error(error).into());
        }
        match self.groups.sync_group(self.now, ctx.pending(), request) {
            Reply::Now(response) => Handled::Response(response.into()),
            Reply::Parked => Handled::Parked,
        }
    }
}
