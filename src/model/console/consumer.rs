//! `kafka-console-consumer.sh`: a simulated consumer configured as the console consumer
//! configures its `KafkaConsumer`, whose records the terminal prints as the world hands them to
//! it, formatted as `DefaultMessageFormatter` formats them.
//!
//! As in Kafka: without `--group` the group is a fresh `console-consumer-NNNNN` and auto commit is
//! off (the tool never means to come back to it); with `--group`, auto commit every 5 s.
//! `auto.offset.reset` is `latest` unless `--from-beginning`. Stopping it (Ctrl-C or
//! `--max-messages`) closes the consumer, which leaves its group, and prints how many records
//! it printed.

use kplay_sim::Action;
use kplay_sim::action::{CommitMode, ConsumerSpec, Membership, OffsetReset};
use kplay_sim::consumer::ConsumedRecord;

use super::opts::{self, Spec, flag, value};
use super::{Playground, Printed, next_client, not_simulated, props};

const SPECS: &[Spec] = &[
    value("topic"),
    value("whitelist"),
    value("include"),
    value("partition"),
    value("offset"),
    value("consumer-property"),
    value("consumer.config"),
    value("formatter"),
    value("property"),
    flag("from-beginning"),
    value("max-messages"),
    value("timeout-ms"),
    flag("skip-message-on-error"),
    value("bootstrap-server"),
    value("key-deserializer"),
    value("value-deserializer"),
    flag("enable-systest-events"),
    value("isolation-level"),
    value("group"),
    flag("help"),
    flag("version"),
];

/// Options read here; the rest are the real tool's but not simulated.
const SIMULATED: &[&str] = &[
    "topic",
    "bootstrap-server",
    "from-beginning",
    "group",
    "property",
    "max-messages",
    "consumer-property",
];

/// A console consumer printing what its simulated consumer is handed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumerSession {
    /// Its simulated client.
    pub client: u32,
    /// Its `client.id` (to know it is still the same consumer after the timeline moves).
    pub client_id: String,
    /// Its group.
    pub group: String,
    /// Records the consumer had been handed when the terminal last looked.
    seen: u64,
    /// Records printed.
    pub printed: u64,
    /// `--max-messages`.
    pub max_messages: Option<u64>,
    format: Format,
}

/// `DefaultMessageFormatter`'s properties.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Format {
    timestamp: bool,
    partition: bool,
    offset: bool,
    key: bool,
    value: bool,
    separator: String,
}

/// Starts the tool: a simulated consumer joins the world. Returns the session and the notes on
/// configs left out.
pub fn start(p: &mut Playground, args: &[String]) -> Result<(ConsumerSession, Printed), Printed> {
    let o = opts::parse(SPECS, args).map_err(|e| Printed::error(e.to_string()))?;
    if let Some(name) = SPECS.iter().map(|s| s.name).find(|n| o.has(n) && !SIMULATED.contains(n)) {
        return Err(not_simulated("kafka-console-consumer.sh", name));
    }
    let Some(topic) = o.value("topic").map(str::to_owned) else {
        return Err(Printed::error("Exactly one of --include/--topic is required. ()"));
    };
    if !o.has("bootstrap-server") {
        return Err(Printed::error("Missing required argument \"[bootstrap-server]\""));
    }
    let max_messages = match o.number("max-messages") {
        Ok(n) => n.filter(|n| *n >= 0).map(|n| n as u64),
        Err(e) => return Err(Printed::error(e.to_string())),
    };
    let props = opts::key_values(o.values("property"));
    let prop = |k: &str, default: bool| {
        props
            .iter()
            .rev()
            .find(|(key, _)| key == k)
            .map_or(default, |(_, v)| v.trim().eq_ignore_ascii_case("true"))
    };
    let format = Format {
        timestamp: prop("print.timestamp", false),
        partition: prop("print.partition", false),
        offset: prop("print.offset", false),
        key: prop("print.key", false),
        value: prop("print.value", true),
        separator: props
            .iter()
            .rev()
            .find(|(k, _)| k == "key.separator")
            .map_or_else(|| "\t".to_owned(), |(_, v)| v.clone()),
    };
    let client = next_client(p);
    let mut spec = ConsumerSpec::group("", "", &[topic.as_str()]);
    let pairs = opts::key_values(o.values("consumer-property"));
    let (notes, choices) = props::consumer(&mut spec, &pairs)?;
    let (group, generated) = match (o.value("group"), choices.group_id.as_deref()) {
        (Some(a), Some(b)) if a != b => {
            return Err(Printed::error(format!(
                "The group ids provided in different places (directly using '--group', via '--consumer-property', or via '--consumer.config') do not match. Detected group ids: '{a}', '{b}'"
            )));
        }
        (Some(g), _) | (None, Some(g)) => (g.to_owned(), false),
        (None, None) => (generated_group(p, client), true),
    };
    if let Membership::Group { group_id, .. } = &mut spec.membership {
        group_id.clone_from(&group);
    }
    if spec.client_id.is_empty() {
        // The tool names its consumer itself (KAFKA-10038, Kafka 3.1 and later).
        spec.client_id = "console-consumer".to_owned();
    }
    let from_beginning = o.has("from-beginning");
    spec.auto_offset_reset = match choices.auto_offset_reset.as_deref() {
        Some(v) if from_beginning && v != "earliest" => {
            return Err(Printed::error(format!(
                "Can't simultaneously specify --from-beginning and 'auto.offset.reset={v}', please remove one option"
            )));
        }
        Some("none") => OffsetReset::None,
        Some("latest") => OffsetReset::Latest,
        Some(_) => OffsetReset::Earliest,
        None if from_beginning => OffsetReset::Earliest,
        None => OffsetReset::Latest,
    };
    // A generated group is never meant to be used again: the tool turns auto commit off.
    if choices.auto_commit == Some(false) || (generated && choices.auto_commit.is_none()) {
        spec.commit = CommitMode::Manual;
    }
    let client_id = spec.client_id.clone();
    p.apply(Action::AddConsumer { id: client, spec })
        .map_err(|e| Printed::error(format!("org.apache.kafka.common.KafkaException: {e}")))?;
    let session =
        ConsumerSession { client, client_id, group, seen: 0, printed: 0, max_messages, format };
    Ok((session, notes))
}

