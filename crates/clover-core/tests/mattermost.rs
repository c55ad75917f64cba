//! Mattermost bulk export importer: exact counts on the real samples, and one small
//! hand-written input per rule.

mod common;

use std::path::{Path, PathBuf};

use clover_core::import::{import_files, ImportOptions, ImportResult, InputFile};
use clover_core::model::{MessageKind, SpaceKind, NONE};
use clover_core::stats::{summarize, ImportSummary};

fn samples() -> PathBuf {
    common::samples().join("mattermost")
}

fn v11_dir() -> PathBuf {
    samples().join("zulip-mattermost_v11.1.0_exported_object_samples")
}

fn export_json() -> PathBuf {
    samples().join("zulip-mattermost_fixtures/export.json")
}

fn file(p: &Path) -> InputFile {
    let bytes = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    InputFile::new(p.file_name().unwrap().to_string_lossy(), bytes)
}

fn v11_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(v11_dir()).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    assert_eq!(v.len(), 7, "bot, channel, direct_channel, direct_post, post, post_with_replies, user");
    v
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
fn zulip_fixture_export() {
    let (r, s) = load(vec![file(&export_json())]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.formats, ["mattermost"]);
    assert_eq!(s.files_loaded, 1);
    // 5 `user` lines (ron, harry, malfoy, pansy, snape), none deleted, no bot line; every
    // post author and reactor is one of them -> 5 people, 0 bots.
    assert_eq!(s.people, 5);
    assert_eq!(s.bots, 0);
    assert_eq!(s.deactivated, 0);
    // 5 `channel` lines, plus snape's post names team gryffindor / channel
    // slytherin-quidditch-team, which exists only in team slytherin -> a 6th space.
    assert_eq!(s.spaces, 6);
    // 20 `post` lines, none with a `type` (so none is a system post, even "harry joined the
    // channel." whose type the fixture dropped), no duplicate (team, channel, user, create_at).
    assert_eq!(s.posts, 20);
    // One post (harry in dumbledores-army) has replies: [ron] -> 1 reply.
    assert_eq!(s.replies, 1);
    // reactions per post: Awesome! 1, Hello world 3, Looks like… 1, How is everything 1,
    // hey everyone 1, ":rofl: 4" 1, Hello folks 1 -> 9, all distinct (person, emoji).
    assert_eq!(s.reactions, 9);
    // "@ron Welcome mate!" is the only @word in a message (others are in emails/notify_props).
    assert_eq!(s.mentions, 1);
    assert_eq!(s.system_messages, 0);
    assert_eq!(s.bot_messages, 0);
    // The earliest create_at is harry's 1553165141670, the latest malfoy's 1553166916448.
    assert_eq!(s.first.as_deref(), Some("2019-03-21T10:45:41.670Z"));
    assert_eq!(s.last.as_deref(), Some("2019-03-21T11:15:16.448Z"));
    assert!(
        s.warnings.iter().any(|w| w.starts_with("1 Mattermost channel has posts but no channel line;")),
        "{:?}",
        s.warnings
    );

    let ds = &r.dataset;
    let da = ds.spaces.iter().find(|x| x.key == "mattermost:gryffindor:dumbledores-army").unwrap();
    assert_eq!((da.kind, da.public, da.name.as_str()), (SpaceKind::PrivateChannel, false, "Dumbledores army"));
    let ron = ds.people.iter().find(|p| p.key == "mattermost:ron").unwrap();
    assert_eq!((ron.name.as_str(), ron.email.as_deref()), ("Ron Weasley", Some("ron@zulip.com")));
    // malfoy has no first/last name or nickname: named by username.
    assert!(ds.people.iter().any(|p| p.key == "mattermost:malfoy" && p.name == "malfoy"));
    // The reply's parent and root are harry's post, although the reply is older.
    let reply = ds.messages.kind.iter().position(|k| *k == MessageKind::Reply).unwrap();
    let parent = ds.messages.parent[reply];
    assert_ne!(parent, NONE);
    assert_eq!(ds.messages.root[reply], parent);
    assert_eq!(ds.messages.time[parent as usize], 1553166657086);
}

