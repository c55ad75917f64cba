//! Activity reports: the per-person totals every Microsoft 365 or Slack admin can download
//! in a minute, where a message export is out of reach (docs/formats.md, "Activity reports").
//!
//! - Microsoft Teams user activity, user detail, and Viva Engage activity, user detail (the
//!   admin center's CSV, or Microsoft Graph's beta JSON `{"value": […]}` in camelCase);
//!   Viva Engage groups activity detail. Window: `[Report Refresh Date − Report Period + 1,
//!   Report Refresh Date]`, UTC days.
//! - Slack member analytics (Analytics › Members › Export): no date column; the window is in
//!   the file's name (`… Prior 30 Days - Apr 17, 2026.csv`).
//! - Slack's analytics overview (one row per day), and `admin.analytics.getFile` member files
//!   (JSON Lines, usually gzipped: archives are opened by `archive.rs`).
//!
//! Each is recognised by its columns (or fields), never by its name; columns may come in any
//! order and are matched ignoring case, spaces and punctuation, so `Report Refresh Date` and
//! `reportRefreshDate` are one column. A row with the wrong number of fields is skipped and
//! its line named in a counted warning; the rest of the file loads.

use std::borrow::Cow;
use std::collections::HashMap;

use super::entry::{Entry, Report};
use super::json;
use super::sniff::{strip_bom, Preview, Shape};
use crate::civil::{self, MS_PER_DAY};
use crate::model::{
    norm_email, possible_time, Builder, DailyRow, OrgDay, ReportGroup, ReportKind, ReportRow, ReportWindow,
};

/// A column or field name as compared: lower-case letters and digits only.
pub fn norm(h: &str) -> String {
    h.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Report(ReportKind),
    /// `admin.analytics.getFile` of type `public_channel`: per channel, not per person.
    SlackChannelLines,
}

/// The names of a shape's columns (a CSV's headers, a Graph answer's first value's keys, a
/// JSON line's keys), normalised.
fn columns(shape: &Shape) -> Vec<String> {
    match shape {
        Shape::Csv { headers } => headers.iter().map(|h| norm(h)).collect(),
        Shape::Object { keys, .. } => match keys.iter().find(|(k, _)| k == "value") {
            Some((_, Preview::Array { first_keys, .. })) => first_keys.iter().map(|k| norm(k)).collect(),
            _ => keys.iter().map(|(k, _)| norm(k)).collect(),
        },
        Shape::Array { .. } | Shape::Unknown(_) => Vec::new(),
    }
}

fn kind_of(shape: &Shape) -> Option<Kind> {
    let cols = columns(shape);
    let has = |c: &str| cols.iter().any(|x| x == c);
    let any = |cs: &[&str]| cs.iter().any(|c| has(c));
    let graph = matches!(shape, Shape::Object { keys, .. } if keys.iter().any(|(k, _)| k == "value"));
    let csv = matches!(shape, Shape::Csv { .. });
    if (csv || graph) && has("reportrefreshdate") {
        if has("userprincipalname")
            && any(&["teamchatmessagecount", "privatechatmessagecount", "postmessages", "replymessages"])
        {
            return Some(Kind::Report(ReportKind::TeamsUsers));
        }
        if has("userprincipalname") && has("postedcount") && has("readcount") {
            return Some(Kind::Report(ReportKind::VivaEngageUsers));
        }
        if has("groupdisplayname") && has("postedcount") {
            return Some(Kind::Report(ReportKind::VivaEngageGroups));
        }
        return None;
    }
    if csv {
        if has("daysactive")
            && any(&["messagesposted", "messagespostedinchannels"])
            && any(&["userid", "email", "name", "username"])
        {
            return Some(Kind::Report(ReportKind::SlackMembers));
        }
        if has("date") && any(&["dailyactivemembers", "weeklyactivemembers"]) {
            return Some(Kind::Report(ReportKind::SlackOverview));
        }
        return None;
    }
    if let Shape::Object { keys, .. } = shape {
        if keys.iter().any(|(k, _)| k == "value") {
            return None;
        }
        if has("date") && has("userid") && has("isactive") {
            return Some(Kind::Report(ReportKind::SlackDaily));
        }
        if has("date") && has("channelid") && any(&["messagespostedcount", "memberswhoviewedcount"]) {
            return Some(Kind::SlackChannelLines);
        }
    }
    None
}

pub fn recognise(shape: &Shape) -> bool {
    kind_of(shape).is_some()
}

