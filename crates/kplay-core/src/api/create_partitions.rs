//! CreatePartitions (37): grows a topic to more partitions (never fewer).

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::KafkaError;
use crate::ids::{BrokerId, TopicName};

/// One topic to grow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreatePartitionsTopic {
    /// The topic.
    pub name: TopicName,
    /// The new total partition count.
    pub count: i32,
    /// Replicas for each new partition, or `None` to place them as Kafka does.
    pub assignments: Option<Vec<Vec<BrokerId>>>,
}

/// CreatePartitions request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreatePartitionsRequest {
    /// The topics.
    pub topics: Vec<CreatePartitionsTopic>,
    /// Only validate; change nothing.
    pub validate_only: bool,
}

/// One topic's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreatePartitionsResult {
    /// The topic.
    pub name: TopicName,
    /// The error, if any.
    pub error: Option<KafkaError>,
}

/// CreatePartitions response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreatePartitionsResponse {
    /// Per-topic results, in request order.
    pub results: Vec<CreatePartitionsResult>,
}

impl Engine {
    pub(crate) fn handle_create_partitions(
        &mut self,
        _ctx: RequestContext,
        request: CreatePartitionsRequest,
    ) -> Handled {
        let results = request
            .topics
            .iter()
            .map(|t| CreatePartitionsResult {
                name: t.name.clone(),
                error: self
                    .add_partitions(
                        &t.name,
                        t.count,
                        t.assignments.as_deref(),
                        request.validate_only,
                    )
                    .err(),
            })
            .collect();
        Handled::Response(CreatePartitionsResponse { results }.into())
    }
}