#[test]
fn v11_samples_each_alone() {
    for p in v11_files() {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let (r, s) = load(vec![file(&p)]);
        assert!(s.errors.is_empty(), "{name}: {:?}", s.errors);
        assert_eq!(s.files_loaded, 1, "{name}");
        let expected: [u64; 8] = match name.as_str() {
            // One `bot` line (system-bot) -> 1 bot, nothing else.
            "bot.json" => [0, 1, 0, 0, 0, 0, 0, 0],
            // One `channel` line (ad-1 / autem-2, type O) -> 1 space.
            "channel.json" => [0, 0, 1, 0, 0, 0, 0, 0],
            // One `direct_channel` with 4 participants -> 1 group space; members are not people.
            "direct_channel.json" => [0, 0, 1, 0, 0, 0, 0, 0],
            // One `direct_post` by eugene.montgomery among 3 channel_members, type "",
            // reactions/replies null -> 1 group space, 1 person (the author), 1 post.
            "direct_post.json" => [1, 0, 1, 1, 0, 0, 0, 0],
            // One post by jason.peterson in reiciendis-0 / minus-8, reactions [] -> 1 space, 1 person, 1 post.
            "post.json" => [1, 0, 1, 1, 0, 0, 0, 0],
            // One post by eugene.montgomery in ad-1 / amet-0 with 3 replies (brandon.mccoy,
            // user-1, user-1), all type "" -> 3 people, 1 space, 1 post, 3 replies.
            "post_with_replies.json" => [3, 0, 1, 1, 3, 0, 0, 0],
            // One `user` (sysadmin, delete_at 0, roles system_admin system_user) -> 1 person.
            "user.json" => [1, 0, 0, 0, 0, 0, 0, 0],
            other => panic!("unexpected sample {other}"),
        };
        assert_eq!(tally(&s), expected, "{name}");
        let ds = &r.dataset;
        match name.as_str() {
            "direct_channel.json" => {
                let sp = &ds.spaces[0];
                assert_eq!((sp.kind, sp.public), (SpaceKind::Group, false));
                assert_eq!(sp.name, "adam.torres, keith.ryan, lois.harper, nancy.sanders");
            }
            "direct_post.json" => {
                assert_eq!(ds.spaces[0].kind, SpaceKind::Group);
                assert_eq!(ds.spaces[0].key, "mattermost:@dm:adam.torres,eugene.montgomery,rebecca.diaz");
            }
            "channel.json" => {
                assert_eq!((ds.spaces[0].name.as_str(), ds.spaces[0].kind), ("commodi", SpaceKind::Channel));
            }
            "user.json" => {
                let p = &ds.people[0];
                assert_eq!(p.name, "Kenneth Moreno");
                assert_eq!(p.title.as_deref(), Some("Software Test Engineer"));
                assert!(!p.deactivated && !p.bot);
            }
            "bot.json" => assert_eq!(ds.people[0].name, "System"),
            "post_with_replies.json" => {
                let post = ds.messages.kind.iter().position(|k| *k == MessageKind::Post).unwrap() as u32;
                for (i, k) in ds.messages.kind.iter().enumerate() {
                    if *k == MessageKind::Reply {
                        assert_eq!((ds.messages.parent[i], ds.messages.root[i]), (post, post));
                    }
                }
            }
            _ => {}
        }
    }
}

#[test]
fn v11_samples_together() {
    let (_, s) = load(v11_files().iter().map(|p| file(p)).collect());
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.files_loaded, 7);
    // People: sysadmin (user.json), jason.peterson (post), eugene.montgomery (post_with_replies
    // and direct_post), brandon.mccoy and user-1 (replies) -> 5; system-bot (bot.json) -> 1 bot.
    assert_eq!(s.people, 5);
    assert_eq!(s.bots, 1);
    // ad-1/autem-2 (channel), the 4-person group (direct_channel), the 3-person group
    // (direct_post, different members), reiciendis-0/minus-8 (post), ad-1/amet-0 (post_with_replies) -> 5.
    assert_eq!(s.spaces, 5);
    // post + post_with_replies + direct_post -> 3 posts; 3 replies; no reactions; no system types.
    assert_eq!(tally(&s), [5, 1, 5, 3, 3, 0, 0, 0]);
}

#[test]
fn all_samples_together() {
    let mut files = vec![file(&export_json())];
    files.extend(v11_files().iter().map(|p| file(p)));
    let (_, s) = load(files);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // No username, team or channel is shared between the fixture and the v11 samples: sums.
    assert_eq!(tally(&s), [10, 1, 11, 23, 4, 9, 0, 0]);
}

