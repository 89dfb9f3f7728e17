//! The coordinator as a whole: moving to another broker, disconnected clients, determinism.

use super::*;

#[test]
fn a_moved_coordinator_answers_parked_requests_not_coordinator() {
    let mut h = Harness::new();
    let (a, a_pending, _) = h.join_new(1, &join_request("a"));
    let other = JoinGroupRequest { group_id: GroupId::from("other"), ..join_request("o") };
    let (_, other_pending, _) = h.join_new(5, &other);
    h.advance(10);
    h.gc.coordinator_moved(h.now, &|g| g.as_str() == GROUP);
    let answer = h.join_answer(a_pending).expect("answered by the move");
    assert_eq!(answer.error, Some(ErrorCode::NotCoordinator));
    assert_eq!(answer.member_id, a);
    assert_eq!(h.join_answer(other_pending), None, "other groups are untouched");
    let member = h.group().member(&a).expect("members stay");
    assert!(!member.is_awaiting_join());
    assert_eq!(member.session_deadline(), Some(h.now.plus_ms(i64::from(SESSION_MS))));
    // The client finds the new coordinator and rejoins.
    let (pending, _) = h.join(1, rejoin(&join_request("a"), &a));
    assert_eq!(h.await_join(pending).error, None);
}

#[test]
fn a_moved_coordinator_answers_parked_syncs_not_coordinator() {
    let mut h = Harness::new();
    let (_, a_pending, _) = h.join_new(1, &join_request("a"));
    let (b, b_pending, _) = h.join_new(2, &join_request("b"));
    h.await_join(a_pending);
    let generation = h.await_join(b_pending).generation_id;
    let (b_sync, _) = h.sync(2, sync_request(&b, generation, &[]));
    h.gc.coordinator_moved(h.now, &|_| true);
    assert_eq!(h.sync_answer(b_sync).and_then(|r| r.error), Some(ErrorCode::NotCoordinator));
}

#[test]
fn a_disconnected_client_gets_no_answer_but_its_member_stays() {
    let mut h = Harness::new();
    let (a, a_pending, _) = h.join_new(1, &join_request("a"));
    let (_, b_pending, _) = h.join_new(2, &join_request("b"));
    h.gc.client_disconnected(ClientId(1));
    let b_join = h.await_join(b_pending);
    assert_eq!(h.join_answer(a_pending), None);
    // Its join still counted: it is in the generation, and leads it.
    assert_eq!(b_join.leader, a);
}

fn scripted_run(seed: u64) -> (Vec<crate::event::EventRecord>, Vec<(Pending, GroupReply)>) {
    let mut h = Harness::with_config(config(), seed);
    let (members, generation) = h.stable_group(3);
    h.join_new(4, &join_request("c4"));
    h.heartbeat(&members[0], generation);
    h.leave(&members[1], None);
    h.advance(60_000);
    h.gc.tick(h.now);
    (h.gc.take_events(), h.gc.take_completed())
}

#[test]
fn the_same_inputs_give_the_same_events() {
    let first = scripted_run(42);
    assert_eq!(first, scripted_run(42));
    assert!(!first.0.is_empty());
    assert_ne!(first.0, scripted_run(43).0, "member ids depend on the seed");
}

fn timeline(step_through_deadlines: bool) -> Vec<crate::event::EventRecord> {
    let mut h = Harness::with_config(config(), 5);
    let (members, generation) = h.stable_group(3);
    h.heartbeat(&members[2], generation);
    h.leave(&members[0], None);
    let (pending, _) = h.join(2, rejoin(&join_request("c2"), &members[1]));
    let end = h.now.plus_ms(120_000);
    if step_through_deadlines {
        while let Some(deadline) = h.gc.next_deadline().filter(|d| *d <= end) {
            h.now = deadline;
            h.gc.tick(deadline);
        }
    }
    h.now = end;
    h.gc.tick(end);
    assert!(h.join_answer(pending).is_some());
    h.gc.take_events()
}

#[test]
fn a_late_tick_fires_timers_as_if_on_time() {
    let stepped = timeline(true);
    assert_eq!(stepped, timeline(false));
    let last = stepped.last().map(|r| r.time);
    assert!(last < Some(Timestamp(100_000)), "timers fired at their deadlines: {last:?}");
}
