//! Byte-exact vectors computed from Kafka's schemas, round trips, and hostile input.

use bytes::Bytes;
use kplay_core::{GenerationId, TopicPartition};
use proptest::prelude::*;

use super::user_data::{CooperativeStickyUserData, StickyAssignorUserData};
use super::*;

fn tp(topic: &str, partition: i32) -> TopicPartition {
    TopicPartition::new(topic, partition)
}

/// `t0`, `t1` as Kafka strings.
const T0: [u8; 4] = [0, 2, b't', b'0'];
const T1: [u8; 4] = [0, 2, b't', b'1'];

fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

fn sample_subscription() -> Subscription {
    Subscription {
        topics: vec!["t1".into(), "t0".into()],
        user_data: Some(Bytes::from_static(&[1, 2])),
        owned_partitions: vec![tp("t1", 1), tp("t0", 2), tp("t0", 0)],
        generation_id: GenerationId(5),
        rack_id: Some("rack".into()),
    }
}

/// Version 1 body: topics sorted, user data, owned partitions grouped and sorted.
fn v1_body() -> Vec<u8> {
    cat(&[
        &[0, 0, 0, 2],
        &T0,
        &T1,
        &[0, 0, 0, 2, 1, 2],
        &[0, 0, 0, 2],
        &T0,
        &[0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2],
        &T1,
        &[0, 0, 0, 1, 0, 0, 0, 1],
    ])
}

#[test]
fn subscription_v0_vector() {
    let bytes = sample_subscription().encode(0).unwrap();
    let expected = cat(&[&[0, 0], &[0, 0, 0, 2], &T0, &T1, &[0, 0, 0, 2, 1, 2]]);
    assert_eq!(&bytes[..], &expected[..]);
    let mut null_user_data = Subscription::new(["t0"]);
    null_user_data.user_data = None;
    assert_eq!(
        &null_user_data.encode(0).unwrap()[..],
        &cat(&[&[0, 0, 0, 0, 0, 1], &T0, &[0xff, 0xff, 0xff, 0xff]])[..]
    );
}

#[test]
fn subscription_v1_to_v3_vectors() {
    let s = sample_subscription();
    assert_eq!(&s.encode(1).unwrap()[..], &cat(&[&[0, 1], &v1_body()])[..]);
    assert_eq!(&s.encode(2).unwrap()[..], &cat(&[&[0, 2], &v1_body(), &[0, 0, 0, 5]])[..]);
    let v3 = cat(&[&[0, 3], &v1_body(), &[0, 0, 0, 5], &[0, 4, b'r', b'a', b'c', b'k']]);
    assert_eq!(&s.encode(3).unwrap()[..], &v3[..]);
    // No rack: a null string.
    let no_rack = Subscription { rack_id: None, ..s.clone() };
    let bytes = no_rack.encode(3).unwrap();
    assert_eq!(&bytes[bytes.len() - 3..], &[5, 0xff, 0xff]);
    // Versions above 3 are written as 3.
    assert_eq!(&s.encode(9).unwrap()[..], &v3[..]);
    assert_eq!(s.encode(-1), Err(ProtocolError::UnsupportedVersion(-1)));
}

#[test]
fn subscription_decodes_each_version() {
    let s = sample_subscription();
    let sorted = Subscription {
        topics: vec!["t0".into(), "t1".into()],
        owned_partitions: vec![tp("t0", 0), tp("t0", 2), tp("t1", 1)],
        ..s.clone()
    };
    let v0 = Subscription::decode(&s.encode(0).unwrap()).unwrap();
    assert_eq!(
        v0,
        Subscription {
            owned_partitions: vec![],
            generation_id: GenerationId::NONE,
            rack_id: None,
            ..sorted.clone()
        }
    );
    let v1 = Subscription::decode(&s.encode(1).unwrap()).unwrap();
    assert_eq!(
        v1,
        Subscription { generation_id: GenerationId::NONE, rack_id: None, ..sorted.clone() }
    );
    let v2 = Subscription::decode(&s.encode(2).unwrap()).unwrap();
    assert_eq!(v2, Subscription { rack_id: None, ..sorted.clone() });
    assert_eq!(Subscription::decode(&s.encode(3).unwrap()).unwrap(), sorted);
}

