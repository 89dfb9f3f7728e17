//! Same seed and actions, same trace: twice in a row, after a replay from the recorded
//! scenario, and (with tests/wasm.rs) in the browser.

mod golden;

use kplay_core::{BrokerId, Event};
use kplay_sim::trace::TraceKind;
use kplay_sim::world::{RunOptions, World};

#[test]
fn the_same_seed_gives_the_same_trace() {
    let a = golden::run();
    let b = golden::run();
    assert!(a.trace().len() > 1_000, "a scenario with substance: {} entries", a.trace().len());
    assert_eq!(a.trace().hash(), b.trace().hash());
}

#[test]
fn a_different_seed_gives_a_different_trace() {
    assert_ne!(golden::run_seed(golden::SEED + 1).trace().hash(), golden::run().trace().hash());
}

#[test]
fn replaying_the_recorded_scenario_rebuilds_the_same_world() {
    let original = golden::run();
    let scenario = original.scenario();
    let replayed = World::replay(&scenario, RunOptions::default(), original.steps()).unwrap();
    assert_eq!(replayed.steps(), original.steps());
    assert_eq!(replayed.trace().hash(), original.trace().hash());
    // A scenario survives a share link: it serializes and comes back equal.
    let json = serde_json::to_string(&scenario).unwrap();
    let back: kplay_sim::Scenario = serde_json::from_str(&json).unwrap();
    assert_eq!(back, scenario);
}

#[test]
fn jumping_back_rebuilds_an_earlier_moment() {
    let original = golden::run();
    let half = original.steps() / 2;
    let earlier = World::replay(&original.scenario(), RunOptions::default(), half).unwrap();
    assert_eq!(earlier.steps(), half);
    let prefix: Vec<_> =
        original.trace().entries().iter().take_while(|e| e.step <= half).cloned().collect();
    let rebuilt: Vec<_> =
        earlier.trace().entries().iter().take_while(|e| e.step <= half).cloned().collect();
    assert_eq!(rebuilt, prefix);
}

#[test]
fn the_golden_hash_is_stable() {
    assert_eq!(golden::run().trace().hash(), golden::HASH, "update golden::HASH only on purpose");
}

#[test]
fn the_golden_scenario_fences_a_broker_cut_from_the_controller_and_takes_it_back() {
    // The golden hash covers cut links only if the scenario's cut does what it is there for.
    let world = golden::run();
    let engine = |f: &dyn Fn(&Event) -> bool| {
        world.trace().entries().iter().any(|e| matches!(&e.kind, TraceKind::Engine(ev) if f(ev)))
    };
    assert!(engine(&|e| matches!(e, Event::BrokerFencedUnreachable { broker: BrokerId(3), .. })));
    assert!(engine(&|e| {
        matches!(e, Event::BrokerReachedController { broker: BrokerId(3), was_fenced: true, .. })
    }));
}
