//! Talking to a remote SPARQL store: `push` the store's graphs to it, and run queries on it.
//!
//! `push` replaces each graph of the store on the remote through the SPARQL 1.1 Graph Store
//! HTTP Protocol (PUT `?graph=IRI`, N-Triples), or through SPARQL Update (`DROP SILENT GRAPH`
//! then `INSERT DATA`, in batches) when no Graph Store URL is given or the remote refuses it.
//! Replacing makes a push idempotent; a state file in the store directory (`push-state.json`,
//! per endpoint: graph IRI → hash of what was pushed) makes a rerun skip unchanged graphs and
//! resume after an interruption. Graphs pushed before and gone from the store since are
//! dropped on the remote.
//!
//! Remote queries bind parameters by joining a `VALUES` block of properly serialised terms at
//! the first pattern of the query's algebra (parsed and re-serialised by spargebra), never by
//! pasting text. This module must not read or write the store except for its own state file,
//! and sends nothing to hosts other than the ones it is given.

use crate::query::{self, Format, QueryError};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedOrBlankNode, Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParseError, QueryResultsParser};
use oxigraph::sparql::QueryResults;
use oxigraph::store::{StorageError, Store};
use sha2::Digest;
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// Why talking to a remote store failed.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    /// The remote could not be reached or answered with an error `status`.
    #[error("{message}")]
    Http {
        status: Option<u16>,
        message: String,
    },
    #[error("{endpoint}: bad SPARQL JSON results: {source}")]
    BadResults {
        endpoint: String,
        source: Box<QueryResultsParseError>,
    },
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Utf8(#[from] std::string::FromUtf8Error),
    /// Writing the results or the N-Triples failed (a closed pipe, a full disk).
    #[error("{0}")]
    Io(#[source] std::io::Error),
}

/// A remote store and how to reach it.
#[derive(Debug, Clone, Default)]
pub struct Remote {
    /// SPARQL query and update endpoint.
    pub endpoint: String,
    /// Graph Store Protocol URL, if the remote has one.
    pub graph_store: Option<String>,
    pub user: Option<String>,
    pub password: Option<String>,
    pub timeout: Option<Duration>,
}

impl Remote {
    fn agent(&self) -> ureq::Agent {
        ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(10))
            .timeout_read(self.timeout.unwrap_or(Duration::from_secs(300)))
            .build()
    }

    fn auth(&self, r: ureq::Request) -> ureq::Request {
        match (&self.user, &self.password) {
            (Some(u), p) => r.set(
                "Authorization",
                &format!(
                    "Basic {}",
                    base64(format!("{u}:{}", p.as_deref().unwrap_or("")).as_bytes())
                ),
            ),
            _ => r,
        }
    }

    /// POST a SPARQL update.
    fn update(&self, text: &str) -> Result<(), RemoteError> {
        let r = self
            .agent()
            .post(&self.endpoint)
            .set("Content-Type", "application/x-www-form-urlencoded");
        self.auth(r)
            .send_string(&format!("update={}", super::form::encode(text)))
            .map(|_| ())
            .map_err(|e| describe(&self.endpoint, e))
    }
}

fn describe(url: &str, e: ureq::Error) -> RemoteError {
    let status = match &e {
        ureq::Error::Status(code, _) => Some(*code),
        _ => None,
    };
    RemoteError::Http {
        status,
        message: describe_message(url, e),
    }
}

fn describe_message(url: &str, e: ureq::Error) -> String {
    match e {
        ureq::Error::Status(code, resp) => {
            let body = resp.into_string().unwrap_or_default();
            let body: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
            let body: String = body.chars().take(300).collect();
            format!("{url}: HTTP {code}: {body}")
        }
        other => format!("{url}: {other}"),
    }
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// What a push does.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// Triples per INSERT DATA request when falling back to SPARQL Update.
    pub batch: usize,
    /// Stop after pushing this many graphs (to test resuming).
    pub max_graphs: Option<usize>,
    /// Push every graph even when the state file says it is there unchanged.
    pub force: bool,
}

#[derive(Debug, Default)]
pub struct PushReport {
    pub pushed: usize,
    pub unchanged: usize,
    pub dropped: usize,
    pub triples: usize,
    pub seconds: f64,
    pub stopped_early: bool,
    pub method: &'static str,
}

const STATE_FILE: &str = "push-state.json";

