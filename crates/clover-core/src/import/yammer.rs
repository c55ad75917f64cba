//! Viva Engage (Yammer): the REST API's JSON and the network data export (a ZIP of CSV files).
//!
//! REST JSON comes in several shapes, all recognised by content: a message feed
//! (`{messages[], references[], meta{}, threaded_extended{}}`), a single message, a thread
//! summary (`type: "thread"`), a user or group object, and lists of users. The network data
//! export brings `Users.csv`, `Groups.csv`, `Messages.csv` (read here) and `Files.csv`,
//! `Topics.csv` (recognised, nothing Clover counts).
//!
//! Keys: people `yammer:<user id>` (bots `yammer:bot:<id>`), messages `yammer:<message id>`
//! (ids are network-wide), groups `yammer:group:<id>`, private conversations
//! `yammer:direct:<thread id>`, and the network-wide feed of messages in no group
//! `yammer:all-company`.
//!
//! Messages without a sender that are system messages ("X joined the network") are written
//! by the network itself: the bot `yammer:system`.

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::entry::{Entry, Report};
use super::json::{self, Flag, Int, Text};
use super::sniff::{strip_bom, Preview, Shape};
use crate::civil::parse_timestamp;
use crate::model::{Builder, MessageDraft, MessageKind, PersonInfo, SpaceKind};

// ---------------------------------------------------------------------------------------
// Recognising files
// ---------------------------------------------------------------------------------------

/// What a recognised file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `{messages[], references[], meta{}, threaded_extended{}}`.
    Feed,
    /// One message object.
    Message,
    /// A JSON array of message objects.
    MessageList,
    /// A thread summary (`type: "thread"`, `thread_starter_id`): only its references.
    Thread,
    /// One user, bot or group object.
    Object,
    /// `{users: [...]}`.
    UsersList,
    /// A search's response: `{messages: {messages[], references[]}, users[], groups[], count{}}`.
    Search,
    /// A JSON array of user or group objects.
    ObjectList,
    CsvMessages,
    CsvUsers,
    CsvGroups,
    /// Files.csv, Topics.csv: recognised, nothing to count.
    CsvOther,
}

fn keys_have(keys: &[String], k: &str) -> bool {
    keys.iter().any(|x| x == k)
}

/// Keys of a Yammer user or group object (as in `references[]` or `/users.json`).
fn is_yammer_object_keys(keys: &[String]) -> bool {
    keys_have(keys, "full_name")
        && ["mugshot_url", "mugshot_url_template", "activated_at", "network_id"].iter().any(|k| keys_have(keys, k))
}

/// Keys of a Yammer message object.
fn is_yammer_message_keys(keys: &[String]) -> bool {
    (keys_have(keys, "sender_id") || keys_have(keys, "sender_type"))
        && (keys_have(keys, "thread_id") || keys_have(keys, "replied_to_id"))
        && ["network_id", "message_type", "created_at", "sender_type"].iter().any(|k| keys_have(keys, k))
}

fn classify(shape: &Shape) -> Option<Kind> {
    match shape {
        Shape::Object { .. } => {
            let has = |k: &str| shape.has_key(k);
            if let Some(Preview::Array { first_keys, empty }) = shape.get("messages") {
                let marked = has("references") || has("threaded_extended") || (has("meta") && *empty);
                if is_yammer_message_keys(first_keys) || (marked && (*empty || keys_have(first_keys, "sender_id"))) {
                    return Some(Kind::Feed);
                }
            }
            // A feed whose references come first and fill the sniffed prefix.
            if has("references") && has("threaded_extended") {
                return Some(Kind::Feed);
            }
            // A search's response nests its feed under "messages" beside what else it found.
            if matches!(shape.get("messages"), Some(Preview::Object(keys)) if keys_have(keys, "messages"))
                && (has("count") || has("users") || has("groups") || has("topics"))
            {
                return Some(Kind::Search);
            }
            let own_keys: Vec<String> = match shape {
                Shape::Object { keys, .. } => keys.iter().map(|(k, _)| k.clone()).collect(),
                _ => Vec::new(),
            };
            if is_yammer_message_keys(&own_keys) {
                return Some(Kind::Message);
            }
            match shape.str_value("type") {
                Some("thread") if has("thread_starter_id") => return Some(Kind::Thread),
                Some("user" | "bot" | "group") if is_yammer_object_keys(&own_keys) => return Some(Kind::Object),
                Some("group") if has("full_name") && has("creator_id") && has("privacy") => return Some(Kind::Object),
                _ => {}
            }
            if let Some(first) = shape.array_keys("users") {
                if is_yammer_object_keys(first) {
                    return Some(Kind::UsersList);
                }
            }
            None
        }
        Shape::Array { first_keys, .. } => {
            if is_yammer_message_keys(first_keys) {
                Some(Kind::MessageList)
            } else if is_yammer_object_keys(first_keys) {
                Some(Kind::ObjectList)
            } else {
                None
            }
        }
        Shape::Csv { headers } => classify_csv(headers),
        Shape::Unknown(_) => None,
    }
}

