//! The cluster part of a snapshot: brokers, their replicas and roles, the controller, and the
//! network's partitions and slow nodes.

use std::collections::BTreeMap;

use kplay_core::engine::{OFFSETS_TOPIC, offsets_partition_for};
use kplay_core::{BrokerId, TopicPartition};
use kplay_sim::World;
use kplay_sim::network::Node;

/// How many replicas a broker card lists one by one; beyond that it gives counts.
pub const REPLICAS_LISTED: usize = 24;

/// One replica on a broker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaSnap {
    /// The topic.
    pub topic: String,
    /// The partition.
    pub partition: i32,
    /// Whether this broker leads the partition.
    pub leader: bool,
    /// Whether it is in the ISR.
    pub in_isr: bool,
    /// Its log end offset.
    pub log_end: i64,
}

/// One broker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerSnap {
    /// Its id.
    pub id: i32,
    /// Its rack.
    pub rack: Option<String>,
    /// Whether its process runs.
    pub running: bool,
    /// Whether the controller considers it down (a crash is noticed only after
    /// `broker.session.timeout.ms`).
    pub fenced: bool,
    /// Whether it is the active controller.
    pub controller: bool,
    /// How many partitions it leads (user topics).
    pub leaders: usize,
    /// How many replicas it holds (user topics).
    pub replica_count: usize,
    /// Its replicas, if few enough to list ([`REPLICAS_LISTED`]).
    pub replicas: Vec<ReplicaSnap>,
    /// The groups it coordinates.
    pub coordinates: Vec<String>,
    /// Cut off from some other nodes by a network partition.
    pub isolated: bool,
    /// Extra latency on its traffic, in ms.
    pub slow_ms: i64,
}

/// The cluster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterSnap {
    /// The brokers, by id.
    pub brokers: Vec<BrokerSnap>,
    /// The active controller.
    pub controller: Option<i32>,
    /// Partitions of user topics.
    pub partitions: usize,
    /// Partitions without a leader.
    pub offline: usize,
    /// Partitions with fewer in-sync replicas than replicas.
    pub under_replicated: usize,
    /// The network's isolated groups, as names (`broker 1`, `client 3`).
    pub isolated_groups: Vec<Vec<String>>,
}

/// Builds the cluster part of a snapshot.
pub fn build(world: &World) -> ClusterSnap {
    let engine = world.engine();
    let image = engine.image();
    let net = world.network();
    let user = |tp: &TopicPartition| image.topics.get(&tp.topic).is_some_and(|t| !t.internal);

    let mut per_broker: BTreeMap<BrokerId, Vec<ReplicaSnap>> = BTreeMap::new();
    let (mut partitions, mut offline, mut under_replicated) = (0, 0, 0);
    for (tp, state) in image.partitions().filter(|(tp, _)| user(tp)) {
        partitions += 1;
        offline += usize::from(state.leader.is_none());
        under_replicated += usize::from(state.isr.len() < state.replicas.len());
        for b in &state.replicas {
            let log_end = engine.replica(*b, &tp).map_or(-1, |r| r.log.log_end_offset().0);
            per_broker.entry(*b).or_default().push(ReplicaSnap {
                topic: tp.topic.to_string(),
                partition: tp.partition.0,
                leader: state.leader == Some(*b),
                in_isr: state.in_isr(*b),
                log_end,
            });
        }
    }

    // A group's coordinator leads its __consumer_offsets partition.
    let offsets = image.topics.get(OFFSETS_TOPIC);
    let mut coordinates: BTreeMap<BrokerId, Vec<String>> = BTreeMap::new();
    for group in engine.groups().groups() {
        let Some(offsets) = offsets else { break };
        let p = offsets_partition_for(group.group_id().as_str(), offsets.partitions.len() as i32);
        let leader = offsets.partitions.get(p as usize).and_then(|s| s.leader);
        if let Some(leader) = leader {
            coordinates.entry(leader).or_default().push(group.group_id().to_string());
        }
    }

    let isolated: Vec<_> = net.isolated_groups().to_vec();
    let brokers = engine
        .brokers()
        .map(|node| {
            let registration = image.brokers.get(&node.id);
            let replicas = per_broker.remove(&node.id).unwrap_or_default();
            let node_id = Node::broker(node.id);
            BrokerSnap {
                id: node.id.0,
                rack: registration.and_then(|r| r.rack.clone()),
                running: node.running,
                fenced: registration.is_some_and(|r| r.fenced),
                controller: image.controller == Some(node.id),
                leaders: replicas.iter().filter(|r| r.leader).count(),
                replica_count: replicas.len(),
                replicas: if replicas.len() <= REPLICAS_LISTED { replicas } else { Vec::new() },
                coordinates: coordinates.remove(&node.id).unwrap_or_default(),
                isolated: isolated.iter().any(|g| g.contains(&node_id)),
                slow_ms: net.slowness(node_id),
            }
        })
        .collect();
    ClusterSnap {
        brokers,
        controller: image.controller.map(|b| b.0),
        partitions,
        offline,
        under_replicated,
        isolated_groups: isolated
            .iter()
            .map(|g| g.iter().map(ToString::to_string).collect())
            .collect(),
    }
}
