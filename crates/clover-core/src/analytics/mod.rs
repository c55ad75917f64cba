//! Adoption analytics on a [`Dataset`]: the funnel, the leaderboard and personas, Clover
//! maturity, weekly series, participation inequality, the interaction network, the
//! cross-department matrix and headline insights — every view in one call to [`analyze`].
//!
//! The definitions (every formula and edge case) are in `docs/metrics.md`; the tests in
//! `tests/analytics_*.rs` check each one on small hand-computed datasets, and the optimised
//! code against a naive implementation on random data.
//!
//! Speed: an [`Analyzer`] resolves once per dataset what every message and reaction counts as
//! and whom it answers, grouped by person in time order; each analysis then visits only the
//! segment's people and reads their events in order (no hashing in the hot loops). Changing the
//! window or the segment only re-runs [`Analyzer::analyze`]: nothing is re-imported.

mod claims;
mod clover;
mod compare;
mod figures;
mod funnel;
mod indicators;
mod inequality;
mod insights;
mod journey;
mod leaderboard;
mod limits;
mod network;
mod pass;
pub mod periods;
mod personas;
mod privacy;
mod reports;
mod segments;
mod series;
mod story;
mod window;

pub use claims::{
    few_indicators, limit_topic, stage_label_for, stage_noun, stage_title, Claim, Moved, People, Ranked, Standing,
};
pub use clover::{
    level_index, level_name, Basis, Clover, CloverScores, Coverage, Gap, Indicator, IndicatorId, Leaf, LeafName,
    LeafScore, Limit, NextStep, Ratio, Status, LEVELS, VEINS,
};
pub use compare::{Baseline, Change, Direction, Headline, Metric, MetricUnit};
pub use figures::Figure;
/// The six stages from their counts (a snapshot carries only the counts).
pub(crate) use funnel::stages as funnel_stages;
pub use funnel::{Cohort, FunnelStage, MonthFunnel, Stage, REPORT_STAGES};
pub use indicators::ACROSS_SPACES;
pub use inequality::{Inequality, LorenzPoint, Rule90_9_1};
pub use insights::{DashboardView, Insight};
pub use journey::{Journey, JourneyPeriod, LevelReached, Now};
pub use leaderboard::{pseudonym, LeaderRow, Pseudonyms};
pub use limits::LimitKind;
pub use network::{Edge, ExchangeMatrix, Network, Node};
pub use periods::{Unit, WindowPreset};
pub use personas::{classify as persona, Persona, PersonaCounts};
pub use reports::{ReportReaders, ACTIVATION_READING};
pub use segments::{SegmentKind, SegmentRow};
pub use series::{ResponseTime, WeekPoint};
pub use story::{Slide, SlideClaims, SlideKind};

use crate::civil;
use crate::model::Dataset;

/// Which people and spaces an analysis looks at. Within one list any entry matches (OR);
/// across lists all must match (AND). Empty lists and `None` do not filter.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Segment {
    /// Department names (compared trimmed, case-insensitively).
    pub departments: Vec<String>,
    /// Location names (compared trimmed, case-insensitively).
    pub locations: Vec<String>,
    /// Space keys (exact) or names (trimmed, case-insensitive). Restricts messages, not people.
    pub spaces: Vec<String>,
    /// `Some(true)`: leaders only; `Some(false)`: everyone but leaders.
    pub leaders: Option<bool>,
}

impl Segment {
    /// Whether the segment restricts the people counted.
    pub fn filters_people(&self) -> bool {
        !self.departments.is_empty() || !self.locations.is_empty() || self.leaders.is_some()
    }
    /// Whether the segment restricts messages to some spaces.
    pub fn filters_spaces(&self) -> bool {
        !self.spaces.is_empty()
    }
    pub fn is_empty(&self) -> bool {
        !self.filters_people() && !self.filters_spaces()
    }
}

/// Leaderboard score weights: score = Σ weight · count.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Weights {
    pub posts: f64,
    pub replies: f64,
    pub reactions_given: f64,
    pub replies_received: f64,
    pub reactions_received: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { posts: 3.0, replies: 2.0, reactions_given: 1.0, replies_received: 2.0, reactions_received: 1.0 }
    }
}

