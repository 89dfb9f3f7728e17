//! Unit tests of the log's rules, one rule per test.

use bytes::Bytes;

use super::*;
use crate::event::SegmentDeleteReason;
use crate::ids::{ProducerEpoch, ProducerId};
use crate::record::{Record, TxnMarker};
use crate::topic_config::CleanupPolicy;

const EPOCH: LeaderEpoch = LeaderEpoch(0);

fn batch_at(ts: i64, kv: &[(&str, Option<&str>)]) -> RecordBatch {
    RecordBatch::new(
        kv.iter()
            .map(|(k, v)| {
                Record::new(
                    Some(Bytes::copy_from_slice(k.as_bytes())),
                    v.map(|v| Bytes::copy_from_slice(v.as_bytes())),
                    Timestamp(ts),
                )
            })
            .collect(),
    )
}

fn values(n: usize) -> RecordBatch {
    RecordBatch::new(
        (0..n)
            .map(|_| Record::new(None, Some(Bytes::from_static(&[7; 100])), Timestamp(0)))
            .collect(),
    )
}

fn appended(log: &mut Log, batch: RecordBatch, now: i64, config: &TopicConfig) -> Arc<RecordBatch> {
    match log.append_as_leader(batch, EPOCH, Timestamp(now), config).unwrap() {
        LeaderAppend::Appended(a) => a.batch,
        LeaderAppend::Duplicate(d) => panic!("unexpected duplicate {d:?}"),
    }
}

fn read_all(log: &Log, from: i64) -> Vec<Arc<RecordBatch>> {
    let mut out = Vec::new();
    log.read(Offset(from), log.log_end_offset(), usize::MAX, true, &mut out).unwrap();
    out
}

#[test]
fn offsets_are_assigned_densely() {
    let config = TopicConfig::default();
    let mut log = Log::in_memory(Timestamp(0));
    let a = appended(&mut log, values(3), 1, &config);
    let b = appended(&mut log, values(2), 2, &config);
    assert_eq!((a.base_offset, a.last_offset()), (Offset(0), Offset(2)));
    assert_eq!((b.base_offset, b.last_offset()), (Offset(3), Offset(4)));
    assert_eq!(log.log_end_offset(), Offset(5));
    assert_eq!(log.epochs().entries(), &[(EPOCH, Offset(0))]);
}

#[test]
fn reading_inside_a_batch_returns_the_whole_batch() {
    let config = TopicConfig::default();
    let mut log = Log::in_memory(Timestamp(0));
    appended(&mut log, values(3), 1, &config);
    appended(&mut log, values(3), 1, &config);
    let got = read_all(&log, 4);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].base_offset, Offset(3), "the batch containing offset 4");
}

#[test]
fn reads_stop_at_the_upper_bound_and_the_byte_limit_but_return_one_batch() {
    let config = TopicConfig::default();
    let mut log = Log::in_memory(Timestamp(0));
    for _ in 0..3 {
        appended(&mut log, values(2), 1, &config);
    }
    let mut out = Vec::new();
    log.read(Offset(0), Offset(4), usize::MAX, true, &mut out).unwrap();
    assert_eq!(out.len(), 2, "the high watermark at 4 hides the third batch");
    out.clear();
    log.read(Offset(0), Offset(6), 1, true, &mut out).unwrap();
    assert_eq!(out.len(), 1, "one batch even though it exceeds max bytes");
    assert_eq!(log.read(Offset(7), Offset(6), 1, true, &mut out), Err(ErrorCode::OffsetOutOfRange));
    out.clear();
    assert_eq!(
        log.read(Offset(6), Offset(6), 100, true, &mut out),
        Ok(0),
        "the log end is readable"
    );
}

#[test]
fn oversized_batches_are_refused() {
    let config = TopicConfig { max_message_bytes: 500, ..TopicConfig::default() };
    let mut log = Log::in_memory(Timestamp(0));
    let err = log.append_as_leader(values(10), EPOCH, Timestamp(0), &config).unwrap_err();
    assert_eq!(err.code, ErrorCode::MessageTooLarge);
    assert!(err.message.contains("max.message.bytes"), "{}", err.message);
    assert_eq!(log.log_end_offset(), Offset(0), "nothing appended");
}

