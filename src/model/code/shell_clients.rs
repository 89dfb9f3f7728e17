//! Producers and consumers on the command line. Java's console tools are the default, since
//! they behave as the Java client the simulation's defaults come from; kcat takes over where
//! they cannot say what the action does (a record for one partition, headers, a tombstone) and
//! for librdkafka producers, whose partitioner it shares. Each running client's process ids
//! are kept in `CLIENT_<id>`.

use kplay_core::vec_map::{VecMap, VecSet};
use kplay_sim::action::{
    Action, CommitMode, ConsumerSpec, KeyDistribution, Membership, OffsetReset, ProducerSpec,
};
use kplay_sim::partitioner::PartitionerKind;

use super::shell_records::{
    console_can_send, console_producer, console_records, kcat_producer, kcat_record,
};
use super::shell_words::{
    Command, common_producer_configs, config_file, is_librdkafka, java_assignor,
    java_partitioner_class, java_reset, key_arithmetic, librdkafka_reset, value_format,
    write_config_file,
};
use super::text::{Listing, interval_secs};

/// The clients met so far and which run in the background.
#[derive(Debug, Default)]
pub(crate) struct Clients {
    producers: VecMap<u32, ProducerSpec>,
    consumers: VecMap<u32, ConsumerSpec>,
    running: VecSet<u32>,
}

impl Clients {
    /// Whether any client still runs in the background.
    pub(crate) fn any_running(&self) -> bool {
        !self.running.is_empty()
    }

    /// The producer sending `record`, with its config file (written now, with Java's defaults,
    /// if it was never added).
    pub(crate) fn ensure_producer(
        &mut self,
        l: &mut Listing,
        id: u32,
        record: &Action,
    ) -> (ProducerSpec, String) {
        if !self.producers.contains_key(&id) {
            let topic = match record {
                Action::Produce { topic, .. } => topic.as_str(),
                _ => "",
            };
            let spec = ProducerSpec::new(&format!("producer-{id}"), topic);
            self.add_producer(l, id, &spec);
            l.blank();
        }
        let spec = self.producers[&id].clone();
        let file = config_file(&spec.client_id, id);
        (spec, file)
    }

    /// A producer: remembered, and started in the background if it has a rate.
    pub(crate) fn add_producer(&mut self, l: &mut Listing, id: u32, spec: &ProducerSpec) {
        self.producers.insert(id, spec.clone());
        let file = config_file(&spec.client_id, id);
        l.comment(
            0,
            &format!("Producer {id} ({}): {}. Its configs:", spec.client_id, spec.partitioner),
        );
        write_config_file(l, &file, &common_producer_configs(spec));
        if spec.rate_per_sec == 0 {
            l.comment(0, "It sends only the records below.");
            return;
        }
        let librdkafka = is_librdkafka(spec.partitioner);
        if !librdkafka {
            java_partitioner_note(l, spec.partitioner);
        }
        if spec.keys == KeyDistribution::None && !librdkafka {
            let mut c = Command::new("bin/kafka-producer-perf-test.sh");
            c.opt("--topic", &spec.topic);
            c.opt("--num-records", &i32::MAX.to_string());
            c.opt("--throughput", &spec.rate_per_sec.to_string());
            c.opt("--record-size", &spec.value_bytes.max(1).to_string());
            c.opt("--producer.config", &file);
            let mut props = vec!["bootstrap.servers=localhost:9092".to_owned()];
            if let Some(class) = java_partitioner_class(spec.partitioner) {
                props.push(format!("partitioner.class={class}"));
            }
            c.opt_many("--producer-props", &props);
            c.write(l, " &");
        } else {
            l.line(0, "for ((i = 0; ; i++)); do");
            let (format, key) = match key_arithmetic(&spec.keys) {
                Some(key) => (
                    format!("key-%d:{}", value_format(spec.value_bytes)),
                    format!("\"$(({key}))\" "),
                ),
                None => (value_format(spec.value_bytes), String::new()),
            };
            l.line(1, format!("printf '{format}\\n' {key}\"$i\""));
            l.line(1, format!("sleep {}", interval_secs(spec.rate_per_sec)));
            let keyed = spec.keys != KeyDistribution::None;
            let c = if librdkafka {
                let mut c = kcat_producer(spec, &file, &spec.topic);
                if keyed {
                    c.opt("-K", ":");
                }
                c
            } else {
                let mut c = console_producer(spec, &file, &spec.topic);
                if keyed {
                    c.opt("--property", "parse.key=true");
                    c.opt("--property", "key.separator=:");
                }
                c
            };
            c.write_with(l, "done | ", " &");
        }
        l.line(0, format!("CLIENT_{id}=$!"));
        self.running.insert(id);
    }

