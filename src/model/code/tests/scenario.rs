//! Scenarios the tests write out: one that takes every kind of action, and small helpers to
//! build specs.

use kplay_sim::action::{
    Action, CommitMode, ConsumerSpec, KeyDistribution, Membership, OffsetReset, ProducerSpec,
    SeekTo,
};
use kplay_sim::network::{LinkSpec, Node};
use kplay_sim::partitioner::PartitionerKind;

/// A producer with Java's defaults sending `rate` records a second with `keys`.
pub(super) fn producer(
    client_id: &str,
    kind: PartitionerKind,
    rate: u32,
    keys: KeyDistribution,
) -> ProducerSpec {
    let mut spec = ProducerSpec::new(client_id, "orders");
    spec.partitioner = kind;
    spec.rate_per_sec = rate;
    spec.keys = keys;
    spec
}

/// A consumer of `orders` in group `billing` with Java's defaults.
pub(super) fn consumer(client_id: &str) -> ConsumerSpec {
    ConsumerSpec::group(client_id, "billing", &["orders"])
}

/// One record from producer 1.
pub(super) fn record(key: Option<&str>, value: Option<&str>) -> Action {
    Action::Produce {
        producer: 1,
        topic: "orders".into(),
        key: key.map(Into::into),
        value: value.map(Into::into),
        headers: vec![],
        partition: None,
    }
}

/// A lesson's worth of actions, every variant at least once.
pub(super) fn every_action() -> Vec<Action> {
    let mut sync = consumer("billing-2");
    sync.commit = CommitMode::SyncAfterProcessing;
    sync.processing_ms_per_record = 5;
    sync.auto_offset_reset = OffsetReset::Earliest;
    let mut standalone = consumer("audit");
    standalone.membership = Membership::Standalone {
        group_id: None,
        partitions: vec![("orders".into(), 0), ("orders".into(), 1)],
    };
    let mut manual = consumer("it's-manual");
    manual.commit = CommitMode::Manual;
    manual.membership = Membership::Group {
        group_id: "billing".into(),
        topics: vec!["orders".into(), "payments.v1".into()],
        assignors: vec!["cooperative-sticky".into()],
        group_instance_id: Some("host-a".into()),
    };
    vec![
        Action::CreateTopic {
            name: "orders".into(),
            partitions: 3,
            replication_factor: 3,
            configs: vec![("min.insync.replicas".into(), "2".into())],
        },
        Action::CreateTopic {
            name: "payments.v1".into(),
            partitions: 1,
            replication_factor: 1,
            configs: vec![],
        },
        Action::AddPartitions { topic: "orders".into(), count: 6 },
        Action::SetTopicConfig {
            topic: "orders".into(),
            name: "retention.ms".into(),
            value: Some("60000".into()),
        },
        Action::SetTopicConfig { topic: "orders".into(), name: "retention.ms".into(), value: None },
        Action::AddProducer {
            id: 1,
            spec: producer("orders-app", PartitionerKind::JavaDefault, 0, KeyDistribution::None),
        },
        record(Some("user-42"), Some("hello")),
        record(None, Some("it's \"quoted\"")),
        record(Some("user-42"), None),
        Action::Produce {
            producer: 1,
            topic: "orders".into(),
            key: Some("k".into()),
            value: Some("v".into()),
            headers: vec![("trace-id".into(), "abc".into())],
            partition: Some(2),
        },
        Action::AddProducer {
            id: 2,
            spec: producer(
                "clicks",
                PartitionerKind::LibrdkafkaConsistentRandom,
                10,
                KeyDistribution::Uniform { keys: 8 },
            ),
        },
        Action::AddProducer {
            id: 3,
            spec: producer("metrics", PartitionerKind::RoundRobin, 3, KeyDistribution::None),
        },
        Action::AddProducer {
            id: 4,
            spec: producer(
                "hot",
                PartitionerKind::KafkaPython,
                5,
                KeyDistribution::HotKeys { keys: 10, hot_keys: 2, hot_percent: 80 },
            ),
        },
        Action::AddProducer {
            id: 9,
            spec: producer(
                "seq",
                PartitionerKind::JavaLegacySticky,
                2,
                KeyDistribution::Sequence { keys: 4 },
            ),
        },
        Action::AddConsumer { id: 5, spec: consumer("billing-1") },
        Action::AddConsumer { id: 6, spec: sync },
        Action::AddConsumer { id: 7, spec: standalone },
        Action::AddConsumer { id: 8, spec: manual },
        Action::Commit { id: 8 },
        Action::Seek { id: 5, topic: "orders".into(), partition: 1, to: SeekTo::Offset(7) },
        Action::Seek { id: 7, topic: "orders".into(), partition: 0, to: SeekTo::Earliest },
        Action::Seek {
            id: 5,
            topic: "orders".into(),
            partition: 2,
            to: SeekTo::Timestamp(1_700_000_000_000),
        },
        Action::Seek { id: 7, topic: "orders".into(), partition: 1, to: SeekTo::Latest },
        Action::PauseConsumer { id: 6, paused: true },
        Action::StopLeader { topic: "orders".into(), partition: 0, crash: true },
        Action::StopBroker { id: 2, crash: false },
        Action::Isolate { nodes: vec![Node::Broker(1), Node::Client(5)] },
        Action::SlowNode { node: Node::Broker(3), extra_latency_ms: 200 },
        Action::SetLink {
            a: Node::Broker(1),
            b: Node::Broker(3),
            link: LinkSpec { latency_ms: 20, jitter_ms: 5, loss_per_million: 1000 },
        },
        Action::Heal,
        Action::StartBroker { id: 2 },
        Action::AddBroker { id: 4, rack: Some("rack-b".into()) },
        Action::PauseConsumer { id: 6, paused: false },
        Action::RemoveClient { id: 5, crash: true },
        Action::RemoveClient { id: 6, crash: false },
        Action::RemoveClient { id: 2, crash: false },
        Action::ResetOffsets {
            group: "billing".into(),
            topic: "orders".into(),
            to: SeekTo::Earliest,
        },
        Action::ResetOffsets {
            group: "billing".into(),
            topic: "orders".into(),
            to: SeekTo::Timestamp(60_000),
        },
        Action::DeleteTopic { name: "payments.v1".into() },
    ]
}
