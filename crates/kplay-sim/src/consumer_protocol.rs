//! Kafka's ConsumerProtocol: the bytes a consumer puts in JoinGroup (its [`Subscription`]) and
//! the bytes the group leader hands back through SyncGroup (each member's [`Assignment`]).
//!
//! The group coordinator treats both as opaque, exactly like Kafka's; only clients (and the UI,
//! to show what is inside) read them. The formats follow Kafka's schemas
//! `ConsumerProtocolSubscription.json` and `ConsumerProtocolAssignment.json`: an `int16` version,
//! then the fields of that version, never flexible (no tagged fields).
//!
//! | version | Subscription adds | Assignment |
//! |---|---|---|
//! | 0 | topics, user_data | assigned partitions by topic, user_data |
//! | 1 | owned_partitions | same |
//! | 2 | generation_id (-1 when absent) | same |
//! | 3 | rack_id (nullable) | same |
//!
//! Invariants, following Kafka's `ConsumerProtocol`:
//!
//! - A version above the highest known is decoded by reading the known fields and ignoring the
//!   rest; bytes after the known fields are ignored at any version. Encoding a higher version
//!   writes the highest known one. A negative version is an error.
//! - Subscriptions are written with their topics sorted and their owned partitions grouped by
//!   topic in (topic, partition) order; assignments group partitions by topic in order of first
//!   appearance. Decoding keeps the order found on the wire.
//! - An empty rack id decodes as no rack id.
//! - Decoding never panics and never allocates more than the input could hold; a payload that
//!   ends early is [`ProtocolError::Truncated`].
//!
//! ```
//! use kplay_sim::consumer_protocol::{Assignment, Subscription};
//! use kplay_core::TopicPartition;
//!
//! let bytes = Subscription::new(["orders"]).encode(3).expect("encodable");
//! assert_eq!(Subscription::decode(&bytes).expect("decodable").topics[0].as_str(), "orders");
//! let assignment = Assignment::new(vec![TopicPartition::new("orders", 0)]);
//! let bytes = assignment.encode(0).expect("encodable");
//! assert_eq!(&bytes[..2], &[0, 0]); // the version
//! assert_eq!(Assignment::decode(&bytes), Ok(assignment));
//! ```
//!
//! The assignors' own user data (the eager sticky assignor's previous assignment, the
//! cooperative sticky assignor's generation) is in [`user_data`].
//!
//! The `kafka-protocol` crate is deliberately not used here: by the project's layering rule only
//! the native server knows it, and the simulation must build for wasm32 without it.

mod wire;

pub mod user_data;

// Property tests need proptest, which is not built for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use bytes::Bytes;
use kplay_core::{GenerationId, TopicName, TopicPartition};

use crate::java::compare_strings;
use wire::{Reader, Writer};

/// The protocol type consumers send in JoinGroup.
pub const PROTOCOL_TYPE: &str = "consumer";

/// The highest ConsumerProtocol version this module knows (Kafka 3.x clients send it).
pub const HIGHEST_VERSION: i16 = 3;

/// Why ConsumerProtocol bytes could not be read or written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    /// The payload ends before `field` does.
    #[error("truncated: {field} needs {needed} bytes but only {remaining} remain")]
    Truncated {
        /// The field being read.
        field: &'static str,
        /// The bytes it needs.
        needed: usize,
        /// The bytes left.
        remaining: usize,
    },
    /// A negative version.
    #[error("unsupported consumer protocol version {0}")]
    UnsupportedVersion(i16),
    /// A field that may not be null is null.
    #[error("{field} is null but may not be")]
    UnexpectedNull {
        /// The field.
        field: &'static str,
    },
    /// An array claims more elements than the rest of the payload could hold.
    #[error("{field} claims {count} elements but only {remaining} bytes remain")]
    CountTooLarge {
        /// The array.
        field: &'static str,
        /// The count on the wire.
        count: i32,
        /// The bytes left.
        remaining: usize,
    },
    /// A string, byte string or array too long for its length prefix.
    #[error("{field} is {len} long, more than its length prefix can carry")]
    TooLong {
        /// The field.
        field: &'static str,
        /// Its length.
        len: usize,
    },
}

