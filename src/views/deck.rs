//! The leadership deck (present mode): one 16:9 slide per message, each titled with the
//! sentence the core wrote for it (`Analysis::slides`) and a visual that supports it. Slides
//! are laid out on a 1920×1080 stage scaled to fit the window, so nothing ever scrolls; every
//! slide is in the page (the one on screen is `.current`), so that printing gives one page
//! per slide and exports see every chart. Keys: arrows, Page Up/Down and Space move,
//! Home/End jump, N shows the speaker notes, Escape leaves.

use std::sync::Arc;

use charming::component::{Axis, Grid};
use charming::element::{AxisLabel, AxisType, Label, LabelPosition};
use charming::series::Bar;
use charming::Chart;
use clover_app::protocol::Loaded;
use clover_core::analytics::{Analysis, DataKind, LeafName, Metric, SlideKind, Stage, Status};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::change::ChangeLine;
use super::deck_export::{DEPARTMENTS_CHART, FUNNEL_CHART, JOURNEY_CHART, PERSONAS_CHART};
use super::labels::{baseline_label, persona_label, stage_label};
use super::pictures::{funnel_chart, heatmap, journey_chart, CloverPicture};
use crate::chart::EChart;
use crate::state::{Data, Deck, Ui};
use clover_core::words::{count as int, keep_together, pct_or_dash as pct, score};

/// The stage's size: slides are designed at 1080p and scaled to the window.
pub const STAGE_W: f64 = 1920.0;
pub const STAGE_H: f64 = 1080.0;

/// Chart text on slides (design pixels: 26 px at 1080p, 17 px at 720p).
const CHART_FONT: f64 = 26.0;

/// The stage's scale for a window of `w`×`h` pixels, with `reserved` pixels of height kept
/// for the toolbar and the notes.
fn fit(w: f64, h: f64, reserved: f64) -> f64 {
    ((w / STAGE_W).min((h - reserved).max(1.0) / STAGE_H)).max(0.05)
}

fn slide_title(a: &Analysis, k: SlideKind) -> String {
    a.slides.iter().find(|s| s.kind == k).map(|s| s.title.clone()).unwrap_or_else(|| k.topic().to_string())
}

fn slide_notes(a: &Analysis, k: SlideKind) -> Vec<String> {
    a.slides.iter().find(|s| s.kind == k).map(|s| s.notes.clone()).unwrap_or_default()
}

/// Moves through the deck with the keys presenters and clickers use.
pub fn listen_for_keys(ui: Ui) {
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !ui.presenting.get_untracked() {
            return;
        }
        // Typing the title is typing, not moving.
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if typing && ev.key() != "Escape" {
            return;
        }
        let deck = ui.deck;
        let n = deck.slides.with_untracked(Vec::len);
        let i = deck.current.get_untracked().min(n.saturating_sub(1));
        let go = |to: usize| deck.current.set(to.min(n.saturating_sub(1)));
        match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" | "PageDown" | " " => {
                ev.prevent_default();
                go(i + 1);
            }
            "ArrowLeft" | "ArrowUp" | "PageUp" => {
                ev.prevent_default();
                go(i.saturating_sub(1));
            }
            "Home" => {
                ev.prevent_default();
                go(0);
            }
            "End" => {
                ev.prevent_default();
                go(n.saturating_sub(1));
            }
            "n" | "N" => deck.notes.update(|x| *x = !*x),
            "Escape" => super::present::stop_presenting(ui.presenting),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
}

/// How the deck is laid out: as on a desktop or a projector (the toolbar above the slide),
/// or on a phone, held upright (the slide at full width, its words below it at reading size,
/// the controls at the bottom under the thumb) or turned (the slide as large as the height
/// allows, the controls in a rail at the right edge).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    Desktop,
    Portrait,
    Landscape,
}

impl Layout {
    /// A phone: its shorter side under 600 px (tablets and desktop windows are larger).
    fn of(w: f64, h: f64) -> Layout {
        match (w.min(h) < 600.0, h > w) {
            (false, _) => Layout::Desktop,
            (true, true) => Layout::Portrait,
            (true, false) => Layout::Landscape,
        }
    }

    fn id(self) -> &'static str {
        match self {
            Layout::Desktop => "desktop",
            Layout::Portrait => "portrait",
            Layout::Landscape => "landscape",
        }
    }
}

/// The phone's controls: a bar at the bottom (upright) or a rail at the right (turned).
const PHONE_BAR: f64 = 64.0;
const PHONE_RAIL: f64 = 76.0;
/// Upright, the slide's words below it get at least this much height.
const READING_MIN: f64 = 160.0;

