//! What confluent-kafka needs said that Java's defaults leave unsaid: librdkafka's partitioner
//! is `consistent_random` (crc32), so a producer that should place keys as Java does names
//! `murmur2_random`; librdkafka refuses to mix eager and cooperative assignors and has no eager
//! sticky one; and its sends report back through a delivery callback.

use kplay_sim::partitioner::PartitionerKind;

use super::dialect::one_protocol;
use super::text::Listing;

/// The delivery report every producer's sends name, written once.
pub(crate) fn delivery_report(l: &mut Listing) {
    if !l.first_time("delivery_report") {
        return;
    }
    l.blanks(2);
    l.line(0, "def delivery_report(err, msg):");
    l.line(
        1,
        "\"\"\"Called from poll() or flush() once the broker answered (or the send failed).\"\"\"",
    );
    l.line(1, "if err is not None:");
    l.line(2, "print(f'delivery failed: {err}')");
    l.line(1, "else:");
    l.line(2, "print(f'delivered to {msg.topic()}-{msg.partition()}@{msg.offset()}')");
    l.blanks(2);
}

/// `'partitioner': …` (and what else it takes) placing records as `kind` does.
pub(crate) fn partitioner(l: &mut Listing, kind: PartitionerKind) {
    let (comment, lines): (&str, &[&str]) = match kind {
        PartitionerKind::JavaDefault | PartitionerKind::JavaLegacySticky => (
            "Keys by murmur2, as Java (librdkafka's default, consistent_random, uses crc32 and would put\n\
             them elsewhere). Keyless records stick to a partition for sticky.partitioning.linger.ms (10 ms),\n\
             where Java sticks until a batch is done.",
            &["'partitioner': 'murmur2_random',"],
        ),
        PartitionerKind::KafkaPython => (
            "Keys by murmur2, as kafka-python; no stickiness, so each keyless record goes to a random partition.",
            &["'partitioner': 'murmur2_random',", "'sticky.partitioning.linger.ms': 0,"],
        ),
        PartitionerKind::LibrdkafkaConsistentRandom => (
            "librdkafka's default: keys by crc32; keyless (and empty) keys sticky for 10 ms.",
            &["'partitioner': 'consistent_random',"],
        ),
        PartitionerKind::LibrdkafkaMurmur2Random => (
            "Keys by murmur2, as Java; keyless records sticky for 10 ms.",
            &["'partitioner': 'murmur2_random',"],
        ),
        PartitionerKind::RoundRobin => (
            "librdkafka has no round-robin partitioner, and confluent-kafka takes no custom one:\n\
             a loop below names each record's partition in turn; single sends are placed by crc32.",
            &[],
        ),
    };
    l.comment(1, comment);
    for line in lines {
        l.line(1, *line);
    }
}

/// `'partition.assignment.strategy'` with the assignors librdkafka has, of one protocol.
pub(crate) fn assignment_strategy(l: &mut Listing, assignors: &[String]) {
    let (chosen, left_out) =
        one_protocol(assignors, &["range", "roundrobin", "cooperative-sticky"]);
    if chosen.is_empty() {
        if !assignors.is_empty() {
            l.comment(
                1,
                &format!(
                    "librdkafka has no {} assignor: it uses its default, range,roundrobin.",
                    assignors.join(", ")
                ),
            );
        }
        return;
    }
    if !left_out.is_empty() {
        l.comment(
            1,
            &format!(
                "{} left out: librdkafka refuses to mix eager and cooperative assignors,\nand has no eager sticky one.",
                left_out.join(", ")
            ),
        );
    }
    l.line(1, format!("'partition.assignment.strategy': '{}',", chosen.join(",")));
}
