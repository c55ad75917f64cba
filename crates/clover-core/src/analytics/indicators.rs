//! The twelve Clover indicators of a window and group, measured from the pass — or not, and
//! then why: `no_data` when the export (or the window) cannot show what the indicator needs,
//! `too_few` when its group is under the minimum group (leaders: their numbers would expose
//! individuals) or its base under the minimum base (a share of a handful is no measure).
//! Definitions: `docs/metrics.md`, section 6.

use super::clover::{self, Basis, Clover, Gap, Indicator, IndicatorId, Ratio, Status};
use super::funnel::{FunnelStage, Stage};
use super::inequality::smallest_half;
use super::limits::{ExportFacts, LimitKind};
use super::network::cross_counts;
use super::pass::Pass;
use super::series::WeekPoint;
use super::window::Scope;
use super::{DataKind, Params};
use crate::words::{self, pct, plural};

/// What the indicators are measured from: one window and group's pass and funnel.
pub(crate) struct Measures<'a> {
    pub sc: &'a Scope<'a>,
    pub pass: &'a Pass,
    /// The group's members in the window.
    pub members: &'a [u32],
    pub funnel: &'a [FunnelStage],
    pub series: &'a [WeekPoint],
}

impl Measures<'_> {
    pub fn count(&self, s: Stage) -> u64 {
        self.funnel.iter().find(|f| f.stage == s).map_or(0, |f| f.count)
    }
    pub fn facts(&self) -> &ExportFacts {
        &self.sc.fixed.facts
    }
    /// The group's members who are leaders.
    fn leaders(&self) -> Vec<u32> {
        self.members.iter().copied().filter(|&m| self.sc.leader[m as usize]).collect()
    }
}

/// What one indicator's measurement found, before the minimum base is applied.
pub(crate) enum Reading {
    /// `part` of `whole`, and the sentence that says so.
    Share { part: u64, whole: u64, text: String },
    /// Habit: the weekly mean of active people against the active in the window.
    Habit { mean: f64, active: u64, text: String },
    /// Nothing to measure: the export cannot show it (with the limit), or this window and
    /// group have nothing of it (no limit).
    NoData(String, Option<LimitKind>),
    /// The group is under the minimum group: no number at all.
    Hidden(String, LimitKind),
}

/// Which indicator a reading is, under which name, and whether it is measured another way
/// than the messages' definition (without departments, cross-functional exchange is
/// contribution across spaces; from activity reports, activation counts reading), with the
/// limit of the export that made it so.
#[derive(Clone, Copy)]
pub(crate) struct Measure<'n> {
    pub id: IndicatorId,
    pub name: &'n str,
    pub alt: bool,
    pub alt_limit: Option<LimitKind>,
}

impl Measure<'static> {
    /// The indicator as `docs/metrics.md` defines it for message exports.
    pub fn plain(id: IndicatorId) -> Measure<'static> {
        Measure { id, name: id.name(), alt: false, alt_limit: None }
    }
}

/// The units of an indicator's base, for "4 contributors are too few to score".
fn base_noun(id: IndicatorId, fallback: bool) -> (&'static str, &'static str) {
    use IndicatorId::*;
    match id {
        LeaderActivation => ("leader", "leaders"),
        LeaderResponsiveness => ("post or reply by leaders", "posts and replies by leaders"),
        LeaderReach | Habit => ("active person", "active people"),
        CrossFunctional if fallback => ("contributor", "contributors"),
        CrossFunctional => ("response between known departments", "responses between known departments"),
        KeyPlayerResilience | Collaboration => ("contributor", "contributors"),
        Responsiveness => ("post", "posts"),
        Openness => ("post or reply", "posts and replies"),
        Reciprocity => ("pair of people", "pairs of people"),
        Reach => ("person in the workforce", "people in the workforce"),
        Activation => ("member", "members"),
    }
}