/// The deck, over the whole window.
#[component]
pub fn DeckView() -> impl IntoView {
    let data = expect_context::<Data>();
    let ui = expect_context::<Ui>();
    let deck = ui.deck;
    // The window's size, followed on resize (the stage is scaled to it).
    let size = RwSignal::new((window_width(), window_height()));
    let resize = window_event_listener(leptos::ev::resize, move |_| size.set((window_width(), window_height())));
    on_cleanup(move || resize.remove());
    let layout = Memo::new(move |_| {
        let (w, h) = size.get();
        Layout::of(w, h)
    });
    // The width the slide may take, and its scale.
    let room = move || {
        let (w, h) = size.get();
        match layout.get() {
            Layout::Desktop => {
                let notes = if deck.notes.get() { (h * 0.22).max(120.0) } else { 0.0 };
                (w, fit(w, h, 56.0 + notes))
            }
            Layout::Portrait => (w, fit(w, h, PHONE_BAR + READING_MIN)),
            Layout::Landscape => {
                let notes = if deck.notes.get() { (h * 0.3).max(100.0) } else { 0.0 };
                (w - PHONE_RAIL, fit(w - PHONE_RAIL, h, notes))
            }
        }
    };
    let stage_style = move || {
        let (w, s) = room();
        format!("transform: scale({s:.5}); left: {:.1}px", ((w - STAGE_W * s) / 2.0).max(0.0))
    };
    let stage_box = move || {
        let (_, s) = room();
        format!("height: {:.1}px", STAGE_H * s)
    };
    let count = move || {
        let n = deck.slides.with(Vec::len);
        format!("{} / {n}", deck.current.get().min(n.saturating_sub(1)) + 1)
    };
    // A swipe to the left shows the next slide, to the right the one before: a mostly
    // sideways move of at least 48 px with one finger, not begun on a control or in a field
    // being edited (the title slide's title is a field: a swipe across it still moves).
    let swipe_from = StoredValue::new(None::<(f64, f64)>);
    let on_touch_start = move |ev: leptos::ev::TouchEvent| {
        let touches = ev.touches();
        let editing = document().active_element();
        let on_control = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| {
            e.closest(".deck-toolbar, .deck-more, .slide-list").ok().flatten().is_some() || editing.as_ref() == Some(&e)
        });
        let start = match touches.get(0) {
            Some(t) if touches.length() == 1 && !on_control => Some((f64::from(t.client_x()), f64::from(t.client_y()))),
            _ => None,
        };
        swipe_from.set_value(start);
    };
    let on_touch_end = move |ev: leptos::ev::TouchEvent| {
        let Some((x0, y0)) = swipe_from.get_value() else { return };
        swipe_from.set_value(None);
        let Some(t) = ev.changed_touches().get(0) else { return };
        let (dx, dy) = (f64::from(t.client_x()) - x0, f64::from(t.client_y()) - y0);
        if dx.abs() >= 48.0 && dx.abs() > 1.5 * dy.abs() {
            let n = deck.slides.with_untracked(Vec::len);
            deck.current
                .update(|c| *c = if dx < 0.0 { (*c + 1).min(n.saturating_sub(1)) } else { c.saturating_sub(1) });
        }
    };
    view! {
        <div
            class="deck"
            data-testid="deck"
            data-layout=move || layout.get().id()
            role="region"
            aria-label="Presentation"
            aria-roledescription="slide deck"
            on:touchstart=on_touch_start
            on:touchend=on_touch_end
            on:touchcancel=move |_| swipe_from.set_value(None)
        >
            {move || match layout.get() {
                Layout::Desktop => view! { <DeckToolbar count=Signal::derive(count) /> }.into_any(),
                phone => view! { <PhoneToolbar count=Signal::derive(count) turned=phone == Layout::Landscape /> }.into_any(),
            }}
            {move || deck.organising.get().then(|| view! { <SlideList /> })}
            <div class="deck-stage-box" style=stage_box>
                <div class="deck-stage" style=stage_style>
                    {move || {
                        let Some(a) = data.analysis.get() else {
                            return view! { <p class="deck-wait">"Preparing the slides…"</p> }.into_any();
                        };
                        let loaded = data.loaded.get();
                        let current = deck.current.get();
                        deck.slides
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, k)| view! { <SlideFrame kind=k index=i current=i == current analysis=a.clone() loaded=loaded.clone() /> })
                            .collect_view()
                            .into_any()
                    }}
                </div>
            </div>
            // Upright on a phone the slide is small: its message and numbers are always below
            // it, at reading size.
            {move || match layout.get() {
                Layout::Portrait => Some(view! { <Notes with_title=true /> }),
                _ => deck.notes.get().then(|| view! { <Notes with_title=false /> }),
            }}
        </div>
    }
}

