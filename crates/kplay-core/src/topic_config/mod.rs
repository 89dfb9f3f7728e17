//! Topic-level configuration: the settings Kafka lets you set per topic, validated the way Kafka
//! validates them, with Kafka's defaults and Kafka's error messages.
//!
//! A topic keeps its *overrides* (what was set explicitly, as strings, reported as
//! `DYNAMIC_TOPIC_CONFIG`) apart from the *effective* [`TopicConfig`] computed from the broker's
//! defaults plus those overrides, so DescribeConfigs can tell the two apart.
//!
//! The configs the simulation acts on are fields of [`TopicConfig`]; the rest of Kafka's topic
//! configs are accepted and reported too (`kept`), so that clients setting them are not refused.

use crate::error::{ErrorCode, KafkaError};
use crate::vec_map::VecMap;

mod kept;

/// A config's type, as DescribeConfigs reports it (Kafka's `ConfigType`, wire values 1 to 7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigType {
    /// BOOLEAN (1).
    Boolean = 1,
    /// STRING (2).
    String = 2,
    /// INT (3).
    Int = 3,
    /// SHORT (4).
    Short = 4,
    /// LONG (5).
    Long = 5,
    /// DOUBLE (6).
    Double = 6,
    /// LIST (7).
    List = 7,
}

/// What happens to old log segments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CleanupPolicy {
    /// Delete whole segments past `retention.ms` / `retention.bytes`.
    Delete,
    /// Keep the latest record per key.
    Compact,
    /// Both: compact, and also delete segments past retention.
    CompactDelete,
}

impl CleanupPolicy {
    /// Whether old segments are deleted by retention.
    pub fn deletes(self) -> bool {
        matches!(self, CleanupPolicy::Delete | CleanupPolicy::CompactDelete)
    }

    /// Whether the log is compacted.
    pub fn compacts(self) -> bool {
        matches!(self, CleanupPolicy::Compact | CleanupPolicy::CompactDelete)
    }

    fn as_config_value(self) -> &'static str {
        match self {
            CleanupPolicy::Delete => "delete",
            CleanupPolicy::Compact => "compact",
            CleanupPolicy::CompactDelete => "compact,delete",
        }
    }
}

/// Which timestamp a record carries in the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampType {
    /// The producer's timestamp.
    CreateTime,
    /// The leader's clock when it appended the batch.
    LogAppendTime,
}

/// The effective configuration of one topic.
#[derive(Clone, Debug, PartialEq)]
pub struct TopicConfig {
    /// `min.insync.replicas`: acks=all produces need at least this many in-sync replicas.
    pub min_insync_replicas: i32,
    /// `retention.ms`: segments whose newest record is older than this are deleted; -1 = forever.
    pub retention_ms: i64,
    /// `retention.bytes`: oldest segments are deleted while the log is larger; -1 = unlimited.
    pub retention_bytes: i64,
    /// `segment.bytes`: the active segment rolls when the next batch would make it larger.
    pub segment_bytes: i32,
    /// `segment.ms`: the active segment rolls on the first append after it is this old.
    pub segment_ms: i64,
    /// `cleanup.policy`.
    pub cleanup_policy: CleanupPolicy,
    /// `delete.retention.ms`: how long a compacted topic keeps tombstones.
    pub delete_retention_ms: i64,
    /// `min.compaction.lag.ms`: records younger than this are never compacted.
    pub min_compaction_lag_ms: i64,
    /// `min.cleanable.dirty.ratio`: compaction starts when this share of the log is uncompacted.
    pub min_cleanable_dirty_ratio: f64,
    /// `max.message.bytes`: the largest record batch the topic accepts.
    pub max_message_bytes: i32,
    /// `message.timestamp.type`.
    pub message_timestamp_type: TimestampType,
    /// `message.timestamp.before.max.ms`: how far in the past a CreateTime record may be.
    pub message_timestamp_before_max_ms: i64,
    /// `message.timestamp.after.max.ms`: how far in the future a CreateTime record may be (one
    /// hour by default since Kafka 4.0).
    pub message_timestamp_after_max_ms: i64,
    /// `unclean.leader.election.enable`: may an out-of-sync replica become leader (losing data)?
    pub unclean_leader_election_enable: bool,
    /// Kafka's other topic configs where they differ from Kafka's defaults, as Kafka would
    /// store them (see `kept`).
    pub kept: VecMap<&'static str, String>,
}

