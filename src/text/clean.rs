//! Raw bytes to the clean text every later stage reads.
//!
//! Decodes (UTF-8, UTF-8 or UTF-16 with a byte-order mark), turns HTML into text (main content
//! only; scripts, styles, navigation, headers and footers dropped), normalises quotes, spaces
//! and bullet markers, and drops page furniture (menu lines in other scripts, "Press Releases",
//! share/print buttons, copyright footers). The result is the document's text: every span that
//! later stages emit indexes into it, and the store keeps it, so evidence can always be replayed.
//!
//! Pure: no IO. Refuses only what is not text at all (empty, binary, undecodable), with a
//! reason; messy text is never an error. Runs in time linear in the input, without recursion.

use std::fmt;

/// Why some bytes are not a text document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary,
    InvalidUtf8 { offset: usize },
}

impl fmt::Display for NotText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotText::Empty => write!(f, "empty document (no text after cleaning)"),
            NotText::Binary => write!(f, "binary content (NUL bytes), not a text document"),
            NotText::InvalidUtf8 { offset } => {
                write!(f, "not valid UTF-8 (first bad byte at offset {offset})")
            }
        }
    }
}

impl std::error::Error for NotText {}

/// A cleaned document and what was learnt while cleaning it.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub text: String,
    /// `<title>` of an HTML page, when there was one.
    pub html_title: Option<String>,
    /// A `Date 2022-07-01` style line found in the page furniture.
    pub date_line: Option<String>,
}

/// Decode bytes into a string: UTF-8 (BOM stripped), or UTF-16 LE/BE with a BOM.
pub fn decode(bytes: &[u8]) -> Result<String, NotText> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8(rest);
    }
    if bytes.len() >= 2 && (bytes[..2] == [0xFF, 0xFE] || bytes[..2] == [0xFE, 0xFF]) {
        let little = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if little {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        let text = String::from_utf16(&units).map_err(|_| NotText::InvalidUtf8 { offset: 0 })?;
        if text.contains('\0') {
            return Err(NotText::Binary);
        }
        return Ok(text);
    }
    decode_utf8(bytes)
}

