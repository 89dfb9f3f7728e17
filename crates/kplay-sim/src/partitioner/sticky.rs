//! The per-topic state behind keyless partitioning — the three sticky rules (KIP-794,
//! KIP-480, librdkafka's linger) and the round-robin counter — and the step each takes per
//! record.
//!
//! Invariants: a topic's sticky partition changes only inside a `choose` call, so a switch made
//! due by a hook (a full batch, a new batch) is drawn when the next keyless record of that topic
//! asks, with the availability it sees then; random draws come only from the `SimRng` passed in.

use kplay_core::{PartitionIndex, Timestamp};

use super::availability::{PartitionAvailability, draw_librdkafka, draw_other_than, draw_uniform};
use super::hash::to_positive;
use super::reason::{Choice, ChoiceReason, Draw, KeylessKey, StickyRule, StickyStep, SwitchCause};
use crate::rng::SimRng;

/// The state of the partition's last batch after an append, as the producer's accumulator sees
/// it (Java's `allBatchesFull`, which decides whether KIP-794 may switch at `batch.size`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LastBatch {
    /// The partition's last batch is full (or the partition has no open batch).
    Full,
    /// The partition's last batch can still take records — usually true right after a record
    /// opened a new batch. Java then waits for that batch to fill, up to 2 × `batch.size`.
    HasRoom,
}

/// What a partitioner remembers about one topic.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct TopicState {
    /// The sticky partition, once one has been drawn.
    sticky: Option<PartitionIndex>,
    /// KIP-794: bytes produced to the sticky partition since it was drawn.
    produced_bytes: u64,
    /// librdkafka: when the sticky partition was drawn.
    chosen_at: Timestamp,
    /// A switch a hook made due, carried out by the next keyless `choose`.
    switch_due: Option<SwitchCause>,
    /// Round robin: the next counter value.
    counter: u32,
}

impl TopicState {
    /// The sticky partition, if one has been drawn.
    pub(super) fn sticky(&self) -> Option<PartitionIndex> {
        self.sticky
    }

    /// Keeps the sticky partition, or draws one when there is none or `cause` says to leave.
    fn next_sticky(
        &mut self,
        now: Timestamp,
        cause: Option<SwitchCause>,
        draw: impl FnOnce(Option<PartitionIndex>) -> Draw,
    ) -> (PartitionIndex, StickyStep) {
        let step = match (self.sticky, cause) {
            (Some(partition), None) => return (partition, StickyStep::Kept { partition }),
            (None, _) => StickyStep::Started(draw(None)),
            (Some(from), Some(cause)) => {
                StickyStep::Switched { from, cause, draw: draw(Some(from)) }
            }
        };
        let partition = match step {
            StickyStep::Started(draw) | StickyStep::Switched { draw, .. } => draw.partition,
            StickyStep::Kept { partition } => partition,
        };
        self.sticky = Some(partition);
        self.chosen_at = now;
        self.produced_bytes = 0;
        self.switch_due = None;
        (partition, step)
    }

    /// Why the sticky partition can no longer be used at all (the topic shrank beneath it).
    fn vanished(&self, partitions: &PartitionAvailability) -> Option<SwitchCause> {
        self.sticky.filter(|p| !partitions.contains(p.0)).map(|_| SwitchCause::Vanished)
    }
}

/// Java 3.3+ keyless records (KIP-794 `BuiltInPartitioner`, non-adaptive): stay until a hook
/// reports `batch.size` bytes, then draw uniformly among the partitions with a leader — possibly
/// the same one again. The sticky partition is kept even if it loses its leader.
pub(super) fn uniform_sticky(
    state: &mut TopicState,
    key: KeylessKey,
    batch_size: u32,
    partitions: &PartitionAvailability,
    now: Timestamp,
    rng: &mut SimRng,
) -> Choice {
    let cause = state.vanished(partitions).or(state.switch_due);
    let (partition, step) = state.next_sticky(now, cause, |_| draw_uniform(partitions, rng));
    let rule = StickyRule::UniformSticky { batch_size, produced_bytes: state.produced_bytes };
    Choice { partition, reason: ChoiceReason::Sticky { key, rule, step } }
}

