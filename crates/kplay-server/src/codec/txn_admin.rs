//! The transaction admin APIs between the wire and the engine, as `kafka-transactions.sh` and
//! admin clients call them: DescribeProducers (61), DescribeTransactions (65) and
//! ListTransactions (66).

use std::collections::BTreeMap;

use kafka_protocol::messages::{
    DescribeProducersRequest, DescribeProducersResponse, DescribeTransactionsRequest,
    DescribeTransactionsResponse, ListTransactionsRequest, ListTransactionsResponse, ProducerId,
    TopicName, TransactionalId, describe_producers_response, describe_transactions_response,
    list_transactions_response,
};
use kafka_protocol::protocol::StrBytes;
use kplay_core::PartitionIndex;
use kplay_core::api;

use super::{code, name};

pub(super) fn decode_describe_producers(
    r: DescribeProducersRequest,
) -> api::DescribeProducersRequest {
    api::DescribeProducersRequest {
        topics: r
            .topics
            .into_iter()
            .map(|t| api::DescribeProducersTopic {
                name: t.name.0.as_str().into(),
                partitions: t.partition_indexes.into_iter().map(PartitionIndex).collect(),
            })
            .collect(),
    }
}

pub(super) fn encode_describe_producers(
    response: api::DescribeProducersResponse,
) -> DescribeProducersResponse {
    let mut out = DescribeProducersResponse::default();
    out.topics = response
        .topics
        .into_iter()
        .map(|t| {
            let mut topic = describe_producers_response::TopicResponse::default();
            topic.name = TopicName(name(t.name.as_str()));
            topic.partitions = t
                .partitions
                .into_iter()
                .map(|p| {
                    let mut part = describe_producers_response::PartitionResponse::default();
                    part.partition_index = p.partition.0;
                    part.error_code = code(p.error);
                    part.active_producers = p
                        .producers
                        .into_iter()
                        .map(|a| {
                            let mut s = describe_producers_response::ProducerState::default();
                            s.producer_id = ProducerId(a.producer_id.0);
                            s.producer_epoch = i32::from(a.producer_epoch.0);
                            s.last_sequence = a.last_sequence;
                            s.last_timestamp = a.last_timestamp.0;
                            s.coordinator_epoch = -1;
                            s.current_txn_start_offset = a.current_txn_start_offset.0;
                            s
                        })
                        .collect();
                    part
                })
                .collect();
            topic
        })
        .collect();
    out
}

pub(super) fn decode_describe_transactions(
    r: DescribeTransactionsRequest,
) -> api::DescribeTransactionsRequest {
    api::DescribeTransactionsRequest {
        transactional_ids: r.transactional_ids.into_iter().map(|id| id.0.to_string()).collect(),
    }
}

pub(super) fn encode_describe_transactions(
    response: api::DescribeTransactionsResponse,
) -> DescribeTransactionsResponse {
    let mut out = DescribeTransactionsResponse::default();
    out.transaction_states = response
        .transactions
        .into_iter()
        .map(|d| {
            let mut s = describe_transactions_response::TransactionState::default();
            s.error_code = code(d.error);
            s.transactional_id = TransactionalId(name(&d.transactional_id));
            s.transaction_state = StrBytes::from_static_str(d.state);
            s.transaction_timeout_ms = d.timeout_ms;
            s.transaction_start_time_ms = d.start_time.0;
            s.producer_id = ProducerId(d.producer_id.0);
            s.producer_epoch = d.producer_epoch.0;
            let mut by_topic: BTreeMap<String, Vec<i32>> = BTreeMap::new();
            for tp in d.partitions {
                by_topic.entry(tp.topic.to_string()).or_default().push(tp.partition.0);
            }
            s.topics = by_topic
                .into_iter()
                .map(|(topic, partitions)| {
                    let mut data = describe_transactions_response::TopicData::default();
                    data.topic = TopicName(name(&topic));
                    data.partitions = partitions;
                    data
                })
                .collect();
            s
        })
        .collect();
    out
}

pub(super) fn decode_list_transactions(r: ListTransactionsRequest) -> api::ListTransactionsRequest {
    api::ListTransactionsRequest {
        state_filters: r.state_filters.into_iter().map(|s| s.to_string()).collect(),
        producer_id_filters: r
            .producer_id_filters
            .into_iter()
            .map(|p| kplay_core::ProducerId(p.0))
            .collect(),
        duration_filter_ms: r.duration_filter,
    }
}

pub(super) fn encode_list_transactions(
    response: api::ListTransactionsResponse,
) -> ListTransactionsResponse {
    let mut out = ListTransactionsResponse::default();
    out.unknown_state_filters =
        response.unknown_state_filters.into_iter().map(StrBytes::from_string).collect();
    out.transaction_states = response
        .transactions
        .into_iter()
        .map(|t| {
            let mut s = list_transactions_response::TransactionState::default();
            s.transactional_id = TransactionalId(name(&t.transactional_id));
            s.producer_id = ProducerId(t.producer_id.0);
            s.transaction_state = StrBytes::from_static_str(t.state);
            s
        })
        .collect();
    out
}
