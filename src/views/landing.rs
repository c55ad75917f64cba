//! The landing page: what Clover does, and the ways in (files, a folder, an address, the
//! demo), with the 90-9-1 benchmark it compares organisations with.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::load::{load_demo, load_list, load_url};
use crate::state::LoadStatus;

/// What a first-time visitor sees: what Clover does, and the two ways in.
#[component]
pub fn Landing() -> impl IntoView {
    let status = expect_context::<LoadStatus>();
    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(list) = input.files() else { return };
        load_list(status, list);
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
            load_list(status, list);
        }
    };
    view! {
        <section class="landing">
            <h1>"How social is your organisation?"</h1>
            <p class="lead">
                "Drop the export of your collaboration tool (Slack, Microsoft Teams, Viva Engage, Mattermost, Discord or Clover JSON), or the activity reports its admins can download, and see the adoption funnel, your champions, and where you stand on the four leaves of the Clover model: leadership, governance, culture and technology."
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
                <button class="primary" data-testid="demo-button" on:click=move |_| load_demo()>
                    "Try the demo"
                </button>
            </div>
            <form class="url-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let url = url_text.get_untracked().trim().to_string();
                if !url.is_empty() {
                    load_url(status, url);
                }
            }>
                <label for="data-url">"Or load an export from a web address"</label>
                <div class="url-row">
                    <input id="data-url" data-testid="url-input" type="url" placeholder="https://example.org/anonymised-export.zip"
                        prop:value=move || url_text.get() on:input=move |ev| url_text.set(event_target_value(&ev)) />
                    <button class="secondary" type="submit" data-testid="url-button">"Load from URL"</button>
                </div>
                <p class="hint">"Only the address you type is fetched, straight into this page. Share the page's link and it loads the same file."</p>
                {move || status.url_error.get().map(|e| view! { <p class="url-error" role="alert" data-testid="url-error">{e}</p> })}
            </form>
            {move || status.load_error.get().map(|e| view! { <p class="url-error" role="alert" data-testid="worker-error">{e}</p> })}
            <section class="reports-howto" data-testid="reports-howto" aria-labelledby="reports-howto-title">
                <h2 id="reports-howto-title">"No export? The activity reports every admin has"</h2>
                <p class="hint">"They count what each person did over a period, reading included, so they show who reads, not only who posts. Drop them like an export; reports of successive periods make the journey."</p>
                <ul>
                    <li>
                        <strong>"Microsoft Teams and Viva Engage: "</strong>
                        "Microsoft 365 admin center › Reports › Usage › Microsoft Teams, or Viva Engage › User activity › choose a period (30, 90 or 180 days) › Export. Names are hidden by default: to show them, first clear Settings › Org settings › Services › Reports › “Display concealed user, group, and site names in all reports”."
                    </li>
                    <li>
                        <strong>"Slack: "</strong>
                        "Analytics › Members › Export, keeping the file’s name (it holds the period), and Analytics › Overview › Export for the weekly rhythm and public channels (owners and admins, paid plans)."
                    </li>
                    <li>"Add a roster (a CSV with email and department) for the workforce, departments and leaders."</li>
                </ul>
            </section>
            <figure class="benchmark">
                <figcaption class="bench-title">"The 90-9-1 rule of online communities"</figcaption>
                <div class="bench-bars" data-testid="benchmark">
                    {BENCHMARK.iter().map(|(label, share)| view! {
                        <div class="bench-row">
                            <span class="bench-label">{*label}</span>
                            <span class="bench-track"><span class=format!("bench-bar w{share}")></span></span>
                            <span class="bench-value">{format!("{share}\u{a0}%")}</span>
                        </div>
                    }).collect_view()}
                </div>
                <p class="hint">"90 % of people read, 9 % contribute a little, 1 % contribute most: Clover compares your organisation with it."</p>
            </figure>
        </section>
    }
}

/// The 90-9-1 participation benchmark (DOMAIN.md), shown before any data is loaded: plain
/// HTML, so that the first screen needs no chart library.
const BENCHMARK: [(&str, u32); 3] = [("Read only", 90), ("Contribute a little", 9), ("Contribute most", 1)];
