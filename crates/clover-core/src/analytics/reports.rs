//! The analysis of activity reports (`docs/metrics.md`, "Activity reports"): the same
//! [`Analysis`] the message path fills, from totals per person over report windows.
//!
//! A window is one a report covers (the window asked for picks one, the latest by default),
//! or any days of Slack's daily member files. Its people are every person report of the
//! window together, joined by email (a report whose names are concealed joins nothing: the
//! window then uses its largest report, and says so). The funnel has four stages — workforce,
//! members, active (reading included), contributors — since engaged contributors and
//! champions need replies between people, which reports never hold. The Clover indicators
//! that need exchanges are `no_data` with their limit; those reports can show are measured
//! under the same rules of status, minimum base and privacy floor as everywhere.

use std::collections::HashMap;

use super::clover::{self, Basis, IndicatorId};
use super::compare::{self, Baseline};
use super::funnel::{self, Stage};
use super::indicators::{self, Measure, Reading};
use super::journey::{self, Journey};
use super::leaderboard::{LeaderRow, Pseudonyms};
use super::limits::LimitKind;
use super::periods::{self, Unit, WindowPreset};
use super::series::WeekPoint;
use super::{figures, inequality, insights, segments, story};
use super::{Analysis, Compare, DataKind, Params, SegmentInfo, Totals, Window};
use crate::civil::{self, format_date, MS_PER_DAY};
use crate::model::{norm_email, Dataset, Format, MessageKind, Product, ReportKind, ReportPerson, Reports, SpaceKind};
use crate::words::{self, plural};

/// What a dataset's reports offer, found once: their windows, the daily files' days, and
/// what the segments and the leaderboard need of their people.
pub(crate) struct Prepared {
    /// Distinct windows of the person reports, `(from, to)`, sorted by end, then longest first.
    windows: Vec<(i64, i64)>,
    /// First and last day of Slack's daily member files.
    daily: Option<(i64, i64)>,
    dept_names: Vec<String>,
    loc_names: Vec<String>,
    /// People flagged as leaders (by a roster or their title).
    leaders: u64,
    /// Each person's place in name order (leaderboard ties).
    name_order: Vec<u32>,
}

/// Which days an analysis reads, and from what.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// The reports of exactly this window.
    Files(i64, i64),
    /// These days of the daily member files.
    Daily(i64, i64),
}

impl Source {
    fn days(self) -> (i64, i64) {
        match self {
            Source::Files(f, t) | Source::Daily(f, t) => (f, t),
        }
    }
}

fn date(d: i64) -> String {
    format_date(d * MS_PER_DAY)
}

/// A report window as people name it: a calendar period when it is one (`2025 Q2`), else its
/// length and last day (`the 90 days to 2025-06-30`), as the admin center offers them.
pub(crate) fn window_name(from: i64, to: i64) -> String {
    match periods::unit_of(from, to).0 {
        Unit::Day | Unit::Week => format!("the {} days to {}", to - from + 1, date(to)),
        _ => periods::name(from, to),
    }
}

impl Prepared {
    pub fn new(ds: &Dataset, r: &Reports) -> Prepared {
        let mut windows: Vec<(i64, i64)> = r.windows.iter().map(|w| (w.from_day, w.to_day)).collect();
        windows.sort_by_key(|&(f, t)| (t, std::cmp::Reverse(t - f)));
        windows.dedup();
        let daily = match (r.daily.first(), r.daily.last()) {
            (Some(a), Some(b)) => Some((a.day, b.day)),
            _ => None,
        };
        let names = |pick: fn(&ReportPerson) -> Option<u32>| {
            let mut v: Vec<String> = r.people.iter().filter_map(pick).map(|i| ds.string(i).to_string()).collect();
            v.retain(|s| !s.trim().is_empty());
            v.sort();
            v.dedup();
            v
        };
        let mut people: Vec<u32> = (0..r.people.len() as u32).collect();
        people.sort_by(|&x, &y| {
            let (a, b) = (&r.people[x as usize], &r.people[y as usize]);
            a.name.cmp(&b.name).then_with(|| a.key.cmp(&b.key))
        });
        let mut name_order = vec![0u32; people.len()];
        for (i, &p) in people.iter().enumerate() {
            name_order[p as usize] = i as u32;
        }
        Prepared {
            windows,
            daily,
            dept_names: names(|p| p.department),
            loc_names: names(|p| p.location),
            leaders: r.people.iter().filter(|p| p.leader).count() as u64,
            name_order,
        }
    }

