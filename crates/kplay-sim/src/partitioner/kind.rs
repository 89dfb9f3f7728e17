//! The choices a producer is configured with: which client's behaviour ([`PartitionerKind`]),
//! the settings that behaviour reads ([`PartitionerConfig`]), and what it reports when a record
//! cannot be placed ([`PartitionError`]).
//!
//! Invariant: these are plain values (serde for scenarios and share links); everything that
//! changes as records flow lives in the [`Partitioner`](super::Partitioner).

use std::fmt;

use serde::{Deserialize, Serialize};

/// librdkafka's `RD_KAFKA_PARTITION_UA`: a record "assigned" to partition -1 is left to the
/// partitioner (confluent-kafka's `produce(partition=-1)` default).
pub const LIBRDKAFKA_PARTITION_UA: i32 = -1;

/// One real client's partitioning behaviour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartitionerKind {
    /// The Java client from 3.3 (and what is built on it, such as Spring Kafka and the console
    /// producer): keyed by murmur2, keyless uniform sticky (KIP-794 `BuiltInPartitioner`,
    /// non-adaptive), switching once `batch.size` bytes went to the partition and its last batch
    /// is full, or at twice `batch.size` (the full-batch condition came with KAFKA-14156). The
    /// sticky partition is kept if it loses its leader. The playground's default.
    #[default]
    JavaDefault,
    /// The Java client 2.4–3.2 `DefaultPartitioner`: keyed by murmur2, keyless sticky until the
    /// partition needs a new batch (KIP-480 `StickyPartitionCache`), then on a different
    /// partition with a leader. The sticky partition is kept if it loses its leader.
    JavaLegacySticky,
    /// kafka-python 3.x `DefaultPartitioner`: keyed by murmur2 over the sorted partition ids
    /// (here always `0..n`, so the index is the id), keyless records each drawn at random among
    /// partitions with a leader (among all if none has one).
    KafkaPython,
    /// librdkafka's default `consistent_random` (confluent-kafka, kcat, confluent-kafka-go,
    /// rust-rdkafka): keyed by crc32, an empty key counts as keyless, keyless sticky for more
    /// than `sticky.partitioning.linger.ms` or until the partition loses its leader. New sticky
    /// partitions are drawn among *all* partitions with one redraw if the first has no leader,
    /// so a keyless record can still land on a leaderless partition.
    LibrdkafkaConsistentRandom,
    /// librdkafka's `murmur2_random` (set for Java compatibility): keyed as Java, empty keys
    /// hashed, null keys sticky as in `LibrdkafkaConsistentRandom`.
    LibrdkafkaMurmur2Random,
    /// Java's `RoundRobinPartitioner`: a per-topic counter over partitions with a leader (all
    /// if none has one), keys ignored; one step per record, as since KAFKA-17632.
    RoundRobin,
}

impl PartitionerKind {
    /// Every kind, in the order a picker lists them.
    pub const ALL: [PartitionerKind; 6] = [
        PartitionerKind::JavaDefault,
        PartitionerKind::JavaLegacySticky,
        PartitionerKind::KafkaPython,
        PartitionerKind::LibrdkafkaConsistentRandom,
        PartitionerKind::LibrdkafkaMurmur2Random,
        PartitionerKind::RoundRobin,
    ];

    /// A short name for pickers and logs.
    pub fn label(self) -> &'static str {
        match self {
            PartitionerKind::JavaDefault => "Java 3.3+ default (murmur2, uniform sticky)",
            PartitionerKind::JavaLegacySticky => "Java 2.4-3.2 default (murmur2, sticky per batch)",
            PartitionerKind::KafkaPython => "kafka-python (murmur2, random)",
            PartitionerKind::LibrdkafkaConsistentRandom => "librdkafka default (crc32, sticky)",
            PartitionerKind::LibrdkafkaMurmur2Random => "librdkafka murmur2_random",
            PartitionerKind::RoundRobin => "Java RoundRobinPartitioner",
        }
    }

    pub(super) fn is_librdkafka(self) -> bool {
        matches!(
            self,
            PartitionerKind::LibrdkafkaConsistentRandom | PartitionerKind::LibrdkafkaMurmur2Random
        )
    }
}

impl fmt::Display for PartitionerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A partitioner's kind and the producer settings it reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartitionerConfig {
    /// Which client to behave like.
    pub kind: PartitionerKind,
    /// The producer's `batch.size` in bytes (Java: 16384), which KIP-794 sticks for. Zero acts
    /// as one byte, as in Java.
    pub batch_size: u32,
    /// librdkafka's `sticky.partitioning.linger.ms` (default 10); 0 disables stickiness.
    pub sticky_partitioning_linger_ms: u32,
}

impl PartitionerConfig {
    /// `kind` with the clients' default settings.
    pub fn new(kind: PartitionerKind) -> Self {
        PartitionerConfig { kind, batch_size: 16_384, sticky_partitioning_linger_ms: 10 }
    }
}

impl Default for PartitionerConfig {
    fn default() -> Self {
        PartitionerConfig::new(PartitionerKind::default())
    }
}

/// A record the partitioner cannot place. Client-side errors, not broker error codes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PartitionError {
    /// The record names a partition the topic does not have.
    #[error(
        "partition {partition} does not exist: topic \"{topic}\" has {partition_count} \
         partition(s), numbered from 0"
    )]
    UnknownPartition {
        /// The topic.
        topic: String,
        /// The partition the record named.
        partition: i32,
        /// How many partitions the topic has.
        partition_count: u32,
    },
    /// The producer's metadata shows no partitions for the topic yet.
    #[error("topic \"{topic}\" has no partitions yet, so there is nowhere to put the record")]
    NoPartitions {
        /// The topic.
        topic: String,
    },
}
