//! The trunk-built site in real Chromium, driven through WebDriver as a visitor would drive it:
//! the opening scenario renders and plays; pause, step, stopping a broker moves leadership; the
//! share link opens the same moment in a fresh tab; the keyboard works as `src/hooks/keyboard.rs`
//! documents; projector mode is large, high-contrast type; every control has an accessible name.
//! Screenshots go to `target/e2e/`.
//!
//! It needs `dist/` (`trunk build --release`) and chromedriver, so a plain `cargo test` skips
//! it; `scripts/test.sh` runs it after the site build:
//!
//! ```text
//! cargo test -p kplay-e2e -- --ignored --nocapture
//! ```

#![cfg(not(target_arch = "wasm32"))]

mod harness;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use harness::{Driver, Page, dist, serve};

/// Presses one key with nothing focused, so the page's keyboard handler (not a control) gets it.
async fn press(page: &Page, key: char) {
    page.js("document.activeElement && document.activeElement.blur()").await;
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    page.client.perform_actions(actions).await.unwrap_or_else(|e| panic!("press {key:?}: {e}"));
}

async fn playing(page: &Page) -> bool {
    page.attr("button.play", "aria-pressed").await.as_deref() == Some("true")
}

async fn speed(page: &Page) -> u32 {
    let value = page.js("return document.querySelector('.speed select').value").await;
    value.as_str().and_then(|v| v.parse().ok()).expect("a speed")
}