    /// The first and last day any person report covers.
    fn range(&self) -> Option<(i64, i64)> {
        let files = self.windows.iter().copied().reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
        match (files, self.daily) {
            (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
            (a, b) => a.or(b),
        }
    }

    /// The window to analyse for `from`/`to` (`docs/metrics.md`, "Activity reports"): by
    /// default the latest report's (the longest of those ending last), or the daily files'
    /// whole range when they end later; a window asked for picks the report of exactly that
    /// window, else the daily files' days within it, else the latest report inside it, else
    /// the report that overlaps it most.
    fn choose(&self, from: Option<i64>, to: Option<i64>) -> Option<Source> {
        let (first, last) = self.range()?;
        let latest = self.windows.last().copied();
        if from.is_none() && to.is_none() {
            return match (latest, self.daily) {
                (Some(w), Some(d)) if d.1 > w.1 => Some(Source::Daily(d.0, d.1)),
                (Some(w), _) => Some(Source::Files(w.0, w.1)),
                (None, Some(d)) => Some(Source::Daily(d.0, d.1)),
                (None, None) => None,
            };
        }
        let (f, t) = (from.unwrap_or(first), to.unwrap_or(last));
        if f > t {
            return None;
        }
        if self.windows.contains(&(f, t)) {
            return Some(Source::Files(f, t));
        }
        if let Some((d0, d1)) = self.daily {
            if d0 <= t && f <= d1 {
                return Some(Source::Daily(f.max(d0), t.min(d1)));
            }
        }
        let inside = self.windows.iter().rev().find(|w| f <= w.0 && w.1 <= t);
        if let Some(&(a, b)) = inside {
            return Some(Source::Files(a, b));
        }
        let overlap = |w: &(i64, i64)| (w.1.min(t) - w.0.max(f) + 1).max(0);
        let best = self.windows.iter().rev().max_by_key(|w| overlap(w)).filter(|w| overlap(w) > 0);
        best.map(|&(a, b)| Source::Files(a, b))
    }

    /// The window before `s`: the latest report window ending before it starts (of the same
    /// length when there is one); for daily files, the period before in the window's own unit.
    fn previous(&self, s: Source) -> Option<(i64, i64)> {
        match s {
            Source::Files(f, t) => {
                let before: Vec<(i64, i64)> = self.windows.iter().copied().filter(|w| w.1 < f).collect();
                let same = before.iter().rev().find(|w| w.1 - w.0 == t - f);
                same.or(before.last()).copied()
            }
            Source::Daily(f, t) => {
                let (a, b) = periods::previous(f, t);
                let (d0, _) = self.daily?;
                (b >= d0).then_some((a, b))
            }
        }
    }

    /// Each report window with the one before it, latest first; for daily files, the
    /// calendar presets.
    fn presets(&self) -> Vec<WindowPreset> {
        let mut out = Vec::new();
        // The twelve latest: a filter's list, not an archive.
        // Each with the window before it, as calendar presets are offered only with theirs.
        for &(f, t) in self.windows.iter().rev().take(12) {
            let Some((bf, bt)) = self.previous(Source::Files(f, t)) else { continue };
            let (label, base) = (format!("Report: {}, against {}", window_name(f, t), window_name(bf, bt)), (bf, bt));
            out.push(WindowPreset {
                id: format!("report_{}_{}", date(f), date(t)),
                label,
                from: date(f),
                to: date(t),
                baseline_from: date(base.0),
                baseline_to: date(base.1),
            });
        }
        if let Some((d0, d1)) = self.daily {
            out.extend(periods::presets(d0, d1));
        }
        out
    }
}

/// What one person did in the window analysed, every report of it together.
#[derive(Clone, Debug, Default)]
struct Did {
    deleted: bool,
    posted: u64,
    messages: u64,
    read: u64,
    reactions: u64,
    other: bool,
    days_active: Option<u64>,
    /// Daily files: each ISO week of the window (index from the window's first) the person
    /// was active in, with what they posted and reacted that week.
    weeks: Vec<(u32, u64, u64)>,
}

impl Did {
    fn active(&self) -> bool {
        self.posted > 0
            || self.messages > 0
            || self.read > 0
            || self.reactions > 0
            || self.other
            || self.days_active.is_some_and(|d| d > 0)
    }
}

/// The window's people and what was used to count them.
struct Data {
    from: i64,
    to: i64,
    /// By person, ascending.
    people: Vec<(u32, Did)>,
    /// The person reports used (empty for daily files).
    used: Vec<ReportKind>,
    /// Weeks per person are known (daily files).
    weekly: bool,
    /// The people come from a report whose names are concealed: a roster joins none of them.
    concealed: bool,
    notes: Vec<String>,
}

/// The reports' names as a list: "the Microsoft Teams and Viva Engage reports".
fn report_names(kinds: &[ReportKind]) -> String {
    let names: Vec<String> = kinds.iter().map(|k| k.product().name().to_string()).collect();
    match names.len() {
        1 => format!("the {} report", names[0]),
        _ => format!("the {} reports", words::list(&names)),
    }
}

fn gather(r: &Reports, s: Source) -> Data {
    let (from, to) = s.days();
    let mut notes = Vec::new();
    let mut by_person: HashMap<u32, Did> = HashMap::new();
    let used: Vec<ReportKind>;
    let mut weekly = false;
    let mut concealed = false;
    match s {
        Source::Files(f, t) => {
            let sources: Vec<&crate::model::ReportWindow> =
                r.windows.iter().filter(|w| (w.from_day, w.to_day) == (f, t)).collect();
            let by_email = |w: &&crate::model::ReportWindow| {
                !w.concealed && w.rows.iter().all(|row| r.people[row.person as usize].key.starts_with("email:"))
            };
            let joinable = sources.len() < 2 || sources.iter().all(by_email);
            let chosen: Vec<&crate::model::ReportWindow> = if joinable {
                sources.clone()
            } else {
                let biggest = sources.iter().max_by_key(|w| (w.rows.len(), std::cmp::Reverse(w.kind))).copied();
                biggest.into_iter().collect()
            };
            used = chosen.iter().map(|w| w.kind).collect();
            concealed = chosen.iter().any(|w| w.concealed);
            if sources.len() > 1 {
                let all: Vec<ReportKind> = sources.iter().map(|w| w.kind).collect();
                if joinable {
                    notes.push(format!(
                        "{} – {} combines {}, person by person by email.",
                        date(f),
                        date(t),
                        report_names(&all)
                    ));
                } else {
                    let left: Vec<ReportKind> = all.iter().copied().filter(|k| !used.contains(k)).collect();
                    let why = if sources.iter().any(|w| w.concealed) {
                        "names are concealed, so the reports cannot be joined person by person"
                    } else {
                        "some of their people have no email, so the reports cannot be joined person by person"
                    };
                    notes.push(format!(
                        "{} – {} uses {} alone: {why}, and {} {} left out of this window.",
                        date(f),
                        date(t),
                        report_names(&used),
                        report_names(&left),
                        if left.len() == 1 { "is" } else { "are" }
                    ));
                }
            }
            for w in chosen {
                for row in &w.rows {
                    let d = by_person.entry(row.person).or_default();
                    d.deleted |= row.deleted;
                    d.posted += row.posted;
                    d.messages += row.messages;
                    d.read += row.read;
                    d.reactions += row.reactions;
                    d.other |= row.other;
                    if let Some(n) = row.days_active {
                        d.days_active = Some(d.days_active.unwrap_or(0) + n);
                    }
                }
            }
            if sources.iter().any(|w| w.concealed) {
                notes.push(concealed_note(r, f, t));
            }
        }
        Source::Daily(f, t) => {
            weekly = true;
            used = vec![ReportKind::SlackDaily];
            let week0 = civil::week_start(f);
            let lo = r.daily.partition_point(|d| d.day < f);
            let hi = r.daily.partition_point(|d| d.day <= t);
            for row in &r.daily[lo..hi] {
                let d = by_person.entry(row.person).or_default();
                let days = d.days_active.get_or_insert(0);
                *days += row.active as u64;
                d.posted += row.posted;
                d.messages += row.messages;
                d.reactions += row.reactions;
                let week = ((civil::week_start(row.day) - week0) / 7) as u32;
                if row.active || row.posted > 0 || row.reactions > 0 {
                    match d.weeks.last_mut() {
                        Some(w) if w.0 == week => {
                            w.1 += row.posted;
                            w.2 += row.reactions;
                        }
                        _ => d.weeks.push((week, row.posted, row.reactions)),
                    }
                }
            }
        }
    }
    let mut people: Vec<(u32, Did)> = by_person.into_iter().collect();
    people.sort_by_key(|(p, _)| *p);
    // Daily rows are sorted by day, then person: each person's weeks came in order.
    Data { from, to, people, used, weekly, concealed, notes }
}

/// The note of a window whose reports conceal names: what it means, and how an admin turns it off.
fn concealed_note(r: &Reports, f: i64, t: i64) -> String {
    let kinds: Vec<ReportKind> =
        r.windows.iter().filter(|w| (w.from_day, w.to_day) == (f, t) && w.concealed).map(|w| w.kind).collect();
    format!(
        "Names are concealed in {} of {} – {}: Microsoft 365 hides them in usage reports by default. People are shown by the first digits of their hashed names (\"Concealed 0439A166\"), and a roster cannot be joined to them (no departments, locations or leaders). A Microsoft 365 admin can show names: admin center › Settings › Org settings › Services › Reports, clear \"Display concealed user, group, and site names in all reports\", then download the reports again.",
        report_names(&kinds),
        date(f),
        date(t)
    )
}

/// What reports say of every analysis: what they hold and what they cannot.
const ABOUT: &str = "These numbers come from activity reports, which count what each person did in the window, reading included, but not who answered whom: engaged contributors, champions, personas, the network and response times need a message export.";

/// Whether a report person is in the segment's people.
fn in_segment(ds: &Dataset, p: &ReportPerson, params: &Params) -> bool {
    let seg = &params.segment;
    let norm = |s: &str| s.trim().to_lowercase();
    let matches = |want: &[String], have: Option<u32>| {
        want.is_empty() || have.is_some_and(|i| want.iter().any(|w| norm(w) == norm(ds.string(i))))
    };
    matches(&seg.departments, p.department)
        && matches(&seg.locations, p.location)
        && seg.leaders.is_none_or(|want| p.leader == want)
}

/// How much of a window's analysis is computed (see the message path's `Depth`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Depth {
    Full,
    Brief,
}

