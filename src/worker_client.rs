//! The page's side of the analysis worker (src/bin/worker/): starts it, hands it the
//! user's files, keeps one analysis request in flight (the latest filters win), and turns
//! its replies into the app's signals. A worker that dies (out of memory, a bug) is
//! replaced and the user told in plain words; the page itself keeps running.

use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use clover_app::protocol::{LoadProgress, Reply, Request, LOAD_STEPS};
use clover_core::analytics::Params;
use clover_core::import::FileError;

use crate::state::{Results, View};

/// The worker's message and error handlers, kept alive as long as the worker.
type Handlers = (Closure<dyn FnMut(web_sys::MessageEvent)>, Closure<dyn FnMut(web_sys::ErrorEvent)>);

/// What the page knows about its worker.
struct Client {
    worker: web_sys::Worker,
    /// False until the worker said `ready`; messages wait in `outbox` until then, because a
    /// module worker drops what arrives before its handler is set.
    ready: bool,
    outbox: Vec<js_sys::Object>,
    /// The id of the analysis request in flight, if any.
    in_flight: Option<u32>,
    /// The filters changed while a request was in flight: ask again when it answers.
    stale: bool,
    next_id: u32,
    /// What the worker is doing, to name it if the worker dies.
    doing: Option<String>,
    /// When the current load was handed over (`Date.now()`), until its first analysis.
    load_started: Option<f64>,
    /// Where the replies go.
    results: Results,
    /// Who waits for each snapshot link asked for, oldest first (the worker answers in order).
    snapshot_wanted: std::collections::VecDeque<SnapshotDone>,
    /// Handlers kept alive with the worker.
    _handlers: Handlers,
}

/// What is told the snapshot link made (`v1.…`), or why none could be.
type SnapshotDone = Box<dyn FnOnce(Result<String, String>)>;

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    /// Where replies go, known from the page's start; the worker itself starts later.
    static RESULTS: std::cell::Cell<Option<Results>> = const { std::cell::Cell::new(None) };
}

/// Remembers where the worker's replies go. The worker is not started yet: its files are
/// large, and the first screen should not wait for them (see [`warm_up`]).
pub fn init(results: Results) {
    RESULTS.with(|r| r.set(Some(results)));
}

/// Starts the worker unless it runs: called once the first screen is up, and before any
/// request.
pub fn warm_up() {
    if CLIENT.with(|c| c.borrow().is_none()) {
        if let Some(results) = RESULTS.with(|r| r.get()) {
            start(results);
        }
    }
}

/// Where the worker's loader is: the build writes its hashed address into a `worker-url`
/// meta tag (tools/post-build.mjs); a build without it (Trunk serving during development)
/// has `worker_loader.js` beside the app's own script.
fn worker_url() -> String {
    let doc = document();
    if let Some(meta) = doc.query_selector("meta[name=worker-url]").ok().flatten() {
        if let Some(url) = meta.get_attribute("content").filter(|u| !u.is_empty()) {
            return url;
        }
    }
    // Resolve against the app's script, never the page's address: `/clover` without its
    // slash would otherwise point one folder too high.
    let base = doc
        .query_selector("link[rel=modulepreload]")
        .ok()
        .flatten()
        .and_then(|l| l.get_attribute("href"))
        .and_then(|href| web_sys::Url::new_with_base(&href, &doc.base_uri().ok().flatten().unwrap_or_default()).ok())
        .map(|u| u.href());
    match base.and_then(|b| web_sys::Url::new_with_base("worker_loader.js", &b).ok()) {
        Some(u) => u.href(),
        None => "worker_loader.js".to_string(),
    }
}

/// How many import workers a load uses (docs/performance.md): one a core, at least 2 and
/// at most 8; `?workers=N` in the address sets it (1 to 16), for tests and measurements.
fn pool_size() -> u8 {
    let forced = web_sys::window().and_then(|w| w.location().search().ok()).and_then(|q| {
        q.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix("workers=")?.parse::<u8>().ok())
    });
    if let Some(n) = forced {
        return n.clamp(1, 16);
    }
    let cores = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"navigator".into()).ok())
        .and_then(|n| js_sys::Reflect::get(&n, &"hardwareConcurrency".into()).ok())
        .and_then(|c| c.as_f64())
        .unwrap_or(2.0);
    cores.clamp(2.0, 8.0) as u8
}

