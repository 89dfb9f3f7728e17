//! OffsetDelete (47): removes a group's committed offsets for some partitions
//! (`kafka-consumer-groups.sh --delete-offsets`); see the coordinator's `offset_delete` for who
//! may. Partitions the cluster does not have are UNKNOWN_TOPIC_OR_PARTITION, as Kafka's request
//! handler answers before the coordinator looks, so the coordinator is told which exist.

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::ids::{GroupId, PartitionIndex, TopicName, TopicPartition};

/// One topic's partitions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetDeleteTopic {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<PartitionIndex>,
}

/// OffsetDelete request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetDeleteRequest {
    /// The group.
    pub group_id: GroupId,
    /// The partitions whose offsets go.
    pub topics: Vec<OffsetDeleteTopic>,
}

/// One partition's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetDeletePartitionResult {
    /// The partition.
    pub partition: PartitionIndex,
    /// GROUP_SUBSCRIBED_TO_TOPIC, UNKNOWN_TOPIC_OR_PARTITION, or none.
    pub error: Option<ErrorCode>,
}

/// One topic's results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetDeleteTopicResult {
    /// The topic.
    pub name: TopicName,
    /// Its partitions, in request order.
    pub partitions: Vec<OffsetDeletePartitionResult>,
}

/// OffsetDelete response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetDeleteResponse {
    /// The group's error (NOT_COORDINATOR, GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP), if any; then
    /// the partitions are not listed.
    pub error: Option<ErrorCode>,
    /// Per-topic results, in request order.
    pub topics: Vec<OffsetDeleteTopicResult>,
}

impl Engine {
    pub(crate) fn handle_offset_delete(
        &mut self,
        ctx: RequestContext,
        request: OffsetDeleteRequest,
    ) -> Handled {
        let response = match self.check_coordinator(ctx.broker, request.group_id.as_str()) {
            Err(error) => OffsetDeleteResponse { error: Some(error), topics: Vec::new() },
            Ok(()) => {
                let image = &self.image;
                let exists = |tp: &TopicPartition| image.partition(tp).is_some();
                self.groups.offset_delete(self.now, &request, &exists)
            }
        };
        Handled::Response(response.into())
    }
}
