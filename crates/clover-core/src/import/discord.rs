//! Discord, as DiscordChatExporter writes it: one JSON file per channel,
//! `{guild{…}, channel{id, type, category, name, topic}, dateRange, exportedAt, messages[…], messageCount}`.
//!
//! Keys: a channel is `discord:<channel id>`; snowflake ids are unique across Discord, so a
//! message is `discord:<message id>` wherever it appears (the same message in two files is
//! kept once) and a reply's parent is `discord:<reference.messageId>`.
//!
//! Messages are read one by one as the file streams past (the file is never held as a
//! tree); a file that breaks off keeps the messages read before the break and is reported.
//!
//! Threads: a thread's channel id is the id of the message it was started from (Discord
//! gives threads the starter's id), so messages in a thread channel are replies whose root
//! is `discord:<thread id>`; the starter itself (a forum post, exported inside its thread)
//! stays a post.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::entry::{Entry, Report};
use super::json::{self, Flag, Int, Text};
use super::sniff::{strip_bom, Shape};
use crate::civil::parse_timestamp;
use crate::model::{Builder, MessageDraft, MessageKind, PersonInfo, SpaceKind};

/// A top-level object with `guild`, `channel` and `messages`.
pub fn recognise(shape: &Shape) -> bool {
    matches!(shape, Shape::Object { .. })
        && shape.has_key("guild")
        && shape.has_key("channel")
        && shape.has_key("messages")
}

pub fn import(files: Vec<(Shape, Entry)>, b: &mut Builder, r: &mut Report) {
    let mut st = State::default();
    // Each file is dropped once read (a small one is held whole until then).
    for (_, e) in files {
        read_file(&e, b, r, &mut st);
    }
    st.finish(b);
}

// ---------------------------------------------------------------------------------------
// The file
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct Channel<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(rename = "type", borrow)]
    kind: Text<'a>,
    #[serde(borrow)]
    name: Text<'a>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Msg<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(rename = "type", borrow)]
    kind: Text<'a>,
    #[serde(borrow)]
    timestamp: Text<'a>,
    #[serde(borrow)]
    author: Option<User<'a>>,
    #[serde(borrow)]
    reactions: Option<Vec<Reaction<'a>>>,
    #[serde(borrow)]
    mentions: Option<Vec<User<'a>>>,
    #[serde(borrow)]
    reference: Option<Reference<'a>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct User<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    nickname: Text<'a>,
    is_bot: Flag,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Reaction<'a> {
    #[serde(borrow)]
    emoji: Option<Emoji<'a>>,
    count: Int,
    #[serde(borrow)]
    users: Option<Vec<User<'a>>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Emoji<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    code: Text<'a>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Reference<'a> {
    #[serde(borrow)]
    message_id: Text<'a>,
}

/// Where a file's messages go.
struct Place {
    space: u32,
    /// For a thread: the key of the message that started it.
    thread_root: Option<String>,
}

#[derive(Default)]
struct State {
    /// People described so far (the first description of a person wins).
    described: HashSet<u32>,
    /// Messages read from the file being read.
    file_messages: u64,
    no_id: u64,
    no_time: u64,
    no_author: u64,
    reply_without_reference: u64,
    reactors_missing: u64,
    no_emoji: u64,
}

impl State {
    fn finish(self, b: &mut Builder) {
        let w = &mut b.warnings;
        w.add("{n} Discord message{s} had no id and {was|were} skipped", self.no_id);
        w.add("{n} Discord message{s} had no readable timestamp and {was|were} skipped", self.no_time);
        w.add("{n} Discord message{s} had no author and {was|were} skipped", self.no_author);
        w.add(
            "{n} Discord {reply does|replies do} not say which message {it answers|they answer}",
            self.reply_without_reference,
        );
        w.add(
            "{n} Discord reaction{s} {is|are} counted by the export but {its|their} users are not listed; only listed users count",
            self.reactors_missing,
        );
        w.add("{n} Discord reaction{s} had no emoji and {was|were} skipped", self.no_emoji);
    }
}

fn read_file(e: &Entry, b: &mut Builder, r: &mut Report, st: &mut State) {
    let Some(data) = r.data(e) else { return };
    st.file_messages = 0;
    let mut de = serde_json::Deserializer::from_slice(strip_bom(&data));
    let res = de.deserialize_map(FileVisitor { b, st }).and_then(|()| de.end());
    match res {
        Ok(()) => r.loaded += 1,
        Err(err) if st.file_messages > 0 => {
            r.loaded += 1;
            let n = st.file_messages;
            r.error(&e.display, format!("{}; the {n} messages before it were loaded", json::describe(err)));
        }
        Err(err) => r.error(&e.display, json::describe(err)),
    }
}

struct FileVisitor<'s> {
    b: &'s mut Builder,
    st: &'s mut State,
}

impl<'de> Visitor<'de> for FileVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a DiscordChatExporter channel export (an object)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let FileVisitor { b, st } = self;
        let mut place: Option<Place> = None;
        // Messages that came before the channel (not DiscordChatExporter's order).
        let mut early: Vec<Msg<'de>> = Vec::new();
        while let Some(k) = map.next_key::<Text<'de>>()? {
            match k.0.as_ref() {
                "channel" => {
                    let ch: Option<Channel<'de>> = map.next_value()?;
                    if let Some(ch) = ch {
                        place = channel_space(&ch, b);
                    }
                }
                "messages" => match &place {
                    Some(p) => map.next_value_seed(Messages { b: &mut *b, st: &mut *st, place: p })?,
                    None => early.extend(map.next_value::<Option<Vec<Msg<'de>>>>()?.into_iter().flatten()),
                },
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let Some(p) = place else {
            return Err(de::Error::custom("the file names no channel (channel.id)"));
        };
        for m in &early {
            message(m, &p, b, st);
        }
        Ok(())
    }
}