#[test]
fn subscription_from_a_future_version_reads_known_fields() {
    let s = sample_subscription();
    let mut bytes = s.encode(3).unwrap().to_vec();
    bytes[1] = 7; // version 7, with a field we do not know after the v3 ones
    bytes.extend_from_slice(&[0, 0, 0, 42, 9, 9]);
    let decoded = Subscription::decode(&bytes).unwrap();
    assert_eq!(decoded.generation_id, GenerationId(5));
    assert_eq!(decoded.rack_id.as_deref(), Some("rack"));
    assert_eq!(version(&bytes), Ok(7));
}

#[test]
fn empty_rack_decodes_as_none() {
    let s = Subscription { rack_id: Some(String::new()), ..Subscription::new(["t0"]) };
    assert_eq!(Subscription::decode(&s.encode(3).unwrap()).unwrap().rack_id, None);
}

#[test]
fn assignment_vectors_group_by_first_appearance() {
    let a = Assignment::new(vec![tp("t1", 0), tp("t0", 1), tp("t1", 2)]);
    let body = cat(&[
        &[0, 0, 0, 2],
        &T1,
        &[0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2],
        &T0,
        &[0, 0, 0, 1, 0, 0, 0, 1],
        &[0xff, 0xff, 0xff, 0xff],
    ]);
    assert_eq!(&a.encode(0).unwrap()[..], &cat(&[&[0, 0], &body])[..]);
    assert_eq!(&a.encode(3).unwrap()[..], &cat(&[&[0, 3], &body])[..]);
    let decoded = Assignment::decode(&a.encode(1).unwrap()).unwrap();
    assert_eq!(decoded.partitions, vec![tp("t1", 0), tp("t1", 2), tp("t0", 1)]);
    let with_data = Assignment { user_data: Some(Bytes::from_static(b"x")), ..a };
    assert_eq!(
        Assignment::decode(&with_data.encode(2).unwrap()).unwrap().user_data.as_deref(),
        Some(&b"x"[..])
    );
}

#[test]
fn empty_assignment_vector() {
    assert_eq!(
        &Assignment::default().encode(0).unwrap()[..],
        &[0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]
    );
}

#[test]
fn truncated_input_is_an_error_at_every_length() {
    let s = sample_subscription().encode(3).unwrap();
    for len in 0..s.len() {
        assert!(Subscription::decode(&s[..len]).is_err(), "prefix of {len} bytes decoded");
    }
    let a = Assignment::new(vec![tp("t0", 0)]).encode(0).unwrap();
    for len in 0..a.len() {
        // Cut inside an array, the count no longer fits what is left; elsewhere a field is cut.
        assert!(matches!(
            Assignment::decode(&a[..len]),
            Err(ProtocolError::Truncated { .. } | ProtocolError::CountTooLarge { .. })
        ));
    }
}

#[test]
fn hostile_counts_are_rejected_before_allocation() {
    // version 0, topic count 0x7fffffff, nothing else
    let bytes = [0, 0, 0x7f, 0xff, 0xff, 0xff];
    assert_eq!(
        Subscription::decode(&bytes),
        Err(ProtocolError::CountTooLarge { field: "topics", count: i32::MAX, remaining: 0 })
    );
    // a null topic array
    assert_eq!(
        Subscription::decode(&[0, 0, 0xff, 0xff, 0xff, 0xff]),
        Err(ProtocolError::UnexpectedNull { field: "topics" })
    );
    // a null topic name
    assert_eq!(
        Subscription::decode(&[0, 0, 0, 0, 0, 1, 0xff, 0xff]),
        Err(ProtocolError::UnexpectedNull { field: "topics" })
    );
    assert_eq!(Subscription::decode(&[0xff, 0xfe]), Err(ProtocolError::UnsupportedVersion(-2)));
    // a partition count far beyond the payload
    let bytes = cat(&[&[0, 0, 0, 0, 0, 1], &T0, &[0x40, 0, 0, 0]]);
    assert!(matches!(Assignment::decode(&bytes), Err(ProtocolError::CountTooLarge { .. })));
}

#[test]
fn malformed_utf8_is_replaced_as_java_does() {
    let bytes = [0, 0, 0, 0, 0, 1, 0, 1, 0xff, 0xff, 0xff, 0xff, 0xff];
    assert_eq!(Subscription::decode(&bytes).unwrap().topics[0].as_str(), "\u{FFFD}");
}

