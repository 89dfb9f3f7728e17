//! Rebalances of dynamic members: the join and sync phases, the initial delay, new members,
//! leaving, and protocol selection.

use bytes::Bytes;

use super::*;
use crate::event::{GroupStateReason, RebalanceReason};
use crate::group::GroupState;

#[test]
fn two_members_rebalance_end_to_end() {
    let mut h = Harness::new();
    let a_req = join_request("client-a");
    let b_req = join_request("client-b");
    let (a, a_pending, a_reply) = h.join_new(1, &a_req);
    assert!(a.as_str().starts_with("client-a-"), "{a}");
    assert_eq!(a_reply, Reply::Parked);
    let (b, b_pending, b_reply) = h.join_new(2, &b_req);
    assert_eq!(b_reply, Reply::Parked);
    assert_eq!(h.group().state(), GroupState::PreparingRebalance);

    // B arrived during the initial delay, so the delay is extended once.
    h.advance(INITIAL_DELAY_MS);
    assert_eq!(h.join_answer(a_pending), None);
    h.advance(INITIAL_DELAY_MS);
    let a_join = h.join_answer(a_pending).expect("leader answered");
    let b_join = h.join_answer(b_pending).expect("follower answered");
    assert_eq!(a_join.generation_id, GenerationId(1));
    assert_eq!(b_join.generation_id, GenerationId(1));
    assert_eq!((&a_join.leader, &b_join.leader), (&a, &a));
    assert_eq!(a_join.protocol_name.as_deref(), Some("range"));
    let listed: Vec<_> = a_join.members.iter().map(|m| (&m.member_id, &m.metadata)).collect();
    let metadata = Bytes::from("sub-range");
    assert_eq!(listed, vec![(&a, &metadata), (&b, &metadata)]);
    assert!(b_join.members.is_empty());
    assert_eq!(h.group().state(), GroupState::CompletingRebalance);

    let (b_sync, reply) = h.sync(2, sync_request(&b, GenerationId(1), &[]));
    assert_eq!(reply, Reply::Parked);
    let (_, reply) =
        h.sync(1, sync_request(&a, GenerationId(1), &[(&a, "a-parts"), (&b, "b-parts")]));
    assert_eq!(reply.now().map(|r| r.assignment), Some(Bytes::from("a-parts")));
    let b_answer = h.sync_answer(b_sync).expect("follower's sync answered");
    assert_eq!(b_answer.assignment, Bytes::from("b-parts"));
    assert_eq!(b_answer.protocol_name.as_deref(), Some("range"));
    assert_eq!(h.group().state(), GroupState::Stable);
    assert_eq!(h.heartbeat(&a, GenerationId(1)), None);
    assert_eq!(h.heartbeat(&b, GenerationId(1)), None);

    let events = h.events();
    assert!(events.contains(&Event::GenerationStarted {
        group: GroupId::from(GROUP),
        generation: GenerationId(1),
        protocol: Some("range".to_owned()),
        leader: Some(a.clone()),
        members: vec![a.clone(), b.clone()],
    }));
    let received = events.iter().filter(|e| matches!(e, Event::AssignmentReceived { .. })).count();
    assert_eq!(received, 2);
    let states: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::GroupStateChanged { to, .. } => Some(*to),
            _ => None,
        })
        .collect();
    let expected =
        [GroupState::PreparingRebalance, GroupState::CompletingRebalance, GroupState::Stable];
    assert_eq!(states, expected);
}

#[test]
fn initial_rebalance_delay_holds_the_first_join() {
    let mut h =
        Harness::with_config(GroupConfig { initial_rebalance_delay_ms: 3_000, ..config() }, 1);
    let (a_pending, reply) =
        h.join(1, JoinGroupRequest { require_known_member_id: false, ..join_request("a") });
    assert_eq!(reply, Reply::Parked);
    assert_eq!(h.gc.next_deadline(), Some(Timestamp(3_000)));
    h.advance(1_000);
    let (b_pending, reply) =
        h.join(2, JoinGroupRequest { require_known_member_id: false, ..join_request("b") });
    assert_eq!(reply, Reply::Parked);
    // At 3 s the delay is extended by another 3 s because B arrived.
    h.advance(2_000);
    assert_eq!(h.join_answer(a_pending), None);
    assert_eq!(h.gc.next_deadline(), Some(Timestamp(6_000)));
    h.advance(2_999);
    assert_eq!(h.join_answer(a_pending), None);
    h.advance(1);
    let a_join = h.join_answer(a_pending).expect("answered at 6 s");
    let b_join = h.join_answer(b_pending).expect("answered at 6 s");
    assert_eq!(a_join.members.len(), 2);
    assert_eq!(b_join.leader, a_join.member_id);
}

