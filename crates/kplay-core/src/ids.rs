//! Identifiers and units, as newtypes so that an offset is never mistaken for a partition index.
//!
//! Names follow Kafka's own vocabulary (`Offset`, `LeaderEpoch`, `GenerationId`). Names that are
//! strings on the wire (topics, groups, members) are reference-counted so that events, parked
//! requests and metadata can hold them without copying.

use std::fmt;
use std::sync::Arc;

macro_rules! int_id {
    ($(#[$doc:meta])* $name:ident($int:ty)) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub $int);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

int_id!(
    /// A broker's `node.id`.
    BrokerId(i32)
);
int_id!(
    /// A partition's index within its topic.
    PartitionIndex(i32)
);
int_id!(
    /// The epoch of a partition's leader; bumped by the controller on every leader change.
    LeaderEpoch(i32)
);
int_id!(
    /// A consumer group's generation; bumped on every completed rebalance.
    GenerationId(i32)
);
int_id!(
    /// The id handed out by InitProducerId to an idempotent producer.
    ProducerId(i64)
);
int_id!(
    /// The epoch of an idempotent producer's id.
    ProducerEpoch(i16)
);
int_id!(
    /// An opaque id the driver gives each client connection, so parked responses find their way.
    ClientId(u64)
);
int_id!(
    /// The driver's id for one request; a parked response comes out carrying it.
    RequestId(u64)
);

impl ProducerId {
    /// `-1`: the record batch was not written by an idempotent producer.
    pub const NONE: ProducerId = ProducerId(-1);
}

impl ProducerEpoch {
    /// `-1`: no producer epoch.
    pub const NONE: ProducerEpoch = ProducerEpoch(-1);
}

impl LeaderEpoch {
    /// `-1`: the epoch is unknown (old clients, or a batch appended before any leader).
    pub const UNKNOWN: LeaderEpoch = LeaderEpoch(-1);
}

impl BrokerId {
    /// `-1`: no broker, e.g. the leader of an offline partition.
    pub const NONE: BrokerId = BrokerId(-1);
}

impl GenerationId {
    /// `-1`: no generation; what a standalone consumer commits with.
    pub const NONE: GenerationId = GenerationId(-1);
}

/// A position in a partition's log. Offsets are dense and increasing as records are appended;
/// compaction can leave gaps, but never reorders them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Offset(pub i64);

impl Offset {
    /// The offset `n` records later.
    pub fn plus(self, n: i64) -> Offset {
        Offset(self.0 + n)
    }

    /// How many records lie between `earlier` and `self` (zero if `earlier` is later).
    pub fn records_since(self, earlier: Offset) -> u64 {
        u64::try_from(self.0 - earlier.0).unwrap_or(0)
    }
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The offsets from `from` up to, not including, `to`, written for people rather than as a Rust
/// range: "offset 4", "offsets 4 to 9", "no offsets".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Offsets {
    /// The first offset.
    pub from: Offset,
    /// The offset after the last.
    pub to: Offset,
}

impl fmt::Display for Offsets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Offsets { from, to } = *self;
        match to.0 - from.0 {
            ..=0 => write!(f, "no offsets"),
            1 => write!(f, "offset {from}"),
            _ => write!(f, "offsets {from} to {}", to.0 - 1),
        }
    }
}

/// Milliseconds since the Unix epoch: the engine's only notion of time, always passed in by the
/// driver (the simulator's virtual clock or the server's wall clock), never read by the engine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// `-1`: no timestamp (Kafka's `RecordBatch.NO_TIMESTAMP`).
    pub const NONE: Timestamp = Timestamp(-1);

    /// This instant plus `ms` milliseconds, saturating rather than overflowing.
    pub fn plus_ms(self, ms: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(ms))
    }

    /// Milliseconds from `earlier` to `self`; negative if `earlier` is later.
    pub fn ms_since(self, earlier: Timestamp) -> i64 {
        self.0.saturating_sub(earlier.0)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}ms", self.0)
    }
}