#[test]
fn create_time_records_too_far_from_the_brokers_clock_are_refused() {
    let hour = 3_600_000;
    let now = Timestamp(10 * hour);
    let mut log = Log::in_memory(Timestamp(0));
    let config = TopicConfig::default();
    // Kafka 4's defaults: up to an hour ahead, any age.
    appended(&mut log, batch_at(now.0 + hour, &[("k", Some("v"))]), now.0, &config);
    appended(&mut log, batch_at(0, &[("k", Some("v"))]), now.0, &config);
    let early = batch_at(now.0 + hour + 1, &[("k", Some("v"))]);
    let err = log.append_as_leader(early, EPOCH, now, &config).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidTimestamp);
    assert_eq!(
        err.message,
        format!(
            "Timestamp {} of message with offset 0 is out of range. The timestamp should be within [{}, {}]",
            now.0 + hour + 1,
            now.0.wrapping_sub(i64::MAX),
            now.0 + hour
        )
    );
    let strict = TopicConfig { message_timestamp_before_max_ms: hour, ..TopicConfig::default() };
    let old = batch_at(now.0 - hour - 1, &[("k", Some("v"))]);
    let err = log.append_as_leader(old, EPOCH, now, &strict).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidTimestamp);
    assert_eq!(log.log_end_offset(), Offset(2), "refused batches append nothing");
    // The broker's own clock stamps LogAppendTime topics, so the producer's does not matter.
    let append_time = TopicConfig {
        message_timestamp_type: TimestampType::LogAppendTime,
        ..TopicConfig::default()
    };
    appended(&mut log, batch_at(now.0 + 5 * hour, &[("k", Some("v"))]), now.0, &append_time);
}

#[test]
fn compacted_topics_refuse_keyless_records() {
    let config = TopicConfig { cleanup_policy: CleanupPolicy::Compact, ..TopicConfig::default() };
    let mut log = Log::in_memory(Timestamp(0));
    let err = log.append_as_leader(values(1), EPOCH, Timestamp(0), &config).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidRecord);
}

#[test]
fn segments_roll_by_size() {
    let config = TopicConfig { segment_bytes: 1000, ..TopicConfig::default() };
    let mut log = Log::in_memory(Timestamp(0));
    let mut rolls = 0;
    for _ in 0..10 {
        // Each batch of 3 x 100-byte values is about 380 bytes: two fit in a segment.
        if let LeaderAppend::Appended(a) =
            log.append_as_leader(values(3), EPOCH, Timestamp(0), &config).unwrap()
        {
            rolls += usize::from(a.rolled == Some(RollReason::SegmentBytes));
        }
    }
    assert_eq!(rolls, 4);
    assert_eq!(log.segments().len(), 5);
    assert!(log.segments().iter().all(|s| s.size_bytes <= 1000));
    assert_eq!(read_all(&log, 0).len(), 10, "reads cross segments");
}

#[test]
fn segments_roll_by_time_from_the_first_batch() {
    let config = TopicConfig { segment_ms: 1000, ..TopicConfig::default() };
    let mut log = Log::in_memory(Timestamp(0));
    appended(&mut log, batch_at(100, &[("k", Some("v"))]), 100, &config);
    appended(&mut log, batch_at(1100, &[("k", Some("v"))]), 1100, &config);
    assert_eq!(log.segments().len(), 1, "exactly segment.ms later does not roll");
    let b =
        log.append_as_leader(batch_at(1101, &[("k", Some("v"))]), EPOCH, Timestamp(1101), &config);
    assert!(matches!(
        b,
        Ok(LeaderAppend::Appended(LogAppend { rolled: Some(RollReason::SegmentMs), .. }))
    ));
    assert_eq!(log.segments()[1].base_offset, Offset(2));
}

