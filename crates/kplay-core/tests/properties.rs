//! Property tests of the log and replication invariants, over random operation sequences.
//!
//! A failing case prints its operations; proptest also stores its seed under
//! `proptest-regressions/` so the next run replays it first.

mod common;
use std::sync::Arc;

use bytes::Bytes;
use common::*;
use kplay_core::api::*;
use kplay_core::engine::Shutdown;
use kplay_core::log::{LeaderAppend, Log};
use kplay_core::vec_map::VecMap;
use kplay_core::*;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum LogOp {
    Append { records: usize, value_len: usize, advance_ms: i64 },
    Truncate { back: u8 },
    Retention { advance_ms: i64 },
}

fn log_op() -> impl Strategy<Value = LogOp> {
    prop_oneof![
        6 => (1usize..5, 0usize..120, 0i64..400).prop_map(|(records, value_len, advance_ms)| LogOp::Append { records, value_len, advance_ms }),
        1 => any::<u8>().prop_map(|back| LogOp::Truncate { back }),
        1 => (0i64..3000).prop_map(|advance_ms| LogOp::Retention { advance_ms }),
    ]
}

fn check_log(log: &Log) -> Result<(), TestCaseError> {
    let batches = log.batches();
    prop_assert!(log.log_start_offset() <= log.log_end_offset());
    let mut next = batches.first().map_or(log.log_end_offset(), |b| b.base_offset);
    for b in &batches {
        prop_assert_eq!(b.base_offset, next, "offsets are dense and increasing");
        prop_assert_eq!(b.records.len() as i64, b.offset_count());
        next = b.next_offset();
    }
    prop_assert_eq!(next, log.log_end_offset());
    if let Some(first) = batches.first() {
        prop_assert!(
            first.base_offset <= log.log_start_offset()
                || first.base_offset == log.log_start_offset()
        );
    }
    let starts: Vec<Offset> = log.epochs().entries().iter().map(|(_, o)| *o).collect();
    prop_assert!(starts.windows(2).all(|w| w[0] < w[1]), "epoch starts increase: {:?}", starts);
    prop_assert!(starts.iter().all(|o| *o <= log.log_end_offset()));
    // Every offset in the log is readable and comes back in the batch that holds it.
    for offset in log.log_start_offset().0..log.log_end_offset().0 {
        let mut out = Vec::new();
        log.read(Offset(offset), log.log_end_offset(), 1, true, &mut out)
            .map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert!(out[0].base_offset.0 <= offset && offset <= out[0].last_offset().0);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn log_offsets_stay_dense_and_readable(ops in prop::collection::vec(log_op(), 1..60)) {
        let config = TopicConfig { segment_bytes: 600, retention_ms: 2000, ..TopicConfig::default() };
        let mut log = Log::in_memory(Timestamp(0));
        let mut now = 0;
        let mut epoch = 0;
        for op in ops {
            match op {
                LogOp::Append { records, value_len, advance_ms } => {
                    now += advance_ms;
                    let recs = (0..records).map(|_| Record::new(None, Some(Bytes::from(vec![1; value_len])), Timestamp(now))).collect();
                    let appended = log.append_as_leader(RecordBatch::new(recs), LeaderEpoch(epoch), Timestamp(now), &config);
                    prop_assert!(matches!(appended, Ok(LeaderAppend::Appended(_))));
                }
                LogOp::Truncate { back } => {
                    let to = Offset((log.log_end_offset().0 - i64::from(back % 8)).max(log.log_start_offset().0));
                    log.truncate_to(to);
                    prop_assert!(log.log_end_offset() <= to.max(log.log_start_offset()));
                    epoch += 1;
                }
                LogOp::Retention { advance_ms } => {
                    now += advance_ms;
                    let hw = log.log_end_offset();
                    log.delete_old_segments(Timestamp(now), &config, hw);
                }
            }
            check_log(&log)?;
        }
    }

    #[test]
    fn compaction_keeps_the_latest_value_of_every_key(
        writes in prop::collection::vec((0u8..6, prop::option::weighted(0.85, 0u16..1000)), 1..80),
        delete_retention_ms in 0i64..5000,
    ) {
        let config = TopicConfig {
            cleanup_policy: CleanupPolicy::Compact,
            segment_bytes: 200,
            delete_retention_ms,
            min_cleanable_dirty_ratio: 0.0,
            ..TopicConfig::default()
        };
        let mut log = Log::in_memory(Timestamp(0));
        let mut latest: VecMap<u8, (Offset, Option<u16>)> = VecMap::new();
        for (key, value) in &writes {
            let record = Record::new(Some(Bytes::from(vec![*key])), value.map(|v| Bytes::from(v.to_be_bytes().to_vec())), Timestamp(0));
            let Ok(LeaderAppend::Appended(a)) = log.append_as_leader(RecordBatch::new(vec![record]), LeaderEpoch(0), Timestamp(0), &config) else {
                return Err(TestCaseError::fail("append failed"));
            };
            latest.insert(*key, (a.batch.base_offset, *value));
        }
        let hw = log.log_end_offset();
        let before = log.log_end_offset();
        for now in [1, delete_retention_ms + 2] {
            log.compact(Timestamp(now), &config, hw);
        }
        prop_assert_eq!(log.log_end_offset(), before, "compaction never moves the log end");
        let mut seen: VecMap<u8, (Offset, Option<u16>)> = VecMap::new();
        let mut last = Offset(-1);
        for batch in log.batches() {
            for (offset, r) in batch.records_with_offsets() {
                prop_assert!(offset > last, "offsets still increase");
                last = offset;
                let key = r.key.as_ref().unwrap()[0];
                let value = r.value.as_ref().map(|v| u16::from_be_bytes([v[0], v[1]]));
                seen.insert(key, (offset, value));
            }
        }
        for (key, (offset, value)) in &latest {
            match seen.get(key) {
                Some(found) => prop_assert_eq!(found, &(*offset, *value), "key {} keeps its latest record", key),
                None => prop_assert!(value.is_none(), "only a deleted key may vanish (key {})", key),
            }
        }
        // In the compacted part (all but the active segment) no key appears twice.
        let segments = log.segments();
        let cleaned: Vec<_> = segments[..segments.len() - 1].iter().flat_map(|s| log.segment_batches(s)).collect();
        let mut keys: Vec<u8> = cleaned.iter().flat_map(|b| b.records.iter().map(|r| r.key.as_ref().unwrap()[0])).collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        prop_assert_eq!(keys.len(), n);
    }
}

#[derive(Clone, Debug)]
enum ClusterOp {
    Produce { partition: i32, all: bool },
    Crash { broker: i32 },
    Stop { broker: i32 },
    Start { broker: i32 },
    Cut { a: i32, b: i32 },
    Heal,
    Advance { ms: i64 },
}

fn cluster_op() -> impl Strategy<Value = ClusterOp> {
    prop_oneof![
        8 => (0i32..2, any::<bool>()).prop_map(|(partition, all)| ClusterOp::Produce { partition, all }),
        1 => (1i32..=3).prop_map(|broker| ClusterOp::Crash { broker }),
        1 => (1i32..=3).prop_map(|broker| ClusterOp::Stop { broker }),
        2 => (1i32..=3).prop_map(|broker| ClusterOp::Start { broker }),
        1 => (1i32..=3, 1i32..=3).prop_map(|(a, b)| ClusterOp::Cut { a, b }),
        1 => Just(ClusterOp::Heal),
        3 => (0i64..20_000).prop_map(|ms| ClusterOp::Advance { ms }),
    ]
}

/// Checks that hold at every moment: HW <= LEO everywhere, and a leader's HW never goes back
/// within its epoch.
fn check_replicas(
    c: &Cluster,
    hw_seen: &mut VecMap<(i32, LeaderEpoch), Offset>,
) -> Result<(), TestCaseError> {
    for partition in 0..2 {
        let tp = tp("t", partition);
        let view = c.engine.partition(&tp).unwrap();
        for (b, replica) in &view.replicas {
            if let Some(r) = replica {
                prop_assert!(
                    r.high_watermark <= r.log.log_end_offset(),
                    "{b}: HW {} > LEO {}",
                    r.high_watermark,
                    r.log.log_end_offset()
                );
            }
        }
        if let (Some(hw), true) = (
            view.high_watermark(),
            c.engine.broker(view.state.leader.unwrap_or(BrokerId(0))).is_some_and(|b| b.running),
        ) {
            let key = (partition, view.state.leader_epoch);
            let before = hw_seen.insert(key, hw).unwrap_or(Offset(0));
            prop_assert!(
                hw >= before,
                "leader HW went back within epoch {:?}: {before} -> {hw}",
                key.1
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_acknowledged_acks_all_record_is_lost(ops in prop::collection::vec(cluster_op(), 1..50)) {
        let mut c = Cluster::new(3, fast_config());
        c.create_topic(NewTopic::new("t", 2, 3).config("min.insync.replicas", "2"));
        let mut acked: Vec<(i32, Offset, String)> = Vec::new();
        let mut hw_seen = VecMap::new();
        for (i, op) in ops.iter().enumerate() {
            match op {
                ClusterOp::Produce { partition, all } => {
                    let Some(leader) = c.leader("t", *partition) else { continue };
                    if !c.engine.broker(leader).is_some_and(|b| b.running) { continue }
                    let value = format!("v{i}");
                    let acks = if *all { Acks::All } else { Acks::Leader };
                    let (id, handled) = c.produce_to(leader.0, "t", *partition, batch(&[("k", &value)]), acks);
                    let response = match handled {
                        kplay_core::engine::Handled::Response(r) => Some(r),
                        kplay_core::engine::Handled::Parked => c.wait_for(id, 40_000),
                        _ => None,
                    };
                    if let (true, Some(Response::Produce(r))) = (*all, response) {
                        let p = &r.topics[0].partitions[0];
                        if p.error.is_none() {
                            acked.push((*partition, p.base_offset, value));
                        }
                    }
                }
                ClusterOp::Crash { broker } => { let _ = c.engine.stop_broker(Timestamp(c.now), BrokerId(*broker), Shutdown::Crash); }
                ClusterOp::Stop { broker } => { let _ = c.engine.stop_broker(Timestamp(c.now), BrokerId(*broker), Shutdown::Clean); }
                ClusterOp::Start { broker } => { let _ = c.engine.start_broker(Timestamp(c.now), BrokerId(*broker)); }
                ClusterOp::Cut { a, b } if a != b => c.cut.push((BrokerId(*a), BrokerId(*b))),
                ClusterOp::Cut { .. } => {}
                ClusterOp::Heal => c.cut.clear(),
                ClusterOp::Advance { ms } => c.advance(*ms),
            }
            c.pump();
            check_replicas(&c, &mut hw_seen)?;
        }
        // Heal everything and let the cluster settle.
        c.cut.clear();
        for b in 1..=3 {
            let _ = c.engine.start_broker(Timestamp(c.now), BrokerId(b));
        }
        c.advance(120_000);
        check_replicas(&c, &mut hw_seen)?;
        let unclean = c.events_matching(|e| matches!(e, kplay_core::event::Event::LeaderElected { reason: kplay_core::event::ElectionReason::Unclean { .. }, .. }));
        prop_assert!(unclean.is_empty(), "unclean election is off");
        for (partition, offset, value) in &acked {
            let leader = c.leader("t", *partition).expect("every broker is back");
            let log = &c.engine.replica(leader, &tp("t", *partition)).unwrap().log;
            let found = log.batches().iter().flat_map(|b| {
                let batch = Arc::clone(b);
                batch.records_with_offsets().map(|(o, r)| (o, r.value.clone())).collect::<Vec<_>>()
            }).find(|(o, _)| o == offset);
            let found = found.and_then(|(_, v)| v).map(|v| String::from_utf8_lossy(&v).into_owned());
            prop_assert_eq!(found.as_deref(), Some(value.as_str()), "acknowledged {}@{} lost", partition, offset);
        }
        // Replicas in the ISR agree on everything below the high watermark.
        for partition in 0..2 {
            let view = c.engine.partition(&tp("t", partition)).unwrap();
            let hw = view.high_watermark().unwrap();
            let below_hw = |b: BrokerId| -> Vec<(Offset, Option<Bytes>)> {
                let log = &c.engine.replica(b, &tp("t", partition)).unwrap().log;
                log.batches().iter().flat_map(|batch| batch.records_with_offsets().map(|(o, r)| (o, r.value.clone())).collect::<Vec<_>>()).filter(|(o, _)| *o < hw).collect()
            };
            let reference = below_hw(view.state.leader.unwrap());
            for b in &view.state.isr {
                prop_assert_eq!(below_hw(*b), reference.clone(), "ISR member {} diverges below HW", b);
            }
        }
    }
}
