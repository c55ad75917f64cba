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
