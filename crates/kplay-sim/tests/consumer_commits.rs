//! The simulated consumer commits and leaves as Java's does: auto commit about every
//! `auto.commit.interval.ms`, `commitSync` holding the application until the answer and
//! `commitAsync` not, and a clean close (LeaveGroup) rebalancing the group at once where a crash
//! waits out `session.timeout.ms`. (Manual commits: `tests/actions.rs`.)

mod support;

use kplay_core::TopicPartition;
use kplay_core::event::{Event, MemberRemovedReason};
use kplay_sim::action::{Action, CommitMode, ProducerSpec};
use kplay_sim::client::ClientEvent;
use kplay_sim::network::{LinkSpec, Node};
use kplay_sim::world::World;
use support::*;

fn steady_producer(w: &mut World, rate_per_sec: u32) {
    let spec = ProducerSpec { rate_per_sec, linger_ms: 0, ..ProducerSpec::new("p", "t") };
    w.apply(Action::AddProducer { id: 1, spec }).unwrap();
}

#[test]
fn auto_commit_lands_about_every_interval() {
    let mut w = world_with(51, 1, &[]);
    steady_producer(&mut w, 50);
    w.apply(consumer(2, |s| s.commit = CommitMode::Auto { interval_ms: 2_000 })).unwrap();
    w.run_for(21_000).unwrap();
    let times = commit_times(&w, 0);
    assert!((9..=11).contains(&times.len()), "about one commit per 2 s: {times:?}");
    for pair in times.windows(2) {
        let gap = pair[1] - pair[0];
        assert!((2_000..2_100).contains(&gap), "auto.commit.interval.ms apart: {times:?}");
    }
    let committed = committed(&w)[0].1;
    let processed = processed_offsets(&w, 2, 0).len() as i64;
    assert!(committed.0 <= processed && committed.0 > processed - 150, "{committed} {processed}");
}

/// How many of consumer 2's Processed events fall between the coordinator storing one of its
/// commits and the answer reaching it: none when the application waits for the answer.
fn processed_while_committing(w: &World) -> usize {
    let tp = TopicPartition::new("t", 0);
    let stored = commit_times(w, 0);
    let answered: Vec<i64> = client_events(w, 2)
        .into_iter()
        .filter(|(_, e)| matches!(e, ClientEvent::Committed { .. }))
        .map(|(t, _)| t)
        .collect();
    // Answers come in order; the newest commits may still be on their way back.
    assert!(stored.len() - answered.len() <= 30, "{} {}", stored.len(), answered.len());
    let processed: Vec<i64> = client_events(w, 2)
        .into_iter()
        .filter(|(_, e)| matches!(e, ClientEvent::Processed { partition, .. } if *partition == tp))
        .map(|(t, _)| t)
        .collect();
    stored
        .iter()
        .zip(&answered)
        .map(|(s, a)| processed.iter().filter(|t| *t > s && *t < a).count())
        .sum()
}

fn committing_world(commit: CommitMode) -> World {
    let mut w = world_with(57, 1, &[]);
    steady_producer(&mut w, 200);
    w.apply(consumer(2, |s| {
        s.commit = commit;
        s.fetch_max_wait_ms = 0;
    }))
    .unwrap();
    w.run_for(2_000).unwrap();
    // The coordinator is far away, the partition's leader near.
    let coordinator = client_events(&w, 2)
        .into_iter()
        .find_map(|(_, e)| match e {
            ClientEvent::CoordinatorFound { broker, .. } => Some(*broker),
            _ => None,
        })
        .unwrap();
    let leader = w.engine().image().partition(&TopicPartition::new("t", 0)).unwrap().leader;
    assert_ne!(Some(coordinator), leader, "a seed where they are different brokers");
    let link = LinkSpec { latency_ms: 100, jitter_ms: 0, loss_per_million: 0 };
    w.apply(Action::SetLink { a: Node::Client(2), b: Node::Broker(coordinator.0), link }).unwrap();
    w.run_for(8_000).unwrap();
    w
}

#[test]
fn commit_sync_holds_the_application_and_commit_async_does_not() {
    let sync = committing_world(CommitMode::SyncAfterProcessing);
    let asynchronous = committing_world(CommitMode::AsyncAfterProcessing);
    for w in [&sync, &asynchronous] {
        assert!(commit_times(w, 0).len() > 20, "{}", commit_times(w, 0).len());
        let end = high_watermark(w, 0);
        assert!(committed(w)[0].1.0 > end.0 - 100, "commits follow processing");
    }
    assert_eq!(processed_while_committing(&sync), 0);
    assert!(processed_while_committing(&asynchronous) > 0);
}

/// Two consumers of a three-partition topic; then consumer 3 goes (cleanly or by crashing).
fn one_of_two_goes(crash: bool) -> World {
    let mut w = world_with(53, 3, &[]);
    for id in 2..=3 {
        w.apply(consumer(id, |s| s.session_timeout_ms = 30_000)).unwrap();
    }
    w.run_for(5_000).unwrap();
    assert_eq!(
        w.consumer(2).unwrap().assigned().len() + w.consumer(3).unwrap().assigned().len(),
        3
    );
    w.apply(Action::RemoveClient { id: 3, crash }).unwrap();
    w
}

fn removal_reason(w: &World) -> Option<MemberRemovedReason> {
    engine_events(w).find_map(|(_, e)| match e {
        Event::MemberRemoved { reason, .. } => Some(reason.clone()),
        _ => None,
    })
}

#[test]
fn a_clean_close_rebalances_at_once_and_a_crash_waits_for_the_session_timeout() {
    let mut clean = one_of_two_goes(false);
    clean.run_for(4_000).unwrap();
    assert_eq!(clean.consumer(2).unwrap().assigned().len(), 3, "taken over within a heartbeat");
    assert_eq!(removal_reason(&clean), Some(MemberRemovedReason::LeaveGroup));

    let mut crashed = one_of_two_goes(true);
    crashed.run_for(25_000).unwrap();
    assert!(crashed.consumer(2).unwrap().assigned().len() < 3, "still waiting for consumer 3");
    assert_eq!(removal_reason(&crashed), None);
    crashed.run_for(10_000).unwrap();
    assert_eq!(crashed.consumer(2).unwrap().assigned().len(), 3);
    assert_eq!(removal_reason(&crashed), Some(MemberRemovedReason::SessionTimeout));
}
