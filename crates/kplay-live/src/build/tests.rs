//! The image of a real engine: a topic created, records produced, a group joined and synced,
//! an offset committed — each shows in the image, and the image survives the wire.

use bytes::Bytes;
use kplay_core::api::*;
use kplay_core::engine::{Engine, Handled, Output};
use kplay_core::*;

use super::image;
use crate::event::{EventKind, event};
use crate::types::*;

struct Cluster {
    engine: Engine,
    next: u64,
    now: i64,
}

impl Cluster {
    fn new() -> Cluster {
        let mut config = EngineConfig::default();
        config.group.initial_rebalance_delay_ms = 0;
        let mut engine = Engine::new(config);
        engine.add_broker(Timestamp(1_000), BrokerId(1), None).unwrap();
        engine.deliver_all(Timestamp(1_000));
        Cluster { engine, next: 0, now: 1_000 }
    }

    /// Sends `request` to broker 1 and returns its answer, parked or not.
    fn call(&mut self, request: Request) -> Response {
        self.next += 1;
        self.now += 10;
        let (now, id) = (Timestamp(self.now), RequestId(self.next));
        let handled = self.engine.handle(now, BrokerId(1), ClientId(7), id, request);
        if let Handled::Response(response) = handled {
            self.engine.deliver_all(now);
            return response;
        }
        self.engine.tick(now);
        self.engine
            .deliver_all(now)
            .into_iter()
            .find_map(|o| match o {
                Output::Response { request, response, .. } if request == id => Some(response),
                _ => None,
            })
            .expect("a parked request is answered once the cluster settles")
    }
}

fn consumer_assignment(topic: &str, partitions: &[i32]) -> Bytes {
    let mut b = vec![0, 0, 0, 0, 0, 1];
    b.extend_from_slice(&(topic.len() as i16).to_be_bytes());
    b.extend_from_slice(topic.as_bytes());
    b.extend_from_slice(&(partitions.len() as i32).to_be_bytes());
    for p in partitions {
        b.extend_from_slice(&p.to_be_bytes());
    }
    b.extend_from_slice(&(-1i32).to_be_bytes());
    Bytes::from(b)
}

fn join(group: &str) -> JoinGroupRequest {
    JoinGroupRequest {
        group_id: group.into(),
        session_timeout_ms: 45_000,
        rebalance_timeout_ms: 60_000,
        member_id: MemberId::unknown(),
        group_instance_id: None,
        protocol_type: "consumer".into(),
        protocols: vec![JoinGroupProtocol { name: "range".into(), metadata: Bytes::new() }],
        require_known_member_id: false,
        client_id: "billing".into(),
        client_host: "/127.0.0.1".into(),
        reason: None,
    }
}

fn scenario() -> (Cluster, Vec<LiveEvent>) {
    let mut c = Cluster::new();
    let create =
        CreateTopicsRequest { topics: vec![NewTopic::new("orders", 2, 1)], validate_only: false };
    c.call(Request::CreateTopics(create));
    let mut first =
        Record::new(Some(Bytes::from("k1")), Some(Bytes::from("first")), Timestamp(1_005));
    first.headers = vec![
        Header { key: "trace".into(), value: Some(Bytes::from("abc")) },
        Header { key: "empty".into(), value: None },
    ];
    let records =
        vec![first, Record::new(None, Some(Bytes::from_static(&[0xff, 0x00])), Timestamp(1_006))];
    let produce = ProduceRequest {
        acks: Acks::All,
        timeout_ms: 5_000,
        topics: vec![ProduceTopic {
            name: "orders".into(),
            partitions: vec![ProducePartition {
                partition: PartitionIndex(1),
                batch: RecordBatch::new(records),
            }],
        }],
    };
    let Response::Produce(produced) = c.call(Request::Produce(produce)) else { panic!() };
    assert_eq!(produced.topics[0].partitions[0].error, None);
    let find = FindCoordinatorRequest { key_type: CoordinatorType::Group, keys: vec!["g".into()] };
    c.call(Request::FindCoordinator(find));
    let Response::JoinGroup(joined) = c.call(Request::JoinGroup(join("g"))) else { panic!() };
    assert_eq!(joined.error, None);
    let sync = SyncGroupRequest {
        group_id: "g".into(),
        generation_id: joined.generation_id,
        member_id: joined.member_id.clone(),
        group_instance_id: None,
        protocol_type: None,
        protocol_name: None,
        assignments: vec![SyncGroupAssignment {
            member_id: joined.member_id.clone(),
            assignment: consumer_assignment("orders", &[0, 1]),
        }],
    };
    c.call(Request::SyncGroup(sync));
    let commit = OffsetCommitRequest {
        group_id: "g".into(),
        generation_id: joined.generation_id,
        member_id: joined.member_id,
        group_instance_id: None,
        topics: vec![OffsetCommitTopic {
            name: "orders".into(),
            partitions: vec![OffsetCommitPartition {
                partition: PartitionIndex(1),
                committed_offset: Offset(1),
                committed_leader_epoch: LeaderEpoch(-1),
                metadata: None,
            }],
        }],
    };
    c.call(Request::OffsetCommit(commit));
    let events = c.engine.take_events().iter().map(event).collect();
    (c, events)
}

