//! A lesson beside its board at the sizes classrooms use, in real Chromium through WebDriver:
//! on a 1024×768 projector in presenter mode a section brings the part of the board it is about
//! into view beside the lesson, which stays in place; in a narrow window the board sits under the
//! lesson, nothing scrolls by itself, and the lesson scrolls away with the page instead of lying
//! over the board. Screenshots go to `target/e2e/`.
//!
//! ```text
//! trunk build --release
//! cargo test -p kplay-e2e --test lesson_layout -- --ignored --nocapture
//! ```

#![cfg(not(target_arch = "wasm32"))]

mod harness;

use harness::{Driver, Page, dist, serve};

/// The top and bottom of `css` relative to the window, in CSS pixels.
async fn top_and_bottom(page: &Page, css: &str) -> (f64, f64) {
    let rect = page
        .js(&format!(
            "const r = document.querySelector('{css}').getBoundingClientRect(); return [r.top, r.bottom];"
        ))
        .await;
    (rect[0].as_f64().expect("a top"), rect[1].as_f64().expect("a bottom"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs dist/ (trunk build --release) and chromedriver: scripts/test.sh runs it with --ignored"]
async fn a_lesson_shows_its_part_of_the_board_on_a_projector_and_gives_way_in_a_narrow_window() {
    let site = serve(dist());
    let driver = Driver::start();
    let page = Page { client: driver.session().await };

    // A projector: presenter mode at 1024×768. "Same key, same partition" is about the
    // producers: they come to the top of the window, the lesson stays beside them.
    page.client.set_window_size(1024, 768).await.expect("a projector's size");
    page.client
        .goto(&format!("{site}/?lesson=keys-and-ordering&section=2&present"))
        .await
        .expect("opens");
    page.wait_for("the producers", || async {
        page.count("section.producers .producer").await == 1
    })
    .await;
    page.wait_for("the producers at the top of the window", || async {
        (0.0..=60.0).contains(&top_and_bottom(&page, "section.producers").await.0)
    })
    .await;
    let (lesson_top, _) = top_and_bottom(&page, ".lesson-panel").await;
    assert!((0.0..=20.0).contains(&lesson_top), "the lesson stays in view: top at {lesson_top}");
    page.screenshot("lesson-projector").await;

    // A narrow window: the board is under the lesson, so nothing scrolls by itself, and when the
    // learner scrolls down the lesson goes up and out of the way.
    page.client.set_window_size(900, 800).await.expect("a narrow window");
    page.client.goto(&format!("{site}/?lesson=keys-and-ordering&section=2")).await.expect("opens");
    page.wait_for("the producers", || async {
        page.count("section.producers .producer").await == 1
    })
    .await;
    assert_eq!(page.js("return window.scrollY;").await.as_f64(), Some(0.0));
    assert_eq!(page.text(".lesson-board").await, "Show the producers ↘");
    page.js("window.scrollTo(0, document.querySelector('section.logs').offsetTop);").await;
    page.wait_for("the lesson scrolled away", || async {
        top_and_bottom(&page, ".lesson-panel").await.1 <= 0.0
    })
    .await;
    page.screenshot("lesson-narrow-scrolled").await;
    // Its button still brings the producers into view.
    page.js("window.scrollTo(0, 0);").await;
    page.click(".lesson-board").await;
    page.wait_for("the producers at the top of the window", || async {
        (0.0..=60.0).contains(&top_and_bottom(&page, "section.producers").await.0)
    })
    .await;

    page.client.close().await.expect("the session ends");
}
