//! ListGroups (16): the groups a broker coordinates.

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::group::GroupState;
use crate::ids::GroupId;

/// ListGroups request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListGroupsRequest {
    /// Only groups in these states (v4+); empty = all.
    pub states_filter: Vec<GroupState>,
    /// Only groups of these types (v5+, any case); empty = all.
    pub types_filter: Vec<String>,
}

/// The type of every group here: the classic protocol's (KIP-848's `consumer` groups and share
/// groups are not simulated).
pub const CLASSIC_GROUP_TYPE: &str = "classic";

/// A listed group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedGroup {
    /// The group.
    pub group_id: GroupId,
    /// Its protocol type.
    pub protocol_type: String,
    /// Its state.
    pub group_state: GroupState,
}

/// ListGroups response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListGroupsResponse {
    /// The error, if any.
    pub error: Option<ErrorCode>,
    /// The groups, by id.
    pub groups: Vec<ListedGroup>,
}

impl Engine {
    pub(crate) fn handle_list_groups(
        &mut self,
        ctx: RequestContext,
        request: ListGroupsRequest,
    ) -> Handled {
        let here = |g: &GroupId| self.check_coordinator(ctx.broker, g.as_str()).is_ok();
        let classic_wanted = request.types_filter.is_empty()
            || request.types_filter.iter().any(|t| t.eq_ignore_ascii_case(CLASSIC_GROUP_TYPE));
        let groups = if classic_wanted {
            self.groups.list_groups(&request.states_filter, &here)
        } else {
            Vec::new()
        };
        Handled::Response(ListGroupsResponse { error: None, groups }.into())
    }
}
