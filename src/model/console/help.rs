//! What `help` prints: the tools and options the terminal simulates, and how to stop what runs.

use super::Printed;

/// What `help` prints.
pub(super) fn text() -> Printed {
    let mut p = Printed::default();
    for line in [
        "Kafka's console tools, acting on the simulated cluster (any --bootstrap-server will do):",
        "  kafka-topics.sh --bootstrap-server localhost:9092 --create --topic T [--partitions N] [--replication-factor N] [--config k=v ...] [--if-not-exists]",
        "  kafka-topics.sh --bootstrap-server localhost:9092 --list [--exclude-internal]",
        "  kafka-topics.sh --bootstrap-server localhost:9092 --alter --topic T --partitions N",
        "  kafka-topics.sh --bootstrap-server localhost:9092 --describe [--topic T] [--under-replicated-partitions|--unavailable-partitions|--under-min-isr-partitions|--at-min-isr-partitions|--topics-with-overrides]",
        "  kafka-topics.sh --bootstrap-server localhost:9092 --delete --topic T [--if-exists]",
        "  kafka-console-producer.sh --bootstrap-server localhost:9092 --topic T [--property parse.key=true --property key.separator=:] [--producer-property k=v ...]",
        "  kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic T [--from-beginning] [--group G] [--property print.key=true] [--max-messages N] [--consumer-property k=v ...]",
        "  kafka-consumer-groups.sh --bootstrap-server localhost:9092 --list",
        "  kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group G [--members|--state]",
        "  kafka-consumer-groups.sh --bootstrap-server localhost:9092 --reset-offsets --group G --topic T --to-earliest|--to-latest|--to-offset N [--dry-run|--execute]",
        "Also: help, history, clear. Up and down arrows walk the history; Ctrl-C stops a producer or consumer, Ctrl-D ends a producer's input.",
        "Everything done here is an action on the timeline: it replays, and share links keep it.",
    ] {
        p.out(line);
    }
    p
}
