use kplay_sim::Action;
use kplay_sim::action::{CommitMode, ConsumerSpec, Membership, OffsetReset, SeekTo};

use super::{facts, only_error, opening, play, take};
use crate::model::Notice;
use crate::model::forms::consumer_ops::{ConsumerPick, ResetOffsetsForm, SeekForm, Target};
use crate::model::forms::consumers::{Commit, ConsumerForm, NO_GROUP_ID, assignors};
use crate::model::forms::{Errors, Facts};

fn group_form(group: &str, topics: &[&str]) -> ConsumerForm {
    ConsumerForm {
        group_id: group.into(),
        topics: topics.iter().map(|t| (*t).to_owned()).collect(),
        ..ConsumerForm::default()
    }
}

#[test]
fn a_group_of_three_cooperative_sticky_consumers_joins_and_shares_the_topic() {
    let mut p = opening(1.0);
    let form = ConsumerForm {
        count: "3".into(),
        assignors: "cooperative-sticky".into(),
        auto_offset_reset: OffsetReset::Earliest,
        group_instance_id: "shop".into(),
        ..group_form("audit", &["orders"])
    };
    let actions = form.actions(&facts(&p)).unwrap();
    let ids: Vec<(u32, String, Option<String>)> = actions
        .iter()
        .map(|a| match a {
            Action::AddConsumer { id, spec } => match &spec.membership {
                Membership::Group { group_instance_id, assignors, .. } => {
                    assert_eq!(assignors, &["cooperative-sticky"]);
                    (*id, spec.client_id.clone(), group_instance_id.clone())
                }
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        ids,
        [
            (4, "consumer-4".into(), Some("shop-1".into())),
            (5, "consumer-5".into(), Some("shop-2".into())),
            (6, "consumer-6".into(), Some("shop-3".into())),
        ],
        "consecutive free numbers, one static instance id each"
    );
    p.apply_all(actions).unwrap();
    play(&mut p, 12.0);
    let s = p.snapshot();
    let group = s.group("audit").expect("the group");
    assert_eq!(group.state, "Stable");
    assert_eq!(group.members.len(), 3);
    assert_eq!(group.protocol.as_deref(), Some("cooperative-sticky"));
    let owned: usize = group.members.iter().map(|m| m.assigned.len()).sum();
    assert_eq!(owned, 3);
}

#[test]
fn every_consumer_config_is_read_into_the_spec() {
    let p = opening(0.5);
    let form = ConsumerForm {
        id: "30".into(),
        client_id: "reader".into(),
        assignors: "org.apache.kafka.clients.consumer.RangeAssignor, roundrobin".into(),
        commit: Commit::Sync,
        auto_offset_reset: OffsetReset::None,
        processing_ms: "20".into(),
        session_timeout_ms: "10000".into(),
        heartbeat_interval_ms: "1000".into(),
        max_poll_interval_ms: "60000".into(),
        max_poll_records: "50".into(),
        ..group_form("g", &["orders"])
    };
    let mut expected = ConsumerSpec::group("reader", "g", &["orders"]);
    if let Membership::Group { assignors, .. } = &mut expected.membership {
        *assignors = vec!["range".into(), "roundrobin".into()];
    }
    expected.commit = CommitMode::SyncAfterProcessing;
    expected.auto_offset_reset = OffsetReset::None;
    expected.processing_ms_per_record = 20;
    expected.session_timeout_ms = 10_000;
    expected.heartbeat_interval_ms = 1_000;
    expected.max_poll_interval_ms = 60_000;
    expected.max_poll_records = 50;
    assert_eq!(form.actions(&facts(&p)).unwrap(), [Action::AddConsumer { id: 30, spec: expected }]);

    let defaults = group_form("g", &["orders"]).actions(&facts(&p)).unwrap();
    let java = ConsumerSpec::group("consumer-4", "g", &["orders"]);
    assert_eq!(
        defaults,
        [Action::AddConsumer { id: 4, spec: java }],
        "blank fields: Java's defaults"
    );
}

#[test]
fn a_standalone_consumer_assigns_itself_partitions() {
    let mut p = opening(1.0);
    let form = ConsumerForm {
        standalone: true,
        count: "5".into(),
        assign_partitions: "2, 0".into(),
        commit: Commit::Manual,
        auto_offset_reset: OffsetReset::Earliest,
        ..ConsumerForm::default()
    };
    let actions = form.actions(&facts(&p)).unwrap();
    let [Action::AddConsumer { id: 4, spec }] = actions.as_slice() else { panic!("{actions:?}") };
    assert_eq!(
        spec.membership,
        Membership::Standalone {
            group_id: None,
            partitions: vec![("orders".into(), 2), ("orders".into(), 0)]
        }
    );
    p.apply_all(actions).unwrap();
    play(&mut p, 1.0);
    let s = p.snapshot();
    let c = s.consumers.iter().find(|c| c.id == 4).unwrap();
    assert!(!c.subscribes);
    let mut owned: Vec<i32> = c.positions.iter().map(|p| p.partition).collect();
    owned.sort();
    assert_eq!(owned, [0, 2]);
    let all = ConsumerForm { standalone: true, group_id: "g".into(), ..ConsumerForm::default() };
    let actions = all.actions(&facts(&p)).unwrap();
    let [Action::AddConsumer { spec, .. }] = actions.as_slice() else { panic!("{actions:?}") };
    assert!(
        matches!(&spec.membership, Membership::Standalone { partitions, .. } if partitions.len() == 3)
    );
}

#[test]
fn wrong_consumer_fields_get_kafkas_messages() {
    let p = opening(0.5);
    let f = facts(&p);
    let check = |form: ConsumerForm, field: &str, message: &str| {
        assert_eq!(only_error(form.actions(&f), field), message, "{field}");
    };
    check(group_form(" ", &["orders"]), "group.id", NO_GROUP_ID);
    check(group_form("g", &[]), "topics", "choose at least one topic to subscribe to");
    check(group_form("g", &["nope"]), "topics", "there is no topic “nope”");
    check(
        ConsumerForm { assignors: "range, fair".into(), ..group_form("g", &["orders"]) },
        "partition.assignment.strategy",
        "unknown assignor “fair”: use range, roundrobin, sticky or cooperative-sticky",
    );
    check(
        ConsumerForm { heartbeat_interval_ms: "45000".into(), ..group_form("g", &["orders"]) },
        "heartbeat.interval.ms",
        "Heartbeat must be set lower than the session timeout",
    );
    check(
        ConsumerForm { count: "0".into(), ..group_form("g", &["orders"]) },
        "count",
        "0 is too small: type a whole number from 1 to 50",
    );
    check(
        ConsumerForm { id: "3".into(), count: "2".into(), ..group_form("g", &["orders"]) },
        "client",
        "client 3 already exists (the next free number is 4)",
    );
    check(
        ConsumerForm { max_poll_records: "-5".into(), ..group_form("g", &["orders"]) },
        "max.poll.records",
        "-5 is negative: type a whole number from 1 to 100000",
    );
    let standalone = |commit, partitions: &str| ConsumerForm {
        standalone: true,
        commit,
        assign_partitions: partitions.into(),
        ..ConsumerForm::default()
    };
    check(
        standalone(Commit::Auto, ""),
        "commit",
        "enable.auto.commit cannot be set to true when default group id (null) is used.",
    );
    check(standalone(Commit::Async, ""), "commit", NO_GROUP_ID);
    check(
        standalone(Commit::Manual, "1, 3"),
        "assign.partitions",
        "3 is too large: type a whole number from 0 to 2",
    );
    let mut crowded = f.clone();
    crowded.room.clients = 2;
    let form = ConsumerForm { count: "3".into(), ..group_form("g", &["orders"]) };
    assert_eq!(
        only_error(form.actions(&crowded), "count"),
        "only 2 more clients fit in this playground"
    );

    let mut e = Errors::default();
    assert_eq!(assignors(&mut e, ""), ["range", "cooperative-sticky"], "the Java default");
    assignors(&mut e, "sticky, sticky");
    assert_eq!(e.get("partition.assignment.strategy"), Some("sticky is listed twice"));
}

#[test]
fn consumers_are_paused_committed_and_moved() {
    let mut p = opening(10.0);
    let pick = ConsumerPick { consumer: "3".into() };
    let action = pick.pause_or_resume(&facts(&p)).unwrap();
    assert_eq!(action, Action::PauseConsumer { id: 3, paused: true });
    take(&mut p, action);
    assert_eq!(
        pick.pause_or_resume(&facts(&p)).unwrap(),
        Action::PauseConsumer { id: 3, paused: false }
    );
    assert_eq!(pick.commit(&facts(&p)).unwrap(), Action::Commit { id: 3 });

    let f = facts(&p);
    let owned = f.client(2).unwrap().partitions.clone();
    let (topic, partition) = owned[0].clone();
    let seek = SeekForm {
        consumer: "2".into(),
        to: Target::Offset,
        value: "1".into(),
        ..SeekForm::default()
    };
    let action = seek.action(&f).unwrap();
    assert_eq!(
        action,
        Action::Seek { id: 2, topic: topic.clone(), partition, to: SeekTo::Offset(1) }
    );
    take(&mut p, action);
    let at = SeekForm {
        consumer: "2".into(),
        partition: format!("{topic}-{partition}"),
        to: Target::Timestamp,
        value: "0".into(),
    };
    assert!(matches!(
        at.action(&facts(&p)).unwrap(),
        Action::Seek { to: SeekTo::Timestamp(0), .. }
    ));
}

#[test]
fn wrong_consumer_operations_get_messages() {
    let mut p = opening(10.0);
    let f = facts(&p);
    let (topic, _) = f.client(2).unwrap().partitions[0].clone();
    let not_owned = f.client(3).unwrap().partitions[0].clone();
    let seek = |partition: String, to, value: &str| SeekForm {
        consumer: "2".into(),
        partition,
        to,
        value: value.into(),
    };
    let other = format!("{}-{}", not_owned.0, not_owned.1);
    assert_eq!(
        only_error(seek(other.clone(), Target::Latest, "").action(&f), "partition"),
        format!("consumer 2 does not own {other}")
    );
    assert_eq!(
        only_error(seek(String::new(), Target::Offset, "-4").action(&f), "to"),
        format!("-4 is negative: type a whole number from 0 to {}", i64::MAX)
    );
    assert_eq!(
        only_error(seek(String::new(), Target::Timestamp, "").action(&f), "to"),
        format!("this is empty: type a whole number from 0 to {}", i64::MAX)
    );
    let producer = ConsumerPick { consumer: "1".into() };
    assert_eq!(only_error(producer.commit(&f), "consumer"), "client 1 is not a consumer");
    assert_eq!(topic, "orders");

    take(
        &mut p,
        Action::AddConsumer {
            id: 9,
            spec: kplay_sim::presets::standalone("solo", &[("orders", 0)]),
        },
    );
    let solo = ConsumerPick { consumer: "9".into() };
    assert_eq!(only_error(solo.commit(&facts(&p)), "consumer"), NO_GROUP_ID);
    let fresh = Facts::default();
    assert_eq!(
        only_error(ConsumerPick::default().pause_or_resume(&fresh), "consumer"),
        "there is no consumer yet: add one first"
    );
}

#[test]
fn a_groups_offsets_are_reset_only_once_it_is_inactive() {
    let mut p = opening(10.0);
    let form = ResetOffsetsForm { to: Target::Earliest, ..ResetOffsetsForm::default() };
    let action = form.action(&facts(&p)).unwrap();
    assert_eq!(
        action,
        Action::ResetOffsets {
            group: "billing".into(),
            topic: "orders".into(),
            to: SeekTo::Earliest
        }
    );
    assert!(p.apply(action.clone()).is_err(), "the group has members");
    let Some(Notice::Error(message)) = p.notice() else { panic!("{:?}", p.notice()) };
    assert!(
        message.contains("Assignments can only be reset if the group 'billing' is inactive, but the current state is Stable."),
        "{message}"
    );
    for id in [2, 3] {
        take(&mut p, Action::RemoveClient { id, crash: false });
    }
    play(&mut p, 5.0);
    assert_eq!(p.snapshot().group("billing").unwrap().state, "Empty");
    take(&mut p, action);

    let f = facts(&p);
    let bad = ResetOffsetsForm {
        group: "billing".into(),
        topic: "nope".into(),
        to: Target::Offset,
        value: "x".into(),
    };
    let errors = bad.action(&f).unwrap_err();
    assert_eq!(errors.get("topic"), Some("there is no topic “nope”"));
    assert_eq!(
        errors.get("to"),
        Some(format!("“x” is not a number: type a whole number from 0 to {}", i64::MAX).as_str())
    );
    let nameless =
        ResetOffsetsForm::default().action(&Facts { topics: f.topics.clone(), ..Facts::default() });
    assert_eq!(only_error(nameless, "group"), "type a group.id: it cannot be empty");
}
