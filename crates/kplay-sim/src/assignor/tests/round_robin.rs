//! `roundrobin`: the Javadoc examples and cases ported from Kafka's `RoundRobinAssignorTest`.

use super::*;
use crate::assignor::{Assignor, RoundRobinAssignor};

fn assign(
    counts: &[(&str, i32)],
    members: Vec<(&str, MemberSubscription)>,
) -> VecMap<MemberId, Vec<TopicPartition>> {
    RoundRobinAssignor.assign(&topics(counts), &group(members))
}

fn static_member(topics: &[&str], instance: &str) -> MemberSubscription {
    MemberSubscription::with_instance_id(Subscription::new(topics.iter().copied()), instance)
}

#[test]
fn javadoc_example_with_equal_subscriptions() {
    let a = assign(
        &[("t0", 3), ("t1", 3)],
        vec![("C0", sub(&["t0", "t1"])), ("C1", sub(&["t0", "t1"]))],
    );
    assert_eq!(get(&a, "C0"), [tp("t0", 0), tp("t0", 2), tp("t1", 1)]);
    assert_eq!(get(&a, "C1"), [tp("t0", 1), tp("t1", 0), tp("t1", 2)]);
}

#[test]
fn javadoc_example_with_different_subscriptions_is_unbalanced() {
    let a = assign(
        &[("t0", 1), ("t1", 2), ("t2", 3)],
        vec![("C0", sub(&["t0"])), ("C1", sub(&["t0", "t1"])), ("C2", sub(&["t0", "t1", "t2"]))],
    );
    assert_eq!(get(&a, "C0"), [tp("t0", 0)]);
    assert_eq!(get(&a, "C1"), [tp("t1", 0)]);
    assert_eq!(get(&a, "C2"), [tp("t1", 1), tp("t2", 0), tp("t2", 1), tp("t2", 2)]);
    let e = RoundRobinAssignor.assign_explained(
        &topics(&[("t0", 1)]),
        &group(vec![("C0", sub(&["t0"])), ("C1", sub(&["t1"]))]),
    );
    assert_eq!(e.explanation.lines.len(), 2);
}

#[test]
fn javadoc_static_members_keep_their_partitions() {
    let both = ["t0", "t1"];
    let a = assign(
        &[("t0", 3), ("t1", 3)],
        vec![
            ("C2", static_member(&both, "I0")),
            ("C1", static_member(&both, "I1")),
            ("C0", static_member(&both, "I2")),
        ],
    );
    assert_eq!(get(&a, "C2"), [tp("t0", 0), tp("t1", 0)]);
    assert_eq!(get(&a, "C1"), [tp("t0", 1), tp("t1", 1)]);
    assert_eq!(get(&a, "C0"), [tp("t0", 2), tp("t1", 2)]);
}

#[test]
fn one_consumer_cases() {
    assert!(get(&assign(&[], vec![("consumer", sub(&[]))]), "consumer").is_empty());
    assert!(get(&assign(&[], vec![("consumer", sub(&["topic"]))]), "consumer").is_empty());
    let a = assign(&[("topic", 3), ("other", 3)], vec![("consumer", sub(&["topic"]))]);
    assert_eq!(get(&a, "consumer"), [tp("topic", 0), tp("topic", 1), tp("topic", 2)]);
    let a = assign(&[("topic1", 1), ("topic2", 2)], vec![("consumer", sub(&["topic1", "topic2"]))]);
    assert_eq!(get(&a, "consumer"), [tp("topic1", 0), tp("topic2", 0), tp("topic2", 1)]);
}

#[test]
fn two_consumers_one_topic() {
    let two = || vec![("consumer1", sub(&["topic"])), ("consumer2", sub(&["topic"]))];
    let a = assign(&[("topic", 1)], two());
    assert_eq!(get(&a, "consumer1"), [tp("topic", 0)]);
    assert!(get(&a, "consumer2").is_empty());
    let a = assign(&[("topic", 2)], two());
    assert_eq!(get(&a, "consumer2"), [tp("topic", 1)]);
}

#[test]
fn multiple_consumers_mixed_topics() {
    let a = assign(
        &[("topic1", 3), ("topic2", 2)],
        vec![
            ("consumer1", sub(&["topic1"])),
            ("consumer2", sub(&["topic1", "topic2"])),
            ("consumer3", sub(&["topic1"])),
        ],
    );
    assert_eq!(get(&a, "consumer1"), [tp("topic1", 0)]);
    assert_eq!(get(&a, "consumer2"), [tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)]);
    assert_eq!(get(&a, "consumer3"), [tp("topic1", 2)]);
}

#[test]
fn static_and_dynamic_members_order() {
    let both = ["topic1", "topic2"];
    let counts = [("topic1", 3), ("topic2", 3)];
    let a = assign(
        &counts,
        vec![
            ("consumer-b", static_member(&both, "instance1")),
            ("consumer-a", static_member(&both, "instance2")),
        ],
    );
    assert_eq!(get(&a, "consumer-b"), [tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)]);
    assert_eq!(get(&a, "consumer-a"), [tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)]);
    let a = assign(
        &counts,
        vec![("consumer-b", static_member(&both, "instance1")), ("consumer-a", sub(&both))],
    );
    assert_eq!(get(&a, "consumer-b"), [tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)]);
}

#[test]
fn static_member_assignment_persists() {
    let both = ["topic1", "topic2"];
    let counts = [("topic1", 3), ("topic2", 3)];
    let with = |dynamic: &'static str| {
        vec![
            ("consumer1", static_member(&both, "instance1")),
            ("consumer2", static_member(&both, "instance2")),
            ("consumer3", static_member(&both, "instance3")),
            (dynamic, sub(&both)),
        ]
    };
    let a = assign(&counts, with("consumer4"));
    assert_eq!(get(&a, "consumer1"), [tp("topic1", 0), tp("topic2", 1)]);
    assert_eq!(get(&a, "consumer2"), [tp("topic1", 1), tp("topic2", 2)]);
    assert_eq!(get(&a, "consumer3"), [tp("topic1", 2)]);
    assert_eq!(get(&a, "consumer4"), [tp("topic2", 0)]);
    assert_eq!(get(&assign(&counts, with("consumer5")), "consumer5"), [tp("topic2", 0)]);
}

#[test]
fn static_member_assignment_persists_after_member_id_changes() {
    let both = ["topic1", "topic2"];
    let counts = [("topic1", 3), ("topic2", 3)];
    let a = assign(
        &counts,
        vec![
            ("consumer1", static_member(&both, "instance1")),
            ("consumer2", static_member(&both, "instance2")),
            ("consumer3", static_member(&both, "instance3")),
        ],
    );
    let b = assign(
        &counts,
        vec![
            ("consumer4", static_member(&both, "instance1")),
            ("consumer5", static_member(&both, "instance2")),
            ("consumer1", static_member(&both, "instance3")),
        ],
    );
    assert_eq!(get(&a, "consumer1"), get(&b, "consumer4"));
    assert_eq!(get(&a, "consumer2"), get(&b, "consumer5"));
    assert_eq!(get(&a, "consumer3"), get(&b, "consumer1"));
    assert_eq!(get(&b, "consumer1"), [tp("topic1", 2), tp("topic2", 2)]);
}
