//! Drawing charming charts into the page through the global `echarts` object
//! (echarts.clover.min.js: the npm package's charts and components that Clover uses, bundled
//! by tools/build-bundles.mjs from tools/echarts-entry.mjs, copied into dist/ by Trunk).
//! The script is loaded when the first chart needs it (or as soon as data starts loading,
//! [`preload`]): the landing page draws no chart, so the first screen never waits for it.

use charming::renderer::wasm_renderer::Echarts;
use charming::theme::Theme;
use charming::{Chart, WasmRenderer};
use leptos::html::Div;
use leptos::prelude::*;

/// A chart box: draws `chart` into a div once the div is in the page, and redraws it in
/// place (one ECharts instance per box) whenever the signals `chart` reads change.
/// `label` names the chart for screen readers; each chart also has a table elsewhere.
#[component]
pub fn EChart(
    id: &'static str,
    label: String,
    #[prop(into)] chart: Signal<Chart>,
    /// The page's theme: ECharts themes apply when a chart is made, so a change redraws it.
    #[prop(into)]
    dark: Signal<bool>,
    #[prop(default = 360)] height: u32,
    /// A fixed width (a slide's chart); without it the container's CSS decides.
    #[prop(optional)]
    width: Option<u32>,
    /// Offer "Save PNG" beside the chart (not on slides: the deck exports whole slides).
    #[prop(default = true)]
    save: bool,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    // The drawn instance and the theme it was drawn in (ECharts themes apply at init).
    let instance = StoredValue::new_local(None::<(Echarts, bool)>);
    let ready = echarts_ready();
    Effect::new(move |_| {
        let c = styled(chart.get());
        let is_dark = dark.get();
        if node.get().is_none() {
            return;
        }
        if !ready.get() {
            preload();
            return;
        }
        let drawn = instance.with_value(|i| match i {
            Some((e, d)) if *d == is_dark => {
                WasmRenderer::update(e, &c);
                true
            }
            Some((e, _)) => {
                dispose(e);
                false
            }
            None => false,
        });
        if !drawn {
            let theme = if is_dark { Theme::Dark } else { Theme::Default };
            match WasmRenderer::new_opt(width, Some(height)).theme(theme).render(id, &c) {
                Ok(e) => {
                    let obj: &wasm_bindgen::JsValue = e.as_ref();
                    DRAWN.with(|d| d.borrow_mut().insert(id, (obj.clone(), is_dark)));
                    instance.set_value(Some((e, is_dark)));
                }
                Err(e) => leptos::logging::warn!("chart {id} could not be drawn: {e:?}"),
            }
        }
    });
    on_cleanup(move || {
        DRAWN.with(|d| d.borrow_mut().remove(id));
        instance.with_value(|i| {
            if let Some((e, _)) = i {
                dispose(e);
            }
        })
    });
    // Saves the chart as it looks, at twice the screen's resolution (for slides).
    let save_png = move |_| {
        if let Some(url) = image(id, 2.0) {
            crate::download::save_url(&format!("clover-{id}.png"), &url);
        }
    };
    let style = width.map(|w| format!("width: {w}px; height: {height}px"));
    view! {
        <div class="chart-box">
            <div class="chart" id=id node_ref=node role="img" aria-label=label style=style></div>
            {save.then(|| view! {
                <button class="chart-save" data-testid="chart-png" title="Save this chart as a PNG image" on:click=save_png>"Save PNG"</button>
            })}
        </div>
    }
}

thread_local! {
    /// The charts on the page by id, with the theme each was drawn in: what `image` exports.
    static DRAWN: std::cell::RefCell<std::collections::HashMap<&'static str, (wasm_bindgen::JsValue, bool)>> =
        Default::default();
}

