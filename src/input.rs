//! Reading the CLI's input: bytes (possibly gzipped) to text in the right encoding.
//!
//! The extension never needs this (the browser hands it decoded text), so it is left
//! out of the wasm build.

use std::io::Read;

use encoding_rs::Encoding;

use crate::error::PithError;

/// How far into a page to look for a `<meta charset>` declaration (the HTML standard's
/// prescan looks at the first 1024 bytes; pages in the wild put it later, so we allow more).
const CHARSET_PRESCAN_BYTES: usize = 4096;

/// Decodes a document's bytes: gunzips them if they are gzip, then picks the encoding
/// from a byte-order mark, then from `<meta charset>` / `http-equiv`, then UTF-8 if the
/// bytes are valid UTF-8, else windows-1252 (the web's legacy default).
pub fn decode(bytes: &[u8]) -> Result<String, PithError> {
    let unzipped;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes)
            .take(crate::MAX_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|e| PithError::NotText(format!("broken gzip data: {e}")))?;
        unzipped = out;
        &unzipped[..]
    } else {
        bytes
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(PithError::Empty);
    }
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| declared_charset(&bytes[..bytes.len().min(CHARSET_PRESCAN_BYTES)]))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() { encoding_rs::UTF_8 } else { encoding_rs::WINDOWS_1252 }
        });
    let (text, _, _) = encoding.decode(bytes);
    if looks_binary(&text) {
        return Err(PithError::NotText("it looks like binary data".into()));
    }
    Ok(text.into_owned())
}

/// Finds `charset=...` in a `<meta>` tag near the top of the page.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(pos) = rest.find("<meta") {
        rest = &rest[pos + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(cs) = tag.find("charset") {
            let value = tag[cs + 7..].trim_start().strip_prefix('=')?.trim_start();
            let value = value.trim_start_matches(['"', '\'']);
            let end = value.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(value.len());
            if let Some(enc) = Encoding::for_label(&value.as_bytes()[..end]) {
                // A page that declares UTF-16 in ASCII is not UTF-16 (HTML standard).
                return Some(if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    enc
                });
            }
        }
    }
    None
}

/// Text with many control characters or replacement characters is not a document.
fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(4096).collect();
    let bad =
        sample.iter().filter(|&&c| c == '\u{FFFD}' || c == '\0' || (c.is_control() && !c.is_whitespace())).count();
    bad * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_is_honoured() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        assert!(decode(page).unwrap().contains("café"));
    }

    #[test]
    fn http_equiv_is_honoured() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xcf\xf0\xe8</p>";
        assert!(decode(page).unwrap().contains("При"));
    }

    #[test]
    fn bom_wins() {
        let mut page = vec![0xEF, 0xBB, 0xBF];
        page.extend_from_slice("<meta charset=latin1><p>é</p>".as_bytes());
        assert!(decode(&page).unwrap().contains('é'));
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b"  \n "), Err(PithError::Empty));
        assert!(matches!(decode(&[0u8, 1, 2, 3, 4, 5, 6, 7, 200, 201, 0, 0]), Err(PithError::NotText(_))));
    }
}
