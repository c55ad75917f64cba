//! Timing harness (ignored by default; run it in release):
//! `cargo test -p clover-core --release --test analytics_perf -- --ignored --nocapture`
//! It prints how long `analyze` takes against one plain pass over the message columns.
//! No timing assertions: machines differ. The criterion bench `benches/analysis.rs` measures
//! the same once criterion is a dev-dependency.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use clover_core::analytics::{analyze, Analyzer, Params, Segment};
use clover_core::model::Dataset;

/// One plain pass over the message columns: min/max of time, sums of the index columns,
/// counts of kinds. The yardstick of the speed requirement.
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

/// CPU time of this thread in nanoseconds (Linux), so that time spent waiting for a busy
/// machine's CPU is not counted; `None` elsewhere.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Time per call of `f`: the best of 5 rounds of `reps` calls each, measured in CPU time where
/// the OS reports it (Linux; a busy machine's waiting is then not counted), else wall-clock.
/// Rounds are long enough (100 ms or more) for the scheduler's CPU accounting to be precise.
fn per_call<T>(reps: u32, mut f: impl FnMut() -> T) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..5 {
        let (c, t) = (cpu_ns(), Instant::now());
        for _ in 0..reps {
            black_box(f());
        }
        let wall = t.elapsed();
        let took = match (c, cpu_ns()) {
            (Some(a), Some(b)) if b > a => Duration::from_nanos(b - a),
            _ => wall,
        };
        best = best.min(took / reps);
    }
    best
}

#[test]
#[ignore]
fn analyze_vs_plain_pass() {
    let t = Instant::now();
    let ds = common::synthetic::synthetic(5_000, 1_000_000);
    println!(
        "dataset: {} people, {} messages, {} reactions, built in {:?}",
        ds.people.len(),
        ds.messages.len(),
        ds.reactions.len(),
        t.elapsed()
    );
    let plain = per_call(100, || plain_pass(black_box(&ds)));
    println!("plain pass over the message columns: {plain:?}");
    let ratio = |d: Duration| d.as_secs_f64() / plain.as_secs_f64();
    let p = Params::default();
    let full = per_call(5, || analyze(black_box(&ds), &p));
    println!("analyze, whole range (index included): {full:?}  ratio {:.1}", ratio(full));
    let index = per_call(5, || Analyzer::new(black_box(&ds)));
    println!("  of which Analyzer::new (once per dataset): {index:?}  ratio {:.1}", ratio(index));
    let an = Analyzer::new(&ds);
    let again = per_call(5, || an.analyze(black_box(&p)));
    println!("Analyzer::analyze, whole range: {again:?}  ratio {:.1}", ratio(again));
    let mut q = Params { from: Some(19_600), to: Some(19_700), ..Params::default() };
    let w = per_call(5, || an.analyze(black_box(&q)));
    println!("Analyzer::analyze, 100-day window: {w:?}  ratio {:.1}", ratio(w));
    q.segment = Segment { departments: vec!["Dept 03".into()], ..Default::default() };
    let s = per_call(5, || an.analyze(black_box(&q)));
    println!("Analyzer::analyze, 100-day window + a department: {s:?}  ratio {:.1}", ratio(s));
    let a = analyze(&ds, &Params::default());
    println!("funnel: {:?}", a.funnel.iter().map(|f| (f.stage.id(), f.count)).collect::<Vec<_>>());
    println!(
        "clover overall {:?} {:?}",
        a.clover.as_ref().and_then(|c| c.overall),
        a.clover.as_ref().and_then(|c| c.level.clone())
    );
    for i in &a.insights {
        println!("[{}] {}", i.view, i.text);
    }
}
