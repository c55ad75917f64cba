//! Shared helpers for JSON importers: parsing with errors a person can act on, ids that
//! arrive as numbers or strings, and mention extraction from message text.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::sniff::strip_bom;

/// Parses a whole JSON document, with the line and column of the first problem.
pub fn parse<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    serde_json::from_slice(strip_bom(bytes)).map_err(describe)
}

/// How deep JSON lists and objects may nest where Clover reads their content (serde_json's
/// recursion limit of 128 stops at the 128th level; values Clover ignores are skipped
/// without recursion, at any depth).
pub const MAX_NESTING: usize = 127;

/// Whether serde_json stopped because containers nest deeper than [`MAX_NESTING`].
pub fn is_too_deep(e: &serde_json::Error) -> bool {
    e.to_string().starts_with("recursion limit exceeded")
}

/// The words for a too-deep document (no position: callers add it).
pub fn too_deep() -> String {
    format!("lists or objects are nested more than {MAX_NESTING} levels deep (no export nests like this; the file is damaged or hostile)")
}

/// How deep replies may nest inside replies (Teams' expanded `replies`, Mattermost's
/// `replies`). Exports nest them one level; each level of these big records costs a lot
/// of stack, so deeper nesting is refused long before serde_json's own limit.
pub const MAX_REPLY_NESTING: u32 = 16;

thread_local! {
    static REPLY_DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// `deserialize_with` for a list of replies whose elements may hold replies: refuses to
/// go more than [`MAX_REPLY_NESTING`] levels deep, so that a hostile file gets an error
/// instead of overflowing the stack (a WebAssembly worker has 1 MB).
pub fn nested_replies<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    struct Level;
    impl Drop for Level {
        fn drop(&mut self) {
            REPLY_DEPTH.with(|c| c.set(c.get().saturating_sub(1)));
        }
    }
    let depth = REPLY_DEPTH.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let _level = Level;
    if depth > MAX_REPLY_NESTING {
        return Err(de::Error::custom(format!(
            "replies are nested inside replies more than {MAX_REPLY_NESTING} levels deep (no export nests like this; the file is damaged or hostile)"
        )));
    }
    T::deserialize(d)
}

/// A serde_json error in words: "truncated at line 3, column 14" and the like.
pub fn describe(e: serde_json::Error) -> String {
    use serde_json::error::Category;
    let at = format!("line {}, column {}", e.line(), e.column());
    if is_too_deep(&e) {
        return format!("{} at {at}", too_deep());
    }
    match e.classify() {
        Category::Eof => format!("the JSON ends early (truncated?) at {at}"),
        Category::Syntax => format!("not valid JSON at {at}: {e}"),
        Category::Data => format!("unexpected content at {at}: {e}"),
        Category::Io => format!("read error: {e}"),
    }
}

/// A JSON number that reached `visit_f64` as text, or `None` when the text could not be
/// the number written: serde_json hands integers beyond 64 bits over as floating point,
/// which keeps only about 17 digits, so two different ids of 20 digits would read as one.
/// Whole numbers of 2^53 and more (which are only reached here beyond 64 bits, or written
/// with an exponent) are refused; fractions and smaller numbers are spelled as read.
pub fn exact_number(v: f64) -> Option<String> {
    (v.is_finite() && (v.fract() != 0.0 || v.abs() < 9_007_199_254_740_992.0)).then(|| format!("{v}"))
}