fn window_width() -> f64 {
    window().inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(1280.0)
}

fn window_height() -> f64 {
    window().inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(720.0)
}

#[component]
fn DeckToolbar(count: Signal<String>) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let deck = ui.deck;
    let n = move || deck.slides.with(Vec::len);
    view! {
        <div class="deck-toolbar" role="toolbar" aria-label="Slides">
            <button class="theme" aria-label="Previous slide" on:click=move |_| deck.current.update(|c| *c = c.saturating_sub(1))>"‹"</button>
            <span class="slide-count" data-testid="slide-count" aria-live="polite">{count}</span>
            <button class="theme" aria-label="Next slide" on:click=move |_| deck.current.update(|c| *c = (*c + 1).min(n().saturating_sub(1)))>"›"</button>
            <button class="theme" data-testid="deck-slides" aria-pressed=move || deck.organising.get().to_string() on:click=move |_| deck.organising.update(|x| *x = !*x)>"Slides"</button>
            <button class="theme" data-testid="deck-notes" aria-pressed=move || deck.notes.get().to_string() title="Speaker notes (N)" on:click=move |_| deck.notes.update(|x| *x = !*x)>"Notes"</button>
            // A summary or a snapshot carries its names as they were made: nothing to switch.
            {(!expect_context::<Data>().is_fixed()).then(|| view! {
                <label class="switch deck-names" title="Names are pseudonymised on slides unless you turn them on">
                    <input type="checkbox" data-testid="deck-names" prop:checked=move || deck.names.get() on:change=move |ev| deck.names.set(event_target_checked(&ev)) />
                    " Real names"
                </label>
            })}
            <span class="deck-spacer"></span>
            <button class="theme" data-testid="export-pptx" on:click=move |_| super::deck_export::download_pptx(ui)>"PowerPoint (.pptx)"</button>
            <button class="theme" data-testid="export-png" on:click=move |_| super::deck_export::download_png(ui)>"PNG of this slide"</button>
            <button class="theme" data-testid="export-pdf" title="Print the deck: one slide per page (choose Save as PDF)" on:click=move |_| { let _ = window().print(); }>"PDF"</button>
            <button class="theme" data-testid="leave-deck" on:click=move |_| super::present::stop_presenting(ui.presenting)>"Leave (Esc)"</button>
        </div>
    }
}

/// The deck's controls on a phone, each at least 44 px square: leave, the slide before, where
/// we are, the next slide, and "More" (the slide list, notes when turned, real names and the
/// take-aways).
#[component]
fn PhoneToolbar(count: Signal<String>, turned: bool) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let deck = ui.deck;
    let n = move || deck.slides.with(Vec::len);
    let more = RwSignal::new(false);
    let fixed = expect_context::<Data>().is_fixed();
    view! {
        <div class="deck-toolbar phone" role="toolbar" aria-label="Slides">
            <button class="deck-button" data-testid="leave-deck" on:click=move |_| super::present::stop_presenting(ui.presenting)>
                <span class="icon" aria-hidden="true">"✕"</span>
                <span class="word">"Leave"</span>
            </button>
            <button class="deck-button step" aria-label="Previous slide" on:click=move |_| deck.current.update(|c| *c = c.saturating_sub(1))>
                <span aria-hidden="true">"‹"</span>
            </button>
            <span class="slide-count" data-testid="slide-count" aria-live="polite">{count}</span>
            <button class="deck-button step" aria-label="Next slide" on:click=move |_| deck.current.update(|c| *c = (*c + 1).min(n().saturating_sub(1)))>
                <span aria-hidden="true">"›"</span>
            </button>
            <button class="deck-button" data-testid="deck-more" aria-expanded=move || more.get().to_string() aria-controls="deck-more" on:click=move |_| more.update(|m| *m = !*m)>
                <span class="icon" aria-hidden="true">"⋯"</span>
                <span class="word">"More"</span>
            </button>
        </div>
        {move || more.get().then(|| view! {
            <div class="deck-more" id="deck-more" role="group" aria-label="More">
                <button class="theme" data-testid="deck-slides" aria-pressed=move || deck.organising.get().to_string()
                    on:click=move |_| { deck.organising.update(|x| *x = !*x); more.set(false); }>"Choose slides"</button>
                {turned.then(|| view! {
                    <button class="theme" data-testid="deck-notes" aria-pressed=move || deck.notes.get().to_string()
                        on:click=move |_| { deck.notes.update(|x| *x = !*x); more.set(false); }>"Speaker notes"</button>
                })}
                {(!fixed).then(|| view! {
                    <label class="switch deck-names">
                        <input type="checkbox" data-testid="deck-names" prop:checked=move || deck.names.get() on:change=move |ev| deck.names.set(event_target_checked(&ev)) />
                        " Real names"
                    </label>
                })}
                <button class="theme" data-testid="export-pptx" on:click=move |_| { more.set(false); super::deck_export::download_pptx(ui) }>"PowerPoint (.pptx)"</button>
                <button class="theme" data-testid="export-png" on:click=move |_| { more.set(false); super::deck_export::download_png(ui) }>"PNG of this slide"</button>
                <button class="theme" data-testid="export-pdf" on:click=move |_| { more.set(false); let _ = window().print(); }>"PDF"</button>
            </div>
        })}
    }
}

