//! Kafka's other topic configs: accepted, validated and reported exactly as Kafka does, though
//! nothing in kplay changes with them. There is no disk to flush or preallocate and no offset
//! index to size; batches are kept as their producer compressed them, so `compression.type`
//! never recompresses; and there is no tiered storage and no replication throttle.
//!
//! Without them, a client creating a topic with, say, `compression.type=zstd` would be refused,
//! where Kafka creates it.

use crate::error::{ErrorCode, KafkaError};

use super::{ConfigType, int, invalid, long};

/// How a kept config's value is checked, as Kafka's `ConfigDef` validators check it.
#[derive(Clone, Copy, Debug)]
enum Check {
    /// A LONG of at least this much.
    Long(i64),
    /// An INT in this range.
    Int(i32, i32),
    /// A BOOLEAN.
    Bool,
    /// A STRING, one of these.
    OneOf(&'static [&'static str]),
    /// `compression.gzip.level`: 1 to 9, or -1 for zlib's default.
    GzipLevel,
    /// A LIST: `*`, or `partition:broker` pairs.
    ThrottledReplicas,
    /// `remote.storage.enable`: only `false`, as kplay's brokers have no tiered storage.
    RemoteStorage,
}

const NEVER: &str = "9223372036854775807";

/// The kept configs, sorted by name: name, Kafka's default, and its check.
const KEPT: &[(&str, &str, Check)] = &[
    ("compression.gzip.level", "-1", Check::GzipLevel),
    ("compression.lz4.level", "9", Check::Int(1, 17)),
    (
        "compression.type",
        "producer",
        Check::OneOf(&["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"]),
    ),
    ("compression.zstd.level", "3", Check::Int(-131072, 22)),
    ("file.delete.delay.ms", "60000", Check::Long(0)),
    ("flush.messages", NEVER, Check::Long(1)),
    ("flush.ms", NEVER, Check::Long(0)),
    ("follower.replication.throttled.replicas", "", Check::ThrottledReplicas),
    ("index.interval.bytes", "4096", Check::Int(0, i32::MAX)),
    ("leader.replication.throttled.replicas", "", Check::ThrottledReplicas),
    ("local.retention.bytes", "-2", Check::Long(-2)),
    ("local.retention.ms", "-2", Check::Long(-2)),
    ("max.compaction.lag.ms", NEVER, Check::Long(1)),
    ("preallocate", "false", Check::Bool),
    ("remote.log.copy.disable", "false", Check::Bool),
    ("remote.log.delete.on.disable", "false", Check::Bool),
    ("remote.storage.enable", "false", Check::RemoteStorage),
    ("segment.index.bytes", "10485760", Check::Int(4, i32::MAX)),
    ("segment.jitter.ms", "0", Check::Long(0)),
];

fn find(name: &str) -> Option<&'static (&'static str, &'static str, Check)> {
    KEPT.binary_search_by(|(n, _, _)| (*n).cmp(name)).ok().map(|i| &KEPT[i])
}

/// The kept configs' names, sorted.
#[cfg(test)]
pub(super) fn names() -> impl Iterator<Item = &'static str> {
    KEPT.iter().map(|(n, _, _)| *n)
}

/// A kept config's name (with the table's lifetime) and Kafka's default for it.
pub(super) fn entry(name: &str) -> Option<(&'static str, &'static str)> {
    find(name).map(|(n, d, _)| (*n, *d))
}

/// A kept config's type, as DescribeConfigs reports it.
pub(super) fn config_type(name: &str) -> Option<ConfigType> {
    find(name).map(|(_, _, check)| match check {
        Check::Long(_) => ConfigType::Long,
        Check::Int(..) | Check::GzipLevel => ConfigType::Int,
        Check::Bool | Check::RemoteStorage => ConfigType::Boolean,
        Check::OneOf(_) => ConfigType::String,
        Check::ThrottledReplicas => ConfigType::List,
    })
}

