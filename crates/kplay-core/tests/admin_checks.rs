//! Admin requests that Kafka answers in particular ways a simpler broker might not: a name or
//! partition given twice in one request, Kafka's topic configs that kplay keeps without acting
//! on them, APPEND and SUBTRACT on list configs, and internal topics known by name.

mod common;

use common::*;
use kplay_core::api::*;
use kplay_core::topic_config::ConfigType;
use kplay_core::*;

fn create_all(c: &mut Cluster, topics: Vec<NewTopic>) -> Vec<CreatedTopic> {
    let Response::CreateTopics(r) = c.call(1, CreateTopicsRequest { topics, validate_only: false })
    else {
        panic!()
    };
    r.topics
}

fn describe(c: &mut Cluster, topic: &str) -> Vec<ConfigEntry> {
    let request = DescribeConfigsRequest {
        resources: vec![DescribeConfigsResource {
            resource: ConfigResource::Topic(topic.into()),
            names: None,
        }],
        include_synonyms: true,
    };
    let Response::DescribeConfigs(mut r) = c.call(1, request) else { panic!() };
    r.results.remove(0).configs
}

fn entry<'a>(configs: &'a [ConfigEntry], name: &str) -> &'a ConfigEntry {
    configs.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("{name} is described"))
}

fn alter(c: &mut Cluster, topic: &str, name: &str, op: AlterConfigOp) -> Option<KafkaError> {
    let request = IncrementalAlterConfigsRequest {
        resources: vec![AlterConfigsResource {
            resource: ConfigResource::Topic(topic.into()),
            configs: vec![AlterableConfig { name: name.into(), op }],
        }],
        validate_only: false,
    };
    let Response::IncrementalAlterConfigs(mut r) = c.call(1, request) else { panic!() };
    r.results.remove(0).error
}

#[test]
fn a_topic_named_twice_is_answered_once_first_and_created_neither_time() {
    let mut c = Cluster::new(1, fast_config());
    let answers = create_all(
        &mut c,
        vec![
            NewTopic::new("a", 1, 1),
            NewTopic::new("twice", 1, 1),
            NewTopic::new("twice", 2, 1),
            NewTopic::new("b", 1, 1),
        ],
    );
    let summary: Vec<(&str, Option<ErrorCode>)> =
        answers.iter().map(|t| (t.name.as_str(), t.error.as_ref().map(|e| e.code))).collect();
    assert_eq!(
        summary,
        [("twice", Some(ErrorCode::InvalidRequest)), ("a", None), ("b", None)],
        "Kafka's controller answers a duplicated name once and creates the others"
    );
    assert_eq!(answers[0].error.as_ref().unwrap().message, "Duplicate topic name.");
    assert!(!c.engine.image().topics.contains_key("twice"));
}

#[test]
fn kafkas_other_topic_configs_are_kept_described_and_validated() {
    let mut c = Cluster::new(1, fast_config());
    let created = create_all(
        &mut c,
        vec![
            NewTopic::new("t", 1, 1)
                .config("compression.type", "zstd")
                .config("max.compaction.lag.ms", "60000"),
        ],
    );
    assert_eq!(created[0].error, None);
    let configs = describe(&mut c, "t");
    assert_eq!(configs.len(), 33, "Kafka 4's topic configs, every one");
    assert!(configs.windows(2).all(|w| w[0].name < w[1].name), "sorted by name");
    let compression = entry(&configs, "compression.type");
    assert_eq!(
        (compression.value.as_deref(), compression.source, compression.config_type),
        (Some("zstd"), ConfigSource::DynamicTopic, ConfigType::String)
    );
    let synonyms: Vec<(&str, &str, ConfigSource)> = compression
        .synonyms
        .iter()
        .map(|s| (s.name.as_str(), s.value.as_str(), s.source))
        .collect();
    assert_eq!(
        synonyms,
        [
            ("compression.type", "zstd", ConfigSource::DynamicTopic),
            ("compression.type", "producer", ConfigSource::Default)
        ],
        "the topic's override, then Kafka's default for the broker config"
    );
    assert!(entry(&configs, "retention.ms").synonyms.is_empty(), "as Kafka lists it");
    let index = entry(&configs, "segment.index.bytes");
    assert_eq!(
        (index.value.as_deref(), index.source, index.config_type),
        (Some("10485760"), ConfigSource::Default, ConfigType::Int)
    );
    assert_eq!(entry(&configs, "cleanup.policy").config_type, ConfigType::List);
    assert_eq!(entry(&configs, "min.cleanable.dirty.ratio").config_type, ConfigType::Double);

    let refused = create_all(&mut c, vec![NewTopic::new("u", 1, 1).config("flush.messages", "0")]);
    let error = refused[0].error.clone().expect("flush.messages must be at least 1");
    assert_eq!(error.code, ErrorCode::InvalidConfig);
    assert_eq!(
        error.message,
        "Invalid value 0 for configuration flush.messages: Value must be at least 1"
    );

    // Back to Kafka's default once the override is deleted.
    assert_eq!(alter(&mut c, "t", "compression.type", AlterConfigOp::Delete), None);
    let compression = describe(&mut c, "t");
    let compression = entry(&compression, "compression.type");
    assert_eq!(
        (compression.value.as_deref(), compression.source),
        (Some("producer"), ConfigSource::Default)
    );
}

