//! The knowledge the extractor brings: states, mechanisms, issues, stances and titles.
//!
//! States start from the `keshvar` country crate (ISO codes, names, demonyms, UN membership)
//! under our overlay `data/states.ttl` (the names and aliases the diplomatic genre uses); the
//! rest is our Turtle in `data/`, parsed with oxttl through Oxigraph's parser. Everything is
//! compiled into the binary and loaded once; the automata that find names in text are built
//! here. Pure: no file IO (the data is embedded), no store.

use crate::vocab::{self, DG, SKOS, WIKIDATA};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

/// The Turtle files in `data/`, embedded so the binary needs nothing at run time.
pub const DATA_FILES: &[(&str, &str)] = &[
    ("states.ttl", include_str!("../data/states.ttl")),
    ("mechanisms.ttl", include_str!("../data/mechanisms.ttl")),
    ("issues.ttl", include_str!("../data/issues.ttl")),
    ("stances.ttl", include_str!("../data/stances.ttl")),
    ("titles.ttl", include_str!("../data/titles.ttl")),
];

#[derive(Debug, Clone, Default)]
pub struct State {
    pub iso3: String,
    pub label: String,
    /// The short form used in compound names ("ROK" in "ASEAN-ROK").
    pub short: Option<String>,
    pub aliases: BTreeSet<String>,
    pub demonyms: BTreeSet<String>,
    pub un_status: String,
    pub same_as: Vec<String>,
}

impl State {
    pub fn short_label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.label)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Mechanism {
    pub slug: String,
    pub label: String,
    pub acronym: Option<String>,
    /// Local name of its class in our namespace ("Organization", "Forum", …).
    pub class: String,
    pub aliases: BTreeSet<String>,
    pub members: Vec<String>,
}

impl Mechanism {
    pub fn short_label(&self) -> &str {
        self.acronym.as_deref().unwrap_or(&self.label)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Issue {
    pub slug: String,
    pub label: String,
    pub aliases: BTreeSet<String>,
    pub broader: Vec<String>,
    /// Recognised only when the document mentions this state.
    pub requires_context: Option<String>,
    /// "situation in X" issues: a trigger word and a mention of one of these states.
    pub about_states: Vec<String>,
    pub triggers: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Stance {
    pub slug: String,
    pub label: String,
    pub notation: Option<String>,
    pub modality: String,
    pub verbs: Vec<String>,
}

/// What a name found in text stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameTarget {
    State(usize),
    /// An adjective form ("Korean"): a state only in side/government contexts.
    Demonym(usize),
    Mechanism(usize),
}

pub struct Knowledge {
    pub states: Vec<State>,
    pub mechanisms: Vec<Mechanism>,
    pub issues: Vec<Issue>,
    pub stances: Vec<Stance>,
    pub titles: Vec<String>,
    pub honorifics: Vec<String>,
    pub particles: Vec<String>,
    /// Romanisations of one family name, each group lowercase, first form canonical.
    pub surname_variants: Vec<Vec<String>>,
    state_index: HashMap<String, usize>,
    mechanism_index: HashMap<String, usize>,
    issue_index: HashMap<String, usize>,
    names: AhoCorasick,
    name_targets: Vec<Vec<NameTarget>>,
    issue_names: AhoCorasick,
    issue_targets: Vec<usize>,
    verbs: AhoCorasick,
    verb_targets: Vec<usize>,
    title_names: AhoCorasick,
    /// Reference triples for the store's reference graph.
    pub reference: Vec<Quad>,
}

/// A match of an automaton: byte span and pattern index.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub index: usize,
}

static KNOWLEDGE: OnceLock<Knowledge> = OnceLock::new();

/// Why knowledge could not be built from Turtle files.
#[derive(Debug, thiserror::Error)]
pub enum KnowledgeError {
    #[error("data/{file}: {source}")]
    Turtle {
        file: String,
        source: oxigraph::io::RdfSyntaxError,
    },
}

impl Knowledge {
    /// The knowledge compiled into this binary (from [`DATA_FILES`]), built on first use. The
    /// default wherever no other is passed in.
    pub fn get() -> &'static Knowledge {
        KNOWLEDGE.get_or_init(|| {
            Knowledge::from_turtle(DATA_FILES).expect("embedded data/ files are valid")
        })
    }

