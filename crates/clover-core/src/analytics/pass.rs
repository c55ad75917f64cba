//! The accumulation passes. Everything every view needs comes out of here as one record per
//! person and a few per-week tables.
//!
//! Speed: an [`Index`] built once per dataset turns messages and reactions into two event
//! lists grouped by person and sorted by time — what each person did (posted, replied,
//! reacted, and to whom) and what they received (replies in their threads, responses), in
//! compact 12- and 16-byte records. A window's pass visits only the segment's people and
//! reads each one's events in order, so memory is read sequentially: no hashing, no binary
//! searches, and the only scattered accesses go to small per-person tables.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

use super::window::{Fixed, Scope};
use crate::civil::MS_PER_DAY;
use crate::model::{Dataset, MessageKind, SpaceKind, NONE};

/// First answers count up to 48 hours after the window's last day.
const H48_DAYS: i64 = 2;

#[inline]
fn counted(k: MessageKind) -> bool {
    matches!(k, MessageKind::Post | MessageKind::Reply)
}

/// Groups of events per person: 3 kinds, each in other spaces then in direct conversations.
const GROUPS: usize = 6;

/// The group of `person`'s events of `kind`, in direct conversations or not.
#[inline]
fn group(person: u32, kind: usize, direct: bool) -> usize {
    GROUPS * person as usize + 2 * kind + direct as usize
}

// Kinds of a person's acts.
const POSTS: usize = 0;
const REPLIES: usize = 1;
const REACTIONS: usize = 2;

// Kinds of what a person received.
const STARTED: usize = 0;
const ANSWERED: usize = 1;
const REACTED: usize = 2;

// What a person did (actor events).
const A_POST: u32 = 1;
const A_REPLY: u32 = 2;
const A_REACTION: u32 = 4;
/// A reply in a thread started by another person who is not a leader.
const A_STAFF: u32 = 8;
/// A response to another person (a reply to their message, or a reaction to it).
const A_RESPONSE: u32 = 16;

// What a person received (receiver events).
/// A reply by someone else in a thread this person started.
const R_STARTER: u32 = 1;
/// A response to this person (a reply to their message, or a reaction to it).
const R_RESPONSE: u32 = 2;
const R_REACTION: u32 = 4;
/// The first reply by someone other than the author to a post (its response time).
const R_FIRST: u32 = 8;
/// The first reply by a leader to a post.
const R_FIRST_LEADER: u32 = 16;

/// Space indices share a `u32` with 8 bits of event kind.
const SPACE_BITS: u32 = 24;
pub(crate) const MAX_SPACES: usize = 1 << SPACE_BITS;
const SPACE_MASK: u32 = (1 << SPACE_BITS) - 1;

/// Something a person did. Days count from the index's origin: windows are whole days, so
/// a window's events are found by day, and nothing per event depends on the time of day.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C)]
pub(crate) struct Act {
    day: u32,
    /// The person responded to, as a partner number of the actor (see [`Index`]).
    other: u32,
    /// Space (low 24 bits) and `A_*` kind (high 8 bits).
    space_kind: u32,
}

/// Something a person received.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C)]
pub(crate) struct Rcv {
    day: u16,
    /// For `R_FIRST` and `R_FIRST_LEADER`: the day of the thread's post.
    root_day: u16,
    /// The person who responded, as a partner number of the receiver (see [`Index`]).
    other: u32,
    /// Space (low 24 bits) and `R_*` kind (high 8 bits).
    space_kind: u32,
    /// For `R_FIRST` and `R_FIRST_LEADER`: seconds from the thread's post to this reply.
    wait: u32,
}

/// The latest day an event can have: 100 years of days (see `Index::new`) fit in a `u16`.
const LAST_DAY: i64 = u16::MAX as i64;

#[inline(always)]
fn split(space_kind: u32) -> (usize, u32) {
    ((space_kind & SPACE_MASK) as usize, space_kind >> SPACE_BITS)
}

/// What every message and reaction means for the analytics, resolved once per dataset:
/// events grouped by person and kind, each group in time order. Sorting once here lets every
/// window find its events by binary search and read them without per-event time tests.
/// Person `p`'s groups are `group(p, kind, direct)` of `act_start` (kinds: their posts,
/// replies and reactions) and of `rcv_start` (replies in their threads, other replies to them,
/// reactions to them), so that each kind has a loop of its own with little to decide per
/// event; and since direct conversations have groups of their own, an analysis without a
/// space filter takes or leaves whole groups and tests no event's space.
///
/// Each person's partners (the people they exchanged a response with, either way) are
/// numbered `0..k` in `partners[partner_start[p]..partner_start[p + 1]]`, and each event
/// names its partner by that number (`k`, a spare number, when the event is no response).
/// A window's pass then counts responses per partner in a table of `k + 1` entries that
/// stays in the fastest cache, instead of one as long as the list of people.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    /// Day 0 (days since 1970-01-01).
    origin_day: i64,
    act_start: Vec<usize>,
    act: Vec<Act>,
    rcv_start: Vec<usize>,
    rcv: Vec<Rcv>,
    /// The first and last day of each group of `act` and of `rcv`. A window finds which of a
    /// group's events it takes from here in the usual case (all or none), without reading
    /// the group's far end: that read missed the cache once per group.
    act_days: Vec<Days>,
    rcv_days: Vec<Days>,
    partner_start: Vec<usize>,
    partners: Vec<Partner>,
    /// The most partners of one person.
    max_partners: usize,
    pub fixed: Fixed,
}

/// The first and last day of a group of events (`first > last` when it is empty).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Days {
    first: u16,
    last: u16,
}

impl Days {
    fn of<T: Dated>(group: &[T]) -> Days {
        match (group.first(), group.last()) {
            (Some(f), Some(l)) => Days { first: f.day() as u16, last: l.day() as u16 },
            _ => Days { first: 1, last: 0 },
        }
    }
}

/// A partner of a person, with what the pass needs of them at hand (looking them up in
/// the per-person tables would be a scattered read per pair).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Partner {
    person: u32,
    /// Department code (see `window::Fixed`).
    dept: u32,
    leader: bool,
}

/// Bit `slot` of a bit set as (word, mask).
#[inline(always)]
fn bit(slot: usize) -> (usize, u64) {
    (slot >> 6, 1u64 << (slot & 63))
}

fn offsets(counts: &[usize]) -> Vec<usize> {
    let mut start = Vec::with_capacity(counts.len() + 1);
    let mut sum = 0usize;
    start.push(0);
    for &c in counts {
        sum += c;
        start.push(sum);
    }
    start
}