/// The network data export's tables, by their (lower-cased) columns. Only columns that
/// Yammer's export has and a generic roster does not decide.
fn classify_csv(h: &[String]) -> Option<Kind> {
    let has = |k: &str| keys_have(h, k);
    let any = |ks: &[&str]| ks.iter().any(|k| has(k));
    if has("sender_id") && any(&["replied_to_id", "thread_id"]) {
        return Some(Kind::CsvMessages);
    }
    if has("id")
        && has("email")
        && (any(&["suspended_at", "suspended_by_id", "suspended_by_type", "deleted_by_id", "deleted_by_type"])
            || (has("joined_at") && has("state") && has("deleted_at")))
    {
        return Some(Kind::CsvUsers);
    }
    if has("id")
        && has("name")
        && any(&["private", "privacy"])
        && any(&["creator_id", "creator_type", "api_url", "deleted"])
    {
        return Some(Kind::CsvGroups);
    }
    if has("file_id") && any(&["uploader_id", "uploader_type"]) {
        return Some(Kind::CsvOther);
    }
    if has("id") && has("name") && has("creator_type") && !has("email") {
        return Some(Kind::CsvOther);
    }
    None
}

pub fn recognise(shape: &Shape) -> bool {
    classify(shape).is_some()
}

// ---------------------------------------------------------------------------------------
// Field types: json's lenient Text (ids too: every digit is kept), Flag and Int
// ---------------------------------------------------------------------------------------

/// `body{parsed, plain, rich}`: only `parsed` is kept (it spells mentions `[[user:123]]`),
/// and only until its mentions are read.
#[derive(Default, Debug)]
struct Body<'a>(Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Body<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(field_identifier, rename_all = "lowercase")]
        enum Field {
            Parsed,
            #[serde(other)]
            Other,
        }
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Body<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a message body")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Body<'a>, M::Error> {
                let mut parsed = None;
                while let Some(k) = m.next_key::<Field>()? {
                    match k {
                        Field::Parsed => parsed = Some(m.next_value::<Text<'a>>()?.0),
                        Field::Other => {
                            m.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(Body(parsed))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Body<'a>, E> {
                Ok(Body(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Body<'a>, E> {
                Ok(Body(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Body<'a>, E> {
                Ok(Body(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Body<'a>, E> {
                Ok(Body(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Body<'a>, E> {
                Ok(Body(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Body<'a>, E> {
                Ok(Body(None))
            }
            fn visit_unit<E>(self) -> Result<Body<'a>, E> {
                Ok(Body(None))
            }
            fn visit_none<E>(self) -> Result<Body<'a>, E> {
                Ok(Body(None))
            }
            fn visit_seq<S: SeqAccess<'de>>(self, s: S) -> Result<Body<'a>, S::Error> {
                json::skip_seq(s).map(|()| Body(None))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

// ---------------------------------------------------------------------------------------
// REST JSON structures (only the fields Clover uses)
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
struct Msg<'a> {
    #[serde(default, borrow)]
    id: Text<'a>,
    #[serde(default, borrow)]
    thread_id: Text<'a>,
    #[serde(default, borrow)]
    replied_to_id: Text<'a>,
    #[serde(default, borrow)]
    group_id: Text<'a>,
    #[serde(default, borrow)]
    conversation_id: Text<'a>,
    #[serde(default, borrow)]
    sender_id: Text<'a>,
    #[serde(default, borrow)]
    sender_type: Text<'a>,
    #[serde(default, borrow)]
    message_type: Text<'a>,
    #[serde(default)]
    system_message: Flag,
    #[serde(default)]
    direct_message: Flag,
    #[serde(default, borrow)]
    privacy: Text<'a>,
    #[serde(default, borrow)]
    created_at: Text<'a>,
    #[serde(default, borrow)]
    body: Body<'a>,
    #[serde(default)]
    liked_by: Option<LikedBy<'a>>,
}

#[derive(Deserialize, Default)]
struct LikedBy<'a> {
    #[serde(default)]
    count: Int,
    #[serde(default, borrow)]
    names: Option<Vec<Liker<'a>>>,
}

#[derive(Deserialize, Default)]
struct Liker<'a> {
    #[serde(default, borrow)]
    user_id: Text<'a>,
    #[serde(default, borrow)]
    full_name: Text<'a>,
}

/// An entry of `references[]`, a user or group object, or an element of a users list.
#[derive(Deserialize, Default)]
struct Reference<'a> {
    #[serde(rename = "type", default, borrow)]
    kind: Text<'a>,
    #[serde(default, borrow)]
    id: Text<'a>,
    #[serde(default, borrow)]
    full_name: Text<'a>,
    #[serde(default, borrow)]
    name: Text<'a>,
    #[serde(default, borrow)]
    job_title: Text<'a>,
    #[serde(default, borrow)]
    email: Text<'a>,
    #[serde(default, borrow)]
    department: Text<'a>,
    #[serde(default, borrow)]
    location: Text<'a>,
    #[serde(default, borrow)]
    state: Text<'a>,
    #[serde(default, borrow)]
    activated_at: Text<'a>,
    #[serde(default, borrow)]
    privacy: Text<'a>,
    #[serde(default, borrow)]
    contact: Option<Contact<'a>>,
}

#[derive(Deserialize, Default)]
struct Contact<'a> {
    #[serde(default, borrow)]
    email_addresses: Option<Vec<EmailAddress<'a>>>,
}

#[derive(Deserialize, Default)]
struct EmailAddress<'a> {
    #[serde(default, borrow)]
    address: Text<'a>,
    #[serde(rename = "type", default, borrow)]
    kind: Text<'a>,
}

// A feed (`{messages[], references[], threaded_extended{}, meta{}}`) is streamed: each
// message is added as soon as it is read, so a large file is never held as a list of
// structs, and a truncated file keeps the messages before the cut.

/// Importer and builder, handed through the deserializer.
struct Sink<'i> {
    imp: &'i mut Importer,
    b: &'i mut Builder,
}

impl Sink<'_> {
    fn reborrow(&mut self) -> Sink<'_> {
        Sink { imp: &mut *self.imp, b: &mut *self.b }
    }
}

/// The feed object.
struct FeedSeed<'i>(Sink<'i>);

impl<'de> DeserializeSeed<'de> for FeedSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FeedSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a Viva Engage message feed (an object)")
    }
    fn visit_map<M: MapAccess<'de>>(mut self, mut m: M) -> Result<(), M::Error> {
        #[derive(Deserialize)]
        #[serde(field_identifier, rename_all = "snake_case")]
        enum Field {
            Messages,
            References,
            ThreadedExtended,
            #[serde(other)]
            Other,
        }
        while let Some(k) = m.next_key::<Field>()? {
            match k {
                Field::Messages => m.next_value_seed(MessagesSeed(self.0.reborrow()))?,
                Field::References => m.next_value_seed(ReferencesSeed(self.0.reborrow()))?,
                Field::ThreadedExtended => m.next_value_seed(ThreadedSeed(self.0.reborrow()))?,
                Field::Other => {
                    m.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// An array of messages (or null).
struct MessagesSeed<'i>(Sink<'i>);

impl<'de> DeserializeSeed<'de> for MessagesSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MessagesSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of messages")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut s: S) -> Result<(), S::Error> {
        let Sink { imp, b } = self.0;
        while let Some(m) = s.next_element::<Msg<'de>>()? {
            imp.json_message(b, &m);
        }
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// `threaded_extended`: thread id -> the messages shown under that thread.
struct ThreadedSeed<'i>(Sink<'i>);

impl<'de> DeserializeSeed<'de> for ThreadedSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ThreadedSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("threads of messages (an object)")
    }
    fn visit_map<M: MapAccess<'de>>(mut self, mut m: M) -> Result<(), M::Error> {
        while m.next_key::<IgnoredAny>()?.is_some() {
            m.next_value_seed(MessagesSeed(self.0.reborrow()))?;
        }
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// `references[]`: users, groups, bots (and threads, topics... which are skipped).
struct ReferencesSeed<'i>(Sink<'i>);

