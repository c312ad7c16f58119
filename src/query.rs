//! SPARQL over the store: the named queries shipped in `queries/`, parameters bound safely,
//! a time limit, and results written as a table, CSV, TSV, JSON or XML.
//!
//! Queries see all graphs as one default graph (documents, reference data and links), and
//! `GRAPH ?document` still names the document a fact came from. Parameters (`--param k=v`)
//! are bound to variables through Oxigraph's substitution, never pasted into query text.
//! Federated `SERVICE` calls are refused. Does no extraction and no writes.

use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, QueryResults, SparqlEvaluator, Variable,
};
use oxigraph::store::Store;
use std::fmt;
use std::io::Write;
use std::time::Duration;

/// A query shipped with diplograph: its name, what it answers, its text.
pub struct NamedQuery {
    pub name: &'static str,
    pub text: &'static str,
}

impl NamedQuery {
    /// The first comment line: what the query answers.
    pub fn description(&self) -> &'static str {
        self.text
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .unwrap_or("")
    }
}

macro_rules! named {
    ($($name:literal),* $(,)?) => {
        &[$(NamedQuery { name: $name, text: include_str!(concat!("../queries/", $name, ".rq")) }),*]
    };
}

/// Every named query, in the order `diplograph queries` lists them.
pub const NAMED: &[NamedQuery] = named!(
    "documents",
    "meetings",
    "participants",
    "contacts",
    "states",
    "mechanisms",
    "issues",
    "statements",
    "condemnations",
    "stances-on",
    "agreements",
    "series",
    "person-timeline",
    "issue-trend",
    "shared-issues",
    "conflicts",
);

pub fn named(name: &str) -> Option<&'static NamedQuery> {
    NAMED.iter().find(|q| q.name == name)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

impl Format {
    pub const NAMES: &'static [&'static str] = &["table", "csv", "tsv", "json", "xml"];

    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "table" => Format::Table,
            "csv" => Format::Csv,
            "tsv" => Format::Tsv,
            "json" => Format::Json,
            "xml" => Format::Xml,
            _ => return None,
        })
    }
}

#[derive(Debug)]
pub enum QueryError {
    Syntax(String),
    Evaluation(String),
    Timeout(Duration),
    BadParameter(String),
    Refused(String),
    /// Refused before evaluation: it would build more rows than the budget allows.
    OverBudget(String),
    Io(std::io::Error),
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::Syntax(m) => write!(f, "malformed SPARQL: {}", one_line(m)),
            QueryError::Evaluation(m) => write!(f, "query failed: {}", one_line(m)),
            QueryError::Timeout(d) => write!(
                f,
                "query stopped after the {} s time limit",
                d.as_secs_f64()
            ),
            QueryError::BadParameter(m) => write!(f, "{m}"),
            QueryError::Refused(m) | QueryError::OverBudget(m) => write!(f, "{m}"),
            QueryError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for QueryError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            QueryError::Io(e) => Some(e),
            _ => None,
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A `name=value` parameter: `<iri>` binds an IRI, anything else a plain string.
pub fn parse_param(s: &str) -> Result<(String, Term), QueryError> {
    let (name, value) = s.split_once('=').ok_or_else(|| {
        QueryError::BadParameter(format!("parameter `{s}` is not of the form name=value"))
    })?;
    let name = name.trim().trim_start_matches(['?', '$']);
    Variable::new(name).map_err(|_| {
        QueryError::BadParameter(format!(
            "parameter name `{name}` is not a SPARQL variable name"
        ))
    })?;
    let term = match value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        Some(iri) => NamedNode::new(iri)
            .map_err(|e| QueryError::BadParameter(format!("parameter `{name}`: bad IRI: {e}")))?
            .into(),
        None => Literal::new_simple_literal(value).into(),
    };
    Ok((name.to_string(), term))
}

/// Which rows of a result to write: skip `offset`, then at most `limit` (all when `None`).
/// Listings grow with the store; a page of one is written without holding the rest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Page {
    pub offset: usize,
    pub limit: Option<usize>,
}

impl Page {
    /// Whether the row (or triple) at `index` of the whole result is on this page, and
    /// whether any row after it can be.
    fn keeps(&self, index: usize) -> (bool, bool) {
        let end = self.limit.map(|l| self.offset.saturating_add(l));
        let on = index >= self.offset && end.is_none_or(|e| index < e);
        (on, end.is_none_or(|e| index + 1 < e))
    }
}

