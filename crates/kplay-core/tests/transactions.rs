//! Transactions: the coordinator's checks and states, markers on every partition a transaction
//! wrote to, the last stable offset, what read_committed consumers see and skip, transactional
//! offset commits, timeouts and fencing.

mod common;

use common::*;
use kplay_core::api::*;
use kplay_core::event::Event;
use kplay_core::txn::{TxnEndReason, TxnEvent, TxnState};
use kplay_core::*;

const TXN: &str = "payments-app";

#[derive(Clone, Copy)]
struct Txn {
    coordinator: i32,
    producer: (ProducerId, ProducerEpoch),
    sequence: i32,
}

/// Three brokers; topic `t` with two partitions on three replicas.
fn cluster() -> Cluster {
    let mut config = fast_config();
    config.transaction_state_log_num_partitions = 5;
    let mut c = Cluster::new(3, config);
    assert_eq!(c.create_topic(NewTopic::new("t", 2, 3)).error, None);
    c
}

fn find_coordinator(c: &mut Cluster, id: &str) -> Coordinator {
    let request =
        FindCoordinatorRequest { key_type: CoordinatorType::Transaction, keys: vec![id.into()] };
    let Response::FindCoordinator(mut r) = c.call(1, request) else { panic!() };
    r.coordinators.remove(0)
}

fn init(c: &mut Cluster, broker: i32, timeout_ms: i32) -> InitProducerIdResponse {
    let request = InitProducerIdRequest {
        transactional_id: Some(TXN.into()),
        transaction_timeout_ms: timeout_ms,
        producer_id: ProducerId::NONE,
        producer_epoch: ProducerEpoch::NONE,
    };
    let Response::InitProducerId(r) = c.call(broker, request) else { panic!() };
    r
}

fn begin(c: &mut Cluster) -> Txn {
    let coordinator = find_coordinator(c, TXN).node_id.0;
    let mut r = init(c, coordinator, 60_000);
    // While a fenced transaction's abort markers replicate, clients are told to retry.
    while r.error == Some(ErrorCode::ConcurrentTransactions) {
        c.advance(10);
        r = init(c, coordinator, 60_000);
    }
    assert_eq!(r.error, None);
    Txn { coordinator, producer: (r.producer_id, r.producer_epoch), sequence: 0 }
}

fn add_partitions(c: &mut Cluster, txn: &Txn, partitions: &[i32]) -> Vec<Option<ErrorCode>> {
    let request = AddPartitionsToTxnRequest {
        transactional_id: TXN.into(),
        producer_id: txn.producer.0,
        producer_epoch: txn.producer.1,
        topics: vec![AddPartitionsToTxnTopic {
            name: "t".into(),
            partitions: partitions.iter().map(|p| PartitionIndex(*p)).collect(),
        }],
    };
    let Response::AddPartitionsToTxn(r) = c.call(txn.coordinator, request) else { panic!() };
    r.topics[0].partitions.iter().map(|p| p.error).collect()
}

fn send(c: &mut Cluster, txn: &mut Txn, partition: i32, value: &str) -> ProducePartitionResponse {
    let b = batch(&[("k", value)])
        .with_producer(txn.producer.0, txn.producer.1, txn.sequence)
        .in_transaction();
    txn.sequence += 1;
    c.produce("t", partition, b, Acks::All)
}

fn end(c: &mut Cluster, txn: &Txn, committed: bool) -> Option<ErrorCode> {
    let request = EndTxnRequest {
        transactional_id: TXN.into(),
        producer_id: txn.producer.0,
        producer_epoch: txn.producer.1,
        committed,
    };
    let Response::EndTxn(r) = c.call(txn.coordinator, request) else { panic!() };
    r.error
}

fn fetch(c: &mut Cluster, partition: i32, isolation: IsolationLevel) -> FetchPartitionResponse {
    let leader = c.leader("t", partition).unwrap().0;
    let mut request = Cluster::fetch_request("t", partition, 0, 0);
    request.isolation_level = isolation;
    let Response::Fetch(mut r) = c.call(leader, request) else { panic!() };
    r.topics.remove(0).partitions.remove(0)
}

