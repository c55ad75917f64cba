//! The import dealt to a pool of workers (`clover_core::pool`, what the browser's workers do)
//! gives the very dataset one import gives: the load summary and the analysis, as JSON, byte
//! for byte, for every sample export and the demo's Slack export (as its ZIP and as loose
//! files, in the ZIP's order and in orders that interleave its folders), with 1 to 8 workers.

mod common;

use std::collections::HashSet;
use std::path::Path;

use clover_core::analytics::{analyze, Params};
use clover_core::pool::{self, zip, Found, Handed, Item, Layout};
use clover_core::{import_files, ImportOptions, ImportResult, InputFile};

/// The load summary (errors and warnings in their canonical order) and the analysis as JSON.
fn fingerprint(r: &ImportResult) -> (String, String) {
    let mut s = clover_core::stats::summarize(r);
    clover_core::summary::canonical_order(&mut s);
    let a = analyze(&r.dataset, &Params::default());
    (serde_json::to_string(&s).unwrap(), serde_json::to_string(&a).unwrap())
}

fn check(what: &str, files: &[InputFile], workers: &[usize]) {
    let opts = ImportOptions::default();
    let want = fingerprint(&import_files(files.to_vec(), &opts));
    for &n in workers {
        let got = fingerprint(&pool::import_in_pool(files.to_vec(), n, 0, &opts));
        assert!(got.0 == want.0, "{what}, {n} workers: the load summary differs:\n{}\n{}", want.0, got.0);
        assert!(got.1 == want.1, "{what}, {n} workers: the analysis differs");
    }
}

/// Every file under `dir`, named from `base` (as a folder picked in the browser is).
fn folder(base: &Path, dir: &Path) -> Vec<InputFile> {
    let mut paths = Vec::new();
    common::collect(dir, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
            InputFile::new(name, std::fs::read(&p).unwrap())
        })
        .collect()
}

/// How many shards a pool of `n` makes of these files (to show that the test deals them).
fn shards(files: &[InputFile], n: usize) -> usize {
    let handed: Vec<Handed> = files
        .iter()
        .map(|f| Handed { name: f.name.clone(), size: f.bytes.len() as u64, zip: zip::directory_of(&f.bytes) })
        .collect();
    Layout::new(&handed).plan(&Found::default(), n, &ImportOptions::default()).shards.len()
}

const WORKERS: [usize; 5] = [1, 2, 3, 4, 8];

#[test]
fn every_sample_folder_and_archive_in_a_pool_is_the_one_import() {
    let root = common::samples();
    let base = root.parent().unwrap();
    for format in ["slack", "teams", "mattermost", "discord", "yammer"] {
        let files = folder(base, &root.join(format));
        check(&format!("the {format} samples as files"), &files, &WORKERS);
    }
    for zip in ["slack/rusq-slackdump/source_export.zip", "slack/hfaran-slack-export-viewer/testarchive.zip"] {
        let file = InputFile::new(zip.rsplit('/').next().unwrap(), std::fs::read(root.join(zip)).unwrap());
        assert!(zip::directory_of(&file.bytes).is_some(), "{zip}: its directory is read");
        check(zip, std::slice::from_ref(&file), &WORKERS);
        // With a file beside it that is not an export: named, and the rest loads.
        let other = InputFile::new("LICENSE", std::fs::read(root.join("slack/rusq-slackdump/LICENSE")).unwrap());
        check(&format!("{zip} and a licence"), &[file, other], &[2, 3]);
    }
}

fn demo_org() -> clover_core::demo::DemoOrg {
    clover_core::demo::generate(&clover_core::demo::DemoOptions { people: 300, months: 6, ..Default::default() })
}

#[test]
fn the_demo_slack_zip_with_its_roster_in_a_pool_is_the_one_import() {
    let org = demo_org();
    let zip = InputFile::new("slack.zip", clover_core::demo::write_slack_zip(&org));
    let roster = InputFile::new("roster.csv", clover_core::demo::write_roster_csv(&org));
    let files = vec![zip, roster];
    assert!(shards(&files, 4) == 4, "the archive's entries are dealt to four workers");
    check("the demo's Slack ZIP and roster", &files, &WORKERS);
    // The roster first, and two copies of the export: duplicates counted as in one import.
    let twice = vec![files[1].clone(), files[0].clone(), InputFile::new("copy.zip", files[0].bytes.clone())];
    check("the roster, the ZIP and a copy", &twice, &[2, 5]);
}

