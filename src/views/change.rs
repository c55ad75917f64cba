//! A change against the baseline, as a card or a table shows it: an arrow and a signed
//! number (never colour alone), the baseline's value, and the core's whole sentence as the
//! tooltip and for screen readers.

use clover_core::analytics::{Change, Direction, MetricUnit};
use leptos::prelude::*;

use clover_core::words::{count as int, pct_or_dash as pct, points, relative, signed};

/// The arrow and the word for a direction.
fn arrow(d: Direction) -> (&'static str, &'static str) {
    match d {
        Direction::Up => ("▲", "up"),
        Direction::Down => ("▼", "down"),
        Direction::Same => ("=", "same"),
    }
}

/// `+36 (+24 %)`, `+2 (too few for a %)`, `+5 pts`, `3 of 5 → 4 of 6`, `+13 pts`.
pub fn change_amount(c: &Change) -> String {
    match c.unit {
        MetricUnit::People => {
            let n = signed(c.change.round() as i64);
            match (c.relative, c.small_base) {
                (Some(r), _) => format!("{n} ({})", relative(r)),
                (None, true) => format!("{n} (too few for a %)"),
                (None, false) => n,
            }
        }
        MetricUnit::Share => match (c.small_base, c.baseline_ratio, c.current_ratio) {
            (true, Some(b), Some(n)) => {
                format!("{} of {} → {} of {}", int(b.part), int(b.whole), int(n.part), int(n.whole))
            }
            _ => points(c.change),
        },
        MetricUnit::Score => {
            let pts = (c.current.round() - c.baseline.round()) as i64;
            format!("{} {}", signed(pts), if pts.abs() == 1 { "pt" } else { "pts" })
        }
    }
}

/// [`change_amount`], or "no change" when it held steady as shown.
fn amount_or_steady(c: &Change) -> String {
    if c.direction == Direction::Same && !(c.unit == MetricUnit::Share && c.small_base) {
        "no change".to_string()
    } else {
        change_amount(c)
    }
}

/// The baseline's value as shown: `150`, `69 % (1,054 of 1,561)`, `48`.
pub fn baseline_value(c: &Change) -> String {
    match c.unit {
        MetricUnit::People => int(c.baseline.round() as u64),
        MetricUnit::Share => match c.baseline_ratio {
            Some(r) if !c.small_base => format!("{} ({} of {})", pct(Some(c.baseline)), int(r.part), int(r.whole)),
            Some(r) => format!("{} of {}", int(r.part), int(r.whole)),
            None => pct(Some(c.baseline)),
        },
        MetricUnit::Score => format!("{}", c.baseline.round() as i64),
    }
}

/// One change, compact: `▲ +36 (+24 %) · 2025 Q1: 150`.
#[component]
pub fn ChangeLine(change: Change, #[prop(into)] since: String) -> impl IntoView {
    let (mark, word) = arrow(change.direction);
    let amount = amount_or_steady(&change);
    let base = baseline_value(&change);
    let partial = change.partial.then_some(" · partial");
    view! {
        <span
            class=format!("change {word}")
            data-testid="change"
            data-metric=serde_json::to_value(change.metric).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
            data-direction=word
            title=change.text.clone()
        >
            <span class="visually-hidden">{change.text.clone()}</span>
            <span class="amount" aria-hidden="true"><span class="arrow">{mark}</span>" "{amount}{partial}</span>
            <span class="base" aria-hidden="true">{format!("{since}: {base}")}</span>
        </span>
    }
}

/// Only the arrow and the amount, for a table cell: `▲ +36 (+24 %)`.
#[component]
pub fn ChangeAmount(change: Change) -> impl IntoView {
    let (mark, word) = arrow(change.direction);
    view! {
        <span class=format!("change {word}") data-direction=word title=change.text.clone()>
            <span class="arrow" aria-hidden="true">{mark}</span>
            " "
            {amount_or_steady(&change)}
        </span>
    }
}
