//! `diplograph serve`: the store over HTTP, as a SPARQL 1.1 Protocol endpoint with the named
//! queries, a health check and the HTML viewer.
//!
//! A fixed pool of worker threads takes requests from `tiny_http`; each request evaluates
//! against a snapshot of the store (an `Arc`), so a reload never pulls a store from under a
//! running query. Read-only unless `allow_updates`; SERVICE is refused; every query has a time
//! limit, a result-size limit and a memory budget. On Linux, queries, viewer pages and graph
//! reads run in a forked child process ([`super::isolate`]) that is killed at the time limit,
//! so a query that Oxigraph cannot interrupt still stops using CPU and memory there. Before each request the store directory's fingerprint is
//! compared (three `stat` calls) and the store is reloaded when another process has written
//! to it. This module must not parse command lines (that is `cli::net`), must not
//! write to the store except through a SPARQL update that the operator allowed, and must not
//! fetch anything from other hosts.

use super::form;
use crate::query::{self, QueryError, Timer};
use crate::render::export::{self, ExportError, ExportFormat, ExportRequest};
use crate::store::{self, DiploStore};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator, Variable};
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server};

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub bind: String,
    pub allow_updates: bool,
    /// The secret an update must carry (`Authorization: Bearer …`); required with
    /// `allow_updates`.
    pub update_token: Option<String>,
    pub timeout: Duration,
    pub max_results: usize,
    pub workers: usize,
    /// Largest request body accepted (queries and updates), in bytes.
    pub max_body: usize,
    /// The viewer draws at most this many nodes without a focus; a bigger store gets a page
    /// that asks for one.
    pub max_nodes: usize,
    /// A query whose unconnected parts multiply past this many rows is refused before it
    /// runs (503): such products are built in memory and not worth starting.
    pub max_work: u64,
    /// Memory a query may allocate beyond what the server holds, in bytes (503 past it); on
    /// Linux, where queries run in a child process.
    pub max_memory: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            bind: "127.0.0.1:7878".into(),
            allow_updates: false,
            update_token: None,
            timeout: Duration::from_secs(30),
            max_results: 100_000,
            workers: 8,
            max_body: 1 << 20,
            max_nodes: 400,
            max_work: 10_000_000,
            max_memory: 1 << 30,
        }
    }
}

/// Where the data comes from.
pub enum Source {
    /// A store directory (read-only, reloaded when it changes; or the writer with updates).
    Dir(PathBuf),
    /// A scratch store in memory (reference data only unless updated); nothing is saved.
    Memory,
}

/// Decoded form or query-string pairs, in order.
type Form = Vec<(String, String)>;

type Fingerprint = Vec<Option<(std::time::SystemTime, u64)>>;

struct State {
    source_dir: Option<PathBuf>,
    writer: bool,
    current: RwLock<Arc<DiploStore>>,
    seen: Mutex<Fingerprint>,
    /// Held by an update while it writes, and while forking a query's child process, so that
    /// a child never starts from a store that is half-way through a write.
    update_lock: Mutex<()>,
    /// Query threads still running, including those past their time limit (stores that are
    /// not forked: RocksDB, or not Linux).
    alive: Arc<AtomicUsize>,
    /// Documents and quads of the store being served, counted when it is loaded or updated,
    /// so that /health answers without touching the store.
    counts: Mutex<Counts>,
    opts: Options,
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    documents: usize,
    quads: usize,
}

impl Counts {
    fn of(store: &DiploStore) -> Counts {
        Counts {
            documents: store.document_count().unwrap_or(0),
            quads: store.len().unwrap_or(0),
        }
    }
}

