//! What an event touched — brokers, partitions, groups, clients — so the page can highlight
//! them when the event is pointed at, and what kind of event it is, so the log can be filtered.

use kplay_core::event::Event;
use kplay_core::{BrokerId, GroupId, TopicPartition};
use kplay_sim::Action;
use kplay_sim::client::ClientEvent;
use kplay_sim::network::Node;
use kplay_sim::trace::TraceKind;

/// Something an event touched.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Touch {
    /// A broker.
    Broker(i32),
    /// A partition.
    Partition(String, i32),
    /// A consumer group.
    Group(String),
    /// A client (producer or consumer), by its number.
    Client(u32),
}

impl Touch {
    /// The name the page marks elements with (`data-touch`), e.g. `broker-1`,
    /// `partition-orders-0`, `group-billing`, `client-3`.
    pub fn key(&self) -> String {
        match self {
            Touch::Broker(id) => format!("broker-{id}"),
            Touch::Partition(topic, p) => format!("partition-{topic}-{p}"),
            Touch::Group(g) => format!("group-{g}"),
            Touch::Client(c) => format!("client-{c}"),
        }
    }

    fn partition(tp: &TopicPartition) -> Touch {
        Touch::Partition(tp.topic.to_string(), tp.partition.0)
    }

    fn broker(b: BrokerId) -> Touch {
        Touch::Broker(b.0)
    }

    fn group(g: &GroupId) -> Touch {
        Touch::Group(g.to_string())
    }

    fn node(n: Node) -> Touch {
        match n {
            Node::Broker(b) => Touch::Broker(b),
            Node::Client(c) => Touch::Client(c),
        }
    }
}

/// The kinds of events, for the log's filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Brokers, the controller, topics and configs.
    Cluster,
    /// Leaders, ISRs, high watermarks, followers copying and truncating.
    Replication,
    /// Records appended; segments rolled, deleted and compacted.
    Records,
    /// The group coordinator: members, rebalances, generations, commits.
    Groups,
    /// What producers decided and were told.
    Producers,
    /// What consumers decided and were told.
    Consumers,
    /// What someone did.
    Actions,
    /// The network losing or stopping messages.
    Network,
}

impl Category {
    /// Every category, in the filter's order.
    pub const ALL: [Category; 8] = [
        Category::Actions,
        Category::Cluster,
        Category::Replication,
        Category::Records,
        Category::Groups,
        Category::Producers,
        Category::Consumers,
        Category::Network,
    ];

    /// What a real cluster's events are about: the brokers' own doings. Clients, actions and the
    /// network are the simulation's; a broker does not see them.
    pub const ENGINE: [Category; 4] =
        [Category::Cluster, Category::Replication, Category::Records, Category::Groups];

    /// Its name in the filter and as a CSS class.
    pub fn name(self) -> &'static str {
        match self {
            Category::Cluster => "cluster",
            Category::Replication => "replication",
            Category::Records => "records",
            Category::Groups => "groups",
            Category::Producers => "producers",
            Category::Consumers => "consumers",
            Category::Actions => "actions",
            Category::Network => "network",
        }
    }
}

/// The category of a trace entry and what it touched. `is_producer` tells whether a client is a
/// producer (client events only).
pub fn classify(kind: &TraceKind, is_producer: impl Fn(u32) -> bool) -> (Category, Vec<Touch>) {
    match kind {
        TraceKind::Engine(event) => engine(event),
        TraceKind::Client { client, event } => {
            let category =
                if is_producer(*client) { Category::Producers } else { Category::Consumers };
            let mut touches = vec![Touch::Client(*client)];
            touches.extend(client_touches(event));
            (category, touches)
        }
        TraceKind::Action(action) => (Category::Actions, action_touches(action)),
        TraceKind::Cut { from, to } | TraceKind::Retransmitted { from, to, .. } => {
            (Category::Network, vec![Touch::node(*from), Touch::node(*to)])
        }
    }
}

