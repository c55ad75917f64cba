//! The worker's progress through a load: step, what it is doing, and a bar.

use leptos::prelude::*;

use crate::state::LoadStatus;

#[component]
pub fn LoadProgressBar() -> impl IntoView {
    let status = expect_context::<LoadStatus>();
    move || {
        status.progress.get().map(|p| {
            let pct = if p.total > 0 { (p.done as f64 / p.total as f64 * 100.0).clamp(0.0, 100.0) } else { 0.0 };
            let amount = if p.bytes && p.total > 0 {
                format!(" · {} of {}", clover_core::words::bytes(p.done), clover_core::words::bytes(p.total))
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
