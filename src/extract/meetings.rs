//! Meetings a document reports or mentions, with series, ordinal, date, place and format.
//!
//! A meeting name is a capitalised phrase ending in a meeting head noun (Dialogue, Summit,
//! Meeting, Conference, Consultations, Joint Commission…), optionally after an ordinal ("26th",
//! "Twenty-sixth"). Its series is keyed by the parties its name joins (states and mechanisms,
//! resolved through the gazetteer, in any order or spelling: ASEAN-ROK, ASEAN-RoK,
//! ROK-ASEAN and ASEAN-Republic of Korea (ROK) give one key) plus the head. The meeting the
//! document reports is the one in its title or the first one held; others are mentioned,
//! upcoming ones keep the partial date the text gives ("in August" is `--08`). Spaced dashes
//! join parties ("Viet Nam – RoK"); an unknown hyphenated piece is a party only when its
//! chain reaches a known one ("Mekong-ROK", not "Vice-Ministerial"). A session of a body
//! ("Joint Commission Meeting") belongs to the body's series ("Joint Commission"). A bare
//! head ("the Dialogue") takes the main meeting's series only when the heads agree; a bare
//! other head ("the Summit") without an ordinal is not kept. "Video/Press Conference" is no
//! meeting name.
//! Pure: no IO.

use super::phrase::{
    capitalised_run, meeting_head, place_after, venue, RunRules, CONNECTORS, HELD_CUES,
    MEETING_HEADS,
};
use super::{is_capitalised, tail, words, Doc, Entity, Meeting, Series, LOOKBACK};
use crate::knowledge::NameTarget;
use crate::text::dates::{find_dates, PartialDate};
use crate::vocab::slug;

/// Heads that name a standing body as often as one of its sessions: a phrase with one is a
/// meeting only with an ordinal, a date right after it or an upcoming cue ("the 39th
/// ASEAN-Japan Forum", "the ASEAN Regional Forum in July").
const EDITION_ONLY_HEADS: &[&str] = &["Forum"];

/// Words before "Conference"/"Meeting" that make the phrase something other than a meeting name.
const NOT_MEETING_MODIFIERS: &[&str] = &["Video", "Press", "News", "Virtual", "Online", "Web"];

/// Bodies whose sessions are the meetings: "Joint Commission Meeting" is a session of the
/// series "Joint Commission".
const BODY_HEADS: &[&str] = &["Commission", "Committee", "Council"];

/// Nouns that end the name of a standing body whose sittings are meetings: "the 14th Joint
/// Council for Bilateral Cooperation", "the sixth meeting of the Binational Commission".
const BODY_NOUNS: &[&str] = &[
    "Council",
    "Commission",
    "Committee",
    "Mechanism",
    "Assembly",
];

/// Words that name one sitting of a body: "the sixth meeting of …", "its 161st session".
const SITTING_WORDS: &[&str] = &["meeting", "Meeting", "session", "Session"];

/// Kinds of sitting written before a meeting's parties ("Special ASEAN-China …").
const SITTING_KINDS: &[&str] = &["Special", "Informal", "Extraordinary", "Emergency"];

/// Connectors a body's name may hold when read forwards ("Council for Bilateral Cooperation").
const FORWARD_CONNECTORS: &[&str] = &["of", "the", "and", "for", "on", "&"];

/// Words that mark a mention as a future meeting.
const UPCOMING_CUES: &[&str] = &[
    "upcoming",
    "next",
    "forthcoming",
    "future",
    "success of the",
    "to be held",
    "will be held",
    "would be held",
    "preparations for",
    "prepare for",
    "lead-up to",
    "ahead of the",
    "scheduled to attend",
    "looked forward to",
    "look forward to",
    "will attend",
    "to attend the",
];

#[derive(Clone)]
struct Candidate {
    start: usize,
    end: usize,
    ordinal: Option<u32>,
    parties: Vec<(Entity, String)>,
    unresolved_run: String,
    head: String,
    /// A series the gazetteer knows as a mechanism ("ASEAN Foreign Ministers' Meeting").
    series_mechanism: Option<String>,
    upcoming: bool,
    /// "the last AUKMIN": an earlier edition, never the reported one.
    earlier: bool,
    sentence: Option<usize>,
}

