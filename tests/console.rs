//! Browser tests of the terminal: type Kafka's console tools into it as a visitor would, and
//! check what they print, that what they did is on the page and in the share link, and that a
//! wrong flag prints the tool's error and changes nothing.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test console`.

#![cfg(target_arch = "wasm32")]

mod support;

use kplay::Start;
use kplay::model::Shared;
use support::{
    click, count, fire, fresh_root, leader_of, played, start_at, text, texts, wait_until,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const BS: &str = "--bootstrap-server localhost:9092";

async fn mounted(start: Start) -> (Element, yew::AppHandle<kplay::App>) {
    let root = fresh_root();
    let app = kplay::mount(root.clone(), start);
    wait_until("the brokers are rendered", || count(&root, ".broker") >= 3).await;
    click(&root, ".terminal-toggle");
    wait_until("the terminal opens", || count(&root, ".terminal-body:not([hidden])") == 1).await;
    (root, app)
}

fn input(root: &Element) -> Element {
    root.query_selector(".terminal-input").expect("a valid selector").expect("the prompt")
}

/// Presses `key` in the terminal's prompt.
fn press(root: &Element, key: &str) {
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"key".into(), &key.into()).unwrap();
    js_sys::Reflect::set(&init, &"bubbles".into(), &true.into()).unwrap();
    let window = web_sys::window().expect("a window");
    let class: js_sys::Function =
        js_sys::Reflect::get(&window, &"KeyboardEvent".into()).unwrap().dyn_into().unwrap();
    let args = js_sys::Array::of2(&"keydown".into(), &init);
    let event: web_sys::Event = js_sys::Reflect::construct(&class, &args).unwrap().unchecked_into();
    input(root).dispatch_event(&event).expect("dispatched");
}

/// Types `line` into the prompt and presses Enter; returns once the echo is on screen.
async fn run(root: &Element, line: &str) {
    js_sys::Reflect::set(&input(root), &"value".into(), &JsValue::from_str(line)).unwrap();
    let echoes = count(root, ".terminal-line.input");
    press(root, "Enter");
    wait_until("the line is echoed", || count(root, ".terminal-line.input") > echoes).await;
}

