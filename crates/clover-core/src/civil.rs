//! Calendar arithmetic on UTC milliseconds, without a date library.
//!
//! Exports spell time in half a dozen ways; everything is normalised to milliseconds since
//! the Unix epoch (UTC). The algorithms are Howard Hinnant's `days_from_civil` and
//! `civil_from_days`, exact for the proleptic Gregorian calendar.

pub const MS_PER_DAY: i64 = 86_400_000;

/// Days since 1970-01-01 for a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) of a count of days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Day number (days since epoch) of a UTC millisecond instant.
pub fn day_of(ms: i64) -> i64 {
    ms.div_euclid(MS_PER_DAY)
}

/// ISO 8601 UTC with milliseconds, e.g. `2016-01-15T08:17:45.000Z`.
pub fn format_iso(ms: i64) -> String {
    let days = day_of(ms);
    let rem = ms.rem_euclid(MS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    let (h, mi, s, milli) = (rem / 3_600_000, rem / 60_000 % 60, rem / 1000 % 60, rem % 1000);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z")
}

/// `YYYY-MM-DD` of a UTC instant.
pub fn format_date(ms: i64) -> String {
    let (y, m, d) = civil_from_days(day_of(ms));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Parses `YYYY-MM-DD` into the day number.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = num(&b[0..4])?;
    let m = num(&b[5..7])? as u32;
    let d = num(&b[8..10])? as u32;
    valid_ymd(y, m, d).then(|| days_from_civil(y, m, d))
}

/// The day number of a calendar date, when it is one (`31 February` is not).
pub fn date_of(y: i64, m: u32, d: u32) -> Option<i64> {
    (valid_ymd(y, m, d) && (1..=9999).contains(&y)).then(|| days_from_civil(y, m, d))
}

fn valid_ymd(y: i64, m: u32, d: u32) -> bool {
    if !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let len = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m as usize - 1];
    d <= len
}

fn num(b: &[u8]) -> Option<i64> {
    if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0i64, |a, c| a * 10 + (c - b'0') as i64))
}

/// Parses the timestamp spellings found in exports into UTC milliseconds:
/// ISO 8601 / RFC 3339 (`2025-08-14T17:26:09.203+00:00`, `...Z`, `2020-01-01 10:00:00`),
/// Yammer's `2013/03/13 21:08:48 +0000`, with any fraction of a second and any offset.
/// A missing offset means UTC. Returns `None` for anything else (never panics).
pub fn parse_timestamp(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    if b.len() < 10 {
        return None;
    }
    let sep = b[4];
    if !(sep == b'-' || sep == b'/') || b[7] != sep {
        return None;
    }
    let y = num(&b[0..4])?;
    let mo = num(&b[5..7])? as u32;
    let d = num(&b[8..10])? as u32;
    if !valid_ymd(y, mo, d) {
        return None;
    }
    let mut ms = days_from_civil(y, mo, d) * MS_PER_DAY;
    let mut i = 10;
    if i == b.len() {
        return Some(ms);
    }
    if b[i] != b'T' && b[i] != b't' && b[i] != b' ' {
        return None;
    }
    i += 1;
    if b.len() < i + 5 || b[i + 2] != b':' {
        return None;
    }
    let h = num(&b[i..i + 2])?;
    let mi = num(&b[i + 3..i + 5])?;
    i += 5;
    let mut sec = 0;
    if i < b.len() && b[i] == b':' {
        sec = num(b.get(i + 1..i + 3)?)?;
        i += 3;
    }
    if h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    ms += (h * 3600 + mi * 60 + sec) * 1000;
    if i < b.len() && (b[i] == b'.' || b[i] == b',') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let frac = &b[start..i];
        if frac.is_empty() {
            return None;
        }
        let mut milli = 0i64;
        for k in 0..3 {
            milli = milli * 10 + frac.get(k).map_or(0, |c| (c - b'0') as i64);
        }
        ms += milli;
    }
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    if i == b.len() {
        return Some(ms);
    }
    match b[i] {
        b'Z' | b'z' if i + 1 == b.len() => Some(ms),
        b'+' | b'-' => {
            let sign = if b[i] == b'+' { 1 } else { -1 };
            let rest: Vec<u8> = b[i + 1..].iter().copied().filter(|c| *c != b':').collect();
            if rest.len() != 4 {
                return None;
            }
            let oh = num(&rest[0..2])?;
            let om = num(&rest[2..4])?;
            if oh > 23 || om > 59 {
                return None;
            }
            Some(ms - sign * (oh * 3600 + om * 60) * 1000)
        }
        b'U' if &b[i..] == b"UTC" => Some(ms),
        _ => None,
    }
}

