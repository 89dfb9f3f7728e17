//! The codec at every version kplay advertises: each engine response, with every field filled,
//! encodes (kafka-protocol refuses fields a version lacks, so this catches a field set where it
//! must not be), and requests decode into the engine's terms.

use bytes::{Bytes, BytesMut};
use kafka_protocol::messages::ApiKey;
use kafka_protocol::protocol::{Decodable, Encodable, StrBytes};
use kplay_core::api::*;
use kplay_core::*;

use super::{Carry, Client, decode, encode};
use crate::versions::SUPPORTED;

mod mutations;
mod samples;
use samples::{advertised, sample, t};

#[test]
fn every_response_encodes_at_every_advertised_version() {
    for supported in SUPPORTED.iter().filter(|s| s.api != ApiKey::ApiVersions) {
        for version in supported.min..=supported.max {
            let response = sample(supported.api);
            assert_eq!(super::wire_key(response.api_key()), supported.api);
            if let Err(e) = encode(response, Carry::Nothing, version, &advertised()) {
                panic!("{e}");
            }
        }
    }
}

#[test]
fn metadata_tells_each_brokers_port_and_find_coordinator_the_coordinators() {
    let body = encode(sample(ApiKey::Metadata), Carry::Nothing, 12, &advertised()).unwrap();
    let decoded =
        kafka_protocol::messages::MetadataResponse::decode(&mut body.freeze(), 12).unwrap();
    assert_eq!(decoded.brokers[0].port, 9092);
    assert_eq!(decoded.brokers[0].host.as_str(), "127.0.0.1");
    assert_eq!(decoded.cluster_id.as_deref(), Some("c"));
    assert_eq!(
        decoded.topics[0].partitions[0].offline_replicas,
        vec![kafka_protocol::messages::BrokerId(2)]
    );

    let body = encode(sample(ApiKey::FindCoordinator), Carry::Nothing, 3, &advertised()).unwrap();
    let old =
        kafka_protocol::messages::FindCoordinatorResponse::decode(&mut body.freeze(), 3).unwrap();
    assert_eq!((old.node_id.0, old.port, old.error_code), (2, 9093, 0));
    let body = encode(sample(ApiKey::FindCoordinator), Carry::Nothing, 4, &advertised()).unwrap();
    let new =
        kafka_protocol::messages::FindCoordinatorResponse::decode(&mut body.freeze(), 4).unwrap();
    assert_eq!(new.coordinators[1].error_code, ErrorCode::NotCoordinator.code());
    assert_eq!(new.coordinators[1].node_id.0, -1);
}

fn client() -> Client<'static> {
    Client { broker: BrokerId(1), client_id: "test-client", host: "/127.0.0.1" }
}

fn body<R: Encodable>(request: &R, version: i16) -> Bytes {
    let mut buf = BytesMut::new();
    request.encode(&mut buf, version).unwrap();
    buf.freeze()
}

#[test]
fn metadata_version_0_asks_for_every_topic_with_an_empty_list_and_later_versions_with_null() {
    let empty = kafka_protocol::messages::MetadataRequest::default().with_topics(Some(vec![]));
    let decoded = decode(ApiKey::Metadata, 0, body(&empty, 0), &client()).unwrap();
    assert!(matches!(decoded.request, Request::Metadata(MetadataRequest { topics: None, .. })));
    let decoded = decode(ApiKey::Metadata, 1, body(&empty, 1), &client()).unwrap();
    assert!(
        matches!(decoded.request, Request::Metadata(MetadataRequest { topics: Some(ref t), .. }) if t.is_empty())
    );
}

#[test]
fn join_group_carries_the_client_id_and_host_and_version_0_uses_the_session_timeout() {
    let mut request = kafka_protocol::messages::JoinGroupRequest::default();
    request.group_id = kafka_protocol::messages::GroupId(StrBytes::from_static_str("g"));
    request.session_timeout_ms = 10_000;
    request.protocol_type = StrBytes::from_static_str("consumer");
    let decoded = decode(ApiKey::JoinGroup, 0, body(&request, 0), &client()).unwrap();
    let Request::JoinGroup(join) = decoded.request else { panic!() };
    assert_eq!(join.rebalance_timeout_ms, 10_000);
    assert_eq!(join.client_id, "test-client");
    assert_eq!(join.client_host, "/127.0.0.1");
    assert!(!join.require_known_member_id);
    let decoded = decode(ApiKey::JoinGroup, 4, body(&request, 4), &client()).unwrap();
    let Request::JoinGroup(join) = decoded.request else { panic!() };
    assert!(join.require_known_member_id);
}

#[test]
fn a_produced_partition_with_a_broken_batch_is_answered_by_the_codec() {
    use kafka_protocol::messages::produce_request::{PartitionProduceData, TopicProduceData};
    let mut partition = PartitionProduceData::default();
    partition.index = 0;
    partition.records = Some(Bytes::from_static(b"not a batch"));
    let mut topic = TopicProduceData::default();
    topic.name = kafka_protocol::messages::TopicName(StrBytes::from_static_str("orders"));
    topic.partition_data = vec![partition];
    let mut request = kafka_protocol::messages::ProduceRequest::default();
    request.acks = 1;
    request.topic_data = vec![topic];
    let decoded = decode(ApiKey::Produce, 9, body(&request, 9), &client()).unwrap();
    let Request::Produce(produce) = &decoded.request else { panic!() };
    assert!(produce.topics[0].partitions.is_empty());
    let Carry::Refused(refused) = &decoded.carry else { panic!("{:?}", decoded.carry) };
    assert_eq!(refused[0].1.error.as_ref().map(|e| e.code), Some(ErrorCode::CorruptMessage));

    let empty =
        ProduceResponse { topics: vec![ProduceTopicResponse { name: t(), partitions: vec![] }] };
    let out = encode(empty.into(), decoded.carry, 9, &advertised()).unwrap();
    let wire = kafka_protocol::messages::ProduceResponse::decode(&mut out.freeze(), 9).unwrap();
    assert_eq!(
        wire.responses[0].partition_responses[0].error_code,
        ErrorCode::CorruptMessage.code()
    );
}

#[test]
fn producer_fenced_reaches_clients_older_than_kip_588_as_invalid_producer_epoch() {
    use kafka_protocol::messages::{EndTxnResponse, InitProducerIdResponse};
    let end = |version| {
        let fenced = kplay_core::api::EndTxnResponse { error: Some(ErrorCode::ProducerFenced) };
        let body = encode(fenced.into(), Carry::Nothing, version, &advertised()).unwrap();
        EndTxnResponse::decode(&mut body.freeze(), version).unwrap().error_code
    };
    assert_eq!((end(1), end(2), end(3)), (47, 90, 90));
    let init = |version| {
        let fenced = kplay_core::api::InitProducerIdResponse {
            error: Some(ErrorCode::ProducerFenced),
            producer_id: kplay_core::ProducerId::NONE,
            producer_epoch: kplay_core::ProducerEpoch::NONE,
        };
        let body = encode(fenced.into(), Carry::Nothing, version, &advertised()).unwrap();
        InitProducerIdResponse::decode(&mut body.freeze(), version).unwrap().error_code
    };
    assert_eq!((init(3), init(4)), (47, 90));
}
