//! Metadata (3): the brokers, the controller, and every partition's leader, replicas and ISR.
//! Asking for an unknown topic creates it when `auto.create.topics.enable` allows.

use crate::api::NewTopic;
use crate::cluster::TopicState;
use crate::engine::{Engine, Handled, RequestContext};
use crate::error::ErrorCode;
use crate::ids::{BrokerId, LeaderEpoch, PartitionIndex, TopicName, Uuid};

/// Metadata request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetadataRequest {
    /// The topics, or `None` for all of them.
    pub topics: Option<Vec<TopicName>>,
    /// Whether unknown topics may be auto-created.
    pub allow_auto_topic_creation: bool,
}

/// A live broker. The driver adds its host and port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerMetadata {
    /// The broker's id.
    pub node_id: BrokerId,
    /// Its rack.
    pub rack: Option<String>,
}

/// One partition's metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionMetadata {
    /// LEADER_NOT_AVAILABLE when offline, else none.
    pub error: Option<ErrorCode>,
    /// The partition.
    pub partition: PartitionIndex,
    /// Its leader, or -1.
    pub leader: BrokerId,
    /// Its leader epoch.
    pub leader_epoch: LeaderEpoch,
    /// Its replicas, preferred leader first.
    pub replicas: Vec<BrokerId>,
    /// Its in-sync replicas.
    pub isr: Vec<BrokerId>,
    /// Replicas on brokers that are down.
    pub offline_replicas: Vec<BrokerId>,
}

/// One topic's metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicMetadata {
    /// UNKNOWN_TOPIC_OR_PARTITION, INVALID_TOPIC_EXCEPTION, or none.
    pub error: Option<ErrorCode>,
    /// The topic.
    pub name: TopicName,
    /// Its id.
    pub topic_id: Uuid,
    /// Whether it is internal (`__consumer_offsets`).
    pub is_internal: bool,
    /// Its partitions.
    pub partitions: Vec<PartitionMetadata>,
}

/// Metadata response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetadataResponse {
    /// Live brokers, by id.
    pub brokers: Vec<BrokerMetadata>,
    /// The cluster's id.
    pub cluster_id: String,
    /// The controller, or -1.
    pub controller_id: BrokerId,
    /// The topics.
    pub topics: Vec<TopicMetadata>,
}

impl Engine {
    pub(crate) fn handle_metadata(
        &mut self,
        _ctx: RequestContext,
        request: MetadataRequest,
    ) -> Handled {
        let names: Vec<TopicName> = match &request.topics {
            None => self.image().topics.keys().cloned().collect(),
            Some(names) => names.clone(),
        };
        let may_create =
            request.allow_auto_topic_creation && self.config().auto_create_topics_enable;
        let topics = names
            .iter()
            .map(|name| {
                let missing = !self.image().topics.contains_key(name);
                if missing
                    && may_create
                    && let Err(e) =
                        self.create_topic(&NewTopic::new(name.clone(), -1, -1), false, true)
                {
                    return missing_topic(name, e.code);
                }
                match self.image().topics.get(name) {
                    Some(topic) => self.topic_metadata(topic),
                    None => {
                        let error = match crate::cluster::validate_topic_name(name.as_str()) {
                            Ok(()) => ErrorCode::UnknownTopicOrPartition,
                            Err(e) => e.code,
                        };
                        missing_topic(name, error)
                    }
                }
            })
            .collect();
        Handled::Response(self.metadata_response(topics).into())
    }

    /// The brokers and controller part of a Metadata response, with `topics`.
    pub(crate) fn metadata_response(&self, topics: Vec<TopicMetadata>) -> MetadataResponse {
        MetadataResponse {
            brokers: self
                .image()
                .live_brokers()
                .map(|b| BrokerMetadata { node_id: b.id, rack: b.rack.clone() })
                .collect(),
            cluster_id: self.config().cluster_id.clone(),
            controller_id: self.image().controller.unwrap_or(BrokerId::NONE),
            topics,
        }
    }

    fn topic_metadata(&self, topic: &TopicState) -> TopicMetadata {
        let partitions = topic
            .partitions
            .iter()
            .enumerate()
            .map(|(i, p)| PartitionMetadata {
                error: p.leader.is_none().then_some(ErrorCode::LeaderNotAvailable),
                partition: PartitionIndex(i as i32),
                leader: p.leader.unwrap_or(BrokerId::NONE),
                leader_epoch: p.leader_epoch,
                replicas: p.replicas.clone(),
                isr: p.isr.clone(),
                offline_replicas: p
                    .replicas
                    .iter()
                    .copied()
                    .filter(|b| !self.image().is_live(*b))
                    .collect(),
            })
            .collect();
        TopicMetadata {
            error: None,
            name: topic.name.clone(),
            topic_id: topic.id,
            is_internal: topic.internal,
            partitions,
        }
    }
}

fn missing_topic(name: &TopicName, error: ErrorCode) -> TopicMetadata {
    TopicMetadata {
        error: Some(error),
        name: name.clone(),
        topic_id: Uuid::ZERO,
        is_internal: false,
        partitions: Vec::new(),
    }
}
