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
pub const VEINS: [(&str, &str); 12] = [
    ("leadership", "Executives are personally involved"),
    ("leadership", "Executives are passionate about it"),
    ("leadership", "Executives are bought in, with a clear return"),
    ("governance", "Governance is cross-functional"),
    ("governance", "Expertise is integrated across and within units"),
    ("governance", "HR policies take social media into account"),
    ("culture", "Openness"),
    ("culture", "Trust"),
    ("culture", "Collaboration"),
    ("technology", "Simple"),
    ("technology", "Inexpensive"),
    ("technology", "Designed for social interaction, not file sharing"),
];

const LEAVES: [&str; 4] = ["leadership", "governance", "culture", "technology"];
const LEAF_WEIGHTS: [f64; 4] = [1.0, 1.0, 1.0, 0.5];

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    /// A share (0–1); `None` when there is no data for it.
    pub value: Option<f64>,
    pub target: f64,
    /// `min(100, 100 · value / target)`.
    pub score: Option<f64>,
    /// One plain-language line.
    pub explanation: String,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Leaf {
    pub leaf: String,
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

fn pct(x: f64) -> String {
    let p = x * 100.0;
    if p > 0.0 && p < 1.0 {
        "under 1 %".to_string()
    } else {
        format!("{:.0} %", p)
    }
}

fn share(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

fn indicator(id: &str, name: &str, value: Option<f64>, target: f64, explanation: String) -> Indicator {
    Indicator {
        id: id.to_string(),
        name: name.to_string(),
        value,
        target,
        score: value.map(|v| score_of(v, target)),
        explanation,
    }
}

/// What to do about a weak indicator.
fn advice(id: &str) -> &'static str {
    match id {
        "leader_activation" => "Get the executives personally involved: a leader post a week, and answers to staff threads.",
        "leader_responsiveness" => "Ask leaders to answer staff threads, not only to broadcast: a reply from the top signals that taking part is welcome.",
        "leader_reach" => "Have leaders work out loud in open spaces and reply beyond their own team, so more people meet them in conversation.",
        "cross_functional" => "Let the silos tumble: open cross-department spaces around shared questions and invite experts from other units to answer.",
        "key_player_resilience" => "Spread the load: a handful of people carry the conversation; recognise and recruit new contributors.",
        "responsiveness" => "Make sure questions get answered: name community managers or experts to pick up unanswered posts within two days.",
        "openness" => "Work in the open: move discussions from private groups into public spaces where others can learn from them.",
        "collaboration" => "Turn posting into dialogue: encourage replies and reactions to each other's work, and reward the process as well as the outcome.",
        "reciprocity" => "Build trust through reciprocity: answer those who answer you, and pair newcomers with active members.",
        "reach" => "Invite the rest of the workforce: make sure everyone on the roster has an account and knows why it matters.",
        "activation" => "Activate members who never took part: run show-and-tell sessions and offer an easy first step (react, answer a question).",
        "habit" => "Make it a habit: a regular rhythm (a weekly question, a leader's weekly post) brings people back every week.",
        _ => "",
    }
}

fn no_data_advice(leaf: &str) -> &'static str {
    match leaf {
        "leadership" => {
            "No leaders are flagged: load a roster with a leader column (or job titles) to measure this leaf."
        }
        "governance" => "No posts or replies in this window and segment: there is nothing to measure yet.",
        "culture" => "No posts or replies in this window and segment: there is nothing to measure yet.",
        _ => "No members in this window and segment: there is nothing to measure yet.",
    }
}

/// Recommendations from the weakest indicators with data: up to two below their target.
fn recommend(leaf: &str, inds: &[Indicator]) -> Vec<String> {
    let mut scored: Vec<(f64, &str)> = inds.iter().filter_map(|i| i.score.map(|s| (s, i.id.as_str()))).collect();
    if scored.is_empty() {
        return vec![no_data_advice(leaf).to_string()];
    }
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    let out: Vec<String> =
        scored.iter().filter(|(s, _)| *s < 100.0).take(2).map(|(_, id)| advice(id).to_string()).collect();
    if out.is_empty() {
        vec!["Every indicator meets its target: keep the rhythm and share what works with other teams.".to_string()]
    } else {
        out
    }
}

