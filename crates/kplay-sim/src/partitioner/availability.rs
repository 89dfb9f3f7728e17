//! What a producer knows about a topic's partitions when it partitions a record: how many there
//! are, and which currently have a leader ("available", in the clients' vocabulary) — and the
//! random draws each client makes over them.
//!
//! Invariants: partition ids are `0..partition_count`, so "the sorted partition ids" kafka-python
//! indexes are the ids themselves; available partitions are always listed in ascending order, so
//! a draw of index `i` means the same partition on every run. Draws use only the [`SimRng`]
//! passed in.

use kplay_core::PartitionIndex;

use super::reason::{Draw, DrawPool};
use crate::rng::SimRng;

/// A topic's partition count and which of its partitions have a leader, as the producer's
/// metadata sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionAvailability {
    has_leader: Vec<bool>,
}

impl PartitionAvailability {
    /// `partition_count` partitions, all with a leader.
    pub fn all_available(partition_count: u32) -> Self {
        PartitionAvailability { has_leader: vec![true; partition_count as usize] }
    }

    /// One entry per partition, in partition order: whether it has a leader.
    pub fn from_leaders(has_leader: impl IntoIterator<Item = bool>) -> Self {
        PartitionAvailability { has_leader: has_leader.into_iter().collect() }
    }

    /// The same partitions with `partition` marked leaderless; out-of-range ids are ignored.
    pub fn without_leader(mut self, partition: i32) -> Self {
        if let Some(slot) = usize::try_from(partition).ok().and_then(|p| self.has_leader.get_mut(p))
        {
            *slot = false;
        }
        self
    }

    /// How many partitions the topic has.
    pub fn partition_count(&self) -> u32 {
        self.has_leader.len() as u32
    }

    /// Whether `partition` exists in the topic.
    pub fn contains(&self, partition: i32) -> bool {
        usize::try_from(partition).is_ok_and(|p| p < self.has_leader.len())
    }

    /// Whether `partition` exists and has a leader.
    pub fn has_leader(&self, partition: i32) -> bool {
        usize::try_from(partition).ok().and_then(|p| self.has_leader.get(p)).copied() == Some(true)
    }

    /// The partitions with a leader, in ascending order.
    pub fn available(&self) -> Vec<PartitionIndex> {
        (0..self.has_leader.len())
            .filter(|&p| self.has_leader[p])
            .map(|p| PartitionIndex(p as i32))
            .collect()
    }
}

/// Java (`BuiltInPartitioner`, `StickyPartitionCache` with no previous partition) and
/// kafka-python: uniform among the available partitions, or among all when none is available.
pub(super) fn draw_uniform(partitions: &PartitionAvailability, rng: &mut SimRng) -> Draw {
    draw_other_than(partitions, None, rng)
}

/// Java's KIP-480 `StickyPartitionCache.nextPartition`: uniform among the available partitions
/// other than `avoid` (the partition being left); the only available one if there is just one;
/// among all partitions if none is available.
pub(super) fn draw_other_than(
    partitions: &PartitionAvailability,
    avoid: Option<PartitionIndex>,
    rng: &mut SimRng,
) -> Draw {
    let available = partitions.available();
    let count = partitions.partition_count();
    if available.is_empty() {
        let partition = PartitionIndex(rng.below(u64::from(count)) as i32);
        return Draw { partition, pool: DrawPool::NoneAvailable { count } };
    }
    // Java redraws until the partition differs from the one being left; drawing among the others
    // once has the same distribution.
    let excluded = avoid.filter(|old| available.len() > 1 && available.contains(old));
    let candidates: Vec<PartitionIndex> =
        available.into_iter().filter(|&p| Some(p) != excluded).collect();
    let partition = candidates[rng.index(candidates.len()).unwrap_or(0)];
    let count = candidates.len() as u32;
    let pool = match excluded {
        Some(except) => DrawPool::AvailableExcept { count, except },
        None => DrawPool::Available { count },
    };
    Draw { partition, pool }
}

/// librdkafka's `rd_kafka_msg_partitioner_random`: uniform among *all* partitions; if the drawn
/// one has no leader, draw once more and keep the second draw whatever it is.
pub(super) fn draw_librdkafka(partitions: &PartitionAvailability, rng: &mut SimRng) -> Draw {
    let count = partitions.partition_count();
    let first = PartitionIndex(rng.below(u64::from(count)) as i32);
    if partitions.has_leader(first.0) {
        let pool = DrawPool::Librdkafka { count, redrawn_from: None, leaderless: false };
        return Draw { partition: first, pool };
    }
    let second = PartitionIndex(rng.below(u64::from(count)) as i32);
    let leaderless = !partitions.has_leader(second.0);
    Draw {
        partition: second,
        pool: DrawPool::Librdkafka { count, redrawn_from: Some(first), leaderless },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_lists_partitions_with_a_leader_in_order() {
        let parts = PartitionAvailability::all_available(4).without_leader(1).without_leader(9);
        assert_eq!(parts.partition_count(), 4);
        assert_eq!(
            parts.available(),
            vec![PartitionIndex(0), PartitionIndex(2), PartitionIndex(3)]
        );
        assert!(parts.contains(1) && !parts.has_leader(1));
        assert!(!parts.contains(4) && !parts.contains(-1) && !parts.has_leader(-1));
    }

    #[test]
    fn kip480_draw_never_returns_the_partition_it_leaves() {
        let parts = PartitionAvailability::all_available(3);
        let mut rng = SimRng::new(3);
        for _ in 0..200 {
            let draw = draw_other_than(&parts, Some(PartitionIndex(1)), &mut rng);
            assert_ne!(draw.partition, PartitionIndex(1));
            assert_eq!(
                draw.pool,
                DrawPool::AvailableExcept { count: 2, except: PartitionIndex(1) }
            );
        }
        // With one partition available it is the only choice, even if it is the one being left.
        let single = PartitionAvailability::from_leaders([false, true, false]);
        let draw = draw_other_than(&single, Some(PartitionIndex(1)), &mut rng);
        assert_eq!(
            (draw.partition, draw.pool),
            (PartitionIndex(1), DrawPool::Available { count: 1 })
        );
    }

    #[test]
    fn with_no_leader_anywhere_draws_fall_back_to_all_partitions() {
        let parts = PartitionAvailability::from_leaders([false, false]);
        let mut rng = SimRng::new(5);
        let draw = draw_uniform(&parts, &mut rng);
        assert_eq!(draw.pool, DrawPool::NoneAvailable { count: 2 });
        assert!(parts.contains(draw.partition.0));
    }
}
