//! The demo organisation as the activity reports its admins would download
//! (`clover demo --reports DIR`, docs/demo.md): the same people and the same messages as its
//! exports, counted per person over report windows, and the reading no export shows.
//!
//! Two sets, for two tools (an organisation runs one of them; each set is analysed alone):
//! - `microsoft-365/`: Microsoft Teams and Viva Engage user activity reports for successive
//!   90-day windows ending on the last day (Viva Engage holds the open channels — the company
//!   channel, the news, the interest communities — and Teams the department and private
//!   channels as team chat and the direct conversations as private chat). The earliest
//!   window's Viva Engage report has its names concealed, as Microsoft 365 does by default.
//! - `slack/`: Slack member analytics for each complete calendar quarter, and the analytics
//!   overview, one row per day.
//!
//! Both carry the organisation's roster. Reading is drawn per person and day from the same
//! seed: most people read on some days, writers on most.

use super::rng::Rng;
use super::words::DEPARTMENTS;
use super::{DemoKind, DemoOrg, Participation};
use crate::civil::{civil_from_days, day_of, format_date, MS_PER_DAY};
use crate::model::SpaceKind;

/// Where a message counts in the Microsoft 365 reports.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Viva Engage: open channels (communities).
    Engage,
    /// Teams team chat: department and private channels.
    TeamChat,
    /// Teams private chat: direct conversations.
    PrivateChat,
}

/// What the reports count of one person in one window.
#[derive(Clone, Copy, Default)]
struct Tally {
    engage_posted: u64,
    engage_liked: u64,
    team_chat: u64,
    private_chat: u64,
    /// Slack: messages in channels, all messages, reactions added.
    in_channels: u64,
    messages: u64,
    reactions: u64,
    /// Days with any activity, reading included.
    days_active: u64,
    /// Days with reading only counted.
    reading_days: u64,
}

/// The demo's activity, day by day: who was active (wrote, reacted or read) on which day.
struct Days {
    first: i64,
    /// Per person, per day from `first`: wrote or reacted, or read.
    active: Vec<Vec<bool>>,
    read: Vec<Vec<bool>>,
}

fn activity(org: &DemoOrg) -> Days {
    let first = day_of(org.start_ms);
    let last = day_of(org.end_ms - 1);
    let n = (last - first + 1).max(0) as usize;
    let mut active = vec![vec![false; n]; org.people.len()];
    let at = |ms: i64| (day_of(ms) - first).clamp(0, n as i64 - 1) as usize;
    for (i, m) in org.messages.iter().enumerate() {
        if m.kind != DemoKind::Join && !org.is_bot_message(i as u32) && n > 0 {
            active[m.author as usize][at(m.time_ms)] = true;
        }
    }
    for r in &org.reactions {
        if n > 0 {
            active[r.person as usize][at(r.time_ms)] = true;
        }
    }
    // Reading: drawn per person and day after they joined. A quarter of the readers never
    // look (the silent ones); the others on some weekdays, writers on most.
    let mut rng = Rng::new(org.options.seed ^ 0x2EAD_2EAD_2EAD);
    let mut read = vec![vec![false; n]; org.people.len()];
    for (p, person) in org.people.iter().enumerate() {
        let mut rng = rng.fork(p as u64);
        if person.bot || person.deactivated {
            continue;
        }
        let rate = match person.participation {
            Participation::Reader if rng.chance(0.25) => 0.0,
            Participation::Reader => 0.06 + 0.2 * rng.f64(),
            Participation::Contributor => 0.3 + 0.3 * rng.f64(),
            Participation::Core => 0.7,
            Participation::Bot => 0.0,
        };
        let joined = day_of(person.joined_ms) - first;
        for (d, slot) in read[p].iter_mut().enumerate() {
            let weekday = (first + d as i64 + 3).rem_euclid(7);
            let rate = if weekday >= 5 { rate / 5.0 } else { rate };
            *slot = d as i64 >= joined && rng.chance(rate);
        }
    }
    for (a, r) in active.iter_mut().zip(&read) {
        for (x, &y) in a.iter_mut().zip(r) {
            *x |= y;
        }
    }
    Days { first, active, read }
}

/// Where each space's messages count in the Microsoft 365 reports.
fn places(org: &DemoOrg) -> Vec<Place> {
    org.spaces
        .iter()
        .map(|s| match s.kind {
            SpaceKind::Direct | SpaceKind::Group => Place::PrivateChat,
            SpaceKind::PrivateChannel => Place::TeamChat,
            _ if DEPARTMENTS.iter().any(|d| d.slug == s.name) => Place::TeamChat,
            _ => Place::Engage,
        })
        .collect()
}

