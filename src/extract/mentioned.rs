//! Events a document mentions besides the one it reports: "last month the President held a
//! meeting with Prime Minister X in Lima", "the meeting between President X and Chancellor
//! Y", "courtesy calls on Vice President X and Vice Premier Y", "he also met with Minister Z".
//!
//! A mention is a head noun or verb of an event with the preposition that introduces its other
//! side ("meeting between", "talks with", "courtesy call on", "met with"), followed by named
//! people (their titles may stand between). Whoever the phrase names took part; a verb ("met
//! with", "held talks with") adds the people named before it in its clause. A phrase whose
//! people all took part in an event already known (the reported one) refers back to it and
//! makes nothing. The date is the sentence's own ("on May 3", "last month", "on Monday"),
//! resolved against the document's date; no date expression, no date. A planned one ("will
//! meet with") is upcoming. The venue is the place right after the people ("… in Lima").
//!
//! These events are never the reported one and give nobody a role: the people stage has
//! decided already who took part in what the document reports.

use super::events::{event_key, plain, VIRTUAL_CUES};
use super::{Doc, Entity, Meeting, Series};
use crate::text::dates::{find_dates, resolve_relative};

/// Head nouns and verbs of an event with the preposition before its other side, and the
/// kind they give; all lowercase ASCII, so that offsets in a lowercase copy are the
/// original's. `true` for a verb, whose clause names the other side.
const CUES: &[(&str, &str, bool)] = &[
    ("meeting between ", "meeting", false),
    ("meeting of ", "meeting", false),
    ("meeting with ", "meeting", false),
    ("meetings with ", "meeting", false),
    ("talks between ", "meeting", false),
    ("talks with ", "meeting", false),
    ("courtesy call on ", "meeting", false),
    ("courtesy calls on ", "meeting", false),
    ("courtesy call to ", "meeting", false),
    ("phone call with ", "call", false),
    ("telephone call with ", "call", false),
    ("telephone conversation with ", "call", false),
    ("phone conversation with ", "call", false),
    ("met with ", "meeting", true),
    ("meet with ", "meeting", true),
    ("meets with ", "meeting", true),
    ("spoke by phone with ", "call", true),
];

/// Verbs of holding that make a noun cue's clause name its first side ("X held talks with").
const HOLD: &[&str] = &[
    "held", "hold", "holds", "had", "has", "have", "made", "paid",
];

/// Words of a sentence that make its event a planned one.
const PLANNED: &[&str] = &[
    "will ",
    "look forward",
    "looks forward",
    "plans to",
    "planned",
    "upcoming",
    "next month",
    "next week",
    "agreed to hold",
    "toward a ",
    "towards a ",
    "ahead of",
    "prepare for",
    "preparations for",
    "is an opportunity",
];

/// Verbs of chairing or attending: "co-chaired the meeting with X" names a co-chair of the
/// reported meeting, not another one.
const CHAIRING: &[&str] = &[
    "chaired",
    "co-chaired",
    "cochaired",
    "presided",
    "hosted",
    "attended",
    "opened",
    "led",
];

/// Words just before a cue that make it a habit or a range of meetings, no one event
/// ("in previous meetings with", "a series of meetings with", "regular talks with").
const GENERIC: &[&str] = &[
    "previous", "past", "prior", "future", "regular", "frequent", "several", "many", "numerous",
    "series", "all", "any",
];

/// Words that may stand between a preposition and a name: titles, nationality adjectives
/// and the few small words of a post ("the Minister of Foreign Affairs").
fn title_word(w: &str) -> bool {
    matches!(w, "the" | "of" | "for" | "and")
        || w.chars().next().is_some_and(char::is_uppercase)
        || w == "H.E."
}

