//! The command line: clap's types live here and nowhere else.
//!
//! Each command resolves its flags into plain values, calls the library, and reports. A file
//! that cannot be ingested is reported on one line and the run goes on; the exit code
//! remembers it (0 all good, 1 some input failed, 2 the command itself could not run).

pub mod net;

use crate::eval::{bench, score};
use crate::extract::{self, Extraction, Input};
use crate::ingest::records;
use crate::ingest::{self, collect_files, is_html_path, read_input, source_of, IngestOptions};
use crate::query::{self, Format};
use crate::render::export::{self, ExportRequest};
use crate::store::{self, DiploStore};
use crate::text::dates::parse_date;
use crate::text::NotText;
use crate::{rdf, vocab};
use clap::{Parser, Subcommand};
use oxigraph::io::{RdfFormat, RdfSerializer};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

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
    /// Add documents (files, directories of .txt/.md/.html/.htm, corpus files of one document
    /// per record in .jsonl or .csv, or - for stdin) to the store
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
        /// For corpus files (.jsonl, .csv): the key or column holding a field, e.g.
        /// `--field text=body --field date=published_at` (fields: text, title, date, url, id,
        /// publisher)
        #[arg(long = "field", value_name = "FIELD=KEY")]
        fields: Vec<String>,
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
        /// Write at most this many rows (a page of a listing)
        #[arg(long)]
        limit: Option<usize>,
        /// Skip this many rows first (with --limit: the next page)
        #[arg(long, default_value_t = 0)]
        offset: usize,
        #[command(flatten)]
        remote: net::EndpointArgs,
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
    Export(ExportArgs),
    /// Serve the store over HTTP: SPARQL protocol, named queries, the HTML viewer
    Serve(net::ServeArgs),
    /// Send the store's graphs to a remote SPARQL store (Graph Store Protocol or SPARQL update)
    Push(net::PushArgs),
    /// Generate a synthetic corpus, or measure ingest, extraction and queries (see BENCHMARKS.md)
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(clap::Args, Debug, Clone)]
pub struct ExportArgs {
    /// Output format: dot, svg, png, graphml, cytoscape, mermaid, html (pictures); turtle,
    /// nquads, trig, jsonld (RDF). Default: from --output's extension, else nquads
    #[arg(long)]
    pub format: Option<String>,
    /// Write to this file instead of standard output
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Show the neighbourhood of this entity (IRI or label, case-insensitive)
    #[arg(long, value_name = "ENTITY")]
    pub focus: Option<String>,
    /// How many steps around --focus to show
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
    /// Show one meeting with everything attached to it (clusters per meeting)
    #[arg(long, value_name = "MEETING")]
    pub meeting: Option<String>,
    /// Show one series: its meetings and what is attached to them
    #[arg(long, value_name = "SERIES")]
    pub series: Option<String>,
    /// Only these node types: meeting, series, state, person, mechanism, issue (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "TYPES")]
    pub types: Vec<String>,
    /// Only meetings in or after this year (meetings without a year are left out)
    #[arg(long, value_name = "YEAR")]
    pub since: Option<i32>,
    /// Only meetings in or before this year (meetings without a year are left out)
    #[arg(long, value_name = "YEAR")]
    pub until: Option<i32>,
    /// Show the shortest connection between two entities
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub path: Vec<String>,
    /// Refuse pictures of more nodes than this unless a selection (--focus, --meeting,
    /// --series, --path) is given
    #[arg(long, default_value_t = 400)]
    pub max_nodes: usize,
    /// RDF dumps: also write every mention and evidence span in the W3C Web Annotation form
    /// (the store keeps the compact NIF form)
    #[arg(long)]
    pub web_annotations: bool,
}

impl From<ExportArgs> for ExportRequest {
    fn from(a: ExportArgs) -> Self {
        ExportRequest {
            format: a.format,
            output: a.output,
            focus: a.focus,
            depth: a.depth,
            meeting: a.meeting,
            series: a.series,
            types: a.types,
            since: a.since,
            until: a.until,
            path: a.path,
            max_nodes: a.max_nodes,
            web_annotations: a.web_annotations,
        }
    }
}

