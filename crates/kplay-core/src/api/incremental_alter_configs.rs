//! IncrementalAlterConfigs (44): sets or removes a topic's config overrides, or adds values to or
//! removes them from a list config (`cleanup.policy`, the replication throttles).

use crate::error::{ErrorCode, KafkaError};

use super::ConfigResource;
use crate::engine::{Engine, Handled, RequestContext};
use crate::event::{ElectionReason, Event};
use crate::ids::{PartitionIndex, TopicPartition};
use crate::topic_config::{ConfigType, config_type};

/// What to do with one config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AlterConfigOp {
    /// Set an override.
    Set(String),
    /// Remove the override, back to the default.
    Delete,
    /// Add these comma-separated values to a list config, each unless it is there already.
    Append(String),
    /// Remove these comma-separated values from a list config.
    Subtract(String),
}

impl AlterConfigOp {
    /// Kafka's name for the operation.
    fn name(&self) -> &'static str {
        match self {
            AlterConfigOp::Set(_) => "SET",
            AlterConfigOp::Delete => "DELETE",
            AlterConfigOp::Append(_) => "APPEND",
            AlterConfigOp::Subtract(_) => "SUBTRACT",
        }
    }
}

/// The non-empty comma-separated parts of a list config's value, as Kafka splits them.
fn parts(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').filter(|p| !p.is_empty())
}

/// One config change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlterableConfig {
    /// The config's name.
    pub name: String,
    /// The change.
    pub op: AlterConfigOp,
}

/// One resource's changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlterConfigsResource {
    /// The resource (only topics can be altered).
    pub resource: ConfigResource,
    /// The changes, applied together or not at all.
    pub configs: Vec<AlterableConfig>,
}

/// IncrementalAlterConfigs request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncrementalAlterConfigsRequest {
    /// The resources.
    pub resources: Vec<AlterConfigsResource>,
    /// Only validate; change nothing.
    pub validate_only: bool,
}

/// One resource's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlterConfigsResult {
    /// The resource.
    pub resource: ConfigResource,
    /// The error, if any.
    pub error: Option<KafkaError>,
}

/// IncrementalAlterConfigs response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncrementalAlterConfigsResponse {
    /// Per-resource results, in request order.
    pub results: Vec<AlterConfigsResult>,
}

impl Engine {
    pub(crate) fn handle_incremental_alter_configs(
        &mut self,
        _ctx: RequestContext,
        request: IncrementalAlterConfigsRequest,
    ) -> Handled {
        let results = request
            .resources
            .iter()
            .map(|r| AlterConfigsResult {
                resource: r.resource.clone(),
                error: self.alter_configs(r, request.validate_only).err(),
            })
            .collect();
        Handled::Response(IncrementalAlterConfigsResponse { results }.into())
    }

    /// Applies one resource's changes together, or none of them.
    pub(crate) fn alter_configs(
        &mut self,
        resource: &AlterConfigsResource,
        validate_only: bool,
    ) -> Result<(), KafkaError> {
        let name = match &resource.resource {
            ConfigResource::Topic(name) => name.clone(),
            ConfigResource::Broker(id) => {
                return Err(KafkaError::new(
                    ErrorCode::InvalidRequest,
                    format!("Broker {id}'s configs are fixed when the cluster starts in kplay."),
                ));
            }
        };
        let topic = self.image.topics.get(&name).ok_or_else(|| {
            KafkaError::new(
                ErrorCode::UnknownTopicOrPartition,
                format!("Topic {name} does not exist."),
            )
        })?;
        let mut overrides = topic.overrides.clone();
        for change in &resource.configs {
            let name = &change.name;
            match &change.op {
                AlterConfigOp::Set(value) => {
                    overrides.insert(name.clone(), value.clone());
                }
                AlterConfigOp::Delete => {
                    overrides.remove(name);
                }
                op @ (AlterConfigOp::Append(values) | AlterConfigOp::Subtract(values)) => {
                    if config_type(name) != Some(ConfigType::List) {
                        return Err(KafkaError::new(
                            ErrorCode::InvalidConfig,
                            format!(
                                "Can't {} to key {name} because its type is not LIST.",
                                op.name()
                            ),
                        ));
                    }
                    let current = match overrides.get(name) {
                        Some(value) => value.clone(),
                        None => self.config.log.get(name).unwrap_or_default(),
                    };
                    let mut list: Vec<&str> = parts(&current).collect();
                    if matches!(op, AlterConfigOp::Append(_)) {
                        for value in parts(values) {
                            if !list.contains(&value) {
                                list.push(value);
                            }
                        }
                    } else {
                        list.retain(|item| !parts(values).any(|value| value == *item));
                    }
                    let joined = list.join(",");
                    overrides.insert(name.clone(), joined);
                }
            }
        }
        let config = self.config.log.with_overrides(&overrides)?;
        if validate_only {
            return Ok(());
        }
        let was_unclean = topic.config.unclean_leader_election_enable;
        let partitions = topic.partitions.len() as i32;
        let changed: Vec<(String, Option<String>)> = resource
            .configs
            .iter()
            .map(|change| {
                let value = match &change.op {
                    AlterConfigOp::Delete => None,
                    _ => overrides.get(&change.name).cloned(),
                };
                (change.name.clone(), value)
            })
            .collect();
        let topic = self.image.topics.get_mut(&name).expect("looked up above");
        topic.overrides = overrides;
        let now_unclean = config.unclean_leader_election_enable;
        topic.config = config;
        for (config, value) in changed {
            self.emit(Event::TopicConfigChanged { topic: name.clone(), name: config, value });
        }
        if now_unclean && !was_unclean {
            // As in Kafka, enabling unclean election elects leaders for offline partitions now.
            for i in 0..partitions {
                let tp = TopicPartition { topic: name.clone(), partition: PartitionIndex(i) };
                if self.image.partition(&tp).is_some_and(|p| p.leader.is_none()) {
                    self.elect_leader(&tp, ElectionReason::LeaderFailed);
                }
            }
        }
        Ok(())
    }
}