/// Slack's `ts`: a decimal string of epoch seconds, e.g. `"1452845865.000008"`.
/// Milliseconds are kept; the micro-digits only make ids unique and are dropped.
pub fn parse_epoch_seconds(s: &str) -> Option<i64> {
    let s = s.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || whole.len() > 12 || !whole.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if !frac.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let secs: i64 = whole.parse().ok()?;
    let mut milli = 0i64;
    for k in 0..3 {
        milli = milli * 10 + frac.as_bytes().get(k).map_or(0, |c| (c - b'0') as i64);
    }
    Some(secs * 1000 + milli)
}

/// ISO week (year, week 1..=53) of a day number; weeks start on Monday.
pub fn iso_week(day: i64) -> (i64, u32) {
    // 1970-01-01 was a Thursday: weekday 0 = Monday.
    let weekday = (day + 3).rem_euclid(7);
    let thursday = day - weekday + 3;
    let (y, _, _) = civil_from_days(thursday);
    let jan1 = days_from_civil(y, 1, 1);
    (y, ((thursday - jan1) / 7 + 1) as u32)
}

/// Monday (day number) of the ISO week that holds `day`.
pub fn week_start(day: i64) -> i64 {
    day - (day + 3).rem_euclid(7)
}

/// Month index (year * 12 + month - 1) of a day number: a dense key for monthly series.
pub fn month_index(day: i64) -> i64 {
    let (y, m, _) = civil_from_days(day);
    y * 12 + m as i64 - 1
}

/// `YYYY-MM` of a month index.
pub fn format_month(idx: i64) -> String {
    format!("{:04}-{:02}", idx.div_euclid(12), idx.rem_euclid(12) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for z in [-800_000i64, -1, 0, 1, 10_957, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn timestamps() {
        assert_eq!(parse_timestamp("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_timestamp("2025-08-14T17:26:09.203+00:00"), Some(1_755_192_369_203));
        // 17:26 at +07:00 is 10:26 UTC.
        assert_eq!(parse_timestamp("2025-08-14T17:26:09+07:00"), Some(1_755_192_369_000 - 7 * 3_600_000));
        assert_eq!(parse_timestamp("2013/03/13 21:08:48 +0000"), Some(1_363_208_928_000));
        assert_eq!(parse_timestamp("2013-03-13 21:08:48"), Some(1_363_208_928_000));
        assert_eq!(parse_timestamp("2020-02-30T00:00:00Z"), None);
        assert_eq!(parse_timestamp("yesterday"), None);
        assert_eq!(parse_timestamp("2020-01-01T10:00:00.1234567Z"), Some(1_577_872_800_123));
    }

    #[test]
    fn slack_ts() {
        assert_eq!(parse_epoch_seconds("1452845865.000008"), Some(1_452_845_865_000));
        assert_eq!(parse_epoch_seconds("1452845865.123456"), Some(1_452_845_865_123));
        assert_eq!(parse_epoch_seconds("-5"), None);
        assert_eq!(parse_epoch_seconds("abc"), None);
    }

    #[test]
    fn iso_weeks() {
        // 2021-01-03 (Sunday) belongs to ISO week 53 of 2020; 2021-01-04 starts week 1.
        assert_eq!(iso_week(days_from_civil(2021, 1, 3)), (2020, 53));
        assert_eq!(iso_week(days_from_civil(2021, 1, 4)), (2021, 1));
        assert_eq!(week_start(days_from_civil(2021, 1, 3)), days_from_civil(2020, 12, 28));
        assert_eq!(format_iso(1_452_845_865_123), "2016-01-15T08:17:45.123Z");
        assert_eq!(format_month(month_index(days_from_civil(2016, 1, 15))), "2016-01");
    }
}
