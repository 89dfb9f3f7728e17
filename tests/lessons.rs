//! Browser tests of the lessons: every lesson opens on its scenario, and each of its tasks is
//! done by a learner's clicks (moving through the sections, pressing "Show me") and ticked off
//! when the simulation shows it done; sections move with Page Down; a lesson starts again;
//! the lesson's code tabs; a wrong lesson name, presenter mode and embed mode.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test lessons`.

#![cfg(target_arch = "wasm32")]

mod support;

use gloo_timers::future::TimeoutFuture;
use kplay::model::lessons;
use kplay::{AppProps, Start};
use support::{click, count, fire, fresh_root, styled, text, unstyled, wait_until};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// How long (real ms) a task may take to tick after "Show me", at 100x speed.
const PATIENCE_MS: u32 = 60_000;

async fn open(slug: &str, present: bool, embed: bool) -> (Element, yew::AppHandle<kplay::App>) {
    let root = fresh_root();
    let start = Start::Lesson { slug: slug.into(), section: 0, page: false };
    let app = kplay::mount_with(root.clone(), AppProps { start, present, embed });
    wait_until("the brokers are rendered", || count(&root, ".broker") >= 1).await;
    (root, app)
}

/// Unmounts an app and removes its root, so it stops playing while the next test runs.
fn close(root: Element, app: yew::AppHandle<kplay::App>) {
    app.destroy();
    root.remove();
}

/// Waits up to `ms` of real time, for states the simulation takes a while to reach.
async fn wait_long(what: &str, ms: u32, mut ready: impl FnMut() -> bool) {
    for _ in 0..ms / 50 {
        if ready() {
            return;
        }
        TimeoutFuture::new(50).await;
    }
    panic!("the page never reached the expected state within {ms} ms: {what}");
}

fn set_speed(root: &Element, percent: &str) {
    let select = root.query_selector(".speed select").unwrap().expect("a speed control");
    js_sys::Reflect::set(&select, &"value".into(), &JsValue::from_str(percent)).unwrap();
    fire(root, ".speed select", "change");
}

/// Goes through a lesson as a learner would, pressing "Show me" for each task in turn.
async fn complete(slug: &str) {
    let lesson = lessons::find(slug).expect("a lesson by that name");
    let (root, app) = open(slug, false, false).await;
    wait_until("the lesson is shown", || text(&root, ".lesson-title") == lesson.title).await;
    assert_eq!(count(&root, ".task.done"), 0, "{slug}: nothing is done at the start");
    set_speed(&root, "10000");
    for index in 0..lesson.tasks.len() {
        let task = format!(".task[data-task=\"{index}\"]");
        while count(&root, &task) == 0 {
            assert_eq!(
                count(&root, ".section-next:disabled"),
                0,
                "{slug}: task {index} is in no section"
            );
            let position = text(&root, ".section-position");
            click(&root, ".section-next");
            wait_until("the next section", || text(&root, ".section-position") != position).await;
        }
        click(&root, &format!("{task} .show-me"));
        let done = format!(".task.done[data-task=\"{index}\"]");
        wait_long(&format!("{slug}: task {} ticks", index + 1), PATIENCE_MS, || {
            count(&root, &done) == 1
        })
        .await;
    }
    let total = lesson.tasks.len();
    assert_eq!(
        text(&root, ".lesson-progress"),
        format!("Tasks done: {total} of {total} — lesson complete!")
    );
    close(root, app);
}

macro_rules! lesson_tests {
    ($($name:ident => $slug:literal,)*) => {
        $(
            #[wasm_bindgen_test]
            async fn $name() {
                complete($slug).await;
            }
        )*

        #[wasm_bindgen_test]
        fn every_lesson_has_a_test() {
            let tested = [$($slug),*];
            let all: Vec<&str> = lessons::all().expect("lessons").iter().map(|l| l.slug).collect();
            assert_eq!(tested.to_vec(), all);
        }
    };
}

