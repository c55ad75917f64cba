//! The demo's first step: its members, shuffled into departments (sizes by weight, not
//! chance), with names, handles, titles and locations, and each department's leaders; then
//! the bots, who come after every person.

use super::rng::Rng;
use super::words::{self, BOTS, DEPARTMENTS, EXEC_DEPT, LOCATIONS};
use super::{DemoPerson, Participation, NONE};

/// The organisation's people and how they are grouped.
pub(super) struct Staff {
    /// The members, then (after [`add_bots`]) the bots.
    pub(super) people: Vec<DemoPerson>,
    /// Each member's department (an index into [`DEPARTMENTS`]).
    pub(super) dept_of: Vec<usize>,
    /// Each department's members, in the shuffled order: its head first.
    pub(super) members_of_dept: Vec<Vec<u32>>,
    /// The head of the executive office ([`NONE`] when it has nobody).
    pub(super) ceo: u32,
    /// Each department's head.
    pub(super) tops: Vec<u32>,
}

/// `n` members in departments, and their leaders: each department's first member heads it,
/// and one in sixty of the rest (at least one where it has eight people) leads under them.
pub(super) fn people(n: usize, start_ms: i64, prng: &mut Rng) -> Staff {
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
    Staff { people, dept_of, members_of_dept, ceo, tops }
}

/// The bots, after every person.
pub(super) fn add_bots(people: &mut Vec<DemoPerson>, start_ms: i64) {
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
