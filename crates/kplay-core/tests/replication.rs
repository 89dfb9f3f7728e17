//! Replication through the engine: acks, high watermarks, ISR changes, failover, truncation.

mod common;

use common::*;
use kplay_core::api::*;
use kplay_core::engine::Shutdown;
use kplay_core::event::*;
use kplay_core::*;

#[test]
fn acks_all_is_answered_once_every_isr_member_has_the_batch() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 3));
    let leader = c.leader("t", 0).unwrap().0;
    let r = c.produce("t", 0, batch(&[("k", "v"), ("k2", "v2")]), Acks::All);
    assert_eq!(r.error, None);
    assert_eq!(r.base_offset, Offset(0));
    for b in 1..=3 {
        assert_eq!(c.log_end(b, "t", 0), Offset(2), "broker {b} has the batch");
    }
    assert_eq!(c.high_watermark(leader, "t", 0), Offset(2));
    assert_eq!(c.consumed_offsets("t", 0, 0), [0, 1]);
}

#[test]
fn consumers_read_only_up_to_the_high_watermark() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 3));
    let leader = c.leader("t", 0).unwrap();
    // Cut the leader off from both followers: it appends, nobody replicates.
    c.cut = (1..=3).filter(|b| *b != leader.0).map(|b| (leader, BrokerId(b))).collect();
    c.advance(1000);
    let r = c.produce("t", 0, batch(&[("k", "v")]), Acks::Leader);
    assert_eq!(r.error, None);
    assert_eq!(c.log_end(leader.0, "t", 0), Offset(1));
    assert_eq!(c.high_watermark(leader.0, "t", 0), Offset(0));
    let part = c.fetch("t", 0, 0);
    assert!(part.batches.is_empty(), "the record is above the high watermark");
    assert_eq!(part.high_watermark, Offset(0));
    // Heal: followers catch up and the high watermark moves.
    c.cut.clear();
    c.advance(31_000);
    assert_eq!(c.high_watermark(leader.0, "t", 0), Offset(1));
    assert_eq!(c.consumed_offsets("t", 0, 0), [0]);
}

#[test]
fn a_follower_that_stops_fetching_leaves_the_isr_after_the_lag_time() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 3));
    let leader = c.leader("t", 0).unwrap();
    let slow = BrokerId((1..=3).find(|b| *b != leader.0).unwrap());
    c.cut = vec![(leader, slow)];
    // A produce timeout longer than replica.lag.time.max.ms, so the shrink can answer it.
    let produce = ProduceRequest {
        acks: Acks::All,
        timeout_ms: 60_000,
        topics: vec![ProduceTopic {
            name: "t".into(),
            partitions: vec![ProducePartition {
                partition: PartitionIndex(0),
                batch: batch(&[("k", "v")]),
            }],
        }],
    };
    let (id, handled) = c.send(leader.0, produce);
    assert_eq!(handled, kplay_core::engine::Handled::Parked, "acks=all waits for the cut follower");
    c.advance(29_000);
    assert!(!c.answers.contains_key(&id), "still waiting within replica.lag.time.max.ms");
    assert_eq!(c.isr("t", 0).len(), 3);
    c.advance(2_000);
    assert!(!c.isr("t", 0).contains(&slow.0), "the follower left the ISR");
    let shrunk = c.events_matching(|e| matches!(e, Event::IsrShrunk { broker, reason: IsrShrinkReason::Lagging { .. }, .. } if *broker == slow));
    assert_eq!(shrunk.len(), 1);
    let Some(Response::Produce(r)) = c.answers.remove(&id) else {
        panic!("answered after the shrink")
    };
    assert_eq!(r.topics[0].partitions[0].error, None);
    assert_eq!(c.high_watermark(leader.0, "t", 0), Offset(1));
    // Healed, it catches up and rejoins.
    c.cut.clear();
    c.advance(35_000);
    assert!(c.isr("t", 0).contains(&slow.0));
    assert_eq!(c.log_end(slow.0, "t", 0), Offset(1));
    assert_eq!(c.events_matching(|e| matches!(e, Event::IsrExpanded { .. })).len(), 1);
}