/// Clover indicator targets, as shares (0.8 = 80 %). An indicator scores
/// `min(100, 100 · value / target)`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Targets {
    pub leader_activation: f64,
    pub leader_responsiveness: f64,
    pub leader_reach: f64,
    pub cross_functional: f64,
    pub key_player_resilience: f64,
    pub responsiveness: f64,
    pub openness: f64,
    pub collaboration: f64,
    pub reciprocity: f64,
    pub reach: f64,
    pub activation: f64,
    pub habit: f64,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            leader_activation: 0.8,
            leader_responsiveness: 0.4,
            leader_reach: 0.3,
            cross_functional: 0.4,
            key_player_resilience: 0.2,
            responsiveness: 0.7,
            openness: 0.85,
            collaboration: 0.6,
            reciprocity: 0.5,
            reach: 0.9,
            activation: 0.6,
            habit: 0.5,
        }
    }
}

/// What to analyse and how. `Params::default()` is the whole data range, everyone, no
/// direct conversations, a privacy floor of 5, the default weights and targets.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Params {
    /// First day of the window (days since 1970-01-01, UTC; see `civil::parse_date`).
    pub from: Option<i64>,
    /// Last day of the window, inclusive.
    pub to: Option<i64>,
    pub segment: Segment,
    /// Count direct conversations (`SpaceKind::Direct`) too.
    pub include_direct: bool,
    /// Privacy floor: a segment with fewer people is reported as suppressed.
    pub min_group: usize,
    pub weights: Weights,
    pub targets: Targets,
    /// Leaderboard length (both boards).
    pub top: usize,
    /// The network keeps only its strongest `network_edges` edges.
    pub network_edges: usize,
    /// The 12 veins of the Clover self-assessment (three per leaf, in the order of
    /// [`VEINS`]), each 0–4; values above 4 count as 4.
    pub self_assessment: Option<[u8; 12]>,
    /// Show people as stable pseudonyms ("Person 0412") instead of names and ids.
    pub pseudonymise: bool,
    /// What the window is compared with (`docs/metrics.md`, "Comparisons").
    pub compare: Compare,
    /// A relative change (%) is given only when both periods' bases (people or events) are
    /// at least this large; below it, only the absolute change.
    pub min_base: u64,
    /// Compute `segments`: every department, location, and leaders against everyone else.
    pub segments: bool,
    /// Compute the maturity `journey` by calendar month or quarter (whole data range).
    pub journey: Option<Unit>,
}

/// What a window is compared with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Compare {
    /// Nothing: no baseline and no changes.
    #[default]
    None,
    /// The period before, in the window's own calendar unit: the quarter before a quarter,
    /// the 30 days before 30 days (`periods::previous`).
    Previous,
    /// The same window a year earlier.
    Year,
    /// Any window (days since 1970-01-01, inclusive).
    Window { from: i64, to: i64 },
}

impl Compare {
    /// Reads `none`, `previous`, `year` or `YYYY-MM-DD..YYYY-MM-DD` (the CLI's `--compare` and
    /// the page's link use the same words).
    pub fn parse(s: &str) -> Result<Compare, String> {
        let s = s.trim();
        match s {
            "" | "none" => Ok(Compare::None),
            "previous" => Ok(Compare::Previous),
            "year" => Ok(Compare::Year),
            _ => {
                let bad = || format!("{s:?} is not a comparison: say previous, year or YYYY-MM-DD..YYYY-MM-DD");
                let (a, b) = s.split_once("..").ok_or_else(bad)?;
                let (from, to) = (civil::parse_date(a).ok_or_else(bad)?, civil::parse_date(b).ok_or_else(bad)?);
                if from > to {
                    return Err(format!("{s:?}: the comparison window ends before it starts"));
                }
                Ok(Compare::Window { from, to })
            }
        }
    }

    /// The words [`Compare::parse`] reads.
    pub fn render(self) -> String {
        let day = |d: i64| civil::format_date(d * civil::MS_PER_DAY);
        match self {
            Compare::None => "none".to_string(),
            Compare::Previous => "previous".to_string(),
            Compare::Year => "year".to_string(),
            Compare::Window { from, to } => format!("{}..{}", day(from), day(to)),
        }
    }
}