/// For a file no format recognised: what it is when it is a report Clover does not read
/// (another Microsoft 365 usage report, Slack's channel analytics), and which to download.
pub fn hint(shape: &Shape) -> Option<String> {
    let cols = columns(shape);
    let has = |c: &str| cols.iter().any(|x| x == c);
    if has("reportrefreshdate") {
        return Some("a Microsoft 365 usage report that Clover does not read: download the Microsoft Teams user activity report or the Viva Engage activity report (Users, with per-user details) from the Microsoft 365 admin center › Reports › Usage".to_string());
    }
    if has("visibility") && has("totalmembership") && has("memberswhoposted") {
        return Some("Slack's channel analytics, which count channels, not people: export Analytics › Members (and Overview) instead".to_string());
    }
    None
}

/// Odd but readable content, counted across the files of an import.
#[derive(Default)]
struct Odd {
    no_user: u64,
    no_window: u64,
    bad_numbers: u64,
    bots: u64,
    impossible_days: u64,
    set_aside_channels: u64,
    blank_lines: u64,
}

impl Odd {
    fn report(&self, b: &mut Builder) {
        let w = &mut b.warnings;
        w.add("{n} activity-report row{s} {names|name} nobody (no user principal name, email, id or name) and {was|were} skipped", self.no_user);
        w.add(
            "{n} activity-report row{s} {has|have} no readable report date or period and {was|were} skipped",
            self.no_window,
        );
        w.add(
            "{n} activity-report value{s} {is not a number|are not numbers} and {was|were} read as 0",
            self.bad_numbers,
        );
        w.add(
            "{n} Slack member analytics row{s} {is a bot or an app|are bots or apps} and {was|were} skipped",
            self.bots,
        );
        w.add(
            "{n} activity-report row{s} {has|have} a date before 1970 or after 2099 and {was|were} skipped",
            self.impossible_days,
        );
        w.add(
            "{n} Slack daily channel analytics file{s} {counts|count} channels, not people, and {was|were} set aside",
            self.set_aside_channels,
        );
        w.add(
            "{n} line{s} of Slack's daily member analytics could not be read and {was|were} skipped",
            self.blank_lines,
        );
    }
}

pub fn import(files: Vec<(Shape, Entry)>, b: &mut Builder, r: &mut Report) {
    let mut odd = Odd::default();
    for (shape, e) in files {
        let Some(kind) = kind_of(&shape) else {
            r.error(&e.display, "not an activity report after all");
            continue;
        };
        let Some(data) = r.data(&e) else { continue };
        let result = match kind {
            Kind::SlackChannelLines => {
                odd.set_aside_channels += 1;
                Ok(())
            }
            Kind::Report(k) => {
                let csv = matches!(shape, Shape::Csv { .. });
                read_file(k, csv, &data, &e, b, &mut odd)
            }
        };
        match result {
            Ok(()) => {
                r.loaded += 1;
                if let Kind::Report(k) = kind {
                    b.report_file(k, &e.display);
                }
            }
            Err(msg) => r.error(&e.display, msg),
        }
    }
    odd.report(b);
}

/// One row's cells by normalised column name, as text (numbers spelled out, `null` and lists
/// missing).
trait Cells {
    fn text(&self, col: &str) -> Option<Cow<'_, str>>;
}

struct CsvRow<'a> {
    index: &'a HashMap<String, usize>,
    rec: &'a csv::ByteRecord,
}

impl Cells for CsvRow<'_> {
    fn text(&self, col: &str) -> Option<Cow<'_, str>> {
        let raw = self.rec.get(*self.index.get(col)?)?;
        let t = String::from_utf8_lossy(raw);
        let t = match t {
            Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
            Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
        };
        (!t.is_empty()).then_some(t)
    }
}

struct JsonRow<'a> {
    fields: HashMap<String, &'a serde_json::Value>,
}

impl<'a> JsonRow<'a> {
    fn new(obj: &'a serde_json::Map<String, serde_json::Value>) -> JsonRow<'a> {
        let mut fields = HashMap::new();
        for (k, v) in obj {
            fields.entry(norm(k)).or_insert(v);
        }
        JsonRow { fields }
    }
}

impl Cells for JsonRow<'_> {
    fn text(&self, col: &str) -> Option<Cow<'_, str>> {
        match self.fields.get(col)? {
            serde_json::Value::String(s) => {
                let t = s.trim();
                (!t.is_empty()).then_some(Cow::Borrowed(t))
            }
            serde_json::Value::Number(n) => Some(Cow::Owned(n.to_string())),
            serde_json::Value::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
            _ => None,
        }
    }
}

