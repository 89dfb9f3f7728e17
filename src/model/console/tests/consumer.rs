//! `kafka-console-consumer.sh`: prints exactly what its simulated consumer was handed, with the
//! tool's group, offset reset and commit semantics.

use kplay_sim::Action;
use kplay_sim::action::{CommitMode, Membership, OffsetReset};

use super::super::Session;
use super::*;

fn session(c: &Console) -> super::super::consumer::ConsumerSession {
    match c.session() {
        Session::Consumer(s) => s.clone(),
        other => panic!("a consumer session, not {other:?}"),
    }
}

fn record_lines(c: &Console) -> Vec<String> {
    c.lines().filter(|l| l.kind == LineKind::Out).map(|l| l.text.clone()).collect()
}

#[test]
fn it_prints_exactly_the_records_its_consumer_was_handed() {
    let mut p = playground(3_000.0);
    let mut c = Console::default();
    type_line(
        &mut p,
        &mut c,
        &format!(
            "kafka-console-consumer.sh {BS} --topic orders --from-beginning --property print.key=true --property key.separator=:"
        ),
    );
    let s = session(&c);
    let consumer = p.world().consumer(s.client).expect("its consumer");
    let spec = consumer.spec().clone();
    let Membership::Group { group_id, topics, .. } = &spec.membership else { panic!("a group") };
    assert!(group_id.starts_with("console-consumer-"), "{group_id}");
    assert!(group_id["console-consumer-".len()..].parse::<u32>().unwrap() < 100_000);
    assert_eq!(topics, &["orders".to_owned()]);
    assert_eq!(spec.auto_offset_reset, OffsetReset::Earliest);
    assert_eq!(spec.commit, CommitMode::Manual, "a generated group never commits");

    play_following(&mut p, &mut c, 8_000.0);
    let consumer = p.world().consumer(s.client).unwrap();
    let handed = consumer.handed_over();
    assert!(handed >= 20, "it read what was there and what came: {handed}");
    let expected: Vec<String> = consumer
        .recent_records()
        .iter()
        .map(|r| {
            let text = |b: &Option<bytes::Bytes>| {
                String::from_utf8_lossy(b.as_ref().unwrap()).into_owned()
            };
            format!("{}:{}", text(&r.key), text(&r.value))
        })
        .collect();
    assert_eq!(record_lines(&c), expected);

    c.input(&mut p, ConsoleInput::Interrupt);
    let last = c.lines().last().unwrap();
    assert_eq!(
        (last.kind, last.text.clone()),
        (LineKind::Err, format!("Processed a total of {handed} messages"))
    );
    assert_eq!(c.session(), &Session::Shell);
    assert!(p.world().consumer(s.client).is_none());
    assert_eq!(
        p.world().actions().last().unwrap().action,
        Action::RemoveClient { id: s.client, crash: false }
    );
}

#[test]
fn max_messages_stops_it_after_that_many() {
    let mut p = playground(3_000.0);
    let mut c = Console::default();
    type_line(
        &mut p,
        &mut c,
        &format!(
            "kafka-console-consumer.sh {BS} --topic orders --from-beginning --max-messages 3 --group readers"
        ),
    );
    let s = session(&c);
    let spec = p.world().consumer(s.client).unwrap().spec().clone();
    assert!(
        matches!(spec.commit, CommitMode::Auto { interval_ms: 5_000 }),
        "a named group commits"
    );
    play_following(&mut p, &mut c, 5_000.0);
    assert_eq!(record_lines(&c).len(), 3);
    assert_eq!(c.lines().last().unwrap().text, "Processed a total of 3 messages");
    assert_eq!(c.session(), &Session::Shell);
    assert!(p.world().consumer(s.client).is_none(), "it closed");
}

