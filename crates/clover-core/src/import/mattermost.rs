//! Mattermost bulk export: JSON Lines, one `{"type": X, X: {…}}` object a line.
//!
//! Line types: `version`, `scheme`, `emoji`, `role`, `bot`, `team`, `channel`, `user`,
//! `post`, `direct_channel`, `direct_post`. Replies are nested in `post.replies[]` /
//! `direct_post.replies[]`; there are no ids, so a message is keyed by where it is, who
//! wrote it and when: `mattermost:<team>:<channel>:<user>:<create_at>` (direct messages:
//! `mattermost:@dm:<sorted members>:<user>:<create_at>`). Usernames, team and channel names
//! are lowercase in Mattermost; keys lowercase them so that references always match.
//!
//! Files are read value by value (`serde_json`'s stream), which reads JSON Lines and
//! concatenated pretty-printed objects alike. A value that cannot be read is skipped with
//! a counted warning naming its line, and reading resumes at the next line that starts
//! with `{`; a file is an error only when nothing in it can be read.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::entry::{Entry, Report};
use super::json::{self, Flag, Int, Text};
use super::sniff::{strip_bom, Shape};
use crate::model::{Builder, MessageDraft, MessageKind, PersonInfo, SpaceKind};

/// The line types of a bulk export.
const TYPES: &[&str] =
    &["version", "scheme", "emoji", "role", "bot", "team", "channel", "user", "post", "direct_channel", "direct_post"];

/// A top-level object whose `type` is a bulk-export line type and which has a key of
/// that name (`{"type": "post", "post": {…}}`).
pub fn recognise(shape: &Shape) -> bool {
    if !matches!(shape, Shape::Object { .. }) {
        return false;
    }
    match shape.str_value("type") {
        Some(t) => TYPES.contains(&t) && shape.has_key(t),
        None => false,
    }
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
// Lenient fields (text itself is json::Text)
// ---------------------------------------------------------------------------------------

/// A channel member: a username string (`members[]`, `channel_members[]`) or an object
/// with a `username` (`participants[]` in v11).
#[derive(Default)]
struct Member<'a>(Text<'a>);

