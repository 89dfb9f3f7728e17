//! kplay's script language: one line per action, so a lesson's scenario and its tasks'
//! solutions are written in Markdown without touching Rust, and each line is a
//! [`kplay_sim::Action`] (or a few) the simulation records and replays.
//!
//! ```text
//! brokers 3                                   # brokers 1, 2 and 3
//! topic orders partitions=3 rf=3 retention.ms=60000
//! producer 1 orders rate=4 keys=6 acks=all    # keys: none, N, sequence:N, hot:N:H:P
//! produce 1 orders key=alice value="hello"    # tombstone: value=null
//! consumer 2 billing orders reset=earliest commit=auto assignor=range
//! stop-leader orders 0 crash
//! at 5000 start-broker 2                      # in a scenario: at 5 s of simulated time
//! ```
//!
//! Every verb and option is listed in `www/lessons/README.md`.

use kplay_sim::action::{
    AcksSpec, Action, CommitMode, ConsumerSpec, KeyDistribution, Membership, OffsetReset,
    ProducerSpec, SeekTo,
};
use kplay_sim::network::Node;
use kplay_sim::partitioner::PartitionerKind;

use super::words::Words;

/// One script line: its actions, and when (ms of simulated time) if it said `at`.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// `at MS`, if given.
    pub at_ms: Option<i64>,
    /// What it does.
    pub actions: Vec<Action>,
}

/// Parses a whole script; blank lines and `#` comments are skipped. Errors name the line.
pub fn parse(script: &str) -> Result<Vec<Line>, String> {
    let mut lines = Vec::new();
    for (n, raw) in script.lines().enumerate() {
        let text = raw.split_once(" #").map_or(raw, |(code, _)| code).trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        lines.push(line(text).map_err(|e| format!("line {}: “{text}”: {e}", n + 1))?);
    }
    Ok(lines)
}

/// Every action of a script, in order, ignoring `at`.
pub fn actions(script: &str) -> Result<Vec<Action>, String> {
    Ok(parse(script)?.into_iter().flat_map(|l| l.actions).collect())
}

fn line(text: &str) -> Result<Line, String> {
    let mut w = Words::split(text)?;
    let at_ms = if w.plain.first().map(String::as_str) == Some("at") {
        let ms: i64 = w.at(1, "time in ms")?;
        w.plain.drain(..2);
        Some(ms)
    } else {
        None
    };
    Ok(Line { at_ms, actions: command(w)? })
}

fn command(mut w: Words) -> Result<Vec<Action>, String> {
    let verb = w.plain.first().cloned().ok_or("an action is missing")?;
    let (actions, count) = match verb.as_str() {
        "brokers" => ((1..=w.at::<i32>(1, "broker count")?).map(broker).collect(), 2),
        "broker" => {
            let rack = w.take("rack");
            (vec![Action::AddBroker { id: w.at(1, "broker id")?, rack }], 2)
        }
        "topic" => (vec![topic(&mut w)?], 2),
        "delete-topic" => (vec![Action::DeleteTopic { name: w.at(1, "topic")? }], 2),
        "add-partitions" => {
            (vec![Action::AddPartitions { topic: w.at(1, "topic")?, count: w.at(2, "count")? }], 3)
        }
        "config" => {
            let topic: String = w.at(1, "topic")?;
            let mut configs = w.take_configs();
            let (name, value) = configs.pop().ok_or("a name=value config is missing")?;
            let value = (value != "default").then_some(value);
            (vec![Action::SetTopicConfig { topic, name, value }], 2)
        }
        "stop-broker" => {
            let crash = flag(&mut w, "crash");
            (vec![Action::StopBroker { id: w.at(1, "broker id")?, crash }], 2)
        }
        "stop-leader" => {
            let crash = flag(&mut w, "crash");
            let (topic, partition) = (w.at(1, "topic")?, w.at(2, "partition")?);
            (vec![Action::StopLeader { topic, partition, crash }], 3)
        }
        "start-broker" => (vec![Action::StartBroker { id: w.at(1, "broker id")? }], 2),
        "isolate" => {
            let nodes = w.plain[1..].iter().map(|n| node(n)).collect::<Result<Vec<_>, _>>()?;
            let count = w.plain.len();
            (vec![Action::Isolate { nodes }], count)
        }
        "heal" => (vec![Action::Heal], 1),
        "cut" | "restore" => {
            let a = node(&w.at::<String>(1, "node")?)?;
            let b = node(&w.at::<String>(2, "node")?)?;
            let action =
                if verb == "cut" { Action::CutLink { a, b } } else { Action::RestoreLink { a, b } };
            (vec![action], 3)
        }
        "slow" => {
            let node = node(&w.at::<String>(1, "node")?)?;
            (vec![Action::SlowNode { node, extra_latency_ms: w.at(2, "latency in ms")? }], 3)
        }
        "producer" => (vec![producer(&mut w)?], 3),
        "produce" => (vec![produce(&mut w)?], 3),
        "consumer" => (vec![consumer(&mut w)?], 4),
        "remove" => {
            let crash = flag(&mut w, "crash");
            (vec![Action::RemoveClient { id: w.at(1, "client")?, crash }], 2)
        }
        "pause" | "resume" => {
            (vec![Action::PauseConsumer { id: w.at(1, "client")?, paused: verb == "pause" }], 2)
        }
        "commit" => (vec![Action::Commit { id: w.at(1, "client")? }], 2),
        "seek" => {
            let (id, topic, partition) =
                (w.at(1, "client")?, w.at(2, "topic")?, w.at(3, "partition")?);
            (
                vec![Action::Seek {
                    id,
                    topic,
                    partition,
                    to: seek_to(&w.at::<String>(4, "where")?)?,
                }],
                5,
            )
        }
        "reset-offsets" => {
            let (group, topic) = (w.at(1, "group")?, w.at(2, "topic")?);
            (
                vec![Action::ResetOffsets {
                    group,
                    topic,
                    to: seek_to(&w.at::<String>(3, "where")?)?,
                }],
                4,
            )
        }
        other => return Err(format!("“{other}” is not an action")),
    };
    w.done(count)?;
    Ok(actions)
}

