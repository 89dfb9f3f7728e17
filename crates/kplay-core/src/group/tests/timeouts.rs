//! Timeouts: sessions, the rebalance timeout of the join phase, the pending-sync timeout, the
//! new-member join timeout and pending members that never come back.

use super::*;
use crate::event::{MemberRemovedReason, RebalanceReason};

#[test]
fn session_timeout_removes_a_crashed_member_and_rebalances() {
    let mut h = Harness::new();
    let (members, generation) = h.stable_group(2);
    let (a, b) = (&members[0], &members[1]);
    h.advance(i64::from(SESSION_MS) / 2);
    assert_eq!(h.heartbeat(a, generation), None);
    h.advance(i64::from(SESSION_MS) / 2 - 1);
    assert!(h.group().member(b).is_some());
    h.advance(1);
    assert!(h.group().member(b).is_none(), "b never heartbeat");
    let events = h.events();
    assert!(events.contains(&Event::MemberRemoved {
        group: GroupId::from(GROUP),
        member: b.clone(),
        reason: MemberRemovedReason::SessionTimeout,
    }));
    assert!(events.contains(&Event::RebalanceStarted {
        group: GroupId::from(GROUP),
        reason: RebalanceReason::MemberRemoved(b.clone()),
    }));
    assert_eq!(h.heartbeat(a, generation), Some(ErrorCode::RebalanceInProgress));
    let (_, reply) = h.join(1, rejoin(&join_request("c1"), a));
    let answer = reply.now().expect("a is the only member left");
    assert_eq!(answer.generation_id, GenerationId(2));
    assert_eq!(answer.members.len(), 1);
    assert_eq!(h.heartbeat(b, generation), Some(ErrorCode::UnknownMemberId));
}

#[test]
fn a_member_that_does_not_rejoin_within_the_rebalance_timeout_is_removed() {
    let mut h = Harness::new();
    let (members, generation) = h.stable_group(2);
    let (a, b) = (&members[0], &members[1]);
    // The leader rejoins (e.g. its metadata changed); b keeps heartbeating but never rejoins.
    let (a_pending, reply) = h.join(1, rejoin(&join_request("c1"), a));
    assert_eq!(reply, Reply::Parked);
    let mut waited = 0;
    while waited < i64::from(REBALANCE_MS) {
        assert_eq!(h.join_answer(a_pending), None);
        assert_eq!(h.heartbeat(b, generation), Some(ErrorCode::RebalanceInProgress));
        h.advance(3_000);
        waited += 3_000;
    }
    let answer = h.join_answer(a_pending).expect("the rebalance timeout completed the join");
    assert_eq!(answer.generation_id, GenerationId(2));
    assert_eq!(answer.members.len(), 1);
    assert!(h.events().contains(&Event::MemberRemoved {
        group: GroupId::from(GROUP),
        member: b.clone(),
        reason: MemberRemovedReason::RebalanceTimeout,
    }));
    assert_eq!(h.heartbeat(b, generation), Some(ErrorCode::UnknownMemberId));
}

#[test]
fn the_leader_missing_its_sync_removes_it_and_rebalances() {
    let mut h = Harness::new();
    let a_req = join_request("a");
    let b_req = join_request("b");
    let (a, a_pending, _) = h.join_new(1, &a_req);
    let (b, b_pending, _) = h.join_new(2, &b_req);
    h.await_join(a_pending);
    let b_join = h.await_join(b_pending);
    let joined_at = h.now;
    let (b_sync, reply) = h.sync(2, sync_request(&b, b_join.generation_id, &[]));
    assert_eq!(reply, Reply::Parked);
    // The leader heartbeats (it is alive, computing the assignment) but never syncs.
    for _ in 0..9 {
        h.advance(3_000);
        assert_eq!(h.heartbeat(&a, b_join.generation_id), None);
    }
    h.advance(i64::from(REBALANCE_MS) - 27_001);
    assert_eq!(h.sync_answer(b_sync), None);
    assert!(h.group().member(&a).is_some(), "still within the rebalance timeout");
    h.advance(1);
    assert_eq!(h.now, joined_at.plus_ms(i64::from(REBALANCE_MS)));
    assert!(h.group().member(&a).is_none());
    let answer = h.sync_answer(b_sync).expect("b told to rejoin");
    assert_eq!(answer.error, Some(ErrorCode::RebalanceInProgress));
    assert!(h.events().contains(&Event::MemberRemoved {
        group: GroupId::from(GROUP),
        member: a.clone(),
        reason: MemberRemovedReason::SyncTimeout,
    }));
    let (_, reply) = h.join(2, rejoin(&b_req, &b));
    let answer = reply.now().expect("b alone");
    assert_eq!((answer.generation_id, &answer.leader), (GenerationId(2), &b));
}

#[test]
fn next_deadline_is_never_in_the_past_after_a_tick() {
    let mut h = Harness::new();
    let (members, _) = h.stable_group(3);
    h.leave(&members[2], None);
    for _ in 0..20 {
        let Some(deadline) = h.gc.next_deadline() else {
            break;
        };
        assert!(deadline >= h.now);
        h.now = deadline;
        h.gc.tick(deadline);
        assert!(h.gc.next_deadline().is_none_or(|d| d > deadline));
    }
}

#[test]
fn a_new_member_stuck_in_a_long_join_phase_expires() {
    let mut h = Harness::new();
    let long = JoinGroupRequest { rebalance_timeout_ms: 600_000, ..join_request("c1") };
    let (a, a_pending, _) = h.join_new(1, &long);
    let generation = h.await_join(a_pending).generation_id;
    h.sync(1, sync_request(&a, generation, &[]));
    // b joins; a keeps heartbeating but never rejoins, so the join phase lasts 10 minutes.
    let (b, b_pending, _) = h.join_new(2, &join_request("c2"));
    for _ in 0..99 {
        h.advance(3_000);
        h.heartbeat(&a, generation);
    }
    assert_eq!(h.join_answer(b_pending), None);
    h.advance(3_000);
    let answer = h.join_answer(b_pending).expect("the new member's join timed out");
    assert_eq!(answer.error, Some(ErrorCode::UnknownMemberId));
    assert!(h.group().member(&b).is_none());
    assert!(h.events().contains(&Event::MemberRemoved {
        group: GroupId::from(GROUP),
        member: b.clone(),
        reason: MemberRemovedReason::SessionTimeout,
    }));
}

#[test]
fn a_pending_member_holds_the_join_phase_until_it_expires() {
    let mut h = Harness::new();
    let (members, generation) = h.stable_group(1);
    // c is told its member id but never comes back; b joins and a rejoins.
    let (_, first) = h.join(3, join_request("c3"));
    let c = first.now().expect("MEMBER_ID_REQUIRED").member_id;
    let (_, b_pending, _) = h.join_new(2, &join_request("c2"));
    let (a_pending, _) = h.join(1, rejoin(&join_request("c1"), &members[0]));
    h.advance(i64::from(SESSION_MS) - 1);
    assert_eq!(h.join_answer(a_pending), None, "waiting for the pending member");
    assert_eq!(h.group().pending_members().collect::<Vec<_>>(), vec![&c]);
    h.advance(1);
    let answer = h.join_answer(a_pending).expect("completed once c expired");
    assert_eq!(answer.generation_id, GenerationId(generation.0 + 1));
    assert_eq!(answer.members.len(), 2);
    assert!(h.join_answer(b_pending).is_some());
    assert!(h.events().contains(&Event::MemberRemoved {
        group: GroupId::from(GROUP),
        member: c,
        reason: MemberRemovedReason::PendingExpired,
    }));
}
