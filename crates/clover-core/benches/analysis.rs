//! How long every view of the analytics takes for the million-message demo organisation
//! (`clover demo --people 20000`), against one plain pass over the same message columns:
//! the yardstick of the speed requirement (issue 4: at most 10×).
//!
//! Run: `cargo bench -p clover-core --bench analysis`. Criterion reports each timing; at the
//! end the bench prints the ratios, measured in this one process: each run paired with a plain
//! pass just before it, the median of 31 paired ratios with its quartiles. The maturity
//! journey (every calendar quarter) is paired with one whole-range analysis instead (issue 13:
//! at most 3×). On one core: `taskset -c 0 cargo bench -p clover-core --bench analysis`.
//! First it prints the demo generator's time (the demo it then analyses is generated anyway).

use std::hint::black_box;
use std::time::Instant;

use clover_core::analytics::{Analyzer, Params, Segment, Unit};
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

/// The 20,000-person demo, imported from its Clover JSON; on the way, the demo generator's
/// row: how long `generate` takes for the default 1,600 people (best of three) and for 20,000
/// people, and writing the latter as Clover JSON (target: both together within 10 s; before
/// this row, `tests/demo.rs` asserted it, against the rule that tests never assert a time).
fn demo_dataset() -> Dataset {
    let small = (0..3)
        .map(|_| time_ms(&mut || drop(black_box(generate(&DemoOptions::default())))))
        .fold(f64::INFINITY, f64::min);
    let started = Instant::now();
    let org = generate(&DemoOptions { people: 20_000, ..DemoOptions::default() });
    let generated = started.elapsed().as_secs_f64() * 1e3;
    let bytes = write_clover(&org);
    let written = started.elapsed().as_secs_f64() * 1e3 - generated;
    println!(
        "demo generator: 1,600 people {small:.0} ms; 20,000 people {generated:.0} ms, with Clover JSON {:.0} ms \
         ({} messages, {} MB)",
        generated + written,
        org.messages.len(),
        bytes.len() / 1_000_000
    );
    drop(org);
    import_files(vec![InputFile::new("demo.json", bytes)], &ImportOptions::default()).dataset
}

/// Milliseconds one call of `f` takes.
fn time_ms(f: &mut impl FnMut()) -> f64 {
    let s = Instant::now();
    f();
    s.elapsed().as_secs_f64() * 1e3
}

/// `f` paired with `base` run just before it, as [`against_plain`] pairs with the plain pass.
fn paired(mut base: impl FnMut(), mut f: impl FnMut()) -> (f64, f64, f64, f64, f64) {
    const RUNS: usize = 15;
    let (mut fs, mut bs, mut rs) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let b = time_ms(&mut base);
        let t = time_ms(&mut f);
        fs.push(t);
        bs.push(b);
        rs.push(t / b);
    }
    for v in [&mut fs, &mut bs, &mut rs] {
        v.sort_by(f64::total_cmp);
    }
    (fs[RUNS / 2], bs[RUNS / 2], rs[RUNS / 2], rs[RUNS / 4], rs[3 * RUNS / 4])
}

/// A timing against the plain pass, each run of `f` paired with a plain pass just before it:
/// the plain pass is bound by memory bandwidth, which a shared machine's neighbours move from
/// run to run, so a ratio of two medians taken at different moments drifts; the median of
/// paired ratios does not. Returns (median ms of `f`, median ms of the plain pass, median
/// ratio, lower and upper quartile of the ratio).
fn against_plain(ds: &Dataset, mut f: impl FnMut()) -> (f64, f64, f64, f64, f64) {
    const RUNS: usize = 31;
    let mut plain = || {
        black_box(plain_pass(black_box(ds)));
    };
    let (mut fs, mut ps, mut rs) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let p = time_ms(&mut plain);
        let t = time_ms(&mut f);
        fs.push(t);
        ps.push(p);
        rs.push(t / p);
    }
    for v in [&mut fs, &mut ps, &mut rs] {
        v.sort_by(f64::total_cmp);
    }
    (fs[RUNS / 2], ps[RUNS / 2], rs[RUNS / 2], rs[RUNS / 4], rs[3 * RUNS / 4])
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
        g.bench_function("journey_by_quarter", |b| b.iter(|| analyzer.journey(black_box(&whole), Unit::Quarter)));
        g.bench_function("journey_by_month", |b| b.iter(|| analyzer.journey(black_box(&whole), Unit::Month)));
        g.finish();
    }
    c.final_summary();

    let rows = [
        ("prepare (Analyzer::new, once per dataset)", against_plain(&ds, || drop(black_box(Analyzer::new(&ds))))),
        ("every view, whole range", against_plain(&ds, || drop(black_box(analyzer.analyze(&whole))))),
        ("every view, last 100 days", against_plain(&ds, || drop(black_box(analyzer.analyze(&window))))),
        ("every view, 100 days, one department", against_plain(&ds, || drop(black_box(analyzer.analyze(&department))))),
    ];
    println!(
        "\ndemo: {} messages, {} reactions, {} people. Each run is paired with a plain pass over \
         the message columns just before it; medians of 31 pairs (ratio: median, quartiles).",
        ds.messages.len(),
        ds.reactions.len(),
        ds.people.len()
    );
    for (what, (ms, plain, ratio, q1, q3)) in rows {
        println!("{what:<42} {ms:>7.2} ms, plain pass {plain:>5.2} ms: {ratio:>5.1} × ({q1:.1}–{q3:.1})");
    }
    // The journey in one sweep (what the app and the CLI run), and the same journey with one
    // analysis per period (its reference, and how it was computed before the sweep).
    for (by, name) in [(Unit::Quarter, "quarter"), (Unit::Month, "month")] {
        let periods = analyzer.journey(&whole, by).periods.len();
        let (ms, base, ratio, q1, q3) =
            paired(|| drop(black_box(analyzer.analyze(&whole))), || drop(black_box(analyzer.journey(&whole, by))));
        let what = format!("journey, every {name} ({periods} periods)");
        println!(
            "{what:<42} {ms:>7.2} ms, whole-range analysis {base:>6.2} ms: {ratio:>4.2} × ({q1:.2}–{q3:.2}); medians of 15 pairs"
        );
        let (ms, base, ratio, q1, q3) = paired(
            || drop(black_box(analyzer.analyze(&whole))),
            || drop(black_box(analyzer.journey_by_period(&whole, by))),
        );
        let what = "  the same, one analysis per period";
        println!(
            "{what:<42} {ms:>7.2} ms, whole-range analysis {base:>6.2} ms: {ratio:>4.2} × ({q1:.2}–{q3:.2}); medians of 15 pairs"
        );
    }
}