#[test]
fn jsonl_inside_a_zip() {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("export/export.jsonl", zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(&std::fs::read(export_json()).unwrap()).unwrap();
        z.finish().unwrap();
    }
    let (_, s) = load(vec![InputFile::new("mattermost_export.zip", buf.into_inner())]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(tally(&s), [5, 0, 6, 20, 1, 9, 0, 0]);
}

const RULES: &str = r#"{"type":"version","version":1}
{"type":"team","team":{"name":"acme","display_name":"Acme"}}
{"type":"channel","channel":{"team":"acme","name":"town-square","display_name":"Town Square","type":"O"}}
{"type":"channel","channel":{"team":"acme","name":"secret","display_name":"Secret","type":"P"}}
{"type":"bot","bot":{"username":"deploybot","display_name":"Deploy","owner":"ann","delete_at":0}}
{"type":"user","user":{"username":"ann","email":"ann@acme.test","first_name":"Ann","last_name":"Lee","position":"VP Engineering","roles":"system_user","delete_at":0}}
{"type":"user","user":{"username":"bob","nickname":"Bobby","roles":"system_user","delete_at":1500000000000}}
{"type":"user","user":{"username":"svc","roles":"system_user system_bot"}}
{"type":"post","post":{"team":"acme","channel":"town-square","user":"ann","type":"","message":"hi @bob, @carol. and @all; mail ann@acme.test","create_at":1700000000000,"reactions":[{"user":"bob","emoji_name":"+1","create_at":1700000001000},{"user":"bob","emoji_name":"+1","create_at":1700000002000},{"user":"ann","emoji_name":"tada"}],"replies":[{"user":"bob","type":"","message":"thanks @ann.","create_at":1700000003000,"reactions":[{"user":"ann","emoji_name":"heart"}]},{"user":"carol","type":"me","message":"waves","create_at":1700000004000},{"user":"ann","type":"system_add_to_channel","message":"added","create_at":1700000005000}]}}
{"type":"post","post":{"team":"acme","channel":"town-square","user":"bob","type":"system_join_channel","message":"bob joined","create_at":1700000006000}}
{"type":"post","post":{"team":"acme","channel":"secret","user":"deploybot","type":"","message":"deployed","create_at":1700000007000}}
{"type":"post","post":{"team":"acme","channel":"secret","user":"ann","type":"","message":"via hook","props":{"from_webhook":"true","attachments":[{"text":"x"}]},"create_at":1700000008000}}
{"type":"post","post":{"team":"acme","channel":"secret","user":"ann","type":"custom_poll","message":"poll","props":"odd","create_at":1700000009000}}
{"type":"post","post":{"team":"acme","channel":"secret","user":"svc","type":"","message":"svc says","create_at":1700000010000}}
{"type":"direct_channel","direct_channel":{"members":["bob","ann"]}}
{"type":"direct_post","direct_post":{"channel_members":["ann","bob"],"user":"bob","type":"","message":"psst @ann","create_at":1700000011000,"replies":[{"user":"ann","message":"yes","create_at":1700000012000}]}}
{"type":"direct_post","direct_post":{"participants":[{"username":"ann"},{"username":"bob"},{"username":"carol"}],"user":"carol","message":"group","create_at":1700000013000}}
{"type":"user","user":{"username":"carol","first_name":"Carol","last_name":""}}
{"type":"emoji","emoji":{"name":"party","image":"x.png"}}
"#;

#[test]
fn every_rule_on_a_small_export() {
    let (r, s) = load_text(&[("export.jsonl", RULES)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // The same person's same emoji twice on one post counts once, and says so.
    assert_eq!(
        s.warnings,
        ["1 Mattermost reaction repeated the same person's same emoji on a message and was counted once"]
    );
    let ds = &r.dataset;
    // ann, bob (deactivated), carol (described after her posts) are people; deploybot (bot
    // line) and svc (system_bot role) are bots.
    assert_eq!((s.people, s.bots, s.deactivated), (3, 2, 1));
    let person = |k: &str| ds.people.iter().find(|p| p.key == k).unwrap();
    assert_eq!(person("mattermost:ann").name, "Ann Lee");
    assert!(person("mattermost:ann").leader, "VP in the title");
    assert_eq!(person("mattermost:bob").name, "Bobby");
    assert_eq!(person("mattermost:carol").name, "Carol");
    assert_eq!(person("mattermost:deploybot").name, "Deploy");
    // town-square, secret (private), the ann+bob DM, the ann+bob+carol group.
    assert_eq!(s.spaces, 4);
    let kinds: Vec<(SpaceKind, bool)> = ds.spaces.iter().map(|x| (x.kind, x.public)).collect();
    assert!(kinds.contains(&(SpaceKind::PrivateChannel, false)));
    assert!(kinds.contains(&(SpaceKind::Direct, false)));
    assert!(kinds.contains(&(SpaceKind::Group, false)));
    // The DM's posts land in the space of its direct_channel line (same sorted members).
    assert_eq!(ds.spaces.iter().filter(|x| x.kind == SpaceKind::Direct).count(), 1);
    // Posts: ann's thread root, bob's DM, carol's group post -> 3.
    // Replies: bob's, carol's /me, ann's DM reply -> 3 (the system_add_to_channel reply is system).
    // System: system_add_to_channel, system_join_channel -> 2.
    // Bot: deploybot's, the webhook post, the custom_poll plugin post, svc's -> 4.
    assert_eq!(tally(&s), [3, 2, 4, 3, 3, 3, 2, 4]);
    // Reactions: bob +1 (twice -> once), ann tada, ann heart on bob's reply.
    assert_eq!(s.reactions, 3);
    // Mentions: @bob and @carol. (carol is described later; trailing dot dropped) in ann's post,
    // @ann. in bob's reply, @ann in the DM; @all and the e-mail address are not mentions.
    assert_eq!(s.mentions, 4);
    // Reaction time is the reaction's create_at when given, else the message's.
    let tada = ds.strings.iter().position(|x| x == "tada").unwrap() as u32;
    let i = ds.reactions.emoji.iter().position(|&e| e == tada).unwrap();
    assert_eq!(ds.reactions.time[i], 1700000000000);
    let plus = ds.strings.iter().position(|x| x == "+1").unwrap() as u32;
    let i = ds.reactions.emoji.iter().position(|&e| e == plus).unwrap();
    assert_eq!(ds.reactions.time[i], 1700000001000);
}

#[test]
fn pretty_printed_objects_one_after_another() {
    let text = "{\n  \"type\": \"user\",\n  \"user\": {\n    \"username\": \"ann\"\n  }\n}\n{\n  \"type\": \"post\",\n  \"post\": {\n    \"team\": \"t\",\n    \"channel\": \"c\",\n    \"user\": \"ann\",\n    \"message\": \"x\",\n    \"create_at\": 1700000000000\n  }\n}\n";
    let (_, s) = load_text(&[("pretty.json", text)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(tally(&s), [1, 0, 1, 1, 0, 0, 0, 0]);
}

#[test]
fn a_bad_line_is_skipped_and_counted() {
    let text = concat!(
        "{\"type\":\"user\",\"user\":{\"username\":\"ann\"}}\n",
        "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"c\",\"user\":\"ann\",\"create_at\":1}}\n",
        "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\n",
        "not json at all\n",
        "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"c\",\"user\":\"ann\",\"create_at\":2}}\n",
        "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"c\",\"user\":\"ann\",\"create_at\":3,\"reactions\":{\"no\":1}}}\n",
        "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"c\",\"user\":\"ann\",\"create_at\":4}}\n",
    );
    let (_, s) = load_text(&[("broken.jsonl", text)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // Lines 3-4 (a cut-off line and garbage) are one unreadable value; line 6 has reactions
    // that are not a list: 2 values skipped, 3 posts kept.
    assert_eq!(s.posts, 3);
    let w = s.warnings.iter().find(|w| w.contains("unreadable values in broken.jsonl")).expect("warning");
    assert!(w.starts_with("2 unreadable"), "{w}");
    assert!(w.contains("line 3"), "{w}");
}

#[test]
fn nothing_readable_is_an_error_naming_the_file() {
    let (r, s) = load_text(&[("cut.jsonl", "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"chan")]);
    assert_eq!(s.errors.len(), 1, "{:?}", s.errors);
    assert_eq!(s.errors[0].file, "cut.jsonl");
    assert!(s.errors[0].message.contains("line 1"), "{}", s.errors[0].message);
    assert_eq!(r.files_loaded, 0);
    assert!(s.formats.is_empty());
}

#[test]
fn the_same_post_in_two_files_is_kept_once() {
    let a = r#"{"type":"post","post":{"team":"t","channel":"c","user":"ann","message":"x","create_at":1700000000000,"reactions":[{"user":"bob","emoji_name":"+1"}],"replies":[{"user":"bob","message":"r","create_at":1700000001000}]}}"#;
    let b = r#"{"type":"post","post":{"team":"T","channel":"c","user":"Ann","message":"x","create_at":1700000000000,"reactions":[{"user":"bob","emoji_name":"+1"},{"user":"carol","emoji_name":"+1"}]}}"#;
    let (_, s) = load_text(&[("a.jsonl", a), ("b.jsonl", b)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // Same team/channel/user/create_at (names compare lowercase) -> one post; its reactions merge.
    assert_eq!(tally(&s), [3, 0, 1, 1, 1, 2, 0, 0]);
}

#[test]
fn odd_records_are_counted_not_dropped_silently() {
    let text = concat!(
        "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"c\",\"user\":\"ann\",\"create_at\":1}}\n",
        "{\"type\":\"post\",\"post\":{\"channel\":\"c\",\"user\":\"ann\",\"create_at\":2,\"replies\":[{\"user\":\"bob\",\"create_at\":3}]}}\n",
        "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"c\",\"create_at\":4}}\n",
        "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"c\",\"user\":\"ann\"}}\n",
        "{\"type\":\"direct_post\",\"direct_post\":{\"user\":\"ann\",\"create_at\":5}}\n",
        "{\"type\":\"thread\",\"thread\":{}}\n",
        "{\"type\":\"user\"}\n",
        "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"c\",\"user\":\"ann\",\"create_at\":6,\"reactions\":[{\"user\":\"\",\"emoji_name\":\"x\"}]}}\n",
    );
    let (_, s) = load_text(&[("odd.jsonl", text)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.posts, 2);
    let has = |p: &str| s.warnings.iter().any(|w| w.starts_with(p));
    assert!(has("2 Mattermost posts (with their replies) named no team or channel"), "{:?}", s.warnings);
    assert!(has("1 Mattermost post had no author"), "{:?}", s.warnings);
    assert!(has("1 Mattermost post had no time"), "{:?}", s.warnings);
    assert!(has("1 Mattermost direct post (with its replies) named no channel members"), "{:?}", s.warnings);
    assert!(has("1 Mattermost line of an unknown type"), "{:?}", s.warnings);
    assert!(has("1 Mattermost line had a type but no data"), "{:?}", s.warnings);
    assert!(has("1 Mattermost reaction had no user or emoji"), "{:?}", s.warnings);
    assert!(has("1 Mattermost channel has posts but no channel line;"), "{:?}", s.warnings);
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
    let mut paths = vec![export_json()];
    paths.extend(v11_files());
    let mut rng = Lcg(0x5eed);
    for p in &paths {
        let bytes = std::fs::read(p).unwrap();
        for _ in 0..60 {
            let mut b = bytes.clone();
            let cut = (rng.next() as usize) % (b.len() + 1);
            b.truncate(cut);
            let flips = rng.next() % 4;
            for _ in 0..flips {
                if !b.is_empty() {
                    let i = (rng.next() as usize) % b.len();
                    b[i] = rng.next() as u8;
                }
            }
            let _ = import_files(vec![InputFile::new("x.json", b)], &ImportOptions::default());
        }
    }
    for n in 0..200 {
        let len = (rng.next() % 300) as usize;
        let mut b: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        if n % 2 == 0 {
            b.splice(0..0, br#"{"type":"post","post":"#.iter().copied());
        }
        let _ = import_files(vec![InputFile::new("r.json", b)], &ImportOptions::default());
    }
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn lines_of_anything_never_panic(lines in proptest::collection::vec("\\PC{0,80}", 0..8)) {
            let mut text = String::from("{\"type\":\"version\",\"version\":1}\n");
            for l in &lines {
                text.push_str(l);
                text.push('\n');
            }
            let _ = import_files(vec![InputFile::new("p.jsonl", text.into_bytes())], &ImportOptions::default());
        }
    }
}
