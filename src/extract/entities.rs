//! States, mechanisms and issues named in a document.
//!
//! Three sources, one overlap policy (longest span first, then leftmost): the gazetteer of
//! reference names; names the text teaches itself — an acronym definition such as
//! "Indo-Pacific Economic Framework (IPEF)" makes "IPEF" a name for the rest of the document,
//! and a capitalised phrase with a mechanism head noun ("Korea-ASEAN Solidarity Initiative")
//! is a mechanism even when no list holds it; and the issue scheme, matched case-insensitively,
//! plus "situation in X" issues found by a trigger word next to a state. Demonyms count as a
//! state only before a side word ("the Korean side", "Korean government").
//! Pure: no IO.

use super::phrase::{capitalised_run, RunRules, CONNECTORS};
use super::{is_capitalised, tail, words, Doc, Entity, MechanismRecord, LOOKBACK};
use crate::knowledge::{Hit, NameTarget};
use crate::vocab::slug;
use aho_corasick::{AhoCorasickBuilder, MatchKind};
use std::collections::BTreeMap;

/// Head nouns that make a capitalised phrase a mechanism, with the class they imply.
pub(crate) const MECHANISM_HEADS: &[(&str, &str)] = &[
    ("Plan of Action", "Initiative"),
    ("Framework", "Framework"),
    ("Initiative", "Initiative"),
    ("Policy", "Policy"),
    ("Strategy", "Strategy"),
    ("Forum", "Forum"),
    ("Community", "Community"),
    ("Council", "Body"),
    ("Partnership", "Partnership"),
    ("Fund", "Fund"),
    ("Centre", "Organization"),
    ("Center", "Organization"),
    ("Declaration", "Declaration"),
    ("Outlook", "Declaration"),
    ("Cooperation", "Cooperation"),
    ("Agreement", "Agreement"),
    ("Treaty", "Agreement"),
    ("Mechanism", "Cooperation"),
    ("Programme", "Initiative"),
    ("Program", "Initiative"),
    ("Commission", "Body"),
    ("Committee", "Body"),
    ("Consensus", "Declaration"),
    ("Vision", "Declaration"),
    ("Roadmap", "Initiative"),
    ("Charter", "Agreement"),
    ("Secretariat", "Body"),
    ("Organization", "Organization"),
    ("Organisation", "Organization"),
    ("Association", "Organization"),
    ("Alliance", "Organization"),
    ("Network", "Initiative"),
    ("Facility", "Fund"),
];

/// Words after a demonym that make it mean the state.
const SIDE_WORDS: &[&str] = &[
    "side",
    "sides",
    "government",
    "governments",
    "delegation",
    "delegations",
    "officials",
    "participants",
    "participant",
    "counterpart",
    "counterparts",
    "minister",
    "ministers",
    "foreign",
    "president",
    "prime",
    "ambassador",
    "authorities",
    "people",
    "economy",
    "companies",
    "firms",
    "embassy",
    "navy",
    "military",
    "forces",
    "troops",
    "nationals",
    "citizens",
    "businesses",
    "investors",
    "leaders",
    "leader",
    "administration",
    "ministry",
    "presidency",
    "chairmanship",
    "chair",
    "co-chair",
    "vice",
    "deputy",
    "envoy",
    "team",
    "negotiators",
    "diplomats",
    "mission",
    "representative",
    "representatives",
    "defense",
    "defence",
    "parliament",
    "national",
    "state",
];

