//! Topic administration through the engine: create, delete, add partitions, configs, metadata.

mod common;

use common::*;
use kplay_core::api::*;
use kplay_core::event::Event;
use kplay_core::*;

fn create(c: &mut Cluster, topic: NewTopic, validate_only: bool) -> CreatedTopic {
    let Response::CreateTopics(mut r) =
        c.call(1, CreateTopicsRequest { topics: vec![topic], validate_only })
    else {
        panic!()
    };
    r.topics.remove(0)
}

fn error_of(t: &CreatedTopic) -> Option<ErrorCode> {
    t.error.as_ref().map(|e| e.code)
}

#[test]
fn topics_are_spread_over_the_brokers() {
    let mut c = Cluster::new(3, fast_config());
    let t = create(&mut c, NewTopic::new("orders", 6, 2), false);
    assert_eq!((t.error.clone(), t.num_partitions, t.replication_factor), (None, 6, 2));
    let topic = &c.engine.image().topics["orders"];
    let mut leaders = [0; 4];
    for p in &topic.partitions {
        assert_eq!(p.replicas.len(), 2);
        assert_eq!(p.isr, p.replicas);
        leaders[p.leader.unwrap().0 as usize] += 1;
    }
    assert_eq!(&leaders[1..], &[2, 2, 2], "each broker leads two partitions");
}

#[test]
fn invalid_topics_get_kafkas_errors_and_nothing_is_created() {
    let mut c = Cluster::new(3, fast_config());
    let cases = [
        (NewTopic::new("t", 1, 4), ErrorCode::InvalidReplicationFactor),
        (NewTopic::new("t", 0, 1), ErrorCode::InvalidPartitions),
        (NewTopic::new("t", 1, 0), ErrorCode::InvalidReplicationFactor),
        (NewTopic::new("bad name", 1, 1), ErrorCode::InvalidTopicException),
        (NewTopic::new("t", 1, 1).config("retention.ms", "soon"), ErrorCode::InvalidConfig),
        (NewTopic::new("t", 1, 1).config("no.such.config", "1"), ErrorCode::InvalidConfig),
        (NewTopic::new("t", 20_000, 1), ErrorCode::InvalidPartitions),
    ];
    for (topic, code) in cases {
        let name = format!("{topic:?}");
        assert_eq!(error_of(&create(&mut c, topic, false)), Some(code), "{name}");
    }
    assert!(c.engine.image().topics.is_empty());
    let err = create(&mut c, NewTopic::new("t", 1, 4), false).error.unwrap();
    assert!(err.message.contains("only 3 broker(s)"), "{}", err.message);
}

#[test]
fn existing_and_colliding_names_are_refused() {
    let mut c = Cluster::new(1, fast_config());
    assert_eq!(error_of(&create(&mut c, NewTopic::new("a.b", 1, 1), false)), None);
    assert_eq!(
        error_of(&create(&mut c, NewTopic::new("a.b", 1, 1), false)),
        Some(ErrorCode::TopicAlreadyExists)
    );
    assert_eq!(
        error_of(&create(&mut c, NewTopic::new("a_b", 1, 1), false)),
        Some(ErrorCode::InvalidTopicException)
    );
}

#[test]
fn validate_only_creates_nothing() {
    let mut c = Cluster::new(1, fast_config());
    let t = create(&mut c, NewTopic::new("t", 2, 1), true);
    assert_eq!((t.error, t.num_partitions), (None, 2));
    assert!(c.engine.image().topics.is_empty());
}

#[test]
fn manual_assignments_are_checked() {
    let mut c = Cluster::new(3, fast_config());
    let mut topic = NewTopic::new("t", -1, -1);
    topic.assignments = vec![
        ReplicaAssignment {
            partition: PartitionIndex(0),
            broker_ids: vec![BrokerId(3), BrokerId(1)],
        },
        ReplicaAssignment {
            partition: PartitionIndex(1),
            broker_ids: vec![BrokerId(2), BrokerId(3)],
        },
    ];
    assert_eq!(error_of(&create(&mut c, topic.clone(), false)), None);
    assert_eq!(c.leader("t", 0), Some(BrokerId(3)), "the first replica leads");
    let mut bad = topic.clone();
    bad.name = "u".into();
    bad.assignments[1].broker_ids = vec![BrokerId(9), BrokerId(1)];
    assert_eq!(error_of(&create(&mut c, bad, false)), Some(ErrorCode::InvalidReplicaAssignment));
    let mut both = topic;
    both.name = "v".into();
    both.num_partitions = 2;
    assert_eq!(error_of(&create(&mut c, both, false)), Some(ErrorCode::InvalidRequest));
}

