//! What a snapshot may hold: every number within what a real organisation can have, every
//! list no longer than an analysis makes it, the funnel in order, the network's ties between
//! its people. A snapshot arrives from anywhere; [`super::decode`] opens none that fails this.
//!
//! [`Plausible`] is implemented here for every type of the [`Analysis`] by taking the value
//! apart whole, without `..`: a field added to one of those types does not compile here
//! until its line says how it is checked (a bound, a list's length, another type's check,
//! or `_` for flags, enums and texts, which need none beyond the length every text is held to
//! on arrival). `tests/snapshot.rs` then puts an absurd number in every numeric field of a
//! full analysis and checks that each one is refused.

use crate::analytics::{
    Analysis, Baseline, Basis, Change, Clover, CloverScores, Cohort, Coverage, Edge, ExchangeMatrix, Figure,
    FunnelStage, Gap, Indicator, Inequality, Insight, Journey, JourneyPeriod, LeaderRow, Leaf, LeafScore, LevelReached,
    Limit, LorenzPoint, MetricUnit, MonthFunnel, Network, NextStep, Node, PersonaCounts, Ratio, ResponseTime,
    Rule90_9_1, SegmentInfo, SegmentRow, Slide, Stage, Totals, WeekPoint, Window, WindowPreset,
};

use super::{Meta, NETWORK_EDGES};

/// More people than any organisation has.
pub const MAX_PEOPLE: u64 = 10_000_000;
/// More posts, replies, reactions or responses than any export holds.
pub const MAX_EVENTS: u64 = 100_000_000_000;
/// The longest name or sentence kept.
const MAX_TEXT: usize = 2_000;
/// The longest window, in days (about 110 years), and its weeks.
const MAX_DAYS: u64 = 40_000;
const MAX_WEEKS: u64 = 6_000;
/// The largest privacy floor (minimum group) a snapshot may say it used.
const MAX_MIN_GROUP: usize = 1_000;
/// The largest leaderboard score: every event of an export, weighted.
const MAX_LEADER_SCORE: f64 = 1e15;
/// The longest median response time, in hours (over a century).
const MAX_HOURS: f64 = 1e6;
/// The largest weight a leaf of the Clover may have in the overall score.
const MAX_LEAF_WEIGHT: f64 = 100.0;

pub(super) type Check = Result<(), String>;

/// What a snapshot may hold of a value; `what` names it in the refusal.
pub(super) trait Plausible {
    fn check(&self, what: &str) -> Check;
}

impl<T: Plausible> Plausible for Option<T> {
    fn check(&self, what: &str) -> Check {
        self.as_ref().map_or(Ok(()), |x| x.check(what))
    }
}

pub(super) fn people(what: &str, n: u64) -> Check {
    if n > MAX_PEOPLE {
        return Err(format!("{what}: {n} people"));
    }
    Ok(())
}

pub(super) fn events(what: &str, n: u64) -> Check {
    if n > MAX_EVENTS {
        return Err(format!("{what}: {n}"));
    }
    Ok(())
}

fn share(what: &str, x: Option<f64>) -> Check {
    match x {
        Some(v) if !(0.0..=1.0).contains(&v) => Err(format!("{what}: a share of {v}, outside 0–1")),
        _ => Ok(()),
    }
}

fn score(what: &str, x: Option<f64>) -> Check {
    match x {
        Some(v) if !(0.0..=100.0).contains(&v) => Err(format!("{what}: a score of {v}, outside 0–100")),
        _ => Ok(()),
    }
}

fn within(what: &str, x: Option<f64>, max: f64) -> Check {
    match x {
        Some(v) if !(0.0..=max).contains(&v) => Err(format!("{what}: {v}, outside 0–{max}")),
        _ => Ok(()),
    }
}

pub(super) fn text(what: &str, s: &str) -> Check {
    if s.chars().count() > MAX_TEXT {
        return Err(format!("{what}: a text of {} characters", s.chars().count()));
    }
    Ok(())
}

pub(super) fn at_most<T>(what: &str, v: &[T], n: usize) -> Check {
    if v.len() > n {
        return Err(format!("{what}: {} entries, at most {n} expected", v.len()));
    }
    Ok(())
}

/// At most `n` items, each plausible.
fn each<T: Plausible>(what: &str, v: &[T], n: usize) -> Check {
    at_most(what, v, n)?;
    v.iter().try_for_each(|x| x.check(what))
}

