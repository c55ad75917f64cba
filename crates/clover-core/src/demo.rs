//! The demo organisation: a deterministic, believable company whose collaboration data
//! can be written as Clover JSON, a Slack export ZIP, a Mattermost bulk export, a roster CSV
//! and the activity reports its admins would download (`demo/reports.rs`), so that every
//! part of Clover can be tried without real data.
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
//!
//! [`generate`] makes it in steps, one module each, in this order: `demo/people.rs` (members,
//! departments, leaders; then the bots), `demo/behaviour.rs` (who takes part, when and how),
//! `demo/spaces.rs` (channels, private channels, direct conversations, and where each person
//! takes part), `demo/activity.rs` (the months of posts, replies, reactions and mentions) and
//! `demo/freeze.rs` (sorted by time, times made unique). Each step draws from a generator of
//! its own, forked from the seed in that order, so that changing one step leaves the others'
//! draws alone.

mod activity;
mod behaviour;
mod freeze;
mod people;
mod reports;
mod rng;
mod spaces;
mod story;
mod words;
mod write;

pub use reports::write_reports;
pub use words::EMOJI;
pub use write::{write_clover, write_mattermost, write_roster_csv, write_slack_zip};

use crate::civil::{civil_from_days, day_of, days_from_civil, MS_PER_DAY};
use crate::model::SpaceKind;
use rng::Rng;
use story::Story;
use words::{DEPARTMENTS, LOCATIONS};

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

/// The period, month by month.
struct Calendar {
    months: u32,
    /// The first instant of each month, then the period's end (`months + 1` of them).
    bounds: Vec<i64>,
    start_ms: i64,
    end_ms: i64,
    /// Nothing is generated in the period's last minute, so making times unique never
    /// pushes one past the end.
    limit: i64,
}

impl Calendar {
    fn new(opts: &DemoOptions) -> Calendar {
        let months = opts.months.max(1);
        let bounds: Vec<i64> = (0..=months).map(|i| add_months(opts.start, i) * MS_PER_DAY).collect();
        let start_ms = bounds[0];
        let end_ms = bounds[months as usize];
        Calendar { months, bounds, start_ms, end_ms, limit: end_ms - MS_PER_MIN }
    }

    /// The time `a` months into the period (a fraction is that share of the month), far
    /// beyond the end from the period's length on.
    fn month_ms(&self, a: f64) -> i64 {
        let (months, bounds) = (self.months, &self.bounds);
        if a >= months as f64 {
            return i64::MAX / 4;
        }
        let a = a.max(0.0);
        let i = a as usize;
        bounds[i] + ((bounds[i + 1] - bounds[i]) as f64 * (a - i as f64)) as i64
    }
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
    /// How they write, for those who write (see [`behaviour::Voice`]).
    voice: Option<behaviour::Voice>,
}

/// Generates the organisation. Deterministic: the same options give the same result.
pub fn generate(opts: &DemoOptions) -> DemoOrg {
    let cal = Calendar::new(opts);
    let n = opts.people;
    // One generator per step, forked in this order.
    let mut rng = Rng::new(opts.seed);
    let (mut prng, mut srng, mut crng, grng, wrng) = (rng.fork(1), rng.fork(2), rng.fork(3), rng.fork(4), rng.fork(5));

    let mut staff = people::people(n, cal.start_ms, &mut prng);
    let story = Story::new(cal.months);
    let (mut sims, cast) = behaviour::behaviour(&mut staff, &story, &cal, &mut srng);
    people::add_bots(&mut staff.people, cal.start_ms);
    let sp = spaces::spaces(n, &staff, &sims, cal.start_ms, &mut crng);
    spaces::homes(&sp, &staff, &cast, &mut sims);
    let made = activity::simulate(&cal, &story, &sims, &sp, grng, wrng);
    let f = freeze::freeze(made, cal.end_ms);

    DemoOrg {
        options: DemoOptions { months: cal.months, ..opts.clone() },
        name: words::ORG_NAME.to_string(),
        email_domain: words::EMAIL_DOMAIN.to_string(),
        departments: DEPARTMENTS.iter().map(|d| d.name.to_string()).collect(),
        locations: LOCATIONS.iter().map(|l| l.name.to_string()).collect(),
        headcount: (n as u64 * 5).div_ceil(4).max(n as u64 + 1),
        people: staff.people,
        spaces: sp.spaces,
        messages: f.messages,
        reactions: f.reactions,
        mentions: f.mentions,
        start_ms: cal.start_ms,
        end_ms: cal.end_ms,
        reaction_start: f.reaction_start,
        mention_start: f.mention_start,
    }
}