/// The values a read_committed client keeps: records below the last stable offset, minus
/// control batches and the aborted transactions the response lists.
fn committed_values(part: &FetchPartitionResponse) -> Vec<String> {
    let aborted = part.aborted_transactions.clone().expect("read_committed lists aborts");
    let mut out = Vec::new();
    for b in &part.batches {
        let in_aborted = aborted.iter().any(|a| {
            a.producer_id == b.producer_id
                && a.first_offset <= b.base_offset
                && b.base_offset <= a.last_offset
        });
        if b.control || (b.transactional && in_aborted) {
            continue;
        }
        out.extend(
            b.records
                .iter()
                .map(|r| String::from_utf8_lossy(r.value.as_deref().unwrap()).into_owned()),
        );
    }
    out
}

/// The broker coordinating `group`.
fn group_coordinator(c: &mut Cluster, group: &str) -> i32 {
    let find =
        FindCoordinatorRequest { key_type: CoordinatorType::Group, keys: vec![group.into()] };
    let Response::FindCoordinator(r) = c.call(1, find) else { panic!() };
    r.coordinators[0].node_id.0
}

/// AddOffsetsToTxn for `group`.
fn add_offsets(c: &mut Cluster, txn: &Txn, group: &str) -> Option<ErrorCode> {
    let add = AddOffsetsToTxnRequest {
        transactional_id: TXN.into(),
        producer_id: txn.producer.0,
        producer_epoch: txn.producer.1,
        group_id: group.into(),
    };
    let Response::AddOffsetsToTxn(r) = c.call(txn.coordinator, add) else { panic!() };
    r.error
}

/// A commit of `offset` for `t-0`.
fn commit_of(offset: i64) -> Vec<OffsetCommitTopic> {
    vec![OffsetCommitTopic {
        name: "t".into(),
        partitions: vec![OffsetCommitPartition {
            partition: PartitionIndex(0),
            committed_offset: Offset(offset),
            committed_leader_epoch: LeaderEpoch::UNKNOWN,
            metadata: None,
        }],
    }]
}

/// TxnOffsetCommit of `offset` for `t-0` in `group`, by a producer naming no member.
fn txn_commit(txn: &Txn, group: &str, offset: i64) -> TxnOffsetCommitRequest {
    TxnOffsetCommitRequest {
        transactional_id: TXN.into(),
        group_id: group.into(),
        producer_id: txn.producer.0,
        producer_epoch: txn.producer.1,
        generation_id: GenerationId(-1),
        member_id: MemberId::unknown(),
        group_instance_id: None,
        topics: commit_of(offset),
    }
}

fn state(c: &Cluster) -> TxnState {
    c.engine.transactions().get(TXN).expect("known").state
}

#[test]
fn a_committed_transaction_is_hidden_from_read_committed_until_its_marker() {
    let mut c = cluster();
    let coordinator = find_coordinator(&mut c, TXN);
    assert_eq!(coordinator.error, None);
    assert!(c.engine.image().topics.contains_key("__transaction_state"), "created on demand");
    let mut txn = begin(&mut c);
    assert_eq!(state(&c), TxnState::Empty);
    assert_eq!(add_partitions(&mut c, &txn, &[0, 1]), [None, None]);
    assert_eq!(state(&c), TxnState::Ongoing);
    assert_eq!(send(&mut c, &mut txn, 0, "a").error, None);
    assert_eq!(send(&mut c, &mut txn, 1, "b").error, None);

    let open = fetch(&mut c, 0, IsolationLevel::ReadCommitted);
    assert_eq!(open.high_watermark, Offset(1));
    assert_eq!(open.last_stable_offset, Offset(0), "the open transaction holds the LSO back");
    assert!(open.batches.is_empty(), "read_committed sees nothing of it");
    let uncommitted = fetch(&mut c, 0, IsolationLevel::ReadUncommitted);
    assert_eq!(uncommitted.batches.len(), 1, "read_uncommitted sees the record");
    assert_eq!(uncommitted.aborted_transactions, None);

    assert_eq!(end(&mut c, &txn, true), None);
    assert_eq!(state(&c), TxnState::CompleteCommit);
    c.advance(100);
    for partition in [0, 1] {
        let done = fetch(&mut c, partition, IsolationLevel::ReadCommitted);
        assert_eq!(done.high_watermark, Offset(2), "the record and its marker");
        assert_eq!(done.last_stable_offset, Offset(2));
        assert!(done.batches[1].control, "a COMMIT marker follows");
        assert_eq!(done.batches[1].txn_marker(), Some(TxnMarker::Commit));
        assert_eq!(done.aborted_transactions, Some(Vec::new()));
    }
    assert_eq!(committed_values(&fetch(&mut c, 0, IsolationLevel::ReadCommitted)), ["a"]);
    let markers =
        c.events_matching(|e| matches!(e, Event::Transaction(TxnEvent::MarkerWritten { .. })));
    assert_eq!(markers.len(), 2, "one marker per partition");
    // A retried EndTxn succeeds again; an abort after the commit is refused.
    assert_eq!(end(&mut c, &txn, true), None);
    assert_eq!(end(&mut c, &txn, false), Some(ErrorCode::InvalidTxnState));
}

