//! Clover JSON, version 1: Clover's own documented format, for any tool or script that can
//! write JSON (the field reference and a complete example are in docs/formats.md, the
//! JSON Schema in docs/clover.schema.json).
//!
//! ```json
//! {"format": "clover", "version": 1,
//!  "people": [{"id": "u1", "name": "Ada", "department": "Research"}],
//!  "spaces": [{"id": "s1", "name": "general", "kind": "channel"}],
//!  "messages": [{"id": "m1", "space": "s1", "author": "u1", "time": "2024-01-02T09:00:00Z"}]}
//! ```
//!
//! The document is read twice, streaming, without building a tree: the first pass checks
//! that it parses and reads `format` and `version` wherever they are; only then does the
//! second pass hand people, spaces and messages to the builder. So a truncated file or a
//! newer version is an error that loads nothing, and memory stays flat for big files.
//!
//! Keys are namespaced `clover:`; message ids are unique within the file (not per space).
//! The format has no message text field (Clover never keeps text); mentions are listed.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::entry::{Entry, Report};
use super::json;
use super::sniff::{strip_bom, Shape};
use crate::civil::parse_timestamp;
use crate::model::{Builder, MessageDraft, MessageKind, PersonInfo, RosterRow, SpaceKind};

/// The value of the top-level `format` key.
pub const FORMAT: &str = "clover";
/// The newest version this build reads.
pub const VERSION: u64 = 1;

pub fn recognise(shape: &Shape) -> bool {
    matches!(shape, Shape::Object { .. }) && shape.str_value("format").map(str::trim) == Some(FORMAT)
}

pub fn import(files: Vec<(Shape, Entry)>, b: &mut Builder, r: &mut Report) {
    let mut load = Load::new(b);
    for (_, e) in files {
        let Some(data) = r.data(&e) else { continue };
        // Pass 1: the whole file parses, and says which format and version it is.
        let header = match run(&data, &mut Check) {
            Ok(h) => h,
            Err(msg) => {
                r.error(&e.display, msg);
                continue;
            }
        };
        if let Err(msg) = header.accept(&e.display, &mut load.b.warnings) {
            r.error(&e.display, msg);
            continue;
        }
        // Pass 2: the same parse, into the builder. It cannot fail where pass 1 succeeded.
        if let Err(msg) = run(&data, &mut load) {
            r.error(&e.display, format!("{msg} (what came before it was loaded)"));
        }
        r.loaded += 1;
    }
    load.finish();
}

/// Parses one document, handing its items to `h`.
fn run<'de, H: Handler<'de>>(bytes: &'de [u8], h: &mut H) -> Result<Header, String> {
    let mut de = serde_json::Deserializer::from_slice(strip_bom(bytes));
    let header = DocSeed(h).deserialize(&mut de).map_err(json::describe)?;
    de.end().map_err(json::describe)?;
    Ok(header)
}

// ---------------------------------------------------------------------------------------
// Field types: lenient where a script could reasonably differ (numbers for ids, strings
// for booleans), strict where guessing would be wrong. Clover JSON is Clover's own
// documented format, so it does not use the lenient types of `json` that read exports:
// a wrong type here is an error that says where, not a field read as missing.
// ---------------------------------------------------------------------------------------

/// A string, or a number written as one; borrowed from the input where possible.
struct Text<'a>(Cow<'a, str>);

