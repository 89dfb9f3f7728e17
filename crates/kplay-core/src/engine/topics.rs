//! The controller's topic operations: create (with Kafka's validation and replica placement),
//! delete, add partitions; and the coordinators' internal topics (`__consumer_offsets`, and
//! `__transaction_state` with the `transactions` feature), whose partition leaders coordinate
//! groups and transactional ids.

use crate::api::{NewTopic, ReplicaAssignment};
use crate::cluster::{
    PartitionState, TopicState, assign_replicas, topic_names_collide, validate_topic_name,
};
use crate::error::{ErrorCode, KafkaError};
use crate::event::{ElectionReason, Event};
use crate::ids::{BrokerId, LeaderEpoch, PartitionIndex, TopicName, TopicPartition, Uuid};
use crate::txn::TRANSACTION_STATE_TOPIC;
use crate::vec_map::VecMap;

use super::Engine;

/// The internal topic whose partition leaders coordinate consumer groups.
pub const OFFSETS_TOPIC: &str = "__consumer_offsets";

/// The most partitions one topic may have here: a bound against requests that would exhaust
/// memory (Kafka itself has no hard limit).
pub const MAX_PARTITIONS_PER_TOPIC: i32 = 10_000;

/// What a created topic looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CreatedTopicInfo {
    pub(crate) id: Uuid,
    pub(crate) partitions: i32,
    pub(crate) replication_factor: i16,
}

/// Whether `name` is one of Kafka's internal topics (`Topic.isInternal`): the group and
/// transaction coordinators' logs, and the share groups' state.
pub(crate) fn is_internal_topic(name: &str) -> bool {
    matches!(name, OFFSETS_TOPIC | TRANSACTION_STATE_TOPIC | "__share_group_state")
}

/// Java's `String.hashCode`, over UTF-16 code units.
pub fn java_string_hash(s: &str) -> i32 {
    s.encode_utf16().fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(i32::from(c)))
}

/// The `__consumer_offsets` partition of a group: Kafka's
/// `Utils.abs(groupId.hashCode) % offsets.topic.num.partitions`.
pub fn offsets_partition_for(group_id: &str, partitions: i32) -> i32 {
    let hash = java_string_hash(group_id);
    let abs = if hash == i32::MIN { 0 } else { hash.abs() };
    abs % partitions.max(1)
}

impl Engine {
    /// Validates a new topic and, unless `validate_only`, creates it.
    pub(crate) fn create_topic(
        &mut self,
        new: &NewTopic,
        validate_only: bool,
        auto_created: bool,
    ) -> Result<CreatedTopicInfo, KafkaError> {
        let name = new.name.as_str();
        validate_topic_name(name)?;
        if self.image.topics.contains_key(name) {
            return Err(KafkaError::new(
                ErrorCode::TopicAlreadyExists,
                format!("Topic '{name}' already exists."),
            ));
        }
        if let Some(other) =
            self.image.topics.keys().find(|t| topic_names_collide(t.as_str(), name))
        {
            return Err(KafkaError::new(
                ErrorCode::InvalidTopicException,
                format!("Topic '{name}' collides with existing topic: {other}"),
            ));
        }
        let mut overrides = VecMap::new();
        for (key, value) in &new.configs {
            let Some(value) = value else {
                return Err(KafkaError::new(
                    ErrorCode::InvalidRequest,
                    format!("Null value not supported for topic configs: {key}"),
                ));
            };
            overrides.insert(key.clone(), value.clone());
        }
        let config = self.config.log.with_overrides(&overrides)?;
        let assignment = self.replica_assignment(new)?;
        let info = CreatedTopicInfo {
            id: Uuid::ZERO,
            partitions: assignment.len() as i32,
            replication_factor: assignment.first().map_or(0, |r| r.len() as i16),
        };
        if validate_only {
            return Ok(info);
        }
        let id = self.new_topic_id();
        let topic = TopicState {
            name: new.name.clone(),
            id,
            // Kafka knows its internal topics by name, whoever created them.
            internal: is_internal_topic(name),
            overrides,
            config,
            partitions: Vec::new(),
        };
        self.image.topics.insert(new.name.clone(), topic);
        self.emit(Event::TopicCreated {
            topic: new.name.clone(),
            partitions: info.partitions,
            replication_factor: info.replication_factor,
            auto_created,
        });
        self.add_partition_states(&new.name, assignment);
        Ok(CreatedTopicInfo { id, ..info })
    }