#[test]
fn sticky_user_data_vectors() {
    let data = StickyAssignorUserData {
        previous_assignment: vec![tp("t", 0), tp("t", 1)],
        generation: Some(GenerationId(3)),
    };
    let v0 = [0, 0, 0, 1, 0, 1, b't', 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1];
    let v1 = cat(&[&v0, &[0, 0, 0, 3]]);
    assert_eq!(&data.encode().unwrap()[..], &v1[..]);
    assert_eq!(StickyAssignorUserData::decode(&v1).unwrap(), data);
    let old = StickyAssignorUserData::decode(&v0).unwrap();
    assert_eq!(old.generation, None);
    assert_eq!(old.previous_assignment, data.previous_assignment);
    assert_eq!(&StickyAssignorUserData { generation: None, ..data }.encode().unwrap()[..], &v0[..]);
    assert!(StickyAssignorUserData::decode(&[0, 0, 0, 9]).is_err());
    assert!(StickyAssignorUserData::decode(&[]).is_err());
}

#[test]
fn sticky_user_data_writes_topics_in_java_hash_map_order() {
    // "topic1" lives in bucket 0 and "topic" in bucket 9 of Java's 16-bucket table.
    let data = StickyAssignorUserData {
        previous_assignment: vec![tp("topic", 0), tp("topic1", 0)],
        generation: Some(GenerationId(1)),
    };
    let decoded = StickyAssignorUserData::decode(&data.encode().unwrap()).unwrap();
    assert_eq!(decoded.previous_assignment, vec![tp("topic1", 0), tp("topic", 0)]);
}

#[test]
fn cooperative_user_data_vectors() {
    let data = CooperativeStickyUserData { generation: GenerationId(10) };
    assert_eq!(&data.encode()[..], &[0, 0, 0, 10]);
    assert_eq!(CooperativeStickyUserData::decode(&[0, 0, 0, 10, 7]), Ok(data));
    assert!(CooperativeStickyUserData::decode(&[0, 0, 1]).is_err());
}

fn arb_name() -> impl Strategy<Value = String> {
    "[a-z0-9._-]{1,8}"
}

fn arb_subscription() -> impl Strategy<Value = Subscription> {
    (
        proptest::collection::btree_set(arb_name(), 0..5),
        proptest::option::of(proptest::collection::vec(any::<u8>(), 0..8)),
        proptest::collection::btree_set((arb_name(), 0..50i32), 0..8),
        -1..100i32,
        proptest::option::of("[a-z]{1,4}"),
    )
        .prop_map(|(topics, user_data, owned, generation, rack)| Subscription {
            topics: topics.into_iter().map(Into::into).collect(),
            user_data: user_data.map(Bytes::from),
            owned_partitions: owned.into_iter().map(|(t, p)| tp(&t, p)).collect(),
            generation_id: GenerationId(generation),
            rack_id: rack,
        })
}

proptest! {
    #[test]
    fn subscriptions_round_trip(s in arb_subscription()) {
        // Input is already in the sorted order the encoder writes.
        let bytes = s.encode(HIGHEST_VERSION).unwrap();
        prop_assert_eq!(Subscription::decode(&bytes).unwrap(), s);
    }

    #[test]
    fn assignments_round_trip(
        partitions in proptest::collection::vec((arb_name(), 0..50i32), 0..10),
        version in 0..4i16,
    ) {
        // Group by first appearance, as the encoder does, to get the decoded order.
        let mut grouped: Vec<TopicPartition> = Vec::new();
        let mut topics: Vec<String> = Vec::new();
        for (t, _) in &partitions {
            if !topics.contains(t) {
                topics.push(t.clone());
            }
        }
        for t in &topics {
            grouped.extend(partitions.iter().filter(|(x, _)| x == t).map(|(x, p)| tp(x, *p)));
        }
        let a = Assignment::new(partitions.iter().map(|(t, p)| tp(t, *p)).collect());
        prop_assert_eq!(Assignment::decode(&a.encode(version).unwrap()).unwrap().partitions, grouped);
    }

    #[test]
    fn garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = Subscription::decode(&bytes);
        let _ = Assignment::decode(&bytes);
        let _ = StickyAssignorUserData::decode(&bytes);
        let _ = CooperativeStickyUserData::decode(&bytes);
    }
}
