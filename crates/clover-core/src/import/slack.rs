//! Slack workspace exports: `users.json` (`org_users.json` on Enterprise Grid), the
//! conversation lists (`channels.json`, `groups.json`, `mpims.json`, `dms.json`,
//! `file_conversations.json`) and one JSON array of messages per channel and day
//! (`<folder>/<YYYY-MM-DD>.json`). The other files of an export (`integration_logs.json`,
//! `canvases.json`, `lists.json`, `huddle_transcripts.json`, a compliance export's manifest)
//! hold no engagement: they are recognised and skipped with a counted note.
//!
//! Subtypes: people's messages, bot messages and events (system messages) are told apart by
//! documented lists and families (`channel_*`, `bot_*`, …, see [`classify_subtype`]); a
//! subtype no rule knows counts as an ordinary message, with a warning.
//!
//! Files are recognised by content. All user lists are read first, then all conversation
//! lists, then the day files, whose channel is their folder: a channel, private channel or
//! group DM name, or a DM id. Message keys are `slack:<channel id>:<ts>`, so the same
//! message read twice (two copies of an export) is kept once.
//!
//! Day files are read with a streaming visitor over borrowed strings: a message is handed
//! to the builder as soon as it is parsed and its text is dropped once mentions are taken.
//! Fields are lenient (a number where a string was expected, an object where a list was
//! expected): odd fields are ignored rather than failing the file, and a truncated file
//! keeps the messages read before the cut.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::entry::{Entry, Report};
use super::json::{self, Flag, Int, List, Obj, Text};
use super::sniff::{strip_bom, Preview, Shape};
use crate::civil::parse_epoch_seconds;
use crate::model::{Builder, MessageDraft, MessageKind, PersonInfo, SpaceKind};

// ---------------------------------------------------------------------------------------
// Recognising files
// ---------------------------------------------------------------------------------------

/// What a Slack file holds, decided from its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `users.json`, `org_users.json`.
    Users,
    /// `channels.json`, `groups.json`, `mpims.json`, `dms.json`, and `file_conversations.json`
    /// (the conversations about a canvas or file, folders `FC:<file id>:<title>`): lists of
    /// conversations, the same shape.
    Conversations,
    /// A day file (an array of messages) or a single message object.
    Messages,
    /// A file an export holds beside its conversations, with nothing in it about who took part
    /// where: recognised, skipped, and counted in a note.
    Skipped(Skip),
}

/// The files of a Slack export that hold no engagement. (Lists Slack writes empty, `[]` or
/// `[""]`, never get here: detection skips them for every format, with a note.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Skip {
    /// `integration_logs.json`: apps and integrations added or removed.
    AppLog,
    /// `canvases.json`, `lists.json`, `huddle_transcripts.json`: lists of Slack file objects
    /// (`id`, `name`, `title`, `filetype` `quip`/`list`/`huddle_transcript`, `mimetype`,
    /// links): documents, not conversations. Comments on a canvas are messages in its
    /// `FC:` folder, and a huddle is the `huddle_thread` event of its channel.
    Documents,
    /// `.slack-manifest.json` of compliance exports: `{version, metadata{export_type,
    /// exporter, …}, checksum}`, about the export itself.
    Manifest,
}

impl Skip {
    fn note(self) -> &'static str {
        match self {
            Skip::AppLog => {
                "{n} Slack app activity log{s} (integration_logs.json) {was|were} skipped: {it records|they record} apps added and removed, not conversations"
            }
            Skip::Documents => {
                "{n} Slack list{s} of canvases, lists or huddle transcripts {was|were} skipped: {it describes|they describe} documents, not conversations"
            }
            Skip::Manifest => "{n} Slack export manifest{s} {was|were} skipped: {it describes|they describe} the export, not conversations",
        }
    }
}

