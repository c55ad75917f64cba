//! Rosters: an optional file describing the organisation (who is in which department,
//! where, with which title, who leads), and its total headcount — the workforce stage of
//! the adoption funnel. Documented in docs/formats.md.
//!
//! - CSV, columns read by header name (case, spaces, `_` and `-` do not matter), with
//!   aliases: `e-mail`/`mail`, `dept`, `office`/`site`, `job title`/`position`,
//!   `is_leader`/`executive`, `employee id`… The headcount comes from a `headcount`
//!   column's value in any row (a row may hold only that), else from the number of rows.
//! - JSON: `{"format": "clover-roster", "version": 1, "headcount": N, "people": [{…}]}`,
//!   or a plain list of objects with the same keys (and aliases).
//!
//! Rows are handed to the builder, which joins them to people (email, then id, then
//! exact name) when the dataset is finished, whatever order the files came in.

use std::borrow::Cow;

use super::entry::{Entry, Report};
use super::json;
use super::sniff::{strip_bom, Shape};
use crate::model::{Builder, PersonInfo, RosterRow};

/// The value of `format` in a JSON roster object.
pub const FORMAT: &str = "clover-roster";

/// A roster column (or JSON key), after aliases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Col {
    Email,
    Id,
    Name,
    FirstName,
    LastName,
    Department,
    Location,
    Title,
    Leader,
    Headcount,
    /// The day the person started: their join date (`docs/metrics.md`, "Members over time").
    StartDate,
}

/// Header names, normalised (lowercase letters and digits only), for each column.
const ALIASES: &[(Col, &[&str])] = &[
    (Col::Email, &["email", "emailaddress", "mail", "workemail", "primaryemail", "userprincipalname", "upn"]),
    (
        Col::Id,
        &[
            "id",
            "employeeid",
            "employeenumber",
            "employeeno",
            "empid",
            "staffid",
            "staffnumber",
            "userid",
            "personid",
            "personnelnumber",
        ],
    ),
    (Col::Name, &["name", "fullname", "displayname", "employeename", "employee", "realname"]),
    (Col::FirstName, &["firstname", "givenname", "forename"]),
    (Col::LastName, &["lastname", "surname", "familyname"]),
    (
        Col::Department,
        &[
            "department",
            "dept",
            "division",
            "team",
            "businessunit",
            "unit",
            "function",
            "orgunit",
            "organisation",
            "organization",
        ],
    ),
    (
        Col::Location,
        &["location", "office", "site", "city", "country", "region", "officelocation", "worklocation", "workplace"],
    ),
    (Col::Title, &["title", "jobtitle", "position", "role", "jobrole", "designation"]),
    (
        Col::Leader,
        &[
            "leader",
            "isleader",
            "executive",
            "isexecutive",
            "exec",
            "isexec",
            "leadership",
            "seniorleader",
            "isseniorleader",
        ],
    ),
    (Col::Headcount, &["headcount", "totalheadcount", "workforce", "totalemployees"]),
    (
        Col::StartDate,
        &[
            "startdate",
            "start",
            "hiredate",
            "hired",
            "dateofhire",
            "joindate",
            "joined",
            "joinedat",
            "datejoined",
            "employmentstartdate",
            "startedon",
        ],
    ),
];

fn normalise(h: &str) -> String {
    h.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Which column a header (or JSON key) names.
pub fn column_of(header: &str) -> Option<Col> {
    let n = normalise(header);
    ALIASES.iter().find(|(_, names)| names.contains(&n.as_str())).map(|(c, _)| *c)
}

/// A roster needs someone to join (email, id or name) and something to say about them.
fn looks_like_roster<'a>(headers: impl Iterator<Item = &'a str>) -> bool {
    let cols: Vec<Col> = headers.filter_map(column_of).collect();
    let who = cols.iter().any(|c| matches!(c, Col::Email | Col::Id | Col::Name | Col::FirstName));
    let what = cols.iter().any(|c| matches!(c, Col::Department | Col::Location | Col::Title | Col::Leader));
    who && what
}

pub fn recognise(shape: &Shape) -> bool {
    match shape {
        Shape::Csv { headers } => looks_like_roster(headers.iter().map(String::as_str)),
        Shape::Object { .. } => shape.str_value("format").map(str::trim) == Some(FORMAT),
        Shape::Array { first_keys, .. } => looks_like_roster(first_keys.iter().map(String::as_str)),
        Shape::Unknown(_) => false,
    }
}

pub fn import(files: Vec<(Shape, Entry)>, b: &mut Builder, r: &mut Report) {
    let mut odd = Odd::default();
    for (shape, e) in files {
        let Some(data) = r.data(&e) else { continue };
        let result = match shape {
            Shape::Csv { .. } => read_csv(&data, b, &mut odd),
            _ => read_json(&data, b, &mut odd),
        };
        match result {
            Ok(()) => r.loaded += 1,
            Err(msg) => r.error(&e.display, msg),
        }
    }
    odd.report(b);
}

