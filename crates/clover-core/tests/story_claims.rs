//! Every sentence Clover writes, checked against the analysis it describes (issue 23,
//! docs/metrics.md, "Sentences"): on many random organisations of different shapes — no
//! threads, one channel, no departments, four leaders by title, three weeks of data, six years,
//! no member list, a roster, the demo — each insight, slide title, speaker note and next step
//! is a typed claim whose numbers are recomputed here from the `Analysis`, independently of
//! how the core chose them, and every text is checked against the rules of grammar and privacy.

mod common;

use clover_core::analytics::{
    analyze, claims, few_indicators, level_index, Analysis, Claim, Compare, DataKind, Direction,
    Headline as HeadlineMetric, IndicatorId, LeafName, LimitKind, Metric, MetricUnit, Now, Params, People, Segment,
    SegmentKind, SlideKind, Stage, Status, Unit,
};
use clover_core::model::{Builder, Dataset, MessageDraft, MessageKind, PersonInfo, SpaceKind};
use common::fixture::{at, DAY, HOUR};
use common::reports as rep;
use common::synthetic::Rng;

/// How an organisation's export is shaped.
#[derive(Clone, Debug)]
struct Shape {
    people: u32,
    days: i64,
    threads: bool,
    reactions: bool,
    channels: u32,
    private: bool,
    departments: bool,
    /// People flagged as leaders by a leader column.
    leaders: u32,
    /// People whose job title makes them leaders (no leader column).
    title_leaders: u32,
    member_list: bool,
    roster: bool,
    joins: bool,
}

impl Shape {
    fn random(rng: &mut Rng) -> Shape {
        let people = [4, 9, 30, 60, 150, 400][rng.below(6) as usize];
        Shape {
            people,
            days: [21, 60, 120, 365, 730, 6 * 365][rng.below(6) as usize],
            threads: rng.below(3) != 0,
            reactions: rng.below(4) != 0,
            channels: [1, 2, 6][rng.below(3) as usize],
            private: rng.below(2) == 0,
            departments: rng.below(2) == 0,
            leaders: [0, 0, 3, 8, 40][rng.below(5) as usize].min(people),
            title_leaders: if rng.below(4) == 0 { 4 } else { 0 },
            member_list: rng.below(4) != 0,
            roster: rng.below(4) == 0,
            joins: rng.below(2) == 0,
        }
    }
}

/// An organisation of `shape`, its activity drawn with `rng`.
fn organisation(shape: &Shape, rng: &mut Rng) -> Dataset {
    let mut b = Builder::new();
    let depts = ["Engineering", "Sales", "Finance", "Legal"];
    let mut people = Vec::new();
    let mut joins = Vec::new();
    let start = at(0, 0);
    for i in 0..shape.people {
        let p = b.person(&format!("t:p{i}"));
        let flagged = i < shape.leaders;
        let titled = !flagged && i >= shape.leaders && i < shape.leaders + shape.title_leaders;
        let joined = (shape.joins && rng.below(2) == 0).then(|| start + rng.below(shape.days as u64) as i64 * DAY);
        joins.push(joined.unwrap_or(i64::MIN));
        b.describe_person(
            p,
            PersonInfo {
                name: Some(format!("Person {i}")),
                title: titled.then(|| "Chief Executive Officer of Elsewhere".to_string()),
                department: shape.departments.then(|| depts[(i % 4) as usize].to_string()),
                leader: (shape.leaders > 0).then_some(flagged),
                deactivated: Some(rng.below(20) == 0),
                joined_ms: joined,
                ..Default::default()
            },
        );
        if shape.member_list {
            b.list_person(p);
        }
        people.push(p);
    }
    if shape.roster {
        b.roster_headcount(shape.people as u64 + shape.people as u64 / 3);
    }
    let mut spaces = Vec::new();
    for c in 0..shape.channels {
        let s = b.space(&format!("t:c{c}"));
        let private = shape.private && c % 2 == 1;
        b.describe_space(
            s,
            Some(&format!("channel {c}")),
            if private { SpaceKind::PrivateChannel } else { SpaceKind::Channel },
            None,
        );
        spaces.push(s);
    }
    // Messages: a few a day, most by a handful of people; replies to recent posts.
    let per_day = 1 + shape.people as u64 / 10;
    let mut posts: Vec<(String, u32, u32)> = Vec::new();
    let mut n = 0u32;
    for d in 0..shape.days {
        for _ in 0..rng.below(per_day + 1) {
            let t = start + d * DAY + rng.below(20) as i64 * HOUR;
            let who = rng.skewed(shape.people as u64) as usize;
            if joins[who] > t {
                continue;
            }
            let s = spaces[rng.below(spaces.len() as u64) as usize];
            n += 1;
            let key = format!("t:m{n}");
            let reply = shape.threads && !posts.is_empty() && rng.below(2) == 0;
            let (kind, parent) = if reply {
                let (k, _, _) = &posts[posts.len() - 1 - rng.below(posts.len().min(8) as u64) as usize];
                (MessageKind::Reply, Some(k.clone()))
            } else {
                (MessageKind::Post, None)
            };
            let (row, _) = b.message(MessageDraft {
                key: &key,
                space: s,
                author: people[who],
                time_ms: t,
                kind,
                by_bot: false,
                root: parent.clone(),
                parent,
            });
            if kind == MessageKind::Post {
                posts.push((key, row, people[who]));
            }
            if shape.reactions {
                for _ in 0..rng.below(3) {
                    let r = rng.below(shape.people as u64) as usize;
                    if joins[r] <= t {
                        b.reaction(row, people[r], "+1", Some(t + HOUR));
                    }
                }
            }
        }
    }
    b.finish().0
}

/// The demo organisation, small, read back from its Clover JSON with its roster.
fn demo() -> Dataset {
    use clover_core::demo::{generate, write_clover, write_roster_csv, DemoOptions};
    use clover_core::import::{import_files, ImportOptions, InputFile};
    let org = generate(&DemoOptions { people: 300, months: 12, seed: 5, ..Default::default() });
    let files =
        vec![InputFile::new("demo.json", write_clover(&org)), InputFile::new("roster.csv", write_roster_csv(&org))];
    import_files(files, &ImportOptions::default()).dataset
}

/// How an organisation's activity reports are shaped.
#[derive(Clone, Debug)]
struct ReportShape {
    people: u32,
    /// Successive report windows, each `days` long.
    windows: u32,
    days: i64,
    teams: bool,
    viva: bool,
    /// The Viva Engage reports conceal names.
    concealed: bool,
    /// Slack member analytics, with the overview.
    slack: bool,
    /// Slack's daily member files instead of windows.
    daily: bool,
    roster: bool,
    /// People flagged as leaders by the roster.
    leaders: u32,
}