/// Each person's tally over `[from, to]` (days).
fn tally(org: &DemoOrg, days: &Days, place: &[Place], from: i64, to: i64) -> Vec<Tally> {
    let mut t = vec![Tally::default(); org.people.len()];
    let inside = |ms: i64| (from..=to).contains(&day_of(ms));
    for (i, m) in org.messages.iter().enumerate() {
        if m.kind == DemoKind::Join || org.is_bot_message(i as u32) || !inside(m.time_ms) {
            continue;
        }
        let x = &mut t[m.author as usize];
        x.messages += 1;
        match place[m.space as usize] {
            Place::Engage => {
                x.engage_posted += 1;
                x.in_channels += 1;
            }
            Place::TeamChat => {
                x.team_chat += 1;
                x.in_channels += 1;
            }
            Place::PrivateChat => x.private_chat += 1,
        }
    }
    for r in &org.reactions {
        if !inside(r.time_ms) {
            continue;
        }
        t[r.person as usize].reactions += 1;
        if org.messages.get(r.message as usize).is_some_and(|m| place[m.space as usize] == Place::Engage) {
            t[r.person as usize].engage_liked += 1;
        }
    }
    for (p, x) in t.iter_mut().enumerate() {
        for d in from.max(days.first)..=to {
            let k = (d - days.first) as usize;
            x.days_active += days.active[p].get(k).copied().unwrap_or(false) as u64;
            x.reading_days += days.read[p].get(k).copied().unwrap_or(false) as u64;
        }
    }
    t
}

