//! The cluster part of a snapshot: brokers, their replicas and roles, the controller, and the
//! network's partitions and slow nodes.
//!
//! A stopped broker is one of three things a learner should tell apart: stopped cleanly
//! (controlled shutdown, fenced at once), crashed and fenced once the controller noticed, or
//! crashed and *not yet noticed* — its partitions still name it leader until
//! `broker.session.timeout.ms` passes. At scale (more than [`COMPACT_BROKERS`] brokers) cards
//! carry counts only.

use kplay_core::engine::{OFFSETS_TOPIC, offsets_partition_for};
use kplay_core::vec_map::VecMap;
use kplay_core::{BrokerId, TopicPartition};
use kplay_sim::World;
use kplay_sim::network::Node;

use crate::model::chronicle::Chronicle;
use crate::model::limits::{MAX_BROKER_ID, MAX_BROKERS};

/// How many replicas a broker card lists one by one; beyond that it gives counts.
pub const REPLICAS_LISTED: usize = 24;

/// The most brokers drawn as full cards; a bigger cluster gets compact cards with counts only.
pub const COMPACT_BROKERS: usize = 12;

/// Whether a broker runs, and if not, what the controller knows about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrokerStatus {
    /// Its process runs.
    Running,
    /// It crashed and the controller has not noticed yet: it still counts as alive (and may
    /// still lead partitions) until its heartbeats are missing for `broker.session.timeout.ms`.
    Unnoticed {
        /// `broker.session.timeout.ms`.
        session_timeout_ms: i64,
        /// How long until the controller fences it, in ms (`None` if the page did not see the
        /// crash happen).
        fenced_in_ms: Option<i64>,
    },
    /// It stopped with a controlled shutdown: fenced at once, leadership moved first.
    StoppedCleanly,
    /// It crashed and the controller fenced it.
    Fenced,
    /// Its process runs, but the network keeps it from the controller, which fenced it after
    /// `broker.session.timeout.ms` without heartbeats: it leads nothing the controller knows of,
    /// though it may still think it does (and take acks=1 writes) until it is back in touch.
    Unreachable,
}

impl BrokerStatus {
    /// The class the page gives a card in this state.
    pub fn class(self) -> &'static str {
        match self {
            BrokerStatus::Running => "running",
            BrokerStatus::Unnoticed { .. } => "unnoticed",
            BrokerStatus::StoppedCleanly | BrokerStatus::Fenced => "fenced",
            BrokerStatus::Unreachable => "unreachable",
        }
    }

    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            BrokerStatus::Running => "running",
            BrokerStatus::Unnoticed { .. } => "crashed, not yet noticed",
            BrokerStatus::StoppedCleanly => "stopped cleanly, fenced",
            BrokerStatus::Fenced => "crashed, fenced",
            BrokerStatus::Unreachable => "running, fenced: cannot reach the controller",
        }
    }

    /// What it means.
    pub fn explanation(self) -> String {
        match self {
            BrokerStatus::Running => "its process runs and it heartbeats to the controller".into(),
            BrokerStatus::Unnoticed { session_timeout_ms, fenced_in_ms } => {
                let left = fenced_in_ms
                    .map(|ms| format!(", about {:.1} s from now", ms as f64 / 1000.0))
                    .unwrap_or_default();
                format!(
                    "the controller still counts it alive: it fences the broker once heartbeats \
                     are missing for broker.session.timeout.ms = {session_timeout_ms} ms{left}"
                )
            }
            BrokerStatus::StoppedCleanly => {
                "controlled shutdown: the controller moved its leaderships and fenced it at once"
                    .into()
            }
            BrokerStatus::Fenced => {
                "the controller noticed the missing heartbeats, fenced it and moved its leaderships"
                    .into()
            }
            BrokerStatus::Unreachable => {
                "its process runs, but its heartbeats cannot reach the controller across the \
                 network: the controller fenced it and moved its leaderships; it rejoins, \
                 truncating to the new leaders' logs, once it reaches the controller again"
                    .into()
            }
        }
    }
}

/// One replica on a broker: its role, which changes rarely (offsets are drawn under each log,
/// so the brokers panel is redrawn only when roles change).
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
    /// Running, or how it stopped and whether the controller noticed.
    pub status: BrokerStatus,
    /// Whether the controller considers it down (a crash is noticed only after
    /// `broker.session.timeout.ms`).
    pub fenced: bool,
    /// Whether it is the active controller.
    pub controller: bool,
    /// How many partitions it leads (user topics).
    pub leaders: usize,
    /// How many replicas it holds (user topics).
    pub replica_count: usize,
    /// Replicas it holds that are out of the ISR (user topics).
    pub out_of_sync: usize,
    /// Its replicas, if few enough to list ([`REPLICAS_LISTED`]) and the cluster is not
    /// compact.
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
    /// The single links cut, as pairs of names.
    pub cut_links: Vec<(String, String)>,
    /// Whether brokers are drawn as compact cards (more than [`COMPACT_BROKERS`]).
    pub compact: bool,
}

