//! Progress over time, on a dataset small enough to compute by hand (docs/metrics.md,
//! "Comparisons", "Journey", "Segments", "What it would take"):
//!
//! ```text
//! Sales p0–p39 (40 people; p0 and p1 lead), Ops q0–q9 (10; q0 leads), Legal l0–l2 (3)
//! 2024-01-01 (Q1)  posts by p0–p29 and q0–q4        35 contributors
//! 2024-04-10 (Q2)  posts by p0–p39, q0–q7 and l0    49 contributors
//! 2024-07-03 (Q3)  a post by p0: the data ends here, so 2024 Q3 is partial
//! ```
//! Everyone is a member in every window (53); nobody replies or reacts. Three leaders are
//! fewer than the default minimum group (5): tests that look at leaders lower it to 3.

mod common;

use clover_core::analytics::{
    analyze, level_name, Analysis, Compare, Direction, IndicatorId, LeafName, Metric, MetricUnit, Params, Segment,
    SegmentKind, Stage, Status, Unit,
};
use clover_core::civil::days_from_civil;
use clover_core::model::{Dataset, SpaceKind};
use common::fixture::{DAY, T};

fn day(y: i64, m: u32, d: u32) -> i64 {
    days_from_civil(y, m, d)
}

fn org() -> Dataset {
    let mut t = T::new();
    let general = t.space("general", SpaceKind::Channel);
    let sales: Vec<u32> = (0..40).map(|i| t.person(&format!("p{i}"), Some("Sales"), i < 2)).collect();
    let ops: Vec<u32> = (0..10).map(|i| t.person(&format!("q{i}"), Some("Ops"), i == 0)).collect();
    let legal: Vec<u32> = (0..3).map(|i| t.person(&format!("l{i}"), Some("Legal"), false)).collect();
    let at = |d: i64| d * DAY + 10 * 3_600_000;
    let mut n = 0;
    let mut post = |t: &mut T, who: u32, d: i64| {
        n += 1;
        t.post(&format!("m{n}"), general, who, at(d));
    };
    for &p in sales.iter().take(30).chain(ops.iter().take(5)) {
        post(&mut t, p, day(2024, 1, 1));
    }
    for &p in sales.iter().chain(ops.iter().take(8)).chain(legal.iter().take(1)) {
        post(&mut t, p, day(2024, 4, 10));
    }
    post(&mut t, sales[0], day(2024, 7, 3));
    t.finish()
}

fn window(from: i64, to: i64, compare: Compare) -> Params {
    Params { from: Some(from), to: Some(to), compare, ..Params::default() }
}

fn q2_against_q1() -> Analysis {
    analyze(&org(), &window(day(2024, 4, 1), day(2024, 6, 30), Compare::Previous))
}

fn change(a: &Analysis, metric: Metric) -> &clover_core::analytics::Change {
    a.changes.iter().find(|c| c.metric == metric).unwrap_or_else(|| panic!("{metric:?} in {:#?}", a.changes))
}

#[test]
fn the_period_before_a_quarter_is_the_quarter_before() {
    let a = q2_against_q1();
    let b = a.baseline.as_ref().expect("baseline");
    assert_eq!(b.window.from.as_deref(), Some("2024-01-01"));
    assert_eq!(b.window.to.as_deref(), Some("2024-03-31"));
    assert_eq!(b.window.label.as_deref(), Some("2024 Q1"));
    assert_eq!(a.window.label.as_deref(), Some("2024 Q2"));
    assert_eq!(b.note, None);
    let count = |s: Stage| b.funnel.iter().find(|f| f.stage == s).unwrap().count;
    assert_eq!((count(Stage::Members), count(Stage::Contributors)), (53, 35));
    assert!(b.clover.is_some() && b.personas.is_some() && b.totals.as_ref().unwrap().posts == 35);
}

