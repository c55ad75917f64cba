//! Departments, locations, and leaders against everyone else, compared side by side in the
//! window: each segment's funnel, median time to a first response and Clover scores. A
//! segment below the privacy floor appears as suppressed, with no number at all (not even
//! its size), and so does any row whose numbers would give a hidden row's away by
//! subtraction (`privacy::secondary_suppression`).

use super::clover::CloverScores;
use super::funnel::{FunnelStage, Stage};
use super::{privacy, Analysis, Params, Segment};

/// What kind of group a segment row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    Department,
    Location,
    /// Leaders, or everyone but the leaders (the row's name says which).
    Leaders,
}

/// One segment of the comparison.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SegmentRow {
    pub kind: SegmentKind,
    pub name: String,
    /// Below the privacy floor: every number below is left out.
    pub suppressed: bool,
    /// Members of the segment in the window (None when suppressed).
    pub people: Option<u64>,
    /// The six stages; `of_members` gives the active, contributor and engaged shares.
    pub funnel: Vec<FunnelStage>,
    /// Median hours from a post to its first answer by someone else.
    pub median_response_hours: Option<f64>,
    pub clover: Option<CloverScores>,
}

/// The name of the row of leaders and of everyone else.
pub const LEADERS: &str = "Leaders";
pub const OTHERS: &str = "Everyone else";

/// Every department and location in the data (with at least one person), then leaders and
/// everyone else when the data flags leaders. Each row keeps the other filters of `p` and
/// replaces its own kind's: the department rows of a location filter are that location's
/// departments. `analyze` is a brief analysis of one segment; `total` the members of the
/// group the rows divide (a hidden row must not be its total minus the rows shown).
pub(crate) fn compute(
    p: &Params,
    departments: &[String],
    locations: &[String],
    any_leader: bool,
    total: u64,
    analyze: &dyn Fn(&Params) -> Analysis,
) -> Vec<SegmentRow> {
    let mut rows = Vec::new();
    let mut run = |kind: SegmentKind, name: &str, segment: Segment| {
        let q = Params { segment, compare: super::Compare::None, segments: false, journey: None, ..p.clone() };
        let a = analyze(&q);
        rows.push(row(kind, name, &a));
    };
    for d in departments {
        run(SegmentKind::Department, d, Segment { departments: vec![d.clone()], ..p.segment.clone() });
    }
    for l in locations {
        run(SegmentKind::Location, l, Segment { locations: vec![l.clone()], ..p.segment.clone() });
    }
    if any_leader {
        run(SegmentKind::Leaders, LEADERS, Segment { leaders: Some(true), ..p.segment.clone() });
        run(SegmentKind::Leaders, OTHERS, Segment { leaders: Some(false), ..p.segment.clone() });
    }
    for kind in [SegmentKind::Department, SegmentKind::Location, SegmentKind::Leaders] {
        let at: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].kind == kind).collect();
        let sizes: Vec<Option<u64>> = at.iter().map(|&i| rows[i].people).collect();
        for (&i, hide) in at.iter().zip(privacy::secondary_suppression(&sizes, total, p.min_group)) {
            if hide && !rows[i].suppressed {
                rows[i] = hidden(kind, &rows[i].name);
            }
        }
    }
    rows
}

fn hidden(kind: SegmentKind, name: &str) -> SegmentRow {
    SegmentRow {
        kind,
        name: name.to_string(),
        suppressed: true,
        people: None,
        funnel: Vec::new(),
        median_response_hours: None,
        clover: None,
    }
}

fn row(kind: SegmentKind, name: &str, a: &Analysis) -> SegmentRow {
    if a.suppressed {
        return hidden(kind, name);
    }
    SegmentRow {
        kind,
        name: name.to_string(),
        suppressed: false,
        people: Some(a.count(Stage::Members)),
        funnel: a.funnel.clone(),
        median_response_hours: a.response_time.as_ref().and_then(|r| r.median_hours),
        clover: a.clover.as_ref().map(|c| c.scores()),
    }
}
