//! `range`: the Javadoc example and cases ported from Kafka's `RangeAssignorTest` (the
//! non-rack-aware ones and the non-rack expectations of the rack tests).

use super::*;
use crate::assignor::{Assignor, RangeAssignor};

fn assign(
    counts: &[(&str, i32)],
    members: Vec<(&str, MemberSubscription)>,
) -> VecMap<MemberId, Vec<TopicPartition>> {
    RangeAssignor.assign(&topics(counts), &group(members))
}

fn static_member(topics: &[&str], instance: &str) -> MemberSubscription {
    MemberSubscription::with_instance_id(Subscription::new(topics.iter().copied()), instance)
}

#[test]
fn javadoc_example_first_member_gets_the_extras() {
    let a = assign(
        &[("t0", 3), ("t1", 3)],
        vec![("C0", sub(&["t0", "t1"])), ("C1", sub(&["t0", "t1"]))],
    );
    assert_eq!(get(&a, "C0"), [tp("t0", 0), tp("t0", 1), tp("t1", 0), tp("t1", 1)]);
    assert_eq!(get(&a, "C1"), [tp("t0", 2), tp("t1", 2)]);
}

#[test]
fn javadoc_static_members_keep_their_ranges_when_member_ids_change() {
    let counts = [("t0", 3), ("t1", 3)];
    let before = assign(
        &counts,
        vec![
            ("C0", static_member(&["t0", "t1"], "I0")),
            ("C1", static_member(&["t0", "t1"], "I1")),
        ],
    );
    // After a rolling bounce the member ids sort the other way round.
    let after = assign(
        &counts,
        vec![
            ("C3", static_member(&["t0", "t1"], "I0")),
            ("C2", static_member(&["t0", "t1"], "I1")),
        ],
    );
    assert_eq!(get(&before, "C0"), get(&after, "C3"));
    assert_eq!(get(&before, "C1"), get(&after, "C2"));
    assert_eq!(get(&after, "C3"), [tp("t0", 0), tp("t0", 1), tp("t1", 0), tp("t1", 1)]);
}

#[test]
fn one_consumer_no_topic_or_nonexistent_topic() {
    for subscribed in [&[][..], &["topic1"][..]] {
        let a = assign(&[], vec![("consumer1", sub(subscribed))]);
        assert_eq!(a.len(), 1);
        assert!(get(&a, "consumer1").is_empty());
    }
}

#[test]
fn only_assigns_partitions_from_subscribed_topics() {
    let a = assign(&[("topic1", 3), ("other", 3)], vec![("consumer1", sub(&["topic1"]))]);
    assert_eq!(get(&a, "consumer1"), [tp("topic1", 0), tp("topic1", 1), tp("topic1", 2)]);
}

#[test]
fn one_consumer_multiple_topics() {
    let a =
        assign(&[("topic1", 1), ("topic2", 2)], vec![("consumer1", sub(&["topic1", "topic2"]))]);
    assert_eq!(get(&a, "consumer1"), [tp("topic1", 0), tp("topic2", 0), tp("topic2", 1)]);
}

#[test]
fn two_consumers_one_topic() {
    let two = || vec![("consumer1", sub(&["topic1"])), ("consumer2", sub(&["topic1"]))];
    let a = assign(&[("topic1", 1)], two());
    assert_eq!(get(&a, "consumer1"), [tp("topic1", 0)]);
    assert!(get(&a, "consumer2").is_empty());
    let a = assign(&[("topic1", 2)], two());
    assert_eq!(get(&a, "consumer1"), [tp("topic1", 0)]);
    assert_eq!(get(&a, "consumer2"), [tp("topic1", 1)]);
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
fn static_members_sort_by_instance_id_and_before_dynamic_members() {
    let both = ["topic1", "topic2"];
    let counts = [("topic1", 3), ("topic2", 3)];
    // consumer-a sorts first by member id, but instance ids (or being static) decide.
    let a = assign(
        &counts,
        vec![
            ("consumer-b", static_member(&both, "instance1")),
            ("consumer-a", static_member(&both, "instance2")),
        ],
    );
    assert_eq!(
        get(&a, "consumer-b"),
        [tp("topic1", 0), tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)]
    );
    assert_eq!(get(&a, "consumer-a"), [tp("topic1", 2), tp("topic2", 2)]);
    let a = assign(
        &counts,
        vec![("consumer-b", static_member(&both, "instance1")), ("consumer-a", sub(&both))],
    );
    assert_eq!(
        get(&a, "consumer-b"),
        [tp("topic1", 0), tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)]
    );
}