pub(crate) fn recognise(doc: &mut Doc<'_>) {
    let text = doc.text.clone();
    let masked = mask_parenthesised_acronyms(&text);
    doc.sort_mentions();
    let mut candidates = sitting_candidates(doc, &masked);
    let sitting_starts: Vec<usize> = candidates.iter().map(|c: &Candidate| c.start).collect();
    for head in MEETING_HEADS {
        let mut search = 0;
        while let Some(pos) = masked[search..].find(head).map(|i| i + search) {
            search = pos + head.len();
            let end = pos + head.len();
            if !crate::knowledge::is_boundary_before(&masked, pos)
                || !crate::knowledge::is_boundary_after(&masked, end)
            {
                continue;
            }
            // "Summit Meeting": the longer name is the meeting's.
            if masked[end..].starts_with(" Meeting") && *head != "Meeting" {
                continue;
            }
            // "Vice-Ministerial …": a Ministerial alone stands after a space.
            if *head == "Ministerial" && !masked[..pos].ends_with(' ') {
                continue;
            }
            // A longer head already covers this one ("Joint Commission Meeting").
            let covered = candidates
                .iter()
                .any(|c: &Candidate| c.start <= pos && c.end >= end);
            if covered {
                continue;
            }
            // "by Video Conference", "a Press Conference": a medium or an event, not a name.
            let prev_word = masked[..pos].split_whitespace().next_back().unwrap_or("");
            if NOT_MEETING_MODIFIERS.contains(&prev_word) {
                continue;
            }
            if let Some(c) = candidate(doc, &masked, pos, end, head) {
                candidates.push(c);
            }
        }
    }
    for c in &mut candidates {
        if c.parties.is_empty() && c.unresolved_run.is_empty() && c.series_mechanism.is_none() {
            c.parties = holding_parties(doc, c.start);
        }
    }
    let lowercase = lowercase_candidates(doc, &masked, &candidates);
    candidates.extend(lowercase);
    // "the inaugural Quad Leaders' Summit … the second Leaders' Summit": an edition named by
    // its ordinal and its head alone is of the series named earlier with that head.
    candidates.sort_by_key(|c| c.start);
    for i in 0..candidates.len() {
        let c = &candidates[i];
        if c.ordinal.is_none()
            || !c.parties.is_empty()
            || !c.unresolved_run.is_empty()
            || c.series_mechanism.is_some()
        {
            continue;
        }
        let earlier = candidates[..i]
            .iter()
            .rev()
            .find(|o| o.head == c.head && (!o.parties.is_empty() || o.series_mechanism.is_some()));
        if let Some(o) = earlier {
            let (parties, unresolved, mechanism) = (
                o.parties.clone(),
                o.unresolved_run.clone(),
                o.series_mechanism.clone(),
            );
            let c = &mut candidates[i];
            c.parties = parties;
            c.unresolved_run = unresolved;
            c.series_mechanism = mechanism;
        }
    }
    let by_acronym = acronym_candidates(doc, &masked, &candidates);
    candidates.extend(by_acronym);
    candidates.sort_by_key(|c| c.start);
    if candidates.is_empty() {
        super::events::unnamed_event(doc);
        return;
    }

    // The reported meeting: the one named in the title, else the first one held.
    let title_end = doc.body_start;
    let main_idx = candidates
        .iter()
        .position(|c| {
            c.end <= title_end && (!c.parties.is_empty() || named_by_proper_name(doc, &c.head))
        })
        .or_else(|| {
            candidates.iter().position(|c| {
                !c.upcoming
                    && c.sentence.is_some_and(|s| {
                        let st = doc.sentence_text(s).to_lowercase();
                        HELD_CUES.iter().any(|cue| st.contains(cue))
                    })
                    && (!c.parties.is_empty() || c.ordinal.is_some())
                    && !c.head.is_empty()
            })
        })
        .or_else(|| {
            candidates.iter().position(|c| {
                !c.upcoming && !c.parties.is_empty() && !super::events::title_announces_event(doc)
            })
        });

    let main_series = main_idx.map(|i| series_of(doc, &candidates[i], None));
    let main_ordinal = main_idx.and_then(|i| {
        candidates[i].ordinal.or_else(|| {
            // The title may lack the ordinal that the body gives.
            let key = &main_series.as_ref()?.key;
            candidates
                .iter()
                .filter(|c| !c.upcoming)
                .find(|c| c.ordinal.is_some() && &series_of(doc, c, None).key == key)
                .and_then(|c| c.ordinal)
        })
    });
    // "the virtual NATO Foreign Ministerial": the word before the name says how it met.
    let virtual_name = main_idx.is_some_and(|i| {
        let before = text[..candidates[i].start].trim_end();
        let lead = before.rsplit(' ').next().unwrap_or("");
        lead.eq_ignore_ascii_case("virtual") || text[candidates[i].start..].starts_with("Virtual ")
    });
    let format = meeting_format(&text).or_else(|| virtual_name.then(|| "virtual".to_string()));
    let (main_date, location, location_state) = match main_idx {
        Some(i) => main_facts(doc, &candidates, i),
        None => (None, None, None),
    };
    // A meeting with a venue and no other cue of its format met in person.
    let format = format.or_else(|| location.as_ref().map(|_| "in person".to_string()));

    let main_head = main_idx.map(|i| candidates[i].head.clone());
    let mut meeting_spans: Vec<(usize, usize)> = Vec::new();
    let mut acronym_series: Vec<(String, Series)> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        // "the 13th meeting" names no series: it is a sitting of the reported meeting's.
        let unnamed_sitting = match main_idx {
            Some(m) if c.head.is_empty() => {
                let main = &candidates[m];
                let mut x = c.clone();
                x.head = main.head.clone();
                x.parties = main.parties.clone();
                x.unresolved_run = main.unresolved_run.clone();
                x.series_mechanism = main.series_mechanism.clone();
                Some(x)
            }
            _ if c.head.is_empty() => continue,
            _ => None,
        };
        let c = unnamed_sitting.as_ref().unwrap_or(c);
        // A bare "the Dialogue" is the main meeting's series; a bare "the Summit" in a report
        // on a Dialogue is some other series the text does not name.
        let inherits = c.parties.is_empty()
            && c.unresolved_run.is_empty()
            && c.series_mechanism.is_none()
            && main_head.as_deref() == Some(c.head.as_str());
        let bare = c.parties.is_empty()
            && c.unresolved_run.is_empty()
            && c.series_mechanism.is_none()
            && !inherits
            && !named_by_proper_name(doc, &c.head)
            && c.ordinal.is_none()
            && Some(i) != main_idx;
        // "the ASEAN-related Foreign Ministers' Meeting in August and the Summit in November":
        // a bare upcoming head takes the parties of the meeting named before it in the sentence.
        let sibling = if bare && (c.upcoming || date_after(&text, c.end).is_some()) {
            candidates[..i]
                .iter()
                .rev()
                .find(|o| {
                    o.sentence == c.sentence
                        && (!o.parties.is_empty() || !o.unresolved_run.is_empty())
                })
                .map(|o| {
                    let mut named = c.clone();
                    named.parties = o.parties.clone();
                    named.unresolved_run = o.unresolved_run.clone();
                    if o.head.starts_with("related ") {
                        named.head = format!("related {}", c.head);
                    }
                    named.upcoming = true;
                    named
                })
        } else {
            None
        };
        if bare && sibling.is_none() {
            continue;
        }
        let c = sibling.as_ref().unwrap_or(c);
        let series = series_of(doc, c, if inherits { main_series.as_ref() } else { None });
        // "the Third Meeting of the BCM": a body named by an acronym the text defined is the
        // series of the meeting that defined it.
        let series = match acronym_series.iter().find(|(a, _)| *a == series.label) {
            Some((_, defined)) if c.parties.is_empty() => defined.clone(),
            _ => series,
        };
        if let Some(acronym) = defined_acronym(&text, c) {
            acronym_series.push((acronym, series.clone()));
        }
        let same_series_as_main = main_series.as_ref().is_some_and(|m| m.key == series.key);
        let is_main = Some(i) == main_idx
            || (same_series_as_main
                && !c.upcoming
                && !c.earlier
                && !other_year(date_after(&text, c.end), main_date)
                && (c.ordinal.is_none() || c.ordinal == main_ordinal));
        let (ordinal, date, location, location_state, format, upcoming) = if is_main {
            (
                main_ordinal,
                main_date,
                location.clone(),
                location_state.clone(),
                format.clone(),
                false,
            )
        } else {
            let ahead = c.upcoming || is_future_sentence(doc, c);
            let date = own_date(doc, c.start, c.end, ahead)
                .map(|d| d.with_year_from(doc.reference_date, ahead));
            // "the G7 Summit in Hiroshima": a place right after the name is its venue.
            let (place, place_state) = match place_after(doc, c.end) {
                Some((p, st)) => (Some(p), st),
                None => (None, None),
            };
            (c.ordinal, date, place, place_state, None, c.upcoming)
        };
        let key = meeting_key(&series.key, ordinal, date);
        let name = text[c.start..c.end].to_string();
        // The name of a meeting is not also a mention of the body or forum it is a session
        // of: "the 27th ASEAN-ROK Dialogue" is a meeting, not the mechanism "ASEAN-ROK
        // Dialogue" (its parties "ASEAN" stay mentions).
        meeting_spans.push((c.start, c.end));
        doc.mention(c.start, c.end, Entity::Meeting(key.clone()));
        if let Some(existing) = doc.meetings.iter_mut().find(|m| m.key == key) {
            if existing.name.split_whitespace().count() < name.split_whitespace().count() {
                existing.name = name;
            }
            continue;
        }
        doc.meetings.push(Meeting {
            key,
            name: display_name(&name, ordinal),
            series,
            ordinal,
            date,
            location,
            location_state,
            format,
            main: is_main,
            upcoming,
            kind: "meeting".into(),
            participants: Vec::new(),
            frame: Vec::new(),
        });
    }
    // The name of a meeting is not also a mention of the body or forum it is a session of:
    // "the 27th ASEAN-ROK Dialogue" is a meeting, not the mechanism "ASEAN-ROK Dialogue" (its
    // parties, "ASEAN", stay mentions). One pass, spans by end.
    let k = doc.k;
    let ends: std::collections::HashMap<usize, usize> =
        meeting_spans.iter().map(|&(s, e)| (e, s)).collect();
    let starts: std::collections::HashSet<usize> = meeting_spans.iter().map(|&(s, _)| s).collect();
    doc.mentions.retain(|m| {
        let Entity::Mechanism(slug) = &m.entity else {
            return true;
        };
        let inside = ends.get(&m.end).is_some_and(|&s| s <= m.start) || starts.contains(&m.start);
        // A name read across an ordinal sitting ("Third Meeting of the … Mechanism") is the
        // meeting's name, not a mechanism's.
        let across_sitting = sitting_starts
            .iter()
            .any(|&s| m.start <= s && s < m.end && m.end > s + 1);
        let session_of_body = inside
            && k.mechanism(slug).is_some_and(|x| {
                matches!(x.class.as_str(), "Body" | "Forum") && meeting_head(&x.label).is_some()
            });
        !session_of_body && !across_sitting
    });
    super::events::unnamed_event(doc);
    // One main meeting: the first.
    let mut seen_main = false;
    for m in &mut doc.meetings {
        if m.main {
            if seen_main {
                m.main = false;
            }
            seen_main = true;
        }
    }
}

/// Verbs of taking part in a meeting another body holds.
const JOINED_CUES: &[&str] = &["joined", "participated", "took part"];

/// Words before a meeting head that say what kind of sitting it is, not which: "the Leaders'
/// Summit", "a Special Meeting", "the Virtual Ministerial".
const GENERIC_MODIFIERS: &[&str] = &[
    "Leaders'",
    "Leaders’",
    "Ministers'",
    "Ministers’",
    "Officials'",
    "Officials’",
    "Heads",
    "Annual",
    "Bilateral",
    "Trilateral",
    "Multilateral",
    "Ministerial",
    "High-Level",
    "High-level",
    "Plenary",
    "Closing",
    "Opening",
    "Inaugural",
    "First",
    "Last",
    "Next",
    "Virtual",
    "Online",
    "In-Person",
    "Video",
    "Press",
    "News",
    "Web",
    "Emergency",
    "Extraordinary",
    "Informal",
    "Special",
    "Regular",
    "Ordinary",
    "Working",
    "Our",
    "This",
    "That",
    "Their",
    "His",
    "Her",
    "Its",
    "A",
    "An",
];

/// Words that say how a sitting met, not which series it belongs to.
const FORMAT_WORDS: &[&str] = &["Virtual", "Online", "In-Person", "Hybrid"];

/// Words of a title or a time, never of a meeting's proper name.
const NOT_IN_NAMES: &[&str] = &[
    "Before",
    "After",
    "Ahead",
    "During",
    "Their",
    "Upcoming",
    "Future",
    "Jr.",
    "Sr.",
    "Roundtable",
];

/// Endings of adjectives that say what kind of meeting it is ("Commemorative", "Consultative",
/// "Preparatory", "Regional").
const ADJECTIVE_ENDINGS: &[&str] = &["ive", "ary", "ory", "al"];

/// Whether a meeting name with no known party names one meeting by a proper name before its
/// head: "the Woodside Summit", "the Munich Security Conference". Its first word is a name —
/// capitalised, no title word ("Foreign", "Defence"), no kind of sitting ("Leaders'",
/// "Special"), no date word, no possessive ("Secretary Blinken's Meeting" is a reference to an
/// unnamed meeting).
fn named_by_proper_name(doc: &Doc<'_>, head: &str) -> bool {
    let Some(noun) = meeting_head(head) else {
        return false;
    };
    let prefix = head[..head.len() - noun.len()].trim_end_matches([' ', '-']);
    let Some(first) = prefix.split([' ', '-']).next().filter(|w| !w.is_empty()) else {
        return false;
    };
    let possessive = prefix
        .split_whitespace()
        .any(|w| w.ends_with("'s") || w.ends_with("’s"));
    // "Readout of Peace Talks": a title's words, not a name; nor "Remarks by … Jr. Before
    // Their Meeting", "Upcoming Consultations", "Establishing Strategic Dialogue", "(B9)".
    let lowercase_inside = prefix.split_whitespace().any(|w| {
        !(is_capitalised(w) || super::phrase::is_numbered_name(w))
            || NOT_IN_NAMES.contains(&w)
            || !w
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '+' | '\'' | '’' | '.'))
    }) || first.ends_with("ing");
    (is_capitalised(first) || super::phrase::is_numbered_name(first))
        && first.chars().any(char::is_alphanumeric)
        && !possessive
        && !lowercase_inside
        && meeting_head(first).is_none()
        && !doc.k.is_title_word(first)
        && !GENERIC_MODIFIERS.contains(&first)
        && !ADJECTIVE_ENDINGS.iter().any(|e| first.ends_with(e))
        && !crate::text::dates::MONTH_NAMES.contains(&first)
        && !crate::text::dates::WEEKDAY_NAMES.contains(&first)
}

/// The name as the document gives it, with the ordinal in front when the text had it.
fn display_name(name: &str, ordinal: Option<u32>) -> String {
    let name = name.trim_start_matches("the ").trim_start_matches("The ");
    match ordinal {
        Some(n)
            if !name.starts_with(|c: char| c.is_ascii_digit())
                && parse_ordinal(name.split_whitespace().next().unwrap_or("")).is_none() =>
        {
            format!("{} {name}", ordinal_suffix(n))
        }
        _ => name.to_string(),
    }
}