    fn new_topic_id(&mut self) -> Uuid {
        loop {
            let id = Uuid::from_u64_pair(self.rng.next_u64(), self.rng.next_u64());
            if id != Uuid::ZERO && self.image.topic_by_id(id).is_none() {
                return id;
            }
        }
    }

    /// The replicas of each partition of a new topic: given by hand, or placed as Kafka places
    /// them over the live brokers.
    fn replica_assignment(&mut self, new: &NewTopic) -> Result<Vec<Vec<BrokerId>>, KafkaError> {
        if !new.assignments.is_empty() {
            if new.num_partitions != -1 || new.replication_factor != -1 {
                return Err(KafkaError::new(
                    ErrorCode::InvalidRequest,
                    "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.",
                ));
            }
            let mut by_index: Vec<&ReplicaAssignment> = new.assignments.iter().collect();
            crate::sort::sort_by_key(&mut by_index, |a| a.partition);
            for (i, a) in by_index.iter().enumerate() {
                if a.partition.0 != i as i32 {
                    return Err(KafkaError::new(
                        ErrorCode::InvalidReplicaAssignment,
                        "Partitions in a replica assignment must be numbered 0, 1, 2, … without gaps.",
                    ));
                }
            }
            let lists: Vec<Vec<BrokerId>> = by_index.iter().map(|a| a.broker_ids.clone()).collect();
            self.validate_manual_assignment(&lists)?;
            return Ok(lists);
        }
        let partitions = match new.num_partitions {
            -1 => self.config.num_partitions,
            n if n <= 0 => {
                return Err(KafkaError::new(
                    ErrorCode::InvalidPartitions,
                    "Number of partitions was set to an invalid non-positive value.",
                ));
            }
            n => n,
        };
        let rf = match new.replication_factor {
            -1 => self.config.default_replication_factor,
            n if n <= 0 => {
                return Err(KafkaError::new(
                    ErrorCode::InvalidReplicationFactor,
                    "Replication factor must be larger than 0, or -1 to use the default value.",
                ));
            }
            n => n,
        };
        self.place(partitions, rf, 0)
    }

    fn place(
        &mut self,
        partitions: i32,
        rf: i16,
        first: i32,
    ) -> Result<Vec<Vec<BrokerId>>, KafkaError> {
        if partitions.saturating_add(first) > MAX_PARTITIONS_PER_TOPIC {
            return Err(KafkaError::new(
                ErrorCode::InvalidPartitions,
                format!("A topic may have at most {MAX_PARTITIONS_PER_TOPIC} partitions in kplay."),
            ));
        }
        let brokers: Vec<(BrokerId, Option<String>)> =
            self.image.live_brokers().map(|b| (b.id, b.rack.clone())).collect();
        assign_replicas(&brokers, partitions, rf, first, &mut self.rng)
    }

    fn validate_manual_assignment(&self, lists: &[Vec<BrokerId>]) -> Result<(), KafkaError> {
        let invalid = |m: String| Err(KafkaError::new(ErrorCode::InvalidReplicaAssignment, m));
        if lists.len() as i32 > MAX_PARTITIONS_PER_TOPIC {
            return invalid(format!(
                "A topic may have at most {MAX_PARTITIONS_PER_TOPIC} partitions in kplay."
            ));
        }
        for (i, replicas) in lists.iter().enumerate() {
            if replicas.is_empty() {
                return invalid(format!("Partition {i} has an empty replica list."));
            }
            let mut seen = replicas.clone();
            crate::sort::sort(&mut seen);
            seen.dedup();
            if seen.len() != replicas.len() {
                return invalid(format!(
                    "Partition {i} lists a broker more than once: {replicas:?}."
                ));
            }
            if let Some(b) = replicas.iter().find(|b| !self.image.brokers.contains_key(b)) {
                return invalid(format!(
                    "Partition {i} names broker {b}, which is not registered."
                ));
            }
            if replicas.len() != lists[0].len() {
                return invalid("All partitions must have the same number of replicas.".to_owned());
            }
        }
        Ok(())
    }

