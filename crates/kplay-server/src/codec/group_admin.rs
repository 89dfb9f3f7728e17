//! DescribeGroups (15), ListGroups (16), DeleteGroups (42) and OffsetDelete (47): what
//! `kafka-consumer-groups.sh` and the admin clients see and do.

use kafka_protocol::messages::delete_groups_response::DeletableGroupResult;
use kafka_protocol::messages::describe_groups_response::{DescribedGroup, DescribedGroupMember};
use kafka_protocol::messages::list_groups_response::ListedGroup;
use kafka_protocol::messages::offset_delete_response::{
    OffsetDeleteResponsePartition, OffsetDeleteResponseTopic,
};
use kafka_protocol::messages::{
    DeleteGroupsRequest, DeleteGroupsResponse, DescribeGroupsRequest, DescribeGroupsResponse,
    GroupId, ListGroupsRequest, ListGroupsResponse, OffsetDeleteRequest, OffsetDeleteResponse,
    TopicName,
};
use kplay_core::group::GroupState;
use kplay_core::{PartitionIndex, api};

use super::{code, name};

pub(super) fn decode_describe_groups(request: DescribeGroupsRequest) -> api::DescribeGroupsRequest {
    api::DescribeGroupsRequest {
        groups: request.groups.into_iter().map(|g| g.0.as_str().into()).collect(),
    }
}

pub(super) fn encode_describe_groups(
    response: api::DescribeGroupsResponse,
) -> DescribeGroupsResponse {
    let mut out = DescribeGroupsResponse::default();
    out.groups = response
        .groups
        .into_iter()
        .map(|g| {
            let mut group = DescribedGroup::default();
            group.error_code = code(g.error);
            group.group_id = GroupId(name(g.group_id.as_str()));
            group.group_state = name(g.group_state.as_str());
            group.protocol_type = name(&g.protocol_type);
            group.protocol_data = name(&g.protocol);
            group.members = g
                .members
                .into_iter()
                .map(|m| {
                    let mut member = DescribedGroupMember::default();
                    member.member_id = name(m.member_id.as_str());
                    member.group_instance_id = m.group_instance_id.as_deref().map(name);
                    member.client_id = name(&m.client_id);
                    member.client_host = name(&m.client_host);
                    member.member_metadata = m.member_metadata;
                    member.member_assignment = m.member_assignment;
                    member
                })
                .collect();
            group
        })
        .collect();
    out
}

pub(super) fn decode_list_groups(request: ListGroupsRequest) -> api::ListGroupsRequest {
    api::ListGroupsRequest {
        // A state Kafka does not know matches no group here, as in Kafka.
        states_filter: request
            .states_filter
            .iter()
            .map(|s| GroupState::parse(s).unwrap_or(GroupState::Dead))
            .collect(),
        types_filter: request.types_filter.iter().map(|t| t.to_string()).collect(),
    }
}

pub(super) fn encode_list_groups(response: api::ListGroupsResponse) -> ListGroupsResponse {
    let mut out = ListGroupsResponse::default();
    out.error_code = code(response.error);
    out.groups = response
        .groups
        .into_iter()
        .map(|g| {
            let mut group = ListedGroup::default();
            group.group_id = GroupId(name(g.group_id.as_str()));
            group.protocol_type = name(&g.protocol_type);
            group.group_state = name(g.group_state.as_str());
            group.group_type = name(api::CLASSIC_GROUP_TYPE);
            group
        })
        .collect();
    out
}

pub(super) fn decode_delete_groups(request: DeleteGroupsRequest) -> api::DeleteGroupsRequest {
    api::DeleteGroupsRequest {
        groups: request.groups_names.into_iter().map(|g| g.0.as_str().into()).collect(),
    }
}

pub(super) fn encode_delete_groups(response: api::DeleteGroupsResponse) -> DeleteGroupsResponse {
    let mut out = DeleteGroupsResponse::default();
    out.results = response
        .results
        .into_iter()
        .map(|r| {
            let mut result = DeletableGroupResult::default();
            result.group_id = GroupId(name(r.group_id.as_str()));
            result.error_code = code(r.error);
            result
        })
        .collect();
    out
}

pub(super) fn decode_offset_delete(request: OffsetDeleteRequest) -> api::OffsetDeleteRequest {
    api::OffsetDeleteRequest {
        group_id: request.group_id.0.as_str().into(),
        topics: request
            .topics
            .into_iter()
            .map(|t| api::OffsetDeleteTopic {
                name: t.name.0.as_str().into(),
                partitions: t
                    .partitions
                    .into_iter()
                    .map(|p| PartitionIndex(p.partition_index))
                    .collect(),
            })
            .collect(),
    }
}

pub(super) fn encode_offset_delete(response: api::OffsetDeleteResponse) -> OffsetDeleteResponse {
    let mut out = OffsetDeleteResponse::default();
    out.error_code = code(response.error);
    out.topics = response
        .topics
        .into_iter()
        .map(|t| {
            let mut topic = OffsetDeleteResponseTopic::default();
            topic.name = TopicName(name(t.name.as_str()));
            topic.partitions = t
                .partitions
                .into_iter()
                .map(|p| {
                    let mut part = OffsetDeleteResponsePartition::default();
                    part.partition_index = p.partition.0;
                    part.error_code = code(p.error);
                    part
                })
                .collect();
            topic
        })
        .collect();
    out
}
