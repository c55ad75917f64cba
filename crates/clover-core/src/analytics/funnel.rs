//! The adoption funnel: workforce ⊇ members ⊇ active ⊇ contributors ⊇ engaged ⊇ champions,
//! for the window, month by month, and cohort retention by month of first contribution.

use super::pass::Pass;
use super::window::Scope;
use crate::civil;
use crate::model::Dataset;

/// The stages activity reports can count: a subset of the six (`docs/metrics.md`).
pub const REPORT_STAGES: usize = 4;

/// A stage of the adoption funnel. Serialised in snake_case (`"contributors"`): the CLI's JSON,
/// the worker protocol and the page's test hooks all use these names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Workforce,
    Members,
    Active,
    Contributors,
    Engaged,
    Champions,
}

impl Stage {
    /// The six stages, in funnel order (each a subset of the one before).
    pub const ALL: [Stage; 6] =
        [Stage::Workforce, Stage::Members, Stage::Active, Stage::Contributors, Stage::Engaged, Stage::Champions];

    /// The serialised name (`"engaged"`).
    pub fn id(self) -> &'static str {
        match self {
            Stage::Workforce => "workforce",
            Stage::Members => "members",
            Stage::Active => "active",
            Stage::Contributors => "contributors",
            Stage::Engaged => "engaged",
            Stage::Champions => "champions",
        }
    }

    /// Its name as a label (`Engaged (two-way)`).
    pub fn title(self) -> &'static str {
        match self {
            Stage::Workforce => "Workforce",
            Stage::Members => "Members",
            Stage::Active => "Active",
            Stage::Contributors => "Contributors",
            Stage::Engaged => "Engaged (two-way)",
            Stage::Champions => "Champions",
        }
    }

    /// Its position in the funnel (workforce 0 … champions 5).
    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.id())
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FunnelStage {
    pub stage: Stage,
    pub count: u64,
    /// Share of the previous stage that reached this one (`None` for the first stage and
    /// when the previous stage is empty).
    pub conversion: Option<f64>,
    /// People of the previous stage who did not reach this one.
    pub drop_off: Option<u64>,
    /// Share of members (`None` when there are no members).
    pub of_members: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MonthFunnel {
    /// `YYYY-MM`.
    pub month: String,
    pub workforce: u64,
    pub members: u64,
    pub active: u64,
    pub contributors: u64,
    pub engaged: u64,
    pub champions: u64,
}

/// People whose first post or reply (in the counted spaces) fell in `month`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Cohort {
    pub month: String,
    pub size: u64,
    /// `contributing[k]`: how many of them posted or replied in the k-th month from the first.
    pub contributing: Vec<u64>,
    /// `contributing[k] / size`.
    pub retention: Vec<f64>,
}

/// The segment's members: its people who had joined by the window's last day, leaving out
/// deactivated people with no activity in the window.
pub(crate) fn members(ds: &Dataset, sc: &Scope, pass: &Pass) -> Vec<u32> {
    (0..ds.people.len())
        .filter(|&i| sc.in_seg[i] && sc.joined_by_end(i) && (!sc.fixed.deactivated[i] || pass.acc[i].active()))
        .map(|i| i as u32)
        .collect()
}

