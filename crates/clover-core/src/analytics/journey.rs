//! The maturity journey: for every calendar month or quarter the data touches, the funnel,
//! personas and Clover scores of that whole period (a period the data covers only in part is
//! marked incomplete), with the first complete period that reached each maturity level and
//! the first in which leader activation met its target. A level counts as reached only in a
//! complete period with at least the minimum base of contributors: a score on six people is
//! shown, but it is no milestone.

use super::claims::Standing;
use super::clover::{level_index, CloverScores, IndicatorId, LEVELS};
use super::funnel::{FunnelStage, Stage};
use super::periods::{self, Unit};
use super::personas::PersonaCounts;
use super::{Analysis, Params};
use crate::civil::{format_date, MS_PER_DAY};

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
    /// Levels first reached in this period (only complete periods with at least the
    /// minimum base of contributors count).
    pub reached: Vec<String>,
}

impl JourneyPeriod {
    /// Its contributors (0 when suppressed).
    pub fn contributors(&self) -> u64 {
        self.funnel.iter().find(|f| f.stage == Stage::Contributors).map_or(0, |f| f.count)
    }

    /// Its overall score, when it has one and is not suppressed.
    pub fn score(&self) -> Option<f64> {
        if self.suppressed {
            return None;
        }
        self.clover.as_ref().and_then(|c| c.overall)
    }

    fn standing(&self) -> Option<Standing> {
        let score = self.score()?;
        Some(Standing { level: LEVELS[level_index(score)].to_string(), period: self.label.clone(), score })
    }
}

/// Where the journey stands now, for its headline: the latest complete period, its score and
/// level (and its contributors when under the minimum base), and how it compares with the
/// journey so far.
#[derive(Clone, Debug, PartialEq)]
pub enum Now {
    /// No period of the data is complete.
    NoComplete,
    /// The latest complete period has no score.
    NoScore { period: String },
    /// The latest complete period's standing; `few`: its contributors when under the
    /// minimum base; `best`: the best earlier standing when its level was higher (with
    /// enough contributors); else `first`: the first standing with enough contributors when
    /// its level was lower.
    At { now: Standing, few: Option<u64>, best: Option<Standing>, first: Option<Standing> },
}

impl Journey {
    /// Where the journey stands now (see [`Now`]).
    pub fn now(&self, min_base: u64) -> Now {
        let complete: Vec<&JourneyPeriod> = self.periods.iter().filter(|p| p.complete).collect();
        let Some(latest) = complete.last() else { return Now::NoComplete };
        let Some(now) = latest.standing() else { return Now::NoScore { period: latest.label.clone() } };
        let few = (latest.contributors() < min_base).then(|| latest.contributors());
        let firm: Vec<Standing> =
            complete.iter().filter(|p| p.contributors() >= min_base).filter_map(|p| p.standing()).collect();
        let rank = |s: &Standing| level_index(s.score);
        // The best standing: the highest level, its first period.
        let best = firm.iter().fold(None::<&Standing>, |b, s| match b {
            Some(b) if rank(b) >= rank(s) => Some(b),
            _ => Some(s),
        });
        let best = best.filter(|b| rank(b) > rank(&now)).cloned();
        let first = if best.is_none() { firm.first().filter(|f| rank(f) < rank(&now)).cloned() } else { None };
        Now::At { now, few, best, first }
    }
}

/// The calendar periods of a journey by `by` (months or quarters; any other unit is read as
/// quarters) over the data's days `[first, last]`: the unit, and each period's first and
/// last day and whether the data covers it whole.
pub(crate) fn periods(by: Unit, data: Option<(i64, i64)>) -> (Unit, Vec<(i64, i64, bool)>) {
    let by = if by == Unit::Month { Unit::Month } else { Unit::Quarter };
    (by, data.map_or_else(Vec::new, |(first, last)| periods::calendar_periods(by, first, last)))
}

/// What a period of the journey is analysed with: `p` over the whole period, nothing else.
pub(crate) fn period_params(p: &Params, from: i64, to: i64) -> Params {
    Params {
        from: Some(from),
        to: Some(to),
        compare: super::Compare::None,
        segments: false,
        journey: None,
        ..p.clone()
    }
}

/// The journey by `by` over the data's days `[first, last]`, each period analysed on its
/// own by `analyze` (a brief analysis of one window): what a journey in one sweep is
/// checked against.
pub(crate) fn compute(
    by: Unit,
    p: &Params,
    data: Option<(i64, i64)>,
    analyze: &dyn Fn(&Params) -> Analysis,
) -> Journey {
    let (by, periods) = periods(by, data);
    let analyses = periods.iter().map(|&(from, to, _)| analyze(&period_params(p, from, to)));
    assemble(by, p, &periods, analyses)
}

/// The journey over the periods given, in order: `(first day, last day, complete, label)`
/// each (the windows of activity reports), each analysed on its own by `analyze`.
pub(crate) fn of_periods(
    by: Unit,
    p: &Params,
    periods: Vec<(i64, i64, bool, String)>,
    analyze: &dyn Fn(&Params) -> Analysis,
) -> Journey {
    let spans: Vec<(i64, i64, bool)> = periods.iter().map(|&(from, to, complete, _)| (from, to, complete)).collect();
    let analyses = spans.iter().map(|&(from, to, _)| analyze(&period_params(p, from, to)));
    labelled(by, p, &spans, &|k| periods[k].3.clone(), analyses)
}

/// The journey from each period's brief analysis (`analyses`, in the order of `periods`),
/// each period labelled by its calendar name.
pub(crate) fn assemble(
    by: Unit,
    p: &Params,
    periods: &[(i64, i64, bool)],
    analyses: impl Iterator<Item = Analysis>,
) -> Journey {
    labelled(by, p, periods, &|k| by.label(periods[k].0), analyses)
}

/// [`assemble`] with the `k`-th period's label given by `label`.
fn labelled(
    by: Unit,
    p: &Params,
    periods: &[(i64, i64, bool)],
    label: &dyn Fn(usize) -> String,
    analyses: impl Iterator<Item = Analysis>,
) -> Journey {
    let mut journey = Journey { by, periods: Vec::new(), first_reached: Vec::new(), leader_activation_met: None };
    let date = |d: i64| format_date(d * MS_PER_DAY);
    let target = IndicatorId::LeaderActivation.target(&p.targets);
    let mut best_level = None::<usize>;
    for (k, (&(from, to, complete), a)) in periods.iter().zip(analyses).enumerate() {
        let label = label(k);
        let clover = a.clover.as_ref().map(|c| c.scores());
        let leader_activation = a
            .clover
            .as_ref()
            .and_then(|c| c.indicator(IndicatorId::LeaderActivation))
            .filter(|i| i.measured())
            .and_then(|i| i.value);
        let mut reached = Vec::new();
        let firm = complete && !a.suppressed && a.count(Stage::Contributors) >= p.min_base;
        if firm {
            if let Some(score) = clover.as_ref().and_then(|c| c.overall) {
                let level = level_index(score);
                let from_level = best_level.map_or(0, |b| b + 1);
                for name in LEVELS.iter().take(level + 1).skip(from_level) {
                    reached.push(name.to_string());
                    journey.first_reached.push(LevelReached { level: name.to_string(), period: label.clone() });
                }
                best_level = Some(best_level.map_or(level, |b| b.max(level)));
            }
        }
        if complete
            && !a.suppressed
            && journey.leader_activation_met.is_none()
            && leader_activation.is_some_and(|v| v >= target)
        {
            journey.leader_activation_met = Some(label.clone());
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