/// A count: digits, with `,` or spaces as thousands separators; empty is 0; anything else is
/// 0 and counted.
fn count(c: &dyn Cells, col: &str, odd: &mut Odd) -> u64 {
    let Some(t) = c.text(col) else { return 0 };
    let digits: String = t.chars().filter(|ch| !matches!(ch, ',' | ' ' | '\u{a0}' | '_')).collect();
    if let Ok(n) = digits.parse::<u64>() {
        return n;
    }
    // A JSON number may be written 3.0.
    if let Ok(x) = digits.parse::<f64>() {
        if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x < 1e15 {
            return x as u64;
        }
    }
    odd.bad_numbers += 1;
    0
}

fn flag(c: &dyn Cells, col: &str) -> bool {
    c.text(col).and_then(|t| json::Flag::from_word(&t)).unwrap_or(false)
}

/// Whether an ISO 8601 duration (`PT0S`, `PT1H20M`) is more than nothing.
fn duration_nonzero(c: &dyn Cells, col: &str) -> bool {
    c.text(col).is_some_and(|t| t.chars().any(|ch| ch.is_ascii_digit() && ch != '0'))
}

/// A Microsoft 365 user principal name or display name concealed by the report: 32 hex digits.
pub fn concealed_name(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A date as reports write it: `2026-04-17` (a time after it is ignored), `Apr 17, 2026`.
fn report_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.len() >= 10 {
        if let Some(d) = civil::parse_date(&s[..10]) {
            return Some(d);
        }
    }
    month_day_year(s)
}

/// `Apr 17, 2026`, `April 17, 2026`, `Sept 3 2025`.
fn month_day_year(s: &str) -> Option<i64> {
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let [m, d, y] = words.as_slice() else { return None };
    let m = m.to_ascii_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let month = months.iter().position(|x| m.starts_with(x))? as u32 + 1;
    civil::date_of(y.parse().ok()?, month, d.parse().ok()?)
}

fn possible_day(d: i64) -> bool {
    possible_time(d * MS_PER_DAY)
}

/// The rows of one file, with their line numbers (CSV) or positions (JSON), in order.
fn read_file(
    kind: ReportKind,
    csv: bool,
    data: &[u8],
    e: &Entry,
    b: &mut Builder,
    odd: &mut Odd,
) -> Result<(), String> {
    let mut sink = Sink::new(kind, &e.display);
    if csv {
        read_csv(data, e, b, odd, &mut sink)?;
    } else if kind == ReportKind::SlackDaily {
        read_json_lines(data, b, odd, &mut sink);
    } else {
        let doc: serde_json::Value = json::parse(data)?;
        let Some(values) = doc.get("value").and_then(|v| v.as_array()) else {
            return Err("a Microsoft Graph answer without its \"value\" list".into());
        };
        for v in values {
            match v.as_object() {
                Some(obj) => sink.row(&JsonRow::new(obj), b, odd)?,
                None => odd.no_user += 1,
            }
        }
    }
    sink.finish(e, b)
}

fn read_csv(data: &[u8], e: &Entry, b: &mut Builder, odd: &mut Odd, sink: &mut Sink) -> Result<(), String> {
    let text = strip_bom(data);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(text);
    let headers = rdr.byte_headers().map_err(|err| format!("the header line cannot be read: {err}"))?.clone();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        index.entry(norm(&String::from_utf8_lossy(h))).or_insert(i);
    }
    let mut rec = csv::ByteRecord::new();
    let mut odd_lines: Vec<u64> = Vec::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                let at = err.position().map(|p| format!(" at line {}", p.line())).unwrap_or_default();
                b.warnings.add(
                    format!("{} stops being readable{at} ({err}); the rows before it were read", e.display)
                        .replace('{', "(")
                        .replace('}', ")"),
                    1,
                );
                break;
            }
        }
        if rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        if rec.len() != headers.len() {
            odd_lines.push(rec.position().map_or(0, |p| line_at(text, p.byte())));
            continue;
        }
        sink.row(&CsvRow { index: &index, rec: &rec }, b, odd)?;
    }
    if !odd_lines.is_empty() {
        let n = odd_lines.len();
        let shown: Vec<String> = odd_lines.iter().take(10).map(u64::to_string).collect();
        let more = if n > 10 { format!(" and {} more", n - 10) } else { String::new() };
        // The file's name is part of the warning: braces in it must not read as a template.
        let file = e.display.replace('{', "(").replace('}', ")");
        b.warnings.add(
            format!(
                "{{n}} row{{s}} of {file} {{has|have}} a different number of fields than its header (line{} {}{more}) and {{was|were}} skipped",
                if n == 1 { "" } else { "s" },
                shown.join(", ")
            ),
            n as u64,
        );
    }
    Ok(())
}

