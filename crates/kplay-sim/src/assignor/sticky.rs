//! Kafka's `AbstractStickyAssignor`, shared by the `sticky` and `cooperative-sticky` assignors,
//! and the eager `StickyAssignor` itself.
//!
//! A sticky assignment is as balanced as possible and, within that, keeps as many partitions
//! with their previous owners as possible. The previous owners come from each member's
//! "member data": the eager assignor reads its previous assignment and generation from its
//! user data ([`StickyAssignorUserData`]); the cooperative one reads the subscription's owned
//! partitions and generation.
//!
//! Before assigning, claims are checked (Java's `allSubscriptionsEqual`): claims on partitions
//! of topics no longer assigned are dropped; when two members claim the same partition, the one
//! with the higher generation keeps it, and if their generations are equal neither does (the
//! partition is "claimed by multiple previous owners" and counts as changing owner).
//!
//! Then, if all members subscribe to the same topics, the constrained algorithm runs
//! (`sticky_constrained`), otherwise the general one (`sticky_general`).

use bytes::Bytes;
use kplay_core::vec_map::{VecMap, VecSet};
use kplay_core::{GenerationId, MemberId, TopicName, TopicPartition};

use super::{
    Assignor, Explained, Explanation, Group, MemberSubscription, RebalanceProtocol,
    sticky_constrained, sticky_general,
};
use crate::consumer_protocol::Subscription;
use crate::consumer_protocol::user_data::{CooperativeStickyUserData, StickyAssignorUserData};

/// Where a sticky assignor finds a member's previous assignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stickiness {
    /// In the user data (the eager `sticky` assignor).
    UserData,
    /// In the subscription's owned partitions (`cooperative-sticky`).
    OwnedPartitions,
}

/// Java's `MemberData`: what a member says it owned, and from which generation.
pub(crate) struct MemberData {
    pub(crate) partitions: Vec<TopicPartition>,
    pub(crate) generation: Option<i32>,
}

/// Java's `memberData(subscription)` of each sticky assignor.
pub(crate) fn member_data(kind: Stickiness, s: &Subscription) -> MemberData {
    match kind {
        Stickiness::UserData => match s.user_data.as_deref() {
            None | Some([]) => MemberData { partitions: Vec::new(), generation: None },
            Some(bytes) => match StickyAssignorUserData::decode(bytes) {
                Ok(d) => MemberData {
                    partitions: d.previous_assignment,
                    generation: d.generation.map(|g| g.0),
                },
                // Java ignores a previous assignment it cannot parse.
                Err(_) => MemberData { partitions: Vec::new(), generation: Some(-1) },
            },
        },
        Stickiness::OwnedPartitions => {
            let generation = if s.generation_id.0 >= 0 {
                Some(s.generation_id.0)
            } else {
                s.user_data.as_deref().map(|bytes| {
                    CooperativeStickyUserData::decode(bytes).map_or(-1, |d| d.generation.0)
                })
            };
            MemberData { partitions: s.owned_partitions.clone(), generation }
        }
    }
}

/// The checked claims (Java's `allSubscriptionsEqual` and what it fills in).
pub(crate) struct Claims {
    /// Whether every member subscribes to the same topics.
    pub(crate) all_equal: bool,
    /// Each member's valid previously owned partitions, in Java's list order.
    pub(crate) owned: VecMap<MemberId, Vec<TopicPartition>>,
    /// Partitions two members of the same generation both claimed.
    pub(crate) multiply_claimed: VecSet<TopicPartition>,
    /// The highest generation any member reported.
    pub(crate) max_generation: i32,
}

/// Removes the first occurrence of `tp`, as Java's `List.remove(Object)` does.
pub(crate) fn remove_first(list: &mut Vec<TopicPartition>, tp: &TopicPartition) {
    if let Some(i) = list.iter().position(|x| x == tp) {
        list.remove(i);
    }
}

fn check_claims(kind: Stickiness, group: &Group<'_>) -> Claims {
    let mut all_equal = true;
    let mut subscribed: VecSet<&TopicName> = VecSet::new();
    let mut previous_owner: VecMap<TopicPartition, &MemberId> = VecMap::new();
    let mut owned: VecMap<MemberId, Vec<TopicPartition>> = VecMap::new();
    let mut multiply_claimed = VecSet::new();
    let mut max_generation = -1;
    for (id, member) in &group.members {
        let topics = &member.subscription.topics;
        if subscribed.is_empty() {
            subscribed.extend(topics.iter());
        } else if all_equal
            && !(topics.len() == subscribed.len() && topics.iter().all(|t| subscribed.contains(t)))
        {
            all_equal = false;
        }
        let data = member_data(kind, &member.subscription);
        let generation = data.generation.unwrap_or(-1);
        max_generation = max_generation.max(generation);
        owned.insert((*id).clone(), Vec::new());
        for tp in data.partitions.into_iter().filter(|tp| group.is_assignable(tp)) {
            let Some(other) = previous_owner.get(&tp).copied() else {
                owned.entry((*id).clone()).or_default().push(tp.clone());
                previous_owner.insert(tp, id);
                continue;
            };
            // Java compares with the other member's subscription generation, not its data's.
            let other_generation =
                group.by_id.get(other).map_or(-1, |m| m.subscription.generation_id.0.max(-1));
            if generation >= other_generation {
                if generation == other_generation {
                    multiply_claimed.insert(tp.clone());
                } else {
                    owned.entry((*id).clone()).or_default().push(tp.clone());
                }
                if let Some(list) = owned.get_mut(other) {
                    remove_first(list, &tp);
                }
                previous_owner.insert(tp, id);
            }
        }
    }
    Claims { all_equal, owned, multiply_claimed, max_generation }
}