#[test]
fn a_percentage_change_needs_30_on_both_sides() {
    let a = q2_against_q1();
    // 35 → 49 contributors: both bases reach 30, so the relative change is given: 14 / 35.
    let c = change(&a, Metric::Stage(Stage::Contributors));
    assert_eq!((c.current, c.baseline, c.change), (49.0, 35.0, 14.0));
    assert_eq!(c.relative, Some(0.4));
    assert!(!c.small_base);
    assert_eq!((c.direction, c.unit), (Direction::Up, MetricUnit::People));
    assert_eq!(c.text, "Contributors rose from 35 to 49 since 2024 Q1 (+14, +40 %).");
    // Members held steady at 53.
    let c = change(&a, Metric::Stage(Stage::Members));
    assert_eq!((c.direction, c.change, c.relative), (Direction::Same, 0.0, Some(0.0)));
    assert_eq!(c.text, "Members held steady at 53 since 2024 Q1.");

    // Ops alone: 5 → 8 contributors is three people, not "+60 %".
    let ops = Params {
        segment: Segment { departments: vec!["Ops".into()], ..Segment::default() },
        ..window(day(2024, 4, 1), day(2024, 6, 30), Compare::Previous)
    };
    let a = analyze(&org(), &ops);
    let c = change(&a, Metric::Stage(Stage::Contributors));
    assert_eq!((c.current, c.baseline), (8.0, 5.0));
    assert_eq!((c.relative, c.small_base), (None, true));
    assert_eq!(c.text, "Contributors rose from 5 to 8 since 2024 Q1 (+3; too few to compare as a percentage).");
    // The base is a parameter.
    let a = analyze(&org(), &Params { min_base: 5, ..ops });
    assert_eq!(change(&a, Metric::Stage(Stage::Contributors)).relative, Some(0.6));
}

#[test]
fn a_share_shows_its_counts_in_both_periods() {
    let a = q2_against_q1();
    // Active share: 35 of 53 (66 %) → 49 of 53 (92 %).
    let c = change(&a, Metric::Headline(clover_core::analytics::Headline::ActiveShare));
    assert_eq!(c.unit, MetricUnit::Share);
    assert_eq!((c.current_ratio.unwrap().part, c.current_ratio.unwrap().whole), (49, 53));
    assert_eq!((c.baseline_ratio.unwrap().part, c.baseline_ratio.unwrap().whole), (35, 53));
    assert!((c.change - (49.0 - 35.0) / 53.0).abs() < 1e-12);
    assert_eq!(c.text, "Active share rose from 66 % to 92 % since 2024 Q1 (35 of 53 → 49 of 53).");
    // On a base under the minimum base, a share is given as its counts, no percentage.
    let strict =
        analyze(&org(), &Params { min_base: 60, ..window(day(2024, 4, 1), day(2024, 6, 30), Compare::Previous) });
    let c = change(&strict, Metric::Headline(clover_core::analytics::Headline::ActiveShare));
    assert!(c.small_base);
    assert_eq!(
        c.text,
        "Active share rose from 35 of 53 to 49 of 53 since 2024 Q1 (too few to compare as a percentage)."
    );
    // Leader activation rests on three leaders, under the minimum base: it is not measured in
    // either period, so it is not compared at all; neither is reach (no roster).
    for id in [IndicatorId::LeaderActivation, IndicatorId::Reach] {
        assert!(a.changes.iter().all(|c| c.metric != Metric::Indicator(id)), "{id}");
    }
    // Every other headline metric is compared: six stages, the active share, Clover, four
    // leaves, and the indicators measured in both periods.
    // Leaves with a score in both periods: governance and technology (leadership is hidden,
    // and culture has nothing it can measure: no replies or reactions, only a public space).
    let leaves: Vec<Metric> =
        a.changes.iter().filter(|c| matches!(c.metric, Metric::Leaf(_))).map(|c| c.metric).collect();
    assert_eq!(leaves, [Metric::Leaf(LeafName::Governance), Metric::Leaf(LeafName::Technology)]);
    assert!(a.changes.iter().any(|c| c.metric == Metric::Headline(clover_core::analytics::Headline::Clover)));
    let activation = change(&a, Metric::Indicator(IndicatorId::Activation));
    assert_eq!(activation.text, "Activation rose from 66 % to 92 % since 2024 Q1 (35 of 53 → 49 of 53).");
}