/// The people named right after byte `at`, titles allowed before each, joined by "and" or
/// commas; with the end of the last name. Nothing when no name follows within a few words.
fn named_after(doc: &Doc<'_>, at: usize, stop: usize) -> (Vec<Entity>, usize) {
    let mut people: Vec<Entity> = Vec::new();
    let mut pos = at;
    let mut end = at;
    loop {
        // The first person mention starting within six title words of `pos`.
        let window = &doc.text[pos..stop];
        let mut offset = 0;
        let mut found = None;
        for (n, word) in window.split(' ').enumerate() {
            if n > 6 {
                break;
            }
            let start = pos + offset;
            if let Some(m) = doc.mentions.iter().find(|m| {
                m.start == start && m.end <= stop && matches!(m.entity, Entity::Person(_))
            }) {
                found = Some((m.entity.clone(), m.end));
                break;
            }
            let w = word.trim_end_matches(',');
            if w.is_empty() || !title_word(w) || word.ends_with(['.', ';', ':']) && w != "H.E." {
                break;
            }
            offset += word.len() + 1;
        }
        let Some((person, person_end)) = found else {
            break;
        };
        if !people.contains(&person) {
            people.push(person);
        }
        end = person_end;
        // Another name after "and", ", and" or ",".
        let rest = &doc.text[end..stop];
        let skip = [", and ", " and ", ", "]
            .iter()
            .find(|j| rest.starts_with(**j))
            .map(|j| j.len());
        // "Ana Varga, Foreign Minister of …": an apposition, not another side.
        let Some(skip) = skip else { break };
        pos = end + skip;
    }
    (people, end)
}

/// People of the clause before a verb ("Last month, President X held talks with …"): those
/// named after the last "that", semicolon or colon before it, in the same sentence.
fn named_before(doc: &Doc<'_>, sentence_start: usize, at: usize) -> Vec<Entity> {
    let before = &doc.text[sentence_start..at];
    let clause = [" that ", "; ", ": ", " said "]
        .iter()
        .filter_map(|c| before.rfind(c).map(|i| i + c.len()))
        .max()
        .unwrap_or(0);
    let mut people = Vec::new();
    for m in doc.mentions_in(sentence_start + clause, at) {
        if matches!(m.entity, Entity::Person(_)) && !people.contains(&m.entity) {
            people.push(m.entity.clone());
        }
    }
    people
}

