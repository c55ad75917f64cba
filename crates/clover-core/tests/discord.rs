//! Discord (DiscordChatExporter JSON) importer: exact counts on the real samples, and one
//! small hand-written input per rule.

mod common;

use std::path::{Path, PathBuf};

use clover_core::import::{import_files, ImportOptions, ImportResult, InputFile};
use clover_core::model::{MessageKind, SpaceKind, NONE};
use clover_core::stats::{summarize, ImportSummary};

fn channels_dir() -> PathBuf {
    common::samples().join("discord/zulip-discord_fixtures/channels")
}

/// (general, general-2)
fn sample_paths() -> (PathBuf, PathBuf) {
    let mut v: Vec<PathBuf> = std::fs::read_dir(channels_dir()).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    assert_eq!(v.len(), 2);
    let general = v.iter().find(|p| p.to_string_lossy().contains("general [")).unwrap().clone();
    let general2 = v.iter().find(|p| p.to_string_lossy().contains("general-2 [")).unwrap().clone();
    (general, general2)
}

fn file(p: &Path) -> InputFile {
    InputFile::new(p.file_name().unwrap().to_string_lossy(), std::fs::read(p).unwrap())
}

fn load(files: Vec<InputFile>) -> (ImportResult, ImportSummary) {
    let r = import_files(files, &ImportOptions::default());
    let s = summarize(&r);
    (r, s)
}

fn load_text(parts: &[(&str, &str)]) -> (ImportResult, ImportSummary) {
    load(parts.iter().map(|(n, t)| InputFile::new(*n, t.as_bytes().to_vec())).collect())
}

/// (people, bots, spaces, posts, replies, reactions, system, bot messages)
fn tally(s: &ImportSummary) -> [u64; 8] {
    [s.people, s.bots, s.spaces, s.posts, s.replies, s.reactions, s.system_messages, s.bot_messages]
}

