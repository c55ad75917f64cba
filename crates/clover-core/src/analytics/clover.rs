//! Clover maturity: four leaves (leadership, governance, culture, technology), three
//! indicators each (measured in `indicators.rs`), scored against editable targets from the
//! indicators the export can measure, with recommendations and an optional self-assessment
//! blended in separately.

use super::limits::LimitKind;
use super::{DataKind, Params};
use crate::words;

/// The 12 veins of the self-assessment, three per leaf, in the order `Params::self_assessment`
/// takes them.
pub const VEINS: [(LeafName, &str); 12] = [
    (LeafName::Leadership, "Executives are personally involved"),
    (LeafName::Leadership, "Executives are passionate about it"),
    (LeafName::Leadership, "Executives are bought in, with a clear return"),
    (LeafName::Governance, "Governance is cross-functional"),
    (LeafName::Governance, "Expertise is integrated across and within units"),
    (LeafName::Governance, "HR policies take social media into account"),
    (LeafName::Culture, "Openness"),
    (LeafName::Culture, "Trust"),
    (LeafName::Culture, "Collaboration"),
    (LeafName::Technology, "Simple"),
    (LeafName::Technology, "Inexpensive"),
    (LeafName::Technology, "Designed for social interaction, not file sharing"),
];

/// The four leaves of the Clover model. Serialised in snake_case (`"technology"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeafName {
    Leadership,
    Governance,
    Culture,
    Technology,
}

impl LeafName {
    pub const ALL: [LeafName; 4] =
        [LeafName::Leadership, LeafName::Governance, LeafName::Culture, LeafName::Technology];

    /// The serialised name (`"culture"`).
    pub fn id(self) -> &'static str {
        match self {
            LeafName::Leadership => "leadership",
            LeafName::Governance => "governance",
            LeafName::Culture => "culture",
            LeafName::Technology => "technology",
        }
    }

    /// The name people read (`"Culture"`).
    pub fn title(self) -> &'static str {
        match self {
            LeafName::Leadership => "Leadership",
            LeafName::Governance => "Governance",
            LeafName::Culture => "Culture",
            LeafName::Technology => "Technology",
        }
    }

    /// Weight in the overall score: technology, the smaller leaf, weighs half.
    pub fn weight(self) -> f64 {
        match self {
            LeafName::Technology => 0.5,
            _ => 1.0,
        }
    }

    /// Its three indicators, in order.
    pub fn indicators(self) -> [IndicatorId; 3] {
        use IndicatorId::*;
        match self {
            LeafName::Leadership => [LeaderActivation, LeaderResponsiveness, LeaderReach],
            LeafName::Governance => [CrossFunctional, KeyPlayerResilience, Responsiveness],
            LeafName::Culture => [Openness, Collaboration, Reciprocity],
            LeafName::Technology => [Reach, Activation, Habit],
        }
    }
}

impl std::fmt::Display for LeafName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.id())
    }
}

/// The twelve Clover indicators, three per leaf. Serialised in snake_case
/// (`"leader_activation"`), as the targets in [`super::Targets`] are named.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorId {
    LeaderActivation,
    LeaderResponsiveness,
    LeaderReach,
    CrossFunctional,
    KeyPlayerResilience,
    Responsiveness,
    Openness,
    Collaboration,
    Reciprocity,
    Reach,
    Activation,
    Habit,
}

impl IndicatorId {
    /// The twelve, leaf by leaf (the order of the targets in a link and of the editor).
    pub const ALL: [IndicatorId; 12] = [
        IndicatorId::LeaderActivation,
        IndicatorId::LeaderResponsiveness,
        IndicatorId::LeaderReach,
        IndicatorId::CrossFunctional,
        IndicatorId::KeyPlayerResilience,
        IndicatorId::Responsiveness,
        IndicatorId::Openness,
        IndicatorId::Collaboration,
        IndicatorId::Reciprocity,
        IndicatorId::Reach,
        IndicatorId::Activation,
        IndicatorId::Habit,
    ];

