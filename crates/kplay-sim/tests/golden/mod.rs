//! The golden scenario: fixed seed and actions whose trace hash native and wasm runs must both
//! reproduce.
#![allow(dead_code, missing_docs, unreachable_pub)]

use kplay_sim::Settings;
use kplay_sim::action::{
    AcksSpec, Action, ConsumerSpec, KeyDistribution, OffsetReset, ProducerSpec,
};
use kplay_sim::network::Node;
use kplay_sim::world::{RunOptions, World};

pub const SEED: u64 = 20_261_121;

/// The trace hash of [`run`]. Changing the engine or the clients changes it: update it when the
/// change is meant, after checking the determinism tests still pass.
pub const HASH: u64 = 4_382_135_326_000_427_083;

pub fn run() -> World {
    run_seed(SEED)
}

pub fn run_seed(seed: u64) -> World {
    let settings = Settings { group_initial_rebalance_delay_ms: 0, ..Settings::default() };
    let mut world = World::new(seed, settings, RunOptions::default());
    let apply = |world: &mut World, action: Action| world.apply(action).expect("action");
    for id in 1..=3 {
        apply(&mut world, Action::AddBroker { id, rack: None });
    }
    apply(
        &mut world,
        Action::SetLink {
            a: Node::Broker(1),
            b: Node::Broker(2),
            link: kplay_sim::network::LinkSpec {
                latency_ms: 2,
                jitter_ms: 3,
                loss_per_million: 20_000,
            },
        },
    );
    apply(
        &mut world,
        Action::CreateTopic {
            name: "orders".into(),
            partitions: 3,
            replication_factor: 3,
            configs: vec![("min.insync.replicas".into(), "2".into())],
        },
    );
    let producer = ProducerSpec {
        rate_per_sec: 200,
        acks: AcksSpec::All,
        keys: KeyDistribution::Uniform { keys: 20 },
        ..ProducerSpec::new("p", "orders")
    };
    apply(&mut world, Action::AddProducer { id: 1, spec: producer });
    for id in 2..=3 {
        let mut spec = ConsumerSpec::group(&format!("c{id}"), "g", &["orders"]);
        spec.auto_offset_reset = OffsetReset::Earliest;
        spec.processing_ms_per_record = 1;
        apply(&mut world, Action::AddConsumer { id, spec });
    }
    world.run_for(4_000).unwrap();
    apply(&mut world, Action::StopBroker { id: 2, crash: true });
    world.run_for(12_000).unwrap();
    apply(&mut world, Action::StartBroker { id: 2 });
    apply(&mut world, Action::RemoveClient { id: 3, crash: false });
    world.run_for(8_000).unwrap();
    // Broker 3 loses the controller for longer than broker.session.timeout.ms, and the producer
    // loses broker 2, then both links come back.
    apply(&mut world, Action::CutLink { a: Node::Broker(3), b: Node::Broker(1) });
    apply(&mut world, Action::CutLink { a: Node::Client(1), b: Node::Broker(2) });
    world.run_for(12_000).unwrap();
    apply(&mut world, Action::RestoreLink { a: Node::Broker(1), b: Node::Broker(3) });
    apply(&mut world, Action::RestoreLink { a: Node::Client(1), b: Node::Broker(2) });
    world.run_for(8_000).unwrap();
    world
}
