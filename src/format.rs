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
    }
}
