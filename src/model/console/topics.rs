//! `kafka-topics.sh`: create, list, describe, alter and delete topics, printing what Kafka 4.x's
//! `TopicCommand` prints, from the snapshot the page draws (so `--describe` shows the leaders
//! and in-sync replicas the brokers show).
//!
//! As in Kafka 3.7 and later, a wrong option prints the exception's message and its stack trace
//! (here only the trace's first line), a wrong combination prints joptsimple-style usage
//! messages, and a failed request prints `Error while executing topic command : …`. Topic names
//! are matched exactly (Kafka also takes a regular expression).

use kplay_sim::Action;

use super::opts::{self, OptionError, Parsed, Spec, flag, value};
use super::{Playground, Printed};

const SPECS: &[Spec] = &[
    value("bootstrap-server"),
    value("command-config"),
    flag("list"),
    flag("create"),
    flag("delete"),
    flag("alter"),
    flag("describe"),
    value("topic"),
    value("topic-id"),
    value("config"),
    value("delete-config"),
    value("partitions"),
    value("replication-factor"),
    value("replica-assignment"),
    flag("under-replicated-partitions"),
    flag("unavailable-partitions"),
    flag("under-min-isr-partitions"),
    flag("at-min-isr-partitions"),
    flag("topics-with-overrides"),
    flag("if-exists"),
    flag("if-not-exists"),
    flag("disable-rack-aware"),
    flag("exclude-internal"),
    value("partition-size-limit-per-response"),
    flag("help"),
    flag("version"),
];

/// Options this playground reads but does not simulate.
const NOT_SIMULATED: &[&str] = &[
    "command-config",
    "topic-id",
    "delete-config",
    "replica-assignment",
    "disable-rack-aware",
    "partition-size-limit-per-response",
    "help",
    "version",
];

const ACTIONS: &[&str] = &["create", "list", "alter", "describe", "delete"];

/// `--describe`'s reports: each shows only the partitions in that condition.
const REPORTS: &[&str] = &[
    "under-replicated-partitions",
    "unavailable-partitions",
    "under-min-isr-partitions",
    "at-min-isr-partitions",
];

/// Runs `kafka-topics.sh` with `args`.
pub fn run(p: &mut Playground, args: &[String]) -> Printed {
    let o = match check(args) {
        Ok(o) => o,
        Err(printed) => return printed,
    };
    let result = if o.has("create") {
        create(p, &o)
    } else if o.has("list") {
        Ok(list(p, &o))
    } else if o.has("describe") {
        describe(p, &o)
    } else if o.has("alter") {
        alter(p, &o)
    } else {
        delete(p, &o)
    };
    result.unwrap_or_else(|e| {
        let mut printed = e.1;
        printed.out(format!("Error while executing topic command : {}", e.0));
        printed
    })
}

/// The JVM's report of an exception that escaped `main`.
pub(super) fn escaped(class: &str, message: &str) -> Printed {
    Printed::error(format!("Exception in thread \"main\" {class}: {message}"))
}

/// What Kafka 3.7+'s TopicCommand prints for an exception it catches in `mainNoExit` (bad
/// options): the message, then the stack trace, whose first line is shown here without the frames.
fn thrown(class: &str, message: &str) -> Printed {
    let mut printed = Printed::error(message);
    printed.err(format!("{class}: {message}"));
    printed
}

