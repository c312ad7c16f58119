//! Statements: who condemned, welcomed, expressed concern about, called on or agreed to what.
//!
//! A reporting verb from the stance data ("condemned", "expressed serious concern", "called
//! on", "agreed to") is a statement when a speaker stands right before it, past adverbs and
//! auxiliaries ("The Korean side, in particular, pointed out"), or when it continues the
//! previous statement of the sentence ("… and strongly condemned"). Speakers resolve through
//! reference: persons (and "He"/"She" to the last person), "the Korean side" to its state,
//! "the ASEAN participants" to the group, "Both sides"/"The participants" to the sides
//! jointly, "They" to the previous speaker. What the clause mentions up to the next statement
//! is what the statement is about; the first party after "called on"/"urged" is its addressee.
//! A negation or refusal before the verb ("did not support", "declined to endorse") sets
//! `negated`; "would", "may", "could" set modality, and "consider"/"explore" count only after
//! such a modal. "It" refers to the last state or body that spoke. Pure: no IO.

use super::{Doc, Entity, Speaker, Statement};

/// Words skipped between a speaker and a verb; they may set negation or modality.
const SKIPPED: &[&str] = &[
    "also",
    "further",
    "again",
    "once",
    "jointly",
    "then",
    "in",
    "particular",
    "therefore",
    "moreover",
    "meanwhile",
    "similarly",
    "likewise",
    "both",
    "all",
    "each",
    "collectively",
    "themselves",
    "himself",
    "herself",
    "furthermore",
    "additionally",
    "however",
    "still",
    "not",
    "never",
    "would",
    "will",
    "could",
    "may",
    "might",
    "can",
    "should",
    "did",
    "does",
    "do",
    "has",
    "have",
    "had",
    "to",
    "shall",
    "must",
    "be",
    "n't",
    "no",
    "longer",
];

/// Nouns that make the phrase before them a speaker.
const SPEAKER_NOUNS: &[&str] = &[
    "side",
    "sides",
    "participants",
    "participant",
    "delegation",
    "delegations",
    "government",
    "ministers",
    "minister",
    "leaders",
    "countries",
    "members",
    "officials",
    "co-chairs",
    "chairs",
    "parties",
    "states",
    "partners",
    "counterpart",
    "counterparts",
    "meeting",
    "dialogue",
    "summit",
    "secretariat",
    "chair",
    "representatives",
    "authorities",
];

const ADDRESSEE_VERBS: &[&str] = &[
    "called on",
    "called upon",
    "urged",
    "asked",
    "requested",
    "invited",
    "urges",
    "calls on",
    "calls upon",
    "call on",
    "call upon",
    "urge",
    "encouraged",
    "encourages",
    "appealed to",
    "asked for the support of",
    "asked for support from",
    "sought the support of",
    "urging",
    "calling on",
    "calling upon",
    "asking",
    "encouraging",
    "inviting",
    "appealing to",
];

/// Verbs that make a statement only with a modal before them.
const MODAL_ONLY_VERBS: &[&str] = &["consider", "explore"];

const HEDGES: &[&str] = &[
    "may", "might", "could", "possibly", "perhaps", "consider", "explore",
];