    /// Knowledge from Turtle files given as (file name, text) pairs, in the shapes of the
    /// files in `data/`; a file named `states.ttl` overlays the country list, as the built-in
    /// one does. To extend the built-in knowledge, pass [`DATA_FILES`] plus your own files.
    pub fn from_turtle(files: &[(&str, &str)]) -> Result<Knowledge, KnowledgeError> {
        let mut by_subject: BTreeMap<String, Vec<(String, Term)>> = BTreeMap::new();
        let mut reference = Vec::new();
        for (name, text) in files {
            let parser = RdfParser::from_format(RdfFormat::Turtle)
                .with_default_graph(vocab::reference_graph());
            for quad in parser.for_slice(text.as_bytes()) {
                let quad = quad.map_err(|source| KnowledgeError::Turtle {
                    file: name.to_string(),
                    source,
                })?;
                by_subject
                    .entry(subject_iri(&quad))
                    .or_default()
                    .push((quad.predicate.as_str().to_string(), quad.object.clone()));
                if *name != "states.ttl" {
                    reference.push(quad);
                }
            }
        }
        let state_overlay = |iso3: &str| by_subject.get(vocab::id("state", iso3).as_str());
        let mut states = base_states();
        for (iri, props) in &by_subject {
            if let Some(iso3) = iri.strip_prefix(vocab::id("state", "").as_str()) {
                if !states.iter().any(|s| s.iso3 == iso3) {
                    states.push(State {
                        iso3: iso3.to_string(),
                        label: iso3.to_string(),
                        un_status: "none".into(),
                        ..State::default()
                    });
                }
                let _ = props;
            }
        }
        for state in &mut states {
            if let Some(props) = state_overlay(&state.iso3) {
                apply_state_overlay(state, props);
            }
        }
        states.sort_by(|a, b| a.iso3.cmp(&b.iso3));

        let mut mechanisms = Vec::new();
        let mut issues = Vec::new();
        let mut stances = Vec::new();
        let (mut titles, mut honorifics, mut particles) = (Vec::new(), Vec::new(), Vec::new());
        let mut surname_variants: Vec<Vec<String>> = Vec::new();
        let mech_prefix = vocab::id("mechanism", "").as_str().to_string();
        let issue_prefix = vocab::id("issue", "").as_str().to_string();
        let stance_prefix = vocab::id("stance", "").as_str().to_string();
        for (iri, props) in &by_subject {
            if let Some(slug) = iri.strip_prefix(&mech_prefix) {
                if let Some(m) = read_mechanism(slug, props) {
                    mechanisms.push(m);
                }
            } else if let Some(slug) = iri.strip_prefix(&issue_prefix) {
                if let Some(i) = read_issue(slug, props) {
                    issues.push(i);
                }
            } else if let Some(slug) = iri.strip_prefix(&stance_prefix) {
                if let Some(s) = read_stance(slug, props) {
                    stances.push(s);
                }
            }
            for (p, o) in props {
                let value = || literal(o).map(str::to_string);
                match p.strip_prefix(DG) {
                    Some("title") => titles.extend(value()),
                    Some("honorific") => honorifics.extend(value()),
                    Some("nameParticle") => particles.extend(value()),
                    Some("surnameVariants") => surname_variants.extend(value().map(|v| {
                        v.split_whitespace()
                            .map(str::to_lowercase)
                            .collect::<Vec<_>>()
                    })),
                    _ => {}
                }
            }
        }
        reference.extend(state_quads(&states));
        let mut k = Self::assemble(
            states, mechanisms, issues, stances, titles, honorifics, particles, reference,
        );
        k.surname_variants = surname_variants;
        Ok(k)
    }