impl Index {
    pub fn new(ds: &Dataset) -> Index {
        let m = &ds.messages;
        let n = m.len();
        let np = ds.people.len();
        // Second 0 is the first day with data, or 100 years before the last (older times,
        // surely wrong dates, are clamped: they can only ever be "before the window").
        let fixed = Fixed::new(ds);
        let origin_day = fixed.days.map_or(0, |(first, last)| first.max(last - 36_500));
        let origin_ms = origin_day * MS_PER_DAY;
        let day = |t: i64| (t - origin_ms).div_euclid(MS_PER_DAY).clamp(0, LAST_DAY) as u32;
        let secs = |t: i64| ((t - origin_ms).div_euclid(1000)).clamp(0, u32::MAX as i64) as u32;
        let human: Vec<bool> = ds.people.iter().map(|p| !p.bot).collect();
        let leader: Vec<bool> = ds.people.iter().map(|p| !p.bot && p.leader).collect();
        let is_human = |p: u32| human.get(p as usize).copied().unwrap_or(false);
        let kind_of = |i: u32| m.kind.get(i as usize).copied().unwrap_or(MessageKind::System);
        let space_of = |i: u32| m.space.get(i as usize).copied().unwrap_or(0) & SPACE_MASK;

        // Per message: its author if it counts; for replies the thread starter and the target.
        let who: Vec<u32> = (0..n)
            .map(|i| {
                let a = m.author.get(i).copied().unwrap_or(NONE);
                if counted(kind_of(i as u32)) && is_human(a) {
                    a
                } else {
                    NONE
                }
            })
            .collect();
        let author_of = |x: u32, i: usize| {
            if x == NONE || x as usize == i {
                NONE
            } else {
                who.get(x as usize).copied().unwrap_or(NONE)
            }
        };
        let mut starter = vec![NONE; n];
        let mut target = vec![NONE; n];
        for i in 0..n {
            let a = who[i];
            if a == NONE || kind_of(i as u32) != MessageKind::Reply {
                continue;
            }
            let r = m.root.get(i).copied().unwrap_or(NONE);
            let ra = author_of(r, i);
            let st = if ra != a { ra } else { NONE };
            starter[i] = st;
            let p = m.parent.get(i).copied().unwrap_or(NONE);
            target[i] = if p == NONE || p == r {
                st
            } else {
                let pa = author_of(p, i);
                if pa != a {
                    pa
                } else {
                    NONE
                }
            };
        }

        // Reactions that are responses: a person's, to another person's post or reply.
        let rx = &ds.reactions;
        let rx_author = |j: usize| {
            let (q, msg) = (rx.person[j], rx.message[j]);
            let a = who.get(msg as usize).copied().unwrap_or(NONE);
            if a != NONE && a != q && is_human(q) {
                a
            } else {
                NONE
            }
        };

        // Count per person (and per kind for acts), then fill: messages in time order, then
        // reactions.
        let mut act_count = vec![0usize; GROUPS * np];
        let is_post = |i: usize| kind_of(i as u32) == MessageKind::Post;
        let direct: Vec<bool> = ds.spaces.iter().map(|s| s.kind == SpaceKind::Direct).collect();
        let direct_space = |s: u32| direct.get((s & SPACE_MASK) as usize).copied().unwrap_or(false);
        let mut rcv_count = vec![0usize; GROUPS * np];
        for i in 0..n {
            let a = who[i];
            if a == NONE {
                continue;
            }
            let d = direct_space(m.space[i]);
            act_count[group(a, if is_post(i) { POSTS } else { REPLIES }, d)] += 1;
            let (st, tg) = (starter[i], target[i]);
            if st != NONE {
                rcv_count[group(st, STARTED, d)] += 1;
            }
            if tg != NONE && tg != st {
                rcv_count[group(tg, ANSWERED, d)] += 1;
            }
        }
        for j in 0..rx.len() {
            let a = rx_author(j);
            if a != NONE {
                let d = direct_space(space_of(rx.message[j]));
                act_count[group(rx.person[j], REACTIONS, d)] += 1;
                rcv_count[group(a, REACTED, d)] += 1;
            }
        }
        let act_start = offsets(&act_count);
        let rcv_start = offsets(&rcv_count);
        let mut act = vec![Act::default(); act_start[GROUPS * np]];
        let mut rcv = vec![Rcv::default(); rcv_start[GROUPS * np]];
        let mut ap: Vec<usize> = act_start[..GROUPS * np].to_vec();
        let mut rp: Vec<usize> = rcv_start[..GROUPS * np].to_vec();
        let mut put_act = |group: usize, e: Act| {
            act[ap[group]] = e;
            ap[group] += 1;
        };
        let mut put_rcv = |group: usize, e: Rcv| {
            rcv[rp[group]] = e;
            rp[group] += 1;
        };
        // Posts answered (by someone else; by a leader) so far, to flag first answers.
        let mut answered = vec![0u64; n.div_ceil(64)];
        let mut led = vec![0u64; n.div_ceil(64)];
        let sk = |s: u32, kind: u32| s | kind << SPACE_BITS;
        for i in 0..n {
            let a = who[i];
            if a == NONE {
                continue;
            }
            let (t, s) = (day(m.time[i]), m.space[i] & SPACE_MASK);
            let (st, tg) = (starter[i], target[i]);
            if kind_of(i as u32) == MessageKind::Post {
                put_act(group(a, POSTS, direct_space(s)), Act { day: t, other: NONE, space_kind: sk(s, A_POST) });
                continue;
            }
            let staff = if st != NONE && !leader[st as usize] { A_STAFF } else { 0 };
            let resp = if tg != NONE { A_RESPONSE } else { 0 };
            put_act(
                group(a, REPLIES, direct_space(s)),
                Act { day: t, other: tg, space_kind: sk(s, A_REPLY | staff | resp) },
            );
            if st != NONE {
                let r = m.root[i] as usize;
                let mut k = R_STARTER;
                if tg == st {
                    k |= R_RESPONSE;
                }
                if kind_of(r as u32) == MessageKind::Post {
                    let (w, mask) = bit(r);
                    if answered[w] & mask == 0 {
                        answered[w] |= mask;
                        k |= R_FIRST;
                    }
                    if leader[a as usize] && led[w] & mask == 0 {
                        led[w] |= mask;
                        k |= R_FIRST_LEADER;
                    }
                }
                let (root_day, wait) = (day(m.time[r]) as u16, secs(m.time[i]).saturating_sub(secs(m.time[r])));
                put_rcv(
                    group(st, STARTED, direct_space(s)),
                    Rcv { day: t as u16, root_day, other: a, space_kind: sk(s, k), wait },
                );
            }
            if tg != NONE && tg != st {
                put_rcv(
                    group(tg, ANSWERED, direct_space(s)),
                    Rcv { day: t as u16, root_day: 0, other: a, space_kind: sk(s, R_RESPONSE), wait: 0 },
                );
            }
        }
        for j in 0..rx.len() {
            let a = rx_author(j);
            if a == NONE {
                continue;
            }
            let (t, q, s) = (day(rx.time[j]), rx.person[j], space_of(rx.message[j]));
            put_act(
                group(q, REACTIONS, direct_space(s)),
                Act { day: t, other: a, space_kind: sk(s, A_REACTION | A_RESPONSE) },
            );
            let space_kind = sk(s, R_RESPONSE | R_REACTION);
            put_rcv(
                group(a, REACTED, direct_space(s)),
                Rcv { day: t as u16, root_day: 0, other: q, space_kind, wait: 0 },
            );
        }
        // Reactions may come in any order; merge each person's message events (already in
        // time order) with their reaction events: a stable sort, so that on one day messages
        // come first.
        for g in 0..GROUPS * np {
            act[act_start[g]..act_start[g + 1]].sort_by_key(|e| e.day);
        }
        for g in 0..GROUPS * np {
            rcv[rcv_start[g]..rcv_start[g + 1]].sort_by_key(|e| e.day);
        }
        let act_days = (0..GROUPS * np).map(|g| Days::of(&act[act_start[g]..act_start[g + 1]])).collect();
        let rcv_days = (0..GROUPS * np).map(|g| Days::of(&rcv[rcv_start[g]..rcv_start[g + 1]])).collect();

        // Number each person's partners in order of first appearance.
        let mut number = vec![NONE; np];
        let mut partner_start = Vec::with_capacity(np + 1);
        let mut partners: Vec<Partner> = Vec::new();
        let mut max_partners = 0;
        partner_start.push(0);
        for p in 0..np {
            let base = partners.len();
            let mut numbered = |o: u32| {
                let slot = &mut number[o as usize];
                if *slot == NONE {
                    *slot = (partners.len() - base) as u32;
                    let dept = fixed.dept_code.get(o as usize).copied().unwrap_or(0);
                    partners.push(Partner { person: o, dept, leader: leader[o as usize] });
                }
                *slot
            };
            let acts = &mut act[act_start[GROUPS * p]..act_start[GROUPS * (p + 1)]];
            let rcvs = &mut rcv[rcv_start[GROUPS * p]..rcv_start[GROUPS * (p + 1)]];
            for e in acts.iter_mut() {
                e.other = if split(e.space_kind).1 & A_RESPONSE != 0 { numbered(e.other) } else { NONE };
            }
            for e in rcvs.iter_mut() {
                e.other = if split(e.space_kind).1 & R_RESPONSE != 0 { numbered(e.other) } else { NONE };
            }
            let spare = (partners.len() - base) as u32;
            max_partners = max_partners.max(spare as usize);
            for o in &partners[base..] {
                number[o.person as usize] = NONE;
            }
            for e in acts.iter_mut().filter(|e| e.other == NONE) {
                e.other = spare;
            }
            for e in rcvs.iter_mut().filter(|e| e.other == NONE) {
                e.other = spare;
            }
            partner_start.push(partners.len());
        }
        Index {
            origin_day,
            act_start,
            act,
            rcv_start,
            rcv,
            act_days,
            rcv_days,
            partner_start,
            partners,
            max_partners,
            fixed,
        }
    }

    /// A day (since 1970-01-01) in the index's days (clamped).
    fn day(&self, day: i64) -> u32 {
        (day - self.origin_day).clamp(0, LAST_DAY) as u32
    }
}

/// Per-person results for the window (filled for the segment's people).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Acc {
    pub posts: u32,
    pub replies: u32,
    /// Reactions to other people's posts and replies.
    pub reactions_given: u32,
    /// Replies by others in threads this person started.
    pub replies_received: u32,
    /// Reactions by others on this person's posts and replies.
    pub reactions_received: u32,
    /// Responses given: replies to another person's message, reactions to another's message.
    pub given: u32,
    pub received: u32,
    /// Replies in threads started by a non-leader (counted for leaders).
    pub staff_thread_replies: u32,
    /// Distinct other people exchanged a response with (either direction).
    pub reached: u32,
    /// ISO weeks with a post or reply (champions).
    pub contrib_weeks: u32,
    /// Exchanged a response with a leader other than themselves.
    pub touched_leader: bool,
    /// Posted or replied in two or more spaces.
    pub multi_space: bool,
    /// Posted or replied before the window (for cohorts).
    pub before: bool,
}

