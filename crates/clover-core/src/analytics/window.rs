//! The window and the segment: which days, which message rows, which spaces and which people
//! an analysis covers, and the day → week / month tables the passes use.

use super::limits::ExportFacts;
use super::{periods, Params, Window};
use crate::civil::{self, format_date, MS_PER_DAY};
use crate::model::{Dataset, MessageKind, SpaceKind};

/// The longest window computed with per-week detail (about 20 years). A longer data range
/// almost always means a few wrong dates (a message stamped 1970 or 2100); the window then
/// keeps the `MAX_DAYS` days that hold the most messages, so that one wrong date cannot hide
/// the real activity.
pub(crate) const MAX_DAYS: i64 = 7305;

pub(crate) struct Scope<'a> {
    /// Whether the window holds at least one day.
    pub has_days: bool,
    pub from_day: i64,
    pub to_day: i64,
    pub ndays: usize,
    /// Week index (0 = the ISO week holding `from_day`) of each day of the window.
    pub day_week: Vec<u32>,
    /// Month index (0 = the month holding `from_day`) of each day of the window.
    pub day_month: Vec<u32>,
    /// Monday of week 0.
    pub week0: i64,
    pub nweeks: usize,
    /// `civil::month_index` of month 0.
    pub month0: i64,
    pub nmonths: usize,
    /// Per space: its messages count (not direct unless included; in the segment's spaces).
    pub space_ok: Vec<bool>,
    pub public: Vec<bool>,
    /// Per person: a human in the segment's people.
    pub in_seg: Vec<bool>,
    /// Per person: not a bot.
    pub human: Vec<bool>,
    /// Per person: a human leader.
    pub leader: Vec<bool>,
    pub any_leader: bool,
    /// The dataset's departments (with each person's code) and deactivated flags: borrowed
    /// from the prepared index, as no window or segment changes them.
    pub fixed: &'a Fixed,
    pub people_filter: bool,
    pub space_filter: bool,
    /// Direct conversations count (without a space filter: with one, `space_ok` decides).
    pub include_direct: bool,
    pub notes: Vec<String>,
    /// Count the previous window of the same length too (for rank movement).
    pub previous: bool,
    /// Requested window, for the echo when nothing is in it.
    requested: (Option<i64>, Option<i64>),
}

/// First and last day with data (message times and reaction times).
pub(crate) fn data_days(ds: &Dataset) -> Option<(i64, i64)> {
    let t = &ds.messages.time;
    let mut lo = t.first().copied();
    let mut hi = t.last().copied();
    for &x in &ds.reactions.time {
        lo = Some(lo.map_or(x, |l| l.min(x)));
        hi = Some(hi.map_or(x, |h| h.max(x)));
    }
    Some((civil::day_of(lo?), civil::day_of(hi?)))
}

