//! Helpers shared by the browser tests: a fresh mount point per test, waiting for yew to render,
//! reading the page back out of the DOM, and building the moments tests open.

#![allow(dead_code, unreachable_pub)]

pub mod groups;
pub mod inspector;

use gloo_timers::future::TimeoutFuture;
use kplay::Start;
use kplay::model::Playground;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// How many turns of the event loop a test waits for the page to reach an expected state.
const MAX_TURNS: usize = 200;

/// The site's style sheets, in `index.html`'s order, for tests that need the page as visitors
/// get it: laid out (a lesson beside its board) or measured (what is out of view skips layout and
/// paint only by the CSS's say-so).
const STYLES: &[&str] = &[
    include_str!("../../www/css/base.css"),
    include_str!("../../www/css/controls.css"),
    include_str!("../../www/css/cluster.css"),
    include_str!("../../www/css/logs.css"),
    include_str!("../../www/css/producers.css"),
    include_str!("../../www/css/events.css"),
    include_str!("../../www/css/actions.css"),
    include_str!("../../www/css/groups.css"),
    include_str!("../../www/css/lag.css"),
    include_str!("../../www/css/rebalances.css"),
    include_str!("../../www/css/inspector.css"),
    include_str!("../../www/css/live.css"),
    include_str!("../../www/css/lessons.css"),
    include_str!("../../www/css/code.css"),
    include_str!("../../www/css/console.css"),
];

/// Puts the site's style sheets on the test page, once.
pub fn styled() {
    let page = include_str!("../../index.html");
    assert_eq!(
        page.matches("rel=\"css\"").count(),
        STYLES.len(),
        "STYLES lists every style sheet of index.html"
    );
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    if document.get_element_by_id("kplay-styles").is_some() {
        return;
    }
    let style = document.create_element("style").expect("a style element");
    style.set_id("kplay-styles");
    style.set_text_content(Some(&STYLES.concat()));
    document.head().expect("a head").append_child(&style).expect("appended");
}

/// Takes the site's style sheets off the test page again, for the tests after this one.
pub fn unstyled() {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    if let Some(style) = document.get_element_by_id("kplay-styles") {
        style.remove();
    }
}

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
        TimeoutFuture::new(5).await;
    }
    panic!("the page never reached the expected state: {what}");
}

/// Every element under `root` matching `selector`.
pub fn elements(root: &Element, selector: &str) -> Vec<Element> {
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

/// The text of the first element matching `selector` (empty if none).
pub fn text(root: &Element, selector: &str) -> String {
    texts(root, selector).into_iter().next().unwrap_or_default()
}

/// The attribute `name` of every element under `root` matching `selector`.
pub fn attrs(root: &Element, selector: &str, name: &str) -> Vec<String> {
    elements(root, selector).iter().map(|e| e.get_attribute(name).unwrap_or_default()).collect()
}

/// The value `data-<name>` of every element under `root` matching `selector`.
pub fn data(root: &Element, selector: &str, name: &str) -> Vec<String> {
    attrs(root, selector, &format!("data-{name}"))
}

/// The leader the page shows for a partition of the drawn topic.
pub fn leader_of(root: &Element, partition: i32) -> Option<i32> {
    let selector = format!(".partition-log[data-partition=\"{partition}\"]");
    data(root, &selector, "leader").first().and_then(|l| l.parse().ok())
}

/// The offset shown on a marker (`log-start`, `hw`, `leo`) of a partition's log, if drawn.
pub fn marker(root: &Element, partition: i32, class: &str) -> Option<i64> {
    let selector =
        format!(".partition-log[data-partition=\"{partition}\"] .marker.{class} .marker-value");
    texts(root, &selector).first().and_then(|t| t.parse().ok())
}

/// The offsets of a partition's drawn records, in order.
pub fn offsets(root: &Element, partition: i32) -> Vec<i64> {
    data(root, &format!(".partition-log[data-partition=\"{partition}\"] .record"), "offset")
        .iter()
        .filter_map(|o| o.parse().ok())
        .collect()
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

/// Sends a plain event (`mouseenter`, `change`, …) to the first element matching `selector`.
pub fn fire(root: &Element, selector: &str, event: &str) {
    let target = root
        .query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"));
    let event = web_sys::Event::new(event).expect("an event");
    target.dispatch_event(&event).expect("dispatched");
}

/// The opening scenario with `seed`, played for `seconds` of simulated time and paused: the
/// moment tests open, and the model they compare the page with.
pub fn played(seed: u64, seconds: f64) -> Playground {
    let mut p = Playground::opening(seed);
    for _ in 0..(seconds * 60.0) as usize {
        p.frame(1000.0 / 60.0);
    }
    p.set_playing(false);
    p
}

/// A start that opens `playground`'s moment, as a share link would.
pub fn start_at(playground: &Playground) -> Start {
    Start::Fragment(playground.shared().fragment())
}