fn kind_of(shape: &Shape) -> Option<Kind> {
    match shape {
        // `[]` and `[""]` never get here: detection skips them for every format.
        Shape::Array { empty: true, .. } | Shape::Array { blank: true, .. } => None,
        Shape::Array { first_keys, .. } => {
            let has = |k: &str| first_keys.iter().any(|x| x == k);
            if has("ts") && (has("type") || has("user") || has("subtype") || has("bot_id")) {
                Some(Kind::Messages)
            } else if has("id") && (has("profile") || has("is_bot") || has("is_app_user")) {
                Some(Kind::Users)
            } else if has("id")
                && has("created")
                && (has("members")
                    || has("is_channel")
                    || has("is_im")
                    || has("is_mpim")
                    || has("is_group")
                    || (has("name") && (has("creator") || has("is_archived") || has("topic") || has("purpose"))))
            {
                Some(Kind::Conversations)
            } else if has("change_type")
                && (has("service_id") || has("service_type") || has("app_id") || has("app_type"))
            {
                Some(Kind::Skipped(Skip::AppLog))
            } else if has("id") && (has("filetype") || has("mimetype")) && (has("title") || has("name")) {
                Some(Kind::Skipped(Skip::Documents))
            } else {
                None
            }
        }
        Shape::Object { more_values: false, .. } => {
            if let Some(Preview::Object(meta)) = shape.get("metadata") {
                let about_export = meta.iter().any(|k| k == "exporter" || k == "export_type");
                if about_export && shape.has_key("checksum") {
                    return Some(Kind::Skipped(Skip::Manifest));
                }
            }
            // A single message object saved on its own.
            let typed = shape.str_value("type") == Some("message");
            let authored = shape.has_key("user") || shape.has_key("bot_id") || shape.has_key("subtype");
            (shape.has_key("ts") && (typed || (authored && shape.has_key("text")))).then_some(Kind::Messages)
        }
        _ => None,
    }
}

pub fn recognise(shape: &Shape) -> bool {
    kind_of(shape).is_some()
}

/// Whether a Slack file of this shape is read for its lookups alone (a user or conversation
/// list, or a file skipped with a note), never for messages: a pool of import workers gives
/// such files to every worker (`crate::pool`).
pub fn is_lookup(shape: &Shape) -> bool {
    matches!(kind_of(shape), Some(Kind::Users | Kind::Conversations | Kind::Skipped(_)))
}

// ---------------------------------------------------------------------------------------
// Reading files: fields are json's lenient types (Text, Flag, Int, Obj, List)
// ---------------------------------------------------------------------------------------

/// Walks a file that is a list of objects (or one object), handing each element to `f`
/// as soon as it is parsed: `Some(item)` for an object, `None` for anything else.
/// Returns how many elements were handed over, and the error that stopped the walk.
fn each<'a, T, F>(bytes: &'a [u8], mut f: F) -> (usize, Option<String>)
where
    T: Deserialize<'a>,
    F: FnMut(Option<T>),
{
    struct Seed<'f, T, F> {
        f: &'f mut F,
        n: &'f mut usize,
        _t: PhantomData<T>,
    }
    impl<'de, T: Deserialize<'de>, F: FnMut(Option<T>)> DeserializeSeed<'de> for Seed<'_, T, F> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de, T: Deserialize<'de>, F: FnMut(Option<T>)> Visitor<'de> for Seed<'_, T, F> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a JSON list of objects")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while let Some(item) = seq.next_element::<Obj<T>>()? {
                *self.n += 1;
                (self.f)(item.0);
            }
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
            let item = T::deserialize(MapAccessDeserializer::new(map))?;
            *self.n += 1;
            (self.f)(Some(item));
            Ok(())
        }
    }
    let mut n = 0usize;
    let mut de = serde_json::Deserializer::from_slice(strip_bom(bytes));
    let seed = Seed { f: &mut f, n: &mut n, _t: PhantomData };
    let res = seed.deserialize(&mut de).and_then(|_| de.end());
    (n, res.err().map(json::describe))
}

