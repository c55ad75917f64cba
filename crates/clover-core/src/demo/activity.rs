//! The demo's fourth step: the months of activity. Each month, in this order: the weeks each
//! person is around, channel joins of those who start, the bots' schedules, the launch's
//! hellos (first month only), the posts that start threads, direct conversations, the
//! replies (to this month's or last month's posts; someone waiting for an answer draws
//! those who look for one) and the reactions, with mentions and thanks along the way.
//! Everything is drawn from two generators (messages, weeks) in that order, so the same
//! options give the same messages.

use super::rng::{self, Rng};
use super::spaces::Spaces;
use super::story::{self, Story};
use super::words::{self, BOTS, INTEREST_CHANNELS};
use super::{Calendar, DemoKind, DemoMessage, DemoReaction, Home, Sim, MS_PER_DAY, MS_PER_HOUR, MS_PER_MIN, NONE};
use crate::civil::{civil_from_days, day_of};

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

/// What the months make: messages in the order made, with how much each draws a response
/// (`hot`) and how many answers it has had, and the reactions and mentions.
pub(super) struct Gen {
    rng: Rng,
    pub(super) msgs: Vec<DemoMessage>,
    hot: Vec<f32>,
    /// Replies by others each post has had so far (saturating).
    answers: Vec<u8>,
    pub(super) reactions: Vec<DemoReaction>,
    pub(super) mentions: Vec<(u32, u32)>,
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

fn emoji_pick(r: &mut Rng) -> u8 {
    r.weighted(words::EMOJI_WEIGHTS) as u8
}

/// What replies and reactions can go to, per space: this month's posts, last month's posts,
/// and this month's posts and replies.
struct Threads {
    cur_posts: Vec<Vec<u32>>,
    prev_posts: Vec<Vec<u32>>,
    cur_all: Vec<Vec<u32>>,
}

/// A month of the period and where the story is in it.
#[derive(Clone, Copy)]
struct Month {
    /// The month's first instant, and its end (before the period's last minute).
    lo: i64,
    hi: i64,
    /// Its length.
    span: f64,
    /// Its middle, in months from the start.
    month: f64,
    culture: f64,
    class_weights: [f64; story::CLASSES],
    season: f64,
    /// More people look for unanswered posts, answer sooner, and thank whoever answered.
    p_waiting: f64,
    p_fast: f64,
    p_ack: f64,
    /// The sponsor has joined: leaders write.
    sponsored: bool,
    /// Nothing after this (the period's last minute), nothing at or after `end_ms`.
    limit: i64,
    end_ms: i64,
}

impl Month {
    /// Month `m`, unless it is empty.
    fn new(m: usize, cal: &Calendar, story: &Story) -> Option<Month> {
        let lo = cal.bounds[m];
        let hi = cal.bounds[m + 1].min(cal.limit);
        if hi <= lo {
            return None;
        }
        let span = (cal.bounds[m + 1] - lo) as f64;
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
        Some(Month {
            lo,
            hi,
            span,
            month,
            culture,
            class_weights,
            season,
            p_waiting,
            p_fast,
            p_ack,
            sponsored,
            limit: cal.limit,
            end_ms: cal.end_ms,
        })
    }