    #[allow(clippy::too_many_arguments)]
    fn assemble(
        states: Vec<State>,
        mechanisms: Vec<Mechanism>,
        issues: Vec<Issue>,
        stances: Vec<Stance>,
        mut titles: Vec<String>,
        honorifics: Vec<String>,
        particles: Vec<String>,
        reference: Vec<Quad>,
    ) -> Knowledge {
        // One pattern per distinct surface form; a form may stand for several targets.
        let mut forms: BTreeMap<String, Vec<NameTarget>> = BTreeMap::new();
        let mut add = |form: &str, target: NameTarget| {
            let form = form.trim();
            if form.len() >= 2 {
                let targets = forms.entry(form.to_string()).or_default();
                if !targets.contains(&target) {
                    targets.push(target);
                }
            }
        };
        for (i, s) in states.iter().enumerate() {
            add(&s.label, NameTarget::State(i));
            for a in &s.aliases {
                add(a, NameTarget::State(i));
            }
            if let Some(short) = &s.short {
                add(short, NameTarget::State(i));
            }
            for d in &s.demonyms {
                add(d, NameTarget::Demonym(i));
            }
        }
        for (i, m) in mechanisms.iter().enumerate() {
            add(&m.label, NameTarget::Mechanism(i));
            for a in &m.aliases {
                add(a, NameTarget::Mechanism(i));
            }
            if let Some(a) = &m.acronym {
                add(a, NameTarget::Mechanism(i));
            }
        }
        let (patterns, name_targets): (Vec<String>, Vec<Vec<NameTarget>>) = forms
            .into_iter()
            .map(|(form, mut targets)| {
                // A name that is both a mechanism and a state is the mechanism's (more specific).
                targets.sort_by_key(|t| match t {
                    NameTarget::Mechanism(_) => 0,
                    NameTarget::State(_) => 1,
                    NameTarget::Demonym(_) => 2,
                });
                (form, targets)
            })
            .unzip();
        let names = automaton(&patterns, false);

        let mut issue_forms: BTreeMap<String, usize> = BTreeMap::new();
        for (i, issue) in issues.iter().enumerate() {
            for form in std::iter::once(&issue.label).chain(issue.aliases.iter()) {
                issue_forms.entry(form.to_lowercase()).or_insert(i);
            }
        }
        let (issue_patterns, issue_targets): (Vec<String>, Vec<usize>) =
            issue_forms.into_iter().unzip();
        let issue_names = automaton(&issue_patterns, true);

        let mut verb_forms: BTreeMap<String, usize> = BTreeMap::new();
        for (i, stance) in stances.iter().enumerate() {
            for v in &stance.verbs {
                verb_forms.entry(v.to_lowercase()).or_insert(i);
            }
        }
        let (verb_patterns, verb_targets): (Vec<String>, Vec<usize>) =
            verb_forms.into_iter().unzip();
        let verbs = automaton(&verb_patterns, true);

        titles.sort();
        titles.dedup();
        let title_names = automaton(&titles, false);

        let state_index = states
            .iter()
            .enumerate()
            .map(|(i, s)| (s.iso3.clone(), i))
            .collect();
        let mechanism_index = mechanisms
            .iter()
            .enumerate()
            .map(|(i, m)| (m.slug.clone(), i))
            .collect();
        let issue_index = issues
            .iter()
            .enumerate()
            .map(|(i, m)| (m.slug.clone(), i))
            .collect();
        Knowledge {
            states,
            mechanisms,
            issues,
            stances,
            titles,
            honorifics,
            particles,
            surname_variants: Vec::new(),
            state_index,
            mechanism_index,
            issue_index,
            names,
            name_targets,
            issue_names,
            issue_targets,
            verbs,
            verb_targets,
            title_names,
            reference,
        }
    }

    pub fn state(&self, iso3: &str) -> Option<&State> {
        self.state_index.get(iso3).map(|&i| &self.states[i])
    }

    pub fn mechanism(&self, slug: &str) -> Option<&Mechanism> {
        self.mechanism_index.get(slug).map(|&i| &self.mechanisms[i])
    }

    pub fn issue(&self, slug: &str) -> Option<&Issue> {
        self.issue_index.get(slug).map(|&i| &self.issues[i])
    }

    /// The state whose demonym `word` is, when it is one and names no state itself
    /// ("Laotian", "Indonesian").
    pub fn demonym_state(&self, word: &str) -> Option<usize> {
        let hits = self.find_names(word);
        let (hit, targets) = hits.first()?;
        if hit.start != 0 || hit.end != word.len() {
            return None;
        }
        match targets {
            [NameTarget::Demonym(i), ..] => Some(*i),
            _ => None,
        }
    }