/// Run a query and write its results; returns the number of rows (or triples).
pub fn run(
    store: &Store,
    query: &str,
    params: &[(String, Term)],
    timeout: Option<Duration>,
    format: Format,
    out: &mut dyn Write,
) -> Result<usize, QueryError> {
    run_page(store, query, params, timeout, format, Page::default(), out)
}

/// [`run`], writing only one page of the results; returns the number of rows written.
pub fn run_page(
    store: &Store,
    query: &str,
    params: &[(String, Term)],
    timeout: Option<Duration>,
    format: Format,
    page: Page,
    out: &mut dyn Write,
) -> Result<usize, QueryError> {
    let token = CancellationToken::new();
    let prepared = prepare(query, params, &token)?;
    let timer = timeout.map(|d| Timer::start(&token, d));
    let result = write_page(prepared.on_store(store).execute(), format, page, out);
    let cancelled = token.is_cancelled();
    drop(timer);
    match result {
        Err(QueryError::Evaluation(_)) if cancelled => {
            Err(QueryError::Timeout(timeout.unwrap_or_default()))
        }
        other => other,
    }
}

/// The RDF dataset a client names through the SPARQL Protocol (`default-graph-uri`,
/// `named-graph-uri`); it replaces any `FROM`/`FROM NAMED` of the query text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dataset {
    pub default: Vec<NamedNode>,
    pub named: Vec<NamedNode>,
}

impl Dataset {
    pub fn is_empty(&self) -> bool {
        self.default.is_empty() && self.named.is_empty()
    }
}

/// Parse a query the way every caller must: SERVICE refused, all graphs as the default graph,
/// parameters bound by substitution, cancellable through `token`.
pub fn prepare(
    query: &str,
    params: &[(String, Term)],
    token: &CancellationToken,
) -> Result<PreparedSparqlQuery, QueryError> {
    prepare_in(query, params, token, &Dataset::default())
}