#[test]
fn an_aborted_transaction_is_listed_so_read_committed_consumers_skip_it() {
    let mut c = cluster();
    let plain = c.produce("t", 0, batch(&[("k", "before")]), Acks::All);
    assert_eq!(plain.error, None);
    let mut txn = begin(&mut c);
    add_partitions(&mut c, &txn, &[0]);
    send(&mut c, &mut txn, 0, "doomed-1");
    send(&mut c, &mut txn, 0, "doomed-2");
    assert_eq!(end(&mut c, &txn, false), None);
    assert_eq!(state(&c), TxnState::CompleteAbort);
    c.produce("t", 0, batch(&[("k", "after")]), Acks::All);
    c.advance(100);

    let part = fetch(&mut c, 0, IsolationLevel::ReadCommitted);
    let aborted = part.aborted_transactions.clone().unwrap();
    assert_eq!(aborted.len(), 1);
    assert_eq!((aborted[0].producer_id, aborted[0].first_offset), (txn.producer.0, Offset(1)));
    assert_eq!(committed_values(&part), ["before", "after"]);
    assert_eq!(fetch(&mut c, 0, IsolationLevel::ReadUncommitted).batches.len(), 5, "all there");
    // A fetch after the aborted transaction is not told about it.
    let leader = c.leader("t", 0).unwrap().0;
    let mut late = Cluster::fetch_request("t", 0, 4, 0);
    late.isolation_level = IsolationLevel::ReadCommitted;
    let Response::Fetch(r) = c.call(leader, late) else { panic!() };
    assert_eq!(r.topics[0].partitions[0].aborted_transactions, Some(Vec::new()));
}

#[test]
fn list_offsets_latest_is_the_last_stable_offset_for_read_committed() {
    let mut c = cluster();
    c.produce("t", 0, batch(&[("k", "v")]), Acks::All);
    let mut txn = begin(&mut c);
    add_partitions(&mut c, &txn, &[0]);
    send(&mut c, &mut txn, 0, "open");
    let latest = |c: &mut Cluster, isolation| {
        let leader = c.leader("t", 0).unwrap().0;
        let request = ListOffsetsRequest {
            isolation_level: isolation,
            topics: vec![ListOffsetsTopic {
                name: "t".into(),
                partitions: vec![ListOffsetsPartition {
                    partition: PartitionIndex(0),
                    spec: OffsetSpec::Latest,
                    current_leader_epoch: LeaderEpoch::UNKNOWN,
                }],
            }],
        };
        let Response::ListOffsets(r) = c.call(leader, request) else { panic!() };
        r.topics[0].partitions[0].offset
    };
    assert_eq!(latest(&mut c, IsolationLevel::ReadUncommitted), Offset(2));
    assert_eq!(latest(&mut c, IsolationLevel::ReadCommitted), Offset(1));
    end(&mut c, &txn, true);
    c.advance(100);
    assert_eq!(latest(&mut c, IsolationLevel::ReadCommitted), Offset(3));
}

