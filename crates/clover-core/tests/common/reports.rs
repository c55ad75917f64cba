//! Activity reports written as their products write them, for the importer, analysis and
//! sentence tests: Microsoft Teams and Viva Engage user detail (CSV in the documented column
//! order and in the order a real 2022 export used; Graph's beta JSON), Viva Engage groups,
//! Slack member analytics and the Slack overview.

/// One person's row of a Teams user activity report.
#[derive(Clone, Debug, Default)]
pub struct Teams {
    pub upn: String,
    pub deleted: bool,
    pub team_chat: u64,
    pub private_chat: u64,
    pub posts: u64,
    pub replies: u64,
    pub calls: u64,
    pub meetings: u64,
    pub other: bool,
}

/// The columns of `getTeamsUserActivityUserDetail` as Microsoft documents them.
pub const TEAMS_DOCUMENTED: &[&str] = &[
    "Report Refresh Date",
    "Tenant Display Name",
    "Shared Channel Tenant Display Names",
    "User Id",
    "User Principal Name",
    "Last Activity Date",
    "Is Deleted",
    "Deleted Date",
    "Assigned Products",
    "Team Chat Message Count",
    "Private Chat Message Count",
    "Call Count",
    "Meeting Count",
    "Post Messages",
    "Reply Messages",
    "Urgent Messages",
    "Meetings Organized Count",
    "Meetings Attended Count",
    "Ad Hoc Meetings Organized Count",
    "Ad Hoc Meetings Attended Count",
    "Scheduled One-time Meetings Organized Count",
    "Scheduled One-time Meetings Attended Count",
    "Scheduled Recurring Meetings Organized Count",
    "Scheduled Recurring Meetings Attended Count",
    "Audio Duration",
    "Video Duration",
    "Screen Share Duration",
    "Audio Duration In Seconds",
    "Video Duration In Seconds",
    "Screen Share Duration In Seconds",
    "Has Other Action",
    "Is Licensed",
    "Report Period",
];

/// The same columns in the order a real export of 2022 wrote them (../shared/FORMATS.md).
pub const TEAMS_REAL: &[&str] = &[
    "Report Refresh Date",
    "User Id",
    "User Principal Name",
    "Last Activity Date",
    "Is Deleted",
    "Deleted Date",
    "Assigned Products",
    "Team Chat Message Count",
    "Private Chat Message Count",
    "Call Count",
    "Meeting Count",
    "Meetings Organized Count",
    "Meetings Attended Count",
    "Ad Hoc Meetings Organized Count",
    "Ad Hoc Meetings Attended Count",
    "Scheduled One-time Meetings Organized Count",
    "Scheduled One-time Meetings Attended Count",
    "Scheduled Recurring Meetings Organized Count",
    "Scheduled Recurring Meetings Attended Count",
    "Audio Duration",
    "Video Duration",
    "Screen Share Duration",
    "Audio Duration In Seconds",
    "Video Duration In Seconds",
    "Screen Share Duration In Seconds",
    "Has Other Action",
    "Urgent Messages",
    "Post Messages",
    "Tenant Display Name",
    "Shared Channel Tenant Display Names",
    "Reply Messages",
    "Is Licensed",
    "Report Period",
];

/// A CSV cell, quoted when it must be.
fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A Teams user detail CSV (UTF-8 with a byte-order mark and CRLF, as the admin center writes
/// it) in the column order given.
pub fn teams_csv(refresh: &str, period: u32, rows: &[Teams], columns: &[&str]) -> String {
    let mut out = String::from("\u{feff}");
    out += &columns.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    out += "\r\n";
    for r in rows {
        let concealed = r.upn.len() == 32 && !r.upn.contains('@');
        let values: Vec<String> = columns
            .iter()
            .map(|c| match *c {
                "Report Refresh Date" => refresh.to_string(),
                "Tenant Display Name" => "Contoso, Ltd".to_string(),
                "User Id" if concealed => "00000000-0000-0000-0000-000000000000".to_string(),
                "User Id" => format!("id-{}", r.upn.split('@').next().unwrap_or("")),
                "User Principal Name" => r.upn.clone(),
                "Is Deleted" => if r.deleted { "True" } else { "False" }.to_string(),
                "Deleted Date" => {
                    if r.deleted {
                        refresh.to_string()
                    } else {
                        String::new()
                    }
                }
                "Assigned Products" => "MICROSOFT 365 E3+MICROSOFT TEAMS".to_string(),
                "Team Chat Message Count" => r.team_chat.to_string(),
                "Private Chat Message Count" => r.private_chat.to_string(),
                "Call Count" => r.calls.to_string(),
                "Meeting Count" | "Meetings Attended Count" => r.meetings.to_string(),
                "Post Messages" => r.posts.to_string(),
                "Reply Messages" => r.replies.to_string(),
                "Audio Duration" | "Video Duration" | "Screen Share Duration" => {
                    if r.calls + r.meetings > 0 {
                        "PT12M".to_string()
                    } else {
                        "PT0S".to_string()
                    }
                }
                "Audio Duration In Seconds" => (720 * (r.calls + r.meetings)).to_string(),
                "Has Other Action" => if r.other { "Yes" } else { "No" }.to_string(),
                "Is Licensed" => "Yes".to_string(),
                "Report Period" => period.to_string(),
                "Last Activity Date" | "Shared Channel Tenant Display Names" => String::new(),
                _ => "0".to_string(),
            })
            .collect();
        out += &values.iter().map(|v| cell(v)).collect::<Vec<_>>().join(",");
        out += "\r\n";
    }
    out
}

/// One person's row of a Viva Engage activity report.
#[derive(Clone, Debug, Default)]
pub struct Viva {
    pub upn: String,
    pub name: String,
    pub state: &'static str,
    pub posted: u64,
    pub read: u64,
    pub liked: u64,
}

/// A Viva Engage user detail CSV in the documented order.
pub fn viva_csv(refresh: &str, period: u32, rows: &[Viva]) -> String {
    let mut out = String::from("\u{feff}Report Refresh Date,User Principal Name,Display Name,User State,State Change Date,Last Activity Date,Posted Count,Read Count,Liked Count,Assigned Products,Report Period\r\n");
    for r in rows {
        out += &format!(
            "{refresh},{},{},{},,,{},{},{},YAMMER ENTERPRISE,{period}\r\n",
            cell(&r.upn),
            cell(&r.name),
            r.state,
            r.posted,
            r.read,
            r.liked
        );
    }
    out
}

/// The same report as Microsoft Graph's beta endpoint answers it in JSON.
pub fn viva_json(refresh: &str, period: u32, rows: &[Viva]) -> String {
    let values: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                r#"{{"reportRefreshDate": "{refresh}", "userPrincipalName": "{}", "displayName": "{}", "userState": "{}", "stateChangeDate": null, "lastActivityDate": null, "postedCount": {}, "readCount": {}, "likedCount": {}, "assignedProducts": ["YAMMER ENTERPRISE"], "reportPeriod": "{period}"}}"#,
                r.upn, r.name, r.state, r.posted, r.read, r.liked
            )
        })
        .collect();
    format!(
        "{{\"@odata.context\": \"https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.yammerActivityUserDetail)\", \"value\": [{}]}}",
        values.join(", ")
    )
}

