//! The simulated producer honours its configuration as Java's does: `linger.ms` holds a batch
//! back, `batch.size` splits batches, `acks=0` waits for nothing,
//! `max.in.flight.requests.per.connection` caps requests in flight, and a batch fails when its
//! `retries` run out or its `delivery.timeout.ms` passes.

mod support;

use kplay_core::{ErrorCode, Offset};
use kplay_sim::action::{AcksSpec, Action, ProducerSpec};
use kplay_sim::client::ClientEvent;
use kplay_sim::network::{LinkSpec, Node};
use kplay_sim::world::World;
use support::*;

/// Adds producer 1 with `f` applied and lets it fetch metadata (and its producer id).
fn producer(w: &mut World, f: impl FnOnce(&mut ProducerSpec)) {
    let mut spec = ProducerSpec::new("p", "t");
    f(&mut spec);
    w.apply(Action::AddProducer { id: 1, spec }).unwrap();
    w.run_for(1_000).unwrap();
}

/// A record of `value_bytes` bytes to `t`-0.
fn record(value_bytes: usize) -> Action {
    Action::Produce {
        producer: 1,
        topic: "t".into(),
        key: Some("k".into()),
        value: Some("x".repeat(value_bytes)),
        headers: Vec::new(),
        partition: Some(0),
    }
}

