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

mod clover;
mod funnel;
mod inequality;
mod insights;
mod leaderboard;
mod network;
mod pass;
mod personas;
mod series;
mod window;

pub use clover::{level_name, Clover, Indicator, IndicatorId, Leaf, LeafName, VEINS};
pub use funnel::{Cohort, FunnelStage, MonthFunnel, Stage};
pub use inequality::{Inequality, LorenzPoint, Rule90_9_1};
pub use insights::{DashboardView, Insight};
pub use leaderboard::{pseudonym, LeaderRow, Pseudonyms};
pub use network::{Edge, ExchangeMatrix, Network, Node};
pub use personas::{classify as persona, Persona, PersonaCounts};
pub use series::{ResponseTime, WeekPoint};

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

/// Every view's data for one window and segment. When `suppressed` is true (the segment has
/// fewer people than the privacy floor) every number is left out: options are `None` and
/// lists are empty.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Analysis {
    pub window: Window,
    pub segment: SegmentInfo,
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
}

impl<'a> Analyzer<'a> {
    pub fn new(ds: &'a Dataset) -> Analyzer<'a> {
        Analyzer { ds, index: pass::Index::new(ds), name_order: leaderboard::name_order(ds) }
    }

    pub fn dataset(&self) -> &'a Dataset {
        self.ds
    }

    /// Computes every view for the window and segment in `p`.
    pub fn analyze(&self, p: &Params) -> Analysis {
        analyze_indexed(self.ds, &self.index, &self.name_order, p)
    }
}

/// A dataset that owns its prepared index: what a long-lived holder keeps (the browser's
/// worker answers every filter change from one), where an [`Analyzer`]'s borrow would not do.
pub struct PreparedDataset {
    ds: Dataset,
    index: pass::Index,
    name_order: Vec<u32>,
}

impl PreparedDataset {
    pub fn new(ds: Dataset) -> PreparedDataset {
        let index = pass::Index::new(&ds);
        let name_order = leaderboard::name_order(&ds);
        PreparedDataset { ds, index, name_order }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.ds
    }

    /// Computes every view for the window and segment in `p`.
    pub fn analyze(&self, p: &Params) -> Analysis {
        analyze_indexed(&self.ds, &self.index, &self.name_order, p)
    }
}

fn analyze_indexed(ds: &Dataset, index: &pass::Index, name_order: &[u32], p: &Params) -> Analysis {
    {
        let scope = window::Scope::new(ds, p, &index.fixed);
        let mut a = Analysis {
            window: scope.window_info(),
            segment: SegmentInfo {
                departments: p.segment.departments.clone(),
                locations: p.segment.locations.clone(),
                spaces: p.segment.spaces.clone(),
                leaders: p.segment.leaders,
                include_direct: p.include_direct,
                min_group: p.min_group,
            },
            notes: scope.notes.clone(),
            ..Default::default()
        };
        if ds.people.len() >= MAX_PEOPLE || ds.spaces.len() >= pass::MAX_SPACES {
            a.notes.push("Too many people or spaces to analyse.".to_string());
            return a;
        }

        let pass = pass::Pass::run(ds, index, &scope, p.network_edges);
        let members = funnel::members(ds, &scope, &pass);
        let size = if scope.space_filter {
            members.iter().filter(|&&m| pass.acc[m as usize].active()).count()
        } else {
            members.len()
        };
        if !p.segment.is_empty() && size < p.min_group {
            a.suppressed = true;
            a.insights = insights::suppressed(p.min_group);
            return a;
        }

        let names = leaderboard::Names::new(ds, p.pseudonymise, name_order);
        a.totals = Some(series::totals(&scope, &pass));
        let f = funnel::funnel(ds, &scope, &pass, &members);
        // The views below read the pass and write nothing shared: two threads where there are.
        let (people, time) = pass::both(
            pass.acc.len() >= PARALLEL_PEOPLE,
            || {
                let boards = leaderboard::boards(ds, &scope, &pass, &members, &pass.previous, p, &names);
                let personas = personas::counts(&pass, &members);
                let inequality = inequality::compute(&pass, &members);
                let response_time = series::response_time(&pass);
                (boards, personas, inequality, response_time)
            },
            || {
                let series = series::weekly(&scope, &pass);
                let by_month = funnel::by_month(ds, &scope, &pass);
                let cohorts = funnel::cohorts(ds, &scope, &pass);
                (series, by_month, cohorts)
            },
        );
        let (boards, personas, inequality, response_time) = people;
        (a.series, a.funnel_by_month, a.cohorts) = time;
        a.response_time = Some(response_time);
        a.leaderboard = boards.all;
        a.leaders_board = boards.leaders;
        a.ranked = Some(boards.ranked);
        a.personas = Some(personas);
        a.inequality = inequality;
        a.network = Some(network::network(ds, &scope, &pass, &names));
        a.exchange = Some(network::matrix(&scope, &pass));
        a.clover = Some(clover::compute(ds, &scope, &pass, &members, &f, &a.series, p));
        a.funnel = f;
        a.insights = insights::headline(&a, &pass);
        a
    }
}

/// Below this many people a second thread for the views costs more than it saves.
const PARALLEL_PEOPLE: usize = 2_000;

/// Person indices must stay below `NONE`; datasets this large are refused with a note.
const MAX_PEOPLE: usize = u32::MAX as usize;
