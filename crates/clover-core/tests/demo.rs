//! The demo organisation: deterministic, telling the story of docs/demo.md (measured here
//! with the real analytics), and every writer's output reads back with the counts the
//! organisation has.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use clover_core::analytics::{analyze, Analysis, Analyzer, Params, Persona, Segment};
use clover_core::civil::{civil_from_days, day_of, days_from_civil};
use clover_core::demo::{
    generate, write_clover, write_mattermost, write_roster_csv, write_slack_zip, DemoCounts, DemoKind, DemoOptions,
    DemoOrg, NONE,
};
use clover_core::import::{import_files, ImportOptions, ImportResult, InputFile};
use clover_core::model::{title_is_leader, DEFAULT_LEADER_TITLE_WORDS};
use clover_core::stats::{counts, ImportSummary};
use clover_core::{Dataset, SpaceKind};

fn org() -> &'static DemoOrg {
    static ORG: OnceLock<DemoOrg> = OnceLock::new();
    ORG.get_or_init(|| generate(&DemoOptions::default()))
}

fn import(files: Vec<(&str, Vec<u8>)>) -> ImportResult {
    import_files(files.into_iter().map(|(n, b)| InputFile::new(n, b)).collect(), &ImportOptions::default())
}

/// The counts an import must match, in the organisation's terms.
fn assert_same_counts(s: &ImportSummary, c: &DemoCounts, what: &str) {
    let got =
        (s.people, s.bots, s.deactivated, s.spaces, s.posts, s.replies, s.reactions, s.system_messages, s.bot_messages);
    let want =
        (c.people, c.bots, c.deactivated, c.spaces, c.posts, c.replies, c.reactions, c.system_messages, c.bot_messages);
    assert_eq!(
        got, want,
        "{what}: (people, bots, deactivated, spaces, posts, replies, reactions, system, bot messages)"
    );
}

fn authored(org: &DemoOrg) -> Vec<u64> {
    let mut by_person = vec![0u64; org.people.len()];
    for m in &org.messages {
        if m.kind != DemoKind::Join && !org.people[m.author as usize].bot {
            by_person[m.author as usize] += 1;
        }
    }
    by_person
}

#[test]
fn same_seed_same_bytes() {
    let opts = DemoOptions { people: 240, months: 5, seed: 42, ..Default::default() };
    let (a, b) = (generate(&opts), generate(&opts));
    assert_eq!(write_clover(&a), write_clover(&b));
    assert_eq!(write_slack_zip(&a), write_slack_zip(&b));
    assert_eq!(write_mattermost(&a), write_mattermost(&b));
    assert_eq!(write_roster_csv(&a), write_roster_csv(&b));
    let c = generate(&DemoOptions { seed: 43, ..opts });
    assert_ne!(write_clover(&a), write_clover(&c));
}

