//! Browser tests of the code tabs: mounted alone with a scenario's actions, the shown listing
//! is exactly what the model writes for the chosen client, tabs change by click and by arrow
//! keys (with focus following), and copying never breaks the page, clipboard or not.
//!
//! Run with `cargo test --target wasm32-unknown-unknown -p kplay --test code_tabs`.

#![cfg(target_arch = "wasm32")]

mod support;

use std::rc::Rc;

use kplay::components::code::{CodeTabs, CodeTabsProps};
use kplay::model::code::{command_line, confluent_kafka, kafka_python};
use kplay_sim::action::{Action, ConsumerSpec, ProducerSpec};
use support::{attrs, click, fresh_root, text, wait_until};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn actions() -> Vec<Action> {
    vec![
        Action::CreateTopic {
            name: "orders".into(),
            partitions: 3,
            replication_factor: 1,
            configs: vec![],
        },
        Action::AddProducer { id: 1, spec: ProducerSpec::new("orders-app", "orders") },
        Action::Produce {
            producer: 1,
            topic: "orders".into(),
            key: Some("user-42".into()),
            value: Some("hello".into()),
            headers: vec![],
            partition: None,
        },
        Action::AddConsumer {
            id: 2,
            spec: ConsumerSpec::group("billing-1", "billing", &["orders"]),
        },
    ]
}

/// Mounts the tabs with `actions` and waits for the listing.
async fn mounted(actions: Vec<Action>) -> (Element, yew::AppHandle<CodeTabs>) {
    let root = fresh_root();
    let props = CodeTabsProps { actions: Rc::new(actions), id: "lesson".into() };
    let app = yew::Renderer::<CodeTabs>::with_root_and_props(root.clone(), props).render();
    wait_until("the listing is rendered", || !shown(&root).is_empty()).await;
    (root, app)
}

/// The listing as the page shows it, untrimmed.
fn shown(root: &Element) -> String {
    root.query_selector(".code-panel pre code")
        .ok()
        .flatten()
        .and_then(|c| c.text_content())
        .unwrap_or_default()
}

fn selected(root: &Element) -> Vec<String> {
    attrs(root, "button[role=tab][aria-selected=\"true\"]", "id")
}

fn press(target: &Element, key: &str) {
    let press = js_sys::Function::new_with_args(
        "target, key",
        "target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));",
    );
    press.call2(&JsValue::NULL, target, &JsValue::from_str(key)).expect("dispatched");
}

fn focused_id() -> String {
    let document = web_sys::window().unwrap().document().unwrap();
    document.active_element().map(|e| e.id()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn kafka_python_is_shown_first_as_the_model_writes_it() {
    let actions = actions();
    let (root, app) = mounted(actions.clone()).await;
    assert_eq!(shown(&root), kafka_python(&actions));
    assert!(shown(&root).contains("orders_app = KafkaProducer("));
    assert_eq!(selected(&root), ["lesson-tab-kafka-python"]);
    assert_eq!(attrs(&root, "[role=tablist]", "aria-label"), ["Client"]);
    assert_eq!(attrs(&root, "[role=tabpanel]", "aria-labelledby"), ["lesson-tab-kafka-python"]);
    assert_eq!(attrs(&root, "[role=tab]", "aria-controls"), ["lesson-panel"; 3]);
    assert_eq!(attrs(&root, "[role=tab]", "tabindex"), ["0", "-1", "-1"]);
    assert_eq!(attrs(&root, ".code-panel code", "class"), ["language-python"]);
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_click_shows_another_client() {
    let actions = actions();
    let (root, app) = mounted(actions.clone()).await;
    click(&root, "#lesson-tab-confluent-kafka");
    let confluent = confluent_kafka(&actions);
    wait_until("the confluent-kafka listing", || shown(&root) == confluent).await;
    assert!(shown(&root).contains("'partitioner': 'murmur2_random',"));
    assert_eq!(selected(&root), ["lesson-tab-confluent-kafka"]);
    click(&root, "#lesson-tab-command-line");
    let shell = command_line(&actions);
    wait_until("the command-line listing", || shown(&root) == shell).await;
    assert_eq!(attrs(&root, ".code-panel code", "class"), ["language-bash"]);
    assert_eq!(attrs(&root, "[role=tabpanel]", "aria-labelledby"), ["lesson-tab-command-line"]);
    app.destroy();
}

#[wasm_bindgen_test]
async fn arrow_keys_move_between_tabs_and_focus_follows() {
    let actions = actions();
    let (root, app) = mounted(actions.clone()).await;
    let first = root.query_selector("#lesson-tab-kafka-python").unwrap().unwrap();
    first.clone().dyn_into::<web_sys::HtmlElement>().unwrap().focus().unwrap();
    press(&first, "ArrowRight");
    let confluent = confluent_kafka(&actions);
    wait_until("ArrowRight shows confluent-kafka", || shown(&root) == confluent).await;
    assert_eq!(focused_id(), "lesson-tab-confluent-kafka");
    press(&root.query_selector("#lesson-tab-confluent-kafka").unwrap().unwrap(), "ArrowRight");
    let shell = command_line(&actions);
    wait_until("ArrowRight shows the command line", || shown(&root) == shell).await;
    press(&root.query_selector("#lesson-tab-command-line").unwrap().unwrap(), "ArrowRight");
    let python = kafka_python(&actions);
    wait_until("ArrowRight wraps to kafka-python", || shown(&root) == python).await;
    press(&root.query_selector("#lesson-tab-kafka-python").unwrap().unwrap(), "ArrowLeft");
    wait_until("ArrowLeft wraps to the command line", || shown(&root) == shell).await;
    assert_eq!(selected(&root), ["lesson-tab-command-line"]);
    assert_eq!(focused_id(), "lesson-tab-command-line");
    app.destroy();
}

#[wasm_bindgen_test]
async fn copying_without_a_clipboard_says_how_to_copy_by_hand() {
    let (root, app) = mounted(actions()).await;
    // Whatever the browser allows here, a copy ends with a status and the page still works.
    click(&root, "button.code-copy");
    wait_until("the copy is reported", || !text(&root, ".code-copy-status").is_empty()).await;
    let hide = js_sys::Function::new_no_args(
        "Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });",
    );
    hide.call0(&JsValue::NULL).expect("clipboard hidden");
    click(&root, "#lesson-tab-command-line");
    wait_until("the status clears on a new tab", || text(&root, ".code-copy-status").is_empty())
        .await;
    click(&root, "button.code-copy");
    wait_until("no clipboard is said", || {
        text(&root, ".code-copy-status")
            == "No clipboard on this page: select the code and copy it."
    })
    .await;
    assert_eq!(attrs(&root, ".code-copy-status", "role"), ["status"]);
    assert!(shown(&root).starts_with("#!/usr/bin/env bash\n"));
    app.destroy();
}