    /// The serialised name (`"leader_reach"`).
    pub fn id(self) -> &'static str {
        match self {
            IndicatorId::LeaderActivation => "leader_activation",
            IndicatorId::LeaderResponsiveness => "leader_responsiveness",
            IndicatorId::LeaderReach => "leader_reach",
            IndicatorId::CrossFunctional => "cross_functional",
            IndicatorId::KeyPlayerResilience => "key_player_resilience",
            IndicatorId::Responsiveness => "responsiveness",
            IndicatorId::Openness => "openness",
            IndicatorId::Collaboration => "collaboration",
            IndicatorId::Reciprocity => "reciprocity",
            IndicatorId::Reach => "reach",
            IndicatorId::Activation => "activation",
            IndicatorId::Habit => "habit",
        }
    }

    /// The name people read (`"Leader reach"`).
    pub fn name(self) -> &'static str {
        match self {
            IndicatorId::LeaderActivation => "Leader activation",
            IndicatorId::LeaderResponsiveness => "Leader responsiveness",
            IndicatorId::LeaderReach => "Leader reach",
            IndicatorId::CrossFunctional => "Cross-functional exchange",
            IndicatorId::KeyPlayerResilience => "Key-player resilience",
            IndicatorId::Responsiveness => "Responsiveness",
            IndicatorId::Openness => "Openness",
            IndicatorId::Collaboration => "Collaboration",
            IndicatorId::Reciprocity => "Trust and reciprocity",
            IndicatorId::Reach => "Reach",
            IndicatorId::Activation => "Activation",
            IndicatorId::Habit => "Habit",
        }
    }

    /// Its target in `t`.
    pub fn target(self, t: &super::Targets) -> f64 {
        *self.target_in(&mut t.clone())
    }

    /// Its target in `t`, to change.
    pub fn target_in(self, t: &mut super::Targets) -> &mut f64 {
        match self {
            IndicatorId::LeaderActivation => &mut t.leader_activation,
            IndicatorId::LeaderResponsiveness => &mut t.leader_responsiveness,
            IndicatorId::LeaderReach => &mut t.leader_reach,
            IndicatorId::CrossFunctional => &mut t.cross_functional,
            IndicatorId::KeyPlayerResilience => &mut t.key_player_resilience,
            IndicatorId::Responsiveness => &mut t.responsiveness,
            IndicatorId::Openness => &mut t.openness,
            IndicatorId::Collaboration => &mut t.collaboration,
            IndicatorId::Reciprocity => &mut t.reciprocity,
            IndicatorId::Reach => &mut t.reach,
            IndicatorId::Activation => &mut t.activation,
            IndicatorId::Habit => &mut t.habit,
        }
    }
}

impl std::fmt::Display for IndicatorId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.id())
    }
}

/// Whether an indicator could be measured on this export, window and group.
/// Serialised in snake_case (`"no_data"`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Measured: `value`, `score` and `ratio` are set.
    #[default]
    Measured,
    /// The export (or this window) cannot show what the indicator needs: no replies at all,
    /// no departments, no leaders identified, no member list…
    NoData,
    /// Its group is under the minimum group (its numbers would expose individuals), or its
    /// base is under the minimum base (a share of a handful is no measure).
    TooFew,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Measured => "measured",
            Status::NoData => "no_data",
            Status::TooFew => "too_few",
        }
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Indicator {
    pub id: IndicatorId,
    /// What it measures, as people read it. Usually `id.name()`; an indicator that falls back
    /// to another measure is named after what it measures (without departments, cross-
    /// functional exchange becomes "Contribution across spaces").
    pub name: String,
    #[serde(default)]
    pub status: Status,
    /// Why it is not measured, in plain words (`None` when measured).
    #[serde(default)]
    pub reason: Option<String>,
    /// A share (0–1); `None` unless measured.
    pub value: Option<f64>,
    pub target: f64,
    /// `min(100, 100 · value / target)`; `None` unless measured.
    pub score: Option<f64>,
    /// One plain-language line: what was measured, or why nothing was.
    pub explanation: String,
    /// The counts the value divides (`part` of `whole`), shown beside a share; `None` unless
    /// measured. For habit, `part` is the weekly mean of active people, rounded.
    pub ratio: Option<Ratio>,
    /// What it would take to reach the target, when the indicator is measured and below it.
    pub gap: Option<Gap>,
}

impl Indicator {
    pub fn measured(&self) -> bool {
        self.status == Status::Measured
    }
}

/// A share's numerator and denominator: `part` of `whole`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Ratio {
    pub part: u64,
    pub whole: u64,
}

/// The distance to an indicator's target in units a leader can act on: `amount` more
/// leaders posting, posts answered, people active each week…, and the sentence that says so.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Gap {
    pub amount: u64,
    pub text: String,
}

/// How many of a leaf's indicators were measured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Coverage {
    pub measured: u64,
    pub of: u64,
}