    /// Adds partitions with these replicas to a topic: ISR = live replicas, leader = the first
    /// of them.
    fn add_partition_states(&mut self, topic: &TopicName, assignment: Vec<Vec<BrokerId>>) {
        let first = self.image.topics.get(topic).map_or(0, |t| t.partitions.len() as i32);
        for (i, replicas) in assignment.into_iter().enumerate() {
            let live: Vec<BrokerId> =
                replicas.iter().copied().filter(|b| self.image.is_live(*b)).collect();
            let leader = live.first().copied();
            let isr = if live.is_empty() { replicas.clone() } else { live };
            let state = PartitionState {
                replicas,
                leader,
                leader_epoch: LeaderEpoch(0),
                partition_epoch: 0,
                isr,
            };
            let waiting_for = state.isr.clone();
            if let Some(t) = self.image.topics.get_mut(topic) {
                t.partitions.push(state);
            }
            let tp = TopicPartition {
                topic: topic.clone(),
                partition: PartitionIndex(first + i as i32),
            };
            match leader {
                Some(leader) => self.emit(Event::LeaderElected {
                    partition: tp.clone(),
                    leader,
                    leader_epoch: LeaderEpoch(0),
                    previous: None,
                    reason: ElectionReason::NewPartition,
                }),
                None => self.emit(Event::PartitionOffline { partition: tp.clone(), waiting_for }),
            }
            if tp.topic.as_str() == OFFSETS_TOPIC {
                self.coordinator_partition_moved(tp.partition, leader);
            }
            self.apply_partition(&tp);
        }
    }

    /// Grows a topic to `count` partitions.
    pub(crate) fn add_partitions(
        &mut self,
        name: &TopicName,
        count: i32,
        assignments: Option<&[Vec<BrokerId>]>,
        validate_only: bool,
    ) -> Result<(), KafkaError> {
        let Some(topic) = self.image.topics.get(name) else {
            return Err(KafkaError::new(
                ErrorCode::UnknownTopicOrPartition,
                format!("The topic '{name}' does not exist."),
            ));
        };
        if topic.internal {
            return Err(KafkaError::new(
                ErrorCode::InvalidTopicException,
                format!("Cannot add partitions to internal topic {name}."),
            ));
        }
        let current = topic.partitions.len() as i32;
        let rf = topic.replication_factor();
        if count < current {
            return Err(KafkaError::new(
                ErrorCode::InvalidPartitions,
                format!(
                    "Topic currently has {current} partitions, which is higher than the requested {count}."
                ),
            ));
        }
        if count == current {
            return Err(KafkaError::new(
                ErrorCode::InvalidPartitions,
                format!("Topic already has {current} partitions."),
            ));
        }
        let assignment = match assignments {
            Some(lists) => {
                if lists.len() as i32 != count - current {
                    return Err(KafkaError::new(
                        ErrorCode::InvalidReplicaAssignment,
                        format!(
                            "Increasing the number of partitions by {} but {} assignments provided.",
                            count - current,
                            lists.len()
                        ),
                    ));
                }
                self.validate_manual_assignment(lists)?;
                lists.to_vec()
            }
            None => self.place(count - current, rf, current)?,
        };
        if validate_only {
            return Ok(());
        }
        self.emit(Event::PartitionsAdded { topic: name.clone(), from: current, to: count });
        self.add_partition_states(name, assignment);
        Ok(())
    }

    /// Deletes a topic: its partitions, every replica's log, and offsets committed for it.
    pub(crate) fn delete_topic(&mut self, name: &TopicName) {
        let Some(topic) = self.image.topics.remove(name) else { return };
        let partitions: Vec<TopicPartition> = (0..topic.partitions.len() as i32)
            .map(|i| TopicPartition { topic: name.clone(), partition: PartitionIndex(i) })
            .collect();
        let brokers: Vec<BrokerId> = self.brokers.keys().copied().collect();
        for b in brokers {
            for tp in &partitions {
                self.wake_all(b, tp);
            }
            let node = self.brokers.get_mut(&b).expect("listed above");
            node.replicas.retain(|tp, _| &tp.topic != name);
            for fetcher in node.fetchers.values_mut() {
                fetcher.partitions.retain(|tp| &tp.topic != name);
            }
            node.fetchers.retain(|_, f| !f.partitions.is_empty());
        }
        self.groups.topic_deleted(name);
        self.emit(Event::TopicDeleted { topic: name.clone() });
    }