fn engine(event: &Event) -> (Category, Vec<Touch>) {
    use Category::*;
    let p = Touch::partition;
    let b = Touch::broker;
    match event {
        Event::BrokerRegistered { broker, .. }
        | Event::BrokerStarted { broker }
        | Event::BrokerStopped { broker, .. }
        | Event::BrokerFenced { broker, .. }
        | Event::BrokerLostController { broker, .. }
        | Event::BrokerFencedUnreachable { broker, .. }
        | Event::BrokerReachedController { broker, .. } => (Cluster, vec![b(*broker)]),
        Event::ControllerLostQuorum { broker, successor, .. } => {
            (Cluster, std::iter::once(*broker).chain(*successor).map(b).collect())
        }
        Event::ControllerElected { broker, .. } => (Cluster, broker.map(b).into_iter().collect()),
        Event::TopicCreated { .. }
        | Event::TopicDeleted { .. }
        | Event::PartitionsAdded { .. }
        | Event::TopicConfigChanged { .. }
        | Event::ProducerIdAllocated { .. } => (Cluster, Vec::new()),
        Event::LeaderElected { partition, leader, previous, .. } => {
            let mut t = vec![p(partition), b(*leader)];
            t.extend(previous.map(b));
            (Replication, t)
        }
        Event::PartitionOffline { partition, .. } => (Replication, vec![p(partition)]),
        Event::IsrShrunk { partition, broker, .. }
        | Event::IsrExpanded { partition, broker, .. } => {
            (Replication, vec![p(partition), b(*broker)])
        }
        Event::RecordsReplicated { partition, broker, leader, .. } => {
            (Replication, vec![p(partition), b(*broker), b(*leader)])
        }
        Event::HighWatermarkAdvanced { partition, broker, .. }
        | Event::LogTruncated { partition, broker, .. } => {
            (Replication, vec![p(partition), b(*broker)])
        }
        Event::RecordsAppended { partition, broker, .. }
        | Event::SegmentRolled { partition, broker, .. }
        | Event::SegmentDeleted { partition, broker, .. }
        | Event::LogStartOffsetAdvanced { partition, broker, .. }
        | Event::RecordsDeleted { partition, broker, .. }
        | Event::LogCompacted { partition, broker, .. }
        | Event::ProduceFailed { partition, broker, .. } => {
            (Records, vec![p(partition), b(*broker)])
        }
        Event::DuplicateBatch { partition, .. } => (Records, vec![p(partition)]),
        Event::CoordinatorMoved { group, coordinator } => {
            let mut t = vec![Touch::group(group)];
            t.extend(coordinator.map(b));
            (Groups, t)
        }
        Event::OffsetCommitted { group, partition, .. }
        | Event::OffsetDeleted { group, partition } => {
            (Groups, vec![Touch::group(group), p(partition)])
        }
        Event::MemberJoined { group, .. }
        | Event::MemberRemoved { group, .. }
        | Event::RebalanceStarted { group, .. }
        | Event::GroupStateChanged { group, .. }
        | Event::GenerationStarted { group, .. }
        | Event::AssignmentReceived { group, .. }
        | Event::GroupDeleted { group } => (Groups, vec![Touch::group(group)]),
        // Events added to the engine later are still logged, touching nothing.
        _ => (Cluster, Vec::new()),
    }
}

fn client_touches(event: &ClientEvent) -> Vec<Touch> {
    let p = Touch::partition;
    match event {
        ClientEvent::PartitionChosen { partition, .. }
        | ClientEvent::BatchAcknowledged { partition, .. }
        | ClientEvent::BatchRetried { partition, .. }
        | ClientEvent::BatchFailed { partition, .. }
        | ClientEvent::PositionSet { partition, .. }
        | ClientEvent::NoOffset { partition }
        | ClientEvent::Processed { partition, .. } => vec![p(partition)],
        ClientEvent::BatchesSent { broker, batches } => {
            let mut t = vec![Touch::broker(*broker)];
            t.extend(batches.iter().map(|(tp, _)| p(tp)));
            t
        }
        ClientEvent::CoordinatorFound { group, broker } => {
            vec![Touch::group(group), Touch::broker(*broker)]
        }
        ClientEvent::Joining { group, .. }
        | ClientEvent::Joined { group, .. }
        | ClientEvent::AssignmentComputed { group, .. }
        | ClientEvent::LeftGroup { group, .. } => vec![Touch::group(group)],
        ClientEvent::AssignmentChanged { added, revoked, .. } => {
            added.iter().chain(revoked).map(p).collect()
        }
        ClientEvent::Committed { offsets } => offsets.iter().map(|(tp, _)| p(tp)).collect(),
        ClientEvent::RequestFailed { broker, .. } => vec![Touch::broker(*broker)],
        ClientEvent::ProducerIdReceived { .. } | ClientEvent::CommitFailed { .. } => Vec::new(),
    }
}

