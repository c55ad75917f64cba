//! A cheap look at the shape of a file, enough to tell formats apart by content.
//!
//! Reads at most a prefix of the file with a tiny tolerant JSON scanner: the top-level
//! keys (with short string values and the keys of the first element of array values),
//! or, for a top-level array, the keys of its first element. Big files are never parsed
//! twice in full just to be recognised, and a truncated prefix is fine.

/// How much of a file detection reads.
pub const SNIFF_BYTES: usize = 256 * 1024;

#[derive(Clone, Debug, PartialEq)]
pub enum Preview {
    /// A string value (cut to 200 bytes).
    Str(String),
    /// An array, with the keys of its first element when that is an object.
    Array {
        first_keys: Vec<String>,
        empty: bool,
    },
    Object(Vec<String>),
    Other,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A JSON object (or the first of several, for JSON Lines): its keys in order.
    Object { keys: Vec<(String, Preview)>, more_values: bool },
    /// A JSON array: the keys of its first element, if it is an object. `blank` when it is
    /// not empty but holds only empty strings (`[""]`, which Slack writes for empty lists),
    /// all of them within the window read.
    Array { first_keys: Vec<String>, empty: bool, blank: bool },
    /// Text whose first line looks like a CSV header.
    Csv { headers: Vec<String> },
    /// Anything else, with why.
    Unknown(String),
}

