//! Static membership (`group.instance.id`): restarts without rebalances, fencing of the old
//! member id, and removal only by session timeout or LeaveGroup.

use bytes::Bytes;

use super::*;
use crate::api::{OffsetCommitPartition, OffsetCommitRequest, OffsetCommitTopic};
use crate::event::{MemberRemovedReason, RebalanceReason};
use crate::group::GroupState;
use crate::ids::{LeaderEpoch, Offset, PartitionIndex, TopicName};

fn static_request(instance: &str) -> JoinGroupRequest {
    JoinGroupRequest {
        group_instance_id: Some(instance.to_owned()),
        require_known_member_id: false,
        ..join_request(&format!("client-{instance}"))
    }
}

fn with_instance(mut req: SyncGroupRequest, instance: &str) -> SyncGroupRequest {
    req.group_instance_id = Some(instance.to_owned());
    req
}

fn heartbeat_as(h: &mut Harness, member: &MemberId, instance: &str) -> Option<ErrorCode> {
    let req = HeartbeatRequest {
        group_id: GroupId::from(GROUP),
        generation_id: h.group().generation(),
        member_id: member.clone(),
        group_instance_id: Some(instance.to_owned()),
    };
    h.gc.heartbeat(h.now, &req).error
}

/// A `Stable` group: static member `s` (instance `i1`, the leader) and dynamic member `d`.
fn static_and_dynamic(h: &mut Harness) -> (MemberId, MemberId) {
    let (s_pending, _) = h.join(1, static_request("i1"));
    let (d, d_pending, _) = h.join_new(2, &join_request("d"));
    let s_join = h.await_join(s_pending);
    let s = s_join.member_id.clone();
    assert!(s.as_str().starts_with("i1-"), "{s}");
    assert_eq!(s_join.leader, s);
    let generation = h.await_join(d_pending).generation_id;
    h.sync(2, sync_request(&d, generation, &[]));
    let assignments = [(&s, "s-parts"), (&d, "d-parts")];
    h.sync(1, with_instance(sync_request(&s, generation, &assignments), "i1"));
    assert_eq!(h.group().state(), GroupState::Stable);
    h.events();
    (s, d)
}

#[test]
fn a_restarted_static_leader_keeps_the_generation_and_fences_its_old_id() {
    let mut h = Harness::new();
    let (old, d) = static_and_dynamic(&mut h);
    h.advance(1_000);
    let (_, reply) = h.join(3, static_request("i1"));
    let answer = reply.now().expect("no rebalance: answered at once");
    let new = answer.member_id.clone();
    assert_ne!(new, old);
    assert_eq!(answer.error, None);
    assert_eq!(answer.generation_id, GenerationId(1));
    assert_eq!(answer.leader, new);
    assert!(answer.skip_assignment, "the returning leader must not reassign");
    let listed: Vec<_> = answer.members.iter().map(|m| m.member_id.clone()).collect();
    assert_eq!(listed, vec![new.clone(), d.clone()]);
    assert_eq!(h.group().state(), GroupState::Stable);
    let events = h.events();
    assert!(!events.iter().any(|e| matches!(e, Event::RebalanceStarted { .. })));
    assert!(events.contains(&Event::MemberRemoved {
        group: GroupId::from(GROUP),
        member: old.clone(),
        reason: MemberRemovedReason::Replaced { by: new.clone() },
    }));

    // The old process is fenced everywhere.
    assert_eq!(heartbeat_as(&mut h, &old, "i1"), Some(ErrorCode::FencedInstanceId));
    let (_, reply) = h.sync(1, with_instance(sync_request(&old, GenerationId(1), &[]), "i1"));
    assert_eq!(reply.now().and_then(|r| r.error), Some(ErrorCode::FencedInstanceId));
    let commit = OffsetCommitRequest {
        group_id: GroupId::from(GROUP),
        generation_id: GenerationId(1),
        member_id: old.clone(),
        group_instance_id: Some("i1".to_owned()),
        topics: vec![OffsetCommitTopic {
            name: TopicName::from("t"),
            partitions: vec![OffsetCommitPartition {
                partition: PartitionIndex(0),
                committed_offset: Offset(5),
                committed_leader_epoch: LeaderEpoch::UNKNOWN,
                metadata: None,
            }],
        }],
    };
    let response = h.gc.offset_commit(h.now, &commit, &|_| true);
    assert_eq!(response.topics[0].partitions[0].error, Some(ErrorCode::FencedInstanceId));
    let (_, reply) = h.join(1, JoinGroupRequest { member_id: old.clone(), ..static_request("i1") });
    assert_eq!(reply.now().and_then(|r| r.error), Some(ErrorCode::FencedInstanceId));
    assert_eq!(h.leave(&old, Some("i1")).members[0].error, Some(ErrorCode::FencedInstanceId));

    // The new process picks up the old assignment; the other member never noticed.
    let (_, reply) = h.sync(3, with_instance(sync_request(&new, GenerationId(1), &[]), "i1"));
    assert_eq!(reply.now().map(|r| r.assignment), Some(Bytes::from("s-parts")));
    assert_eq!(h.heartbeat(&d, GenerationId(1)), None);
    assert_eq!(heartbeat_as(&mut h, &new, "i1"), None);
}

