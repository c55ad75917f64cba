//! The snapshot link (docs/snapshot.md): "Copy a snapshot link" asks the worker for the
//! aggregates of what is on screen, compressed into the address's fragment
//! (`#view=…&snapshot=v1.…`), which browsers never send to a server; opening such a link
//! shows the dashboard and the deck with those numbers, fixed. The worker decodes it
//! (clover_core::snapshot) and refuses anything damaged or hostile; what it holds is shown as
//! text like every name from a file.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::{Data, LoadStatus, Ui};
use crate::{url_state, worker_client};

thread_local! {
    /// The fragment last handed to the worker to open.
    static OPENING: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Opens a snapshot fragment (`v1.…`): its numbers replace what is loaded, or the page says
/// why it cannot be opened.
pub fn open(fragment: String) {
    OPENING.with(|o| *o.borrow_mut() = Some(fragment.clone()));
    worker_client::open_snapshot(fragment);
}

/// A snapshot link pasted into the address of an open page changes only its fragment (the
/// page is not reloaded): open it. The page's own address updates are left alone.
pub fn listen_for_links(data: Data, status: LoadStatus) {
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = window().location().hash().unwrap_or_default();
        let Some(fragment) = url_state::parse(&hash).snapshot else { return };
        let open_now = data.loaded.with_untracked(|l| l.as_ref().and_then(|l| l.snapshot.clone()));
        let opening = OPENING.with(|o| o.borrow().clone());
        let busy = status.progress.with_untracked(Option::is_some);
        if open_now.as_deref() != Some(fragment.as_str()) && !(busy && opening.as_deref() == Some(fragment.as_str())) {
            open(fragment);
        }
    });
    on_cleanup(move || handle.remove());
}

/// Why a snapshot link could not be opened while other data stays on screen (without data
/// the landing page says it).
#[component]
pub fn SnapshotRefused() -> impl IntoView {
    let data = expect_context::<Data>();
    let status = expect_context::<LoadStatus>();
    move || {
        data.loaded.with(Option::is_some).then(|| {
            status
                .load_error
                .get()
                .map(|e| view! { <p class="url-error" role="alert" data-testid="worker-error">{e}</p> })
        })
    }
}

/// Copies `url` to the clipboard where the browser allows it; otherwise selects it in
/// `input` so that the user can copy it. Says which.
fn copy(url: String, input: NodeRef<leptos::html::Input>, message: RwSignal<Option<String>>) {
    let select = move || {
        if let Some(i) = input.get_untracked() {
            let _ = i.focus();
            i.select();
        }
    };
    // navigator.clipboard.writeText, looked up rather than bound: an older browser or an
    // insecure origin has none.
    let navigator = js_sys::Reflect::get(&window(), &"navigator".into()).unwrap_or_default();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok().filter(|c| c.is_object());
    let write = clipboard.as_ref().and_then(|c| {
        let f = js_sys::Reflect::get(c, &"writeText".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
        f.call1(c, &url.into()).ok()?.dyn_into::<js_sys::Promise>().ok()
    });
    let refused = move || {
        select();
        message.try_set(Some(
            "The browser did not allow copying: the link is selected below, press Ctrl+C (⌘C on a Mac) to copy it."
                .into(),
        ));
    };
    match write {
        None => refused(),
        Some(p) => leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(p).await {
                Ok(_) => {
                    select();
                    message.try_set(Some("Copied to the clipboard: paste it wherever you share the review.".into()));
                }
                Err(_) => refused(),
            }
        }),
    }
}

/// "Copy a snapshot link": makes the link of what is on screen (names pseudonymised unless
/// the user keeps them), shows it and copies it.
#[component]
pub fn SnapshotButton() -> impl IntoView {
    let data = expect_context::<Data>();
    let ui = expect_context::<Ui>();
    let open_panel = RwSignal::new(false);
    let names = RwSignal::new(false);
    let link = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let make = move || {
        link.set(String::new());
        message.set(Some("Making the link…".into()));
        worker_client::make_snapshot(data.params.get_untracked(), names.get_untracked(), move |made| match made {
            Ok(fragment) => {
                let href = window().location().href().unwrap_or_default();
                let base = href.split('#').next().unwrap_or_default().to_string();
                // The deck's choice of slides and its title travel with the numbers.
                let deck = crate::state::DeckLink {
                    slides: Some(ui.deck.slides.get_untracked()),
                    title: ui.deck.title.get_untracked(),
                };
                let url = format!("{base}#{}", url_state::render_snapshot(ui.view.get_untracked(), &deck, &fragment));
                link.try_set(url.clone());
                copy(url, input, message);
            }
            Err(why) => {
                message.try_set(Some(why));
            }
        });
    };
    view! {
        <div class="snapshot">
            <button
                class="theme"
                data-testid="snapshot-button"
                title="Copy a snapshot link: a link that opens these numbers, fixed, without the data"
                aria-label="Copy a snapshot link"
                aria-expanded=move || open_panel.get().to_string()
                on:click=move |_| {
                    open_panel.set(true);
                    make();
                }
            >
                // The header keeps to one row: narrower screens get the short label.
                <span class="label-long">"Copy a snapshot link"</span>
                <span class="label-short" aria-hidden="true">"Snapshot link"</span>
            </button>
            {move || open_panel.get().then(|| view! {
                <div class="snapshot-panel" role="dialog" aria-label="Snapshot link" data-testid="snapshot-panel">
                    <p>
                        "The link holds the numbers of this dashboard and its deck (aggregates only: no message, no message text), "
                        "inside the part of the address after #, which browsers never send to a server. Anyone with the link sees them."
                    </p>
                    <label class="switch">
                        <input type="checkbox" data-testid="snapshot-names" prop:checked=move || names.get()
                            on:change=move |ev| {
                                names.set(event_target_checked(&ev));
                                make();
                            } />
                        " Keep real names"
                    </label>
                    <p class="hint">
                        "Off: people appear as pseudonyms (“Person 0412”), whatever the filters show. "
                        "Keep names only when everyone who may get the link may see who is on the leaderboard."
                    </p>
                    <input type="text" readonly=true data-testid="snapshot-link" node_ref=input
                        aria-label="The snapshot link" prop:value=move || link.get() />
                    <div class="row">
                        <p role="status" data-testid="snapshot-status">
                            {move || message.get()}
                            {move || (!link.with(String::is_empty)).then(|| format!(" ({} characters)", link.with(String::len)))}
                        </p>
                        <button type="button" class="secondary" on:click=move |_| open_panel.set(false)>"Close"</button>
                    </div>
                </div>
            })}
        </div>
    }
}
