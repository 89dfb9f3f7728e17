//! Kafka's `CooperativeStickyAssignor` (`cooperative-sticky`): the sticky assignment, then the
//! cooperative rule that a partition never goes straight from one member to another.
//!
//! In the cooperative protocol members keep consuming their partitions while the group
//! rebalances, so a partition may only be assigned to a new owner once its old owner has let it
//! go. The assignor therefore removes from the new assignment every partition that changes
//! owner. Its old owner, seeing it missing from its assignment, revokes it and rejoins; in that
//! second rebalance nobody claims it and it is assigned to its new owner.
//!
//! Invariants: in one assignment, no partition is both taken from one member and given to
//! another; after the follow-up rebalance the assignment is the balanced sticky one. Member data
//! comes from the subscription's owned partitions and generation (v2+), or the generation in the
//! user data for older subscriptions.

use bytes::Bytes;
use kplay_core::vec_map::{VecMap, VecSet};
use kplay_core::{GenerationId, MemberId, TopicName, TopicPartition};

use super::sticky::{Stickiness, StickyOutcome, assign_sticky, explain, remove_first};
use super::{Assignor, Explained, Explanation, MemberSubscription, RebalanceProtocol, join};
use crate::consumer_protocol::user_data::CooperativeStickyUserData;

/// The `cooperative-sticky` assignor.
#[derive(Clone, Copy, Debug, Default)]
pub struct CooperativeStickyAssignor;

/// The partitions to hold back: given to a member while another still owns them.
fn held_back(
    outcome: &StickyOutcome,
    members: &VecMap<MemberId, MemberSubscription>,
) -> VecMap<TopicPartition, MemberId> {
    if let Some(transferring) = &outcome.transferring {
        return transferring.clone();
    }
    // The general algorithm does not track moves; compare with what members say they own.
    let mut added = VecMap::new();
    let mut revoked = VecSet::new();
    for (id, assigned) in &outcome.assignment {
        let owned = members.get(id).map_or(&[][..], |m| &m.subscription.owned_partitions[..]);
        for tp in assigned {
            if !owned.contains(tp) {
                added.insert(tp.clone(), id.clone());
            }
        }
        revoked.extend(owned.iter().filter(|tp| !assigned.contains(tp)).cloned());
    }
    added.retain(|tp, _| revoked.contains(tp));
    added
}

impl Assignor for CooperativeStickyAssignor {
    fn name(&self) -> &'static str {
        "cooperative-sticky"
    }

    fn protocol(&self) -> RebalanceProtocol {
        RebalanceProtocol::Cooperative
    }

    /// The generation as four bytes ([`CooperativeStickyUserData`]), always sent.
    fn subscription_user_data(
        &self,
        _owned: &[TopicPartition],
        generation: GenerationId,
    ) -> Option<Bytes> {
        Some(CooperativeStickyUserData { generation }.encode())
    }

    fn assign_explained(
        &self,
        partitions_per_topic: &VecMap<TopicName, i32>,
        members: &VecMap<MemberId, MemberSubscription>,
    ) -> Explained {
        let mut outcome = assign_sticky(Stickiness::OwnedPartitions, partitions_per_topic, members);
        let mut lines = explain(self.name(), &outcome);
        let held = held_back(&outcome, members);
        for (tp, id) in &held {
            if let Some(list) = outcome.assignment.get_mut(id) {
                remove_first(list, tp);
            }
        }
        if !held.is_empty() {
            lines.push(format!(
                "held back {} partitions that change owner ({}): their owners give them up now \
                 and the next rebalance assigns them",
                held.len(),
                join(held.keys())
            ));
        }
        Explained { assignment: outcome.assignment, explanation: Explanation { lines } }
    }
}