macro_rules! name_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Arc<str>);

        impl $name {
            /// The name as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(Arc::from(s))
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(Arc::from(s))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&*self.0, f)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

name_id!(
    /// A topic's name.
    TopicName
);
name_id!(
    /// A consumer group's `group.id`.
    GroupId
);
name_id!(
    /// A group member's id, assigned by the coordinator.
    MemberId
);

impl MemberId {
    /// The empty member id: a member that has not been given an id yet.
    pub fn unknown() -> MemberId {
        MemberId(Arc::from(""))
    }

    /// Whether this is the empty member id.
    pub fn is_unknown(&self) -> bool {
        self.0.is_empty()
    }
}

/// One partition of one topic: the unit of ordering, replication and assignment.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TopicPartition {
    /// The topic.
    pub topic: TopicName,
    /// The partition's index within the topic.
    pub partition: PartitionIndex,
}

impl TopicPartition {
    /// `topic`-`partition`.
    pub fn new(topic: impl Into<TopicName>, partition: i32) -> Self {
        TopicPartition { topic: topic.into(), partition: PartitionIndex(partition) }
    }
}

impl fmt::Display for TopicPartition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.topic, self.partition)
    }
}

impl fmt::Debug for TopicPartition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.topic, self.partition)
    }
}

/// A 128-bit id in Kafka's format (topic ids, cluster ids), printed as Kafka prints it:
/// URL-safe base64 without padding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uuid(pub [u8; 16]);

impl Uuid {
    /// The all-zero id Kafka uses for "no id".
    pub const ZERO: Uuid = Uuid([0; 16]);

    /// Builds an id from two 64-bit halves.
    pub fn from_u64_pair(high: u64, low: u64) -> Uuid {
        let mut bytes = [0; 16];
        bytes[..8].copy_from_slice(&high.to_be_bytes());
        bytes[8..].copy_from_slice(&low.to_be_bytes());
        Uuid(bytes)
    }
}

impl fmt::Display for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut bits: u32 = 0;
        let mut nbits = 0;
        for byte in self.0 {
            bits = (bits << 8) | u32::from(byte);
            nbits += 8;
            while nbits >= 6 {
                nbits -= 6;
                f.write_str(
                    std::str::from_utf8(&[ALPHABET[((bits >> nbits) & 63) as usize]])
                        .unwrap_or("?"),
                )?;
            }
        }
        if nbits > 0 {
            let idx = ((bits << (6 - nbits)) & 63) as usize;
            f.write_str(std::str::from_utf8(&[ALPHABET[idx]]).unwrap_or("?"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_prints_as_kafka_base64() {
        // Standard base64 of these bytes is "ASNFZ4mrze/+3LqYdlQyEA=="; Kafka uses the URL-safe
        // alphabet ('-' for '+', '_' for '/') and drops the padding.
        let id = Uuid::from_u64_pair(0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210);
        assert_eq!(id.to_string(), "ASNFZ4mrze_-3LqYdlQyEA");
        assert_eq!(Uuid::ZERO.to_string(), "AAAAAAAAAAAAAAAAAAAAAA");
    }

    #[test]
    fn offsets_count_records_between_them() {
        assert_eq!(Offset(10).records_since(Offset(4)), 6);
        assert_eq!(Offset(4).records_since(Offset(10)), 0);
        assert_eq!(Offset(4).plus(3), Offset(7));
    }

    #[test]
    fn offset_ranges_read_as_words_with_the_last_offset_included() {
        let range = |from, to| Offsets { from: Offset(from), to: Offset(to) }.to_string();
        assert_eq!(range(4, 5), "offset 4");
        assert_eq!(range(4, 10), "offsets 4 to 9");
        assert_eq!(range(4, 4), "no offsets");
        assert_eq!(range(9, 4), "no offsets");
    }

    #[test]
    fn timestamps_saturate() {
        assert_eq!(Timestamp(i64::MAX - 1).plus_ms(10), Timestamp(i64::MAX));
        assert_eq!(Timestamp(100).ms_since(Timestamp(40)), 60);
    }
}
