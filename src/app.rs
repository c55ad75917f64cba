//! The app shell: header, navigation between the six views, and the landing state that
//! invites the user to load an export or try the demo.

use std::sync::Arc;

use charming::component::{Axis, Grid, Title};
use charming::element::{AxisType, Label, LabelPosition};
use charming::series::Bar;
use charming::Chart;
use leptos::prelude::*;

use clover_core::analytics::{Analysis, Params};
use clover_core::stats::ImportSummary;
use wasm_bindgen::JsCast;

use crate::chart::EChart;
use crate::load::{file_list_blobs, TOO_BIG_FOR_A_TAB};
use crate::url_state;
use crate::views::{CloverView, DataView, Filters, FunnelView, LeaderboardView, OverviewView, TrendsView};
use crate::worker_client;

/// What is loaded, as the page sees it: the load summary and the names the filters offer.
/// The dataset itself stays in the analysis worker (src/worker_client.rs).
#[derive(Clone, Debug)]
pub struct Loaded {
    pub summary: ImportSummary,
    /// Department, location and space names in the data, sorted, for the filters.
    pub departments: Vec<String>,
    pub locations: Vec<String>,
    pub spaces: Vec<String>,
    /// The files' size as handed over, and the worker's memory once it holds the dataset.
    pub input_bytes: u64,
    pub heap_bytes: u64,
    /// Set for a Clover summary file: why its numbers are fixed (filters and editors are off).
    pub fixed: Option<String>,
}

/// How far a load has come: step `step` of `steps`, `done` of `total` (bytes when `bytes`).
#[derive(Clone, Debug, PartialEq)]
pub struct LoadProgress {
    pub step: u8,
    pub steps: u8,
    pub label: String,
    pub done: u64,
    pub total: u64,
    pub bytes: bool,
}

/// The app's shared state, provided as context to every view.
#[derive(Clone, Copy)]
pub struct AppState {
    pub view: RwSignal<View>,
    pub loaded: RwSignal<Option<Loaded>>,
    /// A sentence about what is happening outside the worker (a download), or None.
    pub busy: RwSignal<Option<String>>,
    /// The worker's progress through a load, or None when no load is running.
    pub progress: RwSignal<Option<LoadProgress>>,
    /// Why the last load failed as a whole (a file too big, the worker stopped).
    pub load_error: RwSignal<Option<String>>,
    /// Milliseconds from handing the files to the worker until the first analysis arrived
    /// (None until it has). Kept apart from `loaded`: setting that asks for an analysis.
    pub load_ms: RwSignal<Option<f64>>,
    /// Window, segment, weights, targets and privacy settings: every view's parameters.
    pub params: RwSignal<Params>,
    /// Every view's numbers for the loaded data and the latest parameters the worker
    /// answered (the worker recomputes them whenever `params` or `loaded` change).
    pub analysis: RwSignal<Option<Arc<Analysis>>>,
    /// Where the data came from when a link can bring it back (`demo`); None for dropped files.
    pub source: RwSignal<Option<String>>,
    /// Dark theme (starts from the system's preference).
    pub dark: RwSignal<bool>,
    /// Present mode: full screen, one view per slide, large type.
    pub presenting: RwSignal<bool>,
    /// Why the last "Load from URL" failed.
    pub url_error: RwSignal<Option<String>>,
}

impl AppState {
    /// True when a Clover summary file is open: its numbers cannot change, so the controls
    /// that would change them are not offered.
    pub fn is_fixed(&self) -> bool {
        self.loaded.with_untracked(|l| l.as_ref().is_some_and(|l| l.fixed.is_some()))
    }

    /// Opens the definitions on the Data view at a heading of docs/metrics.md.
    pub fn show_definitions(&self, anchor: &'static str) {
        self.view.set(View::Data);
        request_animation_frame(move || {
            let doc = document();
            let target = doc.get_element_by_id(anchor).or_else(|| doc.get_element_by_id("definitions"));
            if let Some(el) = target {
                el.scroll_into_view();
            }
        });
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Overview,
    Funnel,
    Leaderboard,
    Clover,
    Trends,
    Data,
}

impl View {
    pub const ALL: [View; 6] =
        [View::Overview, View::Funnel, View::Leaderboard, View::Clover, View::Trends, View::Data];