#[test]
fn a_partial_period_is_marked_and_comparisons_say_so() {
    // 2024 Q3 runs to 30 September, the data to 3 July.
    let a = analyze(&org(), &window(day(2024, 7, 1), day(2024, 9, 30), Compare::Previous));
    assert_eq!(a.window.partial.as_deref(), Some("2024 Q3 is only partly covered: the data ends on 2024-07-03"));
    assert_eq!(a.window.to.as_deref(), Some("2024-07-03"));
    assert_eq!(a.baseline.as_ref().unwrap().window.label.as_deref(), Some("2024 Q2"));
    let c = change(&a, Metric::Stage(Stage::Contributors));
    assert!(c.partial);
    assert_eq!(
        c.text,
        "Contributors fell from 49 to 1 since 2024 Q2 (−48; too few to compare as a percentage). Partial period: 2024 Q3 is only partly covered: the data ends on 2024-07-03."
    );
    // Q2 itself is complete, and so is the whole range.
    assert_eq!(q2_against_q1().window.partial, None);
    assert_eq!(analyze(&org(), &Params::default()).window.partial, None);
}

#[test]
fn no_data_to_compare_with_is_said_once_and_compares_nothing() {
    let a = analyze(&org(), &window(day(2024, 4, 1), day(2024, 6, 30), Compare::Year));
    let b = a.baseline.as_ref().unwrap();
    assert_eq!(b.window.days, 0);
    assert_eq!(b.note.as_deref(), Some("There is no data in 2023 Q2 to compare with."));
    assert!(a.changes.is_empty());
    assert!(a.notes.iter().any(|n| n == "There is no data in 2023 Q2 to compare with."));
    // Without a comparison there is no baseline at all.
    let a = analyze(&org(), &window(day(2024, 4, 1), day(2024, 6, 30), Compare::None));
    assert!(a.baseline.is_none() && a.changes.is_empty());
    // Any window: Q2 against January alone.
    let a = analyze(
        &org(),
        &window(day(2024, 4, 1), day(2024, 6, 30), Compare::Window { from: day(2024, 1, 1), to: day(2024, 1, 31) }),
    );
    assert_eq!(a.baseline.unwrap().window.label.as_deref(), Some("January 2024"));
}

#[test]
fn presets_offer_complete_periods() {
    let a = analyze(&org(), &Params::default());
    let p: Vec<(&str, &str, &str)> =
        a.presets.iter().map(|p| (p.id.as_str(), p.from.as_str(), p.baseline_from.as_str())).collect();
    // Data: 2024-01-01 – 2024-07-03. The last complete half-year (H1 2024) has no complete
    // half-year before it in the data.
    assert_eq!(p, [("last_month", "2024-06-01", "2024-05-01"), ("last_quarter", "2024-04-01", "2024-01-01")]);
}

#[test]
fn the_previous_window_may_hold_no_data() {
    let a = analyze(&org(), &Params::default());
    assert!(!a.window.previous_has_data);
    assert!(q2_against_q1().window.previous_has_data);
}

#[test]
fn segments_below_the_floor_show_no_numbers() {
    let q2 = |min_group: usize| Params {
        segments: true,
        min_group,
        ..window(day(2024, 4, 1), day(2024, 6, 30), Compare::None)
    };
    let a = analyze(&org(), &q2(5));
    let names: Vec<(SegmentKind, &str, bool)> =
        a.segments.iter().map(|s| (s.kind, s.name.as_str(), s.suppressed)).collect();
    // Legal (3) is under the floor. Ops (10) is hidden too: the 53 members minus Sales (40)
    // and Ops would give Legal's 3 away. The 3 leaders are under the floor, and everyone else
    // (50) would be the organisation minus them: both hidden.
    assert_eq!(
        names,
        [
            (SegmentKind::Department, "Legal", true),
            (SegmentKind::Department, "Ops", true),
            (SegmentKind::Department, "Sales", false),
            (SegmentKind::Leaders, "Leaders", true),
            (SegmentKind::Leaders, "Everyone else", true),
        ]
    );
    for hidden in a.segments.iter().filter(|s| s.suppressed) {
        assert!(
            hidden.people.is_none()
                && hidden.funnel.is_empty()
                && hidden.clover.is_none()
                && hidden.median_response_hours.is_none()
        );
    }
    // Filtering on everyone but the leaders is hidden for the same reason.
    let others = Params { segment: Segment { leaders: Some(false), ..Segment::default() }, ..q2(5) };
    assert!(analyze(&org(), &others).suppressed);

    // With a floor of 3 every group shows.
    let a = analyze(&org(), &q2(3));
    assert!(a.segments.iter().all(|s| !s.suppressed));
    let ops = &a.segments[1];
    assert_eq!(ops.people, Some(10));
    let stage = |s: Stage| ops.funnel.iter().find(|f| f.stage == s).unwrap();
    assert_eq!(stage(Stage::Contributors).count, 8);
    assert_eq!(stage(Stage::Contributors).of_members, Some(0.8));
    // Nobody answered anything: no median time to a first response.
    assert_eq!(ops.median_response_hours, None);
    // Each row is the analysis of that segment alone.
    let alone = analyze(
        &org(),
        &Params { segment: Segment { departments: vec!["Ops".into()], ..Segment::default() }, ..q2(3) },
    );
    assert_eq!(ops.clover.as_ref().unwrap().overall, alone.clover.unwrap().overall);
    let others = &a.segments[4];
    assert_eq!(others.people, Some(50));
    // Without the flag, no segments are computed.
    assert!(q2_against_q1().segments.is_empty());
}

