//! The demo organisation: a deterministic, believable company whose collaboration data
//! can be written as Clover JSON, a Slack export ZIP, a Mattermost bulk export and a
//! roster CSV, so that every part of Clover can be tried without real data.
//!
//! It tells the story of docs/demo.md (the targets there are measured with the real
//! analytics by `tests/demo.rs`); the milestones are in `demo/story.rs`:
//! - `people` human members (default 1,600) in twelve departments, each led by a "Chief…",
//!   "VP…", "Director of…" or "Head of…"; a roster headcount a quarter larger (not everyone
//!   joined); a few deactivated people; eight bots.
//! - Public channels (company-wide, a news feed, one per department, cross-functional
//!   interests), private channels and direct conversations.
//! - A grass-roots launch (the CIO's announcement, a community manager, internal comms and a
//!   few enthusiasts; a burst of hellos that fades), an executive sponsor (the CEO) who joins
//!   a few months in and works out loud, the other leaders following; first wins 6–9 months
//!   in, when `#wins` comes alive and adoption climbs fastest (S-shaped); departments ahead
//!   and behind; a culture that turns: more answers to waiting posts, thanks for answers,
//!   more work across teams and in the open.
//! - Participation: most people only read; some only react; the rest write in tiers, from
//!   "now and then, never answering" to the few who write most, each with a voice (engager,
//!   catalyst, responder, broadcaster) that shapes what they write and how others answer.
//!   People are around in some weeks, not all; some drift away.
//! - Threads (replies go to popular posts, or to someone waiting for an answer), reactions,
//!   mentions, channel joins and bot posts, at business hours in each person's time zone.
//!
//! Everything comes from one seeded splitmix64 generator and IEEE arithmetic, so the same
//! options give the same bytes on every platform. Message text is generated only when a
//! writer needs it, never stored.

mod rng;
mod story;
mod words;
mod write;

pub use words::EMOJI;
pub use write::{write_clover, write_mattermost, write_roster_csv, write_slack_zip};

use crate::civil::{civil_from_days, day_of, days_from_civil, MS_PER_DAY};
use crate::model::SpaceKind;
use rng::Rng;
use story::Story;
use words::{BOTS, DEPARTMENTS, EXEC_DEPT, INTEREST_CHANNELS, LOCATIONS, PRIVATE_CHANNELS};

/// "No index" in the `u32` fields.
pub const NONE: u32 = u32::MAX;

const MS_PER_HOUR: i64 = 3_600_000;
const MS_PER_MIN: i64 = 60_000;

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoOptions {
    /// Human members (bots come on top).
    pub people: usize,
    /// Length of the period, in calendar months.
    pub months: u32,
    pub seed: u64,
    /// First day of the period (days since 1970-01-01, see [`crate::civil::days_from_civil`]).
    pub start: i64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions { people: 1600, months: 18, seed: 2011, start: days_from_civil(2024, 1, 1) }
    }
}

