//! Participation inequality over the segment's members: Gini, top shares, the Lorenz curve
//! and a comparison with the 90-9-1 rule. A contribution is a post or a reply.

use super::pass::Pass;

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LorenzPoint {
    /// Share of members, least contributing first.
    pub people: f64,
    /// Share of contributions they made.
    pub contributions: f64,
}

/// The window's participation against the 90-9-1 rule (90 % read, 9 % contribute a little,
/// 1 % make most of the contributions).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rule90_9_1 {
    /// Share of members with no post or reply (benchmark 0.90).
    pub lurkers: f64,
    /// Share of members who contributed but are not heavy contributors (benchmark 0.09).
    pub occasional: f64,
    /// Share of members in the smallest group that made half of all contributions
    /// (benchmark 0.01).
    pub heavy: f64,
    pub benchmark: [f64; 3],
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Inequality {
    pub members: u64,
    pub contributors: u64,
    pub contributions: u64,
    /// 0 = everyone contributes equally, towards 1 = one person does everything.
    /// `None` without contributions.
    pub gini: Option<f64>,
    /// Share of contributions by the top 1 % of members (at least one person).
    pub top1_share: Option<f64>,
    /// Share of contributions by the top 10 % of members (at least one person).
    pub top10_share: Option<f64>,
    pub lorenz: Vec<LorenzPoint>,
    pub rule_90_9_1: Option<Rule90_9_1>,
}

/// Smallest number of the (descending) values whose sum reaches half the total.
pub(crate) fn smallest_half(desc: &[u64], total: u64) -> usize {
    let mut sum = 0u64;
    for (i, &x) in desc.iter().enumerate() {
        sum += x;
        if 2 * sum >= total {
            return i + 1;
        }
    }
    desc.len()
}

pub(crate) fn compute(pass: &Pass, members: &[u32]) -> Option<Inequality> {
    of_values(members.iter().map(|&m| pass.acc[m as usize].contributions() as u64).collect())
}

/// Inequality over each member's contributions (zeros included), in any order.
pub(crate) fn of_values(mut x: Vec<u64>) -> Option<Inequality> {
    let n = x.len();
    if n == 0 {
        return None;
    }
    x.sort_unstable();
    let total: u64 = x.iter().sum();
    let contributors = x.iter().filter(|&&v| v > 0).count() as u64;
    let mut out = Inequality {
        members: n as u64,
        contributors,
        contributions: total,
        gini: None,
        top1_share: None,
        top10_share: None,
        lorenz: Vec::new(),
        rule_90_9_1: None,
    };
    if total == 0 {
        return Some(out);
    }
    let weighted: f64 = x.iter().enumerate().map(|(i, &v)| (i + 1) as f64 * v as f64).sum();
    let nf = n as f64;
    out.gini = Some((2.0 * weighted / (nf * total as f64) - (nf + 1.0) / nf).max(0.0));
    let top = |share: f64| {
        let k = ((share * nf).ceil() as usize).clamp(1, n);
        x[n - k..].iter().sum::<u64>() as f64 / total as f64
    };
    out.top1_share = Some(top(0.01));
    out.top10_share = Some(top(0.10));
    let mut cum = Vec::with_capacity(n + 1);
    cum.push(0u64);
    for &v in &x {
        cum.push(cum.last().copied().unwrap_or(0) + v);
    }
    let mut last = usize::MAX;
    for i in 0..=20usize {
        let k = (i * n + 10) / 20;
        if k != last {
            last = k;
            out.lorenz.push(LorenzPoint { people: k as f64 / nf, contributions: cum[k] as f64 / total as f64 });
        }
    }
    let desc: Vec<u64> = x.iter().rev().copied().collect();
    let heavy = smallest_half(&desc, total) as f64 / nf;
    let lurkers = (n as u64 - contributors) as f64 / nf;
    out.rule_90_9_1 = Some(Rule90_9_1 {
        lurkers,
        occasional: (1.0 - lurkers - heavy).max(0.0),
        heavy,
        benchmark: [0.90, 0.09, 0.01],
    });
    Some(out)
}
