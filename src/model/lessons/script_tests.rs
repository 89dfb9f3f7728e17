use kplay_sim::action::{
    AcksSpec, Action, CommitMode, KeyDistribution, Membership, OffsetReset, SeekTo,
};
use kplay_sim::partitioner::PartitionerKind;

use super::*;

#[test]
fn a_scenario_becomes_the_actions_it_names() {
    let lines = parse(
        "# three brokers\nbrokers 3\ntopic orders partitions=3 rf=3 retention.ms=1000 # short\n\
         at 5000 stop-leader orders 0 crash\n",
    )
    .unwrap();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0].actions.len(), 3);
    assert_eq!(lines[0].actions[2], Action::AddBroker { id: 3, rack: None });
    assert_eq!(
        lines[1].actions,
        [Action::CreateTopic {
            name: "orders".into(),
            partitions: 3,
            replication_factor: 3,
            configs: vec![("retention.ms".into(), "1000".into())],
        }]
    );
    assert_eq!(lines[2].at_ms, Some(5000));
    assert_eq!(
        lines[2].actions,
        [Action::StopLeader { topic: "orders".into(), partition: 0, crash: true }]
    );
}

#[test]
fn producers_take_kafka_config_names() {
    let [Action::AddProducer { id, spec }] = &actions(
        "producer 4 orders rate=10 keys=hot:10:2:80 acks=1 enable.idempotence=false linger.ms=20 \
         partitioner=consistent_random",
    )
    .unwrap()[..] else {
        panic!("one producer")
    };
    assert_eq!(*id, 4);
    assert_eq!(spec.client_id, "producer-4");
    assert_eq!(spec.rate_per_sec, 10);
    assert_eq!(spec.keys, KeyDistribution::HotKeys { keys: 10, hot_keys: 2, hot_percent: 80 });
    assert_eq!(spec.acks, AcksSpec::Leader);
    assert!(!spec.idempotence);
    assert_eq!(spec.linger_ms, 20);
    assert_eq!(spec.partitioner, PartitionerKind::LibrdkafkaConsistentRandom);
}

#[test]
fn consumers_join_their_group_with_their_settings() {
    let [Action::AddConsumer { id, spec }] = &actions(
        "consumer 2 billing orders,payments reset=earliest commit=manual \
         assignor=cooperative-sticky session.timeout.ms=10000",
    )
    .unwrap()[..] else {
        panic!("one consumer")
    };
    assert_eq!(*id, 2);
    assert_eq!(spec.auto_offset_reset, OffsetReset::Earliest);
    assert_eq!(spec.commit, CommitMode::Manual);
    assert_eq!(spec.session_timeout_ms, 10_000);
    let Membership::Group { group_id, topics, assignors, .. } = &spec.membership else {
        panic!("in a group")
    };
    assert_eq!(group_id, "billing");
    assert_eq!(topics, &["orders", "payments"]);
    assert_eq!(assignors, &["cooperative-sticky"]);
}

#[test]
fn records_tombstones_seeks_and_resets() {
    let all = actions(
        "produce 1 orders key=alice value=\"hi there\" partition=2\nproduce 1 orders key=bob value=null\n\
         seek 2 orders 0 17\nreset-offsets billing orders earliest",
    )
    .unwrap();
    let Action::Produce { key, value, partition, .. } = &all[0] else { panic!("a record") };
    assert_eq!(
        (key.as_deref(), value.as_deref(), *partition),
        (Some("alice"), Some("hi there"), Some(2))
    );
    let Action::Produce { value, .. } = &all[1] else { panic!("a record") };
    assert_eq!(*value, None);
    assert_eq!(
        all[2],
        Action::Seek { id: 2, topic: "orders".into(), partition: 0, to: SeekTo::Offset(17) }
    );
    assert_eq!(
        all[3],
        Action::ResetOffsets {
            group: "billing".into(),
            topic: "orders".into(),
            to: SeekTo::Earliest
        }
    );
}

#[test]
fn single_links_are_cut_and_restored() {
    use kplay_sim::network::Node;
    assert_eq!(
        actions("cut broker-1 client-2\nrestore client-2 broker-1").unwrap(),
        [
            Action::CutLink { a: Node::Broker(1), b: Node::Client(2) },
            Action::RestoreLink { a: Node::Client(2), b: Node::Broker(1) },
        ]
    );
    assert!(actions("cut broker-1").unwrap_err().contains("node"));
}

#[test]
fn mistakes_are_named_with_their_line() {
    let err = |s: &str| parse(s).unwrap_err();
    assert_eq!(err("brokers 3\nbrokres 3"), "line 2: “brokres 3”: “brokres” is not an action");
    assert!(
        err("topic orders partitions=three").ends_with("partitions=three is not a valid value")
    );
    assert!(err("producer 1 orders acks=2").ends_with("acks=2: use 0, 1 or all"));
    assert!(err("producer 1 orders colour=red").ends_with("unknown option colour"));
    assert!(err("stop-broker").ends_with("broker id is missing"));
    assert!(err("isolate broker-x").ends_with("“broker-x” is not a node (broker-N or client-N)"));
    assert!(
        err("consumer 2 g t commit=sometimes").contains("use auto, auto:MS, sync, async or manual")
    );
}
