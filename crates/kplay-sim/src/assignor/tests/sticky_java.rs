//! Cases ported from Kafka's `AbstractStickyAssignorTest` (Kafka 3.8+, non-rack), run against
//! both sticky assignors as Kafka runs them. Expected lists are Java's, in Java's order.

use super::sticky_harness::*;
use super::*;

fn counts(c: &[(&str, i32)]) -> VecMap<TopicName, i32> {
    topics(c)
}

#[test]
fn one_consumer_edge_cases() {
    for kind in KINDS {
        let m = group(vec![("consumer", sub(&[]))]);
        assert!(get(&run(kind, &counts(&[]), &m), "consumer").is_empty());
        let m = group(vec![("consumer", sub(&["topic"]))]);
        assert!(get(&run(kind, &counts(&[("topic", 0)]), &m), "consumer").is_empty());
        let m = group(vec![("consumer", sub(&["topic1", "topic2"]))]);
        let a = run(kind, &counts(&[("topic1", 1), ("topic2", 2)]), &m);
        assert_eq!(get(&a, "consumer"), [tp("topic1", 0), tp("topic2", 0), tp("topic2", 1)]);
        // Claims on topics the member does not subscribe to are ignored.
        let owned = [tp("topic", 0), tp("topic", 1), tp("other", 0), tp("other", 1)];
        let m = group(vec![("consumer", member(kind, &["topic"], &owned, 1))]);
        let o = outcome(kind, &counts(&[("topic", 2)]), &m);
        assert_eq!(get(&o.assignment, "consumer"), [tp("topic", 0), tp("topic", 1)]);
        assert_eq!(transfers(&o), Some(VecMap::new()));
    }
}

#[test]
fn two_consumers_two_topics_six_partitions() {
    for kind in KINDS {
        let both = ["topic1", "topic2"];
        let m = group(vec![("consumer1", sub(&both)), ("consumer2", sub(&both))]);
        let a = run(kind, &counts(&[("topic1", 3), ("topic2", 3)]), &m);
        assert_eq!(get(&a, "consumer1"), [tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)]);
        assert_eq!(get(&a, "consumer2"), [tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)]);
    }
}

#[test]
fn multiple_consumers_mixed_topic_subscriptions_use_the_general_algorithm() {
    for kind in KINDS {
        let c = counts(&[("topic1", 3), ("topic2", 2)]);
        let m = group(vec![
            ("consumer1", sub(&["topic1"])),
            ("consumer2", sub(&["topic1", "topic2"])),
            ("consumer3", sub(&["topic1"])),
        ]);
        let o = outcome(kind, &c, &m);
        assert_eq!(transfers(&o), None);
        let a = run(kind, &c, &m);
        assert_eq!(get(&a, "consumer1"), [tp("topic1", 0), tp("topic1", 2)]);
        assert_eq!(get(&a, "consumer2"), [tp("topic2", 0), tp("topic2", 1)]);
        assert_eq!(get(&a, "consumer3"), [tp("topic1", 1)]);
    }
}

#[test]
fn consumer_owning_min_quota_expected_max_quota() {
    for kind in KINDS {
        let both = ["topic1", "topic2"];
        let c = counts(&[("topic1", 2), ("topic2", 3)]);
        let m = group(vec![
            ("consumer1", member(kind, &both, &[tp("topic1", 0), tp("topic2", 1)], 1)),
            ("consumer2", member(kind, &both, &[tp("topic1", 1), tp("topic2", 2)], 1)),
        ]);
        assert_eq!(transfers(&outcome(kind, &c, &m)), Some(VecMap::new()));
        let a = run(kind, &c, &m);
        assert_eq!(get(&a, "consumer1"), [tp("topic1", 0), tp("topic2", 1), tp("topic2", 0)]);
        assert_eq!(get(&a, "consumer2"), [tp("topic1", 1), tp("topic2", 2)]);
    }
}