/// Why an indicator has nothing to measure when its base is empty in this window.
fn empty_reason(id: IndicatorId, fallback: bool) -> &'static str {
    use IndicatorId::*;
    match id {
        LeaderActivation => "There are no leaders in this group.",
        LeaderResponsiveness => "Leaders wrote no posts or replies in this window.",
        LeaderReach | Habit => "Nobody was active in this window.",
        CrossFunctional if !fallback => "Nobody responded to anyone of a known department in this window.",
        KeyPlayerResilience if fallback => "Nobody posted in this window.",
        CrossFunctional | KeyPlayerResilience | Collaboration => "Nobody posted or replied in this window.",
        Responsiveness => "Nobody posted in this window.",
        Openness => "Nobody posted or replied in this window.",
        Reciprocity => "Nobody responded to anyone in this window.",
        Reach => "The roster gives no workforce.",
        Activation => "There are no members in this window.",
    }
}

/// The name of cross-functional exchange measured without departments.
pub const ACROSS_SPACES: &str = "Contribution across spaces";

fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn score_of(value: f64, target: f64) -> f64 {
    if target <= 0.0 {
        return 100.0;
    }
    (100.0 * value / target).clamp(0.0, 100.0)
}

/// The smallest whole number at least `x` (with a little room for rounding: 0.8 × 35 is
/// 28, not 28.000000000000004).
fn at_least(x: f64) -> u64 {
    (x - 1e-9).ceil().max(0.0) as u64
}

/// Turns a reading into the indicator, applying the minimum base, and the limit behind it.
pub(crate) fn finish(m: Measure<'_>, reading: Reading, target: f64, min_base: u64) -> (Indicator, Option<LimitKind>) {
    let Measure { id, name, alt: fallback, alt_limit } = m;
    // A measure that stands in for another is a limit of the export, however it turns out.
    let fallback_limit = alt_limit;
    let unmeasured = |status: Status, reason: String| Indicator {
        id,
        name: name.to_string(),
        status,
        reason: Some(reason.clone()),
        value: None,
        target,
        score: None,
        explanation: reason,
        ratio: None,
        gap: None,
    };
    let (one, many) = base_noun(id, fallback);
    let too_few = |text: &str, whole: u64| {
        format!(
            "{}, but {}{} {} too few for a score (the minimum base is {}).",
            text.trim_end_matches('.'),
            if whole == 1 { "" } else { "the " },
            words::plural(whole, one, many),
            if whole == 1 { "is" } else { "are" },
            words::count(min_base)
        )
    };
    let nothing = || empty_reason(id, fallback).to_string();
    match reading {
        Reading::NoData(reason, limit) => (unmeasured(Status::NoData, reason), limit),
        Reading::Hidden(reason, limit) => (unmeasured(Status::TooFew, reason), Some(limit)),
        Reading::Share { whole: 0, .. } | Reading::Habit { active: 0, .. } => {
            (unmeasured(Status::NoData, nothing()), fallback_limit)
        }
        Reading::Share { whole, text, .. } if whole < min_base => {
            (unmeasured(Status::TooFew, too_few(&text, whole)), fallback_limit)
        }
        Reading::Habit { active, text, .. } if active < min_base => {
            (unmeasured(Status::TooFew, too_few(&text, active)), None)
        }
        Reading::Share { part, whole, text } => {
            let value = share(part, whole);
            let score = score_of(value, target);
            let gap = if score < 100.0 { gap(id, fallback, part, whole, target) } else { None };
            let limit = fallback_limit;
            let ind = Indicator {
                id,
                name: name.to_string(),
                status: Status::Measured,
                reason: None,
                value: Some(value),
                target,
                score: Some(score),
                explanation: text,
                ratio: Some(Ratio { part, whole }),
                gap,
            };
            (ind, limit)
        }
        Reading::Habit { mean, active, text } => {
            let value = mean / active as f64;
            let score = score_of(value, target);
            let amount = at_least(target * active as f64 - mean);
            let gap = (score < 100.0 && amount > 0).then(|| Gap {
                amount,
                text: format!(
                    "On average {} active each week would reach the {} target.",
                    words::plural(amount, "more person", "more people"),
                    pct(target)
                ),
            });
            let ind = Indicator {
                id,
                name: name.to_string(),
                status: Status::Measured,
                reason: None,
                value: Some(value),
                target,
                score: Some(score),
                explanation: text,
                ratio: Some(Ratio { part: mean.round() as u64, whole: active }),
                gap,
            };
            (ind, None)
        }
    }
}

