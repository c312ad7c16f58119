//! Links across documents, computed from the whole store after each ingest.
//!
//! Identity needs no linking step: IRIs are minted from canonical keys, so two documents
//! about one meeting, person or state already write to one node. What only the whole store
//! knows is order: the editions of a series present in it, sorted by ordinal, are linked
//! `dg:precededBy` / `dg:followedBy`. These quads live in the links graph and are recomputed
//! from scratch each time, so ingest order cannot change them. Reads the store, writes nothing.

use crate::vocab::{self, dg};
use oxigraph::model::{GraphName, NamedNode, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::BTreeMap;

/// Run a SELECT over all graphs at once.
pub fn select(store: &Store, query: &str) -> Result<Vec<Vec<Option<Term>>>, String> {
    let mut prepared = SparqlEvaluator::new()
        .parse_query(query)
        .map_err(|e| e.to_string())?;
    prepared.dataset_mut().set_default_graph_as_union();
    let mut rows = Vec::new();
    if let QueryResults::Solutions(solutions) = prepared
        .on_store(store)
        .execute()
        .map_err(|e| e.to_string())?
    {
        let width = solutions.variables().len();
        for s in solutions {
            let s = s.map_err(|e| e.to_string())?;
            rows.push((0..width).map(|i| s.get(i).cloned()).collect());
        }
    }
    Ok(rows)
}

/// The links graph's quads.
pub fn compute(store: &Store) -> Result<Vec<Quad>, String> {
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
