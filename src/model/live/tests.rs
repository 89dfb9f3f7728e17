//! A live image as the page sees it: read from a message, drawn with the simulation's snapshot
//! types, its events logged newest first and started over on a new connection.

use kplay_live::*;

use super::{LiveModel, parse};
use crate::model::chronicle::{Category, Touch};
use crate::model::snapshot::{BrokerStatus, Mark, MemberStatus};

fn tp(topic: &str, partition: i32) -> LiveTopicPartition {
    LiveTopicPartition { topic: topic.to_owned(), partition }
}

pub(super) fn record(offset: i64, key: &str, value: &str) -> LiveRecord {
    LiveRecord {
        offset,
        key: Some(key.to_owned()),
        value: Some(value.to_owned()),
        timestamp_ms: 5_000 + offset,
        log_append_time: false,
        leader_epoch: 0,
        headers: Vec::new(),
    }
}

pub(super) fn image(time_ms: i64, events: &[(i64, &str)]) -> LiveImage {
    let partition = |index, leader: i32, end: i64| LivePartition {
        index,
        leader: Some(leader),
        leader_epoch: 0,
        replicas: vec![leader, 3 - leader],
        isr: vec![leader],
        log_start_offset: 0,
        high_watermark: end,
        log_end_offset: end,
        size_bytes: 70 * end as u64,
        record_count: end as u64,
        segment_count: 1,
        segments: vec![LiveSegment {
            base_offset: 0,
            next_offset: end,
            records: end as u64,
            size_bytes: 70,
        }],
        replica_logs: vec![
            LiveReplica {
                broker: leader,
                log_start_offset: 0,
                log_end_offset: end,
                high_watermark: end,
            },
            LiveReplica {
                broker: 3 - leader,
                log_start_offset: 0,
                log_end_offset: 0,
                high_watermark: 0,
            },
        ],
        records: (0..end).map(|o| record(o, "k", &format!("v{o}"))).collect(),
    };
    LiveImage {
        time_ms,
        brokers: vec![
            LiveBroker { id: 1, running: true, fenced: false, controller: true },
            LiveBroker { id: 2, running: false, fenced: true, controller: false },
        ],
        topics: vec![
            LiveTopic { name: "__consumer_offsets".into(), internal: true, partitions: vec![] },
            LiveTopic {
                name: "orders".into(),
                internal: false,
                partitions: vec![partition(0, 1, 3), partition(1, 2, 0)],
            },
        ],
        groups: vec![LiveGroup {
            group_id: "billing".into(),
            state: "Stable".into(),
            generation_id: 4,
            protocol_type: Some("consumer".into()),
            protocol_name: Some("range".into()),
            leader: Some("app-1".into()),
            coordinator: Some(1),
            members: vec![LiveMember {
                member_id: "app-1".into(),
                group_instance_id: None,
                client_id: "app".into(),
                client_host: "/127.0.0.1".into(),
                session_timeout_ms: 45_000,
                assigned: vec![tp("orders", 0), tp("orders", 1)],
                awaiting_join: false,
                awaiting_sync: false,
            }],
            offsets: vec![LiveCommit {
                topic: "orders".into(),
                partition: 0,
                offset: 2,
                commit_timestamp_ms: 1,
            }],
        }],
        events: events
            .iter()
            .map(|(t, text)| LiveEvent {
                time_ms: *t,
                text: (*text).to_owned(),
                kind: EventKind::Groups,
                touched: Touched { groups: vec!["billing".into()], ..Touched::default() },
            })
            .collect(),
    }
}

