//! Opening ZIP archives (a Slack export as downloaded, a Teams or Viva Engage export),
//! bounded so that a small hostile archive cannot inflate into gigabytes.

use std::io::{Cursor, Read};

use super::{Entry, InputFile, Report};

fn is_zip(b: &[u8]) -> bool {
    b.starts_with(b"PK\x03\x04") || b.starts_with(b"PK\x05\x06")
}

/// Turns the user's files into entries: loose files as they are, archives opened (one
/// level of nested archives too). Stops inflating once `limit` bytes came out in total.
pub fn expand(files: Vec<InputFile>, limit: u64, report: &mut Report) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut budget = limit;
    for f in files {
        if is_zip(&f.bytes) {
            open_zip(&f.name, &f.name, f.bytes, &mut budget, limit, 1, &mut out, report);
        } else {
            out.push(Entry { path: f.name.clone(), display: f.name, bytes: f.bytes });
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn open_zip(
    name: &str,
    display: &str,
    bytes: Vec<u8>,
    budget: &mut u64,
    limit: u64,
    nesting_left: u32,
    out: &mut Vec<Entry>,
    report: &mut Report,
) {
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
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
    for i in 0..zip.len() {
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
        let mut data = Vec::with_capacity(declared.min(64 << 20) as usize);
        // Never trust the declared size: read at most the budget plus one byte.
        let read = (&mut file).take(*budget + 1).read_to_end(&mut data);
        if let Err(e) = read {
            report.error(&entry_display, format!("cannot be inflated: {e}; the archive may be truncated or damaged"));
            continue;
        }
        if data.len() as u64 > *budget {
            report.error(
                &entry_display,
                format!(
                    "stopped: the archive inflates past its limit of {} (a ZIP bomb, or an export too large for the browser: use the clover CLI)",
                    human_bytes(limit)
                ),
            );
            *budget = 0;
            return;
        }
        *budget -= data.len() as u64;
        let rel = path.get(prefix_len..).unwrap_or(&path).to_string();
        if is_zip(&data) && nesting_left > 0 {
            open_zip(&rel, &entry_display, data, budget, limit, nesting_left - 1, out, report);
            continue;
        }
        let _ = name;
        out.push(Entry { path: rel, display: entry_display, bytes: data });
    }
}

/// Length of a folder prefix shared by every entry (`export/` in `export/users.json`),
/// so that layouts are read the same whether or not the archive has a root folder.
fn common_root_len<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> usize {
    let names: Vec<String> = zip.file_names().filter_map(|n| n.ok().map(|n| n.to_string())).collect();
    let Some(first) = names.iter().find(|n| !n.starts_with("__MACOSX/")) else { return 0 };
    let Some(slash) = first.find('/') else { return 0 };
    let root = &first[..=slash];
    let shared = names.iter().filter(|n| !n.starts_with("__MACOSX/")).all(|n| n.starts_with(root) && n.len() > root.len() || n == root);
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
