//! Producer forms: add a producer with the Java client's configs (`acks`, `enable.idempotence`,
//! `linger.ms`, `batch.size`, …), whose partitioner, how fast it writes and with which keys;
//! remove a producer (or a consumer) cleanly or as a crash; have a producer send one record.
//!
//! `enable.idempotence` follows Kafka 3.x: left blank, it is on unless another setting conflicts
//! with it (then it is quietly off); set to true, a conflict is refused with the producer's own
//! message.

use kplay_sim::Action;
use kplay_sim::action::{AcksSpec, KeyDistribution, ProducerSpec};
use kplay_sim::partitioner::PartitionerKind;

use super::fields::{Errors, optional, pairs, whole};
use super::{Facts, existing_client, existing_topic, fits};
use crate::model::limits::{MAX_CLIENT_ID, MAX_KEYS, MAX_RATE_PER_SEC, MAX_VALUE_BYTES};
use crate::model::snapshot::ProducerSnap;

/// The longest `linger.ms` the form takes (ten minutes).
pub const MAX_LINGER_MS: i64 = 600_000;

/// The keys generated records carry, as a picker offers them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Keys {
    /// No key.
    None,
    /// One of N keys, uniformly.
    #[default]
    Uniform,
    /// Mostly a few hot keys.
    HotKeys,
    /// `key-0`, `key-1`, … in turn.
    Sequence,
}

impl Keys {
    /// Every choice, in picker order.
    pub const ALL: [Keys; 4] = [Keys::None, Keys::Uniform, Keys::HotKeys, Keys::Sequence];

    /// How a picker names it.
    pub fn label(self) -> &'static str {
        match self {
            Keys::None => "no key (keyless records)",
            Keys::Uniform => "uniform over N keys",
            Keys::HotKeys => "hot keys (a few keys get most records)",
            Keys::Sequence => "sequence: key-0, key-1, … in turn",
        }
    }
}

/// How `enable.idempotence` is set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Idempotence {
    /// Not set: Kafka's default (on, unless acks, retries or in-flight requests conflict).
    #[default]
    Default,
    /// `enable.idempotence=true`.
    True,
    /// `enable.idempotence=false`.
    False,
}

/// A new producer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProducerForm {
    /// Its client number (blank: the next free one).
    pub id: String,
    /// `client.id` (blank: `producer-<number>`, as the Java client names it).
    pub client_id: String,
    /// The topic its records go to (blank: the first).
    pub topic: String,
    /// Whose partitioner.
    pub partitioner: PartitionerKind,
    /// `acks`.
    pub acks: AcksSpec,
    /// `enable.idempotence`.
    pub idempotence: Idempotence,
    /// `linger.ms` (blank: 5).
    pub linger_ms: String,
    /// `batch.size` (blank: 16384).
    pub batch_size: String,
    /// `max.in.flight.requests.per.connection` (blank: 5).
    pub max_in_flight: String,
    /// `retries` (blank: 2147483647).
    pub retries: String,
    /// Records per second (0: only when asked).
    pub rate: String,
    /// Its keys.
    pub keys: Keys,
    /// How many distinct keys (blank: 6).
    pub key_count: String,
    /// How many of them are hot (blank: 1).
    pub hot_keys: String,
    /// The share of records for hot keys, in percent (blank: 80).
    pub hot_percent: String,
    /// Each generated value's size in bytes (blank: 100).
    pub value_bytes: String,
}

impl Default for ProducerForm {
    fn default() -> Self {
        ProducerForm {
            id: String::new(),
            client_id: String::new(),
            topic: String::new(),
            partitioner: PartitionerKind::JavaDefault,
            acks: AcksSpec::All,
            idempotence: Idempotence::Default,
            linger_ms: String::new(),
            batch_size: String::new(),
            max_in_flight: String::new(),
            retries: String::new(),
            rate: "5".into(),
            keys: Keys::Uniform,
            key_count: String::new(),
            hot_keys: String::new(),
            hot_percent: String::new(),
            value_bytes: String::new(),
        }
    }
}

/// A new client's number: typed, or the next free one; it must be free.
pub(super) fn client_number(e: &mut Errors, facts: &Facts, typed: &str, count: u32) -> u32 {
    let next = facts.next_client();
    let high = i64::from(MAX_CLIENT_ID) - i64::from(count.max(1)) + 1;
    let id = whole(e, "client", typed, Some(next.into()), 0, high) as u32;
    if let Some(taken) = (id..id + count).find(|n| e.is_empty() && facts.client(*n).is_some()) {
        e.add("client", format!("client {taken} already exists (the next free number is {next})"));
    }
    id
}

