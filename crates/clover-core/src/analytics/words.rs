//! Numbers as the sentences the core writes show them (insights, explanations, changes):
//! shares as whole percentages, counts with thousands separators, changes with their sign.

/// A share (0–1) as a whole percentage: `17 %`; `under 1 %` for a share above 0 that would
/// round to 0.
pub(crate) fn pct(x: f64) -> String {
    let p = x * 100.0;
    if p > 0.0 && p < 1.0 {
        "under 1 %".to_string()
    } else {
        format!("{:.0} %", p)
    }
}

/// `12345` → `12,345`.
pub(crate) fn count(n: u64) -> String {
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

/// A signed whole number: `+12`, `−3` (a real minus sign), `0`.
pub(crate) fn signed(x: i64) -> String {
    match x {
        0 => "0".to_string(),
        x if x > 0 => format!("+{}", count(x as u64)),
        x => format!("−{}", count(x.unsigned_abs())),
    }
}

/// `1 person`, `2 people`; `1 post`, `3 posts`.
pub(crate) fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(pct(0.17), "17 %");
        assert_eq!(pct(0.004), "under 1 %");
        assert_eq!(pct(0.0), "0 %");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(signed(12), "+12");
        assert_eq!(signed(-1200), "−1,200");
        assert_eq!(signed(0), "0");
        assert_eq!(plural(1, "leader", "leaders"), "1 leader");
        assert_eq!(plural(1000, "leader", "leaders"), "1,000 leaders");
    }
}