/// Hide, show and reorder slides; the choice lives in the link.
#[component]
fn SlideList() -> impl IntoView {
    let deck = expect_context::<Ui>().deck;
    let toggle = move |k: SlideKind, on: bool| {
        deck.slides.update(|s| {
            if on && !s.contains(&k) {
                // Back where it belongs in the default order, among those shown.
                let at = s
                    .iter()
                    .position(|x| {
                        SlideKind::ALL.iter().position(|y| y == x) > SlideKind::ALL.iter().position(|y| *y == k)
                    })
                    .unwrap_or(s.len());
                s.insert(at, k);
            } else if !on && s.len() > 1 {
                s.retain(|x| *x != k);
            }
        });
        deck.current.update(|c| *c = (*c).min(deck.slides.with_untracked(Vec::len).saturating_sub(1)));
    };
    let shift = move |k: SlideKind, up: bool| {
        deck.slides.update(|s| {
            if let Some(i) = s.iter().position(|x| *x == k) {
                let j = if up { i.checked_sub(1) } else { (i + 1 < s.len()).then_some(i + 1) };
                if let Some(j) = j {
                    s.swap(i, j);
                }
            }
        });
    };
    view! {
        <div class="slide-list" data-testid="slide-list">
            <p class="hint">"Tick the slides to show; move them up or down. The link remembers the choice."</p>
            <ol>
                {move || {
                    let shown = deck.slides.get();
                    let mut all: Vec<SlideKind> = shown.clone();
                    all.extend(SlideKind::ALL.into_iter().filter(|k| !shown.contains(k)));
                    all.into_iter().map(|k| {
                        let on = shown.contains(&k);
                        view! {
                            <li data-slide=k.id()>
                                <label class="switch">
                                    <input type="checkbox" prop:checked=on on:change=move |ev| toggle(k, event_target_checked(&ev)) />
                                    " " {k.topic()}
                                </label>
                                <button class="theme" aria-label=format!("Move {} up", k.topic()) disabled=!on on:click=move |_| shift(k, true)>"↑"</button>
                                <button class="theme" aria-label=format!("Move {} down", k.topic()) disabled=!on on:click=move |_| shift(k, false)>"↓"</button>
                            </li>
                        }
                    }).collect_view()
                }}
            </ol>
        </div>
    }
}

/// The speaker notes of the slide on screen: the numbers behind its message; `with_title`
/// puts the message itself above them (a phone held upright, where the slide is small).
#[component]
fn Notes(with_title: bool) -> impl IntoView {
    let data = expect_context::<Data>();
    let deck = expect_context::<Ui>().deck;
    move || {
        let k = deck.slides.with(|s| s.get(deck.current.get()).copied());
        let (title, notes) = data.analysis.with(|a| match (a, k) {
            (Some(a), Some(k)) => (with_title.then(|| slide_title(a, k)), slide_notes(a, k)),
            _ => (None, Vec::new()),
        });
        view! {
            <aside class="deck-notes" class:reading=with_title data-testid="speaker-notes" aria-label="Speaker notes">
                {title.map(|t| view! { <p class="reading-title" data-testid="reading-title">{keep_together(&t)}</p> })}
                <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </aside>
        }
    }
}

