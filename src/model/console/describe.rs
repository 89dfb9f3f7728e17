//! `kafka-consumer-groups.sh --describe`: a group's offsets (the default, or `--offsets`), its
//! members (`--members`) or its state (`--state`), as the tool's tables print them, after the
//! tool's note on a group that is empty, rebalancing or unknown.

use super::opts::Parsed;
use super::{Playground, Printed};
use crate::model::snapshot::GroupSnap;

/// What `--describe` shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shown {
    Offsets,
    Members,
    State,
}

/// Describes `groups` as `o` asks.
pub fn run(p: &Playground, o: &Parsed, groups: &[String]) -> Printed {
    let asked = o.which(&["members", "offsets", "state"]);
    if asked.len() > 1 {
        return Printed::error(
            "Option [describe] takes at most one of these options: [members], [offsets], [state]",
        );
    }
    let shown = match asked.first() {
        Some(&"members") => Shown::Members,
        Some(&"state") => Shown::State,
        _ => Shown::Offsets,
    };
    let snapshot = p.snapshot();
    let mut printed = Printed::default();
    for id in groups {
        let Some(group) = snapshot.group(id).filter(|g| g.state != "Dead") else {
            printed.out("");
            printed.out(format!("Error: Consumer group '{id}' does not exist."));
            continue;
        };
        let rows = match shown {
            Shown::Offsets => group.rows.len(),
            Shown::Members => group.members.len(),
            Shown::State => 1,
        };
        match group.state {
            "Empty" => {
                printed.err("");
                printed.err(format!("Consumer group '{id}' has no active members."));
            }
            "PreparingRebalance" | "CompletingRebalance" => {
                printed.err("");
                printed.err(format!("Warning: Consumer group '{id}' is rebalancing."));
            }
            _ => {}
        }
        if rows == 0 {
            continue;
        }
        let table = match shown {
            Shown::Offsets => table(group),
            Shown::Members => members(group),
            Shown::State => state(group),
        };
        printed.0.extend(table.0);
    }
    printed
}

/// Cells padded to `widths` and joined by a space; the last cell is not padded unless it has a
/// width of its own.
fn padded(cells: &[&str], widths: &[usize]) -> String {
    let mut s = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        match widths.get(i) {
            Some(w) => s.push_str(&format!("{cell:<w$}")),
            None => s.push_str(cell),
        }
    }
    s
}

/// The widest of `values`, at least `min`.
fn widest<'a>(values: impl Iterator<Item = &'a str>, min: usize) -> usize {
    values.map(str::len).max().unwrap_or(0).max(min)
}

/// `--members`: GROUP CONSUMER-ID [GROUP-INSTANCE-ID] HOST CLIENT-ID #PARTITIONS, each line
/// padded (a trailing space included) as the tool pads it.
fn members(group: &GroupSnap) -> Printed {
    let rows: Vec<Vec<String>> = group
        .members
        .iter()
        .map(|m| {
            let host = m.client_host.clone().or_else(|| m.client.map(|c| format!("client-{c}")));
            vec![
                group.id.clone(),
                m.member_id.clone(),
                m.group_instance_id.clone().unwrap_or_else(|| "-".into()),
                host.unwrap_or_else(|| "-".into()),
                m.client_id.clone(),
                m.assigned.len().to_string(),
            ]
        })
        .collect();
    let with_instance = group.members.iter().any(|m| m.group_instance_id.is_some());
    let column = |i: usize, min: usize| widest(rows.iter().map(|r| r[i].as_str()), min);
    let widths = [column(0, 15), column(1, 15), column(2, 17), column(3, 15), column(4, 15), 15];
    let keep = |i: &usize| with_instance || *i != 2;
    let line = |cells: &[&str]| {
        let chosen: Vec<(&str, usize)> =
            (0..6).filter(keep).map(|i| (cells[i], widths[i])).collect();
        let (cells, widths): (Vec<&str>, Vec<usize>) = chosen.into_iter().unzip();
        padded(&cells, &widths) + " "
    };
    let mut printed = Printed::default();
    printed.out("");
    printed.out(line(&[
        "GROUP",
        "CONSUMER-ID",
        "GROUP-INSTANCE-ID",
        "HOST",
        "CLIENT-ID",
        "#PARTITIONS",
    ]));
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        printed.out(line(&cells));
    }
    printed
}

/// `--state`: GROUP COORDINATOR (ID) ASSIGNMENT-STRATEGY STATE #MEMBERS. The simulated brokers
/// have no addresses; the coordinator is written `broker-ID:9092  (ID)`.
fn state(group: &GroupSnap) -> Printed {
    let coordinator =
        group.coordinator.map_or_else(|| "-".to_owned(), |id| format!("broker-{id}:9092  ({id})"));
    let strategy = group.protocol.clone().unwrap_or_default();
    let widths = [group.id.len().max(15), coordinator.len().max(25), 20, 20];
    let members = group.members.len().to_string();
    let mut printed = Printed::default();
    printed.out("");
    printed.out(padded(
        &["GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS"],
        &widths,
    ));
    printed.out(padded(&[&group.id, &coordinator, &strategy, group.state, &members], &widths));
    printed
}

/// The offsets table, with the tool's column widths: at least 15 for the group, topic,
/// consumer id and host columns, wider if a value is.
fn table(group: &GroupSnap) -> Printed {
    let dash = || "-".to_owned();
    let rows: Vec<[String; 9]> = group
        .rows
        .iter()
        .map(|r| {
            [
                group.id.clone(),
                r.topic.clone(),
                r.partition.to_string(),
                r.committed.map_or_else(dash, |c| c.to_string()),
                if r.log_end < 0 { dash() } else { r.log_end.to_string() },
                r.lag.map_or_else(dash, |l| l.to_string()),
                r.consumer_id.clone().unwrap_or_else(dash),
                r.host().unwrap_or_else(dash),
                r.owner_client_id.clone().unwrap_or_else(dash),
            ]
        })
        .collect();
    let width = |i: usize| rows.iter().map(|r| r[i].len()).max().unwrap_or(0).max(15);
    let widths = [width(0), width(1), 10, 15, 15, 15, width(6), width(7)];
    let line = |cells: [&str; 9]| {
        let mut s = String::new();
        for (cell, w) in cells.iter().zip(widths) {
            s.push_str(&format!("{cell:<w$} "));
        }
        s.push_str(cells[8]);
        s
    };
    let mut printed = Printed::default();
    printed.out("");
    printed.out(line([
        "GROUP",
        "TOPIC",
        "PARTITION",
        "CURRENT-OFFSET",
        "LOG-END-OFFSET",
        "LAG",
        "CONSUMER-ID",
        "HOST",
        "CLIENT-ID",
    ]));
    for r in &rows {
        printed.out(line(std::array::from_fn(|i| r[i].as_str())));
    }
    printed
}