impl ReportShape {
    fn random(rng: &mut Rng) -> ReportShape {
        let people = [4, 9, 30, 60, 150, 400][rng.below(6) as usize];
        let product = rng.below(5);
        ReportShape {
            people,
            windows: 1 + rng.below(4) as u32,
            days: [7, 30, 90][rng.below(3) as usize],
            teams: product == 0 || product == 2,
            viva: product == 1 || product == 2,
            concealed: rng.below(3) == 0,
            slack: product == 3,
            daily: product == 4,
            roster: rng.below(2) == 0,
            leaders: [0, 3, 8, 40][rng.below(4) as usize].min(people),
        }
    }
}

/// `Mar 17, 2025`.
fn mdy(day: i64) -> String {
    let (y, m, d) = clover_core::civil::civil_from_days(day);
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {d}, {y}", months[m as usize - 1])
}

/// An organisation's activity reports of `shape`, their numbers drawn with `rng`, imported.
fn report_organisation(shape: &ReportShape, rng: &mut Rng) -> Dataset {
    use clover_core::civil::{days_from_civil, format_date, MS_PER_DAY};
    use clover_core::import::{import_files, ImportOptions, InputFile};
    let mut files: Vec<InputFile> = Vec::new();
    let last = days_from_civil(2026, 4, 17);
    let upn = |i: u32| format!("p{i}@org.example");
    // How much each person takes part: most read, a few post a lot.
    let zeal: Vec<u64> = (0..shape.people).map(|_| rng.below(10)).collect();
    let draw = |rng: &mut Rng, i: u32, scale: u64| -> u64 {
        let z = zeal[i as usize];
        if z < 4 {
            0
        } else {
            rng.below(scale * (z - 3))
        }
    };
    for k in 0..shape.windows {
        let to = last - (shape.windows - 1 - k) as i64 * shape.days;
        let from = to - shape.days + 1;
        let refresh = format_date(to * MS_PER_DAY);
        if shape.teams {
            let rows: Vec<rep::Teams> = (0..shape.people)
                .map(|i| rep::Teams {
                    upn: upn(i),
                    deleted: rng.below(40) == 0,
                    team_chat: draw(rng, i, 4),
                    private_chat: draw(rng, i, 6),
                    calls: rng.below(3),
                    other: rng.below(2) == 0,
                    ..Default::default()
                })
                .collect();
            let columns = if k % 2 == 0 { rep::TEAMS_DOCUMENTED } else { rep::TEAMS_REAL };
            files.push(InputFile::new(
                format!("teams-{k}.csv"),
                rep::teams_csv(&refresh, shape.days as u32, &rows, columns),
            ));
        }
        if shape.viva {
            let rows: Vec<rep::Viva> = (0..shape.people)
                .map(|i| rep::Viva {
                    upn: if shape.concealed { format!("{:032X}", 0xABCDEFu128 * (i as u128 + 1)) } else { upn(i) },
                    name: format!("Person {i}"),
                    state: if rng.below(30) == 0 { "Deleted" } else { "Active" },
                    posted: draw(rng, i, 3),
                    read: if zeal[i as usize] > 1 { rng.below(20) } else { 0 },
                    liked: draw(rng, i, 2),
                })
                .collect();
            files.push(InputFile::new(format!("engage-{k}.csv"), rep::viva_csv(&refresh, shape.days as u32, &rows)));
        }
        if shape.slack {
            let rows: Vec<rep::SlackMember> = (0..shape.people)
                .map(|i| {
                    let posted = draw(rng, i, 5);
                    rep::SlackMember {
                        name: format!("Person {i}"),
                        id: format!("U{i:05}"),
                        email: upn(i),
                        title: if i < 2 { "Chief Operating Officer".into() } else { String::new() },
                        deactivated: rng.below(50) == 0,
                        days_active: if zeal[i as usize] > 0 { rng.below(shape.days as u64) } else { 0 },
                        posted: posted + draw(rng, i, 2),
                        in_channels: posted,
                        reactions: draw(rng, i, 3),
                    }
                })
                .collect();
            let name = format!("Org Member Analytics {} - {}.csv", mdy(from), mdy(to));
            files.push(InputFile::new(name, rep::slack_members_csv(&rows)));
        }
    }
    if shape.slack {
        let first = last - shape.windows as i64 * shape.days + 1;
        let days: Vec<rep::OverviewDay> = (first..=last)
            .map(|d| {
                let weekly = shape.people as u64 / 2 + rng.below(shape.people as u64 / 2 + 1);
                rep::OverviewDay {
                    date: format_date(d * MS_PER_DAY),
                    members: shape.people as u64,
                    daily_active: weekly / 3,
                    weekly_active: weekly,
                    weekly_posting: weekly / 4,
                    public: rng.below(50),
                    private: rng.below(20),
                    dms: rng.below(80),
                }
            })
            .collect();
        files.push(InputFile::new("Org Overview.csv", rep::overview_csv(&days)));
    }
    if shape.daily {
        let mut lines = String::new();
        for d in (last - 59)..=last {
            let date = format_date(d * MS_PER_DAY);
            for i in 0..shape.people {
                let active = zeal[i as usize] > 0 && rng.below(3) == 0;
                let posted = if active { draw(rng, i, 1) } else { 0 };
                lines += &rep::daily_line(&date, &format!("W{i:05}"), &upn(i), active, posted, 0);
            }
        }
        files.push(InputFile::new("member-analytics.jsonl", lines));
    }
    if shape.roster {
        let depts = ["Engineering", "Sales", "Finance", "Legal"];
        let mut csv = String::from("Email,Name,Department,Leader,Headcount\n");
        for i in 0..shape.people {
            let head = if i == 0 { (shape.people + shape.people / 3).to_string() } else { String::new() };
            let leader = if i < shape.leaders { "yes" } else { "no" };
            csv += &format!("{},Person {i},{},{leader},{head}\n", upn(i), depts[(i % 4) as usize]);
        }
        files.push(InputFile::new("roster.csv", csv));
    }
    let r = import_files(files, &ImportOptions::default());
    assert!(r.errors.is_empty(), "{shape:?}: {:?}", r.errors);
    r.dataset
}

/// The analyses a reader would ask of a dataset: everything; the last complete quarter
/// against the one before, with the journey and segments (the deck's); a department; leaders.
fn analyses(ds: &Dataset) -> Vec<(String, Analysis)> {
    let mut out = Vec::new();
    let whole = analyze(ds, &Params { journey: Some(Unit::Quarter), segments: true, ..Params::default() });
    let quarter = whole.presets.iter().find(|p| p.id == "last_quarter").cloned();
    out.push(("whole".to_string(), whole));
    let mut deck =
        Params { journey: Some(Unit::Quarter), segments: true, compare: Compare::Previous, ..Params::default() };
    if let Some(q) = quarter {
        deck.from = clover_core::civil::parse_date(&q.from);
        deck.to = clover_core::civil::parse_date(&q.to);
    }
    out.push(("last quarter".to_string(), analyze(ds, &deck)));
    out.push(("year on year".to_string(), analyze(ds, &Params { compare: Compare::Year, ..deck.clone() })));
    let dept = Segment { departments: vec!["Engineering".into()], ..Default::default() };
    out.push(("a department".to_string(), analyze(ds, &Params { segment: dept, ..deck.clone() })));
    let leaders = Segment { leaders: Some(true), ..Default::default() };
    out.push(("leaders".to_string(), analyze(ds, &Params { segment: leaders, ..deck.clone() })));
    let others = Segment { leaders: Some(false), ..Default::default() };
    out.push(("everyone else".to_string(), analyze(ds, &Params { segment: others, ..deck })));
    out
}

