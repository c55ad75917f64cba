//! Reading exports: archives are opened, every file is recognised by its content (never
//! by its name), files are handed to their format's importer, and the result is one
//! [`Dataset`] with counted warnings and a per-file list of errors.
//!
//! Invariants: no input makes this panic; a file that fails is reported by name and the
//! others still load; message text is dropped as soon as mentions are taken from it.

//! The layer, bottom up (each module uses only those listed before it):
//! - `sniff`: a cheap look at a file's shape (and the ZIP signature); `json`: parsing
//!   helpers and the lenient field types;
//! - `entry`: input files, entries, what detection found ([`Detected`]), the [`Report`];
//! - one module per format (`clover_json`, `reports`, `discord`, `mattermost`, `yammer`,
//!   `teams`, `slack`, `roster`): `recognise(&Shape)` and `import(files, builder, report)`;
//! - `formats`: the ordered table of formats, read by detection and by the import below;
//! - `detect`: a file's format from its content; `archive`: ZIP archives opened into entries;
//! - this module: the pipeline that puts them together.

pub mod archive;
pub mod clover_json;
pub mod detect;
pub mod discord;
pub mod entry;
pub mod formats;
pub mod json;
pub mod mattermost;
pub mod reports;
pub mod roster;
pub mod slack;
pub mod sniff;
pub mod teams;
pub mod yammer;

use crate::model::{Builder, Dataset, Format};
pub use entry::{Detected, Entry, FileError, Ignored, InputFile, Report, Source};
pub use sniff::is_zip;

#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// Archives may not inflate to more than this in total (a ZIP bomb is stopped here).
    pub max_unzipped_bytes: u64,
    /// Replaces the words that mark a job title as a leader's.
    pub leader_title_words: Option<Vec<String>>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { max_unzipped_bytes: 4 << 30, leader_title_words: None }
    }
}

pub struct ImportResult {
    pub dataset: Dataset,
    pub warnings: Vec<String>,
    pub errors: Vec<FileError>,
    /// How many files (or archive entries) were read.
    pub files_loaded: usize,
}

impl ImportResult {
    /// True when at least one file loaded.
    pub fn any_loaded(&self) -> bool {
        self.files_loaded > 0
    }
}

/// How far an import has come, for a progress bar: `done` of `total` units (bytes, unless
/// the stage says otherwise) in the named stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
}

/// The stages of an import, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Opening archives and inflating their entries (bytes of the files handed over).
    Unpacking,
    /// Parsing the files of one format (bytes of the recognised files, all formats together).
    Reading(Format),
    /// Resolving replies, joining the roster, sorting messages by time (no units: 0 of 1).
    Building,
}

impl Stage {
    /// A short sentence for the progress line.
    pub fn describe(self) -> String {
        match self {
            Stage::Unpacking => "Unpacking the export".to_string(),
            Stage::Reading(f) => format!("Reading the {} files", f.label()),
            Stage::Building => "Linking replies to their threads".to_string(),
        }
    }
}

/// Imports files of any supported formats into one dataset.
pub fn import_files(files: Vec<InputFile>, opts: &ImportOptions) -> ImportResult {
    import_files_with_progress(files, opts, &mut |_| {})
}

/// [`import_files`], telling `progress` how far it has come between steps (after each
/// archive and each format's files), so that a page can show a moving bar.
pub fn import_files_with_progress(
    files: Vec<InputFile>,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(&Progress),
) -> ImportResult {
    let (b, report) = import_unfinished(files, opts, progress);
    progress(&Progress { stage: Stage::Building, done: 0, total: 1 });
    let (dataset, warnings) = b.finish();
    ImportResult { dataset, warnings: warnings.render(), errors: report.errors, files_loaded: report.loaded }
}

/// Every file read into a builder, not yet finished (replies unresolved, the roster not
/// joined): what [`import_files_with_progress`] finishes, and what a shard's partial is made
/// of ([`crate::partial`]), to be finished once the shards are merged.
pub(crate) fn import_unfinished(
    files: Vec<InputFile>,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(&Progress),
) -> (Builder, Report) {
    let mut report = Report::default();
    let mut b = Builder::new();
    if let Some(words) = &opts.leader_title_words {
        b.leader_title_words = words.clone();
    }
    let input_bytes: u64 = files.iter().map(InputFile::size).sum();
    progress(&Progress { stage: Stage::Unpacking, done: 0, total: input_bytes });
    let entries = archive::expand(files, opts.max_unzipped_bytes, &mut report);
    progress(&Progress { stage: Stage::Unpacking, done: input_bytes, total: input_bytes });
    // Each format's files, formats in the order their first file came.
    let mut groups: Vec<(&'static formats::FormatSpec, Vec<(sniff::Shape, Entry)>)> = Vec::new();
    let (mut empty_lists, mut blank_lists) = (0u64, 0u64);
    for e in entries {
        match detect::detect(&e) {
            Ok(Detected::File(format, shape)) => match formats::spec(format) {
                Some(spec) => match groups.iter_mut().find(|(g, _)| g.format == format) {
                    Some((_, v)) => v.push((shape, e)),
                    None => groups.push((spec, vec![(shape, e)])),
                },
                None => report.error(&e.display, format!("no importer for {}", format.label())),
            },
            Ok(Detected::Ignored(why)) => match why {
                // Images and PDFs beside the data: not data, and not worth a note.
                Ignored::Media => {}
                Ignored::EmptyList => empty_lists += 1,
                Ignored::BlankList => blank_lists += 1,
            },
            Err(msg) => report.error(&e.display, msg),
        }
    }
    b.warnings.add("{n} file{s} held an empty list: nothing to load from {it|them}", empty_lists);
    b.warnings.add("{n} file{s} held a list of empty strings ([\"\"]): nothing to load from {it|them}", blank_lists);
    // Rosters last, so they join people every other format described.
    groups.sort_by_key(|(spec, _)| spec.read_last);
    let total: u64 = groups.iter().flat_map(|(_, v)| v.iter()).map(|(_, e)| e.size()).sum();
    let mut done = 0u64;
    for (spec, files) in groups {
        let bytes: u64 = files.iter().map(|(_, e)| e.size()).sum();
        progress(&Progress { stage: Stage::Reading(spec.format), done, total });
        done += bytes;
        let before = report.loaded;
        (spec.import)(files, &mut b, &mut report);
        if report.loaded > before {
            b.formats.insert(spec.format);
        }
    }
    (b, report)
}
