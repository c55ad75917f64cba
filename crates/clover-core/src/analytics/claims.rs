//! Every sentence Clover writes about an organisation — insights, the deck's titles and
//! speaker notes, next steps — is a typed claim that carries the numbers it states, and is
//! rendered from them here. A leader may repeat any of these to the board, so the claims
//! follow the same rules everywhere:
//! - a share on a base under the minimum base is given as counts ("4 of 12"), never as a
//!   percentage;
//! - singular and plural agree with the number ("1 catalyst", "No champions yet");
//! - "members" are "people seen in the export" when the export has no member list;
//! - nothing is compared with a baseline that has no data;
//! - a group under the minimum group is never given a number (its numbers are not in the
//!   `Analysis` to begin with: `privacy.rs`).
//!
//! `tests/story_claims.rs` recomputes every claim of every insight, slide and next step
//! from the `Analysis` on many random organisations of different shapes, and checks the
//! rules above on the rendered text.

use super::clover::{Coverage, IndicatorId, LeafName};
use super::compare::{Change, Direction};
use super::funnel::Stage;
use super::limits::LimitKind;
use super::periods::Unit;
use super::personas::PersonaCounts;
use super::DataKind;
use crate::words::{self, capitalise, count, pct, plural};

/// Who "members" are: the export's member list, or only the people seen taking part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum People {
    Members,
    Seen,
}

impl People {
    pub fn of(member_list: bool) -> People {
        if member_list {
            People::Members
        } else {
            People::Seen
        }
    }
    /// `member`/`members`, or `person seen`/`people seen`.
    pub fn noun(self, n: u64) -> &'static str {
        match self {
            People::Members => words::noun(n, "member", "members"),
            People::Seen => words::noun(n, "person seen", "people seen"),
        }
    }
}

/// A stage's people, as a noun: `contributor`/`contributors`.
pub fn stage_noun(stage: Stage, people: People, n: u64) -> &'static str {
    match stage {
        Stage::Workforce => words::noun(n, "person in the workforce", "people in the workforce"),
        Stage::Members => people.noun(n),
        Stage::Active => words::noun(n, "active person", "active people"),
        Stage::Contributors => words::noun(n, "contributor", "contributors"),
        Stage::Engaged => words::noun(n, "engaged contributor", "engaged contributors"),
        Stage::Champions => words::noun(n, "champion", "champions"),
    }
}

/// What the people of a stage did that those of the stage before did not.
fn stage_deed(stage: Stage, part: u64, data: DataKind) -> &'static str {
    match stage {
        Stage::Workforce | Stage::Members => {
            if part == 1 {
                "has an account"
            } else {
                "have an account"
            }
        }
        Stage::Active if data == DataKind::Reports => {
            if part == 1 {
                "was active at all, reading included"
            } else {
                "were active at all, reading included"
            }
        }
        Stage::Active => "took part at all",
        Stage::Contributors => posted(data),
        Stage::Engaged => "both gave and received responses",
        Stage::Champions => "kept posting in at least half of the weeks",
    }
}

/// What a contributor did: posted or replied (a message export), posted (activity reports,
/// whose posts hold replies).
fn posted(data: DataKind) -> &'static str {
    match data {
        DataKind::Export => "posted or replied",
        DataKind::Reports => "posted",
    }
}

/// What the contributions are called: posts and replies, or everything posted.
fn all_posts(data: DataKind) -> &'static str {
    match data {
        DataKind::Export => "all posts and replies",
        DataKind::Reports => "everything posted",
    }
}

/// How a score moved since the baseline, as shown (whole points).
#[derive(Clone, Debug, PartialEq)]
pub struct Moved {
    pub direction: Direction,
    pub points: u64,
    pub since: String,
}

/// A department's name and its overall Clover score.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    pub name: String,
    pub score: f64,
}

/// Where the maturity journey stands: a level in a period, with its score.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    pub level: String,
    pub period: String,
    pub score: f64,
}