/// Activity reports are tables of people, which a partial does not carry: whether dropped
/// alone, in a folder or beside an export, they go to the lead, and the load is the one
/// import's (a report dealt to another worker would fail as "not read in shards").
#[test]
fn activity_reports_beside_an_export_in_a_pool_are_the_leads_and_the_one_import() {
    let org = demo_org();
    let zip = InputFile::new("slack.zip", clover_core::demo::write_slack_zip(&org));
    let reports: Vec<InputFile> =
        clover_core::demo::write_reports(&org).into_iter().map(|(p, b)| InputFile::new(p, b)).collect();
    assert!(reports.iter().any(|f| f.name.ends_with(".csv")), "the demo writes CSV reports");
    // In their folders (as a folder is picked), and loose (as files are dropped), after and
    // before the export.
    let loose: Vec<InputFile> = reports
        .iter()
        .map(|f| InputFile::new(f.name.rsplit('/').next().unwrap().to_string(), f.bytes.clone()))
        .collect();
    let slack_only: Vec<InputFile> = reports.iter().filter(|f| f.name.starts_with("slack/")).cloned().collect();
    for (what, files) in [
        ("the export, then its Slack reports in their folder", [vec![zip.clone()], slack_only.clone()].concat()),
        ("the Slack reports in their folder, then the export", [slack_only.clone(), vec![zip.clone()]].concat()),
        ("the export and every report, loose", [vec![zip.clone()], loose.clone()].concat()),
    ] {
        assert!(shards(&files, 4) >= 2, "{what}: the export is dealt");
        let handed: Vec<Handed> = files
            .iter()
            .map(|f| Handed { name: f.name.clone(), size: f.bytes.len() as u64, zip: zip::directory_of(&f.bytes) })
            .collect();
        let layout = Layout::new(&handed);
        let candidates: Vec<InputFile> = pool::pieces(&handed, &layout.candidates())
            .into_iter()
            .map(|p| match p {
                pool::Piece::File(i) => files[i].clone(),
                pool::Piece::Part(i, part) => {
                    InputFile::new(files[i].name.clone(), part.bytes_from(&files[i].bytes).unwrap())
                }
            })
            .collect();
        let found = pool::lookups(candidates);
        let csvs = files.iter().filter(|f| f.name.ends_with(".csv") && !f.name.ends_with("roster.csv")).count();
        assert_eq!(found.lead_only.len(), csvs, "{what}: every report is found ({:?})", found.lead_only);
        let plan = layout.plan(&found, 4, &ImportOptions::default());
        for shard in plan.shards.iter().skip(1) {
            for item in shard {
                let Item::File(i) = item else { continue };
                let name = &files[*i].name;
                assert!(
                    !name.ends_with(".csv") || name.ends_with("roster.csv"),
                    "{what}: {name} dealt to another worker"
                );
            }
        }
        check(what, &files, &[2, 4]);
    }
}

#[test]
fn the_demo_slack_export_as_loose_files_in_any_order_is_the_one_import() {
    let org = demo_org();
    let bytes = clover_core::demo::write_slack_zip(&org);
    let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap();
        files.push(InputFile::new(format!("export/{}", f.name().unwrap()), data));
    }
    files.push(InputFile::new("export/roster.csv", clover_core::demo::write_roster_csv(&org)));
    check("the demo's Slack export as files, the ZIP's order", &files, &WORKERS);
    // By file name alone: every channel's days interleave with the others' (the units join).
    files.sort_by(|a, b| a.name.rsplit('/').next().cmp(&b.name.rsplit('/').next()));
    check("the demo's Slack export as files, days interleaved", &files, &[2, 4]);
    // The lists last.
    files.sort_by_key(|f| f.name.matches('/').count() == 1);
    check("the demo's Slack export as files, lists last", &files, &[3]);
}

#[test]
fn a_damaged_archive_is_read_whole_and_fails_as_it_always_did() {
    let org = demo_org();
    let bytes = clover_core::demo::write_slack_zip(&org);
    // Cut short: no directory, so one worker reads it (and names it), as one import does.
    let cut = InputFile::new("cut.zip", bytes[..bytes.len() / 2].to_vec());
    assert!(zip::directory_of(&cut.bytes).is_none());
    check("a ZIP cut in half", &[cut], &[2]);
    // An entry's bytes damaged: the worker that reads it names it, the others load.
    let mut bad = bytes.clone();
    let dir = zip::directory_of(&bad).unwrap();
    let victim = dir.entries.iter().find(|e| e.name.starts_with("general/") && e.end - e.start > 200).unwrap();
    for b in &mut bad[(victim.start + 100) as usize..(victim.start + 140) as usize] {
        *b ^= 0x5a;
    }
    check("a ZIP with a damaged entry", &[InputFile::new("bad.zip", bad)], &[1, 3]);
}

#[test]
fn the_plan_keeps_the_reading_order_and_every_item_once() {
    let org = demo_org();
    let zip = InputFile::new("slack.zip", clover_core::demo::write_slack_zip(&org));
    let dir = zip::directory_of(&zip.bytes).unwrap();
    let handed = vec![
        Handed { name: "slack.zip".into(), size: zip.bytes.len() as u64, zip: Some(dir.clone()) },
        Handed { name: "roster.csv".into(), size: 10, zip: None },
    ];
    let layout = Layout::new(&handed);
    let candidates = layout.candidates();
    let names: Vec<String> = candidates
        .iter()
        .map(|i| match i {
            Item::Entry(0, j) => dir.entries[*j].name.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    // The lookup lists beside the channel folders, and the CSV handed over alone (which
    // might be an activity report).
    assert_eq!(names, ["users.json", "channels.json", "groups.json", "dms.json", "File(1)"]);
    let lookups: HashSet<String> = names[..4].iter().map(|n| format!("slack.zip › {n}")).collect();
    let plan = layout.plan(&Found { lookups, ..Found::default() }, 3, &ImportOptions::default());
    assert_eq!(plan.context.len(), 4);
    assert_eq!(plan.shards.len(), 3);
    let mut all: Vec<Item> = plan.context.iter().chain(plan.shards.iter().flatten()).copied().collect();
    let n = all.len();
    assert!(plan.shards.concat().windows(2).all(|w| w[0] < w[1]), "shards are runs of the reading order");
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n, "no item twice");
    assert_eq!(all.len(), dir.entries.iter().filter(|e| !e.is_dir()).count() + 1);
    assert_eq!(*plan.shards.last().unwrap().last().unwrap(), Item::File(1), "the roster is read last, as handed");
}
