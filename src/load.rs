//! Getting the user's files to the analysis worker: files from the picker or a drop (with
//! their folder paths, so export layouts survive) and downloads, handed over as Blobs so
//! that their bytes are never copied into the page; and the demo.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::state::LoadStatus;
use crate::worker_client;

/// Generates the demo organisation (clover-core's deterministic generator, in the worker)
/// and loads it exactly as if the user had dropped its Clover JSON export.
pub fn load_demo() {
    crate::chart::preload();
    worker_client::load_demo();
}

/// Fetches an export by its address and imports it; failures are shown on the landing page.
pub fn load_url(status: LoadStatus, url: String) {
    crate::chart::preload();
    status.busy.set(Some(format!("Downloading {url}…")));
    status.url_error.set(None);
    leptos::task::spawn_local(async move {
        let result = fetch_url(&url).await;
        status.busy.set(None);
        match result {
            Ok((name, blob)) => worker_client::load(vec![name], js_sys::Array::of1(&blob), Vec::new(), Some(url)),
            Err(msg) => status.url_error.set(Some(msg)),
        }
    });
}

/// Hands a FileList (picker or drop) to the worker, unless it is too big for a tab: then
/// say so before trying, and point to the command-line tool.
pub fn load_list(status: LoadStatus, list: web_sys::FileList) {
    let (names, blobs, total) = file_list_blobs(&list);
    if total > TOO_BIG_FOR_A_TAB {
        status.load_error.set(Some(format!(
            "{} is {} MB: more than a browser tab can analyse (about {} MB). The clover command-line tool reads exports of any size: \
             `clover analyze <export>`, or `clover summarize <export> --out summary.json` and open the summary here.",
            if names.len() == 1 { names[0].clone() } else { format!("These {} files together", names.len()) },
            total / 1_000_000,
            TOO_BIG_FOR_A_TAB / 1_000_000,
        )));
        return;
    }
    crate::chart::preload();
    worker_client::load(names, blobs, Vec::new(), None);
}

/// Larger inputs are refused before reading: the worker must hold the files, what they
/// inflate to and the dataset within a browser's 4 GB of wasm memory.
pub const TOO_BIG_FOR_A_TAB: u64 = 1_000_000_000;

/// A file's name as the importers should see it: its path inside a dropped or picked
/// folder (`export/general/2016-01-01.json`) when the browser tells it, else its name.
fn file_path(file: &web_sys::File) -> String {
    let rel = js_sys::Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|v| v.as_string())
        .filter(|s| !s.is_empty());
    rel.unwrap_or_else(|| file.name())
}

/// The files of a list as names, Blobs and their total size in bytes.
fn file_list_blobs(list: &web_sys::FileList) -> (Vec<String>, js_sys::Array, u64) {
    let mut names = Vec::new();
    let blobs = js_sys::Array::new();
    let mut total = 0u64;
    for i in 0..list.length() {
        let Some(file) = list.get(i) else { continue };
        names.push(file_path(&file));
        total += file.size() as u64;
        blobs.push(&file);
    }
    (names, blobs, total)
}

/// Fetches an export the user named by its address (or a shared `#data=<url>` link).
/// Returns its name and its bytes as a Blob, or a sentence saying plainly what went wrong.
async fn fetch_url(url: &str) -> Result<(String, web_sys::Blob), String> {
    let parsed =
        web_sys::Url::new(url).map_err(|_| format!("{url} is not a web address (it should start with https://)"))?;
    if !matches!(parsed.protocol().as_str(), "https:" | "http:") {
        return Err(format!("{url} is not a web address (it should start with https://)"));
    }
    let resp = gloo_net::http::Request::get(url).send().await.map_err(|_| {
        format!(
            "{url} could not be read. Either the server is unreachable, or it does not allow other sites to read the file \
             (it must send Access-Control-Allow-Origin). Download the file and drop it here instead."
        )
    })?;
    if !resp.ok() {
        return Err(format!("{url}: the server answered {} {}", resp.status(), resp.status_text()));
    }
    let broke = |e: wasm_bindgen::JsValue| {
        let why =
            e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| "no reason given".into());
        format!("{url}: the download broke off ({why})")
    };
    let raw: web_sys::Response = resp.into();
    let promise = raw.blob().map_err(broke)?;
    let blob: web_sys::Blob = JsFuture::from(promise).await.map_err(broke)?.unchecked_into();
    if blob.size() as u64 > TOO_BIG_FOR_A_TAB {
        return Err(format!(
            "{url} is {} MB: more than a browser tab can analyse. Download it and use the clover command-line tool.",
            blob.size() as u64 / 1_000_000
        ));
    }
    let path = parsed.pathname();
    let name = path
        .rsplit('/')
        .find(|s| !s.is_empty())
        .map(|s| js_sys::decode_uri_component(s).ok().and_then(|v| v.as_string()).unwrap_or_else(|| s.to_string()))
        .unwrap_or_else(|| "download".into());
    Ok((name, blob))
}