/// One sentence and the numbers it states.
#[derive(Clone, Debug, PartialEq)]
pub enum Claim {
    // --- Insights ---
    /// Nobody was active in the window.
    NobodyTookPart {
        period: String,
    },
    /// Active people of the members, and contributors.
    ActiveOfMembers {
        active: u64,
        members: u64,
        contributors: u64,
        period: String,
        percent: bool,
        people: People,
    },
    /// Activity reports: active people of the members (reading included), contributors, and
    /// the readers between them (active without posting).
    ReportActive {
        active: u64,
        members: u64,
        contributors: u64,
        period: String,
        percent: bool,
    },
    /// The stage with the lowest conversion: `part` of the `whole` of the stage before.
    FunnelDrop {
        from: Stage,
        to: Stage,
        part: u64,
        whole: u64,
        percent: bool,
        people: People,
        data: DataKind,
    },
    /// The top ⌈10 %⌉ of members (`top` people) wrote `share` of posts and replies.
    TopTenShare {
        top: u64,
        members: u64,
        share: f64,
        people: People,
        data: DataKind,
    },
    /// Contributors are so few that every post came from them (any top share would be 100 %).
    AllFromFew {
        contributors: u64,
        members: u64,
        percent: bool,
        people: People,
        data: DataKind,
    },
    /// Beside a message export: the readers its tool's activity report adds.
    ReportReaders {
        readers: u64,
        report: String,
        window: String,
    },
    /// Staff threads a leader answered.
    LeadersAnswered {
        answered: u64,
        threads: u64,
        percent: bool,
    },
    /// The weakest leaf and its first recommendation.
    WeakestLeaf {
        leaf: LeafName,
        score: f64,
        advice: String,
    },
    /// Weekly active people over the last four complete weeks against the four before.
    WeeklySteady {
        per_week: u64,
    },
    WeeklyMovedFew {
        before: u64,
        last: u64,
    },
    WeeklyMovedPct {
        before: u64,
        last: u64,
        change: f64,
    },
    /// A change against the baseline (its sentence is the change's own, `compare.rs`).
    Changed(Box<Change>),
    /// A filtered group under the privacy floor.
    Suppressed {
        min_group: usize,
    },

    // --- Slide titles ---
    Title {
        window: String,
        since: Option<String>,
    },
    ContributorsOfMembers {
        contributors: u64,
        members: u64,
        window: String,
        percent: bool,
        people: People,
        data: DataKind,
    },
    CloverScore {
        overall: f64,
        level: String,
        moved: Option<Moved>,
        few: Option<u64>,
        /// How many of the twelve indicators the score rests on, when fewer than half.
        indicators: Option<u64>,
    },
    NoCloverScore,
    CloverNeedsPeople,
    JourneyNow {
        now: Standing,
        few: Option<u64>,
        best: Option<Standing>,
        first: Option<Standing>,
    },
    JourneyNoScore {
        unit: Unit,
        period: String,
    },
    JourneyNoComplete {
        unit: Unit,
    },
    JourneyNotAsked,
    LeadersPosted {
        part: u64,
        whole: u64,
        window: String,
        target: f64,
        data: DataKind,
    },
    /// An indicator's own reason for not being measured (leaders hidden, none identified…).
    Reason {
        indicator: IndicatorId,
        text: String,
    },
    NoLeadersInWindow,
    Champions {
        champions: u64,
    },
    ChampionsNeedWeeks,
    /// Activity reports: members active without posting (champions cannot be told).
    Readers {
        readers: u64,
    },
    Departments {
        shown: u64,
        best: Ranked,
        worst: Ranked,
    },
    DepartmentsNone,
    DepartmentsNotCompared,
    DepartmentsTooFew,
    NextSteps {
        names: Vec<String>,
    },
    AllOnTarget,
    NothingMeasured,
    Limits {
        unmeasured: u64,
        kinds: Vec<LimitKind>,
        data: DataKind,
    },
    NoLimits,
    Definitions,

    // --- Speaker notes ---
    Window {
        from: String,
        to: String,
        days: u64,
    },
    Baseline {
        label: String,
        from: String,
        to: String,
    },
    /// A note of the analysis, quoted (the baseline's, a partial period's).
    Note(String),
    StageCount {
        stage: Stage,
        count: u64,
        of_members: Option<f64>,
        people: People,
        data: DataKind,
    },
    Caution(String),
    LeafLine {
        leaf: LeafName,
        score: Option<f64>,
        level: Option<String>,
        coverage: Coverage,
    },
    JourneyPeriod {
        label: String,
        complete: bool,
        score: Option<f64>,
    },
    LeaderActivationMet {
        period: Option<String>,
    },
    IndicatorLine {
        indicator: IndicatorId,
        name: String,
        value: Option<f64>,
        target: f64,
    },
    Explanation {
        indicator: IndicatorId,
        text: String,
    },
    GapLine {
        indicator: IndicatorId,
        text: String,
    },
    ChampionsEngaged {
        champions: u64,
        engaged: u64,
    },
    Personas(PersonaCounts),
    Gini {
        gini: f64,
        data: DataKind,
    },
    DepartmentRow {
        name: String,
        people: u64,
        score: Option<f64>,
    },
    DepartmentHidden {
        name: String,
        min_group: usize,
    },
    NextStepLine {
        name: String,
        value: f64,
        target: f64,
        advice: String,
    },
    LimitLine {
        kind: LimitKind,
        text: String,
        remedy: String,
    },
    Fixed(&'static str),
    PrivacyFloor {
        min_group: usize,
    },
}

impl std::fmt::Display for Claim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

impl Claim {
    /// The sentence.
    pub fn text(&self) -> String {
        // Every claim is one of the three kinds: the last `unwrap_or_default` is never reached.
        self.insight_text().or_else(|| self.title_text()).or_else(|| self.note_text()).unwrap_or_default()
    }