/// The option checks `TopicCommandOptions.checkArgs` makes, in its order.
fn check(args: &[String]) -> Result<Parsed, Printed> {
    let o = opts::parse(SPECS, args).map_err(|e| thrown(e.class(), &e.to_string()))?;
    if args.is_empty() {
        return Err(Printed::error("Create, delete, describe, or change a topic."));
    }
    if let Some(name) = NOT_SIMULATED.iter().find(|n| o.has(n)) {
        return Err(super::not_simulated("kafka-topics.sh", name));
    }
    if o.which(ACTIONS).len() != 1 {
        return Err(Printed::error(
            "Command must include exactly one action: --list, --describe, --create, --alter or --delete",
        ));
    }
    if !o.has("bootstrap-server") {
        return Err(thrown(
            "java.lang.IllegalArgumentException",
            "--bootstrap-server must be specified",
        ));
    }
    if !o.has("list") && !o.has("describe") && !o.has("topic") {
        return Err(Printed::error("Missing required argument \"[topic]\""));
    }
    let not_describe: &[&str] = &["create", "list", "alter", "delete"];
    let invalid: &[(&str, &[&str])] = &[
        ("config", &["describe", "list", "delete"]),
        ("partitions", &["describe", "list", "delete"]),
        ("replication-factor", &["alter", "describe", "list", "delete"]),
        ("under-replicated-partitions", &["topics-with-overrides"]),
        ("unavailable-partitions", &["topics-with-overrides"]),
        ("under-min-isr-partitions", &["topics-with-overrides"]),
        ("at-min-isr-partitions", &["topics-with-overrides"]),
        ("if-exists", &["create", "list"]),
        ("if-not-exists", &["alter", "describe", "list", "delete"]),
        ("exclude-internal", &["create", "alter", "delete"]),
    ];
    for used in REPORTS.iter().chain(&["topics-with-overrides"]) {
        if let Some(action) = not_describe.iter().find(|a| o.has(used) && o.has(a)) {
            return Err(Printed::error(format!(
                "Option \"[{used}]\" can't be used with option \"[{action}]\""
            )));
        }
    }
    for &(used, with) in invalid {
        if let Some(action) = with.iter().find(|a| o.has(used) && o.has(a)) {
            return Err(Printed::error(format!(
                "Option \"[{used}]\" can't be used with option \"[{action}]\""
            )));
        }
    }
    if o.has("alter") && !o.has("partitions") {
        return Err(Printed::error("Missing required argument \"[partitions]\""));
    }
    Ok(o)
}

/// A failed command: the exception's message, and what was printed before it.
type Failure = (String, Printed);

fn fail(message: impl Into<String>) -> Failure {
    (message.into(), Printed::default())
}

/// A refused action's error as the Java tool prints it: the exception's message, without the
/// error code's name that the page's notice line puts first (`INVALID_TOPIC_EXCEPTION: …`).
fn refused(error: String) -> Failure {
    let code = error.split_once(": ").map(|(code, _)| code);
    match code.filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')) {
        Some(c) => fail(&error[c.len() + 2..]),
        None => fail(error),
    }
}

fn number(o: &Parsed, name: &'static str) -> Result<Option<i64>, Failure> {
    o.number(name).map_err(|e: OptionError| fail(e.to_string()))
}

fn create(p: &mut Playground, o: &Parsed) -> Result<Printed, Failure> {
    let name = o.value("topic").unwrap_or_default().to_owned();
    let mut printed = Printed::default();
    if name.contains('.') || name.contains('_') {
        printed.out(
            "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.",
        );
    }
    let failed = |m: String, printed: &Printed| (m, printed.clone());
    let defaults = p.world().engine().config();
    let (default_partitions, default_replication) =
        (defaults.num_partitions, defaults.default_replication_factor);
    let partitions = number(o, "partitions")?.unwrap_or(i64::from(default_partitions));
    let replication = number(o, "replication-factor")?.unwrap_or(i64::from(default_replication));
    if !(1..=i64::from(i16::MAX)).contains(&replication) {
        return Err(failed(
            "The replication factor must be between 1 and 32767 inclusive".into(),
            &printed,
        ));
    }
    if partitions < 1 {
        return Err(failed("The partitions must be greater than 0".into(), &printed));
    }
    let mut configs = Vec::new();
    for pair in o.values("config") {
        let parts: Vec<&str> = pair.split('=').collect();
        if parts.len() != 2 {
            return Err(failed(
                "requirement failed: Invalid topic config: all configs to be added must be in the format \"key=val\".".into(),
                &printed,
            ));
        }
        configs.push((parts[0].trim().to_owned(), parts[1].trim().to_owned()));
    }
    if p.world().engine().image().topics.contains_key(name.as_str()) {
        if o.has("if-not-exists") {
            return Ok(printed);
        }
        return Err(failed(format!("Topic '{name}' already exists."), &printed));
    }
    let action = Action::CreateTopic {
        name: name.clone(),
        partitions: partitions as i32,
        replication_factor: replication as i16,
        configs,
    };
    p.apply(action).map_err(|e| (refused(e).0, printed.clone()))?;
    printed.out(format!("Created topic {name}."));
    Ok(printed)
}

