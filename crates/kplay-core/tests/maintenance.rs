//! Retention and compaction as the engine runs them, on every replica.

mod common;

use common::*;
use kplay_core::api::*;
use kplay_core::event::{Event, SegmentDeleteReason};
use kplay_core::*;

fn config() -> EngineConfig {
    let mut config = fast_config();
    config.log_retention_check_interval_ms = 1_000;
    config
}

fn at(ts: i64, key: &str, value: Option<&str>) -> RecordBatch {
    let mut b = batch(&[(key, value.unwrap_or(""))]);
    b.records[0].timestamp = Timestamp(ts);
    if value.is_none() {
        b.records[0].value = None;
    }
    b
}

#[test]
fn retention_deletes_old_segments_on_every_replica() {
    let mut c = Cluster::new(3, config());
    c.create_topic(
        NewTopic::new("t", 1, 3).config("retention.ms", "10000").config("segment.ms", "1000"),
    );
    for i in 0..5 {
        c.produce("t", 0, at(c.now, &format!("k{i}"), Some("v")), Acks::All);
        c.advance(2_000);
    }
    // Records from t=0..8000; now = 10000. Nothing is older than 10 s yet.
    assert_eq!(
        c.engine.replica(BrokerId(1), &tp("t", 0)).unwrap().log.log_start_offset(),
        Offset(0)
    );
    c.advance(5_000);
    for b in 1..=3 {
        let log = &c.engine.replica(BrokerId(b), &tp("t", 0)).unwrap().log;
        assert!(
            log.log_start_offset() >= Offset(2),
            "broker {b}: start {}",
            log.log_start_offset()
        );
    }
    let deleted = c.events_matching(|e| {
        matches!(e, Event::SegmentDeleted { reason: SegmentDeleteReason::RetentionMs, .. })
    });
    assert!(deleted.len() >= 6, "two or more segments on each of three replicas");
    assert_eq!(c.fetch("t", 0, 0).error, Some(ErrorCode::OffsetOutOfRange));
    assert_eq!(c.fetch("t", 0, 4).error, None);
}

#[test]
fn compaction_keeps_the_latest_value_per_key_on_every_replica() {
    let mut c = Cluster::new(3, config());
    let topic = NewTopic::new("t", 1, 3)
        .config("cleanup.policy", "compact")
        .config("segment.ms", "100")
        .config("delete.retention.ms", "5000");
    c.create_topic(topic);
    for (key, value) in
        [("a", Some("1")), ("b", Some("1")), ("a", Some("2")), ("b", None), ("c", Some("1"))]
    {
        c.produce("t", 0, at(c.now, key, value), Acks::All);
        c.advance(200);
    }
    c.advance(1_000);
    assert!(!c.events_matching(|e| matches!(e, Event::LogCompacted { .. })).is_empty());
    let expected = vec![
        ("a".to_owned(), Some("2".to_owned())),
        ("b".to_owned(), None),
        ("c".to_owned(), Some("1".to_owned())),
    ];
    for b in 1..=3 {
        assert_eq!(
            c.records(b, "t", 0),
            expected,
            "broker {b}: the tombstone for b stays for delete.retention.ms"
        );
    }
    c.advance(6_000);
    for b in 1..=3 {
        let keys = c.keys(b, "t", 0);
        assert_eq!(keys, ["a", "c"], "broker {b}: the tombstone is gone");
    }
}