    /// Known names (states, demonyms, mechanisms) in `text`, leftmost-longest, whole words.
    pub fn find_names(&self, text: &str) -> Vec<(Hit, &[NameTarget])> {
        whole_word_hits(&self.names, text)
            .into_iter()
            .map(|h| (h, self.name_targets[h.index].as_slice()))
            .collect()
    }

    /// Issue labels in `text` (case-insensitive), with the issue index.
    pub fn find_issues(&self, text: &str) -> Vec<(Hit, usize)> {
        whole_word_hits(&self.issue_names, text)
            .into_iter()
            .map(|h| (h, self.issue_targets[h.index]))
            .collect()
    }

    /// Reporting-verb phrases in `text` (case-insensitive), with the stance index.
    pub fn find_verbs(&self, text: &str) -> Vec<(Hit, usize)> {
        whole_word_hits(&self.verbs, text)
            .into_iter()
            .map(|h| (h, self.verb_targets[h.index]))
            .collect()
    }

    /// Official titles in `text` ("Deputy Minister"), case-sensitive, whole words.
    pub fn find_titles(&self, text: &str) -> Vec<Hit> {
        whole_word_hits(&self.title_names, text)
    }

    pub fn is_title_word(&self, word: &str) -> bool {
        self.titles
            .iter()
            .any(|t| t.split_whitespace().any(|w| w == word))
    }
}

fn automaton(patterns: &[String], case_insensitive: bool) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(case_insensitive)
        .build(patterns)
        .expect("patterns build an automaton")
}

/// Leftmost-longest matches that start and end on word boundaries, without overlaps.
///
/// The automaton is restarted at every word start after a match's start, so a whole-word
/// match is not hidden by a longer match that fails the boundary check. Linear in the text.
fn whole_word_hits(ac: &AhoCorasick, text: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut last_end = 0;
    let mut pos = 0;
    while pos < text.len() {
        let input = aho_corasick::Input::new(text).span(pos..text.len());
        let Some(m) = ac.find(input) else { break };
        if m.start() >= last_end
            && is_boundary_before(text, m.start())
            && is_boundary_after(text, m.end())
        {
            hits.push(Hit {
                start: m.start(),
                end: m.end(),
                index: m.pattern().as_usize(),
            });
            last_end = m.end();
        }
        let mut next = m.start() + 1;
        while next < text.len() && (!text.is_char_boundary(next) || !is_boundary_before(text, next))
        {
            next += 1;
        }
        pos = next.max(pos + 1);
    }
    hits
}

pub fn is_boundary_before(text: &str, i: usize) -> bool {
    i == 0
        || !text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
}

pub fn is_boundary_after(text: &str, i: usize) -> bool {
    i >= text.len()
        || !text[i..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric())
}

fn subject_iri(quad: &Quad) -> String {
    match &quad.subject {
        oxigraph::model::NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
        other => other.to_string(),
    }
}

