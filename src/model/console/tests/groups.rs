//! `kafka-consumer-groups.sh`: the describe table from the snapshot, and offset resets refused
//! while the group is active and applied when it is not.

use kplay_sim::Action;
use kplay_sim::action::SeekTo;

use super::super::groups::NO_EXECUTE_WARNING;
use super::*;

fn groups(p: &mut Playground, c: &mut Console, args: &str) -> Vec<String> {
    type_line(p, c, &format!("kafka-consumer-groups.sh {BS} {args}"))
}

/// A group that read `orders` and then stopped: a console consumer in group `g`, stopped.
fn inactive_group(p: &mut Playground, c: &mut Console, g: &str) {
    type_line(
        p,
        c,
        &format!("kafka-console-consumer.sh {BS} --topic orders --group {g} --from-beginning"),
    );
    play_following(p, c, 7_000.0);
    c.input(p, ConsoleInput::Interrupt);
    play(p, 500.0);
}

#[test]
fn list_and_describe_print_the_tools_table_from_the_snapshot() {
    let mut p = playground(15_000.0);
    let mut c = Console::default();
    assert_eq!(groups(&mut p, &mut c, "--list"), ["billing"]);
    let out = groups(&mut p, &mut c, "--describe --group billing");
    let snapshot = p.snapshot();
    let group = snapshot.group("billing").unwrap();
    assert_eq!(group.state, "Stable");
    assert_eq!(out[0], "", "the table starts after a blank line");
    let header: Vec<&str> = out[1].split_whitespace().collect();
    assert_eq!(
        header,
        [
            "GROUP",
            "TOPIC",
            "PARTITION",
            "CURRENT-OFFSET",
            "LOG-END-OFFSET",
            "LAG",
            "CONSUMER-ID",
            "HOST",
            "CLIENT-ID"
        ]
    );
    assert!(out[1].starts_with("GROUP           TOPIC           PARTITION  CURRENT-OFFSET  "));
    assert_eq!(out.len(), 2 + group.rows.len());
    for (line, row) in out[2..].iter().zip(&group.rows) {
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cells[0], "billing");
        assert_eq!(cells[1], row.topic);
        assert_eq!(cells[2], row.partition.to_string());
        assert_eq!(cells[3], row.committed.map_or("-".into(), |c| c.to_string()));
        assert_eq!(cells[4], row.log_end.to_string());
        assert_eq!(cells[6], row.consumer_id.as_deref().unwrap());
        assert_eq!(cells[7], row.host().unwrap());
        assert_eq!(cells[8], row.owner_client_id.as_deref().unwrap());
    }
    assert_eq!(
        groups(&mut p, &mut c, "--describe --group nope"),
        ["", "Error: Consumer group 'nope' does not exist."]
    );
}

#[test]
fn a_group_without_members_is_said_to_have_none_and_still_shows_its_offsets() {
    let mut p = playground(2_000.0);
    let mut c = Console::default();
    inactive_group(&mut p, &mut c, "readers");
    let out = groups(&mut p, &mut c, "--describe --group readers");
    assert_eq!(out[..2], ["", "Consumer group 'readers' has no active members."]);
    assert!(out[3].starts_with("GROUP "));
    let rows = &out[4..];
    assert_eq!(rows.len(), 3);
    for row in rows {
        let cells: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cells[6..], ["-", "-", "-"], "no owner: {row}");
        assert_ne!(cells[3], "-", "closing committed its offsets: {row}");
    }
}

#[test]
fn reset_offsets_is_refused_while_the_group_is_active() {
    let mut p = playground(15_000.0);
    let mut c = Console::default();
    let before = actions(&p);
    let out = groups(
        &mut p,
        &mut c,
        "--reset-offsets --group billing --topic orders --to-earliest --execute",
    );
    assert_eq!(
        out[..2],
        [
            "",
            "Error: Assignments can only be reset if the group 'billing' is inactive, but the current state is Stable."
        ]
    );
    assert_eq!(
        out[2..],
        [
            "",
            "GROUP                          TOPIC                          PARTITION  NEW-OFFSET     "
        ]
    );
    assert_eq!(actions(&p), before);
}

