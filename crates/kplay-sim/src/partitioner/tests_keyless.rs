//! Tests of keyless partitioning: when each sticky rule keeps and leaves its partition, round
//! robin, leaderless partitions, and the classic "only one consumer gets messages" surprise.

use kplay_core::PartitionIndex;

use super::tests::{partitioner, pick};
use super::*;

fn with_batch_size(kind: PartitionerKind, batch_size: u32) -> Partitioner {
    Partitioner::new(PartitionerConfig { batch_size, ..PartitionerConfig::new(kind) })
}

fn is_switch(choice: &Choice) -> bool {
    matches!(choice.reason, ChoiceReason::Sticky { step: StickyStep::Switched { .. }, .. })
}

/// Produces `count` keyless 100-byte records to topic "t", reporting each append as `last`.
fn produce_keyless(
    p: &mut Partitioner,
    count: usize,
    partitions: &PartitionAvailability,
    last: LastBatch,
    rng: &mut SimRng,
) -> Vec<Choice> {
    (0..count)
        .map(|_| {
            let choice = pick(p, None, partitions, 0, rng);
            p.on_append("t", &choice, 100, last);
            choice
        })
        .collect()
}

#[test]
fn kip794_sticks_until_batch_size_bytes_then_switches() {
    let mut p = with_batch_size(PartitionerKind::JavaDefault, 1000);
    let three = PartitionAvailability::all_available(3);
    let mut rng = SimRng::new(1);
    let choices = produce_keyless(&mut p, 21, &three, LastBatch::Full, &mut rng);
    let first = choices[0].partition;
    assert!(choices[..10].iter().all(|c| c.partition == first && !is_switch(c)));
    let kept = &choices[3].reason;
    assert_eq!(
        kept.to_string(),
        format!(
            "keyless (null key): sticking to partition {first} until 1000 bytes (300 produced so far, KIP-794)"
        )
    );
    // The 10th append made 1000 bytes with a full batch: the 11th record switches.
    let ChoiceReason::Sticky { step: StickyStep::Switched { from, cause, draw }, .. } =
        choices[10].reason
    else {
        panic!("expected a switch, got {}", choices[10].reason);
    };
    assert_eq!(from, first);
    assert_eq!(cause, SwitchCause::BatchSizeReached { produced_bytes: 1000, batch_full: true });
    assert_eq!(draw.pool, DrawPool::Available { count: 3 });
    assert!(is_switch(&choices[20]) && choices[11..20].iter().all(|c| !is_switch(c)));
}

#[test]
fn kip794_waits_for_a_full_batch_up_to_twice_batch_size() {
    let mut p = with_batch_size(PartitionerKind::JavaDefault, 1000);
    let mut rng = SimRng::new(2);
    let choices = produce_keyless(
        &mut p,
        21,
        &PartitionAvailability::all_available(3),
        LastBatch::HasRoom,
        &mut rng,
    );
    assert!(choices[1..20].iter().all(|c| !is_switch(c)));
    let ChoiceReason::Sticky { step: StickyStep::Switched { cause, .. }, .. } = choices[20].reason
    else {
        panic!("expected a switch at 2 x batch.size, got {}", choices[20].reason);
    };
    assert_eq!(cause, SwitchCause::BatchSizeReached { produced_bytes: 2000, batch_full: false });
    assert!(choices[20].reason.to_string().contains("took 2000 bytes ≥ 2 × batch.size 1000"));
}

#[test]
fn kip794_counts_only_keyless_records_on_the_sticky_partition() {
    let mut p = with_batch_size(PartitionerKind::JavaDefault, 1000);
    let four = PartitionAvailability::all_available(4);
    let mut rng = SimRng::new(3);
    let sticky = pick(&mut p, None, &four, 0, &mut rng);
    for _ in 0..30 {
        let keyed = pick(&mut p, Some(b"kafka"), &four, 0, &mut rng);
        p.on_append("t", &keyed, 500, LastBatch::Full);
    }
    let again = pick(&mut p, None, &four, 0, &mut rng);
    assert_eq!(
        again.reason,
        ChoiceReason::Sticky {
            key: KeylessKey::Null,
            rule: StickyRule::UniformSticky { batch_size: 1000, produced_bytes: 0 },
            step: StickyStep::Kept { partition: sticky.partition },
        }
    );
}

#[test]
fn java_sticky_partitions_are_kept_without_a_leader_but_never_drawn_without_one() {
    for kind in [PartitionerKind::JavaDefault, PartitionerKind::JavaLegacySticky] {
        let mut p = with_batch_size(kind, 100);
        let mut rng = SimRng::new(4);
        let sticky =
            pick(&mut p, None, &PartitionAvailability::all_available(3), 0, &mut rng).partition;
        let degraded = PartitionAvailability::all_available(3).without_leader(sticky.0);
        // Java does not look at leaders until it switches.
        let kept = pick(&mut p, None, &degraded, 0, &mut rng);
        assert_eq!(kept.partition, sticky, "{kind:?}");
        p.on_append("t", &kept, 100, LastBatch::Full);
        for _ in 0..100 {
            p.on_new_batch("t", p.sticky_partition("t").expect("sticky"));
            let choice = pick(&mut p, None, &degraded, 0, &mut rng);
            p.on_append("t", &choice, 100, LastBatch::Full);
            assert_ne!(choice.partition, sticky, "{kind:?}");
        }
    }
}

