//! Saving what is on screen as a file, made in the page (a Blob), never on a server.

use wasm_bindgen::JsCast;

/// Offers `content` as a download named `name`.
pub fn save(name: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let doc = leptos::prelude::document();
    if let Some(a) = doc.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Offers a `data:` URL (a chart's image) as a download named `name`.
pub fn save_url(name: &str, url: &str) {
    let doc = leptos::prelude::document();
    if let Some(a) = doc.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(url);
        a.set_download(name);
        a.click();
    }
}

/// One CSV field: quoted when needed, and never read as a formula by a spreadsheet
/// (names come from files and may start with `=`, `+`, `-` or `@`).
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_fields_are_safe() {
        assert_eq!(super::csv_field("Ann"), "Ann");
        assert_eq!(super::csv_field("Lee, Ann"), "\"Lee, Ann\"");
        assert_eq!(super::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(super::csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
