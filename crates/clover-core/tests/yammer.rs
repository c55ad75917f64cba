//! Viva Engage (Yammer): REST API JSON samples, inline REST inputs for every rule, and an
//! inline network data export (ZIP of CSV files) written here, since no public sample exists.

mod common;

use std::io::{Cursor, Write};

use clover_core::import::{archive, import_files, sniff, yammer, ImportOptions, ImportResult, InputFile, Report};
use clover_core::model::{MessageKind, SpaceKind};
use clover_core::stats::{summarize, ImportSummary};
use common::{collect, samples};

fn sample(rel: &str) -> InputFile {
    let p = samples().join(rel);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    InputFile::new(p.file_name().unwrap().to_string_lossy().to_string(), bytes)
}

fn run(files: Vec<InputFile>) -> (ImportResult, ImportSummary) {
    let r = import_files(files, &ImportOptions::default());
    let s = summarize(&r);
    (r, s)
}

fn file(name: &str, text: &str) -> InputFile {
    InputFile::new(name, text.as_bytes().to_vec())
}

fn has_warning(s: &ImportSummary, needle: &str) -> bool {
    s.warnings.iter().any(|w| w.contains(needle))
}

const YAM: &str = "yammer/yammer-yam-spec-fixtures";

// ---------------------------------------------------------------------------------------
// The real samples, one by one
// ---------------------------------------------------------------------------------------

#[test]
fn camel_messages_json() {
    let (r, s) = run(vec![sample("yammer/apache-camel-yammer/messages.json")]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.formats, ["yammer"]);
    // 2 messages. 305298242: sender 1499642294 (sender_type user), also its only liker
    // (liked_by names[0].user_id) -> 1 person. 294326302 has no sender_id at all and is
    // message_type "system": written by the network's system account -> 1 bot.
    assert_eq!(s.people, 1);
    assert_eq!(s.bots, 1);
    assert_eq!(s.deactivated, 0);
    // Neither message has a group_id nor direct_message true -> both in All Company.
    assert_eq!(s.spaces, 1);
    // 305298242: thread_id == id, replied_to_id null, message_type update -> a post.
    assert_eq!(s.posts, 1);
    assert_eq!(s.replies, 0);
    // 294326302: message_type "system" -> a system message.
    assert_eq!(s.system_messages, 1);
    assert_eq!(s.bot_messages, 0);
    // liked_by {count 1, names [1499642294]} on 305298242 -> 1 like; count == names.len().
    assert_eq!(s.reactions, 1);
    assert_eq!(s.mentions, 0);
    assert_eq!(s.first.as_deref(), Some("2013-05-10T19:08:29.000Z"));
    assert_eq!(s.last.as_deref(), Some("2013-06-25T18:14:45.000Z"));
    let ds = &r.dataset;
    let liker = ds.people.iter().find(|p| p.key == "yammer:1499642294").unwrap();
    assert_eq!(liker.name, "Jonathan Anstey");
    assert_eq!(ds.spaces[0].name, "All Company");
    assert_eq!(ds.spaces[0].kind, SpaceKind::Community);
    assert!(ds.spaces[0].public);
    assert_eq!(ds.strings[ds.reactions.emoji[0] as usize], "like");
}