// ---------------------------------------------------------------------------------------
// The records read
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct User<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    real_name: Text<'a>,
    deleted: Flag,
    is_bot: Flag,
    is_app_user: Flag,
    #[serde(borrow)]
    profile: Obj<Profile<'a>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Profile<'a> {
    #[serde(borrow)]
    real_name: Text<'a>,
    #[serde(borrow)]
    display_name: Text<'a>,
    #[serde(borrow)]
    email: Text<'a>,
    #[serde(borrow)]
    title: Text<'a>,
    #[serde(borrow)]
    bot_id: Text<'a>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Conversation<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    name: Text<'a>,
    is_im: Flag,
    is_mpim: Flag,
    is_private: Flag,
    is_group: Flag,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Msg<'a> {
    #[serde(borrow)]
    ts: Text<'a>,
    #[serde(borrow)]
    thread_ts: Text<'a>,
    #[serde(borrow)]
    subtype: Text<'a>,
    #[serde(borrow)]
    user: Text<'a>,
    #[serde(borrow)]
    bot_id: Text<'a>,
    #[serde(borrow)]
    username: Text<'a>,
    #[serde(borrow)]
    text: Text<'a>,
    #[serde(borrow)]
    bot_profile: Obj<BotProfile<'a>>,
    /// The comment of an old `file_comment` message: its author.
    #[serde(borrow)]
    comment: Obj<Comment<'a>>,
    #[serde(borrow)]
    reactions: List<Obj<Reaction<'a>>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct BotProfile<'a> {
    #[serde(borrow)]
    name: Text<'a>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Comment<'a> {
    #[serde(borrow)]
    user: Text<'a>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Reaction<'a> {
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    users: List<Text<'a>>,
    count: Int,
}

// ---------------------------------------------------------------------------------------
// Importing
// ---------------------------------------------------------------------------------------

/// Slack's own bot user, listed as `is_bot: false`.
const SLACKBOT: &str = "USLACKBOT";

/// What a message's `subtype` makes it. docs/formats.md gives the same lists and rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Subtype {
    /// Someone wrote it: a post or a reply (or a bot message, when its author is a bot).
    Written,
    /// Written by a bot or an integration, whoever the author.
    Bot,
    /// An event Slack wrote (someone joined, a topic, a tab or a canvas changed, a reminder
    /// was set): a system message, never anyone's activity.
    Event,
    /// A subtype Clover does not know: counted as written (engagement is never dropped on a
    /// guess), with a warning.
    Unfamiliar,
}

/// Subtypes of messages people write: shared files, `/me`, replies also sent to the
/// channel, comments on files.
const WRITTEN_SUBTYPES: &[&str] = &[
    "file_share",
    "file_comment",
    "file_mention",
    "me_message",
    "thread_broadcast",
    "reply_broadcast",
    "message_replied",
];

/// Subtypes of messages bots and integrations write.
const BOT_SUBTYPES: &[&str] = &["bot_message", "slackbot_response"];

/// Events, one by one: those outside the families below, and the members of the families
/// seen in real exports (kept here so the list documents them).
const EVENT_SUBTYPES: &[&str] = &[
    "channel_join",
    "channel_leave",
    "channel_topic",
    "channel_purpose",
    "channel_name",
    "channel_archive",
    "channel_unarchive",
    "channel_convert_to_private",
    "channel_convert_to_public",
    "channel_posting_permissions",
    "channel_canvas_updated",
    "channel_tab_added",
    "group_join",
    "group_leave",
    "group_topic",
    "group_purpose",
    "group_name",
    "group_archive",
    "group_unarchive",
    "pinned_item",
    "unpinned_item",
    "bot_add",
    "bot_remove",
    "bot_enable",
    "bot_disable",
    "app_conversation_join",
    "app_conversation_leave",
    "reminder_add",
    "reminder_delete",
    "huddle_thread",
    "sh_room_created",
    "joiner_notification",
    "joiner_notification_for_inviter",
    "ekm_access_denied",
    "welcome_party",
    "message_changed",
    "message_deleted",
];

/// Families of events, by prefix: every `channel_*` and `group_*` subtype is something that
/// happened to a (private) channel, every `bot_*` one (but `bot_message`, above) to an
/// integration, `reminder_*` a reminder set or done, `huddle_*` and `sh_room_*` a huddle,
/// `app_conversation_*` an app joining or leaving, `joiner_notification*` a join.
const EVENT_FAMILIES: &[&str] =
    &["channel_", "group_", "bot_", "reminder_", "huddle_", "sh_room_", "app_conversation_", "joiner_notification"];

/// Events by suffix, whatever the conversation: `mpim_join`, `…_leave`, `…_topic`, ….
const EVENT_SUFFIXES: &[&str] = &["_join", "_leave", "_topic", "_purpose", "_archive", "_unarchive"];

fn classify_subtype(s: &str) -> Subtype {
    if s.is_empty() || WRITTEN_SUBTYPES.contains(&s) {
        Subtype::Written
    } else if BOT_SUBTYPES.contains(&s) {
        Subtype::Bot
    } else if EVENT_SUBTYPES.contains(&s)
        || EVENT_FAMILIES.iter().any(|f| s.starts_with(f))
        || EVENT_SUFFIXES.iter().any(|x| s.ends_with(x))
    {
        Subtype::Event
    } else {
        Subtype::Unfamiliar
    }
}

/// Which conversation list a file is, from its name: only a hint where entries carry no
/// `is_im` / `is_mpim` / `is_private` flags (old exports).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ListHint {
    None,
    Private,
    Mpims,
    Dms,
}

fn list_hint(file_name: &str) -> ListHint {
    let n = file_name.to_ascii_lowercase();
    if n.ends_with("dms.json") {
        ListHint::Dms
    } else if n.ends_with("mpims.json") {
        ListHint::Mpims
    } else if n.ends_with("groups.json") {
        ListHint::Private
    } else {
        ListHint::None
    }
}

/// The folders of a path: (`teams/T1`, `general`) for `teams/T1/general/2020-01-01.json`.
fn split_dir(path: &str) -> Vec<&str> {
    path.split(['/', '\\']).filter(|s| !s.is_empty()).collect()
}

/// What the importer remembers between files.
#[derive(Default)]
struct State {
    /// User ids described by a user list, and whether each is a bot.
    users: HashMap<String, bool>,
    /// Bot ids (`B…`) of bot users (`profile.bot_id`), to their person.
    bot_users: HashMap<String, u32>,
    /// (folder of the list file, channel name or id) -> the channel's key part.
    local: HashMap<(String, String), String>,
    /// Channel name or id -> key part, when unique across the export (None if ambiguous).
    global: HashMap<String, Option<String>>,
    /// Folders that matched no conversation (to warn once per folder).
    unmatched: HashSet<String>,
    /// Keys of tombstones seen (to count each once when an export is loaded twice).
    tombstones: HashSet<String>,
    /// Buffers for the keys of a message and of a person, kept from one message to the next
    /// (a `format!` per key was an eighth of an import's instructions).
    message_key: String,
    person_key: String,
}

/// `slack:` and `parts`, written into `buf` (cleared first).
fn key<'b>(buf: &'b mut String, parts: &[&str]) -> &'b str {
    json::key_into(buf, &["slack:"]);
    for p in parts {
        buf.push_str(p);
    }
    buf
}

