//! The analysis of activity reports, computed by hand (docs/metrics.md, "Activity reports"):
//! the window chosen, people joined across reports, the four-stage funnel with readers, the
//! leaderboard by posts, reactions and days active, the indicators reports can and cannot
//! measure, windows in a journey and a comparison, the privacy floor.

mod common;

use clover_core::analytics::{
    analyze, Analysis, Compare, DataKind, IndicatorId, LimitKind, Params, Segment, SlideKind, Stage, Status, Unit,
};
use clover_core::civil::days_from_civil;
use clover_core::import::{import_files, ImportOptions, InputFile};
use clover_core::model::Dataset;
use common::reports::*;

fn load(files: Vec<(&str, String)>) -> Dataset {
    let files = files.into_iter().map(|(n, t)| InputFile::new(n, t.into_bytes())).collect();
    let r = import_files(files, &ImportOptions::default());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    r.dataset
}

/// Small groups, counted by hand: every share is measured (a base of 1 is enough).
fn params_small() -> Params {
    Params { min_base: 1, ..Params::default() }
}

fn counts(a: &Analysis) -> Vec<(Stage, u64)> {
    a.funnel.iter().map(|f| (f.stage, f.count)).collect()
}

fn ind(a: &Analysis, id: IndicatorId) -> &clover_core::analytics::Indicator {
    a.clover.as_ref().unwrap().indicator(id).unwrap()
}

fn teams() -> Vec<Teams> {
    let t = |upn: &str| Teams { upn: upn.to_string(), ..Default::default() };
    vec![
        Teams { team_chat: 5, posts: 3, replies: 2, private_chat: 10, ..t("ada@contoso.com") },
        Teams { private_chat: 4, ..t("ben@contoso.com") },
        Teams { calls: 2, ..t("cara@contoso.com") },
        Teams { other: true, ..t("dan@contoso.com") },
        t("eve@contoso.com"),
        Teams { deleted: true, ..t("fay@contoso.com") },
        Teams { deleted: true, posts: 1, ..t("gus@contoso.com") },
    ]
}

fn viva() -> Vec<Viva> {
    let v = |upn: &str, name: &str| Viva { upn: upn.into(), name: name.into(), state: "Active", ..Default::default() };
    vec![
        Viva { posted: 2, read: 10, liked: 3, ..v("ada@contoso.com", "Ada Okafor") },
        Viva { read: 5, ..v("ben@contoso.com", "Ben Smith") },
        Viva { liked: 1, ..v("hank@contoso.com", "Hank Lee") },
        Viva { state: "Deleted", ..v("ivy@contoso.com", "Ivy Chen") },
    ]
}