#[test]
fn an_image_is_drawn_with_the_simulations_snapshot_types() {
    let mut model = LiveModel::default();
    model.receive(image(10_000, &[]), true);
    let s = model.snapshot(None, None, None).expect("an image arrived");
    assert_eq!(s.cluster.controller, Some(1));
    assert_eq!(s.cluster.brokers[0].status, BrokerStatus::Running);
    assert_eq!(s.cluster.brokers[1].status, BrokerStatus::Fenced);
    assert_eq!((s.cluster.partitions, s.cluster.under_replicated), (2, 2));
    assert_eq!(s.cluster.brokers[0].coordinates, vec!["billing".to_owned()]);
    assert_eq!(s.cluster.brokers[0].replicas.len(), 2);

    assert_eq!(s.shown_topic.as_deref(), Some("orders"));
    assert_eq!(s.topics[0].name, "orders", "user topics first");
    let orders = &s.topics[0];
    assert!(orders.detailed);
    let p0 = &orders.partitions[0];
    assert_eq!((p0.log_start, p0.high_watermark, p0.log_end), (0, 3, 3));
    assert_eq!(p0.log_size.map(|l| l.records), Some(3));
    let cells = &p0.log.as_ref().expect("the drawn topic's log").cells;
    assert_eq!(cells.iter().map(|c| c.offset).collect::<Vec<_>>(), vec![0, 1, 2]);
    assert_eq!(cells[2].value.as_deref(), Some("v2"));
    assert!(cells[0].colour > 0, "keyed records are coloured by key");
    assert_eq!(p0.marks, vec![Mark::Committed { group: "billing".into(), offset: 2 }]);
    assert_eq!(p0.replica_ends[1].log_end, 0);
    assert!(!p0.replica_ends[1].running);

    let g = &s.groups[0];
    assert_eq!((g.id.as_str(), g.state, g.generation), ("billing", "Stable", 4));
    assert_eq!(s.shown_group.as_deref(), Some("billing"));
    let m = &g.members[0];
    assert!(m.leader);
    assert_eq!(m.status, MemberStatus::Active);
    assert_eq!(m.assigned, vec![("orders".to_owned(), 0), ("orders".to_owned(), 1)]);
    let rows: Vec<_> =
        g.rows.iter().map(|r| (r.partition, r.committed, r.log_end, r.lag)).collect();
    assert_eq!(rows, vec![(0, Some(2), 3, Some(1)), (1, None, 0, None)]);
    assert_eq!(g.rows[0].owner_client_id.as_deref(), Some("app"));
    assert_eq!(g.rows[0].host().as_deref(), Some("/127.0.0.1"));
    assert_eq!(m.client_host.as_deref(), Some("/127.0.0.1"));
}

#[test]
fn events_are_logged_newest_first_from_the_first_moment_seen() {
    let mut model = LiveModel::default();
    model.receive(image(10_000, &[(9_000, "a"), (9_500, "b")]), true);
    model.receive(image(10_200, &[(10_100, "c")]), false);
    let s = model.snapshot(None, None, None).unwrap();
    let texts: Vec<_> = s.events.iter().map(|e| (e.time_ms, e.text.as_str())).collect();
    assert_eq!(texts, vec![(1_100, "c"), (500, "b"), (0, "a")]);
    assert_eq!(s.time_ms, 1_200);
    assert_eq!(s.events[0].category, Category::Groups);
    assert_eq!(s.events[0].touches, vec![Touch::Group("billing".into())]);
    // A new connection resends the recent events: the log starts over from them.
    model.receive(image(11_000, &[(9_500, "b"), (10_100, "c")]), true);
    let s = model.snapshot(None, None, None).unwrap();
    assert_eq!(s.events.len(), 2);
}

#[test]
fn the_topic_and_group_asked_for_are_shown_if_they_exist() {
    let mut model = LiveModel::default();
    assert!(model.snapshot(None, None, None).is_none());
    model.receive(image(1, &[]), true);
    let s = model.snapshot(Some("__consumer_offsets"), Some("nope"), None).unwrap();
    assert_eq!(s.shown_topic.as_deref(), Some("__consumer_offsets"));
    assert_eq!(s.shown_group.as_deref(), Some("billing"));
    let s = model.snapshot(Some("gone"), None, None).unwrap();
    assert_eq!(s.shown_topic.as_deref(), Some("orders"));
}

#[test]
fn messages_are_read_and_anything_else_refused_with_a_reason() {
    let sent = image(7, &[(7, "x")]);
    let bytes = postcard::to_allocvec(&sent).unwrap();
    assert_eq!(parse(&bytes), Ok(sent));
    let err = parse(&bytes[..bytes.len() / 2]).unwrap_err();
    assert!(err.contains("could not be read"), "{err}");
    assert!(parse(b"{\"time_ms\": 1}").is_err());
    assert!(parse(&[]).is_err());
}
