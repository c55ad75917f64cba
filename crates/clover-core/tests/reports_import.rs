//! Reading activity reports (docs/formats.md, "Activity reports"): each report told by its
//! columns in any order, its window, who is concealed, broken rows and files named and the
//! rest read, and the reports kept apart from the message people.

mod common;

use clover_core::civil::days_from_civil;
use clover_core::import::{import_files, ImportOptions, ImportResult, InputFile};
use clover_core::model::{Format, ReportKind, Reports};
use common::reports::*;

fn import(files: Vec<(&str, String)>) -> ImportResult {
    let files = files.into_iter().map(|(n, t)| InputFile::new(n, t.into_bytes())).collect();
    import_files(files, &ImportOptions::default())
}

fn reports(r: &ImportResult) -> &Reports {
    r.dataset.reports.as_ref().expect("reports")
}

fn d(y: i64, m: u32, day: u32) -> i64 {
    days_from_civil(y, m, day)
}

fn teams_people() -> Vec<Teams> {
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

/// (key, deleted, posted, messages, active) of every row of the only window.
fn rows(r: &Reports) -> Vec<(String, bool, u64, u64, bool)> {
    assert_eq!(r.windows.len(), 1);
    r.windows[0]
        .rows
        .iter()
        .map(|x| (r.people[x.person as usize].key.clone(), x.deleted, x.posted, x.messages, x.active()))
        .collect()
}

#[test]
fn teams_user_detail_in_the_documented_and_the_real_column_order() {
    let documented = import(vec![("teams.csv", teams_csv("2026-04-17", 30, &teams_people(), TEAMS_DOCUMENTED))]);
    let real = import(vec![("teams.csv", teams_csv("2026-04-17", 30, &teams_people(), TEAMS_REAL))]);
    for r in [&documented, &real] {
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert_eq!(r.dataset.formats.iter().copied().collect::<Vec<_>>(), [Format::Reports]);
        // Reports never make message people.
        assert!(r.dataset.people.is_empty() && r.dataset.messages.is_empty());
        let rep = reports(r);
        let w = &rep.windows[0];
        assert_eq!((w.kind, w.from_day, w.to_day), (ReportKind::TeamsUsers, d(2026, 3, 19), d(2026, 4, 17)));
        assert!(!w.concealed);
        let key = |s: &str| format!("email:{s}@contoso.com");
        assert_eq!(
            rows(rep),
            vec![
                // Channel messages counted once: team chat 5 = 3 posts + 2 replies.
                (key("ada"), false, 5, 15, true),
                (key("ben"), false, 0, 4, true),
                (key("cara"), false, 0, 0, true),
                (key("dan"), false, 0, 0, true),
                (key("eve"), false, 0, 0, false),
                (key("fay"), true, 0, 0, false),
                (key("gus"), true, 1, 1, true),
            ]
        );
    }
    assert_eq!(rows(reports(&documented)), rows(reports(&real)));
}

#[test]
fn viva_engage_csv_and_graph_json_read_alike() {
    let people = vec![
        Viva {
            upn: "Ada@Contoso.com".into(),
            name: "Ada Okafor".into(),
            state: "Active",
            posted: 2,
            read: 10,
            liked: 3,
        },
        Viva {
            upn: "ben@contoso.com".into(),
            name: "Ben Smith".into(),
            state: "Active",
            read: 5,
            ..Default::default()
        },
        Viva {
            upn: "hank@contoso.com".into(),
            name: "Hank, Jr.".into(),
            state: "Active",
            liked: 1,
            ..Default::default()
        },
        Viva { upn: "ivy@contoso.com".into(), name: "Ivy".into(), state: "Deleted", ..Default::default() },
    ];
    let csv = import(vec![("engage.csv", viva_csv("2026-04-17", 30, &people))]);
    let json = import(vec![("engage.json", viva_json("2026-04-17", 30, &people))]);
    for r in [&csv, &json] {
        assert!(r.errors.is_empty() && r.warnings.is_empty(), "{:?} {:?}", r.errors, r.warnings);
        let rep = reports(r);
        let w = &rep.windows[0];
        assert_eq!((w.kind, w.from_day, w.to_day), (ReportKind::VivaEngageUsers, d(2026, 3, 19), d(2026, 4, 17)));
        let got: Vec<_> = w.rows.iter().map(|x| (x.posted, x.read, x.reactions, x.deleted, x.active())).collect();
        assert_eq!(
            got,
            [(2, 10, 3, false, true), (0, 5, 0, false, true), (0, 0, 1, false, true), (0, 0, 0, true, false)]
        );
        // The email is the key, ignoring case; the display name is the name.
        assert_eq!(rep.people[0].key, "email:ada@contoso.com");
        assert_eq!(rep.people[2].name, "Hank, Jr.");
    }
}

#[test]
fn reports_of_one_window_share_people_by_email() {
    let viva = vec![Viva {
        upn: "ada@contoso.com".into(),
        name: "Ada".into(),
        state: "Active",
        posted: 2,
        ..Default::default()
    }];
    let r = import(vec![
        ("teams.csv", teams_csv("2026-04-17", 30, &teams_people(), TEAMS_DOCUMENTED)),
        ("engage.csv", viva_csv("2026-04-17", 30, &viva)),
    ]);
    let rep = reports(&r);
    assert_eq!(rep.windows.len(), 2);
    assert_eq!(rep.people.len(), 7, "Ada is one person in both reports");
    assert_eq!(rep.windows[0].rows[0].person, rep.windows[1].rows[0].person);
    assert_eq!(rep.products().len(), 2);
}

#[test]
fn concealed_names_load_as_pseudonyms_and_are_never_joined() {
    let hash = |i: u8| format!("{:032X}", 0x0439A166C614C2E8C7B4075DC4752054u128 + i as u128);
    let people: Vec<Teams> =
        (0..3).map(|i| Teams { upn: hash(i), team_chat: i as u64, ..Default::default() }).collect();
    let r = import(vec![
        ("teams.csv", teams_csv("2026-04-17", 7, &people, TEAMS_DOCUMENTED)),
        ("roster.csv", "Email,Name,Department\nada@contoso.com,Ada,Sales\n".to_string()),
    ]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let rep = reports(&r);
    assert!(rep.windows[0].concealed && rep.concealed());
    let p = &rep.people[0];
    assert!(p.concealed && p.email.is_none() && p.department.is_none());
    assert_eq!(p.key, format!("teams:{}", hash(0)));
    assert_eq!(p.name, "Concealed 0439A166");
    assert_eq!((rep.windows[0].from_day, rep.windows[0].to_day), (d(2026, 4, 11), d(2026, 4, 17)));
    // The roster's row matched nobody: said, and still in the workforce.
    assert!(r.warnings.iter().any(|w| w.starts_with("1 roster row matches nobody")), "{:?}", r.warnings);
}

#[test]
fn a_roster_joins_report_people_by_email_and_titles_mark_leaders() {
    let members = vec![
        SlackMember {
            name: "Ada Okafor".into(),
            id: "U1".into(),
            email: "ada@acme.com".into(),
            title: "Chief Executive Officer".into(),
            days_active: 20,
            posted: 9,
            in_channels: 7,
            reactions: 3,
            ..Default::default()
        },
        SlackMember {
            name: "Ben Smith".into(),
            id: "U2".into(),
            email: "ben@acme.com".into(),
            days_active: 3,
            ..Default::default()
        },
        SlackMember {
            name: "Cy".into(),
            id: "U3".into(),
            email: "cy@acme.com".into(),
            deactivated: true,
            ..Default::default()
        },
    ];
    let r = import(vec![
        ("Acme Member Analytics Prior 30 Days - Apr 17, 2026.csv", slack_members_csv(&members)),
        ("roster.csv", "Email,Name,Department,Leader\nBEN@acme.com,Benjamin Smith,Sales,yes\n".to_string()),
    ]);
    assert!(r.errors.is_empty() && r.warnings.is_empty(), "{:?} {:?}", r.errors, r.warnings);
    let rep = reports(&r);
    let w = &rep.windows[0];
    assert_eq!((w.kind, w.from_day, w.to_day), (ReportKind::SlackMembers, d(2026, 3, 19), d(2026, 4, 17)));
    let ada = &rep.people[0];
    assert!(ada.leader && ada.title.as_deref() == Some("Chief Executive Officer"));
    let ben = &rep.people[1];
    assert_eq!((ben.name.as_str(), ben.leader), ("Benjamin Smith", true));
    assert_eq!(r.dataset.string(ben.department.unwrap()), "Sales");
    let got: Vec<_> = w.rows.iter().map(|x| (x.posted, x.messages, x.reactions, x.days_active, x.deleted)).collect();
    // Messages posted in channels make the contributors; all messages are kept beside.
    assert_eq!(got, [(7, 9, 3, Some(20), false), (0, 0, 0, Some(3), false), (0, 0, 0, Some(0), true)]);
    assert_eq!(r.dataset.roster.as_ref().map(|x| (x.headcount, x.matched)), Some((1, 1)));
}

#[test]
fn a_slack_members_file_renamed_is_an_error_naming_it() {
    let members = vec![SlackMember { name: "Ada".into(), id: "U1".into(), days_active: 2, ..Default::default() }];
    let r = import(vec![("members.csv", slack_members_csv(&members))]);
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].file, "members.csv");
    assert!(r.errors[0].message.contains("does not say its window"), "{}", r.errors[0].message);
    assert!(!r.any_loaded());
}

