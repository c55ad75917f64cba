//! Clover maturity: four leaves (leadership, governance, culture, technology), three
//! indicators each, scored against editable targets, with recommendations and an optional
//! self-assessment blended in separately.

use super::funnel::FunnelStage;
use super::inequality::smallest_half;
use super::network::cross_counts;
use super::pass::Pass;
use super::series::WeekPoint;
use super::window::Scope;
use super::Params;
use crate::model::Dataset;

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

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Indicator {
    pub id: IndicatorId,
    pub name: String,
    /// A share (0–1); `None` when there is no data for it.
    pub value: Option<f64>,
    pub target: f64,
    /// `min(100, 100 · value / target)`.
    pub score: Option<f64>,
    /// One plain-language line.
    pub explanation: String,
    /// The counts the value divides (`part` of `whole`), shown beside a share; None without
    /// data. For habit, `part` is the weekly mean of active people, rounded.
    pub ratio: Option<Ratio>,
    /// What it would take to reach the target, when the indicator is below it.
    pub gap: Option<Gap>,
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

/// The scores alone, for periods of a journey and segments: overall, level and the leaves.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CloverScores {
    pub overall: Option<f64>,
    pub level: Option<String>,
    pub leaves: Vec<LeafScore>,
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
        }
    }

    /// The indicator `id`.
    pub fn indicator(&self, id: IndicatorId) -> Option<&Indicator> {
        self.leaves.iter().flat_map(|l| &l.indicators).find(|i| i.id == id)
    }

    /// The leaf `leaf`.
    pub fn leaf(&self, leaf: LeafName) -> Option<&Leaf> {
        self.leaves.iter().find(|l| l.leaf == leaf)
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Leaf {
    pub leaf: LeafName,
    /// Mean of its indicators' scores that have data; `None` when none has.
    pub score: Option<f64>,
    pub level: Option<String>,
    /// Weight in the overall score (technology, the smaller leaf: ½).
    pub weight: f64,
    pub indicators: Vec<Indicator>,
    /// Chosen from the weakest indicators.
    pub recommendations: Vec<String>,
    /// The self-assessment's score for the leaf (mean of its three veins, 0–4 → 0–100).
    pub self_score: Option<f64>,
    /// Mean of the data score and the self score (the self score alone without data).
    pub blended: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Clover {
    /// Weighted mean of the leaves with data; `None` when no leaf has data.
    pub overall: Option<f64>,
    pub level: Option<String>,
    pub leaves: Vec<Leaf>,
    /// Overall score of the self-assessment alone.
    pub self_assessed: Option<f64>,
    /// Overall of the blended leaf scores (data and self-assessment).
    pub blended: Option<f64>,
    pub blended_level: Option<String>,
    /// What to do next, most urgent first: every indicator below its target, ranked by its
    /// score (lowest first; a tie goes to the heavier leaf, then to the leaf order), each
    /// with its advice and what it would take.
    pub next_steps: Vec<NextStep>,
}

/// One thing to do next: an indicator below its target, the advice for it, and its gap.
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

/// Every indicator below target, most urgent first.
fn next_steps(leaves: &[Leaf]) -> Vec<NextStep> {
    let mut steps: Vec<(usize, NextStep)> = Vec::new();
    for (order, leaf) in leaves.iter().enumerate() {
        for i in &leaf.indicators {
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
                            advice: advice(i.id).to_string(),
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

/// Level of a 0–100 score: below 20 Initiating, below 40 Experimenting, below 60 Adopting,
/// below 80 Integrating, else Transforming.
pub fn level_name(score: f64) -> &'static str {
    if score < 20.0 {
        "Initiating"
    } else if score < 40.0 {
        "Experimenting"
    } else if score < 60.0 {
        "Adopting"
    } else if score < 80.0 {
        "Integrating"
    } else {
        "Transforming"
    }
}

fn score_of(value: f64, target: f64) -> f64 {
    if target <= 0.0 {
        return 100.0;
    }
    (100.0 * value / target).clamp(0.0, 100.0)
}

use super::words::{self, pct};

fn share(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

fn indicator(id: IndicatorId, value: Option<f64>, target: f64, explanation: String) -> Indicator {
    Indicator {
        id,
        name: id.name().to_string(),
        value,
        target,
        score: value.map(|v| score_of(v, target)),
        explanation,
        ratio: None,
        gap: None,
    }
}

impl Indicator {
    /// Records the counts behind the value (`part` of `whole`) and, below the target, what it
    /// would take to reach it.
    fn counted(mut self, part: u64, whole: u64) -> Indicator {
        if self.value.is_some() {
            self.ratio = Some(Ratio { part, whole });
            if self.score.is_some_and(|s| s < 100.0) {
                self.gap = gap(self.id, part, whole, self.target);
            }
        }
        self
    }
}

/// The smallest whole number at least `x` (with a little room for rounding: 0.8 × 35 is
/// 28, not 28.000000000000004).
fn at_least(x: f64) -> u64 {
    (x - 1e-9).ceil().max(0.0) as u64
}

/// What it would take for `part` of `whole` to reach `target`, in the indicator's own units.
/// Where each extra unit also adds to the whole (a leader's reply to a staff thread is also
/// one more leader message), `(part + k) / (whole + k) ≥ target` is solved for k.
fn gap(id: IndicatorId, part: u64, whole: u64, target: f64) -> Option<Gap> {
    use IndicatorId::*;
    let t = target.clamp(0.0, 1.0);
    let grows_both = matches!(id, LeaderResponsiveness | CrossFunctional);
    let amount = if grows_both {
        if t >= 1.0 {
            return None;
        }
        at_least((t * whole as f64 - part as f64) / (1.0 - t))
    } else {
        at_least(t * whole as f64).saturating_sub(part)
    };
    if amount == 0 {
        return None;
    }
    let target = words::pct(target);
    let n = words::count(amount);
    let text = match id {
        LeaderActivation => format!(
            "{n} more of the {} leaders posting or replying would reach the {target} target.",
            words::count(whole)
        ),
        LeaderResponsiveness => format!(
            "{} in threads started by staff would reach the {target} target.",
            words::plural(amount, "more leader reply", "more leader replies")
        ),
        LeaderReach => format!(
            "{} exchanging a response with a leader would reach the {target} target.",
            words::plural(amount, "more active member", "more active members")
        ),
        CrossFunctional => format!(
            "{} between people of different departments would reach the {target} target.",
            words::plural(amount, "more response", "more responses")
        ),
        KeyPlayerResilience => format!(
            "Half of all posts and replies would have to come from at least {} (now {}) to reach the {target} target.",
            words::plural(part + amount, "person", "people"),
            words::count(part)
        ),
        Responsiveness => format!(
            "{} answered within 48 hours would reach the {target} target.",
            words::plural(amount, "more post", "more posts")
        ),
        Openness => format!(
            "{} in public spaces instead of private ones would reach the {target} target.",
            words::plural(amount, "more post or reply", "more posts and replies")
        ),
        Collaboration => format!(
            "{} both giving and receiving responses would reach the {target} target.",
            words::plural(amount, "more contributor", "more contributors")
        ),
        Reciprocity => format!(
            "{} answering each other both ways would reach the {target} target.",
            words::plural(amount, "more pair of people", "more pairs of people")
        ),
        Reach => format!(
            "{} of the workforce joining would reach the {target} target.",
            words::plural(amount, "more person", "more people")
        ),
        Activation => format!(
            "{} taking part (a post, reply or reaction) would reach the {target} target.",
            words::plural(amount, "more member", "more members")
        ),
        // Habit's gap comes from the exact weekly mean (see `compute`).
        Habit => return None,
    };
    Some(Gap { amount, text })
}

/// What to do about a weak indicator.
fn advice(id: IndicatorId) -> &'static str {
    use IndicatorId::*;
    match id {
        LeaderActivation => "Get the executives personally involved: a leader post a week, and answers to staff threads.",
        LeaderResponsiveness => "Ask leaders to answer staff threads, not only to broadcast: a reply from the top signals that taking part is welcome.",
        LeaderReach => "Have leaders work out loud in open spaces and reply beyond their own team, so more people meet them in conversation.",
        CrossFunctional => "Let the silos tumble: open cross-department spaces around shared questions and invite experts from other units to answer.",
        KeyPlayerResilience => "Spread the load: a handful of people carry the conversation; recognise and recruit new contributors.",
        Responsiveness => "Make sure questions get answered: name community managers or experts to pick up unanswered posts within two days.",
        Openness => "Work in the open: move discussions from private groups into public spaces where others can learn from them.",
        Collaboration => "Turn posting into dialogue: encourage replies and reactions to each other's work, and reward the process as well as the outcome.",
        Reciprocity => "Build trust through reciprocity: answer those who answer you, and pair newcomers with active members.",
        Reach => "Invite the rest of the workforce: make sure everyone on the roster has an account and knows why it matters.",
        Activation => "Activate members who never took part: run show-and-tell sessions and offer an easy first step (react, answer a question).",
        Habit => "Make it a habit: a regular rhythm (a weekly question, a leader's weekly post) brings people back every week.",
    }
}

fn no_data_advice(leaf: LeafName) -> &'static str {
    match leaf {
        LeafName::Leadership => {
            "No leaders are flagged: load a roster with a leader column (or job titles) to measure this leaf."
        }
        LeafName::Governance | LeafName::Culture => {
            "No posts or replies in this window and segment: there is nothing to measure yet."
        }
        LeafName::Technology => "No members in this window and segment: there is nothing to measure yet.",
    }
}

/// Recommendations from the weakest indicators with data: up to two below their target.
fn recommend(leaf: LeafName, inds: &[Indicator]) -> Vec<String> {
    let mut scored: Vec<(f64, IndicatorId)> = inds.iter().filter_map(|i| i.score.map(|s| (s, i.id))).collect();
    if scored.is_empty() {
        return vec![no_data_advice(leaf).to_string()];
    }
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    let out: Vec<String> =
        scored.iter().filter(|(s, _)| *s < 100.0).take(2).map(|(_, id)| advice(*id).to_string()).collect();
    if out.is_empty() {
        vec!["Every indicator meets its target: keep the rhythm and share what works with other teams.".to_string()]
    } else {
        out
    }
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

pub(crate) fn compute(
    ds: &Dataset,
    sc: &Scope,
    pass: &Pass,
    members: &[u32],
    funnel: &[FunnelStage],
    series: &[WeekPoint],
    p: &Params,
) -> Clover {
    let t = &p.targets;
    let acc = |m: u32| &pass.acc[m as usize];
    let stage = |i: usize| funnel.get(i).map_or(0, |s| s.count);
    let (workforce, n_members, active, contributors, engaged) = (stage(0), stage(1), stage(2), stage(3), stage(4));

    // Leadership.
    let leaders: Vec<u32> = members.iter().copied().filter(|&m| sc.leader[m as usize]).collect();
    let posting_leaders = leaders.iter().filter(|&&m| acc(m).contributions() > 0).count() as u64;
    let leader_msgs: u64 = leaders.iter().map(|&m| acc(m).contributions() as u64).sum();
    let leader_staff: u64 = leaders.iter().map(|&m| acc(m).staff_thread_replies as u64).sum();
    let touched = members.iter().filter(|&&m| acc(m).active() && acc(m).touched_leader).count() as u64;
    let v = share(posting_leaders, leaders.len() as u64);
    let la = indicator(
        IndicatorId::LeaderActivation,
        v,
        t.leader_activation,
        match v {
            Some(_) => format!("{posting_leaders} of {} leaders posted or replied.", leaders.len()),
            None => "No leaders in this segment.".to_string(),
        },
    )
    .counted(posting_leaders, leaders.len() as u64);
    let v = share(leader_staff, leader_msgs);
    let lr = indicator(
        IndicatorId::LeaderResponsiveness,
        v,
        t.leader_responsiveness,
        match v {
            Some(x) => format!("{} of leaders' posts and replies answered threads started by staff.", pct(x)),
            None => "Leaders wrote no posts or replies.".to_string(),
        },
    )
    .counted(leader_staff, leader_msgs);
    let v = if sc.any_leader { share(touched, active) } else { None };
    let lre = indicator(
        IndicatorId::LeaderReach,
        v,
        t.leader_reach,
        match v {
            Some(_) => format!("{touched} of {active} active members exchanged a response with a leader."),
            None if !sc.any_leader => "No leaders are flagged in the data.".to_string(),
            None => "No active members.".to_string(),
        },
    )
    .counted(touched, active);

    // Governance.
    let cf = if sc.fixed.dept_names.is_empty() {
        let multi = members.iter().filter(|&&m| acc(m).contributions() > 0 && acc(m).multi_space).count() as u64;
        let v = share(multi, contributors);
        let text = match v {
            Some(x) => {
                format!("No departments are known: {} of contributors posted or replied in two or more spaces.", pct(x))
            }
            None => "No departments are known and nobody posted or replied.".to_string(),
        };
        indicator(IndicatorId::CrossFunctional, v, t.cross_functional, text).counted(multi, contributors)
    } else {
        let (cross, known) = cross_counts(sc, pass);
        let v = share(cross, known);
        let text = match v {
            Some(x) => format!("{} of responses went between people of different departments.", pct(x)),
            None => "No responses between people with known departments.".to_string(),
        };
        indicator(IndicatorId::CrossFunctional, v, t.cross_functional, text).counted(cross, known)
    };
    let mut contrib: Vec<u64> = members.iter().map(|&m| acc(m).contributions() as u64).filter(|&c| c > 0).collect();
    contrib.sort_unstable_by(|a, b| b.cmp(a));
    let total: u64 = contrib.iter().sum();
    let k = smallest_half(&contrib, total) as u64;
    let v = share(k, contrib.len() as u64);
    let kp = indicator(
        IndicatorId::KeyPlayerResilience,
        v,
        t.key_player_resilience,
        match v {
            Some(x) => format!("{k} people ({} of contributors) made half of all posts and replies.", pct(x)),
            None => "Nobody posted or replied.".to_string(),
        },
    )
    .counted(k, contrib.len() as u64);
    let within = pass.answer_secs.iter().filter(|&&s| s <= 48 * 3600).count() as u64;
    let v = share(within, pass.seg_posts);
    let rs = indicator(
        IndicatorId::Responsiveness,
        v,
        t.responsiveness,
        match v {
            Some(x) => format!("{} of posts got a reply from someone else within 48 hours.", pct(x)),
            None => "No posts in this window.".to_string(),
        },
    )
    .counted(within, pass.seg_posts);

    // Culture.
    // Posts and replies by the segment's people, in public spaces and in all.
    let public: u64 = pass.space_contribs.iter().zip(&sc.public).filter(|(_, &p)| p).map(|(&c, _)| c as u64).sum();
    let msgs: u64 = pass.space_contribs.iter().map(|&c| c as u64).sum();
    let v = share(public, msgs);
    let op = indicator(
        IndicatorId::Openness,
        v,
        t.openness,
        match v {
            Some(x) => format!("{} of posts and replies were in public spaces.", pct(x)),
            None => "No posts or replies.".to_string(),
        },
    )
    .counted(public, msgs);
    let v = share(engaged, contributors);
    let co = indicator(
        IndicatorId::Collaboration,
        v,
        t.collaboration,
        match v {
            Some(_) => format!("{engaged} of {contributors} contributors both gave and received responses."),
            None => "No contributors.".to_string(),
        },
    )
    .counted(engaged, contributors);
    let v = share(pass.mutual_pairs, pass.pairs);
    let tr = indicator(
        IndicatorId::Reciprocity,
        v,
        t.reciprocity,
        match v {
            Some(x) => format!("In {} of the pairs where one person responded to the other, both did.", pct(x)),
            None => "Nobody responded to anyone.".to_string(),
        },
    )
    .counted(pass.mutual_pairs, pass.pairs);

    // Technology.
    let has_roster = ds.roster.is_some() && !sc.people_filter;
    let v = if has_roster { share(n_members, workforce) } else { None };
    let re = indicator(
        IndicatorId::Reach,
        v,
        t.reach,
        match v {
            Some(_) => format!("{n_members} of a workforce of {workforce} are members."),
            None if sc.people_filter => {
                "The roster gives only the organisation's headcount, not the segment's.".to_string()
            }
            None => "No roster is loaded, so the workforce is unknown.".to_string(),
        },
    )
    .counted(n_members, workforce);
    let v = share(active, n_members);
    let ac = indicator(
        IndicatorId::Activation,
        v,
        t.activation,
        match v {
            Some(_) => format!("{active} of {n_members} members posted, replied or reacted."),
            None => "No members.".to_string(),
        },
    )
    .counted(active, n_members);
    let weekly: u64 = series.iter().map(|w| w.active).sum();
    let v = if active > 0 && sc.nweeks > 0 { Some(weekly as f64 / sc.nweeks as f64 / active as f64) } else { None };
    let hb = indicator(
        IndicatorId::Habit,
        v,
        t.habit,
        match v {
            Some(x) => format!(
                "On average {:.0} people were active each week, {} of the {active} active in the whole period.",
                weekly as f64 / sc.nweeks.max(1) as f64,
                pct(x)
            ),
            None => "Nobody was active.".to_string(),
        },
    );
    // Habit's counts: the weekly mean of active people (rounded, for display) of the active;
    // the gap from the exact mean.
    let mut hb = hb;
    if hb.value.is_some() {
        let mean = weekly as f64 / sc.nweeks.max(1) as f64;
        hb.ratio = Some(Ratio { part: mean.round() as u64, whole: active });
        if hb.score.is_some_and(|s| s < 100.0) {
            let amount = at_least(hb.target * active as f64 - mean);
            hb.gap = (amount > 0).then(|| Gap {
                amount,
                text: format!(
                    "On average {} active each week would reach the {} target.",
                    words::plural(amount, "more person", "more people"),
                    pct(hb.target)
                ),
            });
        }
    }

    let groups = [vec![la, lr, lre], vec![cf, kp, rs], vec![op, co, tr], vec![re, ac, hb]];
    let self_scores: Option<[f64; 4]> = p.self_assessment.map(|veins| {
        let mut s = [0.0; 4];
        for (leaf, chunk) in veins.chunks(3).enumerate() {
            let sum: f64 = chunk.iter().map(|&v| v.min(4) as f64).sum();
            s[leaf] = sum / 3.0 / 4.0 * 100.0;
        }
        s
    });
    let mut leaves = Vec::with_capacity(4);
    for (i, inds) in groups.into_iter().enumerate() {
        let with: Vec<f64> = inds.iter().filter_map(|x| x.score).collect();
        let score = (!with.is_empty()).then(|| with.iter().sum::<f64>() / with.len() as f64);
        let self_score = self_scores.map(|s| s[i]);
        let blended = match (score, self_score) {
            (Some(d), Some(s)) => Some((d + s) / 2.0),
            (None, s) => s,
            (Some(_), None) => None,
        };
        let leaf = LeafName::ALL[i];
        leaves.push(Leaf {
            leaf,
            score,
            level: score.map(|s| level_name(s).to_string()),
            weight: leaf.weight(),
            recommendations: recommend(leaf, &inds),
            indicators: inds,
            self_score,
            blended,
        });
    }
    let overall = weighted_mean(&leaves.iter().map(|l| l.score).collect::<Vec<_>>());
    let self_assessed = self_scores.and_then(|s| weighted_mean(&s.map(Some)));
    let blended =
        if self_scores.is_some() { weighted_mean(&leaves.iter().map(|l| l.blended).collect::<Vec<_>>()) } else { None };
    Clover {
        overall,
        level: overall.map(|s| level_name(s).to_string()),
        next_steps: next_steps(&leaves),
        leaves,
        self_assessed,
        blended,
        blended_level: blended.map(|s| level_name(s).to_string()),
    }
}
