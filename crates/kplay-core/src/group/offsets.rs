//! OffsetCommit and OffsetFetch: where each group got to, per partition.
//!
//! Who may commit follows Kafka's `validateOffsetCommit`: a standalone consumer (generation -1,
//! no member id) commits to a group that does not exist (it is created `Empty`) or is `Empty`;
//! group members commit with their current generation in `Stable` and `PreparingRebalance`
//! (eager consumers commit while revoking), and are told REBALANCE_IN_PROGRESS in
//! `CompletingRebalance`. Partitions the cluster does not know are answered
//! UNKNOWN_TOPIC_OR_PARTITION before the group is looked at, as Kafka's request handler does.
//! Invariant: offsets are kept in a `VecMap`, so fetching "all" is in partition order.

use crate::api::{
    OffsetCommitPartition, OffsetCommitPartitionResponse, OffsetCommitRequest,
    OffsetCommitResponse, OffsetCommitTopicResponse, OffsetFetchGroup, OffsetFetchGroupResponse,
    OffsetFetchPartition, OffsetFetchTopicResponse,
};
use crate::error::ErrorCode;
use crate::event::Event;
use crate::ids::{
    GroupId, LeaderEpoch, Offset, PartitionIndex, Timestamp, TopicName, TopicPartition,
};
use crate::vec_map::VecMap;

use super::GroupState;
use super::ctx::Ctx;
use super::state::Group;

/// A committed offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommittedOffset {
    /// The offset of the next record to consume.
    pub offset: Offset,
    /// The leader epoch of the last consumed record, or -1.
    pub leader_epoch: LeaderEpoch,
    /// The metadata committed with it (empty if none).
    pub metadata: String,
    /// When it was committed.
    pub commit_timestamp: Timestamp,
    /// Its place in the order of commits (of a transaction's offset: when it was sent).
    pub(crate) sequence: u64,
}

/// Handles an OffsetCommit.
pub(crate) fn offset_commit(
    groups: &mut VecMap<GroupId, Group>,
    cx: &mut Ctx,
    req: &OffsetCommitRequest,
    partition_exists: &dyn Fn(&TopicPartition) -> bool,
) -> OffsetCommitResponse {
    let exists = |topic: &TopicName, partition: PartitionIndex| {
        partition_exists(&TopicPartition { topic: topic.clone(), partition })
    };
    let any_known =
        req.topics.iter().any(|t| t.partitions.iter().any(|p| exists(&t.name, p.partition)));
    let existed = groups.contains_key(&req.group_id);
    let group_error = if any_known { commit_allowed(groups, cx, req) } else { None };
    let mut topics = Vec::with_capacity(req.topics.len());
    for topic in &req.topics {
        let mut partitions = Vec::with_capacity(topic.partitions.len());
        for p in &topic.partitions {
            let error = refusal(exists(&topic.name, p.partition), group_error, p, cx);
            if error.is_none() {
                store(groups, cx, req, &topic.name, p);
            }
            partitions.push(OffsetCommitPartitionResponse { partition: p.partition, error });
        }
        topics.push(OffsetCommitTopicResponse { name: topic.name.clone(), partitions });
    }
    let nothing_stored = groups.get(&req.group_id).is_some_and(|g| {
        g.state == GroupState::Empty
            && g.members.is_empty()
            && g.pending_members.is_empty()
            && g.offsets.is_empty()
    });
    if nothing_stored && !existed {
        // A standalone commit created the group but stored nothing: do not keep it.
        groups.remove(&req.group_id);
    }
    OffsetCommitResponse { topics }
}

/// Why one partition's commit is refused, if it is, in the order Kafka checks: a partition the
/// cluster does not have, the group's refusal, metadata over `offset.metadata.max.bytes`.
/// OffsetCommit and TxnOffsetCommit share it.
pub(super) fn refusal(
    exists: bool,
    group_error: Option<ErrorCode>,
    p: &OffsetCommitPartition,
    cx: &Ctx,
) -> Option<ErrorCode> {
    if !exists {
        Some(ErrorCode::UnknownTopicOrPartition)
    } else if group_error.is_some() {
        group_error
    } else if p.metadata.as_ref().is_some_and(|m| m.len() > cx.config.offset_metadata_max_bytes) {
        Some(ErrorCode::OffsetMetadataTooLarge)
    } else {
        None
    }
}

impl CommittedOffset {
    /// The offset `p` commits, stored now, next in the order of commits.
    pub(super) fn stored(p: &OffsetCommitPartition, cx: &mut Ctx) -> CommittedOffset {
        CommittedOffset {
            offset: p.committed_offset,
            leader_epoch: p.committed_leader_epoch,
            metadata: p.metadata.clone().unwrap_or_default(),
            commit_timestamp: cx.now,
            sequence: cx.next_commit(),
        }
    }
}

