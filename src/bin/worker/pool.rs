//! A pool of import workers (docs/performance.md): the lead (the worker the page talks to)
//! starts the others from the same compiled module, reads the ZIP directories at the
//! archives' ends, plans with `clover_core::pool` and deals each worker its shard as Blobs
//! (slices of the user's files: nothing is copied or read twice), imports its own shard,
//! and merges the partials the others send back in shard order. No SharedArrayBuffer and no
//! cross-origin isolation: messages only, so any static host serves it.

use std::cell::RefCell;

use clover_core::import::{is_zip, FileError, ImportResult, InputFile};
use clover_core::partial::Partial;
use clover_core::pool::{self, zip, Handed, Layout, Lead, Piece};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use clover_app::protocol::{LoadProgress, PoolProgress, Reply, Request};

use crate::{import_progress, options, progress, read, scope, send, split_summaries, summary_errors};

type Handlers = (Closure<dyn FnMut(web_sys::MessageEvent)>, Closure<dyn FnMut(web_sys::ErrorEvent)>);

/// Another import worker, as its lead sees it.
struct Helper {
    worker: web_sys::Worker,
    /// True once it said `ready`. One that stops before (a browser that cannot start a
    /// worker from a worker) leaves its shard to the lead.
    ready: bool,
    /// True once it stopped, or sent its shard back.
    stopped: bool,
    _handlers: Handlers,
}

/// A shard as dealt: its files (the context first) and how many are context.
struct Dealt {
    files: Vec<(String, web_sys::Blob)>,
    context: usize,
}

/// A load in a pool, in the lead.
struct PoolLoad {
    /// Helper `k - 1` imports shard `k`.
    helpers: Vec<Helper>,
    labels: Vec<String>,
    bar: PoolProgress,
    lead: Option<Lead>,
    /// Shards that came back before the lead was done with its own.
    early: Vec<(usize, Result<Partial, FileError>)>,
    /// Each shard as dealt (index 0 unused), and those whose worker never started: the lead
    /// imports them itself.
    dealt: Vec<Option<Dealt>>,
    orphans: Vec<usize>,
    /// Resolves the promise the lead awaits: a shard came back or was orphaned.
    wake: Option<js_sys::Function>,
}

thread_local! {
    static POOL: RefCell<Option<PoolLoad>> = const { RefCell::new(None) };
    /// What the other workers said while the lead was still planning (before [`POOL`] is
    /// set): started (`Ok`), or stopped and why. Replayed once the load is set up, so that a
    /// worker that fails to start early is neither waited for nor forgotten.
    static BEFORE: RefCell<Vec<(usize, Result<(), String>)>> = const { RefCell::new(Vec::new()) };
}

/// While a pool load runs in this worker (its lead): the pool's bar, with `p` as this
/// worker's part of it.
pub fn combined(p: &LoadProgress) -> Option<LoadProgress> {
    POOL.with(|pool| pool.borrow_mut().as_mut().map(|pool| pool.bar.update(0, p)))
}

/// Starts another import worker from this worker's own script and compiled module.
fn spawn(k: usize) -> Option<Helper> {
    let global = js_sys::global();
    let url = js_sys::Reflect::get(&global, &"location".into())
        .and_then(|l| js_sys::Reflect::get(&l, &"href".into()))
        .ok()?
        .as_string()?;
    let opts = web_sys::WorkerOptions::new();
    opts.set_type(web_sys::WorkerType::Module);
    // Named, for the browser's developer tools (and the tests, which stop one on purpose).
    opts.set_name(&format!("clover-import-{k}"));
    let worker = web_sys::Worker::new_with_options(&url, &opts).ok()?;
    // The module, compiled once by the page, in a message of its own (worker_loader.js waits for it).
    let first = js_sys::Object::new();
    let module = js_sys::Reflect::get(&global, &"cloverModule".into()).unwrap_or(JsValue::UNDEFINED);
    let _ = js_sys::Reflect::set(&first, &"cloverModule".into(), &module);
    worker.post_message(&first).ok()?;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| from_helper(k, ev.data()));
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |ev: web_sys::ErrorEvent| {
        ev.prevent_default();
        let why = ev.message();
        arrived(k, Err(if why.is_empty() { "the worker stopped".to_string() } else { why }));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(Helper { worker, ready: false, stopped: false, _handlers: (on_message, on_error) })
}