impl Default for TopicConfig {
    /// Kafka's defaults.
    fn default() -> Self {
        TopicConfig {
            min_insync_replicas: 1,
            retention_ms: 7 * 24 * 60 * 60 * 1000,
            retention_bytes: -1,
            segment_bytes: 1024 * 1024 * 1024,
            segment_ms: 7 * 24 * 60 * 60 * 1000,
            cleanup_policy: CleanupPolicy::Delete,
            delete_retention_ms: 24 * 60 * 60 * 1000,
            min_compaction_lag_ms: 0,
            min_cleanable_dirty_ratio: 0.5,
            max_message_bytes: 1024 * 1024 + 12,
            message_timestamp_type: TimestampType::CreateTime,
            message_timestamp_before_max_ms: i64::MAX,
            message_timestamp_after_max_ms: 60 * 60 * 1000,
            unclean_leader_election_enable: false,
            kept: VecMap::new(),
        }
    }
}

/// The topic configs the simulation acts on, sorted by name (the page offers these).
pub const TOPIC_CONFIG_NAMES: &[&str] = &[
    "cleanup.policy",
    "delete.retention.ms",
    "max.message.bytes",
    "message.timestamp.after.max.ms",
    "message.timestamp.before.max.ms",
    "message.timestamp.type",
    "min.cleanable.dirty.ratio",
    "min.compaction.lag.ms",
    "min.insync.replicas",
    "retention.bytes",
    "retention.ms",
    "segment.bytes",
    "segment.ms",
    "unclean.leader.election.enable",
];

/// Whether `name` is one of Kafka's topic configs.
pub fn is_topic_config(name: &str) -> bool {
    ALL_TOPIC_CONFIG_NAMES.binary_search(&name).is_ok()
}

/// Every topic config name kplay accepts, Kafka's full set, sorted as DescribeConfigs lists them
/// (those of [`TOPIC_CONFIG_NAMES`] and the kept ones; a test checks that it is exactly those).
pub const ALL_TOPIC_CONFIG_NAMES: &[&str] = &[
    "cleanup.policy",
    "compression.gzip.level",
    "compression.lz4.level",
    "compression.type",
    "compression.zstd.level",
    "delete.retention.ms",
    "file.delete.delay.ms",
    "flush.messages",
    "flush.ms",
    "follower.replication.throttled.replicas",
    "index.interval.bytes",
    "leader.replication.throttled.replicas",
    "local.retention.bytes",
    "local.retention.ms",
    "max.compaction.lag.ms",
    "max.message.bytes",
    "message.timestamp.after.max.ms",
    "message.timestamp.before.max.ms",
    "message.timestamp.type",
    "min.cleanable.dirty.ratio",
    "min.compaction.lag.ms",
    "min.insync.replicas",
    "preallocate",
    "remote.log.copy.disable",
    "remote.log.delete.on.disable",
    "remote.storage.enable",
    "retention.bytes",
    "retention.ms",
    "segment.bytes",
    "segment.index.bytes",
    "segment.jitter.ms",
    "segment.ms",
    "unclean.leader.election.enable",
];

/// A topic config's type, or `None` for a name that is not a topic config.
pub fn config_type(name: &str) -> Option<ConfigType> {
    Some(match name {
        "min.insync.replicas" | "segment.bytes" | "max.message.bytes" => ConfigType::Int,
        "retention.ms"
        | "retention.bytes"
        | "segment.ms"
        | "delete.retention.ms"
        | "min.compaction.lag.ms"
        | "message.timestamp.before.max.ms"
        | "message.timestamp.after.max.ms" => ConfigType::Long,
        "cleanup.policy" => ConfigType::List,
        "min.cleanable.dirty.ratio" => ConfigType::Double,
        "message.timestamp.type" => ConfigType::String,
        "unclean.leader.election.enable" => ConfigType::Boolean,
        _ => return kept::config_type(name),
    })
}