#[test]
fn the_image_shows_brokers_topics_records_and_groups() {
    let (c, events) = scenario();
    let live = image(&c.engine, events);
    assert_eq!(live.time_ms, c.now);
    assert_eq!(
        live.brokers,
        vec![LiveBroker { id: 1, running: true, fenced: false, controller: true }]
    );
    let orders = live.topics.iter().find(|t| t.name == "orders").expect("the topic");
    assert!(!orders.internal);
    assert_eq!(orders.partitions.len(), 2);
    let p = &orders.partitions[1];
    assert_eq!((p.leader, p.replicas.clone(), p.isr.clone()), (Some(1), vec![1], vec![1]));
    assert_eq!((p.log_start_offset, p.high_watermark, p.log_end_offset), (0, 2, 2));
    assert_eq!(p.replica_logs[0].log_end_offset, 2);
    assert_eq!((p.record_count, p.segment_count), (2, 1));
    assert!(p.size_bytes > 0);
    assert_eq!(p.segments.len(), 1);
    assert_eq!((p.segments[0].base_offset, p.segments[0].next_offset), (0, 2));
    let shown: Vec<_> =
        p.records.iter().map(|r| (r.offset, r.key.as_deref(), r.value.as_deref())).collect();
    assert_eq!(shown, vec![(0, Some("k1"), Some("first")), (1, None, Some("ff00"))]);
    assert_eq!(p.records[0].timestamp_ms, 1_005);
    assert!(!p.records[0].log_append_time);
    assert_eq!(p.records[0].leader_epoch, p.leader_epoch, "written in the leader's epoch");
    let headers = vec![("trace".to_owned(), Some("abc".to_owned())), ("empty".to_owned(), None)];
    assert_eq!(p.records[0].headers, headers);
    assert!(p.records[1].headers.is_empty());
    assert!(orders.partitions[0].records.is_empty());
    assert!(live.topics.iter().any(|t| t.internal && t.name == "__consumer_offsets"));

    let g = &live.groups[0];
    assert_eq!((g.group_id.as_str(), g.state.as_str(), g.generation_id), ("g", "Stable", 1));
    assert_eq!(g.protocol_type.as_deref(), Some("consumer"));
    assert_eq!(g.protocol_name.as_deref(), Some("range"));
    assert_eq!(g.coordinator, Some(1));
    let m = &g.members[0];
    assert_eq!(g.leader.as_deref(), Some(m.member_id.as_str()));
    assert_eq!((m.client_id.as_str(), m.client_host.as_str()), ("billing", "/127.0.0.1"));
    let assigned: Vec<_> = m.assigned.iter().map(|tp| (tp.topic.as_str(), tp.partition)).collect();
    assert_eq!(assigned, vec![("orders", 0), ("orders", 1)]);
    assert_eq!(
        (g.offsets[0].topic.as_str(), g.offsets[0].partition, g.offsets[0].offset),
        ("orders", 1, 1)
    );

    let texts: Vec<&str> = live.events.iter().map(|e| e.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("orders")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("generation")), "{texts:?}");
    let commit = live
        .events
        .iter()
        .find(|e| e.kind == EventKind::Groups && !e.touched.partitions.is_empty());
    let commit = commit.expect("the commit, touching its group and partition");
    assert_eq!(commit.touched.groups, vec!["g".to_owned()]);
    assert!(
        live.events.iter().any(|e| e.kind == EventKind::Records && e.touched.brokers == vec![1])
    );
}