#[test]
fn kip480_switches_to_another_partition_when_the_sticky_one_needs_a_new_batch() {
    let mut p = partitioner(PartitionerKind::JavaLegacySticky);
    let three = PartitionAvailability::all_available(3);
    let mut rng = SimRng::new(5);
    let mut sticky = pick(&mut p, None, &three, 0, &mut rng).partition;
    for _ in 0..50 {
        // A new batch on some other partition changes nothing.
        p.on_new_batch("t", PartitionIndex((sticky.0 + 1) % 3));
        assert_eq!(pick(&mut p, None, &three, 0, &mut rng).partition, sticky);
        p.on_new_batch("t", sticky);
        let next = pick(&mut p, None, &three, 0, &mut rng);
        let expected_cause = SwitchCause::NewBatch;
        assert!(
            matches!(next.reason, ChoiceReason::Sticky { step: StickyStep::Switched { from, cause, .. }, .. } if from == sticky && cause == expected_cause)
        );
        assert_ne!(next.partition, sticky, "KIP-480 always moves to a different partition");
        sticky = next.partition;
    }
}

#[test]
fn kip480_a_keyed_record_opening_a_batch_on_the_sticky_partition_moves_keyless_records() {
    let mut p = partitioner(PartitionerKind::JavaLegacySticky);
    let four = PartitionAvailability::all_available(4);
    let mut rng = SimRng::new(6);
    let sticky = pick(&mut p, None, &four, 0, &mut rng).partition;
    let key = (0..100)
        .map(|i| format!("key-{i}"))
        .find(|k| pick(&mut p, Some(k.as_bytes()), &four, 0, &mut rng).partition == sticky)
        .expect("a hundred keys cover all four partitions");
    let keyed = pick(&mut p, Some(key.as_bytes()), &four, 0, &mut rng);
    p.on_new_batch("t", keyed.partition);
    assert_ne!(pick(&mut p, None, &four, 0, &mut rng).partition, sticky);
}

#[test]
fn librdkafka_sticks_for_the_linger_then_draws_again() {
    for kind in
        [PartitionerKind::LibrdkafkaConsistentRandom, PartitionerKind::LibrdkafkaMurmur2Random]
    {
        let mut p = partitioner(kind);
        let four = PartitionAvailability::all_available(4);
        let mut rng = SimRng::new(7);
        let key: Option<&[u8]> = None;
        let first = pick(&mut p, key, &four, 100, &mut rng);
        assert!(matches!(first.reason, ChoiceReason::Sticky { step: StickyStep::Started(_), .. }));
        for now in [101, 105, 110] {
            // 10 ms after 100 is not *more* than the 10 ms linger.
            let kept = pick(&mut p, key, &four, now, &mut rng);
            assert_eq!(kept.partition, first.partition);
            assert!(!is_switch(&kept), "{kind:?} at {now}: {}", kept.reason);
        }
        let next = pick(&mut p, key, &four, 111, &mut rng);
        assert!(matches!(
            next.reason,
            ChoiceReason::Sticky {
                step: StickyStep::Switched {
                    cause: SwitchCause::LingerElapsed { elapsed_ms: 11 },
                    ..
                },
                ..
            }
        ));
        assert!(next.reason.to_string().contains("was sticky for 11 ms > 10 ms"));
        // The linger restarts from the switch.
        assert!(!is_switch(&pick(&mut p, key, &four, 121, &mut rng)));
        assert!(is_switch(&pick(&mut p, key, &four, 122, &mut rng)));
    }
}

#[test]
fn librdkafka_linger_is_a_parameter_and_zero_draws_every_record() {
    let config = PartitionerConfig {
        sticky_partitioning_linger_ms: 0,
        ..PartitionerConfig::new(PartitionerKind::LibrdkafkaConsistentRandom)
    };
    let mut p = Partitioner::new(config);
    let mut rng = SimRng::new(8);
    let four = PartitionAvailability::all_available(4);
    let seen: kplay_core::vec_map::VecSet<i32> = (0..40)
        .map(|_| {
            let choice = pick(&mut p, Some(b""), &four, 0, &mut rng);
            assert!(matches!(choice.reason, ChoiceReason::Random { key: KeylessKey::Empty, .. }));
            choice.partition.0
        })
        .collect();
    assert_eq!(seen.len(), 4);

    let long = PartitionerConfig { sticky_partitioning_linger_ms: 1000, ..config };
    let mut p = Partitioner::new(long);
    let first = pick(&mut p, None, &four, 0, &mut rng).partition;
    assert!((1..=1000).all(|now| pick(&mut p, None, &four, now, &mut rng).partition == first));
}

