//! Headline insights: three to five plain sentences generated from the numbers, each tagged
//! with the view it links to (overview, funnel, leaderboard, clover, trends).

use super::pass::Pass;
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
        f.write_str(self.id())
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

fn pct(x: f64) -> String {
    let p = x * 100.0;
    if p > 0.0 && p < 1.0 {
        "under 1 %".to_string()
    } else {
        format!("{:.0} %", p)
    }
}

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

pub(crate) fn headline(a: &Analysis, pass: &Pass) -> Vec<Insight> {
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
        format!(
            "{active} of {members} members ({}) were active {period}, and {contributors} posted or replied.",
            pct(active as f64 / members as f64)
        ),
    ));

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
            let prev = a.funnel[i - 1].stage;
            let stage = a.funnel[i].stage;
            out.push(insight(
                DashboardView::Funnel,
                format!(
                    "The biggest drop in the funnel is from {prev} to {stage}: {} of {prev} people {}.",
                    pct(c),
                    stage_words(stage)
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
        out.push(insight(
            DashboardView::Clover,
            format!(
                "Leaders answered {} of staff threads ({} of {}).",
                pct(pass.staff_threads_led as f64 / pass.staff_threads as f64),
                pass.staff_threads_led,
                pass.staff_threads
            ),
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

    let n = a.series.len();
    if n >= 8 {
        let avg = |r: std::ops::Range<usize>| a.series[r].iter().map(|w| w.active as f64).sum::<f64>() / 4.0;
        let (before, last) = (avg(n - 8..n - 4), avg(n - 4..n));
        if before > 0.0 {
            let change = (last - before) / before;
            let text = if change.abs() < 0.05 {
                format!("Weekly active people held steady over the last four weeks (about {last:.0} a week).")
            } else {
                format!(
                    "Weekly active people {} by {} over the last four weeks (from {before:.0} to {last:.0} a week).",
                    if change > 0.0 { "rose" } else { "fell" },
                    pct(change.abs())
                )
            };
            out.push(insight(DashboardView::Trends, text));
        }
    }
    out.truncate(5);
    out
}
