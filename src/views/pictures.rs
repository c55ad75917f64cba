//! The pictures that a view and a slide both draw: the adoption funnel, the maturity journey
//! and the departments heatmap as charts (ECharts options, through charming), and the clover
//! as SVG. Each takes its type size, so that the dashboard and the deck draw the same picture
//! at their own scale.

use charming::component::{Axis, Grid, Legend, Title, VisualMap};
use charming::datatype::{CompositeValue, DataPoint, DataPointItem};
use charming::element::{
    AxisLabel, AxisType, ItemStyle, Label, LabelPosition, LineStyle, LineStyleType, MarkLine, MarkLineData,
    MarkLineVariant, Orient, SplitArea, SplitLine, Symbol, Tooltip, Trigger,
};
use charming::series::{Funnel, Heatmap, Line};
use charming::Chart;
use clover_core::analytics::{Analysis, Clover, FunnelStage, Journey, LeafName, SegmentKind, SegmentRow};
use leptos::prelude::*;

use super::labels::stage_label;
use crate::chart::{chart_text, text_colour, PALETTE};
use clover_core::words::{count as int, score};

/// The funnel, and beside it the baseline's when there is one (each titled with its period).
/// `dark` picks the labels' text colour.
pub(super) fn funnel_chart(a: &Analysis, font: f64, dark: bool) -> Chart {
    let series = |name: String, stages: &[FunnelStage], left: &str, width: &str, opacity: f64| {
        // The label is written here, not by ECharts' "{c}", so that counts group thousands
        // (1,566) as everywhere else on the page. Each stage keeps its colour in both funnels
        // (the baseline's paler), instead of the baseline going on through the palette.
        let data: Vec<DataPointItem> = stages
            .iter()
            .enumerate()
            .map(|(i, s)| {
                DataPointItem::new(s.count as f64)
                    .name(format!("{}: {}", stage_label(a, s.stage), int(s.count)))
                    .item_style(ItemStyle::new().color(PALETTE[i % PALETTE.len()]).opacity(opacity))
            })
            .collect();
        Funnel::new()
            .name(name)
            .sort(charming::element::Sort::None)
            .min_size("8%")
            .gap(3)
            .left(left)
            .width(width)
            .top(40)
            .bottom(20)
            // Beside the funnel, not on it: readable on any colour and on a projector.
            .label(
                Label::new()
                    .show(true)
                    .position(LabelPosition::Right)
                    .formatter("{b}")
                    .font_size(font)
                    // The baseline's labels in the page's ink too: its opacity pales them as it
                    // pales the funnel, and they stay readable.
                    .color(text_colour(dark)),
            )
            .data(data)
    };
    let now = a.window.label.clone().unwrap_or_else(|| "This window".into());
    let chart = Chart::new().tooltip(Tooltip::new().trigger(Trigger::Item).formatter("{a}<br/>{b}"));
    match a.baseline.as_ref().filter(|b| !b.funnel.is_empty()) {
        None => chart.series(series(now, &a.funnel, "4%", "56%", 1.0)),
        Some(b) => {
            let then = b.window.label.clone().unwrap_or_else(|| "Baseline".into());
            chart
                .title(
                    Title::new()
                        .text(format!("{now}  ·  against {then}"))
                        .left("center")
                        .text_style(charming::element::TextStyle::new().font_size(font)),
                )
                // Two funnels of a quarter of the width each, with room on their right for
                // labels such as "Engaged (two-way): 1,234" at the deck's type size.
                .series(series(now, &a.funnel, "1%", "24%", 1.0))
                .series(series(then, &b.funnel, "49%", "24%", 0.7))
        }
    }
}

const LEVELS: [&str; 5] = ["Initiating", "Experimenting", "Adopting", "Integrating", "Transforming"];

/// A period's label on the axis: incomplete periods say so.
fn axis_label(label: &str, complete: bool) -> String {
    if complete {
        label.to_string()
    } else {
        format!("{label} (part)")
    }
}