    /// A run of records from one producer.
    pub(crate) fn produce(&mut self, l: &mut Listing, id: u32, run: &[Action]) {
        let Some(first) = run.first() else { return };
        let (spec, file) = self.ensure_producer(l, id, first);
        let spec = &spec;
        let file = file.as_str();
        let mut i = 0;
        while i < run.len() {
            let console = |a: &Action| console_can_send(spec, a);
            let keyed = |a: &Action| matches!(a, Action::Produce { key: Some(_), .. });
            if !console(&run[i]) {
                kcat_record(l, spec, file, &run[i]);
                i += 1;
                continue;
            }
            let same =
                run[i..].iter().take_while(|a| console(a) && keyed(a) == keyed(&run[i])).count();
            console_records(l, spec, file, &run[i..i + same]);
            i += same;
        }
    }

    /// A consumer, started in the background.
    pub(crate) fn add_consumer(&mut self, l: &mut Listing, id: u32, spec: &ConsumerSpec) {
        self.consumers.insert(id, spec.clone());
        match &spec.membership {
            Membership::Group { group_id, topics, assignors, group_instance_id } => {
                l.comment(
                    0,
                    &format!(
                        "Consumer {id} ({}) in group {group_id}. Its configs:",
                        spec.client_id
                    ),
                );
                let mut c = Command::new("bin/kafka-console-consumer.sh");
                c.opt("--bootstrap-server", "localhost:9092");
                if let [topic] = topics.as_slice() {
                    c.opt("--topic", topic);
                } else {
                    let escaped: Vec<String> =
                        topics.iter().map(|t| t.replace('.', "\\.")).collect();
                    c.opt("--include", &escaped.join("|"));
                }
                c.opt("--group", group_id);
                let mut props = vec![("client.id", spec.client_id.clone())];
                if let Some(instance) = group_instance_id {
                    props.push(("group.instance.id", instance.clone()));
                }
                let classes: Vec<&str> =
                    assignors.iter().filter_map(|a| java_assignor(a)).collect();
                if !classes.is_empty() {
                    props.push(("partition.assignment.strategy", classes.join(",")));
                }
                props.push(("session.timeout.ms", spec.session_timeout_ms.to_string()));
                props.push(("heartbeat.interval.ms", spec.heartbeat_interval_ms.to_string()));
                props.push(("max.poll.interval.ms", spec.max_poll_interval_ms.to_string()));
                props.push(("max.poll.records", spec.max_poll_records.to_string()));
                props.push(("auto.offset.reset", java_reset(spec.auto_offset_reset).to_owned()));
                commit_props(l, spec.commit, &mut props);
                props.push(("fetch.max.wait.ms", spec.fetch_max_wait_ms.to_string()));
                props.push(("request.timeout.ms", spec.request_timeout_ms.to_string()));
                let file = config_file(&spec.client_id, id);
                write_config_file(l, &file, &props);
                c.opt("--consumer.config", &file);
                for p in ["print.key=true", "print.partition=true", "print.offset=true"] {
                    c.opt("--property", p);
                }
                processing_note(l, spec.processing_ms_per_record);
                c.write(l, " &");
                l.line(0, format!("CLIENT_{id}=$!"));
            }
            Membership::Standalone { group_id, partitions } => {
                l.comment(
                    0,
                    &format!(
                        "Consumer {id} ({}), assigned its partitions: kcat, one per partition.",
                        spec.client_id
                    ),
                );
                let offset = match (group_id, spec.auto_offset_reset) {
                    (Some(_), _) => "stored",
                    (None, OffsetReset::Earliest) => "beginning",
                    (None, _) => "end",
                };
                for (n, (topic, partition)) in partitions.iter().enumerate() {
                    let mut c = Command::new("kcat -C");
                    c.opt("-b", "localhost:9092");
                    c.opt("-t", topic);
                    c.opt("-p", &partition.to_string());
                    c.opt("-o", offset);
                    c.opt("-X", &format!("client.id={}", spec.client_id));
                    if let Some(group) = group_id {
                        c.opt("-X", &format!("group.id={group}"));
                        c.opt(
                            "-X",
                            &format!(
                                "auto.offset.reset={}",
                                librdkafka_reset(spec.auto_offset_reset)
                            ),
                        );
                    }
                    c.opt("-f", "%t-%p@%o %k %s\\n");
                    c.write(l, " &");
                    let pids = if n == 0 { "$!".to_owned() } else { format!("$CLIENT_{id} $!") };
                    l.line(0, format!("CLIENT_{id}=\"{pids}\""));
                }
            }
        }
        self.running.insert(id);
    }