/// The people behind a score: active people and contributors in the window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Basis {
    pub active: u64,
    pub contributors: u64,
}

/// The scores alone, for periods of a journey and segments: overall, level and the leaves.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CloverScores {
    pub overall: Option<f64>,
    pub level: Option<String>,
    pub leaves: Vec<LeafScore>,
    #[serde(default)]
    pub basis: Basis,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LeafScore {
    pub leaf: LeafName,
    pub score: Option<f64>,
}

impl Clover {
    /// The scores alone.
    pub fn scores(&self) -> CloverScores {
        CloverScores {
            overall: self.overall,
            level: self.level.clone(),
            leaves: self.leaves.iter().map(|l| LeafScore { leaf: l.leaf, score: l.score }).collect(),
            basis: self.basis,
        }
    }

    /// The indicator `id`.
    pub fn indicator(&self, id: IndicatorId) -> Option<&Indicator> {
        self.leaves.iter().flat_map(|l| &l.indicators).find(|i| i.id == id)
    }

    /// The name of indicator `id` as measured (a fallback measure has its own name).
    pub fn indicator_name(&self, id: IndicatorId) -> String {
        self.indicator(id).map_or_else(|| id.name().to_string(), |i| i.name.clone())
    }

    /// The leaf `leaf`.
    pub fn leaf(&self, leaf: LeafName) -> Option<&Leaf> {
        self.leaves.iter().find(|l| l.leaf == leaf)
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Leaf {
    pub leaf: LeafName,
    /// Mean of its measured indicators' scores; `None` when none is measured.
    pub score: Option<f64>,
    pub level: Option<String>,
    /// Weight in the overall score (technology, the smaller leaf: ½).
    pub weight: f64,
    /// How many of its indicators were measured.
    #[serde(default)]
    pub coverage: Coverage,
    /// Why the leaf has no score (`None` when it has one).
    #[serde(default)]
    pub reason: Option<String>,
    pub indicators: Vec<Indicator>,
    /// Chosen from the weakest measured indicators.
    pub recommendations: Vec<String>,
    /// The self-assessment's score for the leaf (mean of its three veins, 0–4 → 0–100).
    pub self_score: Option<f64>,
    /// Mean of the data score and the self score (the self score alone without data).
    pub blended: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Clover {
    /// Weighted mean of the leaves with a score; `None` when no leaf has one.
    pub overall: Option<f64>,
    pub level: Option<String>,
    pub leaves: Vec<Leaf>,
    /// The people behind the scores.
    #[serde(default)]
    pub basis: Basis,
    /// A sentence when the window has fewer contributors than the minimum base: the score
    /// rests on few people, and the reader should know before quoting it.
    #[serde(default)]
    pub caution: Option<String>,
    /// What this export cannot show, once each, with the export that would.
    #[serde(default)]
    pub limits: Vec<Limit>,
    /// Posts by the group's non-leaders ("staff threads") and how many a leader answered;
    /// `None` when leaders are not measured (none identified, too few, or no replies).
    #[serde(default)]
    pub leaders_answered: Option<Ratio>,
    /// Overall score of the self-assessment alone.
    pub self_assessed: Option<f64>,
    /// Overall of the blended leaf scores (data and self-assessment).
    pub blended: Option<f64>,
    pub blended_level: Option<String>,
    /// What to do next, most urgent first: every measured indicator below its target, ranked
    /// by its score (lowest first; a tie goes to the heavier leaf, then to the leaf order),
    /// each with its advice and what it would take.
    pub next_steps: Vec<NextStep>,
}

/// One thing to do next: a measured indicator below its target, the advice for it, and its
/// gap.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NextStep {
    pub leaf: LeafName,
    pub indicator: IndicatorId,
    pub value: f64,
    pub target: f64,
    pub score: f64,
    pub advice: String,
    pub gap: Option<Gap>,
}

/// Every measured indicator below target, most urgent first.
fn next_steps(leaves: &[Leaf]) -> Vec<NextStep> {
    let mut steps: Vec<(usize, NextStep)> = Vec::new();
    for (order, leaf) in leaves.iter().enumerate() {
        for i in leaf.indicators.iter().filter(|i| i.measured()) {
            if let (Some(value), Some(score)) = (i.value, i.score) {
                if score < 100.0 {
                    steps.push((
                        order,
                        NextStep {
                            leaf: leaf.leaf,
                            indicator: i.id,
                            value,
                            target: i.target,
                            score,
                            advice: advice(i.id, &i.name).to_string(),
                            gap: i.gap.clone(),
                        },
                    ));
                }
            }
        }
    }
    steps.sort_by(|(oa, a), (ob, b)| {
        a.score.total_cmp(&b.score).then(b.leaf.weight().total_cmp(&a.leaf.weight())).then(oa.cmp(ob))
    });
    steps.into_iter().map(|(_, s)| s).collect()
}

/// Level of a 0–100 score as shown (rounded to a whole number): below 20 Initiating, below
/// 40 Experimenting, below 60 Adopting, below 80 Integrating, else Transforming. A score of
/// 79.6 reads "80", so it is Transforming: a number and its level never disagree on screen.
pub fn level_name(score: f64) -> &'static str {
    LEVELS[level_index(score)]
}

/// The levels in order.
pub const LEVELS: [&str; 5] = ["Initiating", "Experimenting", "Adopting", "Integrating", "Transforming"];

/// The position of a score's level in [`LEVELS`] (see [`level_name`]).
pub fn level_index(score: f64) -> usize {
    ((score.round() / 20.0).floor().max(0.0) as usize).min(4)
}

/// What to do about a weak indicator (`name` tells a fallback measure from the indicator).
pub(crate) fn advice(id: IndicatorId, name: &str) -> &'static str {
    use IndicatorId::*;
    match id {
        LeaderActivation => "Get the executives personally involved: a leader post a week, and answers to staff threads.",
        LeaderResponsiveness => "Ask leaders to answer staff threads, not only to broadcast: a reply from the top signals that taking part is welcome.",
        LeaderReach => "Have leaders work out loud in open spaces and reply beyond their own team, so more people meet them in conversation.",
        CrossFunctional if name != id.name() => "Let the silos tumble: invite contributors into spaces beyond their own team, around shared questions.",
        CrossFunctional => "Let the silos tumble: open cross-department spaces around shared questions and invite experts from other units to answer.",
        KeyPlayerResilience => "Spread the load: a handful of people carry the conversation; recognise and recruit new contributors.",
        Responsiveness => "Make sure questions get answered: name community managers or experts to pick up unanswered posts within two days.",
        Openness => "Work in the open: move discussions from private groups into public spaces where others can learn from them.",
        Collaboration => "Turn posting into dialogue: encourage replies and reactions to each other's work, and reward the process as well as the outcome.",
        Reciprocity => "Build trust through reciprocity: answer those who answer you, and pair newcomers with active contributors.",
        Reach => "Invite the rest of the workforce: make sure everyone on the roster has an account and knows why it matters.",
        Activation => "Activate members who never took part: run show-and-tell sessions and offer an easy first step (react, answer a question).",
        Habit => "Make it a habit: a regular rhythm (a weekly question, a leader's weekly post) brings people back every week.",
    }
}