pub(super) fn journey_chart(j: &Journey, font: f64) -> Chart {
    let labels: Vec<String> = j.periods.iter().map(|p| axis_label(&p.label, p.complete)).collect();
    let value = |v: Option<f64>| -> DataPoint {
        DataPoint::Value(CompositeValue::OptionalNumber(v.map(|x| (x.round()).into())))
    };
    let overall: Vec<DataPoint> = j.periods.iter().map(|p| value(p.clover.as_ref().and_then(|c| c.overall))).collect();
    let leaf = |l: LeafName| -> Vec<DataPoint> {
        j.periods
            .iter()
            .map(|p| value(p.clover.as_ref().and_then(|c| c.leaves.iter().find(|x| x.leaf == l)?.score)))
            .collect()
    };
    // A diamond where a level was first reached, named after it.
    let marks: Vec<DataPoint> = j
        .periods
        .iter()
        .map(|p| match (p.reached.last(), p.clover.as_ref().and_then(|c| c.overall)) {
            (Some(level), Some(s)) => DataPoint::Item(DataPointItem::new(s.round()).name(format!("{level} reached"))),
            _ => value(None),
        })
        .collect();
    let mut overall_line =
        Line::new().name("Clover overall").data(overall).symbol_size(10).line_style(LineStyle::new().width(5)).z(5);
    if let Some(period) = j.leader_activation_met.as_ref() {
        let complete = j.periods.iter().find(|p| &p.label == period).is_none_or(|p| p.complete);
        overall_line = overall_line.mark_line(
            MarkLine::new()
                .symbol(vec![Symbol::None, Symbol::None])
                .silent(true)
                .label(Label::new().formatter("Leaders active").font_size(font))
                .line_style(LineStyle::new().type_(LineStyleType::Dashed).width(2))
                .data(vec![MarkLineVariant::Simple(MarkLineData::new().x_axis(axis_label(period, complete)))]),
        );
    }
    let thin = |name: &str, l: LeafName| {
        Line::new().name(name).data(leaf(l)).symbol_size(6).line_style(LineStyle::new().width(2))
    };
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0).text_style(charming::element::TextStyle::new().font_size(font + 1.0)))
        .grid(Grid::new().left(10).right(10).top(font * 4.0).bottom(10).contain_label(true))
        .x_axis(
            Axis::new().type_(AxisType::Category).data(labels).axis_label(AxisLabel::new().interval(0).font_size(font)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(0)
                .max(100)
                .interval(20)
                .split_area(SplitArea::new().show(true))
                .split_line(SplitLine::new().show(true))
                .axis_label(AxisLabel::new().font_size(font)),
        )
        // The level names, each in the middle of its band (a category axis of five equal bands).
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .position("right")
                .data(LEVELS.to_vec())
                .axis_label(AxisLabel::new().font_size(font)),
        )
        .series(overall_line)
        .series(thin("Leadership", LeafName::Leadership))
        .series(thin("Governance", LeafName::Governance))
        .series(thin("Culture", LeafName::Culture))
        .series(thin("Technology", LeafName::Technology))
        .series(
            Line::new()
                .name("Level first reached")
                .data(marks)
                .symbol(Symbol::Diamond)
                .symbol_size(22)
                .line_style(LineStyle::new().width(0))
                .label(Label::new().show(true).position(LabelPosition::Top).formatter("{b}").font_size(font))
                .z(10),
        )
}

