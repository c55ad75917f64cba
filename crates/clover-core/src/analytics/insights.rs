//! Headline insights: three to five plain sentences generated from the numbers, each tagged
//! with the view it links to (overview, funnel, leaderboard, clover, trends).

use super::{Analysis, DataKind, Stage};

/// The dashboard view an insight links to, where its numbers are shown in full.
/// Serialised in snake_case (`"leaderboard"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DashboardView {
    Overview,
    Funnel,
    Leaderboard,
    Clover,
    Trends,
}

impl DashboardView {
    /// The serialised name (`"funnel"`).
    pub fn id(self) -> &'static str {
        match self {
            DashboardView::Overview => "overview",
            DashboardView::Funnel => "funnel",
            DashboardView::Leaderboard => "leaderboard",
            DashboardView::Clover => "clover",
            DashboardView::Trends => "trends",
        }
    }
}

impl std::fmt::Display for DashboardView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.id())
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Insight {
    pub view: DashboardView,
    pub text: String,
}

fn insight(view: DashboardView, text: String) -> Insight {
    Insight { view, text }
}

use super::claims::{Claim, People};
use super::compare::{Direction, Headline, Metric};

pub(crate) fn suppressed(min_group: usize) -> Vec<Insight> {
    vec![insight(DashboardView::Overview, Claim::Suppressed { min_group }.text())]
}

/// The headline insights' sentences.
pub(crate) fn headline(a: &Analysis) -> Vec<Insight> {
    claims(a).into_iter().map(|(view, c)| insight(view, c.text())).collect()
}

/// The claims behind the headline insights, each with the view it links to.
pub(crate) fn claims(a: &Analysis) -> Vec<(DashboardView, Claim)> {
    if a.suppressed {
        return vec![(DashboardView::Overview, Claim::Suppressed { min_group: a.segment.min_group })];
    }
    let min_base = a.segment.min_base;
    let people = People::of(a.member_list);
    let mut out = Vec::new();
    let (members, active, contributors) =
        (a.count(Stage::Members), a.count(Stage::Active), a.count(Stage::Contributors));
    let period = match (&a.window.from, &a.window.to) {
        (Some(f), Some(t)) if f == t => format!("on {f}"),
        (Some(f), Some(t)) => format!("between {f} and {t}"),
        _ => "in this window".to_string(),
    };
    if active == 0 {
        out.push((DashboardView::Overview, Claim::NobodyTookPart { period }));
        return out;
    }
    let percent = members >= min_base;
    out.push((
        DashboardView::Overview,
        match a.data {
            DataKind::Export => Claim::ActiveOfMembers { active, members, contributors, period, percent, people },
            DataKind::Reports => Claim::ReportActive { active, members, contributors, period, percent },
        },
    ));

    if let Some(r) = &a.readers {
        out.push((
            DashboardView::Funnel,
            Claim::ReportReaders { readers: r.readers, report: r.report.clone(), window: r.window.clone() },
        ));
    }

    // Against the baseline: Clover maturity, then the indicator that moved most (by points,
    // among those with bases large enough to compare).
    if let Some(c) = a.changes.iter().find(|c| c.metric == Metric::Headline(Headline::Clover)) {
        out.push((DashboardView::Clover, Claim::Changed(Box::new(c.clone()))));
    }
    let mover = a
        .changes
        .iter()
        .filter(|c| matches!(c.metric, Metric::Indicator(_)) && !c.small_base && c.direction != Direction::Same)
        .max_by(|x, y| x.change.abs().total_cmp(&y.change.abs()));
    if let Some(c) = mover {
        out.push((DashboardView::Clover, Claim::Changed(Box::new(c.clone()))));
    }

    if let Some(c) = funnel_drop(a, people) {
        out.push((DashboardView::Funnel, c));
    }
    if let Some(c) = concentration(a, people) {
        out.push((DashboardView::Leaderboard, c));
    }

    let clover = a.clover.as_ref();
    if let Some(r) = clover.and_then(|c| c.leaders_answered) {
        out.push((
            DashboardView::Clover,
            Claim::LeadersAnswered { answered: r.part, threads: r.whole, percent: r.whole >= min_base },
        ));
    } else if let Some(clover) = clover {
        let weakest = clover.leaves.iter().filter_map(|l| l.score.map(|s| (s, l))).min_by(|x, y| x.0.total_cmp(&y.0));
        // A weakest leaf on target is no news: every measured indicator meets its target.
        if let Some((score, leaf)) = weakest.filter(|(s, _)| s.round() < 100.0) {
            if let Some(advice) = leaf.recommendations.first() {
                out.push((
                    DashboardView::Clover,
                    Claim::WeakestLeaf { leaf: leaf.leaf, score, advice: advice.clone() },
                ));
            }
        }
    }

    if let Some(c) = weekly_trend(a, min_base) {
        out.push((DashboardView::Trends, c));
    }
    out.truncate(5);
    out
}

