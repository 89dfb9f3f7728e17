//! The guard against kafka-protocol's own encoder: every request kplay serves, at every version
//! it advertises, with arrays filled, walks to exactly its last byte; forged counts are refused.

use bytes::{Bytes, BytesMut};
use kafka_protocol::messages::*;
use kafka_protocol::protocol::{Encodable, StrBytes};

use super::{Malformed, check};
use crate::versions::SUPPORTED;

fn s(text: &'static str) -> StrBytes {
    StrBytes::from_static_str(text)
}

fn encode<R: Encodable>(request: &R, version: i16) -> BytesMut {
    let mut buf = BytesMut::new();
    request.encode(&mut buf, version).unwrap_or_else(|e| panic!("v{version}: {e}"));
    buf
}

fn produce(version: i16) -> ProduceRequest {
    let mut partition = produce_request::PartitionProduceData::default();
    partition.index = 3;
    partition.records = Some(Bytes::from_static(b"0123456789"));
    let mut topic = produce_request::TopicProduceData::default();
    topic.name = TopicName(s("orders"));
    topic.partition_data = vec![partition.clone(), partition];
    let mut request = ProduceRequest::default();
    request.transactional_id = (version >= 3).then(|| TransactionalId(s("tx")));
    request.acks = -1;
    request.topic_data = vec![topic.clone(), topic];
    request
}

fn fetch(version: i16) -> FetchRequest {
    let mut partition = fetch_request::FetchPartition::default();
    partition.fetch_offset = 42;
    let mut topic = fetch_request::FetchTopic::default();
    topic.topic = TopicName(s("orders"));
    topic.partitions = vec![partition.clone(), partition];
    let mut request = FetchRequest::default();
    request.topics = vec![topic.clone(), topic];
    if version >= 7 {
        let mut forgotten = fetch_request::ForgottenTopic::default();
        forgotten.topic = TopicName(s("old"));
        forgotten.partitions = vec![1, 2];
        request.forgotten_topics_data = vec![forgotten];
    }
    if version >= 11 {
        request.rack_id = s("rack");
    }
    request
}

fn join_group() -> JoinGroupRequest {
    let mut protocol = join_group_request::JoinGroupRequestProtocol::default();
    protocol.name = s("range");
    protocol.metadata = Bytes::from_static(b"subscription");
    let mut request = JoinGroupRequest::default();
    request.group_id = GroupId(s("g"));
    request.protocol_type = s("consumer");
    request.protocols = vec![protocol.clone(), protocol];
    request
}

fn sync_group() -> SyncGroupRequest {
    let mut assignment = sync_group_request::SyncGroupRequestAssignment::default();
    assignment.member_id = s("m-1");
    assignment.assignment = Bytes::from_static(b"assignment");
    let mut request = SyncGroupRequest::default();
    request.group_id = GroupId(s("g"));
    request.assignments = vec![assignment.clone(), assignment];
    request
}

fn offset_commit() -> OffsetCommitRequest {
    let mut partition = offset_commit_request::OffsetCommitRequestPartition::default();
    partition.committed_offset = 7;
    partition.committed_metadata = Some(s("meta"));
    let mut topic = offset_commit_request::OffsetCommitRequestTopic::default();
    topic.name = TopicName(s("orders"));
    topic.partitions = vec![partition.clone(), partition];
    let mut request = OffsetCommitRequest::default();
    request.group_id = GroupId(s("g"));
    request.topics = vec![topic.clone(), topic];
    request
}

fn offset_fetch(version: i16) -> OffsetFetchRequest {
    let mut request = OffsetFetchRequest::default();
    if version < 8 {
        let mut topic = offset_fetch_request::OffsetFetchRequestTopic::default();
        topic.name = TopicName(s("orders"));
        topic.partition_indexes = vec![0, 1, 2];
        request.group_id = GroupId(s("g"));
        request.topics = Some(vec![topic.clone(), topic]);
    } else {
        let mut topic = offset_fetch_request::OffsetFetchRequestTopics::default();
        topic.name = TopicName(s("orders"));
        topic.partition_indexes = vec![0, 1, 2];
        let mut group = offset_fetch_request::OffsetFetchRequestGroup::default();
        group.group_id = GroupId(s("g"));
        group.topics = Some(vec![topic.clone(), topic]);
        request.groups = vec![group.clone(), group];
    }
    request
}

