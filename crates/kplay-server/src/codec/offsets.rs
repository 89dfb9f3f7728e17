//! OffsetCommit (8) and OffsetFetch (9): where a group got to, per partition.
//!
//! OffsetFetch asks for one group up to version 7 and for several from version 8; the engine
//! always answers per group, and the codec folds one group back into the old shape.

use kafka_protocol::messages::offset_commit_response::{
    OffsetCommitResponsePartition, OffsetCommitResponseTopic,
};
use kafka_protocol::messages::offset_fetch_response::{
    OffsetFetchResponseGroup, OffsetFetchResponsePartition, OffsetFetchResponsePartitions,
    OffsetFetchResponseTopic, OffsetFetchResponseTopics,
};
use kafka_protocol::messages::{
    GroupId, OffsetCommitRequest, OffsetCommitResponse, OffsetFetchRequest, OffsetFetchResponse,
    TopicName,
};
use kplay_core::api;
use kplay_core::{GenerationId, LeaderEpoch, Offset, PartitionIndex};

use super::{code, name};

pub(super) fn decode_offset_commit(request: OffsetCommitRequest) -> api::OffsetCommitRequest {
    api::OffsetCommitRequest {
        group_id: request.group_id.0.as_str().into(),
        generation_id: GenerationId(request.generation_id_or_member_epoch),
        member_id: request.member_id.as_str().into(),
        group_instance_id: request.group_instance_id.map(|s| s.to_string()),
        topics: request
            .topics
            .into_iter()
            .map(|t| api::OffsetCommitTopic {
                name: t.name.0.as_str().into(),
                partitions: t
                    .partitions
                    .into_iter()
                    .map(|p| api::OffsetCommitPartition {
                        partition: PartitionIndex(p.partition_index),
                        committed_offset: Offset(p.committed_offset),
                        committed_leader_epoch: LeaderEpoch(p.committed_leader_epoch),
                        metadata: p.committed_metadata.map(|m| m.to_string()),
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub(super) fn encode_offset_commit(response: api::OffsetCommitResponse) -> OffsetCommitResponse {
    let mut out = OffsetCommitResponse::default();
    out.topics = response
        .topics
        .into_iter()
        .map(|t| {
            let mut topic = OffsetCommitResponseTopic::default();
            topic.name = TopicName(name(t.name.as_str()));
            topic.partitions = t
                .partitions
                .into_iter()
                .map(|p| {
                    let mut part = OffsetCommitResponsePartition::default();
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

fn wanted(name: &TopicName, partitions: Vec<i32>) -> api::OffsetFetchTopic {
    api::OffsetFetchTopic {
        name: name.0.as_str().into(),
        partitions: partitions.into_iter().map(PartitionIndex).collect(),
    }
}

pub(super) fn decode_offset_fetch(
    request: OffsetFetchRequest,
    version: i16,
) -> api::OffsetFetchRequest {
    let groups = if version >= 8 {
        request
            .groups
            .into_iter()
            .map(|g| api::OffsetFetchGroup {
                group_id: g.group_id.0.as_str().into(),
                topics: g.topics.map(|topics| {
                    topics.into_iter().map(|t| wanted(&t.name, t.partition_indexes)).collect()
                }),
            })
            .collect()
    } else {
        vec![api::OffsetFetchGroup {
            group_id: request.group_id.0.as_str().into(),
            topics: request.topics.map(|topics| {
                topics.into_iter().map(|t| wanted(&t.name, t.partition_indexes)).collect()
            }),
        }]
    };
    api::OffsetFetchRequest { groups, require_stable: request.require_stable }
}

pub(super) fn encode_offset_fetch(
    response: api::OffsetFetchResponse,
    version: i16,
) -> OffsetFetchResponse {
    let mut out = OffsetFetchResponse::default();
    if version >= 8 {
        out.groups = response.groups.into_iter().map(group).collect();
        return out;
    }
    if let Some(g) = response.groups.into_iter().next() {
        out.error_code = code(g.error);
        out.topics = g
            .topics
            .into_iter()
            .map(|t| {
                let mut topic = OffsetFetchResponseTopic::default();
                topic.name = TopicName(name(t.name.as_str()));
                topic.partitions = t
                    .partitions
                    .into_iter()
                    .map(|p| {
                        let mut part = OffsetFetchResponsePartition::default();
                        part.partition_index = p.partition.0;
                        part.committed_offset = p.committed_offset.0;
                        part.committed_leader_epoch = p.committed_leader_epoch.0;
                        part.metadata = p.metadata.as_deref().map(name);
                        part.error_code = code(p.error);
                        part
                    })
                    .collect();
                topic
            })
            .collect();
    }
    out
}

fn group(g: api::OffsetFetchGroupResponse) -> OffsetFetchResponseGroup {
    let mut out = OffsetFetchResponseGroup::default();
    out.group_id = GroupId(name(g.group_id.as_str()));
    out.error_code = code(g.error);
    out.topics = g
        .topics
        .into_iter()
        .map(|t| {
            let mut topic = OffsetFetchResponseTopics::default();
            topic.name = TopicName(name(t.name.as_str()));
            topic.partitions = t
                .partitions
                .into_iter()
                .map(|p| {
                    let mut part = OffsetFetchResponsePartitions::default();
                    part.partition_index = p.partition.0;
                    part.committed_offset = p.committed_offset.0;
                    part.committed_leader_epoch = p.committed_leader_epoch.0;
                    part.metadata = p.metadata.as_deref().map(name);
                    part.error_code = code(p.error);
                    part
                })
                .collect();
            topic
        })
        .collect();
    out
}
