//! Entering and leaving present mode: the deck (src/views/deck.rs) over the whole window, in
//! full screen where the browser allows it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub fn start_presenting(presenting: RwSignal<bool>) {
    presenting.set(true);
    if let Some(root) = document().document_element() {
        // Full screen where the browser allows it; present mode works without it too, so a
        // refusal (a browser setting, an iframe) is caught rather than left unhandled.
        let root: wasm_bindgen::JsValue = root.into();
        let request = js_sys::Reflect::get(&root, &"requestFullscreen".into()).ok();
        if let Some(f) = request.as_ref().and_then(|f| f.dyn_ref::<js_sys::Function>()) {
            if let Ok(p) = f.call0(&root).and_then(|p| p.dyn_into::<js_sys::Promise>()) {
                leptos::task::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
                });
            }
        }
    }
}

pub fn stop_presenting(presenting: RwSignal<bool>) {
    presenting.set(false);
    if document().fullscreen_element().is_some() {
        document().exit_fullscreen();
    }
}
