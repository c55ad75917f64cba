//! The analysis worker: a dedicated Web Worker that owns the dataset. It imports what the
//! page hands over (or generates the demo), then answers each filter change with the
//! analysis, so the page never freezes and never holds the messages. Protocol:
//! src/protocol.rs. No Leptos here: the worker's wasm carries only the core.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use clover_core::analytics::PreparedDataset;
use clover_core::import::{import_files_with_progress, FileError, ImportOptions, InputFile, Progress, Stage};
use clover_core::stats::summarize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use clover_app::protocol::{LoadProgress, Loaded, Reply, Request, LOAD_STEPS};

/// What a load leaves in the worker.
enum Held {
    /// A dataset with its analysis index: every request is analysed afresh. With the load's
    /// source (`demo`, an address), which a snapshot names when it is the demo.
    Data(Box<PreparedDataset>, Option<String>),
    /// A Clover summary file or a snapshot link: its one analysis answers every request.
    Fixed(Box<clover_core::analytics::Analysis>),
}

thread_local! {
    /// Replaced by each load.
    static LOADED: RefCell<Option<Held>> = const { RefCell::new(None) };
    /// True while a load reads its files (asynchronously): requests that arrive meanwhile
    /// wait in `WAITING` and are served in order once the load is done, as they were when
    /// a load blocked the worker from start to end.
    static LOADING: Cell<bool> = const { Cell::new(false) };
    static WAITING: RefCell<VecDeque<JsValue>> = const { RefCell::new(VecDeque::new()) };
}

/// A browser tab's wasm memory ends at 4 GB, and it must hold what the archives inflate to
/// and the dataset built from it: archives may inflate to this much in total. Beyond it the
/// user is pointed to the command-line tool (which allows 4 GB).
const MAX_UNZIPPED_IN_A_TAB: u64 = 1_500_000_000;

/// Files are read in slices of this size, so that the progress bar moves while a large
/// export is read.
const READ_SLICE: f64 = 8.0 * 1024.0 * 1024.0;

/// Smaller files (an unzipped export's thousands of day files) are read in batches of up to
/// this many bytes and files, as one Blob made of them (which copies nothing), with several
/// batches in flight: the browser's cost is per read, and a read per file took 0.85 ms
/// (22 s for 25,626 files), batches of 2 MB, 16 at a time, 4 s (docs/performance.md).
const BATCH_BYTES: f64 = 2.0 * 1024.0 * 1024.0;
const BATCH_FILES: usize = 128;
const BATCHES_IN_FLIGHT: usize = 16;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn send(reply: &Reply) {
    send_timed(reply, None);
}

/// [`send`], with how long the analysis took (ms) beside the reply, for `./dev bench` to
/// split a filter change into the worker's part and the rest: `timing` in the envelope
/// holds `analysis` and `json` (serialising the reply), which the page does not read.
fn send_timed(reply: &Reply, analysis_ms: Option<f64>) {
    // Serialising our own types cannot fail; if it ever did, the page would time out
    // rather than receive a broken message.
    let started = now_ms();
    if let Ok(json) = serde_json::to_string(reply) {
        let msg = js_sys::Object::new();
        if let Some(analysis) = analysis_ms {
            let timing = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&timing, &"analysis".into(), &analysis.into());
            let _ = js_sys::Reflect::set(&timing, &"json".into(), &(now_ms() - started).into());
            let _ = js_sys::Reflect::set(&msg, &"timing".into(), &timing);
        }
        let _ = js_sys::Reflect::set(&msg, &"json".into(), &json.into());
        let _ = scope().post_message(&msg);
    }
}

/// The worker's `performance.now()` (0 where there is none).
fn now_ms() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|perf| {
            let now: js_sys::Function = js_sys::Reflect::get(&perf, &"now".into()).ok()?.dyn_into().ok()?;
            now.call0(&perf).ok()?.as_f64()
        })
        .unwrap_or(0.0)
}

fn progress(step: u8, label: impl Into<String>, done: u64, total: u64, bytes: bool) {
    send(&Reply::Progress(LoadProgress { step, steps: LOAD_STEPS, label: label.into(), done, total, bytes }));
}

fn main() {
    console_error_panic_hook::set_once();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| handle(ev.data()));
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    send(&Reply::Ready);
}