/// Which of two members owning `maxQuota` keeps it depends on Java's `HashMap` order:
/// consumer2 comes before consumer1 there.
#[test]
fn max_quota_consumers_more_than_expected() {
    for kind in KINDS {
        let both = ["topic1", "topic2"];
        let c = counts(&[("topic1", 2), ("topic2", 2)]);
        let mut m = group(vec![
            ("consumer1", member(kind, &both, &[tp("topic1", 0), tp("topic2", 0)], 1)),
            ("consumer2", member(kind, &both, &[tp("topic1", 1), tp("topic2", 1)], 1)),
            ("consumer3", member(kind, &both, &[], 1)),
        ]);
        let o = outcome(kind, &c, &m);
        let expected: VecMap<_, _> = [("topic2-0".to_string(), "consumer3".to_string())].into();
        assert_eq!(transfers(&o), Some(expected));
        let mut a = run(kind, &c, &m);
        verify(kind, &c, &mut m, &mut a);
        assert_eq!(get(&a, "consumer1"), [tp("topic1", 0)]);
        assert_eq!(get(&a, "consumer2"), [tp("topic1", 1), tp("topic2", 1)]);
        assert_eq!(get(&a, "consumer3"), [tp("topic2", 0)]);
    }
}

#[test]
fn all_consumers_under_min_quota() {
    for kind in KINDS {
        let both = ["topic1", "topic2"];
        let c = counts(&[("topic1", 2), ("topic2", 3)]);
        let m = group(vec![
            ("consumer1", member(kind, &both, &[tp("topic1", 0)], 1)),
            ("consumer2", member(kind, &both, &[tp("topic1", 1)], 1)),
            ("consumer3", member(kind, &both, &[], 1)),
        ]);
        let a = run(kind, &c, &m);
        assert_eq!(get(&a, "consumer1"), [tp("topic1", 0), tp("topic2", 1)]);
        assert_eq!(get(&a, "consumer2"), [tp("topic1", 1), tp("topic2", 2)]);
        assert_eq!(get(&a, "consumer3"), [tp("topic2", 0)]);
    }
}

#[test]
fn add_and_remove_consumer_one_topic() {
    for kind in KINDS {
        let c = counts(&[("topic", 3)]);
        let mut m = group(vec![("consumer1", sub(&["topic"]))]);
        let a = run(kind, &c, &m);
        assert_eq!(get(&a, "consumer1"), [tp("topic", 0), tp("topic", 1), tp("topic", 2)]);

        m = group(vec![
            ("consumer1", member(kind, &["topic"], get(&a, "consumer1"), 1)),
            ("consumer2", member(kind, &["topic"], &[], 1)),
        ]);
        let expected: VecMap<_, _> = [("topic-2".to_string(), "consumer2".to_string())].into();
        assert_eq!(transfers(&outcome(kind, &c, &m)), Some(expected));
        let mut a = run(kind, &c, &m);
        verify(kind, &c, &mut m, &mut a);
        assert_eq!(get(&a, "consumer1"), [tp("topic", 0), tp("topic", 1)]);
        assert_eq!(get(&a, "consumer2"), [tp("topic", 2)]);

        let m = group(vec![("consumer2", member(kind, &["topic"], get(&a, "consumer2"), 1))]);
        let a = run(kind, &c, &m);
        assert_eq!(
            set(get(&a, "consumer2")),
            set(&[tp("topic", 0), tp("topic", 1), tp("topic", 2)])
        );
    }
}