impl State {
    /// The store to answer this request from, reloaded first if its files changed.
    fn store(&self) -> Arc<DiploStore> {
        if let (Some(dir), false) = (&self.source_dir, self.writer) {
            let now = store::fingerprint(dir);
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            if *seen != now {
                // Load outside the RwLock: running queries keep their snapshot meanwhile.
                match DiploStore::open_read(dir) {
                    Ok(fresh) => {
                        *self.counts.lock().unwrap_or_else(|e| e.into_inner()) = Counts::of(&fresh);
                        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(fresh);
                        *seen = now;
                    }
                    Err(e) => eprintln!(
                        "diplograph serve: reload failed, serving the previous state: {e}"
                    ),
                }
            }
        }
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// Why the server did not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("cannot listen on {bind}: {source}")]
    Listen {
        bind: String,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("the server is not on an IP address")]
    NotIp,
    #[error("updates need a secret: give one (at least 16 characters) with --update-token-file FILE or DIPLOGRAPH_UPDATE_TOKEN; clients send it as `Authorization: Bearer SECRET`")]
    NoUpdateToken,
}

/// The shortest update secret accepted.
const MIN_TOKEN_LEN: usize = 16;

/// Run the server until SIGINT/SIGTERM (or until `stop` is set). `ready` is told the address
/// actually bound (useful with port 0) once requests can be made.
pub fn run(
    source: Source,
    opts: Options,
    stop: Arc<AtomicBool>,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    if opts.allow_updates
        && opts
            .update_token
            .as_deref()
            .is_none_or(|t| t.trim().len() < MIN_TOKEN_LEN)
    {
        return Err(ServeError::NoUpdateToken);
    }
    let (store, dir, writer) = match source {
        Source::Dir(dir) => {
            let s = if opts.allow_updates {
                DiploStore::open_write(&dir)
            } else {
                DiploStore::open_read(&dir)
            }?;
            (s, Some(dir), opts.allow_updates)
        }
        Source::Memory => (DiploStore::memory()?, None, opts.allow_updates),
    };
    let seen = dir.as_deref().map(store::fingerprint).unwrap_or_default();
    let server = Server::http(&opts.bind).map_err(|source| ServeError::Listen {
        bind: opts.bind.clone(),
        source,
    })?;
    let addr = server.server_addr().to_ip().ok_or(ServeError::NotIp)?;
    let server = Arc::new(server);
    let counts = Mutex::new(Counts::of(&store));
    let state = Arc::new(State {
        source_dir: dir,
        writer,
        counts,
        current: RwLock::new(Arc::new(store)),
        seen: Mutex::new(seen),
        update_lock: Mutex::new(()),
        alive: Arc::new(AtomicUsize::new(0)),
        opts: opts.clone(),
    });
    let workers: Vec<_> = (0..opts.workers.max(1))
        .map(|_| {
            let (server, state, stop) = (server.clone(), state.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    match server.recv_timeout(Duration::from_millis(100)) {
                        Ok(Some(request)) => handle(&state, request),
                        Ok(None) => {}
                        Err(e) => eprintln!("diplograph serve: {e}"),
                    }
                }
            })
        })
        .collect();
    ready(addr);
    for w in workers {
        let _ = w.join();
    }
    Ok(())
}

/// A response before CORS headers: status, content type, body.
struct Reply {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(status: u16, body: impl Into<String>) -> Reply {
        let mut body = body.into();
        if !body.ends_with('\n') {
            body.push('\n');
        }
        Reply {
            status,
            content_type: "text/plain; charset=utf-8".into(),
            body: body.into_bytes(),
        }
    }

