//! JoinGroup (11), SyncGroup (14), Heartbeat (12) and LeaveGroup (13): the classic group
//! protocol's member side. Subscriptions and assignments pass through as the opaque bytes the
//! clients wrote.

use kafka_protocol::messages::join_group_response::JoinGroupResponseMember;
use kafka_protocol::messages::leave_group_response::MemberResponse;
use kafka_protocol::messages::{
    HeartbeatRequest, HeartbeatResponse, JoinGroupRequest, JoinGroupResponse, LeaveGroupRequest,
    LeaveGroupResponse, SyncGroupRequest, SyncGroupResponse,
};
use kplay_core::api;
use kplay_core::{GenerationId, MemberId};

use super::{Client, code, name};

fn text(s: Option<kafka_protocol::protocol::StrBytes>) -> Option<String> {
    s.map(|s| s.to_string())
}

pub(super) fn decode_join_group(
    request: JoinGroupRequest,
    version: i16,
    client: &Client<'_>,
) -> api::JoinGroupRequest {
    api::JoinGroupRequest {
        group_id: request.group_id.0.as_str().into(),
        session_timeout_ms: request.session_timeout_ms,
        // Version 0 has no rebalance timeout; Kafka then uses the session timeout.
        rebalance_timeout_ms: if version == 0 {
            request.session_timeout_ms
        } else {
            request.rebalance_timeout_ms
        },
        member_id: request.member_id.as_str().into(),
        group_instance_id: text(request.group_instance_id),
        protocol_type: request.protocol_type.to_string(),
        protocols: request
            .protocols
            .into_iter()
            .map(|p| api::JoinGroupProtocol { name: p.name.to_string(), metadata: p.metadata })
            .collect(),
        require_known_member_id: version >= 4,
        client_id: client.client_id.to_owned(),
        client_host: client.host.to_owned(),
        reason: text(request.reason),
    }
}

pub(super) fn encode_join_group(
    response: api::JoinGroupResponse,
    version: i16,
) -> JoinGroupResponse {
    let mut out = JoinGroupResponse::default();
    out.error_code = code(response.error);
    out.generation_id = response.generation_id.0;
    out.protocol_type = response.protocol_type.as_deref().map(name);
    // Before version 7 the protocol name is not nullable.
    out.protocol_name = match response.protocol_name.as_deref() {
        Some(p) => Some(name(p)),
        None if version < 7 => Some(name("")),
        None => None,
    };
    out.leader = name(response.leader.as_str());
    out.skip_assignment = version >= 9 && response.skip_assignment;
    out.member_id = name(response.member_id.as_str());
    out.members = response
        .members
        .into_iter()
        .map(|m| {
            let mut member = JoinGroupResponseMember::default();
            member.member_id = name(m.member_id.as_str());
            member.group_instance_id = m.group_instance_id.as_deref().map(name);
            member.metadata = m.metadata;
            member
        })
        .collect();
    out
}

pub(super) fn decode_sync_group(request: SyncGroupRequest) -> api::SyncGroupRequest {
    api::SyncGroupRequest {
        group_id: request.group_id.0.as_str().into(),
        generation_id: GenerationId(request.generation_id),
        member_id: request.member_id.as_str().into(),
        group_instance_id: text(request.group_instance_id),
        protocol_type: text(request.protocol_type),
        protocol_name: text(request.protocol_name),
        assignments: request
            .assignments
            .into_iter()
            .map(|a| api::SyncGroupAssignment {
                member_id: a.member_id.as_str().into(),
                assignment: a.assignment,
            })
            .collect(),
    }
}

pub(super) fn encode_sync_group(response: api::SyncGroupResponse) -> SyncGroupResponse {
    let mut out = SyncGroupResponse::default();
    out.error_code = code(response.error);
    out.protocol_type = response.protocol_type.as_deref().map(name);
    out.protocol_name = response.protocol_name.as_deref().map(name);
    out.assignment = response.assignment;
    out
}

pub(super) fn decode_heartbeat(request: HeartbeatRequest) -> api::HeartbeatRequest {
    api::HeartbeatRequest {
        group_id: request.group_id.0.as_str().into(),
        generation_id: GenerationId(request.generation_id),
        member_id: request.member_id.as_str().into(),
        group_instance_id: text(request.group_instance_id),
    }
}

pub(super) fn encode_heartbeat(response: api::HeartbeatResponse) -> HeartbeatResponse {
    let mut out = HeartbeatResponse::default();
    out.error_code = code(response.error);
    out
}

pub(super) fn decode_leave_group(
    request: LeaveGroupRequest,
    version: i16,
) -> api::LeaveGroupRequest {
    let members = if version >= 3 {
        request
            .members
            .into_iter()
            .map(|m| api::LeavingMember {
                member_id: m.member_id.as_str().into(),
                group_instance_id: text(m.group_instance_id),
                reason: text(m.reason),
            })
            .collect()
    } else {
        vec![api::LeavingMember {
            member_id: MemberId::from(request.member_id.as_str()),
            group_instance_id: None,
            reason: None,
        }]
    };
    api::LeaveGroupRequest { group_id: request.group_id.0.as_str().into(), members }
}

pub(super) fn encode_leave_group(
    response: api::LeaveGroupResponse,
    version: i16,
) -> LeaveGroupResponse {
    let mut out = LeaveGroupResponse::default();
    out.error_code = code(response.error);
    if version >= 3 {
        out.members = response
            .members
            .into_iter()
            .map(|m| {
                let mut member = MemberResponse::default();
                member.member_id = name(m.member_id.as_str());
                member.group_instance_id = m.group_instance_id.as_deref().map(name);
                member.error_code = code(m.error);
                member
            })
            .collect();
    } else if out.error_code == 0 {
        // One member, whose error is the answer's.
        out.error_code = response.members.first().map_or(0, |m| code(m.error));
    }
    out
}
