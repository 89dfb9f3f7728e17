//! The same calls in the same order give the same events and outputs, bit for bit.

mod common;

use common::*;
use kplay_core::api::*;
use kplay_core::engine::Shutdown;
use kplay_core::*;

fn scenario(seed: u64) -> Vec<String> {
    let mut config = fast_config();
    config.seed = seed;
    let mut c = Cluster::new(4, config);
    c.create_topic(NewTopic::new("a", 6, 3));
    c.create_topic(NewTopic::new("b", 2, 2).config("min.insync.replicas", "2"));
    for i in 0..20 {
        c.produce("a", i % 6, batch(&[("k", &i.to_string())]), Acks::All);
        c.advance(37);
    }
    c.engine.stop_broker(Timestamp(c.now), BrokerId(2), Shutdown::Crash).unwrap();
    c.advance(12_000);
    for i in 0..10 {
        c.produce("b", i % 2, batch(&[("k", &i.to_string())]), Acks::All);
    }
    c.engine.start_broker(Timestamp(c.now), BrokerId(2)).unwrap();
    c.advance(40_000);
    c.events.iter().map(|e| format!("{} {:?}", e.time, e.event)).collect()
}

#[test]
fn same_seed_same_events() {
    let first = scenario(7);
    assert!(first.len() > 100, "a scenario with substance: {} events", first.len());
    assert_eq!(first, scenario(7));
}

#[test]
fn the_seed_changes_placement() {
    let placements: kplay_core::vec_map::VecSet<Vec<Vec<i32>>> = (0..8)
        .map(|seed| {
            let mut config = fast_config();
            config.seed = seed;
            let mut c = Cluster::new(4, config);
            c.create_topic(NewTopic::new("a", 4, 2));
            c.engine.image().topics["a"]
                .partitions
                .iter()
                .map(|p| p.replicas.iter().map(|b| b.0).collect())
                .collect()
        })
        .collect();
    assert!(placements.len() > 1, "Kafka's random start index comes from the seed");
}
