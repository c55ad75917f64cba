//! The app's build script: renders docs/definitions.md (what every number means, written for
//! the people who read the dashboard) to HTML once, at build time, with pulldown-cmark. The
//! Data view includes the result (`include_str!` from OUT_DIR), so the page carries neither a
//! Markdown parser nor the Markdown itself.
//!
//! The document's title is dropped (the page has its own "Definitions" heading) and every
//! other heading moves one level down (## → h3, ### → h4), with an `id` from [`slug`]: the
//! views link to these anchors ("How these numbers are computed"). The text is ours, but the
//! build refuses anything that would make the page do more than show it: raw HTML, links
//! (a `#…` link would replace the page's state in the URL), images, and duplicate anchors.

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

const SOURCE: &str = "docs/definitions.md";

/// A heading's anchor: lower case, words joined by dashes; a leading section number is not
/// part of it ("3. Adoption funnel" → "adoption-funnel"). The anchors the views link to
/// depend on it: change it only with them.
fn slug(s: &str) -> String {
    let mut out = String::new();
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w.to_lowercase());
    }
    out
}

fn one_down(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// The document as HTML for the Data view.
fn render(markdown: &str) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, Options::ENABLE_TABLES).collect();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut ids = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { level, .. }) => {
                let end = i + events[i..].iter().position(|e| matches!(e, Event::End(TagEnd::Heading(_)))).unwrap();
                let text: String = events[i + 1..end]
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                if *level != HeadingLevel::H1 {
                    let id = slug(&text);
                    assert!(!id.is_empty(), "{SOURCE}: the heading {text:?} gives no anchor");
                    assert!(ids.insert(id.clone()), "{SOURCE}: two headings have the anchor #{id}");
                    let level = one_down(*level);
                    out.push(Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id)),
                        classes: vec![],
                        attrs: vec![],
                    }));
                    out.extend(events[i + 1..end].iter().cloned());
                    out.push(Event::End(TagEnd::Heading(level)));
                }
                i = end + 1;
                continue;
            }
            Event::Html(h) | Event::InlineHtml(h) => panic!("{SOURCE}: raw HTML is not shown on the page: {h}"),
            Event::Start(Tag::Link { dest_url, .. }) => panic!("{SOURCE}: links are not shown on the page: {dest_url}"),
            Event::Start(Tag::Image { dest_url, .. }) => {
                panic!("{SOURCE}: images are not shown on the page: {dest_url}")
            }
            e => out.push(e.clone()),
        }
        i += 1;
    }
    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html_out, out.into_iter());
    html_out
}

fn main() {
    println!("cargo::rerun-if-changed={SOURCE}");
    println!("cargo::rerun-if-changed=build.rs");
    let markdown = std::fs::read_to_string(SOURCE).unwrap_or_else(|e| panic!("cannot read {SOURCE}: {e}"));
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("definitions.html");
    std::fs::write(&out, render(&markdown)).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