/// Whether this request may commit to the group (creating it for a standalone consumer); a
/// valid commit from a member restarts its session.
fn commit_allowed(
    groups: &mut VecMap<GroupId, Group>,
    cx: &mut Ctx,
    req: &OffsetCommitRequest,
) -> Option<ErrorCode> {
    if !groups.contains_key(&req.group_id) {
        if req.generation_id.0 >= 0 {
            // A member of a generation the coordinator has never seen.
            return Some(ErrorCode::IllegalGeneration);
        }
        groups.insert(req.group_id.clone(), Group::new(req.group_id.clone()));
    }
    let Some(g) = groups.get_mut(&req.group_id) else {
        return Some(ErrorCode::CoordinatorNotAvailable);
    };
    if let Some(code) = validate(g, req) {
        return Some(code);
    }
    match g.state {
        GroupState::Empty => None,
        GroupState::Dead => Some(ErrorCode::CoordinatorNotAvailable),
        GroupState::CompletingRebalance => Some(ErrorCode::RebalanceInProgress),
        GroupState::Stable | GroupState::PreparingRebalance => {
            let group_id = g.group_id.clone();
            if let Some(member) = g.member_mut(&req.member_id) {
                cx.refresh_session(&group_id, member);
            }
            None
        }
    }
}

fn validate(g: &Group, req: &OffsetCommitRequest) -> Option<ErrorCode> {
    let generation = req.generation_id;
    if g.state == GroupState::Dead {
        Some(ErrorCode::CoordinatorNotAvailable)
    } else if generation.0 < 0 && g.state == GroupState::Empty {
        // A standalone consumer or an admin client; fine while the group has no members.
        None
    } else if generation.0 >= 0 || !req.member_id.is_unknown() || req.group_instance_id.is_some() {
        g.validate_current_member(&req.member_id, req.group_instance_id.as_deref())
            .or((generation != g.generation).then_some(ErrorCode::IllegalGeneration))
    } else if g.state != GroupState::Empty {
        // Only members may commit to a group that has members.
        Some(ErrorCode::UnknownMemberId)
    } else {
        None
    }
}

fn store(
    groups: &mut VecMap<GroupId, Group>,
    cx: &mut Ctx,
    req: &OffsetCommitRequest,
    topic: &TopicName,
    p: &OffsetCommitPartition,
) {
    let Some(g) = groups.get_mut(&req.group_id) else {
        return;
    };
    let partition = TopicPartition { topic: topic.clone(), partition: p.partition };
    g.offsets.insert(partition.clone(), CommittedOffset::stored(p, cx));
    cx.emit(Event::OffsetCommitted {
        group: g.group_id.clone(),
        partition,
        offset: p.committed_offset,
        member: (!req.member_id.is_unknown()).then(|| req.member_id.clone()),
    });
}

/// Handles one group of an OffsetFetch: `topics: None` asks for every committed offset; an
/// unknown group or partition is offset -1 with no error.
pub(crate) fn offset_fetch(
    groups: &VecMap<GroupId, Group>,
    req: &OffsetFetchGroup,
) -> OffsetFetchGroupResponse {
    let offsets = groups.get(&req.group_id).map(|g| &g.offsets);
    let found = |tp: &TopicPartition| fetched(tp.partition, offsets.and_then(|o| o.get(tp)));
    let topics = match &req.topics {
        Some(topics) => topics
            .iter()
            .map(|t| OffsetFetchTopicResponse {
                name: t.name.clone(),
                partitions: t
                    .partitions
                    .iter()
                    .map(|&partition| found(&TopicPartition { topic: t.name.clone(), partition }))
                    .collect(),
            })
            .collect(),
        None => {
            let mut by_topic: Vec<OffsetFetchTopicResponse> = Vec::new();
            for (tp, committed) in offsets.into_iter().flatten() {
                let partition = fetched(tp.partition, Some(committed));
                match by_topic.last_mut() {
                    Some(t) if t.name == tp.topic => t.partitions.push(partition),
                    _ => by_topic.push(OffsetFetchTopicResponse {
                        name: tp.topic.clone(),
                        partitions: vec![partition],
                    }),
                }
            }
            by_topic
        }
    };
    OffsetFetchGroupResponse { group_id: req.group_id.clone(), error: None, topics }
}

fn fetched(partition: PartitionIndex, committed: Option<&CommittedOffset>) -> OffsetFetchPartition {
    match committed {
        Some(c) => OffsetFetchPartition {
            partition,
            committed_offset: c.offset,
            committed_leader_epoch: c.leader_epoch,
            metadata: Some(c.metadata.clone()),
            error: None,
        },
        None => OffsetFetchPartition {
            partition,
            committed_offset: Offset(-1),
            committed_leader_epoch: LeaderEpoch::UNKNOWN,
            metadata: Some(String::new()),
            error: None,
        },
    }
}

/// Drops every group's committed offsets of a deleted topic.
pub(crate) fn topic_deleted(groups: &mut VecMap<GroupId, Group>, topic: &TopicName) {
    for g in groups.values_mut() {
        g.offsets.retain(|tp, _| &tp.topic != topic);
    }
}