pub(crate) fn recognise(doc: &mut Doc<'_>) {
    // Text order lets every lookup below be a range of mentions, not a scan of all of them.
    doc.sort_mentions();
    let k = doc.k;
    let main_meeting = doc.meetings.iter().find(|m| m.main).map(|m| m.key.clone());
    let mut last_person: Option<String> = None;
    let mut last_speaker: Option<(Speaker, Vec<Entity>)> = None;
    let mut last_plural = false;
    let mut out: Vec<Statement> = Vec::new();
    for si in 0..doc.sentences.len() {
        let s = doc.sentences[si].clone();
        if s.end <= doc.body_start {
            continue;
        }
        let sentence = doc.text[s.start..s.end].to_string();
        let verbs = k.find_verbs(&sentence);
        let mut in_sentence: Vec<usize> = Vec::new();
        // Statements inside a quotation, with where the quotation closes.
        let mut quoted: Vec<(usize, usize)> = Vec::new();
        let mut sentence_speaker: Option<Found> = None;
        // Where the current clause may begin: after the previous reporting verb.
        let mut clause_floor = 0;
        for (hit, stance_idx) in verbs {
            let (vs, ve) = (s.start + hit.start, s.start + hit.end);
            let before = &doc.text[s.start..vs];
            // A communiqué's numbered operative clause has no subject: "3. Reiterates its
            // condemnation …" is the body's, all members together.
            let operative = operative_clause(before, &doc.text[vs..ve]);
            let Some(lead) = read_lead(before).or_else(|| operative.then(Lead::default)) else {
                continue;
            };
            let speaker_end = s.start + lead.speaker_end;
            // Inside a direct quotation only first-person words are the quoted speaker's own
            // stance ("We welcome …," the minister said); they take the attribution's speaker
            // once it is known. Other verbs there are the quote's content, not a statement.
            // (A subject before the opening mark is outside the quotation: 'Thailand "welcomed" it'.)
            let quote =
                quotation_around(&sentence, hit.start).filter(|&(qs, _)| lead.speaker_end > qs);
            let quote_end = quote.map(|(_, qe)| s.start + qe);
            if let Some((qs, _)) = quote {
                let lead_in = &sentence[qs..lead.speaker_end];
                let subject = last_word(lead_in);
                // The subject opens the quotation or a clause in it: not "the lanes that we share".
                let lead_in = lead_in.trim_end();
                let before_subject =
                    lead_in[..lead_in.rfind(char::is_whitespace).unwrap_or(0)].trim_end();
                let opens_clause = before_subject.is_empty()
                    || before_subject.ends_with([',', ';', ':', '\u{201c}', '"'])
                    || matches!(last_word(before_subject).as_str(), "and" | "but" | "so");
                if !(matches!(subject.as_str(), "we" | "i") && opens_clause && !lead.coordinated) {
                    continue;
                }
            }
            let verb_text = doc.text[vs..ve].to_lowercase();
            let gerund = verb_text
                .split_whitespace()
                .next()
                .is_some_and(|w| w.ends_with("ing"));
            let floor = s.start + clause_floor;
            clause_floor = hit.end;
            let context = Context {
                last_person: &last_person,
                last_speaker: &last_speaker,
                last_plural,
            };
            let found = if quote_end.is_some() {
                // A placeholder until the attribution is read.
                Some(Found::single(Speaker::Joint))
            } else if gerund {
                // A participle continues the clause before it (", condemning …").
                continues_clause(before)
                    .then(|| sentence_speaker.clone())
                    .flatten()
            } else if lead.coordinated {
                sentence_speaker.clone()
            } else if operative {
                Some(Found::plural(Speaker::Joint, Vec::new()))
            } else if let Some(found) = purpose_speaker(doc, s.start, vs, s.end, &context) {
                Some(found)
            } else {
                subject(doc, floor.max(s.start), s.start, speaker_end, &context)
            };
            let Some(found) = found else {
                continue;
            };
            // "met with", "talked": the meeting itself, not a statement about anything; it
            // still gives the clause its subject ("… met X and discussed …").
            if REPORT_ONLY_VERBS.contains(&verb_text.as_str()) {
                if quote_end.is_none() {
                    let after = &doc.text[ve..s.end];
                    sentence_speaker = Some(met_subject(found, after));
                }
                continue;
            }
            let Found {
                speaker,
                parties,
                plural,
            } = found;
            let stance_idx = attitude(k, stance_idx, &verb_text, &doc.text[ve..s.end]);
            let stance = &k.stances[stance_idx];
            // "consider"/"explore" state an intent only after a modal ("may consider").
            if MODAL_ONLY_VERBS.contains(&verb_text.as_str()) && !lead.hedged && !lead.would {
                continue;
            }
            let mut negated = lead.negated;
            for cue in [
                "did not ",
                "do not ",
                "does not ",
                "declined ",
                "refused ",
                "would not ",
                "has not ",
                "have not ",
            ] {
                if verb_text.starts_with(cue) {
                    negated = true;
                }
            }
            let after = &doc.text[ve..s.end];
            let hedged_after = after
                .split_whitespace()
                .take(3)
                .any(|w| HEDGES.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())));
            let modality = if lead.hedged || hedged_after {
                "hedged".to_string()
            } else if lead.would {
                "would".to_string()
            } else {
                stance.modality.clone()
            };
            if let Some(prev) = in_sentence.last() {
                // The previous statement's clause ends where this verb's lead begins.
                out[*prev].end = out[*prev].end.min(s.end);
            }
            let side = side_of(doc, &speaker);
            if quote_end.is_none() {
                if let Speaker::Entity(Entity::Person(p)) = &speaker {
                    last_person = Some(p.clone());
                }
                sentence_speaker = Some(Found {
                    speaker: speaker.clone(),
                    parties: parties.clone(),
                    plural,
                });
                last_speaker = Some((speaker.clone(), parties.clone()));
                last_plural = plural;
            }
            if let Some(qe) = quote_end {
                quoted.push((out.len(), qe));
            }
            in_sentence.push(out.len());
            out.push(Statement {
                speaker,
                side,
                stance: stance.slug.clone(),
                cameo: stance.notation.clone(),
                verb: doc.text[vs..ve].to_string(),
                parties,
                about: Vec::new(),
                addressee: None,
                target: None,
                meeting: main_meeting.clone(),
                negated,
                modality,
                sentence: si,
                start: vs,
                end: s.end,
            });
        }
        // Clause bounds: from a verb to the next statement's verb.
        for w in in_sentence.windows(2) {
            let next_start = out[w[1]].start;
            out[w[0]].end = next_start;
        }
        // A quoted statement is the attribution's: the first statement after the quotation
        // closes ("…," Kang told …), else the last one before it opens (Kang said: "…").
        for &(i, qe) in &quoted {
            out[i].end = out[i].end.min(qe);
            let outside = |j: &&usize| !quoted.iter().any(|(q, _)| q == *j);
            let attribution = in_sentence
                .iter()
                .filter(outside)
                .find(|&&j| out[j].start >= qe)
                .or_else(|| {
                    in_sentence
                        .iter()
                        .filter(outside)
                        .rfind(|&&j| out[j].start < out[i].start)
                })
                .map(|&j| {
                    (
                        out[j].speaker.clone(),
                        out[j].side.clone(),
                        out[j].parties.clone(),
                    )
                });
            match attribution {
                Some((speaker, side, parties)) => {
                    out[i].speaker = speaker;
                    out[i].side = side;
                    out[i].parties = parties;
                }
                None => out[i].sentence = usize::MAX, // nobody said it: dropped below
            }
        }
        if quoted.iter().any(|&(i, _)| out[i].sentence == usize::MAX) {
            let mut k = 0;
            let mut kept = Vec::new();
            out.retain(|st| {
                let keep = st.sentence != usize::MAX;
                if keep && st.sentence == si {
                    kept.push(k);
                }
                k += usize::from(keep);
                keep
            });
            in_sentence = kept;
        }
        for &i in &in_sentence {
            fill_targets(doc, &mut out[i]);
        }
        // Person mentions update the pronoun antecedent even without a statement.
        if let Some(p) = doc
            .mentions_starting(s.start, s.end)
            .iter()
            .rev()
            .filter(|m| m.sentence == Some(si))
            .find_map(|m| match &m.entity {
                Entity::Person(p) => Some(p.clone()),
                _ => None,
            })
        {
            if in_sentence.is_empty() {
                last_person = Some(p);
            }
        }
    }
    // Statements point at the sentence for evidence; `start`/`end` become the sentence span.
    for st in &mut out {
        let s = &doc.sentences[st.sentence];
        st.start = s.start;
        st.end = s.end;
    }
    doc.statements = out;
}

#[derive(Default)]
struct Lead {
    /// Byte offset (in the sentence) where the speaker phrase ends.
    speaker_end: usize,
    coordinated: bool,
    negated: bool,
    would: bool,
    hedged: bool,
}

