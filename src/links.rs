//! Making a page's links and image sources absolute against its URL.
//!
//! An RFC 3986 (section 5) reference resolver with the WHATWG URL Standard's input
//! clean-up (surrounding spaces and controls trimmed, tabs and newlines removed,
//! `\` read as `/` in web URLs). Ours rather than the `url` crate because that crate
//! brings Unicode IDNA tables that cost the wasm engine about a tenth of its size
//! budget, and resolving is all the engine needs: hosts are kept as written
//! (browsers map international hosts themselves), nothing is fetched.

use std::borrow::Cow;

/// Resolves `reference` against `base`; `None` when the result is not an absolute URL
/// (no usable base, or a malformed reference). To resolve many references against one
/// base, build a [`Base`] once instead.
pub fn resolve(base: Option<&str>, reference: &str) -> Option<String> {
    Base::new(base).resolve(reference)
}

/// dom_smoothie's URL resolver (its `Config::url_resolver`, vendored patch 0019): Pith's
/// own, so that the wasm carries one resolver. A reference this one refuses is left as written.
pub fn resolve_for_readability<'a>(base: &'a str, reference: &'a str) -> Cow<'a, str> {
    resolve(Some(base), reference).map_or(Cow::Borrowed(reference), Cow::Owned)
}

/// The address Cloudflare's email protection hid: it writes "[email protected]" where
/// the page had one, and the address as hex bytes XORed with the first byte (in a
/// `data-cfemail` attribute, or after `/cdn-cgi/l/email-protection#` in a link), for a
/// script the panel does not run.
pub fn cloudflare_email(hex: &str) -> Option<String> {
    // Digits read one by one (`from_str_radix` costs the wasm more).
    let digits = hex.bytes().map(|b| char::from(b).to_digit(16).map(|d| d as u8)).collect::<Option<Vec<u8>>>()?;
    let bytes: Vec<u8> = digits.chunks_exact(2).map(|pair| (pair[0] << 4) | pair[1]).collect();
    let (&key, coded) = bytes.split_first()?;
    String::from_utf8(coded.iter().map(|b| b ^ key).collect()).ok().filter(|e| e.contains('@'))
}

/// A document's base URL, parsed once: a page has hundreds of links and image sources,
/// and parsing the base again for each relative one was most of the resolving work.
pub struct Base {
    /// The parsed base, kept only when it is hierarchical ("http://host/path"): a
    /// relative reference can join nothing else.
    parts: Option<Parts>,
}

impl Base {
    pub fn new(base: Option<&str>) -> Self {
        let parts = base.and_then(|base| Parts::absolute(&clean_input(base))).filter(|p| p.authority.is_some());
        Base { parts }
    }

    /// Resolves `reference` against this base; `None` when the result is not an
    /// absolute URL (no usable base, or a malformed reference).
    pub fn resolve(&self, reference: &str) -> Option<String> {
        let reference = clean_input(reference);
        if let Some(parts) = Parts::absolute(&reference) {
            return Some(parts.recompose());
        }
        let base = self.parts.as_ref()?;
        let (rest, fragment) = split_once_keep(&reference, '#');
        let (path, query) = split_once_keep(rest, '?');
        let target = if let Some(network_path) = path.strip_prefix("//") {
            let (authority, path) = split_authority(network_path);
            Parts::new(&base.scheme, Some(authority), &remove_dot_segments(path), query, fragment)
        } else if path.is_empty() {
            let query = query.or(base.query.as_deref());
            Parts::new(&base.scheme, base.authority.as_deref(), &base.path, query, fragment)
        } else if path.starts_with('/') {
            Parts::new(&base.scheme, base.authority.as_deref(), &remove_dot_segments(path), query, fragment)
        } else {
            let merged = match base.path.rfind('/') {
                Some(slash) => format!("{}{path}", &base.path[..=slash]),
                None => format!("/{path}"),
            };
            Parts::new(&base.scheme, base.authority.as_deref(), &remove_dot_segments(&merged), query, fragment)
        };
        Some(target.recompose())
    }
}

/// A URL split into RFC 3986's five components.
struct Parts {
    scheme: String,
    authority: Option<String>,
    path: String,
    query: Option<String>,
    fragment: Option<String>,
}

impl Parts {
    fn new(scheme: &str, authority: Option<&str>, path: &str, query: Option<&str>, fragment: Option<&str>) -> Self {
        Parts {
            scheme: scheme.to_string(),
            authority: authority.map(str::to_string),
            path: path.to_string(),
            query: query.map(str::to_string),
            fragment: fragment.map(str::to_string),
        }
    }

