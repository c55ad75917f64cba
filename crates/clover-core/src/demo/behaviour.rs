//! The demo's second step: how each member behaves. The cast of the launch (the CIO who
//! brought the platform in, internal communications, a community manager) and the executive
//! sponsor; leaders in fixed shares of styles; everyone else an observer or a writer in one of
//! the [`TIERS`], with a [`Voice`]. Each gets a start (from the story's S-shaped adoption and
//! their department's readiness), rates, a presence, perhaps a lapse, and a few leave.

use super::people::Staff;
use super::rng::Rng;
use super::story::{self, Story};
use super::words::{DEPARTMENTS, LOCATIONS};
use super::{Calendar, DemoPerson, Participation, Sim, MS_PER_DAY, NONE};

/// How a writer tends to take part: what they write and how others answer it. The persona
/// the analysis gives them comes from what actually happened, not from this.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Voice {
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

/// Styles in fixed shares (two in ten very active, two silent), in the shuffled order.
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

/// The few who write most take every voice in turn, so every persona shows at the top.
const CORE_VOICES: [Voice; 6] =
    [Voice::Engager, Voice::Responder, Voice::Catalyst, Voice::Engager, Voice::Broadcaster, Voice::Responder];

/// The people the story gives a part of their own ([`NONE`] when the organisation is too
/// small to have them).
pub(super) struct Cast {
    /// The executive sponsor, who joins a few months in.
    pub(super) ceo: u32,
    /// The CIO, who brought the platform in and announces it.
    pub(super) launcher: u32,
    /// Internal communications (in Marketing): posts the news.
    pub(super) comms: u32,
    /// The community manager (in People & Culture): answers questions, welcomes people.
    pub(super) community: u32,
}

impl Cast {
    fn of(staff: &Staff) -> Cast {
        let (people, members_of_dept) = (&staff.people, &staff.members_of_dept);
        // The CIO brought the platform in; a community manager in People & Culture runs it.
        let top_of = |slug: &str| {
            DEPARTMENTS.iter().position(|d| d.slug == slug).and_then(|d| members_of_dept[d].first().copied())
        };
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
        Cast { ceo: staff.ceo, launcher, comms, community }
    }
}

/// How every member behaves (bots have no [`Sim`]); sets their participation, join date and
/// deactivation on the way.
pub(super) fn behaviour(staff: &mut Staff, story: &Story, cal: &Calendar, srng: &mut Rng) -> (Vec<Sim>, Cast) {
    let n = staff.dept_of.len();
    let (start_ms, end_ms) = (cal.start_ms, cal.end_ms);
    let cast = Cast::of(staff);
    let mut sims: Vec<Sim> = vec![Sim::default(); n];
    let mut seen = Seen::default();
    for (i, s) in sims.iter_mut().enumerate() {
        let p = &mut staff.people[i];
        s.lapse_month = f64::INFINITY;
        s.leave_ms = i64::MAX / 4;
        s.leader = p.leader;
        s.ack = 1.0;
        s.presence = 0.5;
        let start = take_part(i as u32, p, s, &cast, story, &mut seen, srng);
        s.act_month = start;
        s.act_ms = cal.month_ms(start).max(start_ms);
        s.utc_offset_min = p.location.and_then(|l| LOCATIONS.get(l as usize)).map_or(0, |l| l.utc_offset_min);
        p.joined_ms = if s.act_ms < end_ms {
            (s.act_ms - srng.range_i64(0, 7 * MS_PER_DAY)).max(start_ms)
        } else {
            // Invited, signed in once, never took part.
            srng.range_i64(start_ms, end_ms)
        };
        let cast = [cast.ceo, cast.launcher, cast.comms, cast.community];
        if !cast.contains(&(i as u32)) && srng.chance(0.035) {
            p.deactivated = true;
            let from = cal.bounds[(4usize).min(cal.months as usize - 1)];
            s.leave_ms = srng.range_i64(from, end_ms).max(p.joined_ms + MS_PER_DAY);
        }
    }
    (sims, cast)
}

