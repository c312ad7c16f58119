//! The command line: clap's types live here and nowhere else.
//!
//! Each command resolves its flags into plain values, calls the library, and reports. A file
//! that cannot be ingested is reported on one line and the run goes on; the exit code
//! remembers it (0 all good, 1 some input failed, 2 the command itself could not run).

use crate::dates::parse_date;
use crate::extract::{self, Extraction, Input};
use crate::query::{self, Format};
use crate::store::{self, Added, DiploStore};
use crate::text::NotText;
use crate::{export, rdf, records, score, vocab};
use clap::{Parser, Subcommand};
use oxigraph::io::{RdfFormat, RdfSerializer};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long past `--timeout` a query that ignores cancellation may run before the process ends.
const HARD_STOP_GRACE: Duration = Duration::from_millis(500);

#[derive(Parser, Debug)]
#[command(
    name = "diplograph",
    version,
    about = "Diplomatic meeting outcomes into a queryable, linkable knowledge graph"
)]
pub struct Cli {
    /// Store directory (created by the first ingest)
    #[arg(
        long,
        global = true,
        default_value = "diplograph-store",
        value_name = "DIR"
    )]
    pub store: PathBuf,
    /// Use a scratch store in memory that is not saved
    #[arg(long, global = true)]
    pub memory: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Add documents (files, directories of .txt/.md/.html/.htm, or - for stdin) to the store
    Ingest {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Publication date for documents that lack one (e.g. 2022-07-01)
        #[arg(long)]
        date: Option<String>,
        /// URL the document was published at (one document only)
        #[arg(long)]
        url: Option<String>,
        /// Publisher name (ministry, secretariat, agency)
        #[arg(long)]
        publisher: Option<String>,
        /// Refuse files larger than this many bytes (press releases are kilobytes; see SECURITY.md)
        #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// Print only errors and the final summary
        #[arg(long, short)]
        quiet: bool,
        /// With --memory: run these queries after ingesting (name or .rq file)
        #[arg(long = "then-query", value_name = "QUERY")]
        then_query: Vec<String>,
        /// Extraction threads (default: the number of cores); results do not depend on it
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
    },
    /// Load an N-Quads dump made by `export --format nquads` into the store
    Restore {
        #[arg(value_name = "FILE.nq")]
        file: PathBuf,
    },
    /// Show what one document yields, without a store
    Extract {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// json, turtle or nquads
        #[arg(long, default_value = "json")]
        format: String,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        url: Option<String>,
        #[arg(long)]
        publisher: Option<String>,
    },
    /// Run a named query, a .rq file, or --sparql TEXT
    Query {
        /// A named query (see `diplograph queries`) or a .rq file
        #[arg(value_name = "NAME|FILE")]
        target: Option<String>,
        /// Query text
        #[arg(long)]
        sparql: Option<String>,
        /// table, csv, tsv, json or xml
        #[arg(long, default_value = "table")]
        format: String,
        /// Bind a variable: --param issue=missile (values are bound, never pasted into the query)
        #[arg(long = "param", value_name = "NAME=VALUE")]
        params: Vec<String>,
        /// Stop the query after this many seconds
        #[arg(long, default_value_t = 30.0)]
        timeout: f64,
        #[command(flatten)]
        remote: crate::cli_net::EndpointArgs,
    },
    /// List the named queries and what each answers
    Queries,
    /// Documents, quads and entities in the store
    Stats,
    /// Precision, recall and F1 of extraction against gold files
    Score {
        /// A directory of documents named like their gold files, or a corpus file (.jsonl,
        /// .csv) whose record ids name them
        #[arg(long, default_value = "data/documents")]
        documents: PathBuf,
        #[arg(long, default_value = "data/gold")]
        gold: PathBuf,
        /// Also list every miss
        #[arg(long)]
        misses: bool,
    },
    /// Draw the graph (dot, graphml, cytoscape, mermaid, html) or dump RDF (turtle, nquads, trig)
    Export(export::ExportArgs),
    /// Serve the store over HTTP: SPARQL protocol, named queries, the HTML viewer
    Serve(crate::cli_net::ServeArgs),
    /// Send the store's graphs to a remote SPARQL store (Graph Store Protocol or SPARQL update)
    Push(crate::cli_net::PushArgs),
    /// Generate a synthetic corpus, or measure ingest, extraction and queries (see BENCHMARKS.md)
    #[command(subcommand)]
    Bench(crate::bench::BenchCommand),
}

