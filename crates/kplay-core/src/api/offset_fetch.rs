//! OffsetFetch (9): a consumer asks where its group got to, per partition.

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::ids::{GroupId, LeaderEpoch, Offset, PartitionIndex, TopicName};

/// The partitions of one topic to look up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetFetchTopic {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<PartitionIndex>,
}

/// One group to look up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetFetchGroup {
    /// The group.
    pub group_id: GroupId,
    /// The partitions, or `None` for every partition the group has committed.
    pub topics: Option<Vec<OffsetFetchTopic>>,
}

/// OffsetFetch request (v8+ asks for several groups; older versions for one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetFetchRequest {
    /// The groups.
    pub groups: Vec<OffsetFetchGroup>,
    /// v7+: a `read_committed` consumer asks that partitions with an offset still pending in
    /// an open transaction be answered UNSTABLE_OFFSET_COMMIT (KIP-447), so that it waits.
    pub require_stable: bool,
}

/// One partition's committed offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetFetchPartition {
    /// The partition.
    pub partition: PartitionIndex,
    /// The committed offset, or -1 if none.
    pub committed_offset: Offset,
    /// The leader epoch committed with it, or -1.
    pub committed_leader_epoch: LeaderEpoch,
    /// The metadata committed with it.
    pub metadata: Option<String>,
    /// The error, if any.
    pub error: Option<ErrorCode>,
}

/// One topic's committed offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetFetchTopicResponse {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<OffsetFetchPartition>,
}

/// One group's committed offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetFetchGroupResponse {
    /// The group.
    pub group_id: GroupId,
    /// A group-level error, e.g. NOT_COORDINATOR.
    pub error: Option<ErrorCode>,
    /// The offsets.
    pub topics: Vec<OffsetFetchTopicResponse>,
}

/// OffsetFetch response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetFetchResponse {
    /// Per-group results, in request order.
    pub groups: Vec<OffsetFetchGroupResponse>,
}

impl Engine {
    pub(crate) fn handle_offset_fetch(
        &mut self,
        ctx: RequestContext,
        request: OffsetFetchRequest,
    ) -> Handled {
        let groups = request
            .groups
            .iter()
            .map(|g| match self.check_coordinator(ctx.broker, g.group_id.as_str()) {
                Err(error) => OffsetFetchGroupResponse {
                    group_id: g.group_id.clone(),
                    error: Some(error),
                    topics: Vec::new(),
                },
                Ok(()) => self.groups.offset_fetch(g, request.require_stable),
            })
            .collect();
        Handled::Response(OffsetFetchResponse { groups }.into())
    }
}
