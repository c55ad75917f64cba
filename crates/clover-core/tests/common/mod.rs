//! What the integration tests share. Each test file is a crate of its own that says `mod common;`
//! and uses a part of this: the sample exports in `../shared/samples` beside the checkout
//! ([`samples`], [`collect`]), the tiny hand-computable datasets of the analytics tests
//! ([`fixture`]) and the synthetic million-message organisation ([`synthetic`]).
// Every test crate compiles all of this and uses a part of it: what one crate leaves unused
// is not dead code.
#![allow(dead_code)]

pub mod fixture;
pub mod reports;
pub mod synthetic;

use std::path::{Path, PathBuf};

/// `../shared/samples` beside the checkout (the real exports the importer tests read; see
/// README.md, "What a checkout needs beside itself").
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples")
}

/// Every file under `dir`, recursively.
pub fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}
