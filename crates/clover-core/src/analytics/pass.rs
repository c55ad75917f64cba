//! The accumulation passes. Everything every view needs comes out of here as one record per
//! person and a few per-week tables.
//!
//! Speed: an [`Index`] built once per dataset resolves, for every message, whether it counts
//! and whom it answers, and for every reaction whom it responds to. The per-window passes then
//! read columns in order and touch one 64-byte record per person involved (no hashing, no
//! large temporary lists): a pass over the window's message rows, one over the reactions, and
//! a counting sort that groups the responses by pair of people.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::window::Scope;
use crate::civil::MS_PER_DAY;
use crate::model::{Dataset, MessageKind, NONE};

const H48_MS: i64 = 48 * 3_600_000;
/// "No stamp yet" in the `u16` stamps (days, weeks and months of a window fit in `u16`).
const NO16: u16 = u16::MAX;

#[inline]
fn counted(k: MessageKind) -> bool {
    matches!(k, MessageKind::Post | MessageKind::Reply)
}

/// What every message and reaction means for the analytics, resolved once per dataset.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    /// Per message: its author if it is a post or reply by a person, else `NONE`.
    pub who: Vec<u32>,
    /// Per message: for a reply, the person it responds to (the parent's author, else the
    /// thread starter's) when that is another person and a post or reply; else `NONE`.
    pub target: Vec<u32>,
    /// Per message: for a reply, the thread starter (the root's author) when that is another
    /// person and the root a post or reply; else `NONE`.
    pub starter: Vec<u32>,
    /// Per message: for a reply with a starter (above) whose root is a post, the root's row
    /// (response times); else `NONE`.
    pub thread: Vec<u32>,
    /// Per reaction: the author of the message reacted to, when the reaction is a person's
    /// response to another person's post or reply; else `NONE`.
    pub rx_to: Vec<u32>,
}

impl Index {
    pub fn new(ds: &Dataset) -> Index {
        let m = &ds.messages;
        let n = m.len();
        let human: Vec<bool> = ds.people.iter().map(|p| !p.bot).collect();
        let is_human = |p: u32| human.get(p as usize).copied().unwrap_or(false);
        let mut who = Vec::with_capacity(n);
        for i in 0..n {
            let a = m.author.get(i).copied().unwrap_or(NONE);
            let k = m.kind.get(i).copied().unwrap_or(MessageKind::System);
            who.push(if counted(k) && is_human(a) { a } else { NONE });
        }
        let mut target = vec![NONE; n];
        let mut starter = vec![NONE; n];
        let mut thread = vec![NONE; n];
        for i in 0..n {
            let a = who[i];
            if a == NONE || m.kind.get(i) != Some(&MessageKind::Reply) {
                continue;
            }
            let r = m.root.get(i).copied().unwrap_or(NONE);
            let author_of = |x: u32| if x == NONE || x as usize == i { NONE } else { who.get(x as usize).copied().unwrap_or(NONE) };
            let ra = author_of(r);
            let st = if ra != a { ra } else { NONE };
            starter[i] = st;
            if st != NONE && m.kind.get(r as usize) == Some(&MessageKind::Post) {
                thread[i] = r;
            }
            let p = m.parent.get(i).copied().unwrap_or(NONE);
            target[i] = if p == NONE || p == r {
                st
            } else {
                let pa = author_of(p);
                if pa != a {
                    pa
                } else {
                    NONE
                }
            };
        }
        let rx = &ds.reactions;
        let rx_to = (0..rx.len())
            .map(|j| {
                let q = rx.person[j];
                let a = who.get(rx.message[j] as usize).copied().unwrap_or(NONE);
                if a != NONE && a != q && is_human(q) {
                    a
                } else {
                    NONE
                }
            })
            .collect();
        Index { who, target, starter, thread, rx_to }
    }
}

/// Per-person results for the window: one cache line per person, so the hot loops touch the
/// record of the author and of the person answered and little else.
#[derive(Clone, Copy, Debug)]
#[repr(C, align(64))]
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
    first_space: u32,
    last_day: u16,
    last_rx_day: u16,
    last_week: u16,
    /// ISO weeks with a post or reply (champions).
    pub contrib_weeks: u16,
    last_gave_month: u16,
    last_recv_month: u16,
    /// Exchanged a response with a leader other than themselves.
    pub touched_leader: bool,
    /// Posted or replied in two or more spaces.
    pub multi_space: bool,
    /// Posted or replied before the window (for cohorts).
    pub before: bool,
}

