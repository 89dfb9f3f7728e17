//! DescribeConfigs (32): a topic's or broker's configuration, each value with where it came from.

use crate::error::KafkaError;
use crate::ids::{BrokerId, TopicName};

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
}

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
