//! `kafka-topics.sh`: the real tool's output shapes, read from the snapshot the page draws.

use super::*;

#[test]
fn create_then_describe_shows_what_the_snapshot_shows() {
    let mut p = playground(200.0);
    let mut c = Console::default();
    let out = type_line(
        &mut p,
        &mut c,
        &format!(
            "kafka-topics.sh {BS} --create --topic payments --partitions 3 --replication-factor 2 --config retention.ms=60000 --config 'cleanup.policy=delete'"
        ),
    );
    assert_eq!(out, ["Created topic payments."]);
    let created = p.world().actions().last().expect("an action").action.clone();
    assert_eq!(
        created,
        kplay_sim::Action::CreateTopic {
            name: "payments".into(),
            partitions: 3,
            replication_factor: 2,
            configs: vec![
                ("retention.ms".into(), "60000".into()),
                ("cleanup.policy".into(), "delete".into())
            ],
        }
    );
    play(&mut p, 500.0);
    let out =
        type_line(&mut p, &mut c, &format!("kafka-topics.sh {BS} --describe --topic payments"));
    let snapshot = p.snapshot();
    let topic = snapshot.topic("payments").expect("the topic is in the snapshot");
    let id = p.world().engine().image().topics.get("payments").unwrap().id;
    let mut expected = vec![format!(
        "Topic: payments\tTopicId: {id}\tPartitionCount: 3\tReplicationFactor: 2\tConfigs: cleanup.policy=delete,retention.ms=60000"
    )];
    for part in &topic.partitions {
        let leader = part.leader.expect("a leader");
        assert!(part.replicas.contains(&leader));
        assert_eq!(part.replicas.len(), 2);
        let ids = |v: &[i32]| v.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
        expected.push(format!(
            "\tTopic: payments\tPartition: {}\tLeader: {leader}\tReplicas: {}\tIsr: {}\tElr: \tLastKnownElr: ",
            part.index,
            ids(&part.replicas),
            ids(&part.isr)
        ));
    }
    assert_eq!(out, expected);
    assert_eq!(id.to_string().len(), 22, "a topic id prints as Kafka's base64 uuid");
}

#[test]
fn describe_follows_a_leader_change() {
    let mut p = playground(500.0);
    let mut c = Console::default();
    let leader = p.snapshot().topic("orders").unwrap().partitions[0].leader.unwrap();
    p.apply(kplay_sim::Action::StopBroker { id: leader, crash: true }).unwrap();
    // The controller notices a crashed broker when its session times out.
    play(&mut p, 12_000.0);
    let out = type_line(&mut p, &mut c, &format!("kafka-topics.sh {BS} --describe --topic orders"));
    let line = out.iter().find(|l| l.contains("Partition: 0\t")).expect("partition 0");
    assert!(!line.contains(&format!("Leader: {leader}\t")), "{line}");
    let now = p.snapshot().topic("orders").unwrap().partitions[0].leader;
    let shown = now.map_or("none".to_owned(), |l| l.to_string());
    assert!(line.contains(&format!("Leader: {shown}\t")), "{line}");
}

#[test]
fn list_and_describe_without_a_topic_cover_every_topic_sorted() {
    let mut p = playground(200.0);
    let mut c = Console::default();
    type_line(&mut p, &mut c, &format!("kafka-topics.sh {BS} --create --topic audit"));
    let list = type_line(&mut p, &mut c, &format!("kafka-topics.sh {BS} --list"));
    assert_eq!(list, ["__consumer_offsets", "audit", "orders"]);
    let list =
        type_line(&mut p, &mut c, &format!("kafka-topics.sh {BS} --list --exclude-internal"));
    assert_eq!(list, ["audit", "orders"]);
    let all =
        type_line(&mut p, &mut c, &format!("kafka-topics.sh {BS} --describe --exclude-internal"));
    let heads: Vec<&String> = all.iter().filter(|l| l.starts_with("Topic: ")).collect();
    assert_eq!(heads.len(), 2);
    assert!(heads[0].starts_with("Topic: audit\t") && heads[1].starts_with("Topic: orders\t"));
    assert!(heads[0].contains("PartitionCount: 1\tReplicationFactor: 1\tConfigs: "), "defaults");
    assert_eq!(all.len(), 2 + 1 + 3, "one line per partition under each topic");
}