fn broker(id: i32) -> Action {
    Action::AddBroker { id, rack: None }
}

/// Removes the plain word `name` if present.
fn flag(w: &mut Words, name: &str) -> bool {
    let before = w.plain.len();
    w.plain.retain(|p| p != name);
    w.plain.len() != before
}

fn topic(w: &mut Words) -> Result<Action, String> {
    let partitions = w.take_parsed("partitions")?.unwrap_or(1);
    let rf = match (w.take_parsed("rf")?, w.take_parsed("replication-factor")?) {
        (Some(_), Some(_)) => return Err("give rf or replication-factor, not both".into()),
        (a, b) => a.or(b).unwrap_or(1),
    };
    Ok(Action::CreateTopic {
        name: w.at(1, "topic")?,
        partitions,
        replication_factor: rf,
        configs: w.take_configs(),
    })
}

fn node(text: &str) -> Result<Node, String> {
    let bad = || format!("“{text}” is not a node (broker-N or client-N)");
    if let Some(id) = text.strip_prefix("broker-") {
        return id.parse().map(Node::Broker).map_err(|_| bad());
    }
    if let Some(id) = text.strip_prefix("client-") {
        return id.parse().map(Node::Client).map_err(|_| bad());
    }
    Err(bad())
}

fn producer(w: &mut Words) -> Result<Action, String> {
    let id: u32 = w.at(1, "client")?;
    let topic: String = w.at(2, "topic")?;
    let client_id = w.take("client.id").unwrap_or_else(|| format!("producer-{id}"));
    let mut spec = ProducerSpec::new(&client_id, &topic);
    spec.rate_per_sec = w.take_parsed("rate")?.unwrap_or(0);
    if let Some(keys) = w.take("keys") {
        spec.keys = key_distribution(&keys)?;
    }
    if let Some(p) = w.take("partitioner") {
        spec.partitioner = partitioner(&p)?;
    }
    if let Some(acks) = w.take("acks") {
        spec.acks = match acks.as_str() {
            "0" => AcksSpec::None,
            "1" => AcksSpec::Leader,
            "all" | "-1" => AcksSpec::All,
            _ => return Err(format!("acks={acks}: use 0, 1 or all")),
        };
    }
    let set = |w: &mut Words, name: &str, to: &mut i64| -> Result<(), String> {
        if let Some(v) = w.take_parsed(name)? {
            *to = v;
        }
        Ok(())
    };
    set(w, "linger.ms", &mut spec.linger_ms)?;
    set(w, "retry.backoff.ms", &mut spec.retry_backoff_ms)?;
    set(w, "request.timeout.ms", &mut spec.request_timeout_ms)?;
    set(w, "delivery.timeout.ms", &mut spec.delivery_timeout_ms)?;
    spec.batch_size = w.take_parsed("batch.size")?.unwrap_or(spec.batch_size);
    spec.retries = w.take_parsed("retries")?.unwrap_or(spec.retries);
    spec.idempotence = w.take_parsed("enable.idempotence")?.unwrap_or(spec.idempotence);
    spec.max_in_flight = w.take_parsed("max.in.flight")?.unwrap_or(spec.max_in_flight);
    spec.value_bytes = w.take_parsed("value.bytes")?.unwrap_or(spec.value_bytes);
    Ok(Action::AddProducer { id, spec })
}

