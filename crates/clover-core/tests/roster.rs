//! Rosters (CSV and JSON): recognition, column aliases, headcount, the join to people
//! (email, then id, then exact name) end to end with Clover JSON, and no panics.

use clover_core::import::{import_files, ImportOptions, ImportResult, InputFile};
use clover_core::stats::counts;
use clover_core::Dataset;

fn import(files: &[(&str, &str)]) -> ImportResult {
    let files = files.iter().map(|(n, b)| InputFile::new(*n, b.as_bytes().to_vec())).collect();
    import_files(files, &ImportOptions::default())
}

fn idx(ds: &Dataset, key: &str) -> u32 {
    ds.people.iter().position(|p| p.key == key).unwrap_or_else(|| panic!("no {key}")) as u32
}

/// A Slack-less dataset: people from Clover JSON, without departments or leader flags.
const PEOPLE: &str = r#"{"format": "clover", "version": 1,
  "people": [
    {"id": "e1", "name": "Ada Okafor", "email": "Ada.Okafor@Example.com", "title": "Engineer"},
    {"id": "e2", "name": "Ben Smith", "title": "Director of Sales"},
    {"id": "e3", "name": "Chen Wei"},
    {"id": "e4", "name": "Dana Rossi", "email": "dana@example.com"},
    {"id": "bot", "name": "Deploy Bot", "bot": true}
  ],
  "spaces": [{"id": "s", "name": "general"}],
  "messages": [
    {"id": "1", "space": "s", "author": "e1", "time": "2024-01-01T09:00:00Z"},
    {"id": "2", "space": "s", "author": "e2", "time": "2024-01-01T09:05:00Z", "parent": "1"}
  ]}"#;

