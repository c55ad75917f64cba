//! The deck's take-aways, made in the page and never uploaded: an editable PowerPoint
//! (titles and numbers as text, charts as ECharts' own images, speaker notes with the
//! numbers) and a PNG of the slide on screen. The work is done by deck.clover.min.js
//! (tools/deck-entry.mjs: PptxGenJS and html-to-image), loaded the first time a presenter
//! exports so that nobody else downloads it.

use clover_core::analytics::{Analysis, DataKind, LeafName, Metric, SlideKind};
use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::change::{baseline_value, change_amount};
use super::labels::{baseline_label, persona_label, stage_label};
use crate::state::{Data, LoadStatus, Ui};
use clover_core::words::{count as int, pct_or_dash as pct, score};

#[derive(Serialize)]
struct Spec {
    title: String,
    slides: Vec<SlideSpec>,
}

#[derive(Serialize, Default)]
struct SlideSpec {
    kind: &'static str,
    title: String,
    figures: Vec<Figure>,
    lines: Vec<String>,
    image: Option<String>,
    #[serde(rename = "imageRatio")]
    image_ratio: Option<f64>,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct Figure {
    label: String,
    value: String,
    sub: String,
    change: String,
}

/// The words and numbers of slide `k`, as text the PowerPoint keeps editable.
fn slide_spec(a: &Analysis, k: SlideKind, loaded_line: &str) -> SlideSpec {
    let slide = a.slides.iter().find(|s| s.kind == k);
    let mut s = SlideSpec {
        kind: k.id(),
        title: slide.map(|s| s.title.clone()).unwrap_or_else(|| k.topic().into()),
        notes: slide.map(|s| s.notes.clone()).unwrap_or_default(),
        ..SlideSpec::default()
    };
    let since = baseline_label(a);
    let change_of = |m: Metric| {
        a.changes
            .iter()
            .find(|c| c.metric == m)
            .map(|c| format!("{} · {since}: {}", change_amount(c), baseline_value(c)))
    };
    match k {
        SlideKind::Title => {
            s.lines.push(loaded_line.to_string());
            if let (Some(f), Some(t)) = (&a.window.from, &a.window.to) {
                s.lines.push(format!("Window: {f} to {t}."));
            }
            if let Some(b) = a.baseline.as_ref().filter(|b| b.note.is_none()) {
                s.lines.push(format!("Compared with {}.", b.window.label.clone().unwrap_or_default()));
            }
        }
        SlideKind::Headlines => {
            s.figures = a
                .figures
                .iter()
                .cloned()
                .map(|f| Figure {
                    label: f.label,
                    value: f.value,
                    sub: f.sub,
                    change: change_of(f.metric).unwrap_or_default(),
                })
                .collect();
        }
        SlideKind::Funnel => {
            s.lines = a
                .funnel
                .iter()
                .map(|f| {
                    let conv =
                        f.conversion.map(|c| format!(" ({} of the stage before)", pct(Some(c)))).unwrap_or_default();
                    format!("{}: {}{conv}", stage_label(a, f.stage), int(f.count))
                })
                .collect();
        }
        SlideKind::Clover => {
            if let Some(c) = &a.clover {
                s.lines.push(format!("Overall: {} ({})", score(c.overall), c.level.clone().unwrap_or_default()));
                for l in LeafName::ALL {
                    let leaf = c.leaf(l);
                    let change = change_of(Metric::Leaf(l)).map(|x| format!(", {x}")).unwrap_or_default();
                    s.lines.push(format!("{}: {}{change}", l.title(), score(leaf.and_then(|x| x.score))));
                }
            }
        }
        SlideKind::Leaders => {
            if let Some(c) = &a.clover {
                for id in LeafName::Leadership.indicators() {
                    if let Some(i) = c.indicator(id) {
                        s.lines.push(format!(
                            "{}: {} (target {}). {}",
                            i.name,
                            pct(i.value),
                            pct(Some(i.target)),
                            i.explanation
                        ));
                        s.lines.extend(i.gap.as_ref().map(|g| g.text.clone()));
                    }
                }
            }
        }
        SlideKind::Champions => {
            let what = |r: &clover_core::analytics::LeaderRow| match r.persona {
                Some(_) => persona_label(r.persona).to_string(),
                // Activity reports tell no persona: what the person posted.
                None => clover_core::words::plural(r.posts, "post", "posts"),
            };
            s.lines = a.leaderboard.iter().take(8).map(|r| format!("{}. {} ({})", r.rank, r.name, what(r))).collect();
        }
        SlideKind::NextSteps => {
            if let Some(c) = &a.clover {
                for st in c.next_steps.iter().take(3) {
                    s.lines.push(format!(
                        "{}: {} now, target {}. {}{}",
                        c.indicator_name(st.indicator),
                        pct(Some(st.value)),
                        pct(Some(st.target)),
                        st.advice,
                        st.gap.as_ref().map(|g| format!(" {}", g.text)).unwrap_or_default()
                    ));
                }
            }
        }
        SlideKind::Limits => {
            if let Some(c) = &a.clover {
                s.lines = c.limits.iter().map(|l| format!("{} {}", l.text, l.remedy)).collect();
            }
        }
        SlideKind::Definitions if a.data == DataKind::Reports => {
            s.lines = vec![
                "From activity reports: members: people the reports list; active: any activity, reading included; contributors: posted; readers: active without posting.".into(),
                "Reports hold no replies between people: no engaged contributors, champions or personas.".into(),
                "Clover maturity: four leaves, twelve indicators against targets (those reports cannot measure: no data); levels Initiating to Transforming.".into(),
                "Comparisons: the report window before; a percentage change only when both periods have 30 or more people or events.".into(),
                "Privacy: groups below the minimum size are never shown as numbers.".into(),
            ];
        }
        SlideKind::Definitions => {
            s.lines = vec![
                "Members: people with an account; active: posted, replied or reacted; contributors: posted or replied.".into(),
                "Engaged: contributors who gave and received responses; champions: engaged in at least half of the weeks.".into(),
                "Clover maturity: four leaves, twelve indicators against targets; levels Initiating to Transforming.".into(),
                "Comparisons: the calendar period before; a percentage change only when both periods have 30 or more people or events.".into(),
                "Privacy: groups below the minimum size are never shown as numbers.".into(),
            ];
        }
        SlideKind::Journey | SlideKind::Departments => {}
    }
    if let Some(chart) = deck_chart(k) {
        s.image = crate::chart::image(chart.id, 2.0);
        s.image_ratio = Some(f64::from(chart.width) / f64::from(chart.height));
    }
    s
}

/// Loads deck.clover.min.js once; resolves when `CloverDeck` is defined.
async fn bundle() -> Result<JsValue, String> {
    let existing = js_sys::Reflect::get(&window(), &"CloverDeck".into()).unwrap_or(JsValue::UNDEFINED);
    if !existing.is_undefined() {
        return Ok(existing);
    }
    let doc = document();
    let script: web_sys::HtmlScriptElement =
        doc.create_element("script").map_err(|_| "cannot add a script")?.unchecked_into();
    // Beside the page's own files, wherever the site is hosted (a sub-path too).
    script.set_src("deck.clover.min.js");
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        script.set_onload(Some(&resolve));
        script.set_onerror(Some(&reject));
    });
    doc.head().ok_or("no head")?.append_child(&script).map_err(|_| "cannot add a script")?;
    JsFuture::from(done).await.map_err(|_| "the export code could not be loaded (deck.clover.min.js)".to_string())?;
    js_sys::Reflect::get(&window(), &"CloverDeck".into()).map_err(|_| "the export code did not start".to_string())
}

