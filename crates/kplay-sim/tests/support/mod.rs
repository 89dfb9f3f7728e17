//! Shared set-up for the simulation's action and client tests: a three-broker world, producers
//! and consumers with the Java client's defaults, and readers of the engine's state.
#![allow(dead_code, unreachable_pub)]

use kplay_core::event::Event;
use kplay_core::{GroupId, Offset, TopicPartition};
use kplay_sim::Settings;
use kplay_sim::action::{Action, ConsumerSpec, OffsetReset, ProducerSpec};
use kplay_sim::client::ClientEvent;
use kplay_sim::trace::{TraceEntry, TraceKind};
use kplay_sim::world::{RunOptions, World};

/// Three brokers and topic `t` with `partitions` partitions, replication factor 3.
pub fn world_with(seed: u64, partitions: i32, configs: &[(&str, &str)]) -> World {
    let settings = Settings {
        group_initial_rebalance_delay_ms: 0,
        log_retention_check_interval_ms: 1_000,
        ..Settings::default()
    };
    let mut world =
        World::new(seed, settings, RunOptions { track_records: true, ..RunOptions::default() });
    for id in 1..=3 {
        world.apply(Action::AddBroker { id, rack: None }).unwrap();
    }
    world
        .apply(Action::CreateTopic {
            name: "t".into(),
            partitions,
            replication_factor: 3,
            configs: configs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        })
        .unwrap();
    world
}

/// Adds producer 1 (Java defaults) if missing and has it send `n` keyed records to `t`.
pub fn produce(world: &mut World, n: usize) {
    if world.producer(1).is_none() {
        world.apply(Action::AddProducer { id: 1, spec: ProducerSpec::new("p", "t") }).unwrap();
    }
    for i in 0..n {
        world.apply(send(1, &format!("k{i}"))).unwrap();
    }
}

/// Producer `producer` sends one record with `key` to `t`.
pub fn send(producer: u32, key: &str) -> Action {
    Action::Produce {
        producer,
        topic: "t".into(),
        key: Some(key.to_owned()),
        value: Some(format!("value of {key}")),
        headers: Vec::new(),
        partition: None,
    }
}

/// Producer `producer` sends one record to partition `partition` of `t`.
pub fn send_to(producer: u32, partition: i32) -> Action {
    Action::Produce {
        producer,
        topic: "t".into(),
        key: None,
        value: Some("v".into()),
        headers: Vec::new(),
        partition: Some(partition),
    }
}

/// A member of group `g` on `t`, reading from the earliest offset, changed by `f`.
pub fn consumer(id: u32, f: impl FnOnce(&mut ConsumerSpec)) -> Action {
    let mut spec = ConsumerSpec::group(&format!("c{id}"), "g", &["t"]);
    spec.auto_offset_reset = OffsetReset::Earliest;
    f(&mut spec);
    Action::AddConsumer { id, spec }
}

/// Group `g`'s committed offsets, as the coordinator holds them.
pub fn committed(world: &World) -> Vec<(TopicPartition, Offset)> {
    let Some(group) = world.engine().groups().group(&GroupId::from("g")) else {
        return Vec::new();
    };
    group.offsets().iter().map(|(tp, c)| (tp.clone(), c.offset)).collect()
}

/// `t`-`p`'s high watermark.
pub fn high_watermark(world: &World, p: i32) -> Offset {
    let tp = TopicPartition::new("t", p);
    world.engine().partition(&tp).unwrap().high_watermark().unwrap()
}

/// The offsets consumer `id` processed on `t`-`p`, in order.
pub fn processed_offsets(world: &World, id: u32, p: i32) -> Vec<i64> {
    let tp = TopicPartition::new("t", p);
    let c = world.consumer(id).unwrap();
    c.processed().iter().filter(|r| r.partition == tp).map(|r| r.offset.0).collect()
}

/// Every client event of client `id`, with its time.
pub fn client_events(world: &World, id: u32) -> Vec<(i64, &ClientEvent)> {
    world
        .trace()
        .entries()
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::Client { client, event } if *client == id => Some((e.time.0, event)),
            _ => None,
        })
        .collect()
}

/// Every engine event, with its time.
pub fn engine_events(world: &World) -> impl Iterator<Item = (&TraceEntry, &Event)> {
    world.trace().entries().iter().filter_map(|e| match &e.kind {
        TraceKind::Engine(event) => Some((e, event)),
        _ => None,
    })
}

/// The times group `g` committed an offset for `t`-`p`, from the engine's events.
pub fn commit_times(world: &World, p: i32) -> Vec<i64> {
    let tp = TopicPartition::new("t", p);
    engine_events(world)
        .filter(|(_, e)| matches!(e, Event::OffsetCommitted { partition, .. } if *partition == tp))
        .map(|(entry, _)| entry.time.0)
        .collect()
}
