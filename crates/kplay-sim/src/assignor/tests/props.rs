//! Properties over random groups: every partition of a subscribed topic goes to exactly one
//! subscriber; equal subscriptions give balance within one (per topic for `range`, overall for
//! the others); different subscriptions satisfy Kafka's sticky balance rule; sticky assignors
//! keep what members owned as far as the quotas allow, and a balanced assignment fed back in
//! comes out unchanged.

use proptest::prelude::*;

use super::sticky_harness::*;
use super::*;
use crate::assignor::{Assignor, RangeAssignor, RoundRobinAssignor};
use kplay_core::vec_map::VecSet;

#[derive(Clone, Debug)]
struct Case {
    counts: VecMap<TopicName, i32>,
    /// Member id, subscribed topics, `group.instance.id`.
    members: Vec<(String, Vec<String>, Option<String>)>,
    /// Previous owner (index into `members`) of each partition, in (topic, partition) order.
    owners: Vec<Option<usize>>,
}

impl Case {
    fn equal(&self) -> bool {
        self.members.windows(2).all(|w| w[0].1 == w[1].1)
    }

    fn partitions(&self) -> Vec<TopicPartition> {
        self.counts
            .iter()
            .flat_map(|(t, n)| (0..*n).map(move |p| TopicPartition::new(t.clone(), p)))
            .collect()
    }

    fn owned_by(&self, index: usize) -> Vec<TopicPartition> {
        self.partitions()
            .into_iter()
            .zip(&self.owners)
            .filter(|(_, o)| **o == Some(index))
            .map(|(tp, _)| tp)
            .collect()
    }

    /// The members with nothing owned.
    fn fresh(&self) -> Members {
        self.build(|_, topics, instance| {
            let mut m = sub(topics);
            m.group_instance_id = instance.clone();
            m
        })
    }

    /// The members owning `owners`, from generation 1.
    fn owning(&self, kind: Kind) -> Members {
        self.build(|i, topics, _| member(kind, topics, &self.owned_by(i), 1))
    }

    fn build(&self, f: impl Fn(usize, &[&str], &Option<String>) -> MemberSubscription) -> Members {
        self.members
            .iter()
            .enumerate()
            .map(|(i, (id, topics, instance))| {
                let topics: Vec<&str> = topics.iter().map(String::as_str).collect();
                (MemberId::from(id.as_str()), f(i, &topics, instance))
            })
            .collect()
    }
}

fn case() -> impl Strategy<Value = Case> {
    any::<bool>().prop_flat_map(case_with)
}

/// A group where all members subscribe to the same topics (`equal`), or to random ones.
fn case_with(equal: bool) -> impl Strategy<Value = Case> {
    (
        proptest::collection::vec(0..7i32, 1..=3),
        proptest::collection::btree_set("[a-z0-9-]{1,6}", 1..=5),
    )
        .prop_flat_map(move |(counts, ids)| {
            let n_topics = counts.len();
            let n_members = ids.len();
            let total: usize = counts.iter().map(|n| *n as usize).sum();
            let subscriptions = if equal {
                Just(vec![vec![true; n_topics]; n_members]).boxed()
            } else {
                proptest::collection::vec(
                    proptest::collection::vec(any::<bool>(), n_topics),
                    n_members,
                )
                .boxed()
            };
            (
                Just(counts),
                Just(ids),
                subscriptions,
                proptest::collection::vec(proptest::option::of("[a-c]"), n_members),
                proptest::collection::vec(proptest::option::of(0..n_members), total),
            )
        })
        .prop_map(|(counts, ids, subscriptions, instances, owners)| Case {
            counts: counts
                .iter()
                .enumerate()
                .map(|(i, n)| (TopicName::from(format!("t{i}")), *n))
                .collect(),
            members: ids
                .into_iter()
                .zip(subscriptions)
                .zip(instances)
                .map(|((id, subscribed), instance)| {
                    // Every member subscribes to something: see `an_empty_subscription_first_in_java_order_fools_the_equality_check`.
                    let mut topics: Vec<String> = subscribed
                        .iter()
                        .enumerate()
                        .filter(|(_, s)| **s)
                        .map(|(i, _)| format!("t{i}"))
                        .collect();
                    if topics.is_empty() {
                        topics.push("t0".to_string());
                    }
                    (id, topics, instance)
                })
                .collect(),
            owners,
        })
}

