//! Overview: the key figures, each with its change against the baseline when there is one,
//! and the headline insights, each linking to the view with its numbers.

use clover_core::analytics::Figure;
use leptos::prelude::*;

use super::change::ChangeLine;
use super::labels::baseline_label;
use super::parts::{Definitions, Suppressed, WindowLine};
use crate::state::{Data, Ui, View};
use clover_core::words::keep_together;

#[component]
pub fn OverviewView() -> impl IntoView {
    let data = expect_context::<Data>();
    let ui = expect_context::<Ui>();
    move || {
        let Some(a) = data.analysis.get() else { return ().into_any() };
        if a.suppressed {
            return view! { <section><h1>"Overview"</h1><Suppressed min_group=a.segment.min_group /></section> }
                .into_any();
        }
        let figures: Vec<(Figure, View)> = a
            .figures
            .iter()
            .cloned()
            .map(|f| {
                let target = match f.id.as_str() {
                    "champions" => View::Leaderboard,
                    "readers" => View::Trends,
                    "clover" => View::Clover,
                    _ => View::Funnel,
                };
                (f, target)
            })
            .collect();
        let caution = a.clover.as_ref().and_then(|c| c.caution.clone());
        let since = baseline_label(&a);
        let compared = a.baseline.is_some();
        // Without a comparison, one click away from the most useful one.
        let suggestion = (!compared)
            .then(|| a.presets.iter().find(|p| p.id == "last_quarter").or(a.presets.first()).cloned())
            .flatten();
        view! {
            <section class="overview">
                <h1>"Overview"</h1>
                <WindowLine analysis=a.clone() />
                {suggestion.map(|p| view! {
                    <p class="suggest">
                        <button class="link" data-testid="suggest-compare" on:click=move |_| {
                            let (from, to) = (clover_core::civil::parse_date(&p.from), clover_core::civil::parse_date(&p.to));
                            data.params.update(|q| {
                                (q.from, q.to) = (from, to);
                                q.compare = clover_core::analytics::Compare::Previous;
                            });
                        }>{format!("Are we getting better? See the {} →", first_lower(&p.label))}</button>
                    </p>
                })}
                <div class="kpis">
                    {figures
                        .into_iter()
                        .map(|(f, target)| {
                            let change = a.changes.iter().find(|c| c.metric == f.metric).cloned();
                            let since = since.clone();
                            view! {
                                <button class="kpi" data-kpi=f.id on:click=move |_| ui.view.set(target)>
                                    <span class="kpi-label">{f.label}</span>
                                    <span class="kpi-value">{f.value}</span>
                                    <span class="kpi-sub">{f.sub}</span>
                                    {match change {
                                        Some(c) => view! { <ChangeLine change=c since=since /> }.into_any(),
                                        None if compared => view! {
                                            <span class="change none" data-testid="change">"no comparison"</span>
                                        }.into_any(),
                                        None => ().into_any(),
                                    }}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                {caution.map(|c| view! { <p class="caution" data-testid="caution">{c}</p> })}
                <h2>"What stands out"</h2>
                <ul class="insights">
                    {a.insights
                        .iter()
                        .map(|i| {
                            let target = View::from(i.view);
                            // No link to the view already on screen.
                            let link = (target != View::Overview).then(|| view! {
                                " "
                                <button class="link" on:click=move |_| ui.view.set(target)>
                                    {format!("See {} →", target.title())}
                                </button>
                            });
                            view! {
                                <li data-testid="insight">
                                    <span>{keep_together(&i.text)}</span>
                                    {link}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                {(!a.notes.is_empty()).then(|| view! {
                    <h2>"About these numbers"</h2>
                    <ul class="notes" data-testid="analysis-notes">
                        {a.notes.iter().map(|n| view! { <li data-testid="analysis-note">{n.clone()}</li> }).collect_view()}
                    </ul>
                })}
                <Definitions anchor="adoption-funnel" />
            </section>
        }
        .into_any()
    }
}

/// `Last complete quarter: …` → `last complete quarter: …` (only the first letter).
fn first_lower(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
}