#[test]
fn librdkafka_leaves_a_sticky_partition_as_soon_as_it_loses_its_leader() {
    let mut p = partitioner(PartitionerKind::LibrdkafkaConsistentRandom);
    let mut rng = SimRng::new(9);
    let sticky =
        pick(&mut p, None, &PartitionAvailability::all_available(2), 0, &mut rng).partition;
    let degraded = PartitionAvailability::all_available(2).without_leader(sticky.0);
    let next = pick(&mut p, None, &degraded, 1, &mut rng);
    assert!(matches!(
        next.reason,
        ChoiceReason::Sticky {
            step: StickyStep::Switched { cause: SwitchCause::NoLeader, .. },
            ..
        }
    ));
    assert!(next.reason.to_string().contains(&format!("sticky partition {sticky} has no leader")));
}

#[test]
fn librdkafka_redraws_a_leaderless_partition_only_once() {
    // Half the partitions lack a leader: the first draw misses half the time and the redraw
    // half of that, so about a quarter of records land on a leaderless partition.
    let config = PartitionerConfig {
        sticky_partitioning_linger_ms: 0,
        ..PartitionerConfig::new(PartitionerKind::LibrdkafkaMurmur2Random)
    };
    let mut p = Partitioner::new(config);
    let parts = PartitionAvailability::from_leaders([true, false, true, false]);
    let mut rng = SimRng::new(10);
    let choices: Vec<Choice> = (0..4000).map(|_| pick(&mut p, None, &parts, 0, &mut rng)).collect();
    let leaderless = choices.iter().filter(|c| !parts.has_leader(c.partition.0)).count();
    assert!((800..1200).contains(&leaderless), "{leaderless} of 4000 on leaderless partitions");
    let redrawn = choices.iter().find(|c| c.reason.to_string().contains("no leader either"));
    assert!(redrawn.is_some());
}

#[test]
fn keyless_strategies_draw_only_partitions_with_a_leader() {
    let parts = PartitionAvailability::all_available(4).without_leader(1);
    for kind in [
        PartitionerKind::JavaDefault,
        PartitionerKind::JavaLegacySticky,
        PartitionerKind::KafkaPython,
        PartitionerKind::RoundRobin,
    ] {
        let mut p = with_batch_size(kind, 100);
        let mut rng = SimRng::new(11);
        let mut seen = kplay_core::vec_map::VecSet::new();
        for _ in 0..300 {
            let choice = pick(&mut p, None, &parts, 0, &mut rng);
            p.on_append("t", &choice, 100, LastBatch::Full);
            p.on_new_batch("t", choice.partition);
            seen.insert(choice.partition.0);
        }
        assert_eq!(seen.into_iter().collect::<Vec<_>>(), [0, 2, 3], "{kind:?}");
    }
}

#[test]
fn round_robin_cycles_per_topic_over_partitions_with_a_leader() {
    let mut p = partitioner(PartitionerKind::RoundRobin);
    let mut rng = SimRng::new(12);
    let three = PartitionAvailability::all_available(3);
    let mut next = |topic: &str, key: Option<&[u8]>, parts: &PartitionAvailability| {
        let key = key.map(bytes::Bytes::copy_from_slice);
        p.choose(topic, key.as_ref(), None, parts, Timestamp(0), &mut rng)
            .expect("partitions")
            .partition
            .0
    };
    let keys: [Option<&[u8]>; 6] = [None, Some(b"kafka"), Some(b"kafka"), None, Some(b""), None];
    assert_eq!(keys.map(|k| next("a", k, &three)), [0, 1, 2, 0, 1, 2]);
    // Topic "b" has its own counter; "a"'s counter (now 6) indexes the leaders [0, 2].
    assert_eq!(next("b", None, &three), 0);
    let degraded = three.clone().without_leader(1);
    assert_eq!([0; 3].map(|_| next("a", None, &degraded)), [0, 2, 0]);
    // With no leader anywhere the counter cycles over all partitions.
    let dark = PartitionAvailability::from_leaders([false; 3]);
    assert_eq!(next("a", None, &dark), 0);
    let reason =
        p.choose("a", None, None, &three, Timestamp(0), &mut rng).expect("partitions").reason;
    assert_eq!(
        reason.to_string(),
        "round robin: counter 10 % 3 partitions with a leader = index 1 → partition 1"
    );
}

#[test]
fn keyless_burst_lands_on_one_partition_with_java_but_spreads_with_round_robin() {
    // The classic confusion: 3 partitions, 3 consumers, 1000 keyless records, one busy consumer.
    let three = PartitionAvailability::all_available(3);
    let count = |kind, batch_size| {
        let mut p = with_batch_size(kind, batch_size);
        let mut rng = SimRng::new(13);
        let mut per_partition = [0; 3];
        for choice in produce_keyless(&mut p, 1000, &three, LastBatch::HasRoom, &mut rng) {
            per_partition[choice.partition.0 as usize] += 1;
        }
        per_partition.sort_unstable();
        per_partition
    };
    // 100 kB of records never reach a 1 MiB batch.size: everything stays on one partition.
    assert_eq!(count(PartitionerKind::JavaDefault, 1 << 20), [0, 0, 1000]);
    assert_eq!(count(PartitionerKind::RoundRobin, 1 << 20), [333, 333, 334]);
}
