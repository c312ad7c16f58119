//! Links across documents, recomputed after each ingest for what the new documents touch
//! ([`aliases_of`], [`updated`]; see [`scope`]), or from the whole store ([`aliases`],
//! [`compute`]) when they are a large part of it. Both give the same links.
//!
//! Most identity needs no linking step: IRIs are minted from canonical keys, so two documents
//! about one meeting, person or state already write to one node. Two cases need the whole
//! store, and are found here:
//! - aliases: a meeting a document names without its ordinal is keyed by series and date
//!   (`…/2023-07-06`); when another document gives that series' edition with a compatible date
//!   and an ordinal, the dated node is the same meeting. People's spellings of one name
//!   ("Joe Biden", "Joseph R. Biden, Jr.", "KISHIDA Fumio"/"Fumio Kishida", "Zelensky"/
//!   "Zelenskyy") are one node, the fullest spelling's; a person a document names by family
//!   name only ("Foreign Minister Kang") is the one person in the store whose name holds that
//!   word — of several, the one who shares a meeting with them, else who holds the post they
//!   are given and is named far more often than the others. [`aliases`] returns these
//!   renamings; the store applies them to the document graphs, so the node gains the ordinal
//!   or the full name without a duplicate, whatever the order of ingest.
//! - order: the editions of a series present in the store, sorted by ordinal, are linked
//!   `dg:precededBy` / `dg:followedBy` in the links graph.
//! - careers: people a table of posts held over time knows get that career in the links
//!   graph ([`super::officials`]).
//!
//! Reads the store, writes nothing.

use crate::text::dates::PartialDate;
use crate::vocab::{self, dg};
use oxigraph::model::{GraphName, NamedNode, Quad, Term};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlEvaluator, SparqlSyntaxError};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};

mod scope;
pub use scope::{updated, Touched};