/// A kept config's value as Kafka would store it, or Kafka's error for it; `None` if `name` is
/// not a kept config.
pub(super) fn parse(name: &str, value: &str) -> Option<Result<String, KafkaError>> {
    let (_, _, check) = find(name)?;
    Some(match *check {
        Check::Long(min) => long(name, value, min).map(|v| v.to_string()),
        Check::Int(min, max) => int(name, value, min).and_then(|v| {
            if v > max {
                Err(invalid(name, value, &format!("Value must be no more than {max}")))
            } else {
                Ok(v.to_string())
            }
        }),
        Check::Bool => super::boolean(name, value).map(|v| v.to_string()),
        Check::OneOf(allowed) => {
            let v = value.trim();
            if allowed.contains(&v) {
                Ok(v.to_owned())
            } else {
                Err(invalid(name, value, &format!("String must be one of: {}", allowed.join(", "))))
            }
        }
        Check::GzipLevel => int(name, value, i32::MIN).and_then(|v| {
            if v == -1 || (1..=9).contains(&v) {
                Ok(v.to_string())
            } else {
                Err(invalid(name, value, "Value must be between 1 and 9 or equal to -1"))
            }
        }),
        Check::ThrottledReplicas => throttled_replicas(name, value),
        Check::RemoteStorage => super::boolean(name, value).and_then(|on| {
            if on {
                Err(KafkaError::new(
                    ErrorCode::InvalidConfig,
                    "Tiered Storage functionality is disabled in the broker. Topic cannot be \
                     configured with remote log storage.",
                ))
            } else {
                Ok(on.to_string())
            }
        }),
    })
}

/// `*`, or a comma-separated list of `partition:broker` pairs (empty entries allowed).
fn throttled_replicas(name: &str, value: &str) -> Result<String, KafkaError> {
    let parts: Vec<&str> = value.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    let pair = |p: &str| {
        p.split_once(':').is_some_and(|(partition, broker)| {
            [partition, broker]
                .iter()
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
    };
    if parts == ["*"] || parts.iter().all(|p| pair(p)) {
        Ok(parts.join(","))
    } else {
        Err(invalid(
            name,
            value,
            &format!(
                "{name} must be the literal '*' or a list of replicas in the following format: \
                 [partitionId]:[brokerId],[partitionId]:[brokerId],..."
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_every_default_passes_its_own_check() {
        assert!(KEPT.windows(2).all(|w| w[0].0 < w[1].0), "KEPT must stay sorted by name");
        for (name, default, _) in KEPT {
            assert_eq!(parse(name, default).unwrap().unwrap(), *default, "{name}");
        }
    }

    #[test]
    fn values_are_checked_as_kafka_checks_them() {
        assert_eq!(parse("compression.type", " zstd ").unwrap().unwrap(), "zstd");
        let err = parse("compression.type", "brotli").unwrap().unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidConfig);
        assert!(err.message.ends_with("uncompressed, zstd, lz4, snappy, gzip, producer"));
        assert!(parse("compression.gzip.level", "0").unwrap().is_err());
        assert_eq!(parse("compression.gzip.level", "9").unwrap().unwrap(), "9");
        let err = parse("compression.lz4.level", "18").unwrap().unwrap_err();
        assert!(err.message.ends_with("Value must be no more than 17"), "{}", err.message);
        assert!(parse("flush.messages", "0").unwrap().is_err());
        assert_eq!(parse("preallocate", "TRUE").unwrap().unwrap(), "true");
        let err = parse("remote.storage.enable", "true").unwrap().unwrap_err();
        assert!(err.message.starts_with("Tiered Storage functionality is disabled"));
        assert_eq!(
            parse("leader.replication.throttled.replicas", "0:1, 1:2").unwrap().unwrap(),
            "0:1,1:2"
        );
        assert_eq!(parse("leader.replication.throttled.replicas", "*").unwrap().unwrap(), "*");
        assert!(parse("leader.replication.throttled.replicas", "0-1").unwrap().is_err());
        assert!(parse("retention.hours", "1").is_none(), "not a Kafka topic config");
    }
}