/// The twelve indicators, leaf by leaf, each with the limit of the export behind it (if any).
pub(crate) fn measure(m: &Measures<'_>, p: &Params) -> Vec<(Indicator, Option<LimitKind>)> {
    let t = &p.targets;
    let mut out = Vec::with_capacity(12);
    let mut push = |m: Measure<'_>, r: Reading| {
        out.push(finish(m, r, m.id.target(t), p.min_base));
    };
    let plain = Measure::plain;
    let [la, lr, lre] = leadership(m, p);
    push(plain(IndicatorId::LeaderActivation), la);
    push(plain(IndicatorId::LeaderResponsiveness), lr);
    push(plain(IndicatorId::LeaderReach), lre);
    let (cf_name, cf) = cross_functional(m);
    let across = cf_name != IndicatorId::CrossFunctional.name();
    push(
        Measure {
            id: IndicatorId::CrossFunctional,
            name: cf_name,
            alt: across,
            alt_limit: across.then_some(LimitKind::NoDepartments),
        },
        cf,
    );
    push(plain(IndicatorId::KeyPlayerResilience), key_players(m));
    push(plain(IndicatorId::Responsiveness), responsiveness(m));
    push(plain(IndicatorId::Openness), openness(m));
    push(plain(IndicatorId::Collaboration), collaboration(m));
    push(plain(IndicatorId::Reciprocity), reciprocity(m));
    push(plain(IndicatorId::Reach), reach(m));
    push(plain(IndicatorId::Activation), activation(m));
    push(plain(IndicatorId::Habit), habit(m));
    out
}

/// Why leaders cannot be measured in this group, if they cannot: none identified in the
/// export (`identified`), none in the group, or fewer than the minimum group (`n` leaders).
pub(crate) fn leaders_unmeasured(identified: u64, n: u64, min_group: usize, data: DataKind) -> Option<Reading> {
    if identified == 0 {
        return Some(Reading::NoData(LimitKind::NoLeaders.text_for(min_group, data), Some(LimitKind::NoLeaders)));
    }
    if n == 0 {
        return Some(Reading::NoData("There are no leaders in this group.".to_string(), None));
    }
    if (n as usize) < min_group {
        return Some(Reading::Hidden(LimitKind::FewLeaders.text(min_group), LimitKind::FewLeaders));
    }
    None
}

