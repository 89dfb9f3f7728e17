//! Presets: the classic situations from the tutorials and from learners' questions, as named,
//! replayable scenarios. Each is a setup (actions at time 0) and a script (actions at later
//! times); the tests check that each shows what it is named for.

use crate::action::{
    AcksSpec, Action, CommitMode, ConsumerSpec, KeyDistribution, Membership, OffsetReset,
    ProducerSpec,
};
use crate::network::Node;
use crate::scenario::Settings;
use crate::world::{RunOptions, SimError, World};

/// A named scenario.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    /// Its name, as in links (`keys-keep-order`).
    pub name: &'static str,
    /// Its title.
    pub title: &'static str,
    /// What it shows and why, in two sentences.
    pub explains: &'static str,
    settings: fn() -> Settings,
    setup: fn() -> Vec<Action>,
    script: fn() -> Vec<(i64, Action)>,
}

impl Preset {
    /// A world with this preset's setup done, at time 0.
    pub fn start(&self, seed: u64, options: RunOptions) -> Result<World, SimError> {
        let mut world = World::new(seed, (self.settings)(), options);
        for (index, action) in (self.setup)().into_iter().enumerate() {
            world.apply(action).map_err(|error| SimError::Replay { index, error })?;
        }
        Ok(world)
    }

    /// The scripted actions: (time in ms, action).
    pub fn script(&self) -> Vec<(i64, Action)> {
        (self.script)()
    }

    /// Runs `world` to `until_ms`, taking the scripted actions at their times.
    pub fn run(&self, world: &mut World, until_ms: i64) -> Result<(), SimError> {
        let setup_len = (self.setup)().len();
        for (index, (at, action)) in self.script().into_iter().enumerate() {
            if at > until_ms {
                break;
            }
            if world.now().0 > at {
                continue; // already past it
            }
            world.run_until(kplay_core::Timestamp(at))?;
            world
                .apply(action)
                .map_err(|error| SimError::Replay { index: setup_len + index, error })?;
        }
        world.run_until(kplay_core::Timestamp(until_ms))
    }
}

fn brokers(n: i32) -> Vec<Action> {
    (1..=n).map(|id| Action::AddBroker { id, rack: None }).collect()
}

fn topic(name: &str, partitions: i32, rf: i16, configs: &[(&str, &str)]) -> Action {
    Action::CreateTopic {
        name: name.into(),
        partitions,
        replication_factor: rf,
        configs: configs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect(),
    }
}

fn producer(id: u32, spec: ProducerSpec) -> Action {
    Action::AddProducer { id, spec }
}

fn consumer(id: u32, group: &str, topic: &str, f: impl FnOnce(&mut ConsumerSpec)) -> Action {
    let mut spec = ConsumerSpec::group(&format!("consumer-{id}"), group, &[topic]);
    spec.auto_offset_reset = OffsetReset::Earliest;
    f(&mut spec);
    Action::AddConsumer { id, spec }
}

fn fast() -> Settings {
    Settings { group_initial_rebalance_delay_ms: 0, ..Settings::default() }
}

fn keyed_producer(rate: u32) -> ProducerSpec {
    ProducerSpec {
        rate_per_sec: rate,
        keys: KeyDistribution::Sequence { keys: 6 },
        ..ProducerSpec::new("producer-1", "orders")
    }
}

