//! `diplograph serve` end to end: a real server on a free loopback port over a temp store of
//! the sample documents, asked over HTTP as a client would. Every server is killed by a Drop
//! guard, so a failing test leaves no process behind; nothing here leaves 127.0.0.1.

use crate::common::*;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running server; killed when dropped.
pub struct Server {
    child: Option<Child>,
    pub url: String,
}

impl Server {
    pub fn start(store: &str, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_diplograph"))
            .args(["--store", store, "serve", "--bind", "127.0.0.1:0"])
            .args(extra)
            .current_dir(root())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("diplograph serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut guard = Server {
            child: Some(child),
            url: String::new(),
        };
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("a first line");
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .trim_end_matches('/')
            .to_string();
        guard.url = url;
        // /health answers once the workers take requests.
        let deadline = Instant::now() + Duration::from_secs(20);
        while get(&guard.url, "/health", "").0 != 200 {
            assert!(Instant::now() < deadline, "no /health within 20 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        guard
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    /// Send SIGTERM and wait for the exit code.
    fn terminate(&mut self) -> (Option<i32>, Duration) {
        let started = Instant::now();
        let status = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let mut child = self.child.take().expect("running");
        loop {
            if let Some(s) = child.try_wait().expect("wait") {
                return (s.code(), started.elapsed());
            }
            if started.elapsed() > Duration::from_secs(15) {
                let _ = child.kill();
                let _ = child.wait();
                return (None, started.elapsed());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(60))
        .build()
}

fn answer(r: Result<ureq::Response, ureq::Error>) -> (u16, String, String) {
    match r {
        Ok(resp) | Err(ureq::Error::Status(_, resp)) => {
            let status = resp.status();
            let ct = resp.content_type().to_string();
            let cors = resp
                .header("Access-Control-Allow-Origin")
                .unwrap_or("")
                .to_string();
            let body = resp.into_string().unwrap_or_default();
            (status, format!("{ct}|{cors}"), body)
        }
        Err(e) => panic!("transport error: {e}"),
    }
}

/// GET a path with an Accept header; (status, "content-type|cors", body).
pub fn get(base: &str, path: &str, accept: &str) -> (u16, String, String) {
    let mut r = agent().get(&format!("{base}{path}"));
    if !accept.is_empty() {
        r = r.set("Accept", accept);
    }
    match r.call() {
        Err(ureq::Error::Transport(_)) => (0, String::new(), String::new()),
        other => answer(other),
    }
}

fn post(base: &str, path: &str, content_type: &str, body: &str) -> (u16, String, String) {
    answer(
        agent()
            .post(&format!("{base}{path}"))
            .set("Content-Type", content_type)
            .send_string(body),
    )
}

fn enc(s: &str) -> String {
    diplograph::net::form::encode(s)
}

fn sample_store() -> TempStore {
    let s = TempStore::new();
    s.ingest(&[&root().join("data/documents")]);
    s
}

/// Rows in order, and the values a cell lists together (GROUP_CONCAT, whose order SPARQL
/// leaves open: "2023-07-06 | --07-06") in order too.
fn sorted(mut rows: Vec<BTreeMap<String, String>>) -> Vec<BTreeMap<String, String>> {
    for row in &mut rows {
        for value in row.values_mut() {
            let mut parts: Vec<&str> = value.split(" | ").collect();
            parts.sort_unstable();
            *value = parts.join(" | ");
        }
    }
    rows.sort();
    rows
}

#[test]
fn named_queries_over_http_give_the_rows_of_the_cli() {
    let s = sample_store();
    let server = Server::start(&s.store(), &[]);
    for name in ["documents", "meetings", "issues", "participants", "series"] {
        let (status, _, body) = get(
            &server.url,
            &format!("/queries/{name}"),
            "application/sparql-results+json",
        );
        assert_eq!(status, 200, "{name}: {body}");
        let http = rows(&body);
        assert!(!http.is_empty(), "{name} has rows");
        assert_eq!(sorted(http), sorted(s.query(name, &[])), "{name}");
    }
    // Parameters are bound as in the CLI.
    let (status, _, body) = get(&server.url, "/queries/stances-on?issue=nuclear", "");
    assert_eq!(status, 200, "{body}");
    let http = rows(&body);
    assert!(!http.is_empty());
    assert_eq!(
        sorted(http),
        sorted(s.query("stances-on", &["issue=nuclear"]))
    );
    // The list names every query.
    let (status, _, body) = get(&server.url, "/queries", "");
    assert_eq!(status, 200);
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        list.as_array().unwrap().len(),
        diplograph::query::NAMED.len()
    );
    // Health counts documents and quads.
    let (status, _, body) = get(&server.url, "/health", "");
    assert_eq!(status, 200);
    let h: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(h["documents"], 21);
    assert!(h["quads"].as_u64().unwrap() > 1000);
    // The viewer page is there.
    let (status, ct, body) = get(&server.url, "/", "");
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/html"), "{ct}");
    assert!(body.contains("<title>"), "{}", &body[..200.min(body.len())]);
}

#[test]
fn get_and_both_posts_and_accept_negotiation() {
    let s = sample_store();
    let server = Server::start(&s.store(), &[]);
    let q = "SELECT ?d ?t WHERE { GRAPH ?d { ?d a <https://schema.org/NewsArticle> ; <https://schema.org/headline> ?t } } ORDER BY ?d";
    let json = "application/sparql-results+json";
    let by_get = answer(
        agent()
            .get(&format!("{}/query?query={}", server.url, enc(q)))
            .set("Accept", json)
            .call(),
    );
    let by_form = answer(
        agent()
            .post(&format!("{}/sparql", server.url))
            .set("Content-Type", "application/x-www-form-urlencoded")
            .set("Accept", json)
            .send_string(&format!("query={}", enc(q))),
    );
    let by_body = answer(
        agent()
            .post(&format!("{}/query", server.url))
            .set("Content-Type", "application/sparql-query")
            .set("Accept", json)
            .send_string(q),
    );
    assert_eq!(by_get.0, 200, "{}", by_get.2);
    assert_eq!(rows(&by_get.2).len(), 21);
    assert_eq!(by_get.2, by_form.2);
    assert_eq!(by_get.2, by_body.2);
    let path = format!("/query?query={}", enc(q));
    let (st, ct, body) = get(&server.url, &path, "text/csv");
    assert_eq!(st, 200);
    assert!(ct.starts_with("text/csv"), "{ct}");
    // One charset parameter, not two (Oxigraph's CSV media type already carries one).
    let raw = agent()
        .get(&format!("{}{path}", server.url))
        .set("Accept", "text/csv")
        .call()
        .unwrap();
    assert_eq!(raw.header("Content-Type"), Some("text/csv; charset=utf-8"));
    assert!(body.starts_with("d,t\r\n"), "{body}");
    let (_, ct, body) = get(&server.url, &path, "text/tab-separated-values");
    assert!(ct.starts_with("text/tab-separated-values"), "{ct}");
    assert!(body.starts_with("?d\t?t\n"), "{body}");
    let (_, ct, body) = get(&server.url, &path, "application/sparql-results+xml");
    assert!(ct.starts_with("application/sparql-results+xml"), "{ct}");
    assert!(body.starts_with("<?xml"), "{body}");
    let (st, _, _) = get(&server.url, &path, "image/png");
    assert_eq!(st, 406);
    // ASK and CONSTRUCT.
    let (st, _, body) = get(
        &server.url,
        &format!("/query?query={}", enc("ASK { ?s ?p ?o }")),
        "",
    );
    assert_eq!(st, 200);
    assert!(body.contains("true"));
    let c = enc("CONSTRUCT { ?d <https://schema.org/headline> ?t } WHERE { ?d <https://schema.org/headline> ?t }");
    let (st, ct, body) = get(&server.url, &format!("/query?query={c}"), "text/turtle");
    assert_eq!(st, 200);
    assert!(ct.starts_with("text/turtle"), "{ct}");
    assert!(body.contains("schema:headline"), "{body}");
    let (_, ct, body) = get(
        &server.url,
        &format!("/query?query={c}"),
        "application/n-triples",
    );
    assert!(ct.starts_with("application/n-triples"));
    assert_eq!(body.lines().count(), 21, "{body}");
    let (_, ct, body) = get(
        &server.url,
        &format!("/query?query={c}"),
        "application/ld+json",
    );
    assert!(ct.starts_with("application/ld+json"), "{ct}");
    assert!(
        serde_json::from_str::<serde_json::Value>(&body).is_ok(),
        "{body}"
    );
}

#[test]
fn refusals_have_their_status_codes_and_cors_headers() {
    let s = sample_store();
    let server = Server::start(&s.store(), &["--max-results", "5"]);
    // A parameter the named query cannot bind: 400 naming those it can, not a 500.
    let (st, _, body) = get(&server.url, "/queries/meetings?colour=blue", "");
    assert_eq!(st, 400, "{body}");
    assert!(
        body.contains("no variable ?colour") && body.contains("?series"),
        "{body}"
    );
    let (st, meta, body) = get(
        &server.url,
        &format!("/query?query={}", enc("SELECT * WHERE { ?s ?p")),
        "",
    );
    assert_eq!(st, 400, "{body}");
    assert!(meta.ends_with("|*"), "CORS header: {meta}");
    assert!(body.contains("malformed"), "{body}");
    let (st, meta, body) = post(
        &server.url,
        "/update",
        "application/sparql-update",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    );
    assert_eq!(st, 403, "{body}");
    assert!(meta.ends_with("|*"));
    let (st, _, body) = get(
        &server.url,
        &format!(
            "/query?query={}",
            enc("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
        ),
        "",
    );
    assert_eq!(st, 400, "{body}");
    assert!(body.contains("SERVICE"), "{body}");
    let (st, _, body) = get(
        &server.url,
        &format!("/query?query={}", enc("SELECT * WHERE { ?s ?p ?o }")),
        "",
    );
    assert_eq!(st, 413, "{body}");
    let (st, _, _) = get(
        &server.url,
        &format!(
            "/query?query={}",
            enc("SELECT * WHERE { ?s ?p ?o } LIMIT 5")
        ),
        "",
    );
    assert_eq!(st, 200);
    // A dataset IRI that is not an IRI is a 400 naming the parameter.
    let (st, _, body) = get(
        &server.url,
        &format!(
            "/query?query={}&default-graph-uri=not%20an%20iri",
            enc("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        ),
        "",
    );
    assert_eq!(st, 400, "{body}");
    assert!(body.contains("default-graph-uri"), "{body}");
    let (st, _, _) = get(&server.url, "/queries/no-such-query", "");
    assert_eq!(st, 404);
    let pre = agent()
        .request("OPTIONS", &format!("{}/query", server.url))
        .set("Origin", "http://example.org")
        .set("Access-Control-Request-Method", "POST")
        .call()
        .expect("preflight");
    assert_eq!(pre.status(), 204);
    assert_eq!(pre.header("Access-Control-Allow-Origin"), Some("*"));
    assert!(pre
        .header("Access-Control-Allow-Methods")
        .unwrap_or("")
        .contains("POST"));
}

#[test]
fn the_protocol_dataset_from_and_the_graph_store_name_one_document() {
    let s = sample_store();
    let server = Server::start(&s.store(), &[]);
    // The documents' graphs, and how many triples each holds.
    let (st, _, body) = get(
        &server.url,
        &format!(
            "/query?query={}",
            enc("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY DESC(?n)")
        ),
        "text/csv",
    );
    assert_eq!(st, 200, "{body}");
    let graphs: Vec<(String, usize)> = body
        .lines()
        .skip(1)
        .filter_map(|l| {
            let (g, n) = l.trim().rsplit_once(',')?;
            Some((g.to_string(), n.parse().ok()?))
        })
        .collect();
    assert!(graphs.len() >= 2, "{body}");
    let (doc, in_doc) = graphs[0].clone();
    let total: usize = {
        let (_, _, body) = get(
            &server.url,
            &format!(
                "/query?query={}",
                enc("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
            ),
            "text/csv",
        );
        body.lines().nth(1).unwrap().trim().parse().unwrap()
    };
    assert!(total > in_doc, "the union holds more than one graph");
    let count = enc("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
    let number = |path: String| -> usize {
        let (st, _, body) = get(&server.url, &path, "text/csv");
        assert_eq!(st, 200, "{path}: {body}");
        body.lines().nth(1).unwrap().trim().parse().unwrap()
    };
    // default-graph-uri: the default graph is that document's graph alone.
    assert_eq!(
        number(format!(
            "/query?query={count}&default-graph-uri={}",
            enc(&doc)
        )),
        in_doc
    );
    // FROM in the query text is honoured, not ignored.
    assert_eq!(
        number(format!(
            "/query?query={}",
            enc(&format!(
                "SELECT (COUNT(*) AS ?n) FROM <{doc}> WHERE {{ ?s ?p ?o }}"
            ))
        )),
        in_doc
    );
    // named-graph-uri: GRAPH ?g sees only the graphs named.
    let per_graph = enc("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
    assert_eq!(
        number(format!(
            "/query?query={per_graph}&named-graph-uri={}",
            enc(&doc)
        )),
        1
    );
    // The read-only Graph Store Protocol: one graph in the asked format, 404 for an unknown one.
    let (st, ct, body) = get(
        &server.url,
        &format!("/data?graph={}", enc(&doc)),
        "application/n-triples",
    );
    assert_eq!(st, 200, "{body}");
    assert!(ct.starts_with("application/n-triples"), "{ct}");
    assert_eq!(
        body.lines().filter(|l| !l.trim().is_empty()).count(),
        in_doc
    );
    let (st, _, body) = get(&server.url, "/data?graph=urn:no-such-graph", "");
    assert_eq!(st, 404, "{body}");
    let (st, _, _) = post(&server.url, "/data?default", "text/turtle", "");
    assert_eq!(st, 405);
    // CONSTRUCT as N-Quads.
    let c = enc("CONSTRUCT { ?d <https://schema.org/headline> ?t } WHERE { ?d <https://schema.org/headline> ?t }");
    let (st, ct, body) = get(
        &server.url,
        &format!("/query?query={c}"),
        "application/n-quads",
    );
    assert_eq!(st, 200, "{body}");
    assert!(ct.starts_with("application/n-quads"), "{ct}");
    assert!(body.contains("<https://schema.org/headline>"), "{body}");
    // A syntax error says where, in words, and what a query starts with.
    let (st, _, body) = get(
        &server.url,
        &format!("/query?query={}", enc("SELEKT * WHERE { ?s ?p ?o }")),
        "",
    );
    assert_eq!(st, 400, "{body}");
    assert!(body.contains("line 1, column 1"), "{body}");
    assert!(
        body.contains("SELECT, CONSTRUCT, ASK or DESCRIBE"),
        "{body}"
    );
}

#[test]
fn a_slow_query_is_stopped_at_the_time_limit() {
    let s = sample_store();
    // (The product budget is lifted so that the time limit is what stops it.)
    let server = Server::start(
        &s.store(),
        &["--timeout", "1", "--max-work", "1000000000000000000"],
    );
    let q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let started = Instant::now();
    let (st, _, body) = get(&server.url, &format!("/query?query={}", enc(q)), "");
    assert!(st == 503 || st == 408, "{st}: {body}");
    assert!(body.contains("time limit"), "{body}");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
    // The server still answers afterwards.
    assert_eq!(get(&server.url, "/health", "").0, 200);
}

#[cfg(target_os = "linux")]
/// A connected join that Oxigraph cannot interrupt: the sorted subqueries are built in memory
/// first, and the join and count then run without reading the store, where the evaluator
/// checks its cancellation token. On the sample store it counts for hours.
const UNINTERRUPTIBLE: &str = "SELECT (COUNT(*) AS ?n) WHERE { \
     { SELECT ?p WHERE { ?a ?p ?x } ORDER BY ?p } \
     { SELECT ?p WHERE { ?b ?p ?y } ORDER BY ?p } \
     { SELECT ?p WHERE { ?c ?p ?z } ORDER BY ?p } }";

/// What a process is doing: its child processes, its threads' names, and the CPU ticks it
/// and its reaped children used so far (from /proc).
#[cfg(target_os = "linux")]
fn process_work(pid: u32) -> (Vec<u32>, Vec<String>, u64) {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).expect("/proc");
    let (mut children, mut threads) = (Vec::new(), Vec::new());
    for task in tasks.flatten() {
        let read = |f: &str| std::fs::read_to_string(task.path().join(f)).unwrap_or_default();
        children.extend(
            read("children")
                .split_whitespace()
                .filter_map(|c| c.parse::<u32>().ok()),
        );
        threads.push(read("comm").trim().to_string());
    }
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    // Fields after the command name: utime, stime, cutime, cstime are the 12th to 15th.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .expect("comm")
        .1
        .split_whitespace()
        .collect();
    let ticks = fields[11..15]
        .iter()
        .map(|f| f.parse::<u64>().unwrap_or(0))
        .sum();
    (children, threads, ticks)
}

#[test]
#[cfg(target_os = "linux")]
fn a_query_past_the_time_limit_leaves_no_work_behind() {
    let s = sample_store();
    let server = Server::start(&s.store(), &["--timeout", "1"]);
    let (st, _, body) = get(
        &server.url,
        &format!("/query?query={}", enc(UNINTERRUPTIBLE)),
        "",
    );
    assert_eq!(st, 503, "{body}");
    assert!(body.contains("time limit"), "{body}");
    // The evaluation is gone: no child process, no query thread left running. (Generous
    // bound; it is killed before the answer is sent.)
    let deadline = Instant::now() + Duration::from_secs(10);
    let (children, threads, _) = loop {
        let work = process_work(server.pid());
        if work.0.is_empty() || Instant::now() > deadline {
            break work;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(children.is_empty(), "evaluations still alive: {children:?}");
    assert!(
        !threads.iter().any(|t| t == "query"),
        "a query thread still runs: {threads:?}"
    );
    // And the server is idle: over two seconds it uses a small part of one core (an
    // evaluation left running would use most of it).
    let (_, _, before) = process_work(server.pid());
    std::thread::sleep(Duration::from_secs(2));
    let (_, _, after) = process_work(server.pid());
    assert!(after - before < 60, "{} CPU ticks in 2 s", after - before);
    // It still answers, queries included.
    assert_eq!(get(&server.url, "/health", "").0, 200);
    let (st, _, body) = get(&server.url, "/queries/meetings", "");
    assert_eq!(st, 200, "{body}");
}

#[test]
#[cfg(target_os = "linux")]
fn a_query_past_the_memory_budget_is_answered_503() {
    let s = sample_store();
    let server = Server::start(&s.store(), &["--timeout", "60", "--max-memory", "16"]);
    // Sorting the joined rows needs them all in memory (millions on the sample store).
    let q = "SELECT ?x ?y WHERE { \
             { SELECT ?p ?x WHERE { ?a ?p ?x } ORDER BY ?p } \
             { SELECT ?p ?y WHERE { ?b ?p ?y } ORDER BY ?p } } ORDER BY ?x ?y LIMIT 1";
    let (st, _, body) = get(&server.url, &format!("/query?query={}", enc(q)), "");
    assert_eq!(st, 503, "{body}");
    assert!(body.contains("memory budget"), "{body}");
    // A small query still fits, and the server is still there.
    let (st, _, body) = get(&server.url, "/queries/meetings", "");
    assert_eq!(st, 200, "{body}");
    assert!(process_work(server.pid()).0.is_empty());
}

#[test]
fn a_cross_product_past_the_budget_is_refused_before_it_runs() {
    let s = sample_store();
    let server = Server::start(&s.store(), &["--timeout", "20"]);
    for q in [
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        "SELECT * WHERE { { ?a ?b ?c } { ?d ?e ?f } } LIMIT 1",
    ] {
        let started = Instant::now();
        let (st, _, body) = get(&server.url, &format!("/query?query={}", enc(q)), "");
        assert_eq!(st, 503, "{q}: {body}");
        assert!(body.contains("share no variable"), "{body}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{q}: not refused at once"
        );
    }
    // Parts joined through a variable, and a small product, still run.
    for q in [
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?c ?e ?f }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://schema.org/Person> . ?m a <https://schema.org/Event> }",
    ] {
        let (st, _, body) = get(&server.url, &format!("/query?query={}", enc(q)), "");
        assert_eq!(st, 200, "{q}: {body}");
    }
    assert_eq!(get(&server.url, "/health", "").0, 200);
}

#[test]
fn sigterm_stops_the_server_promptly_with_exit_code_zero() {
    let s = sample_store();
    let mut server = Server::start(&s.store(), &[]);
    let (code, took) = server.terminate();
    assert_eq!(code, Some(0));
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn a_reader_server_follows_an_ingest_by_another_process() {
    let s = TempStore::new();
    s.ingest(&[&sample(SEED)]);
    let server = Server::start(&s.store(), &[]);
    let count = || {
        let (_, _, body) = get(&server.url, "/health", "");
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["documents"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(count(), 1);
    // The server takes no lock: an ingest runs beside it and the next request sees it.
    s.ingest(&[&root().join("data/documents")]);
    assert_eq!(count(), 21);
}

/// POST an update with extra headers.
fn post_with(base: &str, body: &str, headers: &[(&str, &str)]) -> (u16, String, String) {
    let mut r = agent()
        .post(&format!("{base}/update"))
        .set("Content-Type", "application/sparql-update");
    for (k, v) in headers {
        r = r.set(k, v);
    }
    answer(r.send_string(body))
}

#[test]
fn updates_need_the_flag_and_the_secret_and_are_saved() {
    let s = TempStore::new();
    s.ingest(&[&sample(SEED)]);
    // Without a secret the server does not start with updates.
    let out = run(&[
        "--store",
        &s.store(),
        "serve",
        "--allow-updates",
        "--bind",
        "127.0.0.1:0",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("updates need a secret"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let secret = "correct-horse-battery-staple";
    let token_file = s.path().join("token");
    std::fs::write(&token_file, format!("{secret}\n")).unwrap();
    let graph = "https://w3id.org/diplograph/id/graph/notes";
    let triple = "<urn:x:a> <urn:x:b> \"saved\"";
    let bearer = format!("Bearer {secret}");
    let auth = [("Authorization", bearer.as_str())];
    {
        let server = Server::start(
            &s.store(),
            &[
                "--allow-updates",
                "--update-token-file",
                token_file.to_str().unwrap(),
            ],
        );
        // The server is the writer now: an ingest is refused while it runs.
        let out = run(&[
            "--store",
            &s.store(),
            "ingest",
            &sample(SEED).to_string_lossy(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let insert = format!("INSERT DATA {{ GRAPH <{graph}> {{ {triple} }} }}");
        // No secret, or a wrong one: 401, and nothing changes.
        let (st, _, body) = post(&server.url, "/update", "application/sparql-update", &insert);
        assert_eq!(st, 401, "{body}");
        let (st, _, _) = post_with(&server.url, &insert, &[("Authorization", "Bearer guess")]);
        assert_eq!(st, 401);
        // A page of another site, even one that somehow holds the secret: 403.
        let (st, _, body) = post_with(
            &server.url,
            "DROP ALL",
            &[auth[0], ("Origin", "http://evil.example")],
        );
        assert_eq!(st, 403, "{body}");
        assert!(body.contains("another origin"), "{body}");
        // Graph names outside the store's IRI space, variable graph names in templates, LOAD.
        for bad in [
            format!("INSERT DATA {{ GRAPH <file:///tmp/planted> {{ {triple} }} }}"),
            "INSERT { GRAPH ?g { <urn:x:a> <urn:x:b> 1 } } WHERE { BIND(IRI(\"file:///x\") AS ?g) }".to_string(),
            "LOAD <http://127.0.0.1:9/data.ttl>".to_string(),
        ] {
            let (st, _, body) = post_with(&server.url, &bad, &auth);
            assert_eq!(st, 403, "{bad}: {body}");
        }
        let (_, _, health) = get(&server.url, "/health", "");
        let before: serde_json::Value = serde_json::from_str(&health).unwrap();
        let (st, _, body) = post_with(&server.url, &insert, &auth);
        assert_eq!(st, 200, "{body}");
        // The same origin is fine.
        let host = server.url.trim_start_matches("http://").to_string();
        let origin = format!("http://{host}");
        let (st, _, body) = answer(
            agent()
                .post(&format!("{}/update", server.url))
                .set("Content-Type", "application/x-www-form-urlencoded")
                .set("Authorization", &bearer)
                .set("Origin", &origin)
                .send_string(&format!(
                    "update={}",
                    enc(&format!("INSERT DATA {{ {triple} }}"))
                )),
        );
        assert_eq!(st, 200, "{body}");
        // /health counts what the updates added.
        let (_, _, health) = get(&server.url, "/health", "");
        let after: serde_json::Value = serde_json::from_str(&health).unwrap();
        assert_eq!(
            after["quads"].as_u64().unwrap(),
            before["quads"].as_u64().unwrap() + 2,
            "{health}"
        );
    }
    let rows = s.query(
        "SELECT ?g WHERE { GRAPH ?g { <urn:x:a> <urn:x:b> ?o } }",
        &[],
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(col(&rows[0], "g"), graph);
    let all = s.query("SELECT ?o WHERE { <urn:x:a> <urn:x:b> ?o }", &[]);
    assert_eq!(
        all.len(),
        2,
        "the named graph and the default graph: {all:?}"
    );
    assert!(
        !s.path().join("store/graphs").exists()
            || !std::fs::read_dir(s.path().join("store/graphs"))
                .unwrap()
                .any(|e| e.unwrap().file_name().to_string_lossy().contains("planted"))
    );
}

#[test]
fn query_endpoint_runs_named_queries_remotely_with_the_same_rows() {
    let s = sample_store();
    let server = Server::start(&s.store(), &[]);
    let endpoint = format!("{}/query", server.url);
    for (name, params) in [
        ("meetings", vec![]),
        ("stances-on", vec!["issue=nuclear"]),
        ("person-timeline", vec!["name=Yeo Seung-bae"]),
    ] {
        let mut args = vec!["query", "--endpoint", &endpoint, "--format", "json", name];
        for p in &params {
            args.push("--param");
            args.push(p);
        }
        // SAMPLE() may pick any of a person's spellings: compare the columns not sampled.
        let stable = |rows: Vec<BTreeMap<String, String>>| {
            sorted(
                rows.into_iter()
                    .map(|mut r| {
                        r.remove("speaker");
                        r.remove("person_name");
                        r
                    })
                    .collect(),
            )
        };
        let remote = stable(rows(&ok(&args)));
        assert!(!remote.is_empty(), "{name}");
        assert_eq!(remote, stable(s.query(name, &params)), "{name} {params:?}");
    }
}

#[test]
fn the_viewer_of_a_big_store_asks_for_a_focus_and_draws_around_one() {
    let s = sample_store();
    // With --max-nodes 40 the samples are a store too big to draw whole.
    let server = Server::start(&s.store(), &["--max-nodes", "40"]);
    let (status, ct, body) = get(&server.url, "/", "");
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/html"), "{ct}");
    assert!(body.contains("not drawn whole"), "{body}");
    assert!(body.contains("name=focus"), "a focus search box: {body}");
    assert!(!body.contains("<svg"), "nothing is drawn: {body}");
    // A focused view is drawn: the focus and its neighbours.
    let (status, _, body) = get(&server.url, &format!("/?focus={}", enc("Vu Ho")), "");
    assert_eq!(status, 200);
    assert!(body.contains("Vu Ho"), "{}", &body[..300.min(body.len())]);
    assert!(body.contains("<svg"), "{}", &body[..300.min(body.len())]);
    // An unknown focus is a 400 page that still offers the search box.
    let (status, _, body) = get(&server.url, "/?focus=Nobody", "");
    assert_eq!(status, 400);
    assert!(
        body.contains("`Nobody`") && body.contains("name=focus"),
        "{body}"
    );
    // The server is still there.
    assert_eq!(get(&server.url, "/health", "").0, 200);
}