fn leadership(m: &Measures<'_>, p: &Params) -> [Reading; 3] {
    let facts = m.facts();
    let acc = |i: u32| &m.pass.acc[i as usize];
    let leaders = m.leaders();
    let activation = leaders_unmeasured(facts.leaders, leaders.len() as u64, p.min_group, DataKind::Export)
        .unwrap_or_else(|| {
            let posting = leaders.iter().filter(|&&l| acc(l).contributions() > 0).count() as u64;
            let n = leaders.len() as u64;
            Reading::Share {
                part: posting,
                whole: n,
                text: format!("{} of {} posted or replied.", words::count(posting), plural(n, "leader", "leaders")),
            }
        });
    let responsiveness = leaders_unmeasured(facts.leaders, leaders.len() as u64, p.min_group, DataKind::Export)
        .unwrap_or_else(|| {
            if !facts.replies {
                return Reading::NoData(LimitKind::NoReplies.text(p.min_group), Some(LimitKind::NoReplies));
            }
            let msgs: u64 = leaders.iter().map(|&l| acc(l).contributions() as u64).sum();
            let staff: u64 = leaders.iter().map(|&l| acc(l).staff_thread_replies as u64).sum();
            if msgs == 0 {
                return Reading::NoData("Leaders wrote no posts or replies in this window.".to_string(), None);
            }
            Reading::Share {
                part: staff,
                whole: msgs,
                text: format!(
                    "{} of leaders' {} answered threads started by staff.",
                    words::count(staff),
                    plural(msgs, "post or reply", "posts and replies")
                ),
            }
        });
    // Leader reach is about the group's active people meeting any leader, so its group of
    // leaders is the whole organisation's.
    let reach = leaders_unmeasured(facts.leaders, facts.leaders, p.min_group, DataKind::Export).unwrap_or_else(|| {
        if !facts.responses() {
            return Reading::NoData(LimitKind::NoResponses.text(p.min_group), Some(LimitKind::NoResponses));
        }
        let active = m.count(Stage::Active);
        let touched = m.members.iter().filter(|&&i| acc(i).active() && acc(i).touched_leader).count() as u64;
        Reading::Share {
            part: touched,
            whole: active,
            text: format!(
                "{} of {} exchanged a response with a leader.",
                words::count(touched),
                plural(active, "active person", "active people")
            ),
        }
    });
    [activation, responsiveness, reach]
}

fn cross_functional(m: &Measures<'_>) -> (&'static str, Reading) {
    let facts = m.facts();
    if facts.departments {
        if !facts.responses() {
            let r = Reading::NoData(LimitKind::NoResponses.text(0), Some(LimitKind::NoResponses));
            return (IndicatorId::CrossFunctional.name(), r);
        }
        let (cross, known) = cross_counts(m.pass);
        let text = format!(
            "{} of {} between people of known departments went across departments.",
            words::count(cross),
            plural(known, "response", "responses")
        );
        return (IndicatorId::CrossFunctional.name(), Reading::Share { part: cross, whole: known, text });
    }
    if facts.spaces < 2 {
        return (ACROSS_SPACES, Reading::NoData(LimitKind::OneSpace.text(0), Some(LimitKind::OneSpace)));
    }
    let acc = |i: u32| &m.pass.acc[i as usize];
    let multi = m.members.iter().filter(|&&i| acc(i).contributions() > 0 && acc(i).multi_space).count() as u64;
    let contributors = m.count(Stage::Contributors);
    let text = format!(
        "{} of {} posted or replied in two or more spaces.",
        words::count(multi),
        plural(contributors, "contributor", "contributors")
    );
    (ACROSS_SPACES, Reading::Share { part: multi, whole: contributors, text })
}

fn key_players(m: &Measures<'_>) -> Reading {
    let mut contrib: Vec<u64> =
        m.members.iter().map(|&i| m.pass.acc[i as usize].contributions() as u64).filter(|&c| c > 0).collect();
    contrib.sort_unstable_by(|a, b| b.cmp(a));
    let total: u64 = contrib.iter().sum();
    let k = smallest_half(&contrib, total) as u64;
    let n = contrib.len() as u64;
    Reading::Share {
        part: k,
        whole: n,
        text: format!(
            "{} of {} made half of all posts and replies.",
            words::count(k),
            plural(n, "contributor", "contributors")
        ),
    }
}

fn responsiveness(m: &Measures<'_>) -> Reading {
    if !m.facts().replies {
        return Reading::NoData(LimitKind::NoReplies.text(0), Some(LimitKind::NoReplies));
    }
    let within = m.pass.answer_secs.iter().filter(|&&s| s <= 48 * 3600).count() as u64;
    let posts = m.pass.seg_posts;
    Reading::Share {
        part: within,
        whole: posts,
        text: format!(
            "{} of {} got a reply from someone else within 48 hours.",
            words::count(within),
            plural(posts, "post", "posts")
        ),
    }
}

