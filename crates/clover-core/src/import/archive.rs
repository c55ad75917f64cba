//! Opening ZIP archives (a Slack export as downloaded, a Teams or Viva Engage export) and
//! gzip files (Slack's daily analytics files), bounded so that a small hostile archive
//! cannot inflate into gigabytes: everything inflated counts against one budget.

use std::io::{Cursor, Read};
use std::sync::{Arc, Mutex};

use super::detect::detect_head;
use super::entry::{Entry, InputFile, Lazy, Open, Report, Source};
use super::sniff::{is_gzip, is_zip, settled, SNIFF_BYTES};

/// How much of an entry is inflated when the archive is opened: entries this small are
/// kept whole; of a bigger one, enough to tell its format (usually the first element of a
/// list, else the sniffer's window after a byte-order mark) is read, its format noted and
/// those bytes dropped. It is inflated again, whole, when its importer reads it. So what is
/// held between opening and importing is about 4 KB per entry at most, whatever the export's
/// size, at the cost of inflating a few KB of each big entry twice.
const FIRST_BYTES: usize = 4096;
const HEAD_BYTES: usize = SNIFF_BYTES + 16;

type Archive = zip::ZipArchive<Box<dyn Source>>;

/// Inflates the whole entry `index`, never past its declared `size` (the ZIP reader
/// refuses to).
fn inflate(archive: &Mutex<Archive>, index: usize, size: u64) -> Result<Vec<u8>, String> {
    let mut zip = archive.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut file = zip.by_index(index).map_err(|e| format!("cannot be read: {e}"))?;
    let mut data = Vec::with_capacity(size.min(1 << 30) as usize);
    match (&mut file).take(size).read_to_end(&mut data) {
        Ok(_) => Ok(data),
        Err(e) => Err(inflate_error(&e)),
    }
}

fn inflate_error(e: &std::io::Error) -> String {
    format!("cannot be inflated: {e}; the archive may be truncated or damaged")
}

/// Turns the user's files into entries: loose files as they are, archives opened (one
/// level of nested archives too). Stops inflating once `limit` bytes came out in total.
pub fn expand(files: Vec<InputFile>, limit: u64, report: &mut Report) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut budget = limit;
    for f in files {
        if let Some(shared) = &f.archive {
            match shared.take() {
                Some(source) => open_zip(&f.name, &f.name, source, &mut budget, limit, 1, &mut out, report),
                None => report.error(&f.name, "this archive was already read"),
            }
        } else if let Some((open, size)) = f.lazy {
            loose(f.name, open, size, &mut budget, limit, &mut out, report);
        } else if is_zip(&f.bytes) {
            open_zip(&f.name, &f.name, Box::new(Cursor::new(f.bytes)), &mut budget, limit, 1, &mut out, report);
        } else if is_gzip(&f.bytes) {
            if let Some(e) = gunzip(&f.name, &f.name, &f.bytes, &mut budget, limit, report) {
                out.push(e);
            }
        } else {
            out.push(Entry::new(f.name.clone(), f.name, f.bytes));
        }
    }
    out
}

/// The first bytes of a file or an entry of `size` bytes (as declared) read from `r`: enough
/// to tell its format (see [`FIRST_BYTES`]), and whether that was the whole of it (a byte
/// read to find out is kept).
fn head_of(r: &mut dyn Read, size: u64) -> std::io::Result<(Vec<u8>, bool)> {
    let mut head = Vec::with_capacity(size.min(FIRST_BYTES as u64) as usize);
    r.take(FIRST_BYTES as u64).read_to_end(&mut head)?;
    if head.len() == FIRST_BYTES && !is_zip(&head) && settled(&head).is_none() {
        r.take((HEAD_BYTES - FIRST_BYTES) as u64).read_to_end(&mut head)?;
    }
    let mut probe = [0u8];
    let whole = match r.read(&mut probe)? {
        0 => true,
        _ => {
            head.push(probe[0]);
            false
        }
    };
    Ok((head, whole))
}

