//! The import dealt to a pool of workers: the browser's (src/bin/worker/) uses every core
//! of the machine without SharedArrayBuffer, by message passing, and gets the very dataset
//! one worker would.
//!
//! How (docs/performance.md): the files handed over and the entries of their ZIP archives
//! are cut into *units* by the export's layout, with the rules of the Spark job
//! (docs/scaling.md): a Slack channel's folder is a unit, a Teams export is one, a file
//! handed over alone is one; a Slack user or conversation list beside the channel folders is
//! *context*, which every worker reads for its lookups. An activity report (a per-person
//! table, not messages: a partial does not carry it) is read by the lead alone. Units keep the order the import
//! reads them in (one whose files interleave with another's joins it) and are dealt, in
//! order, into shards of about equal size ([`Layout::plan`]). The first worker (the lead)
//! imports the context and the first shard into a builder; every other worker imports its
//! shard into a [`Partial`] (the Spark job's partials: [`partial::import_partial`]), which
//! the lead merges in shard order ([`Lead`]) and finishes. A ZIP's entries travel as an
//! archive of their own compressed bytes ([`zip::Directory::part`]): no entry is inflated
//! twice, and no worker reads another's bytes.
//!
//! [`import_in_pool`] runs the same steps in one process: the tests hold it to
//! [`crate::import_files`], for every sample and any number of workers.

pub mod zip;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::import::{detect, slack, Detected, FileError, ImportOptions, ImportResult, InputFile, Progress, Report};
use crate::model::Format;
use crate::partial::{self, Merged, Partial};

/// A file handed over, as the planner sees it: its name (with its folders) and size, and
/// its central directory when it is a ZIP archive whose entries may be dealt apart.
#[derive(Clone, Debug)]
pub struct Handed {
    pub name: String,
    pub size: u64,
    pub zip: Option<zip::Directory>,
}

/// A file handed over, or an entry of one (a ZIP archive's, by its index in the directory).
/// Ordered as the import reads them: by file, then by entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    File(usize),
    Entry(usize, usize),
}

impl Item {
    fn place(self) -> (usize, usize) {
        match self {
            Item::File(i) => (i, 0),
            Item::Entry(i, j) => (i, j),
        }
    }
}

impl Ord for Item {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.place().cmp(&other.place())
    }
}

impl PartialOrd for Item {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// What one worker reads: a file handed over, or an archive of some entries of one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    File(usize),
    Part(usize, zip::Part),
}

/// The files (and entries) handed over, cut into units by their layout.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Every item in the order the import reads them, with its path for the layout, its
    /// name in messages and its size (inflated, for an entry).
    items: Vec<(Item, String, String, u64)>,
    /// Items beside folders, files handed over alone and CSV or gzip files: their first
    /// bytes say whether they are context (lookup files) or the lead's alone (activity
    /// reports) ([`lookups`]).
    candidates: Vec<usize>,
    /// Each item's unit (an index into the units, in the order of their first item).
    unit: Vec<usize>,
}

/// Which workers read which items: `context` every one, `shards[k]` worker k (the lead is
/// worker 0). Items in the order the import reads them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub context: Vec<Item>,
    pub shards: Vec<Vec<Item>>,
}

