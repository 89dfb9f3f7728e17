use kplay_sim::Action;

use super::{facts, only_error, opening, play, take};
use crate::model::forms::topics::{
    AddPartitionsForm, CreateTopicForm, DeleteTopicForm, OFFERED_CONFIGS, TopicConfigForm,
    kafka_default,
};
use kplay_core::vec_map::VecMap;

fn create(name: &str) -> CreateTopicForm {
    CreateTopicForm { name: name.into(), ..CreateTopicForm::default() }
}

#[test]
fn a_compacted_topic_of_six_partitions_is_created_with_its_configs() {
    let mut p = opening(1.0);
    let form = CreateTopicForm {
        name: "  prices ".into(),
        partitions: "6".into(),
        configs: VecMap::from([
            ("cleanup.policy".into(), "compact".into()),
            ("min.insync.replicas".into(), "2".into()),
            ("segment.ms".into(), "  ".into()),
        ]),
        more: "min.compaction.lag.ms=100\nunclean.leader.election.enable=false".into(),
        ..CreateTopicForm::default()
    };
    let action = form.action(&facts(&p)).unwrap();
    assert_eq!(
        action,
        Action::CreateTopic {
            name: "prices".into(),
            partitions: 6,
            replication_factor: 3,
            configs: vec![
                ("min.insync.replicas".into(), "2".into()),
                ("cleanup.policy".into(), "compact".into()),
                ("min.compaction.lag.ms".into(), "100".into()),
                ("unclean.leader.election.enable".into(), "false".into()),
            ],
        }
    );
    take(&mut p, action);
    play(&mut p, 0.5);
    let s = p.snapshot();
    let topic = s.topic("prices").expect("created");
    assert_eq!(topic.partitions.len(), 6);
    assert!(topic.overrides.contains(&("cleanup.policy".into(), "compact".into())));
}

#[test]
fn the_offered_configs_show_kafkas_defaults() {
    let defaults: Vec<String> = OFFERED_CONFIGS.iter().map(|(n, _)| kafka_default(n)).collect();
    assert_eq!(
        defaults,
        [
            "1",
            "delete",
            "604800000",
            "-1",
            "1073741824",
            "604800000",
            "86400000",
            "1048588",
            "CreateTime"
        ]
    );
}

#[test]
fn wrong_topic_fields_get_kafkas_messages() {
    let p = opening(0.5);
    let f = facts(&p);
    assert_eq!(only_error(create("").action(&f), "name"), "type a topic name: it cannot be empty");
    assert_eq!(
        only_error(create("has space").action(&f), "name"),
        "Topic name \"has space\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'"
    );
    assert_eq!(only_error(create("orders").action(&f), "name"), "Topic 'orders' already exists.");
    let form = CreateTopicForm { partitions: "-2".into(), ..create("t") };
    assert_eq!(
        only_error(form.action(&f), "partitions"),
        "-2 is negative: type a whole number from 1 to 5000"
    );
    let form = CreateTopicForm { partitions: "6000".into(), ..create("t") };
    assert_eq!(
        only_error(form.action(&f), "partitions"),
        "6000 is too large: type a whole number from 1 to 5000"
    );
    let form = CreateTopicForm { replication_factor: "".into(), ..create("t") };
    assert_eq!(
        only_error(form.action(&f), "replication.factor"),
        "this is empty: type a whole number from 1 to 100"
    );
    let mut form = create("t");
    form.configs.insert("retention.ms".into(), "soon".into());
    assert_eq!(
        only_error(form.action(&f), "retention.ms"),
        "Invalid value soon for configuration retention.ms: Not a number of type LONG"
    );
    let mut form = create("t");
    form.configs.insert("cleanup.policy".into(), "shred".into());
    assert!(
        only_error(form.action(&f), "cleanup.policy")
            .ends_with("String must be one of: compact, delete")
    );
    let form = CreateTopicForm { more: "retention.hours=1".into(), ..create("t") };
    assert_eq!(
        only_error(form.action(&f), "configs"),
        "Unknown topic config name: retention.hours"
    );
    let form = CreateTopicForm { more: "segment.bytes".into(), ..create("t") };
    assert_eq!(
        only_error(form.action(&f), "configs"),
        "“segment.bytes” is not a config: write name=value"
    );
    let mut form = CreateTopicForm { more: "segment.bytes=100".into(), ..create("t") };
    form.configs.insert("segment.bytes".into(), "200".into());
    assert_eq!(only_error(form.action(&f), "configs"), "segment.bytes is set twice");
}

