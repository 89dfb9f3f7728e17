//! The consumer group assignors of Kafka's Java client, computing exactly what it computes.
//!
//! In the classic group protocol the coordinator does not assign partitions: it elects one
//! member leader, hands it every member's [`Subscription`], and the leader runs the assignor
//! the group agreed on (the first one every member offers). The simulated consumers run the
//! same four assignors Kafka's clients ship:
//!
//! | name | module | protocol | idea |
//! |---|---|---|---|
//! | `range` | [`range`](RangeAssignor) | eager | per topic, consecutive ranges; the first members get one more |
//! | `roundrobin` | [`round_robin`](RoundRobinAssignor) | eager | all partitions dealt in turn |
//! | `sticky` | [`sticky`](StickyAssignor) | eager | balanced, and keeps what members had |
//! | `cooperative-sticky` | [`cooperative_sticky`](CooperativeStickyAssignor) | cooperative | sticky, and a partition changing owner is revoked first, assigned in a second rebalance |
//!
//! ```
//! use kplay_core::vec_map::VecMap;
//! use kplay_sim::assignor::{MemberSubscription, assignor_by_name};
//! use kplay_sim::consumer_protocol::Subscription;
//!
//! let range = assignor_by_name("range").expect("a known assignor");
//! let topics = VecMap::from([("t0".into(), 3), ("t1".into(), 3)]);
//! let members = VecMap::from([
//!     ("C0".into(), MemberSubscription::new(Subscription::new(["t0", "t1"]))),
//!     ("C1".into(), MemberSubscription::new(Subscription::new(["t0", "t1"]))),
//! ]);
//! let explained = range.assign_explained(&topics, &members);
//! assert_eq!(explained.assignment["C0"].len(), 4);
//! assert_eq!(explained.assignment["C1"].len(), 2);
//! assert_eq!(
//!     explained.explanation.lines[0],
//!     "range: topic t0 has 3 partitions for 2 members: 2, 1"
//! );
//! ```
//!
//! Invariants:
//!
//! - Same input, same output as the Java client (Kafka 3.8/3.9), down to the order of each
//!   member's partition list. Where Java iterates a `HashMap` and the order decides the result,
//!   that order is reproduced (see `crate::java`); members enter that map in member id order
//!   (Java inserts them in JoinGroup response order, which only matters for ids whose hashes
//!   collide).
//! - Only topics some member subscribes to and that have partitions are assigned, as Java's
//!   `AbstractPartitionAssignor` does; every member gets an entry, possibly empty.
//! - Deterministic: ordered maps and sorted lists only, no randomness.
//! - Never panics, whatever the subscriptions claim.
//!
//! Simplified, with the reason:
//!
//! - Rack-aware assignment (KIP-881) is not modelled: assignors get partition counts, not
//!   replica racks, which is the case where Java's assignors ignore racks too.
//! - Sticky assignors drop claimed partitions whose index is outside the topic (Java keeps
//!   them and can then produce an invalid assignment); valid input is unaffected.
//! - Java's sticky assignors remember the highest generation they have ever seen across calls;
//!   here each call starts afresh. The two agree whenever generations only grow.
//! - Where Java would throw (states its quotas make unreachable) or dereference a missing
//!   member, these assignors skip the step instead.
//!
//! Java behaviour kept on purpose, because real clients behave so: the eager `sticky`
//! assignor's fresh assignment matches round robin's, but when a member leaves the freed
//! partitions are dealt in (topic, partition) order, not as the `StickyAssignor` Javadoc's
//! example (written for an older algorithm) shows; and a member with an empty subscription that
//! comes first in Java's `HashMap` order makes the sticky assignors treat all subscriptions as
//! equal (see the sticky tests).

mod cooperative_sticky;
mod range;
mod round_robin;
mod sticky;
mod sticky_constrained;
mod sticky_general;
mod sticky_movements;

#[cfg(test)]
mod tests;

use std::cmp::Ordering;
use std::fmt;

use bytes::Bytes;
use kplay_core::vec_map::VecMap;
use kplay_core::{GenerationId, MemberId, TopicName, TopicPartition};

use crate::consumer_protocol::Subscription;
use crate::java::{compare_strings, hash_map_order, string_hash};

pub use cooperative_sticky::CooperativeStickyAssignor;
pub use range::RangeAssignor;
pub use round_robin::RoundRobinAssignor;
pub use sticky::StickyAssignor;

/// How a group moves partitions between members when it rebalances.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RebalanceProtocol {
    /// Every member gives up all its partitions before rejoining.
    Eager,
    /// Members keep their partitions through the rebalance and give up only those that move;
    /// a moving partition is assigned to its new owner in a follow-up rebalance.
    Cooperative,
}

/// One member as the leader sees it: its decoded subscription and its `group.instance.id`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemberSubscription {
    /// The member's subscription.
    pub subscription: Subscription,
    /// Its `group.instance.id`, for static members.
    pub group_instance_id: Option<String>,
}

impl MemberSubscription {
    /// A dynamic member with `subscription`.
    pub fn new(subscription: Subscription) -> Self {
        MemberSubscription { subscription, group_instance_id: None }
    }

    /// A static member with `subscription` and `group.instance.id` `instance_id`.
    pub fn with_instance_id(subscription: Subscription, instance_id: impl Into<String>) -> Self {
        MemberSubscription { subscription, group_instance_id: Some(instance_id.into()) }
    }
}

