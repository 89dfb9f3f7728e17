//! Kafka's `RoundRobinAssignor` (`roundrobin`): all partitions of all subscribed topics, in
//! topic then partition order, are dealt one by one to the members in `MemberInfo` order
//! (static members by `group.instance.id` first, then member id), going round; a member not
//! subscribed to a partition's topic is skipped.
//!
//! Invariants: every partition of a subscribed topic goes to exactly one of its subscribers;
//! when all members subscribe to the same topics, counts differ by at most one and the first
//! members get the extras. With different subscriptions it can be badly unbalanced (Kafka's
//! own Javadoc example: C2 gets four partitions while C0 and C1 get one each).

use kplay_core::vec_map::{VecMap, VecSet};
use kplay_core::{MemberId, TopicName, TopicPartition};

use super::{
    Assignor, Explained, Explanation, Group, MemberSubscription, RebalanceProtocol, join,
    member_order,
};
use crate::java::compare_strings;

/// The `roundrobin` assignor.
#[derive(Clone, Copy, Debug, Default)]
pub struct RoundRobinAssignor;

impl Assignor for RoundRobinAssignor {
    fn name(&self) -> &'static str {
        "roundrobin"
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
        let mut order = group.members.clone();
        kplay_core::sort::sort_by(&mut order, |a, b| member_order(*a, *b));

        // A TreeSet of every subscribed topic, in Java string order.
        let mut topics: Vec<&TopicName> = order
            .iter()
            .flat_map(|(_, m)| m.subscription.topics.iter())
            .collect::<VecSet<_>>()
            .into_iter()
            .collect();
        kplay_core::sort::sort_by(&mut topics, |a, b| compare_strings(a.as_str(), b.as_str()));
        topics.retain(|t| group.count(t).is_some());

        let mut next = 0;
        let mut dealt = 0;
        for topic in topics.iter().copied() {
            for p in 0..group.count(topic).unwrap_or(0) {
                // Some member subscribes to `topic`, so this finds one within a lap.
                for _ in 0..order.len() {
                    if order[next].1.subscription.topics.contains(topic) {
                        break;
                    }
                    next = (next + 1) % order.len();
                }
                let list = assignment.entry(order[next].0.clone()).or_default();
                list.push(TopicPartition::new(topic.clone(), p));
                next = (next + 1) % order.len();
                dealt += 1;
            }
        }

        let counts = join(order.iter().map(|(id, _)| assignment.get(*id).map_or(0, Vec::len)));
        let equal = order.windows(2).all(|w| {
            let (a, b) = (&w[0].1.subscription.topics, &w[1].1.subscription.topics);
            a.len() == b.len() && a.iter().all(|t| b.contains(t))
        });
        let mut lines = vec![format!(
            "roundrobin: dealt {dealt} partitions of {} topics in turn to {} members: {counts}",
            topics.len(),
            order.len()
        )];
        if !equal {
            lines.push("members skip partitions of topics they do not subscribe to".to_string());
        }
        Explained { assignment, explanation: Explanation { lines } }
    }
}
