//! Who the members are, and from when (issue 23, docs/metrics.md "Members over time"): each
//! format's member list and join dates, the earliest join winning, a join never later than a
//! first activity, a period's members being those who had joined by its end — and the three
//! things real exports used to lose without a word (Mattermost's repeated reactions, a Teams
//! chat with one person in it, a Viva Engage search response), each now a counted warning.

use clover_core::analytics::{analyze, Params, Stage};
use clover_core::civil::{day_of, parse_timestamp};
use clover_core::import::{import_files, ImportOptions, ImportResult, InputFile};
use clover_core::stats::{summarize, ImportSummary};

fn load(parts: &[(&str, &str)]) -> (ImportResult, ImportSummary) {
    let files = parts.iter().map(|(n, t)| InputFile::new(*n, t.as_bytes().to_vec())).collect();
    let r = import_files(files, &ImportOptions::default());
    let s = summarize(&r);
    (r, s)
}

fn joined(r: &ImportResult, key: &str) -> Option<String> {
    let p = r.dataset.people.iter().find(|p| p.key == key).unwrap_or_else(|| panic!("{key}"));
    p.joined_ms.map(|t| clover_core::civil::format_iso(t)[..10].to_string())
}

const SLACK_USERS: &str = r#"[{"id": "U1", "name": "ann", "real_name": "Ann", "profile": {"email": "ann@x.org"}},
 {"id": "U2", "name": "bob", "real_name": "Bob", "profile": {}}, {"id": "U3", "name": "cy", "real_name": "Cy", "profile": {}}]"#;
const SLACK_CHANNELS: &str = r#"[{"id": "C1", "name": "general", "created": 1700000000, "members": ["U1", "U2", "U3"]},
 {"id": "C2", "name": "random", "created": 1700000000, "members": ["U2"]}]"#;
// Bob joins #random on 2024-03-05 and #general on 2024-02-01; Cy joins in June and posts in
// May (his join is moved back to his first post); Ann never joins a channel.
const SLACK_GENERAL: &str = r#"[
 {"type": "message", "user": "U1", "text": "hello", "ts": "1704103200.000100"},
 {"type": "message", "subtype": "channel_join", "user": "U2", "text": "<@U2> has joined the channel", "ts": "1706781600.000100"},
 {"type": "message", "user": "U3", "text": "early", "ts": "1715594400.000100"},
 {"type": "message", "subtype": "channel_join", "user": "U3", "text": "<@U3> has joined the channel", "ts": "1717236000.000100"}
]"#;
const SLACK_RANDOM: &str = r#"[
 {"type": "message", "subtype": "channel_join", "user": "U2", "text": "<@U2> has joined the channel", "ts": "1709632800.000100"},
 {"type": "message", "user": "U2", "text": "hi", "ts": "1709640000.000100"}
]"#;

