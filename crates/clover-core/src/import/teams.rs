//! Microsoft Teams: Microsoft Graph `chatMessage` JSON (camelCase, as the REST API returns
//! it: a list of messages or a `{"@odata.context", "value": [...]}` page, optionally with
//! `replies` expanded) and the files of Microsoft's Teams data export tool (the same
//! fields PascalCased): `teamsList.json`, `channels_<id>.json`, `teamMembers_<id>.json`,
//! `usersList.json` and `messages_<id>.json` of teams and of users (their chats).
//!
//! Every file is recognised by its keys. Folder names are only used afterwards, to tie a
//! team's channel and member lists to the team, and a user's chat file to that user.
//!
//! Rules (documented for the lead and the CLI):
//! - Keys: people `teams:<user or application id>`, spaces `teams:<channel id>` or
//!   `teams:<chat id>`, messages `teams:<channel or chat id>:<message id>`; a reply's
//!   parent and root are `teams:<channel>:<replyToId>`.
//! - Lists are read before messages (teams, channels, chats, members, then users, so the user
//!   directory has the last word on names).
//! - Graph chat lists (`chatType`, `topic`, expanded `members`) name chats and tell 1:1
//!   chats from group and meeting chats.
//! - A channel is private (`PrivateChannel`, not public) when its membership type is
//!   `private` or its team's privacy is `Private`/`HiddenMembership`; else a public channel,
//!   named `<team> / <channel>` when the team is known. A chat is a `Direct` space, or a
//!   `Group` space when more than two people are seen in it (1:1 chat ids name both users,
//!   the owner of a user's chat file is in every chat of it, authors, reactors, mentioned).
//! - From a user: a post or a reply (`replyToId`). From an application: a bot message by a
//!   bot account keyed by the application id. System events (`systemEventMessage`,
//!   `chatEvent`, `unknownFutureValue`, a body of `<systemEventMessage/>` or an
//!   `eventDetail`) are system messages by the synthetic bot account `teams:system`.
//!   A non-event message with no sender is a bot message by `teams:system` (counted).
//!   Typing indicators and deleted messages are dropped (counted).
//! - People seen in messages but missing from a loaded user list (same organisation) are
//!   counted as deactivated: the export tool lists every account the directory still has.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::entry::{Entry, Report};
use super::json::{self, Flag, Text};
use super::sniff::{strip_bom, Preview, Shape};
use crate::civil::parse_timestamp;
use crate::model::{Builder, MessageDraft, MessageKind, PersonInfo, SpaceKind};

// ---------------------------------------------------------------------------------------
// Recognition
// ---------------------------------------------------------------------------------------

/// What a Teams file holds, in the order files are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Teams,
    Channels,
    Chats,
    Members,
    Users,
    Messages,
    /// A Graph page whose `value` is empty.
    EmptyPage,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// `[ {...}, ... ]`
    Array,
    /// `{"@odata.context": ..., "value": [ {...}, ... ]}`
    Page,
    /// One message object.
    Single,
}

fn has(keys: &[String], k: &str) -> bool {
    keys.iter().any(|x| x.eq_ignore_ascii_case(k))
}

/// The kind of record whose keys these are (either spelling).
fn kind_of(keys: &[String]) -> Option<Kind> {
    let h = |k: &str| has(keys, k);
    if h("messageType")
        || (h("body") && h("createdDateTime") && (h("from") || h("replyToId") || h("chatId") || h("channelIdentity")))
    {
        Some(Kind::Messages)
    } else if h("membershipType") && h("displayName") {
        Some(Kind::Channels)
    } else if h("chatType") && h("id") {
        Some(Kind::Chats)
    } else if h("groupsId") || (h("displayName") && h("visibility")) {
        Some(Kind::Teams)
    } else if h("userPrincipalName") || (h("id") && h("displayName") && (h("mail") || h("jobTitle"))) {
        Some(Kind::Users)
    } else if h("userId") && (h("userName") || h("roles") || h("role") || h("email")) {
        Some(Kind::Members)
    } else {
        None
    }
}

fn classify(shape: &Shape) -> Option<(Kind, Layout)> {
    match shape {
        Shape::Array { first_keys, empty: false, .. } => kind_of(first_keys).map(|k| (k, Layout::Array)),
        Shape::Object { keys, more_values: false } => match shape.get("value") {
            Some(Preview::Array { first_keys, empty }) => {
                if *empty || first_keys.is_empty() {
                    // An empty page is Teams only when it says it comes from Graph.
                    keys.iter().any(|(k, _)| k == "@odata.context").then_some((Kind::EmptyPage, Layout::Page))
                } else {
                    kind_of(first_keys).map(|k| (k, Layout::Page))
                }
            }
            _ => {
                let names: Vec<String> = keys.iter().map(|(k, _)| k.clone()).collect();
                (kind_of(&names) == Some(Kind::Messages)).then_some((Kind::Messages, Layout::Single))
            }
        },
        _ => None,
    }
}

