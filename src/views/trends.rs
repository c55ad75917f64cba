//! Trends: weekly activity, participation inequality against 90-9-1, personas, the
//! cross-department exchange and the interaction network.

use charming::component::{Axis, DataZoom, Grid, Legend, Title, VisualMap};
use charming::element::{AxisType, LineStyle, LineStyleType, Tooltip, Trigger};
use charming::series::{Bar, Heatmap, Line};
use charming::Chart;
use clover_core::analytics::{Analysis, DataKind};
use leptos::prelude::*;

use super::parts::{Definitions, Suppressed};
use crate::chart::EChart;
use crate::state::{Data, Ui};
use clover_core::words::{count as int, pct_or_dash as pct};

fn weekly_chart(a: &Analysis) -> Chart {
    let weeks: Vec<String> = a.series.iter().map(|w| w.start.clone()).collect();
    let col = |f: &dyn Fn(&clover_core::analytics::WeekPoint) -> u64| {
        a.series.iter().map(|w| f(w) as i64).collect::<Vec<i64>>()
    };
    Chart::new()
        .title(Title::new().text("Weekly activity"))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(28))
        .grid(Grid::new().left(60).right(60).top(70).bottom(70))
        .data_zoom(DataZoom::new())
        .x_axis(Axis::new().type_(AxisType::Category).data(weeks))
        .y_axis(Axis::new().type_(AxisType::Value).name("people"))
        .y_axis(Axis::new().type_(AxisType::Value).name("messages"))
        .series(Line::new().name("Active people").data(col(&|w| w.active)))
        .series(Line::new().name("Contributors").data(col(&|w| w.contributors)))
        .series(Bar::new().name("Posts").stack("m").y_axis_index(1).data(col(&|w| w.posts)))
        .series(Bar::new().name("Replies").stack("m").y_axis_index(1).data(col(&|w| w.replies)))
}

fn lorenz_chart(a: &Analysis) -> Chart {
    let points: Vec<Vec<f64>> = a
        .inequality
        .as_ref()
        .map(|i| i.lorenz.iter().map(|p| vec![p.people * 100.0, p.contributions * 100.0]).collect())
        .unwrap_or_default();
    // 90-9-1: 90 % make nothing, the next 9 % a tenth, the top 1 % the rest (a common reading).
    let rule = vec![vec![0.0, 0.0], vec![90.0, 0.0], vec![99.0, 10.0], vec![100.0, 100.0]];
    let equal = vec![vec![0.0, 0.0], vec![100.0, 100.0]];
    Chart::new()
        .title(Title::new().text("Who contributes: the Lorenz curve"))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(28))
        .grid(Grid::new().left(70).right(30).top(70).bottom(60))
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .max(100)
                .name("% of members, least active first")
                .name_location(charming::element::NameLocation::Middle)
                .name_gap(28),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .max(100)
                .name("% of contributions")
                .name_location(charming::element::NameLocation::Middle)
                .name_gap(40),
        )
        .series(Line::new().name("Your organisation").show_symbol(false).data(points))
        .series(
            Line::new()
                .name("90-9-1 rule")
                .show_symbol(false)
                .line_style(LineStyle::new().type_(LineStyleType::Dashed))
                .data(rule),
        )
        .series(
            Line::new()
                .name("Everyone equal")
                .show_symbol(false)
                .line_style(LineStyle::new().type_(LineStyleType::Dotted))
                .data(equal),
        )
}

/// Who responds to whom across departments. Department names come from files: they go
/// through [`chart_text`] before they reach ECharts.
fn exchange_chart(a: &Analysis) -> Chart {
    let Some(m) = &a.exchange else { return Chart::new() };
    let labels: Vec<String> = m.departments.iter().map(|d| crate::chart::chart_text(d)).collect();
    let max = m.counts.iter().flatten().copied().max().unwrap_or(0).max(1);
    let mut data = Vec::new();
    for (i, row) in m.counts.iter().enumerate() {
        for (j, &c) in row.iter().enumerate() {
            use charming::datatype::DataPoint;
            data.push(vec![DataPoint::from(j as i64), DataPoint::from(i as i64), DataPoint::from(c as i64)]);
        }
    }
    Chart::new()
        .title(Title::new().text("Who responds to whom: rows give, columns receive"))
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .grid(Grid::new().left(150).right(30).top(60).bottom(110))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(labels.clone())
                .axis_label(charming::element::AxisLabel::new().interval(0).rotate(30)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(labels)
                .axis_label(charming::element::AxisLabel::new().interval(0)),
        )
        .visual_map(
            VisualMap::new()
                .min(0)
                .max(max as f64)
                .calculable(true)
                .orient(charming::element::Orient::Horizontal)
                .left("center")
                .bottom(0),
        )
        .series(Heatmap::new().name("Responses").data(data))
}

