//! Partials: what one shard of an export imports to, before the dataset is finished.
//!
//! A distributed run (the Spark job in `spark/`) hands each task a shard of the export's
//! files; the task runs the ordinary importers over them (`clover partial`) and writes a
//! partial: the [`Builder`]'s state (people, spaces, interned strings, message rows keyed by
//! the 64-bit hash of their key, reactions, mentions, roster rows, counted warnings) and the
//! load report (files loaded, errors). Partials are merged in shard order with
//! [`Builder::merge_partial`], which does exactly what adding the same things in one process
//! does (the first message with a key wins and the later copies count as duplicates,
//! reactions merge and are counted once, strings are interned again, warnings add up), and
//! the merged builder is finished and analysed by the same code as `clover summarize`.
//!
//! No message text is in a partial: message keys are hashed, and what remains is ids,
//! names of people, spaces, departments, locations and emoji (the summary shows them),
//! emails and titles (the roster join and the leaders need them).
//!
//! Files given to every shard for context (a Slack export's user and channel lists) are read
//! by each shard for their lookups, but what they add to the load report (files loaded,
//! warnings, errors, names cut) is left out of the shard's partial ([`Partial::subtract`]);
//! one partial made of the context files alone counts them once.
//!
//! The encoding (version 1) is documented in docs/scaling.md: little-endian, length-prefixed.

use crate::import::FileError;
use crate::model::{
    earliest, fit_name, Builder, DraftRow, Format, MessageKind, Person, PersonInfo, RosterRow, Space, SpaceKind,
    STATED_BOT, STATED_DEACTIVATED, STATED_LISTED,
};

/// The first bytes of every partial.
pub const MAGIC: &[u8; 8] = b"CLVRPART";
pub const VERSION: u32 = 1;

/// A person as a shard left them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PartialPerson {
    pub key: String,
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    /// Index into [`Partial::strings`].
    pub department: Option<u32>,
    pub location: Option<u32>,
    pub joined_ms: Option<i64>,
    /// [`person_flags`] bits.
    pub flags: u16,
}

/// Bits of [`PartialPerson::flags`]: the person's flags, and which of them a file stated.
pub mod person_flags {
    pub const LEADER: u16 = 1;
    pub const BOT: u16 = 2;
    pub const DEACTIVATED: u16 = 4;
    /// A file described the person (not only named them as an author).
    pub const DESCRIBED: u16 = 8;
    /// A file gave their name (else `name` is the id shown by default).
    pub const NAME_GIVEN: u16 = 16;
    pub const LEADER_STATED: u16 = 32;
    pub const BOT_STATED: u16 = 64;
    pub const DEACTIVATED_STATED: u16 = 128;
    /// On the export's member list (`Builder::list_person`).
    pub const LISTED: u16 = 256;
}

#[derive(Clone, Debug, PartialEq)]
pub struct PartialSpace {
    pub key: String,
    pub name: String,
    pub kind: SpaceKind,
    pub public: bool,
    /// A file described the space (its kind and visibility are then the file's word).
    pub described: bool,
    /// A file gave its name (else `name` is the id shown by default).
    pub name_given: bool,
}

/// A message row: its key's hash, and its parent's and root's (0: none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartialMessage {
    pub key: u64,
    pub time: i64,
    /// Index into [`Partial::spaces`].
    pub space: u32,
    /// Index into [`Partial::people`].
    pub author: u32,
    pub kind: MessageKind,
    pub by_bot: bool,
    pub parent: u64,
    pub root: u64,
}

/// The intermediate form: see the module documentation.
#[derive(Clone, Debug, Default)]
pub struct Partial {
    pub formats: Vec<Format>,
    /// Interned strings, and whether each was cut to the longest name kept.
    pub strings: Vec<(String, bool)>,
    pub people: Vec<PartialPerson>,
    pub spaces: Vec<PartialSpace>,
    pub messages: Vec<PartialMessage>,
    /// (message row, person, emoji string, time).
    pub reactions: Vec<(u32, u32, u32, i64)>,
    /// (message row, person).
    pub mentions: Vec<(u32, u32)>,
    pub roster_rows: Vec<RosterRow>,
    pub roster_headcount: Option<u64>,
    /// People described again with another name.
    pub renamed: Vec<u32>,
    /// Messages added again under a key already seen (within the shard).
    pub duplicate_messages: u64,
    /// Names cut to the longest kept (each string interned, each person or space created,
    /// each name or title described that was cut).
    pub cut_names: u64,
    /// Counted warnings (templates with `{n}`), in the order first added.
    pub warnings: Vec<(String, u64)>,
    /// Files (or archive entries) read.
    pub files_loaded: u64,
    pub errors: Vec<FileError>,
}

