//! Browser tests of the live view: mount it fed with messages as `kplay serve --ui` sends them
//! (no server needed) and check that the DOM shows the image's brokers, partitions' offsets and
//! group members with the simulation's components, without the simulation's controls; and that
//! a malformed message brings a notice, not a crash.

#![cfg(target_arch = "wasm32")]

mod support;

use std::rc::Rc;

use kplay::live::LiveSource;
use kplay_live::*;
use support::inspector::{choose, input};
use support::{
    attrs, click, count, data, fresh_root, leader_of, marker, offsets, text, texts, wait_until,
};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn partition(index: i32, leader: i32, end: i64) -> LivePartition {
    LivePartition {
        index,
        leader: Some(leader),
        leader_epoch: 0,
        replicas: vec![leader],
        isr: vec![leader],
        log_start_offset: 0,
        high_watermark: end,
        log_end_offset: end,
        size_bytes: 80 * end as u64,
        record_count: end as u64,
        segment_count: 1,
        segments: vec![LiveSegment {
            base_offset: 0,
            next_offset: end,
            records: end as u64,
            size_bytes: 80,
        }],
        replica_logs: vec![LiveReplica {
            broker: leader,
            log_start_offset: 0,
            log_end_offset: end,
            high_watermark: end,
        }],
        records: (0..end)
            .map(|offset| LiveRecord {
                offset,
                key: Some(format!("user-{offset}")),
                value: Some(format!("clicked {offset}")),
                timestamp_ms: 1_700_000_000_000 + offset,
                log_append_time: false,
                leader_epoch: 0,
                headers: Vec::new(),
            })
            .collect(),
    }
}

/// A cluster of two brokers, a topic `clicks` with records, and a group with one member.
fn image() -> Vec<u8> {
    let image = LiveImage {
        time_ms: 1_700_000_005_000,
        brokers: vec![
            LiveBroker { id: 1, running: true, fenced: false, controller: true },
            LiveBroker { id: 2, running: true, fenced: false, controller: false },
        ],
        topics: vec![LiveTopic {
            name: "clicks".into(),
            internal: false,
            partitions: vec![partition(0, 1, 3), partition(1, 2, 5)],
        }],
        groups: vec![LiveGroup {
            group_id: "dashboard".into(),
            state: "Stable".into(),
            generation_id: 2,
            protocol_type: Some("consumer".into()),
            protocol_name: Some("range".into()),
            leader: Some("reporter-7f".into()),
            coordinator: Some(1),
            members: vec![LiveMember {
                member_id: "reporter-7f".into(),
                group_instance_id: None,
                client_id: "reporter".into(),
                client_host: "/127.0.0.1".into(),
                session_timeout_ms: 45_000,
                assigned: vec![
                    LiveTopicPartition { topic: "clicks".into(), partition: 0 },
                    LiveTopicPartition { topic: "clicks".into(), partition: 1 },
                ],
                awaiting_join: false,
                awaiting_sync: false,
            }],
            offsets: vec![LiveCommit {
                topic: "clicks".into(),
                partition: 1,
                offset: 4,
                commit_timestamp_ms: 1_700_000_004_000,
            }],
        }],
        events: vec![LiveEvent {
            time_ms: 1_700_000_004_500,
            text: "group dashboard: generation 2 started".into(),
            kind: EventKind::Groups,
            touched: Touched { groups: vec!["dashboard".into()], ..Touched::default() },
        }],
    };
    postcard::to_allocvec(&image).expect("an image encodes")
}

