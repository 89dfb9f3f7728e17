//! Browser tests of the inspector's topics, groups and tabs: each table on the page is compared with what the
//! model computes for the same moment — partition rows with the snapshot's partitions (paged, for
//! a thousand of them), group lag rows with the snapshot's lag rows — and the tabs are driven
//! from the keyboard.
//!
//! Run with `cargo test --target wasm32-unknown-unknown` or `wasm-pack test --headless --chrome`.

#![cfg(target_arch = "wasm32")]

mod support;

use kplay::components::id_list;
use kplay::components::inspector::{PARTITIONS_PER_PAGE, offset_text};
use kplay::model::Tab;
use kplay::model::opening::{GROUP, TOPIC};
use kplay::model::snapshot::TopicSnap;
use kplay_sim::Action;
use support::inspector::{cell, choose, mounted, play_more};
use support::{attrs, click, count, data, elements, played, start_at, text, texts, wait_until};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn assert_partition_rows(root: &Element, topic: &TopicSnap, from: usize) {
    let expected: Vec<String> = topic.partitions
        [from..(from + PARTITIONS_PER_PAGE).min(topic.partitions.len())]
        .iter()
        .map(|p| p.index.to_string())
        .collect();
    assert_eq!(data(root, ".partition-table tbody tr", "partition"), expected);
    for p in topic.partitions.iter().skip(from).take(PARTITIONS_PER_PAGE) {
        let row = format!(".partition-table tr[data-partition=\"{}\"]", p.index);
        let leader = p.leader.map_or("none: offline".into(), |l| l.to_string());
        assert_eq!(cell(root, &row, "leader"), leader, "leader of {}", p.index);
        assert_eq!(cell(root, &row, "replicas"), id_list(&p.replicas));
        assert_eq!(cell(root, &row, "isr"), id_list(&p.isr));
        assert_eq!(cell(root, &row, "under-replicated").starts_with("yes"), p.under_replicated());
        assert_eq!(cell(root, &row, "log-start"), offset_text(p.log_start));
        assert_eq!(
            cell(root, &row, "high-watermark"),
            offset_text(p.high_watermark),
            "HW of {}",
            p.index
        );
        assert_eq!(cell(root, &row, "log-end"), offset_text(p.log_end), "LEO of {}", p.index);
        assert_eq!(cell(root, &row, "records"), p.log_size.unwrap().records.to_string());
        assert_eq!(cell(root, &row, "leader-epoch"), p.leader_epoch.to_string());
    }
}

