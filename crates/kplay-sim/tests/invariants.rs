//! Seed sweeps: chaos (crashes, restarts, network partitions and cut links, consumers coming and
//! going) over many seeds, then a quiet period; every invariant must hold. A failing seed (a
//! broken invariant, a run that stops with an error, or a panic) says how to replay it alone.
//! `KPLAY_SEEDS=200` widens the sweep; `KPLAY_SEED=17` runs one seed.

use std::panic::{AssertUnwindSafe, catch_unwind};

use kplay_sim::Settings;
use kplay_sim::action::{
    Action, CommitMode, ConsumerSpec, KeyDistribution, OffsetReset, ProducerSpec, SeekTo,
};
use kplay_sim::invariants;
use kplay_sim::network::Node;
use kplay_sim::rng::SimRng;
use kplay_sim::world::{RunOptions, SimError, World};

fn consumer(id: u32) -> Action {
    let mut spec = ConsumerSpec::group(&format!("c{id}"), "g", &["t"]);
    spec.auto_offset_reset = OffsetReset::Earliest;
    spec.commit = CommitMode::SyncAfterProcessing;
    spec.processing_ms_per_record = 1;
    spec.session_timeout_ms = 10_000;
    Action::AddConsumer { id, spec }
}

/// One seed's run: setup, 60 s of chaos drawn from the seed (broker crashes and restarts,
/// brokers and clients cut off, single links between two brokers or a client and a broker cut
/// and restored, slow brokers, consumers coming, going, pausing and seeking back,
/// the group's offsets reset when it is empty), then 2 minutes of calm.
fn run(seed: u64) -> Result<World, SimError> {
    let settings = Settings {
        group_initial_rebalance_delay_ms: 0,
        broker_session_timeout_ms: 4_000,
        ..Settings::default()
    };
    let options = RunOptions { track_records: true, ..RunOptions::default() };
    let mut world = World::new(seed, settings, options);
    let mut chaos = SimRng::new(seed ^ 0xc4a0_5eed);
    let apply = |w: &mut World, a: Action| {
        let _ = w.apply(a); // refused chaos (e.g. stopping a stopped broker) changes nothing
    };
    for id in 1..=3 {
        apply(&mut world, Action::AddBroker { id, rack: None });
    }
    apply(
        &mut world,
        Action::CreateTopic {
            name: "t".into(),
            partitions: 3,
            replication_factor: 3,
            configs: vec![("min.insync.replicas".into(), "2".into())],
        },
    );
    let producer = ProducerSpec {
        rate_per_sec: 40,
        keys: KeyDistribution::Uniform { keys: 10 },
        ..ProducerSpec::new("p", "t")
    };
    apply(&mut world, Action::AddProducer { id: 1, spec: producer });
    let mut next_id = 2;
    for _ in 0..3 {
        apply(&mut world, consumer(next_id));
        next_id += 1;
    }
    while world.now().0 < 60_000 {
        world.run_for(chaos.between(500, 4_000))?;
        let broker = chaos.between(1, 3) as i32;
        let action = match chaos.below(16) {
            0 => Action::StopBroker { id: broker, crash: true },
            1 => Action::StopBroker { id: broker, crash: false },
            2 | 3 => Action::StartBroker { id: broker },
            4 => Action::Isolate { nodes: vec![Node::Broker(broker)] },
            5 => Action::Heal,
            6 => {
                next_id += 1;
                consumer(next_id - 1)
            }
            7 => Action::RemoveClient {
                id: chaos.between(2, i64::from(next_id) - 1) as u32,
                crash: chaos.below(2) == 0,
            },
            8 => Action::PauseConsumer {
                id: chaos.between(2, i64::from(next_id) - 1) as u32,
                paused: chaos.below(2) == 0,
            },
            // Seeks and resets only go back (to the earliest offset): going forward would skip
            // records, which invariant 4 rightly reports. Refused ones (a partition the consumer
            // does not own, a group with members) change nothing.
            10 => Action::Seek {
                id: chaos.between(2, i64::from(next_id) - 1) as u32,
                topic: "t".into(),
                partition: chaos.between(0, 2) as i32,
                to: SeekTo::Earliest,
            },
            11 => {
                Action::ResetOffsets { group: "g".into(), topic: "t".into(), to: SeekTo::Earliest }
            }
            9 => Action::SlowNode {
                node: Node::Broker(broker),
                extra_latency_ms: chaos.between(0, 200),
            },
            12 | 13 => {
                // One link between two brokers (perhaps the controller's), or between a client
                // and a broker, is cut; or one cut link comes back.
                let other = (broker % 3) + 1;
                let a = Node::Broker(broker);
                let b = if chaos.below(2) == 0 {
                    Node::Broker(other)
                } else {
                    Node::Client(chaos.between(1, i64::from(next_id) - 1) as u32)
                };
                if chaos.below(3) == 0 {
                    Action::RestoreLink { a, b }
                } else {
                    Action::CutLink { a, b }
                }
            }
            14 => Action::CutLink { a: Node::Broker(broker), b: Node::Broker((broker % 3) + 1) },
            _ => {
                let client = chaos.between(1, i64::from(next_id) - 1) as u32;
                Action::Isolate { nodes: vec![Node::Client(client)] }
            }
        };
        apply(&mut world, action);
    }
    // Calm: everything heals, the producer stops, a consumer is sure to be there.
    apply(&mut world, Action::Heal);
    for id in 1..=3 {
        apply(&mut world, Action::StartBroker { id });
        apply(&mut world, Action::SlowNode { node: Node::Broker(id), extra_latency_ms: 0 });
    }
    for id in 2..next_id {
        apply(&mut world, Action::PauseConsumer { id, paused: false });
    }
    apply(&mut world, Action::RemoveClient { id: 1, crash: false });
    apply(&mut world, consumer(next_id));
    world.run_for(120_000)?;
    Ok(world)
}