#[test]
fn the_journey_has_one_period_per_calendar_quarter() {
    // Three leaders: shown with a floor of 3, measured with no minimum base.
    let exact = Params { min_group: 3, min_base: 0, ..Params::default() };
    let a = analyze(&org(), &Params { journey: Some(Unit::Quarter), ..exact.clone() });
    let j = a.journey.expect("journey");
    assert_eq!(j.by, Unit::Quarter);
    let p: Vec<(&str, &str, &str, bool)> =
        j.periods.iter().map(|p| (p.label.as_str(), p.from.as_str(), p.to.as_str(), p.complete)).collect();
    assert_eq!(
        p,
        [
            ("2024 Q1", "2024-01-01", "2024-03-31", true),
            ("2024 Q2", "2024-04-01", "2024-06-30", true),
            ("2024 Q3", "2024-07-01", "2024-09-30", false),
        ]
    );
    for period in &j.periods {
        // Each period is the analysis of its whole calendar quarter.
        let from = clover_core::civil::parse_date(&period.from).unwrap();
        let to = clover_core::civil::parse_date(&period.to).unwrap();
        let alone = analyze(&org(), &Params { from: Some(from), to: Some(to), ..exact.clone() });
        assert_eq!(period.funnel, alone.funnel);
        assert_eq!(period.clover.as_ref().unwrap().overall, alone.clover.as_ref().unwrap().overall);
        assert_eq!(period.personas, alone.personas);
    }
    let contributors: Vec<u64> =
        j.periods.iter().map(|p| p.funnel.iter().find(|f| f.stage == Stage::Contributors).unwrap().count).collect();
    assert_eq!(contributors, [35, 49, 1]);
    // Levels first reached, by complete periods only, in order.
    let q1 = j.periods[0].clover.as_ref().unwrap().overall.unwrap();
    let q2 = j.periods[1].clover.as_ref().unwrap().overall.unwrap();
    let mut expected = Vec::new();
    let levels = ["Initiating", "Experimenting", "Adopting", "Integrating", "Transforming"];
    let rank = |s: f64| levels.iter().position(|l| *l == level_name(s)).unwrap();
    for l in levels.iter().take(rank(q1) + 1) {
        expected.push((l.to_string(), "2024 Q1".to_string()));
    }
    for l in levels.iter().take(rank(q2) + 1).skip(rank(q1) + 1) {
        expected.push((l.to_string(), "2024 Q2".to_string()));
    }
    let got: Vec<(String, String)> = j.first_reached.iter().map(|r| (r.level.clone(), r.period.clone())).collect();
    assert_eq!(got, expected);
    assert!(j.periods[2].reached.is_empty(), "an incomplete period marks nothing");
    // All three leaders posted in Q1: 100 % ≥ the 80 % target.
    assert_eq!(j.leader_activation_met.as_deref(), Some("2024 Q1"));
    // A level counts as reached only with at least the minimum base of contributors: with a
    // base of 40, Q1's 35 contributors reach nothing and every level is first reached in Q2.
    let firm = analyze(&org(), &Params { journey: Some(Unit::Quarter), min_base: 40, ..exact.clone() });
    let firm = firm.journey.unwrap();
    assert!(!firm.first_reached.is_empty() && firm.first_reached.iter().all(|r| r.period == "2024 Q2"));
    assert!(firm.periods[0].reached.is_empty());
    // By month: January to July.
    let a = analyze(&org(), &Params { journey: Some(Unit::Month), ..Params::default() });
    let months: Vec<String> = a.journey.unwrap().periods.iter().map(|p| p.label.clone()).collect();
    assert_eq!(months.first().map(String::as_str), Some("January 2024"));
    assert_eq!(months.len(), 7);
}

