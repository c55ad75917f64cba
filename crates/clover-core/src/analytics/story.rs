//! The leadership review as sentences: for each slide of the deck, the title the core writes
//! (one message, with its numbers) and the speaker notes that hold the numbers behind it.
//! The page lays the slides out; every sentence comes from here, under the same honesty
//! rules as the insights (counts instead of percentages on small bases).

use super::claims::{Claim, Moved, People, Ranked};
use super::clover::{IndicatorId, LeafName};
use super::compare::{Change, Direction, Headline, Metric};
use super::funnel::Stage;
use super::insights;
use super::journey::Now;
use super::limits::LimitKind;
use super::segments::SegmentKind;
use super::{Analysis, DataKind};

/// The slides of the deck, in their default order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlideKind {
    Title,
    Headlines,
    Funnel,
    Clover,
    Journey,
    Leaders,
    Champions,
    Departments,
    NextSteps,
    /// What this export cannot show, and which export would.
    Limits,
    Definitions,
}

impl SlideKind {
    pub const ALL: [SlideKind; 11] = [
        SlideKind::Title,
        SlideKind::Headlines,
        SlideKind::Funnel,
        SlideKind::Clover,
        SlideKind::Journey,
        SlideKind::Leaders,
        SlideKind::Champions,
        SlideKind::Departments,
        SlideKind::NextSteps,
        SlideKind::Limits,
        SlideKind::Definitions,
    ];

    /// The name in links (`slides=funnel,clover`).
    pub fn id(self) -> &'static str {
        match self {
            SlideKind::Title => "title",
            SlideKind::Headlines => "headlines",
            SlideKind::Funnel => "funnel",
            SlideKind::Clover => "clover",
            SlideKind::Journey => "journey",
            SlideKind::Leaders => "leaders",
            SlideKind::Champions => "champions",
            SlideKind::Departments => "departments",
            SlideKind::NextSteps => "next_steps",
            SlideKind::Limits => "limits",
            SlideKind::Definitions => "definitions",
        }
    }

    pub fn from_id(s: &str) -> Option<SlideKind> {
        SlideKind::ALL.into_iter().find(|k| k.id() == s)
    }

    /// What the slide is about, for the slide list.
    pub fn topic(self) -> &'static str {
        match self {
            SlideKind::Title => "Title",
            SlideKind::Headlines => "Headline figures",
            SlideKind::Funnel => "Adoption funnel",
            SlideKind::Clover => "Clover maturity",
            SlideKind::Journey => "Maturity journey",
            SlideKind::Leaders => "Leaders",
            SlideKind::Champions => "Champions and personas",
            SlideKind::Departments => "Departments compared",
            SlideKind::NextSteps => "What to do next",
            SlideKind::Limits => "What this export cannot show",
            SlideKind::Definitions => "Definitions",
        }
    }
}

/// One slide's words.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Slide {
    pub kind: SlideKind,
    /// The slide's message, a sentence with its numbers.
    pub title: String,
    /// The numbers behind the message, for the presenter.
    pub notes: Vec<String>,
}

/// One slide's claims: its title and its notes.
#[derive(Clone, Debug, PartialEq)]
pub struct SlideClaims {
    pub kind: SlideKind,
    pub title: Claim,
    pub notes: Vec<Claim>,
}

/// The deck's sentences for an analysis (its journey and segments where they were asked for).
pub(crate) fn slides(a: &Analysis) -> Vec<Slide> {
    claims(a)
        .into_iter()
        .map(|s| Slide { kind: s.kind, title: s.title.text(), notes: s.notes.iter().map(Claim::text).collect() })
        .collect()
}

/// The deck's claims, slide by slide (every kind, in the default order).
pub(crate) fn claims(a: &Analysis) -> Vec<SlideClaims> {
    if a.suppressed {
        return Vec::new();
    }
    SlideKind::ALL.into_iter().map(|k| SlideClaims { kind: k, title: title(a, k), notes: notes(a, k) }).collect()
}

fn change(a: &Analysis, m: Metric) -> Option<&Change> {
    a.changes.iter().find(|c| c.metric == m)
}

fn changed(c: &Change) -> Claim {
    Claim::Changed(Box::new(c.clone()))
}

/// "2025 Q1", or the window's dates.
fn window_name(a: &Analysis) -> String {
    a.window.label.clone().unwrap_or_else(|| "this window".to_string())
}