/// A consumer's subscription: what it sends, as JoinGroup metadata, for each assignor it offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscription {
    /// The topics the consumer subscribes to.
    pub topics: Vec<TopicName>,
    /// The assignor's own data, if any (see [`user_data`]).
    pub user_data: Option<Bytes>,
    /// The partitions the consumer owns as it joins (v1+; empty for eager rebalancing).
    pub owned_partitions: Vec<TopicPartition>,
    /// The generation those partitions were assigned in (v2+; [`GenerationId::NONE`] if unknown).
    pub generation_id: GenerationId,
    /// The consumer's `client.rack` (v3+).
    pub rack_id: Option<String>,
}

impl Default for Subscription {
    fn default() -> Self {
        Subscription {
            topics: Vec::new(),
            user_data: None,
            owned_partitions: Vec::new(),
            generation_id: GenerationId::NONE,
            rack_id: None,
        }
    }
}

impl Subscription {
    /// A subscription to `topics` with nothing else set.
    pub fn new<T: Into<TopicName>>(topics: impl IntoIterator<Item = T>) -> Self {
        Subscription { topics: topics.into_iter().map(Into::into).collect(), ..Self::default() }
    }

    /// The subscription as `version` of the format (clamped to [`HIGHEST_VERSION`]), written as
    /// Java's `ConsumerProtocol.serializeSubscription` writes it.
    pub fn encode(&self, version: i16) -> Result<Bytes, ProtocolError> {
        let version = check_version(version)?;
        let mut w = Writer::default();
        w.i16(version);
        let mut topics: Vec<&str> = self.topics.iter().map(TopicName::as_str).collect();
        kplay_core::sort::sort_by(&mut topics, |a, b| compare_strings(a, b));
        w.array_len("topics", topics.len())?;
        for topic in topics {
            w.string("topics", topic)?;
        }
        w.nullable_bytes("user_data", self.user_data.as_deref())?;
        if version >= 1 {
            let mut owned: Vec<&TopicPartition> = self.owned_partitions.iter().collect();
            kplay_core::sort::sort_by(&mut owned, |a, b| {
                compare_strings(a.topic.as_str(), b.topic.as_str())
                    .then(a.partition.cmp(&b.partition))
            });
            write_partitions_by_topic(&mut w, "owned_partitions", group_consecutive(owned))?;
        }
        if version >= 2 {
            w.i32(self.generation_id.0);
        }
        if version >= 3 {
            w.nullable_string("rack_id", self.rack_id.as_deref())?;
        }
        Ok(w.finish())
    }

    /// Reads a subscription of any version (fields of versions above 3 are ignored).
    pub fn decode(bytes: &[u8]) -> Result<Self, ProtocolError> {
        let mut r = Reader::new(bytes);
        let version = check_version(r.i16("version")?)?;
        let count = r.array_len("topics", 2)?;
        let mut topics = Vec::with_capacity(count);
        for _ in 0..count {
            topics.push(TopicName::from(r.string("topics")?));
        }
        let user_data = r.nullable_bytes("user_data")?;
        let mut subscription = Subscription { topics, user_data, ..Self::default() };
        if version >= 1 {
            subscription.owned_partitions = read_partitions_by_topic(&mut r, "owned_partitions")?;
        }
        if version >= 2 {
            subscription.generation_id = GenerationId(r.i32("generation_id")?);
        }
        if version >= 3 {
            subscription.rack_id = r.nullable_string("rack_id")?.filter(|rack| !rack.is_empty());
        }
        Ok(subscription)
    }
}

/// A member's assignment: what the leader sends for it in SyncGroup.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assignment {
    /// The partitions assigned to the member.
    pub partitions: Vec<TopicPartition>,
    /// The assignor's own data, if any.
    pub user_data: Option<Bytes>,
}