impl Acc {
    pub fn contributions(&self) -> u32 {
        self.posts + self.replies
    }
    pub fn active(&self) -> bool {
        self.posts + self.replies + self.reactions_given > 0
    }
    pub fn engaged(&self) -> bool {
        self.contributions() > 0 && self.given > 0 && self.received > 0
    }
    /// Whether anything was counted (`before` aside).
    pub fn any(&self) -> bool {
        (self.posts
            | self.replies
            | self.reactions_given
            | self.replies_received
            | self.reactions_received
            | self.given
            | self.received
            | self.staff_thread_replies
            | self.reached
            | self.contrib_weeks)
            != 0
            || self.touched_leader
            || self.multi_space
    }
}

/// Per-person bit sets over the window's weeks and months, laid out person by person.
pub(crate) struct Bits {
    pub stride: usize,
    pub data: Vec<u64>,
    pub active_w: usize,
    pub contrib_w: usize,
    pub active_m: usize,
    pub contrib_m: usize,
    pub gave_m: usize,
    pub recv_m: usize,
}

impl Bits {
    fn new(people: usize, nweeks: usize, nmonths: usize) -> Bits {
        let ww = nweeks.div_ceil(64);
        let mw = nmonths.div_ceil(64);
        let stride = 2 * ww + 4 * mw;
        Bits {
            stride,
            data: vec![0; stride * people],
            active_w: 0,
            contrib_w: ww,
            active_m: 2 * ww,
            contrib_m: 2 * ww + mw,
            gave_m: 2 * ww + 2 * mw,
            recv_m: 2 * ww + 3 * mw,
        }
    }
    #[inline]
    pub fn get(&self, person: usize, field: usize, idx: usize) -> bool {
        let i = person * self.stride + field + (idx >> 6);
        self.data[i] >> (idx & 63) & 1 == 1
    }
    /// Set bits of `field` for `person` in `lo..=hi` (a population count per word).
    pub fn count(&self, person: usize, field: usize, lo: usize, hi: usize) -> u32 {
        let base = person * self.stride + field;
        let mut n = 0;
        for w in lo >> 6..=hi >> 6 {
            let mut word = self.data[base + w];
            if w == lo >> 6 {
                word &= !0u64 << (lo & 63);
            }
            if w == hi >> 6 {
                word &= !0u64 >> (63 - (hi & 63));
            }
            n += word.count_ones();
        }
        n
    }
    /// Indices of the set bits of `field` (width `n`) for `person`.
    pub fn ones(&self, person: usize, field: usize, n: usize) -> impl Iterator<Item = usize> + '_ {
        let base = person * self.stride + field;
        (0..n.div_ceil(64)).flat_map(move |w| {
            let mut word = self.data[base + w];
            std::iter::from_fn(move || {
                if word == 0 {
                    return None;
                }
                let b = word.trailing_zeros() as usize;
                word &= word - 1;
                Some(w * 64 + b)
            })
        })
    }
}

/// An undirected edge of the interaction network: responses both ways.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct PairEdge {
    pub weight: u32,
    pub a: u32,
    pub b: u32,
}

pub(crate) struct Pass {
    pub acc: Vec<Acc>,
    pub bits: Bits,
    /// Per week, by the segment's people.
    pub week_posts: Vec<u64>,
    pub week_replies: Vec<u64>,
    pub week_reactions: Vec<u64>,
    /// Responses given by the segment's people: giver department × receiver department
    /// (code `dept_names.len()` = no department), row-major, side `dept_names.len() + 1`.
    /// Empty in a sweep's periods, which keep only its sums below.
    pub matrix: Vec<u64>,
    /// Of those responses: between people of known departments, and across departments.
    pub known: u64,
    pub cross: u64,
    /// Distinct pairs of people (at least one in the segment) with a response either way.
    pub pairs: u64,
    /// Those where both responded to the other.
    pub mutual_pairs: u64,
    /// The strongest pairs, strongest first.
    pub edges: Vec<PairEdge>,
    /// Posts and replies by the segment's people, per space.
    pub space_contribs: Vec<u32>,
    /// Posts by the segment's people in the window.
    pub seg_posts: u64,
    /// Of those: answered by someone else (seconds to the first such reply).
    pub answer_secs: Vec<u32>,
    /// Posts by the segment's non-leaders, and those a leader replied to.
    pub staff_threads: u64,
    pub staff_threads_led: u64,
    /// Leaderboard counters in the previous window of the same length, per person of the
    /// segment: posts, replies, reactions given, replies received, reactions received.
    pub previous: Vec<[u32; 5]>,
    /// Per week, the segment's people active and contributing, when counted during the pass
    /// (a sweep's periods keep no bits); `None`: counted from `bits`.
    weekly_people: Option<(Vec<u64>, Vec<u64>)>,
}

/// Heap order of an edge: heavier first, then lower person indices.
type EdgeKey = (u32, Reverse<u32>, Reverse<u32>);

/// The responses of a department matrix between known departments, and across them
/// (the last row and column are "no department").
fn matrix_sums(matrix: &[u64], side: usize) -> (u64, u64) {
    let k = side - 1;
    let (mut known, mut cross) = (0u64, 0u64);
    for g in 0..k {
        for r in 0..k {
            let c = matrix[g * side + r];
            known += c;
            if g != r {
                cross += c;
            }
        }
    }
    (known, cross)
}

/// Shares of the people `0..np` that `sc`'s segment counts, with about as many events each:
/// the boundaries (`shares + 1` of them), one share when there are too few events for two.
fn share_bounds(ix: &Index, sc: &Scope, np: usize) -> Vec<usize> {
    let events = |p: usize| {
        ix.act_start[GROUPS * (p + 1)] - ix.act_start[GROUPS * p] + ix.rcv_start[GROUPS * (p + 1)]
            - ix.rcv_start[GROUPS * p]
    };
    let total: usize = (0..np).filter(|&p| sc.in_seg[p]).map(events).sum();
    let shares = if total >= PARALLEL_EVENTS { SHARES } else { 1 };
    let mut bounds = vec![0];
    let mut sum = 0usize;
    for p in 0..np {
        sum += if sc.in_seg[p] { events(p) } else { 0 };
        if bounds.len() < shares && sum * shares >= bounds.len() * total {
            bounds.push(p + 1);
        }
    }
    bounds.push(np);
    bounds
}

/// Runs `task` on every share of `tasks`: where there are threads, two workers take shares
/// in turn from a queue, so that a worker the machine slows down leaves more of them to the
/// other. Returns the results in share order.
fn run_shares<T: Send, R: Send>(tasks: Vec<T>, task: impl Fn(T) -> R + Sync) -> Vec<R> {
    let parallel = tasks.len() > 1;
    let queue = std::sync::Mutex::new(tasks.into_iter().enumerate());
    let worker = || {
        let mut done = Vec::new();
        loop {
            let next = queue.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).next();
            let Some((i, t)) = next else { break done };
            done.push((i, task(t)));
        }
    };
    let (mut results, more) = both(parallel, worker, worker);
    results.extend(more);
    results.sort_unstable_by_key(|r| r.0);
    results.into_iter().map(|r| r.1).collect()
}

impl Pass {
    #[inline(never)]
    pub fn run(ds: &Dataset, ix: &Index, sc: &Scope, max_edges: usize) -> Pass {
        Pass::run_with::<false>(ds, ix, sc, max_edges).0
    }

    /// [`Pass::run`] for everyone (`sc` filters no people and no spaces), keeping what any
    /// segment of people in the same window is then answered from ([`Everyone`]).
    pub fn run_keeping(ds: &Dataset, ix: &Index, sc: &Scope, max_edges: usize) -> (Pass, Everyone) {
        let (pass, kept) = Pass::run_with::<true>(ds, ix, sc, max_edges);
        let everyone = Everyone::new(sc, &pass, kept);
        (pass, everyone)
    }

