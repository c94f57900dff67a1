//! Streams the elements of a JSON array one at a time, with the line and
//! column each starts at, so a 2 GB export never sits in memory and errors
//! point into the file. The array is either the whole document (`[...]`, as
//! `gh issue list` writes) or the value of a top-level key (`{"tickets":
//! [...]}`, as Zendesk, Intercom and Canny write). Each element's bytes are
//! handed to serde_json; the scanner here only finds where elements start
//! and end, and insists the rest of the document is well-formed.

use std::io::BufRead;
use std::sync::Arc;

use super::input::MAX_RECORD_BYTES;
use super::{ImportError, Location};

/// One array element: where it starts, its path (`[3]`, `tickets[3]`) and bytes.
pub struct Element {
    pub location: Location,
    pub bytes: Vec<u8>,
}

enum State {
    Start,
    /// Inside the array; `first` until an element or `]` was seen.
    InArray {
        first: bool,
    },
    /// After the array, inside the wrapping object.
    AfterArray,
    Done,
}

pub struct Elements<R> {
    reader: R,
    file: Arc<str>,
    line: u64,
    column: u64,
    /// Keys whose array value holds the records; empty for a bare array.
    keys: &'static [&'static str],
    prefix: String,
    index: usize,
    state: State,
}

impl<R: BufRead> Elements<R> {
    /// `keys` empty: the document is the array. Otherwise the document is an
    /// object, and the first of `keys` holding an array is read (a bare
    /// array is accepted too).
    pub fn new(reader: R, file: Arc<str>, keys: &'static [&'static str]) -> Self {
        Elements {
            reader,
            file,
            line: 1,
            column: 1,
            keys,
            prefix: String::new(),
            index: 0,
            state: State::Start,
        }
    }

    fn here(&self) -> Location {
        Location::new(&self.file, self.line).with_column(self.column)
    }

    fn fail(&self, reason: impl Into<String>) -> ImportError {
        ImportError::invalid(self.here(), "", reason)
    }

    fn peek(&mut self) -> Result<Option<u8>, ImportError> {
        let buf = self.reader.fill_buf().map_err(|e| ImportError::io(&self.file, e))?;
        Ok(buf.first().copied())
    }

    fn bump(&mut self, byte: u8) {
        self.reader.consume(1);
        if byte == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if byte & 0xC0 != 0x80 {
            // Count characters, not the continuation bytes of UTF-8.
            self.column += 1;
        }
    }

    /// Skips whitespace (and a UTF-8 BOM at the very start) and peeks.
    fn skip_ws(&mut self) -> Result<Option<u8>, ImportError> {
        loop {
            match self.peek()? {
                Some(b @ (b' ' | b'\t' | b'\r' | b'\n')) => self.bump(b),
                other => return Ok(other),
            }
        }
    }

    fn expect(&mut self, want: u8, what: &str) -> Result<(), ImportError> {
        match self.skip_ws()? {
            Some(b) if b == want => {
                self.bump(b);
                Ok(())
            }
            Some(b) => Err(self.fail(format!("expected {what}, found {:?}", b as char))),
            None => Err(self.fail(format!("expected {what}, found the end of the file"))),
        }
    }

    /// Reads one JSON value's bytes (`keep` = false discards them), checking
    /// only brackets and strings; serde_json checks the rest.
    fn value(&mut self, keep: bool) -> Result<Vec<u8>, ImportError> {
        let mut out = Vec::new();
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        loop {
            let Some(b) = self.peek()? else {
                return Err(self.fail("the file ends in the middle of a value"));
            };
            if !in_string && depth == 0 && matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n') {
                if out.is_empty() && keep {
                    return Err(self.fail(format!("expected a value, found {:?}", b as char)));
                }
                return Ok(out);
            }
            self.bump(b);
            if keep {
                if out.len() >= MAX_RECORD_BYTES {
                    return Err(self.fail(format!("a record is larger than {} MiB", MAX_RECORD_BYTES >> 20)));
                }
                out.push(b);
            }
            match (in_string, b) {
                (true, _) if escaped => escaped = false,
                (true, b'\\') => escaped = true,
                (true, b'"') => in_string = false,
                (true, _) => {}
                (false, b'"') => in_string = true,
                (false, b'{' | b'[') => depth += 1,
                (false, b'}' | b']') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Ok(out);
                    }
                }
                (false, _) => {}
            }
            if depth == 0 && !in_string && b == b'"' {
                // A complete top-level string.
                return Ok(out);
            }
        }
    }

    /// Walks the wrapping object's keys until one of `self.keys` holds an
    /// array; returns false when the object ends first. `first` is true
    /// right after the opening brace, false after a value.
    fn find_array(&mut self, mut first: bool) -> Result<bool, ImportError> {
        loop {
            match self.skip_ws()? {
                Some(b'}') if first => {
                    self.bump(b'}');
                    return Ok(false);
                }
                _ if first => {}
                Some(b',') => self.bump(b','),
                Some(b'}') => {
                    self.bump(b'}');
                    return Ok(false);
                }
                _ => return Err(self.fail("expected , or } in the top-level object")),
            }
            first = false;
            self.skip_ws()?;
            let key_bytes = self.value(true)?;
            let key: String = serde_json::from_slice(&key_bytes).map_err(|e| self.fail(format!("a key: {e}")))?;
            self.expect(b':', ":")?;
            if self.keys.contains(&key.as_str()) && self.skip_ws()? == Some(b'[') {
                self.bump(b'[');
                self.prefix = key;
                return Ok(true);
            }
            self.skip_ws()?;
            self.value(false)?;
        }
    }

    fn start(&mut self) -> Result<(), ImportError> {
        if self.skip_ws()? == Some(0xEF) {
            for _ in 0..3 {
                self.reader.consume(1);
            }
        }
        match self.skip_ws()? {
            Some(b'[') => {
                self.bump(b'[');
                self.state = State::InArray { first: true };
            }
            Some(b'{') if !self.keys.is_empty() => {
                self.bump(b'{');
                if !self.find_array(true)? {
                    return Err(self.fail(format!("no {} array in this object", self.keys.join(" or "))));
                }
                self.state = State::InArray { first: true };
            }
            _ if self.keys.is_empty() => return Err(self.fail("expected a JSON array ([ ... ])")),
            _ => {
                return Err(self.fail(format!(
                    "expected a JSON object with a {} array",
                    self.keys.join(" or ")
                )));
            }
        }
        Ok(())
    }

    /// The next element, or `None` after the closing `]` (and the rest of
    /// the document, which must be well-formed).
    fn advance(&mut self) -> Result<Option<Element>, ImportError> {
        loop {
            match self.state {
                State::Done => return Ok(None),
                State::Start => self.start()?,
                State::InArray { first } => {
                    match self.skip_ws()? {
                        Some(b']') => {
                            self.bump(b']');
                            self.state = if self.prefix.is_empty() {
                                State::Done
                            } else {
                                State::AfterArray
                            };
                            if self.prefix.is_empty() {
                                self.finish()?;
                            }
                            continue;
                        }
                        Some(b',') if !first => self.bump(b','),
                        _ if first => {}
                        _ => return Err(self.fail("expected , or ] between array elements")),
                    }
                    self.skip_ws()?;
                    let location = self.here().with_path(format!("{}[{}]", self.prefix, self.index));
                    let bytes = self.value(true)?;
                    self.index += 1;
                    self.state = State::InArray { first: false };
                    return Ok(Some(Element { location, bytes }));
                }
                State::AfterArray => {
                    self.keys = &[];
                    self.find_array(false)?;
                    self.finish()?;
                }
            }
        }
    }

    /// Only whitespace may follow the document.
    fn finish(&mut self) -> Result<(), ImportError> {
        self.state = State::Done;
        match self.skip_ws()? {
            None => Ok(()),
            Some(b) => Err(self.fail(format!("unexpected {:?} after the end of the JSON document", b as char))),
        }
    }
}

