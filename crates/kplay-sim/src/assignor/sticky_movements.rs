//! Java's `PartitionMovements`: the general sticky algorithm's record of which partitions it
//! has moved between which members during one assignment.
//!
//! Its purpose is stickiness within the rebalance: when the algorithm wants to move a partition
//! of topic `t` from member A to member B and some partition of `t` was already moved from B to
//! A, it moves that one back instead, so partitions do not swap owners needlessly. Which one it
//! picks is the first element of a Java `HashSet`, so the set's iteration order is reproduced.

use kplay_core::vec_map::VecMap;
use kplay_core::{MemberId, TopicName, TopicPartition};

use crate::java::TopicPartitionHashSet;

/// A move from `.0` to `.1`.
type Pair = (MemberId, MemberId);

#[derive(Default)]
pub(crate) struct PartitionMovements {
    by_topic: VecMap<TopicName, VecMap<Pair, TopicPartitionHashSet>>,
    by_partition: VecMap<TopicPartition, Pair>,
}

impl PartitionMovements {
    fn remove_record(&mut self, tp: &TopicPartition) -> Option<Pair> {
        let pair = self.by_partition.remove(tp)?;
        if let Some(pairs) = self.by_topic.get_mut(&tp.topic) {
            if let Some(set) = pairs.get_mut(&pair) {
                set.remove(tp);
                if set.is_empty() {
                    pairs.remove(&pair);
                }
            }
            if pairs.is_empty() {
                self.by_topic.remove(&tp.topic);
            }
        }
        Some(pair)
    }

    fn add_record(&mut self, tp: TopicPartition, pair: Pair) {
        self.by_partition.insert(tp.clone(), pair.clone());
        self.by_topic.entry(tp.topic.clone()).or_default().entry(pair).or_default().insert(tp);
    }

    /// Records that `tp` moves from `old` to `new`; a partition moving back to where it started
    /// leaves no record.
    pub(crate) fn move_partition(&mut self, tp: &TopicPartition, old: &MemberId, new: &MemberId) {
        match self.remove_record(tp) {
            Some((src, _)) => {
                if src != *new {
                    self.add_record(tp.clone(), (src, new.clone()));
                }
            }
            None => self.add_record(tp.clone(), (old.clone(), new.clone())),
        }
    }

    /// The partition to move when `tp` should go from `old` to `new`: one of its topic that
    /// already moved from `new` towards `old`, if any, else `tp` itself.
    pub(crate) fn partition_to_move(
        &self,
        tp: &TopicPartition,
        old: &MemberId,
        new: &MemberId,
    ) -> TopicPartition {
        let Some(pairs) = self.by_topic.get(&tp.topic) else {
            return tp.clone();
        };
        let old = self.by_partition.get(tp).map_or(old, |(src, _)| src);
        pairs
            .get(&(new.clone(), old.clone()))
            .and_then(TopicPartitionHashSet::first)
            .unwrap_or(tp)
            .clone()
    }
}
