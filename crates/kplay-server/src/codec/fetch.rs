//! Fetch (1) and ListOffsets (2) between the wire and the engine.
//!
//! Fetch sessions (KIP-227) are not kept: every fetch is a full fetch and the answer carries
//! session id 0, which tells clients that no session was created, as a Kafka broker whose session
//! cache is full says it.

use bytes::BytesMut;
use kafka_protocol::messages::fetch_response::{
    AbortedTransaction, FetchableTopicResponse, PartitionData,
};
use kafka_protocol::messages::list_offsets_response::{
    ListOffsetsPartitionResponse, ListOffsetsTopicResponse,
};
use kafka_protocol::messages::{
    FetchRequest, FetchResponse, ListOffsetsRequest, ListOffsetsResponse, ProducerId, TopicName,
};
use kplay_core::api::{self, IsolationLevel, OffsetSpec};
use kplay_core::{LeaderEpoch, Offset, PartitionIndex};

use super::records::encode_batch;
use super::{code, name};

fn isolation(level: i8) -> IsolationLevel {
    if level == 1 { IsolationLevel::ReadCommitted } else { IsolationLevel::ReadUncommitted }
}

pub(super) fn decode_fetch(request: FetchRequest) -> api::FetchRequest {
    api::FetchRequest {
        max_wait_ms: request.max_wait_ms,
        min_bytes: request.min_bytes,
        max_bytes: request.max_bytes,
        isolation_level: isolation(request.isolation_level),
        topics: request
            .topics
            .into_iter()
            .map(|t| api::FetchTopic {
                name: t.topic.0.as_str().into(),
                partitions: t
                    .partitions
                    .into_iter()
                    .map(|p| api::FetchPartition {
                        partition: PartitionIndex(p.partition),
                        fetch_offset: Offset(p.fetch_offset),
                        partition_max_bytes: p.partition_max_bytes,
                        current_leader_epoch: LeaderEpoch(p.current_leader_epoch),
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub(super) fn encode_fetch(response: api::FetchResponse) -> FetchResponse {
    let mut out = FetchResponse::default();
    out.error_code = code(response.error);
    out.session_id = 0;
    out.responses = response
        .topics
        .into_iter()
        .map(|t| {
            let mut topic = FetchableTopicResponse::default();
            topic.topic = TopicName(name(t.name.as_str()));
            topic.partitions = t.partitions.into_iter().map(fetched_partition).collect();
            topic
        })
        .collect();
    out
}

fn fetched_partition(p: api::FetchPartitionResponse) -> PartitionData {
    let mut records = BytesMut::with_capacity(p.bytes());
    for batch in &p.batches {
        encode_batch(batch, &mut records);
    }
    let mut out = PartitionData::default();
    out.partition_index = p.partition.0;
    out.error_code = code(p.error);
    out.high_watermark = p.high_watermark.0;
    out.last_stable_offset = p.last_stable_offset.0;
    out.log_start_offset = p.log_start_offset.0;
    // What a read_committed consumer must skip; empty rather than null for read_uncommitted.
    let aborted = p.aborted_transactions.unwrap_or_default().into_iter().map(|a| {
        let mut t = AbortedTransaction::default();
        t.producer_id = ProducerId(a.producer_id.0);
        t.first_offset = a.first_offset.0;
        t
    });
    out.aborted_transactions = Some(aborted.collect());
    // Never null: librdkafka refuses a records field of size -1.
    out.records = Some(records.freeze());
    out
}

pub(super) fn decode_list_offsets(request: ListOffsetsRequest) -> api::ListOffsetsRequest {
    api::ListOffsetsRequest {
        isolation_level: isolation(request.isolation_level),
        topics: request
            .topics
            .into_iter()
            .map(|t| api::ListOffsetsTopic {
                name: t.name.0.as_str().into(),
                partitions: t
                    .partitions
                    .into_iter()
                    .map(|p| api::ListOffsetsPartition {
                        partition: PartitionIndex(p.partition_index),
                        spec: OffsetSpec::from_wire(p.timestamp),
                        current_leader_epoch: LeaderEpoch(p.current_leader_epoch),
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub(super) fn encode_list_offsets(
    response: api::ListOffsetsResponse,
    version: i16,
) -> ListOffsetsResponse {
    let mut out = ListOffsetsResponse::default();
    out.topics = response
        .topics
        .into_iter()
        .map(|t| {
            let mut topic = ListOffsetsTopicResponse::default();
            topic.name = TopicName(name(t.name.as_str()));
            topic.partitions = t
                .partitions
                .into_iter()
                .map(|p| {
                    let mut part = ListOffsetsPartitionResponse::default();
                    part.partition_index = p.partition.0;
                    part.error_code = code(p.error);
                    part.timestamp = p.timestamp.0;
                    part.offset = p.offset.0;
                    if version >= 4 {
                        part.leader_epoch = p.leader_epoch.0;
                    }
                    part
                })
                .collect();
            topic
        })
        .collect();
    out
}
