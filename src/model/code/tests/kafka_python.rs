//! kafka-python: each action's calls and each spec setting under kafka-python's own names.

use kplay_sim::action::{
    AcksSpec, Action, CommitMode, KeyDistribution, Membership, OffsetReset, SeekTo,
};
use kplay_sim::partitioner::PartitionerKind;

use super::super::kafka_python;
use super::scenario::{consumer, every_action, producer, record};

fn with_producer(kind: PartitionerKind, then: &[Action]) -> String {
    let mut actions = vec![Action::AddProducer {
        id: 1,
        spec: producer("orders-app", kind, 0, KeyDistribution::None),
    }];
    actions.extend_from_slice(then);
    kafka_python(&actions)
}

#[track_caller]
fn has(text: &str, part: &str) {
    assert!(text.contains(part), "missing {part:?} in:\n{text}");
}

#[test]
fn topics_are_made_with_the_admin_client() {
    let text = kafka_python(&every_action());
    has(
        &text,
        "from kafka.admin import ConfigResource, ConfigResourceType, NewPartitions, NewTopic\n",
    );
    has(&text, "admin = KafkaAdminClient(bootstrap_servers='localhost:9092')\n");
    has(
        &text,
        "admin.create_topics([NewTopic('orders', num_partitions=3, replication_factor=3, \
         topic_configs={'min.insync.replicas': '2'})])\n",
    );
    has(&text, "admin.create_partitions({'orders': NewPartitions(total_count=6)})\n");
    has(
        &text,
        "admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, 'orders', \
         configs={'retention.ms': '60000'})])\n",
    );
    has(
        &text,
        "admin.reset_configs([ConfigResource(ConfigResourceType.TOPIC, 'orders', \
         configs=['retention.ms'])])\n",
    );
    has(&text, "admin.delete_topics(['payments.v1'])\n");
    assert_eq!(text.matches("admin = KafkaAdminClient").count(), 1, "one admin client");
}

#[test]
fn a_producer_spec_maps_to_kafka_python_names() {
    let mut spec = producer("orders-app", PartitionerKind::JavaDefault, 0, KeyDistribution::None);
    spec.acks = AcksSpec::Leader;
    spec.linger_ms = 20;
    spec.batch_size = 32_768;
    spec.idempotence = false;
    spec.max_in_flight = 1;
    spec.retries = 3;
    spec.delivery_timeout_ms = 60_000;
    let text = kafka_python(&[Action::AddProducer { id: 1, spec }]);
    for part in [
        "orders_app = KafkaProducer(\n    bootstrap_servers='localhost:9092',\n",
        "    client_id='orders-app',\n",
        "    acks=1,\n",
        "    linger_ms=20,\n",
        "    batch_size=32768,\n",
        "    retries=3,\n",
        "    delivery_timeout_ms=60000,\n",
        "    enable_idempotence=False,\n",
        "    max_in_flight_requests_per_connection=1,\n",
    ] {
        has(&text, part);
    }
    let defaults = with_producer(PartitionerKind::JavaDefault, &[]);
    has(&defaults, "    acks='all',\n");
    has(&defaults, "    retries=2147483647,\n");
    has(&defaults, "    enable_idempotence=True,\n");
}

#[test]
fn each_partitioner_has_its_kafka_python_counterpart() {
    let java = with_producer(PartitionerKind::JavaDefault, &[]);
    has(&java, "    partitioner=StickyPartitioner(),\n");
    has(&java, "from kafka.partitioner import StickyPartitioner\n");
    has(&java, "until\n    # batch.size bytes went there (KIP-794)");
    let python = with_producer(PartitionerKind::KafkaPython, &[]);
    has(&python, "    partitioner=DefaultPartitioner(),\n");
    let crc = with_producer(PartitionerKind::LibrdkafkaConsistentRandom, &[]);
    has(&crc, "class Crc32Partitioner(Partitioner):\n");
    has(&crc, "return partitions[zlib.crc32(serialized_key) % len(partitions)]");
    has(&crc, "    partitioner=Crc32Partitioner(),\n");
    let rr = with_producer(PartitionerKind::RoundRobin, &[]);
    has(&rr, "class RoundRobinPartitioner(Partitioner):\n");
    has(&rr, "    partitioner=RoundRobinPartitioner(),\n");
    let mut two = vec![];
    for id in [1, 2] {
        let spec = producer("p", PartitionerKind::RoundRobin, 0, KeyDistribution::None);
        two.push(Action::AddProducer { id, spec });
    }
    let text = kafka_python(&two);
    assert_eq!(text.matches("class RoundRobinPartitioner").count(), 1, "defined once:\n{text}");
    has(&text, "producer_2 = KafkaProducer(");
}