    /// The sentence of an insight's claim (`None` for the other claims).
    fn insight_text(&self) -> Option<String> {
        use Claim::*;
        let text = match self {
            NobodyTookPart { period } => format!("Nobody took part {period}."),
            ActiveOfMembers { active, members, contributors, period, percent, people } => match people {
                People::Members => format!(
                    "{} of {} {}{} {} active {period}, and {} posted or replied.",
                    count(*active),
                    count(*members),
                    people.noun(*members),
                    if *percent { format!(" ({})", pct(*active as f64 / *members as f64)) } else { String::new() },
                    if *active == 1 { "was" } else { "were" },
                    count(*contributors)
                ),
                People::Seen => format!(
                    "{} took part {period}, and {} posted or replied; this export has no member list, so it cannot show who did not.",
                    plural(*active, "person", "people"),
                    count(*contributors)
                ),
            },
            ReportActive { active, members, contributors, period, percent } => {
                let readers = active - contributors.min(active);
                let lead = format!(
                    "{} of {}{} {} active {period}, reading included",
                    count(*active),
                    plural(*members, "member", "members"),
                    if *percent { format!(" ({})", pct(*active as f64 / *members as f64)) } else { String::new() },
                    if *active == 1 { "was" } else { "were" },
                );
                if *active == 1 {
                    if *contributors == 1 {
                        format!("{lead}, and posted.")
                    } else {
                        format!("{lead}, without posting.")
                    }
                } else if readers == 0 {
                    format!("{lead}; all of them posted.")
                } else if *contributors == 0 {
                    format!("{lead}; none of them posted.")
                } else {
                    format!(
                        "{lead}; {} posted and {} {} active without posting.",
                        count(*contributors),
                        count(readers),
                        if readers == 1 { "was" } else { "were" }
                    )
                }
            }
            FunnelDrop { from, to, part, whole, percent, people, data } => {
                let lead = format!("The biggest drop in the funnel is from {} to {}", from.id(), to.id());
                if *percent {
                    format!(
                        "{lead}: {} of {} {}.",
                        pct(*part as f64 / *whole as f64),
                        stage_noun(*from, *people, 2),
                        stage_deed(*to, 2, *data)
                    )
                } else {
                    format!(
                        "{lead}: {} of {} {} {}.",
                        count(*part),
                        count(*whole),
                        stage_noun(*from, *people, *whole),
                        stage_deed(*to, *part, *data)
                    )
                }
            }
            TopTenShare { top, members: _, share, people, data } => format!(
                "The most active 10 % of {} ({}) {} {} of {}.",
                people.noun(2),
                plural(*top, "person", "people"),
                if *data == DataKind::Reports { "posted" } else { "wrote" },
                pct(*share),
                all_posts(*data)
            ),
            AllFromFew { contributors, members, percent, people, data } => {
                let what = capitalise(all_posts(*data));
                if *contributors == *members {
                    match members {
                        1 => format!("The only {} {}.", people.noun(1), posted(*data)),
                        2 => format!("Both {} {}.", people.noun(2), posted(*data)),
                        n => format!("All {} {} {}.", count(*n), people.noun(*n), posted(*data)),
                    }
                } else if *percent {
                    format!(
                        "{what} came from {}, {} of {}.",
                        plural(*contributors, "person", "people"),
                        pct(*contributors as f64 / *members as f64),
                        people.noun(2)
                    )
                } else {
                    format!(
                        "{what} came from {} of the {} {}.",
                        count(*contributors),
                        count(*members),
                        people.noun(*members)
                    )
                }
            }
            ReportReaders { readers: 0, report, window } => format!(
                "{} shows no member active in {window} beyond those who posted, replied or reacted in the export.",
                capitalise(report)
            ),
            ReportReaders { readers, report, window } => format!(
                "{} shows {} active in {window} who did not post, reply or react: {}.",
                capitalise(report),
                plural(*readers, "more member", "more members"),
                if *readers == 1 { "a reader" } else { "readers" }
            ),
            LeadersAnswered { answered, threads, percent } => {
                if *percent {
                    format!(
                        "Leaders answered {} of staff threads ({} of {}).",
                        pct(*answered as f64 / *threads as f64),
                        count(*answered),
                        count(*threads)
                    )
                } else {
                    format!(
                        "Leaders answered {} of {}.",
                        count(*answered),
                        plural(*threads, "staff thread", "staff threads")
                    )
                }
            }
            WeakestLeaf { leaf, score, advice } => {
                format!("The weakest Clover leaf is {} ({score:.0} of 100). {advice}", leaf.id())
            }
            WeeklySteady { per_week } => format!(
                "Weekly active people held steady over the last four complete weeks (about {} a week).",
                count(*per_week)
            ),
            WeeklyMovedFew { before, last } => format!(
                "Weekly active people {} from {} to {} a week over the last four complete weeks ({}; too few to compare as a percentage).",
                if last > before { "rose" } else { "fell" },
                count(*before),
                count(*last),
                words::signed(*last as i64 - *before as i64)
            ),
            WeeklyMovedPct { before, last, change } => format!(
                "Weekly active people {} by {} over the last four complete weeks (from {} to {} a week).",
                if *change > 0.0 { "rose" } else { "fell" },
                pct(change.abs()),
                count(*before),
                count(*last)
            ),
            Changed(c) => c.text.clone(),
            Suppressed { min_group } => format!(
                "This group has fewer than {min_group} people, or the rest of the organisation beside it has, so its numbers are hidden to protect their privacy."
            ),

            _ => return None,
        };
        Some(text)
    }