impl<'de> DeserializeSeed<'de> for ReferencesSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ReferencesSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of references")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut s: S) -> Result<(), S::Error> {
        let Sink { imp, b } = self.0;
        while let Some(r) = s.next_element::<Reference<'de>>()? {
            imp.reference(b, &r, "");
        }
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// Streams a whole document through a seed, with errors in words.
fn stream<'de, S: DeserializeSeed<'de, Value = ()>>(bytes: &'de [u8], seed: S) -> Result<(), String> {
    let mut de = serde_json::Deserializer::from_slice(strip_bom(bytes));
    seed.deserialize(&mut de).map_err(json::describe)?;
    de.end().map_err(json::describe)
}

#[derive(Deserialize, Default)]
struct ThreadSummary<'a> {
    #[serde(default, borrow)]
    references: Option<Vec<Reference<'a>>>,
}

#[derive(Deserialize, Default)]
struct UsersList<'a> {
    #[serde(default, borrow)]
    users: Option<Vec<Reference<'a>>>,
}

/// A search's response: the messages it found (a feed) and the people and groups it found.
#[derive(Deserialize, Default)]
struct Search<'a> {
    #[serde(default, borrow)]
    messages: Option<SearchFeed<'a>>,
    #[serde(default, borrow)]
    users: Option<Vec<Reference<'a>>>,
    #[serde(default, borrow)]
    groups: Option<Vec<Reference<'a>>>,
}

#[derive(Deserialize, Default)]
struct SearchFeed<'a> {
    #[serde(default, borrow)]
    messages: Option<Vec<Msg<'a>>>,
    #[serde(default, borrow)]
    references: Option<Vec<Reference<'a>>>,
}

// ---------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------

/// A message in the terms both the JSON and the CSV give.
#[derive(Default)]
struct MsgIn<'s> {
    id: Option<&'s str>,
    thread_id: Option<&'s str>,
    replied_to_id: Option<&'s str>,
    conversation_id: Option<&'s str>,
    group_id: Option<&'s str>,
    group_name: Option<&'s str>,
    /// What the message says of its group's privacy (`in_private_group`, `privacy`).
    group_private: Option<bool>,
    direct: bool,
    sender_id: Option<&'s str>,
    sender_type: Option<&'s str>,
    sender_name: Option<&'s str>,
    sender_email: Option<&'s str>,
    message_type: Option<&'s str>,
    system: bool,
    created_at: Option<&'s str>,
    body: Option<&'s str>,
}

