//! Funnel: workforce → members → active → contributors → engaged → champions, as a chart
//! and as a table with the same numbers, month by month, and cohort retention.

use charming::component::{Axis, Grid, Legend, Title};
use charming::element::{AxisType, Tooltip, Trigger};
use charming::series::Line;
use charming::Chart;
use clover_core::analytics::{Analysis, DataKind, Metric, Stage};
use leptos::prelude::*;

use super::change::ChangeAmount;
use super::labels::{baseline_label, stage_label};
use super::parts::{Definitions, Suppressed, WindowLine};
use super::pictures::funnel_chart;
use crate::chart::EChart;
use crate::state::{Data, Ui};
use clover_core::words::{count as int, pct_or_dash as pct};

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
    let funnel = Signal::derive(move || {
        analysis.with(|a| a.as_ref().map(|a| funnel_chart(a, 16.0, dark.get())).unwrap_or_default())
    });
    let monthly = Signal::derive(move || analysis.with(|a| a.as_ref().map(|a| monthly_chart(a)).unwrap_or_default()));
    // The page's shape changes only with suppression: the charts stay in place (updated, not
    // made again) while the numbers change.
    let suppressed = Memo::new(move |_| analysis.with(|a| a.as_ref().map(|a| (a.suppressed, a.segment.min_group))));
    // Activity reports count each window whole: no months, no cohorts.
    let reports = Memo::new(move |_| analysis.with(|a| a.as_ref().is_some_and(|a| a.data == DataKind::Reports)));
    move || {
        match suppressed.get() {
        None => ().into_any(),
        Some((true, min_group)) => {
            view! { <section><h1>"Funnel"</h1><Suppressed min_group=min_group /></section> }.into_any()
        }
        Some((false, _)) if reports.get() => view! {
            <section class="funnel-view">
                <h1>"Adoption funnel"</h1>
                {move || analysis.get().map(|a| view! { <WindowLine analysis=a /> })}
                <div class="two-col">
                    <EChart id="chart-funnel" label="Adoption funnel chart; the table beside it has the same numbers".to_string() chart=funnel dark=dark height=420 />
                    {move || analysis.get().map(|a| view! { <StageTable analysis=a /> })}
                </div>
                <p class="hint" data-testid="reports-funnel-note">"Activity reports count what each person did over a whole window, reading included, but not who answered whom: the funnel has no engaged or champions stage, and no months or cohorts (reports of successive windows make the maturity journey, in the Clover view)."</p>
                <Definitions anchor="activity-reports" />
            </section>
        }
        .into_any(),
        Some((false, _)) => view! {
            <section class="funnel-view">
                <h1>"Adoption funnel"</h1>
                {move || analysis.get().map(|a| view! { <WindowLine analysis=a /> })}
                <div class="two-col">
                    <EChart id="chart-funnel" label="Adoption funnel chart; the table beside it has the same numbers".to_string() chart=funnel dark=dark height=420 />
                    {move || analysis.get().map(|a| view! { <StageTable analysis=a /> })}
                </div>
                <EChart id="chart-funnel-monthly" label="Funnel month by month".to_string() chart=monthly dark=dark height=340 />
                <h2>"Cohort retention"</h2>
                <p class="hint">"People grouped by the month of their first post or reply: the share still contributing in each following month."</p>
                {move || analysis.get().map(|a| view! { <CohortTable analysis=a /> })}
                <Definitions anchor="adoption-funnel" />
            </section>
        }
        .into_any(),
    }
    }
}

/// The stages with their conversion, and the baseline's counts and the changes when there is one.
#[component]
fn StageTable(analysis: std::sync::Arc<Analysis>) -> impl IntoView {
    let a = analysis;
    let since = baseline_label(&a);
    let baseline = a.baseline.as_ref().filter(|b| !b.funnel.is_empty()).cloned();
    let compared = baseline.is_some();
    let then =
        move |st: Stage| baseline.as_ref().and_then(|b| b.funnel.iter().find(|f| f.stage == st).map(|f| f.count));
    let change = |st: Stage| a.changes.iter().find(|c| c.metric == Metric::Stage(st)).cloned();
    view! {
        // Beside the chart on a wide screen; on a phone, with the baseline's columns, it may be
        // wider than the screen and scrolls in its own box.
        <div class="scroll" tabindex="0" role="region" aria-label="The funnel's stages as a table">
        <table class="data-table">
            <caption>"Each stage is a subset of the one before"</caption>
            <thead><tr>
                <th scope="col">"Stage"</th><th scope="col">"People"</th><th scope="col">"Conversion"</th><th scope="col">"Drop-off"</th>
                {compared.then(|| view! { <th scope="col">{since.clone()}</th><th scope="col">"Change"</th> })}
            </tr></thead>
            <tbody>
                {a.funnel.iter().map(|s| view! {
                    <tr data-testid="funnel-stage" data-stage=s.stage.id() data-count=s.count.to_string()
                        data-baseline=then(s.stage).map(|c| c.to_string()).unwrap_or_default()>
                        <th scope="row">{stage_label(&a, s.stage)}</th>
                        <td class="num">{int(s.count)}</td>
                        <td class="num">{s.conversion.map(|c| pct(Some(c))).unwrap_or_default()}</td>
                        <td class="num">{s.drop_off.map(int).unwrap_or_default()}</td>
                        {compared.then(|| view! {
                            <td class="num">{then(s.stage).map(int).unwrap_or_default()}</td>
                            <td class="num">{change(s.stage).map(|c| view! { <ChangeAmount change=c /> })}</td>
                        })}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

/// Cohort retention: each first month's people, and the share still contributing after.
#[component]
fn CohortTable(analysis: std::sync::Arc<Analysis>) -> impl IntoView {
    let a = analysis;
    view! {
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
    }
}