impl Default for Acc {
    fn default() -> Self {
        Acc {
            posts: 0,
            replies: 0,
            reactions_given: 0,
            replies_received: 0,
            reactions_received: 0,
            given: 0,
            received: 0,
            staff_thread_replies: 0,
            reached: 0,
            first_space: NONE,
            last_day: NO16,
            last_rx_day: NO16,
            last_week: NO16,
            contrib_weeks: 0,
            last_gave_month: NO16,
            last_recv_month: NO16,
            touched_leader: false,
            multi_space: false,
            before: false,
        }
    }
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
    #[inline(always)]
    fn set(&mut self, person: usize, field: usize, idx: u32) {
        let i = person * self.stride + field + (idx as usize >> 6);
        self.data[i] |= 1u64 << (idx & 63);
    }
    #[inline]
    pub fn get(&self, person: usize, field: usize, idx: usize) -> bool {
        let i = person * self.stride + field + (idx >> 6);
        self.data[i] >> (idx & 63) & 1 == 1
    }
    /// Set bits of `field` for `person` in `lo..=hi`.
    pub fn count(&self, person: usize, field: usize, lo: usize, hi: usize) -> u32 {
        (lo..=hi).filter(|&i| self.get(person, field, i)).count() as u32
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
    pub matrix: Vec<u64>,
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
}

/// The mutable state of the hot loops. Person arrays have one extra "nobody" entry at index
/// `np`, so that a missing person can be written to instead of branched around (branches
/// that depend on the data are what makes such loops slow).
struct Hot {
    acc: Vec<Acc>,
    bits: Bits,
    /// Per person (and nobody): a leader, in the segment, department code.
    leader: Vec<bool>,
    seg: Vec<bool>,
    dept: Vec<u32>,
    /// Responses involving the segment, counted by the lower person of the pair.
    lo_count: Vec<u32>,
    matrix: Vec<u64>,
    side: usize,
}

impl Hot {
    /// Person `g` responded to person `r` in window month `mo`, if `valid` (else `r` is
    /// nobody and nothing is counted).
    #[inline(always)]
    fn respond(&mut self, g: usize, r: usize, mo: u16, valid: bool) {
        let (lg, lr) = (self.leader[g], self.leader[r]);
        let (sg, sr) = (self.seg[g], self.seg[r]);
        let x = &mut self.acc[g];
        x.given += valid as u32;
        x.touched_leader |= lr;
        if valid && x.last_gave_month != mo {
            x.last_gave_month = mo;
            self.bits.set(g, self.bits.gave_m, mo as u32);
        }
        let y = &mut self.acc[r];
        y.received += 1;
        y.touched_leader |= lg;
        if y.last_recv_month != mo {
            y.last_recv_month = mo;
            self.bits.set(r, self.bits.recv_m, mo as u32);
        }
        self.matrix[self.dept[g] as usize * self.side + self.dept[r] as usize] += (sg & valid) as u64;
        self.lo_count[g.min(r)] += (valid & (sg | sr)) as u32;
    }
}

/// Window day index of a time inside the window.
#[inline(always)]
fn day_index(sc: &Scope, t: i64) -> usize {
    ((t - sc.from_ms) / MS_PER_DAY) as usize
}

/// Bit `slot` of a bit set as (word, mask).
#[inline(always)]
fn bit(slot: usize) -> (usize, u64) {
    (slot >> 6, 1u64 << (slot & 63))
}

impl Pass {
    #[inline(never)]
    pub fn run(ds: &Dataset, ix: &Index, sc: &Scope, max_edges: usize) -> Pass {
        let np = ds.people.len();
        let nobody = np;
        let m = &ds.messages;
        let (times, spaces, kinds) = (&m.time[..], &m.space[..], &m.kind[..]);
        let (who, target, starter, thread) = (&ix.who[..], &ix.target[..], &ix.starter[..], &ix.thread[..]);
        let rows = sc.rows.clone();
        let lo = rows.start;
        let side = sc.dept_names.len() + 1;
        let with_nobody = |v: &[bool]| v.iter().copied().chain([false]).collect::<Vec<bool>>();
        let mut h = Hot {
            acc: vec![Acc::default(); np + 1],
            bits: Bits::new(np + 1, sc.nweeks, sc.nmonths),
            leader: with_nobody(&sc.leader),
            seg: with_nobody(&sc.in_seg),
            dept: sc.dept_code.iter().copied().chain([(side - 1) as u32]).collect(),
            lo_count: vec![0u32; np + 2],
            matrix: vec![0u64; side * side],
            side,
        };
        // Per week: the segment's posts (even entries) and replies (odd entries).
        let mut week_pr = vec![0u64; 2 * sc.nweeks];
        let mut week_reactions = vec![0u64; sc.nweeks];
        let mut space_contribs = vec![0u32; ds.spaces.len()];
        // Bit sets over the window's rows (one spare bit for "none"): the segment's posts by
        // non-leaders (staff threads); threads answered by someone else; by a leader.
        let words = (rows.len() + 1).div_ceil(64);
        let spare = rows.len();
        let mut staff = vec![0u64; words];
        let mut answered = vec![0u64; words];
        let mut led = vec![0u64; words];
        // First answers to the segment's posts (seconds).
        let mut answer_secs: Vec<u32> = Vec::new();

        // Cohorts: who contributed before the window.
        for i in 0..lo {
            let a = who[i];
            if a != NONE && sc.space_ok[spaces[i] as usize] {
                h.acc[a as usize].before = true;
            }
        }

        // 1. The window's posts and replies, in time order. Spaces per person are only needed
        // without departments (the cross-functional indicator's fallback).
        let track_spaces = sc.dept_names.is_empty();
        let mut day_end = i64::MIN;
        let (mut d, mut wk, mut mo) = (0u16, 0usize, 0u16);
        for i in rows.clone() {
            let a = who[i];
            if a == NONE {
                continue;
            }
            let s = spaces[i] as usize;
            if !sc.space_ok[s] {
                continue;
            }
            let a = a as usize;
            let t = times[i];
            if t > day_end {
                let di = day_index(sc, t);
                day_end = sc.from_ms + (di as i64 + 1) * MS_PER_DAY - 1;
                d = di as u16;
                wk = sc.day_week[di] as usize;
                mo = sc.day_month[di] as u16;
            }
            let reply = kinds[i] == MessageKind::Reply;
            let seg = h.seg[a];
            let la = h.leader[a];
            let x = &mut h.acc[a];
            if x.last_day != d {
                x.last_day = d;
                if x.last_week != wk as u16 {
                    x.last_week = wk as u16;
                    x.contrib_weeks += 1;
                }
                let b = &mut h.bits;
                b.set(a, b.active_w, wk as u32);
                b.set(a, b.contrib_w, wk as u32);
                b.set(a, b.active_m, mo as u32);
                b.set(a, b.contrib_m, mo as u32);
            }
            if track_spaces {
                let fs = x.first_space;
                x.multi_space |= (fs != NONE) & (fs != s as u32);
                x.first_space = if fs == NONE { s as u32 } else { fs };
            }
            x.posts += !reply as u32;
            x.replies += reply as u32;
            space_contribs[s] += seg as u32;
            week_pr[2 * wk + reply as usize] += seg as u64;
            let (w, mask) = bit(i - lo);
            staff[w] |= if seg & !reply & !la { mask } else { 0 };

            // A reply: the thread's starter received it; it answers the thread's post; it is
            // a response to its target. Posts have neither starter nor target.
            let st = starter[i];
            let stu = if st == NONE { nobody } else { st as usize };
            h.acc[stu].replies_received += 1;
            h.acc[a].staff_thread_replies += (la & !h.leader[stu] & (st != NONE)) as u32;
            let th = thread[i] as usize;
            let in_window = th >= lo && th < rows.end;
            let (w, mask) = bit(if in_window { th - lo } else { spare });
            let first = in_window & (answered[w] & mask == 0);
            answered[w] |= mask;
            led[w] |= if la { mask } else { 0 };
            if first && h.seg[stu] {
                answer_secs.push(secs_between(times[th], t));
            }
            let tg = target[i];
            let valid = tg != NONE;
            h.respond(a, if valid { tg as usize } else { nobody }, mo, valid);
        }
        let seg_posts: u64 = week_pr.iter().step_by(2).sum();

        // Answers given in the 48 hours after the window still answer its posts.
        if sc.has_days {
            let end = times.partition_point(|&x| x <= sc.to_ms.saturating_add(H48_MS));
            for i in rows.end..end {
                let th = thread[i] as usize;
                if th < lo || th >= rows.end || !sc.space_ok[spaces[i] as usize] {
                    continue;
                }
                let (w, mask) = bit(th - lo);
                if answered[w] & mask == 0 && sc.in_seg[starter[i] as usize] {
                    answered[w] |= mask;
                    answer_secs.push(secs_between(times[th], times[i]));
                }
            }
        }
        drop(answered);

        // 2. Reactions made in the window (on messages up to its end).
        let rx = &ds.reactions;
        let rx_end = rx.message.partition_point(|&msg| (msg as usize) < rows.end);
        let (mut last_msg, mut msg_ok) = (u32::MAX, false);
        for j in 0..rx_end {
            let to = ix.rx_to[j];
            if to == NONE {
                continue;
            }
            let t = rx.time[j];
            if t < sc.from_ms || t > sc.to_ms {
                continue;
            }
            let mi = rx.message[j];
            if mi != last_msg {
                last_msg = mi;
                msg_ok = sc.space_ok[spaces[mi as usize] as usize];
            }
            if !msg_ok {
                continue;
            }
            let (q, a) = (rx.person[j] as usize, to as usize);
            let di = day_index(sc, t);
            let (wk, mo) = (sc.day_week[di], sc.day_month[di] as u16);
            let x = &mut h.acc[q];
            x.reactions_given += 1;
            if x.last_rx_day != di as u16 {
                x.last_rx_day = di as u16;
                let b = &mut h.bits;
                b.set(q, b.active_w, wk);
                b.set(q, b.active_m, mo as u32);
            }
            h.acc[a].reactions_received += 1;
            week_reactions[wk as usize] += h.seg[q] as u64;
            h.respond(q, a, mo, true);
        }

        // Staff threads (only meaningful when there are leaders); the spare bit is never set
        // in `staff`.
        let (mut staff_threads, mut staff_threads_led) = (0u64, 0u64);
        if sc.any_leader {
            staff_threads = staff.iter().map(|w| w.count_ones() as u64).sum();
            staff_threads_led = staff.iter().zip(&led).map(|(s, l)| (s & l).count_ones() as u64).sum();
        }

        // 3. Pairs.
        let Hot { mut acc, bits, lo_count, matrix, .. } = h;
        acc.truncate(np);
        let (pairs, mutual_pairs, edges) = group_pairs(ds, ix, sc, &mut acc, &lo_count[..np], max_edges);

        Pass {
            acc,
            bits,
            week_posts: week_pr.iter().step_by(2).copied().collect(),
            week_replies: week_pr.iter().skip(1).step_by(2).copied().collect(),
            week_reactions,
            matrix,
            pairs,
            mutual_pairs,
            edges,
            space_contribs,
            seg_posts,
            answer_secs,
            staff_threads,
            staff_threads_led,
        }
    }
}

/// Every response of the window, as (giver, receiver, involves the segment): the same filters
/// as the passes above (which counted those involving the segment into `lo_count`). Replies
/// without a target come as (author, `nobody`, false), so callers need not branch.
#[inline(always)]
fn for_each_response(ds: &Dataset, ix: &Index, sc: &Scope, mut f: impl FnMut(usize, usize, bool)) {
    let m = &ds.messages;
    let nobody = ds.people.len();
    for i in sc.rows.clone() {
        let g = ix.who[i];
        if g == NONE || !sc.space_ok[m.space[i] as usize] {
            continue;
        }
        let tg = ix.target[i];
        let g = g as usize;
        let (r, valid) = if tg == NONE { (nobody, false) } else { (tg as usize, true) };
        let seg = sc.in_seg[g] | (valid && sc.in_seg[r]);
        f(g, r, valid & seg);
    }
    let rx = &ds.reactions;
    let rx_end = rx.message.partition_point(|&msg| (msg as usize) < sc.rows.end);
    let (mut last_msg, mut msg_ok) = (u32::MAX, false);
    for j in 0..rx_end {
        let to = ix.rx_to[j];
        if to == NONE {
            continue;
        }
        let t = rx.time[j];
        if t < sc.from_ms || t > sc.to_ms {
            continue;
        }
        let mi = rx.message[j];
        if mi != last_msg {
            last_msg = mi;
            msg_ok = sc.space_ok[m.space[mi as usize] as usize];
        }
        if !msg_ok {
            continue;
        }
        let (g, r) = (rx.person[j] as usize, to as usize);
        f(g, r, sc.in_seg[g] | sc.in_seg[r]);
    }
}

/// Whole seconds from `from` to `to` (rounded up, so "within 48 h" is exact), saturating.
fn secs_between(from: i64, to: i64) -> u32 {
    let ms = (to - from).max(0);
    ((ms + 999) / 1000).min(u32::MAX as i64 - 1) as u32
}

/// Groups the responses that involve the segment by pair of people: a counting sort on the
/// lower person (`lo_count` holds the group sizes), then each group is deduplicated with a
/// stamp array. Each entry keeps the higher person and the direction.
#[inline(never)]
fn group_pairs(
    ds: &Dataset,
    ix: &Index,
    sc: &Scope,
    acc: &mut [Acc],
    lo_count: &[u32],
    max_edges: usize,
) -> (u64, u64, Vec<PairEdge>) {
    let np = acc.len();
    let mut start = vec![0u32; np + 1];
    for p in 0..np {
        start[p + 1] = start[p] + lo_count[p];
    }
    // Entries that do not count are written to a spare last slot, which is not read.
    let total = start[np] as usize;
    let mut pos = start.clone();
    let mut vals = vec![0u32; total + 1];
    for_each_response(ds, ix, sc, |g, r, keep| {
        let (a, b, dir) = if g < r { (g, r, 0u32) } else { (r, g, 1u32) };
        let at = pos[a] as usize;
        let ok = keep & (at < start[a + 1] as usize);
        vals[if ok { at } else { total }] = ((b as u32) << 1) | dir;
        pos[a] += ok as u32;
    });
    drop(pos);
    // Per partner: the group it was last seen in, directions seen, responses, pairs so far.
    #[derive(Clone, Copy)]
    struct Seen {
        stamp: u32,
        weight: u32,
        dirs: u32,
        reached: u32,
    }
    let mut seen = vec![Seen { stamp: NONE, weight: 0, dirs: 0, reached: 0 }; np];
    let mut partners: Vec<u32> = vec![0; np + 1];
    let (mut pairs, mut mutual) = (0u64, 0u64);
    let mut heap: BinaryHeap<Reverse<EdgeKey>> = BinaryHeap::new();
    let mut heap_min: Option<EdgeKey> = None;
    for a in 0..np {
        let (s, e) = (start[a] as usize, start[a + 1] as usize);
        if s == e {
            continue;
        }
        let mut n = 0usize;
        for &v in &vals[s..e] {
            let b = (v >> 1) as usize;
            let x = &mut seen[b];
            let new = x.stamp != a as u32;
            partners[n] = b as u32;
            n += new as usize;
            x.stamp = a as u32;
            x.weight = if new { 1 } else { x.weight + 1 };
            x.dirs = (if new { 0 } else { x.dirs }) | (1 << (v & 1));
        }
        seen[a].reached += n as u32;
        pairs += n as u64;
        for &b in &partners[..n] {
            let x = &mut seen[b as usize];
            x.reached += 1;
            mutual += (x.dirs == 3) as u64;
            if max_edges == 0 {
                continue;
            }
            let key = (x.weight, Reverse(a as u32), Reverse(b));
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
        }
    }
    for (x, s) in acc.iter_mut().zip(&seen) {
        x.reached = s.reached;
    }
    let mut edges: Vec<PairEdge> =
        heap.into_iter().map(|Reverse((w, Reverse(a), Reverse(b)))| PairEdge { weight: w, a, b }).collect();
    edges.sort_by(|x, y| y.weight.cmp(&x.weight).then(x.a.cmp(&y.a)).then(x.b.cmp(&y.b)));
    (pairs, mutual, edges)
}

/// Heap order of an edge: heavier first, then lower person indices.
type EdgeKey = (u32, Reverse<u32>, Reverse<u32>);

/// Leaderboard counters for the previous window of the same length: (posts, replies,
/// reactions_given, replies_received, reactions_received) per person.
pub(crate) fn previous_scores(ds: &Dataset, ix: &Index, sc: &Scope) -> Vec<[u32; 5]> {
    let np = ds.people.len();
    let mut out = vec![[0u32; 5]; np];
    let Some((from_ms, to_ms)) = sc.previous_ms() else {
        return out;
    };
    let m = &ds.messages;
    let rows = ds.message_range(from_ms, to_ms);
    for i in rows.clone() {
        let a = ix.who[i];
        if a == NONE || !sc.space_ok[m.space[i] as usize] {
            continue;
        }
        if m.kind[i] == MessageKind::Post {
            out[a as usize][0] += 1;
            continue;
        }
        out[a as usize][1] += 1;
        let st = ix.starter[i];
        if st != NONE {
            out[st as usize][3] += 1;
        }
    }
    let rx = &ds.reactions;
    let rx_end = rx.message.partition_point(|&msg| (msg as usize) < rows.end);
    for j in 0..rx_end {
        let to = ix.rx_to[j];
        let t = rx.time[j];
        if to == NONE || t < from_ms || t > to_ms || !sc.space_ok[m.space[rx.message[j] as usize] as usize] {
            continue;
        }
        out[rx.person[j] as usize][2] += 1;
        out[to as usize][4] += 1;
    }
    out
}