fn from_helper(k: usize, data: JsValue) {
    let json = js_sys::Reflect::get(&data, &"json".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let Ok(reply) = Reply::from_json(&json) else { return };
    match reply {
        Reply::Ready => ready(k),
        Reply::Progress(p) => {
            let bar = POOL.with(|pool| pool.borrow_mut().as_mut().map(|pool| pool.bar.update(k, &p)));
            if let Some(bar) = bar {
                send(&Reply::Progress(bar));
            }
        }
        Reply::Shard { index } => {
            let bytes = js_sys::Reflect::get(&data, &"partial".into())
                .ok()
                .and_then(|b| b.dyn_into::<js_sys::ArrayBuffer>().ok())
                .map(|b| js_sys::Uint8Array::new(&b).to_vec())
                .unwrap_or_default();
            arrived(k.max(index as usize), Partial::decode(&bytes));
        }
        Reply::Failed { message } => arrived(k, Err(message)),
        _ => {}
    }
}

/// Worker `k` started.
fn ready(k: usize) {
    let early = POOL.with(|pool| match pool.borrow_mut().as_mut() {
        Some(p) => {
            if let Some(h) = p.helpers.get_mut(k.wrapping_sub(1)) {
                h.ready = true;
            }
            false
        }
        None => true,
    });
    if early {
        BEFORE.with(|b| b.borrow_mut().push((k, Ok(()))));
    }
}

/// Shard `k` came back (or its worker stopped, saying why): merged in its turn.
fn arrived(k: usize, shard: Result<Partial, String>) {
    if POOL.with(|pool| pool.borrow().is_none()) {
        // Before the load is set up only a stop can come (no shard was dealt yet).
        if let Err(why) = shard {
            BEFORE.with(|b| b.borrow_mut().push((k, Err(why))));
        }
        return;
    }
    POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        let Some(pool) = pool.as_mut() else { return };
        let Some(h) = pool.helpers.get_mut(k.wrapping_sub(1)) else { return };
        // Its worker is done: its memory goes back.
        h.worker.terminate();
        h.stopped = true;
        if shard.is_err() && !h.ready {
            pool.orphans.push(k);
        } else {
            let shard = shard.map_err(|why| pool::shard_failed(pool.labels.get(k).map_or("", String::as_str), &why));
            match pool.lead.as_mut() {
                Some(lead) => lead.add(k, shard),
                None => pool.early.push((k, shard)),
            }
        }
        if let Some(wake) = pool.wake.take() {
            let _ = wake.call0(&JsValue::NULL);
        }
    });
}

/// A promise the lead awaits until a shard comes back or is orphaned.
fn woken() -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        POOL.with(|p| {
            if let Some(p) = p.borrow_mut().as_mut() {
                p.wake = Some(resolve);
            }
        })
    })
}

/// The Blob that carries a piece: a file as handed over, or an archive of some entries
/// (slices of the original and the directory written for them: no bytes copied).
fn piece_blob(list: &[(String, web_sys::Blob)], piece: &Piece) -> Option<(String, web_sys::Blob)> {
    match piece {
        Piece::File(i) => list.get(*i).cloned(),
        Piece::Part(i, part) => {
            let (name, blob) = list.get(*i)?;
            let parts = js_sys::Array::new();
            for &(a, b) in &part.ranges {
                parts.push(&blob.slice_with_f64_and_f64(a as f64, b as f64).ok()?.into());
            }
            parts.push(&js_sys::Uint8Array::from(&part.tail[..]));
            Some((name.clone(), web_sys::Blob::new_with_blob_sequence(&parts).ok()?))
        }
    }
}

fn piece_blobs(list: &[(String, web_sys::Blob)], pieces: &[Piece]) -> Vec<(String, web_sys::Blob)> {
    pieces.iter().filter_map(|p| piece_blob(list, p)).collect()
}

/// Each file as the planner sees it: large ZIP archives with their central directory, read
/// from their last bytes (two small reads); every other file by its size alone.
fn peek(list: &[(String, web_sys::Blob)]) -> Vec<Handed> {
    let reader = web_sys::FileReaderSync::new().ok();
    list.iter()
        .map(|(name, blob)| {
            let size = blob.size() as u64;
            let zip =
                if size >= pool::PEEK_MIN { reader.as_ref().and_then(|r| directory(r, blob, size)) } else { None };
            Handed { name: name.clone(), size, zip }
        })
        .collect()
}

