//! Microsoft Teams importer: the Teams data export tool sample (loose files and a ZIP) and
//! hand-written Microsoft Graph `chatMessage` JSON for every rule.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use clover_core::import::sniff::sniff;
use clover_core::import::{import_files, teams, ImportOptions, ImportResult, InputFile};
use clover_core::stats::{counts, summarize, ImportSummary};
use clover_core::{MessageKind, SpaceKind};
use common::samples;

fn sample_root() -> PathBuf {
    samples().join("teams/zulip-TeamsData_ZulipChat")
}

/// Every file under `dir`, named by its path relative to `dir` ("teams/teamsList.json").
fn load_tree(dir: &Path) -> Vec<InputFile> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<InputFile>) {
        let mut entries: Vec<_> =
            std::fs::read_dir(dir).expect("sample folder").map(|e| e.expect("entry").path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).expect("under root").to_string_lossy().replace('\\', "/");
                out.push(InputFile::new(rel, std::fs::read(&p).expect("sample file")));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

/// A ZIP (deflated) of `files` under a root folder, as a downloaded export would be.
fn zip_of(files: &[InputFile], root: &str) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for f in files {
        w.start_file(format!("{root}{}", f.name), opts).expect("zip entry");
        w.write_all(&f.bytes).expect("zip write");
    }
    w.finish().expect("zip finish").into_inner()
}

fn run(files: Vec<InputFile>) -> (ImportResult, ImportSummary) {
    let r = import_files(files, &ImportOptions::default());
    let s = summarize(&r);
    (r, s)
}

fn json(name: &str, text: &str) -> InputFile {
    InputFile::new(name, text.as_bytes().to_vec())
}

fn has_warning(s: &ImportSummary, text: &str) -> bool {
    s.warnings.iter().any(|w| w == text)
}

fn space<'a>(r: &'a ImportResult, key: &str) -> &'a clover_core::Space {
    r.dataset.spaces.iter().find(|s| s.key == key).unwrap_or_else(|| panic!("no space {key}: {:?}", r.dataset.spaces))
}

fn person<'a>(r: &'a ImportResult, key: &str) -> &'a clover_core::Person {
    r.dataset.people.iter().find(|p| p.key == key).unwrap_or_else(|| panic!("no person {key}"))
}

const GENERAL: &str = "19:---2pcguZ0vbfte2wmk0y31xdnjlFv2C1k7nyYXUc7A1@thread.tacv2";