/// A set of dense indices (people, spaces).
#[derive(Default)]
struct Flags(Vec<bool>);

impl Flags {
    /// Adds `i`; true if it was not there yet.
    fn insert(&mut self, i: u32) -> bool {
        let i = i as usize;
        if i >= self.0.len() {
            self.0.resize(i + 1, false);
        }
        !std::mem::replace(&mut self.0[i], true)
    }
}

/// `prefix` + `id` in a reused buffer.
fn key<'b>(buf: &'b mut String, prefix: &str, id: &str) -> &'b str {
    buf.clear();
    buf.push_str(prefix);
    buf.push_str(id);
    buf
}

#[derive(Default)]
struct Importer {
    /// People some file described (a user list, a reference, or at least a name).
    people_described: Flags,
    /// Spaces described by a group list or reference, or created from a message.
    spaces_described: Flags,
    /// Reused for keys looked up per message.
    buf: String,
    system_account: Option<u32>,
    /// Messages handed to `json_message` (read, whether kept or skipped).
    messages_read: u64,
    no_id: u64,
    no_time: u64,
    no_sender: u64,
    deleted: u64,
    unattributed_likes: u64,
    thread_summaries: u64,
    /// Search responses read (only what a search found).
    searches: u64,
    set_aside: u64,
    csv_rows_without_id: u64,
}

/// A CSV cell that says yes (the yes words of [`Flag`], as in JSON).
fn truthy(s: &str) -> bool {
    Flag::from_word(s) == Some(true)
}

/// Account states that mean the person can no longer use the network.
fn state_deactivated(state: &str) -> Option<bool> {
    match state.trim().to_ascii_lowercase().as_str() {
        "active" | "pending" | "unverified" => Some(false),
        "suspended" | "deleted" | "soft_delete" | "soft_deleted" | "inactive" | "disabled" | "deactivated" => {
            Some(true)
        }
        _ => None,
    }
}

/// Ids mentioned in a parsed body: `[[user:123]]`.
fn yammer_mentions(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("[[user:") {
        rest = &rest[i + 7..];
        // Searching only as far as an id can go keeps text full of openers linear.
        let Some(end) = json::id_end(rest, b"]") else { continue };
        let id = &rest[..end];
        if !id.is_empty() && id.bytes().all(|c| c.is_ascii_digit()) {
            out.push(id);
        }
    }
    out
}

impl Importer {
    /// Describes a person from an authoritative source (a user list or reference).
    fn describe_strong(&mut self, b: &mut Builder, idx: u32, info: PersonInfo) {
        self.people_described.insert(idx);
        b.describe_person(idx, info);
    }

    /// Describes a person from what a message or like says of them, unless known already.
    fn describe_weak(&mut self, b: &mut Builder, idx: u32, name: Option<&str>, email: Option<&str>) {
        if name.is_none() && email.is_none() {
            return;
        }
        if self.people_described.insert(idx) {
            b.describe_person(
                idx,
                PersonInfo { name: name.map(str::to_string), email: email.map(str::to_string), ..Default::default() },
            );
        }
    }

    fn system_account(&mut self, b: &mut Builder) -> u32 {
        if let Some(p) = self.system_account {
            return p;
        }
        let p = b.person("yammer:system");
        self.people_described.insert(p);
        b.describe_person(
            p,
            PersonInfo { name: Some("Viva Engage (system)".into()), bot: Some(true), ..Default::default() },
        );
        self.system_account = Some(p);
        p
    }

    /// Reads a reference (a user, bot or group object); returns the person of a user.
    fn reference(&mut self, b: &mut Builder, r: &Reference, default_kind: &str) -> Option<u32> {
        let kind = r.kind.get().unwrap_or(default_kind).to_ascii_lowercase();
        let id = r.id.get()?;
        let name = r.full_name.owned().or_else(|| r.name.owned());
        match kind.as_str() {
            "user" => {
                let email = r.email.owned().or_else(|| {
                    let list = r.contact.as_ref()?.email_addresses.as_ref()?;
                    let primary = list.iter().find(|e| e.kind.get().is_some_and(|k| k.eq_ignore_ascii_case("primary")));
                    primary.or(list.first()).and_then(|e| e.address.owned())
                });
                let p = b.person(&format!("yammer:{id}"));
                let info = PersonInfo {
                    name,
                    email,
                    title: r.job_title.owned(),
                    department: r.department.owned(),
                    location: r.location.owned(),
                    deactivated: r.state.get().and_then(state_deactivated),
                    joined_ms: r.activated_at.get().and_then(parse_timestamp),
                    ..Default::default()
                };
                self.describe_strong(b, p, info);
                return Some(p);
            }
            "bot" => {
                let p = b.person(&format!("yammer:bot:{id}"));
                self.describe_strong(b, p, PersonInfo { name, bot: Some(true), ..Default::default() });
            }
            "group" => {
                let s = b.space(&format!("yammer:group:{id}"));
                let public = r.privacy.get().map(|p| !p.eq_ignore_ascii_case("private"));
                self.spaces_described.insert(s);
                b.describe_space(s, name.as_deref(), SpaceKind::Community, public);
            }
            // Threads, messages, topics, pages...: the messages themselves carry what counts.
            _ => {}
        }
        None
    }

