//! Network forms: cut a set of brokers and clients off from everything else (a network
//! partition, until healed), cut or restore the single link between two nodes, set how a link
//! behaves (latency, jitter, loss), and slow one node down.
//!
//! Loss is typed in percent, as people say it, and kept per million packets, as the network
//! model counts it.

use kplay_sim::Action;
use kplay_sim::network::{LinkSpec, Node};

use super::facts::parse_node;
use super::fields::{Errors, whole};
use super::{Facts, fits};
use crate::model::limits::MAX_MS;
use kplay_core::vec_map::VecSet;

/// Nodes to cut off.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IsolateForm {
    /// The chosen nodes.
    pub nodes: VecSet<Node>,
}

impl IsolateForm {
    /// The partition, or what is wrong.
    pub fn action(&self, facts: &Facts) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let known: VecSet<Node> = facts.nodes().into_iter().map(|(n, _)| n).collect();
        if self.nodes.is_empty() {
            e.add("nodes", "choose at least one broker or client to cut off");
        } else if let Some(gone) = self.nodes.iter().find(|n| !known.contains(n)) {
            e.add("nodes", format!("there is no {gone} any more"));
        } else if self.nodes.len() == known.len() {
            e.add(
                "nodes",
                "cutting every node off separates nothing: leave some on the other side",
            );
        }
        let action = Action::Isolate { nodes: self.nodes.iter().copied().collect() };
        fits(&mut e, facts, "nodes", &action);
        e.or(action)
    }
}

/// Reads a node picked in `field` (blank: the first node; `skip` is one to pass over, so two
/// blank pickers name two different nodes).
fn picked(
    e: &mut Errors,
    facts: &Facts,
    field: &'static str,
    key: &str,
    skip: Option<Node>,
) -> Node {
    let key = key.trim();
    if key.is_empty() {
        let first = facts.nodes().into_iter().map(|(n, _)| n).find(|n| Some(*n) != skip);
        return first.unwrap_or_else(|| {
            e.add(field, "there is no broker or client yet");
            Node::Broker(0)
        });
    }
    match parse_node(key) {
        Some(node) if facts.nodes().iter().any(|(n, _)| *n == node) => node,
        _ => {
            e.add(field, format!("there is no node “{key}”"));
            Node::Broker(0)
        }
    }
}

/// Reads a loss in percent (up to four decimals) as packets lost per million.
fn loss_per_million(e: &mut Errors, text: &str) -> u32 {
    let text = text.trim();
    if text.is_empty() {
        return 0;
    }
    let range = "type a percentage from 0 to 99.9999";
    match text.trim_end_matches('%').trim().parse::<f64>() {
        Ok(p) if (0.0..100.0).contains(&p) => (p * 10_000.0).round().min(999_999.0) as u32,
        Ok(p) if p < 0.0 => {
            e.add("loss", format!("{text} is negative: {range}"));
            0
        }
        Ok(_) => {
            e.add("loss", format!("{text} would lose every packet: {range}"));
            0
        }
        Err(_) => {
            e.add("loss", format!("“{text}” is not a number: {range}"));
            0
        }
    }
}

/// One link to cut or restore.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CutLinkForm {
    /// One end (a node key, blank: the first node).
    pub a: String,
    /// The other end (blank: the next node).
    pub b: String,
}

impl CutLinkForm {
    /// The cut (`cut`) or the restoration of the link, or what is wrong.
    pub fn action(&self, facts: &Facts, cut: bool) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let a = picked(&mut e, facts, "a", &self.a, None);
        let b = picked(&mut e, facts, "b", &self.b, Some(a));
        if e.is_empty() && a == b {
            e.add("b", "choose two different nodes");
        }
        let action = if cut { Action::CutLink { a, b } } else { Action::RestoreLink { a, b } };
        fits(&mut e, facts, "b", &action);
        e.or(action)
    }
}

/// How the link between two nodes behaves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkForm {
    /// One end (a node key, blank: the first node).
    pub a: String,
    /// The other end (blank: the next node).
    pub b: String,
    /// One-way latency, in ms (blank: 1, a local network).
    pub latency_ms: String,
    /// Up to this much more per message, in ms (blank: 0).
    pub jitter_ms: String,
    /// Packets lost, in percent (blank: 0).
    pub loss_percent: String,
}

impl LinkForm {
    /// The link's new behaviour, or what is wrong.
    pub fn action(&self, facts: &Facts) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let a = picked(&mut e, facts, "a", &self.a, None);
        let b = picked(&mut e, facts, "b", &self.b, Some(a));
        if e.is_empty() && a == b {
            e.add("b", "choose two different nodes");
        }
        let default = LinkSpec::default();
        let link = LinkSpec {
            latency_ms: whole(
                &mut e,
                "latency",
                &self.latency_ms,
                Some(default.latency_ms),
                0,
                MAX_MS,
            ),
            jitter_ms: whole(&mut e, "jitter", &self.jitter_ms, Some(default.jitter_ms), 0, MAX_MS),
            loss_per_million: loss_per_million(&mut e, &self.loss_percent),
        };
        let action = Action::SetLink { a, b, link };
        fits(&mut e, facts, "latency", &action);
        e.or(action)
    }
}

/// A node to slow down.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SlowNodeForm {
    /// The node (a node key, blank: the first).
    pub node: String,
    /// Extra latency on all its traffic, in ms; 0 makes it normal again.
    pub extra_latency_ms: String,
}

impl SlowNodeForm {
    /// The slowdown, or what is wrong.
    pub fn action(&self, facts: &Facts) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let node = picked(&mut e, facts, "node", &self.node, None);
        let extra = whole(&mut e, "extra", &self.extra_latency_ms, None, 0, MAX_MS);
        let action = Action::SlowNode { node, extra_latency_ms: extra };
        fits(&mut e, facts, "extra", &action);
        e.or(action)
    }
}