/// Departments with numbers, by leaf (and overall); the colours span the scores shown, so that
/// departments are told apart. Names come from files: `chart_text`.
pub(super) fn heatmap(rows: &[SegmentRow], font: f64) -> Chart {
    let shown: Vec<&SegmentRow> =
        rows.iter().filter(|r| r.kind == SegmentKind::Department && !r.suppressed && r.clover.is_some()).collect();
    let names: Vec<String> = shown.iter().map(|r| chart_text(&r.name)).collect();
    let columns = vec!["Overall", "Leadership", "Governance", "Culture", "Technology"];
    let mut data = Vec::new();
    let mut lowest = None;
    for (y, r) in shown.iter().enumerate() {
        let c = r.clover.as_ref().expect("filtered above");
        let mut values = vec![c.overall];
        values.extend(LeafName::ALL.iter().map(|l| c.leaves.iter().find(|x| x.leaf == *l).and_then(|x| x.score)));
        for (x, v) in values.into_iter().enumerate() {
            if let Some(v) = v {
                lowest = Some(lowest.map_or(v.round() as i64, |l: i64| l.min(v.round() as i64)));
                data.push(vec![
                    DataPoint::from(x as i64),
                    DataPoint::from(y as i64),
                    DataPoint::from(v.round() as i64),
                ]);
            }
        }
    }
    let low = lowest.map_or(0, |m| (m / 10) * 10);
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .grid(Grid::new().left(10).right(30).top(font * 3.0).bottom(60).contain_label(true))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .position("top")
                .data(columns)
                .axis_label(AxisLabel::new().font_size(font + 1.0)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(names)
                .inverse(true)
                .axis_label(AxisLabel::new().interval(0).font_size(font)),
        )
        .visual_map(
            VisualMap::new()
                .min(low as f64)
                .max(100)
                .calculable(true)
                .orient(Orient::Horizontal)
                .left("center")
                .bottom(0)
                .in_range(charming::component::VisualMapChannel::new().color(vec!["#f7fbff", "#6baed6", "#08519c"])),
        )
        .series(Heatmap::new().name("Score").label(Label::new().show(true).font_size(font)).data(data))
}

/// A heart-shaped leaf with its tip at the origin, pointing up (−y), 82 units long.
const LEAF_PATH: &str = "M0,0 C-30,-20 -46,-58 -22,-76 C-10,-84 0,-74 0,-64 C0,-74 10,-84 22,-76 C46,-58 30,-20 0,0 Z";

/// Where each leaf grows (degrees from "up") and its size: technology is the smaller leaf.
fn leaf_geometry(leaf: LeafName) -> (f64, f64) {
    match leaf {
        LeafName::Leadership => (-45.0, 1.0),
        LeafName::Governance => (45.0, 1.0),
        LeafName::Technology => (135.0, 0.82),
        LeafName::Culture => (-135.0, 1.0),
    }
}

/// The clover picture: each leaf's outline at full size, filled in proportion to its score
/// (the filled area grows with the score), its name and score beside it.
#[component]
pub(super) fn CloverPicture(clover: Clover) -> impl IntoView {
    let overall = score(clover.overall);
    let label = format!(
        "Clover: overall {overall} of 100; {}",
        clover.leaves.iter().map(|l| format!("{} {}", l.leaf.title(), score(l.score))).collect::<Vec<_>>().join(", ")
    );
    view! {
        <svg class="clover-picture" viewBox="-130 -130 260 270" role="img" aria-label=label>
            <path class="stem" d="M0,0 C8,40 20,80 44,118" />
            {clover.leaves.iter().map(|l| {
                let (angle, size) = leaf_geometry(l.leaf);
                let fill = l.score.map_or(0.0, |s| (s / 100.0).clamp(0.0, 1.0).sqrt());
                let (lx, ly) = {
                    let r = 100.0 * size;
                    let rad = angle.to_radians();
                    (r * rad.sin(), -r * rad.cos())
                };
                view! {
                    <g class=format!("leaf {}", l.leaf)>
                        <path class="leaf-outline" d=LEAF_PATH transform=format!("rotate({angle}) scale({size})") />
                        <path class="leaf-fill" d=LEAF_PATH transform=format!("rotate({angle}) scale({})", size * fill) />
                        <text class="leaf-name" x=format!("{lx:.1}") y=format!("{:.1}", ly - 4.0) text-anchor="middle">{l.leaf.title()}</text>
                        <text class="leaf-score" x=format!("{lx:.1}") y=format!("{:.1}", ly + 14.0) text-anchor="middle">{score(l.score)}</text>
                    </g>
                }
            }).collect_view()}
            <circle class="heart" r="17" />
            <text class="overall" y="6" text-anchor="middle">{overall}</text>
        </svg>
    }
}