fn handle(data: JsValue) {
    if LOADING.with(Cell::get) {
        WAITING.with(|w| w.borrow_mut().push_back(data));
        return;
    }
    let json = js_sys::Reflect::get(&data, &"json".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let request: Request = match serde_json::from_str(&json) {
        Ok(r) => r,
        Err(e) => {
            send(&Reply::Failed {
                message: format!("The analysis worker received a message it does not understand ({e})."),
            });
            return;
        }
    };
    match request {
        Request::Load { names, source, read_errors } => {
            let blobs: js_sys::Array =
                js_sys::Reflect::get(&data, &"files".into()).ok().and_then(|v| v.dyn_into().ok()).unwrap_or_default();
            LOADING.with(|l| l.set(true));
            wasm_bindgen_futures::spawn_local(async move {
                let (files, mut errors) = read_blobs(&names, &blobs).await;
                errors.extend(read_errors);
                load(files, errors, source);
                LOADING.with(|l| l.set(false));
                // What came during the load, in order (a request may start another load).
                while !LOADING.with(Cell::get) {
                    let Some(next) = WAITING.with(|w| w.borrow_mut().pop_front()) else { break };
                    handle(next);
                }
            });
        }
        Request::Demo => {
            progress(1, "Generating a demo organisation", 0, 1, false);
            let org = clover_core::demo::generate(&clover_core::demo::DemoOptions::default());
            let bytes = clover_core::demo::write_clover(&org);
            drop(org);
            load(vec![InputFile::new("Clover demo organisation.json", bytes)], Vec::new(), Some("demo".into()));
        }
        Request::Analyze { id, params } => {
            let started = now_ms();
            let analysis = LOADED.with(|l| {
                l.borrow().as_ref().map(|held| match held {
                    Held::Data(d, _) => d.analyze(&params),
                    Held::Fixed(a) => (**a).clone(),
                })
            });
            let took = now_ms() - started;
            match analysis {
                Some(analysis) => send_timed(&Reply::Analysis { id, analysis: Box::new(analysis) }, Some(took)),
                None => send(&Reply::Failed { message: "Nothing is loaded to analyse.".into() }),
            }
        }
        Request::MakeSnapshot { params, names } => make_snapshot(&params, names),
        Request::OpenSnapshot { fragment } => open_snapshot(fragment),
    }
}

/// A snapshot link of the loaded dataset (docs/snapshot.md): the page's parameters analysed
/// with the journey and the segments, pseudonymised unless `names`.
fn make_snapshot(params: &clover_core::analytics::Params, names: bool) {
    let fragment = LOADED.with(|l| match l.borrow().as_ref() {
        Some(Held::Data(d, source)) => {
            let p = clover_core::snapshot::params(params, names);
            let meta =
                clover_core::snapshot::Meta::new(d.dataset(), js_sys::Date::now() as i64, source.as_deref(), !names);
            Ok(clover_core::snapshot::encode(&d.analyze(&p), &meta))
        }
        Some(Held::Fixed(_)) => Err("This is a summary or a snapshot already: its numbers cannot be analysed again."),
        None => Err("Nothing is loaded to make a snapshot of."),
    });
    match fragment {
        Ok(fragment) => send(&Reply::Snapshot { fragment }),
        Err(message) => send(&Reply::Failed { message: message.into() }),
    }
}

/// Opens a snapshot link like a summary file: its numbers answer every request. A fragment
/// that cannot be read changes nothing: the page is told why.
fn open_snapshot(fragment: String) {
    progress(3, "Opening the snapshot", 0, fragment.len() as u64, true);
    match clover_core::snapshot::decode(&fragment) {
        Ok((analysis, meta)) => {
            let fixed = meta.describe(&analysis);
            let summary = clover_core::stats::ImportSummary {
                formats: meta.formats,
                people: meta.people,
                spaces: meta.spaces,
                posts: meta.posts,
                replies: meta.replies,
                reactions: meta.reactions,
                first: meta.first,
                last: meta.last,
                ..Default::default()
            };
            LOADED.with(|l| *l.borrow_mut() = Some(Held::Fixed(Box::new(analysis))));
            send(&Reply::Loaded(Box::new(Loaded {
                summary,
                source: None,
                input_bytes: fragment.len() as u64,
                heap_bytes: heap_bytes(),
                fixed: Some(fixed),
                snapshot: Some(fragment),
                ..Loaded::default()
            })));
        }
        Err(message) => send(&Reply::Failed { message }),
    }
}

/// Reads the Blobs into memory: a large file slice by slice (FileReaderSync: a worker may
/// block), smaller ones in batches read asynchronously, several at a time. Files keep their
/// order; a file that cannot be read is named in the errors and the others still load.
async fn read_blobs(names: &[String], blobs: &js_sys::Array) -> (Vec<InputFile>, Vec<FileError>) {
    let list: Vec<(String, web_sys::Blob)> = blobs
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let name = names.get(i).cloned().unwrap_or_else(|| format!("file {}", i + 1));
            b.dyn_into::<web_sys::Blob>().ok().map(|b| (name, b))
        })
        .collect();
    let total: f64 = list.iter().map(|(_, b)| b.size()).sum();
    let mut read: Vec<Option<Result<Vec<u8>, String>>> = vec![None; list.len()];
    let reader = web_sys::FileReaderSync::new().ok();
    let mut done = 0.0;

    // Batches of consecutive small files; a large file is a batch of its own.
    let mut batches: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    while i < list.len() {
        let mut j = i;
        let mut bytes = 0.0;
        while j < list.len() && (j == i || (bytes + list[j].1.size() <= BATCH_BYTES && j - i < BATCH_FILES)) {
            bytes += list[j].1.size();
            j += 1;
        }
        batches.push(i..j);
        i = j;
    }
    let mut pending = batches.into_iter();
    let mut in_flight: VecDeque<(std::ops::Range<usize>, wasm_bindgen_futures::JsFuture)> = VecDeque::new();
    loop {
        // Keep batches of small files in flight; a large file is read now, in slices.
        while in_flight.len() < BATCHES_IN_FLIGHT {
            let Some(batch) = pending.next() else { break };
            let size: f64 = list[batch.clone()].iter().map(|(_, b)| b.size()).sum();
            if batch.len() == 1 && size > BATCH_BYTES {
                let (name, blob) = &list[batch.start];
                read[batch.start] = Some(read_in_slices(name, blob, reader.as_ref(), done, total));
                done += size;
                continue;
            }
            let parts = js_sys::Array::new();
            for (_, b) in &list[batch.clone()] {
                parts.push(b);
            }
            let promise = web_sys::Blob::new_with_blob_sequence(&parts).map(|joined| joined.array_buffer());
            match promise {
                Ok(p) => in_flight.push_back((batch, wasm_bindgen_futures::JsFuture::from(p))),
                Err(_) => {
                    for k in batch {
                        read[k] = Some(read_one(&list[k].1, reader.as_ref()));
                    }
                }
            }
        }
        let Some((batch, future)) = in_flight.pop_front() else { break };
        progress(1, format!("Reading {}", list[batch.start].0), done as u64, total as u64, true);
        let sizes: Vec<usize> = list[batch.clone()].iter().map(|(_, b)| b.size() as usize).collect();
        let whole = future.await.ok().map(|buf| js_sys::Uint8Array::new(&buf));
        match whole.filter(|w| w.length() as usize == sizes.iter().sum::<usize>()) {
            Some(whole) => {
                let mut at = 0u32;
                for (k, size) in batch.clone().zip(sizes) {
                    // Straight from the ArrayBuffer into the Vec: one copy.
                    let mut bytes = vec![0u8; size];
                    whole.subarray(at, at + size as u32).copy_to(&mut bytes);
                    at += size as u32;
                    read[k] = Some(Ok(bytes));
                }
            }
            // A file of the batch could not be read (removed or changed since it was
            // picked): each is read on its own, to name the one that fails and why.
            None => {
                for k in batch.clone() {
                    read[k] = Some(read_one(&list[k].1, reader.as_ref()));
                }
            }
        }
        done += list[batch].iter().map(|(_, b)| b.size()).sum::<f64>();
    }
    progress(1, "Read the files", total as u64, total as u64, true);
    let mut files = Vec::with_capacity(list.len());
    let mut errors = Vec::new();
    for ((name, _), r) in list.into_iter().zip(read) {
        match r {
            Some(Ok(bytes)) => files.push(InputFile::new(name, bytes)),
            Some(Err(message)) => errors.push(FileError { file: name, message }),
            None => errors.push(FileError { file: name, message: "the browser could not read it".into() }),
        }
    }
    (files, errors)
}