/// The counts every way of loading the sample must give.
fn assert_sample(r: &ImportResult, s: &ImportSummary) {
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.formats, ["teams"]);
    // 6 files: teamsList, channels_, messages_, teamMembers_ of team 7c050abd, usersList,
    // messages_ of user 88cbf3c2.
    assert_eq!(s.files_loaded, 6);
    // usersList.json: 6 entries (AARON, Alya Abbott, Cordelia, Guest Guy, Pieter K, zoe);
    // teamMembers_: Alya and Pieter, both already listed; message authors: Alya, Pieter and
    // Will Begon (9bd4aca7, in no list); the one reactor is Pieter -> 6 + 1 = 7 people.
    assert_eq!(s.people, 7);
    // Will Begon is in no user list although his tenant (af4acab6) is the organisation's
    // (the channels' TenantId, and Alya's and Pieter's messages) -> deactivated. Nobody
    // has AccountEnabled in usersList.json.
    assert_eq!(s.deactivated, 1);
    // No From.Application sender anywhere; 6 system events (From null) -> the synthetic
    // "teams:system" account is the only bot.
    assert_eq!(s.bots, 1);
    // channels_: 2 channels (General, private channel); chats in the user's messages_: 3
    // distinct ChatIds (19:3c6ee395_88cbf3c2@unq.gbl.spaces, 19:88cbf3c2_9bd4aca7@unq.gbl.spaces,
    // 19:9738fef4...@thread.v2); team messages all name the General channel -> 5.
    assert_eq!(s.spaces, 5);
    // Team messages_: 7 entries, 4 MessageType "message", 3 "unknownFutureValue". Of the 4,
    // 1755167284801 has ReplyToId null (post) and 3 reply to it. User messages_: 9 entries,
    // 6 "message" (all ChatId, ReplyToId null: posts; 1755004986602 was edited, once) and 3
    // "unknownFutureValue" -> posts 1 + 6 = 7, replies 3, system 3 + 3 = 6, bot 0.
    assert_eq!(s.posts, 7);
    assert_eq!(s.replies, 3);
    assert_eq!(s.system_messages, 6);
    assert_eq!(s.bot_messages, 0);
    // One Reactions entry: "👍" by 88cbf3c2 (Pieter) on 1760014782392 -> 1. Mentions: all empty.
    assert_eq!(s.reactions, 1);
    assert_eq!(s.mentions, 0);
    // Earliest CreatedDateTime: the chat system event 1754976554448 (2025-08-12T05:29:14.448);
    // latest: the team system event 1760015524547 (2025-10-09T13:12:04.547).
    assert_eq!(s.first.as_deref(), Some("2025-08-12T05:29:14.448Z"));
    assert_eq!(s.last.as_deref(), Some("2025-10-09T13:12:04.547Z"));

    // Team "Core team" has Privacy "Private" -> both its channels are private.
    let general = space(r, &format!("teams:{GENERAL}"));
    assert_eq!(general.name, "Core team / General");
    assert_eq!((general.kind, general.public), (SpaceKind::PrivateChannel, false));
    let private = space(r, "teams:19:42c4944387224bf79bcad3cb6809a335@thread.tacv2");
    assert_eq!(private.name, "Core team / private channel");
    assert_eq!((private.kind, private.public), (SpaceKind::PrivateChannel, false));
    // 1:1 chats name both users; the thread.v2 chat holds Pieter (the file's owner) and
    // Will (its one author): 2 people -> Direct too.
    let dm =
        space(r, "teams:19:3c6ee395-529d-4681-b5f7-582c707570f6_88cbf3c2-0810-4d32-aa19-863c12bf7be9@unq.gbl.spaces");
    assert_eq!((dm.name.as_str(), dm.kind, dm.public), ("Alya Abbott, Pieter K", SpaceKind::Direct, false));
    let dm2 = space(r, "teams:19:9738fef44f39480baff12e585aa9685e@thread.v2");
    assert_eq!((dm2.name.as_str(), dm2.kind, dm2.public), ("Pieter K, Will Begon", SpaceKind::Direct, false));

    let aaron = person(r, "teams:4dbd4c6f-163d-40b7-901b-e86b2f2141ae");
    assert_eq!(aaron.name, "AARON");
    assert_eq!(aaron.email.as_deref(), Some("aaron@ZulipChat.onmicrosoft.com"));
    assert_eq!(aaron.title.as_deref(), Some("Business development specialist"));
    let will = person(r, "teams:9bd4aca7-99cf-4b1b-a16d-e25717dc9414");
    assert_eq!(will.name, "Will Begon");
    assert!(will.deactivated && !will.bot);
    assert!(person(r, "teams:system").bot);

    // The 3 replies hang under the post 1755167284801.
    let m = &r.dataset.messages;
    let post = (0..m.len()).find(|&i| m.kind[i] == MessageKind::Post && m.space[i] == general_index(r)).expect("post");
    let replies: Vec<usize> = (0..m.len()).filter(|&i| m.kind[i] == MessageKind::Reply).collect();
    assert_eq!(replies.len(), 3);
    for i in replies {
        assert_eq!((m.parent[i], m.root[i]), (post as u32, post as u32));
    }
    assert!(has_warning(s, "1 Teams account in messages is missing from the user list; it counts as a deactivated person (a deleted account)"), "{:?}", s.warnings);
    assert!(!s.warnings.iter().any(|w| w.contains("not described")), "{:?}", s.warnings);
}

fn general_index(r: &ImportResult) -> u32 {
    r.dataset.spaces.iter().position(|s| s.key == format!("teams:{GENERAL}")).expect("general") as u32
}

#[test]
fn sample_loose_files() {
    let files = load_tree(&sample_root());
    assert_eq!(files.len(), 6);
    let (r, s) = run(files);
    assert_sample(&r, &s);
}

