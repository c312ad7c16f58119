//! One document in, everything it says out: the extraction pipeline and its result types.
//!
//! Stages run over one carrier (the clean text plus what earlier stages found), in one
//! direction: clean → segment → names (states, mechanisms, issues) → meetings → people →
//! statements. Every mention keeps a byte span into `Extraction::text`, and
//! `&text[start..end] == surface` holds for all of them.
//!
//! Pure: no IO, no store, no clap. Messy text never fails; it yields what could be read plus
//! diagnostics. Only bytes that are not text at all are refused ([`crate::text::NotText`]).

mod entities;
mod events;
mod meetings;
mod mentioned;
mod phrase;

pub(crate) use meetings::ordinal_suffix;
mod people;
mod statements;

use crate::knowledge::Knowledge;
use crate::text::dates::{parse_date, PartialDate};
use crate::text::segment::{self, Paragraph, Sentence};
use crate::text::{self, NotText};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// What the caller knows about a document besides its bytes.
#[derive(Debug, Clone, Default)]
pub struct Input<'a> {
    pub bytes: &'a [u8],
    /// The path or URL it was read from ("-" for standard input).
    pub source: String,
    pub html: bool,
    pub url: Option<String>,
    pub publisher: Option<String>,
    /// A publication date supplied by the user (`--date`).
    pub date: Option<PartialDate>,
}

/// A reference to a node of the graph, by canonical key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum Entity {
    /// ISO 3166 alpha-3.
    State(String),
    /// Slug of a mechanism (reference data, or defined by this text).
    Mechanism(String),
    /// Slug of an issue concept.
    Issue(String),
    /// Key of a person (normalised name).
    Person(String),
    /// Key of a meeting (series and ordinal, or series and date).
    Meeting(String),
    /// An unnamed post-holder ("the Deputy Secretary-General of ASEAN …").
    Post(String),
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub surface: String,
    pub entity: Entity,
    pub sentence: Option<usize>,
}

/// A mechanism this document refers to (from reference data or defined by the text itself).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MechanismRecord {
    pub slug: String,
    pub label: String,
    pub acronym: Option<String>,
    pub class: String,
    /// True when the text taught it ("… Initiative (KASI)" or a head noun), not the gazetteer.
    pub from_text: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Person {
    pub key: String,
    pub name: String,
    pub title: Option<String>,
    pub post: Option<String>,
    pub organization: Option<String>,
    pub state: Option<String>,
    pub role: Option<String>,
    /// Whether the state came from the page rather than the person's own description.
    pub state_inferred: bool,
}

/// A post held by someone the text does not name.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Post {
    pub key: String,
    pub label: String,
    pub role: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Series {
    pub key: String,
    pub label: String,
    /// States and mechanisms whose names make up the series name.
    pub parties: Vec<Entity>,
}