#[test]
fn the_coordinator_checks_who_asks_and_what_state_the_transaction_is_in() {
    let mut c = cluster();
    let txn = begin(&mut c);
    let other = [1, 2, 3].into_iter().find(|b| *b != txn.coordinator).unwrap();
    assert_eq!(init(&mut c, other, 60_000).error, Some(ErrorCode::NotCoordinator));
    assert_eq!(init(&mut c, txn.coordinator, 0).error, Some(ErrorCode::InvalidTransactionTimeout));
    assert_eq!(
        init(&mut c, txn.coordinator, 900_001).error,
        Some(ErrorCode::InvalidTransactionTimeout),
        "above transaction.max.timeout.ms"
    );
    let stranger = Txn { producer: (ProducerId(999), txn.producer.1), ..txn };
    assert_eq!(
        add_partitions(&mut c, &stranger, &[0]),
        [Some(ErrorCode::InvalidProducerIdMapping)]
    );
    assert_eq!(
        add_partitions(&mut c, &txn, &[0, 7]),
        [Some(ErrorCode::OperationNotAttempted), Some(ErrorCode::UnknownTopicOrPartition)]
    );
    assert_eq!(state(&c), TxnState::Empty, "nothing was added");
    assert_eq!(end(&mut c, &txn, true), Some(ErrorCode::InvalidTxnState), "nothing to end");
}

#[test]
fn a_new_instance_fences_the_old_one_and_aborts_its_transaction() {
    let mut c = cluster();
    let mut old = begin(&mut c);
    add_partitions(&mut c, &old, &[0]);
    send(&mut c, &mut old, 0, "zombie");
    assert_eq!(
        init(&mut c, old.coordinator, 60_000).error,
        Some(ErrorCode::ConcurrentTransactions),
        "the old transaction's abort is under way"
    );
    let new = begin(&mut c);
    assert_eq!(new.producer.0, old.producer.0, "the same producer id");
    assert!(new.producer.1 > old.producer.1, "a higher epoch");
    assert_eq!(state(&c), TxnState::Empty);
    let ending = c.events_matching(|e| {
        matches!(e, Event::Transaction(TxnEvent::Ending { reason: TxnEndReason::Fenced, .. }))
    });
    assert_eq!(ending.len(), 1);
    c.advance(100);
    assert!(committed_values(&fetch(&mut c, 0, IsolationLevel::ReadCommitted)).is_empty());
    // The old instance can no longer do anything.
    assert_eq!(add_partitions(&mut c, &old, &[1]), [Some(ErrorCode::ProducerFenced)]);
    assert_eq!(end(&mut c, &old, true), Some(ErrorCode::ProducerFenced));
    let zombie = send(&mut c, &mut old, 0, "late");
    assert_eq!(zombie.error.map(|e| e.code), Some(ErrorCode::InvalidProducerEpoch));
}

#[test]
fn a_transaction_open_past_its_timeout_is_aborted_and_its_producer_fenced() {
    let mut c = cluster();
    let coordinator = find_coordinator(&mut c, TXN).node_id.0;
    let r = init(&mut c, coordinator, 5_000);
    let mut txn = Txn { coordinator, producer: (r.producer_id, r.producer_epoch), sequence: 0 };
    add_partitions(&mut c, &txn, &[1]);
    send(&mut c, &mut txn, 1, "slow");
    c.advance(4_000);
    assert_eq!(state(&c), TxnState::Ongoing);
    c.advance(2_000);
    assert_eq!(state(&c), TxnState::CompleteAbort);
    let timed_out = c.events_matching(|e| {
        matches!(
            e,
            Event::Transaction(TxnEvent::Ending {
                reason: TxnEndReason::TimedOut { timeout_ms: 5_000 },
                ..
            })
        )
    });
    assert_eq!(timed_out.len(), 1);
    assert_eq!(end(&mut c, &txn, true), Some(ErrorCode::ProducerFenced));
    let part = fetch(&mut c, 1, IsolationLevel::ReadCommitted);
    assert!(committed_values(&part).is_empty());
    assert_eq!(part.last_stable_offset, part.high_watermark);
}