#[derive(clap::Subcommand, Debug)]
pub enum BenchCommand {
    /// Write N synthetic dialogue outcome documents under OUT (deterministic for a seed)
    Generate {
        #[arg(long, default_value_t = 1000)]
        docs: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(value_name = "OUT")]
        out: PathBuf,
    },
    /// Measure ingest, the store's floor, extraction, spaCy, queries and one-document adds
    Run(BenchRunArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct BenchRunArgs {
    /// Corpus sizes to ingest (generated), comma-separated
    #[arg(long, value_delimiter = ',', default_value = "1000,10000")]
    pub docs: Vec<u64>,
    /// Also measure extraction and spaCy on this folder of real text (.txt/.md/.html)
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Do not run the spaCy peer
    #[arg(long)]
    pub skip_spacy: bool,
    /// Write the report (machine, command, table, ratios) to this Markdown file; an existing
    /// file keeps what lies outside its `<!-- bench:begin -->` … `<!-- bench:end -->` markers
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Scratch directory (default: a new one under the system temp dir, removed at the end)
    #[arg(long, value_name = "DIR")]
    pub work: Option<PathBuf>,
    /// Runs per named query
    #[arg(long, default_value_t = 20)]
    pub runs: usize,
    /// Stop repeating a query after this many seconds (it still runs at least 3 times)
    #[arg(long, default_value_t = 20.0)]
    pub query_budget: f64,
    /// Give up on one query run after this many seconds and report it as timed out
    #[arg(long, default_value_t = 30.0)]
    pub query_timeout: f64,
    /// Documents given to spaCy (a prefix of the largest set; spaCy is slow)
    #[arg(long, default_value_t = 300)]
    pub spacy_docs: usize,
    /// Worker threads for the "all threads" rows (default: the number of cores)
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Measure the store's floor only for sizes up to this many documents (the RocksDB floor
    /// needs a second copy of the store on disk)
    #[arg(long)]
    pub floor_up_to: Option<u64>,
}

impl From<BenchRunArgs> for bench::RunArgs {
    fn from(a: BenchRunArgs) -> Self {
        bench::RunArgs {
            docs: a.docs,
            corpus: a.corpus,
            skip_spacy: a.skip_spacy,
            out: a.out,
            seed: a.seed,
            work: a.work,
            runs: a.runs,
            query_budget: a.query_budget,
            query_timeout: a.query_timeout,
            spacy_docs: a.spacy_docs,
            jobs: a.jobs,
            floor_up_to: a.floor_up_to,
        }
    }
}

/// Default `--max-bytes`: 16 MiB, hundreds of times a long communiqué, small enough that a
/// stray dump or disk image is refused before it is read.
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// An error that ends the command: one line, exit code 2 (or a quiet 0 when the reader of
/// the output went away, as `| head` does).
#[derive(Debug)]
pub struct Fatal {
    pub message: String,
    /// The kind of the IO error at the root of it, if there is one.
    pub io_kind: Option<std::io::ErrorKind>,
}

impl Fatal {
    pub fn msg(message: impl Into<String>) -> Self {
        Fatal {
            message: message.into(),
            io_kind: None,
        }
    }
}

impl<E: std::error::Error + 'static> From<E> for Fatal {
    fn from(e: E) -> Self {
        let mut io_kind = None;
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&e);
        while let Some(c) = cause {
            if let Some(io) = c.downcast_ref::<std::io::Error>() {
                io_kind = Some(io.kind());
                break;
            }
            cause = c.source();
        }
        Fatal {
            message: e.to_string(),
            io_kind,
        }
    }
}