    #[inline(never)]
    fn run_with<const KEEP: bool>(ds: &Dataset, ix: &Index, sc: &Scope, max_edges: usize) -> (Pass, Vec<Kept>) {
        let np = ds.people.len();
        let mut acc = vec![Acc::default(); np];
        let mut previous = vec![[0u32; 5]; np];
        let mut bits = Bits::new(np, sc.nweeks, sc.nmonths);
        let mut data = std::mem::take(&mut bits.data);
        let win = Win::new(ix, sc);

        // Shares of the segment's people with about as many events each, taken in turn by
        // two workers where there are threads. Every sum is exact and every list is merged
        // in share order, so the result depends neither on the split nor on who took which
        // share.
        let bounds = share_bounds(ix, sc, np);
        let mut tasks = Vec::with_capacity(bounds.len() - 1);
        let (mut acc_rest, mut prev_rest, mut data_rest) = (&mut acc[..], &mut previous[..], &mut data[..]);
        for w in bounds.windows(2) {
            let len = w[1] - w[0];
            let (a, rest) = std::mem::take(&mut acc_rest).split_at_mut(len);
            acc_rest = rest;
            let (pr, rest) = std::mem::take(&mut prev_rest).split_at_mut(len);
            prev_rest = rest;
            let (d, rest) = std::mem::take(&mut data_rest).split_at_mut(len * bits.stride);
            data_rest = rest;
            tasks.push((w[0]..w[1], a, pr, d));
        }
        let layout = &bits;
        let results = run_shares(tasks, |(people, a, pr, d)| {
            let mut kept = Kept::default();
            let share = share::<KEEP>(ds, ix, sc, &win, max_edges, people, a, pr, layout, d, &mut kept);
            (share, kept)
        });
        bits.data = data;
        let (results, kept): (Vec<Share>, Vec<Kept>) = results.into_iter().unzip();

        let add = |x: &mut [u64], y: &[u64]| x.iter_mut().zip(y).for_each(|(x, y)| *x += y);
        let mut results = results.into_iter();
        let mut m = results.next().unwrap_or_default();
        for r in results {
            add(&mut m.sums.week3, &r.sums.week3);
            add(&mut m.matrix, &r.matrix);
            m.sums.add(r.sums);
            m.pairs += r.pairs;
            m.mutual += r.mutual;
            m.edges.extend(r.edges);
        }
        let Share { sums, matrix, pairs, mutual, edges } = m;
        let pass = Pass::finish(ix, sc, &win, max_edges, acc, bits, previous, sums, matrix, pairs, mutual, edges);
        (pass, kept)
    }

    /// The pass from its parts, all of the segment's people added up: the strongest edges
    /// found and their people's responses, the matrix's sums.
    #[allow(clippy::too_many_arguments)]
    fn finish(
        ix: &Index,
        sc: &Scope,
        win: &Win,
        max_edges: usize,
        mut acc: Vec<Acc>,
        bits: Bits,
        previous: Vec<[u32; 5]>,
        sums: Sums,
        matrix: Vec<u64>,
        pairs: u64,
        mutual: u64,
        edges: Vec<EdgeKey>,
    ) -> Pass {
        // Each share kept its strongest pairs, so the strongest of all are among them (pairs
        // are distinct: each is counted by one person). Key order is the edges' order.
        let mut keys = edges;
        keys.sort_unstable_by(|x, y| y.cmp(x));
        keys.truncate(max_edges);
        let edges: Vec<PairEdge> =
            keys.into_iter().map(|(w, Reverse(a), Reverse(b))| PairEdge { weight: w, a, b }).collect();
        // The network shows how many responses its people gave and received, also for people
        // outside the segment who appear at the end of an edge.
        for e in &edges {
            for q in [e.a as usize, e.b as usize] {
                if !sc.in_seg[q] && acc[q].given + acc[q].received == 0 {
                    let (g, r) = responses_of(ix, sc, q, win.from, win.to);
                    acc[q].given = g;
                    acc[q].received = r;
                }
            }
        }
        let (known, cross) = matrix_sums(&matrix, sc.fixed.dept_names.len() + 1);
        Pass { bits, matrix, known, cross, previous, ..Pass::from_sums(sc, acc, sums, pairs, mutual, edges) }
    }

    /// The pass of `sc`'s window from the window's sums, with no bits, matrix or previous
    /// window (what a sweep's period has).
    fn from_sums(sc: &Scope, acc: Vec<Acc>, sums: Sums, pairs: u64, mutual: u64, edges: Vec<PairEdge>) -> Pass {
        let Sums { week3, space_contribs, mut answer_secs, answers, mut staff_threads, staff_threads_led } = sums;
        answer_secs.truncate(answers);
        let week_posts: Vec<u64> = week3.chunks(3).take(sc.nweeks).map(|c| c[0]).collect();
        let week_replies: Vec<u64> = week3.chunks(3).take(sc.nweeks).map(|c| c[1]).collect();
        let week_reactions: Vec<u64> = week3.chunks(3).take(sc.nweeks).map(|c| c[2]).collect();
        if !sc.any_leader {
            staff_threads = 0;
        }
        let seg_posts = week_posts.iter().sum();
        Pass {
            acc,
            bits: Bits::new(0, sc.nweeks, sc.nmonths),
            week_posts,
            week_replies,
            week_reactions,
            matrix: Vec::new(),
            known: 0,
            cross: 0,
            pairs,
            mutual_pairs: mutual,
            edges,
            space_contribs,
            seg_posts,
            answer_secs,
            staff_threads,
            staff_threads_led,
            previous: Vec::new(),
            weekly_people: None,
        }
    }

    /// Per week of the window, the segment's people active and contributing.
    pub fn weekly_people(&self, sc: &Scope) -> (Vec<u64>, Vec<u64>) {
        if let Some(w) = &self.weekly_people {
            return w.clone();
        }
        let n = sc.nweeks;
        let mut active = vec![0u64; n];
        let mut contributors = vec![0u64; n];
        let b = &self.bits;
        for p in 0..sc.in_seg.len() {
            if !sc.in_seg[p] {
                continue;
            }
            for w in b.ones(p, b.active_w, n) {
                active[w] += 1;
            }
            for w in b.ones(p, b.contrib_w, n) {
                contributors[w] += 1;
            }
        }
        (active, contributors)
    }

    /// The brief passes (no previous window, no network, no department matrix) of the
    /// windows of `scopes` in one read of every person's events, cut into the windows as it
    /// goes: what a journey needs, for about the cost of one pass over the whole range. The
    /// scopes share one segment and their windows follow each other in time without
    /// overlapping, also in the index's days (`None` otherwise: analyse them one by one).
    /// `pass(k)` then gives window `k`'s pass, equal to [`Pass::run`]'s for it in every
    /// number the brief analysis reads.
    pub fn sweep(ds: &Dataset, ix: &Index, scopes: &[Scope]) -> Option<Swept> {
        let sc = scopes.first()?;
        let wins: Vec<Win> = scopes.iter().map(|s| Win::new(ix, s)).collect();
        if wins.iter().any(|w| !w.has_days || w.prev_from != w.from) || wins.windows(2).any(|w| w[1].from <= w[0].to) {
            return None;
        }
        let layouts: Vec<Bits> = scopes.iter().map(|s| Bits::new(0, s.nweeks, s.nmonths)).collect();
        let np = ds.people.len();
        let bounds = share_bounds(ix, sc, np);
        let tasks: Vec<Range<usize>> = bounds.windows(2).map(|w| w[0]..w[1]).collect();
        let results = run_shares(tasks, |people| sweep_share(ds, ix, scopes, &wins, &layouts, people));
        let mut results = results.into_iter();
        let mut periods = results.next()?;
        for share in results {
            for (m, r) in periods.iter_mut().zip(share) {
                m.merge(r);
            }
        }
        Some(Swept { people: np, periods })
    }
}

/// The windows of a sweep, each as its sums and the records of the people with events in it.
pub(crate) struct Swept {
    people: usize,
    periods: Vec<SweptWindow>,
}

impl Swept {
    /// The pass of window `k` (of the scope `sc` it was swept for).
    pub fn pass(&mut self, k: usize, sc: &Scope) -> Pass {
        let w = std::mem::take(&mut self.periods[k]);
        let mut acc = vec![Acc::default(); self.people];
        for (p, x) in w.accs {
            acc[p as usize] = x;
        }
        let mut pass = Pass::from_sums(sc, acc, w.sums, w.pairs, w.mutual, Vec::new());
        pass.known = w.known;
        pass.cross = w.cross;
        pass.weekly_people = Some((w.active, w.contributing));
        pass
    }
}

/// One window of a sweep (of one share of the people, then of all).
#[derive(Default)]
struct SweptWindow {
    sums: Sums,
    /// The records of the people with any event in the window, in person order.
    accs: Vec<(u32, Acc)>,
    /// Per week: people active, and contributing.
    active: Vec<u64>,
    contributing: Vec<u64>,
    pairs: u64,
    mutual: u64,
    known: u64,
    cross: u64,
}

impl SweptWindow {
    /// Adds a later share's window to this one.
    fn merge(&mut self, r: SweptWindow) {
        let add = |x: &mut [u64], y: &[u64]| x.iter_mut().zip(y).for_each(|(x, y)| *x += y);
        add(&mut self.sums.week3, &r.sums.week3);
        self.sums.add(r.sums);
        self.accs.extend(r.accs);
        add(&mut self.active, &r.active);
        add(&mut self.contributing, &r.contributing);
        self.pairs += r.pairs;
        self.mutual += r.mutual;
        self.known += r.known;
        self.cross += r.cross;
    }
}

