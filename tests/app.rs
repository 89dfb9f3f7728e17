//! Browser tests of the playground page: mount the real app (real engine, compiled to wasm) in
//! headless Chromium and check that the DOM shows what the engine did.
//!
//! Run with `cargo test --target wasm32-unknown-unknown` or `wasm-pack test --headless --chrome`.

#![cfg(target_arch = "wasm32")]

mod support;

use kplay::playground::{INITIAL_RECORDS, KEYS, Playground};
use support::{click, data, fresh_root, marker, texts, wait_until};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The offsets, keys and segment base offsets a fresh playground has after `produces` clicks,
/// computed natively-equivalently from the model, not from the DOM.
fn expected_after(produces: usize) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut playground = Playground::new();
    for _ in 0..produces {
        playground.produce().expect("produce");
    }
    let view = playground.view();
    let records: Vec<_> = view.segments.iter().flat_map(|s| &s.records).collect();
    (
        records.iter().map(|r| r.offset.to_string()).collect(),
        records.iter().map(|r| r.key.clone().unwrap()).collect(),
        view.segments.iter().map(|s| s.base_offset.to_string()).collect(),
    )
}

#[wasm_bindgen_test]
async fn shows_the_records_the_engine_appended_at_start_up() {
    let root = fresh_root();
    let app = kplay::mount(root.clone());
    wait_until("the start-up records are rendered", || !texts(&root, ".record").is_empty()).await;

    let offsets = texts(&root, ".record .record-offset");
    assert_eq!(offsets, ["0", "1", "2", "3", "4"]);
    assert_eq!(offsets.len(), INITIAL_RECORDS);
    assert_eq!(texts(&root, ".record .record-key"), ["alice", "bob", "carol", "dave", "alice"]);
    assert_eq!(data(&root, ".record", "offset"), offsets);
    assert_eq!(marker(&root, "lso"), Some(0));
    assert_eq!(marker(&root, "leo"), Some(INITIAL_RECORDS as i64));

    let (_, _, bases) = expected_after(0);
    assert!(bases.len() >= 2, "segment.bytes is small enough to roll");
    assert_eq!(data(&root, ".segment", "base-offset"), bases);
    assert_eq!(texts(&root, ".segment.active").len(), 1);
    assert_eq!(
        data(&root, ".segment.active", "base-offset"),
        bases[bases.len() - 1..],
        "the newest segment is the active one"
    );
    app.destroy();
}

#[wasm_bindgen_test]
async fn produce_appends_a_record_and_advances_the_log_end_offset() {
    let root = fresh_root();
    let app = kplay::mount(root.clone());
    wait_until("the LEO marker is rendered", || marker(&root, "leo").is_some()).await;
    let leo = marker(&root, "leo").unwrap();

    click(&root, "button.produce");
    wait_until("the LEO marker advances", || marker(&root, "leo") == Some(leo + 1)).await;

    let offsets = texts(&root, ".record .record-offset");
    assert_eq!(offsets.last(), Some(&leo.to_string()), "the new record is last");
    assert_eq!(
        texts(&root, ".record .record-key").last().map(String::as_str),
        Some(KEYS[INITIAL_RECORDS % KEYS.len()])
    );
    let status = texts(&root, "[role=status]");
    assert_eq!(status, [format!("Appended key bob at offset {leo}.")]);
    app.destroy();
}

#[wasm_bindgen_test]
async fn repeated_produces_roll_segments_as_the_engine_does() {
    const CLICKS: usize = 9;
    let root = fresh_root();
    let app = kplay::mount(root.clone());
    wait_until("the LEO marker is rendered", || marker(&root, "leo").is_some()).await;

    for i in 1..=CLICKS {
        click(&root, "button.produce");
        let want = (INITIAL_RECORDS + i) as i64;
        wait_until("the LEO marker follows each click", || marker(&root, "leo") == Some(want))
            .await;
    }

    let (offsets, keys, bases) = expected_after(CLICKS);
    assert_eq!(texts(&root, ".record .record-offset"), offsets);
    assert_eq!(texts(&root, ".record .record-key"), keys);
    assert_eq!(data(&root, ".segment", "base-offset"), bases);
    assert!(bases.len() >= 4, "14 records fill several segments");
    assert!(texts(&root, "[role=alert]").is_empty(), "no engine error");
    assert_eq!(marker(&root, "lso"), Some(0));
    app.destroy();
}
