//! Clover JSON (version 1): the documented example, every rule on small inline inputs,
//! errors that name the file, and no panics on hostile bytes.

use std::path::{Path, PathBuf};

use clover_core::import::{import_files, ImportOptions, ImportResult, InputFile};
use clover_core::stats::{counts, ImportSummary};
use clover_core::{Dataset, MessageKind, SpaceKind};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn import(files: &[(&str, &str)]) -> ImportResult {
    let files = files.iter().map(|(n, b)| InputFile::new(*n, b.as_bytes().to_vec())).collect();
    import_files(files, &ImportOptions::default())
}

fn summary(r: &ImportResult) -> ImportSummary {
    counts(&r.dataset)
}

fn person<'a>(ds: &'a Dataset, key: &str) -> &'a clover_core::Person {
    ds.people.iter().find(|p| p.key == key).unwrap_or_else(|| panic!("no person {key}"))
}

/// The fenced ```json blocks of a Markdown file.
fn json_blocks(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = md;
    while let Some(i) = rest.find("```json\n") {
        rest = &rest[i + 8..];
        let end = rest.find("```").expect("unclosed block");
        out.push(rest[..end].to_string());
        rest = &rest[end + 3..];
    }
    out
}

fn doc_example() -> String {
    let md = std::fs::read_to_string(repo().join("docs/formats.md")).expect("docs/formats.md");
    json_blocks(&md)
        .into_iter()
        .find(|b| b.contains("\"format\": \"clover\""))
        .expect("a Clover JSON example in docs/formats.md")
}

#[test]
fn the_documented_example_parses_with_the_documented_counts() {
    let r = import(&[("example.json", &doc_example())]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let s = summary(&r);
    assert_eq!(s.formats, ["clover"]);
    // people: u1..u4 are humans (u3 deactivated), "deploy" has bot: true.
    assert_eq!((s.people, s.bots, s.deactivated), (4, 1, 1));
    // spaces: general, leads, dm-u1-u2.
    assert_eq!(s.spaces, 3);
    // m1, m6, m7 are top-level messages by people.
    assert_eq!(s.posts, 3);
    // m2 has parent m1; m3 has parent m2.
    assert_eq!(s.replies, 2);
    // m4 is kind system; m5 is by the bot.
    assert_eq!((s.system_messages, s.bot_messages), (1, 1));
    // m1: u2 tada + u3 +1; m3: u1 (like); m5: u2 rocket.
    assert_eq!(s.reactions, 4);
    assert_eq!(s.mentions, 1);
    assert_eq!(s.first.as_deref(), Some("2024-02-01T09:00:00.000Z"));
    assert_eq!(s.last.as_deref(), Some("2024-02-04T16:45:00.250Z"));
    let ds = &r.dataset;
    // Ada leads by title (chief), Dana by "leader": true; Ben and Chen do not.
    let leaders: Vec<&str> = ds.people.iter().filter(|p| p.leader).map(|p| p.name.as_str()).collect();
    assert_eq!(leaders, ["Ada Okafor", "Dana Rossi"]);
    assert_eq!(ds.department(ds.people.iter().position(|p| p.key == "clover:u2").unwrap() as u32), Some("Engineering"));
    assert_eq!(person(ds, "clover:u2").joined_ms, Some(1_705_276_800_000)); // 2024-01-15
    assert_eq!(ds.roster.as_ref().map(|r| r.headcount), Some(250));
    // m3 answers m2, in m1's thread.
    let row = |t: i64| ds.messages.time.iter().position(|&x| x == t).unwrap() as u32;
    let (m1, m2, m3) = (row(1_706_778_000_000), row(1_706_778_720_000), row(1_706_779_800_000));
    assert_eq!(ds.messages.parent[m3 as usize], m2);
    assert_eq!(ds.messages.root[m3 as usize], m1);
    assert_eq!(ds.messages.root[m2 as usize], m1);
    let dm = ds.spaces.iter().find(|s| s.key == "clover:dm-u1-u2").unwrap();
    assert_eq!((dm.kind, dm.public), (SpaceKind::Direct, false));
    let leads = ds.spaces.iter().find(|s| s.key == "clover:leads").unwrap();
    assert_eq!((leads.kind, leads.public, leads.name.as_str()), (SpaceKind::PrivateChannel, false, "leadership"));
}

#[test]
fn the_schema_describes_the_example() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("docs/clover.schema.json")).unwrap()).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["properties"]["format"]["const"], "clover");
    assert_eq!(schema["properties"]["version"]["const"], 1);
    let example: serde_json::Value = serde_json::from_str(&doc_example()).unwrap();
    // Every key the example uses is described by the schema.
    let defs = &schema["$defs"];
    let check = |items: &serde_json::Value, def: &str| {
        for item in items.as_array().unwrap() {
            for k in item.as_object().unwrap().keys() {
                assert!(defs[def]["properties"].get(k).is_some(), "{def}.{k} is not in the schema");
            }
        }
    };
    for k in example.as_object().unwrap().keys() {
        assert!(schema["properties"].get(k).is_some(), "{k} is not in the schema");
    }
    check(&example["people"], "person");
    check(&example["spaces"], "space");
    check(&example["messages"], "message");
    for m in example["messages"].as_array().unwrap() {
        if let Some(rx) = m.get("reactions") {
            check(rx, "reaction");
        }
    }
    // No text field, by design.
    assert!(defs["message"]["properties"].get("text").is_none());
    for key in ["id", "space", "author", "time"] {
        assert!(defs["message"]["required"].as_array().unwrap().iter().any(|v| v == key));
    }
}