impl Partial {
    /// Leaves out what the same import of the context files alone (`ctx`) counted: the
    /// files it loaded, its warnings, its errors and the names it cut. The people, spaces and
    /// strings it added stay: the shard's data needs them, and merging them again is a no-op.
    pub fn subtract(&mut self, ctx: &Partial) {
        self.files_loaded = self.files_loaded.saturating_sub(ctx.files_loaded);
        // Cuts of the ids people and spaces are shown by, and of interned strings, are counted
        // again by the merge for entries it already has: those the context made stay here.
        let made: u64 = ctx.people.iter().map(|p| shown_cut(&p.key)).sum::<u64>()
            + ctx.spaces.iter().map(|s| shown_cut(&s.key)).sum::<u64>()
            + ctx.strings.iter().map(|(_, cut)| *cut as u64).sum::<u64>();
        self.cut_names = self.cut_names.saturating_sub(ctx.cut_names.saturating_sub(made));
        self.duplicate_messages = self.duplicate_messages.saturating_sub(ctx.duplicate_messages);
        for (t, n) in &ctx.warnings {
            if let Some(i) = self.warnings.iter().position(|(x, _)| x == t) {
                self.warnings[i].1 = self.warnings[i].1.saturating_sub(*n);
                if self.warnings[i].1 == 0 {
                    self.warnings.remove(i);
                }
            }
        }
        for e in &ctx.errors {
            if let Some(i) = self.errors.iter().position(|x| x == e) {
                self.errors.remove(i);
            }
        }
        self.drop_context_entries(ctx);
    }

    /// Leaves out the people and spaces the context files described and the shard's data did
    /// not change (every shard would otherwise carry a copy of the whole user list): those
    /// its rows point to stay as bare keys, which add nothing when merged after the partial
    /// of the context files; the others go.
    fn drop_context_entries(&mut self, ctx: &Partial) {
        use std::collections::HashMap;
        let my_str = |i: Option<u32>| i.map(|i| self.strings[i as usize].0.as_str());
        let ctx_str = |i: Option<u32>| i.map(|i| ctx.strings[i as usize].0.as_str());
        let ctx_people: HashMap<&str, &PartialPerson> = ctx.people.iter().map(|p| (p.key.as_str(), p)).collect();
        let unchanged: Vec<bool> = self
            .people
            .iter()
            .map(|p| {
                ctx_people.get(p.key.as_str()).is_some_and(|c| {
                    p.name == c.name
                        && p.email == c.email
                        && p.title == c.title
                        && p.joined_ms == c.joined_ms
                        && p.flags == c.flags
                        && my_str(p.department) == ctx_str(c.department)
                        && my_str(p.location) == ctx_str(c.location)
                })
            })
            .collect();
        let mut used = vec![false; self.people.len()];
        for m in &self.messages {
            used[m.author as usize] = true;
        }
        for r in &self.reactions {
            used[r.1 as usize] = true;
        }
        for m in &self.mentions {
            used[m.1 as usize] = true;
        }
        for &r in &self.renamed {
            used[r as usize] = true;
        }
        let mut new_of = vec![u32::MAX; self.people.len()];
        let mut kept = Vec::with_capacity(self.people.len());
        for (i, p) in std::mem::take(&mut self.people).into_iter().enumerate() {
            if unchanged[i] && !used[i] {
                self.cut_names = self.cut_names.saturating_sub(shown_cut(&p.key));
                continue;
            }
            new_of[i] = kept.len() as u32;
            kept.push(if unchanged[i] { PartialPerson { key: p.key, ..Default::default() } } else { p });
        }
        self.people = kept;
        for m in &mut self.messages {
            m.author = new_of[m.author as usize];
        }
        for r in &mut self.reactions {
            r.1 = new_of[r.1 as usize];
        }
        for m in &mut self.mentions {
            m.1 = new_of[m.1 as usize];
        }
        for r in &mut self.renamed {
            *r = new_of[*r as usize];
        }

        let ctx_spaces: HashMap<&str, &PartialSpace> = ctx.spaces.iter().map(|s| (s.key.as_str(), s)).collect();
        let mut used = vec![false; self.spaces.len()];
        for m in &self.messages {
            used[m.space as usize] = true;
        }
        let mut new_of = vec![u32::MAX; self.spaces.len()];
        let mut kept = Vec::with_capacity(self.spaces.len());
        for (i, s) in std::mem::take(&mut self.spaces).into_iter().enumerate() {
            let unchanged = ctx_spaces.get(s.key.as_str()).is_some_and(|c| *c == &s);
            if unchanged && !used[i] {
                self.cut_names = self.cut_names.saturating_sub(shown_cut(&s.key));
                continue;
            }
            new_of[i] = kept.len() as u32;
            kept.push(if unchanged {
                PartialSpace {
                    key: s.key,
                    name: String::new(),
                    kind: SpaceKind::Channel,
                    public: true,
                    described: false,
                    name_given: false,
                }
            } else {
                s
            });
        }
        self.spaces = kept;
        for m in &mut self.messages {
            m.space = new_of[m.space as usize];
        }
    }