#[wasm_bindgen_test]
async fn the_topic_and_partition_tables_are_the_models() {
    let model = played(1, 8.0);
    let (root, app) = mounted(start_at(&model)).await;
    let snapshot = model.snapshot();
    let topic = snapshot.topic(TOPIC).unwrap();
    assert!(topic.partitions.iter().all(|p| p.log_end > 0), "records were written");

    let row = format!(".topic-list tr[data-topic=\"{TOPIC}\"]");
    assert_eq!(cell(&root, &row, "partitions"), "3");
    assert_eq!(cell(&root, &row, "replication-factor"), "3");
    assert_eq!(cell(&root, &row, "under-replicated"), "0");
    assert_eq!(cell(&root, &row, "offline"), "0");
    let records: usize = topic.partitions.iter().map(|p| p.log_size.unwrap().records).sum();
    assert_eq!(cell(&root, &row, "records"), records.to_string());
    assert_eq!(count(&root, ".topic-list tr.internal"), 0, "internal topics are hidden at first");
    click(&root, ".internal-toggle input");
    wait_until("internal topics are listed", || {
        count(&root, ".topic-list tr.internal[data-topic=\"__consumer_offsets\"]") == 1
    })
    .await;

    assert_partition_rows(&root, topic, 0);
    assert_eq!(count(&root, ".partition-table nav.pager"), 0, "three partitions fit one page");
    // Every header cell has a scope, for screen readers.
    assert!(attrs(&root, ".inspector-table th", "scope").iter().all(|s| s == "col" || s == "row"));
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_thousand_partitions_are_paged_fifty_at_a_time() {
    let mut model = played(1, 2.0);
    model
        .apply(Action::CreateTopic {
            name: "wide".into(),
            partitions: 1000,
            replication_factor: 2,
            configs: vec![("retention.ms".into(), "60000".into())],
        })
        .unwrap();
    play_more(&mut model, 1.0);
    model.prefs.topic = Some("wide".into());
    let (root, app) = mounted(start_at(&model)).await;
    let snapshot = model.snapshot();
    let wide = snapshot.topic("wide").unwrap();
    assert_eq!(wide.partitions.len(), 1000);
    assert!(
        texts(&root, ".topic-list tr[data-topic=\"wide\"] .overrides")
            .concat()
            .contains("retention.ms=60000")
    );

    wait_until("the first page", || {
        count(&root, ".partition-table tbody tr") == PARTITIONS_PER_PAGE
    })
    .await;
    assert_partition_rows(&root, wide, 0);
    assert!(text(&root, ".partition-table .page-status").contains("page 1 of 20"));

    click(&root, ".partition-table nav.pager button.next");
    wait_until("the second page", || {
        data(&root, ".partition-table tbody tr", "partition").first().map(String::as_str)
            == Some("50")
    })
    .await;
    assert_partition_rows(&root, wide, 50);

    click(&root, ".partition-table nav.pager button.last");
    wait_until("the last page", || {
        text(&root, ".partition-table .page-status").contains("page 20 of 20")
    })
    .await;
    assert_partition_rows(&root, wide, 950);
    assert!(
        elements(&root, ".partition-table nav.pager button.next")
            .iter()
            .all(|b| b.has_attribute("disabled"))
    );

    // The page picker jumps anywhere.
    choose(&root, ".partition-table .page-pick select", "7");
    wait_until("page 8", || text(&root, ".partition-table .page-status").contains("page 8 of 20"))
        .await;
    assert_partition_rows(&root, wide, 350);
    app.destroy();
}

#[wasm_bindgen_test]
async fn the_group_tables_are_the_models_lag_rows() {
    let mut model = played(1, 12.0);
    model.prefs.tab = Tab::Groups;
    let (root, app) = mounted(start_at(&model)).await;
    let snapshot = model.snapshot();
    let group = snapshot.group(GROUP).unwrap();
    assert_eq!(group.rows.len(), 3);
    assert!(group.rows.iter().all(|r| r.committed.is_some()), "the group has committed");

    let row = format!("section.inspector .group-table tr[data-group=\"{GROUP}\"]");
    assert_eq!(cell(&root, &row, "state"), group.state);
    assert_eq!(cell(&root, &row, "members"), group.members.len().to_string());
    assert_eq!(cell(&root, &row, "generation"), group.generation.to_string());
    assert!(cell(&root, &row, "total-lag").starts_with(&group.total_lag().to_string()));

    let rows: Vec<(String, String)> = elements(&root, "section.inspector .group-lag tbody tr")
        .iter()
        .map(|r| {
            (r.get_attribute("data-topic").unwrap(), r.get_attribute("data-partition").unwrap())
        })
        .collect();
    let expected: Vec<(String, String)> =
        group.rows.iter().map(|r| (r.topic.clone(), r.partition.to_string())).collect();
    assert_eq!(rows, expected);
    for r in &group.rows {
        let row = format!(
            "section.inspector .group-lag tr[data-topic=\"{}\"][data-partition=\"{}\"]",
            r.topic, r.partition
        );
        assert_eq!(cell(&root, &row, "committed"), r.committed.unwrap().to_string());
        assert_eq!(cell(&root, &row, "log-end"), offset_text(r.log_end));
        assert_eq!(cell(&root, &row, "lag"), r.lag.unwrap().to_string());
        assert_eq!(cell(&root, &row, "owner"), r.owner_client_id.clone().unwrap());
        let start = snapshot.topic(&r.topic).unwrap().partitions[r.partition as usize].log_start;
        assert_eq!(cell(&root, &row, "log-start"), offset_text(start));
    }
    app.destroy();
}

#[wasm_bindgen_test]
async fn arrow_keys_move_between_tabs_and_focus_follows() {
    let model = played(1, 4.0);
    let (root, app) = mounted(start_at(&model)).await;
    let selected = || attrs(&root, "button.inspector-tab[aria-selected=\"true\"]", "id");
    assert_eq!(selected(), ["inspector-tab-topics"]);
    let step = text(&root, ".clock-step");
    // A keyboard user has tabbed to the Topics tab.
    let topics = root.query_selector("#inspector-tab-topics").unwrap().unwrap();
    topics.clone().dyn_into::<web_sys::HtmlElement>().unwrap().focus().unwrap();
    let focused = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(focused.id(), "inspector-tab-topics");
    let key = js_sys::Function::new_with_args(
        "target, key",
        "target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));",
    );
    key.call2(&JsValue::NULL, &topics, &JsValue::from_str("ArrowRight")).unwrap();
    wait_until("the groups tab is chosen", || selected() == ["inspector-tab-groups"]).await;
    wait_until("the group table is shown", || count(&root, "section.inspector .group-table") == 1)
        .await;
    let focused = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(focused.id(), "inspector-tab-groups");
    key.call2(&JsValue::NULL, &focused, &JsValue::from_str("End")).unwrap();
    wait_until("the messages tab is chosen", || selected() == ["inspector-tab-messages"]).await;
    assert_eq!(attrs(&root, ".inspector-panel", "aria-labelledby"), ["inspector-tab-messages"]);
    assert_eq!(text(&root, ".clock-step"), step, "the arrow keys did not step the simulation");
    app.destroy();
}