#[test]
fn every_claim_matches_its_analysis_on_organisations_of_every_shape() {
    let mut rng = Rng::new(23);
    let mut shapes: Vec<Shape> = (0..40).map(|_| Shape::random(&mut rng)).collect();
    // The shapes of the issue, always.
    let base = Shape {
        people: 150,
        days: 400,
        threads: true,
        reactions: true,
        channels: 6,
        private: true,
        departments: true,
        leaders: 40,
        title_leaders: 0,
        member_list: true,
        roster: true,
        joins: true,
    };
    shapes.push(Shape { threads: false, ..base.clone() });
    shapes.push(Shape { channels: 1, private: false, ..base.clone() });
    shapes.push(Shape { departments: false, leaders: 0, title_leaders: 4, ..base.clone() });
    shapes.push(Shape { days: 21, ..base.clone() });
    shapes.push(Shape { days: 6 * 365, ..base.clone() });
    shapes.push(Shape { member_list: false, roster: false, ..base.clone() });
    shapes.push(Shape { people: 4, leaders: 0, ..base.clone() });
    let mut checked = 0;
    for (i, shape) in shapes.iter().enumerate() {
        let ds = organisation(shape, &mut rng);
        for (what, a) in analyses(&ds) {
            check(&a, &format!("shape {i} {shape:?}, {what}"));
            checked += 1;
        }
    }
    for (what, a) in analyses(&demo()) {
        check(&a, &format!("the demo, {what}"));
        checked += 1;
    }
    assert_eq!(checked, 6 * (shapes.len() + 1));
}

#[test]
fn every_claim_matches_its_analysis_on_activity_reports_of_every_shape() {
    let mut rng = Rng::new(22);
    let mut shapes: Vec<ReportShape> = (0..30).map(|_| ReportShape::random(&mut rng)).collect();
    let base = ReportShape {
        people: 150,
        windows: 3,
        days: 30,
        teams: true,
        viva: true,
        concealed: false,
        slack: false,
        daily: false,
        roster: true,
        leaders: 40,
    };
    // Teams and Viva Engage joined; Viva Engage concealed beside Teams; Slack with its
    // overview; daily files; one window without a roster; four people.
    shapes.push(base.clone());
    shapes.push(ReportShape { concealed: true, ..base.clone() });
    shapes.push(ReportShape { teams: false, viva: false, slack: true, leaders: 3, ..base.clone() });
    shapes.push(ReportShape { teams: false, viva: false, daily: true, ..base.clone() });
    shapes.push(ReportShape { windows: 1, roster: false, leaders: 0, ..base.clone() });
    shapes.push(ReportShape { people: 4, leaders: 0, ..base });
    let mut checked = 0;
    for (i, shape) in shapes.iter().enumerate() {
        let ds = report_organisation(shape, &mut rng);
        for (what, a) in analyses(&ds) {
            let label = format!("report shape {i} {shape:?}, {what}");
            assert_eq!(a.data, DataKind::Reports, "{label}");
            if !a.suppressed {
                report_rules(&a, &label);
            }
            check(&a, &label);
            checked += 1;
        }
    }
    assert_eq!(checked, 6 * shapes.len());
}

/// What an analysis of activity reports must never show: stages, personas or indicators
/// that need replies between people.
fn report_rules(a: &Analysis, label: &str) {
    if !a.funnel.is_empty() {
        let stages: Vec<Stage> = a.funnel.iter().map(|f| f.stage).collect();
        assert_eq!(stages, [Stage::Workforce, Stage::Members, Stage::Active, Stage::Contributors], "{label}");
    }
    assert!(a.personas.is_none() && a.network.is_none() && a.response_time.is_none(), "{label}");
    assert!(a.leaderboard.iter().all(|r| r.persona.is_none()), "{label}");
    assert!(a.figures.iter().all(|f| f.id != "engaged" && f.id != "champions"), "{label}");
    if let Some(c) = &a.clover {
        for id in [
            IndicatorId::LeaderResponsiveness,
            IndicatorId::LeaderReach,
            IndicatorId::CrossFunctional,
            IndicatorId::Responsiveness,
            IndicatorId::Collaboration,
            IndicatorId::Reciprocity,
        ] {
            assert_ne!(c.indicator(id).unwrap().status, Status::Measured, "{label}: {id}");
        }
        if let Some(i) = c.indicator(IndicatorId::Activation).filter(|i| i.status == Status::Measured) {
            assert_eq!(i.name, "Activation (reading included)", "{label}");
        }
    }
    let texts: Vec<&String> = a.insights.iter().map(|i| &i.text).chain(a.slides.iter().map(|s| &s.title)).collect();
    for t in texts {
        for bad in ["replied", "champions kept", "engaged contributors:"] {
            assert!(!t.contains(bad), "{label}: {bad:?} in {t}");
        }
    }
}

