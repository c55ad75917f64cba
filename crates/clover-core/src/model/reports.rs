//! Activity reports: what admins download in a minute (Microsoft 365 usage reports, Slack
//! analytics), with totals per person over a window, never messages.
//!
//! They are kept apart from the message model on purpose: a report's people are not the
//! message export's people, and nothing of the message analysis may count them. A report
//! holds no replies, no reactions to anyone and no times, only what each person did in the
//! window — including reading, which no message export shows.

/// The product a report comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Product {
    Teams,
    VivaEngage,
    Slack,
}

impl Product {
    /// The name people know it by.
    pub fn name(self) -> &'static str {
        match self {
            Product::Teams => "Microsoft Teams",
            Product::VivaEngage => "Viva Engage",
            Product::Slack => "Slack",
        }
    }
    /// The prefix of its people's keys when they cannot be keyed by email (`teams:…`).
    pub fn id(self) -> &'static str {
        match self {
            Product::Teams => "teams",
            Product::VivaEngage => "vivaengage",
            Product::Slack => "slack",
        }
    }
}

/// Which report a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// Microsoft Teams user activity, user detail (`getTeamsUserActivityUserDetail`).
    TeamsUsers,
    /// Viva Engage activity, user detail (`getYammerActivityUserDetail`).
    VivaEngageUsers,
    /// Viva Engage groups activity detail (`getYammerGroupsActivityDetail`).
    VivaEngageGroups,
    /// Slack › Analytics › Members, exported as CSV.
    SlackMembers,
    /// Slack › Analytics › Overview, exported as CSV: one row per day.
    SlackOverview,
    /// Slack's `admin.analytics.getFile` member analytics: one line per member and day.
    SlackDaily,
}

impl ReportKind {
    pub fn product(self) -> Product {
        match self {
            ReportKind::TeamsUsers => Product::Teams,
            ReportKind::VivaEngageUsers | ReportKind::VivaEngageGroups => Product::VivaEngage,
            ReportKind::SlackMembers | ReportKind::SlackOverview | ReportKind::SlackDaily => Product::Slack,
        }
    }
    /// What it is called, as its product's admin pages call it.
    pub fn name(self) -> &'static str {
        match self {
            ReportKind::TeamsUsers => "Microsoft Teams user activity report",
            ReportKind::VivaEngageUsers => "Viva Engage activity report",
            ReportKind::VivaEngageGroups => "Viva Engage groups activity report",
            ReportKind::SlackMembers => "Slack member analytics",
            ReportKind::SlackOverview => "Slack analytics overview",
            ReportKind::SlackDaily => "Slack daily member analytics",
        }
    }
}

/// A person as the reports know them. People of different products are the same person when
/// their reports give the same email or user principal name (their key is then
/// `email:<address>`); otherwise the key is the product's own (`teams:<hash>`, `slack:U123`).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct ReportPerson {
    pub key: String,
    pub name: String,
    pub email: Option<String>,
    /// The report hides who this is: its user principal name and display name are hashes
    /// (Microsoft 365's default). Such a person cannot be joined to a roster or another report.
    pub concealed: bool,
    pub title: Option<String>,
    /// Index into [`super::Dataset::strings`] (from a roster).
    pub department: Option<u32>,
    pub location: Option<u32>,
    pub leader: bool,
}

/// What one person did in one report's window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ReportRow {
    /// Index into [`Reports::people`].
    pub person: u32,
    /// The account was deleted or deactivated (Teams `Is Deleted`, Viva Engage `User State`
    /// deleted, a Slack deactivation date).
    pub deleted: bool,
    /// Posts and replies in channels and communities: what makes a contributor.
    pub posted: u64,
    /// Messages of any kind, private chats and direct messages included.
    pub messages: u64,
    /// Conversations read (Viva Engage).
    pub read: u64,
    /// Reactions and likes given.
    pub reactions: u64,
    /// Other activity the report counts: calls, meetings, "other actions", a day active.
    pub other: bool,
    /// Days with any activity in the window (Slack), when the report gives them.
    pub days_active: Option<u64>,
}

impl ReportRow {
    /// Any activity at all, reading included.
    pub fn active(&self) -> bool {
        self.posted > 0
            || self.messages > 0
            || self.read > 0
            || self.reactions > 0
            || self.other
            || self.days_active.is_some_and(|d| d > 0)
    }
}

/// One report file's rows for one window (inclusive UTC days).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ReportWindow {
    pub kind: ReportKind,
    pub from_day: i64,
    pub to_day: i64,
    /// The file it was read from, as the import names it.
    pub file: String,
    /// Its people's names are concealed (hashes).
    pub concealed: bool,
    /// One row per person, in file order.
    pub rows: Vec<ReportRow>,
}

/// One day of the Slack analytics overview (the whole workspace).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct OrgDay {
    pub day: i64,
    /// Total enabled membership.
    pub members: Option<u64>,
    pub daily_active: Option<u64>,
    pub daily_posting: Option<u64>,
    /// Members active in the 7 days ending this day.
    pub weekly_active: Option<u64>,
    /// Members who posted in the 7 days ending this day.
    pub weekly_posting: Option<u64>,
    pub public_messages: Option<u64>,
    pub private_messages: Option<u64>,
    pub shared_messages: Option<u64>,
    pub direct_messages: Option<u64>,
}

/// One Viva Engage community's activity in a window.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ReportGroup {
    pub from_day: i64,
    pub to_day: i64,
    pub name: String,
    pub deleted: bool,
    /// `Some(true)` public, `Some(false)` private, `None` when the report does not say.
    pub public: Option<bool>,
    pub members: u64,
    pub posted: u64,
    pub read: u64,
    pub liked: u64,
}

/// One member's day in Slack's daily member analytics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct DailyRow {
    pub day: i64,
    /// Index into [`Reports::people`].
    pub person: u32,
    pub active: bool,
    /// Messages in channels (what makes a contributor).
    pub posted: u64,
    /// Messages of any kind.
    pub messages: u64,
    pub reactions: u64,
}

/// Everything the activity reports of an import hold.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Reports {
    pub people: Vec<ReportPerson>,
    /// One per file and window, sorted by window (end, then start), then kind and file.
    pub windows: Vec<ReportWindow>,
    /// Slack overview days, sorted, one per day.
    pub org_days: Vec<OrgDay>,
    pub groups: Vec<ReportGroup>,
    /// Sorted by day, then person; one per person and day.
    pub daily: Vec<DailyRow>,
    /// The files of each kind, as the import names them (for notes).
    pub files: Vec<(ReportKind, String)>,
}

impl Reports {
    /// Whether any report holds people (a member report or daily files): what the funnel needs.
    pub fn has_people(&self) -> bool {
        !self.windows.is_empty() || !self.daily.is_empty()
    }
    /// Whether any person's name is concealed.
    pub fn concealed(&self) -> bool {
        self.people.iter().any(|p| p.concealed)
    }
    /// The products the reports come from, in order.
    pub fn products(&self) -> Vec<Product> {
        let mut v: Vec<Product> = self.files.iter().map(|(k, _)| k.product()).collect();
        v.sort();
        v.dedup();
        v
    }
}