#[test]
fn teams_and_viva_engage_of_one_window_make_one_funnel_with_readers() {
    let ds = load(vec![
        ("teams.csv", teams_csv("2026-04-17", 30, &teams(), TEAMS_DOCUMENTED)),
        ("engage.csv", viva_csv("2026-04-17", 30, &viva())),
    ]);
    let a = analyze(&ds, &params_small());
    assert_eq!(a.data, DataKind::Reports);
    assert_eq!(
        (a.window.from.as_deref(), a.window.to.as_deref(), a.window.days),
        (Some("2026-03-19"), Some("2026-04-17"), 30)
    );
    // Members: everyone not deleted (7 of 9), and Gus, deleted but active in the window.
    // Active, reading included: Ada, Ben (private chats, reading), Cara (calls), Dan (other
    // actions), Gus, Hank (a like). Contributors: Ada (5 in Teams + 2 in Viva Engage), Gus.
    assert_eq!(counts(&a), [(Stage::Workforce, 7), (Stage::Members, 7), (Stage::Active, 6), (Stage::Contributors, 2)]);
    assert!(
        a.notes.iter().any(|n| n.contains("combines the Microsoft Teams and Viva Engage reports")),
        "{:?}",
        a.notes
    );
    assert_eq!(
        a.insights[0].text,
        "6 of 7 members (86 %) were active between 2026-03-19 and 2026-04-17, reading included; 2 posted and 4 were active without posting."
    );
    // Ranked by posts (×3) and reactions (×1): Ada 7×3 + 3 = 24, Gus 3, Hank 1.
    let board: Vec<(&str, f64, u64, Option<u64>)> =
        a.leaderboard.iter().map(|r| (r.name.as_str(), r.score, r.posts, r.read)).collect();
    assert_eq!(
        board,
        [("Ada Okafor", 24.0, 7, Some(10)), ("gus@contoso.com", 3.0, 1, Some(0)), ("Hank Lee", 1.0, 0, Some(0))]
    );
    assert!(a.leaderboard.iter().all(|r| r.persona.is_none()));
    assert_eq!(a.ranked, Some(3));
    // Inequality of what members posted: [0, 0, 0, 0, 0, 1, 7] → Σ i·x = 6 + 49 = 55;
    // gini = 2·55 / (7·8) − 8/7.
    let gini = a.inequality.as_ref().unwrap().gini.unwrap();
    assert!((gini - (110.0 / 56.0 - 8.0 / 7.0)).abs() < 1e-12, "{gini}");
    // Key players: Ada's 7 of 8 posts make half: 1 of 2 contributors.
    let kp = ind(&a, IndicatorId::KeyPlayerResilience);
    assert_eq!((kp.status, kp.ratio.map(|r| (r.part, r.whole))), (Status::Measured, Some((1, 2))));
    assert_eq!(kp.explanation, "1 of 2 contributors made half of everything posted.");
    let act = ind(&a, IndicatorId::Activation);
    assert_eq!(
        (act.name.as_str(), act.ratio.map(|r| (r.part, r.whole))),
        ("Activation (reading included)", Some((6, 7)))
    );
    for id in [
        IndicatorId::Responsiveness,
        IndicatorId::Collaboration,
        IndicatorId::Reciprocity,
        IndicatorId::CrossFunctional,
    ] {
        assert_eq!(ind(&a, id).status, Status::NoData, "{id}");
    }
    let limits: Vec<LimitKind> = a.clover.as_ref().unwrap().limits.iter().map(|l| l.kind).collect();
    assert_eq!(
        limits,
        [
            LimitKind::NoLeaders,
            LimitKind::NoRoster,
            LimitKind::NoExchanges,
            LimitKind::NoWeeks,
            LimitKind::NoChannelTypes
        ]
    );
    // The figures: readers instead of engaged and champions.
    let figures: Vec<(&str, &str)> = a.figures.iter().map(|f| (f.id.as_str(), f.value.as_str())).collect();
    assert_eq!(
        figures,
        [("members", "7"), ("active", "86 %"), ("contributors", "2"), ("readers", "4"), ("clover", "100")]
    );
    let champions = a.slides.iter().find(|s| s.kind == SlideKind::Champions).unwrap();
    assert_eq!(champions.title, "4 members were active without posting: readers, whom only activity reports show.");
}

