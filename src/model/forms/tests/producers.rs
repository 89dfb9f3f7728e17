use kplay_sim::Action;
use kplay_sim::action::{AcksSpec, KeyDistribution, ProducerSpec};
use kplay_sim::partitioner::PartitionerKind;

use super::{facts, only_error, opening, play, take};
use crate::model::forms::producers::{
    Idempotence, Keys, ProduceForm, ProducerForm, RemoveClientForm,
};

#[test]
fn a_librdkafka_producer_is_added_with_the_next_number_and_produces() {
    let mut p = opening(1.0);
    let form = ProducerForm {
        partitioner: PartitionerKind::LibrdkafkaConsistentRandom,
        acks: AcksSpec::Leader,
        rate: "20".into(),
        keys: Keys::Sequence,
        key_count: "4".into(),
        ..ProducerForm::default()
    };
    let Action::AddProducer { id, spec } = form.action(&facts(&p)).unwrap() else { panic!() };
    assert_eq!(id, 4, "the next number after the opening's clients 1-3");
    assert_eq!(spec.client_id, "producer-4");
    assert_eq!(spec.topic, "orders", "blank: the first topic");
    assert_eq!(spec.partitioner, PartitionerKind::LibrdkafkaConsistentRandom);
    assert!(!spec.idempotence, "acks=1 quietly turns the default idempotence off");
    assert_eq!(spec.keys, KeyDistribution::Sequence { keys: 4 });
    assert_eq!(
        (spec.linger_ms, spec.batch_size, spec.max_in_flight),
        (5, 16_384, 5),
        "Java's defaults"
    );
    assert_eq!(spec.retries, i32::MAX as u32);
    take(&mut p, Action::AddProducer { id, spec });
    play(&mut p, 2.0);
    let s = p.snapshot();
    let producer = s.producers.iter().find(|p| p.id == 4).expect("added");
    assert!(producer.acknowledged > 10, "it produces: {}", producer.acknowledged);
    assert!(producer.choices.iter().all(|c| c.reason.contains("crc32")), "{:?}", producer.choices);
}

#[test]
fn every_config_is_read_into_the_spec() {
    let p = opening(0.5);
    let form = ProducerForm {
        id: "40".into(),
        client_id: "billing-writer".into(),
        topic: "orders".into(),
        idempotence: Idempotence::False,
        linger_ms: "100000".into(),
        batch_size: "1024".into(),
        max_in_flight: "1".into(),
        retries: "0".into(),
        rate: "0".into(),
        keys: Keys::HotKeys,
        key_count: "100".into(),
        hot_keys: "2".into(),
        hot_percent: "90".into(),
        value_bytes: "10".into(),
        ..ProducerForm::default()
    };
    let expected = ProducerSpec {
        idempotence: false,
        linger_ms: 100_000,
        batch_size: 1024,
        max_in_flight: 1,
        retries: 0,
        rate_per_sec: 0,
        keys: KeyDistribution::HotKeys { keys: 100, hot_keys: 2, hot_percent: 90 },
        value_bytes: 10,
        delivery_timeout_ms: 130_000,
        ..ProducerSpec::new("billing-writer", "orders")
    };
    assert_eq!(form.action(&facts(&p)).unwrap(), Action::AddProducer { id: 40, spec: expected });
    let keyless = ProducerForm { keys: Keys::None, ..ProducerForm::default() };
    let Action::AddProducer { spec, .. } = keyless.action(&facts(&p)).unwrap() else { panic!() };
    assert_eq!(spec.keys, KeyDistribution::None);
    assert!(spec.idempotence, "on by default");
}

/// A change to a valid form, the field it makes wrong, and the message.
type Case = (fn(&mut ProducerForm), &'static str, &'static str);