/// Odd-but-usable rows, turned into counted warnings.
#[derive(Default)]
struct Odd {
    no_key: u64,
    leader_value: u64,
    headcount_value: u64,
    headcount_below_rows: u64,
    unreadable: u64,
    start_date_value: u64,
}

impl Odd {
    fn report(&self, b: &mut Builder) {
        let w = &mut b.warnings;
        w.add("{n} roster row{s} {has|have} no email, id or name and {was|were} skipped", self.no_key);
        w.add(
            "{n} roster leader value{s} {is|are} not yes/no, true/false or 1/0; {it was|they were} read as no",
            self.leader_value,
        );
        w.add(
            "{n} roster headcount value{s} {is not a whole number|are not whole numbers} and {was|were} ignored",
            self.headcount_value,
        );
        w.add(
            "{n} roster{s} {states|state} a headcount smaller than the people {it lists|they list}; the number of people listed was used",
            self.headcount_below_rows,
        );
        w.add("{n} roster row{s} could not be read and {was|were} skipped", self.unreadable);
        w.add(
            "{n} roster start date{s} {is|are} not a date like 2024-03-14 and {was|were} ignored",
            self.start_date_value,
        );
    }
}

/// A leader flag as rosters spell it. `None` for a value that is not understood.
pub fn parse_leader(v: &str) -> Option<bool> {
    match v.trim().to_lowercase().as_str() {
        "" | "no" | "n" | "false" | "f" | "0" | "-" | "non-leader" | "none" => Some(false),
        "yes" | "y" | "true" | "t" | "1" | "x" | "✓" | "✔" | "leader" | "exec" | "executive" => Some(true),
        _ => None,
    }
}

/// A headcount: digits, with `,`, `_`, spaces or apostrophes as thousands separators.
fn parse_count(v: &str) -> Option<u64> {
    let digits: String = v.trim().chars().filter(|c| !matches!(c, ',' | '_' | ' ' | '\'' | '\u{a0}')).collect();
    if digits.is_empty() {
        return None;
    }
    digits.parse().ok()
}

/// Collects the rows of one roster file, then hands them to the builder.
#[derive(Default)]
struct Rows {
    people: u64,
    headcount: Option<u64>,
}

impl Rows {
    /// One row, its cells looked up by column. `has_leader`: the file has a leader column.
    fn row<'v>(&mut self, get: impl Fn(Col) -> Option<Cow<'v, str>>, has_leader: bool, b: &mut Builder, odd: &mut Odd) {
        let cell = |c: Col| get(c).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        if let Some(h) = cell(Col::Headcount) {
            match parse_count(&h) {
                Some(n) => self.headcount = Some(self.headcount.unwrap_or(0).max(n)),
                None => odd.headcount_value += 1,
            }
        }
        let name = cell(Col::Name).or_else(|| {
            let full = [cell(Col::FirstName), cell(Col::LastName)].into_iter().flatten().collect::<Vec<_>>().join(" ");
            (!full.is_empty()).then_some(full)
        });
        let email = cell(Col::Email);
        let id = cell(Col::Id);
        let leader = if has_leader {
            let v = get(Col::Leader).unwrap_or_default();
            Some(parse_leader(&v).unwrap_or_else(|| {
                odd.leader_value += 1;
                false
            }))
        } else {
            None
        };
        let joined_ms = cell(Col::StartDate).and_then(|v| {
            let t = crate::civil::parse_timestamp(&v);
            odd.start_date_value += t.is_none() as u64;
            t
        });
        let info = PersonInfo {
            name,
            title: cell(Col::Title),
            department: cell(Col::Department),
            location: cell(Col::Location),
            leader,
            joined_ms,
            ..Default::default()
        };
        if email.is_none() && id.is_none() && info.name.is_none() {
            // A row that only states the headcount (or is blank) is not a person.
            let says_something = info.title.is_some() || info.department.is_some() || info.location.is_some();
            if says_something {
                odd.no_key += 1;
            }
            return;
        }
        self.people += 1;
        b.roster_row(RosterRow { id, email, info });
    }

    fn finish(self, b: &mut Builder, odd: &mut Odd) {
        if let Some(h) = self.headcount {
            if h < self.people {
                odd.headcount_below_rows += 1;
            }
            b.roster_headcount(h.max(self.people));
        }
    }
}

