//! The end-to-end throughput scenario: producers write, brokers replicate, a consumer group
//! reads — measured in simulated records per second of real (wall-clock) time. The native
//! benchmark (`cargo bench -p kplay-sim`) and the wasm one (in headless Chromium) run this same
//! scenario.

use crate::action::{
    AcksSpec, Action, CommitMode, ConsumerSpec, KeyDistribution, OffsetReset, ProducerSpec,
};
use crate::client::Detail;
use crate::scenario::Settings;
use crate::world::{RunOptions, SimClient, SimError, World};

/// 3 brokers, a 6-partition topic replicated 3 times, one producer at `rate_per_sec` (keyed,
/// acks=all, batched) and a group of 3 consumers.
pub fn world(seed: u64, rate_per_sec: u32) -> Result<World, SimError> {
    let options = RunOptions {
        detail: Detail::Batches,
        keep_trace: crate::trace::KeepTrace::None,
        track_records: false,
        max_steps: u64::MAX,
        ..RunOptions::default()
    };
    let settings = Settings { group_initial_rebalance_delay_ms: 0, ..Settings::default() };
    let mut world = World::new(seed, settings, options);
    let mut actions: Vec<Action> = (1..=3).map(|id| Action::AddBroker { id, rack: None }).collect();
    actions.push(Action::CreateTopic {
        name: "bench".into(),
        partitions: 6,
        replication_factor: 3,
        configs: Vec::new(),
    });
    let producer = ProducerSpec {
        rate_per_sec,
        acks: AcksSpec::All,
        linger_ms: 5,
        batch_size: 64 * 1024,
        keys: KeyDistribution::Uniform { keys: 1000 },
        ..ProducerSpec::new("bench-producer", "bench")
    };
    actions.push(Action::AddProducer { id: 1, spec: producer });
    for id in 2..=4 {
        let mut spec = ConsumerSpec::group(&format!("bench-consumer-{id}"), "bench", &["bench"]);
        spec.auto_offset_reset = OffsetReset::Earliest;
        spec.commit = CommitMode::Auto { interval_ms: 1000 };
        spec.max_poll_records = 10_000;
        actions.push(Action::AddConsumer { id, spec });
    }
    for (index, action) in actions.into_iter().enumerate() {
        world.apply(action).map_err(|error| SimError::Replay { index, error })?;
    }
    Ok(world)
}

/// Records the group's consumers have processed so far.
pub fn consumed(world: &World) -> u64 {
    world
        .clients()
        .values()
        .map(|c| match c {
            SimClient::Consumer(c) => c.consumed().values().map(|o| o.0.max(0) as u64).sum::<u64>(),
            SimClient::Producer(_) => 0,
        })
        .sum()
}

/// The producer's rate in the benchmark, records per simulated second.
pub const RATE: u32 = 200_000;

/// Simulated time run before measuring (the group forms, batches start to flow).
pub const WARMUP_MS: i64 = 1_000;

/// Simulated time measured.
pub const MEASURE_MS: i64 = 2_000;