impl Default for Params {
    fn default() -> Self {
        Params {
            from: None,
            to: None,
            segment: Segment::default(),
            include_direct: false,
            min_group: 5,
            weights: Weights::default(),
            targets: Targets::default(),
            top: 50,
            network_edges: 200,
            self_assessment: None,
            pseudonymise: false,
            compare: Compare::None,
            min_base: 30,
            segments: false,
            journey: None,
        }
    }
}

/// The window actually analysed: the requested one, clipped to the days that have data.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Window {
    /// `YYYY-MM-DD` (UTC), inclusive; `None` when there is no data in the window.
    pub from: Option<String>,
    pub to: Option<String>,
    pub days: u64,
    /// ISO weeks (UTC) the window touches.
    pub weeks: u64,
    /// The previous window of the same length (rank movement is measured against it).
    pub previous_from: Option<String>,
    pub previous_to: Option<String>,
    /// Whether the data reaches into the previous window (without it, every rank is new).
    pub previous_has_data: bool,
    /// Why the window is partial (its first or last calendar period is not fully covered by
    /// the data), or None (`periods::partial`).
    pub partial: Option<String>,
    /// The window as people name it: `2025 Q2`, `May 2025`, `2025-01-01 – 2025-03-31`.
    pub label: Option<String>,
}

/// What the analysis covered, echoed back.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SegmentInfo {
    pub departments: Vec<String>,
    pub locations: Vec<String>,
    pub spaces: Vec<String>,
    pub leaders: Option<bool>,
    pub include_direct: bool,
    pub min_group: usize,
    /// The minimum base of a share or a percentage change (`Params::min_base`).
    #[serde(default = "default_min_base")]
    pub min_base: u64,
}

impl SegmentInfo {
    /// The segment and the floors `p` asks for, as the analysis echoes them.
    pub(crate) fn of(p: &Params) -> SegmentInfo {
        SegmentInfo {
            departments: p.segment.departments.clone(),
            locations: p.segment.locations.clone(),
            spaces: p.segment.spaces.clone(),
            leaders: p.segment.leaders,
            include_direct: p.include_direct,
            min_group: p.min_group,
            min_base: p.min_base,
        }
    }
}

/// Overall activity in the window, by the people of the segment.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Totals {
    pub posts: u64,
    pub replies: u64,
    /// Reactions given to other people's posts and replies.
    pub reactions: u64,
    /// Responses given (replies to other people's messages and reactions to them).
    pub responses: u64,
    /// Spaces with at least one post or reply by the segment.
    pub active_spaces: u64,
}

/// What an analysis was computed from. Serialised in snake_case (`"reports"`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataKind {
    /// A message export: posts, replies and reactions, who answered whom.
    #[default]
    Export,
    /// Activity reports: what each person did over a report's window, reading included,
    /// never who answered whom (`docs/metrics.md`, "Activity reports").
    Reports,
}

/// Every view's data for one window and segment. When `suppressed` is true (the segment has
/// fewer people than the privacy floor) every number is left out: options are `None` and
/// lists are empty.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Analysis {
    /// What the numbers come from: a message export, or activity reports.
    #[serde(default)]
    pub data: DataKind,
    pub window: Window,
    pub segment: SegmentInfo,
    /// The export lists its members (or a roster does). Without a member list, "members"
    /// are the people seen taking part, and the page and the sentences say so.
    #[serde(default = "yes")]
    pub member_list: bool,
    pub suppressed: bool,
    /// Things the reader should know about how the numbers were computed.
    pub notes: Vec<String>,
    pub totals: Option<Totals>,
    /// The six stages in order: workforce, members, active, contributors, engaged, champions.
    pub funnel: Vec<FunnelStage>,
    pub funnel_by_month: Vec<MonthFunnel>,
    pub cohorts: Vec<Cohort>,
    /// People ranked, best first (at most `top`).
    pub leaderboard: Vec<LeaderRow>,
    /// Leaders only, ranked among themselves (at most `top`).
    pub leaders_board: Vec<LeaderRow>,
    /// How many people have a rank (score above 0).
    pub ranked: Option<u64>,
    pub personas: Option<PersonaCounts>,
    pub clover: Option<Clover>,
    pub series: Vec<WeekPoint>,
    pub inequality: Option<Inequality>,
    pub network: Option<Network>,
    pub exchange: Option<ExchangeMatrix>,
    pub response_time: Option<ResponseTime>,
    pub insights: Vec<Insight>,
    /// Complete calendar periods of the data, each with the one before, for fair comparisons.
    pub presets: Vec<WindowPreset>,
    /// The numbers of the window compared with (`params.compare`), when there is one.
    pub baseline: Option<Baseline>,
    /// How each headline metric changed against the baseline, honestly worded.
    pub changes: Vec<Change>,
    /// Each department and location, and leaders against everyone else (`params.segments`).
    pub segments: Vec<SegmentRow>,
    /// The maturity journey over calendar periods (`params.journey`).
    pub journey: Option<Journey>,
    /// The leadership review's slides: each one's message and speaker notes.
    pub slides: Vec<Slide>,
    /// The headline figures as the Overview's cards and the deck show them.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Beside a message export: the readers its tool's activity report of the same window
    /// adds (`docs/metrics.md`, "Activity reports").
    #[serde(default)]
    pub readers: Option<ReportReaders>,
}

