//! `kafka-consumer-groups.sh`: list groups, describe a group's offsets and lag as the tool's
//! table prints them, and reset a group's committed offsets — refused, as in Kafka, while the
//! group has active members, and only a dry run unless `--execute` is given.
//!
//! The table's rows are the snapshot's (the same the Groups panel shows): CURRENT-OFFSET is the
//! group's committed offset, LOG-END-OFFSET the high watermark, HOST the simulated client.

use kplay_sim::Action;
use kplay_sim::action::SeekTo;

use super::opts::{self, Parsed, Spec, flag, value};
use super::topics::escaped;
use super::{Playground, Printed, describe, not_simulated};

const SPECS: &[Spec] = &[
    value("bootstrap-server"),
    value("group"),
    value("topic"),
    flag("all-topics"),
    flag("list"),
    flag("describe"),
    flag("all-groups"),
    value("timeout"),
    value("command-config"),
    flag("reset-offsets"),
    flag("delete"),
    flag("delete-offsets"),
    flag("dry-run"),
    flag("execute"),
    flag("export"),
    value("to-offset"),
    value("to-datetime"),
    value("by-duration"),
    flag("to-earliest"),
    flag("to-latest"),
    value("shift-by"),
    value("from-file"),
    flag("to-current"),
    flag("members"),
    flag("verbose"),
    flag("offsets"),
    flag("state"),
    flag("help"),
    flag("version"),
];

/// Options read here; the rest are the real tool's but not simulated.
const SIMULATED: &[&str] = &[
    "bootstrap-server",
    "group",
    "topic",
    "all-topics",
    "list",
    "describe",
    "all-groups",
    "timeout",
    "reset-offsets",
    "dry-run",
    "execute",
    "to-offset",
    "to-earliest",
    "to-latest",
    "offsets",
    "members",
    "state",
];

const ACTIONS: &[&str] = &["list", "describe", "delete", "reset-offsets", "delete-offsets"];
const SCENARIOS: &[&str] = &[
    "to-datetime",
    "by-duration",
    "to-earliest",
    "to-latest",
    "shift-by",
    "from-file",
    "to-current",
    "to-offset",
];

/// The WARN the tool prints when a reset is neither a dry run nor executed (Kafka 3.x's
/// wording, missing space included).
pub const NO_EXECUTE_WARNING: &str = "WARN: No action will be performed as the --execute option is missing.In a future major release, the default behavior of this command will be to prompt the user before executing the reset rather than doing a dry run. You should add the --dry-run option explicitly if you are scripting this command and want to keep the current default behavior without prompting.";

/// Runs `kafka-consumer-groups.sh` with `args`.
pub fn run(p: &mut Playground, args: &[String]) -> Printed {
    let o = match opts::parse(SPECS, args) {
        Ok(o) => o,
        Err(e) => return escaped(e.class(), &e.to_string()),
    };
    if o.which(ACTIONS).len() != 1 {
        return Printed::error(
            "Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets",
        );
    }
    if !o.has("bootstrap-server") {
        return Printed::error("Missing required argument \"[bootstrap-server]\"");
    }
    if let Some(name) = SPECS.iter().map(|s| s.name).find(|n| o.has(n) && !SIMULATED.contains(n)) {
        return not_simulated("kafka-consumer-groups.sh", name);
    }
    if o.has("list") {
        let mut printed = Printed::default();
        for g in p.snapshot().groups.iter() {
            printed.out(g.id.clone());
        }
        return printed;
    }
    if !o.has("group") && !o.has("all-groups") {
        let action = if o.has("describe") { "describe" } else { "reset-offsets" };
        return Printed::error(format!(
            "Option [{action}] takes one of these options: [all-groups], [group]"
        ));
    }
    if o.has("describe") { describe::run(p, &o, &chosen(p, &o)) } else { reset(p, &o) }
}

/// The groups `--group` (repeatable) or `--all-groups` names, sorted.
fn chosen(p: &Playground, o: &Parsed) -> Vec<String> {
    let mut groups: Vec<String> = if o.has("all-groups") {
        p.snapshot().groups.iter().map(|g| g.id.clone()).collect()
    } else {
        o.values("group").to_vec()
    };
    kplay_core::sort::sort(&mut groups);
    groups.dedup();
    groups
}