    /// Splits `s` if it is an absolute URL (it starts with a scheme).
    fn absolute(s: &str) -> Option<Self> {
        let colon = s.find(':')?;
        let scheme = &s[..colon];
        let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !valid {
            return None;
        }
        let scheme = scheme.to_ascii_lowercase();
        let rest = &s[colon + 1..];
        let (rest, fragment) = split_once_keep(rest, '#');
        let (rest, query) = split_once_keep(rest, '?');
        let (authority, path) = match rest.strip_prefix("//") {
            Some(after) => {
                let (authority, path) = split_authority(after);
                (Some(authority), remove_dot_segments(path))
            }
            None => (None, rest.to_string()),
        };
        Some(Parts::new(&scheme, authority, &path, query, fragment))
    }

    fn recompose(&self) -> String {
        let parts = [
            Some(&self.scheme),
            self.authority.as_ref(),
            Some(&self.path),
            self.query.as_ref(),
            self.fragment.as_ref(),
        ];
        // Room for every part and the separators (":", "//", "/", "?", "#": 6 bytes at most),
        // so the pushes never reallocate.
        let len: usize = parts.iter().flatten().map(|p| p.len()).sum();
        let mut out = String::with_capacity(len + 6);
        out.push_str(&self.scheme);
        out.push(':');
        if let Some(authority) = &self.authority {
            out.push_str("//");
            out.push_str(authority);
            // Web URLs always have a path; "http://host" means "http://host/".
            if self.path.is_empty() && is_web_scheme(&self.scheme) {
                out.push('/');
            }
        }
        out.push_str(&self.path);
        if let Some(query) = &self.query {
            out.push('?');
            out.push_str(query);
        }
        if let Some(fragment) = &self.fragment {
            out.push('#');
            out.push_str(fragment);
        }
        out
    }
}

fn is_web_scheme(scheme: &str) -> bool {
    matches!(scheme, "http" | "https" | "ftp" | "ws" | "wss" | "file")
}

/// The URL Standard's clean-up before parsing: trim C0 controls and spaces, drop tabs
/// and newlines anywhere (so "java\nscript:" is read as a browser would), `\` as `/`
/// in web URLs, and spaces percent-encoded so the result is one attribute-safe token.
/// Borrows `s` when there is nothing to clean, as for nearly every URL (a `data:` URL
/// can be 100 KB, not worth copying to find that out).
fn clean_input(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    // Every char <= ' ' is ASCII, so the ends can be checked on bytes.
    let clean_ends = bytes.first().is_none_or(|&b| b > b' ') && bytes.last().is_none_or(|&b| b > b' ');
    // A backslash sends even non-web URLs the slow way; the result is the same.
    if clean_ends
        && memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_none()
        && memchr::memchr2(b' ', b'\\', bytes).is_none()
    {
        return Cow::Borrowed(s);
    }
    let trimmed = s.trim_matches(|c: char| c <= ' ');
    let mut out: String = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let web = out.split_once(':').is_none_or(|(scheme, _)| is_web_scheme(&scheme.to_ascii_lowercase()));
    if web && out.contains('\\') {
        // Only before the query: a backslash in a query string is data.
        let end = out.find(['?', '#']).unwrap_or(out.len());
        out = out[..end].replace('\\', "/") + &out[end..];
    }
    if out.contains(' ') {
        out = out.replace(' ', "%20");
    }
    Cow::Owned(out)
}

/// Splits at the first `sep`: (before, Some(after)) or (whole, None).
fn split_once_keep(s: &str, sep: char) -> (&str, Option<&str>) {
    match s.split_once(sep) {
        Some((before, after)) => (before, Some(after)),
        None => (s, None),
    }
}

/// Splits "host:port/path" into ("host:port", "/path").
fn split_authority(s: &str) -> (&str, &str) {
    let end = s.find('/').unwrap_or(s.len());
    (&s[..end], &s[end..])
}

