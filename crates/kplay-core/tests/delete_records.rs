//! DeleteRecords (21): the leader's log start offset moves forward, consumers can no longer read
//! before it, followers follow, and every refusal Kafka makes is made.

mod common;

use common::*;
use kplay_core::api::*;
use kplay_core::event::Event;
use kplay_core::*;

fn delete(c: &mut Cluster, broker: i32, topic: &str, offset: i64) -> DeleteRecordsPartitionResult {
    let request = DeleteRecordsRequest {
        topics: vec![DeleteRecordsTopic {
            name: topic.into(),
            partitions: vec![DeleteRecordsPartition {
                partition: PartitionIndex(0),
                offset: Offset(offset),
            }],
        }],
    };
    let Response::DeleteRecords(mut r) = c.call(broker, request) else {
        panic!("not DeleteRecords")
    };
    r.topics.remove(0).partitions.remove(0)
}

fn earliest(c: &mut Cluster, topic: &str) -> Offset {
    let leader = c.leader(topic, 0).unwrap().0;
    let request = ListOffsetsRequest {
        isolation_level: IsolationLevel::ReadUncommitted,
        topics: vec![ListOffsetsTopic {
            name: topic.into(),
            partitions: vec![ListOffsetsPartition {
                partition: PartitionIndex(0),
                spec: OffsetSpec::Earliest,
                current_leader_epoch: LeaderEpoch(-1),
            }],
        }],
    };
    let Response::ListOffsets(r) = c.call(leader, request) else { panic!("not ListOffsets") };
    r.topics[0].partitions[0].offset
}

/// A topic `t` of one partition on three replicas holding offsets 0 to 9, in segments of one
/// batch each.
fn cluster(policy: &str) -> Cluster {
    let mut c = Cluster::new(3, fast_config());
    let created = c.create_topic(
        NewTopic::new("t", 1, 3).config("cleanup.policy", policy).config("segment.bytes", "100"),
    );
    assert_eq!(created.error, None);
    for i in 0..10 {
        let produced = c.produce("t", 0, batch(&[(&format!("k{i}"), "v")]), Acks::All);
        assert_eq!(produced.error, None);
    }
    c.advance(1_000);
    c
}

#[test]
fn the_leader_moves_its_log_start_and_followers_follow() {
    let mut c = cluster("delete");
    let leader = c.leader("t", 0).unwrap().0;
    let result = delete(&mut c, leader, "t", 4);
    assert_eq!((result.low_watermark, result.error), (Offset(4), None));
    assert_eq!(earliest(&mut c, "t"), Offset(4));
    assert_eq!(c.fetch("t", 0, 3).error, Some(ErrorCode::OffsetOutOfRange));
    assert_eq!(c.consumed_offsets("t", 0, 4), (4..10).collect::<Vec<i64>>());
    let deleted = c.events_matching(|e| matches!(e, Event::RecordsDeleted { to: Offset(4), .. }));
    assert_eq!(deleted.len(), 1);
    assert!(deleted[0].to_string().contains("before offset 4"), "{}", deleted[0]);

    c.advance(1_000);
    for b in 1..=3 {
        let log = &c.engine.replica(BrokerId(b), &tp("t", 0)).unwrap().log;
        assert_eq!(log.log_start_offset(), Offset(4), "broker {b}");
        assert_eq!(log.segments()[0].base_offset, Offset(4), "broker {b}: segments before 4 gone");
    }
    let followed = c.events_matching(|e| matches!(e, Event::LogStartOffsetAdvanced { .. }));
    assert_eq!(followed.len(), 2, "both followers");
}

#[test]
fn minus_one_means_the_high_watermark_and_the_start_never_moves_back() {
    let mut c = cluster("delete");
    let leader = c.leader("t", 0).unwrap().0;
    assert_eq!(delete(&mut c, leader, "t", -1).low_watermark, Offset(10));
    assert_eq!(c.consumed_offsets("t", 0, 10), Vec::<i64>::new());
    let again = delete(&mut c, leader, "t", 3);
    assert_eq!((again.low_watermark, again.error), (Offset(10), None));
    assert_eq!(earliest(&mut c, "t"), Offset(10));
}

#[test]
fn refusals_follow_kafka() {
    let mut c = cluster("delete");
    let leader = c.leader("t", 0).unwrap().0;
    let beyond = delete(&mut c, leader, "t", 11);
    assert_eq!(beyond.error.map(|e| e.code), Some(ErrorCode::OffsetOutOfRange));
    assert_eq!(beyond.low_watermark, Offset(-1));
    let follower = (1..=3).find(|b| *b != leader).unwrap();
    let elsewhere = delete(&mut c, follower, "t", 2);
    assert_eq!(elsewhere.error.map(|e| e.code), Some(ErrorCode::NotLeaderOrFollower));
    let unknown = delete(&mut c, leader, "nope", 0);
    assert_eq!(unknown.error.map(|e| e.code), Some(ErrorCode::UnknownTopicOrPartition));
    let internal = delete(&mut c, leader, "__consumer_offsets", 0);
    assert_eq!(internal.error.map(|e| e.code), Some(ErrorCode::InvalidTopicException));
    assert_eq!(earliest(&mut c, "t"), Offset(0), "nothing moved");

    let mut compacted = cluster("compact");
    let leader = compacted.leader("t", 0).unwrap().0;
    let refused = delete(&mut compacted, leader, "t", 2);
    assert_eq!(refused.error.map(|e| e.code), Some(ErrorCode::PolicyViolation));
    assert_eq!(earliest(&mut compacted, "t"), Offset(0));
}
