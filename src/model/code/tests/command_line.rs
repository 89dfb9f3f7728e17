//! The command line: Kafka's scripts with the right options, config files with each setting,
//! kcat where the console tools cannot say what the action does, and background clients
//! closed, crashed and paused by their process ids.

use kplay_sim::action::{
    AcksSpec, Action, CommitMode, KeyDistribution, Membership, OffsetReset, SeekTo,
};
use kplay_sim::partitioner::PartitionerKind;

use super::super::command_line;
use super::scenario::{consumer, every_action, producer, record};

#[track_caller]
fn has(text: &str, part: &str) {
    assert!(text.contains(part), "missing {part:?} in:\n{text}");
}

#[test]
fn topics_and_configs_with_kafka_scripts() {
    let text = command_line(&every_action());
    has(&text, "#!/usr/bin/env bash\n");
    has(
        &text,
        "bin/kafka-topics.sh \\\n    --bootstrap-server localhost:9092 \\\n    --create \\\n    --topic orders \\\n    \
         --partitions 3 \\\n    --replication-factor 3 \\\n    --config min.insync.replicas=2\n",
    );
    has(
        &text,
        "bin/kafka-topics.sh --bootstrap-server localhost:9092 --alter --topic orders --partitions 6\n",
    );
    has(
        &text,
        "    --entity-type topics \\\n    --entity-name orders \\\n    --add-config retention.ms=60000\n",
    );
    has(&text, "    --delete-config retention.ms\n");
    has(
        &text,
        "bin/kafka-topics.sh --bootstrap-server localhost:9092 --delete --topic payments.v1\n",
    );
    let list = command_line(&[Action::SetTopicConfig {
        topic: "t".into(),
        name: "cleanup.policy".into(),
        value: Some("compact,delete".into()),
    }]);
    has(&list, "--add-config 'cleanup.policy=[compact,delete]'");
}

#[test]
fn a_producer_config_file_holds_every_setting() {
    let mut spec = producer("orders-app", PartitionerKind::JavaDefault, 0, KeyDistribution::None);
    spec.acks = AcksSpec::Leader;
    spec.linger_ms = 20;
    spec.idempotence = false;
    let text = command_line(&[
        Action::AddProducer { id: 1, spec },
        record(Some("user-42"), Some("hello")),
    ]);
    has(
        &text,
        "cat > orders-app.properties <<'EOF'\nclient.id=orders-app\nacks=1\nlinger.ms=20\nbatch.size=16384\n\
         retries=2147483647\nretry.backoff.ms=100\nrequest.timeout.ms=30000\ndelivery.timeout.ms=120000\n\
         enable.idempotence=false\nmax.in.flight.requests.per.connection=5\nEOF\n",
    );
    has(
        &text,
        "    --producer.config orders-app.properties \\\n    --property parse.key=true \\\n    --property key.separator=: <<'EOF'\nuser-42:hello\nEOF\n",
    );
}

#[test]
fn kcat_sends_what_the_console_producer_cannot() {
    let spec = producer("orders-app", PartitionerKind::JavaDefault, 0, KeyDistribution::None);
    let text = command_line(&[
        Action::AddProducer { id: 1, spec },
        record(Some("user-42"), None),
        Action::Produce {
            producer: 1,
            topic: "orders".into(),
            key: Some("k".into()),
            value: Some("it's".into()),
            headers: vec![("trace-id".into(), "abc".into())],
            partition: Some(2),
        },
    ]);
    // kcat is librdkafka: keys land as Java puts them only with murmur2_random.
    has(
        &text,
        "printf '%s\\n' user-42: | kcat -P \\\n    -b localhost:9092 \\\n    -t orders \\\n    \
         -F orders-app.properties \\\n    -X partitioner=murmur2_random \\\n    -K : \\\n    -Z\n",
    );
    has(&text, "printf '%s\\n' 'it'\\''s' | kcat -P");
    has(&text, "    -k k \\\n    -p 2 \\\n");
    has(&text, "    -p 2 \\\n    -H trace-id=abc\n");
    let crc = producer("c", PartitionerKind::LibrdkafkaConsistentRandom, 0, KeyDistribution::None);
    let text =
        command_line(&[Action::AddProducer { id: 1, spec: crc }, record(Some("k"), Some("v"))]);
    has(&text, "-X partitioner=consistent_random");
    assert!(!text.contains("kafka-console-producer"), "{text}");
}

#[test]
fn rates_run_in_the_background() {
    let spec = producer("metrics", PartitionerKind::RoundRobin, 3, KeyDistribution::None);
    let text = command_line(&[Action::AddProducer { id: 3, spec }]);
    has(
        &text,
        "bin/kafka-producer-perf-test.sh \\\n    --topic orders \\\n    --num-records 2147483647 \\\n    --throughput 3 \\\n    --record-size 100 \\\n    --producer.config metrics.properties \\\n",
    );
    has(
        &text,
        "partitioner.class=org.apache.kafka.clients.producer.RoundRobinPartitioner &\nCLIENT_3=$!\n",
    );
    has(&text, "\nwait\n");
    let keyed =
        producer("clicks", PartitionerKind::JavaDefault, 10, KeyDistribution::Uniform { keys: 8 });
    let text = command_line(&[Action::AddProducer { id: 2, spec: keyed }]);
    has(
        &text,
        "for ((i = 0; ; i++)); do\n    printf 'key-%d:%0100d\\n' \"$((RANDOM % 8))\" \"$i\"\n    sleep 0.1\ndone | bin/kafka-console-producer.sh",
    );
    has(&text, "    --property key.separator=: &\nCLIENT_2=$!\n");
}

