//! What the browser app relies on when the core runs in a Web Worker: the analysis and the
//! load summary cross from the worker to the page as JSON, so they must come back exactly
//! as they left; and an import reports its progress in order, ending where it should.

use clover_core::analytics::{Analysis, Params, Segment};
use clover_core::demo::{generate, write_clover, DemoOptions};
use clover_core::import::{import_files, import_files_with_progress, ImportOptions, InputFile, Progress, Stage};
use clover_core::model::Format;
use clover_core::stats::{summarize, ImportSummary};

fn small_demo() -> Vec<InputFile> {
    let org = generate(&DemoOptions { people: 120, months: 4, ..DemoOptions::default() });
    vec![InputFile::new("demo.json", write_clover(&org))]
}

#[test]
fn analysis_and_summary_survive_json() {
    let result = import_files(small_demo(), &ImportOptions::default());
    let summary = summarize(&result);
    let back: ImportSummary = serde_json::from_str(&serde_json::to_string(&summary).unwrap()).unwrap();
    assert_eq!(back, summary);
    // Whole range, a segment, pseudonymised, and a suppressed segment (options left out).
    let mut cases = vec![Params::default()];
    cases.push(Params { pseudonymise: true, ..Params::default() });
    let dept =
        result.dataset.people.iter().find_map(|p| p.department).map(|d| result.dataset.string(d).to_string()).unwrap();
    cases.push(Params { segment: Segment { departments: vec![dept], ..Segment::default() }, ..Params::default() });
    cases.push(Params {
        segment: Segment { leaders: Some(true), ..Segment::default() },
        min_group: 1000,
        ..Params::default()
    });
    for p in cases {
        let a = clover_core::analytics::analyze(&result.dataset, &p);
        let json = serde_json::to_string(&a).unwrap();
        let back: Analysis = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), json, "JSON differs after a round trip for {p:?}");
        assert_eq!(back, a);
    }
}

#[test]
fn import_progress_runs_in_order() {
    let files = small_demo();
    let size = files[0].bytes.len() as u64;
    let mut seen: Vec<Progress> = Vec::new();
    let result = import_files_with_progress(files, &ImportOptions::default(), &mut |p| seen.push(p.clone()));
    assert!(result.any_loaded());
    let stages: Vec<Stage> = seen.iter().map(|p| p.stage).collect();
    assert_eq!(
        stages,
        vec![Stage::Unpacking, Stage::Unpacking, Stage::Reading(Format::Clover), Stage::Building],
        "unpacking starts and ends, then one format, then the model"
    );
    assert_eq!((seen[0].done, seen[0].total), (0, size));
    assert_eq!((seen[1].done, seen[1].total), (size, size));
    // A loose JSON file is its own entry: the reading stage counts the same bytes.
    assert_eq!((seen[2].done, seen[2].total), (0, size));
}

/// One message stamped 1970 and one stamped 2099 around real activity in 2024: the default
/// window keeps the 20 years that hold the activity, not the last 20 years (which would hold
/// only the 2099 message) nor the first.
#[test]
fn a_few_wrong_dates_cannot_hide_the_activity() {
    let mut messages = Vec::new();
    for i in 0..30 {
        messages
            .push(format!(r#"{{"id":"m{i}","space":"s","author":"a","time":"2024-03-{:02}T10:00:00Z"}}"#, 1 + i % 28));
    }
    messages.push(r#"{"id":"old","space":"s","author":"a","time":"1970-01-01T00:00:00Z"}"#.to_string());
    messages.push(r#"{"id":"far","space":"s","author":"a","time":"2099-06-01T00:00:00Z"}"#.to_string());
    let doc = format!(
        r#"{{"format":"clover","version":1,"people":[{{"id":"a","name":"A"}}],"spaces":[{{"id":"s","name":"general","kind":"channel"}}],"messages":[{}]}}"#,
        messages.join(",")
    );
    let result = import_files(vec![InputFile::new("dates.json", doc.into_bytes())], &ImportOptions::default());
    let a = clover_core::analytics::analyze(&result.dataset, &Params::default());
    // 20 years = 7,305 days. The busiest such span starts at the first 2024 message
    // (2024-03-01), unless it can end at the last data day (2099-06-01) and still hold the
    // 30 messages: it cannot (2099 - 20 years = 2079). So 2024-03-01 + 7,304 days = 2044-02-29.
    assert_eq!(a.window.from.as_deref(), Some("2024-03-01"));
    assert_eq!(a.window.to.as_deref(), Some("2044-02-29"));
    assert_eq!(a.totals.as_ref().map(|t| t.posts), Some(30));
    assert!(a.notes.iter().any(|n| n.contains("more than 20 years")), "{:?}", a.notes);
}