/// One member's row of Slack's member analytics.
#[derive(Clone, Debug, Default)]
pub struct SlackMember {
    pub name: String,
    pub id: String,
    pub email: String,
    pub title: String,
    pub deactivated: bool,
    pub days_active: u64,
    pub posted: u64,
    pub in_channels: u64,
    pub reactions: u64,
}

/// A Slack member analytics CSV (its window is in its file's name).
pub fn slack_members_csv(rows: &[SlackMember]) -> String {
    let mut out = String::from("Name,What I Do,User ID,Username,Display name,Email,Account type,Account created (UTC),Claimed Date (UTC),Deactivated date (UTC),Days active,Days active (Desktop),Days active (Android),Days active (iOS),Messages posted,Messages posted in channels,Reactions added,Files uploaded,Slack Huddles,Searches,Last active (UTC)\n");
    for r in rows {
        out += &format!(
            "{},{},{},{},{},{},Member,\"Jan 4, 2024\",\"Jan 5, 2024\",{},{},{},0,0,{},{},{},0,0,0,\n",
            cell(&r.name),
            cell(&r.title),
            r.id,
            r.id.to_lowercase(),
            cell(&r.name),
            r.email,
            if r.deactivated { "\"Apr 1, 2026\"" } else { "" },
            r.days_active,
            r.days_active,
            r.posted,
            r.in_channels,
            r.reactions
        );
    }
    out
}

/// One day of the Slack analytics overview.
#[derive(Clone, Debug, Default)]
pub struct OverviewDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub members: u64,
    pub daily_active: u64,
    pub weekly_active: u64,
    pub weekly_posting: u64,
    pub public: u64,
    pub private: u64,
    pub dms: u64,
}

/// A Slack overview CSV, its dates written day-first (`DD/MM/YYYY`) as a real one does.
pub fn overview_csv(days: &[OverviewDay]) -> String {
    let mut out = String::from("Date,Total enabled membership,Enabled full members,Daily active members,Daily members posting messages,Weekly active members,Weekly members posting messages,Messages in public channels,Messages in private channels,Messages in shared channels,Messages in DMs\n");
    for d in days {
        let (y, m, day) = (&d.date[0..4], &d.date[5..7], &d.date[8..10]);
        out += &format!(
            "{day}/{m}/{y},{},{},{},{},{},{},{},{},0,{}\n",
            d.members,
            d.members,
            d.daily_active,
            d.daily_active / 3,
            d.weekly_active,
            d.weekly_posting,
            d.public,
            d.private,
            d.dms
        );
    }
    out
}

/// One member's day of Slack's `admin.analytics.getFile` member file, as a JSON line.
pub fn daily_line(date: &str, id: &str, email: &str, active: bool, posted: u64, reactions: u64) -> String {
    format!(
        "{{\"enterprise_id\":\"E01\",\"date\":\"{date}\",\"user_id\":\"{id}\",\"email_address\":\"{email}\",\"is_guest\":false,\"is_billable_seat\":true,\"is_active\":{active},\"is_active_ios\":false,\"is_active_android\":false,\"is_active_desktop\":{active},\"reactions_added_count\":{reactions},\"messages_posted_count\":{posted},\"channel_messages_posted_count\":{posted},\"files_added_count\":0,\"is_active_apps\":false,\"is_active_workflows\":false,\"is_active_slack_connect\":false,\"total_calls_count\":0,\"slack_calls_count\":0,\"slack_huddles_count\":0,\"search_count\":0,\"date_claimed\":1700000000}}\n"
    )
}
