//! Shared helpers for JSON importers: parsing with errors a person can act on, ids that
//! arrive as numbers or strings, and mention extraction from message text.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::sniff::strip_bom;

/// Parses a whole JSON document, with the line and column of the first problem.
pub fn parse<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    serde_json::from_slice(strip_bom(bytes)).map_err(describe)
}

/// A serde_json error in words: "truncated at line 3, column 14" and the like.
pub fn describe(e: serde_json::Error) -> String {
    use serde_json::error::Category;
    let at = format!("line {}, column {}", e.line(), e.column());
    match e.classify() {
        Category::Eof => format!("the JSON ends early (truncated?) at {at}"),
        Category::Syntax => format!("not valid JSON at {at}: {e}"),
        Category::Data => format!("unexpected content at {at}: {e}"),
        Category::Io => format!("read error: {e}"),
    }
}

/// An id that may be a JSON string or number; numbers beyond 2^53 keep every digit.
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
                // Only reached for non-integers or integers beyond u64: keep them readable.
                Ok(Id(format!("{v}")))
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

/// Slack-style mentions in text: `<@U123>` and `<@U123|name>`; returns the ids.
pub fn slack_mentions(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("<@") {
        rest = &rest[i + 2..];
        let end = rest.find(['>', '|']).unwrap_or(rest.len());
        let id = &rest[..end];
        if !id.is_empty() && id.len() <= 32 && id.bytes().all(|c| c.is_ascii_alphanumeric()) {
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
                Ok(Text(Cow::Owned(v.to_string())))
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
        let v: Vec<Id> = serde_json::from_str(r#"["U1", 12, 1234567890123456789]"#).unwrap();
        assert_eq!(v, [Id("U1".into()), Id("12".into()), Id("1234567890123456789".into())]);
    }

    #[test]
    fn mentions() {
        assert_eq!(slack_mentions("hi <@U1> and <@W2|bob>, <#C1|x> <!here>"), ["U1", "W2"]);
        assert!(slack_mentions("<@").is_empty());
    }

    #[test]
    fn errors_say_where() {
        let e = parse::<serde_json::Value>(b"{\n \"a\": [1,").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
    }
}