/// Recommendations from the weakest measured indicators: up to two below their target.
fn recommend(inds: &[Indicator]) -> Vec<String> {
    let mut scored: Vec<(f64, &Indicator)> =
        inds.iter().filter(|i| i.measured()).filter_map(|i| i.score.map(|s| (s, i))).collect();
    if scored.is_empty() {
        return Vec::new();
    }
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    let out: Vec<String> =
        scored.iter().filter(|(s, _)| *s < 100.0).take(2).map(|(_, i)| advice(i.id, &i.name).to_string()).collect();
    if out.is_empty() {
        vec!["Every measured indicator meets its target: keep the rhythm and share what works with other teams."
            .to_string()]
    } else {
        out
    }
}

/// Why a leaf has no score: its indicators' reasons, each once.
fn leaf_reason(leaf: LeafName, inds: &[Indicator]) -> String {
    let mut reasons: Vec<&str> = Vec::new();
    for r in inds.iter().filter_map(|i| i.reason.as_deref()) {
        if !reasons.contains(&r) {
            reasons.push(r);
        }
    }
    format!("No {} indicator could be measured. {}", leaf.id(), reasons.join(" "))
}

fn weighted_mean(scores: &[Option<f64>]) -> Option<f64> {
    let (mut sum, mut w) = (0.0, 0.0);
    for (s, leaf) in scores.iter().zip(LeafName::ALL) {
        if let Some(s) = s {
            sum += s * leaf.weight();
            w += leaf.weight();
        }
    }
    (w > 0.0).then(|| sum / w)
}

