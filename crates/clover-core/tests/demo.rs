//! The demo organisation: deterministic, believable (measured here), and every writer's
//! output reads back with the counts the organisation has.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use clover_core::civil::{day_of, days_from_civil, month_index};
use clover_core::demo::{
    generate, write_clover, write_mattermost, write_roster_csv, write_slack_zip, DemoCounts, DemoKind, DemoOptions,
    DemoOrg, NONE,
};
use clover_core::import::{import_files, ImportOptions, ImportResult, InputFile};
use clover_core::model::{title_is_leader, DEFAULT_LEADER_TITLE_WORDS};
use clover_core::stats::{counts, ImportSummary};
use clover_core::SpaceKind;

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

#[test]
fn eighteen_months_of_s_shaped_adoption() {
    let org = org();
    let months: HashSet<i64> = org.messages.iter().map(|m| month_index(day_of(m.time_ms))).collect();
    assert_eq!(months.len(), 18);
    assert_eq!(months.iter().min(), Some(&month_index(days_from_civil(2024, 1, 1))));

    // Monthly active people: wrote or reacted that month.
    let mut active: Vec<HashSet<u32>> = vec![HashSet::new(); 18];
    for m in &org.messages {
        if m.kind != DemoKind::Join && !org.people[m.author as usize].bot {
            active[org.month_of(m.time_ms) as usize].insert(m.author);
        }
    }
    for r in &org.reactions {
        active[org.month_of(r.time_ms) as usize].insert(r.person);
    }
    let map: Vec<usize> = active.iter().map(HashSet::len).collect();
    let early = *map[..3].iter().max().unwrap();
    let settled = *map[8..12].iter().min().unwrap();
    assert!(early * 4 < settled, "low in months 1-3, clearly higher by 9-12: {map:?}");
    assert!(early < 1600 / 10, "{map:?}");
    // S-shaped, not exponential: the fastest growth is in the middle, and it levels off.
    let growth: Vec<i64> = map.windows(2).map(|w| w[1] as i64 - w[0] as i64).collect();
    let fastest = growth.iter().enumerate().max_by_key(|(_, g)| **g).map(|(i, _)| i + 2).unwrap();
    assert!((5..=10).contains(&fastest), "fastest growth into month {fastest}: {map:?}");
    let late_growth = map[17] as i64 - map[14] as i64;
    let mid_growth = map[8] as i64 - map[5] as i64;
    assert!(late_growth * 3 < mid_growth, "levels off: {map:?}");
}

#[test]
fn ninety_nine_one_participation() {
    let org = org();
    let humans = org.counts().people as usize;
    let mut by_person: Vec<u64> = authored(org)[..humans].to_vec();
    let writers = by_person.iter().filter(|&&n| n > 0).count();
    let share = writers as f64 / humans as f64;
    assert!((0.05..=0.2).contains(&share), "{writers} of {humans} people write");
    by_person.sort_unstable_by(|a, b| b.cmp(a));
    let total: u64 = by_person.iter().sum();
    let top1: u64 = by_person[..humans / 100].iter().sum();
    assert!(top1 as f64 > 0.4 * total as f64, "the top 1% write most: {top1} of {total}");
    // Most people still take part lightly: reactions from far more people than write.
    let reactors: HashSet<u32> = org.reactions.iter().map(|r| r.person).collect();
    assert!(reactors.len() > 3 * writers, "{} react, {writers} write", reactors.len());

    // Leaders range from silent to very active.
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

#[test]
#[ignore = "a million messages: run with --release"]
fn scales_to_twenty_thousand_people() {
    let t = std::time::Instant::now();
    let org = generate(&DemoOptions { people: 20_000, ..Default::default() });
    let json = write_clover(&org);
    let elapsed = t.elapsed();
    let n = org.messages.len();
    assert!((800_000..1_400_000).contains(&n), "{n} messages");
    assert!(elapsed.as_secs() < 10, "{elapsed:?}");
    let r = import(vec![("big.json", json)]);
    assert!(r.errors.is_empty());
    assert_same_counts(&counts(&r.dataset), &org.counts(), "20,000 people");
}
