//! Comparing the window with a baseline, honestly (`docs/metrics.md`, "Comparisons"):
//! which window is the baseline, the baseline's numbers, and for each headline metric how it
//! changed, in a sentence that follows the rules leaders can trust:
//!
//! - a relative change (%) only when both periods' bases (people or events) reach
//!   `params.min_base`; below it, the absolute change and "too few to compare as a
//!   percentage";
//! - a share always with its numerator and denominator in both periods;
//! - a partial period (its first or last calendar unit not fully in the data) said so;
//! - a change that rounds to nothing on screen is "held steady", not a rise or a fall.

use super::clover::{IndicatorId, LeafName, Ratio};
use super::funnel::{FunnelStage, Stage};
use super::periods;
use super::personas::PersonaCounts;
use super::{Analysis, Clover, Compare, Params, Totals, Window};
use crate::words;

/// The numbers of the window compared with.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Baseline {
    pub window: Window,
    /// The segment has fewer people than the privacy floor in the baseline: no numbers.
    pub suppressed: bool,
    pub totals: Option<Totals>,
    pub funnel: Vec<FunnelStage>,
    pub personas: Option<PersonaCounts>,
    pub clover: Option<Clover>,
    /// Why nothing is compared (no data in the baseline, or it is suppressed), or None.
    pub note: Option<String>,
}

impl Baseline {
    /// The baseline part of a (brief) analysis of the baseline window.
    pub(crate) fn from_analysis(a: Analysis) -> Baseline {
        let label = a.window.label.clone().unwrap_or_else(|| "the baseline window".to_string());
        let note = if a.window.days == 0 {
            Some(format!("There is no data in {label} to compare with."))
        } else if a.suppressed {
            Some(format!(
                "Fewer than {} people of this segment were members in {label}: the comparison is hidden to protect their privacy.",
                a.segment.min_group
            ))
        } else {
            None
        };
        Baseline {
            window: a.window,
            suppressed: a.suppressed,
            totals: a.totals,
            funnel: a.funnel,
            personas: a.personas,
            clover: a.clover,
            note,
        }
    }

    fn count(&self, s: Stage) -> Option<u64> {
        self.funnel.iter().find(|f| f.stage == s).map(|f| f.count)
    }
}

/// The baseline window for `p`, from the window asked for (the data's range where it is not
/// set), or None when nothing is compared.
pub(crate) fn baseline_window(p: &Params, data: Option<(i64, i64)>) -> Option<(i64, i64)> {
    let (first, last) = data?;
    let (from, to) = (p.from.unwrap_or(first), p.to.unwrap_or(last));
    if from > to {
        return None;
    }
    match p.compare {
        Compare::None => None,
        Compare::Previous => Some(periods::previous(from, to)),
        Compare::Year => Some(periods::year_earlier(from, to)),
        Compare::Window { from, to } => (from <= to).then_some((from, to)),
    }
}

/// A headline number that is not a funnel stage, a leaf or an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Headline {
    /// Active members ÷ members.
    ActiveShare,
    /// The overall Clover maturity score.
    Clover,
    /// Activity reports: members active without posting (active − contributors).
    Readers,
}

/// What a change is about. Serialised as the metric's own name: a funnel stage
/// (`"contributors"`), `"active_share"`, `"clover"`, a leaf (`"leadership"`) or an
/// indicator (`"leader_activation"`); the names do not overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Metric {
    Stage(Stage),
    Headline(Headline),
    Leaf(LeafName),
    Indicator(IndicatorId),
}

/// How a metric's values read: a number of people, a share (0–1), a score (0–100).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricUnit {
    People,
    Share,
    Score,
}

/// Which way a metric moved, as shown (a change that rounds to nothing is `Same`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
    Same,
}

/// How one headline metric changed against the baseline.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Change {
    pub metric: Metric,
    /// Its name as people read it ("Leader activation").
    pub name: String,
    pub unit: MetricUnit,
    pub current: f64,
    pub baseline: f64,
    /// `current − baseline`: people, a share's difference (0.14 = 14 points), score points.
    pub change: f64,
    /// `change ÷ baseline`, only when both bases reach `params.min_base` and the baseline
    /// is not zero.
    pub relative: Option<f64>,
    /// A share's counts in each period.
    pub current_ratio: Option<Ratio>,
    pub baseline_ratio: Option<Ratio>,
    /// The people or events the metric rests on, in each period (the base of the small-base
    /// rule).
    pub current_base: u64,
    pub baseline_base: u64,
    /// A base below `params.min_base`: no relative change.
    pub small_base: bool,
    pub direction: Direction,
    /// The window or the baseline is a partial period.
    pub partial: bool,
    /// The sentence that says it all, with its numbers.
    pub text: String,
}