#[test]
fn what_it_would_take_in_units_a_leader_can_act_on() {
    let gap = |a: &Analysis, id: IndicatorId| {
        a.clover.as_ref().unwrap().indicator(id).unwrap().gap.clone().map(|g| (g.amount, g.text))
    };
    // Q3 so far: one of the three leaders posted; 80 % of 3 is 2.4, so 3 must: 2 more (with
    // the leaders shown and measured: a floor of 3, no minimum base).
    let q3 = analyze(
        &org(),
        &Params { min_group: 3, min_base: 0, ..window(day(2024, 7, 1), day(2024, 9, 30), Compare::None) },
    );
    assert_eq!(
        gap(&q3, IndicatorId::LeaderActivation),
        Some((2, "2 more of the 3 leaders posting or replying would reach the 80 % target.".into()))
    );
    let q2 = q2_against_q1();
    // Nobody ever replied or reacted in this export: answers and collaboration cannot be
    // measured, so they are no gap and no next step (not "35 more posts answered").
    for id in [IndicatorId::Responsiveness, IndicatorId::Collaboration] {
        let i = q2.clover.as_ref().unwrap().indicator(id).unwrap();
        assert_eq!((i.status, i.value, i.score, i.gap.is_none()), (Status::NoData, None, None, true), "{id}");
        assert!(q2.clover.as_ref().unwrap().next_steps.iter().all(|s| s.indicator != id));
    }
    let reason = |id: IndicatorId| q2.clover.as_ref().unwrap().indicator(id).unwrap().reason.clone().unwrap();
    assert_eq!(
        reason(IndicatorId::Responsiveness),
        "This export has no replies, so whether posts get answered cannot be measured."
    );
    assert_eq!(
        reason(IndicatorId::Collaboration),
        "This export has no replies or reactions, so exchanges between people cannot be measured."
    );
    // Habit: 49 people active in one of Q2's 13 weeks: a weekly mean of 49/13 ≈ 3.77 against
    // 50 % of 49 = 24.5, so 20.73 → 21 more each week.
    let habit = q2.clover.as_ref().unwrap().indicator(IndicatorId::Habit).unwrap();
    assert_eq!((habit.ratio.unwrap().part, habit.ratio.unwrap().whole), (4, 49));
    assert_eq!(habit.gap.as_ref().unwrap().amount, 21);
    // On target: no gap (49 of 53 members active ≥ 60 %).
    assert_eq!(gap(&q2, IndicatorId::Activation), None);
    let ratio = q2.clover.as_ref().unwrap().indicator(IndicatorId::Activation).unwrap().ratio.unwrap();
    assert_eq!((ratio.part, ratio.whole), (49, 53));
}

#[test]
fn headline_insights_follow_the_same_rules() {
    let a = q2_against_q1();
    // The Clover change comes second, after who was active.
    let clover = change(&a, Metric::Headline(clover_core::analytics::Headline::Clover));
    assert_eq!(a.insights[1].text, clover.text);
    assert!(a.insights[0].text.starts_with("49 of 53 members (92 %) were active"), "{}", a.insights[0].text);
    // No insight quotes a percentage change on a base below 30.
    for c in a.changes.iter().filter(|c| c.small_base) {
        assert!(!a.insights.iter().any(|i| i.text == c.text && c.unit == MetricUnit::People && c.relative.is_some()));
    }
}