/// A window in the index's days, as the passes read it.
pub(crate) struct Win {
    has_days: bool,
    from: u32,
    to: u32,
    /// The first day of the previous window of the same length (`from` when it is not
    /// counted).
    prev_from: u32,
    /// First answers to the window's posts count until this day.
    answers_until: u32,
    /// Week (low 16 bits) and month (high 16) of each day of the window, in one load.
    week_month: Vec<u32>,
    last_day: usize,
}

impl Win {
    fn new(ix: &Index, sc: &Scope) -> Win {
        let (from, to) = (ix.day(sc.from_day), ix.day(sc.to_day));
        Win {
            has_days: sc.has_days,
            from,
            to,
            // Without rank movement (a brief analysis), the previous window is empty.
            prev_from: if sc.previous { ix.day(sc.from_day - (sc.to_day - sc.from_day + 1)) } else { from },
            answers_until: ix.day(sc.to_day + H48_DAYS),
            week_month: sc.day_week.iter().zip(&sc.day_month).map(|(&w, &m)| w | m << 16).collect(),
            last_day: sc.ndays.saturating_sub(1),
        }
    }

    /// The window's day of index day `d` (its last day for any later one).
    #[inline(always)]
    fn day(&self, d: u32) -> usize {
        ((d.saturating_sub(self.from)) as usize).min(self.last_day)
    }
}

/// What a share's people add up to in a window, beside their own records.
#[derive(Default)]
struct Sums {
    /// Per week: the segment's posts, replies and reactions (3 entries per week).
    week3: Vec<u64>,
    space_contribs: Vec<u32>,
    /// Seconds to the first answer of the window's posts, in `answer_secs[..answers]`: at
    /// most one per `R_FIRST` event, written without a branch (a slot is kept only when the
    /// event qualifies), so the buffer has room for every such event of the next person.
    answer_secs: Vec<u32>,
    answers: usize,
    staff_threads: u64,
    staff_threads_led: u64,
}

impl Sums {
    fn new(ds: &Dataset, sc: &Scope) -> Sums {
        Sums { week3: vec![0u64; 3 * sc.nweeks + 3], space_contribs: vec![0u32; ds.spaces.len()], ..Sums::default() }
    }

    /// Adds a later share's sums to these (the weekly totals apart: their lengths differ
    /// in an empty default).
    fn add(&mut self, r: Sums) {
        self.space_contribs.iter_mut().zip(&r.space_contribs).for_each(|(x, y)| *x += y);
        self.answer_secs.truncate(self.answers);
        self.answer_secs.extend_from_slice(&r.answer_secs[..r.answers]);
        self.answers = self.answer_secs.len();
        self.staff_threads += r.staff_threads;
        self.staff_threads_led += r.staff_threads_led;
    }

    /// Room in the answer buffer for every first answer to `p`'s posts.
    #[inline(always)]
    fn room_for(&mut self, ix: &Index, p: usize) {
        let started = |direct: bool| {
            let g = group(p as u32, STARTED, direct);
            ix.rcv_start[g + 1] - ix.rcv_start[g]
        };
        let need = self.answers + started(false) + started(true) + 1;
        if self.answer_secs.len() < need {
            self.answer_secs.resize(need.max(2 * self.answer_secs.len()), 0);
        }
    }
}

/// One share of the segment's people, accumulated on its own (on another thread when there
/// is one): everything of [`Pass`] that is not per person.
#[derive(Default)]
struct Share {
    sums: Sums,
    matrix: Vec<u64>,
    pairs: u64,
    mutual: u64,
    /// The share's strongest pairs, in no order.
    edges: Vec<EdgeKey>,
}

/// What a share of an all-people pass keeps for [`Everyone`] while it adds its people up
/// (nothing when it does not keep).
#[derive(Default)]
struct Kept {
    /// Per person of the share (and one more): where the waits of the first answers to
    /// their posts start in the share's; and the staff threads a leader answered of theirs.
    answer_start: Vec<u32>,
    led: Vec<u32>,
    /// Per partner of the share's people (in the index's order): responses given (low 32
    /// bits) and received (high 32) in the window.
    partner_counts: Vec<u64>,
    led_before: u64,
}

impl Kept {
    fn start(&mut self, ix: &Index, people: &Range<usize>) {
        self.partner_counts = vec![0; ix.partner_start[people.end] - ix.partner_start[people.start]];
        self.answer_start = vec![0];
    }

    /// A person the pass does not count.
    fn skip(&mut self) {
        self.answer_start.push(*self.answer_start.last().unwrap_or(&0));
        self.led.push(0);
    }

    /// Notes what the person just counted into `sums` added.
    fn person(&mut self, sums: &Sums) {
        self.answer_start.push(sums.answers as u32);
        self.led.push((sums.staff_threads_led - self.led_before) as u32);
        self.led_before = sums.staff_threads_led;
    }
}

/// An all-people pass of one window kept whole, with what its people added to the window's
/// sums one by one: any segment of people in the same window (a department, a location,
/// leaders or not, as the filters and the segments table ask) is then added up from it (the
/// crossfilter idea), reading only the segment's own posts, replies and reactions again (for
/// the weekly totals and the spaces). Per person: their record, bits and previous window, the
/// waits of the first answers to their posts and the staff threads a leader answered; per
/// partner: the responses given and received. Equal to a pass of the segment in every number
/// (`tests/analytics_reference.rs`).
pub(crate) struct Everyone {
    from_day: i64,
    to_day: i64,
    has_days: bool,
    include_direct: bool,
    acc: Vec<Acc>,
    previous: Vec<[u32; 5]>,
    bits: Bits,
    answer_start: Vec<u32>,
    answer_secs: Vec<u32>,
    led: Vec<u32>,
    partner_counts: Vec<u64>,
}

impl Everyone {
    fn new(sc: &Scope, pass: &Pass, kept: Vec<Kept>) -> Everyone {
        let mut e = Everyone {
            from_day: sc.from_day,
            to_day: sc.to_day,
            has_days: sc.has_days,
            include_direct: sc.include_direct,
            acc: pass.acc.clone(),
            previous: pass.previous.clone(),
            bits: Bits { data: pass.bits.data.clone(), ..pass.bits },
            answer_start: vec![0],
            answer_secs: pass.answer_secs.clone(),
            led: Vec::new(),
            partner_counts: Vec::new(),
        };
        let mut answers = 0u32;
        for k in kept {
            e.answer_start.extend(k.answer_start[1..].iter().map(|x| x + answers));
            answers += k.answer_start.last().copied().unwrap_or(0);
            e.led.extend(k.led);
            e.partner_counts.extend(k.partner_counts);
        }
        e
    }

    /// Whether `sc` (the scope of a segment, or of everyone) is this pass's window, so that
    /// [`Everyone::pass`] can answer it: the same days, direct conversations counted or not
    /// alike, and no space filter (which changes what each person's events count).
    pub fn answers(&self, sc: &Scope) -> bool {
        !sc.space_filter
            && sc.has_days == self.has_days
            && sc.from_day == self.from_day
            && sc.to_day == self.to_day
            && sc.include_direct == self.include_direct
    }