/// The baseline's name, when there is something to compare with (no note on the baseline).
fn since(a: &Analysis) -> Option<String> {
    a.baseline.as_ref().filter(|b| b.note.is_none()).and_then(|b| b.window.label.clone())
}

fn title(a: &Analysis, k: SlideKind) -> Claim {
    let min_base = a.segment.min_base;
    let people = People::of(a.member_list);
    let members = a.count(Stage::Members);
    match k {
        SlideKind::Title => Claim::Title { window: window_name(a), since: since(a) },
        SlideKind::Headlines => change(a, Metric::Headline(Headline::ActiveShare))
            .filter(|_| a.member_list)
            .map(changed)
            .or_else(|| insights::claims(a).into_iter().next().map(|(_, c)| c))
            .unwrap_or(Claim::NobodyTookPart { period: "in this window".to_string() }),
        SlideKind::Funnel => {
            match change(a, Metric::Stage(Stage::Contributors)).filter(|c| c.direction != Direction::Same) {
                Some(c) => changed(c),
                None => Claim::ContributorsOfMembers {
                    contributors: a.count(Stage::Contributors),
                    members,
                    window: window_name(a),
                    percent: members >= min_base,
                    people,
                    data: a.data,
                },
            }
        }
        SlideKind::Clover => {
            let Some(c) = &a.clover else { return Claim::CloverNeedsPeople };
            let Some(overall) = c.overall else { return Claim::NoCloverScore };
            let moved = match (change(a, Metric::Headline(Headline::Clover)), since(a)) {
                (Some(ch), Some(since)) => Some(Moved {
                    direction: ch.direction,
                    points: (ch.current.round() - ch.baseline.round()).abs() as u64,
                    since,
                }),
                _ => None,
            };
            Claim::CloverScore {
                overall,
                level: c.level.clone().unwrap_or_default(),
                moved,
                few: (c.basis.contributors < min_base).then_some(c.basis.contributors),
                indicators: super::claims::few_indicators(c),
            }
        }
        SlideKind::Journey => match &a.journey {
            None => Claim::JourneyNotAsked,
            Some(j) => match j.now(min_base) {
                Now::NoComplete => Claim::JourneyNoComplete { unit: j.by },
                Now::NoScore { period } => Claim::JourneyNoScore { unit: j.by, period },
                Now::At { now, few, best, first } => Claim::JourneyNow { now, few, best, first },
            },
        },
        SlideKind::Leaders => {
            let Some(c) = &a.clover else { return Claim::NoLeadersInWindow };
            if let Some(ch) = change(a, Metric::Indicator(IndicatorId::LeaderResponsiveness))
                .filter(|ch| ch.direction != Direction::Same)
            {
                return changed(ch);
            }
            let Some(act) = c.indicator(IndicatorId::LeaderActivation) else { return Claim::NoLeadersInWindow };
            match (act.ratio, &act.reason) {
                (Some(r), _) if act.measured() => Claim::LeadersPosted {
                    part: r.part,
                    whole: r.whole,
                    window: window_name(a),
                    target: act.target,
                    data: a.data,
                },
                (_, Some(reason)) => Claim::Reason { indicator: act.id, text: reason.clone() },
                _ => Claim::NoLeadersInWindow,
            }
        }
        SlideKind::Champions => {
            if a.data == DataKind::Reports {
                Claim::Readers { readers: a.count(Stage::Active).saturating_sub(a.count(Stage::Contributors)) }
            } else if a.window.weeks < 2 {
                Claim::ChampionsNeedWeeks
            } else {
                Claim::Champions { champions: a.count(Stage::Champions) }
            }
        }
        SlideKind::Departments => departments(a),
        SlideKind::NextSteps => {
            let Some(c) = &a.clover else { return Claim::NothingMeasured };
            let steps = &c.next_steps[..c.next_steps.len().min(3)];
            if !steps.is_empty() {
                Claim::NextSteps { names: steps.iter().map(|s| step_name(c, s).to_lowercase()).collect() }
            } else if c.leaves.iter().any(|l| l.coverage.measured > 0) {
                Claim::AllOnTarget
            } else {
                Claim::NothingMeasured
            }
        }
        SlideKind::Limits => match &a.clover {
            Some(c) if !c.limits.is_empty() => {
                // Without departments, cross-functional exchange is still measured (across
                // spaces): that limit changes a measure and leaves none unmeasured.
                let leaving: Vec<&super::Limit> =
                    c.limits.iter().filter(|l| l.kind != LimitKind::NoDepartments).collect();
                let unmeasured =
                    IndicatorId::ALL.into_iter().filter(|id| leaving.iter().any(|l| l.indicators.contains(id))).count();
                let kinds = if leaving.is_empty() {
                    c.limits.iter().map(|l| l.kind).collect()
                } else {
                    leaving.iter().map(|l| l.kind).collect()
                };
                Claim::Limits { unmeasured: unmeasured as u64, kinds, data: a.data }
            }
            _ => Claim::NoLimits,
        },
        SlideKind::Definitions => Claim::Definitions,
    }
}

