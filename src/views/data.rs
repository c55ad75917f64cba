//! Data: what was loaded, every warning and error, and the definitions of every number.

use leptos::prelude::*;

use crate::state::{Data, LoadStatus};
use clover_core::words::count as int;

/// docs/definitions.md (what every number means, for the people who read the dashboard),
/// rendered to HTML at build time by build.rs, with an anchor on every heading. It is our own
/// text, not anything from a loaded file, so it is inserted as HTML.
const DEFINITIONS_HTML: &str = include_str!(concat!(env!("OUT_DIR"), "/definitions.html"));

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
            let formats = if s.formats.is_empty() {
                "none".to_string()
            } else {
                let label = |f: &String| clover_core::model::Format::from_id(f).map_or(f.clone(), |f| f.label().to_string());
                s.formats.iter().map(label).collect::<Vec<_>>().join(", ")
            };
            // Activity reports alone hold no messages: their people and how many reports.
            let reports_only = !s.reports.is_empty() && s.posts + s.replies == 0;
            let figures = if reports_only {
                vec![("People", s.people), ("Reports", s.reports.len() as u64)]
            } else {
                vec![
                    ("People", s.people),
                    ("Bots", s.bots),
                    ("Spaces", s.spaces),
                    ("Posts", s.posts),
                    ("Replies", s.replies),
                    ("Reactions", s.reactions),
                    ("System messages", s.system_messages),
                    ("Bot messages", s.bot_messages),
                ]
            };
            let reports = s.reports.clone();
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
                            clover_core::words::bytes(l.input_bytes),
                            status.load_ms.get().map(|m| format!(" in {:.1} s", m / 1000.0)).unwrap_or_default(),
                            clover_core::words::bytes(l.heap_bytes),
                        )}
                    </p>
                    <dl class="figures">
                        {figures.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{int(v)}</dd></div> }).collect_view()}
                    </dl>
                    <p class="meta" data-testid="membership">{s.membership()}</p>
                </div>
                {(!reports.is_empty()).then(|| view! {
                    <h2>"Activity reports"</h2>
                    <div class="scroll" tabindex="0" role="region" aria-label="Activity reports read">
                        <table class="data-table reports-read" data-testid="reports-read">
                            <thead><tr><th scope="col">"Report"</th><th scope="col">"Period"</th><th scope="col" class="num">"People"</th><th scope="col">"File"</th></tr></thead>
                            <tbody>
                                {reports.into_iter().map(|r| view! {
                                    <tr data-testid="report-file" data-concealed=r.concealed.to_string()>
                                        <th scope="row">{r.report.clone()}{r.concealed.then_some(" (names concealed)")}</th>
                                        <td>{format!("{} to {}", r.from, r.to)}</td>
                                        <td class="num">{if r.people > 0 { int(r.people) } else { "—".to_string() }}</td>
                                        <td>{r.file.clone()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })}
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
            <div class="definitions-text" inner_html=DEFINITIONS_HTML></div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::DEFINITIONS_HTML;

    /// Every "How these numbers are computed" link (the `Definitions` component of each view)
    /// lands on a heading of the rendered definitions.
    #[test]
    fn every_anchor_the_views_link_to_is_a_heading() {
        let views = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/views");
        let mut anchors = Vec::new();
        for entry in std::fs::read_dir(&views).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for part in text.split("<Definitions anchor=\"").skip(1) {
                let anchor = part.split('"').next().unwrap();
                assert!(anchor.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{anchor:?}");
                anchors.push(anchor.to_string());
            }
        }
        for expected in ["adoption-funnel", "leaderboard", "clover-maturity", "the-other-views"] {
            assert!(anchors.iter().any(|a| a == expected), "no view links to #{expected} any more");
        }
        for a in &anchors {
            assert!(DEFINITIONS_HTML.contains(&format!(" id=\"{a}\"")), "no heading has the anchor #{a}");
        }
    }

    /// The definitions are rendered Markdown: tables and lists, no Markdown syntax left over.
    #[test]
    fn the_definitions_are_rendered() {
        assert!(DEFINITIONS_HTML.contains("<table>") && DEFINITIONS_HTML.contains("<ul>"));
        assert!(!DEFINITIONS_HTML.contains("**") && !DEFINITIONS_HTML.contains("|---"));
        assert!(!DEFINITIONS_HTML.contains("<h1"), "the page has its own title");
    }
}
