//! DescribeGroups (15): a group's state, protocol and members, as `kafka-consumer-groups.sh
//! --describe` shows them.

use bytes::Bytes;

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::group::GroupState;
use crate::ids::{GroupId, MemberId};

/// DescribeGroups request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeGroupsRequest {
    /// The groups.
    pub groups: Vec<GroupId>,
}

/// A member of a described group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribedMember {
    /// The member's id.
    pub member_id: MemberId,
    /// Its `group.instance.id`.
    pub group_instance_id: Option<String>,
    /// Its `client.id`.
    pub client_id: String,
    /// Its host.
    pub client_host: String,
    /// Its metadata for the group's protocol.
    pub member_metadata: Bytes,
    /// Its current assignment.
    pub member_assignment: Bytes,
}

/// A described group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribedGroup {
    /// The error, if any (NOT_COORDINATOR, …). An unknown group is `Dead` with no error.
    pub error: Option<ErrorCode>,
    /// The group.
    pub group_id: GroupId,
    /// Its state.
    pub group_state: GroupState,
    /// Its protocol type (`consumer`), or empty.
    pub protocol_type: String,
    /// Its protocol (assignor), or empty.
    pub protocol: String,
    /// Its members.
    pub members: Vec<DescribedMember>,
}

/// DescribeGroups response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeGroupsResponse {
    /// Per-group results, in request order.
    pub groups: Vec<DescribedGroup>,
}

impl Engine {
    pub(crate) fn handle_describe_groups(
        &mut self,
        ctx: RequestContext,
        request: DescribeGroupsRequest,
    ) -> Handled {
        let groups = request
            .groups
            .iter()
            .map(|g| match self.check_coordinator(ctx.broker, g.as_str()) {
                Err(error) => DescribedGroup {
                    error: Some(error),
                    group_id: g.clone(),
                    group_state: GroupState::Dead,
                    protocol_type: String::new(),
                    protocol: String::new(),
                    members: Vec::new(),
                },
                Ok(()) => self.groups.describe_group(g),
            })
            .collect();
        Handled::Response(DescribeGroupsResponse { groups }.into())
    }
}