/// Serde's default for fields added after links and summaries were made: what they meant.
fn yes() -> bool {
    true
}

fn default_min_base() -> u64 {
    Params::default().min_base
}

impl Analysis {
    /// The funnel stage `s` (absent when the analysis was suppressed).
    pub fn stage(&self, s: Stage) -> Option<&FunnelStage> {
        self.funnel.iter().find(|f| f.stage == s)
    }

    /// How many people reached stage `s` (0 when suppressed).
    pub fn count(&self, s: Stage) -> u64 {
        self.stage(s).map_or(0, |f| f.count)
    }
}

/// The claims behind every sentence of an analysis: its insights (each with the view it
/// links to) and its slides. The `Analysis` carries their text; these carry their numbers,
/// so that a test can check every sentence against the analysis it describes.
pub fn claims(a: &Analysis) -> (Vec<(DashboardView, Claim)>, Vec<SlideClaims>) {
    (insights::claims(a), story::claims(a))
}

/// Computes every view for the window and segment in `p`. Builds an [`Analyzer`] and drops
/// it: to analyse the same dataset again (another window or segment), keep an [`Analyzer`].
pub fn analyze(ds: &Dataset, p: &Params) -> Analysis {
    Analyzer::new(ds).analyze(p)
}

/// A dataset made ready for analysis: for every message and reaction, whether it counts and
/// whom it responds to, resolved once (one pass over the messages and one over the
/// reactions). Changing the window or the segment then only re-runs [`Analyzer::analyze`].
pub struct Analyzer<'a> {
    ds: &'a Dataset,
    index: pass::Index,
    /// Each person's place in name order (leaderboard ties).
    name_order: Vec<u32>,
    /// Activity reports without a message export: analysed on their own path.
    reports: Option<reports::Prepared>,
}

/// The reports of a dataset that holds activity reports and no message export: what the
/// report path analyses (`analytics/reports.rs`). A message export with reports beside it
/// is analysed from its messages.
fn reports_only(ds: &Dataset) -> Option<reports::Prepared> {
    let r = ds.reports.as_ref()?;
    (!ds.has_messages()).then(|| reports::Prepared::new(ds, r))
}

impl<'a> Analyzer<'a> {
    pub fn new(ds: &'a Dataset) -> Analyzer<'a> {
        Analyzer { ds, index: pass::Index::new(ds), name_order: leaderboard::name_order(ds), reports: reports_only(ds) }
    }

    pub fn dataset(&self) -> &'a Dataset {
        self.ds
    }

    /// Computes every view for the window and segment in `p`.
    pub fn analyze(&self, p: &Params) -> Analysis {
        if let (Some(prep), Some(r)) = (&self.reports, &self.ds.reports) {
            return reports::analyze(self.ds, r, prep, p);
        }
        analyze_indexed(self.ds, &self.index, &self.name_order, p, &|q, by| self.journey(q, by), None)
    }

    /// The maturity journey by `by` for the segment and settings of `p` (its window is
    /// ignored: the journey covers the data's whole range).
    pub fn journey(&self, p: &Params, by: Unit) -> Journey {
        if let (Some(prep), Some(r)) = (&self.reports, &self.ds.reports) {
            return reports::journey(self.ds, r, prep, p, by);
        }
        journey_indexed(self.ds, &self.index, &self.name_order, p, by)
    }