lesson_tests! {
    pub_sub_and_the_log => "pub-sub-and-the-log",
    topics_and_partitions => "topics-and-partitions",
    keys_and_ordering => "keys-and-ordering",
    keyless_records => "keyless-records-and-the-sticky-partitioner",
    consumers_and_offsets => "consumers-and-offsets",
    consumer_groups_and_scaling => "consumer-groups-and-scaling",
    rebalancing => "rebalancing",
    brokers_and_replication => "brokers-and-replication",
    failure_and_durability => "failure-and-durability",
    retention_and_compaction => "retention-and-compaction",
    idempotent_producers => "idempotent-producers",
    from_the_playground_to_a_real_broker => "from-the-playground-to-a-real-broker",
    a_live_scoreboard => "a-live-scoreboard",
}

#[wasm_bindgen_test]
async fn page_down_and_page_up_move_through_the_sections() {
    let (root, app) = open("keys-and-ordering", false, false).await;
    wait_until("the lesson is shown", || count(&root, ".lesson-panel") == 1).await;
    let first = text(&root, ".lesson-section");
    // As a clicker's key arrives: at the focused element (the body), bubbling up to the window.
    let press = js_sys::Function::new_with_args(
        "key",
        "document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));",
    );
    let key = |k: &str| {
        press.call1(&JsValue::NULL, &JsValue::from_str(k)).expect("a key press");
    };
    // The page listens for keys from its first effects on, as it does for the clock's frames:
    // once the clock has moved, a key press is heard.
    let step = text(&root, ".clock-step");
    wait_until("the clock runs", || text(&root, ".clock-step") != step).await;
    key("PageDown");
    wait_until("the second section", || text(&root, ".section-position").starts_with("2 of")).await;
    assert_ne!(text(&root, ".lesson-section"), first);
    key("PageUp");
    wait_until("the first section again", || text(&root, ".section-position").starts_with("1 of"))
        .await;
    assert_eq!(text(&root, ".lesson-section"), first);

    // The follow-along link: this lesson, this section, this moment.
    click(&root, ".section-next");
    wait_until("the second section", || text(&root, ".section-position").starts_with("2 of")).await;
    click(&root, ".lesson-follow");
    wait_until("the follow-along link", || count(&root, ".follow-link") == 1).await;
    let link = js_sys::Reflect::get(
        &root.query_selector(".follow-link").unwrap().unwrap(),
        &"value".into(),
    )
    .unwrap()
    .as_string()
    .unwrap();
    assert!(link.contains("?lesson=keys-and-ordering&section=2#s="), "{link}");
    assert_eq!(
        root.query_selector(".lesson-present").unwrap().unwrap().get_attribute("href").as_deref(),
        Some("?lesson=keys-and-ordering&section=2&present")
    );

    // The lesson's code: its scenario and tasks, as each client would write them.
    click(&root, ".lesson-code summary");
    let code = || text(&root, ".lesson-code .code-panel code");
    wait_until("the kafka-python listing", || code().contains("key=b'alice'")).await;
    click(&root, ".code-tab.command-line");
    wait_until("the command-line listing", || code().contains("kafka-topics.sh")).await;
    close(root, app);
}

#[wasm_bindgen_test]
async fn starting_a_lesson_again_undoes_its_tasks_and_its_scenario() {
    let (root, app) = open("topics-and-partitions", false, false).await;
    wait_until("the lesson is shown", || count(&root, ".lesson-panel") == 1).await;
    click(&root, ".section-next");
    wait_until("the task's section", || count(&root, ".task .show-me") == 1).await;
    click(&root, ".task .show-me");
    wait_long("the task ticks", PATIENCE_MS, || count(&root, ".task.done") == 1).await;
    wait_until("the new topic is drawn", || text(&root, ".board-main").contains("payments")).await;
    click(&root, ".lesson-restart");
    wait_until("nothing is done", || count(&root, ".task.done") == 0).await;
    assert_eq!(
        text(&root, ".section-position"),
        format!("1 of {}", lessons::find("topics-and-partitions").unwrap().sections.len())
    );
    assert!(!text(&root, ".board-main").contains("payments"), "the topic made by the task is gone");
    close(root, app);
}

