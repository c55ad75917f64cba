//! What a filter change costs the browser's worker, natively and on one thread: the demo
//! organisation (20,000 people by default) as the bench loads it (Slack export and roster)
//! and its first analysis (everyone), then, as the bench's filter change does, a department,
//! a second one and everyone again on the whole range: each analysis (`PreparedDataset::analyze`, every view) and its JSON
//! (what crosses to the page), timed apart, the median of `RUNS` rounds. A measurement aid,
//! not a test.
//!
//!   taskset -c 0 cargo run --profile quick -p clover-core --example filter_change -- [PEOPLE]

use std::time::Instant;

use clover_core::analytics::{Params, PreparedDataset, Segment};
use clover_core::demo::{generate, write_roster_csv, write_slack_zip, DemoOptions};
use clover_core::import::{import_files, ImportOptions, InputFile};

const RUNS: usize = 15;
/// Only the first `ONLY` changes when set (for profiling one).
fn only() -> usize {
    std::env::var("ONLY").ok().and_then(|v| v.parse().ok()).unwrap_or(3)
}

fn main() {
    let people = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let org = generate(&DemoOptions { people, ..DemoOptions::default() });
    let files = vec![
        InputFile::new("demo-slack.zip", write_slack_zip(&org)),
        InputFile::new("roster.csv", write_roster_csv(&org)),
    ];
    drop(org);
    let ds = import_files(files, &ImportOptions::default()).dataset;
    let prepared = PreparedDataset::new(ds);
    let ds = prepared.dataset();
    let mut depts: Vec<String> =
        ds.people.iter().filter_map(|p| p.department).map(|d| ds.string(d).to_string()).collect();
    depts.sort();
    depts.dedup();
    let with = |d: Option<&String>| Params {
        segment: Segment { departments: d.into_iter().cloned().collect(), ..Segment::default() },
        ..Params::default()
    };
    let changes =
        [("department 1", with(depts.first())), ("department 2", with(depts.get(1))), ("everyone", with(None))];
    println!(
        "{} people, {} messages, {} reactions; {} departments",
        ds.people.len(),
        ds.messages.len(),
        ds.reactions.len(),
        depts.len()
    );
    // The load's own first analysis, of everyone (it keeps its pass for the filters).
    let t = Instant::now();
    drop(prepared.analyze(&Params::default()));
    println!("first analysis (everyone, kept) {:.2} ms", t.elapsed().as_secs_f64() * 1e3);
    for (what, p) in changes.iter().take(only()) {
        let (mut analysis, mut json, mut bytes) = (Vec::new(), Vec::new(), 0);
        let runs = std::env::var("RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(RUNS);
        for _ in 0..runs {
            let t = Instant::now();
            let a = prepared.analyze(p);
            let t1 = Instant::now();
            let s = serde_json::to_string(&a).unwrap_or_default();
            let t2 = Instant::now();
            analysis.push((t1 - t).as_secs_f64() * 1e3);
            json.push((t2 - t1).as_secs_f64() * 1e3);
            bytes = s.len();
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        println!(
            "{what:<13} analysis {:>6.2} ms, JSON {:>5.2} ms ({} KB), median of {} runs",
            median(&mut analysis),
            median(&mut json),
            bytes / 1000,
            analysis.len()
        );
    }
}