#[test]
fn without_an_initial_delay_a_lone_member_is_answered_at_once() {
    let mut h = Harness::with_config(GroupConfig { initial_rebalance_delay_ms: 0, ..config() }, 1);
    let (_, reply) =
        h.join(1, JoinGroupRequest { require_known_member_id: false, ..join_request("a") });
    let answer = reply.now().expect("no delay");
    assert_eq!(answer.generation_id, GenerationId(1));
    assert_eq!(answer.leader, answer.member_id);
    assert_eq!(answer.members.len(), 1);
}

#[test]
fn a_third_member_triggers_a_rebalance() {
    let mut h = Harness::new();
    let (members, generation) = h.stable_group(2);
    let (c, c_pending, reply) = h.join_new(3, &join_request("c3"));
    assert_eq!(reply, Reply::Parked);
    assert_eq!(h.group().state(), GroupState::PreparingRebalance);
    assert!(h.events().contains(&Event::RebalanceStarted {
        group: GroupId::from(GROUP),
        reason: RebalanceReason::MemberJoined(c.clone()),
    }));
    assert_eq!(h.heartbeat(&members[0], generation), Some(ErrorCode::RebalanceInProgress));
    assert_eq!(h.heartbeat(&members[1], generation), Some(ErrorCode::RebalanceInProgress));
    let (a_pending, reply) = h.join(1, rejoin(&join_request("c1"), &members[0]));
    assert_eq!(reply, Reply::Parked);
    let (_, reply) = h.join(2, rejoin(&join_request("c2"), &members[1]));
    let b_join = reply.now().expect("the last rejoin completes the join phase");
    assert_eq!(b_join.generation_id, GenerationId(2));
    let a_join = h.join_answer(a_pending).expect("leader answered");
    assert_eq!(a_join.members.len(), 3);
    assert_eq!(a_join.leader, members[0]);
    assert_eq!(h.join_answer(c_pending).map(|r| r.generation_id), Some(GenerationId(2)));
    // The old generation is over.
    assert_eq!(h.heartbeat(&members[0], generation), Some(ErrorCode::IllegalGeneration));
}

#[test]
fn leave_group_rebalances_at_once() {
    let mut h = Harness::new();
    let (members, generation) = h.stable_group(2);
    let left = h.leave(&members[1], None);
    assert_eq!(left.error, None);
    assert_eq!(left.members[0].error, None);
    assert_eq!(h.group().state(), GroupState::PreparingRebalance);
    assert_eq!(h.leave(&members[1], None).members[0].error, Some(ErrorCode::UnknownMemberId));
    let (_, reply) = h.join(1, rejoin(&join_request("c1"), &members[0]));
    assert_eq!(reply.now().map(|r| r.generation_id), Some(GenerationId(2)));
    // The last member leaving empties the group and bumps the generation.
    h.sync(1, sync_request(&members[0], GenerationId(2), &[]));
    assert_eq!(h.leave(&members[0], None).members[0].error, None);
    assert_eq!(h.group().state(), GroupState::Empty);
    assert_eq!(h.group().generation(), GenerationId(3));
    assert_eq!(h.heartbeat(&members[0], generation), Some(ErrorCode::UnknownMemberId));
}

