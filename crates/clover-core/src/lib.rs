//! Clover's pure logic: reading collaboration-tool exports into one compact engagement
//! model, and computing the adoption funnel, leaderboards and Clover maturity from it.
//!
//! Nothing here touches a browser: the same code runs natively (tests, the `clover` CLI)
//! and in WebAssembly inside the dashboard's worker.

pub mod analytics;
pub mod civil;
pub mod demo;
pub mod import;
pub mod model;
pub mod partial;
pub mod pool;
pub mod snapshot;
pub mod stats;
pub mod summary;
pub mod words;

pub use import::{import_files, ImportOptions, ImportResult, InputFile};
pub use model::{Dataset, MessageKind, Person, Space, SpaceKind};