/// Why a read failed, in the browser's words.
fn read_error(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "the browser could not read it".into())
}

fn no_reader() -> String {
    "this browser cannot read files in a worker".into()
}

/// One whole Blob, in one read.
fn read_one(blob: &web_sys::Blob, reader: Option<&web_sys::FileReaderSync>) -> Result<Vec<u8>, String> {
    let reader = reader.ok_or_else(no_reader)?;
    let buf = reader.read_as_array_buffer(blob).map_err(read_error)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// A large Blob slice by slice, the progress bar moving with each slice.
fn read_in_slices(
    name: &str,
    blob: &web_sys::Blob,
    reader: Option<&web_sys::FileReaderSync>,
    done: f64,
    total: f64,
) -> Result<Vec<u8>, String> {
    let reader = reader.ok_or_else(no_reader)?;
    let size = blob.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut at = 0.0;
    while at < size {
        let end = (at + READ_SLICE).min(size);
        progress(1, format!("Reading {name}"), (done + at) as u64, total as u64, true);
        let buf =
            blob.slice_with_f64_and_f64(at, end).and_then(|s| reader.read_as_array_buffer(&s)).map_err(read_error)?;
        // Straight from the ArrayBuffer into the Vec: one copy.
        let view = js_sys::Uint8Array::new(&buf);
        let start = bytes.len();
        bytes.resize(start + view.length() as usize, 0);
        view.copy_to(&mut bytes[start..]);
        at = end;
    }
    Ok(bytes)
}

fn load(files: Vec<InputFile>, mut read_errors: Vec<FileError>, source: Option<String>) {
    // The previous dataset goes first, so two never share the memory.
    LOADED.with(|l| l.borrow_mut().take());
    let input_bytes: u64 = files.iter().map(|f| f.bytes.len() as u64).sum();
    // A Clover summary opens on its own; beside exports it is named, not mixed in.
    let (summaries, files): (Vec<InputFile>, Vec<InputFile>) =
        files.into_iter().partition(|f| clover_core::summary::is_summary(&f.bytes));
    if summaries.len() == 1 && files.is_empty() && read_errors.is_empty() {
        load_summary(&summaries[0], source, input_bytes);
        return;
    }
    for s in summaries {
        read_errors.push(FileError {
            file: s.name,
            message: "is a Clover summary: open it on its own, not together with other files".into(),
        });
    }
    let result = import_files_with_progress(
        files,
        &ImportOptions { max_unzipped_bytes: MAX_UNZIPPED_IN_A_TAB, ..ImportOptions::default() },
        &mut |p: &Progress| {
            let (step, bytes) = match p.stage {
                Stage::Unpacking => (2, true),
                Stage::Reading(_) => (3, true),
                Stage::Building => (4, false),
            };
            progress(step, p.stage.describe(), p.done, p.total, bytes);
        },
    );
    progress(5, "Preparing the analysis", 0, 1, false);
    let mut summary = summarize(&result);
    summary.errors.extend(read_errors);
    let (departments, locations, spaces) = clover_core::summary::filter_names(&result.dataset);
    let dataset = Box::new(PreparedDataset::new(result.dataset));
    LOADED.with(|l| *l.borrow_mut() = Some(Held::Data(dataset, source.clone())));
    send(&Reply::Loaded(Box::new(Loaded {
        summary,
        departments,
        locations,
        spaces,
        source,
        input_bytes,
        heap_bytes: heap_bytes(),
        fixed: None,
        snapshot: None,
    })));
}

/// The worker's wasm memory: what the browser holds for the loaded data.
fn heap_bytes() -> u64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0, |b| b.byte_length() as u64)
}