fn weighted_mean(scores: &[Option<f64>]) -> Option<f64> {
    let (mut sum, mut w) = (0.0, 0.0);
    for (i, s) in scores.iter().enumerate() {
        if let Some(s) = s {
            sum += s * LEAF_WEIGHTS[i];
            w += LEAF_WEIGHTS[i];
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
        "leader_activation",
        "Leader activation",
        v,
        t.leader_activation,
        match v {
            Some(_) => format!("{posting_leaders} of {} leaders posted or replied.", leaders.len()),
            None => "No leaders in this segment.".to_string(),
        },
    );
    let v = share(leader_staff, leader_msgs);
    let lr = indicator(
        "leader_responsiveness",
        "Leader responsiveness",
        v,
        t.leader_responsiveness,
        match v {
            Some(x) => format!("{} of leaders' posts and replies answered threads started by staff.", pct(x)),
            None => "Leaders wrote no posts or replies.".to_string(),
        },
    );
    let v = if sc.any_leader { share(touched, active) } else { None };
    let lre = indicator(
        "leader_reach",
        "Leader reach",
        v,
        t.leader_reach,
        match v {
            Some(_) => format!("{touched} of {active} active members exchanged a response with a leader."),
            None if !sc.any_leader => "No leaders are flagged in the data.".to_string(),
            None => "No active members.".to_string(),
        },
    );

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
        indicator("cross_functional", "Cross-functional exchange", v, t.cross_functional, text)
    } else {
        let (cross, known) = cross_counts(sc, pass);
        let v = share(cross, known);
        let text = match v {
            Some(x) => format!("{} of responses went between people of different departments.", pct(x)),
            None => "No responses between people with known departments.".to_string(),
        };
        indicator("cross_functional", "Cross-functional exchange", v, t.cross_functional, text)
    };
    let mut contrib: Vec<u64> = members.iter().map(|&m| acc(m).contributions() as u64).filter(|&c| c > 0).collect();
    contrib.sort_unstable_by(|a, b| b.cmp(a));
    let total: u64 = contrib.iter().sum();
    let k = smallest_half(&contrib, total) as u64;
    let v = share(k, contrib.len() as u64);
    let kp = indicator(
        "key_player_resilience",
        "Key-player resilience",
        v,
        t.key_player_resilience,
        match v {
            Some(x) => format!("{k} people ({} of contributors) made half of all posts and replies.", pct(x)),
            None => "Nobody posted or replied.".to_string(),
        },
    );
    let within = pass.answer_secs.iter().filter(|&&s| s <= 48 * 3600).count() as u64;
    let v = share(within, pass.seg_posts);
    let rs = indicator(
        "responsiveness",
        "Responsiveness",
        v,
        t.responsiveness,
        match v {
            Some(x) => format!("{} of posts got a reply from someone else within 48 hours.", pct(x)),
            None => "No posts in this window.".to_string(),
        },
    );

    // Culture.
    // Posts and replies by the segment's people, in public spaces and in all.
    let public: u64 = pass.space_contribs.iter().zip(&sc.public).filter(|(_, &p)| p).map(|(&c, _)| c as u64).sum();
    let msgs: u64 = pass.space_contribs.iter().map(|&c| c as u64).sum();
    let v = share(public, msgs);
    let op = indicator(
        "openness",
        "Openness",
        v,
        t.openness,
        match v {
            Some(x) => format!("{} of posts and replies were in public spaces.", pct(x)),
            None => "No posts or replies.".to_string(),
        },
    );
    let v = share(engaged, contributors);
    let co = indicator(
        "collaboration",
        "Collaboration",
        v,
        t.collaboration,
        match v {
            Some(_) => format!("{engaged} of {contributors} contributors both gave and received responses."),
            None => "No contributors.".to_string(),
        },
    );
    let v = share(pass.mutual_pairs, pass.pairs);
    let tr = indicator(
        "reciprocity",
        "Trust and reciprocity",
        v,
        t.reciprocity,
        match v {
            Some(x) => format!("In {} of the pairs where one person responded to the other, both did.", pct(x)),
            None => "Nobody responded to anyone.".to_string(),
        },
    );

    // Technology.
    let has_roster = ds.roster.is_some() && !sc.people_filter;
    let v = if has_roster { share(n_members, workforce) } else { None };
    let re = indicator(
        "reach",
        "Reach",
        v,
        t.reach,
        match v {
            Some(_) => format!("{n_members} of a workforce of {workforce} are members."),
            None if sc.people_filter => {
                "The roster gives only the organisation's headcount, not the segment's.".to_string()
            }
            None => "No roster is loaded, so the workforce is unknown.".to_string(),
        },
    );
    let v = share(active, n_members);
    let ac = indicator(
        "activation",
        "Activation",
        v,
        t.activation,
        match v {
            Some(_) => format!("{active} of {n_members} members posted, replied or reacted."),
            None => "No members.".to_string(),
        },
    );
    let weekly: u64 = series.iter().map(|w| w.active).sum();
    let v = if active > 0 && sc.nweeks > 0 { Some(weekly as f64 / sc.nweeks as f64 / active as f64) } else { None };
    let hb = indicator(
        "habit",
        "Habit",
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
        leaves.push(Leaf {
            leaf: LEAVES[i].to_string(),
            score,
            level: score.map(|s| level_name(s).to_string()),
            weight: LEAF_WEIGHTS[i],
            recommendations: recommend(LEAVES[i], &inds),
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
        leaves,
        self_assessed,
        blended,
        blended_level: blended.map(|s| level_name(s).to_string()),
    }
}