#[test]
fn topics_stay_balanced_per_consumer_after_reassignment() {
    for kind in KINDS {
        let both = ["topic1", "topic2"];
        let c = counts(&[("topic1", 12), ("topic2", 12)]);
        let per_topic = |a: &Assignment, n: usize| {
            for list in a.values() {
                for t in both {
                    assert_eq!(list.iter().filter(|tp| tp.topic.as_str() == t).count(), n);
                }
            }
        };
        let mut m = group(vec![("consumer1", sub(&both))]);
        let mut a = run(kind, &c, &m);
        per_topic(&a, 12);
        for (joining, each) in [(vec!["consumer2"], 6), (vec!["consumer3", "consumer4"], 3)] {
            let mut next: Vec<(&str, MemberSubscription)> = Vec::new();
            for (id, list) in &a {
                next.push((id.as_str(), member(kind, &both, list, 1)));
            }
            next.extend(joining.iter().map(|id| (*id, member(kind, &both, &[], 1))));
            m = group(next);
            a = run(kind, &c, &m);
            verify(kind, &c, &mut m, &mut a);
            per_topic(&a, each);
        }
        m = group(vec![
            ("consumer3", member(kind, &both, get(&a, "consumer3"), 1)),
            ("consumer4", member(kind, &both, get(&a, "consumer4"), 1)),
        ]);
        let a = run(kind, &c, &m);
        per_topic(&a, 6);
    }
}

#[test]
fn add_and_remove_two_consumers_two_topics() {
    for kind in KINDS {
        let both = ["topic1", "topic2"];
        let c = counts(&[("topic1", 3), ("topic2", 4)]);
        let m = group(vec![("consumer1", sub(&both)), ("consumer2", sub(&both))]);
        let a = run(kind, &c, &m);
        assert_eq!(
            get(&a, "consumer1"),
            [tp("topic1", 0), tp("topic1", 2), tp("topic2", 1), tp("topic2", 3)]
        );
        assert_eq!(get(&a, "consumer2"), [tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)]);

        let mut m = group(vec![
            ("consumer1", member(kind, &both, get(&a, "consumer1"), 1)),
            ("consumer2", member(kind, &both, get(&a, "consumer2"), 1)),
            ("consumer3", member(kind, &both, &[], 1)),
            ("consumer4", member(kind, &both, &[], 1)),
        ]);
        let expected: VecMap<_, _> =
            [("topic1-2", "consumer3"), ("topic2-3", "consumer3"), ("topic2-2", "consumer4")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .into();
        assert_eq!(transfers(&outcome(kind, &c, &m)), Some(expected));
        let mut a = run(kind, &c, &m);
        verify(kind, &c, &mut m, &mut a);
        assert_eq!(get(&a, "consumer1"), [tp("topic1", 0), tp("topic2", 1)]);
        assert_eq!(get(&a, "consumer2"), [tp("topic2", 0), tp("topic1", 1)]);
        assert_eq!(get(&a, "consumer3"), [tp("topic1", 2), tp("topic2", 3)]);
        assert_eq!(get(&a, "consumer4"), [tp("topic2", 2)]);

        let m = group(vec![
            ("consumer3", member(kind, &both, get(&a, "consumer3"), 1)),
            ("consumer4", member(kind, &both, get(&a, "consumer4"), 1)),
        ]);
        assert_eq!(transfers(&outcome(kind, &c, &m)), Some(VecMap::new()));
        let a = run(kind, &c, &m);
        assert_eq!(
            get(&a, "consumer3"),
            [tp("topic1", 2), tp("topic2", 3), tp("topic1", 0), tp("topic2", 1)]
        );
        assert_eq!(get(&a, "consumer4"), [tp("topic2", 2), tp("topic1", 1), tp("topic2", 0)]);
    }
}

#[test]
fn all_consumers_reach_expected_quota() {
    for kind in KINDS {
        let c = counts(&[("topic", 4)]);
        let m = group(vec![
            ("consumer1", member(kind, &["topic"], &[tp("topic", 0), tp("topic", 1)], 1)),
            ("consumer2", member(kind, &["topic"], &[tp("topic", 2)], 1)),
            ("consumer3", member(kind, &["topic"], &[], 1)),
        ]);
        let a = run(kind, &c, &m);
        assert_eq!(get(&a, "consumer1"), [tp("topic", 0), tp("topic", 1)]);
        assert_eq!(get(&a, "consumer2"), [tp("topic", 2)]);
        assert_eq!(get(&a, "consumer3"), [tp("topic", 3)]);
    }
}