    /// A partial holding only these errors (a shard that could not be imported at all).
    pub fn of_errors(errors: Vec<FileError>) -> Partial {
        Partial { errors, ..Default::default() }
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(64 + self.messages.len() * 41 + self.reactions.len() * 20));
        w.0.extend_from_slice(MAGIC);
        w.u32(VERSION);
        w.len(self.formats.len());
        for f in &self.formats {
            w.u8(format_code(*f));
        }
        w.len(self.strings.len());
        for (s, cut) in &self.strings {
            w.str(s);
            w.u8(*cut as u8);
        }
        w.len(self.people.len());
        for p in &self.people {
            w.str(&p.key);
            w.str(&p.name);
            w.opt_str(p.email.as_deref());
            w.opt_str(p.title.as_deref());
            w.opt_u32(p.department);
            w.opt_u32(p.location);
            w.opt_i64(p.joined_ms);
            w.u16(p.flags);
        }
        w.len(self.spaces.len());
        for s in &self.spaces {
            w.str(&s.key);
            w.str(&s.name);
            w.u8(space_code(s.kind));
            w.u8(s.public as u8 | (s.described as u8) << 1 | (s.name_given as u8) << 2);
        }
        w.u64(self.messages.len() as u64);
        for m in &self.messages {
            w.u64(m.key);
            w.i64(m.time);
            w.u32(m.space);
            w.u32(m.author);
            w.u8(m.kind as u8 | (m.by_bot as u8) << 4);
            w.u64(m.parent);
            w.u64(m.root);
        }
        w.u64(self.reactions.len() as u64);
        for &(m, p, e, t) in &self.reactions {
            w.u32(m);
            w.u32(p);
            w.u32(e);
            w.i64(t);
        }
        w.u64(self.mentions.len() as u64);
        for &(m, p) in &self.mentions {
            w.u32(m);
            w.u32(p);
        }
        match self.roster_headcount {
            None => w.u8(0),
            Some(n) => {
                w.u8(1);
                w.u64(n);
            }
        }
        w.len(self.roster_rows.len());
        for r in &self.roster_rows {
            w.opt_str(r.id.as_deref());
            w.opt_str(r.email.as_deref());
            let i = &r.info;
            for s in [&i.name, &i.email, &i.title, &i.department, &i.location] {
                w.opt_str(s.as_deref());
            }
            for b in [i.leader, i.bot, i.deactivated] {
                w.u8(b.map_or(2, |b| b as u8));
            }
            w.opt_i64(i.joined_ms);
        }
        w.len(self.renamed.len());
        for &p in &self.renamed {
            w.u32(p);
        }
        w.u64(self.duplicate_messages);
        w.u64(self.cut_names);
        w.len(self.warnings.len());
        for (t, n) in &self.warnings {
            w.str(t);
            w.u64(*n);
        }
        w.u64(self.files_loaded);
        w.len(self.errors.len());
        for e in &self.errors {
            w.str(&e.file);
            w.str(&e.message);
        }
        w.0
    }

    /// Reads a partial, or says why it cannot be read. Never panics; every index is checked
    /// against the lists it points into.
    pub fn decode(bytes: &[u8]) -> Result<Partial, String> {
        let mut r = Reader { b: bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return Err("not a Clover partial (it does not start with CLVRPART)".into());
        }
        let v = r.u32()?;
        if v != VERSION {
            return Err(format!("a Clover partial of version {v}; this clover reads version {VERSION}"));
        }
        let mut p = Partial::default();
        for _ in 0..r.len()? {
            p.formats.push(format_of(r.u8()?)?);
        }
        for _ in 0..r.len()? {
            let s = r.str()?;
            p.strings.push((s, r.u8()? != 0));
        }
        let n_strings = p.strings.len() as u32;
        let string_ref = |x: Option<u32>| match x {
            Some(i) if i >= n_strings => Err(format!("a string index {i} past the {n_strings} strings")),
            _ => Ok(x),
        };
        for _ in 0..r.len()? {
            p.people.push(PartialPerson {
                key: r.str()?,
                name: r.str()?,
                email: r.opt_str()?,
                title: r.opt_str()?,
                department: string_ref(r.opt_u32()?)?,
                location: string_ref(r.opt_u32()?)?,
                joined_ms: r.opt_i64()?,
                flags: r.u16()?,
            });
        }
        for _ in 0..r.len()? {
            let key = r.str()?;
            let name = r.str()?;
            let kind = space_of(r.u8()?)?;
            let f = r.u8()?;
            p.spaces.push(PartialSpace {
                key,
                name,
                kind,
                public: f & 1 != 0,
                described: f & 2 != 0,
                name_given: f & 4 != 0,
            });
        }
        let (n_people, n_spaces) = (p.people.len() as u32, p.spaces.len() as u32);
        let check = |what: &str, i: u32, n: u32| {
            if i < n {
                Ok(i)
            } else {
                Err(format!("a {what} index {i} past the {n} {what}s"))
            }
        };
        let n = r.count(41)?;
        p.messages.reserve(n);
        for _ in 0..n {
            let key = r.u64()?;
            let time = r.i64()?;
            let space = check("space", r.u32()?, n_spaces)?;
            let author = check("person", r.u32()?, n_people)?;
            let k = r.u8()?;
            let kind = match k & 15 {
                0 => MessageKind::Post,
                1 => MessageKind::Reply,
                2 => MessageKind::System,
                3 => MessageKind::Bot,
                x => return Err(format!("an unknown message kind {x}")),
            };
            p.messages.push(PartialMessage {
                key,
                time,
                space,
                author,
                kind,
                by_bot: k & 16 != 0,
                parent: r.u64()?,
                root: r.u64()?,
            });
        }
        let n_messages = p.messages.len() as u32;
        let n = r.count(20)?;
        p.reactions.reserve(n);
        for _ in 0..n {
            let m = check("message", r.u32()?, n_messages)?;
            let person = check("person", r.u32()?, n_people)?;
            let e = check("string", r.u32()?, n_strings)?;
            p.reactions.push((m, person, e, r.i64()?));
        }
        let n = r.count(8)?;
        p.mentions.reserve(n);
        for _ in 0..n {
            let m = check("message", r.u32()?, n_messages)?;
            p.mentions.push((m, check("person", r.u32()?, n_people)?));
        }
        p.roster_headcount = match r.u8()? {
            0 => None,
            _ => Some(r.u64()?),
        };
        for _ in 0..r.len()? {
            let id = r.opt_str()?;
            let email = r.opt_str()?;
            let mut info = PersonInfo {
                name: r.opt_str()?,
                email: r.opt_str()?,
                title: r.opt_str()?,
                department: r.opt_str()?,
                location: r.opt_str()?,
                ..Default::default()
            };
            let mut flag = || r.u8().map(|b| (b < 2).then_some(b == 1));
            info.leader = flag()?;
            info.bot = flag()?;
            info.deactivated = flag()?;
            info.joined_ms = r.opt_i64()?;
            p.roster_rows.push(RosterRow { id, email, info });
        }
        for _ in 0..r.len()? {
            p.renamed.push(check("person", r.u32()?, n_people)?);
        }
        p.duplicate_messages = r.u64()?;
        p.cut_names = r.u64()?;
        for _ in 0..r.len()? {
            let t = r.str()?;
            p.warnings.push((t, r.u64()?));
        }
        p.files_loaded = r.u64()?;
        for _ in 0..r.len()? {
            let file = r.str()?;
            p.errors.push(FileError { file, message: r.str()? });
        }
        if r.at != bytes.len() {
            return Err(format!("{} bytes after the end of the partial", bytes.len() - r.at));
        }
        Ok(p)
    }
}

