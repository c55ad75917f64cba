//! The messages between the page and the analysis worker (src/bin/worker.rs), shared by
//! both sides. Each message is a JS object `{ json, files? }`: `json` is one of the enums
//! below as JSON, and `files` (page → worker, `Load` only) holds the user's files as Blobs,
//! which the browser hands over without copying their bytes.
//!
//! The worker owns the dataset; the page only ever holds the load summary and the
//! analysis it asked for, so the page's wasm carries no importer or analytics code.

use clover_core::analytics::{Analysis, Params};
use clover_core::stats::ImportSummary;
use serde::{Deserialize, Serialize};

/// Page → worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Import the Blobs in the envelope's `files`, called `names` (folder paths included).
    /// `source` is echoed back in `Loaded` (what a shared link would reload).
    Load { names: Vec<String>, source: Option<String>, read_errors: Vec<(String, String)> },
    /// Generate the demo organisation and import it as its Clover JSON export.
    Demo,
    /// Analyse the loaded dataset; the answer carries the same `id`.
    Analyze { id: u32, params: Box<Params> },
}

/// Worker → page.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// Sent once the worker listens: requests posted before it would be lost.
    Ready,
    /// Step `step` of `steps`, described by `label`, is `done` of `total` units (bytes when
    /// `bytes` is true).
    Progress {
        step: u8,
        steps: u8,
        label: String,
        done: u64,
        total: u64,
        bytes: bool,
    },
    /// A load finished (perhaps with errors in the summary, perhaps with nothing usable).
    /// `input_bytes`: the files' size as handed over; `heap_bytes`: the worker's wasm memory
    /// once the dataset is kept (what the browser holds for it).
    Loaded {
        summary: Box<ImportSummary>,
        departments: Vec<String>,
        locations: Vec<String>,
        spaces: Vec<String>,
        source: Option<String>,
        input_bytes: u64,
        heap_bytes: u64,
        /// Set when a Clover summary file was opened: its numbers are fixed (this sentence
        /// says for what), every analysis request answers with them, and filters are off.
        fixed: Option<String>,
    },
    Analysis {
        id: u32,
        analysis: Box<Analysis>,
    },
    /// A request could not be served at all (the message says why, in plain words).
    Failed {
        message: String,
    },
}

/// The steps of a load, for the progress bar.
pub const LOAD_STEPS: u8 = 5;
