//! The Slack workspace export importer: every real sample with exact counts, and one small
//! inline export per rule.

mod common;

use clover_core::import::{import_files, slack, sniff::sniff, ImportOptions, ImportResult, InputFile};
use clover_core::model::{MessageKind, SpaceKind, NONE};
use clover_core::stats::{counts, ImportSummary};

use common::{collect, samples};

fn sample(rel: &str) -> InputFile {
    let p = samples().join(rel);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let name = p.file_name().unwrap().to_string_lossy().into_owned();
    InputFile::new(name, bytes)
}

fn load(files: Vec<InputFile>) -> (ImportResult, ImportSummary) {
    let r = import_files(files, &ImportOptions::default());
    let s = counts(&r.dataset);
    (r, s)
}

fn file(name: &str, text: &str) -> InputFile {
    InputFile::new(name, text.as_bytes().to_vec())
}

fn has_warning(r: &ImportResult, needle: &str) -> bool {
    r.warnings.iter().any(|w| w.contains(needle))
}

// ---------------------------------------------------------------------------------------
// Real samples
// ---------------------------------------------------------------------------------------

const HFARAN: &str = "slack/hfaran-slack-export-viewer/testarchive.zip";
const RUSQ_ZIP: &str = "slack/rusq-slackdump/source_export.zip";
const RUSQ_META: [&str; 5] = [
    "slack/rusq-slackdump/export_users.json",
    "slack/rusq-slackdump/export_channels.json",
    "slack/rusq-slackdump/export_groups.json",
    "slack/rusq-slackdump/export_mpims.json",
    "slack/rusq-slackdump/export_dms.json",
];
const RUSQ_BOT: &str = "slack/rusq-slackdump/bot_message.json";
const ZULIP_BROADCAST: &str = "slack/zulip-slack_fixtures/thread_with_broadcast_reply.json";

fn assert_hfaran(r: &ImportResult, s: &ImportSummary) {
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(s.formats, ["slack"]);
    // 22 ZIP entries, 2 of them folders (enrique/, traveling-sailor/): channels.json,
    // users.json, integration_logs.json and 9 + 8 day files.
    assert_eq!(r.files_loaded, 20);
    // users.json: 4 entries, none deleted, none is_bot or is_app_user, no USLACKBOT.
    assert_eq!(s.people, 4);
    assert_eq!(s.deactivated, 0);
    // bot_message authors have no `user`, only bot_id: B0JL6RASU, B0VJZKVHC (enrique) and
    // B0JL6UFSL (traveling-sailor); no user has a profile.bot_id -> 3 bot people.
    assert_eq!(s.bots, 3);
    // channels.json: enrique and traveling-sailor; both folders match their names.
    assert_eq!(s.spaces, 2);
    // 159 messages in the day files: 8 channel_join + 3 bot_add = 11 system;
    // 94 subtype bot_message; 49 without subtype + 3 file_share + 1 file_comment
    // (authored by comment.user U0BMS113R) = 53 posts; no thread_ts anywhere -> 0 replies.
    assert_eq!(s.system_messages, 11);
    assert_eq!(s.bot_messages, 94);
    assert_eq!(s.posts, 53);
    assert_eq!(s.replies, 0);
    // One reaction: "botman" by U0BMYT2FL (count 1) on a bot message of 2016-03-28.
    assert_eq!(s.reactions, 1);
    // <@U…> in texts of non-system messages, minus self-mentions (the file_share and
    // file_comment texts name their own author): 14 distinct (message, person) pairs.
    assert_eq!(s.mentions, 14);
    // First message: enrique/2016-01-14 ts 1452837318.000002; last: traveling-sailor
    // 2016-03-29 ts 1459254786.000027.
    assert_eq!(s.first.as_deref(), Some("2016-01-15T05:55:18.000Z"));
    assert_eq!(s.last.as_deref(), Some("2016-03-29T12:33:06.000Z"));
}

#[test]
fn hfaran_testarchive_zip() {
    let (r, s) = load(vec![sample(HFARAN)]);
    assert_hfaran(&r, &s);
    let ds = &r.dataset;
    let names: Vec<&str> = ds.spaces.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["enrique", "traveling-sailor"]);
    assert!(ds.spaces.iter().all(|s| s.kind == SpaceKind::Channel && s.public));
    let hermione = ds.people.iter().find(|p| p.key == "slack:U0BMS113R").unwrap();
    assert_eq!(hermione.name, "Hermione Granger");
    assert_eq!(hermione.title.as_deref(), Some("Eat Monkeys"));
    // Every message was described by users.json or is a bot: no undescribed authors. The
    // one note is for integration_logs.json, recognised and skipped.
    assert_eq!(
        r.warnings,
        ["1 Slack app activity log (integration_logs.json) was skipped: it records apps added and removed, not conversations"]
    );
}