#[test]
fn append_and_subtract_change_list_configs_starting_from_the_default() {
    let mut c = Cluster::new(1, fast_config());
    create_all(&mut c, vec![NewTopic::new("t", 1, 1)]);
    let policy = |c: &mut Cluster| {
        let configs = describe(c, "t");
        entry(&configs, "cleanup.policy").value.clone().unwrap()
    };
    assert_eq!(alter(&mut c, "t", "cleanup.policy", AlterConfigOp::Append("compact".into())), None);
    assert_eq!(c.engine.image().topics["t"].overrides["cleanup.policy"], "delete,compact");
    assert!(c.engine.image().topics["t"].config.cleanup_policy.compacts());
    assert_eq!(policy(&mut c), "compact,delete");
    // Appending what is there already adds nothing.
    assert_eq!(alter(&mut c, "t", "cleanup.policy", AlterConfigOp::Append("delete".into())), None);
    assert_eq!(c.engine.image().topics["t"].overrides["cleanup.policy"], "delete,compact");
    assert_eq!(
        alter(&mut c, "t", "cleanup.policy", AlterConfigOp::Subtract("delete".into())),
        None
    );
    assert_eq!(policy(&mut c), "compact");
    assert!(!c.engine.image().topics["t"].config.cleanup_policy.deletes());

    assert_eq!(
        alter(
            &mut c,
            "t",
            "leader.replication.throttled.replicas",
            AlterConfigOp::Append("0:1".into())
        ),
        None
    );
    let configs = describe(&mut c, "t");
    assert_eq!(
        entry(&configs, "leader.replication.throttled.replicas").value.as_deref(),
        Some("0:1")
    );

    let error = alter(&mut c, "t", "retention.ms", AlterConfigOp::Append("5".into())).unwrap();
    assert_eq!(error.code, ErrorCode::InvalidConfig);
    assert_eq!(error.message, "Can't APPEND to key retention.ms because its type is not LIST.");
    let error = alter(&mut c, "t", "retention.ms", AlterConfigOp::Subtract("5".into())).unwrap();
    assert_eq!(error.message, "Can't SUBTRACT to key retention.ms because its type is not LIST.");
}

#[test]
fn a_partition_asked_for_twice_in_list_offsets_is_an_invalid_request_each_time() {
    let mut c = Cluster::new(1, fast_config());
    create_all(&mut c, vec![NewTopic::new("t", 2, 1)]);
    let ask = |partition| ListOffsetsPartition {
        partition: PartitionIndex(partition),
        spec: OffsetSpec::Latest,
        current_leader_epoch: LeaderEpoch::UNKNOWN,
    };
    let request = ListOffsetsRequest {
        isolation_level: IsolationLevel::ReadUncommitted,
        topics: vec![
            ListOffsetsTopic { name: "t".into(), partitions: vec![ask(0), ask(1)] },
            ListOffsetsTopic { name: "t".into(), partitions: vec![ask(0)] },
        ],
    };
    let Response::ListOffsets(r) = c.call(1, request) else { panic!() };
    let answers: Vec<(i32, Option<ErrorCode>, i64)> = r
        .topics
        .iter()
        .flat_map(|t| t.partitions.iter().map(|p| (p.partition.0, p.error, p.offset.0)))
        .collect();
    assert_eq!(
        answers,
        [
            (0, Some(ErrorCode::InvalidRequest), -1),
            (1, None, 0),
            (0, Some(ErrorCode::InvalidRequest), -1)
        ]
    );
}

#[test]
fn internal_topics_are_known_by_name_and_the_metadata_log_cannot_be_created() {
    let mut c = Cluster::new(1, fast_config());
    let answers = create_all(
        &mut c,
        vec![NewTopic::new("__consumer_offsets", 1, 1), NewTopic::new("__cluster_metadata", 1, 1)],
    );
    assert_eq!(answers[0].error, None);
    let error = answers[1].error.clone().unwrap();
    assert_eq!(
        (error.code, error.message.as_str()),
        (ErrorCode::InvalidRequest, "Creation of internal topic __cluster_metadata is prohibited.")
    );
    let request = MetadataRequest { topics: None, allow_auto_topic_creation: false };
    let Response::Metadata(r) = c.call(1, request) else { panic!() };
    let listed: Vec<(&str, bool)> =
        r.topics.iter().map(|t| (t.name.as_str(), t.is_internal)).collect();
    assert_eq!(listed, [("__consumer_offsets", true)]);
}
