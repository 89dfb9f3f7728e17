//! Produce through the engine: idempotent producers, acks=0, validation.

mod common;

use common::*;
use kplay_core::api::*;
use kplay_core::engine::Handled;
use kplay_core::event::Event;
use kplay_core::*;

fn init_producer_id(c: &mut Cluster) -> (ProducerId, ProducerEpoch) {
    let request = InitProducerIdRequest {
        transactional_id: None,
        transaction_timeout_ms: 60_000,
        producer_id: ProducerId::NONE,
        producer_epoch: ProducerEpoch::NONE,
    };
    let Response::InitProducerId(r) = c.call(1, request) else { panic!() };
    assert_eq!(r.error, None);
    (r.producer_id, r.producer_epoch)
}

#[test]
fn producer_ids_are_handed_out_once() {
    let mut c = Cluster::new(1, fast_config());
    let (a, epoch) = init_producer_id(&mut c);
    let (b, _) = init_producer_id(&mut c);
    assert_ne!(a, b);
    assert_eq!(epoch, ProducerEpoch(0));
}

#[test]
fn a_transactional_id_needs_its_coordinator_and_an_empty_one_is_an_invalid_request() {
    let mut c = Cluster::new(1, fast_config());
    // No FindCoordinator yet: no broker coordinates the id (tests/transactions.rs goes on).
    for (transactional_id, error) in
        [("", ErrorCode::InvalidRequest), ("orders-tx", ErrorCode::NotCoordinator)]
    {
        let request = InitProducerIdRequest {
            transactional_id: Some(transactional_id.to_owned()),
            transaction_timeout_ms: 60_000,
            producer_id: ProducerId::NONE,
            producer_epoch: ProducerEpoch::NONE,
        };
        let Response::InitProducerId(r) = c.call(1, request) else { panic!() };
        assert_eq!((r.error, r.producer_id), (Some(error), ProducerId::NONE));
    }
}

#[test]
fn a_retried_batch_is_acknowledged_with_its_original_offset() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 3));
    let (pid, epoch) = init_producer_id(&mut c);
    let first = batch(&[("a", "1"), ("b", "2")]).with_producer(pid, epoch, 0);
    assert_eq!(c.produce("t", 0, first.clone(), Acks::All).base_offset, Offset(0));
    c.produce("t", 0, batch(&[("x", "y")]), Acks::All);
    let retry = c.produce("t", 0, first, Acks::All);
    assert_eq!((retry.error, retry.base_offset), (None, Offset(0)));
    assert_eq!(c.log_end(1, "t", 0), Offset(3), "not appended twice");
    assert_eq!(c.events_matching(|e| matches!(e, Event::DuplicateBatch { .. })).len(), 1);
    let next = batch(&[("c", "3")]).with_producer(pid, epoch, 2);
    assert_eq!(c.produce("t", 0, next, Acks::All).base_offset, Offset(3));
    let gap = batch(&[("d", "4")]).with_producer(pid, epoch, 9);
    let r = c.produce("t", 0, gap, Acks::All);
    assert_eq!(r.error.map(|e| e.code), Some(ErrorCode::OutOfOrderSequenceNumber));
}

#[test]
fn a_new_leader_still_recognises_retries() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 3));
    let (pid, epoch) = init_producer_id(&mut c);
    let first = batch(&[("a", "1")]).with_producer(pid, epoch, 0);
    c.produce("t", 0, first.clone(), Acks::All);
    let old = c.leader("t", 0).unwrap();
    c.engine.stop_broker(Timestamp(c.now), old, kplay_core::engine::Shutdown::Clean).unwrap();
    c.pump();
    let retry = c.produce("t", 0, first, Acks::All);
    assert_eq!(
        (retry.error, retry.base_offset),
        (None, Offset(0)),
        "followers kept producer state"
    );
}

#[test]
fn acks_zero_gets_no_response_but_appends() {
    let mut c = Cluster::new(1, fast_config());
    c.create_topic(NewTopic::new("t", 1, 1));
    let (_, handled) = c.produce_to(1, "t", 0, batch(&[("k", "v")]), Acks::None);
    assert_eq!(handled, Handled::NoResponse);
    assert_eq!(c.log_end(1, "t", 0), Offset(1));
}

#[test]
fn oversized_batches_and_internal_topics_are_refused() {
    let mut c = Cluster::new(1, fast_config());
    c.create_topic(NewTopic::new("t", 1, 1).config("max.message.bytes", "100"));
    let r = c.produce("t", 0, batch(&[("k", &"x".repeat(200))]), Acks::Leader);
    assert_eq!(r.error.map(|e| e.code), Some(ErrorCode::MessageTooLarge));
    let Response::FindCoordinator(_) = c.call(
        1,
        FindCoordinatorRequest { key_type: CoordinatorType::Group, keys: vec!["g".into()] },
    ) else {
        panic!()
    };
    let r = c.produce(OFFSETS, 0, batch(&[("k", "v")]), Acks::Leader);
    assert_eq!(r.error.map(|e| e.code), Some(ErrorCode::InvalidTopicException));
    let (_, handled) = c.produce_to(1, "t", 7, batch(&[("k", "v")]), Acks::Leader);
    let Handled::Response(Response::Produce(r)) = handled else { panic!() };
    assert_eq!(
        r.topics[0].partitions[0].error.as_ref().map(|e| e.code),
        Some(ErrorCode::UnknownTopicOrPartition)
    );
}

const OFFSETS: &str = kplay_core::engine::OFFSETS_TOPIC;

#[test]
fn a_produce_with_an_older_producer_epoch_is_refused() {
    let mut c = Cluster::new(3, fast_config());
    c.create_topic(NewTopic::new("t", 1, 3));
    let (pid, epoch) = init_producer_id(&mut c);
    let bumped = ProducerEpoch(epoch.0 + 1);
    c.produce("t", 0, batch(&[("a", "1")]).with_producer(pid, epoch, 0), Acks::All);
    // The producer bumps its epoch (as Java's idempotent producer does after an unresolved
    // sequence) and starts again at sequence 0.
    let r = c.produce("t", 0, batch(&[("b", "2")]).with_producer(pid, bumped, 0), Acks::All);
    assert_eq!((r.error, r.base_offset), (None, Offset(1)));
    let stale = batch(&[("c", "3")]).with_producer(pid, epoch, 1);
    let r = c.produce("t", 0, stale, Acks::All);
    assert_eq!(r.error.map(|e| e.code), Some(ErrorCode::InvalidProducerEpoch));
    assert_eq!(c.log_end(c.leader("t", 0).unwrap().0, "t", 0), Offset(2), "nothing appended");
    let failed = c.events_matching(|e| {
        matches!(e, Event::ProduceFailed { error: ErrorCode::InvalidProducerEpoch, .. })
    });
    assert_eq!(failed.len(), 1);
    let next = batch(&[("d", "4")]).with_producer(pid, bumped, 1);
    assert_eq!(c.produce("t", 0, next, Acks::All).error, None, "the new epoch carries on");
}
