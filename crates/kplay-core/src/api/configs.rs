//! Config values as Kafka reports them, each with where it came from: what CreateTopics answers
//! for a new topic, and (with `admin-apis`) DescribeConfigs.

use crate::engine::Engine;
use crate::ids::{BrokerId, TopicName};
use crate::topic_config::{ALL_TOPIC_CONFIG_NAMES, ConfigType, TopicConfig, config_type};

/// What a config belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigResource {
    /// A topic (resource type 2).
    Topic(TopicName),
    /// A broker (resource type 4).
    Broker(BrokerId),
}

/// Where a config's value comes from (Kafka's `ConfigSource`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigSource {
    /// Set on the topic (`DYNAMIC_TOPIC_CONFIG`, 1).
    DynamicTopic,
    /// The broker's configured default (`STATIC_BROKER_CONFIG`, 4).
    StaticBroker,
    /// Kafka's built-in default (`DEFAULT_CONFIG`, 5).
    Default,
}

impl ConfigSource {
    /// The wire value.
    pub fn to_wire(self) -> i8 {
        match self {
            ConfigSource::DynamicTopic => 1,
            ConfigSource::StaticBroker => 4,
            ConfigSource::Default => 5,
        }
    }
}

/// One config value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigEntry {
    /// The name.
    pub name: String,
    /// The value.
    pub value: Option<String>,
    /// Whether it cannot be changed.
    pub read_only: bool,
    /// Where the value comes from.
    pub source: ConfigSource,
    /// Its type.
    pub config_type: ConfigType,
    /// Its synonyms, most specific first (DescribeConfigs, when asked for them).
    pub synonyms: Vec<ConfigSynonym>,
}

/// One synonym of a config: a config name, its value and where that value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigSynonym {
    /// The config's name (the topic's, or the broker's).
    pub name: String,
    /// Its value.
    pub value: String,
    /// Where the value comes from.
    pub source: ConfigSource,
}

impl Engine {
    /// A topic's configs (those named, or all), each with where its value comes from.
    pub(crate) fn topic_config_entries(
        &self,
        name: &TopicName,
        names: Option<&[String]>,
    ) -> Option<Vec<ConfigEntry>> {
        let topic = self.image().topics.get(name)?;
        let kafka_defaults = TopicConfig::default();
        let entries = ALL_TOPIC_CONFIG_NAMES
            .iter()
            .copied()
            .filter(|n| names.is_none_or(|wanted| wanted.iter().any(|w| w == n)))
            .map(|n| {
                let source = if topic.overrides.contains_key(n) {
                    ConfigSource::DynamicTopic
                } else if self.config().log.get(n) != kafka_defaults.get(n) {
                    ConfigSource::StaticBroker
                } else {
                    ConfigSource::Default
                };
                ConfigEntry {
                    name: n.to_owned(),
                    value: topic.config.get(n),
                    read_only: false,
                    source,
                    config_type: config_type(n).expect("a topic config"),
                    synonyms: Vec::new(),
                }
            })
            .collect();
        Some(entries)
    }
}
