//! TODO(importer): not written yet.

use super::detect::Detected;
use super::sniff::Shape;
use super::{Entry, Report};
use crate::model::Builder;

pub fn recognise(_shape: &Shape) -> bool {
    false
}

pub fn import(files: Vec<(Detected, Entry)>, _b: &mut Builder, r: &mut Report) {
    for (_, e) in files {
        r.error(&e.display, "this format is not supported yet");
    }
}