/// The snapshot's description of itself.
pub(super) fn meta(m: &Meta) -> Check {
    let Meta { made, source, pseudonymised: _, formats, people: n, spaces, posts, replies, reactions, first, last } = m;
    for s in [made].into_iter().chain(source).chain(first).chain(last) {
        if s.chars().count() > 40 {
            return Err("the snapshot's description is too long".into());
        }
    }
    at_most("formats", formats, 10)?;
    if formats.iter().any(|f| f.len() > 20 || !f.bytes().all(|b| b.is_ascii_lowercase())) {
        return Err("an unknown format".into());
    }
    people("people", *n)?;
    events("spaces", *spaces)?;
    for (w, n) in [("posts", posts), ("replies", replies), ("reactions", reactions)] {
        events(w, *n)?;
    }
    Ok(())
}

impl Plausible for Analysis {
    fn check(&self, _: &str) -> Check {
        let Analysis {
            data: _,
            window,
            segment,
            suppressed: _,
            notes,
            totals,
            funnel: stages,
            funnel_by_month,
            cohorts,
            leaderboard,
            leaders_board,
            ranked,
            personas,
            clover,
            series,
            inequality,
            network,
            exchange,
            response_time,
            insights,
            presets,
            baseline,
            changes,
            segments,
            journey,
            slides,
            member_list: _,
            figures,
            readers,
        } = self;
        if let Some(r) = readers {
            people("the readers", r.readers)?;
            people("the readers", r.unmatched)?;
        }
        window.check("the window")?;
        segment.check("the segment")?;
        at_most("the notes", notes, 50)?;
        totals.check("the totals")?;
        funnel("the funnel", stages)?;
        each("the months", funnel_by_month, 300)?;
        each("the cohorts", cohorts, 300)?;
        each("the leaderboard", leaderboard, 100)?;
        each("the leaders' board", leaders_board, 100)?;
        if let Some(n) = ranked {
            people("ranked", *n)?;
        }
        personas.check("personas")?;
        clover.check("Clover")?;
        each("the weeks", series, 1_100)?;
        inequality.check("inequality")?;
        network.check("the network")?;
        exchange.check("the department matrix")?;
        response_time.check("response time")?;
        each("the insights", insights, 50)?;
        each("the presets", presets, 20)?;
        baseline.check("the baseline")?;
        each("the changes", changes, 100)?;
        each("the segments", segments, 1_000)?;
        journey.check("the journey")?;
        each("the slides", slides, 50)?;
        each("the headline figures", figures, 12)
    }
}

impl Plausible for Window {
    fn check(&self, _: &str) -> Check {
        let Window {
            from: _,
            to: _,
            days,
            weeks,
            previous_from: _,
            previous_to: _,
            previous_has_data: _,
            partial: _,
            label: _,
        } = self;
        if *days > MAX_DAYS || *weeks > MAX_WEEKS {
            return Err(format!("a window of {days} days"));
        }
        Ok(())
    }
}

impl Plausible for SegmentInfo {
    fn check(&self, _: &str) -> Check {
        let SegmentInfo { departments: _, locations: _, spaces: _, leaders: _, include_direct: _, min_group, min_base } =
            self;
        if *min_group > MAX_MIN_GROUP {
            return Err(format!("a minimum group of {min_group}"));
        }
        events("the minimum base", *min_base)
    }
}

impl Plausible for Totals {
    fn check(&self, _: &str) -> Check {
        let Totals { posts, replies, reactions, responses, active_spaces } = self;
        for (what, n) in [
            ("posts", posts),
            ("replies", replies),
            ("reactions", reactions),
            ("responses", responses),
            ("active spaces", active_spaces),
        ] {
            events(what, *n)?;
        }
        Ok(())
    }
}

/// A funnel: none, or the six stages in order (the first four, from activity reports), each
/// a subset of the one before.
fn funnel(what: &str, f: &[FunnelStage]) -> Check {
    if f.is_empty() {
        return Ok(());
    }
    let whole = f.len() == Stage::ALL.len() || f.len() == crate::analytics::REPORT_STAGES;
    if !whole || f.iter().zip(Stage::ALL).any(|(s, st)| s.stage != st) {
        return Err(format!("{what}: the funnel's stages are not in order"));
    }
    for (i, s) in f.iter().enumerate() {
        let FunnelStage { stage, count, conversion, drop_off, of_members } = s;
        people(&format!("{what}, {stage}"), *count)?;
        // Each stage is a subset of the one before (workforce is never below members).
        if i > 0 && *count > f[i - 1].count {
            return Err(format!("{what}: more {stage} ({count}) than {} ({})", f[i - 1].stage, f[i - 1].count));
        }
        share(&format!("{what}, {stage} conversion"), *conversion)?;
        // Workforce may exceed members (the roster's headcount); every other stage is a share.
        if *stage != Stage::Workforce {
            share(&format!("{what}, {stage} share of members"), *of_members)?;
        } else if of_members.is_some_and(|x| !(0.0..=MAX_PEOPLE as f64).contains(&x)) {
            return Err(format!("{what}: workforce {of_members:?} times the members"));
        }
        if let Some(d) = drop_off {
            if i == 0 || *d > f[i - 1].count {
                return Err(format!("{what}: a drop-off of {d} at {stage}"));
            }
        }
    }
    Ok(())
}