    fn space_for(&mut self, b: &mut Builder, m: &MsgIn, id: &str) -> u32 {
        if m.direct {
            let conv = m.thread_id.or(m.conversation_id).unwrap_or(id);
            let s = b.space(key(&mut self.buf, "yammer:direct:", conv));
            if self.spaces_described.insert(s) {
                b.describe_space(s, None, SpaceKind::Direct, Some(false));
            }
            s
        } else if let Some(g) = m.group_id {
            let s = b.space(key(&mut self.buf, "yammer:group:", g));
            if self.spaces_described.insert(s) {
                b.describe_space(s, m.group_name, SpaceKind::Community, m.group_private.map(|p| !p));
            }
            s
        } else {
            let s = b.space("yammer:all-company");
            if self.spaces_described.insert(s) {
                b.describe_space(s, Some("All Company"), SpaceKind::Community, Some(true));
            }
            s
        }
    }

    /// Adds a message; returns its row and whether it is new, or None when it was skipped
    /// (and counted).
    fn message(&mut self, b: &mut Builder, m: &MsgIn) -> Option<(u32, bool)> {
        let Some(id) = m.id else {
            self.no_id += 1;
            return None;
        };
        let Some(time) = m.created_at.and_then(parse_timestamp) else {
            self.no_time += 1;
            return None;
        };
        let system = m.system || m.message_type.is_some_and(|t| t.eq_ignore_ascii_case("system"));
        let by_user = m.sender_type.is_none_or(|t| t.eq_ignore_ascii_case("user"));
        let author = match m.sender_id {
            Some(s) if by_user => {
                let p = b.person(key(&mut self.buf, "yammer:", s));
                self.describe_weak(b, p, m.sender_name, m.sender_email);
                p
            }
            Some(s) => {
                let p = b.person(key(&mut self.buf, "yammer:bot:", s));
                if self.people_described.insert(p) {
                    b.describe_person(
                        p,
                        PersonInfo { name: m.sender_name.map(str::to_string), bot: Some(true), ..Default::default() },
                    );
                }
                p
            }
            None if system => self.system_account(b),
            None => {
                self.no_sender += 1;
                return None;
            }
        };
        let space = self.space_for(b, m, id);
        let thread = m.thread_id.filter(|t| *t != id);
        let parent = m.replied_to_id.filter(|p| *p != id).or(thread);
        let kind = if system {
            MessageKind::System
        } else if parent.is_some() {
            MessageKind::Reply
        } else {
            MessageKind::Post
        };
        let msg_key = format!("yammer:{id}");
        let (row, new) = b.message(MessageDraft {
            key: &msg_key,
            space,
            author,
            time_ms: time,
            kind,
            by_bot: !by_user,
            parent: parent.map(|p| format!("yammer:{p}")),
            root: thread.map(|t| format!("yammer:{t}")),
        });
        if new {
            if let Some(text) = m.body {
                for uid in yammer_mentions(text) {
                    let p = b.person(key(&mut self.buf, "yammer:", uid));
                    b.mention(row, p);
                }
            }
        }
        Some((row, new))
    }

    fn json_message(&mut self, b: &mut Builder, m: &Msg) {
        self.messages_read += 1;
        let privacy = m.privacy.get();
        let input = MsgIn {
            id: m.id.get(),
            thread_id: m.thread_id.get(),
            replied_to_id: m.replied_to_id.get(),
            conversation_id: m.conversation_id.get(),
            group_id: m.group_id.get(),
            group_name: None,
            group_private: privacy.map(|p| p.eq_ignore_ascii_case("private")),
            direct: m.direct_message.yes(),
            sender_id: m.sender_id.get(),
            sender_type: m.sender_type.get(),
            sender_name: None,
            sender_email: None,
            message_type: m.message_type.get(),
            system: m.system_message.yes(),
            created_at: m.created_at.get(),
            body: m.body.0.as_deref(),
        };
        let Some((row, new)) = self.message(b, &input) else { return };
        let Some(likes) = &m.liked_by else { return };
        let names = likes.names.as_deref().unwrap_or_default();
        let mut attributed = 0u64;
        for l in names {
            let Some(uid) = l.user_id.get() else { continue };
            let p = b.person(key(&mut self.buf, "yammer:", uid));
            self.describe_weak(b, p, l.full_name.get(), None);
            b.reaction(row, p, "like", None);
            attributed += 1;
        }
        if new {
            let count = likes.count.count().unwrap_or(attributed);
            self.unattributed_likes += count.saturating_sub(attributed);
        }
    }

