//! DeleteRecords (21) between the wire and the engine. The request's `timeout_ms` is not needed:
//! the engine answers at once (see `kplay_core::api::delete_records`).

use kafka_protocol::messages::delete_records_response::{
    DeleteRecordsPartitionResult, DeleteRecordsTopicResult,
};
use kafka_protocol::messages::{DeleteRecordsRequest, DeleteRecordsResponse, TopicName};
use kplay_core::api;
use kplay_core::{Offset, PartitionIndex};

use super::{code, name};

pub(super) fn decode_delete_records(request: DeleteRecordsRequest) -> api::DeleteRecordsRequest {
    api::DeleteRecordsRequest {
        topics: request
            .topics
            .into_iter()
            .map(|t| api::DeleteRecordsTopic {
                name: t.name.0.as_str().into(),
                partitions: t
                    .partitions
                    .into_iter()
                    .map(|p| api::DeleteRecordsPartition {
                        partition: PartitionIndex(p.partition_index),
                        offset: Offset(p.offset),
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub(super) fn encode_delete_records(response: api::DeleteRecordsResponse) -> DeleteRecordsResponse {
    let mut out = DeleteRecordsResponse::default();
    out.topics = response
        .topics
        .into_iter()
        .map(|t| {
            let mut topic = DeleteRecordsTopicResult::default();
            topic.name = TopicName(name(t.name.as_str()));
            topic.partitions = t
                .partitions
                .into_iter()
                .map(|p| {
                    let mut part = DeleteRecordsPartitionResult::default();
                    part.partition_index = p.partition.0;
                    part.low_watermark = p.low_watermark.0;
                    part.error_code = code(p.error.as_ref().map(|e| e.code));
                    part
                })
                .collect();
            topic
        })
        .collect();
    out
}
