//! AddPartitionsToTxn (24): a transactional producer names each partition before it first
//! writes to it in a transaction, so that the coordinator knows where to write the markers.

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::ids::{PartitionIndex, ProducerEpoch, ProducerId, TopicName, TopicPartition};

/// One topic's partitions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddPartitionsToTxnTopic {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<PartitionIndex>,
}

/// AddPartitionsToTxn request (v0-3, as producers send it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddPartitionsToTxnRequest {
    /// The producer's transactional id.
    pub transactional_id: String,
    /// Its producer id.
    pub producer_id: ProducerId,
    /// Its epoch.
    pub producer_epoch: ProducerEpoch,
    /// The partitions to add.
    pub topics: Vec<AddPartitionsToTxnTopic>,
}

/// One partition's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddPartitionsToTxnPartitionResult {
    /// The partition.
    pub partition: PartitionIndex,
    /// The error, if any.
    pub error: Option<ErrorCode>,
}

/// One topic's results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddPartitionsToTxnTopicResult {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<AddPartitionsToTxnPartitionResult>,
}

/// AddPartitionsToTxn response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddPartitionsToTxnResponse {
    /// Per-topic results, in request order.
    pub topics: Vec<AddPartitionsToTxnTopicResult>,
}

impl Engine {
    pub(crate) fn handle_add_partitions_to_txn(
        &mut self,
        ctx: RequestContext,
        request: AddPartitionsToTxnRequest,
    ) -> Handled {
        let wanted: Vec<TopicPartition> = request
            .topics
            .iter()
            .flat_map(|t| {
                t.partitions.iter().map(|p| TopicPartition { topic: t.name.clone(), partition: *p })
            })
            .collect();
        // As Kafka: unknown partitions fail the request, and the others are not attempted.
        let unknown = |tp: &TopicPartition| {
            self.image.topics.get(&tp.topic).is_none_or(|t| t.partition(tp.partition).is_none())
        };
        let errors: Vec<Option<ErrorCode>> = if wanted.iter().any(unknown) {
            let each = |tp: &TopicPartition| {
                if unknown(tp) {
                    ErrorCode::UnknownTopicOrPartition
                } else {
                    ErrorCode::OperationNotAttempted
                }
            };
            wanted.iter().map(|tp| Some(each(tp))).collect()
        } else {
            let added = self.add_to_transaction(
                ctx.broker,
                &request.transactional_id,
                (request.producer_id, request.producer_epoch),
                &wanted,
                None,
            );
            vec![added.err(); wanted.len()]
        };
        let mut errors = errors.into_iter();
        let topics = request
            .topics
            .into_iter()
            .map(|t| AddPartitionsToTxnTopicResult {
                name: t.name,
                partitions: t
                    .partitions
                    .into_iter()
                    .map(|partition| AddPartitionsToTxnPartitionResult {
                        partition,
                        error: errors.next().flatten(),
                    })
                    .collect(),
            })
            .collect();
        Handled::Response(AddPartitionsToTxnResponse { topics }.into())
    }
}
