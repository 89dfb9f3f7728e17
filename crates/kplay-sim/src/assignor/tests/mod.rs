//! Tests of the assignors: Kafka's documented examples, cases ported from Kafka's Java test
//! classes, and properties over random groups.

use kplay_core::vec_map::VecMap;
use kplay_core::{GenerationId, MemberId, TopicName, TopicPartition};

use super::MemberSubscription;
use crate::consumer_protocol::Subscription;

pub(super) fn tp(topic: &str, partition: i32) -> TopicPartition {
    TopicPartition::new(topic, partition)
}

pub(super) fn topics(counts: &[(&str, i32)]) -> VecMap<TopicName, i32> {
    counts.iter().map(|(t, n)| (TopicName::from(*t), *n)).collect()
}

/// A member subscribed to `topics` that owns nothing.
pub(super) fn sub(topics: &[&str]) -> MemberSubscription {
    MemberSubscription::new(Subscription::new(topics.iter().copied()))
}

/// A member subscribed to `topics` that owns `owned` from `generation` (subscription v2+).
pub(super) fn owning(
    topics: &[&str],
    owned: &[TopicPartition],
    generation: i32,
) -> MemberSubscription {
    let mut s = Subscription::new(topics.iter().copied());
    s.owned_partitions = owned.to_vec();
    s.generation_id = GenerationId(generation);
    MemberSubscription::new(s)
}

pub(super) fn group(
    members: Vec<(&str, MemberSubscription)>,
) -> VecMap<MemberId, MemberSubscription> {
    members.into_iter().map(|(id, m)| (MemberId::from(id), m)).collect()
}

pub(super) fn get<'a>(
    a: &'a VecMap<MemberId, Vec<TopicPartition>>,
    id: &str,
) -> &'a [TopicPartition] {
    a.get(id).map_or(&[], Vec::as_slice)
}

/// Each member's partitions as Java's tests print them: sorted `topic-partition` strings.
pub(super) fn sorted_strings(a: &VecMap<MemberId, Vec<TopicPartition>>) -> Vec<String> {
    a.values()
        .map(|list| {
            let mut names: Vec<String> = list.iter().map(ToString::to_string).collect();
            names.sort();
            names.join(", ")
        })
        .collect()
}

mod cooperative;
#[cfg(not(target_arch = "wasm32"))]
mod props;
mod range;
mod round_robin;
mod sticky;
mod sticky_harness;
mod sticky_java;
mod sticky_java_claims;
