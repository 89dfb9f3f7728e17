//! OffsetCommit and OffsetFetch: who may commit when, per-partition errors, and fetching all,
//! some, or unknown offsets.

use super::*;
use crate::api::{
    OffsetCommitPartition, OffsetCommitRequest, OffsetCommitResponse, OffsetCommitTopic,
    OffsetFetchGroup, OffsetFetchTopic,
};
use crate::group::GroupState;
use crate::ids::{LeaderEpoch, Offset, PartitionIndex, TopicName, TopicPartition};

fn commit_request(
    member: &MemberId,
    generation: GenerationId,
    parts: &[(&str, i32, i64)],
) -> OffsetCommitRequest {
    let mut topics: Vec<OffsetCommitTopic> = Vec::new();
    for &(topic, partition, offset) in parts {
        let p = OffsetCommitPartition {
            partition: PartitionIndex(partition),
            committed_offset: Offset(offset),
            committed_leader_epoch: LeaderEpoch(3),
            metadata: Some("m".to_owned()),
        };
        match topics.iter_mut().find(|t| t.name.as_str() == topic) {
            Some(t) => t.partitions.push(p),
            None => {
                topics.push(OffsetCommitTopic { name: TopicName::from(topic), partitions: vec![p] })
            }
        }
    }
    OffsetCommitRequest {
        group_id: GroupId::from(GROUP),
        generation_id: generation,
        member_id: member.clone(),
        group_instance_id: None,
        topics,
    }
}

/// Topic `t` has partitions 0..4; nothing else exists.
fn exists(tp: &TopicPartition) -> bool {
    tp.topic.as_str() == "t" && (0..4).contains(&tp.partition.0)
}

fn commit(h: &mut Harness, req: &OffsetCommitRequest) -> OffsetCommitResponse {
    h.gc.offset_commit(h.now, req, &exists)
}

fn errors(response: &OffsetCommitResponse) -> Vec<Option<ErrorCode>> {
    response.topics.iter().flat_map(|t| t.partitions.iter().map(|p| p.error)).collect()
}

fn standalone() -> (MemberId, GenerationId) {
    (MemberId::unknown(), GenerationId::NONE)
}

#[test]
fn a_standalone_consumer_commits_to_a_new_or_empty_group() {
    let mut h = Harness::new();
    let (member, generation) = standalone();
    let response =
        commit(&mut h, &commit_request(&member, generation, &[("t", 0, 10), ("t", 1, 20)]));
    assert_eq!(errors(&response), vec![None, None]);
    assert_eq!(h.group().state(), GroupState::Empty);
    let committed = &h.group().offsets()[&TopicPartition::new("t", 1)];
    assert_eq!((committed.offset, committed.leader_epoch), (Offset(20), LeaderEpoch(3)));
    assert_eq!(committed.commit_timestamp, h.now);
    h.advance(5);
    let response = commit(&mut h, &commit_request(&member, generation, &[("t", 1, 25)]));
    assert_eq!(errors(&response), vec![None]);
    assert_eq!(h.group().offsets()[&TopicPartition::new("t", 1)].offset, Offset(25));
    assert!(h.events().contains(&Event::OffsetCommitted {
        group: GroupId::from(GROUP),
        partition: TopicPartition::new("t", 1),
        offset: Offset(25),
        member: None,
    }));
    // A generation the coordinator never saw, for a group it does not know.
    let other = OffsetCommitRequest {
        group_id: GroupId::from("other"),
        ..commit_request(&MemberId::from("m"), GenerationId(4), &[("t", 0, 1)])
    };
    assert_eq!(errors(&commit(&mut h, &other)), vec![Some(ErrorCode::IllegalGeneration)]);
    assert!(h.gc.group(&GroupId::from("other")).is_none());
}

#[test]
fn a_live_group_only_takes_commits_from_its_members() {
    let mut h = Harness::new();
    let (members, generation) = h.stable_group(2);
    let (nobody, none) = standalone();
    let stranger = commit_request(&MemberId::from("stranger"), generation, &[("t", 0, 1)]);
    assert_eq!(errors(&commit(&mut h, &stranger)), vec![Some(ErrorCode::UnknownMemberId)]);
    let standalone = commit_request(&nobody, none, &[("t", 0, 1)]);
    assert_eq!(errors(&commit(&mut h, &standalone)), vec![Some(ErrorCode::UnknownMemberId)]);
    let stale = commit_request(&members[0], GenerationId(generation.0 - 1), &[("t", 0, 1)]);
    assert_eq!(errors(&commit(&mut h, &stale)), vec![Some(ErrorCode::IllegalGeneration)]);
    let good = commit_request(&members[0], generation, &[("t", 0, 1)]);
    assert_eq!(errors(&commit(&mut h, &good)), vec![None]);
    // During a rebalance the current generation may still commit (eager consumers commit in
    // onPartitionsRevoked)...
    h.leave(&members[1], None);
    assert_eq!(h.group().state(), GroupState::PreparingRebalance);
    assert_eq!(errors(&commit(&mut h, &good)), vec![None]);
    // ...but not once the join phase is over and the assignment is not out yet.
    let (_, reply) = h.join(1, rejoin(&join_request("c1"), &members[0]));
    let next = reply.now().expect("alone").generation_id;
    assert_eq!(h.group().state(), GroupState::CompletingRebalance);
    let waiting = commit_request(&members[0], next, &[("t", 0, 2)]);
    assert_eq!(errors(&commit(&mut h, &waiting)), vec![Some(ErrorCode::RebalanceInProgress)]);
}

