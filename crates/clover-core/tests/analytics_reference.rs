//! The optimised analysis against a naive one written straight from docs/metrics.md (hash maps,
//! one message at a time), on random datasets and random windows and segments. Also checks
//! invariants (the funnel narrows, ranks are in order) and that nothing panics.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use clover_core::analytics::{analyze, Analysis, Analyzer, Compare, Params, Segment, Targets, Unit};
use clover_core::model::{Dataset, MessageKind, PersonInfo, SpaceKind, NONE};
use common::fixture::{at, day0, DAY, HOUR, T};
use common::synthetic::Rng;

/// A random little organisation: people with departments, leaders, bots and deactivated
/// accounts; public, private and direct spaces; posts, replies (to posts and replies, some to
/// missing messages), system and bot messages, reactions at various times.
fn random_org(seed: u64) -> Dataset {
    random_org_over(seed, 4 * HOUR, 25)
}

/// [`random_org`] with up to `gap` between messages and join dates over the first
/// `join_days` days.
fn random_org_over(seed: u64, gap: i64, join_days: u64) -> Dataset {
    let mut rng = Rng::new(seed);
    let mut t = T::new();
    let depts = ["Eng", "Sales", "Ops"];
    let mut people = Vec::new();
    let mut joins = Vec::new();
    for i in 0..25 {
        let joined_ms = (rng.below(3) == 0).then(|| at(rng.below(join_days) as i64, 0));
        joins.push(joined_ms.unwrap_or(i64::MIN));
        let info = PersonInfo {
            department: (rng.below(5) != 0).then(|| depts[rng.below(3) as usize].to_string()),
            leader: Some(rng.below(6) == 0),
            deactivated: Some(rng.below(8) == 0),
            bot: Some(i >= 23),
            // A third join during the data, and mostly act only after (see below).
            joined_ms,
            ..Default::default()
        };
        people.push(t.person_with(&format!("p{i:02}"), info));
    }
    let kinds =
        [SpaceKind::Channel, SpaceKind::Channel, SpaceKind::PrivateChannel, SpaceKind::Direct, SpaceKind::Community];
    let spaces: Vec<u32> = kinds.iter().enumerate().map(|(i, k)| t.space(&format!("s{i}"), *k)).collect();
    let mut keys: Vec<Vec<(String, u32)>> = vec![Vec::new(); spaces.len()];
    let mut time = at(0, 0);
    for i in 0..300 {
        time += rng.below(gap as u64) as i64;
        let s = rng.below(spaces.len() as u64) as usize;
        // Someone who had joined (or, one time in ten, someone acting before their join date).
        let mut pick = || loop {
            let i = rng.below(people.len() as u64) as usize;
            if joins[i] <= time || rng.below(10) == 0 {
                break people[i];
            }
        };
        let author = pick();
        let key = format!("m{i}");
        let roll = rng.below(20);
        let row = if roll == 0 {
            t.system(&key, spaces[s], author, time)
        } else if roll == 1 {
            t.bot_post(&key, spaces[s], author, time)
        } else if roll < 10 && !keys[s].is_empty() {
            let parent = keys[s][rng.below(keys[s].len() as u64) as usize].0.clone();
            if rng.below(15) == 0 {
                t.reply(&key, spaces[s], author, time, "missing")
            } else {
                t.reply(&key, spaces[s], author, time, &parent)
            }
        } else {
            t.post(&key, spaces[s], author, time)
        };
        keys[s].push((key, row));
        for _ in 0..rng.below(3) {
            let who = people[rng.below(people.len() as u64) as usize];
            if joins[people.iter().position(|&p| p == who).unwrap()] > time && rng.below(4) != 0 {
                continue;
            }
            let when = time + rng.below(3 * DAY as u64) as i64 - HOUR;
            t.react(row, who, when);
        }
    }
    t.finish()
}

#[derive(Debug, Default, Clone, PartialEq)]
struct Counts {
    posts: u64,
    replies: u64,
    reactions_given: u64,
    replies_received: u64,
    reactions_received: u64,
    given: u64,
    received: u64,
}