async fn call(name: &str, args: &[JsValue]) -> Result<(), String> {
    let deck = bundle().await?;
    let f: js_sys::Function = js_sys::Reflect::get(&deck, &name.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("the export code has no {name}"))?;
    let array = js_sys::Array::new();
    for a in args {
        array.push(a);
    }
    let promise: js_sys::Promise =
        f.apply(&deck, &array).map_err(|e| format!("{e:?}"))?.dyn_into().map_err(|_| "no promise".to_string())?;
    JsFuture::from(promise).await.map(|_| ()).map_err(|e| {
        e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| "the export failed".into())
    })
}

fn say_failure(msg: String) {
    leptos::logging::warn!("deck export failed: {msg}");
    if let Some(status) = use_context::<LoadStatus>() {
        status.busy.set(Some(format!("The export failed: {msg}")));
    }
}

/// Builds the PowerPoint of the slides shown, in their order, and downloads it.
pub fn download_pptx(ui: Ui) {
    let data = expect_context::<Data>();
    let Some(a) = data.analysis.get_untracked() else { return };
    let loaded_line = data
        .loaded
        .with_untracked(|l| {
            l.as_ref()
                .map(|l| format!("Data: {} files, {} people.", int(l.summary.files_loaded), int(l.summary.people)))
        })
        .unwrap_or_default();
    let title = ui.deck.title.get_untracked().unwrap_or_else(|| "Leadership review: our social enterprise".into());
    let slides = ui.deck.slides.get_untracked().into_iter().map(|k| slide_spec(&a, k, &loaded_line)).collect();
    let spec = Spec { title, slides };
    let Ok(json) = serde_json::to_string(&spec) else { return };
    leptos::task::spawn_local(async move {
        let spec = js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL);
        if let Err(e) = call("pptx", &[spec, "clover-review.pptx".into()]).await {
            say_failure(e);
        }
    });
}

/// Downloads the slide on screen as a PNG of its 1920×1080 design.
pub fn download_png(ui: Ui) {
    let Some(el) = document().query_selector(".slide.current").ok().flatten() else { return };
    let kind = ui.deck.slides.with_untracked(|s| s.get(ui.deck.current.get_untracked()).copied());
    let name = format!("clover-slide-{}.png", kind.map_or("slide", |k| k.id()));
    let background = if ui.dark.get_untracked() { "#111714" } else { "#f7f8f6" };
    leptos::task::spawn_local(async move {
        if let Err(e) = call("png", &[el.into(), name.into(), background.into()]).await {
            say_failure(e);
        }
    });
}

/// A chart of the deck: the id the exports find it by and the size deck.rs draws it at (the
/// PowerPoint places its image at the same proportions).
pub struct DeckChart {
    pub id: &'static str,
    pub width: u32,
    pub height: u32,
}

pub const FUNNEL_CHART: DeckChart = DeckChart { id: "deck-funnel", width: 980, height: 760 };
pub const JOURNEY_CHART: DeckChart = DeckChart { id: "deck-journey", width: 1720, height: 760 };
pub const PERSONAS_CHART: DeckChart = DeckChart { id: "deck-personas", width: 900, height: 700 };
pub const DEPARTMENTS_CHART: DeckChart = DeckChart { id: "deck-departments", width: 1720, height: 760 };

/// The chart on slide `k` (what the exports take as an image), if it has one.
fn deck_chart(k: SlideKind) -> Option<&'static DeckChart> {
    match k {
        SlideKind::Funnel => Some(&FUNNEL_CHART),
        SlideKind::Journey => Some(&JOURNEY_CHART),
        SlideKind::Champions => Some(&PERSONAS_CHART),
        SlideKind::Departments => Some(&DEPARTMENTS_CHART),
        _ => None,
    }
}
