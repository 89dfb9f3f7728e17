//! Produce (0) and InitProducerId (22) between the wire and the engine.
//!
//! A partition whose batch cannot be read (bad CRC, not one v2 batch) never reaches the engine:
//! it is answered by the codec, merged into the engine's answer for the rest of the request.

use kafka_protocol::messages::produce_response::{PartitionProduceResponse, TopicProduceResponse};
use kafka_protocol::messages::{
    InitProducerIdRequest, InitProducerIdResponse, ProduceRequest, ProduceResponse, TopicName,
};
use kplay_core::api::{self, Acks, ProducePartitionResponse};
use kplay_core::{ErrorCode, PartitionIndex, ProducerEpoch, ProducerId};

use super::records::decode_batch;
use super::records::inflate::Budget;
use super::{Carry, code, message, name};

/// The engine's request, and the partitions the codec already refused.
pub(super) fn decode_produce(request: ProduceRequest) -> (api::ProduceRequest, Carry) {
    let acks = Acks::from_wire(request.acks);
    let mut refused = Vec::new();
    let mut budget = Budget::per_request();
    let mut topics = Vec::with_capacity(request.topic_data.len());
    for topic in request.topic_data {
        let topic_name = kplay_core::TopicName::from(topic.name.0.as_str());
        let mut partitions = Vec::with_capacity(topic.partition_data.len());
        for p in topic.partition_data {
            let partition = PartitionIndex(p.index);
            let batch = match (&acks, p.records) {
                (Err(e), _) => Err((*e).into()),
                (Ok(_), None) => Err(kplay_core::KafkaError::new(
                    ErrorCode::InvalidRecord,
                    "A produce request must carry records.",
                )),
                (Ok(_), Some(bytes)) => decode_batch(bytes, &mut budget),
            };
            match batch {
                Ok(batch) => partitions.push(api::ProducePartition { partition, batch }),
                Err(e) => refused
                    .push((topic_name.clone(), ProducePartitionResponse::error(partition, e))),
            }
        }
        topics.push(api::ProduceTopic { name: topic_name, partitions });
    }
    let request = api::ProduceRequest {
        acks: acks.unwrap_or(Acks::Leader),
        timeout_ms: request.timeout_ms,
        topics,
    };
    (request, Carry::Refused(refused))
}

pub(super) fn encode_produce(
    response: api::ProduceResponse,
    refused: Vec<(kplay_core::TopicName, ProducePartitionResponse)>,
) -> ProduceResponse {
    let mut topics = response.topics;
    for (topic, partition) in refused {
        match topics.iter_mut().find(|t| t.name == topic) {
            Some(t) => t.partitions.push(partition),
            None => {
                topics.push(api::ProduceTopicResponse { name: topic, partitions: vec![partition] })
            }
        }
    }
    let mut out = ProduceResponse::default();
    out.responses = topics
        .into_iter()
        .map(|t| {
            let mut topic = TopicProduceResponse::default();
            topic.name = TopicName(name(t.name.as_str()));
            topic.partition_responses = t.partitions.into_iter().map(partition).collect();
            topic
        })
        .collect();
    out
}

fn partition(p: ProducePartitionResponse) -> PartitionProduceResponse {
    let mut out = PartitionProduceResponse::default();
    out.index = p.partition.0;
    out.error_code = code(p.error.as_ref().map(|e| e.code));
    out.error_message = message(p.error.as_ref());
    out.base_offset = p.base_offset.0;
    out.log_append_time_ms = p.log_append_time.0;
    out.log_start_offset = p.log_start_offset.0;
    out
}

pub(super) fn decode_init_producer_id(
    request: InitProducerIdRequest,
) -> api::InitProducerIdRequest {
    api::InitProducerIdRequest {
        transactional_id: request.transactional_id.map(|t| t.0.to_string()),
        transaction_timeout_ms: request.transaction_timeout_ms,
        producer_id: ProducerId(request.producer_id.0),
        producer_epoch: ProducerEpoch(request.producer_epoch),
    }
}

pub(super) fn encode_init_producer_id(
    response: api::InitProducerIdResponse,
    version: i16,
) -> InitProducerIdResponse {
    let mut out = InitProducerIdResponse::default();
    out.error_code = super::txn::fenced_as(response.error, version, 4);
    out.producer_id = kafka_protocol::messages::ProducerId(response.producer_id.0);
    out.producer_epoch = response.producer_epoch.0;
    out
}