/// The definitions, computed the slow and obvious way.
fn reference(ds: &Dataset, from: i64, to: i64, include_direct: bool) -> (BTreeMap<u32, Counts>, BTreeSet<(u32, u32)>) {
    let m = &ds.messages;
    let (lo, hi) = (from * DAY, (to + 1) * DAY - 1);
    let human = |p: u32| !ds.people[p as usize].bot;
    let space_ok = |i: usize| include_direct || ds.spaces[m.space[i] as usize].kind != SpaceKind::Direct;
    // A post or reply by a person (whatever its space).
    let counts_as_message =
        |i: usize| matches!(m.kind[i], MessageKind::Post | MessageKind::Reply) && human(m.author[i]);
    let mut c: BTreeMap<u32, Counts> = BTreeMap::new();
    let mut pairs = BTreeSet::new();
    let mut respond = |c: &mut BTreeMap<u32, Counts>, g: u32, r: u32| {
        c.entry(g).or_default().given += 1;
        c.entry(r).or_default().received += 1;
        pairs.insert((g.min(r), g.max(r)));
    };
    for i in 0..m.len() {
        if m.time[i] < lo || m.time[i] > hi || !counts_as_message(i) || !space_ok(i) {
            continue;
        }
        let a = m.author[i];
        if m.kind[i] == MessageKind::Post {
            c.entry(a).or_default().posts += 1;
            continue;
        }
        c.entry(a).or_default().replies += 1;
        let r = m.root[i];
        let author_of =
            |x: u32| (x != NONE && x as usize != i && counts_as_message(x as usize)).then(|| m.author[x as usize]);
        let starter = author_of(r).filter(|&ra| ra != a);
        if let Some(st) = starter {
            c.entry(st).or_default().replies_received += 1;
        }
        let p = m.parent[i];
        let target = if p == NONE || p == r { starter } else { author_of(p).filter(|&pa| pa != a) };
        if let Some(tg) = target {
            respond(&mut c, a, tg);
        }
    }
    let rx = &ds.reactions;
    for j in 0..rx.len() {
        let (q, mi) = (rx.person[j], rx.message[j] as usize);
        if rx.time[j] < lo || rx.time[j] > hi || !human(q) || !counts_as_message(mi) || !space_ok(mi) {
            continue;
        }
        let a = m.author[mi];
        if a == q {
            continue;
        }
        c.entry(q).or_default().reactions_given += 1;
        c.entry(a).or_default().reactions_received += 1;
        respond(&mut c, q, a);
    }
    (c, pairs)
}

