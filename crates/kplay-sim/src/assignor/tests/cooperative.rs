//! The `cooperative-sticky` assignor: the two-round revocation, and cases ported from Kafka's
//! `CooperativeStickyAssignorTest`.

use super::sticky_harness::*;
use super::*;
use crate::assignor::sticky::{Stickiness, member_data};
use crate::assignor::{Assignor, CooperativeStickyAssignor, RebalanceProtocol, assignor_by_name};

#[test]
fn a_moving_partition_is_revoked_first_and_assigned_in_the_next_round() {
    let c = topics(&[("t", 4)]);
    let all = [tp("t", 0), tp("t", 1), tp("t", 2), tp("t", 3)];
    // Generation 1: a owns everything. b joins.
    let round1 = group(vec![("a", owning(&["t"], &all, 1)), ("b", owning(&["t"], &[], -1))]);
    let e = CooperativeStickyAssignor.assign_explained(&c, &round1);
    assert_eq!(get(&e.assignment, "a"), [tp("t", 0), tp("t", 1)]);
    assert!(get(&e.assignment, "b").is_empty(), "t-2 and t-3 must be revoked from a first");
    assert_eq!(
        e.explanation.lines[2],
        "held back 2 partitions that change owner (t-2, t-3): their owners give them up now and \
         the next rebalance assigns them"
    );
    // a revokes t-2 and t-3 and rejoins; generation 2.
    let round2 = group(vec![
        ("a", owning(&["t"], get(&e.assignment, "a"), 2)),
        ("b", owning(&["t"], &[], 2)),
    ]);
    let a2 = CooperativeStickyAssignor.assign(&c, &round2);
    assert_eq!(get(&a2, "a"), [tp("t", 0), tp("t", 1)]);
    assert_eq!(get(&a2, "b"), [tp("t", 2), tp("t", 3)]);
    // The eager assignor moves them at once.
    let eager = group(vec![("a", member(Kind::Eager, &["t"], &all, 1)), ("b", sub(&["t"]))]);
    assert_eq!(run(Kind::Eager, &c, &eager)["b"], [tp("t", 2), tp("t", 3)]);
}

#[test]
fn revocation_in_the_general_case_is_found_by_comparing_ownership() {
    // Different subscriptions: the general algorithm, which does not track moves.
    let c = topics(&[("t1", 4), ("t2", 2)]);
    let owned: Vec<_> = (0..4).map(|p| tp("t1", p)).chain([tp("t2", 0), tp("t2", 1)]).collect();
    let mut m =
        group(vec![("a", owning(&["t1", "t2"], &owned, 1)), ("b", owning(&["t1"], &[], -1))]);
    let e = CooperativeStickyAssignor.assign_explained(&c, &m);
    // Balanced is 3 and 3; a gives up three t1 partitions, b gets them next round.
    assert!(get(&e.assignment, "b").is_empty());
    assert_eq!(get(&e.assignment, "a").len(), 3);
    assert!(e.explanation.lines[2].starts_with("held back 3 partitions"));
    let mut a = e.assignment;
    verify(Kind::Cooperative, &c, &mut m, &mut a);
    assert_eq!(get(&a, "a").len(), 3);
    assert_eq!(get(&a, "b").len(), 3);
}

#[test]
fn partitions_claimed_twice_in_one_generation_wait_for_both_to_revoke() {
    for (count, c1) in [(3, vec![tp("topic", 1)]), (4, vec![tp("topic", 1), tp("topic", 3)])] {
        let c = topics(&[("topic", count)]);
        let mut m = group(vec![
            ("consumer1", owning(&["topic"], &[tp("topic", 0), tp("topic", 1)], 1)),
            ("consumer2", owning(&["topic"], &[tp("topic", 0), tp("topic", 2)], 1)),
            ("consumer3", owning(&["topic"], &[], 1)),
        ]);
        let mut a = CooperativeStickyAssignor.assign(&c, &m);
        assert_eq!(get(&a, "consumer1"), c1);
        assert_eq!(get(&a, "consumer2"), [tp("topic", 2)]);
        assert!(get(&a, "consumer3").is_empty());
        verify(Kind::Cooperative, &c, &mut m, &mut a);
        assert!(is_fully_balanced(&a));
    }
}

#[test]
fn old_subscriptions_carry_the_generation_in_user_data() {
    let c = topics(&[("topic1", 3)]);
    let v1 = |p: i32| {
        let mut m = owning(&["topic1"], &[tp("topic1", p)], -1);
        m.subscription.user_data =
            CooperativeStickyAssignor.subscription_user_data(&[], GenerationId(1));
        m
    };
    let m = group(vec![
        ("consumer1", v1(0)),
        ("consumer2", v1(1)),
        ("consumer3", owning(&["topic1"], &[], 1)),
    ]);
    let a = CooperativeStickyAssignor.assign(&c, &m);
    assert_eq!(get(&a, "consumer1"), [tp("topic1", 0)]);
    assert_eq!(get(&a, "consumer2"), [tp("topic1", 1)]);
    assert_eq!(get(&a, "consumer3"), [tp("topic1", 2)]);
}

#[test]
fn member_data_reads_owned_partitions_and_the_best_generation() {
    let user_data = |g: i32| CooperativeStickyAssignor.subscription_user_data(&[], GenerationId(g));
    // Generation encoded in user data, as the assignor always sends it.
    let mut s = sub(&["topic"]).subscription;
    s.user_data = user_data(-1);
    assert_eq!(member_data(Stickiness::OwnedPartitions, &s).generation, Some(-1));
    s.user_data = user_data(10);
    assert_eq!(member_data(Stickiness::OwnedPartitions, &s).generation, Some(10));
    // No user data, no generation.
    assert_eq!(
        member_data(Stickiness::OwnedPartitions, &sub(&["topic"]).subscription).generation,
        None
    );
    // Owned partitions come from the subscription, never from user data.
    let mut s = owning(&["topic"], &[tp("topic", 0)], -1).subscription;
    s.user_data = user_data(1);
    let data = member_data(Stickiness::OwnedPartitions, &s);
    assert_eq!((data.partitions, data.generation), (vec![tp("topic", 0)], Some(1)));
    // A v2+ generation wins over user data.
    let mut s = owning(&["topic"], &[], 1).subscription;
    s.user_data = user_data(0);
    let data = member_data(Stickiness::OwnedPartitions, &s);
    assert_eq!((data.partitions.len(), data.generation), (0, Some(1)));
}

#[test]
fn the_registry_knows_all_four_assignors() {
    for name in crate::assignor::ASSIGNOR_NAMES {
        let assignor = assignor_by_name(name).expect("known name");
        assert_eq!(assignor.name(), name);
        let expected = if name == "cooperative-sticky" {
            RebalanceProtocol::Cooperative
        } else {
            RebalanceProtocol::Eager
        };
        assert_eq!(assignor.protocol(), expected);
    }
    assert!(assignor_by_name("uniform").is_none());
}

#[test]
fn empty_groups_and_no_topics() {
    for name in crate::assignor::ASSIGNOR_NAMES {
        let assignor = assignor_by_name(name).expect("known name");
        assert!(assignor.assign(&topics(&[("t", 3)]), &VecMap::new()).is_empty());
        let a = assignor.assign(&VecMap::new(), &group(vec![("a", sub(&["t"])), ("b", sub(&[]))]));
        assert_eq!(a.len(), 2);
        assert!(a.values().all(Vec::is_empty));
    }
}
