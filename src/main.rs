//! Clover in the browser: a Leptos (client-side rendered) app that only renders what
//! clover-core computes. Built by Trunk; see docs/ARCHITECTURE.md.

mod app;
mod chart;
mod download;
mod load;
mod state;
mod url_state;
mod views;
mod worker_client;

fn main() {
    console_error_panic_hook::set_once();
    // index.html's first screen, drawn before the wasm arrived, gives way to the app's own
    // (the same markup, so nothing moves).
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
