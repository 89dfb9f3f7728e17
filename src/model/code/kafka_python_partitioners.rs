//! kafka-python's partitioners for each simulated producer's: its own `DefaultPartitioner`
//! (murmur2, keyless at random) and `StickyPartitioner` (KIP-480), and small `Partitioner`
//! classes, written into the listing, for what it has none of: librdkafka's crc32
//! `consistent_random` and Java's `RoundRobinPartitioner`.

use kplay_sim::partitioner::PartitionerKind;

use super::text::Listing;

/// The comment and the partitioner class that place records as `kind` does (defining the
/// class when kafka-python has none).
pub(crate) fn partitioner(l: &mut Listing, kind: PartitionerKind) -> (&'static str, &'static str) {
    match kind {
        PartitionerKind::JavaDefault => {
            l.import_from("kafka.partitioner", "StickyPartitioner");
            (
                "Keys by murmur2, as Java. Java 3.3+ keeps keyless records on one partition until\n\
                 batch.size bytes went there (KIP-794); kafka-python's closest moves on with each new batch (KIP-480).",
                "StickyPartitioner",
            )
        }
        PartitionerKind::JavaLegacySticky => {
            l.import_from("kafka.partitioner", "StickyPartitioner");
            (
                "Keys by murmur2; keyless records stick to a partition until a new batch (KIP-480).",
                "StickyPartitioner",
            )
        }
        PartitionerKind::KafkaPython | PartitionerKind::LibrdkafkaMurmur2Random => {
            l.import_from("kafka.partitioner", "DefaultPartitioner");
            if kind == PartitionerKind::KafkaPython {
                (
                    "kafka-python's default: keys by murmur2, keyless records each at random.",
                    "DefaultPartitioner",
                )
            } else {
                (
                    "Keys by murmur2, as librdkafka's murmur2_random; librdkafka keeps keyless records on one\n\
                     partition for sticky.partitioning.linger.ms (10 ms), kafka-python draws each at random.",
                    "DefaultPartitioner",
                )
            }
        }
        PartitionerKind::LibrdkafkaConsistentRandom => (
            "librdkafka's default (consistent_random): keys by crc32, not murmur2, so they land\n\
                 where confluent-kafka and kcat put them, not where Java and kafka-python do.",
            "Crc32Partitioner",
        ),
        PartitionerKind::RoundRobin => (
            "Java's RoundRobinPartitioner: partitions in turn, keys ignored.",
            "RoundRobinPartitioner",
        ),
    }
}

pub(crate) fn crc32_partitioner(l: &mut Listing) {
    if !l.first_time("Crc32Partitioner") {
        return;
    }
    l.blanks(2);
    l.import("random");
    l.import("zlib");
    l.import_from("kafka.partitioner", "Partitioner");
    l.line(0, "class Crc32Partitioner(Partitioner):");
    l.line(1, "\"\"\"librdkafka's consistent_random: crc32 of the key; keyless or empty keys at random.\"\"\"");
    l.blank();
    l.line(1, "def partition(self, topic, key, serialized_key, value, serialized_value, cluster):");
    l.line(2, "partitions = sorted(cluster.partitions_for_topic(topic))");
    l.line(2, "if not serialized_key:");
    l.line(
        3,
        "return random.choice(sorted(cluster.available_partitions_for_topic(topic)) or partitions)",
    );
    l.line(2, "return partitions[zlib.crc32(serialized_key) % len(partitions)]");
    l.blanks(2);
}

pub(crate) fn round_robin_partitioner(l: &mut Listing) {
    if !l.first_time("RoundRobinPartitioner") {
        return;
    }
    l.blanks(2);
    l.import("collections");
    l.import("itertools");
    l.import_from("kafka.partitioner", "Partitioner");
    l.line(0, "class RoundRobinPartitioner(Partitioner):");
    l.line(
        1,
        "\"\"\"Java's RoundRobinPartitioner: the next partition with a leader, keys ignored.\"\"\"",
    );
    l.blank();
    l.line(1, "def __init__(self):");
    l.line(2, "self._counters = collections.defaultdict(itertools.count)");
    l.blank();
    l.line(1, "def partition(self, topic, key, serialized_key, value, serialized_value, cluster):");
    l.line(2, "partitions = sorted(cluster.available_partitions_for_topic(topic)) or sorted(cluster.partitions_for_topic(topic))");
    l.line(2, "return partitions[next(self._counters[topic]) % len(partitions)]");
    l.blanks(2);
}
