//! The engine's partition log running as WebAssembly in the browser: the same rules the native
//! unit tests check, on the target the playground ships to.

#![cfg(target_arch = "wasm32")]

use bytes::Bytes;
use kplay_core::log::{LeaderAppend, Log};
use kplay_core::{LeaderEpoch, Offset, Record, RecordBatch, Timestamp, TopicConfig};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn batch(keys: &[&str], ts: i64) -> RecordBatch {
    RecordBatch::new(
        keys.iter()
            .map(|k| {
                Record::new(
                    Some(Bytes::copy_from_slice(k.as_bytes())),
                    Some(Bytes::from_static(b"v")),
                    Timestamp(ts),
                )
            })
            .collect(),
    )
}

fn append(log: &mut Log, b: RecordBatch, config: &TopicConfig) -> (Offset, bool) {
    match log.append_as_leader(b, LeaderEpoch(0), Timestamp(0), config).expect("append") {
        LeaderAppend::Appended(a) => (a.batch.base_offset, a.rolled.is_some()),
        LeaderAppend::Duplicate(d) => panic!("unexpected duplicate {d:?}"),
    }
}

#[wasm_bindgen_test]
fn offsets_are_dense_and_segments_roll_at_segment_bytes() {
    let config = TopicConfig { segment_bytes: 200, ..TopicConfig::default() };
    let mut log = Log::in_memory(Timestamp(0));
    let mut rolls = 0;
    for i in 0..6 {
        let (base, rolled) = append(&mut log, batch(&["a", "b"], i), &config);
        assert_eq!(base, Offset(2 * i));
        rolls += usize::from(rolled);
    }
    assert_eq!(log.log_end_offset(), Offset(12));
    assert!(rolls > 0);
    assert_eq!(log.segments().len(), rolls + 1);
    assert!(log.segments().iter().all(|s| s.size_bytes <= 200));
}

#[wasm_bindgen_test]
fn reads_return_whole_batches_and_truncation_moves_the_log_end() {
    let config = TopicConfig::default();
    let mut log = Log::in_memory(Timestamp(0));
    append(&mut log, batch(&["a", "b", "c"], 1), &config);
    append(&mut log, batch(&["d", "e"], 2), &config);

    let mut out = Vec::new();
    log.read(Offset(4), log.log_end_offset(), usize::MAX, &mut out).expect("read");
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].base_offset, Offset(3), "the batch containing offset 4");

    assert_eq!(log.truncate_to(Offset(3)), 2);
    assert_eq!(log.log_end_offset(), Offset(3));
    let mut out = Vec::new();
    assert!(log.read(Offset(4), Offset(10), usize::MAX, &mut out).is_err());
}