    /// When a person can take part this month, and how much (the share of the month, their
    /// warm-up, a lapse, the season). Warm-up: people take a few months to find their feet
    /// after they start, and those who lapse mostly drift away.
    fn window(&self, s: &Sim) -> Option<(i64, i64, f64)> {
        let Month { lo, hi, span, month, season, .. } = *self;
        let a = lo.max(s.act_ms);
        let b = hi.min(s.leave_ms);
        (a < b).then(|| {
            let age = (month - s.act_month).max(0.0);
            let maturity = 1.0 - rng::exp(-(age + 0.25) / 1.5);
            let lapsed = if month > s.lapse_month { 0.15 } else { 1.0 };
            (a, b, (b - a) as f64 / span * maturity * lapsed * season)
        })
    }
}

/// Every month's activity by the members (`sims`) and the bots, in the spaces.
pub(super) fn simulate(cal: &Calendar, story: &Story, sims: &[Sim], sp: &Spaces, grng: Rng, mut wrng: Rng) -> Gen {
    let mut g = Gen {
        rng: grng,
        msgs: Vec::new(),
        hot: Vec::new(),
        answers: Vec::new(),
        reactions: Vec::new(),
        mentions: Vec::new(),
    };
    let ns = sp.spaces.len();
    let mut th =
        Threads { cur_posts: vec![Vec::new(); ns], prev_posts: vec![Vec::new(); ns], cur_all: vec![Vec::new(); ns] };
    for m in 0..cal.months as usize {
        let Some(mo) = Month::new(m, cal, story) else { continue };
        for v in th.cur_posts.iter_mut().chain(th.cur_all.iter_mut()) {
            v.clear();
        }
        let weeks = weeks_around(&mut wrng, sims, mo.lo);
        joins(&mut g, sims, sp, &mo);
        bot_posts(&mut g, sims, sp, &mut th, &mo);
        if m == 0 {
            launch(&mut g, sims, sp, &mut th, &mo);
        }
        let pending = threads(&mut g, sims, sp, &mut th, &mo, &weeks);
        direct(&mut g, sims, sp, &mut th, &mo);
        replies(&mut g, sims, sp, &mut th, &mo, &weeks, &pending);
        reactions(&mut g, sims, sp, &th, &mo, &weeks);
        std::mem::swap(&mut th.prev_posts, &mut th.cur_posts);
    }
    g
}

/// The weeks each person is around this month: everyone who takes part this month is around
/// in at least one week of it.
fn weeks_around(wrng: &mut Rng, sims: &[Sim], lo: i64) -> Vec<Weeks> {
    let mut weeks: Vec<Weeks> = vec![Weeks::of_month(lo, 0); sims.len()];
    for (w, s) in weeks.iter_mut().zip(sims) {
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
    weeks
}

/// Some people announce themselves by joining a channel when they start.
fn joins(g: &mut Gen, sims: &[Sim], sp: &Spaces, mo: &Month) {
    let (n, general, interests_of, interest_space) = (sims.len(), sp.general, &sp.interests_of, &sp.interest_space);
    let Month { lo, hi, .. } = *mo;
    for i in 0..n {
        let s = &sims[i];
        if s.act_ms >= lo && s.act_ms < hi && s.act_ms < s.leave_ms && g.rng.chance(0.3) {
            let space = interests_of[i].first().map_or(general, |&c| interest_space[c as usize]);
            let t = s.act_ms + g.rng.range_i64(0, MS_PER_MIN);
            g.push(DemoMessage { time_ms: t, space, author: i as u32, parent: NONE, kind: DemoKind::Join }, 0.0);
        }
    }
}

/// Bots keep their schedules from day one.
fn bot_posts(g: &mut Gen, sims: &[Sim], sp: &Spaces, th: &mut Threads, mo: &Month) {
    let (n, bot_space) = (sims.len(), &sp.bot_space);
    let scale = (n as f64 / 1600.0).max(0.05);
    let Threads { cur_posts, cur_all, .. } = th;
    let Month { lo, hi, .. } = *mo;
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
                let row = g.push(DemoMessage { time_ms: t, space, author, parent: NONE, kind: DemoKind::Post }, 0.3);
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
}

/// The launch: some say hello in the first weeks and are never heard from again.
fn launch(g: &mut Gen, sims: &[Sim], sp: &Spaces, th: &mut Threads, mo: &Month) {
    let (general, interest_space) = (sp.general, &sp.interest_space);
    let Threads { cur_posts, cur_all, .. } = th;
    let Month { lo, hi, .. } = *mo;
    let hello = INTEREST_CHANNELS.iter().position(|c| c.0 == "new-joiners").map_or(general, |c| interest_space[c]);
    let b = hi.min(lo + 21 * MS_PER_DAY);
    for (i, s) in sims.iter().enumerate() {
        if s.tryer && s.leave_ms > b {
            let t = g.work_time(lo, b, s.utc_offset_min);
            let space = if g.rng.chance(0.5) { hello } else { general };
            // Colleagues welcome them with a reaction or two.
            let hot = 1.5 * g.rng.pareto(1.6);
            let row =
                g.push(DemoMessage { time_ms: t, space, author: i as u32, parent: NONE, kind: DemoKind::Post }, hot);
            cur_posts[space as usize].push(row);
            cur_all[space as usize].push(row);
        }
    }
}

/// People start threads; replies wait until every post of the month exists. Returns how
/// many replies each person writes this month.
fn threads(g: &mut Gen, sims: &[Sim], sp: &Spaces, th: &mut Threads, mo: &Month, weeks: &[Weeks]) -> Vec<(u32, u32)> {
    let (n, spaces) = (sims.len(), &sp.spaces);
    let Threads { cur_posts, cur_all, .. } = th;
    let Month { culture, class_weights, sponsored, .. } = *mo;
    let mut pending: Vec<(u32, u32)> = Vec::new();
    for (i, s) in sims.iter().enumerate() {
        if s.rate <= 0.0 {
            continue;
        }
        let Some((a, b, weight)) = mo.window(s) else { continue };
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
            let row =
                g.push(DemoMessage { time_ms: t, space, author: i as u32, parent: NONE, kind: DemoKind::Post }, hot);
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
    pending
}

/// Direct conversations.
fn direct(g: &mut Gen, sims: &[Sim], sp: &Spaces, th: &mut Threads, mo: &Month) {
    let (dm_spaces, spaces) = (&sp.dm_spaces, &sp.spaces);
    let cur_posts = &mut th.cur_posts;
    let Month { lo, hi, span, end_ms, .. } = *mo;
    for &(space, rate) in dm_spaces {
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
}

/// Replies: to this month's or last month's posts where the person takes part.
fn replies(
    g: &mut Gen,
    sims: &[Sim],
    sp: &Spaces,
    th: &mut Threads,
    mo: &Month,
    weeks: &[Weeks],
    pending: &[(u32, u32)],
) {
    let (n, general) = (sims.len(), sp.general);
    let Threads { cur_posts, prev_posts, cur_all } = th;
    let Month { class_weights, p_waiting, p_fast, p_ack, limit, end_ms, .. } = *mo;
    for &(p, k) in pending {
        let s = &sims[p as usize];
        let Some((a, b, _)) = mo.window(s) else { continue };
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
                    let row = g.push(DemoMessage { time_ms: t, space, author: p, parent, kind: DemoKind::Reply }, hot);
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
                    let row =
                        g.push(DemoMessage { time_ms: t, space, author: p, parent: NONE, kind: DemoKind::Post }, hot);
                    cur_posts[space as usize].push(row);
                    cur_all[space as usize].push(row);
                }
            }
        }
    }
}

/// Reactions: the light touch most people give.
fn reactions(g: &mut Gen, sims: &[Sim], sp: &Spaces, th: &Threads, mo: &Month, weeks: &[Weeks]) {
    let (general, cur_all) = (sp.general, &th.cur_all);
    let Month { culture, class_weights, end_ms, .. } = *mo;
    for (i, s) in sims.iter().enumerate() {
        if s.react_rate <= 0.0 {
            continue;
        }
        let Some((a, b, weight)) = mo.window(s) else { continue };
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
}