fn openness(m: &Measures<'_>) -> Reading {
    if !m.facts().private_spaces {
        return Reading::NoData(LimitKind::OnlyPublicSpaces.text(0), Some(LimitKind::OnlyPublicSpaces));
    }
    let pass = m.pass;
    let public: u64 = pass.space_contribs.iter().zip(&m.sc.public).filter(|(_, &p)| p).map(|(&c, _)| c as u64).sum();
    let msgs: u64 = pass.space_contribs.iter().map(|&c| c as u64).sum();
    Reading::Share {
        part: public,
        whole: msgs,
        text: format!(
            "{} of {} were in public spaces.",
            words::count(public),
            plural(msgs, "post or reply", "posts and replies")
        ),
    }
}

fn collaboration(m: &Measures<'_>) -> Reading {
    if !m.facts().responses() {
        return Reading::NoData(LimitKind::NoResponses.text(0), Some(LimitKind::NoResponses));
    }
    let (engaged, contributors) = (m.count(Stage::Engaged), m.count(Stage::Contributors));
    Reading::Share {
        part: engaged,
        whole: contributors,
        text: format!(
            "{} of {} both gave and received responses.",
            words::count(engaged),
            plural(contributors, "contributor", "contributors")
        ),
    }
}

fn reciprocity(m: &Measures<'_>) -> Reading {
    if !m.facts().responses() {
        return Reading::NoData(LimitKind::NoResponses.text(0), Some(LimitKind::NoResponses));
    }
    let (mutual, pairs) = (m.pass.mutual_pairs, m.pass.pairs);
    Reading::Share {
        part: mutual,
        whole: pairs,
        text: format!(
            "In {} of {} where one responded to the other, both did.",
            words::count(mutual),
            plural(pairs, "pair of people", "pairs of people")
        ),
    }
}

fn reach(m: &Measures<'_>) -> Reading {
    if !m.facts().roster {
        return Reading::NoData(LimitKind::NoRoster.text(0), Some(LimitKind::NoRoster));
    }
    if m.sc.people_filter {
        return Reading::NoData("The roster gives the organisation's headcount, not this group's.".to_string(), None);
    }
    let (members, workforce) = (m.count(Stage::Members), m.count(Stage::Workforce));
    Reading::Share {
        part: members,
        whole: workforce,
        text: format!(
            "{} of a workforce of {} {} members.",
            words::count(members),
            words::count(workforce),
            if members == 1 { "is" } else { "are" }
        ),
    }
}

fn activation(m: &Measures<'_>) -> Reading {
    if !m.facts().member_list {
        return Reading::NoData(LimitKind::NoMemberList.text(0), Some(LimitKind::NoMemberList));
    }
    let (active, members) = (m.count(Stage::Active), m.count(Stage::Members));
    Reading::Share {
        part: active,
        whole: members,
        text: format!(
            "{} of {} posted, replied or reacted.",
            words::count(active),
            plural(members, "member", "members")
        ),
    }
}

fn habit(m: &Measures<'_>) -> Reading {
    let active = m.count(Stage::Active);
    // Habit compares weeks: within one week (or less than seven days) everyone active is
    // active in nearly every week of the window, by construction.
    if m.sc.nweeks < 2 || m.sc.ndays < 7 {
        return too_short_for_habit();
    }
    let weekly: u64 = m.series.iter().map(|w| w.active).sum();
    let mean = weekly as f64 / m.sc.nweeks.max(1) as f64;
    habit_reading(mean, active)
}

/// A window of under two weeks: a weekly habit cannot be measured.
pub(crate) fn too_short_for_habit() -> Reading {
    Reading::NoData("The window is shorter than two weeks, so a weekly habit cannot be measured.".to_string(), None)
}

/// The habit reading: `mean` people active a week, of `active` in the whole window.
pub(crate) fn habit_reading(mean: f64, active: u64) -> Reading {
    Reading::Habit {
        mean,
        active,
        text: format!(
            "On average {} {} active each week, of the {} active in the whole window.",
            words::count(mean.round() as u64),
            if mean.round() as u64 == 1 { "person was" } else { "people were" },
            words::count(active)
        ),
    }
}

