//! The screen's state in the URL hash, so that a copied link reproduces it:
//! `#view=funnel&data=demo&from=2024-01-01&to=2024-06-30&cmp=previous&dept=Sales&loc=Leeds&space=general&direct=1&people=leaders&pseudo=1&min=5`
//! (`cmp`: `previous`, `year` or `2024-01-01..2024-03-31`).
//! Only settings go in the hash, never data: `data=demo` re-creates the demo, and files a
//! user dropped have to be dropped again.

use clover_core::analytics::{Compare, IndicatorId, Params, SlideKind};
use clover_core::civil::{format_date, parse_date, MS_PER_DAY};

use crate::state::{DeckLink, View};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct HashState {
    pub view: Option<View>,
    /// `demo`, or nothing.
    pub data: Option<String>,
    /// A snapshot link's fragment (`snapshot=v1.…`, docs/snapshot.md).
    pub snapshot: Option<String>,
    pub params: Params,
    pub deck: DeckLink,
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(&s.replace('+', " ")).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

pub fn parse(hash: &str) -> HashState {
    let mut st = HashState::default();
    for kv in hash.trim_start_matches('#').split('&') {
        let (k, raw) = kv.split_once('=').unwrap_or((kv, ""));
        let v = decode(raw);
        match k {
            "view" => st.view = View::from_id(&v),
            // Unknown names are dropped, each slide kept once; an empty list is no list.
            "slides" => {
                let mut kinds: Vec<SlideKind> = Vec::new();
                for k in v.split(',').filter_map(SlideKind::from_id) {
                    if !kinds.contains(&k) {
                        kinds.push(k);
                    }
                }
                st.deck.slides = (!kinds.is_empty()).then_some(kinds);
            }
            // Shown as text only; a link cannot make it long enough to break a slide.
            "title" if !v.trim().is_empty() => st.deck.title = Some(v.trim().chars().take(120).collect()),
            "data" if !v.is_empty() => st.data = Some(v),
            // A fragment whose escapes cannot be read goes to the worker as it is, which says
            // it is damaged (rather than the link opening nothing without a word).
            "snapshot" if !raw.is_empty() => st.snapshot = Some(if v.is_empty() { raw.to_string() } else { v }),
            "from" => st.params.from = parse_date(&v),
            "to" => st.params.to = parse_date(&v),
            "dept" if !v.is_empty() => st.params.segment.departments = vec![v],
            "loc" if !v.is_empty() => st.params.segment.locations = vec![v],
            "space" if !v.is_empty() => st.params.segment.spaces = vec![v],
            "direct" => st.params.include_direct = v == "1",
            "people" => {
                st.params.segment.leaders = match v.as_str() {
                    "leaders" => Some(true),
                    "others" => Some(false),
                    _ => None,
                }
            }
            "pseudo" => st.params.pseudonymise = v == "1",
            // An unreadable comparison is left out rather than guessed.
            "cmp" => st.params.compare = Compare::parse(&v).unwrap_or_default(),
            "w" => {
                let n: Vec<f64> = v
                    .split(',')
                    .filter_map(|x| x.trim().parse().ok())
                    .filter(|x: &f64| x.is_finite() && *x >= 0.0)
                    .collect();
                if let [a, b, c, d, e] = n[..] {
                    let w = &mut st.params.weights;
                    (w.posts, w.replies, w.reactions_given, w.replies_received, w.reactions_received) = (a, b, c, d, e);
                }
            }
            "t" => {
                let n: Vec<f64> = v
                    .split(',')
                    .filter_map(|x| x.trim().parse().ok())
                    .filter(|x: &f64| x.is_finite() && *x > 0.0 && *x <= 100.0)
                    .collect();
                if n.len() == 12 {
                    for (id, pct) in IndicatorId::ALL.into_iter().zip(n) {
                        *id.target_in(&mut st.params.targets) = pct / 100.0;
                    }
                }
            }
            "min" => {
                if let Ok(n) = v.parse::<usize>() {
                    st.params.min_group = n.clamp(1, 100);
                }
            }
            _ => {}
        }
    }
    st
}

/// The hash while a snapshot is open: the view, the deck's choices and the snapshot, last
/// (the filters are off).
pub fn render_snapshot(view: View, deck: &DeckLink, fragment: &str) -> String {
    let mut parts = view_and_deck(view, deck);
    parts.push(format!("snapshot={}", encode(fragment)));
    parts.join("&")
}

fn view_and_deck(view: View, deck: &DeckLink) -> Vec<String> {
    let mut parts = vec![format!("view={}", view.id())];
    if let Some(kinds) = deck.slides.as_ref().filter(|k| k.as_slice() != SlideKind::ALL) {
        parts.push(format!("slides={}", kinds.iter().map(|k| k.id()).collect::<Vec<_>>().join(",")));
    }
    if let Some(t) = &deck.title {
        parts.push(format!("title={}", encode(t)));
    }
    parts
}

pub fn render(view: View, data: Option<&str>, p: &Params, deck: &DeckLink) -> String {
    let mut parts = view_and_deck(view, deck);
    if let Some(d) = data {
        parts.push(format!("data={}", encode(d)));
    }
    let day = |d: i64| format_date(d * MS_PER_DAY);
    if let Some(f) = p.from {
        parts.push(format!("from={}", day(f)));
    }
    if let Some(t) = p.to {
        parts.push(format!("to={}", day(t)));
    }
    if let Some(d) = p.segment.departments.first() {
        parts.push(format!("dept={}", encode(d)));
    }
    if let Some(l) = p.segment.locations.first() {
        parts.push(format!("loc={}", encode(l)));
    }
    if let Some(s) = p.segment.spaces.first() {
        parts.push(format!("space={}", encode(s)));
    }
    if p.include_direct {
        parts.push("direct=1".into());
    }
    match p.segment.leaders {
        Some(true) => parts.push("people=leaders".into()),
        Some(false) => parts.push("people=others".into()),
        None => {}
    }
    if p.pseudonymise {
        parts.push("pseudo=1".into());
    }
    if p.compare != Compare::None {
        parts.push(format!("cmp={}", p.compare.render()));
    }
    let d = Params::default();
    if p.weights != d.weights {
        let w = &p.weights;
        parts.push(format!(
            "w={},{},{},{},{}",
            w.posts, w.replies, w.reactions_given, w.replies_received, w.reactions_received
        ));
    }
    if p.targets != d.targets {
        let pcts: Vec<String> =
            IndicatorId::ALL.into_iter().map(|id| format!("{}", (id.target(&p.targets) * 100.0).round())).collect();
        parts.push(format!("t={}", pcts.join(",")));
    }
    if p.min_group != Params::default().min_group {
        parts.push(format!("min={}", p.min_group));
    }
    parts.join("&")
}