/// The line (from 1) of the record that starts at `byte`: the CSV reader's own line numbers
/// lag by one in files with CRLF line ends (it places a record at its line's `\n`).
fn line_at(text: &[u8], byte: u64) -> u64 {
    let mut at = (byte as usize).min(text.len());
    while at < text.len() && matches!(text[at], b'\r' | b'\n') {
        at += 1;
    }
    1 + text[..at].iter().filter(|&&c| c == b'\n').count() as u64
}

fn read_json_lines(data: &[u8], b: &mut Builder, odd: &mut Odd, sink: &mut Sink) {
    for line in strip_bom(data).split(|&c| c == b'\n') {
        let line = line.trim_ascii();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_slice::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(obj)) => {
                // A line that names nobody is counted by the row itself.
                let _ = sink.row(&JsonRow::new(&obj), b, odd);
            }
            _ => odd.blank_lines += 1,
        }
    }
}

/// Where a file's rows go: per-window rows for the member reports, days, groups, daily lines.
struct Sink {
    kind: ReportKind,
    file: String,
    /// Rows by window (from, to), in the order windows first appear.
    windows: Vec<((i64, i64), Vec<ReportRow>)>,
    concealed: bool,
    /// Slack member analytics: rows wait for the window, which may need their dates.
    slack_created: Option<i64>,
    /// Slack overview: the dates as written, to be read day-first or month-first per file.
    overview: Vec<(String, OrgDay)>,
}

impl Sink {
    fn new(kind: ReportKind, file: &str) -> Sink {
        Sink {
            kind,
            file: file.to_string(),
            windows: Vec::new(),
            concealed: false,
            slack_created: None,
            overview: Vec::new(),
        }
    }

    fn push(&mut self, window: (i64, i64), row: ReportRow) {
        match self.windows.iter_mut().find(|(w, _)| *w == window) {
            Some((_, rows)) => rows.push(row),
            None => self.windows.push((window, vec![row])),
        }
    }

    /// One row. Err stops the file (a column that every row needs is missing).
    fn row(&mut self, c: &dyn Cells, b: &mut Builder, odd: &mut Odd) -> Result<(), String> {
        match self.kind {
            ReportKind::TeamsUsers | ReportKind::VivaEngageUsers => self.microsoft_user(c, b, odd),
            ReportKind::VivaEngageGroups => {
                let Some(window) = microsoft_window(c, odd)? else { return Ok(()) };
                b.report_group(ReportGroup {
                    from_day: window.0,
                    to_day: window.1,
                    name: c.text("groupdisplayname").map(|s| s.into_owned()).unwrap_or_default(),
                    deleted: flag(c, "isdeleted"),
                    public: c.text("grouptype").and_then(|t| match t.to_ascii_lowercase().as_str() {
                        "public" => Some(true),
                        "private" => Some(false),
                        _ => None,
                    }),
                    members: count(c, "membercount", odd),
                    posted: count(c, "postedcount", odd),
                    read: count(c, "readcount", odd),
                    liked: count(c, "likedcount", odd),
                });
                Ok(())
            }
            ReportKind::SlackMembers => {
                self.slack_member(c, b, odd);
                Ok(())
            }
            ReportKind::SlackOverview => {
                let Some(date) = c.text("date").map(|s| s.into_owned()) else {
                    odd.no_window += 1;
                    return Ok(());
                };
                let opt = |col: &str, odd: &mut Odd| c.text(col).is_some().then(|| count(c, col, odd));
                let day = OrgDay {
                    day: 0,
                    members: opt("totalenabledmembership", odd),
                    daily_active: opt("dailyactivemembers", odd),
                    daily_posting: opt("dailymemberspostingmessages", odd),
                    weekly_active: opt("weeklyactivemembers", odd),
                    weekly_posting: opt("weeklymemberspostingmessages", odd),
                    public_messages: opt("messagesinpublicchannels", odd),
                    private_messages: opt("messagesinprivatechannels", odd),
                    shared_messages: opt("messagesinsharedchannels", odd),
                    direct_messages: opt("messagesindms", odd),
                };
                self.overview.push((date, day));
                Ok(())
            }
            ReportKind::SlackDaily => {
                self.slack_day(c, b, odd);
                Ok(())
            }
        }
    }

