//! The driver against the real engine: set-up, produce, clean stop and restart.

use kplay_core::{BrokerId, LeaderEpoch, Offset, PartitionIndex};

use super::*;

fn started() -> Driver {
    let (driver, outcome) = Driver::start();
    assert_eq!(outcome, Outcome::Ready { records: INITIAL_RECORDS });
    driver
}

fn row(view: &ClusterView, partition: i32) -> &PartitionRow {
    view.partition(PartitionIndex(partition)).expect("the partition exists")
}

fn keys(row: &PartitionRow) -> Vec<&str> {
    row.records.iter().filter_map(|r| r.key.as_deref()).collect()
}

#[test]
fn start_creates_three_brokers_and_a_replicated_topic() {
    let view = started().view();
    let ids: Vec<_> = view.brokers.iter().map(|b| b.id).collect();
    assert_eq!(ids, BROKER_IDS);
    assert!(view.brokers.iter().all(|b| b.running));
    assert_eq!(view.brokers.iter().filter(|b| b.controller).count(), 1, "one controller");
    assert_eq!(view.partitions.len(), PARTITIONS as usize);
    for p in &view.partitions {
        let leader = p.leader.expect("every partition has a leader");
        assert_eq!(p.replicas.len(), REPLICATION_FACTOR as usize);
        assert!(p.replicas.contains(&leader));
        assert_eq!(p.isr, p.replicas, "every replica is in sync");
        assert_eq!(p.leader_epoch, LeaderEpoch(0));
    }
    let led: usize = view.brokers.iter().map(|b| b.leads.len()).sum();
    assert_eq!(led, PARTITIONS as usize);
}

#[test]
fn start_produces_keyed_records_to_partition_n_mod_3() {
    let view = started().view();
    assert_eq!(keys(row(&view, 0)), ["order-0", "order-3"]);
    assert_eq!(keys(row(&view, 1)), ["order-1", "order-4"]);
    assert_eq!(keys(row(&view, 2)), ["order-2", "order-5"]);
    for p in &view.partitions {
        let offsets: Vec<_> = p.records.iter().map(|r| r.offset).collect();
        assert_eq!(offsets, [Offset(0), Offset(1)]);
        assert_eq!(p.log_end_offset, Some(Offset(2)));
        assert_eq!(p.high_watermark, Some(Offset(2)), "acks=all: every ISR member has them");
        assert!(p.replica_ends.iter().all(|r| r.log_end_offset == Some(Offset(2))));
    }
    let value = row(&view, 1).records[0].value.as_deref();
    assert_eq!(value, Some("{\"order\":1,\"total_cents\":1250}"));
}

#[test]
fn produce_appends_to_the_leader_and_advances_the_high_watermark() {
    let mut driver = started();
    let next = driver.next_record();
    assert_eq!((next.number, next.key.as_str()), (6, "order-6"));
    assert_eq!(next.partition, PartitionIndex(0));
    let outcome = driver.produce();
    let Outcome::Produced { record, offset, high_watermark, isr, .. } = &outcome else {
        panic!("expected a produce, got {outcome:?}")
    };
    assert_eq!(record, &next);
    assert_eq!((*offset, *high_watermark), (Offset(2), Offset(3)));
    assert_eq!(isr.len(), 3);
    assert!(outcome.to_string().contains("order-6 to orders-0 at offset 2"), "{outcome}");
    let view = driver.view();
    let p0 = row(&view, 0);
    assert_eq!(keys(p0), ["order-0", "order-3", "order-6"]);
    assert_eq!((p0.log_end_offset, p0.high_watermark), (Some(Offset(3)), Some(Offset(3))));
    assert!(p0.replica_ends.iter().all(|r| r.log_end_offset == Some(Offset(3))));
    assert_eq!(row(&view, 1).log_end_offset, Some(Offset(2)), "other partitions unchanged");
    assert_eq!(driver.next_record().partition, PartitionIndex(1));
}