#[wasm_bindgen_test]
async fn an_unknown_lesson_opens_the_first_with_a_message() {
    let (root, app) = open("no-such-lesson", false, false).await;
    let first = &lessons::all().unwrap()[0];
    wait_until("the first lesson", || text(&root, ".lesson-title") == first.title).await;
    assert!(text(&root, ".notice-text").contains("There is no lesson called “no-such-lesson”"));
    close(root, app);
}

#[wasm_bindgen_test]
async fn presenter_mode_enlarges_and_embed_mode_shows_the_scenario_alone() {
    let (root, app) = open("rebalancing", true, false).await;
    wait_until("the lesson is shown", || count(&root, ".lesson-panel") == 1).await;
    assert_eq!(count(&root, "main.kplay.presenter.projector"), 1);
    close(root, app);

    let (root, app) = open("rebalancing", false, true).await;
    assert_eq!(count(&root, "main.kplay.embedded"), 1);
    assert_eq!(count(&root, ".lesson-panel"), 0);
    assert_eq!(count(&root, ".page-header"), 0);
    assert_eq!(count(&root, ".inspector"), 0);
    wait_until("the scenario's groups", || text(&root, ".board-main").contains("eager")).await;
    close(root, app);
}

/// Waits until the page has stopped scrolling (a smooth scroll takes a moment).
async fn scrolling_done() {
    let window = web_sys::window().unwrap();
    let mut last = f64::NAN;
    for _ in 0..100 {
        TimeoutFuture::new(100).await;
        let now = window.scroll_y().unwrap();
        if now == last {
            return;
        }
        last = now;
    }
    panic!("the page kept scrolling for 10 s");
}

/// How far the top of `selector` is from the top of the window, in CSS pixels.
fn top_of(root: &Element, selector: &str) -> f64 {
    root.query_selector(selector).unwrap().expect(selector).get_bounding_client_rect().top()
}

#[wasm_bindgen_test]
async fn a_section_brings_the_part_of_the_board_it_is_about_into_view() {
    // Styled as on the site: the lesson beside its board, as on a laptop's screen.
    styled();
    let window = web_sys::window().unwrap();
    window.scroll_to_with_x_and_y(0.0, 0.0);
    let (root, app) = open("keys-and-ordering", false, false).await;
    wait_until("the lesson is shown", || count(&root, ".lesson-panel") == 1).await;
    // The first section is about no part in particular: nothing moves, nothing is offered.
    assert_eq!(count(&root, ".lesson-board"), 0);
    let at_rest = top_of(&root, "section.producers");
    assert!(at_rest > 100.0, "the producers start below the toolbar, at {at_rest}");

    // "Same key, same partition" is about the producers: they come to the top of the window,
    // beside the lesson's text.
    click(&root, ".section-next");
    // Near, not at: the brokers above may grow a line while the page scrolls.
    let near_top = |root: &Element| (0.0..=60.0).contains(&top_of(root, "section.producers"));
    wait_long("the producers at the top of the window", 10_000, || near_top(&root)).await;
    scrolling_done().await;
    assert!(near_top(&root), "the producers stay at the top");
    assert!(top_of(&root, ".lesson-panel") < 20.0, "the lesson stays in view beside them");
    assert_eq!(text(&root, ".lesson-board"), "Show the producers ↘");

    // Scrolled away, the button brings them back.
    window.scroll_to_with_x_and_y(0.0, 0.0);
    scrolling_done().await;
    assert!(top_of(&root, "section.producers") > 100.0, "back at the top of the page");
    click(&root, ".lesson-board");
    wait_long("the producers at the top again", 10_000, || near_top(&root)).await;
    window.scroll_to_with_x_and_y(0.0, 0.0);
    close(root, app);
    unstyled();
}
