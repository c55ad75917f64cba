//! Building a [`Dataset`]: what importers hand over (people, spaces, message drafts,
//! reactions, roster rows, counted warnings) and [`Builder::finish`], which sorts, resolves and
//! freezes it.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::dataset::*;
use super::reports::*;

/// What an importer knows about a person. `None` fields leave what is known untouched, so
/// several files (users.json, a roster, message authors) can each add what they know.
#[derive(Clone, Debug, Default)]
pub struct PersonInfo {
    pub name: Option<String>,
    pub email: Option<String>,
    pub title: Option<String>,
    pub department: Option<String>,
    pub location: Option<String>,
    pub leader: Option<bool>,
    pub bot: Option<bool>,
    pub deactivated: Option<bool>,
    pub joined_ms: Option<i64>,
}

/// A message as an importer hands it over. Keys are namespaced by the importer
/// (e.g. `slack:C024BE91L:1452845865.000008`) and resolved when the dataset is finished,
/// so replies may arrive before their parents and files in any order.
#[derive(Clone, Debug)]
pub struct MessageDraft<'a> {
    pub key: &'a str,
    pub space: u32,
    pub author: u32,
    pub time_ms: i64,
    /// Post, Reply or System as the source says; Bot is decided later from the author.
    pub kind: MessageKind,
    /// The source marks the message as sent by a bot or integration.
    pub by_bot: bool,
    /// Key of the message this answers (for a reply).
    pub parent: Option<String>,
    /// Key of the thread's root, where the source gives it (defaults to the parent's root).
    pub root: Option<String>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct DraftRow {
    pub(crate) time: i64,
    pub(crate) space: u32,
    pub(crate) author: u32,
    pub(crate) kind: MessageKind,
    pub(crate) by_bot: bool,
    pub(crate) parent: u64,
    pub(crate) root: u64,
}

pub(crate) const NO_KEY: u64 = 0;

