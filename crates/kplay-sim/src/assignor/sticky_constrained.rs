//! The sticky assignors' constrained algorithm (Java's `ConstrainedAssignmentBuilder`, without
//! racks), used when every member subscribes to the same topics.
//!
//! With `P` partitions and `N` members each member must end with `min = P / N` or
//! `max = ceil(P / N)` partitions, and exactly `P % N` members with `max`. Steps:
//!
//! 1. Members, in Java's `HashMap` order, get back their previous partitions (sorted by
//!    partition number, then topic, so each keeps a spread across topics): all of them if they
//!    had fewer than `min`; `max` of them if they had at least `max` and members with `max` are
//!    still wanted; otherwise `min`. The rest are revoked.
//! 2. The unassigned partitions, in (topic, partition) order, go round the members still under
//!    `min` (sorted by member id), then one each to members at exactly `min` (sorted by member
//!    id) until enough members have `max`.
//!
//! Invariant: a partition given to a member other than one that claimed it, when it was claimed
//! (revoked in step 1, or claimed by two members of one generation), is recorded as
//! transferring ownership: the cooperative assignor must withhold it for one rebalance.

use std::collections::VecDeque;

use kplay_core::vec_map::{VecMap, VecSet};
use kplay_core::{MemberId, TopicPartition};

use super::Group;
use super::sticky::{Claims, remove_first};
use crate::java::compare_strings;

/// Each member's partitions, the partitions transferring ownership, and `(min, max)`.
pub(crate) type Constrained =
    (VecMap<MemberId, Vec<TopicPartition>>, VecMap<TopicPartition, MemberId>, (usize, usize));

pub(crate) fn assign(group: &Group<'_>, claims: &Claims) -> Constrained {
    let total = group.total_partitions();
    let members = group.members.len().max(1);
    let min_quota = total / members;
    let max_quota = total.div_ceil(members);
    let expected_with_max = total % members;
    let mut with_max = 0;

    let mut assignment = group.empty_assignment();
    let mut assigned: VecSet<TopicPartition> = VecSet::new();
    let mut revoked: VecSet<TopicPartition> = VecSet::new();
    let mut under_min: Vec<MemberId> = Vec::new();
    let mut exactly_min: VecDeque<MemberId> = VecDeque::new();

    // Step 1: give back previously owned partitions, up to the quota.
    for (id, _) in &group.members {
        let mut owned = claims.owned.get(*id).cloned().unwrap_or_default();
        kplay_core::sort::sort_by(&mut owned, |a, b| {
            a.partition.cmp(&b.partition).then(compare_strings(a.topic.as_str(), b.topic.as_str()))
        });
        for tp in &claims.multiply_claimed {
            remove_first(&mut owned, tp);
        }
        let keep = if owned.len() < min_quota {
            under_min.push((*id).clone());
            owned.len()
        } else if owned.len() >= max_quota && with_max < expected_with_max {
            with_max += 1;
            if with_max == expected_with_max {
                exactly_min.clear();
            }
            max_quota
        } else {
            if with_max < expected_with_max {
                exactly_min.push_back((*id).clone());
            }
            min_quota
        };
        revoked.extend(owned.drain(keep..));
        assigned.extend(owned.iter().cloned());
        assignment.entry((*id).clone()).or_default().extend(owned);
    }

    // Step 2: deal the rest.
    let mut unassigned = Vec::with_capacity(total.saturating_sub(assigned.len()));
    let mut topics: Vec<_> = group.topics.iter().collect();
    kplay_core::sort::sort_by(&mut topics, |a, b| compare_strings(a.0.as_str(), b.0.as_str()));
    for (topic, count) in topics {
        for p in 0..*count {
            let tp = TopicPartition::new(topic.clone(), p);
            if !assigned.contains(&tp) {
                unassigned.push(tp);
            }
        }
    }
    kplay_core::sort::sort_by(&mut under_min, |a, b| compare_strings(a.as_str(), b.as_str()));
    kplay_core::sort::sort_by(exactly_min.make_contiguous(), |a, b| {
        compare_strings(a.as_str(), b.as_str())
    });

    let mut transferring = VecMap::new();
    // Java walks `under_min` with an iterator that removes members as they reach `min`.
    let mut cursor = 0;
    for tp in unassigned {
        let (member, from_under_min) = if cursor < under_min.len() {
            cursor += 1;
            (under_min[cursor - 1].clone(), true)
        } else if !under_min.is_empty() {
            cursor = 1;
            (under_min[0].clone(), true)
        } else if let Some(member) = exactly_min.pop_front() {
            (member, false)
        } else {
            // Java throws here; the quotas make it unreachable.
            break;
        };
        if revoked.contains(&tp) || claims.multiply_claimed.contains(&tp) {
            transferring.insert(tp.clone(), member.clone());
        }
        let list = assignment.entry(member.clone()).or_default();
        list.push(tp);
        if list.len() == min_quota && from_under_min {
            cursor -= 1;
            under_min.remove(cursor);
            exactly_min.push_back(member);
        }
    }
    (assignment, transferring, (min_quota, max_quota))
}
