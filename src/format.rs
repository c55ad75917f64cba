//! Numbers as people read them: thousands separated, shares as percentages.

/// `12345` → `12,345`.
pub fn int(n: u64) -> String {
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

/// A share (0–1) as a whole percentage, `—` when unknown.
pub fn pct(share: Option<f64>) -> String {
    match share {
        Some(v) if v.is_finite() => {
            let p = v * 100.0;
            if p > 0.0 && p < 1.0 {
                format!("{p:.1} %")
            } else {
                format!("{} %", p.round() as i64)
            }
        }
        _ => "—".to_string(),
    }
}

/// A 0–100 score as an integer, `—` when unknown.
pub fn score(s: Option<f64>) -> String {
    s.map_or_else(|| "—".to_string(), |v| format!("{}", v.round() as i64))
}

/// A signed whole number with a real minus sign: `+12`, `−3`, `0`.
pub fn signed(n: i64) -> String {
    match n {
        0 => "0".to_string(),
        n if n > 0 => format!("+{}", int(n as u64)),
        n => format!("−{}", int(n.unsigned_abs())),
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
    #[test]
    fn numbers() {
        assert_eq!(super::int(0), "0");
        assert_eq!(super::int(999), "999");
        assert_eq!(super::int(1000), "1,000");
        assert_eq!(super::int(1234567), "1,234,567");
        assert_eq!(super::pct(Some(0.256)), "26 %");
        assert_eq!(super::pct(Some(0.004)), "0.4 %");
        assert_eq!(super::pct(None), "—");
        assert_eq!(super::bytes(812), "1 KB");
        assert_eq!(super::bytes(41_300_000), "41.3 MB");
        assert_eq!(super::bytes(1_234_000_000), "1.2 GB");
        assert_eq!(super::signed(-1234), "−1,234");
        assert_eq!(super::points(0.052), "+5 pts");
        assert_eq!(super::points(-0.01), "−1 pt");
        assert_eq!(super::relative(0.2449), "+24 %");
        assert_eq!(super::relative(-0.001), "<1 %");
        assert_eq!(super::keep_together("rose by 40 % (+3 pts)"), "rose by 40\u{a0}% (+3\u{a0}pts)");
    }
}
