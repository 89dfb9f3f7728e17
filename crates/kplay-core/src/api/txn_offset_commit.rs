//! TxnOffsetCommit (28): a transactional producer commits a group's offsets as part of its
//! transaction. The group coordinator holds them aside until the transaction ends: a commit makes
//! them the group's committed offsets, an abort drops them.

use crate::engine::{Engine, Handled, RequestContext};
use crate::ids::{GenerationId, GroupId, MemberId, ProducerEpoch, ProducerId, TopicPartition};

use super::{OffsetCommitPartitionResponse, OffsetCommitTopic, OffsetCommitTopicResponse};

/// TxnOffsetCommit request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxnOffsetCommitRequest {
    /// The producer's transactional id.
    pub transactional_id: String,
    /// The group whose offsets these are.
    pub group_id: GroupId,
    /// The producer's id.
    pub producer_id: ProducerId,
    /// The producer's epoch.
    pub producer_epoch: ProducerEpoch,
    /// The consumer's generation (v3+), or -1.
    pub generation_id: GenerationId,
    /// The consumer's member id (v3+), or empty.
    pub member_id: MemberId,
    /// The consumer's `group.instance.id` (v3+).
    pub group_instance_id: Option<String>,
    /// The offsets.
    pub topics: Vec<OffsetCommitTopic>,
}

/// TxnOffsetCommit response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxnOffsetCommitResponse {
    /// Per-partition results, in request order.
    pub topics: Vec<OffsetCommitTopicResponse>,
}

impl TxnOffsetCommitResponse {
    /// Every partition of `request` answered with `error`.
    pub fn all(request: &TxnOffsetCommitRequest, error: crate::error::ErrorCode) -> Self {
        let topics = request.topics.iter().map(|t| OffsetCommitTopicResponse {
            name: t.name.clone(),
            partitions: t
                .partitions
                .iter()
                .map(|p| OffsetCommitPartitionResponse {
                    partition: p.partition,
                    error: Some(error),
                })
                .collect(),
        });
        TxnOffsetCommitResponse { topics: topics.collect() }
    }
}

impl Engine {
    pub(crate) fn handle_txn_offset_commit(
        &mut self,
        ctx: RequestContext,
        request: TxnOffsetCommitRequest,
    ) -> Handled {
        if let Err(e) = self.check_coordinator(ctx.broker, request.group_id.as_str()) {
            return Handled::Response(TxnOffsetCommitResponse::all(&request, e).into());
        }
        let image = &self.image;
        let exists = |tp: &TopicPartition| {
            image.topics.get(&tp.topic).is_some_and(|t| t.partition(tp.partition).is_some())
        };
        let response = self.groups.txn_offset_commit(self.now, &request, &exists);
        Handled::Response(response.into())
    }
}