    pub fn id(self) -> &'static str {
        match self {
            View::Overview => "overview",
            View::Funnel => "funnel",
            View::Leaderboard => "leaderboard",
            View::Clover => "clover",
            View::Trends => "trends",
            View::Data => "data",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            View::Overview => "Overview",
            View::Funnel => "Funnel",
            View::Leaderboard => "Leaderboard",
            View::Clover => "Clover",
            View::Trends => "Trends",
            View::Data => "Data",
        }
    }

    pub fn from_id(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.id() == s)
    }
}

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
    let view = RwSignal::new(initial.view.unwrap_or(View::Overview));
    let loaded: RwSignal<Option<Loaded>> = RwSignal::new(None);
    let params = RwSignal::new(initial.params.clone());
    let source = RwSignal::new(None::<String>);
    let analysis = RwSignal::new(None::<Arc<Analysis>>);
    let prefers_dark = window().match_media("(prefers-color-scheme: dark)").ok().flatten().is_some_and(|m| m.matches());
    let dark = RwSignal::new(prefers_dark);
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", if dark.get() { "dark" } else { "light" });
        }
    });
    let presenting = RwSignal::new(false);
    let state = AppState {
        view,
        loaded,
        busy: RwSignal::new(None),
        progress: RwSignal::new(None),
        load_error: RwSignal::new(None),
        load_ms: RwSignal::new(None),
        params,
        analysis,
        source,
        dark,
        presenting,
        url_error: RwSignal::new(None),
    };
    worker_client::start(state);
    // Re-analysed (in the worker) whenever the data or a parameter changes; the import is
    // never redone.
    Effect::new(move |_| {
        params.track();
        if loaded.with(Option::is_some) {
            worker_client::analyze(state);
        }
    });
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-presenting", if presenting.get() { "true" } else { "false" });
        }
    });
    // Present mode's keys: arrows (and PageUp/PageDown, as presentation clickers send) move
    // between slides, Escape leaves.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !presenting.get_untracked() {
            return;
        }
        let i = View::ALL.iter().position(|v| *v == view.get_untracked()).unwrap_or(0);
        match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" | "PageDown" | " " => {
                ev.prevent_default();
                view.set(View::ALL[(i + 1).min(View::ALL.len() - 1)]);
            }
            "ArrowLeft" | "ArrowUp" | "PageUp" => {
                ev.prevent_default();
                view.set(View::ALL[i.saturating_sub(1)]);
            }
            "Escape" => stop_presenting(presenting),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    provide_context(state);
    Effect::new(move |_| {
        let hash = params.with(|p| url_state::render(view.get(), source.get().as_deref(), p));
        write_hash(&hash);
    });
    // A shared link opens its data (the demo, or an export's address) at the same view and
    // filters.
    match initial.data.as_deref() {
        Some("demo") => load_demo(state),
        Some(url) => load_url(state, url.to_string()),
        None => {}
    }

    view! {
        <header class="top">
            <a class="brand" href="#view=overview" on:click=move |_| view.set(View::Overview)>
                <CloverMark />
                <span>"Clover"</span>
            </a>
            <nav aria-label="Views">
                {View::ALL
                    .into_iter()
                    .map(|v| {
                        view! {
                            <button
                                class="nav"
                                data-view=v.id()
                                aria-current=move || (view.get() == v).then_some("page")
                                on:click=move |_| view.set(v)
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
            {move || state.loaded.with(Option::is_some).then(|| view! {
                <button class="theme" data-testid="present-button" title="Present: full screen, one view per slide; arrows move, Escape leaves" on:click=move |_| start_presenting(presenting)>
                    "Present"
                </button>
            })}
            <button
                class="theme"
                data-testid="theme-toggle"
                aria-pressed=move || dark.get().to_string()
                title="Switch between light and dark"
                on:click=move |_| dark.update(|d| *d = !*d)
            >
                {move || if dark.get() { "Light" } else { "Dark" }}
            </button>
        </header>
        <main id="main">
            {move || state.busy.get().map(|msg| view! { <p class="busy" role="status">{msg}</p> })}
            <LoadProgressBar />
            {move || (!presenting.get()).then(|| state.loaded.with(|l| l.as_ref().map(|l| match &l.fixed {
                None => view! { <Filters /> }.into_any(),
                Some(why) => view! { <p class="fixed-note" role="note" data-testid="summary-note">{why.clone()}</p> }.into_any(),
            })))}
            {move || presenting.get().then(|| view! { <SlideHeader /> })}
            {move || match (state.loaded.with(Option::is_some), view.get()) {
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

/// What a first-time visitor sees: what Clover does, and the two ways in.
#[component]
fn Landing() -> impl IntoView {
    let state = expect_context::<AppState>();
    let benchmark = Signal::derive(participation_benchmark_chart);
    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(list) = input.files() else { return };
        load_list(state, list);
    };
    let dragging = RwSignal::new(false);
    let url_text = RwSignal::new(String::new());
    // `webkitdirectory` (pick a whole folder) is not in Leptos' attribute list: set it by hand.
    let folder_input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = folder_input.get() {
            let _ = el.set_attribute("webkitdirectory", "");
        }
    });
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
            load_list(state, list);
        }
    };
    view! {
        <section class="landing">
            <h1>"How social is your organisation?"</h1>
            <p class="lead">
                "Drop the export of your collaboration tool (Slack, Microsoft Teams, Viva Engage, Mattermost, Discord or Clover JSON) and see the adoption funnel, your champions, and where you stand on the four leaves of the Clover model: leadership, governance, culture and technology."
            </p>
            <div class="actions">
                <label
                    class="drop"
                    class:dragging=move || dragging.get()
                    for="file-input"
                    on:dragover=move |ev: leptos::ev::DragEvent| {
                        ev.prevent_default();
                        dragging.set(true);
                    }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=on_drop
                >
                    <strong>"Load an export"</strong>
                    <span>"Drop files here or choose them: ZIP, JSON or CSV, several at once"</span>
                </label>
                <input
                    id="file-input"
                    data-testid="file-input"
                    type="file"
                    multiple
                    class="visually-hidden"
                    on:change=on_files
                />
                <label class="drop folder" for="folder-input">
                    <strong>"Load a folder"</strong>
                    <span>"An unzipped export, with its folders"</span>
                </label>
                <input
                    id="folder-input"
                    data-testid="folder-input"
                    type="file"
                    node_ref=folder_input
                    multiple
                    class="visually-hidden"
                    on:change=on_files
                />
                <button class="primary" data-testid="demo-button" on:click=move |_| load_demo(state)>
                    "Try the demo"
                </button>
            </div>
            <form class="url-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let url = url_text.get_untracked().trim().to_string();
                if !url.is_empty() {
                    load_url(state, url);
                }
            }>
                <label for="data-url">"Or load an export from a web address"</label>
                <div class="url-row">
                    <input id="data-url" data-testid="url-input" type="url" placeholder="https://example.org/anonymised-export.zip"
                        prop:value=move || url_text.get() on:input=move |ev| url_text.set(event_target_value(&ev)) />
                    <button class="secondary" type="submit" data-testid="url-button">"Load from URL"</button>
                </div>
                <p class="hint">"Only the address you type is fetched, straight into this page. Share the page's link and it loads the same file."</p>
                {move || state.url_error.get().map(|e| view! { <p class="url-error" role="alert" data-testid="url-error">{e}</p> })}
            </form>
            {move || state.load_error.get().map(|e| view! { <p class="url-error" role="alert" data-testid="worker-error">{e}</p> })}
            <figure class="benchmark">
                <EChart
                    id="chart-benchmark"
                    label="Participation inequality benchmark: 90 % read, 9 % contribute a little, 1 % contribute most".to_string()
                    chart=benchmark
                    height=300
                />
                <figcaption>
                    "The 90-9-1 rule of online communities: Clover compares your organisation with it."
                </figcaption>
            </figure>
        </section>
    }
}

/// The 90-9-1 participation benchmark (DOMAIN.md), shown before any data is loaded.
fn participation_benchmark_chart() -> Chart {
    Chart::new()
        .title(Title::new().text("The 90-9-1 rule").left("center"))
        .grid(Grid::new().left("18%").right("8%").top(50).bottom(30))
        .x_axis(Axis::new().type_(AxisType::Value).max(100))
        .y_axis(Axis::new().type_(AxisType::Category).data(vec!["Read only", "Contribute a little", "Contribute most"]))
        .series(
            Bar::new()
                .data(vec![90, 9, 1])
                .label(Label::new().show(true).position(LabelPosition::Right).formatter("{c} %")),
        )
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

/// Generates the demo organisation (clover-core's deterministic generator, in the worker)
/// and loads it exactly as if the user had dropped its Clover JSON export.
fn load_demo(state: AppState) {
    worker_client::load_demo(state);
}

/// Fetches an export by its address and imports it; failures are shown on the landing page.
pub fn load_url(state: AppState, url: String) {
    state.busy.set(Some(format!("Downloading {url}…")));
    state.url_error.set(None);
    leptos::task::spawn_local(async move {
        let result = crate::load::fetch_url(&url).await;
        state.busy.set(None);
        match result {
            Ok((name, blob)) => {
                worker_client::load(state, vec![name], js_sys::Array::of1(&blob), Vec::new(), Some(url))
            }
            Err(msg) => state.url_error.set(Some(msg)),
        }
    });
}

/// Hands a FileList (picker or drop) to the worker, unless it is too big for a tab: then
/// say so before trying, and point to the command-line tool.
fn load_list(state: AppState, list: web_sys::FileList) {
    let (names, blobs, total) = file_list_blobs(&list);
    if total > TOO_BIG_FOR_A_TAB {
        state.load_error.set(Some(format!(
            "{} is {} MB: more than a browser tab can analyse (about {} MB). The clover command-line tool reads exports of any size: \
             `clover analyze <export>`, or `clover summarize <export> --out summary.json` and open the summary here.",
            if names.len() == 1 { names[0].clone() } else { format!("These {} files together", names.len()) },
            total / 1_000_000,
            TOO_BIG_FOR_A_TAB / 1_000_000,
        )));
        return;
    }
    worker_client::load(state, names, blobs, Vec::new(), None);
}

/// The worker's progress through a load: step, what it is doing, and a bar.
#[component]
fn LoadProgressBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.progress.get().map(|p| {
            let pct = if p.total > 0 { (p.done as f64 / p.total as f64 * 100.0).clamp(0.0, 100.0) } else { 0.0 };
            let amount = if p.bytes && p.total > 0 {
                format!(" · {} of {}", crate::format::bytes(p.done), crate::format::bytes(p.total))
            } else {
                String::new()
            };
            let text = if p.step == 0 {
                p.label.clone()
            } else {
                format!("Step {} of {}: {}{amount}", p.step, p.steps, p.label)
            };
            view! {
                <div class="load-progress" data-testid="load-progress" role="status">
                    <p>{text.clone()}</p>
                    <progress max="100" value=format!("{pct:.0}") aria-label=text></progress>
                </div>
            }
        })
    }
}

fn start_presenting(presenting: RwSignal<bool>) {
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

/// A slide's title bar in present mode: the view's title, its headline, where we are.
#[component]
fn SlideHeader() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let v = state.view.get();
        let i = View::ALL.iter().position(|x| *x == v).unwrap_or(0);
        let headline = state.analysis.with(|a| {
            a.as_ref()
                .and_then(|a| {
                    a.insights.iter().find(|h| h.view == v.id()).or(a.insights.first()).map(|h| h.text.clone())
                })
                .unwrap_or_default()
        });
        view! {
            <div class="slide-header" data-testid="slide-header">
                <p class="slide-count">{format!("{} / {}", i + 1, View::ALL.len())}</p>
                <p class="slide-headline">{headline}</p>
                <button class="theme" on:click=move |_| stop_presenting(state.presenting)>"Leave (Esc)"</button>
            </div>
        }
    }
}