    fn json_file(&mut self, kind: Kind, e: &Entry, b: &mut Builder, r: &mut Report) {
        let Some(data) = r.data(e) else { return };
        macro_rules! parse {
            ($t:ty) => {
                match json::parse::<$t>(&data) {
                    Ok(v) => v,
                    Err(msg) => {
                        r.error(&e.display, format!("not a readable Viva Engage file: {msg}"));
                        return;
                    }
                }
            };
        }
        match kind {
            Kind::Feed | Kind::MessageList => {
                let before = self.messages_read;
                let sink = Sink { imp: &mut *self, b: &mut *b };
                let res =
                    if kind == Kind::Feed { stream(&data, FeedSeed(sink)) } else { stream(&data, MessagesSeed(sink)) };
                let read = self.messages_read - before;
                if let Err(msg) = res {
                    let kept =
                        if read > 0 { format!("; the {read} messages before it were read") } else { String::new() };
                    r.error(&e.display, format!("not a readable Viva Engage file: {msg}{kept}"));
                    if read == 0 {
                        return;
                    }
                }
            }
            Kind::Message => {
                let m = parse!(Msg);
                self.json_message(b, &m);
            }
            Kind::Thread => {
                let t = parse!(ThreadSummary);
                for rf in t.references.iter().flatten() {
                    self.reference(b, rf, "");
                }
                self.thread_summaries += 1;
            }
            Kind::Object => {
                let o = parse!(Reference);
                // One user's own object (/users/ID.json) is a member list of one.
                if let Some(p) = self.reference(b, &o, "user") {
                    b.list_person(p);
                }
            }
            Kind::UsersList => {
                let l = parse!(UsersList);
                for u in l.users.iter().flatten() {
                    if let Some(p) = self.reference(b, u, "user") {
                        b.list_person(p);
                    }
                }
            }
            Kind::ObjectList => {
                let l = parse!(Vec<Reference>);
                for o in &l {
                    if let Some(p) = self.reference(b, o, "user") {
                        b.list_person(p);
                    }
                }
            }
            Kind::Search => {
                // Only what one search found: read, and said (a search is not the network).
                let sr = parse!(Search);
                let feed = sr.messages.unwrap_or_default();
                for rf in
                    feed.references.iter().flatten().chain(sr.users.iter().flatten()).chain(sr.groups.iter().flatten())
                {
                    self.reference(b, rf, "");
                }
                for m in feed.messages.iter().flatten() {
                    self.json_message(b, m);
                }
                self.searches += 1;
            }
            _ => return,
        }
        r.loaded += 1;
    }

    fn csv_file(&mut self, kind: Kind, e: &Entry, b: &mut Builder, r: &mut Report) {
        let Some(data) = r.data(e) else { return };
        if kind == Kind::CsvOther {
            self.set_aside += 1;
            r.loaded += 1;
            return;
        }
        let mut rdr = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(strip_bom(&data));
        let cols: Vec<String> = match rdr.byte_headers() {
            Ok(h) => h.iter().map(|c| String::from_utf8_lossy(c).trim().to_lowercase()).collect(),
            Err(err) => {
                r.error(&e.display, format!("the CSV header cannot be read: {err}"));
                return;
            }
        };
        let col = |name: &str| cols.iter().position(|c| c == name);
        let mut rec = csv::ByteRecord::new();
        let mut read_any = false;
        match kind {
            Kind::CsvUsers => {
                let c = UserCols {
                    id: col("id"),
                    name: col("name"),
                    email: col("email"),
                    title: col("job_title"),
                    location: col("location"),
                    department: col("department"),
                    joined: col("joined_at"),
                    deleted: col("deleted_at"),
                    suspended: col("suspended_at"),
                    state: col("state"),
                };
                loop {
                    match rdr.read_byte_record(&mut rec) {
                        Ok(true) => {}
                        Ok(false) => break,
                        Err(err) => {
                            csv_error(r, e, &err);
                            break;
                        }
                    }
                    read_any = true;
                    self.csv_user(b, &rec, &c);
                }
            }
            Kind::CsvGroups => {
                let (id, name, private, privacy) = (col("id"), col("name"), col("private"), col("privacy"));
                loop {
                    match rdr.read_byte_record(&mut rec) {
                        Ok(true) => {}
                        Ok(false) => break,
                        Err(err) => {
                            csv_error(r, e, &err);
                            break;
                        }
                    }
                    read_any = true;
                    let Some(gid) = field(&rec, id) else {
                        self.csv_rows_without_id += 1;
                        continue;
                    };
                    let s = b.space(&format!("yammer:group:{gid}"));
                    let private = field(&rec, private)
                        .map(|p| truthy(&p))
                        .or_else(|| field(&rec, privacy).map(|p| p.eq_ignore_ascii_case("private")));
                    self.spaces_described.insert(s);
                    b.describe_space(s, field(&rec, name).as_deref(), SpaceKind::Community, private.map(|p| !p));
                }
            }
            Kind::CsvMessages => {
                let c = MsgCols {
                    id: col("id"),
                    replied_to_id: col("replied_to_id"),
                    thread_id: col("thread_id"),
                    conversation_id: col("conversation_id"),
                    group_id: col("group_id"),
                    group_name: col("group_name"),
                    in_private_group: col("in_private_group"),
                    in_private_conversation: col("in_private_conversation"),
                    sender_id: col("sender_id"),
                    sender_type: col("sender_type"),
                    sender_name: col("sender_name"),
                    sender_email: col("sender_email"),
                    body: col("body"),
                    created_at: col("created_at"),
                    deleted_at: col("deleted_at"),
                    message_type: col("message_type"),
                    system_message: col("system_message"),
                };
                loop {
                    match rdr.read_byte_record(&mut rec) {
                        Ok(true) => {}
                        Ok(false) => break,
                        Err(err) => {
                            csv_error(r, e, &err);
                            break;
                        }
                    }
                    read_any = true;
                    self.csv_message(b, &rec, &c);
                }
            }
            _ => {}
        }
        if read_any || rdr.is_done() {
            r.loaded += 1;
        }
    }

