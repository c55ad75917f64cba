//! The screen's state in the URL hash, so that a copied link reproduces it:
//! `#view=funnel&data=demo&from=2024-01-01&to=2024-06-30&dept=Sales&loc=Leeds&people=leaders&pseudo=1&min=5`.
//! Only settings go in the hash, never data: `data=demo` re-creates the demo, and files a
//! user dropped have to be dropped again.

use clover_core::analytics::Params;
use clover_core::civil::{format_date, parse_date, MS_PER_DAY};

use crate::app::View;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct HashState {
    pub view: Option<View>,
    /// `demo`, or nothing.
    pub data: Option<String>,
    pub params: Params,
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
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        let v = decode(v);
        match k {
            "view" => st.view = View::from_id(&v),
            "data" if !v.is_empty() => st.data = Some(v),
            "from" => st.params.from = parse_date(&v),
            "to" => st.params.to = parse_date(&v),
            "dept" if !v.is_empty() => st.params.segment.departments = vec![v],
            "loc" if !v.is_empty() => st.params.segment.locations = vec![v],
            "people" => {
                st.params.segment.leaders = match v.as_str() {
                    "leaders" => Some(true),
                    "others" => Some(false),
                    _ => None,
                }
            }
            "pseudo" => st.params.pseudonymise = v == "1",
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

pub fn render(view: View, data: Option<&str>, p: &Params) -> String {
    let mut parts = vec![format!("view={}", view.id())];
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
    match p.segment.leaders {
        Some(true) => parts.push("people=leaders".into()),
        Some(false) => parts.push("people=others".into()),
        None => {}
    }
    if p.pseudonymise {
        parts.push("pseudo=1".into());
    }
    if p.min_group != Params::default().min_group {
        parts.push(format!("min={}", p.min_group));
    }
    parts.join("&")
}