pub fn recognise(shape: &Shape) -> bool {
    classify(shape).is_some()
}

// ---------------------------------------------------------------------------------------
// Field types: text and yes/no fields are json's lenient Text and Flag
// ---------------------------------------------------------------------------------------

/// A message body, read only to tell whether it is the `<systemEventMessage/>` marker:
/// the text itself is never kept (nor copied).
#[derive(Debug, Default)]
struct SystemMarker(bool);

impl<'de> Deserialize<'de> for SystemMarker {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SystemMarker;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a message body")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SystemMarker, E> {
                Ok(SystemMarker(v.trim() == "<systemEventMessage/>"))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<SystemMarker, E> {
                Ok(SystemMarker(false))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<SystemMarker, E> {
                Ok(SystemMarker(false))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<SystemMarker, E> {
                Ok(SystemMarker(false))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<SystemMarker, E> {
                Ok(SystemMarker(false))
            }
            fn visit_unit<E: de::Error>(self) -> Result<SystemMarker, E> {
                Ok(SystemMarker(false))
            }
            fn visit_none<E: de::Error>(self) -> Result<SystemMarker, E> {
                Ok(SystemMarker(false))
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<SystemMarker, D2::Error> {
                SystemMarker::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, a: A) -> Result<SystemMarker, A::Error> {
                json::skip_seq(a).map(|()| SystemMarker(false))
            }
            fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<SystemMarker, A::Error> {
                json::skip_map(a).map(|()| SystemMarker(false))
            }
        }
        d.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------------------
// Records (camelCase as Graph spells them, PascalCase as the export tool does)
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
struct Identity<'a> {
    #[serde(rename = "id", alias = "Id", default, borrow)]
    id: Text<'a>,
    #[serde(rename = "displayName", alias = "DisplayName", default, borrow)]
    name: Text<'a>,
    #[serde(rename = "userIdentityType", alias = "UserIdentityType", default, borrow)]
    identity_type: Text<'a>,
    #[serde(rename = "tenantId", alias = "TenantId", default, borrow)]
    tenant: Text<'a>,
}

/// A system message's detail: only members added (their join dates) is read.
#[derive(Deserialize, Default)]
struct EventDetail<'a> {
    #[serde(rename = "@odata.type", alias = "@odata.Type", default, borrow)]
    kind: Text<'a>,
    #[serde(rename = "members", alias = "Members", default, borrow)]
    members: Option<Vec<Identity<'a>>>,
}

#[derive(Deserialize, Default)]
struct IdentitySet<'a> {
    #[serde(rename = "user", alias = "User", default, borrow)]
    user: Option<Identity<'a>>,
    #[serde(rename = "application", alias = "Application", default, borrow)]
    application: Option<Identity<'a>>,
}

#[derive(Deserialize, Default)]
struct Body {
    #[serde(rename = "content", alias = "Content", default)]
    content: SystemMarker,
}

#[derive(Deserialize, Default)]
struct ChannelIdentity<'a> {
    #[serde(rename = "teamId", alias = "TeamId", default, borrow)]
    team_id: Text<'a>,
    #[serde(rename = "channelId", alias = "ChannelId", default, borrow)]
    channel_id: Text<'a>,
}

#[derive(Deserialize, Default)]
struct Mention<'a> {
    #[serde(rename = "mentioned", alias = "Mentioned", default, borrow)]
    mentioned: Option<IdentitySet<'a>>,
}

#[derive(Deserialize, Default)]
struct Reaction<'a> {
    #[serde(rename = "reactionType", alias = "ReactionType", default, borrow)]
    reaction_type: Text<'a>,
    #[serde(rename = "displayName", alias = "DisplayName", default, borrow)]
    display_name: Text<'a>,
    #[serde(rename = "createdDateTime", alias = "CreatedDateTime", default, borrow)]
    created: Text<'a>,
    #[serde(rename = "user", alias = "User", default, borrow)]
    user: Option<IdentitySet<'a>>,
}

#[derive(Deserialize, Default)]
struct Message<'a> {
    #[serde(rename = "id", alias = "Id", default, borrow)]
    id: Text<'a>,
    #[serde(rename = "replyToId", alias = "ReplyToId", default, borrow)]
    reply_to_id: Text<'a>,
    #[serde(rename = "messageType", alias = "MessageType", default, borrow)]
    message_type: Text<'a>,
    #[serde(rename = "createdDateTime", alias = "CreatedDateTime", default, borrow)]
    created: Text<'a>,
    #[serde(rename = "deletedDateTime", alias = "DeletedDateTime", default, borrow)]
    deleted: Text<'a>,
    #[serde(rename = "from", alias = "From", default, borrow)]
    from: Option<IdentitySet<'a>>,
    #[serde(rename = "body", alias = "Body", default)]
    body: Option<Body>,
    #[serde(rename = "mentions", alias = "Mentions", default, borrow)]
    mentions: Option<Vec<Mention<'a>>>,
    #[serde(rename = "reactions", alias = "Reactions", default, borrow)]
    reactions: Option<Vec<Reaction<'a>>>,
    #[serde(rename = "channelIdentity", alias = "ChannelIdentity", default, borrow)]
    channel: Option<ChannelIdentity<'a>>,
    #[serde(rename = "chatId", alias = "ChatId", default, borrow)]
    chat_id: Text<'a>,
    #[serde(rename = "eventDetail", alias = "EventDetail", default, borrow)]
    event_detail: Option<EventDetail<'a>>,
    /// Graph's `$expand=replies`.
    #[serde(rename = "replies", alias = "Replies", default, borrow, deserialize_with = "json::nested_replies")]
    replies: Option<Vec<Message<'a>>>,
}

