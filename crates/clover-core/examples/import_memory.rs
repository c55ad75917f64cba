//! Where an import's memory goes, as the browser's worker does it: the files read into memory
//! (a ZIP held whole, as the worker holds what the page hands over), imported, then the
//! analysis prepared and one analysis made. A counting allocator reports the live bytes at
//! each step and the peak in between: in the worker, the peak is what the wasm memory grows
//! to and keeps. A measurement aid, not a test.
//!
//!   cargo run --release -p clover-core --example import_memory -- FILE_OR_FOLDER...

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use clover_core::analytics::{Params, PreparedDataset};
use clover_core::import::{import_files_with_progress, ImportOptions, InputFile, Progress};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            if new > l.size() {
                let now = LIVE.fetch_add(new - l.size(), Relaxed) + new - l.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static A: Counting = Counting;

fn mb(b: usize) -> String {
    format!("{:.1} MB", b as f64 / 1e6)
}

fn step(what: &str) {
    let (live, peak) = (LIVE.load(Relaxed), PEAK.swap(LIVE.load(Relaxed), Relaxed));
    eprintln!("{what:<48} live {:>10}   peak since last step {:>10}", mb(live), mb(peak));
}

fn read(path: &std::path::Path, name: String, out: &mut Vec<InputFile>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            let n = format!("{name}/{}", p.file_name().unwrap().to_string_lossy());
            read(&p, n, out);
        }
    } else {
        out.push(InputFile::new(name, std::fs::read(path).unwrap()));
    }
}

fn main() {
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        let p = std::path::PathBuf::from(&a);
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        read(&p, name, &mut files);
    }
    let input: usize = files.iter().map(|f| f.bytes.len()).sum();
    step(&format!("{} files read ({})", files.len(), mb(input)));
    let mut last = String::new();
    let result = import_files_with_progress(files, &ImportOptions::default(), &mut |p: &Progress| {
        let s = p.stage.describe();
        if s != last {
            step(&format!("-> {s}"));
            last = s;
        }
    });
    step("imported (Dataset and report)");
    let prepared = PreparedDataset::new(result.dataset);
    step("analysis prepared");
    let a = prepared.analyze(&Params::default());
    drop(a);
    step("one whole-range analysis");
}
