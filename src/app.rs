//! The app shell: creates the page's state (src/state.rs) and provides it, starts the
//! analysis worker, keeps the URL in step with the screen, and lays out the header,
//! navigation and the view shown. Only `main.rs` imports it.

use leptos::prelude::*;

use crate::load::{load_demo, load_url};
use crate::state::{self, View};
use crate::url_state;
use crate::views::snapshot::{self, SnapshotButton, SnapshotRefused};
use crate::views::{
    start_presenting, CloverView, DataView, DeckView, Filters, FunnelView, Landing, LeaderboardView, LoadProgressBar,
    OverviewView, TrendsView,
};
use crate::worker_client;

/// Writes the screen's state into the URL hash (only when it changed), so that the address
/// bar always holds a link that reproduces the screen.
fn write_hash(hash: &str) {
    let loc = window().location();
    if loc.hash().unwrap_or_default().trim_start_matches('#') != hash {
        let _ = loc.set_hash(hash);
    }
}

#[component]
pub fn App() -> impl IntoView {
    let initial = url_state::parse(&window().location().hash().unwrap_or_default());
    let prefers_dark = window().match_media("(prefers-color-scheme: dark)").ok().flatten().is_some_and(|m| m.matches());
    let (data, status, ui, results) =
        state::new(initial.view.unwrap_or(View::Overview), initial.params.clone(), &initial.deck, prefers_dark);
    provide_context(data);
    provide_context(status);
    provide_context(ui);
    // What the worker is asked for: the parameters, plus the journey and the segments when a
    // screen shows them (they cost several analyses, so other views do not wait for them).
    let asked = Memo::new(move |_| {
        let mut p = data.params.get();
        if ui.view.get() == View::Clover || ui.presenting.get() {
            p.journey = Some(ui.journey_by.get());
            p.segments = true;
        }
        // The deck shows pseudonyms unless the presenter turns names on.
        if ui.presenting.get() && !ui.deck.names.get() {
            p.pseudonymise = true;
        }
        p
    });
    worker_client::init(state::Results { params: asked.into(), ..results });
    // The worker's files load once the first screen is up (or at the first request, if
    // that comes sooner): the landing page needs none of them.
    set_timeout(worker_client::warm_up, std::time::Duration::from_millis(1500));

    // Re-analysed (in the worker) whenever the data or what is asked for changes; the import
    // is never redone.
    Effect::new(move |_| {
        let params = asked.get();
        if data.loaded.with(Option::is_some) {
            worker_client::analyze(params);
        }
    });
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", if ui.dark.get() { "dark" } else { "light" });
            let _ = root.set_attribute("data-presenting", if ui.presenting.get() { "true" } else { "false" });
        }
    });
    crate::views::listen_for_keys(ui);
    snapshot::listen_for_links(data, status);
    // While a snapshot is open (or opening), the address keeps it, so that a reload opens it.
    let opening = initial.snapshot.clone();
    Effect::new(move |_| {
        let deck = state::DeckLink { slides: Some(ui.deck.slides.get()), title: ui.deck.title.get() };
        let snap = data.loaded.with(|l| l.as_ref().map_or(opening.clone(), |l| l.snapshot.clone()));
        let hash = match snap {
            Some(f) => url_state::render_snapshot(ui.view.get(), &deck, &f),
            None => data.params.with(|p| url_state::render(ui.view.get(), data.source().as_deref(), p, &deck)),
        };
        write_hash(&hash);
    });
    // A shared link opens its data (a snapshot, the demo, or an export's address) at the same
    // view and filters.
    match (initial.snapshot, initial.data.as_deref()) {
        (Some(fragment), _) => snapshot::open(fragment),
        (None, Some("demo")) => load_demo(),
        (None, Some(url)) => load_url(status, url.to_string()),
        (None, None) => {}
    }

    let view = ui.view;
    let presenting = ui.presenting;
    let dark = ui.dark;
    // The phone's menu (narrow screens: style/main.css): one disclosure holding the views,
    // Present, the snapshot link and the theme. On wider screens it is not a menu at all: its
    // contents sit in the header's row. Escape, a tap outside and a choice of view close it.
    let menu = RwSignal::new(false);
    let menu_button = NodeRef::<leptos::html::Button>::new();
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && menu.get_untracked() && !presenting.get_untracked() {
            menu.set(false);
            if let Some(b) = menu_button.get_untracked() {
                let _ = b.focus();
            }
        }
    });
    let taps = window_event_listener(leptos::ev::click, move |ev| {
        use wasm_bindgen::JsCast;
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.closest("header.top").ok().flatten().is_some());
        if menu.get_untracked() && !inside {
            menu.set(false);
        }
    });
    on_cleanup(move || {
        keys.remove();
        taps.remove();
    });
    // What the menu button says: the view on screen (the landing page has none).
    let current = move || if data.loaded.with(Option::is_some) { view.get().title() } else { "Menu" };
    view! {
        <header class="top" class:menu-open=move || menu.get()>
            <a class="brand" href="#view=overview" on:click=move |_| view.set(View::Overview)>
                <CloverMark />
                <span>"Clover"</span>
            </a>
            <p class="privacy-badge" title="Clover parses and analyses your files inside this browser tab: your data never leaves this page.">
                <LockMark />
                <span aria-hidden="true">"Private"</span>
                <span class="visually-hidden">"Private: your data never leaves this page."</span>
            </p>
            <button
                class="menu-button"
                data-testid="menu-button"
                node_ref=menu_button
                aria-expanded=move || menu.get().to_string()
                aria-controls="menu"
                on:click=move |_| menu.update(|m| *m = !*m)
            >
                <MenuMark />
                <span class="visually-hidden">"Menu: "</span>
                <span class="menu-current">{current}</span>
            </button>
            <div class="menu" id="menu">
                <nav aria-label="Views">
                    {View::ALL
                        .into_iter()
                        .map(|v| {
                            view! {
                                <button
                                    class="nav"
                                    data-view=v.id()
                                    aria-current=move || (view.get() == v).then_some("page")
                                    on:click=move |_| {
                                        view.set(v);
                                        menu.set(false);
                                    }
                                >
                                    {v.title()}
                                </button>
                            }
                        })
                        .collect_view()}
                </nav>
                <p class="privacy" title="Clover parses and analyses your files inside this browser tab.">
                    "Your data never leaves this page."
                </p>
                {move || data.loaded.with(Option::is_some).then(|| view! {
                    <button
                        class="theme"
                        data-testid="present-button"
                        title="Present: the leadership deck, full screen; arrows move, Escape leaves"
                        on:click=move |_| {
                            menu.set(false);
                            ui.deck.current.set(0);
                            start_presenting(presenting)
                        }
                    >
                        "Present"
                    </button>
                })}
                {move || data.loaded.with(|l| l.as_ref().is_some_and(|l| l.fixed.is_none())).then(|| view! { <SnapshotButton /> })}
                <button
                    class="theme"
                    data-testid="theme-toggle"
                    aria-pressed=move || dark.get().to_string()
                    title="Switch between light and dark"
                    on:click=move |_| dark.update(|d| *d = !*d)
                >
                    {move || if dark.get() { "Light" } else { "Dark" }}
                </button>
            </div>
        </header>
        <main id="main">
            {move || status.busy.get().map(|msg| view! { <p class="busy" role="status">{msg}</p> })}
            <LoadProgressBar />
            <SnapshotRefused />
            {move || (!presenting.get()).then(|| data.loaded.with(|l| l.as_ref().map(|l| match &l.fixed {
                None => view! { <Filters /> }.into_any(),
                // On a phone the note folds under one line, so that the numbers come first.
                Some(why) => view! {
                    <p class="fixed-note" role="note" data-testid="summary-note">{why.clone()}</p>
                    <details class="fixed-note-phone" data-testid="summary-note-phone">
                        <summary>"Fixed numbers: what this is"</summary>
                        <p>{why.clone()}</p>
                    </details>
                }.into_any(),
            })))}
            {move || match (data.loaded.with(Option::is_some), view.get()) {
                (true, _) if presenting.get() => view! { <DeckView /> }.into_any(),
                (true, View::Overview) => view! { <OverviewView /> }.into_any(),
                (true, View::Funnel) => view! { <FunnelView /> }.into_any(),
                (true, View::Leaderboard) => view! { <LeaderboardView /> }.into_any(),
                (true, View::Clover) => view! { <CloverView /> }.into_any(),
                (true, View::Trends) => view! { <TrendsView /> }.into_any(),
                (true, View::Data) => view! { <DataView /> }.into_any(),
                (false, _) => view! { <Landing /> }.into_any(),
            }}
        </main>
    }
}

/// A padlock beside the phone's privacy badge.
#[component]
fn LockMark() -> impl IntoView {
    view! {
        <svg class="lock" viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
            <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
            <rect x="3" y="7" width="10" height="7.5" rx="1.5" fill="currentColor" />
        </svg>
    }
}

/// The three bars of a menu button.
#[component]
fn MenuMark() -> impl IntoView {
    view! {
        <svg class="bars" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
            <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
    }
}

/// The four-leaf mark, drawn inline so it needs no request and follows the theme.
#[component]
fn CloverMark() -> impl IntoView {
    view! {
        <svg class="mark" viewBox="0 0 64 64" width="28" height="28" aria-hidden="true">
            <circle cx="22" cy="22" r="13" />
            <circle cx="42" cy="22" r="13" />
            <circle cx="22" cy="42" r="13" />
            <circle cx="42" cy="42" r="13" />
        </svg>
    }
}