impl Plausible for MonthFunnel {
    fn check(&self, _: &str) -> Check {
        let MonthFunnel { month, workforce, members, active, contributors, engaged, champions } = self;
        for n in [workforce, members, active, contributors, engaged, champions] {
            people(month, *n)?;
        }
        Ok(())
    }
}

impl Plausible for Cohort {
    fn check(&self, _: &str) -> Check {
        let Cohort { month, size, contributing, retention } = self;
        people(month, *size)?;
        at_most(month, contributing, 300)?;
        at_most(month, retention, 300)?;
        contributing.iter().try_for_each(|&n| people(month, n))?;
        retention.iter().try_for_each(|&r| share(month, Some(r)))
    }
}

impl Plausible for LeaderRow {
    fn check(&self, what: &str) -> Check {
        let LeaderRow {
            rank,
            id: _,
            name: _,
            department: _,
            leader: _,
            score,
            posts,
            replies,
            reactions_given,
            replies_received,
            reactions_received,
            people_reached,
            persona: _,
            previous_rank,
            movement,
            read,
            days_active,
        } = self;
        if *rank == 0 || *rank > MAX_PEOPLE || previous_rank.is_some_and(|p| p == 0 || p > MAX_PEOPLE) {
            return Err(format!("{what}: rank {rank}"));
        }
        if !(0.0..=MAX_LEADER_SCORE).contains(score) || movement.is_some_and(|m| m.unsigned_abs() > MAX_PEOPLE) {
            return Err(format!("{what}: a score of {score}"));
        }
        for n in [posts, replies, reactions_given, replies_received, reactions_received] {
            events(what, *n)?;
        }
        if let Some(n) = read {
            events(what, *n)?;
        }
        if days_active.is_some_and(|d| d > 366 * 200) {
            return Err(format!("{what}: {days_active:?} days active"));
        }
        people(what, *people_reached)
    }
}

impl Plausible for PersonaCounts {
    fn check(&self, what: &str) -> Check {
        let PersonaCounts { engager, catalyst, responder, broadcaster, observer } = self;
        for n in [engager, catalyst, responder, broadcaster, observer] {
            people(what, *n)?;
        }
        Ok(())
    }
}

impl Plausible for Clover {
    fn check(&self, what: &str) -> Check {
        let Clover {
            overall,
            level: _,
            leaves,
            self_assessed,
            blended,
            blended_level: _,
            next_steps,
            basis,
            caution: _,
            limits,
            leaders_answered,
        } = self;
        for x in [overall, self_assessed, blended] {
            score(what, *x)?;
        }
        each(what, leaves, 4)?;
        each(&format!("{what}, next steps"), next_steps, 12)?;
        basis.check(what)?;
        each(&format!("{what}, limits"), limits, 20)?;
        leaders_answered.check(&format!("{what}, leaders answered"))
    }
}

impl Plausible for Basis {
    fn check(&self, what: &str) -> Check {
        let Basis { active, contributors } = self;
        people(what, *active)?;
        people(what, *contributors)
    }
}

impl Plausible for Limit {
    fn check(&self, what: &str) -> Check {
        let Limit { kind: _, indicators, text: _, remedy: _ } = self;
        at_most(what, indicators, 12)
    }
}

impl Plausible for Coverage {
    fn check(&self, what: &str) -> Check {
        // A leaf has three indicators; 12 is every indicator of the four leaves.
        let Coverage { measured, of } = self;
        if *of > 12 || measured > of {
            return Err(format!("{what}: {measured} of {of} indicators measured"));
        }
        Ok(())
    }
}