impl Series {
    /// The series of an event no series names (a bilateral meeting, a call, a visit).
    pub(crate) fn none() -> Series {
        Series {
            key: String::new(),
            label: String::new(),
            parties: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Meeting {
    pub key: String,
    pub name: String,
    pub series: Series,
    pub ordinal: Option<u32>,
    pub date: Option<PartialDate>,
    pub location: Option<String>,
    pub location_state: Option<String>,
    /// "in person", "virtual" or "hybrid".
    pub format: Option<String>,
    /// The meeting the document reports (as opposed to one it mentions).
    pub main: bool,
    /// Mentioned as upcoming or agreed for the future.
    pub upcoming: bool,
    /// What happened: "meeting" (every named series edition), "call", "video call", "visit",
    /// "joint statement" or "press availability".
    pub kind: String,
    /// People (then states) named where the document reports the event ("X met with Y"),
    /// for an event no series names; filled once people are known.
    pub participants: Vec<Entity>,
    /// Byte spans that report the event (the title, the sentence with "met/spoke … with"):
    /// whoever is named inside took part in it.
    #[serde(skip)]
    pub frame: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum Speaker {
    Entity(Entity),
    /// Both sides / all participants together.
    Joint,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Statement {
    pub speaker: Speaker,
    /// The state or group the speaker spoke for.
    pub side: Option<Entity>,
    /// The parties a joint or collective speaker stands for, when the text names them
    /// ("Secretary X and Foreign Minister Y reaffirmed …").
    pub parties: Vec<Entity>,
    pub stance: String,
    pub cameo: Option<String>,
    pub verb: String,
    pub about: Vec<Entity>,
    pub addressee: Option<Entity>,
    /// Whom a condemnation, demand or criticism is aimed at, apart from what it is about
    /// ("condemned the attack against Ukraine by Russia's forces": Russia).
    pub target: Option<Entity>,
    pub meeting: Option<String>,
    pub negated: bool,
    pub modality: String,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Dateline {
    pub place: String,
    pub date: Option<PartialDate>,
    pub agency: Option<String>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Extraction {
    pub source: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    /// SHA-256 of the bytes as read, hex.
    pub content_hash: String,
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    pub dateline: Option<Dateline>,
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub mechanisms: Vec<MechanismRecord>,
    pub meetings: Vec<Meeting>,
    pub people: Vec<Person>,
    pub posts: Vec<Post>,
    pub statements: Vec<Statement>,
    pub diagnostics: Vec<String>,
}

impl Extraction {
    /// The sentence index holding a byte offset.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        sentence_at(&self.sentences, offset)
    }

    /// Distinct entities of one kind mentioned, in key order.
    pub fn entities(&self, pick: impl Fn(&Entity) -> Option<&str>) -> Vec<String> {
        let mut out: Vec<String> = self
            .mentions
            .iter()
            .filter_map(|m| pick(&m.entity).map(str::to_string))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    pub fn main_meeting(&self) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.main)
    }
}

pub(crate) fn sentence_at(sentences: &[Sentence], offset: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.end <= offset);
    (i < sentences.len() && sentences[i].start <= offset).then_some(i)
}

/// Hex SHA-256 of some bytes.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The shared state stages read and add to.
pub(crate) struct Doc<'k> {
    pub k: &'k Knowledge,
    pub text: String,
    pub sentences: Vec<Sentence>,
    /// Where the body starts (after the title line).
    pub body_start: usize,
    pub dateline: Option<Dateline>,
    /// Who published the document, when the caller knows (`Input::publisher`).
    pub publisher: Option<String>,
    /// Best evidence for the year: dateline, date line, or `--date`.
    pub reference_date: Option<PartialDate>,
    pub mentions: Vec<Mention>,
    pub mechanisms: Vec<MechanismRecord>,
    pub meetings: Vec<Meeting>,
    pub people: Vec<Person>,
    pub posts: Vec<Post>,
    pub statements: Vec<Statement>,
    pub diagnostics: Vec<String>,
    /// How many of `mentions` are sorted by start (the people stage sorts what came before it).
    pub sorted_upto: usize,
}

impl Doc<'_> {
    pub fn sentence_text(&self, i: usize) -> &str {
        let s = &self.sentences[i];
        &self.text[s.start..s.end]
    }

    pub fn mention(&mut self, start: usize, end: usize, entity: Entity) {
        let sentence = sentence_at(&self.sentences, start);
        self.mentions.push(Mention {
            start,
            end,
            surface: self.text[start..end].to_string(),
            entity,
            sentence,
        });
    }

    /// Mentions within a byte range, in text order.
    pub fn mentions_in(&self, start: usize, end: usize) -> impl Iterator<Item = &Mention> {
        self.mentions
            .iter()
            .filter(move |m| m.start >= start && m.end <= end)
    }

    /// [`Doc::mentions_in`] for mentions sorted by (start, end) (see [`Doc::sort_mentions`]):
    /// a binary search, so a pass over all sentences stays linear.
    pub fn mentions_in_sorted(&self, start: usize, end: usize) -> impl Iterator<Item = &Mention> {
        self.mentions_starting(start, end)
            .iter()
            .filter(move |m| m.end <= end)
    }

    /// Mentions that start in `lo..=hi`, from mentions sorted by (start, end).
    pub fn mentions_starting(&self, lo: usize, hi: usize) -> &[Mention] {
        let a = self.mentions.partition_point(|m| m.start < lo);
        let b = self.mentions.partition_point(|m| m.start <= hi);
        &self.mentions[a..b.max(a)]
    }

    /// Sort mentions into text order (the order the finished extraction has anyway).
    pub fn sort_mentions(&mut self) {
        self.mentions.sort_by_key(|m| (m.start, m.end));
    }
}

/// Run the whole pipeline on one document, with the built-in knowledge.
pub fn extract(input: &Input<'_>) -> Result<Extraction, NotText> {
    extract_with(input, Knowledge::get())
}

/// Run the whole pipeline on one document with the given knowledge (a gazetteer of one's own).
pub fn extract_with(input: &Input<'_>, k: &Knowledge) -> Result<Extraction, NotText> {
    let decoded = text::decode(input.bytes)?;
    let html = input.html || text::looks_like_html(&decoded);
    let cleaned = text::clean(&decoded, html)?;
    let text = cleaned.text;
    let paragraphs = segment::paragraphs(&text);
    let sentences = segment::sentences(&text, &paragraphs);

    let (title, body_start) = title_of(&text, &paragraphs, cleaned.html_title.as_deref());
    let dateline = find_dateline(&text, &paragraphs, body_start);
    let published = input
        .date
        .or_else(|| cleaned.date_line.as_deref().and_then(parse_date));
    let reference_date = published.filter(|d| d.year.is_some()).or_else(|| {
        dateline
            .as_ref()
            .and_then(|d| d.date)
            .filter(|d| d.year.is_some())
    });

    let mut doc = Doc {
        k,
        text,
        sentences,
        body_start,
        dateline,
        publisher: input.publisher.clone(),
        reference_date,
        mentions: Vec::new(),
        mechanisms: Vec::new(),
        meetings: Vec::new(),
        people: Vec::new(),
        posts: Vec::new(),
        statements: Vec::new(),
        diagnostics: Vec::new(),
        sorted_upto: 0,
    };
    entities::recognise(&mut doc);
    meetings::recognise(&mut doc);
    people::recognise(&mut doc);
    events::attach_participants(&mut doc);
    mentioned::mentioned_events(&mut doc);
    statements::recognise(&mut doc);
    doc.mentions.sort_by_key(|m| (m.start, m.end));
    doc.mentions.dedup();
    let content_hash = content_hash(input.bytes);
    scope_undated(
        &mut doc.meetings,
        &mut doc.statements,
        &mut doc.mentions,
        &content_hash,
    );

    let published = published.or_else(|| {
        doc.dateline
            .as_ref()
            .and_then(|d| d.date)
            .filter(|d| d.year.is_some())
    });
    Ok(Extraction {
        source: input.source.clone(),
        url: input.url.clone(),
        publisher: input
            .publisher
            .clone()
            .or_else(|| doc.dateline.as_ref().and_then(|d| d.agency.clone())),
        content_hash,
        title,
        published,
        dateline: doc.dateline,
        text: doc.text,
        paragraphs,
        sentences: doc.sentences,
        mentions: doc.mentions,
        mechanisms: doc.mechanisms,
        meetings: doc.meetings,
        people: doc.people,
        posts: doc.posts,
        statements: doc.statements,
        diagnostics: doc.diagnostics,
    })
}

/// An undated meeting's key names the document too (`…/undated/<12 hex of its hash>`), and so
/// does an event known by one party only: two documents that each mention an undated "NATO
/// Summit" or "meeting with Ukraine" do not know they mean the same one, so each keeps its own
/// node, and linking across documents joins
/// those that the evidence makes one (see `store::link`). Statements follow their meeting.
fn scope_undated(
    meetings: &mut [Meeting],
    statements: &mut [Statement],
    mentions: &mut [Mention],
    hash: &str,
) {
    let doc = &hash[..hash.len().min(12)];
    // An event keyed by one party ("event/meeting/<one person>/<date>") is no better known:
    // that person may have several meetings that day.
    let one_party = |key: &str| {
        key.starts_with("event/") && key.split('/').nth(2).is_some_and(|p| !p.contains('+'))
    };
    let mut renamed: HashMap<String, String> = HashMap::new();
    for m in meetings
        .iter_mut()
        .filter(|m| m.key.ends_with("/undated") || one_party(&m.key))
    {
        let scoped = format!("{}/{doc}", m.key);
        renamed.insert(std::mem::replace(&mut m.key, scoped.clone()), scoped);
    }
    if renamed.is_empty() {
        return;
    }
    // Every reference follows: a statement's meeting, and the meeting as what a statement is
    // about, aimed at or addressed to, or as a mention; a dangling key would name a node
    // without a label.
    let follow = |e: &mut Entity| {
        if let Entity::Meeting(key) = e {
            if let Some(scoped) = renamed.get(key.as_str()) {
                *key = scoped.clone();
            }
        }
    };
    for st in statements.iter_mut() {
        if let Some(scoped) = st.meeting.as_deref().and_then(|k| renamed.get(k)) {
            st.meeting = Some(scoped.clone());
        }
        if let Speaker::Entity(e) = &mut st.speaker {
            follow(e);
        }
        st.about
            .iter_mut()
            .chain(st.parties.iter_mut())
            .chain(st.side.iter_mut())
            .chain(st.addressee.iter_mut())
            .chain(st.target.iter_mut())
            .for_each(follow);
    }
    mentions.iter_mut().for_each(|m| follow(&mut m.entity));
}

/// The title: among the header lines before the body (short lines without a final full stop,
/// no bullet, no dateline), the one that names a meeting, else the longest that is not a
/// publisher's name ("Ministry of …", "… News Agency") or a parenthesised note; the HTML
/// title (its first segment that names a meeting) when the text has no header. Returns it and
/// where the body starts (after the title line).
fn title_of(
    text: &str,
    paragraphs: &[Paragraph],
    html_title: Option<&str>,
) -> (Option<String>, usize) {
    let html_title = html_title.map(|t| {
        let segments: Vec<&str> = t.split(" | ").map(str::trim).collect();
        segments
            .iter()
            .find(|s| names_meeting(s))
            .unwrap_or(&segments[0])
            .to_string()
    });
    if paragraphs.is_empty() {
        return (html_title, 0);
    }
    let mut header: Vec<(usize, usize)> = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        let (start, end) = (offset, offset + line.len());
        offset = end + 1;
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let words = t.split_whitespace().count();
        // A dateline ("JAKARTA, 6 July 2021 –") starts the body; a spaced dash inside a name
        // ("Viet Nam – Republic of Korea") does not.
        let dateline = [" -- ", " – ", " — "]
            .iter()
            .any(|d| t.find(d).is_some_and(|i| t[..i].contains(',')));
        // A sentence ends with a full stop, also inside a closing quote or bracket ('… attack."').
        let full_stop = t
            .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')'])
            .ends_with('.');
        // A line that leads into what follows ("The below is attributable to the
        // Spokesperson:") is the body's first line, not a headline.
        let lead_in = t.ends_with(':');
        // Headlines are short, but the first line may be a long one ("… Calls with Prime
        // Minister X of Y and President Z of W"): only a full stop or the markers below make
        // it body; a later line longer than a headline is body.
        let too_long = if header.is_empty() && start == text.len() - text.trim_start().len() {
            words > 60
        } else {
            words > 25
        };
        let body_like =
            too_long || full_stop || lead_in || dateline || crate::text::bullet_marker(t).is_some();
        if body_like || header.len() >= 10 {
            break;
        }
        header.push((start, end));
    }
    let usable = |&&(s, e): &&(usize, usize)| {
        let t = text[s..e].trim();
        let lower = t.to_lowercase();
        !(t.starts_with('(')
            || t.split_whitespace().count() < 2
            || PUBLISHER_WORDS.iter().any(|p| lower.starts_with(p))
            || lower.contains("news agency")
            || lower.contains("portal"))
    };
    let pick = header
        .iter()
        .filter(usable)
        .find(|&&(s, e)| names_meeting(&text[s..e]))
        .or_else(|| {
            header
                .iter()
                .filter(usable)
                .max_by_key(|&&(s, e)| (text[s..e].split_whitespace().count(), usize::MAX - s))
        });
    match pick {
        Some(&(s, e)) => (Some(text[s..e].trim().to_string()), e),
        None => (html_title, 0),
    }
}