#[test]
fn slack_join_dates_are_each_persons_first_channel_join() {
    let (r, s) = load(&[
        ("users.json", SLACK_USERS),
        ("channels.json", SLACK_CHANNELS),
        ("general/2024-01-01.json", SLACK_GENERAL),
        ("random/2024-03-05.json", SLACK_RANDOM),
    ]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert!(s.member_list);
    assert_eq!(joined(&r, "slack:U1"), None);
    assert_eq!(joined(&r, "slack:U2").as_deref(), Some("2024-02-01"));
    assert_eq!(joined(&r, "slack:U3").as_deref(), Some("2024-06-01"));
    assert_eq!(s.join_dates.len(), 1);
    assert_eq!(
        (s.join_dates[0].source.as_str(), s.join_dates[0].people),
        ("Slack: each person's first channel join", 2)
    );
    assert!(s.membership().starts_with("Members are the people on the export's member list"), "{}", s.membership());
    assert!(s.membership().contains("(2 of the 3 people)"), "{}", s.membership());

    // January: Ann (no join date: from the start) only; Bob joins in February; Cy counts from
    // his first post in May, before his join message in June.
    let month = |m: &str, last: &str| {
        let (f, t) = (clover_core::civil::parse_date(m).unwrap(), clover_core::civil::parse_date(last).unwrap());
        analyze(&r.dataset, &Params { from: Some(f), to: Some(t), ..Params::default() }).count(Stage::Members)
    };
    assert_eq!(month("2024-01-01", "2024-01-31"), 1);
    assert_eq!(month("2024-02-01", "2024-02-29"), 2);
    assert_eq!(month("2024-05-01", "2024-05-31"), 3);
    // Month by month in one analysis: the same.
    let a = analyze(&r.dataset, &Params::default());
    let members: Vec<(String, u64)> = a.funnel_by_month.iter().map(|m| (m.month.clone(), m.members)).collect();
    assert_eq!(members[0], ("2024-01".to_string(), 1));
    assert_eq!(members[1], ("2024-02".to_string(), 2));
    assert_eq!(members[4], ("2024-05".to_string(), 3));
}

#[test]
fn discord_has_no_member_list_and_joins_by_its_join_messages() {
    let channel = r#"{"guild": {"id": "1", "name": "G"}, "channel": {"id": "10", "type": "GuildTextChat", "name": "general"},
      "messages": [
        {"id": "100", "type": "GuildMemberJoin", "timestamp": "2024-03-01T10:00:00+00:00", "content": "", "author": {"id": "7", "name": "ann", "isBot": false}},
        {"id": "101", "type": "Default", "timestamp": "2024-03-02T10:00:00+00:00", "content": "hi", "author": {"id": "7", "name": "ann", "isBot": false}},
        {"id": "102", "type": "Default", "timestamp": "2024-01-02T10:00:00+00:00", "content": "old", "author": {"id": "8", "name": "bob", "isBot": false}}
      ], "messageCount": 3}"#;
    let (r, s) = load(&[("general.json", channel)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert!(!s.member_list && !r.dataset.member_list);
    assert!(s.membership().starts_with("This export has no member list"), "{}", s.membership());
    assert_eq!(joined(&r, "discord:7").as_deref(), Some("2024-03-01"));
    assert_eq!(joined(&r, "discord:8"), None);
    let a = analyze(&r.dataset, &Params::default());
    assert!(!a.member_list);
    assert_eq!(a.figures[0].label, "People seen");
}

#[test]
fn mattermost_joins_teams_and_channels_and_lists_its_users() {
    let export = r#"{"type":"version","version":1}
{"type":"team","team":{"name":"acme","display_name":"Acme"}}
{"type":"channel","channel":{"team":"acme","name":"town","display_name":"Town","type":"O"}}
{"type":"user","user":{"username":"ann","first_name":"Ann","create_at":1706781600000}}
{"type":"user","user":{"username":"bob","first_name":"Bob"}}
{"type":"post","post":{"team":"acme","channel":"town","user":"bob","type":"system_join_team","message":"bob joined the team.","create_at":1709632800000}}
{"type":"post","post":{"team":"acme","channel":"town","user":"bob","type":"system_join_channel","message":"bob joined the channel.","create_at":1709719200000}}
{"type":"post","post":{"team":"acme","channel":"town","user":"ann","message":"hi","create_at":1709805600000}}
"#;
    let (r, s) = load(&[("export.jsonl", export)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert!(s.member_list);
    assert_eq!(joined(&r, "mattermost:ann").as_deref(), Some("2024-02-01"));
    assert_eq!(joined(&r, "mattermost:bob").as_deref(), Some("2024-03-05"));
}

#[test]
fn teams_members_added_and_a_chat_with_one_person() {
    let page = r##"{"value": [
      {"id": "1", "messageType": "systemEventMessage", "createdDateTime": "2024-02-01T10:00:00Z", "chatId": "19:grp@thread.v2", "from": null,
       "body": {"content": "<systemEventMessage/>"},
       "eventDetail": {"@odata.type": "#microsoft.graph.membersAddedEventMessageDetail", "members": [{"id": "u1", "displayName": "One"}, {"id": "u2", "displayName": "Two"}]}},
      {"id": "2", "messageType": "message", "createdDateTime": "2024-02-02T10:00:00Z", "chatId": "19:grp@thread.v2",
       "from": {"user": {"id": "u1", "displayName": "One"}}, "body": {"content": "hi"}},
      {"id": "3", "messageType": "message", "createdDateTime": "2024-02-02T11:00:00Z", "chatId": "19:grp@thread.v2",
       "from": {"user": {"id": "u2", "displayName": "Two"}}, "body": {"content": "hey"}},
      {"id": "4", "messageType": "message", "createdDateTime": "2024-02-03T12:00:00Z", "chatId": "19:alone@thread.v2",
       "from": {"user": {"id": "u3", "displayName": "Three"}}, "body": {"content": "note to self"}}
    ]}"##;
    let (r, s) = load(&[("chats.json", page)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(joined(&r, "teams:u1").as_deref(), Some("2024-02-01"));
    assert_eq!(joined(&r, "teams:u2").as_deref(), Some("2024-02-01"));
    // The chat where only Three is seen reads as a direct conversation: said, not dropped.
    assert!(
        s.warnings.iter().any(|w| w
            == "1 Teams chat shows only one person and is read as direct conversation, left out unless direct conversations are included"
            || w.starts_with("1 Teams chat shows only one person")),
        "{:?}",
        s.warnings
    );
}

#[test]
fn a_roster_start_date_is_a_join_date_and_the_earliest_wins() {
    let (r, s) = load(&[
        ("users.json", SLACK_USERS),
        ("channels.json", SLACK_CHANNELS),
        ("general/2024-01-01.json", SLACK_GENERAL),
        ("roster.csv", "email,department,start date\nann@x.org,Sales,2023-11-15\nnobody@x.org,Sales,bad date\n"),
    ]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(joined(&r, "slack:U1").as_deref(), Some("2023-11-15"));
    assert!(s.join_dates.iter().any(|j| j.source == "Roster: start dates" && j.people == 1), "{:?}", s.join_dates);
    assert!(s.warnings.iter().any(|w| w.starts_with("1 roster start date is not a date")), "{:?}", s.warnings);
    // A join after the first activity moves back to it.
    let first_post = day_of(parse_timestamp("2024-05-13T10:00:00Z").unwrap());
    let cy = r.dataset.people.iter().position(|p| p.key == "slack:U3").unwrap();
    let a = analyze(&r.dataset, &Params { from: Some(first_post), to: Some(first_post), ..Params::default() });
    assert_eq!(a.leaderboard.iter().filter(|row| row.id == r.dataset.people[cy].key).count(), 1);
}

#[test]
fn a_viva_engage_search_response_is_read_and_said() {
    let search = r#"{"messages": {"messages": [
        {"id": 11, "sender_id": 1, "sender_type": "user", "thread_id": 11, "replied_to_id": null, "network_id": 9,
         "message_type": "update", "created_at": "2024/03/01 10:00:00 +0000", "group_id": 5, "body": {"plain": "q"}},
        {"id": 12, "sender_id": 2, "sender_type": "user", "thread_id": 11, "replied_to_id": 11, "network_id": 9,
         "message_type": "update", "created_at": "2024/03/01 11:00:00 +0000", "group_id": 5, "body": {"plain": "a"}}],
      "references": [{"type": "user", "id": 1, "full_name": "Ann", "mugshot_url": "x", "network_id": 9},
                     {"type": "user", "id": 2, "full_name": "Bob", "mugshot_url": "x", "network_id": 9}]},
      "users": [], "groups": [], "topics": [], "count": {"messages": 2, "users": 0, "groups": 0, "topics": 0}}"#;
    let (r, s) = load(&[("search.json", search)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.posts, s.replies), (1, 1));
    assert!(s.warnings.iter().any(|w| w.starts_with("1 Viva Engage search result was read")), "{:?}", s.warnings);
    // People met in a search are not a member list.
    assert!(!r.dataset.member_list);
}
