//! Pictures and their captions: the real image behind lazy loading, and photo credits
//! kept and marked as credits rather than dropped with their caption; a video player
//! (which the panel does not embed) kept as a link to its video.
//!
//! An image's address is its `src`, unless that is a placeholder (a `data:` pixel, or
//! an image marked `lazy`); then the best candidate of the attributes lazy-loading
//! scripts use (`data-src`, `data-srcset`, `srcset`, any attribute holding an image
//! URL, as Readability looks for them) or of its `<picture>`'s `<source>`s. A
//! `<noscript>` holding the image a script would have drawn is read when the page has
//! no other copy of it. A tracking pixel (declared 1×1 or smaller, or a file named as a
//! pixel or a spacer) is no picture: the panel would show nothing and ask a counter for it.

use dom_query::NodeRef;

use crate::document::{Attr, Element, Node, Tag};

/// Attributes where lazy-loading scripts keep an image's real address, best first.
const LAZY_SRC_ATTRS: &[&str] =
    &["data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src", "data-lazy"];
/// Attributes holding a candidate list ("URL 640w, URL 1280w").
const LAZY_SRCSET_ATTRS: &[&str] = &["data-srcset", "data-lazy-srcset", "srcset"];

/// Image file extensions, to recognise an image URL in an unnamed data attribute.
const IMAGE_EXTENSIONS: &[&str] = &[".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"];

/// The widest candidate worth taking: twice the panel's widest column (920 px) and a
/// margin. Wider ones are originals of several megabytes.
const MAX_CANDIDATE_WIDTH: u32 = 2048;

/// How the addresses of the one-pixel images pages use as counters or spacers end: the
/// file's name, then its extension or query.
const PIXEL_FILES: &[&str] = &["/pixel.", "/pixel?", "/1x1.", "/spacer."];

/// The best address of an `<img>`, not yet resolved against the page's URL; none for a
/// tracking pixel.
pub fn image_source(img: &NodeRef) -> Option<String> {
    // Declared at most 1×1: a counter (VG Wort's, an ad network's), whatever its address.
    if is_dot(img.attr("width").as_deref()) && is_dot(img.attr("height").as_deref()) {
        return None;
    }
    let lazy = img.attr("class").is_some_and(|c| c.to_ascii_lowercase().contains("lazy"));
    // A pixel-named file is a placeholder like a `data:` one: a lazy address may follow.
    let src = img
        .attr("src")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && !s.starts_with("data:") && !is_pixel_file(s));
    if let Some(src) = src.as_ref().filter(|_| !lazy) {
        return Some(src.clone());
    }
    let named = LAZY_SRC_ATTRS
        .iter()
        .find_map(|a| img.attr(a))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty() && !v.starts_with("data:"));
    let listed = || LAZY_SRCSET_ATTRS.iter().find_map(|a| img.attr(a).and_then(|v| best_candidate(&v)));
    // Any other attribute holding an image address or candidates (`data-lazy-img`…).
    let any = || {
        img.attrs().iter().find_map(|a| {
            let name = &*a.name.local;
            if matches!(name, "src" | "srcset" | "alt" | "title" | "class" | "style") {
                return None;
            }
            let value = a.value.trim();
            if value.contains(' ') { best_candidate(value) } else { is_image_url(value).then(|| value.to_string()) }
        })
    };
    let sources = || {
        img.parent().filter(|p| p.has_name("picture")).and_then(|picture| {
            picture
                .children_it(false)
                .filter(|s| s.has_name("source"))
                .find_map(|s| LAZY_SRCSET_ATTRS.iter().find_map(|a| s.attr(a).and_then(|v| best_candidate(&v))))
        })
    };
    named.or_else(listed).or_else(sources).or_else(any).or(src)
}

/// Is this size attribute 0 or 1 (pixels)?
fn is_dot(size: Option<&str>) -> bool {
    size.is_some_and(|v| matches!(v.trim().as_bytes(), b"0" | b"1" | b"0px" | b"1px"))
}

/// Is this the address of a pixel or spacer file (`…/1x1.png`, `…/pixel.gif`, `…/pixel?id=…`)?
fn is_pixel_file(url: &str) -> bool {
    PIXEL_FILES.iter().any(|f| url.contains(f))
}

