//! `VecMap` and `VecSet` against `BTreeMap` and `BTreeSet`: the same operations, the same
//! answers and the same contents after each.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::{VecMap, VecSet};

#[derive(Debug, Clone)]
enum Op {
    Insert(u8, u32),
    Remove(u8),
    Entry(u8, u32),
    Retain(u8),
    PopFirst,
    Extend(Vec<(u8, u32)>),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<u8>(), any::<u32>()).prop_map(|(k, v)| Op::Insert(k % 40, v)),
        2 => any::<u8>().prop_map(|k| Op::Remove(k % 40)),
        2 => (any::<u8>(), any::<u32>()).prop_map(|(k, v)| Op::Entry(k % 40, v)),
        1 => any::<u8>().prop_map(|m| Op::Retain(m % 5 + 2)),
        1 => Just(Op::PopFirst),
        1 => proptest::collection::vec((0u8..40, any::<u32>()), 0..8).prop_map(Op::Extend),
        1 => (0u8..40, 1u8..6).prop_map(|(k, n)| Op::Extend((k..k + n).map(|k| (k, 7)).collect())),
    ]
}

proptest! {
    #[test]
    fn a_vec_map_answers_as_a_btree_map(
        start in proptest::collection::vec((0u8..40, any::<u32>()), 0..20),
        ops in proptest::collection::vec(op(), 0..60),
    ) {
        let mut ours: VecMap<u8, u32> = start.iter().copied().collect();
        let mut std: BTreeMap<u8, u32> = start.iter().copied().collect();
        for op in ops {
            match op {
                Op::Insert(k, v) => prop_assert_eq!(ours.insert(k, v), std.insert(k, v)),
                Op::Remove(k) => prop_assert_eq!(ours.remove(&k), std.remove(&k)),
                Op::Entry(k, v) => {
                    *ours.entry(k).or_insert(v) ^= v.rotate_left(7);
                    *std.entry(k).or_insert(v) ^= v.rotate_left(7);
                }
                Op::Retain(m) => {
                    ours.retain(|k, v| { *v = v.wrapping_add(1); k % m != 0 });
                    std.retain(|k, v| { *v = v.wrapping_add(1); k % m != 0 });
                }
                Op::PopFirst => prop_assert_eq!(ours.pop_first(), std.pop_first()),
                Op::Extend(entries) => {
                    ours.extend(entries.iter().copied());
                    std.extend(entries.iter().copied());
                }
            }
            prop_assert!(ours.iter().eq(std.iter()));
            prop_assert_eq!(ours.len(), std.len());
            prop_assert_eq!(ours.first_key_value(), std.first_key_value());
            for k in 0..40 {
                prop_assert_eq!(ours.get(&k), std.get(&k));
                prop_assert_eq!(ours.contains_key(&k), std.contains_key(&k));
            }
        }
        prop_assert_eq!(format!("{ours:?}"), format!("{std:?}"));
        prop_assert!(ours.iter().rev().eq(std.iter().rev()));
        prop_assert!(ours.into_iter().eq(std));
    }

    #[test]
    fn a_vec_set_answers_as_a_btree_set(
        a in proptest::collection::vec(0u8..30, 0..25),
        b in proptest::collection::vec(0u8..30, 0..25),
        removed in proptest::collection::vec(0u8..30, 0..10),
    ) {
        let (mut ours, theirs): (VecSet<u8>, VecSet<u8>) =
            (a.iter().copied().collect(), b.iter().copied().collect());
        let (mut std, std_theirs): (BTreeSet<u8>, BTreeSet<u8>) =
            (a.iter().copied().collect(), b.iter().copied().collect());
        for v in &removed {
            prop_assert_eq!(ours.remove(v), std.remove(v));
            prop_assert_eq!(ours.insert(v / 2), std.insert(v / 2));
        }
        ours.extend(removed.iter().map(|v| v + 5));
        std.extend(removed.iter().map(|v| v + 5));
        prop_assert!(ours.iter().eq(std.iter()));
        prop_assert!(ours.difference(&theirs).eq(std.difference(&std_theirs)));
        prop_assert!(ours.intersection(&theirs).eq(std.intersection(&std_theirs)));
        prop_assert_eq!(ours.is_disjoint(&theirs), std.is_disjoint(&std_theirs));
        prop_assert_eq!(ours.is_subset(&theirs), std.is_subset(&std_theirs));
        prop_assert_eq!(ours.is_superset(&theirs), std.is_superset(&std_theirs));
        prop_assert_eq!(ours.first(), std.first());
        prop_assert_eq!(ours.last(), std.last());
        prop_assert_eq!(format!("{ours:?}"), format!("{std:?}"));
        prop_assert_eq!(ours.pop_first(), std.pop_first());
        prop_assert!(ours.into_iter().eq(std));
    }
}

#[test]
fn borrowed_keys_find_owned_ones() {
    let map: VecMap<String, u32> = VecMap::from([("b".into(), 2), ("a".into(), 1)]);
    assert_eq!(map.get("a"), Some(&1));
    assert_eq!(map["b"], 2);
    assert!(!map.contains_key("c"));
    let set: VecSet<String> = ["y".to_string(), "x".to_string()].into_iter().collect();
    assert!(set.contains("x"));
    assert_eq!(set.iter().collect::<Vec<_>>(), ["x", "y"]);
}