/// A next step's indicator as measured (a fallback measure has its own name).
fn step_name(c: &super::Clover, s: &super::NextStep) -> String {
    c.indicator_name(s.indicator)
}

fn departments(a: &Analysis) -> Claim {
    let rows: Vec<&super::SegmentRow> = a.segments.iter().filter(|s| s.kind == SegmentKind::Department).collect();
    if rows.is_empty() {
        let named = a
            .clover
            .as_ref()
            .is_none_or(|c| !c.limits.iter().any(|l| matches!(l.kind, LimitKind::NoDepartments | LimitKind::OneSpace)))
            // Activity reports name no departments: only a roster gives them.
            && !(a.data == super::DataKind::Reports
                && a.clover.as_ref().is_some_and(|c| c.limits.iter().any(|l| l.kind == LimitKind::NoRoster)));
        return if a.segments.is_empty() && named { Claim::DepartmentsNotCompared } else { Claim::DepartmentsNone };
    }
    let scored: Vec<Ranked> = rows
        .iter()
        .filter(|s| !s.suppressed)
        .filter_map(|s| Some(Ranked { name: s.name.clone(), score: s.clover.as_ref()?.overall? }))
        .collect();
    if scored.len() < 2 {
        return Claim::DepartmentsTooFew;
    }
    // The first of equals leads, the last of equals trails.
    let best = scored.iter().fold(&scored[0], |b, s| if s.score > b.score { s } else { b });
    let worst = scored.iter().fold(&scored[0], |w, s| if s.score <= w.score { s } else { w });
    Claim::Departments { shown: scored.len() as u64, best: best.clone(), worst: worst.clone() }
}

