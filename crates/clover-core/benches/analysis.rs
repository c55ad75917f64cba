//! How long every view of the analytics takes for about a million messages, against one plain
//! pass over the same message columns (the yardstick of the speed requirement).
//!
//! Needs in crates/clover-core/Cargo.toml:
//!   [dev-dependencies] criterion = "0.8.2"
//!   [[bench]] name = "analysis", harness = false
//! Run: `cargo bench -p clover-core --bench analysis`.

use std::hint::black_box;

use clover_core::analytics::{analyze, Analyzer, Params, Segment};
use clover_core::model::Dataset;
use criterion::{criterion_group, criterion_main, Criterion};

#[path = "../tests/analytics_gen.rs"]
mod gen;

/// One plain pass over the message columns: min/max of time, sums of the index columns,
/// counts of kinds.
fn plain_pass(ds: &Dataset) -> (i64, i64, u64, [u64; 4]) {
    let m = &ds.messages;
    let (mut lo, mut hi, mut sum) = (i64::MAX, i64::MIN, 0u64);
    let mut kinds = [0u64; 4];
    let cols = m.time.iter().zip(&m.author).zip(&m.space).zip(&m.root).zip(&m.parent).zip(&m.kind);
    for (((((&t, &a), &s), &r), &p), &k) in cols {
        lo = lo.min(t);
        hi = hi.max(t);
        sum = sum.wrapping_add(a as u64).wrapping_add(s as u64).wrapping_add(r as u64).wrapping_add(p as u64);
        kinds[k as usize] += 1;
    }
    (lo, hi, sum, kinds)
}

fn bench(c: &mut Criterion) {
    let ds = gen::synthetic(5_000, 1_000_000);
    let whole = Params::default();
    let window = Params { from: Some(19_600), to: Some(19_700), ..Params::default() };
    let department = Params { segment: Segment { departments: vec!["Dept 03".into()], ..Default::default() }, ..window.clone() };
    let analyzer = Analyzer::new(&ds);

    let mut g = c.benchmark_group("analysis");
    g.sample_size(10);
    g.bench_function("plain_pass", |b| b.iter(|| plain_pass(black_box(&ds))));
    g.bench_function("analyze_from_scratch", |b| b.iter(|| analyze(black_box(&ds), &whole)));
    g.bench_function("analyzer_new", |b| b.iter(|| Analyzer::new(black_box(&ds))));
    g.bench_function("analyzer_whole_range", |b| b.iter(|| analyzer.analyze(black_box(&whole))));
    g.bench_function("analyzer_100_days", |b| b.iter(|| analyzer.analyze(black_box(&window))));
    g.bench_function("analyzer_100_days_department", |b| b.iter(|| analyzer.analyze(black_box(&department))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