    /// [`Analyzer::journey`] with every period analysed on its own (a pass each) instead of
    /// swept in one pass: the reference the sweep is tested against, field by field
    /// (`tests/analytics_reference.rs`).
    #[doc(hidden)]
    pub fn journey_by_period(&self, p: &Params, by: Unit) -> Journey {
        journey_by_period(self.ds, &self.index, &self.name_order, p, by)
    }
}

fn journey_indexed(ds: &Dataset, index: &pass::Index, name_order: &[u32], p: &Params, by: Unit) -> Journey {
    let (by, periods) = journey::periods(by, index.fixed.days);
    // Periods are swept in groups, so that the records of the people active in them stay
    // within a bound on a very large dataset (all periods at once on the demo's 20,000).
    const SWEPT_RECORDS: usize = 1 << 20;
    let group = (SWEPT_RECORDS / ds.people.len().max(1)).max(1);
    let mut analyses = Vec::with_capacity(periods.len());
    if !too_many(ds) {
        let base = window::Scope::new(ds, p, &index.fixed);
        for part in periods.chunks(group) {
            let scopes: Vec<window::Scope> = part
                .iter()
                .map(|&(from, to, _)| {
                    let mut sc = base.with_window(ds, Some(from), Some(to));
                    sc.previous = false;
                    sc
                })
                .collect();
            let Some(mut swept) = pass::Pass::sweep(ds, index, &scopes) else { break };
            for (k, (sc, &(from, to, _))) in scopes.iter().zip(part).enumerate() {
                let q = journey::period_params(p, from, to);
                let a = window_header(index, &q, sc);
                analyses.push(window_views(ds, name_order, &q, sc, swept.pass(k, sc), Depth::Brief, a));
            }
        }
    }
    if analyses.len() < periods.len() {
        // Windows a sweep cannot take (they overlap in the index's days, or the dataset is
        // too large to analyse): one by one.
        return journey_by_period(ds, index, name_order, p, by);
    }
    journey::assemble(by, p, &periods, analyses.into_iter())
}

/// The journey with every period analysed on its own: what [`journey_indexed`] sweeps in one
/// pass, kept as its reference.
fn journey_by_period(ds: &Dataset, index: &pass::Index, name_order: &[u32], p: &Params, by: Unit) -> Journey {
    let brief = |q: &Params| analyze_window(ds, index, name_order, q, Depth::Brief, None);
    journey::compute(by, p, index.fixed.days, &brief)
}

/// A dataset that owns its prepared index: what a long-lived holder keeps (the browser's
/// worker answers every filter change from one), where an [`Analyzer`]'s borrow would not do.
pub struct PreparedDataset {
    ds: Dataset,
    index: pass::Index,
    name_order: Vec<u32>,
    /// The last journey and what it was computed for: the journey does not depend on the
    /// window, so moving the dates reuses it (a journey costs an analysis per period).
    journey: std::sync::Mutex<Option<(Params, Journey)>>,
    /// The last window analysed for everyone, kept so that a filter of people in the same
    /// window is added up from it instead of read from the events again.
    everyone: Everyone,
    /// Activity reports without a message export: analysed on their own path.
    reports: Option<reports::Prepared>,
}

/// The all-people pass kept by a [`PreparedDataset`] (see [`pass::Everyone`]).
type Everyone = std::sync::Mutex<Option<std::sync::Arc<pass::Everyone>>>;

impl PreparedDataset {
    pub fn new(ds: Dataset) -> PreparedDataset {
        let index = pass::Index::new(&ds);
        let name_order = leaderboard::name_order(&ds);
        let reports = reports_only(&ds);
        PreparedDataset {
            ds,
            index,
            name_order,
            journey: std::sync::Mutex::new(None),
            everyone: Default::default(),
            reports,
        }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.ds
    }

    /// Computes every view for the window and segment in `p`.
    pub fn analyze(&self, p: &Params) -> Analysis {
        // Activity reports alone never reach the message pass, kept or not: they have their
        // own path, filters included (a kept pass counts only message people).
        if let (Some(prep), Some(r)) = (&self.reports, &self.ds.reports) {
            return reports::analyze(&self.ds, r, prep, p);
        }
        let journey = |q: &Params, by| self.journey(q, by);
        analyze_indexed(&self.ds, &self.index, &self.name_order, p, &journey, Some(&self.everyone))
    }

