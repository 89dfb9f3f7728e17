//! Metadata (3): the brokers, the controller, and every partition's leader, replicas and ISR.
//! Asking for an unknown topic creates it when `auto.create.topics.enable` allows.

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