/// Does this value look like the address of an image file?
fn is_image_url(value: &str) -> bool {
    let path = value.split(['?', '#']).next().unwrap_or_default().to_ascii_lowercase();
    !value.is_empty()
        && !value.contains(char::is_whitespace)
        && !value.starts_with("data:")
        && IMAGE_EXTENSIONS.iter().any(|e| path.ends_with(e))
}

/// The best candidate of a `srcset` (HTML's "URL [descriptor], …" list, where a URL
/// may itself hold commas): the widest up to [`MAX_CANDIDATE_WIDTH`] (or the densest up
/// to 2x), else the narrowest; the first when no candidate has a descriptor.
#[inline(never)]
pub fn best_candidate(srcset: &str) -> Option<String> {
    let mut best: Option<(String, f32)> = None;
    for (url, size) in candidates(srcset) {
        if url.starts_with("data:") {
            continue;
        }
        let limit = if size > 10.0 { MAX_CANDIDATE_WIDTH as f32 } else { 2.0 };
        let better = match &best {
            None => true,
            Some((_, b)) if *b > limit => size < *b,
            Some((_, b)) => size > *b && size <= limit,
        };
        if better {
            best = Some((url, size));
        }
    }
    best.map(|(url, _)| url)
}

/// A srcset's candidates: (URL, size), the size a width in pixels or a density; 1 when
/// the candidate has none. Parsed as HTML does: a URL runs to the next whitespace (a
/// trailing comma ends it), its descriptor to the next comma.
fn candidates(srcset: &str) -> Vec<(String, f32)> {
    let mut out = Vec::new();
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() {
            return out;
        }
        let url_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let url = &rest[..url_end];
        let (url, has_descriptor) = match url.strip_suffix(',') {
            Some(u) => (u.trim_end_matches(','), false),
            None => (url, true),
        };
        rest = &rest[url_end..];
        let mut size = 1.0;
        if has_descriptor {
            let end = rest.find(',').unwrap_or(rest.len());
            let descriptor = rest[..end].trim();
            let number = descriptor.trim_end_matches(['w', 'x', 'h']);
            size = descriptor_number(number).unwrap_or(1.0);
            rest = &rest[end..];
        }
        if !url.is_empty() {
            out.push((url.to_string(), size));
        }
    }
}

/// A descriptor's number, read as `str::parse::<f32>` reads it (a sign, digits with an
/// optional point, an exponent; `inf`, `infinity`, `nan`). Written here because the
/// standard parser's correctly rounded slow path brings its power-of-five tables into the
/// wasm (about 12 KB gzipped with its code; nothing else parses a float). The same value
/// as the standard parser for up to 7 significant digits times 10^-10 to 10^10 (every
/// real descriptor: `640w`, `1.5x`), and within a unit in the last place past that.
fn descriptor_number(text: &str) -> Option<f32> {
    let (negative, text) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let value = if text.eq_ignore_ascii_case("inf") || text.eq_ignore_ascii_case("infinity") {
        f32::INFINITY
    } else if text.eq_ignore_ascii_case("nan") {
        f32::NAN
    } else {
        decimal(text)?
    };
    Some(if negative { -value } else { value })
}