pub(crate) fn recognise(doc: &mut Doc<'_>) {
    let k = doc.k;
    let text = doc.text.clone();

    // 1. Names the text teaches: acronym definitions and head-noun phrases.
    let mut learnt: BTreeMap<String, Entity> = BTreeMap::new();
    for (long, acronym) in acronym_definitions(k, &text) {
        let entity = resolve_long_form(doc, &long, Some(&acronym));
        if let Some(entity) = entity {
            learnt.entry(acronym).or_insert(entity.clone());
            learnt.entry(long).or_insert(entity);
        }
    }
    for phrase in head_noun_phrases(k, &text) {
        if learnt.contains_key(&phrase) {
            continue;
        }
        if let Some(entity) = resolve_long_form(doc, &phrase, None) {
            learnt.insert(phrase, entity);
        }
    }

    // 2. Candidate spans from the gazetteer, the learnt names and the issue scheme.
    let mut candidates: Vec<(usize, usize, Entity)> = Vec::new();
    for (hit, targets) in k.find_names(&text) {
        if let Some(entity) = name_entity(doc, &text, hit, targets) {
            candidates.push((hit.start, hit.end, entity));
        }
    }
    if !learnt.is_empty() {
        let forms: Vec<&String> = learnt.keys().collect();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&forms)
            .expect("learnt names build an automaton");
        for m in ac.find_iter(&text) {
            if crate::knowledge::is_boundary_before(&text, m.start())
                && crate::knowledge::is_boundary_after(&text, m.end())
            {
                candidates.push((
                    m.start(),
                    m.end(),
                    learnt[forms[m.pattern().as_usize()]].clone(),
                ));
            }
        }
    }
    let mentioned_states: Vec<String> = candidates
        .iter()
        .filter_map(|(_, _, e)| match e {
            Entity::State(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for (hit, issue) in k.find_issues(&text) {
        let issue = &k.issues[issue];
        if let Some(required) = &issue.requires_context {
            if !mentioned_states.contains(required) {
                continue;
            }
        }
        candidates.push((hit.start, hit.end, Entity::Issue(issue.slug.clone())));
    }

    // 3. Longest first, then leftmost; a span inside a longer one is dropped.
    candidates.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
    // An issue inside a mechanism's name is what the mechanism is about ("ASEAN Outlook on
    // the Indo-Pacific", "ASEAN-Korea Free Trade Area"): both are kept.
    let mut taken: Vec<(usize, usize, Entity)> = Vec::new();
    // Taken spans by start; they never overlap, so the last one starting before a candidate's
    // end is the only one that can contain it. A map, not a sorted Vec: inserting into the
    // middle of a Vec made long texts quadratic.
    let mut occupied: BTreeMap<usize, (usize, usize, bool)> = BTreeMap::new();
    let mut inner_issues: Vec<(usize, usize, Entity)> = Vec::new();
    for c in candidates {
        let overlaps = occupied
            .range(..c.1)
            .next_back()
            .map(|(_, o)| *o)
            .filter(|o| o.1 > c.0);
        match overlaps {
            None => {
                occupied.insert(c.0, (c.0, c.1, matches!(c.2, Entity::Mechanism(_))));
                taken.push(c);
            }
            Some((s, e, true))
                if matches!(c.2, Entity::Issue(_))
                    && s <= c.0
                    && c.1 <= e
                    && !inner_issues.iter().any(|i| i.0 < c.1 && c.0 < i.1) =>
            {
                inner_issues.push(c);
            }
            Some(_) => {}
        }
    }
    taken.extend(inner_issues);
    taken.sort_by_key(|c| c.0);
    for (start, end, entity) in taken {
        if let Entity::Mechanism(slug) = &entity {
            note_mechanism(doc, slug, &text[start..end]);
        }
        doc.mention(start, end, entity);
    }

    // 4. "Situation in X" issues: a trigger word and a mention of X in one sentence.
    situation_issues(doc);
}

/// Which entity a gazetteer hit stands for here, if any.
fn name_entity(doc: &Doc<'_>, text: &str, hit: Hit, targets: &[NameTarget]) -> Option<Entity> {
    let k = doc.k;
    match targets.first()? {
        NameTarget::Mechanism(i) => Some(Entity::Mechanism(k.mechanisms[*i].slug.clone())),
        NameTarget::State(i) => Some(Entity::State(k.states[*i].iso3.clone())),
        NameTarget::Demonym(i) => {
            let next = text[hit.end..]
                .trim_start_matches([' ', '-'])
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .next()
                .unwrap_or("")
                .to_lowercase();
            SIDE_WORDS
                .contains(&next.as_str())
                .then(|| Entity::State(k.states[*i].iso3.clone()))
        }
    }
}

/// Record a mechanism the document refers to (once).
fn note_mechanism(doc: &mut Doc<'_>, slug: &str, surface: &str) {
    if doc.mechanisms.iter().any(|m| m.slug == slug) {
        return;
    }
    let record = match doc.k.mechanism(slug) {
        Some(m) => MechanismRecord {
            slug: slug.to_string(),
            label: m.label.clone(),
            acronym: m.acronym.clone(),
            class: m.class.clone(),
            from_text: false,
        },
        None => MechanismRecord {
            slug: slug.to_string(),
            label: surface.to_string(),
            acronym: None,
            class: "Mechanism".into(),
            from_text: true,
        },
    };
    doc.mechanisms.push(record);
}

/// What a long form names: a known state or mechanism, or a new mechanism by its head noun.
fn resolve_long_form(doc: &mut Doc<'_>, long: &str, acronym: Option<&str>) -> Option<Entity> {
    let k = doc.k;
    let hits = k.find_names(long);
    if let Some((hit, targets)) = hits.first() {
        if hit.start == 0 && hit.end == long.len() {
            return name_entity(doc, long, *hit, targets);
        }
    }
    let class = head_class(long)?;
    // Meeting names belong to the meetings stage.
    if super::phrase::meeting_head(long).is_some() {
        return None;
    }
    let slug = slug(long);
    if slug.is_empty() {
        return None;
    }
    if !doc.mechanisms.iter().any(|m| m.slug == slug) {
        doc.mechanisms.push(MechanismRecord {
            slug: slug.clone(),
            label: long.to_string(),
            acronym: acronym.map(str::to_string),
            class: class.to_string(),
            from_text: true,
        });
    }
    Some(Entity::Mechanism(slug))
}

fn head_class(phrase: &str) -> Option<&'static str> {
    MECHANISM_HEADS
        .iter()
        .find(|(head, _)| {
            phrase.ends_with(head)
                && phrase.len() > head.len()
                && phrase[..phrase.len() - head.len()].ends_with([' ', '-'])
        })
        .map(|(_, class)| *class)
}

/// `Long Form Name (ACR)` pairs, where the acronym's letters follow the long form's initials.
/// The long form is the shortest run of capitalised words before the bracket whose initials
/// spell the acronym, widened to a known name that ends there ("ASEAN Senior Officials'
/// Meeting (SOM)" keeps "ASEAN").
pub(crate) fn acronym_definitions(
    k: &crate::knowledge::Knowledge,
    text: &str,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut search = 0;
    while let Some(open) = text[search..].find('(').map(|i| i + search) {
        search = open + 1;
        // An acronym is short: look for its ')' nearby, not to the end of the text each time.
        let mut cut = (open + 32).min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let near = &text[open..cut];
        let Some(close) = near.find(')').map(|i| i + open) else {
            continue;
        };
        let acronym = &text[open + 1..close];
        if !is_acronym(acronym) {
            continue;
        }
        let before = text[..open].trim_end();
        let run = capitalised_run(tail(before, LOOKBACK), &MECHANISM_RUN);
        let Some(long) = shortest_spelling_suffix(&run, acronym) else {
            continue;
        };
        let widened = k
            .find_names(&run)
            .into_iter()
            .map(|(h, _)| h)
            .find(|h| h.end == run.len() && h.start <= run.len() - long.len());
        let long = match widened {
            Some(h) => run[h.start..].to_string(),
            None => long.to_string(),
        };
        if long != acronym {
            out.push((long, acronym.to_string()));
        }
    }
    out
}

fn is_acronym(s: &str) -> bool {
    let uppercase = s.chars().filter(|c| c.is_uppercase()).count();
    (2..=12).contains(&s.len())
        && uppercase >= 2
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '&')
        && s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Mechanism names: connectors inside, at most twelve words.
const MECHANISM_RUN: RunRules = RunRules {
    stop: |_| false,
    spaced_dashes: false,
    the_inside: true,
    max_words: 12,
};

/// Letters a word contributes to an acronym: its capitals, or its initial when lowercase.
fn word_letters(word: &str) -> Vec<char> {
    let caps: Vec<char> = word.chars().filter(|c| c.is_uppercase()).collect();
    if caps.is_empty() {
        word.chars()
            .next()
            .map(|c| c.to_ascii_uppercase())
            .into_iter()
            .collect()
    } else {
        caps
    }
}

/// The shortest suffix of `run` starting at a word whose initial is the acronym's first letter
/// and whose letters contain the acronym's capitals in order.
fn shortest_spelling_suffix<'a>(run: &'a str, acronym: &str) -> Option<&'a str> {
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_uppercase()).collect();
    let parts = words(run, 0);
    for i in (0..parts.len()).rev() {
        let suffix = &run[parts[i].0..];
        let first = suffix.chars().next()?;
        if first.to_ascii_uppercase() != letters[0] || !is_capitalised(suffix) {
            continue;
        }
        let available: Vec<char> = suffix.split([' ', '-']).flat_map(word_letters).collect();
        let mut it = available.iter();
        if letters.iter().all(|l| it.any(|c| c == l)) {
            return Some(suffix);
        }
    }
    None
}