#[test]
fn deleting_a_topic_removes_its_logs_everywhere() {
    let mut c = Cluster::new(3, fast_config());
    create(&mut c, NewTopic::new("t", 2, 3), false);
    c.produce("t", 0, batch(&[("k", "v")]), Acks::All);
    let request = DeleteTopicsRequest {
        topics: vec![TopicRef::Name("t".into()), TopicRef::Name("nope".into())],
    };
    let Response::DeleteTopics(r) = c.call(1, request) else { panic!() };
    assert_eq!(r.topics[0].error, None);
    assert_eq!(
        r.topics[1].error.as_ref().map(|e| e.code),
        Some(ErrorCode::UnknownTopicOrPartition)
    );
    assert!(c.engine.image().topics.is_empty());
    assert!(c.engine.brokers().all(|b| b.replicas.is_empty()));
    assert_eq!(c.events_matching(|e| matches!(e, Event::TopicDeleted { .. })).len(), 1);
    // The name is free again.
    assert_eq!(error_of(&create(&mut c, NewTopic::new("t", 1, 1), false)), None);
}

#[test]
fn partitions_can_be_added_but_never_removed() {
    let mut c = Cluster::new(3, fast_config());
    create(&mut c, NewTopic::new("t", 2, 2), false);
    let grow = |count| CreatePartitionsRequest {
        topics: vec![CreatePartitionsTopic { name: "t".into(), count, assignments: None }],
        validate_only: false,
    };
    let Response::CreatePartitions(r) = c.call(1, grow(5)) else { panic!() };
    assert_eq!(r.results[0].error, None);
    assert_eq!(c.engine.image().topics["t"].partitions.len(), 5);
    assert!(c.leader("t", 4).is_some());
    for count in [5, 3] {
        let Response::CreatePartitions(r) = c.call(1, grow(count)) else { panic!() };
        assert_eq!(r.results[0].error.as_ref().map(|e| e.code), Some(ErrorCode::InvalidPartitions));
    }
}

#[test]
fn metadata_auto_creates_topics_when_allowed() {
    let mut config = fast_config();
    config.num_partitions = 4;
    let mut c = Cluster::new(1, config);
    let ask = |allow| MetadataRequest {
        topics: Some(vec!["fresh".into()]),
        allow_auto_topic_creation: allow,
    };
    let Response::Metadata(m) = c.call(1, ask(false)) else { panic!() };
    assert_eq!(m.topics[0].error, Some(ErrorCode::UnknownTopicOrPartition));
    let Response::Metadata(m) = c.call(1, ask(true)) else { panic!() };
    assert_eq!(m.topics[0].error, None);
    assert_eq!(m.topics[0].partitions.len(), 4);
    assert_eq!(m.controller_id, BrokerId(1));
    assert_eq!(m.brokers.len(), 1);
    let Response::Metadata(m) = c.call(
        1,
        MetadataRequest { topics: Some(vec!["bad name".into()]), allow_auto_topic_creation: true },
    ) else {
        panic!()
    };
    assert_eq!(m.topics[0].error, Some(ErrorCode::InvalidTopicException));
}

#[test]
fn configs_can_be_described_and_altered() {
    let mut c = Cluster::new(1, fast_config());
    create(&mut c, NewTopic::new("t", 1, 1).config("retention.ms", "1000"), false);
    let describe = DescribeConfigsRequest {
        resources: vec![DescribeConfigsResource {
            resource: ConfigResource::Topic("t".into()),
            names: Some(vec!["retention.ms".into(), "cleanup.policy".into()]),
        }],
        include_synonyms: false,
    };
    let Response::DescribeConfigs(r) = c.call(1, describe.clone()) else { panic!() };
    let configs = &r.results[0].configs;
    assert_eq!(configs.len(), 2);
    let retention = configs.iter().find(|e| e.name == "retention.ms").unwrap();
    assert_eq!(
        (retention.value.as_deref(), retention.source),
        (Some("1000"), ConfigSource::DynamicTopic)
    );
    let alter = |op| IncrementalAlterConfigsRequest {
        resources: vec![AlterConfigsResource {
            resource: ConfigResource::Topic("t".into()),
            configs: vec![AlterableConfig { name: "retention.ms".into(), op }],
        }],
        validate_only: false,
    };
    let Response::IncrementalAlterConfigs(r) = c.call(1, alter(AlterConfigOp::Set("-5".into())))
    else {
        panic!()
    };
    assert_eq!(r.results[0].error.as_ref().map(|e| e.code), Some(ErrorCode::InvalidConfig));
    assert_eq!(
        c.engine.image().topics["t"].config.retention_ms,
        1000,
        "a rejected change changes nothing"
    );
    let Response::IncrementalAlterConfigs(r) = c.call(1, alter(AlterConfigOp::Delete)) else {
        panic!()
    };
    assert_eq!(r.results[0].error, None);
    let Response::DescribeConfigs(r) = c.call(1, describe) else { panic!() };
    let retention = r.results[0].configs.iter().find(|e| e.name == "retention.ms").unwrap();
    assert_eq!(
        (retention.value.as_deref(), retention.source),
        (Some("604800000"), ConfigSource::Default)
    );
}