#[test]
fn records_are_sent_as_bytes_then_flushed_once() {
    let text = with_producer(
        PartitionerKind::JavaDefault,
        &[
            record(Some("user-42"), Some("hello")),
            record(None, Some("keyless")),
            record(Some("user-42"), None),
            Action::Produce {
                producer: 1,
                topic: "orders".into(),
                key: Some("k".into()),
                value: Some("v".into()),
                headers: vec![("trace-id".into(), "abc".into())],
                partition: Some(2),
            },
        ],
    );
    has(&text, "orders_app.send('orders', key=b'user-42', value=b'hello')\n");
    has(&text, "orders_app.send('orders', value=b'keyless')\n");
    has(&text, "orders_app.send('orders', key=b'user-42', value=None)\n");
    has(&text, "key=b'k', value=b'v', headers=[('trace-id', b'abc')], partition=2)\n");
    assert_eq!(text.matches("orders_app.flush()").count(), 1, "{text}");
}

#[test]
fn a_rate_becomes_a_sending_thread() {
    let keys = KeyDistribution::Sequence { keys: 4 };
    let spec = producer("seq", PartitionerKind::JavaDefault, 20, keys);
    let text = kafka_python(&[
        Action::AddProducer { id: 1, spec },
        Action::RemoveClient { id: 1, crash: false },
    ]);
    has(&text, "def produce_seq():\n");
    has(&text, "    i = 0\n    while not stop_seq.is_set():\n        key = f'key-{i % 4}'\n");
    has(&text, "        i += 1\n");
    has(&text, "        seq.send('orders', key=key.encode(), value=b'x' * 100)\n");
    has(&text, "        stop_seq.wait(0.05)\n");
    has(&text, "threading.Thread(target=produce_seq, daemon=True).start()\n");
    has(&text, "stop_seq.set()\n");
    has(&text, "seq.close()\n");
    let hot = KeyDistribution::HotKeys { keys: 10, hot_keys: 2, hot_percent: 80 };
    let spec = producer("hot", PartitionerKind::JavaDefault, 5, hot);
    let text = kafka_python(&[Action::AddProducer { id: 1, spec }]);
    has(&text, "key = f'key-{random.randrange(2 if random.randrange(100) < 80 else 10)}'");
    assert!(!text.contains("i += 1"), "no counter where nothing reads it:\n{text}");
}

#[test]
fn a_group_consumer_subscribes_with_its_configs() {
    let mut spec = consumer("billing-1");
    spec.auto_offset_reset = OffsetReset::Earliest;
    spec.session_timeout_ms = 10_000;
    if let Membership::Group { group_instance_id, .. } = &mut spec.membership {
        *group_instance_id = Some("host-a".into());
    }
    let text = kafka_python(&[Action::AddConsumer { id: 5, spec }]);
    for part in [
        "billing_1 = KafkaConsumer(\n    'orders',\n    bootstrap_servers='localhost:9092',\n",
        "    group_id='billing',\n",
        "    group_instance_id='host-a',\n",
        // Java's default list mixes eager and cooperative assignors, which kafka-python refuses.
        "    # cooperative-sticky left out: kafka-python refuses to mix eager and cooperative assignors.\n",
        "    partition_assignment_strategy=[RangePartitionAssignor],\n",
        "from kafka.coordinator.assignors.range import RangePartitionAssignor\n",
        "    session_timeout_ms=10000,\n",
        "    heartbeat_interval_ms=3000,\n",
        "    max_poll_interval_ms=300000,\n",
        "    max_poll_records=500,\n",
        "    auto_offset_reset='earliest',\n",
        "    enable_auto_commit=True,\n",
        "    auto_commit_interval_ms=5000,\n",
        "    fetch_max_wait_ms=500,\n",
        "def poll_billing_1():\n    \"\"\"One round of billing_1's poll loop.\"\"\"\n    batches = billing_1.poll(timeout_ms=1000)\n",
        "try:\n    while True:\n        poll_billing_1()\nfinally:\n    billing_1.close()\n",
    ] {
        has(&text, part);
    }
}

#[test]
fn commit_modes_and_standalone_consumers() {
    let mut sync = consumer("c");
    sync.commit = CommitMode::SyncAfterProcessing;
    sync.processing_ms_per_record = 20;
    let text = kafka_python(&[Action::AddConsumer { id: 1, spec: sync.clone() }]);
    has(&text, "    if batches:\n        c.commit()");
    has(&text, "time.sleep(0.02)  # processing: 20 ms a record");
    sync.commit = CommitMode::AsyncAfterProcessing;
    has(&kafka_python(&[Action::AddConsumer { id: 1, spec: sync.clone() }]), "c.commit_async()");
    sync.commit = CommitMode::Manual;
    sync.auto_offset_reset = OffsetReset::None;
    let text = kafka_python(&[
        Action::AddConsumer { id: 1, spec: sync.clone() },
        Action::Commit { id: 1 },
    ]);
    has(&text, "    enable_auto_commit=False,\n");
    has(&text, "    auto_offset_reset='none',\n");
    has(&text, "\nc.commit()\n");
    sync.membership = Membership::Standalone {
        group_id: None,
        partitions: vec![("orders".into(), 0), ("orders".into(), 1)],
    };
    let text = kafka_python(&[Action::AddConsumer { id: 1, spec: sync }]);
    has(&text, "    group_id=None,\n");
    has(&text, "c.assign([TopicPartition('orders', 0), TopicPartition('orders', 1)])\n");
    assert!(!text.contains("partition_assignment_strategy"), "{text}");
}