#[test]
fn retention_ms_deletes_old_segments_below_the_high_watermark() {
    let config = TopicConfig { segment_bytes: 200, retention_ms: 1000, ..TopicConfig::default() };
    let mut log = Log::in_memory(Timestamp(0));
    for ts in [0, 10, 20, 5000] {
        appended(&mut log, batch_at(ts, &[("k", Some(&"x".repeat(100)))]), ts, &config);
    }
    assert_eq!(log.segments().len(), 4);
    let out = log.delete_old_segments(Timestamp(5000), &config, Offset(1));
    assert_eq!(out.deleted.len(), 1, "only segments wholly below the HW");
    let out = log.delete_old_segments(Timestamp(5000), &config, Offset(4));
    assert_eq!(out.deleted.len(), 2);
    assert!(out.deleted.iter().all(|d| d.reason == SegmentDeleteReason::RetentionMs));
    assert_eq!(log.log_start_offset(), Offset(3));
    let mut out = Vec::new();
    assert_eq!(
        log.read(Offset(0), Offset(4), 100, true, &mut out),
        Err(ErrorCode::OffsetOutOfRange)
    );
}

#[test]
fn retention_rolls_the_active_segment_rather_than_leave_no_segment() {
    let config = TopicConfig { retention_ms: 1000, ..TopicConfig::default() };
    let mut log = Log::in_memory(Timestamp(0));
    appended(&mut log, batch_at(0, &[("k", Some("v"))]), 0, &config);
    let out = log.delete_old_segments(Timestamp(2000), &config, Offset(1));
    assert_eq!(out.rolled, Some(RollReason::Retention));
    assert_eq!(out.deleted.len(), 1);
    assert_eq!(log.segments().len(), 1);
    assert_eq!((log.log_start_offset(), log.log_end_offset()), (Offset(1), Offset(1)));
}

#[test]
fn retention_bytes_keeps_the_log_under_the_limit() {
    let config = TopicConfig { segment_bytes: 200, retention_bytes: 400, ..TopicConfig::default() };
    let mut log = Log::in_memory(Timestamp(0));
    for _ in 0..6 {
        appended(&mut log, batch_at(0, &[("k", Some(&"x".repeat(100)))]), 0, &config);
    }
    let out = log.delete_old_segments(Timestamp(0), &config, Offset(6));
    assert!(!out.deleted.is_empty());
    assert!(out.deleted.iter().all(|d| d.reason == SegmentDeleteReason::RetentionBytes));
    // Kafka deletes a segment only while what remains is still at least retention.bytes, so
    // the log keeps between retention.bytes and one segment more.
    let oldest = log.segments()[0].size_bytes;
    assert!(log.size_bytes() >= 400, "{} bytes left", log.size_bytes());
    assert!(log.size_bytes() - oldest < 400, "{} bytes left", log.size_bytes());
}