#[test]
fn csv_roster_joins_departments_leaders_and_headcount() {
    // Aliased, oddly cased headers; a quoted field with a comma; a headcount-only last row.
    let roster = "\u{feff}E-Mail,Employee ID,Full Name,Dept.,Site,Job Title,Is_Leader,HeadCount\r\n\
        ada.okafor@example.com,,Ada O.,Engineering,London,Chief Technology Officer,yes,\r\n\
        ,e2,,Sales,\"Paris, FR\",Account Executive,no,\r\n\
        ,,Chen Wei,Research,Singapore,,,\r\n\
        ,,Deploy Bot,Bots,,,no,\r\n\
        zoe@example.com,e99,Zoe Never-Joined,Sales,Berlin,Sales Manager,no,\r\n\
        ,,,,,,,\"1,200\"\r\n";
    let r = import(&[("people.json", PEOPLE), ("org.csv", roster)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.files_loaded, 2);
    let ds = &r.dataset;
    let formats: Vec<&str> = ds.formats.iter().map(|f| f.id()).collect();
    assert_eq!(formats, ["clover", "roster"]);
    // Ada by email (case-insensitive), e2 by id, Chen by exact name, the bot by name; Zoe matches nobody.
    assert_eq!(ds.roster.as_ref().map(|x| (x.headcount, x.matched)), Some((1200, 4)));
    let (ada, ben, chen, dana, bot) =
        (idx(ds, "clover:e1"), idx(ds, "clover:e2"), idx(ds, "clover:e3"), idx(ds, "clover:e4"), idx(ds, "clover:bot"));
    assert_eq!(ds.department(ada), Some("Engineering"));
    assert_eq!(ds.department(ben), Some("Sales"));
    assert_eq!(ds.department(chen), Some("Research"));
    assert_eq!(ds.department(dana), None);
    assert_eq!(ds.people[ada as usize].title.as_deref(), Some("Chief Technology Officer"));
    assert_eq!(ds.people[ada as usize].name, "Ada O.", "the roster's name wins");
    assert_eq!(ds.people[ben as usize].location.map(|l| ds.string(l)), Some("Paris, FR"));
    // Leaders come from the leader column only: Ben's old "Director" title no longer counts.
    assert!(ds.people[ada as usize].leader);
    assert!(!ds.people[ben as usize].leader);
    assert!(!ds.people[chen as usize].leader);
    // A roster never turns a bot into a person.
    assert!(ds.people[bot as usize].bot);
    let s = counts(ds);
    assert_eq!((s.people, s.bots, s.posts, s.replies), (4, 1, 1, 1));
    assert_eq!(r.warnings, ["1 roster row matches nobody in the data (it still counts in the workforce)"]);
}

#[test]
fn headcount_defaults_to_rows_and_titles_decide_without_a_leader_column() {
    let roster = "email,department,title\n\
        ada.okafor@example.com,Engineering,Head of Platform\n\
        dana@example.com,Support,Support Engineer\n\
        x@example.com,Support,VP Support\n";
    let r = import(&[("people.json", PEOPLE), ("roster.csv", roster)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let ds = &r.dataset;
    // Three rows, no headcount column: the workforce is three.
    assert_eq!(ds.roster.as_ref().map(|x| (x.headcount, x.matched)), Some((3, 2)));
    // No leader column: job titles decide (Ada is now "Head of…", Ben keeps "Director of Sales").
    let leaders: Vec<&str> = ds.people.iter().filter(|p| p.leader).map(|p| p.name.as_str()).collect();
    assert_eq!(leaders, ["Ada Okafor", "Ben Smith"]);
}

#[test]
fn first_and_last_name_columns_and_stated_headcount_below_rows() {
    let roster = "Given Name,Surname,Office,Headcount\nChen,Wei,Singapore,1\nDana,Rossi,New York,\n";
    let r = import(&[("people.json", PEOPLE), ("r.csv", roster)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let ds = &r.dataset;
    assert_eq!(ds.roster.as_ref().map(|x| (x.headcount, x.matched)), Some((2, 2)));
    assert_eq!(ds.people[idx(ds, "clover:e4") as usize].location.map(|l| ds.string(l)), Some("New York"));
    assert!(r.warnings.iter().any(|w| w.starts_with("1 roster states a headcount smaller")), "{:?}", r.warnings);
}

#[test]
fn odd_rows_are_counted() {
    let roster = "email,department,leader,headcount\n\
        ada.okafor@example.com,Eng,perhaps,\n\
        ,Eng,yes,\n\
        ,,,lots\n\
        ,,,\n";
    let r = import(&[("people.json", PEOPLE), ("r.csv", roster)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let w = r.warnings.join("\n");
    assert!(w.contains("1 roster leader value is not yes/no"), "{w}");
    assert!(w.contains("1 roster row has no email, id or name"), "{w}");
    assert!(w.contains("1 roster headcount value is not a whole number"), "{w}");
    let ds = &r.dataset;
    assert!(!ds.people[idx(ds, "clover:e1") as usize].leader);
    assert_eq!(ds.roster.as_ref().map(|x| x.headcount), Some(1));
}

#[test]
fn json_rosters() {
    let object = r#"{"format": "clover-roster", "version": 1, "headcount": "2,500", "people": [
        {"Email": "dana@example.com", "Department": "Support", "Job Title": "VP Support", "is_leader": "yes"},
        {"employee_id": 3, "dept": "Research"},
        {"note": "no key here", "office": "Oslo"}]}"#;
    let list = r#"[{"email": "ada.okafor@example.com", "department": "Engineering", "location": "London"},
        {"name": "Ben Smith", "title": "Account Executive"}]"#;
    let r = import(&[("people.json", PEOPLE), ("roster.json", object), ("list.json", list)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let ds = &r.dataset;
    // The object states 2,500; the list adds rows but no headcount of its own.
    assert_eq!(ds.roster.as_ref().map(|x| (x.headcount, x.matched)), Some((2500, 3)));
    let dana = idx(ds, "clover:e4");
    assert_eq!(ds.department(dana), Some("Support"));
    assert!(ds.people[dana as usize].leader);
    assert_eq!(ds.department(idx(ds, "clover:e1")), Some("Engineering"));
    assert_eq!(ds.people[idx(ds, "clover:e2") as usize].title.as_deref(), Some("Account Executive"));
    // employee_id 3 matches no id ("e3" is Chen's), so Chen has no department.
    assert_eq!(ds.department(idx(ds, "clover:e3")), None);
    let w = r.warnings.join("\n");
    assert!(w.contains("1 roster row has no email, id or name"), "{w}");
    assert!(w.contains("1 roster row matches nobody"), "{w}");
}

#[test]
fn a_roster_alone_gives_a_workforce() {
    let r = import(&[("r.csv", "email,department\na@x.org,Sales\nb@x.org,Sales\n")]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.dataset.roster.as_ref().map(|x| (x.headcount, x.matched)), Some((2, 0)));
    assert_eq!(r.dataset.people.len(), 0);
}

#[test]
fn unreadable_and_unknown_files() {
    let newer = r#"{"format": "clover-roster", "version": 2, "people": []}"#;
    let not_list = r#"{"format": "clover-roster", "people": {"a": 1}}"#;
    let truncated = r#"{"format": "clover-roster", "people": [{"email": "#;
    let r = import(&[
        ("newer.json", newer),
        ("notlist.json", not_list),
        ("cut.json", truncated),
        ("phones.csv", "email,phone\na@x,123\n"),
    ]);
    let files: Vec<&str> = r.errors.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(files, ["phones.csv", "newer.json", "notlist.json", "cut.json"], "{:?}", r.errors);
    assert!(r.errors[0].message.contains("roster needs"), "{}", r.errors[0].message);
    assert!(r.errors[1].message.contains("version 2"), "{}", r.errors[1].message);
    assert!(r.errors[3].message.contains("line 1"), "{}", r.errors[3].message);
    assert_eq!(r.files_loaded, 0);
}

#[test]
fn hostile_bytes_never_panic() {
    let csv = "email,department,title,leader,headcount\na@x,Eng,VP,yes,10\n\"b@x,Ops,\"\"q\"\",no,\n";
    let json = r#"{"format": "clover-roster", "headcount": 5, "people": [{"email": "a@x", "department": "Eng", "leader": true}]}"#;
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for base in [csv.as_bytes(), json.as_bytes()] {
        for _ in 0..300 {
            let cut = (next() as usize) % base.len();
            let _ = import_files(vec![InputFile::new("cut", base[..cut].to_vec())], &ImportOptions::default());
            let mut b = base.to_vec();
            for _ in 0..1 + next() % 6 {
                let i = (next() as usize) % b.len();
                b[i] = next() as u8;
            }
            let _ = import_files(vec![InputFile::new("flip", b)], &ImportOptions::default());
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn arbitrary_rows_never_panic(tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
        let mut b = b"email,department,leader,headcount\n".to_vec();
        b.extend_from_slice(&tail);
        let _ = import_files(vec![InputFile::new("r.csv", b)], &ImportOptions::default());
    }
}