/// Whether the words just before byte `at` (a noun cue) hold it: "held a meeting", "paid
/// courtesy calls", "had an in-depth phone call".
fn held(doc: &Doc<'_>, sentence_start: usize, at: usize) -> bool {
    let before = plain(&doc.text[sentence_start..at]);
    before
        .split_whitespace()
        .rev()
        .take(5)
        .any(|w| HOLD.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// Add the events the body mentions besides those known; called once people are known.
pub(crate) fn mentioned_events(doc: &mut Doc<'_>) {
    let mut known: Vec<Entity> = doc
        .meetings
        .iter()
        .flat_map(|m| m.participants.iter())
        .filter(|e| matches!(e, Entity::Person(_)))
        .cloned()
        .collect();
    // Without a full publication date, relative words count from the reported event's day.
    let reference = doc
        .reference_date
        .filter(|d| d.day.is_some())
        .or_else(|| {
            doc.meetings
                .iter()
                .find(|m| m.main)
                .and_then(|m| m.date)
                .filter(|d| d.day.is_some() && d.year.is_some())
        })
        .or(doc.reference_date);
    let series_main = doc
        .meetings
        .iter()
        .any(|m| m.main && !m.series.label.is_empty());
    let mut found: Vec<Meeting> = Vec::new();
    for i in 0..doc.sentences.len() {
        let (s_start, s_end) = (doc.sentences[i].start, doc.sentences[i].end);
        if s_start < doc.body_start {
            continue;
        }
        let lower = doc.text[s_start..s_end].to_ascii_lowercase();
        let planned = PLANNED.iter().any(|c| lower.contains(c));
        let sentence = &doc.text[s_start..s_end];
        let dated = find_dates(sentence).iter().any(|m| m.date.month.is_some())
            || resolve_relative(sentence, reference, planned).is_some();
        for &(cue, kind, verb) in CUES {
            for (j, _) in lower.match_indices(cue) {
                let at_word = !lower[..j]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                // "call on" after "courtesy" is checked by the cue itself.
                if !at_word {
                    continue;
                }
                let cue_start = s_start + j;
                let after = cue_start + cue.len();
                let generic = lower[..j]
                    .split_whitespace()
                    .rev()
                    .take(3)
                    .any(|w| GENERIC.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())));
                let before: Vec<&str> = lower[..j].split_whitespace().rev().take(3).collect();
                let chairing = before.iter().any(|w| {
                    CHAIRING.contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
                });
                // "the meeting with X" with no date of its own, where the document reports a
                // series edition, is that edition.
                let definite = before.first().is_some_and(|w| *w == "the");
                if generic || chairing || (definite && series_main && !dated) {
                    continue;
                }
                let (object, end) = named_after(doc, after, s_end);
                if object.is_empty() {
                    continue;
                }
                // "courtesy calls on A and B": one call on each.
                let plural = cue
                    .trim_end()
                    .rsplit(' ')
                    .nth(1)
                    .is_some_and(|w| w.ends_with('s'))
                    && !cue.starts_with("talks");
                let sides: Vec<Vec<Entity>> = if plural {
                    object.iter().map(|p| vec![p.clone()]).collect()
                } else {
                    vec![object.clone()]
                };
                // A series edition named here is the meetings stage's.
                if doc
                    .mentions_in(s_start, s_end)
                    .any(|m| matches!(m.entity, Entity::Meeting(_)))
                {
                    continue;
                }
                let subject = if verb || held(doc, s_start, cue_start) {
                    named_before(doc, s_start, cue_start)
                } else {
                    Vec::new()
                };
                let sentence = &doc.text[s_start..s_end];
                let date = find_dates(sentence)
                    .into_iter()
                    .find(|m| m.date.month.is_some())
                    .map(|m| m.date.with_year_from(reference, planned))
                    .or_else(|| resolve_relative(sentence, reference, planned));
                let virtual_ = VIRTUAL_CUES.iter().any(|c| {
                    lower
                        .split(|ch: char| !ch.is_alphanumeric())
                        .any(|w| w == *c)
                });
                let (kind, format) = match kind {
                    "call" => ("call", "call"),
                    _ if virtual_ => ("video call", "virtual"),
                    _ => ("meeting", "in person"),
                };
                let (location, location_state) = if format == "in person" {
                    super::phrase::place_after(doc, end).unzip()
                } else {
                    (None, None)
                };
                for side in sides {
                    // Everyone named took part in an event known already: it is that event.
                    if side.iter().all(|p| known.contains(p)) {
                        continue;
                    }
                    let mut people = subject.clone();
                    for p in &side {
                        if !people.contains(p) {
                            people.push(p.clone());
                        }
                    }
                    let key = event_key(kind, &people, date);
                    if doc.meetings.iter().chain(&found).any(|m| m.key == key) {
                        continue;
                    }
                    known.extend(side.iter().cloned());
                    found.push(Meeting {
                        key,
                        name: doc.text[cue_start..end].to_string(),
                        series: Series::none(),
                        ordinal: None,
                        date,
                        location: location.clone(),
                        location_state: location_state.clone().flatten(),
                        format: Some(format.to_string()),
                        main: false,
                        upcoming: planned,
                        kind: kind.to_string(),
                        participants: people,
                        frame: vec![(cue_start, end)],
                    });
                }
            }
        }
    }
    found.extend(dated_gatherings(doc, reference));
    doc.meetings.extend(found);
}