    fn json(status: u16, v: &serde_json::Value) -> Reply {
        Reply {
            status,
            content_type: "application/json".into(),
            body: serde_json::to_vec_pretty(v).unwrap_or_default(),
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn handle(state: &State, mut request: Request) {
    let reply = match route(state, &mut request) {
        Ok(r) => r,
        Err(r) => r,
    };
    let mut response = Response::from_data(reply.body)
        .with_status_code(reply.status)
        .with_header(header("Content-Type", &reply.content_type))
        .with_header(header("Access-Control-Allow-Origin", "*"))
        .with_header(header("Access-Control-Allow-Methods", "GET, POST, OPTIONS"))
        .with_header(header(
            "Access-Control-Allow-Headers",
            "Content-Type, Accept, Authorization",
        ))
        .with_header(header("Access-Control-Max-Age", "86400"))
        .with_header(header("Vary", "Accept"));
    if reply.status == 503 {
        response = response.with_header(header("Retry-After", "5"));
    }
    let _ = request.respond(response);
}

fn route(state: &State, request: &mut Request) -> Result<Reply, Reply> {
    let url = request.url().to_string();
    let (path, query_string) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let params = form::decode(query_string);
    let method = request.method().clone();
    if method == Method::Options {
        return Ok(Reply {
            status: 204,
            content_type: "text/plain".into(),
            body: Vec::new(),
        });
    }
    match (method.clone(), path) {
        (Method::Get | Method::Head, "/health") => health(state),
        (Method::Get | Method::Head, "/") => viewer(state, &params),
        (Method::Get | Method::Head, "/queries") => Ok(list_queries()),
        (Method::Get | Method::Head, p) if p.starts_with("/queries/") => {
            let name = form::percent_decode(&p["/queries/".len()..]);
            let q = query::named(&name).ok_or_else(|| {
                Reply::text(
                    404,
                    format!("no named query `{name}`; GET /queries lists them"),
                )
            })?;
            let bound = params
                .iter()
                .map(|(k, v)| query::parse_param(&format!("{k}={v}")))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| Reply::text(400, e.to_string()))?;
            evaluate(
                state,
                q.text,
                &bound,
                &query::Dataset::default(),
                &accept(request),
                |_| Ok(()),
            )
        }
        (Method::Get | Method::Post, "/query" | "/sparql") => {
            let (text, dataset) = if method == Method::Get {
                (one(&params, "query"), dataset_of(&params)?)
            } else {
                let body = body_params(state, request, "application/sparql-query", "query")?;
                let mut all = params.clone();
                all.extend(body.1);
                (body.0.or_else(|| one(&all, "query")), dataset_of(&all)?)
            };
            let text = text.ok_or_else(|| {
                Reply::text(
                    400,
                    "give a query: GET ?query=…, POST a form with query=…, or POST application/sparql-query",
                )
            })?;
            evaluate(state, &text, &[], &dataset, &accept(request), |_| Ok(()))
        }
        (Method::Get | Method::Head, "/data") => graph_store_get(state, &params, &accept(request)),
        (_, "/data") => Err(Reply::text(
            405,
            "the graph store is read-only here: GET /data?graph=IRI (or ?default); change the store with ingest or /update",
        )),
        (Method::Post, "/update") => {
            if !state.writer {
                return Err(Reply::text(
                    403,
                    "this server is read-only; start it with --allow-updates to accept SPARQL updates",
                ));
            }
            authorize_update(state, request)?;
            let (text, form) = body_params(state, request, "application/sparql-update", "update")?;
            let text = text.or_else(|| one(&form, "update")).ok_or_else(|| {
                Reply::text(
                    400,
                    "give an update: POST application/sparql-update, or a form with update=…",
                )
            })?;
            update(state, &text)
        }
        (_, "/update") => Err(Reply::text(405, "updates are POSTed")),
        (Method::Get | Method::Head, _) => Err(Reply::text(
            404,
            "not found; try /query, /sparql, /queries, /data, /health or /",
        )),
        _ => Err(Reply::text(405, "method not allowed here")),
    }
}

/// An update must come from a client that holds the secret, and not from a page of another
/// site: a browser sends `Origin` with a cross-site form POST, and a form cannot set
/// `Authorization`; both are checked so that neither alone lets a web page wipe the store.
fn authorize_update(state: &State, request: &Request) -> Result<(), Reply> {
    let get = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().trim().to_string())
    };
    if let Some(origin) = get("Origin") {
        let host = get("Host").unwrap_or_default();
        let origin_host = origin
            .split_once("://")
            .map_or(origin.as_str(), |(_, rest)| rest)
            .trim_end_matches('/');
        if origin == "null" || !origin_host.eq_ignore_ascii_case(&host) {
            return Err(Reply::text(
                403,
                format!("updates from another origin ({origin}) are refused"),
            ));
        }
    }
    let expected = state.opts.update_token.as_deref().unwrap_or_default();
    let given = get("Authorization")
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
                .map(|t| t.trim().to_string())
        })
        .unwrap_or_default();
    if expected.is_empty() || !constant_time_eq(given.as_bytes(), expected.as_bytes()) {
        return Err(Reply::text(
            401,
            "updates need the server's secret: send `Authorization: Bearer SECRET`",
        ));
    }
    Ok(())
}

/// Compare secrets without leaking, through timing, how much of a guess was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for (i, &x) in a.iter().enumerate() {
        diff |= usize::from(x ^ b.get(i % b.len().max(1)).copied().unwrap_or(0));
    }
    diff == 0
}

fn one(params: &[(String, String)], key: &str) -> Option<String> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
}

/// The dataset of a query request (`default-graph-uri`, `named-graph-uri`, each repeatable);
/// a value that is not an IRI is a 400 that says which.
fn dataset_of(params: &[(String, String)]) -> Result<query::Dataset, Reply> {
    let mut dataset = query::Dataset::default();
    for (k, v) in params {
        let list = match k.as_str() {
            "default-graph-uri" => &mut dataset.default,
            "named-graph-uri" => &mut dataset.named,
            "using-graph-uri" | "using-named-graph-uri" => {
                return Err(Reply::text(
                    400,
                    format!("{k} belongs to updates (POST /update), not to queries"),
                ))
            }
            _ => continue,
        };
        list.push(
            NamedNode::new(v.trim())
                .map_err(|e| Reply::text(400, format!("{k}: `{v}` is not an IRI: {e}")))?,
        );
    }
    Ok(dataset)
}

