//! The files an import reads: what the user handed over ([`InputFile`]), the entries found
//! in them ([`Entry`], one loose file or one archive entry) with the format detection gave
//! each ([`Detected`]), and the [`Report`] of errors importers write to.
//!
//! This module uses no other module of the import layer but `sniff` (for [`Shape`]):
//! archives, detection, the format table and every importer build on it.

use std::borrow::Cow;
use std::io::{Read, Seek};
use std::sync::{Arc, Mutex};

use super::sniff::Shape;
use crate::model::Format;

/// What an archive is read from: its bytes in memory, or a file on disk.
pub trait Source: Read + Seek + Send {}
impl<T: Read + Seek + Send> Source for T {}

/// A [`Source`] an [`InputFile`] hands over once (input files are `Clone`; the source is
/// taken by the first expansion).
#[derive(Clone)]
pub struct SharedSource {
    source: Arc<Mutex<Option<Box<dyn Source>>>>,
    pub size: u64,
}

impl SharedSource {
    pub fn new(source: impl Source + 'static, size: u64) -> SharedSource {
        SharedSource { source: Arc::new(Mutex::new(Some(Box::new(source)))), size }
    }
    /// The source, the first time only.
    pub fn take(&self) -> Option<Box<dyn Source>> {
        self.source.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take()
    }
}

impl std::fmt::Debug for SharedSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SharedSource {{ size: {} }}", self.size)
    }
}

/// Opens a file read where it lies, each time its bytes are wanted.
pub type Open = Arc<dyn Fn() -> std::io::Result<Box<dyn Read + Send>> + Send + Sync>;

/// A file as the user handed it over: its name (with folders, when a folder was dropped)
/// and its bytes, or, for an archive or a file read where it lies, where to read them from.
#[derive(Clone)]
pub struct InputFile {
    pub name: String,
    /// The file's bytes (empty for an archive or a file read where it lies).
    pub bytes: Vec<u8>,
    pub(super) archive: Option<SharedSource>,
    /// A file read where it lies, and its size.
    pub(super) lazy: Option<(Open, u64)>,
}

impl std::fmt::Debug for InputFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InputFile")
            .field("name", &self.name)
            .field("bytes", &self.bytes.len())
            .field("archive", &self.archive)
            .field("lazy", &self.lazy.as_ref().map(|l| l.1))
            .finish()
    }
}

impl InputFile {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        InputFile { name: name.into(), bytes: bytes.into(), archive: None, lazy: None }
    }
    /// A ZIP archive read where it lies (the CLI's file on disk) instead of from memory, so
    /// that even its compressed bytes are never all held at once. `size` is its length.
    pub fn archive(name: impl Into<String>, source: impl Source + 'static, size: u64) -> Self {
        InputFile { name: name.into(), bytes: Vec::new(), archive: Some(SharedSource::new(source, size)), lazy: None }
    }
    /// A file read where it lies (the CLI's file on disk), opened by `open`: its first bytes
    /// when the import starts (they tell its format), the whole when its importer reads it,
    /// and dropped when it is done, so that the files of a folder are never all in memory
    /// at once. `size` is its length.
    pub fn lazy(
        name: impl Into<String>,
        size: u64,
        open: impl Fn() -> std::io::Result<Box<dyn Read + Send>> + Send + Sync + 'static,
    ) -> Self {
        InputFile { name: name.into(), bytes: Vec::new(), archive: None, lazy: Some((Arc::new(open), size)) }
    }
    /// Its size in bytes.
    pub fn size(&self) -> u64 {
        match (&self.archive, &self.lazy) {
            (Some(a), _) => a.size,
            (_, Some((_, size))) => *size,
            _ => self.bytes.len() as u64,
        }
    }
}

/// Why a file was skipped without an error: it holds nothing to load. Counted, never silent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ignored {
    /// An image or a PDF inside an export, told by its magic bytes.
    Media,
    /// `[]`: exports write empty lists for empty things (Slack's `groups.json`, a Teams
    /// user with no chats); no format can be told from them.
    EmptyList,
    /// `[""]`: a list of empty strings, what Slack writes in `lists.json`,
    /// `huddle_transcripts.json` or `file_conversations.json` when there is nothing to list.
    BlankList,
}

/// What detection found a file to be.
///
/// Only a [`Detected::File`] has a format: an ignored file belongs to none, and the type
/// offers no way to ask it for one.
#[derive(Clone, Debug, PartialEq)]
pub enum Detected {
    /// A file of this format, with the shape that decided it (importers sub-dispatch on it).
    File(Format, Shape),
    /// Not data; skipped without an error, for this reason.
    Ignored(Ignored),
}

/// An archive entry not yet inflated: its declared size (already counted against the
/// archive's limit) and how to inflate it (the archive module knows how).
#[derive(Clone)]
pub struct Lazy {
    pub size: u64,
    inflate: Arc<dyn Fn() -> Result<Vec<u8>, String> + Send + Sync>,
}

impl Lazy {
    pub fn new(size: u64, inflate: impl Fn() -> Result<Vec<u8>, String> + Send + Sync + 'static) -> Lazy {
        Lazy { size, inflate: Arc::new(inflate) }
    }
    /// The whole entry, inflated now.
    pub fn inflate(&self) -> Result<Vec<u8>, String> {
        (self.inflate)()
    }
}

impl std::fmt::Debug for Lazy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lazy {{ size: {} }}", self.size)
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
    lazy: Option<Lazy>,
    /// For an entry inflated on demand: its format, told from its first bytes when the
    /// archive was opened.
    detected: Option<Result<Detected, String>>,
}

impl Entry {
    /// A file whose bytes are all at hand.
    pub fn new(path: impl Into<String>, display: impl Into<String>, bytes: Vec<u8>) -> Entry {
        Entry { path: path.into(), display: display.into(), head: bytes, lazy: None, detected: None }
    }
    /// An archive entry inflated on demand, whose format was told from its first bytes.
    pub fn lazy(path: String, display: String, lazy: Lazy, detected: Result<Detected, String>) -> Entry {
        Entry { path, display, head: Vec::new(), lazy: Some(lazy), detected: Some(detected) }
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
    pub fn data(&self) -> Result<Cow<'_, [u8]>, String> {
        match &self.lazy {
            None => Ok(Cow::Borrowed(&self.head)),
            Some(l) => l.inflate().map(Cow::Owned),
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

/// An error that names the file it is about.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileError {
    pub file: String,
    pub message: String,
}

/// Errors collected while importing, and how many files loaded.
#[derive(Default)]
pub struct Report {
    pub errors: Vec<FileError>,
    /// Entries recognised and read (at least in part).
    pub loaded: usize,
}

impl Report {
    /// The whole bytes of `e` (inflated now if it is an archive entry), or `None` with the
    /// reason reported against it.
    pub fn data<'e>(&mut self, e: &'e Entry) -> Option<Cow<'e, [u8]>> {
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
