//! Data: what was loaded, every warning and error, and the definitions of every number.

use leptos::prelude::*;

use crate::format::int;
use crate::state::{Data, LoadStatus};

/// docs/metrics.md, compiled in: the definitions the numbers follow.
const METRICS_MD: &str = include_str!("../../docs/metrics.md");

/// A heading's anchor: lower case, words joined by dashes.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    // "3. Adoption funnel" → "adoption-funnel": section numbers are not part of anchors.
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w.to_lowercase());
    }
    out
}

/// Renders the Markdown of docs/metrics.md plainly: headings (with anchors), lists,
/// paragraphs; inline markup is shown as text.
fn definitions() -> impl IntoView {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let flush = |para: &mut Vec<&str>, blocks: &mut Vec<AnyView>| {
        if !para.is_empty() {
            let text = para.join(" ").replace("**", "").replace('`', "");
            blocks.push(view! { <p>{text}</p> }.into_any());
            para.clear();
        }
    };
    for line in METRICS_MD.lines() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix("### ") {
            flush(&mut para, &mut blocks);
            blocks.push(view! { <h4 id=slug(h)>{h.to_string()}</h4> }.into_any());
        } else if let Some(h) = t.strip_prefix("## ") {
            flush(&mut para, &mut blocks);
            blocks.push(view! { <h3 id=slug(h)>{h.to_string()}</h3> }.into_any());
        } else if t.starts_with("# ") || t.is_empty() {
            // The document's title is the section's own heading; a blank line ends a paragraph.
            flush(&mut para, &mut blocks);
        } else {
            para.push(t);
        }
    }
    flush(&mut para, &mut blocks);
    blocks
}

#[component]
pub fn DataView() -> impl IntoView {
    let data = expect_context::<Data>();
    let status = expect_context::<LoadStatus>();
    let summary = move || {
        data.loaded.with(|l| {
            let Some(l) = l else { return ().into_any() };
            let s = &l.summary;
            let range = match (&s.first, &s.last) {
                (Some(a), Some(b)) => format!("{} to {}", &a[..10.min(a.len())], &b[..10.min(b.len())]),
                _ => "no messages".into(),
            };
            let formats = if s.formats.is_empty() { "none".to_string() } else { s.formats.join(", ") };
            let figures = vec![
                ("People", s.people),
                ("Bots", s.bots),
                ("Spaces", s.spaces),
                ("Posts", s.posts),
                ("Replies", s.replies),
                ("Reactions", s.reactions),
                ("System messages", s.system_messages),
                ("Bot messages", s.bot_messages),
            ];
            view! {
                <div
                    class="load-summary"
                    data-testid="load-summary"
                    data-people=s.people.to_string()
                    data-posts=s.posts.to_string()
                    data-replies=s.replies.to_string()
                    data-reactions=s.reactions.to_string()
                    data-input-bytes=l.input_bytes.to_string()
                    data-heap-bytes=l.heap_bytes.to_string()
                    data-load-ms=status.load_ms.get().map(|m| format!("{m:.0}")).unwrap_or_default()
                >
                    <p class="meta">
                        {format!("{} file{} read · formats: {formats} · {range}", s.files_loaded, if s.files_loaded == 1 { "" } else { "s" })}
                    </p>
                    <p class="meta">
                        {format!(
                            "{} handed over · analysed in this tab{} · memory held for it: {}",
                            crate::format::bytes(l.input_bytes),
                            status.load_ms.get().map(|m| format!(" in {:.1} s", m / 1000.0)).unwrap_or_default(),
                            crate::format::bytes(l.heap_bytes),
                        )}
                    </p>
                    <dl class="figures">
                        {figures.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{int(v)}</dd></div> }).collect_view()}
                    </dl>
                </div>
                {(!s.errors.is_empty()).then(|| view! {
                    <h2>"Files that could not be read"</h2>
                    <ul class="errors">
                        {s.errors.iter().map(|e| view! {
                            <li data-testid="load-error"><strong>{e.file.clone()}</strong>": "{e.message.clone()}</li>
                        }).collect_view()}
                    </ul>
                })}
                {(!s.warnings.is_empty()).then(|| view! {
                    <h2>"Warnings"</h2>
                    <ul class="warnings">
                        {s.warnings.iter().map(|w| view! { <li data-testid="load-warning">{w.clone()}</li> }).collect_view()}
                    </ul>
                })}
            }
            .into_any()
        })
    };
    // The analysed summary: aggregates and the leaderboard as shown (pseudonymised when the
    // switch is on); never a message.
    let download = move |_| {
        if let Some(a) = data.analysis.get_untracked() {
            let json = serde_json::to_string_pretty(&*a).unwrap_or_default();
            crate::download::save("clover-summary.json", "application/json", &json);
        }
    };
    view! {
        <section class="data-view">
            <h1>"Data"</h1>
            <p><button class="secondary" data-testid="summary-download" on:click=download>"Download the analysed summary (JSON)"</button></p>
            {summary}
            <h2 id="definitions">"Definitions"</h2>
            <div class="definitions-text">{definitions()}</div>
        </section>
    }
}
