//! Phrase shapes that several recognisers share: runs of capitalised words read backwards
//! from a point, the connectors allowed inside a name, and the head nouns that make a phrase
//! a meeting's name, and the venue a sentence that reports a meeting gives.
//!
//! Pure and leaf-most in `extract`: it depends only on the word helpers of the module above,
//! never on a recogniser, so the recognisers can all use it without importing each other.

use super::{is_capitalised, words, Doc, Entity};
use crate::text::dates::find_dates;

/// Day names, which follow a venue ("in Jakarta on Thursday") but never belong to it.
const WEEKDAYS: [&str; 7] = crate::text::dates::WEEKDAY_NAMES;

/// Words that may stand inside a capitalised name without breaking it.
pub(crate) const CONNECTORS: &[&str] = &["of", "for", "and", "on", "the", "in", "to", "de", "&"];

/// How [`capitalised_run`] reads a name backwards from a point.
pub(crate) struct RunRules {
    /// Words that end the run before they are taken ("26th", "The" for meeting names).
    pub stop: fn(&str) -> bool,
    /// Whether a spaced dash joins two parts ("Viet Nam – RoK").
    pub spaced_dashes: bool,
    /// Whether "the" may stand inside the run ("Treaty of Amity … in the South").
    pub the_inside: bool,
    pub max_words: usize,
}

/// The longest run of capitalised words (with connectors inside) that ends `before`;
/// punctuation between two words ends it.
pub(crate) fn capitalised_run(before: &str, rules: &RunRules) -> String {
    let ws = words(before, 0);
    let mut start_idx = ws.len();
    let mut i = ws.len();
    while i > 0 {
        let (s, e) = ws[i - 1];
        let w = &before[s..e];
        if i < ws.len() && before[e..ws[i].0].contains([',', '.', ';', ':', '"', '(', ')']) {
            break;
        }
        // A blank line ends a name: a heading above a title is not part of it.
        if i < ws.len() && before[e..ws[i].0].contains("\n\n") {
            break;
        }
        if (rules.stop)(w) {
            break;
        }
        if rules.spaced_dashes && matches!(w, "–" | "—" | "-") && start_idx < ws.len() && i > 1
        {
            i -= 1;
            continue;
        }
        if is_capitalised(w) || is_numbered_name(w) {
            start_idx = i - 1;
        } else if !CONNECTORS.contains(&w) || (w == "the" && !rules.the_inside) {
            break;
        }
        if ws.len() - i >= rules.max_words {
            break;
        }
        i -= 1;
    }
    match ws.get(start_idx) {
        Some(&(s, _)) => before[s..].to_string(),
        None => String::new(),
    }
}

/// A name word of digits joined by "+": the "2+2" of "Japan-Australia 2+2 Consultations".
pub(crate) fn is_numbered_name(word: &str) -> bool {
    word.contains('+')
        && !word.starts_with('+')
        && !word.ends_with('+')
        && word.chars().all(|c| c.is_ascii_digit() || c == '+')
}

/// Meeting head nouns, longest first.
pub(crate) const MEETING_HEADS: &[&str] = &[
    "Joint Commission Meeting",
    "Joint Committee Meeting",
    "Joint Commission",
    "Joint Committee",
    "Strategic Dialogue",
    "Dialogue",
    "Summit",
    "Meetings",
    "Meeting",
    "Conference",
    "Consultations",
    "Consultation",
    "Talks",
    "Retreat",
    "Forum",
    // "the NATO Foreign Ministerial": the adjective standing for its meeting.
    "Ministerial",
];

/// The meeting head a phrase ends with, if any.
pub(crate) fn meeting_head(phrase: &str) -> Option<&'static str> {
    MEETING_HEADS.iter().copied().find(|h| {
        phrase.ends_with(h)
            && (phrase.len() == h.len() || phrase[..phrase.len() - h.len()].ends_with([' ', '-']))
    })
}

pub(crate) const HELD_CUES: &[&str] = &[
    "was held",
    "were held",
    "took place",
    "convened",
    "was hosted",
    "hosted",
    "met ",
    "held ",
    "co-chaired",
    "chaired",
    "opened",
    "gathered",
    "attended",
];

/// "held in Seoul, the ROK" → ("Seoul", KOR); "in Jakarta, Indonesia"; "in Viet Nam".
pub(crate) fn venue(
    doc: &Doc<'_>,
    offset: usize,
    sentence: &str,
) -> Option<(String, Option<String>)> {
    let lower = sentence.to_lowercase();
    let held = HELD_CUES.iter().any(|c| lower.contains(c)) || lower.contains("meeting in");
    if !held {
        return None;
    }
    let mut search = 0;
    while let Some(i) = sentence[search..].find(" in ").map(|i| i + search) {
        search = i + 4;
        if let Some(found) = place_after_in(doc, offset, sentence, i) {
            return Some(found);
        }
    }
    None
}