/// People who exchanged the most responses, drawn as a network: each circle a person
/// (area by responses, colour by department), each line the responses between two people.
/// Departments sit as clusters on a ring, each person placed on a sunflower spiral in their
/// department's cluster (busiest in the middle), so lines between clusters are the
/// cross-department ties and the same data always gives the same picture. Names come from
/// files: they go through [`chart_text`](crate::chart::chart_text); node ids are indices,
/// never file ids.
fn network_chart(a: &Analysis) -> Chart {
    use charming::series::{Graph, GraphCategory, GraphData, GraphLayout, GraphLink, GraphNode, GraphNodeLabel};
    let Some(n) = &a.network else { return Chart::new() };
    let dept_name = |p: &clover_core::analytics::Node| p.department.clone().unwrap_or_else(|| "(no department)".into());
    let mut departments: Vec<String> = n.nodes.iter().map(dept_name).collect();
    departments.sort();
    departments.dedup();
    let dept_of = |p: &clover_core::analytics::Node| departments.iter().position(|x| *x == dept_name(p)).unwrap_or(0);
    // The ten busiest people are named on the picture; everyone is named in the tooltip.
    let mut busiest: Vec<usize> = (0..n.nodes.len()).collect();
    busiest.sort_by_key(|&i| std::cmp::Reverse(n.nodes[i].responses));
    busiest.truncate(10);
    let max = n.nodes.iter().map(|p| p.responses).max().unwrap_or(1).max(1) as f64;
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); departments.len().max(1)];
    for (i, p) in n.nodes.iter().enumerate() {
        members[dept_of(p)].push(i);
    }
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let ring = if departments.len() > 1 { 80.0 + 45.0 * departments.len() as f64 } else { 0.0 };
    let mut nodes: Vec<GraphNode> = Vec::with_capacity(n.nodes.len());
    for (d, people) in members.iter_mut().enumerate() {
        people.sort_by_key(|&i| std::cmp::Reverse(n.nodes[i].responses));
        let angle = std::f64::consts::TAU * d as f64 / departments.len().max(1) as f64;
        let (cx, cy) = (ring * angle.cos(), ring * angle.sin());
        for (k, &i) in people.iter().enumerate() {
            let p = &n.nodes[i];
            let (r, t) = (35.0 * (k as f64).sqrt(), k as f64 * golden);
            let leader = if p.leader { " (leader)" } else { "" };
            nodes.push(GraphNode {
                id: format!("n{i}"),
                name: format!("{}{leader}", crate::chart::chart_text(&p.name)),
                x: cx + r * t.cos(),
                y: cy + r * t.sin(),
                value: p.responses as f64,
                category: d as u64,
                symbol_size: 5.0 + 19.0 * (p.responses as f64 / max).sqrt(),
                label: busiest.contains(&i).then(|| GraphNodeLabel::new().show(true).position("right").font_size(13.0)),
            });
        }
    }
    let links = n
        .edges
        .iter()
        .map(|e| GraphLink {
            source: format!("n{}", e.source),
            target: format!("n{}", e.target),
            value: Some(e.weight as f64),
        })
        .collect();
    let categories = departments.iter().map(|d| GraphCategory { name: crate::chart::chart_text(d) }).collect();
    Chart::new()
        .title(Title::new().text("Who exchanges with whom: the strongest ties, by department"))
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().type_(charming::component::LegendType::Scroll).top(28))
        .series(
            Graph::new()
                .name("Responses")
                .layout(GraphLayout::None)
                .roam(true)
                .line_style(LineStyle::new().color("source").opacity(0.35).width(1.2).curveness(0.15))
                .data(GraphData { nodes, links, categories }),
        )
}