#[test]
fn min_insync_replicas_rejects_acks_all_when_the_isr_is_too_small() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 3).config("min.insync.replicas", "2"));
    let leader = c.leader("t", 0).unwrap();
    let others: Vec<i32> = (1..=3).filter(|b| *b != leader.0).collect();
    for b in &others {
        c.engine.stop_broker(Timestamp(c.now), BrokerId(*b), Shutdown::Clean).unwrap();
    }
    c.pump();
    assert_eq!(c.isr("t", 0), [leader.0]);
    let r = c.produce("t", 0, batch(&[("k", "v")]), Acks::All);
    assert_eq!(r.error.map(|e| e.code), Some(ErrorCode::NotEnoughReplicas));
    assert_eq!(c.log_end(leader.0, "t", 0), Offset(0), "nothing appended");
    // acks=1 still works: durability was not asked for.
    let r = c.produce("t", 0, batch(&[("k", "v")]), Acks::Leader);
    assert_eq!(r.error, None);
}

#[test]
fn a_crashed_leader_is_replaced_after_the_broker_session_timeout() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 3));
    c.produce("t", 0, batch(&[("a", "1")]), Acks::All);
    let old = c.leader("t", 0).unwrap();
    let epoch = c.engine.image().partition(&tp("t", 0)).unwrap().leader_epoch;
    c.engine.stop_broker(Timestamp(c.now), old, Shutdown::Crash).unwrap();
    c.pump();
    c.advance(8_000);
    assert_eq!(c.leader("t", 0), Some(old), "the controller has not noticed yet");
    c.advance(1_500);
    let new = c.leader("t", 0).unwrap();
    assert_ne!(new, old);
    assert!(c.engine.image().partition(&tp("t", 0)).unwrap().leader_epoch > epoch);
    assert!(!c.isr("t", 0).contains(&old.0));
    assert_eq!(c.events_matching(|e| matches!(e, Event::BrokerFenced { .. })).len(), 1);
    // Nothing acknowledged was lost, and the new leader takes writes.
    assert_eq!(c.consumed_offsets("t", 0, 0), [0]);
    let r = c.produce("t", 0, batch(&[("b", "2")]), Acks::All);
    assert_eq!((r.error, r.base_offset), (None, Offset(1)));
    // The old leader returns as a follower, catches up and rejoins the ISR.
    c.engine.start_broker(Timestamp(c.now), old).unwrap();
    c.advance(2_000);
    assert_eq!(c.log_end(old.0, "t", 0), Offset(2));
    assert!(c.isr("t", 0).contains(&old.0));
}

#[test]
fn a_clean_shutdown_moves_leadership_at_once() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 3));
    let old = c.leader("t", 0).unwrap();
    c.engine.stop_broker(Timestamp(c.now), old, Shutdown::Clean).unwrap();
    c.pump();
    let new = c.leader("t", 0).unwrap();
    assert_ne!(new, old);
    let elected = c.events_matching(|e| {
        matches!(e, Event::LeaderElected { reason: ElectionReason::ControlledShutdown, .. })
    });
    assert_eq!(elected.len(), 1);
    assert_eq!(c.isr("t", 0).len(), 2);
}

#[test]
fn a_returning_leader_truncates_what_it_alone_had() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 3));
    c.produce("t", 0, batch(&[("a", "1")]), Acks::All);
    let old = c.leader("t", 0).unwrap();
    // The leader appends a batch no follower receives, then crashes.
    c.cut = (1..=3).filter(|b| *b != old.0).map(|b| (old, BrokerId(b))).collect();
    let r = c.produce("t", 0, batch(&[("lost", "x"), ("lost", "y")]), Acks::Leader);
    assert_eq!(r.base_offset, Offset(1));
    c.engine.stop_broker(Timestamp(c.now), old, Shutdown::Crash).unwrap();
    c.advance(10_000);
    c.cut.clear();
    let new = c.leader("t", 0).unwrap();
    let r = c.produce("t", 0, batch(&[("b", "2")]), Acks::All);
    assert_eq!(r.base_offset, Offset(1), "the new leader reuses offset 1");
    c.engine.start_broker(Timestamp(c.now), old).unwrap();
    c.advance(2_000);
    let truncated =
        c.events_matching(|e| matches!(e, Event::LogTruncated { broker, .. } if *broker == old));
    assert!(!truncated.is_empty(), "the old leader truncated");
    assert_eq!(c.keys(old.0, "t", 0), ["a", "b"]);
    assert_eq!(c.keys(old.0, "t", 0), c.keys(new.0, "t", 0));
}