/// The image with the group changed: its state, generation and members' partitions of `clicks`.
fn regrouped(time_ms: i64, state: &str, generation_id: i32, members: &[(&str, &[i32])]) -> Vec<u8> {
    let mut image: LiveImage = postcard::from_bytes(&image()).expect("the image decodes");
    image.time_ms = time_ms;
    image.events.clear();
    let group = &mut image.groups[0];
    let template = group.members[0].clone();
    group.state = state.into();
    group.generation_id = generation_id;
    group.members = members
        .iter()
        .map(|(id, partitions)| LiveMember {
            member_id: format!("{id}-7f"),
            client_id: (*id).into(),
            assigned: partitions
                .iter()
                .map(|p| LiveTopicPartition { topic: "clicks".into(), partition: *p })
                .collect(),
            ..template.clone()
        })
        .collect();
    postcard::to_allocvec(&image).expect("an image encodes")
}

async fn mounted(messages: Vec<Vec<u8>>) -> web_sys::Element {
    let root = fresh_root();
    let app = kplay::mount_live(root.clone(), LiveSource::Messages(Rc::new(messages)));
    // The page lives as long as the test's document.
    std::mem::forget(app);
    wait_until("the brokers are rendered", || count(&root, ".broker") == 2).await;
    root
}

#[wasm_bindgen_test]
async fn the_live_view_draws_the_images_brokers_partitions_and_members() {
    let root = mounted(vec![image()]).await;
    assert_eq!(data(&root, ".broker", "broker-id"), vec!["1", "2"]);
    assert!(text(&root, ".live-banner").contains("Live from kplay serve"));
    assert!(text(&root, ".live-banner").contains("cannot be paused"));

    assert_eq!(leader_of(&root, 0), Some(1));
    assert_eq!(leader_of(&root, 1), Some(2));
    assert_eq!(marker(&root, 0, "hw"), Some(3));
    assert_eq!(marker(&root, 1, "leo"), Some(5));
    assert_eq!(offsets(&root, 0), vec![0, 1, 2]);
    assert_eq!(offsets(&root, 1), vec![0, 1, 2, 3, 4]);

    assert!(texts(&root, ".member .member-name").iter().any(|n| n == "reporter"));
    assert_eq!(data(&root, ".member", "member-id"), vec!["reporter-7f"]);
    assert_eq!(text(&root, ".member .member-host"), "/127.0.0.1");
    let events = texts(&root, ".event .event-text");
    assert_eq!(events, vec!["group dashboard: generation 2 started"]);

    // The event filter offers what a broker sees, not the simulation's clients or network.
    let kinds = texts(&root, ".event-filter label");
    assert_eq!(kinds, vec!["cluster", "replication", "records", "groups"]);

    // None of the simulation's controls: no toolbar, timeline, actions or producers.
    for absent in [".toolbar", ".timeline", ".actions-body", "section.producers"] {
        assert_eq!(count(&root, absent), 0, "{absent} is not part of the live view");
    }
}

#[wasm_bindgen_test]
async fn a_malformed_message_brings_a_notice_and_keeps_the_last_picture() {
    let mut cut = image();
    cut.truncate(cut.len() / 2);
    let root = mounted(vec![image(), cut]).await;
    wait_until("the notice is shown", || count(&root, ".live-notice") == 1).await;
    assert!(text(&root, ".live-notice").contains("could not be read"));
    assert_eq!(marker(&root, 0, "hw"), Some(3));
}

#[wasm_bindgen_test]
async fn a_page_that_never_hears_from_the_server_says_it_is_waiting() {
    let root = fresh_root();
    let app =
        kplay::mount_live(root.clone(), LiveSource::Messages(Rc::new(vec![b"junk".to_vec()])));
    std::mem::forget(app);
    wait_until("the notice is shown", || count(&root, ".live-notice") == 1).await;
    assert!(text(&root, ".live-waiting").contains("Waiting"));
    assert_eq!(count(&root, ".broker"), 0);
}

