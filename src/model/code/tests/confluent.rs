//! confluent-kafka: each action's calls, each spec setting under librdkafka's names, and the
//! settings that keep librdkafka placing and assigning as the simulated client does.

use kplay_sim::action::{
    AcksSpec, Action, CommitMode, KeyDistribution, Membership, OffsetReset, SeekTo,
};
use kplay_sim::partitioner::PartitionerKind;

use super::super::confluent_kafka;
use super::scenario::{consumer, every_action, producer, record};

fn with_producer(kind: PartitionerKind, rate: u32) -> String {
    let spec = producer("orders-app", kind, rate, KeyDistribution::Uniform { keys: 8 });
    confluent_kafka(&[Action::AddProducer { id: 1, spec }])
}

#[track_caller]
fn has(text: &str, part: &str) {
    assert!(text.contains(part), "missing {part:?} in:\n{text}");
}

#[test]
fn topics_are_made_with_the_admin_client_and_awaited() {
    let text = confluent_kafka(&every_action());
    has(&text, "admin = AdminClient({'bootstrap.servers': 'localhost:9092'})\n");
    has(
        &text,
        "futures = admin.create_topics([NewTopic('orders', num_partitions=3, replication_factor=3, \
         config={'min.insync.replicas': '2'})])\nfutures['orders'].result()",
    );
    has(&text, "admin.create_partitions([NewPartitions('orders', 6)])['orders'].result()\n");
    has(&text, "ConfigEntry('retention.ms', '60000', incremental_operation=AlterConfigOpType.SET)");
    has(&text, "ConfigEntry('retention.ms', None, incremental_operation=AlterConfigOpType.DELETE)");
    has(
        &text,
        "for future in admin.incremental_alter_configs([resource]).values():\n    future.result()\n",
    );
    has(&text, "admin.delete_topics(['payments.v1'])['payments.v1'].result()\n");
}

#[test]
fn a_producer_spec_maps_to_librdkafka_names() {
    let mut spec = producer("orders-app", PartitionerKind::JavaDefault, 0, KeyDistribution::None);
    spec.acks = AcksSpec::None;
    spec.linger_ms = 0;
    spec.batch_size = 1_000;
    spec.idempotence = false;
    spec.max_in_flight = 2;
    spec.retry_backoff_ms = 250;
    let text = confluent_kafka(&[Action::AddProducer { id: 1, spec }]);
    for part in [
        "orders_app = Producer({\n    'bootstrap.servers': 'localhost:9092',\n",
        "    'client.id': 'orders-app',\n",
        "    'acks': 0,\n",
        "    'linger.ms': 0,\n",
        "    'batch.size': 1000,\n",
        "    'retries': 2147483647,\n",
        "    'retry.backoff.ms': 250,\n",
        "    'request.timeout.ms': 30000,\n",
        "    'delivery.timeout.ms': 120000,\n",
        "    'enable.idempotence': False,\n",
        "    'max.in.flight.requests.per.connection': 2,\n",
    ] {
        has(&text, part);
    }
}

#[test]
fn a_java_default_producer_asks_for_murmur2() {
    // librdkafka's own default (consistent_random, crc32) would put keys on other partitions.
    let java = with_producer(PartitionerKind::JavaDefault, 0);
    has(&java, "    'partitioner': 'murmur2_random',\n");
    has(&java, "librdkafka's default, consistent_random, uses crc32");
    has(
        &with_producer(PartitionerKind::JavaLegacySticky, 0),
        "    'partitioner': 'murmur2_random',\n",
    );
    has(
        &with_producer(PartitionerKind::LibrdkafkaMurmur2Random, 0),
        "    'partitioner': 'murmur2_random',\n",
    );
    let python = with_producer(PartitionerKind::KafkaPython, 0);
    has(&python, "    'partitioner': 'murmur2_random',\n    'sticky.partitioning.linger.ms': 0,\n");
    has(
        &with_producer(PartitionerKind::LibrdkafkaConsistentRandom, 0),
        "    'partitioner': 'consistent_random',\n",
    );
    let rr = with_producer(PartitionerKind::RoundRobin, 4);
    has(&rr, "librdkafka has no round-robin partitioner");
    assert!(!rr.contains("'partitioner'"), "{rr}");
    has(
        &rr,
        "    partitions = len(orders_app.list_topics('orders').topics['orders'].partitions)\n",
    );
    has(&rr, "partition=i % partitions, on_delivery=delivery_report)\n");
}

#[test]
fn records_are_produced_with_a_delivery_report_then_flushed() {
    let spec = producer("orders-app", PartitionerKind::JavaDefault, 0, KeyDistribution::None);
    let text = confluent_kafka(&[
        Action::AddProducer { id: 1, spec },
        record(Some("user-42"), Some("hello")),
        record(Some("user-42"), None),
        Action::Produce {
            producer: 1,
            topic: "orders".into(),
            key: None,
            value: Some("v".into()),
            headers: vec![("trace-id".into(), "abc".into())],
            partition: Some(2),
        },
    ]);
    has(&text, "def delivery_report(err, msg):\n");
    has(
        &text,
        "orders_app.produce('orders', key='user-42', value='hello', on_delivery=delivery_report)\n",
    );
    has(
        &text,
        "orders_app.produce('orders', key='user-42', value=None, on_delivery=delivery_report)\n",
    );
    has(
        &text,
        "value='v', headers=[('trace-id', 'abc')], partition=2, on_delivery=delivery_report)\n",
    );
    assert_eq!(
        text.matches("orders_app.flush()").count(),
        2,
        "one after the sends, one at the end:\n{text}"
    );
    let loop_text = with_producer(PartitionerKind::JavaDefault, 10);
    has(
        &loop_text,
        "        orders_app.produce('orders', key=key, value=b'x' * 100, on_delivery=delivery_report)\n        orders_app.poll(0)",
    );
}