    /// The pass of `sc`'s segment (see [`Everyone::answers`]): the same as [`Pass::run`]'s.
    #[inline(never)]
    pub fn pass(&self, ds: &Dataset, ix: &Index, sc: &Scope, max_edges: usize) -> Pass {
        let np = ds.people.len();
        let side = sc.fixed.dept_names.len() + 1;
        let win = Win::new(ix, sc);
        let mut acc = vec![Acc::default(); np];
        let mut previous = vec![[0u32; 5]; np];
        let mut bits = Bits::new(np, sc.nweeks, sc.nmonths);
        let mut sums = Sums::new(ds, sc);
        let mut matrix = vec![0u64; side * side];
        let (mut pairs, mut mutual) = (0u64, 0u64);
        let mut heap: BinaryHeap<Reverse<EdgeKey>> = BinaryHeap::new();
        let mut min_weight = 0u32;
        let stride = bits.stride;
        for p in (0..np).filter(|&p| sc.in_seg[p] && win.has_days) {
            let x = self.acc[p];
            acc[p] = x;
            previous[p] = self.previous[p];
            bits.data[p * stride..(p + 1) * stride].copy_from_slice(&self.bits.data[p * stride..(p + 1) * stride]);
            // Their posts, replies and reactions in the window, read again for the weekly
            // totals and the spaces (without a space filter every group counts whole, but
            // for direct conversations when they do not count).
            for direct in [false, true] {
                if direct && !sc.include_direct {
                    continue;
                }
                for kind in [POSTS, REPLIES, REACTIONS] {
                    let g = group(p as u32, kind, direct);
                    let acts = &ix.act[ix.act_start[g]..ix.act_start[g + 1]];
                    let (_, i_from, i_to) = stretches(acts, ix.act_days[g], win.from, win.from, win.to);
                    for e in &acts[i_from..i_to] {
                        let wk = (win.week_month[win.day(e.day)] & 0xffff) as usize;
                        sums.week3[3 * wk + kind] += 1;
                        if kind != REACTIONS {
                            sums.space_contribs[split(e.space_kind).0] += 1;
                        }
                    }
                }
            }
            let answers = self.answer_start[p] as usize..self.answer_start[p + 1] as usize;
            sums.answer_secs.extend_from_slice(&self.answer_secs[answers]);
            sums.staff_threads += if sc.leader[p] { 0 } else { x.posts as u64 };
            sums.staff_threads_led += self.led[p] as u64;
            // Their pairs, as `share` counts them.
            let row_base = sc.fixed.dept_code[p] as usize * side;
            let (from, to) = (ix.partner_start[p], ix.partner_start[p + 1]);
            for (&counts, &Partner { person: q, dept, .. }) in
                self.partner_counts[from..to].iter().zip(&ix.partners[from..to])
            {
                if counts == 0 {
                    continue;
                }
                let qs = q as usize;
                let (gave, got) = (counts as u32, (counts >> 32) as u32);
                matrix[row_base + dept as usize] += gave as u64;
                let q_in = !sc.people_filter || sc.in_seg[qs];
                let counted = !(q_in & (qs < p));
                pairs += counted as u64;
                mutual += (counted & (gave > 0) & (got > 0)) as u64;
                // The lightest kept edge's weight, once the heap is full, rejects most pairs
                // with one comparison (as in `share`).
                if counted && max_edges > 0 && gave + got >= min_weight {
                    let key = (gave + got, Reverse((p as u32).min(q)), Reverse((p as u32).max(q)));
                    if heap.len() < max_edges {
                        heap.push(Reverse(key));
                    } else if heap.peek().is_some_and(|min| key > min.0) {
                        heap.pop();
                        heap.push(Reverse(key));
                    }
                    if heap.len() == max_edges {
                        min_weight = heap.peek().map_or(0, |m| m.0 .0);
                    }
                }
            }
        }
        sums.answers = sums.answer_secs.len();
        let edges = heap.into_iter().map(|r| r.0).collect();
        Pass::finish(ix, sc, &win, max_edges, acc, bits, previous, sums, matrix, pairs, mutual, edges)
    }
}

/// Where each of a person's groups of events enters a previous window, a window and leaves
/// it, for [`person`]: `slot` names the group (`2 × kind + direct` for acts, 6 more for what
/// they received).
trait Cut {
    fn cut<T: Dated>(&mut self, slot: usize, v: &[T], days: Days) -> (usize, usize, usize);
}

/// One window: each group's stretches found by binary search (see [`stretches`]).
struct Search {
    prev_from: u32,
    from: u32,
    to: u32,
}

impl Cut for Search {
    #[inline(always)]
    fn cut<T: Dated>(&mut self, _: usize, v: &[T], days: Days) -> (usize, usize, usize) {
        stretches(v, days, self.prev_from, self.from, self.to)
    }
}

/// A sweep's windows, one after another: each group read on from where the last window
/// left it (no search, and no event read twice). No previous window.
struct Cursors {
    at: [usize; 2 * GROUPS],
    from: u32,
    to: u32,
}

impl Cut for Cursors {
    #[inline(always)]
    fn cut<T: Dated>(&mut self, slot: usize, v: &[T], days: Days) -> (usize, usize, usize) {
        let mut i = self.at[slot];
        while i < v.len() && v[i].day() < self.from {
            i += 1;
        }
        let i_from = i;
        if days.last as u32 <= self.to {
            i = v.len();
        } else {
            while i < v.len() && v[i].day() <= self.to {
                i += 1;
            }
        }
        self.at[slot] = i;
        (i_from, i_from, i)
    }
}

/// Accumulates the people of `people` (the slices `acc`, `previous` and `data` are theirs:
/// entry 0 is person `people.start`).
#[allow(clippy::too_many_arguments)]
fn share<const KEEP: bool>(
    ds: &Dataset,
    ix: &Index,
    sc: &Scope,
    w: &Win,
    max_edges: usize,
    people: Range<usize>,
    acc: &mut [Acc],
    previous: &mut [[u32; 5]],
    bits: &Bits,
    data: &mut [u64],
    kept: &mut Kept,
) -> Share {
    let lo = people.start;
    let side = sc.fixed.dept_names.len() + 1;
    let mut sums = Sums::new(ds, sc);
    let mut matrix = vec![0u64; side * side];
    // The current person's responses per partner number (given in the low 32 bits, received
    // in the high 32; the spare number absorbs events that are no response).
    let mut per_partner = vec![0u64; ix.max_partners + 1];
    let (mut pairs, mut mutual) = (0u64, 0u64);
    let mut heap: BinaryHeap<Reverse<EdgeKey>> = BinaryHeap::new();
    let mut heap_min: Option<EdgeKey> = None;
    // Weight of the lightest kept edge once the heap is full (0 before): a cheap first
    // test that rejects almost every pair without a branch on anything unpredictable.
    let mut min_weight = 0u32;
    let mut cut = Search { prev_from: w.prev_from, from: w.from, to: w.to };
    if KEEP {
        kept.start(ix, &people);
    }

    for p in people.clone() {
        if !sc.in_seg[p] || !w.has_days {
            if KEEP {
                kept.skip();
            }
            continue;
        }
        let mut x = Acc::default();
        let brow = (p - lo) * bits.stride;
        person::<_, false>(
            ix,
            sc,
            w,
            bits,
            p,
            &mut cut,
            &mut x,
            &mut previous[p - lo],
            data,
            brow,
            &mut sums,
            &mut per_partner,
            &mut [],
            &mut 0,
        );
        if KEEP {
            kept.person(&sums);
        }

        // Their pairs; a pair of two people of the segment is counted by the lower one. All
        // of the person's partners are visited, in order (reading them in order costs less
        // than keeping a list of those the window has, per event).
        let row_base = sc.fixed.dept_code[p] as usize * side;
        let ids = &ix.partners[ix.partner_start[p]..ix.partner_start[p + 1]];
        for (slot, (counts, &Partner { person: q, dept, leader: q_leader })) in
            per_partner.iter_mut().zip(ids).enumerate()
        {
            let counts = std::mem::take(counts);
            if counts == 0 {
                continue;
            }
            if KEEP {
                kept.partner_counts[ix.partner_start[p] - ix.partner_start[lo] + slot] = counts;
            }
            x.reached += 1;
            let qs = q as usize;
            let (gave, got) = (counts as u32, (counts >> 32) as u32);
            let both = (gave > 0) & (got > 0);
            let wq = gave + got;
            matrix[row_base + dept as usize] += gave as u64;
            x.touched_leader |= q_leader;
            // Every partner is a human: in the segment unless it filters people.
            let q_in = !sc.people_filter || sc.in_seg[qs];
            let counted = !(q_in & (qs < p));
            pairs += counted as u64;
            mutual += (both & counted) as u64;
            if !(counted & (max_edges != 0) & (wq >= min_weight)) {
                continue;
            }
            let key = (wq, Reverse((p as u32).min(q)), Reverse((p as u32).max(q)));
            if heap.len() < max_edges {
                heap.push(Reverse(key));
                if heap.len() == max_edges {
                    heap_min = heap.peek().map(|r| r.0);
                }
            } else if heap_min.is_some_and(|min| key > min) {
                heap.pop();
                heap.push(Reverse(key));
                heap_min = heap.peek().map(|r| r.0);
            }
            min_weight = if heap.len() == max_edges { heap_min.map_or(0, |m| m.0) } else { 0 };
        }
        // Reset the spare number.
        per_partner[ids.len()] = 0;
        acc[p - lo] = x;
    }
    Share { sums, matrix, pairs, mutual, edges: heap.into_iter().map(|r| r.0).collect() }
}

