//! Events that no series names: a bilateral meeting, a phone or video call, a visit, a joint
//! statement, remarks "before their meeting", a press availability.
//!
//! Most readouts report such an event ("Secretary X's Call with Foreign Minister Y",
//! "Readout of the President's Meeting with …", "Minister Z holds talks with …"). The title
//! gives the kind when it can; otherwise the first sentences of the body do ("spoke by phone
//! with", "met today in Amman with", "visited"). The sentence that reports the event (its
//! *frame*) gives the date, resolved against the document's publication date ("today",
//! "yesterday", "on Monday", "last week"; an explicit "July 5" wins; no date expression, no
//! date), the venue of an in-person event and, once people are known, the participants:
//! everyone named in the title's or the frame's "X met/spoke with Y".
//!
//! Key: `event/<kind>/<participants>/<date>`, participants being the people's keys (or, when
//! the frame names nobody, the states' codes) sorted. Two documents reporting one call
//! between the same two people on the same day give one key; two calls on different days,
//! or with someone else, do not; an undated event is `…/undated`.
//! Pure: no IO, no clock.

use super::{Doc, Entity, Meeting, Series};
use crate::text::dates::{find_dates, resolve_relative, PartialDate};

/// Kinds a title announces, checked in order (a "video call" before a "call", the meeting a
/// joint statement follows before the statement), all lowercase with straight apostrophes.
const TITLE_KINDS: &[(&str, &str)] = &[
    ("video call", "video call"),
    ("videoconference", "video call"),
    ("video conference", "video call"),
    ("virtual meeting", "video call"),
    ("virtual call", "video call"),
    ("virtual bilateral", "video call"),
    ("press availability", "press availability"),
    ("press conference", "press availability"),
    ("press encounter", "press availability"),
    ("before their meeting", "meeting"),
    ("before bilateral meeting", "meeting"),
    ("before a bilateral meeting", "meeting"),
    ("before their bilateral", "meeting"),
    ("before meeting", "meeting"),
    ("before a meeting", "meeting"),
    ("after their meeting", "meeting"),
    ("after a meeting", "meeting"),
    ("after meeting", "meeting"),
    ("phone call", "call"),
    ("telephone call", "call"),
    ("telephone conversation", "call"),
    ("phone conversation", "call"),
    ("call with", "call"),
    ("calls with", "call"),
    ("call between", "call"),
    ("'s call", "call"),
    ("speaks with", "call"),
    ("spoke with", "call"),
    ("speaks by phone", "call"),
    ("speaks to", "call"),
    ("meeting with", "meeting"),
    ("meetings with", "meeting"),
    ("meets with", "meeting"),
    ("met with", "meeting"),
    ("'s meeting", "meeting"),
    ("'s meetings", "meeting"),
    ("bilateral meeting", "meeting"),
    ("trilateral meeting", "meeting"),
    ("meeting between", "meeting"),
    ("meeting of", "meeting"),
    ("talks with", "meeting"),
    ("holds talks", "meeting"),
    ("held talks", "meeting"),
    ("trilateral with", "meeting"),
    ("'s trilateral", "meeting"),
    ("visit to", "visit"),
    ("visit of", "visit"),
    ("visit by", "visit"),
    ("to visit", "visit"),
    ("visits", "visit"),
    ("'s visit", "visit"),
    ("state visit", "visit"),
    ("official visit", "visit"),
    ("travel to", "visit"),
    ("travels to", "visit"),
    ("trip to", "visit"),
    ("dialogue with", "meeting"),
    ("meets", "meeting"),
    ("meeting", "meeting"),
    ("consultations", "meeting"),
    ("talks", "meeting"),
    ("joint statement", "joint statement"),
    ("joint leaders' statement", "joint statement"),
    ("joint declaration", "joint statement"),
    ("joint readout", "joint statement"),
    ("joint communiqué", "joint statement"),
    ("joint communique", "joint statement"),
    ("joint press release", "joint statement"),
    ("chair's statement", "joint statement"),
    ("chairman's statement", "joint statement"),
    ("communiqué", "joint statement"),
    ("communique", "joint statement"),
];

/// Title cues that say what happened without saying between whom: they make an event only
/// when no series edition is reported.
const GENERIC_CUES: &[&str] = &["meets", "meeting", "consultations", "talks"];