/// Capitalised phrases that end with a mechanism head noun.
pub(crate) fn head_noun_phrases(k: &crate::knowledge::Knowledge, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (head, _) in MECHANISM_HEADS {
        let mut search = 0;
        while let Some(pos) = text[search..].find(head).map(|i| i + search) {
            search = pos + head.len();
            let end = pos + head.len();
            if !crate::knowledge::is_boundary_after(text, end)
                || !crate::knowledge::is_boundary_before(text, pos)
            {
                continue;
            }
            let before = text[..pos].trim_end();
            if before.len() == text[..pos].len() && !before.ends_with('-') {
                continue;
            }
            let run = capitalised_run(tail(before, LOOKBACK), &MECHANISM_RUN);
            let run = run.trim_start_matches("The ").trim_start_matches("the ");
            if run.is_empty() {
                continue;
            }
            let phrase = format!("{run} {head}");
            // Posts ("the Deputy Secretary-General of ASEAN for … Community") are not
            // mechanisms, and a name does not run across "and the".
            if !k.find_titles(&phrase).is_empty()
                || phrase.contains(" and the ")
                || run.split_whitespace().count() > 8
            {
                continue;
            }
            // Needs at least one more content word than the head.
            if run
                .split_whitespace()
                .filter(|w| !CONNECTORS.contains(w))
                .count()
                >= 1
            {
                out.push(phrase);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// What a state is a topic of: "views on Myanmar", "the Special Envoy … on Myanmar",
/// "discussed the South China Sea and Myanmar".
const TOPIC_CUES: &[&str] = &["views on", "discussed", "briefed", "exchanged views"];

fn situation_issues(doc: &mut Doc<'_>) {
    let k = doc.k;
    let mut found = Vec::new();
    // State mentions by sentence, one pass over the mentions.
    let mut states_by_sentence: BTreeMap<usize, Vec<(usize, usize, &str)>> = BTreeMap::new();
    for m in &doc.mentions {
        if let (Some(si), Entity::State(code)) = (m.sentence, &m.entity) {
            states_by_sentence
                .entry(si)
                .or_default()
                .push((m.start, m.end, code.as_str()));
        }
    }
    let situational: Vec<&crate::knowledge::Issue> = k
        .issues
        .iter()
        .filter(|i| !i.about_states.is_empty())
        .collect();
    for (&si, states) in &states_by_sentence {
        let s = &doc.sentences[si];
        let lower = doc.text[s.start..s.end].to_lowercase();
        for issue in &situational {
            let relevant: Vec<&(usize, usize, &str)> = states
                .iter()
                .filter(|(_, _, code)| issue.about_states.iter().any(|a| a == code))
                .collect();
            if relevant.is_empty() {
                continue;
            }
            let triggered = issue.triggers.iter().any(|t| {
                lower.match_indices(t.as_str()).any(|(i, _)| {
                    crate::knowledge::is_boundary_before(&lower, i)
                        && crate::knowledge::is_boundary_after(&lower, i + t.len())
                })
            });
            for &&(start, end, _) in &relevant {
                // The state as the topic: right after "on", or after a discussion cue.
                let before = doc.text[s.start..start].to_lowercase();
                let topic = before.ends_with(" on ")
                    || before.ends_with(" on the ")
                    || TOPIC_CUES.iter().any(|c| before.contains(c))
                        && (before.ends_with(" and ") || before.ends_with(", "));
                if triggered || topic {
                    found.push((start, end, issue.slug.clone()));
                }
            }
        }
    }
    for (start, end, slug) in found {
        doc.mention(start, end, Entity::Issue(slug));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronym_definitions_pair_long_forms_with_their_initials() {
        let defs = acronym_definitions(
            crate::knowledge::Knowledge::get(),
            "developing the Indo-Pacific Economic Framework (IPEF) into a platform, the Korea-ASEAN Solidarity Initiative (KASI), and a note (see above).",
        );
        assert_eq!(
            defs,
            vec![
                ("Indo-Pacific Economic Framework".into(), "IPEF".into()),
                ("Korea-ASEAN Solidarity Initiative".into(), "KASI".into()),
            ]
        );
    }

    #[test]
    fn issues_inside_mechanism_names_and_states_as_topics() {
        let input = crate::extract::Input {
            bytes: "They supported the ASEAN Outlook on the Indo-Pacific. They exchanged views on the South China Sea and Myanmar. Myanmar attended.".as_bytes(),
            source: "-".into(),
            ..Default::default()
        };
        let ex = crate::extract::extract(&input).unwrap();
        let issues = ex.entities(|e| match e {
            Entity::Issue(s) => Some(s),
            _ => None,
        });
        assert!(issues.contains(&"indo-pacific".to_string()), "{issues:?}");
        assert!(
            issues.contains(&"situation-in-myanmar".to_string()),
            "{issues:?}"
        );
        let mechs = ex.entities(|e| match e {
            Entity::Mechanism(s) => Some(s),
            _ => None,
        });
        assert!(!mechs.is_empty());
        // "Myanmar attended" is a state, not a topic.
        let myanmar_issue = ex
            .mentions
            .iter()
            .filter(|m| m.entity == Entity::Issue("situation-in-myanmar".into()))
            .count();
        assert_eq!(myanmar_issue, 1);
    }

    #[test]
    fn head_nouns_make_unlisted_mechanisms() {
        let k = crate::knowledge::Knowledge::get();
        let phrases = head_noun_phrases(
            k,
            "They launched the Mekong-Korea Water Resources Partnership with the Deputy Secretary-General of ASEAN for Political-Security Community.",
        );
        assert_eq!(
            phrases,
            vec!["Mekong-Korea Water Resources Partnership".to_string()]
        );
    }
}