#[test]
fn a_broken_row_is_named_by_its_line_and_the_rest_loads() {
    let mut csv = teams_csv("2026-04-17", 30, &teams_people(), TEAMS_DOCUMENTED);
    // Line 4 loses its last fields (a file cut short in an editor).
    let mut lines: Vec<String> = csv.split("\r\n").map(str::to_string).collect();
    lines[3] = lines[3].split(',').take(6).collect::<Vec<_>>().join(",");
    csv = lines.join("\r\n");
    let r = import(vec![("usage/teams.csv", csv), ("other.csv", "Colour,Flavour\nred,cherry\n".to_string())]);
    assert_eq!(
        r.warnings,
        ["1 row of usage/teams.csv has a different number of fields than its header (line 4) and was skipped"]
    );
    assert_eq!(reports(&r).windows[0].rows.len(), 6);
    // An unknown CSV is listed as not recognised, and the rest loads.
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].file, "other.csv");
    assert!(r.errors[0].message.contains("is not an export Clover knows"), "{}", r.errors[0].message);
}

#[test]
fn other_microsoft_reports_are_named_for_what_they_are() {
    let r = import(vec![(
        "TeamsDeviceUsageUserDetail.csv",
        "Report Refresh Date,User Id,User Principal Name,Last Activity Date,Is Deleted,Deleted Date,Used Web,Used iOS,Is Licensed,Report Period\n2026-04-17,x,a@b.c,,False,,No,No,Yes,7\n".to_string(),
    )]);
    assert_eq!(r.errors.len(), 1);
    assert!(r.errors[0].message.contains("Microsoft 365 usage report that Clover does not read"));
}

