//! Pith patch: a small JSON reader for the JSON-LD metadata, in place of the `gjson` crate
//! (the wasm build is size-budgeted, and gjson's path language, modifiers and pretty
//! printer were 24 KB gzipped of it). It reads what `parse_json_ld` and Pith's
//! `articleBody` search ask of it, with gjson's answers:
//!
//! - [`Json::parse`] is lenient, as gjson is: raw control characters inside strings,
//!   trailing commas and any byte up to a space between tokens are accepted, and an invalid
//!   `\uXXXX` reads as U+FFFD. A document broken part-way keeps what came before the
//!   break and nothing after it (gjson skipped on to later keys of the enclosing objects;
//!   reading on from the break could take a nested object's keys for its parent's).
//!   [`Json::parse_strict`] reads strict JSON (RFC 8259), for callers that want it.
//! - Where gjson cut a string short (at a raw control character once the string has an
//!   escape, at an escape JSON does not define such as `\'`), the whole string is read.
//! - [`Json::str`] is a string's unescaped text, and the raw JSON text of anything else
//!   (`""` for `null`), as gjson's `Value::str` gives.
//! - Object members are looked up by key, the first of equal keys winning.

use std::borrow::Cow;

/// Nesting deeper than this ends the document there (a hostile page cannot exhaust the stack).
const MAX_DEPTH: usize = 128;

/// A JSON value and its text in the source.
#[derive(Debug, Clone)]
pub struct Json<'a> {
    raw: &'a str,
    value: Value<'a>,
}

#[derive(Debug, Clone)]
enum Value<'a> {
    Null,
    Bool,
    Number,
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

/// Where reading failed: the values read so far are kept (lenient) or dropped (strict).
struct Broken;

