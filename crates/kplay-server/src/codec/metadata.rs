//! Metadata (3) and FindCoordinator (10): the answers that tell clients where brokers are.
//!
//! The engine knows brokers by id; the codec adds the host and port each one listens on, so a
//! client of `kplay serve --brokers 3` sees three brokers on three ports and follows leaders and
//! coordinators between them.

use kafka_protocol::messages::find_coordinator_response::Coordinator;
use kafka_protocol::messages::metadata_response::{
    MetadataResponseBroker, MetadataResponsePartition, MetadataResponseTopic,
};
use kafka_protocol::messages::{
    BrokerId, FindCoordinatorRequest, FindCoordinatorResponse, MetadataRequest, MetadataResponse,
    TopicName,
};
use kplay_core::api::{self, CoordinatorType};

use super::{Advertised, code, message, name, uuid};

pub(super) fn decode_metadata(request: MetadataRequest, version: i16) -> api::MetadataRequest {
    let topics = match request.topics {
        // Version 0 has no null: an empty list there means every topic.
        Some(topics) if version == 0 && topics.is_empty() => None,
        Some(topics) => {
            Some(topics.into_iter().filter_map(|t| t.name).map(|n| n.0.as_str().into()).collect())
        }
        None => None,
    };
    // Before version 4 the field does not exist and brokers auto-create as configured.
    let allow_auto_topic_creation = version < 4 || request.allow_auto_topic_creation;
    api::MetadataRequest { topics, allow_auto_topic_creation }
}

fn broker_ids(ids: &[kplay_core::BrokerId]) -> Vec<BrokerId> {
    ids.iter().map(|b| BrokerId(b.0)).collect()
}

pub(super) fn encode_metadata(
    response: api::MetadataResponse,
    advertised: &Advertised,
) -> MetadataResponse {
    let mut out = MetadataResponse::default();
    out.brokers = response
        .brokers
        .iter()
        .filter_map(|b| {
            let port = advertised.port(b.node_id)?;
            let mut broker = MetadataResponseBroker::default();
            broker.node_id = BrokerId(b.node_id.0);
            broker.host = name(&advertised.host);
            broker.port = i32::from(port);
            broker.rack = b.rack.as_deref().map(name);
            Some(broker)
        })
        .collect();
    out.cluster_id = Some(name(&response.cluster_id));
    out.controller_id = BrokerId(response.controller_id.0);
    out.topics = response
        .topics
        .into_iter()
        .map(|t| {
            let mut topic = MetadataResponseTopic::default();
            topic.error_code = code(t.error);
            topic.name = Some(TopicName(name(t.name.as_str())));
            topic.topic_id = uuid(t.topic_id);
            topic.is_internal = t.is_internal;
            topic.partitions = t
                .partitions
                .into_iter()
                .map(|p| {
                    let mut part = MetadataResponsePartition::default();
                    part.error_code = code(p.error);
                    part.partition_index = p.partition.0;
                    part.leader_id = BrokerId(p.leader.0);
                    part.leader_epoch = p.leader_epoch.0;
                    part.replica_nodes = broker_ids(&p.replicas);
                    part.isr_nodes = broker_ids(&p.isr);
                    part.offline_replicas = broker_ids(&p.offline_replicas);
                    part
                })
                .collect();
            topic
        })
        .collect();
    out
}

pub(super) fn decode_find_coordinator(
    request: FindCoordinatorRequest,
    version: i16,
) -> api::FindCoordinatorRequest {
    let key_type =
        if request.key_type == 1 { CoordinatorType::Transaction } else { CoordinatorType::Group };
    let keys = if version >= 4 {
        request.coordinator_keys.into_iter().map(|k| k.to_string()).collect()
    } else {
        vec![request.key.to_string()]
    };
    api::FindCoordinatorRequest { key_type, keys }
}

pub(super) fn encode_find_coordinator(
    response: api::FindCoordinatorResponse,
    version: i16,
    advertised: &Advertised,
) -> FindCoordinatorResponse {
    let mut out = FindCoordinatorResponse::default();
    let coordinators: Vec<Coordinator> = response
        .coordinators
        .into_iter()
        .map(|c| {
            let mut coordinator = Coordinator::default();
            coordinator.key = name(&c.key);
            match (c.error, advertised.port(c.node_id)) {
                (None, Some(port)) => {
                    coordinator.node_id = BrokerId(c.node_id.0);
                    coordinator.host = name(&advertised.host);
                    coordinator.port = i32::from(port);
                }
                (error, _) => {
                    let error = error
                        .unwrap_or_else(|| kplay_core::ErrorCode::CoordinatorNotAvailable.into());
                    coordinator.node_id = BrokerId(-1);
                    coordinator.port = -1;
                    coordinator.error_code = error.code.code();
                    coordinator.error_message = message(Some(&error));
                }
            }
            coordinator
        })
        .collect();
    if version >= 4 {
        out.coordinators = coordinators;
    } else if let Some(c) = coordinators.into_iter().next() {
        out.error_code = c.error_code;
        out.error_message = c.error_message;
        out.node_id = c.node_id;
        out.host = c.host;
        out.port = c.port;
    }
    out
}