#[test]
fn a_clean_stop_moves_leadership_at_once() {
    let mut driver = started();
    let old = row(&driver.view(), 0).leader.unwrap();
    let outcome = driver.stop_broker(old);
    let Outcome::BrokerStopped { broker, moves } = &outcome else { panic!("{outcome:?}") };
    assert_eq!(*broker, old);
    let view = driver.view();
    let p0 = row(&view, 0);
    let new = p0.leader.expect("a new leader");
    assert_ne!(new, old);
    assert_eq!(p0.leader_epoch, LeaderEpoch(1));
    assert!(!p0.isr.contains(&old), "the stopped broker left the ISR");
    assert!(moves.contains(&LeaderMove {
        partition: PartitionIndex(0),
        from: Some(old),
        to: Some(new),
        leader_epoch: LeaderEpoch(1),
    }));
    assert!(view.partitions.iter().all(|p| p.leader.is_some_and(|l| l != old)));
    assert!(
        view.partitions.iter().all(|p| p.high_watermark == p.log_end_offset),
        "after a step the new leaders know their followers' ends: nothing looks uncommitted"
    );
    assert!(!view.broker(old).unwrap().running);
    assert_eq!(p0.records.len(), 2, "the new leader has every acknowledged record");
    assert!(outcome.to_string().contains(&format!("orders-0: leader {old} → {new} (epoch 1)")));
}

#[test]
fn stopping_a_stopped_broker_or_starting_a_running_one_is_refused() {
    let mut driver = started();
    assert!(matches!(driver.stop_broker(BrokerId(2)), Outcome::BrokerStopped { .. }));
    let before = driver.view();
    let outcome = driver.stop_broker(BrokerId(2));
    assert!(outcome.is_error());
    assert_eq!(outcome.to_string(), "Broker 2 was not stopped: broker 2 is not running");
    let outcome = driver.start_broker(BrokerId(1));
    assert_eq!(outcome.to_string(), "Broker 1 was not started: broker 1 is already running");
    assert!(driver.stop_broker(BrokerId(9)).is_error(), "an unknown broker is refused too");
    let after = driver.view();
    assert_eq!((before.brokers, before.partitions), (after.brokers, after.partitions));
}

#[test]
fn a_restarted_broker_catches_up_as_a_follower_and_rejoins_the_isr() {
    let mut driver = started();
    let old = row(&driver.view(), 0).leader.unwrap();
    driver.stop_broker(old);
    for _ in 0..3 {
        assert!(matches!(driver.produce(), Outcome::Produced { .. }));
    }
    let behind = driver.view();
    let end_of = |view: &ClusterView, p: i32| {
        row(view, p).replica_ends.iter().find(|r| r.broker == old).unwrap().log_end_offset
    };
    assert_eq!(end_of(&behind, 0), Some(Offset(2)), "a stopped replica misses new records");
    assert_eq!(row(&behind, 0).log_end_offset, Some(Offset(3)));

    let outcome = driver.start_broker(old);
    let Outcome::BrokerStarted { caught_up, .. } = &outcome else { panic!("{outcome:?}") };
    assert!(caught_up.iter().all(|c| c.in_isr), "{outcome}");
    let view = driver.view();
    assert!(view.broker(old).unwrap().running);
    for p in 0..PARTITIONS {
        let row = row(&view, p);
        assert_eq!(end_of(&view, p), row.log_end_offset, "caught up on {p}");
        assert!(row.isr.contains(&old), "back in the ISR of {p}");
        assert_ne!(row.leader, Some(old), "it comes back as a follower");
    }
}

#[test]
fn a_partition_whose_isr_is_all_stopped_is_offline_until_its_last_leader_returns() {
    let mut driver = started();
    for id in BROKER_IDS {
        assert!(matches!(driver.stop_broker(id), Outcome::BrokerStopped { .. }));
    }
    let view = driver.view();
    assert!(view.partitions.iter().all(|p| p.leader.is_none() && p.records.is_empty()));
    assert!(view.brokers.iter().all(|b| !b.running && !b.controller));
    let outcome = driver.produce();
    assert!(outcome.is_error());
    assert!(outcome.to_string().contains("orders-0 has no leader"), "{outcome}");
    assert_eq!(driver.next_record().number, INITIAL_RECORDS, "a refused record is sent again");

    let last = row(&view, 0).isr[0];
    let outcome = driver.start_broker(last);
    assert!(outcome.to_string().contains("orders-0 is back online"), "{outcome}");
    assert!(matches!(driver.produce(), Outcome::Produced { .. }));
}

#[test]
fn the_same_clicks_give_the_same_cluster() {
    let run = || {
        let mut driver = started();
        driver.produce();
        driver.stop_broker(BrokerId(1));
        driver.produce();
        driver.start_broker(BrokerId(1));
        driver.produce();
        driver.view()
    };
    assert_eq!(run(), run());
}
