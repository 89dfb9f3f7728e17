//! The static tutorial site as it is published: built with `--public-url /kplay/` and served
//! from that subpath only (GitHub Pages style, no server rules), a deep link opens a lesson at a
//! section in Chromium through WebDriver, a learner's "show me" ticks a task, the lesson list
//! links work, and progress survives a reload.
//!
//! ```text
//! trunk build --release --public-url /kplay/ --dist target/site-kplay
//! cargo test -p kplay-e2e --test static_site -- --ignored --nocapture
//! ```

#![cfg(not(target_arch = "wasm32"))]

mod harness;

use harness::{Driver, Page, serve_under, subpath_dist};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs target/site-kplay (trunk build --public-url /kplay/) and chromedriver: scripts/test.sh runs it"]
async fn a_deep_link_opens_a_lesson_on_the_site_served_from_a_subpath() {
    let site = serve_under(subpath_dist(), "/kplay/");
    let driver = Driver::start();
    let page = Page { client: driver.session().await };

    // Nothing is served outside the subpath: the assets must be found under /kplay/.
    page.client
        .goto(&format!("{site}/kplay/?lesson=keys-and-ordering&section=2"))
        .await
        .expect("opens");
    page.wait_for("the lesson", || async {
        page.text(".lesson-title").await == "Keys and ordering"
    })
    .await;
    page.wait_for("its second section", || async {
        page.text(".section-position").await.starts_with("2 of")
    })
    .await;
    page.wait_for("its scenario", || async { page.count(".broker").await == 3 }).await;
    page.screenshot("lesson-deep-link").await;

    // A learner does the task with "Show me"; it ticks, and stays ticked across a reload.
    page.click(".task .show-me").await;
    page.wait_for("the task ticks", || async { page.count(".task.done").await == 1 }).await;
    page.client.refresh().await.expect("reloads");
    page.wait_for("the lesson again", || async {
        page.text(".lesson-title").await == "Keys and ordering"
    })
    .await;
    page.wait_for("the task still done", || async { page.count(".task.done").await == 1 }).await;

    // The list of lessons links to each by a relative address that stays under /kplay/.
    page.click(".lesson-picker summary").await;
    page.click(".lesson-picker li:nth-child(7) a").await;
    page.wait_for("another lesson", || async { page.text(".lesson-title").await == "Rebalancing" })
        .await;
    let url = page.client.current_url().await.expect("a url");
    assert_eq!(url.path(), "/kplay/");
    assert_eq!(url.query(), Some("lesson=rebalancing"));

    // Embed mode: the scenario alone.
    page.client.goto(&format!("{site}/kplay/?lesson=rebalancing&embed")).await.expect("opens");
    page.wait_for("the embedded scenario", || async {
        page.count("main.embedded .broker").await == 3
    })
    .await;
    assert_eq!(page.count(".lesson-panel").await, 0);
    page.screenshot("lesson-embedded").await;

    page.client.close().await.expect("the session ends");
}
