//! The sentences a learner reads in the event log: `Display` for [`Choice`], [`ChoiceReason`]
//! and their parts, and [`key_text`] for printing keys.
//!
//! Invariant: the text is a pure function of the reason, and every number in it (hashes in hex
//! and decimal, the modulo, bytes, milliseconds) can be recomputed from the record by hand.

use std::fmt;

use kplay_core::PartitionIndex;

use super::reason::{
    Choice, ChoiceReason, Draw, DrawPool, HashAlgorithm, KeylessKey, StickyRule, StickyStep,
    SwitchCause,
};

impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "partition {}: {}", self.partition, self.reason)
    }
}

/// How a key is printed in a reason: quoted text when it is printable UTF-8, hex otherwise;
/// long keys are cut short.
pub fn key_text(key: &[u8]) -> String {
    const MAX_CHARS: usize = 40;
    const MAX_HEX_BYTES: usize = 16;
    match std::str::from_utf8(key) {
        Ok(text) if !text.chars().any(char::is_control) => {
            if text.chars().count() <= MAX_CHARS {
                format!("{text:?}")
            } else {
                let head: String = text.chars().take(MAX_CHARS).collect();
                format!("{head:?}… ({} bytes)", key.len())
            }
        }
        _ => {
            let hex: String = key.iter().take(MAX_HEX_BYTES).map(|b| format!("{b:02x}")).collect();
            let more = if key.len() > MAX_HEX_BYTES { "…" } else { "" };
            format!("0x{hex}{more} ({} bytes)", key.len())
        }
    }
}

impl fmt::Display for ChoiceReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChoiceReason::Explicit { partition } => {
                write!(f, "the record names partition {partition}, which overrides the partitioner")
            }
            ChoiceReason::Hashed { algorithm, key, hash, partition_count, partition } => {
                match algorithm {
                    HashAlgorithm::Murmur2 => {
                        let positive = super::hash::to_positive(*hash);
                        let key = key_text(key);
                        write!(f, "murmur2({key}) = {hash:#010x}, positive {positive:#010x} = ")?;
                        write!(f, "{positive}, {positive} % {partition_count} = {partition}")
                    }
                    HashAlgorithm::Crc32 => {
                        let key = key_text(key);
                        write!(f, "crc32({key}) = {hash:#010x} = {hash}, ")?;
                        write!(f, "{hash} % {partition_count} = {partition}")
                    }
                }
            }
            ChoiceReason::Random { key, draw } => write!(f, "{key}: {draw}"),
            ChoiceReason::Sticky { key, rule, step } => fmt_sticky(f, *key, rule, step),
            ChoiceReason::RoundRobin { counter, index, pool_size, available_only, partition } => {
                let pool = if *available_only { "with a leader" } else { "(none has a leader)" };
                write!(f, "round robin: counter {counter} % {pool_size} partitions {pool} = ")?;
                write!(f, "index {index} → partition {partition}")
            }
        }
    }
}

fn fmt_sticky(
    f: &mut fmt::Formatter<'_>,
    key: KeylessKey,
    rule: &StickyRule,
    step: &StickyStep,
) -> fmt::Result {
    match step {
        StickyStep::Kept { partition } => {
            write!(f, "{key}: sticking to partition {partition} ")?;
            match rule {
                StickyRule::UniformSticky { batch_size, produced_bytes } => write!(
                    f,
                    "until {batch_size} bytes ({produced_bytes} produced so far, KIP-794)"
                ),
                StickyRule::UntilNewBatch => write!(f, "until it needs a new batch (KIP-480)"),
                StickyRule::Linger { linger_ms, since } => {
                    write!(f, "for {linger_ms} ms from t={since} (sticky.partitioning.linger.ms)")
                }
            }
        }
        StickyStep::Started(draw) => {
            write!(f, "{key}: no sticky partition yet; {draw}; ")?;
            fmt_hold(f, rule)
        }
        StickyStep::Switched { from, cause, draw } => {
            write!(f, "{key}: ")?;
            fmt_cause(f, *from, cause, rule)?;
            write!(f, "; {draw}")?;
            if draw.partition == *from {
                write!(f, " (the same partition again)")?;
            }
            write!(f, "; ")?;
            fmt_hold(f, rule)
        }
    }
}