    /// The sentence of a slide title's claim (`None` for the other claims).
    fn title_text(&self) -> Option<String> {
        use Claim::*;
        let text = match self {
            Title { window, since } => match since {
                Some(b) => format!("How social and connected we are: {window}, compared with {b}"),
                None => format!("How social and connected we are: {window}"),
            },
            ContributorsOfMembers { contributors, members, window, percent, people, data } => match people {
                People::Members if *percent => format!(
                    "{} of {} members ({}) {} in {window}.",
                    count(*contributors),
                    count(*members),
                    pct(*contributors as f64 / *members as f64),
                    posted(*data)
                ),
                People::Members => format!(
                    "{} of {} {} in {window}.",
                    count(*contributors),
                    plural(*members, "member", "members"),
                    posted(*data)
                ),
                People::Seen => format!(
                    "{} {} in {window}, of {} seen in the export.",
                    plural(*contributors, "person", "people"),
                    posted(*data),
                    count(*members)
                ),
            },
            CloverScore { overall, level, moved, few, indicators } => {
                let moved = match moved {
                    None => String::new(),
                    Some(Moved { direction: Direction::Same, since, .. }) => format!(", unchanged since {since}"),
                    Some(Moved { direction, points, since }) => format!(
                        ", {} {} since {since}",
                        if *direction == Direction::Up { "up" } else { "down" },
                        plural(*points, "point", "points")
                    ),
                };
                let few =
                    few.map(|c| format!(", on only {}", plural(c, "contributor", "contributors"))).unwrap_or_default();
                let measured = indicators
                    .map(|n| format!(", measured by only {} of the 12 Clover indicators", count(n)))
                    .unwrap_or_default();
                format!("Clover maturity is {overall:.0} of 100 ({level}){moved}{few}{measured}.")
            }
            NoCloverScore => {
                "No Clover indicator could be measured on this export and window, so there is no score.".to_string()
            }
            CloverNeedsPeople => "Clover maturity needs people in this window.".to_string(),
            JourneyNow { now, few, best, first } => {
                let mut s = format!("{} in {} ({:.0})", now.level, now.period, now.score);
                if let Some(c) = few {
                    s += &format!(" on only {}", plural(*c, "contributor", "contributors"));
                }
                if let Some(b) = best {
                    s += &format!(", down from {} at best in {}", b.level, b.period);
                } else if let Some(f) = first {
                    s += &format!(", up from {} in {}", f.level, f.period);
                }
                s + "."
            }
            JourneyNoScore { unit, period } => format!(
                "No Clover score yet: the latest complete {} ({period}) has too few people for one.",
                unit_name(*unit)
            ),
            JourneyNoComplete { unit } => {
                format!("The data covers no complete {} yet, so the journey has nothing to show.", unit_name(*unit))
            }
            JourneyNotAsked => "The maturity journey covers the whole data range.".to_string(),
            LeadersPosted { part, whole, window, target, data } => format!(
                "{} of {} {} in {window}; the target is {}.",
                count(*part),
                plural(*whole, "leader", "leaders"),
                posted(*data),
                pct(*target)
            ),
            Reason { text, .. } => text.clone(),
            NoLeadersInWindow => "No leaders were members in this window.".to_string(),
            Champions { champions: 0 } => {
                "No champions yet: nobody kept the conversation going week after week.".to_string()
            }
            Champions { champions } => format!(
                "{} the conversation going week after week.",
                plural(*champions, "champion kept", "champions kept")
            ),
            Readers { readers: 0 } => "Nobody was active without posting: everyone active posted.".to_string(),
            Readers { readers: 1 } => {
                "1 member was active without posting: a reader, whom only activity reports show.".to_string()
            }
            Readers { readers } => format!(
                "{} members were active without posting: readers, whom only activity reports show.",
                count(*readers)
            ),
            ChampionsNeedWeeks => {
                "Champions need a window of at least two weeks: they keep posting in at least half of its weeks."
                    .to_string()
            }
            Departments { shown, best, worst } => format!(
                "Of {} departments compared, {} leads at {:.0} and {} trails at {:.0}.",
                count(*shown),
                best.name,
                best.score,
                worst.name,
                worst.score
            ),
            DepartmentsNone => "The data names no departments, so they cannot be compared.".to_string(),
            DepartmentsNotCompared => "Departments are compared when the analysis asks for segments.".to_string(),
            DepartmentsTooFew => {
                "Too few departments have a Clover score to compare without exposing individuals.".to_string()
            }
            // Most urgent first: "then" keeps the order, and names that hold an "and" apart.
            NextSteps { names } => match names.as_slice() {
                [] => "What to do next: nothing below its target.".to_string(),
                [one] => format!("What to do next: {one}."),
                [init @ .., last] => format!("What to do next: {}, then {last}.", init.join(", ")),
            },
            AllOnTarget => "Every measured Clover indicator meets its target: keep the rhythm.".to_string(),
            NothingMeasured => {
                "No Clover indicator could be measured, so the numbers suggest no next step yet.".to_string()
            }
            Limits { unmeasured, kinds, data } => {
                let what: Vec<String> = kinds.iter().map(|k| limit_topic(*k).to_string()).collect();
                let (these, it) = match data {
                    DataKind::Export => ("This export", "it has"),
                    DataKind::Reports => ("These activity reports", "they have"),
                };
                if *unmeasured == 0 {
                    format!(
                        "{these} {} every Clover indicator, though {it} {}: some are measured another way.",
                        if *data == DataKind::Reports { "measure" } else { "measures" },
                        words::list(&what)
                    )
                } else {
                    format!(
                        "{these} cannot measure {} of the 12 Clover indicators: {it} {}.",
                        count(*unmeasured),
                        words::list(&what)
                    )
                }
            }
            NoLimits => "This export can measure every Clover indicator.".to_string(),
            Definitions => "How these numbers are computed".to_string(),

            _ => return None,
        };
        Some(text)
    }