/// A few sentences on why an assignment came out as it did, for the UI to show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Explanation {
    /// One sentence per line, most important first.
    pub lines: Vec<String>,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines.join("\n"))
    }
}

/// An assignment with its explanation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Explained {
    /// Each member's partitions, in the order the Java client lists them.
    pub assignment: VecMap<MemberId, Vec<TopicPartition>>,
    /// Why.
    pub explanation: Explanation,
}

/// A partition assignor, as the group leader runs it.
pub trait Assignor {
    /// The name members offer in JoinGroup (`range`, `roundrobin`, ...).
    fn name(&self) -> &'static str;

    /// The rebalance protocol the assignor follows.
    fn protocol(&self) -> RebalanceProtocol;

    /// The user data a member puts in its subscription, given the partitions it owns and the
    /// generation they were assigned in ([`GenerationId::NONE`] before its first assignment).
    fn subscription_user_data(
        &self,
        owned: &[TopicPartition],
        generation: GenerationId,
    ) -> Option<Bytes>;

    /// Assigns the partitions of `partitions_per_topic` (topic -> partition count) to
    /// `members`, and says why.
    fn assign_explained(
        &self,
        partitions_per_topic: &VecMap<TopicName, i32>,
        members: &VecMap<MemberId, MemberSubscription>,
    ) -> Explained;

    /// Assigns the partitions of `partitions_per_topic` to `members`.
    fn assign(
        &self,
        partitions_per_topic: &VecMap<TopicName, i32>,
        members: &VecMap<MemberId, MemberSubscription>,
    ) -> VecMap<MemberId, Vec<TopicPartition>> {
        self.assign_explained(partitions_per_topic, members).assignment
    }
}

/// The assignor names Kafka's Java client knows, in the order the UI offers them.
pub const ASSIGNOR_NAMES: [&str; 4] = ["range", "roundrobin", "sticky", "cooperative-sticky"];

/// The assignor called `name`, if it is one of [`ASSIGNOR_NAMES`].
pub fn assignor_by_name(name: &str) -> Option<Box<dyn Assignor>> {
    match name {
        "range" => Some(Box::new(RangeAssignor)),
        "roundrobin" => Some(Box::new(RoundRobinAssignor)),
        "sticky" => Some(Box::new(StickyAssignor)),
        "cooperative-sticky" => Some(Box::new(CooperativeStickyAssignor)),
        _ => None,
    }
}

/// The group as Java's `AbstractPartitionAssignor` hands it to an assignor.
pub(crate) struct Group<'a> {
    /// The members, by id.
    pub(crate) by_id: &'a VecMap<MemberId, MemberSubscription>,
    /// Members in the order Java's subscriptions `HashMap` iterates them.
    pub(crate) members: Vec<(&'a MemberId, &'a MemberSubscription)>,
    /// Subscribed topics that have partitions, in the order Java's `partitionsPerTopic`
    /// `HashMap` iterates them.
    pub(crate) topics: Vec<(TopicName, i32)>,
}

impl<'a> Group<'a> {
    pub(crate) fn new(
        partitions_per_topic: &VecMap<TopicName, i32>,
        members: &'a VecMap<MemberId, MemberSubscription>,
    ) -> Self {
        let by_id = members;
        let members = hash_map_order(members.iter().collect(), |(id, _)| string_hash(id.as_str()));
        // allSubscribedTopics is a HashSet filled member by member, topic by topic.
        let mut subscribed: Vec<&TopicName> = Vec::new();
        for (_, member) in &members {
            for topic in &member.subscription.topics {
                if !subscribed.contains(&topic) {
                    subscribed.push(topic);
                }
            }
        }
        let subscribed = hash_map_order(subscribed, |t| string_hash(t.as_str()));
        let topics = subscribed
            .into_iter()
            .filter_map(|t| {
                partitions_per_topic.get(t).filter(|n| **n > 0).map(|n| (t.clone(), *n))
            })
            .collect();
        let topics = hash_map_order(topics, |(t, _): &(TopicName, i32)| string_hash(t.as_str()));
        Group { by_id, members, topics }
    }

    /// The partition count of `topic`, if it is assigned.
    pub(crate) fn count(&self, topic: &TopicName) -> Option<i32> {
        self.topics.iter().find(|(t, _)| t == topic).map(|(_, n)| *n)
    }

    /// Whether `tp` is a partition being assigned (its topic is, and its index is in range).
    pub(crate) fn is_assignable(&self, tp: &TopicPartition) -> bool {
        self.count(&tp.topic).is_some_and(|n| (0..n).contains(&tp.partition.0))
    }

    /// The total number of partitions being assigned.
    pub(crate) fn total_partitions(&self) -> usize {
        self.topics.iter().map(|(_, n)| *n as usize).sum()
    }

    /// Every member with an empty list.
    pub(crate) fn empty_assignment(&self) -> VecMap<MemberId, Vec<TopicPartition>> {
        self.members.iter().map(|(id, _)| ((*id).clone(), Vec::new())).collect()
    }
}

/// Java's `MemberInfo` order: static members first, by `group.instance.id`, then dynamic
/// members by member id.
pub(crate) fn member_order(
    a: (&MemberId, &MemberSubscription),
    b: (&MemberId, &MemberSubscription),
) -> Ordering {
    match (&a.1.group_instance_id, &b.1.group_instance_id) {
        (Some(x), Some(y)) => compare_strings(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => compare_strings(a.0.as_str(), b.0.as_str()),
    }
}

/// `a, b, c` for the explanations.
pub(crate) fn join<T: fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    items.into_iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ")
}