#[test]
fn sample_loose_files_in_any_order() {
    // Messages first, lists last: lists are still read first.
    let mut files = load_tree(&sample_root());
    files.reverse();
    let (r, s) = run(files);
    assert_sample(&r, &s);
}

#[test]
fn sample_as_zip() {
    let files = load_tree(&sample_root());
    // With a root folder (stripped by the archive reader) and without one.
    for root in ["TeamsData_ZulipChat/", ""] {
        let zip = zip_of(&files, root);
        let (r, s) = run(vec![InputFile::new("TeamsData.zip", zip)]);
        assert_sample(&r, &s);
    }
}

#[test]
fn sample_twice_counts_once() {
    // The same export loaded as loose files and as a ZIP: every message key repeats.
    let files = load_tree(&sample_root());
    let mut both = files.clone();
    both.push(InputFile::new("again.zip", zip_of(&files, "x/")));
    let (r, s) = run(both);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.posts, s.replies, s.system_messages, s.reactions, s.spaces, s.people), (7, 3, 6, 1, 5, 7));
    assert_eq!(r.files_loaded, 12);
}

// ---------------------------------------------------------------------------------------
// Graph REST JSON
// ---------------------------------------------------------------------------------------

const CH: &str = r#""channelIdentity": {"teamId": "T1", "channelId": "19:abc@thread.tacv2"}"#;

fn channel_messages() -> String {
    format!(
        r##"[
  {{"id": "1700000000000", "replyToId": null, "messageType": "message", "createdDateTime": "2023-11-14T22:13:20.000Z",
    "deletedDateTime": null, "from": {{"user": {{"id": "uA", "displayName": "Ann", "userIdentityType": "aadUser"}}, "application": null, "device": null}},
    "body": {{"contentType": "html", "content": "<p>Hello \"all\"</p>"}}, {CH}, "mentions": [],
    "reactions": [
      {{"reactionType": "like", "createdDateTime": "2023-11-14T23:00:00Z", "user": {{"user": {{"id": "uB", "displayName": null}}}}}},
      {{"reactionType": "like", "createdDateTime": "2023-11-14T23:00:01Z", "user": {{"user": {{"id": "uB"}}}}}},
      {{"reactionType": "heart", "createdDateTime": "2023-11-14T23:00:02Z", "user": {{"user": {{"id": "uA"}}}}}}
    ]}},
  {{"id": "1700000100000", "replyToId": "1700000000000", "messageType": "message", "createdDateTime": "2023-11-14T22:15:00Z",
    "from": {{"user": {{"id": "uB", "displayName": "Bob"}}}}, "body": {{"content": "<at id=\"0\">Cy</at> look"}}, {CH},
    "mentions": [{{"id": 0, "mentionText": "Cy", "mentioned": {{"user": {{"id": "uC", "displayName": "Cy"}}}}}},
                 {{"id": 1, "mentionText": "General", "mentioned": {{"conversation": {{"id": "19:abc@thread.tacv2"}}}}}}]}},
  {{"id": "1700000200000", "replyToId": "1700000000000", "messageType": "message", "createdDateTime": "2023-11-14T22:16:40Z",
    "from": {{"user": {{"id": "uB", "displayName": "Bob"}}}}, "body": {{"content": "again"}}, {CH}}},
  {{"id": "1700000300000", "messageType": "message", "createdDateTime": "2023-11-14T22:18:20Z",
    "from": {{"application": {{"id": "app1", "displayName": "Build bot", "applicationIdentityType": "bot"}}}}, "body": {{"content": "build ok"}}, {CH}}},
  {{"id": "1700000400000", "messageType": "systemEventMessage", "createdDateTime": "2023-11-14T22:20:00Z", "from": null,
    "body": {{"content": "<systemEventMessage/>"}}, {CH}, "eventDetail": {{"@odata.type": "#microsoft.graph.membersAddedEventMessageDetail"}}}},
  {{"id": "1700000500000", "messageType": "message", "createdDateTime": "2023-11-14T22:21:40Z", "deletedDateTime": "2023-11-15T00:00:00Z",
    "from": {{"user": {{"id": "uC", "displayName": "Cy"}}}}, "body": {{"content": ""}}, {CH}}},
  {{"id": "1700000600000", "messageType": "typing", "createdDateTime": "2023-11-14T22:23:20Z",
    "from": {{"user": {{"id": "uC", "displayName": "Cy"}}}}, {CH}}}
]"##
    )
}