fn stage_name(s: Stage) -> &'static str {
    match s {
        Stage::Workforce => "The workforce",
        Stage::Members => "Members",
        Stage::Active => "Active people",
        Stage::Contributors => "Contributors",
        Stage::Engaged => "Engaged contributors",
        Stage::Champions => "Champions",
    }
}

/// One metric's values in a period: the value, its counts when it is a share, its base.
#[derive(Clone, Copy)]
struct Reading {
    value: f64,
    ratio: Option<Ratio>,
    base: u64,
}

fn readings(metric: Metric, funnel: &[FunnelStage], clover: Option<&Clover>, members: u64) -> Option<Reading> {
    let count = |s: Stage| funnel.iter().find(|f| f.stage == s).map(|f| f.count);
    match metric {
        Metric::Stage(s) => count(s).map(|c| Reading { value: c as f64, ratio: None, base: c }),
        Metric::Headline(Headline::ActiveShare) => {
            let (active, members) = (count(Stage::Active)?, count(Stage::Members)?);
            (members > 0).then(|| Reading {
                value: active as f64 / members as f64,
                ratio: Some(Ratio { part: active, whole: members }),
                base: members,
            })
        }
        Metric::Headline(Headline::Clover) => clover?.overall.map(|v| Reading { value: v, ratio: None, base: members }),
        Metric::Headline(Headline::Readers) => {
            let readers = count(Stage::Active)?.saturating_sub(count(Stage::Contributors)?);
            Some(Reading { value: readers as f64, ratio: None, base: readers })
        }
        Metric::Leaf(leaf) => {
            let l = clover?.leaf(leaf)?;
            // A leaf rests on its thinnest indicator: a leadership score from five leaders is a
            // small base however many members there are.
            let base = l.indicators.iter().filter_map(|i| i.ratio.map(|r| r.whole)).min().unwrap_or(members);
            l.score.map(|v| Reading { value: v, ratio: None, base })
        }
        Metric::Indicator(id) => {
            let i = clover?.indicator(id)?;
            let r = i.ratio?;
            i.value.map(|v| Reading { value: v, ratio: Some(r), base: r.whole })
        }
    }
}

/// The metrics compared, in the order the changes list them.
fn metrics() -> Vec<Metric> {
    let mut m: Vec<Metric> = Stage::ALL.into_iter().map(Metric::Stage).collect();
    m.push(Metric::Headline(Headline::ActiveShare));
    m.push(Metric::Headline(Headline::Readers));
    m.push(Metric::Headline(Headline::Clover));
    m.extend(LeafName::ALL.into_iter().map(Metric::Leaf));
    m.extend(IndicatorId::ALL.into_iter().map(Metric::Indicator));
    m
}