/// Verb phrases of a sentence that reports an event, checked in order, all lowercase.
const FRAME_KINDS: &[(&str, &str)] = &[
    ("video call", "video call"),
    ("videoconference", "video call"),
    ("video conference", "video call"),
    ("virtual meeting", "video call"),
    ("met virtually", "video call"),
    ("met by video", "video call"),
    ("spoke by phone", "call"),
    ("spoke by telephone", "call"),
    ("spoke on the phone", "call"),
    ("spoke over the phone", "call"),
    ("phone call", "call"),
    ("telephone call", "call"),
    ("telephone conversation", "call"),
    ("phone conversation", "call"),
    ("held a call", "call"),
    ("had a call", "call"),
    ("spoke with", "call"),
    ("spoke today", "call"),
    ("spoke yesterday", "call"),
    ("spoke this", "call"),
    ("speaks with", "call"),
    ("met with", "meeting"),
    ("met today", "meeting"),
    ("met yesterday", "meeting"),
    ("met this", "meeting"),
    ("met on", "meeting"),
    ("met in", "meeting"),
    ("held talks", "meeting"),
    ("holds talks", "meeting"),
    ("held a meeting", "meeting"),
    ("held a bilateral", "meeting"),
    ("held bilateral", "meeting"),
    ("held a trilateral", "meeting"),
    ("hosted", "meeting"),
    ("received", "meeting"),
    ("met ", "meeting"),
    ("paid a visit", "visit"),
    ("paid an official visit", "visit"),
    ("visited", "visit"),
    ("is visiting", "visit"),
    ("travelled to", "visit"),
    ("traveled to", "visit"),
];

/// Verb phrases that confirm the event a title announces (a call, a meeting or a visit) but
/// make none of their own: a planned one ("will meet", "looks forward to welcoming") or a
/// gathering ("convened").
const CONFIRMING_KINDS: &[(&str, &str)] = &[
    ("will travel to", "visit"),
    ("will visit", "visit"),
    ("looks forward to welcoming", "visit"),
    ("look forward to welcoming", "visit"),
    ("will welcome", "visit"),
    ("will host", "meeting"),
    ("will meet", "meeting"),
    ("convened", "meeting"),
    ("call with", "call"),
];

/// Words of a frame that make its event a planned one, whose date lies ahead.
const PLANNED_CUES: &[&str] = &["will ", "looks forward", "look forward"];

/// Words that make an event virtual wherever the frame says them.
pub(super) const VIRTUAL_CUES: &[&str] =
    &["virtual", "virtually", "video", "videoconference", "online"];

/// Last words of a building, which is no venue city ("the White House", "the Oval Office").
const BUILDINGS: &[&str] = &[
    "House",
    "Office",
    "Room",
    "Building",
    "Hall",
    "Palace",
    "Residence",
    "Ministry",
    "Department",
    "Center",
    "Centre",
    "Headquarters",
    "Embassy",
    "Observatory",
];

/// How many sentences of the body may hold the frame.
const FRAME_SENTENCES: usize = 4;

/// A lowercase copy with straight apostrophes, byte for byte as long as the original where
/// it matters: only used to decide, never to slice the original.
pub(super) fn plain(s: &str) -> String {
    s.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'")
}

