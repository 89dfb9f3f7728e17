//! A topic and its partitions' replication state in the metadata image.

use crate::ids::{BrokerId, LeaderEpoch, PartitionIndex, TopicName, Uuid};
use crate::topic_config::TopicConfig;
use crate::vec_map::VecMap;

/// One partition's replication state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionState {
    /// Its replicas; the first is the preferred leader.
    pub replicas: Vec<BrokerId>,
    /// Its leader, if any replica can lead.
    pub leader: Option<BrokerId>,
    /// Bumped on every leader change.
    pub leader_epoch: LeaderEpoch,
    /// Bumped on every change (leader or ISR).
    pub partition_epoch: i32,
    /// The in-sync replicas, in replica order.
    pub isr: Vec<BrokerId>,
}

impl PartitionState {
    /// Whether `broker` is in the ISR.
    pub fn in_isr(&self, broker: BrokerId) -> bool {
        self.isr.contains(&broker)
    }

    /// Sets the ISR, kept in replica order.
    pub fn set_isr(&mut self, mut isr: Vec<BrokerId>) {
        crate::sort::sort_by_key(&mut isr, |b| {
            self.replicas.iter().position(|r| r == b).unwrap_or(usize::MAX)
        });
        isr.dedup();
        self.isr = isr;
        self.partition_epoch += 1;
    }
}

/// A topic.
#[derive(Clone, Debug, PartialEq)]
pub struct TopicState {
    /// Its name.
    pub name: TopicName,
    /// Its id.
    pub id: Uuid,
    /// Whether it is internal (`__consumer_offsets`).
    pub internal: bool,
    /// Configs set on the topic, as given.
    pub overrides: VecMap<String, String>,
    /// The effective config: broker defaults plus overrides.
    pub config: TopicConfig,
    /// Its partitions, by index.
    pub partitions: Vec<PartitionState>,
}

impl TopicState {
    /// A partition's state.
    pub fn partition(&self, index: PartitionIndex) -> Option<&PartitionState> {
        usize::try_from(index.0).ok().and_then(|i| self.partitions.get(i))
    }

    /// A partition's state, mutably.
    pub fn partition_mut(&mut self, index: PartitionIndex) -> Option<&mut PartitionState> {
        usize::try_from(index.0).ok().and_then(|i| self.partitions.get_mut(i))
    }

    /// The replication factor (of the first partition).
    pub fn replication_factor(&self) -> i16 {
        self.partitions.first().map_or(0, |p| p.replicas.len() as i16)
    }
}

/// The longest topic name Kafka accepts.
pub(crate) const MAX_TOPIC_NAME_LENGTH: usize = 249;

/// Checks a topic name as Kafka's `Topic.validate` does.
pub fn validate_topic_name(name: &str) -> Result<(), crate::error::KafkaError> {
    use crate::error::{ErrorCode, KafkaError};
    let invalid = |m: String| Err(KafkaError::new(ErrorCode::InvalidTopicException, m));
    if name.is_empty() {
        return invalid("Topic name is illegal, it can't be empty".to_owned());
    }
    if name == "." || name == ".." {
        return invalid("Topic name cannot be \".\" or \"..\"".to_owned());
    }
    if name.len() > MAX_TOPIC_NAME_LENGTH {
        return invalid(format!(
            "Topic name is illegal, it can't be longer than {MAX_TOPIC_NAME_LENGTH} characters, topic name: {name}"
        ));
    }
    if !name.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-')) {
        return invalid(format!(
            "Topic name \"{name}\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'"
        ));
    }
    Ok(())
}

/// Two topic names Kafka considers colliding: equal once '.' is read as '_' (metric names
/// would clash).
pub fn topic_names_collide(a: &str, b: &str) -> bool {
    a != b && a.replace('.', "_") == b.replace('.', "_")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn topic_names_are_validated_like_kafka() {
        assert!(validate_topic_name("orders.v1_EU-2").is_ok());
        for bad in ["", ".", "..", "has space", "ümlaut", &"x".repeat(250)] {
            let err = validate_topic_name(bad).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidTopicException, "{bad:?}");
        }
        assert!(validate_topic_name(&"x".repeat(249)).is_ok());
        assert!(topic_names_collide("a.b", "a_b"));
        assert!(!topic_names_collide("a.b", "a.b"));
    }
}
