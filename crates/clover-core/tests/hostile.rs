//! Hostile and broken exports, built in code (no sample files): markup and control
//! characters in names, enormous names, duplicate ids, impossible times, reply loops, deep
//! nesting, byte-order marks and CRLF, numbers beyond 2^53, invalid UTF-8 and ZIP bombs,
//! in the formats that can carry them.
//!
//! Each case asserts that the import neither panics nor hangs (inputs are bounded), and
//! either loads the usable part with counts derived by hand beside each assertion, or
//! reports an error that names the file and the problem. Whatever is dropped is counted
//! in a warning, whose exact text is asserted. The rules are in docs/formats.md, section
//! "Hostile and broken input".

use clover_core::model::render_count;
use std::io::Write;

use clover_core::analytics::{analyze, Params};
use clover_core::import::{import_files, ImportOptions, ImportResult, InputFile};
use clover_core::model::{MessageKind, Person, Space, NONE};
use clover_core::stats::{summarize, ImportSummary};

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fn run_with(opts: &ImportOptions, files: Vec<InputFile>) -> (ImportResult, ImportSummary) {
    let r = import_files(files, opts);
    let s = summarize(&r);
    // Whatever loaded must also analyse without a panic (times are the usual culprit).
    let _ = analyze(&r.dataset, &Params::default());
    (r, s)
}

fn run(files: Vec<InputFile>) -> (ImportResult, ImportSummary) {
    run_with(&ImportOptions::default(), files)
}

fn text(name: &str, body: &str) -> InputFile {
    InputFile::new(name, body.as_bytes().to_vec())
}

/// A JSON string literal (quotes and escapes included).
fn js(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// (people, bots, spaces, posts, replies, system, bot messages, reactions, mentions)
fn tally(s: &ImportSummary) -> [u64; 9] {
    [s.people, s.bots, s.spaces, s.posts, s.replies, s.system_messages, s.bot_messages, s.reactions, s.mentions]
}

fn assert_warning(s: &ImportSummary, exact: &str) {
    assert!(s.warnings.iter().any(|w| w == exact), "no warning {exact:?} in {:#?}", s.warnings);
}

fn assert_no_warning_containing(s: &ImportSummary, part: &str) {
    assert!(!s.warnings.iter().any(|w| w.contains(part)), "unexpected warning with {part:?} in {:#?}", s.warnings);
}

/// The only error, whose file and message must be these.
fn assert_one_error(s: &ImportSummary, file: &str, message: &str) {
    assert_eq!(s.errors.len(), 1, "{:#?}", s.errors);
    assert_eq!((s.errors[0].file.as_str(), s.errors[0].message.as_str()), (file, message));
}

fn person<'a>(r: &'a ImportResult, key: &str) -> &'a Person {
    r.dataset.people.iter().find(|p| p.key == key).unwrap_or_else(|| panic!("no person {key}: {:?}", keys(r)))
}

fn space<'a>(r: &'a ImportResult, key: &str) -> &'a Space {
    r.dataset.spaces.iter().find(|s| s.key == key).unwrap_or_else(|| panic!("no space {key}"))
}

fn keys(r: &ImportResult) -> Vec<&str> {
    r.dataset.people.iter().map(|p| p.key.as_str()).collect()
}

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

// Names that try to be markup, to reverse text, to hide, or that are just emoji.
const SCRIPT: &str = "<script>alert('x')</script>";
const IMG: &str = "<img src=x onerror=\"alert(document.cookie)\">";
const RTL: &str = "\u{202E}fdp.exe\u{202C} Ann";
const ZERO_WIDTH: &str = "B\u{200B}o\u{200C}b\u{200D}\u{2060}";
const EMOJI: &str = "👩🏽‍💻 Dev 🎉🇳🇴";
const PAYLOADS: [&str; 5] = [SCRIPT, IMG, RTL, ZERO_WIDTH, EMOJI];

// ---------------------------------------------------------------------------------------
// Names are text: kept verbatim, escaping is the UI's job
// ---------------------------------------------------------------------------------------