/// A counted warning's template with its count: `{n}` the count, `{s}` a plural "s", and
/// `{one|many}` the form that agrees with the count. Other braces are kept as they are.
pub fn render_count(template: &str, n: u64) -> String {
    let mut out = String::with_capacity(template.len() + 8);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = &after[..close];
        match inner {
            "n" => out.push_str(&n.to_string()),
            "s" => out.push_str(if n == 1 { "" } else { "s" }),
            _ => match inner.split_once('|') {
                Some((one, many)) => out.push_str(if n == 1 { one } else { many }),
                None => {
                    out.push('{');
                    out.push_str(inner);
                    out.push('}');
                }
            },
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Counted warnings: the same template seen 312 times is one line, "312 bot messages skipped".
#[derive(Clone, Debug, Default)]
pub struct Warnings {
    counts: Vec<(String, u64)>,
    index: HashMap<String, usize>,
}

impl Warnings {
    /// Adds `n` to the warning whose text is `template`: `{n}` in it is replaced by the count,
    /// `{s}` by an "s" unless the count is 1, and `{one|many}` by the word that agrees with it
    /// ("1 file was skipped", "3 files were skipped").
    pub fn add(&mut self, template: impl Into<String>, n: u64) {
        if n == 0 {
            return;
        }
        let t = template.into();
        match self.index.get(&t) {
            Some(&i) => self.counts[i].1 += n,
            None => {
                self.index.insert(t.clone(), self.counts.len());
                self.counts.push((t, n));
            }
        }
    }
    pub fn render(&self) -> Vec<String> {
        self.counts.iter().map(|(t, n)| render_count(t, *n)).collect()
    }
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
    /// Each template and its count, in the order first added.
    pub fn counts(&self) -> &[(String, u64)] {
        &self.counts
    }
    /// The templates and their counts, in the order first seen.
    pub fn into_counts(self) -> Vec<(String, u64)> {
        self.counts
    }
    /// Takes `n` away from a template's count (a count reaching 0 drops the warning): how a
    /// shard leaves out what its context files added (see [`crate::partial`]).
    pub fn subtract(&mut self, template: &str, n: u64) {
        if let Some(&i) = self.index.get(template) {
            self.counts[i].1 = self.counts[i].1.saturating_sub(n);
            if self.counts[i].1 == 0 {
                self.counts.remove(i);
                self.index = self.counts.iter().enumerate().map(|(i, (t, _))| (t.clone(), i)).collect();
            }
        }
    }
}

/// A roster row, joined to people by email, then id, then exact name.
#[derive(Clone, Debug, Default)]
pub struct RosterRow {
    pub id: Option<String>,
    pub email: Option<String>,
    pub info: PersonInfo,
}

/// Accumulates what importers read, then [`Builder::finish`] sorts, resolves and freezes it.
#[derive(Default)]
pub struct Builder {
    pub formats: BTreeSet<Format>,
    pub(crate) people: Vec<Person>,
    pub(crate) person_index: HashMap<String, u32>,
    /// People some file described (not only named as an author).
    pub(crate) described: Vec<bool>,
    pub(crate) spaces: Vec<Space>,
    pub(crate) space_index: HashMap<String, u32>,
    pub(crate) rows: Vec<DraftRow>,
    pub(crate) row_keys: RowKeys,
    pub(crate) reactions: Vec<(u32, u32, u32, i64)>,
    pub(crate) reaction_seen: HashSet<(u32, u32, u32)>,
    pub(crate) mentions: Vec<(u32, u32)>,
    pub(crate) strings: Vec<String>,
    pub(crate) string_index: HashMap<String, u32>,
    pub(crate) roster_rows: Vec<RosterRow>,
    pub(crate) roster_headcount: Option<u64>,
    pub(crate) roster_matched: u64,
    pub(crate) roster_start_dates: u64,
    /// People whose leader flag a file stated (a roster's leader column, Clover JSON's
    /// `leader`): job titles decide leadership only for the others.
    pub(crate) leader_stated: Vec<bool>,
    pub warnings: Warnings,
    /// Words that mark a title as a leader's when no roster says so.
    pub leader_title_words: Vec<String>,
    /// People whose name a file gave (not the id shown by default).
    pub(crate) name_given: Vec<bool>,
    /// People described again under the same id with a different name.
    pub(crate) renamed: HashSet<u32>,
    /// Messages added again under a key already seen.
    pub(crate) duplicate_messages: u64,
    /// Names, titles, departments, locations and emoji cut to [`MAX_NAME_CHARS`].
    pub(crate) cut_names: u64,
    // What a merge of shards needs beyond the above to act exactly as if one process had
    // read every file: which flags a file stated (not left at their default), which
    // interned strings were cut, which spaces a file described. The fields are
    // crate-visible because crate::partial writes a builder out and merges one in.
    /// Per person: [`STATED_BOT`], [`STATED_DEACTIVATED`], [`STATED_LISTED`].
    pub(crate) stated: Vec<u8>,
    pub(crate) string_cut: Vec<bool>,
    pub(crate) space_described: Vec<bool>,
    pub(crate) space_name_given: Vec<bool>,
    /// Activity reports, kept apart from the people and messages above.
    pub(crate) reports: Reports,
    pub(crate) report_index: HashMap<String, u32>,
    /// Report people whose leader flag a roster stated.
    pub(crate) report_leader_stated: Vec<bool>,
}

/// The earlier of a join date known and a new one; a possible time always beats an
/// impossible one (which `finish` forgets with a warning).
pub(crate) fn earliest(known: Option<i64>, new: i64) -> i64 {
    match known {
        None => new,
        Some(k) => match (possible_time(k), possible_time(new)) {
            (true, false) => k,
            (false, true) => new,
            _ => k.min(new),
        },
    }
}

pub(crate) const STATED_BOT: u8 = 1;
pub(crate) const STATED_DEACTIVATED: u8 = 2;
/// The person is on a member list the export holds (Slack's users.json, Teams members,
/// Mattermost users, Viva Engage users, Clover JSON's people), not only seen taking part.
pub(crate) const STATED_LISTED: u8 = 4;

/// Words in a job title that mark a leader when no roster flags leaders (documented in
/// docs/formats.md; the app and the CLI can replace the list).
pub const DEFAULT_LEADER_TITLE_WORDS: &[&str] = &[
    "chief",
    "ceo",
    "cio",
    "cto",
    "cfo",
    "coo",
    "cmo",
    "chro",
    "cdo",
    "vp",
    "svp",
    "evp",
    "vice president",
    "director",
    "head of",
    "managing director",
    "president",
    "founder",
    "general manager",
    "partner",
];

/// The messages' keys (as hashes, see [`key_hash`]) and their rows: each row's hash, and an
/// open-addressing table of rows by hash, 4 bytes a slot, at most half full. A hash map of
/// hash → row took 16 bytes a slot (with up to twice as many slots as keys, and both tables
/// alive while it grew): on a big export, more than the draft rows themselves.
#[derive(Default)]
pub(crate) struct RowKeys {
    /// Row `i`'s key hash.
    hash: Vec<u64>,
    /// Row + 1, or 0 for an empty slot; a power of two long.
    slots: Vec<u32>,
}

impl RowKeys {
    fn slot(&self, h: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    /// The row with key hash `h`.
    pub(crate) fn get(&self, h: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(h);
        loop {
            match self.slots[i] {
                0 => return None,
                s if self.hash[s as usize - 1] == h => return Some(s - 1),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Adds the next row, with key hash `h` (not yet in the table).
    pub(crate) fn push(&mut self, h: u64) {
        self.hash.push(h);
        if 2 * self.hash.len() > self.slots.len() {
            let n = (2 * self.hash.len()).next_power_of_two().max(1024);
            self.slots = vec![0; n];
            for row in 0..self.hash.len() {
                self.place(row);
            }
        } else {
            self.place(self.hash.len() - 1);
        }
    }

    fn place(&mut self, row: usize) {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(self.hash[row]);
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = row as u32 + 1;
    }

    /// Each row's key hash, in row order.
    pub(crate) fn hashes(&self) -> &[u64] {
        &self.hash
    }

    /// Keeps the rows `keep` says to keep, in order (the others are dropped with their keys).
    fn retain(&mut self, keep: impl Fn(usize) -> bool) {
        let hash: Vec<u64> =
            std::mem::take(&mut self.hash).into_iter().enumerate().filter(|(i, _)| keep(*i)).map(|(_, h)| h).collect();
        *self = RowKeys::default();
        for h in hash {
            self.push(h);
        }
    }
}

/// 64-bit FNV-1a of a message key. 0 is reserved for "no key".
fn key_hash(key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h.max(1)
}

impl Builder {
    pub fn new() -> Self {
        Builder {
            leader_title_words: DEFAULT_LEADER_TITLE_WORDS.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    pub fn intern(&mut self, s: &str) -> u32 {
        let (s, cut) = fit_name(s);
        let s = s.as_ref();
        if let Some(&i) = self.string_index.get(s) {
            return i;
        }
        // Counted once per string kept, not per use (an emoji on a thousand reactions).
        self.cut_names += cut as u64;
        let i = self.strings.len() as u32;
        self.string_cut.push(cut);
        self.strings.push(s.to_string());
        self.string_index.insert(s.to_string(), i);
        i
    }

    /// The person with this (namespaced) key, created on first sight and named by the key
    /// until a file describes them.
    pub fn person(&mut self, key: &str) -> u32 {
        if let Some(&i) = self.person_index.get(key) {
            return i;
        }
        let i = self.people.len() as u32;
        let shown = key.split_once(':').map_or(key, |(_, rest)| rest);
        let (shown, cut) = fit_name(shown);
        self.cut_names += cut as u64;
        self.people.push(Person { key: key.to_string(), name: shown.into_owned(), ..Default::default() });
        self.described.push(false);
        self.leader_stated.push(false);
        self.name_given.push(false);
        self.stated.push(0);
        self.person_index.insert(key.to_string(), i);
        i
    }

    pub fn find_person(&self, key: &str) -> Option<u32> {
        self.person_index.get(key).copied()
    }

    /// Records what a file says about a person; marks them as described. A later
    /// description wins field by field; a different name for the same id is counted.
    pub fn describe_person(&mut self, idx: u32, info: PersonInfo) {
        self.described[idx as usize] = true;
        if let Some(n) = info.name.as_deref().filter(|n| !n.trim().is_empty()) {
            if self.name_given[idx as usize] && fit_name(n).0 != self.people[idx as usize].name {
                self.renamed.insert(idx);
            }
            self.name_given[idx as usize] = true;
        }
        self.apply_info(idx, info);
    }

    /// Marks a person as on the export's member list (see [`STATED_LISTED`]). An export
    /// with nobody listed has no member list: its "members" are the people seen taking part.
    pub fn list_person(&mut self, idx: u32) {
        self.stated[idx as usize] |= STATED_LISTED;
    }

    /// Records that a person had joined by `ms` (a join event): the earliest such time is
    /// their join date.
    pub fn joined(&mut self, idx: u32, ms: i64) {
        let p = &mut self.people[idx as usize];
        p.joined_ms = Some(earliest(p.joined_ms, ms));
    }

    /// `s` cut to [`MAX_NAME_CHARS`], counting the cut.
    fn fit(&mut self, s: String) -> String {
        match fit_name(&s) {
            (_, false) => s,
            (short, true) => {
                self.cut_names += 1;
                short.into_owned()
            }
        }
    }

    fn apply_info(&mut self, idx: u32, info: PersonInfo) {
        let dept = info.department.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|d| self.intern(d));
        let loc = info.location.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|d| self.intern(d));
        let name = info.name.filter(|n| !n.trim().is_empty()).map(|n| self.fit(n));
        let title = info.title.filter(|t| !t.trim().is_empty()).map(|t| self.fit(t));
        let p = &mut self.people[idx as usize];
        if let Some(n) = name {
            p.name = n;
        }
        if let Some(e) = info.email.filter(|e| !e.trim().is_empty()) {
            p.email = Some(e);
        }
        if let Some(t) = title {
            p.title = Some(t);
        }
        if dept.is_some() {
            p.department = dept;
        }
        if loc.is_some() {
            p.location = loc;
        }
        if let Some(l) = info.leader {
            p.leader = l;
            self.leader_stated[idx as usize] = true;
        }
        if let Some(b) = info.bot {
            p.bot = b;
            self.stated[idx as usize] |= STATED_BOT;
        }
        if let Some(d) = info.deactivated {
            p.deactivated = d;
            self.stated[idx as usize] |= STATED_DEACTIVATED;
        }
        if let Some(j) = info.joined_ms {
            // The earliest evidence of joining wins (a roster's start date, a join event):
            // the same whatever order files are read in.
            p.joined_ms = Some(earliest(p.joined_ms, j));
        }
    }

    pub fn person_ref(&self, idx: u32) -> &Person {
        &self.people[idx as usize]
    }

    /// The space with this key, created on first sight as a public channel named by the key.
    pub fn space(&mut self, key: &str) -> u32 {
        if let Some(&i) = self.space_index.get(key) {
            return i;
        }
        let i = self.spaces.len() as u32;
        let shown = key.split_once(':').map_or(key, |(_, rest)| rest);
        let (shown, cut) = fit_name(shown);
        self.cut_names += cut as u64;
        self.spaces.push(Space {
            key: key.to_string(),
            name: shown.into_owned(),
            kind: SpaceKind::Channel,
            public: true,
        });
        self.space_described.push(false);
        self.space_name_given.push(false);
        self.space_index.insert(key.to_string(), i);
        i
    }

    pub fn find_space(&self, key: &str) -> Option<u32> {
        self.space_index.get(key).copied()
    }

    pub fn describe_space(&mut self, idx: u32, name: Option<&str>, kind: SpaceKind, public: Option<bool>) {
        let name = name.filter(|n| !n.trim().is_empty()).map(|n| self.fit(n.to_string()));
        self.space_described[idx as usize] = true;
        self.space_name_given[idx as usize] |= name.is_some();
        let s = &mut self.spaces[idx as usize];
        if let Some(n) = name {
            s.name = n;
        }
        s.kind = kind;
        s.public = public.unwrap_or(kind.default_public());
    }

    /// Adds a message. Returns its row and whether it is new: the same key seen again
    /// (the same message in two files) is kept once, and its reactions merge.
    pub fn message(&mut self, m: MessageDraft<'_>) -> (u32, bool) {
        let h = key_hash(m.key);
        if let Some(row) = self.row_keys.get(h) {
            self.duplicate_messages += 1;
            return (row, false);
        }
        let row = self.rows.len() as u32;
        self.rows.push(DraftRow {
            time: m.time_ms,
            space: m.space,
            author: m.author,
            kind: m.kind,
            by_bot: m.by_bot,
            parent: m.parent.as_deref().map_or(NO_KEY, key_hash),
            root: m.root.as_deref().map_or(NO_KEY, key_hash),
        });
        self.row_keys.push(h);
        (row, true)
    }

    /// Whether a message with this key was already added.
    pub fn has_message(&self, key: &str) -> bool {
        self.row_keys.get(key_hash(key)).is_some()
    }

    /// A reaction; the same (person, message, emoji) counts once. `time_ms` defaults to the message's.
    /// Adds a reaction; false when the same person's same emoji on the same message was
    /// already there (it counts once).
    pub fn reaction(&mut self, message: u32, person: u32, emoji: &str, time_ms: Option<i64>) -> bool {
        let e = self.intern(emoji);
        let new = self.reaction_seen.insert((message, person, e));
        if new {
            let t = time_ms.unwrap_or_else(|| self.rows.get(message as usize).map_or(0, |r| r.time));
            self.reactions.push((message, person, e, t));
        }
        new
    }

    pub fn mention(&mut self, message: u32, person: u32) {
        self.mentions.push((message, person));
    }

    pub fn roster_row(&mut self, row: RosterRow) {
        self.roster_rows.push(row);
    }

    pub fn roster_headcount(&mut self, n: u64) {
        self.roster_headcount = Some(self.roster_headcount.unwrap_or(0).max(n));
    }

    pub fn message_count(&self) -> usize {
        self.rows.len()
    }

    /// The activity-report person with this key (`email:<address>` when the report gives
    /// one, else the product's own key), created on first sight. A name given later replaces
    /// one made up from the key; an email and a title are kept once known.
    pub fn report_person(
        &mut self,
        key: &str,
        name: Option<&str>,
        email: Option<&str>,
        concealed: bool,
        title: Option<&str>,
    ) -> u32 {
        let name = name.map(str::trim).filter(|n| !n.is_empty()).map(|n| self.fit(n.to_string()));
        let title = title.map(str::trim).filter(|t| !t.is_empty()).map(|t| self.fit(t.to_string()));
        let email = email.map(str::trim).filter(|e| !e.is_empty()).map(str::to_string);
        let i = match self.report_index.get(key) {
            Some(&i) => i,
            None => {
                let i = self.reports.people.len() as u32;
                let shown = key.split_once(':').map_or(key, |(_, rest)| rest);
                let shown = self.fit(shown.to_string());
                self.reports.people.push(ReportPerson {
                    key: key.to_string(),
                    name: shown,
                    concealed,
                    ..Default::default()
                });
                self.report_leader_stated.push(false);
                self.report_index.insert(key.to_string(), i);
                i
            }
        };
        let p = &mut self.reports.people[i as usize];
        if let Some(n) = name {
            p.name = n;
        }
        if p.email.is_none() {
            p.email = email;
        }
        if title.is_some() {
            p.title = title;
        }
        i
    }

    /// One report file's rows for one window.
    pub fn report_window(&mut self, w: ReportWindow) {
        self.reports.windows.push(w);
    }

    /// A report file read (for the notes that name files).
    pub fn report_file(&mut self, kind: ReportKind, file: &str) {
        self.reports.files.push((kind, file.to_string()));
    }

    /// A day of the Slack analytics overview.
    pub fn org_day(&mut self, d: OrgDay) {
        self.reports.org_days.push(d);
    }

    /// A Viva Engage community's activity.
    pub fn report_group(&mut self, g: ReportGroup) {
        self.reports.groups.push(g);
    }

    /// A member's day of Slack's daily analytics.
    pub fn daily_row(&mut self, r: DailyRow) {
        self.reports.daily.push(r);
    }

    /// Puts the reports in order and merges what was read twice: the same report and window
    /// in two files, the same day of the overview, the same member's day. What repeats counts
    /// once (the first read), and is said.
    fn finish_reports(&mut self) {
        let r = &mut self.reports;
        r.windows.sort_by(|a, b| (a.to_day, a.from_day, a.kind, &a.file).cmp(&(b.to_day, b.from_day, b.kind, &b.file)));
        let mut merged: Vec<ReportWindow> = Vec::with_capacity(r.windows.len());
        let mut repeated = 0u64;
        for w in std::mem::take(&mut r.windows) {
            let same = merged.last_mut().filter(|m| (m.kind, m.from_day, m.to_day) == (w.kind, w.from_day, w.to_day));
            match same {
                Some(m) => {
                    m.concealed |= w.concealed;
                    if !m.file.split(" + ").any(|f| f == w.file) {
                        m.file = format!("{} + {}", m.file, w.file);
                    }
                    m.rows.extend(w.rows);
                }
                None => merged.push(w),
            }
        }
        for w in &mut merged {
            let mut seen = HashSet::new();
            let before = w.rows.len();
            w.rows.retain(|row| seen.insert(row.person));
            repeated += (before - w.rows.len()) as u64;
        }
        r.windows = merged;
        r.org_days.sort_by_key(|d| d.day);
        let before = r.org_days.len();
        r.org_days.dedup_by_key(|d| d.day);
        let days_repeated = (before - r.org_days.len()) as u64;
        r.daily.sort_by_key(|d| (d.day, d.person));
        let before = r.daily.len();
        r.daily.dedup_by_key(|d| (d.day, d.person));
        let daily_repeated = (before - r.daily.len()) as u64;
        r.groups.sort_by(|a, b| (a.to_day, a.from_day, &a.name).cmp(&(b.to_day, b.from_day, &b.name)));
        let before = r.groups.len();
        r.groups.dedup_by(|a, b| (a.to_day, a.from_day, &a.name) == (b.to_day, b.from_day, &b.name));
        let groups_repeated = (before - r.groups.len()) as u64;
        r.files.sort();
        r.files.dedup();
        self.warnings.add(
            "{n} activity-report row{s} {repeats a person|repeat people} already read for the same report and window (the same file twice?); each person was counted once",
            repeated,
        );
        self.warnings.add(
            "{n} day{s} of the Slack analytics overview {appears|appear} more than once; the first was used",
            days_repeated,
        );
        self.warnings.add(
            "{n} line{s} of Slack's daily member analytics {repeats a member's day|repeat members' days} already read; each was counted once",
            daily_repeated,
        );
        self.warnings.add(
            "{n} Viva Engage group{s} {appears|appear} twice for the same window; the first was used",
            groups_repeated,
        );
    }

    /// Resolves keys, joins the roster, classifies bot messages, sorts by time and freezes.
    pub fn finish(mut self) -> (Dataset, Warnings) {
        // What finishing needs no more is freed as soon as it is done with: the peak of an
        // import is here, with the draft rows and the final columns both alive.
        self.reaction_seen = HashSet::new();
        self.drop_impossible_times();
        self.finish_reports();
        self.join_roster();
        self.flag_leaders_from_titles();
        self.string_index = HashMap::new();
        self.person_index = HashMap::new();
        self.space_index = HashMap::new();

        let undescribed_authors: HashSet<u32> =
            self.rows.iter().map(|r| r.author).filter(|a| !self.described[*a as usize]).collect();
        self.warnings.add(
            "{n} author{s} {is|are} not described in any user list; {it is shown by its|they are shown by their} id",
            undescribed_authors.len() as u64,
        );

        // Final kinds: anything a bot wrote is a bot message.
        let n = self.rows.len();
        let mut kinds: Vec<MessageKind> = Vec::with_capacity(n);
        for r in &self.rows {
            let author_bot = self.people[r.author as usize].bot;
            kinds.push(if r.kind == MessageKind::System {
                MessageKind::System
            } else if r.by_bot || author_bot {
                MessageKind::Bot
            } else {
                r.kind
            });
        }

        // Resolve parent and root keys to rows.
        let lookup = |h: u64| if h == NO_KEY { NONE } else { self.row_keys.get(h).unwrap_or(NONE) };
        let mut parent: Vec<u32> = self.rows.iter().map(|r| lookup(r.parent)).collect();
        let given_root: Vec<u32> = self.rows.iter().map(|r| lookup(r.root)).collect();
        self.row_keys = RowKeys::default();
        let mut missing_parent = 0u64;
        for i in 0..n {
            let r = &self.rows[i];
            if r.kind == MessageKind::Reply && r.parent != NO_KEY && parent[i] == NONE && given_root[i] == NONE {
                missing_parent += 1;
            }
        }
        self.warnings.add(
            "{n} {reply answers|replies answer} a message that is not in the export; {it counts as a reply|they count as replies} without a thread",
            missing_parent,
        );

        // Loops of replies are cut, then every message knows the top of its chain of parents.
        let (top, in_loops) = cut_loops(&mut parent);
        self.warnings.add(
            "{n} {reply is in a reply loop|replies are in reply loops} (replies answering each other in a circle, or themselves); each loop was cut at its reply that came first in the files, which counts as a reply without a thread",
            in_loops,
        );

        // Root: itself for a post; the given root if known; else the top of its chain.
        let mut root = vec![NONE; n];
        for i in 0..n {
            root[i] = if self.rows[i].kind != MessageKind::Reply && parent[i] == NONE {
                i as u32
            } else if given_root[i] != NONE && given_root[i] != i as u32 {
                given_root[i]
            } else if parent[i] == NONE {
                NONE
            } else {
                top[i]
            };
        }
        drop((given_root, top));
        self.warnings.add(
            "{n} message{s} {appears|appear} more than once (the same id, in one file or in several); each was counted once, with its reactions merged",
            self.duplicate_messages,
        );
        self.warnings.add(
            "{n} {person is|people are} described more than once under the same id with different names; the last name read was kept",
            self.renamed.len() as u64,
        );
        self.warnings.add(
            format!("{{n}} {{name, title, department, location or emoji was|names, titles, departments, locations or emoji were}} longer than {MAX_NAME_CHARS} characters and {{was|were}} cut to {MAX_NAME_CHARS} (ending in …)"),
            self.cut_names,
        );

        // Sort rows by time (stable: equal times keep file order) and remap every index.
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by_key(|&i| self.rows[i as usize].time);
        let mut new_of = vec![0u32; n];
        for (new, &old) in order.iter().enumerate() {
            new_of[old as usize] = new as u32;
        }
        let remap = |x: u32| if x == NONE { NONE } else { new_of[x as usize] };
        let mut messages = Messages {
            time: Vec::with_capacity(n),
            space: Vec::with_capacity(n),
            author: Vec::with_capacity(n),
            kind: Vec::with_capacity(n),
            root: Vec::with_capacity(n),
            parent: Vec::with_capacity(n),
        };
        for &old in &order {
            let r = &self.rows[old as usize];
            messages.time.push(r.time);
            messages.space.push(r.space);
            messages.author.push(r.author);
            messages.kind.push(kinds[old as usize]);
            messages.root.push(remap(root[old as usize]));
            messages.parent.push(remap(parent[old as usize]));
        }
        drop((order, kinds, root, parent, std::mem::take(&mut self.rows)));

        let mut rx = std::mem::take(&mut self.reactions);
        for r in &mut rx {
            r.0 = new_of[r.0 as usize];
        }
        rx.sort_unstable();
        let mut reactions = Reactions {
            message: Vec::with_capacity(rx.len()),
            person: Vec::with_capacity(rx.len()),
            emoji: Vec::with_capacity(rx.len()),
            time: Vec::with_capacity(rx.len()),
        };
        for (m, p, e, t) in rx {
            reactions.message.push(m);
            reactions.person.push(p);
            reactions.emoji.push(e);
            reactions.time.push(t);
        }
        let mut mentions: Vec<(u32, u32)> = self.mentions.iter().map(|&(m, p)| (new_of[m as usize], p)).collect();
        mentions.sort_unstable();
        mentions.dedup();

        let roster = if self.roster_headcount.is_some() || !self.roster_rows.is_empty() {
            Some(RosterInfo {
                headcount: self.roster_headcount.unwrap_or(self.roster_rows.len() as u64),
                matched: self.roster_matched,
                start_dates: self.roster_start_dates,
            })
        } else {
            None
        };
        let member_list =
            roster.is_some() || self.people.iter().zip(&self.stated).any(|(p, &st)| !p.bot && st & STATED_LISTED != 0);
        let reports = (!self.reports.files.is_empty()).then(|| std::mem::take(&mut self.reports));
        let ds = Dataset {
            formats: self.formats,
            people: self.people,
            spaces: self.spaces,
            messages,
            reactions,
            mentions,
            strings: self.strings,
            member_list,
            roster,
            reports,
        };
        (ds, self.warnings)
    }

    /// Drops messages whose time is impossible (see [`possible_time`]) with their reactions
    /// and mentions (replies to them then answer a missing message); a reaction with an
    /// impossible time takes its message's, and an impossible join date is forgotten.
    fn drop_impossible_times(&mut self) {
        let bad = self.rows.iter().filter(|r| !possible_time(r.time)).count();
        if bad > 0 {
            let mut new_of = vec![NONE; self.rows.len()];
            let mut kept = Vec::with_capacity(self.rows.len() - bad);
            for (i, r) in self.rows.iter().enumerate() {
                if possible_time(r.time) {
                    new_of[i] = kept.len() as u32;
                    kept.push(*r);
                }
            }
            self.rows = kept;
            let remap = |m: &mut u32| {
                *m = new_of[*m as usize];
                *m != NONE
            };
            self.row_keys.retain(|i| new_of[i] != NONE);
            self.reactions.retain_mut(|(m, ..)| remap(m));
            self.mentions.retain_mut(|(m, _)| remap(m));
            self.warnings.add(
                "{n} message{s} {has|have} an impossible time (before 1970 or after 2099, or unreadable as a date) and {was|were} skipped, with {its|their} reactions and mentions",
                bad as u64,
            );
        }
        let mut reactions_fixed = 0u64;
        for (m, _, _, t) in &mut self.reactions {
            if !possible_time(*t) {
                *t = self.rows[*m as usize].time;
                reactions_fixed += 1;
            }
        }
        self.warnings.add(
            "{n} reaction{s} {has|have} an impossible time (before 1970 or after 2099); {its|their} message's time was used",
            reactions_fixed,
        );
        let mut joins = 0u64;
        for p in &mut self.people {
            if p.joined_ms.is_some_and(|t| !possible_time(t)) {
                p.joined_ms = None;
                joins += 1;
            }
        }
        self.warnings.add(
            "{n} {person has|people have} an impossible join date (before 1970 or after 2099); it was ignored",
            joins,
        );
    }

    fn join_roster(&mut self) {
        if self.roster_rows.is_empty() {
            return;
        }
        let people = PeopleFinder::new(
            self.people
                .iter()
                .enumerate()
                .map(|(i, p)| (i as u32, p.email.as_deref(), p.key.as_str(), p.name.as_str())),
        );
        // Report people are joined by the same rules (a concealed one has nothing to join by).
        let report_people = PeopleFinder::new(
            self.reports
                .people
                .iter()
                .enumerate()
                .filter(|(_, p)| !p.concealed)
                .map(|(i, p)| (i as u32, p.email.as_deref(), p.key.as_str(), p.name.as_str())),
        );
        let rows = std::mem::take(&mut self.roster_rows);
        let mut unmatched = 0u64;
        let mut matched = 0u64;
        let mut start_dates = 0u64;
        for row in &rows {
            let hits = people.find(row).cloned();
            let report_hits = report_people.find(row).cloned();
            if hits.is_none() && report_hits.is_none() {
                unmatched += 1;
                continue;
            }
            matched += 1;
            if let Some(list) = hits {
                start_dates += row.info.joined_ms.is_some() as u64;
                for p in list {
                    // The roster is the organisation's word on names too, except that
                    // it never turns a bot into a person.
                    let mut info = row.info.clone();
                    info.bot = None;
                    self.apply_info(p, info);
                }
            }
            for p in report_hits.unwrap_or_default() {
                self.apply_report_info(p, &row.info);
            }
        }
        self.roster_matched = matched;
        self.roster_start_dates = start_dates;
        self.warnings.add("{n} roster row{s} {matches|match} nobody in the data ({it still counts|they still count} in the workforce)", unmatched);
        self.roster_rows = rows;
    }

    /// What a roster row says about a report person: name, title, department, location and
    /// leader flag, as for the message people.
    fn apply_report_info(&mut self, idx: u32, info: &PersonInfo) {
        let dept = info.department.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|d| self.intern(d));
        let loc = info.location.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|d| self.intern(d));
        let name = info.name.clone().filter(|n| !n.trim().is_empty()).map(|n| self.fit(n));
        let title = info.title.clone().filter(|t| !t.trim().is_empty()).map(|t| self.fit(t));
        let p = &mut self.reports.people[idx as usize];
        if let Some(n) = name {
            p.name = n;
        }
        if let Some(t) = title {
            p.title = Some(t);
        }
        if dept.is_some() {
            p.department = dept;
        }
        if loc.is_some() {
            p.location = loc;
        }
        if let Some(l) = info.leader {
            p.leader = l;
            self.report_leader_stated[idx as usize] = true;
        }
    }

    fn flag_leaders_from_titles(&mut self) {
        let words: Vec<String> = self.leader_title_words.iter().map(|w| w.to_lowercase()).collect();
        let padded = padded_words(&words);
        for (i, p) in self.people.iter_mut().enumerate() {
            if p.leader || p.bot || self.leader_stated[i] {
                continue;
            }
            if let Some(t) = &p.title {
                if title_has(t, &padded) {
                    p.leader = true;
                }
            }
        }
        for (i, p) in self.reports.people.iter_mut().enumerate() {
            if !p.leader
                && !self.report_leader_stated[i]
                && p.title.as_deref().is_some_and(|t| title_is_leader(t, &words))
            {
                p.leader = true;
            }
        }
    }
}

/// People found by email (ignoring case), then by id (the tool's own, the key after its
/// `format:` prefix), then by exact name: how roster rows are joined to the people of a
/// message export and to the people of activity reports alike.
pub(crate) struct PeopleFinder {
    by_email: HashMap<String, Vec<u32>>,
    by_id: HashMap<String, Vec<u32>>,
    by_name: HashMap<String, Vec<u32>>,
}

impl PeopleFinder {
    /// From (index, email, key, name) of each person.
    pub(crate) fn new<'a>(people: impl Iterator<Item = (u32, Option<&'a str>, &'a str, &'a str)>) -> PeopleFinder {
        let mut f = PeopleFinder { by_email: HashMap::new(), by_id: HashMap::new(), by_name: HashMap::new() };
        for (i, email, key, name) in people {
            if let Some(e) = email {
                f.by_email.entry(norm_email(e)).or_default().push(i);
            }
            let raw_id = key.split_once(':').map_or(key, |(_, r)| r);
            f.by_id.entry(raw_id.to_string()).or_default().push(i);
            f.by_name.entry(name.trim().to_string()).or_default().push(i);
        }
        f
    }

    /// The people a roster row names: by email, else id, else exact name.
    pub(crate) fn find(&self, row: &RosterRow) -> Option<&Vec<u32>> {
        row.email
            .as_deref()
            .and_then(|e| self.by_email.get(&norm_email(e)))
            .or_else(|| row.id.as_deref().and_then(|id| self.by_id.get(id.trim())))
            .or_else(|| row.info.name.as_deref().and_then(|n| self.by_name.get(fit_name(n).0.trim())))
    }
}

/// An email as it is compared: trimmed, ignoring case.
pub fn norm_email(e: &str) -> String {
    e.trim().to_lowercase()
}

/// Cuts every loop in a forest of parent links (`parent[i]` is a row or [`NONE`]) by
/// clearing the parent of the loop's lowest row, and returns the top of each row's chain
/// (the row whose parent is `NONE`) and how many rows were in loops (a row that is its own
/// parent is a loop of one). Linear: each row is walked once, whatever the chains look like.
fn cut_loops(parent: &mut [u32]) -> (Vec<u32>, u64) {
    const UNSEEN: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let n = parent.len();
    let mut state = vec![UNSEEN; n];
    let mut top = vec![NONE; n];
    let mut in_loops = 0u64;
    let mut path: Vec<u32> = Vec::new();
    for start in 0..n {
        if state[start] != UNSEEN {
            continue;
        }
        path.clear();
        let mut cur = start as u32;
        while cur != NONE && state[cur as usize] == UNSEEN {
            state[cur as usize] = ON_PATH;
            path.push(cur);
            cur = parent[cur as usize];
        }
        // Every row on the path leads to the same top.
        let end = if cur == NONE {
            path.last().copied().unwrap_or(start as u32)
        } else if state[cur as usize] == ON_PATH {
            let at = path.iter().position(|&x| x == cur).unwrap_or(0);
            let members = &path[at..];
            in_loops += members.len() as u64;
            let first = members.iter().copied().min().unwrap_or(cur);
            parent[first as usize] = NONE;
            first
        } else {
            top[cur as usize]
        };
        for &x in &path {
            state[x as usize] = DONE;
            top[x as usize] = end;
        }
    }
    (top, in_loops)
}

/// Whether a job title names a leader: one of `words` appears as whole words.
pub fn title_is_leader(title: &str, words: &[String]) -> bool {
    title_has(title, &padded_words(words))
}

/// Each word with a space on either side (as [`title_has`] looks for them).
fn padded_words(words: &[String]) -> Vec<String> {
    words.iter().map(|w| [" ", w.trim(), " "].concat()).collect()
}

/// Whether the title, lowercased, with every run of other characters than letters and
/// digits made one space and a space at either end, holds one of `padded` (from
/// [`padded_words`]).
fn title_has(title: &str, padded: &[String]) -> bool {
    let mut t = String::with_capacity(title.len() + 2);
    t.push(' ');
    for c in title.to_lowercase().chars() {
        if c.is_alphanumeric() {
            t.push(c);
        } else if !t.ends_with(' ') {
            t.push(' ');
        }
    }
    // A title with no letters or digits reads as two spaces (a space either side of nothing).
    t.push(' ');
    if t.len() > 2 {
        t.truncate(t.trim_end().len() + 1);
    }
    padded.iter().any(|w| t.contains(w.as_str()))
}

#[cfg(test)]
mod warning_tests {
    use super::render_count;

    #[test]
    fn counted_warnings_agree_with_their_count() {
        let t = "{n} Slack user{s} {has|have} no id and {was|were} skipped";
        assert_eq!(render_count(t, 1), "1 Slack user has no id and was skipped");
        assert_eq!(render_count(t, 3), "3 Slack users have no id and were skipped");
        assert_eq!(render_count("{n} files held a list ([\"\"]) {x}", 2), "2 files held a list ([\"\"]) {x}");
        assert_eq!(render_count("an open { brace", 1), "an open { brace");
    }
}