#[test]
fn create_refusals_print_the_tools_errors_and_change_nothing() {
    let mut p = playground(200.0);
    let mut c = Console::default();
    let before = actions(&p);
    let mut refused = |line: &str| {
        let out = type_line(&mut p, &mut c, &format!("kafka-topics.sh {line}"));
        out.join("\n")
    };
    assert_eq!(
        refused(&format!("{BS} --create --topic orders")),
        "Error while executing topic command : Topic 'orders' already exists."
    );
    assert_eq!(refused(&format!("{BS} --create --topic orders --if-not-exists")), "");
    assert_eq!(
        refused(&format!("{BS} --create --topic t --partitions 0")),
        "Error while executing topic command : The partitions must be greater than 0"
    );
    assert_eq!(
        refused(&format!("{BS} --create --topic t --replication-factor 0")),
        "Error while executing topic command : The replication factor must be between 1 and 32767 inclusive"
    );
    assert!(
        refused(&format!("{BS} --create --topic t --replication-factor 4"))
            .starts_with("Error while executing topic command : "),
        "three brokers cannot hold four replicas"
    );
    assert_eq!(
        refused(&format!("{BS} --create --topic t --config retention.ms")),
        "Error while executing topic command : requirement failed: Invalid topic config: all configs to be added must be in the format \"key=val\"."
    );
    assert_eq!(
        refused(&format!("{BS} --create --topic t --partitions three")),
        "Error while executing topic command : Cannot parse argument 'three' of option ['partitions']"
    );
    assert_eq!(
        refused("--zookeeper localhost:2181 --create --topic t"),
        "zookeeper is not a recognized option\njoptsimple.UnrecognizedOptionException: zookeeper is not a recognized option"
    );
    assert_eq!(
        refused("--create --topic t"),
        "--bootstrap-server must be specified\njava.lang.IllegalArgumentException: --bootstrap-server must be specified"
    );
    assert_eq!(refused(&format!("{BS} --create")), "Missing required argument \"[topic]\"");
    assert_eq!(
        refused(&format!("{BS} --topic t")),
        "Command must include exactly one action: --list, --describe, --create, --alter or --delete"
    );
    assert_eq!(
        refused(&format!("{BS} --create --list --topic t")),
        "Command must include exactly one action: --list, --describe, --create, --alter or --delete"
    );
    assert_eq!(
        refused(&format!("{BS} --describe --partitions 3")),
        "Option \"[partitions]\" can't be used with option \"[describe]\""
    );
    assert_eq!(
        refused(&format!("{BS} --create --topic")),
        "Option ['topic'] requires an argument\njoptsimple.OptionMissingRequiredArgumentException: Option ['topic'] requires an argument"
    );
    assert_eq!(
        refused(&format!("{BS} --describe --topic nope")),
        "Error while executing topic command : Topic 'nope' does not exist as expected"
    );
    assert_eq!(refused(&format!("{BS} --describe --topic nope --if-exists")), "");
    assert_eq!(actions(&p), before, "no refused command took an action");
}

#[test]
fn a_name_with_a_period_or_underscore_is_warned_about() {
    let mut p = playground(100.0);
    let mut c = Console::default();
    let out = type_line(&mut p, &mut c, &format!("kafka-topics.sh {BS} --create --topic my.topic"));
    assert_eq!(out.len(), 2);
    assert!(out[0].starts_with("WARNING: Due to limitations in metric names"));
    assert_eq!(out[1], "Created topic my.topic.");
}

