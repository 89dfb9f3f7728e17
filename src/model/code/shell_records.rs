//! Records on the command line: the console producer reads `key:value` lines (here from a
//! heredoc, so the script shows exactly what is sent); kcat sends what it cannot — a record for
//! one partition (`-p`), headers (`-H`), a tombstone (`-Z`) — and every record of a librdkafka
//! producer, with the partitioner that places keys as the simulated producer does.

use kplay_sim::action::{Action, ProducerSpec};
use kplay_sim::partitioner::PartitionerKind;

use super::shell_words::{Command, is_librdkafka, java_partitioner_class};
use super::text::{Listing, sh_word};

/// `kafka-console-producer.sh` for `topic` with the spec's configs.
pub(crate) fn console_producer(spec: &ProducerSpec, file: &str, topic: &str) -> Command {
    let mut c = Command::new("bin/kafka-console-producer.sh");
    c.opt("--bootstrap-server", "localhost:9092");
    c.opt("--topic", topic);
    c.opt("--producer.config", file);
    if let Some(class) = java_partitioner_class(spec.partitioner) {
        c.opt("--producer-property", &format!("partitioner.class={class}"));
    }
    c
}

/// `kcat -P` for `topic` with the spec's configs and the partitioner that places keys as the
/// simulated producer does.
pub(crate) fn kcat_producer(spec: &ProducerSpec, file: &str, topic: &str) -> Command {
    let mut c = Command::new("kcat -P");
    c.opt("-b", "localhost:9092");
    c.opt("-t", topic);
    c.opt("-F", file);
    let partitioner = match spec.partitioner {
        PartitionerKind::LibrdkafkaConsistentRandom => "consistent_random",
        _ => "murmur2_random",
    };
    c.opt("-X", &format!("partitioner={partitioner}"));
    c
}

/// Whether the console producer can send this record as the action has it.
pub(crate) fn console_can_send(spec: &ProducerSpec, a: &Action) -> bool {
    let Action::Produce { key, value, headers, partition, .. } = a else { return false };
    let line_safe = |s: &str| !s.contains('\n') && !s.contains('\r');
    !is_librdkafka(spec.partitioner)
        && partition.is_none()
        && headers.is_empty()
        && value.as_deref().is_some_and(line_safe)
        && key.as_deref().is_none_or(|k| line_safe(k) && !k.contains(':'))
}

/// Records for the console producer, one line each, in a heredoc.
pub(crate) fn console_records(l: &mut Listing, spec: &ProducerSpec, file: &str, run: &[Action]) {
    let mut lines = Vec::new();
    let mut topic = spec.topic.clone();
    let mut keyed = false;
    for a in run {
        if let Action::Produce { topic: t, key, value, .. } = a {
            topic.clone_from(t);
            let value = value.clone().unwrap_or_default();
            keyed = key.is_some();
            lines.push(key.as_ref().map_or(value.clone(), |k| format!("{k}:{value}")));
        }
    }
    let mut c = console_producer(spec, file, &topic);
    if keyed {
        c.opt("--property", "parse.key=true");
        c.opt("--property", "key.separator=:");
    }
    let mut end = "EOF".to_owned();
    while lines.contains(&end) {
        end.push('_');
    }
    c.write(l, &format!(" <<'{end}'"));
    for line in lines {
        l.line(0, line);
    }
    l.line(0, end);
}

/// One record with kcat: for an explicit partition, headers, a tombstone, or a librdkafka
/// producer.
pub(crate) fn kcat_record(l: &mut Listing, spec: &ProducerSpec, file: &str, a: &Action) {
    let Action::Produce { topic, key, value, headers, partition, .. } = a else { return };
    let mut c = kcat_producer(spec, file, topic);
    if let (Some(key), Some(_)) = (key, value) {
        c.opt("-k", key);
    }
    if let Some(p) = partition {
        c.opt("-p", &p.to_string());
    }
    for (k, v) in headers {
        c.opt("-H", &format!("{k}={v}"));
    }
    match value {
        Some(v) => c.write_with(l, &format!("printf '%s\\n' {} | ", sh_word(v)), ""),
        None => {
            // kcat skips empty lines, so the key goes on the line (-K) with nothing after it.
            let key = key.clone().unwrap_or_default();
            let delimiter = [":", "|", "#", "~", "^"].into_iter().find(|d| !key.contains(d));
            let delimiter = delimiter.unwrap_or(":");
            l.comment(0, "A tombstone: the line is the key and nothing else; -Z sends that empty value as null.");
            c.opt("-K", delimiter);
            c.flag("-Z");
            let line = sh_word(&format!("{key}{delimiter}"));
            c.write_with(l, &format!("printf '%s\\n' {line} | "), "");
        }
    }
}