/// The place a name is "in" right after it: "the G7 Summit in Hiroshima" → "Hiroshima";
/// `None` for a date ("in July"), an adjective ("in the Laotian capital") or a mechanism.
pub(crate) fn place_after(doc: &Doc<'_>, end: usize) -> Option<(String, Option<String>)> {
    let stop = doc.text[end..]
        .find(['.', ';', '\n'])
        .map_or(doc.text.len(), |p| end + p);
    let tail = &doc.text[end..stop];
    let (place, state) = tail
        .starts_with(" in ")
        .then(|| place_after_in(doc, end, tail, 0))
        .flatten()?;
    Some((place, state))
}

/// The place named after the " in " at byte `i` of `sentence` (which starts at `offset`).
fn place_after_in(
    doc: &Doc<'_>,
    offset: usize,
    sentence: &str,
    i: usize,
) -> Option<(String, Option<String>)> {
    let rest = &sentence[i + 4..];
    let rest_trim = rest.trim_start_matches("the ");
    let lead = rest.len() - rest_trim.len();
    let first = rest_trim.split_whitespace().next()?;
    if !is_capitalised(first) || find_dates(first).first().is_some_and(|d| d.start == 0) {
        return None;
    }
    let stop = rest_trim
        .find([',', '.', ';', '('])
        .unwrap_or(rest_trim.len());
    let phrase = &rest_trim[..stop];
    // Keep the capitalised words only ("Seoul on July 1" → "Seoul", "Jakarta on
    // Thursday" → "Jakarta"); a connector joins only when a name word follows it
    // ("Bandar Seri Begawan", "City of London").
    let mut end = 0;
    let mut pending_connector = false;
    let mut next_word: Option<&str> = None;
    for (s, e) in words(phrase, 0) {
        let w = &phrase[s..e];
        // "New York on May 18": a month and its day close the place.
        if find_dates(&phrase[s..])
            .first()
            .is_some_and(|d| d.start == 0)
        {
            break;
        }
        let name_word = is_capitalised(w)
            && find_dates(w).is_empty()
            && !WEEKDAYS.contains(&w)
            && !w.chars().any(|c| c.is_ascii_digit());
        if name_word {
            end = e;
            pending_connector = false;
        } else if end > 0 && !pending_connector && CONNECTORS.contains(&w) && w != "and" {
            pending_connector = true;
        } else {
            next_word = Some(w);
            break;
        }
    }
    let place = phrase[..end].trim();
    if place.is_empty() {
        return None;
    }
    // "a Meeting in Celebration of …", "in Support of": a purpose, not a place.
    if next_word == Some("of")
        && !doc
            .k
            .find_names(place)
            .iter()
            .any(|(h, _)| h.end == place.len())
    {
        return None;
    }
    // "in the Laotian capital", "in the Indonesian city of": an adjective, not a place.
    if lead > 0
        && next_word.is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
        && !CONNECTORS.contains(&next_word.unwrap_or(""))
    {
        return None;
    }
    if doc.k.demonym_state(place).is_some() {
        return None;
    }
    let abs = offset + i + 4 + lead;
    let state_here = doc
        .mentions
        .iter()
        .find(|m| m.start == abs && m.end == abs + place.len())
        .and_then(|m| match &m.entity {
            Entity::State(s) => Some(s.clone()),
            _ => None,
        });
    if let Some(code) = state_here {
        let label = doc
            .k
            .state(&code)
            .map_or(place.to_string(), |s| s.label.clone());
        return Some((label, Some(code)));
    }
    // Not a venue: a mechanism or issue name ("in ASEAN", "in Myanmar" is a state).
    if doc
        .mentions
        .iter()
        .any(|m| m.start == abs && !matches!(m.entity, Entity::State(_)))
    {
        return None;
    }
    let after = abs + place.len();
    let tail_end = (after + 40).min(doc.text.len());
    let tail_end = (tail_end..=doc.text.len())
        .find(|&i| doc.text.is_char_boundary(i))
        .unwrap_or(doc.text.len());
    let tail = &doc.text[after..tail_end];
    let state_after = if tail.starts_with(", ") {
        doc.mentions
            .iter()
            .find(|m| m.start >= after && m.start <= after + 8)
            .and_then(|m| match &m.entity {
                Entity::State(s) => Some(s.clone()),
                _ => None,
            })
    } else {
        None
    };
    Some((place.to_string(), state_after))
}
