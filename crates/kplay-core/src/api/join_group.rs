//! JoinGroup (11): a member asks to join a group, and is answered when the group's rebalance
//! completes its join phase.

use bytes::Bytes;

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::group::Reply;
use crate::ids::{GenerationId, GroupId, MemberId};

/// One protocol (assignor) a member supports, with its subscription metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinGroupProtocol {
    /// The protocol's name, e.g. `range`, `cooperative-sticky`.
    pub name: String,
    /// The member's metadata for it (ConsumerProtocol subscription bytes for consumers).
    pub metadata: Bytes,
}

/// JoinGroup request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinGroupRequest {
    /// The group.
    pub group_id: GroupId,
    /// `session.timeout.ms`.
    pub session_timeout_ms: i32,
    /// `max.poll.interval.ms` for consumers: how long a rebalance waits for this member.
    pub rebalance_timeout_ms: i32,
    /// The member's id, or empty for a new member.
    pub member_id: MemberId,
    /// `group.instance.id`, for static membership.
    pub group_instance_id: Option<String>,
    /// The protocol type, `consumer` for consumers.
    pub protocol_type: String,
    /// The protocols the member supports, most preferred first.
    pub protocols: Vec<JoinGroupProtocol>,
    /// Whether a new member must first get its id via MEMBER_ID_REQUIRED (JoinGroup v4+).
    pub require_known_member_id: bool,
    /// The client's `client.id` (from the request header).
    pub client_id: String,
    /// The client's host.
    pub client_host: String,
    /// Why the member is (re)joining (v8+).
    pub reason: Option<String>,
}

/// A member as the leader sees it in the JoinGroup response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinGroupMember {
    /// The member's id.
    pub member_id: MemberId,
    /// Its `group.instance.id`.
    pub group_instance_id: Option<String>,
    /// Its metadata for the chosen protocol.
    pub metadata: Bytes,
}

/// JoinGroup response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinGroupResponse {
    /// The error, if any.
    pub error: Option<ErrorCode>,
    /// The new generation.
    pub generation_id: GenerationId,
    /// The group's protocol type.
    pub protocol_type: Option<String>,
    /// The chosen protocol.
    pub protocol_name: Option<String>,
    /// The leader's member id.
    pub leader: MemberId,
    /// For a static leader that rejoined without a rebalance: do not compute an assignment.
    pub skip_assignment: bool,
    /// This member's id (assigned on MEMBER_ID_REQUIRED or on join).
    pub member_id: MemberId,
    /// Every member, for the leader only.
    pub members: Vec<JoinGroupMember>,
}

impl JoinGroupResponse {
    /// A response carrying only an error (and the member id, which MEMBER_ID_REQUIRED sets).
    pub fn error(error: ErrorCode, member_id: MemberId) -> Self {
        JoinGroupResponse {
            error: Some(error),
            generation_id: GenerationId::NONE,
            protocol_type: None,
            protocol_name: None,
            leader: MemberId::unknown(),
            skip_assignment: false,
            member_id,
            members: Vec::new(),
        }
    }
}

impl Engine {
    pub(crate) fn handle_join_group(
        &mut self,
        ctx: RequestContext,
        request: JoinGroupRequest,
    ) -> Handled {
        if let Err(error) = self.check_coordinator(ctx.broker, request.group_id.as_str()) {
            return Handled::Response(JoinGroupResponse::error(error, request.member_id).into());
        }
        match self.groups.join_group(self.now, ctx.pending(), request) {
            Reply::Now(response) => Handled::Response(response.into()),
            Reply::Parked => Handled::Parked,
        }
    }
}
