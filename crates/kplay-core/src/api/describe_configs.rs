//! DescribeConfigs (32): a topic's or broker's configuration, each value with where it came from
//! (the values and their sources are in `configs`).

use crate::config::EngineConfig;
use crate::engine::{Engine, Handled, RequestContext};
use crate::error::{ErrorCode, KafkaError};
use crate::ids::BrokerId;
use crate::topic_config::TopicConfig;

use super::config_synonyms::topic_config_synonyms;
use crate::topic_config::ConfigType::{
    self, Boolean, Double, Int, List, Long, Short, String as Str,
};

use super::{ConfigEntry, ConfigResource, ConfigSource};

/// One resource to describe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeConfigsResource {
    /// The resource.
    pub resource: ConfigResource,
    /// The configs to return, or `None` for all.
    pub names: Option<Vec<String>>,
}

/// DescribeConfigs request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeConfigsRequest {
    /// The resources.
    pub resources: Vec<DescribeConfigsResource>,
    /// Whether to list each topic config's synonyms.
    pub include_synonyms: bool,
}

/// One resource's configs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribedConfigs {
    /// The resource.
    pub resource: ConfigResource,
    /// The error, if any.
    pub error: Option<KafkaError>,
    /// Its configs, by name.
    pub configs: Vec<ConfigEntry>,
}

/// DescribeConfigs response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeConfigsResponse {
    /// Per-resource results, in request order.
    pub results: Vec<DescribedConfigs>,
}

impl Engine {
    pub(crate) fn handle_describe_configs(
        &mut self,
        _ctx: RequestContext,
        request: DescribeConfigsRequest,
    ) -> Handled {
        let results = request
            .resources
            .iter()
            .map(|r| {
                let configs = match &r.resource {
                    ConfigResource::Topic(name) => {
                        let entries = self.topic_config_entries(name, r.names.as_deref());
                        let entries = match entries {
                            Some(entries) if request.include_synonyms => {
                                Some(self.with_synonyms(entries))
                            }
                            entries => entries,
                        };
                        entries.ok_or_else(|| {
                            KafkaError::new(
                                ErrorCode::UnknownTopicOrPartition,
                                format!("Topic {name} does not exist."),
                            )
                        })
                    }
                    ConfigResource::Broker(id) => {
                        self.broker_config_entries(*id, r.names.as_deref())
                    }
                };
                match configs {
                    Ok(configs) => {
                        DescribedConfigs { resource: r.resource.clone(), error: None, configs }
                    }
                    Err(error) => DescribedConfigs {
                        resource: r.resource.clone(),
                        error: Some(error),
                        configs: Vec::new(),
                    },
                }
            })
            .collect();
        Handled::Response(DescribeConfigsResponse { results }.into())
    }

    /// A topic's config `entries` with their synonyms.
    fn with_synonyms(&self, mut entries: Vec<ConfigEntry>) -> Vec<ConfigEntry> {
        let kafka_defaults = TopicConfig::default();
        for entry in &mut entries {
            let n = entry.name.as_str();
            let overridden = match entry.source {
                ConfigSource::DynamicTopic => entry.value.as_deref(),
                _ => None,
            };
            let default = kafka_defaults.get(n).unwrap_or_default();
            let broker = self.config().log.get(n).filter(|v| *v != default);
            entry.synonyms = topic_config_synonyms(n, overridden, broker.as_deref(), &default);
        }
        entries
    }

    fn broker_config_entries(
        &self,
        id: BrokerId,
        names: Option<&[String]>,
    ) -> Result<Vec<ConfigEntry>, KafkaError> {
        if !self.image().brokers.contains_key(&id) {
            return Err(KafkaError::new(
                ErrorCode::InvalidRequest,
                format!("Broker {id} is not registered."),
            ));
        }
        let values = broker_configs(self.config(), id);
        let kafka_defaults = broker_configs(&EngineConfig::default(), id);
        Ok(values
            .into_iter()
            .zip(kafka_defaults)
            .filter(|((n, ..), _)| names.is_none_or(|wanted| wanted.iter().any(|w| w == n)))
            .map(|((name, config_type, value), (.., default))| ConfigEntry {
                name: name.to_owned(),
                // Every node's server.properties names it; the rest are set there only where
                // kplay serve's flags moved them off Kafka's defaults.
                source: if value != default || matches!(name, "broker.id" | "node.id") {
                    ConfigSource::StaticBroker
                } else {
                    ConfigSource::Default
                },
                value: Some(value),
                read_only: true,
                config_type,
                synonyms: Vec::new(),
            })
            .collect())
    }
}

