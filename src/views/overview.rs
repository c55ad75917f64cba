//! Overview: the key figures, each with its change against the baseline when there is one,
//! and the headline insights, each linking to the view with its numbers.

use clover_core::analytics::{Headline, Metric, Stage};
use leptos::prelude::*;

use super::change::ChangeLine;
use super::labels::baseline_label;
use super::parts::{Definitions, Suppressed, WindowLine};
use crate::format::{int, keep_together, pct, score};
use crate::state::{Data, Ui, View};

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
        let stage = |s: Stage| a.count(s);
        let active_share = a.stage(Stage::Active).and_then(|s| s.of_members);
        let overall = a.clover.as_ref().and_then(|c| c.overall);
        let level = a.clover.as_ref().and_then(|c| c.level.clone()).unwrap_or_default();
        let members = stage(Stage::Members);
        let figures = vec![
            ("Members", int(members), String::new(), View::Funnel, Metric::Stage(Stage::Members)),
            (
                "Active",
                pct(active_share),
                format!("{} of {} members", int(stage(Stage::Active)), int(members)),
                View::Funnel,
                Metric::Headline(Headline::ActiveShare),
            ),
            (
                "Contributors",
                int(stage(Stage::Contributors)),
                "posted or replied".into(),
                View::Funnel,
                Metric::Stage(Stage::Contributors),
            ),
            (
                "Engaged",
                int(stage(Stage::Engaged)),
                "gave and received responses".into(),
                View::Funnel,
                Metric::Stage(Stage::Engaged),
            ),
            (
                "Champions",
                int(stage(Stage::Champions)),
                "engaged, week after week".into(),
                View::Leaderboard,
                Metric::Stage(Stage::Champions),
            ),
            ("Clover", score(overall), level, View::Clover, Metric::Headline(Headline::Clover)),
        ];
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
                        .map(|(label, value, sub, target, metric)| {
                            let change = a.changes.iter().find(|c| c.metric == metric).cloned();
                            let since = since.clone();
                            view! {
                                <button class="kpi" data-kpi=label.to_lowercase() on:click=move |_| ui.view.set(target)>
                                    <span class="kpi-label">{label}</span>
                                    <span class="kpi-value">{value}</span>
                                    <span class="kpi-sub">{sub}</span>
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