#[test]
fn transaction_markers_are_not_shown_as_records() {
    let mut log = kplay_core::log::Log::in_memory(Timestamp(0));
    let config = TopicConfig::default();
    let (pid, epoch) = (ProducerId(3), ProducerEpoch(0));
    let value = Some(Bytes::from_static(b"paid"));
    let data = RecordBatch::new(vec![Record::new(None, value, Timestamp(0))])
        .with_producer(pid, epoch, 0)
        .in_transaction();
    log.append_as_leader(data, LeaderEpoch(0), Timestamp(0), &config).unwrap();
    let marker = RecordBatch::marker(pid, epoch, TxnMarker::Commit, 0, Timestamp(1));
    log.append_marker_as_leader(marker, LeaderEpoch(0), Timestamp(1), &config);
    let shown = super::newest(&log);
    assert_eq!(shown.iter().map(|r| r.offset).collect::<Vec<_>>(), [0], "offset 1 is the marker");
    assert_eq!(shown[0].value.as_deref(), Some("paid"));
    let written = kplay_core::txn::TxnEvent::MarkerWritten {
        partition: TopicPartition::new("orders", 2),
        broker: BrokerId(3),
        producer_id: pid,
        marker: TxnMarker::Commit,
        offset: Offset(1),
    };
    let live = event(&EventRecord {
        time: Timestamp(1),
        event: kplay_core::event::Event::Transaction(written),
    });
    assert_eq!(live.kind, EventKind::Records);
    assert_eq!((live.touched.brokers, live.touched.partitions.len()), (vec![3], 1));
    assert!(live.text.contains("COMMIT marker"), "{}", live.text);
}

#[test]
fn long_values_are_cut_and_only_the_newest_records_kept() {
    let mut c = Cluster::new();
    let create =
        CreateTopicsRequest { topics: vec![NewTopic::new("big", 1, 1)], validate_only: false };
    c.call(Request::CreateTopics(create));
    let value = Bytes::from("v".repeat(500));
    let records = (0..60).map(|_| Record::new(None, Some(value.clone()), Timestamp(0))).collect();
    let produce = ProduceRequest {
        acks: Acks::Leader,
        timeout_ms: 5_000,
        topics: vec![ProduceTopic {
            name: "big".into(),
            partitions: vec![ProducePartition {
                partition: PartitionIndex(0),
                batch: RecordBatch::new(records),
            }],
        }],
    };
    c.call(Request::Produce(produce));
    let live = image(&c.engine, Vec::new());
    let p = &live.topics.iter().find(|t| t.name == "big").unwrap().partitions[0];
    assert_eq!(p.records.len() as i64, super::RECORDS_SHOWN);
    assert_eq!(p.records.first().map(|r| r.offset), Some(60 - super::RECORDS_SHOWN));
    let shown = p.records[0].value.as_deref().unwrap();
    assert_eq!(shown.chars().count(), super::VALUE_PREVIEW);
    assert!(shown.ends_with('…'));
}

#[test]
fn an_image_reads_back_from_postcard_unchanged() {
    let (c, events) = scenario();
    let live = image(&c.engine, events);
    let bytes = postcard::to_allocvec(&live).unwrap();
    let back: LiveImage = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(back, live);
}
