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

/// `String.compareTo`: lexicographic order of UTF-16 code units (differs from Rust's byte order
/// only for characters above U+FFFF against those in U+E000..=U+FFFF).
pub(crate) fn compare_strings(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// `String.hashCode`: `s[0]*31^(n-1) + ... + s[n-1]` over UTF-16 code units, wrapping.
pub(crate) fn string_hash(s: &str) -> i32 {
    s.encode_utf16().fold(0i32, |h, unit| h.wrapping_mul(31).wrapping_add(i32::from(unit)))
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
    keys.sort_by_key(|key| bucket(hash(key), capacity));
    keys
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
}