#[test]
fn the_protocol_is_chosen_by_vote() {
    let chosen = |prefs: &[&[&str]]| {
        let mut h = Harness::new();
        let mut pendings = Vec::new();
        for (i, p) in prefs.iter().enumerate() {
            let req =
                JoinGroupRequest { protocols: protocols(p), ..join_request(&format!("c{i}")) };
            let (_, pending, _) = h.join_new(i as u64, &req);
            pendings.push(pending);
        }
        let answer = h.await_join(pendings[0]);
        answer.protocol_name
    };
    assert_eq!(
        chosen(&[&["range", "roundrobin"], &["roundrobin", "range"], &["roundrobin"]]).as_deref(),
        Some("roundrobin")
    );
    // A tie goes to the earliest member's vote.
    assert_eq!(
        chosen(&[&["range", "roundrobin"], &["roundrobin", "range"]]).as_deref(),
        Some("range")
    );
    assert_eq!(
        chosen(&[&["roundrobin", "range"], &["range", "roundrobin"]]).as_deref(),
        Some("roundrobin")
    );
    // Only protocols every member supports are candidates.
    assert_eq!(
        chosen(&[&["sticky", "range"], &["range"], &["sticky", "range"]]).as_deref(),
        Some("range")
    );
}

/// The (to, reason) of every state change in `events`.
fn state_changes(events: &[Event]) -> Vec<(GroupState, GroupStateReason)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::GroupStateChanged { to, reason, .. } => Some((*to, reason.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn each_state_change_names_its_cause() {
    let mut h = Harness::new();
    let req = join_request("a");
    let (a, a_pending, _) = h.join_new(1, &req);
    h.advance(INITIAL_DELAY_MS);
    h.await_join(a_pending);
    h.sync(1, sync_request(&a, GenerationId(1), &[(&a, "all")]));
    let (b, b_pending, _) = h.join_new(2, &join_request("b"));
    let (_, a_again) = h.join(1, rejoin(&req, &a));
    assert!(a_again.now().is_some(), "the last member to rejoin is answered at once");
    h.await_join(b_pending);
    h.leave(&b, None);
    assert_eq!(h.group().state(), GroupState::PreparingRebalance, "waiting for a to rejoin");
    h.leave(&a, None);
    use GroupState::*;
    use GroupStateReason as Why;
    assert_eq!(
        state_changes(&h.events()),
        [
            (PreparingRebalance, Why::Rebalance(RebalanceReason::MemberJoined(a.clone()))),
            (CompletingRebalance, Why::InitialDelayPassed { delay_ms: INITIAL_DELAY_MS }),
            (Stable, Why::AssignmentSynced),
            (PreparingRebalance, Why::Rebalance(RebalanceReason::MemberJoined(b.clone()))),
            (CompletingRebalance, Why::AllMembersJoined),
            (PreparingRebalance, Why::Rebalance(RebalanceReason::MemberRemoved(b.clone()))),
            // a had not rejoined when it left too: the join phase ends with nobody.
            (Empty, Why::NoMembersLeft),
        ]
    );
}

#[test]
fn a_join_phase_ended_by_the_rebalance_timeout_says_so() {
    let mut h = Harness::new();
    let (members, generation) = h.stable_group(2);
    let (_, c_pending, _) = h.join_new(3, &join_request("c"));
    // The old members keep heartbeating (REBALANCE_IN_PROGRESS) but never rejoin.
    for _ in 0..6 {
        h.advance(i64::from(REBALANCE_MS) / 6);
        for m in &members {
            h.heartbeat(m, generation);
        }
    }
    let c_join = h.await_join(c_pending);
    assert_eq!(c_join.generation_id, GenerationId(generation.0 + 1));
    let events = h.events();
    let timeout = i64::from(REBALANCE_MS);
    assert_eq!(
        state_changes(&events).last(),
        Some(&(
            GroupState::CompletingRebalance,
            GroupStateReason::RebalanceTimeout { timeout_ms: timeout }
        ))
    );
    let text = events
        .iter()
        .find(|e| matches!(e, Event::GroupStateChanged { to: GroupState::CompletingRebalance, .. }))
        .unwrap()
        .to_string();
    assert_eq!(
        text,
        "group g: PreparingRebalance -> CompletingRebalance: the rebalance timeout (30000 ms, max.poll.interval.ms) passed; members that did not rejoin were removed"
    );
}
