//! Consumer groups through the engine: coordinators, joins and syncs as parked requests,
//! coordinator failover, and committed offsets.

mod common;

use bytes::Bytes;
use common::*;
use kplay_core::api::*;
use kplay_core::engine::{Handled, Shutdown};
use kplay_core::event::Event;
use kplay_core::group::GroupState;
use kplay_core::*;

fn find_coordinator(c: &mut Cluster, group: &str) -> BrokerId {
    let request =
        FindCoordinatorRequest { key_type: CoordinatorType::Group, keys: vec![group.into()] };
    let any = c.engine.brokers().find(|b| b.running).expect("a running broker").id;
    let Response::FindCoordinator(r) = c.call(any.0, request) else { panic!() };
    assert_eq!(r.coordinators[0].error, None);
    r.coordinators[0].node_id
}

fn join(group: &str, member: &str, client: &str) -> JoinGroupRequest {
    JoinGroupRequest {
        group_id: group.into(),
        session_timeout_ms: 10_000,
        rebalance_timeout_ms: 30_000,
        member_id: member.into(),
        group_instance_id: None,
        protocol_type: "consumer".into(),
        protocols: vec![JoinGroupProtocol {
            name: "range".into(),
            metadata: Bytes::from_static(b"sub"),
        }],
        require_known_member_id: true,
        client_id: client.into(),
        client_host: "/127.0.0.1".into(),
        reason: None,
    }
}

fn joined(r: Response) -> JoinGroupResponse {
    let Response::JoinGroup(r) = r else { panic!("{r:?}") };
    r
}

/// Joins a member through MEMBER_ID_REQUIRED; returns its id.
fn new_member(c: &mut Cluster, coordinator: BrokerId, group: &str, client: &str) -> MemberId {
    let first = joined(c.call(coordinator.0, join(group, "", client)));
    assert_eq!(first.error, Some(ErrorCode::MemberIdRequired));
    first.member_id
}

fn sync(
    group: &str,
    generation: GenerationId,
    member: &MemberId,
    assignments: Vec<SyncGroupAssignment>,
) -> SyncGroupRequest {
    SyncGroupRequest {
        group_id: group.into(),
        generation_id: generation,
        member_id: member.clone(),
        group_instance_id: None,
        protocol_type: Some("consumer".into()),
        protocol_name: Some("range".into()),
        assignments,
    }
}

#[test]
fn two_consumers_rebalance_through_the_engine() {
    let mut config = fast_config();
    config.group.initial_rebalance_delay_ms = 3_000;
    let mut c = Cluster::new(3, config);
    let coordinator = find_coordinator(&mut c, "g");
    assert!(c.engine.image().topics.contains_key(kplay_core::engine::OFFSETS_TOPIC));
    let a = new_member(&mut c, coordinator, "g", "a");
    let b = new_member(&mut c, coordinator, "g", "b");
    let (ja, handled_a) = c.send(coordinator.0, join("g", a.as_str(), "a"));
    assert_eq!(
        handled_a,
        Handled::Parked,
        "the first rebalance waits group.initial.rebalance.delay.ms"
    );
    let (jb, handled_b) = c.send(coordinator.0, join("g", b.as_str(), "b"));
    assert_eq!(handled_b, Handled::Parked);
    // Kafka's InitialDelayedJoin: b's arrival re-arms the delay once more.
    c.advance(3_000);
    assert!(!c.answers.contains_key(&ja));
    c.advance(3_000);
    let ja = joined(c.answers.remove(&ja).expect("a answered after the delay"));
    let jb = joined(c.answers.remove(&jb).expect("b answered after the delay"));
    assert_eq!(ja.generation_id, GenerationId(1));
    assert_eq!(ja.leader, a, "the first member leads");
    assert_eq!((ja.members.len(), jb.members.len()), (2, 0));
    let (sb, _) = c.send(coordinator.0, sync("g", GenerationId(1), &b, vec![]));
    let assignments = vec![
        SyncGroupAssignment { member_id: a.clone(), assignment: Bytes::from_static(b"p0") },
        SyncGroupAssignment { member_id: b.clone(), assignment: Bytes::from_static(b"p1") },
    ];
    let Response::SyncGroup(sa) =
        c.call(coordinator.0, sync("g", GenerationId(1), &a, assignments))
    else {
        panic!()
    };
    let Some(Response::SyncGroup(sb)) = c.answers.remove(&sb) else {
        panic!("b answered after the leader synced")
    };
    assert_eq!((sa.assignment.as_ref(), sb.assignment.as_ref()), (&b"p0"[..], &b"p1"[..]));
    assert_eq!(c.engine.groups().group(&"g".into()).unwrap().state(), GroupState::Stable);
    assert!(!c.events_matching(|e| matches!(e, Event::GenerationStarted { .. })).is_empty());
}