/// A clause that opens with a capitalised present-tense verb and nothing but numbering before
/// it ("4. Takes note of …", "Recalls …"), as a communiqué's operative paragraphs do.
fn operative_clause(before: &str, verb: &str) -> bool {
    let numbering = before
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace());
    let first = verb.split_whitespace().next().unwrap_or("");
    numbering
        && first.starts_with(|c: char| c.is_uppercase())
        && first.len() > 3
        && first.ends_with('s')
        && !first.ends_with("ss")
}

/// The last word of a phrase, lowercased, without punctuation around it.
fn last_word(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// If `at` lies inside a direct quotation in `sentence`: where its text starts (after the
/// opening mark) and where it closes (the closing mark, or the sentence's end when it does not
/// close). Straight quotes pair up in order; curly ones open and close.
fn quotation_around(sentence: &str, at: usize) -> Option<(usize, usize)> {
    let mut open: Option<usize> = None;
    for (i, c) in sentence.char_indices() {
        if i >= at {
            break;
        }
        match c {
            '"' if open.is_some() => open = None,
            '"' | '\u{201c}' => open = Some(i + c.len_utf8()),
            '\u{201d}' => open = None,
            _ => {}
        }
    }
    let start = open?;
    let end = sentence[at..]
        .find(['"', '\u{201d}'])
        .map_or(sentence.len(), |i| at + i);
    Some((start, end))
}

/// Walk back from a verb over adverbs and auxiliaries; say where the speaker should end.
fn read_lead(before: &str) -> Option<Lead> {
    let mut end = before.len();
    let mut lead = Lead {
        speaker_end: 0,
        coordinated: false,
        negated: false,
        would: false,
        hedged: false,
    };
    loop {
        let trimmed = before[..end].trim_end_matches([' ', ',', '\n']);
        if trimmed.is_empty() {
            return None;
        }
        let word_start = trimmed
            .rfind(|c: char| c.is_whitespace() || c == ',')
            .map_or(0, |i| i + 1);
        let word = &trimmed[word_start..];
        let lower = word.to_lowercase();
        let lower = lower.trim_end_matches("n't");
        if word.ends_with("n't") {
            lead.negated = true;
        }
        match lower {
            "and" | "but" | "while" => {
                lead.coordinated = true;
                lead.speaker_end = word_start;
                return Some(lead);
            }
            "not" | "never" | "no" | "declined" | "refused" | "failed" => lead.negated = true,
            "would" | "will" | "shall" => lead.would = true,
            "may" | "might" | "could" => lead.hedged = true,
            _ => {}
        }
        let adverb = lower.len() > 4 && lower.ends_with("ly") && !lower.ends_with("ply");
        let refusal = matches!(lower, "declined" | "refused" | "failed");
        if SKIPPED.contains(&lower) || adverb || refusal || lower == "does" || lower == "did" {
            end = word_start;
            continue;
        }
        if lower == "that" || lower == "which" || lower == "who" {
            return None;
        }
        lead.speaker_end = trimmed.len();
        return Some(lead);
    }
}

/// Who a statement is by, with the parties a collective speaker stands for.
#[derive(Debug, Clone)]
struct Found {
    speaker: Speaker,
    parties: Vec<Entity>,
    /// Several parties: a following "They" keeps this speaker.
    plural: bool,
}

impl Found {
    fn single(speaker: Speaker) -> Found {
        Found {
            speaker,
            parties: Vec::new(),
            plural: false,
        }
    }

    fn plural(speaker: Speaker, parties: Vec<Entity>) -> Found {
        Found {
            speaker,
            parties,
            plural: true,
        }
    }
}

/// What earlier sentences say about who is speaking.
struct Context<'a> {
    last_person: &'a Option<String>,
    last_speaker: &'a Option<(Speaker, Vec<Entity>)>,
    last_plural: bool,
}

/// Verbs that only report that a meeting took place ("met with", "talked").
const REPORT_ONLY_VERBS: &[&str] = &["met", "meets", "meet", "talked"];

/// Verbs that report a meeting or call; "to discuss" after one of them states its purpose.
const MEETING_VERBS: &[&str] = &[
    "met",
    "meet",
    "meets",
    "spoke",
    "speak",
    "speaks",
    "convened",
    "convene",
    "convenes",
    "gathered",
    "gather",
    "talked",
    "called",
    "visited",
    "visit",
    "visits",
    "traveled",
    "travelled",
    "travel",
    "hosted",
    "host",
    "hosts",
    "held",
    "hold",
    "holds",
    "joined",
    "join",
];

/// Plural nouns that name the parties of a meeting together ("The officials", "the three
/// countries", "Leaders") unless a party named inside narrows them to one side.
const PLURAL_PARTIES: &[&str] = &[
    "sides",
    "participants",
    "delegations",
    "ministers",
    "leaders",
    "countries",
    "nations",
    "democracies",
    "governments",
    "officials",
    "advisors",
    "advisers",
    "partners",
    "allies",
    "counterparts",
    "members",
    "heads",
    "envoys",
    "representatives",
    "co-chairs",
    "chairs",
    "parties",
    "principals",
    "presidents",
    "secretaries",
    "ambassadors",
    "negotiators",
];

/// Nouns for the meeting itself as a subject ("The Dialogue addressed …", "The discussion
/// emphasized …", "The Council condemned …").
const EVENT_NOUNS: &[&str] = &[
    "meeting",
    "dialogue",
    "summit",
    "discussion",
    "discussions",
    "talks",
    "call",
    "consultations",
    "conference",
    "council",
    "session",
    "ministerial",
    "forum",
];

/// The attitude an object names, for verbs that convey only that ("reaffirmed … commitment").
const ATTITUDES: &[(&str, &str)] = &[
    ("commitment", "030"),
    ("commitments", "030"),
    ("dedication", "030"),
    ("readiness", "030"),
    ("willingness", "030"),
    ("determination", "030"),
    ("resolve", "030"),
    ("intention", "030"),
    ("intent", "030"),
    ("desire", "030"),
    ("pledge", "030"),
    ("support", "051"),
    ("gratitude", "051"),
    ("appreciation", "051"),
    ("thanks", "051"),
    ("praise", "051"),
    ("congratulations", "051"),
    ("concern", "012"),
    ("concerns", "012"),
    ("worry", "012"),
    ("worries", "012"),
    ("alarm", "012"),
    ("hope", "013"),
    ("hopes", "013"),
    ("optimism", "013"),
    ("opposition", "110"),
    ("objection", "110"),
    ("objections", "110"),
    ("regret", "110"),
    ("disappointment", "110"),
    ("condemnation", "111"),
    ("condolences", "018"),
    ("sympathy", "018"),
    ("sympathies", "018"),
    ("solidarity", "018"),
];

