//! Numbers and nouns as Clover writes them, on screen and in sentences alike: the one owner
//! of number formatting (the page, the deck, the CLI and the core's sentences all call these,
//! so "0.4 %" on a card and in a slide's title can never disagree).

/// `12345` → `12,345`.
pub fn count(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A share (0–1) as a percentage: whole percentages, except that a share which is neither
/// none nor all never rounds to `0 %` or `100 %` (a board reads "100 %" as "everyone"):
/// `0.4 %`, `99.6 %`, `under 0.1 %`, `over 99.9 %`.
pub fn pct(x: f64) -> String {
    let p = x * 100.0;
    if !p.is_finite() {
        return "—".to_string();
    }
    if p > 0.0 && p < 0.1 {
        "under 0.1 %".to_string()
    } else if p > 0.0 && p < 1.0 || p > 99.0 && p < 99.95 {
        format!("{p:.1} %")
    } else if (99.95..100.0).contains(&p) {
        "over 99.9 %".to_string()
    } else {
        format!("{p:.0} %")
    }
}

/// [`pct`] of a share that may be unknown (`—`).
pub fn pct_or_dash(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), pct)
}

/// A 0–100 score as a whole number, `—` when unknown.
pub fn score(s: Option<f64>) -> String {
    s.map_or_else(|| "—".to_string(), |v| format!("{}", v.round() as i64))
}

/// A signed whole number: `+12`, `−3` (a real minus sign), `0`.
pub fn signed(x: i64) -> String {
    match x {
        0 => "0".to_string(),
        x if x > 0 => format!("+{}", count(x as u64)),
        x => format!("−{}", count(x.unsigned_abs())),
    }
}

/// A change of a share (0.05) in whole percentage points: `+5 pts`, `−1 pt`.
pub fn points(delta: f64) -> String {
    let p = (delta * 100.0).round() as i64;
    format!("{} {}", signed(p), if p.abs() == 1 { "pt" } else { "pts" })
}

/// A relative change (0.24) as a signed whole percentage: `+24 %`; `<1 %` when it rounds to 0.
pub fn relative(r: f64) -> String {
    let p = (r * 100.0).round() as i64;
    if p == 0 {
        "<1 %".to_string()
    } else {
        format!("{} %", signed(p))
    }
}

/// `1 person`, `2 people`; `1 post`, `3 posts`; `0 posts`.
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// Like [`plural`], but none is `no posts`: `no champions`, `1 champion`, `2 champions`.
pub fn some(n: u64, one: &str, many: &str) -> String {
    if n == 0 {
        format!("no {many}")
    } else {
        plural(n, one, many)
    }
}

/// `one` or `many` by `n`, without the number.
pub fn noun<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// A list as people write it: `a`, `a and b`, `a, b and c`.
pub fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The first letter in upper case (`contributors` → `Contributors`).
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A sentence whose numbers and units never part at a line break: `40 %` and `3 pts` keep
/// together (a no-break space), so a title on a slide never ends a line with "+6".
pub fn keep_together(s: &str) -> String {
    s.replace(" %", "\u{a0}%").replace(" pts", "\u{a0}pts").replace(" points", "\u{a0}points")
}

/// A size for people: `812 KB`, `41.3 MB`, `1.2 GB` (powers of 1000, as file managers show).
pub fn bytes(n: u64) -> String {
    let n = n as f64;
    if n < 1e6 {
        format!("{:.0} KB", (n / 1e3).ceil())
    } else if n < 1e9 {
        format!("{:.1} MB", n / 1e6)
    } else {
        format!("{:.1} GB", n / 1e9)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(pct(0.17), "17 %");
        assert_eq!(pct(0.256), "26 %");
        assert_eq!(pct(0.004), "0.4 %");
        assert_eq!(pct(0.0004), "under 0.1 %");
        assert_eq!(pct(0.0), "0 %");
        assert_eq!(pct(1.0), "100 %");
        assert_eq!(pct(248.0 / 249.0), "99.6 %");
        assert_eq!(pct(0.9999), "over 99.9 %");
        assert_eq!(pct(0.985), "98 %");
        assert_eq!(pct_or_dash(None), "—");
        assert_eq!(score(Some(59.5)), "60");
        assert_eq!(score(None), "—");
        assert_eq!(signed(12), "+12");
        assert_eq!(signed(-1200), "−1,200");
        assert_eq!(signed(0), "0");
        assert_eq!(points(0.052), "+5 pts");
        assert_eq!(points(-0.01), "−1 pt");
        assert_eq!(relative(0.2449), "+24 %");
        assert_eq!(relative(-0.001), "<1 %");
        assert_eq!(plural(1, "leader", "leaders"), "1 leader");
        assert_eq!(plural(0, "leader", "leaders"), "0 leaders");
        assert_eq!(plural(1000, "leader", "leaders"), "1,000 leaders");
        assert_eq!(some(0, "champion", "champions"), "no champions");
        assert_eq!(some(1, "champion", "champions"), "1 champion");
        assert_eq!(list(&["a".into()]), "a");
        assert_eq!(list(&["a".into(), "b".into()]), "a and b");
        assert_eq!(list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
        assert_eq!(capitalise("contributors"), "Contributors");
        assert_eq!(keep_together("rose by 40 % (+3 pts)"), "rose by 40\u{a0}% (+3\u{a0}pts)");
        assert_eq!(bytes(812), "1 KB");
        assert_eq!(bytes(41_300_000), "41.3 MB");
        assert_eq!(bytes(1_234_000_000), "1.2 GB");
    }
}
