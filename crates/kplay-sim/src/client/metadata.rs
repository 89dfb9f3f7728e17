//! A client's metadata cache: the brokers, and each partition's leader, refreshed by Metadata
//! requests when the client learns it is stale (an error naming a leader change) or every
//! `metadata.max.age.ms`.

use kplay_core::api::MetadataResponse;
use kplay_core::vec_map::VecMap;
use kplay_core::{BrokerId, LeaderEpoch, Timestamp, TopicName};

/// What a client knows of one topic.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct TopicInfo {
    /// Each partition's leader and leader epoch, by index.
    pub(crate) leaders: Vec<(Option<BrokerId>, LeaderEpoch)>,
}

/// The cache.
#[derive(Clone, Debug, Default)]
pub(crate) struct MetadataCache {
    pub(crate) brokers: Vec<BrokerId>,
    pub(crate) topics: VecMap<TopicName, TopicInfo>,
    /// When it was last refreshed.
    pub(crate) refreshed_at: Option<Timestamp>,
    /// Whether a refresh is wanted.
    pub(crate) stale: bool,
    /// When a Metadata request was last sent: requests are spaced by `retry.backoff.ms`.
    requested_at: Option<Timestamp>,
    /// Which broker to ask next (rotates on failure).
    next_broker: usize,
}

/// Kafka's `metadata.max.age.ms`.
pub(crate) const METADATA_MAX_AGE_MS: i64 = 300_000;

/// Kafka's `retry.backoff.ms`: the least time between two Metadata requests.
pub(crate) const RETRY_BACKOFF_MS: i64 = 100;

impl MetadataCache {
    /// Takes in a Metadata response.
    pub(crate) fn update(&mut self, response: &MetadataResponse, now: Timestamp) {
        self.brokers = response.brokers.iter().map(|b| b.node_id).collect();
        for topic in &response.topics {
            if topic.error.is_some() && topic.partitions.is_empty() {
                self.topics.remove(&topic.name);
                continue;
            }
            let mut leaders = vec![(None, LeaderEpoch::UNKNOWN); topic.partitions.len()];
            for p in &topic.partitions {
                if let Some(slot) =
                    usize::try_from(p.partition.0).ok().and_then(|i| leaders.get_mut(i))
                {
                    *slot = ((p.leader.0 >= 0).then_some(p.leader), p.leader_epoch);
                }
            }
            self.topics.insert(topic.name.clone(), TopicInfo { leaders });
        }
        self.refreshed_at = Some(now);
        self.stale = false;
    }

    /// The leader of a partition, if known.
    pub(crate) fn leader(&self, topic: &TopicName, partition: i32) -> Option<BrokerId> {
        let info = self.topics.get(topic)?;
        usize::try_from(partition).ok().and_then(|i| info.leaders.get(i)).and_then(|(l, _)| *l)
    }

    /// The number of partitions of a topic, if known.
    pub(crate) fn partition_count(&self, topic: &TopicName) -> Option<i32> {
        self.topics.get(topic).map(|t| t.leaders.len() as i32)
    }

    /// Whether a refresh is due at `now` (stale or old, and not asked for too recently).
    pub(crate) fn needs_refresh(&self, now: Timestamp) -> bool {
        let wanted = self.stale
            || self.refreshed_at.is_none_or(|at| now.ms_since(at) >= METADATA_MAX_AGE_MS);
        wanted && self.requested_at.is_none_or(|at| now.ms_since(at) >= RETRY_BACKOFF_MS)
    }

    /// Notes that a Metadata request went out.
    pub(crate) fn requested(&mut self, now: Timestamp) {
        self.requested_at = Some(now);
    }

    /// When a refresh next becomes due.
    pub(crate) fn next_refresh(&self) -> Option<Timestamp> {
        let backoff = self.requested_at.map(|at| at.plus_ms(RETRY_BACKOFF_MS));
        if self.stale || self.refreshed_at.is_none() {
            return backoff;
        }
        let by_age = self.refreshed_at.map(|at| at.plus_ms(METADATA_MAX_AGE_MS));
        by_age.max(backoff)
    }

    /// The broker to ask for metadata: the known brokers (or the bootstrap list) in turn.
    pub(crate) fn pick_broker(&mut self, bootstrap: &[BrokerId]) -> Option<BrokerId> {
        let list = if self.brokers.is_empty() { bootstrap } else { &self.brokers };
        if list.is_empty() {
            return None;
        }
        let broker = list[self.next_broker % list.len()];
        Some(broker)
    }

    /// The last broker asked did not answer: ask the next one next time.
    pub(crate) fn rotate(&mut self) {
        self.next_broker = self.next_broker.wrapping_add(1);
    }
}
