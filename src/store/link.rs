//! Links across documents, computed from the whole store after each ingest.
//!
//! Most identity needs no linking step: IRIs are minted from canonical keys, so two documents
//! about one meeting, person or state already write to one node. Two cases need the whole
//! store, and are found here:
//! - aliases: a meeting a document names without its ordinal is keyed by series and date
//!   (`…/2023-07-06`); when another document gives that series' edition with a compatible date
//!   and an ordinal, the dated node is the same meeting. Likewise a person a document names by
//!   family name only ("Foreign Minister Kang") is the one person in the store whose name
//!   holds that word (or the one who shares a meeting with them). [`aliases`] returns these
//!   renamings; the store applies them to the document graphs, so the node gains the ordinal
//!   or the full name without a duplicate, whatever the order of ingest.
//! - order: the editions of a series present in the store, sorted by ordinal, are linked
//!   `dg:precededBy` / `dg:followedBy` in the links graph, recomputed from scratch each time.
//!
//! Reads the store, writes nothing.

use crate::text::dates::PartialDate;
use crate::vocab::{self, dg};
use oxigraph::model::{GraphName, NamedNode, Quad, Term};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlEvaluator, SparqlSyntaxError};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};

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

/// The links graph's quads.
pub fn compute(store: &Store) -> Result<Vec<Quad>, SelectError> {
    let q = format!(
        "SELECT DISTINCT ?series ?meeting ?ordinal WHERE {{ ?meeting <{}> ?series ; <{}ordinal> ?ordinal }}",
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
    let mut out = meeting_aliases(store)?;
    out.extend(person_aliases(store)?);
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

fn meeting_aliases(store: &Store) -> Result<Vec<(NamedNode, NamedNode)>, SelectError> {
    let q = format!(
        "SELECT DISTINCT ?m ?series ?ordinal ?date WHERE {{ GRAPH ?g {{ ?m a <{}> ; <{}> ?series . \
         OPTIONAL {{ ?m <{}ordinal> ?ordinal }} OPTIONAL {{ ?m <{}> ?date }} }} }}",
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

fn person_aliases(store: &Store) -> Result<Vec<(NamedNode, NamedNode)>, SelectError> {
    let q = format!(
        "SELECT DISTINCT ?p ?name ?meeting WHERE {{ GRAPH ?g {{ ?p a <{}> ; <{}> ?name . \
         OPTIONAL {{ ?part <{}participant> ?p ; <{}meeting> ?meeting }} }} }}",
        vocab::SCHEMA_PERSON,
        vocab::SCHEMA_NAME,
        vocab::DG,
        vocab::DG
    );
    // person → (names, meetings)
    let mut people: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for row in select(store, &q)? {
        let (Some(Term::NamedNode(p)), Some(Term::Literal(name))) = (&row[0], &row[1]) else {
            continue;
        };
        let entry = people.entry(p.as_str().to_string()).or_default();
        entry.0.insert(name.value().to_string());
        if let Some(Term::NamedNode(m)) = &row[2] {
            entry.1.insert(m.as_str().to_string());
        }
    }
    let word_key = |w: &str| crate::extract::person_key(w);
    let mut out = Vec::new();
    for (p, (names, meetings)) in &people {
        // Only people known by one word in every document that names them.
        if names.iter().any(|n| n.split_whitespace().count() != 1) {
            continue;
        }
        let Some(word) = names.iter().next().map(|n| word_key(n)) else {
            continue;
        };
        let holders: Vec<(&String, &BTreeSet<String>)> = people
            .iter()
            .filter(|(other, (other_names, _))| {
                *other != p
                    && other_names.iter().any(|n| {
                        n.split_whitespace().count() >= 2
                            && n.split_whitespace().any(|t| word_key(t) == word)
                    })
            })
            .map(|(other, (_, m))| (other, m))
            .collect();
        let chosen = match holders.as_slice() {
            [(only, _)] => Some(*only),
            many => {
                let sharing: Vec<&String> = many
                    .iter()
                    .filter(|(_, m)| !m.is_disjoint(meetings))
                    .map(|(o, _)| *o)
                    .collect();
                match sharing.as_slice() {
                    [one] => Some(*one),
                    _ => None,
                }
            }
        };
        if let Some(to) = chosen {
            out.push((
                NamedNode::new_unchecked(p.as_str()),
                NamedNode::new_unchecked(to.as_str()),
            ));
        }
    }
    Ok(out)
}