#[test]
fn graph_array_of_channel_messages() {
    let (r, s) = run(vec![json("messages.json", &channel_messages())]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.formats, ["teams"]);
    // Ann (author, reactor), Bob (replies, reactor), Cy (mentioned; her own messages are
    // deleted and typing) -> 3 people; the app and the system account are bots.
    assert_eq!((s.people, s.bots), (3, 2));
    assert_eq!((s.posts, s.replies, s.bot_messages, s.system_messages), (1, 2, 1, 1));
    // Bob's like twice -> once; Ann's heart on her own post counts: 2.
    assert_eq!(s.reactions, 2);
    // Cy mentioned; the channel mention names no person.
    assert_eq!(s.mentions, 1);
    assert_eq!(s.spaces, 1);
    let ch = space(&r, "teams:19:abc@thread.tacv2");
    // No team list: a public channel named by its id.
    assert_eq!((ch.kind, ch.public), (SpaceKind::Channel, true));
    assert!(has_warning(&s, "1 deleted Teams message was skipped"), "{:?}", s.warnings);
    assert!(has_warning(&s, "1 Teams typing indicator was skipped"), "{:?}", s.warnings);
    assert_eq!(person(&r, "teams:uA").name, "Ann");
    assert_eq!(person(&r, "teams:uC").name, "Cy");
    let bot = person(&r, "teams:app1");
    assert!(bot.bot);
    assert_eq!(bot.name, "Build bot");
    // Reaction time is the reaction's own.
    let ds = &r.dataset;
    let t = ds.reactions.time.iter().copied().min().expect("reactions");
    assert_eq!(clover_core::civil::format_iso(t), "2023-11-14T23:00:00.000Z");
    // No user list at all: nobody is guessed deactivated.
    assert_eq!(s.deactivated, 0);
}

