//! Browser tests of the inspector's message browser: each table on the page is compared with what the
//! model computes for the same moment: message rows with the records in the
//! replica's log (compaction gaps and tombstones included) and the high watermark flag — and a
//! bad offset is typed in as a visitor would.
//!
//! Run with `cargo test --target wasm32-unknown-unknown` or `wasm-pack test --headless --chrome`.

#![cfg(target_arch = "wasm32")]

mod support;

use kplay::model::messages::{self, Entry, MessagePage};
use kplay::model::opening::TOPIC;
use kplay::model::prefs::BrowseAt;
use kplay::model::{Playground, Shared, Tab};
use kplay_core::{BrokerId, TopicPartition};
use kplay_sim::Action;
use kplay_sim::action::ProducerSpec;
use kplay_sim::network::Node;
use support::inspector::{cell, choose, input, mounted, play_more, shown_offsets};
use support::{click, count, data, played, start_at, text, wait_until};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The opening scenario plus a compacted topic `ledger`, written key by key with headers and a
/// tombstone, then given time to be compacted (maintenance runs every 10 s).
fn compacted() -> Playground {
    let mut p = played(7, 1.0);
    let configs = [
        ("cleanup.policy", "compact"),
        ("segment.bytes", "120"),
        ("min.cleanable.dirty.ratio", "0.01"),
    ];
    p.apply(Action::CreateTopic {
        name: "ledger".into(),
        partitions: 1,
        replication_factor: 3,
        configs: configs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect(),
    })
    .unwrap();
    p.apply(Action::AddProducer { id: 10, spec: ProducerSpec::new("writer", "ledger") }).unwrap();
    play_more(&mut p, 1.0);
    let writes = [
        ("k1", Some("v1")),
        ("k2", Some("v1")),
        ("k2", Some("v2")),
        ("k3", Some("v1")),
        ("k3", None),
    ];
    for (i, (key, value)) in writes.into_iter().enumerate() {
        p.apply(Action::Produce {
            producer: 10,
            topic: "ledger".into(),
            key: Some(key.into()),
            value: value.map(str::to_owned),
            headers: vec![("trace".into(), format!("t{i}"))],
            partition: None,
        })
        .unwrap();
        play_more(&mut p, 0.3);
    }
    play_more(&mut p, 12.0);
    p
}

#[wasm_bindgen_test]
async fn the_message_rows_are_the_records_in_the_log() {
    let mut model = compacted();
    model.prefs.tab = Tab::Messages;
    model.prefs.browse =
        Some(BrowseAt { page_size: 100, ..BrowseAt::newest("ledger", 0).from(Some(0)) });
    let (root, app) = mounted(start_at(&model)).await;
    let page = model.snapshot().messages.expect("the browser's page");
    let leader = page.broker.unwrap();
    let log = &model
        .world()
        .engine()
        .replica(BrokerId(leader), &TopicPartition::new("ledger", 0))
        .unwrap()
        .log;
    let in_log: Vec<i64> = log
        .batches()
        .iter()
        .flat_map(|b| b.records_with_offsets().map(|(o, _)| o.0).collect::<Vec<_>>())
        .collect();
    assert!(in_log.len() < 5, "compaction removed superseded records: {in_log:?}");

    wait_until("the records are listed", || !shown_offsets(&root).is_empty()).await;
    assert_eq!(shown_offsets(&root), in_log);
    let gaps: Vec<(String, String)> = page
        .entries
        .iter()
        .filter_map(|e| match e {
            Entry::Gap { from, to } => Some((from.to_string(), to.to_string())),
            Entry::Record(_) => None,
        })
        .collect();
    assert!(!gaps.is_empty());
    assert_eq!(
        data(&root, "table.messages tr.gap", "gap-from"),
        gaps.iter().map(|g| g.0.clone()).collect::<Vec<_>>()
    );
    assert_eq!(
        data(&root, "table.messages tr.gap", "gap-to"),
        gaps.iter().map(|g| g.1.clone()).collect::<Vec<_>>()
    );
    assert!(text(&root, "table.messages tr.gap").contains("compaction removed them"));
    for r in page.records() {
        let row = format!("table.messages tr[data-offset=\"{}\"]", r.offset);
        assert_eq!(cell(&root, &row, "key"), r.key.as_ref().unwrap().text);
        assert_eq!(count(&root, &format!("{row}.tombstone")), usize::from(r.value.is_none()));
        assert_eq!(cell(&root, &row, "timestamp"), r.timestamp_ms.to_string());
        let headers: String =
            r.headers.iter().map(|(k, v)| format!("{k}={}", v.as_ref().unwrap().text)).collect();
        assert_eq!(cell(&root, &row, "headers"), headers);
    }
    assert!(text(&root, "table.messages tr.tombstone .value").contains("tombstone"));
    app.destroy();
}