/// The four shapes of the issue, by name: what they must and must not say.
#[test]
fn the_shapes_of_the_issue_say_what_they_cannot_show() {
    let mut rng = Rng::new(5);
    let base = Shape {
        people: 150,
        days: 400,
        threads: true,
        reactions: true,
        channels: 6,
        private: true,
        departments: true,
        leaders: 40,
        title_leaders: 0,
        member_list: true,
        roster: true,
        joins: false,
    };
    let deck =
        |ds: &Dataset| analyze(ds, &Params { journey: Some(Unit::Quarter), segments: true, ..Params::default() });
    let status = |a: &Analysis, id: IndicatorId| a.clover.as_ref().unwrap().indicator(id).unwrap().status;
    let texts = |a: &Analysis| -> Vec<String> {
        a.insights
            .iter()
            .map(|i| i.text.clone())
            .chain(a.slides.iter().flat_map(|s| std::iter::once(s.title.clone()).chain(s.notes.clone())))
            .collect()
    };

    // No threads: answers are no data, never a next step, and the deck says which export would.
    let a = deck(&organisation(&Shape { threads: false, ..base.clone() }, &mut rng));
    assert_eq!(status(&a, IndicatorId::Responsiveness), Status::NoData);
    assert_eq!(status(&a, IndicatorId::LeaderResponsiveness), Status::NoData);
    let c = a.clover.as_ref().unwrap();
    assert!(c.next_steps.iter().all(|s| s.indicator != IndicatorId::Responsiveness));
    assert!(c.limits.iter().any(|l| l.kind == LimitKind::NoReplies && l.remedy.contains("threads")));
    assert!(texts(&a).iter().all(|t| !t.contains("answered within 48 hours would reach")));
    let limits = a.slides.iter().find(|s| s.kind == SlideKind::Limits).unwrap();
    assert!(
        limits.title.starts_with("This export cannot measure 2 of the 12 Clover indicators: it has no replies."),
        "{}",
        limits.title
    );

    // No departments and four leaders by title: the fallback is named for what it measures,
    // and the four leaders are never a number.
    let a = deck(&organisation(&Shape { departments: false, leaders: 0, title_leaders: 4, ..base.clone() }, &mut rng));
    let c = a.clover.as_ref().unwrap();
    assert_eq!(c.indicator(IndicatorId::CrossFunctional).unwrap().name, "Contribution across spaces");
    for id in LeafName::Leadership.indicators() {
        assert_eq!(status(&a, id), Status::TooFew, "{id}");
    }
    assert!(a.leaders_board.is_empty());
    assert!(a.segments.iter().filter(|s| s.kind == SegmentKind::Leaders).all(|s| s.suppressed));
    for t in texts(&a) {
        let t = without_indicator_counts(&t);
        assert!(!(t.to_lowercase().contains("leader") && t.chars().any(|ch| ch.is_ascii_digit() && ch != '5')), "{t}");
    }

    // One channel: nothing across spaces, no openness.
    let a = deck(&organisation(&Shape { channels: 1, private: false, departments: false, ..base.clone() }, &mut rng));
    assert_eq!(status(&a, IndicatorId::CrossFunctional), Status::NoData);
    assert_eq!(status(&a, IndicatorId::Openness), Status::NoData);

    // No member list: people seen, no activation, no "members" anywhere.
    let a = deck(&organisation(&Shape { member_list: false, roster: false, ..base }, &mut rng));
    assert!(!a.member_list);
    assert_eq!(status(&a, IndicatorId::Activation), Status::NoData);
    for t in texts(&a) {
        assert!(!t.replace("member list", "").contains("member"), "{t}");
    }
}

// ---------------------------------------------------------------------------------------
// The check: claims recomputed, texts linted.
// ---------------------------------------------------------------------------------------

fn check(a: &Analysis, label: &str) {
    let (insights, slides) = claims(a);
    // The texts are the claims'.
    assert_eq!(insights.len(), a.insights.len(), "{label}");
    for ((view, c), i) in insights.iter().zip(&a.insights) {
        assert_eq!((*view, c.text()), (i.view, i.text.clone()), "{label}");
        recompute(a, c, label);
    }
    assert_eq!(slides.len(), a.slides.len(), "{label}");
    for (s, t) in slides.iter().zip(&a.slides) {
        assert_eq!(s.kind, t.kind, "{label}");
        assert_eq!(s.title.text(), t.title, "{label}");
        assert_eq!(s.notes.iter().map(Claim::text).collect::<Vec<_>>(), t.notes, "{label}");
        recompute(a, &s.title, &format!("{label}, {:?} title", s.kind));
        for n in &s.notes {
            recompute(a, n, &format!("{label}, {:?} note", s.kind));
        }
    }
    if !a.suppressed {
        assert_eq!(a.slides.iter().map(|s| s.kind).collect::<Vec<_>>(), SlideKind::ALL, "{label}");
    }
    // Every text the page shows: lint it.
    let mut texts: Vec<String> = a.insights.iter().map(|i| i.text.clone()).collect();
    for s in &a.slides {
        if !matches!(s.kind, SlideKind::Title | SlideKind::Definitions) {
            texts.push(s.title.clone());
        }
        texts.extend(s.notes.clone());
    }
    texts.extend(a.changes.iter().map(|c| c.text.clone()));
    texts.extend(a.notes.clone());
    if let Some(c) = &a.clover {
        for i in c.leaves.iter().flat_map(|l| &l.indicators) {
            texts.push(i.explanation.clone());
            texts.extend(i.gap.as_ref().map(|g| g.text.clone()));
        }
        texts.extend(c.leaves.iter().filter_map(|l| l.reason.clone()));
        texts.extend(c.caution.clone());
        texts.extend(c.limits.iter().flat_map(|l| [l.text.clone(), l.remedy.clone()]));
    }
    for t in &texts {
        lint(t, a, label);
    }
    clover_rules(a, label);
    privacy_rules(a, &texts, label);
}

fn count(a: &Analysis, s: Stage) -> u64 {
    a.count(s)
}

fn people(a: &Analysis) -> People {
    if a.member_list {
        People::Members
    } else {
        People::Seen
    }
}

/// One claim's numbers, recomputed from the analysis.
fn recompute(a: &Analysis, c: &Claim, label: &str) {
    if !recompute_insight(a, c, label) && !recompute_title(a, c, label) {
        recompute_note(a, c, label);
    }
}

