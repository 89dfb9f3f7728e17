//! DeleteGroups (42): removes empty groups and their committed offsets.

use crate::engine::{Engine, Handled, RequestContext};
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

impl Engine {
    pub(crate) fn handle_delete_groups(
        &mut self,
        ctx: RequestContext,
        request: DeleteGroupsRequest,
    ) -> Handled {
        let results = request
            .groups
            .iter()
            .map(|g| {
                let error = match self.check_coordinator(ctx.broker, g.as_str()) {
                    Err(error) => Some(error),
                    Ok(()) => self.groups.delete_group(self.now, g),
                };
                DeletedGroup { group_id: g.clone(), error }
            })
            .collect();
        Handled::Response(DeleteGroupsResponse { results }.into())
    }
}
