//! Departments, locations, and leaders against everyone else, compared: a heatmap of the
//! Clover leaves by segment and a table with each segment's funnel shares and response time.
//! Segments below the privacy floor are listed as hidden, never drawn or numbered.

use clover_core::analytics::{LeafName, SegmentKind, Stage};
use leptos::prelude::*;

use super::pictures::heatmap;
use crate::chart::EChart;
use crate::state::{Data, Ui};
use clover_core::words::{count as int, pct_or_dash as pct, score};

fn kind_label(k: SegmentKind) -> &'static str {
    match k {
        SegmentKind::Department => "Department",
        SegmentKind::Location => "Location",
        SegmentKind::Leaders => "People",
    }
}

#[component]
pub fn SegmentsSection() -> impl IntoView {
    let data = expect_context::<Data>();
    let ui = expect_context::<Ui>();
    let rows = Memo::new(move |_| data.analysis.with(|a| a.as_ref().map(|a| a.segments.clone()).unwrap_or_default()));
    let min_group = move || data.analysis.with(|a| a.as_ref().map_or(5, |a| a.segment.min_group));
    let chart = Signal::derive(move || rows.with(|r| heatmap(r, 14.0)));
    let dark: Signal<bool> = ui.dark.into();
    // How many departments are drawn decides the chart's height: the chart is made again only
    // when that changes, not with every number.
    let drawn = Memo::new(move |_| {
        rows.with(|r| {
            (!r.is_empty()).then(|| r.iter().filter(|x| x.kind == SegmentKind::Department && !x.suppressed).count())
        })
    });
    move || {
        let Some(drawn) = drawn.get() else { return ().into_any() };
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
                            {move || rows.get().into_iter().map(|s| {
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