/// Every button, field, select, link or focusable element without an accessible name
/// (aria-label, aria-labelledby, a label, its text unless it is a field, or a title), as the
/// start of its HTML.
const UNNAMED_CONTROLS: &str = r#"
const nameOf = (el) => {
  const text = (s) => (s || '').trim();
  if (text(el.getAttribute('aria-label'))) return true;
  const by = el.getAttribute('aria-labelledby');
  if (by && by.split(/\s+/).some((id) => text(document.getElementById(id)?.textContent))) return true;
  if (el.id && text(document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent)) return true;
  if (text(el.closest('label')?.textContent)) return true;
  // Buttons, links and other focusable elements are named by their text; fields are not.
  if (!['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && text(el.textContent)) return true;
  if (el.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(el.type) && text(el.value)) return true;
  return !!text(el.getAttribute('title'));
};
return [...document.querySelectorAll('button, input, select, textarea, a[href], [role=button], [tabindex]')]
  .filter((el) => el.type !== 'hidden' && !nameOf(el))
  .map((el) => el.outerHTML.slice(0, 200));
"#;

/// The body text's size in px and its contrast ratio (WCAG) against the page's background.
const TYPE_AND_CONTRAST: &str = r#"
const main = document.querySelector('main.kplay');
const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
const lum = ([r, g, b]) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
let bg = null;
for (let el = main; el && !bg; el = el.parentElement) {
  const c = rgb(getComputedStyle(el).backgroundColor);
  if (c.length === 3 || (c.length === 4 && c[3] > 0)) bg = c;
}
bg = bg || [255, 255, 255];
const fg = rgb(getComputedStyle(main).color);
const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
return [parseFloat(getComputedStyle(main).fontSize), (a + 0.05) / (b + 0.05)];
"#;

async fn type_and_contrast(page: &Page) -> (f64, f64) {
    let v = page.js(TYPE_AND_CONTRAST).await;
    (v[0].as_f64().expect("a size"), v[1].as_f64().expect("a ratio"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs dist/ (trunk build --release) and chromedriver: scripts/test.sh runs it with --ignored"]
async fn a_visitor_plays_pauses_steps_stops_a_broker_and_shares_the_moment() {
    let site = serve(dist());
    let driver = Driver::start();
    let page = Page { client: driver.session().await };
    page.client.goto(&format!("{site}/")).await.expect("the page opens");

    // The opening scenario renders, and plays; the loading notice is gone.
    page.wait_for("three brokers", || async { page.count(".broker").await == 3 }).await;
    let built = std::fs::read_to_string(dist().join("index.html")).expect("dist/index.html");
    assert!(built.contains("class=\"page-loading\""), "the page says it is loading until then");
    assert_eq!(page.count(".page-loading").await, 0, "the app replaced the loading notice");
    page.wait_for("partition logs", || async { page.count(".partition-log").await >= 3 }).await;
    assert!(playing(&page).await, "a fresh page plays");
    let first = page.step().await;
    page.wait_for("the clock runs", || async { page.step().await > first }).await;
    page.wait_for("records are written", || async { page.count(".record").await > 3 }).await;
    page.screenshot("opening").await;

    // Pause, then step one event at a time.
    page.click("button.play").await;
    page.wait_for("paused", || async { !playing(&page).await }).await;
    let paused_at = page.step().await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(page.step().await, paused_at, "a paused clock stays put");
    page.click("button.step").await;
    page.wait_for("one step on", || async { page.step().await == paused_at + 1 }).await;

    // Stop partition 0's leader: leadership moves, and the page says so.
    let old = page.leader(0).await.expect("partition 0 has a leader");
    page.click(&format!(".broker[data-broker-id=\"{old}\"] button.stop")).await;
    page.wait_for("a new leader for partition 0", || async {
        page.leader(0).await.is_some_and(|l| l != old)
    })
    .await;
    assert_eq!(page.count(".broker.stopped").await, 1);
    assert!(page.text(".notice").await.contains(&format!("stop broker {old}")));
    page.screenshot("broker-stopped").await;

    // The share link opens the same moment in a fresh tab.
    page.click("button.share").await;
    page.wait_for("the share link", || async { page.count(".share-link input").await == 1 }).await;
    let link = page.find(".share-link input").await.prop("value").await.unwrap().unwrap();
    assert!(link.starts_with(&site) && link.contains("#s="), "a link to this site: {link}");
    let (step, leader) = (page.step().await, page.leader(0).await);
    let first_tab = page.client.window().await.expect("a tab");
    let tab = page.client.new_window(true).await.expect("a new tab");
    page.client.switch_to_window(tab.handle).await.expect("switch tabs");
    page.client.goto(&link).await.expect("the link opens");
    page.wait_for("the shared moment", || async { page.count(".broker").await == 3 }).await;
    assert_eq!(page.step().await, step, "the link opens the same step");
    assert_eq!(page.leader(0).await, leader, "and the same leader");
    assert_eq!(page.count(".broker.stopped").await, 1, "with the broker still stopped");
    page.screenshot("shared-link").await;
    page.client.close_window().await.expect("close the tab");
    page.client.switch_to_window(first_tab).await.expect("back to the first tab");

    keyboard_and_projector(&page).await;

    let unnamed = page.js(UNNAMED_CONTROLS).await;
    let unnamed = unnamed.as_array().expect("a list");
    assert!(unnamed.is_empty(), "controls without an accessible name: {unnamed:#?}");

    page.client.close().await.expect("the session ends");
}

/// Space plays and pauses, → steps, ← steps back, ↑ and ↓ change the speed, `p` toggles
/// projector mode (large, high-contrast type).
async fn keyboard_and_projector(page: &Page) {
    press(page, ' ').await;
    page.wait_for("space plays", || async { playing(page).await }).await;
    let from = page.step().await;
    page.wait_for("the clock runs", || async { page.step().await > from }).await;
    press(page, ' ').await;
    page.wait_for("space pauses", || async { !playing(page).await }).await;

    let at = page.step().await;
    press(page, Key::Right.into()).await;
    page.wait_for("→ steps one event", || async { page.step().await == at + 1 }).await;
    press(page, Key::Left.into()).await;
    page.wait_for("← goes one event back", || async { page.step().await == at }).await;

    let before = speed(page).await;
    press(page, Key::Up.into()).await;
    page.wait_for("↑ is faster", || async { speed(page).await > before }).await;
    press(page, Key::Down.into()).await;
    page.wait_for("↓ is slower again", || async { speed(page).await == before }).await;

    let (size, _) = type_and_contrast(page).await;
    press(page, 'p').await;
    page.wait_for("p turns projector mode on", || async {
        page.count("main.kplay.projector").await == 1
    })
    .await;
    let (projected, contrast) = type_and_contrast(page).await;
    assert!(projected >= size * 1.2, "projector type is larger: {projected} px, was {size} px");
    assert!(contrast >= 7.0, "projector text has AAA contrast: {contrast:.1}:1");
    page.screenshot("projector").await;
    press(page, 'p').await;
    page.wait_for("p turns it off", || async { page.count("main.kplay.projector").await == 0 })
        .await;
}