impl TopicConfig {
    /// Applies one `name=value` override, validating it as Kafka does.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), KafkaError> {
        match name {
            "min.insync.replicas" => self.min_insync_replicas = int(name, value, 1)?,
            "retention.ms" => self.retention_ms = long(name, value, -1)?,
            "retention.bytes" => self.retention_bytes = long(name, value, i64::MIN)?,
            "segment.bytes" => self.segment_bytes = int(name, value, 14)?,
            "segment.ms" => self.segment_ms = long(name, value, 1)?,
            "cleanup.policy" => self.cleanup_policy = cleanup_policy(value)?,
            "delete.retention.ms" => self.delete_retention_ms = long(name, value, 0)?,
            "min.compaction.lag.ms" => self.min_compaction_lag_ms = long(name, value, 0)?,
            "min.cleanable.dirty.ratio" => self.min_cleanable_dirty_ratio = ratio(name, value)?,
            "max.message.bytes" => self.max_message_bytes = int(name, value, 0)?,
            "message.timestamp.type" => self.message_timestamp_type = timestamp_type(value)?,
            "message.timestamp.before.max.ms" => {
                self.message_timestamp_before_max_ms = long(name, value, 0)?
            }
            "message.timestamp.after.max.ms" => {
                self.message_timestamp_after_max_ms = long(name, value, 0)?
            }
            "unclean.leader.election.enable" => {
                self.unclean_leader_election_enable = boolean(name, value)?
            }
            _ => {
                let Some(parsed) = kept::parse(name, value) else {
                    return Err(KafkaError::new(
                        ErrorCode::InvalidConfig,
                        format!("Unknown topic config name: {name}"),
                    ));
                };
                let value = parsed?;
                let (name, default) = kept::entry(name).expect("parsed above");
                if value == default {
                    self.kept.remove(name);
                } else {
                    self.kept.insert(name, value);
                }
            }
        }
        Ok(())
    }

    /// This config with `overrides` applied on top, or the first invalid override's error.
    pub fn with_overrides(&self, overrides: &VecMap<String, String>) -> Result<Self, KafkaError> {
        let mut config = self.clone();
        for (name, value) in overrides {
            config.set(name, value)?;
        }
        Ok(config)
    }

    /// The value of a config as Kafka prints it, for DescribeConfigs.
    pub fn get(&self, name: &str) -> Option<String> {
        Some(match name {
            "min.insync.replicas" => self.min_insync_replicas.to_string(),
            "retention.ms" => self.retention_ms.to_string(),
            "retention.bytes" => self.retention_bytes.to_string(),
            "segment.bytes" => self.segment_bytes.to_string(),
            "segment.ms" => self.segment_ms.to_string(),
            "cleanup.policy" => self.cleanup_policy.as_config_value().to_owned(),
            "delete.retention.ms" => self.delete_retention_ms.to_string(),
            "min.compaction.lag.ms" => self.min_compaction_lag_ms.to_string(),
            "min.cleanable.dirty.ratio" => self.min_cleanable_dirty_ratio.to_string(),
            "max.message.bytes" => self.max_message_bytes.to_string(),
            "message.timestamp.type" => match self.message_timestamp_type {
                TimestampType::CreateTime => "CreateTime".to_owned(),
                TimestampType::LogAppendTime => "LogAppendTime".to_owned(),
            },
            "message.timestamp.before.max.ms" => self.message_timestamp_before_max_ms.to_string(),
            "message.timestamp.after.max.ms" => self.message_timestamp_after_max_ms.to_string(),
            "unclean.leader.election.enable" => self.unclean_leader_election_enable.to_string(),
            _ => match self.kept.get(name) {
                Some(value) => value.clone(),
                None => kept::entry(name)?.1.to_owned(),
            },
        })
    }
}

fn invalid(name: &str, value: &str, why: &str) -> KafkaError {
    KafkaError::new(
        ErrorCode::InvalidConfig,
        format!("Invalid value {value} for configuration {name}: {why}"),
    )
}

fn long(name: &str, value: &str, min: i64) -> Result<i64, KafkaError> {
    let v: i64 =
        value.trim().parse().map_err(|_| invalid(name, value, "Not a number of type LONG"))?;
    if v < min {
        return Err(invalid(name, value, &format!("Value must be at least {min}")));
    }
    Ok(v)
}