impl Plausible for Leaf {
    fn check(&self, what: &str) -> Check {
        let Leaf {
            leaf,
            score: s,
            level: _,
            weight,
            indicators,
            recommendations,
            self_score,
            blended,
            coverage,
            reason: _,
        } = self;
        let what = format!("{what}, {}", leaf.id());
        for x in [s, self_score, blended] {
            score(&what, *x)?;
        }
        within(&format!("{what}, weight"), Some(*weight), MAX_LEAF_WEIGHT)?;
        each(&what, indicators, 12)?;
        at_most(&what, recommendations, 12)?;
        coverage.check(&what)
    }
}

impl Plausible for Indicator {
    fn check(&self, what: &str) -> Check {
        let Indicator { id, name: _, value, target, score: s, explanation: _, ratio, gap, status: _, reason: _ } = self;
        let what = format!("{what}, {id}");
        share(&what, *value)?;
        share(&what, Some(*target))?;
        score(&what, *s)?;
        ratio.check(&what)?;
        gap.check(&what)
    }
}

impl Plausible for Ratio {
    fn check(&self, what: &str) -> Check {
        let Ratio { part, whole } = self;
        events(what, *part)?;
        events(what, *whole)
    }
}

impl Plausible for Gap {
    fn check(&self, what: &str) -> Check {
        let Gap { amount, text: _ } = self;
        events(&format!("{what}, the gap"), *amount)
    }
}

impl Plausible for NextStep {
    fn check(&self, what: &str) -> Check {
        let NextStep { leaf: _, indicator, value, target, score: s, advice: _, gap } = self;
        let what = format!("{what}, {indicator}");
        share(&what, Some(*value))?;
        share(&what, Some(*target))?;
        score(&what, Some(*s))?;
        gap.check(&what)
    }
}

impl Plausible for CloverScores {
    fn check(&self, what: &str) -> Check {
        let CloverScores { overall, level: _, leaves, basis } = self;
        score(what, *overall)?;
        each(what, leaves, 4)?;
        basis.check(what)
    }
}

impl Plausible for LeafScore {
    fn check(&self, what: &str) -> Check {
        let LeafScore { leaf, score: s } = self;
        score(&format!("{what}, {}", leaf.id()), *s)
    }
}

impl Plausible for WeekPoint {
    fn check(&self, _: &str) -> Check {
        let WeekPoint { week, start: _, active, contributors, posts, replies, reactions } = self;
        people(week, *active)?;
        people(week, *contributors)?;
        for n in [posts, replies, reactions] {
            events(week, *n)?;
        }
        Ok(())
    }
}

impl Plausible for Inequality {
    fn check(&self, what: &str) -> Check {
        let Inequality { members, contributors, contributions, gini, top1_share, top10_share, lorenz, rule_90_9_1 } =
            self;
        people(what, *members)?;
        people(what, *contributors)?;
        events(what, *contributions)?;
        for x in [gini, top1_share, top10_share] {
            share(what, *x)?;
        }
        each("the Lorenz curve", lorenz, 100)?;
        rule_90_9_1.check("90-9-1")
    }
}

impl Plausible for LorenzPoint {
    fn check(&self, what: &str) -> Check {
        let LorenzPoint { people, contributions } = self;
        share(what, Some(*people))?;
        share(what, Some(*contributions))
    }
}

impl Plausible for Rule90_9_1 {
    fn check(&self, what: &str) -> Check {
        let Rule90_9_1 { lurkers, occasional, heavy, benchmark } = self;
        [lurkers, occasional, heavy].into_iter().chain(benchmark).try_for_each(|x| share(what, Some(*x)))
    }
}

impl Plausible for Network {
    fn check(&self, what: &str) -> Check {
        let Network { nodes, edges, pairs } = self;
        each(what, nodes, 2 * NETWORK_EDGES.max(500))?;
        each(what, edges, NETWORK_EDGES.max(500))?;
        if edges.iter().any(|e| e.source >= nodes.len() || e.target >= nodes.len()) {
            return Err("the network joins people it does not have".into());
        }
        events("the network's pairs", *pairs)
    }
}

impl Plausible for Node {
    fn check(&self, what: &str) -> Check {
        let Node { id: _, name: _, department: _, leader: _, in_segment: _, responses } = self;
        events(what, *responses)
    }
}

impl Plausible for Edge {
    fn check(&self, what: &str) -> Check {
        // Its ends are checked against the nodes by the network.
        let Edge { source: _, target: _, weight } = self;
        events(what, *weight)
    }
}

