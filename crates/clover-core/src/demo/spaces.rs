//! The demo's third step: its spaces. Company-wide channels, one per department, the
//! cross-functional interests everyone follows one to three of, private channels, direct
//! conversations between people who write, and the bots in the channels they post in; then
//! where each person takes part, and how much ([`homes`]).

use std::collections::HashSet;

use super::people::Staff;
use super::rng::Rng;
use super::story;
use super::words::{BOTS, DEPARTMENTS, EXEC_DEPT, INTEREST_CHANNELS, PRIVATE_CHANNELS};
use super::{behaviour, DemoSpace, Home, Participation, Sim};
use crate::model::SpaceKind;

/// The spaces, and the ones the later steps name.
pub(super) struct Spaces {
    pub(super) spaces: Vec<DemoSpace>,
    pub(super) general: u32,
    pub(super) random: u32,
    pub(super) announcements: u32,
    pub(super) news: u32,
    /// Each department's channel.
    pub(super) dept_space: Vec<u32>,
    /// Each member's interests (indices into [`INTEREST_CHANNELS`]) and their channels.
    pub(super) interests_of: Vec<Vec<u8>>,
    pub(super) interest_space: Vec<u32>,
    /// Each private channel's members (sorted) and the channels.
    pub(super) private_members: Vec<Vec<u32>>,
    pub(super) private_space: Vec<u32>,
    /// The direct conversations and how many messages a month each has.
    pub(super) dm_spaces: Vec<(u32, f64)>,
    /// The channel each bot posts in.
    pub(super) bot_space: Vec<u32>,
}

/// Spaces as they are made, numbered in that order.
struct SpaceList {
    spaces: Vec<DemoSpace>,
    created_ms: i64,
}

impl SpaceList {
    fn add(&mut self, name: &str, kind: SpaceKind, purpose: &str, members: Vec<u32>) -> u32 {
        let i = self.spaces.len() as u32;
        self.spaces.push(DemoSpace {
            id: format!("s{:03}", i + 1),
            name: name.to_string(),
            kind,
            purpose: purpose.to_string(),
            members,
            created_ms: self.created_ms,
        });
        i
    }
}

/// Every space, with its members: the `n` members of `staff` (whose behaviour, `sims`, decides
/// who talks directly) and the bots after them.
pub(super) fn spaces(n: usize, staff: &Staff, sims: &[Sim], start_ms: i64, crng: &mut Rng) -> Spaces {
    let members_of_dept = &staff.members_of_dept;
    let humans: Vec<u32> = (0..n as u32).collect();
    let mut list = SpaceList { spaces: Vec::new(), created_ms: start_ms };
    let general = list.add("general", SpaceKind::Channel, "Company-wide news and conversation", humans.clone());
    let random = list.add("random", SpaceKind::Channel, "Anything and everything", humans.clone());
    let announcements = list.add(
        "announcements",
        SpaceKind::Channel,
        "Updates from the leadership team; reply in threads",
        humans.clone(),
    );
    let news = list.add(
        "company-news",
        SpaceKind::Channel,
        "News and weekly digests from Internal Communications",
        humans.clone(),
    );
    let dept_space: Vec<u32> = DEPARTMENTS
        .iter()
        .enumerate()
        .map(|(d, dept)| {
            list.add(dept.slug, SpaceKind::Channel, &format!("The {} team", dept.name), members_of_dept[d].clone())
        })
        .collect();
    let (interests_of, interest_space) = interests(&mut list, staff, crng);
    let private_members = private_members(&humans, staff);
    let private_space: Vec<u32> = PRIVATE_CHANNELS
        .iter()
        .zip(private_members.iter())
        .map(|(&(name, purpose), m)| list.add(name, SpaceKind::PrivateChannel, purpose, m.clone()))
        .collect();
    let talkers: Vec<u32> = humans.iter().copied().filter(|&i| sims[i as usize].rate > 0.0).collect();
    let dm_spaces = direct_conversations(&mut list, staff, if talkers.len() >= 2 { &talkers } else { &humans }, crng);
    let mut spaces = list.spaces;
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
    Spaces {
        spaces,
        general,
        random,
        announcements,
        news,
        dept_space,
        interests_of,
        interest_space,
        private_members,
        private_space,
        dm_spaces,
        bot_space,
    }
}

/// Everyone follows one to three cross-functional channels (the more they write, the more);
/// six in ten leaders also follow social leadership. Returns each member's interests and the
/// interests' channels.
fn interests(list: &mut SpaceList, staff: &Staff, crng: &mut Rng) -> (Vec<Vec<u8>>, Vec<u32>) {
    let (people, n) = (&staff.people, staff.dept_of.len());
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
        .map(|(c, &(name, purpose, _))| list.add(name, SpaceKind::Channel, purpose, interest_members[c].clone()))
        .collect();
    (interests_of, interest_space)
}

/// The members of each private channel, in the order of [`PRIVATE_CHANNELS`], sorted.
fn private_members(humans: &[u32], staff: &Staff) -> Vec<Vec<u32>> {
    let (people, members_of_dept, tops) = (&staff.people, &staff.members_of_dept, &staff.tops);
    let leaders: Vec<u32> = humans.iter().copied().filter(|&i| people[i as usize].leader).collect();
    let dept_idx = |slug: &str| DEPARTMENTS.iter().position(|d| d.slug == slug).unwrap_or(0);
    let first_of = |d: usize, k: usize| members_of_dept[d].iter().copied().take(k).collect::<Vec<u32>>();
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
    private_members
}

/// Direct conversations between people of the `pool` (those who write), six in ten within
/// a department, each with its monthly rate of messages.
fn direct_conversations(list: &mut SpaceList, staff: &Staff, pool: &[u32], crng: &mut Rng) -> Vec<(u32, f64)> {
    let (people, dept_of, members_of_dept, n) =
        (&staff.people, &staff.dept_of, &staff.members_of_dept, staff.dept_of.len());
    let dm_count = if n >= 2 { (n / 40).clamp(12, 400) } else { 0 };
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut seen_pairs = HashSet::new();
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
        let s = list.add(&name, SpaceKind::Direct, "", vec![a, b]);
        dm_spaces.push((s, 6.0 * crng.pareto(2.0)));
    }
    dm_spaces
}

/// Where each member takes part, and how much: their department, the company-wide channels,
/// their interests (responders also haunt #ask-anything, catalysts #wins) and their private
/// channels, with the weights the activity draws spaces by.
pub(super) fn homes(sp: &Spaces, staff: &Staff, cast: &behaviour::Cast, sims: &mut [Sim]) {
    let Spaces { general, random, announcements, news, .. } = *sp;
    let (dept_space, interests_of, interest_space) = (&sp.dept_space, &sp.interests_of, &sp.interest_space);
    let (private_members, private_space) = (&sp.private_members, &sp.private_space);
    let (people, ceo, comms, n) = (&staff.people, cast.ceo, cast.comms, sims.len());
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
        let extra = match sims[i].voice {
            Some(behaviour::Voice::Responder) => ask,
            Some(behaviour::Voice::Catalyst) => wins,
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
}