#[test]
fn the_slack_overview_reads_its_dates_as_the_file_writes_them() {
    let overview = "Date,Total enabled membership,Daily active members,Daily members posting messages,Weekly active members,Weekly members posting messages,Messages in public channels,Messages in private channels,Messages in shared channels,Messages in DMs\n\
                    12/03/2024,40,10,3,20,8,30,10,0,50\n\
                    13/03/2024,40,11,4,21,8,35,12,1,40\n";
    let r = import(vec![("Overview.csv", overview.to_string())]);
    assert!(r.errors.is_empty() && r.warnings.is_empty(), "{:?} {:?}", r.errors, r.warnings);
    let days = &reports(&r).org_days;
    assert_eq!(days.iter().map(|x| x.day).collect::<Vec<_>>(), [d(2024, 3, 12), d(2024, 3, 13)]);
    assert_eq!(
        (days[1].weekly_active, days[1].public_messages, days[1].shared_messages),
        (Some(21), Some(35), Some(1))
    );
}

#[test]
fn slack_daily_member_files_are_gunzipped_within_the_budget() {
    use std::io::Write;
    let lines = "{\"enterprise_id\":\"E1\",\"date\":\"2026-04-16\",\"user_id\":\"W1\",\"email_address\":\"ada@acme.com\",\"is_guest\":false,\"is_billable_seat\":true,\"is_active\":true,\"reactions_added_count\":2,\"messages_posted_count\":4,\"channel_messages_posted_count\":3}\n\
                 {\"enterprise_id\":\"E1\",\"date\":\"2026-04-16\",\"user_id\":\"W2\",\"email_address\":\"ben@acme.com\",\"is_active\":false,\"messages_posted_count\":0}\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(lines.as_bytes()).unwrap();
    let bytes = gz.finish().unwrap();
    let r = import_files(vec![InputFile::new("member-2026-04-16.json.gz", bytes.clone())], &ImportOptions::default());
    assert!(r.errors.is_empty() && r.warnings.is_empty(), "{:?} {:?}", r.errors, r.warnings);
    let daily = &reports(&r).daily;
    assert_eq!(daily.len(), 2);
    assert_eq!((daily[0].active, daily[0].posted, daily[0].messages, daily[0].reactions), (true, 3, 4, 2));
    assert!(!daily[1].active);
    // Read where it lies (the CLI's files of a folder): gunzipped the same.
    let at_rest = bytes.clone();
    let lazy = InputFile::lazy("member-2026-04-16.json.gz", bytes.len() as u64, move || {
        Ok(Box::new(std::io::Cursor::new(at_rest.clone())) as Box<dyn std::io::Read + Send>)
    });
    let r = import_files(vec![lazy], &ImportOptions::default());
    assert!(r.errors.is_empty() && r.warnings.is_empty(), "{:?} {:?}", r.errors, r.warnings);
    assert_eq!(reports(&r).daily.len(), 2);
    // A gzip file that inflates past the limit stops there, named.
    let r = import_files(
        vec![InputFile::new("member-2026-04-16.json.gz", bytes)],
        &ImportOptions { max_unzipped_bytes: 100, ..Default::default() },
    );
    assert_eq!(r.errors.len(), 1);
    assert!(r.errors[0].message.starts_with("stopped: the archive inflates past its limit"), "{:?}", r.errors);
}

