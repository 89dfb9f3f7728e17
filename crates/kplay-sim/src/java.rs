//! The few pieces of the Java standard library whose behaviour leaks into Kafka's client
//! algorithms: `String.compareTo`, `String.hashCode`, `TopicPartition.hashCode`, and the
//! iteration order of `java.util.HashMap`/`HashSet`.
//!
//! Kafka's assignors and user-data encoders iterate hash maps in places where the order decides
//! the result (which member keeps the extra partition, which topic is written first). To give the
//! same output as the Java client for the same input, this module reproduces that order:
//!
//! - a `HashMap` built with `new HashMap<>()` starts with 16 buckets and doubles whenever it holds
//!   more than three quarters of its bucket count;
//! - a key lives in bucket `(h ^ (h >>> 16)) & (buckets - 1)` where `h` is its `hashCode()`;
//! - iteration walks the buckets in order and, within a bucket, the keys in insertion order
//!   (resizing keeps that relative order).
//!
//! Not reproduced: Java turns a bucket holding more than eight keys into a tree (or doubles the
//! table instead when it is small). That needs many keys with colliding hashes, which real member
//! ids and topic names do not produce. Everything here is integer arithmetic, so native and wasm32
//! agree.

use std::cmp::Ordering;

use kplay_core::{MemberId, TopicPartition};

/// `String.compareTo`: lexicographic order of UTF-16 code units (differs from Rust's byte order
/// only for characters above U+FFFF against those in U+E000..=U+FFFF).
pub(crate) fn compare_strings(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// `String.hashCode`: `s[0]*31^(n-1) + ... + s[n-1]` over UTF-16 code units, wrapping.
pub(crate) fn string_hash(s: &str) -> i32 {
    s.encode_utf16().fold(0i32, |h, unit| h.wrapping_mul(31).wrapping_add(i32::from(unit)))
}

/// `TopicPartition.hashCode`: `31 * (31 + partition) + topic.hashCode()`, wrapping.
pub(crate) fn topic_partition_hash(tp: &TopicPartition) -> i32 {
    31i32
        .wrapping_mul(31i32.wrapping_add(tp.partition.0))
        .wrapping_add(string_hash(tp.topic.as_str()))
}

/// A member id ordered as `String.compareTo` orders it (for Java's sorted sets of members).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct JavaOrderedId(pub(crate) MemberId);

impl Ord for JavaOrderedId {
    fn cmp(&self, other: &Self) -> Ordering {
        compare_strings(self.0.as_str(), other.0.as_str())
    }
}

impl PartialOrd for JavaOrderedId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The bucket count of a `new HashMap<>()` after `len` insertions of distinct keys.
pub(crate) fn table_capacity(len: usize) -> usize {
    let mut capacity = 16;
    while len > capacity / 4 * 3 {
        capacity *= 2;
    }
    capacity
}

/// The bucket of a key with hash `hash` in a table of `capacity` buckets.
pub(crate) fn bucket(hash: i32, capacity: usize) -> usize {
    let h = hash as u32;
    ((h ^ (h >> 16)) as usize) & (capacity - 1)
}

/// The order in which a `new HashMap<>()` (or `HashSet`) iterates `keys`, given the order they
/// were inserted in. Duplicates must already be removed.
pub(crate) fn hash_map_order<T>(mut keys: Vec<T>, hash: impl Fn(&T) -> i32) -> Vec<T> {
    let capacity = table_capacity(keys.len());
    // A stable sort keeps insertion order within a bucket, as Java's bucket lists do.
    kplay_core::sort::sort_by_key(&mut keys, |key| bucket(hash(key), capacity));
    keys
}

/// A `java.util.HashSet<TopicPartition>` that is only asked for its first element: it tracks
/// the table size and insertion order so that `first` is the element Java's iterator returns
/// first.
#[derive(Clone, Debug)]
pub(crate) struct TopicPartitionHashSet {
    /// Elements with the sequence number of their insertion.
    entries: Vec<(TopicPartition, u64)>,
    capacity: usize,
    next_seq: u64,
}

impl Default for TopicPartitionHashSet {
    fn default() -> Self {
        Self::new()
    }
}

impl TopicPartitionHashSet {
    /// An empty set, as `new HashSet<>()` makes it.
    pub(crate) fn new() -> Self {
        TopicPartitionHashSet { entries: Vec::new(), capacity: 16, next_seq: 0 }
    }

    /// Adds `tp` unless present; the table doubles past three quarters full and never shrinks.
    pub(crate) fn insert(&mut self, tp: TopicPartition) {
        if self.entries.iter().any(|(e, _)| *e == tp) {
            return;
        }
        self.entries.push((tp, self.next_seq));
        self.next_seq += 1;
        if self.entries.len() > self.capacity / 4 * 3 {
            self.capacity *= 2;
        }
    }

    /// Removes `tp` if present.
    pub(crate) fn remove(&mut self, tp: &TopicPartition) {
        self.entries.retain(|(e, _)| e != tp);
    }

    /// Whether the set is empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The element `iterator().next()` returns.
    pub(crate) fn first(&self) -> Option<&TopicPartition> {
        self.entries
            .iter()
            .min_by_key(|(tp, seq)| (bucket(topic_partition_hash(tp), self.capacity), *seq))
            .map(|(tp, _)| tp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_hash_matches_java() {
        // Values of "...".hashCode() in Java.
        assert_eq!(string_hash(""), 0);
        assert_eq!(string_hash("a"), 97);
        assert_eq!(string_hash("topic"), 110_546_223);
        assert_eq!(string_hash("consumer1"), 0xe6e7_fafb_u32 as i32);
        // A character outside the BMP hashes as its two surrogates.
        assert_eq!(string_hash("\u{1F600}"), 0xD83D * 31 + 0xDE00);
    }

    #[test]
    fn compare_strings_uses_utf16_order() {
        assert_eq!(compare_strings("a", "b"), Ordering::Less);
        assert_eq!(compare_strings("ab", "a"), Ordering::Greater);
        // In UTF-8 byte order U+1F600 comes after U+FF5E; in UTF-16 its first surrogate,
        // 0xD83D, is smaller than 0xFF5E, so Java puts it first.
        assert_eq!(compare_strings("\u{1F600}", "\u{FF5E}"), Ordering::Less);
        assert_eq!("\u{1F600}".cmp("\u{FF5E}"), Ordering::Greater);
    }

    #[test]
    fn hash_map_order_follows_buckets_then_insertion() {
        // consumer1..consumer4 land in buckets 12, 11, 10, 9 of a 16-bucket table.
        let keys = vec!["consumer1", "consumer2", "consumer3", "consumer4"];
        assert_eq!(
            hash_map_order(keys, |k| string_hash(k)),
            vec!["consumer4", "consumer3", "consumer2", "consumer1"]
        );
        assert_eq!(table_capacity(12), 16);
        assert_eq!(table_capacity(13), 32);
    }

    #[test]
    fn topic_partition_hash_matches_java() {
        // new TopicPartition("t", 0).hashCode() == 31 * 31 + 116
        assert_eq!(topic_partition_hash(&TopicPartition::new("t", 0)), 31 * 31 + 116);
    }

    #[test]
    fn hash_set_first_tracks_growth_and_removal() {
        let mut set = TopicPartitionHashSet::new();
        assert!(set.first().is_none());
        for p in 0..20 {
            set.insert(TopicPartition::new("t", p));
        }
        let first = set.first().cloned();
        assert!(first.is_some());
        if let Some(first) = first {
            set.remove(&first);
            assert_ne!(set.first(), Some(&first));
        }
    }
}