#[test]
fn commits_keep_a_member_alive() {
    let mut h = Harness::new();
    let (members, generation) = h.stable_group(1);
    for i in 0..5 {
        h.advance(i64::from(SESSION_MS) / 2);
        let req = commit_request(&members[0], generation, &[("t", 0, i)]);
        assert_eq!(errors(&commit(&mut h, &req)), vec![None]);
    }
    assert_eq!(h.group().state(), GroupState::Stable);
}

#[test]
fn per_partition_errors() {
    let mut h = Harness::new();
    let (member, generation) = standalone();
    let mut req = commit_request(
        &member,
        generation,
        &[("t", 0, 1), ("t", 1, 2), ("t", 9, 3), ("gone", 0, 4)],
    );
    req.topics[0].partitions[1].metadata = Some("x".repeat(17));
    let response = commit(&mut h, &req);
    let expected = vec![
        None,
        Some(ErrorCode::OffsetMetadataTooLarge),
        Some(ErrorCode::UnknownTopicOrPartition),
        Some(ErrorCode::UnknownTopicOrPartition),
    ];
    assert_eq!(errors(&response), expected);
    assert_eq!(h.group().offsets().keys().collect::<Vec<_>>(), vec![&TopicPartition::new("t", 0)]);
    // Nothing the cluster knows: the group is not even created.
    let lost = OffsetCommitRequest {
        group_id: GroupId::from("lost"),
        ..commit_request(&member, generation, &[("gone", 0, 1)])
    };
    assert_eq!(errors(&commit(&mut h, &lost)), vec![Some(ErrorCode::UnknownTopicOrPartition)]);
    assert!(h.gc.group(&GroupId::from("lost")).is_none());
}

#[test]
fn fetch_all_some_and_unknown_offsets() {
    let mut h = Harness::new();
    let (member, generation) = standalone();
    let req = commit_request(&member, generation, &[("t", 2, 30), ("t", 0, 10)]);
    commit(&mut h, &req);
    let other = OffsetCommitRequest {
        topics: vec![OffsetCommitTopic {
            name: TopicName::from("a"),
            partitions: req.topics[0].partitions.clone(),
        }],
        ..req.clone()
    };
    h.gc.offset_commit(h.now, &other, &|_| true);

    let all = h
        .gc
        .offset_fetch(&OffsetFetchGroup { group_id: GroupId::from(GROUP), topics: None }, false);
    let listed: Vec<(&str, i32, i64)> = all
        .topics
        .iter()
        .flat_map(|t| {
            t.partitions.iter().map(move |p| (t.name.as_str(), p.partition.0, p.committed_offset.0))
        })
        .collect();
    assert_eq!(listed, vec![("a", 0, 10), ("a", 2, 30), ("t", 0, 10), ("t", 2, 30)]);

    let some = OffsetFetchGroup {
        group_id: GroupId::from(GROUP),
        topics: Some(vec![OffsetFetchTopic {
            name: TopicName::from("t"),
            partitions: vec![PartitionIndex(2), PartitionIndex(1)],
        }]),
    };
    let answer = h.gc.offset_fetch(&some, false);
    let parts = &answer.topics[0].partitions;
    assert_eq!(
        (parts[0].committed_offset, parts[0].committed_leader_epoch),
        (Offset(30), LeaderEpoch(3))
    );
    assert_eq!(parts[0].metadata.as_deref(), Some("m"));
    assert_eq!(
        (parts[1].committed_offset, parts[1].committed_leader_epoch),
        (Offset(-1), LeaderEpoch::UNKNOWN)
    );
    assert_eq!(parts[1].error, None);

    let unknown = OffsetFetchGroup { group_id: GroupId::from("nope"), ..some.clone() };
    let answer = h.gc.offset_fetch(&unknown, false);
    assert_eq!(answer.error, None);
    assert!(answer.topics[0].partitions.iter().all(|p| p.committed_offset == Offset(-1)));
    let unknown_all = h
        .gc
        .offset_fetch(&OffsetFetchGroup { group_id: GroupId::from("nope"), topics: None }, false);
    assert!(unknown_all.topics.is_empty());

    h.gc.topic_deleted(&TopicName::from("a"));
    let all = h
        .gc
        .offset_fetch(&OffsetFetchGroup { group_id: GroupId::from(GROUP), topics: None }, false);
    assert_eq!(all.topics.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), vec!["t"]);
}
