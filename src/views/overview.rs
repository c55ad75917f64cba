//! Overview: the key figures and headline insights, each linking to its view.

use clover_core::analytics::Stage;
use leptos::prelude::*;

use super::{Definitions, Suppressed};
use crate::format::{int, pct, score};
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
        let members = stage(Stage::Members);
        let active = stage(Stage::Active);
        let active_share = a.stage(Stage::Active).and_then(|s| s.of_members);
        let overall = a.clover.as_ref().and_then(|c| c.overall);
        let level = a.clover.as_ref().and_then(|c| c.level.clone()).unwrap_or_default();
        let figures = vec![
            ("Members", int(members), String::new(), View::Funnel),
            ("Active", pct(active_share), format!("{} people", int(active)), View::Funnel),
            ("Contributors", int(stage(Stage::Contributors)), "posted or replied".into(), View::Funnel),
            ("Engaged", int(stage(Stage::Engaged)), "gave and received responses".into(), View::Funnel),
            ("Champions", int(stage(Stage::Champions)), "engaged, week after week".into(), View::Leaderboard),
            ("Clover", score(overall), level, View::Clover),
        ];
        view! {
            <section class="overview">
                <h1>"Overview"</h1>
                <p class="window">{window_line(&a.window)}</p>
                <div class="kpis">
                    {figures
                        .into_iter()
                        .map(|(label, value, sub, target)| view! {
                            <button class="kpi" data-kpi=label.to_lowercase() on:click=move |_| ui.view.set(target)>
                                <span class="kpi-label">{label}</span>
                                <span class="kpi-value">{value}</span>
                                <span class="kpi-sub">{sub}</span>
                            </button>
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
                                    <span>{i.text.clone()}</span>
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

pub fn window_line(w: &clover_core::analytics::Window) -> String {
    match (&w.from, &w.to) {
        (Some(f), Some(t)) => format!("{f} to {t} · {} days, {} weeks", int(w.days), int(w.weeks)),
        _ => "No activity in the selected dates.".into(),
    }
}
