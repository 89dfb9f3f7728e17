//! Fetch and ListOffsets through the engine: long polls, whole batches, ranges, timestamps.

mod common;

use common::*;
use kplay_core::api::*;
use kplay_core::engine::Handled;
use kplay_core::*;

fn cluster_with_topic() -> Cluster {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 3));
    c
}

#[test]
fn a_fetch_with_nothing_to_read_waits_for_data() {
    let mut c = cluster_with_topic();
    let leader = c.leader("t", 0).unwrap().0;
    let (id, handled) = c.send(leader, Cluster::fetch_request("t", 0, 0, 5_000));
    assert_eq!(handled, Handled::Parked);
    c.advance(1_000);
    assert!(!c.answers.contains_key(&id));
    c.produce("t", 0, batch(&[("k", "v")]), Acks::All);
    let Some(Response::Fetch(r)) = c.answers.remove(&id) else {
        panic!("answered when data arrived")
    };
    let part = &r.topics[0].partitions[0];
    assert_eq!((part.batches.len(), part.high_watermark), (1, Offset(1)));
}

#[test]
fn a_long_poll_times_out_empty_but_not_absent() {
    let mut c = cluster_with_topic();
    let leader = c.leader("t", 0).unwrap().0;
    let (id, _) = c.send(leader, Cluster::fetch_request("t", 0, 0, 500));
    c.advance(499);
    assert!(!c.answers.contains_key(&id));
    c.advance(1);
    let Some(Response::Fetch(r)) = c.answers.remove(&id) else { panic!("answered at max_wait_ms") };
    let part = &r.topics[0].partitions[0];
    assert_eq!(part.error, None);
    assert!(part.batches.is_empty());
    assert_eq!(
        (part.high_watermark, part.last_stable_offset, part.log_start_offset),
        (Offset(0), Offset(0), Offset(0))
    );
}

#[test]
fn fetching_from_inside_a_batch_returns_that_whole_batch() {
    let mut c = cluster_with_topic();
    c.produce("t", 0, batch(&[("a", "1"), ("b", "2"), ("c", "3")]), Acks::All);
    c.produce("t", 0, batch(&[("d", "4")]), Acks::All);
    let part = c.fetch("t", 0, 1);
    assert_eq!(part.batches[0].base_offset, Offset(0), "the batch holding offset 1");
    assert_eq!(part.batches.len(), 2);
    assert_eq!(c.consumed_offsets("t", 0, 1), [1, 2, 3]);
}

#[test]
fn offsets_outside_the_log_are_out_of_range() {
    let mut c = cluster_with_topic();
    c.produce("t", 0, batch(&[("a", "1")]), Acks::All);
    assert_eq!(c.fetch("t", 0, 2).error, Some(ErrorCode::OffsetOutOfRange));
    assert_eq!(c.fetch("t", 0, -1).error, Some(ErrorCode::OffsetOutOfRange));
    assert_eq!(c.fetch("t", 0, 1).error, None, "the log end itself is fine");
}

#[test]
fn fetch_limits_return_at_least_one_batch() {
    let mut c = cluster_with_topic();
    for i in 0..5 {
        c.produce("t", 0, batch(&[("k", &"x".repeat(100 + i))]), Acks::All);
    }
    let leader = c.leader("t", 0).unwrap().0;
    let mut request = Cluster::fetch_request("t", 0, 0, 0);
    request.max_bytes = 1;
    let Response::Fetch(r) = c.call(leader, request) else { panic!() };
    assert_eq!(r.topics[0].partitions[0].batches.len(), 1, "one batch despite max_bytes = 1");
    let mut request = Cluster::fetch_request("t", 0, 0, 0);
    request.topics[0].partitions[0].partition_max_bytes = 400;
    let Response::Fetch(r) = c.call(leader, request) else { panic!() };
    assert_eq!(r.topics[0].partitions[0].batches.len(), 2, "two ~180-byte batches fit in 400");
}

#[test]
fn fetching_from_a_follower_or_a_stale_epoch_is_refused() {
    let mut c = cluster_with_topic();
    let leader = c.leader("t", 0).unwrap().0;
    let follower = (1..=3).find(|b| *b != leader).unwrap();
    let Response::Fetch(r) = c.call(follower, Cluster::fetch_request("t", 0, 0, 0)) else {
        panic!()
    };
    assert_eq!(r.topics[0].partitions[0].error, Some(ErrorCode::NotLeaderOrFollower));
    let mut request = Cluster::fetch_request("t", 0, 0, 0);
    request.topics[0].partitions[0].current_leader_epoch = LeaderEpoch(7);
    let Response::Fetch(r) = c.call(leader, request) else { panic!() };
    assert_eq!(r.topics[0].partitions[0].error, Some(ErrorCode::UnknownLeaderEpoch));
    let mut request = Cluster::fetch_request("nope", 0, 0, 0);
    request.topics[0].partitions[0].partition = PartitionIndex(0);
    let Response::Fetch(r) = c.call(leader, request) else { panic!() };
    assert_eq!(r.topics[0].partitions[0].error, Some(ErrorCode::UnknownTopicOrPartition));
}

