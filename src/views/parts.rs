//! The small pieces every view is built of: the window line under a view's title, the notice
//! that replaces numbers below the privacy floor, the link to the definitions, and the memory
//! of which editor panels are open.

use clover_core::analytics::{Analysis, Window};
use leptos::prelude::*;

use clover_core::words::{capitalise, count as int};

/// Shown in place of a view's numbers when the segment is below the privacy floor.
#[component]
pub fn Suppressed(min_group: usize) -> impl IntoView {
    view! {
        <p class="suppressed" role="status">
            {format!("Fewer than {min_group} people match these filters: the numbers are hidden to protect their privacy. Widen the filters, or lower the minimum group size under Privacy.")}
        </p>
    }
}

/// A link to the definitions behind a view.
#[component]
pub fn Definitions(anchor: &'static str) -> impl IntoView {
    let ui = expect_context::<crate::state::Ui>();
    view! {
        <button class="link definitions" on:click=move |_| ui.show_definitions(anchor)>
            "How these numbers are computed"
        </button>
    }
}

thread_local! {
    /// Which `<details>` panels the user opened. Views are redrawn when their numbers change
    /// (an edited weight re-ranks the board); the panel being edited must stay open.
    static OPEN_PANELS: std::cell::RefCell<std::collections::HashSet<&'static str>> = Default::default();
}

pub fn panel_open(key: &'static str) -> bool {
    OPEN_PANELS.with(|s| s.borrow().contains(key))
}

/// `on:toggle` handler that remembers whether the panel `key` is open.
pub fn remember_panel(key: &'static str) -> impl Fn(leptos::ev::Event) {
    move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let open = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open());
        OPEN_PANELS.with(|s| {
            let mut s = s.borrow_mut();
            if open {
                s.insert(key);
            } else {
                s.remove(key);
            }
        });
    }
}

/// The window analysed, what it is compared with, and whether either is partial.
#[component]
pub fn WindowLine(analysis: std::sync::Arc<Analysis>) -> impl IntoView {
    let a = analysis;
    let w: &Window = &a.window;
    let text = match (&w.from, &w.to) {
        (Some(f), Some(t)) => {
            let label = w
                .label
                .as_deref()
                // A label of dates, or one that already ends with the last day (a report's
                // "the 90 days to 2025-06-30"), would only say the dates twice.
                .filter(|l| !l.contains(" – ") && !l.ends_with(t.as_str()))
                .map(|l| format!("{} · ", capitalise(l)))
                .unwrap_or_default();
            format!("{label}{f} to {t} · {} days, {} weeks", int(w.days), int(w.weeks))
        }
        _ => "No activity in the selected dates.".into(),
    };
    let compared = a.baseline.as_ref().map(|b| {
        let label = b.window.label.clone().unwrap_or_default();
        match &b.note {
            Some(note) => format!("Compared with {label}: {note}"),
            None => format!(
                "Compared with {label} ({} to {})",
                b.window.from.clone().unwrap_or_default(),
                b.window.to.clone().unwrap_or_default()
            ),
        }
    });
    let partial = w.partial.clone().or_else(|| a.baseline.as_ref().and_then(|b| b.window.partial.clone()));
    view! {
        <p class="window" data-testid="window-line">
            <span>{text}</span>
            {compared.map(|c| view! { <span class="compared" data-testid="compared-with">{c}</span> })}
            {partial.map(|p| view! {
                <span class="partial" data-testid="partial" title=p.clone()>
                    <span aria-hidden="true">"◐ "</span>{format!("Partial period: {p}")}
                </span>
            })}
        </p>
    }
}