fn decode_utf8(bytes: &[u8]) -> Result<String, NotText> {
    if bytes.contains(&0) {
        return Err(NotText::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(NotText::InvalidUtf8 {
            offset: e.valid_up_to(),
        }),
    }
}

/// Whether a text looks like HTML even without an `.html` name.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

/// Clean a decoded document. `html` says whether to treat it as HTML.
pub fn clean(raw: &str, html: bool) -> Result<Cleaned, NotText> {
    let (body, html_title) = if html {
        let page = html_to_text(raw);
        (page.text, page.title)
    } else {
        (raw.to_string(), None)
    };
    let normalised = normalise_chars(&body);
    let (text, date_line) = drop_furniture(&normalised);
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    Ok(Cleaned {
        text,
        html_title,
        date_line,
    })
}

/// Map typographic characters to the plain forms the recognisers match, and lay out lines.
fn normalise_chars(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => {
                out.push('"')
            }
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => {
                out.push(' ')
            }
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => {}
            '\r' => {}
            '\u{2028}' | '\u{2029}' | '\u{000B}' | '\u{000C}' => out.push('\n'),
            c if c.is_control() && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A bullet marker at the start of a line, and the canonical marker it becomes.
/// Depth 1 markers become "• ", depth 2 markers "◦ "; notes and footnotes keep their sign.
pub fn bullet_marker(line: &str) -> Option<(usize, &'static str, u8)> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    let after = first.len_utf8();
    let followed_by_space = line[after..].starts_with(' ');
    let canonical = match first {
        // Cyrillic о, used as a bullet by pages typed on Korean keyboards.
        'о' | '•' | '●' | '■' | '◆' | '➢' | '►' | '▶' if followed_by_space => {
            ("• ", 1)
        }
        // Latin o only when a capitalised word follows, so "o" as a word is left alone.
        'o' if followed_by_space
            && line[after + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase()) =>
        {
            ("• ", 1)
        }
        '-' | '–' | '—' | '◦' | '▪' | '○' | '·' | '∙' if followed_by_space => {
            ("◦ ", 2)
        }
        '※' => ("※ ", 3),
        '*' if followed_by_space => ("* ", 3),
        _ => return None,
    };
    let skip = after + usize::from(followed_by_space);
    Some((skip, canonical.0, canonical.1))
}

/// Lines that are page furniture, whole, whatever their case.
const FURNITURE: &[&str] = &[
    "press releases",
    "press release",
    "news",
    "news & events",
    "media",
    "media center",
    "statements",
    "share",
    "print",
    "list",
    "top",
    "home",
    "menu",
    "search",
    "skip to content",
    "skip to main content",
    "back",
    "back to list",
    "previous",
    "next",
    "prev",
    "facebook",
    "twitter",
    "x",
    "email",
    "e-mail",
    "copy url",
    "font size",
    "related articles",
    "related news",
    "main menu",
    "sitemap",
    "attachments",
    "attachment",
    "download",
    "more",
    "view more",
];

/// Words that make up site menus and breadcrumbs.
const MENU_WORDS: &[&str] = &[
    "home",
    "about",
    "about us",
    "news",
    "events",
    "news & events",
    "press",
    "media",
    "media centre",
    "media center",
    "resources",
    "contact",
    "contact us",
    "speeches",
    "statements",
    "publications",
    "english",
    "search",
    "sitemap",
    "communities",
    "our communities",
    "press releases",
    "news releases",
    "spokesperson's briefings",
    "briefings",
    "foreign policy",
    "regional affairs",
    "consular services",
    "photos",
    "videos",
];

/// Words of a meeting name: a line that has one is a headline, never a menu.
const HEADLINE_WORDS: &[&str] = &[
    "dialogue",
    "meeting",
    "summit",
    "forum",
    "conference",
    "consultations",
    "commission",
    "committee",
    "talks",
    "retreat",
];

/// Separators between menu items and breadcrumb steps.
const MENU_SEPARATORS: &[&str] = &[" | ", " · ", " • ", " > ", " » ", " / ", " :: "];

/// A navigation line: a list of links, a menu of short items separated by bars, dots or
/// wide spaces, or a breadcrumb trail ("Home > Press > Press Releases").
fn is_navigation(raw: &str, t: &str) -> bool {
    // Markdown link lists: "[Home](/) · [About](/about)".
    let links = t.matches("](").count();
    if links >= 2 {
        let mut rest = t.to_string();
        while let (Some(o), Some(c)) = (rest.find('['), rest.find(')')) {
            if c < o {
                break;
            }
            rest.replace_range(o..=c, " ");
        }
        if rest
            .chars()
            .all(|c| !c.is_alphanumeric() || c.is_whitespace())
        {
            return true;
        }
    }
    if t.ends_with('.') || t.contains(". ") || t.starts_with('|') {
        return false;
    }
    let lower = t.to_lowercase();
    // Breadcrumb trails: "Home > Press > Press Releases", "News & Events > News".
    for arrow in [" > ", " » "] {
        let steps: Vec<&str> = lower.split(arrow).map(str::trim).collect();
        if steps.len() >= 2 && steps[0].split_whitespace().count() <= 3 {
            return true;
        }
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '&')
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .iter()
        .any(|w| HEADLINE_WORDS.contains(&w.trim_end_matches('s')) || HEADLINE_WORDS.contains(w))
    {
        return false;
    }
    // Items separated by bars, dots, arrows, or runs of spaces in the raw line.
    let mut items: Vec<String> = vec![lower.clone()];
    for sep in MENU_SEPARATORS {
        items = items
            .iter()
            .flat_map(|i| i.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    if items.len() < 2 {
        let wide: Vec<&str> = raw
            .trim()
            .split("  ")
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .collect();
        if wide.len() >= 3 {
            items = wide.iter().map(|i| i.to_lowercase()).collect();
        }
    }
    let items: Vec<&str> = items
        .iter()
        .map(|i| i.trim().trim_end_matches(['|', '>']).trim())
        .filter(|i| !i.is_empty())
        .collect();
    if items.len() < 2 {
        // A line of menu words only: "Home About Communities News Resources".
        let menu_words = words
            .iter()
            .filter(|w| MENU_WORDS.contains(w) || FURNITURE.contains(w))
            .count();
        return words.len() >= 3 && menu_words == words.len();
    }
    let short = items
        .iter()
        .filter(|i| i.split_whitespace().count() <= 4)
        .count();
    let menu = items
        .iter()
        .filter(|i| MENU_WORDS.contains(i) || FURNITURE.contains(i))
        .count();
    // Mostly short items, or a trail that starts or ends at a menu entry.
    (short == items.len() && (items.len() >= 3 || menu >= 1 || t.contains(" > "))) || (menu >= 2)
}

fn is_furniture_raw(raw: &str, line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    if is_navigation(raw, t) {
        return true;
    }
    let lower = t.to_lowercase();
    let lower = lower.trim_end_matches([':', '|', '>']).trim();
    if FURNITURE.contains(&lower) {
        return true;
    }
    if lower.starts_with("copyright")
        || lower.starts_with('©')
        || lower.contains("all rights reserved")
        || lower.starts_with("share this")
    {
        return true;
    }
    // Menu lines in another script on an English page: short, no sentence punctuation,
    // and mostly letters that are not Latin.
    let words = t.split_whitespace().count();
    if words <= 10 && !t.ends_with('.') {
        let (mut latin, mut other) = (0usize, 0usize);
        for c in t.chars().filter(|c| c.is_alphabetic()) {
            if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) || is_viet(c) {
                latin += 1;
            } else {
                other += 1;
            }
        }
        if other > 0 && other >= latin {
            return true;
        }
    }
    false
}

fn is_viet(c: char) -> bool {
    ('\u{1EA0}'..='\u{1EFF}').contains(&c)
}

/// A `Date 2022-07-01` / `Date : 2022.07.01` / `Posted on …` line, returned without its label;
/// also a line that is only a dated stamp ("2024/07/26 17:45 KST", "April 18, 2024",
/// "13 July 2023, Jakarta"), and a byline whose items include one ("Posted 6 July 2023 |
/// Share: …").
fn date_line(line: &str) -> Option<String> {
    let t = line.trim().trim_matches(['*', '_']).trim();
    if is_byline(t) {
        return t
            .split(['|', '·'])
            .find_map(|item| labelled_date(item.trim().trim_matches(['*', '_']).trim()));
    }
    if let Some(d) = labelled_date(t) {
        return Some(d);
    }
    let items: Vec<&str> = t.split_whitespace().collect();
    // A stamp: a full date with its year, and at most a time, a zone or a place besides.
    if items.len() <= 8 && !t.ends_with('.') {
        let dates = crate::text::dates::find_dates(t);
        if let [m] = dates.as_slice() {
            if m.date.year.is_some() && m.date.month.is_some() {
                let rest = format!("{} {}", &t[..m.start], &t[m.end..]);
                let rest_words: Vec<&str> = rest
                    .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
                    .filter(|w| !w.is_empty())
                    .collect();
                let stamp_like = rest_words.iter().all(|w| {
                    w.chars().all(|c| c.is_ascii_digit() || c == ':')
                        || w.chars().all(|c| c.is_uppercase())
                        || w.chars().next().is_some_and(char::is_uppercase)
                });
                if rest_words.len() <= 3 && stamp_like {
                    return Some(t[m.start..m.end].to_string());
                }
            }
        }
    }
    None
}

/// A line of items separated by bars or dots ("Posted 6 July 2023 | Share: …").
fn is_byline(t: &str) -> bool {
    t.contains(" | ") || t.contains(" · ")
}

fn labelled_date(t: &str) -> Option<String> {
    let lower = t.to_ascii_lowercase();
    for label in [
        "date",
        "posted on",
        "posted",
        "published on",
        "published",
        "release date",
        "updated",
    ] {
        if let Some(rest) = lower.strip_prefix(label) {
            let rest_orig = &t[t.len() - rest.len()..];
            let value = rest_orig.trim_start_matches([' ', ':']).trim();
            if !value.is_empty()
                && value.len() <= 40
                && value.chars().next().is_some_and(|c| c.is_ascii_digit())
            {
                return Some(value.to_string());
            }
        }
    }
    None
}

/// Drop furniture lines, canonicalise bullet markers and Markdown headings, trim and collapse
/// spaces, and keep at most one blank line between blocks.
fn drop_furniture(input: &str) -> (String, Option<String>) {
    let mut out = String::with_capacity(input.len());
    let mut found_date = None;
    let mut blank_pending = false;
    for raw_line in input.split('\n') {
        let line = collapse_spaces(raw_line.trim());
        if line.is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        // A bullet with nothing after it (empty list items of saved pages).
        if line.chars().count() == 1 && "•●■◆▪◦○·∙".contains(line.as_str()) {
            continue;
        }
        let content = match bullet_marker(&line) {
            Some((skip, _, _)) => line[skip..].trim(),
            None => line.as_str(),
        };
        if content.is_empty() {
            continue;
        }
        let mut byline = false;
        if found_date.is_none() {
            if let Some(d) = date_line(content) {
                found_date = Some(d);
                // A byline keeps its other items (the publisher's name); a date line goes.
                byline = is_byline(content);
                if !byline {
                    continue;
                }
            }
        }
        if !byline && is_furniture_raw(raw_line, content) {
            continue;
        }
        let line = line.trim_start_matches('#').trim_start();
        let line = line.trim_start_matches("> ");
        if line.is_empty() || line.chars().all(|c| "-=*_|~".contains(c)) {
            continue;
        }
        if blank_pending {
            out.push('\n');
            blank_pending = false;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        match bullet_marker(line) {
            Some((skip, canonical, _)) => {
                out.push_str(canonical);
                out.push_str(line[skip..].trim_start());
            }
            None => out.push_str(line),
        }
    }
    (out, found_date)
}

fn collapse_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        if c == ' ' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Text of an HTML page.
pub struct HtmlText {
    pub text: String,
    pub title: Option<String>,
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
    "button", "select", "iframe", "head", "object", "canvas", "math",
];

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "table",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "figcaption",
    "hr",
    "pre",
    "address",
];

/// One pass over the markup: a small state machine, no tree, no recursion, so deeply nested or
/// broken pages cost time linear in their size. When the page has `<main>` or `<article>`, only
/// their content is kept.
pub fn html_to_text(html: &str) -> HtmlText {
    let lower = html.to_ascii_lowercase();
    let has_main = lower.contains("<main") || lower.contains("<article");
    let mut text = String::with_capacity(html.len() / 2);
    let mut title: Option<String> = None;
    let mut in_title = false;
    let mut title_buf = String::new();
    let mut skip_depth: Vec<String> = Vec::new();
    let mut main_depth = 0usize;
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            if lower[i..].starts_with("<!--") {
                i = lower[i + 4..]
                    .find("-->")
                    .map_or(bytes.len(), |e| i + 4 + e + 3);
                continue;
            }
            let end = find_tag_end(bytes, i + 1);
            let tag = &html[i + 1..end.min(bytes.len())];
            i = (end + 1).min(bytes.len());
            let (closing, name) = tag_name(tag);
            if name.is_empty() {
                continue;
            }
            if name == "title" {
                in_title = !closing;
                if closing && title.is_none() {
                    let t = collapse_spaces(decode_entities(&title_buf).trim());
                    if !t.is_empty() {
                        title = Some(t);
                    }
                }
                continue;
            }
            if SKIPPED.contains(&name.as_str()) {
                if closing {
                    if let Some(pos) = skip_depth.iter().rposition(|n| *n == name) {
                        skip_depth.truncate(pos);
                    }
                } else if !tag.trim_end().ends_with('/') {
                    skip_depth.push(name.clone());
                }
                // Raw-text elements: jump straight to their end tag.
                if !closing && (name == "script" || name == "style") {
                    let close = format!("</{name}");
                    if let Some(e) = lower[i..].find(&close) {
                        i += e;
                    } else {
                        i = bytes.len();
                    }
                }
                continue;
            }
            if name == "main" || name == "article" {
                if closing {
                    main_depth = main_depth.saturating_sub(1);
                } else {
                    main_depth += 1;
                }
            }
            if BLOCKS.contains(&name.as_str()) {
                text.push('\n');
                if name == "li" && !closing {
                    text.push_str("• ");
                }
            }
            continue;
        }
        let next = html[i..].find('<').map_or(bytes.len(), |p| i + p);
        let chunk = &html[i..next];
        if in_title {
            title_buf.push_str(chunk);
        } else if skip_depth.is_empty() && (!has_main || main_depth > 0) {
            text.push_str(&decode_entities(&chunk.replace('\n', " ")));
        }
        i = next;
    }
    HtmlText { text, title }
}

fn find_tag_end(bytes: &[u8], mut i: usize) -> usize {
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i,
            None => {}
        }
        i += 1;
    }
    bytes.len()
}