    /// The sentence of a speaker note's claim (`None` for the other claims).
    fn note_text(&self) -> Option<String> {
        use Claim::*;
        let text = match self {
            Window { from, to, days } => format!("Window: {from} to {to} ({}).", plural(*days, "day", "days")),
            Baseline { label, from, to } => format!("Compared with {label} ({from} to {to})."),
            Note(s) => s.clone(),
            StageCount { stage, count: n, of_members, people, data } => {
                let share = of_members.map(|s| format!(" ({} of {})", pct(s), people.noun(2))).unwrap_or_default();
                format!("{}: {}{share}.", stage_label_for(*stage, *people, *data), count(*n))
            }
            Caution(s) => s.clone(),
            LeafLine { leaf, score: Some(s), level, coverage } if coverage.measured == coverage.of => {
                format!("{}: {s:.0} ({}).", leaf.title(), level.as_deref().unwrap_or("no level"))
            }
            LeafLine { leaf, score: Some(s), level, coverage } => format!(
                "{}: {s:.0} ({}), from {} of its {} indicators.",
                leaf.title(),
                level.as_deref().unwrap_or("no level"),
                count(coverage.measured),
                count(coverage.of)
            ),
            LeafLine { leaf, score: None, .. } => format!("{}: no score, no indicator measured.", leaf.title()),
            JourneyPeriod { label, complete, score } => format!(
                "{}{}: {}.",
                capitalise(label),
                if *complete { "" } else { " (partial)" },
                score.map_or("no score".to_string(), |s| format!("{s:.0}"))
            ),
            LeaderActivationMet { period: Some(p) } => format!("Leader activation first met its target in {p}."),
            LeaderActivationMet { period: None } => "Leader activation has not met its target yet.".to_string(),
            IndicatorLine { name, value: Some(v), target, .. } => {
                format!("{name}: {} (target {}).", pct(*v), pct(*target))
            }
            IndicatorLine { name, value: None, .. } => format!("{name}: not measured."),
            Explanation { text, .. } | GapLine { text, .. } => text.clone(),
            ChampionsEngaged { champions, engaged } => format!(
                "{} and {}.",
                capitalise(&words::some(*champions, "champion", "champions")),
                words::some(*engaged, "engaged contributor", "engaged contributors")
            ),
            Personas(p) => format!(
                "Personas: {}, {}, {}, {} and {}.",
                plural(p.engager, "engager", "engagers"),
                plural(p.catalyst, "catalyst", "catalysts"),
                plural(p.responder, "responder", "responders"),
                plural(p.broadcaster, "broadcaster", "broadcasters"),
                plural(p.observer, "observer", "observers")
            ),
            Gini { gini, data } => format!(
                "Gini of {}: {gini:.2}.",
                if *data == DataKind::Reports { "what each member posted" } else { "posts and replies" }
            ),
            DepartmentRow { name, people, score } => {
                format!("{name}: {}, Clover {}.", plural(*people, "person", "people"), words::score(*score))
            }
            DepartmentHidden { name, min_group } => {
                format!("{name}: hidden (fewer than {min_group} people, or it would reveal such a group).")
            }
            NextStepLine { name, value, target, advice } => {
                format!("{name}: {} against a target of {}. {advice}", pct(*value), pct(*target))
            }
            LimitLine { text, remedy, .. } => format!("{text} {remedy}"),
            Fixed(s) => s.to_string(),
            PrivacyFloor { min_group } => {
                format!("Groups smaller than {min_group} people are never shown as numbers, nor anything that would reveal them.")
            }
            _ => return None,
        };
        Some(text)
    }
}

/// `quarter`, `month`.
fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Month => "month",
        _ => "quarter",
    }
}

