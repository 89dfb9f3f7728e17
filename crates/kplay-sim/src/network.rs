//! The simulated network between brokers and clients: latency and jitter per link, loss, slow
//! nodes, and partitions until healed: a group of nodes cut off from all others, or the link
//! between two nodes cut (both directions) while each still reaches everyone else.
//!
//! Kafka runs over TCP, and the model keeps TCP's promises: each direction of each link delivers
//! in order (a message never overtakes an earlier one, whatever the jitter), and a lost packet is
//! sent again — it arrives a retransmission timeout later, and holds up what follows it. Only a
//! partition stops messages: those sent across it are gone, and the connection with them (the
//! world then drops the rest of that connection's traffic until the client reconnects). Every
//! random draw comes from the `SimRng` passed in.

use kplay_core::vec_map::{VecMap, VecSet};
use kplay_core::{BrokerId, Timestamp};
use serde::{Deserialize, Serialize};

use crate::rng::SimRng;

/// A node on the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Node {
    /// A broker.
    Broker(i32),
    /// A client (producer or consumer), by its number in the world.
    Client(u32),
}

impl Node {
    /// The node of a broker.
    pub fn broker(id: BrokerId) -> Node {
        Node::Broker(id.0)
    }
}

impl std::fmt::Display for Node {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Node::Broker(id) => write!(f, "broker {id}"),
            Node::Client(id) => write!(f, "client {id}"),
        }
    }
}

/// How one link behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkSpec {
    /// One-way latency.
    pub latency_ms: i64,
    /// Up to this much more, drawn uniformly per message.
    pub jitter_ms: i64,
    /// Packets lost per million; each loss costs a retransmission timeout.
    pub loss_per_million: u32,
}

impl Default for LinkSpec {
    /// A local network: 1 ms each way, no jitter, no loss.
    fn default() -> Self {
        LinkSpec { latency_ms: 1, jitter_ms: 0, loss_per_million: 0 }
    }
}

/// TCP's minimum retransmission timeout (Linux): what a lost packet costs.
pub const RETRANSMISSION_TIMEOUT_MS: i64 = 200;

/// What happened to a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transit {
    /// It arrives at this time, after `retransmissions` losses.
    Arrives {
        /// When.
        at: Timestamp,
        /// How many times it was lost and sent again.
        retransmissions: u32,
    },
    /// A network partition separates the two nodes.
    Cut,
}

/// The network.
#[derive(Clone, Debug, Default)]
pub struct Network {
    default_link: LinkSpec,
    links: VecMap<(Node, Node), LinkSpec>,
    slow: VecMap<Node, i64>,
    /// Each isolated group can only talk within itself.
    isolated: Vec<VecSet<Node>>,
    /// Links cut between two nodes, each as (lower, higher).
    cut: VecSet<(Node, Node)>,
    /// When the last message on each directed link arrives (in-order delivery).
    last_arrival: VecMap<(Node, Node), Timestamp>,
}

fn pair(a: Node, b: Node) -> (Node, Node) {
    if a <= b { (a, b) } else { (b, a) }
}

impl Network {
    /// A network where every link behaves like `default_link`.
    pub fn new(default_link: LinkSpec) -> Self {
        Network { default_link, ..Network::default() }
    }

    /// Sets one link's behaviour (both directions).
    pub fn set_link(&mut self, a: Node, b: Node, spec: LinkSpec) {
        self.links.insert(pair(a, b), spec);
    }

    /// Sets the behaviour of every link without a specific one.
    pub fn set_default_link(&mut self, spec: LinkSpec) {
        self.default_link = spec;
    }

    /// Adds `extra_ms` of latency to everything `node` sends or receives (a slow replica);
    /// 0 makes it normal again.
    pub fn set_slow(&mut self, node: Node, extra_ms: i64) {
        if extra_ms > 0 {
            self.slow.insert(node, extra_ms);
        } else {
            self.slow.remove(&node);
        }
    }

    /// The extra latency `node` has (0 if it is not slow).
    pub fn slowness(&self, node: Node) -> i64 {
        self.slow.get(&node).copied().unwrap_or(0)
    }

    /// Cuts `group` off from every node outside it.
    pub fn isolate(&mut self, group: VecSet<Node>) {
        if !group.is_empty() {
            self.isolated.push(group);
        }
    }

    /// Cuts the link between `a` and `b`, both directions; each still reaches every other node.
    pub fn cut(&mut self, a: Node, b: Node) {
        if a != b {
            self.cut.insert(pair(a, b));
        }
    }

    /// Restores the link between `a` and `b` cut by [`Network::cut`] (an isolated group stays
    /// isolated).
    pub fn restore(&mut self, a: Node, b: Node) {
        self.cut.remove(&pair(a, b));
    }

    /// The links cut by [`Network::cut`], each as (lower, higher).
    pub fn cut_links(&self) -> &VecSet<(Node, Node)> {
        &self.cut
    }

    /// Removes every partition: all nodes can talk again.
    pub fn heal(&mut self) {
        self.isolated.clear();
        self.cut.clear();
    }

    /// Whether `a` and `b` can reach each other.
    pub fn connected(&self, a: Node, b: Node) -> bool {
        a == b
            || (self.isolated.iter().all(|g| g.contains(&a) == g.contains(&b))
                && !self.cut.contains(&pair(a, b)))
    }

    /// The isolated groups, in the order they were cut off.
    pub fn isolated_groups(&self) -> &[VecSet<Node>] {
        &self.isolated
    }