/// The funnel's biggest drop: the lowest conversion between two stages. Workforce → members
/// counts only when a roster gives the workforce, and members → active only when the export
/// lists its members (without a list, everyone seen was active, by construction).
fn funnel_drop(a: &Analysis, people: People) -> Option<Claim> {
    let members = a.count(Stage::Members);
    let roster = a.funnel.first().is_some_and(|w| w.count != members);
    let first = if roster {
        1
    } else if a.member_list {
        2
    } else {
        3
    };
    // Champions need two weeks: in a shorter window there are none by construction.
    let last = if a.window.weeks < 2 { Stage::Engaged.index() } else { Stage::Champions.index() };
    let (c, i) = a
        .funnel
        .iter()
        .enumerate()
        .take(last + 1)
        .skip(first)
        .filter_map(|(i, f)| f.conversion.map(|c| (c, i)))
        .min_by(|x, y| x.0.total_cmp(&y.0))?;
    if c >= 1.0 {
        return None;
    }
    let (prev, stage) = (&a.funnel[i - 1], &a.funnel[i]);
    Some(Claim::FunnelDrop {
        from: prev.stage,
        to: stage.stage,
        part: stage.count,
        whole: prev.count,
        percent: prev.count >= a.segment.min_base,
        people,
        data: a.data,
    })
}

/// How concentrated contributions are: the top 10 %'s share when there are enough members
/// for a tenth to mean something and contributors beyond it (else the share is 100 % by
/// construction, and the sentence says how few people wrote everything).
fn concentration(a: &Analysis, people: People) -> Option<Claim> {
    let ineq = a.inequality.as_ref()?;
    let (members, contributors) = (ineq.members, ineq.contributors);
    if contributors == 0 {
        return None;
    }
    let top = (members as f64 * 0.1).ceil().max(1.0) as u64;
    let min_base = a.segment.min_base;
    if members >= min_base && contributors > top {
        let share = ineq.top10_share?;
        return Some(Claim::TopTenShare { top, members, share, people, data: a.data });
    }
    Some(Claim::AllFromFew { contributors, members, percent: members >= min_base, people, data: a.data })
}

/// Weekly active people over the last four complete weeks against the four before (a week
/// the window cuts is left out), with the small-base rule.
fn weekly_trend(a: &Analysis, min_base: u64) -> Option<Claim> {
    let from = crate::civil::parse_date(a.window.from.as_deref()?)?;
    let to = crate::civil::parse_date(a.window.to.as_deref()?)?;
    // A week the window cuts starts before it or ends after it (the series of an export
    // holds every week the window touches; one from a Slack overview only whole weeks).
    let monday = |w: &super::WeekPoint| crate::civil::parse_date(&w.start);
    let first_cut = a.series.first().and_then(monday).is_some_and(|m| m < from);
    let last_cut = a.series.last().and_then(monday).is_some_and(|m| m + 6 > to);
    let end = a.series.len().saturating_sub(last_cut as usize);
    let start = first_cut as usize;
    if end < start + 8 {
        return None;
    }
    let avg = |r: std::ops::Range<usize>| a.series[r].iter().map(|w| w.active as f64).sum::<f64>() / 4.0;
    let (before, last) = (avg(end - 8..end - 4), avg(end - 4..end));
    let (b, l) = (before.round() as u64, last.round() as u64);
    let small = before < min_base as f64 || last < min_base as f64;
    if b == 0 && l == 0 {
        // Nobody active in eight weeks: no trend to speak of.
        return None;
    }
    Some(if b == l {
        Claim::WeeklySteady { per_week: l }
    } else if small || before == 0.0 {
        Claim::WeeklyMovedFew { before: b, last: l }
    } else {
        Claim::WeeklyMovedPct { before: b, last: l, change: (last - before) / before }
    })
}
