//! What the page shows: the landing page, the six views, the filters, the load progress and
//! present mode. Each only renders what clover-core computed (`Data::analysis`), reading the
//! state contexts of src/state.rs, never the shell.

mod change;
mod clover;
mod data;
mod deck;
mod deck_export;
mod filters;
mod funnel;
mod journey;
mod landing;
mod leaderboard;
mod overview;
mod present;
mod progress;
mod segments;
pub mod snapshot;
mod trends;

pub use clover::CloverView;
pub use data::DataView;
pub use deck::{listen_for_keys, DeckView};
pub use filters::Filters;
pub use funnel::FunnelView;
pub use landing::Landing;
pub use leaderboard::LeaderboardView;
pub use overview::OverviewView;
pub use present::start_presenting;
pub use progress::LoadProgressBar;
pub use trends::TrendsView;

use leptos::prelude::*;

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