/// The read-only SPARQL 1.1 Graph Store Protocol: `GET /data?graph=IRI` answers one graph
/// (a document's graph is named by the document's IRI), `GET /data?default` the default graph
/// as queries see it (the union of all graphs); in the negotiated RDF format, under the same
/// time and size limits as queries.
fn graph_store_get(
    state: &State,
    params: &[(String, String)],
    accept: &str,
) -> Result<Reply, Reply> {
    let graph = one(params, "graph");
    let default = params.iter().any(|(k, _)| k == "default");
    let (text, graph) = match (graph, default) {
        (Some(iri), false) => {
            let node = NamedNode::new(iri.trim())
                .map_err(|e| Reply::text(400, format!("graph: `{iri}` is not an IRI: {e}")))?;
            let text = format!(
                "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}",
                node.as_str()
            );
            (text, Some(node))
        }
        (None, true) => (
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }".to_string(),
            None,
        ),
        _ => {
            return Err(Reply::text(
                400,
                "name one graph: GET /data?graph=IRI, or GET /data?default",
            ))
        }
    };
    // The store is read in the query's child, like every read (see `isolated`).
    let known = move |store: &DiploStore| match &graph {
        Some(node) => match store.store.contains_named_graph(node) {
            Ok(true) => Ok(()),
            Ok(false) => Err(Reply::text(
                404,
                format!("the store has no graph <{}>", node.as_str()),
            )),
            Err(e) => Err(Reply::text(500, e.to_string())),
        },
        None => Ok(()),
    };
    evaluate(state, &text, &[], &query::Dataset::default(), accept, known)
}

fn accept(request: &Request) -> String {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Accept"))
        .map(|h| h.value.as_str().to_string())
        .unwrap_or_default()
}

/// A POST body: the direct text (when the content type is `direct`) or a decoded form.
fn body_params(
    state: &State,
    request: &mut Request,
    direct: &str,
    form_key: &str,
) -> Result<(Option<String>, Form), Reply> {
    let content_type = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Content-Type"))
        .map(|h| h.value.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    let limit = state.opts.max_body;
    let mut body = Vec::new();
    request
        .as_reader()
        .take(limit as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| Reply::text(400, format!("cannot read the request body: {e}")))?;
    if body.len() > limit {
        return Err(Reply::text(
            413,
            format!("request body larger than {limit} bytes"),
        ));
    }
    let text = String::from_utf8(body).map_err(|_| Reply::text(400, "the body is not UTF-8"))?;
    if mime == direct {
        Ok((Some(text), Vec::new()))
    } else if mime == "application/x-www-form-urlencoded" {
        Ok((None, form::decode(&text)))
    } else {
        Err(Reply::text(
            415,
            format!("POST {direct} or application/x-www-form-urlencoded with {form_key}=…"),
        ))
    }
}

/// Result formats for solutions, by media type.
fn results_format(media: &str) -> Option<QueryResultsFormat> {
    Some(match media {
        "application/sparql-results+json" | "application/json" => QueryResultsFormat::Json,
        "application/sparql-results+xml" | "application/xml" | "text/xml" => {
            QueryResultsFormat::Xml
        }
        "text/csv" => QueryResultsFormat::Csv,
        "text/tab-separated-values" => QueryResultsFormat::Tsv,
        _ => return None,
    })
}

/// RDF formats for CONSTRUCT/DESCRIBE, by media type.
fn graph_format(media: &str) -> Option<RdfFormat> {
    match media {
        "text/turtle" | "application/x-turtle" => Some(RdfFormat::Turtle),
        "application/n-triples" | "text/plain" => Some(RdfFormat::NTriples),
        "application/n-quads" => Some(RdfFormat::NQuads),
        "application/ld+json" | "application/rdf+xml" => RdfFormat::from_media_type(media),
        _ => None,
    }
}

/// Pick the best of `accept` that `known` understands; `*/*` or nothing gives `default`.
fn negotiate<T: Copy>(accept: &str, known: impl Fn(&str) -> Option<T>, default: T) -> Option<T> {
    if accept.trim().is_empty() {
        return Some(default);
    }
    let mut choices: Vec<(f32, usize, String)> = accept
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut bits = part.split(';');
            let media = bits.next()?.trim().to_ascii_lowercase();
            let q = bits
                .filter_map(|b| {
                    b.trim()
                        .strip_prefix("q=")
                        .and_then(|v| v.parse::<f32>().ok())
                })
                .next()
                .unwrap_or(1.0);
            (q > 0.0).then_some((q, i, media))
        })
        .collect();
    choices.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, _, media) in &choices {
        if let Some(f) = known(media) {
            return Some(f);
        }
        if media == "*/*" || media == "application/*" || media == "text/*" {
            return Some(default);
        }
    }
    None
}

