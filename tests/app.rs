//! Browser tests of the playground page: mount the real app (the simulation, compiled to wasm)
//! in headless Chromium and check that the DOM shows what the model computes for the same
//! moment, before and after clicks.
//!
//! Run with `cargo test --target wasm32-unknown-unknown` or `wasm-pack test --headless --chrome`.

#![cfg(target_arch = "wasm32")]

mod support;

use kplay::Start;
use kplay::model::opening::TOPIC;
use kplay::model::{Shared, Snapshot};
use support::{
    click, count, data, fire, fresh_root, leader_of, marker, offsets, played, start_at, text,
    wait_until,
};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh root and waits for the cluster to be rendered.
async fn mounted(start: Start) -> (Element, yew::AppHandle<kplay::App>) {
    let root = fresh_root();
    let app = kplay::mount(root.clone(), start);
    wait_until("the brokers are rendered", || count(&root, ".broker") >= 3).await;
    (root, app)
}

fn assert_logs_match(root: &Element, model: &Snapshot) {
    let topic = model.topic(TOPIC).expect("the topic");
    for p in &topic.partitions {
        assert_eq!(leader_of(root, p.index), p.leader, "leader of {}", p.index);
        assert_eq!(marker(root, p.index, "hw"), Some(p.high_watermark), "HW of {}", p.index);
        assert_eq!(marker(root, p.index, "leo"), Some(p.log_end), "LEO of {}", p.index);
        let cells: Vec<i64> = p.log.as_ref().unwrap().cells.iter().map(|c| c.offset).collect();
        assert_eq!(offsets(root, p.index), cells, "records of {}", p.index);
    }
}

#[wasm_bindgen_test]
async fn the_page_shows_the_moment_the_model_computes() {
    let model = played(1, 8.0);
    let (root, app) = mounted(start_at(&model)).await;
    let snapshot = model.snapshot();

    assert_eq!(data(&root, ".broker", "broker-id"), ["1", "2", "3"]);
    assert_eq!(count(&root, ".broker.running"), 3);
    assert_eq!(count(&root, ".broker .controller-badge"), 1, "exactly one controller");
    assert_logs_match(&root, &snapshot);
    let written: i64 = snapshot.topic(TOPIC).unwrap().partitions.iter().map(|p| p.log_end).sum();
    assert!(written > 20, "the opening producer wrote records: {written}");
    assert!(text(&root, ".clock-step").contains(&snapshot.clock.step.to_string()));
    assert!(count(&root, "li.event") > 10, "the event log lists what happened");
    app.destroy();
}

#[wasm_bindgen_test]
async fn stopping_the_leader_moves_leadership_and_the_page_shows_it() {
    let model = played(1, 8.0);
    let (root, app) = mounted(start_at(&model)).await;
    let old = leader_of(&root, 0).expect("a leader");

    click(&root, &format!(".broker[data-broker-id=\"{old}\"] button.stop"));
    wait_until("partition 0 shows another leader", || {
        leader_of(&root, 0).is_some_and(|l| l != old)
    })
    .await;
    assert_eq!(count(&root, ".broker.stopped"), 1);
    assert!(text(&root, ".notice").contains(&format!("stop broker {old}")));
    assert!(
        data(&root, "li.event", "touches").iter().any(|t| t.contains(&format!("broker-{old}"))),
        "the event log says what happened to the broker"
    );

    click(&root, &format!(".broker[data-broker-id=\"{old}\"] button.start"));
    wait_until("the broker runs again", || count(&root, ".broker.stopped") == 0).await;
    app.destroy();
}

#[wasm_bindgen_test]
async fn stepping_and_the_timeline_move_through_the_same_moments() {
    let model = played(2, 3.0);
    let (root, app) = mounted(start_at(&model)).await;
    let step = model.snapshot().clock.step;

    for _ in 0..5 {
        click(&root, "button.step");
    }
    let stepped = format!("step {}", step + 5);
    wait_until("five more steps", || text(&root, ".clock-step").contains(&stepped)).await;

    // Back to where the link opened, through the slider.
    let slider = root.query_selector(".timeline-slider").unwrap().unwrap();
    let slider: web_sys::HtmlInputElement = wasm_bindgen::JsCast::dyn_into(slider).unwrap();
    assert_eq!(slider.max(), (step + 5).to_string());
    slider.set_value(&step.to_string());
    fire(&root, ".timeline-slider", "change");
    let back = format!("step {step}");
    wait_until("the timeline went back", || text(&root, ".clock-step").ends_with(&back)).await;
    assert_logs_match(&root, &model.snapshot());
    app.destroy();
}