#[component]
pub fn TrendsView() -> impl IntoView {
    let analysis = expect_context::<Data>().analysis;
    let dark: Signal<bool> = expect_context::<Ui>().dark.into();
    let weekly = Signal::derive(move || analysis.with(|a| a.as_ref().map(|a| weekly_chart(a)).unwrap_or_default()));
    let lorenz = Signal::derive(move || analysis.with(|a| a.as_ref().map(|a| lorenz_chart(a)).unwrap_or_default()));
    let exchange = Signal::derive(move || analysis.with(|a| a.as_ref().map(|a| exchange_chart(a)).unwrap_or_default()));
    let network = Signal::derive(move || analysis.with(|a| a.as_ref().map(|a| network_chart(a)).unwrap_or_default()));
    // The page's shape: which sections there are (and the matrix's height). It changes far less
    // often than the numbers, so the charts stay in place, updated rather than made again.
    let shape = Memo::new(move |_| {
        analysis.with(|a| {
            a.as_ref().map(|a| Shape {
                suppressed: a.suppressed,
                min_group: a.segment.min_group,
                matrix_departments: a.exchange.as_ref().map_or(0, |m| m.departments.len()),
                network: a.network.as_ref().is_some_and(|n| !n.edges.is_empty()),
                no_weeks: a.data == DataKind::Reports && a.series.is_empty(),
            })
        })
    });
    move || {
        let Some(shape) = shape.get() else { return ().into_any() };
        if shape.suppressed {
            return view! { <section><h1>"Trends"</h1><Suppressed min_group=shape.min_group /></section> }.into_any();
        }
        let height = (220 + 34 * shape.matrix_departments as u32).min(720);
        view! {
            <section class="trends-view">
                <h1>"Trends"</h1>
                {shape.no_weeks.then(|| view! {
                    <p class="hint" data-testid="no-weeks">"These activity reports give totals for the whole window, not week by week: of the activity reports, only Slack's analytics overview and its daily member files give weeks."</p>
                })}
                {(!shape.no_weeks).then(|| view! {
                    <EChart id="chart-weekly" label="Weekly active people, contributors, posts and replies".to_string() chart=weekly dark=dark height=380 />
                })}
                <div class="two-col">
                    <EChart id="chart-lorenz" label="Lorenz curve of contributions compared with the 90-9-1 rule".to_string() chart=lorenz dark=dark height=380 />
                    {move || analysis.get().map(|a| view! { <Inequality analysis=a /> })}
                </div>
                {(shape.matrix_departments > 1).then(|| view! {
                    <EChart id="chart-exchange" label="Responses between departments; the table below has the same numbers".to_string() chart=exchange dark=dark height=height />
                    {move || analysis.get().and_then(|a| a.exchange.clone()).map(|m| view! { <ExchangeTable matrix=m /> })}
                })}
                {shape.network.then(|| view! {
                    <EChart id="chart-network" label="Interaction network of the people who exchanged the most responses; the table below lists the strongest ties".to_string() chart=network dark=dark height=560 />
                    {move || analysis.get().and_then(|a| a.network.clone()).map(|n| view! { <NetworkTable network=n /> })}
                })}
                {(!shape.no_weeks).then(|| view! {
                    <h2>"Weekly numbers"</h2>
                    {move || analysis.get().map(|a| view! { <WeeklyTable analysis=a /> })}
                })}
                <Definitions anchor="the-other-views" />
            </section>
        }
        .into_any()
    }
}

#[derive(Clone, Copy, PartialEq)]
struct Shape {
    suppressed: bool,
    min_group: usize,
    matrix_departments: usize,
    network: bool,
    /// Activity reports without weeks: no weekly chart or table.
    no_weeks: bool,
}

