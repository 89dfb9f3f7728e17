//! Browser tests of the "Do something" panel: fill its forms through the DOM, submit them, and
//! check that the world changed as the model says it does when given the same form at the same
//! moment — or, for a wrong field, that its message is shown and nothing was done.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test actions`.

#![cfg(target_arch = "wasm32")]

mod support;

use kplay::Start;
use kplay::model::forms::Facts;
use kplay::model::forms::consumer_ops::ResetOffsetsForm;
use kplay::model::forms::consumers::ConsumerForm;
use kplay::model::forms::network::IsolateForm;
use kplay::model::forms::producers::ProducerForm;
use kplay::model::forms::topics::CreateTopicForm;
use kplay::model::{Notice, Playground, Shared};
use kplay_sim::network::Node;
use kplay_sim::partitioner::PartitionerKind;
use support::{
    attrs, click, count, fire, fresh_root, leader_of, played, start_at, text, texts, wait_until,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

async fn mounted(start: Start) -> (Element, yew::AppHandle<kplay::App>) {
    let root = fresh_root();
    let app = kplay::mount(root.clone(), start);
    wait_until("the brokers are rendered", || count(&root, ".broker") >= 3).await;
    (root, app)
}

/// Opens the panel on a section (`topics`, `brokers`, …).
async fn open(root: &Element, section: &str) {
    if count(root, ".actions-panel.open") == 0 {
        click(root, ".actions-toggle");
        wait_until("the panel opens", || count(root, ".actions-body:not([hidden])") == 1).await;
    }
    click(root, &format!(".section-button.{section}"));
    let shown = format!(".actions-section.{section}:not([hidden])");
    wait_until("the section is shown", || count(root, &shown) == 1).await;
}

fn element(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

/// Types `value` into a text field or text area, as a visitor would.
fn type_into(root: &Element, selector: &str, value: &str) {
    js_sys::Reflect::set(&element(root, selector), &"value".into(), &JsValue::from_str(value))
        .expect("settable");
    fire(root, selector, "input");
}

/// What a field holds.
fn value(root: &Element, selector: &str) -> String {
    js_sys::Reflect::get(&element(root, selector), &"value".into()).unwrap().as_string().unwrap()
}

/// Chooses `value` in a picker.
fn choose(root: &Element, selector: &str, value: &str) {
    js_sys::Reflect::set(&element(root, selector), &"value".into(), &JsValue::from_str(value))
        .expect("settable");
    fire(root, selector, "change");
}

/// The scenario the page's share link holds now.
async fn shared_scenario(root: &Element) -> kplay_sim::Scenario {
    if count(root, ".share-link input") == 0 {
        click(root, "button.share");
        wait_until("the link is shown", || count(root, ".share-link input") == 1).await;
    }
    let link = value(root, ".share-link input");
    let fragment = link.split_once('#').expect("a fragment").1;
    Shared::from_fragment(fragment).expect("a scenario").expect("readable").scenario
}

#[wasm_bindgen_test]
async fn a_compacted_topic_of_six_partitions_is_created_from_the_form() {
    let mut model = played(1, 4.0);
    let (root, app) = mounted(start_at(&model)).await;
    open(&root, "topics").await;
    type_into(&root, "#ct-name", "prices");
    type_into(&root, "#ct-partitions", "6");
    click(&root, ".create-topic .more-toggle");
    wait_until("the configs unfold", || count(&root, "#ct-cleanup-policy") == 1).await;
    choose(&root, "#ct-cleanup-policy", "compact");
    click(&root, ".create-topic-submit");
    wait_until("the topic can be drawn", || count(&root, ".topic-tab") == 2).await;
    assert!(text(&root, ".notice").contains("create topic prices (6 partitions"));

    let mut form =
        CreateTopicForm { name: "prices".into(), partitions: "6".into(), ..Default::default() };
    form.configs.insert("cleanup.policy".into(), "compact".into());
    let action = form.action(&Facts::of(&model.snapshot())).expect("a valid form");
    model.apply(action).expect("accepted");
    let snapshot = model.snapshot();
    let topic = snapshot.topic("prices").expect("created in the model");
    assert!(topic.overrides.contains(&("cleanup.policy".into(), "compact".into())));

    let tab = texts(&root, ".topic-tab").iter().position(|t| t == "prices").expect("a tab");
    click(&root, &format!(".topic-tab:nth-child({})", tab + 1));
    wait_until("six partitions are drawn", || count(&root, ".partition-log") == 6).await;
    for p in &topic.partitions {
        assert_eq!(leader_of(&root, p.index), p.leader, "leader of prices-{}", p.index);
    }
    assert_eq!(shared_scenario(&root).await, model.shared().scenario);
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_wrong_field_gets_its_message_and_nothing_is_done() {
    let model = played(1, 4.0);
    let (root, app) = mounted(start_at(&model)).await;
    open(&root, "topics").await;
    type_into(&root, "#ct-name", "t");
    type_into(&root, "#ct-partitions", "-3");
    click(&root, ".create-topic-submit");
    wait_until("the message is shown", || count(&root, ".create-topic .field-error") == 1).await;

    let form = CreateTopicForm { name: "t".into(), partitions: "-3".into(), ..Default::default() };
    let errors = form.action(&Facts::of(&model.snapshot())).expect_err("refused");
    assert_eq!(text(&root, "#ct-partitions-error"), errors.get("partitions").unwrap());
    assert_eq!(attrs(&root, "#ct-partitions", "aria-invalid"), ["true"]);
    assert_eq!(
        text(&root, ".create-topic .form-problems"),
        "One field needs a fix; nothing was done."
    );
    assert_eq!(count(&root, ".topic-tab"), 0, "no second topic");
    assert_eq!(shared_scenario(&root).await, model.shared().scenario, "nothing was taken");

    // What was typed, and its message, survive looking at another section and folding the panel.
    open(&root, "brokers").await;
    click(&root, ".actions-toggle");
    wait_until("the panel folds", || count(&root, ".actions-panel.open") == 0).await;
    open(&root, "topics").await;
    assert_eq!(value(&root, "#ct-partitions"), "-3");
    assert_eq!(text(&root, "#ct-partitions-error"), errors.get("partitions").unwrap());

    // Fixing the field and submitting again creates the topic and clears the message.
    type_into(&root, "#ct-partitions", "2");
    click(&root, ".create-topic-submit");
    wait_until("the topic is created", || count(&root, ".topic-tab") == 2).await;
    assert_eq!(count(&root, ".create-topic .field-error"), 0);
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_librdkafka_producer_added_from_the_form_produces_as_the_model_says() {
    let mut model = played(2, 4.0);
    let (root, app) = mounted(start_at(&model)).await;
    open(&root, "producers").await;
    let kind = PartitionerKind::LibrdkafkaConsistentRandom;
    let index = PartitionerKind::ALL.iter().position(|k| *k == kind).unwrap();
    choose(&root, "#pr-partitioner", &index.to_string());
    type_into(&root, "#pr-rate", "20");
    click(&root, ".add-producer-submit");
    wait_until("the producer is added", || text(&root, ".notice").contains("add producer 4")).await;

    let form = ProducerForm { partitioner: kind, rate: "20".into(), ..Default::default() };
    model.apply(form.action(&Facts::of(&model.snapshot())).unwrap()).unwrap();
    let start = model.snapshot().clock.step;
    let produced = |m: &Playground| {
        m.snapshot()
            .events
            .iter()
            .find(|e| e.text.contains("client 4") && e.text.contains("crc32"))
            .map(|e| e.text.clone())
    };
    while produced(&model).is_none() {
        model.step();
        assert!(model.snapshot().clock.step < start + 5_000, "the producer never produced");
    }
    let steps = model.snapshot().clock.step - start;
    for _ in 0..steps {
        click(&root, "button.step");
    }
    let at = format!("step {}", start + steps);
    wait_until("the page stepped as far", || text(&root, ".clock-step").ends_with(&at)).await;
    let expected = produced(&model).unwrap();
    assert!(
        texts(&root, "li.event").iter().any(|t| t.contains(&expected)),
        "the event log shows the partition choice: {expected}"
    );
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_group_of_three_cooperative_sticky_consumers_joins() {
    let mut model = played(1, 4.0);
    let (root, app) = mounted(start_at(&model)).await;
    open(&root, "consumers").await;
    type_into(&root, "#co-count", "3");
    type_into(&root, "#co-group", "audit");
    click(&root, ".topic-set input[data-field=\"orders\"]");
    type_into(&root, "#co-assignors", "cooperative-sticky");
    click(&root, ".add-consumers-submit");
    wait_until("the consumers are added", || text(&root, ".notice").contains("and 2 more like it"))
        .await;

    let form = ConsumerForm {
        count: "3".into(),
        group_id: "audit".into(),
        topics: ["orders".to_owned()].into(),
        assignors: "cooperative-sticky".into(),
        ..Default::default()
    };
    model.apply_all(form.actions(&Facts::of(&model.snapshot())).unwrap()).unwrap();
    assert_eq!(shared_scenario(&root).await, model.shared().scenario);
    assert_eq!(
        texts(&root, "#cb-consumer option"),
        ["2 · consumer-2", "3 · consumer-3", "4 · consumer-4", "5 · consumer-5", "6 · consumer-6"]
    );

    // Run the page fast until the group settles: the coordinator counts three members.
    type_into(&root, "#ro-group", "audit");
    choose(&root, ".toolbar .speed select", "10000");
    click(&root, "button.play");
    wait_until("the group is stable with three members", || {
        text(&root, "#ro-group-hint").starts_with("Stable now, 3 members")
    })
    .await;
    app.destroy();
}

#[wasm_bindgen_test]
async fn isolating_a_broker_shows_it_cut_off_until_healed() {
    let mut model = played(1, 4.0);
    let (root, app) = mounted(start_at(&model)).await;
    open(&root, "brokers").await;
    click(&root, ".node-set input[data-field=\"broker-2\"]");
    click(&root, ".isolate-submit");
    wait_until("broker 2 is cut off", || count(&root, ".broker .badge.isolated") == 1).await;

    let form = IsolateForm { nodes: [Node::Broker(2)].into() };
    model.apply(form.action(&Facts::of(&model.snapshot())).unwrap()).unwrap();
    let cut: Vec<String> = model
        .snapshot()
        .cluster
        .brokers
        .iter()
        .filter(|b| b.isolated)
        .map(|b| b.id.to_string())
        .collect();
    assert_eq!(cut, ["2"]);
    assert_eq!(count(&root, ".broker[data-broker-id=\"2\"] .badge.isolated"), 1);
    assert!(text(&root, ".isolate .cut-now").contains("broker 2"));

    click(&root, ".isolate button.heal");
    wait_until("the network is healed", || count(&root, ".broker .badge.isolated") == 0).await;
    assert!(text(&root, ".notice").contains("heal the network"));
    app.destroy();
}

#[wasm_bindgen_test]
async fn cutting_one_link_marks_both_ends_until_restored() {
    let model = played(1, 4.0);
    let (root, app) = mounted(start_at(&model)).await;
    open(&root, "brokers").await;
    choose(&root, "#cl-a", "broker-1");
    choose(&root, "#cl-b", "client-2");
    click(&root, ".cut-link-submit");
    wait_until("the link is cut", || count(&root, ".cut-links") == 1).await;
    assert!(
        text(&root, ".cut-links").contains("broker 1 – client 2"),
        "{}",
        text(&root, ".cut-links")
    );
    assert!(text(&root, ".cut-link .cut-now").contains("broker 1 – client 2"));
    assert_eq!(count(&root, ".broker[data-broker-id=\"1\"] .badge.isolated"), 1);
    assert_eq!(count(&root, ".broker .badge.isolated"), 1, "brokers 2 and 3 are untouched");

    click(&root, ".cut-link button.restore-link");
    wait_until("the link is back", || count(&root, ".cut-links") == 0).await;
    assert_eq!(count(&root, ".broker .badge.isolated"), 0);
    app.destroy();
}

#[wasm_bindgen_test]
async fn an_engine_refusal_shows_in_the_notice_line() {
    let mut model = played(1, 5.0);
    let (root, app) = mounted(start_at(&model)).await;
    open(&root, "consumers").await;
    click(&root, ".reset-offsets-submit");
    wait_until("the refusal is shown", || count(&root, ".notice.error") == 1).await;

    let action = ResetOffsetsForm::default().action(&Facts::of(&model.snapshot())).unwrap();
    assert!(model.apply(action).is_err());
    let Some(Notice::Error(expected)) = model.notice() else { panic!("the model refuses too") };
    assert_eq!(text(&root, ".notice.error .notice-text"), *expected);
    assert_eq!(text(&root, ".actions-outcome.error"), *expected, "also at the foot of the panel");
    assert!(expected.contains("Assignments can only be reset if the group 'billing' is inactive"));
    assert_eq!(shared_scenario(&root).await, model.shared().scenario, "nothing changed");
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_preset_loads_from_its_start_and_the_opening_scenario_comes_back() {
    let model = played(3, 2.0);
    let (root, app) = mounted(start_at(&model)).await;
    open(&root, "scenarios").await;
    let titles = texts(&root, ".scenario h3");
    assert_eq!(titles.len(), 1 + kplay_sim::presets::PRESETS.len());
    click(&root, "[data-preset=\"consumer-crash-rebalance\"] button.load-scenario");
    let preset = kplay_sim::presets::preset("consumer-crash-rebalance").unwrap();
    wait_until("the preset is loaded", || text(&root, ".notice").contains(preset.title)).await;
    assert!(text(&root, ".notice").contains(preset.explains));
    let expected = Playground::preset(preset.name, 3, Default::default()).unwrap();
    assert_eq!(shared_scenario(&root).await, expected.shared().scenario, "with its scripted crash");

    click(&root, "[data-preset=\"opening\"] button.load-scenario");
    wait_until("the opening scenario is back", || text(&root, ".notice").contains("started again"))
        .await;
    assert_eq!(shared_scenario(&root).await, kplay::model::opening::scenario(3));
    app.destroy();
}