/// "the trilateral summit hosted in Manila in April 2024", "a bilateral meeting on June 8":
/// a gathering named by its number of sides, with a date of its own within a few words that
/// is not the reported event's, is another event even when it names nobody.
fn dated_gatherings(
    doc: &Doc<'_>,
    reference: Option<crate::text::dates::PartialDate>,
) -> Vec<Meeting> {
    const SIDES: &[&str] = &["bilateral ", "trilateral "];
    const HEADS: &[&str] = &["summit", "meeting"];
    let main_date = doc.meetings.iter().find(|m| m.main).and_then(|m| m.date);
    let mut found: Vec<Meeting> = Vec::new();
    for sentence in &doc.sentences {
        let (s_start, s_end) = (sentence.start, sentence.end);
        if s_start < doc.body_start {
            continue;
        }
        let text = &doc.text[s_start..s_end];
        let lower = text.to_ascii_lowercase();
        let planned = PLANNED.iter().any(|c| lower.contains(c));
        for side in SIDES {
            for (j, _) in lower.match_indices(side) {
                let rest = &lower[j + side.len()..];
                let Some(head) = HEADS.iter().find(|h| {
                    rest.starts_with(**h)
                        && !rest[h.len()..].starts_with(|c: char| c.is_alphanumeric())
                }) else {
                    continue;
                };
                let cue_end = j + side.len() + head.len();
                // The date must follow within a short phrase ("hosted at X in April 2024").
                let window_end = (cue_end + 60).min(text.len());
                let window_end = (window_end..=text.len())
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(text.len());
                let tail = &text[cue_end..window_end];
                let tail = &tail[..tail.find(['.', ';', ',']).unwrap_or(tail.len())];
                let Some(date) = find_dates(tail)
                    .into_iter()
                    .find(|m| m.date.month.is_some())
                    .map(|m| m.date.with_year_from(reference, planned))
                else {
                    continue;
                };
                let same_month = |d: crate::text::dates::PartialDate| {
                    d.month == date.month && (date.year.is_none() || d.year == date.year)
                };
                if main_date.is_some_and(same_month) {
                    continue;
                }
                let key = event_key("meeting", &[], Some(date));
                if doc.meetings.iter().chain(&found).any(|m| m.key == key) {
                    continue;
                }
                let start = s_start + j;
                found.push(Meeting {
                    key,
                    name: doc.text[start..s_start + cue_end].to_string(),
                    series: Series::none(),
                    ordinal: None,
                    date: Some(date),
                    location: None,
                    location_state: None,
                    format: Some("in person".to_string()),
                    main: false,
                    upcoming: planned,
                    kind: "meeting".to_string(),
                    participants: Vec::new(),
                    frame: vec![(start, s_start + cue_end)],
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::extract::{extract, Entity, Input, Meeting};
    use crate::text::dates::parse_date;

    fn others(text: &str, date: &str) -> Vec<Meeting> {
        let input = Input {
            bytes: text.as_bytes(),
            source: "-".into(),
            date: parse_date(date),
            ..Default::default()
        };
        extract(&input)
            .unwrap()
            .meetings
            .into_iter()
            .filter(|m| !m.main)
            .collect()
    }

    fn day(m: &Meeting) -> Option<String> {
        m.date.map(|d| d.to_string())
    }

    fn people(m: &Meeting) -> Vec<String> {
        let mut v: Vec<String> = m
            .participants
            .iter()
            .filter_map(|e| match e {
                Entity::Person(k) => Some(k.clone()),
                _ => None,
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_meeting_held_last_month_is_a_second_dated_event_with_its_venue() {
        let ms = others(
            "Minister Quill Meets Minister Varga\n\nMinister Tomas Quill met with Foreign Minister Ana Varga in Lisport today. Quill recalled that last month, President Ivo Brand held a meeting with Prime Minister Lea Holm in Velmora.",
            "2023-03-08",
        );
        assert_eq!(ms.len(), 1, "{ms:?}");
        assert_eq!(people(&ms[0]), ["ivo-brand", "lea-holm"]);
        assert_eq!(day(&ms[0]).as_deref(), Some("2023-02"));
        assert_eq!(ms[0].location.as_deref(), Some("Velmora"));
        assert_eq!(ms[0].kind, "meeting");
        assert!(!ms[0].upcoming);
    }

    #[test]
    fn courtesy_calls_and_a_meeting_between_two_leaders_are_events() {
        let ms = others(
            "Minister Quill Meets Minister Varga\n\nMinister Tomas Quill met with Foreign Minister Ana Varga today. Both recalled the meeting between President Ivo Brand and Chancellor Lea Holm. Quill also paid courtesy calls on Vice President Sam Ode and Vice Premier Kim Rho.",
            "2023-03-08",
        );
        assert_eq!(ms.len(), 3, "{ms:?}");
        assert_eq!(people(&ms[0]), ["ivo-brand", "lea-holm"]);
        assert_eq!(ms[0].date, None);
        assert_eq!(people(&ms[1]), ["sam-ode", "tomas-quill"]);
        assert_eq!(people(&ms[2]), ["kim-rho", "tomas-quill"]);
    }

    #[test]
    fn the_reported_meeting_named_again_makes_no_second_event_and_a_planned_one_is_upcoming() {
        let ms = others(
            "Minister Quill Meets Minister Varga\n\nMinister Tomas Quill met with Foreign Minister Ana Varga today. During the meeting with Minister Varga, Quill raised trade. Minister Quill will meet with Prime Minister Lea Holm on Friday.",
            "2023-03-08",
        );
        assert_eq!(ms.len(), 1, "{ms:?}");
        assert!(ms[0].upcoming);
        assert_eq!(people(&ms[0]), ["lea-holm", "tomas-quill"]);
        assert_eq!(day(&ms[0]).as_deref(), Some("2023-03-10"));
        // Work toward a meeting: it lies ahead, in the coming November.
        let ms = others(
            "Minister Quill Meets Minister Varga\n\nMinister Tomas Quill met with Foreign Minister Ana Varga today. They are working towards a meeting between President Ivo Brand and Chancellor Lea Holm in November.",
            "2023-03-08",
        );
        assert!(ms[0].upcoming, "{ms:?}");
        assert_eq!(day(&ms[0]).as_deref(), Some("2023-11"));
    }

    #[test]
    fn a_trilateral_summit_with_a_date_of_its_own_is_another_event() {
        let ms = others(
            "Minister Quill Calls Minister Varga\n\nMinister Tomas Quill spoke by phone today with Foreign Minister Ana Varga. The call follows the trilateral summit hosted in the capital in April 2022. Both welcomed the bilateral meeting of today.",
            "2023-03-08",
        );
        assert_eq!(ms.len(), 1, "{ms:?}");
        assert_eq!(day(&ms[0]).as_deref(), Some("2022-04"));
        // The reported meeting's own month makes nothing.
        let ms = others(
            "Minister Quill Meets Minister Varga\n\nOn March 8, Minister Tomas Quill met with Foreign Minister Ana Varga. The bilateral meeting on March 8 was warm.",
            "2023-03-08",
        );
        assert!(ms.is_empty(), "{ms:?}");
    }

    #[test]
    fn meetings_as_a_habit_are_no_event() {
        let ms = others(
            "Minister Quill Meets Minister Varga\n\nMinister Tomas Quill met with Foreign Minister Ana Varga today. In previous meetings with President Ivo Brand, they agreed on trade. A series of meetings with Chancellor Lea Holm followed.",
            "2023-03-08",
        );
        assert!(ms.is_empty(), "{ms:?}");
    }

    #[test]
    fn the_co_chair_of_the_reported_dialogue_makes_no_meeting() {
        let ms = others(
            "The 5th Velmora-Ruritania Strategic Dialogue\n\nThe 5th Velmora-Ruritania Strategic Dialogue was held in Lisport today. Deputy Minister Tomas Quill co-chaired the meeting with Ana Varga, Director-General of Ruritania. Quill also thanked Ana Varga for the meeting with Minister Lea Holm.",
            "2023-03-08",
        );
        assert!(ms.is_empty(), "{ms:?}");
    }
}
