//! What an export can and cannot show. Some indicators need something an export may not
//! hold at all — replies, departments, leaders, a member list, a roster, private spaces —
//! and scoring them 0 would turn a gap in the data into a "next step" for the organisation.
//! The facts are read once per dataset ([`ExportFacts`]); an indicator the export cannot
//! measure is `no_data`, and the deck says once, on one slide, what this export cannot show
//! and which export would (`clover::Limit`).

use super::DataKind;
use crate::model::{Dataset, MessageKind, SpaceKind};

/// What the export holds, independent of any window or group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ExportFacts {
    /// A reply by a person (threads, or answers to another message).
    pub replies: bool,
    /// A reaction by a person.
    pub reactions: bool,
    /// Departments named for people.
    pub departments: bool,
    /// People (not bots) flagged as leaders.
    pub leaders: u64,
    /// The export lists its members (or a roster does), not only the people seen taking part.
    pub member_list: bool,
    /// A roster gives the workforce.
    pub roster: bool,
    /// A private channel or group (not a direct conversation).
    pub private_spaces: bool,
    /// Spaces other than direct conversations with a post or reply by a person (counted up
    /// to 2: one space is all that matters).
    pub spaces: u64,
}

impl ExportFacts {
    pub fn of(ds: &Dataset) -> ExportFacts {
        let human = |p: u32| ds.people.get(p as usize).is_some_and(|p| !p.bot);
        let m = &ds.messages;
        let mut replies = false;
        let mut space_seen: Vec<u32> = Vec::with_capacity(2);
        for i in 0..m.len() {
            let kind = m.kind[i];
            if !matches!(kind, MessageKind::Post | MessageKind::Reply) || !human(m.author[i]) {
                continue;
            }
            replies |= kind == MessageKind::Reply;
            let s = m.space[i];
            if space_seen.len() < 2
                && !space_seen.contains(&s)
                && ds.spaces.get(s as usize).is_some_and(|sp| sp.kind != SpaceKind::Direct)
            {
                space_seen.push(s);
            }
            if replies && space_seen.len() >= 2 {
                break;
            }
        }
        let reactions = ds.reactions.person.iter().any(|&p| human(p));
        ExportFacts {
            replies,
            reactions,
            departments: ds.people.iter().any(|p| !p.bot && p.department.is_some()),
            leaders: ds.people.iter().filter(|p| !p.bot && p.leader).count() as u64,
            member_list: ds.member_list,
            roster: ds.roster.is_some(),
            private_spaces: ds.spaces.iter().any(|s| s.kind != SpaceKind::Direct && !s.public),
            spaces: space_seen.len() as u64,
        }
    }

    /// Replies or reactions: what responses are made of.
    pub fn responses(&self) -> bool {
        self.replies || self.reactions
    }
}

/// Something an export cannot show. Serialised in snake_case (`"no_replies"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    /// No replies at all: answers cannot be measured.
    NoReplies,
    /// Neither replies nor reactions: no exchange between people can be measured.
    NoResponses,
    /// No departments: exchange across departments falls back to contribution across spaces.
    NoDepartments,
    /// Only one space: contribution across spaces cannot be measured either.
    OneSpace,
    /// No leaders identified.
    NoLeaders,
    /// Fewer leaders than the minimum group: their numbers are hidden.
    FewLeaders,
    /// Only the people seen taking part, no member list.
    NoMemberList,
    /// No roster: the workforce is unknown.
    NoRoster,
    /// Only public spaces: openness cannot be measured.
    OnlyPublicSpaces,
    /// Activity reports: totals per person, not who answered whom.
    NoExchanges,
    /// Activity reports with totals for the window, not week by week.
    NoWeeks,
    /// Activity reports that do not split messages between public and private channels.
    NoChannelTypes,
}