pub fn import(files: Vec<(Shape, Entry)>, b: &mut Builder, r: &mut Report) {
    let mut by_kind: Vec<(Kind, Entry)> = Vec::with_capacity(files.len());
    for (shape, e) in files {
        match kind_of(&shape) {
            Some(k) => by_kind.push((k, e)),
            None => r.error(&e.display, "not a Slack export file"),
        }
    }
    // People, then conversations, then messages (stable: files keep their order).
    let rank = |k: Kind| match k {
        Kind::Users => 0,
        Kind::Conversations => 1,
        Kind::Skipped(_) => 2,
        Kind::Messages => 3,
    };
    by_kind.sort_by_key(|(k, _)| rank(*k));
    let mut st = State::default();
    // Each file is dropped once read (a small one is held whole until then).
    for (k, e) in by_kind {
        let e = &e;
        match k {
            Kind::Users => read_users(e, b, r, &mut st),
            Kind::Conversations => read_conversations(e, b, r, &mut st),
            Kind::Skipped(skip) => {
                r.loaded += 1;
                b.warnings.add(skip.note(), 1);
            }
            Kind::Messages => read_messages(e, b, r, &mut st),
        }
    }
}

fn finish_file(e: &Entry, r: &mut Report, read: usize, err: Option<String>, what: &str) {
    match err {
        None => r.loaded += 1,
        Some(msg) if read > 0 => {
            r.loaded += 1;
            r.error(&e.display, format!("read {read} {what}, then stopped: {msg}"));
        }
        Some(msg) => r.error(&e.display, msg),
    }
}

