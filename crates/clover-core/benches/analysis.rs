//! How long every view of the analytics takes for the million-message demo organisation
//! (`clover demo --people 20000`), against one plain pass over the same message columns:
//! the yardstick of the speed requirement (issue 4: at most 10×).
//!
//! Run: `cargo bench -p clover-core --bench analysis`. Criterion reports each timing; at the
//! end the bench prints the ratios, measured in this one process (medians of 15 runs).

use std::hint::black_box;
use std::time::Instant;

use clover_core::analytics::{Analyzer, Params, Segment};
use clover_core::demo::{generate, write_clover, DemoOptions};
use clover_core::import::{import_files, ImportOptions, InputFile};
use clover_core::model::Dataset;
use criterion::Criterion;

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

fn demo_dataset() -> Dataset {
    let org = generate(&DemoOptions { people: 20_000, ..DemoOptions::default() });
    let bytes = write_clover(&org);
    drop(org);
    import_files(vec![InputFile::new("demo.json", bytes)], &ImportOptions::default()).dataset
}

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..15)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

fn main() {
    let ds = demo_dataset();
    let last_day = ds.messages.time.last().map_or(0, |&t| t.div_euclid(clover_core::civil::MS_PER_DAY));
    let whole = Params::default();
    let window = Params { from: Some(last_day - 99), to: Some(last_day), ..Params::default() };
    let dept = ds.people.iter().find_map(|p| p.department).map(|d| ds.string(d).to_string()).unwrap_or_default();
    let department = Params { segment: Segment { departments: vec![dept], ..Default::default() }, ..window.clone() };
    let analyzer = Analyzer::new(&ds);

    let mut c = Criterion::default().sample_size(10).configure_from_args();
    {
        let mut g = c.benchmark_group("analysis");
        g.bench_function("plain_pass", |b| b.iter(|| plain_pass(black_box(&ds))));
        g.bench_function("analyzer_new", |b| b.iter(|| Analyzer::new(black_box(&ds))));
        g.bench_function("analyze_whole_range", |b| b.iter(|| analyzer.analyze(black_box(&whole))));
        g.bench_function("analyze_last_100_days", |b| b.iter(|| analyzer.analyze(black_box(&window))));
        g.bench_function("analyze_100_days_one_department", |b| b.iter(|| analyzer.analyze(black_box(&department))));
        g.finish();
    }
    c.final_summary();

    let plain = median_ms(|| {
        black_box(plain_pass(black_box(&ds)));
    });
    let rows = [
        ("prepare (Analyzer::new, once per dataset)", median_ms(|| drop(black_box(Analyzer::new(&ds))))),
        ("every view, whole range", median_ms(|| drop(black_box(analyzer.analyze(&whole))))),
        ("every view, last 100 days", median_ms(|| drop(black_box(analyzer.analyze(&window))))),
        ("every view, 100 days, one department", median_ms(|| drop(black_box(analyzer.analyze(&department))))),
    ];
    println!(
        "\ndemo: {} messages, {} reactions, {} people; plain pass over the message columns: {plain:.2} ms",
        ds.messages.len(),
        ds.reactions.len(),
        ds.people.len()
    );
    for (what, ms) in rows {
        println!("{what:<42} {ms:>8.2} ms  = {:>5.1} × the plain pass", ms / plain);
    }
}