#[test]
fn reset_offsets_is_a_dry_run_unless_executed_and_applies_when_inactive() {
    let mut p = playground(2_000.0);
    let mut c = Console::default();
    inactive_group(&mut p, &mut c, "readers");
    let before = actions(&p);
    let out =
        groups(&mut p, &mut c, "--reset-offsets --group readers --topic orders --to-offset 1");
    assert_eq!(out[0], NO_EXECUTE_WARNING);
    assert_eq!(out[1], "");
    assert_eq!(out.len(), 2 + 1 + 3);
    assert_eq!(
        out[3],
        "readers                        orders                         0          1              "
    );
    let dry = groups(
        &mut p,
        &mut c,
        "--reset-offsets --group readers --topic orders --to-offset 1 --dry-run",
    );
    assert_eq!(dry, out[1..]);
    let far = groups(
        &mut p,
        &mut c,
        "--reset-offsets --group readers --topic orders --to-offset 100000 --dry-run",
    );
    let snapshot = p.snapshot();
    for part in &snapshot.topic("orders").unwrap().partitions {
        let end = part.high_watermark;
        let warning = format!(
            "WARN New offset (100000) is higher than latest offset for topic partition orders-{}. Value will be set to {end} (org.apache.kafka.tools.consumer.group.ConsumerGroupCommand)",
            part.index
        );
        assert!(far.contains(&warning), "{far:?}");
        let row = format!(
            "readers                        orders                         {:<10} {end:<15}",
            part.index
        );
        assert!(far.contains(&row), "{far:?}");
    }
    assert_eq!(actions(&p), before, "neither took an action");

    let out = groups(
        &mut p,
        &mut c,
        "--reset-offsets --group readers --topic orders --to-earliest --execute",
    );
    assert_eq!(out.len(), 1 + 1 + 3);
    assert_eq!(
        p.world().actions().last().unwrap().action,
        Action::ResetOffsets {
            group: "readers".into(),
            topic: "orders".into(),
            to: SeekTo::Earliest
        }
    );
    let snapshot = p.snapshot();
    let rows = &snapshot.group("readers").unwrap().rows;
    for row in rows {
        assert_eq!(row.committed, Some(0), "reset to the log start");
    }
    let described = groups(&mut p, &mut c, "--describe --group readers");
    assert!(described[4].split_whitespace().nth(3) == Some("0"), "{described:?}");
}

#[test]
fn group_command_refusals() {
    let mut p = playground(500.0);
    let mut c = Console::default();
    let before = actions(&p);
    let mut refused = |line: &str| {
        type_line(&mut p, &mut c, &format!("kafka-consumer-groups.sh {line}")).join("\n")
    };
    assert_eq!(refused("--list"), "Missing required argument \"[bootstrap-server]\"");
    assert_eq!(
        refused(BS),
        "Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets"
    );
    assert_eq!(
        refused(&format!("{BS} --describe")),
        "Option [describe] takes one of these options: [all-groups], [group]"
    );
    assert_eq!(
        refused(&format!("{BS} --describe --group")),
        "Exception in thread \"main\" joptsimple.OptionMissingRequiredArgumentException: Option ['group'] requires an argument"
    );
    assert_eq!(
        refused(&format!("{BS} --describe --groups g")),
        "Exception in thread \"main\" joptsimple.UnrecognizedOptionException: groups is not a recognized option"
    );
    assert_eq!(
        refused(&format!(
            "{BS} --reset-offsets --group g --topic orders --to-earliest --dry-run --execute"
        )),
        "Option [reset-offsets] only accepts one of [execute] and [dry-run]"
    );
    assert!(
        refused(&format!("{BS} --reset-offsets --group g --to-earliest --execute"))
            .ends_with("One of the reset scopes should be defined: --all-topics, --topic.")
    );
    assert_eq!(actions(&p), before);
}

#[test]
fn members_and_state_describe_who_is_in_the_group() {
    let mut p = playground(15_000.0);
    let mut c = Console::default();
    let out = groups(&mut p, &mut c, "--describe --group billing --members");
    let snapshot = p.snapshot();
    let group = snapshot.group("billing").unwrap();
    assert_eq!(out[0], "");
    let header: Vec<&str> = out[1].split_whitespace().collect();
    assert_eq!(header, ["GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS"]);
    assert_eq!(out.len(), 2 + group.members.len());
    let mut partitions = 0;
    for (line, m) in out[2..].iter().zip(&group.members) {
        let cells: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        let host = format!("client-{}", m.client.unwrap());
        let count = m.assigned.len().to_string();
        assert_eq!(cells, ["billing", m.member_id.as_str(), host.as_str(), &m.client_id, &count]);
        assert!(line.ends_with(' '), "the tool pads the last column too");
        partitions += m.assigned.len();
    }
    assert_eq!(partitions, 3, "the members share the three partitions");

    let out = groups(&mut p, &mut c, "--describe --group billing --state");
    let coordinator = group.coordinator.unwrap();
    let cells: Vec<&str> = out[2].split_whitespace().collect();
    assert_eq!(
        cells,
        [
            "billing",
            &format!("broker-{coordinator}:9092"),
            &format!("({coordinator})"),
            group.protocol.as_deref().unwrap(),
            "Stable",
            "2"
        ]
    );
    assert_eq!(
        groups(&mut p, &mut c, "--describe --group billing --members --state"),
        ["Option [describe] takes at most one of these options: [members], [offsets], [state]"]
    );
}