fn read_users(e: &Entry, b: &mut Builder, r: &mut Report, st: &mut State) {
    let Some(data) = r.data(e) else { return };
    let mut no_id = 0u64;
    let mut not_object = 0u64;
    let (n, err) = each::<User, _>(&data, |u| {
        let Some(u) = u else {
            not_object += 1;
            return;
        };
        let Some(id) = u.id.get() else {
            no_id += 1;
            return;
        };
        let profile = u.profile.0.unwrap_or_default();
        let bot = u.is_bot.yes() || u.is_app_user.yes() || id == SLACKBOT;
        let name = u
            .real_name
            .owned()
            .or_else(|| profile.real_name.owned())
            .or_else(|| profile.display_name.owned())
            .or_else(|| u.name.owned());
        let p = b.person(&format!("slack:{id}"));
        b.describe_person(
            p,
            PersonInfo {
                name,
                email: profile.email.owned(),
                title: profile.title.owned(),
                bot: Some(bot),
                deactivated: Some(u.deleted.yes()),
                ..Default::default()
            },
        );
        b.list_person(p);
        st.users.insert(id.to_string(), bot);
        if let Some(bid) = profile.bot_id.get() {
            st.bot_users.insert(bid.to_string(), p);
        }
    });
    b.warnings.add("{n} Slack user{s} {has|have} no id and {was|were} skipped", no_id);
    b.warnings.add(
        "{n} {entry|entries} of Slack user lists {is not an object|are not objects} and {was|were} skipped",
        not_object,
    );
    finish_file(e, r, n, err, "users");
}

fn read_conversations(e: &Entry, b: &mut Builder, r: &mut Report, st: &mut State) {
    let Some(data) = r.data(e) else { return };
    let hint = list_hint(e.file_name());
    let dirs = split_dir(&e.path);
    let dir = dirs.get(..dirs.len().saturating_sub(1)).map_or(String::new(), |d| d.join("/"));
    let mut no_id = 0u64;
    let mut not_object = 0u64;
    let (n, err) = each::<Conversation, _>(&data, |c| {
        let Some(c) = c else {
            not_object += 1;
            return;
        };
        let Some(id) = c.id.get() else {
            no_id += 1;
            return;
        };
        let name = c.name.get();
        let kind = if c.is_im.yes() || hint == ListHint::Dms || (name.is_none() && id.starts_with('D')) {
            SpaceKind::Direct
        } else if c.is_mpim.yes() || hint == ListHint::Mpims || name.is_some_and(|n| n.starts_with("mpdm-")) {
            SpaceKind::Group
        } else if c.is_private.yes() || c.is_group.yes() || hint == ListHint::Private {
            SpaceKind::PrivateChannel
        } else {
            SpaceKind::Channel
        };
        let s = b.space(&format!("slack:{id}"));
        b.describe_space(s, name, kind, Some(kind == SpaceKind::Channel));
        for label in [Some(id), name].into_iter().flatten() {
            st.local.insert((dir.clone(), label.to_string()), id.to_string());
            st.global
                .entry(label.to_string())
                .and_modify(|k| {
                    if k.as_deref() != Some(id) {
                        *k = None;
                    }
                })
                .or_insert_with(|| Some(id.to_string()));
        }
    });
    b.warnings.add("{n} Slack conversation{s} {has|have} no id and {was|were} skipped", no_id);
    b.warnings.add(
        "{n} {entry|entries} of Slack conversation lists {is not an object|are not objects} and {was|were} skipped",
        not_object,
    );
    finish_file(e, r, n, err, "conversations");
}

