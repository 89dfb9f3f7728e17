//! The simulation in the browser: the golden scenario gives the same trace hash in wasm as
//! natively, and the end-to-end benchmark reports its rate (run with `--nocapture` to see it).
#![cfg(target_arch = "wasm32")]

mod golden;

use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_golden_trace_hash_matches_native() {
    assert_eq!(golden::run().trace().hash(), golden::HASH);
}

#[wasm_bindgen_test]
fn end_to_end_throughput_in_the_browser() {
    // Five fresh runs; the median is the figure (single runs in a browser are noisy).
    let mut rates = Vec::new();
    for _ in 0..5 {
        let mut world = kplay_sim::bench::world(1, kplay_sim::bench::RATE).unwrap();
        world.run_for(kplay_sim::bench::WARMUP_MS).unwrap();
        let (before, started) = (kplay_sim::bench::consumed(&world), js_sys::Date::now());
        world.run_for(kplay_sim::bench::MEASURE_MS).unwrap();
        let elapsed_s = (js_sys::Date::now() - started) / 1000.0;
        let records = kplay_sim::bench::consumed(&world) - before;
        assert!(records > 0, "records flowed end to end");
        rates.push(records as f64 / elapsed_s);
    }
    rates.sort_by(f64::total_cmp);
    console_log!(
        "kplay-sim e2e (wasm, headless Chromium): median {:.0} records/s (min {:.0}, max {:.0}, 5 runs)",
        rates[2],
        rates[0],
        rates[4]
    );
}