#[wasm_bindgen_test]
async fn a_server_that_cannot_be_reached_is_said_and_tried_again_later_each_time() {
    let root = fresh_root();
    // Nothing listens on the discard port: each attempt fails at once.
    let source = LiveSource::Server("ws://127.0.0.1:9/live".into());
    let app = kplay::mount_live(root.clone(), source);
    wait_until("the loss is said", || count(&root, ".live-status.lost") == 1).await;
    assert!(
        text(&root, ".live-status").contains("Trying again in 1 s"),
        "{}",
        text(&root, ".live-status")
    );
    // The next attempt, a second later, fails too and waits longer.
    let mut turns = 0;
    while !text(&root, ".live-status").contains("Trying again in 2 s") {
        turns += 1;
        assert!(turns < 1_000, "a second attempt was made: {}", text(&root, ".live-status"));
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    assert_eq!(count(&root, ".broker"), 0);
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_consumer_joining_shows_as_a_rebalance_with_what_moved() {
    let one: &[(&str, &[i32])] = &[("reporter", &[0, 1])];
    let two: &[(&str, &[i32])] = &[("reporter", &[0]), ("auditor", &[1])];
    let root = mounted(vec![
        image(),
        regrouped(1_700_000_005_200, "PreparingRebalance", 2, one),
        regrouped(1_700_000_005_400, "CompletingRebalance", 3, two),
        regrouped(1_700_000_005_600, "Stable", 3, two),
    ])
    .await;
    wait_until("a rebalance card", || count(&root, "article.rebalance") == 1).await;
    assert_eq!(data(&root, "article.rebalance", "generation"), vec!["3"]);
    let card = text(&root, "article.rebalance");
    assert!(card.contains("auditor"), "the new member is named: {card}");
    assert!(card.contains("clicks-1"), "the partition that moved is named: {card}");
}

#[wasm_bindgen_test]
async fn the_live_lag_chart_follows_the_groups_commits_image_by_image() {
    // dashboard committed 4 of clicks-1's 5 records; a second later, all 5.
    let mut later: LiveImage = postcard::from_bytes(&image()).expect("the image decodes");
    later.time_ms += 1_000;
    later.events.clear();
    later.groups[0].offsets[0].offset = 5;
    let later = postcard::to_allocvec(&later).expect("an image encodes");
    let root = mounted(vec![image(), later]).await;
    wait_until("both images are charted", || {
        attrs(&root, ".lag-chart g.series polyline", "points")
            .first()
            .is_some_and(|p| p.split(' ').count() == 2)
    })
    .await;
    assert_eq!(data(&root, ".lag-chart g.series", "group"), vec!["dashboard"]);
    assert!(text(&root, ".lag-chart g.series text").ends_with(" 0"), "caught up at the end");
    assert!(!text(&root, ".lag-chart h3").contains("simulated"), "a real cluster's clock");
}

#[wasm_bindgen_test]
async fn the_live_message_browser_lists_the_records_the_image_carries() {
    let root = mounted(vec![image()]).await;
    click(&root, "#inspector-tab-messages");
    wait_until("the messages are listed", || count(&root, "table.messages tr[data-offset]") == 3)
        .await;
    assert_eq!(data(&root, "table.messages tr[data-offset]", "offset"), vec!["0", "1", "2"]);
    assert!(text(&root, "table.messages tr[data-offset=\"2\"]").contains("clicked 2"));
    assert!(text(&root, ".browse-status").contains("Reading clicks-0 on broker 1, its leader."));
    // Another partition, as a visitor picks it: the page follows.
    choose(&root, "select.browse-partition", "1");
    wait_until("clicks-1's records", || count(&root, "table.messages tr[data-offset]") == 5).await;
    assert!(text(&root, ".browse-status").contains("Reading clicks-1 on broker 2, its leader."));
    // Past the log end: Kafka's answer, and the page stays.
    input(&root, ".browse-offset-input").set_value("99");
    click(&root, "button.browse-go");
    wait_until("the log's answer", || text(&root, ".browse-error").contains("OFFSET_OUT_OF_RANGE"))
        .await;
    assert_eq!(count(&root, ".broker"), 2);
}
