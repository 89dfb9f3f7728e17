//! Simulated records per second of real time, end to end (produce -> replicate -> consume): the
//! `bench` scenario run for `MEASURE_MS` of simulated time after a warm-up. The wasm figure comes
//! from `tests/wasm.rs` in headless Chromium.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use kplay_sim::bench;

fn e2e(c: &mut Criterion) {
    let mut group = c.benchmark_group("e2e");
    group.sample_size(10);
    // Measure what one run actually consumes, so throughput is in consumed records.
    let mut probe = bench::world(1, bench::RATE).unwrap();
    probe.run_for(bench::WARMUP_MS).unwrap();
    let before = bench::consumed(&probe);
    probe.run_for(bench::MEASURE_MS).unwrap();
    let records = bench::consumed(&probe) - before;
    group.throughput(Throughput::Elements(records));
    group.bench_function("3 brokers, 6 partitions x 3 replicas, 1 producer, 3 consumers", |b| {
        b.iter_batched(
            || {
                let mut world = bench::world(1, bench::RATE).unwrap();
                world.run_for(bench::WARMUP_MS).unwrap();
                world
            },
            |mut world| {
                world.run_for(bench::MEASURE_MS).unwrap();
                world
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, e2e);
criterion_main!(benches);