const HEAD: &str = r#""format": "clover", "version": 1"#;

#[test]
fn replies_threads_and_missing_parents() {
    let doc = format!(
        r#"{{{HEAD}, "people": [{{"id": "a", "name": "A"}}, {{"id": "b", "name": "B"}}],
        "spaces": [{{"id": "s"}}],
        "messages": [
          {{"id": "r2", "space": "s", "author": "a", "time": "2024-01-01T10:02:00Z", "parent": "r1"}},
          {{"id": "p", "space": "s", "author": "a", "time": "2024-01-01T10:00:00Z"}},
          {{"id": "r1", "space": "s", "author": "b", "time": "2024-01-01T10:01:00Z", "parent": "p"}},
          {{"id": "orphan", "space": "s", "author": "b", "time": "2024-01-01T11:00:00Z", "parent": "gone"}},
          {{"id": "bare", "space": "s", "author": "b", "time": "2024-01-01T12:00:00Z", "kind": "reply"}},
          {{"id": "kindpost", "space": "s", "author": "b", "time": "2024-01-01T13:00:00Z", "kind": "post", "parent": "p"}}
        ]}}"#
    );
    let r = import(&[("t.json", &doc)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let s = summary(&r);
    // Only "p" starts a thread; everything with a parent (or kind reply) is a reply.
    assert_eq!((s.posts, s.replies), (1, 5));
    assert!(
        r.warnings
            .iter()
            .any(|w| w == "1 reply answers a message that is not in the export; it counts as a reply without a thread"),
        "{:?}",
        r.warnings
    );
    // Note: model/builder.rs currently also reports "orphan" and "bare" as "a loop of replies"
    // (a reply without a resolved parent takes the loop branch of finish()); reported to the lead.
    let ds = &r.dataset;
    // Sorted by time: p, r1, r2, orphan, bare, kindpost.
    assert_eq!(ds.messages.root[..3], [0, 0, 0]);
    assert_eq!(ds.messages.parent[2], 1);
    assert_eq!(ds.messages.parent[3], u32::MAX);
    assert_eq!(ds.messages.parent[5], 0);
}

#[test]
fn bots_system_messages_and_reactions() {
    let doc = format!(
        r#"{{{HEAD}, "people": [{{"id": "a"}}, {{"id": "bot", "bot": true}}, {{"id": "c", "bot": "false"}}],
        "messages": [
          {{"id": "1", "space": "s", "author": "bot", "time": "2024-01-01T10:00:00Z",
            "reactions": [{{"person": "a", "emoji": "tada"}}, {{"person": "a", "emoji": "tada"}}, {{"person": "a"}}, {{"person": "bot", "emoji": "robot"}}, {{"emoji": "x"}}]}},
          {{"id": "2", "space": "s", "author": "bot", "time": "2024-01-01T10:01:00Z", "kind": "system"}},
          {{"id": "3", "space": "s", "author": "bot", "time": "2024-01-01T10:02:00Z", "parent": "1"}},
          {{"id": "4", "space": "s", "author": "c", "time": 1704103380000, "kind": "SYSTEM"}},
          {{"id": "5", "space": "s", "author": "c", "time": "2024-01-01T10:04:00Z", "kind": "announcement"}}
        ]}}"#
    );
    let r = import(&[("t.json", &doc)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let s = summary(&r);
    // a and c are people ("bot": "false" is a no); bot is a bot.
    assert_eq!((s.people, s.bots), (2, 1));
    // 1 and 3 are by the bot (a bot's reply is a bot message); 2 and 4 are system whoever wrote them.
    assert_eq!((s.bot_messages, s.system_messages), (2, 2));
    // 5 has an unknown kind: read as a post.
    assert_eq!((s.posts, s.replies), (1, 0));
    // a: tada (twice -> once) and like; the bot's own reaction is not counted; one has no person.
    assert_eq!(s.reactions, 2);
    assert_eq!(r.dataset.reactions.len(), 3);
    let w = r.warnings.join("\n");
    assert!(w.contains("1 Clover JSON reaction has no \"person\""), "{w}");
    assert!(w.contains("1 Clover JSON message has an unknown \"kind\";"), "{w}");
    assert!(w.contains("1 Clover JSON space is used by messages but not listed"), "{w}");
    let emoji: Vec<&str> = r.dataset.reactions.emoji.iter().map(|&e| r.dataset.string(e)).collect();
    assert!(emoji.contains(&"like"), "{emoji:?}");
}

#[test]
fn the_same_message_in_two_files_counts_once() {
    let a = format!(
        r#"{{{HEAD}, "people": [{{"id": "a"}}, {{"id": "b"}}], "messages": [
          {{"id": "m1", "space": "s", "author": "a", "time": "2024-01-01T10:00:00Z", "reactions": [{{"person": "b", "emoji": "+1"}}]}}]}}"#
    );
    let b = format!(
        r#"{{{HEAD}, "messages": [
          {{"id": "m1", "space": "s", "author": "a", "time": "2024-01-01T10:00:00Z", "reactions": [{{"person": "b", "emoji": "+1"}}, {{"person": "a", "emoji": "eyes"}}]}},
          {{"id": "m2", "space": "s", "author": "b", "time": "2024-01-01T10:05:00Z", "parent": "m1"}}]}}"#
    );
    let r = import(&[("a.json", &a), ("b.json", &b)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.files_loaded, 2);
    let s = summary(&r);
    assert_eq!((s.posts, s.replies), (1, 1));
    // b's +1 merges; a's eyes is new.
    assert_eq!(s.reactions, 2);
    assert!(
        r.warnings.iter().any(|w| w
            == "1 message appears more than once (the same id, in one file or in several); each was counted once, with its reactions merged"),
        "{:?}",
        r.warnings
    );
}