    fn microsoft_user(&mut self, c: &dyn Cells, b: &mut Builder, odd: &mut Odd) -> Result<(), String> {
        let Some(window) = microsoft_window(c, odd)? else { return Ok(()) };
        let product = self.kind.product();
        let upn = c.text("userprincipalname");
        let display = c.text("displayname");
        let id = c.text("userid").filter(|id| id.chars().any(|ch| ch.is_ascii_hexdigit() && ch != '0'));
        let concealed = upn.as_deref().is_some_and(concealed_name);
        let (key, name, email) = match (&upn, concealed) {
            (Some(u), true) => {
                (format!("{}:{}", product.id(), u.to_ascii_uppercase()), format!("Concealed {}", &u[..8]), None)
            }
            (Some(u), false) if u.contains('@') => {
                (format!("email:{}", norm_email(u)), display.as_deref().unwrap_or(u).to_string(), Some(u.to_string()))
            }
            (Some(u), false) => (format!("{}:{u}", product.id()), display.as_deref().unwrap_or(u).to_string(), None),
            (None, _) => match (&id, &display) {
                (Some(i), _) => (format!("{}:{i}", product.id()), display.as_deref().unwrap_or(i).to_string(), None),
                (None, Some(d)) if !concealed_name(d) => (format!("{}:{d}", product.id()), d.to_string(), None),
                _ => {
                    odd.no_user += 1;
                    return Ok(());
                }
            },
        };
        self.concealed |= concealed;
        let person = b.report_person(&key, Some(&name), email.as_deref(), concealed, None);
        let row = if self.kind == ReportKind::TeamsUsers {
            let team = count(c, "teamchatmessagecount", odd);
            let private = count(c, "privatechatmessagecount", odd);
            let posts = count(c, "postmessages", odd);
            let replies = count(c, "replymessages", odd);
            let urgent = count(c, "urgentmessages", odd);
            let mut other = flag(c, "hasotheraction") || urgent > 0;
            for col in [
                "callcount",
                "meetingcount",
                "meetingsorganizedcount",
                "meetingsattendedcount",
                "adhocmeetingsorganizedcount",
                "adhocmeetingsattendedcount",
                "scheduledonetimemeetingsorganizedcount",
                "scheduledonetimemeetingsattendedcount",
                "scheduledrecurringmeetingsorganizedcount",
                "scheduledrecurringmeetingsattendedcount",
                "audiodurationinseconds",
                "videodurationinseconds",
                "screensharedurationinseconds",
            ] {
                other |= count(c, col, odd) > 0;
            }
            for col in ["audioduration", "videoduration", "screenshareduration"] {
                other |= duration_nonzero(c, col);
            }
            // Channel messages are posts and replies: a report may give both spellings.
            let posted = team.max(posts + replies);
            ReportRow {
                person,
                deleted: flag(c, "isdeleted"),
                posted,
                messages: posted + private,
                read: 0,
                reactions: 0,
                other,
                days_active: None,
            }
        } else {
            let state = c.text("userstate").map(|s| s.to_ascii_lowercase()).unwrap_or_default();
            let posted = count(c, "postedcount", odd);
            ReportRow {
                person,
                deleted: matches!(state.as_str(), "deleted" | "suspended") || flag(c, "isdeleted"),
                posted,
                messages: posted,
                read: count(c, "readcount", odd),
                reactions: count(c, "likedcount", odd),
                other: false,
                days_active: None,
            }
        };
        self.push(window, row);
        Ok(())
    }

    fn slack_member(&mut self, c: &dyn Cells, b: &mut Builder, odd: &mut Odd) {
        let account = c.text("accounttype").map(|s| s.to_ascii_lowercase()).unwrap_or_default();
        if account.contains("bot") || account.contains("app") && !account.contains("guest") {
            odd.bots += 1;
            return;
        }
        let email = c.text("email").filter(|e| e.contains('@'));
        let id = c.text("userid");
        let name = c.text("name").or_else(|| c.text("displayname")).or_else(|| c.text("username"));
        let key = match (&email, &id, &name) {
            (Some(e), _, _) => format!("email:{}", norm_email(e)),
            (None, Some(i), _) => format!("slack:{i}"),
            (None, None, Some(n)) => format!("slack:{n}"),
            _ => {
                odd.no_user += 1;
                return;
            }
        };
        let title = c.text("whatido");
        let person = b.report_person(&key, name.as_deref(), email.as_deref(), false, title.as_deref());
        for col in ["accountcreatedutc", "accountcreated", "claimeddateutc", "claimeddate"] {
            if let Some(d) = c.text(col).and_then(|t| report_date(&t)).filter(|&d| possible_day(d)) {
                self.slack_created = Some(self.slack_created.map_or(d, |x| x.min(d)));
            }
        }
        let has = |col: &str| c.text(col).is_some();
        let in_channels = count(c, "messagespostedinchannels", odd);
        let all = count(c, "messagesposted", odd);
        let posted = if has("messagespostedinchannels") { in_channels } else { all };
        let mut other = false;
        for col in ["filesuploaded", "slackhuddles", "searches", "channelsjoined"] {
            other |= count(c, col, odd) > 0;
        }
        let deleted = c.text("deactivateddateutc").or_else(|| c.text("deactivateddate")).is_some_and(|t| t != "-");
        // The window comes from the file's name, when the whole file is read.
        self.push(
            (0, 0),
            ReportRow {
                person,
                deleted,
                posted,
                messages: all.max(posted),
                read: 0,
                reactions: count(c, "reactionsadded", odd),
                other,
                days_active: Some(count(c, "daysactive", odd)),
            },
        );
    }