/// Everything for `p`, as [`super::Analyzer::analyze`] gives it for a message export.
pub(crate) fn analyze(ds: &Dataset, r: &Reports, prep: &Prepared, p: &Params) -> Analysis {
    let mut a = analyze_window(ds, r, prep, p, Depth::Full);
    let brief = |q: &Params| analyze_window(ds, r, prep, q, Depth::Brief);
    a.presets = prep.presets();
    if !a.suppressed {
        let chosen = prep.choose(p.from, p.to);
        if p.compare != Compare::None {
            let baseline = match chosen.and_then(|s| baseline_window(prep, p, s)) {
                Some((from, to)) => {
                    let q = Params {
                        from: Some(from),
                        to: Some(to),
                        compare: Compare::None,
                        segments: false,
                        journey: None,
                        ..p.clone()
                    };
                    Baseline::from_analysis(brief(&q))
                }
                None => Baseline {
                    note: Some(
                        "There is no earlier activity report to compare with: load the report of the window before."
                            .to_string(),
                    ),
                    ..Default::default()
                },
            };
            a.changes = compare::changes(&a, &baseline, p.min_base);
            if let Some(note) = &baseline.note {
                a.notes.push(note.clone());
            }
            a.baseline = Some(baseline);
        }
        if p.segments && !a.funnel.is_empty() {
            let total = a.count(Stage::Members);
            a.segments = segments::compute(p, &prep.dept_names, &prep.loc_names, prep.leaders > 0, total, &brief);
        }
        if let Some(by) = p.journey {
            a.journey = Some(journey(ds, r, prep, p, by));
        }
    }
    if !a.suppressed {
        a.insights = insights::headline(&a);
        a.slides = story::slides(&a);
        a.figures = figures::figures(&a);
    }
    a
}

