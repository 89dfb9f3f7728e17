//! Broker forms: add a broker (`node.id`, `broker.rack`), stop one cleanly (a controlled
//! shutdown), crash it, start it again, and stop whichever broker leads a chosen partition.

use kplay_sim::Action;

use super::fields::{Errors, optional, whole};
use super::{Facts, existing_topic, fits};
use crate::model::limits::MAX_BROKER_ID;

/// A new broker.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddBrokerForm {
    /// `node.id` (blank: the next free one).
    pub id: String,
    /// `broker.rack` (blank: none).
    pub rack: String,
}

impl AddBrokerForm {
    /// The broker to add, or what is wrong.
    pub fn action(&self, facts: &Facts) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let next = facts.next_broker();
        let id = whole(&mut e, "node.id", &self.id, Some(next.into()), 0, MAX_BROKER_ID.into());
        let id = id as i32;
        if e.is_empty() && facts.broker(id).is_some() {
            e.add("node.id", format!("broker {id} already exists (the next free id is {next})"));
        }
        let action = Action::AddBroker { id, rack: optional(&self.rack) };
        fits(&mut e, facts, "node.id", &action);
        e.or(action)
    }
}

/// What to do to a broker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrokerOp {
    /// A controlled shutdown: its leaderships move first.
    Stop,
    /// A crash: no controlled shutdown, noticed after `broker.session.timeout.ms`.
    Crash,
    /// Start it again.
    Start,
}

/// A broker, chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BrokerForm {
    /// The broker's id (blank: the first).
    pub broker: String,
}

impl BrokerForm {
    /// `op` on the chosen broker, or what is wrong.
    pub fn action(&self, facts: &Facts, op: BrokerOp) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let first = facts.brokers.first().map(|b| i64::from(b.id));
        if first.is_none() {
            e.add("broker", "there is no broker yet: add one first");
        }
        let id = whole(&mut e, "broker", &self.broker, first, 0, MAX_BROKER_ID.into()) as i32;
        match facts.broker(id) {
            _ if !e.is_empty() => {}
            None => e.add("broker", format!("there is no broker {id}")),
            Some(b) if b.running && op == BrokerOp::Start => {
                e.add("broker", format!("broker {id} is running already"));
            }
            Some(b) if !b.running && op != BrokerOp::Start => {
                e.add("broker", format!("broker {id} is stopped already"));
            }
            Some(_) => {}
        }
        let action = match op {
            BrokerOp::Stop => Action::StopBroker { id, crash: false },
            BrokerOp::Crash => Action::StopBroker { id, crash: true },
            BrokerOp::Start => Action::StartBroker { id },
        };
        e.or(action)
    }
}

/// A partition whose leader to stop.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StopLeaderForm {
    /// The topic (blank: the first).
    pub topic: String,
    /// The partition.
    pub partition: String,
}

impl StopLeaderForm {
    /// Stopping (or, with `crash`, crashing) the partition's current leader, or what is wrong.
    pub fn action(&self, facts: &Facts, crash: bool) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let topic = existing_topic(&mut e, facts, "topic", &self.topic);
        let last = topic.map_or(0, |t| i64::from(t.partitions) - 1);
        let partition = whole(&mut e, "partition", &self.partition, Some(0), 0, last) as i32;
        if let Some(t) = topic
            && e.is_empty()
            && t.leaders.get(partition as usize).copied().flatten().is_none()
        {
            e.add("partition", format!("{}-{partition} has no leader to stop", t.name));
        }
        let topic = topic.map(|t| t.name.clone()).unwrap_or_default();
        let action = Action::StopLeader { topic, partition, crash };
        fits(&mut e, facts, "partition", &action);
        e.or(action)
    }
}