/// The chart `id` as a PNG `data:` URL at `pixel_ratio` times its size, on its theme's
/// background (ECharts' own image export), or None when no such chart is drawn.
pub fn image(id: &str, pixel_ratio: f64) -> Option<String> {
    DRAWN.with(|d| {
        let d = d.borrow();
        let (obj, dark) = d.get(id)?;
        let opts = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&opts, &"type".into(), &"png".into());
        let _ = js_sys::Reflect::set(&opts, &"pixelRatio".into(), &pixel_ratio.into());
        let background = if *dark { "#1a221e" } else { "#ffffff" };
        let _ = js_sys::Reflect::set(&opts, &"backgroundColor".into(), &background.into());
        js_sys::Reflect::get(obj, &"getDataURL".into())
            .ok()
            .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
            .and_then(|f| f.call1(obj, &opts).ok())
            .and_then(|v| v.as_string())
    })
}

thread_local! {
    /// Reference-counted, not owned by the chart that first asked: it outlives every view.
    static ECHARTS: std::cell::RefCell<Option<ArcRwSignal<bool>>> = const { std::cell::RefCell::new(None) };
}

/// True once the global `echarts` is there (charts wait for it, and redraw when it comes).
fn echarts_ready() -> ArcRwSignal<bool> {
    ECHARTS.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let defined = js_sys::Reflect::get(&window(), &"echarts".into()).is_ok_and(|v| !v.is_undefined());
                ArcRwSignal::new(defined)
            })
            .clone()
    })
}

/// Starts loading echarts.clover.min.js (once), beside the page's own files.
pub fn preload() {
    let ready = echarts_ready();
    let doc = document();
    if ready.get_untracked() || doc.get_element_by_id("echarts-script").is_some() {
        return;
    }
    let Ok(el) = doc.create_element("script") else { return };
    let script: web_sys::HtmlScriptElement = wasm_bindgen::JsCast::unchecked_into(el);
    script.set_id("echarts-script");
    script.set_src("echarts.clover.min.js");
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || ready.set(true));
    script.set_onload(Some(wasm_bindgen::JsCast::unchecked_ref(&onload)));
    let onerror = wasm_bindgen::closure::Closure::once_into_js(move || {
        leptos::logging::warn!("the charts could not be loaded (echarts.clover.min.js)");
    });
    script.set_onerror(Some(wasm_bindgen::JsCast::unchecked_ref(&onerror)));
    if let Some(head) = doc.head() {
        let _ = head.append_child(&script);
    }
}

/// Okabe–Ito: eight colours told apart by people with any common colour-vision deficiency.
pub const PALETTE: [&str; 8] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/// The page's text colour (`--ink` in style/main.css) for labels that ECharts would otherwise
/// draw in their series' colour: yellow or pale text on white is hard to read.
pub fn text_colour(dark: bool) -> &'static str {
    if dark {
        "#e8efe9"
    } else {
        "#1b2420"
    }
}

/// Clover's look for every chart: the colour-blind-safe palette, a transparent background
/// (the page's theme shows through), large readable text, and no animation: a filter change
/// shows its numbers in the next frame, and nothing moves on a projector while people read.
fn styled(chart: Chart) -> Chart {
    chart
        .color(PALETTE.iter().map(|c| charming::element::Color::from(*c)).collect())
        .background_color("transparent")
        .animation(false)
}

/// Frees an ECharts instance (charming has no binding for `dispose`).
fn dispose(e: &Echarts) {
    let obj: &wasm_bindgen::JsValue = e.as_ref();
    if let Ok(f) = js_sys::Reflect::get(obj, &"dispose".into()) {
        if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
            let _ = f.call0(obj);
        }
    }
}

/// A name from a file, made safe for ECharts: its tooltips are HTML, so the angle brackets
/// that open markup are swapped for look-alikes that cannot (the chart still reads
/// naturally, and "People & Culture" stays as it is: without `<` no element can be made).
pub fn chart_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '<' => '‹',
            '>' => '›',
            c => c,
        })
        .collect()
}