#[test]
fn static_member_assignment_persists_when_a_dynamic_member_is_replaced() {
    let both = ["topic1", "topic2"];
    let counts = [("topic1", 5), ("topic2", 4)];
    let statics = || {
        vec![
            ("consumer1", static_member(&both, "instance1")),
            ("consumer2", static_member(&both, "instance2")),
            ("consumer3", static_member(&both, "instance3")),
        ]
    };
    let mut members = statics();
    members.push(("consumer4", sub(&both)));
    let a = assign(&counts, members);
    assert_eq!(get(&a, "consumer1"), [tp("topic1", 0), tp("topic1", 1), tp("topic2", 0)]);
    assert_eq!(get(&a, "consumer2"), [tp("topic1", 2), tp("topic2", 1)]);
    assert_eq!(get(&a, "consumer3"), [tp("topic1", 3), tp("topic2", 2)]);
    assert_eq!(get(&a, "consumer4"), [tp("topic1", 4), tp("topic2", 3)]);
    let mut members = statics();
    members.push(("consumer5", sub(&both)));
    let b = assign(&counts, members);
    assert_eq!(get(&b, "consumer5"), get(&a, "consumer4"));
    assert_eq!(get(&b, "consumer1"), get(&a, "consumer1"));
}

#[test]
fn non_rack_expectations_of_the_rack_tests() {
    let all = ["t1", "t2", "t3"];
    let counts = [("t1", 6), ("t2", 7), ("t3", 2)];
    let members = |third: &[&str]| {
        vec![("consumer0", sub(&all)), ("consumer1", sub(&all)), ("consumer2", sub(third))]
    };
    assert_eq!(
        sorted_strings(&assign(&counts, members(&all))),
        [
            "t1-0, t1-1, t2-0, t2-1, t2-2, t3-0",
            "t1-2, t1-3, t2-3, t2-4, t3-1",
            "t1-4, t1-5, t2-5, t2-6"
        ]
    );
    assert_eq!(
        sorted_strings(&assign(&counts, members(&["t1", "t3"]))),
        [
            "t1-0, t1-1, t2-0, t2-1, t2-2, t2-3, t3-0",
            "t1-2, t1-3, t2-4, t2-5, t2-6, t3-1",
            "t1-4, t1-5"
        ]
    );
    let counts = [("t1", 5), ("t2", 5), ("t3", 5)];
    assert_eq!(
        sorted_strings(&assign(&counts, members(&all))),
        [
            "t1-0, t1-1, t2-0, t2-1, t3-0, t3-1",
            "t1-2, t1-3, t2-2, t2-3, t3-2, t3-3",
            "t1-4, t2-4, t3-4"
        ]
    );
    // Subscribed topics without metadata (t7..t9) are skipped.
    let many = ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"];
    let counts = [("t1", 6), ("t2", 6), ("t3", 2), ("t4", 2), ("t5", 4), ("t6", 4)];
    assert_eq!(
        sorted_strings(&assign(
            &counts,
            vec![("consumer0", sub(&many)), ("consumer1", sub(&many)), ("consumer2", sub(&many))]
        )),
        [
            "t1-0, t1-1, t2-0, t2-1, t3-0, t4-0, t5-0, t5-1, t6-0, t6-1",
            "t1-2, t1-3, t2-2, t2-3, t3-1, t4-1, t5-2, t6-2",
            "t1-4, t1-5, t2-4, t2-5, t5-3, t6-3"
        ]
    );
}

#[test]
fn more_members_than_partitions_leaves_the_last_idle() {
    let a = assign(&[("t", 2)], vec![("a", sub(&["t"])), ("b", sub(&["t"])), ("c", sub(&["t"]))]);
    assert_eq!(get(&a, "a"), [tp("t", 0)]);
    assert_eq!(get(&a, "b"), [tp("t", 1)]);
    assert!(get(&a, "c").is_empty());
}

#[test]
fn explanation_names_the_split() {
    let e = RangeAssignor.assign_explained(
        &topics(&[("t", 7)]),
        &group(vec![("a", sub(&["t"])), ("b", sub(&["t"])), ("c", sub(&["t"]))]),
    );
    assert_eq!(e.explanation.lines, ["range: topic t has 7 partitions for 3 members: 3, 2, 2"]);
    assert_eq!(RangeAssignor.name(), "range");
}

#[test]
fn member_lists_follow_javas_topic_order() {
    // Java's partitionsPerTopic HashMap puts "topic1" (bucket 0) before "topic" (bucket 9).
    let a = assign(&[("topic", 1), ("topic1", 1)], vec![("consumer", sub(&["topic", "topic1"]))]);
    assert_eq!(get(&a, "consumer"), [tp("topic1", 0), tp("topic", 0)]);
}
