//! The controller's view of the cluster (Kafka's metadata image): which brokers are registered
//! and alive, which broker is the controller, and every topic's partitions with their replicas,
//! leader, leader epoch and ISR.
//!
//! Brokers act on this image; the controller is the only writer. In kplay the controller's
//! decisions reach every broker at once (the metadata log is not simulated), which is where kplay
//! differs from Kafka on purpose: there is no window in which brokers disagree about leaders.

mod placement;
mod topic;

pub use placement::assign_replicas;
pub use topic::{PartitionState, TopicState, topic_names_collide, validate_topic_name};

use crate::ids::{BrokerId, PartitionIndex, TopicName, TopicPartition, Uuid};
use crate::vec_map::VecMap;

/// A registered broker as the controller sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerRegistration {
    /// The broker's id.
    pub id: BrokerId,
    /// Its rack.
    pub rack: Option<String>,
    /// Whether the controller considers it down (stopped cleanly, or crashed and noticed).
    pub fenced: bool,
}

/// The metadata image.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClusterImage {
    /// Registered brokers, by id.
    pub brokers: VecMap<BrokerId, BrokerRegistration>,
    /// The active controller.
    pub controller: Option<BrokerId>,
    /// Topics, by name.
    pub topics: VecMap<TopicName, TopicState>,
}

impl ClusterImage {
    /// Brokers the controller considers alive, by id.
    pub fn live_brokers(&self) -> impl Iterator<Item = &BrokerRegistration> {
        self.brokers.values().filter(|b| !b.fenced)
    }

    /// Whether the broker is registered and not fenced.
    pub fn is_live(&self, broker: BrokerId) -> bool {
        self.brokers.get(&broker).is_some_and(|b| !b.fenced)
    }

    /// A partition's state.
    pub fn partition(&self, tp: &TopicPartition) -> Option<&PartitionState> {
        self.topics.get(&tp.topic)?.partition(tp.partition)
    }

    /// A partition's state, mutably.
    pub fn partition_mut(&mut self, tp: &TopicPartition) -> Option<&mut PartitionState> {
        self.topics.get_mut(&tp.topic)?.partition_mut(tp.partition)
    }

    /// The topic with this id.
    pub fn topic_by_id(&self, id: Uuid) -> Option<&TopicState> {
        self.topics.values().find(|t| t.id == id)
    }

    /// Every partition, in (topic, partition) order.
    pub fn partitions(&self) -> impl Iterator<Item = (TopicPartition, &PartitionState)> {
        self.topics.values().flat_map(|t| {
            t.partitions.iter().enumerate().map(move |(i, p)| {
                (TopicPartition { topic: t.name.clone(), partition: PartitionIndex(i as i32) }, p)
            })
        })
    }
}