#[test]
fn a_believable_organisation() {
    let org = org();
    let c = org.counts();
    assert_eq!(c.people, 1600);
    assert!(c.people >= 1500);
    assert!(org.headcount > c.people, "not everyone joined");
    assert!(c.bots >= 5 && c.bot_messages > 0, "{c:?}");
    assert!(c.deactivated > 0 && c.deactivated < c.people / 10, "{c:?}");
    assert!(c.system_messages > 0 && c.mentions > 0, "{c:?}");

    // Departments, each with leaders whose titles read as leaders'.
    let words: Vec<String> = DEFAULT_LEADER_TITLE_WORDS.iter().map(|w| w.to_string()).collect();
    let mut leaders_by_dept: HashMap<u16, u32> = HashMap::new();
    let mut departments = HashSet::new();
    for p in org.people.iter().filter(|p| !p.bot) {
        let d = p.department.expect("every person has a department");
        departments.insert(d);
        let title = p.title.as_deref().unwrap_or("");
        assert_eq!(title_is_leader(title, &words), p.leader, "title {title:?} vs leader {}", p.leader);
        if p.leader {
            *leaders_by_dept.entry(d).or_default() += 1;
            assert!(
                ["Chief", "VP", "Director of", "Head of"].iter().any(|w| title.starts_with(w)),
                "leader title {title:?}"
            );
        }
    }
    assert!(departments.len() >= 8, "{} departments", departments.len());
    for d in &departments {
        assert!(
            leaders_by_dept.get(d).copied().unwrap_or(0) >= 1,
            "department {} has no leader",
            org.departments[*d as usize]
        );
    }
    assert!(org.people.iter().any(|p| p.title.as_deref() == Some("Chief Executive Officer")));

    // Spaces: public channels, private channels, direct conversations.
    assert!(org.spaces.len() >= 30, "{} spaces", org.spaces.len());
    let kinds = |k: SpaceKind| org.spaces.iter().filter(|s| s.kind == k).count();
    assert!(kinds(SpaceKind::Channel) >= 20 && kinds(SpaceKind::PrivateChannel) >= 3 && kinds(SpaceKind::Direct) >= 10);

    // Threads and reactions.
    let msgs = org.messages.len() as u64;
    assert!(c.replies > c.posts / 2, "{c:?}");
    let mut replies_of: HashMap<u32, u32> = HashMap::new();
    for m in &org.messages {
        if m.parent != NONE {
            *replies_of.entry(m.parent).or_default() += 1;
        }
    }
    assert!(replies_of.values().any(|&n| n >= 10), "some threads draw many replies");
    assert!(c.reactions > msgs / 3, "{c:?}");
}

#[test]
fn the_data_is_consistent() {
    let org = org();
    let mut last = i64::MIN;
    for (i, m) in org.messages.iter().enumerate() {
        assert!(m.time_ms > last, "times strictly increase");
        last = m.time_ms;
        assert!(m.time_ms >= org.start_ms && m.time_ms < org.end_ms);
        if m.parent != NONE {
            let p = &org.messages[m.parent as usize];
            assert!(
                (m.parent as usize) < i && p.parent == NONE && p.kind == DemoKind::Post,
                "replies answer earlier posts"
            );
            assert_eq!(p.space, m.space);
            assert_eq!(m.kind, DemoKind::Reply);
        }
        let space = &org.spaces[m.space as usize];
        if space.kind != SpaceKind::Channel {
            assert!(space.members.binary_search(&m.author).is_ok(), "only members write in private spaces");
        }
    }
    let mut seen = HashSet::new();
    for r in &org.reactions {
        assert!(seen.insert((r.message, r.person, r.emoji)), "reactions are distinct");
        assert!(r.time_ms > org.messages[r.message as usize].time_ms && r.time_ms < org.end_ms);
        assert!(!org.people[r.person as usize].bot);
    }
    for (i, _) in org.messages.iter().enumerate().take(2000) {
        let rx = org.reactions_of(i as u32);
        assert!(rx.iter().all(|r| r.message == i as u32));
    }
}

// ---------------------------------------------------------------------------------------
// The story's targets (docs/demo.md), measured with the real analytics on the default demo
// and on another size and seed, so that the story is not tuned to one dataset.
// ---------------------------------------------------------------------------------------

fn stories() -> [&'static Measured; 2] {
    static DEFAULT: OnceLock<Measured> = OnceLock::new();
    static OTHER: OnceLock<Measured> = OnceLock::new();
    [DEFAULT.get_or_init(|| measure(org().clone())), OTHER.get_or_init(|| measure(generate(&other())))]
}

fn name(m: &Measured) -> String {
    format!("{} people, seed {}", m.org.options.people, m.org.options.seed)
}

