//! Command lines split as a shell splits them, and options read as joptsimple reads them.

use super::super::opts::{self, OptionError, flag, value};
use super::super::words::{SplitError, split};
use super::*;

fn words(line: &str) -> Vec<String> {
    split(line).expect("splits")
}

#[test]
fn quotes_and_escapes_are_removed_as_a_shell_removes_them() {
    assert_eq!(words("  a   b\tc "), ["a", "b", "c"]);
    assert_eq!(words("--config 'cleanup.policy=compact'"), ["--config", "cleanup.policy=compact"]);
    assert_eq!(words(r#"--property "key.separator= ""#), ["--property", "key.separator= "]);
    assert_eq!(words(r#"a"b c"d"#), ["ab cd"], "quotes join what touches them");
    assert_eq!(words(r#""say \"hi\" \n""#), [r#"say "hi" \n"#], "only \\\" \\\\ \\$ \\` escape");
    assert_eq!(words(r"one\ word"), ["one word"]);
    assert_eq!(words("''"), [""], "an empty quoted word is a word");
    assert_eq!(words("--topic #orders"), ["--topic"], "# starts a comment");
    assert_eq!(words("a#b"), ["a#b"], "but not inside a word");
    assert_eq!(split("echo 'open"), Err(SplitError::UnclosedQuote('\'')));
    assert_eq!(
        split("echo \"open").unwrap_err().to_string(),
        "bash: unexpected EOF while looking for matching `\"'"
    );
}

#[test]
fn options_are_read_as_joptsimple_reads_them() {
    let specs = [value("topic"), flag("list"), value("config")];
    let args = words("--topic=a --list --config x=1 --config y=2 stray");
    let o = opts::parse(&specs, &args).unwrap();
    assert_eq!(o.value("topic"), Some("a"));
    assert!(o.has("list"));
    assert_eq!(o.values("config"), ["x=1", "y=2"]);
    assert_eq!(o.positional, ["stray"]);
    let o = opts::parse(&specs, &words("--topic --list")).unwrap();
    assert_eq!(o.value("topic"), Some("--list"), "a required value is the next word, whatever");
    assert!(!o.has("list"));

    let err = |line: &str| opts::parse(&specs, &words(line)).unwrap_err();
    assert_eq!(err("--zookeeper x").to_string(), "zookeeper is not a recognized option");
    assert_eq!(err("--topi x").to_string(), "topi is not a recognized option", "no abbreviations");
    assert_eq!(err("-topic x").to_string(), "t is not a recognized option");
    assert_eq!(err("--list --topic").to_string(), "Option ['topic'] requires an argument");
    assert_eq!(err("--topic").class(), "joptsimple.OptionMissingRequiredArgumentException");
    assert!(matches!(err("--list=yes"), OptionError::UnexpectedArgument(_)));
    let o = opts::parse(&[value("partitions")], &words("--partitions three")).unwrap();
    assert_eq!(
        o.number("partitions").unwrap_err().to_string(),
        "Cannot parse argument 'three' of option ['partitions']"
    );
}

#[test]
fn unknown_commands_and_help() {
    let mut p = playground(100.0);
    let mut c = Console::default();
    let before = actions(&p);
    assert_eq!(
        type_line(&mut p, &mut c, "kafka-topic.sh --list"),
        ["bash: kafka-topic.sh: command not found"]
    );
    assert_eq!(type_line(&mut p, &mut c, "ls -l"), ["bash: ls: command not found"]);
    assert!(type_line(&mut p, &mut c, "").is_empty());
    let help = type_line(&mut p, &mut c, "help").join("\n");
    for tool in [
        "kafka-topics.sh",
        "kafka-console-producer.sh",
        "kafka-console-consumer.sh",
        "kafka-consumer-groups.sh",
    ] {
        assert!(help.contains(tool), "help names {tool}");
    }
    assert_eq!(actions(&p), before, "nothing was done");
    assert_eq!(c.history(), ["kafka-topic.sh --list", "ls -l", "help"]);
}

#[test]
fn the_tools_answer_to_every_spelling_of_their_name() {
    let mut p = playground(100.0);
    let mut c = Console::default();
    for name in ["kafka-topics.sh", "bin/kafka-topics.sh", "./bin/kafka-topics.sh", "kafka-topics"]
    {
        let out = type_line(&mut p, &mut c, &format!("{name} {BS} --list"));
        assert!(out.contains(&"orders".to_owned()), "{name}: {out:?}");
    }
}

#[test]
fn history_keeps_commands_once_in_a_row_and_clear_keeps_it() {
    let mut p = playground(100.0);
    let mut c = Console::default();
    type_line(&mut p, &mut c, "help");
    type_line(&mut p, &mut c, "help");
    type_line(&mut p, &mut c, "history");
    assert_eq!(c.history(), ["help", "history"]);
    c.input(&mut p, ConsoleInput::Clear);
    assert_eq!(c.lines().count(), 0);
    assert_eq!(c.history().len(), 2);
}
