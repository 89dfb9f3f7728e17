//! Kafka's `RangeAssignor` (`range`): topic by topic, the members subscribed to it in
//! `MemberInfo` order (static members by `group.instance.id` first, then member id) each take a
//! consecutive range of its partitions; when the count does not divide evenly, the first
//! members take one more.
//!
//! Invariants: every partition of a subscribed topic goes to exactly one of its subscribers;
//! per topic, members get counts within one of each other, the larger counts first. Across
//! topics nothing balances: with several topics the first members can collect many extras.
//! Each member's list follows Java's topic iteration order (its `partitionsPerTopic` map).

use kplay_core::vec_map::VecMap;
use kplay_core::{MemberId, TopicName, TopicPartition};

use super::{
    Assignor, Explained, Explanation, Group, MemberSubscription, RebalanceProtocol, join,
    member_order,
};

/// The `range` assignor.
#[derive(Clone, Copy, Debug, Default)]
pub struct RangeAssignor;

impl Assignor for RangeAssignor {
    fn name(&self) -> &'static str {
        "range"
    }

    fn protocol(&self) -> RebalanceProtocol {
        RebalanceProtocol::Eager
    }

    fn subscription_user_data(
        &self,
        _owned: &[TopicPartition],
        _generation: kplay_core::GenerationId,
    ) -> Option<bytes::Bytes> {
        None
    }

    fn assign_explained(
        &self,
        partitions_per_topic: &VecMap<TopicName, i32>,
        members: &VecMap<MemberId, MemberSubscription>,
    ) -> Explained {
        let group = Group::new(partitions_per_topic, members);
        let mut assignment = group.empty_assignment();
        let mut lines = VecMap::new();
        for (topic, count) in &group.topics {
            let mut consumers: Vec<(&MemberId, &MemberSubscription)> = group
                .members
                .iter()
                .copied()
                .filter(|(_, m)| m.subscription.topics.contains(topic))
                .collect();
            kplay_core::sort::sort_by(&mut consumers, |a, b| member_order(*a, *b));
            if consumers.is_empty() {
                continue;
            }
            let per_member = *count as usize / consumers.len();
            let extra = *count as usize % consumers.len();
            let mut next = 0;
            let mut sizes = Vec::with_capacity(consumers.len());
            for (i, (id, _)) in consumers.iter().enumerate() {
                let len = per_member + usize::from(i < extra);
                let list = assignment.entry((*id).clone()).or_default();
                list.extend(
                    (next..next + len).map(|p| TopicPartition::new(topic.clone(), p as i32)),
                );
                next += len;
                sizes.push(len);
            }
            lines.insert(
                topic.clone(),
                format!(
                    "range: topic {topic} has {count} partitions for {} members: {}",
                    consumers.len(),
                    join(sizes)
                ),
            );
        }
        Explained { assignment, explanation: Explanation { lines: lines.into_values().collect() } }
    }
}
