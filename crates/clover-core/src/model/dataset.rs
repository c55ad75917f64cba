//! The frozen engagement model: [`Dataset`], its people and spaces, and messages and reactions
//! as columns sorted by time; the limits every time and name in it keeps.

use std::borrow::Cow;
use std::collections::BTreeSet;

/// "No index" in the `u32` columns.
pub const NONE: u32 = u32::MAX;

/// The earliest time a message, reaction or join date may have: 1970-01-01T00:00:00Z.
pub const EARLIEST_MS: i64 = 0;
/// The latest: 2099-12-31T23:59:59.999Z. Anything outside is an impossible date (a wrong
/// unit, a sentinel, a hostile number) and is dropped with a counted warning, so that
/// every time in a [`Dataset`] is safe for calendar arithmetic.
pub const LATEST_MS: i64 = 4_102_444_800_000 - 1;

/// Whether a time is within [`EARLIEST_MS`]..=[`LATEST_MS`].
pub fn possible_time(ms: i64) -> bool {
    (EARLIEST_MS..=LATEST_MS).contains(&ms)
}

/// Longest name, title, department, location or emoji kept, in characters. Longer ones
/// are cut to their first `MAX_NAME_CHARS - 1` characters and `…` (counted in a warning).
/// Ids, keys and emails are never cut: they identify and join.
pub const MAX_NAME_CHARS: usize = 256;

