//! Read-only views of the engine for the UI, the lessons and tests.

use crate::broker::{BrokerNode, Replica};
use crate::cluster::{ClusterImage, PartitionState};
use crate::group::GroupCoordinator;
use crate::ids::{BrokerId, Offset, TopicPartition};

use super::Engine;

/// One partition as the UI shows it: its replication state and each replica's log.
#[derive(Debug)]
pub struct PartitionView<'a> {
    /// The partition.
    pub partition: TopicPartition,
    /// Leader, epoch, replicas, ISR.
    pub state: &'a PartitionState,
    /// Each replica's broker and its replica there (absent on a broker that never hosted it).
    pub replicas: Vec<(BrokerId, Option<&'a Replica>)>,
}

impl PartitionView<'_> {
    /// The leader's replica, if the partition has a running leader.
    pub fn leader_replica(&self) -> Option<&Replica> {
        let leader = self.state.leader?;
        self.replicas.iter().find(|(b, _)| *b == leader).and_then(|(_, r)| *r)
    }

    /// The leader's high watermark.
    pub fn high_watermark(&self) -> Option<Offset> {
        self.leader_replica().map(|r| r.high_watermark)
    }

    /// The leader's log end offset.
    pub fn log_end_offset(&self) -> Option<Offset> {
        self.leader_replica().map(|r| r.log.log_end_offset())
    }
}

impl Engine {
    /// The controller's metadata image.
    pub fn image(&self) -> &ClusterImage {
        &self.image
    }

    /// A broker.
    pub fn broker(&self, id: BrokerId) -> Option<&BrokerNode> {
        self.brokers.get(&id)
    }

    /// Every broker, by id.
    pub fn brokers(&self) -> impl Iterator<Item = &BrokerNode> {
        self.brokers.values()
    }

    /// A broker's replica of a partition.
    pub fn replica(&self, broker: BrokerId, tp: &TopicPartition) -> Option<&Replica> {
        self.brokers.get(&broker)?.replicas.get(tp)
    }

    /// A partition with its replicas.
    pub fn partition(&self, tp: &TopicPartition) -> Option<PartitionView<'_>> {
        let state = self.image.partition(tp)?;
        let replicas = state.replicas.iter().map(|b| (*b, self.replica(*b, tp))).collect();
        Some(PartitionView { partition: tp.clone(), state, replicas })
    }

    /// The group coordinator's state.
    pub fn groups(&self) -> &GroupCoordinator {
        &self.groups
    }
}
