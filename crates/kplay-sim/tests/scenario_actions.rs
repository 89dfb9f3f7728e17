//! A scenario that takes every kind of action survives a share link (serde) and replays from its
//! seed and actions to the same trace; and a world's trace records the clients' decisions
//! (partition choices with their reasons, assignments, commits) with their times.

mod support;

use kplay_core::vec_map::VecSet;
use kplay_core::{GroupId, Offset, TopicPartition};
use kplay_sim::Scenario;
use kplay_sim::action::{Action, CommitMode, ProducerSpec, SeekTo};
use kplay_sim::client::ClientEvent;
use kplay_sim::network::{LinkSpec, Node};
use kplay_sim::partitioner::ChoiceReason;
use kplay_sim::trace::TraceKind;
use kplay_sim::world::World;
use support::*;

/// Every variant's name. The match has no wildcard, so a new variant must be added here, and
/// then to the scenario below for the test to pass.
fn variant(action: &Action) -> &'static str {
    match action {
        Action::CreateTopic { .. } => "CreateTopic",
        Action::DeleteTopic { .. } => "DeleteTopic",
        Action::AddPartitions { .. } => "AddPartitions",
        Action::SetTopicConfig { .. } => "SetTopicConfig",
        Action::AddBroker { .. } => "AddBroker",
        Action::StopBroker { .. } => "StopBroker",
        Action::StopLeader { .. } => "StopLeader",
        Action::StartBroker { .. } => "StartBroker",
        Action::Isolate { .. } => "Isolate",
        Action::Heal => "Heal",
        Action::SetLink { .. } => "SetLink",
        Action::SlowNode { .. } => "SlowNode",
        Action::AddProducer { .. } => "AddProducer",
        Action::RemoveClient { .. } => "RemoveClient",
        Action::Produce { .. } => "Produce",
        Action::AddConsumer { .. } => "AddConsumer",
        Action::PauseConsumer { .. } => "PauseConsumer",
        Action::Commit { .. } => "Commit",
        Action::Seek { .. } => "Seek",
        Action::ResetOffsets { .. } => "ResetOffsets",
        Action::CutLink { .. } => "CutLink",
        Action::RestoreLink { .. } => "RestoreLink",
    }
}
const VARIANTS: usize = 22;

/// Takes every kind of action on a running world, each accepted.
fn every_action() -> World {
    let mut w = world_with(31, 3, &[]);
    let take = |w: &mut World, a: Action, then_ms: i64| {
        w.apply(a.clone()).unwrap_or_else(|e| panic!("{a}: {e}"));
        w.run_for(then_ms).unwrap();
    };
    take(&mut w, Action::AddBroker { id: 4, rack: Some("r2".into()) }, 100);
    let scratch = Action::CreateTopic {
        name: "scratch".into(),
        partitions: 1,
        replication_factor: 2,
        configs: vec![("cleanup.policy".into(), "compact".into())],
    };
    take(&mut w, scratch, 100);
    take(&mut w, Action::DeleteTopic { name: "scratch".into() }, 100);
    take(&mut w, Action::AddPartitions { topic: "t".into(), count: 4 }, 100);
    let retention = |value: Option<&str>| Action::SetTopicConfig {
        topic: "t".into(),
        name: "retention.ms".into(),
        value: value.map(str::to_owned),
    };
    take(&mut w, retention(Some("600000")), 100);
    take(&mut w, retention(None), 100);
    let producer = ProducerSpec { rate_per_sec: 50, ..ProducerSpec::new("p", "t") };
    take(&mut w, Action::AddProducer { id: 1, spec: producer }, 100);
    take(&mut w, send(1, "hello"), 100);
    take(&mut w, consumer(2, |s| s.commit = CommitMode::Manual), 3_000);
    take(&mut w, Action::Commit { id: 2 }, 500);
    let seek = Action::Seek { id: 2, topic: "t".into(), partition: 0, to: SeekTo::Earliest };
    take(&mut w, seek, 500);
    take(&mut w, Action::PauseConsumer { id: 2, paused: true }, 500);
    take(&mut w, Action::PauseConsumer { id: 2, paused: false }, 500);
    take(&mut w, Action::RemoveClient { id: 2, crash: false }, 1_000);
    let reset = Action::ResetOffsets { group: "g".into(), topic: "t".into(), to: SeekTo::Latest };
    take(&mut w, reset, 500);
    let link = LinkSpec { latency_ms: 5, jitter_ms: 3, loss_per_million: 10_000 };
    take(&mut w, Action::SetLink { a: Node::Client(1), b: Node::Broker(1), link }, 500);
    take(&mut w, Action::SlowNode { node: Node::Broker(2), extra_latency_ms: 50 }, 500);
    take(&mut w, Action::Isolate { nodes: vec![Node::Broker(3)] }, 1_000);
    take(&mut w, Action::Heal, 1_000);
    take(&mut w, Action::CutLink { a: Node::Broker(1), b: Node::Broker(2) }, 1_000);
    take(&mut w, Action::RestoreLink { a: Node::Broker(1), b: Node::Broker(2) }, 1_000);
    take(&mut w, Action::StopBroker { id: 4, crash: true }, 1_000);
    take(&mut w, Action::StartBroker { id: 4 }, 1_000);
    let stop_leader = Action::StopLeader { topic: "t".into(), partition: 0, crash: false };
    take(&mut w, stop_leader, 2_000);
    w
}