/// A sticky assignment and what the cooperative assignor and the explanation need to know.
pub(crate) struct StickyOutcome {
    pub(crate) assignment: VecMap<MemberId, Vec<TopicPartition>>,
    /// Partitions given to a member other than one that still claims them (constrained case
    /// only; Java's `partitionsTransferringOwnership`, `null` in the general case).
    pub(crate) transferring: Option<VecMap<TopicPartition, MemberId>>,
    /// The checked claims.
    pub(crate) claims: Claims,
    /// `(min, max)` partitions per member, in the constrained case.
    pub(crate) quota: Option<(usize, usize)>,
}

/// Java's `AbstractStickyAssignor.assignPartitions`.
pub(crate) fn assign_sticky(
    kind: Stickiness,
    partitions_per_topic: &VecMap<TopicName, i32>,
    members: &VecMap<MemberId, MemberSubscription>,
) -> StickyOutcome {
    let group = Group::new(partitions_per_topic, members);
    let claims = check_claims(kind, &group);
    if group.members.is_empty() {
        return StickyOutcome {
            assignment: VecMap::new(),
            transferring: Some(VecMap::new()),
            claims,
            quota: None,
        };
    }
    if claims.all_equal {
        let (assignment, transferring, quota) = sticky_constrained::assign(&group, &claims);
        StickyOutcome { assignment, transferring: Some(transferring), claims, quota: Some(quota) }
    } else {
        let assignment = sticky_general::assign(kind, &group, &claims);
        StickyOutcome { assignment, transferring: None, claims, quota: None }
    }
}

/// The explanation lines shared by both sticky assignors.
pub(crate) fn explain(name: &str, outcome: &StickyOutcome) -> Vec<String> {
    let total: usize = outcome.assignment.values().map(Vec::len).sum();
    let first = match outcome.quota {
        Some((min, max)) if min == max => format!(
            "{name}: all members subscribe to the same topics, so each gets {min} partitions"
        ),
        Some((min, max)) => format!(
            "{name}: all members subscribe to the same topics, so each gets {min} or {max} partitions"
        ),
        None => format!(
            "{name}: subscriptions differ, so partitions are balanced among the members of each topic"
        ),
    };
    let previous: VecMap<&TopicPartition, &MemberId> = outcome
        .claims
        .owned
        .iter()
        .flat_map(|(id, list)| list.iter().map(move |tp| (tp, id)))
        .collect();
    let (mut kept, mut moved) = (0, 0);
    for (id, list) in &outcome.assignment {
        for tp in list {
            match previous.get(tp) {
                Some(owner) if *owner == id => kept += 1,
                Some(_) => moved += 1,
                None => {}
            }
        }
    }
    vec![
        first,
        format!(
            "kept {kept} partitions with their previous owner, moved {moved}, assigned {} that had none",
            total - kept - moved
        ),
    ]
}

/// The eager `sticky` assignor.
#[derive(Clone, Copy, Debug, Default)]
pub struct StickyAssignor;

impl Assignor for StickyAssignor {
    fn name(&self) -> &'static str {
        "sticky"
    }

    fn protocol(&self) -> RebalanceProtocol {
        RebalanceProtocol::Eager
    }

    /// The previous assignment and its generation ([`StickyAssignorUserData`] v1); none before
    /// the member's first assignment, as in Java.
    fn subscription_user_data(
        &self,
        owned: &[TopicPartition],
        generation: GenerationId,
    ) -> Option<Bytes> {
        if generation == GenerationId::NONE {
            return None;
        }
        StickyAssignorUserData { previous_assignment: owned.to_vec(), generation: Some(generation) }
            .encode()
            .ok()
    }

    fn assign_explained(
        &self,
        partitions_per_topic: &VecMap<TopicName, i32>,
        members: &VecMap<MemberId, MemberSubscription>,
    ) -> Explained {
        let outcome = assign_sticky(Stickiness::UserData, partitions_per_topic, members);
        let lines = explain(self.name(), &outcome);
        Explained { assignment: outcome.assignment, explanation: Explanation { lines } }
    }
}