#[wasm_bindgen_test]
async fn pointing_at_an_event_highlights_what_it_touched() {
    let model = played(1, 8.0);
    let (root, app) = mounted(start_at(&model)).await;
    let selector = "li.event[data-touches*=\"broker-\"]";
    let touches = data(&root, selector, "touches");
    let broker = touches[0]
        .split(' ')
        .find_map(|t| t.strip_prefix("broker-"))
        .expect("an event that touched a broker")
        .to_owned();
    fire(&root, selector, "mouseenter");
    let lit = format!(".broker.highlighted[data-broker-id=\"{broker}\"]");
    wait_until("the broker is highlighted", || count(&root, &lit) == 1).await;
    fire(&root, "ol.events", "mouseleave");
    wait_until("nothing is highlighted", || count(&root, ".highlighted") == 0).await;
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_hostile_link_gets_a_clear_message_and_the_opening_scenario() {
    for link in ["s=%%%", "s=eyJ2IjoxfQ", "s=eyJ2Ijo5OX0", "s="] {
        let (root, app) = mounted(Start::Fragment(link.into())).await;
        let notice = text(&root, ".notice.error");
        assert!(notice.contains("This link could not be opened"), "{link}: {notice}");
        assert!(notice.contains("Showing the opening scenario instead"), "{link}: {notice}");
        assert_eq!(count(&root, ".broker"), 3, "{link}: the opening scenario is shown");
        app.destroy();
    }
}

#[wasm_bindgen_test]
async fn the_share_link_reopens_the_same_moment() {
    let mut model = played(4, 5.0);
    model.apply(kplay_sim::Action::AddBroker { id: 4, rack: None }).unwrap();
    let (root, app) = mounted(start_at(&model)).await;
    click(&root, "button.share");
    wait_until("the link is shown", || count(&root, ".share-link input") == 1).await;
    let input = root.query_selector(".share-link input").unwrap().unwrap();
    let link = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(input).unwrap().value();
    let fragment = link.split_once('#').expect("a fragment").1.to_owned();
    let shared = Shared::from_fragment(&fragment).expect("a scenario").expect("readable");
    assert_eq!(shared.scenario, model.shared().scenario);
    assert_eq!(shared.step, model.shared().step);
    app.destroy();

    let (root, app) = mounted(Start::Fragment(fragment)).await;
    assert_eq!(count(&root, ".broker"), 4);
    assert_logs_match(&root, &model.snapshot());
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_reload_restores_the_scenario_from_local_storage() {
    let window = web_sys::window().unwrap();
    let storage = window.local_storage().unwrap().unwrap();
    let mut model = played(6, 4.0);
    model.apply(kplay_sim::Action::AddBroker { id: 7, rack: None }).unwrap();
    storage.set_item(kplay::hooks::STORAGE_KEY, &model.shared().encode()).unwrap();
    window.location().set_hash("").unwrap();

    let (root, app) = mounted(Start::Page).await;
    wait_until("the stored scenario is restored", || count(&root, ".broker") == 4).await;
    assert_logs_match(&root, &model.snapshot());
    // The page keeps the address bar up to date with what it shows.
    let hash = || window.location().hash().unwrap_or_default();
    wait_until("the address bar holds the scenario", || hash().starts_with("#s=")).await;
    let shown = Shared::from_fragment(&hash()).unwrap().unwrap();
    assert_eq!(shown.scenario, model.shared().scenario);
    app.destroy();

    // A damaged stored scenario is reported, and the opening scenario shown.
    storage.set_item(kplay::hooks::STORAGE_KEY, "not a scenario").unwrap();
    window.location().set_hash("").unwrap();
    let (root, app) = mounted(Start::Page).await;
    assert!(text(&root, ".notice.error").contains("could not be restored"));
    assert_eq!(count(&root, ".broker"), 3);
    app.destroy();
    storage.remove_item(kplay::hooks::STORAGE_KEY).unwrap();
    window.location().set_hash("").unwrap();
}