fn int(name: &str, value: &str, min: i32) -> Result<i32, KafkaError> {
    let v: i32 =
        value.trim().parse().map_err(|_| invalid(name, value, "Not a number of type INT"))?;
    if v < min {
        return Err(invalid(name, value, &format!("Value must be at least {min}")));
    }
    Ok(v)
}

fn ratio(name: &str, value: &str) -> Result<f64, KafkaError> {
    let v: f64 =
        value.trim().parse().map_err(|_| invalid(name, value, "Not a number of type DOUBLE"))?;
    if !(0.0..=1.0).contains(&v) {
        let why = if v < 0.0 { "Value must be at least 0" } else { "Value must be no more than 1" };
        return Err(invalid(name, value, why));
    }
    Ok(v)
}

fn boolean(name: &str, value: &str) -> Result<bool, KafkaError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(invalid(name, value, "Expected value to be either true or false")),
    }
}

fn cleanup_policy(value: &str) -> Result<CleanupPolicy, KafkaError> {
    let (mut delete, mut compact) = (false, false);
    for part in value.split(',').map(str::trim) {
        match part {
            "delete" => delete = true,
            "compact" => compact = true,
            _ => {
                return Err(invalid(
                    "cleanup.policy",
                    value,
                    "String must be one of: compact, delete",
                ));
            }
        }
    }
    Ok(match (delete, compact) {
        (true, true) => CleanupPolicy::CompactDelete,
        (false, true) => CleanupPolicy::Compact,
        _ => CleanupPolicy::Delete,
    })
}

fn timestamp_type(value: &str) -> Result<TimestampType, KafkaError> {
    match value.trim() {
        "CreateTime" => Ok(TimestampType::CreateTime),
        "LogAppendTime" => Ok(TimestampType::LogAppendTime),
        _ => Err(invalid(
            "message.timestamp.type",
            value,
            "String must be one of: CreateTime, LogAppendTime",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_apply_on_top_of_defaults() {
        let overrides = VecMap::from([
            ("cleanup.policy".to_owned(), "compact,delete".to_owned()),
            ("min.insync.replicas".to_owned(), "2".to_owned()),
        ]);
        let config = TopicConfig::default().with_overrides(&overrides).unwrap();
        assert_eq!(config.cleanup_policy, CleanupPolicy::CompactDelete);
        assert_eq!(config.min_insync_replicas, 2);
        assert_eq!(config.retention_ms, 604_800_000);
    }

    #[test]
    fn invalid_values_get_kafkas_messages() {
        let mut config = TopicConfig::default();
        let err = config.set("retention.ms", "soon").unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidConfig);
        assert_eq!(
            err.message,
            "Invalid value soon for configuration retention.ms: Not a number of type LONG"
        );
        let err = config.set("min.insync.replicas", "0").unwrap_err();
        assert!(err.message.ends_with("Value must be at least 1"), "{}", err.message);
        let err = config.set("cleanup.policy", "shred").unwrap_err();
        assert!(err.message.contains("String must be one of: compact, delete"));
        let err = config.set("retention.hours", "1").unwrap_err();
        assert_eq!(err.message, "Unknown topic config name: retention.hours");
        assert_eq!(config, TopicConfig::default(), "a rejected value changes nothing");
    }

    #[test]
    fn all_names_are_the_simulated_and_the_kept_configs_sorted() {
        let mut expected: Vec<&str> =
            TOPIC_CONFIG_NAMES.iter().copied().chain(kept::names()).collect();
        expected.sort_unstable();
        assert_eq!(ALL_TOPIC_CONFIG_NAMES, expected);
    }

    #[test]
    fn every_listed_config_round_trips() {
        let mut config = TopicConfig::default();
        for name in ALL_TOPIC_CONFIG_NAMES {
            let value = config.get(name).expect(name);
            config.set(name, &value).unwrap_or_else(|e| panic!("{name}={value}: {e}"));
            assert!(config_type(name).is_some(), "{name} has a type");
        }
        assert_eq!(config, TopicConfig::default());
    }
}