/// The kind a phrase announces, from a table of cues.
fn kind_in(
    phrase: &str,
    table: &[(&'static str, &'static str)],
    title: bool,
) -> Option<(&'static str, &'static str)> {
    let lower = plain(phrase);
    let at_word = |i: usize, len: usize| {
        (!lower[i..].starts_with(char::is_alphanumeric)
            || !lower[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric))
            && !lower[i + len..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    };
    // "Joint Readout of Quad Leaders Call": a title that ends with the noun says the kind.
    if title
        && lower.trim_end_matches(['.', ' ']).ends_with(" call")
        && !lower.contains("video")
        && !lower.contains("virtual")
    {
        return Some(("call", "call"));
    }
    let found = table.iter().find(|(cue, _)| {
        lower
            .match_indices(cue)
            .any(|(i, _)| at_word(i, cue.trim_end().len()))
    });
    if let Some(&(cue, kind)) = found {
        return Some((cue, kind));
    }
    // "Quad Leaders Call": a title that ends with the noun.
    (title && lower.trim_end_matches(['.', ' ']).ends_with(" call")).then_some(("call", "call"))
}

/// The title line: the last line before the body.
fn title_span(doc: &Doc<'_>) -> Option<(usize, usize)> {
    let head = doc.text.get(..doc.body_start)?;
    let trimmed = head.trim_end();
    let start = trimmed.rfind('\n').map_or(0, |i| i + 1);
    let start = start + (trimmed.len() - start - trimmed[start..].trim_start().len());
    (start < trimmed.len()).then_some((start, trimmed.len()))
}

/// "held an extensive and productive meeting with", "had their first in-person talks": a
/// verb of holding, a determiner, at most four words, then the noun of an event. The words
/// between are what the fixed frames cannot list.
fn held_with_words_between(sentence: &str) -> Option<(&'static str, &'static str)> {
    const HOLD: &[&str] = &["held", "holds", "hold", "had", "has"];
    const DETERMINERS: &[&str] = &["a", "an", "the", "their", "his", "her", "its"];
    let lower = plain(sentence);
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        if !HOLD.contains(w) || !words.get(i + 1).is_some_and(|d| DETERMINERS.contains(d)) {
            continue;
        }
        for (k, noun) in words.iter().enumerate().skip(i + 2).take(5) {
            let noun = noun.trim_matches(|c: char| !c.is_alphanumeric());
            let kind = match noun {
                "meeting" | "meetings" | "talks" | "discussion" | "discussions" => "meeting",
                "call" | "conversation" => {
                    if words[i + 2..k].iter().any(|x| x.contains("video")) {
                        "video call"
                    } else {
                        "call"
                    }
                }
                _ => continue,
            };
            return Some(("held", kind));
        }
    }
    None
}

/// The first sentence of the body that reports an event, and the kind its verb gives.
fn frame_sentence(doc: &Doc<'_>, confirming: bool) -> Option<(usize, &'static str)> {
    let body_start = doc
        .dateline
        .as_ref()
        .map_or(doc.body_start, |d| d.start.max(doc.body_start));
    doc.sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.start >= body_start)
        .take(FRAME_SENTENCES)
        .find_map(|(i, _)| {
            let text = doc.sentence_text(i);
            kind_in(text, FRAME_KINDS, false)
                .or_else(|| held_with_words_between(text))
                .or_else(|| {
                    confirming
                        .then(|| kind_in(text, CONFIRMING_KINDS, false))
                        .flatten()
                })
                .map(|(_, k)| (i, k))
        })
}