fn directory(reader: &web_sys::FileReaderSync, blob: &web_sys::Blob, size: u64) -> Option<zip::Directory> {
    let bytes = |a: u64, b: u64| -> Option<Vec<u8>> {
        let slice = blob.slice_with_f64_and_f64(a as f64, b as f64).ok()?;
        read::read_one(&slice, Some(reader)).ok()
    };
    if !is_zip(&bytes(0, 4)?) {
        return None;
    }
    let from = size.saturating_sub(zip::TAIL_BYTES);
    let tail = bytes(from, size)?;
    let at = zip::find_directory(&tail, size)?;
    let cd = if at.offset >= from {
        tail.get((at.offset - from) as usize..(at.offset - from + at.len) as usize)?.to_vec()
    } else {
        bytes(at.offset, at.offset + at.len)?
    };
    zip::read_directory(&cd, at)
}

/// The lead's load of `list` with up to `workers` workers: the import's result, or `None`
/// when the files cannot be dealt (one file, one unit, a browser without nested workers):
/// then the caller imports them alone, as before.
pub async fn load(list: &[(String, web_sys::Blob)], workers: usize) -> Option<ImportResult> {
    let opts = options();
    BEFORE.with(|b| b.borrow_mut().clear());
    // The other workers start while this one plans.
    let mut helpers: Vec<Helper> = (1..workers).map_while(spawn).collect();
    let handed = peek(list);
    let layout = Layout::new(&handed);
    // Which files beside folders are lookup lists (their first bytes say).
    let head = (clover_core::import::sniff::SNIFF_BYTES + 16) as f64;
    // A loose file's first bytes are enough; an archive of ZIP entries is read whole (its
    // directory is at its end; it holds only the candidates' compressed bytes).
    let candidates: Vec<(String, web_sys::Blob)> = pool::pieces(&handed, &layout.candidates())
        .iter()
        .filter_map(|piece| {
            let (n, b) = piece_blob(list, piece)?;
            let loose = matches!(piece, Piece::File(i) if handed.get(*i).is_some_and(|h| h.zip.is_none()));
            let b = if loose && b.size() > head { b.slice_with_f64_and_f64(0.0, head).unwrap_or(b) } else { b };
            Some((n, b))
        })
        .collect();
    let found = if candidates.is_empty() {
        pool::Found::default()
    } else {
        pool::lookups(read::read_blobs(&candidates).await.0)
    };
    let plan = layout.plan(&found, helpers.len() + 1, &opts);
    for h in helpers.drain(plan.shards.len().saturating_sub(1)..) {
        h.worker.terminate();
    }
    if plan.shards.len() < 2 {
        return None;
    }
    let context = piece_blobs(list, &pool::pieces(&handed, &plan.context));
    let mut dealt = vec![None];
    for (k, shard) in plan.shards.iter().enumerate().skip(1) {
        let mut files = context.clone();
        files.extend(piece_blobs(list, &pool::pieces(&handed, shard)));
        let names = files.iter().map(|(n, _)| n.clone()).collect();
        let request = Request::Shard { index: k as u32, names, context: context.len() as u32 };
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"json".into(), &serde_json::to_string(&request).unwrap_or_default().into());
        let blobs: js_sys::Array = files.iter().map(|(_, b)| JsValue::from(b.clone())).collect();
        let _ = js_sys::Reflect::set(&msg, &"files".into(), &blobs);
        // Posted at once: the worker's loader keeps what comes before it listens.
        let _ = helpers[k - 1].worker.post_message(&msg);
        dealt.push(Some(Dealt { files, context: context.len() }));
    }
    POOL.with(|p| {
        *p.borrow_mut() = Some(PoolLoad {
            helpers,
            labels: plan.shards.iter().map(|s| layout.label(s)).collect(),
            bar: PoolProgress::new(plan.shards.len()),
            lead: None,
            early: Vec::new(),
            dealt,
            orphans: Vec::new(),
            wake: None,
        })
    });
    // What the workers said while this one planned.
    for (k, said) in BEFORE.with(|b| std::mem::take(&mut *b.borrow_mut())) {
        match said {
            Ok(()) => ready(k),
            Err(why) => arrived(k, Err(why)),
        }
    }
    wait_for_start().await;
    // The lead's own shard, with the context counted once.
    let own = piece_blobs(list, &pool::pieces(&handed, &plan.lead()));
    let (files, mut errors) = read::read_blobs(&own).await;
    let (summaries, files) = split_summaries(files);
    errors.extend(summary_errors(summaries));
    let mut lead = Lead::new(files, plan.shards.len(), &opts, &mut import_progress);
    lead.note(errors);
    POOL.with(|p| {
        if let Some(p) = p.borrow_mut().as_mut() {
            for (k, s) in std::mem::take(&mut p.early) {
                lead.add(k, s);
            }
            p.lead = Some(lead);
        }
    });
    loop {
        let (complete, orphan) = POOL.with(|p| {
            let mut p = p.borrow_mut();
            let Some(p) = p.as_mut() else { return (true, None) };
            let complete = p.lead.as_ref().is_none_or(Lead::complete);
            let orphan = p.orphans.pop().and_then(|k| p.dealt.get_mut(k).and_then(Option::take).map(|d| (k, d)));
            (complete, orphan)
        });
        if complete {
            break;
        }
        if let Some((k, d)) = orphan {
            let partial = own_shard(d).await;
            POOL.with(|p| {
                if let Some(lead) = p.borrow_mut().as_mut().and_then(|p| p.lead.as_mut()) {
                    lead.add(k, Ok(partial));
                }
            });
            continue;
        }
        // Nothing to do until a shard comes back (messages are handled only while this waits).
        let _ = wasm_bindgen_futures::JsFuture::from(woken()).await;
    }
    let pool = POOL.with(|p| p.borrow_mut().take())?;
    for h in &pool.helpers {
        h.worker.terminate();
    }
    progress(4, "Linking replies to their threads", 0, 1, false);
    Some(pool.lead?.finish())
}

