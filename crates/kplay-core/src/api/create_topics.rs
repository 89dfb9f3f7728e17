//! CreateTopics (19): new topics with their partitions, replication factor and configs.

use crate::error::{ErrorCode, KafkaError};
use crate::ids::{BrokerId, PartitionIndex, TopicName, Uuid};
use crate::vec_map::VecSet;

use super::ConfigEntry;
use crate::engine::{Engine, Handled, RequestContext};

/// A manual replica assignment for one partition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaAssignment {
    /// The partition.
    pub partition: PartitionIndex,
    /// Its replicas, preferred leader first.
    pub broker_ids: Vec<BrokerId>,
}

/// A topic to create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTopic {
    /// The name.
    pub name: TopicName,
    /// Partitions, or -1 for `num.partitions`.
    pub num_partitions: i32,
    /// Replication factor, or -1 for `default.replication.factor`.
    pub replication_factor: i16,
    /// A manual assignment (then both counts must be -1).
    pub assignments: Vec<ReplicaAssignment>,
    /// Config overrides.
    pub configs: Vec<(String, Option<String>)>,
}

impl NewTopic {
    /// A topic with `partitions` partitions and replication factor `rf`, no overrides.
    pub fn new(name: impl Into<TopicName>, partitions: i32, rf: i16) -> Self {
        NewTopic {
            name: name.into(),
            num_partitions: partitions,
            replication_factor: rf,
            assignments: Vec::new(),
            configs: Vec::new(),
        }
    }

    /// The same topic with a config override.
    pub fn config(mut self, name: &str, value: &str) -> Self {
        self.configs.push((name.to_owned(), Some(value.to_owned())));
        self
    }
}

/// CreateTopics request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateTopicsRequest {
    /// The topics.
    pub topics: Vec<NewTopic>,
    /// Only validate; create nothing.
    pub validate_only: bool,
}

/// One topic's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreatedTopic {
    /// The topic.
    pub name: TopicName,
    /// Its new id.
    pub topic_id: Uuid,
    /// The error, if any, with a message.
    pub error: Option<KafkaError>,
    /// Its partitions, or -1 on error.
    pub num_partitions: i32,
    /// Its replication factor, or -1 on error.
    pub replication_factor: i16,
    /// Its configs (v5+).
    pub configs: Vec<ConfigEntry>,
}

/// CreateTopics response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateTopicsResponse {
    /// Per-topic results, in request order.
    pub topics: Vec<CreatedTopic>,
}

/// KRaft's metadata log, which no client may create.
const CLUSTER_METADATA_TOPIC: &str = "__cluster_metadata";

impl Engine {
    pub(crate) fn handle_create_topics(
        &mut self,
        _ctx: RequestContext,
        request: CreateTopicsRequest,
    ) -> Handled {
        // As Kafka's controller: a name given twice is answered once, first, and not created.
        let mut seen = VecSet::new();
        let mut duplicates = Vec::new();
        for new in &request.topics {
            if !seen.insert(new.name.clone()) && !duplicates.contains(&new.name) {
                duplicates.push(new.name.clone());
            }
        }
        let duplicated: Vec<CreatedTopic> = duplicates
            .iter()
            .map(|name| CreatedTopic {
                name: name.clone(),
                topic_id: Uuid::ZERO,
                error: Some(KafkaError::new(ErrorCode::InvalidRequest, "Duplicate topic name.")),
                num_partitions: -1,
                replication_factor: -1,
                configs: Vec::new(),
            })
            .collect();
        let created: Vec<CreatedTopic> = request
            .topics
            .iter()
            .filter(|new| !duplicates.contains(&new.name))
            .map(|new| {
                let result = if new.name.as_str() == CLUSTER_METADATA_TOPIC {
                    Err(KafkaError::new(
                        ErrorCode::InvalidRequest,
                        format!(
                            "Creation of internal topic {CLUSTER_METADATA_TOPIC} is prohibited."
                        ),
                    ))
                } else {
                    self.create_topic(new, request.validate_only, false)
                };
                match result {
                    Ok(info) => CreatedTopic {
                        name: new.name.clone(),
                        topic_id: info.id,
                        error: None,
                        num_partitions: info.partitions,
                        replication_factor: info.replication_factor,
                        configs: self.topic_config_entries(&new.name, None).unwrap_or_default(),
                    },
                    Err(error) => CreatedTopic {
                        name: new.name.clone(),
                        topic_id: Uuid::ZERO,
                        error: Some(error),
                        num_partitions: -1,
                        replication_factor: -1,
                        configs: Vec::new(),
                    },
                }
            })
            .collect();
        let topics = duplicated.into_iter().chain(created).collect();
        Handled::Response(CreateTopicsResponse { topics }.into())
    }
}