#[test]
fn a_group_consumer_runs_the_console_consumer() {
    let mut spec = consumer("billing-1");
    spec.auto_offset_reset = OffsetReset::Earliest;
    if let Membership::Group { assignors, .. } = &mut spec.membership {
        *assignors = vec!["roundrobin".into(), "sticky".into()];
    }
    let text = command_line(&[Action::AddConsumer { id: 5, spec }]);
    for part in [
        "client.id=billing-1\n",
        "partition.assignment.strategy=org.apache.kafka.clients.consumer.RoundRobinAssignor,org.apache.kafka.clients.consumer.StickyAssignor\n",
        "session.timeout.ms=45000\n",
        "max.poll.records=500\n",
        "auto.offset.reset=earliest\n",
        "enable.auto.commit=true\nauto.commit.interval.ms=5000\n",
        "fetch.max.wait.ms=500\n",
        "bin/kafka-console-consumer.sh \\\n    --bootstrap-server localhost:9092 \\\n    --topic orders \\\n    --group billing \\\n    --consumer.config billing-1.properties \\\n",
        "    --property print.offset=true &\nCLIENT_5=$!\n",
    ] {
        has(&text, part);
    }
    let mut manual = consumer("m");
    manual.commit = CommitMode::Manual;
    has(
        &command_line(&[Action::AddConsumer { id: 1, spec: manual }]),
        "enable.auto.commit=false\n",
    );
}

#[test]
fn a_standalone_consumer_runs_kcat_per_partition() {
    let mut spec = consumer("audit");
    spec.membership = Membership::Standalone {
        group_id: Some("audit-group".into()),
        partitions: vec![("orders".into(), 0), ("orders".into(), 1)],
    };
    let text = command_line(&[
        Action::AddConsumer { id: 7, spec },
        Action::RemoveClient { id: 7, crash: false },
    ]);
    has(
        &text,
        "kcat -C \\\n    -b localhost:9092 \\\n    -t orders \\\n    -p 1 \\\n    -o stored \\\n",
    );
    has(&text, "-X group.id=audit-group");
    has(&text, "CLIENT_7=\"$!\"\n");
    has(&text, "CLIENT_7=\"$CLIENT_7 $!\"\n");
    has(&text, "\nkill $CLIENT_7\n");
}

#[test]
fn clients_are_closed_crashed_and_paused_by_process_id() {
    let text = command_line(&[
        Action::AddConsumer { id: 1, spec: consumer("a") },
        Action::PauseConsumer { id: 1, paused: true },
        Action::PauseConsumer { id: 1, paused: false },
        Action::Commit { id: 1 },
        Action::RemoveClient { id: 1, crash: true },
    ]);
    has(&text, "\nkill -STOP $CLIENT_1\n");
    has(&text, "\nkill -CONT $CLIENT_1\n");
    has(&text, "the console consumer has no command for that");
    has(
        &text,
        "# Crash client 1: no LeaveGroup, no last commit; the coordinator notices after session.timeout.ms (45000 ms).\nkill -9 $CLIENT_1\n",
    );
    assert!(!text.contains("\nwait\n"), "nothing left running:\n{text}");
}

#[test]
fn seeks_and_offset_resets() {
    let text = command_line(&[
        Action::AddConsumer { id: 5, spec: consumer("c") },
        Action::Seek { id: 5, topic: "orders".into(), partition: 1, to: SeekTo::Offset(7) },
    ]);
    has(&text, "#   kcat -C -b localhost:9092 -t orders -p 1 -o 7\n");
    let reset = |to| {
        command_line(&[Action::ResetOffsets {
            group: "billing".into(),
            topic: "orders".into(),
            to,
        }])
    };
    has(
        &reset(SeekTo::Earliest),
        "bin/kafka-consumer-groups.sh \\\n    --bootstrap-server localhost:9092 \\\n    --group billing \\\n    \
         --topic orders \\\n    --reset-offsets \\\n    --to-earliest \\\n    --execute\n",
    );
    has(&reset(SeekTo::Latest), "    --to-latest \\\n");
    has(&reset(SeekTo::Offset(7)), "    --to-offset 7 \\\n");
    has(
        &reset(SeekTo::Timestamp(1_700_000_000_123)),
        "    --to-datetime 2023-11-14T22:13:20.123Z \\\n",
    );
}

#[test]
fn broker_actions_are_comments() {
    let text = command_line(&every_action());
    has(
        &text,
        "# Stop broker 2 cleanly (controlled shutdown: its leaderships move first). On broker 2's host:\n#   bin/kafka-server-stop.sh\n",
    );
    has(
        &text,
        "# Start broker 2 again. On broker 2's host:\n#   bin/kafka-server-start.sh -daemon config/server.properties\n",
    );
    for line in text.lines().filter(|l| l.contains("kafka-server-st")) {
        assert!(line.starts_with('#'), "an operator's command is never run by the script: {line}");
    }
}
