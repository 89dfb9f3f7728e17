//! Producer partitioners: which partition each record goes to, exactly as the real clients
//! decide it, with a reason a learner can read.
//!
//! Keyed records are the same everywhere except in librdkafka's default; keyless records are
//! where clients differ, and where the classic surprise lives ("3 partitions, 3 consumers, only
//! one gets messages": a sticky partitioner puts a burst of keyless records on one partition).
//!
//! | [`PartitionerKind`] | keyed record | keyless record |
//! |---|---|---|
//! | `JavaDefault` | `toPositive(murmur2) % n` | sticky until `batch.size` bytes (KIP-794) |
//! | `JavaLegacySticky` | same | sticky until a new batch (KIP-480) |
//! | `KafkaPython` | same, over the sorted ids | random |
//! | `LibrdkafkaConsistentRandom` | `crc32 % n`; empty key = keyless | sticky for the linger |
//! | `LibrdkafkaMurmur2Random` | as Java (empty key hashed) | sticky for the linger |
//! | `RoundRobin` | keys ignored: per-topic counter | per-topic counter |
//!
//! Keyed hashing spans *all* partitions, leader or not (so a key's partition never moves while a
//! broker is down); keyless strategies draw among partitions with a leader. A partition named on
//! the record overrides every partitioner, after validation.
//!
//! # Layout
//!
//! - [`hash`]: murmur2, `toPositive` and crc32, pinned to the clients' test vectors.
//! - `kind`: [`PartitionerKind`], [`PartitionerConfig`], [`PartitionError`].
//! - `availability`: [`PartitionAvailability`] and the random draws each client makes.
//! - `sticky`: the per-topic sticky and round-robin state.
//! - `reason`, `reason_text`: [`Choice`], [`ChoiceReason`] and the sentences they print.
//!
//! # Driving it
//!
//! The simulated producer owns one [`Partitioner`] and calls [`Partitioner::choose`] per record;
//! its accumulator reports back through [`Partitioner::on_new_batch`] (KIP-480) and
//! [`Partitioner::on_append`] (KIP-794). State is per topic in a `VecMap`, and every random
//! draw comes from the [`SimRng`] passed in, so a seed replays the same choices.
//!
//! # Simplifications
//!
//! - Random numbers come from [`SimRng`], not the clients' own generators: the same
//!   distributions, not the same numbers.
//! - `JavaDefault` is KIP-794 *without* the adaptive part: the next sticky partition is drawn
//!   uniformly, not weighted by queue sizes (as with `partitioner.adaptive.partitioning.enable=false`);
//!   `partitioner.availability.timeout.ms` and `partitioner.ignore.keys` are not modelled.
//! - A switch a hook makes due is drawn when the topic's next keyless record asks, not inside
//!   the hook; the draw is the same, over the availability seen then.
//! - `RoundRobin` advances its counter once per record, as Kafka 3.9.1/4.0 do (KAFKA-17632);
//!   older clients advanced it twice when a record started a new batch and skipped partitions.
//! - librdkafka's timers are in microseconds; here time is whole milliseconds, and a topic
//!   whose metadata is not known yet is a [`PartitionError::NoPartitions`] rather than
//!   librdkafka's queue of records waiting to be partitioned.
//!
//! # Example
//!
//! ```
//! use bytes::Bytes;
//! use kplay_core::{PartitionIndex, Timestamp};
//! use kplay_sim::partitioner::{
//!     LastBatch, PartitionAvailability, Partitioner, PartitionerConfig, PartitionerKind,
//! };
//! use kplay_sim::rng::SimRng;
//!
//! let mut rng = SimRng::new(7);
//! let partitions = PartitionAvailability::all_available(4);
//! let mut java = Partitioner::new(PartitionerConfig::new(PartitionerKind::JavaDefault));
//!
//! // A keyed record: the same key always lands on the same partition.
//! let kafka = Bytes::from_static(b"kafka");
//! let choice = java.choose("orders", Some(&kafka), None, &partitions, Timestamp(0), &mut rng)?;
//! assert_eq!(choice.partition, PartitionIndex(0));
//! assert_eq!(
//!     choice.reason.to_string(),
//!     "murmur2(\"kafka\") = 0xd067cf64, positive 0x5067cf64 = 1348980580, 1348980580 % 4 = 0"
//! );
//!
//! // Keyless records stick to one partition until batch.size (16384) bytes went there.
//! let first = java.choose("orders", None, None, &partitions, Timestamp(0), &mut rng)?;
//! java.on_append("orders", &first, 100, LastBatch::HasRoom);
//! let second = java.choose("orders", None, None, &partitions, Timestamp(1), &mut rng)?;
//! assert_eq!(second.partition, first.partition);
//! assert!(second.reason.to_string().contains("until 16384 bytes (100 produced so far, KIP-794)"));
//! # Ok::<(), kplay_sim::partitioner::PartitionError>(())
//! ```

