//! The controller and the network: who is the controller when brokers stop or are cut off, how a
//! broker that cannot reach it is fenced, what an isolated old leader does, and how it returns.

mod common;

use common::*;
use kplay_core::api::*;
use kplay_core::engine::{Handled, Shutdown};
use kplay_core::event::{ControllerReason, ElectionReason, IsrShrinkReason};
use kplay_core::*;

/// Cuts exactly these broker links, for messages and for the engine's controller view.
fn cut(c: &mut Cluster, pairs: &[(i32, i32)]) {
    c.cut = pairs.iter().map(|(a, b)| (BrokerId(*a), BrokerId(*b))).collect();
    c.engine.set_broker_links(Timestamp(c.now), c.cut.clone());
    c.pump();
}

fn metadata_controller(c: &mut Cluster, broker: i32) -> BrokerId {
    let request = MetadataRequest { topics: Some(Vec::new()), allow_auto_topic_creation: false };
    let Response::Metadata(m) = c.call(broker, request) else { panic!() };
    m.controller_id
}

/// A 3-broker cluster with topic `t` (3 partitions, replication factor 3) and the index of a
/// partition whose leader is not the controller (broker 1).
fn cluster_with_a_partition_not_led_by_the_controller() -> (Cluster, i32, BrokerId) {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 3, 3));
    c.advance(100);
    let p = (0..3).find(|p| c.leader("t", *p) != Some(BrokerId(1))).expect("leaders are spread");
    let leader = c.leader("t", p).unwrap();
    (c, p, leader)
}

#[test]
fn stopping_the_controller_elects_another() {
    let mut c = Cluster::new(3, fast_config());
    assert_eq!(c.engine.image().controller, Some(BrokerId(1)));
    assert_eq!(metadata_controller(&mut c, 2), BrokerId(1));
    c.engine.stop_broker(Timestamp(c.now), BrokerId(1), Shutdown::Crash).unwrap();
    c.pump();
    let elected = c.events_matching(|e| matches!(e, Event::ControllerElected { .. }));
    let last = *elected.last().expect("a controller was elected");
    assert_eq!(
        *last,
        Event::ControllerElected {
            broker: Some(BrokerId(2)),
            reason: ControllerReason::PreviousStopped(BrokerId(1))
        }
    );
    assert!(last.to_string().contains("broker 1, the controller, stopped"), "{last}");
    assert_eq!(metadata_controller(&mut c, 2), BrokerId(2));
    // Broker 1 comes back: the running controller keeps its role.
    c.engine.start_broker(Timestamp(c.now), BrokerId(1)).unwrap();
    c.pump();
    assert_eq!(metadata_controller(&mut c, 1), BrokerId(2));
}

#[test]
fn a_leader_cut_off_from_the_controller_is_fenced_after_the_session_timeout_and_rejoins() {
    let (mut c, p, leader) = cluster_with_a_partition_not_led_by_the_controller();
    let isr_before = c.isr("t", p);
    cut(&mut c, &[(leader.0, 1)]);
    assert_eq!(c.engine.image().controller, Some(BrokerId(1)), "broker 1 still has a majority");
    assert!(!c.engine.reaches_controller(leader));
    assert!(!c.events_matching(|e| matches!(e, Event::BrokerLostController { broker, controller: Some(BrokerId(1)) } if *broker == leader)).is_empty());
    c.advance(8_900);
    assert_eq!(c.leader("t", p), Some(leader), "not fenced before broker.session.timeout.ms");
    c.advance(200);
    let fenced = c.events_matching(|e| {
        matches!(e, Event::BrokerFencedUnreachable { broker, controller: BrokerId(1), session_timeout_ms: 9_000 } if *broker == leader)
    });
    assert_eq!(fenced.len(), 1);
    assert!(
        c.events_matching(|e| matches!(e, Event::BrokerFenced { .. })).is_empty(),
        "it did not crash"
    );
    let new = c.leader("t", p).expect("a new leader");
    assert_ne!(new, leader);
    assert!(isr_before.contains(&new.0), "elected from the ISR");
    let elected = c.events_matching(|e| {
        matches!(e, Event::LeaderElected { reason: ElectionReason::LeaderUnreachable, previous: Some(p), .. } if *p == leader)
    });
    assert_eq!(elected.len(), 1);
    assert!(elected[0].to_string().contains("could not reach the controller"), "{}", elected[0]);
    assert!(!c.isr("t", p).contains(&leader.0));
    // The link comes back: the broker registers again and returns to the ISR.
    cut(&mut c, &[]);
    assert!(!c.events_matching(|e| matches!(e, Event::BrokerReachedController { broker, was_fenced: true, .. } if *broker == leader)).is_empty());
    assert!(c.engine.image().is_live(leader));
    c.advance(2_000);
    assert!(c.isr("t", p).contains(&leader.0), "caught up and back in the ISR");
}