#[test]
fn unclean_election_loses_records_and_says_so() {
    let mut c = Cluster::new(2, fast_config());
    c.create_topic(NewTopic::new("t", 1, 2).config("unclean.leader.election.enable", "true"));
    let leader = c.leader("t", 0).unwrap();
    let follower = BrokerId(3 - leader.0);
    c.produce("t", 0, batch(&[("a", "1")]), Acks::All);
    // The follower falls out of the ISR; the leader keeps acknowledging alone.
    c.cut = vec![(leader, follower)];
    c.advance(31_000);
    assert_eq!(c.isr("t", 0), [leader.0]);
    let r = c.produce("t", 0, batch(&[("b", "2"), ("c", "3")]), Acks::All);
    assert_eq!(r.error, None, "acknowledged with ISR = leader only");
    c.engine.stop_broker(Timestamp(c.now), leader, Shutdown::Crash).unwrap();
    c.cut.clear();
    c.advance(10_000);
    assert_eq!(c.leader("t", 0), Some(follower));
    let unclean: Vec<_> = c.events_matching(|e| {
        matches!(e, Event::LeaderElected { reason: ElectionReason::Unclean { .. }, .. })
    });
    let Event::LeaderElected {
        reason: ElectionReason::Unclean { requested: false, lost_from, lost_to, acknowledged_to },
        ..
    } = unclean[0]
    else {
        panic!()
    };
    assert_eq!((*lost_from, *lost_to, *acknowledged_to), (Offset(1), Offset(3), Offset(3)));
    assert_eq!(c.consumed_offsets("t", 0, 0), [0]);
}

#[test]
fn without_unclean_election_the_partition_waits_offline() {
    let mut c = Cluster::new(2, fast_config());
    c.create_topic(NewTopic::new("t", 1, 2));
    let leader = c.leader("t", 0).unwrap();
    let follower = BrokerId(3 - leader.0);
    c.cut = vec![(leader, follower)];
    c.advance(31_000);
    c.engine.stop_broker(Timestamp(c.now), leader, Shutdown::Crash).unwrap();
    c.cut.clear();
    c.advance(10_000);
    assert_eq!(c.leader("t", 0), None);
    assert_eq!(c.events_matching(|e| matches!(e, Event::PartitionOffline { .. })).len(), 1);
    let Response::Metadata(m) =
        c.call(follower.0, MetadataRequest { topics: None, allow_auto_topic_creation: false })
    else {
        panic!()
    };
    assert_eq!(m.topics[0].partitions[0].error, Some(ErrorCode::LeaderNotAvailable));
    // The last ISR member returns and leads again.
    c.engine.start_broker(Timestamp(c.now), leader).unwrap();
    c.advance(100);
    assert_eq!(c.leader("t", 0), Some(leader));
}

#[test]
fn leadership_returns_to_the_preferred_replica() {
    let mut config = fast_config();
    config.leader_imbalance_check_interval_ms = 10_000;
    let mut c = Cluster::new(3, config);
    c.create_topic(NewTopic::new("t", 3, 3));
    let preferred = c.engine.image().partition(&tp("t", 0)).unwrap().replicas[0];
    c.engine.stop_broker(Timestamp(c.now), preferred, Shutdown::Clean).unwrap();
    c.pump();
    assert_ne!(c.leader("t", 0), Some(preferred));
    c.engine.start_broker(Timestamp(c.now), preferred).unwrap();
    c.advance(2_000);
    assert!(c.isr("t", 0).contains(&preferred.0));
    c.advance(10_000);
    assert_eq!(c.leader("t", 0), Some(preferred));
}

#[test]
fn a_produce_to_a_follower_is_refused() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 3));
    let leader = c.leader("t", 0).unwrap().0;
    let follower = (1..=3).find(|b| *b != leader).unwrap();
    let (_, handled) = c.produce_to(follower, "t", 0, batch(&[("k", "v")]), Acks::Leader);
    let kplay_core::engine::Handled::Response(Response::Produce(r)) = handled else { panic!() };
    assert_eq!(
        r.topics[0].partitions[0].error.as_ref().map(|e| e.code),
        Some(ErrorCode::NotLeaderOrFollower)
    );
}
