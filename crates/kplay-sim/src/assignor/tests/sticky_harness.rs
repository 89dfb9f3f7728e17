//! What Kafka's `AbstractStickyAssignorTest` builds on, for both sticky assignors.

use super::*;
use crate::assignor::sticky::{Stickiness, StickyOutcome, assign_sticky};
use crate::assignor::{Assignor, CooperativeStickyAssignor, StickyAssignor};
use crate::consumer_protocol::user_data::StickyAssignorUserData;
use kplay_core::vec_map::VecSet;

pub(super) type Assignment = VecMap<MemberId, Vec<TopicPartition>>;
pub(super) type Members = VecMap<MemberId, MemberSubscription>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Eager,
    Cooperative,
}

pub(super) const KINDS: [Kind; 2] = [Kind::Eager, Kind::Cooperative];

/// Java's `buildSubscriptionV2Above` of each assignor's test class: the eager assignor's
/// previous assignment travels in user data, the cooperative one's in owned partitions.
pub(super) fn member(
    kind: Kind,
    topics: &[&str],
    owned: &[TopicPartition],
    generation: i32,
) -> MemberSubscription {
    let mut m = owning(topics, owned, generation);
    if kind == Kind::Eager {
        let data = StickyAssignorUserData {
            previous_assignment: owned.to_vec(),
            generation: Some(GenerationId(generation)),
        };
        m.subscription.user_data = data.encode().ok();
    }
    m
}

fn stickiness(kind: Kind) -> Stickiness {
    match kind {
        Kind::Eager => Stickiness::UserData,
        Kind::Cooperative => Stickiness::OwnedPartitions,
    }
}

/// One round of the assignor.
pub(super) fn run(kind: Kind, counts: &VecMap<TopicName, i32>, members: &Members) -> Assignment {
    match kind {
        Kind::Eager => StickyAssignor.assign(counts, members),
        Kind::Cooperative => CooperativeStickyAssignor.assign(counts, members),
    }
}

/// The shared sticky algorithm's outcome (with Java's `partitionsTransferringOwnership`).
pub(super) fn outcome(
    kind: Kind,
    counts: &VecMap<TopicName, i32>,
    members: &Members,
) -> StickyOutcome {
    assign_sticky(stickiness(kind), counts, members)
}

/// `transferring` as a map of strings, for comparisons.
pub(super) fn transfers(o: &StickyOutcome) -> Option<VecMap<String, String>> {
    o.transferring
        .as_ref()
        .map(|t| t.iter().map(|(tp, id)| (tp.to_string(), id.to_string())).collect())
}

/// Java's `verifyValidityAndBalance`; for the cooperative assignor first the follow-up
/// rebalances (Java's override): while members give up partitions, they rejoin owning what they
/// were assigned, and no partition may be taken from one member and given to another in the
/// same round.
pub(super) fn verify(
    kind: Kind,
    counts: &VecMap<TopicName, i32>,
    members: &mut Members,
    assignment: &mut Assignment,
) {
    let mut rounds = 0;
    while kind == Kind::Cooperative && rounds <= 4 {
        let mut added = VecSet::new();
        let mut revoked = VecSet::new();
        for (id, assigned) in assignment.iter() {
            let owned = &members[id].subscription.owned_partitions;
            added.extend(assigned.iter().filter(|tp| !owned.contains(tp)).cloned());
            revoked.extend(owned.iter().filter(|tp| !assigned.contains(tp)).cloned());
        }
        assert!(
            added.is_disjoint(&revoked),
            "moved directly: {:?}",
            added.intersection(&revoked).collect::<Vec<_>>()
        );
        if revoked.is_empty() {
            break;
        }
        for (id, assigned) in assignment.iter() {
            let m = members.get_mut(id).expect("assigned member");
            let topics: Vec<String> =
                m.subscription.topics.iter().map(ToString::to_string).collect();
            let topics: Vec<&str> = topics.iter().map(String::as_str).collect();
            *m = member(kind, &topics, assigned, 1);
        }
        *assignment = run(kind, counts, members);
        rounds += 1;
    }
    assert!(rounds <= 4, "no stable assignment after 4 follow-up rebalances");
    assert_valid_and_balanced(members, assignment);
}

/// Validity: members only get partitions of topics they subscribe to, no partition twice.
/// Balance: members whose counts differ by two or more share no topic.
pub(super) fn assert_valid_and_balanced(members: &Members, assignment: &Assignment) {
    assert_eq!(members.len(), assignment.len());
    let entries: Vec<_> = assignment.iter().collect();
    for (i, (id, list)) in entries.iter().enumerate() {
        for tp in list.iter() {
            assert!(
                members[*id].subscription.topics.contains(&tp.topic),
                "{tp} given to {id}, not subscribed"
            );
        }
        for (other, other_list) in &entries[i + 1..] {
            assert!(
                list.iter().all(|tp| !other_list.contains(tp)),
                "{id} and {other} share a partition"
            );
            if list.len().abs_diff(other_list.len()) <= 1 {
                continue;
            }
            let topics: VecSet<_> = list.iter().map(|tp| &tp.topic).collect();
            assert!(
                other_list.iter().all(|tp| !topics.contains(&tp.topic)),
                "{id} ({}) and {other} ({}) could be balanced: {assignment:?}",
                list.len(),
                other_list.len()
            );
        }
    }
}

pub(super) fn is_fully_balanced(assignment: &Assignment) -> bool {
    let sizes = assignment.values().map(Vec::len);
    sizes.clone().max().unwrap_or(0) - sizes.min().unwrap_or(0) <= 1
}

pub(super) fn set(list: &[TopicPartition]) -> VecSet<TopicPartition> {
    list.iter().cloned().collect()
}
