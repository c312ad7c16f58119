//! Queries stop at their time limit, federated queries are refused, and an N-Quads dump
//! restores into a fresh store triple for triple.

use crate::common::*;
use std::time::{Duration, Instant};

fn samples_store() -> TempStore {
    let s = TempStore::new();
    s.ingest(&[&root().join("data/documents")]);
    s
}

/// Expensive shapes: a triple cross product counted (the join loop checks the token), sorted
/// (ORDER BY materialises first) and grouped (GROUP BY aggregates first).
const EXPENSIVE: &[&str] = &[
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "SELECT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i LIMIT 1",
    "SELECT ?c (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } GROUP BY ?c",
];

/// Oxigraph 0.5 checks its cancellation token only where it reads the store, and none of
/// these shapes stops there (each ran past 30 s); the CLI's second clock ends them.
#[test]
fn an_expensive_query_stops_at_the_time_limit() {
    let s = samples_store();
    let store = s.store();
    for q in EXPENSIVE {
        let started = Instant::now();
        let out = run(&["--store", &store, "query", "--timeout", "1", "--sparql", q]);
        let took = started.elapsed();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{q}: {err}");
        assert!(
            err.contains("query stopped after the 1 s time limit"),
            "{q}: {err}"
        );
        // Loading the store costs a little; the query itself must stop near its limit.
        assert!(took < Duration::from_secs(15), "{q} ran {took:?}");
    }
}

#[test]
fn service_is_refused_even_hidden_in_a_subquery() {
    let s = samples_store();
    let store = s.store();
    for q in [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "SELECT * WHERE { { SELECT ?s WHERE { service SILENT <http://127.0.0.1:1/> { ?s ?p ?o } } } }",
    ] {
        let out = run(&["--store", &store, "query", "--sparql", q]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("SERVICE"), "{q}");
    }
    // The word in a string is no SERVICE clause.
    ok(&[
        "--store",
        &store,
        "query",
        "--sparql",
        "SELECT * WHERE { BIND(\"SERVICE\" AS ?x) }",
    ]);
}

#[test]
fn an_nquads_dump_restores_into_the_same_store() {
    let s = samples_store();
    let store = s.store();
    let dump = ok(&["--store", &store, "export", "--format", "nquads"]);
    let file = s.path().join("dump.nq");
    std::fs::write(&file, &dump).unwrap();
    let fresh = s.path().join("fresh").to_string_lossy().to_string();
    let out = ok(&["--store", &fresh, "restore", file.to_str().unwrap()]);
    assert!(out.contains("restored 21 document graphs (21 new"), "{out}");
    let again = ok(&["--store", &fresh, "export", "--format", "nquads"]);
    assert!(
        again == dump,
        "the restored store differs from the original"
    );
    // The files layout is the ingest's: one file per document graph, links and reference.
    let original: Vec<_> = graph_files(&s.path().join("store"));
    assert_eq!(graph_files(std::path::Path::new(&fresh)), original);
    assert_eq!(
        std::fs::read(s.path().join("store/links.nq")).unwrap(),
        std::fs::read(std::path::Path::new(&fresh).join("links.nq")).unwrap()
    );
    // Restoring twice changes nothing; a foreign dump is refused whole.
    let out = ok(&["--store", &fresh, "restore", file.to_str().unwrap()]);
    assert!(out.contains("(0 new, 0 replaced, 21 unchanged)"), "{out}");
    let foreign = s.path().join("foreign.nq");
    std::fs::write(
        &foreign,
        "<http://a/> <http://b/> <http://c/> <http://evil/../../x> .\n",
    )
    .unwrap();
    let out = run(&["--store", &fresh, "restore", foreign.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a diplograph dump"));
    let out = run(&[
        "--store",
        &fresh,
        "restore",
        s.path().join("nope.nq").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

fn graph_files(store: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(store.join("graphs"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn mentions_are_compact_spans_and_the_web_annotation_form_is_on_demand() {
    let s = samples_store();
    let store = s.store();
    let lean = ok(&["--store", &store, "export", "--format", "nquads"]);
    let full = ok(&[
        "--store",
        &store,
        "export",
        "--format",
        "nquads",
        "--web-annotations",
    ]);
    // The store keeps one quad to the entity and one to the document per mention.
    let oa = "<http://www.w3.org/ns/oa#";
    assert!(
        !lean.contains(oa),
        "the store holds no Web Annotation quads"
    );
    let idents = lean
        .lines()
        .filter(|l| l.contains("<http://www.w3.org/2005/11/its/rdf#taIdentRef>"))
        .count();
    assert!(idents > 500, "{idents} mentions");
    // On demand, every mention is an annotation whose quote is the text at its offsets.
    let annotations = full
        .lines()
        .filter(|l| l.contains("<http://www.w3.org/ns/oa#hasBody>"))
        .count();
    assert_eq!(annotations, idents);
    let texts = doc_texts(&s);
    let mut checked = 0;
    for line in full
        .lines()
        .filter(|l| l.contains("<http://www.w3.org/ns/oa#exact>"))
    {
        // <doc#char=a,b-quote> oa:exact "text" <doc> .
        let subject = &line[1..line.find('>').unwrap()];
        let (doc, frag) = subject.split_once("#char=").unwrap();
        let (a, b) = frag.trim_end_matches("-quote").split_once(',').unwrap();
        let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
        let literal = &line[line.find('"').unwrap() + 1..line.rfind("\" <").unwrap()];
        let expected = &texts[doc][a..b];
        if !expected.contains(['"', '\\', '\n']) {
            assert_eq!(literal, expected, "{line}");
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked} quotes checked");
}

/// A statement's topic, target or addressee and every mention point at a node the store
/// describes: a renamed node (an undated meeting gets its document's hash) leaves no
/// dangling key behind, which label lookups would drop without a word.
#[test]
fn every_node_a_statement_or_mention_names_is_described() {
    let s = samples_store();
    let store = s.store();
    let q = "PREFIX dg: <https://w3id.org/diplograph/ns#>
        PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
        SELECT DISTINCT ?node WHERE {
          GRAPH ?g { { ?s dg:about ?node } UNION { ?s dg:target ?node } UNION { ?s dg:addressee ?node }
                     UNION { ?s itsrdf:taIdentRef ?node } }
          FILTER NOT EXISTS { ?node a ?class }
        }";
    let out = ok(&[
        "--store", &store, "query", "--format", "json", "--sparql", q,
    ]);
    let dangling = rows(&out);
    assert!(
        dangling.is_empty(),
        "nodes without a description: {dangling:?}"
    );
    // The sample's statement about the upcoming meetings names both of them.
    let out = ok(&["--store", &store, "query", "statements", "--format", "json"]);
    let about: Vec<String> = rows(&out)
        .iter()
        .filter(|r| col(r, "evidence").contains("for the success of the upcoming"))
        .map(|r| col(r, "about").to_string())
        .collect();
    assert!(
        about
            .iter()
            .any(|a| a.contains("PMC") && a.contains("Summit")),
        "{about:?}"
    );
}
