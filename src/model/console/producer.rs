//! `kafka-console-producer.sh`: each line typed becomes one record, sent by a simulated producer
//! configured as the console producer configures its `KafkaProducer` (client.id
//! `console-producer`, acks=-1, linger.ms=1000 from `--timeout`, request.timeout.ms=1500,
//! retries=3, retry.backoff.ms=100, batch.size=16384, idempotence on as in every 3.x producer
//! with acks=all), and the line reader's `parse.key` / `key.separator` / `ignore.error`
//! properties. A line without the separator when keys are parsed stops the tool with the line
//! reader's exception, as it does in Kafka.

use kplay_sim::Action;
use kplay_sim::action::{AcksSpec, ProducerSpec};

use super::opts::{self, Parsed, Spec, flag, maybe_value, value};
use super::{Playground, Printed, next_client, not_simulated, props};

const SPECS: &[Spec] = &[
    value("topic"),
    value("broker-list"),
    value("bootstrap-server"),
    flag("sync"),
    maybe_value("compression-codec"),
    value("batch-size"),
    value("message-send-max-retries"),
    value("retry-backoff-ms"),
    value("timeout"),
    value("request-required-acks"),
    value("request-timeout-ms"),
    value("metadata-expiry-ms"),
    value("max-block-ms"),
    value("max-memory-bytes"),
    value("max-partition-memory-bytes"),
    value("line-reader"),
    value("socket-buffer-size"),
    value("property"),
    value("reader-config"),
    value("producer-property"),
    value("producer.config"),
    flag("help"),
    flag("version"),
];

/// Options read here; the rest are the real tool's but not simulated.
const SIMULATED: &[&str] = &[
    "topic",
    "bootstrap-server",
    "broker-list",
    "property",
    "timeout",
    "request-required-acks",
    "batch-size",
    "message-send-max-retries",
    "retry-backoff-ms",
    "request-timeout-ms",
    "producer-property",
];

/// What the terminal says when the timeline no longer has the session's producer.
pub const GONE: &str =
    "# The timeline moved to a moment without this console producer; it has stopped.";

/// A console producer reading lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProducerSession {
    /// Its simulated client.
    pub client: u32,
    /// The topic.
    pub topic: String,
    /// `parse.key`.
    pub parse_key: bool,
    /// `key.separator`.
    pub key_separator: String,
    /// `ignore.error`.
    pub ignore_error: bool,
    /// Lines read so far (the line reader counts them for its messages).
    pub lines_read: u64,
}

/// Starts the tool: a simulated producer joins the world and the terminal reads lines. Returns
/// the session and the notes on configs left out.
pub fn start(p: &mut Playground, args: &[String]) -> Result<(ProducerSession, Printed), Printed> {
    let o = opts::parse(SPECS, args).map_err(|e| Printed::error(e.to_string()))?;
    if let Some(name) = SPECS.iter().map(|s| s.name).find(|n| o.has(n) && !SIMULATED.contains(n)) {
        return Err(not_simulated("kafka-console-producer.sh", name));
    }
    if !o.has("bootstrap-server") && !o.has("broker-list") {
        return Err(Printed::error("Missing required option(s) [bootstrap-server]"));
    }
    let Some(topic) = o.value("topic").map(str::to_owned) else {
        return Err(Printed::error("Missing required argument \"[topic]\""));
    };
    let servers = o.value("bootstrap-server").or(o.value("broker-list")).unwrap_or_default();
    if !valid_servers(servers) {
        return Err(Printed::error("Please provide valid host:port like host1:9091,host2:9092"));
    }
    let (spec, notes) = spec(&o, &topic)?;
    let props = opts::key_values(o.values("property"));
    let prop = |k: &str| props.iter().rev().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    let session = ProducerSession {
        client: next_client(p),
        topic,
        parse_key: prop("parse.key").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")),
        key_separator: prop("key.separator").unwrap_or("\t").to_owned(),
        ignore_error: prop("ignore.error").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")),
        lines_read: 0,
    };
    p.apply(Action::AddProducer { id: session.client, spec })
        .map_err(|e| Printed::error(format!("org.apache.kafka.common.KafkaException: {e}")))?;
    Ok((session, notes))
}