    /// The link between two nodes.
    pub fn link(&self, a: Node, b: Node) -> LinkSpec {
        self.links.get(&pair(a, b)).copied().unwrap_or(self.default_link)
    }

    /// Sends a message from `from` to `to` at `now`: when it arrives, or why it does not.
    pub fn send(&mut self, from: Node, to: Node, now: Timestamp, rng: &mut SimRng) -> Transit {
        if !self.connected(from, to) {
            return Transit::Cut;
        }
        let link = self.link(from, to);
        let mut retransmissions = 0;
        while link.loss_per_million > 0 && retransmissions < 8 && rng.chance(link.loss_per_million)
        {
            retransmissions += 1;
        }
        let retransmit_ms = RETRANSMISSION_TIMEOUT_MS * i64::from(retransmissions);
        let jitter = if link.jitter_ms > 0 { rng.between(0, link.jitter_ms) } else { 0 };
        let slow =
            self.slow.get(&from).copied().unwrap_or(0) + self.slow.get(&to).copied().unwrap_or(0);
        let mut at = now.plus_ms(link.latency_ms.max(0) + jitter + slow + retransmit_ms);
        let last = self.last_arrival.entry((from, to)).or_insert(Timestamp(i64::MIN));
        at = at.max(*last);
        *last = at;
        Transit::Arrives { at, retransmissions }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const B1: Node = Node::Broker(1);
    const B2: Node = Node::Broker(2);
    const C1: Node = Node::Client(1);

    fn arrives(at: i64) -> Transit {
        Transit::Arrives { at: Timestamp(at), retransmissions: 0 }
    }

    #[test]
    fn latency_jitter_and_order() {
        let mut net = Network::new(LinkSpec { latency_ms: 5, jitter_ms: 10, loss_per_million: 0 });
        let mut rng = SimRng::new(1);
        let mut last = Timestamp(0);
        for i in 0..100 {
            let Transit::Arrives { at, .. } = net.send(B1, B2, Timestamp(i), &mut rng) else {
                panic!()
            };
            assert!(at.0 >= i + 5 && at.0 <= i + 15 || at >= last);
            assert!(at >= last, "never overtakes an earlier message on the same link");
            last = at;
        }
    }

    #[test]
    fn partitions_cut_and_heal() {
        let mut net = Network::default();
        let mut rng = SimRng::new(1);
        net.isolate(VecSet::from([B1]));
        assert_eq!(net.send(B1, B2, Timestamp(0), &mut rng), Transit::Cut);
        assert_eq!(net.send(C1, B1, Timestamp(0), &mut rng), Transit::Cut);
        assert_eq!(net.send(C1, B2, Timestamp(0), &mut rng), arrives(1));
        net.heal();
        assert!(net.connected(B1, B2));
    }

    #[test]
    fn a_cut_link_stops_only_that_pair() {
        let mut net = Network::default();
        let mut rng = SimRng::new(1);
        net.cut(B2, B1);
        assert_eq!(net.cut_links().iter().next(), Some(&(B1, B2)));
        assert_eq!(net.send(B1, B2, Timestamp(0), &mut rng), Transit::Cut);
        assert_eq!(net.send(B2, B1, Timestamp(0), &mut rng), Transit::Cut);
        assert_eq!(net.send(C1, B1, Timestamp(0), &mut rng), arrives(1));
        assert_eq!(net.send(C1, B2, Timestamp(0), &mut rng), arrives(1));
        net.cut(C1, B1);
        assert!(!net.connected(B1, C1) && net.connected(C1, B2));
        net.restore(B1, C1);
        assert!(net.connected(C1, B1) && !net.connected(B1, B2));
        net.isolate(VecSet::from([C1]));
        net.restore(B1, B2);
        assert!(net.connected(B1, B2) && !net.connected(C1, B2), "restore leaves groups alone");
        net.cut(B1, B2);
        net.heal();
        assert!(net.connected(B1, B2) && net.connected(C1, B2) && net.cut_links().is_empty());
    }

    #[test]
    fn loss_and_slow_nodes() {
        let mut net =
            Network::new(LinkSpec { latency_ms: 1, jitter_ms: 0, loss_per_million: 500_000 });
        let mut rng = SimRng::new(3);
        let mut lost = 0;
        let mut last = Timestamp(0);
        for i in 0..1000 {
            let Transit::Arrives { at, retransmissions } = net.send(B1, B2, Timestamp(i), &mut rng)
            else {
                panic!("only partitions stop messages")
            };
            lost += u32::from(retransmissions > 0);
            let earliest = i + 1 + RETRANSMISSION_TIMEOUT_MS * i64::from(retransmissions);
            assert!(at.0 >= earliest, "each loss costs a retransmission timeout");
            assert!(at >= last, "a retransmitted message holds up those behind it");
            last = at;
        }
        assert!((400..600).contains(&lost), "about half of 1000 needed a retransmission: {lost}");
        let mut net = Network::default();
        net.set_slow(B2, 100);
        assert_eq!((net.slowness(B2), net.slowness(B1)), (100, 0));
        assert_eq!(net.send(B1, B2, Timestamp(0), &mut rng), arrives(101));
        net.set_slow(B2, 0);
        assert_eq!(net.slowness(B2), 0);
        assert_eq!(net.send(B1, B2, Timestamp(200), &mut rng), arrives(201));
    }
}