#[test]
fn a_group_consumer_subscribes_with_its_configs() {
    let mut spec = consumer("billing-1");
    spec.auto_offset_reset = OffsetReset::None;
    spec.commit = CommitMode::AsyncAfterProcessing;
    let text = confluent_kafka(&[Action::AddConsumer { id: 5, spec }]);
    for part in [
        "billing_1 = Consumer({\n    'bootstrap.servers': 'localhost:9092',\n",
        "    'group.id': 'billing',\n",
        "    'session.timeout.ms': 45000,\n",
        "    'heartbeat.interval.ms': 3000,\n",
        "    'max.poll.interval.ms': 300000,\n",
        "    'auto.offset.reset': 'error',\n",
        "    'enable.auto.commit': False,\n",
        "    'fetch.wait.max.ms': 500,\n",
        "billing_1.subscribe(['orders'])\n",
        "    msgs = billing_1.consume(num_messages=500, timeout=1.0)",
        "    if msgs:\n        billing_1.commit(asynchronous=True)\n",
    ] {
        has(&text, part);
    }
    // Java's default list mixes eager and cooperative assignors, which librdkafka refuses.
    has(&text, "    'partition.assignment.strategy': 'range',\n");
    has(&text, "# cooperative-sticky left out: librdkafka refuses to mix eager and cooperative");
    let mut cooperative = consumer("c");
    if let Membership::Group { assignors, .. } = &mut cooperative.membership {
        *assignors = vec!["cooperative-sticky".into()];
    }
    let text = confluent_kafka(&[Action::AddConsumer { id: 1, spec: cooperative }]);
    has(&text, "    'partition.assignment.strategy': 'cooperative-sticky',\n");
    has(&text, "    'enable.auto.commit': True,\n    'auto.commit.interval.ms': 5000,\n");
}

#[test]
fn a_standalone_consumer_assigns_and_still_names_a_group() {
    let mut spec = consumer("audit");
    spec.membership =
        Membership::Standalone { group_id: None, partitions: vec![("orders".into(), 2)] };
    let text = confluent_kafka(&[Action::AddConsumer { id: 1, spec }, Action::Commit { id: 1 }]);
    has(&text, "confluent-kafka wants a group.id even for assign()");
    has(&text, "    'group.id': 'audit',\n");
    has(&text, "    'enable.auto.commit': False,\n");
    has(&text, "audit.assign([TopicPartition('orders', 2)])\n");
    has(&text, "try:\n    audit.commit(asynchronous=False)\nexcept KafkaException as e:\n");
    has(&text, "    if e.args[0].code() != KafkaError._NO_OFFSET:\n        raise\n");
}

#[test]
fn seeks_and_offset_resets() {
    let seek = |to| {
        confluent_kafka(&[
            Action::AddConsumer { id: 5, spec: consumer("c") },
            Action::Seek { id: 5, topic: "orders".into(), partition: 1, to },
        ])
    };
    has(&seek(SeekTo::Offset(7)), "c.seek(TopicPartition('orders', 1, 7))\n");
    let text = seek(SeekTo::Earliest);
    has(&text, "c.seek(TopicPartition('orders', 1, OFFSET_BEGINNING))\n");
    has(&text, "from confluent_kafka import Consumer, OFFSET_BEGINNING, TopicPartition\n");
    has(&seek(SeekTo::Latest), "c.seek(TopicPartition('orders', 1, OFFSET_END))\n");
    has(
        &seek(SeekTo::Timestamp(9)),
        "    found = c.offsets_for_times([TopicPartition('orders', 1, 9)])[0]\n    c.seek(found)\n",
    );
    let reset = |to| {
        confluent_kafka(&[Action::ResetOffsets {
            group: "billing".into(),
            topic: "orders".into(),
            to,
        }])
    };
    let text = reset(SeekTo::Earliest);
    has(
        &text,
        "reset = Consumer({'bootstrap.servers': 'localhost:9092', 'group.id': 'billing', 'enable.auto.commit': False})\n",
    );
    has(&text, "TopicPartition(tp.topic, tp.partition, reset.get_watermark_offsets(tp)[0])");
    has(&text, "reset.commit(offsets=offsets, asynchronous=False)\nreset.close()\n");
    has(&reset(SeekTo::Latest), "reset.get_watermark_offsets(tp)[1]) for tp in partitions]");
    has(
        &reset(SeekTo::Offset(4)),
        "TopicPartition(tp.topic, tp.partition, 4) for tp in partitions]",
    );
    has(
        &reset(SeekTo::Timestamp(5)),
        "found = reset.offsets_for_times([TopicPartition(tp.topic, tp.partition, 5) for tp in partitions])",
    );
}

#[test]
fn closing_and_operator_notes() {
    let text = confluent_kafka(&every_action());
    has(&text, "# Close billing_2: it leaves its group");
    has(&text, "\nbilling_2.close()\n");
    has(
        &text,
        "stop_clicks.set()\n# Close clicks: it sends what is buffered first.\nclicks.flush()\n",
    );
    has(&text, "#   bin/kafka-server-stop.sh\n");
    has(
        &text,
        "#   bin/kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic orders\n",
    );
}