/// The key part (after `slack:`) of the space a day file belongs to, creating it if no
/// conversation list named its folder.
fn channel_of(e: &Entry, b: &mut Builder, st: &mut State) -> (u32, String) {
    let Some(folder) = e.parent_folder().map(str::to_string) else {
        b.warnings.add(
            "{n} Slack message file{s} {was|were} not inside a channel folder; {its|their} messages went to a space named \"unknown channel\"",
            1,
        );
        let key = "unknown channel".to_string();
        let s = b.space(&format!("slack:{key}"));
        return (s, key);
    };
    let dirs = split_dir(&e.path);
    let dir = dirs.get(..dirs.len().saturating_sub(2)).map_or(String::new(), |d| d.join("/"));
    let found =
        st.local.get(&(dir.clone(), folder.clone())).cloned().or_else(|| st.global.get(&folder).cloned().flatten());
    if let Some(id) = found {
        let s = b.space(&format!("slack:{id}"));
        return (s, id);
    }
    // No list names this folder: a space keyed by the folder (and its workspace on Grid).
    let key = if dir.is_empty() { format!("#{folder}") } else { format!("#{dir}/{folder}") };
    let s = b.space(&format!("slack:{key}"));
    if st.unmatched.insert(key.clone()) {
        b.warnings.add(
            "{n} Slack message folder{s} {matches|match} no channel, private channel, group DM or DM in the export's lists; {it|each} became a space named after its folder",
            1,
        );
        let looks_dm = folder.len() >= 9
            && folder.starts_with('D')
            && folder.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        let kind = if looks_dm {
            SpaceKind::Direct
        } else if folder.starts_with("mpdm-") {
            SpaceKind::Group
        } else {
            SpaceKind::Channel
        };
        b.describe_space(s, Some(&folder), kind, Some(kind == SpaceKind::Channel));
    }
    (s, key)
}

/// Counters for the warnings of message files.
#[derive(Default)]
struct MsgCounts {
    not_object: u64,
    no_ts: u64,
    no_author: u64,
    tombstones: u64,
    unfamiliar: u64,
    unattributed_reactions: u64,
    nameless_reactions: u64,
}

fn read_messages(e: &Entry, b: &mut Builder, r: &mut Report, st: &mut State) {
    let Some(data) = r.data(e) else { return };
    let (space, chan) = channel_of(e, b, st);
    let mut c = MsgCounts::default();
    let (n, err) = each::<Msg, _>(&data, |m| match m {
        Some(m) => add_message(m, space, &chan, b, st, &mut c),
        None => c.not_object += 1,
    });
    b.warnings.add(
        "{n} {entry|entries} of Slack message files {is not an object|are not objects} and {was|were} skipped",
        c.not_object,
    );
    b.warnings.add("{n} Slack message{s} had no readable timestamp (ts) and {was|were} skipped", c.no_ts);
    b.warnings.add("{n} Slack message{s} had no author (user or bot) and {was|were} skipped", c.no_author);
    b.warnings.add("{n} deleted Slack thread parent{s} (tombstone{s}) {was|were} dropped", c.tombstones);
    b.warnings.add("{n} Slack message{s} {has|have} an unfamiliar subtype and {counts as an ordinary message|count as ordinary messages}", c.unfamiliar);
    b.warnings.add(
        "{n} Slack reaction{s} could not be attributed to anyone (the export lists fewer people than the reaction count) and {was|were} skipped",
        c.unattributed_reactions,
    );
    b.warnings.add(
        "{n} Slack reaction{s} had no emoji name (or {was not an object|were not objects}) and {was|were} skipped",
        c.nameless_reactions,
    );
    finish_file(e, r, n, err, "messages");
}

/// A `ts` spelled as Slack spells it, with six decimals: one written as a JSON number reads
/// as its shortest spelling (`1600000000.5`, see json::Text), and is the same message as
/// `"1600000000.500000"`.
fn six_decimals(ts: &str) -> Cow<'_, str> {
    match ts.split_once('.') {
        Some((_, frac)) if frac.len() < 6 && frac.bytes().all(|c| c.is_ascii_digit()) => {
            Cow::Owned(format!("{ts}{:0<w$}", "", w = 6 - frac.len()))
        }
        _ => Cow::Borrowed(ts),
    }
}

