//! Writing a [`DemoOrg`] in the formats Clover reads: Clover JSON, a Slack export ZIP, a
//! Mattermost bulk export (JSON Lines) and a roster CSV. JSON is written by hand, one
//! record at a time, straight into the output buffer (no intermediate tree).

use std::io::{Cursor, Write};

use super::words::{self, EMOJI, LOCATIONS};
use super::{DemoKind, DemoOrg, NONE};
use crate::civil::{civil_from_days, day_of, format_date, MS_PER_DAY};
use crate::model::SpaceKind;

// ---------------------------------------------------------------------------------------
// Small JSON writing helpers
// ---------------------------------------------------------------------------------------

fn raw(o: &mut Vec<u8>, s: &str) {
    o.extend_from_slice(s.as_bytes());
}

/// A JSON string literal.
fn string(o: &mut Vec<u8>, s: &str) {
    o.push(b'"');
    for &c in s.as_bytes() {
        match c {
            b'"' => o.extend_from_slice(b"\\\""),
            b'\\' => o.extend_from_slice(b"\\\\"),
            b'\n' => o.extend_from_slice(b"\\n"),
            b'\r' => o.extend_from_slice(b"\\r"),
            b'\t' => o.extend_from_slice(b"\\t"),
            c if c < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                o.extend_from_slice(b"\\u00");
                o.push(HEX[(c >> 4) as usize]);
                o.push(HEX[(c & 15) as usize]);
            }
            c => o.push(c),
        }
    }
    o.push(b'"');
}

fn uint(o: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    o.extend_from_slice(&buf[i..]);
}

fn int(o: &mut Vec<u8>, n: i64) {
    if n < 0 {
        o.push(b'-');
    }
    uint(o, n.unsigned_abs());
}

fn padded(o: &mut Vec<u8>, n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut v = n;
    let mut i = buf.len();
    while v > 0 || buf.len() - i < width {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if i == 0 {
            break;
        }
    }
    o.extend_from_slice(&buf[i..]);
}

/// `"2024-01-02T09:15:00.000Z"`
fn iso(o: &mut Vec<u8>, ms: i64) {
    let (y, m, d) = civil_from_days(day_of(ms));
    let rem = ms.rem_euclid(MS_PER_DAY);
    o.push(b'"');
    padded(o, y.max(0) as u64, 4);
    o.push(b'-');
    padded(o, m as u64, 2);
    o.push(b'-');
    padded(o, d as u64, 2);
    o.push(b'T');
    padded(o, (rem / 3_600_000) as u64, 2);
    o.push(b':');
    padded(o, (rem / 60_000 % 60) as u64, 2);
    o.push(b':');
    padded(o, (rem / 1000 % 60) as u64, 2);
    o.push(b'.');
    padded(o, (rem % 1000) as u64, 3);
    o.extend_from_slice(b"Z\"");
}

fn bool_field(o: &mut Vec<u8>, key: &str, v: bool) {
    raw(o, key);
    raw(o, if v { "true" } else { "false" });
}