#[test]
fn a_concealed_report_is_not_joined_and_the_window_says_which_report_it_used() {
    let hashed: Vec<Viva> = (0..9)
        .map(|i| Viva {
            upn: format!("{:032X}", 0x1234_5678_9ABCu128 + i),
            name: format!("{:032X}", 0x1234_5678_9ABCu128 + i),
            state: "Active",
            read: i as u64,
            ..Default::default()
        })
        .collect();
    let ds = load(vec![
        ("teams.csv", teams_csv("2026-04-17", 30, &teams(), TEAMS_REAL)),
        ("engage.csv", viva_csv("2026-04-17", 30, &hashed)),
    ]);
    let a = analyze(&ds, &params_small());
    // The Viva Engage report has more people: it is the one used, alone.
    assert_eq!(counts(&a)[1..], [(Stage::Members, 9), (Stage::Active, 8), (Stage::Contributors, 0)]);
    assert!(
        a.notes.iter().any(|n| n.contains("uses the Viva Engage report alone: names are concealed, so the reports cannot be joined person by person, and the Microsoft Teams report is left out of this window.")),
        "{:?}",
        a.notes
    );
    let concealed = a.notes.iter().find(|n| n.starts_with("Names are concealed")).unwrap();
    assert!(concealed.contains("Display concealed user, group, and site names in all reports"));
    assert!(concealed.contains("a roster cannot be joined"));
    // So the remedy for leaders does not promise a roster joined by email to concealed names.
    let leaders = a.clover.as_ref().unwrap().limits.iter().find(|l| l.kind == LimitKind::NoLeaders).unwrap();
    assert!(leaders.remedy.starts_with("Once the reports show names"), "{}", leaders.remedy);
    // The Teams report alone, named: the remedy is the plain one.
    let named = analyze(&load(vec![("teams.csv", teams_csv("2026-04-17", 30, &teams(), TEAMS_REAL))]), &params_small());
    let leaders = named.clover.as_ref().unwrap().limits.iter().find(|l| l.kind == LimitKind::NoLeaders).unwrap();
    assert!(leaders.remedy.starts_with("A roster with a leader column"), "{}", leaders.remedy);
    // Reports without a roster name no departments, whether segments were asked for or not.
    for segments in [false, true] {
        let a = analyze(
            &load(vec![("teams.csv", teams_csv("2026-04-17", 30, &teams(), TEAMS_REAL))]),
            &Params { segments, ..params_small() },
        );
        let slide = a.slides.iter().find(|s| s.kind == SlideKind::Departments).unwrap();
        assert_eq!(slide.title, "The data names no departments, so they cannot be compared.");
    }
}

#[test]
fn report_windows_form_the_journey_and_the_comparison() {
    let window = |ada: u64, ben: u64| {
        vec![
            Teams { upn: "ada@x.com".into(), team_chat: ada, ..Default::default() },
            Teams { upn: "ben@x.com".into(), team_chat: ben, ..Default::default() },
            Teams { upn: "cy@x.com".into(), other: true, ..Default::default() },
        ]
    };
    let ds = load(vec![
        ("t3.csv", teams_csv("2026-04-16", 30, &window(4, 2), TEAMS_DOCUMENTED)),
        ("t1.csv", teams_csv("2026-02-15", 30, &window(0, 0), TEAMS_REAL)),
        ("t2.csv", teams_csv("2026-03-17", 30, &window(1, 0), TEAMS_DOCUMENTED)),
    ]);
    // By default, the latest window.
    let a = analyze(&ds, &Params { compare: Compare::Previous, journey: Some(Unit::Quarter), ..params_small() });
    assert_eq!(a.window.from.as_deref(), Some("2026-03-18"));
    assert_eq!(
        (a.window.previous_from.as_deref(), a.window.previous_to.as_deref()),
        (Some("2026-02-16"), Some("2026-03-17"))
    );
    let b = a.baseline.as_ref().unwrap();
    assert_eq!((b.window.from.as_deref(), b.note.as_deref()), (Some("2026-02-16"), None));
    let contributors =
        a.changes.iter().find(|c| c.metric == clover_core::analytics::Metric::Stage(Stage::Contributors)).unwrap();
    assert_eq!(contributors.text, "Contributors rose from 1 to 2 since the 30 days to 2026-03-17 (+1, +100 %).");
    // One journey period per report window, in time order.
    let j = a.journey.as_ref().unwrap();
    let periods: Vec<(&str, bool, u64)> =
        j.periods.iter().map(|p| (p.label.as_str(), p.complete, p.contributors())).collect();
    assert_eq!(
        periods,
        [
            ("the 30 days to 2026-02-15", true, 0),
            ("the 30 days to 2026-03-17", true, 1),
            ("the 30 days to 2026-04-16", true, 2)
        ]
    );
    // A window asked for by its dates is that report's.
    let mid = analyze(
        &ds,
        &Params {
            from: clover_core::civil::parse_date("2026-02-16"),
            to: clover_core::civil::parse_date("2026-03-17"),
            ..params_small()
        },
    );
    assert_eq!(counts(&mid)[3], (Stage::Contributors, 1));
    // Movement against the window before: Ada was first then too.
    assert_eq!(a.leaderboard[0].previous_rank, Some(1));
    assert_eq!(a.leaderboard[1].previous_rank, None);
    // Nothing before the first window: the comparison says so.
    let first = analyze(
        &ds,
        &Params {
            from: clover_core::civil::parse_date("2026-01-17"),
            to: clover_core::civil::parse_date("2026-02-15"),
            compare: Compare::Previous,
            ..params_small()
        },
    );
    assert!(first.baseline.as_ref().unwrap().note.as_deref().unwrap().contains("no earlier activity report"));
    assert!(first.changes.is_empty());
}