#[component]
fn Inequality(analysis: std::sync::Arc<Analysis>) -> impl IntoView {
    let ineq = analysis.inequality.clone();
    let reports = analysis.data == DataKind::Reports;
    let personas = analysis.personas.clone();
    view! {
        <div>
            <h2>"Participation inequality"</h2>
            {ineq.map(|i| view! {
                <dl class="pairs">
                    <dt>"Gini coefficient"</dt><dd>{i.gini.map(|g| format!("{g:.2}")).unwrap_or_else(|| "—".into())}</dd>
                    <dt>"Share made by the top 1 %"</dt><dd>{pct(i.top1_share)}</dd>
                    <dt>"Share made by the top 10 %"</dt><dd>{pct(i.top10_share)}</dd>
                    <dt>{if reports { "Members who did not post (readers or inactive)" } else { "Members who only read or react" }}</dt><dd>{pct(i.rule_90_9_1.as_ref().map(|r| r.lurkers))}" (90-9-1: 90 %)"</dd>
                </dl>
            })}
            <h2>"Personas"</h2>
            {match personas {
                Some(personas) => view! {
                    <table class="data-table">
                        <tbody>
                            <tr><th scope="row">"Engagers"</th><td class="num">{int(personas.engager)}</td><td>"give and receive in balance"</td></tr>
                            <tr><th scope="row">"Catalysts"</th><td class="num">{int(personas.catalyst)}</td><td>"their posts draw many responses"</td></tr>
                            <tr><th scope="row">"Responders"</th><td class="num">{int(personas.responder)}</td><td>"mostly answer others"</td></tr>
                            <tr><th scope="row">"Broadcasters"</th><td class="num">{int(personas.broadcaster)}</td><td>"post, with little dialogue"</td></tr>
                            <tr><th scope="row">"Observers"</th><td class="num">{int(personas.observer)}</td><td>"read only"</td></tr>
                        </tbody>
                    </table>
                }.into_any(),
                None => view! {
                    <p class="hint" data-testid="no-personas">"A persona needs who answered whom, which activity reports do not hold."</p>
                }.into_any(),
            }}
        </div>
    }
}

#[component]
fn ExchangeTable(matrix: clover_core::analytics::ExchangeMatrix) -> impl IntoView {
    let cross = pct(matrix.cross_share);
    let labels = matrix.departments.clone();
    let rows = matrix.counts.clone();
    view! {
        <p class="hint">{format!("{cross} of responses between people with known departments crossed a department line.")}</p>
        <details>
            <summary>"The same numbers as a table"</summary>
            <div class="scroll" tabindex="0" role="region" aria-label="Responses between departments, as a table">
                <table class="data-table">
                    <thead><tr><th scope="col">"Given by ↓ / received by →"</th>{labels.iter().map(|d| view! { <th scope="col">{d.clone()}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {rows.iter().zip(labels.iter()).map(|(r, d)| view! {
                            <tr><th scope="row">{d.clone()}</th>{r.iter().map(|c| view! { <td class="num">{int(*c)}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}

#[component]
fn NetworkTable(network: clover_core::analytics::Network) -> impl IntoView {
    let n = network;
    let names: Vec<String> = n.nodes.iter().map(|p| p.name.clone()).collect();
    let ties: Vec<(String, String, u64)> = n
        .edges
        .iter()
        .take(20)
        .map(|e| {
            (
                names.get(e.source).cloned().unwrap_or_default(),
                names.get(e.target).cloned().unwrap_or_default(),
                e.weight,
            )
        })
        .collect();
    let caption = format!(
        "The {} strongest of {} pairs of people who responded to each other",
        int(n.edges.len() as u64),
        int(n.pairs)
    );
    view! {
        // On a phone the picture does not move (a drag scrolls the page: src/chart.rs).
        <p class="hint">{caption}<span class="roam-hint">"; drag to move, scroll to zoom"</span>"."</p>
        <details>
            <summary>"The strongest ties as a table"</summary>
            <table class="data-table" data-testid="network-table">
                <thead><tr><th scope="col">"Person"</th><th scope="col">"Person"</th><th scope="col">"Responses between them"</th></tr></thead>
                <tbody>
                    {ties.into_iter().map(|(x, y, w)| view! { <tr><td>{x}</td><td>{y}</td><td class="num">{int(w)}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}

#[component]
fn WeeklyTable(analysis: std::sync::Arc<Analysis>) -> impl IntoView {
    view! {
        <div class="scroll short" tabindex="0" role="region" aria-label="Weekly numbers">
            <table class="data-table">
                <thead><tr><th scope="col">"Week of"</th><th scope="col">"Active"</th><th scope="col">"Contributors"</th><th scope="col">"Posts"</th><th scope="col">"Replies"</th><th scope="col">"Reactions"</th></tr></thead>
                <tbody>
                    {analysis.series.iter().map(|w| view! {
                        <tr><th scope="row">{w.start.clone()}</th><td class="num">{int(w.active)}</td><td class="num">{int(w.contributors)}</td><td class="num">{int(w.posts)}</td><td class="num">{int(w.replies)}</td><td class="num">{int(w.reactions)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