/// The reported event when no series names it; called by the meetings stage after the named
/// meetings are known. A title that announces an unnamed event ("'s Call with", "Meeting
/// with") makes it the reported one even when the body names a series edition; a series
/// edition named in the title keeps its place.
pub(crate) fn unnamed_event(doc: &mut Doc<'_>) {
    let title = title_span(doc);
    // A meeting the title names is the reported one.
    let named_in_title = doc
        .mentions
        .iter()
        .any(|x| x.end <= doc.body_start && matches!(x.entity, Entity::Meeting(_)));
    if named_in_title {
        return;
    }
    let title_text = title.map_or("", |(s, e)| &doc.text[s..e]);
    // The reported series edition may be in the title without being read there ("The 25th
    // X Dialogue Held by Video Conference").
    let title_lower = title_text.to_lowercase();
    if doc
        .meetings
        .iter()
        .any(|m| m.main && title_lower.contains(&m.name.to_lowercase()))
    {
        return;
    }
    let title_cue = kind_in(title_text, TITLE_KINDS, true);
    let frame = frame_sentence(
        doc,
        title_cue.is_some_and(|(_, k)| matches!(k, "call" | "video call" | "meeting" | "visit")),
    );
    let has_main = doc.meetings.iter().any(|m| m.main);
    // A title that names a meeting by a head noun ("Second X–Y Ministerial Dialogue") reports
    // a series edition the meetings stage could not read: no unnamed event stands in for it.
    let title_has_head = title_text.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        super::phrase::meeting_head(w).is_some()
    });
    let generic = title_cue.is_none_or(|(cue, _)| GENERIC_CUES.contains(&cue));
    if generic && (has_main || (title_has_head && title_cue.is_none()) || frame.is_none()) {
        return;
    }
    let kind = match (title_cue, frame) {
        (Some((_, k)), _) => k,
        (None, Some((_, k))) if !has_main => k,
        _ => return,
    };
    let title_kind = title_cue.map(|(_, k)| k);
    // A transcript's or a statement's body seldom reports the event in a sentence of its own;
    // a sentence that does must agree it is an event (any frame verb will do).
    let frame_span = frame.map(|(i, _)| {
        let s = &doc.sentences[i];
        (s.start.max(doc.body_start), s.end)
    });
    let mut spans: Vec<(usize, usize)> = Vec::new();
    if title_kind.is_some() {
        spans.extend(title);
    }
    spans.extend(frame_span);
    let frame_text = frame_span.map_or("", |(s, e)| &doc.text[s..e]);

    // Remarks "before their meeting" are given on the day of the meeting.
    let remarks =
        title_cue.is_some_and(|(c, _)| c.starts_with("before ") || c.starts_with("after "));
    let date = frame_span
        .and_then(|(s, e)| event_date(doc, s, e))
        .or_else(|| doc.reference_date.filter(|d| remarks && d.day.is_some()));
    let in_person = matches!(kind, "meeting" | "visit" | "press availability");
    let format = match kind {
        "call" => Some("call".to_string()),
        "video call" => Some("virtual".to_string()),
        _ if in_person => {
            let cues = format!("{} {}", plain(title_text), plain(frame_text));
            if VIRTUAL_CUES.iter().any(|c| {
                cues.split(|ch: char| !ch.is_alphanumeric())
                    .any(|w| w == *c)
            }) {
                Some("virtual".to_string())
            } else {
                Some("in person".to_string())
            }
        }
        _ => None,
    };
    let (location, location_state) = match frame_span {
        Some((s, e)) if in_person => venue_of(doc, s, e).unzip(),
        _ => (None, None),
    };
    let location_state = location_state.flatten();
    let name = if title_kind.is_some() && !title_text.is_empty() {
        title_text.to_string()
    } else {
        frame_text.trim().to_string()
    };
    let mut states: Vec<Entity> = spans
        .iter()
        .flat_map(|&(s, e)| doc.mentions_in(s, e))
        .filter(|m| matches!(m.entity, Entity::State(_)))
        .map(|m| m.entity.clone())
        .collect();
    states.sort();
    states.dedup();
    let key = event_key(kind, &states, date);
    for m in &mut doc.meetings {
        m.main = false;
    }
    doc.meetings.insert(
        0,
        Meeting {
            key,
            name,
            series: Series::none(),
            ordinal: None,
            date,
            location,
            location_state,
            format,
            main: true,
            upcoming: false,
            kind: kind.to_string(),
            participants: states,
            frame: spans,
        },
    );
}

/// Whether the title announces an unnamed event of its own ("'s Call with", "Meeting with"),
/// which is then the reported one.
pub(crate) fn title_announces_event(doc: &Doc<'_>) -> bool {
    let title_text = title_span(doc).map_or("", |(s, e)| &doc.text[s..e]);
    kind_in(title_text, TITLE_KINDS, true).is_some_and(|(cue, _)| !GENERIC_CUES.contains(&cue))
}

/// `event/<kind>/<sorted participants>/<date|undated>`.
pub(super) fn event_key(kind: &str, participants: &[Entity], date: Option<PartialDate>) -> String {
    let mut parts: Vec<String> = participants
        .iter()
        .filter_map(|e| match e {
            Entity::Person(k) | Entity::State(k) => Some(k.to_lowercase()),
            _ => None,
        })
        .collect();
    parts.sort();
    parts.dedup();
    let who = if parts.is_empty() {
        "unknown".to_string()
    } else {
        parts.join("+")
    };
    let when = date
        .filter(|d| !d.is_empty())
        .map_or("undated".to_string(), |d| d.to_string());
    format!("event/{}/{who}/{when}", crate::vocab::slug(kind))
}

