//! DeleteGroups (42): removes empty groups and their committed offsets.

use crate::error::ErrorCode;
use crate::ids::GroupId;

/// DeleteGroups request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteGroupsRequest {
    /// The groups.
    pub groups: Vec<GroupId>,
}

/// One group's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeletedGroup {
    /// The group.
    pub group_id: GroupId,
    /// NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND, NOT_COORDINATOR, or none.
    pub error: Option<ErrorCode>,
}

/// DeleteGroups response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteGroupsResponse {
    /// Per-group results, in request order.
    pub results: Vec<DeletedGroup>,
}