fn check(ds: &Dataset, a: &Analysis, from: i64, to: i64, include_direct: bool, label: &str) {
    let (expected, pairs) = reference(ds, from, to, include_direct);
    // Every person with a score shows with exactly the reference counts.
    for r in &a.leaderboard {
        let p = ds.people.iter().position(|x| x.key == r.id).unwrap() as u32;
        let e = expected.get(&p).cloned().unwrap_or_default();
        let got = (r.posts, r.replies, r.reactions_given, r.replies_received, r.reactions_received);
        let want = (e.posts, e.replies, e.reactions_given, e.replies_received, e.reactions_received);
        assert_eq!(got, want, "{label}: counts of {}", r.id);
        let reached = pairs.iter().filter(|(x, y)| *x == p || *y == p).count() as u64;
        assert_eq!(r.people_reached, reached, "{label}: people reached by {}", r.id);
    }
    // Members: people who had joined by the window's last day (their join date, or their
    // first post, reply or reaction if earlier; none: from the start), leaving out
    // deactivated people with no activity of their own in the window.
    let own = |c: &Counts| c.posts + c.replies + c.reactions_given > 0;
    let first_activity = |p: u32| {
        let m = &ds.messages;
        let posts = (0..m.len())
            .filter(|&i| m.author[i] == p && matches!(m.kind[i], MessageKind::Post | MessageKind::Reply))
            .map(|i| m.time[i]);
        let reactions = (0..ds.reactions.len()).filter(|&i| ds.reactions.person[i] == p).map(|i| ds.reactions.time[i]);
        posts.chain(reactions).min()
    };
    let joined_by_end = |p: u32| match ds.people[p as usize].joined_ms {
        None => true,
        Some(j) => j.min(first_activity(p).unwrap_or(i64::MAX)).div_euclid(DAY) <= to,
    };
    let is_member = |p: u32, c: &Counts| {
        let person = &ds.people[p as usize];
        !person.bot && joined_by_end(p) && (!person.deactivated || own(c))
    };
    let members = (0..ds.people.len() as u32)
        .filter(|&p| is_member(p, expected.get(&p).unwrap_or(&Counts::default())))
        .count() as u64;
    if a.segment.departments.is_empty() && a.segment.leaders.is_none() && a.segment.locations.is_empty() {
        let stage = |n: &str| a.funnel.iter().find(|s| s.stage.id() == n).unwrap().count;
        assert_eq!(stage("members"), members, "{label}: members");
    }
    // Every member with a reference count > 0 (so a positive score) is ranked.
    let ranked = expected
        .iter()
        .filter(|(p, c)| {
            is_member(**p, c) && c.posts + c.replies + c.reactions_given + c.replies_received + c.reactions_received > 0
        })
        .count();
    assert_eq!(a.ranked, Some(ranked as u64), "{label}: ranked");
    assert_eq!(a.network.as_ref().unwrap().pairs, pairs.len() as u64, "{label}: pairs");
    // Totals.
    let t = a.totals.as_ref().unwrap();
    assert_eq!(t.posts, expected.values().map(|c| c.posts).sum::<u64>(), "{label}: posts");
    assert_eq!(t.replies, expected.values().map(|c| c.replies).sum::<u64>(), "{label}: replies");
    assert_eq!(t.responses, expected.values().map(|c| c.given).sum::<u64>(), "{label}: responses");
    // The funnel: active, contributors and engaged as defined.
    let active = expected.iter().filter(|(p, c)| is_member(**p, c) && own(c)).count();
    let contributors = expected.iter().filter(|(p, c)| is_member(**p, c) && c.posts + c.replies > 0).count();
    let engaged = expected
        .iter()
        .filter(|(p, c)| is_member(**p, c) && c.posts + c.replies > 0 && c.given > 0 && c.received > 0)
        .count();
    let stage = |n: &str| a.funnel.iter().find(|s| s.stage.id() == n).unwrap().count;
    assert_eq!(
        (stage("active"), stage("contributors"), stage("engaged")),
        (active as u64, contributors as u64, engaged as u64),
        "{label}: funnel"
    );
}

fn invariants(a: &Analysis, label: &str) {
    if a.suppressed {
        assert!(a.funnel.is_empty() && a.leaderboard.is_empty() && a.clover.is_none(), "{label}");
        return;
    }
    let counts: Vec<u64> = a.funnel.iter().map(|s| s.count).collect();
    assert_eq!(counts.len(), 6, "{label}");
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{label}: funnel narrows {counts:?}");
    for m in &a.funnel_by_month {
        let c = [m.workforce, m.members, m.active, m.contributors, m.engaged, m.champions];
        assert!(c.windows(2).all(|w| w[0] >= w[1]), "{label}: month funnel narrows {c:?}");
    }
    assert!(a.leaderboard.windows(2).all(|w| w[0].rank + 1 == w[1].rank && w[0].score >= w[1].score), "{label}: ranks");
    assert!(a.leaderboard.iter().all(|r| r.score > 0.0), "{label}");
    let c = a.clover.as_ref().unwrap();
    for l in &c.leaves {
        for i in &l.indicators {
            if let Some(s) = i.score {
                assert!((0.0..=100.0).contains(&s), "{label}: {} score {s}", i.id);
            }
            if let Some(v) = i.value {
                assert!((0.0..=1.0 + 1e-9).contains(&v), "{label}: {} value {v}", i.id);
            }
        }
    }
    if let Some(q) = &a.inequality {
        if let Some(g) = q.gini {
            assert!((0.0..=1.0).contains(&g), "{label}: gini {g}");
        }
    }
    let series_posts: u64 = a.series.iter().map(|w| w.posts).sum();
    assert_eq!(series_posts, a.totals.as_ref().unwrap().posts, "{label}: weekly posts add up");
    let rt = a.response_time.as_ref().unwrap();
    assert!(rt.answered_within_48h <= rt.answered && rt.answered <= rt.posts, "{label}: {rt:?}");
    assert!((1..=5).contains(&a.insights.len()), "{label}");
    serde_json::to_string(a).unwrap();
}