impl Layout {
    /// Cuts `handed` into units (the Spark job's rules, spark/clover_spark.py `plan`). A
    /// ZIP archive with a directory contributes its entries (under a folder of its own), the
    /// others are single files; folders, `__MACOSX/` and `.DS_Store` entries are left out
    /// (the import skips them).
    pub fn new(handed: &[Handed]) -> Layout {
        let mut items = Vec::new();
        for (i, h) in handed.iter().enumerate() {
            match &h.zip {
                Some(dir) => {
                    for (j, e) in dir.entries.iter().enumerate() {
                        if e.is_dir() || e.name.starts_with("__MACOSX/") || e.name.ends_with(".DS_Store") {
                            continue;
                        }
                        // Each archive is a folder of its own: its top is a folder like any.
                        let path = format!("\u{0}zip{i}/{}", e.name);
                        items.push((Item::Entry(i, j), path, format!("{} › {}", h.name, e.name), e.size));
                    }
                }
                None => items.push((Item::File(i), h.name.clone(), h.name.clone(), h.size)),
            }
        }
        let folder = |p: &str| p.rfind('/').map_or("", |k| &p[..k]).to_string();
        let mut with_subfolders: HashSet<String> = HashSet::new();
        let mut folder_files: HashMap<String, Vec<String>> = HashMap::new();
        for (_, p, _, _) in &items {
            let parts: Vec<&str> = p.split('/').collect();
            for k in 1..parts.len().saturating_sub(1) {
                with_subfolders.insert(parts[..k].join("/"));
            }
            folder_files.entry(folder(p)).or_default().push(parts[parts.len() - 1].to_lowercase());
        }
        // A Teams export (a folder whose subfolders hold teamsList.json or usersList.json) is
        // one unit: its importer counts accounts missing from the user list over all its files.
        let teams_roots: Vec<String> = folder_files
            .iter()
            .filter(|(d, names)| {
                d.contains('/') && names.iter().any(|n| n == "teamslist.json" || n == "userslist.json")
            })
            .map(|(d, _)| d[..d.rfind('/').unwrap_or(0)].to_string())
            .collect();
        let mut candidates = Vec::new();
        let mut unit_of: HashMap<String, usize> = HashMap::new();
        let mut unit = Vec::with_capacity(items.len());
        for (k, (item, p, _, _)) in items.iter().enumerate() {
            let f = folder(p);
            // A file handed over alone, or a CSV or gzip file (an activity report's forms),
            // is told by its first bytes too: a report is the lead's alone.
            let lower = p.to_lowercase();
            if f.is_empty() || (matches!(item, Item::File(_)) && (lower.ends_with(".csv") || lower.ends_with(".gz"))) {
                candidates.push(k);
            }
            let key = match teams_roots.iter().filter(|r| p.starts_with(&format!("{r}/"))).min() {
                Some(r) => format!("{r}/"),
                None if with_subfolders.contains(&f) => {
                    if candidates.last() != Some(&k) {
                        candidates.push(k);
                    }
                    f
                }
                None if f.is_empty() => p.clone(),
                None => f,
            };
            let n = unit_of.len();
            unit.push(*unit_of.entry(key).or_insert(n));
        }
        Layout { items, candidates, unit }
    }

    /// The items beside folders, the files handed over alone and CSV or gzip files: their
    /// content says whether they are context or the lead's alone ([`lookups`]).
    pub fn candidates(&self) -> Vec<Item> {
        self.candidates.iter().map(|&k| self.items[k].0).collect()
    }

