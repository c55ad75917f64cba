//! Archives are opened lazily: an entry bigger than a few KB is recognised from its first
//! bytes when the archive is opened, and inflated whole only when its importer reads it.
//! These tests check that this changes nothing: the format found from the first bytes is the
//! one the whole file gives, and an export loads the same zipped as loose.

mod common;

use clover_core::demo::{generate, write_slack_zip, DemoOptions};
use clover_core::import::sniff::{settled, sniff};
use clover_core::import::{archive, import_files, ImportOptions, InputFile, Report};
use common::{collect, samples};

/// Every file of the samples and of a demo Slack export, loose or inside archives.
fn every_file() -> Vec<(String, Vec<u8>)> {
    let mut paths = Vec::new();
    collect(&samples(), &mut paths);
    let mut inputs: Vec<InputFile> =
        paths.iter().map(|p| InputFile::new(p.to_string_lossy(), std::fs::read(p).unwrap())).collect();
    let org = generate(&DemoOptions { people: 2000, ..DemoOptions::default() });
    inputs.push(InputFile::new("demo.zip", write_slack_zip(&org)));
    let mut report = Report::default();
    let entries = archive::expand(inputs, 1 << 32, &mut report);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    entries.iter().map(|e| (e.display.clone(), e.data().unwrap().into_owned())).collect()
}

#[test]
fn a_shape_settled_by_the_first_bytes_is_the_shape_of_the_whole_file() {
    let files = every_file();
    let (mut settled_early, mut big) = (0, 0);
    for (name, bytes) in &files {
        let whole = sniff(bytes);
        for n in [1, 2, 3, 16, 100, 1000, 4096, 4097, 20_000, 100_000] {
            if n >= bytes.len() {
                break;
            }
            if let Some(shape) = settled(&bytes[..n]) {
                assert_eq!(shape, whole, "{name}: the first {n} bytes settled a different shape");
                settled_early += (n == 4096) as usize;
            }
        }
        big += (bytes.len() > 4096) as usize;
    }
    // The demo's Slack day files are lists whose first message ends within 4 KB.
    assert!(big > 1000 && settled_early > 1000, "{big} files over 4 KB, {settled_early} settled by their first 4 KB");
}

#[test]
fn big_entries_inflated_on_demand_load_as_the_same_files_loose() {
    let org = generate(&DemoOptions { people: 2000, ..DemoOptions::default() });
    let zip = write_slack_zip(&org);
    let mut report = Report::default();
    let entries = archive::expand(vec![InputFile::new("demo.zip", zip.clone())], 1 << 32, &mut report);
    let lazy = entries.iter().filter(|e| e.head().is_empty() && e.size() > 0).count();
    assert!(lazy > 1000, "only {lazy} entries are inflated on demand");
    let loose: Vec<InputFile> =
        entries.iter().map(|e| InputFile::new(e.path.clone(), e.data().unwrap().into_owned())).collect();

    let opts = ImportOptions::default();
    let zipped = import_files(vec![InputFile::new("demo.zip", zip)], &opts);
    let unzipped = import_files(loose, &opts);
    assert!(zipped.errors.is_empty() && unzipped.errors.is_empty());
    let counts = |r: &clover_core::import::ImportResult| {
        let d = &r.dataset;
        (d.people.len(), d.spaces.len(), d.messages.len(), d.reactions.len(), r.files_loaded)
    };
    assert_eq!(counts(&zipped), counts(&unzipped));
    assert_eq!(zipped.dataset.messages.time, unzipped.dataset.messages.time);
    assert_eq!(zipped.dataset.messages.author, unzipped.dataset.messages.author);
}
