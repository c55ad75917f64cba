//! The maturity journey on the Clover view: Clover overall and the four leaves for every
//! calendar quarter (or month) of the data, the five level bands behind them, a mark where
//! each level was first reached and where leader activation first met its target; and the
//! same numbers as a table.

use clover_core::analytics::{LeafName, Stage, Unit};
use leptos::prelude::*;

use super::pictures::journey_chart;
use crate::chart::EChart;
use crate::state::{Data, Ui};
use clover_core::words::{capitalise, count as int, pct_or_dash as pct, score};

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
            // Said only where leader activation was measured in some period (leaders known).
            (Some(r), None) if j.periods.iter().any(|p| p.leader_activation.is_some()) => {
                format!("Reached {} in {}; leader activation has not met its target yet.", r.level, r.period)
            }
            (Some(r), None) => format!("Reached {} in {}.", r.level, r.period),
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
                                        <th scope="row">{if p.complete { capitalise(&p.label) } else { format!("{} (partial)", capitalise(&p.label)) }}</th>
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
