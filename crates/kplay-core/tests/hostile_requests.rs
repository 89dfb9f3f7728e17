//! Whatever a client sends, the engine answers with an error code and keeps going: random,
//! mostly illegal requests never panic and never wedge the cluster.

mod common;

use bytes::Bytes;
use common::*;
use kplay_core::api::*;
use kplay_core::engine::Shutdown;
use kplay_core::*;
use proptest::prelude::*;

const TOPICS: &[&str] = &["t", "u", "", "bad name", "__consumer_offsets", "a.b", "a_b"];
const CONFIGS: &[&str] =
    &["retention.ms", "cleanup.policy", "min.insync.replicas", "segment.bytes", "nope"];
const VALUES: &[&str] = &["-1", "0", "1", "compact", "delete,compact", "x", "99999999999999999999"];

fn topic() -> impl Strategy<Value = TopicName> {
    prop::sample::select(TOPICS).prop_map(TopicName::from)
}

fn request() -> impl Strategy<Value = Request> {
    let produce = (topic(), -2i32..4, 0u8..3, 0usize..3, -1i64..3, -2i32..6).prop_map(
        |(t, p, acks, n, pid, seq)| {
            let records = (0..n).map(|i| record("k", &i.to_string())).collect();
            let batch =
                RecordBatch::new(records).with_producer(ProducerId(pid), ProducerEpoch(0), seq);
            let acks = [Acks::None, Acks::Leader, Acks::All][acks as usize];
            Request::Produce(ProduceRequest {
                acks,
                timeout_ms: 1000,
                topics: vec![ProduceTopic {
                    name: t,
                    partitions: vec![ProducePartition { partition: PartitionIndex(p), batch }],
                }],
            })
        },
    );
    let fetch = (topic(), -2i32..4, -3i64..10, -5i32..100, -1i32..3).prop_map(
        |(t, p, offset, max, epoch)| {
            let mut r = Cluster::fetch_request(t.as_str(), p, offset, 100);
            r.max_bytes = max;
            r.min_bytes = max;
            r.topics[0].partitions[0].partition_max_bytes = max;
            r.topics[0].partitions[0].current_leader_epoch = LeaderEpoch(epoch);
            Request::Fetch(r)
        },
    );
    let list_offsets = (topic(), -2i32..4, -5i64..500).prop_map(|(t, p, ts)| {
        Request::ListOffsets(ListOffsetsRequest {
            isolation_level: IsolationLevel::ReadCommitted,
            topics: vec![ListOffsetsTopic {
                name: t,
                partitions: vec![ListOffsetsPartition {
                    partition: PartitionIndex(p),
                    spec: OffsetSpec::from_wire(ts),
                    current_leader_epoch: LeaderEpoch(-1),
                }],
            }],
        })
    });
    let metadata = (prop::option::of(prop::collection::vec(topic(), 0..3)), any::<bool>())
        .prop_map(|(topics, allow)| {
            Request::Metadata(MetadataRequest { topics, allow_auto_topic_creation: allow })
        });
    let create = (
        topic(),
        -3i32..6,
        -2i16..5,
        prop::sample::select(CONFIGS),
        prop::sample::select(VALUES),
        any::<bool>(),
    )
        .prop_map(|(t, p, rf, k, v, validate_only)| {
            Request::CreateTopics(CreateTopicsRequest {
                topics: vec![NewTopic::new(t, p, rf).config(k, v)],
                validate_only,
            })
        });
    let delete = topic().prop_map(|t| {
        Request::DeleteTopics(DeleteTopicsRequest { topics: vec![TopicRef::Name(t)] })
    });
    let grow = (topic(), -1i32..8).prop_map(|(t, count)| {
        Request::CreatePartitions(CreatePartitionsRequest {
            topics: vec![CreatePartitionsTopic { name: t, count, assignments: None }],
            validate_only: false,
        })
    });
    let alter =
        (topic(), prop::sample::select(CONFIGS), prop::sample::select(VALUES), any::<bool>())
            .prop_map(|(t, k, v, del)| {
                let op = if del { AlterConfigOp::Delete } else { AlterConfigOp::Set(v.to_owned()) };
                Request::IncrementalAlterConfigs(IncrementalAlterConfigsRequest {
                    resources: vec![AlterConfigsResource {
                        resource: ConfigResource::Topic(t),
                        configs: vec![AlterableConfig { name: k.to_owned(), op }],
                    }],
                    validate_only: false,
                })
            });
    let find = prop::sample::select(&["g", "", "h"][..]).prop_map(|g| {
        Request::FindCoordinator(FindCoordinatorRequest {
            key_type: CoordinatorType::Group,
            keys: vec![g.to_owned()],
        })
    });
    let join = (
        prop::sample::select(&["g", ""][..]),
        prop::sample::select(&["", "x", "g-1"][..]),
        -1i32..70_000,
        any::<bool>(),
    )
        .prop_map(|(g, m, timeout, required)| {
            Request::JoinGroup(JoinGroupRequest {
                group_id: g.into(),
                session_timeout_ms: timeout,
                rebalance_timeout_ms: timeout,
                member_id: m.into(),
                group_instance_id: None,
                protocol_type: "consumer".into(),
                protocols: vec![JoinGroupProtocol { name: "range".into(), metadata: Bytes::new() }],
                require_known_member_id: required,
                client_id: "c".into(),
                client_host: "h".into(),
                reason: None,
            })
        });
    let commit = (-2i32..3, topic(), -2i32..3, -5i64..5).prop_map(|(generation, t, p, offset)| {
        Request::OffsetCommit(OffsetCommitRequest {
            group_id: "g".into(),
            generation_id: GenerationId(generation),
            member_id: MemberId::unknown(),
            group_instance_id: None,
            topics: vec![OffsetCommitTopic {
                name: t,
                partitions: vec![OffsetCommitPartition {
                    partition: PartitionIndex(p),
                    committed_offset: Offset(offset),
                    committed_leader_epoch: LeaderEpoch(-1),
                    metadata: None,
                }],
            }],
        })
    });
    let describe = topic().prop_map(|t| {
        Request::DescribeConfigs(DescribeConfigsRequest {
            resources: vec![
                DescribeConfigsResource { resource: ConfigResource::Topic(t), names: None },
                DescribeConfigsResource {
                    resource: ConfigResource::Broker(BrokerId(7)),
                    names: None,
                },
            ],
            include_synonyms: true,
        })
    });
    prop_oneof![
        produce,
        fetch,
        list_offsets,
        metadata,
        create,
        delete,
        grow,
        alter,
        find,
        join,
        commit,
        describe
    ]
}