/// The caution a score on few contributors carries, or None.
pub(crate) fn caution(basis: Basis, min_base: u64) -> Option<String> {
    (basis.contributors < min_base).then(|| {
        format!(
            "Few people behind these numbers: {} and {} in this window, under the {} contributors a firm score needs.",
            words::plural(basis.contributors, "contributor", "contributors"),
            words::plural(basis.active, "active person", "active people"),
            words::count(min_base)
        )
    })
}

/// Clover maturity from the twelve indicators as measured (each with the limit of the export
/// behind it): the leaves and overall scored from the measured ones, what this export cannot
/// show, what to do next. `basis`: the window's active people and contributors.
pub(crate) fn assemble(
    measured: Vec<(Indicator, Option<LimitKind>)>,
    basis: Basis,
    leaders_answered: Option<Ratio>,
    p: &Params,
    data: super::DataKind,
) -> Clover {
    let limits = limits_of(&measured, p, data);
    let indicators = measured.into_iter().map(|(i, _)| i);
    let self_scores: Option<[f64; 4]> = p.self_assessment.map(|veins| {
        let mut s = [0.0; 4];
        for (leaf, chunk) in veins.chunks(3).enumerate() {
            let sum: f64 = chunk.iter().map(|&v| v.min(4) as f64).sum();
            s[leaf] = sum / 3.0 / 4.0 * 100.0;
        }
        s
    });
    let mut by_leaf: [Vec<Indicator>; 4] = Default::default();
    for i in indicators {
        let leaf = LeafName::ALL.iter().position(|l| l.indicators().contains(&i.id)).unwrap_or(0);
        by_leaf[leaf].push(i);
    }
    let leaves: Vec<Leaf> = by_leaf
        .into_iter()
        .enumerate()
        .map(|(i, inds)| {
            let leaf = LeafName::ALL[i];
            let with: Vec<f64> = inds.iter().filter(|x| x.measured()).filter_map(|x| x.score).collect();
            let score = (!with.is_empty()).then(|| with.iter().sum::<f64>() / with.len() as f64);
            let self_score = self_scores.map(|s| s[i]);
            let blended = match (score, self_score) {
                (Some(d), Some(s)) => Some((d + s) / 2.0),
                (None, s) => s,
                (Some(_), None) => None,
            };
            Leaf {
                leaf,
                score,
                level: score.map(|s| level_name(s).to_string()),
                weight: leaf.weight(),
                coverage: Coverage { measured: with.len() as u64, of: inds.len() as u64 },
                reason: score.is_none().then(|| leaf_reason(leaf, &inds)),
                recommendations: recommend(&inds),
                indicators: inds,
                self_score,
                blended,
            }
        })
        .collect();
    let overall = weighted_mean(&leaves.iter().map(|l| l.score).collect::<Vec<_>>());
    let self_assessed = self_scores.and_then(|s| weighted_mean(&s.map(Some)));
    let blended =
        if self_scores.is_some() { weighted_mean(&leaves.iter().map(|l| l.blended).collect::<Vec<_>>()) } else { None };
    Clover {
        overall,
        level: overall.map(|s| level_name(s).to_string()),
        basis,
        caution: caution(basis, p.min_base),
        limits,
        leaders_answered,
        next_steps: next_steps(&leaves),
        leaves,
        self_assessed,
        blended,
        blended_level: blended.map(|s| level_name(s).to_string()),
    }
}

/// One thing this export cannot show, the indicators it leaves unmeasured (or measured by a
/// fallback), and the export that would show it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Limit {
    pub kind: LimitKind,
    pub indicators: Vec<IndicatorId>,
    pub text: String,
    pub remedy: String,
}

/// The limits behind `indicators` (each indicator with the limit that left it unmeasured or
/// made it fall back), each kind once, in the order of [`LimitKind`].
pub(crate) fn limits_of(indicators: &[(Indicator, Option<LimitKind>)], p: &Params, data: DataKind) -> Vec<Limit> {
    let mut kinds: Vec<LimitKind> = indicators.iter().filter_map(|(_, k)| *k).collect();
    kinds.sort();
    kinds.dedup();
    kinds
        .into_iter()
        .map(|kind| Limit {
            kind,
            indicators: indicators.iter().filter(|(_, k)| *k == Some(kind)).map(|(i, _)| i.id).collect(),
            text: kind.text_for(p.min_group, data),
            remedy: kind.remedy_for(p.min_group, data),
        })
        .collect()
}
