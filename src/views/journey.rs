//! The maturity journey on the Clover view: Clover overall and the four leaves for every
//! calendar quarter (or month) of the data, the five level bands behind them, a mark where
//! each level was first reached and where leader activation first met its target; and the
//! same numbers as a table.

use charming::component::{Axis, Grid, Legend};
use charming::datatype::{CompositeValue, DataPoint, DataPointItem};
use charming::element::{
    AxisLabel, AxisType, Label, LabelPosition, LineStyle, LineStyleType, MarkLine, MarkLineData, MarkLineVariant,
    SplitArea, SplitLine, Symbol, Tooltip, Trigger,
};
use charming::series::Line;
use charming::Chart;
use clover_core::analytics::{Journey, LeafName, Stage, Unit};
use leptos::prelude::*;

use crate::chart::EChart;
use crate::format::{int, pct, score};
use crate::state::{Data, Ui};

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

#[component]
pub fn JourneySection() -> impl IntoView {
    let data = expect_context::<Data>();
    let ui = expect_context::<Ui>();
    let journey = Memo::new(move |_| data.analysis.with(|a| a.as_ref().and_then(|a| a.journey.clone())));
    let chart =
        Signal::derive(move || journey.with(|j| j.as_ref().map(|j| journey_chart(j, 14.0)).unwrap_or_default()));
    let dark: Signal<bool> = ui.dark.into();
    move || {
        let Some(j) = journey.get() else {
            return view! { <p class="hint" data-testid="journey-pending">"Working out the maturity journey…"</p> }
                .into_any();
        };
        let by = j.by;
        let summary = match (j.first_reached.last(), &j.leader_activation_met) {
            (Some(r), Some(p)) => {
                format!("Reached {} in {}; leader activation first met its target in {p}.", r.level, r.period)
            }
            (Some(r), None) => {
                format!("Reached {} in {}; leader activation has not met its target yet.", r.level, r.period)
            }
            (None, _) => "No complete period yet: the journey starts with the first complete one.".to_string(),
        };
        view! {
            <section class="journey" data-testid="journey" data-by=if by == Unit::Month { "month" } else { "quarter" }>
                <h2>"The maturity journey"</h2>
                <p class="hint">{summary}</p>
                <div class="controls">
                    <label class="switch">
                        <input
                            type="radio"
                            name="journey-by"
                            data-testid="journey-by-quarter"
                            prop:checked=move || ui.journey_by.get() == Unit::Quarter
                            on:change=move |_| ui.journey_by.set(Unit::Quarter)
                        />
                        " By quarter"
                    </label>
                    <label class="switch">
                        <input
                            type="radio"
                            name="journey-by"
                            data-testid="journey-by-month"
                            prop:checked=move || ui.journey_by.get() == Unit::Month
                            on:change=move |_| ui.journey_by.set(Unit::Month)
                        />
                        " By month"
                    </label>
                </div>
                <EChart
                    id="chart-journey"
                    label="Clover maturity by period, with the five levels as bands; the table below has the same numbers".to_string()
                    chart=chart
                    dark=dark
                    height=440
                />
                <div class="scroll" tabindex="0" role="region" aria-label="The maturity journey as a table">
                    <table class="data-table journey-table">
                        <thead>
                            <tr>
                                <th scope="col">"Period"</th>
                                <th scope="col">"Clover"</th>
                                <th scope="col">"Level"</th>
                                <th scope="col">"Leadership"</th>
                                <th scope="col">"Governance"</th>
                                <th scope="col">"Culture"</th>
                                <th scope="col">"Technology"</th>
                                <th scope="col">"Members"</th>
                                <th scope="col">"Active"</th>
                                <th scope="col">"Contributors"</th>
                                <th scope="col">"Leader activation"</th>
                                <th scope="col">"Milestones"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {j.periods.iter().map(|p| {
                                let c = p.clover.clone().unwrap_or_default();
                                let leaf = |l: LeafName| score(c.leaves.iter().find(|x| x.leaf == l).and_then(|x| x.score));
                                let count = |s: Stage| p.funnel.iter().find(|f| f.stage == s).map(|f| int(f.count)).unwrap_or_else(|| "—".into());
                                let mut marks = p.reached.iter().map(|l| format!("{l} reached")).collect::<Vec<_>>();
                                if j.leader_activation_met.as_ref() == Some(&p.label) {
                                    marks.push("leader activation met its target".into());
                                }
                                view! {
                                    <tr data-testid="journey-period" data-period=p.label.clone()
                                        data-overall=c.overall.map(|s| format!("{}", s.round() as i64)).unwrap_or_default()
                                        data-complete=p.complete.to_string()>
                                        <th scope="row">{if p.complete { p.label.clone() } else { format!("{} (partial)", p.label) }}</th>
                                        <td class="num strong">{if p.suppressed { "hidden".to_string() } else { score(c.overall) }}</td>
                                        <td>{c.level.clone().unwrap_or_else(|| "—".into())}</td>
                                        <td class="num">{leaf(LeafName::Leadership)}</td>
                                        <td class="num">{leaf(LeafName::Governance)}</td>
                                        <td class="num">{leaf(LeafName::Culture)}</td>
                                        <td class="num">{leaf(LeafName::Technology)}</td>
                                        <td class="num">{count(Stage::Members)}</td>
                                        <td class="num">{count(Stage::Active)}</td>
                                        <td class="num">{count(Stage::Contributors)}</td>
                                        <td class="num">{pct(p.leader_activation)}</td>
                                        <td class="milestones">{marks.join("; ")}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        }
        .into_any()
    }
}