    /// The maturity journey by `by` for the segment and settings of `p`, reused while only
    /// the window, the comparison, the leaderboard's length or weights change.
    pub fn journey(&self, p: &Params, by: Unit) -> Journey {
        let key = Params {
            from: None,
            to: None,
            compare: Compare::None,
            segments: false,
            journey: Some(by),
            top: 0,
            network_edges: 0,
            weights: Weights::default(),
            pseudonymise: false,
            ..p.clone()
        };
        if let (Some(prep), Some(r)) = (&self.reports, &self.ds.reports) {
            return reports::journey(&self.ds, r, prep, p, by);
        }
        let mut cache = self.journey.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((k, j)) = cache.as_ref() {
            if *k == key {
                return j.clone();
            }
        }
        let j = journey_indexed(&self.ds, &self.index, &self.name_order, p, by);
        *cache = Some((key, j.clone()));
        j
    }
}

/// How much of a window's analysis is computed: everything (the window shown), or only
/// what comparisons, journeys and segments read (funnel, personas, Clover, totals, weekly
/// series and response time: no leaderboards, network, matrix, cohorts or monthly funnel).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Depth {
    Full,
    Brief,
}

/// Everything for `p`; `journey` gives the maturity journey (computed, or remembered).
fn analyze_indexed(
    ds: &Dataset,
    index: &pass::Index,
    name_order: &[u32],
    p: &Params,
    journey: &dyn Fn(&Params, Unit) -> Journey,
    everyone: Option<&Everyone>,
) -> Analysis {
    let mut a = analyze_window(ds, index, name_order, p, Depth::Full, everyone);
    let brief = |q: &Params| analyze_window(ds, index, name_order, q, Depth::Brief, everyone);
    let days = index.fixed.days;
    if let Some((first, last)) = days {
        a.presets = periods::presets(first, last);
    }
    if !a.suppressed && a.notes.iter().all(|n| n != TOO_MANY) {
        if let Some((from, to)) = compare::baseline_window(p, days) {
            let q = Params {
                from: Some(from),
                to: Some(to),
                compare: Compare::None,
                segments: false,
                journey: None,
                ..p.clone()
            };
            let baseline = Baseline::from_analysis(brief(&q));
            a.changes = compare::changes(&a, &baseline, p.min_base);
            if let Some(note) = &baseline.note {
                a.notes.push(note.clone());
            }
            a.baseline = Some(baseline);
        }
        if p.segments {
            let f = &index.fixed;
            let total = a.count(Stage::Members);
            a.segments = segments::compute(p, &f.dept_names, &f.loc_names, f.any_leader, total, &brief);
        }
        if let Some(by) = p.journey {
            a.journey = Some(journey(p, by));
        }
    }
    if !a.suppressed && ds.reports.is_some() {
        reports::readers_beside(ds, p, &mut a);
    }
    if !a.suppressed {
        a.insights = insights::headline(&a);
        a.slides = story::slides(&a);
        a.figures = figures::figures(&a);
    }
    a
}

/// The note of a dataset too large to analyse.
const TOO_MANY: &str = "Too many people or spaces to analyse.";

fn analyze_window(
    ds: &Dataset,
    index: &pass::Index,
    name_order: &[u32],
    p: &Params,
    depth: Depth,
    everyone: Option<&Everyone>,
) -> Analysis {
    let full = depth == Depth::Full;
    let mut scope = window::Scope::new(ds, p, &index.fixed);
    scope.previous = full;
    let mut a = window_header(index, p, &scope);
    if too_many(ds) {
        a.notes.push(TOO_MANY.to_string());
        return a;
    }
    let max_edges = if full { p.network_edges } else { 0 };
    let pass = match everyone {
        Some(kept) => pass_kept(ds, index, &scope, max_edges, full, kept),
        None => pass::Pass::run(ds, index, &scope, max_edges),
    };
    window_views(ds, name_order, p, &scope, pass, depth, a)
}

/// The pass of `scope`, added up from the all-people pass kept in `kept` when that is of
/// the same window; a full analysis of everyone (`full`, no filter) keeps its pass there.
fn pass_kept(
    ds: &Dataset,
    index: &pass::Index,
    scope: &window::Scope,
    max_edges: usize,
    full: bool,
    kept: &Everyone,
) -> pass::Pass {
    let lock = || kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let held = lock().clone();
    if let Some(everyone) = held.filter(|e| e.answers(scope)) {
        return everyone.pass(ds, index, scope, max_edges);
    }
    if full && !scope.people_filter && !scope.space_filter {
        let (pass, everyone) = pass::Pass::run_keeping(ds, index, scope, max_edges);
        *lock() = Some(std::sync::Arc::new(everyone));
        return pass;
    }
    pass::Pass::run(ds, index, scope, max_edges)
}