/// How a failing seed is reported: what went wrong and the line that replays it alone.
fn failure(seed: u64, what: &str) -> String {
    format!(
        "seed {seed}: {what}\n  replay alone: KPLAY_SEED={seed} cargo test -p kplay-sim --test invariants -- --nocapture"
    )
}

/// Runs one seed with `run`, turning a panic or an error inside the run into a failure that
/// names the seed, like a broken invariant.
fn run_seed(seed: u64, run: impl FnOnce(u64) -> Result<World, SimError>) -> Result<World, String> {
    match catch_unwind(AssertUnwindSafe(|| run(seed))) {
        Ok(Ok(world)) => Ok(world),
        Ok(Err(e)) => Err(failure(seed, &format!("the run stopped: {e}"))),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            Err(failure(seed, &format!("the run panicked: {message}")))
        }
    }
}

fn check(seed: u64) -> Result<(), String> {
    let world = run_seed(seed, run)?;
    let mut violations = invariants::check(&world);
    violations.extend(invariants::every_record_consumed(&world, &"g".into()));
    if violations.is_empty() {
        return Ok(());
    }
    let shown: Vec<String> = violations.iter().take(5).map(ToString::to_string).collect();
    Err(failure(seed, &format!("{} violation(s), e.g. {}", violations.len(), shown.join("; "))))
}

#[test]
fn a_seed_whose_run_panics_or_stops_says_how_to_replay_it() {
    let replay = "replay alone: KPLAY_SEED=7 cargo test -p kplay-sim --test invariants";
    let panicked = run_seed(7, |_| panic!("broker 2 lost its mind")).unwrap_err();
    assert!(panicked.contains("the run panicked: broker 2 lost its mind"), "{panicked}");
    assert!(panicked.contains(replay), "{panicked}");
    let stopped = run_seed(7, |_| Err(SimError::StepLimit(10))).unwrap_err();
    assert!(stopped.contains(&SimError::StepLimit(10).to_string()), "{stopped}");
    assert!(stopped.contains(replay), "{stopped}");
}

#[test]
fn invariants_hold_over_a_seed_sweep() {
    let seeds: Vec<u64> = match std::env::var("KPLAY_SEED").ok().and_then(|s| s.parse().ok()) {
        Some(seed) => vec![seed],
        None => {
            let n = std::env::var("KPLAY_SEEDS").ok().and_then(|s| s.parse().ok()).unwrap_or(12);
            (0..n).collect()
        }
    };
    let failures: Vec<String> = seeds.iter().filter_map(|s| check(*s).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_checks_catch_a_lost_record() {
    // The checks must be able to fail: delete the records behind the producer's back (an
    // unclean election would be excused) and the check reports them lost.
    let mut world = run(3).unwrap();
    assert_eq!(invariants::acknowledged_records_kept(&world), []);
    world.apply(Action::DeleteTopic { name: "t".into() }).unwrap();
    world
        .apply(Action::CreateTopic {
            name: "t".into(),
            partitions: 3,
            replication_factor: 3,
            configs: Vec::new(),
        })
        .unwrap();
    assert!(
        !invariants::acknowledged_records_kept(&world).is_empty(),
        "deleted records are reported lost"
    );
}

#[test]
fn the_checks_catch_unconsumed_records_and_allow_offset_resets() {
    let settings = Settings { group_initial_rebalance_delay_ms: 0, ..Settings::default() };
    let mut world =
        World::new(5, settings, RunOptions { track_records: true, ..RunOptions::default() });
    for id in 1..=3 {
        world.apply(Action::AddBroker { id, rack: None }).unwrap();
    }
    world
        .apply(Action::CreateTopic {
            name: "t".into(),
            partitions: 3,
            replication_factor: 3,
            configs: Vec::new(),
        })
        .unwrap();
    let producer = ProducerSpec { rate_per_sec: 40, ..ProducerSpec::new("p", "t") };
    world.apply(Action::AddProducer { id: 1, spec: producer }).unwrap();
    world.apply(consumer(2)).unwrap();
    world.run_for(5_000).unwrap();
    assert_eq!(
        invariants::every_record_consumed(&world, &"g".into()),
        [],
        "a live consumer keeps up"
    );
    world.apply(Action::PauseConsumer { id: 2, paused: true }).unwrap();
    world.run_for(5_000).unwrap();
    assert!(
        !invariants::every_record_consumed(&world, &"g".into()).is_empty(),
        "a paused one does not"
    );
    // Resetting a group's offsets back is allowed (the consumer must be gone first).
    world.apply(Action::RemoveClient { id: 2, crash: false }).unwrap();
    world.run_for(1_000).unwrap();
    world
        .apply(Action::ResetOffsets {
            group: "g".into(),
            topic: "t".into(),
            to: kplay_sim::action::SeekTo::Earliest,
        })
        .unwrap();
    assert_eq!(invariants::commits_never_go_back(&world), []);
}
