//! The canonical engagement model every format is read into.
//!
//! Built for scale: people and spaces are interned to dense `u32` indices, repeated strings
//! (departments, locations, emoji) are stored once, and messages and reactions are columns
//! of plain numbers, sorted by time so that a date window is two binary searches.
//! Message text is never stored: importers extract mentions and drop it.
//!
//! Two halves: `model/dataset.rs` is the frozen model the analytics read ([`Dataset`] and its
//! columns, and the limits every value in it keeps); `model/builder.rs` is how importers fill one
//! ([`Builder`], the drafts they hand it, counted [`Warnings`]) until [`Builder::finish`]
//! freezes it. Both are re-exported here, so `crate::model::X` names either. Activity reports
//! (`model/reports.rs`: totals per person over a window, no messages) live beside the
//! messages in [`Dataset::reports`], never among its people.

mod builder;
mod dataset;
mod reports;

pub use builder::*;
pub use dataset::*;
pub use reports::*;