    fn slack_day(&mut self, c: &dyn Cells, b: &mut Builder, odd: &mut Odd) {
        let Some(day) = c.text("date").and_then(|t| report_date(&t)) else {
            odd.no_window += 1;
            return;
        };
        if !possible_day(day) {
            odd.impossible_days += 1;
            return;
        }
        let email = c.text("emailaddress").or_else(|| c.text("email")).filter(|e| e.contains('@'));
        let key = match (&email, c.text("userid")) {
            (Some(e), _) => format!("email:{}", norm_email(e)),
            (None, Some(i)) => format!("slack:{i}"),
            _ => {
                odd.no_user += 1;
                return;
            }
        };
        let person = b.report_person(&key, None, email.as_deref(), false, None);
        let all = count(c, "messagespostedcount", odd);
        let posted = if c.text("channelmessagespostedcount").is_some() {
            count(c, "channelmessagespostedcount", odd)
        } else {
            all
        };
        b.daily_row(DailyRow {
            day,
            person,
            active: flag(c, "isactive"),
            posted,
            messages: all.max(posted),
            reactions: count(c, "reactionsaddedcount", odd),
        });
    }

    /// Hands the file's rows to the builder, once its windows are known.
    fn finish(self, e: &Entry, b: &mut Builder) -> Result<(), String> {
        match self.kind {
            ReportKind::SlackMembers => {
                let (from, to) = slack_window(e.file_name(), self.slack_created)?;
                let rows = self.windows.into_iter().flat_map(|(_, r)| r).collect();
                b.report_window(ReportWindow {
                    kind: self.kind,
                    from_day: from,
                    to_day: to,
                    file: self.file,
                    concealed: false,
                    rows,
                });
            }
            ReportKind::SlackOverview => {
                let dates: Vec<&str> = self.overview.iter().map(|(d, _)| d.as_str()).collect();
                let (days, ambiguous) = overview_days(&dates).ok_or_else(|| {
                    "its dates are not dates Clover reads (YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY)".to_string()
                })?;
                if ambiguous {
                    let file = self.file.replace('{', "(").replace('}', ")");
                    b.warnings.add(
                        format!("{file}: its dates read as well day-first as month-first; they were read day-first (DD/MM/YYYY)"),
                        1,
                    );
                }
                for ((_, mut d), day) in self.overview.into_iter().zip(days) {
                    d.day = day;
                    b.org_day(d);
                }
            }
            _ => {
                for ((from, to), rows) in self.windows {
                    b.report_window(ReportWindow {
                        kind: self.kind,
                        from_day: from,
                        to_day: to,
                        file: self.file.clone(),
                        concealed: self.concealed,
                        rows,
                    });
                }
            }
        }
        Ok(())
    }
}

/// A Microsoft 365 row's window: `[refresh − period + 1, refresh]`. `Ok(None)`: this row has
/// none (counted); Err: the file has no such columns at all.
fn microsoft_window(c: &dyn Cells, odd: &mut Odd) -> Result<Option<(i64, i64)>, String> {
    let refresh = c.text("reportrefreshdate");
    let period = c.text("reportperiod");
    if refresh.is_none() && period.is_none() {
        odd.no_window += 1;
        return Ok(None);
    }
    let to = refresh.as_deref().and_then(report_date);
    let days = period.as_deref().and_then(|p| {
        let p = p.trim().trim_start_matches(['D', 'd']);
        p.parse::<i64>().ok().filter(|&n| (1..=3660).contains(&n))
    });
    match (to, days) {
        (Some(to), Some(days)) if possible_day(to) && possible_day(to - days + 1) => Ok(Some((to - days + 1, to))),
        (Some(_), Some(_)) => {
            odd.impossible_days += 1;
            Ok(None)
        }
        _ => {
            odd.no_window += 1;
            Ok(None)
        }
    }
}

