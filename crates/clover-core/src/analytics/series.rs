//! Weekly series, totals and response times.

use super::pass::Pass;
use super::window::Scope;
use super::Totals;
use crate::civil::{self, format_date, MS_PER_DAY};

/// One ISO week (UTC) of the window. Partial weeks at the window's edges count only the
/// window's days.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WeekPoint {
    /// ISO week, `2024-W03`.
    pub week: String,
    /// Its Monday, `YYYY-MM-DD`.
    pub start: String,
    /// Segment people with a post, reply or reaction that week.
    pub active: u64,
    /// Segment people with a post or reply that week.
    pub contributors: u64,
    pub posts: u64,
    pub replies: u64,
    /// Reactions given to other people's messages.
    pub reactions: u64,
}

/// Time to first response: for the segment's posts in the window, the first reply in the
/// thread by someone other than the author (looking up to 48 h past the window's end).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ResponseTime {
    pub posts: u64,
    pub answered: u64,
    pub answered_within_48h: u64,
    /// Median over answered posts, in hours.
    pub median_hours: Option<f64>,
}

pub(crate) fn weekly(sc: &Scope, pass: &Pass) -> Vec<WeekPoint> {
    let n = sc.nweeks;
    let (active, contributors) = pass.weekly_people(sc);
    (0..n)
        .map(|w| {
            let monday = sc.week0 + 7 * w as i64;
            let (y, wk) = civil::iso_week(monday);
            WeekPoint {
                week: format!("{y:04}-W{wk:02}"),
                start: format_date(monday * MS_PER_DAY),
                active: active[w],
                contributors: contributors[w],
                posts: pass.week_posts[w],
                replies: pass.week_replies[w],
                reactions: pass.week_reactions[w],
            }
        })
        .collect()
}

pub(crate) fn totals(sc: &Scope, pass: &Pass) -> Totals {
    let mut t = Totals {
        posts: pass.week_posts.iter().sum(),
        replies: pass.week_replies.iter().sum(),
        reactions: pass.week_reactions.iter().sum(),
        ..Default::default()
    };
    for p in 0..sc.in_seg.len() {
        if sc.in_seg[p] {
            t.responses += pass.acc[p].given as u64;
        }
    }
    t.active_spaces = pass.space_contribs.iter().filter(|&&c| c > 0).count() as u64;
    t
}

pub(crate) fn median(v: &mut [u32]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mid = v.len() / 2;
    let (_, &mut hi, _) = v.select_nth_unstable(mid);
    if v.len() % 2 == 1 {
        return Some(hi as f64);
    }
    let lo = v[..mid].iter().copied().max().unwrap_or(hi);
    Some((lo as f64 + hi as f64) / 2.0)
}

pub(crate) fn response_time(pass: &Pass) -> ResponseTime {
    let mut secs = pass.answer_secs.clone();
    ResponseTime {
        posts: pass.seg_posts,
        answered: secs.len() as u64,
        answered_within_48h: secs.iter().filter(|&&s| s <= 48 * 3600).count() as u64,
        median_hours: median(&mut secs).map(|s| s / 3600.0),
    }
}