fn create_topics() -> CreateTopicsRequest {
    let mut assignment = create_topics_request::CreatableReplicaAssignment::default();
    assignment.broker_ids = vec![BrokerId(1), BrokerId(2)];
    let mut config = create_topics_request::CreatableTopicConfig::default();
    config.name = s("cleanup.policy");
    config.value = Some(s("compact"));
    let mut topic = create_topics_request::CreatableTopic::default();
    topic.name = TopicName(s("orders"));
    topic.assignments = vec![assignment.clone(), assignment];
    topic.configs = vec![config.clone(), config];
    let mut request = CreateTopicsRequest::default();
    request.topics = vec![topic.clone(), topic];
    request
}

/// A request body of `api` at `version` with its arrays filled, as a client encodes it.
pub(crate) fn sample_body(api: ApiKey, v: i16) -> BytesMut {
    match api {
        ApiKey::Produce => encode(&produce(v), v),
        ApiKey::Fetch => encode(&fetch(v), v),
        ApiKey::JoinGroup => encode(&join_group(), v),
        ApiKey::SyncGroup => encode(&sync_group(), v),
        ApiKey::OffsetCommit => encode(&offset_commit(), v),
        ApiKey::OffsetFetch => encode(&offset_fetch(v), v),
        ApiKey::CreateTopics => encode(&create_topics(), v),
        _ => other_body(api, v),
    }
}

#[test]
fn every_served_request_walks_to_its_last_byte() {
    for supported in SUPPORTED {
        for v in supported.min..=supported.max {
            let body = sample_body(supported.api, v);
            assert_eq!(check(supported.api, v, &body), Ok(body.len()), "{:?} v{v}", supported.api);
        }
    }
}