/// Unsigned `digits[.digits][e[±]digits]`, as [`descriptor_number`] says.
fn decimal(text: &str) -> Option<f32> {
    let (number, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = || whole.bytes().chain(fraction.bytes());
    if (whole.is_empty() && fraction.is_empty()) || !digits().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut power: i64 = match exponent {
        None => 0,
        Some(e) => {
            let (sign, e) = match e.as_bytes().first() {
                Some(b'-') => (-1, &e[1..]),
                Some(b'+') => (1, &e[1..]),
                _ => (1, e),
            };
            if e.is_empty() || !e.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            // Far past f32's range either way; bounded so that the sums below cannot overflow.
            sign * e.bytes().fold(0i64, |n, b| (n * 10 + i64::from(b - b'0')).min(100_000))
        }
    };
    // The significant digits into a u64 (19 fit); the rest only move the point.
    let mut mantissa: u64 = 0;
    let mut kept = 0;
    for (i, b) in digits().enumerate() {
        let in_fraction = i >= whole.len();
        if kept < 19 {
            if mantissa > 0 || b != b'0' {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                kept += 1;
            }
            power -= i64::from(in_fraction);
        } else {
            power += i64::from(!in_fraction);
        }
    }
    if mantissa == 0 {
        return Some(0.0);
    }
    // Rounded twice, in f64 and then to f32: when the mantissa and the power of ten are
    // both f32 numbers (7 digits, 10^±10) the second rounding cannot move the first one's
    // result (f64 has more than twice f32's precision plus two bits), so this is the
    // standard parser's correctly rounded value.
    let power = power.clamp(-400, 400);
    let scale = (0..power.unsigned_abs()).fold(1f64, |s, _| s * 10.0);
    Some((if power < 0 { mantissa as f64 / scale } else { mantissa as f64 * scale }) as f32)
}

/// Readies the page's pictures for Readability, which drops an `<img>` without an
/// address and every `<noscript>`: a `<picture>`'s image gets its best `<source>`, and
/// a `<noscript>` holding the pictures a script would have drawn (its parent has no
/// other copy of them) is unwrapped.
pub fn normalise(dom: &dom_query::Document) {
    // One walk by name, cheaper than a selector over every element.
    let found: Vec<NodeRef> = dom
        .root()
        .descendants_it()
        .filter(|n| {
            n.has_name("noscript")
                || (n.has_name("img")
                    && n.parent().is_some_and(|p| p.has_name("picture"))
                    && !["src", "srcset", "data-src"].iter().any(|a| n.has_attr(a)))
        })
        .collect();
    for node in &found {
        if node.has_name("img") {
            if let Some(src) = image_source(node) {
                node.set_attr("src", &src);
            }
            continue;
        }
        let Some(parent) = node.parent() else { continue };
        let drawn = |d: &NodeRef| {
            d.has_name("img") && !d.ancestors_it(None).any(|a| a.has_name("noscript")) && image_source(d).is_some()
        };
        if node.descendants_it().any(|d| d.has_name("img")) && !parent.descendants_it().any(|d| drawn(&d)) {
            for child in node.children() {
                node.insert_before(&child);
            }
            node.remove_from_parent();
        }
    }
}

/// An element named as a photo credit inside a figure: kept as its text, marked.
pub fn credit(node: &NodeRef) -> Option<Element> {
    let named = node.attr("class").is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        ["credit", "copyright", "photographer", "attribution"].iter().any(|w| c.contains(w))
    });
    if !named || !node.ancestors_it(Some(6)).any(|a| a.has_name("figure") || a.has_name("figcaption")) {
        return None;
    }
    let text = crate::document::collapse_whitespace(&node.text());
    (!text.is_empty()).then(|| credit_element(text))
}

fn credit_element(text: String) -> Element {
    let mut small = Element::new(Tag::Small);
    small.set_attr(Attr::Class, "credit");
    small.children.push(Node::Text(text));
    small
}

/// Marks the credit a caption ends with ("The harbour at dawn. Photo: Jane Reporter"):
/// the caption is kept and the credit set apart. `start` is the byte where it begins
/// in the caption's last text.
pub fn mark_credit(caption: &mut Element, start: usize) {
    let Some(Node::Text(last)) = caption.children.last_mut() else { return };
    if start >= last.len() || !last.is_char_boundary(start) {
        return;
    }
    let credit = last.split_off(start);
    let credit = credit.trim().to_string();
    if credit.is_empty() {
        return;
    }
    caption.children.push(Node::Element(credit_element(credit)));
}

/// Hosts of the players whose frames Readability keeps in an article (its video list).
const VIDEO_HOSTS: &[&str] =
    &["youtube.com", "youtube-nocookie.com", "vimeo.com", "dailymotion.com", "twitch.tv", "bilibili.com", "v.qq.com"];

