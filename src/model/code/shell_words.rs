//! The pieces the command line is built from: a command and its options (quoted for bash,
//! wrapped when long), and the simulation's settings in the words Kafka's tools and kcat take
//! (`acks=all`, assignor class names, `auto.offset.reset` values).

use kplay_sim::action::{AcksSpec, KeyDistribution, OffsetReset, ProducerSpec};
use kplay_sim::partitioner::PartitionerKind;

use super::text::{Listing, sh_word};

/// A command line, written on one line or, when long, one option per line.
#[derive(Debug)]
pub(crate) struct Command {
    parts: Vec<String>,
}

impl Command {
    /// `program` with no options yet.
    pub(crate) fn new(program: &str) -> Command {
        Command { parts: vec![program.to_owned()] }
    }

    /// `name value`, the value quoted for bash.
    pub(crate) fn opt(&mut self, name: &str, value: &str) {
        self.parts.push(format!("{name} {}", sh_word(value)));
    }

    /// `name v1 v2 …`.
    pub(crate) fn opt_many(&mut self, name: &str, values: &[String]) {
        let values: Vec<String> = values.iter().map(|v| sh_word(v)).collect();
        self.parts.push(format!("{name} {}", values.join(" ")));
    }

    /// A bare flag.
    pub(crate) fn flag(&mut self, name: &str) {
        self.parts.push(name.to_owned());
    }

    /// Writes the command, after `prefix` and before `tail` (` &`, a heredoc).
    pub(crate) fn write_with(&self, l: &mut Listing, prefix: &str, tail: &str) {
        let one = format!("{prefix}{}{tail}", self.parts.join(" "));
        if one.len() <= 100 {
            l.line(0, one);
            return;
        }
        let last = self.parts.len() - 1;
        for (i, part) in self.parts.iter().enumerate() {
            match i {
                0 => l.line(0, format!("{prefix}{part} \\")),
                _ if i == last => l.line(1, format!("{part}{tail}")),
                _ => l.line(1, format!("{part} \\")),
            }
        }
    }

    /// Writes the command on its own.
    pub(crate) fn write(&self, l: &mut Listing, tail: &str) {
        self.write_with(l, "", tail);
    }
}

pub(crate) fn is_librdkafka(kind: PartitionerKind) -> bool {
    matches!(
        kind,
        PartitionerKind::LibrdkafkaConsistentRandom | PartitionerKind::LibrdkafkaMurmur2Random
    )
}

/// The producer configs every client names the same way.
pub(crate) fn common_producer_configs(spec: &ProducerSpec) -> Vec<(&'static str, String)> {
    let acks = match spec.acks {
        AcksSpec::None => "0",
        AcksSpec::Leader => "1",
        AcksSpec::All => "all",
    };
    vec![
        ("client.id", spec.client_id.clone()),
        ("acks", acks.to_owned()),
        ("linger.ms", spec.linger_ms.to_string()),
        ("batch.size", spec.batch_size.to_string()),
        ("retries", super::retries(spec.retries).to_string()),
        ("retry.backoff.ms", spec.retry_backoff_ms.to_string()),
        ("request.timeout.ms", spec.request_timeout_ms.to_string()),
        ("delivery.timeout.ms", spec.delivery_timeout_ms.to_string()),
        ("enable.idempotence", spec.idempotence.to_string()),
        ("max.in.flight.requests.per.connection", spec.max_in_flight.to_string()),
    ]
}

/// The class Java's `partitioner.class` names for `kind`, where its default is not it.
pub(crate) fn java_partitioner_class(kind: PartitionerKind) -> Option<&'static str> {
    match kind {
        PartitionerKind::JavaLegacySticky => {
            Some("org.apache.kafka.clients.producer.internals.DefaultPartitioner")
        }
        PartitionerKind::RoundRobin => {
            Some("org.apache.kafka.clients.producer.RoundRobinPartitioner")
        }
        _ => None,
    }
}

/// A client's config file name, made from its `client.id` (`orders-app.properties`).
pub(crate) fn config_file(client_id: &str, id: u32) -> String {
    let safe: String = client_id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect();
    let safe = safe.trim_matches('-');
    if safe.is_empty() { format!("client-{id}.properties") } else { format!("{safe}.properties") }
}

/// Writes `configs` to `file` with a heredoc, one `name=value` a line (a format both Java's
/// tools and kcat's `-F` read).
pub(crate) fn write_config_file(l: &mut Listing, file: &str, configs: &[(&str, String)]) {
    l.line(0, format!("cat > {} <<'EOF'", sh_word(file)));
    for (k, v) in configs {
        l.line(0, format!("{k}={}", v.replace('\n', " ")));
    }
    l.line(0, "EOF");
}

/// Bash arithmetic for a generated key's number, if records have keys.
pub(crate) fn key_arithmetic(keys: &KeyDistribution) -> Option<String> {
    match keys {
        KeyDistribution::None => None,
        KeyDistribution::Uniform { keys } => Some(format!("RANDOM % {keys}")),
        KeyDistribution::HotKeys { keys, hot_keys, hot_percent } => {
            Some(format!("RANDOM % 100 < {hot_percent} ? RANDOM % {hot_keys} : RANDOM % {keys}"))
        }
        KeyDistribution::Sequence { keys } => Some(format!("i % {keys}")),
    }
}

/// A printf format giving a value of `bytes` digits (the record number, zero-padded).
pub(crate) fn value_format(bytes: usize) -> String {
    if bytes == 0 { "%.0s".to_owned() } else { format!("%0{bytes}d") }
}

pub(crate) fn java_assignor(name: &str) -> Option<&'static str> {
    match name {
        "range" => Some("org.apache.kafka.clients.consumer.RangeAssignor"),
        "roundrobin" => Some("org.apache.kafka.clients.consumer.RoundRobinAssignor"),
        "sticky" => Some("org.apache.kafka.clients.consumer.StickyAssignor"),
        "cooperative-sticky" => Some("org.apache.kafka.clients.consumer.CooperativeStickyAssignor"),
        _ => None,
    }
}

pub(crate) fn java_reset(reset: OffsetReset) -> &'static str {
    match reset {
        OffsetReset::Earliest => "earliest",
        OffsetReset::Latest => "latest",
        OffsetReset::None => "none",
    }
}

pub(crate) fn librdkafka_reset(reset: OffsetReset) -> &'static str {
    match reset {
        OffsetReset::None => "error",
        other => java_reset(other),
    }
}