#[test]
fn most_people_observe_and_every_persona_shows() {
    for m in stories() {
        let [observer, rest @ ..] = personas(&m.whole);
        let members = stage(&m.whole, "members");
        assert!(2 * observer > members, "{}: {observer} observers of {members} members", name(m));
        let active: u64 = rest.iter().sum();
        assert_eq!(active, stage(&m.whole, "active"));
        for (persona, n) in ["responder", "engager", "catalyst", "broadcaster"].iter().zip(rest) {
            assert!(n * 20 >= active, "{}: {n} {persona}s of {active} who are not observers", name(m));
        }
    }
}

#[test]
fn every_persona_is_among_the_top_25() {
    for m in stories() {
        let top = top_personas(&m.whole, 25);
        for p in [Persona::Engager, Persona::Catalyst, Persona::Responder, Persona::Broadcaster] {
            let n = top.get(&p).copied().unwrap_or(0);
            assert!((1..=20).contains(&n), "{}: {n} {p:?}s in the top 25 ({top:?})", name(m));
        }
    }
}

#[test]
fn the_top_tenth_make_half_to_four_fifths_of_contributions() {
    for m in stories() {
        let share = top10(&m.whole);
        assert!((0.5..=0.85).contains(&share), "{}: the top 10 % make {share:.3}", name(m));
    }
}

#[test]
fn engaged_is_a_clear_subset_of_contributors_and_champions_a_few() {
    for m in stories() {
        let (contributors, engaged) = (stage(&m.whole, "contributors"), stage(&m.whole, "engaged"));
        let share = engaged as f64 / contributors as f64;
        assert!((0.4..=0.8).contains(&share), "{}: {engaged} engaged of {contributors} contributors", name(m));
        let (members, champions) = (stage(&m.whole, "members"), stage(&m.whole, "champions"));
        let share = champions as f64 / members as f64;
        assert!((0.01..=0.06).contains(&share), "{}: {champions} champions of {members} members", name(m));
    }
}

#[test]
fn clover_maturity_rises_fifteen_points_or_more_from_the_first_quarter_to_the_last() {
    for m in stories() {
        assert_eq!(m.quarters.len(), 6, "{}: six complete quarters", name(m));
        let (first, last) = (&m.quarters[0].1, &m.quarters[5].1);
        assert!(overall(last) >= overall(first) + 15.0, "{}: {:.1} -> {:.1}", name(m), overall(first), overall(last));
        for l in ["leadership", "governance", "culture", "technology"] {
            assert!(leaf(last, l) > leaf(first, l), "{}: {l} {:.1} -> {:.1}", name(m), leaf(first, l), leaf(last, l));
        }
        // Mostly upwards: no quarter more than 5 points below the one before.
        for w in m.quarters.windows(2) {
            assert!(overall(&w[1].1) > overall(&w[0].1) - 5.0, "{}: {} -> {}", name(m), w[0].0, w[1].0);
        }
    }
}

#[test]
fn an_executive_sponsor_joins_a_few_months_in_and_lifts_the_leadership_leaf() {
    for m in stories() {
        let org = &m.org;
        let ceo = org.people.iter().position(|p| p.title.as_deref() == Some("Chief Executive Officer")).unwrap() as u32;
        let months: Vec<u32> = org
            .messages
            .iter()
            .filter(|x| x.author == ceo && x.kind != DemoKind::Join)
            .map(|x| org.month_of(x.time_ms))
            .collect();
        let first = months.iter().min().copied().unwrap_or(99);
        assert!((3..=4).contains(&first), "{}: the sponsor's first message in month {first}", name(m));
        assert!(months.len() > 100, "{}: the sponsor works out loud ({} messages)", name(m), months.len());
        // Before the sponsor (the first quarter) leaders are silent; after (the third) most take part.
        let (before, after) = (&m.quarters[0].1, &m.quarters[2].1);
        assert!(indicator(before, "leader_activation").unwrap_or(0.0) < 0.15, "{}", name(m));
        assert!(indicator(after, "leader_activation").unwrap_or(0.0) > 0.4, "{}", name(m));
        let (a, b) = (leaf(before, "leadership"), leaf(after, "leadership"));
        assert!(b >= a + 20.0, "{}: leadership {a:.1} before the sponsor, {b:.1} after", name(m));
    }
}

