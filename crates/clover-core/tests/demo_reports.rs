//! The demo organisation written as activity reports (`clover demo --reports`): each set
//! loads without a word, and counts the same organisation as its message export does — the
//! same members and contributors in the same window, and readers besides.

use clover_core::analytics::{analyze, Compare, DataKind, Params, Stage, Unit};
use clover_core::civil::parse_date;
use clover_core::demo::{generate, write_clover, write_reports, write_roster_csv, DemoOptions};
use clover_core::import::{import_files, ImportOptions, InputFile};

fn files(folder: &str, all: &[(String, Vec<u8>)]) -> Vec<InputFile> {
    all.iter().filter(|(p, _)| p.starts_with(folder)).map(|(p, b)| InputFile::new(p.clone(), b.clone())).collect()
}

#[test]
fn the_demo_reports_count_the_organisation_its_export_counts() {
    let org = generate(&DemoOptions { people: 400, months: 12, seed: 7, ..Default::default() });
    let reports = write_reports(&org);
    let export = import_files(
        vec![InputFile::new("demo.json", write_clover(&org)), InputFile::new("roster.csv", write_roster_csv(&org))],
        &ImportOptions::default(),
    )
    .dataset;

    let slack = import_files(files("slack/", &reports), &ImportOptions::default());
    assert!(slack.errors.is_empty() && slack.warnings.is_empty(), "{:?} {:?}", slack.errors, slack.warnings);
    let a = analyze(
        &slack.dataset,
        &Params { compare: Compare::Previous, journey: Some(Unit::Quarter), ..Params::default() },
    );
    assert_eq!(a.data, DataKind::Reports);
    // The latest complete quarter, against the one before; one journey period per quarter.
    let (from, to) = (a.window.from.clone().unwrap(), a.window.to.clone().unwrap());
    assert!(a.baseline.as_ref().is_some_and(|b| b.note.is_none()));
    assert!(a.journey.as_ref().unwrap().periods.len() >= 2);
    // The same window of the message export: the same members and contributors (messages in
    // channels), and the report's active people are the export's and its readers.
    let m = analyze(&export, &Params { from: parse_date(&from), to: parse_date(&to), ..Params::default() });
    assert_eq!(a.count(Stage::Workforce), m.count(Stage::Workforce));
    assert_eq!(a.count(Stage::Members), m.count(Stage::Members));
    assert_eq!(a.count(Stage::Contributors), m.count(Stage::Contributors));
    assert!(a.count(Stage::Active) > m.count(Stage::Active), "reading adds to the active");

    let microsoft = import_files(files("microsoft-365/", &reports), &ImportOptions::default());
    assert!(microsoft.errors.is_empty() && microsoft.warnings.is_empty(), "{:?}", microsoft.warnings);
    let r = microsoft.dataset.reports.as_ref().unwrap();
    assert!(r.concealed(), "the earliest Viva Engage report conceals names");
    let a = analyze(&microsoft.dataset, &Params { journey: Some(Unit::Quarter), ..Params::default() });
    let to = a.window.to.clone().unwrap();
    let m = analyze(
        &export,
        &Params { from: parse_date(a.window.from.as_deref().unwrap()), to: parse_date(&to), ..Params::default() },
    );
    // Teams' team chat and Viva Engage's posts are the channel messages: the same contributors.
    assert_eq!(a.count(Stage::Members), m.count(Stage::Members));
    assert_eq!(a.count(Stage::Contributors), m.count(Stage::Contributors));
    assert!(a.notes.iter().any(|n| n.contains("combines the Microsoft Teams and Viva Engage reports")));
    // The first window could not be joined, and says so.
    let first = &a.journey.as_ref().unwrap().periods[0];
    let early = analyze(
        &microsoft.dataset,
        &Params { from: parse_date(&first.from), to: parse_date(&first.to), ..Params::default() },
    );
    assert!(early.notes.iter().any(|n| n.starts_with("Names are concealed")), "{:?}", early.notes);
    // The same bytes from the same seed.
    assert_eq!(write_reports(&org), reports);
}