impl LimitKind {
    /// The serialised name (`"no_replies"`).
    pub fn id(self) -> &'static str {
        match self {
            LimitKind::NoReplies => "no_replies",
            LimitKind::NoResponses => "no_responses",
            LimitKind::NoDepartments => "no_departments",
            LimitKind::OneSpace => "one_space",
            LimitKind::NoLeaders => "no_leaders",
            LimitKind::FewLeaders => "few_leaders",
            LimitKind::NoMemberList => "no_member_list",
            LimitKind::NoRoster => "no_roster",
            LimitKind::OnlyPublicSpaces => "only_public_spaces",
            LimitKind::NoExchanges => "no_exchanges",
            LimitKind::NoWeeks => "no_weeks",
            LimitKind::NoChannelTypes => "no_channel_types",
        }
    }

    /// What the export cannot show, and why: one sentence, also each indicator's reason.
    pub fn text(self, min_group: usize) -> String {
        match self {
            LimitKind::NoReplies => {
                "This export has no replies, so whether posts get answered cannot be measured.".to_string()
            }
            LimitKind::NoResponses => {
                "This export has no replies or reactions, so exchanges between people cannot be measured.".to_string()
            }
            LimitKind::NoDepartments => "This export names no departments, so exchange across departments cannot be measured: Clover measures contribution across spaces instead.".to_string(),
            LimitKind::OneSpace => {
                "This export has one space, so neither exchange across departments nor contribution across spaces can be measured.".to_string()
            }
            LimitKind::NoLeaders => {
                "This export identifies no leaders, so the leadership leaf cannot be measured.".to_string()
            }
            LimitKind::FewLeaders => format!(
                "Fewer than {min_group} leaders are identified, so their numbers are hidden to protect their privacy."
            ),
            LimitKind::NoMemberList => "This export lists only the people seen taking part, not everyone with an account, so activation cannot be measured.".to_string(),
            LimitKind::NoRoster => {
                "No roster is loaded, so the size of the workforce, and the reach of the network in it, are unknown.".to_string()
            }
            LimitKind::OnlyPublicSpaces => "This export holds only public spaces, so openness (working in public rather than in private groups) cannot be measured.".to_string(),
            LimitKind::NoExchanges => "Activity reports count what each person did, not who answered whom, so replies and reactions between people cannot be measured.".to_string(),
            LimitKind::NoWeeks => "These activity reports give totals for the whole window, not week by week, so a weekly habit cannot be measured.".to_string(),
            LimitKind::NoChannelTypes => "These activity reports do not say which messages were in public channels, so openness (working in public rather than in private groups) cannot be measured.".to_string(),
        }
    }

    /// [`LimitKind::text`] for what the numbers come from: activity reports are not an export.
    pub fn text_for(self, min_group: usize, data: DataKind) -> String {
        match (self, data) {
            (LimitKind::NoLeaders, DataKind::Reports) => {
                "These activity reports identify no leaders, so the leadership leaf cannot be measured.".to_string()
            }
            _ => self.text(min_group),
        }
    }

    /// [`LimitKind::remedy`] for what the numbers come from.
    pub fn remedy_for(self, min_group: usize, data: DataKind) -> String {
        match (self, data) {
            (LimitKind::NoLeaders, DataKind::Reports) => "A roster with a leader column, joined to the reports by email, would identify leaders (so would job titles: Slack's member analytics has them).".to_string(),
            _ => self.remedy(min_group),
        }
    }

    /// Which export (or extra file) would show it.
    pub fn remedy(self, min_group: usize) -> String {
        match self {
            LimitKind::NoReplies => "An export with threads or replies would show it (Slack with thread replies, Teams, Viva Engage, Mattermost).".to_string(),
            LimitKind::NoResponses => "An export with replies or reactions would show them.".to_string(),
            LimitKind::NoDepartments => "A roster with a department column would show exchange across departments.".to_string(),
            LimitKind::OneSpace => {
                "An export of several channels, or a roster with a department column, would show it.".to_string()
            }
            LimitKind::NoLeaders => {
                "A roster with a leader column, or job titles in the export, would identify leaders.".to_string()
            }
            LimitKind::FewLeaders => {
                format!("A roster that flags at least {min_group} leaders would show their numbers as a group.")
            }
            LimitKind::NoMemberList => "An export with its member list (Slack's users.json, the Teams team lists, Mattermost's users) or a roster would show it.".to_string(),
            LimitKind::NoRoster => "A roster of the whole workforce (a CSV with one row per person) would show it.".to_string(),
            LimitKind::OnlyPublicSpaces => {
                "An export that includes private channels or groups (Slack's full export, for example) would show it.".to_string()
            }
            LimitKind::NoExchanges => "A message export of the same tool would show them (Slack's workspace export, Microsoft's Teams export, Viva Engage's network data export).".to_string(),
            LimitKind::NoWeeks => "Slack's analytics overview (one row per day) or its daily member files would show it.".to_string(),
            LimitKind::NoChannelTypes => "Slack's analytics overview, or Viva Engage's groups activity report, would show it.".to_string(),
        }
    }
}
