//! How long the page's frames take, in headless Chromium on a release build: the real app
//! mounted on two scenarios — the smooth case (3 brokers, 12 partitions, 3 consumers, 1,000
//! records/s) and the large one (50 brokers, 1,000 partitions, 20 groups) — driven by its own
//! animation-frame clock for a few seconds, against the model alone (`Playground::frame` and
//! `snapshot`) on the same moment, so the cost of rendering shows as a ratio.
//!
//! It prints figures and asserts only that the clock ran: timings vary from machine to machine.
//! Not run by a plain `cargo test` (`test = false` in Cargo.toml); `scripts/test.sh` runs it:
//!
//! ```text
//! cargo test --release --target wasm32-unknown-unknown -p kplay --test perf -- --nocapture
//! ```

#![cfg(target_arch = "wasm32")]

mod support;

use kplay::Start;
use kplay::model::{Playground, Shared, ViewPrefs, share};
use kplay_sim::action::{Action, ConsumerSpec, KeyDistribution, OffsetReset, ProducerSpec};
use kplay_sim::{Scenario, TimedAction};
use support::{count, fresh_root, styled, text, wait_until};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Simulated seconds played before measuring, so groups have formed and records flow.
const WARM_UP_S: f64 = 8.0;

/// Frames measured on the page, and as many on the model alone.
const FRAMES: usize = 180;

/// Frames over which DOM changes are counted, after the timed ones.
const COUNTED_FRAMES: usize = 60;

/// The real time one frame accounts for, at 60 frames per second.
const FRAME_MS: f64 = 1000.0 / 60.0;

fn at_start(seed: u64, actions: Vec<Action>) -> Scenario {
    let mut scenario = Scenario::new(seed);
    scenario.actions =
        actions.into_iter().map(|action| TimedAction { step: 0, time: 0, action }).collect();
    scenario
}

fn topic(name: &str, partitions: i32) -> Action {
    Action::CreateTopic {
        name: name.into(),
        partitions,
        replication_factor: 3,
        configs: Vec::new(),
    }
}

fn producer(id: u32, topic: &str, rate_per_sec: u32) -> Action {
    let spec = ProducerSpec {
        rate_per_sec,
        keys: KeyDistribution::Uniform { keys: 1_000 },
        ..ProducerSpec::new(&format!("producer-{id}"), topic)
    };
    Action::AddProducer { id, spec }
}

fn consumer(id: u32, group: &str, topic: &str) -> Action {
    let mut spec = ConsumerSpec::group(&format!("consumer-{id}"), group, &[topic]);
    spec.auto_offset_reset = OffsetReset::Earliest;
    Action::AddConsumer { id, spec }
}

/// 3 brokers, one topic of 12 partitions, a producer at 1,000 records/s, a group of 3.
fn small() -> Scenario {
    let mut actions: Vec<Action> = (1..=3).map(|id| Action::AddBroker { id, rack: None }).collect();
    actions.push(topic("orders", 12));
    actions.push(producer(1, "orders", 1_000));
    actions.extend((2..=4).map(|id| consumer(id, "billing", "orders")));
    at_start(1, actions)
}

/// 50 brokers, 20 topics of 50 partitions (1,000), 20 groups of 2 consumers (one group per
/// topic), and a producer per topic: 1,000 records/s in all.
fn large() -> Scenario {
    let mut actions: Vec<Action> =
        (1..=50).map(|id| Action::AddBroker { id, rack: None }).collect();
    for t in 0..20u32 {
        let name = format!("topic-{t:02}");
        actions.push(topic(&name, 50));
        actions.push(producer(100 + t, &name, 50));
        let group = format!("group-{t:02}");
        actions.push(consumer(200 + 2 * t, &group, &name));
        actions.push(consumer(201 + 2 * t, &group, &name));
    }
    at_start(2, actions)
}

/// The moment a scenario reaches after the warm-up, playing, as a share link's fragment.
fn warmed_up(scenario: Scenario) -> String {
    let shared = Shared { v: share::VERSION, scenario, step: 0, view: ViewPrefs::default() };
    let mut p = Playground::from_shared(shared).expect("the scenario is within the limits");
    for _ in 0..(WARM_UP_S * 60.0) as usize {
        p.frame(FRAME_MS);
    }
    p.set_playing(true);
    p.shared().fragment()
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).expect("performance").now()
}

/// Mean, 95th percentile and maximum, in ms.
struct Figures {
    mean: f64,
    p95: f64,
    max: f64,
}

impl Figures {
    fn of(mut ms: Vec<f64>) -> Figures {
        assert!(!ms.is_empty(), "something was measured");
        ms.sort_by(f64::total_cmp);
        let mean = ms.iter().sum::<f64>() / ms.len() as f64;
        let p95 = ms[((ms.len() as f64 * 0.95).ceil() as usize).min(ms.len()) - 1];
        Figures { mean, p95, max: ms[ms.len() - 1] }
    }

    fn text(&self) -> String {
        format!("mean {:.2} ms, p95 {:.2} ms, max {:.2} ms", self.mean, self.p95, self.max)
    }
}

/// Waits for the next animation frame; its timestamp.
async fn next_frame() -> f64 {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("a window");
        let callback = Closure::once_into_js(move |t: f64| {
            let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &t.into());
        });
        let _ = window.request_animation_frame(callback.unchecked_ref());
    });
    JsFuture::from(promise).await.ok().and_then(|t| t.as_f64()).unwrap_or_else(now)
}