/// The `MAX_DAYS`-day span within `[from_day, to_day]` that holds the most messages (the
/// latest such span on a tie); `times` is sorted. Without messages, the last `MAX_DAYS` days.
fn busiest_span(times: &[i64], from_day: i64, to_day: i64) -> (i64, i64) {
    let days: Vec<i64> = times.iter().map(|&t| civil::day_of(t)).filter(|d| (from_day..=to_day).contains(d)).collect();
    let mut best = (0usize, to_day - MAX_DAYS + 1);
    let mut end = 0;
    for (i, &start) in days.iter().enumerate() {
        if i > 0 && days[i - 1] == start {
            continue;
        }
        while end < days.len() && days[end] < start + MAX_DAYS {
            end += 1;
        }
        if end - i >= best.0 {
            best = (end - i, start.min(to_day - MAX_DAYS + 1));
        }
    }
    (best.1, best.1 + MAX_DAYS - 1)
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

/// What a [`Scope`] needs of the dataset that no window or segment changes, found once per
/// dataset (scanning every reaction's time and comparing every person's department name
/// would otherwise cost each analysis about 2 ms on a million messages).
#[derive(Clone, Debug, Default)]
pub(crate) struct Fixed {
    /// First and last day with data.
    pub days: Option<(i64, i64)>,
    /// Departments of humans, sorted.
    pub dept_names: Vec<String>,
    /// Per person: department code, `dept_names.len()` when unknown.
    pub dept_code: Vec<u32>,
    /// Per person: deactivated (read here, not from the people, whose records are large).
    pub deactivated: Vec<bool>,
    /// Locations of humans, sorted.
    pub loc_names: Vec<String>,
    /// Whether any human is a leader.
    pub any_leader: bool,
    /// Per department code (the last: no department): humans who are not deactivated.
    pub dept_size: Vec<usize>,
    /// Per person: the day they became a member — the export's join date, never later
    /// than their first post, reply or reaction — or `i64::MIN` (a member from the start
    /// of the data) when the export gives none.
    pub joined_day: Vec<i64>,
    /// What the export can show (`limits.rs`).
    pub facts: ExportFacts,
}

impl Fixed {
    pub fn new(ds: &Dataset) -> Fixed {
        let mut dept_idx: Vec<u32> = ds.people.iter().filter(|p| !p.bot).filter_map(|p| p.department).collect();
        dept_idx.sort_unstable();
        dept_idx.dedup();
        let mut dept_names: Vec<String> = dept_idx.iter().map(|&i| ds.string(i).to_string()).collect();
        dept_names.sort();
        dept_names.dedup();
        let dept_code: Vec<u32> = ds
            .people
            .iter()
            .map(|person| {
                let dept = person.department.map(|d| ds.string(d));
                dept.and_then(|d| dept_names.binary_search_by(|x| x.as_str().cmp(d)).ok()).unwrap_or(dept_names.len())
                    as u32
            })
            .collect();
        let deactivated = ds.people.iter().map(|p| p.deactivated).collect();
        let mut loc_names: Vec<String> =
            ds.people.iter().filter(|p| !p.bot).filter_map(|p| p.location).map(|i| ds.string(i).to_string()).collect();
        loc_names.sort();
        loc_names.dedup();
        let any_leader = ds.people.iter().any(|p| !p.bot && p.leader);
        let mut dept_size = vec![0usize; dept_names.len() + 1];
        for (i, person) in ds.people.iter().enumerate() {
            if !person.bot && !person.deactivated {
                dept_size[dept_code[i] as usize] += 1;
            }
        }
        Fixed {
            days: data_days(ds),
            dept_names,
            dept_code,
            deactivated,
            loc_names,
            any_leader,
            dept_size,
            joined_day: joined_days(ds),
            facts: ExportFacts::of(ds),
        }
    }
}

/// Each person's join day (see [`Fixed::joined_day`]): the export's join date where it
/// gives one, moved back to their first post, reply or reaction when that came earlier.
fn joined_days(ds: &Dataset) -> Vec<i64> {
    let mut first = vec![i64::MAX; ds.people.len()];
    let m = &ds.messages;
    for i in 0..m.len() {
        if matches!(m.kind[i], MessageKind::Post | MessageKind::Reply) {
            if let Some(f) = first.get_mut(m.author[i] as usize) {
                *f = (*f).min(m.time[i]);
            }
        }
    }
    for (&p, &t) in ds.reactions.person.iter().zip(&ds.reactions.time) {
        if let Some(f) = first.get_mut(p as usize) {
            *f = (*f).min(t);
        }
    }
    ds.people
        .iter()
        .zip(first)
        .map(|(person, first)| match person.joined_ms {
            Some(j) => civil::day_of(j.min(first)),
            None => i64::MIN,
        })
        .collect()
}

/// The days of a window: the requested dates clipped to the data (and to [`MAX_DAYS`]), and
/// each day's week and month.
struct Days {
    has_days: bool,
    from_day: i64,
    to_day: i64,
    ndays: usize,
    day_week: Vec<u32>,
    day_month: Vec<u32>,
    week0: i64,
    nweeks: usize,
    month0: i64,
    nmonths: usize,
    notes: Vec<String>,
}

impl Days {
    fn new(ds: &Dataset, fixed: &Fixed, from: Option<i64>, to: Option<i64>) -> Days {
        let mut notes = Vec::new();
        let (mut from_day, mut to_day, has_days) = match fixed.days {
            Some((first, last)) => {
                let f = from.unwrap_or(first).max(first);
                let t = to.unwrap_or(last).min(last);
                (f, t, f <= t)
            }
            None => (from.unwrap_or(0), to.unwrap_or(-1), false),
        };
        if has_days && to_day - from_day + 1 > MAX_DAYS {
            (from_day, to_day) = busiest_span(&ds.messages.time, from_day, to_day);
            notes.push(format!(
                "The data spans more than 20 years (often a sign of a few wrong dates); the window was limited to {} – {}. Choose a window to see earlier days.",
                format_date(from_day * MS_PER_DAY),
                format_date(to_day * MS_PER_DAY)
            ));
        }
        let ndays = if has_days { (to_day - from_day + 1) as usize } else { 0 };
        let week0 = civil::week_start(from_day);
        let month0 = civil::month_index(from_day);
        let mut day_week = Vec::with_capacity(ndays);
        let mut day_month = Vec::with_capacity(ndays);
        for d in 0..ndays as i64 {
            let day = from_day + d;
            day_week.push(((civil::week_start(day) - week0) / 7) as u32);
            day_month.push((civil::month_index(day) - month0) as u32);
        }
        let nweeks = day_week.last().map_or(0, |&w| w as usize + 1);
        let nmonths = day_month.last().map_or(0, |&m| m as usize + 1);
        Days { has_days, from_day, to_day, ndays, day_week, day_month, week0, nweeks, month0, nmonths, notes }
    }
}

impl<'a> Scope<'a> {
    pub fn new(ds: &Dataset, p: &Params, fixed: &'a Fixed) -> Scope<'a> {
        let days = Days::new(ds, fixed, p.from, p.to);
        // Spaces.
        let seg = &p.segment;
        let wanted: Vec<String> = seg.spaces.iter().map(|s| norm(s)).collect();
        let mut space_ok = Vec::with_capacity(ds.spaces.len());
        let mut public = Vec::with_capacity(ds.spaces.len());
        for s in &ds.spaces {
            let named = seg.spaces.iter().any(|k| k == &s.key) || wanted.iter().any(|w| *w == norm(&s.name));
            let ok = if seg.filters_spaces() { named } else { p.include_direct || s.kind != SpaceKind::Direct };
            space_ok.push(ok);
            public.push(s.public && s.kind != SpaceKind::Direct);
        }

        // People.
        let depts: Vec<String> = seg.departments.iter().map(|s| norm(s)).collect();
        let locs: Vec<String> = seg.locations.iter().map(|s| norm(s)).collect();
        let n = ds.people.len();
        let mut in_seg = Vec::with_capacity(n);
        let mut human = Vec::with_capacity(n);
        let mut leader = Vec::with_capacity(n);
        // Whether each interned name is one of the segment's, found once per name (not once
        // per person: lowercasing every person's department was most of a filter's scope).
        let named = |wanted: &[String], memo: &mut Vec<u8>, i: u32| match memo.get_mut(i as usize) {
            Some(0) | None => {
                let yes = wanted.contains(&norm(ds.string(i)));
                if let Some(slot) = memo.get_mut(i as usize) {
                    *slot = 1 + yes as u8;
                }
                yes
            }
            Some(slot) => *slot == 2,
        };
        let (mut dept_memo, mut loc_memo) = (vec![0u8; ds.strings.len()], vec![0u8; ds.strings.len()]);
        for person in &ds.people {
            let h = !person.bot;
            let m_dept = depts.is_empty() || person.department.is_some_and(|d| named(&depts, &mut dept_memo, d));
            let m_loc = locs.is_empty() || person.location.is_some_and(|l| named(&locs, &mut loc_memo, l));
            let m_lead = seg.leaders.is_none_or(|want| person.leader == want);
            in_seg.push(h && m_dept && m_loc && m_lead);
            human.push(h);
            leader.push(h && person.leader);
        }
        let any_leader = leader.iter().any(|&l| l);

        Scope {
            has_days: days.has_days,
            from_day: days.from_day,
            to_day: days.to_day,
            ndays: days.ndays,
            day_week: days.day_week,
            day_month: days.day_month,
            week0: days.week0,
            nweeks: days.nweeks,
            month0: days.month0,
            nmonths: days.nmonths,
            space_ok,
            public,
            in_seg,
            human,
            leader,
            any_leader,
            fixed,
            people_filter: seg.filters_people(),
            space_filter: seg.filters_spaces(),
            include_direct: p.include_direct,
            notes: days.notes,
            previous: true,
            requested: (p.from, p.to),
        }
    }

    /// The same segment over the window `from..=to` (as [`Scope::new`] would make it for
    /// these dates, without matching every person to the segment again).
    pub fn with_window(&self, ds: &Dataset, from: Option<i64>, to: Option<i64>) -> Scope<'a> {
        let days = Days::new(ds, self.fixed, from, to);
        Scope {
            has_days: days.has_days,
            from_day: days.from_day,
            to_day: days.to_day,
            ndays: days.ndays,
            day_week: days.day_week,
            day_month: days.day_month,
            week0: days.week0,
            nweeks: days.nweeks,
            month0: days.month0,
            nmonths: days.nmonths,
            space_ok: self.space_ok.clone(),
            public: self.public.clone(),
            in_seg: self.in_seg.clone(),
            human: self.human.clone(),
            leader: self.leader.clone(),
            any_leader: self.any_leader,
            fixed: self.fixed,
            people_filter: self.people_filter,
            space_filter: self.space_filter,
            include_direct: self.include_direct,
            notes: days.notes,
            previous: self.previous,
            requested: (from, to),
        }
    }

    pub fn window_info(&self) -> Window {
        let date = |d: i64| format_date(d * MS_PER_DAY);
        if let (true, Some((first, last))) = (self.has_days, self.fixed.days) {
            let len = self.to_day - self.from_day + 1;
            let requested = (self.requested.0.unwrap_or(first), self.requested.1.unwrap_or(last));
            Window {
                from: Some(date(self.from_day)),
                to: Some(date(self.to_day)),
                days: self.ndays as u64,
                weeks: self.nweeks as u64,
                previous_from: Some(date(self.from_day - len)),
                previous_to: Some(date(self.from_day - 1)),
                previous_has_data: first < self.from_day,
                partial: periods::partial(requested, (first, last)),
                label: Some(periods::name(requested.0, requested.1)),
            }
        } else {
            let label = match self.requested {
                (Some(f), Some(t)) if f <= t => Some(periods::name(f, t)),
                _ => None,
            };
            Window { from: self.requested.0.map(date), to: self.requested.1.map(date), label, ..Default::default() }
        }
    }

    /// Whether person `i` had joined by the window's last day.
    pub fn joined_by_end(&self, i: usize) -> bool {
        self.fixed.joined_day[i] <= self.to_day
    }

    /// Day range (first, last day index within the window) of month `m`.
    pub fn month_days(&self, m: usize) -> (usize, usize) {
        let first = self.day_month.partition_point(|&x| (x as usize) < m);
        let end = self.day_month.partition_point(|&x| (x as usize) <= m);
        (first, end.saturating_sub(1).max(first))
    }

    /// `YYYY-MM` of month index `m`.
    pub fn month_label(&self, m: usize) -> String {
        civil::format_month(self.month0 + m as i64)
    }

    /// Champion threshold for a stretch touching `weeks` ISO weeks: at least half, at least 2.
    pub fn champion_weeks(weeks: usize) -> u32 {
        weeks.div_ceil(2).max(2) as u32
    }
}