impl Plausible for ExchangeMatrix {
    fn check(&self, what: &str) -> Check {
        let ExchangeMatrix { departments, counts, cross_share } = self;
        at_most("the departments", departments, 500)?;
        if counts.len() != departments.len() || counts.iter().any(|r| r.len() != departments.len()) {
            return Err(format!("{what} is not square"));
        }
        counts.iter().flatten().try_for_each(|&n| events(what, n))?;
        share(what, *cross_share)
    }
}

impl Plausible for ResponseTime {
    fn check(&self, what: &str) -> Check {
        let ResponseTime { posts, answered, answered_within_48h, median_hours } = self;
        for n in [posts, answered, answered_within_48h] {
            events(what, *n)?;
        }
        if answered > posts || answered_within_48h > answered {
            return Err("more posts answered than posts".into());
        }
        within("a median response time", *median_hours, MAX_HOURS)
    }
}

impl Plausible for Insight {
    fn check(&self, _: &str) -> Check {
        let Insight { view: _, text: _ } = self;
        Ok(())
    }
}

impl Plausible for WindowPreset {
    fn check(&self, _: &str) -> Check {
        let WindowPreset { id: _, label: _, from: _, to: _, baseline_from: _, baseline_to: _ } = self;
        Ok(())
    }
}

impl Plausible for Baseline {
    fn check(&self, what: &str) -> Check {
        let Baseline { window, suppressed: _, totals, funnel: stages, personas, clover, note: _ } = self;
        window.check(what)?;
        totals.check(what)?;
        funnel(what, stages)?;
        personas.check(what)?;
        clover.check(&format!("{what}'s Clover"))
    }
}

impl Plausible for Change {
    fn check(&self, _: &str) -> Check {
        let Change {
            metric: _,
            name,
            unit,
            current,
            baseline,
            change,
            relative,
            current_ratio,
            baseline_ratio,
            current_base,
            baseline_base,
            small_base: _,
            direction: _,
            partial: _,
            text: _,
        } = self;
        let what = format!("the change of {name}");
        match unit {
            MetricUnit::People => {
                within(&what, Some(*current), MAX_PEOPLE as f64)?;
                within(&what, Some(*baseline), MAX_PEOPLE as f64)?;
            }
            MetricUnit::Share => {
                share(&what, Some(*current))?;
                share(&what, Some(*baseline))?;
            }
            MetricUnit::Score => {
                score(&what, Some(*current))?;
                score(&what, Some(*baseline))?;
            }
        }
        if change.abs() > MAX_PEOPLE as f64 || relative.is_some_and(|r| r.abs() > MAX_PEOPLE as f64) {
            return Err(what);
        }
        current_ratio.check(&what)?;
        baseline_ratio.check(&what)?;
        events(&what, *current_base)?;
        events(&what, *baseline_base)
    }
}

impl Plausible for SegmentRow {
    fn check(&self, _: &str) -> Check {
        let SegmentRow { kind: _, name, suppressed: _, people: n, funnel: stages, median_response_hours, clover } =
            self;
        funnel(name, stages)?;
        if let Some(n) = n {
            people(name, *n)?;
        }
        within(&format!("{name}: a median response time"), *median_response_hours, MAX_HOURS)?;
        clover.check(name)
    }
}

impl Plausible for Journey {
    fn check(&self, what: &str) -> Check {
        let Journey { by: _, periods, first_reached, leader_activation_met: _ } = self;
        each(what, periods, 300)?;
        each(what, first_reached, 20)
    }
}

impl Plausible for JourneyPeriod {
    fn check(&self, _: &str) -> Check {
        let JourneyPeriod {
            label,
            from: _,
            to: _,
            complete: _,
            suppressed: _,
            funnel: stages,
            personas,
            clover,
            leader_activation,
            reached,
        } = self;
        funnel(label, stages)?;
        personas.check(label)?;
        clover.check(label)?;
        share(label, *leader_activation)?;
        at_most(label, reached, 20)
    }
}

impl Plausible for LevelReached {
    fn check(&self, _: &str) -> Check {
        let LevelReached { level: _, period: _ } = self;
        Ok(())
    }
}

impl Plausible for Figure {
    fn check(&self, _: &str) -> Check {
        // Shown as they are: a figure's value is text ("1,559", "41 %"), made by the core.
        let Figure { id: _, label: _, value: _, sub: _, metric: _ } = self;
        Ok(())
    }
}

impl Plausible for Slide {
    fn check(&self, _: &str) -> Check {
        let Slide { kind: _, title: _, notes } = self;
        at_most("a slide's notes", notes, 50)
    }
}