/// A video player's frame (YouTube, Vimeo…), which the panel does not embed, as a link to
/// the video's page (`src` resolved against the page). A YouTube player's `/embed/ID`
/// becomes the video's `watch?v=ID` page (a playlist's, `/embed/videoseries?list=…`,
/// stays as it is). `None` for any other frame.
#[inline(never)]
pub fn video_link(frame: &NodeRef, base: &crate::links::Base) -> Option<Element> {
    let src = base.resolve(&frame.attr("src")?)?;
    // Only a web address on a player's host (a `javascript:` one naming it is no video).
    let host = src.strip_prefix("https://").or_else(|| src.strip_prefix("http://"))?.split('/').next()?;
    if !VIDEO_HOSTS.iter().any(|h| host.ends_with(h)) {
        return None;
    }
    let id = src.split_once("/embed/").filter(|_| host.contains("youtube")).and_then(|(_, id)| id.split('?').next());
    let href = match id.filter(|id| *id != "videoseries") {
        Some(id) => ["https://www.youtube.com/watch?v=", id].concat(),
        None => src,
    };
    // A play sign: no words the article did not write in its text. The player's own
    // title ("Interview with …") names it to a screen reader and on hover.
    let mut link = Element::new(Tag::A);
    link.set_attr(Attr::Href, &href);
    let title = frame.attr("title").map(|t| crate::document::collapse_whitespace(&t));
    link.set_attr(Attr::Title, title.as_deref().filter(|t| !t.is_empty()).unwrap_or("Video"));
    link.children.push(Node::Text("▶".into()));
    let mut paragraph = Element::new(Tag::P);
    paragraph.children.push(Node::Element(link));
    Some(paragraph)
}

/// Class names (lower case, whole or as a prefix before `-`/`_`) of callouts and
/// admonitions: MkDocs and Sphinx `admonition`, GitHub's `markdown-alert`, Docusaurus's
/// `theme-admonition`, Notion's `callout`, Bootstrap's `alert` (with its variant).
const CALLOUT_CLASSES: &[&str] = &["admonition", "callout", "markdown-alert", "theme-admonition", "alert"];