fn notes(a: &Analysis, k: SlideKind) -> Vec<Claim> {
    let mut out = Vec::new();
    let min_base = a.segment.min_base;
    let people = People::of(a.member_list);
    match k {
        SlideKind::Title => {
            if let (Some(f), Some(t)) = (&a.window.from, &a.window.to) {
                out.push(Claim::Window { from: f.clone(), to: t.clone(), days: a.window.days });
            }
            if let Some(b) = &a.baseline {
                if let (Some(label), Some(from), Some(to)) = (&b.window.label, &b.window.from, &b.window.to) {
                    if b.note.is_none() {
                        out.push(Claim::Baseline { label: label.clone(), from: from.clone(), to: to.clone() });
                    }
                }
                out.extend(b.note.clone().map(Claim::Note));
            }
            out.extend(a.window.partial.as_ref().map(|p| Claim::Note(format!("Partial period: {p}."))));
        }
        SlideKind::Headlines | SlideKind::Funnel => {
            let members = a.count(Stage::Members);
            let roster = a.funnel.first().is_some_and(|w| w.count != members);
            for f in &a.funnel {
                if f.stage == Stage::Workforce && !roster {
                    continue;
                }
                let of_members = match f.stage {
                    Stage::Workforce | Stage::Members => None,
                    _ if members < min_base => None,
                    _ => f.of_members,
                };
                out.push(Claim::StageCount { stage: f.stage, count: f.count, of_members, people, data: a.data });
            }
            if k == SlideKind::Headlines {
                out.extend(
                    a.changes
                        .iter()
                        .filter(|c| matches!(c.metric, Metric::Stage(_) | Metric::Headline(_)))
                        .map(changed),
                );
            }
        }
        SlideKind::Clover => {
            if let Some(c) = &a.clover {
                out.extend(c.caution.clone().map(Claim::Caution));
                for l in &c.leaves {
                    out.push(Claim::LeafLine {
                        leaf: l.leaf,
                        score: l.score,
                        level: l.level.clone(),
                        coverage: l.coverage,
                    });
                }
            }
            out.extend(a.changes.iter().filter(|c| matches!(c.metric, Metric::Leaf(_))).map(changed));
        }
        SlideKind::Journey => {
            if let Some(j) = &a.journey {
                for p in &j.periods {
                    out.push(Claim::JourneyPeriod { label: p.label.clone(), complete: p.complete, score: p.score() });
                }
                if a.clover
                    .as_ref()
                    .and_then(|c| c.indicator(IndicatorId::LeaderActivation))
                    .is_some_and(|i| i.measured())
                    || j.leader_activation_met.is_some()
                {
                    out.push(Claim::LeaderActivationMet { period: j.leader_activation_met.clone() });
                }
            }
        }
        SlideKind::Leaders => {
            if let Some(c) = &a.clover {
                for id in LeafName::Leadership.indicators() {
                    if let Some(i) = c.indicator(id) {
                        out.push(Claim::IndicatorLine {
                            indicator: id,
                            name: i.name.clone(),
                            value: i.value,
                            target: i.target,
                        });
                        // One reason shared by the three (no leaders identified) is said once.
                        let said =
                            out.iter().any(|n| matches!(n, Claim::Explanation { text, .. } if *text == i.explanation));
                        if !said {
                            out.push(Claim::Explanation { indicator: id, text: i.explanation.clone() });
                        }
                        out.extend(i.gap.as_ref().map(|g| Claim::GapLine { indicator: id, text: g.text.clone() }));
                    }
                }
            }
        }
        SlideKind::Champions if a.data == DataKind::Reports => {
            out.push(Claim::Fixed(
                "Champions are engaged contributors who keep the conversation going week after week: telling them needs replies between people, which activity reports do not hold.",
            ));
            if let Some(i) = &a.inequality {
                if i.members >= min_base {
                    out.extend(i.gini.map(|gini| Claim::Gini { gini, data: a.data }));
                }
            }
        }
        SlideKind::Champions => {
            out.push(Claim::ChampionsEngaged {
                champions: a.count(Stage::Champions),
                engaged: a.count(Stage::Engaged),
            });
            if let Some(p) = &a.personas {
                out.push(Claim::Personas(p.clone()));
            }
            if let Some(i) = &a.inequality {
                if i.members >= min_base {
                    out.extend(i.gini.map(|gini| Claim::Gini { gini, data: a.data }));
                }
            }
        }
        SlideKind::Departments => {
            for s in a.segments.iter().filter(|s| s.kind == SegmentKind::Department) {
                out.push(match (s.suppressed, s.people) {
                    (false, Some(n)) => Claim::DepartmentRow {
                        name: s.name.clone(),
                        people: n,
                        score: s.clover.as_ref().and_then(|c| c.overall),
                    },
                    _ => Claim::DepartmentHidden { name: s.name.clone(), min_group: a.segment.min_group },
                });
            }
        }
        SlideKind::NextSteps => {
            if let Some(c) = &a.clover {
                for s in c.next_steps.iter().take(3) {
                    out.push(Claim::NextStepLine {
                        name: step_name(c, s),
                        value: s.value,
                        target: s.target,
                        advice: s.advice.clone(),
                    });
                    out.extend(s.gap.as_ref().map(|g| Claim::GapLine { indicator: s.indicator, text: g.text.clone() }));
                }
            }
        }
        SlideKind::Limits => {
            if let Some(c) = &a.clover {
                for l in &c.limits {
                    out.push(Claim::LimitLine { kind: l.kind, text: l.text.clone(), remedy: l.remedy.clone() });
                }
            }
        }
        SlideKind::Definitions => {
            out.push(Claim::Fixed(match a.data {
                DataKind::Export => {
                    "Every number comes from the export's posts, replies and reactions; message text is never kept."
                }
                DataKind::Reports => {
                    "Every number comes from the activity reports' totals per person (what each posted, read and reacted to); no message is read."
                }
            }));
            out.push(Claim::PrivacyFloor { min_group: a.segment.min_group });
            out.push(Claim::Fixed(
                "A share of fewer than the minimum base is given as counts, and a score on few contributors says so.",
            ));
        }
    }
    out
}