#[test]
fn markup_bidi_zero_width_and_emoji_names_are_kept_verbatim_in_slack() {
    // users.json: U1..U5 named by the payloads (real_name); two channels named by payloads.
    // A channel name is also its folder, so `</script>` (it holds a slash) cannot be one:
    // the channels are IMG and EMOJI.
    let users: Vec<String> = PAYLOADS
        .iter()
        .enumerate()
        .map(|(i, n)| {
            format!(r#"{{"id": "U{}", "name": "u{}", "real_name": {}, "profile": {{}}}}"#, i + 1, i + 1, js(n))
        })
        .collect();
    let channels = format!(
        r#"[{{"id": "C1", "name": {}, "created": 1, "members": []}}, {{"id": "C2", "name": {}, "created": 1, "members": []}}]"#,
        js(IMG),
        js(EMOJI)
    );
    let day = |u: usize, ts: u64| {
        format!(r#"[{{"type": "message", "user": "U{u}", "text": {}, "ts": "{ts}.000100"}}]"#, js(SCRIPT))
    };
    let day_img = day(1, 1_600_000_000);
    let day_emoji = day(2, 1_600_000_001);
    let archive = zip_of(&[
        ("export/users.json", format!("[{}]", users.join(",")).as_bytes()),
        ("export/channels.json", channels.as_bytes()),
        (&format!("export/{IMG}/2020-09-13.json"), day_img.as_bytes()),
        (&format!("export/{EMOJI}/2020-09-13.json"), day_emoji.as_bytes()),
    ]);
    let (r, s) = run(vec![InputFile::new("slack.zip", archive)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // 5 users (none a bot), 2 channels whose folders match their names, 1 post in each.
    assert_eq!(tally(&s), [5, 0, 2, 2, 0, 0, 0, 0, 0]);
    for (i, n) in PAYLOADS.iter().enumerate() {
        assert_eq!(person(&r, &format!("slack:U{}", i + 1)).name, *n);
    }
    assert_eq!(space(&r, "slack:C1").name, IMG);
    assert_eq!(space(&r, "slack:C2").name, EMOJI);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
}

#[test]
fn markup_bidi_zero_width_and_emoji_names_are_kept_verbatim_in_mattermost_clover_teams_discord() {
    // Mattermost: one user line per payload (first_name), a channel whose display name is
    // the script, one post by each user.
    let mut mm = String::from("{\"type\": \"version\", \"version\": 1}\n");
    mm += &format!(
        "{{\"type\": \"channel\", \"channel\": {{\"team\": \"t\", \"name\": \"c\", \"display_name\": {}, \"type\": \"O\"}}}}\n",
        js(SCRIPT)
    );
    for (i, n) in PAYLOADS.iter().enumerate() {
        mm += &format!("{{\"type\": \"user\", \"user\": {{\"username\": \"u{i}\", \"first_name\": {}}}}}\n", js(n));
        mm += &format!(
            "{{\"type\": \"post\", \"post\": {{\"team\": \"t\", \"channel\": \"c\", \"user\": \"u{i}\", \"message\": {}, \"create_at\": {}}}}}\n",
            js(IMG),
            1_600_000_000_000u64 + i as u64
        );
    }
    let (r, s) = run(vec![text("export.jsonl", &mm)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // 5 users, 1 channel, 5 posts.
    assert_eq!(tally(&s), [5, 0, 1, 5, 0, 0, 0, 0, 0]);
    for (i, n) in PAYLOADS.iter().enumerate() {
        assert_eq!(person(&r, &format!("mattermost:u{i}")).name, *n);
    }
    assert_eq!(space(&r, "mattermost:t:c").name, SCRIPT);

    // Clover JSON: people, a department and a space named by payloads.
    let people: Vec<String> = PAYLOADS
        .iter()
        .enumerate()
        .map(|(i, n)| {
            format!(r#"{{"id": "p{i}", "name": {}, "department": {}, "title": {}}}"#, js(n), js(IMG), js(RTL))
        })
        .collect();
    let doc = format!(
        r#"{{"format": "clover", "version": 1, "people": [{}], "spaces": [{{"id": "s", "name": {}}}],
            "messages": [{{"id": "m", "space": "s", "author": "p0", "time": "2024-01-01T00:00:00Z", "reactions": [{{"person": "p1", "emoji": {}}}]}}]}}"#,
        people.join(","),
        js(EMOJI),
        js(SCRIPT)
    );
    let (r, s) = run(vec![text("clover.json", &doc)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // 5 people, 1 space, 1 post with 1 reaction by someone else.
    assert_eq!(tally(&s), [5, 0, 1, 1, 0, 0, 0, 1, 0]);
    for (i, n) in PAYLOADS.iter().enumerate() {
        let p = person(&r, &format!("clover:p{i}"));
        assert_eq!((p.name.as_str(), p.title.as_deref()), (*n, Some(RTL)));
        assert_eq!(r.dataset.department(i as u32), Some(IMG));
    }
    assert_eq!(space(&r, "clover:s").name, EMOJI);
    assert_eq!(r.dataset.string(r.dataset.reactions.emoji[0]), SCRIPT);

    // Teams (Graph): a user list and a channel list with payload names, one message each.
    let users: Vec<String> = PAYLOADS
        .iter()
        .enumerate()
        .map(|(i, n)| format!(r#"{{"id": "u{i}", "displayName": {}, "mail": "u{i}@x.org"}}"#, js(n)))
        .collect();
    let channels =
        format!(r#"[{{"id": "19:c@thread.tacv2", "displayName": {}, "membershipType": "standard"}}]"#, js(ZERO_WIDTH));
    let messages: Vec<String> = (0..PAYLOADS.len())
        .map(|i| {
            format!(
                r#"{{"id": "17000000000{i:02}", "messageType": "message", "createdDateTime": "2023-11-14T22:13:{i:02}Z",
                    "from": {{"user": {{"id": "u{i}", "displayName": "someone else"}}}}, "body": {{"content": {}}},
                    "channelIdentity": {{"teamId": "T", "channelId": "19:c@thread.tacv2"}}}}"#,
                js(SCRIPT)
            )
        })
        .collect();
    let (r, s) = run(vec![
        text("usersList.json", &format!("[{}]", users.join(","))),
        text("channels.json", &channels),
        text("messages.json", &format!("[{}]", messages.join(","))),
    ]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // 5 listed users (a message's displayName never renames a listed person), 1 channel,
    // 5 posts.
    assert_eq!(tally(&s), [5, 0, 1, 5, 0, 0, 0, 0, 0]);
    for (i, n) in PAYLOADS.iter().enumerate() {
        assert_eq!(person(&r, &format!("teams:u{i}")).name, *n);
    }
    assert_eq!(space(&r, "teams:19:c@thread.tacv2").name, ZERO_WIDTH);

    // Discord: a channel named by a payload, authors with payload names and nicknames.
    let messages: Vec<String> = PAYLOADS
        .iter()
        .enumerate()
        .map(|(i, n)| {
            format!(
                r#"{{"id": "{}", "type": "Default", "timestamp": "2020-01-01T00:00:0{i}+00:00", "content": {},
                    "author": {{"id": "a{i}", "name": "plain", "nickname": {}, "isBot": false}}}}"#,
                100 + i,
                js(IMG),
                js(n)
            )
        })
        .collect();
    let doc = format!(
        r#"{{"guild": {{"id": "g", "name": {}}}, "channel": {{"id": "c", "type": "GuildTextChat", "name": {}}}, "messages": [{}]}}"#,
        js(SCRIPT),
        js(RTL),
        messages.join(",")
    );
    let (r, s) = run(vec![text("discord.json", &doc)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // 5 authors, 1 channel, 5 posts; a nickname is preferred to the name.
    assert_eq!(tally(&s), [5, 0, 1, 5, 0, 0, 0, 0, 0]);
    for (i, n) in PAYLOADS.iter().enumerate() {
        assert_eq!(person(&r, &format!("discord:a{i}")).name, *n);
    }
    assert_eq!(space(&r, "discord:c").name, RTL);
}

// ---------------------------------------------------------------------------------------
// 100 000-character names: cut to 256 characters, counted
// ---------------------------------------------------------------------------------------

const CUT_WARNING: &str =
    "{n} {name, title, department, location or emoji was|names, titles, departments, locations or emoji were} longer than 256 characters and {was|were} cut to 256 (ending in …)";

#[test]
fn names_of_100_000_characters_are_cut_to_256_characters_with_a_warning() {
    let long_x = "x".repeat(100_000);
    let long_e = "é".repeat(100_000); // two bytes each: the cut must fall between characters
    let long_id = "i".repeat(100_000);
    let doc = format!(
        r#"{{"format": "clover", "version": 1,
            "people": [{{"id": "a", "name": "{long_x}", "department": "{long_e}"}}, {{"id": "{long_id}"}}],
            "spaces": [{{"id": "s", "name": "{long_e}"}}],
            "messages": [{{"id": "m1", "space": "s", "author": "a", "time": "2024-01-01T00:00:00Z"}},
                         {{"id": "m2", "space": "s", "author": "{long_id}", "time": "2024-01-01T00:00:01Z"}}]}}"#
    );
    let (r, s) = run(vec![text("long.json", &doc)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(tally(&s), [2, 0, 1, 2, 0, 0, 0, 0, 0]);
    // Cut: a's name, a's department, the space's name, and the name shown for the person
    // known only by a 100 000-character id (the id itself, in the key, is kept whole).
    assert_warning(&s, &render_count(CUT_WARNING, 4));
    let a = person(&r, "clover:a");
    assert_eq!(a.name, format!("{}…", "x".repeat(255)));
    assert_eq!(a.name.chars().count(), 256);
    assert_eq!(r.dataset.department(0), Some(format!("{}…", "é".repeat(255)).as_str()));
    assert_eq!(space(&r, "clover:s").name, format!("{}…", "é".repeat(255)));
    let by_id = person(&r, &format!("clover:{long_id}"));
    assert_eq!(by_id.name, format!("{}…", "i".repeat(255)));

    // A long department or emoji is counted once, however many people or reactions use it.
    let long_emoji = "e".repeat(1_000);
    let doc = format!(
        r#"{{"format": "clover", "version": 1,
            "people": [{{"id": "a", "department": "{long_x}"}}, {{"id": "b", "department": "{long_x}"}}, {{"id": "c"}}],
            "messages": [{{"id": "m1", "space": "s", "author": "a", "time": "2024-01-01T00:00:00Z",
              "reactions": [{{"person": "b", "emoji": "{long_emoji}"}}, {{"person": "c", "emoji": "{long_emoji}"}}]}}]}}"#
    );
    let (r, s) = run(vec![text("emoji.json", &doc)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.reactions, 2);
    assert_warning(&s, &render_count(CUT_WARNING, 2));
    assert_eq!(r.dataset.string(r.dataset.reactions.emoji[0]).chars().count(), 256);

    // The same rule in a Slack users.json; a name of exactly 256 characters is kept.
    let users = format!(
        r#"[{{"id": "U1", "real_name": "{long_x}", "profile": {{}}}}, {{"id": "U2", "real_name": "{}", "profile": {{}}}}]"#,
        "y".repeat(256)
    );
    let day = r#"[{"type": "message", "user": "U1", "ts": "1600000000.000100"}, {"type": "message", "user": "U2", "ts": "1600000001.000100"}]"#;
    let (r, s) = run(vec![text("users.json", &users), text("general/2020-09-13.json", day)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(person(&r, "slack:U1").name.chars().count(), 256);
    assert_eq!(person(&r, "slack:U2").name, "y".repeat(256));
    assert_warning(&s, &render_count(CUT_WARNING, 1));
}

// ---------------------------------------------------------------------------------------
// Duplicate ids
// ---------------------------------------------------------------------------------------

const RENAMED: &str =
    "{n} {person is|people are} described more than once under the same id with different names; the last name read was kept";
const TWICE: &str =
    "{n} message{s} {appears|appear} more than once (the same id, in one file or in several); each was counted once, with its reactions merged";

#[test]
fn duplicate_people_and_messages_are_kept_once_and_counted() {
    // Clover JSON: u1 twice with different names, u2 twice with the same name; m1 twice
    // (the second copy has another author, time and a reaction).
    let doc = r#"{"format": "clover", "version": 1,
        "people": [{"id": "u1", "name": "Ann"}, {"id": "u2", "name": "Bo"}, {"id": "u1", "name": "Mallory"}, {"id": "u2", "name": "Bo"}],
        "messages": [{"id": "m1", "space": "s", "author": "u1", "time": "2024-01-01T00:00:00Z"},
                     {"id": "m1", "space": "s", "author": "u2", "time": "2025-01-01T00:00:00Z", "reactions": [{"person": "u2"}]}]}"#;
    let (r, s) = run(vec![text("dup.json", doc)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // 2 people, 1 message (the first copy: by u1, in 2024); the second copy's reaction
    // merges into it (u2 reacting to u1's post counts).
    assert_eq!(tally(&s), [2, 0, 1, 1, 0, 0, 0, 1, 0]);
    assert_eq!(person(&r, "clover:u1").name, "Mallory");
    assert_eq!(s.first.as_deref(), Some("2024-01-01T00:00:00.000Z"));
    assert_eq!(r.dataset.messages.author, [0]);
    assert_warning(&s, &render_count(RENAMED, 1));
    assert_warning(&s, &render_count(TWICE, 1));

    // Slack: U1 twice in users.json; the same ts twice in a day file, by two people.
    let users = r#"[{"id": "U1", "real_name": "Ann", "profile": {}}, {"id": "U2", "real_name": "Bo"}, {"id": "U1", "real_name": "Eve"}]"#;
    let day = r#"[{"type": "message", "user": "U1", "ts": "1600000000.000100"}, {"type": "message", "user": "U2", "ts": "1600000000.000100"}]"#;
    let (r, s) = run(vec![text("users.json", users), text("general/2020-09-13.json", day)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(tally(&s), [2, 0, 1, 1, 0, 0, 0, 0, 0]);
    assert_eq!(person(&r, "slack:U1").name, "Eve");
    assert_warning(&s, &render_count(RENAMED, 1));
    assert_warning(&s, &render_count(TWICE, 1));

    // Mattermost: a user line twice with different names; two posts by the same user in
    // the same channel at the same millisecond share their key (Mattermost has no ids).
    let mm = "{\"type\": \"user\", \"user\": {\"username\": \"ann\", \"first_name\": \"Ann\"}}\n\
              {\"type\": \"user\", \"user\": {\"username\": \"ann\", \"first_name\": \"Anna\"}}\n\
              {\"type\": \"post\", \"post\": {\"team\": \"t\", \"channel\": \"c\", \"user\": \"ann\", \"message\": \"a\", \"create_at\": 1600000000000}}\n\
              {\"type\": \"post\", \"post\": {\"team\": \"t\", \"channel\": \"c\", \"user\": \"ann\", \"message\": \"b\", \"create_at\": 1600000000000}}\n";
    let (r, s) = run(vec![text("mm.jsonl", mm)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(tally(&s), [1, 0, 1, 1, 0, 0, 0, 0, 0]);
    assert_eq!(person(&r, "mattermost:ann").name, "Anna");
    assert_warning(&s, &render_count(RENAMED, 1));
    assert_warning(&s, &render_count(TWICE, 1));

    // Discord: the same message id twice; the same author id under two names. Authors are
    // named by the first message that names them (names change over time): no warning.
    let msg = |id: &str, author: &str| {
        format!(
            r#"{{"id": "{id}", "type": "Default", "timestamp": "2020-01-01T00:00:00+00:00", "author": {{"id": "a1", "name": "{author}"}}}}"#
        )
    };
    let doc = format!(
        r#"{{"guild": {{"id": "g"}}, "channel": {{"id": "c", "name": "general"}}, "messages": [{}, {}, {}]}}"#,
        msg("1", "Ann"),
        msg("1", "Ann"),
        msg("2", "Mallory")
    );
    let (r, s) = run(vec![text("d.json", &doc)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(tally(&s), [1, 0, 1, 2, 0, 0, 0, 0, 0]);
    assert_eq!(person(&r, "discord:a1").name, "Ann");
    assert_warning(&s, &render_count(TWICE, 1));
    assert_no_warning_containing(&s, "described more than once under the same id");

    // Teams: the same message id twice in one channel.
    let m = r#"{"id": "1700000000000", "messageType": "message", "createdDateTime": "2023-11-14T22:13:20Z",
        "from": {"user": {"id": "u1", "displayName": "Ann"}}, "channelIdentity": {"teamId": "T", "channelId": "19:c"}}"#;
    let (_, s) = run(vec![text("messages.json", &format!("[{m}, {m}]"))]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(tally(&s), [1, 0, 1, 1, 0, 0, 0, 0, 0]);
    assert_warning(&s, &render_count(TWICE, 1));
}

// ---------------------------------------------------------------------------------------
// Times: 1970 to 2099 are possible; anything else is dropped and counted
// ---------------------------------------------------------------------------------------

const IMPOSSIBLE: &str =
    "{n} message{s} {has|have} an impossible time (before 1970 or after 2099, or unreadable as a date) and {was|were} skipped, with {its|their} reactions and mentions";

#[test]
fn times_before_1970_after_2099_negative_and_absurd_are_dropped_and_counted() {
    let doc = r#"{"format": "clover", "version": 1, "people": [{"id": "a", "joined": -86400000}, {"id": "b", "joined": "2100-06-01"}],
      "messages": [
        {"id": "epoch", "space": "s", "author": "a", "time": 0, "reactions": [{"person": "b", "time": 1e20}, {"person": "b", "emoji": "x", "time": -1}]},
        {"id": "iso1970", "space": "s", "author": "a", "time": "1970-01-01T00:00:00Z"},
        {"id": "last", "space": "s", "author": "a", "time": "2099-12-31T23:59:59.999Z"},
        {"id": "y2100", "space": "s", "author": "a", "time": "2100-01-01T00:00:00Z", "mentions": ["b"], "reactions": [{"person": "b"}]},
        {"id": "reply", "space": "s", "author": "b", "time": "2024-01-01T00:00:00Z", "parent": "y2100"},
        {"id": "neg", "space": "s", "author": "a", "time": -1},
        {"id": "y1969", "space": "s", "author": "a", "time": "1969-12-31T23:59:59Z"},
        {"id": "huge", "space": "s", "author": "a", "time": 1e20},
        {"id": "p53", "space": "s", "author": "a", "time": 9007199254740993},
        {"id": "imax", "space": "s", "author": "a", "time": 9223372036854775807},
        {"id": "umax", "space": "s", "author": "a", "time": 18446744073709551615}
      ]}"#;
    let (r, s) = run(vec![text("times.json", doc)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // Kept: epoch, iso1970, last (posts) and reply (its parent is dropped: a reply without
    // a thread). Dropped by the time rule: y2100, neg, y1969, p53 (2^53 + 1 ms is the year
    // 287 396), imax -> 5, with y2100's reaction and mention. Unreadable as a time (the
    // importer's own warning): huge (1e20 is beyond what a time can be) and umax (beyond
    // 64-bit signed) -> 2.
    assert_eq!(tally(&s), [2, 0, 1, 3, 1, 0, 0, 2, 0]);
    assert_warning(&s, &render_count(IMPOSSIBLE, 5));
    assert_warning(
        &s,
        "2 Clover JSON messages have a \"time\" that is not ISO 8601 or epoch milliseconds and were skipped",
    );
    assert_warning(&s, "1 reply answers a message that is not in the export; it counts as a reply without a thread");
    // epoch's two reactions (1e20 is unreadable, -1 impossible) take the message's time.
    assert_warning(&s, "1 Clover JSON reaction has an unreadable \"time\"; the message's time was used");
    assert_warning(&s, "1 reaction has an impossible time (before 1970 or after 2099); its message's time was used");
    assert_eq!(r.dataset.reactions.time, [0, 0]);
    assert_warning(&s, "2 people have an impossible join date (before 1970 or after 2099); it was ignored");
    assert_eq!((r.dataset.people[0].joined_ms, r.dataset.people[1].joined_ms), (None, None));
    assert_eq!(s.first.as_deref(), Some("1970-01-01T00:00:00.000Z"));
    assert_eq!(s.last.as_deref(), Some("2099-12-31T23:59:59.999Z"));
    // Epoch 0 and 1970 are possible, and flagged as suspicious (seconds written as ms?).
    assert_warning(&s, "2 Clover JSON times are before 1990: epoch numbers must be milliseconds, not seconds");
}

#[test]
fn impossible_times_in_slack_mattermost_discord_and_teams() {
    // Slack ts: 1970 kept; 2100 dropped; negative, 1e20, 20 digits and a number too big
    // to be exact have no readable ts.
    let day = r#"[
      {"type": "message", "user": "U1", "ts": "0000000000.000100"},
      {"type": "message", "user": "U1", "ts": "4102444800.000000"},
      {"type": "message", "user": "U1", "ts": "-1600000000.000100"},
      {"type": "message", "user": "U1", "ts": "1e20"},
      {"type": "message", "user": "U1", "ts": "99999999999999999999"},
      {"type": "message", "user": "U1", "ts": 1e20},
      {"type": "message", "user": "U1", "ts": 1600000000.5}
    ]"#;
    let (r, s) = run(vec![text("general/2020-09-13.json", day)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // Kept: the 1970 one and the numeric 1600000000.5 -> 2 posts.
    assert_eq!((s.posts, r.dataset.messages.time.clone()), (2, vec![0, 1_600_000_000_500]));
    assert_warning(&s, &render_count(IMPOSSIBLE, 1));
    assert_warning(&s, "4 Slack messages had no readable timestamp (ts) and were skipped");

    // Mattermost create_at: 2^53 + 1 and i64::MAX are numbers, but impossible times;
    // 1e20, -5 and 0 are no time.
    let post = |t: &str| {
        format!("{{\"type\": \"post\", \"post\": {{\"team\": \"t\", \"channel\": \"c\", \"user\": \"u\", \"create_at\": {t}}}}}\n")
    };
    let mm: String =
        ["1600000000000", "9007199254740993", "9223372036854775807", "\"4102444800000\"", "1e20", "-5", "0"]
            .iter()
            .map(|t| post(t))
            .collect();
    let (_, s) = run(vec![text("mm.jsonl", &mm)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.posts, 1);
    assert_warning(&s, &render_count(IMPOSSIBLE, 3));
    assert_warning(&s, "3 Mattermost posts had no time (create_at) and were skipped");

    // Discord timestamps (ISO with offsets), judged in UTC: year 0, 1969 and 2100 are
    // impossible; 06:59:59+07:00 on 2100-01-01 is 2099-12-31T23:59:59Z, the last second.
    let msg = |id: u32, t: &str| {
        format!(r#"{{"id": "{id}", "type": "Default", "timestamp": "{t}", "author": {{"id": "a", "name": "A"}}}}"#)
    };
    let doc = format!(
        r#"{{"guild": {{"id": "g"}}, "channel": {{"id": "c", "name": "x"}}, "messages": [{}, {}, {}, {}, {}]}}"#,
        msg(1, "2020-01-01T00:00:00+07:00"),
        msg(2, "0000-01-01T00:00:00+00:00"),
        msg(3, "1969-12-31T23:59:59.999+00:00"),
        msg(4, "2100-01-01T07:00:00+07:00"),
        msg(5, "2100-01-01T06:59:59+07:00")
    );
    let (_, s) = run(vec![text("d.json", &doc)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.posts, 2);
    assert_eq!(s.last.as_deref(), Some("2099-12-31T23:59:59.000Z"));
    assert_warning(&s, &render_count(IMPOSSIBLE, 3));

    // Teams: 9999-12-31 is impossible; an unreadable date falls back to the id's time
    // (Graph ids are epoch ms), which is impossible too when the id is 9999999999999.
    let m = |id: &str, t: &str| {
        format!(
            r#"{{"id": "{id}", "messageType": "message", "createdDateTime": "{t}", "from": {{"user": {{"id": "u1"}}}}, "chatId": "19:chat"}}"#
        )
    };
    let doc = format!(
        "[{}, {}, {}]",
        m("1700000000000", "2023-11-14T22:13:20Z"),
        m("1700000000001", "9999-12-31T23:59:59Z"),
        m("9999999999999", "soon")
    );
    let (_, s) = run(vec![text("messages.json", &doc)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.posts, 1);
    assert_warning(&s, &render_count(IMPOSSIBLE, 2));
    assert_warning(&s, "1 Teams message had no readable createdDateTime; its time was taken from its id");
}

#[test]
fn a_time_at_the_end_of_i64_neither_overflows_the_import_nor_the_analytics() {
    // Regression: i64::MAX ms used to load, and the analytics overflowed computing days.
    let doc = r#"{"format": "clover", "version": 1, "people": [{"id": "a"}, {"id": "b"}],
      "messages": [{"id": "1", "space": "s", "author": "a", "time": 9223372036854775807},
                   {"id": "2", "space": "s", "author": "b", "time": -9223372036854775807},
                   {"id": "3", "space": "s", "author": "b", "time": 1600000000000, "parent": "1"}]}"#;
    let (r, s) = run(vec![text("t.json", doc)]);
    assert_eq!((s.posts, s.replies), (0, 1));
    assert_warning(&s, &render_count(IMPOSSIBLE, 2));
    // Reached without "attempt to multiply with overflow" (debug) or a wrapped window.
    let a = analyze(&r.dataset, &Params::default());
    assert_eq!((a.window.from.as_deref(), a.window.days), (Some("2020-09-13"), 1));
}

// ---------------------------------------------------------------------------------------
// Replies: missing parents, loops, self-parents, long chains
// ---------------------------------------------------------------------------------------

const MISSING_PARENT: &str =
    "{n} {reply answers|replies answer} a message that is not in the export; {it counts as a reply|they count as replies} without a thread";
const LOOPS: &str =
    "{n} {reply is in a reply loop|replies are in reply loops} (replies answering each other in a circle, or themselves); each loop was cut at its reply that came first in the files, which counts as a reply without a thread";

#[test]
fn reply_loops_self_parents_and_missing_parents_are_cut_and_counted() {
    // In file order: p (post); r1 -> p; orphan -> gone; A -> B; B -> A; S -> S; C -> A
    // (C leads into the A-B loop but is not in it); D -> C. All at distinct times, in
    // file order, so that rows (sorted by time) are in file order too.
    let msgs = [
        ("p", None),
        ("r1", Some("p")),
        ("orphan", Some("gone")),
        ("A", Some("B")),
        ("B", Some("A")),
        ("S", Some("S")),
        ("C", Some("A")),
        ("D", Some("C")),
    ];
    let list: Vec<String> = msgs
        .iter()
        .enumerate()
        .map(|(i, (id, parent))| {
            let parent = parent.map_or(String::new(), |p| format!(r#", "parent": "{p}""#));
            format!(
                r#"{{"id": "{id}", "space": "s", "author": "a", "time": {}{parent}}}"#,
                1_600_000_000_000u64 + i as u64
            )
        })
        .collect();
    let doc =
        format!(r#"{{"format": "clover", "version": 1, "people": [{{"id": "a"}}], "messages": [{}]}}"#, list.join(","));
    let (r, s) = run(vec![text("loops.json", &doc)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // Every message with a parent is a reply: 7 replies, 1 post.
    assert_eq!((s.posts, s.replies), (1, 7));
    assert!(r.dataset.messages.kind[1..].iter().all(|&k| k == MessageKind::Reply));
    assert_warning(&s, &render_count(MISSING_PARENT, 1));
    // Loops: A-B (2 replies) and S (1) -> 3; C and D are not in a loop.
    assert_warning(&s, &render_count(LOOPS, 3));
    let m = &r.dataset.messages;
    // Rows: 0 p, 1 r1, 2 orphan, 3 A, 4 B, 5 S, 6 C, 7 D.
    assert_eq!(m.parent, [NONE, 0, NONE, NONE, 3, NONE, 3, 6]);
    // A (cut: first of its loop in the file) and S have no thread; B, C, D join A's.
    assert_eq!(m.root, [0, 0, NONE, NONE, 3, NONE, 3, 3]);

    // Slack threads that point at each other (X's thread_ts is Y's ts and the other way).
    let day = r#"[
      {"type": "message", "user": "U1", "ts": "1600000000.000100", "thread_ts": "1600000001.000100"},
      {"type": "message", "user": "U1", "ts": "1600000001.000100", "thread_ts": "1600000000.000100"},
      {"type": "message", "user": "U1", "ts": "1600000002.000100", "thread_ts": "1500000000.000000"}
    ]"#;
    let (r, s) = run(vec![text("general/2020-09-13.json", day)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.posts, s.replies), (0, 3));
    assert_warning(&s, &render_count(LOOPS, 2));
    assert_warning(&s, &render_count(MISSING_PARENT, 1));
    assert_eq!(r.dataset.messages.parent, [NONE, 0, NONE]);

    // Discord replies whose references loop, and a reply to itself.
    let msg = |id: u32, re: u32| {
        format!(
            r#"{{"id": "{id}", "type": "Reply", "timestamp": "2020-01-01T00:00:0{id}Z", "author": {{"id": "a", "name": "A"}}, "reference": {{"messageId": "{re}"}}}}"#
        )
    };
    let doc = format!(
        r#"{{"guild": {{"id": "g"}}, "channel": {{"id": "c", "name": "x"}}, "messages": [{}, {}, {}, {}]}}"#,
        msg(1, 2),
        msg(2, 3),
        msg(3, 1),
        msg(4, 4)
    );
    let (r, s) = run(vec![text("d.json", &doc)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.replies, 4);
    assert_warning(&s, &render_count(LOOPS, 4));
    assert_eq!(r.dataset.messages.parent, [NONE, 2, 0, NONE]);
    assert_eq!(r.dataset.messages.root, [NONE, 0, 0, NONE]);
}

#[test]
fn a_chain_of_20_000_replies_is_one_thread_and_not_a_loop() {
    // Regression: roots were found by walking at most 10 000 parents per reply, so replies
    // deeper than that were cut as "loops", and long chains took quadratic time.
    let n = 20_000usize;
    let mut list = vec![r#"{"id": "0", "space": "s", "author": "a", "time": 1600000000000}"#.to_string()];
    for i in 1..n {
        list.push(format!(
            r#"{{"id": "{i}", "space": "s", "author": "a", "time": {}, "parent": "{}"}}"#,
            1_600_000_000_000u64 + i as u64,
            i - 1
        ));
    }
    let doc =
        format!(r#"{{"format": "clover", "version": 1, "people": [{{"id": "a"}}], "messages": [{}]}}"#, list.join(","));
    let (r, s) = run(vec![text("chain.json", &doc)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.posts, s.replies), (1, n as u64 - 1));
    assert_no_warning_containing(&s, "loop");
    assert!(r.dataset.messages.root.iter().all(|&x| x == 0));
    assert!(r.dataset.messages.parent.iter().enumerate().skip(1).all(|(i, &p)| p == i as u32 - 1));
}

#[test]
fn fifty_thousand_replies_into_a_loop_are_resolved_in_one_pass() {
    // Regression: each of these replies used to walk 10 000 steps around the loop (5·10^8
    // steps in all) and was then itself cut as a loop.
    let n = 50_000usize;
    let mut list = vec![
        r#"{"id": "A", "space": "s", "author": "a", "time": 1600000000000, "parent": "B"}"#.to_string(),
        r#"{"id": "B", "space": "s", "author": "a", "time": 1600000000001, "parent": "A"}"#.to_string(),
    ];
    for i in 0..n {
        list.push(format!(
            r#"{{"id": "r{i}", "space": "s", "author": "a", "time": 1600000001000, "parent": "{}"}}"#,
            if i % 2 == 0 { "A" } else { "B" }
        ));
    }
    let doc =
        format!(r#"{{"format": "clover", "version": 1, "people": [{{"id": "a"}}], "messages": [{}]}}"#, list.join(","));
    let (r, s) = run(vec![text("many.json", &doc)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.replies, n as u64 + 2);
    // Only A and B are in the loop; A came first and is cut; everything else is in A's thread.
    assert_warning(&s, &render_count(LOOPS, 2));
    let m = &r.dataset.messages;
    assert_eq!(m.root.iter().filter(|&&x| x == 0).count(), n + 1);
    assert_eq!((m.parent[0], m.root[0]), (NONE, NONE));
}

// ---------------------------------------------------------------------------------------
// Deep nesting: 100 000 nested arrays
// ---------------------------------------------------------------------------------------

const DEPTH: usize = 100_000;

fn deep() -> String {
    format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH))
}

const TOO_DEEP: &str =
    "lists or objects are nested more than 127 levels deep (no export nests like this; the file is damaged or hostile)";
const REPLIES_TOO_DEEP: &str = "replies are nested inside replies more than 16 levels deep (no export nests like this; the file is damaged or hostile)";

#[test]
fn deep_nesting_in_fields_clover_ignores_is_skipped_without_recursion() {
    // Fields the importers do not read, or read leniently, are skipped by serde_json
    // without recursing: 100 000 levels load like any other value.
    let d = deep();
    let slack = format!(
        r#"[{{"type": "message", "user": "U1", "ts": "1600000000.000100", "blocks": {d}, "text": {d}, "reactions": {d}}},
            {{"type": "message", "user": "U2", "ts": "1600000001.000100"}}]"#
    );
    let clover = format!(
        r#"{{"format": "clover", "version": 1, "x-generator": {d}, "messages": [{{"id": "m", "space": "s", "author": "a", "time": 1600000000000, "extra": {d}}}]}}"#
    );
    let mm = format!(
        "{{\"type\": \"post\", \"post\": {{\"team\": \"t\", \"channel\": \"c\", \"user\": \"u\", \"create_at\": 1600000000000, \"props\": {d}, \"message\": {d}}}}}\n"
    );
    let discord = format!(
        r#"{{"guild": {{"id": "g"}}, "channel": {{"id": "c", "name": "x", "topic": {d}}}, "messages": [{{"id": "1", "type": "Default", "timestamp": "2020-01-01T00:00:00Z", "author": {{"id": "a", "name": "A"}}, "content": {d}, "embeds": {d}}}]}}"#
    );
    let teams = format!(
        r#"[{{"id": "1700000000000", "messageType": "message", "createdDateTime": "2023-11-14T22:13:20Z", "from": {{"user": {{"id": "u1"}}}}, "chatId": "19:c", "body": {{"content": {d}}}, "attachments": {d}}}]"#
    );
    for (name, body, posts) in [
        ("general/2020-09-13.json", slack, 2),
        ("clover.json", clover, 1),
        ("mm.jsonl", mm, 1),
        ("discord.json", discord, 1),
        ("teams.json", teams, 1),
    ] {
        let (_, s) = run(vec![text(name, &body)]);
        assert!(s.errors.is_empty(), "{name}: {:?}", s.errors);
        assert_eq!(s.posts, posts, "{name}");
    }
}

#[test]
fn deep_nesting_where_content_is_read_is_a_clear_error_naming_the_file() {
    let d = deep();
    // A roster JSON is read whole: too deep is an error, and nothing of it loads. The
    // department's value starts at column 37 inside 2 containers ([ and {): the 128th
    // container is its 126th "[", at column 36 + 126.
    let (_, s) = run(vec![text("roster.json", &format!(r#"[{{"email": "a@x.org", "department": {d}}}]"#))]);
    assert_one_error(&s, "roster.json", &format!("{TOO_DEEP} at line 1, column 162"));
    assert_eq!(s.files_loaded, 0);

    // Clover JSON lists of mentions hold ids: a list there is refused (strict format).
    let doc = format!(
        r#"{{"format": "clover", "version": 1, "messages": [{{"id": "m", "space": "s", "author": "a", "time": 1600000000000, "mentions": [{d}]}}]}}"#
    );
    let (_, s) = run(vec![text("clover.json", &doc)]);
    assert_eq!(s.errors.len(), 1, "{:?}", s.errors);
    assert_eq!(s.errors[0].file, "clover.json");
    // Column 126 is the first "[" inside the mentions list, where a string was expected.
    assert!(
        s.errors[0]
            .message
            .starts_with("unexpected content at line 1, column 126: invalid type: sequence, expected a string"),
        "{:?}",
        s.errors
    );
    assert_eq!(s.files_loaded, 0);
}

#[test]
fn replies_nested_100_000_deep_are_refused_before_the_stack_runs_out() {
    // Regression: Teams' and Mattermost's replies hold replies; serde_json's own limit
    // (128 levels) let 63 levels of these big records through, which needs more than 1 MB
    // of stack in a debug build (a WebAssembly worker has 1 MB). They stop at 16 levels.
    let levels = DEPTH;
    let mm_reply = ",\"replies\": [{\"user\": \"u\", \"create_at\": 1600000000001";
    let mm = format!(
        "{{\"type\": \"post\", \"post\": {{\"team\": \"t\", \"channel\": \"c\", \"user\": \"u\", \"create_at\": 1600000000000{}{}}}}}\n\
         {{\"type\": \"post\", \"post\": {{\"team\": \"t\", \"channel\": \"c\", \"user\": \"u\", \"create_at\": 1600000000002}}}}\n",
        mm_reply.repeat(levels),
        "}]".repeat(levels)
    );
    let (_, s) = run(vec![text("mm.jsonl", &mm)]);
    // The first line is skipped (counted, with its reason); the second loads.
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.posts, 1);
    assert_warning(
        &s,
        &format!("1 unreadable value in mm.jsonl was skipped (the first at line 1: {REPLIES_TOO_DEEP})"),
    );

    let teams_reply = r#", "replies": [{"id": "2", "messageType": "message", "createdDateTime": "2023-11-14T22:13:20Z", "chatId": "19:c""#;
    let teams = format!(
        r#"[{{"id": "0", "messageType": "message", "createdDateTime": "2023-11-14T22:13:20Z", "from": {{"user": {{"id": "u1"}}}}, "chatId": "19:c"}},
            {{"id": "1", "messageType": "message", "createdDateTime": "2023-11-14T22:13:20Z", "chatId": "19:c"{}{}}}]"#,
        teams_reply.repeat(levels),
        "}]".repeat(levels)
    );
    let (_, s) = run(vec![text("messages.json", &teams)]);
    // The first record loads; the file stops at the 17th level of replies.
    assert_eq!(s.posts, 1);
    assert_eq!(s.files_loaded, 1);
    assert_eq!(s.errors.len(), 1, "{:?}", s.errors);
    assert_eq!(s.errors[0].file, "messages.json");
    assert!(s.errors[0].message.contains(REPLIES_TOO_DEEP), "{:?}", s.errors);
    assert!(s.errors[0].message.ends_with("; the 1 records before it were read"), "{:?}", s.errors);

    // 16 levels are fine: the whole chain is read, as replies of one thread.
    let ok = format!(
        "{{\"type\": \"post\", \"post\": {{\"team\": \"t\", \"channel\": \"c\", \"user\": \"u\", \"create_at\": 1600000000000{}{}}}}}\n",
        (1..=16).map(|i| format!(",\"replies\": [{{\"user\": \"u\", \"create_at\": {}", 1_600_000_000_000u64 + i)).collect::<String>(),
        "}]".repeat(16)
    );
    let (_, s) = run(vec![text("ok.jsonl", &ok)]);
    assert!(
        s.errors.is_empty() && s.warnings.iter().all(|w| !w.contains("unreadable")),
        "{:?} {:?}",
        s.errors,
        s.warnings
    );
    assert_eq!((s.posts, s.replies), (1, 16));
}

#[test]
fn a_mattermost_line_that_never_closes_is_skipped_in_linear_time() {
    // Regression (found while fuzzing by hand): each line opens a list it never closes, so a
    // parse that starts on any line swallows every line after it and fails only at the end
    // of the file. Reading resumed at the next line and parsed to the end again: quadratic
    // (a 19 MB file took 149 s in a release build). Now the lines inside the failed region
    // are read one each, and the good last line is still found.
    let n = 3_000;
    let mut mm = String::from("{\"type\": \"user\", \"user\": {\"username\": \"ann\"}}\n");
    for _ in 0..n {
        mm += &format!("{{\"a\": [{}\n", "0,".repeat(200));
    }
    mm += "{\"type\": \"post\", \"post\": {\"team\": \"t\", \"channel\": \"c\", \"user\": \"ann\", \"create_at\": 1600000000000}}\n";
    assert!(mm.len() > 1_200_000);
    let (_, s) = run(vec![text("mm.jsonl", &mm)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // The user line and the last line load; the 3 000 broken lines are counted.
    assert_eq!((s.people, s.posts), (1, 1));
    assert_warning(
        &s,
        &format!("{n} unreadable values in mm.jsonl were skipped (the first at line 2: the JSON ends early (truncated?): EOF while parsing a list)"),
    );
}

#[test]
fn message_text_full_of_mention_openers_is_read_in_linear_time() {
    // Regression: every "<@" (Slack) or "[[user:" (Viva Engage) searched the rest of the
    // text for its end: 300 000 of them took about 10^11 steps. Ids are at most 32 bytes.
    let openers = "<@".repeat(300_000);
    // (The keys that tell a Slack message come first: a file is recognised from its first
    // 256 KB.)
    let day = format!(r#"[{{"type": "message", "user": "U1", "ts": "1600000000.000100", "text": "{openers}<@U2>"}}]"#);
    let (_, s) = run(vec![text("general/2020-09-13.json", &day)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // The one well-formed mention at the end still counts.
    assert_eq!((s.posts, s.mentions), (1, 1));

    let body = "[[user:".repeat(300_000);
    let feed = format!(
        r#"{{"messages": [{{"id": 1, "thread_id": 1, "sender_id": 10, "sender_type": "user", "created_at": "2013/03/13 21:08:48 +0000", "body": {{"parsed": "{body}[[user:11]]"}}}}], "references": [], "meta": {{}}}}"#
    );
    let (_, s) = run(vec![text("messages.json", &feed)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.posts, s.mentions), (1, 1));
}

#[test]
fn slack_reactions_without_a_name_are_counted_not_dropped_silently() {
    // Regression: a reaction with no name, or one that is not an object, vanished unsaid.
    let day = r#"[{"type": "message", "user": "U1", "ts": "1600000000.000100",
      "reactions": [{"name": "tada", "users": ["U2"], "count": 1}, {"users": ["U2"], "count": 1}, {"name": "", "users": ["U3"]}, 7, null]}]"#;
    let (_, s) = run(vec![text("general/2020-09-13.json", day)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.reactions, 1);
    assert_warning(&s, "4 Slack reactions had no emoji name (or were not objects) and were skipped");
}

// ---------------------------------------------------------------------------------------
// Byte-order marks and CRLF line endings
// ---------------------------------------------------------------------------------------

#[test]
fn bom_and_crlf_in_json_jsonl_and_csv_load_exactly() {
    const BOM: &str = "\u{FEFF}";
    let users = format!(
        "{BOM}[\r\n  {{\"id\": \"U1\", \"real_name\": \"Ann\", \"profile\": {{\"email\": \"ann@x.org\"}}}}\r\n]\r\n"
    );
    let day = format!("{BOM}[\r\n{{\"type\": \"message\", \"user\": \"U1\", \"text\": \"hi\\r\\n<@U2>\", \"ts\": \"1600000000.000100\"}}\r\n]\r\n");
    let clover = format!(
        "{BOM}{{\"format\": \"clover\", \"version\": 1,\r\n\"people\": [{{\"id\": \"b\", \"name\": \"Bo\", \"email\": \"bo@x.org\"}}],\r\n\"messages\": [{{\"id\": \"m\", \"space\": \"s\", \"author\": \"b\", \"time\": \"2020-09-13T12:00:00Z\"}}]}}\r\n"
    );
    let mm = format!(
        "{BOM}{{\"type\": \"version\", \"version\": 1}}\r\n{{\"type\": \"user\", \"user\": {{\"username\": \"cy\", \"first_name\": \"Cy\", \"email\": \"cy@x.org\"}}}}\r\n\
         {{\"type\": \"post\", \"post\": {{\"team\": \"t\", \"channel\": \"c\", \"user\": \"cy\", \"create_at\": 1600000000000}}}}\r\n\r\n"
    );
    let roster = format!(
        "{BOM}Email,Name,Department,Leader\r\nann@x.org,Ann,Sales,yes\r\nbo@x.org,Bo,Ops,no\r\ncy@x.org,Cy,Ops,\r\n"
    );
    let (r, s) = run(vec![
        text("users.json", &users),
        text("general/2020-09-13.json", &day),
        text("clover.json", &clover),
        text("export.jsonl", &mm),
        text("roster.csv", &roster),
    ]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.files_loaded, 5);
    // Ann (Slack), Bo (Clover), Cy (Mattermost) and U2 (mentioned only); 3 spaces; 3 posts;
    // the mention of U2 counts.
    assert_eq!(tally(&s), [4, 0, 3, 3, 0, 0, 0, 0, 1]);
    assert_eq!(s.formats, ["clover", "slack", "mattermost", "roster"]);
    // Every roster row found its person by email; no "\r" or BOM leaked into a value.
    let ann = person(&r, "slack:U1");
    assert_eq!((ann.name.as_str(), ann.leader), ("Ann", true));
    let dept = |key: &str| person(&r, key).department.map(|d| r.dataset.string(d));
    assert_eq!(
        [dept("slack:U1"), dept("clover:b"), dept("mattermost:cy"), dept("slack:U2")],
        [Some("Sales"), Some("Ops"), Some("Ops"), None]
    );
    assert_eq!(r.dataset.roster.as_ref().map(|x| (x.headcount, x.matched)), Some((3, 3)));
    assert_eq!(person(&r, "mattermost:cy").name, "Cy");
    assert!(!s.warnings.iter().any(|w| w.contains("roster rows match nobody")), "{:?}", s.warnings);
}

// ---------------------------------------------------------------------------------------
// Numbers beyond 2^53
// ---------------------------------------------------------------------------------------

#[test]
fn ids_beyond_2_53_keep_every_digit_and_ids_beyond_64_bits_are_refused() {
    // 2^53 + 1 and u64::MAX are integers serde_json reads exactly: every digit is kept,
    // and a number and a string with the same digits are the same id.
    let doc = r#"{"format": "clover", "version": 1,
      "people": [{"id": 9007199254740993, "name": "Big"}, {"id": "18446744073709551615", "name": "Max"}],
      "messages": [{"id": 18446744073709551615, "space": 9007199254740993, "author": "9007199254740993", "time": 1600000000000},
                   {"id": 18446744073709551614, "space": 9007199254740993, "author": 18446744073709551615, "time": 1600000000001}]}"#;
    let (r, s) = run(vec![text("ids.json", doc)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(tally(&s), [2, 0, 1, 2, 0, 0, 0, 0, 0]);
    assert_eq!(person(&r, "clover:9007199254740993").name, "Big");
    assert_eq!(person(&r, "clover:18446744073709551615").name, "Max");
    assert_eq!(r.dataset.spaces[0].key, "clover:9007199254740993");

    // Beyond 64 bits serde_json keeps ~17 digits: these two ids would read as one person.
    // Regression: they were merged silently. Clover JSON now refuses the file, saying why
    // and where (the number ends at column 54 of line 2).
    let doc = r#"{"format": "clover", "version": 1,
      "people": [{"id": 123456789012345678901234567890, "name": "A"}, {"id": 123456789012345678901234567891, "name": "B"}]}"#;
    let (_, s) = run(vec![text("huge.json", doc)]);
    assert_one_error(
        &s,
        "huge.json",
        "unexpected content at line 2, column 54: the number 1.2345678901234568e29 is too big to be read exactly (more than 64 bits); write ids as strings at line 2 column 54",
    );

    // Viva Engage ids are numbers: beyond 64 bits they are missing ids (counted), never merged.
    let feed = r#"{"messages": [
        {"id": 123456789012345678901, "sender_id": 1, "sender_type": "user", "created_at": "2013/03/13 21:08:48 +0000", "thread_id": 123456789012345678901, "body": {"plain": "a"}},
        {"id": 123456789012345678902, "sender_id": 1, "sender_type": "user", "created_at": "2013/03/13 21:08:49 +0000", "thread_id": 123456789012345678902, "body": {"plain": "b"}},
        {"id": 9007199254740993, "sender_id": 1, "sender_type": "user", "created_at": "2013/03/13 21:08:50 +0000", "thread_id": 9007199254740993, "body": {"plain": "c"}}
      ], "references": [], "meta": {}}"#;
    let (r, s) = run(vec![text("messages.json", feed)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.posts, 1);
    assert_warning(&s, "2 Viva Engage messages had no id and were skipped");
    assert_no_warning_containing(&s, "more than once (the same id");
    assert_eq!(r.dataset.messages.len(), 1);
}

// ---------------------------------------------------------------------------------------
// Invalid UTF-8 and other encodings
// ---------------------------------------------------------------------------------------

#[test]
fn invalid_utf8_is_an_error_naming_the_file_or_a_counted_skip() {
    // A Slack day file: the messages before the bad bytes load; the file is reported with
    // where the bad byte is (column 46 of line 2).
    let day = b"[{\"type\": \"message\", \"user\": \"U1\", \"ts\": \"1600000000.000100\"},\n {\"type\": \"message\", \"user\": \"U1\", \"text\": \"a\xff\xfeb\", \"ts\": \"1600000001.000100\"}]";
    let (_, s) = run(vec![InputFile::new("general/2020-09-13.json", day.to_vec())]);
    assert_eq!(s.posts, 1);
    assert_one_error(
        &s,
        "general/2020-09-13.json",
        "read 1 messages, then stopped: not valid JSON at line 2, column 46: invalid unicode code point at line 2 column 46",
    );

    // Clover JSON: nothing of a file that does not parse is loaded (\xc3 is at column 68).
    let doc = b"{\"format\": \"clover\", \"version\": 1, \"people\": [{\"id\": \"a\", \"name\": \"\xc3\x28\"}]}";
    let (_, s) = run(vec![InputFile::new("c.json", doc.to_vec())]);
    assert_one_error(
        &s,
        "c.json",
        "not valid JSON at line 1, column 68: invalid unicode code point at line 1 column 68",
    );
    assert_eq!(s.people, 0);

    // Mattermost: the bad line is skipped and counted; the others load.
    let mm = b"{\"type\": \"user\", \"user\": {\"username\": \"a\xff\"}}\n{\"type\": \"user\", \"user\": {\"username\": \"bob\"}}\n";
    let (_, s) = run(vec![InputFile::new("mm.jsonl", mm.to_vec())]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.people, 1);
    assert_warning(&s, "1 unreadable value in mm.jsonl was skipped (the first at line 1: invalid unicode code point)");

    // A roster CSV cell: the bad byte becomes U+FFFD, the row is kept.
    let (r, s) = run(vec![
        text("c.json", r#"{"format": "clover", "version": 1, "people": [{"id": "a", "email": "a@x.org"}]}"#),
        InputFile::new("roster.csv", b"email,department\na@x.org,Sal\xffes\n".to_vec()),
    ]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(r.dataset.department(0), Some("Sal\u{FFFD}es"));

    // Files that are not UTF-8 at all.
    let (_, s) = run(vec![InputFile::new("latin1.csv", b"\xe9mail,d\xe9partement\na,b\n".to_vec())]);
    assert_one_error(&s, "latin1.csv", "not a supported export: it is neither JSON nor UTF-8 text");
    let (_, s) = run(vec![InputFile::new("utf16.csv", b"\xff\xfee\x00m\x00a\x00i\x00l\x00".to_vec())]);
    assert_one_error(&s, "utf16.csv", "not a supported export: it is UTF-16 text; save it as UTF-8");
}

// ---------------------------------------------------------------------------------------
// ZIP bombs
// ---------------------------------------------------------------------------------------

const MIB_64: usize = 64 << 20;

/// A one-entry ZIP of 64 MiB of zeros (about 65 KB deflated), built once: deflating takes
/// about a second in a debug build.
fn zeros_zip() -> &'static [u8] {
    static ZIP: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    ZIP.get_or_init(|| {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(9));
        w.start_file("zeros.bin", opts).unwrap();
        let mib = vec![0u8; 1 << 20];
        for _ in 0..MIB_64 >> 20 {
            w.write_all(&mib).unwrap();
        }
        w.finish().unwrap().into_inner()
    })
}

/// `copies` entries of 64 MiB of zeros after `first` files: each entry has its own copy of
/// the deflated bytes (a classic bomb, no overlap).
fn bomb(first: &[(&str, &[u8])], copies: usize) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(zeros_zip())).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in first {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(bytes).unwrap();
    }
    for i in 0..copies {
        w.raw_copy_file_rename(src.by_index_raw(0).unwrap(), format!("zeros-{i:02}.bin")).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const SLACK_USERS: &str = r#"[{"id": "U1", "real_name": "Ann", "profile": {}}]"#;
const SLACK_DAY: &str = r#"[{"type": "message", "user": "U1", "ts": "1600000000.000100"}]"#;

#[test]
fn a_zip_bomb_stops_at_the_limit_and_what_came_before_it_loads() {
    // 16 entries of 64 MiB of zeros (1 GiB) in about 1 MB, after a small Slack export.
    let archive =
        bomb(&[("users.json", SLACK_USERS.as_bytes()), ("general/2020-09-13.json", SLACK_DAY.as_bytes())], 16);
    assert!(archive.len() < 1_200_000, "{}", archive.len());
    // The limit is lowered to 1 MB to keep the test fast (the rule is the same at 4 GB).
    let opts = ImportOptions { max_unzipped_bytes: 1_000_000, ..Default::default() };
    let (_, s) = run_with(&opts, vec![InputFile::new("slack.zip", archive)]);
    // The two Slack files (a few hundred bytes) load; the first bomb entry declares 64 MiB
    // (67.1 MB), more than what is left of 1 MB: the archive stops there, nothing inflated.
    assert_eq!(s.files_loaded, 2);
    assert_eq!(tally(&s), [1, 0, 1, 1, 0, 0, 0, 0, 0]);
    assert_one_error(
        &s,
        "slack.zip › zeros-00.bin",
        "stopped: this entry would inflate to 67.1 MB and the archive limit is 1.0 MB in total (a ZIP bomb, or an export too large for the browser: use the clover CLI)",
    );

    // A lying header: the entry says 1 000 bytes and inflates to 64 MiB. The ZIP reader
    // refuses to inflate past the declared size (which is within the limit).
    let mut lie = bomb(&[], 1);
    let local = lie.windows(4).position(|w| w == b"PK\x03\x04").unwrap();
    let central = lie.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
    lie[local + 22..local + 26].copy_from_slice(&1000u32.to_le_bytes());
    lie[central + 24..central + 28].copy_from_slice(&1000u32.to_le_bytes());
    let (_, s) = run_with(&opts, vec![InputFile::new("lie.zip", lie)]);
    assert_one_error(
        &s,
        "lie.zip › zeros-00.bin",
        "cannot be inflated: File is larger than its declared uncompressed size; the archive may be truncated or damaged",
    );
}

/// A ZIP64 archive of one deflated entry whose headers claim `claimed` bytes (more than
/// 4 GiB needs ZIP64's 8-byte sizes) while it inflates to `data`.
fn zip64_claiming(name: &str, data: &[u8], claimed: u64) -> Vec<u8> {
    let mut deflated = Vec::new();
    let mut enc = flate2::write::DeflateEncoder::new(&mut deflated, flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap();
    let mut crc = flate2::Crc::new();
    crc.update(data);
    let zip64_extra = |z: &mut Vec<u8>| {
        z.extend(1u16.to_le_bytes()); // ZIP64 extended information
        z.extend(16u16.to_le_bytes());
        z.extend(claimed.to_le_bytes()); // uncompressed size
        z.extend((deflated.len() as u64).to_le_bytes()); // compressed size
    };
    let mut z = Vec::new();
    z.extend(b"PK\x03\x04");
    for v in [45u16, 0, 8, 0, 0] {
        z.extend(v.to_le_bytes()); // version needed, flags, deflate, time, date
    }
    z.extend(crc.sum().to_le_bytes());
    z.extend(u32::MAX.to_le_bytes());
    z.extend(u32::MAX.to_le_bytes());
    z.extend((name.len() as u16).to_le_bytes());
    z.extend(20u16.to_le_bytes());
    z.extend(name.as_bytes());
    zip64_extra(&mut z);
    z.extend(&deflated);
    let central = z.len();
    z.extend(b"PK\x01\x02");
    for v in [45u16, 45, 0, 8, 0, 0] {
        z.extend(v.to_le_bytes()); // made by, needed, flags, deflate, time, date
    }
    z.extend(crc.sum().to_le_bytes());
    z.extend(u32::MAX.to_le_bytes());
    z.extend(u32::MAX.to_le_bytes());
    z.extend((name.len() as u16).to_le_bytes());
    z.extend(20u16.to_le_bytes());
    for v in [0u16, 0, 0] {
        z.extend(v.to_le_bytes()); // comment length, disk, internal attributes
    }
    z.extend(0u32.to_le_bytes()); // external attributes
    z.extend(0u32.to_le_bytes()); // local header offset
    z.extend(name.as_bytes());
    zip64_extra(&mut z);
    let central_len = z.len() - central;
    z.extend(b"PK\x05\x06");
    for v in [0u16, 0, 1, 1] {
        z.extend(v.to_le_bytes());
    }
    z.extend((central_len as u32).to_le_bytes());
    z.extend((central as u32).to_le_bytes());
    z.extend(0u16.to_le_bytes());
    z
}

#[test]
fn the_default_4_gb_limit_stops_an_entry_that_claims_5_gib_before_inflating_it() {
    // The headers say 5 GiB; the entry actually holds a 2-byte JSON list. Nothing is
    // inflated: the declared size alone is over the default limit (4 GiB = 4.3 GB).
    let archive = zip64_claiming("users.json", b"[]", 5 << 30);
    assert!(archive.len() < 300);
    let (_, s) = run(vec![InputFile::new("claims.zip", archive.clone())]);
    assert_one_error(
        &s,
        "claims.zip › users.json",
        "stopped: this entry would inflate to 5.4 GB and the archive limit is 4.3 GB in total (a ZIP bomb, or an export too large for the browser: use the clover CLI)",
    );
    assert_eq!(s.files_loaded, 0);
    // The same archive claiming 2 bytes is an ordinary archive (the hand-made ZIP64 is valid).
    let (_, s) = run(vec![InputFile::new("honest.zip", zip64_claiming("users.json", b"[]", 2))]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_warning(&s, "1 file held an empty list: nothing to load from it");
}

#[test]
fn overlapping_entries_are_refused_before_anything_is_inflated_at_the_default_limit() {
    // Regression: 100 central-directory entries pointing at the same 65 KB of deflated
    // zeros claim 6.7 GB; each entry is under the 4 GiB limit, so the import inflated 4 GiB
    // into memory before stopping. Overlapping entries are now refused outright.
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(zeros_zip())).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.raw_copy_file(src.by_index_raw(0).unwrap()).unwrap();
    for i in 1..100 {
        w.shallow_copy_file("zeros.bin", &format!("copy-{i:03}.bin")).unwrap();
    }
    let archive = w.finish().unwrap().into_inner();
    assert!(archive.len() < 80_000, "{}", archive.len());
    let (_, s) = run(vec![InputFile::new("overlap.zip", archive)]);
    assert_one_error(
        &s,
        "overlap.zip",
        "refused: entries of this archive overlap (they share their compressed bytes), the mark of a ZIP bomb; no export is written like this",
    );
}

#[test]
fn many_entries_and_archives_nested_too_deep() {
    // 5 000 entries of "[]" and one real file: one counted warning, no error per entry.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..5_000 {
        w.start_file(format!("empty/{i}.json"), stored).unwrap();
        w.write_all(b"[]").unwrap();
    }
    w.start_file("users.json", stored).unwrap();
    w.write_all(SLACK_USERS.as_bytes()).unwrap();
    let (_, s) = run(vec![InputFile::new("many.zip", w.finish().unwrap().into_inner())]);
    assert!(s.errors.is_empty(), "{:?}", s.errors.len());
    assert_eq!((s.files_loaded, s.people), (1, 1));
    assert_warning(&s, "5000 files held an empty list: nothing to load from them");

    // An archive inside an archive is opened; one more level is left closed, and said so.
    let inner = zip_of(&[("users.json", SLACK_USERS.as_bytes())]);
    let middle = zip_of(&[("inner.zip", &inner), ("users.json", SLACK_USERS.as_bytes())]);
    let outer = zip_of(&[("middle.zip", &middle)]);
    let (_, s) = run(vec![InputFile::new("outer.zip", outer)]);
    assert_eq!((s.files_loaded, s.people), (1, 1));
    assert_one_error(
        &s,
        "outer.zip › middle.zip › inner.zip",
        "a ZIP archive nested deeper than Clover opens (an archive inside an archive inside an archive); unzip it and drop its files",
    );
}