/// How much a person takes part, by design.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Participation {
    /// Reads, reacts, or not even that (a hello at the launch at most; silent leaders).
    Reader,
    /// Writes, from now and then to most weeks.
    Contributor,
    /// The few who write most (and the sponsor, the very active leaders, comms and the
    /// community manager).
    Core,
    Bot,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DemoPerson {
    /// Clover JSON id (`u00042`, bots `b01`).
    pub id: String,
    /// Login name (`ada.lee`, `deploy-bot`): Mattermost usernames and Slack `name`.
    pub handle: String,
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    /// Index into [`DemoOrg::departments`].
    pub department: Option<u16>,
    /// Index into [`DemoOrg::locations`].
    pub location: Option<u16>,
    pub leader: bool,
    pub bot: bool,
    pub deactivated: bool,
    pub joined_ms: i64,
    pub participation: Participation,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DemoSpace {
    /// Clover JSON id (`s001`).
    pub id: String,
    /// Channel name (`general`); for direct conversations the two handles.
    pub name: String,
    pub kind: SpaceKind,
    pub purpose: String,
    /// Person indices, sorted.
    pub members: Vec<u32>,
    pub created_ms: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DemoKind {
    Post,
    Reply,
    /// Someone joined the channel (a system message).
    Join,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoMessage {
    /// UTC milliseconds; unique and increasing along [`DemoOrg::messages`].
    pub time_ms: i64,
    pub space: u32,
    pub author: u32,
    /// The thread's first message, for a reply ([`NONE`] otherwise).
    pub parent: u32,
    pub kind: DemoKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoReaction {
    pub message: u32,
    pub person: u32,
    /// Index into [`EMOJI`].
    pub emoji: u8,
    pub time_ms: i64,
}

/// The counts an importer must find in anything written from a [`DemoOrg`], by the
/// counting rules of docs/formats.md.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DemoCounts {
    pub people: u64,
    pub bots: u64,
    pub deactivated: u64,
    pub leaders: u64,
    pub spaces: u64,
    pub posts: u64,
    pub replies: u64,
    pub reactions: u64,
    pub mentions: u64,
    pub system_messages: u64,
    pub bot_messages: u64,
}

#[derive(Clone, Debug)]
pub struct DemoOrg {
    pub options: DemoOptions,
    pub name: String,
    pub email_domain: String,
    pub departments: Vec<String>,
    pub locations: Vec<String>,
    /// Humans first, then bots.
    pub people: Vec<DemoPerson>,
    pub spaces: Vec<DemoSpace>,
    /// Sorted by time.
    pub messages: Vec<DemoMessage>,
    /// Sorted by message, person, emoji; distinct.
    pub reactions: Vec<DemoReaction>,
    /// (message, mentioned person), sorted, distinct.
    pub mentions: Vec<(u32, u32)>,
    /// The workforce: more than the members, since not everyone joined.
    pub headcount: u64,
    /// The period: `[start_ms, end_ms)`.
    pub start_ms: i64,
    pub end_ms: i64,
    reaction_start: Vec<u32>,
    mention_start: Vec<u32>,
}

impl DemoOrg {
    pub fn reactions_of(&self, message: u32) -> &[DemoReaction] {
        let i = message as usize;
        match (self.reaction_start.get(i), self.reaction_start.get(i + 1)) {
            (Some(&a), Some(&b)) => self.reactions.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// People mentioned in a message.
    pub fn mentions_of(&self, message: u32) -> impl Iterator<Item = u32> + '_ {
        let i = message as usize;
        let range = match (self.mention_start.get(i), self.mention_start.get(i + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        self.mentions.get(range).unwrap_or(&[]).iter().map(|&(_, p)| p)
    }

    pub fn is_bot_message(&self, message: u32) -> bool {
        self.messages
            .get(message as usize)
            .is_some_and(|m| m.kind != DemoKind::Join && self.people.get(m.author as usize).is_some_and(|p| p.bot))
    }

    /// Month of the period (0-based) of a time; clamped to the period.
    pub fn month_of(&self, ms: i64) -> u32 {
        let start = self.options.start;
        let (y0, m0, _) = civil_from_days(start);
        let (y, m, _) = civil_from_days(day_of(ms));
        let mut i = (y - y0) * 12 + m as i64 - m0 as i64;
        // A period that starts mid-month counts months from its start day.
        if day_of(ms) < add_months(start, i.max(0) as u32) {
            i -= 1;
        }
        i.clamp(0, self.options.months.max(1) as i64 - 1) as u32
    }

    pub fn counts(&self) -> DemoCounts {
        let mut c = DemoCounts {
            spaces: self.spaces.len() as u64,
            reactions: self.reactions.len() as u64,
            mentions: self.mentions.len() as u64,
            ..Default::default()
        };
        for p in &self.people {
            if p.bot {
                c.bots += 1;
            } else {
                c.people += 1;
                c.deactivated += p.deactivated as u64;
                c.leaders += p.leader as u64;
            }
        }
        for m in &self.messages {
            let bot = self.people.get(m.author as usize).is_some_and(|p| p.bot);
            match m.kind {
                DemoKind::Join => c.system_messages += 1,
                _ if bot => c.bot_messages += 1,
                DemoKind::Post => c.posts += 1,
                DemoKind::Reply => c.replies += 1,
            }
        }
        c
    }
}

/// The day `months` calendar months after `day` (the day of month clamped to the month).
fn add_months(day: i64, months: u32) -> i64 {
    let (y, m, d) = civil_from_days(day);
    let total = y * 12 + (m as i64 - 1) + months as i64;
    let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    let len = days_from_civil(if nm == 12 { ny + 1 } else { ny }, if nm == 12 { 1 } else { nm + 1 }, 1)
        - days_from_civil(ny, nm, 1);
    days_from_civil(ny, nm, d.min(len as u32))
}

/// Splits `n` by weights (largest remainder), so sizes do not depend on chance.
fn apportion(n: usize, weights: &[u32]) -> Vec<usize> {
    let total: u64 = weights.iter().map(|&w| w as u64).sum::<u64>().max(1);
    let mut sizes: Vec<usize> = weights.iter().map(|&w| (n as u64 * w as u64 / total) as usize).collect();
    let mut rest: Vec<(u64, usize)> =
        weights.iter().enumerate().map(|(i, &w)| ((n as u64 * w as u64) % total, i)).collect();
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut left = n - sizes.iter().sum::<usize>();
    for (_, i) in rest {
        if left == 0 {
            break;
        }
        sizes[i] += 1;
        left -= 1;
    }
    sizes
}

/// How a writer tends to take part: what they write and how others answer it. The persona
/// the analysis gives them comes from what actually happened, not from this.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Voice {
    /// Posts, answers and reacts in balance.
    Engager,
    /// Posts that draw many answers and reactions.
    Catalyst,
    /// Answers and reacts; rarely starts a thread; little comes back.
    Responder,
    /// Posts news; rarely answers or reacts; little comes back.
    Broadcaster,
}

/// The traits of a [`Voice`].
struct Traits {
    /// Share of what they write that starts a thread.
    p_post: f64,
    /// How much their posts and their replies draw responses.
    pull: f64,
    reply_pull: f64,
    /// Multipliers of their writing and reacting.
    write: f64,
    react: f64,
    /// How readily they acknowledge a reply to their post with a reaction.
    ack: f64,
}

impl Voice {
    fn traits(self) -> Traits {
        match self {
            Voice::Engager => Traits { p_post: 0.3, pull: 1.2, reply_pull: 0.7, write: 1.0, react: 1.0, ack: 1.0 },
            Voice::Catalyst => Traits { p_post: 0.8, pull: 5.0, reply_pull: 1.2, write: 0.5, react: 0.2, ack: 0.2 },
            Voice::Responder => Traits { p_post: 0.05, pull: 0.4, reply_pull: 0.12, write: 1.0, react: 1.6, ack: 0.4 },
            Voice::Broadcaster => {
                Traits { p_post: 0.93, pull: 0.12, reply_pull: 0.1, write: 0.6, react: 0.12, ack: 0.1 }
            }
        }
    }
}

/// Who takes part, and how, among the people who take part at all (non-leaders).
struct Tier {
    /// The tier's share ends at this fraction of them.
    upto: f64,
    participation: Participation,
    /// Messages written and reactions given a month once warmed up (log-normal spreads).
    write: f64,
    write_spread: f64,
    react: f64,
    react_spread: f64,
    /// Months earlier (-) or later than their department's people start (18-month story).
    shift: f64,
    /// Chance to drift away some months after they start.
    lapse: f64,
    /// How much what they write draws responses.
    draw: f64,
    /// Chance to be around in a given week.
    presence: f64,
}

const TIERS: [Tier; 5] = [
    // The few who write most, from early on, most weeks.
    Tier {
        upto: 0.05,
        participation: Participation::Core,
        write: 56.0,
        write_spread: 0.4,
        react: 48.0,
        react_spread: 0.5,
        shift: -2.5,
        lapse: 0.0,
        draw: 1.0,
        presence: 0.65,
    },
    Tier {
        upto: 0.22,
        participation: Participation::Contributor,
        write: 31.0,
        write_spread: 0.5,
        react: 21.0,
        react_spread: 0.6,
        shift: -1.2,
        lapse: 0.12,
        draw: 1.0,
        presence: 0.3,
    },
    Tier {
        upto: 0.52,
        participation: Participation::Contributor,
        write: 23.0,
        write_spread: 0.7,
        react: 7.5,
        react_spread: 0.7,
        shift: -0.3,
        lapse: 0.3,
        draw: 1.0,
        presence: 0.22,
    },
    // Now and then a question or a status, rarely answered; they take the answer and leave
    // (no reactions, hardly a reply): contributors who are not engaged.
    Tier {
        upto: 0.8,
        participation: Participation::Contributor,
        write: 1.0,
        write_spread: 0.7,
        react: 0.0,
        react_spread: 0.0,
        shift: 0.3,
        lapse: 0.4,
        draw: 0.2,
        presence: 0.2,
    },
    // React, hardly ever write.
    Tier {
        upto: 1.0,
        participation: Participation::Reader,
        write: 0.04,
        write_spread: 0.0,
        react: 5.0,
        react_spread: 0.8,
        shift: 0.4,
        lapse: 0.3,
        draw: 1.0,
        presence: 0.35,
    },
];

/// Leaders' styles.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    VeryActive,
    Regular,
    Occasional,
    Silent,
}

/// A space where a person takes part.
#[derive(Clone, Copy)]
struct Home {
    space: u32,
    weight: f32,
    /// The kind of space ([`story::DEPT`], …): the story moves weight between kinds.
    class: u8,
    /// Whether they may start threads there.
    post_ok: bool,
}

/// How a person behaves in the simulation.
#[derive(Clone, Default)]
struct Sim {
    /// Says hello in the launch weeks and never again.
    tryer: bool,
    /// When they start taking part (may be after the period: never).
    act_ms: i64,
    act_month: f64,
    /// When they stop (deactivation, else after the period).
    leave_ms: i64,
    /// After this month they mostly drift away (write and react far less).
    lapse_month: f64,
    /// Messages written per month once warmed up.
    rate: f64,
    /// Reactions given per month once warmed up.
    react_rate: f64,
    /// Share of what they write that starts a thread: `p_post` at the launch, `p_post_late`
    /// once the culture has turned (leaders learn to answer staff).
    p_post: f64,
    p_post_late: f64,
    /// How much their posts and replies draw responses.
    pull: f64,
    reply_pull: f64,
    /// How readily they acknowledge replies to their posts.
    ack: f64,
    /// Leaders write less before the sponsor joins.
    leader: bool,
    home: Vec<Home>,
    utc_offset_min: i64,
    /// The chance they are around in a given week (people write in some weeks, not all).
    presence: f64,
}

/// The weeks a person is around in a month: bit k for the k-th week (Monday to Sunday, UTC)
/// from the one the month starts in (a month touches up to six).
#[derive(Clone, Copy)]
struct Weeks {
    /// The Monday of the month's first week.
    monday: i64,
    mask: u8,
}

impl Weeks {
    const SLOT: i64 = 7 * MS_PER_DAY;
    const SLOTS: i64 = 6;

    fn of_month(month_start: i64, mask: u8) -> Weeks {
        let day = day_of(month_start);
        Weeks { monday: (day - (day + 3).rem_euclid(7)) * MS_PER_DAY, mask }
    }

    fn slot(&self, t: i64) -> i64 {
        (t - self.monday).div_euclid(Self::SLOT)
    }

    fn around(&self, t: i64) -> bool {
        let k = self.slot(t);
        !(0..Self::SLOTS).contains(&k) || self.mask & (1 << k) != 0
    }
}

struct Gen {
    rng: Rng,
    msgs: Vec<DemoMessage>,
    hot: Vec<f32>,
    /// Replies by others each post has had so far (saturating).
    answers: Vec<u8>,
    reactions: Vec<DemoReaction>,
    mentions: Vec<(u32, u32)>,
}

impl Gen {
    fn push(&mut self, m: DemoMessage, hot: f64) -> u32 {
        let i = self.msgs.len() as u32;
        self.msgs.push(m);
        self.hot.push(hot as f32);
        self.answers.push(0);
        i
    }

    /// A time in `[a, b)` in working hours of a week the person is around.
    fn work_time_in(&mut self, a: i64, b: i64, offset_min: i64, weeks: Weeks) -> i64 {
        let mut spans = [(0i64, 0i64); Weeks::SLOTS as usize];
        let mut k = 0;
        for w in 0..Weeks::SLOTS {
            let s = (weeks.monday + w * Weeks::SLOT).max(a);
            let e = (weeks.monday + (w + 1) * Weeks::SLOT).min(b);
            if weeks.mask & (1 << w) != 0 && s < e {
                spans[k] = (s, e);
                k += 1;
            }
        }
        if k == 0 {
            return self.work_time(a, b, offset_min);
        }
        let (s, e) = spans[self.rng.below(k)];
        self.work_time(s, e, offset_min)
    }

    /// `t`, or when the person is away that week, early in the next week they are around
    /// before `b`; failing that, some time in `[from, b)` in a week they are around.
    fn when_around(&mut self, t: i64, from: i64, b: i64, offset_min: i64, weeks: Weeks) -> i64 {
        if weeks.around(t) {
            return t;
        }
        for w in weeks.slot(t) + 1..Weeks::SLOTS {
            let s = weeks.monday + w * Weeks::SLOT;
            if s >= b {
                break;
            }
            if weeks.mask & (1 << w) != 0 {
                return self.work_time(s.max(from), b.min(s + 2 * MS_PER_DAY), offset_min);
            }
        }
        self.work_time_in(from, b, offset_min, weeks)
    }

    /// A time in `[a, b)` in working hours of someone at this UTC offset, weekends rare.
    fn work_time(&mut self, a: i64, b: i64, offset_min: i64) -> i64 {
        if b <= a {
            return a;
        }
        for _ in 0..8 {
            let day = self.rng.range_i64(day_of(a), day_of(b - 1) + 1);
            let weekday = (day + 3).rem_euclid(7);
            if weekday >= 5 && !self.rng.chance(0.08) {
                continue;
            }
            let minute = 8 * 60 + ((self.rng.f64() + self.rng.f64()) / 2.0 * 600.0) as i64;
            let t = day * MS_PER_DAY + (minute - offset_min) * MS_PER_MIN + self.rng.range_i64(0, MS_PER_MIN);
            if t >= a && t < b {
                return t;
            }
        }
        self.rng.range_i64(a, b)
    }

    /// One of the candidates, the best of `rounds` draws by how much it draws a response:
    /// popular messages draw more; someone `waiting` for an answer draws those who look for
    /// unanswered posts. Never `me`'s own message.
    fn tournament(&mut self, a: &[u32], b: &[u32], rounds: u32, waiting: bool, me: u32) -> Option<u32> {
        let total = a.len() + b.len();
        if total == 0 {
            return None;
        }
        let mut best: Option<(u32, f32)> = None;
        for _ in 0..rounds {
            let i = self.rng.below(total);
            let c = if i < a.len() { a[i] } else { b[i - a.len()] };
            if self.msgs[c as usize].author == me {
                continue;
            }
            let mut key = self.hot[c as usize];
            if waiting {
                key /= 1.0 + 6.0 * self.answers[c as usize] as f32;
            }
            if best.is_none_or(|(_, k)| key > k) {
                best = Some((c, key));
            }
        }
        best.map(|(c, _)| c)
    }
}

/// One of the person's spaces, by its weight this month (`posting`: where they may post).
fn pick_home(rng: &mut Rng, home: &[Home], class_weights: &[f64; story::CLASSES], posting: bool) -> Option<u32> {
    let weight = |h: &Home| if posting && !h.post_ok { 0.0 } else { h.weight as f64 * class_weights[h.class as usize] };
    let total: f64 = home.iter().map(weight).sum();
    if total <= 0.0 {
        return None;
    }
    let mut x = rng.f64() * total;
    for h in home {
        let w = weight(h);
        if x < w {
            return Some(h.space);
        }
        x -= w;
    }
    home.iter().rev().find(|h| weight(h) > 0.0).map(|h| h.space)
}

/// Generates the organisation. Deterministic: the same options give the same result.
pub fn generate(opts: &DemoOptions) -> DemoOrg {
    let months = opts.months.max(1);
    let n = opts.people;
    let mut rng = Rng::new(opts.seed);
    let bounds: Vec<i64> = (0..=months).map(|i| add_months(opts.start, i) * MS_PER_DAY).collect();
    let start_ms = bounds[0];
    let end_ms = bounds[months as usize];
    // Nothing is generated in the period's last minute, so making times unique never
    // pushes one past the end.
    let limit = end_ms - MS_PER_MIN;
    let month_ms = |a: f64| -> i64 {
        if a >= months as f64 {
            return i64::MAX / 4;
        }
        let a = a.max(0.0);
        let i = a as usize;
        bounds[i] + ((bounds[i + 1] - bounds[i]) as f64 * (a - i as f64)) as i64
    };

    // ---- People -------------------------------------------------------------------------
    let mut prng = rng.fork(1);
    let dept_weights: Vec<u32> = DEPARTMENTS.iter().map(|d| d.weight).collect();
    let sizes = apportion(n, &dept_weights);
    let mut dept_of: Vec<usize> = sizes.iter().enumerate().flat_map(|(d, &s)| std::iter::repeat_n(d, s)).collect();
    for i in (1..dept_of.len()).rev() {
        let j = prng.below(i + 1);
        dept_of.swap(i, j);
    }
    let loc_weights: Vec<u32> = LOCATIONS.iter().map(|l| l.weight).collect();
    let mut people: Vec<DemoPerson> = Vec::with_capacity(n + BOTS.len());
    let mut handles: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for (i, &d) in dept_of.iter().enumerate() {
        let first = prng.pick(words::FIRST_NAMES).copied().unwrap_or("Alex");
        let last = prng.pick(words::LAST_NAMES).copied().unwrap_or("Doe");
        let base = format!("{}.{}", words::ascii_slug(first), words::ascii_slug(last));
        let seen = handles.entry(base.clone()).or_insert(0);
        *seen += 1;
        let handle = if *seen == 1 { base } else { format!("{base}{seen}") };
        let staff = DEPARTMENTS[d].staff;
        people.push(DemoPerson {
            id: format!("u{:05}", i + 1),
            email: Some(format!("{handle}@{}", words::EMAIL_DOMAIN)),
            handle,
            name: format!("{first} {last}"),
            title: prng.pick(staff).map(|t| t.to_string()),
            department: Some(d as u16),
            location: Some(prng.weighted(&loc_weights) as u16),
            leader: false,
            bot: false,
            deactivated: false,
            joined_ms: start_ms,
            participation: Participation::Reader,
        });
    }
    // Leaders: the first members of each department (the order is already shuffled).
    let mut members_of_dept: Vec<Vec<u32>> = vec![Vec::new(); DEPARTMENTS.len()];
    for (i, &d) in dept_of.iter().enumerate() {
        members_of_dept[d].push(i as u32);
    }
    let mut ceo = NONE;
    let mut tops: Vec<u32> = Vec::new();
    for (d, members) in members_of_dept.iter().enumerate() {
        let Some(&top) = members.first() else { continue };
        let dept = &DEPARTMENTS[d];
        let subs = if members.len() >= 8 { (members.len() / 60).max(1) } else { 0 };
        tops.push(top);
        let p = &mut people[top as usize];
        p.title = Some(dept.top.to_string());
        p.leader = true;
        if d == EXEC_DEPT {
            ceo = top;
        }
        for (j, &s) in members.iter().skip(1).take(subs).enumerate() {
            let p = &mut people[s as usize];
            p.title = dept.leaders.get(j % dept.leaders.len().max(1)).map(|t| t.to_string());
            p.leader = true;
        }
    }
    if ceo != NONE {
        // The CEO sits at headquarters.
        people[ceo as usize].location = Some(0);
    }

    // ---- Behaviour ----------------------------------------------------------------------
    let story = Story::new(months);
    let sc = story.months / 18.0;
    let mut srng = rng.fork(2);
    let mut sims: Vec<Sim> = vec![Sim::default(); n];
    let mut voices: Vec<Option<Voice>> = vec![None; n];
    // The CIO brought the platform in; a community manager in People & Culture runs it.
    let top_of =
        |slug: &str| DEPARTMENTS.iter().position(|d| d.slug == slug).and_then(|d| members_of_dept[d].first().copied());
    let launcher = top_of("it").unwrap_or(NONE);
    let first_staff = |slug: &str| {
        DEPARTMENTS
            .iter()
            .position(|d| d.slug == slug)
            .and_then(|d| members_of_dept[d].iter().copied().find(|&i| !people[i as usize].leader))
            .unwrap_or(NONE)
    };
    // Internal communications (in Marketing) posts the news; a community manager (in People
    // & Culture) answers questions and welcomes people. Both run the launch.
    let comms = first_staff("marketing");
    let community = first_staff("people-and-culture");
    // The few who write most take every voice in turn, so every persona shows at the top.
    const CORE_VOICES: [Voice; 6] =
        [Voice::Engager, Voice::Responder, Voice::Catalyst, Voice::Engager, Voice::Broadcaster, Voice::Responder];
    let mut core_seen = 0usize;
    const LEADER_STYLES: [Style; 10] = [
        Style::Regular,
        Style::Occasional,
        Style::VeryActive,
        Style::Silent,
        Style::Occasional,
        Style::Regular,
        Style::Occasional,
        Style::Silent,
        Style::Regular,
        Style::VeryActive,
    ];
    let mut leader_seen = 0usize;
    for i in 0..n {
        let p = &mut people[i];
        let s = &mut sims[i];
        let d = p.department.map_or(0, |d| d as usize);
        let (lag, mult) = story::readiness(DEPARTMENTS[d].slug, story.months);
        s.lapse_month = f64::INFINITY;
        s.leave_ms = i64::MAX / 4;
        s.leader = p.leader;
        s.ack = 1.0;
        s.presence = 0.5;
        let start = if i as u32 == ceo {
            // The executive sponsor joins a few months in and works out loud: news and
            // thanks that the whole company reads and answers, and answers to staff.
            p.participation = Participation::Core;
            (s.rate, s.react_rate, s.p_post, s.p_post_late) = (16.0, 4.0, 0.6, 0.45);
            (s.pull, s.reply_pull, s.presence, s.ack) = (8.0, 1.5, 0.85, 0.3);
            story.sponsor
        } else if i as u32 == launcher {
            // Announces the platform and posts the odd update before anyone senior joins.
            p.participation = Participation::Contributor;
            (s.rate, s.react_rate, s.p_post, s.p_post_late) = (7.0, 6.0, 0.9, 0.4);
            (s.pull, s.reply_pull, s.presence) = (1.5, 1.0, 0.6);
            0.05 * story.months
        } else if i as u32 == comms || i as u32 == community {
            let voice = if i as u32 == comms { Voice::Broadcaster } else { Voice::Responder };
            voices[i] = Some(voice);
            let t = voice.traits();
            p.participation = Participation::Core;
            let rate = if voice == Voice::Broadcaster { 60.0 } else { 50.0 };
            (s.rate, s.react_rate, s.p_post, s.p_post_late) = (rate, 40.0 * t.react, t.p_post, t.p_post);
            (s.pull, s.reply_pull, s.ack, s.presence) = (t.pull, t.reply_pull, t.ack, 0.8);
            0.03 * story.months
        } else if p.leader {
            // Styles in fixed shares (two in ten very active, two silent), in the shuffled order.
            leader_seen += 1;
            let st = LEADER_STYLES[(leader_seen - 1) % LEADER_STYLES.len()];
            let (rate, react, part, presence) = match st {
                Style::VeryActive => (20.0 * srng.lognormal(0.4), 16.0, Participation::Core, 0.85),
                Style::Regular => (8.0 * srng.lognormal(0.5), 7.0, Participation::Contributor, 0.6),
                Style::Occasional => (0.6 * srng.lognormal(0.5), 1.5, Participation::Contributor, 0.4),
                Style::Silent => (0.0, 0.8, Participation::Reader, 0.4),
            };
            s.presence = presence;
            p.participation = part;
            (s.rate, s.react_rate, s.p_post, s.p_post_late) = (rate, react, 0.75, 0.55);
            (s.pull, s.reply_pull) = (2.0, 1.0);
            // Leaders follow the sponsor, the lagging departments' later.
            story.sponsor + (0.3 + srng.exponential(2.2)) * sc + lag.max(0.0) * 0.5
        } else {
            let p_any = (0.38 * mult).min(0.85);
            let u = srng.f64();
            if u >= p_any {
                // Reads, if anything: an observer throughout, after a hello in the launch
                // weeks for some.
                p.participation = Participation::Reader;
                s.tryer = srng.chance(0.06 * mult);
                f64::INFINITY
            } else {
                let v = u / p_any;
                let tier = TIERS.iter().find(|t| v < t.upto).unwrap_or(&TIERS[TIERS.len() - 1]);
                let part = tier.participation;
                let rate = tier.write * srng.lognormal(tier.write_spread);
                let react = tier.react * srng.lognormal(tier.react_spread);
                let (shift, lapse, draw) = (tier.shift, tier.lapse, tier.draw);
                s.presence = tier.presence;
                let voice = if part == Participation::Core {
                    core_seen += 1;
                    CORE_VOICES[(core_seen - 1) % CORE_VOICES.len()]
                } else {
                    [Voice::Engager, Voice::Catalyst, Voice::Responder, Voice::Broadcaster]
                        [srng.weighted(&[27, 30, 28, 15])]
                };
                voices[i] = Some(voice);
                let t = voice.traits();
                p.participation = part;
                // The few core broadcasters post digests and news all the time.
                let write = if part == Participation::Core && voice == Voice::Broadcaster { 0.8 } else { t.write };
                (s.rate, s.react_rate, s.p_post, s.p_post_late) = (rate * write, react * t.react, t.p_post, t.p_post);
                (s.pull, s.reply_pull, s.ack) = (t.pull * draw, t.reply_pull * draw, t.ack);
                if react == 0.0 {
                    (s.p_post, s.p_post_late, s.ack) = (0.97, 0.97, 0.0);
                }
                let mut a = srng.logistic(story.adoption_mid + lag + shift * sc, story.adoption_spread);
                if a < 0.0 {
                    // The launch crowd.
                    a = srng.f64() * 0.5 * sc;
                }
                if srng.chance(lapse) {
                    s.lapse_month = a + (2.0 + srng.exponential(6.0)) * sc;
                }
                a
            }
        };
        s.act_month = start;
        s.act_ms = month_ms(start).max(start_ms);
        s.utc_offset_min = p.location.and_then(|l| LOCATIONS.get(l as usize)).map_or(0, |l| l.utc_offset_min);
        p.joined_ms = if s.act_ms < end_ms {
            (s.act_ms - srng.range_i64(0, 7 * MS_PER_DAY)).max(start_ms)
        } else {
            // Invited, signed in once, never took part.
            srng.range_i64(start_ms, end_ms)
        };
        let cast = [ceo, launcher, comms, community];
        if !cast.contains(&(i as u32)) && srng.chance(0.035) {
            p.deactivated = true;
            let from = bounds[(4usize).min(months as usize - 1)];
            s.leave_ms = srng.range_i64(from, end_ms).max(p.joined_ms + MS_PER_DAY);
        }
    }
    // ---- Bots ---------------------------------------------------------------------------
    for (b, &(name, handle, _, _, _)) in BOTS.iter().enumerate() {
        people.push(DemoPerson {
            id: format!("b{:02}", b + 1),
            handle: handle.to_string(),
            name: name.to_string(),
            email: None,
            title: None,
            department: None,
            location: None,
            leader: false,
            bot: true,
            deactivated: false,
            joined_ms: start_ms,
            participation: Participation::Bot,
        });
    }

    // ---- Spaces -------------------------------------------------------------------------
    let mut crng = rng.fork(3);
    let humans: Vec<u32> = (0..n as u32).collect();
    let mut spaces: Vec<DemoSpace> = Vec::new();
    let mut add_space = |name: &str, kind: SpaceKind, purpose: &str, members: Vec<u32>| -> u32 {
        let i = spaces.len() as u32;
        spaces.push(DemoSpace {
            id: format!("s{:03}", i + 1),
            name: name.to_string(),
            kind,
            purpose: purpose.to_string(),
            members,
            created_ms: start_ms,
        });
        i
    };
    let general = add_space("general", SpaceKind::Channel, "Company-wide news and conversation", humans.clone());
    let random = add_space("random", SpaceKind::Channel, "Anything and everything", humans.clone());
    let announcements = add_space(
        "announcements",
        SpaceKind::Channel,
        "Updates from the leadership team; reply in threads",
        humans.clone(),
    );
    let news = add_space(
        "company-news",
        SpaceKind::Channel,
        "News and weekly digests from Internal Communications",
        humans.clone(),
    );
    let dept_space: Vec<u32> = DEPARTMENTS
        .iter()
        .enumerate()
        .map(|(d, dept)| {
            add_space(dept.slug, SpaceKind::Channel, &format!("The {} team", dept.name), members_of_dept[d].clone())
        })
        .collect();
    // Interests: everyone follows one to three cross-functional channels.
    let interest_weights: Vec<u32> = INTEREST_CHANNELS.iter().map(|c| c.2).collect();
    let mut interests_of: Vec<Vec<u8>> = vec![Vec::new(); n];
    let mut interest_members: Vec<Vec<u32>> = vec![Vec::new(); INTEREST_CHANNELS.len()];
    for i in 0..n {
        let k = match people[i].participation {
            Participation::Core => 3,
            Participation::Contributor => 2,
            _ => 1 + crng.below(2),
        };
        for _ in 0..k {
            let c = crng.weighted(&interest_weights) as u8;
            if !interests_of[i].contains(&c) {
                interests_of[i].push(c);
            }
        }
        if people[i].leader && crng.chance(0.6) {
            let c = INTEREST_CHANNELS.iter().position(|c| c.0 == "social-leadership").unwrap_or(0) as u8;
            if !interests_of[i].contains(&c) {
                interests_of[i].push(c);
            }
        }
        for &c in &interests_of[i] {
            interest_members[c as usize].push(i as u32);
        }
    }
    let interest_space: Vec<u32> = INTEREST_CHANNELS
        .iter()
        .enumerate()
        .map(|(c, &(name, purpose, _))| add_space(name, SpaceKind::Channel, purpose, interest_members[c].clone()))
        .collect();
    // Private channels.
    let leaders: Vec<u32> = humans.iter().copied().filter(|&i| people[i as usize].leader).collect();
    let dept_idx = |slug: &str| DEPARTMENTS.iter().position(|d| d.slug == slug).unwrap_or(0);
    let first_of = |d: usize, k: usize| members_of_dept[d].iter().copied().take(k).collect::<Vec<u32>>();
    let talkers: Vec<u32> = humans.iter().copied().filter(|&i| sims[i as usize].rate > 0.0).collect();
    let mut private_members: Vec<Vec<u32>> = Vec::new();
    for &(name, _) in PRIVATE_CHANNELS {
        let mut m: Vec<u32> = match name {
            "leadership-team" => leaders.clone(),
            "exec-offsite" => tops.iter().copied().chain(first_of(EXEC_DEPT, 3)).collect(),
            "hiring-committee" => tops.iter().copied().chain(first_of(dept_idx("people-and-culture"), 6)).collect(),
            "finance-close" => first_of(dept_idx("finance"), 14),
            "security-incidents" => {
                first_of(dept_idx("it"), 10).into_iter().chain(first_of(dept_idx("engineering"), 6)).collect()
            }
            // The programme: the department heads and the champions who write most.
            _ => tops
                .iter()
                .copied()
                .chain(humans.iter().copied().filter(|&i| people[i as usize].participation == Participation::Core))
                .collect(),
        };
        m.sort_unstable();
        m.dedup();
        private_members.push(m);
    }
    let private_space: Vec<u32> = PRIVATE_CHANNELS
        .iter()
        .zip(private_members.iter())
        .map(|(&(name, purpose), m)| add_space(name, SpaceKind::PrivateChannel, purpose, m.clone()))
        .collect();
    // Direct conversations between people who write.
    let dm_count = if n >= 2 { (n / 40).clamp(12, 400) } else { 0 };
    let pool: &[u32] = if talkers.len() >= 2 { &talkers } else { &humans };
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut seen_pairs = std::collections::HashSet::new();
    for _ in 0..dm_count * 4 {
        if pairs.len() >= dm_count || pool.len() < 2 {
            break;
        }
        let Some(&a) = crng.pick(pool) else { break };
        let d = dept_of[a as usize];
        let b = if crng.chance(0.6) && members_of_dept[d].len() > 1 {
            crng.pick(&members_of_dept[d]).copied().unwrap_or(a)
        } else {
            crng.pick(pool).copied().unwrap_or(a)
        };
        if a == b || !seen_pairs.insert((a.min(b), a.max(b))) {
            continue;
        }
        pairs.push((a.min(b), a.max(b)));
    }
    let mut dm_spaces: Vec<(u32, f64)> = Vec::new();
    for &(a, b) in &pairs {
        let name = format!("{}, {}", people[a as usize].handle, people[b as usize].handle);
        let s = add_space(&name, SpaceKind::Direct, "", vec![a, b]);
        dm_spaces.push((s, 6.0 * crng.pareto(2.0)));
    }
    // Bots are members of the channels they post in.
    let bot_space: Vec<u32> = BOTS
        .iter()
        .map(|&(_, _, slug, _, _)| spaces.iter().position(|s| s.name == slug).map_or(general, |i| i as u32))
        .collect();
    for (b, &s) in bot_space.iter().enumerate() {
        spaces[s as usize].members.push((n + b) as u32);
    }
    for s in &mut spaces {
        s.members.sort_unstable();
        s.members.dedup();
    }

    // Where each person takes part.
    let social = INTEREST_CHANNELS.iter().position(|c| c.0 == "social-leadership");
    let wins = INTEREST_CHANNELS.iter().position(|c| c.0 == "wins");
    let ask = INTEREST_CHANNELS.iter().position(|c| c.0 == "ask-anything");
    for i in 0..n {
        let p = &people[i];
        let mut home: Vec<Home> = Vec::new();
        let mut add = |space: u32, weight: f32, class: u8, post_ok: bool| {
            home.push(Home { space, weight, class, post_ok });
        };
        if let Some(d) = p.department {
            add(dept_space[d as usize], 40.0, story::DEPT, true);
        }
        add(general, 8.0, story::GENERAL, true);
        add(random, 5.0, story::RANDOM, true);
        // The sponsor posts most of their news where everyone reads it.
        let lead = if i as u32 == ceo {
            60.0
        } else if p.leader {
            10.0
        } else {
            8.0
        };
        add(announcements, lead, story::ANNOUNCE, p.leader);
        // Everyone can read the news feed; few answer it.
        if i as u32 == comms {
            add(news, 600.0, story::ANNOUNCE, true);
        } else {
            add(news, 0.25, story::ANNOUNCE, false);
        }
        let mut interests = interests_of[i].clone();
        // Responders haunt #ask-anything; catalysts share their wins.
        let extra = match voices[i] {
            Some(Voice::Responder) => ask,
            Some(Voice::Catalyst) => wins,
            _ => None,
        };
        if let Some(c) = extra {
            if !interests.contains(&(c as u8)) {
                interests.push(c as u8);
            }
        }
        for &c in &interests {
            let w = if Some(c as usize) == social && p.leader { 20.0 } else { 14.0 };
            let class = if Some(c as usize) == wins { story::WINS } else { story::INTEREST };
            add(interest_space[c as usize], w, class, true);
        }
        for (k, m) in private_members.iter().enumerate() {
            if m.binary_search(&(i as u32)).is_ok() {
                let programme = PRIVATE_CHANNELS[k].0 == "project-clover" && !p.leader;
                add(private_space[k], if programme { 20.0 } else { 12.0 }, story::PRIVATE, true);
            }
        }
        sims[i].home = home;
    }

    // ---- Activity, month by month -------------------------------------------------------
    let mut g = Gen {
        rng: rng.fork(4),
        msgs: Vec::new(),
        hot: Vec::new(),
        answers: Vec::new(),
        reactions: Vec::new(),
        mentions: Vec::new(),
    };
    let ns = spaces.len();
    let mut cur_posts: Vec<Vec<u32>> = vec![Vec::new(); ns];
    let mut prev_posts: Vec<Vec<u32>> = vec![Vec::new(); ns];
    let mut cur_all: Vec<Vec<u32>> = vec![Vec::new(); ns];
    let scale = (n as f64 / 1600.0).max(0.05);
    let emoji_pick = |r: &mut Rng| r.weighted(words::EMOJI_WEIGHTS) as u8;
    let mut pending: Vec<(u32, u32)> = Vec::new();
    let mut wrng = rng.fork(5);
    let mut weeks: Vec<Weeks> = vec![Weeks::of_month(start_ms, 0); n];

    for m in 0..months as usize {
        let lo = bounds[m];
        let hi = bounds[m + 1].min(limit);
        if hi <= lo {
            continue;
        }
        let span = (bounds[m + 1] - lo) as f64;
        for v in cur_posts.iter_mut().chain(cur_all.iter_mut()) {
            v.clear();
        }
        // Where the story is this month.
        let month = m as f64 + 0.5;
        let culture = story.culture(month);
        let class_weights = story.class_weights(month);
        let season = story::season(civil_from_days(day_of(lo)).1);
        // More people look for unanswered posts, answer sooner, and thank whoever answered.
        let p_waiting = 0.05 + 0.85 * culture;
        let p_fast = 0.3 + 0.5 * culture;
        let p_ack = 0.03 + 0.45 * culture;
        let sponsored = month >= story.sponsor;
        // Warm-up: people take a few months to find their feet after they start, and those
        // who lapse mostly drift away.
        let window = |s: &Sim| -> Option<(i64, i64, f64)> {
            let a = lo.max(s.act_ms);
            let b = hi.min(s.leave_ms);
            (a < b).then(|| {
                let age = (month - s.act_month).max(0.0);
                let maturity = 1.0 - rng::exp(-(age + 0.25) / 1.5);
                let lapsed = if month > s.lapse_month { 0.15 } else { 1.0 };
                (a, b, (b - a) as f64 / span * maturity * lapsed * season)
            })
        };

        // The weeks each person is around this month.
        for (w, s) in weeks.iter_mut().zip(&sims) {
            let mut mask = 0u8;
            for k in 0..Weeks::SLOTS {
                if wrng.chance(s.presence) {
                    mask |= 1 << k;
                }
            }
            if mask == 0 {
                // Everyone who takes part this month is around in at least one week of it.
                mask = 1 << (1 + wrng.below(4));
            }
            *w = Weeks::of_month(lo, mask);
        }

        // Some people announce themselves by joining a channel when they start.
        for i in 0..n {
            let s = &sims[i];
            if s.act_ms >= lo && s.act_ms < hi && s.act_ms < s.leave_ms && g.rng.chance(0.3) {
                let space = interests_of[i].first().map_or(general, |&c| interest_space[c as usize]);
                let t = s.act_ms + g.rng.range_i64(0, MS_PER_MIN);
                g.push(DemoMessage { time_ms: t, space, author: i as u32, parent: NONE, kind: DemoKind::Join }, 0.0);
            }
        }

        // Bots keep their schedules from day one.
        for (b, &(_, handle, _, per_day, scaled)) in BOTS.iter().enumerate() {
            let lambda = if handle == "birthday-bot" {
                n as f64 / 261.0
            } else if scaled {
                per_day * scale
            } else {
                per_day
            };
            let space = bot_space[b];
            for day in day_of(lo)..=day_of(hi - 1) {
                if (day + 3).rem_euclid(7) >= 5 {
                    continue;
                }
                for _ in 0..g.rng.poisson(lambda) {
                    let t = day * MS_PER_DAY + 6 * MS_PER_HOUR + g.rng.range_i64(0, 12 * MS_PER_HOUR);
                    if t < lo || t >= hi {
                        continue;
                    }
                    let author = (n + b) as u32;
                    let row =
                        g.push(DemoMessage { time_ms: t, space, author, parent: NONE, kind: DemoKind::Post }, 0.3);
                    cur_posts[space as usize].push(row);
                    cur_all[space as usize].push(row);
                    if handle == "birthday-bot" && n > 0 {
                        let who = g.rng.below(n);
                        if sims[who].act_ms <= t && t < sims[who].leave_ms {
                            g.mentions.push((row, who as u32));
                        }
                    }
                }
            }
        }

        // The launch: some say hello in the first weeks and are never heard from again.
        if m == 0 {
            let hello =
                INTEREST_CHANNELS.iter().position(|c| c.0 == "new-joiners").map_or(general, |c| interest_space[c]);
            let b = hi.min(lo + 21 * MS_PER_DAY);
            for (i, s) in sims.iter().enumerate() {
                if s.tryer && s.leave_ms > b {
                    let t = g.work_time(lo, b, s.utc_offset_min);
                    let space = if g.rng.chance(0.5) { hello } else { general };
                    // Colleagues welcome them with a reaction or two.
                    let hot = 1.5 * g.rng.pareto(1.6);
                    let row = g.push(
                        DemoMessage { time_ms: t, space, author: i as u32, parent: NONE, kind: DemoKind::Post },
                        hot,
                    );
                    cur_posts[space as usize].push(row);
                    cur_all[space as usize].push(row);
                }
            }
        }

        // People start threads; replies wait until every post of the month exists.
        pending.clear();
        for (i, s) in sims.iter().enumerate() {
            if s.rate <= 0.0 {
                continue;
            }
            let Some((a, b, weight)) = window(s) else { continue };
            // Leaders hold back until the sponsor shows the way; everyone else writes more
            // as the culture opens up.
            let lift = if s.leader {
                if sponsored {
                    1.0
                } else {
                    0.3
                }
            } else {
                0.55 + 0.45 * culture
            };
            let k = g.rng.poisson(s.rate * weight * lift);
            let p_post = s.p_post + (s.p_post_late - s.p_post) * culture;
            let mut replies = 0u32;
            for _ in 0..k {
                if !g.rng.chance(p_post) {
                    replies += 1;
                    continue;
                }
                let Some(space) = pick_home(&mut g.rng, &s.home, &class_weights, true) else { continue };
                let t = g.work_time_in(a, b, s.utc_offset_min, weeks[i]);
                let hot = g.rng.pareto(1.6) * s.pull;
                let row = g
                    .push(DemoMessage { time_ms: t, space, author: i as u32, parent: NONE, kind: DemoKind::Post }, hot);
                cur_posts[space as usize].push(row);
                cur_all[space as usize].push(row);
                if g.rng.chance(0.12) {
                    if let Some(&who) = g.rng.pick(&spaces[space as usize].members) {
                        if who != i as u32 && (who as usize) < n {
                            g.mentions.push((row, who));
                        }
                    }
                }
            }
            if replies > 0 {
                pending.push((i as u32, replies));
            }
        }

        // Direct conversations.
        for &(space, rate) in &dm_spaces {
            let members = &spaces[space as usize].members;
            let (Some(&x), Some(&y)) = (members.first(), members.last()) else { continue };
            let (sx, sy) = (&sims[x as usize], &sims[y as usize]);
            let a = lo.max(sx.act_ms).max(sy.act_ms);
            let b = hi.min(sx.leave_ms).min(sy.leave_ms);
            if a >= b {
                continue;
            }
            let k = g.rng.poisson(rate * (b - a) as f64 / span);
            for _ in 0..k {
                let (author, other) = if g.rng.chance(0.5) { (x, y) } else { (y, x) };
                let offset = sims[author as usize].utc_offset_min;
                let last = cur_posts[space as usize].last().copied();
                let row = match last {
                    Some(parent) if g.rng.chance(0.15) => {
                        let pt = g.msgs[parent as usize].time_ms;
                        let t = (pt + MS_PER_MIN + g.rng.exponential(20.0 * MS_PER_MIN as f64) as i64).max(a);
                        if t >= b {
                            continue;
                        }
                        g.push(DemoMessage { time_ms: t, space, author, parent, kind: DemoKind::Reply }, 0.1)
                    }
                    _ => {
                        let t = g.work_time(a, b, offset);
                        let row =
                            g.push(DemoMessage { time_ms: t, space, author, parent: NONE, kind: DemoKind::Post }, 0.1);
                        cur_posts[space as usize].push(row);
                        row
                    }
                };
                if g.rng.chance(0.08) {
                    let t = (g.msgs[row as usize].time_ms + g.rng.exponential(MS_PER_HOUR as f64) as i64 + 5000)
                        .min(end_ms - 1);
                    let emoji = emoji_pick(&mut g.rng);
                    g.reactions.push(DemoReaction { message: row, person: other, emoji, time_ms: t });
                }
            }
        }

        // Replies: to this month's or last month's posts where the person takes part.
        for &(p, k) in &pending {
            let s = &sims[p as usize];
            let Some((a, b, _)) = window(s) else { continue };
            let b = b.min(limit - MS_PER_HOUR).max(a);
            for _ in 0..k {
                let space = pick_home(&mut g.rng, &s.home, &class_weights, false).unwrap_or(general);
                let mut space = space;
                if cur_posts[space as usize].is_empty() && prev_posts[space as usize].is_empty() {
                    space = general;
                }
                let waiting = g.rng.chance(p_waiting);
                let rounds = if waiting { 5 } else { 3 };
                let parent = g.tournament(&cur_posts[space as usize], &prev_posts[space as usize], rounds, waiting, p);
                let reply_time = parent.and_then(|parent| {
                    let pt = g.msgs[parent as usize].time_ms;
                    let delay = if g.rng.chance(p_fast) {
                        g.rng.exponential(45.0 * MS_PER_MIN as f64)
                    } else {
                        g.rng.exponential(18.0 * MS_PER_HOUR as f64)
                    } as i64
                        + 30_000;
                    let from = a.max(pt + 1000);
                    let mut t = pt + delay;
                    if t < from {
                        // Catching up on an older post: some working hour of the next days.
                        t = g.work_time(from, b.min(from + 2 * MS_PER_DAY), s.utc_offset_min);
                    }
                    if t < b {
                        t = g.when_around(t, from, b, s.utc_offset_min, weeks[p as usize]);
                    }
                    if t >= b {
                        if b - 1000 <= from {
                            return None;
                        }
                        t = g.rng.range_i64(from, b);
                    }
                    Some((parent, t))
                });
                match reply_time {
                    Some((parent, t)) => {
                        let parent_author = g.msgs[parent as usize].author;
                        let hot = g.rng.pareto(2.0) * s.reply_pull;
                        let row =
                            g.push(DemoMessage { time_ms: t, space, author: p, parent, kind: DemoKind::Reply }, hot);
                        cur_all[space as usize].push(row);
                        let answers = &mut g.answers[parent as usize];
                        *answers = answers.saturating_add(1);
                        if (parent_author as usize) < n {
                            if g.rng.chance(0.25) {
                                g.mentions.push((row, parent_author));
                            }
                            // The author thanks whoever answered.
                            let author = &sims[parent_author as usize];
                            if g.rng.chance(p_ack * author.ack) {
                                let at = t + MS_PER_MIN + g.rng.exponential(3.0 * MS_PER_HOUR as f64) as i64;
                                if at >= author.act_ms && at < author.leave_ms.min(end_ms - 1) {
                                    let emoji = emoji_pick(&mut g.rng);
                                    g.reactions.push(DemoReaction {
                                        message: row,
                                        person: parent_author,
                                        emoji,
                                        time_ms: at,
                                    });
                                }
                            }
                        }
                    }
                    None => {
                        // Nothing to answer: start a thread instead.
                        let Some(space) = pick_home(&mut g.rng, &s.home, &class_weights, true) else { continue };
                        let t = g.work_time_in(a, b, s.utc_offset_min, weeks[p as usize]);
                        let hot = g.rng.pareto(1.6) * s.pull;
                        let row = g.push(
                            DemoMessage { time_ms: t, space, author: p, parent: NONE, kind: DemoKind::Post },
                            hot,
                        );
                        cur_posts[space as usize].push(row);
                        cur_all[space as usize].push(row);
                    }
                }
            }
        }

        // Reactions: the light touch most people give.
        for (i, s) in sims.iter().enumerate() {
            if s.react_rate <= 0.0 {
                continue;
            }
            let Some((a, b, weight)) = window(s) else { continue };
            let k = g.rng.poisson(s.react_rate * weight * (0.5 + 0.5 * culture));
            for _ in 0..k {
                let mut space = pick_home(&mut g.rng, &s.home, &class_weights, false).unwrap_or(general);
                if cur_all[space as usize].is_empty() {
                    space = general;
                }
                let Some(msg) = g.tournament(&cur_all[space as usize], &[], 4, false, i as u32) else { continue };
                let mm = g.msgs[msg as usize];
                let from = a.max(mm.time_ms + 5000);
                let upper = b.min(end_ms - 1);
                let mut t = mm.time_ms + 5000 + g.rng.exponential(2.0 * MS_PER_HOUR as f64) as i64;
                if t < from {
                    t = from + g.rng.exponential(MS_PER_HOUR as f64) as i64;
                }
                if t < upper {
                    t = g.when_around(t, from, upper, s.utc_offset_min, weeks[i]);
                }
                if t >= upper {
                    if upper <= from {
                        continue;
                    }
                    t = g.rng.range_i64(from, upper);
                }
                let emoji = emoji_pick(&mut g.rng);
                g.reactions.push(DemoReaction { message: msg, person: i as u32, emoji, time_ms: t });
            }
        }

        std::mem::swap(&mut prev_posts, &mut cur_posts);
    }

    // ---- Freeze: sort by time, make times unique, remap ----------------------------------
    let Gen { msgs, mut reactions, mut mentions, .. } = g;
    let mut order: Vec<u32> = (0..msgs.len() as u32).collect();
    order.sort_unstable_by_key(|&i| (msgs[i as usize].time_ms, i));
    let mut new_of = vec![0u32; msgs.len()];
    for (new, &old) in order.iter().enumerate() {
        new_of[old as usize] = new as u32;
    }
    let mut messages: Vec<DemoMessage> = Vec::with_capacity(msgs.len());
    let mut last = i64::MIN;
    for &old in &order {
        let mut m = msgs[old as usize];
        if m.time_ms <= last {
            m.time_ms = last + 1;
        }
        last = m.time_ms;
        if m.parent != NONE {
            m.parent = new_of[m.parent as usize];
        }
        messages.push(m);
    }
    drop(msgs);
    drop(order);
    for r in &mut reactions {
        r.message = new_of[r.message as usize];
        r.time_ms = r.time_ms.max(messages[r.message as usize].time_ms + 1000).min(end_ms - 1);
    }
    reactions.sort_unstable_by_key(|r| (r.message, r.person, r.emoji, r.time_ms));
    reactions.dedup_by_key(|r| (r.message, r.person, r.emoji));
    for mt in &mut mentions {
        mt.0 = new_of[mt.0 as usize];
    }
    mentions.sort_unstable();
    mentions.dedup();
    let offsets = |keys: &mut dyn Iterator<Item = u32>| -> Vec<u32> {
        let mut start = vec![0u32; messages.len() + 1];
        for k in keys {
            start[k as usize + 1] += 1;
        }
        for i in 0..messages.len() {
            start[i + 1] += start[i];
        }
        start
    };
    let reaction_start = offsets(&mut reactions.iter().map(|r| r.message));
    let mention_start = offsets(&mut mentions.iter().map(|m| m.0));

    DemoOrg {
        options: DemoOptions { months, ..opts.clone() },
        name: words::ORG_NAME.to_string(),
        email_domain: words::EMAIL_DOMAIN.to_string(),
        departments: DEPARTMENTS.iter().map(|d| d.name.to_string()).collect(),
        locations: LOCATIONS.iter().map(|l| l.name.to_string()).collect(),
        headcount: (n as u64 * 5).div_ceil(4).max(n as u64 + 1),
        people,
        spaces,
        messages,
        reactions,
        mentions,
        start_ms,
        end_ms,
        reaction_start,
        mention_start,
    }
}
