//! Shared helpers for JSON importers: parsing with errors a person can act on, the lenient
//! field types every importer but Clover JSON reads ([`Text`], [`Flag`], [`Int`], [`Obj`],
//! [`List`]: one decision for all formats), and mention extraction from message text.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
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

/// `parts` written one after another into `buf` (cleared first): how importers write the
/// keys they look people, spaces and messages up by, without a `format!` per key (with
/// several keys a message, formatting was up to a fifth of an import's instructions).
pub fn key_into<'b>(buf: &'b mut String, parts: &[&str]) -> &'b str {
    buf.clear();
    for p in parts {
        buf.push_str(p);
    }
    buf
}

/// Appends the decimal digits of `n` to `buf` (as `format!("{n}")` writes them).
pub fn push_int(buf: &mut String, n: i64) {
    if n < 0 {
        buf.push('-');
    }
    let mut digits = [0u8; 20];
    let mut v = n.unsigned_abs();
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    buf.extend(digits[i..].iter().map(|&d| d as char));
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

// ---------------------------------------------------------------------------------------
// Lenient field types, shared by every importer but Clover JSON (which is strict: it is
// Clover's own documented format, and a file that breaks it is refused rather than guessed).
//
// One decision for all formats: a field of an unexpected type is read as missing (or, for
// numbers where text is expected, as their digits), never as an error that would lose the
// whole record or file. Values skipped are consumed without recursion into their content.
// ---------------------------------------------------------------------------------------

/// Consumes the rest of a list a visitor does not want.
pub fn skip_seq<'de, A: SeqAccess<'de>>(mut a: A) -> Result<(), A::Error> {
    while a.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Consumes the rest of an object a visitor does not want.
pub fn skip_map<'de, A: MapAccess<'de>>(mut a: A) -> Result<(), A::Error> {
    while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// A text field (a name, an id, a time, a type), read leniently. The behaviour, the same in
/// every format that uses it (Slack, Teams, Viva Engage, Mattermost, Discord):
///
/// - a **string** is the text, borrowed from the input when it has no escapes;
/// - an **integer** is its digits, every one of them up to 64 bits (ids are often numbers:
///   `12` and `"12"` are the same id);
/// - any **other number** is its shortest decimal spelling (`2.5`) when that is the number
///   written, and missing when it cannot be (an integer beyond 64 bits keeps only about 17
///   digits, so two different ids would read as one: see [`exact_number`]);
/// - **`true`/`false`, `null`, a list or an object** is missing: no export writes a boolean
///   where Clover reads text ("true" is never a name or an id; yes/no fields are [`Flag`]s),
///   and lists and objects are skipped unread.
///
/// Missing is the empty string; [`Text::get`] gives the trimmed text, or `None` when blank.
/// Never fails on valid JSON, so one odd field does not lose a whole record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Text<'_> {
    /// The text, trimmed; `None` when missing or blank.
    pub fn get(&self) -> Option<&str> {
        Some(self.0.trim()).filter(|s| !s.is_empty())
    }
    /// The text, trimmed (empty when missing).
    pub fn trimmed(&self) -> &str {
        self.0.trim()
    }
    /// [`Text::get`], owned.
    pub fn owned(&self) -> Option<String> {
        self.get().map(str::to_string)
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
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Text<'a>, E> {
                Ok(Text::default())
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
            fn visit_seq<A: SeqAccess<'de>>(self, a: A) -> Result<Text<'a>, A::Error> {
                skip_seq(a).map(|()| Text::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<Text<'a>, A::Error> {
                skip_map(a).map(|()| Text::default())
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// A yes/no field, read leniently, the same in every format: `true`/`false`; a number
/// (zero is no, any other number yes); a string `true`, `yes`, `y`, `t`, `1` or `false`, `no`,
/// `n`, `f`, `0` (trimmed, any case). Anything else (null, another string, a list, an
/// object) is unknown: `None`, which [`Flag::yes`] reads as no.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flag(pub Option<bool>);

impl Flag {
    /// True only when the field says yes.
    pub fn yes(self) -> bool {
        self.0 == Some(true)
    }
    /// The meaning of a yes/no word (see [`Flag`]).
    pub fn from_word(s: &str) -> Option<bool> {
        match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "t" | "1" => Some(true),
            "false" | "no" | "n" | "f" | "0" => Some(false),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("yes or no")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(Some(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                Ok(Flag(Flag::from_word(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Flag, E> {
                Ok(Flag(Some(v != 0)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Flag, E> {
                Ok(Flag(Some(v != 0)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Flag, E> {
                Ok(Flag(Some(v != 0.0)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Flag, E> {
                Ok(Flag(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Flag, E> {
                Ok(Flag(None))
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Flag, D2::Error> {
                Flag::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, a: A) -> Result<Flag, A::Error> {
                skip_seq(a).map(|()| Flag(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<Flag, A::Error> {
                skip_map(a).map(|()| Flag(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A whole number (a count, epoch milliseconds), read leniently, the same in every format:
/// an integer as written (within 64 bits, signed); another number truncated toward zero
/// when it is smaller than 2^53 in size (beyond, it is not exact); a string holding an
/// integer, trimmed, of which only the part before a `.` is read (`"1452837318"`,
/// `"3.0"`). Anything else (`1e20`, a word, a boolean, null, a list, an object) is `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Int(pub Option<i64>);

impl Int {
    /// The number when it is a count (zero or more).
    pub fn count(self) -> Option<u64> {
        self.0.and_then(|v| u64::try_from(v).ok())
    }
}

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Int;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Int, E> {
                Ok(Int(Some(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Int, E> {
                Ok(Int(i64::try_from(v).ok()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Int, E> {
                Ok(Int((v.is_finite() && v.abs() < 9_007_199_254_740_992.0).then_some(v as i64)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Int, E> {
                Ok(Int(v.trim().split('.').next().and_then(|x| x.parse().ok())))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Int, E> {
                Ok(Int(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Int, E> {
                Ok(Int(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Int, E> {
                Ok(Int(None))
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Int, D2::Error> {
                Int::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, a: A) -> Result<Int, A::Error> {
                skip_seq(a).map(|()| Int(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<Int, A::Error> {
                skip_map(a).map(|()| Int(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// An object field, read leniently: anything that is not an object is missing (`None`).
/// The object itself is read as `T`, so its own fields decide how strict it is.
#[derive(Clone, Debug)]
pub struct Obj<T>(pub Option<T>);

impl<T> Default for Obj<T> {
    fn default() -> Self {
        Obj(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Obj<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Obj<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(|t| Obj(Some(t)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Obj<T>, A::Error> {
                skip_seq(seq).map(|()| Obj(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Obj<T>, E> {
                Ok(Obj(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Obj<T>, E> {
                Ok(Obj(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Obj<T>, E> {
                Ok(Obj(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Obj<T>, E> {
                Ok(Obj(None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Obj<T>, E> {
                Ok(Obj(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Obj<T>, E> {
                Ok(Obj(None))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// A list field, read leniently: anything that is not a list is an empty list. Its
/// elements are read as `T` (use `List<Obj<…>>` for elements that may not be objects).
#[derive(Clone, Debug)]
pub struct List<T>(pub Vec<T>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = seq.next_element::<T>()? {
                    v.push(x);
                }
                Ok(List(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<List<T>, A::Error> {
                skip_map(map).map(|()| List(Vec::new()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<List<T>, E> {
                Ok(List(Vec::new()))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<List<T>, E> {
                Ok(List(Vec::new()))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<List<T>, E> {
                Ok(List(Vec::new()))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<List<T>, E> {
                Ok(List(Vec::new()))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<List<T>, E> {
                Ok(List(Vec::new()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<List<T>, E> {
                Ok(List(Vec::new()))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(json: &str) -> Vec<String> {
        serde_json::from_str::<Vec<Text>>(json).unwrap().into_iter().map(|t| t.0.into_owned()).collect()
    }

    #[test]
    fn text_reads_strings_and_numbers_and_nothing_else() {
        assert_eq!(
            texts(r#"["U1", " b\n", 12, -3, 18446744073709551615, 2.5, true, false, null, [1, [2]], {"x": {"y": 1}}]"#),
            ["U1", " b\n", "12", "-3", "18446744073709551615", "2.5", "", "", "", "", ""]
        );
        // Beyond 64 bits digits would be lost (these two would read as one id): missing.
        assert_eq!(texts("[123456789012345678901, 123456789012345678902, 1.5, 1e300]"), ["", "", "1.5", ""]);
        let v: Vec<Text> = serde_json::from_str(r#"["  a  ", "   ", 7]"#).unwrap();
        assert_eq!(v.iter().map(Text::get).collect::<Vec<_>>(), [Some("a"), None, Some("7")]);
        // Borrowed from the input unless escaped.
        let v: Vec<Text> = serde_json::from_str(r#"["plain", "esc\"aped"]"#).unwrap();
        assert!(matches!(v[0].0, Cow::Borrowed(_)) && matches!(v[1].0, Cow::Owned(_)));
    }

    #[test]
    fn flags_and_ints_are_read_the_same_way_everywhere() {
        let f: Vec<Flag> = serde_json::from_str(
            r#"[true, false, 1, 0, 2.5, "TRUE", " yes ", "y", "t", "1", "false", "No", "0", "maybe", "", null, [], {}]"#,
        )
        .unwrap();
        let t = Some(true);
        let n = Some(false);
        assert_eq!(
            f.iter().map(|f| f.0).collect::<Vec<_>>(),
            [t, n, t, n, t, t, t, t, t, t, n, n, n, None, None, None, None, None]
        );
        let i: Vec<Int> = serde_json::from_str(
            r#"[3, -5, 18446744073709551615, 2.9, 1e20, "42", " 7.0 ", "x", "", true, null, [1], {"a": 1}]"#,
        )
        .unwrap();
        assert_eq!(
            i.iter().map(|i| i.0).collect::<Vec<_>>(),
            [Some(3), Some(-5), None, Some(2), None, Some(42), Some(7), None, None, None, None, None, None]
        );
        assert_eq!((Int(Some(-5)).count(), Int(Some(5)).count()), (None, Some(5)));
    }

    #[test]
    fn objects_and_lists_that_are_not_are_missing() {
        #[derive(Deserialize, Debug, PartialEq)]
        struct A {
            a: u8,
        }
        let o: Vec<Obj<A>> = serde_json::from_str(r#"[{"a": 1}, [1], "x", 3, null, true]"#).unwrap();
        assert_eq!(o.into_iter().map(|o| o.0).collect::<Vec<_>>(), [Some(A { a: 1 }), None, None, None, None, None]);
        let l: Vec<List<u8>> = serde_json::from_str(r#"[[1, 2], {"a": 1}, "x", 3, null]"#).unwrap();
        assert_eq!(l.into_iter().map(|l| l.0).collect::<Vec<_>>(), [vec![1, 2], vec![], vec![], vec![], vec![]]);
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