/// A per-message number for picking its made-up text.
fn text_seed(org: &DemoOrg, i: u32) -> u64 {
    let mut z = (i as u64 ^ org.options.seed).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Children of each message (replies, in time order), as offsets into one list.
struct Threads {
    start: Vec<u32>,
    list: Vec<u32>,
}

impl Threads {
    fn new(org: &DemoOrg) -> Self {
        let n = org.messages.len();
        let mut start = vec![0u32; n + 1];
        for m in &org.messages {
            if m.parent != NONE {
                start[m.parent as usize + 1] += 1;
            }
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut list = vec![0u32; start[n] as usize];
        for (i, m) in org.messages.iter().enumerate() {
            if m.parent != NONE {
                let slot = &mut fill[m.parent as usize];
                list[*slot as usize] = i as u32;
                *slot += 1;
            }
        }
        Threads { start, list }
    }
    fn of(&self, m: u32) -> &[u32] {
        let i = m as usize;
        &self.list[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// Messages of each space, in time order.
fn by_space(org: &DemoOrg) -> Vec<Vec<u32>> {
    let mut v: Vec<Vec<u32>> = vec![Vec::new(); org.spaces.len()];
    for (i, m) in org.messages.iter().enumerate() {
        if let Some(list) = v.get_mut(m.space as usize) {
            list.push(i as u32);
        }
    }
    v
}

fn kind_name(k: SpaceKind) -> &'static str {
    match k {
        SpaceKind::Channel => "channel",
        SpaceKind::PrivateChannel => "private_channel",
        SpaceKind::Group => "group",
        SpaceKind::Community => "community",
        SpaceKind::Direct => "direct",
    }
}

// ---------------------------------------------------------------------------------------
// Clover JSON
// ---------------------------------------------------------------------------------------

fn message_id(o: &mut Vec<u8>, i: u32) {
    o.extend_from_slice(b"\"m");
    uint(o, i as u64 + 1);
    o.push(b'"');
}

/// The organisation as Clover JSON version 1 (docs/formats.md), with a roster headcount.
pub fn write_clover(org: &DemoOrg) -> Vec<u8> {
    let mut o: Vec<u8> = Vec::with_capacity(org.messages.len() * 110 + org.people.len() * 220 + 4096);
    raw(&mut o, "{\"format\":\"clover\",\"version\":1,\"generator\":\"clover demo, seed ");
    uint(&mut o, org.options.seed);
    raw(&mut o, "\",\"organisation\":");
    string(&mut o, &org.name);
    raw(&mut o, ",\n\"people\":[\n");
    for (i, p) in org.people.iter().enumerate() {
        if i > 0 {
            raw(&mut o, ",\n");
        }
        raw(&mut o, "{\"id\":");
        string(&mut o, &p.id);
        raw(&mut o, ",\"name\":");
        string(&mut o, &p.name);
        if let Some(e) = &p.email {
            raw(&mut o, ",\"email\":");
            string(&mut o, e);
        }
        if let Some(t) = &p.title {
            raw(&mut o, ",\"title\":");
            string(&mut o, t);
        }
        if let Some(d) = p.department.and_then(|d| org.departments.get(d as usize)) {
            raw(&mut o, ",\"department\":");
            string(&mut o, d);
        }
        if let Some(l) = p.location.and_then(|l| org.locations.get(l as usize)) {
            raw(&mut o, ",\"location\":");
            string(&mut o, l);
        }
        if !p.bot {
            bool_field(&mut o, ",\"leader\":", p.leader);
        }
        if p.bot {
            raw(&mut o, ",\"bot\":true");
        }
        if p.deactivated {
            raw(&mut o, ",\"deactivated\":true");
        }
        raw(&mut o, ",\"joined\":");
        iso(&mut o, p.joined_ms);
        o.push(b'}');
    }
    raw(&mut o, "\n],\n\"spaces\":[\n");
    for (i, s) in org.spaces.iter().enumerate() {
        if i > 0 {
            raw(&mut o, ",\n");
        }
        raw(&mut o, "{\"id\":");
        string(&mut o, &s.id);
        raw(&mut o, ",\"name\":");
        string(&mut o, &s.name);
        raw(&mut o, ",\"kind\":\"");
        raw(&mut o, kind_name(s.kind));
        raw(&mut o, "\"}");
    }
    raw(&mut o, "\n],\n\"messages\":[\n");
    for (i, m) in org.messages.iter().enumerate() {
        if i > 0 {
            raw(&mut o, ",\n");
        }
        raw(&mut o, "{\"id\":");
        message_id(&mut o, i as u32);
        raw(&mut o, ",\"space\":");
        string(&mut o, &org.spaces[m.space as usize].id);
        raw(&mut o, ",\"author\":");
        string(&mut o, &org.people[m.author as usize].id);
        raw(&mut o, ",\"time\":");
        iso(&mut o, m.time_ms);
        match m.kind {
            DemoKind::Join => raw(&mut o, ",\"kind\":\"system\""),
            DemoKind::Reply => raw(&mut o, ",\"kind\":\"reply\""),
            DemoKind::Post => {}
        }
        if m.parent != NONE {
            raw(&mut o, ",\"parent\":");
            message_id(&mut o, m.parent);
        }
        let rx = org.reactions_of(i as u32);
        if !rx.is_empty() {
            raw(&mut o, ",\"reactions\":[");
            for (k, r) in rx.iter().enumerate() {
                if k > 0 {
                    o.push(b',');
                }
                raw(&mut o, "{\"person\":");
                string(&mut o, &org.people[r.person as usize].id);
                raw(&mut o, ",\"emoji\":");
                string(&mut o, EMOJI[r.emoji as usize]);
                raw(&mut o, ",\"time\":");
                iso(&mut o, r.time_ms);
                o.push(b'}');
            }
            o.push(b']');
        }
        let mut mentions = org.mentions_of(i as u32).peekable();
        if mentions.peek().is_some() {
            raw(&mut o, ",\"mentions\":[");
            for (k, p) in mentions.enumerate() {
                if k > 0 {
                    o.push(b',');
                }
                string(&mut o, &org.people[p as usize].id);
            }
            o.push(b']');
        }
        o.push(b'}');
    }
    raw(&mut o, "\n],\n\"roster\":{\"headcount\":");
    uint(&mut o, org.headcount);
    raw(&mut o, "}}\n");
    o
}

// ---------------------------------------------------------------------------------------
// Slack
// ---------------------------------------------------------------------------------------

const SLACK_TEAM: &str = "T0MERIDIAN";

fn slack_user(o: &mut Vec<u8>, p: u32) {
    o.extend_from_slice(b"\"U");
    padded(o, p as u64 + 1, 8);
    o.push(b'"');
}

fn slack_bot_id(o: &mut Vec<u8>, p: u32) {
    o.extend_from_slice(b"\"B");
    padded(o, p as u64 + 1, 8);
    o.push(b'"');
}

fn slack_ts(o: &mut Vec<u8>, ms: i64) {
    o.push(b'"');
    uint(o, (ms / 1000).max(0) as u64);
    o.push(b'.');
    padded(o, (ms.rem_euclid(1000) * 1000) as u64, 6);
    o.push(b'"');
}

fn slack_space_id(org: &DemoOrg, s: u32) -> String {
    let prefix = match org.spaces[s as usize].kind {
        SpaceKind::PrivateChannel | SpaceKind::Group => 'G',
        SpaceKind::Direct => 'D',
        _ => 'C',
    };
    format!("{prefix}{:08}", s + 1)
}

/// Slack message text: mentions as `<@U…>` markup, then a sentence.
fn slack_text(org: &DemoOrg, i: u32) -> String {
    let m = &org.messages[i as usize];
    let author = &org.people[m.author as usize];
    let mut t = String::new();
    for p in org.mentions_of(i) {
        t.push_str(&format!("<@U{:08}> ", p + 1));
    }
    let seed = text_seed(org, i);
    match m.kind {
        DemoKind::Join => return format!("<@U{:08}> has joined the channel", m.author + 1),
        _ if author.bot => t.push_str(&words::bot_text(&author.handle, seed)),
        DemoKind::Reply => t.push_str(words::reply_text(seed)),
        DemoKind::Post => t.push_str(&words::post_text(seed)),
    }
    t
}

fn slack_reactions(o: &mut Vec<u8>, org: &DemoOrg, i: u32) {
    let rx = org.reactions_of(i);
    if rx.is_empty() {
        return;
    }
    let mut by_emoji: Vec<(u8, u32)> = rx.iter().map(|r| (r.emoji, r.person)).collect();
    by_emoji.sort_unstable();
    raw(o, ",\"reactions\":[");
    let mut k = 0;
    let mut first = true;
    while k < by_emoji.len() {
        let e = by_emoji[k].0;
        let end = by_emoji[k..].iter().position(|x| x.0 != e).map_or(by_emoji.len(), |p| k + p);
        if !first {
            o.push(b',');
        }
        first = false;
        raw(o, "{\"name\":");
        string(o, EMOJI[e as usize]);
        raw(o, ",\"users\":[");
        for (j, &(_, p)) in by_emoji[k..end].iter().enumerate() {
            if j > 0 {
                o.push(b',');
            }
            slack_user(o, p);
        }
        raw(o, "],\"count\":");
        uint(o, (end - k) as u64);
        o.push(b'}');
        k = end;
    }
    o.push(b']');
}

fn slack_message(o: &mut Vec<u8>, org: &DemoOrg, threads: &Threads, i: u32) {
    let m = &org.messages[i as usize];
    let author = &org.people[m.author as usize];
    let text = slack_text(org, i);
    raw(o, "{\"type\":\"message\"");
    match m.kind {
        DemoKind::Join => {
            raw(o, ",\"subtype\":\"channel_join\",\"user\":");
            slack_user(o, m.author);
        }
        _ if author.bot && i.is_multiple_of(5) => {
            // A legacy integration post.
            raw(o, ",\"subtype\":\"bot_message\",\"bot_id\":");
            slack_bot_id(o, m.author);
            raw(o, ",\"username\":");
            string(o, &author.name);
            raw(o, ",\"user\":");
            slack_user(o, m.author);
        }
        _ if author.bot => {
            // A modern app post: a bot user with a bot profile.
            raw(o, ",\"user\":");
            slack_user(o, m.author);
            raw(o, ",\"bot_id\":");
            slack_bot_id(o, m.author);
            raw(o, ",\"bot_profile\":{\"id\":");
            slack_bot_id(o, m.author);
            raw(o, ",\"name\":");
            string(o, &author.name);
            raw(o, ",\"deleted\":false,\"team_id\":\"");
            raw(o, SLACK_TEAM);
            raw(o, "\"}");
        }
        DemoKind::Reply if i.is_multiple_of(37) && m.parent != NONE => {
            raw(o, ",\"subtype\":\"thread_broadcast\",\"user\":");
            slack_user(o, m.author);
        }
        _ => {
            raw(o, ",\"user\":");
            slack_user(o, m.author);
        }
    }
    raw(o, ",\"text\":");
    string(o, &text);
    raw(o, ",\"ts\":");
    slack_ts(o, m.time_ms);
    if m.parent != NONE {
        let parent = &org.messages[m.parent as usize];
        raw(o, ",\"thread_ts\":");
        slack_ts(o, parent.time_ms);
        raw(o, ",\"parent_user_id\":");
        slack_user(o, parent.author);
        if m.kind == DemoKind::Reply && i.is_multiple_of(37) && !author.bot {
            raw(o, ",\"root\":{\"type\":\"message\",\"user\":");
            slack_user(o, parent.author);
            raw(o, ",\"text\":");
            string(o, &slack_text(org, m.parent));
            raw(o, ",\"ts\":");
            slack_ts(o, parent.time_ms);
            raw(o, ",\"thread_ts\":");
            slack_ts(o, parent.time_ms);
            raw(o, ",\"reply_count\":");
            uint(o, threads.of(m.parent).len() as u64);
            o.push(b'}');
        }
    }
    let replies = threads.of(i);
    if !replies.is_empty() {
        raw(o, ",\"thread_ts\":");
        slack_ts(o, m.time_ms);
        raw(o, ",\"reply_count\":");
        uint(o, replies.len() as u64);
        let mut users: Vec<u32> = replies.iter().map(|&r| org.messages[r as usize].author).collect();
        users.sort_unstable();
        users.dedup();
        raw(o, ",\"reply_users_count\":");
        uint(o, users.len() as u64);
        raw(o, ",\"reply_users\":[");
        for (k, &u) in users.iter().enumerate() {
            if k > 0 {
                o.push(b',');
            }
            slack_user(o, u);
        }
        raw(o, "],\"latest_reply\":");
        if let Some(&last) = replies.last() {
            slack_ts(o, org.messages[last as usize].time_ms);
        }
        raw(o, ",\"replies\":[");
        for (k, &r) in replies.iter().enumerate() {
            if k > 0 {
                o.push(b',');
            }
            raw(o, "{\"user\":");
            slack_user(o, org.messages[r as usize].author);
            raw(o, ",\"ts\":");
            slack_ts(o, org.messages[r as usize].time_ms);
            o.push(b'}');
        }
        o.push(b']');
    }
    slack_reactions(o, org, i);
    o.push(b'}');
}

fn slack_users(org: &DemoOrg) -> Vec<u8> {
    let mut o = Vec::with_capacity(org.people.len() * 400);
    o.push(b'[');
    for (i, p) in org.people.iter().enumerate() {
        if i > 0 {
            o.push(b',');
        }
        raw(&mut o, "\n{\"id\":");
        slack_user(&mut o, i as u32);
        raw(&mut o, ",\"team_id\":\"");
        raw(&mut o, SLACK_TEAM);
        raw(&mut o, "\",\"name\":");
        string(&mut o, &p.handle);
        bool_field(&mut o, ",\"deleted\":", p.deactivated);
        raw(&mut o, ",\"real_name\":");
        string(&mut o, &p.name);
        if let Some(l) = p.location.and_then(|l| LOCATIONS.get(l as usize)) {
            raw(&mut o, ",\"tz\":");
            string(&mut o, l.tz);
            raw(&mut o, ",\"tz_offset\":");
            int(&mut o, l.utc_offset_min * 60);
        }
        raw(&mut o, ",\"profile\":{\"real_name\":");
        string(&mut o, &p.name);
        raw(&mut o, ",\"display_name\":");
        string(&mut o, if p.bot { "" } else { &p.handle });
        if let Some(t) = &p.title {
            raw(&mut o, ",\"title\":");
            string(&mut o, t);
        }
        if let Some(e) = &p.email {
            raw(&mut o, ",\"email\":");
            string(&mut o, e);
        }
        if p.bot {
            raw(&mut o, ",\"bot_id\":");
            slack_bot_id(&mut o, i as u32);
            raw(&mut o, ",\"always_active\":true");
        }
        raw(&mut o, ",\"team\":\"");
        raw(&mut o, SLACK_TEAM);
        raw(&mut o, "\"}");
        let owner = p.leader && p.title.as_deref() == Some("Chief Executive Officer");
        bool_field(&mut o, ",\"is_admin\":", owner);
        bool_field(&mut o, ",\"is_owner\":", owner);
        bool_field(&mut o, ",\"is_bot\":", p.bot);
        raw(&mut o, ",\"is_app_user\":false,\"is_restricted\":false,\"is_ultra_restricted\":false,\"updated\":");
        uint(&mut o, (p.joined_ms / 1000).max(0) as u64);
        o.push(b'}');
    }
    raw(&mut o, "\n]\n");
    o
}

fn slack_channels(org: &DemoOrg, kinds: &[SpaceKind]) -> Vec<u8> {
    let mut o = Vec::new();
    o.push(b'[');
    let mut first = true;
    for (i, s) in org.spaces.iter().enumerate() {
        if !kinds.contains(&s.kind) {
            continue;
        }
        if !first {
            o.push(b',');
        }
        first = false;
        let created = (s.created_ms / 1000).max(0) as u64;
        raw(&mut o, "\n{\"id\":");
        string(&mut o, &slack_space_id(org, i as u32));
        if s.kind == SpaceKind::Direct {
            raw(&mut o, ",\"created\":");
            uint(&mut o, created);
            raw(&mut o, ",\"is_im\":true");
        } else {
            raw(&mut o, ",\"name\":");
            string(&mut o, &s.name);
            raw(&mut o, ",\"created\":");
            uint(&mut o, created);
            raw(&mut o, ",\"creator\":");
            match s.members.first() {
                Some(&c) => slack_user(&mut o, c),
                None => raw(&mut o, "\"\""),
            }
            raw(&mut o, ",\"is_archived\":false");
            bool_field(&mut o, ",\"is_general\":", s.name == "general");
            bool_field(&mut o, ",\"is_private\":", s.kind != SpaceKind::Channel);
        }
        raw(&mut o, ",\"members\":[");
        for (k, &m) in s.members.iter().enumerate() {
            if k > 0 {
                o.push(b',');
            }
            slack_user(&mut o, m);
        }
        o.push(b']');
        if s.kind != SpaceKind::Direct {
            raw(&mut o, ",\"topic\":{\"value\":\"\",\"creator\":\"\",\"last_set\":0},\"purpose\":{\"value\":");
            string(&mut o, &s.purpose);
            raw(&mut o, ",\"creator\":");
            match s.members.first() {
                Some(&c) => slack_user(&mut o, c),
                None => raw(&mut o, "\"\""),
            }
            raw(&mut o, ",\"last_set\":");
            uint(&mut o, created);
            o.push(b'}');
        }
        o.push(b'}');
    }
    raw(&mut o, "\n]\n");
    o
}

/// The organisation as a Slack workspace export ZIP: `users.json`, `channels.json`,
/// `groups.json` (private channels), `dms.json`, and a folder per conversation with one
/// JSON file per day (`general/2024-03-05.json`; DM folders are named by their `D…` id).
/// Slack exports carry no departments: pair this with [`write_roster_csv`]. Busy day files
/// are deflated, small ones stored. (Empty only if the ZIP writer failed, which writing to
/// memory does not.)
pub fn write_slack_zip(org: &DemoOrg) -> Vec<u8> {
    write_zip(org).unwrap_or_default()
}

fn write_zip(org: &DemoOrg) -> zip::result::ZipResult<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let (y, m, d) = civil_from_days(day_of(org.end_ms));
    let stamp =
        zip::DateTime::from_date_and_time(y.clamp(1980, 2107) as u16, m as u8, d as u8, 0, 0, 0).unwrap_or_default();
    let stored =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored).last_modified_time(stamp);
    let deflated = stored.compression_method(zip::CompressionMethod::Deflated).compression_level(Some(1));
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(org.messages.len() * 120)));
    // Small files are stored: setting up a compressor per tiny day file costs more than it saves.
    let add = |zip: &mut zip::ZipWriter<Cursor<Vec<u8>>>, name: String, bytes: &[u8]| -> zip::result::ZipResult<()> {
        zip.start_file(name, if bytes.len() >= 4 * 1024 { deflated } else { stored })?;
        zip.write_all(bytes)?;
        Ok(())
    };
    add(&mut zip, "users.json".into(), &slack_users(org))?;
    add(&mut zip, "channels.json".into(), &slack_channels(org, &[SpaceKind::Channel, SpaceKind::Community]))?;
    add(&mut zip, "groups.json".into(), &slack_channels(org, &[SpaceKind::PrivateChannel, SpaceKind::Group]))?;
    add(&mut zip, "dms.json".into(), &slack_channels(org, &[SpaceKind::Direct]))?;
    let threads = Threads::new(org);
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 20);
    for (s, list) in by_space(org).iter().enumerate() {
        let space = &org.spaces[s];
        let folder = if space.kind == SpaceKind::Direct { slack_space_id(org, s as u32) } else { space.name.clone() };
        let mut k = 0;
        while k < list.len() {
            let day = day_of(org.messages[list[k] as usize].time_ms);
            let end = list[k..]
                .iter()
                .position(|&i| day_of(org.messages[i as usize].time_ms) != day)
                .map_or(list.len(), |p| k + p);
            buf.clear();
            buf.push(b'[');
            for (j, &i) in list[k..end].iter().enumerate() {
                buf.extend_from_slice(if j > 0 { b",\n" } else { b"\n" });
                slack_message(&mut buf, org, &threads, i);
            }
            buf.extend_from_slice(b"\n]\n");
            add(&mut zip, format!("{folder}/{}.json", format_date(day * MS_PER_DAY)), &buf)?;
            k = end;
        }
    }
    Ok(zip.finish()?.into_inner())
}