pub mod hash;

mod availability;
mod kind;
mod reason;
mod reason_text;
mod sticky;

// Property tests need proptest, which is not built for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests_keyless;

use bytes::Bytes;

use kplay_core::vec_map::VecMap;
use kplay_core::{PartitionIndex, Timestamp};

pub use availability::PartitionAvailability;
pub use kind::{LIBRDKAFKA_PARTITION_UA, PartitionError, PartitionerConfig, PartitionerKind};
pub use reason::{
    Choice, ChoiceReason, Draw, DrawPool, HashAlgorithm, KeylessKey, StickyRule, StickyStep,
    SwitchCause,
};
pub use reason_text::key_text;
pub use sticky::LastBatch;

use crate::rng::SimRng;
use sticky::TopicState;

/// One producer's partitioner: its kind, settings and per-topic state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partitioner {
    config: PartitionerConfig,
    topics: VecMap<String, TopicState>,
}

impl Partitioner {
    /// A partitioner with no history.
    pub fn new(config: PartitionerConfig) -> Self {
        Partitioner { config, topics: VecMap::new() }
    }

    /// The kind and settings.
    pub fn config(&self) -> &PartitionerConfig {
        &self.config
    }

    /// The partition keyless records of `topic` currently stick to, if any.
    pub fn sticky_partition(&self, topic: &str) -> Option<PartitionIndex> {
        self.topics.get(topic).and_then(TopicState::sticky)
    }

    /// Chooses the partition for one record of `topic`.
    ///
    /// `key` is the serialized key (`None` for a null key); `explicit` the partition set on the
    /// record, which wins if the topic has it (librdkafka kinds read -1 as "unassigned");
    /// `partitions` the producer's current metadata for the topic; `now` the virtual clock.
    pub fn choose(
        &mut self,
        topic: &str,
        key: Option<&Bytes>,
        explicit: Option<i32>,
        partitions: &PartitionAvailability,
        now: Timestamp,
        rng: &mut SimRng,
    ) -> Result<Choice, PartitionError> {
        let kind = self.config.kind;
        let partition_count = partitions.partition_count();
        let explicit =
            explicit.filter(|&p| !(kind.is_librdkafka() && p == LIBRDKAFKA_PARTITION_UA));
        if let Some(partition) = explicit {
            if !partitions.contains(partition) {
                let topic = topic.to_owned();
                return Err(PartitionError::UnknownPartition { topic, partition, partition_count });
            }
            let partition = PartitionIndex(partition);
            return Ok(Choice { partition, reason: ChoiceReason::Explicit { partition } });
        }
        if partition_count == 0 {
            return Err(PartitionError::NoPartitions { topic: topic.to_owned() });
        }
        match (kind, key) {
            (PartitionerKind::RoundRobin, _) => {}
            (PartitionerKind::LibrdkafkaConsistentRandom, Some(key)) if !key.is_empty() => {
                return Ok(hashed(HashAlgorithm::Crc32, key, partition_count));
            }
            (PartitionerKind::LibrdkafkaConsistentRandom, _) | (_, None) => {}
            (_, Some(key)) => return Ok(hashed(HashAlgorithm::Murmur2, key, partition_count)),
        }
        let keyless = if key.is_some() { KeylessKey::Empty } else { KeylessKey::Null };
        let config = self.config;
        if !self.topics.contains_key(topic) {
            self.topics.insert(topic.to_owned(), TopicState::default());
        }
        let state = self.topics.get_mut(topic).expect("inserted above");
        Ok(match kind {
            PartitionerKind::JavaDefault => {
                sticky::uniform_sticky(state, keyless, config.batch_size, partitions, now, rng)
            }
            PartitionerKind::JavaLegacySticky => {
                sticky::new_batch_sticky(state, keyless, partitions, now, rng)
            }
            PartitionerKind::KafkaPython => sticky::random(keyless, partitions, rng),
            PartitionerKind::LibrdkafkaConsistentRandom
            | PartitionerKind::LibrdkafkaMurmur2Random => {
                let linger_ms = config.sticky_partitioning_linger_ms;
                sticky::linger_sticky(state, keyless, linger_ms, partitions, now, rng)
            }
            PartitionerKind::RoundRobin => sticky::round_robin(state, partitions),
        })
    }