#[test]
fn damaged_reports_never_panic() {
    let viva = vec![Viva {
        upn: "a@b.c".into(),
        name: "A \"quoted\", name".into(),
        state: "Active",
        posted: 1,
        read: 2,
        liked: 3,
    }];
    let members = vec![SlackMember {
        name: "Ada".into(),
        id: "U1".into(),
        email: "a@b.c".into(),
        days_active: 3,
        ..Default::default()
    }];
    let files: Vec<(&str, String)> = vec![
        ("teams.csv", teams_csv("2026-04-17", 30, &teams_people(), TEAMS_REAL)),
        ("engage.csv", viva_csv("2026-04-17", 30, &viva)),
        ("engage.json", viva_json("2026-04-17", 30, &viva)),
        ("Acme Member Analytics Prior 7 Days - Apr 17, 2026.csv", slack_members_csv(&members)),
        ("overview.csv", "Date,Daily active members,Weekly active members\n31/12/2025,1,2\n01/01/2026,3,4\n".to_string()),
        ("daily.jsonl", "{\"date\":\"2026-04-16\",\"user_id\":\"W1\",\"is_active\":true,\"messages_posted_count\":\"x\"}\n{\"date\":1e99}\n[]\n".to_string()),
    ];
    let mut rng = common::synthetic::Rng::new(22);
    for (name, text) in files {
        let bytes = text.into_bytes();
        for _ in 0..60 {
            let mut b = bytes.clone();
            match rng.below(3) {
                0 => b.truncate(rng.below(b.len() as u64) as usize),
                1 => {
                    let at = rng.below(b.len() as u64) as usize;
                    b[at] = [b',', b'"', b'\n', b'\r', 0xFF, b'{', b'9'][rng.below(7) as usize];
                }
                _ => {
                    let at = rng.below(b.len() as u64) as usize;
                    b.insert(at, b',');
                }
            }
            // Whatever happens, nothing panics, and a file that fails is named.
            let r = import_files(vec![InputFile::new(name, b)], &ImportOptions::default());
            assert!(r.errors.iter().all(|e| e.file == name), "{:?}", r.errors);
            let _ = clover_core::analytics::analyze(&r.dataset, &clover_core::analytics::Params::default());
        }
    }
}