#[test]
fn delete_and_alter_take_actions() {
    let mut p = playground(200.0);
    let mut c = Console::default();
    let out = type_line(
        &mut p,
        &mut c,
        &format!("kafka-topics.sh {BS} --alter --topic orders --partitions 5"),
    );
    assert_eq!(out, Vec::<String>::new(), "the tool says nothing when it worked");
    assert_eq!(p.snapshot().topic("orders").unwrap().partitions.len(), 5);
    let out = type_line(&mut p, &mut c, &format!("kafka-topics.sh {BS} --delete --topic orders"));
    assert!(out.is_empty());
    assert!(p.snapshot().topic("orders").is_none());
    assert_eq!(
        p.world().actions().last().unwrap().action,
        kplay_sim::Action::DeleteTopic { name: "orders".into() }
    );
    let out = type_line(&mut p, &mut c, &format!("kafka-topics.sh {BS} --delete --topic orders"));
    assert_eq!(
        out,
        ["Error while executing topic command : Topic 'orders' does not exist as expected"]
    );
    assert!(
        type_line(
            &mut p,
            &mut c,
            &format!("kafka-topics.sh {BS} --delete --topic orders --if-exists")
        )
        .is_empty()
    );
}

#[test]
fn deleting_an_internal_topic_is_refused_by_the_controller() {
    let mut p = playground(2_000.0);
    let mut c = Console::default();
    assert!(p.snapshot().topic("__consumer_offsets").is_some(), "the group made it");
    let before = actions(&p);
    let out = type_line(
        &mut p,
        &mut c,
        &format!("kafka-topics.sh {BS} --delete --topic __consumer_offsets"),
    );
    assert_eq!(
        out,
        [
            "Error while executing topic command : Topic __consumer_offsets is an internal topic and cannot be deleted."
        ]
    );
    assert!(p.snapshot().topic("__consumer_offsets").is_some());
    assert_eq!(actions(&p), before);
}

#[test]
fn describe_reports_only_the_partitions_in_trouble() {
    let mut p = playground(500.0);
    let mut c = Console::default();
    let describe = |p: &mut Playground, c: &mut Console, report: &str| {
        type_line(p, c, &format!("kafka-topics.sh {BS} --describe --exclude-internal {report}"))
    };
    assert!(describe(&mut p, &mut c, "--under-replicated-partitions").is_empty());
    assert!(describe(&mut p, &mut c, "--unavailable-partitions").is_empty());
    assert_eq!(describe(&mut p, &mut c, "--at-min-isr-partitions"), Vec::<String>::new());
    p.apply(kplay_sim::Action::StopBroker { id: 3, crash: true }).unwrap();
    play(&mut p, 15_000.0);
    let out = describe(&mut p, &mut c, "--under-replicated-partitions");
    assert_eq!(out.len(), 3, "broker 3 held a replica of each partition: {out:?}");
    for (i, line) in out.iter().enumerate() {
        assert!(line.starts_with(&format!("\tTopic: orders\tPartition: {i}\t")), "{line}");
        let isr = line.split("Isr: ").nth(1).unwrap().split('\t').next().unwrap();
        assert!(!isr.split(',').any(|b| b == "3"), "{line}");
    }
    assert!(describe(&mut p, &mut c, "--unavailable-partitions").is_empty(), "all have leaders");

    type_line(
        &mut p,
        &mut c,
        &format!("kafka-topics.sh {BS} --create --topic logs --config cleanup.policy=compact"),
    );
    let out = describe(&mut p, &mut c, "--topics-with-overrides");
    assert_eq!(out.len(), 1, "{out:?}");
    assert!(
        out[0].starts_with("Topic: logs\t") && out[0].ends_with("Configs: cleanup.policy=compact")
    );
    assert_eq!(
        type_line(
            &mut p,
            &mut c,
            &format!("kafka-topics.sh {BS} --list --under-replicated-partitions")
        ),
        ["Option \"[under-replicated-partitions]\" can't be used with option \"[list]\""]
    );
}
