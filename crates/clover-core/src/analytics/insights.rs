//! Headline insights: three to five plain sentences generated from the numbers, each tagged
//! with the view it links to (overview, funnel, leaderboard, clover, trends).

use super::pass::Pass;
use super::Analysis;

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Insight {
    /// `overview`, `funnel`, `leaderboard`, `clover` or `trends`.
    pub view: String,
    pub text: String,
}

fn insight(view: &str, text: String) -> Insight {
    Insight { view: view.to_string(), text }
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
        "overview",
        format!("This segment has fewer than {min_group} people, so its numbers are hidden to protect their privacy."),
    )]
}

fn stage_words(stage: &str) -> &'static str {
    match stage {
        "members" => "have an account",
        "active" => "took part at all",
        "contributors" => "posted or replied",
        "engaged" => "both gave and received responses",
        _ => "kept posting in at least half of the weeks",
    }
}

pub(crate) fn headline(a: &Analysis, pass: &Pass) -> Vec<Insight> {
    let mut out = Vec::new();
    let count = |s: &str| a.funnel.iter().find(|f| f.stage == s).map_or(0, |f| f.count);
    let (members, active, contributors) = (count("members"), count("active"), count("contributors"));
    let period = match (&a.window.from, &a.window.to) {
        (Some(f), Some(t)) => format!("between {f} and {t}"),
        _ => "in this window".to_string(),
    };
    if members == 0 {
        out.push(insight("overview", format!("Nobody took part {period}.")));
        return out;
    }
    out.push(insight(
        "overview",
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
            let prev = &a.funnel[i - 1].stage;
            let stage = &a.funnel[i].stage;
            out.push(insight(
                "funnel",
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
                "leaderboard",
                format!("The most active 10 % of members wrote {} of all posts and replies.", pct(top10)),
            ));
        }
    }

    if pass.staff_threads > 0 {
        out.push(insight(
            "clover",
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
            out.push(insight("clover", format!("The weakest Clover leaf is {} ({s:.0} of 100). {advice}", leaf.leaf)));
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
            out.push(insight("trends", text));
        }
    }
    out.truncate(5);
    out
}