#[derive(Deserialize, Default)]
struct TeamRow<'a> {
    #[serde(rename = "GroupsId", alias = "groupsId", default, borrow)]
    groups_id: Text<'a>,
    #[serde(rename = "id", alias = "Id", default, borrow)]
    id: Text<'a>,
    #[serde(rename = "Name", alias = "name", default, borrow)]
    name: Text<'a>,
    #[serde(rename = "displayName", alias = "DisplayName", default, borrow)]
    display_name: Text<'a>,
    #[serde(rename = "Privacy", alias = "privacy", default, borrow)]
    privacy: Text<'a>,
    #[serde(rename = "visibility", alias = "Visibility", default, borrow)]
    visibility: Text<'a>,
}

#[derive(Deserialize, Default)]
struct ChannelRow<'a> {
    #[serde(rename = "id", alias = "Id", default, borrow)]
    id: Text<'a>,
    #[serde(rename = "displayName", alias = "DisplayName", default, borrow)]
    name: Text<'a>,
    #[serde(rename = "membershipType", alias = "MembershipType", default, borrow)]
    membership: Text<'a>,
    #[serde(rename = "tenantId", alias = "TenantId", default, borrow)]
    tenant: Text<'a>,
}

/// A Graph `chat` (from `/chats`, optionally with `$expand=members`).
#[derive(Deserialize, Default)]
struct ChatRow<'a> {
    #[serde(rename = "id", alias = "Id", default, borrow)]
    id: Text<'a>,
    #[serde(rename = "topic", alias = "Topic", default, borrow)]
    topic: Text<'a>,
    #[serde(rename = "chatType", alias = "ChatType", default, borrow)]
    chat_type: Text<'a>,
    #[serde(rename = "members", alias = "Members", default, borrow)]
    members: Option<Vec<MemberRow<'a>>>,
}

#[derive(Deserialize, Default)]
struct MemberRow<'a> {
    #[serde(rename = "userId", alias = "UserId", default, borrow)]
    user_id: Text<'a>,
    #[serde(rename = "Name", alias = "name", default, borrow)]
    name: Text<'a>,
    #[serde(rename = "displayName", alias = "DisplayName", default, borrow)]
    display_name: Text<'a>,
    #[serde(rename = "UserName", alias = "userName", default, borrow)]
    user_name: Text<'a>,
    #[serde(rename = "email", alias = "Email", default, borrow)]
    email: Text<'a>,
    #[serde(rename = "Title", alias = "title", default, borrow)]
    title: Text<'a>,
    #[serde(rename = "Location", alias = "location", default, borrow)]
    location: Text<'a>,
    #[serde(rename = "tenantId", alias = "TenantId", default, borrow)]
    tenant: Text<'a>,
}

#[derive(Deserialize, Default)]
struct UserRow<'a> {
    #[serde(rename = "id", alias = "Id", default, borrow)]
    id: Text<'a>,
    #[serde(rename = "displayName", alias = "DisplayName", default, borrow)]
    name: Text<'a>,
    #[serde(rename = "mail", alias = "Mail", default, borrow)]
    mail: Text<'a>,
    #[serde(rename = "userPrincipalName", alias = "UserPrincipalName", default, borrow)]
    upn: Text<'a>,
    #[serde(rename = "jobTitle", alias = "JobTitle", default, borrow)]
    title: Text<'a>,
    #[serde(rename = "department", alias = "Department", default, borrow)]
    department: Text<'a>,
    #[serde(rename = "officeLocation", alias = "OfficeLocation", default, borrow)]
    office: Text<'a>,
    #[serde(rename = "city", alias = "City", default, borrow)]
    city: Text<'a>,
    #[serde(rename = "location", alias = "Location", default, borrow)]
    location: Text<'a>,
    #[serde(rename = "accountEnabled", alias = "AccountEnabled", default)]
    enabled: Flag,
    #[serde(rename = "createdDateTime", alias = "CreatedDateTime", default, borrow)]
    created: Text<'a>,
}

