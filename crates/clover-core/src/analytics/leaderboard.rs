//! The leaderboard (everyone and leaders only), rank movement against the previous window,
//! and stable pseudonyms.

use std::borrow::Cow;

use super::pass::{Acc, Pass};
use super::personas::{persona, Persona};
use super::window::Scope;
use super::{Params, Weights};
use crate::model::Dataset;

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LeaderRow {
    /// 1 = best. Ties in score are broken by posts + replies, then name, so ranks are unique.
    pub rank: u64,
    /// The person's key (`slack:U123`), or their pseudonym when pseudonymised.
    pub id: String,
    pub name: String,
    pub department: Option<String>,
    pub leader: bool,
    pub score: f64,
    pub posts: u64,
    pub replies: u64,
    pub reactions_given: u64,
    pub replies_received: u64,
    pub reactions_received: u64,
    pub people_reached: u64,
    /// `None` from activity reports: a persona needs who answered whom.
    pub persona: Option<Persona>,
    /// Rank in the previous window of the same length (`None`: not ranked then).
    pub previous_rank: Option<u64>,
    /// `previous_rank - rank`: positive means moved up; `None` when new.
    pub movement: Option<i64>,
    /// Conversations read (activity reports that count reading), else `None`.
    #[serde(default)]
    pub read: Option<u64>,
    /// Days with any activity (activity reports that count them), else `None`.
    #[serde(default)]
    pub days_active: Option<u64>,
}

/// 64-bit FNV-1a.
fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The pseudonym a key gets when nothing else in the dataset collides with it:
/// `Person ` and four digits from the key's hash. Use [`Pseudonyms`] for a whole dataset
/// (it resolves collisions so names stay distinct).
pub fn pseudonym(key: &str) -> String {
    format!("Person {:04}", fnv(key) % 10_000)
}

/// Distinct, stable pseudonyms for every person of a dataset. Each key's number comes from its
/// hash; collisions move to the next free number, processed in (hash, key) order so the result
/// does not depend on the order people were read in. Four digits, more for big datasets.
#[derive(Clone, Debug, PartialEq)]
pub struct Pseudonyms {
    names: Vec<String>,
}

impl Pseudonyms {
    pub fn new(ds: &Dataset) -> Pseudonyms {
        Pseudonyms::of_keys(&ds.people.iter().map(|p| p.key.as_str()).collect::<Vec<_>>())
    }

    /// Pseudonyms for people with these keys (a dataset's people, or its reports' people).
    pub fn of_keys(keys: &[&str]) -> Pseudonyms {
        let n = keys.len();
        let mut digits = 4u32;
        while 10u64.pow(digits) < 2 * n as u64 {
            digits += 1;
        }
        let space = 10u64.pow(digits);
        let mut order: Vec<(u64, u64, usize)> =
            keys.iter().enumerate().map(|(i, k)| (fnv(k) % space, fnv(k), i)).collect();
        order.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)).then_with(|| keys[x.2].cmp(keys[y.2])));
        let mut taken = vec![false; space as usize];
        let mut names = vec![String::new(); n];
        for (slot, _, i) in order {
            let mut s = slot as usize;
            while taken[s] {
                s = (s + 1) % space as usize;
            }
            taken[s] = true;
            names[i] = format!("Person {:0width$}", s, width = digits as usize);
        }
        Pseudonyms { names }
    }
    pub fn name(&self, person: u32) -> &str {
        self.names.get(person as usize).map_or("", String::as_str)
    }
}

/// How people are shown: names and keys, or pseudonyms for both.
pub(crate) struct Names<'a> {
    ds: &'a Dataset,
    pseudo: Option<Pseudonyms>,
    /// Each person's place in the order of shown names (then keys, then indices).
    order: Cow<'a, [u32]>,
}

/// Each person's place when sorted by `name`, then key, then index.
fn order_by<'n>(ds: &Dataset, name: impl Fn(u32) -> &'n str) -> Vec<u32> {
    let mut people: Vec<u32> = (0..ds.people.len() as u32).collect();
    people.sort_by(|&x, &y| {
        name(x).cmp(name(y)).then_with(|| ds.people[x as usize].key.cmp(&ds.people[y as usize].key)).then(x.cmp(&y))
    });
    let mut order = vec![0u32; people.len()];
    for (i, &p) in people.iter().enumerate() {
        order[p as usize] = i as u32;
    }
    order
}

/// Each person's place in the order of real names: computed once per dataset (see
/// [`Names::new`]), so that ranking compares integers, not strings.
pub(crate) fn name_order(ds: &Dataset) -> Vec<u32> {
    order_by(ds, |p| ds.people[p as usize].name.as_str())
}

