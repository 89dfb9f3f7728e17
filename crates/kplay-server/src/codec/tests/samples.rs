//! Engine responses with every field filled, one per API.

use std::collections::BTreeMap;
use std::sync::Arc;

use bytes::Bytes;
use kafka_protocol::messages::ApiKey;
use kplay_core::api::*;
use kplay_core::group::GroupState;
use kplay_core::*;

use super::super::Advertised;

pub(super) fn advertised() -> Advertised {
    Advertised {
        host: "127.0.0.1".into(),
        ports: BTreeMap::from([(BrokerId(1), 9092), (BrokerId(2), 9093)]),
    }
}

fn err() -> Option<KafkaError> {
    Some(KafkaError::new(ErrorCode::NotCoordinator, "not here"))
}

pub(super) fn t() -> TopicName {
    "orders".into()
}

pub(super) fn sample(api: ApiKey) -> Response {
    let p = PartitionIndex(1);
    match api {
        ApiKey::Produce => ProduceResponse {
            topics: vec![ProduceTopicResponse {
                name: t(),
                partitions: vec![ProducePartitionResponse {
                    partition: p,
                    error: err(),
                    base_offset: Offset(5),
                    log_append_time: Timestamp(7),
                    log_start_offset: Offset(1),
                }],
            }],
        }
        .into(),
        ApiKey::Fetch => {
            let batch = RecordBatch::new(vec![Record::new(
                None,
                Some(Bytes::from_static(b"v")),
                Timestamp(9),
            )]);
            FetchResponse {
                error: None,
                topics: vec![FetchTopicResponse {
                    name: t(),
                    partitions: vec![FetchPartitionResponse {
                        partition: p,
                        error: None,
                        high_watermark: Offset(3),
                        last_stable_offset: Offset(3),
                        log_start_offset: Offset(0),
                        aborted_transactions: Some(Vec::new()),
                        batches: vec![Arc::new(batch)],
                    }],
                }],
            }
            .into()
        }
        ApiKey::ListOffsets => ListOffsetsResponse {
            topics: vec![ListOffsetsTopicResponse {
                name: t(),
                partitions: vec![ListOffsetsPartitionResponse {
                    partition: p,
                    error: None,
                    timestamp: Timestamp(4),
                    offset: Offset(8),
                    leader_epoch: LeaderEpoch(2),
                }],
            }],
        }
        .into(),
        ApiKey::Metadata => MetadataResponse {
            brokers: vec![BrokerMetadata { node_id: BrokerId(1), rack: Some("r".into()) }],
            cluster_id: "c".into(),
            controller_id: BrokerId(1),
            topics: vec![TopicMetadata {
                error: None,
                name: t(),
                topic_id: Uuid([7; 16]),
                is_internal: false,
                partitions: vec![PartitionMetadata {
                    error: None,
                    partition: p,
                    leader: BrokerId(1),
                    leader_epoch: LeaderEpoch(3),
                    replicas: vec![BrokerId(1), BrokerId(2)],
                    isr: vec![BrokerId(1)],
                    offline_replicas: vec![BrokerId(2)],
                }],
            }],
        }
        .into(),
        ApiKey::OffsetCommit => OffsetCommitResponse {
            topics: vec![OffsetCommitTopicResponse {
                name: t(),
                partitions: vec![OffsetCommitPartitionResponse {
                    partition: p,
                    error: Some(ErrorCode::IllegalGeneration),
                }],
            }],
        }
        .into(),
        ApiKey::OffsetFetch => OffsetFetchResponse {
            groups: vec![OffsetFetchGroupResponse {
                group_id: "g".into(),
                error: Some(ErrorCode::NotCoordinator),
                topics: vec![OffsetFetchTopicResponse {
                    name: t(),
                    partitions: vec![OffsetFetchPartition {
                        partition: p,
                        committed_offset: Offset(12),
                        committed_leader_epoch: LeaderEpoch(1),
                        metadata: Some("m".into()),
                        error: Some(ErrorCode::UnknownTopicOrPartition),
                    }],
                }],
            }],
        }
        .into(),
        ApiKey::FindCoordinator => FindCoordinatorResponse {
            coordinators: vec![
                Coordinator { key: "g".into(), node_id: BrokerId(2), error: None },
                Coordinator { key: "h".into(), node_id: BrokerId::NONE, error: err() },
            ],
        }
        .into(),
        ApiKey::JoinGroup => JoinGroupResponse {
            error: None,
            generation_id: GenerationId(3),
            protocol_type: Some("consumer".into()),
            protocol_name: Some("range".into()),
            leader: "m-1".into(),
            skip_assignment: true,
            member_id: "m-1".into(),
            members: vec![JoinGroupMember {
                member_id: "m-1".into(),
                group_instance_id: Some("i".into()),
                metadata: Bytes::from_static(b"sub"),
            }],
        }
        .into(),
        ApiKey::Heartbeat => {
            HeartbeatResponse { error: Some(ErrorCode::RebalanceInProgress) }.into()
        }
        ApiKey::LeaveGroup => LeaveGroupResponse {
            error: None,
            members: vec![LeftMember {
                member_id: "m-1".into(),
                group_instance_id: Some("i".into()),
                error: Some(ErrorCode::UnknownMemberId),
            }],
        }
        .into(),
        ApiKey::SyncGroup => SyncGroupResponse {
            error: None,
            protocol_type: Some("consumer".into()),
            protocol_name: Some("range".into()),
            assignment: Bytes::from_static(b"a"),
        }
        .into(),
        _ => sample_admin(api),
    }
}