fn other_body(api: ApiKey, v: i16) -> BytesMut {
    match api {
        ApiKey::Metadata => {
            let mut topic = metadata_request::MetadataRequestTopic::default();
            topic.name = Some(TopicName(s("orders")));
            let mut request = MetadataRequest::default();
            request.topics = Some(vec![topic.clone(), topic]);
            encode(&request, v)
        }
        ApiKey::ListOffsets => {
            let mut partition = list_offsets_request::ListOffsetsPartition::default();
            partition.timestamp = -1;
            let mut topic = list_offsets_request::ListOffsetsTopic::default();
            topic.name = TopicName(s("orders"));
            topic.partitions = vec![partition.clone(), partition];
            let mut request = ListOffsetsRequest::default();
            request.topics = vec![topic.clone(), topic];
            encode(&request, v)
        }
        ApiKey::FindCoordinator => {
            let mut request = FindCoordinatorRequest::default();
            if v < 4 {
                request.key = s("g");
            } else {
                request.coordinator_keys = vec![s("g"), s("h")];
            }
            encode(&request, v)
        }
        ApiKey::LeaveGroup => {
            let mut request = LeaveGroupRequest::default();
            request.group_id = GroupId(s("g"));
            if v < 3 {
                request.member_id = s("m-1");
            } else {
                let mut member = leave_group_request::MemberIdentity::default();
                member.member_id = s("m-1");
                request.members = vec![member.clone(), member];
            }
            encode(&request, v)
        }
        ApiKey::DescribeGroups => {
            let mut request = DescribeGroupsRequest::default();
            request.groups = vec![GroupId(s("g")), GroupId(s("h"))];
            encode(&request, v)
        }
        ApiKey::DeleteGroups => {
            let mut request = DeleteGroupsRequest::default();
            request.groups_names = vec![GroupId(s("g")), GroupId(s("h"))];
            encode(&request, v)
        }
        ApiKey::DeleteTopics => {
            let mut request = DeleteTopicsRequest::default();
            if v < 6 {
                request.topic_names = vec![TopicName(s("a")), TopicName(s("b"))];
            } else {
                let mut topic = delete_topics_request::DeleteTopicState::default();
                topic.name = Some(TopicName(s("a")));
                request.topics = vec![topic.clone(), topic];
            }
            encode(&request, v)
        }
        ApiKey::DeleteRecords => {
            let mut partition = delete_records_request::DeleteRecordsPartition::default();
            partition.offset = -1;
            let mut topic = delete_records_request::DeleteRecordsTopic::default();
            topic.name = TopicName(s("orders"));
            topic.partitions = vec![partition.clone(), partition];
            let mut request = DeleteRecordsRequest::default();
            request.topics = vec![topic.clone(), topic];
            request.timeout_ms = 30_000;
            encode(&request, v)
        }
        ApiKey::DescribeConfigs => {
            let mut resource = describe_configs_request::DescribeConfigsResource::default();
            resource.resource_type = 2;
            resource.resource_name = s("orders");
            resource.configuration_keys = Some(vec![s("retention.ms"), s("segment.bytes")]);
            let mut request = DescribeConfigsRequest::default();
            request.resources = vec![resource.clone(), resource];
            encode(&request, v)
        }
        ApiKey::AlterConfigs => {
            let mut config = alter_configs_request::AlterableConfig::default();
            config.name = s("retention.ms");
            config.value = Some(s("1000"));
            let mut resource = alter_configs_request::AlterConfigsResource::default();
            resource.resource_type = 2;
            resource.resource_name = s("orders");
            resource.configs = vec![config.clone(), config];
            let mut request = AlterConfigsRequest::default();
            request.resources = vec![resource.clone(), resource];
            encode(&request, v)
        }
        ApiKey::DescribeLogDirs => {
            let mut topic = describe_log_dirs_request::DescribableLogDirTopic::default();
            topic.topic = TopicName(s("orders"));
            topic.partitions = vec![0, 1];
            let mut request = DescribeLogDirsRequest::default();
            request.topics = Some(vec![topic.clone(), topic]);
            encode(&request, v)
        }
        ApiKey::CreatePartitions => {
            let mut assignment = create_partitions_request::CreatePartitionsAssignment::default();
            assignment.broker_ids = vec![BrokerId(1)];
            let mut topic = create_partitions_request::CreatePartitionsTopic::default();
            topic.name = TopicName(s("orders"));
            topic.count = 3;
            topic.assignments = Some(vec![assignment.clone(), assignment]);
            let mut request = CreatePartitionsRequest::default();
            request.topics = vec![topic.clone(), topic];
            encode(&request, v)
        }
        ApiKey::ElectLeaders => {
            let mut topic = elect_leaders_request::TopicPartitions::default();
            topic.topic = TopicName(s("orders"));
            topic.partitions = vec![0, 1, 2];
            let mut request = ElectLeadersRequest::default();
            if v >= 1 {
                request.election_type = 1;
            }
            request.topic_partitions = Some(vec![topic.clone(), topic]);
            request.timeout_ms = 30_000;
            encode(&request, v)
        }
        ApiKey::OffsetDelete => {
            let mut partition = offset_delete_request::OffsetDeleteRequestPartition::default();
            partition.partition_index = 2;
            let mut topic = offset_delete_request::OffsetDeleteRequestTopic::default();
            topic.name = TopicName(s("orders"));
            topic.partitions = vec![partition.clone(), partition];
            let mut request = OffsetDeleteRequest::default();
            request.group_id = GroupId(s("g"));
            request.topics = vec![topic.clone(), topic];
            encode(&request, v)
        }
        ApiKey::IncrementalAlterConfigs => {
            let mut config = incremental_alter_configs_request::AlterableConfig::default();
            config.name = s("retention.ms");
            config.value = Some(s("1000"));
            let mut resource = incremental_alter_configs_request::AlterConfigsResource::default();
            resource.resource_type = 2;
            resource.resource_name = s("orders");
            resource.configs = vec![config.clone(), config];
            let mut request = IncrementalAlterConfigsRequest::default();
            request.resources = vec![resource.clone(), resource];
            encode(&request, v)
        }
        ApiKey::ApiVersions => {
            let mut request = ApiVersionsRequest::default();
            if v >= 3 {
                request.client_software_name = s("kplay-test");
                request.client_software_version = s("1.0");
            }
            encode(&request, v)
        }
        ApiKey::Heartbeat => encode(&HeartbeatRequest::default(), v),
        ApiKey::ListGroups => encode(&ListGroupsRequest::default(), v),
        ApiKey::InitProducerId => encode(&InitProducerIdRequest::default(), v),
        ApiKey::AddPartitionsToTxn => {
            let mut topic = add_partitions_to_txn_request::AddPartitionsToTxnTopic::default();
            topic.name = TopicName(s("orders"));
            topic.partitions = vec![0, 2];
            let mut request = AddPartitionsToTxnRequest::default();
            request.v3_and_below_transactional_id = TransactionalId(s("app"));
            request.v3_and_below_producer_id = ProducerId(4);
            request.v3_and_below_topics = vec![topic.clone(), topic];
            encode(&request, v)
        }
        ApiKey::AddOffsetsToTxn => {
            let mut request = AddOffsetsToTxnRequest::default();
            request.transactional_id = TransactionalId(s("app"));
            request.group_id = GroupId(s("g"));
            encode(&request, v)
        }
        ApiKey::EndTxn => {
            let mut request = EndTxnRequest::default();
            request.transactional_id = TransactionalId(s("app"));
            request.committed = true;
            encode(&request, v)
        }
        ApiKey::TxnOffsetCommit => {
            let mut partition =
                txn_offset_commit_request::TxnOffsetCommitRequestPartition::default();
            partition.committed_offset = 7;
            partition.committed_metadata = Some(s("m"));
            let mut topic = txn_offset_commit_request::TxnOffsetCommitRequestTopic::default();
            topic.name = TopicName(s("orders"));
            topic.partitions = vec![partition.clone(), partition];
            let mut request = TxnOffsetCommitRequest::default();
            request.transactional_id = TransactionalId(s("app"));
            request.group_id = GroupId(s("g"));
            if v >= 3 {
                request.generation_id = 4;
                request.member_id = s("m-1");
                request.group_instance_id = Some(s("i"));
            }
            request.topics = vec![topic.clone(), topic];
            encode(&request, v)
        }
        ApiKey::DescribeProducers => {
            let mut topic = describe_producers_request::TopicRequest::default();
            topic.name = TopicName(s("orders"));
            topic.partition_indexes = vec![0, 1];
            let mut request = DescribeProducersRequest::default();
            request.topics = vec![topic.clone(), topic];
            encode(&request, v)
        }
        ApiKey::DescribeTransactions => {
            let mut request = DescribeTransactionsRequest::default();
            request.transactional_ids = vec![TransactionalId(s("a")), TransactionalId(s("b"))];
            encode(&request, v)
        }
        ApiKey::ListTransactions => {
            let mut request = ListTransactionsRequest::default();
            request.state_filters = vec![s("Ongoing"), s("Empty")];
            request.producer_id_filters = vec![ProducerId(3), ProducerId(4)];
            if v >= 1 {
                request.duration_filter = 1_000;
            }
            encode(&request, v)
        }
        other => panic!("no sample request for {other:?}"),
    }
}