/// Whether the dataset is too large to analyse (see [`TOO_MANY`]).
fn too_many(ds: &Dataset) -> bool {
    ds.people.len() >= MAX_PEOPLE || ds.spaces.len() >= pass::MAX_SPACES
}

/// The analysis of a window before its numbers: the window, the segment, the notes.
fn window_header(index: &pass::Index, p: &Params, scope: &window::Scope) -> Analysis {
    Analysis {
        window: scope.window_info(),
        segment: SegmentInfo::of(p),
        member_list: index.fixed.facts.member_list,
        notes: scope.notes.clone(),
        ..Default::default()
    }
}

/// Every view of the window (or, brief, what comparisons, journeys and segments read) from
/// its pass, into `a` (from [`window_header`]).
fn window_views(
    ds: &Dataset,
    name_order: &[u32],
    p: &Params,
    scope: &window::Scope,
    pass: pass::Pass,
    depth: Depth,
    mut a: Analysis,
) -> Analysis {
    let full = depth == Depth::Full;
    let members = funnel::members(ds, scope, &pass);
    let size = if scope.space_filter {
        members.iter().filter(|&&m| pass.acc[m as usize].active()).count()
    } else {
        members.len()
    };
    if !p.segment.is_empty() && (size < p.min_group || !privacy::complement_shown(scope, p.min_group)) {
        a.suppressed = true;
        a.insights = insights::suppressed(p.min_group);
        return a;
    }

    a.totals = Some(series::totals(scope, &pass));
    let f = funnel::funnel(ds, scope, &pass, &members);
    if !full {
        a.series = series::weekly(scope, &pass);
        a.personas = Some(personas::counts(&pass, &members));
        a.response_time = Some(series::response_time(&pass));
        let m = indicators::Measures { sc: scope, pass: &pass, members: &members, funnel: &f, series: &a.series };
        a.clover = Some(indicators::clover(&m, p));
        a.funnel = f;
        return a;
    }
    let names = leaderboard::Names::new(ds, p.pseudonymise, name_order);
    // The views below read the pass and write nothing shared: two threads where there are.
    let (people, time) = pass::both(
        pass.acc.len() >= PARALLEL_PEOPLE,
        || {
            let boards = leaderboard::boards(ds, scope, &pass, &members, &pass.previous, p, &names);
            let personas = personas::counts(&pass, &members);
            let inequality = inequality::compute(&pass, &members);
            let response_time = series::response_time(&pass);
            (boards, personas, inequality, response_time)
        },
        || {
            let series = series::weekly(scope, &pass);
            let by_month = funnel::by_month(ds, scope, &pass);
            let cohorts = funnel::cohorts(ds, scope, &pass);
            (series, by_month, cohorts)
        },
    );
    let (boards, personas, inequality, response_time) = people;
    (a.series, a.funnel_by_month, a.cohorts) = time;
    a.response_time = Some(response_time);
    a.leaderboard = boards.all;
    a.ranked = Some(boards.ranked);
    if privacy::leaders_shown(scope, &members, p.min_group) {
        a.leaders_board = boards.leaders;
    } else if !boards.leaders.is_empty() {
        a.notes.push(privacy::leaders_board_hidden(p.min_group));
    }
    a.personas = Some(personas);
    a.inequality = inequality;
    a.network = Some(network::network(ds, scope, &pass, &names));
    a.exchange = Some(privacy::pool_small_departments(network::matrix(scope, &pass), scope, &members, p.min_group));
    let m = indicators::Measures { sc: scope, pass: &pass, members: &members, funnel: &f, series: &a.series };
    a.clover = Some(indicators::clover(&m, p));
    a.funnel = f;
    a
}

/// Below this many people a second thread for the views costs more than it saves.
const PARALLEL_PEOPLE: usize = 2_000;

/// Person indices must stay below `NONE`; datasets this large are refused with a note.
const MAX_PEOPLE: usize = u32::MAX as usize;
