//! Throughput of the partition log: appending and fetching 100-byte records.
//!
//! Run with `cargo bench -p kplay-core --bench log`. Records per second are what matter (the
//! README quotes them); batches are built before the timed part, as a producer builds them
//! before the broker sees them.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use bytes::Bytes;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use kplay_core::log::Log;
use kplay_core::{
    LeaderEpoch, Offset, ProducerEpoch, ProducerId, Record, RecordBatch, Timestamp, TopicConfig,
};

const BATCHES: usize = 1_000;

fn config() -> TopicConfig {
    TopicConfig { segment_bytes: 1024 * 1024, ..TopicConfig::default() }
}

fn batches(records_per_batch: usize, idempotent: bool) -> Vec<RecordBatch> {
    let value = Bytes::from(vec![b'x'; 100]);
    (0..BATCHES)
        .map(|i| {
            let records = (0..records_per_batch)
                .map(|_| Record::new(None, Some(value.clone()), Timestamp(i as i64)))
                .collect();
            let batch = RecordBatch::new(records);
            if idempotent {
                let seq = (i * records_per_batch) as i32;
                batch.with_producer(ProducerId(1), ProducerEpoch(0), seq)
            } else {
                batch
            }
        })
        .collect()
}

fn append(c: &mut Criterion) {
    let config = config();
    let mut group = c.benchmark_group("append");
    // The floor every log pays: moving each batch into a `Vec` behind an `Arc`. The ratio of
    // the log's time to this one is its overhead, measured in the same run.
    group.throughput(Throughput::Elements((BATCHES * 10) as u64));
    group.bench_function("baseline: Arc + Vec push, 10 records/batch", |b| {
        b.iter_batched(
            || (Vec::with_capacity(BATCHES), batches(10, false)),
            |(mut log, batches)| {
                for batch in batches {
                    log.push(std::sync::Arc::new(batch));
                }
                black_box(log.len())
            },
            BatchSize::LargeInput,
        )
    });
    for (name, per_batch, idempotent) in [
        ("10 records/batch", 10, false),
        ("1 record/batch", 1, false),
        ("10 records/batch, idempotent", 10, true),
    ] {
        group.throughput(Throughput::Elements((BATCHES * per_batch) as u64));
        group.bench_function(name, |b| {
            b.iter_batched(
                || (Log::in_memory(Timestamp(0)), batches(per_batch, idempotent)),
                |(mut log, batches)| {
                    for batch in batches {
                        let _ = log.append_as_leader(batch, LeaderEpoch(0), Timestamp(1), &config);
                    }
                    black_box(log.log_end_offset())
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

fn fetch(c: &mut Criterion) {
    let mut log = Log::in_memory(Timestamp(0));
    for batch in batches(10, false) {
        log.append_as_leader(batch, LeaderEpoch(0), Timestamp(1), &config()).unwrap();
    }
    let end = log.log_end_offset();
    let mut group = c.benchmark_group("fetch");
    // 10,000 records in 1,000 batches of 10; each fetch returns up to 1 MiB of whole batches.
    group.throughput(Throughput::Elements(end.0 as u64));
    group.bench_function("whole log, 1 MiB per fetch", |b| {
        b.iter(|| {
            let mut offset = Offset(0);
            let mut out = Vec::new();
            while offset < end {
                out.clear();
                log.read(offset, end, 1024 * 1024, true, &mut out).unwrap();
                offset = out.last().map_or(end, |b| b.next_offset());
            }
            black_box(offset)
        })
    });
    group.finish();
}

criterion_group!(benches, append, fetch);
criterion_main!(benches);
