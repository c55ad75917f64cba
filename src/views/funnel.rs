//! Funnel: workforce → members → active → contributors → engaged → champions, as a chart
//! and as a table with the same numbers, month by month, and cohort retention.

use charming::component::{Axis, Grid, Legend, Title};
use charming::element::{AxisType, Label, LabelPosition, Tooltip, Trigger};
use charming::series::{Funnel, Line};
use charming::Chart;
use clover_core::analytics::{Analysis, FunnelStage, Stage};
use leptos::prelude::*;

use super::{Definitions, Suppressed};
use crate::chart::EChart;
use crate::format::{int, pct};
use crate::state::{Data, Ui};

pub fn stage_label(stage: Stage) -> &'static str {
    match stage {
        Stage::Workforce => "Workforce",
        Stage::Members => "Members",
        Stage::Active => "Active",
        Stage::Contributors => "Contributors",
        Stage::Engaged => "Engaged (two-way)",
        Stage::Champions => "Champions",
    }
}

fn funnel_chart(stages: &[FunnelStage]) -> Chart {
    let data: Vec<(f64, &str)> = stages.iter().map(|s| (s.count as f64, stage_label(s.stage))).collect();
    Chart::new().tooltip(Tooltip::new().trigger(Trigger::Item).formatter("{b}: {c}")).series(
        Funnel::new()
            .name("Adoption funnel")
            .sort(charming::element::Sort::None)
            .min_size("8%")
            .gap(3)
            .left("4%")
            .width("56%")
            .top(20)
            .bottom(20)
            // Beside the funnel, not on it: readable on any colour and on a projector.
            .label(Label::new().show(true).position(LabelPosition::Right).formatter("{b}: {c}").font_size(16))
            .data(data),
    )
}

fn monthly_chart(a: &Analysis) -> Chart {
    let months: Vec<String> = a.funnel_by_month.iter().map(|m| m.month.clone()).collect();
    let line = |name: &str, f: &dyn Fn(&clover_core::analytics::MonthFunnel) -> u64| {
        Line::new().name(name).data(a.funnel_by_month.iter().map(|m| f(m) as i64).collect::<Vec<_>>())
    };
    Chart::new()
        .title(Title::new().text("Month by month"))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(28))
        .grid(Grid::new().left(60).right(20).top(70).bottom(40))
        .x_axis(Axis::new().type_(AxisType::Category).data(months))
        .y_axis(Axis::new().type_(AxisType::Value))
        .series(line("Members", &|m| m.members))
        .series(line("Active", &|m| m.active))
        .series(line("Contributors", &|m| m.contributors))
        .series(line("Engaged", &|m| m.engaged))
        .series(line("Champions", &|m| m.champions))
}

#[component]
pub fn FunnelView() -> impl IntoView {
    let analysis = expect_context::<Data>().analysis;
    let dark: Signal<bool> = expect_context::<Ui>().dark.into();
    let funnel =
        Signal::derive(move || analysis.with(|a| a.as_ref().map(|a| funnel_chart(&a.funnel)).unwrap_or_default()));
    let monthly = Signal::derive(move || analysis.with(|a| a.as_ref().map(|a| monthly_chart(a)).unwrap_or_default()));
    move || {
        let Some(a) = analysis.get() else { return ().into_any() };
        if a.suppressed {
            return view! { <section><h1>"Funnel"</h1><Suppressed min_group=a.segment.min_group /></section> }
                .into_any();
        }
        view! {
            <section class="funnel-view">
                <h1>"Adoption funnel"</h1>
                <div class="two-col">
                    <EChart id="chart-funnel" label="Adoption funnel chart; the table beside it has the same numbers".to_string() chart=funnel dark=dark height=420 />
                    <table class="data-table">
                        <caption>"Each stage is a subset of the one before"</caption>
                        <thead><tr><th scope="col">"Stage"</th><th scope="col">"People"</th><th scope="col">"Conversion"</th><th scope="col">"Drop-off"</th></tr></thead>
                        <tbody>
                            {a.funnel.iter().map(|s| view! {
                                <tr data-testid="funnel-stage" data-stage=s.stage.id() data-count=s.count.to_string()>
                                    <th scope="row">{stage_label(s.stage)}</th>
                                    <td class="num">{int(s.count)}</td>
                                    <td class="num">{s.conversion.map(|c| pct(Some(c))).unwrap_or_default()}</td>
                                    <td class="num">{s.drop_off.map(int).unwrap_or_default()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <EChart id="chart-funnel-monthly" label="Funnel month by month".to_string() chart=monthly dark=dark height=340 />
                <h2>"Cohort retention"</h2>
                <p class="hint">"People grouped by the month of their first post or reply: the share still contributing in each following month."</p>
                <div class="scroll" tabindex="0" role="region" aria-label="Cohort retention, month by month">
                    <table class="data-table cohorts">
                        <thead><tr><th scope="col">"First contribution"</th><th scope="col">"People"</th>
                            {(0..a.cohorts.iter().map(|c| c.retention.len()).max().unwrap_or(0)).map(|k| view! { <th scope="col">{format!("M{k}")}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {a.cohorts.iter().map(|c| view! {
                                <tr>
                                    <th scope="row">{c.month.clone()}</th>
                                    <td class="num">{int(c.size)}</td>
                                    {c.retention.iter().map(|r| {
                                        let shade = format!("--r:{:.2}", r.clamp(0.0, 1.0));
                                        view! { <td class="num heat" style=shade>{pct(Some(*r))}</td> }
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <Definitions anchor="adoption-funnel" />
            </section>
        }
        .into_any()
    }
}
