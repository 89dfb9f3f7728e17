//! Heartbeat (12): a member tells the coordinator it is alive, and learns of rebalances.

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::ids::{GenerationId, GroupId, MemberId};

/// Heartbeat request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeartbeatRequest {
    /// The group.
    pub group_id: GroupId,
    /// The member's generation.
    pub generation_id: GenerationId,
    /// The member.
    pub member_id: MemberId,
    /// Its `group.instance.id`.
    pub group_instance_id: Option<String>,
}

/// Heartbeat response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeartbeatResponse {
    /// The error: `REBALANCE_IN_PROGRESS` tells the member to rejoin.
    pub error: Option<ErrorCode>,
}

impl Engine {
    pub(crate) fn handle_heartbeat(
        &mut self,
        ctx: RequestContext,
        request: HeartbeatRequest,
    ) -> Handled {
        let response = match self.check_coordinator(ctx.broker, request.group_id.as_str()) {
            Err(error) => HeartbeatResponse { error: Some(error) },
            Ok(()) => self.groups.heartbeat(self.now, &request),
        };
        Handled::Response(response.into())
    }
}