/// KIP-794 byte counting: `appended_bytes` went to `partition`. Switch at `batch.size` if the
/// last batch is full, or at 2 × `batch.size` regardless (Java's `updatePartitionInfo`).
pub(super) fn count_appended(
    state: &mut TopicState,
    partition: PartitionIndex,
    appended_bytes: u32,
    last_batch: LastBatch,
    batch_size: u32,
) {
    if state.sticky != Some(partition) || state.switch_due.is_some() {
        return;
    }
    state.produced_bytes += u64::from(appended_bytes);
    let batch_size = u64::from(batch_size.max(1));
    let batch_full = last_batch == LastBatch::Full && state.produced_bytes >= batch_size;
    if batch_full || state.produced_bytes >= 2 * batch_size {
        let produced_bytes = state.produced_bytes;
        state.switch_due = Some(SwitchCause::BatchSizeReached { produced_bytes, batch_full });
    }
}

/// Java 2.4–3.2 keyless records (KIP-480 `StickyPartitionCache`): stay until the sticky
/// partition needs a new batch, then draw among the other partitions with a leader. The sticky
/// partition is kept even if it loses its leader.
pub(super) fn new_batch_sticky(
    state: &mut TopicState,
    key: KeylessKey,
    partitions: &PartitionAvailability,
    now: Timestamp,
    rng: &mut SimRng,
) -> Choice {
    let cause = state.vanished(partitions).or(state.switch_due);
    let (partition, step) =
        state.next_sticky(now, cause, |from| draw_other_than(partitions, from, rng));
    Choice {
        partition,
        reason: ChoiceReason::Sticky { key, rule: StickyRule::UntilNewBatch, step },
    }
}

/// KIP-480 `onNewBatch(prevPartition)`: switch only if `partition` is still the sticky one.
pub(super) fn new_batch_needed(state: &mut TopicState, partition: PartitionIndex) {
    if state.sticky == Some(partition) {
        state.switch_due = Some(SwitchCause::NewBatch);
    }
}

/// librdkafka keyless records (`rd_kafka_msg_sticky_partition`): stay for more than
/// `linger_ms`, or until the sticky partition loses its leader, then draw as librdkafka's
/// random partitioner does. With `linger_ms = 0` every record is drawn on its own.
pub(super) fn linger_sticky(
    state: &mut TopicState,
    key: KeylessKey,
    linger_ms: u32,
    partitions: &PartitionAvailability,
    now: Timestamp,
    rng: &mut SimRng,
) -> Choice {
    if linger_ms == 0 {
        let draw = draw_librdkafka(partitions, rng);
        return Choice { partition: draw.partition, reason: ChoiceReason::Random { key, draw } };
    }
    let cause = match state.sticky {
        None => None,
        Some(p) if !partitions.contains(p.0) => Some(SwitchCause::Vanished),
        Some(p) if !partitions.has_leader(p.0) => Some(SwitchCause::NoLeader),
        Some(_) => {
            let elapsed_ms = now.ms_since(state.chosen_at);
            (elapsed_ms > i64::from(linger_ms)).then_some(SwitchCause::LingerElapsed { elapsed_ms })
        }
    };
    let (partition, step) = state.next_sticky(now, cause, |_| draw_librdkafka(partitions, rng));
    let rule = StickyRule::Linger { linger_ms, since: state.chosen_at };
    Choice { partition, reason: ChoiceReason::Sticky { key, rule, step } }
}

/// kafka-python keyless records: an independent uniform draw among the partitions with a
/// leader (all partitions if none has one).
pub(super) fn random(
    key: KeylessKey,
    partitions: &PartitionAvailability,
    rng: &mut SimRng,
) -> Choice {
    let draw = draw_uniform(partitions, rng);
    Choice { partition: draw.partition, reason: ChoiceReason::Random { key, draw } }
}

/// Java's `RoundRobinPartitioner`: the topic's counter, taken then advanced, indexes the
/// partitions with a leader (all partitions if none has one).
pub(super) fn round_robin(state: &mut TopicState, partitions: &PartitionAvailability) -> Choice {
    let counter = state.counter;
    state.counter = counter.wrapping_add(1);
    let available = partitions.available();
    let available_only = !available.is_empty();
    let pool_size =
        if available_only { available.len() as u32 } else { partitions.partition_count() };
    let index = to_positive(counter) % pool_size;
    let partition =
        if available_only { available[index as usize] } else { PartitionIndex(index as i32) };
    let reason = ChoiceReason::RoundRobin { counter, index, pool_size, available_only, partition };
    Choice { partition, reason }
}