#[test]
fn the_deck_has_one_message_per_slide_with_its_numbers() {
    use clover_core::analytics::SlideKind;
    let a = q2_against_q1();
    let kinds: Vec<SlideKind> = a.slides.iter().map(|s| s.kind).collect();
    // Every slide; what the export cannot show (no replies, departments, no roster…) too.
    assert_eq!(kinds, SlideKind::ALL);
    let title = |k: SlideKind| a.slides.iter().find(|s| s.kind == k).unwrap().title.clone();
    assert_eq!(title(SlideKind::Title), "How social and connected we are: 2024 Q2, compared with 2024 Q1");
    assert_eq!(title(SlideKind::Headlines), "Active share rose from 66 % to 92 % since 2024 Q1 (35 of 53 → 49 of 53).");
    assert_eq!(title(SlideKind::Funnel), "Contributors rose from 35 to 49 since 2024 Q1 (+14, +40 %).");
    let clover = a.clover.as_ref().unwrap();
    let expected = clover.overall.unwrap();
    assert!(
        title(SlideKind::Clover).starts_with(&format!("Clover maturity is {expected:.0} of 100 (")),
        "{}",
        title(SlideKind::Clover)
    );
    // Three leaders are under the minimum group: no number about them at all.
    assert_eq!(
        title(SlideKind::Leaders),
        "Fewer than 5 leaders are identified, so their numbers are hidden to protect their privacy."
    );
    assert!(a.slides.iter().all(|s| !s.notes.iter().chain([&s.title]).any(|t| t.contains("3 of 3 leaders"))));
    // With a floor of 3 they show, and three are under the minimum base: counts, no score.
    let shown =
        analyze(&org(), &Params { min_group: 3, ..window(day(2024, 4, 1), day(2024, 6, 30), Compare::Previous) });
    let leaders = shown.slides.iter().find(|s| s.kind == SlideKind::Leaders).unwrap();
    assert_eq!(
        leaders.title,
        "3 of 3 leaders posted or replied, but the 3 leaders are too few for a score (the minimum base is 30)."
    );
    // The three most urgent steps, by name, as the core ranked them.
    // The three most urgent steps, by name, in order ("then" keeps names that hold an "and"
    // apart).
    let steps: Vec<String> =
        clover.next_steps.iter().take(3).map(|s| clover.indicator_name(s.indicator).to_lowercase()).collect();
    let expected = match steps.split_last() {
        Some((last, [])) => format!("What to do next: {last}."),
        Some((last, init)) => format!("What to do next: {}, then {last}.", init.join(", ")),
        None => unreachable!("below-target indicators exist here"),
    };
    assert_eq!(title(SlideKind::NextSteps), expected);
    // The notes carry the funnel's numbers.
    let notes = &a.slides.iter().find(|s| s.kind == SlideKind::Funnel).unwrap().notes;
    assert!(notes.contains(&"Contributors: 49 (92 % of members).".to_string()), "{notes:?}");
    // Next steps are every indicator below target, the lowest score first.
    let scores: Vec<f64> = clover.next_steps.iter().map(|s| s.score).collect();
    assert!(scores.windows(2).all(|w| w[0] <= w[1]) && scores.iter().all(|&s| s < 100.0), "{scores:?}");
    let below = clover.leaves.iter().flat_map(|l| &l.indicators).filter(|i| i.score.is_some_and(|s| s < 100.0)).count();
    assert_eq!(clover.next_steps.len(), below);
}

#[test]
fn a_kept_dataset_reuses_its_journey_only_while_it_cannot_change() {
    use clover_core::analytics::{Analyzer, PreparedDataset};
    let prepared = PreparedDataset::new(org());
    let journey = |p: &Params| prepared.analyze(&Params { journey: Some(Unit::Quarter), ..p.clone() }).journey.unwrap();
    let fresh = |p: &Params| Analyzer::new(&org()).journey(p, Unit::Quarter);
    // Moving the window reuses the journey; it is the same as one computed afresh.
    let q2 = window(day(2024, 4, 1), day(2024, 6, 30), Compare::Previous);
    assert_eq!(journey(&Params::default()), fresh(&Params::default()));
    assert_eq!(journey(&q2), fresh(&Params::default()));
    // A target or a segment changes it.
    let mut strict = Params::default();
    strict.targets.activation = 1.0;
    assert_eq!(journey(&strict), fresh(&strict));
    assert_ne!(journey(&strict).periods[0].clover, fresh(&Params::default()).periods[0].clover);
    let ops =
        Params { segment: Segment { departments: vec!["Ops".into()], ..Segment::default() }, ..Params::default() };
    assert_eq!(journey(&ops), fresh(&ops));
}
