//! Browser tests of the consumer groups panel: the page opens an exact moment (or is clicked)
//! and the DOM is compared with what the model computes for the same moment — members and
//! their positions, the `--describe` rows, lag growing while a consumer is paused, standalone
//! consumers, twenty groups, the lag chart. Rebalances are in `rebalances.rs`.
//!
//! Run with `cargo test --target wasm32-unknown-unknown`.

#![cfg(target_arch = "wasm32")]

mod support;

use kplay::components::groups::DRAWN_SERIES;
use kplay::model::opening::{GROUP, TOPIC};
use kplay_sim::Action;
use support::groups::{
    NEWEST, consumer, dash, generation, group, mounted, play_more, row_cells, shown_rows,
};
use support::{attrs, click, count, data, played, start_at, text, texts, wait_until};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// The lag the page shows on the partitions `client` owns.
fn lag_of(root: &Element, client_id: &str) -> i64 {
    shown_rows(root)
        .iter()
        .filter(|r| r[8] == client_id)
        .map(|r| r[5].parse::<i64>().expect("a known lag"))
        .sum()
}

#[wasm_bindgen_test]
async fn the_panel_shows_the_group_as_the_coordinator_knows_it() {
    let model = played(1, 12.0);
    let (root, app) = mounted(start_at(&model)).await;
    let s = model.snapshot();
    let g = group(&s, GROUP);

    assert_eq!(data(&root, ".group-detail", "group"), [GROUP]);
    assert_eq!(text(&root, ".group-detail .group-head .group-state"), g.state);
    assert_eq!(generation(&root), g.generation.to_string());
    let ids: Vec<String> = g.members.iter().map(|m| m.member_id.clone()).collect();
    assert_eq!(data(&root, ".group-detail li.member", "member-id"), ids);
    let leader = g.leader.clone().expect("a leader");
    let selector = format!("li.member[data-member-id=\"{leader}\"] .leader-badge");
    assert_eq!(count(&root, ".group-detail li.member .leader-badge"), 1);
    assert_eq!(count(&root, &selector), 1);
    for m in &g.members {
        let shown =
            texts(&root, &format!("li.member[data-member-id=\"{}\"] td.offset", m.member_id));
        let model: Vec<String> =
            m.positions.iter().map(|p| p.offset.map_or("…".into(), |o| o.to_string())).collect();
        assert_eq!(shown, model, "positions of {}", m.client_id);
    }
    let rows: Vec<Vec<String>> = g.rows.iter().map(|r| row_cells(GROUP, r)).collect();
    assert_eq!(shown_rows(&root), rows, "the --describe table, row for row");
    let newest = s.rebalances[GROUP].last().unwrap();
    assert_eq!(data(&root, NEWEST, "generation"), [dash(newest.generation)]);
    app.destroy();
}

#[wasm_bindgen_test]
async fn pausing_a_consumer_makes_its_lag_grow() {
    let mut model = played(1, 12.0);
    let (root, app) = mounted(start_at(&model)).await;
    let at_pause = lag_of(&root, "consumer-2");
    click(&root, "li.member[data-client=\"2\"] button.pause");
    wait_until("consumer-2 is paused", || count(&root, "li.member.paused[data-client=\"2\"]") == 1)
        .await;
    assert_eq!(
        attrs(&root, "li.member[data-client=\"2\"] button.resume", "aria-pressed"),
        ["true"]
    );
    app.destroy();

    model.apply(Action::PauseConsumer { id: 2, paused: true }).unwrap();
    play_more(&mut model, 10.0, 100);
    let (root, app) = mounted(start_at(&model)).await;
    let g = group(&model.snapshot(), GROUP);
    assert_eq!(shown_rows(&root), g.rows.iter().map(|r| row_cells(GROUP, r)).collect::<Vec<_>>());
    let later = lag_of(&root, "consumer-2");
    assert!(later > at_pause + 5, "lag grew from {at_pause} to {later}");
    assert_eq!(count(&root, "li.member[data-client=\"2\"] .paused-badge"), 1);
    app.destroy();
}

#[wasm_bindgen_test]
async fn twenty_groups_stay_usable() {
    let mut model = played(1, 2.0);
    for i in 1..=20 {
        model.apply(consumer(100 + i, &format!("g-{i:02}"), "range")).unwrap();
    }
    play_more(&mut model, 12.0, 200);
    let s = model.snapshot();
    let (root, app) = mounted(start_at(&model)).await;
    assert_eq!(count(&root, "tr.group-line"), s.groups.len());
    assert_eq!(s.groups.len(), 21);
    assert_eq!(count(&root, "article.group-detail"), 1, "one group in detail");
    click(&root, "tr.group-line[data-group=\"g-07\"] button.show-group");
    wait_until("g-07 in detail", || data(&root, "article.group-detail", "group") == ["g-07"]).await;
    assert_eq!(data(&root, "tr.group-line.current", "group"), ["g-07"]);
    assert_eq!(generation(&root), group(&s, "g-07").generation.to_string());
    let drawn = data(&root, ".lag-chart g.series", "group");
    assert!(drawn.len() <= DRAWN_SERIES && drawn.len() < s.lag_chart.series.len(), "{drawn:?}");
    assert!(
        text(&root, ".lag-chart .hint")
            .contains(&format!("of {} groups drawn", s.lag_chart.series.len()))
    );
    app.destroy();
}

#[wasm_bindgen_test]
async fn the_lag_chart_draws_each_group_in_records_or_in_time() {
    let model = played(1, 20.0);
    let (root, app) = mounted(start_at(&model)).await;
    let chart = &model.snapshot().lag_chart;
    let groups: Vec<String> = chart.series.iter().map(|s| s.group.clone()).collect();
    assert_eq!(data(&root, ".lag-chart g.series", "group"), groups);
    let points = attrs(&root, ".lag-chart g.series polyline", "points");
    assert_eq!(points[0].split(' ').count(), chart.series[0].points.len());
    let last = chart.series[0].last().unwrap();
    assert!(text(&root, ".lag-chart g.series text").ends_with(&last.records.to_string()));
    assert!(texts(&root, ".lag-chart .axis-title").contains(&"lag (records)".to_owned()));
    click(&root, ".lag-unit label:nth-of-type(2) input");
    wait_until("lag in time", || {
        texts(&root, ".lag-chart .axis-title").contains(&"lag (seconds)".to_owned())
    })
    .await;
    let seconds = format!("{:.1} s", last.ms as f64 / 1000.0);
    assert!(text(&root, ".lag-chart g.series text").ends_with(&seconds));
    app.destroy();
}

#[wasm_bindgen_test]
async fn standalone_consumers_are_listed_with_their_positions() {
    let mut model = played(1, 4.0);
    let spec = kplay_sim::presets::standalone("reader", &[(TOPIC, 1)]);
    model.apply(Action::AddConsumer { id: 8, spec }).unwrap();
    play_more(&mut model, 3.0, 100);
    let (root, app) = mounted(start_at(&model)).await;
    let s = model.snapshot();
    let reader = s.consumers.iter().find(|c| c.id == 8).expect("the reader");
    let at = dash(reader.positions[0].offset);
    let item = "section.standalone li.standalone-consumer[data-client=\"8\"]";
    assert_eq!(count(&root, item), 1);
    assert_eq!(texts(&root, &format!("{item} .chip")), ["orders-1"]);
    assert!(text(&root, item).contains(&format!("positions: orders-1 at {at}")));
    assert_eq!(count(&root, &format!("{item} button.crash")), 1);
    assert_eq!(count(&root, ".group-detail li.member[data-client=\"8\"]"), 0);
    app.destroy();
}
