//! The headline figures — members, active, contributors, engaged, champions, Clover — as the
//! Overview's cards, the deck's headline slide and its PowerPoint show them. Written once
//! here, under the rules of the sentences: a share on a base under the minimum base is given
//! as counts, members are "people seen" without a member list, and a score on few
//! contributors says so.

use super::claims::People;
use super::compare::{Headline, Metric};
use super::funnel::Stage;
use super::{Analysis, DataKind};
use crate::words::{count, pct, plural};

/// One headline figure: what it is, its value and the line under it, and the metric of its
/// change against the baseline.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Figure {
    /// `members`, `active`, `contributors`, `engaged`, `champions`, `clover`.
    pub id: String,
    pub label: String,
    pub value: String,
    pub sub: String,
    pub metric: Metric,
}

/// The six headline figures of an analysis (none when it is suppressed): `Analysis::figures`.
pub(crate) fn figures(a: &Analysis) -> Vec<Figure> {
    if a.suppressed {
        return Vec::new();
    }
    let people = People::of(a.member_list);
    let members = a.count(Stage::Members);
    let active = a.count(Stage::Active);
    let min_base = a.segment.min_base;
    let (active_value, active_sub) = match people {
        People::Members if members >= min_base && members > 0 => {
            (pct(active as f64 / members as f64), format!("{} of {} members", count(active), count(members)))
        }
        People::Members => (count(active), format!("of {}", plural(members, "member", "members"))),
        People::Seen => (count(active), "took part".to_string()),
    };
    let clover = a.clover.as_ref();
    let overall = clover.and_then(|c| c.overall);
    let clover_sub = match (clover.and_then(|c| c.level.clone()), clover) {
        (Some(level), Some(c)) if c.basis.contributors < min_base => {
            format!("{level}, on only {}", plural(c.basis.contributors, "contributor", "contributors"))
        }
        (Some(level), Some(c)) => match super::claims::few_indicators(c) {
            Some(n) => format!("{level}, from {} of 12 indicators", count(n)),
            None => level,
        },
        (Some(level), None) => level,
        (None, _) => "not enough data for a score".to_string(),
    };
    let reports = a.data == DataKind::Reports;
    let mut out = vec![
        Figure {
            id: "members".to_string(),
            label: match people {
                People::Members => "Members",
                People::Seen => "People seen",
            }
            .to_string(),
            value: count(members),
            sub: match people {
                People::Members => String::new(),
                People::Seen => "no member list in this export".to_string(),
            },
            metric: Metric::Stage(Stage::Members),
        },
        Figure {
            id: "active".to_string(),
            label: if reports { "Active, reading included" } else { "Active" }.to_string(),
            value: active_value,
            sub: active_sub,
            metric: Metric::Headline(Headline::ActiveShare),
        },
        Figure {
            id: "contributors".to_string(),
            label: "Contributors".to_string(),
            value: count(a.count(Stage::Contributors)),
            sub: if reports { "posted" } else { "posted or replied" }.to_string(),
            metric: Metric::Stage(Stage::Contributors),
        },
        Figure {
            id: "engaged".to_string(),
            label: "Engaged".to_string(),
            value: count(a.count(Stage::Engaged)),
            sub: "gave and received responses".to_string(),
            metric: Metric::Stage(Stage::Engaged),
        },
        Figure {
            id: "champions".to_string(),
            label: "Champions".to_string(),
            value: count(a.count(Stage::Champions)),
            sub: "engaged, week after week".to_string(),
            metric: Metric::Stage(Stage::Champions),
        },
        Figure {
            id: "clover".to_string(),
            label: "Clover".to_string(),
            value: crate::words::score(overall),
            sub: clover_sub,
            metric: Metric::Headline(Headline::Clover),
        },
    ];
    if reports {
        // Engaged contributors and champions need replies between people, which reports do
        // not hold; what reports show instead is the readers.
        out.retain(|f| f.id != "engaged" && f.id != "champions");
        out.insert(
            3,
            Figure {
                id: "readers".to_string(),
                label: "Readers".to_string(),
                value: count(active.saturating_sub(a.count(Stage::Contributors))),
                sub: "active without posting".to_string(),
                metric: Metric::Headline(Headline::Readers),
            },
        );
    }
    out
}