/// `s` cut to [`MAX_NAME_CHARS`] characters (on a character boundary), and whether it was cut.
pub fn fit_name(s: &str) -> (Cow<'_, str>, bool) {
    // Fast path: no string of at most MAX_NAME_CHARS bytes can have more characters.
    if s.len() <= MAX_NAME_CHARS {
        return (Cow::Borrowed(s), false);
    }
    match s.char_indices().nth(MAX_NAME_CHARS) {
        None => (Cow::Borrowed(s), false),
        Some(_) => {
            let end = s.char_indices().nth(MAX_NAME_CHARS - 1).map_or(s.len(), |(i, _)| i);
            (Cow::Owned(format!("{}…", &s[..end])), true)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MessageKind {
    Post = 0,
    Reply = 1,
    System = 2,
    Bot = 3,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpaceKind {
    Channel,
    PrivateChannel,
    Group,
    Community,
    Direct,
}

impl SpaceKind {
    pub fn default_public(self) -> bool {
        matches!(self, SpaceKind::Channel | SpaceKind::Community)
    }
}

/// The export formats Clover reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Format {
    #[serde(rename = "clover")]
    Clover,
    #[serde(rename = "slack")]
    Slack,
    #[serde(rename = "teams")]
    Teams,
    #[serde(rename = "yammer")]
    Yammer,
    #[serde(rename = "mattermost")]
    Mattermost,
    #[serde(rename = "discord")]
    Discord,
    #[serde(rename = "roster")]
    Roster,
    #[serde(rename = "reports")]
    Reports,
}

impl Format {
    /// Every format, in declaration order.
    pub const ALL: [Format; 8] = [
        Format::Clover,
        Format::Slack,
        Format::Teams,
        Format::Yammer,
        Format::Mattermost,
        Format::Discord,
        Format::Roster,
        Format::Reports,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Format::Clover => "Clover JSON",
            Format::Slack => "Slack",
            Format::Teams => "Microsoft Teams",
            Format::Yammer => "Viva Engage (Yammer)",
            Format::Mattermost => "Mattermost",
            Format::Discord => "Discord",
            Format::Roster => "Roster",
            Format::Reports => "Activity reports",
        }
    }
    /// The format whose [`Format::id`] is `id`.
    pub fn from_id(id: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.id() == id)
    }
    pub fn id(self) -> &'static str {
        match self {
            Format::Clover => "clover",
            Format::Slack => "slack",
            Format::Teams => "teams",
            Format::Yammer => "yammer",
            Format::Mattermost => "mattermost",
            Format::Discord => "discord",
            Format::Roster => "roster",
            Format::Reports => "reports",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Person {
    /// The source's id, namespaced by format (`slack:U123`).
    pub key: String,
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    /// Index into [`Dataset::strings`].
    pub department: Option<u32>,
    pub location: Option<u32>,
    pub leader: bool,
    pub bot: bool,
    pub deactivated: bool,
    pub joined_ms: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Space {
    pub key: String,
    pub name: String,
    pub kind: SpaceKind,
    pub public: bool,
}

/// Messages as columns, sorted by `time`. Row `i` of every column is message `i`.
#[derive(Clone, Debug, Default)]
pub struct Messages {
    pub time: Vec<i64>,
    pub space: Vec<u32>,
    pub author: Vec<u32>,
    pub kind: Vec<MessageKind>,
    /// The thread's first message (itself for a post, [`NONE`] for a reply whose thread is missing).
    pub root: Vec<u32>,
    /// The message this one answers ([`NONE`] for posts and for replies whose parent is missing).
    pub parent: Vec<u32>,
}

impl Messages {
    pub fn len(&self) -> usize {
        self.time.len()
    }
    pub fn is_empty(&self) -> bool {
        self.time.is_empty()
    }
}

/// Reactions as columns, sorted by message then person. A Yammer like is emoji `like`.
#[derive(Clone, Debug, Default)]
pub struct Reactions {
    pub message: Vec<u32>,
    pub person: Vec<u32>,
    /// Index into [`Dataset::strings`].
    pub emoji: Vec<u32>,
    /// When the reaction was made; the message's time where the format does not say.
    pub time: Vec<i64>,
}

impl Reactions {
    pub fn len(&self) -> usize {
        self.message.len()
    }
    pub fn is_empty(&self) -> bool {
        self.message.is_empty()
    }
}

/// The organisation as a roster describes it: the funnel's workforce stage.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct RosterInfo {
    /// Total headcount (the roster's stated figure, else its number of rows).
    pub headcount: u64,
    /// Roster rows matched to people in the data.
    pub matched: u64,
    /// Matched roster rows that give a start date (a join date).
    pub start_dates: u64,
}

#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub formats: BTreeSet<Format>,
    pub people: Vec<Person>,
    pub spaces: Vec<Space>,
    pub messages: Messages,
    pub reactions: Reactions,
    /// (message, mentioned person), sorted.
    pub mentions: Vec<(u32, u32)>,
    /// Interned strings: departments, locations, emoji.
    pub strings: Vec<String>,
    /// The export lists its members (or a roster does): without a list, the people in the
    /// dataset are only those seen taking part (see `Builder::list_person`).
    pub member_list: bool,
    pub roster: Option<RosterInfo>,
    /// Activity reports (`model/reports.rs`): per-person totals over windows, kept apart
    /// from the people and messages above, which they never add to.
    pub reports: Option<super::reports::Reports>,
}

impl Dataset {
    pub fn string(&self, idx: u32) -> &str {
        self.strings.get(idx as usize).map_or("", String::as_str)
    }
    /// Whether any person posted or replied: a message export, not only reports or a roster.
    pub fn has_messages(&self) -> bool {
        let m = &self.messages;
        (0..m.len()).any(|i| {
            matches!(m.kind[i], MessageKind::Post | MessageKind::Reply)
                && self.people.get(m.author[i] as usize).is_some_and(|p| !p.bot)
        })
    }
    pub fn department(&self, person: u32) -> Option<&str> {
        self.people.get(person as usize)?.department.map(|d| self.string(d))
    }
    /// Range of message rows with `from <= time <= to` (messages are sorted by time).
    pub fn message_range(&self, from_ms: i64, to_ms: i64) -> std::ops::Range<usize> {
        let t = &self.messages.time;
        let lo = t.partition_point(|&x| x < from_ms);
        let hi = t.partition_point(|&x| x <= to_ms);
        lo..hi.max(lo)
    }
}
