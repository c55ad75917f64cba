//! The global filters: the period and what it is compared with, dates, department, location,
//! space, direct messages, leaders, privacy. They change the analysis parameters only; the
//! dataset is never re-imported.

use clover_core::analytics::Compare;
use clover_core::civil::{format_date, parse_date, MS_PER_DAY};
use leptos::prelude::*;

use crate::state::Data;

#[component]
pub fn Filters() -> impl IntoView {
    let data = expect_context::<Data>();
    let params = data.params;
    let departments =
        Memo::new(move |_| data.loaded.with(|l| l.as_ref().map(|l| l.departments.clone()).unwrap_or_default()));
    let locations =
        Memo::new(move |_| data.loaded.with(|l| l.as_ref().map(|l| l.locations.clone()).unwrap_or_default()));
    let spaces = Memo::new(move |_| data.loaded.with(|l| l.as_ref().map(|l| l.spaces.clone()).unwrap_or_default()));
    let date = move |which: &'static str| {
        move |ev: leptos::ev::Event| {
            let day = parse_date(&event_target_value(&ev));
            params.update(|p| if which == "from" { p.from = day } else { p.to = day });
        }
    };
    // The dates analysed: those asked for, else the window the analysis actually covered
    // (the whole data range), so the inputs never look empty while a window applies.
    let date_value = move |which: &'static str| {
        move || {
            let asked = params.with(|p| if which == "from" { p.from } else { p.to });
            match asked {
                Some(d) => format_date(d * MS_PER_DAY),
                None => data
                    .analysis
                    .with(|a| {
                        a.as_ref()
                            .and_then(|a| if which == "from" { a.window.from.clone() } else { a.window.to.clone() })
                    })
                    .unwrap_or_default(),
            }
        }
    };
    let presets = Memo::new(move |_| data.analysis.with(|a| a.as_ref().map(|a| a.presets.clone()).unwrap_or_default()));
    // The period select: the whole range, a preset (its window, compared with the one before),
    // or the dates chosen.
    let period = move || {
        params.with(|p| match (p.from, p.to) {
            (None, None) => "all".to_string(),
            (Some(f), Some(t)) => presets.with(|ps| {
                ps.iter()
                    .find(|x| parse_date(&x.from) == Some(f) && parse_date(&x.to) == Some(t))
                    .map(|x| x.id.clone())
                    .unwrap_or_else(|| "custom".into())
            }),
            _ => "custom".to_string(),
        })
    };
    let on_period = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if v == "all" {
            params.update(|p| (p.from, p.to) = (None, None));
        } else if let Some(x) = presets.with_untracked(|ps| ps.iter().find(|x| x.id == v).cloned()) {
            params.update(|p| {
                (p.from, p.to) = (parse_date(&x.from), parse_date(&x.to));
                p.compare = Compare::Previous;
            });
        }
    };
    let compare = move || {
        params.with(|p| match p.compare {
            Compare::Window { .. } => "custom".to_string(),
            c => c.render(),
        })
    };
    let custom_compare = move || {
        params.with(|p| match p.compare {
            Compare::Window { from, to } => {
                Some(format!("{} – {}", format_date(from * MS_PER_DAY), format_date(to * MS_PER_DAY)))
            }
            _ => None,
        })
    };
    let bounds = move || {
        data.loaded.with(|l| {
            l.as_ref()
                .and_then(|l| l.summary.first.clone().zip(l.summary.last.clone()))
                .map(|(a, b)| (a[..10].to_string(), b[..10].to_string()))
                .unwrap_or_default()
        })
    };
    // On a phone the form folds away behind one button that says what is applied (style/main.css
    // shows the button and folds the form on narrow screens only; on wider ones it is always open).
    let open = RwSignal::new(false);
    view! {
        <div class="filters-box" class:open=move || open.get()>
        <FiltersToggle open=open />
        <form class="filters" id="filters" aria-label="Filters" on:submit=|ev| ev.prevent_default()>
            <label>"Period "
                <select data-testid="filter-period" prop:value=period on:change=on_period>
                    <option value="all" selected=move || period() == "all">{move || whole_label(&data)}</option>
                    {move || presets.get().into_iter().map(|x| {
                        let id = x.id.clone();
                        let label = x.label.clone();
                        view! { <option value=x.id.clone() selected=move || period() == id>{label}</option> }
                    }).collect_view()}
                    <option value="custom" disabled=true selected=move || period() == "custom">
                        {move || data.analysis.with(|a| a.as_ref().and_then(|a| a.window.label.clone()))
                            .filter(|_| params.with(|p| p.from.is_some() || p.to.is_some()))
                            .map_or_else(|| "Dates chosen below".to_string(), |l| format!("{l} (dates below)"))}
                    </option>
                </select>
            </label>
            <label>"Compare with "
                <select data-testid="filter-compare" prop:value=compare on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Ok(c) = Compare::parse(&v) {
                        params.update(|p| p.compare = c);
                    }
                }>
                    <option value="none" selected=move || compare() == "none">"Nothing"</option>
                    <option value="previous" selected=move || compare() == "previous">"The period before"</option>
                    <option value="year" selected=move || compare() == "year">"The same period a year earlier"</option>
                    {move || custom_compare().map(|c| view! { <option value="custom" disabled=true selected=true>{c}</option> })}
                </select>
            </label>
            <label>"From " <input type="date" data-testid="filter-from" min=move || bounds().0 max=move || bounds().1 prop:value=date_value("from") on:change=date("from") /></label>
            <label>"To " <input type="date" data-testid="filter-to" min=move || bounds().0 max=move || bounds().1 prop:value=date_value("to") on:change=date("to") /></label>
            <label>"Department "
                <select data-testid="filter-department" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    params.update(|p| p.segment.departments = if v.is_empty() { vec![] } else { vec![v] });
                }>
                    <option value="">"All"</option>
                    {move || departments.get().into_iter().map(|d| {
                        let sel = d.clone();
                        let value = d.clone();
                        view! { <option value=value selected=move || params.with(|p| p.segment.departments.first() == Some(&sel))>{d}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>"Location "
                <select data-testid="filter-location" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    params.update(|p| p.segment.locations = if v.is_empty() { vec![] } else { vec![v] });
                }>
                    <option value="">"All"</option>
                    {move || locations.get().into_iter().map(|d| {
                        let sel = d.clone();
                        let value = d.clone();
                        view! { <option value=value selected=move || params.with(|p| p.segment.locations.first() == Some(&sel))>{d}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label hidden=move || reports(&data)>"Space "
                <select data-testid="filter-space" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    params.update(|p| p.segment.spaces = if v.is_empty() { vec![] } else { vec![v] });
                }>
                    <option value="">"All"</option>
                    {move || spaces.get().into_iter().map(|d| {
                        let sel = d.clone();
                        let value = d.clone();
                        view! { <option value=value selected=move || params.with(|p| p.segment.spaces.first() == Some(&sel))>{d}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>"People "
                <select data-testid="filter-leaders" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    params.update(|p| p.segment.leaders = match v.as_str() { "leaders" => Some(true), "others" => Some(false), _ => None });
                }>
                    <option value="" selected=move || params.with(|p| p.segment.leaders.is_none())>"Everyone"</option>
                    <option value="leaders" selected=move || params.with(|p| p.segment.leaders == Some(true))>"Leaders only"</option>
                    <option value="others" selected=move || params.with(|p| p.segment.leaders == Some(false))>"Everyone but leaders"</option>
                </select>
            </label>
            <label class="switch" hidden=move || reports(&data) title="Direct conversations between people are left out unless included here">
                <input type="checkbox" data-testid="filter-direct" prop:checked=move || params.with(|p| p.include_direct)
                    on:change=move |ev| params.update(|p| p.include_direct = event_target_checked(&ev)) />
                " Include direct messages"
            </label>
            <label class="switch">
                <input type="checkbox" data-testid="pseudonymise-toggle" prop:checked=move || params.with(|p| p.pseudonymise)
                    on:change=move |ev| params.update(|p| p.pseudonymise = event_target_checked(&ev)) />
                " Pseudonymise names"
            </label>
            <label>"Minimum group "
                <input type="number" min="1" max="100" class="narrow" data-testid="min-group" prop:value=move || params.with(|p| p.min_group.to_string())
                    on:change=move |ev| {
                        let n = event_target_value(&ev).parse::<usize>().unwrap_or(5).clamp(1, 100);
                        params.update(|p| p.min_group = n);
                    } />
            </label>
            <button type="button" class="link" on:click=move |_| params.update(|p| {
                p.from = None; p.to = None; p.segment = Default::default(); p.include_direct = false;
                p.compare = Compare::None;
            })>"Reset filters"</button>
        </form>
        </div>
    }
}

/// The phone's one button for the filters: what is applied, and a tap to open the form.
#[component]
fn FiltersToggle(open: RwSignal<bool>) -> impl IntoView {
    let data = expect_context::<Data>();
    let applied = move || applied_summary(&data);
    view! {
        <button
            type="button"
            class="filters-toggle"
            data-testid="filters-toggle"
            aria-expanded=move || open.get().to_string()
            aria-controls="filters"
            on:click=move |_| open.update(|o| *o = !*o)
        >
            <span class="filters-word">"Filters"</span>
            <span class="filters-applied" data-testid="filters-applied">{applied}</span>
            <span class="chevron" aria-hidden="true"></span>
        </button>
    }
}

/// Whether the numbers come from activity reports (no spaces, no direct messages).
fn reports(data: &Data) -> bool {
    data.analysis.with(|a| a.as_ref().is_some_and(|a| a.data == clover_core::analytics::DataKind::Reports))
}

/// What no dates choose: the whole range of an export, the latest window of activity reports.
fn whole_label(data: &Data) -> &'static str {
    if reports(data) {
        "Latest report"
    } else {
        "Whole range"
    }
}

/// What the filters apply, in a line: `2025 Q2 vs 2025 Q1 · All departments`. Department,
/// location and space names come from files: they are shown as text.
fn applied_summary(data: &Data) -> String {
    let (period, compared) = data.analysis.with(|a| {
        let a = a.as_ref();
        let whole = data.params.with(|p| p.from.is_none() && p.to.is_none());
        let period = if whole {
            whole_label(data).to_string()
        } else {
            a.and_then(|a| {
                a.window
                    .label
                    .clone()
                    .or_else(|| Some(format!("{} to {}", a.window.from.clone()?, a.window.to.clone()?)))
            })
            .unwrap_or_else(|| "Dates chosen".into())
        };
        let compared = a.and_then(|a| a.baseline.as_ref()).and_then(|b| b.window.label.clone());
        (period, compared)
    });
    let mut parts = vec![match compared {
        Some(c) => format!("{period} vs {c}"),
        None => period,
    }];
    data.params.with(|p| {
        let s = &p.segment;
        let mut who: Vec<String> = s.departments.iter().chain(&s.locations).cloned().collect();
        who.extend(s.spaces.iter().map(|x| format!("#{x}")));
        match s.leaders {
            Some(true) => who.push("leaders only".into()),
            Some(false) => who.push("all but leaders".into()),
            None => {}
        }
        if who.is_empty() {
            who.push(if data.loaded.with(|l| l.as_ref().is_some_and(|l| !l.departments.is_empty())) {
                "All departments".into()
            } else {
                "Everyone".into()
            });
        }
        parts.push(who.join(", "));
        if p.include_direct {
            parts.push("with direct messages".into());
        }
        if p.pseudonymise {
            parts.push("pseudonyms".into());
        }
    });
    parts.join(" · ")
}
