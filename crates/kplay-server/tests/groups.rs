//! A consumer group over the wire on a three-broker cluster: find the coordinator, join (with
//! MEMBER_ID_REQUIRED), sync, heartbeat, commit and fetch offsets, a second member's arrival
//! seen as a rebalance, describe, list, leave and delete.

mod support;

use bytes::Bytes;
use kafka_protocol::messages::*;
use support::{Conn, addr, s, start};

const GROUP: &str = "wire-group";

fn join(member_id: &str) -> JoinGroupRequest {
    let mut protocol = join_group_request::JoinGroupRequestProtocol::default();
    protocol.name = s("range");
    protocol.metadata = Bytes::from_static(b"subscription");
    let mut request = JoinGroupRequest::default();
    request.group_id = GroupId(s(GROUP));
    request.session_timeout_ms = 30_000;
    request.rebalance_timeout_ms = 30_000;
    request.member_id = s(member_id);
    request.protocol_type = s("consumer");
    request.protocols = vec![protocol];
    request
}

fn sync(
    member_id: &str,
    generation: i32,
    assignments: &[(&str, &'static [u8])],
) -> SyncGroupRequest {
    let mut request = SyncGroupRequest::default();
    request.group_id = GroupId(s(GROUP));
    request.generation_id = generation;
    request.member_id = s(member_id);
    request.assignments = assignments
        .iter()
        .map(|(m, a)| {
            let mut assignment = sync_group_request::SyncGroupRequestAssignment::default();
            assignment.member_id = s(m);
            assignment.assignment = Bytes::from_static(a);
            assignment
        })
        .collect();
    request
}

fn heartbeat(member_id: &str, generation: i32) -> HeartbeatRequest {
    let mut request = HeartbeatRequest::default();
    request.group_id = GroupId(s(GROUP));
    request.generation_id = generation;
    request.member_id = s(member_id);
    request
}

/// Joins as a new member: MEMBER_ID_REQUIRED hands out the id, the second join gets in.
async fn join_new_member(conn: &mut Conn) -> JoinGroupResponse {
    let first: JoinGroupResponse = conn.call(ApiKey::JoinGroup, 7, &join("")).await;
    assert_eq!(first.error_code, 79, "MEMBER_ID_REQUIRED");
    assert!(!first.member_id.is_empty());
    conn.call(ApiKey::JoinGroup, 7, &join(&first.member_id)).await
}

#[tokio::test]
async fn a_group_joins_syncs_heartbeats_commits_and_rebalances_over_the_wire() {
    let advertised = start(3, |c| c.engine.num_partitions = 2).await;
    let mut bootstrap = Conn::connect(addr(&advertised, 1)).await;
    let mut find = FindCoordinatorRequest::default();
    find.coordinator_keys = vec![s(GROUP)];
    let found: FindCoordinatorResponse = bootstrap.call(ApiKey::FindCoordinator, 4, &find).await;
    let coordinator = &found.coordinators[0];
    assert_eq!(coordinator.error_code, 0);
    assert_eq!(
        i32::from(advertised.ports[&kplay_core::BrokerId(coordinator.node_id.0)]),
        coordinator.port
    );
    let at = addr(&advertised, coordinator.node_id.0);

    // A broker that is not the coordinator says so.
    let other = (1..=3).find(|b| *b != coordinator.node_id.0).unwrap();
    let mut elsewhere = Conn::connect(addr(&advertised, other)).await;
    let refused: JoinGroupResponse = elsewhere.call(ApiKey::JoinGroup, 7, &join("")).await;
    assert_eq!(refused.error_code, 16, "NOT_COORDINATOR");

    let mut first = Conn::connect(at).await;
    let joined = join_new_member(&mut first).await;
    assert_eq!(joined.error_code, 0);
    assert_eq!(joined.leader, joined.member_id, "the only member leads");
    assert_eq!(joined.members.len(), 1);
    let (me, generation) = (joined.member_id.to_string(), joined.generation_id);
    let synced: SyncGroupResponse =
        first.call(ApiKey::SyncGroup, 5, &sync(&me, generation, &[(&me, b"all of it")])).await;
    assert_eq!((synced.error_code, &synced.assignment[..]), (0, &b"all of it"[..]));
    let beat: HeartbeatResponse =
        first.call(ApiKey::Heartbeat, 4, &heartbeat(&me, generation)).await;
    assert_eq!(beat.error_code, 0);

    // Commit where the member got to, and read it back (v8 asks per group).
    let mut partition = offset_commit_request::OffsetCommitRequestPartition::default();
    partition.partition_index = 1;
    partition.committed_offset = 42;
    let mut topic = offset_commit_request::OffsetCommitRequestTopic::default();
    topic.name = TopicName(s("wire-topic"));
    topic.partitions = vec![partition];
    let mut commit = OffsetCommitRequest::default();
    commit.group_id = GroupId(s(GROUP));
    commit.generation_id_or_member_epoch = generation;
    commit.member_id = s(&me);
    commit.topics = vec![topic];
    let mut create = MetadataRequest::default();
    let mut wanted = metadata_request::MetadataRequestTopic::default();
    wanted.name = Some(TopicName(s("wire-topic")));
    create.topics = Some(vec![wanted]);
    create.allow_auto_topic_creation = true;
    let _: MetadataResponse = bootstrap.call(ApiKey::Metadata, 12, &create).await;
    let committed: OffsetCommitResponse = first.call(ApiKey::OffsetCommit, 8, &commit).await;
    assert_eq!(committed.topics[0].partitions[0].error_code, 0);
    let mut group = offset_fetch_request::OffsetFetchRequestGroup::default();
    group.group_id = GroupId(s(GROUP));
    group.topics = None;
    let mut fetch = OffsetFetchRequest::default();
    fetch.groups = vec![group];
    let fetched: OffsetFetchResponse = first.call(ApiKey::OffsetFetch, 8, &fetch).await;
    let offsets = &fetched.groups[0].topics[0];
    assert_eq!(
        (offsets.name.0.as_str(), offsets.partitions[0].committed_offset),
        ("wire-topic", 42)
    );
    let mut old = OffsetFetchRequest::default();
    old.group_id = GroupId(s(GROUP));
    let mut old_topic = offset_fetch_request::OffsetFetchRequestTopic::default();
    old_topic.name = TopicName(s("wire-topic"));
    old_topic.partition_indexes = vec![1];
    old.topics = Some(vec![old_topic]);
    let fetched: OffsetFetchResponse = first.call(ApiKey::OffsetFetch, 5, &old).await;
    assert_eq!(fetched.topics[0].partitions[0].committed_offset, 42);

    // A second member: its join parks until the first rejoins, which the first learns from
    // its heartbeat.
    let mut second = Conn::connect(at).await;
    let required: JoinGroupResponse = second.call(ApiKey::JoinGroup, 7, &join("")).await;
    let second_id = required.member_id.to_string();
    let parked_join = second.send(ApiKey::JoinGroup, 7, &join(&second_id)).await;
    let beat: HeartbeatResponse =
        first.call(ApiKey::Heartbeat, 4, &heartbeat(&me, generation)).await;
    assert_eq!(beat.error_code, 27, "REBALANCE_IN_PROGRESS");
    let rejoined: JoinGroupResponse = first.call(ApiKey::JoinGroup, 7, &join(&me)).await;
    let joined_too: JoinGroupResponse = second.recv(ApiKey::JoinGroup, 7, parked_join).await;
    assert_eq!(rejoined.generation_id, generation + 1);
    assert_eq!(joined_too.generation_id, generation + 1);
    assert_eq!(rejoined.members.len(), 2, "the leader sees both subscriptions");
    assert!(joined_too.members.is_empty(), "followers see none");

    let mut describe = DescribeGroupsRequest::default();
    describe.groups = vec![GroupId(s(GROUP))];
    let described: DescribeGroupsResponse = first.call(ApiKey::DescribeGroups, 5, &describe).await;
    assert_eq!(described.groups[0].group_state.as_str(), "CompletingRebalance");
    assert_eq!(described.groups[0].members.len(), 2);
    assert_eq!(described.groups[0].members[0].client_host.as_str(), "/127.0.0.1");
    assert_eq!(described.groups[0].authorized_operations, i32::MIN, "not asked for");
    describe.include_authorized_operations = true;
    let described: DescribeGroupsResponse = first.call(ApiKey::DescribeGroups, 5, &describe).await;
    // No authorizer: READ, DELETE, DESCRIBE, DESCRIBE_CONFIGS and ALTER_CONFIGS, as bits.
    let expected = (1 << 3) | (1 << 6) | (1 << 8) | (1 << 10) | (1 << 11);
    assert_eq!(described.groups[0].authorized_operations, expected);

    let listed: ListGroupsResponse =
        first.call(ApiKey::ListGroups, 4, &ListGroupsRequest::default()).await;
    assert!(listed.groups.iter().any(|g| g.group_id.0.as_str() == GROUP));
    let mut by_type = ListGroupsRequest::default();
    by_type.types_filter = vec![s("Classic")];
    let listed: ListGroupsResponse = first.call(ApiKey::ListGroups, 5, &by_type).await;
    let group = listed.groups.iter().find(|g| g.group_id.0.as_str() == GROUP).unwrap();
    assert_eq!(group.group_type.as_str(), "classic");
    by_type.types_filter = vec![s("consumer")];
    let listed: ListGroupsResponse = first.call(ApiKey::ListGroups, 5, &by_type).await;
    assert!(listed.groups.is_empty(), "no group uses KIP-848's consumer protocol");

    let mut leave = LeaveGroupRequest::default();
    leave.group_id = GroupId(s(GROUP));
    for member in [&me, &second_id] {
        let mut identity = leave_group_request::MemberIdentity::default();
        identity.member_id = s(member);
        leave.members.push(identity);
    }
    let left: LeaveGroupResponse = first.call(ApiKey::LeaveGroup, 4, &leave).await;
    assert_eq!(left.error_code, 0);
    assert!(left.members.iter().all(|m| m.error_code == 0));

    let mut delete = DeleteGroupsRequest::default();
    delete.groups_names = vec![GroupId(s(GROUP))];
    let deleted: DeleteGroupsResponse = first.call(ApiKey::DeleteGroups, 2, &delete).await;
    assert_eq!(deleted.results[0].error_code, 0);
}
