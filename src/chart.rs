//! Drawing charming charts into the page through the global `echarts` object
//! (echarts.min.js from the npm package, copied into dist/ by Trunk).

use charming::renderer::wasm_renderer::Echarts;
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
    #[prop(default = 360)] height: u32,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let instance = StoredValue::new_local(None::<Echarts>);
    Effect::new(move |_| {
        let c = chart.get();
        if node.get().is_none() {
            return;
        }
        let drawn = instance.with_value(|i| i.as_ref().map(|e| WasmRenderer::update(e, &c)).is_some());
        if !drawn {
            // The container's CSS decides the width; charts follow the layout.
            match WasmRenderer::new_opt(None, Some(height)).render(id, &c) {
                Ok(e) => instance.set_value(Some(e)),
                Err(e) => leptos::logging::warn!("chart {id} could not be drawn: {e:?}"),
            }
        }
    });
    view! { <div class="chart" id=id node_ref=node role="img" aria-label=label></div> }
}
