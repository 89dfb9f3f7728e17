//! The scenario the page opens on, so a visitor sees a cluster at work before touching
//! anything: three brokers, a topic `orders` of three partitions replicated three times, one
//! producer sending keyed records a few times a second, and a consumer group of two.
//!
//! Everything else is Kafka's defaults (including `group.initial.rebalance.delay.ms` = 3 s, so
//! the group's first rebalance is seen to wait for more members), except the producer's rate,
//! slow enough to follow record by record.

use kplay_sim::action::{Action, ConsumerSpec, KeyDistribution, OffsetReset, ProducerSpec};
use kplay_sim::{Scenario, Settings};

/// The topic the opening scenario creates.
pub const TOPIC: &str = "orders";

/// The group its consumers join.
pub const GROUP: &str = "billing";

/// The producer's client number.
pub const PRODUCER: u32 = 1;

/// The consumers' client numbers.
pub const CONSUMERS: [u32; 2] = [2, 3];

/// Records per second the opening producer sends.
pub const RATE_PER_SEC: u32 = 4;

/// The seed a fresh page uses (the seed box changes it).
pub const DEFAULT_SEED: u64 = 1;

/// The opening actions, in order, all taken at time 0.
pub fn actions() -> Vec<Action> {
    let mut actions: Vec<Action> = (1..=3).map(|id| Action::AddBroker { id, rack: None }).collect();
    actions.push(Action::CreateTopic {
        name: TOPIC.into(),
        partitions: 3,
        replication_factor: 3,
        configs: Vec::new(),
    });
    actions.push(Action::AddProducer {
        id: PRODUCER,
        spec: ProducerSpec {
            rate_per_sec: RATE_PER_SEC,
            keys: KeyDistribution::Uniform { keys: 6 },
            ..ProducerSpec::new("producer-1", TOPIC)
        },
    });
    for id in CONSUMERS {
        let mut spec = ConsumerSpec::group(&format!("consumer-{id}"), GROUP, &[TOPIC]);
        spec.auto_offset_reset = OffsetReset::Earliest;
        actions.push(Action::AddConsumer { id, spec });
    }
    actions
}

/// The opening scenario's settings: Kafka's defaults.
pub fn settings() -> Settings {
    Settings::default()
}

/// The opening scenario with `seed`, its actions recorded at step 0.
pub fn scenario(seed: u64) -> Scenario {
    let mut scenario = Scenario::new(seed);
    scenario.settings = settings();
    scenario.actions = actions()
        .into_iter()
        .map(|action| kplay_sim::TimedAction { step: 0, time: 0, action })
        .collect();
    scenario
}
