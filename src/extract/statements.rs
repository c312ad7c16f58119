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
    let mut last_speaker: Option<Speaker> = None;
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
        let mut sentence_speaker: Option<Speaker> = None;
        for (hit, stance_idx) in verbs {
            let (vs, ve) = (s.start + hit.start, s.start + hit.end);
            let before = &doc.text[s.start..vs];
            let Some(lead) = read_lead(before) else {
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
            let speaker = if quote_end.is_some() {
                Some(Speaker::Joint) // a placeholder until the attribution is read
            } else if lead.coordinated {
                sentence_speaker.clone()
            } else {
                find_speaker(doc, s.start, speaker_end, &last_person, &last_speaker)
            };
            let Some(speaker) = speaker else {
                continue;
            };
            let stance = &k.stances[stance_idx];
            let verb_text = doc.text[vs..ve].to_lowercase();
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
                sentence_speaker = Some(speaker.clone());
                last_speaker = Some(speaker.clone());
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
                about: Vec::new(),
                addressee: None,
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
                .map(|&j| (out[j].speaker.clone(), out[j].side.clone()));
            match attribution {
                Some((speaker, side)) => {
                    out[i].speaker = speaker;
                    out[i].side = side;
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

struct Lead {
    /// Byte offset (in the sentence) where the speaker phrase ends.
    speaker_end: usize,
    coordinated: bool,
    negated: bool,
    would: bool,
    hedged: bool,
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

/// Who stands right before `end` in the sentence starting at `s_start`.
fn find_speaker(
    doc: &Doc<'_>,
    s_start: usize,
    end: usize,
    last_person: &Option<String>,
    last_speaker: &Option<Speaker>,
) -> Option<Speaker> {
    let phrase = &doc.text[s_start..end];
    let last_word_start = phrase
        .rfind(|c: char| c.is_whitespace())
        .map_or(0, |i| i + 1);
    let last_word = phrase[last_word_start..].to_lowercase();
    let last_word = last_word.trim_end_matches("'s");
    // A mention that ends the phrase: person, state, mechanism.
    let ending = doc
        .mentions_starting(s_start, end)
        .iter()
        .filter(|m| m.end <= end && m.end + 1 >= end && m.start >= s_start)
        .max_by_key(|m| m.end - m.start);
    if let Some(m) = ending {
        match &m.entity {
            Entity::Person(_) | Entity::State(_) | Entity::Mechanism(_) => {
                return Some(Speaker::Entity(m.entity.clone()));
            }
            Entity::Meeting(_) => return Some(Speaker::Joint),
            _ => {}
        }
    }
    match last_word {
        "he" | "she" => {
            return last_person
                .clone()
                .map(|p| Speaker::Entity(Entity::Person(p)));
        }
        "they" => return last_speaker.clone().or(Some(Speaker::Joint)),
        // "Indonesia reiterated that it would not recognise …": the last state or body.
        "it" => {
            return last_speaker
                .clone()
                .filter(|s| matches!(s, Speaker::Entity(Entity::State(_) | Entity::Mechanism(_))))
        }
        "we" => return Some(Speaker::Joint),
        _ => {}
    }
    let noun = last_word.trim_end_matches(['\'', ',']);
    if SPEAKER_NOUNS.contains(&noun)
        || (noun == "states" && phrase.to_lowercase().ends_with("member states"))
    {
        // The party named inside the phrase ("The Korean side", "the ASEAN participants").
        let phrase_start = phrase_start(phrase);
        let inside = doc
            .mentions_starting(s_start + phrase_start, end)
            .iter()
            .filter(|m| m.start >= s_start + phrase_start && m.end <= end)
            .rfind(|m| matches!(m.entity, Entity::State(_) | Entity::Mechanism(_)));
        if let Some(m) = inside {
            return Some(Speaker::Entity(m.entity.clone()));
        }
        let words_before = phrase[phrase_start..].to_lowercase();
        if words_before.contains("both")
            || words_before.contains("two")
            || words_before.contains("the participants")
            || words_before.contains("the ministers")
            || words_before.contains("the leaders")
            || words_before.contains("co-chairs")
            || words_before.starts_with("participants")
            || words_before.starts_with("ministers")
            || words_before.contains("the meeting")
            || words_before.contains("the dialogue")
            || words_before.contains("all ")
        {
            return Some(Speaker::Joint);
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
    let mut about: Vec<Entity> = Vec::new();
    for m in doc.mentions_in_sorted(verb_end, st.end) {
        if Some(&m.entity) == speaker_entity.as_ref() || Some(&m.entity) == st.addressee.as_ref() {
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
