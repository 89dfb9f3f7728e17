//! More cases ported from Kafka's `AbstractStickyAssignorTest` (Kafka 3.8+, non-rack), on
//! claims: generations, partitions claimed twice, deleted topics, members leaving.

use super::sticky_harness::*;
use super::*;

fn counts(c: &[(&str, i32)]) -> VecMap<TopicName, i32> {
    topics(c)
}

#[test]
fn owned_partitions_of_a_stale_or_missing_generation_are_invalidated() {
    for kind in KINDS {
        for stale in [9, -1] {
            let both = ["topic", "topic2"];
            let c = counts(&[("topic", 3), ("topic2", 3)]);
            let claimed = [tp("topic", 0), tp("topic", 2), tp("topic2", 1)];
            let mut m = group(vec![
                ("consumer1", member(kind, &both, &claimed, 10)),
                ("consumer2", member(kind, &both, &claimed, stale)),
            ]);
            assert_eq!(transfers(&outcome(kind, &c, &m)), Some(VecMap::new()));
            let mut a = run(kind, &c, &m);
            assert_eq!(set(get(&a, "consumer1")), set(&claimed));
            assert_eq!(
                set(get(&a, "consumer2")),
                set(&[tp("topic", 1), tp("topic2", 0), tp("topic2", 2)])
            );
            verify(kind, &c, &mut m, &mut a);
        }
    }
}

#[test]
fn a_partition_claimed_twice_in_one_generation_transfers_ownership() {
    for kind in KINDS {
        let c = counts(&[("topic", 3)]);
        let mut m = group(vec![
            ("consumer1", member(kind, &["topic"], &[tp("topic", 0), tp("topic", 1)], 1)),
            ("consumer2", member(kind, &["topic"], &[tp("topic", 0), tp("topic", 2)], 1)),
            ("consumer3", member(kind, &["topic"], &[], 1)),
        ]);
        let expected: VecMap<_, _> = [("topic-0".to_string(), "consumer3".to_string())].into();
        assert_eq!(transfers(&outcome(kind, &c, &m)), Some(expected));
        let mut a = run(kind, &c, &m);
        verify(kind, &c, &mut m, &mut a);
        assert_eq!(get(&a, "consumer1"), [tp("topic", 1)]);
        assert_eq!(get(&a, "consumer2"), [tp("topic", 2)]);
        assert_eq!(get(&a, "consumer3"), [tp("topic", 0)]);
    }
}

#[test]
fn partitions_go_to_the_highest_generation() {
    for kind in KINDS {
        let all = ["topic", "topic2", "topic3"];
        let c = counts(&[("topic", 3), ("topic2", 3), ("topic3", 3)]);
        let m = group(vec![
            (
                "consumer1",
                member(kind, &all, &[tp("topic", 0), tp("topic2", 0), tp("topic3", 0)], 10),
            ),
            (
                "consumer2",
                member(kind, &all, &[tp("topic", 1), tp("topic2", 1), tp("topic3", 1)], 9),
            ),
            (
                "consumer3",
                member(kind, &all, &[tp("topic2", 1), tp("topic3", 0), tp("topic3", 2)], 8),
            ),
        ]);
        let a = run(kind, &c, &m);
        assert_eq!(
            set(get(&a, "consumer1")),
            set(&[tp("topic", 0), tp("topic2", 0), tp("topic3", 0)])
        );
        assert_eq!(
            set(get(&a, "consumer2")),
            set(&[tp("topic", 1), tp("topic2", 1), tp("topic3", 1)])
        );
        assert_eq!(
            set(get(&a, "consumer3")),
            set(&[tp("topic", 2), tp("topic2", 2), tp("topic3", 2)])
        );
    }
}

#[test]
fn no_reassignment_on_current_members() {
    for kind in KINDS {
        let all = ["topic", "topic2", "topic3", "topic1"];
        let c = counts(&[("topic", 3), ("topic1", 3), ("topic2", 3), ("topic3", 3)]);
        let m = group(vec![
            ("consumer1", member(kind, &all, &[], -1)),
            (
                "consumer2",
                member(kind, &all, &[tp("topic", 0), tp("topic2", 0), tp("topic1", 0)], 9),
            ),
            (
                "consumer3",
                member(kind, &all, &[tp("topic3", 2), tp("topic2", 2), tp("topic1", 1)], 8),
            ),
            (
                "consumer4",
                member(kind, &all, &[tp("topic3", 1), tp("topic", 1), tp("topic", 2)], 7),
            ),
        ]);
        assert_eq!(transfers(&outcome(kind, &c, &m)), Some(VecMap::new()));
        let a = run(kind, &c, &m);
        assert_eq!(
            set(get(&a, "consumer1")),
            set(&[tp("topic1", 2), tp("topic2", 1), tp("topic3", 0)])
        );
    }
}

