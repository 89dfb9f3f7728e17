//! ElectLeaders (43) between the wire and the engine. Version 0 has no election type: it asks
//! for preferred elections.

use kafka_protocol::messages::elect_leaders_response::{PartitionResult, ReplicaElectionResult};
use kafka_protocol::messages::{ElectLeadersRequest, ElectLeadersResponse, TopicName};
use kplay_core::PartitionIndex;
use kplay_core::api::{self, ElectionType};

use super::{code, message, name};

pub(super) fn decode_elect_leaders(request: ElectLeadersRequest) -> api::ElectLeadersRequest {
    api::ElectLeadersRequest {
        election_type: if request.election_type == 1 {
            ElectionType::Unclean
        } else {
            ElectionType::Preferred
        },
        topics: request.topic_partitions.map(|topics| {
            topics
                .into_iter()
                .map(|t| api::ElectLeadersTopic {
                    name: t.topic.0.as_str().into(),
                    partitions: t.partitions.into_iter().map(PartitionIndex).collect(),
                })
                .collect()
        }),
    }
}

pub(super) fn encode_elect_leaders(response: api::ElectLeadersResponse) -> ElectLeadersResponse {
    let mut out = ElectLeadersResponse::default();
    out.replica_election_results = response
        .topics
        .into_iter()
        .map(|t| {
            let mut topic = ReplicaElectionResult::default();
            topic.topic = TopicName(name(t.name.as_str()));
            topic.partition_result = t
                .partitions
                .into_iter()
                .map(|p| {
                    let mut part = PartitionResult::default();
                    part.partition_id = p.partition.0;
                    part.error_code = code(p.error.as_ref().map(|e| e.code));
                    part.error_message = message(p.error.as_ref());
                    part
                })
                .collect();
            topic
        })
        .collect();
    out
}