fn query_error(e: QueryError) -> Reply {
    match e {
        QueryError::Syntax(_) | QueryError::BadParameter(_) | QueryError::Refused(_) => {
            Reply::text(400, e.to_string())
        }
        QueryError::Timeout(_) => Reply::text(
            503,
            format!("{e}; narrow the query (a LIMIT, a more selective pattern) or ask the operator for a longer --timeout"),
        ),
        QueryError::OverBudget(_) => Reply::text(503, e.to_string()),
        QueryError::Evaluation(_) | QueryError::Io(_) => Reply::text(500, e.to_string()),
    }
}

/// Evaluate a query with a time limit, a result limit and a memory budget, in the negotiated
/// format, after `first`, a check of the store (`|_| Ok(())` for none). The text is parsed
/// here (a syntax error needs no child); the check and the query run in [`isolated`].
fn evaluate(
    state: &State,
    text: &str,
    params: &[(String, Term)],
    dataset: &query::Dataset,
    accept: &str,
    first: impl FnOnce(&DiploStore) -> Result<(), Reply> + Send + 'static,
) -> Result<Reply, Reply> {
    let token = CancellationToken::new();
    let prepared = query::prepare_in(text, params, &token, dataset).map_err(query_error)?;
    let (text, accept) = (text.to_string(), accept.to_string());
    let (max_work, limit, timeout) = (
        state.opts.max_work,
        state.opts.max_results,
        state.opts.timeout,
    );
    isolated(state, token, move |store, token| {
        first(store)?;
        query::refuse_unconnected_products(&text, &store.store, max_work).map_err(query_error)?;
        execute(store, prepared, token, &accept, limit, timeout)
    })
}

/// Run `work` on the current store where the time limit stops it.
///
/// On Linux, for stores held in memory, `work` runs in a forked child ([`super::isolate`]):
/// at the limit the child is killed (503), so its CPU and memory are released at once, and
/// it may allocate at most `--max-memory` (503 past it). Every read of the store by the
/// server goes through here; the fork is only safe while no thread of the server holds the
/// store's locks, which updates ensure by holding `update_lock`, the lock the fork takes.
///
/// Elsewhere (RocksDB stores, other systems) `work` runs on its own thread: Oxigraph checks
/// the cancellation token when it reads from the store, so most queries stop at the limit,
/// but one that spends its time in in-memory joins may not. The client is answered 503 at
/// the limit whatever the evaluation does; such runaways are counted, and while too many are
/// alive new queries are refused with 503 rather than piling up.
fn isolated<F>(state: &State, token: CancellationToken, work: F) -> Result<Reply, Reply>
where
    F: FnOnce(&DiploStore, &CancellationToken) -> Result<Reply, Reply> + Send + 'static,
{
    let store = state.store();
    let timeout = state.opts.timeout;
    #[cfg(target_os = "linux")]
    if store.kind() != store::Kind::RocksDb {
        use super::isolate::{self, Stopped};
        let done = isolate::fork(&state.update_lock, timeout, state.opts.max_memory, || {
            encode(work(&store, &token))
        });
        return match done {
            Ok(bytes) => decode(&bytes),
            Err(Stopped::TimedOut) => Err(query_error(QueryError::Timeout(timeout))),
            Err(Stopped::OutOfMemory) => Err(query_error(QueryError::OverBudget(format!(
                "the query needed more than the server's memory budget of {} MiB per query (--max-memory); narrow it (a LIMIT, a more selective pattern, fewer rows to sort or group)",
                state.opts.max_memory >> 20
            )))),
            Err(Stopped::Failed(why)) => Err(Reply::text(500, why)),
        };
    }
    on_thread(state, store, token, work)
}

