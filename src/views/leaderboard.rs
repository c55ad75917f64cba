//! Leaderboard: people ranked by their score, with personas and rank movement; a
//! leaders-only board; sortable columns; the top N. Names come from files: Leptos escapes
//! every text node, so a name is always shown as text.

use clover_core::analytics::{DataKind, LeaderRow};
use leptos::prelude::*;

use super::labels::persona_label;
use super::parts::{panel_open, remember_panel, Definitions, Suppressed};
use crate::state::Data;
use clover_core::words::count as int;

#[derive(Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Rank,
    Name,
    Posts,
    Replies,
    ReactionsGiven,
    RepliesReceived,
    ReactionsReceived,
    Reached,
}

fn movement(m: Option<i64>) -> (String, &'static str) {
    match m {
        None => ("new".into(), "new"),
        Some(0) => ("=".into(), "same"),
        Some(d) if d > 0 => (format!("▲ {d}"), "up"),
        Some(d) => (format!("▼ {}", -d), "down"),
    }
}

#[component]
pub fn LeaderboardView() -> impl IntoView {
    let data = expect_context::<Data>();
    let leaders_only = RwSignal::new(false);
    let top = RwSignal::new(25usize);
    let sort = RwSignal::new(SortBy::Rank);
    let header = move |label: &'static str, by: SortBy| {
        view! {
            <th scope="col" aria-sort=move || if sort.get() == by { "descending" } else { "none" }>
                <button class="sort" on:click=move |_| sort.set(by)>{label}</button>
            </th>
        }
    };
    move || {
        let Some(a) = data.analysis.get() else { return ().into_any() };
        if a.suppressed {
            return view! { <section><h1>"Leaderboard"</h1><Suppressed min_group=a.segment.min_group /></section> }
                .into_any();
        }
        let mut rows: Vec<LeaderRow> = if leaders_only.get() { a.leaders_board.clone() } else { a.leaderboard.clone() };
        let key = sort.get();
        rows.sort_by(|x, y| {
            let by = |r: &LeaderRow| match key {
                SortBy::Rank | SortBy::Name => 0,
                SortBy::Posts => r.posts,
                SortBy::Replies => r.replies,
                SortBy::ReactionsGiven => r.reactions_given,
                SortBy::RepliesReceived => r.replies_received,
                SortBy::ReactionsReceived => r.reactions_received,
                SortBy::Reached => r.people_reached,
            };
            match key {
                SortBy::Rank => x.rank.cmp(&y.rank),
                SortBy::Name => x.name.to_lowercase().cmp(&y.name.to_lowercase()),
                _ => by(y).cmp(&by(x)).then(x.rank.cmp(&y.rank)),
            }
        });
        rows.truncate(top.get());
        let ranked = a.ranked.unwrap_or(0);
        // Without data before the window every rank would be "new": say so once instead.
        let no_previous = !a.window.previous_has_data;
        let previous = match (&a.window.previous_from, &a.window.previous_to) {
            (Some(f), Some(t)) => format!("{f} to {t}"),
            _ => "the period before".into(),
        };
        let shown = rows.clone();
        let reports = a.data == DataKind::Reports;
        let export = move |_| crate::download::save("clover-leaderboard.csv", "text/csv", &csv(&shown, reports));
        view! {
            <section class="leaderboard-view">
                <h1>"Leaderboard"</h1>
                <p class="hint">
                    {if ranked == 1 { "1 person has a score above zero in this window. ".to_string() } else { format!("{} people have a score above zero in this window. ", int(ranked)) }}
                    {if reports {
                        "From activity reports: score = 3 × posts + reactions or likes given; ties go to days active, then conversations read. A persona needs who answered whom, which reports do not hold (—). Use it to find and thank champions, never in performance reviews."
                    } else {
                        "Score = 3 × posts + 2 × replies + reactions given + 2 × replies received + reactions received. Use it to find and thank champions, never in performance reviews."
                    }}
                </p>
                {no_previous.then(|| view! {
                    <p class="note" data-testid="no-previous">
                        {if reports {
                            "There is no earlier activity report, so ranks cannot move yet: load the report of the window before to see who is rising.".to_string()
                        } else {
                            format!("There is no data in the period before this window ({previous}), so ranks cannot move yet: choose a later window to see who is rising.")
                        }}
                    </p>
                })}
                <div class="controls">
                    <label class="switch">
                        <input type="checkbox" prop:checked=move || leaders_only.get() on:change=move |ev| leaders_only.set(event_target_checked(&ev)) />
                        " Leaders only"
                    </label>
                    <label>
                        "Show the top "
                        <select on:change=move |ev| top.set(event_target_value(&ev).parse().unwrap_or(25))>
                            {[10usize, 25, 50].into_iter().map(|n| view! { <option value=n.to_string() selected=move || top.get() == n>{n.to_string()}</option> }).collect_view()}
                        </select>
                    </label>
                    <button class="secondary" data-testid="leaderboard-csv" on:click=export>"Download CSV"</button>
                </div>
                {reports.then(|| view! { <ReportBoard rows=rows.clone() no_previous=no_previous /> })}
                {(!reports).then(|| view! {
                <div class="scroll">
                    <table class="data-table leaderboard">
                        <thead>
                            <tr>
                                {header("Rank", SortBy::Rank)}
                                <th scope="col">"Move"</th>
                                {header("Name", SortBy::Name)}
                                <th scope="col">"Department"</th>
                                <th scope="col">"Persona"</th>
                                <th scope="col">"Score"</th>
                                {header("Posts", SortBy::Posts)}
                                {header("Replies", SortBy::Replies)}
                                {header("Reactions given", SortBy::ReactionsGiven)}
                                {header("Replies received", SortBy::RepliesReceived)}
                                {header("Reactions received", SortBy::ReactionsReceived)}
                                {header("People reached", SortBy::Reached)}
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|r| {
                                let (mv, mv_class) = if no_previous { ("—".to_string(), "same") } else { movement(r.movement) };
                                // The attribute holds the plain integer (the tests read it); the cell
                                // groups thousands like every other count in the table.
                                let whole = r.score.round() as i64;
                                let score_attr = whole.to_string();
                                let score = if whole < 0 { format!("−{}", int(whole.unsigned_abs())) } else { int(whole as u64) };
                                view! {
                                    <tr data-testid="leaderboard-row" data-rank=r.rank.to_string() data-name=r.name.clone() data-score=score_attr>
                                        <td class="num">{r.rank}</td>
                                        <td class=format!("move {mv_class}")>{mv}</td>
                                        <th scope="row">{r.name.clone()}{r.leader.then(|| view! { <span class="badge">"leader"</span> })}</th>
                                        <td>{r.department.clone().unwrap_or_default()}</td>
                                        <td data-testid="persona"><span class=format!("persona {}", persona_label(r.persona).to_lowercase())>{persona_label(r.persona)}</span></td>
                                        <td class="num strong">{score}</td>
                                        <td class="num">{int(r.posts)}</td>
                                        <td class="num">{int(r.replies)}</td>
                                        <td class="num">{int(r.reactions_given)}</td>
                                        <td class="num">{int(r.replies_received)}</td>
                                        <td class="num">{int(r.reactions_received)}</td>
                                        <td class="num">{int(r.people_reached)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                })}
                {(!data.is_fixed()).then(|| view! { <WeightsEditor reports=reports /> })}
                <Definitions anchor="leaderboard" />
            </section>
        }
        .into_any()
    }
}

/// The board's rows as a CSV file: what each column counts (from activity reports, what
/// they count).
fn csv(rows: &[LeaderRow], reports: bool) -> String {
    let f = crate::download::csv_field;
    let mut out = String::from(if reports {
        "rank,movement,name,department,leader,score,posts,reactions_given,read,days_active\n"
    } else {
        "rank,movement,name,department,leader,persona,score,posts,replies,reactions_given,replies_received,reactions_received,people_reached\n"
    });
    let opt = |x: Option<u64>| x.map(|n| n.to_string()).unwrap_or_default();
    for r in rows {
        let lead = format!(
            "{},{},{},{},{}",
            r.rank,
            r.movement.map(|m| m.to_string()).unwrap_or_else(|| "new".into()),
            f(&r.name),
            f(r.department.as_deref().unwrap_or("")),
            r.leader
        );
        out.push_str(&if reports {
            format!(
                "{lead},{},{},{},{},{}\n",
                r.score.round() as i64,
                r.posts,
                r.reactions_given,
                opt(r.read),
                opt(r.days_active)
            )
        } else {
            format!(
                "{lead},{},{},{},{},{},{},{},{}\n",
                persona_label(r.persona),
                r.score.round() as i64,
                r.posts,
                r.replies,
                r.reactions_given,
                r.replies_received,
                r.reactions_received,
                r.people_reached
            )
        });
    }
    out
}

/// The board from activity reports: what they count (posts, reactions or likes, conversations
/// read, days active where the reports give them), and no persona (—).
#[component]
fn ReportBoard(rows: Vec<LeaderRow>, no_previous: bool) -> impl IntoView {
    // Teams' report counts no reactions: a column of zeros would say nobody reacted.
    let reactions = rows.iter().any(|r| r.reactions_given > 0);
    let read = rows.iter().any(|r| r.read.is_some());
    let days = rows.iter().any(|r| r.days_active.is_some());
    let opt = |x: Option<u64>| x.map(int).unwrap_or_else(|| "—".into());
    view! {
        <div class="scroll" tabindex="0" role="region" aria-label="The leaderboard">
            <table class="data-table leaderboard">
                <thead>
                    <tr>
                        <th scope="col">"Rank"</th>
                        <th scope="col">"Move"</th>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Department"</th>
                        <th scope="col">"Persona"</th>
                        <th scope="col">"Score"</th>
                        <th scope="col">"Posts"</th>
                        {reactions.then(|| view! { <th scope="col">"Reactions or likes"</th> })}
                        {read.then(|| view! { <th scope="col">"Read"</th> })}
                        {days.then(|| view! { <th scope="col">"Days active"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let (mv, mv_class) = if no_previous { ("—".to_string(), "same") } else { movement(r.movement) };
                        let whole = r.score.round() as i64;
                        view! {
                            <tr data-testid="leaderboard-row" data-rank=r.rank.to_string() data-name=r.name.clone() data-score=whole.to_string()>
                                <td class="num">{r.rank}</td>
                                <td class=format!("move {mv_class}")>{mv}</td>
                                <th scope="row">{r.name.clone()}{r.leader.then(|| view! { <span class="badge">"leader"</span> })}</th>
                                <td>{r.department.clone().unwrap_or_default()}</td>
                                <td data-testid="persona">{persona_label(r.persona)}</td>
                                <td class="num strong">{int(whole.max(0) as u64)}</td>
                                <td class="num">{int(r.posts)}</td>
                                {reactions.then(|| view! { <td class="num">{int(r.reactions_given)}</td> })}
                                {read.then(|| view! { <td class="num">{opt(r.read)}</td> })}
                                {days.then(|| view! { <td class="num">{opt(r.days_active)}</td> })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The score's weights, editable; the board re-ranks at once and the link keeps them. From
/// activity reports only posts and reactions count.
#[component]
fn WeightsEditor(reports: bool) -> impl IntoView {
    let params = expect_context::<Data>().params;
    let field = |label: &'static str,
                 get: fn(&clover_core::analytics::Weights) -> f64,
                 set: fn(&mut clover_core::analytics::Weights, f64)| {
        view! {
            <label>
                {label}
                <input type="number" min="0" max="100" step="0.5" class="narrow" data-weight=label
                    prop:value=move || params.with(|p| get(&p.weights).to_string())
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            if v.is_finite() && v >= 0.0 {
                                params.update(|p| set(&mut p.weights, v.min(100.0)));
                            }
                        }
                    } />
            </label>
        }
    };
    view! {
        <details class="editor" open=panel_open("weights") on:toggle=remember_panel("weights")>
            <summary>"Change the score's weights"</summary>
            <div class="editor-grid">
                {field("Posts", |w| w.posts, |w, v| w.posts = v)}
                {(!reports).then(|| field("Replies", |w| w.replies, |w, v| w.replies = v))}
                {field("Reactions given", |w| w.reactions_given, |w, v| w.reactions_given = v)}
                {(!reports).then(|| field("Replies received", |w| w.replies_received, |w, v| w.replies_received = v))}
                {(!reports).then(|| field("Reactions received", |w| w.reactions_received, |w, v| w.reactions_received = v))}
                <button type="button" class="link" on:click=move |_| params.update(|p| p.weights = Default::default())>{if reports { "Back to 3 · 1" } else { "Back to 3 · 2 · 1 · 2 · 1" }}</button>
            </div>
        </details>
    }
}