/// The workforce stage: the roster's headcount (never below members) when a roster is loaded
/// and the segment does not filter people, else the members.
fn workforce(ds: &Dataset, sc: &Scope, members: u64) -> u64 {
    match &ds.roster {
        Some(r) if !sc.people_filter => r.headcount.max(members),
        _ => members,
    }
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

pub(crate) fn funnel(ds: &Dataset, sc: &Scope, pass: &Pass, members: &[u32]) -> Vec<FunnelStage> {
    let threshold = Scope::champion_weeks(sc.nweeks);
    let (mut active, mut contributors, mut engaged, mut champions) = (0u64, 0u64, 0u64, 0u64);
    for &p in members {
        let a = &pass.acc[p as usize];
        active += a.active() as u64;
        contributors += (a.contributions() > 0) as u64;
        if a.engaged() {
            engaged += 1;
            champions += (a.contrib_weeks >= threshold) as u64;
        }
    }
    let m = members.len() as u64;
    let counts = [workforce(ds, sc, m), m, active, contributors, engaged, champions];
    stages(&counts)
}

/// The stages of these counts, in funnel order from the workforce: all six from a message
/// export, the first four from activity reports (which cannot tell engaged contributors and
/// champions, so have no such stages rather than zeros).
pub(crate) fn stages(counts: &[u64]) -> Vec<FunnelStage> {
    let m = counts.get(1).copied().unwrap_or(0);
    Stage::ALL
        .iter()
        .take(counts.len())
        .enumerate()
        .map(|(i, &stage)| FunnelStage {
            stage,
            count: counts[i],
            conversion: if i == 0 { None } else { ratio(counts[i], counts[i - 1]) },
            drop_off: if i == 0 { None } else { Some(counts[i - 1].saturating_sub(counts[i])) },
            of_members: ratio(counts[i], m),
        })
        .collect()
}

pub(crate) fn by_month(ds: &Dataset, sc: &Scope, pass: &Pass) -> Vec<MonthFunnel> {
    let b = &pass.bits;
    let n = sc.nmonths;
    // Each month's ISO weeks (first, last) and its champion threshold.
    let spans: Vec<(usize, usize, u32)> = (0..n)
        .map(|m| {
            let (fd, ld) = sc.month_days(m);
            let (wa, wb) = (sc.day_week[fd] as usize, sc.day_week[ld] as usize);
            (wa, wb, Scope::champion_weeks(wb - wa + 1))
        })
        .collect();
    // Person by person (each one's bits are adjacent), visiting only the months they were
    // active in. People who are not deactivated are members of every month from the one
    // they joined in (counted by join month, then summed); deactivated people only of the
    // months they were active in (they had joined by then: a join is never after a first
    // activity).
    let (mut joins, mut members, mut active) = (vec![0u64; n + 1], vec![0u64; n], vec![0u64; n]);
    let (mut contributors, mut engaged, mut champions) = (vec![0u64; n], vec![0u64; n], vec![0u64; n]);
    for p in (0..ds.people.len()).filter(|&p| sc.in_seg[p]) {
        let deactivated = sc.fixed.deactivated[p];
        if !deactivated {
            let joined = sc.fixed.joined_day[p];
            let month = if joined < sc.from_day { 0 } else { (civil::month_index(joined) - sc.month0).max(0) as usize };
            joins[month.min(n)] += 1;
        }
        for m in b.ones(p, b.active_m, n) {
            active[m] += 1;
            members[m] += deactivated as u64;
        }
        // A contribution is also activity: contributors are active in their months.
        for m in b.ones(p, b.contrib_m, n) {
            contributors[m] += 1;
            if b.get(p, b.gave_m, m) && b.get(p, b.recv_m, m) {
                engaged[m] += 1;
                let (wa, wb, threshold) = spans[m];
                champions[m] += (b.count(p, b.contrib_w, wa, wb) >= threshold) as u64;
            }
        }
    }
    let mut joined = 0u64;
    let always: Vec<u64> = joins[..n]
        .iter()
        .map(|&j| {
            joined += j;
            joined
        })
        .collect();
    (0..n)
        .map(|m| {
            let members = always[m] + members[m];
            MonthFunnel {
                month: sc.month_label(m),
                workforce: workforce(ds, sc, members),
                members,
                active: active[m],
                contributors: contributors[m],
                engaged: engaged[m],
                champions: champions[m],
            }
        })
        .collect()
}

pub(crate) fn cohorts(ds: &Dataset, sc: &Scope, pass: &Pass) -> Vec<Cohort> {
    let n = sc.nmonths;
    let b = &pass.bits;
    let mut size = vec![0u64; n];
    let mut grid: Vec<Vec<u64>> = (0..n).map(|c| vec![0u64; n - c]).collect();
    for p in 0..ds.people.len() {
        if !sc.in_seg[p] || pass.acc[p].before || pass.acc[p].contributions() == 0 {
            continue;
        }
        let mut months = b.ones(p, b.contrib_m, n);
        let Some(first) = months.next() else { continue };
        size[first] += 1;
        grid[first][0] += 1;
        for m in months {
            grid[first][m - first] += 1;
        }
    }
    (0..n)
        .filter(|&c| size[c] > 0)
        .map(|c| Cohort {
            month: sc.month_label(c),
            size: size[c],
            retention: grid[c].iter().map(|&x| x as f64 / size[c] as f64).collect(),
            contributing: std::mem::take(&mut grid[c]),
        })
        .collect()
}