/// The producer's configuration: `--producer-property` pairs, then the tool's own options,
/// which win when given and give their defaults where no property set the config (Kafka's
/// `maybeMergeOptions`). Returns notes on configs left out.
fn spec(o: &Parsed, topic: &str) -> Result<(ProducerSpec, Printed), Printed> {
    let bad = |e: opts::OptionError| Printed::error(e.to_string());
    let pairs = opts::key_values(o.values("producer-property"));
    let mut spec = ProducerSpec::new("console-producer", topic);
    let (notes, idempotence) = props::producer(&mut spec, &pairs)?;
    let merge = |option: &str, key: &str| o.has(option) || !pairs.iter().any(|(k, _)| k == key);
    if merge("request-required-acks", "acks") {
        spec.acks = props::acks(o.value("request-required-acks").unwrap_or("-1"))?;
    }
    if merge("timeout", "linger.ms") {
        spec.linger_ms = o.number("timeout").map_err(bad)?.unwrap_or(1_000);
    }
    if merge("request-timeout-ms", "request.timeout.ms") {
        spec.request_timeout_ms = o.number("request-timeout-ms").map_err(bad)?.unwrap_or(1_500);
    }
    if merge("message-send-max-retries", "retries") {
        spec.retries =
            o.number("message-send-max-retries").map_err(bad)?.unwrap_or(3).max(0) as u32;
    }
    if merge("retry-backoff-ms", "retry.backoff.ms") {
        spec.retry_backoff_ms = o.number("retry-backoff-ms").map_err(bad)?.unwrap_or(100);
    }
    if merge("batch-size", "batch.size") {
        spec.batch_size = o.number("batch-size").map_err(bad)?.unwrap_or(16_384).max(0) as usize;
    }
    // Kafka 3.x turns idempotence on by default where it can work; asked for, it must.
    let can = spec.acks == AcksSpec::All && spec.retries > 0 && spec.max_in_flight <= 5;
    spec.idempotence = match idempotence {
        Some(true) if spec.acks != AcksSpec::All => {
            return Err(Printed::error(
                "org.apache.kafka.common.config.ConfigException: Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.",
            ));
        }
        Some(asked) => asked,
        None => can,
    };
    Ok((spec, notes))
}

/// Kafka's `ToolsUtils.validatePortOrDie`: every server is `host:port`.
pub(super) fn valid_servers(servers: &str) -> bool {
    servers.split(',').all(|s| {
        s.rsplit_once(':')
            .is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok())
    })
}

impl ProducerSession {
    /// Sends `line` as a record. Returns what was printed and whether the tool stopped.
    pub fn send(&mut self, p: &mut Playground, line: &str) -> (Printed, bool) {
        self.lines_read += 1;
        let (key, value) = if self.parse_key {
            match line.split_once(self.key_separator.as_str()) {
                Some((k, v)) => (Some(k.to_owned()), v.to_owned()),
                None if self.ignore_error => (None, line.to_owned()),
                None => {
                    let printed = Printed::error(format!(
                        "org.apache.kafka.common.KafkaException: No key separator found on line number {}: '{line}'",
                        self.lines_read
                    ));
                    // The tool exits; closing the producer sends what it still holds.
                    return (printed, true);
                }
            }
        } else {
            (None, line.to_owned())
        };
        let action = Action::Produce {
            producer: self.client,
            topic: self.topic.clone(),
            key,
            value: Some(value),
            headers: Vec::new(),
            partition: None,
        };
        match p.apply(action) {
            Ok(()) => (Printed::default(), false),
            Err(e) => {
                (Printed::error(format!("org.apache.kafka.common.KafkaException: {e}")), true)
            }
        }
    }

    /// Whether the world still has this session's producer (a seek back may have undone it).
    pub fn alive(&self, p: &Playground) -> bool {
        p.world().producer(self.client).is_some_and(|c| {
            c.spec().topic == self.topic && c.spec().client_id == "console-producer"
        })
    }
}

/// Removes the closed console producers that have nothing left to send (Kafka's `close()`
/// waits for them), and forgets those the timeline no longer has. Returns whether any was
/// removed.
pub fn finish_closing(p: &mut Playground, closing: &mut Vec<u32>) -> bool {
    let mut removed = false;
    closing.retain(|&id| match p.world().producer(id).map(|c| c.unacknowledged()) {
        None => false,
        Some(0) => {
            removed |= p.apply(Action::RemoveClient { id, crash: false }).is_ok();
            false
        }
        Some(_) => true,
    });
    removed
}