fn sample_admin(api: ApiKey) -> Response {
    let entry = ConfigEntry {
        name: "retention.ms".into(),
        value: Some("1".into()),
        read_only: true,
        source: ConfigSource::DynamicTopic,
        config_type: kplay_core::topic_config::ConfigType::Long,
        synonyms: vec![ConfigSynonym {
            name: "log.retention.ms".into(),
            value: "2".into(),
            source: ConfigSource::StaticBroker,
        }],
    };
    match api {
        ApiKey::DescribeGroups => DescribeGroupsResponse {
            groups: vec![DescribedGroup {
                error: None,
                group_id: "g".into(),
                group_state: GroupState::Stable,
                protocol_type: "consumer".into(),
                protocol: "range".into(),
                members: vec![DescribedMember {
                    member_id: "m-1".into(),
                    group_instance_id: Some("i".into()),
                    client_id: "c".into(),
                    client_host: "/127.0.0.1".into(),
                    member_metadata: Bytes::from_static(b"m"),
                    member_assignment: Bytes::from_static(b"a"),
                }],
            }],
        }
        .into(),
        ApiKey::ListGroups => ListGroupsResponse {
            error: None,
            groups: vec![ListedGroup {
                group_id: "g".into(),
                protocol_type: "consumer".into(),
                group_state: GroupState::Empty,
            }],
        }
        .into(),
        ApiKey::DeleteGroups => DeleteGroupsResponse {
            results: vec![DeletedGroup {
                group_id: "g".into(),
                error: Some(ErrorCode::NonEmptyGroup),
            }],
        }
        .into(),
        ApiKey::CreateTopics => CreateTopicsResponse {
            topics: vec![CreatedTopic {
                name: t(),
                topic_id: Uuid([1; 16]),
                error: err(),
                num_partitions: 3,
                replication_factor: 2,
                configs: vec![entry.clone()],
            }],
        }
        .into(),
        ApiKey::DeleteTopics => DeleteTopicsResponse {
            topics: vec![DeletedTopic { name: Some(t()), topic_id: Uuid([1; 16]), error: err() }],
        }
        .into(),
        ApiKey::CreatePartitions => CreatePartitionsResponse {
            results: vec![CreatePartitionsResult { name: t(), error: err() }],
        }
        .into(),
        ApiKey::DeleteRecords => DeleteRecordsResponse {
            topics: vec![DeleteRecordsTopicResult {
                name: t(),
                partitions: vec![
                    DeleteRecordsPartitionResult {
                        partition: PartitionIndex(1),
                        low_watermark: Offset(9),
                        error: None,
                    },
                    DeleteRecordsPartitionResult {
                        partition: PartitionIndex(2),
                        low_watermark: Offset(-1),
                        error: Some(KafkaError::new(ErrorCode::OffsetOutOfRange, "too far")),
                    },
                ],
            }],
        }
        .into(),
        ApiKey::ElectLeaders => ElectLeadersResponse {
            topics: vec![ElectLeadersTopicResult {
                name: t(),
                partitions: vec![ElectLeadersPartitionResult {
                    partition: PartitionIndex(1),
                    error: Some(KafkaError::new(ErrorCode::ElectionNotNeeded, "leads")),
                }],
            }],
        }
        .into(),
        ApiKey::OffsetDelete => OffsetDeleteResponse {
            error: None,
            topics: vec![OffsetDeleteTopicResult {
                name: t(),
                partitions: vec![OffsetDeletePartitionResult {
                    partition: PartitionIndex(1),
                    error: Some(ErrorCode::GroupSubscribedToTopic),
                }],
            }],
        }
        .into(),
        ApiKey::AlterConfigs => AlterConfigsResponse {
            results: vec![AlterConfigsResult {
                resource: ConfigResource::Topic(t()),
                error: err(),
            }],
        }
        .into(),
        ApiKey::DescribeLogDirs => DescribeLogDirsResponse {
            topics: vec![LogDirTopic {
                name: t(),
                partitions: vec![LogDirPartition {
                    partition: PartitionIndex(1),
                    size_bytes: 4096,
                    offset_lag: 0,
                }],
            }],
        }
        .into(),
        ApiKey::InitProducerId => InitProducerIdResponse {
            error: None,
            producer_id: ProducerId(4),
            producer_epoch: ProducerEpoch(1),
        }
        .into(),
        ApiKey::DescribeConfigs => DescribeConfigsResponse {
            results: vec![DescribedConfigs {
                resource: ConfigResource::Topic(t()),
                error: None,
                configs: vec![entry],
            }],
        }
        .into(),
        ApiKey::IncrementalAlterConfigs => IncrementalAlterConfigsResponse {
            results: vec![AlterConfigsResult {
                resource: ConfigResource::Broker(BrokerId(1)),
                error: err(),
            }],
        }
        .into(),
        ApiKey::AddPartitionsToTxn => AddPartitionsToTxnResponse {
            topics: vec![AddPartitionsToTxnTopicResult {
                name: t(),
                partitions: vec![AddPartitionsToTxnPartitionResult {
                    partition: PartitionIndex(2),
                    error: Some(ErrorCode::ConcurrentTransactions),
                }],
            }],
        }
        .into(),
        ApiKey::AddOffsetsToTxn => {
            AddOffsetsToTxnResponse { error: Some(ErrorCode::ProducerFenced) }.into()
        }
        ApiKey::EndTxn => EndTxnResponse { error: Some(ErrorCode::InvalidTxnState) }.into(),
        ApiKey::TxnOffsetCommit => TxnOffsetCommitResponse {
            topics: vec![OffsetCommitTopicResponse {
                name: t(),
                partitions: vec![OffsetCommitPartitionResponse {
                    partition: PartitionIndex(0),
                    error: Some(ErrorCode::IllegalGeneration),
                }],
            }],
        }
        .into(),
        ApiKey::DescribeProducers => DescribeProducersResponse {
            topics: vec![DescribeProducersTopicResponse {
                name: t(),
                partitions: vec![DescribedProducers {
                    partition: PartitionIndex(1),
                    error: None,
                    producers: vec![ActiveProducer {
                        producer_id: ProducerId(4),
                        producer_epoch: ProducerEpoch(2),
                        last_sequence: 9,
                        last_timestamp: Timestamp(1_000),
                        current_txn_start_offset: Offset(7),
                    }],
                }],
            }],
        }
        .into(),
        ApiKey::DescribeTransactions => DescribeTransactionsResponse {
            transactions: vec![DescribedTransaction {
                transactional_id: "app".into(),
                error: None,
                state: "Ongoing",
                timeout_ms: 60_000,
                start_time: Timestamp(1_000),
                producer_id: ProducerId(4),
                producer_epoch: ProducerEpoch(2),
                partitions: vec![TopicPartition::new("orders", 1)],
            }],
        }
        .into(),
        ApiKey::ListTransactions => ListTransactionsResponse {
            unknown_state_filters: vec!["Sideways".into()],
            transactions: vec![ListedTransaction {
                transactional_id: "app".into(),
                producer_id: ProducerId(4),
                state: "Ongoing",
            }],
        }
        .into(),
        other => panic!("no sample response for {other:?}"),
    }
}