// ---------------------------------------------------------------------------------------
// Mattermost
// ---------------------------------------------------------------------------------------

const MM_TEAM: &str = "meridian";

fn mm_text(org: &DemoOrg, i: u32) -> String {
    let m = &org.messages[i as usize];
    let author = &org.people[m.author as usize];
    let mut t = String::new();
    for p in org.mentions_of(i) {
        t.push('@');
        t.push_str(&org.people[p as usize].handle);
        t.push(' ');
    }
    let seed = text_seed(org, i);
    match m.kind {
        DemoKind::Join => return format!("{} joined the channel.", author.handle),
        _ if author.bot => t.push_str(&words::bot_text(&author.handle, seed)),
        DemoKind::Reply => t.push_str(words::reply_text(seed)),
        DemoKind::Post => t.push_str(&words::post_text(seed)),
    }
    t
}

fn mm_reactions(o: &mut Vec<u8>, org: &DemoOrg, i: u32) {
    let rx = org.reactions_of(i);
    if rx.is_empty() {
        raw(o, ",\"reactions\":null");
        return;
    }
    raw(o, ",\"reactions\":[");
    for (k, r) in rx.iter().enumerate() {
        if k > 0 {
            o.push(b',');
        }
        raw(o, "{\"user\":");
        string(o, &org.people[r.person as usize].handle);
        raw(o, ",\"create_at\":");
        int(o, r.time_ms);
        raw(o, ",\"emoji_name\":");
        string(o, EMOJI[r.emoji as usize]);
        o.push(b'}');
    }
    o.push(b']');
}