#[test]
fn hfaran_zip_loaded_twice_counts_once() {
    let (r, s) = load(vec![sample(HFARAN), sample(HFARAN)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let (r1, s1) = load(vec![sample(HFARAN)]);
    assert_eq!(r.files_loaded, 2 * r1.files_loaded);
    assert_eq!((s.people, s.bots, s.spaces, s.posts, s.replies), (s1.people, s1.bots, s1.spaces, s1.posts, s1.replies));
    assert_eq!(
        (s.reactions, s.mentions, s.system_messages, s.bot_messages, s.first.clone(), s.last.clone()),
        (s1.reactions, s1.mentions, s1.system_messages, s1.bot_messages, s1.first.clone(), s1.last.clone())
    );
    assert_eq!(r.dataset.messages.len(), r1.dataset.messages.len());
}

fn assert_rusq_zip(r: &ImportResult, s: &ImportSummary) {
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // 10 ZIP entries, 1 a folder (B75B4C7/): users, channels and 4 day files are read;
    // groups, mpims and dms are empty lists ("[]"), skipped with a counted warning.
    assert_eq!(r.files_loaded, 6);
    assert!(has_warning(r, "3 files held an empty list"), "{:?}", r.warnings);
    // users.json: 10 entries, 6 with is_bot (UO83069134 deleted, UO608BD77FD7,
    // UO209C876E99, UO1F61501FC2, UO9D8BF1781D, UO0EC43A4792) -> 4 people, 6 bots;
    // the only deleted entry is a bot.
    assert_eq!(s.people, 4);
    assert_eq!(s.bots, 6);
    assert_eq!(s.deactivated, 0);
    // channels.json: 1 channel (B75B4C7, the one folder); groups/mpims/dms are [].
    assert_eq!(s.spaces, 1);
    // 16 messages in the 4 day files; 1 tombstone (1736554828.343759) dropped -> 15:
    // 1 channel_join (system); 1 by UO0EC43A4792 (is_bot, bot_id B089LPE68BB) -> bot;
    // 4 with thread_ts != ts (two under 1736478630.905399, one under 1736554801.872639,
    // one under the tombstone) -> replies; the other 9 (2 with files[]) -> posts.
    assert_eq!(s.system_messages, 1);
    assert_eq!(s.bot_messages, 1);
    assert_eq!(s.replies, 4);
    assert_eq!(s.posts, 9);
    // No reactions and no <@…> markup in the (scrambled) texts.
    assert_eq!(s.reactions, 0);
    assert_eq!(s.mentions, 0);
}

#[test]
fn rusq_source_export_zip() {
    let (r, s) = load(vec![sample(RUSQ_ZIP)]);
    assert_rusq_zip(&r, &s);
    assert!(has_warning(&r, "1 deleted Slack thread parent (tombstone) was dropped"), "{:?}", r.warnings);
    // The reply to the tombstone answers a message not in the export.
    assert!(has_warning(&r, "1 reply answers a message that is not in the export;"), "{:?}", r.warnings);
    // The 3 replies whose parents exist point at them.
    let m = &r.dataset.messages;
    let threaded = (0..m.len()).filter(|&i| m.kind[i] == MessageKind::Reply && m.parent[i] != NONE).count();
    assert_eq!(threaded, 3);
}

#[test]
fn rusq_source_export_zip_loaded_twice_counts_once() {
    let (r, s) = load(vec![sample(RUSQ_ZIP), sample(RUSQ_ZIP)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.files_loaded, 12);
    assert_eq!((s.people, s.bots, s.spaces), (4, 6, 1));
    assert_eq!((s.posts, s.replies, s.system_messages, s.bot_messages, s.reactions), (9, 4, 1, 1, 0));
    // The tombstone is counted once in its warning.
    assert!(has_warning(&r, "1 deleted Slack thread parent (tombstone) was dropped"), "{:?}", r.warnings);
}

#[test]
fn rusq_loose_metadata_files() {
    let (r, s) = load(RUSQ_META.iter().map(|p| sample(p)).collect());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // 4 files read; export_groups.json ("[]") is an empty list, skipped with a warning.
    assert_eq!(r.files_loaded, 4);
    assert!(has_warning(&r, "1 file held an empty list:"), "{:?}", r.warnings);
    // export_users.json: 8 entries; USLACKBOT (is_bot false, but Slack's bot) and
    // UNEERHWJJ "jirabot" (is_bot, deleted) are bots -> 2 bots, 6 people.
    assert_eq!(s.people, 6);
    assert_eq!(s.bots, 2);
    // deleted people: UGTLW32F4, UGTPCUB1R, UHC8YKG2W, UKW73CTS4 (jirabot is a bot).
    assert_eq!(s.deactivated, 4);
    // 2 channels + 0 private channels + 2 mpims + 8 dms.
    assert_eq!(s.spaces, 12);
    // No day files: no messages.
    assert_eq!((s.posts, s.replies, s.system_messages, s.bot_messages, s.reactions), (0, 0, 0, 0, 0));
    let ds = &r.dataset;
    let kinds = |k: SpaceKind| ds.spaces.iter().filter(|s| s.kind == k).count();
    assert_eq!(kinds(SpaceKind::Channel), 2);
    assert_eq!(kinds(SpaceKind::Group), 2);
    assert_eq!(kinds(SpaceKind::Direct), 8);
    assert!(ds.spaces.iter().filter(|s| s.kind != SpaceKind::Channel).all(|s| !s.public));
    let general = ds.spaces.iter().find(|s| s.key == "slack:CFCHDMLG3").unwrap();
    assert_eq!(general.name, "general");
    // Names: real_name, else profile.real_name ("Seymore Arsehole" has real_name "").
    let seymore = ds.people.iter().find(|p| p.key == "slack:UGTLW32F4").unwrap();
    assert_eq!(seymore.name, "Seymore Arsehole");
    assert_eq!(seymore.email.as_deref(), Some("seymore.arsehole@example.com"));
    assert!(seymore.deactivated);
    let slackbot = ds.people.iter().find(|p| p.key == "slack:USLACKBOT").unwrap();
    assert!(slackbot.bot);
}

#[test]
fn rusq_bot_message_alone() {
    let (r, s) = load(vec![sample(RUSQ_BOT)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.files_loaded, 1);
    // One message object, subtype bot_message, bot_id BUEBX9AUR, no user: one bot person.
    assert_eq!(s.bots, 1);
    assert_eq!(s.people, 0);
    assert_eq!(s.bot_messages, 1);
    assert_eq!((s.posts, s.replies, s.system_messages, s.reactions), (0, 0, 0, 0));
    // The <@U…> in it are inside blocks[], not in text ("Some question?").
    assert_eq!(s.mentions, 0);
    // A loose file has no channel folder: one "unknown channel" space.
    assert_eq!(s.spaces, 1);
    assert_eq!(r.dataset.spaces[0].name, "unknown channel");
    assert!(has_warning(&r, "1 Slack message file was not inside a channel folder;"), "{:?}", r.warnings);
    // ts 1677029631.029259
    assert_eq!(s.first.as_deref(), Some("2023-02-22T01:33:51.029Z"));
}

#[test]
fn zulip_thread_with_broadcast_reply_alone() {
    let (r, s) = load(vec![sample(ZULIP_BROADCAST)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.files_loaded, 1);
    // 3 messages: the thread root (thread_ts == ts) by U061A5N1G -> post; "first reply"
    // by U061A1R2R -> reply; the thread_broadcast by U061A1R2R -> reply (its root{} copy
    // is not a message).
    assert_eq!(s.posts, 1);
    assert_eq!(s.replies, 2);
    assert_eq!((s.system_messages, s.bot_messages, s.reactions, s.mentions), (0, 0, 0, 0));
    // Two authors, no user list: 2 people shown by id.
    assert_eq!(s.people, 2);
    assert_eq!(s.bots, 0);
    assert_eq!(s.spaces, 1);
    assert!(has_warning(&r, "2 authors are not described"), "{:?}", r.warnings);
    // Both replies hang under the root.
    let m = &r.dataset.messages;
    let root = (0..m.len()).find(|&i| m.kind[i] == MessageKind::Post).unwrap() as u32;
    for i in 0..m.len() {
        if m.kind[i] == MessageKind::Reply {
            assert_eq!(m.parent[i], root);
            assert_eq!(m.root[i], root);
        }
    }
}

#[test]
fn slack_claims_no_other_formats_sample() {
    let mut all = Vec::new();
    collect(&samples(), &mut all);
    let mut checked = 0;
    for p in all {
        let rel = p.strip_prefix(samples()).unwrap().to_string_lossy().into_owned();
        if rel.starts_with("slack") || !rel.ends_with(".json") {
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        assert!(!slack::recognise(&sniff(&bytes)), "Slack claims {rel}");
        checked += 1;
    }
    assert!(checked > 10, "only {checked} samples checked");
}

// ---------------------------------------------------------------------------------------
// Rules, on small inline exports
// ---------------------------------------------------------------------------------------

const USERS: &str = r#"[
  {"id": "U1", "name": "ann", "real_name": "Ann A", "deleted": false, "is_bot": false,
   "profile": {"real_name": "Ann A", "display_name": "annie", "email": "ann@x.org", "title": "Head of Ops"}},
  {"id": "U2", "name": "bob", "deleted": true, "profile": {"display_name": "Bobby"}},
  {"id": "U3", "name": "cy", "real_name": "", "profile": {"real_name": ""}},
  {"id": "UB1", "name": "helper", "is_bot": true, "profile": {"real_name": "Helper", "bot_id": "B1"}},
  {"id": "UA1", "name": "app", "is_app_user": true, "profile": {}},
  {"id": "USLACKBOT", "name": "slackbot", "real_name": "Slackbot", "is_bot": false, "profile": {}}
]"#;

const CHANNELS: &str = r#"[
  {"id": "C1", "name": "general", "created": "1452837318", "creator": "U1", "is_archived": false, "members": ["U1", "U2"]},
  {"id": "C2", "name": "random", "created": 1452837318, "members": []}
]"#;

#[test]
fn users_people_bots_and_names() {
    let (r, s) = load(vec![file("users.json", USERS)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // U1, U2, U3 are people; UB1 (is_bot), UA1 (is_app_user), USLACKBOT are bots.
    assert_eq!((s.people, s.bots, s.deactivated), (3, 3, 1));
    let p = |k: &str| r.dataset.people.iter().find(|p| p.key == k).unwrap().clone();
    assert_eq!(p("slack:U1").name, "Ann A");
    assert_eq!(p("slack:U1").email.as_deref(), Some("ann@x.org"));
    assert_eq!(p("slack:U1").title.as_deref(), Some("Head of Ops"));
    assert!(p("slack:U1").leader, "a 'Head of' title marks a leader");
    assert_eq!(p("slack:U2").name, "Bobby");
    assert!(p("slack:U2").deactivated);
    assert_eq!(p("slack:U3").name, "cy");
}

#[test]
fn channels_groups_mpims_dms_kinds_and_old_string_created() {
    let groups = r#"[{"id": "G1", "name": "secret", "created": "1452837318", "creator": "U1", "is_archived": false, "members": ["U1"]}]"#;
    let mpims = r#"[{"id": "G2", "name": "mpdm-ann--bob-1", "created": 1, "members": ["U1", "U2"], "is_mpim": true}]"#;
    let dms = r#"[{"id": "D1", "created": 1, "members": ["U1", "U2"]}]"#;
    let (r, s) = load(vec![
        file("channels.json", CHANNELS),
        file("groups.json", groups),
        file("mpims.json", mpims),
        file("dms.json", dms),
    ]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(s.spaces, 5);
    let sp = |k: &str| r.dataset.spaces.iter().find(|s| s.key == k).unwrap().clone();
    assert_eq!(
        (sp("slack:C1").kind, sp("slack:C1").public, sp("slack:C1").name.as_str()),
        (SpaceKind::Channel, true, "general")
    );
    assert_eq!((sp("slack:G1").kind, sp("slack:G1").public), (SpaceKind::PrivateChannel, false));
    assert_eq!((sp("slack:G2").kind, sp("slack:G2").public), (SpaceKind::Group, false));
    assert_eq!((sp("slack:D1").kind, sp("slack:D1").public), (SpaceKind::Direct, false));
}

#[test]
fn day_files_map_folders_to_channels_groups_mpims_and_dms() {
    let groups = r#"[{"id": "G1", "name": "secret", "created": 1, "is_private": true, "members": ["U1"]}]"#;
    let mpims = r#"[{"id": "G2", "name": "mpdm-ann--bob-1", "created": 1, "members": ["U1", "U2"], "is_mpim": true}]"#;
    let dms = r#"[{"id": "D1", "created": 1, "members": ["U1", "U2"]}]"#;
    let day = |u: &str| format!(r#"[{{"type": "message", "user": "{u}", "text": "hi", "ts": "1600000000.000100"}}]"#);
    let (r, s) = load(vec![
        file("users.json", USERS),
        file("channels.json", CHANNELS),
        file("groups.json", groups),
        file("mpims.json", mpims),
        file("dms.json", dms),
        file("general/2020-09-13.json", &day("U1")),
        file("secret/2020-09-13.json", &day("U1")),
        file("mpdm-ann--bob-1/2020-09-13.json", &day("U2")),
        file("D1/2020-09-13.json", &day("U2")),
    ]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // C1, C2, G1, G2, D1 from the lists; the same ts in 4 conversations is 4 distinct
    // messages, and no folder adds a space.
    assert_eq!((s.spaces, s.posts), (5, 4));
    assert!(!has_warning(&r, "match no channel"), "{:?}", r.warnings);
    let ds = &r.dataset;
    let mut used: Vec<&str> = ds.messages.space.iter().map(|&i| ds.spaces[i as usize].key.as_str()).collect();
    used.sort();
    assert_eq!(used, ["slack:C1", "slack:D1", "slack:G1", "slack:G2"]);
}

#[test]
fn unknown_folder_and_loose_file() {
    let day = r#"[{"type": "message", "user": "U1", "text": "hi", "ts": "1600000000.000100"}]"#;
    let (r, s) = load(vec![
        file("channels.json", CHANNELS),
        file("lost/2020-09-13.json", day),
        file(
            "lost/2020-09-14.json",
            r#"[{"type": "message", "user": "U1", "text": "again", "ts": "1600100000.000100"}]"#,
        ),
        file("2020-09-13.json", day),
    ]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // general, random, "lost" (a folder no list names) and "unknown channel".
    assert_eq!(s.spaces, 4);
    assert_eq!(s.posts, 3);
    let names: Vec<&str> = r.dataset.spaces.iter().map(|s| s.name.as_str()).collect();
    assert!(names.contains(&"lost") && names.contains(&"unknown channel"), "{names:?}");
    // Counted once per folder and once per loose file.
    assert!(has_warning(&r, "1 Slack message folder matches no channel,"), "{:?}", r.warnings);
    assert!(has_warning(&r, "1 Slack message file was not inside a channel folder;"), "{:?}", r.warnings);
}

#[test]
fn threads_replies_and_broadcasts() {
    let day = r#"[
      {"type": "message", "user": "U1", "text": "root", "ts": "1600000000.000100", "thread_ts": "1600000000.000100",
       "reply_count": 2, "replies": [{"user": "U2", "ts": "1600000001.000100"}]},
      {"type": "message", "user": "U2", "text": "r1", "ts": "1600000001.000100", "thread_ts": "1600000000.000100", "parent_user_id": "U1"},
      {"type": "message", "subtype": "thread_broadcast", "user": "U3", "text": "r2", "ts": "1600000002.000100",
       "thread_ts": "1600000000.000100", "root": {"type": "message", "user": "U1", "text": "root", "ts": "1600000000.000100", "thread_ts": "1600000000.000100"}},
      {"type": "message", "subtype": "reply_broadcast", "user": "U3", "text": "old name", "ts": "1600000003.000100", "thread_ts": "1600000000.000100"},
      {"type": "message", "user": "U2", "text": "plain", "ts": "1600000004.000100"}
    ]"#;
    let (r, s) =
        load(vec![file("users.json", USERS), file("channels.json", CHANNELS), file("general/2020-09-13.json", day)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // root + plain are posts; r1, the thread_broadcast and the reply_broadcast are replies.
    assert_eq!((s.posts, s.replies), (2, 3));
    let m = &r.dataset.messages;
    // Rows are sorted by time: row 0 is the root.
    for i in 1..4 {
        assert_eq!((m.kind[i], m.parent[i], m.root[i]), (MessageKind::Reply, 0, 0));
    }
    assert_eq!((m.parent[4], m.root[4]), (NONE, 4));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn reply_whose_parent_is_missing() {
    let day = r#"[{"type": "message", "user": "U1", "text": "late", "ts": "1600000005.000100", "thread_ts": "1500000000.000100"}]"#;
    let (r, s) =
        load(vec![file("users.json", USERS), file("channels.json", CHANNELS), file("general/2020-09-13.json", day)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!((s.posts, s.replies), (0, 1));
    assert!(has_warning(&r, "1 reply answers a message that is not in the export;"), "{:?}", r.warnings);
}

#[test]
fn replies_in_a_later_day_file_find_their_parent() {
    let d1 = r#"[{"type": "message", "user": "U1", "text": "q", "ts": "1600000000.000100", "thread_ts": "1600000000.000100"}]"#;
    let d2 = r#"[{"type": "message", "user": "U2", "text": "a", "ts": "1600100000.000100", "thread_ts": "1600000000.000100"}]"#;
    // Day 2 handed over before day 1.
    let (r, s) = load(vec![
        file("general/2020-09-14.json", d2),
        file("general/2020-09-13.json", d1),
        file("channels.json", CHANNELS),
    ]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!((s.posts, s.replies), (1, 1));
    assert_eq!(r.dataset.messages.parent[1], 0);
}

#[test]
fn bots_and_bot_messages() {
    let day = r#"[
      {"type": "message", "subtype": "bot_message", "bot_id": "B9", "username": "Deploy bot", "text": "deployed", "ts": "1600000000.000100"},
      {"type": "message", "bot_id": "B8", "bot_profile": {"id": "B8", "name": "Modern app"}, "text": "hello", "ts": "1600000001.000100"},
      {"type": "message", "bot_id": "B1", "text": "from a bot user's bot_id", "ts": "1600000002.000100"},
      {"type": "message", "user": "UB1", "bot_id": "B1", "text": "bot user", "ts": "1600000003.000100"},
      {"type": "message", "user": "USLACKBOT", "text": "reminder", "ts": "1600000004.000100"},
      {"type": "message", "user": "UX", "bot_id": "B7", "text": "app acting as unknown user", "ts": "1600000005.000100"},
      {"type": "message", "subtype": "bot_message", "username": "old hook", "text": "no bot id", "ts": "1600000006.000100"},
      {"type": "message", "user": "U1", "text": "human", "ts": "1600000007.000100"}
    ]"#;
    let (r, s) =
        load(vec![file("users.json", USERS), file("channels.json", CHANNELS), file("general/2020-09-13.json", day)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(s.bot_messages, 7);
    assert_eq!(s.posts, 1);
    // Bots: UB1, UA1, USLACKBOT from users.json, plus B9, B8 and "old hook" from messages
    // (B1 is UB1's bot_id). UX is an unknown user, counted as a person.
    assert_eq!(s.bots, 6);
    assert_eq!(s.people, 4);
    let p = |k: &str| r.dataset.people.iter().find(|p| p.key == k).unwrap().clone();
    assert_eq!(p("slack:B9").name, "Deploy bot");
    assert_eq!(p("slack:B8").name, "Modern app");
    assert!(p("slack:B9").bot && p("slack:B8").bot);
    assert!(r.dataset.people.iter().all(|p| p.key != "slack:B1"));
}

#[test]
fn slackbot_without_user_list_is_a_bot() {
    let day = r#"[{"type": "message", "user": "USLACKBOT", "text": "reminder", "ts": "1600000004.000100"}]"#;
    let (r, s) = load(vec![file("general/2020-09-13.json", day)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!((s.bots, s.people, s.bot_messages), (1, 0, 1));
}

#[test]
fn system_messages_and_human_subtypes() {
    let day = r#"[
      {"type": "message", "subtype": "channel_join", "user": "U1", "text": "<@U1> has joined the channel", "ts": "1600000000.000100"},
      {"type": "message", "subtype": "channel_leave", "user": "U2", "text": "<@U2> has left", "ts": "1600000001.000100"},
      {"type": "message", "subtype": "channel_topic", "user": "U1", "text": "set the topic", "topic": "t", "ts": "1600000002.000100"},
      {"type": "message", "subtype": "channel_purpose", "user": "U1", "text": "set the purpose", "ts": "1600000003.000100"},
      {"type": "message", "subtype": "channel_name", "user": "U1", "text": "renamed", "ts": "1600000004.000100"},
      {"type": "message", "subtype": "pinned_item", "user": "U1", "text": "pinned", "ts": "1600000005.000100"},
      {"type": "message", "subtype": "bot_add", "user": "U1", "bot_id": "B5", "text": "added an integration", "ts": "1600000006.000100"},
      {"type": "message", "subtype": "group_join", "user": "U3", "text": "joined", "ts": "1600000007.000100"},
      {"type": "message", "subtype": "file_share", "user": "U1", "text": "<@U1> uploaded a file", "file": {"id": "F1"}, "ts": "1600000008.000100"},
      {"type": "message", "subtype": "me_message", "user": "U2", "text": "waves", "ts": "1600000009.000100"},
      {"type": "message", "subtype": "file_comment", "text": "<@U3> commented", "comment": {"user": "U3", "comment": "nice"}, "ts": "1600000010.000100"},
      {"type": "message", "user": "U1", "text": "files", "files": [{"id": "F2"}], "ts": "1600000011.000100"},
      {"type": "message", "subtype": "brand_new_kind", "user": "U2", "text": "?", "ts": "1600000012.000100"}
    ]"#;
    let (r, s) =
        load(vec![file("users.json", USERS), file("channels.json", CHANNELS), file("general/2020-09-13.json", day)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(s.system_messages, 8);
    assert_eq!(s.posts, 5);
    assert_eq!(s.bot_messages, 0);
    // Generated texts do not mention: system messages and self-mentions are skipped.
    assert_eq!(s.mentions, 0);
    assert!(has_warning(&r, "1 Slack message has an unfamiliar subtype"), "{:?}", r.warnings);
}

#[test]
fn tombstones_are_dropped_and_counted() {
    let day = r#"[
      {"type": "message", "subtype": "tombstone", "hidden": true, "user": "USLACKBOT", "text": "This message was deleted.", "ts": "1600000000.000100", "thread_ts": "1600000000.000100"},
      {"type": "message", "user": "U1", "text": "orphan", "ts": "1600000001.000100", "thread_ts": "1600000000.000100"}
    ]"#;
    let (r, s) =
        load(vec![file("users.json", USERS), file("channels.json", CHANNELS), file("general/2020-09-13.json", day)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!((s.posts, s.replies, s.system_messages, s.bot_messages), (0, 1, 0, 0));
    assert!(has_warning(&r, "1 deleted Slack thread parent (tombstone) was dropped"), "{:?}", r.warnings);
    assert!(has_warning(&r, "1 reply answers a message that is not in the export;"), "{:?}", r.warnings);
}

#[test]
fn reactions_per_user_and_unattributed_counts() {
    let day = r#"[
      {"type": "message", "user": "U1", "text": "vote", "ts": "1600000000.000100",
       "reactions": [{"name": "+1", "users": ["U2", "U3", "U2"], "count": 5}, {"name": "tada", "users": ["U1"], "count": 1},
                     {"name": "robot", "users": ["UB1"], "count": 1}]}
    ]"#;
    let (r, s) =
        load(vec![file("users.json", USERS), file("channels.json", CHANNELS), file("general/2020-09-13.json", day)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // +1 by U2 (twice in the list, counted once) and U3; tada by U1; the bot's robot is
    // not a person's reaction.
    assert_eq!(s.reactions, 3);
    // count 5 but 3 users listed on +1 -> 2 unattributed.
    assert!(has_warning(&r, "2 Slack reactions could not be attributed"), "{:?}", r.warnings);
}

#[test]
fn mentions_resolve_to_people() {
    let day = r#"[
      {"type": "message", "user": "U1", "text": "hey <@U2> and <@U3|cy>, also <@U2> <!here> <#C2|random>", "ts": "1600000000.000100"},
      {"type": "message", "user": "U2", "text": "cc <@U9>", "ts": "1600000001.000100"}
    ]"#;
    let (r, s) =
        load(vec![file("users.json", USERS), file("channels.json", CHANNELS), file("general/2020-09-13.json", day)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // U2 and U3 in the first (U2 once), U9 (not in users.json: a person named by id).
    assert_eq!(s.mentions, 3);
    let ds = &r.dataset;
    let keys: Vec<&str> = ds.mentions.iter().map(|&(_, p)| ds.people[p as usize].key.as_str()).collect();
    assert_eq!(keys, ["slack:U2", "slack:U3", "slack:U9"]);
}

#[test]
fn same_message_in_two_files_is_kept_once() {
    let msg = r#"{"type": "message", "user": "U1", "text": "dup", "ts": "1600000000.000100", "reactions": [{"name": "eyes", "users": ["U2"], "count": 1}]}"#;
    let later = r#"{"type": "message", "user": "U1", "text": "dup", "ts": "1600000000.000100", "reactions": [{"name": "eyes", "users": ["U2", "U3"], "count": 2}]}"#;
    let (r, s) = load(vec![
        file("channels.json", CHANNELS),
        file("a/general/2020-09-13.json", &format!("[{msg}]")),
        file("general/2020-09-13.json", &format!("[{later}]")),
    ]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(s.posts, 1);
    // Reactions of both copies merge: eyes by U2 and U3.
    assert_eq!(s.reactions, 2);
    assert_eq!(s.spaces, 2);
}

#[test]
fn enterprise_grid_layout_keeps_workspaces_apart() {
    let ch1 = r#"[{"id": "C1", "name": "general", "created": 1, "members": []}]"#;
    let ch2 = r#"[{"id": "C2", "name": "general", "created": 1, "members": []}]"#;
    let org_users = r#"[{"id": "W1", "name": "ann", "real_name": "Ann", "profile": {"email": "ann@x.org"}}]"#;
    let day = r#"[{"type": "message", "user": "W1", "text": "hi", "ts": "1600000000.000100"}]"#;
    let (r, s) = load(vec![
        file("org_users.json", org_users),
        file("teams/T1/channels.json", ch1),
        file("teams/T2/channels.json", ch2),
        file("teams/T1/general/2020-09-13.json", day),
        file("teams/T2/general/2020-09-13.json", day),
    ]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!((s.people, s.spaces, s.posts), (1, 2, 2));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn malformed_and_truncated_files_are_reported_by_name() {
    let good = r#"[{"type": "message", "user": "U1", "text": "a", "ts": "1600000000.000100"},
                   {"type": "message", "user": "U1", "text": "b", "ts": "1600000001.000100"}]"#;
    let cut = &good[..good.len() - 40];
    let (r, s) = load(vec![
        file("channels.json", CHANNELS),
        file("general/2020-09-13.json", cut),
        file("random/2020-09-13.json", "[{\"type\": \"message\", \"ts\": \"1600000000.1\", \"user\": \"U1\"} garbage"),
        file("random/2020-09-14.json", good),
    ]);
    // The truncated file keeps the message read before the cut; the garbled one keeps its
    // first; both are named in errors.
    assert_eq!(r.errors.len(), 2, "{:?}", r.errors);
    assert!(
        r.errors.iter().any(|e| e.file == "general/2020-09-13.json" && e.message.contains("read 1 messages")),
        "{:?}",
        r.errors
    );
    assert!(
        r.errors.iter().any(|e| e.file == "random/2020-09-13.json" && e.message.contains("line 1")),
        "{:?}",
        r.errors
    );
    assert_eq!(s.posts, 1 + 1 + 2);
    assert_eq!(r.files_loaded, 4);
}

#[test]
fn odd_fields_do_not_fail_a_file() {
    let day = r#"[
      {"type": "message", "user": "U1", "text": 42, "ts": 1600000000.0001, "reactions": "none", "comment": "x", "bot_profile": [1]},
      {"type": "message", "user": ["U1"], "text": "no author", "ts": "1600000001.000100"},
      {"type": "message", "user": "U1", "text": "no ts"},
      {"type": "message", "user": "U1", "text": "bad ts", "ts": "yesterday"},
      "not an object",
      {"type": "message", "user": "U1", "text": {"rich": true}, "ts": "1600000002.000100", "reactions": [{"name": "x", "users": "U2", "count": "3"}, 7]}
    ]"#;
    let (r, s) = load(vec![file("channels.json", CHANNELS), file("general/2020-09-13.json", day)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(s.posts, 2);
    assert!(has_warning(&r, "1 Slack message had no author"), "{:?}", r.warnings);
    assert!(has_warning(&r, "2 Slack messages had no readable timestamp"), "{:?}", r.warnings);
    assert!(has_warning(&r, "1 entry of Slack message files is not an"), "{:?}", r.warnings);
    assert!(has_warning(&r, "3 Slack reactions could not be attributed"), "{:?}", r.warnings);
}

#[test]
fn empty_lists() {
    // An empty list has nothing to load, in any format: it is skipped with a counted
    // warning, never an error, and claims no format.
    let (r, _) = load(vec![file("groups.json", "[]"), file("channels.json", CHANNELS)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.files_loaded, 1);
    assert!(has_warning(&r, "1 file held an empty list:"), "{:?}", r.warnings);
    let (r, s) = load(vec![file("groups.json", " [ ] ")]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.files_loaded, 0);
    assert!(s.formats.is_empty());
    // Nor does a list of empty strings (Slack's lists.json with nothing in it).
    let (r, s) = load(vec![file("lists.json", "[\"\"]"), file("x.json", "[\"\", \"\"]")]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.files_loaded, 0);
    assert!(s.formats.is_empty());
    assert!(has_warning(&r, "2 files held a list of empty strings"), "{:?}", r.warnings);
    // A list that only starts blank is not one.
    let (r, _) = load(vec![file("lists.json", "[\"\", \"x\"]")]);
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
}

#[test]
fn integration_logs_load_nothing() {
    let logs = r#"[{"user_id": "U1", "user_name": "ann", "date": "1458969700", "change_type": "added", "service_id": "1", "service_type": "Travis CI", "scope": "incoming-webhook", "channel": "C1"}]"#;
    let (r, s) = load(vec![file("integration_logs.json", logs), file("channels.json", CHANNELS)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.files_loaded, 2);
    assert_eq!((s.people, s.posts), (0, 0));
    assert!(has_warning(&r, "1 Slack app activity log (integration_logs.json) was skipped:"), "{:?}", r.warnings);
}

// ---------------------------------------------------------------------------------------
// No input panics
// ---------------------------------------------------------------------------------------

/// A tiny deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn all_sample_files() -> Vec<InputFile> {
    let mut v = vec![sample(HFARAN), sample(RUSQ_ZIP), sample(RUSQ_BOT), sample(ZULIP_BROADCAST)];
    v.extend(RUSQ_META.iter().map(|p| sample(p)));
    v
}

/// Every JSON file inside the sample ZIPs, with its folder (so day files stay day files).
fn zip_members() -> Vec<InputFile> {
    use std::io::Read;
    let mut out = Vec::new();
    for z in [HFARAN, RUSQ_ZIP] {
        let bytes = std::fs::read(samples().join(z)).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            if f.is_dir() {
                continue;
            }
            let name = f.name().unwrap().to_string();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            out.push(InputFile::new(name, data));
        }
    }
    out
}

#[test]
fn truncations_and_random_bytes_never_panic() {
    let mut rng = Rng(0x5eed_c10e_u64);
    let mut inputs = all_sample_files();
    inputs.extend(zip_members());
    for f in &inputs {
        let n = f.bytes.len();
        for _ in 0..40 {
            let cut = rng.below(n + 1);
            let _ = load(vec![InputFile::new(f.name.clone(), f.bytes[..cut].to_vec())]);
        }
        // Flip a few bytes.
        for _ in 0..6 {
            let mut b = f.bytes.clone();
            for _ in 0..4 {
                let i = rng.below(b.len());
                if let Some(x) = b.get_mut(i) {
                    *x = rng.next() as u8;
                }
            }
            let _ = load(vec![InputFile::new(f.name.clone(), b)]);
        }
    }
    for _ in 0..200 {
        let len = rng.below(400);
        let mut b: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        if rng.below(2) == 0 {
            // Start like a Slack day file so the importer, not the sniffer, sees it.
            let mut p = br#"[{"type": "message", "ts": "1.1", "user": "U1", "reactions": [{"#.to_vec();
            p.append(&mut b);
            b = p;
        }
        let _ = load(vec![InputFile::new("general/2020-01-01.json", b)]);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn arbitrary_day_files_never_panic(tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300), ts in "[0-9. ]{0,20}") {
        let mut b = format!(r#"[{{"type": "message", "ts": "{ts}", "thread_ts": "{ts}", "user": "U1", "text": "<@"#).into_bytes();
        b.extend(tail);
        let _ = load(vec![InputFile::new("c/2020-01-01.json", b)]);
    }
}

// ---------------------------------------------------------------------------------------
// An export as Slack writes them in 2025–26: every root file, and the event subtypes
// ---------------------------------------------------------------------------------------

fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in files {
        w.start_file(*name, opts).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const USERS_2025: &str = r#"[
  {"id": "U1", "name": "ann", "real_name": "Ann A", "deleted": false, "is_bot": false, "is_app_user": false, "profile": {"title": "Head of Ops"}},
  {"id": "U2", "name": "bob", "real_name": "Bob B", "deleted": false, "is_bot": false, "profile": {}},
  {"id": "U3", "name": "cy", "real_name": "Cy C", "deleted": true, "is_bot": false, "profile": {}},
  {"id": "UB1", "name": "helper", "deleted": false, "is_bot": true, "profile": {"real_name": "Helper", "bot_id": "B1"}},
  {"id": "USLACKBOT", "name": "slackbot", "real_name": "Slackbot", "deleted": false, "is_bot": false, "profile": {}}
]"#;

const CHANNELS_2025: &str = r#"[
  {"id": "C1", "name": "general", "created": 1700000000, "creator": "U1", "is_archived": false, "is_general": true, "members": ["U1", "U2", "U3"],
   "topic": {"value": "", "creator": "", "last_set": 0}, "purpose": {"value": "", "creator": "", "last_set": 0}},
  {"id": "C2", "name": "random", "created": 1700000000, "creator": "U1", "is_archived": false, "members": ["U1"]}
]"#;

/// A canvas, a list and a huddle transcript: Slack file objects (`canvases.json`,
/// `lists.json`, `huddle_transcripts.json` when they list something).
fn file_object(id: &str, filetype: &str, mimetype: &str, title: &str) -> String {
    format!(
        r#"[{{"id": "{id}", "created": 1748851200, "name": "{title}", "title": "{title}", "mimetype": "{mimetype}",
            "filetype": "{filetype}", "pretty_type": "{title}", "user": "U1", "editable": true, "size": 80, "mode": "{filetype}",
            "is_public": false, "is_tombstoned": false, "url_private_download": "https://files.slack.com/x", "shares": [{{"team": "T1", "channel": "C1"}}],
            "permalink": "https://x.slack.com/docs/T1/{id}", "export_timestamp": 1767225600}}]"#
    )
}

const INTEGRATION_LOGS_2025: &str = r#"[{"user_id": "U1", "user_name": "ann", "date": "1748851200", "change_type": "added", "app_id": "A1", "app_type": "Helper", "scope": "chat:write"}]"#;

/// A day of `general` with every kind of subtype: people writing, a bot, events (listed,
/// and members of the families no list names), and one subtype no rule knows.
const GENERAL_DAY_2025: &str = r#"[
  {"type": "message", "user": "U1", "text": "hello <@U2>", "ts": "1748851200.000100", "thread_ts": "1748851200.000100", "reply_count": 2,
   "reactions": [{"name": "tada", "users": ["U2", "U3"], "count": 2}]},
  {"type": "message", "user": "U2", "text": "hi", "ts": "1748851260.000100", "thread_ts": "1748851200.000100", "parent_user_id": "U1"},
  {"type": "message", "subtype": "thread_broadcast", "user": "U3", "text": "also to the channel", "ts": "1748851320.000100", "thread_ts": "1748851200.000100",
   "root": {"user": "U1", "ts": "1748851200.000100"}},
  {"type": "message", "subtype": "me_message", "user": "U2", "text": "waves", "ts": "1748851380.000100"},
  {"type": "message", "subtype": "file_share", "user": "U1", "text": "the plan", "files": [{"id": "F1"}], "upload": true, "ts": "1748851440.000100"},
  {"type": "message", "subtype": "channel_join", "user": "U3", "text": "<@U3> has joined the channel", "ts": "1748851500.000100"},
  {"type": "message", "subtype": "channel_tab_added", "user": "U1", "text": "added a tab", "ts": "1748851560.000100"},
  {"type": "message", "subtype": "channel_canvas_updated", "user": "U1", "text": "", "ts": "1748851620.000100"},
  {"type": "message", "subtype": "channel_tab_renamed", "user": "U1", "text": "renamed a tab", "ts": "1748851680.000100"},
  {"type": "message", "subtype": "reminder_add", "user": "U2", "text": "set up a reminder", "ts": "1748851740.000100"},
  {"type": "message", "subtype": "reminder_delete", "user": "U2", "text": "removed a reminder", "ts": "1748851800.000100"},
  {"type": "message", "subtype": "welcome_party", "user": "U1", "text": "", "ts": "1748851860.000100"},
  {"type": "message", "subtype": "bot_add", "user": "U1", "bot_id": "B1", "text": "added an integration", "ts": "1748851920.000100"},
  {"type": "message", "subtype": "bot_message", "bot_id": "B1", "username": "helper", "text": "deployed", "ts": "1748851980.000100"},
  {"type": "message", "subtype": "huddle_thread", "user": "U1", "text": "", "ts": "1748852040.000100", "thread_ts": "1748852040.000100"},
  {"type": "message", "user": "U2", "text": "notes from the huddle", "ts": "1748852100.000100", "thread_ts": "1748852040.000100"},
  {"type": "message", "subtype": "channel_archive", "user": "U1", "text": "archived the channel", "ts": "1748852160.000100"},
  {"type": "message", "subtype": "brand_new_kind", "user": "U2", "text": "?", "ts": "1748852220.000100"}
]"#;

/// A folder named by a channel id that no list mentions.
const ID_FOLDER_DAY_2025: &str = r#"[
  {"type": "message", "user": "U2", "text": "in a channel no list names", "ts": "1748937600.000100", "reactions": [{"name": "eyes", "users": ["U1"], "count": 1}]},
  {"type": "message", "user": "U1", "text": "seen", "ts": "1748937660.000100", "thread_ts": "1748937600.000100"}
]"#;

#[test]
fn an_export_of_2025_with_every_root_file_and_event_subtypes_loads_without_errors() {
    let canvases = file_object("F0CANVAS1", "quip", "application/vnd.slack-docs", "Plans");
    let zip = zip_of(&[
        ("users.json", USERS_2025),
        ("channels.json", CHANNELS_2025),
        ("integration_logs.json", INTEGRATION_LOGS_2025),
        ("canvases.json", &canvases),
        ("huddle_transcripts.json", "[\n\"\"\n]"),
        ("lists.json", "[\"\"]"),
        ("file_conversations.json", "[]"),
        ("general/2025-06-02.json", GENERAL_DAY_2025),
        ("C0ABCDEF123/2025-06-03.json", ID_FOLDER_DAY_2025),
    ]);
    let (r, s) = load(vec![InputFile::new("export.zip", zip)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // users, channels, integration_logs, canvases and the two day files; the three
    // empty lists are skipped (with notes) and not loaded.
    assert_eq!(r.files_loaded, 6);
    // U1, U2, U3 (deleted); UB1 (is_bot) and USLACKBOT are bots.
    assert_eq!((s.people, s.deactivated, s.bots), (3, 1, 2));
    // general and random from channels.json; the id folder became a space of its own.
    assert_eq!(s.spaces, 3);
    // Posts: the thread parent, me_message, file_share, the unknown subtype (general) and
    // the first message of the id folder.
    assert_eq!(s.posts, 5);
    // Replies: the reply and the thread_broadcast under the parent, the reply in the
    // huddle's thread, and the reply in the id folder.
    assert_eq!(s.replies, 4);
    // Events: channel_join, channel_tab_added, channel_canvas_updated, channel_tab_renamed
    // (the channel_* family), reminder_add, reminder_delete, welcome_party, bot_add,
    // huddle_thread, channel_archive.
    assert_eq!(s.system_messages, 10);
    assert_eq!(s.bot_messages, 1);
    // tada by U2 and U3; eyes by U1.
    assert_eq!(s.reactions, 3);
    // <@U2> in the first message (the join's generated text names no one).
    assert_eq!(s.mentions, 1);
    assert_eq!(
        r.warnings,
        [
            "1 file held an empty list: nothing to load from it",
            "2 files held a list of empty strings ([\"\"]): nothing to load from them",
            "1 Slack app activity log (integration_logs.json) was skipped: it records apps added and removed, not conversations",
            "1 Slack list of canvases, lists or huddle transcripts was skipped: it describes documents, not conversations",
            "1 Slack message has an unfamiliar subtype and counts as an ordinary message",
            "1 Slack message folder matches no channel, private channel, group DM or DM in the export's lists; it became a space named after its folder",
        ]
    );
    let id_space = r.dataset.spaces.iter().find(|s| s.name == "C0ABCDEF123").unwrap();
    assert_eq!(id_space.kind, SpaceKind::Channel);
}

#[test]
fn canvases_lists_huddle_transcripts_and_canvas_conversations_with_content() {
    // The same root files when they list something: file objects are skipped with a note;
    // file_conversations.json lists the conversations about canvases, whose folders
    // (`FC:<file id>:<title>`) hold comments, which are messages people wrote.
    let file_conversations = r#"[{"id": "C0FC1", "name": "FC:F0CANVAS1:Plans", "created": 1748851200, "creator": "USLACKBOT",
        "is_archived": false, "members": ["U1", "U2"], "topic": {"value": "", "creator": "", "last_set": 0},
        "purpose": {"value": "", "creator": "", "last_set": 0}}]"#;
    let manifest = r#"{"version": 2, "metadata": {"created_at": 1767225600, "created_at_iso": "2026-01-01T00:00:00Z",
        "export_type": "MANUAL_COMPLIANCE", "exporter": "slack", "file_count": 9, "total_bytes": 4096},
        "checksum": {"algorithm": "sha256-agg-v2", "value": "00"}}"#;
    let comments = r#"[
      {"type": "message", "user": "U1", "text": "looks good", "ts": "1748851200.000100"},
      {"type": "message", "user": "U2", "text": "agreed", "ts": "1748851260.000100", "thread_ts": "1748851200.000100"}
    ]"#;
    let canvases = file_object("F0CANVAS1", "quip", "application/vnd.slack-docs", "Plans");
    let lists = file_object("F0LIST1", "list", "application/vnd.slack-list", "To-do");
    let huddles =
        file_object("F0HUDDLE1", "huddle_transcript", "application/vnd.slack-huddle-transcript", "Huddle transcript");
    let zip = zip_of(&[
        (".slack-manifest.json", manifest),
        ("users.json", USERS_2025),
        ("channels.json", CHANNELS_2025),
        ("file_conversations.json", file_conversations),
        ("canvases.json", &canvases),
        ("lists.json", &lists),
        ("huddle_transcripts.json", &huddles),
        ("FC:F0CANVAS1:Plans/2025-06-02.json", comments),
    ]);
    let (r, s) = load(vec![InputFile::new("export.zip", zip)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.files_loaded, 8);
    assert_eq!((s.people, s.spaces, s.posts, s.replies, s.system_messages), (3, 3, 1, 1, 0));
    assert_eq!(
        r.warnings,
        [
            "1 Slack export manifest was skipped: it describes the export, not conversations",
            "3 Slack lists of canvases, lists or huddle transcripts were skipped: they describe documents, not conversations",
        ]
    );
    let fc = r.dataset.spaces.iter().find(|s| s.key == "slack:C0FC1").unwrap();
    assert_eq!(fc.name, "FC:F0CANVAS1:Plans");
}

#[test]
fn subtype_families_decide_events_and_never_swallow_people_writing() {
    // Members of the event families that no list names are events; the subtypes of people
    // writing stay posts and replies whatever family their name resembles.
    let day = r#"[
      {"type": "message", "subtype": "channel_bookmark_added", "user": "U1", "text": "x", "ts": "1600000000.000100"},
      {"type": "message", "subtype": "group_canvas_updated", "user": "U1", "text": "x", "ts": "1600000001.000100"},
      {"type": "message", "subtype": "bot_enable", "user": "U1", "text": "x", "ts": "1600000002.000100"},
      {"type": "message", "subtype": "reminder_done", "user": "U1", "text": "x", "ts": "1600000003.000100"},
      {"type": "message", "subtype": "huddle_room_shared", "user": "U1", "text": "x", "ts": "1600000004.000100"},
      {"type": "message", "subtype": "mpim_join", "user": "U1", "text": "x", "ts": "1600000005.000100"},
      {"type": "message", "subtype": "file_share", "user": "U1", "text": "x", "ts": "1600000006.000100"},
      {"type": "message", "subtype": "file_mention", "user": "U1", "text": "x", "ts": "1600000007.000100"},
      {"type": "message", "subtype": "me_message", "user": "U2", "text": "x", "ts": "1600000008.000100"},
      {"type": "message", "subtype": "thread_broadcast", "user": "U2", "text": "x", "ts": "1600000009.000100", "thread_ts": "1600000006.000100"},
      {"type": "message", "subtype": "bot_message", "bot_id": "B1", "text": "x", "ts": "1600000010.000100"},
      {"type": "message", "subtype": "slackbot_response", "user": "USLACKBOT", "text": "x", "ts": "1600000011.000100"}
    ]"#;
    let (r, s) =
        load(vec![file("users.json", USERS), file("channels.json", CHANNELS), file("general/2020-09-13.json", day)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!((s.system_messages, s.posts, s.replies, s.bot_messages), (6, 3, 1, 2));
    assert!(!has_warning(&r, "unfamiliar subtype"), "{:?}", r.warnings);
}