/// Default `--max-bytes`: 16 MiB, hundreds of times a long communiqué, small enough that a
/// stray dump or disk image is refused before it is read.
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// An error that ends the command: one line, exit code 2.
#[derive(Debug)]
pub struct Fatal(pub String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

/// Run a parsed command; returns the exit code.
pub fn run(cli: Cli) -> Result<i32, Fatal> {
    let out = std::io::stdout();
    let mut out = out.lock();
    let place = StorePlace {
        dir: cli.store,
        memory: cli.memory,
    };
    match cli.command {
        Command::Ingest {
            paths,
            date,
            url,
            publisher,
            max_bytes,
            quiet,
            then_query,
            jobs,
        } => {
            let date = match date {
                Some(d) => Some(parse_date(&d).ok_or_else(|| {
                    Fatal(format!(
                        "--date `{d}` is not a date; expected e.g. 2022-07-01 or \"1 July 2022\""
                    ))
                })?),
                None => None,
            };
            if url.is_some() && (paths.len() != 1 || paths[0].is_dir()) {
                return Err(Fatal(
                    "--url names one document; give exactly one file".into(),
                ));
            }
            let opts = IngestOptions {
                date,
                url,
                publisher,
                max_bytes,
                quiet,
                jobs: jobs.unwrap_or_else(crate::pipeline::default_jobs),
            };
            let mut store = open_write(&place)?;
            let code = ingest(&mut store, &paths, &opts, &mut out)?;
            for q in &then_query {
                writeln!(out)?;
                run_query(
                    Some(&store),
                    None,
                    Some(q),
                    None,
                    "table",
                    &[],
                    30.0,
                    &mut out,
                )?;
            }
            Ok(code)
        }
        Command::Restore { file } => {
            let bytes = read_input(&file, u64::MAX)?;
            let mut store = open_write(&place)?;
            let r = store
                .restore(&bytes)
                .map_err(|e| Fatal(format!("{}: {e}", file.display())))?;
            if r.reference_differs {
                eprintln!("diplograph: the dump's reference graph differs from this version's; this version's is kept");
            }
            writeln!(
                out,
                "restored {} document graphs ({} new, {} replaced, {} unchanged); store: {} documents, {} quads",
                r.new + r.replaced + r.unchanged,
                r.new,
                r.replaced,
                r.unchanged,
                store.document_count()?,
                store.len()?
            )?;
            Ok(0)
        }
        Command::Extract {
            file,
            format,
            date,
            url,
            publisher,
        } => {
            let date = date
                .as_deref()
                .map(|d| parse_date(d).ok_or_else(|| Fatal(format!("--date `{d}` is not a date"))));
            let date = date.transpose()?;
            let bytes = read_input(&file, u64::MAX)?;
            let source = source_of(&file);
            let ex = extract::extract(&Input {
                bytes: &bytes,
                source: source.clone(),
                html: is_html_path(&file),
                url,
                publisher,
                date,
            })
            .map_err(|e| Fatal(format!("{source}: {e}")))?;
            write_extraction(&ex, &format, &mut out)?;
            Ok(0)
        }
        Command::Query {
            target,
            sparql,
            format,
            params,
            timeout,
            remote,
        } => {
            let remote = crate::cli_net::endpoint(&remote, timeout);
            let store = match remote {
                Some(_) => None,
                None => Some(open_read(&place)?),
            };
            // Oxigraph stops a query at its cancellation token only where it reads the store;
            // one that spends its time in in-memory joins runs on. A second clock, a moment
            // after the first, ends the process with the same error whatever the query does.
            let _watchdog = (store.is_some() && timeout.is_finite() && timeout > 0.0).then(|| {
                let limit = Duration::from_secs_f64(timeout);
                query::Timer::after(limit + HARD_STOP_GRACE, move || {
                    eprintln!("diplograph: {}", query::QueryError::Timeout(limit));
                    std::process::exit(2);
                })
            });
            run_query(
                store.as_ref(),
                remote.as_ref(),
                target.as_deref(),
                sparql.as_deref(),
                &format,
                &params,
                timeout,
                &mut out,
            )?;
            Ok(0)
        }
        Command::Queries => {
            for q in query::NAMED {
                writeln!(out, "{:<16} {}", q.name, q.description())?;
            }
            Ok(0)
        }
        Command::Stats => {
            let store = open_read(&place)?;
            for (label, n) in store::stats(&store)? {
                writeln!(out, "{label:<20} {n}")?;
            }
            Ok(0)
        }
        Command::Score {
            documents,
            gold,
            misses,
        } => {
            let report = score_dir(&documents, &gold)?;
            if misses {
                for m in &report.misses {
                    writeln!(out, "{m}")?;
                }
                writeln!(out)?;
            }
            write!(out, "{}", report.table())?;
            Ok(0)
        }
        Command::Bench(cmd) => crate::bench::run(cmd, &mut out).map_err(Fatal),
        Command::Export(args) => {
            let store = open_read(&place)?;
            export::run(&store.store, &args, &mut out).map_err(Fatal)?;
            Ok(0)
        }
        Command::Serve(args) => crate::cli_net::serve(&place.dir, place.memory, args),
        Command::Push(args) => {
            let store = open_read(&place)?;
            crate::cli_net::push(&store, args)
        }
    }
}

/// Where the store is: a directory, or memory.
struct StorePlace {
    dir: PathBuf,
    memory: bool,
}

fn open_read(place: &StorePlace) -> Result<DiploStore, Fatal> {
    if place.memory {
        return Ok(DiploStore::memory()?);
    }
    Ok(DiploStore::open_read(&place.dir)?)
}

fn open_write(place: &StorePlace) -> Result<DiploStore, Fatal> {
    if place.memory {
        return Ok(DiploStore::memory()?);
    }
    Ok(DiploStore::open_write(&place.dir)?)
}

#[allow(clippy::too_many_arguments)]
fn run_query(
    store: Option<&DiploStore>,
    remote: Option<&crate::remote::Remote>,
    target: Option<&str>,
    sparql: Option<&str>,
    format: &str,
    params: &[String],
    timeout: f64,
    out: &mut dyn Write,
) -> Result<(), Fatal> {
    let format = Format::parse(format).ok_or_else(|| {
        Fatal(format!(
            "unknown format `{format}`; expected one of: {}",
            Format::NAMES.join(", ")
        ))
    })?;
    let text: String = match (target, sparql) {
        (Some(_), Some(_)) => {
            return Err(Fatal(
                "give a query name or file, or --sparql, not both".into(),
            ))
        }
        (None, Some(q)) => q.to_string(),
        (Some(t), None) => match query::named(t) {
            Some(q) => q.text.to_string(),
            None if t.ends_with(".rq") || Path::new(t).is_file() => {
                std::fs::read_to_string(t).map_err(|e| Fatal(format!("{t}: {e}")))?
            }
            None => {
                let names: Vec<&str> = query::NAMED.iter().map(|q| q.name).collect();
                return Err(Fatal(format!(
                    "unknown query `{t}`; expected one of: {}, or a .rq file",
                    names.join(", ")
                )));
            }
        },
        (None, None) => {
            return Err(Fatal(
                "give a query name, a .rq file or --sparql TEXT (see `diplograph queries`)".into(),
            ))
        }
    };
    let params = params
        .iter()
        .map(|p| query::parse_param(p))
        .collect::<Result<Vec<_>, _>>()?;
    if !(timeout.is_finite() && timeout > 0.0) {
        return Err(Fatal(format!(
            "--timeout {timeout} must be a positive number of seconds"
        )));
    }
    match (remote, store) {
        (Some(remote), _) => {
            crate::remote::query(remote, &text, &params, format, out).map_err(Fatal)?;
        }
        (None, Some(store)) => {
            query::run(
                &store.store,
                &text,
                &params,
                Some(Duration::from_secs_f64(timeout)),
                format,
                out,
            )?;
        }
        (None, None) => return Err(Fatal("no store and no endpoint to query".into())),
    }
    Ok(())
}

pub struct IngestOptions {
    pub date: Option<crate::dates::PartialDate>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub max_bytes: u64,
    pub quiet: bool,
    /// Extraction worker threads.
    pub jobs: usize,
}

/// Ingest paths into a store; returns the exit code (1 when some input failed).
pub fn ingest(
    store: &mut DiploStore,
    paths: &[PathBuf],
    opts: &IngestOptions,
    out: &mut dyn Write,
) -> Result<i32, Fatal> {
    let started = Instant::now();
    let mut files = Vec::new();
    let mut failed = 0usize;
    for p in paths {
        if p.as_os_str() == "-" {
            files.push(p.clone());
            continue;
        }
        match collect_files(p, &mut files) {
            Ok(0) if p.is_dir() => eprintln!(
                "diplograph: {}: no .txt, .md, .html or .htm files in this directory",
                p.display()
            ),
            Ok(_) => {}
            Err(e) => {
                eprintln!("diplograph: {}: {e}", p.display());
                failed += 1;
            }
        }
    }
    let (mut new, mut replaced, mut unchanged) = (0usize, 0usize, 0usize);
    let mut bytes_total = 0usize;
    // Extraction runs on worker threads; this thread is the one writer (see crate::pipeline).
    let progress = crate::pipeline::Progress::new(files.len(), !opts.quiet);
    let stager = store.stager();
    type Work = Result<(Extraction, store::Prepared, usize), (String, usize)>;
    let work = |f: PathBuf| -> Work {
        let bytes = read_input(&f, opts.max_bytes).map_err(|e| (e.0, 0))?;
        let source = if f.as_os_str() == "-" {
            opts.url
                .clone()
                .unwrap_or_else(|| format!("stdin:{}", &extract::content_hash(&bytes)[..12]))
        } else {
            source_of(&f)
        };
        let ex = extract::extract(&Input {
            bytes: &bytes,
            source: source.clone(),
            html: is_html_path(&f),
            url: opts.url.clone(),
            publisher: opts.publisher.clone(),
            date: opts.date,
        })
        .map_err(|e| (format!("{source}: {e}"), bytes.len()))?;
        let mut prepared =
            store::Prepared::new(&ex).map_err(|e| (format!("{source}: {e}"), bytes.len()))?;
        stager.stage(&mut prepared);
        Ok((ex, prepared, bytes.len()))
    };
    crate::pipeline::ordered(files, opts.jobs, 128, work, |batch| -> Result<(), Fatal> {
        let n = batch.len();
        let mut ready = Vec::with_capacity(n);
        let mut prepared = Vec::with_capacity(n);
        for r in batch {
            match r {
                Ok((ex, p, len)) => {
                    bytes_total += len;
                    ready.push(ex);
                    prepared.push(p);
                }
                Err((e, len)) => {
                    bytes_total += len;
                    progress.suspend(|| eprintln!("diplograph: {e}"));
                    failed += 1;
                }
            }
        }
        let added = store.add_batch(&prepared)?;
        for (ex, added) in ready.iter().zip(added) {
            match added {
                Added::New => new += 1,
                Added::Replaced => replaced += 1,
                Added::Unchanged => unchanged += 1,
            }
            if !opts.quiet {
                progress.suspend(|| writeln!(out, "{}", document_line(ex, added)))?;
            }
        }
        progress.inc(n);
        Ok(())
    })?;
    progress.finish();
    store.refresh_links()?;
    store.flush()?;
    let elapsed = started.elapsed();
    writeln!(
        out,
        "ingested {} document{} ({new} new, {replaced} replaced, {unchanged} unchanged, {failed} failed) in {:.2} s, {:.1} MB; store: {} documents, {} quads",
        new + replaced + unchanged,
        if new + replaced + unchanged == 1 { "" } else { "s" },
        elapsed.as_secs_f64(),
        bytes_total as f64 / 1e6,
        store.document_count()?,
        store.len()?
    )?;
    Ok(if failed > 0 { 1 } else { 0 })
}

fn document_line(ex: &Extraction, added: Added) -> String {
    let count = |f: fn(&extract::Entity) -> bool| {
        let mut keys: Vec<&extract::Entity> = ex
            .mentions
            .iter()
            .map(|m| &m.entity)
            .filter(|e| f(e))
            .collect();
        keys.sort();
        keys.dedup();
        keys.len()
    };
    let meeting = ex
        .main_meeting()
        .map(|m| {
            let date = m.date.map(|d| format!(", {d}")).unwrap_or_default();
            let place = m
                .location
                .as_ref()
                .map(|p| format!(", {p}"))
                .unwrap_or_default();
            format!("{}{date}{place}", m.name)
        })
        .unwrap_or_else(|| "no meeting found".into());
    let status = match added {
        Added::New => "added",
        Added::Replaced => "replaced",
        Added::Unchanged => "unchanged",
    };
    format!(
        "{status:<9} {}: {meeting}; {} states, {} mechanisms, {} issues, {} people, {} statements",
        ex.source,
        count(|e| matches!(e, extract::Entity::State(_))),
        count(|e| matches!(e, extract::Entity::Mechanism(_))),
        count(|e| matches!(e, extract::Entity::Issue(_))),
        ex.people.len(),
        ex.statements.len()
    )
}

fn is_html_path(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

fn is_document_path(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["txt", "md", "html", "htm"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// The source key of a path: as given, without a leading "./".
fn source_of(p: &Path) -> String {
    let s = p.to_string_lossy().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Files to ingest below a path; directories are walked (symlink loops are not followed twice).
fn collect_files(p: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<usize> {
    let meta = std::fs::metadata(p)?;
    if meta.is_file() {
        files.push(p.to_path_buf());
        return Ok(1);
    }
    if !meta.is_dir() {
        // A FIFO, socket or device: reading it could block forever or never end.
        return Err(std::io::Error::other(
            "not a regular file or directory; refused",
        ));
    }
    let before = files.len();
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![p.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(canonical) = std::fs::canonicalize(&dir) else {
            continue;
        };
        if !seen.insert(canonical) {
            continue;
        }
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
            Err(e) => {
                eprintln!("diplograph: {}: {e}", dir.display());
                continue;
            }
        };
        entries.sort();
        for e in entries.into_iter().rev() {
            match std::fs::metadata(&e) {
                Ok(m) if m.is_dir() => stack.push(e),
                Ok(m) if m.is_file() && is_document_path(&e) => files.push(e),
                _ => {}
            }
        }
    }
    files[before..].sort();
    Ok(files.len() - before)
}

/// Read a file (or stdin for "-") up to a size limit, with a one-line error naming it.
fn read_input(p: &Path, max_bytes: u64) -> Result<Vec<u8>, Fatal> {
    let name = source_of(p);
    let mut bytes = Vec::new();
    let too_large = || {
        Fatal(format!(
            "{name}: larger than --max-bytes {max_bytes}; refused (raise --max-bytes to ingest it)"
        ))
    };
    let reader: Box<dyn Read> = if p.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        let file = std::fs::File::open(p).map_err(|e| Fatal(format!("{name}: {e}")))?;
        // Refuse by size before reading a byte; the read below still stops at the limit in case
        // the file grows meanwhile.
        if file.metadata().is_ok_and(|m| m.len() > max_bytes) {
            return Err(too_large());
        }
        Box::new(file)
    };
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Fatal(format!("{name}: {e}")))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(bytes)
}

fn write_extraction(ex: &Extraction, format: &str, out: &mut dyn Write) -> Result<(), Fatal> {
    match format {
        "json" => {
            serde_json::to_writer_pretty(&mut *out, ex)?;
            writeln!(out)?;
        }
        "turtle" | "nquads" => {
            let quads = rdf::document_quads(ex);
            if format == "nquads" {
                out.write_all(&store::nquads(&quads)?)?;
            } else {
                let mut s = RdfSerializer::from_format(RdfFormat::Turtle);
                for (p, iri) in PREFIXES {
                    s = s.with_prefix(*p, *iri)?;
                }
                let mut w = s.for_writer(&mut *out);
                for q in &quads {
                    w.serialize_triple(q.as_ref())?;
                }
                w.finish()?;
            }
        }
        other => {
            return Err(Fatal(format!(
                "unknown format `{other}`; expected one of: json, turtle, nquads"
            )))
        }
    }
    Ok(())
}

/// Prefixes for Turtle output.
pub const PREFIXES: &[(&str, &str)] = &[
    ("dg", vocab::DG),
    ("id", vocab::ID),
    ("schema", vocab::SCHEMA),
    ("skos", vocab::SKOS),
    ("org", "http://www.w3.org/ns/org#"),
    ("oa", "http://www.w3.org/ns/oa#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("xsd", vocab::XSD),
];

/// Score every document with a gold file. `documents` is a directory of documents named like
/// their gold files, or a corpus file (JSON Lines or CSV) whose records' ids name them; a
/// record also brings its publication date, URL and publisher, as at ingest.
pub fn score_dir(documents: &Path, gold: &Path) -> Result<score::Report, Fatal> {
    let read_gold = |stem: &str| -> Result<Option<score::Gold>, Fatal> {
        let gold_path = gold.join(format!("{stem}.json"));
        let Ok(text) = std::fs::read_to_string(&gold_path) else {
            return Ok(None);
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| Fatal(format!("{}: {e}", gold_path.display())))
    };
    let mut report = score::Report::default();
    let mut scored = 0;
    if let Some(format) = records::Format::of_path(documents).filter(|_| documents.is_file()) {
        let file = std::fs::File::open(documents)
            .map_err(|e| Fatal(format!("{}: {e}", documents.display())))?;
        let reader = records::read(
            std::io::BufReader::new(file),
            format,
            records::Fields::default(),
        )
        .map_err(|e| Fatal(format!("{}: {e}", documents.display())))?;
        for record in reader {
            let record = record.map_err(|e| Fatal(format!("{}: {e}", documents.display())))?;
            let Some(g) = read_gold(&record.id)? else {
                continue;
            };
            let bytes = record.document().into_bytes();
            let ex = extract::extract(&Input {
                bytes: &bytes,
                source: record.id.clone(),
                url: record.url.clone(),
                publisher: record.publisher.clone(),
                date: record.date,
                ..Input::default()
            })
            .map_err(|e: NotText| Fatal(format!("{}: {e}", record.id)))?;
            score::score(&mut report, &ex, &g);
            scored += 1;
        }
    } else {
        let mut files = Vec::new();
        collect_files(documents, &mut files)
            .map_err(|e| Fatal(format!("{}: {e}", documents.display())))?;
        for f in files {
            let stem = f
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            let Some(g) = read_gold(&stem)? else {
                continue;
            };
            let bytes = read_input(&f, u64::MAX)?;
            let ex = extract::extract(&Input {
                bytes: &bytes,
                source: source_of(&f),
                html: is_html_path(&f),
                ..Input::default()
            })
            .map_err(|e: NotText| Fatal(format!("{}: {e}", f.display())))?;
            score::score(&mut report, &ex, &g);
            scored += 1;
        }
    }
    if scored == 0 {
        return Err(Fatal(format!(
            "no document in {} has a gold file in {}",
            documents.display(),
            gold.display()
        )));
    }
    Ok(report)
}
