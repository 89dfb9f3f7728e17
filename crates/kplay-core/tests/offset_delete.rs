//! OffsetDelete (47): a group's committed offsets removed partition by partition, never those of
//! topics a live member subscribes to.

mod common;

use bytes::Bytes;
use common::*;
use kplay_core::api::*;
use kplay_core::event::Event;
use kplay_core::*;

fn coordinator(c: &mut Cluster, group: &str) -> i32 {
    let request =
        FindCoordinatorRequest { key_type: CoordinatorType::Group, keys: vec![group.into()] };
    let Response::FindCoordinator(r) = c.call(1, request) else { panic!() };
    r.coordinators[0].node_id.0
}

fn commit(c: &mut Cluster, at: i32, group: &str, partitions: &[(&str, i32)]) {
    let topics = partitions
        .iter()
        .map(|(topic, p)| OffsetCommitTopic {
            name: (*topic).into(),
            partitions: vec![OffsetCommitPartition {
                partition: PartitionIndex(*p),
                committed_offset: Offset(5),
                committed_leader_epoch: LeaderEpoch::UNKNOWN,
                metadata: None,
            }],
        })
        .collect();
    let request = OffsetCommitRequest {
        group_id: group.into(),
        generation_id: GenerationId::NONE,
        member_id: MemberId::unknown(),
        group_instance_id: None,
        topics,
    };
    let Response::OffsetCommit(r) = c.call(at, request) else { panic!() };
    assert!(r.topics.iter().all(|t| t.partitions.iter().all(|p| p.error.is_none())), "{r:?}");
}

fn committed(c: &mut Cluster, at: i32, group: &str) -> Vec<(String, i32)> {
    let groups = vec![OffsetFetchGroup { group_id: group.into(), topics: None }];
    let Response::OffsetFetch(r) = c.call(at, OffsetFetchRequest { groups, require_stable: false })
    else {
        panic!()
    };
    let topics = &r.groups[0].topics;
    topics
        .iter()
        .flat_map(|t| t.partitions.iter().map(|p| (t.name.to_string(), p.partition.0)))
        .collect()
}

fn delete(
    c: &mut Cluster,
    at: i32,
    group: &str,
    partitions: &[(&str, i32)],
) -> (Option<ErrorCode>, Vec<Option<ErrorCode>>) {
    let topics = partitions
        .iter()
        .map(|(topic, p)| OffsetDeleteTopic {
            name: (*topic).into(),
            partitions: vec![PartitionIndex(*p)],
        })
        .collect();
    let request = OffsetDeleteRequest { group_id: group.into(), topics };
    let Response::OffsetDelete(r) = c.call(at, request) else { panic!() };
    let errors = r.topics.iter().flat_map(|t| t.partitions.iter().map(|p| p.error)).collect();
    (r.error, errors)
}

/// A ConsumerProtocol subscription (version 0) to `topics`.
fn subscription(topics: &[&str]) -> Bytes {
    let mut out = 0i16.to_be_bytes().to_vec();
    out.extend((topics.len() as i32).to_be_bytes());
    for t in topics {
        out.extend((t.len() as i16).to_be_bytes());
        out.extend(t.as_bytes());
    }
    out.extend((-1i32).to_be_bytes());
    Bytes::from(out)
}

/// One consumer subscribed to `topics` joins `group` and leads it into `Stable`.
fn join(c: &mut Cluster, at: i32, group: &str, topics: &[&str]) {
    let request = |member: MemberId| JoinGroupRequest {
        group_id: group.into(),
        session_timeout_ms: 10_000,
        rebalance_timeout_ms: 30_000,
        member_id: member,
        group_instance_id: None,
        protocol_type: "consumer".into(),
        protocols: vec![JoinGroupProtocol { name: "range".into(), metadata: subscription(topics) }],
        require_known_member_id: false,
        client_id: "app".into(),
        client_host: "/127.0.0.1".into(),
        reason: None,
    };
    let Response::JoinGroup(j) = c.call(at, request(MemberId::unknown())) else { panic!() };
    assert_eq!(j.error, None);
    let sync = SyncGroupRequest {
        group_id: group.into(),
        generation_id: j.generation_id,
        member_id: j.member_id.clone(),
        group_instance_id: None,
        protocol_type: Some("consumer".into()),
        protocol_name: Some("range".into()),
        assignments: vec![SyncGroupAssignment { member_id: j.member_id, assignment: Bytes::new() }],
    };
    let Response::SyncGroup(s) = c.call(at, sync) else { panic!() };
    assert_eq!(s.error, None);
}

fn cluster() -> (Cluster, i32) {
    let mut config = fast_config();
    config.group.initial_rebalance_delay_ms = 0;
    let mut c = Cluster::new(3, config);
    c.create_topic(NewTopic::new("t", 2, 1));
    c.create_topic(NewTopic::new("u", 1, 1));
    let at = coordinator(&mut c, "g");
    (c, at)
}

#[test]
fn an_empty_group_loses_the_offsets_asked_for_and_keeps_the_rest() {
    let (mut c, at) = cluster();
    commit(&mut c, at, "g", &[("t", 0), ("t", 1), ("u", 0)]);
    assert_eq!(
        delete(&mut c, at, "g", &[("t", 0), ("t", 7)]),
        (None, vec![None, Some(ErrorCode::UnknownTopicOrPartition)])
    );
    assert_eq!(committed(&mut c, at, "g"), [("t".into(), 1), ("u".into(), 0)]);
    let deleted = c.events_matching(|e| matches!(e, Event::OffsetDeleted { .. }));
    assert_eq!(deleted.len(), 1);
    assert!(deleted[0].to_string().contains("auto.offset.reset"), "{}", deleted[0]);
    assert_eq!(delete(&mut c, at, "g", &[("t", 0)]), (None, vec![None]), "already gone: no error");

    assert_eq!(delete(&mut c, at, "nobody", &[("t", 1)]).0, Some(ErrorCode::GroupIdNotFound));
    let elsewhere = (1..=3).find(|b| *b != at).unwrap();
    assert_eq!(delete(&mut c, elsewhere, "g", &[("t", 1)]).0, Some(ErrorCode::NotCoordinator));
    assert_eq!(committed(&mut c, at, "g"), [("t".into(), 1), ("u".into(), 0)]);
}

#[test]
fn a_group_with_members_keeps_the_offsets_of_topics_they_subscribe_to() {
    let (mut c, at) = cluster();
    commit(&mut c, at, "g", &[("t", 0), ("u", 0)]);
    join(&mut c, at, "g", &["u"]);
    assert_eq!(
        delete(&mut c, at, "g", &[("u", 0), ("t", 0)]),
        (None, vec![Some(ErrorCode::GroupSubscribedToTopic), None])
    );
    assert_eq!(committed(&mut c, at, "g"), [("u".into(), 0)]);
}