/// Verbs (stems) that convey only the attitude their object names; "said", "noted" or
/// "introduced" report content and keep their own stance.
const ATTITUDE_VERBS: &[&str] = &[
    "reaffirm",
    "reiterat",
    "underscor",
    "underlin",
    "stress",
    "emphasi",
    "highlight",
    "express",
    "convey",
    "voic",
    "renew",
    "demonstrat",
    "restat",
];

/// Words that end the object phrase an attitude is read from.
const OBJECT_ENDS: &[&str] = &[
    "to",
    "for",
    "of",
    "in",
    "on",
    "with",
    "that",
    "about",
    "regarding",
    "and",
    "as",
    "by",
    "at",
    "toward",
    "towards",
    "between",
];

/// A plain reporting verb ("reaffirmed", "reiterated", "expressed") takes the stance of the
/// attitude its object names: "reiterated the U.S. commitment to …" is 030, "reiterated our
/// concerns" 012, "expressed support for …" 051. Other verbs keep their own stance.
fn attitude(k: &crate::knowledge::Knowledge, stance_idx: usize, verb: &str, after: &str) -> usize {
    let verb = verb.to_lowercase();
    if k.stances[stance_idx].notation.as_deref() != Some("010")
        || !ATTITUDE_VERBS.iter().any(|v| verb.starts_with(v))
    {
        return stance_idx;
    }
    for w in after.split_whitespace().take(8) {
        let word = w.trim_matches(|c: char| !c.is_alphanumeric());
        // A capitalised word belongs to a name ("the Solidarity Initiative").
        if word.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        if let Some((_, code)) = ATTITUDES.iter().find(|(a, _)| *a == word) {
            if let Some(i) = k
                .stances
                .iter()
                .position(|s| s.notation.as_deref() == Some(code))
            {
                return i;
            }
        }
        if OBJECT_ENDS.contains(&word) || w.ends_with([',', ';', '.', ':']) {
            break;
        }
    }
    stance_idx
}

/// The words of `text` with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// The last word of `text` past adverbs ("also", "further", "-ly"): its start and lowercase form.
fn last_plain_word(text: &str) -> Option<(usize, String)> {
    let mut end = text.len();
    loop {
        let t = text[..end].trim_end();
        let start = t.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let w = t[start..].to_lowercase();
        if w.is_empty() {
            return None;
        }
        let adverb = (w.len() > 4 && w.ends_with("ly") && !w.ends_with("ply"))
            || matches!(
                w.as_str(),
                "also" | "further" | "again" | "jointly" | "together"
            );
        if !adverb {
            return Some((start, w));
        }
        end = start;
    }
}

/// Whether a participle continues the clause before it: ", condemning …", "while expressing …".
fn continues_clause(before: &str) -> bool {
    if before.trim_end().ends_with(',') {
        return true;
    }
    let Some((_, w)) = last_plain_word(before) else {
        return false;
    };
    matches!(w.as_str(), "while" | "and" | "thereby" | "by") || w.ends_with(',')
}

/// A purpose clause after a meeting verb: "… met today in Seoul to discuss …", "… spoke with
/// X to reaffirm …". The speaker is whoever met: all of them, unless the purpose is one
/// party's own ("… spoke with X to express his desire …").
fn purpose_speaker(
    doc: &Doc<'_>,
    s_start: usize,
    vs: usize,
    s_end: usize,
    ctx: &Context<'_>,
) -> Option<Found> {
    let before = &doc.text[s_start..vs];
    let (to_at, w) = last_plain_word(before)?;
    if w != "to" {
        return None;
    }
    let head = &before[..to_at];
    let (ms, mw) = words(head)
        .filter(|(_, w)| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            MEETING_VERBS.contains(&w.as_str())
        })
        .last()?;
    let between = &head[ms + mw.len()..];
    if between.contains([';', ':']) || between.split_whitespace().count() > 20 {
        return None;
    }
    let lead = read_lead(&head[..ms])?;
    if lead.coordinated {
        return None;
    }
    let found = subject(doc, s_start, s_start, s_start + lead.speaker_end, ctx)?;
    // Travelling, visiting or hosting "to discuss" is the traveller's purpose unless others
    // are named with them; meeting, speaking or convening is everyone's.
    let verb = mw.to_lowercase();
    let reciprocal = !matches!(
        verb.trim_matches(|c: char| !c.is_alphanumeric()),
        "visited"
            | "visit"
            | "visits"
            | "traveled"
            | "travelled"
            | "travel"
            | "travels"
            | "hosted"
            | "host"
            | "hosts"
            | "joined"
            | "join"
    ) || between.contains(" with ");
    if !reciprocal {
        return Some(found);
    }
    Some(met_subject(found, &doc.text[s_start + ms..s_end]))
}

/// Who acts in what follows a meeting verb: the parties together, unless the subject is
/// already collective or the clause speaks of one party's own ("his", "her").
fn met_subject(found: Found, after: &str) -> Found {
    if found.plural || found.speaker == Speaker::Joint {
        return found;
    }
    let lower = after.to_lowercase();
    if [" his ", " her "].iter().any(|w| lower.contains(w)) {
        return found;
    }
    let parties = match &found.speaker {
        Speaker::Entity(e) => vec![e.clone()],
        Speaker::Joint => Vec::new(),
    };
    Found::plural(Speaker::Joint, parties)
}

/// The speaker of a clause whose subject ends at `end`: a list of parties, or one.
fn subject(
    doc: &Doc<'_>,
    floor: usize,
    s_start: usize,
    end: usize,
    ctx: &Context<'_>,
) -> Option<Found> {
    coordinated_subject(doc, floor, end).or_else(|| find_speaker(doc, s_start, end, ctx))
}