    fn csv_user(&mut self, b: &mut Builder, rec: &csv::ByteRecord, c: &UserCols) {
        let Some(id) = field(rec, c.id) else {
            self.csv_rows_without_id += 1;
            return;
        };
        let gone = field(rec, c.deleted).is_some() || field(rec, c.suspended).is_some();
        let state = field(rec, c.state).and_then(|s| state_deactivated(&s));
        let p = b.person(&format!("yammer:{id}"));
        let info = PersonInfo {
            name: field(rec, c.name).map(Cow::into_owned),
            email: field(rec, c.email).map(Cow::into_owned),
            title: field(rec, c.title).map(Cow::into_owned),
            department: field(rec, c.department).map(Cow::into_owned),
            location: field(rec, c.location).map(Cow::into_owned),
            deactivated: Some(gone || state == Some(true)),
            joined_ms: field(rec, c.joined).and_then(|t| parse_timestamp(&t)),
            ..Default::default()
        };
        self.describe_strong(b, p, info);
        b.list_person(p);
    }

    fn csv_message(&mut self, b: &mut Builder, rec: &csv::ByteRecord, c: &MsgCols) {
        if field(rec, c.deleted_at).is_some() {
            self.deleted += 1;
            return;
        }
        let id = field(rec, c.id);
        let thread_id = field(rec, c.thread_id);
        let replied_to_id = field(rec, c.replied_to_id);
        let conversation_id = field(rec, c.conversation_id);
        let group_id = field(rec, c.group_id);
        let group_name = field(rec, c.group_name);
        let sender_id = field(rec, c.sender_id);
        let sender_type = field(rec, c.sender_type);
        let sender_name = field(rec, c.sender_name);
        let sender_email = field(rec, c.sender_email);
        let message_type = field(rec, c.message_type);
        let created_at = field(rec, c.created_at);
        let body = field(rec, c.body);
        let input = MsgIn {
            id: id.as_deref(),
            thread_id: thread_id.as_deref(),
            replied_to_id: replied_to_id.as_deref(),
            conversation_id: conversation_id.as_deref(),
            group_id: group_id.as_deref(),
            group_name: group_name.as_deref(),
            group_private: field(rec, c.in_private_group).map(|v| truthy(&v)),
            direct: field(rec, c.in_private_conversation).is_some_and(|v| truthy(&v)),
            sender_id: sender_id.as_deref(),
            sender_type: sender_type.as_deref(),
            sender_name: sender_name.as_deref(),
            sender_email: sender_email.as_deref(),
            message_type: message_type.as_deref(),
            system: field(rec, c.system_message).is_some_and(|v| truthy(&v)),
            created_at: created_at.as_deref(),
            body: body.as_deref(),
        };
        self.message(b, &input);
    }

    fn finish(self, b: &mut Builder) {
        let w = &mut b.warnings;
        w.add("{n} Viva Engage message{s} had no id and {was|were} skipped", self.no_id);
        w.add("{n} Viva Engage message{s} had no readable created_at time and {was|were} skipped", self.no_time);
        w.add("{n} Viva Engage message{s} had no sender and {was|were} skipped", self.no_sender);
        w.add("{n} deleted Viva Engage message{s} (deleted_at set) {was|were} skipped", self.deleted);
        w.add(
            "{n} Viva Engage like{s} {is|are} counted on messages but {its liker is|their likers are} not listed; {it is not counted as a reaction|they are not counted as reactions}",
            self.unattributed_likes,
        );
        w.add(
            "{n} Viva Engage thread {summary holds|summaries hold} no messages; only the people {it references|they reference} were read",
            self.thread_summaries,
        );
        w.add(
            "{n} Viva Engage search result{s} {was|were} read: {it holds|they hold} only the messages a search found, not the whole network's",
            self.searches,
        );
        w.add(
            "{n} Viva Engage file{s} (Files.csv, Topics.csv) {holds|hold} nothing Clover counts and {was|were} set aside",
            self.set_aside,
        );
        w.add(
            "{n} row{s} of Viva Engage user or group tables had no id and {was|were} skipped",
            self.csv_rows_without_id,
        );
    }
}