pub(crate) fn ordinal_suffix(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The meeting's key: series and ordinal, or series and date, or the series alone.
pub(crate) fn meeting_key(series: &str, ordinal: Option<u32>, date: Option<PartialDate>) -> String {
    match (ordinal, date) {
        (Some(n), _) => format!("{series}/{n}"),
        (None, Some(d)) if !d.is_empty() => format!("{series}/{d}"),
        _ => format!("{series}/undated"),
    }
}

/// Replace "(ROK)"-style bracketed acronyms with spaces of the same length, so the name
/// around them reads as one run and byte offsets stay the same.
fn mask_parenthesised_acronyms(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        match after.find(')') {
            Some(close)
                if close <= 14
                    && after[1..close]
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-')
                    && after[1..close].chars().filter(|c| c.is_uppercase()).count() >= 2 =>
            {
                out.push_str(&" ".repeat(close + 1));
                rest = &after[close + 1..];
            }
            _ => {
                out.push('(');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn candidate(doc: &Doc<'_>, masked: &str, pos: usize, end: usize, head: &str) -> Option<Candidate> {
    // The head must end the name: "an ASEAN Dialogue Partner" names no meeting.
    let next_word = masked[end..].strip_prefix(' ').unwrap_or("");
    if next_word
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| {
            is_capitalised(w)
                && !CONNECTORS.contains(&w)
                && !MEETING_HEADS.iter().any(|h| h.starts_with(w))
        })
    {
        return None;
    }
    // The head itself must start with a capital: "the meeting" is a reference, not a name.
    let before = &masked[..pos];
    let run_source = before.trim_end();
    let run = if run_source.len() < before.len() || run_source.ends_with('-') {
        capitalised_run(tail(run_source, LOOKBACK), &MEETING_RUN)
    } else {
        String::new()
    };
    let mut run_start = run_source.len() - run.len();
    let mut run = run.as_str();
    // A leading ordinal word belongs to the ordinal, not the name.
    let mut ordinal = None;
    if let Some(first) = run.split_whitespace().next() {
        if let Some(n) = parse_ordinal(first) {
            ordinal = Some(n);
            let skip =
                first.len() + (run.len() - run[first.len()..].trim_start().len() - first.len());
            run_start += skip;
            run = &run[skip..];
        }
    }
    // "Overview of Japan-China Foreign Ministers' Meeting": a word "of" a name that opens
    // with a party is no part of the name.
    if let Some(p) = run.find(" of ") {
        let rest = run[p + 4..].trim_start_matches("the ");
        let word = &run[..p];
        if !word.contains([' ', '-', '–', '—'])
            && parties_of(doc, run).0.is_empty()
            && !BODY_NOUNS.contains(&word)
            && !MEETING_HEADS.contains(&word)
            && !parties_of(doc, rest).0.is_empty()
        {
            let skip = run.len() - rest.len();
            run_start += skip;
            run = &run[skip..];
        }
    }
    // "… Cooperation and Related Joint Steering Council Meetings": the sittings related to
    // another meeting, not a series of their own.
    if run.contains(" and Related ") {
        return None;
    }
    let mut start = if run.is_empty() { pos } else { run_start };
    if ordinal.is_none() {
        let prev_text = tail(&masked[..start], LOOKBACK);
        let prev = words(prev_text, start - prev_text.len());
        // "the third annual UK-China Strategic Dialogue": the ordinal may stand before "annual".
        let skip = usize::from(
            prev.last()
                .is_some_and(|&(s, e)| masked[s..e].eq_ignore_ascii_case("annual")),
        );
        if let Some(&(s, e)) = prev.iter().rev().nth(skip) {
            if let Some(n) = parse_ordinal(&masked[s..e]) {
                ordinal = Some(n);
                start = s;
            }
        }
    }
    // A known mechanism that ends in a meeting word ("ASEAN Senior Officials' Meeting") is a
    // body, not a meeting, unless an ordinal, an upcoming cue, a date right after it, or a
    // name joining two parties ("ASEAN-ROK Dialogue") makes it one edition of a series.
    let covering = doc
        .mentions_starting(end.saturating_sub(super::people::LONGEST_MENTION), end)
        .iter()
        .find(|m| matches!(m.entity, Entity::Mechanism(_)) && m.end == end && m.start < end)
        .map(|m| (m.start, m.entity.clone()));
    let upcoming = upcoming_before(doc, start);
    if EDITION_ONLY_HEADS.contains(&head)
        && ordinal.is_none()
        && !upcoming
        && date_after(&doc.text, end).is_none()
        && !super::ends_with_ci(before, "the")
    {
        return None;
    }
    let mut mechanism_series = None;
    if let Some((mstart, entity)) = &covering {
        let (parties, unresolved, _) = parties_of(doc, &masked[*mstart..pos]);
        // "U.S.-ASEAN Summit": a party hyphened before the mechanism's name joins it.
        let outer_party = *mstart > run_start
            && masked[..*mstart].ends_with('-')
            && !parties_of(doc, masked[run_start..*mstart].trim_end_matches('-'))
                .0
                .is_empty();
        let joins_parties = parties.len() + usize::from(!unresolved.is_empty()) >= 2
            || outer_party
            || with_partner(doc, end).is_some();
        // A summit is always a sitting, never a standing body ("the G7 Summit in Hiroshima").
        // A forum whose own name is a summit ("the East Asia Summit") stays the forum.
        let sitting = head == "Summit"
            && match entity {
                Entity::Mechanism(slug) => doc
                    .k
                    .mechanism(slug)
                    .is_some_and(|m| meeting_head(&m.label).is_none()),
                _ => false,
            };
        if !(ordinal.is_some()
            || upcoming
            || joins_parties
            || sitting
            || date_after(&doc.text, end).is_some())
        {
            return None;
        }
        // The name starts where the mechanism's name starts.
        if !outer_party {
            run_start = *mstart;
            if ordinal.is_none() {
                start = *mstart;
            }
        }
        if !joins_parties {
            mechanism_series = Some(entity.clone());
        }
    }
    let run = masked[run_start.min(pos)..pos]
        .trim_end_matches([' ', '-'])
        .to_string();
    if run.is_empty() && ordinal.is_none() {
        // A bare "the Summit" or "the Dialogue": a reference, kept only after "the".
        if !super::ends_with_ci(before, "the") {
            return None;
        }
    }
    let (mut parties, unresolved_run, head_prefix) = parties_of(doc, &run);
    let mut series_mechanism = match mechanism_series {
        Some(Entity::Mechanism(slug)) => Some(slug),
        _ => None,
    };
    // "the ASEAN Post Ministerial Conference with the ROK": an organisation's session with one
    // partner belongs to the series of the two.
    if parties
        .iter()
        .all(|(e, _)| matches!(e, Entity::Mechanism(_)))
        && unresolved_run.is_empty()
    {
        if let Some(partner) = with_partner(doc, end) {
            if parties.is_empty() {
                if let Some(slug) = &series_mechanism {
                    if let Some(m) = doc.k.mechanism(slug) {
                        let (p, _, _) = parties_of(doc, &m.label);
                        parties = p;
                    }
                }
            }
            if !parties.is_empty() {
                parties.push(partner);
                series_mechanism = None;
            }
        }
    }
    // "the 22nd Economic Leaders' Meeting of the Asia-Pacific Economic Cooperation": the
    // meeting of an organisation or state is that party's.
    let mut end = end;
    let of_skip = [" of the ", " of "]
        .iter()
        .find(|p| masked[end..].starts_with(**p))
        .map(|p| p.len());
    if let Some(run_end) = of_skip.and_then(|skip| forward_run(masked, end + skip)) {
        let (owner, unresolved, rest) =
            parties_of(doc, &masked[end + of_skip.unwrap_or(0)..run_end]);
        // Not a list of parties ("Meeting of the United States, Japan and …"), and only after
        // a name of its own.
        let listed = masked[run_end..].starts_with([',', ';']);
        if !owner.is_empty()
            && unresolved.is_empty()
            && rest.is_empty()
            && !run.is_empty()
            && !listed
        {
            for p in owner {
                if !parties.iter().any(|(e, _)| *e == p.0) {
                    parties.push(p);
                }
            }
            series_mechanism = None;
            end = run_end;
        }
    }
    let head_full = if head_prefix.is_empty() {
        head.to_string()
    } else {
        format!("{head_prefix} {head}")
    };
    Some(Candidate {
        start,
        end,
        ordinal,
        parties,
        unresolved_run,
        head: head_full,
        series_mechanism,
        upcoming,
        earlier: false,
        sentence: super::sentence_at(&doc.sentences, start),
    })
}

/// Meeting heads as running text writes them after the parties' names.
const LOWERCASE_HEADS: &[&str] = &["dialogue", "summit", "consultations", "talks", "meeting"];

/// Meetings named in lowercase after their hyphen-joined parties: "the fifth Mexico-China
/// binational commission meeting", "the Germany-China strategic dialogue". Two or more known
/// parties, at most three lowercase words, then a head; the series is written in title case
/// ("Mexico-China Binational Commission").
fn lowercase_candidates(doc: &Doc<'_>, masked: &str, named: &[Candidate]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let ws = words(masked, 0);
    for (i, &(s, e)) in ws.iter().enumerate() {
        let head = &masked[s..e];
        if !LOWERCASE_HEADS.contains(&head) || named.iter().any(|c| c.start <= s && e <= c.end) {
            continue;
        }
        // Back over lowercase modifiers to the parties.
        let mut j = i;
        let mut modifiers = 0;
        while j > 0 && modifiers <= 3 {
            let (ps, pe) = ws[j - 1];
            let w = &masked[ps..pe];
            if !w.chars().all(|c| c.is_lowercase() || c == '-')
                || FUNCTION_WORDS.contains(&w)
                || !masked[pe..ws[j].0].trim().is_empty()
            {
                break;
            }
            modifiers += 1;
            j -= 1;
        }
        // "a U.S.-China meeting", "the bilateral talks": a kind of meeting, not a name; the
        // name needs a word of its own.
        let own_word = ws[j..i].iter().any(|&(a, b)| {
            let w = &masked[a..b];
            !GENERIC_MODIFIERS.iter().any(|g| g.eq_ignore_ascii_case(w))
                && !ADJECTIVE_KINDS.contains(&w)
        });
        if j == 0 || modifiers > 3 || !own_word {
            continue;
        }
        let pe = ws[j - 1].1;
        if !masked[pe..ws[j].0].trim().is_empty() {
            continue;
        }
        let run = capitalised_run(tail(&masked[..pe], LOOKBACK), &MEETING_RUN);
        if !run.contains('-') {
            continue;
        }
        let (parties, unresolved, rest) = parties_of(doc, &run);
        if parties.len() < 2 || !unresolved.is_empty() || !rest.is_empty() {
            continue;
        }
        let mut start = pe - run.len();
        let prev_text = tail(&masked[..start], LOOKBACK);
        let prev = words(prev_text, start - prev_text.len());
        let ordinal = prev
            .last()
            .and_then(|&(a, b)| parse_ordinal(&masked[a..b]).map(|n| (a, n)));
        if let Some((a, _)) = ordinal {
            start = a;
        }
        let words_after: Vec<String> = ws[j..=i]
            .iter()
            .map(|&(a, b)| title_case(&masked[a..b]))
            .collect();
        out.push(Candidate {
            start,
            end: e,
            ordinal: ordinal.map(|(_, n)| n),
            parties,
            unresolved_run: String::new(),
            head: words_after.join(" "),
            series_mechanism: None,
            upcoming: upcoming_before(doc, start),
            earlier: false,
            sentence: super::sentence_at(&doc.sentences, start),
        });
    }
    out
}

/// Lowercase words that say how a meeting was held, not which it was.
const ADJECTIVE_KINDS: &[&str] = &[
    "bilateral",
    "trilateral",
    "multilateral",
    "virtual",
    "annual",
    "regular",
    "formal",
    "informal",
    "official",
    "ministerial",
    "leaders",
    "summit",
    "productive",
    "constructive",
    "positive",
    "candid",
    "fruitful",
    "recent",
    "latest",
    "first",
    "second",
    "third",
    "last",
    "next",
    "upcoming",
    "high-level",
    "in-person",
    "face-to-face",
    "phone",
    "video",
];

/// "strategic" → "Strategic"; "co-chairs" → "Co-Chairs".
fn title_case(word: &str) -> String {
    word.split('-')
        .map(|p| {
            let mut cs = p.chars();
            cs.next()
                .map(|c| c.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Words that may stand between two states that hold a meeting and its name: "India and
/// Romania held Foreign Office Consultations", "The Philippines and China convened the Third
/// Meeting of …".
const HOLDING_WORDS: &[&str] = &[
    "The",
    "the",
    "and",
    "held",
    "hold",
    "convened",
    "co-chaired",
    "their",
    "its",
    "a",
    "an",
];

/// The states a sentence names as the holders of the meeting whose name starts at `start`:
/// the sentence from its start to the name is two or more states, "and", a holding verb and
/// articles or an ordinal, nothing else.
fn holding_parties(doc: &Doc<'_>, start: usize) -> Vec<(Entity, String)> {
    let Some(si) = super::sentence_at(&doc.sentences, start) else {
        return Vec::new();
    };
    // After a dateline or a heading's colon: "NEW DELHI: India and Romania held …".
    let sentence_start = doc.sentences[si].start.min(start);
    let head = &doc.text[sentence_start..start];
    let from = head
        .rfind([':', '\n', '–', '—'])
        .map_or(sentence_start, |p| {
            sentence_start + p + head[p..].chars().next().map_or(1, char::len_utf8)
        });
    let from = doc.text[from..start]
        .rfind(" - ")
        .map_or(from, |p| from + p + 3);
    let states: Vec<&super::Mention> = doc
        .mentions_in(from, start)
        .filter(|m| matches!(m.entity, Entity::State(_)))
        .collect();
    if states.len() < 2 {
        return Vec::new();
    }
    // The words outside the states' names.
    let mut rest = String::new();
    let mut at = from;
    for m in &states {
        if m.start < at {
            return Vec::new();
        }
        rest.push_str(&doc.text[at..m.start]);
        rest.push(' ');
        at = m.end;
    }
    rest.push_str(&doc.text[at..start]);
    let mut verb = false;
    for w in rest.split_whitespace() {
        if matches!(w, "held" | "hold" | "convened" | "co-chaired") {
            verb = true;
        } else if !HOLDING_WORDS.contains(&w) && parse_ordinal(w).is_none() {
            return Vec::new();
        }
    }
    if !verb {
        return Vec::new();
    }
    let mut parties: Vec<(Entity, String)> = Vec::new();
    for m in states {
        if !parties.iter().any(|(e, _)| *e == m.entity) {
            parties.push((m.entity.clone(), m.surface.clone()));
        }
    }
    parties
}

/// Words before an acronym that make it one edition of its series: "the last AUKMIN", "the
/// next JCM".
const EDITION_WORDS: &[&str] = &["last", "previous", "next", "upcoming", "forthcoming"];

/// Editions named by an acronym the text defined for a meeting ("… Ministerial Consultations
/// (AUKMIN)" → "the last AUKMIN", "AUKMIN in 2013") or that names a meeting the gazetteer
/// knows ("CHOGM in 2011"). The acronym stands alone (no name words before it, which would
/// make it the head of another name) and an ordinal, an edition word or a date marks it as
/// one sitting.
fn acronym_candidates(doc: &Doc<'_>, masked: &str, named: &[Candidate]) -> Vec<Candidate> {
    let text = &doc.text;
    let defined: Vec<(String, &Candidate)> = named
        .iter()
        .filter_map(|c| Some((defined_acronym(text, c)?, c)))
        .collect();
    let mut out = Vec::new();
    for (s, e) in words(masked, 0) {
        let word = &masked[s..e];
        if word.len() < 3 || !word.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        if named.iter().any(|c| c.start <= s && e <= c.end) {
            continue;
        }
        let prev_text = tail(&masked[..s], LOOKBACK);
        let prev = words(prev_text, s - prev_text.len());
        let prev_word = prev.last().map(|&(a, b)| &masked[a..b]).unwrap_or("");
        if is_capitalised(prev_word) && parse_ordinal(prev_word).is_none() {
            continue;
        }
        let ordinal = parse_ordinal(prev_word);
        let lower_prev = prev_word.to_lowercase();
        let edition = EDITION_WORDS.contains(&lower_prev.as_str());
        let dated = date_after(text, e).is_some();
        if ordinal.is_none() && !edition && !dated {
            continue;
        }
        let start = if ordinal.is_some() {
            prev.last().map_or(s, |&(a, _)| a)
        } else {
            s
        };
        let upcoming = upcoming_before(doc, s)
            || matches!(lower_prev.as_str(), "next" | "upcoming" | "forthcoming");
        let earlier = matches!(lower_prev.as_str(), "last" | "previous");
        let base = if let Some((_, c)) = defined.iter().find(|(a, _)| a == word) {
            Candidate {
                start,
                end: e,
                ordinal,
                upcoming,
                earlier,
                sentence: super::sentence_at(&doc.sentences, s),
                ..(*c).clone()
            }
        } else {
            // A gazetteer meeting named by its acronym.
            let known = doc
                .mentions_starting(s, s + 1)
                .iter()
                .find_map(|m| match &m.entity {
                    Entity::Mechanism(slug) if m.end == e => doc
                        .k
                        .mechanism(slug)
                        .filter(|x| meeting_head(&x.label).is_some())
                        .map(|x| (slug.clone(), meeting_head(&x.label).unwrap_or_default())),
                    _ => None,
                });
            let Some((slug, head)) = known else {
                continue;
            };
            Candidate {
                start,
                end: e,
                ordinal,
                parties: Vec::new(),
                unresolved_run: String::new(),
                head: head.to_string(),
                series_mechanism: Some(slug),
                upcoming,
                earlier,
                sentence: super::sentence_at(&doc.sentences, s),
            }
        };
        out.push(base);
    }
    out
}

/// The acronym a meeting's name defines in brackets, inside it or right after it: "the fourth
/// Australia-UK Ministerial Consultations (AUKMIN)", "… Ministerial (AUKMIN) Consultations".
fn defined_acronym(text: &str, c: &Candidate) -> Option<String> {
    let mut end = (c.end + 16).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let span = &text[c.start..end];
    let open = span.find('(')?;
    let close = span[open..].find(')')? + open;
    let acronym = &span[open + 1..close];
    let letters = acronym.chars().filter(char::is_ascii_uppercase).count();
    (letters >= 2
        && letters == acronym.chars().filter(|ch| ch.is_alphabetic()).count()
        && acronym.len() <= 10
        && c.start + close <= c.end + 16)
        .then(|| acronym.to_string())
}

/// Whether an upcoming cue stands before `start` in its sentence. The cue may stand before an
/// earlier name of a coordination ("the success of the ASEAN PMC and the ASEAN Regional
/// Forum"): look back to the sentence start, at most 160 bytes.
fn upcoming_before(doc: &Doc<'_>, start: usize) -> bool {
    let sentence_start = super::sentence_at(&doc.sentences, start)
        .map_or(0, |s| doc.sentences[s].start)
        .min(start);
    let window_start = start.saturating_sub(160).max(sentence_start);
    let window_start = (0..=window_start)
        .rev()
        .find(|&i| doc.text.is_char_boundary(i))
        .unwrap_or(0);
    let lead = doc.text[window_start..start].to_lowercase();
    UPCOMING_CUES.iter().any(|c| lead.contains(c))
}

/// The end of a name read forwards from `from`: capitalised words (and "2+2"), connectors
/// inside; punctuation, a line break, a lowercase word or "and related" ends it.
fn forward_run(masked: &str, from: usize) -> Option<usize> {
    let line_end = masked[from..].find('\n').map_or(masked.len(), |i| i + from);
    let ws = words(&masked[from..line_end], from);
    let mut end = None;
    let mut prev_end = from;
    for (n, &(s, e)) in ws.iter().enumerate() {
        let w = &masked[s..e];
        if n > 0 && masked[prev_end..s].contains([',', '.', ';', ':', '"', '(', ')']) {
            break;
        }
        if n >= 14 || parse_ordinal(w).is_some() {
            break;
        }
        let related = ws
            .get(n + 1)
            .is_some_and(|&(a, b)| masked[a..b].eq_ignore_ascii_case("related"));
        if is_capitalised(w) || super::phrase::is_numbered_name(w) {
            end = Some(e);
        } else if !FORWARD_CONNECTORS.contains(&w) || (w == "and" && related) {
            break;
        }
        prev_end = e;
    }
    end
}

/// Sittings of a body named by an ordinal: "the sixth meeting of the Mexico-China Binational
/// Commission", "The Ministerial Council of the Gulf Cooperation Council convened its 161st
/// session", "the 14th Joint Council for Bilateral Cooperation". A body "of" an organisation
/// or state is that party's body ("GCC Ministerial Council"). Names that end in a meeting head
/// ("the 26th ASEAN-ROK Dialogue") are left to the head nouns.
fn sitting_candidates(doc: &Doc<'_>, masked: &str) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let ws = words(masked, 0);
    for (i, &(s, e)) in ws.iter().enumerate() {
        let Some(ordinal) = parse_ordinal(&masked[s..e]) else {
            continue;
        };
        let Some(&(s2, e2)) = ws.get(i + 1) else {
            continue;
        };
        if !masked[e..s2].trim().is_empty() || out.iter().any(|c| c.end > s) {
            continue;
        }
        let next = &masked[s2..e2];
        let (run_start, run_end, end) = if SITTING_WORDS.contains(&next) {
            let after = &masked[e2..];
            let skip = if after.starts_with(" of the ") {
                8
            } else if after.starts_with(" of ") {
                4
            } else {
                0
            };
            if skip > 0 {
                let Some(run_end) = forward_run(masked, e2 + skip) else {
                    continue;
                };
                (e2 + skip, run_end, run_end)
            } else if i > 0 && masked[ws[i - 1].0..ws[i - 1].1].eq_ignore_ascii_case("its") {
                // "The Council … convened its 161st session": the body is the subject that
                // opens the sentence (or the line).
                let sentence_start =
                    super::sentence_at(&doc.sentences, s).map_or(0, |x| doc.sentences[x].start);
                let line_start = masked[..s].rfind('\n').map_or(0, |x| x + 1);
                let from = sentence_start.max(line_start);
                let lead = &masked[from..s];
                let subject = lead.trim_start();
                let subject = subject
                    .strip_prefix("The ")
                    .or_else(|| subject.strip_prefix("the "))
                    .unwrap_or(subject);
                let subject_start = from + lead.len() - subject.len();
                match forward_run(masked, subject_start) {
                    Some(run_end) if run_end <= ws[i - 1].0 => (subject_start, run_end, e2),
                    _ => continue,
                }
            } else if next.starts_with(char::is_lowercase) && ordinal >= 2 {
                // "the 13th meeting": another sitting of the reported meeting's series.
                out.push(Candidate {
                    start: s,
                    end: e2,
                    ordinal: Some(ordinal),
                    parties: Vec::new(),
                    unresolved_run: String::new(),
                    head: String::new(),
                    series_mechanism: None,
                    upcoming: upcoming_before(doc, s),
                    earlier: false,
                    sentence: super::sentence_at(&doc.sentences, s),
                });
                continue;
            } else {
                continue;
            }
        } else if is_capitalised(next) {
            let Some(run_end) = forward_run(masked, s2) else {
                continue;
            };
            let run = &masked[s2..run_end];
            let run_words: Vec<&str> = run.split_whitespace().collect();
            let body = run_words
                .iter()
                .position(|w| BODY_NOUNS.contains(&w.trim_end_matches(['\'', ','])));
            let heads = run_words
                .iter()
                .any(|w| MEETING_HEADS.iter().any(|h| h.ends_with(w)));
            match body {
                Some(b) if b > 0 && !heads && !run_words[..b].contains(&"of") => {}
                _ => continue,
            }
            (s2, run_end, run_end)
        } else {
            continue;
        };
        let run = &masked[run_start..run_end];
        // "Ministerial Council of the Gulf Cooperation Council": the body of a party.
        let (mut parties, body) = match run
            .rfind(" of the ")
            .map(|p| (p, 8))
            .or_else(|| run.rfind(" of ").map(|p| (p, 4)))
        {
            Some((p, skip)) => {
                let (owner, unresolved, rest) = parties_of(doc, &run[p + skip..]);
                if !owner.is_empty() && unresolved.is_empty() && rest.is_empty() {
                    (owner, &run[..p])
                } else {
                    (Vec::new(), run)
                }
            }
            None => (Vec::new(), run),
        };
        let (named, unresolved_run, head) = parties_of(doc, body);
        if head.is_empty() {
            continue;
        }
        for p in named {
            if !parties.iter().any(|(e, _)| *e == p.0) {
                parties.push(p);
            }
        }
        out.push(Candidate {
            start: s,
            end,
            ordinal: Some(ordinal),
            parties,
            unresolved_run,
            head,
            series_mechanism: None,
            upcoming: upcoming_before(doc, s),
            earlier: false,
            sentence: super::sentence_at(&doc.sentences, s),
        });
    }
    out
}

/// The state named right after a meeting name by "with" ("… Conference with the ROK").
fn with_partner(doc: &Doc<'_>, end: usize) -> Option<(Entity, String)> {
    let tail = doc.text.get(end..)?;
    let skip = if tail.starts_with(" with the ") {
        10
    } else if tail.starts_with(" with ") {
        6
    } else {
        return None;
    };
    // Read the name afresh: a gazetteer name may have swallowed the whole phrase.
    let name_end = tail[skip..]
        .find([',', '.', ';', '(', ')'])
        .map_or(tail.len(), |i| i + skip);
    let rest = &tail[skip..name_end];
    let hits = doc.k.find_names(rest);
    let (hit, targets) = hits.first().filter(|(h, _)| h.start == 0)?;
    match targets.first()? {
        NameTarget::State(i) => Some((
            Entity::State(doc.k.states[*i].iso3.clone()),
            rest[..hit.end].to_string(),
        )),
        _ => None,
    }
}

/// Meeting names: an ordinal or a sentence-initial "The" ends them; spaced dashes join parties.
const MEETING_RUN: RunRules = RunRules {
    stop: |w| parse_ordinal(w).is_some() || w == "The",
    spaced_dashes: true,
    the_inside: false,
    max_words: usize::MAX,
};

/// Split a name run into parties (states and mechanisms joined by hyphens or spaces) and the
/// rest of the head ("Foreign Ministers'"). Unresolved capitalised pieces joined by a hyphen
/// ("Mekong-ROK") are parties too.
fn parties_of(doc: &Doc<'_>, run: &str) -> (Vec<(Entity, String)>, String, String) {
    // "Special ASEAN-China Foreign Ministers' Meeting": a kind of sitting before the parties
    // stays with the head ("Special Foreign Ministers' Meeting").
    if let Some((first, rest)) = run.split_once(' ') {
        if SITTING_KINDS.contains(&first) {
            let (parties, unresolved, head) = parties_of_run(doc, rest);
            if !parties.is_empty() {
                return (parties, unresolved, format!("{first} {head}"));
            }
        }
    }
    parties_of_run(doc, run)
}

fn parties_of_run(doc: &Doc<'_>, run: &str) -> (Vec<(Entity, String)>, String, String) {
    let k = doc.k;
    let hits = k.find_names(run);
    let mut parties: Vec<(Entity, String)> = Vec::new();
    let mut unresolved = Vec::new();
    let mut i = 0;
    let bytes = run.as_bytes();
    loop {
        while i < run.len() {
            if bytes[i] == b' ' || bytes[i] == b'-' {
                i += 1;
            } else if run[i..].starts_with(['–', '—']) {
                i += '–'.len_utf8();
            } else {
                break;
            }
        }
        if i >= run.len() {
            break;
        }
        if let Some((hit, targets)) = hits.iter().find(|(h, _)| h.start == i) {
            let entity = match targets[0] {
                NameTarget::State(s) | NameTarget::Demonym(s) => {
                    Entity::State(k.states[s].iso3.clone())
                }
                NameTarget::Mechanism(m) => Entity::Mechanism(k.mechanisms[m].slug.clone()),
            };
            if !parties.iter().any(|(e, _)| *e == entity) {
                parties.push((entity, run[hit.start..hit.end].to_string()));
            }
            i = hit.end;
            continue;
        }
        // An unknown piece is a party only when a hyphen joins it to the next piece.
        let piece_end = run[i..].find([' ', '-']).map_or(run.len(), |p| p + i);
        let piece = &run[i..piece_end];
        // "Mekong-ROK" and "BIMP-EAGA-ROK" join parties; "Vice-Ministerial" does not: the
        // chain of hyphenated pieces must reach a known party.
        let reaches_party = {
            let chain_end = run[i..].find(' ').map_or(run.len(), |p| p + i);
            hits.iter().any(|(h, _)| h.start > i && h.start < chain_end)
        };
        if piece_end < run.len()
            && bytes[piece_end] == b'-'
            && is_capitalised(piece)
            && reaches_party
        {
            unresolved.push(piece.to_string());
            i = piece_end;
            continue;
        }
        break;
    }
    let rest = run[i.min(run.len())..].trim_matches([' ', '-']).to_string();
    if parties.is_empty() && unresolved.is_empty() {
        return (parties, String::new(), rest);
    }
    (parties, unresolved.join("-"), rest)
}

/// The series of a candidate; a bare head ("the Summit") takes the parties of `inherit`.
fn series_of(doc: &Doc<'_>, c: &Candidate, inherit: Option<&Series>) -> Series {
    let k = doc.k;
    if let Some(slug) = &c.series_mechanism {
        let m = k.mechanism(slug);
        return Series {
            key: slug.clone(),
            label: m.map_or_else(|| slug.clone(), |m| m.label.clone()),
            parties: m
                .map(|m| m.members.iter().map(|s| Entity::State(s.clone())).collect())
                .unwrap_or_default(),
        };
    }
    let mut parts: Vec<(u8, String, String)> = Vec::new(); // (order, key, label)
    let parties: Vec<Entity> = match inherit {
        Some(s) if c.parties.is_empty() && c.unresolved_run.is_empty() => s.parties.clone(),
        _ => c.parties.iter().map(|(e, _)| e.clone()).collect(),
    };
    for e in &parties {
        match e {
            Entity::Mechanism(m) => {
                let label = k
                    .mechanism(m)
                    .map(|x| x.short_label().to_string())
                    .unwrap_or_else(|| m.clone());
                parts.push((0, m.clone(), label));
            }
            Entity::State(s) => {
                let label = k
                    .state(s)
                    .map(|x| x.short_label().to_string())
                    .unwrap_or_else(|| s.clone());
                parts.push((2, s.to_lowercase(), label));
            }
            _ => {}
        }
    }
    let unresolved: Vec<String> = match inherit {
        Some(s) if c.parties.is_empty() && c.unresolved_run.is_empty() => s
            .key
            .split('/')
            .next()
            .map(|_| Vec::new())
            .unwrap_or_default(),
        _ => c
            .unresolved_run
            .split('-')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
    };
    for u in unresolved {
        parts.push((1, slug(&u), u));
    }
    parts.sort();
    parts.dedup_by(|a, b| a.1 == b.1);
    // How a sitting met is not part of its series: "the 3+1 Virtual Foreign Ministerial" is
    // an edition of the "3+1 Foreign Ministerial".
    let head = c
        .head
        .trim_start_matches("related ")
        .split(' ')
        .filter(|w| !FORMAT_WORDS.contains(w))
        .collect::<Vec<_>>()
        .join(" ");
    // A session of a body is the body's series; a "Summit Meeting" is a Summit.
    let head = match head.strip_suffix(" Meeting") {
        Some(body) if BODY_HEADS.iter().any(|b| body.ends_with(b)) || body.ends_with("Summit") => {
            body.to_string()
        }
        _ => head,
    };
    let related = c.head.starts_with("related ");
    let mut label = parts
        .iter()
        .map(|p| p.2.as_str())
        .collect::<Vec<_>>()
        .join("-");
    if related {
        label.push_str("-related");
    }
    let label = if label.is_empty() {
        head.clone()
    } else {
        format!("{label} {head}")
    };
    // A series the gazetteer knows under this name ("ASEAN-ROK Foreign Ministers' Meeting" is
    // the ASEAN-ROK Post Ministerial Conference) takes the gazetteer's key and label, so every
    // spelling of it in every document is one series.
    if !parts.is_empty() {
        if let Some(m) = known_series(doc, &label) {
            return Series {
                key: m.slug.clone(),
                label: m.label.clone(),
                parties,
            };
        }
    }
    let mut key_parts: Vec<String> = parts.iter().map(|p| p.1.clone()).collect();
    key_parts.sort();
    if related {
        key_parts.push("related".into());
    }
    key_parts.push(slug(&head));
    Series {
        key: key_parts.join("-"),
        label,
        parties,
    }
}

/// The gazetteer's meeting body or forum with exactly this name.
fn known_series<'k>(doc: &Doc<'k>, label: &str) -> Option<&'k crate::knowledge::Mechanism> {
    let hits = doc.k.find_names(label);
    let (hit, targets) = hits.first()?;
    if hit.start != 0 || hit.end != label.len() {
        return None;
    }
    targets.iter().find_map(|t| match t {
        NameTarget::Mechanism(i) => {
            let m = &doc.k.mechanisms[*i];
            matches!(m.class.as_str(), "Body" | "Forum").then_some(m)
        }
        _ => None,
    })
}

/// Date, place and state of the reported meeting, from the sentence that first reports it.
fn main_facts(
    doc: &Doc<'_>,
    candidates: &[Candidate],
    main: usize,
) -> (Option<PartialDate>, Option<String>, Option<String>) {
    let body_start = doc
        .dateline
        .as_ref()
        .map_or(doc.body_start, |d| d.end.max(doc.body_start));
    // Sentences that report the meeting being held, the first mention's sentence first.
    let mut sentence_ids: Vec<usize> = Vec::new();
    if let Some(s) = candidates[main]
        .sentence
        .filter(|_| candidates[main].start >= body_start)
    {
        sentence_ids.push(s);
    }
    // A title's meeting is reported where the body names it again ("joined leaders … for the
    // annual U.S.-ASEAN Summit in Jakarta").
    let main_key = series_of(doc, &candidates[main], None).key;
    let again: Vec<&Candidate> = candidates
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            i != main
                && c.start >= body_start
                && !c.upcoming
                && c.ordinal
                    .is_none_or(|n| Some(n) == candidates[main].ordinal)
                && series_of(doc, c, None).key == main_key
        })
        .map(|(_, c)| c)
        .take(1)
        .collect();
    if candidates[main].start < body_start {
        // Only a sentence that has it held or joined: a briefing "on the Summit" is dated
        // on its own day.
        sentence_ids.extend(again.iter().filter_map(|c| c.sentence).filter(|&si| {
            let st = doc.sentence_text(si).to_lowercase();
            HELD_CUES.iter().chain(JOINED_CUES).any(|c| st.contains(c))
        }));
    }
    for (i, s) in doc.sentences.iter().enumerate() {
        if s.end <= body_start || sentence_ids.contains(&i) {
            continue;
        }
        let st = doc.sentence_text(i).to_lowercase();
        if HELD_CUES.iter().any(|c| st.contains(c)) {
            sentence_ids.push(i);
        }
        if sentence_ids.len() >= 3 {
            break;
        }
    }
    let mut date = None;
    let mut place = None;
    let mut place_state = None;
    // The dateline's date is the date of the event its own sentence reports ("JAKARTA, July 6
    // (Yonhap) -- Senior diplomats … met in Jakarta on Thursday").
    let dateline_date = doc.dateline.as_ref().and_then(|d| {
        let first = sentence_ids.first()?;
        let s = &doc.sentences[*first];
        (s.start <= d.end && s.end > d.end)
            .then_some(d.date)
            .flatten()
    });
    for &si in &sentence_ids {
        let s = &doc.sentences[si];
        let from = s.start.max(body_start);
        if from >= s.end {
            continue;
        }
        let sentence = &doc.text[from..s.end];
        if date.is_none() {
            date = find_dates(sentence)
                .into_iter()
                .find(|m| m.date.month.is_some())
                .map(|m| m.date)
                .or(dateline_date);
        }
        if place.is_none() {
            if let Some((p, st)) = venue(doc, from, sentence) {
                place = Some(p);
                place_state = st;
            }
        }
    }
    if place.is_none() {
        let named = std::iter::once(&candidates[main]).chain(again.iter().copied());
        if let Some((p, st)) = named.into_iter().find_map(|c| place_after(doc, c.end)) {
            place = Some(p);
            place_state = st;
        }
    }
    // Failing a written date, a relative one ("was held today") against the publication date.
    let date = date.or_else(|| {
        sentence_ids.iter().find_map(|&si| {
            let s = &doc.sentences[si];
            let from = s.start.max(body_start);
            (from < s.end)
                .then(|| {
                    crate::text::dates::resolve_relative(
                        &doc.text[from..s.end],
                        doc.reference_date,
                        false,
                    )
                })
                .flatten()
        })
    });
    // Failing a date in the reporting sentences, a news report's dateline dates the event.
    let date = date.or_else(|| {
        doc.dateline
            .as_ref()
            .and_then(|d| d.date)
            .filter(|d| d.day.is_some())
    });
    let date = date.map(|d| d.with_year_from(doc.reference_date, false));
    (date, place, place_state)
}

fn is_future_sentence(doc: &Doc<'_>, c: &Candidate) -> bool {
    c.sentence.is_some_and(|s| {
        let st = doc.sentence_text(s).to_lowercase();
        st.contains(" will ") || st.contains("upcoming") || st.contains("agreed to")
    })
}

/// A date right after a meeting name: "… Meeting in August", "… Summit on 6 July 2023".
/// The date a mentioned meeting's own words give: right after its name, after its venue
/// ("the Quad Summit in Tokyo on 24 May 2022"), relative to the document's date ("the NATO
/// Summit next week"), or right before it ("the November 2023 Woodside Summit", "the March 24
/// extraordinary NATO Summit").
fn own_date(doc: &Doc<'_>, start: usize, end: usize, ahead: bool) -> Option<PartialDate> {
    let text = &doc.text;
    if let Some(d) = date_after(text, end) {
        return Some(d);
    }
    let tail_end = (end + 60).min(text.len());
    let tail_end = (tail_end..=text.len()).find(|&i| text.is_char_boundary(i))?;
    let tail = &text[end..tail_end];
    // Past the venue: " in Tokyo on 24 May 2022".
    if let Some(rest) = tail.strip_prefix(" in ") {
        let venue_end = words(rest, 0)
            .into_iter()
            .take_while(|&(s, e)| {
                is_capitalised(&rest[s..e])
                    && find_dates(&rest[s..]).first().is_none_or(|d| d.start != 0)
            })
            .last()
            .map(|(_, e)| e);
        if let Some(v) = venue_end {
            let after_venue = end + 4 + v;
            if let Some(d) =
                date_after(text, after_venue).or_else(|| relative_after(doc, after_venue, ahead))
            {
                return Some(d);
            }
        }
    }
    relative_after(doc, end, ahead)
        .or_else(|| relative_before(doc, start, ahead))
        .or_else(|| date_before(text, start))
}

/// "today's Foreign Ministerial", "yesterday's talks": a day named before the meeting.
fn relative_before(doc: &Doc<'_>, start: usize, ahead: bool) -> Option<PartialDate> {
    let before = doc.text[..start].trim_end().replace('’', "'");
    let word = before.rsplit(' ').next()?.to_lowercase();
    let day = word.strip_suffix("'s")?;
    matches!(day, "today" | "yesterday" | "tomorrow")
        .then(|| crate::text::dates::resolve_relative(day, doc.reference_date, ahead))
        .flatten()
}

/// Years named relative to the document's: "a second Summit this fall", "the 13th meeting in
/// Indonesia next year".
const YEAR_AFTER: &[(&str, i32)] = &[
    ("later this year", 0),
    ("this year", 0),
    ("this fall", 0),
    ("this autumn", 0),
    ("this spring", 0),
    ("this summer", 0),
    ("this winter", 0),
    ("next year", 1),
    ("last year", -1),
];

/// A relative date right after `end` ("… next week", "… next year"), against the document's
/// date.
fn relative_after(doc: &Doc<'_>, end: usize, ahead: bool) -> Option<PartialDate> {
    let tail = doc.text[end..].trim_start();
    if let Some((_, delta)) = YEAR_AFTER.iter().find(|(cue, _)| tail.starts_with(cue)) {
        let year = doc.reference_date?.year? + delta;
        return Some(PartialDate {
            year: Some(year),
            month: None,
            day: None,
        });
    }
    RELATIVE_AFTER
        .iter()
        .find(|cue| tail.starts_with(*cue))
        .and_then(|cue| crate::text::dates::resolve_relative(cue, doc.reference_date, ahead))
}

/// Whether a date a mention gives itself falls in another year than the reported meeting's
/// ("hosting AUKMIN in 2013" in a report on the 2012 one).
fn other_year(own: Option<PartialDate>, main: Option<PartialDate>) -> bool {
    matches!((own.and_then(|d| d.year), main.and_then(|d| d.year)), (Some(a), Some(b)) if a != b)
}

/// Relative dates that may follow a meeting's name.
const RELATIVE_AFTER: &[&str] = &[
    "next week",
    "last week",
    "this week",
    "earlier this week",
    "earlier this month",
    "this month",
    "today",
    "tomorrow",
    "yesterday",
];

/// A date right before a meeting name, past at most one lowercase modifier or an "at the":
/// "in May at the G7 Summit", "the November
/// 2023 Woodside Summit", "the 2022 Special Summit", "the March 24 extraordinary NATO Summit".
fn date_before(text: &str, start: usize) -> Option<PartialDate> {
    let from = start.saturating_sub(40);
    let from = (from..start).find(|&i| text.is_char_boundary(i))?;
    let mut head = text[from..start].trim_end();
    // "met in May at the G7 Summit": what happened at a meeting happened on its date.
    for lead in [" at the", " at"] {
        if let Some(h) = head.strip_suffix(lead) {
            head = h;
            break;
        }
    }
    let last = head.rsplit(' ').next().unwrap_or("");
    if last.chars().all(|c| c.is_lowercase() || c == '-')
        && !last.is_empty()
        && !FUNCTION_WORDS.contains(&last)
    {
        head = head[..head.len() - last.len()].trim_end();
    }
    let m = find_dates(head).into_iter().last()?;
    (m.end == head.len()).then_some(m.date)
}

/// Words that tie a date to something other than the name after them ("met on May 5 at the
/// Summit").
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "at", "in", "of", "on", "and", "to", "for", "with", "by", "during", "since",
    "after", "before", "until", "from",
];

fn date_after(text: &str, end: usize) -> Option<PartialDate> {
    let tail_end = (end + 40).min(text.len());
    let tail_end = (tail_end..=text.len()).find(|&i| text.is_char_boundary(i))?;
    let tail = &text[end..tail_end];
    let rest = tail
        .strip_prefix(" in ")
        .or_else(|| tail.strip_prefix(" on "))
        .or_else(|| tail.strip_prefix(" scheduled for "))?;
    if let Some(m) = find_dates(rest).into_iter().next().filter(|m| m.start == 0) {
        return Some(m.date);
    }
    // A year alone: "… in 2013".
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let year: i32 = digits.parse().ok().filter(|_| digits.len() == 4)?;
    (1900..2100).contains(&year).then_some(PartialDate {
        year: Some(year),
        month: None,
        day: None,
    })
}

fn meeting_format(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let has = |cues: &[&str]| cues.iter().any(|c| lower.contains(c));
    if has(&[
        "hybrid format",
        "hybrid meeting",
        "in a hybrid",
        "hybrid mode",
    ]) {
        Some("hybrid".into())
    } else if has(&[
        "video conference",
        "videoconference",
        "video-conference",
        "virtually",
        "virtual meeting",
        "virtual format",
        "online format",
        "held online",
        "via video",
        "video link",
        "by video",
    ]) {
        Some("virtual".into())
    } else if has(&["in person", "in-person", "face-to-face", "face to face"])
        || lower.contains(" held in ")
    {
        Some("in person".into())
    } else {
        None
    }
}

/// "26th", "1st", "Twenty-sixth", "first" → the number.
pub(crate) fn parse_ordinal(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    // "the inaugural Summit" is the first.
    if lower == "inaugural" {
        return Some(1);
    }
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(num) = lower.strip_suffix(suffix) {
            if !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()) && num.len() <= 3 {
                return num.parse().ok().filter(|n| *n > 0);
            }
        }
    }
    const UNITS: &[&str] = &[
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: &[(&str, &str, u32)] = &[
        ("twenty", "twentieth", 20),
        ("thirty", "thirtieth", 30),
        ("forty", "fortieth", 40),
        ("fifty", "fiftieth", 50),
        ("sixty", "sixtieth", 60),
        ("seventy", "seventieth", 70),
        ("eighty", "eightieth", 80),
        ("ninety", "ninetieth", 90),
    ];
    if let Some(i) = UNITS.iter().position(|u| *u == lower) {
        return Some(i as u32 + 1);
    }
    for (tens, tenth, n) in TENS {
        if lower == *tenth {
            return Some(*n);
        }
        if let Some(unit) = lower.strip_prefix(tens).and_then(|r| r.strip_prefix('-')) {
            if let Some(i) = UNITS[..9].iter().position(|u| *u == unit) {
                return Some(n + i as u32 + 1);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_in_digits_and_words() {
        assert_eq!(parse_ordinal("26th"), Some(26));
        assert_eq!(parse_ordinal("Twenty-sixth"), Some(26));
        assert_eq!(parse_ordinal("first"), Some(1));
        assert_eq!(parse_ordinal("inaugural"), Some(1));
        assert_eq!(parse_ordinal("ASEAN"), None);
        assert_eq!(ordinal_suffix(22), "22nd");
        assert_eq!(ordinal_suffix(13), "13th");
    }

    fn meetings_of(text: &str) -> Vec<Meeting> {
        let input = crate::extract::Input {
            bytes: text.as_bytes(),
            source: "-".into(),
            ..Default::default()
        };
        crate::extract::extract(&input).unwrap().meetings
    }

    fn meetings_published(text: &str, date: &str) -> Vec<Meeting> {
        let input = crate::extract::Input {
            bytes: text.as_bytes(),
            source: "-".into(),
            date: PartialDate::from_lexical(date),
            ..Default::default()
        };
        crate::extract::extract(&input).unwrap().meetings
    }

    #[test]
    fn meetings_named_by_a_proper_name_with_their_own_date_and_venue() {
        let ms = meetings_published("Readout of the Minister's Call with the Chancellor\n\nToday the Minister spoke with the Chancellor. They built on the pledges made at the October 2025 Lakeside Summit and looked ahead to the Harbour Security Conference in Valletta next week. They recalled the Commemorative Summit and the Foreign Ministers' Meeting.", "2026-02-27");
        let named: Vec<(&str, Option<String>, Option<&str>)> = ms
            .iter()
            .filter(|m| !m.series.label.is_empty())
            .map(|m| {
                (
                    m.series.label.as_str(),
                    m.date.map(|d| d.to_string()),
                    m.location.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            named,
            vec![
                ("Lakeside Summit", Some("2025-10".to_string()), None),
                (
                    "Harbour Security Conference",
                    Some("2026-03".to_string()),
                    Some("Valletta")
                ),
            ],
            "{ms:?}"
        );
        assert!(ms.iter().any(|m| m.main && m.kind == "call"), "{ms:?}");
    }

    #[test]
    fn a_ministerial_is_a_meeting_and_virtual_before_its_name_is_its_format() {
        let ms = meetings_published("Readout\n\nThe Secretary took part today in the virtual NATO Foreign Ministerial. The Vice-Ministerial talks went on.", "2026-04-01");
        let main = ms.iter().find(|m| m.main).expect("a main meeting");
        assert_eq!(main.series.label, "NATO Foreign Ministerial", "{ms:?}");
        assert_eq!(main.format.as_deref(), Some("virtual"));
        assert_eq!(ms.len(), 1, "{ms:?}");
    }

    #[test]
    fn an_edition_named_by_ordinal_and_head_alone_is_of_the_series_named_before() {
        let ms = meetings_published("Readout\n\nThe officials recalled the inaugural NATO Leaders' Summit and looked ahead to a second Leaders' Summit this fall.", "2026-03-02");
        let editions: Vec<(&str, Option<u32>, Option<String>)> = ms
            .iter()
            .map(|m| {
                (
                    m.series.key.as_str(),
                    m.ordinal,
                    m.date.map(|d| d.to_string()),
                )
            })
            .collect();
        assert!(
            editions.contains(&("nato-leaders-summit", Some(2), Some("2026".to_string()))),
            "{editions:?}"
        );
        assert!(
            editions.contains(&("nato-leaders-summit", Some(1), None)),
            "{editions:?}"
        );
    }

    #[test]
    fn editions_named_by_an_acronym_the_text_defined() {
        let ms = meetings_published("The Ninth Norway-Chile Ministerial Consultations (NOCMIN)\n\nThe Ninth Norway-Chile Ministerial Consultations (NOCMIN) were held in Oslo on 3 May. Much has changed since the last NOCMIN. The Second Meeting of the Fisheries Liaison Mechanism (FLM) also met, and the Third Meeting of the FLM will follow.", "2026-05-04");
        let nocmin: Vec<(Option<u32>, bool)> = ms
            .iter()
            .filter(|m| m.series.label == "Chile-Norway Ministerial Consultations")
            .map(|m| (m.ordinal, m.main))
            .collect();
        assert_eq!(nocmin, vec![(Some(9), true), (None, false)], "{ms:?}");
        let flm: Vec<Option<u32>> = ms
            .iter()
            .filter(|m| m.series.label.contains("Fisheries Liaison Mechanism"))
            .map(|m| m.ordinal)
            .collect();
        assert_eq!(flm, vec![Some(2), Some(3)], "{ms:?}");
        assert!(!ms.iter().any(|m| m.series.label == "FLM"), "{ms:?}");
    }

    #[test]
    fn the_states_that_hold_a_meeting_are_its_parties_and_lowercase_names_are_names() {
        let ms = meetings_published("OSLO: Norway and Chile held Fisheries Consultations in Oslo on 3 May 2026. Both recalled the fourth Norway-Chile joint fisheries commission meeting and a Norway-Chile bilateral meeting.", "2026-05-04");
        let labels: Vec<(&str, Option<u32>)> = ms
            .iter()
            .map(|m| (m.series.label.as_str(), m.ordinal))
            .collect();
        assert!(
            labels.contains(&("Chile-Norway Fisheries Consultations", None)),
            "{labels:?}"
        );
        assert!(
            labels.contains(&("Chile-Norway Joint Fisheries Commission", Some(4))),
            "{labels:?}"
        );
        assert!(
            !labels.iter().any(|(l, _)| l.contains("Bilateral")),
            "{labels:?}"
        );
    }

    #[test]
    fn a_summit_named_by_a_forum_is_a_sitting_a_summit_forum_stays_a_forum() {
        let ms = meetings_of("Readout\n\nThe leaders recalled their talks at the G20 Summit in Rio de Janeiro and prepared the East Asia Summit agenda.");
        let labels: Vec<(&str, Option<&str>)> = ms
            .iter()
            .map(|m| (m.series.key.as_str(), m.location.as_deref()))
            .collect();
        assert!(
            labels.contains(&("g20", Some("Rio de Janeiro"))),
            "{labels:?}"
        );
        assert!(
            !labels.iter().any(|(k, _)| k.contains("east-asia")),
            "{labels:?}"
        );
    }

    #[test]
    fn spaced_dashes_join_parties_and_vice_ministerial_is_not_a_party() {
        let ms = meetings_of(
            "The 5th Thailand – RoK Strategic Dialogue\n\nThe Dialogue was held in Bangkok.",
        );
        assert_eq!(ms[0].series.parties.len(), 2);
        assert_eq!(ms[0].ordinal, Some(5));
        let ms = meetings_of("The 2nd Malaysia-ROK Vice-Ministerial Strategic Dialogue\n\nThey agreed that the 3rd Vice-Ministerial Strategic Dialogue will be held in Seoul.");
        assert!(ms.iter().all(|m| m.series.parties.len() == 2), "{ms:?}");
        assert!(ms.iter().any(|m| m.ordinal == Some(3)));
    }

    #[test]
    fn body_sessions_media_and_unnamed_summits() {
        let ms = meetings_of("The 6th ROK-Thailand Joint Commission Meeting\n\nThe meeting was held by Video Conference. Both looked forward to the Summit in November.");
        assert_eq!(ms.len(), 1, "{ms:?}");
        assert!(ms[0].series.label.ends_with("Joint Commission"));
    }

    #[test]
    fn forums_are_meetings_only_as_editions_and_with_tails_join_the_partner() {
        let ms = meetings_of("Home > News > Asia\n\nThe 40th ASEAN-India Forum\n\nThe 40th ASEAN-India Forum was held in Delhi on Monday. They discussed the ASEAN Regional Forum and other ASEAN-led mechanisms. Both sides looked forward to the ASEAN Post Ministerial Conference with India and the ASEAN-India Summit Meeting in October.");
        let labels: Vec<&str> = ms.iter().map(|m| m.series.label.as_str()).collect();
        assert!(labels.contains(&"ASEAN-India Forum"), "{labels:?}");
        assert!(!labels.contains(&"ASEAN Regional Forum"), "{labels:?}");
        assert!(
            labels
                .iter()
                .any(|l| l.ends_with("Post Ministerial Conference") && l.contains("India")),
            "{labels:?}"
        );
        assert_eq!(
            labels.iter().filter(|l| l.contains("Summit")).count(),
            1,
            "{labels:?}"
        );
        let main = ms.iter().find(|m| m.main).unwrap();
        assert_eq!(main.ordinal, Some(40));
        assert_eq!(main.location.as_deref(), Some("Delhi"));
    }

    #[test]
    fn sittings_of_bodies_take_the_body_and_its_owner_as_series() {
        let ms = meetings_of("Ninth Meeting of the Chile-Peru Joint Border Commission\n\nThe ninth meeting of the Chile-Peru Joint Border Commission was held in Lima on 3 March 2020. The two sides agreed to hold the 10th meeting in Santiago.");
        let main = ms.iter().find(|m| m.main).expect("a main meeting");
        assert_eq!(main.ordinal, Some(9));
        assert!(
            main.series.label.contains("Joint Border Commission"),
            "{ms:?}"
        );
        assert_eq!(main.series.parties.len(), 2, "{ms:?}");
        assert_eq!(main.location.as_deref(), Some("Lima"));
        assert_eq!(main.format.as_deref(), Some("in person"));
        let next = ms
            .iter()
            .find(|m| m.ordinal == Some(10))
            .expect("the next sitting");
        assert_eq!(next.series.key, main.series.key);
        assert!(ms.iter().all(|m| m.series.label != "Meeting"), "{ms:?}");

        let ms = meetings_of("Press release\n\nThe Ministerial Council of the Gulf Cooperation Council (GCC) held its 150th session on 2 May 2021 in Doha.");
        let main = ms.iter().find(|m| m.main).expect("a main meeting");
        assert_eq!(main.ordinal, Some(150));
        assert_eq!(main.series.label, "GCC Ministerial Council");

        let ms = meetings_of("Notes\n\nOfficials co-chaired the 12th Joint Council for Trade Cooperation in Hanoi on 1 June 2019, and reviewed the Second Committee report.");
        assert!(
            ms.iter().any(|m| m.ordinal == Some(12)
                && m.series.label == "Joint Council for Trade Cooperation"),
            "{ms:?}"
        );
        assert!(ms.iter().all(|m| m.ordinal != Some(2)), "{ms:?}");
    }

    #[test]
    fn names_written_differently_keep_parties_and_ordinals() {
        // A heading above the title, an "Overview of" lead, a "2+2" inside, "annual" before
        // the parties, and a kind of sitting before them.
        let ms = meetings_of("Statement\n\nSummary of Brazil-Chile Foreign Ministers' Meeting\n\nThe ministers met in Brasilia on 4 May 2022.");
        assert!(
            ms.iter().any(|m| m.series.parties.len() == 2 && m.main),
            "{ms:?}"
        );
        assert!(
            ms.iter()
                .all(|m| !m.name.contains("Summary") && !m.name.contains("Statement")),
            "{ms:?}"
        );
        let ms = meetings_of("Joint statement - Fourth Brazil-Chile 2+2 Foreign and Defence Ministerial Consultations\n\nThe ministers met in Santiago on 5 May 2022.");
        let main = ms.iter().find(|m| m.main).expect("a main meeting");
        assert_eq!(main.ordinal, Some(4));
        assert!(main.series.label.contains("2+2"), "{ms:?}");
        let ms = meetings_of("News\n\nThe third annual Brazil-Chile Strategic Dialogue was held in Santiago on 5 May 2022.");
        assert!(
            ms.iter()
                .any(|m| m.ordinal == Some(3) && m.series.parties.len() == 2),
            "{ms:?}"
        );
        let ms = meetings_of("News\n\nThe Special Brazil-Chile Foreign Ministers' Meeting was held in Santiago on 5 May 2022.");
        let main = ms.iter().find(|m| m.main).expect("a main meeting");
        assert!(main.series.label.contains("Special"), "{ms:?}");
        assert_eq!(main.series.parties.len(), 2, "{ms:?}");
    }

    #[test]
    fn bracketed_acronyms_are_masked_without_moving_offsets() {
        let t = "ASEAN-Republic of Korea (ROK) Dialogue (see note)";
        let m = mask_parenthesised_acronyms(t);
        assert_eq!(m.len(), t.len());
        assert!(m.contains("Korea       Dialogue (see note)"));
    }
}