#[test]
fn optimised_matches_the_definitions_on_random_data() {
    for seed in 1..=12u64 {
        let ds = random_org(seed);
        let an = Analyzer::new(&ds);
        let first = ds.messages.time.first().unwrap().div_euclid(DAY);
        let last = ds.reactions.time.iter().chain(&ds.messages.time).max().unwrap().div_euclid(DAY);
        let mut rng = Rng::new(seed * 7919);
        for round in 0..6 {
            let (mut from, mut to) = (first, last);
            if round > 0 {
                from = first + rng.below((last - first + 1) as u64) as i64;
                to = from + rng.below((last - from + 1) as u64) as i64;
            }
            for include_direct in [false, true] {
                let p = Params { from: Some(from), to: Some(to), include_direct, top: usize::MAX, ..Params::default() };
                let a = an.analyze(&p);
                let label = format!("seed {seed} round {round} {from}..{to} direct {include_direct}");
                check(&ds, &a, from, to, include_direct, &label);
                invariants(&a, &label);
                // The one-shot function agrees with a kept Analyzer.
                if round == 0 {
                    assert_eq!(analyze(&ds, &p), a, "{label}");
                }
            }
        }
    }
}

#[test]
fn random_segments_and_windows_never_panic() {
    for seed in 20..=30u64 {
        let ds = random_org(seed);
        let an = Analyzer::new(&ds);
        let mut rng = Rng::new(seed);
        for _ in 0..20 {
            let pick = |rng: &mut Rng, xs: &[&str]| -> Vec<String> {
                xs.iter().filter(|_| rng.below(3) == 0).map(|s| s.to_string()).collect()
            };
            let segment = Segment {
                departments: pick(&mut rng, &["Eng", "Sales", "Ops", "Nowhere"]),
                locations: pick(&mut rng, &["Paris"]),
                spaces: pick(&mut rng, &["t:s0", "t:s1", "s2", "t:s3"]),
                leaders: [None, Some(true), Some(false)][rng.below(3) as usize],
            };
            let from = day0() + rng.below(12) as i64 - 3;
            let p = Params {
                from: Some(from),
                to: Some(from + rng.below(30) as i64 - 5),
                segment,
                include_direct: rng.below(2) == 0,
                min_group: rng.below(6) as usize,
                top: rng.below(10) as usize,
                network_edges: rng.below(5) as usize,
                self_assessment: (rng.below(2) == 0).then_some([rng.below(9) as u8; 12]),
                pseudonymise: rng.below(2) == 0,
                ..Params::default()
            };
            let a = an.analyze(&p);
            invariants(&a, &format!("seed {seed} {p:?}"));
            assert!(a.leaderboard.len() <= p.top);
            if let Some(n) = &a.network {
                assert!(n.edges.len() <= p.network_edges);
            }
        }
    }
}

#[test]
fn reactions_count_by_their_own_time() {
    let mut t = T::new();
    let a = t.person("ann", None, false);
    let b = t.person("ben", None, false);
    let g = t.space("g", SpaceKind::Channel);
    let early = t.post("early", g, a, at(0, 1));
    let late = t.post("late", g, a, at(5, 1));
    // Made on day 5 on a day-0 post: in a day-5 window. Made on day 9 on a day-5 post: not.
    t.react(early, b, at(5, 2));
    t.react(late, b, at(9, 2));
    let ds = t.finish();
    let p = Params { from: Some(day0() + 5), to: Some(day0() + 6), ..Params::default() };
    let x = analyze(&ds, &p);
    let ben = x.leaderboard.iter().find(|r| r.name == "Ben").unwrap();
    assert_eq!(ben.reactions_given, 1);
    let ann = x.leaderboard.iter().find(|r| r.name == "Ann").unwrap();
    assert_eq!(ann.reactions_received, 1);
}