/// Every preset.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "keys-keep-order",
        title: "Keys keep their order",
        explains: "Records with the same key always go to the same partition (murmur2 of the key), so one consumer reads them in the order they were written. Order across keys is not kept.",
        settings: fast,
        setup: || {
            let mut actions = brokers(3);
            actions.push(topic("orders", 3, 3, &[]));
            actions.push(producer(1, keyed_producer(50)));
            actions.push(consumer(2, "billing", "orders", |_| {}));
            actions
        },
        script: Vec::new,
    },
    Preset {
        name: "keyless-sticky",
        title: "Keyless records stick to one partition",
        explains: "Without keys, the Java producer fills one partition's batch (batch.size) before moving on (KIP-794), so at a low rate one of three consumers gets everything for a while. It is not a bug: it makes bigger batches.",
        settings: fast,
        setup: || {
            let mut actions = brokers(3);
            actions.push(topic("orders", 3, 3, &[]));
            actions.push(producer(
                1,
                ProducerSpec {
                    rate_per_sec: 10,
                    linger_ms: 0,
                    ..ProducerSpec::new("producer-1", "orders")
                },
            ));
            for id in 2..=4 {
                actions.push(consumer(id, "billing", "orders", |_| {}));
            }
            actions
        },
        script: Vec::new,
    },
    Preset {
        name: "idle-consumers",
        title: "More consumers than partitions",
        explains: "A partition belongs to one consumer of a group, so with three partitions a fourth consumer gets nothing to do. Add partitions, not consumers, to scale further.",
        settings: fast,
        setup: || {
            let mut actions = brokers(3);
            actions.push(topic("orders", 3, 3, &[]));
            actions.push(producer(1, keyed_producer(30)));
            for id in 2..=5 {
                actions.push(consumer(id, "billing", "orders", |_| {}));
            }
            actions
        },
        script: Vec::new,
    },
    Preset {
        name: "acks-1-loses-records",
        title: "acks=1 loses records when the leader fails",
        explains: "With acks=1 the leader answers before its followers have the records; if it crashes then, a follower that lacks them becomes leader and they are gone. The brokers here are slow (300 ms more each way) so that the gap is visible.",
        settings: || Settings { broker_session_timeout_ms: 3_000, ..fast() },
        setup: || {
            let mut actions = brokers(3);
            actions.push(topic("orders", 1, 3, &[]));
            for b in 1..=3 {
                actions.push(Action::SlowNode { node: Node::Broker(b), extra_latency_ms: 300 });
            }
            actions.push(producer(
                1,
                ProducerSpec {
                    acks: AcksSpec::Leader,
                    idempotence: false,
                    rate_per_sec: 100,
                    linger_ms: 0,
                    ..ProducerSpec::new("producer-1", "orders")
                },
            ));
            actions
        },
        script: || {
            vec![(5_000, Action::StopLeader { topic: "orders".into(), partition: 0, crash: true })]
        },
    },
    Preset {
        name: "acks-all-keeps-records",
        title: "acks=all with min.insync.replicas=2 keeps them",
        explains: "With acks=all the leader answers only once every in-sync replica has the records, and min.insync.replicas=2 refuses writes that only one broker would hold. The same crash loses nothing that was acknowledged.",
        settings: || Settings { broker_session_timeout_ms: 3_000, ..fast() },
        setup: || {
            let mut actions = brokers(3);
            actions.push(topic("orders", 1, 3, &[("min.insync.replicas", "2")]));
            for b in 1..=3 {
                actions.push(Action::SlowNode { node: Node::Broker(b), extra_latency_ms: 300 });
            }
            actions.push(producer(
                1,
                ProducerSpec {
                    rate_per_sec: 100,
                    linger_ms: 0,
                    ..ProducerSpec::new("producer-1", "orders")
                },
            ));
            actions
        },
        script: || {
            vec![(5_000, Action::StopLeader { topic: "orders".into(), partition: 0, crash: true })]
        },
    },
    Preset {
        name: "slow-consumer-lag",
        title: "A slow consumer builds lag",
        explains: "The producer writes 100 records a second, the consumer's application handles one every 20 ms, at most 50 a second. The gap between the high watermark and the committed offset, the lag, grows every second.",
        settings: fast,
        setup: || {
            let mut actions = brokers(3);
            actions.push(topic("orders", 1, 3, &[]));
            actions.push(producer(1, keyed_producer(100)));
            actions.push(consumer(2, "billing", "orders", |spec| {
                spec.processing_ms_per_record = 20;
                spec.max_poll_records = 50;
                spec.commit = CommitMode::SyncAfterProcessing;
            }));
            actions
        },
        script: Vec::new,
    },
    Preset {
        name: "consumer-crash-rebalance",
        title: "A crashed consumer is noticed after session.timeout.ms",
        explains: "A consumer that crashes sends no LeaveGroup, so the coordinator waits for its session to time out (10 s here) before the group rebalances and another consumer takes over its partitions. A clean close rebalances at once.",
        settings: fast,
        setup: || {
            let mut actions = brokers(3);
            actions.push(topic("orders", 2, 3, &[]));
            actions.push(producer(1, keyed_producer(20)));
            for id in 2..=3 {
                actions.push(consumer(id, "billing", "orders", |spec| {
                    spec.session_timeout_ms = 10_000
                }));
            }
            actions
        },
        script: || vec![(10_000, Action::RemoveClient { id: 2, crash: true })],
    },
];

/// The preset with this name.
pub fn preset(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

/// A standalone consumer spec (`assign`), for presets and tests.
pub fn standalone(client_id: &str, partitions: &[(&str, i32)]) -> ConsumerSpec {
    let mut spec = ConsumerSpec::group(client_id, "", &[]);
    spec.membership = Membership::Standalone {
        group_id: None,
        partitions: partitions.iter().map(|(t, p)| ((*t).into(), *p)).collect(),
    };
    spec
}