    /// Closes (SIGTERM) or crashes (SIGKILL) a client.
    pub(crate) fn remove(&mut self, l: &mut Listing, id: u32, crash: bool) {
        if !self.running.remove(&id) {
            l.comment(
                0,
                &format!(
                    "Client {id} ran only the commands above: there is nothing left to close."
                ),
            );
            return;
        }
        if crash {
            let what = match self.consumers.get(&id) {
                Some(spec) => format!(
                    "no LeaveGroup, no last commit; the coordinator notices after session.timeout.ms ({} ms)",
                    spec.session_timeout_ms
                ),
                None => "records still in its buffer are lost".to_owned(),
            };
            l.comment(0, &format!("Crash client {id}: {what}."));
            l.line(0, format!("kill -9 $CLIENT_{id}"));
        } else {
            let what = if self.consumers.contains_key(&id) {
                "it leaves its group"
            } else {
                "it sends what is buffered"
            };
            l.comment(0, &format!("Close client {id}: on SIGTERM {what}, then exits."));
            l.line(0, format!("kill $CLIENT_{id}"));
        }
    }

    /// Pauses (SIGSTOP) or resumes (SIGCONT) a consumer's process.
    pub(crate) fn pause(&mut self, l: &mut Listing, id: u32, paused: bool) {
        if !self.running.contains(&id) {
            l.comment(0, &format!("Client {id} is not running."));
        } else if paused {
            l.comment(
                0,
                &format!(
                    "Pause consumer {id}: freeze its process. Closest to an application that stops calling poll(),\n\
                     except that its heartbeats stop too, so the group drops it after session.timeout.ms."
                ),
            );
            l.line(0, format!("kill -STOP $CLIENT_{id}"));
        } else {
            l.comment(0, &format!("Resume consumer {id}."));
            l.line(0, format!("kill -CONT $CLIENT_{id}"));
        }
    }
}

/// What the Java tools cannot do of a partitioner, said before the command.
fn java_partitioner_note(l: &mut Listing, kind: PartitionerKind) {
    match kind {
        PartitionerKind::JavaLegacySticky => {
            l.comment(0, "Java 2.4-3.2's sticky partitioner: still there (deprecated) up to Kafka 3.9, gone in 4.0.");
        }
        PartitionerKind::KafkaPython => l.comment(
            0,
            "No Java partitioner sends each keyless record to a random partition as kafka-python does;\n\
             keyed records land where kafka-python puts them (murmur2).",
        ),
        _ => {}
    }
}

/// The commit configs, with a note where the console consumer cannot commit as asked.
fn commit_props(l: &mut Listing, commit: CommitMode, props: &mut Vec<(&'static str, String)>) {
    match commit {
        CommitMode::Auto { interval_ms } => {
            props.push(("enable.auto.commit", "true".to_owned()));
            props.push(("auto.commit.interval.ms", interval_ms.to_string()));
        }
        CommitMode::SyncAfterProcessing | CommitMode::AsyncAfterProcessing => l.comment(
            0,
            "The console consumer cannot commit after each poll; it commits automatically instead.",
        ),
        CommitMode::Manual => {
            l.comment(0, "With auto commit off the console consumer never commits.");
            props.push(("enable.auto.commit", "false".to_owned()));
        }
    }
}

fn processing_note(l: &mut Listing, ms_per_record: i64) {
    if ms_per_record > 0 {
        l.comment(0, &format!("The simulated application spends {ms_per_record} ms on each record; this one only prints it."));
    }
}