#[test]
fn offsets_committed_in_a_transaction_count_only_if_it_commits() {
    let mut c = cluster();
    for committed in [false, true] {
        let txn = begin(&mut c);
        assert_eq!(add_offsets(&mut c, &txn, "readers"), None);
        let group_coordinator = group_coordinator(&mut c, "readers");
        let commit = txn_commit(&txn, "readers", if committed { 7 } else { 3 });
        let Response::TxnOffsetCommit(r) = c.call(group_coordinator, commit) else { panic!() };
        assert_eq!(r.topics[0].partitions[0].error, None);
        let fetched = |c: &mut Cluster| {
            let request = OffsetFetchRequest {
                groups: vec![OffsetFetchGroup { group_id: "readers".into(), topics: None }],
                require_stable: false,
            };
            let Response::OffsetFetch(r) = c.call(group_coordinator, request) else { panic!() };
            r.groups[0]
                .topics
                .iter()
                .flat_map(|t| t.partitions.iter().map(|p| p.committed_offset.0))
                .collect::<Vec<_>>()
        };
        let before = fetched(&mut c);
        // A read_committed consumer asking for stable offsets waits for the transaction.
        let stable = OffsetFetchRequest {
            groups: vec![OffsetFetchGroup {
                group_id: "readers".into(),
                topics: Some(vec![OffsetFetchTopic {
                    name: "t".into(),
                    partitions: vec![PartitionIndex(0)],
                }]),
            }],
            require_stable: true,
        };
        let Response::OffsetFetch(r) = c.call(group_coordinator, stable.clone()) else { panic!() };
        let unstable = &r.groups[0].topics[0].partitions[0];
        assert_eq!(unstable.error, Some(ErrorCode::UnstableOffsetCommit));
        assert_eq!(end(&mut c, &txn, committed), None);
        let Response::OffsetFetch(r) = c.call(group_coordinator, stable) else { panic!() };
        assert_eq!(r.groups[0].topics[0].partitions[0].error, None, "stable once it ended");
        let after = fetched(&mut c);
        if committed {
            assert_eq!(after, [7], "the commit made the offset the group's");
        } else {
            assert_eq!(after, before, "the abort dropped it");
        }
    }
}

#[test]
fn markers_wait_for_a_leader_and_the_transaction_stays_preparing_until_then() {
    let mut c = Cluster::new(1, {
        let mut config = fast_config();
        config.transaction_state_log_num_partitions = 1;
        config
    });
    // Broker 2 holds the only replica of `t`.
    c.engine.add_broker(Timestamp(c.now), BrokerId(2), None).unwrap();
    c.pump();
    let mut topic = NewTopic::new("t", -1, -1);
    topic.assignments =
        vec![ReplicaAssignment { partition: PartitionIndex(0), broker_ids: vec![BrokerId(2)] }];
    assert_eq!(c.create_topic(topic).error, None);
    let mut txn = begin(&mut c);
    add_partitions(&mut c, &txn, &[0]);
    send(&mut c, &mut txn, 0, "x");
    c.engine
        .stop_broker(Timestamp(c.now), BrokerId(2), kplay_core::engine::Shutdown::Crash)
        .unwrap();
    c.pump();
    assert_eq!(end(&mut c, &txn, true), None, "EndTxn is answered once the decision is made");
    assert_eq!(state(&c), TxnState::PrepareCommit);
    assert_eq!(end(&mut c, &txn, true), Some(ErrorCode::ConcurrentTransactions));
    assert_eq!(add_partitions(&mut c, &txn, &[0]), [Some(ErrorCode::ConcurrentTransactions)]);
    c.engine.start_broker(Timestamp(c.now), BrokerId(2)).unwrap();
    c.pump();
    c.advance(20_000);
    assert_eq!(state(&c), TxnState::CompleteCommit, "the marker was written once it could be");
}