/// The journey swept in one pass equals the journey of one brief analysis per period, field by
/// field (compared as JSON), on random organisations of a few days to two years, by month and
/// by quarter, with random segments, privacy floors, bases and targets.
#[test]
fn the_swept_journey_equals_one_analysis_per_period() {
    let mut compared = 0;
    for seed in 40..=64u64 {
        let mut rng = Rng::new(seed * 31);
        // From a few days (one period, cut at both ends) to about two years.
        let gap = [HOUR, 4 * HOUR, DAY, 3 * DAY, 5 * DAY][rng.below(5) as usize];
        let join_days = 1 + rng.below(300);
        let ds = random_org_over(seed, gap, join_days);
        let an = Analyzer::new(&ds);
        for round in 0..8 {
            let pick = |rng: &mut Rng, xs: &[&str]| -> Vec<String> {
                xs.iter().filter(|_| rng.below(4) == 0).map(|s| s.to_string()).collect()
            };
            let segment = if round == 0 {
                Segment::default()
            } else {
                Segment {
                    departments: pick(&mut rng, &["Eng", "Sales", "Ops", "Nowhere"]),
                    locations: Vec::new(),
                    spaces: pick(&mut rng, &["t:s0", "t:s1", "s2", "t:s3", "s4"]),
                    leaders: [None, None, Some(true), Some(false)][rng.below(4) as usize],
                }
            };
            let mut targets = Targets::default();
            if rng.below(3) == 0 {
                targets.leader_activation = 0.1;
                targets.habit = 0.2;
            }
            let p = Params {
                // The window and the comparison do not change a journey.
                from: (rng.below(3) == 0).then(|| day0() + rng.below(40) as i64),
                compare: [Compare::None, Compare::Previous][rng.below(2) as usize],
                segment,
                include_direct: rng.below(2) == 0,
                min_group: rng.below(6) as usize,
                min_base: [0, 1, 5, 30][rng.below(4) as usize],
                targets,
                ..Params::default()
            };
            for by in [Unit::Quarter, Unit::Month] {
                let swept = an.journey(&p, by);
                let reference = an.journey_by_period(&p, by);
                let label = format!("seed {seed} round {round} {by:?} {p:?}");
                assert_eq!(
                    serde_json::to_string(&swept).unwrap(),
                    serde_json::to_string(&reference).unwrap(),
                    "{label}"
                );
                assert_eq!(swept, reference, "{label}");
                compared += swept.periods.len();
            }
        }
    }
    assert!(compared > 1000, "only {compared} periods compared");
}

/// The same on the demo organisation (18 months, departments, leaders, members joining over
/// time; enough events for the sweep to split its people in shares where there are threads).
#[test]
fn the_swept_journey_equals_one_analysis_per_period_on_the_demo() {
    use clover_core::demo::{generate, write_clover, DemoOptions};
    use clover_core::import::{import_files, ImportOptions, InputFile};
    let org = generate(&DemoOptions { people: 1200, ..DemoOptions::default() });
    let ds = import_files(vec![InputFile::new("demo.json", write_clover(&org))], &ImportOptions::default()).dataset;
    let an = Analyzer::new(&ds);
    let dept = ds.people.iter().find_map(|p| p.department).map(|d| ds.string(d).to_string()).unwrap();
    let space = ds.spaces[0].name.clone();
    let segments = [
        Segment::default(),
        Segment { departments: vec![dept], ..Segment::default() },
        Segment { leaders: Some(false), ..Segment::default() },
        Segment { spaces: vec![space], ..Segment::default() },
    ];
    for segment in segments {
        for include_direct in [false, true] {
            let p = Params { segment: segment.clone(), include_direct, ..Params::default() };
            for by in [Unit::Quarter, Unit::Month] {
                let (swept, reference) = (an.journey(&p, by), an.journey_by_period(&p, by));
                assert!(swept.periods.len() >= 6, "{by:?}");
                assert_eq!(
                    serde_json::to_string(&swept).unwrap(),
                    serde_json::to_string(&reference).unwrap(),
                    "{by:?} {p:?}"
                );
            }
        }
    }
}

