//! The six views. Each only renders what clover-core computed (`AppState::analysis`).

mod clover;
mod data;
mod filters;
mod funnel;
mod leaderboard;
mod overview;
mod trends;

pub use clover::CloverView;
pub use data::DataView;
pub use filters::Filters;
pub use funnel::FunnelView;
pub use leaderboard::LeaderboardView;
pub use overview::OverviewView;
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
    let state = expect_context::<crate::app::AppState>();
    view! {
        <button class="link definitions" on:click=move |_| state.show_definitions(anchor)>
            "How these numbers are computed"
        </button>
    }
}