    /// Deals the units into at most `workers` shards of about equal size, in order. The
    /// candidates named in `found.lookups` (their names in messages, [`lookups`]) are
    /// context; those in `found.lead_only` go to the lead's shard (the first); the others
    /// stay in their folder's unit.
    /// When the archives would inflate past the import's limit, one worker reads everything,
    /// so that the limit stops the import where it always did.
    pub fn plan(&self, found: &Found, workers: usize, opts: &ImportOptions) -> Plan {
        let inflated: u64 = self.items.iter().filter(|i| matches!(i.0, Item::Entry(..))).map(|i| i.3).sum();
        let workers = if inflated > opts.max_unzipped_bytes { 1 } else { workers };
        let (mut is_context, mut is_lead) = (vec![false; self.items.len()], vec![false; self.items.len()]);
        for &k in &self.candidates {
            is_context[k] = found.lookups.contains(&self.items[k].2);
            is_lead[k] = !is_context[k] && found.lead_only.contains(&self.items[k].2);
        }
        let data: Vec<usize> = (0..self.items.len()).filter(|&k| !is_context[k] && !is_lead[k]).collect();
        // Each unit's first and last place among the data items; units whose places
        // interleave are joined, so that every shard is a run of the reading order.
        let mut span: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for (pos, &k) in data.iter().enumerate() {
            let s = span.entry(self.unit[k]).or_insert((pos, pos));
            s.1 = pos;
        }
        let mut runs: Vec<(usize, usize, u64)> = Vec::new();
        let mut spans: Vec<(usize, usize)> = span.into_values().collect();
        spans.sort_unstable();
        for (a, b) in spans {
            match runs.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => runs.push((a, b, 0)),
            }
        }
        for r in &mut runs {
            r.2 = data[r.0..=r.1].iter().map(|&k| self.items[k].3).sum();
        }
        // Packed in order into shards of about equal size (the Spark job's packing).
        let total: u64 = runs.iter().map(|r| r.2).sum();
        let n = workers.clamp(1, runs.len().max(1));
        let target = total as f64 / n as f64;
        let mut shards: Vec<Vec<Item>> = Vec::new();
        let mut cur: Vec<Item> = Vec::new();
        let mut size = 0u64;
        for (a, b, bytes) in runs {
            cur.extend(data[a..=b].iter().map(|&k| self.items[k].0));
            size += bytes;
            if size as f64 >= target * (shards.len() + 1) as f64 && shards.len() < n - 1 {
                shards.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() || shards.is_empty() {
            shards.push(cur);
        }
        shards[0].extend((0..self.items.len()).filter(|&k| is_lead[k]).map(|k| self.items[k].0));
        shards[0].sort_unstable();
        let context = (0..self.items.len()).filter(|&k| is_context[k]).map(|k| self.items[k].0).collect();
        Plan { context, shards }
    }

    /// The size of the items (inflated, for entries), to deal by.
    pub fn bytes(&self, items: &[Item]) -> u64 {
        let size: HashMap<Item, u64> = self.items.iter().map(|(i, _, _, s)| (*i, *s)).collect();
        items.iter().map(|i| size.get(i).copied().unwrap_or(0)).sum()
    }

    /// How a failed shard is named: its first and last file and how many (as the Spark job
    /// names a failed shard).
    pub fn label(&self, items: &[Item]) -> String {
        let name: HashMap<Item, &str> = self.items.iter().map(|(i, _, d, _)| (*i, d.as_str())).collect();
        let names: Vec<&str> = items.iter().filter_map(|i| name.get(i).copied()).collect();
        match names.as_slice() {
            [] => "(no files)".to_string(),
            [one] => one.to_string(),
            [first, .., last] => format!("{first} … {last} ({} files)", names.len()),
        }
    }
}

impl Plan {
    /// The lead's items: the context and the first shard, in the order the import reads them.
    pub fn lead(&self) -> Vec<Item> {
        let mut all: Vec<Item> =
            self.context.iter().chain(self.shards.first().into_iter().flatten()).copied().collect();
        all.sort_unstable();
        all
    }
}

/// The pieces that carry `items` (in the order the import reads them): each file handed
/// over once, whole when all of it is wanted, else the archive of the wanted entries.
pub fn pieces(handed: &[Handed], items: &[Item]) -> Vec<Piece> {
    let mut order: Vec<usize> = Vec::new();
    let mut wanted: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for it in items {
        let (file, entry) = match *it {
            Item::File(i) => (i, None),
            Item::Entry(i, j) => (i, Some(j)),
        };
        if !wanted.contains_key(&file) {
            order.push(file);
        }
        let w = wanted.entry(file).or_default();
        w.extend(entry);
    }
    order
        .into_iter()
        .map(|i| match &handed[i].zip {
            Some(dir) => {
                let w = &wanted[&i];
                let all = dir
                    .entries
                    .iter()
                    .filter(|e| !(e.is_dir() || e.name.starts_with("__MACOSX/") || e.name.ends_with(".DS_Store")))
                    .count();
                if w.len() == all {
                    Piece::File(i)
                } else {
                    Piece::Part(i, dir.part(w))
                }
            }
            None => Piece::File(i),
        })
        .collect()
}

/// What the first bytes of the candidates say (by their names in messages).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// Lookup files, which every worker must read: a Slack user or conversation list.
    pub lookups: HashSet<String>,
    /// Files the lead reads alone: activity reports, and gzip files (Slack's daily member
    /// files, whose first bytes cannot be unpacked alone). A partial carries no report.
    pub lead_only: HashSet<String>,
}

/// What `files` (candidates, [`Layout::candidates`]) are. Only the first bytes of a large
/// file need be given: detection reads no more.
pub fn lookups(files: Vec<InputFile>) -> Found {
    let mut found = Found::default();
    let (gzip, rest): (Vec<InputFile>, Vec<InputFile>) =
        files.into_iter().partition(|f| crate::import::sniff::is_gzip(&f.bytes));
    found.lead_only.extend(gzip.into_iter().map(|f| f.name));
    let mut report = Report::default();
    for e in crate::import::archive::expand(rest, u64::MAX, &mut report) {
        match detect::detect(&e) {
            Ok(Detected::File(Format::Slack, shape)) if slack::is_lookup(&shape) => found.lookups.insert(e.display),
            Ok(Detected::File(Format::Reports, _)) => found.lead_only.insert(e.display),
            _ => false,
        };
    }
    found
}

/// A shard imported by a worker other than the lead: its files read for lookups (`context`,
/// which it does not count) and its own, into a partial.
pub fn import_shard(
    context: Vec<InputFile>,
    files: Vec<InputFile>,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(&Progress),
) -> Partial {
    partial::import_partial_with_progress(context, files, opts, progress)
}