fn action_touches(action: &Action) -> Vec<Touch> {
    match action {
        Action::AddBroker { id, .. }
        | Action::StopBroker { id, .. }
        | Action::StartBroker { id } => {
            vec![Touch::Broker(*id)]
        }
        Action::StopLeader { topic, partition, .. } => {
            vec![Touch::Partition(topic.clone(), *partition)]
        }
        Action::Isolate { nodes } => nodes.iter().copied().map(Touch::node).collect(),
        Action::SetLink { a, b, .. } | Action::CutLink { a, b } | Action::RestoreLink { a, b } => {
            vec![Touch::node(*a), Touch::node(*b)]
        }
        Action::SlowNode { node, .. } => vec![Touch::node(*node)],
        Action::AddProducer { id, .. }
        | Action::AddConsumer { id, .. }
        | Action::RemoveClient { id, .. }
        | Action::PauseConsumer { id, .. }
        | Action::Commit { id } => vec![Touch::Client(*id)],
        Action::Produce { producer, topic, partition, .. } => {
            let mut t = vec![Touch::Client(*producer)];
            t.extend(partition.map(|p| Touch::Partition(topic.clone(), p)));
            t
        }
        Action::Seek { id, topic, partition, .. } => {
            vec![Touch::Client(*id), Touch::Partition(topic.clone(), *partition)]
        }
        Action::ResetOffsets { group, .. } => vec![Touch::Group(group.clone())],
        Action::CreateTopic { .. }
        | Action::DeleteTopic { .. }
        | Action::AddPartitions { .. }
        | Action::SetTopicConfig { .. }
        | Action::Heal => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use kplay_core::{LeaderEpoch, Offset};

    use super::*;

    #[test]
    fn an_election_touches_the_partition_and_both_leaders() {
        let event = Event::LeaderElected {
            partition: TopicPartition::new("orders", 2),
            leader: BrokerId(3),
            leader_epoch: LeaderEpoch(1),
            previous: Some(BrokerId(1)),
            reason: kplay_core::event::ElectionReason::LeaderFailed,
        };
        let (category, touches) = classify(&TraceKind::Engine(event), |_| false);
        assert_eq!(category, Category::Replication);
        let keys: Vec<String> = touches.iter().map(Touch::key).collect();
        assert_eq!(keys, ["partition-orders-2", "broker-3", "broker-1"]);
    }

    #[test]
    fn a_lost_quorum_touches_the_old_and_the_new_controller() {
        let event = Event::ControllerLostQuorum {
            broker: BrokerId(1),
            reaches: 1,
            running: 3,
            successor: Some(BrokerId(2)),
        };
        let (category, touches) = classify(&TraceKind::Engine(event), |_| false);
        assert_eq!(category, Category::Cluster);
        let keys: Vec<String> = touches.iter().map(Touch::key).collect();
        assert_eq!(keys, ["broker-1", "broker-2"]);
        let cut = Action::CutLink { a: Node::Broker(1), b: Node::Client(4) };
        let keys: Vec<String> = action_touches(&cut).iter().map(Touch::key).collect();
        assert_eq!(keys.len(), 2, "{keys:?}");
    }

    #[test]
    fn client_events_are_filed_under_producers_or_consumers() {
        let event =
            ClientEvent::Committed { offsets: vec![(TopicPartition::new("orders", 0), Offset(5))] };
        let kind = TraceKind::Client { client: 2, event };
        let (category, touches) = classify(&kind, |c| c == 1);
        assert_eq!(category, Category::Consumers);
        assert_eq!(touches, [Touch::Client(2), Touch::Partition("orders".into(), 0)]);
        assert_eq!(classify(&kind, |c| c == 2).0, Category::Producers);
    }
}