impl Assignment {
    /// An assignment of `partitions` without user data.
    pub fn new(partitions: Vec<TopicPartition>) -> Self {
        Assignment { partitions, user_data: None }
    }

    /// The assignment as `version` of the format (clamped to [`HIGHEST_VERSION`]); partitions
    /// are grouped by topic in order of first appearance, as Java's client writes them.
    pub fn encode(&self, version: i16) -> Result<Bytes, ProtocolError> {
        let version = check_version(version)?;
        let mut w = Writer::default();
        w.i16(version);
        let mut groups: Vec<(&TopicName, Vec<i32>)> = Vec::new();
        for tp in &self.partitions {
            match groups.iter_mut().find(|(topic, _)| **topic == tp.topic) {
                Some((_, partitions)) => partitions.push(tp.partition.0),
                None => groups.push((&tp.topic, vec![tp.partition.0])),
            }
        }
        write_partitions_by_topic(&mut w, "assigned_partitions", groups)?;
        w.nullable_bytes("user_data", self.user_data.as_deref())?;
        Ok(w.finish())
    }

    /// Reads an assignment of any version.
    pub fn decode(bytes: &[u8]) -> Result<Self, ProtocolError> {
        let mut r = Reader::new(bytes);
        check_version(r.i16("version")?)?;
        let partitions = read_partitions_by_topic(&mut r, "assigned_partitions")?;
        let user_data = r.nullable_bytes("user_data")?;
        Ok(Assignment { partitions, user_data })
    }
}

/// The version at the front of ConsumerProtocol bytes, as sent (it may exceed
/// [`HIGHEST_VERSION`]).
pub fn version(bytes: &[u8]) -> Result<i16, ProtocolError> {
    let version = Reader::new(bytes).i16("version")?;
    check_version(version)?;
    Ok(version)
}

fn check_version(version: i16) -> Result<i16, ProtocolError> {
    if version < 0 {
        return Err(ProtocolError::UnsupportedVersion(version));
    }
    Ok(version.min(HIGHEST_VERSION))
}

/// Groups runs of partitions of the same topic, keeping their order.
fn group_consecutive(partitions: Vec<&TopicPartition>) -> Vec<(&TopicName, Vec<i32>)> {
    let mut groups: Vec<(&TopicName, Vec<i32>)> = Vec::new();
    for tp in partitions {
        match groups.last_mut() {
            Some((topic, list)) if **topic == tp.topic => list.push(tp.partition.0),
            _ => groups.push((&tp.topic, vec![tp.partition.0])),
        }
    }
    groups
}

/// `[topic string, [int32 partition]]`, the TopicPartition array of both formats.
pub(crate) fn write_partitions_by_topic(
    w: &mut Writer,
    field: &'static str,
    groups: Vec<(&TopicName, Vec<i32>)>,
) -> Result<(), ProtocolError> {
    w.array_len(field, groups.len())?;
    for (topic, partitions) in groups {
        w.string(field, topic.as_str())?;
        w.array_len(field, partitions.len())?;
        for p in partitions {
            w.i32(p);
        }
    }
    Ok(())
}

/// Reads `[topic string, [int32 partition]]` into a flat list, in wire order.
pub(crate) fn read_partitions_by_topic(
    r: &mut Reader<'_>,
    field: &'static str,
) -> Result<Vec<TopicPartition>, ProtocolError> {
    // Each entry is at least a 2-byte string length and a 4-byte partition count.
    let count = r.array_len(field, 6)?;
    let mut out = Vec::new();
    for _ in 0..count {
        let topic = TopicName::from(r.string(field)?);
        let partitions = r.array_len(field, 4)?;
        out.reserve(partitions);
        for _ in 0..partitions {
            out.push(TopicPartition {
                topic: topic.clone(),
                partition: kplay_core::PartitionIndex(r.i32(field)?),
            });
        }
    }
    Ok(out)
}