#[test]
fn the_room_left_is_a_message_on_the_partitions() {
    let p = opening(0.5);
    let mut f = facts(&p);
    f.room.partitions = 4;
    let form = CreateTopicForm { partitions: "5".into(), ..create("t") };
    let message = only_error(form.action(&f), "partitions");
    assert!(message.starts_with("only 4 more partitions fit"), "{message}");
}

#[test]
fn a_topic_is_deleted_grown_and_reconfigured() {
    let mut p = opening(1.0);
    let f = facts(&p);
    let grow = AddPartitionsForm { topic: String::new(), count: "5".into() };
    let action = grow.action(&f).unwrap();
    assert_eq!(action, Action::AddPartitions { topic: "orders".into(), count: 5 });
    take(&mut p, action);
    assert_eq!(p.snapshot().topic("orders").unwrap().partitions.len(), 5);

    let f = facts(&p);
    let set = TopicConfigForm {
        name: "retention.ms".into(),
        value: "60000".into(),
        ..Default::default()
    };
    let action = set.set(&f).unwrap();
    assert_eq!(
        action,
        Action::SetTopicConfig {
            topic: "orders".into(),
            name: "retention.ms".into(),
            value: Some("60000".into())
        }
    );
    take(&mut p, action);
    assert!(
        p.snapshot()
            .topic("orders")
            .unwrap()
            .overrides
            .contains(&("retention.ms".into(), "60000".into()))
    );
    let action = set.reset(&facts(&p)).unwrap();
    assert_eq!(
        action,
        Action::SetTopicConfig { topic: "orders".into(), name: "retention.ms".into(), value: None }
    );
    take(&mut p, action);
    assert!(p.snapshot().topic("orders").unwrap().overrides.is_empty());

    let action = DeleteTopicForm { topic: "orders".into() }.action(&facts(&p)).unwrap();
    assert_eq!(action, Action::DeleteTopic { name: "orders".into() });
    take(&mut p, action);
    assert!(p.snapshot().topic("orders").is_none());
}

#[test]
fn wrong_topic_admin_fields_get_messages() {
    let p = opening(0.5);
    let f = facts(&p);
    let delete = DeleteTopicForm { topic: "nope".into() };
    assert_eq!(only_error(delete.action(&f), "topic"), "there is no topic “nope”");
    let grow = |count: &str| AddPartitionsForm { topic: "orders".into(), count: count.into() };
    assert_eq!(only_error(grow("3").action(&f), "count"), "Topic already has 3 partitions.");
    assert_eq!(
        only_error(grow("2").action(&f), "count"),
        "Topic currently has 3 partitions, which is higher than the requested 2."
    );
    assert_eq!(
        only_error(grow("x").action(&f), "count"),
        "“x” is not a number: type a whole number from 1 to 5000"
    );
    let set = |name: &str, value: &str| TopicConfigForm {
        topic: "orders".into(),
        name: name.into(),
        value: value.into(),
    };
    assert_eq!(
        only_error(set("min.insync.replicas", "0").set(&f), "value"),
        "Invalid value 0 for configuration min.insync.replicas: Value must be at least 1"
    );
    assert_eq!(
        only_error(set("retention.ms", " ").set(&f), "value"),
        "type a value: it cannot be empty"
    );
    assert_eq!(
        only_error(set("colour", "red").reset(&f), "config"),
        "Unknown topic config name: colour"
    );

    let empty = crate::model::forms::Facts::default();
    assert_eq!(
        only_error(DeleteTopicForm::default().action(&empty), "topic"),
        "there is no topic yet: create one first (Topics)"
    );
}
