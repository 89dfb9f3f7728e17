//! The scenario in confluent-kafka (librdkafka underneath): configs as one dict with Kafka's
//! dotted names (`linger.ms`, `enable.idempotence`), `produce()` with a delivery report and
//! `poll()`/`flush()` to serve it, `consume()` for the poll loop, and futures from
//! `AdminClient`. librdkafka's defaults differ from Java's in ways that change where records
//! go (`consistent_random` hashes keys with crc32), so every producer names its partitioner.

use kplay_sim::action::{
    AcksSpec, CommitMode, ConsumerSpec, Membership, OffsetReset, ProducerSpec, SeekTo,
};
use kplay_sim::partitioner::PartitionerKind;

use super::confluent_configs::{assignment_strategy, delivery_report, partitioner};
use super::dialect::{Dialect, Payload, Record};
use super::text::{Listing, py_dict, py_str};

/// The confluent-kafka dialect.
pub(crate) struct Confluent;

const BOOTSTRAP: &str = "'bootstrap.servers': 'localhost:9092',";

impl Dialect for Confluent {
    fn header(&self) -> &'static [&'static str] {
        &["# confluent-kafka (pip install confluent-kafka), against the broker on localhost:9092."]
    }

    fn admin(&self, l: &mut Listing) {
        l.import_from("confluent_kafka.admin", "AdminClient");
        l.line(0, "admin = AdminClient({'bootstrap.servers': 'localhost:9092'})");
    }

    fn create_topic(
        &self,
        l: &mut Listing,
        name: &str,
        partitions: i32,
        rf: i16,
        configs: &[(String, String)],
    ) {
        l.import_from("confluent_kafka.admin", "NewTopic");
        let configs = if configs.is_empty() {
            String::new()
        } else {
            format!(", config={}", py_dict(configs))
        };
        let topic = py_str(name);
        l.line(
            0,
            format!("futures = admin.create_topics([NewTopic({topic}, num_partitions={partitions}, replication_factor={rf}{configs})])"),
        );
        l.line(0, format!("futures[{topic}].result()  # raises if the topic was not created"));
    }

    fn delete_topic(&self, l: &mut Listing, name: &str) {
        let topic = py_str(name);
        l.line(0, format!("admin.delete_topics([{topic}])[{topic}].result()"));
    }

    fn add_partitions(&self, l: &mut Listing, topic: &str, count: i32) {
        l.import_from("confluent_kafka.admin", "NewPartitions");
        let topic = py_str(topic);
        l.line(
            0,
            format!("admin.create_partitions([NewPartitions({topic}, {count})])[{topic}].result()"),
        );
    }

    fn set_topic_config(&self, l: &mut Listing, topic: &str, name: &str, value: Option<&str>) {
        for class in ["ConfigResource", "ConfigEntry", "AlterConfigOpType"] {
            l.import_from("confluent_kafka.admin", class);
        }
        let entry = match value {
            Some(v) => format!(
                "ConfigEntry({}, {}, incremental_operation=AlterConfigOpType.SET)",
                py_str(name),
                py_str(v)
            ),
            None => format!(
                "ConfigEntry({}, None, incremental_operation=AlterConfigOpType.DELETE)",
                py_str(name)
            ),
        };
        l.line(
            0,
            format!(
                "resource = ConfigResource('topic', {}, incremental_configs=[{entry}])",
                py_str(topic)
            ),
        );
        l.line(0, "for future in admin.incremental_alter_configs([resource]).values():");
        l.line(1, "future.result()");
    }

    fn producer_prelude(&self, l: &mut Listing, _spec: &ProducerSpec) {
        delivery_report(l);
    }

    fn producer(&self, l: &mut Listing, var: &str, spec: &ProducerSpec) {
        l.import_from("confluent_kafka", "Producer");
        l.line(0, format!("{var} = Producer({{"));
        l.line(1, BOOTSTRAP);
        l.line(1, format!("'client.id': {},", py_str(&spec.client_id)));
        let acks = match spec.acks {
            AcksSpec::None => "0",
            AcksSpec::Leader => "1",
            AcksSpec::All => "'all'",
        };
        l.line(1, format!("'acks': {acks},"));
        l.line(1, format!("'linger.ms': {},", spec.linger_ms));
        l.line(1, format!("'batch.size': {},", spec.batch_size));
        l.line(1, format!("'retries': {},", super::retries(spec.retries)));
        l.line(1, format!("'retry.backoff.ms': {},", spec.retry_backoff_ms));
        l.line(1, format!("'request.timeout.ms': {},", spec.request_timeout_ms));
        l.line(1, format!("'delivery.timeout.ms': {},", spec.delivery_timeout_ms));
        l.line(1, format!("'enable.idempotence': {},", py_bool(spec.idempotence)));
        l.line(1, format!("'max.in.flight.requests.per.connection': {},", spec.max_in_flight));
        partitioner(l, spec.partitioner);
        l.line(0, "})");
    }

    fn loop_partition(&self, l: &mut Listing, var: &str, spec: &ProducerSpec) -> Option<String> {
        (spec.partitioner == PartitionerKind::RoundRobin).then(|| {
            let topic = py_str(&spec.topic);
            l.line(
                1,
                format!("partitions = len({var}.list_topics({topic}).topics[{topic}].partitions)"),
            );
            "i % partitions".to_owned()
        })
    }

    fn send(&self, l: &mut Listing, indent: usize, var: &str, record: &Record) {
        let mut args = vec![record.topic.clone()];
        if let Some(key) = &record.key {
            args.push(format!("key={}", payload(key)));
        }
        args.push(format!("value={}", payload(&record.value)));
        if !record.headers.is_empty() {
            let headers: Vec<String> = record
                .headers
                .iter()
                .map(|(k, v)| format!("({}, {})", py_str(k), py_str(v)))
                .collect();
            args.push(format!("headers=[{}]", headers.join(", ")));
        }
        if let Some(p) = &record.partition {
            args.push(format!("partition={p}"));
        }
        args.push("on_delivery=delivery_report".to_owned());
        l.line(indent, format!("{var}.produce({})", args.join(", ")));
    }

    fn after_send_in_loop(&self, l: &mut Listing, indent: usize, var: &str) {
        l.line(indent, format!("{var}.poll(0)  # serve delivery reports"));
    }

    fn flush(&self, l: &mut Listing, indent: usize, var: &str) {
        l.line(indent, format!("{var}.flush()"));
    }

    fn close_producer(&self, l: &mut Listing, indent: usize, var: &str) {
        l.line(indent, format!("{var}.flush()"));
    }

    fn consumer(&self, l: &mut Listing, var: &str, spec: &ConsumerSpec) {
        l.import_from("confluent_kafka", "Consumer");
        l.line(0, format!("{var} = Consumer({{"));
        l.line(1, BOOTSTRAP);
        l.line(1, format!("'client.id': {},", py_str(&spec.client_id)));
        match &spec.membership {
            Membership::Group { group_id, assignors, group_instance_id, .. } => {
                l.line(1, format!("'group.id': {},", py_str(group_id)));
                if let Some(instance) = group_instance_id {
                    l.line(1, format!("'group.instance.id': {},", py_str(instance)));
                }
                assignment_strategy(l, assignors);
                l.line(1, format!("'session.timeout.ms': {},", spec.session_timeout_ms));
                l.line(1, format!("'heartbeat.interval.ms': {},", spec.heartbeat_interval_ms));
                l.line(1, format!("'max.poll.interval.ms': {},", spec.max_poll_interval_ms));
            }
            Membership::Standalone { group_id: Some(group), .. } => {
                l.line(1, format!("'group.id': {},", py_str(group)));
            }
            Membership::Standalone { group_id: None, .. } => {
                l.comment(1, "confluent-kafka wants a group.id even for assign(); nothing joins or commits to it.");
                l.line(1, format!("'group.id': {},", py_str(&spec.client_id)));
            }
        }
        let reset = match spec.auto_offset_reset {
            OffsetReset::Earliest => "earliest",
            OffsetReset::Latest => "latest",
            OffsetReset::None => "error",
        };
        l.line(1, format!("'auto.offset.reset': '{reset}',"));
        let no_group = matches!(spec.membership, Membership::Standalone { group_id: None, .. });
        let auto = matches!(spec.commit, CommitMode::Auto { .. }) && !no_group;
        l.line(1, format!("'enable.auto.commit': {},", py_bool(auto)));
        if let (CommitMode::Auto { interval_ms }, true) = (spec.commit, auto) {
            l.line(1, format!("'auto.commit.interval.ms': {interval_ms},"));
        }
        l.line(1, format!("'fetch.wait.max.ms': {},", spec.fetch_max_wait_ms));
        l.comment(1, "librdkafka's consumer times requests out after socket.timeout.ms (its request.timeout.ms).");
        l.line(1, format!("'socket.timeout.ms': {},", spec.request_timeout_ms));
        l.line(0, "})");
        match &spec.membership {
            Membership::Group { topics, .. } => {
                let topics: Vec<String> = topics.iter().map(|t| py_str(t)).collect();
                l.line(0, format!("{var}.subscribe([{}])", topics.join(", ")));
            }
            Membership::Standalone { partitions, .. } => {
                l.import_from("confluent_kafka", "TopicPartition");
                let tps: Vec<String> = partitions
                    .iter()
                    .map(|(t, p)| format!("TopicPartition({}, {p})", py_str(t)))
                    .collect();
                l.line(0, format!("{var}.assign([{}])", tps.join(", ")));
            }
        }
    }

    fn poll_body(&self, l: &mut Listing, var: &str, spec: &ConsumerSpec) {
        l.line(
            1,
            format!(
                "msgs = {var}.consume(num_messages={}, timeout=1.0)  # max.poll.records",
                spec.max_poll_records
            ),
        );
        l.line(1, "for msg in msgs:");
        l.line(2, "if msg.error():");
        l.line(3, "print(msg.error())");
        l.line(3, "continue");
        l.line(
            2,
            "print(f'{msg.topic()}-{msg.partition()}@{msg.offset()}', msg.key(), msg.value())",
        );
        super::processing(l, 2, spec.processing_ms_per_record);
        match spec.commit {
            CommitMode::SyncAfterProcessing => {
                l.line(1, "if msgs:");
                l.line(
                    2,
                    format!(
                        "{var}.commit(asynchronous=False)  # commitSync: waits for the coordinator"
                    ),
                );
            }
            CommitMode::AsyncAfterProcessing => {
                l.line(1, "if msgs:");
                l.line(2, format!("{var}.commit(asynchronous=True)"));
            }
            CommitMode::Auto { .. } | CommitMode::Manual => {}
        }
    }

    fn commit(&self, l: &mut Listing, var: &str) {
        l.import_from("confluent_kafka", "KafkaError");
        l.import_from("confluent_kafka", "KafkaException");
        l.line(0, "try:");
        l.line(1, format!("{var}.commit(asynchronous=False)"));
        l.line(0, "except KafkaException as e:");
        l.comment(1, "librdkafka reports \"nothing new to commit\" as an error; Java's commitSync() does not.");
        l.line(1, "if e.args[0].code() != KafkaError._NO_OFFSET:");
        l.line(2, "raise");
    }

    fn seek(
        &self,
        l: &mut Listing,
        indent: usize,
        var: &str,
        topic: &str,
        partition: i32,
        to: SeekTo,
    ) {
        l.import_from("confluent_kafka", "TopicPartition");
        let topic = py_str(topic);
        let offset = match to {
            SeekTo::Earliest => {
                l.import_from("confluent_kafka", "OFFSET_BEGINNING");
                "OFFSET_BEGINNING".to_owned()
            }
            SeekTo::Latest => {
                l.import_from("confluent_kafka", "OFFSET_END");
                "OFFSET_END".to_owned()
            }
            SeekTo::Offset(o) => o.to_string(),
            SeekTo::Timestamp(ts) => {
                l.comment(
                    0,
                    "The first offset at or after the timestamp (the end if there is none).",
                );
                l.line(indent, format!("found = {var}.offsets_for_times([TopicPartition({topic}, {partition}, {ts})])[0]"));
                l.line(indent, format!("{var}.seek(found)"));
                return;
            }
        };
        l.line(indent, format!("{var}.seek(TopicPartition({topic}, {partition}, {offset}))"));
    }

    fn reset_offsets(&self, l: &mut Listing, group: &str, topic: &str, to: SeekTo) {
        l.import_from("confluent_kafka", "Consumer");
        l.import_from("confluent_kafka", "TopicPartition");
        let topic = py_str(topic);
        l.line(
            0,
            format!("reset = Consumer({{'bootstrap.servers': 'localhost:9092', 'group.id': {}, 'enable.auto.commit': False}})", py_str(group)),
        );
        l.line(0, format!("metadata = reset.list_topics({topic}, timeout=10)"));
        l.line(0, format!("partitions = [TopicPartition({topic}, p) for p in sorted(metadata.topics[{topic}].partitions)]"));
        let at = |offset: &str| {
            format!(
                "offsets = [TopicPartition(tp.topic, tp.partition, {offset}) for tp in partitions]"
            )
        };
        match to {
            SeekTo::Earliest => l.line(0, at("reset.get_watermark_offsets(tp)[0]")),
            SeekTo::Latest => l.line(0, at("reset.get_watermark_offsets(tp)[1]")),
            SeekTo::Offset(o) => l.line(0, at(&o.to_string())),
            SeekTo::Timestamp(ts) => {
                l.line(0, format!("found = reset.offsets_for_times([TopicPartition(tp.topic, tp.partition, {ts}) for tp in partitions])"));
                l.comment(0, "No record that late: the end (the high watermark).");
                l.line(0, "offsets = [tp if tp.offset >= 0 else TopicPartition(tp.topic, tp.partition, reset.get_watermark_offsets(tp)[1]) for tp in found]");
            }
        }
        l.line(0, "reset.commit(offsets=offsets, asynchronous=False)");
        l.line(0, "reset.close()");
    }

    fn close_consumer(&self, l: &mut Listing, indent: usize, var: &str) {
        l.line(indent, format!("{var}.close()"));
    }
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// A key or value as confluent-kafka takes it: `str` or `bytes`.
fn payload(p: &Payload) -> String {
    match p {
        Payload::Text(t) => py_str(t),
        Payload::Str(e) | Payload::Bytes(e) => e.clone(),
        Payload::Null => "None".to_owned(),
    }
}
