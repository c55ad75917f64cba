//! The analysis worker: a dedicated Web Worker that owns the dataset. It imports what the
//! page hands over (or generates the demo), then answers each filter change with the
//! analysis, so the page never freezes and never holds the messages. Protocol:
//! src/protocol.rs. No Leptos here: the worker's wasm carries only the core.
//!
//! A load may use a pool of import workers (`pool`): this worker, the lead, starts others
//! (the same wasm), deals them shards of the files and merges what they read.

mod pool;
mod read;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use clover_core::analytics::PreparedDataset;
use clover_core::import::{
    import_files_with_progress, FileError, ImportOptions, ImportResult, InputFile, Progress, Stage,
};
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
    let p = LoadProgress { step, steps: LOAD_STEPS, label: label.into(), done, total, bytes };
    // While a pool imports, this worker's progress is its share of the pool's one bar.
    send(&Reply::Progress(pool::combined(&p).unwrap_or(p)));
}

/// An import's progress as a step of the load's bar.
fn import_progress(p: &Progress) {
    let (step, bytes) = match p.stage {
        Stage::Unpacking => (2, true),
        Stage::Reading(_) => (3, true),
        Stage::Building => (4, false),
    };
    progress(step, p.stage.describe(), p.done, p.total, bytes);
}

/// How this worker imports: archives may inflate to [`MAX_UNZIPPED_IN_A_TAB`].
fn options() -> ImportOptions {
    ImportOptions { max_unzipped_bytes: MAX_UNZIPPED_IN_A_TAB, ..ImportOptions::default() }
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
        Request::Load { names, source, read_errors, workers } => {
            let blobs: js_sys::Array =
                js_sys::Reflect::get(&data, &"files".into()).ok().and_then(|v| v.dyn_into().ok()).unwrap_or_default();
            LOADING.with(|l| l.set(true));
            // The previous dataset goes first, so two never share the memory.
            LOADED.with(|l| l.borrow_mut().take());
            wasm_bindgen_futures::spawn_local(async move {
                let list = read::blob_list(&names, &blobs);
                let input_bytes = list.iter().map(|(_, b)| b.size() as u64).sum();
                // Several workers when the files can be dealt (else pool::load says no).
                let pooled = if workers > 1 { pool::load(&list, workers as usize).await } else { None };
                match pooled {
                    Some(result) => keep(result, read_errors, source, input_bytes),
                    None => {
                        let (files, mut errors) = read::read_blobs(&list).await;
                        errors.extend(read_errors);
                        load(files, errors, source);
                    }
                }
                LOADING.with(|l| l.set(false));
                // What came during the load, in order (a request may start another load).
                while !LOADING.with(Cell::get) {
                    let Some(next) = WAITING.with(|w| w.borrow_mut().pop_front()) else { break };
                    handle(next);
                }
            });
        }
        Request::Shard { index, names, context } => {
            let blobs: js_sys::Array =
                js_sys::Reflect::get(&data, &"files".into()).ok().and_then(|v| v.dyn_into().ok()).unwrap_or_default();
            let list = read::blob_list(&names, &blobs);
            wasm_bindgen_futures::spawn_local(pool::shard(index, list, context as usize));
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

/// Clover summaries among `files`: one opens on its own; beside exports each is named, not
/// mixed in.
fn split_summaries(files: Vec<InputFile>) -> (Vec<InputFile>, Vec<InputFile>) {
    files.into_iter().partition(|f| clover_core::summary::is_summary(&f.bytes))
}

fn summary_errors(summaries: Vec<InputFile>) -> Vec<FileError> {
    summaries
        .into_iter()
        .map(|s| FileError {
            file: s.name,
            message: "is a Clover summary: open it on its own, not together with other files".into(),
        })
        .collect()
}

fn load(files: Vec<InputFile>, mut read_errors: Vec<FileError>, source: Option<String>) {
    // The previous dataset goes first, so two never share the memory.
    LOADED.with(|l| l.borrow_mut().take());
    let input_bytes: u64 = files.iter().map(|f| f.bytes.len() as u64).sum();
    let (summaries, files) = split_summaries(files);
    if summaries.len() == 1 && files.is_empty() && read_errors.is_empty() {
        load_summary(&summaries[0], source, input_bytes);
        return;
    }
    read_errors.extend(summary_errors(summaries));
    let result = import_files_with_progress(files, &options(), &mut import_progress);
    keep(result, read_errors, source, input_bytes);
}

/// Keeps an import's dataset (prepared for analysis) and tells the page what is loaded.
fn keep(result: ImportResult, read_errors: Vec<FileError>, source: Option<String>, input_bytes: u64) {
    progress(5, "Preparing the analysis", 0, 1, false);
    let mut summary = summarize(&result);
    summary.errors.extend(read_errors);
    // Errors by file and warnings by text: the same files give the same summary however
    // many workers read them.
    clover_core::summary::canonical_order(&mut summary);
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
