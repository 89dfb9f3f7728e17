//! Real Kafka clients against an in-process `kplay serve`: kafka-python, confluent-kafka
//! (librdkafka), aiokafka, KafkaJS and kcat, run as subprocesses. The Python and JavaScript
//! programs are in `tests/clients/`.
//!
//! The tools come from `scripts/bootstrap.sh` (kcat from apt, a Python venv with kafka-python,
//! confluent-kafka and aiokafka, KafkaJS from npm). Without them a test says what is missing and
//! passes, unless `KPLAY_REQUIRE_REAL_CLIENTS=1` (set by `scripts/test.sh`), when a missing tool
//! fails it.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kplay_server::server::{Server, ServerConfig};

/// Starts a server with `brokers` brokers on ephemeral ports in its own thread; returns the
/// bootstrap address. The server lives until the test process ends.
fn serve(brokers: u16, num_partitions: i32) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.block_on(async move {
            let mut config = ServerConfig::new("127.0.0.1:0".parse().unwrap());
            config.brokers = brokers;
            config.engine.num_partitions = num_partitions;
            config.engine.group.initial_rebalance_delay_ms = 0;
            let server = Server::bind(config).await.expect("bind");
            tx.send(server.bootstrap().to_string()).expect("send");
            server.run(std::future::pending()).await;
        });
    });
    rx.recv_timeout(Duration::from_secs(20)).expect("the server starts")
}

/// A tool, or why there is none; a missing tool skips the test unless it is required.
fn require<T>(tool: Result<T, String>) -> Option<T> {
    match tool {
        Ok(path) => Some(path),
        Err(why) if std::env::var("KPLAY_REQUIRE_REAL_CLIENTS").as_deref() == Ok("1") => {
            panic!("{why} (KPLAY_REQUIRE_REAL_CLIENTS=1); run scripts/bootstrap.sh")
        }
        Err(why) => {
            eprintln!("SKIPPED: {why}; run scripts/bootstrap.sh to install it");
            None
        }
    }
}

fn tools_dir() -> Result<PathBuf, String> {
    std::env::var("KPLAY_TOOLS_DIR")
        .map(PathBuf::from)
        .or_else(|_| std::env::var("HOME").map(|h| Path::new(&h).join(".local/share/kplay-tools")))
        .map_err(|_| "neither KPLAY_TOOLS_DIR nor HOME is set".to_owned())
}

/// The venv's Python, if it can import `modules` (a comma-separated list).
fn python_with(modules: &str) -> Result<PathBuf, String> {
    let candidate = match std::env::var("KPLAY_PYTHON") {
        Ok(python) => PathBuf::from(python),
        Err(_) => tools_dir()?.join("venv/bin/python"),
    };
    let works = Command::new(&candidate)
        .args(["-c", &format!("import {modules}")])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if works {
        Ok(candidate)
    } else {
        Err(format!("no Python with {modules} at {}", candidate.display()))
    }
}

fn python() -> Result<PathBuf, String> {
    python_with("kafka, confluent_kafka")
}

/// Node.js and the directory of npm modules that holds KafkaJS (for `NODE_PATH`).
fn kafkajs() -> Result<(PathBuf, PathBuf), String> {
    let modules = tools_dir()?.join("node_modules");
    if !modules.join("kafkajs/package.json").is_file() {
        return Err(format!("no kafkajs in {}", modules.display()));
    }
    let found = Command::new("node").arg("--version").stdout(Stdio::null()).status();
    found.map(|_| (PathBuf::from("node"), modules)).map_err(|_| "no node on PATH".to_owned())
}

fn kcat() -> Result<PathBuf, String> {
    let found = Command::new("kcat").arg("-V").stdout(Stdio::null()).status();
    found.map(|_| PathBuf::from("kcat")).map_err(|_| "no kcat on PATH".to_owned())
}

/// Runs a program to completion within `deadline`; returns its stdout, failing the test on a
/// non-zero exit (with its output) or on the deadline.
fn run(program: &Path, args: &[&str], stdin: &str, deadline: Duration) -> String {
    run_command(Command::new(program), args, stdin, deadline)
}

fn run_command(mut command: Command, args: &[&str], stdin: &str, deadline: Duration) -> String {
    let program = PathBuf::from(command.get_program());
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.as_bytes()).expect("write stdin");
    drop(input);
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{} {args:?} did not finish within {deadline:?}", program.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (stdout, stderr) = (stdout.join().unwrap_or_default(), stderr.join().unwrap_or_default());
    assert!(
        status.success(),
        "{} {args:?} failed ({status}):\n{stdout}\n{stderr}",
        program.display()
    );
    println!("{stdout}");
    stdout
}

fn client_program(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clients").join(name).display().to_string()
}

const DEADLINE: Duration = Duration::from_secs(120);

#[test]
fn kafka_python_idempotent_producer_group_consumer_with_auto_commit_and_admin() {
    let Some(python) = require(python()) else { return };
    // Three brokers: the admin's requests go to the controller, the group to its coordinator,
    // and each partition's records to its own leader.
    let bootstrap = serve(3, 1);
    let program = client_program("kafka_python_roundtrip.py");
    let out = run(&python, &[&program, &bootstrap, "kafka-python-topic"], "", DEADLINE);
    assert!(out.contains("kafka-python: ok"));
}

#[test]
fn confluent_kafka_producer_consumer_with_manual_commits_and_admin_client() {
    let Some(python) = require(python()) else { return };
    let bootstrap = serve(3, 1);
    let program = client_program("confluent_roundtrip.py");
    let out = run(&python, &[&program, &bootstrap, "confluent-topic"], "", DEADLINE);
    assert!(out.contains("confluent-kafka: ok"));
}