/// One slide on the stage: its title and the visual for its kind.
#[component]
fn SlideFrame(
    kind: SlideKind,
    index: usize,
    current: bool,
    analysis: Arc<Analysis>,
    loaded: Option<Loaded>,
) -> impl IntoView {
    let a = analysis;
    let title = slide_title(&a, kind);
    let body = match kind {
        SlideKind::Title => view! { <TitleSlide analysis=a.clone() loaded=loaded /> }.into_any(),
        SlideKind::Headlines => view! { <HeadlinesSlide analysis=a.clone() /> }.into_any(),
        SlideKind::Funnel => view! { <FunnelSlide analysis=a.clone() /> }.into_any(),
        SlideKind::Clover => view! { <CloverSlide analysis=a.clone() /> }.into_any(),
        SlideKind::Journey => view! { <JourneySlide analysis=a.clone() /> }.into_any(),
        SlideKind::Leaders => view! { <LeadersSlide analysis=a.clone() /> }.into_any(),
        SlideKind::Champions => view! { <ChampionsSlide analysis=a.clone() /> }.into_any(),
        SlideKind::Departments => view! { <DepartmentsSlide analysis=a.clone() /> }.into_any(),
        SlideKind::NextSteps => view! { <NextStepsSlide analysis=a.clone() /> }.into_any(),
        SlideKind::Limits => view! { <LimitsSlide analysis=a.clone() /> }.into_any(),
        SlideKind::Definitions => view! { <DefinitionsSlide reports=a.data == DataKind::Reports /> }.into_any(),
    };
    view! {
        <section
            class=format!("slide slide-kind-{}{}", kind.id(), if current { " current" } else { "" })
            data-testid=if current { "slide" } else { "slide-offstage" }
            data-index=index.to_string()
            data-kind=kind.id()
            aria-hidden=(!current).to_string()
        >
            {(kind != SlideKind::Title).then(|| view! { <h2 class="slide-title" data-testid="slide-title">{keep_together(&title)}</h2> })}
            <div class="slide-body">{body}</div>
            <footer class="slide-footer">
                <span>{clover_core::words::capitalise(a.window.label.as_deref().unwrap_or_default())}</span>
                <span>{format!("{}", index + 1)}</span>
            </footer>
        </section>
    }
}

#[component]
fn TitleSlide(analysis: Arc<Analysis>, loaded: Option<Loaded>) -> impl IntoView {
    let deck: Deck = expect_context::<Ui>().deck;
    let a = analysis;
    let subtitle = slide_title(&a, SlideKind::Title);
    let source = loaded.map(|l| {
        let s = &l.summary;
        // Activity reports are not an export: they are named as reports, beside one or alone.
        let names: Vec<&str> = s
            .formats
            .iter()
            .filter(|f| f.as_str() != "roster" && f.as_str() != "reports")
            .map(|f| clover_core::model::Format::from_id(f).map_or(f.as_str(), |f| f.label()))
            .collect();
        let range = match (&s.first, &s.last) {
            (Some(f), Some(t)) => format!(", {} to {}", &f[..10.min(f.len())], &t[..10.min(t.len())]),
            _ => String::new(),
        };
        let reports = s.reports.len() as u64;
        let read = clover_core::words::plural(reports, "activity report", "activity reports");
        if names.is_empty() && reports > 0 {
            return format!("Data: {read} of {} people{range}.", int(s.people));
        }
        let formats = if names.is_empty() { "Clover JSON".to_string() } else { names.join(" and ") };
        let beside = if reports > 0 { format!(", with {read}") } else { String::new() };
        format!(
            "Data: a {formats} export of {} people and {} posts and replies{range}{beside}.",
            int(s.people),
            int(s.posts + s.replies)
        )
    });
    let window = match (&a.window.from, &a.window.to) {
        (Some(f), Some(t)) => format!("Window: {f} to {t}."),
        _ => String::new(),
    };
    // Only a baseline with data is named: "compared with" a period without data is no comparison.
    let compared = a.baseline.as_ref().filter(|b| b.note.is_none()).map(|b| {
        format!(
            "Compared with {} ({} to {}).",
            b.window.label.clone().unwrap_or_default(),
            b.window.from.clone().unwrap_or_default(),
            b.window.to.clone().unwrap_or_default()
        )
    });
    view! {
        <div class="title-slide">
            <label class="visually-hidden" for="deck-title">"Title of the deck"</label>
            <textarea
                id="deck-title"
                class="deck-title-input"
                data-testid="deck-title"
                rows="2"
                maxlength="120"
                prop:value=move || deck.title.get().unwrap_or_else(|| "Leadership review: our social enterprise".into())
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    deck.title.set((!v.trim().is_empty()).then(|| v.trim().chars().take(120).collect()));
                }
            ></textarea>
            <p class="title-sub" data-testid="slide-title">{keep_together(&subtitle)}</p>
            {source.map(|s| view! { <p class="title-meta">{s}</p> })}
            <p class="title-meta">{window}" "{compared}</p>
            {a.window.partial.clone().map(|p| view! { <p class="title-meta partial">{format!("Partial period: {p}.")}</p> })}
        </div>
    }
}