/// The window of a Slack member analytics export, from its file name: `… Prior 30 Days -
/// Apr 17, 2026.csv` (the 30 days ending on that date), `… Mar 17, 2025 - Apr 17, 2026.csv`,
/// `… All time - Aug 16, 2023.csv` (from the earliest account in it).
pub fn slack_window(file_name: &str, earliest_account: Option<i64>) -> Result<(i64, i64), String> {
    let unreadable = || {
        "a Slack member analytics export whose name does not say its window (Slack writes it there, as in \"Acme Member Analytics Prior 30 Days - Apr 17, 2026.csv\"): give the file its downloaded name back, or export it again".to_string()
    };
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s).trim();
    // A browser's " (1)" after a second download.
    let stem = match stem.rsplit_once(" (") {
        Some((s, tail)) if tail.trim_end_matches(')').chars().all(|c| c.is_ascii_digit()) => s.trim(),
        _ => stem,
    };
    let (left, right) = stem.rsplit_once(" - ").ok_or_else(unreadable)?;
    let to = month_day_year(right).filter(|&d| possible_day(d)).ok_or_else(unreadable)?;
    let words: Vec<&str> = left.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    let n = lower.len();
    if n >= 3 && matches!(lower[n - 3].as_str(), "prior" | "last" | "past") && lower[n - 1].starts_with("day") {
        let days: i64 = lower[n - 2].parse().map_err(|_| unreadable())?;
        if !(1..=3660).contains(&days) {
            return Err(unreadable());
        }
        return Ok((to - days + 1, to));
    }
    if n >= 2 && lower[n - 2] == "all" && lower[n - 1] == "time" {
        let from = earliest_account.ok_or_else(|| {
            "an \"All time\" Slack member analytics export without account creation dates, so where its window starts is unknown: export it with the Account created column, or for a stated period".to_string()
        })?;
        return Ok((from.min(to), to));
    }
    if n >= 3 {
        if let Some(from) = month_day_year(&words[n - 3..].join(" ")) {
            if from <= to && possible_day(from) {
                return Ok((from, to));
            }
        }
    }
    Err(unreadable())
}

