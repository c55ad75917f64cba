//! Present mode: full screen, one view per slide, large type; arrows (and Page Up/Down, as
//! presentation clickers send) move between slides, Escape leaves.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::{Data, Ui, View};

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

fn stop_presenting(presenting: RwSignal<bool>) {
    presenting.set(false);
    if document().fullscreen_element().is_some() {
        document().exit_fullscreen();
    }
}

/// Listens for present mode's keys while the page lives.
pub fn listen_for_keys(ui: Ui) {
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !ui.presenting.get_untracked() {
            return;
        }
        let i = View::ALL.iter().position(|v| *v == ui.view.get_untracked()).unwrap_or(0);
        match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" | "PageDown" | " " => {
                ev.prevent_default();
                ui.view.set(View::ALL[(i + 1).min(View::ALL.len() - 1)]);
            }
            "ArrowLeft" | "ArrowUp" | "PageUp" => {
                ev.prevent_default();
                ui.view.set(View::ALL[i.saturating_sub(1)]);
            }
            "Escape" => stop_presenting(ui.presenting),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
}

/// A slide's title bar in present mode: where we are, the view's headline, the way out.
#[component]
pub fn SlideHeader() -> impl IntoView {
    let data = expect_context::<Data>();
    let ui = expect_context::<Ui>();
    move || {
        let v = ui.view.get();
        let i = View::ALL.iter().position(|x| *x == v).unwrap_or(0);
        let headline = data.analysis.with(|a| {
            a.as_ref()
                .and_then(|a| {
                    a.insights.iter().find(|h| View::from(h.view) == v).or(a.insights.first()).map(|h| h.text.clone())
                })
                .unwrap_or_default()
        });
        view! {
            <div class="slide-header" data-testid="slide-header">
                <p class="slide-count">{format!("{} / {}", i + 1, View::ALL.len())}</p>
                <p class="slide-headline">{headline}</p>
                <button class="theme" on:click=move |_| stop_presenting(ui.presenting)>"Leave (Esc)"</button>
            </div>
        }
    }
}