#[test]
fn a_forged_topic_count_is_refused() {
    // Produce v3: transactional id null, acks 1, timeout 1000, then 0x7fffffff topics.
    let body = [0xff, 0xff, 0, 1, 0, 0, 0x03, 0xe8, 0x7f, 0xff, 0xff, 0xff];
    let refused = check(ApiKey::Produce, 3, &body);
    assert!(matches!(refused, Err(Malformed::ForgedCount { at: 8, count: 0x7fff_ffff, .. })));
}

#[test]
fn a_forged_compact_count_is_refused() {
    // Produce v9: null transactional id (0), acks, timeout, then a varint count of ~2^28.
    let body = [0, 0, 1, 0, 0, 0x03, 0xe8, 0xff, 0xff, 0xff, 0x7f];
    assert!(matches!(check(ApiKey::Produce, 9, &body), Err(Malformed::ForgedCount { .. })));
}

#[test]
fn truncated_bodies_are_refused_wherever_they_stop() {
    let buf = encode(&produce(9), 9);
    for len in 0..buf.len() {
        assert!(check(ApiKey::Produce, 9, &buf[..len]).is_err(), "a body cut at {len}");
    }
}

#[test]
fn an_overlong_varint_is_refused() {
    let body = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
    assert_eq!(check(ApiKey::Produce, 9, &body), Err(Malformed::LongVarint(0)));
}
