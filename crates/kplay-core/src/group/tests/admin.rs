//! DescribeGroups, ListGroups and DeleteGroups.

use bytes::Bytes;

use super::*;
use crate::api::{OffsetCommitPartition, OffsetCommitRequest, OffsetCommitTopic, OffsetFetchGroup};
use crate::event::GroupStateReason;
use crate::group::GroupState;
use crate::ids::{LeaderEpoch, Offset, PartitionIndex, TopicName};

fn commit_standalone(h: &mut Harness, group: &str) {
    let req = OffsetCommitRequest {
        group_id: GroupId::from(group),
        generation_id: GenerationId::NONE,
        member_id: MemberId::unknown(),
        group_instance_id: None,
        topics: vec![OffsetCommitTopic {
            name: TopicName::from("t"),
            partitions: vec![OffsetCommitPartition {
                partition: PartitionIndex(0),
                committed_offset: Offset(7),
                committed_leader_epoch: LeaderEpoch::UNKNOWN,
                metadata: None,
            }],
        }],
    };
    h.gc.offset_commit(h.now, &req, &|_| true);
}

#[test]
fn describe_shows_members_and_hides_metadata_until_stable() {
    let mut h = Harness::new();
    let unknown = h.gc.describe_group(&GroupId::from("nope"));
    assert_eq!((unknown.group_state, unknown.error), (GroupState::Dead, None));
    assert!(
        unknown.members.is_empty()
            && unknown.protocol.is_empty()
            && unknown.protocol_type.is_empty()
    );

    let (a, a_pending, _) = h.join_new(1, &join_request("c1"));
    let generation = h.await_join(a_pending).generation_id;
    let waiting = h.gc.describe_group(&GroupId::from(GROUP));
    assert_eq!(waiting.group_state, GroupState::CompletingRebalance);
    assert_eq!((waiting.protocol_type.as_str(), waiting.protocol.as_str()), ("consumer", ""));
    assert_eq!(waiting.members[0].member_metadata, Bytes::new());

    h.sync(1, sync_request(&a, generation, &[(&a, "parts")]));
    let stable = h.gc.describe_group(&GroupId::from(GROUP));
    assert_eq!(stable.group_state, GroupState::Stable);
    assert_eq!(stable.protocol, "range");
    let member = &stable.members[0];
    assert_eq!((&member.member_id, member.client_id.as_str()), (&a, "c1"));
    assert_eq!(member.member_metadata, Bytes::from("sub-range"));
    assert_eq!(member.member_assignment, Bytes::from("parts"));
}

#[test]
fn list_filters_by_state_and_coordinator() {
    let mut h = Harness::new();
    h.stable_group(1);
    commit_standalone(&mut h, "offsets-only");
    commit_standalone(&mut h, "elsewhere");
    let ids = |groups: Vec<crate::api::ListedGroup>| {
        groups.into_iter().map(|g| g.group_id.to_string()).collect::<Vec<_>>()
    };
    let here = |g: &GroupId| g.as_str() != "elsewhere";
    assert_eq!(ids(h.gc.list_groups(&[], &here)), vec!["g", "offsets-only"]);
    assert_eq!(ids(h.gc.list_groups(&[GroupState::Empty], &here)), vec!["offsets-only"]);
    assert_eq!(
        ids(h.gc.list_groups(&[GroupState::Stable, GroupState::Dead], &|_| true)),
        vec!["g"]
    );
    let listed = h.gc.list_groups(&[GroupState::Stable], &|_| true);
    assert_eq!(listed[0].protocol_type, "consumer");
}

#[test]
fn only_empty_groups_can_be_deleted() {
    let mut h = Harness::new();
    let (members, _) = h.stable_group(1);
    commit_standalone(&mut h, "offsets-only");
    assert_eq!(h.gc.delete_group(h.now, &GroupId::from(GROUP)), Some(ErrorCode::NonEmptyGroup));
    assert_eq!(h.gc.delete_group(h.now, &GroupId::from("nope")), Some(ErrorCode::GroupIdNotFound));

    h.events();
    assert_eq!(h.gc.delete_group(h.now, &GroupId::from("offsets-only")), None);
    let events = h.events();
    assert_eq!(
        events,
        vec![
            Event::GroupStateChanged {
                group: GroupId::from("offsets-only"),
                from: GroupState::Empty,
                to: GroupState::Dead,
                reason: GroupStateReason::Deleted,
            },
            Event::GroupDeleted { group: GroupId::from("offsets-only") },
        ]
    );
    assert_eq!(h.gc.describe_group(&GroupId::from("offsets-only")).group_state, GroupState::Dead);
    let fetched = h.gc.offset_fetch(
        &OffsetFetchGroup { group_id: GroupId::from("offsets-only"), topics: None },
        false,
    );
    assert!(fetched.topics.is_empty(), "its offsets went with it");
    assert_eq!(
        h.gc.delete_group(h.now, &GroupId::from("offsets-only")),
        Some(ErrorCode::GroupIdNotFound)
    );

    // Once its last member leaves, the group is Empty and can go; its timers go with it.
    h.leave(&members[0], None);
    assert_eq!(h.group().state(), GroupState::Empty);
    assert_eq!(h.gc.delete_group(h.now, &GroupId::from(GROUP)), None);
    assert_eq!(h.gc.next_deadline(), None);
}