/// The fields a post and a reply share: user, type, message, times, reactions.
fn mm_body(o: &mut Vec<u8>, org: &DemoOrg, i: u32) {
    let m = &org.messages[i as usize];
    raw(o, "\"user\":");
    string(o, &org.people[m.author as usize].handle);
    raw(o, ",\"type\":");
    string(o, if m.kind == DemoKind::Join { "system_join_channel" } else { "" });
    raw(o, ",\"message\":");
    string(o, &mm_text(org, i));
    raw(o, ",\"props\":{},\"create_at\":");
    int(o, m.time_ms);
    raw(o, ",\"edit_at\":0");
    mm_reactions(o, org, i);
}

fn mm_replies(o: &mut Vec<u8>, org: &DemoOrg, threads: &Threads, i: u32) {
    let replies = threads.of(i);
    if replies.is_empty() {
        raw(o, ",\"replies\":null");
        return;
    }
    raw(o, ",\"replies\":[");
    for (k, &r) in replies.iter().enumerate() {
        if k > 0 {
            o.push(b',');
        }
        o.push(b'{');
        mm_body(o, org, r);
        o.push(b'}');
    }
    o.push(b']');
}

fn split_name(name: &str) -> (&str, &str) {
    name.split_once(' ').unwrap_or((name, ""))
}

