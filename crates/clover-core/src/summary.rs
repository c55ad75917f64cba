//! The Clover summary file: what `clover summarize` writes for exports too large for a
//! browser tab, and what the dashboard opens like an export. It holds aggregates only: the
//! load summary (counts, warnings, errors) and one `Analysis` (the numbers every view
//! draws, for the window and settings it was made with, names pseudonymised on request);
//! never a message, never a message's text.
//!
//! A summary is fixed: its window, segment, weights and targets were chosen when it was
//! made, so the dashboard shows it without filters (make another summary for another window).

use serde::{Deserialize, Serialize};

use crate::analytics::{Analysis, Params};
use crate::stats::ImportSummary;

/// The value of the `format` field that marks a summary file.
pub const FORMAT: &str = "clover-summary";
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryFile {
    /// Always [`FORMAT`].
    pub format: String,
    pub version: u32,
    /// What was imported to make it.
    pub import: ImportSummary,
    /// The settings the analysis was made with.
    pub params: Params,
    pub analysis: Analysis,
    /// Department, location and space names (the filters' lists, shown for reference).
    pub departments: Vec<String>,
    pub locations: Vec<String>,
    pub spaces: Vec<String>,
}

impl SummaryFile {
    pub fn new(
        import: ImportSummary,
        params: Params,
        analysis: Analysis,
        departments: Vec<String>,
        locations: Vec<String>,
        spaces: Vec<String>,
    ) -> Self {
        let mut import = import;
        canonical_order(&mut import);
        SummaryFile {
            format: FORMAT.to_string(),
            version: VERSION,
            import,
            params,
            analysis,
            departments,
            locations,
            spaces,
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        // Our own types always serialise.
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }
}

/// Puts a summary's errors in file order (then message) and its warnings in the order of
/// their text after the count, so that the same files give the same summary however they
/// were read: in one process, in any order, or in shards merged (docs/scaling.md).
pub fn canonical_order(s: &mut ImportSummary) {
    s.errors.sort_by(|a, b| a.file.cmp(&b.file).then_with(|| a.message.cmp(&b.message)));
    let subject = |w: &str| w.trim_start_matches(|c: char| c.is_ascii_digit()).to_string();
    s.warnings.sort_by_cached_key(|w| (subject(w), w.clone()));
}

/// Whether these bytes look like a summary file (a cheap look at the start, so that large
/// exports are not parsed twice).
pub fn is_summary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('{')
        && (t.contains(&format!("\"format\": \"{FORMAT}\"")) || t.contains(&format!("\"format\":\"{FORMAT}\"")))
}

/// Reads a summary file, or says in plain words why it cannot be read.
pub fn read(bytes: &[u8]) -> Result<SummaryFile, String> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let s: SummaryFile = serde_json::from_slice(bytes).map_err(|e| format!("not a readable Clover summary ({e})"))?;
    if s.format != FORMAT {
        return Err(format!("not a Clover summary (format {:?})", s.format));
    }
    if s.version != VERSION {
        return Err(format!("a Clover summary of version {}, and this Clover reads version {VERSION}: make it again with this version's clover summarize", s.version));
    }
    Ok(s)
}

/// The department, location and space names of a dataset, sorted as people read them, for
/// the filters (and a summary's reference lists).
pub fn filter_names(ds: &crate::Dataset) -> (Vec<String>, Vec<String>, Vec<String>) {
    let names = |pick: fn(&crate::Person) -> Option<u32>| {
        let mut v: Vec<String> =
            ds.people.iter().filter(|p| !p.bot).filter_map(pick).map(|i| ds.string(i).to_string()).collect();
        sort_names(&mut v);
        v
    };
    let mut spaces: Vec<String> =
        ds.spaces.iter().filter(|s| s.kind != crate::SpaceKind::Direct).map(|s| s.name.clone()).collect();
    sort_names(&mut spaces);
    (names(|p| p.department), names(|p| p.location), spaces)
}

fn sort_names(v: &mut Vec<String>) {
    v.retain(|s| !s.trim().is_empty());
    v.sort_by_key(|s| s.to_lowercase());
    v.dedup();
}