#[test]
fn graph_page_of_chat_messages() {
    let page = r#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#chats('x')/messages", "@odata.count": 6, "value": [
      {"id": "1", "messageType": "message", "createdDateTime": "2024-01-01T10:00:00Z", "chatId": "19:u1_u2@unq.gbl.spaces",
       "from": {"user": {"id": "u1", "displayName": "One"}}, "body": {"content": "hi"}},
      {"id": "2", "messageType": "message", "createdDateTime": "2024-01-01T10:01:00Z", "chatId": "19:u1_u2@unq.gbl.spaces",
       "from": {"user": {"id": "u2", "displayName": "Two"}}, "body": {"content": "hey"}},
      {"id": "3", "messageType": "message", "createdDateTime": "2024-01-01T11:00:00Z", "chatId": "19:grp@thread.v2",
       "from": {"user": {"id": "u1", "displayName": "One"}}, "body": {"content": "team"}},
      {"id": "4", "messageType": "message", "createdDateTime": "2024-01-01T11:01:00Z", "chatId": "19:grp@thread.v2",
       "from": {"user": {"id": "u2", "displayName": "Two"}}, "body": {"content": "yes"},
       "reactions": [{"reactionType": "😂", "createdDateTime": "2024-01-01T11:02:00Z", "user": {"user": {"id": "u3", "displayName": "Three"}}}]},
      {"id": "5", "messageType": "chatEvent", "createdDateTime": "2024-01-01T09:59:00Z", "chatId": "19:grp@thread.v2", "from": null,
       "body": {"content": "<systemEventMessage/>"}},
      {"id": "6", "messageType": "message", "createdDateTime": "2024-01-01T12:00:00Z", "chatId": "19:u4@thread.v2",
       "from": {"user": {"id": "u4", "displayName": "Four"}}, "body": {"content": "note to self"}}
    ], "@odata.nextLink": "https://graph.microsoft.com/v1.0/chats/x/messages?$skiptoken=1"}"#;
    // GET /chats: a group chat's type and topic (its only author so far is Four).
    let chats = r#"{"@odata.context": "x", "value": [
      {"id": "19:u4@thread.v2", "topic": "Planning", "createdDateTime": "2024-01-01T00:00:00Z", "chatType": "group",
       "members": [{"userId": "u4", "displayName": "Four"}]},
      {"id": "19:u1_u2@unq.gbl.spaces", "topic": null, "chatType": "oneOnOne"}]}"#;
    let (r, s) = run(vec![json("chat.json", page), json("chats.json", chats)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(r.files_loaded, 2);
    assert_eq!((s.people, s.bots), (4, 1));
    // Chat messages have no threads: 5 posts; the chatEvent is a system message.
    assert_eq!((s.posts, s.replies, s.system_messages, s.reactions), (5, 0, 1, 1));
    assert_eq!(s.spaces, 3);
    let dm = space(&r, "teams:19:u1_u2@unq.gbl.spaces");
    assert_eq!((dm.name.as_str(), dm.kind, dm.public), ("One, Two", SpaceKind::Direct, false));
    // One, Two write and Three reacts: three people -> a group chat.
    let grp = space(&r, "teams:19:grp@thread.v2");
    assert_eq!((grp.name.as_str(), grp.kind, grp.public), ("One, Three, Two", SpaceKind::Group, false));
    // One author, but the chat list says it is a group chat.
    let planning = space(&r, "teams:19:u4@thread.v2");
    assert_eq!((planning.name.as_str(), planning.kind, planning.public), ("Planning", SpaceKind::Group, false));
}

#[test]
fn graph_single_message_and_expanded_replies() {
    // GET .../messages/{id}?$expand=replies: one object with nested replies.
    let one = format!(
        r#"{{"@odata.context": "x", "id": "10", "messageType": "message", "createdDateTime": "2024-02-01T10:00:00Z",
        "from": {{"user": {{"id": "uA", "displayName": "Ann"}}}}, {CH}, "body": {{"content": "root"}},
        "replies@odata.context": "y",
        "replies": [
          {{"id": "11", "replyToId": "10", "messageType": "message", "createdDateTime": "2024-02-01T10:05:00Z",
            "from": {{"user": {{"id": "uB", "displayName": "Bob"}}}}, {CH}, "body": {{"content": "r1"}}}},
          {{"id": "12", "replyToId": "10", "messageType": "message", "createdDateTime": "2024-02-01T10:06:00Z",
            "from": {{"user": {{"id": "uA", "displayName": "Ann"}}}}, {CH}, "body": {{"content": "r2"}}}}
        ]}}"#
    );
    let (r, s) = run(vec![json("one.json", &one)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.posts, s.replies, s.people), (1, 2, 2));
    let m = &r.dataset.messages;
    assert_eq!(m.parent[1..], [0, 0]);
    assert_eq!(m.root, [0, 0, 0]);
}

#[test]
fn same_message_in_two_files_counts_once_and_reactions_merge() {
    let a = format!(
        r#"[{{"id": "1", "messageType": "message", "createdDateTime": "2024-01-01T10:00:00Z", {CH},
            "from": {{"user": {{"id": "uA", "displayName": "Ann"}}}},
            "reactions": [{{"reactionType": "like", "user": {{"user": {{"id": "uB"}}}}}}]}}]"#
    );
    let b = format!(
        r#"{{"value": [{{"id": "1", "messageType": "message", "createdDateTime": "2024-01-01T10:00:00Z", {CH},
            "lastEditedDateTime": "2024-01-01T10:30:00Z", "from": {{"user": {{"id": "uA", "displayName": "Ann"}}}},
            "reactions": [{{"reactionType": "like", "user": {{"user": {{"id": "uB"}}}}}},
                          {{"reactionType": "heart", "user": {{"user": {{"id": "uC"}}}}}}]}}]}}"#
    );
    let (_, s) = run(vec![json("a.json", &a), json("b.json", &b)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.posts, s.reactions, s.people), (1, 2, 3));
}

#[test]
fn reply_to_missing_root_is_a_reply_without_thread() {
    let f = format!(
        r#"[{{"id": "5", "replyToId": "4", "messageType": "message", "createdDateTime": "2024-01-01T10:00:00Z", {CH},
            "from": {{"user": {{"id": "uA", "displayName": "Ann"}}}}}}]"#
    );
    let (r, s) = run(vec![json("m.json", &f)]);
    assert_eq!((s.posts, s.replies), (0, 1));
    assert_eq!(r.dataset.messages.parent, [u32::MAX]);
    assert!(
        s.warnings.iter().any(|w| w.starts_with("1 reply answers a message that is not in the export")),
        "{:?}",
        s.warnings
    );
}