/// What the export lacks, as it follows "it has": `no replies`, `only one space`.
pub fn limit_topic(k: LimitKind) -> &'static str {
    match k {
        LimitKind::NoReplies => "no replies",
        LimitKind::NoResponses => "no replies or reactions",
        LimitKind::NoDepartments => "no departments",
        LimitKind::OneSpace => "only one space",
        LimitKind::NoLeaders => "no leaders identified",
        LimitKind::FewLeaders => "too few leaders to show",
        LimitKind::NoMemberList => "no member list",
        LimitKind::NoRoster => "no roster",
        LimitKind::OnlyPublicSpaces => "no private spaces",
        LimitKind::NoExchanges => "no exchanges between people",
        LimitKind::NoWeeks => "no week-by-week activity",
        LimitKind::NoChannelTypes => "no split between public and private channels",
    }
}

/// How many Clover indicators were measured, when fewer than half of the twelve (a score on
/// so few is said to be so).
pub fn few_indicators(c: &super::Clover) -> Option<u64> {
    let n = c.leaves.iter().map(|l| l.coverage.measured).sum::<u64>();
    (n < 6).then_some(n)
}

/// A stage's name as a label for what the numbers come from: from activity reports, the
/// active count reading (`Active (reading included)`).
pub fn stage_label_for(stage: Stage, people: People, data: DataKind) -> &'static str {
    match (stage, data) {
        (Stage::Active, DataKind::Reports) => "Active (reading included)",
        _ => stage_title(stage, people),
    }
}

/// A stage's name as a label (`Contributors`; `People seen` for members without a list).
pub fn stage_title(stage: Stage, people: People) -> &'static str {
    match stage {
        Stage::Members if people == People::Seen => "People seen",
        s => s.title(),
    }
}
