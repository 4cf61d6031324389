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
/// from a byte-order mark, then from `<meta charset>` / `http-equiv` (unless the bytes
/// are plainly UTF-8, see [`utf8_despite_declaration`]), then UTF-8 if the bytes are
/// valid UTF-8, else windows-1252 (the web's legacy default).
pub fn decode(bytes: &[u8]) -> Result<String, PithError> {
    let unzipped;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        // One byte past the limit is enough to know the page is too large: a gzip bomb
        // is never inflated further.
        flate2::read::MultiGzDecoder::new(bytes)
            .take(crate::MAX_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|e| PithError::NotText(format!("broken gzip data: {e}")))?;
        unzipped = out;
        &unzipped[..]
    } else {
        bytes
    };
    // Size first, as `clean` judges it: an oversized page of nothing but spaces (a gzip
    // bomb, typically) is too large, not empty. For gzip the size is "at least" this.
    if bytes.len() > crate::MAX_INPUT_BYTES {
        return Err(PithError::TooLarge { size: bytes.len(), limit: crate::MAX_INPUT_BYTES });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(PithError::Empty);
    }
    let utf8 = std::str::from_utf8(bytes).is_ok();
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| {
            let declared = declared_charset(&bytes[..bytes.len().min(CHARSET_PRESCAN_BYTES)])?;
            Some(if utf8_despite_declaration(declared, bytes, utf8) { encoding_rs::UTF_8 } else { declared })
        })
        .unwrap_or(if utf8 { encoding_rs::UTF_8 } else { encoding_rs::WINDOWS_1252 });
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

/// Should valid UTF-8 bytes be read as UTF-8 although the page declares another encoding?
///
/// Saved pages often say one thing and hold another: a page saved or converted to UTF-8
/// keeps its old `<meta charset=gb2312>` (Readability's `qq` test page is one). Browsers
/// obey the declaration, because on the wire the server's header usually settles it;
/// for a file on disk the bytes are better evidence. Text in a legacy multi-byte or
/// 8-bit encoding is almost never valid UTF-8 once it holds a few non-ASCII characters
/// (each lead byte must be followed by exactly the right number of 0x80-0xBF bytes), so
/// valid UTF-8 with at least [`MIN_UTF8_SEQUENCES`] multi-byte sequences wins.
fn utf8_despite_declaration(declared: &'static Encoding, bytes: &[u8], valid_utf8: bool) -> bool {
    if declared == encoding_rs::UTF_8 || !valid_utf8 {
        return false;
    }
    // Lead bytes of multi-byte sequences (0xC2-0xF4 in valid UTF-8).
    bytes.iter().filter(|&&b| b >= 0xC0).take(MIN_UTF8_SEQUENCES).count() >= MIN_UTF8_SEQUENCES
}

/// How many multi-byte UTF-8 sequences make valid UTF-8 outweigh a declared legacy
/// encoding. A single "Ã©" could be windows-1252 text; four such pairs all forming valid
/// UTF-8 by chance is vanishingly rare in real text.
const MIN_UTF8_SEQUENCES: usize = 4;

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
    fn utf8_bytes_win_over_a_wrong_legacy_declaration() {
        // A page saved as UTF-8 that still declares gb2312 (as Readability's qq page does).
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
                    <title>人工智能迈上新台阶</title></head><body><p>新电脑已可利用记忆自学。</p></body></html>";
        let text = decode(page.as_bytes()).unwrap();
        assert!(text.contains("人工智能迈上新台阶") && text.contains("记忆自学"), "{text}");
    }

    #[test]
    fn genuine_gbk_is_still_gbk() {
        let page = "<html><head><meta charset=\"gb2312\"><title>人工智能迈上新台阶</title></head>\
                    <body><p>新电脑已可利用记忆自学，腾讯科技讯。</p></body></html>";
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(page);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&gbk).is_err(), "the fixture must not be valid UTF-8");
        assert_eq!(decode(&gbk).unwrap(), page);
        // Latin-1 with one accidental UTF-8-looking pair stays Latin-1.
        let latin = b"<meta charset=\"iso-8859-1\"><p>\xc3\xa9t\xe9</p>";
        assert!(decode(latin).unwrap().contains("Ã©té"));
        let one_pair = b"<meta charset=\"windows-1252\"><p>\xc3\xa9 only</p>";
        assert!(decode(one_pair).unwrap().contains("Ã© only"));
    }

    #[test]
    fn a_gzip_bomb_is_too_large_not_empty() {
        // Spaces past the size limit: before the fix, "the input is empty".
        let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut bomb, &vec![b' '; crate::MAX_INPUT_BYTES + 1024]).unwrap();
        let bytes = bomb.finish().unwrap();
        assert!(bytes.len() < 100_000);
        assert!(matches!(decode(&bytes), Err(PithError::TooLarge { .. })));
        // A plain file past the limit is refused before it is decoded.
        assert!(matches!(decode(&vec![b' '; crate::MAX_INPUT_BYTES + 1]), Err(PithError::TooLarge { .. })));
        // Small gzip input still works.
        let mut small = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut small, b"<p>hello</p>").unwrap();
        assert_eq!(decode(&small.finish().unwrap()).unwrap(), "<p>hello</p>");
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b"  \n "), Err(PithError::Empty));
        assert!(matches!(decode(&[0u8, 1, 2, 3, 4, 5, 6, 7, 200, 201, 0, 0]), Err(PithError::NotText(_))));
    }
}