#[test]
fn odd_messages_are_counted_not_lost() {
    let f = r#"[
      {"id": "1700000000000", "messageType": "message", "createdDateTime": "not a date",
       "from": {"user": {"id": "uA", "displayName": "Ann"}}, "chatId": "19:c@thread.v2"},
      {"id": "abc", "messageType": "message", "from": {"user": {"id": "uA"}}, "chatId": "19:c@thread.v2"},
      {"messageType": "message", "createdDateTime": "2024-01-01T10:00:00Z", "from": {"user": {"id": "uA"}}, "chatId": "19:c@thread.v2"},
      {"id": "2", "messageType": "message", "createdDateTime": "2024-01-01T10:00:00Z", "from": null, "chatId": "19:c@thread.v2",
       "body": {"content": "a connector card"}},
      {"id": "3", "messageType": "message", "createdDateTime": "2024-01-01T10:00:00Z", "from": {"user": {"id": "uA"}},
       "reactions": [{"reactionType": "like", "user": null}, {"user": {"user": {"id": "uB"}}}]}
    ]"#;
    let (r, s) = run(vec![json("odd.json", f)]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // Message 1: time from its id (1700000000000 ms); "abc": no time -> skipped; no id ->
    // skipped; no sender -> bot message; message 3: no channel or chat -> its file's space.
    assert_eq!((s.posts, s.bot_messages), (2, 1));
    for w in [
        "1 Teams message had no readable createdDateTime; its time was taken from its id",
        "1 Teams message had no readable createdDateTime and was skipped",
        "1 Teams message had no id and was skipped",
        "1 Teams message named no sender; it counts as a bot message of the Teams system account",
        "1 Teams message named no channel or chat; it is grouped by the file it came from",
        "1 Teams reaction named no user and was skipped",
        "1 Teams reaction had no reaction type and was skipped",
    ] {
        assert!(has_warning(&s, w), "missing {w:?} in {:?}", s.warnings);
    }
    assert_eq!(s.first.as_deref(), Some("2023-11-14T22:13:20.000Z"));
    assert_eq!(space(&r, "teams:file:odd.json").name, "odd.json");
}