impl<'de: 'a, 'a> Deserialize<'de> for Member<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Member<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a username or an object with a username")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Member<'a>, E> {
                Ok(Member(Text(Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Member<'a>, E> {
                Ok(Member(Text(Cow::Owned(v.to_string()))))
            }
            // A username written as a number reads as json::Text reads it: its digits.
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Member<'a>, E> {
                Ok(Member(Text(Cow::Owned(v.to_string()))))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Member<'a>, E> {
                Ok(Member(Text(Cow::Owned(v.to_string()))))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Member<'a>, E> {
                Ok(Member(Text(Cow::Owned(json::exact_number(v).unwrap_or_default()))))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Member<'a>, E> {
                Ok(Member::default())
            }
            fn visit_unit<E: de::Error>(self) -> Result<Member<'a>, E> {
                Ok(Member::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, a: A) -> Result<Member<'a>, A::Error> {
                json::skip_seq(a).map(|()| Member::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Member<'a>, A::Error> {
                let mut name = Text::default();
                while let Some(k) = a.next_key::<Text<'de>>()? {
                    if k.0 == "username" {
                        name = a.next_value()?;
                    } else {
                        a.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(Member(name))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// What a post's `props` say about its sender: `from_bot` / `from_webhook` are "true"
/// (a [`Flag`]) on posts by bots and incoming webhooks. Anything that is not an object reads as neither.
#[derive(Default)]
struct Props {
    by_bot: bool,
}

impl<'de> Deserialize<'de> for Props {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Props;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("post props")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Props, A::Error> {
                let mut by_bot = false;
                while let Some(k) = a.next_key::<Text<'de>>()? {
                    if k.0 == "from_bot" || k.0 == "from_webhook" {
                        by_bot |= a.next_value::<Flag>()?.yes();
                    } else {
                        a.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(Props { by_bot })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, a: A) -> Result<Props, A::Error> {
                json::skip_seq(a).map(|()| Props::default())
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Props, E> {
                Ok(Props::default())
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Props, E> {
                Ok(Props::default())
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Props, E> {
                Ok(Props::default())
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Props, E> {
                Ok(Props::default())
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Props, E> {
                Ok(Props::default())
            }
            fn visit_unit<E: de::Error>(self) -> Result<Props, E> {
                Ok(Props::default())
            }
        }
        d.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct Line<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Text<'a>,
    #[serde(borrow, default)]
    user: Option<User<'a>>,
    #[serde(borrow, default)]
    bot: Option<Bot<'a>>,
    #[serde(borrow, default)]
    channel: Option<Channel<'a>>,
    #[serde(borrow, default)]
    post: Option<Post<'a>>,
    #[serde(borrow, default)]
    direct_channel: Option<DirectChannel<'a>>,
    #[serde(borrow, default)]
    direct_post: Option<Post<'a>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct User<'a> {
    #[serde(borrow)]
    username: Text<'a>,
    #[serde(borrow)]
    email: Text<'a>,
    #[serde(borrow)]
    first_name: Text<'a>,
    #[serde(borrow)]
    last_name: Text<'a>,
    #[serde(borrow)]
    nickname: Text<'a>,
    #[serde(borrow)]
    position: Text<'a>,
    #[serde(borrow)]
    roles: Text<'a>,
    delete_at: Int,
    /// When the account was made (epoch ms), where the export gives it.
    create_at: Int,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Bot<'a> {
    #[serde(borrow)]
    username: Text<'a>,
    #[serde(borrow)]
    display_name: Text<'a>,
    delete_at: Int,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Channel<'a> {
    #[serde(borrow)]
    team: Text<'a>,
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    display_name: Text<'a>,
    #[serde(rename = "type", borrow)]
    kind: Text<'a>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DirectChannel<'a> {
    #[serde(borrow)]
    members: Option<Vec<Member<'a>>>,
    #[serde(borrow)]
    participants: Option<Vec<Member<'a>>>,
}

/// A post, a direct post or a reply (they share their fields).
#[derive(Deserialize, Default)]
#[serde(default)]
struct Post<'a> {
    #[serde(borrow)]
    team: Text<'a>,
    #[serde(borrow)]
    channel: Text<'a>,
    #[serde(borrow)]
    user: Text<'a>,
    #[serde(rename = "type", borrow)]
    kind: Text<'a>,
    #[serde(borrow)]
    message: Text<'a>,
    create_at: Int,
    props: Props,
    #[serde(borrow)]
    reactions: Option<Vec<Reaction<'a>>>,
    #[serde(borrow, deserialize_with = "json::nested_replies")]
    replies: Option<Vec<Post<'a>>>,
    #[serde(borrow)]
    channel_members: Option<Vec<Member<'a>>>,
    #[serde(borrow)]
    participants: Option<Vec<Member<'a>>>,
    #[serde(borrow)]
    members: Option<Vec<Member<'a>>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Reaction<'a> {
    #[serde(borrow)]
    user: Text<'a>,
    #[serde(borrow)]
    emoji_name: Text<'a>,
    create_at: Int,
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

#[derive(Default)]
struct State {
    /// (message row, lowercase username) of `@name` mentions not yet matched to a person.
    pending_mentions: Vec<(u32, String)>,
    channels_described: HashSet<u32>,
    channels_used: HashSet<u32>,
    unknown_types: u64,
    empty_lines: u64,
    nameless_people: u64,
    bad_channels: u64,
    no_place: u64,
    no_members: u64,
    no_author: u64,
    no_time: u64,
    bad_reactions: u64,
    repeated_reactions: u64,
    /// A buffer for the key of a person, kept from one message to the next (see
    /// [`json::key_into`]).
    person_key: String,
}

impl State {
    fn finish(self, b: &mut Builder) {
        let mut buf = String::new();
        for (row, name) in &self.pending_mentions {
            if let Some(p) = known_person(b, name, &mut buf) {
                b.mention(*row, p);
            }
        }
        let undescribed = self.channels_used.difference(&self.channels_described).count() as u64;
        let w = &mut b.warnings;
        w.add("{n} Mattermost line{s} of an unknown type {was|were} ignored", self.unknown_types);
        w.add("{n} Mattermost line{s} had a type but no data of that type and {was|were} skipped", self.empty_lines);
        w.add(
            "{n} Mattermost {user or bot|users or bots} had no username and {was|were} skipped",
            self.nameless_people,
        );
        w.add("{n} Mattermost channel{s} had no team or name and {was|were} skipped", self.bad_channels);
        w.add(
            "{n} Mattermost post{s} (with {its|their} replies) named no team or channel and {was|were} skipped",
            self.no_place,
        );
        w.add(
            "{n} Mattermost direct post{s} (with {its|their} replies) named no channel members and {was|were} skipped",
            self.no_members,
        );
        w.add("{n} Mattermost post{s} had no author and {was|were} skipped", self.no_author);
        w.add("{n} Mattermost post{s} had no time (create_at) and {was|were} skipped", self.no_time);
        w.add(
            "{n} Mattermost reaction{s} repeated the same person's same emoji on a message and {was|were} counted once",
            self.repeated_reactions,
        );
        w.add("{n} Mattermost reaction{s} had no user or emoji and {was|were} skipped", self.bad_reactions);
        w.add(
            "{n} Mattermost channel{s} {has|have} posts but no channel line; {it is|they are} shown as team:channel",
            undescribed,
        );
    }
}

/// Reads values from `bytes` until the end or the first one that cannot be read; returns
/// how many were read and, on a failure, where the last good one ended and the error.
fn read_values(bytes: &[u8], b: &mut Builder, st: &mut State, good: &mut u64) -> Option<(usize, serde_json::Error)> {
    let mut stream = serde_json::Deserializer::from_slice(bytes).into_iter::<Line>();
    loop {
        match stream.next() {
            None => return None,
            Some(Ok(line)) => {
                *good += 1;
                handle_line(line, b, st);
            }
            Some(Err(err)) => return Some((stream.byte_offset(), err)),
        }
    }
}

/// Where line `line` (1-based) of `s` starts.
fn line_start(s: &[u8], line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    s.iter().enumerate().filter(|(_, &c)| c == b'\n').nth(line - 2).map_or(s.len(), |(i, _)| i + 1)
}

/// Reads one file value by value; see the module comment for how bad values are skipped.
///
/// A value that breaks off may have swallowed the lines after it (an unclosed list takes
/// the next objects as its elements) before the parser gave up, at the end of the file in
/// the worst case. The lines that open an object between the bad value and the line where
/// the parser gave up are then read one line each, and streaming resumes at that line:
/// every byte is streamed once, so a hostile file cannot make reading quadratic.
fn read_file(e: &Entry, b: &mut Builder, r: &mut Report, st: &mut State) {
    let Some(data) = r.data(e) else { return };
    let bytes = strip_bom(&data);
    let mut pos = 0usize;
    let mut good = 0u64;
    let mut bad = 0u64;
    let mut first_bad: Option<(usize, String)> = None;
    while pos < bytes.len() {
        let rest = bytes.get(pos..).unwrap_or_default();
        let Some((ok_end, err)) = read_values(rest, b, st, &mut good) else { break };
        bad += 1;
        // The bad value starts at the first non-blank byte after the last good one.
        let start = rest
            .get(ok_end..)
            .and_then(|s| s.iter().position(|c| !c.is_ascii_whitespace()))
            .map_or(rest.len(), |i| ok_end + i);
        if first_bad.is_none() {
            let abs = pos + start;
            let line = 1 + bytes.get(..abs).map_or(0, |s| s.iter().filter(|&&c| c == b'\n').count());
            first_bad = Some((line, problem(&err)));
        }
        // Lines that open an object before the line the parser gave up on are read alone;
        // streaming resumes at the first line that opens an object from there on.
        let gave_up = line_start(rest, err.line());
        let next_object =
            |from: usize| rest.get(from..).and_then(|s| s.windows(2).position(|w| w == b"\n{")).map(|i| from + i + 1);
        let mut at = next_object(start);
        while let Some(c) = at.filter(|&c| c < gave_up) {
            let end = rest[c..].iter().position(|&x| x == b'\n').map_or(rest.len(), |i| c + i);
            if read_values(&rest[c..end], b, st, &mut good).is_some() {
                bad += 1;
            }
            at = next_object(c);
        }
        match at {
            Some(c) => pos += c,
            None => break,
        }
    }
    match (good, first_bad) {
        (0, Some((line, why))) => r.error(&e.display, format!("no readable Mattermost line (line {line}: {why})")),
        (0, None) => r.error(&e.display, "the file holds no Mattermost data"),
        (_, first) => {
            r.loaded += 1;
            if let Some((line, why)) = first {
                b.warnings.add(
                    format!(
                        "{{n}} unreadable value{{s}} in {} {{was|were}} skipped (the first at line {line}: {why})",
                        e.display
                    ),
                    bad,
                );
            }
        }
    }
}

/// serde_json's message without its position (which is relative to where reading resumed).
fn problem(err: &serde_json::Error) -> String {
    if json::is_too_deep(err) {
        return json::too_deep();
    }
    let s = err.to_string();
    let text = s.rsplit_once(" at line ").map_or(s.as_str(), |(m, _)| m);
    if err.is_eof() {
        format!("the JSON ends early (truncated?): {text}")
    } else {
        text.to_string()
    }
}

fn handle_line(line: Line<'_>, b: &mut Builder, st: &mut State) {
    match line.kind.trimmed() {
        "user" => match &line.user {
            Some(u) => user(u, b, st),
            None => st.empty_lines += 1,
        },
        "bot" => match &line.bot {
            Some(x) => bot(x, b, st),
            None => st.empty_lines += 1,
        },
        "channel" => match &line.channel {
            Some(c) => channel(c, b, st),
            None => st.empty_lines += 1,
        },
        "direct_channel" => match &line.direct_channel {
            Some(d) => {
                let members = member_names(&[&d.participants, &d.members]);
                if members.is_empty() {
                    st.no_members += 1;
                } else {
                    direct_space(&members, b);
                }
            }
            None => st.empty_lines += 1,
        },
        "post" => match &line.post {
            Some(p) => post(p, b, st),
            None => st.empty_lines += 1,
        },
        "direct_post" => match &line.direct_post {
            Some(p) => direct_post(p, b, st),
            None => st.empty_lines += 1,
        },
        "version" | "scheme" | "emoji" | "role" | "team" => {}
        _ => st.unknown_types += 1,
    }
}

fn lower(s: &str) -> Cow<'_, str> {
    let s = s.trim();
    if s.bytes().any(|c| c.is_ascii_uppercase() || !c.is_ascii()) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

fn person_key(username: &str) -> String {
    format!("mattermost:{}", lower(username))
}

fn non_empty(t: &Text<'_>) -> Option<String> {
    let s = t.trimmed();
    (!s.is_empty()).then(|| s.to_string())
}

fn user(u: &User<'_>, b: &mut Builder, st: &mut State) {
    let username = u.username.trimmed();
    if username.is_empty() {
        st.nameless_people += 1;
        return;
    }
    let full = format!("{} {}", u.first_name.trimmed(), u.last_name.trimmed());
    let name = Some(full.trim())
        .filter(|s| !s.is_empty())
        .or_else(|| Some(u.nickname.trimmed()).filter(|s| !s.is_empty()))
        .unwrap_or(username)
        .to_string();
    let is_bot = u.roles.trimmed().split_whitespace().any(|r| r == "system_bot");
    let idx = b.person(&person_key(username));
    b.describe_person(
        idx,
        PersonInfo {
            name: Some(name),
            email: non_empty(&u.email),
            title: non_empty(&u.position),
            bot: is_bot.then_some(true),
            deactivated: Some(u.delete_at.0.is_some_and(|d| d > 0)),
            joined_ms: u.create_at.0.filter(|t| *t > 0),
            ..Default::default()
        },
    );
    b.list_person(idx);
}

fn bot(x: &Bot<'_>, b: &mut Builder, st: &mut State) {
    let username = x.username.trimmed();
    if username.is_empty() {
        st.nameless_people += 1;
        return;
    }
    let name = non_empty(&x.display_name).unwrap_or_else(|| username.to_string());
    let idx = b.person(&person_key(username));
    b.describe_person(
        idx,
        PersonInfo {
            name: Some(name),
            bot: Some(true),
            deactivated: Some(x.delete_at.0.is_some_and(|d| d > 0)),
            ..Default::default()
        },
    );
}

fn channel_key(team: &str, channel: &str) -> String {
    ["mattermost:", &lower(team), ":", &lower(channel)].concat()
}

fn channel(c: &Channel<'_>, b: &mut Builder, st: &mut State) {
    let (team, name) = (c.team.trimmed(), c.name.trimmed());
    if team.is_empty() || name.is_empty() {
        st.bad_channels += 1;
        return;
    }
    let idx = b.space(&channel_key(team, name));
    let (kind, public) = match c.kind.trimmed() {
        "P" | "p" => (SpaceKind::PrivateChannel, false),
        _ => (SpaceKind::Channel, true),
    };
    let display = c.display_name.trimmed();
    let shown = if display.is_empty() { name } else { display };
    b.describe_space(idx, Some(shown), kind, Some(public));
    st.channels_described.insert(idx);
}

/// The members of a direct channel, lowercased, sorted and deduplicated, from the first
/// list that names anyone.
fn member_names(lists: &[&Option<Vec<Member<'_>>>]) -> Vec<String> {
    for list in lists {
        let mut names: Vec<String> = list
            .iter()
            .flatten()
            .map(|m| m.0.trimmed())
            .filter(|s| !s.is_empty())
            .map(|s| lower(s).into_owned())
            .collect();
        if !names.is_empty() {
            names.sort();
            names.dedup();
            return names;
        }
    }
    Vec::new()
}

/// The space of a direct conversation: keyed by its sorted members, a group when it has
/// more than two. Returns its key and index.
fn direct_space(members: &[String], b: &mut Builder) -> (String, u32) {
    let key = format!("mattermost:@dm:{}", members.join(","));
    let idx = b.space(&key);
    let kind = if members.len() > 2 { SpaceKind::Group } else { SpaceKind::Direct };
    b.describe_space(idx, Some(&members.join(", ")), kind, Some(false));
    (key, idx)
}

/// How many messages a post carries (itself and every nested reply).
fn message_count(p: &Post<'_>) -> u64 {
    let mut n = 0u64;
    let mut stack = vec![p];
    while let Some(x) = stack.pop() {
        n += 1;
        stack.extend(x.replies.iter().flatten());
    }
    n
}

fn post(p: &Post<'_>, b: &mut Builder, st: &mut State) {
    let (team, channel) = (p.team.trimmed(), p.channel.trimmed());
    if team.is_empty() || channel.is_empty() {
        st.no_place += message_count(p);
        return;
    }
    let space_key = channel_key(team, channel);
    let space = b.space(&space_key);
    st.channels_used.insert(space);
    thread(p, &space_key, space, b, st);
}

fn direct_post(p: &Post<'_>, b: &mut Builder, st: &mut State) {
    let members = member_names(&[&p.channel_members, &p.participants, &p.members]);
    if members.is_empty() {
        st.no_members += message_count(p);
        return;
    }
    let (space_key, space) = direct_space(&members, b);
    thread(p, &space_key, space, b, st);
}

/// A post and its replies (nested replies, which exports do not make, join the same thread).
fn thread(p: &Post<'_>, space_key: &str, space: u32, b: &mut Builder, st: &mut State) {
    let root = message(p, None, space_key, space, b, st);
    let mut stack: Vec<&Post<'_>> = p.replies.iter().flatten().collect();
    stack.reverse();
    while let Some(reply) = stack.pop() {
        message(reply, Some(root.as_deref()), space_key, space, b, st);
        stack.extend(reply.replies.iter().flatten().rev());
    }
}

/// The kind a post type gives, and whether it marks a bot's post. "" is a normal post,
/// "me" a /me post, "slack_attachment" a post with attachments (webhooks say so in props);
/// "custom_*" types are plugin posts (bots); `system_*` and any other type are events.
fn classify(kind: &str, reply: bool) -> (MessageKind, bool) {
    let normal = if reply { MessageKind::Reply } else { MessageKind::Post };
    match kind {
        "" | "me" | "slack_attachment" => (normal, false),
        t if t.starts_with("custom_") => (normal, true),
        _ => (MessageKind::System, false),
    }
}

/// Adds one message; `parent` is `Some(root key)` for a reply (`Some(None)` when its root
/// could not be added). Returns the message's key.
fn message(
    p: &Post<'_>,
    parent: Option<Option<&str>>,
    space_key: &str,
    space: u32,
    b: &mut Builder,
    st: &mut State,
) -> Option<String> {
    let user = p.user.trimmed();
    if user.is_empty() {
        st.no_author += 1;
        return None;
    }
    let Some(time) = p.create_at.0.filter(|t| *t > 0) else {
        st.no_time += 1;
        return None;
    };
    let user = lower(user);
    let mut key = String::with_capacity(space_key.len() + user.len() + 22);
    key.push_str(space_key);
    key.push(':');
    key.push_str(&user);
    key.push(':');
    json::push_int(&mut key, time);
    let author = b.person(json::key_into(&mut st.person_key, &["mattermost:", &user]));
    let (kind, by_bot) = classify(p.kind.trimmed(), parent.is_some());
    let parent_key = parent.flatten().map(str::to_string);
    let (row, is_new) = b.message(MessageDraft {
        key: &key,
        space,
        author,
        time_ms: time,
        kind,
        by_bot: by_bot || p.props.by_bot,
        root: parent_key.clone(),
        parent: parent_key,
    });
    // Joining the team or a channel is the join date a Mattermost export has (with a
    // user's own create_at, where the export gives it): the earliest is the person's.
    if matches!(p.kind.trimmed(), "system_join_team" | "system_join_channel") {
        b.joined(author, time);
    }
    for rx in p.reactions.iter().flatten() {
        let (who, emoji) = (rx.user.trimmed(), rx.emoji_name.trimmed());
        if who.is_empty() || emoji.is_empty() {
            st.bad_reactions += 1;
            continue;
        }
        let person = b.person(json::key_into(&mut st.person_key, &["mattermost:", &lower(who)]));
        let new = b.reaction(row, person, emoji, rx.create_at.0.filter(|t| *t > 0));
        // The same person's same emoji twice on a message (seen in real exports) counts once.
        st.repeated_reactions += (is_new && !new) as u64;
    }
    for name in at_mentions(&p.message.0) {
        let name = lower(name);
        match known_person(b, &name, &mut st.person_key) {
            Some(person) => b.mention(row, person),
            None => st.pending_mentions.push((row, name.into_owned())),
        }
    }
    Some(key)
}

/// A byte of a Mattermost username.
fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-')
}

/// `@name` words in a message (not the middle of an e-mail address).
fn at_mentions(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0usize;
    while let Some(off) = text.get(i..).and_then(|s| s.find('@')) {
        let at = i + off;
        let after_word = at > 0 && bytes.get(at - 1).is_some_and(|&c| is_name_byte(c));
        let start = at + 1;
        let mut end = start;
        while bytes.get(end).is_some_and(|&c| is_name_byte(c)) {
            end += 1;
        }
        if !after_word && end > start && end - start <= 64 {
            if let Some(name) = text.get(start..end) {
                out.push(name);
            }
        }
        i = end.max(at + 1);
    }
    out
}

/// The known person a mention names: the word itself, else without trailing punctuation
/// (`@ron.` names ron). @all, @channel and @here name nobody.
fn known_person(b: &Builder, name: &str, buf: &mut String) -> Option<u32> {
    let mut n = name;
    loop {
        if matches!(n, "all" | "channel" | "here") {
            return None;
        }
        if let Some(p) = b.find_person(json::key_into(buf, &["mattermost:", n])) {
            return Some(p);
        }
        let trimmed = n.trim_end_matches(['.', '_', '-']);
        if trimmed.is_empty() || trimmed == n {
            return None;
        }
        n = trimmed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_in_text() {
        assert_eq!(at_mentions("@ron hi @harry.potter, mail me@x.org @"), ["ron", "harry.potter"]);
        assert_eq!(at_mentions("(@a-b_c.) @@x"), ["a-b_c.", "x"]);
        assert!(at_mentions("é@x").len() == 1);
    }

    #[test]
    fn members_are_usernames_or_objects_with_one() {
        let v: Vec<Member> =
            serde_json::from_str(r#"["a", {"username": "b", "x": [1]}, {"username": 7}, 3, true, null, [1]]"#).unwrap();
        let s: Vec<&str> = v.iter().map(|m| m.0.trimmed()).collect();
        assert_eq!(s, ["a", "b", "7", "3", "", "", ""]);
    }

    #[test]
    fn props_say_bot_with_any_yes() {
        let v: Vec<Props> = serde_json::from_str(
            r#"[{"from_bot": "true"}, {"from_webhook": true}, {"from_bot": "false"}, {"from_bot": 1}, {"other": "true"}, "x"]"#,
        )
        .unwrap();
        assert_eq!(v.iter().map(|p| p.by_bot).collect::<Vec<_>>(), [true, true, false, true, false, false]);
    }
}
