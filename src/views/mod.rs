//! What the page shows: the landing page, the six views, the filters, the load progress and
//! present mode. Each only renders what clover-core computed (`Data::analysis`), reading the
//! state contexts of src/state.rs, never the shell.
//!
//! Views and the deck build on the shared pieces below them and never on each other: a
//! picture or a label that two screens show lives in a room of its own.

// The screens.
mod clover;
mod data;
mod deck;
mod deck_export;
mod funnel;
mod journey;
mod landing;
mod leaderboard;
mod overview;
mod segments;
mod trends;

// Around the screens.
mod filters;
mod present;
mod progress;
pub mod snapshot;

// What the screens share.
mod change;
mod labels;
mod parts;
mod pictures;

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