fn load_summary(file: &InputFile, source: Option<String>, input_bytes: u64) {
    progress(3, "Reading the Clover summary", 0, file.bytes.len() as u64, true);
    match clover_core::summary::read(&file.bytes) {
        Ok(s) => {
            let w = &s.analysis.window;
            let fixed = format!(
                "{} is a Clover summary made by clover summarize for {} – {}{}: its numbers are fixed, so the filters are off. Make another summary for another window or group.",
                file.name,
                w.from.as_deref().unwrap_or("?"),
                w.to.as_deref().unwrap_or("?"),
                if s.params.pseudonymise { ", names pseudonymised" } else { "" },
            );
            let (summary, departments, locations, spaces) = (s.import, s.departments, s.locations, s.spaces);
            LOADED.with(|l| *l.borrow_mut() = Some(Held::Fixed(Box::new(s.analysis))));
            send(&Reply::Loaded(Box::new(Loaded {
                summary,
                departments,
                locations,
                spaces,
                source,
                input_bytes,
                heap_bytes: heap_bytes(),
                fixed: Some(fixed),
                snapshot: None,
            })));
        }
        Err(message) => {
            let summary = clover_core::stats::ImportSummary {
                errors: vec![FileError { file: file.name.clone(), message }],
                ..Default::default()
            };
            send(&Reply::Loaded(Box::new(Loaded {
                summary,
                source,
                input_bytes,
                heap_bytes: heap_bytes(),
                ..Loaded::default()
            })));
        }
    }
}