#[test]
fn admin_calls_describe_list_and_show_producers() {
    let mut c = cluster();
    let mut txn = begin(&mut c);
    add_partitions(&mut c, &txn, &[1]);
    send(&mut c, &mut txn, 1, "open");
    c.advance(50);

    let describe = |c: &mut Cluster, broker: i32, id: &str| {
        let request = DescribeTransactionsRequest { transactional_ids: vec![id.into()] };
        let Response::DescribeTransactions(mut r) = c.call(broker, request) else { panic!() };
        r.transactions.remove(0)
    };
    let d = describe(&mut c, txn.coordinator, TXN);
    assert_eq!((d.error, d.state, d.timeout_ms), (None, "Ongoing", 60_000));
    assert_eq!((d.producer_id, d.producer_epoch), txn.producer);
    assert_eq!(d.partitions, [tp("t", 1)]);
    assert!(d.start_time.0 >= 0);
    let other = [1, 2, 3].into_iter().find(|b| *b != txn.coordinator).unwrap();
    assert_eq!(describe(&mut c, other, TXN).error, Some(ErrorCode::NotCoordinator));
    let nobody = find_coordinator(&mut c, "nobody").node_id.0;
    assert_eq!(describe(&mut c, nobody, "nobody").error, Some(ErrorCode::TransactionalIdNotFound));

    let list = |c: &mut Cluster, broker: i32, states: &[&str], duration_filter_ms: i64| {
        let request = ListTransactionsRequest {
            state_filters: states.iter().map(|s| s.to_string()).collect(),
            producer_id_filters: Vec::new(),
            duration_filter_ms,
        };
        let Response::ListTransactions(r) = c.call(broker, request) else { panic!() };
        r
    };
    let all = list(&mut c, txn.coordinator, &[], -1);
    assert_eq!(all.transactions.len(), 1);
    assert_eq!(all.transactions[0].state, "Ongoing");
    assert!(list(&mut c, other, &[], -1).transactions.is_empty(), "each coordinator lists its own");
    assert!(list(&mut c, txn.coordinator, &["CompleteCommit"], -1).transactions.is_empty());
    assert_eq!(
        list(&mut c, txn.coordinator, &["Ongoing", "Sideways"], -1).unknown_state_filters,
        ["Sideways"]
    );
    assert_eq!(list(&mut c, txn.coordinator, &[], 10).transactions.len(), 1, "open for 50 ms");
    assert!(list(&mut c, txn.coordinator, &[], 60_000).transactions.is_empty());

    let leader = c.leader("t", 1).unwrap().0;
    let request = DescribeProducersRequest {
        topics: vec![DescribeProducersTopic {
            name: "t".into(),
            partitions: vec![PartitionIndex(1)],
        }],
    };
    let Response::DescribeProducers(r) = c.call(leader, request.clone()) else { panic!() };
    let producers = &r.topics[0].partitions[0].producers;
    assert_eq!(producers.len(), 1);
    assert_eq!((producers[0].producer_id, producers[0].last_sequence), (txn.producer.0, 0));
    assert_eq!(producers[0].current_txn_start_offset, Offset(0), "its transaction began at 0");
    let follower = [1, 2, 3].into_iter().find(|b| *b != leader).unwrap();
    let Response::DescribeProducers(r) = c.call(follower, request) else { panic!() };
    assert_eq!(r.topics[0].partitions[0].error, Some(ErrorCode::NotLeaderOrFollower));
}

#[test]
fn a_marker_counts_once_replicated_and_is_written_again_if_its_leader_fails_first() {
    let mut c = cluster();
    let mut txn = begin(&mut c);
    add_partitions(&mut c, &txn, &[0]);
    assert_eq!(send(&mut c, &mut txn, 0, "kept").error, None);
    let leader = c.leader("t", 0).unwrap();
    // The followers stop hearing from the leader: the marker stays on the leader alone.
    for other in [1, 2, 3].map(BrokerId).into_iter().filter(|b| *b != leader) {
        c.cut.push((leader, other));
        c.cut.push((other, leader));
    }
    assert_eq!(end(&mut c, &txn, true), None);
    assert_eq!(state(&c), TxnState::PrepareCommit, "the marker is not replicated yet");
    let open = fetch(&mut c, 0, IsolationLevel::ReadCommitted);
    assert_eq!(open.last_stable_offset, Offset(0), "still unstable on the leader");
    // The leader dies before its followers copy the marker; one of them takes over.
    c.engine.stop_broker(Timestamp(c.now), leader, kplay_core::engine::Shutdown::Crash).unwrap();
    c.cut.clear();
    c.pump();
    c.advance(15_000);
    let new_leader = c.leader("t", 0).expect("a new leader");
    assert_ne!(new_leader, leader);
    assert_eq!(state(&c), TxnState::CompleteCommit, "the marker was written again");
    let part = fetch(&mut c, 0, IsolationLevel::ReadCommitted);
    assert_eq!(committed_values(&part), ["kept"]);
    assert!(part.batches.iter().any(|b| b.txn_marker() == Some(TxnMarker::Commit)));
    assert_eq!(part.last_stable_offset, part.high_watermark);
}