/// Push every named graph of the store to the remote; progress goes to `progress`.
pub fn push(
    store: &Store,
    dir: Option<&Path>,
    remote: &Remote,
    opts: &PushOptions,
    progress: &mut dyn Write,
) -> Result<PushReport, RemoteError> {
    let started = Instant::now();
    let key = remote
        .graph_store
        .clone()
        .unwrap_or_else(|| remote.endpoint.clone());
    let state_path = dir.map(|d| d.join(STATE_FILE));
    let mut all: BTreeMap<String, BTreeMap<String, String>> = state_path
        .as_ref()
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let mut state = all.remove(&key).unwrap_or_default();
    let save = |all: &BTreeMap<String, BTreeMap<String, String>>,
                state: &BTreeMap<String, String>,
                progress: &mut dyn Write| {
        if let Some(p) = &state_path {
            let mut all = all.clone();
            all.insert(key.clone(), state.clone());
            let bytes = serde_json::to_vec_pretty(&all).unwrap_or_default();
            if let Err(e) = crate::store::write_atomic(p, &bytes) {
                let _ = writeln!(
                    progress,
                    "push: cannot save the push state ({e}); a rerun will push everything again"
                );
            }
        }
    };
    let mut graphs: Vec<oxigraph::model::NamedNode> = Vec::new();
    for g in store.named_graphs() {
        if let NamedOrBlankNode::NamedNode(n) = g? {
            graphs.push(n);
        }
    }
    graphs.sort();
    let mut report = PushReport {
        method: if remote.graph_store.is_some() {
            "graph store protocol"
        } else {
            "SPARQL update"
        },
        ..PushReport::default()
    };
    let mut use_gsp = remote.graph_store.is_some();
    let total = graphs.len();
    for (i, g) in graphs.iter().enumerate() {
        let mut triples: Vec<Triple> = Vec::new();
        for q in store.quads_for_pattern(
            None,
            None,
            None,
            Some(GraphName::NamedNode(g.clone()).as_ref()),
        ) {
            triples.push(Triple::from(q?));
        }
        triples.sort_by_cached_key(|t| t.to_string());
        let body = ntriples(&triples)?;
        let hash: String = sha2::Sha256::digest(&body)[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if !opts.force && state.get(g.as_str()) == Some(&hash) {
            report.unchanged += 1;
            continue;
        }
        if opts.max_graphs.is_some_and(|m| report.pushed >= m) {
            report.stopped_early = true;
            break;
        }
        let how = if use_gsp {
            match put_graph(remote, g.as_str(), &body) {
                Ok(()) => "PUT",
                Err(RemoteError::Http {
                    status: Some(code),
                    message: e,
                }) if [404, 405, 415, 501].contains(&code) => {
                    writeln!(progress, "push: the graph store refused a PUT ({e}); using SPARQL update from now on").ok();
                    use_gsp = false;
                    report.method = "SPARQL update";
                    update_graph(remote, g.as_str(), &triples, opts.batch)?;
                    "update"
                }
                Err(e) => return Err(e),
            }
        } else {
            update_graph(remote, g.as_str(), &triples, opts.batch)?;
            "update"
        };
        report.pushed += 1;
        report.triples += triples.len();
        state.insert(g.as_str().to_string(), hash);
        save(&all, &state, progress);
        writeln!(
            progress,
            "push: [{}/{total}] {} {} triples ({how})",
            i + 1,
            g.as_str(),
            triples.len()
        )
        .ok();
    }
    if !report.stopped_early {
        let here: std::collections::BTreeSet<&str> = graphs.iter().map(|g| g.as_str()).collect();
        let gone: Vec<String> = state
            .keys()
            .filter(|g| !here.contains(g.as_str()))
            .cloned()
            .collect();
        for g in gone {
            remote.update(&format!("DROP SILENT GRAPH <{g}>"))?;
            state.remove(&g);
            report.dropped += 1;
            save(&all, &state, progress);
            writeln!(progress, "push: dropped {g} (no longer in the store)").ok();
        }
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn ntriples(triples: &[Triple]) -> Result<Vec<u8>, RemoteError> {
    let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for t in triples {
        w.serialize_triple(t).map_err(RemoteError::Io)?;
    }
    w.finish().map_err(RemoteError::Io)
}

fn put_graph(remote: &Remote, graph: &str, body: &[u8]) -> Result<(), RemoteError> {
    let base = remote.graph_store.as_deref().unwrap_or_default();
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}graph={}", super::form::encode(graph));
    let r = remote
        .agent()
        .put(&url)
        .set("Content-Type", "application/n-triples");
    match remote.auth(r).send_bytes(body) {
        Ok(_) => Ok(()),
        Err(e) => Err(describe(&url, e)),
    }
}

/// Replace a graph with SPARQL Update: DROP then INSERT DATA in batches. A graph with blank
/// nodes goes in one request, since a blank node label only means one node within a request.
fn update_graph(
    remote: &Remote,
    graph: &str,
    triples: &[Triple],
    batch: usize,
) -> Result<(), RemoteError> {
    let blank = triples.iter().any(|t| {
        matches!(t.subject, NamedOrBlankNode::BlankNode(_))
            || matches!(t.object, Term::BlankNode(_))
    });
    let size = if blank {
        triples.len().max(1)
    } else {
        batch.max(1)
    };
    let mut first = true;
    for chunk in triples.chunks(size) {
        let body = String::from_utf8(ntriples(chunk)?)?;
        let drop = if first {
            format!("DROP SILENT GRAPH <{graph}> ;\n")
        } else {
            String::new()
        };
        remote.update(&format!(
            "{drop}INSERT DATA {{ GRAPH <{graph}> {{\n{body}}} }}"
        ))?;
        first = false;
    }
    if first {
        remote.update(&format!("DROP SILENT GRAPH <{graph}>"))?;
    }
    Ok(())
}

/// Bind parameters by joining a VALUES row at the first pattern of each branch of the query.
pub fn bind_with_values(text: &str, params: &[(String, Term)]) -> Result<String, QueryError> {
    query::refuse_service(text)?;
    let mut parsed = spargebra::SparqlParser::new()
        .parse_query(text)
        .map_err(|e| QueryError::Syntax(e.to_string()))?;
    if params.is_empty() {
        return Ok(parsed.to_string());
    }
    let mut variables = Vec::new();
    let mut row = Vec::new();
    for (name, value) in params {
        variables.push(spargebra::term::Variable::new_unchecked(name));
        row.push(Some(match value {
            Term::NamedNode(n) => GroundTerm::NamedNode(n.clone()),
            Term::Literal(l) => GroundTerm::Literal(l.clone()),
            other => {
                return Err(QueryError::BadParameter(format!(
                    "parameter `{name}`: {other} cannot be sent to a remote endpoint"
                )))
            }
        }));
    }
    let values = GraphPattern::Values {
        variables,
        bindings: vec![row],
    };
    let pattern = match &mut parsed {
        spargebra::Query::Select { pattern, .. }
        | spargebra::Query::Construct { pattern, .. }
        | spargebra::Query::Describe { pattern, .. }
        | spargebra::Query::Ask { pattern, .. } => pattern,
    };
    let taken = std::mem::replace(
        pattern,
        GraphPattern::Bgp {
            patterns: Vec::new(),
        },
    );
    *pattern = inject(taken, &values);
    Ok(parsed.to_string())
}

fn inject(p: GraphPattern, values: &GraphPattern) -> GraphPattern {
    let b = |p: Box<GraphPattern>| Box::new(inject(*p, values));
    match p {
        GraphPattern::Project { inner, variables } => GraphPattern::Project {
            inner: b(inner),
            variables,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct { inner: b(inner) },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced { inner: b(inner) },
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: b(inner),
            start,
            length,
        },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: b(inner),
            expression,
        },
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: b(inner),
            variables,
            aggregates,
        },
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
            expr,
            inner: b(inner),
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: b(inner),
            variable,
            expression,
        },
        GraphPattern::Join { left, right } => GraphPattern::Join {
            left: b(left),
            right,
        },
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => GraphPattern::LeftJoin {
            left: b(left),
            right,
            expression,
        },
        GraphPattern::Lateral { left, right } => GraphPattern::Lateral {
            left: b(left),
            right,
        },
        GraphPattern::Minus { left, right } => GraphPattern::Minus {
            left: b(left),
            right,
        },
        GraphPattern::Union { left, right } => GraphPattern::Union {
            left: b(left),
            right: b(right),
        },
        leaf => GraphPattern::Join {
            left: Box::new(values.clone()),
            right: Box::new(leaf),
        },
    }
}