/// The whole command line: parse the arguments, run, and turn the outcome into an exit code.
pub fn main() -> i32 {
    use clap::Parser;
    let code = match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) if e.io_kind == Some(std::io::ErrorKind::BrokenPipe) => 0,
        Err(e) => {
            eprintln!("diplograph: {}", e.message);
            2
        }
    };
    crate::eval::bench::report_peak_rss();
    code
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
            fields,
        } => {
            let mut field_map = records::Fields::default();
            for f in &fields {
                let (field, key) = f.split_once('=').ok_or_else(|| {
                    Fatal::msg(format!(
                        "--field `{f}` is not FIELD=KEY (fields: {})",
                        records::FIELD_NAMES.join(", ")
                    ))
                })?;
                field_map.set(field.trim(), key.trim())?;
            }
            let date = match date {
                Some(d) => Some(parse_date(&d).ok_or_else(|| {
                    Fatal::msg(format!(
                        "--date `{d}` is not a date; expected e.g. 2022-07-01 or \"1 July 2022\""
                    ))
                })?),
                None => None,
            };
            if url.is_some() && (paths.len() != 1 || paths[0].is_dir()) {
                return Err(Fatal::msg(
                    "--url names one document; give exactly one file",
                ));
            }
            let opts = IngestOptions {
                fields: field_map,
                date,
                url,
                publisher,
                max_bytes,
                quiet,
                jobs: jobs.unwrap_or_else(ingest::pipeline::default_jobs),
            };
            let mut store = open_write(&place)?;
            let summary = ingest::ingest(&mut store, &paths, &opts, &mut out)?;
            let code = if summary.failed > 0 { 1 } else { 0 };
            for q in &then_query {
                writeln!(out)?;
                let request = QueryFlags {
                    target: Some(q),
                    sparql: None,
                    format: "table",
                    params: &[],
                    timeout: 30.0,
                    page: query::Page::default(),
                };
                run_query(Some(&store), None, &request, &mut out)?;
            }
            store.close()?;
            Ok(code)
        }
        Command::Restore { file } => {
            let bytes = read_input(&file, u64::MAX)?;
            let mut store = open_write(&place)?;
            let r = store
                .restore(&bytes)
                .map_err(|e| Fatal::msg(format!("{}: {e}", file.display())))?;
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
            let date = date.as_deref().map(|d| {
                parse_date(d).ok_or_else(|| Fatal::msg(format!("--date `{d}` is not a date")))
            });
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
            .map_err(|e| Fatal::msg(format!("{source}: {e}")))?;
            write_extraction(&ex, &format, &mut out)?;
            Ok(0)
        }
        Command::Query {
            target,
            sparql,
            format,
            params,
            timeout,
            limit,
            offset,
            remote,
        } => {
            let remote = net::endpoint(&remote, timeout);
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
            let request = QueryFlags {
                target: target.as_deref(),
                sparql: sparql.as_deref(),
                format: &format,
                params: &params,
                timeout,
                page: query::Page { offset, limit },
            };
            run_query(store.as_ref(), remote.as_ref(), &request, &mut out)?;
            store.map(DiploStore::close).transpose()?;
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
            store.close()?;
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
        Command::Bench(BenchCommand::Generate {
            docs,
            seed,
            out: dir,
        }) => {
            bench::generate(docs, seed, &dir, &mut out)?;
            Ok(0)
        }
        Command::Bench(BenchCommand::Run(args)) => {
            bench::run(&args.into(), &mut out)?;
            Ok(0)
        }
        Command::Export(args) => {
            let store = open_read(&place)?;
            export::run(&store.store, &args.into(), &mut out)?;
            store.close()?;
            Ok(0)
        }
        Command::Serve(args) => net::serve(&place.dir, place.memory, args),
        Command::Push(args) => {
            let store = open_read(&place)?;
            net::push(&store, args)
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

/// The flags of one query, as given: resolved and checked by [`run_query`].
struct QueryFlags<'a> {
    /// A named query or a .rq file.
    target: Option<&'a str>,
    sparql: Option<&'a str>,
    format: &'a str,
    params: &'a [String],
    /// Seconds.
    timeout: f64,
    page: query::Page,
}

fn run_query(
    store: Option<&DiploStore>,
    remote: Option<&crate::net::remote::Remote>,
    flags: &QueryFlags<'_>,
    out: &mut dyn Write,
) -> Result<(), Fatal> {
    let QueryFlags {
        target,
        sparql,
        format,
        params,
        timeout,
        page,
    } = *flags;
    let format = Format::parse(format).ok_or_else(|| {
        Fatal::msg(format!(
            "unknown format `{format}`; expected one of: {}",
            Format::NAMES.join(", ")
        ))
    })?;
    let text: String = match (target, sparql) {
        (Some(_), Some(_)) => {
            return Err(Fatal::msg(
                "give a query name or file, or --sparql, not both",
            ))
        }
        (None, Some(q)) => q.to_string(),
        (Some(t), None) => match query::named(t) {
            Some(q) => q.text.to_string(),
            None if t.ends_with(".rq") || Path::new(t).is_file() => {
                std::fs::read_to_string(t).map_err(|e| Fatal::msg(format!("{t}: {e}")))?
            }
            None => {
                let names: Vec<&str> = query::NAMED.iter().map(|q| q.name).collect();
                return Err(Fatal::msg(format!(
                    "unknown query `{t}`; expected one of: {}, or a .rq file",
                    names.join(", ")
                )));
            }
        },
        (None, None) => {
            return Err(Fatal::msg(
                "give a query name, a .rq file or --sparql TEXT (see `diplograph queries`)",
            ))
        }
    };
    let params = params
        .iter()
        .map(|p| query::parse_param(p))
        .collect::<Result<Vec<_>, _>>()?;
    if !(timeout.is_finite() && timeout > 0.0) {
        return Err(Fatal::msg(format!(
            "--timeout {timeout} must be a positive number of seconds"
        )));
    }
    match (remote, store) {
        (Some(_), _) if page != query::Page::default() => {
            return Err(Fatal::msg(
                "--limit and --offset page a local store's results; for an endpoint, write LIMIT and OFFSET in the query",
            ))
        }
        (Some(remote), _) => {
            crate::net::remote::query(remote, &text, &params, format, out)?;
        }
        (None, Some(store)) => {
            query::run_page(
                &store.store,
                &text,
                &params,
                Some(Duration::from_secs_f64(timeout)),
                format,
                page,
                out,
            )?;
        }
        (None, None) => return Err(Fatal::msg("no store and no endpoint to query")),
    }
    Ok(())
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
                for (p, iri) in vocab::PREFIXES {
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
            return Err(Fatal::msg(format!(
                "unknown format `{other}`; expected one of: json, turtle, nquads"
            )))
        }
    }
    Ok(())
}

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
            .map_err(|e| Fatal::msg(format!("{}: {e}", gold_path.display())))
    };
    let mut report = score::Report::default();
    let mut scored = 0;
    if let Some(format) = records::Format::of_path(documents).filter(|_| documents.is_file()) {
        let file = std::fs::File::open(documents)
            .map_err(|e| Fatal::msg(format!("{}: {e}", documents.display())))?;
        let reader = records::read(
            std::io::BufReader::new(file),
            format,
            records::Fields::default(),
        )
        .map_err(|e| Fatal::msg(format!("{}: {e}", documents.display())))?;
        for record in reader {
            let record = record.map_err(|e| Fatal::msg(format!("{}: {e}", documents.display())))?;
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
            .map_err(|e: NotText| Fatal::msg(format!("{}: {e}", record.id)))?;
            score::score(&mut report, &ex, &g);
            scored += 1;
        }
    } else {
        let mut files = Vec::new();
        collect_files(documents, &mut files)
            .map_err(|e| Fatal::msg(format!("{}: {e}", documents.display())))?;
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
            .map_err(|e: NotText| Fatal::msg(format!("{}: {e}", f.display())))?;
            score::score(&mut report, &ex, &g);
            scored += 1;
        }
    }
    if scored == 0 {
        return Err(Fatal::msg(format!(
            "no document in {} has a gold file in {}",
            documents.display(),
            gold.display()
        )));
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error, ErrorKind};

    #[test]
    fn a_broken_pipe_is_recognised_under_the_errors_that_wrap_it() {
        let wrapped: [Fatal; 4] = [
            Error::from(ErrorKind::BrokenPipe).into(),
            query::QueryError::Io(Error::from(ErrorKind::BrokenPipe)).into(),
            export::ExportError::Output(Error::from(ErrorKind::BrokenPipe)).into(),
            ingest::IngestError::Output(Error::from(ErrorKind::BrokenPipe)).into(),
        ];
        for f in wrapped {
            assert_eq!(f.io_kind, Some(ErrorKind::BrokenPipe), "{}", f.message);
        }
        let other: Fatal = query::QueryError::BadParameter("x".into()).into();
        assert_eq!(other.io_kind, None);
    }
}