/// [`prepare`] over a dataset: the one `dataset` names when it names one (SPARQL Protocol),
/// else the query's own `FROM`/`FROM NAMED` when it has them (as SPARQL defines), else the
/// store's usual view (the union of all graphs as the default graph, every graph by name).
pub fn prepare_in(
    query: &str,
    params: &[(String, Term)],
    token: &CancellationToken,
    dataset: &Dataset,
) -> Result<PreparedSparqlQuery, QueryError> {
    let query = &inline_defaults(query, params);
    let mut prepared = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .parse_query(query)
        .map_err(|e| QueryError::Syntax(readable_syntax_error(query, &e.to_string())))?;
    refuse_service(query)?;
    if let Some(vars) = projected(query) {
        if let Some((name, _)) = params.iter().find(|(n, _)| !vars.contains(n)) {
            return Err(QueryError::BadParameter(format!(
                "this query has no variable ?{name} to bind; it can bind {}",
                vars.iter()
                    .map(|v| format!("?{v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    if !dataset.is_empty() {
        let spec = prepared.dataset_mut();
        spec.set_default_graph(dataset.default.iter().cloned().map(Into::into).collect());
        if !dataset.named.is_empty() {
            spec.set_available_named_graphs(
                dataset.named.iter().cloned().map(Into::into).collect(),
            );
        }
    } else if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    for (name, value) in params {
        prepared = prepared.substitute_variable(Variable::new_unchecked(name), value.clone());
    }
    Ok(prepared)
}

/// Oxigraph's "error at L:C: expected …" said as a user reads it: line and column in words,
/// the text where parsing stopped, and what a query starts with when its form is unknown.
pub fn readable_syntax_error(query: &str, message: &str) -> String {
    let Some((at, rest)) = message
        .strip_prefix("error at ")
        .and_then(|m| m.split_once(": "))
    else {
        return message.to_string();
    };
    let Some((line, column)) = at
        .split_once(':')
        .and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?)))
    else {
        return message.to_string();
    };
    let near: String = query
        .lines()
        .nth(line.saturating_sub(1))
        .map(|l| {
            l.chars()
                .skip(column.saturating_sub(1))
                .take(30)
                .collect::<String>()
        })
        .unwrap_or_default();
    let near = near.trim();
    let near = if near.is_empty() {
        "at the end of the text".to_string()
    } else {
        format!("near `{near}`")
    };
    let form = ["SELECT", "CONSTRUCT", "ASK", "DESCRIBE"];
    let starts_with_form = query
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .flat_map(str::split_whitespace)
        .find(|w| {
            let w = w.to_ascii_uppercase();
            w != "PREFIX" && w != "BASE" && !w.ends_with(':') && !w.starts_with('<')
        })
        .is_some_and(|w| form.contains(&w.to_ascii_uppercase().as_str()));
    let hint = if starts_with_form {
        String::new()
    } else {
        "; a query is SELECT, CONSTRUCT, ASK or DESCRIBE (after any PREFIX and BASE lines)"
            .to_string()
    };
    format!("line {line}, column {column}, {near}: {rest}{hint}")
}

/// The variables a SELECT query projects: the only ones a parameter can bind (Oxigraph refuses
/// the others only when the query runs). `None` for other query forms.
fn projected(query: &str) -> Option<Vec<String>> {
    use spargebra::algebra::GraphPattern;
    let spargebra::Query::Select { pattern, .. } =
        spargebra::SparqlParser::new().parse_query(query).ok()?
    else {
        return None;
    };
    let mut p = &pattern;
    loop {
        match p {
            GraphPattern::Project { variables, .. } => {
                return Some(variables.iter().map(|v| v.as_str().to_string()).collect())
            }
            GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner }
            | GraphPattern::Slice { inner, .. }
            | GraphPattern::OrderBy { inner, .. } => p = inner,
            _ => return None,
        }
    }
}

/// Oxigraph plans a query before it sees the substituted values (they arrive as the
/// evaluation's initial bindings), so a filter on a parameter cannot steer the plan: measured
/// on 10,000 documents, `shared-issues` took 3.7 s with its two parameters substituted and
/// 0.26 s with the same values written in the text. The named queries therefore spell each
/// parameter's use as `COALESCE(?name, "")` (the empty default when it is not given), and a
/// given literal value replaces exactly that expression, written as an escaped SPARQL literal
/// (the N-Triples form: quotes, backslashes and line breaks escaped), so it cannot leave the
/// string. The variable is still substituted everywhere else, as before.
fn inline_defaults(query: &str, params: &[(String, Term)]) -> String {
    let mut text = query.to_string();
    for (name, value) in params {
        if let Term::Literal(l) = value {
            text = text.replace(&format!("COALESCE(?{name}, \"\")"), &l.to_string());
        }
    }
    text
}

/// Refuse federated queries: a SERVICE clause would make this host fetch from others.
pub fn refuse_service(text: &str) -> Result<(), QueryError> {
    if text.to_ascii_uppercase().contains("SERVICE") && contains_service(text) {
        return Err(QueryError::Refused(
            "SERVICE (federated queries to other hosts) is disabled".into(),
        ));
    }
    Ok(())
}

/// Runs an action when a time limit passes; dropping it stops the clock.
pub struct Timer {
    tx: Option<std::sync::mpsc::Sender<()>>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Timer {
    /// Cancel `token` at the limit.
    pub fn start(token: &CancellationToken, limit: Duration) -> Timer {
        let token = token.clone();
        Timer::after(limit, move || token.cancel())
    }

    /// Run `action` at the limit, unless the timer is dropped first.
    pub fn after(limit: Duration, action: impl FnOnce() + Send + 'static) -> Timer {
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let handle = std::thread::spawn(move || {
            if rx.recv_timeout(limit).is_err() {
                action();
            }
        });
        Timer {
            tx: Some(tx),
            handle: Some(handle),
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(tx) = self.tx.take() {
            let _ = tx.send(());
        }
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// Whether the query text has a SERVICE clause outside strings and comments.
fn contains_service(query: &str) -> bool {
    let mut in_string: Option<char> = None;
    let mut in_iri = false;
    let mut word = String::new();
    let mut chars = query.chars().peekable();
    while let Some(c) = chars.next() {
        match in_string {
            Some(q) if c == q => in_string = None,
            Some(_) if c == '\\' => {
                chars.next();
            }
            Some(_) => {}
            None if in_iri => in_iri = c != '>',
            None if c == '#' => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
            }
            None if c == '"' || c == '\'' => in_string = Some(c),
            None if c == '<' => in_iri = true,
            None if c.is_alphanumeric() || c == '_' => word.push(c),
            None => {
                if word.eq_ignore_ascii_case("service") {
                    return true;
                }
                word.clear();
            }
        }
        if in_string.is_some() || in_iri {
            word.clear();
        }
    }
    word.eq_ignore_ascii_case("service")
}

pub fn write_results(
    results: Result<QueryResults<'_>, oxigraph::sparql::QueryEvaluationError>,
    format: Format,
    out: &mut dyn Write,
) -> Result<usize, QueryError> {
    write_page(results, format, Page::default(), out)
}

/// [`write_results`] for one page of the results.
pub fn write_page(
    results: Result<QueryResults<'_>, oxigraph::sparql::QueryEvaluationError>,
    format: Format,
    page: Page,
    out: &mut dyn Write,
) -> Result<usize, QueryError> {
    let results = results.map_err(|e| QueryError::Evaluation(e.to_string()))?;
    match results {
        QueryResults::Solutions(solutions) => {
            let vars: Vec<Variable> = solutions.variables().to_vec();
            let mut rows: Vec<Vec<Option<Term>>> = Vec::new();
            for (i, s) in solutions.enumerate() {
                let s = s.map_err(|e| QueryError::Evaluation(e.to_string()))?;
                let (on, more) = page.keeps(i);
                if on {
                    rows.push(vars.iter().map(|v| s.get(v).cloned()).collect());
                }
                if !more {
                    break;
                }
            }
            let n = rows.len();
            match format {
                Format::Table => write_table(&vars, &rows, out).map_err(QueryError::Io)?,
                _ => {
                    let results_format = match format {
                        Format::Csv => QueryResultsFormat::Csv,
                        Format::Tsv => QueryResultsFormat::Tsv,
                        Format::Json => QueryResultsFormat::Json,
                        _ => QueryResultsFormat::Xml,
                    };
                    let mut w = QueryResultsSerializer::from_format(results_format)
                        .serialize_solutions_to_writer(&mut *out, vars.clone())
                        .map_err(QueryError::Io)?;
                    for row in &rows {
                        let pairs = vars
                            .iter()
                            .zip(row)
                            .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref())));
                        w.serialize(pairs).map_err(QueryError::Io)?;
                    }
                    w.finish().map_err(QueryError::Io)?;
                }
            }
            Ok(n)
        }
        QueryResults::Boolean(b) => {
            match format {
                Format::Table => writeln!(out, "{b}").map_err(QueryError::Io)?,
                Format::Json | Format::Xml | Format::Csv | Format::Tsv => {
                    let f = match format {
                        Format::Json => QueryResultsFormat::Json,
                        Format::Xml => QueryResultsFormat::Xml,
                        Format::Csv => QueryResultsFormat::Csv,
                        _ => QueryResultsFormat::Tsv,
                    };
                    QueryResultsSerializer::from_format(f)
                        .serialize_boolean_to_writer(&mut *out, b)
                        .map_err(QueryError::Io)?;
                }
            }
            Ok(1)
        }
        QueryResults::Graph(triples) => {
            let mut s = oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NTriples)
                .for_writer(&mut *out);
            let mut n = 0;
            for (i, t) in triples.enumerate() {
                let t = t.map_err(|e| QueryError::Evaluation(e.to_string()))?;
                let (on, more) = page.keeps(i);
                if on {
                    s.serialize_triple(&t).map_err(QueryError::Io)?;
                    n += 1;
                }
                if !more {
                    break;
                }
            }
            s.finish().map_err(QueryError::Io)?;
            Ok(n)
        }
    }
}

/// How a term reads in a table: literal values bare, our IRIs shortened.
pub fn display_term(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_string(),
        Term::NamedNode(n) => n
            .as_str()
            .strip_prefix(crate::vocab::ID)
            .map(str::to_string)
            .unwrap_or_else(|| n.as_str().to_string()),
        other => other.to_string(),
    }
}