impl<'a> Names<'a> {
    /// `real_order` is [`name_order`] of `ds`.
    pub fn new(ds: &'a Dataset, pseudonymise: bool, real_order: &'a [u32]) -> Self {
        match pseudonymise.then(|| Pseudonyms::new(ds)) {
            Some(ps) => {
                let order = order_by(ds, |p| ps.name(p));
                Names { ds, pseudo: Some(ps), order: Cow::Owned(order) }
            }
            None => Names { ds, pseudo: None, order: Cow::Borrowed(real_order) },
        }
    }
    pub fn name(&self, p: u32) -> &str {
        match &self.pseudo {
            Some(ps) => ps.name(p),
            None => self.ds.people.get(p as usize).map_or("", |x| x.name.as_str()),
        }
    }
    pub fn id(&self, p: u32) -> &str {
        match &self.pseudo {
            Some(ps) => ps.name(p),
            None => self.ds.people.get(p as usize).map_or("", |x| x.key.as_str()),
        }
    }
}

pub(crate) fn score(w: &Weights, c: &[u32; 5]) -> f64 {
    w.posts * c[0] as f64
        + w.replies * c[1] as f64
        + w.reactions_given * c[2] as f64
        + w.replies_received * c[3] as f64
        + w.reactions_received * c[4] as f64
}

pub(crate) fn counters(a: &Acc) -> [u32; 5] {
    [a.posts, a.replies, a.reactions_given, a.replies_received, a.reactions_received]
}

/// Ranks people with a score above 0: score descending, then posts + replies descending,
/// then shown name ascending, then key. Returns (person, score) best first.
fn rank(people: impl Iterator<Item = u32>, c: impl Fn(u32) -> [u32; 5], w: &Weights, names: &Names) -> Vec<(u32, f64)> {
    // The whole order packed in one integer, so that ranking is a sort of integers: score
    // descending (scores are above 0, and the bits of positive floats order as the floats
    // do), then posts + replies descending, then place in name order (unique per person).
    let mut v: Vec<(u128, u32, f64)> = people
        .filter_map(|p| {
            let k = c(p);
            let s = score(w, &k);
            let key = (!s.to_bits() as u128) << 64 | (!(k[0] + k[1]) as u128) << 32 | names.order[p as usize] as u128;
            (s > 0.0).then_some((key, p, s))
        })
        .collect();
    v.sort_unstable_by_key(|x| x.0);
    v.into_iter().map(|(_, p, s)| (p, s)).collect()
}

pub(crate) struct Boards {
    pub all: Vec<LeaderRow>,
    pub leaders: Vec<LeaderRow>,
    pub ranked: u64,
}

pub(crate) fn boards(
    ds: &Dataset,
    sc: &Scope,
    pass: &Pass,
    members: &[u32],
    previous: &[[u32; 5]],
    p: &Params,
    names: &Names,
) -> Boards {
    let w = &p.weights;
    let now = rank(members.iter().copied(), |x| counters(&pass.acc[x as usize]), w, names);
    let seg_people = || (0..ds.people.len() as u32).filter(|&x| sc.in_seg[x as usize]);
    let before = rank(seg_people(), |x| previous[x as usize], w, names);

    let positions = |list: &[(u32, f64)], only_leaders: bool| {
        let mut pos = vec![None; ds.people.len()];
        let mut r = 0u64;
        for &(person, _) in list {
            if only_leaders && !sc.leader[person as usize] {
                continue;
            }
            r += 1;
            pos[person as usize] = Some(r);
        }
        pos
    };
    let row = |person: u32, s: f64, rank: u64, prev: &[Option<u64>]| {
        let a = &pass.acc[person as usize];
        let previous_rank = prev[person as usize];
        LeaderRow {
            rank,
            id: names.id(person).to_string(),
            name: names.name(person).to_string(),
            department: ds.department(person).map(str::to_string),
            leader: sc.leader[person as usize],
            score: s,
            posts: a.posts as u64,
            replies: a.replies as u64,
            reactions_given: a.reactions_given as u64,
            replies_received: a.replies_received as u64,
            reactions_received: a.reactions_received as u64,
            people_reached: a.reached as u64,
            persona: Some(persona(a)),
            previous_rank,
            movement: previous_rank.map(|pr| pr as i64 - rank as i64),
            read: None,
            days_active: None,
        }
    };
    let prev_all = positions(&before, false);
    let prev_leaders = positions(&before, true);
    let all = now.iter().take(p.top).enumerate().map(|(i, &(x, s))| row(x, s, i as u64 + 1, &prev_all)).collect();
    let leaders = now
        .iter()
        .filter(|(x, _)| sc.leader[*x as usize])
        .take(p.top)
        .enumerate()
        .map(|(i, &(x, s))| row(x, s, i as u64 + 1, &prev_leaders))
        .collect();
    Boards { all, leaders, ranked: now.len() as u64 }
}
