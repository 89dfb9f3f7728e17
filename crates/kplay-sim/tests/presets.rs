//! Each preset shows what it is named for.

use kplay_core::vec_map::VecMap;
use kplay_core::{Offset, TopicPartition};
use kplay_sim::invariants;
use kplay_sim::presets::preset;
use kplay_sim::trace::TraceKind;
use kplay_sim::world::{RunOptions, SimClient, World};

fn options() -> RunOptions {
    RunOptions { track_records: true, ..RunOptions::default() }
}

fn run(name: &str, until_ms: i64) -> World {
    let preset = preset(name).unwrap_or_else(|| panic!("no preset {name}"));
    let mut world = preset.start(7, options()).expect("setup");
    preset.run(&mut world, until_ms).expect("run");
    assert_eq!(invariants::check(&world), [], "{name} keeps every invariant");
    world
}

fn processed_by(world: &World, id: u32) -> usize {
    match world.clients().get(&id) {
        Some(SimClient::Consumer(c)) => c.processed().len(),
        _ => 0,
    }
}

#[test]
fn keys_keep_their_order() {
    let world = run("keys-keep-order", 10_000);
    let Some(SimClient::Consumer(c)) = world.clients().get(&2) else { panic!() };
    assert!(c.processed().len() > 300, "most of ~500 records consumed: {}", c.processed().len());
    // Each key lives in one partition, and its values come out in the order produced.
    let mut partition_of: VecMap<Vec<u8>, TopicPartition> = VecMap::new();
    let mut last_seq: VecMap<Vec<u8>, u64> = VecMap::new();
    let producer = world.producer(1).unwrap();
    assert_eq!(producer.stats().failed, 0);
    for record in c.processed() {
        let value = String::from_utf8_lossy(record.value.as_deref().unwrap()).into_owned();
        let seq: u64 = value.split('#').nth(1).unwrap().trim_end_matches('.').parse().unwrap();
        let key = format!("key-{}", seq % 6).into_bytes();
        let p = partition_of.entry(key.clone()).or_insert_with(|| record.partition.clone());
        assert_eq!(p, &record.partition, "one key, one partition");
        let last = last_seq.insert(key, seq);
        assert!(last.is_none_or(|l| l < seq), "in order per key");
    }
}

#[test]
fn keyless_records_stick_to_one_partition() {
    let world = run("keyless-sticky", 12_000);
    let counts: Vec<usize> = (2..=4).map(|id| processed_by(&world, id)).collect();
    let total: usize = counts.iter().sum();
    assert!(total > 80, "about 110 records consumed: {counts:?}");
    assert_eq!(
        counts.iter().filter(|n| **n > 0).count(),
        1,
        "one consumer got everything: {counts:?}"
    );
}

#[test]
fn a_fourth_consumer_of_three_partitions_is_idle() {
    let world = run("idle-consumers", 8_000);
    let owned: Vec<usize> =
        (2..=5).map(|id| world.consumer(id).unwrap().assigned().len()).collect();
    assert_eq!(owned.iter().sum::<usize>(), 3);
    assert_eq!(owned.iter().filter(|n| **n == 0).count(), 1, "{owned:?}");
}

/// Records acknowledged to the producer that are not in the partition's log at the offset they
/// were acknowledged with (the new leader may have reused the offset for another record).
fn lost_acknowledged(world: &World) -> usize {
    let producer = world.producer(1).unwrap();
    assert!(producer.stats().acknowledged > 0);
    let tp = TopicPartition::new("orders", 0);
    let view = world.engine().partition(&tp).unwrap();
    let log = &view.leader_replica().expect("a leader").log;
    let values: VecMap<Offset, Option<bytes::Bytes>> = log
        .batches()
        .iter()
        .flat_map(|b| {
            b.records_with_offsets().map(|(o, r)| (o, r.value.clone())).collect::<Vec<_>>()
        })
        .collect();
    producer
        .acknowledged()
        .iter()
        .flat_map(|b| {
            b.values.iter().enumerate().map(move |(i, v)| (b.base_offset.plus(i as i64), v))
        })
        .filter(|(offset, value)| values.get(offset) != Some(value))
        .count()
}

#[test]
fn acks_1_loses_acknowledged_records_on_failover() {
    let world = run("acks-1-loses-records", 12_000);
    let lost = lost_acknowledged(&world);
    assert!(lost > 0, "acknowledged records were lost");
    let unclean = world.trace().entries().iter().any(|e| {
        matches!(
            &e.kind,
            TraceKind::Engine(kplay_core::Event::LeaderElected {
                reason: kplay_core::event::ElectionReason::Unclean { .. },
                ..
            })
        )
    });
    assert!(!unclean, "lost through a clean election");
}

#[test]
fn acks_all_with_min_insync_keeps_acknowledged_records() {
    let world = run("acks-all-keeps-records", 12_000);
    assert_eq!(lost_acknowledged(&world), 0);
}

#[test]
fn a_slow_consumer_builds_lag() {
    let world = run("slow-consumer-lag", 20_000);
    let lag_at = |t: i64| -> i64 {
        world
            .metrics()
            .samples()
            .filter(|s| s.time.0 <= t)
            .last()
            .map(|s| s.lag.iter().map(|l| l.lag_records).sum())
            .unwrap_or(0)
    };
    let (early, late) = (lag_at(5_000), lag_at(20_000));
    assert!(late > early + 400, "lag grows about 50 records/s: {early} then {late}");
    let time_lag = world.metrics().latest().unwrap().lag.iter().map(|l| l.lag_ms).max().unwrap();
    assert!(time_lag > 5_000, "the oldest unconsumed record is seconds old: {time_lag} ms");
}

#[test]
fn a_crashed_consumer_is_replaced_after_its_session_timeout() {
    let preset = preset("consumer-crash-rebalance").unwrap();
    let mut world = preset.start(7, options()).unwrap();
    preset.run(&mut world, 9_000).unwrap();
    assert_eq!(world.consumer(3).unwrap().assigned().len(), 1, "two consumers, one partition each");
    preset.run(&mut world, 19_000).unwrap();
    assert_eq!(
        world.consumer(3).unwrap().assigned().len(),
        1,
        "before the session timeout nothing moves"
    );
    preset.run(&mut world, 23_000).unwrap();
    assert_eq!(world.consumer(3).unwrap().assigned().len(), 2, "after it, the survivor owns both");
    assert_eq!(invariants::check(&world), []);
}
