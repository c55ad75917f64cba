//! The adoption funnel: workforce ⊇ members ⊇ active ⊇ contributors ⊇ engaged ⊇ champions,
//! for the window, month by month, and cohort retention by month of first contribution.

use super::pass::Pass;
use super::window::Scope;
use crate::model::Dataset;

/// The stage names, in order.
pub const STAGES: [&str; 6] = ["workforce", "members", "active", "contributors", "engaged", "champions"];

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FunnelStage {
    pub stage: String,
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

/// The segment's members: its people, leaving out deactivated people with no activity in the
/// window.
pub(crate) fn members(ds: &Dataset, sc: &Scope, pass: &Pass) -> Vec<u32> {
    (0..ds.people.len())
        .filter(|&i| sc.in_seg[i] && (!ds.people[i].deactivated || pass.acc[i].active()))
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

pub(crate) fn stages(counts: &[u64; 6]) -> Vec<FunnelStage> {
    let m = counts[1];
    STAGES
        .iter()
        .enumerate()
        .map(|(i, name)| FunnelStage {
            stage: name.to_string(),
            count: counts[i],
            conversion: if i == 0 { None } else { ratio(counts[i], counts[i - 1]) },
            drop_off: if i == 0 { None } else { Some(counts[i - 1].saturating_sub(counts[i])) },
            of_members: ratio(counts[i], m),
        })
        .collect()
}

pub(crate) fn by_month(ds: &Dataset, sc: &Scope, pass: &Pass) -> Vec<MonthFunnel> {
    let b = &pass.bits;
    // The segment's people and whether they are deactivated, read once for every month.
    let seg: Vec<(usize, bool)> =
        (0..ds.people.len()).filter(|&i| sc.in_seg[i]).map(|i| (i, ds.people[i].deactivated)).collect();
    (0..sc.nmonths)
        .map(|m| {
            let (fd, ld) = sc.month_days(m);
            let (wa, wb) = (sc.day_week[fd] as usize, sc.day_week[ld] as usize);
            let threshold = Scope::champion_weeks(wb - wa + 1);
            let mut f = MonthFunnel {
                month: sc.month_label(m),
                workforce: 0,
                members: 0,
                active: 0,
                contributors: 0,
                engaged: 0,
                champions: 0,
            };
            for &(p, deactivated) in &seg {
                let active = b.get(p, b.active_m, m);
                if deactivated && !active {
                    continue;
                }
                f.members += 1;
                f.active += active as u64;
                if !b.get(p, b.contrib_m, m) {
                    continue;
                }
                f.contributors += 1;
                if b.get(p, b.gave_m, m) && b.get(p, b.recv_m, m) {
                    f.engaged += 1;
                    f.champions += (b.count(p, b.contrib_w, wa, wb) >= threshold) as u64;
                }
            }
            f.workforce = workforce(ds, sc, f.members);
            f
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
