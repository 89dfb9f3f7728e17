//! Heartbeat (12): a member tells the coordinator it is alive, and learns of rebalances.

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