/// The window compared with: the report window before (`previous`), the report of the same
/// length a year earlier (`year`), or the window asked for.
fn baseline_window(prep: &Prepared, p: &Params, s: Source) -> Option<(i64, i64)> {
    let (f, t) = s.days();
    match p.compare {
        Compare::None => None,
        Compare::Previous => prep.previous(s),
        Compare::Year => {
            let (yf, yt) = periods::year_earlier(f, t);
            if let Source::Files(..) = s {
                // A report a year earlier rarely ends on the very day: within a week will do.
                let near = prep.windows.iter().find(|w| w.1 - w.0 == t - f && (w.1 - yt).abs() <= 7);
                if let Some(&w) = near {
                    return Some(w);
                }
            }
            Some((yf, yt))
        }
        Compare::Window { from, to } => Some((from, to)),
    }
}

/// The maturity journey: one period per report window, in time order (for daily files,
/// calendar months or quarters).
pub(crate) fn journey(ds: &Dataset, r: &Reports, prep: &Prepared, p: &Params, by: Unit) -> Journey {
    let brief = |q: &Params| analyze_window(ds, r, prep, q, Depth::Brief);
    let by = if by == Unit::Month { Unit::Month } else { Unit::Quarter };
    let periods: Vec<(i64, i64, bool, String)> = if !prep.windows.is_empty() {
        prep.windows.iter().map(|&(f, t)| (f, t, true, window_name(f, t))).collect()
    } else if let Some((d0, d1)) = prep.daily {
        periods::calendar_periods(by, d0, d1).into_iter().map(|(f, t, c)| (f, t, c, by.label(f))).collect()
    } else {
        Vec::new()
    };
    journey::of_periods(by, p, periods, &brief)
}

fn window_info(prep: &Prepared, s: Option<Source>, p: &Params) -> Window {
    let Some(s) = s else {
        let label = match (p.from, p.to) {
            (Some(f), Some(t)) if f <= t => Some(periods::name(f, t)),
            _ => None,
        };
        return Window { from: p.from.map(date), to: p.to.map(date), label, ..Default::default() };
    };
    let (f, t) = s.days();
    let previous = prep.previous(s);
    let weeks = ((civil::week_start(t) - civil::week_start(f)) / 7 + 1) as u64;
    let partial = match (s, prep.daily) {
        (Source::Daily(..), Some(d)) => periods::partial((p.from.unwrap_or(f), p.to.unwrap_or(t)), d),
        _ => None,
    };
    Window {
        from: Some(date(f)),
        to: Some(date(t)),
        days: (t - f + 1) as u64,
        weeks,
        previous_from: previous.map(|w| date(w.0)),
        previous_to: previous.map(|w| date(w.1)),
        previous_has_data: previous.is_some(),
        partial,
        label: Some(window_name(f, t)),
    }
}