/// What the terminal printed (not the echoes), oldest first.
fn printed(root: &Element) -> Vec<String> {
    support::elements(root, ".terminal-line:not(.input)")
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

async fn shared_scenario(root: &Element) -> kplay_sim::Scenario {
    if count(root, ".share-link input") == 0 {
        click(root, "button.share");
        wait_until("the link is shown", || count(root, ".share-link input") == 1).await;
    }
    let field = root.query_selector(".share-link input").unwrap().unwrap();
    let link = js_sys::Reflect::get(&field, &"value".into()).unwrap().as_string().unwrap();
    let fragment = link.split_once('#').expect("a fragment").1;
    Shared::from_fragment(fragment).expect("a scenario").expect("readable").scenario
}

#[wasm_bindgen_test]
async fn a_topic_created_in_the_terminal_is_described_and_drawn() {
    let (root, app) = mounted(start_at(&played(3, 2.0))).await;
    run(
        &root,
        &format!(
            "kafka-topics.sh {BS} --create --topic payments --partitions 2 --replication-factor 3"
        ),
    )
    .await;
    wait_until("the topic is created", || {
        printed(&root).contains(&"Created topic payments.".into())
    })
    .await;
    wait_until("the page has a tab for it", || {
        texts(&root, ".topic-tab").contains(&"payments".into())
    })
    .await;
    let scenario = shared_scenario(&root).await;
    assert!(
        scenario.actions.iter().any(|a| matches!(
            &a.action,
            kplay_sim::Action::CreateTopic { name, partitions: 2, replication_factor: 3, .. } if name == "payments"
        )),
        "the share link keeps the action"
    );

    let before = printed(&root).len();
    run(&root, &format!("kafka-topics.sh {BS} --describe --topic payments")).await;
    wait_until("the description is printed", || printed(&root).len() >= before + 3).await;
    let out = printed(&root)[before..].to_vec();
    assert!(out[0].starts_with("Topic: payments\tTopicId: "), "{out:?}");
    assert!(out[0].contains("\tPartitionCount: 2\tReplicationFactor: 3\tConfigs: "), "{out:?}");

    let tab = texts(&root, ".topic-tab").iter().position(|t| t == "payments").expect("a tab");
    click(&root, &format!(".topic-tab:nth-child({})", tab + 1));
    wait_until("two partitions are drawn", || count(&root, ".partition-log") == 2).await;
    for partition in 0..2 {
        let line = &out[1 + partition as usize];
        assert!(line.starts_with(&format!("\tTopic: payments\tPartition: {partition}\tLeader: ")));
        let leader = leader_of(&root, partition).expect("a leader is drawn");
        assert!(line.contains(&format!("\tLeader: {leader}\t")), "{line} vs the page's {leader}");
        assert_eq!(line.matches(',').count(), 4, "three replicas, three in sync: {line}");
    }
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_wrong_flag_prints_the_tools_error_and_changes_nothing() {
    let (root, app) = mounted(start_at(&played(3, 1.0))).await;
    let before = shared_scenario(&root).await;
    let topics = texts(&root, ".topic-tab");
    run(&root, &format!("kafka-topics.sh {BS} --create --topic t --partitons 3")).await;
    wait_until("the error is printed", || !printed(&root).is_empty()).await;
    assert_eq!(
        printed(&root).last().unwrap(),
        "joptsimple.UnrecognizedOptionException: partitons is not a recognized option"
    );
    assert_eq!(shared_scenario(&root).await.actions, before.actions, "no action was taken");
    assert_eq!(texts(&root, ".topic-tab"), topics);

    run(&root, "kafka-topcs.sh --list").await;
    assert_eq!(printed(&root).last().unwrap(), "bash: kafka-topcs.sh: command not found");

    // Up brings the last command back.
    press(&root, "ArrowUp");
    let value = js_sys::Reflect::get(&input(&root), &"value".into()).unwrap().as_string().unwrap();
    assert_eq!(value, "kafka-topcs.sh --list");
    assert_eq!(shared_scenario(&root).await.actions, before.actions);
    app.destroy();
}

#[wasm_bindgen_test]
async fn lines_typed_into_a_console_producer_come_out_of_a_console_consumer() {
    let (root, app) = mounted(start_at(&played(3, 1.0))).await;
    run(&root, &format!("kafka-topics.sh {BS} --create --topic greetings --partitions 1")).await;
    run(
        &root,
        &format!("kafka-console-producer.sh {BS} --topic greetings --property parse.key=true --property key.separator=:"),
    )
    .await;
    wait_until("the producer prompt", || text(&root, ".terminal-prompt .prompt") == ">").await;
    run(&root, "user-1:hello").await;
    run(&root, "user-2:world").await;
    click(&root, ".terminal-key.eof");
    wait_until("back at the shell", || text(&root, ".terminal-prompt .prompt") == "$").await;

    run(
        &root,
        &format!("kafka-console-consumer.sh {BS} --topic greetings --from-beginning --property print.key=true --property key.separator=:"),
    )
    .await;
    wait_until("the consumer runs", || count(&root, ".terminal-running") == 1).await;
    let speed = root.query_selector(".toolbar .speed select").unwrap().unwrap();
    js_sys::Reflect::set(&speed, &"value".into(), &"10000".into()).unwrap();
    fire(&root, ".toolbar .speed select", "change");
    click(&root, "button.play");
    for _ in 0..20 {
        if printed(&root).contains(&"user-2:world".to_owned()) {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(100).await;
    }
    let records: Vec<String> =
        printed(&root).into_iter().filter(|l| l.starts_with("user-")).collect();
    assert_eq!(records, ["user-1:hello", "user-2:world"]);

    click(&root, ".terminal-key.interrupt");
    wait_until("the consumer stops", || {
        printed(&root).last().is_some_and(|l| l == "Processed a total of 2 messages")
    })
    .await;
    assert_eq!(count(&root, ".terminal-running"), 0);
    let scenario = shared_scenario(&root).await;
    let produced: Vec<(Option<String>, Option<String>)> = scenario
        .actions
        .iter()
        .filter_map(|a| match &a.action {
            kplay_sim::Action::Produce { topic, key, value, .. } if topic == "greetings" => {
                Some((key.clone(), value.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        produced,
        [
            (Some("user-1".into()), Some("hello".into())),
            (Some("user-2".into()), Some("world".into()))
        ]
    );
    assert!(
        matches!(
            scenario.actions.last().map(|a| &a.action),
            Some(kplay_sim::Action::RemoveClient { crash: false, .. })
        ),
        "stopping the consumer closed it"
    );
    app.destroy();
}