/// An insight's claim (false for the others).
#[allow(unused_variables)]
fn recompute_insight(a: &Analysis, c: &Claim, label: &str) -> bool {
    let min_base = a.segment.min_base;
    let clover = a.clover.as_ref();
    let ind = |id: IndicatorId| clover.and_then(|c| c.indicator(id)).unwrap_or_else(|| panic!("{label}: {id}"));
    let window_name = a.window.label.clone().unwrap_or_else(|| "this window".into());
    let since = a.baseline.as_ref().filter(|b| b.note.is_none()).and_then(|b| b.window.label.clone());
    match c {
        Claim::NobodyTookPart { .. } => assert_eq!(count(a, Stage::Active), 0, "{label}"),
        Claim::ReportActive { active, members, contributors, percent, .. } => {
            assert_eq!(a.data, DataKind::Reports, "{label}");
            assert_eq!(
                (*active, *members, *contributors),
                (count(a, Stage::Active), count(a, Stage::Members), count(a, Stage::Contributors)),
                "{label}"
            );
            assert_eq!(*percent, *members >= min_base, "{label}");
        }
        Claim::Readers { readers } => {
            assert_eq!(a.data, DataKind::Reports, "{label}");
            assert_eq!(*readers, count(a, Stage::Active) - count(a, Stage::Contributors), "{label}");
        }
        Claim::ActiveOfMembers { active, members, contributors, percent, people: p, .. } => {
            assert_eq!(a.data, DataKind::Export, "{label}");
            assert_eq!(
                (*active, *members, *contributors),
                (count(a, Stage::Active), count(a, Stage::Members), count(a, Stage::Contributors)),
                "{label}"
            );
            assert_eq!(*percent, *members >= min_base, "{label}");
            assert_eq!(*p, people(a), "{label}");
        }
        Claim::FunnelDrop { from, to, part, whole, percent, data, .. } => {
            assert_eq!(*data, a.data, "{label}");
            assert_eq!(to.index(), from.index() + 1, "{label}");
            assert_eq!((*part, *whole), (count(a, *to), count(a, *from)), "{label}");
            assert!(part < whole, "{label}: a drop");
            assert_eq!(*percent, *whole >= min_base, "{label}");
            // The lowest conversion among the stages that can drop.
            let c = *part as f64 / *whole as f64;
            for f in a.funnel.iter().skip(to.index()) {
                if let Some(x) = f.conversion {
                    let eligible = f.stage != Stage::Champions || a.window.weeks >= 2;
                    assert!(!eligible || x >= c - 1e-12, "{label}: {:?} converts at {x} < {c}", f.stage);
                }
            }
            if !a.member_list {
                assert!(
                    from.index() >= Stage::Active.index(),
                    "{label}: without a member list everyone seen took part"
                );
            }
        }
        Claim::TopTenShare { top, members, share, data, .. } => {
            assert_eq!(*data, a.data, "{label}");
            let i = a.inequality.as_ref().unwrap();
            assert_eq!((*members, Some(*share)), (i.members, i.top10_share), "{label}");
            assert_eq!(*top, (i.members as f64 * 0.1).ceil() as u64, "{label}");
            assert!(i.members >= min_base && i.contributors > *top, "{label}: a top tenth that means something");
        }
        Claim::AllFromFew { contributors, members, percent, data, .. } => {
            assert_eq!(*data, a.data, "{label}");
            let i = a.inequality.as_ref().unwrap();
            assert_eq!((*contributors, *members), (i.contributors, i.members), "{label}");
            assert_eq!(*percent, *members >= min_base, "{label}");
        }
        Claim::ReportReaders { readers, report, window } => {
            let r = a.readers.as_ref().unwrap();
            assert_eq!((readers, report, window), (&r.readers, &r.report, &r.window), "{label}");
            assert_eq!(Some(window), a.window.label.as_ref(), "{label}");
        }
        Claim::LeadersAnswered { answered, threads, percent } => {
            let r = clover.unwrap().leaders_answered.unwrap();
            assert_eq!((*answered, *threads), (r.part, r.whole), "{label}");
            assert_eq!(*percent, *threads >= min_base, "{label}");
        }
        Claim::WeakestLeaf { leaf, score, advice } => {
            let c = clover.unwrap();
            let min = c.leaves.iter().filter_map(|l| l.score).fold(f64::INFINITY, f64::min);
            let l = c.leaf(*leaf).unwrap();
            assert_eq!((l.score, Some(advice)), (Some(min), l.recommendations.first()), "{label}");
            assert_eq!(*score, min, "{label}");
        }
        Claim::WeeklySteady { per_week } => assert!(*per_week > 0, "{label}"),
        Claim::WeeklyMovedFew { before, last } => assert_ne!(before, last, "{label}"),
        Claim::WeeklyMovedPct { before, last, .. } => {
            assert!(*before >= min_base || *last >= min_base, "{label}");
            assert_ne!(before, last, "{label}");
        }
        Claim::Changed(ch) => recompute_change(a, ch, label),
        Claim::Suppressed { min_group } => assert!(a.suppressed && *min_group == a.segment.min_group, "{label}"),
        _ => return false,
    }
    true
}