fn tag_name(tag: &str) -> (bool, String) {
    let t = tag.trim_start();
    let (closing, t) = match t.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let name: String = t
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    (closing, name)
}

/// Decode HTML character references: the named ones a news page uses, and numeric ones.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let end = rest[1..]
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i + 1);
        let decoded = end.and_then(|e| entity(&rest[1..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "rsquo" | "lsquo" | "sbquo" => '\'',
        "ldquo" | "rdquo" | "bdquo" => '"',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "aacute" => 'á',
        "agrave" => 'à',
        "acirc" => 'â',
        "ocirc" => 'ô',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "iacute" => 'í',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_furniture_and_bullets_are_cleaned() {
        let raw = "바로가기 메뉴\n본문 바로가기\n\nPress Releases\n\nOutcome of the Dialogue\n\n\n1. The meeting was held.\n\nо Deputy Minister Yeo said it’s “good”.\n- A note.\n";
        let c = clean(raw, false).unwrap();
        assert_eq!(
            c.text,
            "Outcome of the Dialogue\n\n1. The meeting was held.\n\n• Deputy Minister Yeo said it's \"good\".\n◦ A note."
        );
    }

    #[test]
    fn html_keeps_main_content_and_drops_scripts_and_navigation() {
        let html = "<html><head><title>T &amp; U</title><script>var x = '<p>no</p>';</script></head><body><nav><a>Home</a></nav><main><h1>Title</h1><p>First &ldquo;para&rdquo; &#233;.</p><ul><li>One</li></ul></main><footer>Copyright</footer></body></html>";
        let c = clean(html, true).unwrap();
        assert_eq!(c.html_title.as_deref(), Some("T & U"));
        assert_eq!(c.text, "Title\n\nFirst \"para\" é.\n\n• One");
    }

    #[test]
    fn bytes_that_are_not_text_are_refused_with_a_reason() {
        assert_eq!(decode(b"a\0b"), Err(NotText::Binary));
        assert_eq!(decode(b"ok \xff"), Err(NotText::InvalidUtf8 { offset: 3 }));
        assert_eq!(clean("  \n\n", false).unwrap_err(), NotText::Empty);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hi".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), "Hi");
    }

    #[test]
    fn navigation_lines_of_many_sites_are_furniture() {
        let raw = "[Home](/) · [About ASEAN](/about) · [News](/news)\n\
            Home | About ASEAN | Our Communities | News & Events | Resources | Contact\n\
            Politics | North Korea | Diplomacy | Economy\n\
            Home   About   Communities   News   Resources\n\
            Press > Spokesperson's Briefings\n\
            Home > News > ASEAN and Japan hold the 39th Forum\n\
            •\n\
            The 39th ASEAN-Japan Forum | Tokyo\n\
            Viet Nam / Korea / Japan talks\n\
            The Forum was held in Tokyo.";
        let c = clean(raw, false).unwrap();
        assert_eq!(
            c.text,
            "The 39th ASEAN-Japan Forum | Tokyo\nViet Nam / Korea / Japan talks\nThe Forum was held in Tokyo."
        );
    }

    #[test]
    fn stamps_and_bylines_give_the_publication_date() {
        for (line, date) in [
            ("2024/07/26 17:45 KST", "2024/07/26"),
            ("April 18, 2024", "April 18, 2024"),
            ("**13 July 2023, Jakarta**", "13 July 2023"),
            ("*Posted: 19/03/2024*", "19/03/2024"),
            ("• Date 2024-06-06", "2024-06-06"),
        ] {
            let c = clean(&format!("Title\n{line}\nBody text here."), false).unwrap();
            assert_eq!(c.date_line.as_deref(), Some(date), "{line}");
            assert_eq!(c.text, "Title\nBody text here.", "{line}");
        }
        let c = clean("Posted 6 July 2023 | ASEAN Secretariat\nBody.", false).unwrap();
        assert_eq!(c.date_line.as_deref(), Some("6 July 2023"));
        assert!(c.text.contains("ASEAN Secretariat"));
        assert_eq!(
            crate::text::dates::parse_date("19/03/2024").map(|d| d.to_string()),
            Some("2024-03-19".into())
        );
        assert_eq!(crate::text::dates::parse_date("03/04/2024"), None);
    }

    #[test]
    fn date_lines_are_taken_out_of_the_text() {
        let c = clean("Title\nDate 2020-08-27\nBody text here.", false).unwrap();
        assert_eq!(c.date_line.as_deref(), Some("2020-08-27"));
        assert!(!c.text.contains("2020"));
    }
}