/// 64-bit FNV-1a.
fn fnv(s: &str, seed: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for b in s.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A name as Microsoft 365 conceals it: 32 upper-case hex digits.
fn concealed(s: &str) -> String {
    format!("{:016X}{:016X}", fnv(s, 1), fnv(s, 2))
}

fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn date(d: i64) -> String {
    format_date(d * MS_PER_DAY)
}

/// `Mar 17, 2025`, as Slack writes dates.
fn slack_date(d: i64) -> String {
    let (y, m, day) = civil_from_days(d);
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {day}, {y}", MONTHS[m as usize - 1])
}

/// The Microsoft 365 report windows: as many 90-day windows as end on the last day and fit in
/// the data (30 or 7 days when the data is short), oldest first.
fn microsoft_windows(first: i64, last: i64) -> Vec<(i64, i64)> {
    let span = last - first + 1;
    let period = [90, 30, 7].into_iter().find(|&p| span >= 2 * p).unwrap_or(span.clamp(1, 7));
    let mut out: Vec<(i64, i64)> =
        (0..4).map(|k| (last - (k + 1) * period + 1, last - k * period)).filter(|&(f, _)| f >= first).collect();
    out.reverse();
    out
}

/// The Teams user activity report of one window (columns in the order Microsoft documents,
/// or in the order a real 2022 export wrote them).
fn teams_csv(org: &DemoOrg, t: &[Tally], to: i64, period: i64, real_order: bool) -> Vec<u8> {
    let documented = "Report Refresh Date,Tenant Display Name,Shared Channel Tenant Display Names,User Id,User Principal Name,Last Activity Date,Is Deleted,Deleted Date,Assigned Products,Team Chat Message Count,Private Chat Message Count,Call Count,Meeting Count,Post Messages,Reply Messages,Urgent Messages,Meetings Organized Count,Meetings Attended Count,Audio Duration,Video Duration,Screen Share Duration,Audio Duration In Seconds,Video Duration In Seconds,Screen Share Duration In Seconds,Has Other Action,Is Licensed,Report Period";
    let real = "Report Refresh Date,User Id,User Principal Name,Last Activity Date,Is Deleted,Deleted Date,Assigned Products,Team Chat Message Count,Private Chat Message Count,Call Count,Meeting Count,Meetings Organized Count,Meetings Attended Count,Audio Duration,Video Duration,Screen Share Duration,Audio Duration In Seconds,Video Duration In Seconds,Screen Share Duration In Seconds,Has Other Action,Urgent Messages,Post Messages,Tenant Display Name,Shared Channel Tenant Display Names,Reply Messages,Is Licensed,Report Period";
    let header = if real_order { real } else { documented };
    let columns: Vec<&str> = header.split(',').collect();
    let mut out = format!("\u{feff}{header}\r\n");
    for (p, person) in org.people.iter().enumerate() {
        let Some(email) = person.email.as_deref().filter(|_| !person.bot && day_of(person.joined_ms) <= to) else {
            continue;
        };
        let x = t[p];
        let row: Vec<String> = columns
            .iter()
            .map(|c| match *c {
                "Report Refresh Date" => date(to),
                "Tenant Display Name" => cell(&org.name),
                "User Id" => format!("{:08x}-0000-4000-8000-{:012x}", p + 1, fnv(email, 3) & 0xffff_ffff_ffff),
                "User Principal Name" => email.to_string(),
                "Last Activity Date" if x.days_active > 0 => date(to),
                "Is Deleted" => if person.deactivated { "True" } else { "False" }.to_string(),
                "Deleted Date" if person.deactivated => date(to),
                "Assigned Products" => "MICROSOFT 365 E3+MICROSOFT TEAMS".to_string(),
                "Team Chat Message Count" => x.team_chat.to_string(),
                "Private Chat Message Count" => x.private_chat.to_string(),
                "Has Other Action" => if x.reading_days > 0 { "Yes" } else { "No" }.to_string(),
                "Is Licensed" => "Yes".to_string(),
                "Report Period" => period.to_string(),
                "Audio Duration" | "Video Duration" | "Screen Share Duration" => "PT0S".to_string(),
                "Last Activity Date" | "Deleted Date" | "Shared Channel Tenant Display Names" => String::new(),
                _ => "0".to_string(),
            })
            .collect();
        out += &row.join(",");
        out += "\r\n";
    }
    out.into_bytes()
}

/// The Viva Engage activity report of one window; with `conceal`, names as hashes.
fn engage_csv(org: &DemoOrg, t: &[Tally], to: i64, period: i64, conceal: bool) -> Vec<u8> {
    let mut out = String::from("\u{feff}Report Refresh Date,User Principal Name,Display Name,User State,State Change Date,Last Activity Date,Posted Count,Read Count,Liked Count,Assigned Products,Report Period\r\n");
    for (p, person) in org.people.iter().enumerate() {
        let Some(email) = person.email.as_deref().filter(|_| !person.bot && day_of(person.joined_ms) <= to) else {
            continue;
        };
        let x = t[p];
        let (upn, name) =
            if conceal { (concealed(email), concealed(&person.name)) } else { (email.to_string(), cell(&person.name)) };
        // A conversation read on each reading day, some days two or three.
        let read = x.reading_days + x.reading_days * (p as u64 % 3) / 2;
        out += &format!(
            "{},{upn},{name},{},,{},{},{read},{},YAMMER ENTERPRISE,{period}\r\n",
            date(to),
            if person.deactivated { "Deleted" } else { "Active" },
            if x.days_active > 0 { date(to) } else { String::new() },
            x.engage_posted,
            x.engage_liked,
        );
    }
    out.into_bytes()
}

/// The complete calendar quarters of `[first, last]`, the last four, oldest first.
fn quarters(first: i64, last: i64) -> Vec<(i64, i64)> {
    use crate::analytics::periods::{calendar_periods, Unit};
    let mut q: Vec<(i64, i64)> =
        calendar_periods(Unit::Quarter, first, last).into_iter().filter(|p| p.2).map(|p| (p.0, p.1)).collect();
    let skip = q.len().saturating_sub(4);
    q.drain(..skip);
    q
}

fn slack_members_csv(org: &DemoOrg, t: &[Tally], to: i64) -> Vec<u8> {
    let mut out = String::from("Name,What I Do,User ID,Username,Display name,Email,Account type,Account created (UTC),Claimed Date (UTC),Deactivated date (UTC),Days active,Days active (Desktop),Days active (Android),Days active (iOS),Messages posted,Messages posted in channels,Reactions added,Last active (UTC)\n");
    for (p, person) in org.people.iter().enumerate() {
        if person.bot || day_of(person.joined_ms) > to {
            continue;
        }
        let x = t[p];
        let joined = slack_date(day_of(person.joined_ms));
        out += &format!(
            "{},{},U{:08},{},{},{},Member,\"{joined}\",\"{joined}\",{},{},{},0,{},{},{},{},{}\n",
            cell(&person.name),
            cell(person.title.as_deref().unwrap_or("")),
            p + 1,
            person.handle,
            cell(&person.name),
            person.email.as_deref().unwrap_or(""),
            if person.deactivated { format!("\"{}\"", slack_date(to)) } else { String::new() },
            x.days_active,
            x.days_active * 3 / 4,
            x.days_active / 4,
            x.messages,
            x.in_channels,
            x.reactions,
            if x.days_active > 0 { format!("\"{}\"", slack_date(to)) } else { String::new() },
        );
    }
    out.into_bytes()
}

/// The Slack analytics overview: one row per day, dates day-first as a real export writes them.
fn slack_overview_csv(org: &DemoOrg, days: &Days, place: &[Place]) -> Vec<u8> {
    let n = days.active.first().map_or(0, Vec::len);
    let mut public = vec![0u64; n];
    let mut private = vec![0u64; n];
    let mut direct = vec![0u64; n];
    let mut posting = vec![vec![false; n]; org.people.len()];
    for (i, m) in org.messages.iter().enumerate() {
        if m.kind == DemoKind::Join || org.is_bot_message(i as u32) {
            continue;
        }
        let d = (day_of(m.time_ms) - days.first).clamp(0, n as i64 - 1) as usize;
        posting[m.author as usize][d] = true;
        let s = &org.spaces[m.space as usize];
        match (place[m.space as usize], s.kind) {
            (Place::PrivateChat, _) => direct[d] += 1,
            (_, SpaceKind::PrivateChannel) => private[d] += 1,
            _ => public[d] += 1,
        }
    }
    let humans: Vec<usize> = (0..org.people.len()).filter(|&p| !org.people[p].bot).collect();
    let mut out = String::from("Date,Total enabled membership,Enabled full members,Enabled guests,Daily active members,Daily members posting messages,Weekly active members,Weekly members posting messages,Messages in public channels,Messages in private channels,Messages in shared channels,Messages in DMs\n");
    for d in 0..n {
        let day = days.first + d as i64;
        let members =
            humans.iter().filter(|&&p| day_of(org.people[p].joined_ms) <= day && !org.people[p].deactivated).count();
        let week = d.saturating_sub(6)..=d;
        let (mut daily, mut daily_posting, mut weekly, mut weekly_posting) = (0, 0, 0, 0);
        for &p in &humans {
            daily += days.active[p][d] as u64;
            daily_posting += posting[p][d] as u64;
            weekly += days.active[p][week.clone()].contains(&true) as u64;
            weekly_posting += posting[p][week.clone()].contains(&true) as u64;
        }
        let (y, m, dd) = civil_from_days(day);
        out += &format!(
            "{dd:02}/{m:02}/{y},{members},{members},0,{daily},{daily_posting},{weekly},{weekly_posting},{},{},0,{}\n",
            public[d], private[d], direct[d]
        );
    }
    out.into_bytes()
}

/// The demo organisation as activity reports: `(path, bytes)` of each file, paths relative
/// to the folder they go in (`microsoft-365/…`, `slack/…`).
pub fn write_reports(org: &DemoOrg) -> Vec<(String, Vec<u8>)> {
    let days = activity(org);
    let place = places(org);
    let first = days.first;
    let last = day_of(org.end_ms - 1);
    let roster = super::write_roster_csv(org);
    let mut files = Vec::new();
    for (k, &(from, to)) in microsoft_windows(first, last).iter().enumerate() {
        let period = to - from + 1;
        let t = tally(org, &days, &place, from, to);
        let stamp = date(to);
        files.push((
            format!("microsoft-365/TeamsUserActivityUserDetail {stamp}.csv"),
            teams_csv(org, &t, to, period, k % 2 == 1),
        ));
        // The earliest download was made before the admin showed names.
        files.push((
            format!("microsoft-365/YammerActivityUserDetail {stamp}.csv"),
            engage_csv(org, &t, to, period, k == 0),
        ));
    }
    files.push(("microsoft-365/roster.csv".to_string(), roster.clone()));
    for (from, to) in quarters(first, last) {
        let t = tally(org, &days, &place, from, to);
        let name = format!("slack/{} Member Analytics {} - {}.csv", org.name, slack_date(from), slack_date(to));
        files.push((name, slack_members_csv(org, &t, to)));
    }
    let overview = format!("slack/{} Overview {} - {}.csv", org.name, slack_date(first), slack_date(last));
    files.push((overview, slack_overview_csv(org, &days, &place)));
    files.push(("slack/roster.csv".to_string(), roster));
    files
}
