//! The app shell: header, navigation between the six views, and the landing state that
//! invites the user to load an export or try the demo.

use charming::component::{Axis, Grid, Title};
use charming::element::{AxisType, Label, LabelPosition};
use charming::series::Bar;
use charming::Chart;
use leptos::prelude::*;

use crate::chart::EChart;

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
    pub const ALL: [View; 6] = [View::Overview, View::Funnel, View::Leaderboard, View::Clover, View::Trends, View::Data];

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

/// The view named in the URL hash (`#view=funnel`), so links reproduce the screen.
fn view_from_hash() -> View {
    let hash = window().location().hash().unwrap_or_default();
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|kv| kv.strip_prefix("view="))
        .and_then(View::from_id)
        .unwrap_or(View::Overview)
}

fn set_hash_view(v: View) {
    let _ = window().location().set_hash(&format!("view={}", v.id()));
}

#[component]
pub fn App() -> impl IntoView {
    let view = RwSignal::new(view_from_hash());
    Effect::new(move |_| set_hash_view(view.get()));

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
        </header>
        <main id="main">
            <Landing />
        </main>
    }
}

/// What a first-time visitor sees: what Clover does, and the two ways in.
#[component]
fn Landing() -> impl IntoView {
    let benchmark = Signal::derive(participation_benchmark_chart);
    view! {
        <section class="landing">
            <h1>"How social is your organisation?"</h1>
            <p class="lead">
                "Drop the export of your collaboration tool (Slack, Microsoft Teams, Viva Engage, Mattermost, Discord or Clover JSON) and see the adoption funnel, your champions, and where you stand on the four leaves of the Clover model: leadership, governance, culture and technology."
            </p>
            <div class="actions">
                <label class="drop" for="file-input">
                    <strong>"Load an export"</strong>
                    <span>"ZIP or JSON files, several at once"</span>
                </label>
                <input id="file-input" data-testid="file-input" type="file" multiple class="visually-hidden" />
                <button class="primary" data-testid="demo-button">"Try the demo"</button>
            </div>
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
