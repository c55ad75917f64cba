//! Drawing charming charts into the page through the global `echarts` object
//! (echarts.clover.min.js: the npm package's charts and components that Clover uses, bundled
//! by tools/build-bundles.mjs from tools/echarts-entry.mjs, copied into dist/ by Trunk).
//! The script is loaded when the first chart needs it (or as soon as data starts loading,
//! [`preload`]): the landing page draws no chart, so the first screen never waits for it.

use charming::renderer::wasm_renderer::Echarts;
use charming::Chart;
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
    // The drawn instance, the theme it was drawn in (ECharts themes apply at init), whether
    // it was drawn for a narrow box ([`fit_to_box`]) and its height.
    let instance = StoredValue::new_local(None::<(Echarts, bool, bool, u32)>);
    let ready = echarts_ready();
    // The box's width, followed as it changes (a phone turned, a window resized): ECharts is
    // told to resize, and a box that becomes narrow or wide again is drawn for its new width.
    // Rounded to 8 px steps so that a scroll bar coming and going redraws nothing.
    let box_width = RwSignal::new(0u32);
    let observer = StoredValue::new_local(None::<web_sys::ResizeObserver>);
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        if observer.with_value(Option::is_some) {
            return;
        }
        let watched = el.clone();
        // The observer also reports the first size: only a change is acted on.
        let mut seen = watched.client_width();
        let on_resize = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            let exact = watched.client_width();
            if exact == seen {
                return;
            }
            seen = exact;
            let w = (exact.max(0) as u32 / 8) * 8;
            instance.with_value(|i| {
                if let Some((e, ..)) = i {
                    resize(e, None);
                }
            });
            if box_width.try_get_untracked().is_some_and(|old| old != w) {
                box_width.try_set(w);
            }
        });
        if let Ok(o) = web_sys::ResizeObserver::new(wasm_bindgen::JsCast::unchecked_ref(on_resize.as_ref())) {
            o.observe(&el);
            observer.set_value(Some(o));
        }
        // Kept as long as the page: an observer outlives no chart (disconnected below).
        on_resize.forget();
    });
    Effect::new(move |_| {
        let c = styled(chart.get());
        let is_dark = dark.get();
        let measured = box_width.get();
        let Some(el) = node.get() else { return };
        if !ready.get() {
            preload();
            return;
        }
        // A fixed-width chart (a slide's) is never narrow; others are as wide as their box.
        let w = width.unwrap_or(if measured > 0 { measured } else { el.client_width().max(0) as u32 });
        let narrow = f64::from(w) < NARROW && w > 0;
        let fitted = narrow.then(|| fit_to_box(&c, f64::from(w), f64::from(height)));
        let tall = fitted.as_ref().map_or(height, |f| f.1);
        let drawn = instance.with_value(|i| match i {
            Some((e, d, was_narrow, was_tall)) if *d == is_dark => {
                if *was_tall != tall {
                    resize(e, Some(tall));
                }
                match &fitted {
                    Some((o, _)) => set_option(e, o, true),
                    // Back from narrow: the whole option again, not merged into the narrow one.
                    None => set_option(e, &option_of(&c), *was_narrow),
                }
                true
            }
            Some((e, ..)) => {
                dispose(e);
                false
            }
            None => false,
        });
        if drawn {
            instance.update_value(|i| {
                if let Some(i) = i {
                    (i.2, i.3) = (narrow, tall);
                }
            });
        } else {
            let made = match &fitted {
                Some((o, _)) => init(id, width, tall, is_dark, o),
                None => init(id, width, height, is_dark, &option_of(&c)),
            };
            match made {
                Ok(e) => {
                    let obj: &wasm_bindgen::JsValue = e.as_ref();
                    DRAWN.with(|d| d.borrow_mut().insert(id, (obj.clone(), is_dark)));
                    instance.set_value(Some((e, is_dark, narrow, tall)));
                }
                Err(e) => leptos::logging::warn!("chart {id} could not be drawn: {e}"),
            }
        }
    });
    on_cleanup(move || {
        observer.with_value(|o| {
            if let Some(o) = o {
                o.disconnect();
            }
        });
        DRAWN.with(|d| d.borrow_mut().remove(id));
        instance.with_value(|i| {
            if let Some((e, ..)) = i {
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

/// Charts in a box narrower than this (a phone held upright) are drawn for it by [`fit_to_box`].
const NARROW: f64 = 540.0;

/// Calls a method of an ECharts instance that charming does not bind, with `args`.
fn call(e: &Echarts, method: &str, args: &js_sys::Array) {
    let obj: &wasm_bindgen::JsValue = e.as_ref();
    if let Ok(f) = js_sys::Reflect::get(obj, &method.into()) {
        if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
            let _ = f.apply(obj, args);
        }
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = echarts, js_name = init)]
    fn echarts_init(el: &web_sys::Element, theme: &str, size: &js_sys::Object) -> Echarts;
}

/// A chart's option as JSON: the one way an option reaches ECharts. charming's own renderer
/// converts it with serde-wasm-bindgen, a second serializer of every chart type, and links
/// every theme's script: going through JSON only keeps the page's wasm smaller
/// (docs/performance.md).
fn option_of(chart: &Chart) -> serde_json::Value {
    serde_json::to_value(chart).unwrap_or_default()
}

/// Makes the ECharts instance of the box `id` (`height` high, `width` wide or as wide as
/// its box) in the page's theme and gives it `option`.
fn init(id: &str, width: Option<u32>, height: u32, dark: bool, option: &serde_json::Value) -> Result<Echarts, String> {
    let el = document().get_element_by_id(id).ok_or_else(|| format!("no element with id {id}"))?;
    let size = js_sys::Object::new();
    if let Some(w) = width {
        let _ = js_sys::Reflect::set(&size, &"width".into(), &w.into());
    }
    let _ = js_sys::Reflect::set(&size, &"height".into(), &height.into());
    let e = echarts_init(&el, if dark { "dark" } else { "" }, &size);
    set_option(&e, option, true);
    Ok(e)
}

/// Sets an option given as JSON; `replace` drops whatever the last option set (ECharts'
/// `notMerge`), so that nothing of a wide layout lingers in a narrow one or back.
fn set_option(e: &Echarts, option: &serde_json::Value, replace: bool) {
    let Ok(js) = js_sys::JSON::parse(&option.to_string()) else { return };
    // A tooltip on screen (a tap) would be written into after its component was replaced.
    if replace {
        hide_tooltip(e);
    }
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"notMerge".into(), &replace.into());
    call(e, "setOption", &js_sys::Array::of2(&js, &opts));
}

/// Hides the chart's tooltip, if one is shown.
fn hide_tooltip(e: &Echarts) {
    let action = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&action, &"type".into(), &"hideTip".into());
    call(e, "dispatchAction", &js_sys::Array::of1(&action));
}

/// Lays the chart out again in its box's new width (ECharts measures the box itself), and at
/// `height` when given.
fn resize(e: &Echarts, height: Option<u32>) {
    hide_tooltip(e);
    let args = js_sys::Array::new();
    if let Some(h) = height {
        let opts = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&opts, &"height".into(), &h.into());
        args.push(&opts);
    }
    call(e, "resize", &args);
}