struct UserCols {
    id: Option<usize>,
    name: Option<usize>,
    email: Option<usize>,
    title: Option<usize>,
    location: Option<usize>,
    department: Option<usize>,
    joined: Option<usize>,
    deleted: Option<usize>,
    suspended: Option<usize>,
    state: Option<usize>,
}

struct MsgCols {
    id: Option<usize>,
    replied_to_id: Option<usize>,
    thread_id: Option<usize>,
    conversation_id: Option<usize>,
    group_id: Option<usize>,
    group_name: Option<usize>,
    in_private_group: Option<usize>,
    in_private_conversation: Option<usize>,
    sender_id: Option<usize>,
    sender_type: Option<usize>,
    sender_name: Option<usize>,
    sender_email: Option<usize>,
    body: Option<usize>,
    created_at: Option<usize>,
    deleted_at: Option<usize>,
    message_type: Option<usize>,
    system_message: Option<usize>,
}

/// A CSV cell, trimmed; `None` when the column is absent or the cell empty (or "null").
fn field(rec: &csv::ByteRecord, col: Option<usize>) -> Option<Cow<'_, str>> {
    let raw = rec.get(col?)?;
    let text = match std::str::from_utf8(raw) {
        Ok(s) => Cow::Borrowed(s.trim()),
        Err(_) => Cow::Owned(String::from_utf8_lossy(raw).trim().to_string()),
    };
    if text.is_empty() || text.eq_ignore_ascii_case("null") {
        None
    } else {
        Some(text)
    }
}

fn csv_error(r: &mut Report, e: &Entry, err: &csv::Error) {
    let at = err.position().map(|p| format!(" at line {}", p.line())).unwrap_or_default();
    r.error(&e.display, format!("the CSV stops being readable{at}: {err}; rows before it were read"));
}

pub fn import(files: Vec<(Shape, Entry)>, b: &mut Builder, r: &mut Report) {
    let mut files: Vec<(Kind, Entry)> = files
        .into_iter()
        .filter_map(|(shape, e)| match classify(&shape) {
            Some(k) => Some((k, e)),
            None => {
                r.error(&e.display, "not a Viva Engage file after all");
                None
            }
        })
        .collect();
    // Lists of people and groups first, then messages: only ordering of work, the result
    // does not depend on it (user lists overwrite what messages say of their senders).
    let rank = |k: Kind| match k {
        Kind::CsvUsers | Kind::CsvGroups | Kind::Object | Kind::UsersList | Kind::ObjectList | Kind::Thread => 0,
        Kind::Search => 1,
        _ => 1,
    };
    files.sort_by_key(|(k, _)| rank(*k));
    let mut imp = Importer::default();
    // Each file is dropped once read (a small one is held whole until then).
    for (kind, e) in files {
        match kind {
            Kind::CsvMessages | Kind::CsvUsers | Kind::CsvGroups | Kind::CsvOther => imp.csv_file(kind, &e, b, r),
            _ => imp.json_file(kind, &e, b, r),
        }
    }
    imp.finish(b);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions() {
        assert_eq!(yammer_mentions("hi [[user:123]] and [[user:45]], [[tag:9]] [[user:x]] [[user:"), ["123", "45"]);
        assert!(yammer_mentions("").is_empty());
        // Regression: every opener searched the whole rest of the text for "]" (quadratic).
        assert!(yammer_mentions(&"[[user:".repeat(300_000)).is_empty());
    }

    #[test]
    fn lenient_fields() {
        let m: Msg = serde_json::from_str(
            r#"{"id": {"x": 1}, "sender_id": 12345678901234567, "body": "text [[user:1]]", "liked_by": {"count": "3", "names": null},
                "system_message": "true", "privacy": 4, "created_at": ["a"]}"#,
        )
        .unwrap();
        assert_eq!(m.id.get(), None);
        assert_eq!(m.sender_id.get(), Some("12345678901234567"));
        assert_eq!(m.body.0.as_deref(), Some("text [[user:1]]"));
        assert!(m.system_message.yes());
        // A number where text is expected is its digits (json::Text, in every format).
        assert_eq!(m.privacy.get(), Some("4"));
        assert_eq!(m.created_at.get(), None);
        assert_eq!(m.liked_by.unwrap().count.count(), Some(3));
    }

    #[test]
    fn csv_tables_are_told_apart() {
        let h = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(classify_csv(&h("id,replied_to_id,thread_id,sender_id,body")), Some(Kind::CsvMessages));
        assert_eq!(
            classify_csv(&h("id,name,email,job_title,joined_at,deleted_at,suspended_at,state")),
            Some(Kind::CsvUsers)
        );
        assert_eq!(classify_csv(&h("id,name,description,private,deleted,creator_id")), Some(Kind::CsvGroups));
        assert_eq!(classify_csv(&h("file_id,name,uploader_id,path")), Some(Kind::CsvOther));
        // Rosters are not Viva Engage files.
        assert_eq!(classify_csv(&h("id,name,email,department,title,location")), None);
        assert_eq!(classify_csv(&h("email,name,department,manager,joined_at")), None);
    }
}