#[test]
fn yam_group_json() {
    let (r, s) = run(vec![sample(&format!("{YAM}/group.json"))]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // One group object (type "group", id 2528, privacy "public"): 1 space, nothing else.
    assert_eq!((s.people, s.bots, s.spaces), (0, 0, 1));
    assert_eq!((s.posts, s.replies, s.reactions, s.system_messages, s.bot_messages), (0, 0, 0, 0, 0));
    assert_eq!(r.files_loaded, 1);
    let sp = &r.dataset.spaces[0];
    // full_name "RAILS TEAM" is the display name (name "railsteam" is the URL slug).
    assert_eq!(
        (sp.key.as_str(), sp.name.as_str(), sp.kind, sp.public),
        ("yammer:group:2528", "RAILS TEAM", SpaceKind::Community, true)
    );
}

#[test]
fn yam_message_json() {
    let (r, s) = run(vec![sample(&format!("{YAM}/message.json"))]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // One message object: id 5 == thread_id 5, replied_to_id null, sender 67 (user), group 7.
    // -> 1 person (67, undescribed), 1 space (group 7), 1 post; liked_by count 0.
    assert_eq!((s.people, s.bots, s.spaces), (1, 0, 1));
    assert_eq!((s.posts, s.replies, s.reactions, s.system_messages, s.bot_messages), (1, 0, 0, 0, 0));
    assert!(has_warning(&s, "1 author is not described"));
    let sp = &r.dataset.spaces[0];
    assert_eq!((sp.key.as_str(), sp.kind, sp.public), ("yammer:group:7", SpaceKind::Community, true));
}

#[test]
fn yam_messages_in_thread_json() {
    let (r, s) = run(vec![sample(&format!("{YAM}/messages_in_thread.json"))]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // messages[] holds 1 message: id 10930136, thread_id 10928508, replied_to_id 10930053,
    // direct_message true, sender 1908103 (user); references[] and threaded_extended{} empty.
    // -> 1 person (meta.current_user_id is the API caller, not data), 1 direct space
    // (keyed by thread 10928508), 1 reply whose parent is not in the file.
    assert_eq!((s.people, s.bots, s.spaces), (1, 0, 1));
    assert_eq!((s.posts, s.replies, s.reactions, s.system_messages, s.bot_messages), (0, 1, 0, 0, 0));
    assert!(has_warning(&s, "1 reply answers a message that is not in the export;"), "{:?}", s.warnings);
    let sp = &r.dataset.spaces[0];
    assert_eq!((sp.key.as_str(), sp.kind, sp.public), ("yammer:direct:10928508", SpaceKind::Direct, false));
}

#[test]
fn yam_thread_summaries() {
    // portal_thread.json: type "thread", references [1 user 1841933 "Kevin Mutyaba"] -> 1 person.
    let (r, s) = run(vec![sample(&format!("{YAM}/portal_thread.json"))]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.people, s.bots, s.spaces, s.posts, s.replies, s.reactions), (1, 0, 0, 0, 0, 0));
    let p = &r.dataset.people[0];
    assert_eq!(
        (p.key.as_str(), p.name.as_str(), p.title.as_deref()),
        ("yammer:1841933", "Kevin Mutyaba", Some("Web dev"))
    );
    assert!(has_warning(&s, "1 Viva Engage thread summary holds no messages;"));
    // private_thread.json and public_thread.json: type "thread", references [] -> nothing,
    // but both are read (participants are ids only; stats are not messages).
    for f in ["private_thread.json", "public_thread.json"] {
        let (r, s) = run(vec![sample(&format!("{YAM}/{f}"))]);
        assert!(s.errors.is_empty(), "{f}: {:?}", s.errors);
        assert_eq!(r.files_loaded, 1, "{f}");
        assert_eq!((s.people, s.bots, s.spaces, s.posts, s.replies), (0, 0, 0, 0, 0), "{f}");
    }
}

#[test]
fn yam_user_json() {
    let (r, s) = run(vec![sample(&format!("{YAM}/user.json"))]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // One user object (type "user", id 2, state "active") -> 1 person, not deactivated.
    assert_eq!((s.people, s.bots, s.deactivated, s.spaces, s.posts), (1, 0, 0, 0, 0));
    let ds = &r.dataset;
    let p = &ds.people[0];
    assert_eq!(p.key, "yammer:2");
    assert_eq!(p.name, "John Smith");
    // contact.email_addresses [{address jsmith@yammer-inc.com, type primary}].
    assert_eq!(p.email.as_deref(), Some("jsmith@yammer-inc.com"));
    assert_eq!(p.title.as_deref(), Some("Web dev"));
    assert_eq!(ds.department(0), Some("Engineering"));
    assert_eq!(p.location.map(|l| ds.string(l)), Some("San Francisco"));
    // activated_at "2012/01/23 17:01:02 +0000".
    assert_eq!(p.joined_ms, Some(1_327_338_062_000));
}

#[test]
fn yam_users_lists() {
    // users_following.json: {users: [1 user, id 7 "Jimmy"]}; users_followed.json: id 9.
    for (f, key, title) in
        [("users_following.json", "yammer:7", "Bumbler"), ("users_followed.json", "yammer:9", "Grumbler")]
    {
        let (r, s) = run(vec![sample(&format!("{YAM}/{f}"))]);
        assert!(s.errors.is_empty(), "{f}: {:?}", s.errors);
        assert_eq!((s.people, s.bots, s.spaces, s.posts), (1, 0, 0, 0), "{f}");
        let p = &r.dataset.people[0];
        assert_eq!((p.key.as_str(), p.name.as_str(), p.title.as_deref()), (key, "Jimmy", Some(title)));
    }
}

#[test]
fn yam_all_fixtures_together() {
    let names = [
        "group.json",
        "message.json",
        "messages_in_thread.json",
        "portal_thread.json",
        "private_thread.json",
        "public_thread.json",
        "user.json",
        "users_followed.json",
        "users_following.json",
    ];
    let files = names.iter().map(|n| sample(&format!("{YAM}/{n}"))).collect();
    let (r, s) = run(files);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(r.files_loaded, 9);
    // People: 2 (user.json), 7, 9 (users lists), 1841933 (portal_thread reference),
    // 67 (message.json sender), 1908103 (messages_in_thread sender) -> 6.
    assert_eq!(s.people, 6);
    assert_eq!(s.bots, 0);
    // Spaces: group 2528 (group.json), group 7 (message.json), direct thread 10928508.
    assert_eq!(s.spaces, 3);
    // Post: message 5; reply: 10930136.
    assert_eq!((s.posts, s.replies, s.reactions, s.system_messages, s.bot_messages), (1, 1, 0, 0, 0));
}

// ---------------------------------------------------------------------------------------
// REST rules, inline
// ---------------------------------------------------------------------------------------

/// A feed with references, threaded_extended, likes, mentions, a bot and a private group.
/// Ids beyond 2^53: 9007199254740993 would become ...992 through an f64.
const FEED: &str = r#"{
 "messages": [
  {"id": 9007199254740993, "thread_id": 9007199254740993, "replied_to_id": null, "group_id": 77,
   "sender_id": 11, "sender_type": "user", "message_type": "update", "system_message": false,
   "direct_message": false, "privacy": "private", "created_at": "2021/05/01 09:00:00 +0000",
   "body": {"parsed": "Hi [[user:12]] and [[user:13]]", "plain": "Hi a and b", "rich": "Hi"},
   "liked_by": {"count": 5, "names": [{"user_id": 12, "full_name": "Twelve"}, {"user_id": 13, "full_name": "Thirteen"}]}},
  {"id": 9007199254740992, "thread_id": 9007199254740992, "group_id": 77, "sender_id": 11,
   "sender_type": "user", "message_type": "announcement", "created_at": "2021/05/01 08:00:00 +0000",
   "body": {"parsed": "Announcement"}, "liked_by": {"count": 0, "names": []}},
  {"id": 9007199254740994, "thread_id": 9007199254740994, "group_id": null, "sender_id": 501,
   "sender_type": "bot", "message_type": "update", "created_at": "2021/05/01 10:00:00 +0000",
   "body": {"parsed": "Feed item"}, "liked_by": {"count": 0, "names": []}}
 ],
 "threaded_extended": {"9007199254740993": [
  {"id": 9007199254740995, "thread_id": 9007199254740993, "replied_to_id": 9007199254740993,
   "group_id": 77, "sender_id": 12, "sender_type": "user", "message_type": "update",
   "created_at": "2021/05/01 09:30:00 +0000", "body": {"parsed": "Thanks [[user:11]]"},
   "liked_by": {"count": 1, "names": [{"user_id": 11, "full_name": "Eleven"}]}},
  {"id": 9007199254740993, "thread_id": 9007199254740993, "group_id": 77, "sender_id": 11,
   "sender_type": "user", "created_at": "2021/05/01 09:00:00 +0000", "body": {"parsed": "Hi"}}
 ]},
 "references": [
  {"type": "user", "id": 11, "full_name": "Eleven Person", "job_title": "VP Sales",
   "email": "eleven@example.com", "state": "active", "mugshot_url": "x"},
  {"type": "user", "id": 13, "full_name": "Thirteen", "state": "suspended"},
  {"type": "group", "id": 77, "full_name": "Secret Club", "privacy": "private"},
  {"type": "bot", "id": 501, "full_name": "RSS feed"},
  {"type": "thread", "id": 9007199254740993},
  {"type": "topic", "id": 3, "name": "x"}
 ],
 "meta": {"current_user_id": 11}
}"#;

#[test]
fn feed_rules() {
    let (r, s) = run(vec![file("feed.json", FEED)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // People 11, 12 (named by a like), 13 (suspended) -> 3 people, 1 deactivated; bot 501.
    assert_eq!((s.people, s.bots, s.deactivated), (3, 1, 1));
    // Group 77 and All Company (the bot's message has group_id null).
    assert_eq!(s.spaces, 2);
    // ...993 and ...992 (both starters: the ids differ though an f64 would merge them);
    // ...995 answers ...993; the repeat of ...993 in threaded_extended is kept once.
    assert_eq!((s.posts, s.replies, s.system_messages, s.bot_messages), (2, 1, 0, 1));
    // Likes: 12 and 13 on ...993, 11 on ...995. 3 of ...993's 5 likes are not attributable.
    assert_eq!(s.reactions, 3);
    assert!(
        has_warning(&s, "3 Viva Engage likes are counted on messages but their likers are not listed"),
        "{:?}",
        s.warnings
    );
    // Mentions: 12 and 13 in ...993, 11 in ...995.
    assert_eq!(s.mentions, 3);
    let ds = &r.dataset;
    let club = ds.spaces.iter().find(|x| x.key == "yammer:group:77").unwrap();
    assert_eq!((club.name.as_str(), club.kind, club.public), ("Secret Club", SpaceKind::Community, false));
    let eleven = ds.people.iter().find(|p| p.key == "yammer:11").unwrap();
    assert_eq!(eleven.name, "Eleven Person");
    assert_eq!(eleven.email.as_deref(), Some("eleven@example.com"));
    assert!(eleven.leader, "VP Sales is a leader's title");
    let twelve = ds.people.iter().find(|p| p.key == "yammer:12").unwrap();
    assert_eq!(twelve.name, "Twelve");
    let bot = ds.people.iter().find(|p| p.key == "yammer:bot:501").unwrap();
    assert!(bot.bot);
    assert_eq!(bot.name, "RSS feed");
    // The reply is threaded under its root.
    let reply = ds.messages.kind.iter().position(|k| *k == MessageKind::Reply).unwrap();
    let root = ds.messages.root[reply] as usize;
    assert_eq!(ds.messages.kind[root], MessageKind::Post);
    assert_eq!(ds.messages.parent[reply] as usize, root);
    assert_eq!(ds.messages.space[reply], ds.messages.space[root]);
}

#[test]
fn same_message_in_two_files_counts_once() {
    let one = r#"{"id": 40, "thread_id": 40, "replied_to_id": null, "group_id": 2, "sender_id": 8,
        "sender_type": "user", "message_type": "update", "created_at": "2020/01/01 00:00:00 +0000",
        "network_id": 1, "liked_by": {"count": 1, "names": [{"user_id": 9, "full_name": "Nine"}]}}"#;
    let feed = format!(r#"{{"messages": [{one}], "references": [], "meta": {{}}, "threaded_extended": {{}}}}"#);
    let (_, s) = run(vec![file("a/message.json", one), file("b/messages.json", &feed)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.posts, s.reactions, s.spaces), (1, 1, 1));
    // The like is only counted as one (person, message, like).
    assert_eq!(s.people, 2);
}

#[test]
fn replies_and_missing_parents() {
    let feed = r#"{"messages": [
      {"id": 1, "thread_id": 1, "sender_id": 5, "group_id": 3, "created_at": "2020-01-01T00:00:00Z", "message_type": "update"},
      {"id": 2, "thread_id": 1, "replied_to_id": 1, "sender_id": 6, "group_id": 3, "created_at": "2020-01-01T01:00:00Z"},
      {"id": 3, "thread_id": 1, "replied_to_id": 2, "sender_id": 5, "group_id": 3, "created_at": "2020-01-01T02:00:00Z"},
      {"id": 4, "thread_id": 99, "replied_to_id": 98, "sender_id": 6, "group_id": 3, "created_at": "2020-01-01T03:00:00Z"},
      {"id": 5, "thread_id": 99, "sender_id": 6, "group_id": 3, "created_at": "2020-01-01T04:00:00Z"}
    ], "references": []}"#;
    let (r, s) = run(vec![file("m.json", feed)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // 1 starts a thread; 2 and 3 answer in it; 4 answers 98 (absent) in thread 99 (absent);
    // 5 has no replied_to_id but sits in thread 99, so it is a reply too.
    assert_eq!((s.posts, s.replies), (1, 4));
    assert!(has_warning(&s, "2 replies answer a message that is not in the export"), "{:?}", s.warnings);
    let ds = &r.dataset;
    // Message 3 (row 2: rows are sorted by time) has parent 2 and root 1.
    assert_eq!(ds.messages.parent[2], 1);
    assert_eq!(ds.messages.root[2], 0);
}

#[test]
fn system_bot_and_direct_messages() {
    let feed = r#"{"messages": [
      {"id": 10, "thread_id": 10, "message_type": "system", "sender_type": "user", "created_at": "2020/02/01 00:00:00 +0000",
       "body": {"parsed": "[[user:5]] has #joined the network"}},
      {"id": 11, "thread_id": 11, "sender_id": 5, "system_message": true, "message_type": "update", "group_id": 4,
       "created_at": "2020/02/01 00:01:00 +0000"},
      {"id": 12, "thread_id": 12, "sender_id": 700, "sender_type": "bot", "group_id": 4, "created_at": "2020/02/01 00:02:00 +0000"},
      {"id": 13, "thread_id": 13, "sender_id": 5, "direct_message": true, "privacy": "private", "created_at": "2020/02/01 00:03:00 +0000"},
      {"id": 14, "thread_id": 13, "replied_to_id": 13, "sender_id": 6, "direct_message": true, "created_at": "2020/02/01 00:04:00 +0000"},
      {"id": 15, "thread_id": 15, "sender_id": 6, "direct_message": false, "created_at": "2020/02/01 00:05:00 +0000"},
      {"id": 16, "thread_id": 16, "direct_message": false, "created_at": "2020/02/01 00:06:00 +0000"},
      {"id": 17, "thread_id": 17, "sender_id": 6, "created_at": "yesterday"}
    ], "references": [{"type": "user", "id": 6, "full_name": "Six", "state": "active", "activated_at": "2019/01/01 00:00:00 +0000"}]}"#;
    let (r, s) = run(vec![file("m.json", feed)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // 10: system, no sender -> the system account (a bot). 11: system_message true -> system.
    assert_eq!(s.system_messages, 2);
    // 12: sender_type bot -> a bot message by bot 700.
    assert_eq!(s.bot_messages, 1);
    // 13 starts a private conversation, 14 answers it; 15 is a post in All Company.
    assert_eq!((s.posts, s.replies), (2, 1));
    // People 5 and 6 (5 is also mentioned); bots: 700 and the system account.
    assert_eq!((s.people, s.bots), (2, 2));
    // Spaces: group 4, direct thread 13, All Company.
    assert_eq!(s.spaces, 3);
    // 16 has no sender and is not a system message; 17 has no readable time.
    assert!(has_warning(&s, "1 Viva Engage message had no sender and was skipped"), "{:?}", s.warnings);
    assert!(has_warning(&s, "1 Viva Engage message had no readable created_at time"), "{:?}", s.warnings);
    let ds = &r.dataset;
    let direct = ds.spaces.iter().find(|x| x.key == "yammer:direct:13").unwrap();
    assert_eq!((direct.kind, direct.public), (SpaceKind::Direct, false));
    let all = ds.spaces.iter().find(|x| x.key == "yammer:all-company").unwrap();
    assert_eq!((all.name.as_str(), all.kind, all.public), ("All Company", SpaceKind::Community, true));
    let sys = ds.people.iter().find(|p| p.key == "yammer:system").unwrap();
    assert!(sys.bot);
    assert_eq!(s.mentions, 1);
}

#[test]
fn user_and_group_objects_and_lists() {
    let users = r#"[
      {"type": "user", "id": 1, "full_name": "Ann", "mugshot_url": "u", "state": "active", "department": "Ops"},
      {"type": "user", "id": 2, "full_name": "Ben", "mugshot_url": "u", "state": "soft_delete",
       "contact": {"email_addresses": [{"address": "b2@x.org", "type": "other"}, {"address": "ben@x.org", "type": "primary"}]}},
      {"type": "group", "id": 30, "full_name": "Ops", "mugshot_url": "g", "privacy": "public"}
    ]"#;
    let group = r#"{"type": "group", "id": 31, "full_name": "Board", "name": "board", "privacy": "private",
        "creator_id": 1, "mugshot_url": "g"}"#;
    let listed = r#"{"users": [{"type": "user", "id": 3, "full_name": "Cy", "mugshot_url_template": "t", "job_title": "Head of Ops"}], "more_available": false}"#;
    let (r, s) = run(vec![file("users.json", users), file("group.json", group), file("following.json", listed)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.people, s.deactivated, s.bots, s.spaces), (3, 1, 0, 2));
    let ds = &r.dataset;
    let ben = ds.people.iter().find(|p| p.key == "yammer:2").unwrap();
    assert_eq!(ben.email.as_deref(), Some("ben@x.org"));
    assert!(ben.deactivated);
    let board = ds.spaces.iter().find(|x| x.key == "yammer:group:31").unwrap();
    assert_eq!((board.name.as_str(), board.public), ("Board", false));
    assert!(ds.people.iter().find(|p| p.key == "yammer:3").unwrap().leader);
}

#[test]
fn references_win_over_what_messages_say() {
    // The message says the group is public and names nobody; the group list, read in any
    // order, says it is private and names it.
    let msg = r#"{"id": 1, "thread_id": 1, "sender_id": 2, "group_id": 50, "privacy": "public",
        "created_at": "2020/01/01 00:00:00 +0000", "network_id": 1,
        "liked_by": {"count": 1, "names": [{"user_id": 2, "full_name": "nickname"}]}}"#;
    let groups = r#"[{"type": "group", "id": 50, "full_name": "Finance", "privacy": "private", "mugshot_url": "g"},
                     {"type": "user", "id": 2, "full_name": "Real Name", "mugshot_url": "u"}]"#;
    for files in [vec![file("m.json", msg), file("g.json", groups)], vec![file("g.json", groups), file("m.json", msg)]]
    {
        let (r, s) = run(files);
        assert!(s.errors.is_empty(), "{:?}", s.errors);
        let ds = &r.dataset;
        assert_eq!((ds.spaces[0].name.as_str(), ds.spaces[0].public), ("Finance", false));
        assert_eq!(ds.people[0].name, "Real Name");
    }
}

