//! Offsets committed inside transactions (TxnOffsetCommit), held per (group, producer) until
//! the transaction ends, as Kafka's `GroupMetadata.pendingTransactionalOffsetCommits`.
//!
//! Who may commit follows Kafka's `validateOffsetCommit` with `isTransactional`: a producer that
//! names no member may commit to any group (older clients send no member), one that names a
//! member must name a current one of the current generation.

use crate::api::{
    OffsetCommitPartitionResponse, OffsetCommitTopicResponse, OffsetFetchGroupResponse,
    TxnOffsetCommitRequest, TxnOffsetCommitResponse,
};
use crate::error::ErrorCode;
use crate::event::Event;
use crate::ids::{GroupId, ProducerId, TopicPartition};
use crate::ids::{LeaderEpoch, Offset};
use crate::vec_map::VecMap;

use super::GroupState;
use super::ctx::Ctx;
use super::offsets::{CommittedOffset, refusal};
use super::state::Group;

/// Offsets waiting for their transaction's end.
pub(crate) type PendingTxnOffsets =
    VecMap<(GroupId, ProducerId), VecMap<TopicPartition, CommittedOffset>>;

/// Handles a TxnOffsetCommit; `exists` says which partitions the cluster has.
pub(crate) fn txn_offset_commit(
    groups: &mut VecMap<GroupId, Group>,
    pending: &mut PendingTxnOffsets,
    cx: &mut Ctx,
    req: &TxnOffsetCommitRequest,
    exists: &dyn Fn(&TopicPartition) -> bool,
) -> TxnOffsetCommitResponse {
    let existed = groups.contains_key(&req.group_id);
    let group_error = allowed(groups, req);
    let mut topics = Vec::with_capacity(req.topics.len());
    for topic in &req.topics {
        let mut partitions = Vec::with_capacity(topic.partitions.len());
        for p in &topic.partitions {
            let tp = TopicPartition { topic: topic.name.clone(), partition: p.partition };
            let error = refusal(exists(&tp), group_error, p, cx);
            if error.is_none() {
                let offset = CommittedOffset::stored(p, cx);
                pending
                    .entry((req.group_id.clone(), req.producer_id))
                    .or_default()
                    .insert(tp, offset);
            }
            partitions.push(OffsetCommitPartitionResponse { partition: p.partition, error });
        }
        topics.push(OffsetCommitTopicResponse { name: topic.name.clone(), partitions });
    }
    let holds_nothing = !pending.iter().any(|((g, _), _)| *g == req.group_id);
    if !existed && holds_nothing {
        // Created for this request, which stored nothing: do not keep it.
        groups.remove(&req.group_id);
    }
    TxnOffsetCommitResponse { topics }
}

fn allowed(groups: &mut VecMap<GroupId, Group>, req: &TxnOffsetCommitRequest) -> Option<ErrorCode> {
    let names_member =
        req.generation_id.0 >= 0 || !req.member_id.is_unknown() || req.group_instance_id.is_some();
    if !groups.contains_key(&req.group_id) {
        // Kafka's handleTxnCommitOffsets creates the group whoever asks; a member it names is
        // then unknown to it.
        groups.insert(req.group_id.clone(), Group::new(req.group_id.clone()));
    }
    let g = groups.get(&req.group_id)?;
    if g.state == GroupState::Dead {
        return Some(ErrorCode::CoordinatorNotAvailable);
    }
    if !names_member {
        return None;
    }
    g.validate_current_member(&req.member_id, req.group_instance_id.as_deref())
        .or((req.generation_id != g.generation).then_some(ErrorCode::IllegalGeneration))
}

/// The transaction of `producer` ended: its offsets for `group` become committed offsets (a
/// commit) or are dropped (an abort). As Kafka's `completePendingTxnOffsetCommit`, an offset the
/// group committed after the transaction sent its own is newer, and stays.
pub(crate) fn complete(
    groups: &mut VecMap<GroupId, Group>,
    pending: &mut PendingTxnOffsets,
    cx: &mut Ctx,
    group: &GroupId,
    producer: ProducerId,
    commit: bool,
) {
    let Some(offsets) = pending.remove(&(group.clone(), producer)) else { return };
    let Some(g) = groups.get_mut(group).filter(|_| commit) else { return };
    for (partition, committed) in offsets {
        if g.offsets.get(&partition).is_some_and(|c| c.sequence > committed.sequence) {
            continue;
        }
        let offset = committed.offset;
        g.offsets.insert(partition.clone(), committed);
        cx.emit(Event::OffsetCommitted { group: group.clone(), partition, offset, member: None });
    }
}

/// OffsetFetch with `require_stable`: partitions with an offset pending in an open transaction
/// are answered UNSTABLE_OFFSET_COMMIT, as Kafka's `getOffsets` does.
pub(crate) fn mark_unstable(pending: &PendingTxnOffsets, answer: &mut OffsetFetchGroupResponse) {
    let group = answer.group_id.clone();
    let unstable = |tp: &TopicPartition| {
        pending.iter().any(|((g, _), offsets)| *g == group && offsets.contains_key(tp))
    };
    for topic in &mut answer.topics {
        for p in &mut topic.partitions {
            if unstable(&TopicPartition { topic: topic.name.clone(), partition: p.partition }) {
                p.error = Some(ErrorCode::UnstableOffsetCommit);
                p.committed_offset = Offset(-1);
                p.committed_leader_epoch = LeaderEpoch::UNKNOWN;
            }
        }
    }
}