/// `--reset-offsets`: the plan for each group, applied with `--execute`.
fn reset(p: &mut Playground, o: &Parsed) -> Printed {
    let mut printed = Printed::default();
    if o.has("dry-run") && o.has("execute") {
        return Printed::error(
            "Option [reset-offsets] only accepts one of [execute] and [dry-run]",
        );
    }
    if !o.has("dry-run") && !o.has("execute") {
        printed.err(NO_EXECUTE_WARNING);
    }
    let scenarios = o.which(SCENARIOS);
    if scenarios.len() != 1 {
        let all: Vec<String> = SCENARIOS.iter().map(|s| format!("[{s}]")).collect();
        printed
            .err(format!("Option [reset-offsets] takes one of these options: {}", all.join(", ")));
        return printed;
    }
    let to = match scenarios[0] {
        "to-earliest" => SeekTo::Earliest,
        "to-latest" => SeekTo::Latest,
        _ => match o.value("to-offset").unwrap_or_default().trim().parse::<i64>() {
            Ok(n) => SeekTo::Offset(n),
            Err(_) => {
                let given = o.value("to-offset").unwrap_or_default();
                return escaped(
                    "joptsimple.OptionArgumentConversionException",
                    &format!("Cannot parse argument '{given}' of option ['to-offset']"),
                );
            }
        },
    };
    if !o.has("topic") && !o.has("all-topics") {
        printed.err("One of the reset scopes should be defined: --all-topics, --topic.");
        return printed;
    }
    let snapshot = p.snapshot();
    let mut plans = Vec::new();
    for id in chosen(p, o) {
        let group = snapshot.group(&id);
        if let Some(g) = group.filter(|g| g.state != "Empty" && g.state != "Dead") {
            printed.out("");
            printed.out(format!(
                "Error: Assignments can only be reset if the group '{id}' is inactive, but the current state is {}.",
                g.state
            ));
            plans.push((id, Vec::new()));
            continue;
        }
        let topics: Vec<String> = if o.has("all-topics") {
            let mut t: Vec<String> = group
                .map(|g| {
                    g.rows
                        .iter()
                        .filter(|r| r.committed.is_some())
                        .map(|r| r.topic.clone())
                        .collect()
                })
                .unwrap_or_default();
            t.dedup();
            t
        } else {
            o.values("topic").to_vec()
        };
        let mut rows = Vec::new();
        for topic in &topics {
            let Some(t) = snapshot.topic(topic) else {
                printed.out("");
                printed.out("Error: Executing consumer group command failed due to This server does not host this topic-partition.");
                return printed;
            };
            for part in &t.partitions {
                let offset = match to {
                    SeekTo::Earliest => part.log_start,
                    SeekTo::Offset(n) => {
                        let (start, end) = (part.log_start, part.high_watermark);
                        let tp = format!("{topic}-{}", part.index);
                        let (side, set) = if n > end {
                            ("higher than latest", end)
                        } else if n < start {
                            ("lower than earliest", start)
                        } else {
                            ("", n)
                        };
                        if !side.is_empty() {
                            printed.err(format!(
                                "WARN New offset ({n}) is {side} offset for topic partition {tp}. Value will be set to {set} (org.apache.kafka.tools.consumer.group.ConsumerGroupCommand)"
                            ));
                        }
                        set
                    }
                    _ => part.high_watermark,
                };
                rows.push((topic.clone(), part.index, offset));
            }
        }
        if o.has("execute") {
            for topic in topics {
                let action = Action::ResetOffsets { group: id.clone(), topic, to };
                if let Err(e) = p.apply(action) {
                    printed.out("");
                    printed
                        .out(format!("Error: Executing consumer group command failed due to {e}"));
                    return printed;
                }
            }
        }
        plans.push((id, rows));
    }
    printed.out("");
    let line = |g: &str, t: &str, p: &str, o: &str| format!("{g:<30} {t:<30} {p:<10} {o:<15}");
    printed.out(line("GROUP", "TOPIC", "PARTITION", "NEW-OFFSET"));
    for (group, rows) in plans {
        for (topic, partition, offset) in rows {
            printed.out(line(&group, &topic, &partition.to_string(), &offset.to_string()));
        }
    }
    printed
}