#[test]
fn only_the_coordinator_answers_group_requests() {
    let mut c = Cluster::new(3, fast_config());
    let coordinator = find_coordinator(&mut c, "g");
    let other = (1..=3).find(|b| *b != coordinator.0).unwrap();
    let r = joined(c.call(other, join("g", "", "a")));
    assert_eq!(r.error, Some(ErrorCode::NotCoordinator));
}

fn commit(group: &str, offset: i64) -> OffsetCommitRequest {
    OffsetCommitRequest {
        group_id: group.into(),
        generation_id: GenerationId::NONE,
        member_id: MemberId::unknown(),
        group_instance_id: None,
        topics: vec![OffsetCommitTopic {
            name: "t".into(),
            partitions: vec![OffsetCommitPartition {
                partition: PartitionIndex(0),
                committed_offset: Offset(offset),
                committed_leader_epoch: LeaderEpoch::UNKNOWN,
                metadata: Some("m".into()),
            }],
        }],
    }
}

fn fetch_offset(c: &mut Cluster, coordinator: BrokerId, group: &str) -> OffsetFetchGroupResponse {
    let request = OffsetFetchRequest {
        groups: vec![OffsetFetchGroup { group_id: group.into(), topics: None }],
        require_stable: false,
    };
    let Response::OffsetFetch(mut r) = c.call(coordinator.0, request) else { panic!() };
    r.groups.remove(0)
}

#[test]
fn the_coordinator_moves_with_its_partition_leader_and_offsets_survive() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 3));
    let old = find_coordinator(&mut c, "g");
    let Response::OffsetCommit(r) = c.call(old.0, commit("g", 42)) else { panic!() };
    assert_eq!(r.topics[0].partitions[0].error, None);
    c.engine.stop_broker(Timestamp(c.now), old, Shutdown::Clean).unwrap();
    c.pump();
    let new = find_coordinator(&mut c, "g");
    assert_ne!(new, old);
    assert!(!c.events_matching(|e| matches!(e, Event::CoordinatorMoved { .. })).is_empty());
    let fetched = fetch_offset(&mut c, new, "g");
    assert_eq!(fetched.topics[0].partitions[0].committed_offset, Offset(42));
    assert_eq!(fetched.topics[0].partitions[0].metadata.as_deref(), Some("m"));
}

#[test]
fn deleting_a_topic_forgets_its_committed_offsets() {
    let mut c = Cluster::new(1, fast_config());
    c.create_topic(NewTopic::new("t", 1, 1));
    let coordinator = find_coordinator(&mut c, "g");
    c.call(coordinator.0, commit("g", 5));
    c.call(1, DeleteTopicsRequest { topics: vec![TopicRef::Name("t".into())] });
    assert!(fetch_offset(&mut c, coordinator, "g").topics.is_empty());
}

#[test]
fn commits_to_unknown_partitions_are_refused() {
    let mut c = Cluster::new(1, fast_config());
    let coordinator = find_coordinator(&mut c, "g");
    let Response::OffsetCommit(r) = c.call(coordinator.0, commit("g", 5)) else { panic!() };
    assert_eq!(r.topics[0].partitions[0].error, Some(ErrorCode::UnknownTopicOrPartition));
}

#[test]
fn a_crashed_members_session_expires_and_the_group_rebalances() {
    let mut c = Cluster::new(1, fast_config());
    let coordinator = find_coordinator(&mut c, "g");
    let a = new_member(&mut c, coordinator, "g", "a");
    let ja = joined(c.call(coordinator.0, join("g", a.as_str(), "a")));
    let assignments = vec![SyncGroupAssignment { member_id: a.clone(), assignment: Bytes::new() }];
    c.call(coordinator.0, sync("g", ja.generation_id, &a, assignments));
    assert_eq!(c.engine.groups().group(&"g".into()).unwrap().state(), GroupState::Stable);
    c.advance(10_001);
    let group = c.engine.groups().group(&"g".into()).unwrap();
    assert_eq!(group.state(), GroupState::Empty, "the only member's session expired");
    assert!(!c.events_matching(|e| matches!(e, Event::MemberRemoved { .. })).is_empty());
}