/// A file read where it lies: kept whole when small, else noted with its format and read
/// again, whole, when its importer reads it (as an archive's entries are).
fn loose(name: String, open: Open, size: u64, budget: &mut u64, limit: u64, out: &mut Vec<Entry>, report: &mut Report) {
    let unreadable = |e: std::io::Error| format!("cannot read file: {e}");
    let read = open().and_then(|mut r| head_of(&mut r, size).map(|(head, whole)| (r, head, whole)));
    let (mut r, head, whole) = match read {
        Ok(x) => x,
        Err(e) => return report.error(&name, unreadable(e)),
    };
    if is_zip(&head) || is_gzip(&head) {
        // An archive is read whole and opened as a dropped one is (a gzip file too, even a
        // small one: it is never an entry as it lies).
        let mut data = head;
        if !whole {
            if let Err(e) = r.read_to_end(&mut data) {
                return report.error(&name, unreadable(e));
            }
        }
        if is_zip(&data) {
            open_zip(&name, &name, Box::new(Cursor::new(data)), budget, limit, 1, out, report);
        } else if let Some(e) = gunzip(&name, &name, &data, budget, limit, report) {
            out.push(e);
        }
    } else if whole {
        out.push(Entry::new(name.clone(), name, head));
    } else {
        let detected = detect_head(&head);
        let lazy = Lazy::new(size, move || {
            let mut data = Vec::with_capacity(size.min(1 << 30) as usize);
            open().and_then(|mut r| r.read_to_end(&mut data)).map_err(unreadable)?;
            Ok(data)
        });
        out.push(Entry::lazy(name.clone(), name, lazy, detected));
    }
}

#[allow(clippy::too_many_arguments)]
fn open_zip(
    name: &str,
    display: &str,
    source: Box<dyn Source>,
    budget: &mut u64,
    limit: u64,
    nesting_left: u32,
    out: &mut Vec<Entry>,
    report: &mut Report,
) {
    let mut zip: Archive = match zip::ZipArchive::new(source) {
        Ok(z) => z,
        Err(e) => {
            report.error(display, format!("not a readable ZIP archive ({e}); it may be truncated"));
            return;
        }
    };
    // Entries that share compressed bytes (a few KB of central directory pointing many
    // times at one deflated block) are how the smallest ZIP bombs inflate to terabytes.
    // No export tool writes them: refuse the archive before inflating anything.
    if zip.has_overlapping_files().unwrap_or(false) {
        report.error(
            display,
            "refused: entries of this archive overlap (they share their compressed bytes), the mark of a ZIP bomb; no export is written like this",
        );
        return;
    }
    let prefix_len = common_root_len(&mut zip);
    let count = zip.len();
    let shared = Arc::new(Mutex::new(zip));
    let mut zip = shared.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    for i in 0..count {
        let mut file = match zip.by_index(i) {
            Ok(f) => f,
            Err(e) => {
                report.error(display, format!("entry {} cannot be read: {e}", i + 1));
                continue;
            }
        };
        if file.is_dir() {
            continue;
        }
        let path = match file.name() {
            Ok(n) => n.to_string(),
            Err(_) => format!("entry-{}", i + 1),
        };
        if path.starts_with("__MACOSX/") || path.ends_with(".DS_Store") {
            continue;
        }
        let entry_display = format!("{display} › {path}");
        let declared = file.size();
        if declared > *budget {
            report.error(
                &entry_display,
                format!(
                    "stopped: this entry would inflate to {} and the archive limit is {} in total (a ZIP bomb, or an export too large for the browser: use the clover CLI)",
                    human_bytes(declared),
                    human_bytes(limit)
                ),
            );
            *budget = 0;
            return;
        }
        // The first bytes now (they tell the format); the rest when the entry is read.
        let (head, whole) = match head_of(&mut file, declared) {
            Ok(x) => x,
            Err(e) => {
                report.error(&entry_display, inflate_error(&e));
                continue;
            }
        };
        let rel = path.get(prefix_len..).unwrap_or(&path).to_string();
        if is_zip(&head) && nesting_left > 0 {
            // An archive inside: inflated whole to be opened.
            let data = match inflate_whole(&mut file, head, budget, limit, &entry_display, report) {
                Whole::Bytes(d) => d,
                Whole::Skip => continue,
                Whole::Stop => return,
            };
            drop(file);
            open_zip(&rel, &entry_display, Box::new(Cursor::new(data)), budget, limit, nesting_left - 1, out, report);
            continue;
        }
        if is_gzip(&head) {
            // A gzip file inside: inflated whole (never past the budget), then gunzipped.
            let data = match inflate_whole(&mut file, head, budget, limit, &entry_display, report) {
                Whole::Bytes(d) => d,
                Whole::Skip => continue,
                Whole::Stop => return,
            };
            drop(file);
            if let Some(e) = gunzip(&rel, &entry_display, &data, budget, limit, report) {
                out.push(e);
            }
            continue;
        }
        *budget -= declared;
        let _ = name;
        if whole {
            out.push(Entry::new(rel, entry_display, head));
        } else {
            let archive = Arc::clone(&shared);
            let lazy = Lazy::new(declared, move || inflate(&archive, i, declared));
            out.push(Entry::lazy(rel, entry_display, lazy, detect_head(&head)));
        }
    }
}

