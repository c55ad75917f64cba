//! Calendar periods for honest comparisons: which calendar unit a window is made of (whole
//! weeks, months, quarters, half-years or years, else days), the period before it and the
//! same period a year earlier, whether the data covers a window's edge periods in full, the
//! presets that make fair comparisons easy (the last complete month, quarter, half-year and
//! year against the one before), and the calendar months and quarters of a journey.
//!
//! Days are day numbers (days since 1970-01-01, UTC), inclusive at both ends.

use crate::civil::{civil_from_days, days_from_civil, format_date, week_start, MS_PER_DAY};

/// A calendar unit a window can be made of, smallest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    HalfYear,
    Year,
}

impl Unit {
    /// Months in the unit (0 for days and weeks).
    fn months(self) -> i64 {
        match self {
            Unit::Day | Unit::Week => 0,
            Unit::Month => 1,
            Unit::Quarter => 3,
            Unit::HalfYear => 6,
            Unit::Year => 12,
        }
    }

    /// The first day of the unit that holds `day`.
    pub fn start(self, day: i64) -> i64 {
        match self {
            Unit::Day => day,
            Unit::Week => week_start(day),
            _ => {
                let (y, m, _) = civil_from_days(day);
                let k = self.months();
                let first = (m as i64 - 1) / k * k;
                days_from_civil(y, first as u32 + 1, 1)
            }
        }
    }

    /// The first day of the `n`-th unit after (negative: before) the one that starts on
    /// `start` (a day this unit starts on).
    pub fn shift(self, start: i64, n: i64) -> i64 {
        match self {
            Unit::Day => start + n,
            Unit::Week => start + 7 * n,
            _ => {
                let (y, m, _) = civil_from_days(start);
                let idx = y * 12 + m as i64 - 1 + n * self.months();
                days_from_civil(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1, 1)
            }
        }
    }

    /// The last day of the unit that holds `day`.
    pub fn end(self, day: i64) -> i64 {
        self.shift(self.start(day), 1) - 1
    }