/// [`isolated`] where a process cannot be forked: a thread, answered 503 at the limit.
fn on_thread<F>(
    state: &State,
    store: Arc<DiploStore>,
    token: CancellationToken,
    work: F,
) -> Result<Reply, Reply>
where
    F: FnOnce(&DiploStore, &CancellationToken) -> Result<Reply, Reply> + Send + 'static,
{
    let timeout = state.opts.timeout;
    let ceiling = state.opts.workers + 4;
    if state.alive.fetch_add(1, Ordering::SeqCst) >= ceiling {
        state.alive.fetch_sub(1, Ordering::SeqCst);
        return Err(Reply::text(
            503,
            "the server is busy finishing queries that ran past their time limit; try again later",
        ));
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let alive = state.alive.clone();
    let thread_token = token.clone();
    let spawned = std::thread::Builder::new()
        .name("query".into())
        .spawn(move || {
            let _timer = Timer::start(&thread_token, timeout);
            let reply = work(&store, &thread_token);
            alive.fetch_sub(1, Ordering::SeqCst);
            let _ = tx.send(reply);
        });
    if let Err(e) = spawned {
        state.alive.fetch_sub(1, Ordering::SeqCst);
        return Err(Reply::text(503, format!("cannot start the query: {e}")));
    }
    match rx.recv_timeout(timeout + Duration::from_millis(500)) {
        Ok(reply) => reply,
        Err(_) => {
            token.cancel();
            Err(query_error(QueryError::Timeout(timeout)))
        }
    }
}

/// A reply as the bytes a child sends its parent: ok flag, status, content type, body.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn encode(reply: Result<Reply, Reply>) -> Vec<u8> {
    let (ok, r) = match reply {
        Ok(r) => (1u8, r),
        Err(r) => (0u8, r),
    };
    let mut out = Vec::with_capacity(r.body.len() + r.content_type.len() + 7);
    out.push(ok);
    out.extend_from_slice(&r.status.to_be_bytes());
    out.extend_from_slice(&(r.content_type.len() as u32).to_be_bytes());
    out.extend_from_slice(r.content_type.as_bytes());
    out.extend_from_slice(&r.body);
    out
}

/// The reply a child sent, or a 500 if the bytes are not one.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn decode(bytes: &[u8]) -> Result<Reply, Reply> {
    let broken = || Reply::text(500, "the evaluation ended without a complete answer");
    let (&ok, rest) = bytes.split_first().ok_or_else(broken)?;
    let status = u16::from_be_bytes(
        rest.get(..2)
            .ok_or_else(broken)?
            .try_into()
            .unwrap_or_default(),
    );
    let len = u32::from_be_bytes(
        rest.get(2..6)
            .ok_or_else(broken)?
            .try_into()
            .unwrap_or_default(),
    ) as usize;
    let content_type = rest.get(6..6 + len).ok_or_else(broken)?;
    let reply = Reply {
        status,
        content_type: String::from_utf8(content_type.to_vec()).map_err(|_| broken())?,
        body: rest[6 + len..].to_vec(),
    };
    if ok == 1 {
        Ok(reply)
    } else {
        Err(reply)
    }
}

fn execute(
    store: &DiploStore,
    prepared: oxigraph::sparql::PreparedSparqlQuery,
    token: &CancellationToken,
    accept: &str,
    limit: usize,
    timeout: Duration,
) -> Result<Reply, Reply> {
    let too_many = || {
        Reply::text(
            413,
            format!("the result has more than {limit} rows; add a LIMIT or narrow the query (the server's --max-results is {limit})"),
        )
    };
    let eval = |e: oxigraph::sparql::QueryEvaluationError| {
        if token.is_cancelled() {
            query_error(QueryError::Timeout(timeout))
        } else {
            query_error(QueryError::Evaluation(e.to_string()))
        }
    };
    let results = prepared.on_store(&store.store).execute().map_err(eval)?;
    let io = |e: std::io::Error| Reply::text(500, e.to_string());
    match results {
        QueryResults::Solutions(solutions) => {
            let format = negotiate(accept, results_format, QueryResultsFormat::Json)
                .ok_or_else(|| not_acceptable("SPARQL JSON, XML, CSV or TSV results"))?;
            let vars: Vec<Variable> = solutions.variables().to_vec();
            let mut w = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(Vec::new(), vars.clone())
                .map_err(io)?;
            for (n, s) in solutions.enumerate() {
                if n >= limit {
                    return Err(too_many());
                }
                let s = s.map_err(eval)?;
                w.serialize(s.iter().map(|(v, t)| (v.as_ref(), t.as_ref())))
                    .map_err(io)?;
            }
            Ok(Reply {
                status: 200,
                content_type: with_charset(format.media_type()),
                body: w.finish().map_err(io)?,
            })
        }
        QueryResults::Boolean(b) => {
            let format = negotiate(accept, results_format, QueryResultsFormat::Json)
                .ok_or_else(|| not_acceptable("SPARQL JSON, XML, CSV or TSV results"))?;
            let body = QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(Vec::new(), b)
                .map_err(io)?;
            Ok(Reply {
                status: 200,
                content_type: with_charset(format.media_type()),
                body,
            })
        }
        QueryResults::Graph(triples) => {
            let format = negotiate(accept, graph_format, RdfFormat::Turtle)
                .ok_or_else(|| not_acceptable("Turtle, N-Triples, N-Quads, JSON-LD or RDF/XML"))?;
            let mut serializer = RdfSerializer::from_format(format);
            if format == RdfFormat::Turtle {
                for (p, iri) in crate::vocab::PREFIXES {
                    serializer = serializer
                        .with_prefix(*p, *iri)
                        .map_err(|e| Reply::text(500, e.to_string()))?;
                }
            }
            let mut w = serializer.for_writer(Vec::new());
            for (n, t) in triples.enumerate() {
                if n >= limit {
                    return Err(too_many());
                }
                w.serialize_triple(&t.map_err(eval)?).map_err(io)?;
            }
            Ok(Reply {
                status: 200,
                content_type: with_charset(format.media_type()),
                body: w.finish().map_err(io)?,
            })
        }
    }
}