fn write_table(
    vars: &[Variable],
    rows: &[Vec<Option<Term>>],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    const MAX: usize = 60;
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|t| {
                    let s = t.as_ref().map(display_term).unwrap_or_default();
                    let s = s.replace(['\n', '\t'], " ");
                    if s.chars().count() > MAX {
                        format!("{}…", s.chars().take(MAX - 1).collect::<String>())
                    } else {
                        s
                    }
                })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = vars.iter().map(|v| v.as_str().chars().count()).collect();
    for row in &cells {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cols: &[String]| -> std::io::Result<()> {
        let padded: Vec<String> = cols
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        writeln!(out, "{}", padded.join(" | ").trim_end())
    };
    let header: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
    line(out, &header)?;
    writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("-+-")
    )?;
    for row in &cells {
        line(out, row)?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}

/// Refuse, before any evaluation, a query whose graph patterns fall into unconnected parts
/// (no variable shared) whose sizes multiply past `budget` rows: `?a ?b ?c . ?d ?e ?f` over a
/// store of a million quads is 10¹² rows, which the evaluator would build in memory (an
/// ORDER BY or a cross product is never interrupted by the time limit, since the
/// cancellation is checked only when the store is read). A part of one triple pattern is
/// counted in the store, up to the budget; a part of several patterns counts as one row (its
/// size is unknown before evaluation, and may be nothing), so only products whose size is
/// known to be too large are refused.
pub fn refuse_unconnected_products(
    query: &str,
    store: &oxigraph::store::Store,
    budget: u64,
) -> Result<(), QueryError> {
    use spargebra::algebra::GraphPattern;
    use spargebra::term::{NamedNodePattern, TermPattern, TriplePattern};
    let Ok(parsed) = spargebra::SparqlParser::new().parse_query(query) else {
        return Ok(());
    };
    let pattern = match &parsed {
        spargebra::Query::Select { pattern, .. }
        | spargebra::Query::Construct { pattern, .. }
        | spargebra::Query::Describe { pattern, .. }
        | spargebra::Query::Ask { pattern, .. } => pattern,
    };
    // The triple patterns joined at the top of the query (through filters, projections,
    // ordering, slices, named graphs and nested joins); other operators end the walk.
    fn joined<'a>(p: &'a GraphPattern, out: &mut Vec<&'a TriplePattern>) {
        match p {
            GraphPattern::Bgp { patterns } => out.extend(patterns),
            GraphPattern::Join { left, right } => {
                joined(left, out);
                joined(right, out);
            }
            GraphPattern::Filter { inner, .. }
            | GraphPattern::Extend { inner, .. }
            | GraphPattern::OrderBy { inner, .. }
            | GraphPattern::Project { inner, .. }
            | GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner }
            | GraphPattern::Slice { inner, .. }
            | GraphPattern::Graph { inner, .. }
            | GraphPattern::Group { inner, .. } => joined(inner, out),
            _ => {}
        }
    }
    let mut patterns = Vec::new();
    joined(pattern, &mut patterns);
    if patterns.len() < 2 {
        return Ok(());
    }
    let vars = |t: &TriplePattern| -> Vec<String> {
        let mut v = Vec::new();
        if let TermPattern::Variable(x) = &t.subject {
            v.push(x.as_str().to_string());
        }
        if let NamedNodePattern::Variable(x) = &t.predicate {
            v.push(x.as_str().to_string());
        }
        if let TermPattern::Variable(x) = &t.object {
            v.push(x.as_str().to_string());
        }
        v
    };
    // Parts: patterns joined through shared variables (union-find over the patterns).
    use crate::store::link::{root, union};
    let mut part: Vec<usize> = (0..patterns.len()).collect();
    for i in 0..patterns.len() {
        for j in i + 1..patterns.len() {
            let (a, b) = (vars(patterns[i]), vars(patterns[j]));
            if a.iter().any(|x| b.contains(x)) {
                union(&mut part, i, j);
            }
        }
    }
    let mut members: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..patterns.len() {
        let r = root(&mut part, i);
        members.entry(r).or_default().push(i);
    }
    if members.len() < 2 {
        return Ok(());
    }
    let count = |t: &TriplePattern| -> u64 {
        let subject = match &t.subject {
            TermPattern::NamedNode(n) => Some(oxigraph::model::NamedOrBlankNode::from(
                NamedNode::new_unchecked(n.as_str()),
            )),
            TermPattern::Variable(_) => None,
            _ => return 1,
        };
        let predicate = match &t.predicate {
            NamedNodePattern::NamedNode(n) => Some(NamedNode::new_unchecked(n.as_str())),
            NamedNodePattern::Variable(_) => None,
        };
        let object: Option<Term> = match &t.object {
            TermPattern::NamedNode(n) => Some(NamedNode::new_unchecked(n.as_str()).into()),
            TermPattern::Literal(l) => Some(
                oxigraph::model::Literal::new_typed_literal(
                    l.value(),
                    NamedNode::new_unchecked(l.datatype().as_str()),
                )
                .into(),
            ),
            TermPattern::Variable(_) => None,
            _ => return 1,
        };
        store
            .quads_for_pattern(
                subject.as_ref().map(Into::into),
                predicate.as_ref().map(Into::into),
                object.as_ref().map(Into::into),
                None,
            )
            .take(
                usize::try_from(budget)
                    .unwrap_or(usize::MAX)
                    .saturating_add(1),
            )
            .count() as u64
    };
    let mut product: u64 = 1;
    for group in members.values() {
        let size = match group.as_slice() {
            [one] => count(patterns[*one]),
            _ => 1,
        };
        product = product.saturating_mul(size.max(1));
        if product > budget {
            return Err(QueryError::OverBudget(format!(
                "refused: the query joins parts that share no variable, and their product is over {budget} rows, more than the server builds in memory; connect the parts through a shared variable, or narrow each"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inlined_parameters_stay_inside_their_string() {
        let hostile = "x\") } } ; DROP ALL ; SELECT * { \"\n\\";
        let q = "SELECT ?a ?v WHERE { BIND(COALESCE(?a, \"\") AS ?v) }";
        let params = vec![(
            "a".to_string(),
            Term::Literal(Literal::new_simple_literal(hostile)),
        )];
        let text = inline_defaults(q, &params);
        assert!(!text.contains("COALESCE(?a"), "{text}");
        // The text still parses as one query, and the literal comes back unchanged.
        let store = Store::new().unwrap();
        let prepared = prepare(q, &params, &CancellationToken::new()).unwrap();
        let QueryResults::Solutions(mut rows) = prepared.on_store(&store).execute().unwrap() else {
            panic!("a SELECT")
        };
        let row = rows.next().unwrap().unwrap();
        assert_eq!(
            row.get("v"),
            Some(&Term::Literal(Literal::new_simple_literal(hostile)))
        );
    }

    #[test]
    fn every_named_query_parses_and_says_what_it_answers() {
        for q in NAMED {
            assert!(!q.description().is_empty(), "{} has no description", q.name);
            let _ = SparqlEvaluator::new()
                .parse_query(q.text)
                .unwrap_or_else(|e| panic!("{}: {e}", q.name));
        }
    }

    #[test]
    fn a_page_holds_the_rows_after_the_offset_up_to_the_limit() {
        let store = Store::new().unwrap();
        let q = "SELECT ?n WHERE { VALUES ?n { 1 2 3 4 5 } } ORDER BY ?n";
        let rows = |page: Page| {
            let mut out = Vec::new();
            let n = run_page(&store, q, &[], None, Format::Csv, page, &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            let cells: Vec<String> = text.lines().skip(1).map(str::to_string).collect();
            assert_eq!(n, cells.len());
            cells
        };
        assert_eq!(rows(Page::default()), ["1", "2", "3", "4", "5"]);
        let page = |offset, limit| Page { offset, limit };
        assert_eq!(rows(page(1, Some(2))), ["2", "3"]);
        assert_eq!(rows(page(3, None)), ["4", "5"]);
        assert_eq!(rows(page(4, Some(10))), ["5"]);
        assert!(rows(page(9, Some(2))).is_empty());
        assert!(rows(page(0, Some(0))).is_empty());
        assert!(rows(page(usize::MAX, Some(usize::MAX))).is_empty());
    }

    #[test]
    fn service_is_found_outside_strings_only() {
        assert!(contains_service(
            "SELECT * { SERVICE <http://x> { ?s ?p ?o } }"
        ));
        assert!(!contains_service(
            "SELECT * { ?s ?p \"SERVICE\" } # service"
        ));
    }

    #[test]
    fn parameters_are_terms_not_text() {
        let (n, t) = parse_param("issue=missile\" } DROP ALL {").unwrap();
        assert_eq!(n, "issue");
        assert_eq!(
            t,
            Term::Literal(Literal::new_simple_literal("missile\" } DROP ALL {"))
        );
        assert!(parse_param("novalue").is_err());
    }
}