/// Every window of a sweep for the people of `people`: each person's events read once, in
/// time order, cut into the windows as they come. A window's records are kept only for the
/// people with an event in it.
fn sweep_share(
    ds: &Dataset,
    ix: &Index,
    scopes: &[Scope],
    wins: &[Win],
    layouts: &[Bits],
    people: Range<usize>,
) -> Vec<SweptWindow> {
    let sc = &scopes[0];
    let k_dept = sc.fixed.dept_names.len() as u32;
    let mut out: Vec<SweptWindow> = scopes
        .iter()
        .map(|s| SweptWindow {
            sums: Sums::new(ds, s),
            accs: Vec::new(),
            active: vec![0; s.nweeks],
            contributing: vec![0; s.nweeks],
            pairs: 0,
            mutual: 0,
            known: 0,
            cross: 0,
        })
        .collect();
    let mut per_partner = vec![0u64; ix.max_partners + 1];
    // Room for every partner number and the spare one, and for the write past them.
    let mut touched = vec![0u32; ix.max_partners + 2];
    let stride = layouts.iter().map(|b| b.stride).max().unwrap_or(0);
    let mut row = vec![0u64; stride];
    let first = wins.first().map_or(0, |w| w.from);

    for p in people {
        if !sc.in_seg[p] {
            continue;
        }
        // Each group from the first window's first day on.
        let mut cur = Cursors { at: [0; 2 * GROUPS], from: 0, to: 0 };
        for kind in 0..3 {
            for direct in [false, true] {
                let slot = 2 * kind + direct as usize;
                let g = group(p as u32, kind, direct);
                let acts = &ix.act[ix.act_start[g]..ix.act_start[g + 1]];
                cur.at[slot] = stretches(acts, ix.act_days[g], first, first, first).1;
                let rcvs = &ix.rcv[ix.rcv_start[g]..ix.rcv_start[g + 1]];
                cur.at[GROUPS + slot] = stretches(rcvs, ix.rcv_days[g], first, first, first).1;
            }
        }
        let dept = sc.fixed.dept_code[p];
        let ids = &ix.partners[ix.partner_start[p]..ix.partner_start[p + 1]];
        for ((w, bits), o) in wins.iter().zip(layouts).zip(out.iter_mut()) {
            (cur.from, cur.to) = (w.from, w.to);
            let mut x = Acc::default();
            let mut nt = 0usize;
            person::<_, true>(
                ix,
                sc,
                w,
                bits,
                p,
                &mut cur,
                &mut x,
                &mut [0; 5],
                &mut row,
                0,
                &mut o.sums,
                &mut per_partner,
                &mut touched,
                &mut nt,
            );
            // Weeks active and contributing, then the row is cleared for the next window.
            let weeks = bits.contrib_w - bits.active_w;
            for (field, counts) in [(bits.active_w, &mut o.active), (bits.contrib_w, &mut o.contributing)] {
                for (i, word) in row[field..field + weeks].iter().enumerate() {
                    let mut word = *word;
                    while word != 0 {
                        counts[64 * i + word.trailing_zeros() as usize] += 1;
                        word &= word - 1;
                    }
                }
            }
            row[..bits.stride].fill(0);
            // The partners of this window only: the brief passes need their counts, not
            // their order.
            for &slot in &touched[..nt] {
                let counts = std::mem::take(&mut per_partner[slot as usize]);
                let Some(&Partner { person: q, dept: q_dept, leader: q_leader }) = ids.get(slot as usize) else {
                    continue;
                };
                x.reached += 1;
                let qs = q as usize;
                let (gave, got) = (counts as u32, (counts >> 32) as u32);
                let both = (gave > 0) & (got > 0);
                let known = (dept < k_dept) & (q_dept < k_dept);
                o.known += known as u64 * gave as u64;
                o.cross += (known & (dept != q_dept)) as u64 * gave as u64;
                x.touched_leader |= q_leader;
                let q_in = !sc.people_filter || sc.in_seg[qs];
                let counted = !(q_in & (qs < p));
                o.pairs += counted as u64;
                o.mutual += (both & counted) as u64;
            }
            per_partner[ids.len()] = 0;
            if x.any() {
                o.accs.push((p as u32, x));
            }
        }
    }
    out
}

/// Adds person `p`'s events in window `w` (their groups cut by `cut`) to their record `x`,
/// their previous window's counters `prev`, their week and month bits (at `brow` of `data`,
/// laid out as `bits`) and the window's `sums`; their responses per partner number go to
/// `per_partner`. In a sweep (`SWEEP`), each partner number counted first in the window is
/// noted in `touched[..nt]`, and whether they contributed before the window is not found.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn person<C: Cut, const SWEEP: bool>(
    ix: &Index,
    sc: &Scope,
    w: &Win,
    bits: &Bits,
    p: usize,
    cut: &mut C,
    x: &mut Acc,
    prev: &mut [u32; 5],
    data: &mut [u64],
    brow: usize,
    sums: &mut Sums,
    per_partner: &mut [u64],
    touched: &mut [u32],
    nt: &mut usize,
) {
    const RECEIVED: u64 = 1 << 32;
    let track_spaces = sc.fixed.dept_names.is_empty();
    let (from, to, answers_until) = (w.from, w.to, w.answers_until);
    let week_month = &w.week_month[..];
    let day = |d: u32| w.day(d);
    sums.room_for(ix, p);
    let week3 = &mut sums.week3[..];
    let space_contribs = &mut sums.space_contribs[..];
    let answer_buf = &mut sums.answer_secs[..];
    let mut answers = sums.answers;
    let (mut staff_threads_led, mut touched_n) = (0u64, *nt);
    let lp = sc.leader[p];
    let mut first_space = NONE;
    // Counts one event for partner number `slot` (the spare number when no response):
    // nothing else per event, as the partners are visited after the person's events.
    let mut partner = |slot: usize, add: u64| {
        if SWEEP {
            touched[touched_n] = slot as u32;
            touched_n += (per_partner[slot] == 0) as usize;
        }
        per_partner[slot] += add;
    };

    // What they did, kind by kind, in time order: before the window (whether they
    // contributed, and the previous window's counters), then the window itself. The cuts
    // find the stretches, so the loops test no times. The person's week and month bits are
    // built a word at a time in registers: events come in time order, so the word only
    // moves forward (a write per 64 weeks or months, not per event). Posts and replies set
    // the contribution bits, reactions the activity bits; contributions are added to
    // activity once, at the end.
    let act_group = |kind: usize, direct: bool| {
        let g = group(p as u32, kind, direct);
        &ix.act[ix.act_start[g]..ix.act_start[g + 1]]
    };
    let in_space = |e: &Act| sc.space_ok[split(e.space_kind).0];
    // One loop per kind: `$post`, `$reply` and `$reaction` are constants, so each copy
    // keeps only what its kind needs.
    macro_rules! acts_of_kind {
        ($g:expr, $direct:expr, $check:literal, $post:literal, $reply:literal, $reaction:literal) => {{
            let acts = act_group($g, $direct);
            let (i_prev, i_from, i_to) =
                cut.cut(2 * $g + $direct as usize, acts, ix.act_days[group(p as u32, $g, $direct)]);
            if !SWEEP {
                x.before |= ($post + $reply == 1) && acts[..i_from].iter().any(in_space);
            }
            prev[$g] += acts[i_prev..i_from].iter().filter(|e| in_space(e)).count() as u32;
            // Only loop-local state, so that the loop keeps it in registers (state that
            // lives through all of a person's loops was kept on the stack, and every
            // event waited on its stores).
            let (mut counted, mut given, mut staff) = (0u32, 0u32, 0u32);
            let (mut week_bits, mut month_bits) = (Words::<1>::default(), Words::<2>::default());
            let (week_field, month_fields) = if $reaction == 1 {
                (bits.active_w, [bits.active_m, bits.gave_m])
            } else {
                (bits.contrib_w, [bits.contrib_m, bits.gave_m])
            };
            let (mut first, mut multi) = (first_space, x.multi_space);
            for e in &acts[i_from..i_to] {
                let (s, kind) = split(e.space_kind);
                if $check && !sc.space_ok[s] {
                    continue;
                }
                counted += 1;
                let wm = week_month[day(e.day)];
                let (wk, mo) = ((wm & 0xffff) as usize, (wm >> 16) as usize);
                // The week's total of this kind (an add per event is cheaper than adding
                // when the week changes: that branch is unpredictable).
                week3[3 * wk + $reply + 2 * $reaction] += 1;
                // A response to `other` (reactions always are; posts never).
                let on = $reaction == 1 || ($reply == 1 && kind & A_RESPONSE != 0);
                if $reply == 1 {
                    staff += ((kind & A_STAFF) >> 3) & lp as u32;
                }
                week_bits.set(wk, [1], brow, [week_field], data);
                month_bits.set(mo, [1, on as u64], brow, month_fields, data);
                if $reaction == 0 {
                    space_contribs[s] += 1;
                    // Two spaces or more (only when no space filter; branch-free on purpose).
                    multi |= track_spaces & (first != NONE) & (first != s as u32);
                    first = if first == NONE { s as u32 } else { first };
                }
                if $post == 0 {
                    given += on as u32;
                    partner(e.other as usize, 1);
                }
            }
            week_bits.flush(brow, [week_field], data);
            month_bits.flush(brow, month_fields, data);
            (first_space, x.multi_space) = (first, multi);
            x.posts += $post * counted;
            x.replies += $reply * counted;
            x.reactions_given += $reaction * counted;
            x.given += given;
            x.staff_thread_replies += staff;
        }};
    }
    if sc.space_filter {
        for direct in [false, true] {
            acts_of_kind!(POSTS, direct, true, 1, 0, 0);
            acts_of_kind!(REPLIES, direct, true, 0, 1, 0);
            acts_of_kind!(REACTIONS, direct, true, 0, 0, 1);
        }
    } else {
        for direct in [false, true] {
            if direct && !sc.include_direct {
                // Nothing in direct conversations counts, before the window either.
                continue;
            }
            acts_of_kind!(POSTS, direct, false, 1, 0, 0);
            acts_of_kind!(REPLIES, direct, false, 0, 1, 0);
            acts_of_kind!(REACTIONS, direct, false, 0, 0, 1);
        }
    }
    sums.staff_threads += if lp { 0 } else { x.posts as u64 };

    // What they received, kind by kind, in time order: the previous window's counters,
    // the window, then first answers to their posts up to 48 h after the window.
    macro_rules! rcvs_of_kind {
        ($g:expr, $direct:expr, $check:literal, $started:literal, $reaction:literal) => {{
            let g = group(p as u32, $g, $direct);
            let rcvs = &ix.rcv[ix.rcv_start[g]..ix.rcv_start[g + 1]];
            let (j_prev, j_from, j_to) = cut.cut(GROUPS + 2 * $g + $direct as usize, rcvs, ix.rcv_days[g]);
            if $started + $reaction == 1 {
                let before = rcvs[j_prev..j_from].iter().filter(|e| sc.space_ok[split(e.space_kind).0]).count();
                prev[if $started == 1 { 3 } else { 4 }] += before as u32;
            }
            // Loop-local state (see `acts_of_kind`).
            let (mut counted, mut received, mut led) = (0u32, 0u32, 0u64);
            let mut month_bits = Words::<1>::default();
            let mut answered = answers;
            for e in &rcvs[j_from..j_to] {
                let (s, kind) = split(e.space_kind);
                if $check && !sc.space_ok[s] {
                    continue;
                }
                counted += 1;
                // A response to them (a reply in their thread may answer someone else).
                let on = $started == 0 || kind & R_RESPONSE != 0;
                received += on as u32;
                let mo = (week_month[day(e.day as u32)] >> 16) as usize;
                month_bits.set(mo, [on as u64], brow, [bits.recv_m], data);
                partner(e.other as usize, RECEIVED);
                if $started == 1 {
                    // First answers to posts of the window.
                    let root_in = (e.root_day as u32 >= from) & (e.root_day as u32 <= to);
                    answer_buf[answered] = e.wait;
                    answered += ((kind & R_FIRST != 0) & root_in) as usize;
                    led += ((kind & R_FIRST_LEADER != 0) & root_in & !lp) as u64;
                }
            }
            month_bits.flush(brow, [bits.recv_m], data);
            answers = answered;
            x.replies_received += $started * counted;
            x.reactions_received += $reaction * counted;
            x.received += received;
            staff_threads_led += led;
            if $started == 1 {
                let j_until = j_to + first_at(&rcvs[j_to..], |e| e.day() <= answers_until);
                for e in &rcvs[j_to..j_until] {
                    let (s, kind) = split(e.space_kind);
                    let root_in = (e.root_day as u32 >= from) & (e.root_day as u32 <= to);
                    answer_buf[answers] = e.wait;
                    answers += ((kind & R_FIRST != 0) & root_in & sc.space_ok[s]) as usize;
                }
            }
        }};
    }
    if sc.space_filter {
        for direct in [false, true] {
            rcvs_of_kind!(STARTED, direct, true, 1, 0);
            rcvs_of_kind!(ANSWERED, direct, true, 0, 0);
            rcvs_of_kind!(REACTED, direct, true, 0, 1);
        }
    } else {
        for direct in [false, true] {
            if direct && !sc.include_direct {
                continue;
            }
            rcvs_of_kind!(STARTED, direct, false, 1, 0);
            rcvs_of_kind!(ANSWERED, direct, false, 0, 0);
            rcvs_of_kind!(REACTED, direct, false, 0, 1);
        }
    }
    sums.answers = answers;
    sums.staff_threads_led += staff_threads_led;
    *nt = touched_n;
    let week_words = bits.contrib_w - bits.active_w;
    let month_words = bits.contrib_m - bits.active_m;
    for w in 0..week_words {
        data[brow + bits.active_w + w] |= data[brow + bits.contrib_w + w];
    }
    for w in 0..month_words {
        data[brow + bits.active_m + w] |= data[brow + bits.contrib_m + w];
    }
    x.contrib_weeks = (0..week_words).map(|w| data[brow + bits.contrib_w + w].count_ones()).sum();
}