/// How publishers' and ministries' names begin.
const PUBLISHER_WORDS: &[&str] = &[
    "ministry of",
    "ministry for",
    "department of",
    "kementerian",
    "embassy of",
    "office of",
    "permanent mission",
    "government of",
];

/// Whether a line names a meeting (a meeting head noun, in any case).
fn names_meeting(line: &str) -> bool {
    line.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .any(|w| {
            matches!(
                w.as_str(),
                "dialogue"
                    | "meeting"
                    | "meetings"
                    | "summit"
                    | "forum"
                    | "conference"
                    | "consultations"
                    | "commission"
                    | "committee"
                    | "talks"
                    | "retreat"
                    | "briefing"
            )
        })
}

/// `JAKARTA, 6 July 2021 –` or `SEOUL, Nov. 10 (Yonhap) --` at the start of the body.
fn find_dateline(text: &str, paragraphs: &[Paragraph], body_start: usize) -> Option<Dateline> {
    let p = paragraphs.iter().find(|p| p.start >= body_start)?;
    let para = &text[p.start..p.end];
    let window_end = para.char_indices().nth(120).map_or(para.len(), |(i, _)| i);
    let window = &para[..window_end];
    let (dash_at, dash_len) = ["--", " – ", " — ", " - ", "—", "–"]
        .iter()
        .filter_map(|d| window.find(d).map(|i| (i, d.len())))
        .min_by_key(|(i, _)| *i)?;
    let head = &window[..dash_at];
    let comma = head.find(',')?;
    let place = head[..comma].trim();
    let letters: Vec<char> = place.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty()
        || letters.iter().any(|c| c.is_lowercase())
        || place.split_whitespace().count() > 4
    {
        return None;
    }
    let rest = &head[comma + 1..];
    let agency = rest.find('(').and_then(|o| {
        rest[o..]
            .find(')')
            .map(|c| rest[o + 1..o + c].trim().to_string())
    });
    let date = crate::text::dates::find_dates(rest)
        .into_iter()
        .next()
        .map(|m| m.date);
    if date.is_none() && agency.is_none() {
        return None;
    }
    let place_title = title_case(place);
    Some(Dateline {
        place: place_title,
        date,
        agency,
        start: p.start,
        end: p.start + dash_at + dash_len,
    })
}

fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words of a text with their byte spans; trailing punctuation is not part of a word.
/// How far back the recognisers that read "the words before this point" look, in bytes: far
/// more than any name or meeting title, and a bound that keeps them linear on long texts.
pub(crate) const LOOKBACK: usize = 512;

/// The last `max` bytes of `s` or fewer, from a char boundary and, when there is one, a word
/// boundary (so the first word is never a fragment). Looking back over the whole prefix of a
/// text from every candidate made extraction quadratic in the text's length.
pub(crate) fn tail(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut i = s.len() - max;
    while !s.is_char_boundary(i) {
        i += 1;
    }
    match s[i..].find(char::is_whitespace) {
        Some(p) => &s[i + p..],
        None => &s[i..],
    }
}

/// Whether `s`, without its trailing whitespace, ends with `word` (ASCII, any case) — reading
/// only the end of `s`, so asking it of a whole text's prefix stays cheap.
pub(crate) fn ends_with_ci(s: &str, word: &str) -> bool {
    let s = s.trim_end();
    s.len() >= word.len()
        && s.is_char_boundary(s.len() - word.len())
        && s[s.len() - word.len()..].eq_ignore_ascii_case(word)
}

pub(crate) fn words(text: &str, offset: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                push_word(text, s, i, offset, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        push_word(text, s, text.len(), offset, &mut out);
    }
    out
}