#[test]
fn compaction_keeps_the_latest_value_per_key_and_leaves_offsets_alone() {
    let config = TopicConfig {
        cleanup_policy: CleanupPolicy::Compact,
        segment_bytes: 150,
        ..TopicConfig::default()
    };
    let mut log = Log::in_memory(Timestamp(0));
    for (k, v) in
        [("a", "1"), ("b", "1"), ("a", "2"), ("c", "1"), ("a", "3"), ("b", "2"), ("z", "0")]
    {
        appended(&mut log, batch_at(0, &[(k, Some(v))]), 0, &config);
    }
    let hw = log.log_end_offset();
    let stats = log.compact(Timestamp(0), &config, hw).expect("dirty log compacts");
    let kept: Vec<(i64, String)> = read_all(&log, 0)
        .iter()
        .flat_map(|b| {
            b.records_with_offsets()
                .map(|(o, r)| {
                    (o.0, String::from_utf8_lossy(r.value.as_deref().unwrap_or(b"-")).into_owned())
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(stats.superseded, 3);
    let removed: Vec<(i64, &[u8], Option<i64>)> = stats
        .removed
        .iter()
        .map(|r| (r.offset.0, r.key.as_ref(), r.superseded_by.map(|o| o.0)))
        .collect();
    assert_eq!(
        removed,
        [(0, &b"a"[..], Some(4)), (1, &b"b"[..], Some(5)), (2, &b"a"[..], Some(4))],
        "each removed record names the newer one with its key"
    );
    // The active segment (holding "z") is never compacted; offsets keep their gaps.
    assert_eq!(kept, [(3, "1".into()), (4, "3".into()), (5, "2".into()), (6, "0".into())]);
    assert_eq!(log.compact(Timestamp(0), &config, hw), None, "nothing dirty is left");
}

#[test]
fn tombstones_survive_delete_retention_then_go() {
    let config = TopicConfig {
        cleanup_policy: CleanupPolicy::Compact,
        segment_bytes: 120,
        delete_retention_ms: 1000,
        ..TopicConfig::default()
    };
    let mut log = Log::in_memory(Timestamp(0));
    appended(&mut log, batch_at(0, &[("a", Some("1"))]), 0, &config);
    appended(&mut log, batch_at(0, &[("a", None)]), 0, &config);
    appended(&mut log, batch_at(0, &[("b", Some("1"))]), 0, &config);
    let hw = log.log_end_offset();
    let first = log.compact(Timestamp(10), &config, hw).unwrap();
    assert_eq!((first.superseded, first.tombstones), (1, 0));
    let tombstone_kept =
        read_all(&log, 0).iter().any(|b| b.records.iter().any(Record::is_tombstone));
    assert!(tombstone_kept, "the delete is visible for delete.retention.ms");
    assert_eq!(log.compact(Timestamp(500), &config, hw), None, "horizon not reached");
    let second = log.compact(Timestamp(1010), &config, hw).unwrap();
    assert_eq!(second.tombstones, 1);
    assert_eq!(second.removed.len(), 1);
    assert_eq!((second.removed[0].offset, second.removed[0].superseded_by), (Offset(1), None));
    assert!(read_all(&log, 0).iter().all(|b| b.records.iter().all(|r| !r.is_tombstone())));
}

#[test]
fn truncation_removes_whole_batches_and_forgets_their_epochs() {
    let config = TopicConfig { segment_bytes: 500, ..TopicConfig::default() };
    let mut log = Log::in_memory(Timestamp(0));
    appended(&mut log, values(2), 0, &config);
    for (epoch, n) in [(1, 2), (2, 3)] {
        let mut b = values(n);
        b.base_offset = log.log_end_offset();
        b.partition_leader_epoch = LeaderEpoch(epoch);
        log.append_as_follower(Arc::new(b), Timestamp(0), &config).unwrap();
    }
    assert_eq!(log.log_end_offset(), Offset(7));
    assert_eq!(log.truncate_to(Offset(4)), 3);
    assert_eq!(log.log_end_offset(), Offset(4));
    assert_eq!(log.last_epoch(), Some(LeaderEpoch(1)));
    assert_eq!(log.end_offset_for_epoch(LeaderEpoch(1)), Some((LeaderEpoch(1), Offset(4))));
    assert_eq!(log.end_offset_for_epoch(LeaderEpoch(0)), Some((LeaderEpoch(0), Offset(2))));
    assert_eq!(read_all(&log, 0).len(), 2);
}

#[test]
fn followers_skip_what_they_have_and_refuse_gaps() {
    let config = TopicConfig::default();
    let mut leader = Log::in_memory(Timestamp(0));
    let a = appended(&mut leader, values(2), 0, &config);
    let b = appended(&mut leader, values(2), 0, &config);
    let mut follower = Log::in_memory(Timestamp(0));
    assert!(follower.append_as_follower(Arc::clone(&b), Timestamp(0), &config).is_err());
    follower.append_as_follower(Arc::clone(&a), Timestamp(0), &config).unwrap();
    follower.append_as_follower(Arc::clone(&a), Timestamp(0), &config).unwrap();
    follower.append_as_follower(b, Timestamp(0), &config).unwrap();
    assert_eq!(follower.log_end_offset(), Offset(4));
    assert_eq!(read_all(&follower, 0), read_all(&leader, 0));
}

#[test]
fn idempotent_retries_are_answered_with_the_original_offset() {
    let config = TopicConfig::default();
    let mut log = Log::in_memory(Timestamp(0));
    let batch = values(2).with_producer(ProducerId(9), ProducerEpoch(0), 0);
    appended(&mut log, values(1), 0, &config);
    appended(&mut log, batch.clone(), 0, &config);
    match log.append_as_leader(batch, EPOCH, Timestamp(0), &config).unwrap() {
        LeaderAppend::Duplicate(meta) => assert_eq!(meta.first_offset, Offset(1)),
        other => panic!("{other:?}"),
    }
    assert_eq!(log.log_end_offset(), Offset(3), "the retry was not appended again");
    let gap = values(1).with_producer(ProducerId(9), ProducerEpoch(0), 5);
    let err = log.append_as_leader(gap, EPOCH, Timestamp(0), &config).unwrap_err();
    assert_eq!(err.code, ErrorCode::OutOfOrderSequenceNumber);
}

#[test]
fn log_append_time_replaces_timestamps() {
    let config = TopicConfig {
        message_timestamp_type: TimestampType::LogAppendTime,
        ..TopicConfig::default()
    };
    let mut log = Log::in_memory(Timestamp(0));
    let b = appended(&mut log, batch_at(5, &[("k", Some("v"))]), 777, &config);
    assert_eq!(b.records[0].timestamp, Timestamp(777));
    assert_eq!(b.timestamp_type, TimestampType::LogAppendTime);
}

#[test]
fn offsets_by_timestamp() {
    let config = TopicConfig::default();
    let mut log = Log::in_memory(Timestamp(0));
    appended(&mut log, batch_at(100, &[("a", Some("1")), ("b", Some("2"))]), 0, &config);
    appended(&mut log, batch_at(300, &[("c", Some("3"))]), 0, &config);
    assert_eq!(log.offset_for_timestamp(Timestamp(150)).map(|x| x.0), Some(Offset(2)));
    assert_eq!(log.offset_for_timestamp(Timestamp(50)).map(|x| x.0), Some(Offset(0)));
    assert_eq!(log.offset_for_timestamp(Timestamp(301)), None);
    assert_eq!(log.max_timestamp_offset().map(|x| x.0), Some(Offset(2)));
}

#[test]
fn the_last_stable_offset_stops_at_an_open_transaction_but_never_below_the_log_start() {
    let config = TopicConfig::default();
    let mut log = Log::in_memory(Timestamp(0));
    let open = values(1).with_producer(ProducerId(5), ProducerEpoch(0), 0).in_transaction();
    appended(&mut log, open, 0, &config);
    log.roll(Timestamp(0));
    appended(&mut log, values(2), 0, &config);
    assert_eq!(log.last_stable_offset(Offset(3)), Offset(0), "held at the open transaction");
    assert!(log.advance_log_start(Offset(1)));
    assert_eq!(log.last_stable_offset(Offset(3)), Offset(1), "clamped to the log start");
    assert_eq!(log.last_stable_offset(Offset(0)), Offset(0), "never above the high watermark");
}

#[test]
fn compaction_drops_aborted_records_keeps_markers_and_stops_at_an_open_transaction() {
    let config = TopicConfig {
        cleanup_policy: CleanupPolicy::Compact,
        segment_bytes: 150,
        ..TopicConfig::default()
    };
    let (aborting, open) = (ProducerId(1), ProducerId(2));
    let in_txn = |producer, seq, kv: &[(&str, Option<&str>)]| {
        batch_at(0, kv).with_producer(producer, ProducerEpoch(0), seq).in_transaction()
    };
    let mut log = Log::in_memory(Timestamp(0));
    appended(&mut log, batch_at(0, &[("a", Some("kept"))]), 0, &config);
    appended(&mut log, in_txn(aborting, 0, &[("a", Some("aborted"))]), 0, &config);
    let abort = RecordBatch::marker(aborting, ProducerEpoch(0), TxnMarker::Abort, 0, Timestamp(0));
    log.append_marker_as_leader(abort, EPOCH, Timestamp(0), &config);
    appended(&mut log, batch_at(0, &[("b", Some("1"))]), 0, &config);
    appended(&mut log, in_txn(open, 0, &[("c", Some("open"))]), 0, &config);
    appended(&mut log, batch_at(0, &[("b", Some("2"))]), 0, &config);
    appended(&mut log, batch_at(0, &[("z", Some("0"))]), 0, &config);
    let hw = log.log_end_offset();
    assert_eq!(log.last_stable_offset(hw), Offset(4), "the open transaction at 4");
    log.compact(Timestamp(0), &config, hw).expect("dirty log compacts");
    let left: Vec<(i64, bool)> = read_all(&log, 0)
        .iter()
        .flat_map(|b| b.records_with_offsets().map(|(o, _)| (o.0, b.control)).collect::<Vec<_>>())
        .collect();
    assert_eq!(
        left,
        [(0, false), (2, true), (3, false), (4, false), (5, false), (6, false)],
        "the aborted record went; the marker stayed; b=1 stays, past the last stable offset"
    );
}
