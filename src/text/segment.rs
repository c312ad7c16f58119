//! Clean text to paragraphs and sentences, with byte spans into that text.
//!
//! A paragraph is a run of lines, broken by a blank line or by a line that starts with a bullet
//! or paragraph number; its depth comes from the marker (numbered 0, "•" 1, "◦" 2, notes 3).
//! Sentences end at `.`, `!` or `?` before a capital, a digit or a quote, except after the
//! abbreviations the genre uses (Nov., U.S., H.E., No., Mr., initials).
//! Pure: no IO; never fails; linear in the text.

use super::clean::bullet_marker;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    pub depth: u8,
    /// The marker as written after cleaning ("1.", "•", "◦", "※", "*"), if any.
    pub marker: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

/// Words that end with a dot without ending a sentence (compared without the dot, lowercase).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sen", "rep", "amb", "st",
    "jr", "sr", "no", "nos", "vol", "art", "para", "fig", "etc", "e.g", "i.e", "vs", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "h.e", "u.s", "u.k",
    "u.n", "e.u", "inc", "ltd", "co", "corp", "approx", "p.m", "a.m", "gov", "dept", "h.r.h",
    "h.m", "rt", "hon", "excl", "cf", "al", "pt", "mt", "ft", "op", "ed", "eds",
];

/// Split a clean text into paragraphs.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current: Option<Paragraph> = None;
    let mut offset = 0;
    for line in text.split('\n') {
        let start = offset;
        let end = offset + line.len();
        offset = end + 1;
        if line.trim().is_empty() {
            if let Some(p) = current.take() {
                out.push(p);
            }
            continue;
        }
        let marker = line_marker(line);
        if marker.is_some() {
            if let Some(p) = current.take() {
                out.push(p);
            }
        }
        match current.as_mut() {
            Some(p) => p.end = end,
            None => {
                let (depth, marker) = match marker {
                    Some((depth, m)) => (depth, Some(m)),
                    None => (0, None),
                };
                current = Some(Paragraph {
                    start,
                    end,
                    depth,
                    marker,
                });
            }
        }
    }
    if let Some(p) = current {
        out.push(p);
    }
    out
}

/// The marker a line starts with, and its depth.
fn line_marker(line: &str) -> Option<(u8, String)> {
    if let Some((skip, _, depth)) = bullet_marker(line) {
        return Some((depth, line[..skip].trim().to_string()));
    }
    numbered_marker(line).map(|len| (0, line[..len].trim().to_string()))
}

/// Length of a paragraph number ("1. ", "12) ", "(3) ") at the start of a line, with its space.
fn numbered_marker(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'('));
    let digits_start = i;
    while i < b.len() && b[i].is_ascii_digit() && i - digits_start < 3 {
        i += 1;
    }
    if i == digits_start {
        return None;
    }
    if !matches!(b.get(i), Some(b'.') | Some(b')')) {
        return None;
    }
    i += 1;
    (b.get(i) == Some(&b' ')).then_some(i + 1)
}

/// Split every paragraph into sentences.
pub fn sentences(text: &str, paragraphs: &[Paragraph]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        let body_start = p.start
            + line_marker(&text[p.start..p.end])
                .map(|_| marker_len(&text[p.start..p.end]))
                .unwrap_or(0);
        split_sentences(text, body_start, p.end, pi, &mut out);
    }
    out
}

fn marker_len(line: &str) -> usize {
    if let Some((skip, _, _)) = bullet_marker(line) {
        return skip;
    }
    numbered_marker(line).unwrap_or(0)
}

fn split_sentences(
    text: &str,
    start: usize,
    end: usize,
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    let bytes = text.as_bytes();
    let mut sentence_start = start;
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            // Closing quotes and brackets belong to the sentence they close.
            let mut j = i + 1;
            while j < end && matches!(bytes[j], b'"' | b'\'' | b')' | b']') {
                j += 1;
            }
            let at_break =
                j >= end || (matches!(bytes[j], b' ' | b'\n') && starts_sentence(&text[j..end]));
            if at_break && !(b == b'.' && is_abbreviation(&text[sentence_start..i])) {
                push_trimmed(text, sentence_start, j, paragraph, out);
                sentence_start = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, sentence_start, end, paragraph, out);
}

fn starts_sentence(rest: &str) -> bool {
    let next = rest.trim_start_matches([' ', '\n']);
    next.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || c == '"'
            || c == '\''
            || c == '('
            || c == '•'
            || c == '◦'
    })
}

/// Whether the word before a dot is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if start + lead < end - trail {
        out.push(Sentence {
            start: start + lead,
            end: end - trail,
            paragraph,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let ps = paragraphs(text);
        sentences(text, &ps)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            split("SEOUL, Nov. 10 (Yonhap) -- H.E. Mr. Lee met U.S. envoys. They met No. 3 again! J. Smith came."),
            vec![
                "SEOUL, Nov. 10 (Yonhap) -- H.E. Mr. Lee met U.S. envoys.",
                "They met No. 3 again!",
                "J. Smith came."
            ]
        );
    }

    #[test]
    fn numbered_and_bulleted_lines_are_paragraphs_with_depth() {
        let text = "Title\n\n1. First. Second.\n• Bullet one.\n◦ Sub point.";
        let ps = paragraphs(text);
        let depths: Vec<u8> = ps.iter().map(|p| p.depth).collect();
        assert_eq!(depths, vec![0, 0, 1, 2]);
        assert_eq!(ps[1].marker.as_deref(), Some("1."));
        assert_eq!(
            split(text),
            vec!["Title", "First.", "Second.", "Bullet one.", "Sub point."]
        );
    }
}