/// Is this box a callout ("Note", "Warning"), kept as a quotation block?
pub fn is_callout(node: &NodeRef) -> bool {
    if !(node.has_name("div") || node.has_name("aside") || node.has_name("section")) {
        return false;
    }
    let Some(class) = node.attr("class") else { return false };
    let class = class.to_ascii_lowercase();
    let classes: Vec<&str> = class.split_whitespace().collect();
    CALLOUT_CLASSES.iter().any(|c| {
        // Bootstrap's bare `alert` names a callout only with its variant (`alert-info`).
        let variant = classes.iter().any(|k| k.strip_prefix(c).is_some_and(|rest| rest.starts_with(['-', '_'])));
        (classes.contains(c) && (*c != "alert" || variant))
            || (*c != "alert" && variant && classes.iter().all(|k| !k.ends_with("-container")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srcset_urls_may_hold_commas() {
        let set = "https://i.example/c_fill,w_80/a.jpg 80w, https://i.example/c_fit,w_320/a.jpg 320w, https://i.example/c_fit,w_800/a.jpg 800w";
        assert_eq!(best_candidate(set).as_deref(), Some("https://i.example/c_fit,w_800/a.jpg"));
        assert_eq!(best_candidate("a.jpg 1x, b.jpg 2x, c.jpg 3x").as_deref(), Some("b.jpg"));
        assert_eq!(best_candidate("huge.jpg 4800w, big.jpg 3000w").as_deref(), Some("big.jpg"));
        assert_eq!(best_candidate("only.jpg").as_deref(), Some("only.jpg"));
        assert_eq!(best_candidate("a.jpg, b.jpg").as_deref(), Some("a.jpg"));
    }

    /// `descriptor_number` against the standard parser: equal on numbers of up to 7
    /// significant digits (a pseudo-random sweep of digits, points and exponents), on signs,
    /// words and malformed numbers, and within an ulp on longer numbers.
    #[test]
    fn descriptor_numbers_read_as_the_standard_parser_reads_them() {
        let same = |text: &str| {
            let std = text.parse::<f32>().ok();
            let ours = descriptor_number(text);
            match (std, ours) {
                (None, None) => {}
                (Some(a), Some(b)) if a.is_nan() => assert!(b.is_nan(), "{text}"),
                (Some(a), Some(b)) => assert_eq!(a.to_bits(), b.to_bits(), "{text}: {a} against {b}"),
                _ => panic!("{text}: {std:?} against {ours:?}"),
            }
        };
        let listed = "640 1.5 2 0.5 .5 5. +1 -2.25 1e3 1E-2 2e+1 007 0.000 0 inf -Infinity NaN . - + e5 1e 1e+ \
                      1.2.3 1,5 0x10 ١ 1_0 --1 3e38 4e38 1e-45 1e-46 1e100000000000 1e15 12e14 3e17 999e15 16777216e2 16777217 0.1e-9";
        for text in listed.split(' ').chain(["", " 1", "1 "]) {
            same(text);
        }
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..200_000 {
            let digits: String = (0..1 + next(7)).map(|_| char::from(b'0' + next(10) as u8)).collect();
            let point = next(digits.len() as u64 + 2) as usize;
            let mut text = if point <= digits.len() {
                format!("{}.{}", &digits[..point], &digits[point..])
            } else {
                digits.clone()
            };
            match next(4) {
                0 => text += &format!("e{}", next(9)),
                1 => text += &format!("e-{}", next(4)),
                _ => {}
            }
            same(&text);
        }
        for text in ["3.14159265358979", "123456789", "0.1234567890123456789012", "98765432109876543210e-5"] {
            let (a, b) = (text.parse::<f32>().unwrap(), descriptor_number(text).unwrap());
            assert!(a.to_bits().abs_diff(b.to_bits()) <= 1, "{text}: {a} against {b}");
        }
    }

    #[test]
    fn video_players_become_links_to_their_videos() {
        let dom = dom_query::Document::from(
            r#"<iframe title="A talk" src="//www.youtube-nocookie.com/embed/abc123?rel=0"></iframe><iframe src="https://player.vimeo.com/video/42"></iframe><iframe src="https://www.youtube.com/embed/videoseries?list=PL1"></iframe><iframe src="javascript://youtube.com/%0aalert(1)"></iframe><iframe src="https://ads.example/frame?u=youtube.com"></iframe><iframe></iframe>"#,
        );
        let base = crate::links::Base::new(Some("https://blog.example/post"));
        let links: Vec<Option<(String, Option<String>, String)>> = dom
            .select("iframe")
            .nodes()
            .iter()
            .map(|f| {
                let p = video_link(f, &base)?;
                let Node::Element(a) = &p.children[0] else { return None };
                Some((a.attr(Attr::Href)?.to_string(), a.attr(Attr::Title).map(str::to_string), a.text()))
            })
            .collect();
        let link =
            |href: &str, title: Option<&str>| Some((href.to_string(), title.map(str::to_string), "▶".to_string()));
        assert_eq!(
            links,
            [
                link("https://www.youtube.com/watch?v=abc123", Some("A talk")),
                link("https://player.vimeo.com/video/42", Some("Video")),
                link("https://www.youtube.com/embed/videoseries?list=PL1", Some("Video")),
                None,
                None,
                None,
            ]
        );
    }

    #[test]
    fn lazy_images_take_their_real_address() {
        let dom = dom_query::Document::from(
            r#"<img src="data:image/gif;base64,R0l" data-srcset="s.jpg 320w, m.jpg 640w"><img class="lazyload" src="blank.gif" data-original="real.png"><picture><source srcset="p.webp 1x, p2.webp 2x"><img alt="x"></picture><img data-lazy-img="z.jpg">"#,
        );
        let found: Vec<Option<String>> = dom.select("img").nodes().iter().map(image_source).collect();
        assert_eq!(
            found,
            [Some("m.jpg".into()), Some("real.png".into()), Some("p2.webp".into()), Some("z.jpg".into())]
        );
    }

    #[test]
    fn tracking_pixels_are_no_pictures() {
        let dom = dom_query::Document::from(
            r#"<img width="1" height="1" src="https://count.example/na/abc"><img src="/img/1x1.png"><img src="https://t.example/pixel?id=2"><img src="/pixel.gif" data-src="photo.jpg"><img width="570" height="0" src="wide.jpg"><img width="1" src="rule.png"><img src="/pixels/harbour.jpg">"#,
        );
        let found: Vec<Option<String>> = dom.select("img").nodes().iter().map(image_source).collect();
        let kept = |s: &str| Some(s.to_string());
        assert_eq!(
            found,
            [None, None, None, kept("photo.jpg"), kept("wide.jpg"), kept("rule.png"), kept("/pixels/harbour.jpg")]
        );
    }
}