impl Text<'_> {
    fn as_str(&self) -> &str {
        self.0.trim()
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text<'a>, E> {
                // Ids beyond 64 bits would lose digits (two ids read as one): refused.
                match json::exact_number(v) {
                    Some(t) => Ok(Text(Cow::Owned(t))),
                    None => Err(E::custom(format!(
                        "the number {v:e} is too big to be read exactly (more than 64 bits); write ids as strings"
                    ))),
                }
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// `true`/`false`, also `"yes"`/`"no"`, `"true"`, `1`/`0`.
struct Flag(bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("true or false")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Flag, E> {
                Ok(Flag(v != 0))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Flag, E> {
                Ok(Flag(v != 0))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                match v.trim().to_ascii_lowercase().as_str() {
                    "true" | "yes" | "y" | "1" => Ok(Flag(true)),
                    "false" | "no" | "n" | "0" | "" => Ok(Flag(false)),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// A time: an ISO 8601 string (UTC unless it carries an offset) or epoch milliseconds.
/// `None` inside when the value cannot be read as a time (counted, not fatal).
struct When(Option<i64>);

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = When;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an ISO 8601 time or epoch milliseconds")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<When, E> {
                Ok(When(i64::try_from(v).ok()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<When, E> {
                Ok(When(Some(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<When, E> {
                Ok(When((v.is_finite() && v.abs() < 9.0e15).then_some(v as i64)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<When, E> {
                let t = v.trim();
                if !t.is_empty() && t.len() <= 16 && t.bytes().all(|c| c.is_ascii_digit()) {
                    return Ok(When(t.parse().ok()));
                }
                Ok(When(parse_timestamp(t)))
            }
        }
        d.deserialize_any(V)
    }
}

/// The `version` value: a whole number, else what it was.
struct VersionValue(Result<u64, String>);

impl<'de> Deserialize<'de> for VersionValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = VersionValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a version number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<VersionValue, E> {
                Ok(VersionValue(Ok(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<VersionValue, E> {
                Ok(VersionValue(u64::try_from(v).map_err(|_| v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<VersionValue, E> {
                Ok(VersionValue(Err(format!("{v}"))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<VersionValue, E> {
                Ok(VersionValue(v.trim().parse().map_err(|_| format!("\"{v}\""))))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<VersionValue, E> {
                Ok(VersionValue(Err(v.to_string())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<VersionValue, E> {
                Ok(VersionValue(Err("null".into())))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
struct PersonIn<'a> {
    #[serde(borrow)]
    id: Option<Text<'a>>,
    #[serde(borrow)]
    name: Option<Text<'a>>,
    #[serde(borrow)]
    email: Option<Text<'a>>,
    #[serde(borrow)]
    title: Option<Text<'a>>,
    #[serde(borrow)]
    department: Option<Text<'a>>,
    #[serde(borrow)]
    location: Option<Text<'a>>,
    leader: Option<Flag>,
    bot: Option<Flag>,
    deactivated: Option<Flag>,
    joined: Option<When>,
}

#[derive(Deserialize)]
struct SpaceIn<'a> {
    #[serde(borrow)]
    id: Option<Text<'a>>,
    #[serde(borrow)]
    name: Option<Text<'a>>,
    #[serde(borrow)]
    kind: Option<Text<'a>>,
    public: Option<Flag>,
}

#[derive(Deserialize)]
struct ReactionIn<'a> {
    #[serde(borrow)]
    person: Option<Text<'a>>,
    #[serde(borrow)]
    emoji: Option<Text<'a>>,
    time: Option<When>,
}

#[derive(Deserialize)]
struct MessageIn<'a> {
    #[serde(borrow)]
    id: Option<Text<'a>>,
    #[serde(borrow)]
    space: Option<Text<'a>>,
    #[serde(borrow)]
    author: Option<Text<'a>>,
    time: Option<When>,
    #[serde(borrow)]
    kind: Option<Text<'a>>,
    #[serde(borrow)]
    parent: Option<Text<'a>>,
    #[serde(borrow)]
    reactions: Option<Vec<ReactionIn<'a>>>,
    #[serde(borrow)]
    mentions: Option<Vec<Text<'a>>>,
}

#[derive(Deserialize)]
struct RosterPersonIn<'a> {
    #[serde(borrow)]
    id: Option<Text<'a>>,
    #[serde(borrow)]
    email: Option<Text<'a>>,
    #[serde(borrow)]
    name: Option<Text<'a>>,
    #[serde(borrow)]
    title: Option<Text<'a>>,
    #[serde(borrow)]
    department: Option<Text<'a>>,
    #[serde(borrow)]
    location: Option<Text<'a>>,
    leader: Option<Flag>,
}

#[derive(Deserialize)]
struct RosterIn<'a> {
    headcount: Option<u64>,
    #[serde(borrow)]
    people: Option<Vec<RosterPersonIn<'a>>>,
}

// ---------------------------------------------------------------------------------------
// The document, streamed
// ---------------------------------------------------------------------------------------

/// What a document says about itself.
#[derive(Default)]
struct Header {
    format: Option<String>,
    version: Option<VersionValue>,
}

impl Header {
    /// Whether this build can read the document.
    fn accept(&self, file: &str, warnings: &mut crate::model::Warnings) -> Result<(), String> {
        match self.format.as_deref().map(str::trim) {
            Some(FORMAT) => {}
            Some(other) => return Err(format!("\"format\" is \"{other}\", not \"clover\": not a Clover JSON file")),
            None => return Err("no \"format\": \"clover\" key: not a Clover JSON file".into()),
        }
        match &self.version {
            None => {
                warnings.add("{n} Clover JSON file{s} {has|have} no \"version\"; {it was|they were} read as version 1", 1);
                Ok(())
            }
            Some(VersionValue(Ok(v))) if *v == VERSION => Ok(()),
            Some(VersionValue(Ok(v))) if *v > VERSION => Err(format!(
                "{file} is Clover JSON version {v}, newer than this Clover reads (version {VERSION}); update Clover, or write version {VERSION}"
            )),
            Some(VersionValue(Ok(v))) => Err(format!("{file} says Clover JSON version {v}; the first version is 1")),
            Some(VersionValue(Err(v))) => {
                Err(format!("{file} has \"version\": {v}; Clover JSON versions are whole numbers (this Clover reads 1)"))
            }
        }
    }
}

/// Receives the items of a document as they are parsed.
trait Handler<'de> {
    fn person(&mut self, p: PersonIn<'de>);
    fn space(&mut self, s: SpaceIn<'de>);
    fn message(&mut self, m: MessageIn<'de>);
    fn roster(&mut self, r: RosterIn<'de>);
}

/// Pass 1: parse and discard.
struct Check;

impl<'de> Handler<'de> for Check {
    fn person(&mut self, _: PersonIn<'de>) {}
    fn space(&mut self, _: SpaceIn<'de>) {}
    fn message(&mut self, _: MessageIn<'de>) {}
    fn roster(&mut self, _: RosterIn<'de>) {}
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Key {
    Format,
    Version,
    People,
    Spaces,
    Messages,
    Roster,
    #[serde(other)]
    Other,
}

struct DocSeed<'h, H>(&'h mut H);

impl<'de, H: Handler<'de>> DeserializeSeed<'de> for DocSeed<'_, H> {
    type Value = Header;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Header, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, H: Handler<'de>> Visitor<'de> for DocSeed<'_, H> {
    type Value = Header;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Clover JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Header, A::Error> {
        let h = self.0;
        let mut header = Header::default();
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Format => header.format = map.next_value::<Option<Text<'de>>>()?.map(|t| t.0.into_owned()),
                Key::Version => header.version = map.next_value()?,
                Key::People => map.next_value_seed(Each::new(|p| h.person(p)))?,
                Key::Spaces => map.next_value_seed(Each::new(|s| h.space(s)))?,
                Key::Messages => map.next_value_seed(Each::new(|m| h.message(m)))?,
                Key::Roster => {
                    if let Some(r) = map.next_value::<Option<RosterIn<'de>>>()? {
                        h.roster(r);
                    }
                }
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(header)
    }
}

/// A JSON list (or null) whose elements are handed to `f` one by one, never collected.
struct Each<T, F> {
    f: F,
    _t: PhantomData<T>,
}

impl<T, F> Each<T, F> {
    fn new(f: F) -> Self {
        Each { f, _t: PhantomData }
    }
}

impl<'de, T: Deserialize<'de>, F: FnMut(T)> DeserializeSeed<'de> for Each<T, F> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: Deserialize<'de>, F: FnMut(T)> Visitor<'de> for Each<T, F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<T>()? {
            (self.f)(item);
        }
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Pass 2: into the builder
// ---------------------------------------------------------------------------------------

/// Counts of odd-but-usable data, turned into warnings at the end.
#[derive(Default)]
struct Odd {
    person_no_id: u64,
    space_no_id: u64,
    space_kind: u64,
    message_no_id: u64,
    message_no_space: u64,
    message_no_author: u64,
    message_no_time: u64,
    message_bad_time: u64,
    message_kind: u64,
    early_time: u64,
    reaction_no_person: u64,
    reaction_bad_time: u64,
    mention_unknown: u64,
    roster_no_key: u64,
}

struct Load<'b> {
    b: &'b mut Builder,
    /// A reused buffer for `clover:<id>` keys.
    key: String,
    odd: Odd,
    listed_spaces: HashSet<u32>,
    used_spaces: HashSet<u32>,
    /// (message row, person key): resolved once every file has described its people.
    mentions: Vec<(u32, String)>,
}

/// Before this (1990-01-01), a time is almost certainly seconds written as milliseconds.
const EARLIEST_PLAUSIBLE_MS: i64 = 631_152_000_000;

impl<'b> Load<'b> {
    fn new(b: &'b mut Builder) -> Self {
        Load {
            b,
            key: String::with_capacity(64),
            odd: Odd::default(),
            listed_spaces: HashSet::new(),
            used_spaces: HashSet::new(),
            mentions: Vec::new(),
        }
    }

    fn person_idx(&mut self, id: &str) -> u32 {
        self.key.clear();
        self.key.push_str("clover:");
        self.key.push_str(id);
        self.b.person(&self.key)
    }

    fn space_idx(&mut self, id: &str) -> u32 {
        self.key.clear();
        self.key.push_str("clover:");
        self.key.push_str(id);
        self.b.space(&self.key)
    }

    fn finish(self) {
        let Load { b, odd, listed_spaces, used_spaces, mentions, .. } = self;
        let mut unknown = 0u64;
        for (row, key) in mentions {
            match b.find_person(&key) {
                Some(p) => b.mention(row, p),
                None => unknown += 1,
            }
        }
        let unlisted = used_spaces.difference(&listed_spaces).count() as u64;
        let w = &mut b.warnings;
        w.add("{n} Clover JSON {person has|people have} no \"id\" and {was|were} skipped", odd.person_no_id);
        w.add("{n} Clover JSON space{s} {has|have} no \"id\" and {was|were} skipped", odd.space_no_id);
        w.add("{n} Clover JSON space{s} {has|have} an unknown \"kind\"; {it was read as a channel|they were read as channels}", odd.space_kind);
        w.add("{n} Clover JSON space{s} {is|are} used by messages but not listed in \"spaces\"; {it is shown as a public channel|they are shown as public channels} named by id", unlisted);
        w.add("{n} Clover JSON message{s} {has|have} no \"id\" and {was|were} skipped", odd.message_no_id);
        w.add("{n} Clover JSON message{s} {has|have} no \"space\" and {was|were} skipped", odd.message_no_space);
        w.add("{n} Clover JSON message{s} {has|have} no \"author\" and {was|were} skipped", odd.message_no_author);
        w.add("{n} Clover JSON message{s} {has|have} no \"time\" and {was|were} skipped", odd.message_no_time);
        w.add(
            "{n} Clover JSON message{s} {has|have} a \"time\" that is not ISO 8601 or epoch milliseconds and {was|were} skipped",
            odd.message_bad_time,
        );
        w.add("{n} Clover JSON message{s} {has|have} an unknown \"kind\"; {it was read as a post (a reply when it has|they were read as posts (replies when they have} a parent)", odd.message_kind);
        w.add(
            "{n} Clover JSON time{s} {is|are} before 1990: epoch numbers must be milliseconds, not seconds",
            odd.early_time,
        );
        w.add("{n} Clover JSON reaction{s} {has|have} no \"person\" and {was|were} skipped", odd.reaction_no_person);
        w.add(
            "{n} Clover JSON reaction{s} {has|have} an unreadable \"time\"; the message's time was used",
            odd.reaction_bad_time,
        );
        w.add(
            "{n} Clover JSON mention{s} {names a person who is|name people who are} not in any people list and {was|were} ignored",
            odd.mention_unknown + unknown,
        );
        w.add(
            "{n} Clover JSON roster row{s} {has|have} no email, id or name and {was|were} skipped",
            odd.roster_no_key,
        );
    }
}

fn opt(t: Option<Text<'_>>) -> Option<String> {
    t.map(|t| t.as_str().to_string()).filter(|s| !s.is_empty())
}

fn nonempty<'x>(t: &'x Option<Text<'_>>) -> Option<&'x str> {
    t.as_ref().map(Text::as_str).filter(|s| !s.is_empty())
}

/// Reads a space kind, forgiving of case and separators.
pub fn parse_space_kind(s: &str) -> Option<SpaceKind> {
    let k: String = s.trim().to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    Some(match k.as_str() {
        "channel" | "public" | "publicchannel" | "open" => SpaceKind::Channel,
        "privatechannel" | "private" => SpaceKind::PrivateChannel,
        "group" | "groupdm" | "mpim" | "groupchat" => SpaceKind::Group,
        "community" => SpaceKind::Community,
        "direct" | "dm" | "im" | "directmessage" | "chat" => SpaceKind::Direct,
        _ => return None,
    })
}

impl<'de> Handler<'de> for Load<'_> {
    fn person(&mut self, p: PersonIn<'de>) {
        let Some(id) = nonempty(&p.id) else {
            self.odd.person_no_id += 1;
            return;
        };
        let idx = self.person_idx(id);
        let joined_ms = p.joined.and_then(|w| w.0);
        let info = PersonInfo {
            name: opt(p.name),
            email: opt(p.email),
            title: opt(p.title),
            department: opt(p.department),
            location: opt(p.location),
            leader: p.leader.map(|f| f.0),
            bot: p.bot.map(|f| f.0),
            deactivated: p.deactivated.map(|f| f.0),
            joined_ms,
        };
        self.b.describe_person(idx, info);
        self.b.list_person(idx);
    }

    fn space(&mut self, s: SpaceIn<'de>) {
        let Some(id) = nonempty(&s.id) else {
            self.odd.space_no_id += 1;
            return;
        };
        let idx = self.space_idx(id);
        let kind = match nonempty(&s.kind) {
            None => SpaceKind::Channel,
            Some(k) => parse_space_kind(k).unwrap_or_else(|| {
                self.odd.space_kind += 1;
                SpaceKind::Channel
            }),
        };
        // A direct conversation is never public.
        let public = if kind == SpaceKind::Direct { Some(false) } else { s.public.map(|f| f.0) };
        self.b.describe_space(idx, nonempty(&s.name), kind, public);
        self.listed_spaces.insert(idx);
    }

    fn message(&mut self, m: MessageIn<'de>) {
        let Some(id) = nonempty(&m.id) else {
            self.odd.message_no_id += 1;
            return;
        };
        let Some(space_id) = nonempty(&m.space) else {
            self.odd.message_no_space += 1;
            return;
        };
        let Some(author_id) = nonempty(&m.author) else {
            self.odd.message_no_author += 1;
            return;
        };
        let time_ms = match m.time {
            Some(When(Some(t))) => t,
            Some(When(None)) => {
                self.odd.message_bad_time += 1;
                return;
            }
            None => {
                self.odd.message_no_time += 1;
                return;
            }
        };
        // Impossible times (before 1970, after 2099) are dropped, and counted, by the builder.
        if (0..EARLIEST_PLAUSIBLE_MS).contains(&time_ms) {
            self.odd.early_time += 1;
        }
        let parent = nonempty(&m.parent).map(|p| format!("clover:{p}"));
        let kind = match nonempty(&m.kind).map(str::to_ascii_lowercase).as_deref() {
            None | Some("post") => MessageKind::Post,
            Some("reply") => MessageKind::Reply,
            Some("system") => MessageKind::System,
            Some(_) => {
                self.odd.message_kind += 1;
                MessageKind::Post
            }
        };
        // A message that answers another is a reply, whatever its kind says (system stays system).
        let kind = if kind == MessageKind::Post && parent.is_some() { MessageKind::Reply } else { kind };
        let space = self.space_idx(space_id);
        self.used_spaces.insert(space);
        let author = self.person_idx(author_id);
        self.key.clear();
        self.key.push_str("clover:");
        self.key.push_str(id);
        // The same id again is kept once; the builder counts it.
        let (row, _) = self.b.message(MessageDraft {
            key: &self.key,
            space,
            author,
            time_ms,
            kind,
            by_bot: false,
            parent,
            root: None,
        });
        for rx in m.reactions.into_iter().flatten() {
            let Some(pid) = nonempty(&rx.person) else {
                self.odd.reaction_no_person += 1;
                continue;
            };
            let person = self.person_idx(pid);
            let emoji = nonempty(&rx.emoji).unwrap_or("like");
            let time = match rx.time {
                Some(When(Some(t))) => Some(t),
                Some(When(None)) => {
                    self.odd.reaction_bad_time += 1;
                    None
                }
                None => None,
            };
            self.b.reaction(row, person, emoji, time);
        }
        for who in m.mentions.into_iter().flatten() {
            let id = who.as_str();
            if id.is_empty() {
                self.odd.mention_unknown += 1;
                continue;
            }
            self.mentions.push((row, format!("clover:{id}")));
        }
    }

    fn roster(&mut self, r: RosterIn<'de>) {
        if let Some(n) = r.headcount {
            self.b.roster_headcount(n);
        }
        for p in r.people.into_iter().flatten() {
            let row = RosterRow {
                id: opt(p.id),
                email: opt(p.email),
                info: PersonInfo {
                    name: opt(p.name),
                    title: opt(p.title),
                    department: opt(p.department),
                    location: opt(p.location),
                    leader: p.leader.map(|f| f.0),
                    ..Default::default()
                },
            };
            if row.id.is_none() && row.email.is_none() && row.info.name.is_none() {
                self.odd.roster_no_key += 1;
                continue;
            }
            self.b.roster_row(row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sniff::sniff;

    #[test]
    fn recognises_by_format_key() {
        assert!(recognise(&sniff(br#"{"format": "clover", "version": 1, "messages": []}"#)));
        assert!(!recognise(&sniff(br#"{"format": "clover-roster", "people": []}"#)));
        assert!(!recognise(&sniff(br#"[{"format": "clover"}]"#)));
    }

    #[test]
    fn space_kinds() {
        assert_eq!(parse_space_kind("private_channel"), Some(SpaceKind::PrivateChannel));
        assert_eq!(parse_space_kind("Private-Channel"), Some(SpaceKind::PrivateChannel));
        assert_eq!(parse_space_kind("DM"), Some(SpaceKind::Direct));
        assert_eq!(parse_space_kind("forum"), None);
    }
}