#[test]
fn a_short_cut_from_the_controller_fences_nobody() {
    let (mut c, p, leader) = cluster_with_a_partition_not_led_by_the_controller();
    cut(&mut c, &[(leader.0, 1)]);
    c.advance(5_000);
    cut(&mut c, &[]);
    c.advance(10_000);
    assert_eq!(c.leader("t", p), Some(leader));
    assert!(c.events_matching(|e| matches!(e, Event::BrokerFencedUnreachable { .. })).is_empty());
    assert!(
        !c.events_matching(|e| matches!(
            e,
            Event::BrokerReachedController { was_fenced: false, .. }
        ))
        .is_empty()
    );
}

#[test]
fn a_controller_cut_off_from_the_majority_is_replaced() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 3, 3));
    c.advance(100);
    let led_by_1: Vec<i32> = (0..3).filter(|p| c.leader("t", *p) == Some(BrokerId(1))).collect();
    cut(&mut c, &[(1, 2), (1, 3)]);
    let lost = c.events_matching(|e| matches!(e, Event::ControllerLostQuorum { .. }));
    assert!(matches!(
        lost[..],
        [Event::ControllerLostQuorum {
            broker: BrokerId(1),
            reaches: 1,
            running: 3,
            successor: Some(BrokerId(2))
        }]
    ));
    assert!(lost[0].to_string().contains("majority"), "{}", lost[0]);
    let elected = c.events_matching(|e| matches!(e, Event::ControllerElected { .. }));
    assert_eq!(
        elected.last().copied(),
        Some(&Event::ControllerElected {
            broker: Some(BrokerId(2)),
            reason: ControllerReason::PreviousLostQuorum(BrokerId(1))
        })
    );
    assert_eq!(c.engine.image().controller, Some(BrokerId(2)));
    assert_eq!(metadata_controller(&mut c, 3), BrokerId(2));
    c.advance(9_100);
    let fenced = c.events_matching(|e| {
        matches!(
            e,
            Event::BrokerFencedUnreachable { broker: BrokerId(1), controller: BrokerId(2), .. }
        )
    });
    assert_eq!(fenced.len(), 1);
    for p in led_by_1 {
        assert_ne!(c.leader("t", p), Some(BrokerId(1)), "t-{p} moved away from broker 1");
    }
    cut(&mut c, &[]);
    assert_eq!(c.engine.image().controller, Some(BrokerId(2)), "the new controller stays");
    // Fetches lost on the cut links are sent again after replica.socket.timeout.ms.
    c.advance(31_000);
    for p in 0..3 {
        assert_eq!(c.isr("t", p).len(), 3, "t-{p}: broker 1 back in the ISR");
    }
}

#[test]
fn two_halves_without_a_majority_have_no_controller() {
    let mut c = Cluster::new(2, fast_config());
    cut(&mut c, &[(1, 2)]);
    assert_eq!(c.engine.image().controller, None);
    c.advance(20_000);
    assert!(
        c.events_matching(|e| matches!(e, Event::BrokerFencedUnreachable { .. })).is_empty(),
        "no controller fences anybody"
    );
    cut(&mut c, &[]);
    assert_eq!(c.engine.image().controller, Some(BrokerId(1)));
}