fn add_message(m: Msg<'_>, space: u32, chan: &str, b: &mut Builder, st: &mut State, c: &mut MsgCounts) {
    let subtype = m.subtype.get().unwrap_or("");
    let Some((ts, time_ms)) = m.ts.get().and_then(|ts| Some((six_decimals(ts), parse_epoch_seconds(ts)?))) else {
        c.no_ts += 1;
        return;
    };
    key(&mut st.message_key, &[chan, ":", &ts]);
    if subtype == "tombstone" {
        if st.tombstones.insert(st.message_key.clone()) {
            c.tombstones += 1;
        }
        return;
    }
    let class = classify_subtype(subtype);
    let system = class == Subtype::Event;

    // The author: the user; the commenter of an old file comment; else the bot.
    let user = m.user.get().or_else(|| {
        if subtype == "file_comment" {
            m.comment.0.as_ref().and_then(|c| c.user.get())
        } else {
            None
        }
    });
    let bot_id = m.bot_id.get();
    let (author, author_known_human) = if let Some(u) = user {
        let p = b.person(key(&mut st.person_key, &[u]));
        if u == SLACKBOT && !st.users.contains_key(u) {
            b.describe_person(p, PersonInfo { name: Some("Slackbot".into()), bot: Some(true), ..Default::default() });
            st.users.insert(u.to_string(), true);
        }
        (p, st.users.get(u) == Some(&false))
    } else if let Some(bid) = bot_id {
        let p = match st.bot_users.get(bid) {
            Some(&p) => p,
            None => bot_person(b, key(&mut st.person_key, &[bid]), &m),
        };
        (p, false)
    } else if let Some(name) = m.username.get().filter(|_| subtype == "bot_message") {
        (bot_person(b, key(&mut st.person_key, &["bot:", name]), &m), false)
    } else {
        c.no_author += 1;
        return;
    };
    let by_bot = class == Subtype::Bot || (bot_id.is_some() && !author_known_human);
    // Joining a channel is the only join date a Slack export has: the earliest is the
    // person's (docs/metrics.md, "Members over time").
    if matches!(subtype, "channel_join" | "group_join") && user.is_some() {
        b.joined(author, time_ms);
    }

    let thread = m.thread_ts.get().map(six_decimals).filter(|t| *t != ts);
    let (kind, parent) = if system {
        (MessageKind::System, None)
    } else if let Some(t) = thread {
        let mut parent = String::with_capacity(7 + chan.len() + t.len());
        parent.push_str("slack:");
        parent.push_str(chan);
        parent.push(':');
        parent.push_str(&t);
        (MessageKind::Reply, Some(parent))
    } else {
        (MessageKind::Post, None)
    };
    let (row, is_new) = b.message(MessageDraft {
        key: &st.message_key,
        space,
        author,
        time_ms,
        kind,
        by_bot,
        root: parent.clone(),
        parent,
    });
    if is_new && class == Subtype::Unfamiliar {
        c.unfamiliar += 1;
    }

    for rx in m.reactions.0 {
        let Some((rx, emoji)) = rx.0.as_ref().and_then(|r| Some((r, r.name.get()?))) else {
            c.nameless_reactions += is_new as u64;
            continue;
        };
        let mut named = 0u64;
        for u in rx.users.0.iter().filter_map(Text::get) {
            let p = b.person(key(&mut st.person_key, &[u]));
            b.reaction(row, p, emoji, None);
            named += 1;
        }
        if let Some(count) = rx.count.count() {
            if is_new {
                c.unattributed_reactions += count.saturating_sub(named);
            }
        }
    }

    // Mentions, except in generated event texts ("<@U1> has joined") and of the author.
    if is_new && !system {
        if let Some(text) = m.text.get() {
            for id in json::slack_mentions(text) {
                let k = key(&mut st.person_key, &[id]);
                if k != b.person_ref(author).key {
                    let p = b.person(k);
                    b.mention(row, p);
                }
            }
        }
    }
}

/// A bot known only from its messages (`bot_id`, or `username` on old bot messages).
fn bot_person(b: &mut Builder, key: &str, m: &Msg<'_>) -> u32 {
    let known = b.find_person(key).is_some();
    let p = b.person(key);
    if !known {
        let name = m.username.owned().or_else(|| m.bot_profile.0.as_ref().and_then(|bp| bp.name.owned()));
        b.describe_person(p, PersonInfo { name, bot: Some(true), ..Default::default() });
    }
    p
}