#[test]
fn an_s_shaped_adoption_with_first_wins_six_to_nine_months_in() {
    for m in stories() {
        let active: Vec<u64> = m.whole.funnel_by_month.iter().map(|f| f.active).collect();
        assert_eq!(active.len(), 18);
        let members = stage(&m.whole, "members");
        // A launch month, a quiet spell until the sponsor, the steepest climb 6–9 months in
        // (into months 6–10), and a plateau.
        assert!(active[1] < active[0] && active[1] * 10 < members, "{}: {active:?}", name(m));
        let rise = |i: usize| active[i] as i64 - active[i - 1] as i64;
        let steepest = (2..18).max_by_key(|&i| (rise(i), std::cmp::Reverse(i))).unwrap() + 1;
        assert!((6..=10).contains(&steepest), "{}: steepest rise into month {steepest}: {active:?}", name(m));
        let late = active[17] as i64 - active[14] as i64;
        let middle = active[8] as i64 - active[5] as i64;
        assert!(late * 3 < middle, "{}: levels off: {active:?}", name(m));
        // #wins comes alive with the first wins: nothing there in the first five months.
        let from = days_from_civil(2024, 1, 1);
        let window = |from: i64, to: i64| Params {
            from: Some(from),
            to: Some(to),
            segment: Segment { spaces: vec!["wins".to_string()], ..Default::default() },
            min_group: 0,
            ..Default::default()
        };
        let ds = &m.dataset;
        let posts = |from, to| analyze(ds, &window(from, to)).totals.map_or(0, |t| t.posts + t.replies);
        assert_eq!(posts(from, days_from_civil(2024, 5, 31)), 0, "{}", name(m));
        assert!(posts(days_from_civil(2024, 7, 1), days_from_civil(2024, 9, 30)) > 0, "{}", name(m));
    }
}

#[test]
fn departments_differ() {
    for m in stories() {
        let share = |d: &str| {
            let a = &m.departments.iter().find(|x| x.0 == d).unwrap().1;
            stage(a, "active") as f64 / stage(a, "members").max(1) as f64
        };
        let org = stage(&m.whole, "active") as f64 / stage(&m.whole, "members") as f64;
        for ahead in ["Customer Success", "Product"] {
            assert!(share(ahead) > org, "{}: {ahead} {:.2} vs {org:.2}", name(m), share(ahead));
        }
        for behind in ["Finance", "Operations", "Sales"] {
            assert!(share(behind) < org, "{}: {behind} {:.2} vs {org:.2}", name(m), share(behind));
        }
        assert!(share("Customer Success") > 1.5 * share("Operations"), "{}", name(m));
    }
}

#[test]
fn ranks_move_from_quarter_to_quarter() {
    for m in stories() {
        for (q, a) in &m.quarters[2..] {
            let top = &a.leaderboard[..25];
            let known = top.iter().filter(|r| r.previous_rank.is_some()).count();
            assert!(known >= 15, "{}, {q}: {known} of the top 25 were ranked the quarter before", name(m));
            assert!(top.iter().any(|r| r.movement.is_some_and(|x| x > 0)), "{}, {q}: someone moves up", name(m));
            assert!(top.iter().any(|r| r.movement.is_some_and(|x| x < 0)), "{}, {q}: someone moves down", name(m));
        }
    }
}

#[test]
fn leaders_range_from_silent_to_very_active() {
    let org = org();
    let counts = authored(org);
    let leader_counts: Vec<u64> =
        org.people.iter().enumerate().filter(|(_, p)| p.leader).map(|(i, _)| counts[i]).collect();
    assert!(leader_counts.contains(&0), "{leader_counts:?}");
    assert!(leader_counts.iter().any(|&n| n >= 200), "{leader_counts:?}");
}