#[test]
fn an_isolated_old_leader_keeps_acks_1_writes_that_are_truncated_and_cannot_complete_acks_all() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 3));
    c.produce("t", 0, batch(&[("a", "1")]), Acks::All);
    let old = c.leader("t", 0).unwrap();
    let others: Vec<i32> = (1..=3).filter(|b| *b != old.0).collect();
    cut(&mut c, &[(old.0, others[0]), (old.0, others[1])]);
    // Before and after it is fenced, the old leader takes acks=1 writes alone.
    let (_, h) = c.produce_to(old.0, "t", 0, batch(&[("lost", "1")]), Acks::Leader);
    let Handled::Response(Response::Produce(r)) = h else { panic!("{h:?}") };
    assert_eq!(r.topics[0].partitions[0].error, None);
    let (all_id, h) = c.produce_to(old.0, "t", 0, batch(&[("never", "acked")]), Acks::All);
    assert_eq!(h, Handled::Parked, "acks=all waits for followers that do not fetch");
    c.advance(10_000);
    let new = c.leader("t", 0).expect("a new leader from the ISR");
    assert_ne!(new, old);
    let (_, h) = c.produce_to(old.0, "t", 0, batch(&[("lost", "2")]), Acks::Leader);
    let Handled::Response(Response::Produce(r)) = h else { panic!("{h:?}") };
    assert_eq!(r.topics[0].partitions[0].error, None, "it does not know it was replaced");
    c.produce("t", 0, batch(&[("b", "2")]), Acks::All);
    c.advance(21_000);
    // It could not shrink its ISR without the controller, so acks=all timed out.
    let Some(Response::Produce(r)) = c.answers.remove(&all_id) else { panic!("answered") };
    assert_eq!(
        r.topics[0].partitions[0].error.as_ref().map(|e| e.code),
        Some(ErrorCode::RequestTimedOut)
    );
    assert!(
        c.events_matching(|e| matches!(
            e,
            Event::IsrShrunk { reason: IsrShrinkReason::Lagging { .. }, .. }
        ))
        .is_empty(),
        "no ISR shrink without the controller"
    );
    assert_eq!(c.log_end(old.0, "t", 0), Offset(4));
    cut(&mut c, &[]);
    c.advance(2_000);
    let truncated: Vec<_> = c
        .events_matching(|e| matches!(e, Event::LogTruncated { broker, .. } if *broker == old))
        .into_iter()
        .map(|e| match e {
            Event::LogTruncated { to, removed, .. } => (*to, *removed),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(truncated, [(Offset(1), 3)], "the three records only it had are gone");
    assert_eq!(c.keys(old.0, "t", 0), ["a", "b"]);
    assert_eq!(c.keys(old.0, "t", 0), c.keys(new.0, "t", 0));
    assert_eq!(c.isr("t", 0).len(), 3);
}

#[test]
fn a_broker_started_out_of_the_controllers_reach_stays_fenced_until_it_reaches_it() {
    let (mut c, _, leader) = cluster_with_a_partition_not_led_by_the_controller();
    c.engine.stop_broker(Timestamp(c.now), leader, Shutdown::Clean).unwrap();
    cut(&mut c, &[(leader.0, 1)]);
    c.engine.start_broker(Timestamp(c.now), leader).unwrap();
    c.advance(1_000);
    assert!(!c.engine.image().is_live(leader), "it cannot register");
    assert!((0..3).all(|p| c.leader("t", p) != Some(leader)));
    cut(&mut c, &[]);
    assert!(c.engine.image().is_live(leader));
    c.advance(2_000);
    assert!((0..3).all(|p| c.isr("t", p).contains(&leader.0)), "it caught up everywhere");
}