fn read_csv(bytes: &[u8], b: &mut Builder, odd: &mut Odd) -> Result<(), String> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(strip_bom(bytes));
    let headers = rdr.byte_headers().map_err(|e| format!("the header line cannot be read: {e}"))?.clone();
    let mut index: Vec<(Col, usize)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if let Some(c) = column_of(&String::from_utf8_lossy(h)) {
            // The first column of each kind wins.
            if !index.iter().any(|(k, _)| *k == c) {
                index.push((c, i));
            }
        }
    }
    let has_leader = index.iter().any(|(c, _)| *c == Col::Leader);
    let mut rows = Rows::default();
    let mut record = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => {
                odd.unreadable += 1;
                // A broken quote swallows the rest of the file; an I/O error ends it.
                if rdr.is_done() {
                    break;
                }
                continue;
            }
        }
        let rec = &record;
        let get = |c: Col| {
            let i = index.iter().find(|(k, _)| *k == c)?.1;
            rec.get(i).map(|v| Cow::Owned(String::from_utf8_lossy(v).into_owned()))
        };
        rows.row(get, has_leader, b, odd);
    }
    rows.finish(b, odd);
    Ok(())
}

fn read_json(bytes: &[u8], b: &mut Builder, odd: &mut Odd) -> Result<(), String> {
    let doc: serde_json::Value = json::parse(bytes)?;
    let (list, headcount) = match &doc {
        serde_json::Value::Array(list) => (list.as_slice(), None),
        serde_json::Value::Object(o) => {
            match o.get("format").and_then(|f| f.as_str()).map(str::trim) {
                Some(FORMAT) => {}
                _ => return Err("a JSON object without \"format\": \"clover-roster\" is not a roster".into()),
            }
            match o.get("version") {
                None => {}
                Some(v) if v.as_u64() == Some(1) => {}
                Some(v) if v.as_u64().is_some_and(|v| v > 1) => {
                    return Err(format!(
                        "this is Clover roster version {v}, newer than this Clover reads (version 1); update Clover"
                    ))
                }
                Some(v) => {
                    return Err(format!("\"version\": {v} is not a Clover roster version (this Clover reads 1)"))
                }
            }
            let people = match o.get("people") {
                None | Some(serde_json::Value::Null) => &[][..],
                Some(serde_json::Value::Array(a)) => a.as_slice(),
                Some(_) => return Err("\"people\" must be a list of objects".into()),
            };
            (people, o.get("headcount"))
        }
        _ => return Err("a roster is a JSON list of people, or an object with \"format\": \"clover-roster\"".into()),
    };
    let mut rows = Rows::default();
    if let Some(h) = headcount {
        match value_text(h).as_deref().and_then(parse_count) {
            Some(n) => rows.headcount = Some(n),
            None if h.is_null() => {}
            None => odd.headcount_value += 1,
        }
    }
    for item in list {
        let Some(obj) = item.as_object() else {
            odd.unreadable += 1;
            continue;
        };
        let cols: Vec<(Col, &serde_json::Value)> = obj.iter().filter_map(|(k, v)| Some((column_of(k)?, v))).collect();
        let has_leader = cols.iter().any(|(c, _)| *c == Col::Leader);
        let get = |c: Col| cols.iter().find(|(k, _)| *k == c).and_then(|(_, v)| value_text(v)).map(Cow::Owned);
        rows.row(get, has_leader, b, odd);
    }
    rows.finish(b, odd);
    Ok(())
}

/// A JSON value as roster text: strings as they are, numbers and booleans spelled out.
fn value_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sniff::sniff;

    #[test]
    fn aliases() {
        assert_eq!(column_of("E-mail"), Some(Col::Email));
        assert_eq!(column_of("Job Title"), Some(Col::Title));
        assert_eq!(column_of("job_title"), Some(Col::Title));
        assert_eq!(column_of("Employee ID"), Some(Col::Id));
        assert_eq!(column_of("is_leader"), Some(Col::Leader));
        assert_eq!(column_of("Office"), Some(Col::Location));
        assert_eq!(column_of("Dept."), Some(Col::Department));
        assert_eq!(column_of("manager"), None);
    }

    #[test]
    fn recognition() {
        assert!(recognise(&sniff(b"Email,Department\na@x,Sales\n")));
        assert!(recognise(&sniff(b"name,office\n")));
        assert!(!recognise(&sniff(b"email,phone\n")));
        assert!(!recognise(&sniff(b"department,location\n")));
        assert!(recognise(&sniff(br#"{"format": "clover-roster", "headcount": 10}"#)));
        assert!(recognise(&sniff(br#"[{"email": "a@x", "title": "CEO"}]"#)));
        assert!(!recognise(&sniff(br#"[{"id": "U1", "name": "a", "profile": {}}]"#)));
    }

    #[test]
    fn flags_and_counts() {
        assert_eq!(parse_leader("Yes"), Some(true));
        assert_eq!(parse_leader(""), Some(false));
        assert_eq!(parse_leader("maybe"), None);
        assert_eq!(parse_count("2,000"), Some(2000));
        assert_eq!(parse_count("lots"), None);
    }
}