/// RFC 3986 section 5.2.4: resolves "." and ".." segments.
fn remove_dot_segments(path: &str) -> String {
    // Every dot segment starts with `.` or `%` (`%2e`), at the start or after a slash:
    // without one the path is already resolved, as most are.
    if !path.starts_with(['.', '%']) && !path.contains("/.") && !path.contains("/%") {
        return path.to_string();
    }
    let mut segments: Vec<&str> = Vec::new();
    let absolute = path.starts_with('/');
    let body = if absolute { &path[1..] } else { path };
    let parts: Vec<&str> = body.split('/').collect();
    for (i, segment) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *segment {
            "." | "%2e" | "%2E" => {
                if last {
                    segments.push("");
                }
            }
            ".." | ".%2e" | "%2e." | "%2e%2e" | ".%2E" | "%2E." | "%2E%2E" => {
                segments.pop();
                if last {
                    segments.push("");
                }
            }
            other => segments.push(other),
        }
    }
    let joined = segments.join("/");
    if absolute { format!("/{joined}") } else { joined }
}

#[cfg(test)]
mod tests {
    use super::{Base, Cow, clean_input, cloudflare_email, resolve};

    const BASE: &str = "http://a/b/c/d;p?q";

    /// RFC 3986 section 5.4's reference resolution examples.
    #[test]
    fn rfc3986_examples() {
        let cases = [
            ("g:h", "g:h"),
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g/"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            ("g?y#s", "http://a/b/c/g?y#s"),
            (";x", "http://a/b/c/;x"),
            ("g;x?y#s", "http://a/b/c/g;x?y#s"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("/../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            ("..g", "http://a/b/c/..g"),
            ("./../g", "http://a/b/g"),
            ("g/./h", "http://a/b/c/g/h"),
            ("g/../h", "http://a/b/c/h"),
        ];
        for (reference, expected) in cases {
            assert_eq!(resolve(Some(BASE), reference).as_deref(), Some(expected), "{reference}");
        }
    }

    #[test]
    fn web_clean_up() {
        let base = Some("https://news.example/world/story.html");
        assert_eq!(resolve(base, "  /img/a b.jpg\n").as_deref(), Some("https://news.example/img/a%20b.jpg"));
        assert_eq!(resolve(base, "\\\\cdn.example\\x.png").as_deref(), Some("https://cdn.example/x.png"));
        assert_eq!(resolve(base, "java\nscript:alert(1)").as_deref(), Some("javascript:alert(1)"));
        assert_eq!(resolve(base, "HTTPS://Other.example").as_deref(), Some("https://Other.example/"));
        assert_eq!(resolve(base, "?page=2").as_deref(), Some("https://news.example/world/story.html?page=2"));
    }

    #[test]
    fn no_base_means_only_absolute_urls() {
        assert_eq!(resolve(None, "/relative"), None);
        assert_eq!(resolve(None, "https://x.example/a/../b").as_deref(), Some("https://x.example/b"));
        assert_eq!(resolve(Some("not a url"), "x"), None);
        assert_eq!(resolve(Some("mailto:a@b.example"), "x"), None);
        assert_eq!(resolve(Some(BASE), "1http:x"), Some("http://a/b/c/1http:x".into()));
    }

    /// URLs with nothing to clean are borrowed, not copied; the others cleaned as before.
    #[test]
    fn clean_urls_are_borrowed() {
        assert!(matches!(clean_input("https://news.example/a.jpg?w=1#x"), Cow::Borrowed(_)));
        assert!(matches!(clean_input("data:image/png;base64,AAAA"), Cow::Borrowed(_)));
        assert!(matches!(clean_input(""), Cow::Borrowed("")));
        assert_eq!(clean_input("\u{1}/a b\\c?d\\e\u{7f}"), "/a%20b/c?d\\e\u{7f}");
        assert_eq!(clean_input("data:x\\y"), "data:x\\y");
        assert_eq!(clean_input(" \t "), "");
    }

    /// A base parsed once resolves as the one-off function does.
    #[test]
    fn a_base_resolves_many_references() {
        let base = Base::new(Some(BASE));
        for reference in ["g", "../g", "//h/x", "?y", "", "https://x.example/"] {
            assert_eq!(base.resolve(reference), resolve(Some(BASE), reference), "{reference}");
        }
        assert_eq!(Base::new(None).resolve("g"), None);
    }

    #[test]
    fn cloudflare_protected_emails_are_read() {
        // "news@example.org" XORed with 0x42, as Cloudflare writes it.
        let hex: String = std::iter::once(0x42u8)
            .chain("news@example.org".bytes().map(|b| b ^ 0x42))
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(cloudflare_email(&hex).as_deref(), Some("news@example.org"));
        assert_eq!(cloudflare_email("42"), None);
        assert_eq!(cloudflare_email("4z0102"), None);
        assert_eq!(cloudflare_email(""), None);
    }
}
