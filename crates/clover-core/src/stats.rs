//! The load summary: what an import produced, counted by the rules in docs/formats.md.
//! The CLI's `import --json` and the app's Data view both print this.

use crate::civil::format_iso;
use crate::import::{FileError, ImportResult};
use crate::model::{Dataset, Format, MessageKind};

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ImportSummary {
    pub formats: Vec<String>,
    /// Human accounts, deactivated ones included.
    pub people: u64,
    pub bots: u64,
    /// Deactivated people (humans).
    pub deactivated: u64,
    pub spaces: u64,
    pub posts: u64,
    pub replies: u64,
    pub reactions: u64,
    pub mentions: u64,
    pub system_messages: u64,
    pub bot_messages: u64,
    /// ISO 8601 UTC of the earliest and latest message.
    pub first: Option<String>,
    pub last: Option<String>,
    pub files_loaded: u64,
    /// The export lists its members (or a roster does); without a list, members are the
    /// people seen taking part.
    #[serde(default = "yes")]
    pub member_list: bool,
    /// Where members' join dates come from, and for how many people (docs/metrics.md,
    /// "Members over time"); empty: everyone is a member from the start of the data.
    #[serde(default)]
    pub join_dates: Vec<JoinDates>,
    /// The activity reports read, one per report and window (`docs/formats.md`).
    #[serde(default)]
    pub reports: Vec<ReportFile>,
    pub warnings: Vec<String>,
    pub errors: Vec<FileError>,
}

fn yes() -> bool {
    true
}

/// One activity report read: which, from which file, its window and how many people it lists.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReportFile {
    /// What the report is (`Microsoft Teams user activity report`).
    pub report: String,
    pub file: String,
    /// `YYYY-MM-DD`, inclusive.
    pub from: String,
    pub to: String,
    /// People it lists (none for the Slack overview and Viva Engage groups).
    pub people: u64,
    /// Its names are concealed (Microsoft 365's default).
    pub concealed: bool,
}

/// People given a join date by one source.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct JoinDates {
    /// What the dates are, in the export's words ("Slack: each person's first channel join").
    pub source: String,
    pub people: u64,
}

/// What each format's join dates are.
fn join_source(f: Format) -> &'static str {
    match f {
        Format::Clover => "Clover JSON: each person's joined date",
        Format::Slack => "Slack: each person's first channel join",
        Format::Teams => "Microsoft Teams: account creation and members added",
        Format::Yammer => "Viva Engage: activation and joined dates",
        Format::Mattermost => "Mattermost: account creation and team or channel joins",
        Format::Discord => "Discord: server join messages",
        Format::Roster => "Roster: start dates",
        Format::Reports => "Activity reports",
    }
}

pub fn counts(ds: &Dataset) -> ImportSummary {
    let mut s = ImportSummary {
        formats: ds.formats.iter().map(|f| f.id().to_string()).collect(),
        spaces: ds.spaces.len() as u64,
        mentions: ds.mentions.len() as u64,
        ..Default::default()
    };
    for p in &ds.people {
        if p.bot {
            s.bots += 1;
        } else {
            s.people += 1;
            s.deactivated += p.deactivated as u64;
        }
    }
    for k in &ds.messages.kind {
        match k {
            MessageKind::Post => s.posts += 1,
            MessageKind::Reply => s.replies += 1,
            MessageKind::System => s.system_messages += 1,
            MessageKind::Bot => s.bot_messages += 1,
        }
    }
    // Reactions by people only: a bot's reaction is not engagement.
    s.reactions = ds.reactions.person.iter().filter(|&&p| !ds.people[p as usize].bot).count() as u64;
    s.member_list = ds.member_list;
    for f in &ds.formats {
        let people = if *f == Format::Roster {
            ds.roster.as_ref().map_or(0, |r| r.start_dates)
        } else {
            let prefix = format!("{}:", f.id());
            ds.people.iter().filter(|p| !p.bot && p.joined_ms.is_some() && p.key.starts_with(&prefix)).count() as u64
        };
        if people > 0 {
            s.join_dates.push(JoinDates { source: join_source(*f).to_string(), people });
        }
    }
    s.first = ds.messages.time.first().map(|&t| format_iso(t));
    s.last = ds.messages.time.last().map(|&t| format_iso(t));
    if let Some(r) = &ds.reports {
        report_files(r, &mut s);
        if ds.people.is_empty() {
            // Reports alone: their people, and the days they cover.
            s.people = r.people.len() as u64;
            let day = |d: i64| format_iso(d * crate::civil::MS_PER_DAY);
            let first = s.reports.iter().map(|f| f.from.clone()).min();
            let last = s.reports.iter().map(|f| f.to.clone()).max();
            s.first = first.and_then(|f| crate::civil::parse_date(&f)).map(day);
            s.last = last.and_then(|l| crate::civil::parse_date(&l)).map(day);
        }
    }
    s
}