/// The broker configs kplay models, by name, with their types, as `c` sets them on broker `id`.
fn broker_configs(c: &EngineConfig, id: BrokerId) -> Vec<(&'static str, ConfigType, String)> {
    let log = &c.log;
    vec![
        ("auto.create.topics.enable", Boolean, c.auto_create_topics_enable.to_string()),
        ("auto.leader.rebalance.enable", Boolean, c.auto_leader_rebalance_enable.to_string()),
        ("broker.id", Int, id.to_string()),
        ("broker.session.timeout.ms", Int, c.broker_session_timeout_ms.to_string()),
        ("default.replication.factor", Int, c.default_replication_factor.to_string()),
        ("group.initial.rebalance.delay.ms", Int, c.group.initial_rebalance_delay_ms.to_string()),
        ("group.max.session.timeout.ms", Int, c.group.max_session_timeout_ms.to_string()),
        ("group.max.size", Int, c.group.max_size.to_string()),
        ("group.min.session.timeout.ms", Int, c.group.min_session_timeout_ms.to_string()),
        (
            "leader.imbalance.check.interval.seconds",
            Long,
            (c.leader_imbalance_check_interval_ms / 1000).to_string(),
        ),
        (
            "leader.imbalance.per.broker.percentage",
            Int,
            c.leader_imbalance_per_broker_percentage.to_string(),
        ),
        ("log.cleaner.delete.retention.ms", Long, log.delete_retention_ms.to_string()),
        ("log.cleaner.min.cleanable.ratio", Double, log.min_cleanable_dirty_ratio.to_string()),
        ("log.cleaner.min.compaction.lag.ms", Long, log.min_compaction_lag_ms.to_string()),
        ("log.cleanup.policy", List, log.get("cleanup.policy").unwrap_or_default()),
        ("log.message.timestamp.type", Str, log.get("message.timestamp.type").unwrap_or_default()),
        ("log.retention.bytes", Long, log.retention_bytes.to_string()),
        ("log.retention.check.interval.ms", Long, c.log_retention_check_interval_ms.to_string()),
        ("log.retention.ms", Long, log.retention_ms.to_string()),
        ("log.roll.ms", Long, log.segment_ms.to_string()),
        ("log.segment.bytes", Int, log.segment_bytes.to_string()),
        ("message.max.bytes", Int, log.max_message_bytes.to_string()),
        ("min.insync.replicas", Int, log.min_insync_replicas.to_string()),
        ("node.id", Int, id.to_string()),
        ("num.partitions", Int, c.num_partitions.to_string()),
        ("offset.metadata.max.bytes", Int, c.group.offset_metadata_max_bytes.to_string()),
        ("offsets.topic.num.partitions", Int, c.offsets_topic_num_partitions.to_string()),
        ("offsets.topic.replication.factor", Short, c.offsets_topic_replication_factor.to_string()),
        ("replica.fetch.backoff.ms", Int, c.replica_fetch_backoff_ms.to_string()),
        ("replica.fetch.max.bytes", Int, c.replica_fetch_max_bytes.to_string()),
        ("replica.fetch.wait.max.ms", Int, c.replica_fetch_wait_max_ms.to_string()),
        ("replica.lag.time.max.ms", Long, c.replica_lag_time_max_ms.to_string()),
        ("replica.socket.timeout.ms", Int, c.replica_socket_timeout_ms.to_string()),
        ("unclean.leader.election.enable", Boolean, log.unclean_leader_election_enable.to_string()),
    ]
}