/// A slide title's claim (false for the others).
#[allow(unused_variables)]
fn recompute_title(a: &Analysis, c: &Claim, label: &str) -> bool {
    let min_base = a.segment.min_base;
    let clover = a.clover.as_ref();
    let ind = |id: IndicatorId| clover.and_then(|c| c.indicator(id)).unwrap_or_else(|| panic!("{label}: {id}"));
    let window_name = a.window.label.clone().unwrap_or_else(|| "this window".into());
    let since = a.baseline.as_ref().filter(|b| b.note.is_none()).and_then(|b| b.window.label.clone());
    match c {
        Claim::Title { window, since: s } => {
            assert_eq!(window, &window_name, "{label}");
            assert_eq!(s, &since, "{label}: named only with data to compare with");
        }
        Claim::ContributorsOfMembers { contributors, members, window, percent, people: p, data } => {
            assert_eq!(*data, a.data, "{label}");
            assert_eq!((*contributors, *members), (count(a, Stage::Contributors), count(a, Stage::Members)), "{label}");
            assert_eq!((window, *percent, *p), (&window_name, *members >= min_base, people(a)), "{label}");
        }
        Claim::CloverScore { overall, level, moved, few, indicators } => {
            let c = clover.unwrap();
            let measured = c.leaves.iter().flat_map(|l| &l.indicators).filter(|i| i.status == Status::Measured).count();
            assert_eq!(*indicators, (measured < 6).then_some(measured as u64), "{label}");
            assert_eq!(*indicators, few_indicators(c), "{label}");
            assert_eq!((Some(*overall), Some(level)), (c.overall, c.level.as_ref()), "{label}");
            assert_eq!(*few, (c.basis.contributors < min_base).then_some(c.basis.contributors), "{label}");
            assert_eq!(c.basis.contributors, count(a, Stage::Contributors), "{label}");
            if let Some(m) = moved {
                let ch = a.changes.iter().find(|x| x.metric == Metric::Headline(HeadlineMetric::Clover)).unwrap();
                assert_eq!(m.points as f64, (ch.current.round() - ch.baseline.round()).abs(), "{label}");
                assert_eq!(Some(&m.since), since.as_ref(), "{label}");
            }
        }
        Claim::NoCloverScore => assert!(clover.unwrap().overall.is_none(), "{label}"),
        Claim::CloverNeedsPeople => assert!(clover.is_none(), "{label}"),
        Claim::JourneyNow { now, few, best, first } => {
            let j = a.journey.as_ref().unwrap();
            let complete: Vec<_> = j.periods.iter().filter(|p| p.complete).collect();
            let latest = complete.last().unwrap();
            assert_eq!((&now.period, Some(now.score)), (&latest.label, latest.score()), "{label}");
            assert_eq!(
                level_index(now.score),
                ["Initiating", "Experimenting", "Adopting", "Integrating", "Transforming"]
                    .iter()
                    .position(|l| *l == now.level)
                    .unwrap(),
                "{label}"
            );
            assert_eq!(*few, (latest.contributors() < min_base).then(|| latest.contributors()), "{label}");
            let firm: Vec<_> =
                complete.iter().filter(|p| p.contributors() >= min_base && p.score().is_some()).collect();
            let top = firm.iter().map(|p| level_index(p.score().unwrap())).max();
            match best {
                Some(b) => {
                    let first_at_top = firm.iter().find(|p| Some(level_index(p.score().unwrap())) == top).unwrap();
                    assert_eq!(b.period, first_at_top.label, "{label}");
                    assert!(level_index(b.score) > level_index(now.score), "{label}: down from a higher level");
                }
                None => assert!(top.is_none_or(|t| t <= level_index(now.score)), "{label}: no higher level before"),
            }
            if let Some(f) = first {
                assert_eq!(f.period, firm[0].label, "{label}");
                assert!(level_index(f.score) < level_index(now.score), "{label}");
            }
        }
        Claim::JourneyNoScore { period, .. } => {
            let j = a.journey.as_ref().unwrap();
            let latest = j.periods.iter().rfind(|p| p.complete).unwrap();
            assert_eq!((&latest.label, latest.score()), (period, None), "{label}");
        }
        Claim::JourneyNoComplete { .. } => {
            assert!(a.journey.as_ref().unwrap().periods.iter().all(|p| !p.complete), "{label}")
        }
        Claim::JourneyNotAsked => assert!(a.journey.is_none(), "{label}"),
        Claim::LeadersPosted { part, whole, window, target, data } => {
            assert_eq!(*data, a.data, "{label}");
            let i = ind(IndicatorId::LeaderActivation);
            assert_eq!(i.status, Status::Measured, "{label}");
            assert_eq!((Some(*part), Some(*whole)), (i.ratio.map(|r| r.part), i.ratio.map(|r| r.whole)), "{label}");
            assert_eq!((window, *target), (&window_name, i.target), "{label}");
        }
        Claim::Reason { indicator, text } => {
            let i = ind(*indicator);
            assert_ne!(i.status, Status::Measured, "{label}");
            assert_eq!(i.reason.as_ref(), Some(text), "{label}");
        }
        Claim::NoLeadersInWindow => {
            assert!(clover.is_none_or(|c| c.indicator(IndicatorId::LeaderActivation).is_none()))
        }
        Claim::Champions { champions } => {
            assert_eq!(a.data, DataKind::Export, "{label}: reports cannot tell champions");
            assert_eq!(*champions, count(a, Stage::Champions), "{label}");
            assert!(a.window.weeks >= 2, "{label}");
        }
        Claim::ChampionsNeedWeeks => assert!(a.window.weeks < 2, "{label}"),
        Claim::Departments { shown, best, worst } => {
            let rows: Vec<(String, f64)> = a
                .segments
                .iter()
                .filter(|s| s.kind == SegmentKind::Department && !s.suppressed)
                .filter_map(|s| Some((s.name.clone(), s.clover.as_ref()?.overall?)))
                .collect();
            assert_eq!(*shown as usize, rows.len(), "{label}");
            let max = rows.iter().map(|r| r.1).fold(f64::NEG_INFINITY, f64::max);
            let min = rows.iter().map(|r| r.1).fold(f64::INFINITY, f64::min);
            assert!(rows.iter().any(|r| r.0 == best.name && r.1 == max) && best.score == max, "{label}");
            assert!(rows.iter().any(|r| r.0 == worst.name && r.1 == min) && worst.score == min, "{label}");
        }
        Claim::DepartmentsNone => {
            assert!(a.segments.iter().all(|s| s.kind != SegmentKind::Department), "{label}");
        }
        Claim::DepartmentsNotCompared => assert!(a.segments.is_empty(), "{label}"),
        Claim::DepartmentsTooFew => {
            let scored = a
                .segments
                .iter()
                .filter(|s| {
                    s.kind == SegmentKind::Department
                        && !s.suppressed
                        && s.clover.as_ref().is_some_and(|c| c.overall.is_some())
                })
                .count();
            assert!(scored < 2, "{label}");
        }
        Claim::NextSteps { names } => {
            let c = clover.unwrap();
            let want: Vec<String> = c.next_steps.iter().take(3).map(|s| ind(s.indicator).name.to_lowercase()).collect();
            assert_eq!(names, &want, "{label}");
        }
        Claim::AllOnTarget => {
            let c = clover.unwrap();
            assert!(c.next_steps.is_empty() && c.leaves.iter().any(|l| l.coverage.measured > 0), "{label}");
        }
        Claim::NothingMeasured => assert!(clover.is_none_or(|c| c.leaves.iter().all(|l| l.coverage.measured == 0))),
        Claim::Limits { unmeasured, kinds, data } => {
            assert_eq!(*data, a.data, "{label}");
            let c = clover.unwrap();
            let leaving: Vec<_> = c.limits.iter().filter(|l| l.kind != LimitKind::NoDepartments).collect();
            let n = IndicatorId::ALL.iter().filter(|id| leaving.iter().any(|l| l.indicators.contains(id))).count();
            assert_eq!(*unmeasured as usize, n, "{label}");
            for id in IndicatorId::ALL.iter().filter(|id| leaving.iter().any(|l| l.indicators.contains(id))) {
                assert_ne!(ind(*id).status, Status::Measured, "{label}: {id} is in a limit but measured");
            }
            assert!(kinds.iter().all(|k| c.limits.iter().any(|l| l.kind == *k)), "{label}");
        }
        Claim::NoLimits => assert!(clover.is_none_or(|c| c.limits.is_empty()), "{label}"),
        Claim::Definitions | Claim::Fixed(_) => {}
        Claim::PrivacyFloor { min_group } => assert_eq!(*min_group, a.segment.min_group),
        _ => return false,
    }
    true
}