/// Calls `f` with each record of a file as it is parsed, so that a file of hundreds of MB
/// is never held as one big list. Returns how many records were read, and the error that
/// stopped the file (records before it are kept: a truncated file loads in part).
fn each_record<'a, T: Deserialize<'a>>(
    bytes: &'a [u8],
    layout: Layout,
    mut f: impl FnMut(T),
) -> (usize, Option<String>) {
    let mut n = 0usize;
    let mut de = serde_json::Deserializer::from_slice(strip_bom(bytes));
    let each = Each { f: &mut f, n: &mut n, _t: PhantomData };
    let res = match layout {
        Layout::Array => each.deserialize(&mut de),
        Layout::Page => de.deserialize_map(PageOf(each)),
        Layout::Single => T::deserialize(&mut de).map(|t| {
            *each.n += 1;
            (each.f)(t)
        }),
    };
    let res = res.and_then(|()| de.end());
    (n, res.err().map(json::describe))
}

/// A list of records, each handed to `f` as soon as it is read.
struct Each<'f, T, F> {
    f: &'f mut F,
    n: &'f mut usize,
    _t: PhantomData<fn() -> T>,
}

impl<'de, T: Deserialize<'de>, F: FnMut(T)> Visitor<'de> for Each<'_, T, F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of records")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<(), A::Error> {
        while let Some(x) = a.next_element::<T>()? {
            *self.n += 1;
            (self.f)(x);
        }
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

impl<'de, T: Deserialize<'de>, F: FnMut(T)> DeserializeSeed<'de> for Each<'_, T, F> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// A Graph page: the records of its `value`; other keys are skipped.
struct PageOf<'f, T, F>(Each<'f, T, F>);