#[derive(Clone, Debug)]
enum Step {
    Send { broker: i32, request: Request },
    Stop { broker: i32, crash: bool },
    Start { broker: i32 },
    Advance { ms: i64 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        10 => (1i32..=3, request()).prop_map(|(broker, request)| Step::Send { broker, request }),
        1 => (1i32..=3, any::<bool>()).prop_map(|(broker, crash)| Step::Stop { broker, crash }),
        1 => (1i32..=3).prop_map(|broker| Step::Start { broker }),
        2 => (0i64..15_000).prop_map(|ms| Step::Advance { ms }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_requests_never_break_the_engine(steps in prop::collection::vec(step(), 1..40)) {
        let mut c = Cluster::new(3, fast_config());
        c.create_topic(NewTopic::new("t", 2, 2));
        for step in steps {
            match step {
                Step::Send { broker, request } => { c.send(broker, request); }
                Step::Stop { broker, crash } => {
                    let how = if crash { Shutdown::Crash } else { Shutdown::Clean };
                    let _ = c.engine.stop_broker(Timestamp(c.now), BrokerId(broker), how);
                }
                Step::Start { broker } => { let _ = c.engine.start_broker(Timestamp(c.now), BrokerId(broker)); }
                Step::Advance { ms } => c.advance(ms),
            }
        }
        // Whatever happened, once every broker is up the cluster serves again.
        for b in 1..=3 {
            let _ = c.engine.start_broker(Timestamp(c.now), BrokerId(b));
        }
        c.advance(60_000);
        if c.engine.image().topics.contains_key("t") {
            let partitions = c.engine.image().topics["t"].partitions.len() as i32;
            for p in 0..partitions {
                let r = c.produce("t", p, batch(&[("k", "v")]), Acks::All);
                prop_assert_eq!(r.error.as_ref().map(|e| e.code), None);
            }
        }
    }
}
