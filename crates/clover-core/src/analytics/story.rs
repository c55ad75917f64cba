//! The leadership review as sentences: for each slide of the deck, the title the core writes
//! (one message, with its numbers) and the speaker notes that hold the numbers behind it.
//! The page lays the slides out; every sentence comes from here, under the same honesty
//! rules as the insights (counts instead of percentages on small bases).

use super::clover::{IndicatorId, LeafName};
use super::compare::{Direction, Headline, Metric};
use super::funnel::Stage;
use super::segments::SegmentKind;
use super::words::{count, pct, plural};
use super::Analysis;

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
    Definitions,
}

impl SlideKind {
    pub const ALL: [SlideKind; 10] = [
        SlideKind::Title,
        SlideKind::Headlines,
        SlideKind::Funnel,
        SlideKind::Clover,
        SlideKind::Journey,
        SlideKind::Leaders,
        SlideKind::Champions,
        SlideKind::Departments,
        SlideKind::NextSteps,
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

/// The deck's sentences for an analysis (its journey and segments where they were asked for).
pub(crate) fn slides(a: &Analysis, min_base: u64) -> Vec<Slide> {
    SlideKind::ALL.into_iter().map(|k| Slide { kind: k, title: title(a, k, min_base), notes: notes(a, k) }).collect()
}

fn change(a: &Analysis, m: Metric) -> Option<&super::Change> {
    a.changes.iter().find(|c| c.metric == m)
}

/// "2025 Q1", or the window's dates.
fn window_name(a: &Analysis) -> String {
    a.window.label.clone().unwrap_or_else(|| "this window".to_string())
}

fn title(a: &Analysis, k: SlideKind, min_base: u64) -> String {
    let members = a.count(Stage::Members);
    let since = a.baseline.as_ref().and_then(|b| b.window.label.clone());
    match k {
        SlideKind::Title => match &since {
            Some(b) => format!("How social and connected we are: {}, compared with {b}", window_name(a)),
            None => format!("How social and connected we are: {}", window_name(a)),
        },
        SlideKind::Headlines => {
            change(a, Metric::Headline(Headline::ActiveShare)).map(|c| c.text.clone()).unwrap_or_else(|| {
                a.insights.first().map(|i| i.text.clone()).unwrap_or_else(|| "Nobody took part in this window.".into())
            })
        }
        SlideKind::Funnel => {
            let contributors = a.count(Stage::Contributors);
            match change(a, Metric::Stage(Stage::Contributors)).filter(|c| c.direction != Direction::Same) {
                Some(c) => c.text.clone(),
                None if members >= min_base => format!(
                    "{} of {} members ({}) posted or replied in {}.",
                    count(contributors),
                    count(members),
                    pct(contributors as f64 / members as f64),
                    window_name(a)
                ),
                None => format!("{contributors} of {members} members posted or replied in {}.", window_name(a)),
            }
        }
        SlideKind::Clover => {
            let Some(c) = &a.clover else { return "Clover maturity needs people in this window.".into() };
            let Some(overall) = c.overall else { return "There is not enough data for a Clover score.".into() };
            let level = c.level.clone().unwrap_or_default();
            let moved = match (change(a, Metric::Headline(Headline::Clover)), &since) {
                (Some(ch), Some(b)) => match ch.direction {
                    Direction::Up => format!(
                        ", up {} since {b}",
                        plural((ch.current.round() - ch.baseline.round()) as u64, "point", "points")
                    ),
                    Direction::Down => format!(
                        ", down {} since {b}",
                        plural((ch.baseline.round() - ch.current.round()) as u64, "point", "points")
                    ),
                    Direction::Same => format!(", unchanged since {b}"),
                },
                _ => String::new(),
            };
            format!("Clover maturity is {overall:.0} of 100 ({level}){moved}.")
        }
        SlideKind::Journey => match &a.journey {
            Some(j) => match (j.first_reached.last(), &j.leader_activation_met) {
                (Some(r), Some(p)) => {
                    format!("We reached {} in {}; leader activation first met its target in {p}.", r.level, r.period)
                }
                (Some(r), None) => {
                    format!("We reached {} in {}; leader activation has not met its target yet.", r.level, r.period)
                }
                (None, _) => "The journey starts with the first complete period of data.".to_string(),
            },
            None => "The maturity journey covers the whole data range.".to_string(),
        },
        SlideKind::Leaders => {
            let Some(c) = &a.clover else { return "No leaders in this window.".into() };
            let act = c.indicator(IndicatorId::LeaderActivation);
            match (act.and_then(|i| i.ratio), change(a, Metric::Indicator(IndicatorId::LeaderResponsiveness))) {
                (_, Some(ch)) if ch.direction != Direction::Same => ch.text.clone(),
                (Some(r), _) if r.whole > 0 => format!(
                    "{} of {} leaders posted or replied in {}; the target is {}.",
                    count(r.part),
                    count(r.whole),
                    window_name(a),
                    pct(act.map_or(0.0, |i| i.target))
                ),
                _ => "No leaders are flagged: load a roster with a leader column to see this slide.".into(),
            }
        }
        SlideKind::Champions => {
            let champions = a.count(Stage::Champions);
            let top10 = a.inequality.as_ref().and_then(|i| i.top10_share);
            match top10 {
                Some(t) if members >= min_base => format!(
                    "{} kept the conversation going week after week; the most active 10 % of members wrote {} of posts and replies.",
                    plural(champions, "champion", "champions"),
                    pct(t)
                ),
                _ => format!("{} kept the conversation going week after week.", plural(champions, "champion", "champions")),
            }
        }
        SlideKind::Departments => {
            let depts: Vec<(&str, f64)> = a
                .segments
                .iter()
                .filter(|s| s.kind == SegmentKind::Department && !s.suppressed)
                .filter_map(|s| Some((s.name.as_str(), s.clover.as_ref()?.overall?)))
                .collect();
            let best = depts.iter().max_by(|x, y| x.1.total_cmp(&y.1));
            let worst = depts.iter().min_by(|x, y| x.1.total_cmp(&y.1));
            match (best, worst) {
                (Some(b), Some(w)) if depts.len() > 1 => format!(
                    "Of {} departments, {} leads at {:.0} and {} trails at {:.0}.",
                    depts.len(),
                    b.0,
                    b.1,
                    w.0,
                    w.1
                ),
                _ if a.segments.is_empty() => "Departments are compared when the data names them.".into(),
                _ => "Too few departments large enough to compare without exposing individuals.".into(),
            }
        }
        SlideKind::NextSteps => {
            let steps = a.clover.as_ref().map(|c| &c.next_steps[..c.next_steps.len().min(3)]).unwrap_or(&[]);
            match steps.len() {
                0 => "Every Clover indicator meets its target: keep the rhythm.".into(),
                n => format!(
                    "What to do next: {}.",
                    steps.iter().map(|s| s.indicator.name().to_lowercase()).collect::<Vec<_>>().join(if n == 2 {
                        " and "
                    } else {
                        ", "
                    })
                ),
            }
        }
        SlideKind::Definitions => "How these numbers are computed".into(),
    }
}

fn stage_title(s: Stage) -> &'static str {
    match s {
        Stage::Workforce => "Workforce",
        Stage::Members => "Members",
        Stage::Active => "Active",
        Stage::Contributors => "Contributors",
        Stage::Engaged => "Engaged",
        Stage::Champions => "Champions",
    }
}

fn notes(a: &Analysis, k: SlideKind) -> Vec<String> {
    let mut out = Vec::new();
    let stage = |s: Stage| a.count(s);
    match k {
        SlideKind::Title => {
            if let (Some(f), Some(t)) = (&a.window.from, &a.window.to) {
                out.push(format!("Window: {f} to {t} ({} days).", a.window.days));
            }
            if let Some(b) = &a.baseline {
                out.push(format!(
                    "Compared with {} ({} to {}).",
                    b.window.label.as_deref().unwrap_or("the baseline"),
                    b.window.from.as_deref().unwrap_or("?"),
                    b.window.to.as_deref().unwrap_or("?")
                ));
                out.extend(b.note.clone());
            }
            out.extend(a.window.partial.as_ref().map(|p| format!("Partial period: {p}.")));
        }
        SlideKind::Headlines | SlideKind::Funnel => {
            for f in &a.funnel {
                let share = match f.stage {
                    Stage::Workforce | Stage::Members => String::new(),
                    _ => f.of_members.map(|s| format!(" ({} of members)", pct(s))).unwrap_or_default(),
                };
                out.push(format!("{}: {}{share}.", stage_title(f.stage), count(f.count)));
            }
            if k == SlideKind::Headlines {
                out.extend(
                    a.changes
                        .iter()
                        .filter(|c| matches!(c.metric, Metric::Stage(_) | Metric::Headline(_)))
                        .map(|c| c.text.clone()),
                );
            }
        }
        SlideKind::Clover => {
            if let Some(c) = &a.clover {
                for l in &c.leaves {
                    out.push(format!(
                        "{}: {} ({}).",
                        l.leaf.title(),
                        l.score.map_or("no data".to_string(), |s| format!("{s:.0}")),
                        l.level.as_deref().unwrap_or("no level")
                    ));
                }
            }
            out.extend(a.changes.iter().filter(|c| matches!(c.metric, Metric::Leaf(_))).map(|c| c.text.clone()));
        }
        SlideKind::Journey => {
            if let Some(j) = &a.journey {
                for p in &j.periods {
                    let overall = p.clover.as_ref().and_then(|c| c.overall);
                    out.push(format!(
                        "{}{}: {}.",
                        p.label,
                        if p.complete { "" } else { " (partial)" },
                        overall.map_or("no score".to_string(), |s| format!("{s:.0}"))
                    ));
                }
            }
        }
        SlideKind::Leaders => {
            if let Some(c) = &a.clover {
                for id in LeafName::Leadership.indicators() {
                    if let Some(i) = c.indicator(id) {
                        out.push(format!(
                            "{} {} (target {}).",
                            i.name,
                            i.value.map_or("—".to_string(), pct),
                            pct(i.target)
                        ));
                        out.push(i.explanation.clone());
                        out.extend(i.gap.as_ref().map(|g| g.text.clone()));
                    }
                }
            }
        }
        SlideKind::Champions => {
            out.push(format!(
                "Champions: {}; engaged: {}.",
                count(stage(Stage::Champions)),
                count(stage(Stage::Engaged))
            ));
            if let Some(p) = &a.personas {
                out.push(format!(
                    "Personas: {} engagers, {} catalysts, {} responders, {} broadcasters, {} observers.",
                    count(p.engager),
                    count(p.catalyst),
                    count(p.responder),
                    count(p.broadcaster),
                    count(p.observer)
                ));
            }
            if let Some(i) = &a.inequality {
                out.extend(i.gini.map(|g| format!("Gini of posts and replies: {g:.2}.")));
            }
        }
        SlideKind::Departments => {
            for s in a.segments.iter().filter(|s| s.kind == SegmentKind::Department) {
                out.push(match (&s.clover, s.suppressed) {
                    (_, true) => format!("{}: fewer than {} people, hidden.", s.name, a.segment.min_group),
                    (Some(c), false) => format!(
                        "{}: {} people, Clover {}.",
                        s.name,
                        s.people.map(count).unwrap_or_default(),
                        c.overall.map_or("—".to_string(), |v| format!("{v:.0}"))
                    ),
                    (None, false) => format!("{}: no score.", s.name),
                });
            }
        }
        SlideKind::NextSteps => {
            if let Some(c) = &a.clover {
                for s in c.next_steps.iter().take(3) {
                    out.push(format!(
                        "{}: {} against a {} target. {}",
                        s.indicator.name(),
                        pct(s.value),
                        pct(s.target),
                        s.advice
                    ));
                    out.extend(s.gap.as_ref().map(|g| g.text.clone()));
                }
            }
        }
        SlideKind::Definitions => {
            out.push(
                "Every number comes from the export's posts, replies and reactions; message text is never kept.".into(),
            );
            out.push(format!("Groups smaller than {} people are never shown as numbers.", a.segment.min_group));
        }
    }
    out
}