impl<'de, T: Deserialize<'de>, F: FnMut(T)> Visitor<'de> for PageOf<'_, T, F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a page of results with a \"value\" list")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<(), A::Error> {
        let mut each = Some(self.0);
        while let Some(k) = a.next_key::<Text<'de>>()? {
            if k.0 == "value" {
                if let Some(e) = each.take() {
                    a.next_value_seed(e)?;
                    continue;
                }
            }
            a.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

/// Reports how a file went: an error names it (with how many records were kept).
fn file_done(e: &Entry, r: &mut Report, (n, err): (usize, Option<String>)) {
    if n > 0 || err.is_none() {
        r.loaded += 1;
    }
    if let Some(msg) = err {
        if n > 0 {
            r.error(&e.display, format!("{msg}; the {n} records before it were read"));
        } else {
            r.error(&e.display, msg);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------

#[derive(Default)]
struct Team {
    name: Option<String>,
    private: Option<bool>,
}

struct Channel {
    space: u32,
    name: Option<String>,
    private_channel: bool,
    team: Option<String>,
}

#[derive(Default)]
struct Chat {
    space: u32,
    topic: Option<String>,
    /// What a chat list says: `oneOnOne` (Direct) or `group`/`meeting` (Group).
    group: Option<bool>,
    /// Raw user ids seen in the chat.
    participants: HashSet<String>,
}

impl Chat {
    fn add(&mut self, id: &str) {
        if !id.is_empty() && !self.participants.contains(id) {
            self.participants.insert(id.to_string());
        }
    }
}

/// A person first seen in messages: what tells whether they belong to the organisation.
struct Seen {
    tenant: Option<String>,
    organisational: bool,
}

#[derive(Default)]
struct Counts {
    typing: u64,
    deleted: u64,
    no_id: u64,
    no_time: u64,
    time_from_id: u64,
    no_sender: u64,
    no_place: u64,
    reaction_no_user: u64,
    reaction_no_type: u64,
    rows_no_id: u64,
    empty_pages: u64,
}

#[derive(Default)]
struct State {
    teams: HashMap<String, Team>,
    /// Channels and chats in order of first sight, and their index by id.
    channels: Vec<Channel>,
    channel_index: HashMap<String, usize>,
    chats: Vec<Chat>,
    chat_index: HashMap<String, usize>,
    /// Raw Teams id -> person index (saves a key allocation per message).
    people: HashMap<String, u32>,
    /// People some file named (a list, or a message's display name).
    named: HashSet<u32>,
    /// People in a user or member list.
    listed: HashSet<u32>,
    users_list_loaded: bool,
    /// Tenants of the organisation: from channel lists and listed people's messages.
    home_tenants: HashSet<String>,
    /// People seen in messages (as users) who are in no list.
    seen: HashMap<u32, Seen>,
    bots: HashSet<u32>,
    system: Option<u32>,
    n: Counts,
}

impl State {
    fn person(&mut self, b: &mut Builder, id: &str) -> u32 {
        if let Some(&p) = self.people.get(id) {
            return p;
        }
        let p = b.person(&format!("teams:{id}"));
        self.people.insert(id.to_string(), p);
        p
    }

    /// The author or reactor behind a Graph `identity` of a user.
    fn user(&mut self, b: &mut Builder, u: &Identity<'_>) -> Option<u32> {
        let id = u.id.get()?;
        let p = self.person(b, id);
        if !self.named.contains(&p) {
            if let Some(name) = u.name.owned() {
                b.describe_person(p, PersonInfo { name: Some(name), ..Default::default() });
                self.named.insert(p);
            }
        }
        let tenant = u.tenant.get();
        if self.listed.contains(&p) {
            if let Some(t) = tenant {
                if !self.home_tenants.contains(t) {
                    self.home_tenants.insert(t.to_string());
                }
            }
        } else {
            self.seen.entry(p).or_insert_with(|| Seen {
                tenant: tenant.map(str::to_string),
                organisational: u.identity_type.get().is_none_or(|t| t.eq_ignore_ascii_case("aadUser")),
            });
        }
        Some(p)
    }

    /// A bot account for an application identity.
    fn application(&mut self, b: &mut Builder, a: &Identity<'_>) -> Option<u32> {
        let id = a.id.get()?;
        let p = self.person(b, id);
        if self.bots.insert(p) {
            b.describe_person(p, PersonInfo { name: a.name.owned(), bot: Some(true), ..Default::default() });
            self.named.insert(p);
        } else if !self.named.contains(&p) {
            if let Some(name) = a.name.owned() {
                b.describe_person(p, PersonInfo { name: Some(name), ..Default::default() });
                self.named.insert(p);
            }
        }
        Some(p)
    }

    fn system(&mut self, b: &mut Builder) -> u32 {
        if let Some(p) = self.system {
            return p;
        }
        let p = b.person("teams:system");
        b.describe_person(
            p,
            PersonInfo { name: Some("Microsoft Teams (system)".into()), bot: Some(true), ..Default::default() },
        );
        self.system = Some(p);
        p
    }

    fn channel(&mut self, b: &mut Builder, id: &str) -> &mut Channel {
        let i = match self.channel_index.get(id) {
            Some(&i) => i,
            None => {
                let space = b.space(&format!("teams:{id}"));
                self.channels.push(Channel { space, name: None, private_channel: false, team: None });
                self.channel_index.insert(id.to_string(), self.channels.len() - 1);
                self.channels.len() - 1
            }
        };
        &mut self.channels[i]
    }

    fn chat(&mut self, b: &mut Builder, id: &str) -> &mut Chat {
        let i = match self.chat_index.get(id) {
            Some(&i) => i,
            None => {
                let space = b.space(&format!("teams:{id}"));
                let mut chat = Chat { space, ..Default::default() };
                // A 1:1 chat is `19:<user id>_<user id>@unq.gbl.spaces`.
                if let Some(pair) = id.strip_prefix("19:").and_then(|r| r.strip_suffix("@unq.gbl.spaces")) {
                    if let Some((x, y)) = pair.split_once('_') {
                        chat.add(x);
                        chat.add(y);
                    }
                }
                self.chats.push(chat);
                self.chat_index.insert(id.to_string(), self.chats.len() - 1);
                self.chats.len() - 1
            }
        };
        &mut self.chats[i]
    }
}

pub fn import(files: Vec<(Shape, Entry)>, b: &mut Builder, r: &mut Report) {
    let mut work: Vec<(Kind, Layout, Entry)> = Vec::with_capacity(files.len());
    for (shape, e) in files {
        match classify(&shape) {
            Some((k, l)) => work.push((k, l, e)),
            None => r.error(&e.display, "not a Microsoft Teams file Clover knows"),
        }
    }
    // Lists before messages; stable, so files keep their order within a kind.
    work.sort_by_key(|(k, _, _)| *k);
    let mut st = State::default();
    // Each file is dropped once read (a small one is held whole until then).
    for (kind, layout, e) in work {
        let e = &e;
        match kind {
            Kind::Teams => read_teams(e, layout, &mut st, r),
            Kind::Channels => read_channels(e, layout, &mut st, b, r),
            Kind::Chats => read_chats(e, layout, &mut st, b, r),
            Kind::Members => read_members(e, layout, &mut st, b, r),
            Kind::Users => read_users(e, layout, &mut st, b, r),
            Kind::Messages => read_messages(e, layout, &mut st, b, r),
            Kind::EmptyPage => {
                r.loaded += 1;
                st.n.empty_pages += 1;
            }
        }
    }
    finish(st, b);
}

/// The id a folder gives a file: `teams/<GroupsId>/channels_<GroupsId>.json` belongs to
/// team `<GroupsId>`, `users/<id>/messages_<id>.json` to user `<id>`. The folder counts
/// when it is a known id or the file's name repeats it.
fn folder_id(e: &Entry, known: impl Fn(&str) -> bool) -> Option<&str> {
    let folder = e.parent_folder()?;
    (known(folder) || e.file_name().contains(folder)).then_some(folder)
}

fn read_teams(e: &Entry, layout: Layout, st: &mut State, r: &mut Report) {
    let Some(data) = r.data(e) else { return };
    let res = each_record(&data, layout, |t: TeamRow| {
        let Some(id) = t.groups_id.get().or(t.id.get()) else {
            st.n.rows_no_id += 1;
            return;
        };
        let privacy = t.privacy.get().or(t.visibility.get());
        let private = privacy.map(|p| !p.eq_ignore_ascii_case("public"));
        let team = st.teams.entry(id.to_string()).or_default();
        if let Some(n) = t.name.owned().or(t.display_name.owned()) {
            team.name = Some(n);
        }
        if private.is_some() {
            team.private = private;
        }
    });
    file_done(e, r, res);
}

fn read_channels(e: &Entry, layout: Layout, st: &mut State, b: &mut Builder, r: &mut Report) {
    let Some(data) = r.data(e) else { return };
    let team = folder_id(e, |f| st.teams.contains_key(f)).map(str::to_string);
    let res = each_record(&data, layout, |c: ChannelRow| {
        let Some(id) = c.id.get() else {
            st.n.rows_no_id += 1;
            return;
        };
        if let Some(t) = c.tenant.get() {
            st.home_tenants.insert(t.to_string());
        }
        let ch = st.channel(b, id);
        if let Some(n) = c.name.owned() {
            ch.name = Some(n);
        }
        if let Some(m) = c.membership.get() {
            ch.private_channel = m.eq_ignore_ascii_case("private");
        }
        if ch.team.is_none() {
            ch.team.clone_from(&team);
        }
    });
    file_done(e, r, res);
}

fn read_chats(e: &Entry, layout: Layout, st: &mut State, b: &mut Builder, r: &mut Report) {
    let Some(data) = r.data(e) else { return };
    let res = each_record(&data, layout, |c: ChatRow| {
        let Some(id) = c.id.get() else {
            st.n.rows_no_id += 1;
            return;
        };
        let chat = st.chat(b, id);
        if let Some(t) = c.topic.owned() {
            chat.topic = Some(t);
        }
        if let Some(t) = c.chat_type.get() {
            chat.group = Some(!t.eq_ignore_ascii_case("oneOnOne"));
        }
        for m in c.members.as_deref().unwrap_or_default() {
            if let Some(u) = m.user_id.get() {
                chat.add(u);
            }
        }
    });
    file_done(e, r, res);
}

fn read_members(e: &Entry, layout: Layout, st: &mut State, b: &mut Builder, r: &mut Report) {
    let Some(data) = r.data(e) else { return };
    let res = each_record(&data, layout, |m: MemberRow| {
        let Some(id) = m.user_id.get() else {
            st.n.rows_no_id += 1;
            return;
        };
        if let Some(t) = m.tenant.get() {
            st.home_tenants.insert(t.to_string());
        }
        let p = st.person(b, id);
        let email = m.user_name.owned().filter(|s| s.contains('@')).or(m.email.owned());
        b.describe_person(
            p,
            PersonInfo {
                name: m.name.owned().or(m.display_name.owned()),
                email,
                title: m.title.owned(),
                location: m.location.owned(),
                ..Default::default()
            },
        );
        st.named.insert(p);
        st.listed.insert(p);
        b.list_person(p);
    });
    file_done(e, r, res);
}

fn read_users(e: &Entry, layout: Layout, st: &mut State, b: &mut Builder, r: &mut Report) {
    let Some(data) = r.data(e) else { return };
    st.users_list_loaded = true;
    let res = each_record(&data, layout, |u: UserRow| {
        let Some(id) = u.id.get() else {
            st.n.rows_no_id += 1;
            return;
        };
        let p = st.person(b, id);
        let email = u.mail.owned().or_else(|| u.upn.owned().filter(|s| s.contains('@') && !s.contains("#EXT#")));
        let location = u.office.owned().or(u.city.owned()).or(u.location.owned());
        b.describe_person(
            p,
            PersonInfo {
                name: u.name.owned(),
                email,
                title: u.title.owned(),
                department: u.department.owned(),
                location,
                deactivated: u.enabled.0.map(|on| !on),
                joined_ms: u.created.get().and_then(parse_timestamp),
                ..Default::default()
            },
        );
        st.named.insert(p);
        st.listed.insert(p);
        b.list_person(p);
    });
    file_done(e, r, res);
}

/// Graph ids are epoch milliseconds: the time of a message whose date cannot be read.
fn time_from_id(id: &str) -> Option<i64> {
    (id.len() >= 12 && id.len() <= 14 && id.bytes().all(|c| c.is_ascii_digit())).then(|| id.parse().ok()).flatten()
}

fn read_messages(e: &Entry, layout: Layout, st: &mut State, b: &mut Builder, r: &mut Report) {
    let Some(data) = r.data(e) else { return };
    // A user's chat file: that user is in every chat of it.
    let owner = folder_id(e, |f| st.people.contains_key(f)).filter(|f| !st.teams.contains_key(*f)).map(str::to_string);
    let mut fallback_space: Option<u32> = None;
    let res = each_record(&data, layout, |m: Message| {
        // Nested `replies` are walked with a stack, never by recursion.
        let mut stack = vec![m];
        while let Some(mut m) = stack.pop() {
            if let Some(mut replies) = m.replies.take() {
                replies.reverse();
                stack.extend(replies);
            }
            one_message(m, e, owner.as_deref(), &mut fallback_space, st, b);
        }
    });
    file_done(e, r, res);
}

fn one_message(
    m: Message<'_>,
    e: &Entry,
    owner: Option<&str>,
    fallback_space: &mut Option<u32>,
    st: &mut State,
    b: &mut Builder,
) {
    let mtype = m.message_type.get().unwrap_or("message");
    if mtype.eq_ignore_ascii_case("typing") {
        st.n.typing += 1;
        return;
    }
    if m.deleted.get().is_some() {
        st.n.deleted += 1;
        return;
    }
    let Some(id) = m.id.get() else {
        st.n.no_id += 1;
        return;
    };
    let time = match m.created.get().and_then(parse_timestamp) {
        Some(t) => t,
        None => match time_from_id(id) {
            Some(t) => {
                st.n.time_from_id += 1;
                t
            }
            None => {
                st.n.no_time += 1;
                return;
            }
        },
    };

    // Where it was said: a channel, a chat, or (neither named) the file.
    let channel_id = m.channel.as_ref().and_then(|c| c.channel_id.get());
    let team_id = m.channel.as_ref().and_then(|c| c.team_id.get());
    let (scope, space, chat_id): (Cow<'_, str>, u32, Option<&str>) = if let Some(c) = channel_id {
        let ch = st.channel(b, c);
        if ch.team.is_none() {
            ch.team = team_id.map(str::to_string);
        }
        (Cow::Borrowed(c), ch.space, None)
    } else if let Some(c) = m.chat_id.get() {
        let chat = st.chat(b, c);
        if let Some(o) = owner {
            chat.add(o);
        }
        (Cow::Borrowed(c), chat.space, Some(c))
    } else {
        st.n.no_place += 1;
        let space = *fallback_space.get_or_insert_with(|| {
            let s = b.space(&format!("teams:file:{}", e.path));
            b.describe_space(s, Some(e.file_name()), SpaceKind::Channel, None);
            s
        });
        (Cow::Owned(format!("file:{}", e.path)), space, None)
    };

    let system = mtype.eq_ignore_ascii_case("systemEventMessage")
        || mtype.eq_ignore_ascii_case("unknownFutureValue")
        || mtype.eq_ignore_ascii_case("chatEvent")
        || m.body.as_ref().is_some_and(|bd| bd.content.0)
        || m.event_detail.is_some();
    let user = m.from.as_ref().and_then(|f| f.user.as_ref());
    let app = m.from.as_ref().and_then(|f| f.application.as_ref());
    let (author, by_bot) = if system {
        (st.system(b), false)
    } else if let Some(p) = user.and_then(|u| st.user(b, u)) {
        (p, false)
    } else if let Some(p) = app.and_then(|a| st.application(b, a)) {
        (p, true)
    } else {
        st.n.no_sender += 1;
        (st.system(b), true)
    };
    let reply_to = m.reply_to_id.get().filter(|p| *p != id && !system);
    let kind = if system {
        MessageKind::System
    } else if reply_to.is_some() {
        MessageKind::Reply
    } else {
        MessageKind::Post
    };
    // Members added to a team, channel or chat: the join dates a Teams export has.
    if let Some(d) = m.event_detail.as_ref().filter(|d| d.kind.get().is_some_and(|k| k.contains("membersAdded"))) {
        for who in d.members.as_deref().unwrap_or_default() {
            if let Some(uid) = who.id.get() {
                let p = st.person(b, uid);
                b.joined(p, time);
            }
        }
    }
    let key = format!("teams:{scope}:{id}");
    let parent = reply_to.map(|p| format!("teams:{scope}:{p}"));
    let (row, _) =
        b.message(MessageDraft { key: &key, space, author, time_ms: time, kind, by_bot, root: parent.clone(), parent });

    // Who took part in a chat, to tell 1:1 from group chats.
    let mut chat_people: Vec<&str> = Vec::new();
    if chat_id.is_some() && !system {
        if let Some(uid) = user.and_then(|u| u.id.get()) {
            chat_people.push(uid);
        }
    }

    for x in m.reactions.as_deref().unwrap_or_default() {
        let Some(emoji) = x.reaction_type.get().or(x.display_name.get()) else {
            st.n.reaction_no_type += 1;
            continue;
        };
        let set = x.user.as_ref();
        let who = match set.and_then(|s| s.user.as_ref()).and_then(|u| st.user(b, u)) {
            Some(p) => {
                if let Some(uid) = set.and_then(|s| s.user.as_ref()).and_then(|u| u.id.get()) {
                    chat_people.push(uid);
                }
                Some(p)
            }
            None => set.and_then(|s| s.application.as_ref()).and_then(|a| st.application(b, a)),
        };
        let Some(who) = who else {
            st.n.reaction_no_user += 1;
            continue;
        };
        let at = x.created.get().and_then(parse_timestamp);
        b.reaction(row, who, emoji, at);
    }
    for x in m.mentions.as_deref().unwrap_or_default() {
        let Some(set) = x.mentioned.as_ref() else { continue };
        // Mentions of a channel, a team or a tag name no person and are not counted.
        if let Some(p) = set.user.as_ref().and_then(|u| st.user(b, u)) {
            if let Some(uid) = set.user.as_ref().and_then(|u| u.id.get()) {
                chat_people.push(uid);
            }
            b.mention(row, p);
        } else if let Some(p) = set.application.as_ref().and_then(|a| st.application(b, a)) {
            b.mention(row, p);
        }
    }
    if let Some(c) = chat_id {
        let chat = st.chat(b, c);
        for uid in chat_people {
            chat.add(uid);
        }
    }
}

fn finish(st: State, b: &mut Builder) {
    let State { teams, channels, chats, listed, users_list_loaded, home_tenants, seen, n, .. } = st;

    // People in messages whom the organisation's user list no longer has.
    let mut deactivated = 0u64;
    let mut outsiders = 0u64;
    if users_list_loaded {
        let mut seen: Vec<(u32, Seen)> = seen.into_iter().filter(|(p, _)| !listed.contains(p)).collect();
        seen.sort_by_key(|(p, _)| *p);
        for (p, s) in seen {
            let ours = s.organisational
                && s.tenant.as_deref().is_none_or(|t| home_tenants.is_empty() || home_tenants.contains(t));
            if ours {
                b.describe_person(p, PersonInfo { deactivated: Some(true), ..Default::default() });
                deactivated += 1;
            } else {
                outsiders += 1;
            }
        }
    }

    for ch in &channels {
        let team = ch.team.as_deref().and_then(|t| teams.get(t));
        let team_private = team.and_then(|t| t.private).unwrap_or(false);
        let name = match (team.and_then(|t| t.name.as_deref()), ch.name.as_deref()) {
            (Some(t), Some(c)) => Some(format!("{t} / {c}")),
            (None, Some(c)) => Some(c.to_string()),
            _ => None,
        };
        let (kind, public) = if ch.private_channel || team_private {
            (SpaceKind::PrivateChannel, false)
        } else {
            (SpaceKind::Channel, true)
        };
        b.describe_space(ch.space, name.as_deref(), kind, Some(public));
    }

    let mut lone_chats = 0u64;
    for chat in &chats {
        let group = chat.group.unwrap_or(false) || chat.participants.len() > 2;
        // A chat whose kind no list gives, in which one person alone is seen, reads as a
        // direct conversation (left out by default): said, not silently dropped.
        lone_chats += (chat.group.is_none() && chat.participants.len() < 2) as u64;
        let kind = if group { SpaceKind::Group } else { SpaceKind::Direct };
        let mut names: Vec<String> = chat
            .participants
            .iter()
            .map(|u| match b.find_person(&format!("teams:{u}")) {
                Some(p) => b.person_ref(p).name.clone(),
                None => u.clone(),
            })
            .collect();
        names.sort_by(|x, y| x.to_lowercase().cmp(&y.to_lowercase()).then_with(|| x.cmp(y)));
        let name = if let Some(t) = &chat.topic {
            Some(t.clone())
        } else if names.is_empty() {
            None
        } else if names.len() > 4 {
            let more = names.len() - 4;
            names.truncate(4);
            Some(format!("{} +{more}", names.join(", ")))
        } else {
            Some(names.join(", "))
        };
        b.describe_space(chat.space, name.as_deref(), kind, Some(false));
    }

    let w = &mut b.warnings;
    w.add("{n} Teams typing indicator{s} {was|were} skipped", n.typing);
    w.add(
        "{n} Teams chat{s} {shows|show} only one person and {is|are} read as direct conversation{s}, left out unless direct conversations are included",
        lone_chats,
    );
    w.add("{n} deleted Teams message{s} {was|were} skipped", n.deleted);
    w.add("{n} Teams message{s} had no id and {was|were} skipped", n.no_id);
    w.add("{n} Teams message{s} had no readable createdDateTime and {was|were} skipped", n.no_time);
    w.add("{n} Teams message{s} had no readable createdDateTime; {its time was taken from its id|their time was taken from their id}", n.time_from_id);
    w.add("{n} Teams message{s} named no sender; {it counts as a bot message|they count as bot messages} of the Teams system account", n.no_sender);
    w.add(
        "{n} Teams message{s} named no channel or chat; {it is|they are} grouped by the file {it|they} came from",
        n.no_place,
    );
    w.add("{n} Teams reaction{s} named no user and {was|were} skipped", n.reaction_no_user);
    w.add("{n} Teams reaction{s} had no reaction type and {was|were} skipped", n.reaction_no_type);
    w.add("{n} row{s} of Teams lists (teams, channels, members, users) had no id and {was|were} skipped", n.rows_no_id);
    w.add("{n} Teams file{s} {was an empty page|were empty pages} of results", n.empty_pages);
    w.add(
        "{n} Teams account{s} in messages {is|are} missing from the user list; {it counts as a deactivated person (a deleted account)|they count as deactivated people (deleted accounts)}",
        deactivated,
    );
    w.add("{n} Teams account{s} in messages {is a guest|are guests} from other organisations and {is|are} not in the user list; {it counts as a person|they count as people}", outsiders);
}