fn analyze_window(ds: &Dataset, r: &Reports, prep: &Prepared, p: &Params, depth: Depth) -> Analysis {
    let full = depth == Depth::Full;
    let chosen = prep.choose(p.from, p.to);
    let mut a = Analysis {
        data: DataKind::Reports,
        window: window_info(prep, chosen, p),
        segment: SegmentInfo::of(p),
        member_list: true,
        ..Default::default()
    };
    if full {
        a.notes.push(ABOUT.to_string());
        if p.segment.filters_spaces() {
            a.notes
                .push("Activity reports have no channels or spaces, so the space filter does not apply.".to_string());
        }
    }
    let Some(source) = chosen else {
        if full {
            a.notes.push(if r.has_people() {
                "No activity report covers this window.".to_string()
            } else {
                "These reports count no people (the Slack overview or Viva Engage groups alone): the funnel and the leaderboard need a member report of the same window (Microsoft 365 admin center › Reports › Usage, or Slack › Analytics › Members).".to_string()
            });
        }
        return a;
    };
    let data = gather(r, source);
    if full {
        a.notes.extend(data.notes.iter().cloned());
    }
    let people_filter = p.segment.filters_people();
    let person = |i: u32| &r.people[i as usize];
    let member = |d: &Did| !d.deleted || d.active();
    let members: Vec<(u32, &Did)> = data
        .people
        .iter()
        .filter(|(i, d)| member(d) && (!people_filter || in_segment(ds, person(*i), p)))
        .map(|(i, d)| (*i, d))
        .collect();
    if people_filter {
        // The privacy floor, as for message exports: the group, and the rest beside it.
        let rest = data.people.iter().filter(|(i, _)| !in_segment(ds, person(*i), p));
        let (mut most, mut fewest) = (0usize, 0usize);
        for (_, d) in rest {
            most += 1;
            fewest += !d.deleted as usize;
        }
        if members.len() < p.min_group || !(most == 0 || fewest >= p.min_group) {
            a.suppressed = true;
            a.insights = insights::suppressed(p.min_group);
            return a;
        }
    }
    let m = members.len() as u64;
    let active = members.iter().filter(|(_, d)| d.active()).count() as u64;
    let contributors = members.iter().filter(|(_, d)| d.posted > 0).count() as u64;
    let workforce = match &ds.roster {
        Some(roster) if !people_filter => roster.headcount.max(m),
        _ => m,
    };
    a.funnel = funnel::stages(&[workforce, m, active, contributors]);
    a.totals = Some(Totals {
        posts: members.iter().map(|(_, d)| d.posted).sum(),
        reactions: members.iter().map(|(_, d)| d.reactions).sum(),
        ..Default::default()
    });
    let (series, weekly_note) = series(r, &data, &members, people_filter);
    a.series = series;
    if full {
        a.notes.extend(weekly_note);
        a.inequality = inequality::of_values(members.iter().map(|(_, d)| d.posted).collect());
        let leaders_here = members.iter().filter(|(i, _)| person(*i).leader).count();
        let boards = leaderboards(ds, r, prep, p, &members, chosen);
        a.ranked = Some(boards.2);
        a.leaderboard = boards.0;
        if leaders_here == 0 || leaders_here >= p.min_group {
            a.leaders_board = boards.1;
        } else if !boards.1.is_empty() {
            a.notes.push(super::privacy::leaders_board_hidden(p.min_group));
        }
    }
    let mut c = clover_of(r, prep, p, &data, &members, &a, people_filter, ds.roster.is_some());
    if data.concealed {
        // A roster joins named people only: leaders come once the reports show names.
        for l in c.limits.iter_mut().filter(|l| l.kind == LimitKind::NoLeaders) {
            l.remedy = "Once the reports show names (see the note on concealed names), a roster with a leader column, joined to them by email, would identify leaders.".to_string();
        }
    }
    a.clover = Some(c);
    a
}

/// The weekly series: from daily files, each ISO week the window touches (edge weeks count
/// only the window's days); else, for the whole workspace only, from the Slack overview: each
/// ISO week wholly in the window, its active and posting members (the overview's weekly
/// counts on its Sunday: the 7 days ending then), and its messages in channels.
fn series(r: &Reports, data: &Data, members: &[(u32, &Did)], people_filter: bool) -> (Vec<WeekPoint>, Option<String>) {
    let (f, t) = (data.from, data.to);
    let week0 = civil::week_start(f);
    let weeks = ((civil::week_start(t) - week0) / 7 + 1) as usize;
    let point = |w: usize| {
        let monday = week0 + 7 * w as i64;
        let (y, n) = civil::iso_week(monday);
        WeekPoint {
            week: format!("{y}-W{n:02}"),
            start: date(monday),
            active: 0,
            contributors: 0,
            posts: 0,
            replies: 0,
            reactions: 0,
        }
    };
    if data.weekly {
        let mut out: Vec<WeekPoint> = (0..weeks).map(point).collect();
        for (_, d) in members {
            for &(w, posted, reactions) in &d.weeks {
                if let Some(pt) = out.get_mut(w as usize) {
                    pt.active += 1;
                    pt.contributors += (posted > 0) as u64;
                    pt.posts += posted;
                    pt.reactions += reactions;
                }
            }
        }
        return (out, None);
    }
    let days: Vec<&crate::model::OrgDay> = r.org_days.iter().filter(|d| d.day >= f && d.day <= t).collect();
    if days.is_empty() {
        return (Vec::new(), None);
    }
    if people_filter {
        return (
            Vec::new(),
            Some(
                "The Slack overview counts the whole workspace, so it gives no weekly series or openness for a group."
                    .to_string(),
            ),
        );
    }
    let mut out = Vec::new();
    for w in 0..weeks {
        let monday = week0 + 7 * w as i64;
        let sunday = monday + 6;
        if monday < f || sunday > t {
            continue;
        }
        let Some(row) = days.iter().find(|d| d.day == sunday) else { continue };
        let (Some(active), Some(posting)) = (row.weekly_active, row.weekly_posting.or(Some(0))) else { continue };
        let mut pt = point(w);
        pt.active = active;
        pt.contributors = posting;
        pt.posts = days
            .iter()
            .filter(|d| d.day >= monday && d.day <= sunday)
            .map(|d| d.public_messages.unwrap_or(0) + d.private_messages.unwrap_or(0) + d.shared_messages.unwrap_or(0))
            .sum();
        out.push(pt);
    }
    (out, None)
}