thread_local! {
    /// The worker's wasm, compiled once (the `worker-wasm` meta tag names it): every worker,
    /// and every import worker a load starts, is given this module instead of fetching and
    /// compiling its own copy.
    static MODULE: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

fn module() -> js_sys::Promise {
    MODULE.with(|m| {
        m.borrow_mut()
            .get_or_insert_with(|| {
                let url = document()
                    .query_selector("meta[name=worker-wasm]")
                    .ok()
                    .flatten()
                    .and_then(|m| m.get_attribute("content"))
                    .filter(|u| !u.is_empty());
                match (url, web_sys::window()) {
                    (Some(url), Some(w)) => js_sys::WebAssembly::compile_streaming(&w.fetch_with_str(&url)),
                    _ => js_sys::Promise::resolve(&JsValue::UNDEFINED),
                }
            })
            .clone()
    })
}

/// Starts a worker (replacing any) and wires its replies to `results`.
pub fn start(results: Results) {
    let opts = web_sys::WorkerOptions::new();
    opts.set_type(web_sys::WorkerType::Module);
    let worker = match web_sys::Worker::new_with_options(&worker_url(), &opts) {
        Ok(w) => w,
        Err(_) => {
            results.load_error.set(Some("This browser could not start Clover's analysis worker. Clover needs a current browser (Chrome, Edge, Firefox or Safari from 2023 on).".into()));
            return;
        }
    };
    // The compiled module goes to it in a message of its own (worker_loader.js waits for it
    // and keeps what comes before); without one (a build without the meta tag, a failed
    // compile) it fetches its wasm itself.
    {
        let worker = worker.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let module = wasm_bindgen_futures::JsFuture::from(module()).await.unwrap_or(JsValue::UNDEFINED);
            let first = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&first, &"cloverModule".into(), &module);
            let _ = worker.post_message(&first);
        });
    }
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| on_reply(results, ev.data()));
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |ev: web_sys::ErrorEvent| {
        ev.prevent_default();
        on_crash(results, ev.message());
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let old = CLIENT.with(|c| {
        c.borrow_mut().replace(Client {
            worker,
            ready: false,
            outbox: Vec::new(),
            in_flight: None,
            stale: false,
            next_id: 1,
            doing: None,
            load_started: None,
            results,
            snapshot_wanted: Default::default(),
            _handlers: (on_message, on_error),
        })
    });
    if let Some(old) = old {
        old.worker.terminate();
    }
}

fn envelope(request: &Request) -> js_sys::Object {
    let msg = js_sys::Object::new();
    let json = serde_json::to_string(request).unwrap_or_default();
    let _ = js_sys::Reflect::set(&msg, &"json".into(), &json.into());
    msg
}

fn post(msg: js_sys::Object) {
    warm_up();
    CLIENT.with(|c| {
        if let Some(c) = c.borrow_mut().as_mut() {
            if c.ready {
                let _ = c.worker.post_message(&msg);
            } else {
                c.outbox.push(msg);
            }
        }
    });
}

/// Hands files (Blobs: picked, dropped or downloaded) to the worker to import. The bytes
/// are not copied into the page's memory.
pub fn load(names: Vec<String>, blobs: js_sys::Array, read_errors: Vec<FileError>, source: Option<String>) {
    begin("reading your files");
    let msg = envelope(&Request::Load { names, source, read_errors, workers: pool_size() });
    let _ = js_sys::Reflect::set(&msg, &"files".into(), &blobs);
    post(msg);
}

pub fn load_demo() {
    begin("generating the demo");
    post(envelope(&Request::Demo));
}

/// Opens a snapshot link's fragment (`v1.…`) in the worker: its numbers, fixed, replace
/// what is loaded; a fragment that cannot be opened leaves everything as it was and says why.
pub fn open_snapshot(fragment: String) {
    begin("opening the snapshot link");
    post(envelope(&Request::OpenSnapshot { fragment }));
}

/// Asks the worker for a snapshot link of the loaded data with `params`, names
/// pseudonymised unless `names`; `done` receives the fragment or why there is none.
pub fn make_snapshot(params: Params, names: bool, done: impl FnOnce(Result<String, String>) + 'static) {
    warm_up();
    CLIENT.with(|c| {
        if let Some(c) = c.borrow_mut().as_mut() {
            c.snapshot_wanted.push_back(Box::new(done));
        }
    });
    post(envelope(&Request::MakeSnapshot { params: Box::new(params), names }));
}

/// Hands a snapshot reply to the oldest request waiting; without one, gives it back.
fn snapshot_done(result: Result<String, String>) -> Option<Result<String, String>> {
    match CLIENT.with(|c| c.borrow_mut().as_mut().and_then(|c| c.snapshot_wanted.pop_front())) {
        Some(done) => {
            done(result);
            None
        }
        None => Some(result),
    }
}