/// The model alone on `fragment`'s moment: `frame` then `snapshot`, as the reducer does.
fn model_alone(fragment: &str) -> (Figures, Figures) {
    let shared = Shared::from_fragment(fragment).expect("a scenario").expect("readable");
    let mut p = Playground::from_shared(shared).expect("replays");
    let (mut whole, mut snapshots) = (Vec::new(), Vec::new());
    for _ in 0..FRAMES {
        let started = now();
        p.frame(FRAME_MS);
        let framed = now();
        let snapshot = p.snapshot();
        let done = now();
        drop(snapshot);
        whole.push(done - started);
        snapshots.push(done - framed);
    }
    (Figures::of(whole), Figures::of(snapshots))
}

/// Counts the DOM changes under `root` by the area they are in, so a slow page says where.
const COUNT_MUTATIONS: &str = r#"
const counts = { 'event log': 0, 'partition logs': 0, 'brokers': 0, 'elsewhere': 0 };
const area = (node) => {
  const el = node.nodeType === 1 ? node : node.parentElement;
  if (!el) return 'elsewhere';
  if (el.closest('.event-log')) return 'event log';
  if (el.closest('.partition-log')) return 'partition logs';
  if (el.closest('.broker')) return 'brokers';
  return 'elsewhere';
};
const observer = new MutationObserver((records) => {
  for (const r of records) counts[area(r.target)] += 1 + r.addedNodes.length + r.removedNodes.length;
});
observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
return () => { observer.disconnect(); return counts; };
"#;

/// Starts counting DOM changes under `root`; the returned function stops and reports them.
fn count_mutations(root: &web_sys::Element) -> js_sys::Function {
    let start = js_sys::Function::new_with_args("root", COUNT_MUTATIONS.trim());
    start.call1(&wasm_bindgen::JsValue::NULL, root).expect("a mutation observer").unchecked_into()
}

/// Per-frame DOM changes by area, from [`count_mutations`]'s report.
fn mutations_text(stop: &js_sys::Function, frames: usize) -> String {
    let counts = stop.call0(&wasm_bindgen::JsValue::NULL).expect("the counts");
    let keys = js_sys::Object::keys(counts.unchecked_ref::<js_sys::Object>());
    keys.iter()
        .map(|k| {
            let n = js_sys::Reflect::get(&counts, &k).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
            format!("{} {:.0}", k.as_string().unwrap_or_default(), n / frames as f64)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The page on `fragment`'s moment, as the browser runs it. Our frame callback is registered
/// after the app's, so it runs after the app's frame (the world's advance, the snapshot and
/// yew's render) in the same frame: the time from the frame's start to it is the app's work.
/// The gaps between frames are what a visitor sees. DOM changes are counted afterwards, over
/// [`COUNTED_FRAMES`] more frames: the observer runs in the frame it observes, so counting
/// while timing would add its own cost to the figures.
async fn page(fragment: &str, brokers: usize) -> (Figures, Figures, String) {
    styled();
    let root = fresh_root();
    let app = kplay::mount(root.clone(), Start::Fragment(fragment.to_owned()));
    wait_until("the brokers are rendered", || count(&root, ".broker") == brokers).await;
    let clock_before = text(&root, ".clock-step");
    let (mut work, mut gaps) = (Vec::new(), Vec::new());
    let mut last = next_frame().await;
    for _ in 0..FRAMES {
        let t = next_frame().await;
        work.push(now() - t);
        gaps.push(t - last);
        last = t;
    }
    let clock_after = text(&root, ".clock-step");
    assert_ne!(clock_before, clock_after, "the page's clock ran while measured");
    let stop = count_mutations(&root);
    for _ in 0..COUNTED_FRAMES {
        next_frame().await;
    }
    let mutations = mutations_text(&stop, COUNTED_FRAMES);
    let nodes = count(&root, "*");
    app.destroy();
    let window = web_sys::window().expect("a window");
    let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let (width, height) = (size(window.inner_width()), size(window.inner_height()));
    let shape = format!(
        "{width}×{height} viewport, {nodes} DOM elements; DOM changes per frame: {mutations}"
    );
    (Figures::of(work), Figures::of(gaps), shape)
}

async fn measure(name: &str, scenario: Scenario, brokers: usize) {
    let started = now();
    let fragment = warmed_up(scenario);
    let warmed = now();
    let (model, snapshot) = model_alone(&fragment);
    let modelled = now();
    let (work, gaps, shape) = page(&fragment, brokers).await;
    console_log!(
        "{name}: warm-up {:.0} ms, model {:.0} ms, page {:.0} ms",
        warmed - started,
        modelled - warmed,
        now() - modelled
    );
    console_log!("kplay page frames, {name} ({FRAMES} frames, release wasm, headless Chromium):");
    console_log!("  page, frame start to end of the app's work: {}", work.text());
    console_log!("  page, time between frames:                  {}", gaps.text());
    console_log!("  model alone, Playground::frame + snapshot:  {}", model.text());
    console_log!("    of which snapshot:                        {}", snapshot.text());
    console_log!(
        "  page work / model alone: {:.1}× mean, {:.1}× p95",
        work.mean / model.mean.max(0.001),
        work.p95 / model.p95.max(0.001)
    );
    console_log!("  {shape}");
}

#[wasm_bindgen_test]
async fn frame_times_of_the_smooth_scenario() {
    measure("3 brokers × 12 partitions × 3 consumers at 1,000 records/s", small(), 3).await;
}

#[wasm_bindgen_test]
async fn frame_times_of_the_large_scenario() {
    measure("50 brokers, 1,000 partitions, 20 groups", large(), 50).await;
}