/// Every partition of a topic someone subscribes to is assigned exactly once, to a subscriber;
/// nothing else is assigned; every member is present.
fn assert_complete(case: &Case, members: &Members, a: &Assignment) {
    assert_eq!(a.keys().collect::<Vec<_>>(), members.keys().collect::<Vec<_>>());
    let mut seen = VecSet::new();
    for (id, list) in a {
        for tp in list {
            assert!(
                members[id].subscription.topics.contains(&tp.topic),
                "{tp} to non-subscriber {id}"
            );
            assert!(seen.insert(tp.clone()), "{tp} assigned twice");
        }
    }
    let expected: VecSet<_> = case
        .partitions()
        .into_iter()
        .filter(|tp| members.values().any(|m| m.subscription.topics.contains(&tp.topic)))
        .collect();
    assert_eq!(seen, expected);
}

fn spread(sizes: impl Iterator<Item = usize> + Clone) -> usize {
    sizes.clone().max().unwrap_or(0) - sizes.min().unwrap_or(0)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn range_and_round_robin_assign_everything_once(case in case()) {
        let members = case.fresh();
        let range = RangeAssignor.assign(&case.counts, &members);
        assert_complete(&case, &members, &range);
        let rr = RoundRobinAssignor.assign(&case.counts, &members);
        assert_complete(&case, &members, &rr);
        prop_assert_eq!(&rr, &RoundRobinAssignor.assign(&case.counts, &members));
        if case.equal() {
            for topic in case.counts.keys() {
                let per_topic = range.values().map(|l| l.iter().filter(|tp| tp.topic == *topic).count());
                prop_assert!(spread(per_topic) <= 1);
            }
            prop_assert!(spread(rr.values().map(Vec::len)) <= 1);
        }
    }

    #[test]
    fn sticky_assignors_are_complete_and_balanced(case in case()) {
        for kind in KINDS {
            let mut members = case.owning(kind);
            let mut a = run(kind, &case.counts, &members);
            prop_assert_eq!(&a, &run(kind, &case.counts, &members));
            // For the cooperative assignor this runs the follow-up rebalances first.
            verify(kind, &case.counts, &mut members, &mut a);
            assert_complete(&case, &members, &a);
            if case.equal() {
                prop_assert!(spread(a.values().map(Vec::len)) <= 1, "{:?}: {:?}", kind, a);
            }
        }
    }

    #[test]
    fn sticky_assignors_keep_owned_partitions_within_quota(case in case_with(true)) {
        let subscribed = |tp: &TopicPartition| case.members[0].1.contains(&tp.topic.to_string());
        let total = case.partitions().iter().filter(|tp| subscribed(tp)).count();
        let min_quota = total / case.members.len();
        for kind in KINDS {
            let members = case.owning(kind);
            let a = run(kind, &case.counts, &members);
            for (i, (id, _, _)) in case.members.iter().enumerate() {
                let owned: VecSet<_> = case.owned_by(i).into_iter().filter(|tp| subscribed(tp)).collect();
                let kept = set(get(&a, id)).intersection(&owned).count();
                prop_assert!(
                    kept >= owned.len().min(min_quota),
                    "{:?}: {} kept {} of {} owned, quota {}", kind, id, kept, owned.len(), min_quota
                );
            }
        }
    }

    #[test]
    fn a_balanced_assignment_fed_back_is_kept(case in case()) {
        for kind in KINDS {
            let mut members = case.fresh();
            let mut first = run(kind, &case.counts, &members);
            verify(kind, &case.counts, &mut members, &mut first);
            let again: Members = case.build(|i, topics, _| {
                member(kind, topics, get(&first, &case.members[i].0), 2)
            });
            let second = run(kind, &case.counts, &again);
            for (id, list) in &first {
                prop_assert_eq!(set(list), set(get(&second, id.as_str())), "{:?}", kind);
            }
        }
    }
}