#[test]
fn broker_configs_say_which_were_set_and_which_are_kafkas_defaults() {
    let mut c = Cluster::new(2, fast_config());
    let describe = |names: Option<Vec<String>>| DescribeConfigsRequest {
        resources: vec![DescribeConfigsResource {
            resource: ConfigResource::Broker(BrokerId(2)),
            names,
        }],
        include_synonyms: false,
    };
    let Response::DescribeConfigs(r) = c.call(1, describe(None)) else { panic!() };
    let source = |name: &str| {
        let entry = r.results[0].configs.iter().find(|e| e.name == name).unwrap();
        (entry.value.clone().unwrap(), entry.source)
    };
    assert_eq!(source("broker.id"), ("2".to_owned(), ConfigSource::StaticBroker));
    assert_eq!(
        source("group.initial.rebalance.delay.ms"),
        ("0".to_owned(), ConfigSource::StaticBroker),
        "moved off Kafka's 3000 ms, so set in the broker's configuration"
    );
    assert_eq!(source("num.partitions"), ("1".to_owned(), ConfigSource::Default));
    assert_eq!(source("log.retention.ms"), ("604800000".to_owned(), ConfigSource::Default));

    let Response::DescribeConfigs(r) = c.call(
        1,
        describe(Some(vec!["offsets.topic.num.partitions".into(), "num.partitions".into()])),
    ) else {
        panic!()
    };
    let named: Vec<_> = r.results[0]
        .configs
        .iter()
        .map(|e| (e.name.as_str(), e.value.as_deref(), e.source))
        .collect();
    assert_eq!(
        named,
        [
            ("num.partitions", Some("1"), ConfigSource::Default),
            ("offsets.topic.num.partitions", Some("5"), ConfigSource::StaticBroker),
        ]
    );
}

#[test]
fn alter_configs_replaces_every_override_of_a_topic() {
    let mut c = Cluster::new(1, fast_config());
    let topic =
        NewTopic::new("t", 1, 1).config("retention.ms", "1000").config("cleanup.policy", "compact");
    assert_eq!(error_of(&create(&mut c, topic, false)), None);
    let replace = |resource, configs: &[(&str, &str)], validate_only| AlterConfigsRequest {
        resources: vec![ReplacedConfigs {
            resource,
            configs: configs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
        }],
        validate_only,
    };
    let alter = |c: &mut Cluster, request| {
        let Response::AlterConfigs(mut r) = c.call(1, request) else { panic!() };
        r.results.remove(0).error.map(|e| e.code)
    };
    let overrides = |c: &Cluster| {
        let t = &c.engine.image().topics[&TopicName::from("t")];
        let o: Vec<(String, String)> =
            t.overrides.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        (o, t.config.retention_ms)
    };
    let t = || ConfigResource::Topic("t".into());
    let before = overrides(&c);

    assert_eq!(alter(&mut c, replace(t(), &[("segment.ms", "5000")], true)), None);
    assert_eq!(overrides(&c), before, "validate_only changes nothing");
    let invalid = replace(t(), &[("segment.ms", "5000"), ("retention.ms", "soon")], false);
    assert_eq!(alter(&mut c, invalid), Some(ErrorCode::InvalidConfig));
    assert_eq!(overrides(&c), before, "an invalid value changes nothing");

    assert_eq!(alter(&mut c, replace(t(), &[("segment.ms", "5000")], false)), None);
    let default_retention = TopicConfig::default().retention_ms;
    assert_eq!(overrides(&c), (vec![("segment.ms".into(), "5000".into())], default_retention));
    let dropped = c.events_matching(|e| matches!(e, Event::TopicConfigChanged { value: None, .. }));
    assert_eq!(dropped.len(), 2, "retention.ms and cleanup.policy back to their defaults");

    let unknown = ConfigResource::Topic("nope".into());
    assert_eq!(
        alter(&mut c, replace(unknown, &[], false)),
        Some(ErrorCode::UnknownTopicOrPartition)
    );
    let broker = ConfigResource::Broker(BrokerId(1));
    assert_eq!(alter(&mut c, replace(broker, &[], false)), Some(ErrorCode::InvalidRequest));
}
