//! Browser tests of the consumer groups panel: the page opens an exact moment (or is clicked)
//! and the DOM is compared with what the model computes for the same moment — members and
//! their positions, the `--describe` rows, rebalances, a crash noticed only after the session
//! timeout, lag growing while a consumer is paused, twenty groups, the lag chart.
//!
//! Run with `cargo test --target wasm32-unknown-unknown`.

#![cfg(target_arch = "wasm32")]

mod support;

use kplay::Start;
use kplay::components::groups::DRAWN_SERIES;
use kplay::model::opening::{GROUP, TOPIC};
use kplay::model::snapshot::{GroupSnap, LagRow};
use kplay::model::{Playground, Snapshot, Speed};
use kplay_sim::Action;
use kplay_sim::action::{ConsumerSpec, Membership, OffsetReset};
use support::{attrs, click, count, data, fresh_root, played, start_at, text, texts, wait_until};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh root and waits for the groups panel to be rendered.
async fn mounted(start: Start) -> (Element, yew::AppHandle<kplay::App>) {
    let root = fresh_root();
    let app = kplay::mount(root.clone(), start);
    wait_until("the groups panel is rendered", || count(&root, "section.groups") == 1).await;
    (root, app)
}

/// Plays `seconds` more of simulated time at `speed` percent, then pauses.
fn play_more(p: &mut Playground, seconds: f64, speed: u32) {
    p.set_playing(true);
    p.set_speed(Speed::new(speed).expect("a playground speed"));
    let frames = seconds * 100.0 / f64::from(speed) * 60.0;
    for _ in 0..frames.ceil() as usize {
        p.frame(1000.0 / 60.0);
    }
    p.set_playing(false);
}

/// A consumer of `orders` in `group`, reading from the start.
fn consumer(id: u32, group: &str, assignor: &str) -> Action {
    let mut spec = ConsumerSpec::group(&format!("consumer-{id}"), group, &[TOPIC]);
    spec.auto_offset_reset = OffsetReset::Earliest;
    if let Membership::Group { assignors, .. } = &mut spec.membership {
        *assignors = vec![assignor.to_owned()];
    }
    Action::AddConsumer { id, spec }
}

/// The newest entry of the shown group's rebalance list, when it is a rebalance.
const NEWEST: &str = "ol.rebalance-list > li:first-child > article.rebalance";

fn dash<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

/// A `--describe` row as the page should print it.
fn row_cells(group: &str, r: &LagRow) -> Vec<String> {
    vec![
        group.to_owned(),
        r.topic.clone(),
        r.partition.to_string(),
        dash(r.committed),
        if r.log_end >= 0 { r.log_end.to_string() } else { "-".into() },
        dash(r.lag),
        dash(r.consumer_id.clone()),
        dash(r.host()),
        dash(r.owner_client_id.clone()),
    ]
}

/// The `--describe` rows the page shows, cell by cell.
fn shown_rows(root: &Element) -> Vec<Vec<String>> {
    texts(root, ".group-detail tr.lag-row td").chunks(9).map(<[String]>::to_vec).collect()
}

fn group(s: &Snapshot, id: &str) -> GroupSnap {
    s.group(id).expect("the group").clone()
}