impl Shape {
    pub fn has_key(&self, k: &str) -> bool {
        match self {
            Shape::Object { keys, .. } => keys.iter().any(|(x, _)| x == k),
            Shape::Array { first_keys, .. } => first_keys.iter().any(|x| x == k),
            Shape::Csv { headers } => headers.iter().any(|x| x == k),
            Shape::Unknown(_) => false,
        }
    }
    pub fn get(&self, k: &str) -> Option<&Preview> {
        match self {
            Shape::Object { keys, .. } => keys.iter().find(|(x, _)| x == k).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn str_value(&self, k: &str) -> Option<&str> {
        match self.get(k) {
            Some(Preview::Str(s)) => Some(s),
            _ => None,
        }
    }
    /// Keys of the first element of the array under `k`.
    pub fn array_keys(&self, k: &str) -> Option<&[String]> {
        match self.get(k) {
            Some(Preview::Array { first_keys, .. }) => Some(first_keys),
            _ => None,
        }
    }
}

/// Whether `b` begins like a ZIP archive (a local file header, or the end record of an
/// empty archive). The one signature check of Clover: archives, detection and the CLI.
pub fn is_zip(b: &[u8]) -> bool {
    b.starts_with(b"PK\x03\x04") || b.starts_with(b"PK\x05\x06")
}

/// Whether `b` begins like a gzip stream (its magic bytes).
pub fn is_gzip(b: &[u8]) -> bool {
    b.starts_with(&[0x1f, 0x8b])
}

/// Strips a UTF-8 byte-order mark.
pub fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(b)
}

pub fn sniff(bytes: &[u8]) -> Shape {
    let b = strip_bom(bytes);
    let b = &b[..b.len().min(SNIFF_BYTES)];
    if b.starts_with(&[0xFF, 0xFE]) || b.starts_with(&[0xFE, 0xFF]) {
        return Shape::Unknown("it is UTF-16 text; save it as UTF-8".into());
    }
    let mut s = Scanner { b, i: 0, depth: 0 };
    s.ws();
    match s.peek() {
        Some(b'{') => {
            let mut keys = Vec::new();
            let complete = s.object(|k, s| {
                let v = s.preview();
                keys.push((k, v));
            });
            let mut more = false;
            if complete {
                s.ws();
                more = s.peek().is_some();
            }
            if keys.is_empty() && !complete {
                return Shape::Unknown("it is not valid JSON".into());
            }
            Shape::Object { keys, more_values: more }
        }
        Some(b'[') => {
            let blank = Scanner { b, i: s.i, depth: 0 }.blank_list() == Some(true);
            // Nothing after the first element matters here: the rest is not scanned.
            let (first_keys, empty) = s.array_first_keys(false);
            Shape::Array { first_keys, empty, blank }
        }
        None => Shape::Unknown("the file is empty".into()),
        _ => csv_shape(b),
    }
}

/// The shape of a file of which `head` is only the beginning, when that beginning decides
/// it (reading more of the file, up to [`SNIFF_BYTES`], would give the same shape): an array
/// whose first element ends within it, CSV or other text whose first line does. `None` when
/// more must be read (a top-level object's keys are read through the whole window).
pub fn settled(head: &[u8]) -> Option<Shape> {
    let b = strip_bom(head);
    if b.len() >= SNIFF_BYTES || b.starts_with(&[0xFF, 0xFE]) || b.starts_with(&[0xFE, 0xFF]) {
        return Some(sniff(head));
    }
    let mut s = Scanner { b, i: 0, depth: 0 };
    s.ws();
    match s.peek() {
        Some(b'[') => {
            // A list of blank strings is told only where it ends, or where another element
            // shows it is not one.
            (Scanner { b, i: s.i, depth: 0 }).blank_list()?;
            s.i += 1;
            s.ws();
            let decided = match s.peek() {
                None => false,
                Some(b'{') => s.object(|_, s| {
                    s.skip();
                }),
                Some(_) => true,
            };
            decided.then(|| sniff(head))
        }
        Some(b'{') | None => None,
        Some(_) => b.contains(&b'\n').then(|| sniff(head)),
    }
}

fn csv_shape(b: &[u8]) -> Shape {
    let line_end = b.iter().position(|&c| c == b'\n').unwrap_or(b.len());
    let line = &b[..line_end];
    let Ok(text) = std::str::from_utf8(line) else {
        return Shape::Unknown("it is neither JSON nor UTF-8 text".into());
    };
    let text = text.trim_end_matches('\r');
    if !text.contains(',') || text.contains('\0') {
        return Shape::Unknown("it is neither JSON nor a CSV table".into());
    }
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    let headers = match rdr.records().next() {
        Some(Ok(r)) => r.iter().map(|h| h.trim().to_lowercase()).collect(),
        _ => return Shape::Unknown("its first line is not a CSV header".into()),
    };
    Shape::Csv { headers }
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    depth: u32,
}

/// Deeper than this, the scanner stops looking (and never recurses further).
const MAX_DEPTH: u32 = 64;

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }
    /// Reads a string at the cursor (which is on the opening quote).
    fn string(&mut self) -> Option<String> {
        let start = self.i + 1;
        self.skip_string().then(|| {
            let raw = &self.b[start..self.i - 1];
            String::from_utf8_lossy(&raw[..raw.len().min(200)]).into_owned()
        })
    }
    /// Moves past a string at the cursor (which is on the opening quote) without reading it;
    /// false if the input ended first.
    fn skip_string(&mut self) -> bool {
        if self.peek() != Some(b'"') {
            return false;
        }
        let rest = &self.b[self.i + 1..];
        let mut at = 0;
        // To the next quote or backslash; a backslash escapes the byte after it.
        while let Some(k) = rest[at..].iter().position(|&c| c == b'"' || c == b'\\') {
            at += k;
            if rest[at] == b'"' {
                self.i += at + 2;
                return true;
            }
            at += 2;
            if at > rest.len() {
                break;
            }
        }
        self.i = self.b.len();
        false
    }
    /// Skips any value; false if the input ended first.
    fn skip(&mut self) -> bool {
        self.ws();
        match self.peek() {
            Some(b'"') => self.skip_string(),
            Some(b'{') | Some(b'[') => {
                // Iterative: nesting depth is unbounded in hostile files.
                let mut stack = 0usize;
                while let Some(c) = self.peek() {
                    match c {
                        b'"' => {
                            if !self.skip_string() {
                                return false;
                            }
                            continue;
                        }
                        b'{' | b'[' => stack += 1,
                        b'}' | b']' => {
                            stack -= 1;
                            if stack == 0 {
                                self.i += 1;
                                return true;
                            }
                        }
                        _ => {}
                    }
                    self.i += 1;
                }
                false
            }
            Some(_) => {
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                        return true;
                    }
                    self.i += 1;
                }
                false
            }
            None => false,
        }
    }
    /// Walks an object, calling `f` with each key while the cursor is on its value, which
    /// `f` must consume. Returns whether the object was complete.
    fn object(&mut self, mut f: impl FnMut(String, &mut Self)) -> bool {
        self.i += 1; // {
        self.depth += 1;
        loop {
            self.ws();
            match self.peek() {
                Some(b'}') => {
                    self.i += 1;
                    self.depth -= 1;
                    return true;
                }
                Some(b',') => {
                    self.i += 1;
                    continue;
                }
                Some(b'"') => {
                    let Some(k) = self.string() else { return false };
                    self.ws();
                    if self.peek() != Some(b':') {
                        return false;
                    }
                    self.i += 1;
                    self.ws();
                    let before = self.i;
                    f(k, self);
                    if self.i == before && !self.skip() {
                        return false;
                    }
                    if self.i >= self.b.len() {
                        return false;
                    }
                }
                _ => return false,
            }
        }
    }
    fn keys_of_object(&mut self) -> Vec<String> {
        let mut keys = Vec::new();
        if self.depth >= MAX_DEPTH {
            self.skip();
            return keys;
        }
        self.object(|k, s| {
            keys.push(k);
            s.skip();
        });
        keys
    }
    /// For an array at the cursor: whether it holds only empty strings (and at least one),
    /// `None` when the input ends before that is known. Leaves the cursor where it stopped.
    fn blank_list(&mut self) -> Option<bool> {
        self.i += 1; // [
        let mut blanks = 0usize;
        loop {
            // A value: an empty string (or, before the first one, the end of an empty list).
            self.ws();
            match (self.peek(), self.b.get(self.i + 1)) {
                (None, _) | (Some(b'"'), None) => return None,
                (Some(b']'), _) if blanks == 0 => return Some(false),
                (Some(b'"'), Some(b'"')) => {
                    self.i += 2;
                    blanks += 1;
                }
                _ => return Some(false),
            }
            // Then a comma, or the end of the list.
            self.ws();
            match self.peek() {
                None => return None,
                Some(b']') => return Some(true),
                Some(b',') => self.i += 1,
                Some(_) => return Some(false),
            }
        }
    }
    /// For an array at the cursor: keys of its first element, and whether it is empty.
    /// Leaves the cursor after the array (or at the end of the prefix) when `past` is true.
    fn array_first_keys(&mut self, past: bool) -> (Vec<String>, bool) {
        self.i += 1; // [
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return (Vec::new(), true);
        }
        let keys = if self.peek() == Some(b'{') { self.keys_of_object() } else { Vec::new() };
        if !past {
            return (keys, false);
        }
        // Skip the rest of the array.
        let mut depth = 1usize;
        while let Some(c) = self.peek() {
            match c {
                b'"' => {
                    if !self.skip_string() {
                        break;
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.i += 1;
                        break;
                    }
                }
                _ => {}
            }
            self.i += 1;
        }
        (keys, false)
    }
    fn preview(&mut self) -> Preview {
        self.ws();
        match self.peek() {
            Some(b'"') => self.string().map_or(Preview::Other, Preview::Str),
            Some(b'[') => {
                let (first_keys, empty) = self.array_first_keys(true);
                Preview::Array { first_keys, empty }
            }
            Some(b'{') => Preview::Object(self.keys_of_object()),
            _ => {
                self.skip();
                Preview::Other
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let s = sniff(br#"{"guild": {"id": "1"}, "channel": {"id": "2"}, "messages": [{"id": "3", "type": "Default"}, {"x": 1}]}"#);
        assert!(s.has_key("guild"));
        assert_eq!(s.array_keys("messages").unwrap(), ["id", "type"]);
        let s = sniff(b"\xEF\xBB\xBF[{\"type\": \"message\", \"ts\": \"1.2\"}]");
        assert_eq!(s, Shape::Array { first_keys: vec!["type".into(), "ts".into()], empty: false, blank: false });
        // Lists of blank strings (Slack's empty lists.json), and lists that only start so.
        let blank = |t: &str| matches!(sniff(t.as_bytes()), Shape::Array { blank: true, empty: false, .. });
        assert!(blank(r#"[""]"#) && blank("[\n\"\"\n]") && blank(r#"[ "" , "" ]"#));
        for t in [r#"[]"#, r#"["", "x"]"#, r#"["", {}]"#, r#"["x"]"#, r#"[""#, r#"["", "#, r#"[,""]"#, r#"["",]"#] {
            assert!(!blank(t), "{t}");
        }
        // The first bytes settle a blank list only once it ends, or once it is not one.
        assert_eq!(settled(br#"["", "", "#), None);
        assert_eq!(settled(br#"["", ""]"#), Some(sniff(br#"["", ""]"#)));
        assert_eq!(settled(br#"["", 1, "#), Some(sniff(br#"["", 1, "#)));
        let s = sniff(b"{\"type\":\"version\",\"version\":1}\n{\"type\":\"team\",\"team\":{}}\n");
        assert!(matches!(s, Shape::Object { more_values: true, .. }));
        assert_eq!(s.str_value("type"), Some("version"));
        let s = sniff(b"id,name,Email,Department\n1,a,b,c\n");
        assert_eq!(s, Shape::Csv { headers: vec!["id".into(), "name".into(), "email".into(), "department".into()] });
        assert!(matches!(sniff(b""), Shape::Unknown(_)));
        assert!(matches!(sniff(b"hello world"), Shape::Unknown(_)));
        // Truncated and deeply nested input neither panics nor recurses without bound.
        let deep = "[".repeat(100_000);
        let _ = sniff(deep.as_bytes());
        let deep = "{\"a\":".repeat(100_000);
        let _ = sniff(deep.as_bytes());
        let _ = sniff(br#"{"messages": [{"id": "#);
    }
}