/// Ranked by what reports count: posts and reactions by the weights, then days active, then
/// conversations read, then name. (everyone, leaders, how many ranked)
fn leaderboards(
    ds: &Dataset,
    r: &Reports,
    prep: &Prepared,
    p: &Params,
    members: &[(u32, &Did)],
    chosen: Option<Source>,
) -> (Vec<LeaderRow>, Vec<LeaderRow>, u64) {
    let pseudo =
        p.pseudonymise.then(|| Pseudonyms::of_keys(&r.people.iter().map(|x| x.key.as_str()).collect::<Vec<_>>()));
    let name = |i: u32| match &pseudo {
        Some(ps) => ps.name(i).to_string(),
        None => r.people[i as usize].name.clone(),
    };
    let id = |i: u32| match &pseudo {
        Some(ps) => ps.name(i).to_string(),
        None => r.people[i as usize].key.clone(),
    };
    let order: Vec<u32> = match &pseudo {
        None => prep.name_order.clone(),
        Some(ps) => {
            let mut v: Vec<u32> = (0..r.people.len() as u32).collect();
            v.sort_by(|&x, &y| ps.name(x).cmp(ps.name(y)).then(x.cmp(&y)));
            let mut o = vec![0u32; v.len()];
            for (k, &x) in v.iter().enumerate() {
                o[x as usize] = k as u32;
            }
            o
        }
    };
    let w = &p.weights;
    let score = |d: &Did| w.posts * d.posted as f64 + w.reactions_given * d.reactions as f64;
    let rank = |list: &[(u32, &Did)]| -> Vec<(u32, f64)> {
        let mut v: Vec<(u32, f64, u64, u64, u32)> = list
            .iter()
            .map(|(i, d)| (*i, score(d), d.days_active.unwrap_or(0), d.read, order[*i as usize]))
            .filter(|x| x.1 > 0.0)
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.2.cmp(&a.2)).then(b.3.cmp(&a.3)).then(a.4.cmp(&b.4)));
        v.into_iter().map(|x| (x.0, x.1)).collect()
    };
    let now = rank(members);
    // The previous window's ranks, for movement.
    let before: Vec<(u32, f64)> = match chosen.and_then(|s| prep.previous(s)) {
        Some((bf, bt)) => {
            let s = prep.choose(Some(bf), Some(bt));
            match s {
                Some(s) => {
                    let data = gather(r, s);
                    let people_filter = p.segment.filters_people();
                    let list: Vec<(u32, &Did)> = data
                        .people
                        .iter()
                        .filter(|(i, _)| !people_filter || in_segment(ds, &r.people[*i as usize], p))
                        .map(|(i, d)| (*i, d))
                        .collect();
                    rank(&list)
                }
                None => Vec::new(),
            }
        }
        None => Vec::new(),
    };
    let positions = |list: &[(u32, f64)], only_leaders: bool| {
        let mut pos: HashMap<u32, u64> = HashMap::new();
        let mut k = 0u64;
        for &(i, _) in list {
            if only_leaders && !r.people[i as usize].leader {
                continue;
            }
            k += 1;
            pos.insert(i, k);
        }
        pos
    };
    let did: HashMap<u32, &Did> = members.iter().map(|(i, d)| (*i, *d)).collect();
    let row = |i: u32, s: f64, rank: u64, prev: &HashMap<u32, u64>| {
        let d = did[&i];
        let person = &r.people[i as usize];
        let previous_rank = prev.get(&i).copied();
        LeaderRow {
            rank,
            id: id(i),
            name: name(i),
            department: person.department.map(|x| ds.string(x).to_string()),
            leader: person.leader,
            score: s,
            posts: d.posted,
            replies: 0,
            reactions_given: d.reactions,
            replies_received: 0,
            reactions_received: 0,
            people_reached: 0,
            persona: None,
            previous_rank,
            movement: previous_rank.map(|pr| pr as i64 - rank as i64),
            read: r.windows.iter().any(|w| w.kind == ReportKind::VivaEngageUsers).then_some(d.read),
            days_active: d.days_active,
        }
    };
    let (prev_all, prev_leaders) = (positions(&before, false), positions(&before, true));
    let all = now.iter().take(p.top).enumerate().map(|(k, &(i, s))| row(i, s, k as u64 + 1, &prev_all)).collect();
    let leaders = now
        .iter()
        .filter(|(i, _)| r.people[*i as usize].leader)
        .take(p.top)
        .enumerate()
        .map(|(k, &(i, s))| row(i, s, k as u64 + 1, &prev_leaders))
        .collect();
    (all, leaders, now.len() as u64)
}

/// The name of activation from reports, which counts reading.
pub const ACTIVATION_READING: &str = "Activation (reading included)";

