//! A scenario: a seed, the cluster's settings, and the actions taken — everything needed to
//! rebuild a world exactly, and small enough to share in a link.

use serde::{Deserialize, Serialize};

use kplay_core::EngineConfig;

use crate::action::TimedAction;
use crate::network::LinkSpec;

/// The knobs of a simulated cluster, with Kafka's names. Kafka's defaults, except where a
/// playground needs things to happen while someone watches (each such default says so).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// `group.initial.rebalance.delay.ms` (Kafka: 3000).
    pub group_initial_rebalance_delay_ms: i64,
    /// `replica.lag.time.max.ms` (Kafka: 30000).
    pub replica_lag_time_max_ms: i64,
    /// `broker.session.timeout.ms` (Kafka: 9000).
    pub broker_session_timeout_ms: i64,
    /// `log.retention.check.interval.ms` (Kafka: 300000; here 10000 so retention is seen).
    pub log_retention_check_interval_ms: i64,
    /// `offsets.topic.num.partitions` (Kafka: 50; here 10, fewer to draw).
    pub offsets_topic_num_partitions: i32,
    /// `num.partitions` for auto-created topics.
    pub num_partitions: i32,
    /// `default.replication.factor` for auto-created topics.
    pub default_replication_factor: i16,
    /// `min.insync.replicas` default.
    pub min_insync_replicas: i32,
    /// `unclean.leader.election.enable` default.
    pub unclean_leader_election_enable: bool,
    /// Every link's default behaviour.
    pub network: LinkSpec,
    /// How often metrics are sampled.
    pub sample_interval_ms: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            group_initial_rebalance_delay_ms: 3_000,
            replica_lag_time_max_ms: 30_000,
            broker_session_timeout_ms: 9_000,
            log_retention_check_interval_ms: 10_000,
            offsets_topic_num_partitions: 10,
            num_partitions: 1,
            default_replication_factor: 1,
            min_insync_replicas: 1,
            unclean_leader_election_enable: false,
            network: LinkSpec::default(),
            sample_interval_ms: 250,
        }
    }
}

impl Settings {
    /// The engine configuration these settings make, seeded with `seed`.
    pub fn engine_config(&self, seed: u64) -> EngineConfig {
        let mut config = EngineConfig { seed, ..EngineConfig::default() };
        config.group.initial_rebalance_delay_ms = self.group_initial_rebalance_delay_ms;
        config.replica_lag_time_max_ms = self.replica_lag_time_max_ms;
        config.broker_session_timeout_ms = self.broker_session_timeout_ms;
        config.log_retention_check_interval_ms = self.log_retention_check_interval_ms;
        config.offsets_topic_num_partitions = self.offsets_topic_num_partitions;
        config.num_partitions = self.num_partitions;
        config.default_replication_factor = self.default_replication_factor;
        config.log.min_insync_replicas = self.min_insync_replicas;
        config.log.unclean_leader_election_enable = self.unclean_leader_election_enable;
        config
    }
}

/// Everything needed to rebuild a world.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// The seed of every random draw.
    pub seed: u64,
    /// The cluster's settings.
    pub settings: Settings,
    /// The actions, in the order taken.
    pub actions: Vec<TimedAction>,
}

impl Scenario {
    /// An empty scenario with default settings.
    pub fn new(seed: u64) -> Self {
        Scenario { seed, settings: Settings::default(), actions: Vec::new() }
    }
}
