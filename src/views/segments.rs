//! Departments, locations, and leaders against everyone else, compared: a heatmap of the
//! Clover leaves by segment and a table with each segment's funnel shares and response time.
//! Segments below the privacy floor are listed as hidden, never drawn or numbered.

use charming::component::{Axis, Grid, VisualMap};
use charming::datatype::DataPoint;
use charming::element::{AxisLabel, AxisType, Label, Orient, Tooltip, Trigger};
use charming::series::Heatmap;
use charming::Chart;
use clover_core::analytics::{LeafName, SegmentKind, SegmentRow, Stage};
use leptos::prelude::*;

use crate::chart::{chart_text, EChart};
use crate::format::{int, pct, score};
use crate::state::{Data, Ui};

fn kind_label(k: SegmentKind) -> &'static str {
    match k {
        SegmentKind::Department => "Department",
        SegmentKind::Location => "Location",
        SegmentKind::Leaders => "People",
    }
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

#[component]
pub fn SegmentsSection() -> impl IntoView {
    let data = expect_context::<Data>();
    let ui = expect_context::<Ui>();
    let rows = Memo::new(move |_| data.analysis.with(|a| a.as_ref().map(|a| a.segments.clone()).unwrap_or_default()));
    let min_group = move || data.analysis.with(|a| a.as_ref().map_or(5, |a| a.segment.min_group));
    let chart = Signal::derive(move || rows.with(|r| heatmap(r, 14.0)));
    let dark: Signal<bool> = ui.dark.into();
    move || {
        let r = rows.get();
        if r.is_empty() {
            return ().into_any();
        }
        let drawn = r.iter().filter(|x| x.kind == SegmentKind::Department && !x.suppressed).count();
        let height = (drawn as u32 * 36 + 140).clamp(240, 900);
        view! {
            <section class="segments" data-testid="segments">
                <h2>"Departments compared"</h2>
                <p class="hint">
                    {format!("Each department, location, and leaders against everyone else, in this window. Groups of fewer than {} people are hidden to protect their privacy.", min_group())}
                </p>
                {(drawn > 0).then(|| view! {
                    <EChart
                        id="chart-segments"
                        label="Clover scores by department; the table below has the same numbers for every group".to_string()
                        chart=chart
                        dark=dark
                        height=height
                    />
                })}
                <div class="scroll" tabindex="0" role="region" aria-label="Segments compared as a table">
                    <table class="data-table segments-table">
                        <thead>
                            <tr>
                                <th scope="col">"Group"</th>
                                <th scope="col">"Kind"</th>
                                <th scope="col">"People"</th>
                                <th scope="col">"Active"</th>
                                <th scope="col">"Contributors"</th>
                                <th scope="col">"Engaged"</th>
                                <th scope="col">"Median first response"</th>
                                <th scope="col">"Clover"</th>
                                <th scope="col">"Leadership"</th>
                                <th scope="col">"Governance"</th>
                                <th scope="col">"Culture"</th>
                                <th scope="col">"Technology"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {r.into_iter().map(|s| {
                                if s.suppressed {
                                    return view! {
                                        <tr data-testid="segment-row" data-name=s.name.clone() data-suppressed="true">
                                            <th scope="row">{s.name.clone()}</th>
                                            <td>{kind_label(s.kind)}</td>
                                            <td colspan="10" class="hidden-note">{format!("Fewer than {} people: hidden", min_group())}</td>
                                        </tr>
                                    }.into_any();
                                }
                                let share = |st: Stage| pct(s.funnel.iter().find(|f| f.stage == st).and_then(|f| f.of_members));
                                let c = s.clover.clone().unwrap_or_default();
                                let leaf = |l: LeafName| score(c.leaves.iter().find(|x| x.leaf == l).and_then(|x| x.score));
                                let hours = s.median_response_hours.map(|h| if h < 10.0 { format!("{h:.1} h") } else { format!("{} h", h.round() as i64) }).unwrap_or_else(|| "—".into());
                                view! {
                                    <tr data-testid="segment-row" data-name=s.name.clone() data-suppressed="false"
                                        data-people=s.people.map(|p| p.to_string()).unwrap_or_default()
                                        data-overall=c.overall.map(|v| format!("{}", v.round() as i64)).unwrap_or_default()>
                                        <th scope="row">{s.name.clone()}</th>
                                        <td>{kind_label(s.kind)}</td>
                                        <td class="num">{s.people.map(int).unwrap_or_default()}</td>
                                        <td class="num">{share(Stage::Active)}</td>
                                        <td class="num">{share(Stage::Contributors)}</td>
                                        <td class="num">{share(Stage::Engaged)}</td>
                                        <td class="num">{hours}</td>
                                        <td class="num strong">{score(c.overall)}</td>
                                        <td class="num">{leaf(LeafName::Leadership)}</td>
                                        <td class="num">{leaf(LeafName::Governance)}</td>
                                        <td class="num">{leaf(LeafName::Culture)}</td>
                                        <td class="num">{leaf(LeafName::Technology)}</td>
                                    </tr>
                                }.into_any()
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        }
        .into_any()
    }
}