/// An entry read whole: its bytes, or why not.
enum Whole {
    Bytes(Vec<u8>),
    /// It could not be inflated (reported): the next entry is read.
    Skip,
    /// It would pass the budget (reported): the import stops reading archives.
    Stop,
}

/// The rest of an entry after its first bytes `head`, inflated within what is left of the
/// budget, which it uses up. Never trusts the declared size: reads at most the budget plus one
/// byte.
fn inflate_whole(
    file: impl Read,
    mut data: Vec<u8>,
    budget: &mut u64,
    limit: u64,
    display: &str,
    report: &mut Report,
) -> Whole {
    let left = (*budget + 1).saturating_sub(data.len() as u64);
    if let Err(e) = file.take(left).read_to_end(&mut data) {
        report.error(display, inflate_error(&e));
        return Whole::Skip;
    }
    if data.len() as u64 > *budget {
        report.error(display, past_limit(limit));
        *budget = 0;
        return Whole::Stop;
    }
    *budget -= data.len() as u64;
    Whole::Bytes(data)
}

fn past_limit(limit: u64) -> String {
    format!(
        "stopped: the archive inflates past its limit of {} (a ZIP bomb, or an export too large for the browser: use the clover CLI)",
        human_bytes(limit)
    )
}

/// A gzip file (`name` for its layout, `display` for messages) inflated within what is left
/// of the budget: the entry it holds, named without its `.gz`; or `None`, reported.
fn gunzip(name: &str, display: &str, bytes: &[u8], budget: &mut u64, limit: u64, report: &mut Report) -> Option<Entry> {
    let mut data = Vec::new();
    let mut reader = flate2::read::MultiGzDecoder::new(bytes).take(*budget + 1);
    if let Err(e) = reader.read_to_end(&mut data) {
        report.error(display, format!("cannot be gunzipped: {e}; the file may be truncated or damaged"));
        return None;
    }
    if data.len() as u64 > *budget {
        report.error(display, past_limit(limit));
        *budget = 0;
        return None;
    }
    *budget -= data.len() as u64;
    if is_gzip(&data) || is_zip(&data) {
        report.error(
            display,
            "an archive inside a gzip file, which Clover does not open: gunzip it and drop what it holds",
        );
        return None;
    }
    let path = name.strip_suffix(".gz").or_else(|| name.strip_suffix(".GZ")).unwrap_or(name);
    Some(Entry::new(path.to_string(), display.to_string(), data))
}

/// Length of a folder prefix shared by every entry (`export/` in `export/users.json`),
/// so that layouts are read the same whether or not the archive has a root folder.
fn common_root_len<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> usize {
    let names: Vec<String> = zip.file_names().filter_map(|n| n.ok().map(|n| n.to_string())).collect();
    common_root(names.iter().map(String::as_str))
}

/// [`common_root_len`] of these entry names, in the archive's order (the import's pool
/// keeps it when it reads some entries of an archive apart: `pool::zip`).
pub(crate) fn common_root<'a>(names: impl Iterator<Item = &'a str> + Clone) -> usize {
    let mut names = names.filter(|n| !n.starts_with("__MACOSX/"));
    let Some(first) = names.clone().next() else { return 0 };
    let Some(slash) = first.find('/') else { return 0 };
    let root = &first[..=slash];
    let shared = names.all(|n| n.starts_with(root) && n.len() > root.len() || n == root);
    // Keep well-known layout folders (Slack Grid's teams/, Teams' users/) that are meaningful.
    if shared && !matches!(root, "teams/" | "users/") {
        root.len()
    } else {
        0
    }
}

pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1000.0 && u < UNITS.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} bytes")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}