#[allow(clippy::too_many_arguments)]
fn clover_of(
    r: &Reports,
    prep: &Prepared,
    p: &Params,
    data: &Data,
    members: &[(u32, &Did)],
    a: &Analysis,
    people_filter: bool,
    roster: bool,
) -> clover::Clover {
    let t = &p.targets;
    let g = p.min_group;
    let exchanges = || Reading::NoData(LimitKind::NoExchanges.text(g), Some(LimitKind::NoExchanges));
    let leaders: Vec<&Did> = members.iter().filter(|(i, _)| r.people[*i as usize].leader).map(|(_, d)| *d).collect();
    let n = leaders.len() as u64;
    let leader_activation =
        indicators::leaders_unmeasured(prep.leaders, n, g, DataKind::Reports).unwrap_or_else(|| {
            let posting = leaders.iter().filter(|d| d.posted > 0).count() as u64;
            Reading::Share {
                part: posting,
                whole: n,
                text: format!("{} of {} posted.", words::count(posting), plural(n, "leader", "leaders")),
            }
        });
    let leader_responsiveness =
        indicators::leaders_unmeasured(prep.leaders, n, g, DataKind::Reports).unwrap_or_else(exchanges);
    let leader_reach =
        indicators::leaders_unmeasured(prep.leaders, prep.leaders, g, DataKind::Reports).unwrap_or_else(exchanges);
    let key_players = {
        let mut posted: Vec<u64> = members.iter().map(|(_, d)| d.posted).filter(|&x| x > 0).collect();
        posted.sort_unstable_by(|x, y| y.cmp(x));
        let total: u64 = posted.iter().sum();
        let k = inequality::smallest_half(&posted, total) as u64;
        let c = posted.len() as u64;
        Reading::Share {
            part: k,
            whole: c,
            text: format!(
                "{} of {} made half of everything posted.",
                words::count(k),
                plural(c, "contributor", "contributors")
            ),
        }
    };
    let openness = openness(r, data, people_filter, g);
    let reach = if !roster {
        Reading::NoData(LimitKind::NoRoster.text(g), Some(LimitKind::NoRoster))
    } else if people_filter {
        Reading::NoData("The roster gives the organisation's headcount, not this group's.".to_string(), None)
    } else {
        let (m, w) = (a.count(Stage::Members), a.count(Stage::Workforce));
        Reading::Share {
            part: m,
            whole: w,
            text: format!(
                "{} of a workforce of {} {} in the reports.",
                words::count(m),
                words::count(w),
                if m == 1 { "is" } else { "are" }
            ),
        }
    };
    let (active, m) = (a.count(Stage::Active), a.count(Stage::Members));
    let activation = Reading::Share {
        part: active,
        whole: m,
        text: format!("{} of {} were active, reading included.", words::count(active), plural(m, "member", "members")),
    };
    let habit = habit(data, a, people_filter, g);
    let plain = Measure::plain;
    let readings = [
        (plain(IndicatorId::LeaderActivation), leader_activation),
        (plain(IndicatorId::LeaderResponsiveness), leader_responsiveness),
        (plain(IndicatorId::LeaderReach), leader_reach),
        (plain(IndicatorId::CrossFunctional), exchanges()),
        (
            Measure {
                id: IndicatorId::KeyPlayerResilience,
                name: IndicatorId::KeyPlayerResilience.name(),
                alt: true,
                alt_limit: None,
            },
            key_players,
        ),
        (plain(IndicatorId::Responsiveness), exchanges()),
        (plain(IndicatorId::Openness), openness),
        (plain(IndicatorId::Collaboration), exchanges()),
        (plain(IndicatorId::Reciprocity), exchanges()),
        (plain(IndicatorId::Reach), reach),
        (Measure { id: IndicatorId::Activation, name: ACTIVATION_READING, alt: true, alt_limit: None }, activation),
        (plain(IndicatorId::Habit), habit),
    ];
    let measured = readings.into_iter().map(|(m, r)| indicators::finish(m, r, m.id.target(t), p.min_base)).collect();
    let basis = Basis { active, contributors: a.count(Stage::Contributors) };
    clover::assemble(measured, basis, None, p, DataKind::Reports)
}

/// Openness: messages in public channels (the Slack overview's days in the window) and posts
/// in public communities (Viva Engage's groups report of the window), of all whose kind is
/// known (direct messages left out). Organisation-wide, so not for a group.
fn openness(r: &Reports, data: &Data, people_filter: bool, g: usize) -> Reading {
    let days: Vec<&crate::model::OrgDay> =
        r.org_days.iter().filter(|d| d.day >= data.from && d.day <= data.to && d.public_messages.is_some()).collect();
    let groups: Vec<&crate::model::ReportGroup> =
        r.groups.iter().filter(|x| (x.from_day, x.to_day) == (data.from, data.to) && x.public.is_some()).collect();
    if days.is_empty() && groups.is_empty() {
        return Reading::NoData(LimitKind::NoChannelTypes.text(g), Some(LimitKind::NoChannelTypes));
    }
    if people_filter {
        return Reading::NoData(
            "The Slack overview and Viva Engage's groups report count the whole organisation, not this group."
                .to_string(),
            None,
        );
    }
    let mut public = 0u64;
    let mut whole = 0u64;
    for d in days {
        let p = d.public_messages.unwrap_or(0);
        public += p;
        whole += p + d.private_messages.unwrap_or(0) + d.shared_messages.unwrap_or(0);
    }
    for x in groups {
        if x.public == Some(true) {
            public += x.posted;
        }
        whole += x.posted;
    }
    Reading::Share {
        part: public,
        whole,
        text: format!(
            "{} of {} in channels and communities were in public ones.",
            words::count(public),
            plural(whole, "message", "messages")
        ),
    }
}

/// Habit: the weekly mean of active people against those active in the window — from daily
/// files (people's own weeks), or for the whole workspace from the Slack overview's weeks
/// when the window is Slack's alone.
fn habit(data: &Data, a: &Analysis, people_filter: bool, g: usize) -> Reading {
    let active = a.count(Stage::Active);
    let no_weeks = || Reading::NoData(LimitKind::NoWeeks.text(g), Some(LimitKind::NoWeeks));
    let overview = !data.weekly && !a.series.is_empty() && !people_filter && data.used == [ReportKind::SlackMembers];
    if !data.weekly && !overview {
        return no_weeks();
    }
    let days = data.to - data.from + 1;
    if a.series.len() < 2 || days < 7 {
        return indicators::too_short_for_habit();
    }
    let weekly: u64 = a.series.iter().map(|w| w.active).sum();
    // The overview counts the whole workspace (guests too): never more than the window's active.
    let mean = (weekly as f64 / a.series.len() as f64).min(active as f64);
    indicators::habit_reading(mean, active)
}

