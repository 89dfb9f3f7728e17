//! Forms: what a visitor types into the page's "Do something" panel, turned into the
//! simulation's [`Action`]s — or, when something is wrong, into a message for each wrong field
//! and no action at all. No yew here: components hold a form's typed text, and call these to
//! know what to send.
//!
//! Fields carry Kafka's own names (`linger.ms`, `partition.assignment.strategy`, …), and a
//! blank field means what its placeholder shows: Kafka's default, or the next free number.
//! Where Kafka's clients refuse a configuration, the form refuses it with Kafka's own message
//! (`Must set acks to all in order to use the idempotent producer…`). What only the cluster can
//! know (a replication factor larger than the running brokers, a group that is not empty) is
//! left to the engine, whose refusal the page shows in its notice line.
//!
//! - [`topics`]: create and delete topics, add partitions, set and reset configs.
//! - [`brokers`]: add, stop, crash and start brokers, stop a partition's leader; [`network`]:
//!   cut nodes off, set a link, slow a node.
//! - [`producers`]: add and remove producers, produce one record.
//! - [`consumers`]: add consumers (one, a group of several, or standalone); [`consumer_ops`]:
//!   pause, commit, remove, seek, and reset a group's offsets.
//! - [`facts`]: what the forms check against; [`fields`]: reading typed text.

pub mod brokers;
pub mod consumer_ops;
pub mod consumers;
pub mod facts;
pub mod fields;
pub mod network;
pub mod producers;
pub mod topics;

#[cfg(test)]
mod tests;

use kplay_sim::Action;

pub use facts::{BrokerFact, ClientFact, Facts, GroupFact, TopicFact};
pub use fields::Errors;

use super::limits;

/// The last check of a form whose fields are right: the playground's limits on the action
/// (the same a share link's actions get) and the room the scenario has left, reported on
/// `field`.
fn fits(errors: &mut Errors, facts: &Facts, field: &'static str, action: &Action) {
    if !errors.is_empty() {
        return;
    }
    if let Err(e) = limits::check_action(action).and_then(|()| facts.room.check(action)) {
        errors.add(field, e);
    }
}

/// The topic a form names, which must exist; blank means the first topic (what the picker
/// shows first).
fn existing_topic<'a>(
    errors: &mut Errors,
    facts: &'a Facts,
    field: &'static str,
    typed: &str,
) -> Option<&'a TopicFact> {
    let first = facts.topics.first().map(|t| t.name.as_str());
    let name = facts::chosen(typed, first);
    if name.is_empty() {
        errors.add(field, "there is no topic yet: create one first (Topics)");
        return None;
    }
    let topic = facts.topic(name);
    if topic.is_none() {
        errors.add(field, format!("there is no topic “{name}”"));
    }
    topic
}

/// The client a form names by number (blank: the first of the kind), which must exist and be
/// a producer (`producer`) or a consumer.
fn existing_client<'a>(
    errors: &mut Errors,
    facts: &'a Facts,
    field: &'static str,
    typed: &str,
    producer: bool,
) -> Option<&'a ClientFact> {
    let kind = if producer { "producer" } else { "consumer" };
    let typed = typed.trim();
    let client = if typed.is_empty() {
        facts.clients.iter().find(|c| c.producer == producer)
    } else {
        match typed.parse::<u32>() {
            Ok(id) => facts.client(id),
            Err(_) => {
                errors.add(field, format!("“{typed}” is not a client number"));
                return None;
            }
        }
    };
    match client {
        Some(c) if c.producer == producer => Some(c),
        Some(c) => {
            errors.add(field, format!("client {} is not a {kind}", c.id));
            None
        }
        None if typed.is_empty() => {
            errors.add(field, format!("there is no {kind} yet: add one first"));
            None
        }
        None => {
            errors.add(field, format!("there is no client {typed}"));
            None
        }
    }
}