#[test]
fn clover_json_round_trip() {
    let org = org();
    let r = import(vec![("demo.json", write_clover(org))]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let s = counts(&r.dataset);
    let c = org.counts();
    assert_eq!(s.formats, ["clover"]);
    assert_same_counts(&s, &c, "Clover JSON");
    assert_eq!(s.mentions, c.mentions);
    let ds = &r.dataset;
    assert_eq!(ds.people.iter().filter(|p| p.leader).count() as u64, c.leaders);
    assert_eq!(ds.roster.as_ref().map(|x| x.headcount), Some(org.headcount));
    assert_eq!(s.first.as_deref().map(|t| &t[..10]), Some("2024-01-01"));
    assert_eq!(s.last.as_deref().map(|t| &t[..7]), Some("2025-06"));
    // Departments survive, person by person.
    for (i, p) in ds.people.iter().enumerate() {
        let demo = org.people.iter().find(|d| format!("clover:{}", d.id) == p.key).unwrap();
        let want = demo.department.map(|d| org.departments[d as usize].as_str());
        assert_eq!(ds.department(i as u32), want);
    }
}

#[test]
fn roster_csv_joins_the_clover_people() {
    let org = org();
    let roster = write_roster_csv(org);
    let r = import(vec![("demo.json", write_clover(org)), ("roster.csv", roster)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let current = org.people.iter().filter(|p| !p.bot && !p.deactivated).count() as u64;
    let info = r.dataset.roster.clone().unwrap();
    assert_eq!((info.headcount, info.matched), (org.headcount, current));
    assert!(info.headcount > current);
    assert_eq!(r.dataset.people.iter().filter(|p| p.leader).count() as u64, org.counts().leaders);
}

#[test]

fn slack_zip_round_trip() {
    let org = org();
    let r = import(vec![("demo-slack.zip", write_slack_zip(org)), ("roster.csv", write_roster_csv(org))]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let s = counts(&r.dataset);
    assert_same_counts(&s, &org.counts(), "Slack");
    let current = org.people.iter().filter(|p| !p.bot && !p.deactivated).count() as u64;
    assert_eq!(r.dataset.roster.as_ref().map(|x| (x.headcount, x.matched)), Some((org.headcount, current)));
    // Slack has no departments: the roster supplies them.
    let with_dept = r.dataset.people.iter().filter(|p| p.department.is_some()).count() as u64;
    assert_eq!(with_dept, current);
    assert_eq!(r.dataset.people.iter().filter(|p| p.leader).count() as u64, org.counts().leaders);
}

#[test]

fn mattermost_round_trip() {
    let org = org();
    let r = import(vec![("demo.jsonl", write_mattermost(org))]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let s = counts(&r.dataset);
    assert_same_counts(&s, &org.counts(), "Mattermost");
    // Titles come through `position`: leaders by title words.
    assert_eq!(r.dataset.people.iter().filter(|p| p.leader).count() as u64, org.counts().leaders);
}

#[test]
fn small_and_odd_options_never_panic() {
    for (people, months, start) in [
        (0, 1, days_from_civil(2024, 1, 1)),
        (1, 0, days_from_civil(2024, 1, 1)),
        (3, 2, days_from_civil(2023, 12, 31)),
        (25, 3, days_from_civil(2024, 1, 31)),
        (120, 30, days_from_civil(2020, 2, 29)),
    ] {
        let opts = DemoOptions { people, months, seed: people as u64, start };
        let org = generate(&opts);
        let c = org.counts();
        assert_eq!(c.people, people as u64);
        assert!(org.messages.iter().all(|m| m.time_ms >= org.start_ms && m.time_ms < org.end_ms));
        assert!(org.messages.iter().all(|m| org.month_of(m.time_ms) < months.max(1)));
        let r = import(vec![("small.json", write_clover(&org))]);
        assert!(r.errors.is_empty(), "{people}: {:?}", r.errors);
        assert_same_counts(&counts(&r.dataset), &c, &format!("{people} people"));
        assert!(!write_slack_zip(&org).is_empty());
        assert!(!write_mattermost(&org).is_empty());
        assert!(!write_roster_csv(&org).is_empty());
    }
}

/// The 20,000-person demo has about a million messages and reads back as it was written. How
/// long generating it takes is a bench row, not an assertion (`cargo bench -p clover-core
/// --bench analysis` prints it first; `./dev bench` puts it in the performance table).
#[test]
#[ignore = "a million messages: run with --release"]
fn scales_to_twenty_thousand_people() {
    let org = generate(&DemoOptions { people: 20_000, ..Default::default() });
    let json = write_clover(&org);
    let n = org.messages.len();
    assert!((800_000..1_500_000).contains(&n), "{n} messages");
    let r = import(vec![("big.json", json)]);
    assert!(r.errors.is_empty());
    assert_same_counts(&counts(&r.dataset), &org.counts(), "20,000 people");
}

// ---------------------------------------------------------------------------------------
// The story, measured with the real analytics (docs/demo.md)
// ---------------------------------------------------------------------------------------

/// The demo written as Clover JSON with its roster, imported, analysed over the whole period,
/// each complete calendar quarter and each department.
struct Measured {
    org: DemoOrg,
    dataset: Dataset,
    whole: Analysis,
    /// (label like `2024Q1`, analysis), complete quarters in order.
    quarters: Vec<(String, Analysis)>,
    /// (department, analysis over the whole period).
    departments: Vec<(String, Analysis)>,
}

fn measure(org: DemoOrg) -> Measured {
    let r = import(vec![("demo.json", write_clover(&org)), ("roster.csv", write_roster_csv(&org))]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let ds = &r.dataset;
    let analyzer = Analyzer::new(ds);
    // The same numbers as `analyze` (one index, many windows).
    assert_eq!(analyzer.analyze(&Params::default()), analyze(ds, &Params::default()));
    let (first, last) = (day_of(org.start_ms), day_of(org.end_ms - 1));
    // The story is about what the organisation does, so every indicator is measured here (no
    // minimum base): the 400-person demo has fewer than 30 leaders, whose share the page
    // would give as counts. The floors have tests of their own (analytics_*.rs).
    let window = |from: i64, to: i64| Params { from: Some(from), to: Some(to), min_base: 0, ..Default::default() };
    let whole = analyzer.analyze(&window(first, last));
    let mut quarters = Vec::new();
    let (mut y, m, _) = civil_from_days(first);
    let mut q = (m - 1) / 3;
    loop {
        let from = days_from_civil(y, q * 3 + 1, 1);
        let (ny, nq) = if q == 3 { (y + 1, 0) } else { (y, q + 1) };
        let to = days_from_civil(ny, nq * 3 + 1, 1) - 1;
        if to > last {
            break;
        }
        if from >= first {
            quarters.push((format!("{y}Q{}", q + 1), analyzer.analyze(&window(from, to))));
        }
        (y, q) = (ny, nq);
    }
    let departments = org
        .departments
        .iter()
        .map(|d| {
            let segment = Segment { departments: vec![d.clone()], ..Default::default() };
            (d.clone(), analyzer.analyze(&Params { segment, ..window(first, last) }))
        })
        .collect();
    Measured { whole, quarters, departments, dataset: r.dataset.clone(), org }
}

fn stage(a: &Analysis, name: &str) -> u64 {
    a.funnel.iter().find(|s| s.stage.id() == name).map_or(0, |s| s.count)
}

fn overall(a: &Analysis) -> f64 {
    a.clover.as_ref().and_then(|c| c.overall).unwrap_or(0.0)
}

fn leaf(a: &Analysis, name: &str) -> f64 {
    a.clover.as_ref().and_then(|c| c.leaves.iter().find(|l| l.leaf.id() == name)).and_then(|l| l.score).unwrap_or(0.0)
}

fn indicator(a: &Analysis, id: &str) -> Option<f64> {
    a.clover.as_ref()?.leaves.iter().flat_map(|l| &l.indicators).find(|i| i.id.id() == id)?.value
}

fn personas(a: &Analysis) -> [u64; 5] {
    let p = a.personas.as_ref().expect("personas");
    [p.observer, p.responder, p.engager, p.catalyst, p.broadcaster]
}

fn top_personas(a: &Analysis, top: usize) -> HashMap<Persona, usize> {
    let mut by = HashMap::new();
    for r in a.leaderboard.iter().take(top) {
        *by.entry(r.persona.expect("a message export's persona")).or_default() += 1;
    }
    by
}

fn top10(a: &Analysis) -> f64 {
    a.inequality.as_ref().and_then(|i| i.top10_share).unwrap_or(0.0)
}

/// The story in numbers, for docs/demo.md and the report.
fn describe(m: &Measured) -> String {
    let mut o = String::new();
    let row = |o: &mut String, label: &str, a: &Analysis| {
        o.push_str(&format!(
            "{label:<8} {:>6} {:>6} {:>6} {:>6} {:>6} | {:>5.1} {:>5.1} {:>5.1} {:>5.1} {:>5.1} | top10 {:>4.0}% personas o/r/e/c/b {:?}\n",
            stage(a, "members"),
            stage(a, "active"),
            stage(a, "contributors"),
            stage(a, "engaged"),
            stage(a, "champions"),
            overall(a),
            leaf(a, "leadership"),
            leaf(a, "governance"),
            leaf(a, "culture"),
            leaf(a, "technology"),
            100.0 * top10(a),
            personas(a),
        ));
    };
    let months: Vec<String> =
        m.whole.funnel_by_month.iter().map(|f| format!("{}:{}/{}", &f.month[2..], f.active, f.contributors)).collect();
    o.push_str(&format!("by month (active/contributors): {}\n", months.join(" ")));
    o.push_str("window   members active contr engaged champ | overall lead  gov   cult  tech\n");
    row(&mut o, "whole", &m.whole);
    for (q, a) in &m.quarters {
        row(&mut o, q, a);
    }
    let ids = [
        "leader_activation",
        "leader_responsiveness",
        "leader_reach",
        "cross_functional",
        "key_player_resilience",
        "responsiveness",
        "openness",
        "collaboration",
        "reciprocity",
        "reach",
        "activation",
        "habit",
    ];
    for id in ids {
        o.push_str(&format!("{id:<22} {:.2} |", indicator(&m.whole, id).unwrap_or(f64::NAN)));
        for (_, a) in &m.quarters {
            o.push_str(&format!(" {:.2}", indicator(a, id).unwrap_or(f64::NAN)));
        }
        o.push('\n');
    }
    for r in m.whole.leaderboard.iter().take(25) {
        o.push_str(&format!(
            "  {:>2} {:<12} {:<18} {} score {:>6} p {:>4} r {:>4} rg {:>4} rr {:>4} xr {:>4}\n",
            r.rank,
            r.persona.map_or("—", |p| p.label()),
            r.department.as_deref().unwrap_or(""),
            if r.leader { "L" } else { " " },
            r.score,
            r.posts,
            r.replies,
            r.reactions_given,
            r.replies_received,
            r.reactions_received
        ));
    }
    let lb: Vec<String> =
        m.whole.leaderboard.iter().take(25).map(|r| r.persona.map_or("—", |p| &p.label()[..3]).to_string()).collect();
    o.push_str(&format!("top 25: {}\n", lb.join(" ")));
    if let Some((_, last)) = m.quarters.last() {
        let lb: Vec<String> =
            last.leaderboard.iter().take(25).map(|r| r.persona.map_or("—", |p| &p.label()[..3]).to_string()).collect();
        let moved = last.leaderboard.iter().take(25).filter(|r| r.movement.is_some()).count();
        o.push_str(&format!("top 25 last quarter: {} ({moved} with a previous rank)\n", lb.join(" ")));
    }
    o.push_str(&format!(
        "gini {:.2}, top1 {:.2}\n",
        m.whole.inequality.as_ref().and_then(|i| i.gini).unwrap_or(0.0),
        m.whole.inequality.as_ref().and_then(|i| i.top1_share).unwrap_or(0.0)
    ));
    for (d, a) in &m.departments {
        o.push_str(&format!(
            "{d:<18} members {:>5} active {:>4.0}% contributors {:>4.0}% clover {:>5.1}\n",
            stage(a, "members"),
            100.0 * stage(a, "active") as f64 / stage(a, "members").max(1) as f64,
            100.0 * stage(a, "contributors") as f64 / stage(a, "members").max(1) as f64,
            overall(a)
        ));
    }
    o
}

/// Prints the story's numbers: `cargo test -p clover-core --test demo print_the_story --
/// --ignored --nocapture`.
#[test]
#[ignore = "prints the numbers of docs/demo.md"]
fn print_the_story() {
    for opts in [DemoOptions::default(), other()] {
        let t = std::time::Instant::now();
        let m = measure(generate(&opts));
        eprintln!("{} people, seed {} ({:?}):\n{}", opts.people, opts.seed, t.elapsed(), describe(&m));
    }
}

/// The other size and seed the targets are checked on.
fn other() -> DemoOptions {
    DemoOptions { people: 400, seed: 7, ..Default::default() }
}

/// The main targets on more sizes and seeds, one line each: `cargo test -p clover-core --profile
/// quick --test demo other_seeds -- --ignored --nocapture`.
#[test]
#[ignore = "checks and prints the targets for eight seeds and two sizes (slow in debug)"]
fn other_seeds() {
    for people in [1600, 400] {
        for seed in [2011, 7, 1, 2, 3, 4, 5, 6] {
            let m = measure(generate(&DemoOptions { people, seed, ..Default::default() }));
            let w = &m.whole;
            let p = personas(w);
            let act = p[1] + p[2] + p[3] + p[4];
            let tops = top_personas(w, 25);
            let first = m.quarters.first().map(|q| overall(&q.1)).unwrap();
            let last = m.quarters.last().map(|q| overall(&q.1)).unwrap();
            let lead: Vec<String> = m.quarters.iter().map(|q| format!("{:.0}", leaf(&q.1, "leadership"))).collect();
            eprintln!(
                "{people:>5} {seed:>4}: obs {:.2} min-persona {:.2} top10 {:.2} collab {:.2} champ {:.3} clover {:.0} -> {:.0} (whole {:.0}) lead {} top25 e{} c{} r{} b{}",
                p[0] as f64 / stage(w, "members") as f64,
                p[1..].iter().min().copied().unwrap() as f64 / act as f64,
                top10(w),
                stage(w, "engaged") as f64 / stage(w, "contributors") as f64,
                stage(w, "champions") as f64 / stage(w, "members") as f64,
                first,
                last,
                overall(w),
                lead.join("/"),
                tops.get(&Persona::Engager).unwrap_or(&0),
                tops.get(&Persona::Catalyst).unwrap_or(&0),
                tops.get(&Persona::Responder).unwrap_or(&0),
                tops.get(&Persona::Broadcaster).unwrap_or(&0),
            );
            // The targets of docs/demo.md hold here too.
            assert!(2 * p[0] > stage(w, "members"));
            assert!(p[1..].iter().all(|&n| n * 20 >= act));
            assert!(tops.len() == 4 && !tops.contains_key(&Persona::Observer));
            assert!((0.5..=0.85).contains(&top10(w)));
            assert!((0.4..=0.8).contains(&(stage(w, "engaged") as f64 / stage(w, "contributors") as f64)));
            assert!(last >= first + 15.0);
        }
    }
}