fn begin(doing: &str) {
    warm_up();
    if let Some(r) = CLIENT.with(|c| c.borrow().as_ref().map(|c| c.results)) {
        r.load_error.set(None);
        r.progress.set(Some(LoadProgress {
            step: 0,
            steps: LOAD_STEPS,
            label: "Starting".into(),
            done: 0,
            total: 0,
            bytes: false,
        }));
    }
    CLIENT.with(|c| {
        if let Some(c) = c.borrow_mut().as_mut() {
            c.doing = Some(doing.to_string());
            c.load_started = Some(js_sys::Date::now());
            c.in_flight = None;
            c.stale = false;
        }
    });
}

/// Asks for the analysis of the current parameters, unless one is in flight (then the
/// newest parameters are asked for when it answers: dragging a date never queues work).
pub fn analyze(params: Params) {
    let msg = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let c = c.as_mut()?;
        if c.in_flight.is_some() {
            c.stale = true;
            return None;
        }
        let id = c.next_id;
        c.next_id += 1;
        c.in_flight = Some(id);
        c.doing = Some("analysing".into());
        Some(envelope(&Request::Analyze { id, params: Box::new(params) }))
    });
    if let Some(msg) = msg {
        post(msg);
    }
}

fn on_reply(results: Results, data: JsValue) {
    let json = js_sys::Reflect::get(&data, &"json".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let reply = match Reply::from_json(&json) {
        Ok(r) => r,
        Err(e) => {
            leptos::logging::warn!("unreadable message from the analysis worker: {e}");
            return;
        }
    };
    match reply {
        Reply::Ready => {
            // Posting does not call back into this module, so the borrow may stay held.
            CLIENT.with(|c| {
                if let Some(c) = c.borrow_mut().as_mut() {
                    c.ready = true;
                    for m in std::mem::take(&mut c.outbox) {
                        let _ = c.worker.post_message(&m);
                    }
                }
            });
        }
        Reply::Progress(p) => results.progress.set(Some(p)),
        Reply::Loaded(loaded) => {
            CLIENT.with(|c| {
                if let Some(c) = c.borrow_mut().as_mut() {
                    c.doing = None;
                }
            });
            // Even when nothing was usable the summary is shown (on the Data view): it names
            // each file that failed and why.
            let s = &loaded.summary;
            let any_messages = s.posts + s.replies + s.reactions > 0;
            results.analysis.set(None);
            results.load_ms.set(None);
            results.progress.set(None);
            // Setting `loaded` asks for the analysis (an effect in app.rs).
            results.loaded.set(Some(*loaded));
            if !any_messages {
                results.view.set(View::Data);
            }
        }
        Reply::Analysis { id, analysis } => {
            let (again, started) = CLIENT.with(|c| {
                let mut c = c.borrow_mut();
                let Some(c) = c.as_mut() else { return (false, None) };
                if c.in_flight != Some(id) {
                    return (false, None);
                }
                c.in_flight = None;
                c.doing = None;
                (std::mem::take(&mut c.stale), c.load_started.take())
            });
            results.analysis.set(Some(Arc::new(*analysis)));
            if let Some(t0) = started {
                results.load_ms.set(Some(js_sys::Date::now() - t0));
            }
            if again {
                analyze(results.params.get_untracked());
            }
        }
        Reply::Snapshot { fragment } => {
            let _ = snapshot_done(Ok(fragment));
        }
        // Between a pool's import workers only.
        Reply::Shard { .. } => {}
        Reply::Failed { message } => {
            // A snapshot link asked for and refused is told to whoever asked.
            if let Some(Err(message)) = snapshot_done(Err(message)) {
                results.progress.set(None);
                results.load_error.set(Some(message));
            }
        }
    }
}

/// The worker stopped (a wasm trap: out of memory, or a bug). Its dataset is gone: start a
/// fresh worker and tell the user what happened and what to try.
fn on_crash(results: Results, detail: String) {
    let doing = CLIENT.with(|c| c.borrow().as_ref().and_then(|c| c.doing.clone())).unwrap_or_else(|| "working".into());
    leptos::logging::warn!("the analysis worker stopped while {doing}: {detail}");
    while snapshot_done(Err("Clover's analysis stopped before the link was made.".into())).is_none() {}
    results.progress.set(None);
    results.analysis.set(None);
    results.loaded.set(None);
    results.load_error.set(Some(format!(
        "Clover's analysis stopped while {doing} (the browser said: {}). The export may be too large for a browser tab: \
         the clover command-line tool analyses exports of any size. Nothing was sent anywhere.",
        if detail.is_empty() { "no reason given".to_string() } else { detail }
    )));
    start(results);
}