#[wasm_bindgen_test]
async fn records_above_the_high_watermark_are_marked_unreadable() {
    let mut model = played(1, 8.0);
    let part = model.snapshot().topic(TOPIC).unwrap().partitions[0].clone();
    let follower = *part.replicas.iter().find(|b| Some(**b) != part.leader).unwrap();
    model.apply(Action::Isolate { nodes: vec![Node::Broker(follower)] }).unwrap();
    play_more(&mut model, 4.0);
    model.prefs.tab = Tab::Messages;
    let (root, app) = mounted(start_at(&model)).await;
    let page = model.snapshot().messages.expect("the browser's page");
    assert_eq!((page.at.topic.as_str(), page.at.partition, page.at.offset), (TOPIC, 0, None));
    let above: Vec<String> =
        page.records().filter(|r| r.above_high_watermark).map(|r| r.offset.to_string()).collect();
    assert!(!above.is_empty() && above.len() < page.records().count());

    wait_until("the records are listed", || !shown_offsets(&root).is_empty()).await;
    assert_eq!(shown_offsets(&root), page.records().map(|r| r.offset).collect::<Vec<_>>());
    assert_eq!(data(&root, "table.messages tr.above-hw", "offset"), above);
    assert!(
        text(&root, "table.messages tr.above-hw .readable").contains(&format!(
            "not yet: at or above the high watermark ({})",
            page.high_watermark
        ))
    );
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_bad_offset_gets_a_clear_message_and_the_page_keeps_working() {
    let mut model = played(1, 12.0);
    model.prefs.tab = Tab::Messages;
    let (root, app) = mounted(start_at(&model)).await;
    let page = model.snapshot().messages.unwrap();
    wait_until("the records are listed", || !shown_offsets(&root).is_empty()).await;
    let before = shown_offsets(&root);

    // Not a number: refused by the form, nothing else changes.
    input(&root, ".browse-offset-input").set_value("ten");
    click(&root, "button.browse-go");
    wait_until("the field says why", || {
        text(&root, ".browse-form .field-error").contains("is not an offset")
    })
    .await;
    assert_eq!(shown_offsets(&root), before);

    // Past the log end: refused by the log, as Kafka refuses it.
    input(&root, ".browse-offset-input").set_value(&(page.log_end + 1000).to_string());
    click(&root, "button.browse-go");
    wait_until("the log's answer", || text(&root, ".browse-error").contains("OFFSET_OUT_OF_RANGE"))
        .await;
    let error = text(&root, ".browse-error");
    assert!(error.contains("not within the range of offsets maintained by the server"), "{error}");
    assert!(error.contains(&format!("after the log end offset {}", page.log_end)), "{error}");
    assert_eq!(count(&root, ".browse-form .field-error"), 0);
    assert_eq!(count(&root, ".broker"), 3, "the rest of the page is still there");

    // Oldest goes back into the log.
    click(&root, "button.browse-oldest");
    wait_until("records from the log start", || {
        shown_offsets(&root).first() == Some(&page.log_start)
    })
    .await;
    assert_eq!(count(&root, ".browse-error"), 0);

    // Another partition, ten a page, and one page back: the records the model reads there.
    choose(&root, "select.browse-partition", "2");
    wait_until("partition 2", || text(&root, "table.messages caption").contains("orders-2")).await;
    choose(&root, "select.browse-size", "10");
    let newest = BrowseAt { page_size: 10, ..BrowseAt::newest(TOPIC, 2) };
    let newest = messages::page(model.world(), &newest);
    let model_offsets = |p: &MessagePage| p.records().map(|r| r.offset).collect::<Vec<_>>();
    assert_eq!(newest.records().count(), 10, "partition 2 has more than a page");
    wait_until("the newest ten", || shown_offsets(&root) == model_offsets(&newest)).await;
    click(&root, "nav.browse-nav button.browse-previous");
    let older = messages::page(model.world(), &newest.at.from(newest.previous));
    wait_until("the ten before", || shown_offsets(&root) == model_offsets(&older)).await;
    assert_eq!(older.records().last().unwrap().offset + 1, newest.from);

    // The place is in the share link.
    click(&root, "button.share");
    wait_until("the link is shown", || count(&root, ".share-link input") == 1).await;
    let link = input(&root, ".share-link input").value();
    let shared = Shared::from_fragment(link.split_once('#').unwrap().1).unwrap().unwrap();
    assert_eq!(shared.view.tab, Tab::Messages);
    assert_eq!(shared.view.browse, Some(older.at.clone()));
    app.destroy();
}