struct Messages<'s> {
    b: &'s mut Builder,
    st: &'s mut State,
    place: &'s Place,
}

impl<'de> DeserializeSeed<'de> for Messages<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Messages<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of messages")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(m) = seq.next_element::<Msg<'de>>()? {
            message(&m, self.place, self.b, self.st);
        }
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------

/// The channel's space. Direct chats are direct spaces, group DMs groups (both private),
/// private threads private channels; everything else (text, news, voice, forum, public
/// threads) public channels. Types may be names or, for kinds the exporter does not name,
/// Discord's numbers.
fn channel_space(ch: &Channel<'_>, b: &mut Builder) -> Option<Place> {
    let id = ch.id.trimmed();
    if id.is_empty() {
        return None;
    }
    let kind = ch.kind.trimmed();
    let (space_kind, public) = match kind {
        "DirectTextChat" | "1" => (SpaceKind::Direct, false),
        "DirectGroupTextChat" | "3" => (SpaceKind::Group, false),
        "GuildPrivateThread" | "12" => (SpaceKind::Channel, false),
        _ => (SpaceKind::Channel, true),
    };
    let thread = matches!(kind, "GuildPublicThread" | "GuildPrivateThread" | "GuildNewsThread" | "10" | "11" | "12");
    let space = b.space(&format!("discord:{id}"));
    let name = ch.name.trimmed();
    b.describe_space(space, Some(if name.is_empty() { id } else { name }), space_kind, Some(public));
    Some(Place { space, thread_root: thread.then(|| format!("discord:{id}")) })
}

/// The person for a user object, described the first time they are seen.
fn person(u: &User<'_>, b: &mut Builder, st: &mut State) -> Option<u32> {
    let id = u.id.trimmed();
    if id.is_empty() {
        return None;
    }
    let idx = b.person(&format!("discord:{id}"));
    if st.described.insert(idx) {
        let nick = u.nickname.trimmed();
        let name = if nick.is_empty() { u.name.trimmed() } else { nick };
        b.describe_person(
            idx,
            PersonInfo {
                name: (!name.is_empty()).then(|| name.to_string()),
                bot: Some(u.is_bot.yes()),
                ..Default::default()
            },
        );
    }
    Some(idx)
}

/// Default messages are posts (so are slash-command and context-menu responses, types 20
/// and 23, which bots write); Reply is a reply; every other type (GuildMemberJoin,
/// ThreadCreated, ChannelPinnedMessage, RecipientAdd, Call, …, or a number) is an event.
fn classify(kind: &str) -> MessageKind {
    match kind {
        "Default" | "" | "0" | "20" | "23" => MessageKind::Post,
        "Reply" | "19" => MessageKind::Reply,
        _ => MessageKind::System,
    }
}

fn message(m: &Msg<'_>, place: &Place, b: &mut Builder, st: &mut State) {
    let id = m.id.trimmed();
    if id.is_empty() {
        st.no_id += 1;
        return;
    }
    let Some(time) = parse_timestamp(m.timestamp.trimmed()) else {
        st.no_time += 1;
        return;
    };
    let Some(author) = m.author.as_ref().and_then(|a| person(a, b, st)) else {
        st.no_author += 1;
        return;
    };
    let key = format!("discord:{id}");
    // A member joining the server is the join date a Discord export has.
    if matches!(m.kind.trimmed(), "GuildMemberJoin" | "7") {
        b.joined(author, time);
    }
    let mut kind = classify(m.kind.trimmed());
    let mut parent = None;
    if kind == MessageKind::Reply {
        match m.reference.as_ref().map(|r| r.message_id.trimmed()).filter(|s| !s.is_empty()) {
            Some(target) => parent = Some(format!("discord:{target}")),
            None => st.reply_without_reference += 1,
        }
    }
    let mut root = None;
    if let Some(thread_root) = &place.thread_root {
        if kind != MessageKind::System && *thread_root != key {
            kind = MessageKind::Reply;
            root = Some(thread_root.clone());
            if parent.is_none() {
                parent = Some(thread_root.clone());
            }
        }
    }
    let (row, _) = b.message(MessageDraft {
        key: &key,
        space: place.space,
        author,
        time_ms: time,
        kind,
        by_bot: false,
        parent,
        root,
    });
    st.file_messages += 1;
    for rx in m.reactions.iter().flatten() {
        let emoji = rx.emoji.as_ref().map_or("", |e| {
            [e.name.trimmed(), e.code.trimmed(), e.id.trimmed()].into_iter().find(|s| !s.is_empty()).unwrap_or("")
        });
        let users = rx.users.as_deref().unwrap_or_default();
        if emoji.is_empty() {
            st.no_emoji += rx.count.0.unwrap_or(0).max(users.len() as i64).max(1) as u64;
            continue;
        }
        let mut listed = 0i64;
        for u in users {
            if let Some(p) = person(u, b, st) {
                b.reaction(row, p, emoji, None);
                listed += 1;
            }
        }
        if let Some(count) = rx.count.0 {
            st.reactors_missing += count.saturating_sub(listed).max(0) as u64;
        }
    }
    for u in m.mentions.iter().flatten() {
        if let Some(p) = person(u, b, st) {
            b.mention(row, p);
        }
    }
}