/// Whether the id a person or space is shown by until described (the key without its
/// format) is cut to the longest name kept: counted once per entry created.
fn shown_cut(key: &str) -> u64 {
    crate::model::fit_name(key.split_once(':').map_or(key, |(_, rest)| rest)).1 as u64
}

fn format_code(f: Format) -> u8 {
    match f {
        Format::Clover => 0,
        Format::Slack => 1,
        Format::Teams => 2,
        Format::Yammer => 3,
        Format::Mattermost => 4,
        Format::Discord => 5,
        Format::Roster => 6,
        Format::Reports => 7,
    }
}

fn format_of(c: u8) -> Result<Format, String> {
    Ok(match c {
        0 => Format::Clover,
        1 => Format::Slack,
        2 => Format::Teams,
        3 => Format::Yammer,
        4 => Format::Mattermost,
        5 => Format::Discord,
        6 => Format::Roster,
        7 => Format::Reports,
        x => return Err(format!("an unknown format {x}")),
    })
}

fn space_code(k: SpaceKind) -> u8 {
    match k {
        SpaceKind::Channel => 0,
        SpaceKind::PrivateChannel => 1,
        SpaceKind::Group => 2,
        SpaceKind::Community => 3,
        SpaceKind::Direct => 4,
    }
}

fn space_of(c: u8) -> Result<SpaceKind, String> {
    Ok(match c {
        0 => SpaceKind::Channel,
        1 => SpaceKind::PrivateChannel,
        2 => SpaceKind::Group,
        3 => SpaceKind::Community,
        4 => SpaceKind::Direct,
        x => return Err(format!("an unknown space kind {x}")),
    })
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, x: u8) {
        self.0.push(x);
    }
    fn u16(&mut self, x: u16) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn u64(&mut self, x: u64) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn i64(&mut self, x: i64) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u32(n as u32);
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }
    fn opt_u32(&mut self, x: Option<u32>) {
        self.u32(x.unwrap_or(u32::MAX));
    }
    fn opt_i64(&mut self, x: Option<i64>) {
        match x {
            None => self.u8(0),
            Some(x) => {
                self.u8(1);
                self.i64(x);
            }
        }
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.b.len()).ok_or("the partial is cut short")?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn arr<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, String> {
        self.arr().map(u16::from_le_bytes)
    }
    fn u32(&mut self) -> Result<u32, String> {
        self.arr().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Result<u64, String> {
        self.arr().map(u64::from_le_bytes)
    }
    fn i64(&mut self) -> Result<i64, String> {
        self.arr().map(i64::from_le_bytes)
    }
    /// A count of items of at least `min` bytes each, no more than the bytes left allow.
    fn count(&mut self, min: usize) -> Result<usize, String> {
        let n = self.u64()?;
        let left = (self.b.len() - self.at) as u64;
        if n > left / min as u64 {
            return Err("the partial is cut short".into());
        }
        Ok(n as usize)
    }
    fn len(&mut self) -> Result<usize, String> {
        let n = self.u32()? as usize;
        if n > self.b.len() - self.at {
            return Err("the partial is cut short".into());
        }
        Ok(n)
    }
    fn str(&mut self) -> Result<String, String> {
        let n = self.u32()? as usize;
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).map_err(|_| "a string in the partial is not UTF-8".to_string())
    }
    fn opt_str(&mut self) -> Result<Option<String>, String> {
        match self.u8()? {
            0 => Ok(None),
            _ => self.str().map(Some),
        }
    }
    fn opt_u32(&mut self) -> Result<Option<u32>, String> {
        self.u32().map(|x| (x != u32::MAX).then_some(x))
    }
    fn opt_i64(&mut self) -> Result<Option<i64>, String> {
        match self.u8()? {
            0 => Ok(None),
            _ => self.i64().map(Some),
        }
    }
}