#[test]
fn a_restarted_static_follower_is_not_told_it_leads() {
    let mut h = Harness::new();
    let (_, s_pending, _) = h.join_new(1, &join_request("d"));
    let (f_pending, _) = h.join(2, static_request("i2"));
    let leader = h.await_join(s_pending).member_id;
    let generation = h.await_join(f_pending).generation_id;
    h.sync(1, sync_request(&leader, generation, &[]));
    let (_, reply) = h.join(3, static_request("i2"));
    let answer = reply.now().expect("no rebalance");
    assert_eq!((answer.leader, answer.skip_assignment), (leader, false));
    assert!(answer.members.is_empty());
}

#[test]
fn a_new_instance_fences_a_parked_join_of_the_old_one() {
    let mut h = Harness::new();
    let (first, _) = h.join(1, static_request("i1"));
    let (second, _) = h.join(2, static_request("i1"));
    let fenced = h.join_answer(first).expect("the old join is answered");
    assert_eq!(fenced.error, Some(ErrorCode::FencedInstanceId));
    let answer = h.await_join(second);
    assert_eq!(answer.error, None);
    assert_eq!(h.group().members().len(), 1);
}

#[test]
fn a_static_member_gone_past_its_session_timeout_triggers_a_rebalance() {
    let mut h = Harness::new();
    let (s, d) = static_and_dynamic(&mut h);
    // Back within the session timeout would be fine; this one never comes back.
    for _ in 0..3 {
        h.advance(3_000);
        assert_eq!(h.heartbeat(&d, GenerationId(1)), None);
    }
    h.advance(i64::from(SESSION_MS) - 9_000);
    assert!(h.group().member(&s).is_none());
    assert!(h.events().contains(&Event::RebalanceStarted {
        group: GroupId::from(GROUP),
        reason: RebalanceReason::MemberRemoved(s.clone()),
    }));
    assert_eq!(h.heartbeat(&d, GenerationId(1)), Some(ErrorCode::RebalanceInProgress));
    let (_, reply) = h.join(2, rejoin(&join_request("d"), &d));
    let answer = reply.now().expect("d alone");
    assert_eq!((answer.generation_id, answer.leader), (GenerationId(2), d));
}

#[test]
fn a_static_member_that_misses_the_join_phase_stays_in_the_group() {
    let mut h = Harness::new();
    let (s, d) = static_and_dynamic(&mut h);
    // d's metadata changes, so it rejoins; s keeps heartbeating but does not rejoin.
    let changed =
        JoinGroupRequest { protocols: protocols(&["range", "roundrobin"]), ..join_request("d") };
    let (d_pending, _) = h.join(2, rejoin(&changed, &d));
    for _ in 0..10 {
        h.advance(3_000);
        heartbeat_as(&mut h, &s, "i1");
    }
    let answer = h.join_answer(d_pending).expect("the rebalance timeout completed the join");
    assert_eq!(answer.generation_id, GenerationId(2));
    assert_eq!(answer.leader, d, "leadership moved to a member that rejoined");
    assert_eq!(answer.members.len(), 2, "the static member is kept");
    assert!(h.group().member(&s).is_some());
}

#[test]
fn a_static_member_can_be_removed_by_instance_id() {
    let mut h = Harness::new();
    let (s, _) = static_and_dynamic(&mut h);
    let left = h.leave(&MemberId::unknown(), Some("i1"));
    assert_eq!(left.members[0].error, None);
    assert!(h.group().member(&s).is_none());
    assert_eq!(h.group().state(), GroupState::PreparingRebalance);
    let unknown = h.leave(&MemberId::unknown(), Some("i9"));
    assert_eq!(unknown.members[0].error, Some(ErrorCode::UnknownMemberId));
}

#[test]
fn a_static_restart_that_changes_the_chosen_protocol_rebalances() {
    let mut h = Harness::new();
    let (s_pending, _) = h.join(1, static_request("i1"));
    let s = h.await_join(s_pending).member_id;
    h.sync(1, with_instance(sync_request(&s, GenerationId(1), &[]), "i1"));
    let restart =
        JoinGroupRequest { protocols: protocols(&["roundrobin", "range"]), ..static_request("i1") };
    let (pending, reply) = h.join(2, restart);
    let answer = match reply {
        Reply::Now(answer) => answer,
        Reply::Parked => h.await_join(pending),
    };
    assert_eq!(answer.generation_id, GenerationId(2));
    assert_eq!(answer.protocol_name.as_deref(), Some("roundrobin"));
}