/// How long the lead waits for the other workers to start before its own import.
const START_WAIT_MS: f64 = 5000.0;

/// Waits until every other worker has started (said ready) or stopped, at most
/// [`START_WAIT_MS`]. The browser starts a worker's workers through it: one that this worker
/// started does not run while this worker's own import holds its thread, and the pool
/// would import one shard after the other.
async fn wait_for_start() {
    let since = crate::now_ms();
    loop {
        let waiting =
            POOL.with(|p| p.borrow().as_ref().is_some_and(|p| p.helpers.iter().any(|h| !h.ready && !h.stopped)));
        if !waiting || crate::now_ms() - since > START_WAIT_MS {
            break;
        }
        let _ = wasm_bindgen_futures::JsFuture::from(sleep(5)).await;
    }
}

/// A promise resolved after `ms` milliseconds (at once where there is no timer).
fn sleep(ms: i32) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        let timer = js_sys::Reflect::get(&global, &"setTimeout".into()).and_then(|f| f.dyn_into::<js_sys::Function>());
        if timer.and_then(|f| f.call2(&global, &resolve, &ms.into())).is_err() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    })
}

/// A shard imported in this worker: what an import worker does with it, short of sending it.
async fn own_shard(d: Dealt) -> Partial {
    let read = read::read_each(&d.files).await;
    let (mut ctx, mut files, mut errors) = (Vec::new(), Vec::new(), Vec::new());
    for (i, r) in read.into_iter().enumerate() {
        match r {
            Ok(f) if i < d.context => ctx.push(f),
            Ok(f) => files.push(f),
            // The context's errors are the lead's to name (it reads the same files).
            Err(_) if i < d.context => {}
            Err(e) => errors.push(e),
        }
    }
    let (summaries, files): (Vec<InputFile>, Vec<InputFile>) = split_summaries(files);
    errors.extend(summary_errors(summaries));
    let mut partial = pool::import_shard(ctx, files, &options(), &mut import_progress);
    partial.errors.extend(errors);
    partial
}

/// An import worker's side: shard `index` of a load, the first `context` files read for
/// their lookups only; its partial goes back to the lead (transferred, not copied).
pub async fn shard(index: u32, list: Vec<(String, web_sys::Blob)>, context: usize) {
    let partial = own_shard(Dealt { files: list, context }).await;
    let bytes = js_sys::Uint8Array::from(&partial.encode()[..]).buffer();
    drop(partial);
    let msg = js_sys::Object::new();
    let json = serde_json::to_string(&Reply::Shard { index }).unwrap_or_default();
    let _ = js_sys::Reflect::set(&msg, &"json".into(), &json.into());
    let _ = js_sys::Reflect::set(&msg, &"partial".into(), &bytes);
    let _ = scope().post_message_with_transfer(&msg, &js_sys::Array::of1(&bytes));
}