/// How each headline metric changed from `base` to `cur`; nothing when the baseline has a
/// note (no data, suppressed) or the window is suppressed.
pub(crate) fn changes(cur: &Analysis, base: &Baseline, min_base: u64) -> Vec<Change> {
    if base.note.is_some() || cur.suppressed || base.suppressed {
        return Vec::new();
    }
    let members_now = cur.count(Stage::Members);
    let members_then = base.count(Stage::Members).unwrap_or(0);
    let since = base.window.label.clone().unwrap_or_default();
    let partial = cur.window.partial.as_ref().or(base.window.partial.as_ref()).cloned();
    let mut out = Vec::new();
    for metric in metrics() {
        // Without a member list everyone seen took part: the active share says nothing.
        if metric == Metric::Headline(Headline::ActiveShare) && !cur.member_list {
            continue;
        }
        // Readers are who activity reports show: in a message export, active people who did
        // not post are only those who reacted.
        if metric == Metric::Headline(Headline::Readers) && cur.data != super::DataKind::Reports {
            continue;
        }
        let (Some(now), Some(then)) = (
            readings(metric, &cur.funnel, cur.clover.as_ref(), members_now),
            readings(metric, &base.funnel, base.clover.as_ref(), members_then),
        ) else {
            continue;
        };
        let (name, unit) = match metric {
            Metric::Stage(s) => (stage_name(s).to_string(), MetricUnit::People),
            Metric::Headline(Headline::ActiveShare) => ("Active share".to_string(), MetricUnit::Share),
            Metric::Headline(Headline::Clover) => ("Clover maturity".to_string(), MetricUnit::Score),
            Metric::Headline(Headline::Readers) => ("Readers".to_string(), MetricUnit::People),
            Metric::Leaf(l) => (format!("The {} leaf", l.id()), MetricUnit::Score),
            Metric::Indicator(id) => (id.name().to_string(), MetricUnit::Share),
        };
        out.push(change(metric, name, unit, now, then, min_base, &since, partial.as_deref()));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn change(
    metric: Metric,
    name: String,
    unit: MetricUnit,
    now: Reading,
    then: Reading,
    min_base: u64,
    since: &str,
    partial: Option<&str>,
) -> Change {
    let delta = now.value - then.value;
    let small_base = now.base < min_base || then.base < min_base;
    let relative = (!small_base && then.value != 0.0).then(|| delta / then.value);
    // As shown: whole people, whole percentage points, whole score points.
    let shown = |x: f64| match unit {
        MetricUnit::People => x.round() as i64,
        MetricUnit::Share => (x * 100.0).round() as i64,
        MetricUnit::Score => x.round() as i64,
    };
    let steps = shown(now.value) - shown(then.value);
    let direction = match steps {
        0 => Direction::Same,
        s if s > 0 => Direction::Up,
        _ => Direction::Down,
    };
    let verb = match direction {
        Direction::Up => "rose",
        Direction::Down => "fell",
        Direction::Same => "held steady",
    };
    let text = match unit {
        MetricUnit::People => {
            let (n, b) = (now.value as u64, then.value as u64);
            match (direction, relative) {
                (Direction::Same, _) => format!("{name} {verb} at {} since {since}.", words::count(n)),
                (_, Some(r)) => {
                    let rel = match (r.abs() * 100.0).round() {
                        0.0 => "less than 1 %".to_string(),
                        p => format!("{}{p} %", if r > 0.0 { "+" } else { "−" }),
                    };
                    format!(
                        "{name} {verb} from {} to {} since {since} ({}, {rel}).",
                        words::count(b),
                        words::count(n),
                        words::signed(steps)
                    )
                }
                (_, None) => format!(
                    "{name} {verb} from {} to {} since {since} ({}; too few to compare as a percentage).",
                    words::count(b),
                    words::count(n),
                    words::signed(steps)
                ),
            }
        }
        MetricUnit::Share => {
            let counts = |r: Option<Ratio>| r.map(|r| format!("{} of {}", words::count(r.part), words::count(r.whole)));
            let (cn, cb) = (counts(now.ratio).unwrap_or_default(), counts(then.ratio).unwrap_or_default());
            if small_base {
                // On a small base the counts say more than percentages would.
                match direction {
                    Direction::Same => {
                        format!("{name} {verb} since {since} ({cb} → {cn}; too few to compare as a percentage).")
                    }
                    _ => format!("{name} {verb} from {cb} to {cn} since {since} (too few to compare as a percentage)."),
                }
            } else {
                match direction {
                    Direction::Same => {
                        format!("{name} {verb} at {} since {since} ({cb} → {cn}).", words::pct(now.value))
                    }
                    _ => format!(
                        "{name} {verb} from {} to {} since {since} ({cb} → {cn}).",
                        words::pct(then.value),
                        words::pct(now.value)
                    ),
                }
            }
        }
        MetricUnit::Score => {
            let few = if small_base { "; few people behind this score" } else { "" };
            match direction {
                Direction::Same => {
                    let few = if small_base { " (few people behind this score)" } else { "" };
                    format!("{name} {verb} at {:.0} since {since}{few}.", now.value)
                }
                _ => format!(
                    "{name} {verb} from {:.0} to {:.0} since {since} ({} {}{few}).",
                    then.value,
                    now.value,
                    words::signed(steps),
                    if steps.abs() == 1 { "point" } else { "points" }
                ),
            }
        }
    };
    let text = match partial {
        Some(why) => format!("{text} Partial period: {why}."),
        None => text,
    };
    Change {
        metric,
        name,
        unit,
        current: now.value,
        baseline: then.value,
        change: delta,
        relative,
        current_ratio: now.ratio,
        baseline_ratio: then.ratio,
        current_base: now.base,
        baseline_base: then.base,
        small_base,
        direction,
        partial: partial.is_some(),
        text,
    }
}