/// The topics `--topic` (if given) names, sorted, internal ones left out if asked.
fn chosen(p: &Playground, o: &Parsed) -> Vec<String> {
    let image = p.world().engine().image();
    image
        .topics
        .values()
        .filter(|t| !(o.has("exclude-internal") && t.internal))
        .map(|t| t.name.to_string())
        .filter(|n| o.value("topic").is_none_or(|want| want == n))
        .collect()
}

/// Kafka's `ensureTopicExists`: a named topic must exist unless `--if-exists` says it may not.
fn ensure_exists(o: &Parsed, found: &[String]) -> Result<(), Failure> {
    match o.value("topic") {
        Some(t) if !t.is_empty() && found.is_empty() && !o.has("if-exists") => {
            Err(fail(format!("Topic '{t}' does not exist as expected")))
        }
        _ => Ok(()),
    }
}

fn list(p: &Playground, o: &Parsed) -> Printed {
    let mut printed = Printed::default();
    for name in chosen(p, o) {
        printed.out(name);
    }
    printed
}

fn describe(p: &Playground, o: &Parsed) -> Result<Printed, Failure> {
    let names = chosen(p, o);
    ensure_exists(o, &names)?;
    let snapshot = p.snapshot();
    let image = p.world().engine().image();
    let reports = o.which(REPORTS);
    let overridden_only = o.has("topics-with-overrides");
    let mut printed = Printed::default();
    for name in names {
        let (Some(topic), Some(state)) = (snapshot.topic(&name), image.topics.get(name.as_str()))
        else {
            continue;
        };
        if reports.is_empty() && (!overridden_only || !topic.overrides.is_empty()) {
            let configs: Vec<String> =
                topic.overrides.iter().map(|(k, v)| format!("{k}={v}")).collect();
            printed.out(format!(
                "Topic: {name}\tTopicId: {}\tPartitionCount: {}\tReplicationFactor: {}\tConfigs: {}",
                state.id,
                topic.partitions.len(),
                topic.replication_factor,
                configs.join(",")
            ));
        }
        if overridden_only {
            continue;
        }
        let min_isr = state.config.min_insync_replicas as usize;
        for part in &topic.partitions {
            let led = part.leader.is_some_and(|l| snapshot.broker(l).is_some_and(|b| b.running));
            let reported = reports.is_empty()
                || reports.iter().any(|r| match *r {
                    "under-replicated-partitions" => part.isr.len() < part.replicas.len(),
                    "unavailable-partitions" => !led,
                    "under-min-isr-partitions" => part.leader.is_none() || part.isr.len() < min_isr,
                    _ => part.isr.len() == min_isr,
                });
            if !reported {
                continue;
            }
            let ids = |ids: &[i32]| ids.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
            let leader = part.leader.map_or_else(|| "none".to_owned(), |l| l.to_string());
            // Kafka 3.7+ ends each line with the eligible leader replicas (KIP-966), empty while
            // the cluster does not use them, as kplay's does not.
            printed.out(format!(
                "\tTopic: {name}\tPartition: {}\tLeader: {leader}\tReplicas: {}\tIsr: {}\tElr: \tLastKnownElr: ",
                part.index,
                ids(&part.replicas),
                ids(&part.isr)
            ));
        }
    }
    Ok(printed)
}

fn alter(p: &mut Playground, o: &Parsed) -> Result<Printed, Failure> {
    let names = chosen(p, o);
    ensure_exists(o, &names)?;
    let count = number(o, "partitions")?.unwrap_or_default();
    for topic in names {
        p.apply(Action::AddPartitions { topic, count: count as i32 }).map_err(refused)?;
    }
    Ok(Printed::default())
}

fn delete(p: &mut Playground, o: &Parsed) -> Result<Printed, Failure> {
    let names = chosen(p, o);
    ensure_exists(o, &names)?;
    // As Kafka's TopicCommand: no check of its own; the controller refuses internal topics.
    for name in names {
        p.apply(Action::DeleteTopic { name }).map_err(refused)?;
    }
    Ok(Printed::default())
}