/// A speaker note's claim.
#[allow(unused_variables)]
fn recompute_note(a: &Analysis, c: &Claim, label: &str) {
    let min_base = a.segment.min_base;
    let clover = a.clover.as_ref();
    let ind = |id: IndicatorId| clover.and_then(|c| c.indicator(id)).unwrap_or_else(|| panic!("{label}: {id}"));
    let window_name = a.window.label.clone().unwrap_or_else(|| "this window".into());
    let since = a.baseline.as_ref().filter(|b| b.note.is_none()).and_then(|b| b.window.label.clone());
    match c {
        Claim::Window { from, to, days } => {
            assert_eq!(
                (Some(from), Some(to), *days),
                (a.window.from.as_ref(), a.window.to.as_ref(), a.window.days),
                "{label}"
            )
        }
        Claim::Baseline { label: l, from, to } => {
            let b = a.baseline.as_ref().unwrap();
            assert!(b.note.is_none(), "{label}");
            assert_eq!(
                (Some(l), Some(from), Some(to)),
                (b.window.label.as_ref(), b.window.from.as_ref(), b.window.to.as_ref())
            );
        }
        Claim::Note(n) => {
            let partial = a.window.partial.as_ref().map(|p| format!("Partial period: {p}."));
            assert!(a.notes.contains(n) || partial.as_ref() == Some(n), "{label}: {n}");
        }
        Claim::StageCount { stage, count: n, of_members, people: p, data } => {
            assert_eq!(*data, a.data, "{label}");
            let f = a.stage(*stage).unwrap();
            assert_eq!(*n, f.count, "{label}");
            assert_eq!(*p, people(a), "{label}");
            if of_members.is_some() {
                assert!(count(a, Stage::Members) >= min_base && *of_members == f.of_members, "{label}");
            }
        }
        Claim::Caution(t) => assert_eq!(clover.unwrap().caution.as_ref(), Some(t), "{label}"),
        Claim::LeafLine { leaf, score, level, coverage } => {
            let l = clover.unwrap().leaf(*leaf).unwrap();
            assert_eq!((&l.score, &l.level, &l.coverage), (score, level, coverage), "{label}");
            let measured = l.indicators.iter().filter(|i| i.status == Status::Measured).count() as u64;
            assert_eq!((coverage.measured, coverage.of), (measured, 3), "{label}");
        }
        Claim::JourneyPeriod { label: l, complete, score } => {
            let p = a.journey.as_ref().unwrap().periods.iter().find(|p| &p.label == l).unwrap();
            assert_eq!((p.complete, p.score()), (*complete, *score), "{label}");
        }
        Claim::LeaderActivationMet { period } => {
            assert_eq!(&a.journey.as_ref().unwrap().leader_activation_met, period, "{label}")
        }
        Claim::IndicatorLine { indicator, name, value, target } => {
            let i = ind(*indicator);
            assert_eq!((&i.name, i.value, i.target), (name, *value, *target), "{label}");
        }
        Claim::Explanation { indicator, text } => assert_eq!(&ind(*indicator).explanation, text, "{label}"),
        Claim::GapLine { indicator, text } => {
            assert_eq!(ind(*indicator).gap.as_ref().map(|g| &g.text), Some(text), "{label}")
        }
        Claim::ChampionsEngaged { champions, engaged } => {
            assert_eq!(a.data, DataKind::Export, "{label}");
            assert_eq!((*champions, *engaged), (count(a, Stage::Champions), count(a, Stage::Engaged)), "{label}")
        }
        Claim::Personas(p) => assert_eq!(Some(p), a.personas.as_ref(), "{label}"),
        Claim::Gini { gini, data } => {
            assert_eq!(*data, a.data, "{label}");
            let i = a.inequality.as_ref().unwrap();
            assert_eq!(Some(*gini), i.gini, "{label}");
            assert!(i.members >= min_base, "{label}");
        }
        Claim::DepartmentRow { name, people: n, score } => {
            let s = a.segments.iter().find(|s| s.kind == SegmentKind::Department && &s.name == name).unwrap();
            assert!(!s.suppressed, "{label}");
            assert_eq!((s.people, s.clover.as_ref().and_then(|c| c.overall)), (Some(*n), *score), "{label}");
        }
        Claim::DepartmentHidden { name, .. } => {
            let s = a.segments.iter().find(|s| s.kind == SegmentKind::Department && &s.name == name).unwrap();
            assert!(s.suppressed, "{label}");
        }
        Claim::NextStepLine { name, value, target, advice } => {
            let c = clover.unwrap();
            let s = c.next_steps.iter().find(|s| &ind(s.indicator).name == name).unwrap();
            assert_eq!((s.value, s.target, &s.advice), (*value, *target, advice), "{label}");
            assert_eq!(ind(s.indicator).status, Status::Measured, "{label}");
        }
        Claim::LimitLine { kind, text, remedy } => {
            let l = clover.unwrap().limits.iter().find(|l| l.kind == *kind).unwrap();
            assert_eq!((&l.text, &l.remedy), (text, remedy), "{label}");
        }
        _ => panic!("{label}: {c:?} is no claim of an insight, a title or a note"),
    }
}

/// A change's numbers against the analysis and its baseline.
fn recompute_change(a: &Analysis, ch: &clover_core::analytics::Change, label: &str) {
    assert!(a.changes.contains(ch), "{label}: a change of the analysis");
    let b = a.baseline.as_ref().unwrap();
    assert!(b.note.is_none(), "{label}: a comparison with data");
    let stage_of =
        |f: &[clover_core::analytics::FunnelStage], s: Stage| f.iter().find(|x| x.stage == s).map(|x| x.count);
    let (now, then) = match ch.metric {
        Metric::Stage(s) => (stage_of(&a.funnel, s).map(|c| c as f64), stage_of(&b.funnel, s).map(|c| c as f64)),
        Metric::Headline(HeadlineMetric::ActiveShare) => {
            assert!(a.member_list, "{label}: no active share without a member list");
            let share = |f: &[clover_core::analytics::FunnelStage]| {
                Some(stage_of(f, Stage::Active)? as f64 / stage_of(f, Stage::Members)? as f64)
            };
            (share(&a.funnel), share(&b.funnel))
        }
        Metric::Headline(HeadlineMetric::Clover) => {
            (a.clover.as_ref().and_then(|c| c.overall), b.clover.as_ref().and_then(|c| c.overall))
        }
        Metric::Headline(HeadlineMetric::Readers) => {
            assert_eq!(a.data, DataKind::Reports, "{label}: readers are a report's");
            let readers = |f: &[clover_core::analytics::FunnelStage]| {
                Some((stage_of(f, Stage::Active)? - stage_of(f, Stage::Contributors)?) as f64)
            };
            (readers(&a.funnel), readers(&b.funnel))
        }
        Metric::Leaf(l) => {
            (a.clover.as_ref().and_then(|c| c.leaf(l)?.score), b.clover.as_ref().and_then(|c| c.leaf(l)?.score))
        }
        Metric::Indicator(id) => {
            let get = |c: Option<&clover_core::analytics::Clover>| {
                let i = c?.indicator(id)?;
                assert_eq!(i.status, Status::Measured, "{label}: {id} compared but not measured");
                i.value
            };
            (get(a.clover.as_ref()), get(b.clover.as_ref()))
        }
    };
    assert_eq!((Some(ch.current), Some(ch.baseline)), (now, then), "{label}: {:?}", ch.metric);
    assert_eq!(ch.small_base, ch.current_base < a.segment.min_base || ch.baseline_base < a.segment.min_base, "{label}");
    if ch.small_base {
        assert!(ch.relative.is_none(), "{label}");
        if ch.unit == MetricUnit::Share {
            assert!(!ch.text.contains(" % to "), "{label}: a share on a small base as counts: {}", ch.text);
        }
    }
    let shown = |x: f64| match ch.unit {
        MetricUnit::Share => (x * 100.0).round(),
        _ => x.round(),
    };
    let dir = match shown(ch.current) - shown(ch.baseline) {
        d if d > 0.0 => Direction::Up,
        d if d < 0.0 => Direction::Down,
        _ => Direction::Same,
    };
    assert_eq!(ch.direction, dir, "{label}");
}