/// Run a query on a remote endpoint and write the results as the local `query` would.
pub fn query(
    remote: &Remote,
    text: &str,
    params: &[(String, Term)],
    format: Format,
    out: &mut dyn Write,
) -> Result<usize, RemoteError> {
    let bound = bind_with_values(text, params)?;
    let r = remote
        .agent()
        .post(&remote.endpoint)
        .set("Content-Type", "application/x-www-form-urlencoded")
        .set(
            "Accept",
            "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8",
        );
    let response = remote
        .auth(r)
        .send_string(&format!("query={}", super::form::encode(&bound)))
        .map_err(|e| describe(&remote.endpoint, e))?;
    let content_type = response.content_type().to_ascii_lowercase();
    if content_type.contains("json") {
        let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json)
            .for_reader(response.into_reader())
            .map_err(|source| RemoteError::BadResults {
                endpoint: remote.endpoint.clone(),
                source: Box::new(source),
            })?;
        let results: QueryResults<'_> = parsed.into();
        Ok(query::write_results(Ok(results), format, out)?)
    } else {
        // CONSTRUCT and DESCRIBE: pass the RDF through as the endpoint sent it.
        let mut reader = response.into_reader();
        std::io::copy(&mut reader, out).map_err(RemoteError::Io)?;
        Ok(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Literal;

    #[test]
    fn base64_matches_the_rfc_examples() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"dba:dba"), "ZGJhOmRiYQ==");
    }

    #[test]
    fn parameters_become_a_values_row_not_text() {
        let q = "SELECT ?x WHERE { ?x ?p ?o . BIND(COALESCE(?issue, \"\") AS ?n) }";
        let hostile = Literal::new_simple_literal("x\" } DROP ALL { \"");
        let out = bind_with_values(q, &[("issue".into(), hostile.clone().into())]).unwrap();
        assert!(out.contains("VALUES"), "{out}");
        // Re-parsing gives one query with the literal intact.
        let again = spargebra::SparqlParser::new().parse_query(&out).unwrap();
        assert!(again.to_string().contains(&hostile.to_string()));
        assert!(bind_with_values("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", &[]).is_err());
    }
}
