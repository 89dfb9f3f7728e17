//! The transaction APIs between the wire and the engine: AddPartitionsToTxn (24, the producer
//! versions 0-3), AddOffsetsToTxn (25), EndTxn (26) and TxnOffsetCommit (28). Transaction
//! requests from a producer name its transactional id, producer id and epoch; the engine checks
//! them (see `kplay_core::engine` and `kplay_core::txn`).

use kafka_protocol::messages::add_partitions_to_txn_response::{
    AddPartitionsToTxnPartitionResult, AddPartitionsToTxnTopicResult,
};
use kafka_protocol::messages::txn_offset_commit_response::{
    TxnOffsetCommitResponsePartition, TxnOffsetCommitResponseTopic,
};
use kafka_protocol::messages::{
    AddOffsetsToTxnRequest, AddOffsetsToTxnResponse, AddPartitionsToTxnRequest,
    AddPartitionsToTxnResponse, EndTxnRequest, EndTxnResponse, TopicName, TxnOffsetCommitRequest,
    TxnOffsetCommitResponse,
};
use kplay_core::api;
use kplay_core::{
    ErrorCode, GenerationId, LeaderEpoch, Offset, PartitionIndex, ProducerEpoch, ProducerId,
};

use super::{code, name};

/// The error code a client of `version` expects: versions before KIP-588 know no
/// PRODUCER_FENCED and are told INVALID_PRODUCER_EPOCH, as Kafka tells them.
pub(super) fn fenced_as(error: Option<ErrorCode>, version: i16, fenced_since: i16) -> i16 {
    match error {
        Some(ErrorCode::ProducerFenced) if version < fenced_since => {
            ErrorCode::InvalidProducerEpoch.code()
        }
        other => code(other),
    }
}

pub(super) fn decode_add_partitions(
    r: AddPartitionsToTxnRequest,
) -> api::AddPartitionsToTxnRequest {
    api::AddPartitionsToTxnRequest {
        transactional_id: r.v3_and_below_transactional_id.0.to_string(),
        producer_id: ProducerId(r.v3_and_below_producer_id.0),
        producer_epoch: ProducerEpoch(r.v3_and_below_producer_epoch),
        topics: r
            .v3_and_below_topics
            .into_iter()
            .map(|t| api::AddPartitionsToTxnTopic {
                name: t.name.0.as_str().into(),
                partitions: t.partitions.into_iter().map(PartitionIndex).collect(),
            })
            .collect(),
    }
}

pub(super) fn encode_add_partitions(
    response: api::AddPartitionsToTxnResponse,
    version: i16,
) -> AddPartitionsToTxnResponse {
    let mut out = AddPartitionsToTxnResponse::default();
    out.results_by_topic_v3_and_below = response
        .topics
        .into_iter()
        .map(|t| {
            let mut topic = AddPartitionsToTxnTopicResult::default();
            topic.name = TopicName(name(t.name.as_str()));
            topic.results_by_partition = t
                .partitions
                .into_iter()
                .map(|p| {
                    let mut part = AddPartitionsToTxnPartitionResult::default();
                    part.partition_index = p.partition.0;
                    part.partition_error_code = fenced_as(p.error, version, 2);
                    part
                })
                .collect();
            topic
        })
        .collect();
    out
}

pub(super) fn decode_add_offsets(r: AddOffsetsToTxnRequest) -> api::AddOffsetsToTxnRequest {
    api::AddOffsetsToTxnRequest {
        transactional_id: r.transactional_id.0.to_string(),
        producer_id: ProducerId(r.producer_id.0),
        producer_epoch: ProducerEpoch(r.producer_epoch),
        group_id: r.group_id.0.as_str().into(),
    }
}

pub(super) fn encode_add_offsets(
    response: api::AddOffsetsToTxnResponse,
    version: i16,
) -> AddOffsetsToTxnResponse {
    let mut out = AddOffsetsToTxnResponse::default();
    out.error_code = fenced_as(response.error, version, 2);
    out
}

pub(super) fn decode_end_txn(r: EndTxnRequest) -> api::EndTxnRequest {
    api::EndTxnRequest {
        transactional_id: r.transactional_id.0.to_string(),
        producer_id: ProducerId(r.producer_id.0),
        producer_epoch: ProducerEpoch(r.producer_epoch),
        committed: r.committed,
    }
}

pub(super) fn encode_end_txn(response: api::EndTxnResponse, version: i16) -> EndTxnResponse {
    let mut out = EndTxnResponse::default();
    out.error_code = fenced_as(response.error, version, 2);
    out
}

pub(super) fn decode_txn_offset_commit(r: TxnOffsetCommitRequest) -> api::TxnOffsetCommitRequest {
    api::TxnOffsetCommitRequest {
        transactional_id: r.transactional_id.0.to_string(),
        group_id: r.group_id.0.as_str().into(),
        producer_id: ProducerId(r.producer_id.0),
        producer_epoch: ProducerEpoch(r.producer_epoch),
        generation_id: GenerationId(r.generation_id),
        member_id: r.member_id.as_str().into(),
        group_instance_id: r.group_instance_id.map(|i| i.to_string()),
        topics: r
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

pub(super) fn encode_txn_offset_commit(
    response: api::TxnOffsetCommitResponse,
) -> TxnOffsetCommitResponse {
    let mut out = TxnOffsetCommitResponse::default();
    out.topics = response
        .topics
        .into_iter()
        .map(|t| {
            let mut topic = TxnOffsetCommitResponseTopic::default();
            topic.name = TopicName(name(t.name.as_str()));
            topic.partitions = t
                .partitions
                .into_iter()
                .map(|p| {
                    let mut part = TxnOffsetCommitResponsePartition::default();
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
