//! What the app's two wasm binaries share: the page (`src/main.rs`) and the analysis worker
//! (`src/bin/worker/`) talk through the messages in [`protocol`]. Everything else of the
//! page lives in the binary; the worker carries only clover-core and this.

pub mod protocol;
