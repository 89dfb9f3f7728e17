//! OffsetCommit (8): a consumer records how far it got, per partition, in its group.

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::ids::{
    GenerationId, GroupId, LeaderEpoch, MemberId, Offset, PartitionIndex, TopicName, TopicPartition,
};

/// One partition's commit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetCommitPartition {
    /// The partition.
    pub partition: PartitionIndex,
    /// The offset of the next record to consume.
    pub committed_offset: Offset,
    /// The leader epoch of the last consumed record, if known.
    pub committed_leader_epoch: LeaderEpoch,
    /// Free-form metadata stored with the offset.
    pub metadata: Option<String>,
}

/// One topic's commits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetCommitTopic {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<OffsetCommitPartition>,
}

/// OffsetCommit request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetCommitRequest {
    /// The group.
    pub group_id: GroupId,
    /// The member's generation, or -1 for a standalone consumer (`assign`).
    pub generation_id: GenerationId,
    /// The member, or empty for a standalone consumer.
    pub member_id: MemberId,
    /// Its `group.instance.id`.
    pub group_instance_id: Option<String>,
    /// What to commit.
    pub topics: Vec<OffsetCommitTopic>,
}

/// One partition's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetCommitPartitionResponse {
    /// The partition.
    pub partition: PartitionIndex,
    /// The error, if any.
    pub error: Option<ErrorCode>,
}

/// One topic's results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetCommitTopicResponse {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<OffsetCommitPartitionResponse>,
}

/// OffsetCommit response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetCommitResponse {
    /// Per-topic results.
    pub topics: Vec<OffsetCommitTopicResponse>,
}

impl OffsetCommitResponse {
    /// The same error for every partition of `request`.
    pub fn all(request: &OffsetCommitRequest, error: Option<ErrorCode>) -> Self {
        OffsetCommitResponse {
            topics: request
                .topics
                .iter()
                .map(|t| OffsetCommitTopicResponse {
                    name: t.name.clone(),
                    partitions: t
                        .partitions
                        .iter()
                        .map(|p| OffsetCommitPartitionResponse { partition: p.partition, error })
                        .collect(),
                })
                .collect(),
        }
    }
}

impl Engine {
    pub(crate) fn handle_offset_commit(
        &mut self,
        ctx: RequestContext,
        request: OffsetCommitRequest,
    ) -> Handled {
        let response = match self.check_coordinator(ctx.broker, request.group_id.as_str()) {
            Err(error) => OffsetCommitResponse::all(&request, Some(error)),
            Ok(()) => {
                let image = &self.image;
                let exists = |tp: &TopicPartition| image.partition(tp).is_some();
                self.groups.offset_commit(self.now, &request, &exists)
            }
        };
        Handled::Response(response.into())
    }
}