#[test]
fn admin_client_configs_duplicates_group_types_and_authorized_operations_answer_as_kafka() {
    let Some(python) = require(python()) else { return };
    let bootstrap = serve(3, 1);
    let program = client_program("admin_configs.py");
    let out = run(&python, &[&program, &bootstrap, "admin-configs-topic"], "", DEADLINE);
    assert!(out.contains("admin-configs: ok"));
}

#[test]
fn two_consumers_split_partitions_and_one_takes_over_when_the_other_leaves() {
    let Some(python) = require(python()) else { return };
    let bootstrap = serve(3, 1);
    let program = client_program("group_split.py");
    let out = run(&python, &[&program, &bootstrap, "split-topic"], "", DEADLINE);
    assert!(out.contains("group split (range): ok"));
}

#[test]
fn cooperative_sticky_consumers_split_partitions_and_hand_them_over_incrementally() {
    let Some(python) = require(python()) else { return };
    let bootstrap = serve(3, 1);
    let program = client_program("group_split.py");
    let args = [program.as_str(), &bootstrap, "cooperative-topic", "cooperative-sticky"];
    let out = run(&python, &args, "", DEADLINE);
    assert!(out.contains("group split (cooperative-sticky): ok"));
}

#[test]
fn every_codec_from_librdkafka_and_log_append_time_batches_read_by_kafka_python() {
    let Some(python) = require(python()) else { return };
    let bootstrap = serve(1, 1);
    let program = client_program("codecs_and_timestamps.py");
    let out = run(&python, &[&program, &bootstrap], "", DEADLINE);
    assert!(out.contains("codecs and timestamps: ok"));
}

#[test]
fn the_seed_tutorials_python_runs_as_written_against_localhost() {
    let Some(python) = require(python()) else { return };
    let bootstrap = serve(1, 1);
    // The tutorials say localhost:9092; the broker advertises 127.0.0.1 so clients never try ::1.
    let port = bootstrap.rsplit(':').next().expect("a port");
    let localhost = format!("localhost:{port}");
    let program = client_program("seed_tutorials.py");
    let out = run(&python, &[&program, &localhost], "", DEADLINE);
    assert!(out.contains("seed tutorials: ok"));
}

#[test]
fn transactions_commit_abort_fence_and_carry_offsets_exactly_once() {
    let Some(python) = require(python()) else { return };
    // Three brokers: the transaction coordinator, the group coordinator and the partitions'
    // leaders are spread over them.
    let bootstrap = serve(3, 1);
    let program = client_program("transactions.py");
    let out = run(&python, &[&program, &bootstrap, "txn-topic"], "", DEADLINE);
    assert!(out.contains("transactions: ok"));
}

#[test]
fn aiokafka_idempotent_producer_and_two_consumers_with_manual_commits_and_admin() {
    let Some(python) = require(python_with("aiokafka")) else { return };
    // aiokafka speaks only the older, non-flexible versions of each API.
    let bootstrap = serve(3, 1);
    let program = client_program("aiokafka_roundtrip.py");
    let out = run(&python, &[&program, &bootstrap, "aiokafka-topic"], "", DEADLINE);
    assert!(out.contains("aiokafka: ok"));
}

#[test]
fn kafkajs_idempotent_producer_and_two_consumers_with_manual_commits_and_admin() {
    let Some((node, modules)) = require(kafkajs()) else { return };
    let bootstrap = serve(3, 1);
    let program = client_program("kafkajs_roundtrip.js");
    let mut command = Command::new(node);
    command.env("NODE_PATH", modules);
    let out = run_command(command, &[&program, &bootstrap, "kafkajs-topic"], "", DEADLINE);
    assert!(out.contains("kafkajs: ok"));
}

#[test]
fn kcat_produces_lists_consumes_and_consumes_in_a_group() {
    let Some(kcat) = require(kcat()) else { return };
    let bootstrap = serve(3, 4);
    let b = bootstrap.as_str();
    let lines: String = (0..50).map(|i| format!("key-{i}:value-{i}\n")).collect();
    run(&kcat, &["-b", b, "-P", "-t", "kcat-topic", "-K:"], &lines, DEADLINE);

    let listed = run(&kcat, &["-b", b, "-L", "-t", "kcat-topic"], "", DEADLINE);
    assert!(listed.contains("3 brokers"), "{listed}");
    assert!(listed.contains("topic \"kcat-topic\" with 4 partitions"), "{listed}");

    let sorted = |text: String| {
        let mut values: Vec<String> =
            text.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect();
        values.sort();
        values
    };
    let mut expected: Vec<String> = (0..50).map(|i| format!("value-{i}")).collect();
    expected.sort();
    let consumed =
        run(&kcat, &["-b", b, "-C", "-t", "kcat-topic", "-e", "-f", "%s\\n"], "", DEADLINE);
    assert_eq!(sorted(consumed), expected);

    let group = ["-b", b, "-G", "kcat-group", "kcat-topic", "-e", "-f", "%s\\n"];
    let group: Vec<&str> = group.into_iter().chain(["-X", "auto.offset.reset=earliest"]).collect();
    assert_eq!(sorted(run(&kcat, &group, "", DEADLINE)), expected);
    assert!(sorted(run(&kcat, &group, "", DEADLINE)).is_empty(), "the group committed its offsets");
}