    /// The accumulator found that `partition` of `topic` needs a new batch for the record just
    /// chosen. Call it for every record that would open a batch, keyed or not, then `choose`
    /// again for that same record (Java's `abortOnNewBatch` retry), and do not call it twice
    /// for one record.
    ///
    /// Only `JavaLegacySticky` reacts (KIP-480 `onNewBatch`): if `partition` is the topic's
    /// sticky partition, keyless records move to another one.
    pub fn on_new_batch(&mut self, topic: &str, partition: PartitionIndex) {
        if self.config.kind == PartitionerKind::JavaLegacySticky
            && let Some(state) = self.topics.get_mut(topic)
        {
            sticky::new_batch_needed(state, partition);
        }
    }

    /// The accumulator appended the record placed by `choice`: `appended_bytes` bytes (as Java
    /// counts them, including a new batch's header), leaving the partition's last batch as
    /// `last_batch` says.
    ///
    /// Only `JavaDefault` keyless records count (KIP-794 `updatePartitionInfo`): once
    /// `batch.size` bytes went to the sticky partition and its last batch is full, or twice
    /// `batch.size` in any case, the topic's next keyless record switches.
    pub fn on_append(
        &mut self,
        topic: &str,
        choice: &Choice,
        appended_bytes: u32,
        last_batch: LastBatch,
    ) {
        let uniform_sticky = matches!(
            choice.reason,
            ChoiceReason::Sticky { rule: StickyRule::UniformSticky { .. }, .. }
        );
        if self.config.kind != PartitionerKind::JavaDefault || !uniform_sticky {
            return;
        }
        if let Some(state) = self.topics.get_mut(topic) {
            let batch_size = self.config.batch_size;
            sticky::count_appended(state, choice.partition, appended_bytes, last_batch, batch_size);
        }
    }
}

/// A keyed choice: `hash % partition_count` over all partitions (murmur2 made positive first).
fn hashed(algorithm: HashAlgorithm, key: &Bytes, partition_count: u32) -> Choice {
    let (hash, spread) = match algorithm {
        HashAlgorithm::Murmur2 => {
            let hash = hash::murmur2(key);
            (hash, hash::to_positive(hash))
        }
        HashAlgorithm::Crc32 => {
            let hash = hash::crc32(key);
            (hash, hash)
        }
    };
    let partition = PartitionIndex((spread % partition_count) as i32);
    let key = key.clone();
    Choice {
        partition,
        reason: ChoiceReason::Hashed { algorithm, key, hash, partition_count, partition },
    }
}