/// Why a SELECT over the store failed: the query does not parse, or Oxigraph could not run it.
#[derive(Debug, thiserror::Error)]
pub enum SelectError {
    #[error(transparent)]
    Syntax(#[from] SparqlSyntaxError),
    #[error(transparent)]
    Evaluation(#[from] QueryEvaluationError),
}

/// Run a SELECT over all graphs at once.
pub fn select(store: &Store, query: &str) -> Result<Vec<Vec<Option<Term>>>, SelectError> {
    let mut prepared = SparqlEvaluator::new().parse_query(query)?;
    prepared.dataset_mut().set_default_graph_as_union();
    let mut rows = Vec::new();
    if let QueryResults::Solutions(solutions) = prepared.on_store(store).execute()? {
        let width = solutions.variables().len();
        for s in solutions {
            let s = s?;
            rows.push((0..width).map(|i| s.get(i).cloned()).collect());
        }
    }
    Ok(rows)
}

/// The links graph's quads: series order, and careers from the table of posts.
pub fn compute(store: &Store) -> Result<Vec<Quad>, SelectError> {
    let mut out = series_order(store, None)?;
    // Careers of the people a table of posts knows (see [`super::officials`]).
    out.extend(super::officials::quads(store)?);
    Ok(out)
}

/// `VALUES ?var { <iri> … }` restricting a query to `scope`, or nothing for the whole store.
pub(crate) fn values(var: &str, scope: Option<&BTreeSet<String>>) -> String {
    match scope {
        None => String::new(),
        Some(iris) => {
            let mut v = format!("VALUES ?{var} {{");
            for iri in iris {
                v.push_str(" <");
                v.push_str(iri);
                v.push('>');
            }
            v.push_str(" } ");
            v
        }
    }
}

/// The order of the editions of each series (of the series in `series`, or of every series):
/// `dg:precededBy` / `dg:followedBy` between consecutive ordinals.
pub(crate) fn series_order(
    store: &Store,
    series: Option<&BTreeSet<String>>,
) -> Result<Vec<Quad>, SelectError> {
    let q = format!(
        "SELECT DISTINCT ?series ?meeting ?ordinal WHERE {{ {}?meeting <{}> ?series ; <{}ordinal> ?ordinal }}",
        values("series", series),
        vocab::SCHEMA_SUPER_EVENT,
        vocab::DG
    );
    let mut by_series: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
    for row in select(store, &q)? {
        let (Some(Term::NamedNode(series)), Some(Term::NamedNode(meeting)), Some(Term::Literal(n))) =
            (&row[0], &row[1], &row[2])
        else {
            continue;
        };
        let Ok(n) = n.value().parse::<i64>() else {
            continue;
        };
        by_series
            .entry(series.as_str().to_string())
            .or_default()
            .push((n, meeting.as_str().to_string()));
    }
    let graph = GraphName::NamedNode(vocab::links_graph());
    let mut out = Vec::new();
    for (_, mut editions) in by_series {
        editions.sort();
        editions.dedup();
        for pair in editions.windows(2) {
            let (earlier, later) = (&pair[0].1, &pair[1].1);
            if pair[0].0 == pair[1].0 {
                continue;
            }
            let (e, l) = (
                NamedNode::new_unchecked(earlier),
                NamedNode::new_unchecked(later),
            );
            out.push(Quad::new(
                l.clone(),
                dg("precededBy"),
                e.clone(),
                graph.clone(),
            ));
            out.push(Quad::new(e, dg("followedBy"), l, graph.clone()));
        }
    }
    Ok(out)
}

/// Renamings that make one node of a meeting or person that documents name differently:
/// (from, to) pairs, deterministic and independent of ingest order.
pub fn aliases(store: &Store) -> Result<Vec<(NamedNode, NamedNode)>, SelectError> {
    let mut out = meeting_aliases(store, None)?;
    let people = person_aliases(store, None)?;
    out.extend(event_aliases(store, &people, None)?);
    out.extend(people);
    Ok(out)
}

/// The renamings [`aliases`] would give, found by looking only at what `touched` names and
/// at the nodes whose renaming depends on them (see [`scope`]): the same pairs, when the
/// store held no renaming to make before the change `touched` records.
pub fn aliases_of(
    store: &Store,
    touched: &Touched,
) -> Result<Vec<(NamedNode, NamedNode)>, SelectError> {
    let mut out = meeting_aliases(store, Some(&touched.series))?;
    let people_scope = scope::people(store, touched)?;
    let people = person_aliases(store, Some(&people_scope))?;
    let events = scope::events(store, touched, &people)?;
    out.extend(event_aliases(store, &people, Some(&events))?);
    out.extend(people);
    Ok(out)
}

/// Whether two partial dates can be the same day: every part both give is equal, and both
/// give a month and a day.
fn compatible(a: &PartialDate, b: &PartialDate) -> bool {
    let same = |x: Option<i64>, y: Option<i64>| x.is_none() || y.is_none() || x == y;
    a.month.is_some()
        && a.day.is_some()
        && a.month == b.month
        && a.day == b.day
        && same(a.year.map(i64::from), b.year.map(i64::from))
}

fn meeting_aliases(
    store: &Store,
    series: Option<&BTreeSet<String>>,
) -> Result<Vec<(NamedNode, NamedNode)>, SelectError> {
    if series.is_some_and(BTreeSet::is_empty) {
        return Ok(Vec::new());
    }
    let q = format!(
        "SELECT DISTINCT ?m ?series ?ordinal ?date WHERE {{ {}GRAPH ?g {{ ?m a <{}> ; <{}> ?series . \
         OPTIONAL {{ ?m <{}ordinal> ?ordinal }} OPTIONAL {{ ?m <{}> ?date }} }} }}",
        values("series", series),
        vocab::SCHEMA_EVENT,
        vocab::SCHEMA_SUPER_EVENT,
        vocab::DG,
        vocab::SCHEMA_START_DATE
    );
    // series → meeting → (has ordinal, dates)
    let mut by_series: BTreeMap<String, BTreeMap<String, (bool, BTreeSet<PartialDate>)>> =
        BTreeMap::new();
    for row in select(store, &q)? {
        let (Some(Term::NamedNode(m)), Some(Term::NamedNode(series))) = (&row[0], &row[1]) else {
            continue;
        };
        let entry = by_series
            .entry(series.as_str().to_string())
            .or_default()
            .entry(m.as_str().to_string())
            .or_default();
        entry.0 |= row[2].is_some();
        if let Some(Term::Literal(d)) = &row[3] {
            if let Some(d) = PartialDate::from_lexical(d.value()) {
                entry.1.insert(d);
            }
        }
    }
    let mut out = Vec::new();
    for meetings in by_series.values() {
        for (m, (has_ordinal, dates)) in meetings {
            if *has_ordinal || dates.is_empty() {
                continue;
            }
            let editions: Vec<&String> = meetings
                .iter()
                .filter(|(other, (o, other_dates))| {
                    *o && *other != m
                        && other_dates
                            .iter()
                            .any(|od| dates.iter().any(|d| compatible(d, od)))
                })
                .map(|(other, _)| other)
                .collect();
            if let [edition] = editions.as_slice() {
                out.push((
                    NamedNode::new_unchecked(m.as_str()),
                    NamedNode::new_unchecked(edition.as_str()),
                ));
            }
        }
    }
    Ok(out)
}

/// How many days apart a report's publication may be from the dated event it could
/// announce or recount.
const REPORT_WINDOW_DAYS: i64 = 7;

/// What the store says of one event no series names, over every document that reports it.
#[derive(Default)]
struct Reported {
    /// "call" for calls and video calls, "in person" for the rest.
    family: &'static str,
    /// Full dates the reports give the event.
    dates: BTreeSet<PartialDate>,
    /// Publication dates of the reports.
    published: BTreeSet<PartialDate>,
    people: BTreeSet<String>,
    /// Everything the event involves: people, states, organisations.
    involved: BTreeSet<String>,
}

impl Reported {
    /// Whether the event's date and a report's publication date (of an undated report of the
    /// other) fit: equal full dates, or a publication within the window of a date, or two
    /// undated reports published the same day.
    fn when_fits(&self, other: &Reported) -> bool {
        let near = |d: &PartialDate, p: &PartialDate| {
            (-REPORT_WINDOW_DAYS..=REPORT_WINDOW_DAYS).any(|k| d.plus_days(k).as_ref() == Some(p))
        };
        match (self.dates.is_empty(), other.dates.is_empty()) {
            (false, false) => !self.dates.is_disjoint(&other.dates),
            (false, true) => self
                .dates
                .iter()
                .any(|d| other.published.iter().any(|p| near(d, p))),
            (true, false) => other.when_fits(self),
            (true, true) => !self.published.is_disjoint(&other.published),
        }
    }
}

/// Renamings for events no series names that several documents report — an announcement,
/// the remarks before a meeting, two publishers' readouts of one call: the same kind of
/// contact (a call, or in person), a date that fits (see [`Reported::when_fits`]) and the
/// same people (one report's two or more people all among the other's). A report that names
/// fewer than two people stays apart: one official has several meetings a day, and two
/// officials of one government may meet one state's visitors on one day. Look-alikes stay apart: calls between the same two people on
/// different days, two officials of one government meeting one visitor on one day. `people`
/// are the person renamings of this round, so events are compared on linked people.
fn event_aliases(
    store: &Store,
    people: &[(NamedNode, NamedNode)],
    scope: Option<&BTreeSet<String>>,
) -> Result<Vec<(NamedNode, NamedNode)>, SelectError> {
    if scope.is_some_and(BTreeSet::is_empty) {
        return Ok(Vec::new());
    }
    let person = renamed(people);
    let events = event_facts(store, &person, scope)?;
    event_renamings(&events)
}

/// Renamings as a map from each renamed node to its new one.
fn renamed(pairs: &[(NamedNode, NamedNode)]) -> BTreeMap<&str, &str> {
    pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect()
}

/// Whether two reports are of one event: the same kind of contact, a date that fits and the
/// same people (see [`event_aliases`]).
fn one_event(a: &Reported, b: &Reported) -> bool {
    let (small, large) = if a.people.len() <= b.people.len() {
        (a, b)
    } else {
        (b, a)
    };
    a.family == b.family
        && a.when_fits(b)
        && small.people.len() >= 2
        && small.people.is_subset(&large.people)
}

/// What the store says of each event with a `dg:kind` (of those in `scope`, or of all), its
/// people given as `person` renames them.
fn event_facts(
    store: &Store,
    person: &BTreeMap<&str, &str>,
    scope: Option<&BTreeSet<String>>,
) -> Result<BTreeMap<String, Reported>, SelectError> {
    let q = format!(
        "SELECT ?e ?kind ?x ?date ?published WHERE {{ {}GRAPH ?g {{ ?e <{dg}kind> ?kind . \
         OPTIONAL {{ ?e <{dg}involves> ?x }} OPTIONAL {{ ?e <{}> ?date }} \
         OPTIONAL {{ ?g <{}> ?published }} }} }}",
        values("e", scope),
        vocab::SCHEMA_START_DATE,
        vocab::SCHEMA_DATE_PUBLISHED,
        dg = vocab::DG,
    );
    let mut events: BTreeMap<String, Reported> = BTreeMap::new();
    for row in select(store, &q)? {
        let (Some(Term::NamedNode(e)), Some(Term::Literal(kind))) = (&row[0], &row[1]) else {
            continue;
        };
        let r = events.entry(e.as_str().to_string()).or_default();
        r.family = if kind.value().contains("call") {
            "call"
        } else {
            "in person"
        };
        if let Some(Term::NamedNode(x)) = &row[2] {
            let x = person.get(x.as_str()).copied().unwrap_or(x.as_str());
            if x.contains("/person/") {
                r.people.insert(x.to_string());
            }
            r.involved.insert(x.to_string());
        }
        let full = |t: &Option<Term>| match t {
            Some(Term::Literal(d)) => PartialDate::from_lexical(d.value())
                .filter(|d| d.year.is_some() && d.month.is_some() && d.day.is_some()),
            _ => None,
        };
        r.dates.extend(full(&row[3]));
        r.published.extend(full(&row[4]));
    }
    Ok(events)
}

/// The renamings that make one node of the reports of one event, among `events`.
fn event_renamings(
    events: &BTreeMap<String, Reported>,
) -> Result<Vec<(NamedNode, NamedNode)>, SelectError> {
    let ids: Vec<&String> = events.keys().collect();
    let at: Vec<&Reported> = ids.iter().map(|e| &events[*e]).collect();
    // Candidates share someone or something involved: an index from each to its events.
    let mut by_involved: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in at.iter().enumerate() {
        for x in &r.involved {
            by_involved.entry(x.as_str()).or_default().push(i);
        }
    }
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    for (i, r) in at.iter().enumerate() {
        if r.people.len() < 2 {
            continue;
        }
        let mut candidates: BTreeSet<usize> = BTreeSet::new();
        for x in &r.involved {
            candidates.extend(by_involved[x.as_str()].iter().copied().filter(|&j| j > i));
        }
        for j in candidates {
            if one_event(r, at[j]) {
                union(&mut parent, i, j);
            }
        }
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..ids.len() {
        let r = root(&mut parent, i);
        components.entry(r).or_default().push(i);
    }
    let mut out = Vec::new();
    for members in components.values().filter(|m| m.len() > 1) {
        // Reports that date it differently are not one event.
        let dates: BTreeSet<&PartialDate> = members.iter().flat_map(|&i| &at[i].dates).collect();
        if dates.len() > 1 {
            continue;
        }
        // The node of the dated report that involves most, then the smallest IRI.
        let Some(&head) = members.iter().min_by_key(|&&i| {
            (
                at[i].dates.is_empty(),
                std::cmp::Reverse(at[i].involved.len()),
                ids[i].as_str(),
            )
        }) else {
            continue;
        };
        for &i in members.iter().filter(|&&i| i != head) {
            out.push((
                NamedNode::new_unchecked(ids[i].as_str()),
                NamedNode::new_unchecked(ids[head].as_str()),
            ));
        }
    }
    Ok(out)
}

/// Union-find: the representative of `i`'s set.
pub(crate) fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Union-find: join the sets of `i` and `j` under the smaller representative.
pub(crate) fn union(parent: &mut [usize], i: usize, j: usize) {
    let (ri, rj) = (root(parent, i), root(parent, j));
    parent[ri.max(rj)] = ri.min(rj);
}

/// Forms of a given name that name one person: a hypocorism and its full form. General
/// English usage, not a list of the people any corpus holds.
const NICKNAMES: &[(&str, &str)] = &[
    ("tony", "antony"),
    ("joe", "joseph"),
    ("bill", "william"),
    ("will", "william"),
    ("bob", "robert"),
    ("rob", "robert"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("mike", "michael"),
    ("tom", "thomas"),
    ("dick", "richard"),
    ("rick", "richard"),
    ("chris", "christopher"),
    ("dan", "daniel"),
    ("dave", "david"),
    ("ed", "edward"),
    ("ted", "edward"),
    ("andy", "andrew"),
    ("alex", "alexander"),
    ("ben", "benjamin"),
    ("charlie", "charles"),
    ("chuck", "charles"),
    ("liz", "elizabeth"),
    ("beth", "elizabeth"),
    ("kate", "katherine"),
    ("cathy", "catherine"),
    ("sam", "samuel"),
    ("steve", "stephen"),
    ("tim", "timothy"),
    ("nick", "nicholas"),
    ("matt", "matthew"),
    ("pat", "patricia"),
    ("phil", "philip"),
    ("sue", "susan"),
    ("jen", "jennifer"),
    ("greg", "gregory"),
    ("jeff", "jeffrey"),
    ("ken", "kenneth"),
    ("larry", "lawrence"),
    ("ron", "ronald"),
    ("don", "donald"),
    ("tina", "christina"),
];

/// Words after a family name that are no part of who someone is: "Jr.", "III".
const NAME_SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// The numerals of those suffixes, which after a single name make a sovereign's name.
const REGNAL: &[&str] = &["ii", "iii", "iv"];

/// The words of a name that identify its bearer, folded: diacritics and case dropped,
/// initials and suffixes left out ("Joseph R. Biden, Jr." → joseph biden), a hypocorism in
/// first place given its full form (Tony → antony), and doubled letters written once, the
/// commonest difference between transliterations (Zelenskyy, Zelensky → zelensky).
/// `None` for fewer than two such words: a family name alone is resolved otherwise.
pub(crate) fn name_words(name: &str) -> Option<Vec<String>> {
    let mut words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(vocab::slug)
        .map(|w| w.replace('-', ""))
        .filter(|w| w.chars().count() > 1 && !NAME_SUFFIXES.contains(&w.as_str()))
        .collect();
    if words.len() < 2 {
        return None;
    }
    if let Some((_, full)) = NICKNAMES.iter().find(|(short, _)| *short == words[0]) {
        words[0] = (*full).to_string();
    }
    for w in &mut words {
        *w = single_letters(w);
    }
    Some(words)
}

/// A word with each run of one letter written once ("zelenskyy" → "zelensky").
fn single_letters(w: &str) -> String {
    let mut folded = String::with_capacity(w.len());
    for c in w.chars() {
        if !folded.ends_with(c) {
            folded.push(c);
        }
    }
    folded
}

/// One word of a name as [`name_words`] folds it.
fn fold_word(w: &str) -> String {
    single_letters(&vocab::slug(w).replace('-', ""))
}

/// Words that join a given name to a father's ("Abdullah bin Zayed"): a name holding one
/// is often written without the family name that follows.
const PATRONYMIC: &[&str] = &["bin", "ibn", "bint"];

/// Whether two names can be one person's: two words in either order, or the same first
/// identifying word and either the same last word with the words of one appearing, in order,
/// among the other's ("Joseph Biden" within "Joseph Robinette Biden"), or a patronymic name
/// that the longer one continues ("Abdullah bin Zayed" of "Abdullah bin Zayed Al Nahyan").
/// So "Abdullah bin Zayed" and "Mohamed bin Zayed" stay two, and so do "Jill Biden" and
/// "Joe Biden".
pub(crate) fn same_bearer(a: &[String], b: &[String]) -> bool {
    // Two words in either order: the family name first ("Suga Yoshihide", as Japanese and
    // Korean names are often written, in capitals or not) and last ("Yoshihide Suga").
    if a.len() == 2 && b.len() == 2 && a[0] == b[1] && a[1] == b[0] {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.first() != long.first() {
        return false;
    }
    if short.last() == long.last() {
        let mut rest = long.iter();
        return short.iter().all(|w| rest.any(|l| l == w));
    }
    short.iter().any(|w| PATRONYMIC.contains(&w.as_str())) && long.starts_with(short)
}

/// A person's names as identifying words. A two-word name its documents also write with
/// the family name first in capitals ("KISHIDA Fumio") is turned to given-name order, so it
/// meets the spellings that put the given name first.
fn person_words(names: &BTreeSet<String>) -> Vec<Vec<String>> {
    let family_first = names.iter().any(|n| {
        let w: Vec<&str> = n.split_whitespace().collect();
        w.len() == 2
            && w[0].chars().count() >= 2
            && w[0].chars().all(|c| c.is_alphabetic() && c.is_uppercase())
            && w[1].chars().any(char::is_lowercase)
    });
    names
        .iter()
        .filter_map(|n| name_words(n))
        .map(|mut w| {
            if family_first && w.len() == 2 {
                w.reverse();
            }
            w
        })
        .collect()
}

/// A name that is only part of someone's: its identifying words, folded, and the initials
/// written before them ("S. Jaishankar" → [jaishankar], [s]).
struct ShortForm {
    words: Vec<String>,
    initials: Vec<char>,
}

impl ShortForm {
    /// Whether `name` (a name of two words or more) is a fuller name this one can stand for:
    /// one word that is any word of it ("Biden" of "Joseph R. Biden, Jr.", "Kishida" of
    /// "KISHIDA Fumio"), or several words that end it ("López Obrador" of "Andrés Manuel
    /// López Obrador"); each initial must begin another of its words.
    fn fits(&self, name: &str) -> bool {
        // One word may be any word of a name written in two or more ("Elizabeth II").
        if let [word] = self.words.as_slice() {
            let tokens: Vec<&str> = name.split_whitespace().collect();
            let word = word_key(word);
            let Some(i) = tokens.iter().position(|t| same_word(&word_key(t), &word)) else {
                return false;
            };
            return tokens.len() >= 2 && self.initials_begin(&tokens, &[i]);
        }
        let tokens: Vec<&str> = name
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|t| {
                let w = fold_word(t);
                w.chars().count() > 1 && !NAME_SUFFIXES.contains(&w.as_str())
            })
            .collect();
        if tokens.len() <= self.words.len() {
            return false;
        }
        let from = tokens.len() - self.words.len();
        // After "bin" come a father's names: "Abdulaziz Al Saud" does not end "Salman bin
        // Abdulaziz Al Saud" as a family name does.
        let after_patronymic = PATRONYMIC.contains(&fold_word(tokens[from - 1]).as_str());
        !after_patronymic
            && tokens[from..]
                .iter()
                .zip(&self.words)
                .all(|(t, w)| fold_word(t) == *w)
            && self.initials_begin(&tokens, &(from..tokens.len()).collect::<Vec<_>>())
    }

    /// The keys a person holding this name is looked up by (see [`held_words`]).
    fn last_key(&self) -> (String, String) {
        self.words.last().map(|w| word_key(w)).unwrap_or_default()
    }

    /// Whether each initial begins one of the words of `tokens` not at `matched`.
    fn initials_begin(&self, tokens: &[&str], matched: &[usize]) -> bool {
        self.initials.iter().all(|c| {
            tokens
                .iter()
                .enumerate()
                .any(|(j, t)| !matched.contains(&j) && fold_word(t).starts_with(*c))
        })
    }
}

/// The short form every spelling of a person shares, if they share one: one to three
/// identifying words (initials and suffixes aside), the same in every document.
fn short_form(names: &BTreeSet<String>) -> Option<ShortForm> {
    let mut form: Option<ShortForm> = None;
    for n in names {
        let mut words = Vec::new();
        let mut initials = Vec::new();
        let mut regnal = false;
        for t in n.split(|c: char| c.is_whitespace() || c == ',') {
            let plain = vocab::slug(t);
            regnal |= REGNAL.contains(&plain.as_str());
            let w = fold_word(t);
            if w.is_empty() || NAME_SUFFIXES.contains(&plain.as_str()) {
                continue;
            }
            match w.chars().collect::<Vec<_>>().as_slice() {
                [one] => initials.push(*one),
                _ => words.push(w),
            }
        }
        // One name and a numeral is a sovereign's whole name ("Abdullah II"), not part of one.
        if words.is_empty() || words.len() > 3 || (regnal && words.len() == 1) {
            return None;
        }
        match &form {
            None => form = Some(ShortForm { words, initials }),
            Some(f) if f.words == words => {}
            Some(_) => return None,
        }
    }
    form
}

/// Whether two posts can be one: the same words, or one the start of the other ("Secretary"
/// of "Secretary of Commerce", "Secretary General" of "Secretary-General"), so that a title
/// given short does not set its bearer apart; "President" is not "Vice President".
pub(crate) fn post_fits(a: &str, b: &str) -> bool {
    let words = |p: &str| -> Vec<String> {
        p.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    !short.is_empty() && long.starts_with(short)
}

/// How many times more documents the one bearer of a family name that a one-word mention
/// goes to must have than each other bearer.
const DOMINANCE: usize = 4;

/// What the store says of each person: every spelling, meeting and post.
#[derive(Default)]
struct PersonFacts {
    names: BTreeSet<String>,
    meetings: BTreeSet<String>,
    posts: BTreeMap<String, usize>,
    documents: usize,
}

fn person_facts(
    store: &Store,
    scope: Option<&BTreeSet<String>>,
) -> Result<BTreeMap<String, PersonFacts>, SelectError> {
    let q = format!(
        "SELECT DISTINCT ?p ?name ?meeting WHERE {{ {}GRAPH ?g {{ ?p a <{}> ; <{}> ?name . \
         OPTIONAL {{ ?part <{}participant> ?p ; <{}meeting> ?meeting }} }} }}",
        values("p", scope),
        vocab::SCHEMA_PERSON,
        vocab::SCHEMA_NAME,
        vocab::DG,
        vocab::DG
    );
    let mut people: BTreeMap<String, PersonFacts> = BTreeMap::new();
    for row in select(store, &q)? {
        let (Some(Term::NamedNode(p)), Some(Term::Literal(name))) = (&row[0], &row[1]) else {
            continue;
        };
        let entry = people.entry(p.as_str().to_string()).or_default();
        entry.names.insert(name.value().to_string());
        if let Some(Term::NamedNode(m)) = &row[2] {
            entry.meetings.insert(m.as_str().to_string());
        }
    }
    // The posts documents give (not the careers the links graph adds, which follow from
    // the renamings and must not steer them).
    let q = format!(
        "SELECT ?p ?post (COUNT(*) AS ?n) WHERE {{ {}GRAPH ?g {{ ?m <{}member> ?p ; \
         <{}role>/<{}> ?post }} FILTER(?g != <{}>) }} GROUP BY ?p ?post",
        values("p", scope),
        vocab::ORG,
        vocab::ORG,
        vocab::SKOS_PREF_LABEL,
        vocab::links_graph().as_str()
    );
    for row in select(store, &q)? {
        let (Some(Term::NamedNode(p)), Some(Term::Literal(post)), Some(Term::Literal(n))) =
            (&row[0], &row[1], &row[2])
        else {
            continue;
        };
        if let Some(entry) = people.get_mut(p.as_str()) {
            entry
                .posts
                .insert(post.value().to_string(), n.value().parse().unwrap_or(1));
        }
    }
    let q = format!(
        "SELECT ?p (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {}GRAPH ?g {{ ?p a <{}> }} }} GROUP BY ?p",
        values("p", scope),
        vocab::SCHEMA_PERSON
    );
    for row in select(store, &q)? {
        if let (Some(Term::NamedNode(p)), Some(Term::Literal(n))) = (&row[0], &row[1]) {
            if let Some(entry) = people.get_mut(p.as_str()) {
                entry.documents = n.value().parse().unwrap_or(0);
            }
        }
    }
    Ok(people)
}

/// Whether every spelling of one person can be every spelling of another (see
/// [`same_bearer`]).
fn agree(a: &[Vec<String>], b: &[Vec<String>]) -> bool {
    !a.is_empty() && !b.is_empty() && a.iter().all(|x| b.iter().all(|y| same_bearer(x, y)))
}

/// The words under which a person's spellings are compared with others': each first word,
/// and the last word of a two-word name (where its reversed spelling meets it).
fn first_keys(words: &[Vec<String>]) -> BTreeSet<&str> {
    words
        .iter()
        .flat_map(|w| {
            let last = (w.len() == 2).then(|| w[1].as_str());
            std::iter::once(w[0].as_str()).chain(last)
        })
        .collect()
}

/// A word of a name as the extractor keys it and as names fold it ("Zelenskky").
fn word_key(w: &str) -> (String, String) {
    (crate::extract::person_key(w), fold_word(w))
}

/// Whether two words are one as either key says.
fn same_word(a: &(String, String), b: &(String, String)) -> bool {
    a.0 == b.0 || a.1 == b.1
}

/// The keys of every word of a person's names of two words or more: what a short name is
/// looked up by.
fn held_words(names: &BTreeSet<String>) -> impl Iterator<Item = String> + '_ {
    names
        .iter()
        .filter(|n| n.split_whitespace().count() >= 2)
        .flat_map(|n| n.split_whitespace())
        .flat_map(|t| {
            let (key, folded) = word_key(t);
            [key, folded]
        })
}

/// Renamings for people: (1) spellings of one full name ("Joe Biden", "Joseph R. Biden, Jr.")
/// become the node of the fullest spelling; (2) a person known by one word only ("Biden")
/// becomes the one person whose full name ends with it — when several do, the one who shares
/// a meeting with them, else the one who holds the post the one-word mentions give
/// ("President Biden" is not Jill Biden).
fn person_aliases(
    store: &Store,
    scope: Option<&BTreeSet<String>>,
) -> Result<Vec<(NamedNode, NamedNode)>, SelectError> {
    if scope.is_some_and(BTreeSet::is_empty) {
        return Ok(Vec::new());
    }
    let people = person_facts(store, scope)?;
    // (1) Spelling variants: people whose names all agree (see [`same_bearer`]) are one; the
    // fullest spelling names them.
    let ids: Vec<&String> = people.keys().collect();
    let words: Vec<Vec<Vec<String>>> = ids
        .iter()
        .map(|p| person_words(&people[*p].names))
        .collect();
    let agree = |i: usize, j: usize| agree(&words[i], &words[j]);
    // Pairs are tried among the people sharing a first word; a two-word name is also filed
    // under its last word, where its reversed spelling meets it.
    let mut by_first: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, ws) in words.iter().enumerate() {
        for f in first_keys(ws) {
            by_first.entry(f).or_default().push(i);
        }
    }
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    for group in by_first.values() {
        for (x, &i) in group.iter().enumerate() {
            for &j in &group[x + 1..] {
                if agree(i, j) {
                    union(&mut parent, i, j);
                }
            }
        }
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..ids.len() {
        let r = root(&mut parent, i);
        components.entry(r).or_default().push(i);
    }
    let mut canonical: BTreeMap<&String, &String> = BTreeMap::new();
    for members in components.values().filter(|m| m.len() > 1) {
        // Agreement is not transitive ("Joseph Biden" fits two longer names that differ):
        // a group holding two names that disagree is left apart.
        let consistent = members
            .iter()
            .enumerate()
            .all(|(x, &i)| members[x + 1..].iter().all(|&j| agree(i, j)));
        if !consistent {
            continue;
        }
        // The fullest spelling: most words (initials and suffixes count), then the IRI.
        let fullest = |i: &&usize| {
            let most = people[ids[**i]]
                .names
                .iter()
                .map(|n| n.split_whitespace().count())
                .max()
                .unwrap_or(0);
            (std::cmp::Reverse(most), ids[**i].clone())
        };
        let Some(&head) = members.iter().min_by_key(fullest) else {
            continue;
        };
        for &i in members {
            canonical.insert(ids[i], ids[head]);
        }
    }
    let head_of = |p: &String| -> String { canonical.get(p).map_or(p, |h| *h).clone() };
    let mut out: Vec<(NamedNode, NamedNode)> = canonical
        .iter()
        .filter(|(p, h)| p != h)
        .map(|(p, h)| {
            (
                NamedNode::new_unchecked(p.as_str()),
                NamedNode::new_unchecked(h.as_str()),
            )
        })
        .collect();

    // (2) Short names: people every document names by a family name alone ("Biden"), a
    // family name of several words ("López Obrador", "Le Drian"), or a family name after
    // initials ("S. Jaishankar").
    // A word matches as the extractor keys it or as names fold it ("Zelenskky").
    // Who holds each word in a name of two words or more, so a short name is looked up, not
    // compared with every person.
    let mut by_word: BTreeMap<String, BTreeSet<&String>> = BTreeMap::new();
    for (other, of) in &people {
        for key in held_words(&of.names) {
            by_word.entry(key).or_default().insert(other);
        }
    }
    // Short names of several words first ("Moreno Bau" → "Ángeles Moreno Bau"), so that a
    // one-word mention ("Bau") then finds the one group it belongs to.
    let mut shorts: Vec<(&String, &PersonFacts, ShortForm)> = people
        .iter()
        // A person who is already one of a group of spellings keeps to it.
        .filter(|(p, _)| !canonical.contains_key(*p))
        .filter_map(|(p, facts)| Some((p, facts, short_form(&facts.names)?)))
        .collect();
    shorts.sort_by_key(|(p, _, short)| (std::cmp::Reverse(short.words.len()), (*p).clone()));
    let mut moved: BTreeMap<String, String> = BTreeMap::new();
    for (p, facts, short) in shorts {
        let head_of = |other: &String| -> String {
            let head = head_of(other);
            moved.get(&head).cloned().unwrap_or(head)
        };
        let last = short.last_key();
        let candidates: BTreeSet<&String> = [&last.0, &last.1]
            .iter()
            .filter_map(|k| by_word.get(*k))
            .flatten()
            .copied()
            .collect();
        // The groups (after step 1) whose full names hold that name: their meetings, posts
        // and documents.
        #[derive(Default)]
        struct Holder<'a> {
            meetings: BTreeSet<&'a String>,
            posts: BTreeSet<&'a String>,
            documents: usize,
        }
        let mut holders: BTreeMap<String, Holder> = BTreeMap::new();
        for other in candidates {
            let of = &people[other];
            if other != p && of.names.iter().any(|n| short.fits(n)) {
                let h = holders.entry(head_of(other)).or_default();
                h.meetings.extend(of.meetings.iter());
                h.posts.extend(of.posts.keys());
                h.documents += of.documents;
            }
        }
        // The post the one-word mentions give most often.
        let post = facts
            .posts
            .iter()
            .max_by_key(|(post, n)| (**n, std::cmp::Reverse((*post).clone())))
            .map(|(post, _)| post);
        let only = |found: Vec<&String>| match found.as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        };
        let sharing = only(
            holders
                .iter()
                .filter(|(_, h)| h.meetings.iter().any(|m| facts.meetings.contains(*m)))
                .map(|(k, _)| k)
                .collect(),
        );
        // Holders of that post, or every holder when none holds it; among them the one the
        // corpus names far more often than each other ("Herzog" of two Presidents Herzog).
        let with_post: Vec<(&String, &Holder)> = holders
            .iter()
            .filter(|(_, h)| post.is_some_and(|post| h.posts.iter().any(|hp| post_fits(post, hp))))
            .collect();
        // A post that no bearer of the name holds, when every bearer holds some post, says
        // the one-word mentions are someone else ("Pope Francis" is not a David Francis).
        let someone_else = !facts.posts.is_empty()
            && holders.values().all(|h| {
                !h.posts.is_empty()
                    && facts
                        .posts
                        .keys()
                        .all(|p| !h.posts.iter().any(|hp| post_fits(p, hp)))
            });
        let pool: Vec<(&String, &Holder)> = if !with_post.is_empty() {
            with_post
        } else if someone_else {
            Vec::new()
        } else {
            holders.iter().collect()
        };
        let dominant = pool
            .iter()
            .find(|(k, h)| {
                pool.iter()
                    .all(|(o, oh)| o == k || h.documents >= DOMINANCE * oh.documents.max(1))
            })
            .map(|(k, _)| (*k).clone());
        let Some(to) = sharing.or(dominant) else {
            continue;
        };
        // A fuller name that documents give less often than the short one is, as often as
        // not, a title or phrase run into the name ("Madam Samantha Power", "Chairman-in-Office
        // Zbigniew Rau"): the short name's node stays, and a lone fuller one joins it.
        if short.words.len() >= 2 && holders[&to].documents < facts.documents {
            let alone = !canonical.values().any(|h| **h == to) && !moved.contains_key(&to);
            if alone {
                moved.insert(to.clone(), p.clone());
                out.push((
                    NamedNode::new_unchecked(to.as_str()),
                    NamedNode::new_unchecked(p.as_str()),
                ));
            }
            continue;
        }
        moved.insert(p.clone(), to.clone());
        out.push((
            NamedNode::new_unchecked(p.as_str()),
            NamedNode::new_unchecked(to.as_str()),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(name: &str) -> Vec<String> {
        name_words(name).unwrap_or_default()
    }

    #[test]
    fn names_fold_to_the_words_that_identify_someone() {
        assert_eq!(w("Joseph R. Biden, Jr."), ["joseph", "biden"]);
        assert_eq!(w("Joe Biden"), ["joseph", "biden"]);
        assert_eq!(w("Volodymyr Zelenskyy"), w("Volodymyr Zelensky"));
        assert_eq!(w("Mevlüt Çavuşoğlu"), w("Mevlut Cavusoglu"));
        assert!(name_words("Biden").is_none());
    }

    #[test]
    fn names_agree_only_when_one_can_be_the_other() {
        assert!(same_bearer(
            &w("Joseph Biden"),
            &w("Joseph Robinette Biden")
        ));
        assert!(!same_bearer(&w("Jill Biden"), &w("Joe Biden")));
        assert!(same_bearer(
            &w("Abdullah bin Zayed"),
            &w("Abdullah bin Zayed Al Nahyan")
        ));
        assert!(!same_bearer(
            &w("Abdullah bin Zayed"),
            &w("Mohamed bin Zayed Al Nahyan")
        ));
        assert!(!same_bearer(&w("Kim Jong Un"), &w("Kim Jong Il")));
    }

    #[test]
    fn short_names_fit_the_full_names_they_stand_for() {
        let form = |names: &[&str]| {
            short_form(&names.iter().map(|n| n.to_string()).collect()).expect("a short form")
        };
        let fits = |short: &[&str], name: &str| form(short).fits(name);
        assert!(fits(&["López Obrador"], "Andrés Manuel Lopez Obrador"));
        assert!(!fits(&["Manuel Lopez"], "Andrés Manuel Lopez Obrador"));
        assert!(fits(&["S. Jaishankar"], "Subrahmanyam Jaishankar"));
        assert!(!fits(&["K. Jaishankar"], "Subrahmanyam Jaishankar"));
        assert!(fits(&["Biden"], "Joseph R. Biden, Jr."));
        assert!(fits(&["Elizabeth"], "Elizabeth II"));
        // A sovereign's name is whole: "Abdullah II" is no short form of "Rania Al Abdullah".
        assert!(short_form(&["Abdullah II".to_string()].into()).is_none());
        // After "bin" come a father's names, not a family name.
        assert!(!fits(
            &["Abdulaziz Al Saud"],
            "Salman bin Abdulaziz Al Saud"
        ));
        assert!(fits(&["Al Saud"], "Salman bin Abdulaziz Al Saud"));
        // Different short names of one node give no short form.
        assert!(short_form(&["Biden".to_string(), "Joe Biden".to_string()].into()).is_none());
    }

    #[test]
    fn a_post_given_short_fits_the_full_post_but_not_another() {
        assert!(post_fits("Secretary", "Secretary of Commerce"));
        assert!(post_fits("Secretary General", "Secretary-General"));
        assert!(!post_fits("President", "Vice President"));
        assert!(!post_fits("Prime Minister", "Foreign Minister"));
    }

    #[test]
    fn two_word_names_agree_in_either_order() {
        assert!(same_bearer(&w("Suga Yoshihide"), &w("Yoshihide Suga")));
        assert!(!same_bearer(&w("Suga Yoshihide"), &w("Yoshihide Kishida")));
    }

    #[test]
    fn a_family_name_first_in_capitals_is_turned_to_given_name_order() {
        let names: BTreeSet<String> = ["KISHIDA Fumio".to_string(), "Kishida Fumio".to_string()]
            .into_iter()
            .collect();
        let words = person_words(&names);
        assert!(words.iter().all(|x| x == &w("Fumio Kishida")), "{words:?}");
    }
}
