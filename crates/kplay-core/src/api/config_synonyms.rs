//! A topic config's synonyms, as DescribeConfigs lists them when asked (`include_synonyms`, which
//! librdkafka always sets): the topic's own override, then the broker config that supplies its
//! default (Kafka's `ServerTopicConfigSynonyms`), as set on the broker and as Kafka's default.
//!
//! Kafka's `ConfigHelper.configSynonyms` keeps the broker-level entries only from the first one
//! named after the broker config itself. Where Kafka's default sits on a coarser synonym
//! (`log.retention.hours` for `log.retention.ms`), an unset broker config therefore lists
//! nothing: `retention.ms` has no synonyms on a default broker, as in Kafka.

use super::{ConfigSource, ConfigSynonym};

/// Topic config -> the broker config behind it, and where Kafka's default is not on that name,
/// the synonym and value it is on.
type BrokerSynonym = (&'static str, &'static str, Option<(&'static str, &'static str)>);

const BROKER_SYNONYMS: &[BrokerSynonym] = &[
    ("cleanup.policy", "log.cleanup.policy", None),
    ("compression.gzip.level", "compression.gzip.level", None),
    ("compression.lz4.level", "compression.lz4.level", None),
    ("compression.type", "compression.type", None),
    ("compression.zstd.level", "compression.zstd.level", None),
    ("delete.retention.ms", "log.cleaner.delete.retention.ms", None),
    ("file.delete.delay.ms", "log.segment.delete.delay.ms", None),
    ("flush.messages", "log.flush.interval.messages", None),
    (
        "flush.ms",
        "log.flush.interval.ms",
        Some(("log.flush.scheduler.interval.ms", "9223372036854775807")),
    ),
    ("index.interval.bytes", "log.index.interval.bytes", None),
    ("local.retention.bytes", "log.local.retention.bytes", None),
    ("local.retention.ms", "log.local.retention.ms", None),
    ("max.compaction.lag.ms", "log.cleaner.max.compaction.lag.ms", None),
    ("max.message.bytes", "message.max.bytes", None),
    ("message.timestamp.after.max.ms", "log.message.timestamp.after.max.ms", None),
    ("message.timestamp.before.max.ms", "log.message.timestamp.before.max.ms", None),
    ("message.timestamp.type", "log.message.timestamp.type", None),
    ("min.cleanable.dirty.ratio", "log.cleaner.min.cleanable.ratio", None),
    ("min.compaction.lag.ms", "log.cleaner.min.compaction.lag.ms", None),
    ("min.insync.replicas", "min.insync.replicas", None),
    ("preallocate", "log.preallocate", None),
    ("retention.bytes", "log.retention.bytes", None),
    ("retention.ms", "log.retention.ms", Some(("log.retention.hours", "168"))),
    ("segment.bytes", "log.segment.bytes", None),
    ("segment.index.bytes", "log.index.size.max.bytes", None),
    ("segment.jitter.ms", "log.roll.jitter.ms", Some(("log.roll.jitter.hours", "0"))),
    ("segment.ms", "log.roll.ms", Some(("log.roll.hours", "168"))),
    ("unclean.leader.election.enable", "unclean.leader.election.enable", None),
];

/// The synonyms of topic config `name`: its `override_value` if the topic sets it, then the
/// broker's value if the broker sets it (`broker_value`, kplay serve's flags), then Kafka's
/// `kafka_default` for the broker config.
pub(crate) fn topic_config_synonyms(
    name: &str,
    override_value: Option<&str>,
    broker_value: Option<&str>,
    kafka_default: &str,
) -> Vec<ConfigSynonym> {
    let synonym = |name: &str, value: &str, source| ConfigSynonym {
        name: name.to_owned(),
        value: value.to_owned(),
        source,
    };
    let mut synonyms: Vec<ConfigSynonym> =
        override_value.map(|v| synonym(name, v, ConfigSource::DynamicTopic)).into_iter().collect();
    let Some((_, broker, elsewhere)) = BROKER_SYNONYMS.iter().find(|(n, ..)| *n == name) else {
        return synonyms;
    };
    if let Some(value) = broker_value {
        synonyms.push(synonym(broker, value, ConfigSource::StaticBroker));
    }
    match elsewhere {
        None => synonyms.push(synonym(broker, kafka_default, ConfigSource::Default)),
        // Kept only behind an entry named after the broker config itself.
        Some((default_name, value)) if broker_value.is_some() => {
            synonyms.push(synonym(default_name, value, ConfigSource::Default));
        }
        Some(_) => {}
    }
    synonyms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topic_config::ALL_TOPIC_CONFIG_NAMES;

    fn names(synonyms: &[ConfigSynonym]) -> Vec<(&str, &str, ConfigSource)> {
        synonyms.iter().map(|s| (s.name.as_str(), s.value.as_str(), s.source)).collect()
    }

    #[test]
    fn every_entry_is_a_topic_config() {
        for (name, ..) in BROKER_SYNONYMS {
            assert!(ALL_TOPIC_CONFIG_NAMES.contains(name), "{name}");
        }
    }

    #[test]
    fn synonyms_run_from_the_topic_to_kafkas_default() {
        assert_eq!(
            names(&topic_config_synonyms("segment.bytes", None, None, "1073741824")),
            [("log.segment.bytes", "1073741824", ConfigSource::Default)]
        );
        assert_eq!(
            names(&topic_config_synonyms(
                "segment.bytes",
                Some("1000"),
                Some("2000"),
                "1073741824"
            )),
            [
                ("segment.bytes", "1000", ConfigSource::DynamicTopic),
                ("log.segment.bytes", "2000", ConfigSource::StaticBroker),
                ("log.segment.bytes", "1073741824", ConfigSource::Default),
            ]
        );
        assert!(topic_config_synonyms("retention.ms", None, None, "604800000").is_empty());
        assert_eq!(
            names(&topic_config_synonyms("retention.ms", None, Some("1000"), "604800000")),
            [
                ("log.retention.ms", "1000", ConfigSource::StaticBroker),
                ("log.retention.hours", "168", ConfigSource::Default),
            ]
        );
        assert_eq!(
            names(&topic_config_synonyms("remote.storage.enable", Some("false"), None, "false")),
            [("remote.storage.enable", "false", ConfigSource::DynamicTopic)]
        );
    }
}