#[test]
fn wrong_producer_fields_get_kafkas_messages() {
    let p = opening(0.5);
    let f = facts(&p);
    let form = |f2: fn(&mut ProducerForm)| {
        let mut form = ProducerForm::default();
        f2(&mut form);
        form
    };
    let cases: [Case; 9] = [
        (|f| f.id = "2".into(), "client", "client 2 already exists (the next free number is 4)"),
        (|f| f.topic = "nope".into(), "topic", "there is no topic “nope”"),
        (
            |f| f.linger_ms = "-1".into(),
            "linger.ms",
            "-1 is negative: type a whole number from 0 to 600000",
        ),
        (
            |f| f.max_in_flight = "0".into(),
            "max.in.flight",
            "0 is too small: type a whole number from 1 to 100",
        ),
        (
            |f| f.rate = "50001".into(),
            "rate",
            "50001 is too large: type a whole number from 0 to 50000",
        ),
        (
            |f| {
                f.keys = Keys::HotKeys;
                f.key_count = "3".into();
                f.hot_keys = "4".into()
            },
            "hot.keys",
            "4 is too large: type a whole number from 1 to 3",
        ),
        (
            |f| {
                f.idempotence = Idempotence::True;
                f.acks = AcksSpec::None
            },
            "enable.idempotence",
            "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.",
        ),
        (
            |f| {
                f.idempotence = Idempotence::True;
                f.max_in_flight = "6".into()
            },
            "enable.idempotence",
            "Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.",
        ),
        (
            |f| {
                f.idempotence = Idempotence::True;
                f.retries = "0".into()
            },
            "enable.idempotence",
            "Must set retries to non-zero when using the idempotent producer.",
        ),
    ];
    for (change, field, message) in cases {
        assert_eq!(only_error(form(change).action(&f), field), message);
    }
    let mut crowded = f.clone();
    crowded.room.clients = 0;
    assert_eq!(
        only_error(ProducerForm::default().action(&crowded), "client"),
        "the playground adds at most 200 clients, counting removed ones"
    );
}

#[test]
fn a_record_is_produced_with_key_headers_and_partition() {
    let mut p = opening(1.0);
    let form = ProduceForm {
        key: "user-7".into(),
        value: "hello".into(),
        headers: "trace=abc\nsource=page".into(),
        partition: "2".into(),
        ..ProduceForm::default()
    };
    let action = form.action(&facts(&p)).unwrap();
    assert_eq!(
        action,
        Action::Produce {
            producer: 1,
            topic: "orders".into(),
            key: Some("user-7".into()),
            value: Some("hello".into()),
            headers: vec![("trace".into(), "abc".into()), ("source".into(), "page".into())],
            partition: Some(2),
        }
    );
    let before = p.snapshot().topic("orders").unwrap().partitions[2].log_end;
    take(&mut p, action);
    play(&mut p, 0.5);
    let window = p.snapshot().topic("orders").unwrap().partitions[2].log.clone().unwrap();
    let cell =
        window.cells.iter().find(|c| c.offset >= before && c.key.as_deref() == Some("user-7"));
    assert!(cell.is_some_and(|c| c.headers == 2 && c.value.as_deref() == Some("hello")));

    let tombstone = ProduceForm {
        key: "k".into(),
        value: "ignored".into(),
        tombstone: true,
        ..ProduceForm::default()
    };
    let Action::Produce { value, key, partition, .. } = tombstone.action(&facts(&p)).unwrap()
    else {
        panic!()
    };
    assert_eq!((value, key, partition), (None, Some("k".into()), None));
    let keyless = ProduceForm::default().action(&facts(&p)).unwrap();
    assert!(matches!(keyless, Action::Produce { key: None, value: Some(v), .. } if v.is_empty()));
}

