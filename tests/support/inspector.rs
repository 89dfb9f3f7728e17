//! Helpers for the inspector's browser tests: mounting the app until the inspector is there,
//! playing a model further, and reading table cells and form fields back.

use kplay::Start;
use kplay::model::Playground;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

use super::{count, data, fire, fresh_root, text, wait_until};

/// Mounts the app in a fresh root and waits for the inspector to be rendered.
pub async fn mounted(start: Start) -> (Element, yew::AppHandle<kplay::App>) {
    let root = fresh_root();
    let app = kplay::mount(root.clone(), start);
    wait_until("the inspector is rendered", || count(&root, "section.inspector") == 1).await;
    (root, app)
}

/// Plays `seconds` more of `p` and pauses it again.
pub fn play_more(p: &mut Playground, seconds: f64) {
    p.set_playing(true);
    for _ in 0..(seconds * 60.0) as usize {
        p.frame(1000.0 / 60.0);
    }
    p.set_playing(false);
}

/// The text of a cell of the row matching `row`.
pub fn cell(root: &Element, row: &str, class: &str) -> String {
    text(root, &format!("{row} .{class}"))
}

pub fn input(root: &Element, selector: &str) -> HtmlInputElement {
    root.query_selector(selector).unwrap().expect(selector).dyn_into().unwrap()
}

/// Offsets of the message rows shown, in order.
pub fn shown_offsets(root: &Element) -> Vec<i64> {
    data(root, "table.messages tr.record-row", "offset")
        .iter()
        .map(|o| o.parse().unwrap())
        .collect()
}

/// Picks `value` in the `<select>` matching `selector`, as a visitor would.
pub fn choose(root: &Element, selector: &str, value: &str) {
    let element: HtmlSelectElement =
        root.query_selector(selector).unwrap().expect(selector).dyn_into().unwrap();
    element.set_value(value);
    fire(root, selector, "change");
}