/// What activity reports add to a message export of the same tool and window: readers, the
/// members the report shows active who did not post, reply or react in the export.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReportReaders {
    /// The reports used, as a sentence names them ("the Slack report").
    pub report: String,
    /// The window's label (the analysis's).
    pub window: String,
    /// Members of the export active in the report and not in the export.
    pub readers: u64,
    /// People active in the report whose email matches nobody of the export.
    pub unmatched: u64,
}

/// The tool a message export's format is.
fn product_of(f: Format) -> Option<Product> {
    match f {
        Format::Slack => Some(Product::Slack),
        Format::Teams => Some(Product::Teams),
        Format::Yammer => Some(Product::VivaEngage),
        _ => None,
    }
}

/// Beside a message analysis `a` of `p`: the readers the dataset's activity reports add, or a
/// note saying why they were not used (another tool, another window, a filtered group).
pub(crate) fn readers_beside(ds: &Dataset, p: &Params, a: &mut Analysis) {
    let Some(r) = ds.reports.as_ref() else { return };
    if !r.has_people() {
        let mut kinds: Vec<&str> = r.files.iter().map(|(k, _)| k.name()).collect();
        kinds.dedup();
        a.notes.push(format!(
            "Clover used the message export alone: the {} counts no people to add to it.",
            words::list(&kinds.iter().map(|k| k.to_string()).collect::<Vec<_>>())
        ));
        return;
    }
    let tools: Vec<Product> = ds.formats.iter().filter_map(|f| product_of(*f)).collect();
    let products = r.products();
    let names = |ps: &[Product]| words::list(&ps.iter().map(|x| x.name().to_string()).collect::<Vec<_>>());
    if !products.iter().any(|x| tools.contains(x)) {
        a.notes.push(format!(
            "Clover used the message export alone: the activity reports ({}) are of another tool.",
            names(&products)
        ));
        return;
    }
    let window =
        (a.window.from.as_deref().and_then(civil::parse_date), a.window.to.as_deref().and_then(civil::parse_date));
    let (Some(f), Some(t)) = window else { return };
    let prep = Prepared::new(ds, r);
    let source = match prep.choose(Some(f), Some(t)) {
        Some(Source::Files(x, y)) if (x, y) == (f, t) => Source::Files(x, y),
        Some(Source::Daily(x, y)) if (x, y) == (f, t) => Source::Daily(x, y),
        _ => {
            let windows: Vec<String> = prep.windows.iter().map(|&(x, y)| periods::name(x, y)).collect();
            a.notes.push(format!(
                "Clover used the message export alone: no activity report covers exactly this window (the reports cover {}); choose a report's window to see the readers it adds.",
                if windows.is_empty() { "the days of the daily files".to_string() } else { words::list(&windows) }
            ));
            return;
        }
    };
    if !p.segment.is_empty() {
        a.notes.push("The readers the activity reports add are shown for the whole organisation only.".to_string());
        return;
    }
    let data = gather(r, source);
    if data.used.iter().any(|k| !tools.contains(&k.product())) {
        a.notes.push(format!(
            "Clover used the message export alone: {} of this window {} not of the export's tool.",
            report_names(&data.used),
            if data.used.len() == 1 { "is" } else { "are" }
        ));
        return;
    }
    // Who was active in the export, in the window (as the analysis counts: people, not bots;
    // direct conversations only when they count).
    let human = |i: u32| ds.people.get(i as usize).is_some_and(|x| !x.bot);
    let counts = |s: u32| ds.spaces.get(s as usize).is_some_and(|x| p.include_direct || x.kind != SpaceKind::Direct);
    let mut active = vec![false; ds.people.len()];
    let (lo, hi) = (f * MS_PER_DAY, (t + 1) * MS_PER_DAY - 1);
    let m = &ds.messages;
    for i in ds.message_range(lo, hi) {
        if matches!(m.kind[i], MessageKind::Post | MessageKind::Reply) && counts(m.space[i]) && human(m.author[i]) {
            active[m.author[i] as usize] = true;
        }
    }
    let rx = &ds.reactions;
    for k in 0..rx.len() {
        let msg = rx.message[k] as usize;
        let mine = m.author.get(msg) == Some(&rx.person[k]);
        if (lo..=hi).contains(&rx.time[k]) && !mine && m.space.get(msg).is_some_and(|&s| counts(s)) {
            active[rx.person[k] as usize] = true;
        }
    }
    let by_email: HashMap<String, u32> = ds
        .people
        .iter()
        .enumerate()
        .filter(|(_, x)| !x.bot)
        .filter_map(|(i, x)| Some((norm_email(x.email.as_deref()?), i as u32)))
        .collect();
    let (mut readers, mut unmatched) = (0u64, 0u64);
    for (i, d) in &data.people {
        if !d.active() {
            continue;
        }
        let person = &r.people[*i as usize];
        match person.email.as_deref().and_then(|e| by_email.get(&norm_email(e))) {
            Some(&x) => {
                let joined = ds.people[x as usize].joined_ms.is_none_or(|j| civil::day_of(j) <= t);
                readers += (joined && !active[x as usize]) as u64;
            }
            None => unmatched += 1,
        }
    }
    let report = report_names(&data.used);
    if unmatched > 0 {
        a.notes.push(format!(
            "{} of the people active in {report} match nobody of the export by email, so they are not counted among its readers.",
            words::count(unmatched)
        ));
    }
    a.readers = Some(ReportReaders { report, window: a.window.label.clone().unwrap_or_default(), readers, unmatched });
}
