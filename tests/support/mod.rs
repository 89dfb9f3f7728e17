//! Helpers shared by the browser tests: a fresh mount point per test, waiting for yew to render,
//! and reading the rendered log back out of the DOM.

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

/// The text of every element under `root` matching `selector`, in document order.
pub fn texts(root: &Element, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).expect("a valid selector");
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .map(|n| n.text_content().unwrap_or_default().trim().to_owned())
        .collect()
}

/// The value `data-<name>` of every element under `root` matching `selector`.
pub fn data(root: &Element, selector: &str, name: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).expect("a valid selector");
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .map(|e| e.get_attribute(&format!("data-{name}")).unwrap_or_default())
        .collect()
}

/// The number shown on the marker with class `class` (`lso` or `leo`), if it is rendered.
pub fn marker(root: &Element, class: &str) -> Option<i64> {
    texts(root, &format!(".marker.{class} .marker-value")).first().and_then(|t| t.parse().ok())
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