#[test]
fn sample_general_alone() {
    let (general, _) = sample_paths();
    let (r, s) = load(vec![file(&general)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.formats, ["discord"]);
    // Authors: pieter (isBot false) and test-zulip-import (isBot true); hamlet appears only
    // as a reactor -> 2 people (pieter, hamlet), 1 bot.
    assert_eq!(s.people, 2);
    assert_eq!(s.bots, 1);
    // One channel file (GuildTextChat "general") -> 1 space.
    assert_eq!(s.spaces, 1);
    // 12 messages (messageCount 12): 1 GuildMemberJoin (by the bot: still a system event),
    // 11 Default (by pieter, none a reply) -> 11 posts, 1 system, 0 bot messages.
    assert_eq!(s.posts, 11);
    assert_eq!(s.replies, 0);
    assert_eq!(s.system_messages, 1);
    assert_eq!(s.bot_messages, 0);
    // The "Reactions" message: 💯 [pieter], 😆 [hamlet, pieter], 💖 [pieter], 🙏 [hamlet],
    // ❤️ [hamlet] -> 6 (person, emoji) pairs; every count equals its users list.
    assert_eq!(s.reactions, 6);
    // Only the "@pieter" message has a mentions[] entry ("@test-zulip-import" has none).
    assert_eq!(s.mentions, 1);
    // First: 2026-06-24T19:04:23.18+07:00, last: 19:08:33.812+07:00.
    assert_eq!(s.first.as_deref(), Some("2026-06-24T12:04:23.180Z"));
    assert_eq!(s.last.as_deref(), Some("2026-06-24T12:08:33.812Z"));
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    let ds = &r.dataset;
    assert_eq!(ds.spaces[0].key, "discord:1519311538035490958");
    assert_eq!(
        (ds.spaces[0].name.as_str(), ds.spaces[0].kind, ds.spaces[0].public),
        ("general", SpaceKind::Channel, true)
    );
    let bot = ds.people.iter().find(|p| p.bot).unwrap();
    assert_eq!((bot.key.as_str(), bot.name.as_str()), ("discord:1000000000000000003", "test-zulip-import"));
}

#[test]
fn sample_general_2_alone() {
    let (_, general2) = sample_paths();
    let (_, s) = load(vec![file(&general2)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // 4 Default messages (messageCount 4): 3 by pieter, 1 by hamlet -> 2 people, 4 posts.
    // The first is a forward (reference.type "Forward" on a Default message): still a post.
    // No reactions, no mentions.
    assert_eq!(tally(&s), [2, 0, 1, 4, 0, 0, 0, 0]);
    assert_eq!(s.mentions, 0);
}

#[test]
fn samples_together() {
    let (general, general2) = sample_paths();
    let (_, s) = load(vec![file(&general), file(&general2)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.files_loaded, 2);
    // Same people in both files (pieter, hamlet; the bot only in general); 2 channels;
    // 11 + 4 posts, 1 system, 6 reactions; no message id is in both files.
    assert_eq!(tally(&s), [2, 1, 2, 15, 0, 6, 1, 0]);
    assert_eq!(s.mentions, 1);
    assert_eq!(s.last.as_deref(), Some("2026-06-24T13:43:39.066Z"));
}

fn author(id: &str, name: &str, bot: bool) -> String {
    format!(r#"{{"id":"{id}","name":"{name}","discriminator":"0000","nickname":null,"isBot":{bot},"roles":[]}}"#)
}

fn msg(id: &str, kind: &str, ts: &str, who: &str, extra: &str) -> String {
    format!(
        r#"{{"id":"{id}","type":"{kind}","timestamp":"{ts}","timestampEdited":null,"isPinned":false,"content":"x","author":{who},"attachments":[]{extra}}}"#
    )
}

fn channel_file(id: &str, kind: &str, name: &str, messages: &[String]) -> String {
    format!(
        r#"{{"guild":{{"id":"1","name":"g"}},"channel":{{"id":"{id}","type":"{kind}","categoryId":"5","category":"Text","name":"{name}","topic":null}},"dateRange":{{"after":null,"before":null}},"exportedAt":"2024-01-01T00:00:00+00:00","messages":[{}],"messageCount":{}}}"#,
        messages.join(","),
        messages.len()
    )
}

#[test]
fn reply_chain() {
    let ann = author("11", "ann", false);
    let bob = author("12", "bob", false);
    let m = vec![
        msg("100", "Default", "2024-01-01T10:00:00+02:00", &ann, ""),
        msg(
            "101",
            "Reply",
            "2024-01-01T10:01:00+02:00",
            &bob,
            r#","reference":{"messageId":"100","channelId":"9","guildId":"1"}"#,
        ),
        msg(
            "102",
            "Reply",
            "2024-01-01T10:02:00+02:00",
            &ann,
            r#","reference":{"messageId":"101","channelId":"9","guildId":"1"}"#,
        ),
    ];
    let (r, s) = load_text(&[("c.json", &channel_file("9", "GuildTextChat", "general", &m))]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(tally(&s), [2, 0, 1, 1, 2, 0, 0, 0]);
    let ds = &r.dataset;
    // Rows are sorted by time: 0 = post, 1 = reply to it, 2 = reply to the reply.
    assert_eq!(ds.messages.parent, [NONE, 0, 1]);
    assert_eq!(ds.messages.root, [0, 0, 0]);
    assert_eq!(ds.messages.time[0], 1704096000000, "10:00 at +02:00 is 08:00 UTC");
}

#[test]
fn bot_author_and_system_types() {
    let ann = author("11", "ann", false);
    let bot = author("13", "helper", true);
    let mut m = vec![
        msg("200", "Default", "2024-01-01T10:00:00Z", &bot, ""),
        msg("201", "Reply", "2024-01-01T10:00:01Z", &bot, r#","reference":{"messageId":"202"}"#),
        msg("202", "Default", "2024-01-01T09:00:00Z", &ann, ""),
        msg("203", "20", "2024-01-01T10:00:03Z", &bot, ""),
    ];
    let system = [
        "GuildMemberJoin",
        "ThreadCreated",
        "ChannelPinnedMessage",
        "RecipientAdd",
        "RecipientRemove",
        "Call",
        "ChannelNameChange",
        "ChannelIconChange",
        "21",
        "24",
    ];
    for (i, k) in system.iter().enumerate() {
        m.push(msg(&format!("3{i:02}"), k, "2024-01-01T11:00:00Z", &ann, ""));
    }
    let (r, s) = load_text(&[("c.json", &channel_file("9", "GuildTextChat", "general", &m))]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // The bot's Default, Reply and slash-command (type 20) messages are bot messages.
    assert_eq!(tally(&s), [1, 1, 1, 1, 0, 0, system.len() as u64, 3]);
    assert!(r.dataset.people.iter().any(|p| p.bot && p.name == "helper"));
}

#[test]
fn a_message_in_two_files_is_kept_once() {
    let ann = author("11", "ann", false);
    let bob = author("12", "bob", false);
    let rx = |users: &str, count: u32| {
        format!(
            r#","reactions":[{{"emoji":{{"id":"","name":"👍","code":"thumbsup"}},"count":{count},"users":[{users}]}}]"#
        )
    };
    let a = channel_file(
        "9",
        "GuildTextChat",
        "general",
        &[msg("500", "Default", "2024-01-01T10:00:00Z", &ann, &rx(&bob, 1))],
    );
    let b = channel_file(
        "9",
        "GuildTextChat",
        "general",
        &[
            msg("500", "Default", "2024-01-01T10:00:00Z", &ann, &rx(&format!("{bob},{ann}"), 2)),
            msg("501", "Default", "2024-01-02T10:00:00Z", &bob, ""),
        ],
    );
    let (_, s) = load_text(&[("a.json", &a), ("b.json", &b)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // Message 500 in both exports (an overlapping date range): once; its reactions merge
    // (bob 👍 from both, ann 👍 from the second).
    assert_eq!(tally(&s), [2, 0, 1, 2, 0, 2, 0, 0]);
}

#[test]
fn missing_parent_and_reactor_lists() {
    let ann = author("11", "ann", false);
    let m = vec![
        msg("600", "Reply", "2024-01-01T10:00:00Z", &ann, r#","reference":{"messageId":"599"}"#),
        msg("601", "Reply", "2024-01-01T10:01:00Z", &ann, ""),
        msg(
            "602",
            "Default",
            "2024-01-01T10:02:00Z",
            &ann,
            &format!(r#","reactions":[{{"emoji":{{"id":"77","name":"party"}},"count":5,"users":[{ann}]}}]"#),
        ),
    ];
    let (_, s) = load_text(&[("c.json", &channel_file("9", "GuildTextChat", "general", &m))]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // Both replies stay replies: one answers a message not in the export, one names none.
    assert_eq!(tally(&s), [1, 0, 1, 1, 2, 1, 0, 0]);
    let has = |p: &str| s.warnings.iter().any(|w| w.starts_with(p));
    assert!(has("1 reply answers a message that is not in the export;"), "{:?}", s.warnings);
    assert!(has("1 Discord reply does not say which message it answers"), "{:?}", s.warnings);
    assert!(has("4 Discord reactions are counted by the export but their users are not listed"), "{:?}", s.warnings);
}

#[test]
fn direct_group_and_thread_channels() {
    let ann = author("11", "ann", false);
    let bob = author("12", "bob", false);
    let dm = channel_file("20", "DirectTextChat", "bob", &[msg("700", "Default", "2024-01-01T10:00:00Z", &ann, "")]);
    let group = channel_file(
        "21",
        "DirectGroupTextChat",
        "ann, bob, cy",
        &[msg("701", "Default", "2024-01-01T10:00:00Z", &bob, "")],
    );
    let parent =
        channel_file("22", "GuildTextChat", "general", &[msg("800", "Default", "2024-01-01T10:00:00Z", &ann, "")]);
    // A thread started from message 800 has id 800; a forum thread's starter shares its id.
    let thread = channel_file(
        "800",
        "GuildPublicThread",
        "plans",
        &[
            msg("801", "Default", "2024-01-01T10:05:00Z", &bob, ""),
            msg("802", "Reply", "2024-01-01T10:06:00Z", &ann, r#","reference":{"messageId":"801"}"#),
            msg("803", "ThreadCreated", "2024-01-01T10:07:00Z", &ann, ""),
        ],
    );
    let forum = channel_file(
        "900",
        "GuildPrivateThread",
        "secret plans",
        &[
            msg("900", "Default", "2024-01-01T11:00:00Z", &ann, ""),
            msg("901", "Default", "2024-01-01T11:01:00Z", &bob, ""),
        ],
    );
    let (r, s) = load_text(&[
        ("dm.json", &dm),
        ("group.json", &group),
        ("p.json", &parent),
        ("t.json", &thread),
        ("f.json", &forum),
    ]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let ds = &r.dataset;
    let space = |k: &str| ds.spaces.iter().find(|x| x.key == k).unwrap();
    assert_eq!((space("discord:20").kind, space("discord:20").public), (SpaceKind::Direct, false));
    assert_eq!((space("discord:21").kind, space("discord:21").public), (SpaceKind::Group, false));
    assert_eq!(
        (space("discord:800").kind, space("discord:800").public, space("discord:800").name.as_str()),
        (SpaceKind::Channel, true, "plans")
    );
    assert_eq!((space("discord:900").kind, space("discord:900").public), (SpaceKind::Channel, false));
    // Posts: 700, 701, 800, 900 (the forum starter); replies: 801, 802 (thread), 901; system: 803.
    assert_eq!(tally(&s), [2, 0, 5, 4, 3, 0, 1, 0]);
    // Thread messages hang under the message that started the thread.
    let row_at = |t: i64| ds.messages.time.iter().position(|&x| x == t).unwrap() as u32;
    // 800 shares 10:00Z with 700 and 701: find it by its space.
    let starter =
        (0..ds.messages.len()).find(|&i| ds.spaces[ds.messages.space[i] as usize].key == "discord:22").unwrap() as u32;
    let r801 = row_at(1704103500000);
    let r802 = row_at(1704103560000);
    assert_eq!((ds.messages.parent[r801 as usize], ds.messages.root[r801 as usize]), (starter, starter));
    assert_eq!((ds.messages.parent[r802 as usize], ds.messages.root[r802 as usize]), (r801, starter));
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
}

#[test]
fn messages_before_the_channel_still_load() {
    let ann = author("11", "ann", false);
    let text = format!(
        r#"{{"guild":{{"id":"1"}},"messages":[{}],"channel":{{"id":"9","type":"GuildTextChat","name":"late"}}}}"#,
        msg("1", "Default", "2024-01-01T10:00:00Z", &ann, "")
    );
    // Detection needs guild, channel and messages among the top-level keys: all present.
    let (_, s) = load_text(&[("late.json", &text)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(tally(&s), [1, 0, 1, 1, 0, 0, 0, 0]);
}

#[test]
fn a_truncated_file_is_an_error_naming_it_and_keeps_what_was_read() {
    let (general, general2) = sample_paths();
    let bytes = std::fs::read(&general).unwrap();
    // Cut inside the "Reactions" message (the last one).
    let cut = bytes.windows(9).position(|w| w == b"Reactions").unwrap();
    let (r, s) = load(vec![InputFile::new("cut.json", bytes[..cut].to_vec()), file(&general2)]);
    assert_eq!(s.errors.len(), 1, "{:?}", s.errors);
    assert_eq!(s.errors[0].file, "cut.json");
    assert!(s.errors[0].message.contains("line "), "{}", s.errors[0].message);
    assert!(s.errors[0].message.contains("the 11 messages before it were loaded"), "{}", s.errors[0].message);
    assert_eq!(r.files_loaded, 2);
    // 11 of general's 12 messages (10 posts, 1 system) and general-2's 4 posts.
    assert_eq!((s.posts, s.system_messages), (14, 1));

    let (r, s) = load_text(&[("bad.json", r#"{"guild": {}, "channel": {"id": "1"}, "messages": {"x": 1}}"#)]);
    assert_eq!(s.errors.len(), 1);
    assert_eq!(s.errors[0].file, "bad.json");
    assert_eq!(r.files_loaded, 0);
    let (_, s) = load_text(&[("nochan.json", r#"{"guild": {}, "channel": null, "messages": []}"#)]);
    assert_eq!(s.errors.len(), 1, "{:?}", s.errors);
    assert!(s.errors[0].message.contains("no channel"), "{}", s.errors[0].message);
}

/// A small deterministic generator (no clock, no OS randomness).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn random_damage_never_panics() {
    let (general, general2) = sample_paths();
    let mut rng = Lcg(0xd15c);
    for p in [general, general2] {
        let bytes = std::fs::read(&p).unwrap();
        for _ in 0..150 {
            let mut b = bytes.clone();
            let cut = (rng.next() as usize) % (b.len() + 1);
            b.truncate(cut);
            for _ in 0..rng.next() % 4 {
                if !b.is_empty() {
                    let i = (rng.next() as usize) % b.len();
                    b[i] = rng.next() as u8;
                }
            }
            let _ = import_files(vec![InputFile::new("x.json", b)], &ImportOptions::default());
        }
    }
    for _ in 0..200 {
        let len = (rng.next() % 300) as usize;
        let mut b: Vec<u8> = br#"{"guild":{},"channel":{"id":"1"},"messages":["#.to_vec();
        b.extend((0..len).map(|_| rng.next() as u8));
        let _ = import_files(vec![InputFile::new("r.json", b)], &ImportOptions::default());
    }
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn message_lists_of_anything_never_panic(body in "\\PC{0,200}") {
            let text = format!(r#"{{"guild":{{}},"channel":{{"id":"1"}},"messages":[{body}"#);
            let _ = import_files(vec![InputFile::new("p.json", text.into_bytes())], &ImportOptions::default());
        }
    }
}

#[test]
fn kinds_are_only_post_reply_system_bot() {
    // Sanity: the model's four kinds are what the counts above add up.
    let (general, _) = sample_paths();
    let (r, _) = load(vec![file(&general)]);
    assert!(r.dataset.messages.kind.iter().all(|k| matches!(k, MessageKind::Post | MessageKind::System)));
}