/// Imports `files` as `clover summarize` would, but stops before finishing: the shard's
/// partial. `context` files are read first for their lookups only (see the module docs).
pub fn import_partial(
    context: Vec<crate::InputFile>,
    files: Vec<crate::InputFile>,
    opts: &crate::ImportOptions,
) -> Partial {
    import_partial_with_progress(context, files, opts, &mut |_| {})
}

/// [`import_partial`], telling `progress` how far the import of the shard's files has come
/// (a browser's pool of import workers shows their progress as one bar: `crate::pool`).
pub fn import_partial_with_progress(
    context: Vec<crate::InputFile>,
    files: Vec<crate::InputFile>,
    opts: &crate::ImportOptions,
    progress: &mut dyn FnMut(&crate::import::Progress),
) -> Partial {
    let ctx_only = (!context.is_empty()).then(|| run(context.clone(), opts, &mut |_| {}));
    shard(context, ctx_only, files, opts, progress)
}

/// [`import_partial`] with the partial of the context files alone already made (the first
/// shard of a run is exactly that): the context is then imported once, not twice.
pub fn import_partial_with(
    context: Vec<crate::InputFile>,
    ctx_only: Option<Partial>,
    files: Vec<crate::InputFile>,
    opts: &crate::ImportOptions,
) -> Partial {
    shard(context, ctx_only, files, opts, &mut |_| {})
}

fn shard(
    context: Vec<crate::InputFile>,
    ctx_only: Option<Partial>,
    files: Vec<crate::InputFile>,
    opts: &crate::ImportOptions,
    progress: &mut dyn FnMut(&crate::import::Progress),
) -> Partial {
    let mut all = context;
    all.extend(files);
    let mut p = run(all, opts, progress);
    if let Some(ctx) = ctx_only {
        p.subtract(&ctx);
    }
    p
}

fn run(
    files: Vec<crate::InputFile>,
    opts: &crate::ImportOptions,
    progress: &mut dyn FnMut(&crate::import::Progress),
) -> Partial {
    let (b, report) = crate::import::import_unfinished(files, opts, progress);
    b.into_partial(report.errors, report.loaded as u64)
}

/// Partials merged in order, not yet finished.
pub struct Merged {
    pub builder: Builder,
    pub errors: Vec<FileError>,
    pub files_loaded: u64,
}

/// Merges partials in the order given (the shards' order in the export).
pub fn merge(partials: impl IntoIterator<Item = Partial>, opts: &crate::ImportOptions) -> Merged {
    let mut b = Builder::new();
    if let Some(words) = &opts.leader_title_words {
        b.leader_title_words = words.clone();
    }
    let mut m = Merged { builder: b, errors: Vec::new(), files_loaded: 0 };
    for p in partials {
        m.files_loaded += p.files_loaded;
        m.errors.extend(p.errors.iter().cloned());
        m.builder.merge_partial(p);
    }
    m
}

impl Merged {
    /// The [`crate::ImportResult`] that importing all the shards' files in one process gives.
    pub fn finish(self) -> crate::ImportResult {
        let (dataset, warnings) = self.builder.finish();
        crate::ImportResult {
            dataset,
            warnings: warnings.render(),
            errors: self.errors,
            files_loaded: self.files_loaded as usize,
        }
    }
}

/// Merges partials in order and finishes: see [`merge`] and [`Merged::finish`].
pub fn finish(partials: impl IntoIterator<Item = Partial>, opts: &crate::ImportOptions) -> crate::ImportResult {
    merge(partials, opts).finish()
}

// A shard's builder written out, and merged into another. Here rather than in the model
// (model/builder.rs), so that the model knows nothing of shards: it reads and writes the
// builder's crate-visible fields.

/// Whether the importer of this person's format describes people on first sight only (see
/// [`Builder::merge_partial`]). The others read user lists in file order: the last word wins.
fn first_sight_formats(key: &str) -> bool {
    key.starts_with("slack:") || key.starts_with("discord:")
}