    /// Creates `__consumer_offsets` if it does not exist yet (as Kafka does on the first
    /// FindCoordinator), with its replication factor capped at the live brokers.
    pub(crate) fn ensure_offsets_topic(&mut self) -> Result<(), KafkaError> {
        let (partitions, rf) = (
            self.config.offsets_topic_num_partitions,
            self.config.offsets_topic_replication_factor,
        );
        self.ensure_internal_topic(NewTopic::new(OFFSETS_TOPIC, partitions, rf))
    }

    /// Creates a coordinators' internal topic (compacted, 100 MiB segments) if it does not exist
    /// yet, with its replication factor capped at the live brokers.
    pub(crate) fn ensure_internal_topic(&mut self, mut topic: NewTopic) -> Result<(), KafkaError> {
        if self.image.topics.contains_key(&topic.name) {
            return Ok(());
        }
        let live = self.image.live_brokers().count() as i16;
        if live == 0 {
            return Err(ErrorCode::CoordinatorNotAvailable.into());
        }
        topic.replication_factor = topic.replication_factor.min(live);
        let topic = topic.config("cleanup.policy", "compact").config("segment.bytes", "104857600");
        self.create_topic(&topic, false, true).map(|_| ())
    }

    /// The partition of the internal topic `name` that holds `key` (Kafka's
    /// `abs(hashCode) % partitions`): its leader coordinates `key`.
    pub(crate) fn coordinator_partition(
        &self,
        name: &str,
        key: &str,
    ) -> Result<&PartitionState, ErrorCode> {
        let topic = self.image.topics.get(name).ok_or(ErrorCode::CoordinatorNotAvailable)?;
        let partition = offsets_partition_for(key, topic.partitions.len() as i32);
        topic.partition(PartitionIndex(partition)).ok_or(ErrorCode::CoordinatorNotAvailable)
    }

    /// The broker coordinating `group_id`: the leader of its `__consumer_offsets` partition.
    pub(crate) fn coordinator_for(&self, group_id: &str) -> Result<BrokerId, ErrorCode> {
        let partition = self.coordinator_partition(OFFSETS_TOPIC, group_id)?;
        partition.leader.ok_or(ErrorCode::CoordinatorNotAvailable)
    }

    /// A `__consumer_offsets` partition has a new leader: its groups have a new coordinator.
    pub(crate) fn coordinator_partition_moved(
        &mut self,
        partition: PartitionIndex,
        leader: Option<BrokerId>,
    ) {
        let count = self.image.topics.get(OFFSETS_TOPIC).map_or(1, |t| t.partitions.len() as i32);
        let moved =
            move |g: &crate::ids::GroupId| offsets_partition_for(g.as_str(), count) == partition.0;
        let groups: Vec<_> =
            self.groups.groups().map(|g| g.group_id().clone()).filter(|g| moved(g)).collect();
        self.groups.coordinator_moved(self.now, &moved);
        for group in groups {
            self.emit(Event::CoordinatorMoved { group, coordinator: leader });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_partitions_match_kafka() {
        // "".hashCode() == 0; "a".hashCode() == 97; "polygenelubricants".hashCode() == i32::MIN.
        assert_eq!(java_string_hash(""), 0);
        assert_eq!(java_string_hash("a"), 97);
        assert_eq!(java_string_hash("hello"), 99_162_322);
        assert_eq!(java_string_hash("polygenelubricants"), i32::MIN);
        assert_eq!(offsets_partition_for("polygenelubricants", 50), 0);
        assert_eq!(offsets_partition_for("hello", 50), 99_162_322 % 50);
        assert_eq!(offsets_partition_for("my-group", 50), java_string_hash("my-group").abs() % 50);
    }
}
