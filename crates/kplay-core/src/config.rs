//! Cluster-wide (broker) configuration, with Kafka's names and Kafka's defaults.
//!
//! Every timeout here is a number the engine compares against the `now` it is given; nothing
//! waits. Tests and lessons shorten them (for example `group_initial_rebalance_delay_ms = 0`)
//! rather than sleeping.

use crate::topic_config::TopicConfig;

/// Configuration of the whole simulated cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct EngineConfig {
    /// `cluster.id`, reported in Metadata.
    pub cluster_id: String,
    /// Seeds the engine's own deterministic choices (replica placement start, topic ids,
    /// member ids), as Kafka draws them from `Random`.
    pub seed: u64,
    /// `num.partitions`: partitions of an auto-created topic, or of CreateTopics with -1.
    pub num_partitions: i32,
    /// `default.replication.factor`.
    pub default_replication_factor: i16,
    /// `auto.create.topics.enable`.
    pub auto_create_topics_enable: bool,
    /// `log.*` defaults for every topic config.
    pub log: TopicConfig,
    /// `replica.lag.time.max.ms`: a follower that has not caught up for this long leaves the ISR.
    pub replica_lag_time_max_ms: i64,
    /// `replica.fetch.wait.max.ms`: how long the leader holds a follower's fetch with no data.
    pub replica_fetch_wait_max_ms: i64,
    /// `replica.fetch.max.bytes`: bytes per partition in one follower fetch (at least one batch).
    pub replica_fetch_max_bytes: i32,
    /// `replica.socket.timeout.ms`: a follower re-sends a fetch that got no answer this long.
    pub replica_socket_timeout_ms: i64,
    /// `replica.fetch.backoff.ms`: how long a follower waits after a failed fetch.
    pub replica_fetch_backoff_ms: i64,
    /// `broker.session.timeout.ms`: how long the controller takes to notice a crashed broker.
    pub broker_session_timeout_ms: i64,
    /// `log.retention.check.interval.ms`: how often retention and compaction run.
    pub log_retention_check_interval_ms: i64,
    /// `auto.leader.rebalance.enable`: move leadership back to preferred replicas.
    pub auto_leader_rebalance_enable: bool,
    /// `leader.imbalance.check.interval.seconds`, in milliseconds.
    pub leader_imbalance_check_interval_ms: i64,
    /// `leader.imbalance.per.broker.percentage`.
    pub leader_imbalance_per_broker_percentage: i32,
    /// `offsets.topic.num.partitions`: partitions of `__consumer_offsets`.
    pub offsets_topic_num_partitions: i32,
    /// `offsets.topic.replication.factor` (capped at the number of brokers; see ARCHITECTURE).
    pub offsets_topic_replication_factor: i16,
    /// `transaction.state.log.num.partitions`: partitions of `__transaction_state`.
    pub transaction_state_log_num_partitions: i32,
    /// `transaction.state.log.replication.factor` (capped at the number of brokers).
    pub transaction_state_log_replication_factor: i16,
    /// `transaction.max.timeout.ms`: the longest `transaction.timeout.ms` a producer may ask for.
    pub transaction_max_timeout_ms: i32,
    /// The group coordinator's settings.
    pub group: GroupConfig,
}

/// The group coordinator's settings (`group.*` in Kafka).
#[derive(Clone, Debug, PartialEq)]
pub struct GroupConfig {
    /// `group.initial.rebalance.delay.ms`: how long the first rebalance of an empty group waits
    /// for more members.
    pub initial_rebalance_delay_ms: i64,
    /// `group.min.session.timeout.ms`.
    pub min_session_timeout_ms: i32,
    /// `group.max.session.timeout.ms`.
    pub max_session_timeout_ms: i32,
    /// `group.max.size`.
    pub max_size: i32,
    /// `offset.metadata.max.bytes`: the longest metadata string an offset commit may carry.
    pub offset_metadata_max_bytes: usize,
}

impl Default for GroupConfig {
    fn default() -> Self {
        GroupConfig {
            initial_rebalance_delay_ms: 3000,
            min_session_timeout_ms: 6000,
            max_session_timeout_ms: 1_800_000,
            max_size: i32::MAX,
            offset_metadata_max_bytes: 4096,
        }
    }
}

impl Default for EngineConfig {
    /// Kafka's defaults.
    fn default() -> Self {
        EngineConfig {
            cluster_id: "kplay-cluster".to_owned(),
            seed: 0,
            num_partitions: 1,
            default_replication_factor: 1,
            auto_create_topics_enable: true,
            log: TopicConfig::default(),
            replica_lag_time_max_ms: 30_000,
            replica_fetch_wait_max_ms: 500,
            replica_fetch_max_bytes: 1024 * 1024,
            replica_socket_timeout_ms: 30_000,
            replica_fetch_backoff_ms: 1_000,
            broker_session_timeout_ms: 9_000,
            log_retention_check_interval_ms: 300_000,
            auto_leader_rebalance_enable: true,
            leader_imbalance_check_interval_ms: 300_000,
            leader_imbalance_per_broker_percentage: 10,
            offsets_topic_num_partitions: 50,
            offsets_topic_replication_factor: 3,
            transaction_state_log_num_partitions: 50,
            transaction_state_log_replication_factor: 3,
            transaction_max_timeout_ms: 900_000,
            group: GroupConfig::default(),
        }
    }
}
