//! The scenario in kafka-python (3.x), as the seed tutorials write it: `KafkaProducer` and
//! `KafkaConsumer` with keyword configs (`linger_ms`, `enable_idempotence`), bytes for keys and
//! values, `KafkaAdminClient` for topics. Where kafka-python has no partitioner that places
//! records as the simulated producer does, the listing defines one or says what differs.

use kplay_sim::action::{
    AcksSpec, CommitMode, ConsumerSpec, Membership, OffsetReset, ProducerSpec, SeekTo,
};
use kplay_sim::partitioner::PartitionerKind;

use super::dialect::{Dialect, Payload, Record, one_protocol};
use super::kafka_python_partitioners::{crc32_partitioner, partitioner, round_robin_partitioner};
use super::text::{Listing, py_bytes, py_dict, py_str};

/// The kafka-python dialect.
pub(crate) struct KafkaPython;

const BOOTSTRAP: &str = "bootstrap_servers='localhost:9092',";

impl Dialect for KafkaPython {
    fn header(&self) -> &'static [&'static str] {
        &["# kafka-python (pip install kafka-python), against the broker on localhost:9092."]
    }

    fn admin(&self, l: &mut Listing) {
        l.import_from("kafka", "KafkaAdminClient");
        l.line(0, "admin = KafkaAdminClient(bootstrap_servers='localhost:9092')");
    }

    fn create_topic(
        &self,
        l: &mut Listing,
        name: &str,
        partitions: i32,
        rf: i16,
        configs: &[(String, String)],
    ) {
        l.import_from("kafka.admin", "NewTopic");
        let configs = if configs.is_empty() {
            String::new()
        } else {
            format!(", topic_configs={}", py_dict(configs))
        };
        l.line(
            0,
            format!(
                "admin.create_topics([NewTopic({}, num_partitions={partitions}, replication_factor={rf}{configs})])",
                py_str(name)
            ),
        );
    }

    fn delete_topic(&self, l: &mut Listing, name: &str) {
        l.line(0, format!("admin.delete_topics([{}])", py_str(name)));
    }

    fn add_partitions(&self, l: &mut Listing, topic: &str, count: i32) {
        l.import_from("kafka.admin", "NewPartitions");
        l.line(
            0,
            format!(
                "admin.create_partitions({{{}: NewPartitions(total_count={count})}})",
                py_str(topic)
            ),
        );
    }

    fn set_topic_config(&self, l: &mut Listing, topic: &str, name: &str, value: Option<&str>) {
        l.import_from("kafka.admin", "ConfigResource");
        l.import_from("kafka.admin", "ConfigResourceType");
        let (call, configs) = match value {
            Some(v) => ("alter_configs", format!("{{{}: {}}}", py_str(name), py_str(v))),
            None => ("reset_configs", format!("[{}]", py_str(name))),
        };
        l.line(
            0,
            format!(
                "admin.{call}([ConfigResource(ConfigResourceType.TOPIC, {}, configs={configs})])",
                py_str(topic)
            ),
        );
    }

    fn producer_prelude(&self, l: &mut Listing, spec: &ProducerSpec) {
        match spec.partitioner {
            PartitionerKind::LibrdkafkaConsistentRandom => crc32_partitioner(l),
            PartitionerKind::RoundRobin => round_robin_partitioner(l),
            _ => {}
        }
    }

    fn producer(&self, l: &mut Listing, var: &str, spec: &ProducerSpec) {
        l.import_from("kafka", "KafkaProducer");
        let partitioner = partitioner(l, spec.partitioner);
        l.line(0, format!("{var} = KafkaProducer("));
        l.line(1, BOOTSTRAP);
        l.line(1, format!("client_id={},", py_str(&spec.client_id)));
        let acks = match spec.acks {
            AcksSpec::None => "0",
            AcksSpec::Leader => "1",
            AcksSpec::All => "'all'",
        };
        l.line(1, format!("acks={acks},"));
        l.line(1, format!("linger_ms={},", spec.linger_ms));
        l.line(1, format!("batch_size={},", spec.batch_size));
        l.line(1, format!("retries={},", super::retries(spec.retries)));
        l.line(1, format!("retry_backoff_ms={},", spec.retry_backoff_ms));
        l.line(1, format!("request_timeout_ms={},", spec.request_timeout_ms));
        l.line(1, format!("delivery_timeout_ms={},", spec.delivery_timeout_ms));
        l.line(1, format!("enable_idempotence={},", py_bool(spec.idempotence)));
        l.line(1, format!("max_in_flight_requests_per_connection={},", spec.max_in_flight));
        l.comment(1, partitioner.0);
        l.line(1, format!("partitioner={}(),", partitioner.1));
        l.line(0, ")");
    }

    fn send(&self, l: &mut Listing, indent: usize, var: &str, record: &Record) {
        let mut args = vec![record.topic.clone()];
        if let Some(key) = &record.key {
            args.push(format!("key={}", bytes(key)));
        }
        args.push(format!("value={}", bytes(&record.value)));
        if !record.headers.is_empty() {
            let headers: Vec<String> = record
                .headers
                .iter()
                .map(|(k, v)| format!("({}, {})", py_str(k), py_bytes(v)))
                .collect();
            args.push(format!("headers=[{}]", headers.join(", ")));
        }
        if let Some(p) = &record.partition {
            args.push(format!("partition={p}"));
        }
        l.line(indent, format!("{var}.send({})", args.join(", ")));
    }

    fn flush(&self, l: &mut Listing, indent: usize, var: &str) {
        l.line(indent, format!("{var}.flush()"));
    }

    fn close_producer(&self, l: &mut Listing, indent: usize, var: &str) {
        l.line(indent, format!("{var}.close()"));
    }

    fn consumer(&self, l: &mut Listing, var: &str, spec: &ConsumerSpec) {
        l.import_from("kafka", "KafkaConsumer");
        l.line(0, format!("{var} = KafkaConsumer("));
        if let Membership::Group { topics, .. } = &spec.membership {
            for topic in topics {
                l.line(1, format!("{},", py_str(topic)));
            }
        }
        l.line(1, BOOTSTRAP);
        l.line(1, format!("client_id={},", py_str(&spec.client_id)));
        match &spec.membership {
            Membership::Group { group_id, assignors, group_instance_id, .. } => {
                l.line(1, format!("group_id={},", py_str(group_id)));
                if let Some(instance) = group_instance_id {
                    l.line(1, format!("group_instance_id={},", py_str(instance)));
                }
                assignment_strategy(l, assignors);
                l.line(1, format!("session_timeout_ms={},", spec.session_timeout_ms));
                l.line(1, format!("heartbeat_interval_ms={},", spec.heartbeat_interval_ms));
                l.line(1, format!("max_poll_interval_ms={},", spec.max_poll_interval_ms));
            }
            Membership::Standalone { group_id, .. } => {
                let group = group_id.as_deref().map_or_else(|| "None".to_owned(), py_str);
                l.line(1, format!("group_id={group},"));
            }
        }
        l.line(1, format!("max_poll_records={},", spec.max_poll_records));
        let reset = match spec.auto_offset_reset {
            OffsetReset::Earliest => "earliest",
            OffsetReset::Latest => "latest",
            OffsetReset::None => "none",
        };
        l.line(1, format!("auto_offset_reset='{reset}',"));
        let no_group = matches!(spec.membership, Membership::Standalone { group_id: None, .. });
        let auto = matches!(spec.commit, CommitMode::Auto { .. }) && !no_group;
        l.line(1, format!("enable_auto_commit={},", py_bool(auto)));
        if let CommitMode::Auto { interval_ms } = spec.commit {
            l.line(1, format!("auto_commit_interval_ms={interval_ms},"));
        }
        l.line(1, format!("fetch_max_wait_ms={},", spec.fetch_max_wait_ms));
        l.line(1, format!("request_timeout_ms={},", spec.request_timeout_ms));
        l.line(0, ")");
        if let Membership::Standalone { partitions, .. } = &spec.membership {
            l.import_from("kafka", "TopicPartition");
            let tps: Vec<String> = partitions
                .iter()
                .map(|(t, p)| format!("TopicPartition({}, {p})", py_str(t)))
                .collect();
            l.line(0, format!("{var}.assign([{}])", tps.join(", ")));
        }
    }

    fn poll_body(&self, l: &mut Listing, var: &str, spec: &ConsumerSpec) {
        l.line(1, format!("batches = {var}.poll(timeout_ms=1000)"));
        l.line(1, "for records in batches.values():");
        l.line(2, "for record in records:");
        l.line(
            3,
            "print(f'{record.topic}-{record.partition}@{record.offset}', record.key, record.value)",
        );
        super::processing(l, 3, spec.processing_ms_per_record);
        match spec.commit {
            CommitMode::SyncAfterProcessing => {
                l.line(1, "if batches:");
                l.line(2, format!("{var}.commit()  # commitSync: waits for the coordinator"));
            }
            CommitMode::AsyncAfterProcessing => {
                l.line(1, "if batches:");
                l.line(2, format!("{var}.commit_async()"));
            }
            CommitMode::Auto { .. } | CommitMode::Manual => {}
        }
    }

    fn commit(&self, l: &mut Listing, var: &str) {
        l.line(0, format!("{var}.commit()"));
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
        l.import_from("kafka", "TopicPartition");
        l.line(indent, format!("tp = TopicPartition({}, {partition})", py_str(topic)));
        match to {
            SeekTo::Earliest => l.line(indent, format!("{var}.seek_to_beginning(tp)")),
            SeekTo::Latest => l.line(indent, format!("{var}.seek_to_end(tp)")),
            SeekTo::Offset(o) => l.line(indent, format!("{var}.seek(tp, {o})")),
            SeekTo::Timestamp(ts) => {
                l.line(indent, format!("found = {var}.offsets_for_times({{tp: {ts}}})[tp]"));
                l.line(indent, "if found is not None:");
                l.line(indent + 1, format!("{var}.seek(tp, found.offset)"));
                l.line(indent, "else:  # no record that late: the end");
                l.line(indent + 1, format!("{var}.seek_to_end(tp)"));
            }
        }
    }

    fn reset_offsets(&self, l: &mut Listing, group: &str, topic: &str, to: SeekTo) {
        l.import_from("kafka", "KafkaConsumer");
        l.import_from("kafka", "TopicPartition");
        l.import_from("kafka", "OffsetAndMetadata");
        let topic = py_str(topic);
        l.line(
            0,
            format!(
                "reset = KafkaConsumer(bootstrap_servers='localhost:9092', group_id={}, enable_auto_commit=False)",
                py_str(group)
            ),
        );
        l.line(0, format!("partitions = [TopicPartition({topic}, p) for p in sorted(reset.partitions_for_topic({topic}))]"));
        match to {
            SeekTo::Earliest => l.line(0, "offsets = reset.beginning_offsets(partitions)"),
            SeekTo::Latest => l.line(0, "offsets = reset.end_offsets(partitions)"),
            SeekTo::Offset(o) => l.line(0, format!("offsets = {{tp: {o} for tp in partitions}}")),
            SeekTo::Timestamp(ts) => {
                l.line(
                    0,
                    format!("found = reset.offsets_for_times({{tp: {ts} for tp in partitions}})"),
                );
                l.line(0, "ends = reset.end_offsets(partitions)");
                l.line(0, "offsets = {tp: found[tp].offset if found[tp] else ends[tp] for tp in partitions}");
            }
        }
        l.line(0, "reset.commit({tp: OffsetAndMetadata(offset, '', -1) for tp, offset in offsets.items()})");
        l.line(0, "reset.close()");
    }

    fn close_consumer(&self, l: &mut Listing, indent: usize, var: &str) {
        l.line(indent, format!("{var}.close()"));
    }
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// A key or value as kafka-python sends it: bytes.
fn bytes(p: &Payload) -> String {
    match p {
        Payload::Text(t) => py_bytes(t),
        Payload::Str(e) => format!("{e}.encode()"),
        Payload::Bytes(e) => e.clone(),
        Payload::Null => "None".to_owned(),
    }
}

/// `partition_assignment_strategy=[…]` with kafka-python's assignor classes.
fn assignment_strategy(l: &mut Listing, assignors: &[String]) {
    let known = ["range", "roundrobin", "sticky", "cooperative-sticky"];
    let (chosen, left_out) = one_protocol(assignors, &known);
    if !left_out.is_empty() {
        l.comment(
            1,
            &format!(
                "{} left out: kafka-python refuses to mix eager and cooperative assignors.",
                left_out.join(", ")
            ),
        );
    }
    let mut classes = Vec::new();
    for name in chosen {
        let (module, class) = match name {
            "range" => ("kafka.coordinator.assignors.range", "RangePartitionAssignor"),
            "roundrobin" => {
                ("kafka.coordinator.assignors.roundrobin", "RoundRobinPartitionAssignor")
            }
            "sticky" => {
                ("kafka.coordinator.assignors.sticky.sticky_assignor", "StickyPartitionAssignor")
            }
            _ => ("kafka.coordinator.assignors.cooperative_sticky", "CooperativeStickyAssignor"),
        };
        l.import_from(module, class);
        classes.push(class);
    }
    if !classes.is_empty() {
        l.line(1, format!("partition_assignment_strategy=[{}],", classes.join(", ")));
    }
}