fn list_offset(c: &mut Cluster, spec: OffsetSpec) -> ListOffsetsPartitionResponse {
    let leader = c.leader("t", 0).unwrap().0;
    let request = ListOffsetsRequest {
        isolation_level: IsolationLevel::ReadUncommitted,
        topics: vec![ListOffsetsTopic {
            name: "t".into(),
            partitions: vec![ListOffsetsPartition {
                partition: PartitionIndex(0),
                spec,
                current_leader_epoch: LeaderEpoch::UNKNOWN,
            }],
        }],
    };
    let Response::ListOffsets(mut r) = c.call(leader, request) else { panic!() };
    r.topics.remove(0).partitions.remove(0)
}

#[test]
fn list_offsets_earliest_latest_and_by_timestamp() {
    let mut c = cluster_with_topic();
    for (ts, key) in [(100, "a"), (200, "b"), (300, "c")] {
        let mut b = batch(&[(key, "v")]);
        b.records[0].timestamp = Timestamp(ts);
        c.produce("t", 0, b, Acks::All);
    }
    assert_eq!(list_offset(&mut c, OffsetSpec::Earliest).offset, Offset(0));
    assert_eq!(list_offset(&mut c, OffsetSpec::Latest).offset, Offset(3));
    let at = list_offset(&mut c, OffsetSpec::Timestamp(Timestamp(150)));
    assert_eq!((at.offset, at.timestamp), (Offset(1), Timestamp(200)));
    assert_eq!(list_offset(&mut c, OffsetSpec::Timestamp(Timestamp(301))).offset, Offset(-1));
    assert_eq!(list_offset(&mut c, OffsetSpec::MaxTimestamp).offset, Offset(2));
    assert_eq!(OffsetSpec::from_wire(-2), OffsetSpec::Earliest);
    assert_eq!(OffsetSpec::from_wire(-1), OffsetSpec::Latest);
}

#[test]
fn a_disconnected_clients_parked_fetch_is_forgotten() {
    let mut c = cluster_with_topic();
    let leader = c.leader("t", 0).unwrap().0;
    let (id, handled) = c.send(leader, Cluster::fetch_request("t", 0, 0, 5_000));
    assert_eq!(handled, Handled::Parked);
    c.engine.client_disconnected(ClientId(1));
    c.produce("t", 0, batch(&[("k", "v")]), Acks::All);
    c.advance(6_000);
    assert!(!c.answers.contains_key(&id), "nobody to answer");
}

#[test]
fn a_stopping_broker_drops_its_parked_requests() {
    let mut c = cluster_with_topic();
    let leader = c.leader("t", 0).unwrap();
    let (id, _) = c.send(leader.0, Cluster::fetch_request("t", 0, 0, 5_000));
    c.engine.stop_broker(Timestamp(c.now), leader, kplay_core::engine::Shutdown::Crash).unwrap();
    c.pump();
    assert_eq!(c.dropped, [id]);
    c.advance(6_000);
    assert!(!c.answers.contains_key(&id));
}

/// A fetch that wants more bytes than one small batch, from the leader of `t`-0.
fn fetch_wanting(c: &mut Cluster, min_bytes: usize, max_wait_ms: i32) -> u64 {
    let leader = c.leader("t", 0).unwrap().0;
    let mut request = Cluster::fetch_request("t", 0, 0, max_wait_ms);
    request.min_bytes = i32::try_from(min_bytes).unwrap();
    let (id, handled) = c.send(leader, request);
    assert_eq!(handled, Handled::Parked, "nothing to read yet");
    id
}

#[test]
fn a_fetch_waits_for_min_bytes_across_several_produces() {
    let mut c = cluster_with_topic();
    let small = batch(&[("k", "v")]);
    let id = fetch_wanting(&mut c, small.size_bytes * 2 + 1, 10_000);
    c.produce("t", 0, small.clone(), Acks::All);
    c.advance(100);
    assert!(!c.answers.contains_key(&id), "one small batch is below min_bytes");
    c.produce("t", 0, small.clone(), Acks::All);
    assert!(!c.answers.contains_key(&id), "two small batches are still below min_bytes");
    c.produce("t", 0, batch(&[("k", &"x".repeat(50))]), Acks::All);
    let Some(Response::Fetch(r)) = c.answers.remove(&id) else {
        panic!("answered once enough bytes arrived, long before max_wait_ms")
    };
    let part = &r.topics[0].partitions[0];
    assert_eq!((part.batches.len(), part.high_watermark), (3, Offset(3)));
    assert!(part.bytes() > small.size_bytes * 2);
}

#[test]
fn a_fetch_short_of_min_bytes_is_answered_at_max_wait_with_what_there_is() {
    let mut c = cluster_with_topic();
    let small = batch(&[("k", "v")]);
    let id = fetch_wanting(&mut c, small.size_bytes * 10, 2_000);
    c.produce("t", 0, small.clone(), Acks::All);
    c.advance(1_000);
    assert!(!c.answers.contains_key(&id), "still short of min_bytes within max_wait_ms");
    c.advance(1_000);
    let Some(Response::Fetch(r)) = c.answers.remove(&id) else { panic!("answered at max_wait") };
    let part = &r.topics[0].partitions[0];
    assert_eq!(part.error, None);
    assert_eq!(part.batches.len(), 1, "the one batch there is");
    assert_eq!(part.bytes(), small.size_bytes);
}