/// Staff threads (posts by the group's non-leaders) and how many a leader answered, when
/// leaders can be shown (at least the minimum group of them in the export) and the export
/// has replies.
pub(crate) fn leaders_answered(m: &Measures<'_>, p: &Params) -> Option<Ratio> {
    let facts = m.facts();
    let shown = facts.leaders as usize >= p.min_group.max(1) && facts.replies && m.pass.staff_threads > 0;
    shown.then_some(Ratio { part: m.pass.staff_threads_led, whole: m.pass.staff_threads })
}

/// What it would take for `part` of `whole` to reach `target`, in the indicator's own units.
/// Where each extra unit also adds to the whole (a leader's reply to a staff thread is also
/// one more leader message; a response across departments is also a response),
/// `(part + k) / (whole + k) ≥ target` is solved for k.
fn gap(id: IndicatorId, fallback: bool, part: u64, whole: u64, target: f64) -> Option<Gap> {
    use IndicatorId::*;
    let t = target.clamp(0.0, 1.0);
    let grows_both = matches!(id, LeaderResponsiveness) || (id == CrossFunctional && !fallback);
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
    let target = pct(target);
    let n = words::count(amount);
    let text = match id {
        LeaderActivation => format!(
            "{n} more of the {} posting or replying would reach the {target} target.",
            plural(whole, "leader", "leaders")
        ),
        LeaderResponsiveness => format!(
            "{} in threads started by staff would reach the {target} target.",
            plural(amount, "more leader reply", "more leader replies")
        ),
        LeaderReach => format!(
            "{} exchanging a response with a leader would reach the {target} target.",
            plural(amount, "more active person", "more active people")
        ),
        CrossFunctional if fallback => format!(
            "{} posting or replying in two or more spaces would reach the {target} target.",
            plural(amount, "more contributor", "more contributors")
        ),
        CrossFunctional => format!(
            "{} between people of different departments would reach the {target} target.",
            plural(amount, "more response", "more responses")
        ),
        KeyPlayerResilience if fallback => format!(
            "Half of everything posted would have to come from at least {} (now {}) to reach the {target} target.",
            plural(part + amount, "person", "people"),
            words::count(part)
        ),
        KeyPlayerResilience => format!(
            "Half of all posts and replies would have to come from at least {} (now {}) to reach the {target} target.",
            plural(part + amount, "person", "people"),
            words::count(part)
        ),
        Responsiveness => format!(
            "{} answered within 48 hours would reach the {target} target.",
            plural(amount, "more post", "more posts")
        ),
        Openness => format!(
            "{} in public spaces instead of private ones would reach the {target} target.",
            plural(amount, "more post or reply", "more posts and replies")
        ),
        Collaboration => format!(
            "{} both giving and receiving responses would reach the {target} target.",
            plural(amount, "more contributor", "more contributors")
        ),
        Reciprocity => format!(
            "{} answering each other both ways would reach the {target} target.",
            plural(amount, "more pair of people", "more pairs of people")
        ),
        Reach => format!(
            "{} of the workforce joining would reach the {target} target.",
            plural(amount, "more person", "more people")
        ),
        Activation if fallback => format!(
            "{} active, reading included, would reach the {target} target.",
            plural(amount, "more member", "more members")
        ),
        Activation => format!(
            "{} taking part (a post, reply or reaction) would reach the {target} target.",
            plural(amount, "more member", "more members")
        ),
        // Habit's gap comes from the exact weekly mean (see `finish`).
        Habit => return None,
    };
    Some(Gap { amount, text })
}

/// Clover maturity of the window and group: the twelve indicators measured (or not, and
/// why), the leaves and overall scored from the measured ones, what to do next.
pub(crate) fn clover(m: &Measures<'_>, p: &Params) -> Clover {
    let basis = Basis { active: m.count(Stage::Active), contributors: m.count(Stage::Contributors) };
    clover::assemble(measure(m, p), basis, leaders_answered(m, p), p, super::DataKind::Export)
}
