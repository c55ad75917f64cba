//! Reading exports: archives are opened, every file is recognised by its content (never
//! by its name), files are handed to their format's importer, and the result is one
//! [`Dataset`] with counted warnings and a per-file list of errors.
//!
//! Invariants: no input makes this panic; a file that fails is reported by name and the
//! others still load; message text is dropped as soon as mentions are taken from it.

pub mod archive;
pub mod clover_json;
pub mod detect;
pub mod discord;
pub mod json;
pub mod mattermost;
pub mod roster;
pub mod slack;
pub mod sniff;
pub mod teams;
pub mod yammer;

use crate::model::{Builder, Dataset, Format};
pub use detect::Detected;

/// A file as the user handed it over: its name (with folders, when a folder was dropped)
/// and its bytes, or, for an archive, where to read them from.
#[derive(Clone, Debug)]
pub struct InputFile {
    pub name: String,
    /// The file's bytes (empty for an archive read where it lies).
    pub bytes: Vec<u8>,
    archive: Option<archive::SharedSource>,
}

impl InputFile {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        InputFile { name: name.into(), bytes: bytes.into(), archive: None }
    }
    /// A ZIP archive read where it lies (the CLI's file on disk) instead of from memory, so
    /// that even its compressed bytes are never all held at once. `size` is its length.
    pub fn archive(name: impl Into<String>, source: impl archive::Source + 'static, size: u64) -> Self {
        InputFile { name: name.into(), bytes: Vec::new(), archive: Some(archive::SharedSource::new(source, size)) }
    }
    /// Its size in bytes.
    pub fn size(&self) -> u64 {
        self.archive.as_ref().map_or(self.bytes.len() as u64, |a| a.size)
    }
}

/// One file to import: a loose file, or an entry of an archive.
///
/// An archive's entries are inflated when their importer reads them ([`Entry::data`]) and
/// dropped when it is done, one at a time: holding every entry inflated at once would make
/// the peak memory of a load several times the archive's uncompressed size.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Path used to understand the layout (folder names matter to Slack and Teams):
    /// the entry's path inside its archive, or the file's name.
    pub path: String,
    /// What to call it in messages: `export.zip › general/2016-01-01.json`.
    pub display: String,
    /// The whole file; nothing for an archive entry inflated on demand.
    head: Vec<u8>,
    lazy: Option<archive::Lazy>,
    /// For an entry inflated on demand: its format, told from its first bytes when the
    /// archive was opened.
    detected: Option<Result<Detected, String>>,
}

impl Entry {
    /// A file whose bytes are all at hand.
    pub fn new(path: impl Into<String>, display: impl Into<String>, bytes: Vec<u8>) -> Entry {
        Entry { path: path.into(), display: display.into(), head: bytes, lazy: None, detected: None }
    }
    /// The whole file (empty for an entry inflated on demand: see [`Entry::data`]).
    pub fn head(&self) -> &[u8] {
        &self.head
    }
    /// The format found when the archive was opened, for an entry inflated on demand.
    pub fn detected(&self) -> Option<&Result<Detected, String>> {
        self.detected.as_ref()
    }
    /// Its size in bytes (inflated).
    pub fn size(&self) -> u64 {
        self.lazy.as_ref().map_or(self.head.len() as u64, |l| l.size)
    }
    /// The whole file: inflated now for an archive entry (each call inflates again, and the
    /// bytes are freed when the caller drops them).
    pub fn data(&self) -> Result<std::borrow::Cow<'_, [u8]>, String> {
        match &self.lazy {
            None => Ok(std::borrow::Cow::Borrowed(&self.head)),
            Some(l) => l.inflate().map(std::borrow::Cow::Owned),
        }
    }
    /// The last folder of the path (`general` for `export/general/2016-01-01.json`).
    pub fn parent_folder(&self) -> Option<&str> {
        let p = self.path.trim_end_matches('/');
        let mut parts = p.rsplit(['/', '\\']);
        parts.next()?;
        parts.next().filter(|s| !s.is_empty())
    }
    pub fn file_name(&self) -> &str {
        self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path)
    }
}

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

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileError {
    pub file: String,
    pub message: String,
}

/// Errors and counted warnings collected while importing.
#[derive(Default)]
pub struct Report {
    pub errors: Vec<FileError>,
    /// Entries recognised and read (at least in part).
    pub loaded: usize,
}

impl Report {
    /// The whole bytes of `e` (inflated now if it is an archive entry), or `None` with the
    /// reason reported against it.
    pub fn data<'e>(&mut self, e: &'e Entry) -> Option<std::borrow::Cow<'e, [u8]>> {
        match e.data() {
            Ok(d) => Some(d),
            Err(msg) => {
                self.error(&e.display, msg);
                None
            }
        }
    }

    pub fn error(&mut self, file: &str, message: impl Into<String>) {
        self.errors.push(FileError { file: file.to_string(), message: message.into() });
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
    let mut report = Report::default();
    let mut b = Builder::new();
    if let Some(words) = &opts.leader_title_words {
        b.leader_title_words = words.clone();
    }
    let input_bytes: u64 = files.iter().map(InputFile::size).sum();
    progress(&Progress { stage: Stage::Unpacking, done: 0, total: input_bytes });
    let entries = archive::expand(files, opts.max_unzipped_bytes, &mut report);
    progress(&Progress { stage: Stage::Unpacking, done: input_bytes, total: input_bytes });
    let mut groups: Vec<(Format, Vec<(Detected, Entry)>)> = Vec::new();
    let mut empty = 0u64;
    for e in entries {
        match detect::detect(&e) {
            Ok(Detected::Ignored("empty list")) => empty += 1,
            Ok(Detected::Ignored(_)) => {}
            Ok(d) => {
                let f = d.format();
                match groups.iter_mut().find(|(g, _)| *g == f) {
                    Some((_, v)) => v.push((d, e)),
                    None => groups.push((f, vec![(d, e)])),
                }
            }
            Err(msg) => report.error(&e.display, msg),
        }
    }
    b.warnings.add("{n} files held an empty list: nothing to load from them", empty);
    // Rosters last, so they join people every other format described.
    groups.sort_by_key(|(f, _)| *f == Format::Roster);
    let total: u64 = groups.iter().flat_map(|(_, v)| v.iter()).map(|(_, e)| e.size()).sum();
    let mut done = 0u64;
    for (format, files) in groups {
        let bytes: u64 = files.iter().map(|(_, e)| e.size()).sum();
        progress(&Progress { stage: Stage::Reading(format), done, total });
        done += bytes;
        let before = report.loaded;
        match format {
            Format::Clover => clover_json::import(files, &mut b, &mut report),
            Format::Slack => slack::import(files, &mut b, &mut report),
            Format::Teams => teams::import(files, &mut b, &mut report),
            Format::Yammer => yammer::import(files, &mut b, &mut report),
            Format::Mattermost => mattermost::import(files, &mut b, &mut report),
            Format::Discord => discord::import(files, &mut b, &mut report),
            Format::Roster => roster::import(files, &mut b, &mut report),
        }
        if report.loaded > before {
            b.formats.insert(format);
        }
    }
    progress(&Progress { stage: Stage::Building, done: 0, total: 1 });
    let (dataset, warnings) = b.finish();
    ImportResult { dataset, warnings: warnings.render(), errors: report.errors, files_loaded: report.loaded }
}