fn literal(term: &Term) -> Option<&str> {
    match term {
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

fn iri(term: &Term) -> Option<&str> {
    match term {
        Term::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

fn local_after<'a>(iri: &'a str, prefix: &str) -> Option<&'a str> {
    iri.strip_prefix(prefix)
}

/// The ISO base from the country crate: every country and territory it knows.
fn base_states() -> Vec<State> {
    keshvar::CountryIterator::new()
        .map(|c| {
            let iso3 = c.alpha3().to_string();
            let mut aliases = BTreeSet::new();
            for name in c.unofficial_name_list() {
                // English-looking forms only; "Korea (South)" style inversions are not text forms.
                if name.is_ascii() && !name.contains(['(', ',', ')']) {
                    aliases.insert(name.to_string());
                }
            }
            let short = c.iso_short_name();
            let label = if short.contains(['(', ',']) {
                aliases.iter().next().cloned().unwrap_or(short.to_string())
            } else {
                short.to_string()
            };
            let mut demonyms = BTreeSet::new();
            if let Some(d) = c.maybe_nationality() {
                demonyms.insert(d.to_string());
            }
            State {
                iso3,
                label,
                short: None,
                aliases,
                demonyms,
                un_status: if c.un_member() { "member" } else { "none" }.into(),
                same_as: Vec::new(),
            }
        })
        .collect()
}

fn apply_state_overlay(state: &mut State, props: &[(String, Term)]) {
    for (p, o) in props {
        if p == &format!("{SKOS}prefLabel") {
            if let Some(l) = literal(o) {
                state.aliases.insert(state.label.clone());
                state.label = l.to_string();
            }
        } else if p == &format!("{SKOS}altLabel") {
            state.aliases.extend(literal(o).map(str::to_string));
        } else if let Some(local) = p.strip_prefix(DG) {
            match local {
                "shortLabel" => state.short = literal(o).map(str::to_string),
                "demonym" => state.demonyms.extend(literal(o).map(str::to_string)),
                "unStatus" => {
                    if let Some(s) = literal(o) {
                        state.un_status = s.to_string();
                    }
                }
                "blockedAlias" => {
                    if let Some(s) = literal(o) {
                        state.aliases.remove(s);
                    }
                }
                _ => {}
            }
        } else if p == vocab::OWL_SAME_AS {
            state.same_as.extend(iri(o).map(str::to_string));
        }
    }
    state.aliases.remove(&state.label);
}

fn read_mechanism(slug: &str, props: &[(String, Term)]) -> Option<Mechanism> {
    let mut m = Mechanism {
        slug: slug.to_string(),
        class: "Mechanism".into(),
        ..Mechanism::default()
    };
    for (p, o) in props {
        match p.as_str() {
            vocab::SKOS_PREF_LABEL => m.label = literal(o)?.to_string(),
            vocab::SKOS_ALT_LABEL => m.aliases.extend(literal(o).map(str::to_string)),
            vocab::RDF_TYPE => {
                if let Some(c) = iri(o).and_then(|i| local_after(i, DG)) {
                    m.class = c.to_string();
                }
            }
            vocab::ORG_HAS_MEMBER => {
                if let Some(code) = iri(o).and_then(|i| i.rsplit('/').next()) {
                    m.members.push(code.to_string());
                }
            }
            _ if p.strip_prefix(DG) == Some("acronym") => {
                m.acronym = literal(o).map(str::to_string);
            }
            _ => {}
        }
    }
    (!m.label.is_empty()).then_some(m)
}

fn read_issue(slug: &str, props: &[(String, Term)]) -> Option<Issue> {
    let mut is_concept = false;
    let mut i = Issue {
        slug: slug.to_string(),
        ..Issue::default()
    };
    for (p, o) in props {
        match p.as_str() {
            vocab::RDF_TYPE => is_concept |= iri(o) == Some(vocab::SKOS_CONCEPT),
            vocab::SKOS_PREF_LABEL => i.label = literal(o)?.to_string(),
            vocab::SKOS_ALT_LABEL => i.aliases.extend(literal(o).map(str::to_string)),
            vocab::SKOS_BROADER => i.broader.extend(
                iri(o)
                    .and_then(|x| x.rsplit('/').next())
                    .map(str::to_string),
            ),
            _ => match p.strip_prefix(DG) {
                Some("requiresContext") => {
                    i.requires_context = iri(o)
                        .and_then(|x| x.rsplit('/').next())
                        .map(str::to_string)
                }
                Some("aboutState") => i.about_states.extend(
                    iri(o)
                        .and_then(|x| x.rsplit('/').next())
                        .map(str::to_string),
                ),
                Some("trigger") => i.triggers.extend(literal(o).map(str::to_lowercase)),
                _ => {}
            },
        }
    }
    (is_concept && !i.label.is_empty()).then_some(i)
}

fn read_stance(slug: &str, props: &[(String, Term)]) -> Option<Stance> {
    let mut s = Stance {
        slug: slug.to_string(),
        modality: "asserted".into(),
        ..Stance::default()
    };
    let mut is_concept = false;
    for (p, o) in props {
        match p.as_str() {
            vocab::RDF_TYPE => is_concept |= iri(o) == Some(vocab::SKOS_CONCEPT),
            vocab::SKOS_PREF_LABEL => s.label = literal(o)?.to_string(),
            vocab::SKOS_NOTATION => s.notation = literal(o).map(str::to_string),
            _ => match p.strip_prefix(DG) {
                Some("verb") => s.verbs.extend(literal(o).map(str::to_string)),
                Some("modality") => {
                    if let Some(m) = literal(o) {
                        s.modality = m.to_string();
                    }
                }
                _ => {}
            },
        }
    }
    (is_concept && !s.label.is_empty()).then_some(s)
}

fn state_quads(states: &[State]) -> Vec<Quad> {
    let g = GraphName::NamedNode(vocab::reference_graph());
    let mut out = Vec::new();
    for s in states {
        let subject = vocab::id("state", &s.iso3);
        let mut add = |p: NamedNode, o: Term| {
            out.push(Quad::new(subject.clone(), p, o, g.clone()));
        };
        add(
            vocab::node(vocab::RDF_TYPE),
            vocab::node(vocab::SCHEMA_COUNTRY).into(),
        );
        add(
            vocab::node(vocab::SKOS_NOTATION),
            Literal::new_simple_literal(&s.iso3).into(),
        );
        add(
            vocab::node(vocab::SKOS_PREF_LABEL),
            Literal::new_language_tagged_literal_unchecked(&s.label, "en").into(),
        );
        for a in &s.aliases {
            add(
                vocab::node(vocab::SKOS_ALT_LABEL),
                Literal::new_simple_literal(a).into(),
            );
        }
        if let Some(short) = &s.short {
            add(
                vocab::dg("shortLabel"),
                Literal::new_simple_literal(short).into(),
            );
        }
        for d in &s.demonyms {
            add(vocab::dg("demonym"), Literal::new_simple_literal(d).into());
        }
        add(
            vocab::dg("unStatus"),
            Literal::new_simple_literal(&s.un_status).into(),
        );
        for same in &s.same_as {
            if same.starts_with(WIKIDATA) {
                add(
                    vocab::node(vocab::OWL_SAME_AS),
                    NamedNode::new_unchecked(same).into(),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knowledge_of_ones_own_is_used_by_extraction_and_bad_turtle_is_named() {
        let ours = "@prefix dg: <https://w3id.org/diplograph/ns#> .\n\
            @prefix mech: <https://w3id.org/diplograph/id/mechanism/> .\n\
            @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\
            mech:lantern-nine a dg:Forum ; skos:prefLabel \"Lantern Nine\"@en .\n";
        let mut files = DATA_FILES.to_vec();
        files.push(("ours.ttl", ours));
        let k = Knowledge::from_turtle(&files).unwrap();
        let input = crate::extract::Input {
            bytes: b"The ministers of the Lantern Nine met in Velora on 3 May 2024.",
            source: "t".into(),
            ..Default::default()
        };
        let key = crate::extract::Entity::Mechanism("lantern-nine".into());
        let found = |ex: crate::extract::Extraction| ex.mentions.iter().any(|m| m.entity == key);
        assert!(found(crate::extract::extract_with(&input, &k).unwrap()));
        assert!(!found(crate::extract::extract(&input).unwrap()));

        let Err(err) = Knowledge::from_turtle(&[("broken.ttl", "<a> <b> ")]) else {
            panic!("broken Turtle was accepted");
        };
        assert!(err.to_string().starts_with("data/broken.ttl: "), "{err}");
    }

    #[test]
    fn every_un_member_has_an_iso3_node_and_genre_aliases_resolve() {
        let k = Knowledge::get();
        let members = k.states.iter().filter(|s| s.un_status == "member").count();
        assert!(members >= 193, "only {members} UN members");
        let text = "the ROK and RoK, Viet Nam, Vietnam, the DPRK and Lao PDR";
        let found: Vec<String> = k
            .find_names(text)
            .into_iter()
            .filter_map(|(_, t)| match t[0] {
                NameTarget::State(i) => Some(k.states[i].iso3.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(found, ["KOR", "KOR", "VNM", "VNM", "PRK", "LAO"]);
    }

    #[test]
    fn names_match_whole_words_only() {
        let k = Knowledge::get();
        assert!(k.find_names("ROKET and KOREANS").is_empty());
    }
}
