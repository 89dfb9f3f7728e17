//! What can be done to consumers once they run: pause or resume one (its application stops
//! calling poll), have it commit now, move its position on a partition (`seek`,
//! `seekToBeginning`, `seekToEnd`, `offsetsForTimes`), and reset a whole group's committed
//! offsets as `kafka-consumer-groups.sh --reset-offsets --execute` does — which Kafka allows only
//! while the group has no active members; the engine refuses otherwise, with the tool's message.

use kplay_sim::Action;
use kplay_sim::action::SeekTo;

use super::consumers::NO_GROUP_ID;
use super::fields::{Errors, required, whole};
use super::{Facts, existing_client, existing_topic};

/// Where a seek or a reset goes, as a picker offers it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Target {
    /// The log start (`--to-earliest`, `seekToBeginning`).
    #[default]
    Earliest,
    /// The end (`--to-latest`, `seekToEnd`).
    Latest,
    /// An offset (`--to-offset`, `seek`).
    Offset,
    /// The first record at or after a timestamp (`--to-datetime`, `offsetsForTimes`).
    Timestamp,
}

impl Target {
    /// Every choice, in picker order.
    pub const ALL: [Target; 4] =
        [Target::Earliest, Target::Latest, Target::Offset, Target::Timestamp];

    /// How a picker names it.
    pub fn label(self) -> &'static str {
        match self {
            Target::Earliest => "earliest (the log start)",
            Target::Latest => "latest (the end)",
            Target::Offset => "an offset",
            Target::Timestamp => "a timestamp (ms of simulated time)",
        }
    }

    /// Whether it needs a number typed.
    pub fn needs_value(self) -> bool {
        matches!(self, Target::Offset | Target::Timestamp)
    }

    fn read(self, e: &mut Errors, text: &str) -> SeekTo {
        match self {
            Target::Earliest => SeekTo::Earliest,
            Target::Latest => SeekTo::Latest,
            Target::Offset => SeekTo::Offset(whole(e, "to", text, None, 0, i64::MAX)),
            Target::Timestamp => SeekTo::Timestamp(whole(e, "to", text, None, 0, i64::MAX)),
        }
    }
}

/// A consumer, chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConsumerPick {
    /// Its number (blank: the first consumer).
    pub consumer: String,
}

impl ConsumerPick {
    /// Pausing it, or resuming it if it is paused; or what is wrong.
    pub fn pause_or_resume(&self, facts: &Facts) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let c = existing_client(&mut e, facts, "consumer", &self.consumer, false);
        let (id, paused) = c.map_or((0, false), |c| (c.id, c.paused));
        e.or(Action::PauseConsumer { id, paused: !paused })
    }

    /// Committing its positions now, or what is wrong (no `group.id` to commit to).
    pub fn commit(&self, facts: &Facts) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let c = existing_client(&mut e, facts, "consumer", &self.consumer, false);
        if c.is_some_and(|c| c.group.as_deref().is_none_or(str::is_empty)) {
            e.add("consumer", NO_GROUP_ID);
        }
        e.or(Action::Commit { id: c.map_or(0, |c| c.id) })
    }
}

/// A consumer's seek.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeekForm {
    /// The consumer's number (blank: the first consumer).
    pub consumer: String,
    /// The partition, as `topic-partition` (blank: its first).
    pub partition: String,
    /// Where to.
    pub to: Target,
    /// The offset or timestamp.
    pub value: String,
}

impl SeekForm {
    /// The seek, or what is wrong.
    pub fn action(&self, facts: &Facts) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let consumer = existing_client(&mut e, facts, "consumer", &self.consumer, false);
        let owned = consumer.map_or(&[][..], |c| c.partitions.as_slice());
        let typed = self.partition.trim();
        let found = if typed.is_empty() {
            owned.first()
        } else {
            owned.iter().find(|(t, p)| format!("{t}-{p}") == typed)
        };
        match (consumer, found) {
            (Some(c), None) if typed.is_empty() => {
                e.add("partition", format!("consumer {} has no partitions yet", c.id));
            }
            (Some(c), None) => {
                e.add("partition", format!("consumer {} does not own {typed}", c.id))
            }
            _ => {}
        }
        let to = self.to.read(&mut e, &self.value);
        let (topic, partition) = found.cloned().unwrap_or_default();
        e.or(Action::Seek { id: consumer.map_or(0, |c| c.id), topic, partition, to })
    }
}

/// `kafka-consumer-groups.sh --reset-offsets --execute`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResetOffsetsForm {
    /// `--group` (blank: the first group).
    pub group: String,
    /// `--topic` (blank: the first).
    pub topic: String,
    /// Where to.
    pub to: Target,
    /// The offset or timestamp.
    pub value: String,
}

impl ResetOffsetsForm {
    /// The reset, or what is wrong.
    pub fn action(&self, facts: &Facts) -> Result<Action, Errors> {
        let mut e = Errors::default();
        let typed = if self.group.trim().is_empty() {
            facts.groups.first().map_or("", |g| g.id.as_str())
        } else {
            &self.group
        };
        let group = required(&mut e, "group", typed, "a group.id");
        let topic = existing_topic(&mut e, facts, "topic", &self.topic).map(|t| t.name.clone());
        let to = self.to.read(&mut e, &self.value);
        e.or(Action::ResetOffsets { group, topic: topic.unwrap_or_default(), to })
    }
}