/// (time, records per batch) of every batch producer 1 sent.
fn sent(w: &World) -> Vec<(i64, Vec<usize>)> {
    client_events(w, 1)
        .into_iter()
        .filter_map(|(t, e)| match e {
            ClientEvent::BatchesSent { batches, .. } => {
                Some((t, batches.iter().map(|(_, n)| *n).collect()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn linger_ms_holds_a_batch_back_and_gathers_what_comes_meanwhile() {
    for linger_ms in [0, 250] {
        let mut w = world_with(41, 1, &[]);
        producer(&mut w, |s| s.linger_ms = linger_ms);
        let produced_at = w.now().0;
        w.apply(record(10)).unwrap();
        w.run_for(100).unwrap();
        w.apply(record(10)).unwrap();
        w.run_for(1_000).unwrap();
        let batches = sent(&w);
        if linger_ms == 0 {
            assert_eq!(batches, [(produced_at, vec![1]), (produced_at + 100, vec![1])]);
        } else {
            assert_eq!(batches, [(produced_at + linger_ms, vec![2])], "one batch, sent late");
        }
    }
}

#[test]
fn batch_size_splits_batches_counting_the_batch_header() {
    // A record of a 100-byte value is about 115 bytes, a batch header 61 (Java's
    // MemoryRecordsBuilder counts it): two records fit in 300 bytes, only one in 250.
    for (batch_size, expected) in [(300, vec![2, 2, 2, 1]), (250, vec![1; 7])] {
        let mut w = world_with(42, 1, &[]);
        producer(&mut w, |s| {
            s.batch_size = batch_size;
            s.linger_ms = 50;
        });
        for _ in 0..7 {
            w.apply(record(100)).unwrap();
        }
        w.run_for(1_000).unwrap();
        let per_batch: Vec<usize> = sent(&w).into_iter().flat_map(|(_, b)| b).collect();
        assert_eq!(per_batch, expected, "batch.size = {batch_size}");
        assert_eq!(high_watermark(&w, 0), Offset(7));
    }
}

/// Producer 1's link to every broker takes `latency_ms` each way.
fn slow_links(w: &mut World, latency_ms: i64) {
    for b in 1..=3 {
        let link = LinkSpec { latency_ms, jitter_ms: 0, loss_per_million: 0 };
        w.apply(Action::SetLink { a: Node::Client(1), b: Node::Broker(b), link }).unwrap();
    }
}

#[test]
fn acks_0_counts_a_batch_done_when_sent() {
    for acks in [AcksSpec::None, AcksSpec::Leader] {
        let mut w = world_with(43, 1, &[]);
        slow_links(&mut w, 100);
        producer(&mut w, |s| {
            s.acks = acks;
            s.idempotence = false;
        });
        w.apply(record(10)).unwrap();
        w.run_for(1_000).unwrap();
        let events = client_events(&w, 1);
        let sent_at = events
            .iter()
            .find(|(_, e)| matches!(e, ClientEvent::BatchesSent { .. }))
            .map(|(t, _)| *t)
            .unwrap();
        let acked: Vec<(i64, Offset)> = events
            .iter()
            .filter_map(|(t, e)| match e {
                ClientEvent::BatchAcknowledged { base_offset, .. } => Some((*t, *base_offset)),
                _ => None,
            })
            .collect();
        match acks {
            AcksSpec::None => {
                assert_eq!(acked, [(sent_at, Offset(-1))], "done at once, offset unknown")
            }
            _ => assert_eq!(acked, [(sent_at + 200, Offset(0))], "after a round trip"),
        }
        assert_eq!(high_watermark(&w, 0), Offset(1), "written either way");
    }
}

/// The most produce requests producer 1 had in flight at once (one partition: one batch each).
fn most_in_flight(w: &World) -> i64 {
    let mut in_flight = 0_i64;
    let mut most = 0;
    for (_, e) in client_events(w, 1) {
        match e {
            ClientEvent::BatchesSent { .. } => in_flight += 1,
            ClientEvent::BatchAcknowledged { .. }
            | ClientEvent::BatchRetried { .. }
            | ClientEvent::BatchFailed { .. } => in_flight -= 1,
            _ => {}
        }
        most = most.max(in_flight);
    }
    most
}

#[test]
fn max_in_flight_caps_requests_in_flight() {
    for max_in_flight in [1, 4] {
        let mut w = world_with(44, 1, &[]);
        slow_links(&mut w, 100);
        producer(&mut w, |s| {
            s.max_in_flight = max_in_flight;
            s.linger_ms = 0;
            s.rate_per_sec = 200;
        });
        w.run_for(3_000).unwrap();
        assert_eq!(most_in_flight(&w), i64::from(max_in_flight));
        let batches = sent(&w);
        assert!(batches.len() > 5, "{batches:?}");
        if max_in_flight == 1 {
            assert!(
                batches.windows(2).all(|p| p[1].0 - p[0].0 >= 200),
                "one request per round trip"
            );
        }
    }
}

/// A world where `t` needs three in-sync replicas and one broker is down: every produce is
/// answered NOT_ENOUGH_REPLICAS, which is retriable.
fn failing_world(f: impl FnOnce(&mut ProducerSpec)) -> World {
    let mut w = world_with(45, 1, &[("min.insync.replicas", "3")]);
    let leader = w.engine().image().partition(&kplay_core::TopicPartition::new("t", 0));
    let leader = leader.unwrap().leader.unwrap().0;
    let other = (1..=3).find(|b| *b != leader).unwrap();
    w.apply(Action::StopBroker { id: other, crash: false }).unwrap();
    producer(&mut w, f);
    w.apply(record(10)).unwrap();
    w
}

/// (time, next attempt) of each retry, and (time, error) of each failure.
type RetriesAndFailures = (Vec<(i64, u32)>, Vec<(i64, Option<ErrorCode>)>);

fn retries_and_failures(w: &World) -> RetriesAndFailures {
    let mut retried = Vec::new();
    let mut failed = Vec::new();
    for (t, e) in client_events(w, 1) {
        match e {
            ClientEvent::BatchRetried { attempt, .. } => retried.push((t, *attempt)),
            ClientEvent::BatchFailed { error, .. } => failed.push((t, *error)),
            _ => {}
        }
    }
    (retried, failed)
}

#[test]
fn a_batch_fails_when_its_retries_run_out() {
    let mut w = failing_world(|s| s.retries = 2);
    w.run_for(5_000).unwrap();
    let (retried, failed) = retries_and_failures(&w);
    assert_eq!(retried.iter().map(|(_, a)| *a).collect::<Vec<_>>(), [2, 3]);
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].1, Some(ErrorCode::NotEnoughReplicas));
    assert!(failed[0].0 > retried[1].0);
    assert_eq!(w.producer(1).unwrap().stats().failed, 1);
    assert_eq!(high_watermark(&w, 0), Offset(0));
}

#[test]
fn a_batch_fails_when_its_delivery_timeout_passes() {
    let mut w = failing_world(|s| s.delivery_timeout_ms = 2_000);
    let produced_at = w.now().0;
    w.run_for(10_000).unwrap();
    let (retried, failed) = retries_and_failures(&w);
    assert!(retried.len() >= 10, "retried every retry.backoff.ms: {}", retried.len());
    assert_eq!(failed.len(), 1, "then failed, despite retries = MAX");
    let (at, error) = failed[0];
    assert_eq!(error, Some(ErrorCode::NotEnoughReplicas));
    assert!(at - produced_at >= 2_000, "not before delivery.timeout.ms: {}", at - produced_at);
    assert!(retried.iter().all(|(t, _)| *t < at));
}