#[test]
fn wrong_produce_and_remove_fields_get_messages() {
    let mut p = opening(0.5);
    let f = facts(&p);
    let produce = |f2: fn(&mut ProduceForm)| {
        let mut form = ProduceForm::default();
        f2(&mut form);
        form
    };
    assert_eq!(
        only_error(produce(|f| f.producer = "2".into()).action(&f), "producer"),
        "client 2 is not a producer"
    );
    assert_eq!(
        only_error(produce(|f| f.producer = "9".into()).action(&f), "producer"),
        "there is no client 9"
    );
    assert_eq!(
        only_error(produce(|f| f.producer = "one".into()).action(&f), "producer"),
        "“one” is not a client number"
    );
    assert_eq!(
        only_error(produce(|f| f.partition = "3".into()).action(&f), "partition"),
        "3 is too large: type a whole number from 0 to 2"
    );
    assert_eq!(
        only_error(produce(|f| f.headers = "x".into()).action(&f), "headers"),
        "“x” is not a header: write name=value"
    );

    let remove = RemoveClientForm { client: String::new() };
    assert_eq!(remove.action(&f, true, true).unwrap(), Action::RemoveClient { id: 1, crash: true });
    assert_eq!(
        remove.action(&f, false, false).unwrap(),
        Action::RemoveClient { id: 2, crash: false }
    );
    let wrong = RemoveClientForm { client: "1".into() };
    assert_eq!(only_error(wrong.action(&f, false, false), "client"), "client 1 is not a consumer");
    take(&mut p, Action::RemoveClient { id: 1, crash: false });
    assert_eq!(
        only_error(remove.action(&facts(&p), true, false), "client"),
        "there is no producer yet: add one first"
    );
}

mod one_producer {
    //! A producer's own "produce one record" form, checked against that producer and its topic.

    use kplay_sim::Action;

    use crate::model::forms::producers::ProduceForm;
    use crate::model::limits::MAX_TEXT;
    use crate::model::snapshot::ProducerSnap;

    fn producer(partitions: i32, compacted: bool) -> ProducerSnap {
        let p = super::super::opening(0.0).snapshot().producers[0].clone();
        ProducerSnap { id: 7, topic: "orders".into(), partitions, compacted, ..p }
    }

    fn form(key: &str, value: &str, partition: &str) -> ProduceForm {
        ProduceForm {
            key: key.into(),
            value: value.into(),
            partition: partition.into(),
            ..ProduceForm::default()
        }
    }

    #[test]
    fn a_filled_form_becomes_a_produce_action_of_that_producer() {
        let action = form("key-1", "hello", " 2 ").action_of(&producer(3, false)).unwrap();
        assert_eq!(
            action,
            Action::Produce {
                producer: 7,
                topic: "orders".into(),
                key: Some("key-1".into()),
                value: Some("hello".into()),
                headers: vec![],
                partition: Some(2),
            }
        );
        let keyless = form("", "v", "").action_of(&producer(3, false)).unwrap();
        assert!(matches!(keyless, Action::Produce { key: None, partition: None, .. }));
        let tombstone = ProduceForm { tombstone: true, ..form("k", "ignored", "") };
        let action = tombstone.action_of(&producer(3, false)).unwrap();
        assert!(matches!(action, Action::Produce { value: None, .. }));
    }

    #[test]
    fn a_partition_the_topic_does_not_have_is_refused_with_the_range() {
        let err = form("k", "v", "3").action_of(&producer(3, false)).unwrap_err();
        assert_eq!(err, "partition: 3 is too large: type a whole number from 0 to 2");
        let err = form("k", "v", "-1").action_of(&producer(3, false)).unwrap_err();
        assert!(err.contains("-1 is negative"), "{err}");
        let err = form("k", "v", "two").action_of(&producer(3, false)).unwrap_err();
        assert!(err.contains("“two” is not a number"), "{err}");
    }

    #[test]
    fn compacted_topics_need_a_key_and_long_texts_are_refused() {
        let err = form("", "v", "").action_of(&producer(1, true)).unwrap_err();
        assert!(err.starts_with("key: orders is compacted (cleanup.policy=compact)"), "{err}");
        assert!(form("k", "v", "").action_of(&producer(1, true)).is_ok());
        let long = "x".repeat(MAX_TEXT + 1);
        let err = form(&long, "v", "").action_of(&producer(1, false)).unwrap_err();
        assert!(err.contains("the key is longer"), "{err}");
    }
}
