//! Why a record went where it went: [`Choice`] and [`ChoiceReason`], down to the hash, the
//! arithmetic, the bytes produced and the random draw (their sentences are in `reason_text`).
//!
//! Invariant: a reason carries every number its sentence prints, so the text can be checked by
//! hand and never consults partitioner state that may have changed since.

use kplay_core::{PartitionIndex, Timestamp};

/// The partition a record goes to, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The chosen partition.
    pub partition: PartitionIndex,
    /// How the partitioner got there.
    pub reason: ChoiceReason,
}

/// How a partition was chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChoiceReason {
    /// The record named its partition, which overrides every partitioner.
    Explicit {
        /// The partition the record named.
        partition: PartitionIndex,
    },
    /// The key was hashed: `hash (& 0x7fffffff for murmur2) % partition_count`, over all
    /// partitions whether or not they have a leader.
    Hashed {
        /// Which hash.
        algorithm: HashAlgorithm,
        /// The key (printed as quoted text, or hex for binary keys).
        key: bytes::Bytes,
        /// The raw 32-bit hash.
        hash: u32,
        /// The number hashed keys are spread over: all partitions.
        partition_count: u32,
        /// The result.
        partition: PartitionIndex,
    },
    /// A keyless record placed by an independent random draw (kafka-python; librdkafka with
    /// `sticky.partitioning.linger.ms = 0`).
    Random {
        /// Why the record counts as keyless.
        key: KeylessKey,
        /// The draw.
        draw: Draw,
    },
    /// A keyless record placed on the topic's sticky partition.
    Sticky {
        /// Why the record counts as keyless.
        key: KeylessKey,
        /// When this client leaves a sticky partition, with the progress towards it.
        rule: StickyRule,
        /// Whether the sticky partition was kept, picked for the first time, or switched.
        step: StickyStep,
    },
    /// Java's `RoundRobinPartitioner`: a per-topic counter, keys ignored.
    RoundRobin {
        /// The counter value this record took (it then advances by one).
        counter: u32,
        /// `(counter & 0x7fffffff) % pool_size`: the index into the pool.
        index: u32,
        /// How many partitions the counter cycles over.
        pool_size: u32,
        /// True when the pool is the partitions with a leader; false when none had one and the
        /// counter cycles over all partitions.
        available_only: bool,
        /// The result.
        partition: PartitionIndex,
    },
}

/// The key hashes clients use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HashAlgorithm {
    /// Java's `Utils.murmur2`, then `toPositive` (Java, kafka-python, librdkafka `murmur2*`).
    Murmur2,
    /// IEEE CRC-32, unsigned (librdkafka's default `consistent_random`).
    Crc32,
}

/// Why a record counts as keyless.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeylessKey {
    /// The record has no key at all.
    Null,
    /// The key is empty, which librdkafka's `consistent_random` treats as no key (every other
    /// client hashes the empty key).
    Empty,
}

/// One random pick of a partition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Draw {
    /// The partition drawn.
    pub partition: PartitionIndex,
    /// What it was drawn from.
    pub pool: DrawPool,
}

/// What a random partition was drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DrawPool {
    /// Uniformly among the `count` partitions with a leader.
    Available {
        /// How many there were.
        count: u32,
    },
    /// Uniformly among the `count` partitions with a leader other than `except` (KIP-480
    /// always moves to a different partition).
    AvailableExcept {
        /// How many there were.
        count: u32,
        /// The partition being left.
        except: PartitionIndex,
    },
    /// No partition had a leader, so uniformly among all `count`.
    NoneAvailable {
        /// The topic's partition count.
        count: u32,
    },
    /// librdkafka: uniformly among all `count` partitions, drawing once more if the first draw
    /// had no leader, and keeping the second draw whatever it is.
    Librdkafka {
        /// The topic's partition count.
        count: u32,
        /// The first draw, when it had no leader and was drawn again.
        redrawn_from: Option<PartitionIndex>,
        /// Whether the partition finally drawn has no leader either.
        leaderless: bool,
    },
}

/// When a client leaves its sticky partition, with the progress towards that moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StickyRule {
    /// Java 3.3+ (KIP-794): after `batch_size` bytes have been produced to the partition.
    UniformSticky {
        /// The producer's `batch.size`.
        batch_size: u32,
        /// Bytes produced to the sticky partition before this record.
        produced_bytes: u64,
    },
    /// Java 2.4–3.2 (KIP-480): when the partition needs a new batch.
    UntilNewBatch,
    /// librdkafka: after `sticky.partitioning.linger.ms`.
    Linger {
        /// `sticky.partitioning.linger.ms`.
        linger_ms: u32,
        /// When the sticky partition was chosen.
        since: Timestamp,
    },
}

/// What happened to the topic's sticky partition for this record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StickyStep {
    /// The topic had no sticky partition yet; one was drawn.
    Started(Draw),
    /// The sticky partition was kept.
    Kept {
        /// The sticky partition.
        partition: PartitionIndex,
    },
    /// The sticky partition `from` was left for a new draw.
    Switched {
        /// The partition left.
        from: PartitionIndex,
        /// Why it was left.
        cause: SwitchCause,
        /// The new draw (which may land on `from` again, except under KIP-480).
        draw: Draw,
    },
}

/// Why a sticky partition was left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SwitchCause {
    /// KIP-794: `produced_bytes` reached `batch.size` with the partition's last batch full, or
    /// reached twice `batch.size`.
    BatchSizeReached {
        /// Bytes produced to the partition left.
        produced_bytes: u64,
        /// Whether its last batch was full (otherwise the 2 × `batch.size` cap applied).
        batch_full: bool,
    },
    /// KIP-480: the partition needed a new batch.
    NewBatch,
    /// librdkafka: the partition had been sticky for more than `sticky.partitioning.linger.ms`.
    LingerElapsed {
        /// How long it had been sticky.
        elapsed_ms: i64,
    },
    /// librdkafka: the sticky partition lost its leader.
    NoLeader,
    /// The sticky partition no longer exists in the topic's metadata.
    Vanished,
}