impl Builder {
    /// This builder's state with the shard's load report: the intermediate form.
    pub fn into_partial(self, errors: Vec<FileError>, files_loaded: u64) -> Partial {
        use person_flags as f;
        // Activity reports hold a row per person, not messages: they are small, and are not
        // read in shards. Each is named, so that nothing of them is lost without a word.
        let mut errors = errors;
        let mut files_loaded = files_loaded;
        let mut report_files: Vec<&str> = self.reports.files.iter().map(|(_, f)| f.as_str()).collect();
        report_files.sort_unstable();
        report_files.dedup();
        for f in &report_files {
            errors.push(FileError {
                file: f.to_string(),
                message: "an activity report is not read in shards (it is small): analyse it with clover analyze"
                    .to_string(),
            });
        }
        files_loaded = files_loaded.saturating_sub(report_files.len() as u64);
        let mut formats = self.formats.clone();
        formats.remove(&Format::Reports);
        let keys = self.row_keys.hashes().to_vec();
        let people = self
            .people
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let bit = |on: bool, b: u16| if on { b } else { 0 };
                let flags = bit(p.leader, f::LEADER)
                    | bit(p.bot, f::BOT)
                    | bit(p.deactivated, f::DEACTIVATED)
                    | bit(self.described[i], f::DESCRIBED)
                    | bit(self.name_given[i], f::NAME_GIVEN)
                    | bit(self.leader_stated[i], f::LEADER_STATED)
                    | bit(self.stated[i] & STATED_BOT != 0, f::BOT_STATED)
                    | bit(self.stated[i] & STATED_DEACTIVATED != 0, f::DEACTIVATED_STATED)
                    | bit(self.stated[i] & STATED_LISTED != 0, f::LISTED);
                PartialPerson {
                    key: p.key,
                    name: p.name,
                    email: p.email,
                    title: p.title,
                    department: p.department,
                    location: p.location,
                    joined_ms: p.joined_ms,
                    flags,
                }
            })
            .collect();
        let spaces = self
            .spaces
            .into_iter()
            .enumerate()
            .map(|(i, s)| PartialSpace {
                key: s.key,
                name: s.name,
                kind: s.kind,
                public: s.public,
                described: self.space_described[i],
                name_given: self.space_name_given[i],
            })
            .collect();
        let messages = self
            .rows
            .iter()
            .zip(keys)
            .map(|(r, key)| PartialMessage {
                key,
                time: r.time,
                space: r.space,
                author: r.author,
                kind: r.kind,
                by_bot: r.by_bot,
                parent: r.parent,
                root: r.root,
            })
            .collect();
        let mut renamed: Vec<u32> = self.renamed.into_iter().collect();
        renamed.sort_unstable();
        Partial {
            formats: formats.into_iter().collect(),
            strings: self.strings.into_iter().zip(self.string_cut).collect(),
            people,
            spaces,
            messages,
            reactions: self.reactions,
            mentions: self.mentions,
            roster_rows: self.roster_rows,
            roster_headcount: self.roster_headcount,
            renamed,
            duplicate_messages: self.duplicate_messages,
            cut_names: self.cut_names,
            warnings: self.warnings.into_counts(),
            files_loaded,
            errors,
        }
    }

    /// Adds a shard's partial, as if its files had been read by this builder after the files
    /// already in it: the same person, space or string is the same entry (a later file's
    /// word wins, field by field, except for formats whose importer describes a person on
    /// first sight only, where the earlier word stands), the first message with a key wins and later copies count
    /// as duplicates, reactions are counted once, warnings add up. The load report
    /// (`files_loaded`, `errors`) is the caller's to add up.
    pub fn merge_partial(&mut self, p: Partial) {
        use person_flags as f;
        self.formats.extend(p.formats.iter().copied());
        let mut cut = p.cut_names;
        // Strings: interned again; a cut counted by the shard for a string this builder
        // already has is not counted twice.
        let mut string_of = Vec::with_capacity(p.strings.len());
        for (s, was_cut) in p.strings {
            let i = match self.string_index.get(&s) {
                Some(&i) => {
                    cut = cut.saturating_sub(was_cut as u64);
                    i
                }
                None => {
                    let i = self.strings.len() as u32;
                    self.string_index.insert(s.clone(), i);
                    self.strings.push(s);
                    self.string_cut.push(was_cut);
                    i
                }
            };
            string_of.push(i);
        }
        let remap_string = |x: Option<u32>| x.map(|i| string_of[i as usize]);
        let mut person_of = Vec::with_capacity(p.people.len());
        for q in p.people {
            let known = self.person_index.contains_key(&q.key);
            if known {
                // The shard counted a cut of the shown id when it created the person.
                let shown = q.key.split_once(':').map_or(q.key.as_str(), |(_, rest)| rest);
                cut = cut.saturating_sub(fit_name(shown).1 as u64);
            }
            let idx = self.person_index.get(&q.key).copied().unwrap_or_else(|| {
                let idx = self.people.len() as u32;
                let shown = q.key.split_once(':').map_or(q.key.as_str(), |(_, rest)| rest);
                self.people.push(Person {
                    key: q.key.clone(),
                    name: fit_name(shown).0.into_owned(),
                    ..Default::default()
                });
                self.described.push(false);
                self.leader_stated.push(false);
                self.name_given.push(false);
                self.stated.push(0);
                self.person_index.insert(q.key.clone(), idx);
                idx
            });
            let x = idx as usize;
            let has = |b: u16| q.flags & b != 0;
            self.described[x] |= has(f::DESCRIBED);
            if has(f::LISTED) {
                self.stated[x] |= STATED_LISTED;
            }
            if let Some(j) = q.joined_ms {
                // The earliest join wins, as within one builder, whatever the shard order.
                let pr = &mut self.people[x];
                pr.joined_ms = Some(earliest(pr.joined_ms, j));
            }
            if known && first_sight_formats(&q.key) {
                // This importer describes a person when it first sees them and never again
                // (Slack's bots, Discord's authors; their user lists are context, the same in
                // every shard): what an earlier shard said stands, a later one only fills gaps.
                let pr = &mut self.people[x];
                if has(f::NAME_GIVEN) && !self.name_given[x] {
                    self.name_given[x] = true;
                    pr.name = q.name;
                }
                pr.email = pr.email.take().or(q.email);
                pr.title = pr.title.take().or(q.title);
                pr.department = pr.department.or(remap_string(q.department));
                pr.location = pr.location.or(remap_string(q.location));
                if has(f::LEADER_STATED) && !self.leader_stated[x] {
                    pr.leader = has(f::LEADER);
                    self.leader_stated[x] = true;
                }
                if has(f::BOT_STATED) && self.stated[x] & STATED_BOT == 0 {
                    pr.bot = has(f::BOT);
                    self.stated[x] |= STATED_BOT;
                }
                if has(f::DEACTIVATED_STATED) && self.stated[x] & STATED_DEACTIVATED == 0 {
                    pr.deactivated = has(f::DEACTIVATED);
                    self.stated[x] |= STATED_DEACTIVATED;
                }
                person_of.push(idx);
                continue;
            }
            let pr = &mut self.people[x];
            if has(f::NAME_GIVEN) {
                if self.name_given[x] && pr.name != q.name {
                    self.renamed.insert(idx);
                }
                self.name_given[x] = true;
                pr.name = q.name;
            }
            if q.email.is_some() {
                pr.email = q.email;
            }
            if q.title.is_some() {
                pr.title = q.title;
            }
            if let Some(d) = remap_string(q.department) {
                pr.department = Some(d);
            }
            if let Some(l) = remap_string(q.location) {
                pr.location = Some(l);
            }
            if has(f::LEADER_STATED) {
                pr.leader = has(f::LEADER);
                self.leader_stated[x] = true;
            }
            if has(f::BOT_STATED) {
                pr.bot = has(f::BOT);
                self.stated[x] |= STATED_BOT;
            }
            if has(f::DEACTIVATED_STATED) {
                pr.deactivated = has(f::DEACTIVATED);
                self.stated[x] |= STATED_DEACTIVATED;
            }
            person_of.push(idx);
        }
        for r in p.renamed {
            self.renamed.insert(person_of[r as usize]);
        }
        let mut space_of = Vec::with_capacity(p.spaces.len());
        for s in p.spaces {
            let shown = s.key.split_once(':').map_or(s.key.as_str(), |(_, rest)| rest);
            let idx = match self.space_index.get(&s.key) {
                Some(&idx) => {
                    // The shard counted a cut of the shown id when it created the space.
                    cut = cut.saturating_sub(fit_name(shown).1 as u64);
                    idx
                }
                None => {
                    let idx = self.spaces.len() as u32;
                    self.spaces.push(Space {
                        key: s.key.clone(),
                        name: fit_name(shown).0.into_owned(),
                        kind: SpaceKind::Channel,
                        public: true,
                    });
                    self.space_described.push(false);
                    self.space_name_given.push(false);
                    self.space_index.insert(s.key.clone(), idx);
                    idx
                }
            };
            let x = idx as usize;
            if s.described {
                self.space_described[x] = true;
                let sp = &mut self.spaces[x];
                sp.kind = s.kind;
                sp.public = s.public;
            }
            if s.name_given {
                self.space_name_given[x] = true;
                self.spaces[x].name = s.name;
            }
            space_of.push(idx);
        }
        // Messages, in the shard's order after this builder's.
        let mut row_of = Vec::with_capacity(p.messages.len());
        self.rows.reserve(p.messages.len());
        for m in p.messages {
            if let Some(row) = self.row_keys.get(m.key) {
                self.duplicate_messages += 1;
                row_of.push(row);
                continue;
            }
            let row = self.rows.len() as u32;
            self.rows.push(DraftRow {
                time: m.time,
                space: space_of[m.space as usize],
                author: person_of[m.author as usize],
                kind: m.kind,
                by_bot: m.by_bot,
                parent: m.parent,
                root: m.root,
            });
            self.row_keys.push(m.key);
            row_of.push(row);
        }
        self.duplicate_messages += p.duplicate_messages;
        for (m, q, e, t) in p.reactions {
            let (m, q, e) = (row_of[m as usize], person_of[q as usize], string_of[e as usize]);
            if self.reaction_seen.insert((m, q, e)) {
                self.reactions.push((m, q, e, t));
            }
        }
        self.mentions.extend(p.mentions.into_iter().map(|(m, q)| (row_of[m as usize], person_of[q as usize])));
        self.roster_rows.extend(p.roster_rows);
        if let Some(n) = p.roster_headcount {
            self.roster_headcount(n);
        }
        for (t, n) in p.warnings {
            self.warnings.add(t, n);
        }
        self.cut_names += cut;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::InputFile;

    fn sample() -> Partial {
        let users = r#"[{"id":"U1","name":"ada","real_name":"Ada L","profile":{"title":"VP Sales","email":"a@x.org"}},
                        {"id":"U2","name":"bob","profile":{}}]"#;
        let channels = r#"[{"id":"C1","name":"general","created":1,"members":["U1","U2"]}]"#;
        let day = r#"[{"type":"message","user":"U1","ts":"1700000000.000100","text":"hi <@U2>",
                        "reactions":[{"name":"tada","users":["U2"],"count":1}]},
                      {"type":"message","user":"U2","ts":"1700000100.000200","thread_ts":"1700000000.000100","text":"yo"}]"#;
        import_partial(
            vec![InputFile::new("e/users.json", users), InputFile::new("e/channels.json", channels)],
            vec![InputFile::new("e/general/2023-11-14.json", day)],
            &crate::ImportOptions::default(),
        )
    }

    #[test]
    fn encodes_and_decodes_to_the_same_partial() {
        let p = sample();
        assert_eq!(p.messages.len(), 2);
        assert_eq!(p.reactions.len(), 1);
        assert_eq!(p.files_loaded, 1, "context files are not counted by the shard");
        let bytes = p.encode();
        let q = Partial::decode(&bytes).unwrap();
        assert_eq!(q.encode(), bytes);
        assert_eq!(q.people, p.people);
        assert_eq!(q.messages, p.messages);
    }

    #[test]
    fn a_cut_or_damaged_partial_is_an_error_never_a_panic() {
        let bytes = sample().encode();
        for n in 0..bytes.len() {
            assert!(Partial::decode(&bytes[..n]).is_err(), "{n}");
        }
        for i in 8..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0xff;
            let _ = Partial::decode(&b);
        }
    }

    /// Names and ids longer than the longest kept, in the context and in the data: cut once
    /// each in one process, and so across shards, and the shards carry no copy of the users.
    #[test]
    fn long_names_in_context_and_data_are_counted_as_in_one_process() {
        let long = "x".repeat(300);
        let users = format!(
            r#"[{{"id":"U{long}","name":"n","real_name":"{long}","profile":{{"title":"{long}"}}}},
                {{"id":"U2","name":"bob","profile":{{}}}}, {{"id":"U3","name":"cy","profile":{{}}}}]"#
        );
        let channels = r#"[{"id":"C1","name":"general","created":1},{"id":"C2","name":"random","created":1}]"#;
        let day = |u: &str, ts: &str| {
            format!(
                r#"[{{"type":"message","user":"{u}","ts":"{ts}","reactions":[{{"name":"{long}","users":["U2"]}}]}}]"#
            )
        };
        let ctx = || vec![InputFile::new("e/users.json", users.clone()), InputFile::new("e/channels.json", channels)];
        let a = InputFile::new("e/general/2023-11-14.json", day(&format!("U{long}"), "1700000000.000100"));
        let b = InputFile::new("e/random/2023-11-14.json", day("U2", "1700000001.000100"));
        let opts = crate::ImportOptions::default();
        let whole = {
            let mut all = ctx();
            all.extend([a.clone(), b.clone()]);
            crate::import_files(all, &opts)
        };
        let owner = import_partial(Vec::new(), ctx(), &opts);
        let s1 = import_partial(ctx(), vec![a], &opts);
        let s2 = import_partial(ctx(), vec![b], &opts);
        assert!(s2.people.len() < owner.people.len(), "the shard carries only the people its rows need");
        assert!(s2.people.iter().all(|p| p.key != "slack:U3"));
        let merged = finish([owner, s1, s2], &opts);
        assert!(whole.warnings.iter().any(|w| w.starts_with("4 names")), "{:?}", whole.warnings);
        assert_eq!(merged.warnings, whole.warnings);
        assert_eq!(merged.files_loaded, whole.files_loaded);
        assert_eq!(merged.dataset.people, whole.dataset.people);
        assert_eq!(crate::stats::counts(&merged.dataset), crate::stats::counts(&whole.dataset));
    }

    #[test]
    fn merging_a_shard_twice_counts_its_messages_once() {
        let p = sample();
        let r = finish([p.clone(), p], &crate::ImportOptions::default());
        assert_eq!(r.dataset.messages.len(), 2);
        assert_eq!(r.dataset.reactions.len(), 1);
        assert!(r.warnings.iter().any(|w| w.starts_with("2 messages appear more than once")), "{:?}", r.warnings);
    }
}