fn fmt_hold(f: &mut fmt::Formatter<'_>, rule: &StickyRule) -> fmt::Result {
    match rule {
        StickyRule::UniformSticky { batch_size, .. } => {
            write!(f, "sticking to it until {batch_size} bytes (KIP-794)")
        }
        StickyRule::UntilNewBatch => {
            write!(f, "sticking to it until it needs a new batch (KIP-480)")
        }
        StickyRule::Linger { linger_ms, .. } => {
            write!(f, "sticking to it for {linger_ms} ms (sticky.partitioning.linger.ms)")
        }
    }
}

fn fmt_cause(
    f: &mut fmt::Formatter<'_>,
    from: PartitionIndex,
    cause: &SwitchCause,
    rule: &StickyRule,
) -> fmt::Result {
    match (cause, rule) {
        (
            SwitchCause::BatchSizeReached { produced_bytes, batch_full: true },
            StickyRule::UniformSticky { batch_size, .. },
        ) => write!(
            f,
            "partition {from} took {produced_bytes} bytes ≥ batch.size {batch_size} and its \
             batch is full"
        ),
        (
            SwitchCause::BatchSizeReached { produced_bytes, batch_full: false },
            StickyRule::UniformSticky { batch_size, .. },
        ) => {
            write!(f, "partition {from} took {produced_bytes} bytes ≥ 2 × batch.size {batch_size}")
        }
        (SwitchCause::BatchSizeReached { produced_bytes, .. }, _) => {
            write!(f, "partition {from} took {produced_bytes} bytes")
        }
        (SwitchCause::NewBatch, _) => write!(f, "partition {from} needed a new batch"),
        (SwitchCause::LingerElapsed { elapsed_ms }, StickyRule::Linger { linger_ms, .. }) => {
            write!(f, "partition {from} was sticky for {elapsed_ms} ms > {linger_ms} ms")
        }
        (SwitchCause::LingerElapsed { elapsed_ms }, _) => {
            write!(f, "partition {from} was sticky for {elapsed_ms} ms")
        }
        (SwitchCause::NoLeader, _) => write!(f, "sticky partition {from} has no leader"),
        (SwitchCause::Vanished, _) => write!(f, "sticky partition {from} no longer exists"),
    }
}

impl fmt::Display for KeylessKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeylessKey::Null => f.write_str("keyless (null key)"),
            KeylessKey::Empty => {
                f.write_str("keyless (empty key, treated as no key by librdkafka)")
            }
        }
    }
}

impl fmt::Display for Draw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.partition;
        match self.pool {
            DrawPool::Available { count } => {
                write!(f, "drew partition {p} at random among {} with a leader", plural(count))
            }
            DrawPool::AvailableExcept { count, except } => write!(
                f,
                "drew partition {p} at random among {} with a leader other than {except}",
                plural(count)
            ),
            DrawPool::NoneAvailable { count } => {
                write!(f, "no partition has a leader, so drew partition {p} among all {count}")
            }
            DrawPool::Librdkafka { count, redrawn_from, leaderless } => {
                match redrawn_from {
                    None => write!(f, "drew partition {p} at random among all {count}")?,
                    Some(first) => write!(
                        f,
                        "drew partition {first} at random among all {count}, but it has no \
                         leader, so drew again: partition {p}"
                    )?,
                }
                if leaderless { write!(f, " (it has no leader either)") } else { Ok(()) }
            }
        }
    }
}

fn plural(count: u32) -> String {
    if count == 1 { "the 1 partition".to_owned() } else { format!("the {count} partitions") }
}

#[cfg(test)]
mod tests {
    use super::key_text;

    #[test]
    fn keys_print_as_quoted_text_or_hex() {
        assert_eq!(key_text(b"user-42"), "\"user-42\"");
        assert_eq!(key_text(b""), "\"\"");
        assert_eq!(key_text(&[0xff, 0x00]), "0xff00 (2 bytes)");
        let long = "k".repeat(50);
        assert_eq!(key_text(long.as_bytes()), format!("\"{}\"… (50 bytes)", "k".repeat(40)));
    }
}