impl ProducerForm {
    /// The producer to add, or what is wrong.
    pub fn action(&self, facts: &Facts) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let id = client_number(&mut e, facts, &self.id, 1);
        let client_id = optional(&self.client_id).unwrap_or_else(|| format!("producer-{id}"));
        let topic = existing_topic(&mut e, facts, "topic", &self.topic).map(|t| t.name.clone());
        let java = ProducerSpec::new(&client_id, "");
        let linger_ms =
            whole(&mut e, "linger.ms", &self.linger_ms, Some(java.linger_ms), 0, MAX_LINGER_MS);
        let batch = whole(&mut e, "batch.size", &self.batch_size, Some(16_384), 0, 16 << 20);
        let in_flight = whole(&mut e, "max.in.flight", &self.max_in_flight, Some(5), 1, 100) as u32;
        let retries =
            whole(&mut e, "retries", &self.retries, Some(i32::MAX.into()), 0, i32::MAX.into())
                as u32;
        let rate = whole(&mut e, "rate", &self.rate, Some(0), 0, MAX_RATE_PER_SEC.into()) as u32;
        let value_bytes =
            whole(&mut e, "value.bytes", &self.value_bytes, Some(100), 0, MAX_VALUE_BYTES as i64);
        let keys = self.keys(&mut e);
        let idempotence = self.idempotence(&mut e, in_flight, retries);
        let spec = ProducerSpec {
            topic: topic.unwrap_or_default(),
            partitioner: self.partitioner,
            acks: self.acks,
            linger_ms,
            batch_size: batch as usize,
            retries,
            // Kafka raises an unset delivery.timeout.ms to linger.ms + request.timeout.ms.
            delivery_timeout_ms: java.delivery_timeout_ms.max(linger_ms + java.request_timeout_ms),
            idempotence,
            max_in_flight: in_flight,
            rate_per_sec: rate,
            keys,
            value_bytes: value_bytes as usize,
            ..java
        };
        let action = Action::AddProducer { id, spec };
        fits(&mut e, facts, "client", &action);
        e.or(action)
    }

    fn keys(&self, e: &mut Errors) -> KeyDistribution {
        let count =
            |e: &mut Errors| whole(e, "keys", &self.key_count, Some(6), 1, MAX_KEYS.into()) as u32;
        match self.keys {
            Keys::None => KeyDistribution::None,
            Keys::Uniform => KeyDistribution::Uniform { keys: count(e) },
            Keys::Sequence => KeyDistribution::Sequence { keys: count(e) },
            Keys::HotKeys => {
                let keys = count(e);
                let hot_keys = whole(e, "hot.keys", &self.hot_keys, Some(1), 1, keys.into()) as u32;
                let hot_percent =
                    whole(e, "hot.percent", &self.hot_percent, Some(80), 0, 100) as u32;
                KeyDistribution::HotKeys { keys, hot_keys, hot_percent }
            }
        }
    }

    /// Kafka's `ProducerConfig` rules for idempotence.
    fn idempotence(&self, e: &mut Errors, in_flight: u32, retries: u32) -> bool {
        let conflict = if self.acks != AcksSpec::All {
            Some(
                "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.",
            )
        } else if in_flight > 5 {
            Some(
                "Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.",
            )
        } else if retries == 0 {
            Some("Must set retries to non-zero when using the idempotent producer.")
        } else {
            None
        };
        match (self.idempotence, conflict) {
            (Idempotence::True, Some(why)) => {
                e.add("enable.idempotence", why);
                true
            }
            (Idempotence::True, None) => true,
            (Idempotence::Default, conflict) => conflict.is_none(),
            (Idempotence::False, _) => false,
        }
    }
}

/// A client to remove.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RemoveClientForm {
    /// Its number (blank: the first of the kind).
    pub client: String,
}

impl RemoveClientForm {
    /// Closing (or, with `crash`, crashing) the chosen producer (`producer`) or consumer.
    pub fn action(&self, facts: &Facts, producer: bool, crash: bool) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let id = existing_client(&mut e, facts, "client", &self.client, producer).map(|c| c.id);
        e.or(Action::RemoveClient { id: id.unwrap_or_default(), crash })
    }
}

/// One record to send.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProduceForm {
    /// The producer's number (blank: the first producer).
    pub producer: String,
    /// The topic (blank: the producer's own).
    pub topic: String,
    /// The key (blank: no key, `null`).
    pub key: String,
    /// The value.
    pub value: String,
    /// A tombstone: a `null` value (the value field is ignored).
    pub tombstone: bool,
    /// Headers, `name=value` a line.
    pub headers: String,
    /// An explicit partition (blank: the partitioner chooses).
    pub partition: String,
}

impl ProduceForm {
    /// The record producer `p`'s own form sends (the producer and topic fields are `p`'s),
    /// checked against `p` and its topic; what is wrong, in one line.
    pub fn action_of(&self, p: &ProducerSnap) -> Result<Action, String> {
        let form =
            ProduceForm { producer: p.id.to_string(), topic: p.topic.clone(), ..self.clone() };
        form.action(&Facts::for_producer(p)).map_err(|e| {
            e.iter()
                .map(|(field, message)| format!("{field}: {message}"))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    /// The record to send, or what is wrong.
    pub fn action(&self, facts: &Facts) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let producer = existing_client(&mut e, facts, "producer", &self.producer, true);
        let own = producer.and_then(|p| p.topic.as_deref()).unwrap_or("");
        let typed = if self.topic.trim().is_empty() { own } else { &self.topic };
        let topic = existing_topic(&mut e, facts, "topic", typed);
        let partition = optional(&self.partition).map(|p| {
            let last = topic.map_or(0, |t| i64::from(t.partitions) - 1);
            whole(&mut e, "partition", &p, None, 0, last) as i32
        });
        let headers = pairs(&mut e, "headers", &self.headers, "a header");
        let compacted = topic.is_some_and(|t| {
            t.overrides.iter().any(|(k, v)| k == "cleanup.policy" && v.contains("compact"))
        });
        if compacted && self.key.is_empty() {
            e.add(
                "key",
                format!(
                    "{} is compacted (cleanup.policy=compact): the broker refuses records without a key",
                    topic.map_or("", |t| t.name.as_str())
                ),
            );
        }
        let action = Action::Produce {
            producer: producer.map_or(0, |p| p.id),
            topic: topic.map(|t| t.name.clone()).unwrap_or_default(),
            key: Some(self.key.clone()).filter(|k| !k.is_empty()),
            value: (!self.tombstone).then(|| self.value.clone()),
            headers,
            partition,
        };
        fits(&mut e, facts, "value", &action);
        e.or(action)
    }
}