#[test]
fn the_slack_overview_gives_openness_and_habit_and_titles_mark_leaders() {
    // Two whole ISO weeks: Monday 2026-04-06 to Sunday 2026-04-19.
    let members = vec![
        SlackMember {
            name: "Ada".into(),
            id: "U1".into(),
            email: "ada@a.co".into(),
            title: "Head of Design".into(),
            days_active: 10,
            posted: 6,
            in_channels: 4,
            reactions: 2,
            ..Default::default()
        },
        SlackMember {
            name: "Ben".into(),
            id: "U2".into(),
            email: "ben@a.co".into(),
            days_active: 5,
            posted: 1,
            in_channels: 1,
            ..Default::default()
        },
        SlackMember {
            name: "Cy".into(),
            id: "U3".into(),
            email: "cy@a.co".into(),
            days_active: 2,
            ..Default::default()
        },
        SlackMember { name: "Di".into(), id: "U4".into(), email: "di@a.co".into(), ..Default::default() },
        SlackMember {
            name: "Ed".into(),
            id: "U5".into(),
            email: "ed@a.co".into(),
            days_active: 1,
            reactions: 1,
            ..Default::default()
        },
        SlackMember {
            name: "Flo".into(),
            id: "U6".into(),
            email: "flo@a.co".into(),
            deactivated: true,
            ..Default::default()
        },
    ];
    let days: Vec<OverviewDay> = (6..=19)
        .map(|d| OverviewDay {
            date: format!("2026-04-{d:02}"),
            members: 5,
            daily_active: 2,
            weekly_active: if d <= 12 { 2 } else { 3 },
            weekly_posting: 1,
            public: 3,
            private: 1,
            dms: 9,
        })
        .collect();
    let ds = load(vec![
        ("Acme Member Analytics Prior 14 Days - Apr 19, 2026.csv", slack_members_csv(&members)),
        ("Acme Overview.csv", overview_csv(&days)),
    ]);
    let a = analyze(&ds, &params_small());
    assert_eq!((a.window.from.as_deref(), a.window.weeks), (Some("2026-04-06"), 2));
    assert_eq!(counts(&a)[1..], [(Stage::Members, 5), (Stage::Active, 4), (Stage::Contributors, 2)]);
    // Openness: 3 public of 4 channel messages a day (direct messages left out).
    let open = ind(&a, IndicatorId::Openness);
    assert_eq!(open.ratio.map(|r| (r.part, r.whole)), Some((42, 56)));
    // Habit: weekly active 2 then 3, a mean of 2.5, of the 4 active in the window.
    let habit = ind(&a, IndicatorId::Habit);
    assert_eq!((habit.status, habit.value), (Status::Measured, Some(2.5 / 4.0)));
    assert_eq!(
        a.series.iter().map(|w| (w.week.as_str(), w.active, w.posts)).collect::<Vec<_>>(),
        [("2026-W15", 2, 28), ("2026-W16", 3, 28)]
    );
    // Ranked by posts in channels and reactions, then days active.
    let board: Vec<(&str, f64, Option<u64>)> =
        a.leaderboard.iter().map(|r| (r.name.as_str(), r.score, r.days_active)).collect();
    assert_eq!(board, [("Ada", 14.0, Some(10)), ("Ben", 3.0, Some(5)), ("Ed", 1.0, Some(1))]);
    // Ada leads by her title; one leader is fewer than the floor: no number about leaders.
    assert!(a.leaderboard[0].leader);
    assert_eq!(ind(&a, IndicatorId::LeaderActivation).status, Status::TooFew);
    assert!(a.leaders_board.is_empty());
    // A department filter on a roster-less report has nobody: hidden.
    let dept = analyze(
        &ds,
        &Params { segment: Segment { departments: vec!["Sales".into()], ..Default::default() }, ..params_small() },
    );
    assert!(dept.suppressed && dept.funnel.is_empty());
}