/// An id that may be a JSON string or number; integers up to 64 bits keep every digit;
/// a number that cannot be read exactly (see [`exact_number`]) is a missing id (empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Id(pub String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Id;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an id (string or number)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Id, E> {
                // Only reached for non-integers or integers beyond 64 bits.
                Ok(Id(exact_number(v).unwrap_or_default()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Id, E> {
                Ok(Id(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A number that may be written as a JSON number or a string ("1452837318").
pub fn flexible_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum N<'a> {
        I(i64),
        F(f64),
        S(&'a str),
        Owned(String),
        Null(()),
    }
    Ok(match N::deserialize(d)? {
        N::I(i) => Some(i),
        N::F(f) if f.is_finite() && f.abs() < 9.0e15 => Some(f as i64),
        N::F(_) => None,
        N::S(s) => s.trim().split('.').next().and_then(|x| x.parse().ok()),
        N::Owned(s) => s.trim().split('.').next().and_then(|x| x.parse().ok()),
        N::Null(()) => None,
    })
}

/// A boolean written as `true`, `"true"`, `1` or missing.
pub fn flexible_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Spelling {
        Bool(bool),
        Text(String),
        Number(i64),
        Null(()),
    }
    Ok(match Spelling::deserialize(d)? {
        Spelling::Bool(b) => b,
        Spelling::Text(s) => matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "yes" | "1" | "y"),
        Spelling::Number(n) => n != 0,
        Spelling::Null(()) => false,
    })
}

/// Where a mentioned id at the start of `rest` ends: at the first of `stops`, or at the
/// end of `rest`. Ids have at most 32 bytes, so only 33 bytes are searched (`None` when the
/// id would be longer): searching the whole rest for every opener made text full of
/// openers (`<@<@<@…`) quadratic.
pub fn id_end(rest: &str, stops: &[u8]) -> Option<usize> {
    const MAX_ID: usize = 32;
    let window = &rest.as_bytes()[..rest.len().min(MAX_ID + 1)];
    match window.iter().position(|c| stops.contains(c)) {
        Some(end) => Some(end),
        None => (rest.len() <= MAX_ID).then_some(rest.len()),
    }
}

/// Slack-style mentions in text: `<@U123>` and `<@U123|name>`; returns the ids.
pub fn slack_mentions(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("<@") {
        rest = &rest[i + 2..];
        let Some(end) = id_end(rest, b">|") else { continue };
        let id = &rest[..end];
        if !id.is_empty() && id.bytes().all(|c| c.is_ascii_alphanumeric()) {
            out.push(id);
        }
    }
    out
}

/// A string field read leniently: borrowed from the input when it has no escapes;
/// numbers and booleans read as their text; null, objects and arrays read as "".
/// Never fails on valid JSON, so one odd field does not lose a whole record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Text<'_> {
    pub fn trimmed(&self) -> &str {
        self.0.trim()
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(exact_number(v).unwrap_or_default())))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Borrowed(if v { "true" } else { "false" })))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text<'a>, E> {
                Ok(Text::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<Text<'a>, E> {
                Ok(Text::default())
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Text<'a>, D2::Error> {
                Text::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Text<'a>, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Text::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Text<'a>, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Text::default())
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_digits() {
        let v: Vec<Id> = serde_json::from_str(r#"["U1", 12, 1234567890123456789, 18446744073709551615]"#).unwrap();
        assert_eq!(
            v,
            [Id("U1".into()), Id("12".into()), Id("1234567890123456789".into()), Id("18446744073709551615".into())]
        );
        // Beyond 64 bits digits would be lost (these two would read as one id): missing.
        let v: Vec<Id> = serde_json::from_str(r#"[123456789012345678901, 123456789012345678902, 1.5, 1e300]"#).unwrap();
        assert_eq!(v, [Id("".into()), Id("".into()), Id("1.5".into()), Id("".into())]);
        let v: Vec<Text> = serde_json::from_str(r#"[123456789012345678901, 2.5]"#).unwrap();
        assert_eq!(v, [Text("".into()), Text("2.5".into())]);
    }

    #[test]
    fn mentions() {
        assert_eq!(slack_mentions("hi <@U1> and <@W2|bob>, <#C1|x> <!here>"), ["U1", "W2"]);
        assert!(slack_mentions("<@").is_empty());
        // An id runs to the end of the text when nothing closes it; at most 32 bytes.
        assert_eq!(slack_mentions("<@U1"), ["U1"]);
        let long = "A".repeat(33);
        assert!(slack_mentions(&format!("<@{long}>")).is_empty());
        assert_eq!(slack_mentions(&format!("<@{}>", "A".repeat(32))), ["A".repeat(32)]);
        assert_eq!(slack_mentions("<@é<@U2>"), ["U2"]);
    }

    #[test]
    fn text_full_of_mention_openers_is_read_in_linear_time() {
        // Regression: 400 000 openers with nothing closing them took 8·10^10 steps.
        let text = "<@".repeat(400_000);
        assert!(slack_mentions(&text).is_empty());
    }

    #[test]
    fn too_deep_is_said_in_words() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let e = parse::<serde_json::Value>(deep.as_bytes()).unwrap_err();
        assert_eq!(
            e,
            "lists or objects are nested more than 127 levels deep (no export nests like this; the file is damaged or hostile) at line 1, column 128"
        );
        // 127 levels are read.
        let ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
        assert!(parse::<serde_json::Value>(ok.as_bytes()).is_ok());
    }

    #[test]
    fn errors_say_where() {
        let e = parse::<serde_json::Value>(b"{\n \"a\": [1,").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
    }
}
