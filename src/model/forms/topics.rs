//! Topic forms: create a topic (`kafka-topics.sh --create` with `--config`s), delete one, add
//! partitions (`--alter --partitions`), and set or reset a config (`kafka-configs.sh --alter
//! --add-config` / `--delete-config`). Names and values are checked as Kafka checks them, with
//! Kafka's messages.

use kplay_core::cluster::validate_topic_name;
use kplay_core::topic_config::{TopicConfig, is_topic_config};
use kplay_core::vec_map::VecMap;
use kplay_sim::Action;

use super::fields::{Errors, pairs, required, whole};
use super::{Facts, existing_topic, fits};
use crate::model::limits::MAX_TOTAL_PARTITIONS;

/// The topic configs the create form offers a field for, each with what it does.
pub const OFFERED_CONFIGS: [(&str, &str); 9] = [
    ("min.insync.replicas", "acks=all writes need this many in-sync replicas"),
    ("cleanup.policy", "delete old segments, or compact: keep the latest record per key"),
    ("retention.ms", "delete segments whose newest record is older (-1: forever)"),
    ("retention.bytes", "delete the oldest segments while a partition is larger (-1: no limit)"),
    ("segment.bytes", "roll a new segment at this size (here as small as 14)"),
    ("segment.ms", "roll a new segment when the active one is this old"),
    ("delete.retention.ms", "how long a compacted topic keeps tombstones"),
    ("max.message.bytes", "the largest record batch the topic accepts"),
    ("message.timestamp.type", "CreateTime (the producer's) or LogAppendTime (the broker's)"),
];

/// The values a config picker offers, for configs with a fixed set of them.
pub fn choices(config: &str) -> Option<&'static [&'static str]> {
    match config {
        "cleanup.policy" => Some(&["delete", "compact", "compact,delete"]),
        "message.timestamp.type" => Some(&["CreateTime", "LogAppendTime"]),
        "unclean.leader.election.enable" => Some(&["false", "true"]),
        _ => None,
    }
}

/// Kafka's default for a topic config, as Kafka prints it.
pub fn kafka_default(config: &str) -> String {
    TopicConfig::default().get(config).unwrap_or_default()
}

/// Checks one config value as the broker would, recording Kafka's message on `field`.
fn check_config(errors: &mut Errors, field: &'static str, name: &str, value: &str) {
    if let Err(e) = TopicConfig::default().set(name, value) {
        errors.add(field, e.message);
    }
}

/// `kafka-topics.sh --create`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateTopicForm {
    /// `--topic`.
    pub name: String,
    /// `--partitions`.
    pub partitions: String,
    /// `--replication-factor`.
    pub replication_factor: String,
    /// The offered configs ([`OFFERED_CONFIGS`]) by name; blank is Kafka's default.
    pub configs: VecMap<String, String>,
    /// Any other `--config name=value`, one a line.
    pub more: String,
}

impl Default for CreateTopicForm {
    fn default() -> Self {
        CreateTopicForm {
            name: String::new(),
            partitions: "3".into(),
            replication_factor: "3".into(),
            configs: VecMap::new(),
            more: String::new(),
        }
    }
}

impl CreateTopicForm {
    /// The topic to create, or what is wrong.
    pub fn action(&self, facts: &Facts) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let name = required(&mut e, "name", &self.name, "a topic name");
        if !name.is_empty() {
            if let Err(err) = validate_topic_name(&name) {
                e.add("name", err.message);
            } else if facts.topic(&name).is_some() {
                e.add("name", format!("Topic '{name}' already exists."));
            }
        }
        let partitions =
            whole(&mut e, "partitions", &self.partitions, None, 1, MAX_TOTAL_PARTITIONS);
        let rf = whole(&mut e, "replication.factor", &self.replication_factor, None, 1, 100);
        let mut configs = Vec::new();
        for (name, _) in OFFERED_CONFIGS {
            let value = self.configs.get(name).map_or("", |v| v.trim());
            if !value.is_empty() {
                check_config(&mut e, name, name, value);
                configs.push((name.to_owned(), value.to_owned()));
            }
        }
        for (name, value) in pairs(&mut e, "configs", &self.more, "a config") {
            if configs.iter().any(|(n, _)| *n == name) {
                e.add("configs", format!("{name} is set twice"));
            }
            check_config(&mut e, "configs", &name, &value);
            configs.push((name, value));
        }
        let action = Action::CreateTopic {
            name,
            partitions: partitions as i32,
            replication_factor: rf as i16,
            configs,
        };
        fits(&mut e, facts, "partitions", &action);
        e.or(action)
    }
}

/// `kafka-topics.sh --delete`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeleteTopicForm {
    /// `--topic` (blank: the first).
    pub topic: String,
}

impl DeleteTopicForm {
    /// The deletion, or what is wrong.
    pub fn action(&self, facts: &Facts) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let name = existing_topic(&mut e, facts, "topic", &self.topic).map(|t| t.name.clone());
        e.or(Action::DeleteTopic { name: name.unwrap_or_default() })
    }
}

/// `kafka-topics.sh --alter --partitions`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddPartitionsForm {
    /// `--topic` (blank: the first).
    pub topic: String,
    /// The new partition count.
    pub count: String,
}

impl AddPartitionsForm {
    /// The growth, or what is wrong.
    pub fn action(&self, facts: &Facts) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let topic = existing_topic(&mut e, facts, "topic", &self.topic);
        let count = whole(&mut e, "count", &self.count, None, 1, MAX_TOTAL_PARTITIONS) as i32;
        if let Some(t) = topic
            && e.get("count").is_none()
        {
            if count == t.partitions {
                e.add("count", format!("Topic already has {count} partitions."));
            } else if count < t.partitions {
                e.add(
                    "count",
                    format!(
                        "Topic currently has {} partitions, which is higher than the requested {count}.",
                        t.partitions
                    ),
                );
            }
        }
        let action = Action::AddPartitions {
            topic: topic.map(|t| t.name.clone()).unwrap_or_default(),
            count,
        };
        fits(&mut e, facts, "count", &action);
        e.or(action)
    }
}

/// `kafka-configs.sh --alter --entity-type topics`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicConfigForm {
    /// `--entity-name` (blank: the first topic).
    pub topic: String,
    /// The config.
    pub name: String,
    /// Its new value (for `--add-config`).
    pub value: String,
}

impl Default for TopicConfigForm {
    fn default() -> Self {
        TopicConfigForm { topic: String::new(), name: "retention.ms".into(), value: String::new() }
    }
}

impl TopicConfigForm {
    /// `--add-config name=value`, or what is wrong.
    pub fn set(&self, facts: &Facts) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let (topic, name) = self.target(&mut e, facts);
        let value = required(&mut e, "value", &self.value, "a value");
        if !value.is_empty() && !name.is_empty() {
            check_config(&mut e, "value", &name, &value);
        }
        let action = Action::SetTopicConfig { topic, name, value: Some(value) };
        fits(&mut e, facts, "value", &action);
        e.or(action)
    }

    /// `--delete-config name`: back to the default, or what is wrong.
    pub fn reset(&self, facts: &Facts) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let (topic, name) = self.target(&mut e, facts);
        e.or(Action::SetTopicConfig { topic, name, value: None })
    }

    fn target(&self, e: &mut Errors, facts: &Facts) -> (String, String) {
        let topic = existing_topic(e, facts, "topic", &self.topic).map(|t| t.name.clone());
        let name = self.name.trim();
        if !is_topic_config(name) {
            e.add("config", format!("Unknown topic config name: {name}"));
        }
        (topic.unwrap_or_default(), name.to_owned())
    }
}