/// The shown group's generation, as the page says it.
fn generation(root: &Element) -> String {
    text(root, ".group-detail dd.generation")
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
        let model: Vec<String> = m.positions.iter().map(|p| dash(p.offset)).collect();
        assert_eq!(shown, model, "positions of {}", m.client_id);
    }
    let rows: Vec<Vec<String>> = g.rows.iter().map(|r| row_cells(GROUP, r)).collect();
    assert_eq!(shown_rows(&root), rows, "the --describe table, row for row");
    let newest = s.rebalances[GROUP].last().unwrap();
    assert_eq!(data(&root, NEWEST, "generation"), [dash(newest.generation)]);
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_new_consumer_shows_a_new_generation_with_the_new_member() {
    let mut model = played(1, 8.0);
    let before = group(&model.snapshot(), GROUP).generation;
    model.apply(consumer(9, GROUP, "range")).unwrap();
    play_more(&mut model, 6.0, 100);
    let (root, app) = mounted(start_at(&model)).await;
    let g = group(&model.snapshot(), GROUP);
    assert!(g.generation > before);
    assert_eq!(generation(&root), g.generation.to_string());
    assert_eq!(count(&root, ".group-detail li.member[data-client=\"9\"]"), 1, "the new member");
    assert_eq!(count(&root, ".group-detail li.member"), g.members.len());

    // The newest rebalance made this generation, because consumer-9 joined, and lists it as new.
    let newest = NEWEST;
    assert_eq!(data(&root, newest, "generation"), [g.generation.to_string()]);
    assert!(text(&root, &format!("{newest} .rebalance-why")).contains("consumer-9 joined"));
    assert_eq!(count(&root, &format!("{newest} tr.move[data-client=\"9\"] .new-badge")), 1);
    // Eager: the old members gave up everything before rejoining.
    let gave_up =
        texts(&root, &format!("{newest} tr.move:not([data-client=\"9\"]) td.revoked .chip"));
    assert!(gave_up.len() >= 2, "{gave_up:?}");
    assert_eq!(shown_rows(&root), g.rows.iter().map(|r| row_cells(GROUP, r)).collect::<Vec<_>>());
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_crash_is_noticed_only_after_the_session_timeout() {
    let mut model = played(1, 10.0);
    let (root, app) = mounted(start_at(&model)).await;
    let g = group(&model.snapshot(), GROUP);
    let crashed = g.member_of(3).expect("consumer-3 is a member").member_id.clone();

    // Through the page: the member stays, its client gone, the group still Stable.
    click(&root, "li.member[data-client=\"3\"] button.crash");
    wait_until("the member's client is gone", || count(&root, "li.member.gone") == 1).await;
    assert_eq!(data(&root, "li.member.gone", "member-id"), [crashed.as_str()]);
    assert_eq!(
        (generation(&root), text(&root, ".group-head .group-state")),
        (g.generation.to_string(), "Stable".into())
    );
    assert!(text(&root, "li.note.crashed").contains("consumer-3 crashed"));
    model.apply(Action::RemoveClient { id: 3, crash: true }).unwrap();
    let expires = group(&model.snapshot(), GROUP)
        .members
        .iter()
        .find(|m| m.member_id == crashed)
        .and_then(|m| m.session_expires_ms)
        .expect("a session");
    assert!(
        text(&root, "li.member.gone .member-status")
            .contains(&kplay::components::time_text(expires))
    );
    app.destroy();

    // Just before the session expires: still a member.
    let mut early = model;
    let wait_ms = expires - early.snapshot().clock.time_ms - 1_500;
    play_more(&mut early, wait_ms as f64 / 1000.0, 1_000);
    assert!(early.snapshot().clock.time_ms < expires);
    let (root, app) = mounted(start_at(&early)).await;
    assert_eq!(count(&root, "li.member.gone"), 1, "not noticed yet");
    assert_eq!(generation(&root), g.generation.to_string());
    app.destroy();

    // After it: removed, and a rebalance that says why.
    let mut late = early;
    play_more(&mut late, 6.0, 100);
    let s = late.snapshot();
    let after = group(&s, GROUP);
    let (root, app) = mounted(start_at(&late)).await;
    assert_eq!(
        (count(&root, "li.member.gone"), generation(&root)),
        (0, after.generation.to_string())
    );
    assert!(after.generation > g.generation);
    let why = text(&root, &format!("{NEWEST} .rebalance-why"));
    assert!(
        why.contains("consumer-3 left: no heartbeat within session.timeout.ms (45000 ms)"),
        "{why}"
    );
    let notes = texts(&root, "li.note .note-time");
    let removed = s.group_notes[GROUP].iter().rev().find(|n| n.text.contains("removed")).unwrap();
    assert!(notes.contains(&kplay::components::time_text(removed.time_ms)));
    app.destroy();
}

/// The lag the page shows on the partitions `client` owns.
fn lag_of(root: &Element, client_id: &str) -> i64 {
    shown_rows(root)
        .iter()
        .filter(|r| r[8] == client_id)
        .map(|r| r[5].parse::<i64>().expect("a known lag"))
        .sum()
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
async fn a_cooperative_rebalance_shows_its_two_rounds() {
    let mut model = played(1, 2.0);
    model.apply(consumer(5, "shipping", "cooperative-sticky")).unwrap();
    model.apply(consumer(6, "shipping", "cooperative-sticky")).unwrap();
    play_more(&mut model, 10.0, 200);
    model.apply(consumer(7, "shipping", "cooperative-sticky")).unwrap();
    play_more(&mut model, 8.0, 200);
    model.prefs.group = Some("shipping".into());
    let s = model.snapshot();
    let list = &s.rebalances["shipping"];
    let second = list.iter().rposition(|r| r.second_round).expect("a second round");
    let (one, two) = (&list[second - 1], &list[second]);
    let (root, app) = mounted(start_at(&model)).await;
    assert_eq!(data(&root, "article.group-detail", "group"), ["shipping"]);
    let block = "li.two-rounds";
    assert_eq!(count(&root, block), 1);
    assert_eq!(
        data(&root, &format!("{block} article.rebalance"), "generation"),
        [dash(one.generation), dash(two.generation)]
    );
    let moved: Vec<String> = one.revoked().iter().map(ToString::to_string).collect();
    assert_eq!(texts(&root, &format!("{block} .two-rounds-head .chip")), moved);
    let received =
        texts(&root, &format!("{block} article.rebalance:nth-of-type(2) td.added .chip"));
    assert_eq!(received, moved, "round two hands over what round one revoked");
    assert!(text(&root, ".kind-explained").starts_with("Cooperative rebalancing"));
    app.destroy();
}