/// The rules every leaf and indicator keeps.
fn clover_rules(a: &Analysis, label: &str) {
    let Some(c) = &a.clover else { return };
    for l in &c.leaves {
        for i in &l.indicators {
            match i.status {
                Status::Measured => {
                    assert!(i.value.is_some() && i.score.is_some() && i.reason.is_none(), "{label}: {}", i.id)
                }
                _ => assert!(
                    i.value.is_none()
                        && i.score.is_none()
                        && i.gap.is_none()
                        && i.ratio.is_none()
                        && i.reason.is_some(),
                    "{label}: {} {:?}",
                    i.id,
                    i.status
                ),
            }
            if i.status == Status::Measured {
                let r = i.ratio.unwrap();
                assert!(
                    r.whole >= a.segment.min_base,
                    "{label}: {} measured on {} (< {})",
                    i.id,
                    r.whole,
                    a.segment.min_base
                );
            }
        }
        let measured: Vec<f64> = l.indicators.iter().filter_map(|i| i.score).collect();
        match l.score {
            Some(s) => assert!((s - measured.iter().sum::<f64>() / measured.len() as f64).abs() < 1e-9, "{label}"),
            None => assert!(measured.is_empty() && l.reason.is_some(), "{label}"),
        }
    }
    assert!(c.next_steps.iter().all(|s| c.indicator(s.indicator).unwrap().status == Status::Measured), "{label}");
    assert_eq!(c.caution.is_some(), c.basis.contributors < a.segment.min_base, "{label}");
    if let Some(j) = &a.journey {
        for r in &j.first_reached {
            let p = j.periods.iter().find(|p| p.label == r.period).unwrap();
            assert!(
                p.complete && p.contributors() >= a.segment.min_base,
                "{label}: {} reached on {}",
                r.level,
                p.label
            );
        }
    }
    if let Now::At { now, .. } = a.journey.as_ref().map_or(Now::NoComplete, |j| j.now(a.segment.min_base)) {
        assert!(!now.period.is_empty(), "{label}");
    }
}

/// Nothing about a group under the floor, and nothing that would give one away.
fn privacy_rules(a: &Analysis, texts: &[String], label: &str) {
    let min = a.segment.min_group as u64;
    // Leaders too few in the whole organisation: leader reach (about any leader) is hidden
    // too, and no sentence about leaders holds a number. Too few in a group only: its own
    // leaders' activation and responsiveness are hidden.
    let few = |id: IndicatorId| {
        a.clover.as_ref().and_then(|c| c.indicator(id)).is_some_and(|i| {
            i.status == Status::TooFew && i.reason.as_deref().is_some_and(|r| r.starts_with("Fewer than"))
        })
    };
    if a.clover.as_ref().is_some_and(|c| c.limits.iter().any(|l| l.kind == LimitKind::FewLeaders)) {
        assert!(few(IndicatorId::LeaderActivation) && few(IndicatorId::LeaderResponsiveness), "{label}");
    }
    if few(IndicatorId::LeaderReach) {
        assert!(a.leaders_board.is_empty(), "{label}");
        let about_leaders = |t: &String| {
            let t = t.to_lowercase();
            ["leaders", "leader activation", "leader responsiveness", "leader reach", "leader repl", "with a leader"]
                .iter()
                .any(|w| t.contains(w))
        };
        for t in texts.iter().map(|t| without_indicator_counts(t)).filter(about_leaders) {
            // The only number a sentence about hidden leaders may hold is the floor itself.
            let numbers: Vec<&str> = t.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).collect();
            assert!(numbers.iter().all(|n| *n == min.to_string()), "{label}: {t}");
        }
    }
    // Rows of each kind: the people hidden in all are none or at least the floor.
    let total = a.count(Stage::Members);
    for kind in [SegmentKind::Department, SegmentKind::Location, SegmentKind::Leaders] {
        let rows: Vec<_> = a.segments.iter().filter(|s| s.kind == kind).collect();
        if rows.is_empty() {
            continue;
        }
        for r in &rows {
            assert_eq!(r.suppressed, r.people.is_none(), "{label}");
            if let Some(n) = r.people {
                assert!(n >= min, "{label}: {} shows {n}", r.name);
            }
        }
        let shown: u64 = rows.iter().filter_map(|r| r.people).sum();
        let rest = total.saturating_sub(shown);
        // (An organisation smaller than the floor is shown whole: the floor is for groups.)
        assert!(rest == 0 || rest >= min || total < min, "{label}: {kind:?} rows leave {rest} people to subtraction");
    }
    // The department matrix has no group under the floor.
    if let Some(m) = &a.exchange {
        assert_eq!(m.departments.len(), m.counts.len(), "{label}");
    }
}

/// A text without "N of the 12 Clover indicators" (a count of indicators, not of people).
fn without_indicator_counts(t: &str) -> String {
    match t.find(" of the 12 Clover indicators") {
        Some(i) => {
            let start = t[..i].rfind(' ').map_or(0, |j| j + 1);
            format!("{}{}", &t[..start], &t[i + " of the 12 Clover indicators".len()..])
        }
        None => t.to_string(),
    }
}

/// Grammar and plain sense, on any text.
fn lint(t: &str, a: &Analysis, label: &str) {
    assert!(!t.is_empty(), "{label}");
    for bad in
        ["NaN", "inf ", "  ", " .", " ,", "..", "of members people", "members people", "people people", "between 2"]
    {
        if bad == "between 2" {
            // "between 2024-01-01 and 2024-01-01": one day is "on".
            if let Some(i) = t.find("between ") {
                let rest = &t[i + 8..];
                if let Some((x, y)) = rest.split_once(" and ") {
                    assert_ne!(x, &y[..x.len().min(y.len())], "{label}: {t}");
                }
            }
            continue;
        }
        assert!(!t.contains(bad), "{label}: {bad:?} in {t:?}");
    }
    let words: Vec<&str> = t.split(|c: char| c.is_whitespace() || c == '(' || c == ')').collect();
    let plurals = [
        "people",
        "members",
        "contributors",
        "leaders",
        "posts",
        "replies",
        "champions",
        "catalysts",
        "observers",
        "engagers",
        "responders",
        "broadcasters",
        "days",
        "weeks",
        "points",
        "pairs",
        "spaces",
        "departments",
        "responses",
        "threads",
        "reactions",
    ];
    for w in words.windows(2) {
        let next = w[1].trim_end_matches(['.', ',', ';', ':']);
        if w[0] == "1" && plurals.contains(&next) {
            panic!("{label}: \"1 {next}\" in {t:?}");
        }
        if w[0] == "0" && next == "champions" {
            panic!("{label}: \"0 champions\" in {t:?}: say none");
        }
    }
    if !a.member_list {
        assert!(!t.replace("member list", "").contains("members"), "{label}: members without a member list: {t}");
    }
    let first = t.chars().next().unwrap();
    assert!(!first.is_lowercase() || t.starts_with("under "), "{label}: {t}");
}