#[component]
fn HeadlinesSlide(analysis: Arc<Analysis>) -> impl IntoView {
    let a = analysis;
    let since = baseline_label(&a);
    view! {
        <div class="slide-figures">
            {a.figures.iter().cloned().map(|f| {
                let change = a.changes.iter().find(|c| c.metric == f.metric).cloned();
                view! {
                    <div class="slide-figure" data-figure=f.id>
                        <span class="figure-label">{f.label}</span>
                        <span class="figure-value">{f.value}</span>
                        <span class="figure-sub">{f.sub}</span>
                        {change.map(|c| view! { <ChangeLine change=c since=since.clone() /> })}
                    </div>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
fn FunnelSlide(analysis: Arc<Analysis>) -> impl IntoView {
    let dark: Signal<bool> = expect_context::<Ui>().dark.into();
    let a = analysis;
    let chart = {
        let a = a.clone();
        Signal::derive(move || funnel_chart(&a, CHART_FONT, dark.get()))
    };
    view! {
        <div class="slide-split">
            <EChart id=FUNNEL_CHART.id label="The adoption funnel; the table beside it has the same numbers".to_string() chart=chart dark=dark width=FUNNEL_CHART.width height=FUNNEL_CHART.height save=false />
            <table class="slide-table">
                <thead><tr><th scope="col">"Stage"</th><th scope="col">"People"</th><th scope="col">"Conversion"</th></tr></thead>
                <tbody>
                    {a.funnel.iter().map(|s| view! {
                        <tr><th scope="row">{stage_label(&a, s.stage)}</th><td class="num">{int(s.count)}</td><td class="num">{s.conversion.map(|c| pct(Some(c))).unwrap_or_default()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn CloverSlide(analysis: Arc<Analysis>) -> impl IntoView {
    let a = analysis;
    let since = baseline_label(&a);
    let Some(c) = a.clover.clone() else {
        return view! { <p class="slide-text">"No Clover score for this window."</p> }.into_any();
    };
    view! {
        <div class="slide-split clover-slide">
            <CloverPicture clover=c.clone() />
            <div class="slide-leaves">
                <p class="figure-value">{score(c.overall)}<span class="figure-sub">" / 100 · "{c.level.clone().unwrap_or_default()}</span></p>
                {LeafName::ALL.into_iter().map(|l| {
                    let leaf = c.leaf(l).cloned();
                    let change = a.changes.iter().find(|x| x.metric == Metric::Leaf(l)).cloned();
                    let coverage = leaf.as_ref().map(|x| x.coverage).filter(|cv| cv.measured < cv.of);
                    view! {
                        <div class="slide-leaf">
                            <span class="leaf-label">{l.title()}</span>
                            <span class="leaf-score">{score(leaf.as_ref().and_then(|x| x.score))}</span>
                            {coverage.map(|cv| view! { <span class="slide-small">{format!("{} of {} measured", cv.measured, cv.of)}</span> })}
                            {change.map(|x| view! { <ChangeLine change=x since=since.clone() /> })}
                        </div>
                    }
                }).collect_view()}
                {c.caution.clone().map(|t| view! { <p class="slide-small caution" data-testid="slide-caution">{t}</p> })}
            </div>
        </div>
    }
    .into_any()
}

#[component]
fn JourneySlide(analysis: Arc<Analysis>) -> impl IntoView {
    let dark: Signal<bool> = expect_context::<Ui>().dark.into();
    let Some(j) = analysis.journey.clone() else {
        return view! { <p class="slide-text">"Working out the journey…"</p> }.into_any();
    };
    let chart = Signal::derive(move || journey_chart(&j, CHART_FONT));
    view! {
        <EChart id=JOURNEY_CHART.id label="Clover maturity by period, with the five levels as bands".to_string() chart=chart dark=dark width=JOURNEY_CHART.width height=JOURNEY_CHART.height save=false />
    }
    .into_any()
}

#[component]
fn LeadersSlide(analysis: Arc<Analysis>) -> impl IntoView {
    let Some(c) = analysis.clover.clone() else { return ().into_any() };
    let inds: Vec<_> =
        LeafName::Leadership.indicators().into_iter().filter_map(|id| c.indicator(id).cloned()).collect();
    // None measured for one reason (no leaders, too few to show): the title says why; the body
    // says which export would show them, once, instead of three empty columns.
    if inds.iter().all(|i| !i.measured()) && inds.windows(2).all(|w| w[0].reason == w[1].reason) {
        let remedy = c
            .limits
            .iter()
            .find(|l| inds.first().is_some_and(|i| l.indicators.contains(&i.id)))
            .map(|l| l.remedy.clone());
        return view! {
            <div class="slide-unmeasured" data-testid="leaders-unmeasured">
                {remedy.map(|r| view! { <p class="slide-text">{r}</p> })}
            </div>
        }
        .into_any();
    }
    view! {
        <div class="slide-indicators">
            {inds.into_iter().map(|i| {
                let value = i.value.unwrap_or(0.0);
                let reach = if i.target > 0.0 { (value / i.target).clamp(0.0, 1.0) } else { 1.0 };
                let shown = match i.status {
                    Status::Measured => pct(i.value),
                    Status::NoData => "no data".to_string(),
                    Status::TooFew => "too few".to_string(),
                };
                view! {
                    <div class="slide-indicator" data-indicator=i.id.id() data-status=i.status.id()>
                        <span class="leaf-label">{i.name.clone()}</span>
                        <span class="figure-value">{shown}</span>
                        <span class="figure-sub">{format!("target {}", pct(Some(i.target)))}</span>
                        {i.measured().then(|| view! {
                            <div class="target-bar" role="img" aria-label=format!("{} of the target", pct(Some(reach)))>
                                <div class="target-fill" style=format!("width: {:.1}%", reach * 100.0)></div>
                            </div>
                        })}
                        <p class="slide-small">{i.explanation.clone()}</p>
                        {i.gap.map(|g| view! { <p class="slide-small gap">{g.text}</p> })}
                    </div>
                }
            }).collect_view()}
        </div>
    }
    .into_any()
}

fn personas_chart(a: &Analysis) -> Chart {
    let p = a.personas.clone().unwrap_or_default();
    let rows = match a.data {
        // Activity reports tell no persona, but who posted, who only read and who did nothing.
        DataKind::Reports => {
            let (m, active, c) = (a.count(Stage::Members), a.count(Stage::Active), a.count(Stage::Contributors));
            vec![("Posted", c), ("Active, no post", active - c.min(active)), ("Not active", m - active.min(m))]
        }
        DataKind::Export => vec![
            ("Engagers", p.engager),
            ("Catalysts", p.catalyst),
            ("Responders", p.responder),
            ("Broadcasters", p.broadcaster),
            ("Observers", p.observer),
        ],
    };
    Chart::new()
        .grid(Grid::new().left(220).right(140).top(20).bottom(40))
        .x_axis(Axis::new().type_(AxisType::Value).axis_label(AxisLabel::new().font_size(CHART_FONT - 4.0)))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(rows.iter().map(|r| r.0).collect::<Vec<_>>())
                .axis_label(AxisLabel::new().font_size(CHART_FONT)),
        )
        .series(
            Bar::new()
                .data(rows.iter().map(|r| r.1 as i64).collect::<Vec<_>>())
                .label(Label::new().show(true).position(LabelPosition::Right).font_size(CHART_FONT)),
        )
}

#[component]
fn ChampionsSlide(analysis: Arc<Analysis>) -> impl IntoView {
    let dark: Signal<bool> = expect_context::<Ui>().dark.into();
    let a = analysis;
    let top: Vec<_> = a.leaderboard.iter().take(8).cloned().collect();
    let chart = {
        let a = a.clone();
        Signal::derive(move || personas_chart(&a))
    };
    let reports = a.data == DataKind::Reports;
    let label = if reports {
        "Members who posted, were active without posting, or not active; the notes have the same numbers"
    } else {
        "Members by persona; the notes have the same numbers"
    };
    view! {
        <div class="slide-split">
            <EChart id=PERSONAS_CHART.id label=label.to_string() chart=chart dark=dark width=PERSONAS_CHART.width height=PERSONAS_CHART.height save=false />
            <table class="slide-table champions">
                <caption>"The most active contributors"</caption>
                <thead><tr><th scope="col">"#"</th><th scope="col">"Name"</th><th scope="col">{if reports { "Posts" } else { "Persona" }}</th></tr></thead>
                <tbody>
                    {top.into_iter().map(|r| view! {
                        <tr data-testid="deck-champion"><td class="num">{r.rank}</td><th scope="row">{r.name.clone()}</th>
                            <td>{if reports { int(r.posts) } else { persona_label(r.persona).to_string() }}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn DepartmentsSlide(analysis: Arc<Analysis>) -> impl IntoView {
    let dark: Signal<bool> = expect_context::<Ui>().dark.into();
    let rows = analysis.segments.clone();
    if rows.is_empty() {
        return view! { <p class="slide-text">"The data names no departments, or none is large enough to show."</p> }
            .into_any();
    }
    let chart = Signal::derive(move || heatmap(&rows, CHART_FONT - 4.0));
    view! {
        <EChart id=DEPARTMENTS_CHART.id label="Clover scores by department".to_string() chart=chart dark=dark width=DEPARTMENTS_CHART.width height=DEPARTMENTS_CHART.height save=false />
    }
    .into_any()
}

#[component]
fn NextStepsSlide(analysis: Arc<Analysis>) -> impl IntoView {
    let steps: Vec<_> = analysis
        .clover
        .as_ref()
        .map(|c| c.next_steps.iter().take(3).map(|s| (c.indicator_name(s.indicator), s.clone())).collect())
        .unwrap_or_default();
    view! {
        <ol class="slide-steps">
            {steps.into_iter().map(|(name, s)| view! {
                <li data-indicator=s.indicator.id()>
                    <p class="step-head"><strong>{name}</strong>{format!(": {} now, target {}", pct(Some(s.value)), pct(Some(s.target)))}</p>
                    <p class="slide-small">{s.advice.clone()}</p>
                    {s.gap.map(|g| view! { <p class="slide-small gap">{g.text}</p> })}
                </li>
            }).collect_view()}
        </ol>
    }
}

/// What this export cannot show, and the export that would: each limit once.
#[component]
fn LimitsSlide(analysis: Arc<Analysis>) -> impl IntoView {
    let limits = analysis.clover.as_ref().map(|c| c.limits.clone()).unwrap_or_default();
    view! {
        <ul class="slide-limits">
            {limits.into_iter().map(|l| view! {
                <li data-limit=l.kind.id()>
                    <p class="step-head">{l.text}</p>
                    <p class="slide-small">{l.remedy}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn DefinitionsSlide(reports: bool) -> impl IntoView {
    if reports {
        // Activity reports: what they count, and what they cannot tell.
        return view! {
            <dl class="slide-definitions">
                <div><dt>"Members"</dt><dd>"People the activity reports list (deleted accounts only if they were active)."</dd></div>
                <div><dt>"Active"</dt><dd>"Members with any activity in the window, reading included."</dd></div>
                <div><dt>"Contributors"</dt><dd>"Members who posted."</dd></div>
                <div><dt>"Readers"</dt><dd>"Members active without posting."</dd></div>
                <div><dt>"Engaged, champions"</dt><dd>"Not known: they need replies between people, which activity reports do not hold."</dd></div>
                <div><dt>"Clover maturity"</dt><dd>"Four leaves (leadership, governance, culture, technology), twelve indicators against targets (those reports cannot measure have no data); levels from Initiating to Transforming."</dd></div>
                <div><dt>"Comparisons"</dt><dd>"Against the report window before; a percentage change only when both periods have at least 30 people or events; shares with their counts."</dd></div>
                <div><dt>"Privacy"</dt><dd>"Groups below the minimum size are never shown as numbers; names are pseudonymised unless the presenter turns them on."</dd></div>
            </dl>
        }
        .into_any();
    }
    view! {
        <dl class="slide-definitions">
            <div><dt>"Members"</dt><dd>"People with an account (deactivated people only if they took part)."</dd></div>
            <div><dt>"Active"</dt><dd>"Members who posted, replied or reacted in the window."</dd></div>
            <div><dt>"Contributors"</dt><dd>"Members who posted or replied."</dd></div>
            <div><dt>"Engaged"</dt><dd>"Contributors who both gave and received responses: two-way."</dd></div>
            <div><dt>"Champions"</dt><dd>"Engaged members who contributed in at least half of the weeks."</dd></div>
            <div><dt>"Clover maturity"</dt><dd>"Four leaves (leadership, governance, culture, technology), twelve indicators against targets; levels from Initiating to Transforming."</dd></div>
            <div><dt>"Comparisons"</dt><dd>"Against the calendar period before; a percentage change only when both periods have at least 30 people or events; shares with their counts; partial periods marked."</dd></div>
            <div><dt>"Privacy"</dt><dd>"Groups below the minimum size are never shown as numbers; names are pseudonymised unless the presenter turns them on."</dd></div>
        </dl>
    }
    .into_any()
}