/// A kept dataset answers a filter of people from its all-people pass of the same window (the
/// crossfilter idea): every analysis equals one computed from the events, field by field, on
/// random organisations, windows and filters (people, spaces, both), everyone in between,
/// with the segments table; and on the demo, whose people the pass splits in shares.
#[test]
fn filters_of_people_added_up_from_everyone_equal_a_pass_of_their_own() {
    use clover_core::analytics::PreparedDataset;
    let mut rounds = 0;
    let mut check = |ds: &Dataset, seed: u64, depts: &[&str], spaces: &[&str]| {
        let an = Analyzer::new(ds);
        let prepared = PreparedDataset::new(ds.clone());
        let mut rng = Rng::new(seed);
        let first = ds.messages.time.first().unwrap().div_euclid(DAY);
        let last = ds.reactions.time.iter().chain(&ds.messages.time).max().unwrap().div_euclid(DAY);
        for round in 0..6 {
            let (mut from, mut to) = (None, None);
            if round > 0 {
                let f = first + rng.below((last - first + 1) as u64) as i64;
                (from, to) = (Some(f), Some(f + rng.below((last - f + 1) as u64) as i64));
            }
            let include_direct = rng.below(2) == 0;
            let window =
                Params { from, to, include_direct, network_edges: 1 + rng.below(30) as usize, ..Params::default() };
            let pick = |rng: &mut Rng, xs: &[&str]| -> Vec<String> {
                xs.iter().filter(|_| rng.below(3) == 0).map(|s| s.to_string()).collect()
            };
            for k in 0..8 {
                let segment = match k {
                    0 | 5 => Segment::default(),
                    6 => Segment { spaces: pick(&mut rng, spaces), ..Segment::default() },
                    _ => Segment {
                        departments: pick(&mut rng, depts),
                        leaders: [None, Some(true), Some(false)][rng.below(3) as usize],
                        ..Segment::default()
                    },
                };
                let p = Params {
                    segment,
                    segments: k == 3,
                    compare: if k == 4 { Compare::Previous } else { Compare::None },
                    min_group: rng.below(6) as usize,
                    ..window.clone()
                };
                let (kept, fresh) = (prepared.analyze(&p), an.analyze(&p));
                let label = format!("seed {seed} round {round} {k} {p:?}");
                assert_eq!(serde_json::to_string(&kept).unwrap(), serde_json::to_string(&fresh).unwrap(), "{label}");
                rounds += 1;
            }
        }
    };
    for seed in 70..=85u64 {
        check(
            &random_org_over(seed, [HOUR, 4 * HOUR, DAY][seed as usize % 3], 60),
            seed,
            &["Eng", "Sales", "Ops", "Nowhere"],
            &["t:s0", "s2", "t:s3"],
        );
    }
    use clover_core::demo::{generate, write_clover, DemoOptions};
    use clover_core::import::{import_files, ImportOptions, InputFile};
    let org = generate(&DemoOptions { people: 1200, ..DemoOptions::default() });
    let ds = import_files(vec![InputFile::new("demo.json", write_clover(&org))], &ImportOptions::default()).dataset;
    let mut depts: Vec<String> =
        ds.people.iter().filter_map(|p| p.department).map(|d| ds.string(d).to_string()).collect();
    depts.sort();
    depts.dedup();
    let depts: Vec<&str> = depts.iter().map(String::as_str).collect();
    let spaces: Vec<String> = ds.spaces.iter().take(5).map(|s| s.key.clone()).collect();
    let spaces: Vec<&str> = spaces.iter().map(String::as_str).collect();
    check(&ds, 7, &depts, &spaces);
    assert!(rounds > 800, "{rounds}");
}