/// The organisation as a Mattermost bulk export (JSON Lines): `version`, `bot`, `team`,
/// `channel`, `user`, `post` (replies nested), `direct_channel`, `direct_post`.
pub fn write_mattermost(org: &DemoOrg) -> Vec<u8> {
    let mut o: Vec<u8> = Vec::with_capacity(org.messages.len() * 190 + org.people.len() * 300 + 4096);
    raw(&mut o, "{\"type\":\"version\",\"version\":1}\n");
    let owner = org
        .people
        .iter()
        .find(|p| p.title.as_deref() == Some("Chief Executive Officer"))
        .or_else(|| org.people.first())
        .map_or("admin", |p| p.handle.as_str());
    for p in org.people.iter().filter(|p| p.bot) {
        raw(&mut o, "{\"type\":\"bot\",\"bot\":{\"username\":");
        string(&mut o, &p.handle);
        raw(&mut o, ",\"display_name\":");
        string(&mut o, &p.name);
        raw(&mut o, ",\"owner\":");
        string(&mut o, owner);
        raw(&mut o, ",\"description\":\"\",\"delete_at\":0}}\n");
    }
    raw(&mut o, "{\"type\":\"team\",\"team\":{\"name\":\"");
    raw(&mut o, MM_TEAM);
    raw(&mut o, "\",\"display_name\":");
    string(&mut o, &org.name);
    raw(&mut o, ",\"type\":\"O\",\"description\":\"\",\"allow_open_invite\":true}}\n");
    for s in org.spaces.iter().filter(|s| s.kind != SpaceKind::Direct) {
        raw(&mut o, "{\"type\":\"channel\",\"channel\":{\"team\":\"");
        raw(&mut o, MM_TEAM);
        raw(&mut o, "\",\"name\":");
        string(&mut o, &s.name);
        raw(&mut o, ",\"display_name\":");
        string(&mut o, &s.name.replace('-', " "));
        raw(&mut o, ",\"type\":");
        string(&mut o, if s.kind == SpaceKind::Channel || s.kind == SpaceKind::Community { "O" } else { "P" });
        raw(&mut o, ",\"header\":\"\",\"purpose\":");
        string(&mut o, &s.purpose);
        raw(&mut o, "}}\n");
    }
    // Channel memberships per person.
    let mut channels_of: Vec<Vec<u32>> = vec![Vec::new(); org.people.len()];
    for (si, s) in org.spaces.iter().enumerate() {
        if s.kind == SpaceKind::Direct {
            continue;
        }
        for &m in &s.members {
            if let Some(v) = channels_of.get_mut(m as usize) {
                v.push(si as u32);
            }
        }
    }
    for (i, p) in org.people.iter().enumerate() {
        if p.bot {
            continue;
        }
        let (first, last) = split_name(&p.name);
        raw(&mut o, "{\"type\":\"user\",\"user\":{\"username\":");
        string(&mut o, &p.handle);
        raw(&mut o, ",\"email\":");
        string(&mut o, p.email.as_deref().unwrap_or(""));
        raw(&mut o, ",\"auth_service\":\"\",\"nickname\":\"\",\"first_name\":");
        string(&mut o, first);
        raw(&mut o, ",\"last_name\":");
        string(&mut o, last);
        raw(&mut o, ",\"position\":");
        string(&mut o, p.title.as_deref().unwrap_or(""));
        raw(&mut o, ",\"roles\":\"system_user\",\"locale\":\"en\",\"delete_at\":");
        // A deactivated account's deletion time: the end of the period will do.
        int(&mut o, if p.deactivated { org.end_ms } else { 0 });
        raw(&mut o, ",\"teams\":[{\"name\":\"");
        raw(&mut o, MM_TEAM);
        raw(&mut o, "\",\"roles\":\"team_user\",\"channels\":[");
        for (k, &s) in channels_of[i].iter().enumerate() {
            if k > 0 {
                o.push(b',');
            }
            raw(&mut o, "{\"name\":");
            string(&mut o, &org.spaces[s as usize].name);
            raw(&mut o, ",\"roles\":\"channel_user\"}");
        }
        raw(&mut o, "]}]}}\n");
    }
    let threads = Threads::new(org);
    for (i, m) in org.messages.iter().enumerate() {
        let s = &org.spaces[m.space as usize];
        if m.parent != NONE || s.kind == SpaceKind::Direct {
            continue;
        }
        raw(&mut o, "{\"type\":\"post\",\"post\":{\"team\":\"");
        raw(&mut o, MM_TEAM);
        raw(&mut o, "\",\"channel\":");
        string(&mut o, &s.name);
        o.push(b',');
        mm_body(&mut o, org, i as u32);
        mm_replies(&mut o, org, &threads, i as u32);
        raw(&mut o, "}}\n");
    }
    let handles_of = |s: &super::DemoSpace| -> Vec<&str> {
        s.members.iter().filter_map(|&m| org.people.get(m as usize)).map(|p| p.handle.as_str()).collect()
    };
    for s in org.spaces.iter().filter(|s| s.kind == SpaceKind::Direct) {
        raw(&mut o, "{\"type\":\"direct_channel\",\"direct_channel\":{\"members\":[");
        for (k, h) in handles_of(s).iter().enumerate() {
            if k > 0 {
                o.push(b',');
            }
            string(&mut o, h);
        }
        raw(&mut o, "],\"participants\":[");
        for (k, h) in handles_of(s).iter().enumerate() {
            if k > 0 {
                o.push(b',');
            }
            raw(&mut o, "{\"username\":");
            string(&mut o, h);
            o.push(b'}');
        }
        raw(&mut o, "]}}\n");
    }
    for (i, m) in org.messages.iter().enumerate() {
        let s = &org.spaces[m.space as usize];
        if m.parent != NONE || s.kind != SpaceKind::Direct {
            continue;
        }
        raw(&mut o, "{\"type\":\"direct_post\",\"direct_post\":{\"channel_members\":[");
        for (k, h) in handles_of(s).iter().enumerate() {
            if k > 0 {
                o.push(b',');
            }
            string(&mut o, h);
        }
        raw(&mut o, "],");
        mm_body(&mut o, org, i as u32);
        mm_replies(&mut o, org, &threads, i as u32);
        raw(&mut o, "}}\n");
    }
    o
}