#[test]
fn seeks_and_offset_resets() {
    let seek = |to| {
        kafka_python(&[
            Action::AddConsumer { id: 5, spec: consumer("c") },
            Action::Seek { id: 5, topic: "orders".into(), partition: 1, to },
        ])
    };
    let text = seek(SeekTo::Offset(7));
    has(&text, "while not c.assignment():\n    poll_c()\n");
    has(
        &text,
        "if TopicPartition('orders', 1) in c.assignment():\n    tp = TopicPartition('orders', 1)\n    c.seek(tp, 7)\n",
    );
    has(&seek(SeekTo::Earliest), "c.seek_to_beginning(tp)\n");
    has(&seek(SeekTo::Latest), "c.seek_to_end(tp)\n");
    has(&seek(SeekTo::Timestamp(1_000)), "found = c.offsets_for_times({tp: 1000})[tp]\n");
    let reset = |to| {
        kafka_python(&[Action::ResetOffsets {
            group: "billing".into(),
            topic: "orders".into(),
            to,
        }])
    };
    let text = reset(SeekTo::Earliest);
    has(
        &text,
        "reset = KafkaConsumer(bootstrap_servers='localhost:9092', group_id='billing', enable_auto_commit=False)\n",
    );
    has(&text, "offsets = reset.beginning_offsets(partitions)\n");
    has(
        &text,
        "reset.commit({tp: OffsetAndMetadata(offset, '', -1) for tp, offset in offsets.items()})\n",
    );
    has(&reset(SeekTo::Latest), "offsets = reset.end_offsets(partitions)\n");
    has(&reset(SeekTo::Offset(3)), "offsets = {tp: 3 for tp in partitions}\n");
    has(
        &reset(SeekTo::Timestamp(60_000)),
        "found = reset.offsets_for_times({tp: 60000 for tp in partitions})\n",
    );
}

#[test]
fn closing_crashing_and_pausing_clients() {
    let text = kafka_python(&[
        Action::AddConsumer { id: 1, spec: consumer("a") },
        Action::AddConsumer { id: 2, spec: consumer("b") },
        Action::AddConsumer { id: 3, spec: consumer("c") },
        Action::PauseConsumer { id: 3, paused: true },
        Action::RemoveClient { id: 1, crash: false },
        Action::RemoveClient { id: 2, crash: true },
    ]);
    has(&text, "\na.close()\n");
    has(&text, "Crash b: as a program of its own it would be killed (kill -9)");
    assert!(!text.contains("b.close()"), "a crashed consumer is not closed:\n{text}");
    has(&text, "Pause c: its application stops calling poll()");
    has(&text, "    while True:\n        time.sleep(1)\nfinally:\n    c.close()\n");
    let resumed = kafka_python(&[
        Action::AddConsumer { id: 3, spec: consumer("c") },
        Action::PauseConsumer { id: 3, paused: true },
        Action::PauseConsumer { id: 3, paused: false },
    ]);
    has(&resumed, "    while True:\n        poll_c()\n");
}

#[test]
fn broker_and_network_actions_are_operator_notes() {
    let text = kafka_python(&every_action());
    has(
        &text,
        "# Stop broker 2 cleanly (controlled shutdown: its leaderships move first). On broker 2's host:\n#   bin/kafka-server-stop.sh\n",
    );
    has(&text, "#   kill -9 \"$(pgrep -f kafka.Kafka)\"\n");
    has(&text, "#   bin/kafka-server-start.sh -daemon config/server.properties\n");
    has(&text, "#   node.id=4\n#   broker.rack=rack-b\n");
    has(&text, "#   tc qdisc replace dev eth0 root netem delay 20ms 5ms loss 0.1%\n");
    has(&text, "#   tc qdisc replace dev eth0 root netem delay 200ms\n");
    has(&text, "# Cut broker 1, client 5 off from the network.");
    has(&text, "#   iptables -F\n");
}

#[test]
fn assignors_of_one_protocol_are_all_kept() {
    let mut spec = consumer("c");
    if let Membership::Group { assignors, .. } = &mut spec.membership {
        *assignors = vec!["cooperative-sticky".into()];
    }
    let text = kafka_python(&[Action::AddConsumer { id: 1, spec: spec.clone() }]);
    has(&text, "    partition_assignment_strategy=[CooperativeStickyAssignor],\n");
    has(
        &text,
        "from kafka.coordinator.assignors.cooperative_sticky import CooperativeStickyAssignor\n",
    );
    if let Membership::Group { assignors, .. } = &mut spec.membership {
        *assignors = vec!["sticky".into(), "roundrobin".into()];
    }
    let text = kafka_python(&[Action::AddConsumer { id: 1, spec }]);
    has(
        &text,
        "    partition_assignment_strategy=[StickyPartitionAssignor, RoundRobinPartitionAssignor],\n",
    );
    assert!(!text.contains("left out"), "{text}");
}