/// A media type with one UTF-8 charset parameter (some already carry it: `text/csv`).
fn with_charset(media_type: &str) -> String {
    if media_type.contains("charset=") {
        media_type.to_string()
    } else {
        format!("{media_type}; charset=utf-8")
    }
}

fn not_acceptable(what: &str) -> Reply {
    Reply::text(
        406,
        format!("none of the Accept types can be served; this result can be {what}"),
    )
}

/// Apply a SPARQL update and save what it changed (only with --allow-updates).
fn update(state: &State, text: &str) -> Result<Reply, Reply> {
    query::refuse_service(text).map_err(query_error)?;
    update_graphs_allowed(text)?;
    let _one_at_a_time = state.update_lock.lock().unwrap_or_else(|e| e.into_inner());
    let store = state.store();
    let token = CancellationToken::new();
    let prepared = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .parse_update(text)
        .map_err(|e| query_error(QueryError::Syntax(e.to_string())))?;
    let _timer = Timer::start(&token, state.opts.timeout);
    prepared.on_store(&store.store).execute().map_err(|e| {
        if token.is_cancelled() {
            query_error(QueryError::Timeout(state.opts.timeout))
        } else {
            Reply::text(400, format!("update failed: {e}"))
        }
    })?;
    *state.counts.lock().unwrap_or_else(|e| e.into_inner()) = Counts::of(&store);
    let files = store.save_graphs().map_err(|e| {
        Reply::text(
            500,
            format!("the update was applied in memory but not saved: {e}"),
        )
    })?;
    Ok(Reply::text(
        200,
        format!("update applied; {files} graph files written or removed"),
    ))
}

/// An update may write only to graphs of the store's own IRI space (or the default graph):
/// graph names become files and are loaded back as part of the store, so a name of another
/// scheme (`file:///…`) or host is refused, and so is a graph named by a variable in an
/// INSERT template, whose value is only known when the update runs. LOAD is refused: the
/// server fetches nothing.
fn update_graphs_allowed(text: &str) -> Result<(), Reply> {
    use spargebra::term::{GraphName, GraphNamePattern};
    use spargebra::{algebra::GraphTarget, GraphUpdateOperation as Op};
    let parsed = spargebra::SparqlParser::new()
        .parse_update(text)
        .map_err(|e| query_error(QueryError::Syntax(e.to_string())))?;
    let refuse = |what: String| {
        Err(Reply::text(
            403,
            format!(
                "{what}: updates may only name graphs under {}",
                crate::vocab::ID
            ),
        ))
    };
    let own = |iri: &str| iri.starts_with(crate::vocab::ID);
    let check_name = |g: &GraphName| match g {
        GraphName::NamedNode(n) if !own(n.as_str()) => refuse(format!("graph <{}>", n.as_str())),
        _ => Ok(()),
    };
    let check_pattern = |g: &GraphNamePattern, insert: bool| match g {
        GraphNamePattern::NamedNode(n) if !own(n.as_str()) => {
            refuse(format!("graph <{}>", n.as_str()))
        }
        GraphNamePattern::Variable(v) if insert => {
            refuse(format!("a graph named by the variable ?{}", v.as_str()))
        }
        _ => Ok(()),
    };
    for op in &parsed.operations {
        match op {
            Op::InsertData { data } => data.iter().try_for_each(|q| check_name(&q.graph_name))?,
            Op::DeleteData { data } => data.iter().try_for_each(|q| check_name(&q.graph_name))?,
            Op::DeleteInsert { delete, insert, .. } => {
                delete
                    .iter()
                    .try_for_each(|q| check_pattern(&q.graph_name, false))?;
                insert
                    .iter()
                    .try_for_each(|q| check_pattern(&q.graph_name, true))?;
            }
            Op::Load { source, .. } => return refuse(format!("LOAD <{}>", source.as_str())),
            Op::Create { graph, .. } => check_name(&GraphName::NamedNode(graph.clone()))?,
            Op::Clear { graph, .. } | Op::Drop { graph, .. } => {
                if let GraphTarget::NamedNode(n) = graph {
                    check_name(&GraphName::NamedNode(n.clone()))?;
                }
            }
        }
    }
    Ok(())
}