impl ClusterSnap {
    /// The id "Add broker" gives the next broker: one more than the highest id so far.
    pub fn next_broker_id(&self) -> i32 {
        self.brokers.iter().map(|b| b.id).max().map_or(1, |m| m + 1)
    }

    /// Why no broker can be added, if none can.
    pub fn add_broker_refusal(&self) -> Option<String> {
        if self.brokers.len() >= MAX_BROKERS {
            Some(format!("the playground runs at most {MAX_BROKERS} brokers"))
        } else if self.next_broker_id() > MAX_BROKER_ID {
            Some(format!("broker ids go up to {MAX_BROKER_ID}"))
        } else {
            None
        }
    }
}

/// Builds the cluster part of a snapshot.
pub fn build(world: &World, chronicle: &Chronicle) -> ClusterSnap {
    let engine = world.engine();
    let image = engine.image();
    let net = world.network();
    let user = |tp: &TopicPartition| image.topics.get(&tp.topic).is_some_and(|t| !t.internal);

    let mut per_broker: VecMap<BrokerId, Vec<ReplicaSnap>> = VecMap::new();
    let (mut partitions, mut offline, mut under_replicated) = (0, 0, 0);
    for (tp, state) in image.partitions().filter(|(tp, _)| user(tp)) {
        partitions += 1;
        offline += usize::from(state.leader.is_none());
        under_replicated += usize::from(state.isr.len() < state.replicas.len());
        for b in &state.replicas {
            per_broker.entry(*b).or_default().push(ReplicaSnap {
                topic: tp.topic.to_string(),
                partition: tp.partition.0,
                leader: state.leader == Some(*b),
                in_isr: state.in_isr(*b),
            });
        }
    }

    // A group's coordinator leads its __consumer_offsets partition.
    let offsets = image.topics.get(OFFSETS_TOPIC);
    let mut coordinates: VecMap<BrokerId, Vec<String>> = VecMap::new();
    for group in engine.groups().groups() {
        let Some(offsets) = offsets else { break };
        let p = offsets_partition_for(group.group_id().as_str(), offsets.partitions.len() as i32);
        let leader = offsets.partitions.get(p as usize).and_then(|s| s.leader);
        if let Some(leader) = leader {
            coordinates.entry(leader).or_default().push(group.group_id().to_string());
        }
    }

    let isolated: Vec<_> = net.isolated_groups().to_vec();
    let compact = engine.brokers().count() > COMPACT_BROKERS;
    let session_timeout_ms = world.settings().broker_session_timeout_ms;
    let brokers = engine
        .brokers()
        .map(|node| {
            let registration = image.brokers.get(&node.id);
            let replicas = per_broker.remove(&node.id).unwrap_or_default();
            let node_id = Node::broker(node.id);
            let fenced = registration.is_some_and(|r| r.fenced);
            let stop = chronicle.stops.of(node.id.0);
            let status = match (node.running, fenced, stop) {
                (true, true, _) => BrokerStatus::Unreachable,
                (true, false, _) => BrokerStatus::Running,
                (false, false, _) => BrokerStatus::Unnoticed {
                    session_timeout_ms,
                    fenced_in_ms: stop
                        .map(|s| (s.time_ms + session_timeout_ms - world.now().0).max(0)),
                },
                (false, true, Some(s)) if s.clean => BrokerStatus::StoppedCleanly,
                (false, true, _) => BrokerStatus::Fenced,
            };
            let listed = !compact && replicas.len() <= REPLICAS_LISTED;
            BrokerSnap {
                id: node.id.0,
                rack: registration.and_then(|r| r.rack.clone()),
                running: node.running,
                status,
                fenced,
                controller: image.controller == Some(node.id),
                leaders: replicas.iter().filter(|r| r.leader).count(),
                replica_count: replicas.len(),
                out_of_sync: replicas.iter().filter(|r| !r.in_isr).count(),
                replicas: if listed { replicas } else { Vec::new() },
                coordinates: coordinates.remove(&node.id).unwrap_or_default(),
                isolated: isolated.iter().any(|g| g.contains(&node_id))
                    || net.cut_links().iter().any(|(a, b)| *a == node_id || *b == node_id),
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
        cut_links: net.cut_links().iter().map(|(a, b)| (a.to_string(), b.to_string())).collect(),
        compact,
    }
}