#[test]
fn a_scenario_with_every_action_round_trips_and_replays_to_the_same_trace() {
    let original = every_action();
    let scenario = original.scenario();
    let used: VecSet<&str> = scenario.actions.iter().map(|a| variant(&a.action)).collect();
    assert_eq!(used.len(), VARIANTS, "every kind of action is taken: {used:?}");
    let json = serde_json::to_string(&scenario).unwrap();
    let back: Scenario = serde_json::from_str(&json).unwrap();
    assert_eq!(back, scenario);
    let replayed = World::replay(&back, original.options(), original.steps()).unwrap();
    assert_eq!(replayed.now(), original.now());
    assert_eq!(replayed.trace().len(), original.trace().len());
    assert_eq!(replayed.trace().hash(), original.trace().hash());
    let committed_offsets = |w: &World| committed(w);
    assert_eq!(committed_offsets(&replayed), committed_offsets(&original));
}

#[test]
fn the_trace_records_partition_choices_assignments_and_commits_with_their_times() {
    let mut w = world_with(32, 3, &[]);
    w.apply(consumer(2, |s| s.commit = CommitMode::SyncAfterProcessing)).unwrap();
    w.run_for(2_000).unwrap();
    let produced_at = w.now();
    produce(&mut w, 1);
    w.run_for(2_000).unwrap();
    let entries = w.trace().entries();
    let chosen = entries
        .iter()
        .find_map(|e| match &e.kind {
            TraceKind::Client {
                client: 1,
                event: ClientEvent::PartitionChosen { key, partition, reason },
            } => Some((e.time, key.clone(), partition.clone(), reason.clone())),
            _ => None,
        })
        .expect("a partition choice");
    let (time, key, partition, reason) = chosen;
    assert_eq!(key.as_deref(), Some("k0"));
    assert!(time >= produced_at, "chosen once the producer had metadata");
    let ChoiceReason::Hashed { hash, partition_count, partition: index, .. } = reason else {
        panic!("a keyed record is hashed: {reason:?}")
    };
    assert_eq!(partition_count, 3);
    assert_eq!(i64::from((hash & 0x7fff_ffff) % 3), i64::from(index.0));
    assert_eq!(partition, TopicPartition::new("t", index.0));
    let computed = entries
        .iter()
        .find_map(|e| match &e.kind {
            TraceKind::Client {
                client: 2,
                event: ClientEvent::AssignmentComputed { group, assignment, .. },
            } => Some((e.time, group.clone(), assignment.clone())),
            _ => None,
        })
        .expect("the leader computed the assignment");
    assert!(computed.0 < produced_at, "before the record was sent");
    assert_eq!(computed.1, GroupId::from("g"));
    assert_eq!(computed.2.len(), 1);
    assert_eq!(computed.2[0].1.len(), 3, "the only member gets every partition");
    let commits: Vec<_> = entries
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::Client { client: 2, event: ClientEvent::Committed { offsets } }
                if offsets.contains(&(partition.clone(), Offset(1))) =>
            {
                Some(e.time)
            }
            _ => None,
        })
        .collect();
    assert_eq!(commits.len(), 1, "one commit after processing the record");
    assert!(commits[0] > time && commits[0] < w.now());
    let engine_commit = commit_times(&w, index.0);
    assert_eq!(engine_commit.len(), 1);
    assert!(engine_commit[0] <= commits[0].0, "the coordinator stored it before the answer came");
}