impl<R: BufRead> Iterator for Elements<R> {
    type Item = Result<Element, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.advance() {
            Ok(Some(e)) => Some(Ok(e)),
            Ok(None) => None,
            Err(e) => {
                self.state = State::Done;
                Some(Err(e))
            }
        }
    }
}

impl Element {
    /// Parses the element, translating serde's position (relative to the
    /// element) into the file's line and column.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, ImportError> {
        serde_json::from_slice(&self.bytes).map_err(|e| {
            let mut at = self.location.clone();
            let line = e.line() as u64;
            if line > 1 {
                at.line += line - 1;
                at.column = Some(e.column() as u64);
            } else {
                at.column = at.column.map(|c| c + (e.column() as u64).saturating_sub(1));
            }
            ImportError::invalid(at, "", strip_position(&e.to_string()))
        })
    }
}

/// serde_json appends "at line L column C" relative to the element; the
/// location already says where, in the file's terms.
pub fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn elements(text: &str, keys: &'static [&'static str]) -> Vec<Result<(String, u64, String), String>> {
        Elements::new(text.as_bytes(), Arc::from("f.json"), keys)
            .map(|r| {
                r.map(|e| {
                    let path = e.location.path.clone().unwrap_or_default();
                    (path, e.location.line, String::from_utf8(e.bytes).expect("utf-8"))
                })
                .map_err(|e| e.to_string())
            })
            .collect()
    }

    #[test]
    fn a_bare_array_streams_its_elements_with_lines() {
        let got = elements("[\n {\"a\": \"x]\"},\n {\"b\": [1, {\"c\": 2}]}\n]\n", &[]);
        let got: Vec<_> = got.into_iter().map(|r| r.expect("ok")).collect();
        assert_eq!(
            got,
            vec![
                ("[0]".to_string(), 2, r#"{"a": "x]"}"#.to_string()),
                ("[1]".to_string(), 3, r#"{"b": [1, {"c": 2}]}"#.to_string())
            ]
        );
        assert!(elements("[]", &[]).is_empty());
    }

    #[test]
    fn a_wrapped_array_is_found_past_other_keys() {
        let text = r#"{"hasMore": false, "meta": {"posts": 1}, "posts": [{"id": "1"}], "after": [1]}"#;
        let got = elements(text, &["posts"]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].as_ref().expect("ok").0, "posts[0]");
        let err = elements(r#"{"tickets": 3}"#, &["tickets"]);
        assert!(
            err[0].as_ref().expect_err("no array").contains("no tickets array"),
            "{err:?}"
        );
    }

    #[test]
    fn broken_documents_are_errors_with_positions() {
        let got = elements("[{\"a\": 1}\n {\"b\": 2}]", &[]);
        let err = got[1].as_ref().expect_err("missing comma");
        assert!(err.starts_with("f.json:2:2: expected , or ]"), "{err}");
        let got = elements("[{\"a\": 1}] trailing", &[]);
        assert!(
            got[1].as_ref().expect_err("trailing").contains("after the end"),
            "{got:?}"
        );
        let got = elements("[{\"a\": ", &[]);
        assert!(
            got[0].as_ref().expect_err("cut").contains("ends in the middle"),
            "{got:?}"
        );
    }

    #[test]
    fn element_parse_errors_point_into_the_file() {
        let mut els = Elements::new(&b"[\n  {\"a\": 1},\n  {\"a\": tru}\n]"[..], Arc::from("f.json"), &[]);
        els.next();
        let second = els.next().expect("element").expect("ok");
        let err = second.parse::<serde_json::Value>().expect_err("bad literal");
        assert!(err.to_string().starts_with("f.json:3:"), "{err}");
        assert_eq!(err.location().and_then(|l| l.path.clone()).as_deref(), Some("[1]"));
    }
}