// ---------------------------------------------------------------------------------------
// Roster
// ---------------------------------------------------------------------------------------

fn csv_field(o: &mut Vec<u8>, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        o.push(b'"');
        o.extend_from_slice(s.replace('"', "\"\"").as_bytes());
        o.push(b'"');
    } else {
        o.extend_from_slice(s.as_bytes());
    }
}

/// The organisation's roster as CSV: one row per current employee who has an account
/// (deactivated people have left), with department, office, job title and a leader flag,
/// and a last row stating the whole workforce's headcount — larger than the rows, since
/// not everyone joined.
pub fn write_roster_csv(org: &DemoOrg) -> Vec<u8> {
    let mut o = Vec::with_capacity(org.people.len() * 100);
    raw(&mut o, "Email,Name,Department,Office,Job Title,Leader,Headcount\n");
    for p in org.people.iter().filter(|p| !p.bot && !p.deactivated) {
        csv_field(&mut o, p.email.as_deref().unwrap_or(""));
        o.push(b',');
        csv_field(&mut o, &p.name);
        o.push(b',');
        csv_field(&mut o, p.department.and_then(|d| org.departments.get(d as usize)).map_or("", String::as_str));
        o.push(b',');
        csv_field(&mut o, p.location.and_then(|l| org.locations.get(l as usize)).map_or("", String::as_str));
        o.push(b',');
        csv_field(&mut o, p.title.as_deref().unwrap_or(""));
        o.push(b',');
        raw(&mut o, if p.leader { "yes" } else { "no" });
        raw(&mut o, ",\n");
    }
    raw(&mut o, ",,,,,,");
    uint(&mut o, org.headcount);
    o.push(b'\n');
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_helpers() {
        let mut o = Vec::new();
        string(&mut o, "a\"b\\c\nd\u{1}é");
        assert_eq!(String::from_utf8(o).unwrap(), "\"a\\\"b\\\\c\\nd\\u0001é\"");
        let mut o = Vec::new();
        iso(&mut o, 1_452_845_865_123);
        assert_eq!(o, b"\"2016-01-15T08:17:45.123Z\"");
        let mut o = Vec::new();
        slack_ts(&mut o, 1_452_845_865_123);
        assert_eq!(o, b"\"1452845865.123000\"");
        let mut o = Vec::new();
        padded(&mut o, 42, 8);
        uint(&mut o, 0);
        int(&mut o, -7);
        assert_eq!(o, b"000000420-7");
    }
}