#[test]
fn an_offset_committed_after_the_transaction_sent_its_own_is_kept() {
    let mut c = cluster();
    let txn = begin(&mut c);
    assert_eq!(add_offsets(&mut c, &txn, "readers"), None);
    let group_coordinator = group_coordinator(&mut c, "readers");
    let in_txn = txn_commit(&txn, "readers", 7);
    let Response::TxnOffsetCommit(_) = c.call(group_coordinator, in_txn) else { panic!() };
    let plain = OffsetCommitRequest {
        group_id: "readers".into(),
        generation_id: GenerationId(-1),
        member_id: MemberId::unknown(),
        group_instance_id: None,
        topics: commit_of(9),
    };
    let Response::OffsetCommit(_) = c.call(group_coordinator, plain) else { panic!() };
    assert_eq!(end(&mut c, &txn, true), None);
    let fetch = OffsetFetchRequest {
        groups: vec![OffsetFetchGroup { group_id: "readers".into(), topics: None }],
        require_stable: true,
    };
    let Response::OffsetFetch(r) = c.call(group_coordinator, fetch) else { panic!() };
    assert_eq!(r.groups[0].topics[0].partitions[0].committed_offset, Offset(9), "the newer commit");
}

#[test]
fn a_retried_epoch_bump_gets_the_same_answer_and_an_older_epoch_is_fenced() {
    let mut c = cluster();
    let txn = begin(&mut c);
    let bump = |c: &mut Cluster, (producer_id, producer_epoch): (ProducerId, ProducerEpoch)| {
        let request = InitProducerIdRequest {
            transactional_id: Some(TXN.into()),
            transaction_timeout_ms: 60_000,
            producer_id,
            producer_epoch,
        };
        let Response::InitProducerId(r) = c.call(txn.coordinator, request) else { panic!() };
        (r.error, r.producer_id, r.producer_epoch)
    };
    let (pid, epoch) = txn.producer;
    let bumped = ProducerEpoch(epoch.0 + 1);
    assert_eq!(bump(&mut c, (pid, epoch)), (None, pid, bumped), "KIP-360: bumped");
    assert_eq!(bump(&mut c, (pid, epoch)), (None, pid, bumped), "a retry is answered again");
    let stale = ProducerEpoch(epoch.0 - 1);
    assert_eq!(bump(&mut c, (pid, stale)).0, Some(ErrorCode::ProducerFenced));
    assert_eq!(bump(&mut c, (ProducerId(99), bumped)).0, Some(ErrorCode::ProducerFenced));
}

#[test]
fn a_transactional_commit_naming_a_member_the_group_lacks_is_unknown_member() {
    let mut c = cluster();
    let txn = begin(&mut c);
    let coordinator = group_coordinator(&mut c, "new");
    let commit = TxnOffsetCommitRequest {
        generation_id: GenerationId(3),
        member_id: MemberId::from("consumer-1-abc"),
        ..txn_commit(&txn, "new", 1)
    };
    let Response::TxnOffsetCommit(r) = c.call(coordinator, commit) else { panic!() };
    assert_eq!(r.topics[0].partitions[0].error, Some(ErrorCode::UnknownMemberId));
    assert!(c.engine.groups().groups().all(|g| g.group_id().as_str() != "new"), "not kept");
}