#[test]
fn slack_daily_files_give_any_window_and_each_persons_weeks() {
    let mut lines = String::new();
    for d in 6..=19 {
        let date = format!("2026-04-{d:02}");
        lines += &daily_line(&date, "W1", "ada@a.co", true, 1, 0);
        lines += &daily_line(&date, "W2", "ben@a.co", d <= 8, 0, (d <= 8) as u64);
        lines += &daily_line(&date, "W3", "cy@a.co", false, 0, 0);
    }
    let ds = load(vec![("member.jsonl", lines)]);
    let a = analyze(&ds, &Params { journey: Some(Unit::Month), ..params_small() });
    assert_eq!((a.window.from.as_deref(), a.window.to.as_deref()), (Some("2026-04-06"), Some("2026-04-19")));
    assert_eq!(counts(&a)[1..], [(Stage::Members, 3), (Stage::Active, 2), (Stage::Contributors, 1)]);
    assert_eq!(a.leaderboard.iter().map(|r| r.days_active).collect::<Vec<_>>(), [Some(14), Some(3)]);
    // Week 1: Ada and Ben; week 2: Ada. Habit: 1.5 a week of the 2 active.
    assert_eq!(a.series.iter().map(|w| w.active).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(ind(&a, IndicatorId::Habit).value, Some(0.75));
    // Any days of the files make a window.
    let week = analyze(
        &ds,
        &Params {
            from: clover_core::civil::parse_date("2026-04-13"),
            to: clover_core::civil::parse_date("2026-04-19"),
            ..params_small()
        },
    );
    assert_eq!(counts(&week)[2..], [(Stage::Active, 1), (Stage::Contributors, 1)]);
    // The journey by calendar month: April only, partly covered.
    let j = a.journey.as_ref().unwrap();
    assert_eq!(j.periods.iter().map(|p| (p.label.as_str(), p.complete)).collect::<Vec<_>>(), [("April 2026", false)]);
}

#[test]
fn a_roster_gives_the_workforce_departments_and_leaders_under_the_privacy_floor() {
    let people: Vec<Teams> = (0..12)
        .map(|i| Teams {
            upn: format!("p{i}@x.com"),
            team_chat: (i % 3) as u64,
            other: i % 2 == 0,
            ..Default::default()
        })
        .collect();
    let mut roster = String::from("Email,Department,Leader,Headcount\n");
    for i in 0..12 {
        let dept = if i < 9 { "Sales" } else { "Legal" };
        roster +=
            &format!("p{i}@x.com,{dept},{},{}\n", if i < 6 { "yes" } else { "no" }, if i == 0 { "20" } else { "" });
    }
    let ds = load(vec![("teams.csv", teams_csv("2026-04-17", 7, &people, TEAMS_DOCUMENTED)), ("roster.csv", roster)]);
    let a = analyze(&ds, &Params { segments: true, ..params_small() });
    assert_eq!(counts(&a)[..2], [(Stage::Workforce, 20), (Stage::Members, 12)]);
    let reach = ind(&a, IndicatorId::Reach);
    assert_eq!(reach.ratio.map(|r| (r.part, r.whole)), Some((12, 20)));
    // Leaders p0–p5: those with a post are p1, p2, p4, p5 (p0 and p3 posted nothing).
    assert_eq!(ind(&a, IndicatorId::LeaderActivation).ratio.map(|r| (r.part, r.whole)), Some((4, 6)));
    // Departments: Legal's 3 are under the floor, and so Sales (9 of 12) would give them away.
    let rows: Vec<(&str, bool)> = a.segments.iter().map(|s| (s.name.as_str(), s.suppressed)).collect();
    assert!(rows.contains(&("Legal", true)) && rows.contains(&("Sales", true)), "{rows:?}");
    assert_eq!(a.segments.iter().find(|s| s.name == "Leaders").map(|s| s.people), Some(Some(6)));
    // A window no report covers: nothing, said.
    let none = analyze(
        &ds,
        &Params {
            from: clover_core::civil::parse_date("2020-01-01"),
            to: clover_core::civil::parse_date("2020-02-01"),
            ..params_small()
        },
    );
    assert!(none.funnel.is_empty() && none.notes.iter().any(|n| n == "No activity report covers this window."));
    let _ = days_from_civil(2026, 1, 1);
}

#[test]
fn the_overview_alone_says_what_the_funnel_needs() {
    let days = vec![OverviewDay { date: "2026-04-19".into(), members: 5, weekly_active: 3, ..Default::default() }];
    let ds = load(vec![("Overview.csv", overview_csv(&days))]);
    let a = analyze(&ds, &params_small());
    assert!(a.funnel.is_empty());
    assert!(a.notes.iter().any(|n| n.contains("need a member report of the same window")), "{:?}", a.notes);
}

#[test]
fn a_report_beside_a_message_export_of_its_tool_adds_readers() {
    use clover_core::demo::{generate, write_reports, write_slack_zip, DemoOptions};
    let org = generate(&DemoOptions { people: 300, months: 12, seed: 9, ..Default::default() });
    let reports = write_reports(&org);
    let (name, quarter) = reports.iter().rev().find(|(p, _)| p.contains("Member Analytics")).unwrap().clone();
    let export = InputFile::new("slack.zip", write_slack_zip(&org));
    let ds =
        import_files(vec![export.clone(), InputFile::new(name, quarter.clone())], &ImportOptions::default()).dataset;
    let alone = import_files(vec![export], &ImportOptions::default()).dataset;
    let report =
        import_files(vec![InputFile::new(&reports[reports.len() - 3].0, quarter)], &ImportOptions::default()).dataset;
    let r = analyze(&report, &Params::default());
    let window = Params {
        from: clover_core::civil::parse_date(r.window.from.as_deref().unwrap()),
        to: clover_core::civil::parse_date(r.window.to.as_deref().unwrap()),
        ..Params::default()
    };
    // The message export gives everything it can; its numbers do not move.
    let a = analyze(&ds, &window);
    let m = analyze(&alone, &window);
    assert_eq!(a.data, DataKind::Export);
    assert_eq!(counts(&a), counts(&m));
    assert_eq!(a.clover, m.clover);
    // The report adds its readers: the members it shows active who did nothing in the export.
    let readers = a.readers.as_ref().unwrap();
    assert_eq!(readers.readers, r.count(Stage::Active) - m.count(Stage::Active));
    assert_eq!(readers.unmatched, 0);
    assert!(a.insights.iter().any(|i| i.text.starts_with(&format!(
        "The Slack report shows {} more members active in {} who did not post, reply or react: readers.",
        readers.readers,
        r.window.label.as_deref().unwrap()
    ))));
    // Another window: Clover says it used the export alone.
    let whole = analyze(&ds, &Params::default());
    assert!(whole.readers.is_none());
    assert!(whole
        .notes
        .iter()
        .any(|n| n.starts_with("Clover used the message export alone: no activity report covers exactly this window")));
}

#[test]
fn a_snapshot_of_a_report_analysis_opens_with_its_four_stages() {
    use clover_core::snapshot::{decode, encode, params, Meta};
    let ds = load(vec![
        ("teams.csv", teams_csv("2026-04-17", 30, &teams(), TEAMS_DOCUMENTED)),
        ("engage.csv", viva_csv("2026-04-17", 30, &viva())),
    ]);
    let a = analyze(&ds, &params(&Params::default(), false));
    let (back, _) = decode(&encode(&a, &Meta::new(&ds, 0, None, true))).expect("a report snapshot opens");
    assert_eq!(back.data, DataKind::Reports);
    assert_eq!(back.funnel, a.funnel);
    assert_eq!(back.figures, a.figures);
    assert_eq!(
        back.slides.iter().map(|s| &s.title).collect::<Vec<_>>(),
        a.slides.iter().map(|s| &s.title).collect::<Vec<_>>()
    );
}

/// A kept dataset (the page's worker) keeps the all-people pass of its last analysis of
/// everyone and answers a people filter of the same window from it. Activity reports must
/// never take that shortcut (their people are not the pass's), and readers beside an export
/// must come out the same: every filtered analysis through a `PreparedDataset`, made right
/// after an analysis of everyone, is the one an analysis made afresh gives.
#[test]
fn a_filter_after_everyone_in_a_kept_dataset_is_what_a_fresh_analysis_gives() {
    use clover_core::analytics::{PreparedDataset, SegmentKind};
    use clover_core::demo::{generate, write_reports, write_slack_zip, DemoOptions};
    let org = generate(&DemoOptions { people: 300, months: 12, seed: 5, ..Default::default() });
    let reports = write_reports(&org);
    let pick = |prefix: &str| reports.iter().rev().find(|(p, _)| p.contains(prefix)).unwrap().clone();
    let import = |files: &[(String, Vec<u8>)]| {
        let files = files.iter().map(|(n, b)| InputFile::new(n, b.clone())).collect();
        import_files(files, &ImportOptions::default()).dataset
    };
    let ms = [pick("TeamsUserActivityUserDetail"), pick("YammerActivityUserDetail"), pick("microsoft-365/roster")];
    let slack_report = pick("Member Analytics");
    let beside = [("slack.zip".to_string(), write_slack_zip(&org)), slack_report.clone(), pick("slack/roster")];
    let window_of = |files: &[(String, Vec<u8>)]| {
        let a = analyze(&import(files), &Params::default());
        (
            clover_core::civil::parse_date(a.window.from.as_deref().unwrap()),
            clover_core::civil::parse_date(a.window.to.as_deref().unwrap()),
        )
    };
    let (from, to) = window_of(&[slack_report]);
    for (files, base) in [(&ms[..], Params::default()), (&beside[..], Params { from, to, ..Params::default() })] {
        let everyone = Params { segments: true, ..base.clone() };
        let fresh = analyze(&import(files), &everyone);
        let departments: Vec<String> = fresh
            .segments
            .iter()
            .filter(|s| s.kind == SegmentKind::Department && !s.suppressed)
            .map(|s| s.name.clone())
            .collect();
        assert!(departments.len() >= 2, "{departments:?}");
        let kept = PreparedDataset::new(import(files));
        let filters = departments
            .iter()
            .map(|d| Segment { departments: vec![d.clone()], ..Default::default() })
            .chain([Some(true), Some(false)].map(|leaders| Segment { leaders, ..Default::default() }));
        for segment in filters {
            assert!(kept.analyze(&everyone) == fresh, "everyone, kept");
            let q = Params { segment, ..base.clone() };
            let (k, f) = (kept.analyze(&q), analyze(&import(files), &q));
            assert!(k == f, "{:?}: a filter answered from the kept pass differs from a fresh analysis", q.segment);
            assert!(!k.suppressed && k.count(Stage::Members) > 0, "{:?}", q.segment);
        }
        // Reports alone are analysed as reports, filtered or not; an export stays an export.
        let data = if files[0].0 == "slack.zip" { DataKind::Export } else { DataKind::Reports };
        assert_eq!(fresh.data, data);
    }
}
