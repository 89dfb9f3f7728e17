//! CreateTopics (19), DeleteTopics (20) and CreatePartitions (37): what admin clients and
//! `kafka-topics.sh` do to topics.

use kafka_protocol::messages::create_partitions_response::CreatePartitionsTopicResult;
use kafka_protocol::messages::create_topics_response::{
    CreatableTopicConfigs, CreatableTopicResult,
};
use kafka_protocol::messages::delete_topics_response::DeletableTopicResult;
use kafka_protocol::messages::*;
use kplay_core::PartitionIndex;
use kplay_core::api::{self, TopicRef};

use super::{code, from_uuid, message, name, uuid};

pub(super) fn decode_create_topics(request: CreateTopicsRequest) -> api::CreateTopicsRequest {
    api::CreateTopicsRequest {
        validate_only: request.validate_only,
        topics: request
            .topics
            .into_iter()
            .map(|t| api::NewTopic {
                name: t.name.0.as_str().into(),
                num_partitions: t.num_partitions,
                replication_factor: t.replication_factor,
                assignments: t
                    .assignments
                    .into_iter()
                    .map(|a| api::ReplicaAssignment {
                        partition: PartitionIndex(a.partition_index),
                        broker_ids: a
                            .broker_ids
                            .iter()
                            .map(|b| kplay_core::BrokerId(b.0))
                            .collect(),
                    })
                    .collect(),
                configs: t
                    .configs
                    .into_iter()
                    .map(|c| (c.name.to_string(), c.value.map(|v| v.to_string())))
                    .collect(),
            })
            .collect(),
    }
}

pub(super) fn encode_create_topics(response: api::CreateTopicsResponse) -> CreateTopicsResponse {
    let mut out = CreateTopicsResponse::default();
    out.topics = response
        .topics
        .into_iter()
        .map(|t| {
            let mut topic = CreatableTopicResult::default();
            topic.name = TopicName(name(t.name.as_str()));
            topic.topic_id = uuid(t.topic_id);
            topic.error_code = code(t.error.as_ref().map(|e| e.code));
            topic.error_message = message(t.error.as_ref());
            topic.num_partitions = t.num_partitions;
            topic.replication_factor = t.replication_factor;
            topic.configs = Some(
                t.configs
                    .into_iter()
                    .map(|c| {
                        let mut config = CreatableTopicConfigs::default();
                        config.name = name(&c.name);
                        config.value = c.value.as_deref().map(name);
                        config.read_only = c.read_only;
                        config.config_source = c.source.to_wire();
                        config
                    })
                    .collect(),
            );
            topic
        })
        .collect();
    out
}

pub(super) fn decode_delete_topics(
    request: DeleteTopicsRequest,
    version: i16,
) -> api::DeleteTopicsRequest {
    let topics = if version >= 6 {
        request
            .topics
            .into_iter()
            .map(|t| match t.name {
                Some(n) => TopicRef::Name(n.0.as_str().into()),
                None => TopicRef::Id(from_uuid(t.topic_id)),
            })
            .collect()
    } else {
        request.topic_names.into_iter().map(|n| TopicRef::Name(n.0.as_str().into())).collect()
    };
    api::DeleteTopicsRequest { topics }
}

pub(super) fn encode_delete_topics(response: api::DeleteTopicsResponse) -> DeleteTopicsResponse {
    let mut out = DeleteTopicsResponse::default();
    out.responses = response
        .topics
        .into_iter()
        .map(|t| {
            let mut topic = DeletableTopicResult::default();
            topic.name = t.name.as_ref().map(|n| TopicName(name(n.as_str())));
            topic.topic_id = uuid(t.topic_id);
            topic.error_code = code(t.error.as_ref().map(|e| e.code));
            topic.error_message = message(t.error.as_ref());
            topic
        })
        .collect();
    out
}

pub(super) fn decode_create_partitions(
    request: CreatePartitionsRequest,
) -> api::CreatePartitionsRequest {
    api::CreatePartitionsRequest {
        validate_only: request.validate_only,
        topics: request
            .topics
            .into_iter()
            .map(|t| api::CreatePartitionsTopic {
                name: t.name.0.as_str().into(),
                count: t.count,
                assignments: t.assignments.map(|a| {
                    a.into_iter()
                        .map(|a| a.broker_ids.iter().map(|b| kplay_core::BrokerId(b.0)).collect())
                        .collect()
                }),
            })
            .collect(),
    }
}

pub(super) fn encode_create_partitions(
    response: api::CreatePartitionsResponse,
) -> CreatePartitionsResponse {
    let mut out = CreatePartitionsResponse::default();
    out.results = response
        .results
        .into_iter()
        .map(|r| {
            let mut result = CreatePartitionsTopicResult::default();
            result.name = TopicName(name(r.name.as_str()));
            result.error_code = code(r.error.as_ref().map(|e| e.code));
            result.error_message = message(r.error.as_ref());
            result
        })
        .collect();
    out
}