#[test]
fn owned_partitions_with_multiple_generations() {
    for kind in KINDS {
        let both = ["topic", "topic2"];
        let c = counts(&[("topic", 3), ("topic2", 3)]);
        let m = group(vec![
            (
                "consumer1",
                member(kind, &both, &[tp("topic", 0), tp("topic2", 1), tp("topic", 1)], 10),
            ),
            (
                "consumer2",
                member(kind, &both, &[tp("topic", 0), tp("topic2", 1), tp("topic2", 2)], 8),
            ),
        ]);
        let a = run(kind, &c, &m);
        assert_eq!(
            set(get(&a, "consumer1")),
            set(&[tp("topic", 0), tp("topic2", 1), tp("topic", 1)])
        );
        assert_eq!(
            set(get(&a, "consumer2")),
            set(&[tp("topic", 2), tp("topic2", 2), tp("topic2", 0)])
        );
    }
}

#[test]
fn non_rack_expectations_of_the_rack_tests() {
    let all = ["t1", "t2", "t3"];
    let c = counts(&[("t1", 6), ("t2", 7), ("t3", 2)]);
    for kind in KINDS {
        let uniform = [
            "t1-0, t1-3, t2-0, t2-3, t2-6",
            "t1-1, t1-4, t2-1, t2-4, t3-0",
            "t1-2, t1-5, t2-2, t2-5, t3-1",
        ];
        let non_equal = [
            "t1-5, t2-0, t2-2, t2-4, t2-6",
            "t1-3, t2-1, t2-3, t2-5, t3-0",
            "t1-0, t1-1, t1-2, t1-4, t3-1",
        ];
        for (third, expected) in [(&all[..], uniform), (&["t1", "t3"][..], non_equal)] {
            let m = group(vec![
                ("consumer0", sub(&all)),
                ("consumer1", sub(&all)),
                ("consumer2", sub(third)),
            ]);
            let a = run(kind, &c, &m);
            assert_eq!(sorted_strings(&a), expected);
            // Owning exactly that assignment, nothing moves.
            let m = group(vec![
                ("consumer0", member(kind, &all, get(&a, "consumer0"), -1)),
                ("consumer1", member(kind, &all, get(&a, "consumer1"), -1)),
                ("consumer2", member(kind, third, get(&a, "consumer2"), -1)),
            ]);
            assert_eq!(sorted_strings(&run(kind, &c, &m)), expected);
        }
    }
}

#[test]
fn stickiness_when_the_leader_leaves() {
    for kind in KINDS {
        let c = counts(&[("topic1", 3)]);
        let m = group(vec![
            ("consumer1", sub(&["topic1"])),
            ("consumer2", sub(&["topic1"])),
            ("consumer3", sub(&["topic1"])),
            ("consumer4", sub(&["topic1"])),
        ]);
        let a = run(kind, &c, &m);
        assert!(a.values().all(|l| l.len() <= 1));
        let mut m = group(
            ["consumer2", "consumer3", "consumer4"]
                .into_iter()
                .map(|id| (id, member(kind, &["topic1"], get(&a, id), 1)))
                .collect(),
        );
        let mut b = run(kind, &c, &m);
        verify(kind, &c, &mut m, &mut b);
        for (id, list) in &b {
            assert_eq!(list.len(), 1);
            if let Some(before) = a[id].first() {
                assert!(list.contains(before), "{id} lost {before}");
            }
        }
    }
}

#[test]
fn deleted_topics() {
    for kind in KINDS {
        let m = group(vec![("consumer", sub(&["topic1", "topic2", "topic3"]))]);
        let a = run(kind, &counts(&[("topic1", 1), ("topic3", 100)]), &m);
        assert_eq!(get(&a, "consumer").len(), 101);
        let m = group(vec![(
            "consumer",
            member(kind, &["topic"], &[tp("topic", 0), tp("topic", 1)], 1),
        )]);
        let a = run(kind, &counts(&[]), &m);
        assert_eq!(a.len(), 1);
        assert!(get(&a, "consumer").is_empty());
    }
}

#[test]
fn different_subscriptions_claiming_one_partition_in_three_generations() {
    for kind in KINDS {
        let c = counts(&[("topic", 6), ("topic1", 1)]);
        for g in [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]] {
            let m = group(vec![
                ("consumer1", member(kind, &["topic"], &[tp("topic", 0), tp("topic", 2)], g[0])),
                (
                    "consumer2",
                    member(
                        kind,
                        &["topic"],
                        &[tp("topic", 1), tp("topic", 2), tp("topic", 3)],
                        g[1],
                    ),
                ),
                (
                    "consumer3",
                    member(
                        kind,
                        &["topic"],
                        &[tp("topic", 2), tp("topic", 4), tp("topic", 5)],
                        g[2],
                    ),
                ),
                ("consumer4", member(kind, &["topic1"], &[tp("topic1", 0)], 2)),
            ]);
            let a = run(kind, &c, &m);
            let all: Vec<_> = a.values().flatten().collect();
            assert_eq!(
                all.len(),
                set(&all.iter().map(|tp| (*tp).clone()).collect::<Vec<_>>()).len()
            );
            assert!(a.values().all(|l| (1..=2).contains(&l.len())), "{kind:?} {g:?}: {a:?}");
        }
    }
}