fn key_distribution(text: &str) -> Result<KeyDistribution, String> {
    let bad = || format!("keys={text}: use none, N, sequence:N or hot:N:HOT:PERCENT");
    let num = |s: &str| s.parse::<u32>().map_err(|_| bad());
    let parts: Vec<&str> = text.split(':').collect();
    Ok(match parts.as_slice() {
        ["none"] => KeyDistribution::None,
        [n] => KeyDistribution::Uniform { keys: num(n)? },
        ["sequence", n] => KeyDistribution::Sequence { keys: num(n)? },
        ["hot", n, h, p] => {
            KeyDistribution::HotKeys { keys: num(n)?, hot_keys: num(h)?, hot_percent: num(p)? }
        }
        _ => return Err(bad()),
    })
}

fn partitioner(text: &str) -> Result<PartitionerKind, String> {
    Ok(match text {
        "java" => PartitionerKind::JavaDefault,
        "java-legacy-sticky" => PartitionerKind::JavaLegacySticky,
        "kafka-python" => PartitionerKind::KafkaPython,
        "consistent_random" => PartitionerKind::LibrdkafkaConsistentRandom,
        "murmur2_random" => PartitionerKind::LibrdkafkaMurmur2Random,
        "round-robin" => PartitionerKind::RoundRobin,
        _ => {
            return Err(format!(
                "partitioner={text}: use java, java-legacy-sticky, kafka-python, \
                 consistent_random, murmur2_random or round-robin"
            ));
        }
    })
}

fn produce(w: &mut Words) -> Result<Action, String> {
    let value = w.take("value");
    Ok(Action::Produce {
        producer: w.at(1, "producer")?,
        topic: w.at(2, "topic")?,
        key: w.take("key"),
        value: if value.as_deref() == Some("null") {
            None
        } else {
            Some(value.unwrap_or_default())
        },
        headers: Vec::new(),
        partition: w.take_parsed("partition")?,
    })
}

fn consumer(w: &mut Words) -> Result<Action, String> {
    let id: u32 = w.at(1, "client")?;
    let group: String = w.at(2, "group")?;
    let topics: String = w.at(3, "topics")?;
    let client_id = w.take("client.id").unwrap_or_else(|| format!("consumer-{id}"));
    let topics: Vec<&str> = topics.split(',').collect();
    let mut spec = ConsumerSpec::group(&client_id, &group, &topics);
    if let Some(reset) = w.take("reset") {
        spec.auto_offset_reset = match reset.as_str() {
            "earliest" => OffsetReset::Earliest,
            "latest" => OffsetReset::Latest,
            "none" => OffsetReset::None,
            _ => return Err(format!("reset={reset}: use earliest, latest or none")),
        };
    }
    if let Some(commit) = w.take("commit") {
        spec.commit = commit_mode(&commit)?;
    }
    if let (Some(assignors), Membership::Group { assignors: to, .. }) =
        (w.take("assignor"), &mut spec.membership)
    {
        *to = assignors.split(',').map(str::to_owned).collect();
    }
    if let (Some(instance), Membership::Group { group_instance_id, .. }) =
        (w.take("group.instance.id"), &mut spec.membership)
    {
        *group_instance_id = Some(instance);
    }
    spec.session_timeout_ms =
        w.take_parsed("session.timeout.ms")?.unwrap_or(spec.session_timeout_ms);
    spec.heartbeat_interval_ms =
        w.take_parsed("heartbeat.interval.ms")?.unwrap_or(spec.heartbeat_interval_ms);
    spec.max_poll_interval_ms =
        w.take_parsed("max.poll.interval.ms")?.unwrap_or(spec.max_poll_interval_ms);
    spec.max_poll_records = w.take_parsed("max.poll.records")?.unwrap_or(spec.max_poll_records);
    spec.processing_ms_per_record =
        w.take_parsed("processing.ms")?.unwrap_or(spec.processing_ms_per_record);
    Ok(Action::AddConsumer { id, spec })
}

fn commit_mode(text: &str) -> Result<CommitMode, String> {
    Ok(match text.split_once(':') {
        None if text == "auto" => CommitMode::Auto { interval_ms: 5_000 },
        Some(("auto", ms)) => CommitMode::Auto {
            interval_ms: ms
                .parse()
                .map_err(|_| format!("commit={text}: auto:MS wants a number"))?,
        },
        None if text == "sync" => CommitMode::SyncAfterProcessing,
        None if text == "async" => CommitMode::AsyncAfterProcessing,
        None if text == "manual" => CommitMode::Manual,
        _ => return Err(format!("commit={text}: use auto, auto:MS, sync, async or manual")),
    })
}

fn seek_to(text: &str) -> Result<SeekTo, String> {
    Ok(match text {
        "earliest" => SeekTo::Earliest,
        "latest" => SeekTo::Latest,
        _ => match text.strip_prefix("timestamp:") {
            Some(t) => SeekTo::Timestamp(t.parse().map_err(|_| format!("“{text}”: not a time"))?),
            None => SeekTo::Offset(
                text.parse()
                    .map_err(|_| format!("“{text}”: use earliest, latest, N or timestamp:MS"))?,
            ),
        },
    })
}

#[cfg(test)]
#[path = "script_tests.rs"]
mod tests;
