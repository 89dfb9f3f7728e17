//! `kafka-console-producer.sh`: lines become records through a producer with the tool's
//! defaults; a line without the key separator stops it with the line reader's exception.

use kplay_sim::Action;
use kplay_sim::action::AcksSpec;

use super::super::Session;
use super::*;

fn high_watermark(p: &Playground, topic: &str) -> i64 {
    p.snapshot().topic(topic).unwrap().partitions.iter().map(|p| p.high_watermark).sum()
}

#[test]
fn each_line_is_a_record_sent_by_a_producer_with_the_tools_defaults() {
    let mut p = playground(200.0);
    let mut c = Console::default();
    type_line(&mut p, &mut c, &format!("kafka-topics.sh {BS} --create --topic greetings"));
    let out = type_line(
        &mut p,
        &mut c,
        &format!(
            "kafka-console-producer.sh {BS} --topic greetings --property parse.key=true --property key.separator=:"
        ),
    );
    assert!(out.iter().all(|l| l.starts_with('#')), "only the terminal's hint: {out:?}");
    assert_eq!(c.prompt(), ">");
    let Session::Producer(session) = c.session().clone() else { panic!("a producer session") };
    let spec = p.world().producer(session.client).expect("the producer").spec().clone();
    assert_eq!(spec.client_id, "console-producer");
    assert_eq!(spec.acks, AcksSpec::All);
    assert_eq!((spec.linger_ms, spec.request_timeout_ms, spec.retries), (1_000, 1_500, 3));
    assert_eq!((spec.batch_size, spec.retry_backoff_ms), (16_384, 100));
    assert!(spec.idempotence);

    assert!(type_line(&mut p, &mut c, "user-1:hello world").is_empty());
    assert_eq!(
        p.world().actions().last().unwrap().action,
        Action::Produce {
            producer: session.client,
            topic: "greetings".into(),
            key: Some("user-1".into()),
            value: Some("hello world".into()),
            headers: Vec::new(),
            partition: None,
        }
    );
    type_line(&mut p, &mut c, "user-2:a:b");
    assert!(
        matches!(
            &p.world().actions().last().unwrap().action,
            Action::Produce { key: Some(k), value: Some(v), .. } if k == "user-2" && v == "a:b"
        ),
        "split at the first separator"
    );
    play(&mut p, 2_000.0);
    assert_eq!(high_watermark(&p, "greetings"), 2, "linger.ms=1000 passed: both were written");

    let out = type_line(&mut p, &mut c, "no separator here");
    assert_eq!(
        out,
        [
            "org.apache.kafka.common.KafkaException: No key separator found on line number 3: 'no separator here'"
        ]
    );
    assert_eq!(c.session(), &Session::Shell, "the tool stopped");
    assert_eq!(c.prompt(), "$ ");
    c.follow(&mut p);
    assert!(p.world().producer(session.client).is_none(), "its producer closed");
    assert_eq!(
        p.world().actions().last().unwrap().action,
        Action::RemoveClient { id: session.client, crash: false }
    );
    assert_eq!(high_watermark(&p, "greetings"), 2, "the bad line was not sent");
}

#[test]
fn ctrl_d_closes_the_producer_after_it_has_sent_what_it_holds() {
    let mut p = playground(200.0);
    let mut c = Console::default();
    type_line(&mut p, &mut c, &format!("kafka-topics.sh {BS} --create --topic greetings"));
    type_line(&mut p, &mut c, &format!("kafka-console-producer.sh {BS} --topic greetings"));
    let Session::Producer(session) = c.session().clone() else { panic!("a producer session") };
    type_line(&mut p, &mut c, "no key, and a tab\there");
    c.input(&mut p, ConsoleInput::EndOfInput);
    assert_eq!(c.session(), &Session::Shell);
    assert!(p.world().producer(session.client).is_some(), "still lingering with its record");
    play_following(&mut p, &mut c, 3_000.0);
    assert!(p.world().producer(session.client).is_none(), "closed once it had sent it");
    assert_eq!(high_watermark(&p, "greetings"), 1);
    assert!(matches!(
        &p.world().actions().iter().rev().nth(1).unwrap().action,
        Action::Produce { key: None, value: Some(v), .. } if v == "no key, and a tab\there"
    ));
}

#[test]
fn producer_refusals() {
    let mut p = playground(100.0);
    let mut c = Console::default();
    let before = actions(&p);
    let mut refused = |line: &str| {
        type_line(&mut p, &mut c, &format!("kafka-console-producer.sh {line}")).join("\n")
    };
    assert_eq!(refused("--topic t"), "Missing required option(s) [bootstrap-server]");
    assert_eq!(refused(BS), "Missing required argument \"[topic]\"");
    assert_eq!(
        refused("--bootstrap-server localhost --topic t"),
        "Please provide valid host:port like host1:9091,host2:9092"
    );
    assert_eq!(
        refused(&format!("{BS} --topic t --zookeeper z")),
        "zookeeper is not a recognized option"
    );
    assert_eq!(refused(&format!("{BS} --topic")), "Option ['topic'] requires an argument");
    assert!(refused(&format!("{BS} --topic t --line-reader x")).contains("not simulated"));
    assert_eq!(actions(&p), before);
    assert_eq!(c.session(), &Session::Shell);
}

#[test]
fn producer_properties_set_the_producer_and_the_tools_options_win_when_given() {
    let mut p = playground(100.0);
    let mut c = Console::default();
    let out = type_line(
        &mut p,
        &mut c,
        &format!(
            "kafka-console-producer.sh {BS} --topic orders --producer-property acks=1 --producer-property linger.ms=5 --producer-property compression.type=gzip --request-timeout-ms 900"
        ),
    );
    assert!(
        out.contains(
            &"# kplay: compression.type is not simulated in this playground; it is left out"
                .to_owned()
        ),
        "{out:?}"
    );
    let Session::Producer(session) = c.session().clone() else { panic!("a producer session") };
    let spec = p.world().producer(session.client).unwrap().spec().clone();
    assert_eq!(spec.acks, AcksSpec::Leader);
    assert_eq!((spec.linger_ms, spec.request_timeout_ms), (5, 900));
    assert!(!spec.idempotence, "idempotence needs acks=all, so 3.x leaves it off");
    c.input(&mut p, ConsoleInput::Interrupt);

    type_line(
        &mut p,
        &mut c,
        &format!(
            "kafka-console-producer.sh {BS} --topic orders --timeout 20 --producer-property linger.ms=5"
        ),
    );
    let Session::Producer(session) = c.session().clone() else { panic!("a producer session") };
    assert_eq!(p.world().producer(session.client).unwrap().spec().linger_ms, 20);
    c.input(&mut p, ConsoleInput::Interrupt);

    let before = actions(&p);
    let out = type_line(
        &mut p,
        &mut c,
        &format!(
            "kafka-console-producer.sh {BS} --topic orders --producer-property enable.idempotence=true --producer-property acks=1"
        ),
    );
    assert_eq!(
        out,
        [
            "org.apache.kafka.common.config.ConfigException: Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence."
        ]
    );
    assert_eq!(actions(&p), before);
    assert_eq!(c.session(), &Session::Shell);
}