/// The days of a Slack overview's dates, read as one file writes them: `YYYY-MM-DD`, or
/// `DD/MM/YYYY` or `MM/DD/YYYY` — whichever reads every date, and when both do, whichever
/// makes the rows consecutive days. `None` when no reading reads them all; the flag says
/// both readings remained (day-first was taken).
pub fn overview_days(dates: &[&str]) -> Option<(Vec<i64>, bool)> {
    if let Some(v) = dates.iter().map(|d| report_date(d)).collect::<Option<Vec<i64>>>() {
        return Some((v, false));
    }
    let slashed = |d: &str, day_first: bool| -> Option<i64> {
        let parts: Vec<&str> = d.trim().split(['/', '.']).collect();
        let [a, b, y] = parts.as_slice() else { return None };
        let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
        let y: i64 = y.get(..4).unwrap_or(y).parse().ok()?;
        let (d, m) = if day_first { (a, b) } else { (b, a) };
        civil::date_of(y, m, d)
    };
    let read = |day_first: bool| dates.iter().map(|d| slashed(d, day_first)).collect::<Option<Vec<i64>>>();
    let consecutive = |v: &Vec<i64>| {
        let mut s = v.clone();
        s.sort_unstable();
        s.dedup();
        s.windows(2).all(|w| w[1] - w[0] == 1)
    };
    match (read(true), read(false)) {
        (Some(a), None) => Some((a, false)),
        (None, Some(b)) => Some((b, false)),
        (Some(a), Some(b)) => {
            if a == b {
                Some((a, false))
            } else {
                match (consecutive(&a), consecutive(&b)) {
                    (true, false) => Some((a, false)),
                    (false, true) => Some((b, false)),
                    _ => Some((a, true)),
                }
            }
        }
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::civil::days_from_civil;
    use crate::import::sniff::sniff;

    fn d(y: i64, m: u32, day: u32) -> i64 {
        days_from_civil(y, m, day)
    }

    #[test]
    fn reports_are_told_by_their_columns() {
        let k = |t: &str| kind_of(&sniff(t.as_bytes()));
        assert_eq!(
            k("Report Refresh Date,User Id,User Principal Name,Last Activity Date,Is Deleted,Deleted Date,Assigned Products,Team Chat Message Count,Private Chat Message Count,Call Count,Meeting Count,Has Other Action,Report Period\n"),
            Some(Kind::Report(ReportKind::TeamsUsers))
        );
        assert_eq!(
            k("\u{feff}Report Refresh Date,User Principal Name,Display Name,User State,State Change Date,Last Activity Date,Posted Count,Read Count,Liked Count,Assigned Products,Report Period\r\n"),
            Some(Kind::Report(ReportKind::VivaEngageUsers))
        );
        assert_eq!(
            k("Report Refresh Date,Group Display Name,Is Deleted,Owner Principal Name,Last Activity Date,Group Type,Office 365 Connected,Member Count,Posted Count,Read Count,Liked Count,Report Period\n"),
            Some(Kind::Report(ReportKind::VivaEngageGroups))
        );
        assert_eq!(
            k("Name,What I Do,User ID,Email,Account type,Days active,Messages posted,Messages posted in channels,Reactions added\n"),
            Some(Kind::Report(ReportKind::SlackMembers))
        );
        assert_eq!(
            k("Date,Total enabled membership,Daily active members,Weekly active members,Messages in public channels\n"),
            Some(Kind::Report(ReportKind::SlackOverview))
        );
        assert_eq!(
            k(
                r#"{"@odata.context": "x", "value": [{"reportRefreshDate": "2017-09-01", "userPrincipalName": "a@b", "teamChatMessageCount": 0, "privateChatMessageCount": 49}]}"#
            ),
            Some(Kind::Report(ReportKind::TeamsUsers))
        );
        assert_eq!(
            k("{\"enterprise_id\":\"E1\",\"date\":\"2026-04-17\",\"user_id\":\"W1\",\"email_address\":\"a@b.c\",\"is_active\":true,\"messages_posted_count\":3}\n{\"date\":\"2026-04-17\"}\n"),
            Some(Kind::Report(ReportKind::SlackDaily))
        );
        // Another Microsoft report, and a roster, are not these.
        assert_eq!(k("Report Refresh Date,User Id,User Principal Name,Used Web,Used iOS,Report Period\n"), None);
        assert!(hint(&sniff(b"Report Refresh Date,User Principal Name,Used Web,Report Period\n")).is_some());
        assert_eq!(k("Email,Name,Department\n"), None);
    }

    #[test]
    fn slack_windows_come_from_the_file_name() {
        assert_eq!(
            slack_window("Acme Member Analytics Prior 30 Days - Apr 17, 2026.csv", None),
            Ok((d(2026, 3, 19), d(2026, 4, 17)))
        );
        assert_eq!(
            slack_window(
                "exports/Acme Member Analytics Mar 17, 2025 - Apr 17, 2026 (1).csv".rsplit('/').next().unwrap(),
                None
            ),
            Ok((d(2025, 3, 17), d(2026, 4, 17)))
        );
        assert_eq!(
            slack_window("Acme Member Analytics All time - Aug 16, 2023.csv", Some(d(2019, 5, 2))),
            Ok((d(2019, 5, 2), d(2023, 8, 16)))
        );
        assert!(slack_window("Acme Member Analytics All time - Aug 16, 2023.csv", None)
            .unwrap_err()
            .contains("All time"));
        assert!(slack_window("members.csv", None).unwrap_err().contains("name does not say its window"));
        assert!(slack_window("Acme - Feb 31, 2026.csv", None).is_err());
    }

    #[test]
    fn overview_dates_are_read_as_the_file_writes_them() {
        assert_eq!(overview_days(&["2024-03-01", "2024-03-02"]), Some((vec![d(2024, 3, 1), d(2024, 3, 2)], false)));
        // 13/03 can only be day-first.
        assert_eq!(overview_days(&["12/03/2024", "13/03/2024"]).unwrap().0, vec![d(2024, 3, 12), d(2024, 3, 13)]);
        // 03/13 can only be month-first.
        assert_eq!(overview_days(&["03/12/2024", "03/13/2024"]).unwrap().0, vec![d(2024, 3, 12), d(2024, 3, 13)]);
        // Both read, but only month-first gives consecutive days.
        assert_eq!(
            overview_days(&["01/02/2024", "01/03/2024", "01/04/2024"]),
            Some((vec![d(2024, 1, 2), d(2024, 1, 3), d(2024, 1, 4)], false))
        );
        assert_eq!(overview_days(&["01/02/2024", "02/02/2024"]).unwrap().0, vec![d(2024, 2, 1), d(2024, 2, 2)]);
        assert_eq!(overview_days(&["05/06/2024"]), Some((vec![d(2024, 6, 5)], true)));
        assert_eq!(overview_days(&["yesterday"]), None);
    }

    #[test]
    fn concealed_names_are_32_hex_digits() {
        assert!(concealed_name("0439A166C614C2E8C7B4075DC4752054"));
        assert!(!concealed_name("ada@example.com"));
        assert!(!concealed_name("0439A166C614C2E8C7B4075DC475205"));
    }
}