/// How many leaders and core writers have had their style or voice so far.
#[derive(Default)]
struct Seen {
    leaders: usize,
    core: usize,
}

/// Person `i`'s part: sets how they take part and returns the month (a fraction) they start
/// (infinite: never).
fn take_part(
    i: u32,
    p: &mut DemoPerson,
    s: &mut Sim,
    cast: &Cast,
    story: &Story,
    seen: &mut Seen,
    srng: &mut Rng,
) -> f64 {
    let d = p.department.map_or(0, |d| d as usize);
    let (lag, mult) = story::readiness(DEPARTMENTS[d].slug, story.months);
    if i == cast.ceo {
        // The executive sponsor joins a few months in and works out loud: news and
        // thanks that the whole company reads and answers, and answers to staff.
        p.participation = Participation::Core;
        (s.rate, s.react_rate, s.p_post, s.p_post_late) = (16.0, 4.0, 0.6, 0.45);
        (s.pull, s.reply_pull, s.presence, s.ack) = (8.0, 1.5, 0.85, 0.3);
        story.sponsor
    } else if i == cast.launcher {
        // Announces the platform and posts the odd update before anyone senior joins.
        p.participation = Participation::Contributor;
        (s.rate, s.react_rate, s.p_post, s.p_post_late) = (7.0, 6.0, 0.9, 0.4);
        (s.pull, s.reply_pull, s.presence) = (1.5, 1.0, 0.6);
        0.05 * story.months
    } else if i == cast.comms || i == cast.community {
        let voice = if i == cast.comms { Voice::Broadcaster } else { Voice::Responder };
        s.voice = Some(voice);
        let t = voice.traits();
        p.participation = Participation::Core;
        let rate = if voice == Voice::Broadcaster { 60.0 } else { 50.0 };
        (s.rate, s.react_rate, s.p_post, s.p_post_late) = (rate, 40.0 * t.react, t.p_post, t.p_post);
        (s.pull, s.reply_pull, s.ack, s.presence) = (t.pull, t.reply_pull, t.ack, 0.8);
        0.03 * story.months
    } else if p.leader {
        seen.leaders += 1;
        let style = LEADER_STYLES[(seen.leaders - 1) % LEADER_STYLES.len()];
        leader(style, p, s, story, lag, srng)
    } else {
        member(p, s, story, lag, mult, seen, srng)
    }
}

/// A leader other than the cast, in their `style`.
fn leader(style: Style, p: &mut DemoPerson, s: &mut Sim, story: &Story, lag: f64, srng: &mut Rng) -> f64 {
    let sc = story.months / 18.0;
    let (rate, react, part, presence) = match style {
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
}

/// A member who leads nobody: an observer, or a writer of a tier with a voice.
fn member(p: &mut DemoPerson, s: &mut Sim, story: &Story, lag: f64, mult: f64, seen: &mut Seen, srng: &mut Rng) -> f64 {
    let sc = story.months / 18.0;
    let p_any = (0.38 * mult).min(0.85);
    let u = srng.f64();
    if u >= p_any {
        // Reads, if anything: an observer throughout, after a hello in the launch
        // weeks for some.
        p.participation = Participation::Reader;
        s.tryer = srng.chance(0.06 * mult);
        return f64::INFINITY;
    }
    let v = u / p_any;
    let tier = TIERS.iter().find(|t| v < t.upto).unwrap_or(&TIERS[TIERS.len() - 1]);
    let part = tier.participation;
    let rate = tier.write * srng.lognormal(tier.write_spread);
    let react = tier.react * srng.lognormal(tier.react_spread);
    let (shift, lapse, draw) = (tier.shift, tier.lapse, tier.draw);
    s.presence = tier.presence;
    let voice = if part == Participation::Core {
        seen.core += 1;
        CORE_VOICES[(seen.core - 1) % CORE_VOICES.len()]
    } else {
        [Voice::Engager, Voice::Catalyst, Voice::Responder, Voice::Broadcaster][srng.weighted(&[27, 30, 28, 15])]
    };
    s.voice = Some(voice);
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