#[test]
fn times_ids_and_people_fields() {
    let doc = format!(
        r#"{{{HEAD}, "people": [
          {{"id": 12345678901234567, "name": "Big Id", "title": "VP Sales", "location": "Oslo", "joined": 1700000000000}},
          {{"id": "d", "name": "Gone", "deactivated": "yes", "leader": 1, "department": "  "}}],
        "spaces": [{{"id": 7, "name": "seven", "kind": "Community", "public": false}}, {{"id": "x", "kind": "dm", "public": true}}],
        "messages": [
          {{"id": 1, "space": 7, "author": 12345678901234567, "time": "2024-03-01T12:00:00+02:00", "mentions": ["d", "nobody", 12345678901234567]}},
          {{"id": 2, "space": "x", "author": "d", "time": "1704067200000"}},
          {{"id": 3, "space": "x", "author": "d", "time": 86400000}}
        ]}}"#
    );
    let r = import(&[("t.json", &doc)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let ds = &r.dataset;
    let big = person(ds, "clover:12345678901234567");
    assert!(big.leader, "VP in the title");
    assert_eq!(big.joined_ms, Some(1_700_000_000_000));
    let gone = person(ds, "clover:d");
    assert!(gone.deactivated && gone.leader);
    assert_eq!(gone.department, None, "blank department ignored");
    // 12:00 at +02:00 is 10:00 UTC; "1704067200000" is epoch ms as a string.
    assert_eq!(ds.messages.time[..], [86_400_000, 1_704_067_200_000, 1_709_287_200_000]);
    let seven = ds.spaces.iter().find(|s| s.key == "clover:7").unwrap();
    assert_eq!((seven.kind, seven.public), (SpaceKind::Community, false));
    let x = ds.spaces.iter().find(|s| s.key == "clover:x").unwrap();
    assert_eq!((x.kind, x.public), (SpaceKind::Direct, false), "a direct conversation is never public");
    // "nobody" is not a person anywhere: ignored, not invented.
    assert_eq!(ds.mentions.len(), 2);
    assert_eq!(counts(ds).people, 2);
    let w = r.warnings.join("\n");
    assert!(w.contains("1 Clover JSON mention names a person who is not in any people"), "{w}");
    assert!(w.contains("1 Clover JSON time is before 1990:"), "{w}");
}

#[test]
fn incomplete_items_are_skipped_and_counted() {
    let doc = format!(
        r#"{{{HEAD}, "people": [{{"name": "no id"}}, {{"id": ""}}],
        "spaces": [{{"name": "no id"}}, {{"id": "s", "kind": "forum"}}],
        "messages": [
          {{"space": "s", "author": "a", "time": "2024-01-01T00:00:00Z"}},
          {{"id": "1", "author": "a", "time": "2024-01-01T00:00:00Z"}},
          {{"id": "2", "space": "s", "time": "2024-01-01T00:00:00Z"}},
          {{"id": "3", "space": "s", "author": "a"}},
          {{"id": "4", "space": "s", "author": "a", "time": "last tuesday"}},
          {{"id": "5", "space": "s", "author": "a", "time": "2024-01-01T00:00:00Z", "text": "ignored", "reactions": [{{"person": "a", "time": "soon"}}]}}
        ],
        "roster": {{"people": [{{"department": "Sales"}}]}}}}"#
    );
    let r = import(&[("t.json", &doc)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let s = summary(&r);
    assert_eq!(s.posts, 1);
    assert_eq!(s.spaces, 1);
    let w = r.warnings.join("\n");
    for expected in [
        "2 Clover JSON people have no \"id\"",
        "1 Clover JSON space has no \"id\"",
        "1 Clover JSON space has an unknown \"kind\";",
        "1 Clover JSON message has no \"id\"",
        "1 Clover JSON message has no \"space\"",
        "1 Clover JSON message has no \"author\"",
        "1 Clover JSON message has no \"time\"",
        "1 Clover JSON message has a \"time\" that is not ISO 8601",
        "1 Clover JSON reaction has an unreadable \"time\";",
        "1 Clover JSON roster row has no email, id or name",
    ] {
        assert!(w.contains(expected), "missing {expected:?} in\n{w}");
    }
}

#[test]
fn newer_versions_are_refused_by_name() {
    let newer = r#"{"format": "clover", "version": 2, "messages": [{"id": "1", "space": "s", "author": "a", "time": "2024-01-01T00:00:00Z"}]}"#;
    let good = format!(
        r#"{{{HEAD}, "messages": [{{"id": "1", "space": "s", "author": "a", "time": "2024-01-01T00:00:00Z"}}]}}"#
    );
    let r = import(&[("future.json", newer), ("good.json", &good)]);
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert_eq!(r.errors[0].file, "future.json");
    assert!(
        r.errors[0].message.contains("future.json") && r.errors[0].message.contains("version 2"),
        "{}",
        r.errors[0].message
    );
    // Only good.json loaded; nothing of future.json.
    assert_eq!(r.files_loaded, 1);
    assert_eq!(r.dataset.messages.len(), 1);

    // The version may come after the data: still refused before anything loads.
    let late = r#"{"format": "clover", "messages": [{"id": "1", "space": "s", "author": "a", "time": "2024-01-01T00:00:00Z"}], "version": 3}"#;
    let r = import(&[("late.json", late)]);
    assert!(r.errors[0].message.contains("version 3"), "{:?}", r.errors);
    assert_eq!(r.dataset.messages.len(), 0);

    for (v, what) in [("0", "version 0"), ("1.5", "1.5"), ("\"one\"", "\"one\"")] {
        let doc = format!(r#"{{"format": "clover", "version": {v}}}"#);
        let r = import(&[("odd.json", &doc)]);
        assert!(r.errors.len() == 1 && r.errors[0].message.contains(what), "{v}: {:?}", r.errors);
    }

    // No version: read as 1, with a warning.
    let r = import(&[("old.json", r#"{"format": "clover", "people": [{"id": "a"}]}"#)]);
    assert!(r.errors.is_empty());
    assert_eq!(r.warnings, ["1 Clover JSON file has no \"version\"; it was read as version 1"]);
}

#[test]
fn malformed_files_are_errors_naming_the_file() {
    let good = format!(r#"{{{HEAD}, "people": [{{"id": "a"}}]}}"#);
    let truncated = format!(
        r#"{{{HEAD}, "messages": [{{"id": "1", "space": "s", "author": "a", "time": "2024-01-01T00:00:00Z"}}, {{"id": "#
    );
    let wrong_type = format!("{{{HEAD}, \"messages\": {{\"id\": 1}}}}");
    let bad_flag = format!("{{{HEAD},\n \"people\": [{{\"id\": \"a\", \"leader\": \"maybe\"}}]}}");
    let trailing = format!(r#"{{{HEAD}}} {{"again": 1}}"#);
    let r = import(&[
        ("good.json", &good),
        ("truncated.json", &truncated),
        ("wrong.json", &wrong_type),
        ("flag.json", &bad_flag),
        ("trailing.json", &trailing),
    ]);
    let files: Vec<&str> = r.errors.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(files, ["truncated.json", "wrong.json", "flag.json", "trailing.json"], "{:?}", r.errors);
    assert!(r.errors[0].message.contains("line 1"), "{}", r.errors[0].message);
    assert!(r.errors[2].message.contains("line 2"), "{}", r.errors[2].message);
    // Nothing of the broken files was loaded; the good one was.
    assert_eq!(r.files_loaded, 1);
    assert_eq!(r.dataset.messages.len(), 0);
    assert_eq!(counts(&r.dataset).people, 1);
}

#[test]
fn an_embedded_roster_joins_people() {
    let doc = format!(
        r#"{{{HEAD}, "people": [{{"id": "a", "name": "Ann", "email": "ANN@x.org"}}, {{"id": "b", "name": "Bo"}}, {{"id": "c", "name": "Cy", "title": "Director of Fun"}}],
        "roster": {{"headcount": 40, "people": [
          {{"email": "ann@x.org", "department": "Sales", "title": "Head of Sales", "leader": true}},
          {{"id": "b", "department": "Ops", "location": "Leeds", "leader": false}},
          {{"name": "Nobody Here", "department": "Ops"}}]}}}}"#
    );
    let r = import(&[("t.json", &doc)]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let ds = &r.dataset;
    assert_eq!(ds.roster.as_ref().map(|x| (x.headcount, x.matched)), Some((40, 2)));
    let a = ds.people.iter().position(|p| p.key == "clover:a").unwrap() as u32;
    assert_eq!(ds.department(a), Some("Sales"));
    assert!(ds.people[a as usize].leader);
    // A stated flag beats the title: Bo is stated not to lead. Cy is not on the roster,
    // so her "Director" title still decides.
    assert!(!person(ds, "clover:b").leader);
    assert!(person(ds, "clover:c").leader);
    assert!(r.warnings.iter().any(|w| w.starts_with("1 roster row matches nobody")), "{:?}", r.warnings);
    assert_eq!(r.dataset.formats.iter().map(|f| f.id()).collect::<Vec<_>>(), ["clover"]);
}

#[test]
fn kinds_in_the_model() {
    let doc = format!(
        r#"{{{HEAD}, "messages": [{{"id": "1", "space": "s", "author": "a", "time": "2024-01-01T00:00:00Z", "kind": "system"}}]}}"#
    );
    let r = import(&[("t.json", &doc)]);
    assert_eq!(r.dataset.messages.kind, [MessageKind::System]);
}

#[test]
fn hostile_bytes_never_panic() {
    let example = doc_example();
    let mut seed = 0x1234_5678_9abc_def0u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let bytes = example.as_bytes();
    for _ in 0..300 {
        // Random truncation.
        let cut = (next() as usize) % bytes.len();
        let _ = import_files(vec![InputFile::new("cut.json", bytes[..cut].to_vec())], &ImportOptions::default());
        // Random byte flips.
        let mut b = bytes.to_vec();
        for _ in 0..1 + next() % 8 {
            let i = (next() as usize) % b.len();
            b[i] = next() as u8;
        }
        let _ = import_files(vec![InputFile::new("flip.json", b)], &ImportOptions::default());
        // Random bytes after a valid prefix (so it is still recognised as Clover JSON).
        let mut b = br#"{"format": "clover", "version": 1, "messages": ["#.to_vec();
        const ALPHABET: &[u8] = b"{}[]\",:0123456789aeflnrstu -.\\";
        for _ in 0..(next() % 200) {
            b.push(ALPHABET[(next() % ALPHABET.len() as u64) as usize]);
        }
        let _ = import_files(vec![InputFile::new("noise.json", b)], &ImportOptions::default());
    }
    // Deep nesting in an ignored key.
    let deep = format!(r#"{{"format": "clover", "version": 1, "x": {}}}"#, "[".repeat(100_000));
    let r = import_files(vec![InputFile::new("deep.json", deep.into_bytes())], &ImportOptions::default());
    assert_eq!(r.errors.len(), 1);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn arbitrary_bytes_never_panic(tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
        let mut b = br#"{"format": "clover", "version": 1, "people": [{"id": "#.to_vec();
        b.extend_from_slice(&tail);
        let _ = import_files(vec![InputFile::new("p.json", b)], &ImportOptions::default());
    }
}
