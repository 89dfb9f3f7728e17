//! Whole listings read back by the real parsers: Python's own (`ast.parse`, then `compile`) and
//! `bash -n`. The imports of the Python listings are also run, when the interpreter has the
//! clients installed (the project's venv, `KPLAY_PYTHON`), so a wrong module path fails here.

use std::io::Write;
use std::process::{Command, Stdio};

use kplay_sim::action::{Action, KeyDistribution};
use kplay_sim::partitioner::PartitionerKind;

use super::super::{command_line, confluent_kafka, kafka_python};
use super::scenario::{consumer, every_action, producer, record};

/// The interpreter to check with: `KPLAY_PYTHON` (set by `scripts/env.sh`), else `python3`.
fn python() -> String {
    let candidates = [std::env::var("KPLAY_PYTHON").ok(), Some("python3".to_owned())];
    for candidate in candidates.into_iter().flatten() {
        let runs = Command::new(&candidate).args(["-c", "pass"]).status();
        if runs.is_ok_and(|s| s.success()) {
            return candidate;
        }
    }
    panic!(
        "no Python to check the listings with: set KPLAY_PYTHON (. scripts/env.sh) or install python3"
    );
}

/// Runs `program args` with `input` on stdin; panics with its stderr and the input if it fails.
fn run_with_input(program: &str, args: &[&str], input: &str) {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write the listing");
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{program} {args:?} refused the listing:\n{}\n--- listing ---\n{input}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn assert_python_parses(source: &str) {
    let check = "import ast, sys\nsource = sys.stdin.read()\nast.parse(source)\ncompile(source, 'listing', 'exec')";
    run_with_input(&python(), &["-c", check], source);
}

/// Runs the listing's import lines, if the interpreter has both clients.
fn assert_imports_resolve(source: &str) {
    let python = python();
    let has_clients = Command::new(&python)
        .args(["-c", "import kafka, confluent_kafka"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_clients {
        eprintln!("{python} has no kafka-python and confluent-kafka: imports not run");
        return;
    }
    let imports: Vec<&str> =
        source.lines().filter(|l| l.starts_with("import ") || l.starts_with("from ")).collect();
    if imports.is_empty() {
        return;
    }
    run_with_input(&python, &["-"], &imports.join("\n"));
}

fn assert_bash_parses(source: &str) {
    run_with_input("bash", &["-n"], source);
}

/// Small scenarios besides the big one: each producer kind alone, records alone, nothing.
fn scenarios() -> Vec<Vec<Action>> {
    let mut all = vec![every_action(), vec![], vec![record(Some("k"), Some("v"))]];
    for kind in PartitionerKind::ALL {
        let keys = KeyDistribution::Sequence { keys: 3 };
        all.push(vec![
            Action::AddProducer { id: 1, spec: producer("p", kind, 4, keys) },
            Action::AddConsumer { id: 2, spec: consumer("c") },
            Action::PauseConsumer { id: 2, paused: true },
        ]);
    }
    all
}

#[test]
fn every_kafka_python_listing_is_valid_python() {
    for actions in scenarios() {
        let source = kafka_python(&actions);
        assert_python_parses(&source);
        assert_imports_resolve(&source);
    }
}

#[test]
fn every_confluent_kafka_listing_is_valid_python() {
    for actions in scenarios() {
        let source = confluent_kafka(&actions);
        assert_python_parses(&source);
        assert_imports_resolve(&source);
    }
}

#[test]
fn every_command_line_listing_is_valid_bash() {
    for actions in scenarios() {
        assert_bash_parses(&command_line(&actions));
    }
}

#[test]
fn the_checks_catch_broken_code() {
    let broken = std::panic::catch_unwind(|| assert_python_parses("def f(:\n"));
    assert!(broken.is_err(), "a syntax error passed the Python check");
    let broken = std::panic::catch_unwind(|| assert_bash_parses("for x in; do\n"));
    assert!(broken.is_err(), "a syntax error passed the bash check");
}