/// The date of the event a sentence reports: a date it writes ("on July 5", the year from the
/// publication date), else a relative one ("today", "on Monday"), else the dateline's when the
/// sentence starts after it. `None` when the sentence has no date expression.
fn event_date(doc: &Doc<'_>, start: usize, end: usize) -> Option<PartialDate> {
    let sentence = &doc.text[start..end];
    let lower = plain(sentence);
    let planned = PLANNED_CUES.iter().any(|c| lower.contains(c));
    let explicit = find_dates(sentence)
        .into_iter()
        .find(|m| m.date.month.is_some())
        .map(|m| m.date.with_year_from(doc.reference_date, planned));
    explicit
        .or_else(|| resolve_relative(sentence, doc.reference_date, planned))
        .or_else(|| {
            let d = doc.dateline.as_ref()?;
            let date = d.date.filter(|d| d.day.is_some())?;
            (d.end <= start || (d.start >= start && d.end <= end))
                .then(|| date.with_year_from(doc.reference_date, false))
        })
}

/// The venue city of an in-person event: "met today in Amman with …"; no building ("the
/// White House"), nothing after a purpose clause ("to discuss the war in Ukraine").
fn venue_of(doc: &Doc<'_>, start: usize, end: usize) -> Option<(String, Option<String>)> {
    let sentence = &doc.text[start..end];
    let clause_end = sentence.find(" to ").unwrap_or(sentence.len());
    let (place, state) = super::phrase::venue(doc, start, &sentence[..clause_end])?;
    let last = place.split_whitespace().next_back().unwrap_or("");
    (!BUILDINGS.contains(&last)).then_some((place, state))
}

/// Once people are known: the event's participants are the people named in its frame (then
/// the states), and its key names them. Statements, which come next, see the final key. (The
/// event has no mention of its own: its frame is the title or a whole sentence, whose names
/// are the people's and states' mentions.)
pub(crate) fn attach_participants(doc: &mut Doc<'_>) {
    let Some(i) = doc
        .meetings
        .iter()
        .position(|m| m.key.starts_with("event/") && !m.frame.is_empty())
    else {
        return;
    };
    let mut people: Vec<Entity> = Vec::new();
    for &(s, e) in &doc.meetings[i].frame {
        for m in doc.mentions_in(s, e) {
            if matches!(m.entity, Entity::Person(_)) && !people.contains(&m.entity) {
                people.push(m.entity.clone());
            }
        }
    }
    // Whoever the frame names took part, unless the people stage gave them a role already.
    for p in &mut doc.people {
        if p.role.is_none() && people.contains(&Entity::Person(p.key.clone())) {
            p.role = Some("participant".into());
        }
    }
    let meeting = &mut doc.meetings[i];
    let states = std::mem::take(&mut meeting.participants);
    let keyed = if people.is_empty() { &states } else { &people };
    let key = event_key(&meeting.kind, keyed, meeting.date);
    meeting.key = key;
    meeting.participants = people.into_iter().chain(states).collect();
}

#[cfg(test)]
mod tests {
    use crate::extract::{extract, Entity, Input, Meeting};
    use crate::text::dates::parse_date;

    fn events_of(text: &str, date: Option<&str>) -> Vec<Meeting> {
        let input = Input {
            bytes: text.as_bytes(),
            source: "-".into(),
            date: date.and_then(parse_date),
            ..Default::default()
        };
        extract(&input).unwrap().meetings
    }