/// One member of a subject list.
enum Conjunct {
    Party(Entity),
    /// "his team", "her delegation": the previous party's own people.
    Own,
    /// A title or plural without a resolved party ("the Vice Ministers").
    Unknown,
}

/// A subject made of several parties: "Secretary X and Foreign Minister Y", "Canada, Mexico,
/// and the United States", "The Secretary and the ASEAN foreign ministers". Parties of one
/// side give that side ("Both Secretary X and Secretary Z" → their state; "Secretary X and his
/// team" → X); parties of several sides speak jointly, and are listed.
fn coordinated_subject(doc: &Doc<'_>, floor: usize, end: usize) -> Option<Found> {
    let phrase = doc.text.get(floor..end)?;
    let lower = phrase.to_lowercase();
    let mut start = phrase.rfind([';', ':']).map_or(0, |i| i + 1);
    for sep in [
        " that ",
        " which ",
        " while ",
        " but ",
        " when ",
        " where ",
        " who ",
        " whereas ",
        " after ",
        " before ",
    ] {
        if let Some(i) = lower.rfind(sep) {
            start = start.max(i + sep.len());
        }
    }
    let seg = &phrase[start..];
    let base = floor + start;
    let inside_mention = |at: usize| {
        doc.mentions_starting(at.saturating_sub(80), at)
            .iter()
            .any(|m| {
                m.start < at
                    && m.end > at
                    && matches!(
                        m.entity,
                        Entity::Person(_) | Entity::State(_) | Entity::Mechanism(_)
                    )
            })
    };
    // List separators outside names: commas and "and".
    let mut seps: Vec<(usize, usize)> = Vec::new();
    for (i, c) in seg.char_indices() {
        if c == ',' && !inside_mention(base + i) {
            seps.push((i, i + 1));
        }
    }
    for (i, _) in seg.match_indices(" and ") {
        if !inside_mention(base + i + 1) {
            seps.push((i, i + 5));
        }
    }
    seps.sort_unstable();
    if !seps.iter().any(|&(a, b)| b - a == 5) {
        return None;
    }
    // Items from the end back; the list starts where an item stops looking like a party.
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut item_end = seg.len();
    for &(a, b) in seps.iter().rev() {
        items.push((b, item_end));
        item_end = a;
    }
    items.push((0, item_end));
    let mut conjuncts = Vec::new();
    for &(a, b) in &items {
        let text = &seg[a..b];
        let trimmed = text.trim().trim_start_matches("and ").trim();
        if trimmed.is_empty() {
            continue; // ", and"
        }
        match conjunct(doc, base + a, base + b, trimmed) {
            Some(c) => conjuncts.push(c),
            None => {
                // The first item may carry a lead-in ("In the call, …"): the list ends here.
                break;
            }
        }
    }
    if conjuncts.len() < 2 {
        return None;
    }
    conjuncts.reverse();
    let mut parties: Vec<Entity> = Vec::new();
    let mut sides: Vec<Option<Entity>> = Vec::new();
    for c in &conjuncts {
        match c {
            Conjunct::Party(e) => {
                if !parties.contains(e) {
                    parties.push(e.clone());
                }
                sides.push(side_of(doc, &Speaker::Entity(e.clone())));
            }
            Conjunct::Own => {}
            Conjunct::Unknown => sides.push(None),
        }
    }
    let one_side = sides.first().cloned().flatten();
    if let Some(side) = one_side.filter(|s| sides.iter().all(|x| x.as_ref() == Some(s))) {
        let speaker = if parties.len() == 1 {
            parties[0].clone()
        } else {
            side
        };
        return Some(Found::plural(Speaker::Entity(speaker), parties));
    }
    Some(Found::plural(Speaker::Joint, parties))
}

/// What one item of a subject list stands for; `None` when it is not a party at all.
fn conjunct(doc: &Doc<'_>, start: usize, end: usize, text: &str) -> Option<Conjunct> {
    let party = doc
        .mentions_starting(start, end)
        .iter()
        .filter(|m| m.end <= end)
        .filter(|m| {
            matches!(
                m.entity,
                Entity::Person(_) | Entity::State(_) | Entity::Mechanism(_)
            )
        })
        .max_by_key(|m| m.end - m.start);
    if let Some(m) = party {
        return Some(Conjunct::Party(m.entity.clone()));
    }
    // The writer among the parties: "Secretary Hammond and I".
    if text == "I" || text.eq_ignore_ascii_case("we") {
        return Some(Conjunct::Unknown);
    }
    let mut ws = text.split_whitespace();
    let first = ws.next()?.to_lowercase();
    if matches!(first.as_str(), "his" | "her" | "its") {
        return Some(Conjunct::Own);
    }
    let last = text.split_whitespace().next_back()?;
    let last_lower = last.to_lowercase();
    let title_word = doc.k.titles.iter().any(|t| {
        t.split_whitespace()
            .next_back()
            .is_some_and(|w| w == last || format!("{w}s") == last)
    });
    (title_word || PLURAL_PARTIES.contains(&last_lower.as_str())).then_some(Conjunct::Unknown)
}