#[test]
fn graph_lists_pages_and_privacy() {
    // Graph list pages (camelCase): a team, its channels, its members and the users.
    let teams = r#"{"@odata.context": "x", "value": [{"id": "T1", "displayName": "Sales", "visibility": "private"},
                                                       {"id": "T2", "displayName": "Everyone", "visibility": "public"}]}"#;
    let channels = r#"{"@odata.context": "x", "value": [
        {"id": "19:gen1@thread.tacv2", "displayName": "General", "membershipType": "standard"},
        {"id": "19:sec1@thread.tacv2", "displayName": "Secret", "membershipType": "private"}]}"#;
    let members = r##"{"value": [{"@odata.type": "#microsoft.graph.aadUserConversationMember", "id": "m1", "roles": ["owner"],
        "displayName": "Ann A", "userId": "uA", "email": "ann@x.com", "tenantId": "TEN"}]}"##;
    let users = r#"{"value": [
        {"id": "uA", "displayName": "Ann Adams", "mail": "ann@x.com", "jobTitle": "VP Sales", "department": "Sales",
         "officeLocation": "Paris", "accountEnabled": true, "userPrincipalName": "ann@x.com"},
        {"id": "uB", "displayName": "Ben", "mail": null, "userPrincipalName": "ben@x.com", "accountEnabled": false},
        {"displayName": "no id", "userPrincipalName": "x@x.com"}]}"#;
    let msgs = r#"[
      {"id": "1", "messageType": "message", "createdDateTime": "2024-01-01T10:00:00Z", "channelIdentity": {"teamId": "T1", "channelId": "19:gen1@thread.tacv2"},
       "from": {"user": {"id": "uA", "displayName": "Ann", "tenantId": "TEN"}}},
      {"id": "2", "messageType": "message", "createdDateTime": "2024-01-01T10:00:00Z", "channelIdentity": {"teamId": "T2", "channelId": "19:gen2@thread.tacv2"},
       "from": {"user": {"id": "uZ", "displayName": "Zed", "tenantId": "TEN"}}},
      {"id": "3", "messageType": "message", "createdDateTime": "2024-01-01T10:00:00Z", "channelIdentity": {"teamId": "T2", "channelId": "19:gen2@thread.tacv2"},
       "from": {"user": {"id": "uX", "displayName": "Guest from elsewhere", "tenantId": "OTHER"}}}
    ]"#;
    let (r, s) = run(vec![
        json("msgs.json", msgs),
        json("users.json", users),
        json("members.json", members),
        json("channels.json", channels),
        json("teams.json", teams),
    ]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // uA, uB listed; uZ (same tenant, unlisted) and uX (other tenant) wrote.
    assert_eq!(s.people, 4);
    // Ben's accountEnabled false; Zed of the organisation's tenant is missing from the list.
    assert_eq!(s.deactivated, 2);
    assert!(person(&r, "teams:uB").deactivated);
    assert!(person(&r, "teams:uZ").deactivated);
    assert!(!person(&r, "teams:uX").deactivated);
    let ann = person(&r, "teams:uA");
    assert_eq!(ann.name, "Ann Adams");
    assert_eq!(ann.title.as_deref(), Some("VP Sales"));
    let ia = r.dataset.people.iter().position(|p| p.key == "teams:uA").expect("Ann") as u32;
    assert_eq!(r.dataset.department(ia), Some("Sales"));
    assert_eq!(ann.location.map(|l| r.dataset.string(l)), Some("Paris"));
    assert!(ann.leader, "a VP title marks a leader");
    assert_eq!(person(&r, "teams:uB").email.as_deref(), Some("ben@x.com"));
    // General of private team Sales is private (its team said so via the message's teamId).
    let gen = space(&r, "teams:19:gen1@thread.tacv2");
    assert_eq!((gen.name.as_str(), gen.kind, gen.public), ("Sales / General", SpaceKind::PrivateChannel, false));
    let sec = space(&r, "teams:19:sec1@thread.tacv2");
    assert_eq!((sec.name.as_str(), sec.kind, sec.public), ("Secret", SpaceKind::PrivateChannel, false));
    let gen2 = space(&r, "teams:19:gen2@thread.tacv2");
    assert_eq!((gen2.kind, gen2.public), (SpaceKind::Channel, true));
    assert!(
        has_warning(&s, "1 row of Teams lists (teams, channels, members, users) had no id and was skipped"),
        "{:?}",
        s.warnings
    );
    assert!(has_warning(&s, "1 Teams account in messages is a guest from other organisations and is not in the user list; it counts as a person"), "{:?}", s.warnings);
}