/// The load summary's lines for each report read.
fn report_files(r: &crate::model::Reports, s: &mut ImportSummary) {
    use crate::model::ReportKind;
    let date = |d: i64| crate::civil::format_date(d * crate::civil::MS_PER_DAY);
    let files_of = |k: ReportKind| {
        let v: Vec<&str> = r.files.iter().filter(|(x, _)| *x == k).map(|(_, f)| f.as_str()).collect();
        v.join(" + ")
    };
    for w in &r.windows {
        s.reports.push(ReportFile {
            report: w.kind.name().to_string(),
            file: w.file.clone(),
            from: date(w.from_day),
            to: date(w.to_day),
            people: w.rows.len() as u64,
            concealed: w.concealed,
        });
    }
    let mut groups: Vec<(i64, i64)> = r.groups.iter().map(|g| (g.from_day, g.to_day)).collect();
    groups.dedup();
    for (from, to) in groups {
        s.reports.push(ReportFile {
            report: ReportKind::VivaEngageGroups.name().to_string(),
            file: files_of(ReportKind::VivaEngageGroups),
            from: date(from),
            to: date(to),
            people: 0,
            concealed: false,
        });
    }
    if let (Some(a), Some(b)) = (r.org_days.first(), r.org_days.last()) {
        s.reports.push(ReportFile {
            report: ReportKind::SlackOverview.name().to_string(),
            file: files_of(ReportKind::SlackOverview),
            from: date(a.day),
            to: date(b.day),
            people: 0,
            concealed: false,
        });
    }
    if let (Some(a), Some(b)) = (r.daily.first(), r.daily.last()) {
        let mut people: Vec<u32> = r.daily.iter().map(|d| d.person).collect();
        people.sort_unstable();
        people.dedup();
        s.reports.push(ReportFile {
            report: ReportKind::SlackDaily.name().to_string(),
            file: files_of(ReportKind::SlackDaily),
            from: date(a.day),
            to: date(b.day),
            people: people.len() as u64,
            concealed: false,
        });
    }
}

impl ImportSummary {
    /// Who the members are and from when, in one sentence for the Data view.
    pub fn membership(&self) -> String {
        use crate::words::{count, list, plural};

        if !self.reports.is_empty() && self.posts + self.replies == 0 {
            return "Members are the people the activity reports of a window list, less accounts deleted by then with no activity in the window; people of different reports of one window are one person when their reports give the same email.".to_string();
        }

        let who = if self.member_list {
            "Members are the people on the export's member list (or roster)"
        } else {
            "This export has no member list, so members are the people seen taking part"
        };
        if self.join_dates.is_empty() {
            format!(
                "{who}. It gives no join dates, so everyone counts as a member from the start of the data (or from their first post, reply or reaction, if earlier)."
            )
        } else {
            let sources: Vec<String> = self
                .join_dates
                .iter()
                .map(|j| {
                    format!("{} ({} of the {})", j.source, count(j.people), plural(self.people, "person", "people"))
                })
                .collect();
            format!(
                "{who}. Join dates come from {}; the others count as members from the start of the data, and nobody later than their first post, reply or reaction.",
                list(&sources)
            )
        }
    }
}

pub fn summarize(r: &ImportResult) -> ImportSummary {
    let mut s = counts(&r.dataset);
    s.files_loaded = r.files_loaded as u64;
    s.warnings = r.warnings.clone();
    s.errors = r.errors.clone();
    s
}