/// Who stands right before `end` in the sentence starting at `s_start`.
fn find_speaker(doc: &Doc<'_>, s_start: usize, end: usize, ctx: &Context<'_>) -> Option<Found> {
    let phrase = &doc.text[s_start..end];
    let last_word_start = phrase
        .rfind(|c: char| c.is_whitespace())
        .map_or(0, |i| i + 1);
    let last_word = phrase[last_word_start..].to_lowercase();
    let last_word = last_word.trim_end_matches("'s");
    let phrase_start = phrase_start(phrase);
    let words_before = phrase[phrase_start..].trim().to_lowercase();
    let main_series = doc.meetings.iter().find(|m| m.main).map(|m| &m.series);
    // A mention that ends the phrase: person, state, mechanism.
    let ending = doc
        .mentions_starting(s_start, end)
        .iter()
        .filter(|m| m.end <= end && m.end + 1 >= end && m.start >= s_start)
        .max_by_key(|m| m.end - m.start);
    if let Some(m) = ending {
        // A body that is the meeting itself ("The Ministerial Council welcomed …" at its
        // own session) speaks for all its members.
        let whole = main_series.is_some_and(|s| s.parties == [m.entity.clone()]);
        if whole && matches!(m.entity, Entity::Mechanism(_)) {
            return Some(Found::plural(Speaker::Joint, Vec::new()));
        }
        match &m.entity {
            Entity::Person(_) | Entity::State(_) | Entity::Mechanism(_) => {
                return Some(Found::single(Speaker::Entity(m.entity.clone())));
            }
            Entity::Meeting(_) => return Some(Found::plural(Speaker::Joint, Vec::new())),
            _ => {}
        }
    }
    match last_word {
        "he" | "she" => {
            return ctx
                .last_person
                .clone()
                .map(|p| Found::single(Speaker::Entity(Entity::Person(p))));
        }
        // "They" after a collective subject keeps it; after one person it is everyone who met.
        "they" => {
            let keep = ctx.last_speaker.clone().filter(|(s, _)| {
                ctx.last_plural
                    || matches!(
                        s,
                        Speaker::Joint | Speaker::Entity(Entity::State(_) | Entity::Mechanism(_))
                    )
            });
            return Some(match keep {
                Some((speaker, parties)) => Found::plural(speaker, parties),
                None => Found::plural(Speaker::Joint, Vec::new()),
            });
        }
        // "Indonesia reiterated that it would not recognise …": the last state or body.
        "it" => {
            return ctx
                .last_speaker
                .clone()
                .filter(|(s, _)| {
                    matches!(s, Speaker::Entity(Entity::State(_) | Entity::Mechanism(_)))
                })
                .map(|(s, _)| Found::single(s))
        }
        "we" => return Some(Found::plural(Speaker::Joint, Vec::new())),
        _ => {}
    }
    let noun = last_word.trim_end_matches(['\'', ',']);
    let plural_parties = PLURAL_PARTIES.contains(&noun);
    let event = EVENT_NOUNS.contains(&noun);
    if SPEAKER_NOUNS.contains(&noun) || plural_parties || event {
        // The party named inside the phrase ("The Korean side", "the ASEAN participants").
        let inside = doc
            .mentions_starting(s_start + phrase_start, end)
            .iter()
            .filter(|m| m.start >= s_start + phrase_start && m.end <= end)
            .rfind(|m| matches!(m.entity, Entity::State(_) | Entity::Mechanism(_)));
        if let Some(m) = inside {
            // A grouping that is the whole meeting ("the Quad leaders" at a Quad call) is
            // everyone; a party of a wider meeting ("the ASEAN participants") is its side.
            let whole = main_series.is_some_and(|s| s.parties == [m.entity.clone()]);
            if !(whole && (plural_parties || event)) {
                return Some(Found::single(Speaker::Entity(m.entity.clone())));
            }
        }
        // "both sides", "the two sides", "the officials", "Leaders", "the three countries",
        // "The Meeting", "the Dialogue"; not "a minister" or "his delegation".
        let determiner = words_before.split_whitespace().next().unwrap_or("");
        let owned = matches!(
            determiner,
            "his" | "her" | "its" | "a" | "an" | "one" | "each"
        );
        if (plural_parties
            || event
            || words_before.contains("both")
            || words_before.contains("two"))
            && !owned
        {
            return Some(Found::plural(Speaker::Joint, Vec::new()));
        }
    }
    None
}

/// Where the noun phrase ending the text starts: after the last clause break.
fn phrase_start(phrase: &str) -> usize {
    let cut = phrase.rfind([',', ';', ':', '(', ')']).map_or(0, |i| i + 1);
    let lower = phrase.to_lowercase();
    let mut best = cut;
    for sep in [" that ", " and ", " while ", " but ", " which "] {
        if let Some(i) = lower.rfind(sep) {
            best = best.max(i + sep.len());
        }
    }
    best
}

fn side_of(doc: &Doc<'_>, speaker: &Speaker) -> Option<Entity> {
    match speaker {
        Speaker::Entity(Entity::Person(p)) => doc
            .people
            .iter()
            .find(|x| &x.key == p)
            .and_then(|x| x.state.clone())
            .map(Entity::State),
        Speaker::Entity(e @ (Entity::State(_) | Entity::Mechanism(_))) => Some(e.clone()),
        _ => None,
    }
}

/// About-targets and addressee from the clause.
fn fill_targets(doc: &Doc<'_>, st: &mut Statement) {
    let speaker_entity = match &st.speaker {
        Speaker::Entity(e) => Some(e.clone()),
        Speaker::Joint => None,
    };
    let verb_end = st.start + st.verb.len();
    let lower_verb = st.verb.to_lowercase();
    if ADDRESSEE_VERBS.iter().any(|v| lower_verb.starts_with(v)) {
        st.addressee = doc
            .mentions_starting(verb_end, verb_end + 24)
            .iter()
            .filter(|m| m.start >= verb_end && m.start <= verb_end + 24)
            .find(|m| matches!(m.entity, Entity::State(_) | Entity::Mechanism(_)))
            .map(|m| m.entity.clone());
    }
    st.target = target(doc, st, verb_end);
    let mut about: Vec<Entity> = Vec::new();
    for m in doc.mentions_in_sorted(verb_end, st.end) {
        if Some(&m.entity) == speaker_entity.as_ref()
            || Some(&m.entity) == st.addressee.as_ref()
            || Some(&m.entity) == st.target.as_ref()
        {
            continue;
        }
        if matches!(m.entity, Entity::Post(_)) {
            continue;
        }
        if !about.contains(&m.entity) {
            about.push(m.entity.clone());
        }
    }
    st.about = about;
}

