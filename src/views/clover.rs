//! Clover: the four leaves of the Clover model drawn as a clover whose leaves fill with
//! their scores, the overall score and level, every indicator with its value, target,
//! score and explanation, and what to do next.

use clover_core::analytics::{Change, Headline, IndicatorId, Leaf, LeafName, Metric, NextStep, Status, VEINS};
use leptos::prelude::*;

use super::change::ChangeLine;
use super::journey::JourneySection;
use super::labels::baseline_label;
use super::parts::{panel_open, remember_panel, Definitions, Suppressed, WindowLine};
use super::pictures::CloverPicture;
use super::segments::SegmentsSection;
use crate::state::Data;
use clover_core::words::{pct_or_dash as pct, score};

fn leaf_virtue(leaf: LeafName) -> &'static str {
    match leaf {
        LeafName::Leadership => "executives personally involved",
        LeafName::Governance => "guidelines central, activity dispersed",
        LeafName::Culture => "openness, trust, collaboration",
        LeafName::Technology => "simple, adopted, habitual",
    }
}

#[component]
fn LeafCard(leaf: Leaf, changes: Vec<Change>, since: String) -> impl IntoView {
    let data_score = leaf.score.map(|s| format!("{}", s.round() as i64)).unwrap_or_default();
    let leaf_change = changes.iter().find(|c| c.metric == Metric::Leaf(leaf.leaf)).cloned();
    let indicator_change = move |id: IndicatorId| changes.iter().find(|c| c.metric == Metric::Indicator(id)).cloned();
    let since_each = since.clone();
    view! {
        <article class=format!("leaf-card {}", leaf.leaf) data-testid="clover-leaf" data-leaf=leaf.leaf.id() data-score=data_score>
            <header>
                <h2>{leaf.leaf.title()}</h2>
                <p class="virtue">{leaf_virtue(leaf.leaf)}</p>
                <p class="leaf-total"><strong>{score(leaf.score)}</strong>" / 100 · "{leaf.level.clone().unwrap_or_else(|| "no score".into())}</p>
                <p class="coverage" data-testid="coverage">{format!("{} of {} indicators measured", leaf.coverage.measured, leaf.coverage.of)}</p>
                {leaf_change.map(|c| view! { <p class="leaf-change"><ChangeLine change=c since=since.clone() /></p> })}
            </header>
            <table class="data-table indicators">
                <thead><tr><th scope="col">"Indicator"</th><th scope="col">"Value"</th><th scope="col">"Target"</th><th scope="col">"Score"</th></tr></thead>
                <tbody>
                    {leaf.indicators.iter().map(|i| view! {
                        <tr data-indicator=i.id.id() data-status=i.status.id()>
                            <th scope="row">
                                {i.name.clone()}
                                <p class="explain">{i.explanation.clone()}</p>
                                {i.gap.as_ref().map(|g| view! { <p class="gap" data-testid="gap">{g.text.clone()}</p> })}
                                {indicator_change(i.id).map(|c| view! { <p class="explain"><ChangeLine change=c since=since_each.clone() /></p> })}
                            </th>
                            <td class="num">{match i.status {
                                Status::Measured => pct(i.value),
                                Status::NoData => "no data".to_string(),
                                Status::TooFew => "too few".to_string(),
                            }}</td>
                            <td class="num">{pct(Some(i.target))}</td>
                            <td class="num strong">{score(i.score)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!leaf.recommendations.is_empty()).then(|| view! {
                <h3>"What to do next"</h3>
                <ul class="recommendations">{leaf.recommendations.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
            })}
        </article>
    }
}

#[component]
pub fn CloverView() -> impl IntoView {
    let data = expect_context::<Data>();
    // The page's shape changes only with suppression: the journey, the segments and the
    // editors below stay in place (their charts updated, not made again) while numbers change.
    let shape = Memo::new(move |_| data.analysis.with(|a| a.as_ref().map(|a| (a.suppressed, a.segment.min_group))));
    move || match shape.get() {
        None => ().into_any(),
        Some((true, min_group)) => {
            view! { <section><h1>"Clover"</h1><Suppressed min_group=min_group /></section> }.into_any()
        }
        Some((false, _)) => view! {
            <section class="clover-view">
                <h1>"Clover maturity"</h1>
                {move || data.analysis.get().map(|a| view! { <CloverScores analysis=a /> })}
                <JourneySection />
                <SegmentsSection />
                {(!data.is_fixed()).then(|| view! { <SelfAssessment /> <TargetsEditor /> })}
                <Definitions anchor="clover-maturity" />
            </section>
        }
        .into_any(),
    }
}

/// The window, the clover and its score, what to do next, and the four leaves.
#[component]
fn CloverScores(analysis: std::sync::Arc<clover_core::analytics::Analysis>) -> impl IntoView {
    let a = analysis;
    let Some(c) = a.clover.clone() else { return ().into_any() };
    let overall_attr = c.overall.map(|s| format!("{}", s.round() as i64)).unwrap_or_default();
    let since = baseline_label(&a);
    let overall_change = a.changes.iter().find(|x| x.metric == Metric::Headline(Headline::Clover)).cloned();
    let steps: Vec<NextStep> = c.next_steps.iter().take(3).cloned().collect();
    view! {
        <WindowLine analysis=a.clone() />
        <div class="clover-top">
            <CloverPicture clover=c.clone() />
            <div class="clover-summary" data-testid="clover-overall" data-score=overall_attr>
                <p class="big">{score(c.overall)}<span>" / 100"</span></p>
                <p class="level">{c.level.clone().unwrap_or_else(|| "Not enough data for a score".into())}</p>
                {overall_change.map(|x| view! { <p><ChangeLine change=x since=since.clone() /></p> })}
                {c.caution.clone().map(|t| view! { <p class="caution" data-testid="caution">{t}</p> })}
                <p class="hint">"The four leaves of the Clover model of social business. Drop any one and the impact becomes ordinary; technology is the smaller leaf and weighs half."</p>
                <ol class="levels">
                    <li>"0–19 Initiating"</li><li>"20–39 Experimenting"</li><li>"40–59 Adopting"</li><li>"60–79 Integrating"</li><li>"80–100 Transforming"</li>
                </ol>
            </div>
        </div>
        {(!steps.is_empty()).then(|| view! {
            <h2>"What to do next"</h2>
            <ol class="next-steps" data-testid="next-steps">
                {steps.into_iter().map(|n| view! {
                    <li data-indicator=n.indicator.id()>
                        <strong>{format!("{} ({} against a target of {}). ", c.indicator_name(n.indicator), pct(Some(n.value)), pct(Some(n.target)))}</strong>
                        {n.advice.clone()}
                        {n.gap.map(|g| view! { " " <span class="gap">{g.text}</span> })}
                    </li>
                }).collect_view()}
            </ol>
        })}
        <div class="leaf-cards">
            {c.leaves.iter().cloned().map(|l| view! { <LeafCard leaf=l changes=a.changes.clone() since=since.clone() /> }).collect_view()}
        </div>
        {(!c.limits.is_empty()).then(|| view! {
            <h2>{if a.data == clover_core::analytics::DataKind::Reports { "What these reports cannot show" } else { "What this export cannot show" }}</h2>
            <ul class="limits" data-testid="limits">
                {c.limits.iter().map(|l| view! { <li data-limit=l.kind.id()>{l.text.clone()}" "<span class="hint">{l.remedy.clone()}</span></li> }).collect_view()}
            </ul>
        })}
    }
    .into_any()
}

/// The twelve indicator targets, in percent, editable; scores follow at once.
#[component]
fn TargetsEditor() -> impl IntoView {
    let params = expect_context::<Data>().params;
    view! {
        <details class="editor" open=panel_open("targets") on:toggle=remember_panel("targets")>
            <summary>"Change the targets"</summary>
            <div class="editor-grid">
                {IndicatorId::ALL.into_iter().enumerate().map(|(i, id)| view! {
                    <label>
                        {id.name()}
                        <input type="number" min="1" max="100" class="narrow" data-target=i.to_string()
                            prop:value=move || params.with(|p| format!("{}", (id.target(&p.targets) * 100.0).round()))
                            on:change=move |ev| {
                                if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                                    if v.is_finite() && v > 0.0 {
                                        params.update(|p| *id.target_in(&mut p.targets) = v.min(100.0) / 100.0);
                                    }
                                }
                            } />
                        " %"
                    </label>
                }).collect_view()}
                <button type="button" class="link" on:click=move |_| params.update(|p| p.targets = Default::default())>"Back to the standard targets"</button>
            </div>
        </details>
    }
}

/// The optional self-assessment: the twelve veins of the Clover model, each rated 0–4 by the
/// team. Its scores are shown beside the data's, and the blend separately: never mixed in silently.
#[component]
fn SelfAssessment() -> impl IntoView {
    let data = expect_context::<Data>();
    let params = data.params;
    const SCALE: [&str; 5] = ["0 absent", "1 emerging", "2 partial", "3 established", "4 leading"];
    let summary = move || {
        data.analysis.with(|a| {
            let c = a.as_ref()?.clover.as_ref()?;
            c.self_assessed?;
            Some(view! {
                <table class="data-table self-scores" data-testid="self-assessment-scores">
                    <thead><tr><th scope="col">"Leaf"</th><th scope="col">"From the data"</th><th scope="col">"Self-assessed"</th><th scope="col">"Blend"</th></tr></thead>
                    <tbody>
                        {c.leaves.iter().map(|l| view! {
                            <tr><th scope="row">{l.leaf.title()}</th><td class="num">{score(l.score)}</td><td class="num">{score(l.self_score)}</td><td class="num strong">{score(l.blended)}</td></tr>
                        }).collect_view()}
                        <tr><th scope="row">"Overall"</th><td class="num">{score(c.overall)}</td><td class="num">{score(c.self_assessed)}</td><td class="num strong" data-testid="blended-overall">{score(c.blended)}</td></tr>
                    </tbody>
                </table>
            })
        })
    };
    view! {
        <details class="editor" data-testid="self-assessment" open=panel_open("self") on:toggle=remember_panel("self")>
            <summary>"Self-assessment: rate the twelve veins"</summary>
            <p class="hint">"Data cannot see passion, ROI or HR policy. Rate each vein as a team; the blend is shown beside the data's score, never in its place."</p>
            <div class="veins">
                {VEINS.iter().enumerate().map(|(i, (leaf, vein))| view! {
                    <label class="vein">
                        <span><strong>{leaf.title()}</strong>" · "{*vein}</span>
                        <select data-vein=i.to_string() on:change=move |ev| {
                            let v = event_target_value(&ev);
                            params.update(|p| {
                                let mut veins = p.self_assessment.unwrap_or_else(|| PARTIAL.with(|c| c.get()));
                                veins[i] = v.parse().unwrap_or(u8::MAX);
                                // Only a complete questionnaire counts; unanswered veins keep it off.
                                p.self_assessment = if veins.iter().all(|x| *x <= 4) { Some(veins) } else { None };
                                PARTIAL.with(|cell| cell.set(veins));
                            });
                        }>
                            <option value="">"—"</option>
                            {SCALE.iter().enumerate().map(|(k, label)| view! {
                                <option value=k.to_string() selected=move || params.with(|p| p.self_assessment.map(|v| v[i] as usize) == Some(k) || (p.self_assessment.is_none() && PARTIAL.with(|c| c.get()[i] as usize == k)))>{*label}</option>
                            }).collect_view()}
                        </select>
                    </label>
                }).collect_view()}
            </div>
            {summary}
        </details>
    }
}

thread_local! {
    /// Answers given so far, before all twelve are in.
    static PARTIAL: std::cell::Cell<[u8; 12]> = const { std::cell::Cell::new([u8::MAX; 12]) };
}