#[test]
fn empty_graph_page_loads_without_error() {
    let (r, s) = run(vec![json(
        "p.json",
        r#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "value": []}"#,
    )]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(r.files_loaded, 1);
}

#[test]
fn malformed_file_is_an_error_naming_it_and_others_load() {
    let good = format!(
        r#"[{{"id": "1", "messageType": "message", "createdDateTime": "2024-01-01T10:00:00Z", {CH}, "from": {{"user": {{"id": "uA"}}}}}}]"#
    );
    // Recognised by its first keys, then broken.
    let bad = r#"[{"id": "1", "messageType": "message", "createdDateTime": "2024-01-01T10:00:00Z", "from": {"user": 5}}, {"id": "#;
    let (_, s) = run(vec![json("good.json", &good), json("teams/broken.json", bad)]);
    assert_eq!(s.posts, 1);
    assert_eq!(s.errors.len(), 1, "{:?}", s.errors);
    assert_eq!(s.errors[0].file, "teams/broken.json");
}

#[test]
fn truncated_file_keeps_the_messages_before_the_cut() {
    let full = channel_messages();
    // Cut inside the 4th message (the application's): the 3 before it load.
    let cut = full.find(r#""id": "1700000300000""#).expect("4th message") + 10;
    let (_, s) = run(vec![json("teams/cut.json", &full[..cut])]);
    assert_eq!((s.posts, s.replies, s.bot_messages), (1, 2, 0));
    assert_eq!(s.files_loaded, 1);
    assert_eq!(s.errors.len(), 1, "{:?}", s.errors);
    assert_eq!(s.errors[0].file, "teams/cut.json");
    assert!(s.errors[0].message.contains("the 3 records before it were read"), "{}", s.errors[0].message);
}

#[test]
fn recognition_is_by_content() {
    let yes = [
        r#"[{"id": "1", "messageType": "message"}]"#,
        r#"[{"Id": "1", "MessageType": "message"}]"#,
        r#"{"@odata.context": "x", "value": [{"id": "1", "createdDateTime": "x", "body": {}, "from": null}]}"#,
        r#"[{"Name": "Community", "Privacy": "Public", "GroupsId": "g"}]"#,
        r#"[{"Id": "19:a", "DisplayName": "General", "MembershipType": "standard"}]"#,
        r#"[{"Name": "A", "UserId": "u", "UserName": "a@x", "Role": null}]"#,
        r#"[{"Id": "u", "DisplayName": "A", "Mail": "a@x", "UserPrincipalName": "a@x", "UserId": null, "UserName": null}]"#,
        r#"{"value": [{"id": "19:x@thread.v2", "topic": null, "chatType": "group"}]}"#,
    ];
    for t in yes {
        assert!(teams::recognise(&sniff(t.as_bytes())), "{t}");
    }
    let no = [
        r#"[{"type": "message", "ts": "1.2", "user": "U1", "text": "hi"}]"#,
        r#"[{"id": "U1", "name": "ann", "real_name": "Ann", "is_bot": false}]"#,
        r#"[{"id": "C1", "name": "general", "created": 1, "members": []}]"#,
        r#"{"value": []}"#,
        r#"[]"#,
        "id,name,email\n1,a,b\n",
    ];
    for t in no {
        assert!(!teams::recognise(&sniff(t.as_bytes())), "{t}");
    }
}

// ---------------------------------------------------------------------------------------
// Never panics
// ---------------------------------------------------------------------------------------

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn truncations_and_corruptions_never_panic() {
    let files = load_tree(&sample_root());
    let mut inline = vec![json("m.json", &channel_messages())];
    inline.extend(files.iter().cloned());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for f in &inline {
        let n = f.bytes.len();
        let step = (n / 60).max(1);
        for cut in (0..n).step_by(step) {
            let cut_file = InputFile::new(f.name.clone(), f.bytes[..cut].to_vec());
            let mut set: Vec<InputFile> = files.iter().filter(|x| x.name != f.name).cloned().collect();
            set.push(cut_file);
            let r = import_files(set, &ImportOptions::default());
            let _ = counts(&r.dataset);
        }
        for _ in 0..40 {
            let mut b = f.bytes.clone();
            for _ in 0..(1 + rng.next() % 8) {
                let i = (rng.next() % n.max(1) as u64) as usize;
                if let Some(x) = b.get_mut(i) {
                    *x = (rng.next() & 0xFF) as u8;
                }
            }
            let r = import_files(vec![InputFile::new(f.name.clone(), b)], &ImportOptions::default());
            let _ = counts(&r.dataset);
        }
    }
    // The ZIP, truncated.
    let zip = zip_of(&files, "root/");
    for cut in (0..zip.len()).step_by((zip.len() / 40).max(1)) {
        let r = import_files(vec![InputFile::new("t.zip", zip[..cut].to_vec())], &ImportOptions::default());
        let _ = counts(&r.dataset);
    }
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let r = import_files(vec![InputFile::new("x.json", bytes)], &ImportOptions::default());
            let _ = counts(&r.dataset);
        }

        #[test]
        fn random_messages_after_teams_keys_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..256)) {
            let mut bytes = br#"[{"id": "1", "messageType": "message", "createdDateTime": "2024-01-01T10:00:00Z", "from": "#.to_vec();
            bytes.extend(tail);
            let r = import_files(vec![InputFile::new("x.json", bytes)], &ImportOptions::default());
            let _ = counts(&r.dataset);
        }
    }
}