/// `console-consumer-` and a number below 100000, as the tool draws it, but drawn from the
/// world's seed and moment so that a replay names the group the same.
fn generated_group(p: &Playground, client: u32) -> String {
    let world = p.world();
    let mut z = world.seed() ^ world.steps().rotate_left(17) ^ u64::from(client).rotate_left(41);
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    format!("console-consumer-{}", z % 100_000)
}

impl ConsumerSession {
    /// Prints what the consumer was handed since last time; stops at `--max-messages`.
    /// Returns what was printed and whether the tool stopped (and so changed the scenario).
    pub fn follow(&mut self, p: &mut Playground) -> (Printed, bool) {
        let mut printed = self.drain(p);
        if self.max_messages.is_some_and(|max| self.printed >= max) {
            printed.0.extend(self.close(p).0);
            return (printed, true);
        }
        if !self.alive(p) {
            printed.err(
                "# The timeline moved to a moment without this console consumer; it has stopped.",
            );
            printed.err(format!("Processed a total of {} messages", self.printed));
            return (printed, true);
        }
        (printed, false)
    }

    /// Stops the tool: prints what is left, closes the consumer and says how many it printed.
    pub fn close(&mut self, p: &mut Playground) -> Printed {
        let mut printed = self.drain(p);
        if self.alive(p) {
            // The outcome is in the playground's notice either way.
            let _ = p.apply(Action::RemoveClient { id: self.client, crash: false });
        }
        printed.err(format!("Processed a total of {} messages", self.printed));
        printed
    }

    fn alive(&self, p: &Playground) -> bool {
        p.world().consumer(self.client).is_some_and(|c| c.spec().client_id == self.client_id)
    }

    /// The records handed over since last time, formatted.
    fn drain(&mut self, p: &Playground) -> Printed {
        let mut printed = Printed::default();
        if !self.alive(p) {
            return printed;
        }
        let Some(consumer) = p.world().consumer(self.client) else { return printed };
        let total = consumer.handed_over();
        // The timeline went back and the consumer was rebuilt: count again from there.
        self.seen = self.seen.min(total);
        let new = total - self.seen;
        self.seen = total;
        let recent = consumer.recent_records();
        let shown = (new as usize).min(recent.len());
        if (shown as u64) < new {
            printed.err(format!(
                "# {} records went by faster than the terminal keeps them",
                new - shown as u64
            ));
        }
        for record in recent.iter().skip(recent.len() - shown) {
            if self.max_messages.is_some_and(|max| self.printed >= max) {
                break;
            }
            self.printed += 1;
            if let Some(line) = self.format.line(record) {
                printed.out(line);
            }
        }
        printed
    }
}

impl Format {
    /// How `DefaultMessageFormatter` writes `record` (`None`: nothing to write).
    fn line(&self, record: &ConsumedRecord) -> Option<String> {
        let text = |b: &Option<bytes::Bytes>| {
            b.as_ref()
                .map_or_else(|| "null".to_owned(), |b| String::from_utf8_lossy(b).into_owned())
        };
        let mut fields = Vec::new();
        if self.timestamp {
            fields.push(format!("CreateTime:{}", record.timestamp.0));
        }
        if self.partition {
            fields.push(format!("Partition:{}", record.partition.partition.0));
        }
        if self.offset {
            fields.push(format!("Offset:{}", record.offset.0));
        }
        if self.key {
            fields.push(text(&record.key));
        }
        if self.value {
            fields.push(text(&record.value));
        }
        (!fields.is_empty()).then(|| fields.join(&self.separator))
    }
}
