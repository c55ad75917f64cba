//! Headline insights: three to five plain sentences generated from the numbers, each tagged
//! with the view it links to (overview, funnel, leaderboard, clover, trends).

use super::{Analysis, Stage};

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

use super::compare::{Direction, Headline, Metric};
use super::words::{self, pct};

pub(crate) fn suppressed(min_group: usize) -> Vec<Insight> {
    vec![insight(
        DashboardView::Overview,
        format!("This segment has fewer than {min_group} people, so its numbers are hidden to protect their privacy."),
    )]
}

fn stage_words(stage: Stage) -> &'static str {
    match stage {
        Stage::Workforce | Stage::Members => "have an account",
        Stage::Active => "took part at all",
        Stage::Contributors => "posted or replied",
        Stage::Engaged => "both gave and received responses",
        Stage::Champions => "kept posting in at least half of the weeks",
    }
}

pub(crate) fn headline(a: &Analysis, pass: &super::Facts, min_base: u64) -> Vec<Insight> {
    let mut out = Vec::new();
    let (members, active, contributors) =
        (a.count(Stage::Members), a.count(Stage::Active), a.count(Stage::Contributors));
    let period = match (&a.window.from, &a.window.to) {
        (Some(f), Some(t)) => format!("between {f} and {t}"),
        _ => "in this window".to_string(),
    };
    if members == 0 {
        out.push(insight(DashboardView::Overview, format!("Nobody took part {period}.")));
        return out;
    }
    out.push(insight(
        DashboardView::Overview,
        if members < min_base {
            format!("{active} of {members} members were active {period}, and {contributors} posted or replied.")
        } else {
            format!(
                "{} of {} members ({}) were active {period}, and {} posted or replied.",
                words::count(active),
                words::count(members),
                pct(active as f64 / members as f64),
                words::count(contributors)
            )
        },
    ));

    // Against the baseline: Clover maturity, then the indicator that moved most (by points,
    // among those with bases large enough to compare).
    let clover_change = a.changes.iter().find(|c| c.metric == Metric::Headline(Headline::Clover));
    if let Some(c) = clover_change {
        out.push(insight(DashboardView::Clover, c.text.clone()));
    }
    let mover = a
        .changes
        .iter()
        .filter(|c| matches!(c.metric, Metric::Indicator(_)) && !c.small_base && c.direction != Direction::Same)
        .max_by(|x, y| x.change.abs().total_cmp(&y.change.abs()));
    if let Some(c) = mover {
        out.push(insight(DashboardView::Clover, c.text.clone()));
    }

    // The funnel's biggest drop (workforce → members only when a roster gives the workforce).
    let first = if a.funnel.first().is_some_and(|w| w.count != members) { 1 } else { 2 };
    let drop = a
        .funnel
        .iter()
        .enumerate()
        .skip(first)
        .filter_map(|(i, f)| f.conversion.map(|c| (c, i)))
        .min_by(|x, y| x.0.total_cmp(&y.0));
    if let Some((c, i)) = drop {
        if c < 1.0 {
            let (prev, stage) = (&a.funnel[i - 1], &a.funnel[i]);
            let share = if prev.count < min_base { format!("{} of {}", stage.count, prev.count) } else { pct(c) };
            out.push(insight(
                DashboardView::Funnel,
                format!(
                    "The biggest drop in the funnel is from {} to {}: {share} of {} people {}.",
                    prev.stage,
                    stage.stage,
                    prev.stage,
                    stage_words(stage.stage)
                ),
            ));
        }
    }

    if let Some(ineq) = &a.inequality {
        if let Some(top10) = ineq.top10_share {
            out.push(insight(
                DashboardView::Leaderboard,
                format!("The most active 10 % of members wrote {} of all posts and replies.", pct(top10)),
            ));
        }
    }

    if pass.staff_threads > 0 {
        let (led, all) = (pass.staff_threads_led, pass.staff_threads);
        out.push(insight(
            DashboardView::Clover,
            if all < min_base {
                format!("Leaders answered {led} of {all} staff threads.")
            } else {
                format!(
                    "Leaders answered {} of staff threads ({} of {}).",
                    pct(led as f64 / all as f64),
                    words::count(led),
                    words::count(all)
                )
            },
        ));
    } else if let Some(clover) = &a.clover {
        let weakest = clover.leaves.iter().filter_map(|l| l.score.map(|s| (s, l))).min_by(|x, y| x.0.total_cmp(&y.0));
        if let Some((s, leaf)) = weakest {
            let advice = leaf.recommendations.first().cloned().unwrap_or_default();
            out.push(insight(
                DashboardView::Clover,
                format!("The weakest Clover leaf is {} ({s:.0} of 100). {advice}", leaf.leaf.id()),
            ));
        }
    }

    if let Some(text) = weekly_trend(a, min_base) {
        out.push(insight(DashboardView::Trends, text));
    }
    out.truncate(5);
    out
}

/// Weekly active people over the last four complete weeks against the four before (a week
/// the window cuts is left out), with the small-base rule.
fn weekly_trend(a: &Analysis, min_base: u64) -> Option<String> {
    let from = crate::civil::parse_date(a.window.from.as_deref()?)?;
    let to = crate::civil::parse_date(a.window.to.as_deref()?)?;
    // Weekday 0 is Monday (1970-01-01 was a Thursday).
    let first_cut = (from + 3).rem_euclid(7) != 0;
    let last_cut = (to + 3).rem_euclid(7) != 6;
    let end = a.series.len().saturating_sub(last_cut as usize);
    let start = first_cut as usize;
    if end < start + 8 {
        return None;
    }
    let avg = |r: std::ops::Range<usize>| a.series[r].iter().map(|w| w.active as f64).sum::<f64>() / 4.0;
    let (before, last) = (avg(end - 8..end - 4), avg(end - 4..end));
    let (b, l) = (before.round() as i64, last.round() as i64);
    let small = before < min_base as f64 || last < min_base as f64;
    let weeks = "over the last four complete weeks";
    Some(if b == l {
        format!("Weekly active people held steady {weeks} (about {} a week).", words::count(l.max(0) as u64))
    } else if small || before == 0.0 {
        format!(
            "Weekly active people {} from {} to {} a week {weeks} ({}; too few to compare as a percentage).",
            if l > b { "rose" } else { "fell" },
            words::count(b.max(0) as u64),
            words::count(l.max(0) as u64),
            words::signed(l - b)
        )
    } else {
        let change = (last - before) / before;
        format!(
            "Weekly active people {} by {} {weeks} (from {} to {} a week).",
            if change > 0.0 { "rose" } else { "fell" },
            pct(change.abs()),
            words::count(b as u64),
            words::count(l as u64)
        )
    })
}