#[test]
fn malformed_files_are_reported_by_name() {
    let good = r#"{"id": 1, "thread_id": 1, "sender_id": 2, "group_id": 50, "created_at": "2020/01/01 00:00:00 +0000", "network_id": 1}"#;
    let truncated =
        r#"{"messages": [{"id": 1, "thread_id": 1, "sender_id": 2, "network_id": 1, "created_at": "2020/01"#;
    // Feeds are streamed: the message before the bad `references` value is kept.
    let wrong = r#"{"messages": [{"id": 7, "thread_id": 7, "sender_id": 2, "network_id": 1, "created_at": "2020/01/02 00:00:00 +0000"}],
        "references": 5}"#;
    let (r, s) = run(vec![file("good.json", good), file("cut.json", truncated), file("wrong.json", wrong)]);
    assert_eq!(s.errors.len(), 2, "{:?}", s.errors);
    assert!(s.errors.iter().any(|e| e.file == "cut.json" && e.message.contains("line 1")), "{:?}", s.errors);
    assert!(
        s.errors.iter().any(|e| e.file == "wrong.json"
            && e.message.contains("line 2")
            && e.message.contains("the 1 messages before it were read")),
        "{:?}",
        s.errors
    );
    assert_eq!(r.files_loaded, 2);
    assert_eq!(s.posts, 2);
}