    /// The name of the unit that holds `day`, as people say it: `2025-06-03`, `week of
    /// 2025-06-02`, `June 2025`, `2025 Q2`, `2025 H1`, `2025`.
    pub fn label(self, day: i64) -> String {
        let (y, m, _) = civil_from_days(day);
        match self {
            Unit::Day => format_date(day * MS_PER_DAY),
            Unit::Week => format!("the week of {}", format_date(week_start(day) * MS_PER_DAY)),
            Unit::Month => format!("{} {y}", MONTHS[m as usize - 1]),
            Unit::Quarter => format!("{y} Q{}", (m - 1) / 3 + 1),
            Unit::HalfYear => format!("{y} H{}", (m - 1) / 6 + 1),
            Unit::Year => format!("{y}"),
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The largest unit the window `[from, to]` is made of whole, and how many of them.
pub fn unit_of(from: i64, to: i64) -> (Unit, i64) {
    for unit in [Unit::Year, Unit::HalfYear, Unit::Quarter, Unit::Month, Unit::Week] {
        if unit.start(from) == from && unit.end(to) == to && from <= to {
            let mut n = 0;
            let mut s = from;
            while s <= to {
                s = unit.shift(s, 1);
                n += 1;
            }
            return (unit, n);
        }
    }
    (Unit::Day, to - from + 1)
}

/// The window `[from, to]` as people name it: `2025 Q2`, `May 2025`, `2024 Q4 – 2025 Q1`,
/// or its first and last days (`2025-01-03 – 2025-03-31`; weeks too); one day is its date.
pub fn name(from: i64, to: i64) -> String {
    if from == to {
        return format_date(from * MS_PER_DAY);
    }
    match unit_of(from, to) {
        (Unit::Day | Unit::Week, _) => {
            format!("{} – {}", format_date(from * MS_PER_DAY), format_date(to * MS_PER_DAY))
        }
        (unit, 1) => unit.label(from),
        (unit, _) => format!("{} – {}", unit.label(from), unit.label(to)),
    }
}

/// The period before `[from, to]`, in the window's own calendar unit: the quarter before a
/// quarter, the two months before two months, the 30 days before 30 days.
pub fn previous(from: i64, to: i64) -> (i64, i64) {
    let (unit, n) = unit_of(from, to);
    (unit.shift(from, -n), from - 1)
}

/// The same window a year earlier (29 February becomes 28 February).
pub fn year_earlier(from: i64, to: i64) -> (i64, i64) {
    let back = |d: i64| {
        let (y, m, day) = civil_from_days(d);
        let last = Unit::Month.end(days_from_civil(y - 1, m, 1));
        (days_from_civil(y - 1, m, 1) + day as i64 - 1).min(last)
    };
    // A window of whole months stays whole months (a year before 29 Feb – 31 Mar ends on 31
    // Mar, and starts on 1 Mar when February had 29 days).
    let (unit, _) = unit_of(from, to);
    if unit >= Unit::Month {
        let f = back(from);
        return (f, Unit::Month.end(back(Unit::Month.start(to))));
    }
    (back(from), back(to))
}

/// Why a window is partial, or None: the window's first or last calendar unit (the unit it
/// is made of: a month for a month, a quarter for a quarter; a day for any other window) is
/// not fully covered by the data, which runs from `first` to `last`. `requested` is the
/// window asked for, before it was clipped to the data.
pub fn partial(requested: (i64, i64), data: (i64, i64)) -> Option<String> {
    let (from, to) = requested;
    let (first, last) = data;
    if from > to || to < first || from > last {
        return None;
    }
    let (unit, _) = unit_of(from, to);
    let date = |d: i64| format_date(d * MS_PER_DAY);
    if last < to {
        let what = if unit == Unit::Day { "the window".to_string() } else { unit.label(to) };
        return Some(format!("{what} is only partly covered: the data ends on {}", date(last)));
    }
    if first > from {
        let what = if unit == Unit::Day { "the window".to_string() } else { unit.label(from) };
        return Some(format!("{what} is only partly covered: the data starts on {}", date(first)));
    }
    None
}

/// A window preset for the filter bar: a complete calendar period and the one before it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WindowPreset {
    /// `last_month`, `last_quarter`, `last_half_year`, `last_year`.
    pub id: String,
    /// "Last complete quarter: 2025 Q1, against 2024 Q4".
    pub label: String,
    /// `YYYY-MM-DD`, inclusive.
    pub from: String,
    pub to: String,
    pub baseline_from: String,
    pub baseline_to: String,
}

/// The last complete month, quarter, half-year and year of data that runs from `first` to
/// `last`, each with the one before it; a preset is offered only when both periods lie
/// wholly in the data.
pub fn presets(first: i64, last: i64) -> Vec<WindowPreset> {
    let date = |d: i64| format_date(d * MS_PER_DAY);
    let mut out = Vec::new();
    for (unit, id, name) in [
        (Unit::Month, "last_month", "month"),
        (Unit::Quarter, "last_quarter", "quarter"),
        (Unit::HalfYear, "last_half_year", "half-year"),
        (Unit::Year, "last_year", "year"),
    ] {
        // The last unit that ends on or before the data's last day.
        let mut start = unit.start(last);
        if unit.end(last) > last {
            start = unit.shift(start, -1);
        }
        let end = unit.shift(start, 1) - 1;
        let before = unit.shift(start, -1);
        if start < first || before < first {
            continue;
        }
        out.push(WindowPreset {
            id: id.to_string(),
            label: format!("Last complete {name}: {}, against {}", unit.label(start), unit.label(before)),
            from: date(start),
            to: date(end),
            baseline_from: date(before),
            baseline_to: date(start - 1),
        });
    }
    out
}

/// The calendar periods (months or quarters) that the days `[first, last]` touch, each as
/// (first day, last day, fully covered by the data).
pub fn calendar_periods(unit: Unit, first: i64, last: i64) -> Vec<(i64, i64, bool)> {
    let mut out = Vec::new();
    if first > last {
        return out;
    }
    let mut start = unit.start(first);
    while start <= last {
        let end = unit.shift(start, 1) - 1;
        out.push((start, end, start >= first && end <= last));
        start = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i64, m: u32, day: u32) -> i64 {
        days_from_civil(y, m, day)
    }

    #[test]
    fn units_of_windows() {
        assert_eq!(unit_of(d(2025, 4, 1), d(2025, 6, 30)), (Unit::Quarter, 1));
        assert_eq!(unit_of(d(2025, 1, 1), d(2025, 12, 31)), (Unit::Year, 1));
        assert_eq!(unit_of(d(2025, 1, 1), d(2025, 6, 30)), (Unit::HalfYear, 1));
        assert_eq!(unit_of(d(2025, 2, 1), d(2025, 3, 31)), (Unit::Month, 2));
        // 2025-06-02 is a Monday.
        assert_eq!(unit_of(d(2025, 6, 2), d(2025, 6, 15)), (Unit::Week, 2));
        assert_eq!(unit_of(d(2025, 6, 3), d(2025, 6, 12)), (Unit::Day, 10));
    }

    #[test]
    fn names() {
        assert_eq!(name(d(2025, 4, 1), d(2025, 6, 30)), "2025 Q2");
        assert_eq!(name(d(2024, 10, 1), d(2025, 3, 31)), "2024 Q4 – 2025 Q1");
        assert_eq!(name(d(2025, 1, 1), d(2025, 2, 28)), "January 2025 – February 2025");
        assert_eq!(name(d(2025, 6, 2), d(2025, 6, 15)), "2025-06-02 – 2025-06-15");
        assert_eq!(name(d(2025, 6, 3), d(2025, 6, 12)), "2025-06-03 – 2025-06-12");
    }

    #[test]
    fn the_period_before_is_the_calendar_period_before() {
        // Q2 (91 days) against Q1 (90 days), not against the 91 days before 1 April.
        assert_eq!(previous(d(2025, 4, 1), d(2025, 6, 30)), (d(2025, 1, 1), d(2025, 3, 31)));
        assert_eq!(previous(d(2025, 3, 1), d(2025, 3, 31)), (d(2025, 2, 1), d(2025, 2, 28)));
        assert_eq!(previous(d(2025, 1, 1), d(2025, 12, 31)), (d(2024, 1, 1), d(2024, 12, 31)));
        assert_eq!(previous(d(2025, 6, 3), d(2025, 6, 12)), (d(2025, 5, 24), d(2025, 6, 2)));
        assert_eq!(previous(d(2025, 6, 2), d(2025, 6, 15)), (d(2025, 5, 19), d(2025, 6, 1)));
    }

    #[test]
    fn a_year_earlier() {
        assert_eq!(year_earlier(d(2025, 4, 1), d(2025, 6, 30)), (d(2024, 4, 1), d(2024, 6, 30)));
        assert_eq!(year_earlier(d(2024, 2, 29), d(2024, 3, 10)), (d(2023, 2, 28), d(2023, 3, 10)));
        assert_eq!(year_earlier(d(2025, 2, 1), d(2025, 2, 28)), (d(2024, 2, 1), d(2024, 2, 29)));
    }

    #[test]
    fn partial_windows() {
        let data = (d(2024, 1, 10), d(2025, 6, 18));
        assert_eq!(
            partial((d(2025, 4, 1), d(2025, 6, 30)), data).unwrap(),
            "2025 Q2 is only partly covered: the data ends on 2025-06-18"
        );
        assert_eq!(partial((d(2025, 1, 1), d(2025, 3, 31)), data), None);
        assert_eq!(
            partial((d(2024, 1, 1), d(2024, 1, 31)), data).unwrap(),
            "January 2024 is only partly covered: the data starts on 2024-01-10"
        );
        // Days: partial only when the window reaches past the data.
        assert_eq!(partial((d(2025, 6, 1), d(2025, 6, 18)), data), None);
        assert!(partial((d(2025, 6, 1), d(2025, 6, 20)), data).is_some());
        // Entirely outside the data: nothing to mark (the window is empty).
        assert_eq!(partial((d(2026, 1, 1), d(2026, 1, 31)), data), None);
    }

    #[test]
    fn presets_are_complete_periods() {
        let p = presets(d(2024, 1, 1), d(2025, 6, 18));
        let ids: Vec<&str> = p.iter().map(|x| x.id.as_str()).collect();
        // The last complete year, 2024, has no complete year before it in the data.
        assert_eq!(ids, ["last_month", "last_quarter", "last_half_year"]);
        assert_eq!((p[0].from.as_str(), p[0].to.as_str()), ("2025-05-01", "2025-05-31"));
        assert_eq!((p[0].baseline_from.as_str(), p[0].baseline_to.as_str()), ("2025-04-01", "2025-04-30"));
        assert_eq!(p[0].label, "Last complete month: May 2025, against April 2025");
        assert_eq!((p[1].from.as_str(), p[1].to.as_str()), ("2025-01-01", "2025-03-31"));
        assert_eq!((p[2].from.as_str(), p[2].to.as_str()), ("2024-07-01", "2024-12-31"));
        let p = presets(d(2023, 1, 1), d(2025, 6, 30));
        assert_eq!(p.iter().find(|x| x.id == "last_quarter").unwrap().from, "2025-04-01");
        let year = p.iter().find(|x| x.id == "last_year").unwrap();
        assert_eq!((year.from.as_str(), year.baseline_from.as_str()), ("2024-01-01", "2023-01-01"));
    }

    #[test]
    fn calendar_periods_touched() {
        let q = calendar_periods(Unit::Quarter, d(2024, 1, 10), d(2024, 7, 2));
        assert_eq!(q.len(), 3);
        assert_eq!(q[0], (d(2024, 1, 1), d(2024, 3, 31), false));
        assert_eq!(q[1], (d(2024, 4, 1), d(2024, 6, 30), true));
        assert_eq!(q[2], (d(2024, 7, 1), d(2024, 9, 30), false));
    }
}