#[test]
fn without_from_beginning_it_reads_only_what_comes_after_it_joined() {
    let mut p = playground(3_000.0);
    let mut c = Console::default();
    let ends: Vec<i64> =
        p.snapshot().topic("orders").unwrap().partitions.iter().map(|p| p.high_watermark).collect();
    assert!(ends.iter().sum::<i64>() > 0);
    type_line(
        &mut p,
        &mut c,
        &format!(
            "kafka-console-consumer.sh {BS} --topic orders --property print.offset=true --property print.partition=true"
        ),
    );
    let s = session(&c);
    assert_eq!(p.world().consumer(s.client).unwrap().spec().auto_offset_reset, OffsetReset::Latest);
    play_following(&mut p, &mut c, 8_000.0);
    let lines = record_lines(&c);
    assert!(!lines.is_empty(), "records produced after it joined");
    for line in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        let partition: usize = fields[0].strip_prefix("Partition:").unwrap().parse().unwrap();
        let offset: i64 = fields[1].strip_prefix("Offset:").unwrap().parse().unwrap();
        assert!(
            offset >= ends[partition],
            "{line}: the end was {} when it joined",
            ends[partition]
        );
    }
}

#[test]
fn consumer_refusals() {
    let mut p = playground(100.0);
    let mut c = Console::default();
    let before = actions(&p);
    let mut refused = |line: &str| {
        type_line(&mut p, &mut c, &format!("kafka-console-consumer.sh {line}")).join("\n")
    };
    assert_eq!(refused(BS), "Exactly one of --include/--topic is required. ()");
    assert_eq!(refused("--topic orders"), "Missing required argument \"[bootstrap-server]\"");
    assert_eq!(
        refused(&format!("{BS} --topic orders --from-beginnin")),
        "from-beginnin is not a recognized option"
    );
    assert_eq!(
        refused(&format!("{BS} --topic orders --max-messages x")),
        "Cannot parse argument 'x' of option ['max-messages']"
    );
    assert!(refused(&format!("{BS} --topic orders --partition 0")).contains("not simulated"));
    assert_eq!(actions(&p), before);
    assert_eq!(c.session(), &Session::Shell);
}

#[test]
fn consumer_properties_set_the_group_reset_commits_and_assignors() {
    let mut p = playground(100.0);
    let mut c = Console::default();
    type_line(
        &mut p,
        &mut c,
        &format!(
            "kafka-console-consumer.sh {BS} --topic orders --consumer-property group.id=audit --consumer-property partition.assignment.strategy=org.apache.kafka.clients.consumer.RoundRobinAssignor --consumer-property auto.commit.interval.ms=1000"
        ),
    );
    let s = session(&c);
    assert_eq!(s.group, "audit");
    let spec = p.world().consumer(s.client).unwrap().spec().clone();
    let Membership::Group { group_id, assignors, .. } = &spec.membership else { panic!() };
    assert_eq!(
        (group_id.as_str(), assignors.as_slice()),
        ("audit", &["roundrobin".to_owned()][..])
    );
    assert_eq!(
        spec.commit,
        CommitMode::Auto { interval_ms: 1_000 },
        "a group it was given commits"
    );
    assert_eq!(spec.client_id, "console-consumer");
    c.input(&mut p, ConsoleInput::Interrupt);

    type_line(
        &mut p,
        &mut c,
        &format!(
            "kafka-console-consumer.sh {BS} --topic orders --group g --consumer-property enable.auto.commit=false --consumer-property auto.offset.reset=earliest"
        ),
    );
    let spec = p.world().consumer(session(&c).client).unwrap().spec().clone();
    assert_eq!((spec.commit, spec.auto_offset_reset), (CommitMode::Manual, OffsetReset::Earliest));
    c.input(&mut p, ConsoleInput::Interrupt);

    let before = actions(&p);
    let mut refused = |line: &str| {
        type_line(&mut p, &mut c, &format!("kafka-console-consumer.sh {BS} --topic orders {line}"))
            .join("\n")
    };
    assert_eq!(
        refused("--group a --consumer-property group.id=b"),
        "The group ids provided in different places (directly using '--group', via '--consumer-property', or via '--consumer.config') do not match. Detected group ids: 'a', 'b'"
    );
    assert_eq!(
        refused("--from-beginning --consumer-property auto.offset.reset=latest"),
        "Can't simultaneously specify --from-beginning and 'auto.offset.reset=latest', please remove one option"
    );
    assert!(
        refused("--consumer-property auto.offset.reset=sometimes")
            .contains("String must be one of: latest, earliest, none")
    );
    assert_eq!(actions(&p), before);
}
