//! The choices the panel's pickers offer, read from the [`Facts`]: topics, brokers, producers,
//! consumers, groups and network nodes — and which one a picker shows chosen.

use yew::AttrValue;

use crate::model::forms::Facts;
use crate::model::forms::facts::{chosen, node_key};

/// A picker's choices: (value, label).
pub type Options = Vec<(AttrValue, AttrValue)>;

fn option(value: impl Into<String>, label: impl Into<String>) -> (AttrValue, AttrValue) {
    (AttrValue::from(value.into()), AttrValue::from(label.into()))
}

/// What a picker shows chosen: what the form holds, else the first choice; a choice that is
/// gone (a deleted topic) stays chosen, marked, so that the form's message about it makes sense.
pub fn selected(typed: &str, options: &mut Options) -> AttrValue {
    let first = options.first().map(|(v, _)| v.as_str());
    let value = AttrValue::from(chosen(typed, first).to_owned());
    if !value.is_empty() && !options.iter().any(|(v, _)| *v == value) {
        options.insert(0, (value.clone(), format!("{value} (no longer exists)").into()));
    }
    value
}

/// The user topics, with their partition counts.
pub fn topics(facts: &Facts) -> Options {
    facts
        .topics
        .iter()
        .map(|t| option(&t.name, format!("{} ({} partitions)", t.name, t.partitions)))
        .collect()
}

/// The brokers, with whether they run.
pub fn brokers(facts: &Facts) -> Options {
    facts
        .brokers
        .iter()
        .map(|b| {
            let state = if b.running { "running" } else { "stopped" };
            option(b.id.to_string(), format!("broker {} ({state})", b.id))
        })
        .collect()
}

/// The producers (`producer`) or the consumers.
pub fn clients(facts: &Facts, producer: bool) -> Options {
    facts
        .clients
        .iter()
        .filter(|c| c.producer == producer)
        .map(|c| {
            let paused = if c.paused { " (paused)" } else { "" };
            option(c.id.to_string(), format!("{}{paused}", c.label()))
        })
        .collect()
}

/// Every broker and client on the network.
pub fn nodes(facts: &Facts) -> Options {
    facts.nodes().into_iter().map(|(n, label)| option(node_key(n), label)).collect()
}

/// The two ends of a link, each with its choices and what is selected: blank, the first end is
/// the first node and the other end the first node that is not it (as the model reads them).
pub fn node_pair(facts: &Facts, a: &str, b: &str) -> ((Options, AttrValue), (Options, AttrValue)) {
    let mut a_options = nodes(facts);
    let a = selected(a, &mut a_options);
    let mut b_options = nodes(facts);
    let b_first = b_options.iter().find(|(v, _)| *v != a).map(|(v, _)| v.to_string());
    let b =
        selected(if b.is_empty() { b_first.as_deref().unwrap_or("") } else { b }, &mut b_options);
    ((a_options, a), (b_options, b))
}

/// Every config of a topic, as `kafka-configs.sh` names them.
pub fn configs() -> Options {
    kplay_core::topic_config::TOPIC_CONFIG_NAMES.iter().map(|n| option(*n, *n)).collect()
}

/// Choices from a fixed list (an enum's values), by their index in `all`.
pub fn indexed<T: Copy>(all: &[T], label: impl Fn(T) -> String) -> Options {
    all.iter().enumerate().map(|(i, c)| option(i.to_string(), label(*c))).collect()
}

/// The index of `value` in `all`, as a picker's value.
pub fn index_of<T: PartialEq>(all: &[T], value: &T) -> AttrValue {
    AttrValue::from(all.iter().position(|c| c == value).unwrap_or(0).to_string())
}

/// The value at a picker's index, if it is one.
pub fn at<T: Copy>(all: &[T], index: &str) -> Option<T> {
    index.parse::<usize>().ok().and_then(|i| all.get(i).copied())
}