/// Whom a condemnation, criticism, demand or appeal is aimed at: the addressee of an appeal
/// ("urged the DPRK to …"), the agent of what is condemned ("the attack against Ukraine by
/// Russia's forces", "condemned the DPRK's launches"), or the party condemned outright
/// ("criticised Russia for …"). What the clause is about otherwise stays its topic.
fn target(doc: &Doc<'_>, st: &Statement, verb_end: usize) -> Option<Entity> {
    let code = st.cameo.as_deref().unwrap_or("");
    if !matches!(code.get(..2), Some("02" | "10" | "11" | "12")) {
        return None;
    }
    if st.addressee.is_some() {
        return st.addressee.clone();
    }
    if !matches!(code.get(..2), Some("10" | "11" | "12")) {
        return None;
    }
    let party = |m: &&super::Mention| matches!(m.entity, Entity::State(_) | Entity::Mechanism(_));
    let clause: Vec<&super::Mention> = doc
        .mentions_in_sorted(verb_end, st.end)
        .filter(party)
        .collect();
    let text = &doc.text;
    // The agent: "by Russia", "by the DPRK", "by Russia's forces".
    let agent = clause.iter().find(|m| {
        let before = super::tail(&text[..m.start], 32);
        super::ends_with_ci(before, " by") || super::ends_with_ci(before, " by the")
    });
    // A possessive or a direct object right after the verb: "condemned the DPRK's launches",
    // "criticised Russia for …".
    let near = || {
        clause.iter().find(|m| {
            let gap = text[verb_end..m.start].trim().to_lowercase();
            gap.is_empty() || gap == "the"
        })
    };
    agent.or_else(near).map(|m| m.entity.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leads_skip_adverbs_and_note_negation_and_modality() {
        let l = read_lead("The Korean side, in particular, ").unwrap();
        assert_eq!(l.speaker_end, "The Korean side".len());
        let l = read_lead("The ROK did not ").unwrap();
        assert!(l.negated);
        let l = read_lead("… resolutions and strongly ").unwrap();
        assert!(l.coordinated);
        let l = read_lead("Both sides may ").unwrap();
        assert!(l.hedged);
        assert!(read_lead("a violation that ").is_none());
        let l = read_lead("The Thai side, however, declined to ").unwrap();
        assert!(l.negated);
        assert_eq!(l.speaker_end, "The Thai side".len());
    }

    fn statements_of(text: &str) -> Vec<Statement> {
        let input = crate::extract::Input {
            bytes: text.as_bytes(),
            source: "-".into(),
            ..Default::default()
        };
        crate::extract::extract(&input).unwrap().statements
    }

    #[test]
    fn quotations_belong_to_their_attribution() {
        // A verb inside a quote with a third-person or relative subject is content, not a stance.
        let st = statements_of("Ministers meet in Bangkok\n\n\"Those launches threaten the shipping lanes that we all share,\" Thailand told its partners.");
        assert_eq!(st.len(), 1, "{st:?}");
        assert_eq!(st[0].speaker, Speaker::Entity(Entity::State("THA".into())));
        // First-person stances inside a quote are the attributed speaker's, after or before it.
        let st = statements_of(
            "Ministers meet in Bangkok\n\n\u{201c}We welcome the new fund,\u{201d} Thailand said. Malaysia said: \"We condemn the attack.\"",
        );
        let welcome = st
            .iter()
            .find(|s| s.cameo.as_deref() == Some("051"))
            .unwrap();
        assert_eq!(
            welcome.speaker,
            Speaker::Entity(Entity::State("THA".into()))
        );
        let condemn = st
            .iter()
            .find(|s| s.cameo.as_deref() == Some("111"))
            .unwrap();
        assert_eq!(
            condemn.speaker,
            Speaker::Entity(Entity::State("MYS".into()))
        );
        assert!(!st.iter().any(|s| s.speaker == Speaker::Joint), "{st:?}");
        // Scare quotes around the verb alone put its lead before the quotation: no panic, and
        // no statement credited to anyone inside it.
        let st = statements_of("Ministers meet in Bangkok\n\nThailand \"welcomed\" the plan.");
        assert!(!st.iter().any(|s| s.speaker == Speaker::Joint), "{st:?}");
        // A quoted verb that turns out not to be a statement leaves nothing behind.
        let st = statements_of(
            "Ministers meet in Bangkok\n\n\"We consider the matter closed,\" Thailand said.",
        );
        assert_eq!(st.len(), 1, "{st:?}");
        // Without an attribution, a quoted first-person verb is nobody's statement.
        let st = statements_of("Ministers meet in Bangkok\n\n\"We condemn the attack.\"");
        assert!(st.is_empty(), "{st:?}");
        // Outside quotes, "we" in a chair's statement is still the participants together.
        let st = statements_of("Title\n\nWe condemned the attack.");
        assert_eq!(st[0].speaker, Speaker::Joint);
    }

    fn speaker_of(st: &[Statement], verb: &str) -> Speaker {
        st.iter()
            .find(|s| s.verb == verb)
            .unwrap_or_else(|| panic!("no statement with {verb}: {st:?}"))
            .speaker
            .clone()
    }

    fn person(key: &str) -> Entity {
        Entity::Person(key.into())
    }

    #[test]
    fn joint_subjects_list_their_parties_and_they_keeps_them() {
        let st = statements_of(
            "Ministers meet in Berlin\n\nU.S. Secretary of State Anna Alvarez met German Foreign Minister Karl Brandt. \
             Secretary Alvarez and Foreign Minister Brandt condemned the shelling. They discussed energy. \
             Secretary Alvarez praised the plan. They reviewed the budget.",
        );
        let condemn = st.iter().find(|s| s.verb == "condemned").unwrap();
        assert_eq!(condemn.speaker, Speaker::Joint);
        assert_eq!(
            condemn.parties,
            vec![person("anna-alvarez"), person("karl-brandt")]
        );
        let discussed = st.iter().find(|s| s.verb == "discussed").unwrap();
        assert_eq!(discussed.speaker, Speaker::Joint);
        assert_eq!(discussed.parties, condemn.parties);
        // "They" after one person is everyone who met, not that person.
        assert_eq!(speaker_of(&st, "reviewed"), Speaker::Joint);
        // Officials of one side speak for it; a person with their own team stays that person.
        let st = statements_of(
            "Ministers meet in Berlin\n\nU.S. Secretary of State Anna Alvarez and U.S. Secretary of Defense Tom Moore met German Foreign Minister Karl Brandt. \
             Both Secretary Alvarez and Secretary Moore pledged continued support. They stressed their resolve. \
             Secretary Alvarez and her team thanked the hosts.",
        );
        let usa = Speaker::Entity(Entity::State("USA".into()));
        assert_eq!(speaker_of(&st, "pledged"), usa);
        assert_eq!(speaker_of(&st, "stressed"), usa);
        assert_eq!(
            speaker_of(&st, "thanked"),
            Speaker::Entity(person("anna-alvarez"))
        );
        // A list of states, and plural nouns for all the parties.
        let st = statements_of(
            "Title\n\nCanada, Mexico, and the United States discussed the border. The officials welcomed the new fund. Leaders also reviewed the plan.",
        );
        let discussed = st.iter().find(|s| s.verb == "discussed").unwrap();
        assert_eq!(discussed.speaker, Speaker::Joint);
        assert_eq!(discussed.parties.len(), 3, "{discussed:?}");
        assert_eq!(speaker_of(&st, "welcomed"), Speaker::Joint);
        assert_eq!(speaker_of(&st, "reviewed"), Speaker::Joint);
    }

    #[test]
    fn operative_clauses_and_the_writer_among_the_parties_speak_jointly() {
        let st = statements_of(
            "Communique of the council\n\n1. Reiterates its strong condemnation of the attacks.\n\n2. Recalls its earlier decisions.\n\nThe report recalls nothing.",
        );
        let condemn = st.iter().find(|s| s.verb == "Reiterates").unwrap();
        assert_eq!(condemn.speaker, Speaker::Joint);
        assert_eq!(condemn.cameo.as_deref(), Some("111"));
        assert_eq!(speaker_of(&st, "Recalls"), Speaker::Joint);
        assert!(!st.iter().any(|s| s.verb == "recalls"), "{st:?}");
        let st = statements_of(
            "Title\n\nI met German Foreign Minister Karl Brandt. Karl Brandt and I reviewed the plan.",
        );
        assert_eq!(speaker_of(&st, "reviewed"), Speaker::Joint);
    }

    #[test]
    fn purpose_clauses_count_and_the_meeting_alone_does_not() {
        let st = statements_of(
            "Title\n\nSecretary of State Anna Alvarez met with German Foreign Minister Karl Brandt in Berlin to discuss energy. \
             Secretary Alvarez met with Foreign Minister Brandt again. \
             Secretary Alvarez spoke with Foreign Minister Brandt to express her gratitude.",
        );
        assert!(!st.iter().any(|s| s.verb == "met"), "{st:?}");
        assert_eq!(speaker_of(&st, "discuss"), Speaker::Joint);
        // One party's own purpose stays that party's.
        let thanks = st.iter().find(|s| s.verb == "express").unwrap();
        assert_eq!(thanks.speaker, Speaker::Entity(person("anna-alvarez")));
        assert_eq!(thanks.cameo.as_deref(), Some("051"));
        // A journey's purpose is the traveller's.
        let st = statements_of(
            "Title\n\nSecretary of State Anna Alvarez will travel to Berlin to discuss energy.",
        );
        assert_eq!(
            speaker_of(&st, "discuss"),
            Speaker::Entity(person("anna-alvarez"))
        );
    }

    #[test]
    fn the_object_names_the_attitude_of_a_plain_reporting_verb() {
        let st = statements_of(
            "Title\n\nThailand reiterated the kingdom's firm commitment to the plan. Malaysia reiterated its concerns about the floods. \
             Thailand reaffirmed the importance of the fund. Malaysia introduced the Solidarity Initiative. \
             Thailand said that its support would grow.",
        );
        let code = |verb: &str, nth: usize| {
            st.iter()
                .filter(|s| s.verb == verb)
                .nth(nth)
                .and_then(|s| s.cameo.clone())
                .unwrap()
        };
        assert_eq!(code("reiterated", 0), "030");
        assert_eq!(code("reiterated", 1), "012");
        assert_eq!(code("reaffirmed", 0), "010");
        assert_eq!(code("introduced", 0), "010");
        assert_eq!(code("said", 0), "010");
    }

    #[test]
    fn participles_continue_their_clause_and_targets_leave_the_topic() {
        let st = statements_of(
            "Title\n\nThailand welcomed the talks, condemning the attack against Ukraine by Russia's forces. \
             The welcoming ceremony was short.",
        );
        assert_eq!(st.len(), 2, "{st:?}");
        let condemn = st.iter().find(|s| s.verb == "condemning").unwrap();
        assert_eq!(
            condemn.speaker,
            Speaker::Entity(Entity::State("THA".into()))
        );
        assert_eq!(condemn.cameo.as_deref(), Some("111"));
        assert_eq!(condemn.target, Some(Entity::State("RUS".into())));
        assert_eq!(condemn.about, vec![Entity::State("UKR".into())]);
        let st = statements_of(
            "Title\n\nMalaysia condemned the DPRK's missile launches. Thailand urged Myanmar to end the violence.",
        );
        let condemn = st.iter().find(|s| s.verb == "condemned").unwrap();
        assert_eq!(condemn.target, Some(Entity::State("PRK".into())));
        let urge = st.iter().find(|s| s.verb == "urged").unwrap();
        assert_eq!(urge.addressee, Some(Entity::State("MMR".into())));
        assert_eq!(urge.target, urge.addressee);
        assert!(
            !urge.about.contains(&Entity::State("MMR".into())),
            "{urge:?}"
        );
    }

    #[test]
    fn refusals_negate_it_refers_to_the_last_state_and_modals_hedge() {
        let st = statements_of("Title\n\nThailand declined to endorse the proposal.");
        assert!(st
            .iter()
            .any(|s| s.negated && s.cameo.as_deref() == Some("051")));
        let st =
            statements_of("Title\n\nThailand reiterated that it would not recognise the claim.");
        let rec = st.iter().find(|s| s.verb == "recognise").unwrap();
        assert!(rec.negated);
        assert_eq!(rec.speaker, Speaker::Entity(Entity::State("THA".into())));
        let st = statements_of("Title\n\nThailand may consider hosting the workshop. Thailand will consider it later. Thailand considered the report.");
        assert_eq!(st.iter().filter(|s| s.verb == "consider").count(), 2);
        assert!(st
            .iter()
            .any(|s| s.verb == "consider" && s.modality == "hedged"));
    }
}
