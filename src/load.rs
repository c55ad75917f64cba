//! Getting the user's bytes into clover-core: files from the picker or a drop (with their
//! folder paths, so export layouts survive), read as ArrayBuffers.

use clover_core::import::InputFile;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A file's name as the importers should see it: its path inside a dropped or picked
/// folder (`export/general/2016-01-01.json`) when the browser tells it, else its name.
fn file_path(file: &web_sys::File) -> String {
    let rel = js_sys::Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|v| v.as_string())
        .filter(|s| !s.is_empty());
    rel.unwrap_or_else(|| file.name())
}

/// Reads every file of a list. A file the browser cannot read becomes an error line.
pub async fn read_file_list(list: web_sys::FileList) -> (Vec<InputFile>, Vec<(String, String)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.get(i) else { continue };
        let name = file_path(&file);
        match JsFuture::from(file.array_buffer()).await {
            Ok(buf) => {
                let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                files.push(InputFile::new(name, bytes));
            }
            Err(e) => {
                let why = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| "the browser could not read it".into());
                errors.push((name, why));
            }
        }
    }
    (files, errors)
}

/// Fetches an export the user named by its address (or a shared `#data=<url>` link).
/// Returns the file, or a sentence saying plainly what went wrong.
pub async fn fetch_url(url: &str) -> Result<InputFile, String> {
    let parsed = web_sys::Url::new(url).map_err(|_| format!("{url} is not a web address (it should start with https://)"))?;
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
    let bytes = resp.binary().await.map_err(|e| format!("{url}: the download broke off ({e})"))?;
    let path = parsed.pathname();
    let name = path.rsplit('/').find(|s| !s.is_empty()).map(|s| js_sys::decode_uri_component(s).ok().and_then(|v| v.as_string()).unwrap_or_else(|| s.to_string())).unwrap_or_else(|| "download".into());
    Ok(InputFile::new(name, bytes))
}