#[test]
fn odd_field_types_do_not_lose_the_file() {
    let feed = r#"{"messages": [
      {"id": "21", "thread_id": "21", "sender_id": "3", "sender_type": null, "group_id": "", "privacy": 1,
       "created_at": "2020-05-05T10:00:00+02:00", "body": "plain text [[user:4]]", "system_message": "false",
       "direct_message": null, "liked_by": {"count": "2", "names": [{"user_id": "4"}, {"full_name": "no id"}]},
       "network_id": 1, "attachments": {"weird": true}}
    ], "references": [{"type": "user", "id": 3, "full_name": ["not", "a", "string"], "mugshot_url": "u"}]}"#;
    let (r, s) = run(vec![file("odd.json", feed)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // An empty group_id is no group: All Company. The like without user_id is not attributable.
    assert_eq!((s.posts, s.spaces, s.reactions, s.mentions, s.people), (1, 1, 1, 1, 2));
    assert!(has_warning(&s, "1 Viva Engage like is counted"), "{:?}", s.warnings);
    assert_eq!(r.dataset.messages.time[0], 1_588_665_600_000);
}

#[test]
fn other_formats_are_not_claimed() {
    let not_yammer: &[&[u8]] = &[
        // Slack users.json, channels.json, a day file, integration logs.
        br#"[{"id": "U1", "name": "ann", "real_name": "Ann", "deleted": false, "is_bot": false, "profile": {"email": "a@x"}}]"#,
        br#"[{"id": "C1", "name": "general", "created": 1, "creator": "U1", "members": ["U1"], "topic": {}, "purpose": {}}]"#,
        br#"[{"type": "message", "user": "U1", "text": "hi <@U2>", "ts": "1452845865.000008", "thread_ts": "1452845865.000008"}]"#,
        br#"{"logs": [{"user_id": "U1", "user_name": "ann", "date": "1", "change_type": "added"}]}"#,
        // Discord (DiscordChatExporter).
        br#"{"guild": {"id": "1"}, "channel": {"id": "2"}, "messages": [{"id": "3", "type": "Default", "timestamp": "2020-01-01", "author": {"id": "4"}}]}"#,
        // Mattermost JSON Lines.
        b"{\"type\":\"version\",\"version\":1}\n{\"type\":\"user\",\"user\":{\"username\":\"a\"}}\n",
        br#"{"type": "user", "user": {"username": "ann", "email": "a@x", "first_name": "A"}}"#,
        // Teams (Graph and the export tool's PascalCase).
        br#"{"value": [{"id": "1", "createdDateTime": "2020-01-01T00:00:00Z", "from": {"user": {"id": "u"}}, "body": {"content": "x"}}]}"#,
        br#"[{"Id": "1", "CreatedDateTime": "2020", "From": {"User": {"Id": "u"}}, "Body": {"Content": "x"}, "ReplyToId": null}]"#,
        br#"[{"id": "u1", "displayName": "Ann", "mail": "a@x", "userPrincipalName": "a@x", "jobTitle": "VP"}]"#,
        // Rosters.
        b"email,name,department,title,location,manager\na@x,Ann,Ops,VP,Paris,\n",
        b"id,name,email,department,job_title,location,joined_at,state\n1,Ann,a@x,Ops,VP,Paris,2020-01-01,CA\n",
        b"Employee ID,Full Name,Email,Department,Title,Hire Date,Status\n1,Ann,a@x,Ops,VP,2020,active\n",
    ];
    for (i, b) in not_yammer.iter().enumerate() {
        let shape = sniff::sniff(b);
        assert!(!yammer::recognise(&shape), "input {i} was claimed: {shape:?}");
    }
}

#[test]
fn other_samples_are_not_claimed() {
    let mut files = Vec::new();
    collect(&samples(), &mut files);
    let mut checked = 0;
    for p in files {
        let rel = p.strip_prefix(samples()).unwrap().to_string_lossy().to_string();
        if rel.starts_with("yammer") || !(rel.ends_with(".json") || rel.ends_with(".zip") || rel.ends_with(".csv")) {
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        let mut report = Report::default();
        for e in archive::expand(vec![InputFile::new(rel.clone(), bytes)], 1 << 30, &mut report) {
            let shape = sniff::sniff(e.head());
            assert!(!yammer::recognise(&shape), "{} was claimed as Viva Engage: {shape:?}", e.display);
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} files checked");
}

// ---------------------------------------------------------------------------------------
// The network data export (ZIP of CSV), written here
// ---------------------------------------------------------------------------------------

const BOM: &str = "\u{feff}";

/// Users.csv: columns in an unusual order; Carol suspended, Dan deleted; CRLF line ends.
fn users_csv() -> String {
    let rows = [
        "state,email,id,name,job_title,department,location,api_url,joined_at,deleted_by_id,deleted_by_type,deleted_at,suspended_by_id,suspended_by_type,suspended_at,guid",
        "active,ada@example.com,1001,\"Lovelace, Ada\",Chief Engineer,Engineering,\"London, UK\",https://www.yammer.com/api/v1/users/1001,2019-01-02T09:00:00Z,,,,,,,g1",
        "active,bob@example.com,1002,Bob Builder,Engineer,Engineering,Leeds,https://www.yammer.com/api/v1/users/1002,2019/01/03 10:00:00 +0000,,,,,,,g2",
        "suspended,carol@example.com,1003,Carol Chen,Analyst,Finance,Paris,https://www.yammer.com/api/v1/users/1003,2019-02-01T00:00:00Z,,,,2001,user,2020-01-01T00:00:00Z,g3",
        "soft_delete,dan@example.com,1004,Dan Diaz,,Sales,,https://www.yammer.com/api/v1/users/1004,2019-03-01T00:00:00Z,2001,user,2020-02-02T00:00:00Z,,,,g4",
    ];
    format!("{BOM}{}\r\n", rows.join("\r\n"))
}

/// Groups.csv: descriptions with commas and line breaks; 3002 is private; 3003 has no messages.
fn groups_csv() -> String {
    let rows = [
        "id,name,description,private,deleted,creator_id,creator_type,created_at,updated_at,api_url",
        "3001,Engineering,\"Builders, makers\r\nand tinkerers\",false,false,1001,user,2019-01-05T00:00:00Z,2019-01-05T00:00:00Z,https://www.yammer.com/api/v1/groups/3001",
        "3002,Leadership Circle,\"Private, for leads\",true,false,1001,user,2019-01-06T00:00:00Z,2019-01-06T00:00:00Z,https://www.yammer.com/api/v1/groups/3002",
        "3003,Empty Group,,false,false,1002,user,2019-01-07T00:00:00Z,2019-01-07T00:00:00Z,https://www.yammer.com/api/v1/groups/3003",
    ];
    format!("{BOM}{}\r\n", rows.join("\r\n"))
}

/// Messages.csv: every rule once (see `network_export_zip` for the expected counts).
fn messages_csv() -> String {
    let header = "created_at,id,body,sender_id,sender_type,sender_name,sender_email,thread_id,replied_to_id,conversation_id,group_id,group_name,participants,in_private_group,in_private_conversation,attachments,deleted_by_id,deleted_at,title,message_type";
    let rows = [
        // 5001: a post in Engineering, multi-line quoted body with commas, quotes and a mention.
        "2020-03-01T10:00:00Z,5001,\"Hello, team!\r\nThis is multi-line, with \"\"quotes\"\" and [[user:1002]]\",1001,user,\"Lovelace, Ada\",ada@example.com,5001,,,3001,Engineering,,false,false,,,,Kickoff,update",
        // 5002: a reply to 5001 (Yammer's own timestamp spelling).
        "2020/03/01 11:00:00 +0000,5002,Welcome!,1002,user,Bob Builder,bob@example.com,5001,5001,,3001,Engineering,,false,false,,,,,update",
        // 5003: a reply to the reply.
        "2020-03-01T12:00:00.000Z,5003,\"Agreed,\nsee you\",1003,user,Carol Chen,carol@example.com,5001,5002,,3001,Engineering,,false,false,,,,,update",
        // 5004: a post in the private group.
        "2020-03-02T09:00:00Z,5004,Q2 plan,1001,user,\"Lovelace, Ada\",ada@example.com,5004,,,3002,Leadership Circle,,true,false,,,,,announcement",
        // 5005: deleted -> skipped and counted.
        "2020-03-02T10:00:00Z,5005,oops,1002,user,Bob Builder,bob@example.com,5005,,,3001,Engineering,,false,false,,1002,2020-03-02T10:05:00Z,,update",
        // 5006, 5007: a private conversation between Bob and Ada.
        "2020-03-03T08:00:00Z,5006,lunch?,1002,user,Bob Builder,bob@example.com,5006,,77,,,\"user:1001,user:1002\",false,true,,,,,update",
        "2020-03-03T08:05:00Z,5007,sure,1001,user,\"Lovelace, Ada\",ada@example.com,5006,5006,77,,,\"user:1001,user:1002\",false,true,,,,,update",
        // 5008: All Company (no group), by a deleted user.
        "2020-03-04T08:00:00Z,5008,Farewell all,1004,user,Dan Diaz,dan@example.com,5008,,,,,,false,false,,,,,update",
        // 5009: a system message.
        "2020-03-04T09:00:00Z,5009,[[user:1003]] joined Engineering,1003,user,Carol Chen,carol@example.com,5009,,,3001,Engineering,,false,false,,,,,system",
        // 5010: a bot's message.
        "2020-03-04T10:00:00Z,5010,New RSS item,7001,bot,RSS Bot,,5010,,,3001,Engineering,,false,false,,,,,update",
        // 5011: a reply whose thread is outside the export's date range.
        "2020-03-05T10:00:00Z,5011,late answer,1002,user,Bob Builder,bob@example.com,4999,4999,,3001,Engineering,,false,false,,,,,update",
        // 5012: a guest missing from Users.csv, described by the sender columns.
        "2020-03-06T10:00:00+01:00,5012,hi from outside,1005,user,Eve External,eve@partner.example,5012,,,3001,Engineering,,false,false,,,,,update",
    ];
    format!("{BOM}{header}\r\n{}\r\n", rows.join("\r\n"))
}

const FILES_CSV: &str = "\u{feff}file_id,name,description,uploader_id,uploader_type,group_id,group_name,path,file_type,created_at,deleted_at\r\n1,plan.pdf,,1001,user,3002,Leadership Circle,files/1,pdf,2020-03-02T09:00:00Z,\r\n";
const TOPICS_CSV: &str =
    "\u{feff}id,name,description,creator_id,creator_type,created_at\r\n1,roadmap,,1001,user,2020-03-01T00:00:00Z\r\n";

fn zip(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn export_entries() -> Vec<(&'static str, String)> {
    vec![
        ("export-2020/Messages.csv", messages_csv()),
        ("export-2020/Users.csv", users_csv()),
        ("export-2020/Groups.csv", groups_csv()),
        ("export-2020/Files.csv", FILES_CSV.to_string()),
        ("export-2020/Topics.csv", TOPICS_CSV.to_string()),
    ]
}

fn check_export(r: &ImportResult, s: &ImportSummary) {
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(r.files_loaded, 5);
    assert_eq!(s.formats, ["yammer"]);
    // Users.csv: 4 users (Carol suspended, Dan soft-deleted); Eve (1005) sends a message.
    assert_eq!((s.people, s.deactivated), (5, 2));
    // 7001 sends as sender_type bot.
    assert_eq!(s.bots, 1);
    // Groups 3001, 3002, 3003; the private conversation of thread 5006; All Company.
    assert_eq!(s.spaces, 5);
    // Posts 5001, 5004, 5006, 5008, 5012; replies 5002, 5003, 5007, 5011; 5005 deleted.
    assert_eq!((s.posts, s.replies, s.system_messages, s.bot_messages), (5, 4, 1, 1));
    assert_eq!(s.reactions, 0);
    // [[user:1002]] in 5001 and [[user:1003]] in 5009.
    assert_eq!(s.mentions, 2);
    assert!(has_warning(s, "1 deleted Viva Engage message"), "{:?}", s.warnings);
    assert!(has_warning(s, "1 reply answers a message that is not in the export;"), "{:?}", s.warnings);
    assert!(has_warning(s, "2 Viva Engage files (Files.csv, Topics.csv)"), "{:?}", s.warnings);
    assert!(!has_warning(s, "not described"), "{:?}", s.warnings);
    assert_eq!(s.first.as_deref(), Some("2020-03-01T10:00:00.000Z"));
    // 5012 at 10:00 +01:00.
    assert_eq!(s.last.as_deref(), Some("2020-03-06T09:00:00.000Z"));

    let ds = &r.dataset;
    let person = |k: &str| ds.people.iter().find(|p| p.key == k).unwrap();
    let ada = person("yammer:1001");
    assert_eq!(ada.name, "Lovelace, Ada");
    assert_eq!(ada.email.as_deref(), Some("ada@example.com"));
    assert_eq!(ada.location.map(|l| ds.string(l)), Some("London, UK"));
    assert!(ada.leader);
    assert_eq!(ada.joined_ms, Some(1_546_419_600_000));
    assert!(person("yammer:1003").deactivated);
    assert!(person("yammer:1004").deactivated);
    assert!(!person("yammer:1002").deactivated);
    let eve = person("yammer:1005");
    assert_eq!((eve.name.as_str(), eve.email.as_deref()), ("Eve External", Some("eve@partner.example")));
    let bot = person("yammer:bot:7001");
    assert!(bot.bot);
    assert_eq!(bot.name, "RSS Bot");

    let space = |k: &str| ds.spaces.iter().find(|x| x.key == k).unwrap_or_else(|| panic!("no space {k}"));
    assert_eq!((space("yammer:group:3001").name.as_str(), space("yammer:group:3001").public), ("Engineering", true));
    assert_eq!(
        (space("yammer:group:3002").name.as_str(), space("yammer:group:3002").public),
        ("Leadership Circle", false)
    );
    assert_eq!(space("yammer:group:3003").kind, SpaceKind::Community);
    assert_eq!((space("yammer:direct:5006").kind, space("yammer:direct:5006").public), (SpaceKind::Direct, false));
    assert!(space("yammer:all-company").public);
}

#[test]
fn network_export_zip() {
    let entries = export_entries();
    let refs: Vec<(&str, &str)> = entries.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let (r, s) = run(vec![InputFile::new("export.zip", zip(&refs))]);
    check_export(&r, &s);
}

#[test]
fn network_export_loose_files() {
    let files = export_entries().into_iter().map(|(n, t)| file(n.trim_start_matches("export-2020/"), &t)).collect();
    let (r, s) = run(files);
    check_export(&r, &s);
}

#[test]
fn csv_messages_seen_twice_count_once() {
    // Two daily exports overlapping on one message; no Users.csv: senders are named by the
    // sender columns.
    let day1 = format!("{BOM}id,sender_id,replied_to_id,thread_id,group_id,created_at,body,sender_name\r\n1,10,,1,5,2020-01-01T00:00:00Z,hi,Ann\r\n");
    let day2 = format!("{BOM}id,sender_id,replied_to_id,thread_id,group_id,created_at,body,sender_name\r\n1,10,,1,5,2020-01-01T00:00:00Z,hi,Ann\r\n2,11,1,1,5,2020-01-02T00:00:00Z,yo,Ben\r\n");
    let (r, s) = run(vec![file("day1/Messages.csv", &day1), file("day2/Messages.csv", &day2)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.people, s.spaces, s.posts, s.replies), (2, 1, 1, 1));
    assert_eq!(r.dataset.people[0].name, "Ann");
}

#[test]
fn csv_without_rows_or_with_bad_rows() {
    let empty = format!("{BOM}id,sender_id,replied_to_id,thread_id,created_at\r\n");
    let mut odd = format!(
        "{BOM}id,sender_id,replied_to_id,thread_id,created_at\r\n,1,,,2020-01-01T00:00:00Z\r\n9,1,,9,not a date\r\n10,1\r\n11,1,,11,2020-01-01T00:00:00Z,extra,cells\r\n12,"
    )
    .into_bytes();
    odd.extend_from_slice(b"\xff,,12,2020-01-02T00:00:00Z\r\n");
    let (r, s) = run(vec![file("Messages.csv", &empty), InputFile::new("more/Messages.csv", odd)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(r.files_loaded, 2);
    // 11 and 12 are posts (12's sender is the replacement character, still an id).
    assert_eq!(s.posts, 2);
    assert!(has_warning(&s, "1 Viva Engage message had no id"), "{:?}", s.warnings);
    assert!(has_warning(&s, "2 Viva Engage messages had no readable created_at time"), "{:?}", s.warnings);
}

// ---------------------------------------------------------------------------------------
// Hostile input never panics
// ---------------------------------------------------------------------------------------

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn truncations_and_mutations_never_panic() {
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut files = Vec::new();
    collect(&samples().join("yammer"), &mut files);
    for p in files.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        inputs.push((p.display().to_string(), std::fs::read(p).unwrap()));
    }
    inputs.push(("feed".into(), FEED.as_bytes().to_vec()));
    for (n, t) in export_entries() {
        inputs.push((n.to_string(), t.into_bytes()));
    }
    let entries = export_entries();
    let refs: Vec<(&str, &str)> = entries.iter().map(|(n, t)| (*n, t.as_str())).collect();
    inputs.push(("export.zip".into(), zip(&refs)));

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for (name, bytes) in &inputs {
        // Every truncation point for small files, a sample of them for the others.
        let step = (bytes.len() / 300).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let _ = import_files(vec![InputFile::new(name.clone(), bytes[..cut].to_vec())], &ImportOptions::default());
        }
        for _ in 0..60 {
            let mut b = bytes.clone();
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(b.len());
                if let Some(x) = b.get_mut(i) {
                    *x = match rng.below(4) {
                        0 => rng.next() as u8,
                        1 => b"{}[]\",:\r\n"[rng.below(9)],
                        2 => b'9',
                        _ => 0,
                    };
                }
            }
            let _ = import_files(vec![InputFile::new(name.clone(), b)], &ImportOptions::default());
        }
    }
    for _ in 0..300 {
        let len = rng.below(400);
        let b: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let _ = import_files(vec![InputFile::new("random", b)], &ImportOptions::default());
    }
}
