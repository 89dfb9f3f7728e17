//! What the forms check typed values against: the topics, brokers, clients and groups that exist
//! now, and the room the scenario has left — read from a snapshot, so forms never touch the world.

use kplay_sim::network::Node;

use crate::model::Snapshot;
use crate::model::limits::Room;
use crate::model::snapshot::{ClusterSnap, ConsumerSnap, GroupSnap, ProducerSnap, TopicSnap};

/// A user topic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicFact {
    /// Its name.
    pub name: String,
    /// Its partition count.
    pub partitions: i32,
    /// Each partition's leader, by index.
    pub leaders: Vec<Option<i32>>,
    /// The configs set on it.
    pub overrides: Vec<(String, String)>,
}

/// A broker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerFact {
    /// Its id.
    pub id: i32,
    /// Whether it runs.
    pub running: bool,
}

/// A producer or consumer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientFact {
    /// Its client number.
    pub id: u32,
    /// `client.id`.
    pub client_id: String,
    /// A producer (else a consumer).
    pub producer: bool,
    /// A producer's topic.
    pub topic: Option<String>,
    /// A consumer's `group.id`.
    pub group: Option<String>,
    /// Whether a consumer is paused.
    pub paused: bool,
    /// The partitions a consumer has a position on (what it can seek).
    pub partitions: Vec<(String, i32)>,
}

impl ClientFact {
    /// A producer's facts.
    fn producer(p: &ProducerSnap) -> ClientFact {
        ClientFact {
            id: p.id,
            client_id: p.client_id.clone(),
            producer: true,
            topic: Some(p.topic.clone()),
            group: None,
            paused: false,
            partitions: Vec::new(),
        }
    }

    /// How a picker names it: `4 · producer-4`.
    pub fn label(&self) -> String {
        format!("{} · {}", self.id, self.client_id)
    }
}

/// A consumer group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupFact {
    /// `group.id`.
    pub id: String,
    /// Its state (Empty, Stable, …).
    pub state: String,
    /// How many members it has.
    pub members: usize,
}

/// Everything the forms check against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// User topics, by name.
    pub topics: Vec<TopicFact>,
    /// Brokers, by id.
    pub brokers: Vec<BrokerFact>,
    /// Clients, by number.
    pub clients: Vec<ClientFact>,
    /// Groups.
    pub groups: Vec<GroupFact>,
    /// What the scenario may still add.
    pub room: Room,
}

impl Facts {
    /// The facts of a whole snapshot.
    pub fn of(s: &Snapshot) -> Facts {
        Facts::new(&s.cluster, &s.topics, &s.producers, &s.consumers, &s.groups, s.room)
    }

    /// The facts of a snapshot's parts.
    pub fn new(
        cluster: &ClusterSnap,
        topics: &[TopicSnap],
        producers: &[ProducerSnap],
        consumers: &[ConsumerSnap],
        groups: &[GroupSnap],
        room: Room,
    ) -> Facts {
        let topics = topics
            .iter()
            .filter(|t| !t.internal)
            .map(|t| TopicFact {
                name: t.name.clone(),
                partitions: t.partitions.len() as i32,
                leaders: t.partitions.iter().map(|p| p.leader).collect(),
                overrides: t.overrides.clone(),
            })
            .collect();
        let brokers =
            cluster.brokers.iter().map(|b| BrokerFact { id: b.id, running: b.running }).collect();
        let mut clients: Vec<ClientFact> = producers
            .iter()
            .map(ClientFact::producer)
            .chain(consumers.iter().map(|c| ClientFact {
                id: c.id,
                client_id: c.client_id.clone(),
                producer: false,
                topic: None,
                group: c.group.clone(),
                paused: c.paused,
                partitions: c.positions.iter().map(|p| (p.topic.clone(), p.partition)).collect(),
            }))
            .collect();
        kplay_core::sort::sort_by_key(&mut clients, |c| c.id);
        let groups = groups
            .iter()
            .map(|g| GroupFact {
                id: g.id.clone(),
                state: g.state.to_owned(),
                members: g.members.len(),
            })
            .collect();
        Facts { topics, brokers, clients, groups, room }
    }

    /// What one producer's own "produce one record" form checks against: the producer and its
    /// topic (whether compacted, how many partitions), with the room of an empty scenario (the
    /// playground checks the scenario's own room when the record is sent).
    pub fn for_producer(p: &ProducerSnap) -> Facts {
        let compacted = p.compacted.then(|| ("cleanup.policy".to_owned(), "compact".to_owned()));
        Facts {
            topics: vec![TopicFact {
                name: p.topic.clone(),
                partitions: p.partitions,
                leaders: vec![None; usize::try_from(p.partitions).unwrap_or(0)],
                overrides: compacted.into_iter().collect(),
            }],
            clients: vec![ClientFact::producer(p)],
            ..Facts::default()
        }
    }

    /// A user topic by name.
    pub fn topic(&self, name: &str) -> Option<&TopicFact> {
        self.topics.iter().find(|t| t.name == name)
    }

    /// A broker by id.
    pub fn broker(&self, id: i32) -> Option<&BrokerFact> {
        self.brokers.iter().find(|b| b.id == id)
    }

    /// A client by number.
    pub fn client(&self, id: u32) -> Option<&ClientFact> {
        self.clients.iter().find(|c| c.id == id)
    }

    /// The producers.
    pub fn producers(&self) -> impl Iterator<Item = &ClientFact> {
        self.clients.iter().filter(|c| c.producer)
    }

    /// The consumers.
    pub fn consumers(&self) -> impl Iterator<Item = &ClientFact> {
        self.clients.iter().filter(|c| !c.producer)
    }

    /// The number a new client gets unless the visitor types another: one more than the
    /// highest in use, so numbers are not reused while the page shows them.
    pub fn next_client(&self) -> u32 {
        self.clients.iter().map(|c| c.id + 1).max().unwrap_or(1)
    }

    /// The id a new broker gets unless the visitor types another.
    pub fn next_broker(&self) -> i32 {
        self.brokers.iter().map(|b| b.id + 1).max().unwrap_or(1)
    }

    /// Every node of the network, with how a picker names it.
    pub fn nodes(&self) -> Vec<(Node, String)> {
        let brokers = self.brokers.iter().map(|b| (Node::Broker(b.id), format!("broker {}", b.id)));
        let clients = self.clients.iter().map(|c| {
            let kind = if c.producer { "producer" } else { "consumer" };
            (Node::Client(c.id), format!("client {} ({kind} {})", c.id, c.client_id))
        });
        brokers.chain(clients).collect()
    }
}

/// A node as a form field holds it: `broker-1`, `client-4`.
pub fn node_key(node: Node) -> String {
    match node {
        Node::Broker(id) => format!("broker-{id}"),
        Node::Client(id) => format!("client-{id}"),
    }
}

/// The node a form field holds, if it holds one.
pub fn parse_node(key: &str) -> Option<Node> {
    if let Some(id) = key.strip_prefix("broker-") {
        return id.parse().ok().map(Node::Broker);
    }
    key.strip_prefix("client-").and_then(|id| id.parse().ok()).map(Node::Client)
}

/// What a picker shows chosen: what the visitor chose, or else the first choice.
pub fn chosen<'a>(typed: &'a str, first: Option<&'a str>) -> &'a str {
    if typed.trim().is_empty() { first.unwrap_or("") } else { typed.trim() }
}
