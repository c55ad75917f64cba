//! The maturity journey: for every calendar month or quarter the data touches, the funnel,
//! personas and Clover scores of that whole period (a period the data covers only in part is
//! marked incomplete), with the first complete period that reached each maturity level and
//! the first in which leader activation met its target.

use super::clover::{level_name, CloverScores, IndicatorId};
use super::funnel::FunnelStage;
use super::periods::{self, Unit};
use super::personas::PersonaCounts;
use super::{Analysis, Params};
use crate::civil::{format_date, MS_PER_DAY};

/// The levels in order, with the score each starts at.
const LEVELS: [(&str, f64); 5] =
    [("Initiating", 0.0), ("Experimenting", 20.0), ("Adopting", 40.0), ("Integrating", 60.0), ("Transforming", 80.0)];

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Journey {
    /// `month` or `quarter`.
    pub by: Unit,
    pub periods: Vec<JourneyPeriod>,
    /// The first complete period that reached each level (levels never reached are absent).
    pub first_reached: Vec<LevelReached>,
    /// The first complete period in which leader activation met its target.
    pub leader_activation_met: Option<String>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LevelReached {
    pub level: String,
    /// The period's label (`2024 Q3`).
    pub period: String,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct JourneyPeriod {
    /// `2024 Q3`, `March 2024`.
    pub label: String,
    /// The whole calendar period, `YYYY-MM-DD`, inclusive.
    pub from: String,
    pub to: String,
    /// The data covers the whole period.
    pub complete: bool,
    /// Below the privacy floor in this period: no numbers.
    pub suppressed: bool,
    pub funnel: Vec<FunnelStage>,
    pub personas: Option<PersonaCounts>,
    pub clover: Option<CloverScores>,
    /// Leader activation's value (0–1), for the first-wins mark.
    pub leader_activation: Option<f64>,
    /// Levels first reached in this period (only complete periods count).
    pub reached: Vec<String>,
}

/// The journey by `by` (months or quarters; any other unit is read as quarters) over the
/// data's days `[first, last]`. `analyze` is a brief analysis of one window.
pub(crate) fn compute(
    by: Unit,
    p: &Params,
    data: Option<(i64, i64)>,
    analyze: &dyn Fn(&Params) -> Analysis,
) -> Journey {
    let by = if by == Unit::Month { Unit::Month } else { Unit::Quarter };
    let mut journey = Journey { by, periods: Vec::new(), first_reached: Vec::new(), leader_activation_met: None };
    let Some((first, last)) = data else { return journey };
    let date = |d: i64| format_date(d * MS_PER_DAY);
    let target = IndicatorId::LeaderActivation.target(&p.targets);
    let mut best_level = None::<usize>;
    for (from, to, complete) in periods::calendar_periods(by, first, last) {
        let q = Params {
            from: Some(from),
            to: Some(to),
            compare: super::Compare::None,
            segments: false,
            journey: None,
            ..p.clone()
        };
        let a = analyze(&q);
        let label = by.label(from);
        let clover = a.clover.as_ref().map(|c| c.scores());
        let leader_activation = a.clover.as_ref().and_then(|c| c.indicator(IndicatorId::LeaderActivation)?.value);
        let mut reached = Vec::new();
        if complete && !a.suppressed {
            if let Some(score) = clover.as_ref().and_then(|c| c.overall) {
                let level = LEVELS.iter().rposition(|(_, at)| score >= *at).unwrap_or(0);
                debug_assert_eq!(LEVELS[level].0, level_name(score));
                let from_level = best_level.map_or(0, |b| b + 1);
                for (name, _) in LEVELS.iter().take(level + 1).skip(from_level) {
                    reached.push(name.to_string());
                    journey.first_reached.push(LevelReached { level: name.to_string(), period: label.clone() });
                }
                best_level = Some(best_level.map_or(level, |b| b.max(level)));
            }
            if journey.leader_activation_met.is_none() && leader_activation.is_some_and(|v| v >= target) {
                journey.leader_activation_met = Some(label.clone());
            }
        }
        journey.periods.push(JourneyPeriod {
            label,
            from: date(from),
            to: date(to),
            complete,
            suppressed: a.suppressed,
            funnel: a.funnel,
            personas: a.personas,
            clover,
            leader_activation,
            reached,
        });
    }
    journey
}
