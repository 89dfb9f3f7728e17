//! Helpers shared by the browser tests: a fresh mount point per test, waiting for yew to render,
//! and reading the rendered cluster back out of the DOM.

#![allow(dead_code, unreachable_pub)]

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// How many turns of the event loop a test waits for the page to reach an expected state.
const MAX_TURNS: usize = 100;

/// A new, empty `<div>` appended to the document's body, so each test mounts its own app.
pub fn fresh_root() -> Element {
    let document = web_sys::window().and_then(|w| w.document()).expect("a browser document");
    let root = document.create_element("div").expect("create a div");
    document.body().expect("a <body>").append_child(&root).expect("append the root");
    root
}

/// Lets the event loop turn until `ready` holds (yew renders in a task after mount and after
/// each dispatch), failing with `what` if it never does.
pub async fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..MAX_TURNS {
        if ready() {
            return;
        }
        TimeoutFuture::new(0).await;
    }
    panic!("the page never reached the expected state: {what}");
}

fn elements(root: &Element, selector: &str) -> Vec<Element> {
    let nodes = root.query_selector_all(selector).expect("a valid selector");
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

/// How many elements under `root` match `selector`.
pub fn count(root: &Element, selector: &str) -> usize {
    elements(root, selector).len()
}

/// The text of every element under `root` matching `selector`, in document order.
pub fn texts(root: &Element, selector: &str) -> Vec<String> {
    elements(root, selector)
        .iter()
        .map(|e| e.text_content().unwrap_or_default().trim().to_owned())
        .collect()
}

/// The attribute `name` of every element under `root` matching `selector`.
pub fn attrs(root: &Element, selector: &str, name: &str) -> Vec<String> {
    elements(root, selector).iter().map(|e| e.get_attribute(name).unwrap_or_default()).collect()
}

/// The value `data-<name>` of every element under `root` matching `selector`.
pub fn data(root: &Element, selector: &str, name: &str) -> Vec<String> {
    attrs(root, selector, &format!("data-{name}"))
}

/// The leader the partition table shows for `partition`, if it shows one.
pub fn leader_of(root: &Element, partition: i32) -> Option<i32> {
    let selector = format!("table.partitions tr[data-partition=\"{partition}\"] td.leader");
    data(root, &selector, "leader").first().and_then(|l| l.parse().ok())
}

/// The text of one cell (`class`) of the partition table's row for `partition`.
pub fn cell(root: &Element, partition: i32, class: &str) -> String {
    let selector = format!("table.partitions tr[data-partition=\"{partition}\"] td.{class}");
    texts(root, &selector).into_iter().next().unwrap_or_default()
}

/// The offset shown on the marker `class` (`hw` or `leo`) of a partition's log, if rendered.
pub fn marker(root: &Element, partition: i32, class: &str) -> Option<i64> {
    let selector =
        format!(".partition-log[data-partition=\"{partition}\"] .marker.{class} .marker-value");
    texts(root, &selector).first().and_then(|t| t.parse().ok())
}

/// The keys of a partition's log, in offset order.
pub fn keys(root: &Element, partition: i32) -> Vec<String> {
    texts(root, &format!(".partition-log[data-partition=\"{partition}\"] .record .record-key"))
}

/// The text of the replica of `partition` on `broker` in the partition's replica line.
pub fn replica_end(root: &Element, partition: i32, broker: i32) -> String {
    let selector = format!(
        ".partition-log[data-partition=\"{partition}\"] .replica-end[data-broker-id=\"{broker}\"]"
    );
    texts(root, &selector).into_iter().next().unwrap_or_default()
}

/// Clicks the first element under `root` matching `selector`.
pub fn click(root: &Element, selector: &str) {
    root.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .click();
}