    #[test]
    fn a_call_in_the_title_is_one_dated_event_with_its_participants() {
        let ms = events_of(
            "Minister Quill’s Call with Ruritanian Foreign Minister Ana Varga\n\nMinister Tomas Quill spoke yesterday by phone with Ruritanian Foreign Minister Ana Varga. They discussed trade.",
            Some("2023-03-08"),
        );
        let main = ms.iter().find(|m| m.main).expect("an event");
        assert_eq!(main.kind, "call");
        assert_eq!(main.format.as_deref(), Some("call"));
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2023-03-07")
        );
        assert_eq!(main.series.label, "");
        assert!(main.location.is_none());
        let people: Vec<&Entity> = main
            .participants
            .iter()
            .filter(|e| matches!(e, Entity::Person(_)))
            .collect();
        assert_eq!(people.len(), 2, "{:?}", main.participants);
        let ex = extract(&Input {
            bytes: "Minister Quill’s Call with Foreign Minister Ana Varga\n\nMinister Tomas Quill spoke today with Foreign Minister Ana Varga.".as_bytes(),
            source: "-".into(),
            ..Default::default()
        })
        .unwrap();
        assert!(
            ex.people.iter().all(|p| p.role.is_some()),
            "{:?}",
            ex.people
        );
        assert!(main.key.starts_with("event/call/"), "{}", main.key);
        assert!(main.key.ends_with("/2023-03-07"), "{}", main.key);
    }

    /// The reported event of a text published on `date`, with its date written out.
    fn main_of(text: &str, date: &str) -> (Meeting, Option<String>) {
        let main = events_of(text, Some(date))
            .into_iter()
            .find(|m| m.main)
            .expect("a reported event");
        let day = main.date.map(|d| d.to_string());
        (main, day)
    }

    #[test]
    fn planned_visits_gatherings_and_remarks_take_the_right_day() {
        // A planned visit: its weekday-and-date lies ahead of the statement, in the same year.
        let (main, day) = main_of(
            "Statement on the Visit of Prime Minister Ola Sand of Velmora\n\nPresident Kai Brill looks forward to welcoming Prime Minister Ola Sand of Velmora on Tuesday, March 14 to deepen ties.",
            "2023-03-08",
        );
        assert_eq!(main.kind, "visit");
        assert_eq!(day.as_deref(), Some("2023-03-14"));
        // A planned meeting early in the year after a statement of late December.
        let (_, day) = main_of(
            "Statement on Adviser Brill’s Meeting with Minister Sand\n\nOn January 9-10, Adviser Kai Brill will meet with Minister Ola Sand in Velmora City.",
            "2023-12-28",
        );
        assert_eq!(day.as_deref(), Some("2024-01-09"));
        // "Leaders Call" names a call even in a joint readout; "convened today" dates it.
        let (main, day) = main_of(
            "Joint Readout of Harbour Group Leaders Call\n\nToday the Harbour Group leaders convened to renew their commitment to open sea lanes.",
            "2023-03-08",
        );
        assert_eq!(main.format.as_deref(), Some("call"));
        assert_eq!(day.as_deref(), Some("2023-03-08"));
        // Remarks before a meeting are given on its day.
        let (main, day) = main_of(
            "Remarks by Minister Kai Brill and Minister Ola Sand Before Their Meeting\n\nMINISTER BRILL: Welcome, it is good to see you.",
            "2023-03-08",
        );
        assert_eq!(main.kind, "meeting");
        assert_eq!(day.as_deref(), Some("2023-03-08"));
        // A month and its day close the venue.
        let (main, _) = main_of(
            "Minister Brill’s Meeting with Minister Sand\n\nMinister Kai Brill met with Minister Ola Sand in Port Velmora on May 18 to discuss fisheries.",
            "2023-05-20",
        );
        assert_eq!(main.location.as_deref(), Some("Port Velmora"));
        // A gathering without a title that announces an event makes none of its own.
        let ms = events_of(
            "Chair's Summary\n\nThe ministers convened in Velmora to review the fisheries plan.",
            Some("2023-03-08"),
        );
        assert!(
            ms.iter().all(|m| !m.key.starts_with("event/meeting")),
            "{ms:?}"
        );
    }

    #[test]
    fn no_date_expression_no_date_and_no_publication_date_no_relative_date() {
        let ms = events_of(
            "Envoy Brill’s Meeting with Minister Ola Sand\n\nEnvoy Kai Brill met with Minister Ola Sand in Velmora. They discussed fisheries.",
            Some("2023-03-08"),
        );
        let main = ms.iter().find(|m| m.main).unwrap();
        assert_eq!(main.kind, "meeting");
        assert_eq!(main.date, None);
        assert_eq!(main.location.as_deref(), Some("Velmora"));
        assert_eq!(main.format.as_deref(), Some("in person"));
        let ms = events_of(
            "Envoy Brill’s Meeting with Minister Ola Sand\n\nEnvoy Kai Brill met today with Minister Ola Sand.",
            None,
        );
        assert_eq!(ms[0].date, None);
    }

    #[test]
    fn weekdays_and_written_dates_resolve_and_buildings_are_no_venue() {
        let ms = events_of(
            "Readout of the President’s Meeting with Prime Minister Lio Tarn\n\nThe President met on Monday with Prime Minister Lio Tarn at the White House to discuss the harbour in Velmora.",
            Some("2022-05-18"),
        );
        assert_eq!(
            ms[0].date.map(|d| d.to_string()).as_deref(),
            Some("2022-05-16")
        );
        assert_eq!(ms[0].location, None);
        let ms = events_of(
            "Readout of the Vice President’s Meeting with Chancellor Ivo Rask\n\nOn Wednesday, July 5, the Vice President met in Velmora with Chancellor Ivo Rask.",
            Some("2023-07-07"),
        );
        assert_eq!(
            ms[0].date.map(|d| d.to_string()).as_deref(),
            Some("2023-07-05")
        );
        assert_eq!(ms[0].location.as_deref(), Some("Velmora"));
    }

    #[test]
    fn kinds_from_titles_and_from_the_body() {
        let kind = |t: &str| {
            events_of(t, Some("2021-06-01"))
                .into_iter()
                .find(|m| m.main)
                .map(|m| m.kind)
        };
        assert_eq!(kind("Joint Statement on the Meeting of Minister Vane and Minister Holm\n\nThe ministers met in Velmora.").as_deref(), Some("meeting"));
        assert_eq!(kind("Joint Statement on Fisheries Cooperation\n\nThe two governments affirm their ties.").as_deref(), Some("joint statement"));
        assert_eq!(kind("Remarks by the President and Chancellor Rask Before Their Meeting\n\nTHE PRESIDENT: Welcome.").as_deref(), Some("meeting"));
        assert_eq!(kind("Secretary Holm’s Video Call with Minister Vane\n\nSecretary Holm held a video call today with Minister Vane.").as_deref(), Some("video call"));
        assert_eq!(kind("Assistant Secretary Moor Visits Velmora\n\nAssistant Secretary Moor visited Velmora from May 17–20.").as_deref(), Some("visit"));
        assert_eq!(kind("Readout of the Harbour Talks\n\nToday, Secretary Holm and Envoy Rask held an extensive and productive meeting with the Velmoran delegation.").as_deref(), Some("meeting"));
        assert_eq!(kind("Fisheries news\n\nMinister Vane had a long and candid conversation with Minister Holm.").as_deref(), Some("call"));
        assert_eq!(
            kind("Fisheries news\n\nMinister Vane spoke by phone with Minister Holm today.")
                .as_deref(),
            Some("call")
        );
        assert_eq!(
            kind("Statement on the floods\n\nWe mourn the victims of the floods.").as_deref(),
            None
        );
    }

    #[test]
    fn two_calls_on_two_days_keep_two_keys_and_one_call_reported_twice_one() {
        let a = "Secretary Holm’s Call with Minister Ivo Vane\n\nSecretary Lea Holm spoke today with Minister Ivo Vane.";
        let b = "Minister Vane speaks with Secretary Holm\n\nMinister Ivo Vane spoke by phone today with Secretary Lea Holm.";
        let ka = events_of(a, Some("2022-01-10"))[0].key.clone();
        let kb = events_of(b, Some("2022-01-10"))[0].key.clone();
        let kc = events_of(a, Some("2022-01-11"))[0].key.clone();
        assert_eq!(ka, kb);
        assert_ne!(ka, kc);
    }

    #[test]
    fn a_series_edition_in_the_title_stays_the_reported_meeting() {
        // Unread in the title ("Held" follows the head), read in the body.
        let ms = events_of(
            "The 7th Thailand-Viet Nam Dialogue Held by Video Conference\n\nThe 7th Thailand-Viet Nam Dialogue was held by video conference today.",
            Some("2021-06-01"),
        );
        assert!(ms.iter().all(|m| !m.key.starts_with("event/")), "{ms:?}");
        // A head noun in the title and a body that only says who hosted whom.
        let ms = events_of(
            "Second Velmora–Ruritania Ministerial Dialogue\n\nMinister Ivo Vane hosted Minister Lea Holm in Lisport.",
            Some("2021-06-01"),
        );
        assert!(ms.iter().all(|m| !m.key.starts_with("event/")), "{ms:?}");
        let ms = events_of(
            "The 5th Thailand – RoK Strategic Dialogue\n\nThe Dialogue was held in Bangkok today. The ministers met with the press.",
            Some("2021-06-01"),
        );
        let main = ms.iter().find(|m| m.main).unwrap();
        assert_eq!(main.ordinal, Some(5));
        assert_eq!(main.kind, "meeting");
        assert!(!main.key.starts_with("event/"));
    }
}