/// `N` bit fields of one person (each at its own offset of the person's row in `Bits`),
/// set in nondecreasing bit order: the current 64-bit word of each stays in a register.
struct Words<const N: usize> {
    word: usize,
    bits: [u64; N],
}

impl<const N: usize> Default for Words<N> {
    fn default() -> Self {
        Words { word: 0, bits: [0; N] }
    }
}

impl<const N: usize> Words<N> {
    /// Sets bit `idx` of field `f` when `on[f]` is 1.
    #[inline(always)]
    fn set(&mut self, idx: usize, on: [u64; N], row: usize, fields: [usize; N], data: &mut [u64]) {
        let w = idx >> 6;
        if w != self.word {
            self.flush(row, fields, data);
            self.word = w;
        }
        for (bits, on) in self.bits.iter_mut().zip(on) {
            *bits |= on << (idx & 63);
        }
    }
    #[inline(always)]
    fn flush(&mut self, row: usize, fields: [usize; N], data: &mut [u64]) {
        for (bits, field) in self.bits.iter_mut().zip(fields) {
            data[row + field + self.word] |= std::mem::take(bits);
        }
    }
}

/// Shares of a pass's people (on two threads): a few per thread, so that the threads end
/// together even when one of them is slowed down.
const SHARES: usize = 8;

/// Below this many events a second thread costs more than it saves.
const PARALLEL_EVENTS: usize = 100_000;

/// `(a(), b())`, on two threads when `parallel` and the platform has threads.
pub(crate) fn both<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    if parallel && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1) {
        return std::thread::scope(|s| {
            let hb = s.spawn(b);
            let ra = a();
            (ra, hb.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        });
    }
    #[cfg(target_arch = "wasm32")]
    let _ = parallel;
    (a(), b())
}

/// An event with a day (in index days).
trait Dated {
    fn day(&self) -> u32;
}

impl Dated for Act {
    fn day(&self) -> u32 {
        self.day
    }
}

impl Dated for Rcv {
    fn day(&self) -> u32 {
        self.day as u32
    }
}

/// Where a time-ordered group's previous window, window and what follows begin: the indices
/// of its first events on or after `prev_from`, `from` and after `to`. `days` are the group's
/// first and last days, from which the usual cases (the window takes all of the group, or
/// none of it) are answered without reading the group.
#[inline(always)]
fn stretches<T: Dated>(v: &[T], days: Days, prev_from: u32, from: u32, to: u32) -> (usize, usize, usize) {
    let (first, last) = (days.first as u32, days.last as u32);
    let i_from = if first >= from {
        0
    } else if last < from {
        v.len()
    } else {
        v.partition_point(|e| e.day() < from)
    };
    let i_prev = if i_from == 0 || first >= prev_from { 0 } else { first_at(&v[..i_from], |e| e.day() < prev_from) };
    let i_to = if last <= to {
        v.len()
    } else if first > to {
        i_from
    } else {
        i_from + v[i_from..].partition_point(|e| e.day() <= to)
    };
    (i_prev, i_from, i_to.max(i_from))
}

/// `partition_point`, answering without a search when the whole slice is on one side (the
/// usual case for long windows): a binary search's scattered reads cost more than the loop.
#[inline]
fn first_at<T>(v: &[T], before: impl Fn(&T) -> bool) -> usize {
    match (v.first(), v.last()) {
        (Some(f), _) if !before(f) => 0,
        (_, Some(l)) if before(l) => v.len(),
        _ => v.partition_point(before),
    }
}

/// Responses person `q` gave and received in the window (index days `from..=to`).
fn responses_of(ix: &Index, sc: &Scope, q: usize, from: u32, to: u32) -> (u32, u32) {
    let inside = |day: u32, space_kind: u32| day >= from && day <= to && sc.space_ok[split(space_kind).0];
    let given = ix.act[ix.act_start[GROUPS * q]..ix.act_start[GROUPS * (q + 1)]]
        .iter()
        .filter(|e| split(e.space_kind).1 & A_RESPONSE != 0 && inside(e.day, e.space_kind))
        .count();
    let received = ix.rcv[ix.rcv_start[GROUPS * q]..ix.rcv_start[GROUPS * (q + 1)]]
        .iter()
        .filter(|e| split(e.space_kind).1 & R_RESPONSE != 0 && inside(e.day as u32, e.space_kind))
        .count();
    (given as u32, received as u32)
}