fn push_word(text: &str, mut s: usize, mut e: usize, offset: usize, out: &mut Vec<(usize, usize)>) {
    let w = &text[s..e];
    let lead = w.len() - w.trim_start_matches(['(', '"', '\'', '[']).len();
    s += lead;
    let w = &text[s..e];
    let trimmed = w.trim_end_matches([',', '.', ';', ':', ')', '"', '!', '?', ']']);
    // Keep the dot of abbreviations and initials ("H.E.", "U.S.").
    const DOTTED: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Amb", "Gen", "Col", "Capt", "Lt", "Jr", "Sr", "St",
    ];
    let initial = trimmed.len() == 1 && trimmed.chars().all(|c| c.is_uppercase());
    let trimmed =
        if w.ends_with('.') && (trimmed.contains('.') || initial || DOTTED.contains(&trimmed)) {
            &w[..trimmed.len() + 1]
        } else {
            trimmed
        };
    e = s + trimmed.len();
    if let Some(stripped) = text[s..e].strip_suffix("'s") {
        e = s + stripped.len();
    } else if text[s..e].ends_with("s'") {
        // plural possessive: keep ("Ministers'")
    }
    if e > s {
        out.push((s + offset, e + offset));
    }
}

pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

/// The key that makes one person of name variants ("Park Yoon-joo", "Park Yoonjoo").
pub fn person_key(name: &str) -> String {
    people::person_key(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_hold_and_odd_inputs_do_not_panic() {
        let inputs = [
            "",
            ",",
            "Minister",
            "Deputy Minister ,",
            "Datin Paduka",
            "Minister of Foreign Affairs of the Lao PDR, ",
            "Title\n\nVice Minister Ana B. and of in on at, X Y, and – — - ROK–ASEAN Summit with the",
            "Title\n\nThe 3rd – Dialogue. It would not. They may consider. Kang. Kang said.",
            "Title\n\nPhạm Quốc Thắng, Deputy Minister of Foreign Affairs of Viet Nam, held the 2nd Viet Nam – RoK Strategic Dialogue with Dato’ Ali bin Abu, Minister.",
        ];
        for text in inputs {
            let input = Input {
                bytes: text.as_bytes(),
                source: "-".into(),
                ..Default::default()
            };
            // Empty input is refused as not text; everything else must extract.
            let Ok(ex) = extract(&input) else {
                assert!(text.trim().is_empty(), "{text:?} refused");
                continue;
            };
            for m in &ex.mentions {
                assert_eq!(&ex.text[m.start..m.end], m.surface);
            }
            for st in &ex.statements {
                let s = &ex.sentences[st.sentence];
                assert_eq!((st.start, st.end), (s.start, s.end));
            }
        }
    }

    #[test]
    fn a_line_that_leads_into_the_body_is_not_the_title() {
        let text = "Minister Ola Berg's Call with Foreign Minister Tan\n\nOffice of the Spokesperson\n\nThe following is attributable to the Spokesperson of the Ministry, Kim Lee:\n\nMinister Berg spoke today with Foreign Minister Tan.";
        let ex = extract(&Input {
            bytes: text.as_bytes(),
            source: "-".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            ex.title.as_deref(),
            Some("Minister Ola Berg's Call with Foreign Minister Tan")
        );
    }

    #[test]
    fn a_long_first_line_is_still_the_title() {
        let title = "Readout of Minister Ola Berg's Calls with Prime Minister Ana Ruiz of Peru, President Tomas Varga of Hungary, Chancellor Lena Holm of Austria and King Harald Olsen of the Kingdom of Examplia";
        assert!(title.split_whitespace().count() > 25);
        let text = format!("{title}\n\nMinister Berg spoke today with the four leaders.\n\nA second paragraph that is long enough to be body text and names no one at all, running on past twenty-five words without a final stop of any kind here\n\nEnd.");
        let ex = extract(&Input {
            bytes: text.as_bytes(),
            source: "-".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(ex.title.as_deref(), Some(title));
    }

    #[test]
    fn datelines_give_place_date_and_agency() {
        let text = "Title\n\nSEOUL, Nov. 10 (Yonhap) -- South Korea met ASEAN.";
        let ps = segment::paragraphs(text);
        let d = find_dateline(text, &ps, 5).unwrap();
        assert_eq!(d.place, "Seoul");
        assert_eq!(d.agency.as_deref(), Some("Yonhap"));
        assert_eq!(d.date.unwrap().month, Some(11));
        let text = "JAKARTA, 6 July 2021 – The meeting was held.";
        let ps = segment::paragraphs(text);
        let d = find_dateline(text, &ps, 0).unwrap();
        assert_eq!(d.date.unwrap().year, Some(2021));
    }

    #[test]
    fn words_drop_trailing_punctuation_and_possessives() {
        let t = "the ROK's (SOM) leaders, H.E. Mr. Lee.";
        let ws: Vec<&str> = words(t, 0).into_iter().map(|(s, e)| &t[s..e]).collect();
        assert_eq!(ws, ["the", "ROK", "SOM", "leaders", "H.E.", "Mr.", "Lee"]);
    }
}