impl<'a> Json<'a> {
    /// Reads `text` leniently; a document that is not JSON at all reads as `null`.
    pub fn parse(text: &'a str) -> Json<'a> {
        let mut reader = Reader { text, bytes: text.as_bytes(), at: 0, strict: false, stopped: false };
        reader.skip_space();
        reader.value(0).unwrap_or(Json { raw: "", value: Value::Null })
    }

    /// Reads `text` as strict JSON: `None` unless it is one valid value (whitespace around
    /// it allowed).
    pub fn parse_strict(text: &'a str) -> Option<Json<'a>> {
        let mut reader = Reader { text, bytes: text.as_bytes(), at: 0, strict: true, stopped: false };
        reader.skip_space();
        let value = reader.value(0).ok()?;
        reader.skip_space();
        (reader.at == text.len()).then_some(value)
    }

    pub fn is_string(&self) -> bool {
        matches!(self.value, Value::String(_))
    }

    pub fn is_object(&self) -> bool {
        matches!(self.value, Value::Object(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self.value, Value::Array(_))
    }

    /// A string's text; any other value's JSON text (`""` for `null`).
    pub fn str(&self) -> &str {
        match &self.value {
            Value::String(s) => s,
            Value::Null => "",
            _ => self.raw,
        }
    }

    /// An object's member called `key` (the first, if the key repeats).
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match &self.value {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// An array's elements; an object's member values; nothing for other values.
    pub fn children(&self) -> impl Iterator<Item = (Option<&str>, &Json<'a>)> {
        let (elements, members) = match &self.value {
            Value::Array(elements) => (elements.as_slice(), &[][..]),
            Value::Object(members) => (&[][..], members.as_slice()),
            _ => (&[][..], &[][..]),
        };
        elements.iter().map(|e| (None, e)).chain(members.iter().map(|(k, v)| (Some(k.as_ref()), v)))
    }
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    strict: bool,
    /// Lenient reading met a break: every open array and object ends where it is.
    stopped: bool,
}

impl<'a> Reader<'a> {
    fn skip_space(&mut self) {
        while let Some(&b) = self.bytes.get(self.at) {
            let space = if self.strict { matches!(b, b' ' | b'\t' | b'\n' | b'\r') } else { b <= b' ' };
            if !space {
                break;
            }
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_space();
        let found = self.bytes.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    /// The value at the cursor (spaces before it skipped).
    fn value(&mut self, depth: usize) -> Result<Json<'a>, Broken> {
        self.skip_space();
        let start = self.at;
        let value = match self.bytes.get(self.at).ok_or(Broken)? {
            b'"' => Value::String(self.string()?),
            b'{' | b'[' if depth >= MAX_DEPTH => return Err(Broken),
            b'{' => self.object(depth)?,
            b'[' => self.array(depth)?,
            b't' => self.literal("true", Value::Bool)?,
            b'f' => self.literal("false", Value::Bool)?,
            b'n' => self.literal("null", Value::Null)?,
            _ => self.number()?,
        };
        Ok(Json { raw: &self.text[start..self.at], value })
    }

    fn literal(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, Broken> {
        if !self.bytes[self.at..].starts_with(word.as_bytes()) {
            return Err(Broken);
        }
        self.at += word.len();
        Ok(value)
    }

    fn number(&mut self) -> Result<Value<'a>, Broken> {
        let start = self.at;
        while matches!(self.bytes.get(self.at), Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')) {
            self.at += 1;
        }
        let number = &self.bytes[start..self.at];
        let ok = if self.strict { is_strict_number(number) } else { !number.is_empty() };
        if ok { Ok(Value::Number) } else { Err(Broken) }
    }

    /// A string at the cursor (its opening quote), unescaped.
    fn string(&mut self) -> Result<Cow<'a, str>, Broken> {
        self.at += 1;
        let start = self.at;
        loop {
            let &byte = self.bytes.get(self.at).ok_or(Broken)?;
            match byte {
                b'"' => {
                    self.at += 1;
                    return Ok(Cow::Borrowed(&self.text[start..self.at - 1]));
                }
                b'\\' => {
                    let mut out = String::from(&self.text[start..self.at]);
                    self.at += 1;
                    out.push(self.escape()?);
                    return self.string_rest(out);
                }
                b if b < b' ' && self.strict => return Err(Broken),
                _ => self.at += 1,
            }
        }
    }

    /// The rest of a string after an escape, appended to `out`.
    fn string_rest(&mut self, mut out: String) -> Result<Cow<'a, str>, Broken> {
        loop {
            let run = self.at;
            while let Some(&b) = self.bytes.get(self.at) {
                if b == b'"' || b == b'\\' || (b < b' ' && self.strict) {
                    break;
                }
                self.at += 1;
            }
            out.push_str(&self.text[run..self.at]);
            match self.bytes.get(self.at).ok_or(Broken)? {
                b'"' => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                b'\\' => {
                    self.at += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                _ => return Err(Broken),
            }
        }
    }

    /// The character of the escape after a backslash.
    fn escape(&mut self) -> Result<char, Broken> {
        let &byte = self.bytes.get(self.at).ok_or(Broken)?;
        self.at += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let Some(high) = self.hex4() else {
                    return if self.strict { Err(Broken) } else { Ok('\u{FFFD}') };
                };
                if (0xD800..0xDC00).contains(&high) && self.bytes[self.at..].starts_with(b"\\u") {
                    let save = self.at;
                    self.at += 2;
                    let low = self.hex4().unwrap_or(0);
                    if (0xDC00..0xE000).contains(&low) {
                        let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                        return Ok(char::from_u32(c).unwrap_or('\u{FFFD}'));
                    }
                    self.at = save;
                }
                char::from_u32(high).unwrap_or('\u{FFFD}')
            }
            _ if self.strict => return Err(Broken),
            // A character that needs no escape, escaped anyway: itself.
            _ => {
                self.at -= 1;
                let c = self.text[self.at..].chars().next().ok_or(Broken)?;
                self.at += c.len_utf8();
                c
            }
        })
    }

    /// Four hex digits at the cursor, consumed; nothing is consumed if they are not there.
    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.at..self.at + 4)?;
        // Checked first: `from_str_radix` would take a leading `+`.
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, Broken> {
        self.at += 1;
        let mut elements = Vec::new();
        loop {
            if self.eat(b']') {
                return Ok(Value::Array(elements));
            }
            match self.value(depth + 1) {
                Ok(element) => elements.push(element),
                Err(Broken) if !self.strict => self.stopped = true,
                Err(broken) => return Err(broken),
            }
            if self.stopped {
                return Ok(Value::Array(elements));
            }
            if !self.eat(b',') {
                if self.eat(b']') {
                    return Ok(Value::Array(elements));
                }
                // Neither a comma nor the end: a break.
                self.stopped = true;
                return if self.strict { Err(Broken) } else { Ok(Value::Array(elements)) };
            }
            if self.strict && self.eat(b']') {
                return Err(Broken);
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, Broken> {
        self.at += 1;
        let mut members = Vec::new();
        loop {
            if self.eat(b'}') {
                return Ok(Value::Object(members));
            }
            let member = (|| {
                self.skip_space();
                if self.bytes.get(self.at) != Some(&b'"') {
                    return Err(Broken);
                }
                let key = self.string()?;
                if !self.eat(b':') {
                    return Err(Broken);
                }
                Ok((key, self.value(depth + 1)?))
            })();
            match member {
                Ok(member) => members.push(member),
                Err(Broken) if !self.strict => self.stopped = true,
                Err(broken) => return Err(broken),
            }
            if self.stopped {
                return Ok(Value::Object(members));
            }
            if !self.eat(b',') {
                if self.eat(b'}') {
                    return Ok(Value::Object(members));
                }
                // Neither a comma nor the end: a break.
                self.stopped = true;
                return if self.strict { Err(Broken) } else { Ok(Value::Object(members)) };
            }
            if self.strict && self.eat(b'}') {
                return Err(Broken);
            }
        }
    }
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
fn is_strict_number(n: &[u8]) -> bool {
    let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut i = usize::from(n.first() == Some(&b'-'));
    let int = digits(&n[i..]);
    if int == 0 || (int > 1 && n[i] == b'0') {
        return false;
    }
    i += int;
    if n.get(i) == Some(&b'.') {
        let frac = digits(&n[i + 1..]);
        if frac == 0 {
            return false;
        }
        i += 1 + frac;
    }
    if matches!(n.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(n.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp = digits(&n[i..]);
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == n.len()
}
