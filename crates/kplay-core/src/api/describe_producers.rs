//! DescribeProducers (61): the idempotent and transactional producers a partition's leader
//! remembers (`kafka-transactions.sh describe-producers`): each one's epoch, last sequence and
//! timestamp, and where its open transaction began.

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::ids::{
    LeaderEpoch, Offset, PartitionIndex, ProducerEpoch, ProducerId, Timestamp, TopicName,
    TopicPartition,
};

/// One topic's partitions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeProducersTopic {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<PartitionIndex>,
}

/// DescribeProducers request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeProducersRequest {
    /// The partitions.
    pub topics: Vec<DescribeProducersTopic>,
}

/// One producer a partition remembers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActiveProducer {
    /// Its id.
    pub producer_id: ProducerId,
    /// Its epoch.
    pub producer_epoch: ProducerEpoch,
    /// The last sequence number it wrote, or -1.
    pub last_sequence: i32,
    /// The timestamp of its last batch, or -1.
    pub last_timestamp: Timestamp,
    /// Where its open transaction began, or -1.
    pub current_txn_start_offset: Offset,
}

/// One partition's producers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribedProducers {
    /// The partition.
    pub partition: PartitionIndex,
    /// NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION, or none.
    pub error: Option<ErrorCode>,
    /// The producers.
    pub producers: Vec<ActiveProducer>,
}

/// One topic's partitions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeProducersTopicResponse {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<DescribedProducers>,
}

/// DescribeProducers response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeProducersResponse {
    /// Per-topic results, in request order.
    pub topics: Vec<DescribeProducersTopicResponse>,
}

impl Engine {
    pub(crate) fn handle_describe_producers(
        &mut self,
        ctx: RequestContext,
        request: DescribeProducersRequest,
    ) -> Handled {
        let topics = request
            .topics
            .into_iter()
            .map(|t| DescribeProducersTopicResponse {
                partitions: t
                    .partitions
                    .iter()
                    .map(|&partition| {
                        let tp = TopicPartition { topic: t.name.clone(), partition };
                        match self.leader_replica(ctx.broker, &tp, LeaderEpoch::UNKNOWN) {
                            Err(e) => {
                                DescribedProducers { partition, error: Some(e), producers: vec![] }
                            }
                            Ok(replica) => {
                                let log = &replica.log;
                                let producers = log
                                    .producers()
                                    .iter()
                                    .map(|(producer_id, producer_epoch, last)| ActiveProducer {
                                        producer_id,
                                        producer_epoch,
                                        last_sequence: last.map_or(-1, |b| b.last_sequence),
                                        last_timestamp: last
                                            .map_or(Timestamp::NONE, |b| b.timestamp),
                                        current_txn_start_offset: log
                                            .transactions()
                                            .ongoing(producer_id)
                                            .unwrap_or(Offset(-1)),
                                    })
                                    .collect();
                                DescribedProducers { partition, error: None, producers }
                            }
                        }
                    })
                    .collect(),
                name: t.name,
            })
            .collect();
        Handled::Response(DescribeProducersResponse { topics }.into())
    }
}