/// The option of `chart` laid out for a narrow box `w` px wide and `h` high (a phone held
/// upright): titles wrap to the width in smaller type, legends go below the plot and scroll
/// sideways, axes carry fewer and smaller labels (a category axis shows the labels that
/// fit; a heatmap's columns keep every label, turned), tooltips stay inside the chart, and
/// nothing captures a drag that should scroll the page (a graph's pan and zoom). The numbers
/// are untouched. Wider boxes are drawn from the option as the view wrote it. Returns the
/// option and the chart's height (a network, drawn to fit the width, is made shorter).
fn fit_to_box(chart: &Chart, w: f64, h: f64) -> (serde_json::Value, u32) {
    use serde_json::{json, Value};
    let mut o = serde_json::to_value(chart).unwrap_or_default();
    /// Each item of a component given as one object or as a list.
    fn each(v: Option<&mut Value>, mut f: impl FnMut(&mut serde_json::Map<String, Value>)) {
        match v {
            Some(Value::Array(items)) => items.iter_mut().filter_map(Value::as_object_mut).for_each(&mut f),
            Some(Value::Object(m)) => f(m),
            _ => {}
        }
    }
    fn set(m: &mut serde_json::Map<String, Value>, path: &[&str], v: Value) {
        let mut at = m;
        for k in &path[..path.len() - 1] {
            let next = at.entry(k.to_string()).or_insert_with(|| json!({}));
            if !next.is_object() {
                *next = json!({});
            }
            at = next.as_object_mut().expect("made an object above");
        }
        at.insert(path[path.len() - 1].to_string(), v);
    }
    let has =
        |o: &Value, key: &str| o.get(key).is_some_and(|v| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()));
    let series_of = |o: &Value, kind: &str| {
        o.get("series").and_then(Value::as_array).map_or(0, |s| s.iter().filter(|x| x["type"] == kind).count())
    };
    let heatmap = series_of(&o, "heatmap") > 0;
    let funnels = series_of(&o, "funnel");

    // Titles: smaller, wrapped to the width; the lines they take decide where the plot starts.
    let mut title_lines = 0.0_f64;
    each(o.get_mut("title"), |t| {
        let text = t.get("text").and_then(Value::as_str).unwrap_or("");
        title_lines += (text.chars().count() as f64 * 7.6 / (w - 16.0)).ceil().max(1.0);
        set(t, &["left"], json!(8));
        set(t, &["textStyle", "fontSize"], json!(14));
        set(t, &["textStyle", "width"], json!(w - 16.0));
        set(t, &["textStyle", "overflow"], json!("break"));
        set(t, &["textStyle", "lineHeight"], json!(19));
    });
    let top = 12.0 + title_lines * 20.0;

    // Legends below the plot, on one line that scrolls sideways.
    let legend = has(&o, "legend");
    each(o.get_mut("legend"), |l| {
        set(l, &["top"], json!("auto"));
        set(l, &["bottom"], json!(0));
        set(l, &["left"], json!("center"));
        set(l, &["type"], json!("scroll"));
        set(l, &["itemGap"], json!(8));
        set(l, &["textStyle", "fontSize"], json!(12));
    });
    let mut bottom = if legend { 34.0 } else { 8.0 };
    // A zoom slider sits above the legend.
    let mut zoom = false;
    each(o.get_mut("dataZoom"), |z| {
        zoom = true;
        set(z, &["bottom"], json!(bottom));
        set(z, &["height"], json!(22));
    });
    if zoom {
        bottom += 34.0;
    }
    if has(&o, "visualMap") {
        each(o.get_mut("visualMap"), |v| {
            set(v, &["itemHeight"], json!((w * 0.5).min(200.0)));
            set(v, &["textStyle", "fontSize"], json!(11));
        });
        bottom += 56.0;
    }

    // Axes: small labels; a category axis shows those that fit, a heatmap's turns them.
    let mut named_middle = false;
    let mut named_end = false;
    for key in ["xAxis", "yAxis"] {
        each(o.get_mut(key), |a| {
            match a.get("nameLocation").and_then(Value::as_str) {
                Some("middle") | Some("center") => named_middle = true,
                _ if a.get("name").is_some() => named_end = true,
                _ => {}
            }
            set(a, &["axisLabel", "fontSize"], json!(11));
            set(a, &["nameTextStyle", "fontSize"], json!(11));
            if key == "xAxis" && a.get("type").and_then(Value::as_str) == Some("category") {
                if heatmap {
                    set(a, &["axisLabel", "rotate"], json!(50));
                    set(a, &["axisLabel", "interval"], json!(0));
                } else {
                    set(a, &["axisLabel", "interval"], json!("auto"));
                    set(a, &["axisLabel", "hideOverlap"], json!(true));
                }
            }
            if key == "yAxis" && a.get("type").and_then(Value::as_str) == Some("category") {
                set(a, &["axisLabel", "width"], json!((w * 0.32).round()));
                set(a, &["axisLabel", "overflow"], json!("truncate"));
            }
        });
    }
    each(o.get_mut("grid"), |g| {
        set(g, &["left"], json!(if named_middle { 30 } else { 6 }));
        set(g, &["right"], json!(10));
        set(g, &["top"], json!(top + if named_end { 22.0 } else { 8.0 }));
        set(g, &["bottom"], json!(bottom + if named_middle { 26.0 } else { 4.0 }));
        set(g, &["containLabel"], json!(true));
    });

    // Series: smaller labels; funnels (the baseline's under this window's) with room for
    // their labels; a graph that does not take the page's scrolling.
    let mut funnel_index = 0.0;
    each(o.get_mut("series"), |s| {
        if s.get("label").is_some() {
            set(s, &["label", "fontSize"], json!(12));
        }
        if s.get("markLine").is_some() {
            set(s, &["markLine", "label", "fontSize"], json!(11));
        }
        match s.get("type").and_then(Value::as_str) {
            Some("funnel") => {
                let band = (h - top - 8.0) / funnels as f64;
                set(s, &["left"], json!("2%"));
                set(s, &["width"], json!("50%"));
                set(s, &["top"], json!(top + funnel_index * band));
                set(s, &["height"], json!(band - 12.0));
                s.remove("bottom");
                funnel_index += 1.0;
            }
            Some("graph") => {
                set(s, &["roam"], json!(false));
                // Room for the names written beside the busiest people.
                set(s, &["left"], json!(12));
                set(s, &["right"], json!(84));
                set(s, &["top"], json!(top + 8.0));
                set(s, &["bottom"], json!(bottom + 8.0));
                set(s, &["label", "fontSize"], json!(11));
            }
            _ => {}
        }
    });
    if funnels > 1 {
        // Two funnels, one above the other, each titled by its series name in the tooltip;
        // the chart's title says which is which.
        each(o.get_mut("title"), |t| set(t, &["left"], json!(8)));
    }
    if let Some(t) = o.get_mut("tooltip").and_then(Value::as_object_mut) {
        set(t, &["confine"], json!(true));
    }
    // A network is drawn to fit the width: a square plus its title and legend, no taller.
    let height = if series_of(&o, "graph") > 0 { h.min(w + top + bottom) } else { h };
    (o, height.round() as u32)
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