fn health(state: &State) -> Result<Reply, Reply> {
    // Only the files' fingerprint is read (three `stat` calls); the counts were taken when the
    // store was loaded or last updated.
    let _ = state.store();
    let counts = *state.counts.lock().unwrap_or_else(|e| e.into_inner());
    let (documents, quads) = (counts.documents, counts.quads);
    Ok(Reply::json(
        200,
        &serde_json::json!({
            "status": "ok",
            "documents": documents,
            "quads": quads,
            "read_only": !state.writer,
            "timeout_seconds": state.opts.timeout.as_secs_f64(),
            "max_results": state.opts.max_results,
        }),
    ))
}

fn list_queries() -> Reply {
    let list: Vec<serde_json::Value> = query::NAMED
        .iter()
        .map(|q| {
            serde_json::json!({
                "name": q.name,
                "description": q.description(),
                "url": format!("/queries/{}", q.name),
            })
        })
        .collect();
    Reply::json(200, &serde_json::Value::Array(list))
}

/// The offline HTML viewer of the store (the export code's), or a page on how to focus it.
fn viewer(state: &State, params: &[(String, String)]) -> Result<Reply, Reply> {
    let year = |k: &str| one(params, k).and_then(|v| v.parse::<i32>().ok());
    let request = ExportRequest {
        format: Some(ExportFormat::Html.name().into()),
        output: None,
        focus: one(params, "focus").filter(|s| !s.is_empty()),
        depth: one(params, "depth")
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(1)
            .min(5),
        meeting: one(params, "meeting").filter(|s| !s.is_empty()),
        series: one(params, "series").filter(|s| !s.is_empty()),
        types: one(params, "types")
            .map(|t| t.split(',').map(str::to_string).collect())
            .unwrap_or_default(),
        since: year("since"),
        until: year("until"),
        path: Vec::new(),
        max_nodes: state.opts.max_nodes,
        web_annotations: false,
    };
    // Drawn in a child like a query (see `isolated`): the time limit and memory budget apply.
    isolated(state, CancellationToken::new(), move |store, _| {
        draw(store, &request)
    })
}

fn draw(store: &DiploStore, request: &ExportRequest) -> Result<Reply, Reply> {
    let mut body = Vec::new();
    let content_type = format!("{}; charset=utf-8", ExportFormat::Html.media_type());
    match export::run(&store.store, request, &mut body) {
        Ok(()) => Ok(Reply {
            status: 200,
            content_type,
            body,
        }),
        Err(e) => {
            // A graph too big to draw is the normal first visit: the page says how to pick a
            // part of it. Anything else is a bad request.
            let status = match e {
                ExportError::TooManyNodes { .. } | ExportError::StoreTooBig { .. } => 200,
                _ => 400,
            };
            let message = e.to_string();
            let page = format!(
                "<!doctype html><meta charset=utf-8><title>diplograph</title>\
                 <h1>diplograph</h1><p>{}</p>\
                 <p>Pick a part of the graph: <code>/?focus=ENTITY&amp;depth=1</code>, \
                 <code>/?meeting=NAME</code>, <code>/?series=NAME</code>, \
                 <code>/?types=meeting,series</code>, <code>/?since=2020&amp;until=2022</code>.</p>\
                 <form><input name=focus placeholder='entity (e.g. ASEAN)'> \
                 <input name=depth value=1 size=2> <button>Show</button></form>\
                 <p>Or query it: <a href='/queries'>named queries</a>, SPARQL at <code>/query</code>.</p>",
                html_escape(&message)
            );
            Ok(Reply {
                status,
                content_type,
                body: page.into_bytes(),
            })
        }
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_headers_pick_by_quality_then_order() {
        let f = |a: &str| negotiate(a, results_format, QueryResultsFormat::Json);
        assert_eq!(f(""), Some(QueryResultsFormat::Json));
        assert_eq!(f("text/csv"), Some(QueryResultsFormat::Csv));
        assert_eq!(
            f("application/sparql-results+xml;q=0.5, text/tab-separated-values"),
            Some(QueryResultsFormat::Tsv)
        );
        assert_eq!(f("image/png, */*;q=0.1"), Some(QueryResultsFormat::Json));
        assert_eq!(f("image/png"), None);
    }
}