/// The lead's side: its own files imported into a builder, then every other shard's
/// partial merged in shard order as they arrive, then the dataset finished.
pub struct Lead {
    merged: Merged,
    /// The next shard to merge, and those that came before their turn.
    next: usize,
    waiting: BTreeMap<usize, Result<Partial, FileError>>,
    shards: usize,
}

impl Lead {
    /// Imports the lead's files (the context and the first shard) for a pool of `shards`.
    pub fn new(
        files: Vec<InputFile>,
        shards: usize,
        opts: &ImportOptions,
        progress: &mut dyn FnMut(&Progress),
    ) -> Lead {
        let (builder, report) = crate::import::import_unfinished(files, opts, progress);
        Lead {
            merged: Merged { builder, errors: report.errors, files_loaded: report.loaded as u64 },
            next: 1,
            waiting: BTreeMap::new(),
            shards,
        }
    }

    /// Shard `index`'s partial, or why the worker that read it stopped (its files then
    /// count as not loaded, named by that error). Merged once every shard before it is.
    pub fn add(&mut self, index: usize, shard: Result<Partial, FileError>) {
        if index < self.next || index >= self.shards {
            return;
        }
        self.waiting.insert(index, shard);
        while let Some(s) = self.waiting.remove(&self.next) {
            match s {
                Ok(p) => {
                    self.merged.files_loaded += p.files_loaded;
                    self.merged.errors.extend(p.errors.iter().cloned());
                    self.merged.builder.merge_partial(p);
                }
                Err(e) => self.merged.errors.push(e),
            }
            self.next += 1;
        }
    }

    /// Errors found before the import (files that could not be read), named with the others.
    pub fn note(&mut self, errors: Vec<FileError>) {
        self.merged.errors.extend(errors);
    }

    /// Whether every shard has been merged.
    pub fn complete(&self) -> bool {
        self.next >= self.shards
    }

    /// Finishes the dataset (replies linked, the roster joined, messages sorted).
    pub fn finish(self) -> ImportResult {
        self.merged.finish()
    }
}

/// The sentence a shard whose worker stopped is named with.
pub fn shard_failed(label: &str, why: &str) -> FileError {
    FileError {
        file: label.to_string(),
        message: format!(
            "this part of the load stopped ({why}): its files are not counted, the others are; try again, or use the clover command-line tool"
        ),
    }
}

/// Files smaller than this are never opened to find a ZIP directory: a folder's thousands
/// of small files would each cost the browser a read, and a small archive is quickly read
/// whole by one worker.
pub const PEEK_MIN: u64 = 1 << 20;

/// The whole pool in one process, `workers` of them, with partials encoded and decoded as
/// they cross between workers: what the browser's pool does, step by step. Archives of at
/// least `peek_min` bytes are dealt by their entries.
pub fn import_in_pool(files: Vec<InputFile>, workers: usize, peek_min: u64, opts: &ImportOptions) -> ImportResult {
    let handed: Vec<Handed> = files
        .iter()
        .map(|f| Handed {
            name: f.name.clone(),
            size: f.bytes.len() as u64,
            zip: if f.bytes.len() as u64 >= peek_min && crate::import::is_zip(&f.bytes) {
                zip::directory_of(&f.bytes)
            } else {
                None
            },
        })
        .collect();
    let layout = Layout::new(&handed);
    let read = |pieces: Vec<Piece>| -> Vec<InputFile> {
        pieces
            .into_iter()
            .map(|p| match p {
                Piece::File(i) => files[i].clone(),
                Piece::Part(i, part) => {
                    InputFile::new(files[i].name.clone(), part.bytes_from(&files[i].bytes).unwrap_or_default())
                }
            })
            .collect()
    };
    let found = lookups(read(pieces(&handed, &layout.candidates())));
    let plan = layout.plan(&found, workers, opts);
    let mut lead = Lead::new(read(pieces(&handed, &plan.lead())), plan.shards.len(), opts, &mut |_| {});
    for (k, shard) in plan.shards.iter().enumerate().skip(1) {
        let p = import_shard(read(pieces(&handed, &plan.context)), read(pieces(&handed, shard)), opts, &mut |_| {});
        let crossed = Partial::decode(&p.encode()).map_err(|e| shard_failed(&layout.label(shard), &e));
        lead.add(k, crossed);
    }
    lead.finish()
}
