//! `diplograph bench`: a synthetic corpus generator and the benchmark behind BENCHMARKS.md.
//!
//! `bench generate` writes a deterministic corpus ([`crate::eval::corpus`]). `bench run` measures,
//! in one run on the same documents: end-to-end ingest (a child `diplograph ingest`, timed
//! from outside, its peak RSS from `wait4`), the store's floor (Oxigraph bulk-loading the very
//! N-Quads that ingest wrote), extraction alone on one thread and on all, a peer (spaCy's small
//! English NER, through `bench/spacy_ner.py`), the time to open the store, the latency of every
//! named query on the largest store and the time to add one document to it; then it prints one
//! table plus the ratios against the targets of the issue "Fast at any archive size".
//!
//! Must not: write anywhere but its scratch directory and the `--out` file, need the real
//! corpus or the network to run (spaCy is skipped with a note when it cannot be had), or
//! assert timing targets — it reports them, met or missed.

use super::corpus;
use crate::extract::{self, Input};
use crate::ingest::pipeline;
use crate::query::{self, Format};
use crate::store::{self, DiploStore};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Term;
use oxigraph::store::Store;
use std::fmt::Write as _;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Why a benchmark could not run to its end.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("{}: {source}", path.display())]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    Storage(#[from] oxigraph::store::StorageError),
    #[error(transparent)]
    Loader(#[from] oxigraph::store::LoaderError),
    #[error(transparent)]
    NotText(#[from] crate::text::NotText),
    /// A step that ran but did not give what the benchmark needs (a child that failed, output
    /// that cannot be read, a size of zero).
    #[error("{0}")]
    Failed(String),
}

fn file(path: &Path) -> impl FnOnce(std::io::Error) -> BenchError + '_ {
    move |source| BenchError::File {
        path: path.to_path_buf(),
        source,
    }
}

/// What `bench run` measures and where it writes: the plain options the command line builds.
#[derive(Debug, Clone)]
pub struct RunArgs {
    /// Corpus sizes to ingest (generated), comma-separated
    pub docs: Vec<u64>,
    /// Also measure extraction and spaCy on this folder of real text (.txt/.md/.html)
    pub corpus: Option<PathBuf>,
    /// Do not run the spaCy peer
    pub skip_spacy: bool,
    /// Write the report (machine, command, table, ratios) to this Markdown file; an existing
    /// file keeps what lies outside its `<!-- bench:begin -->` … `<!-- bench:end -->` markers
    pub out: Option<PathBuf>,
    pub seed: u64,
    /// Scratch directory (default: a new one under the system temp dir, removed at the end)
    pub work: Option<PathBuf>,
    /// Runs per named query
    pub runs: usize,
    /// Stop repeating a query after this many seconds (it still runs at least 3 times)
    pub query_budget: f64,
    /// Give up on one query run after this many seconds and report it as timed out
    pub query_timeout: f64,
    /// Documents given to spaCy (a prefix of the largest set; spaCy is slow)
    pub spacy_docs: usize,
    /// Worker threads for the "all threads" rows (default: the number of cores)
    pub jobs: Option<usize>,
    /// Measure the store's floor only for sizes up to this many documents (the RocksDB floor
    /// needs a second copy of the store on disk)
    pub floor_up_to: Option<u64>,
}

/// Write `docs` synthetic documents under `dir` and report it on `out`.
pub fn generate(docs: u64, seed: u64, dir: &Path, out: &mut dyn Write) -> Result<(), BenchError> {
    let started = Instant::now();
    let (paths, bytes) = corpus::generate(docs, seed, dir).map_err(file(dir))?;
    writeln!(
        out,
        "generated {} documents, {:.1} MB, in {:.2} s under {}",
        paths.len(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        dir.display()
    )?;
    Ok(())
}

/// Measure, write the report on `out`, and into `args.out` when given.
pub fn run(args: &RunArgs, out: &mut dyn Write) -> Result<(), BenchError> {
    let report = run_bench(args)?;
    out.write_all(report.as_bytes())?;
    if let Some(path) = &args.out {
        write_report(path, &report)?;
    }
    Ok(())
}

/// One row of the table.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub what: String,
    pub docs: Option<usize>,
    pub seconds: Option<f64>,
    pub docs_per_s: Option<f64>,
    pub mb_per_s: Option<f64>,
    pub quads_per_s: Option<f64>,
    pub rss_mib: Option<f64>,
    pub note: String,
}

fn fmt_opt(v: Option<f64>, digits: usize) -> String {
    match v {
        Some(v) if v >= 100.0 && digits > 0 => format!("{v:.0}"),
        Some(v) => format!("{v:.digits$}"),
        None => "–".into(),
    }
}

pub fn table(rows: &[Row]) -> String {
    let mut s = String::from(
        "| measurement | documents | seconds | docs/s | MB/s | quads/s | peak RSS MiB | notes |\n|---|---:|---:|---:|---:|---:|---:|---|\n",
    );
    for r in rows {
        s.push_str(&table_row(r));
        s.push('\n');
    }
    s
}

fn table_row(r: &Row) -> String {
    format!(
        "| {} | {} | {} | {} | {} | {} | {} | {} |",
        r.what,
        r.docs.map(|d| d.to_string()).unwrap_or_else(|| "–".into()),
        r.seconds
            .map(|v| format!("{v:.4}"))
            .unwrap_or_else(|| "–".into()),
        fmt_opt(r.docs_per_s, 1),
        fmt_opt(r.mb_per_s, 2),
        r.quads_per_s
            .map(|v| format!("{v:.0}"))
            .unwrap_or_else(|| "–".into()),
        fmt_opt(r.rss_mib, 1),
        r.note
    )
}

/// The rows measured so far; each is also printed to stderr as it comes, so a long run shows
/// its progress and keeps its figures even if a later step fails.
#[derive(Default)]
struct Rows(Vec<Row>);

impl Rows {
    fn push(&mut self, r: Row) {
        eprintln!("bench: {}", table_row(&r));
        self.0.push(r);
    }
}

/// A child process's wall time, exit code and peak resident set (from `wait4`).
struct ChildRun {
    seconds: f64,
    code: i32,
    maxrss_kib: i64,
    stdout: String,
    stderr: String,
}

/// The environment variable that asks a `diplograph` process to write its own peak resident
/// set size (KiB) into the named file as it exits. The benchmark needs it because `wait4`'s
/// `ru_maxrss` also counts the parent's memory: a child started with `posix_spawn` shares the
/// parent's address space until it execs, and Linux keeps that high-water mark.
const PEAK_RSS_ENV: &str = "DIPLOGRAPH_PEAK_RSS_FILE";

/// Write this process's peak RSS where [`PEAK_RSS_ENV`] says, if it is set (Linux only;
/// elsewhere nothing is written and the benchmark falls back to `ru_maxrss`).
pub fn report_peak_rss() {
    let Some(path) = std::env::var_os(PEAK_RSS_ENV) else {
        return;
    };
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(kib) = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<i64>().ok())
    {
        let _ = fs::write(path, kib.to_string());
    }
}

fn run_child(args: &[&std::ffi::OsStr], scratch: &Path) -> Result<ChildRun, BenchError> {
    let exe = std::env::current_exe()?;
    let out_path = scratch.join("child.stdout");
    let err_path = scratch.join("child.stderr");
    let hwm_path = scratch.join("child.peak-rss");
    let _ = fs::remove_file(&hwm_path);
    let stdout = fs::File::create(&out_path)?;
    let stderr = fs::File::create(&err_path)?;
    let started = Instant::now();
    let child = Command::new(exe)
        .env(PEAK_RSS_ENV, &hwm_path)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: a zeroed rusage is a valid value, and wait4 only writes into the two pointers,
    // which live until it returns. We reap the child here, so `child` is never waited on.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let seconds = started.elapsed().as_secs_f64();
    std::mem::forget(child);
    if r < 0 {
        return Err(BenchError::Failed(format!(
            "wait4: {}",
            std::io::Error::last_os_error()
        )));
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Ok(ChildRun {
        seconds,
        code,
        maxrss_kib: fs::read_to_string(&hwm_path)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(usage.ru_maxrss),
        stdout: fs::read_to_string(&out_path).unwrap_or_default(),
        stderr: fs::read_to_string(&err_path).unwrap_or_default(),
    })
}

fn dir_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = fs::read_dir(&d) else { continue };
        for e in rd.filter_map(Result::ok) {
            match e.metadata() {
                Ok(m) if m.is_dir() => stack.push(e.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

/// Every document file under a directory, sorted (the order ingest uses).
fn documents_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = fs::read_dir(&d) else { continue };
        for e in rd.filter_map(Result::ok) {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                ["txt", "md", "html", "htm"].contains(&e.to_ascii_lowercase().as_str())
            }) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn is_html(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// Extraction alone over documents in memory with `jobs` threads; (seconds, statements).
fn time_extraction(docs: &[(PathBuf, Vec<u8>)], jobs: usize) -> (f64, usize) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .expect("a thread pool");
    let started = Instant::now();
    let statements: usize = pool.install(|| {
        use rayon::prelude::*;
        docs.par_iter()
            .map(|(p, bytes)| {
                extract::extract(&Input {
                    bytes,
                    source: p.to_string_lossy().to_string(),
                    html: is_html(p),
                    ..Input::default()
                })
                .map(|ex| ex.statements.len())
                .unwrap_or(0)
            })
            .sum()
    });
    (started.elapsed().as_secs_f64(), statements)
}

fn read_all(paths: &[PathBuf]) -> Result<Vec<(PathBuf, Vec<u8>)>, BenchError> {
    paths
        .iter()
        .map(|p| fs::read(p).map(|b| (p.clone(), b)).map_err(file(p)))
        .collect()
}

/// spaCy over some files: (documents, bytes, seconds) or why it could not run.
fn spacy(paths: &[PathBuf], scratch: &Path) -> Result<(usize, u64, f64), BenchError> {
    let script = scratch.join("spacy_ner.py");
    fs::write(&script, include_str!("../../bench/spacy_ner.py"))?;
    let list = scratch.join("spacy-files.txt");
    let mut text = String::new();
    for p in paths {
        let abs = fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        let _ = writeln!(text, "{}", abs.display());
    }
    fs::write(&list, text)?;
    let out = Command::new("python3")
        .arg(&script)
        .arg(&list)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| BenchError::Failed(format!("python3: {e}")))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(BenchError::Failed(
            err.lines().last().unwrap_or("failed").to_string(),
        ));
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| BenchError::Failed(format!("spaCy output: {e}")))?;
    Ok((
        v["documents"].as_u64().unwrap_or(0) as usize,
        v["bytes"].as_u64().unwrap_or(0),
        v["seconds"].as_f64().unwrap_or(0.0),
    ))
}

/// Median and 95th percentile of some durations, in milliseconds.
fn median_p95(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.95))
}

/// Parameters for the entity-centred queries, taken from the corpus itself.
fn query_params(name: &str, sample: &[extract::Extraction]) -> Vec<(String, Term)> {
    let lit = |s: &str| Term::Literal(oxigraph::model::Literal::new_simple_literal(s));
    let meetings: Vec<&str> = sample
        .iter()
        .filter_map(|e| e.main_meeting().map(|m| m.name.as_str()))
        .collect();
    match name {
        "person-timeline" => sample
            .iter()
            .find_map(|e| e.people.first())
            .map(|p| vec![("name".to_string(), lit(&p.name))])
            .unwrap_or_default(),
        "stances-on" => vec![("issue".to_string(), lit("climate change"))],
        "shared-issues" if meetings.len() >= 2 => vec![
            ("a".to_string(), lit(meetings[0])),
            ("b".to_string(), lit(meetings[1])),
        ],
        _ => Vec::new(),
    }
}

/// How a named query is judged: entity-centred ones look one thing up (target: median
/// < 50 ms); aggregates summarise the store in a result that does not grow with it (target:
/// < 1 s); listings return rows for every document, so their time is reported per 1,000 rows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum QueryClass {
    Entity,
    Aggregate,
    Listing,
}

impl QueryClass {
    fn of(name: &str) -> Self {
        match name {
            "person-timeline" | "stances-on" | "shared-issues" => QueryClass::Entity,
            "issue-trend" | "series" | "conflicts" => QueryClass::Aggregate,
            _ => QueryClass::Listing,
        }
    }

    fn label(self) -> &'static str {
        match self {
            QueryClass::Entity => "entity-centred",
            QueryClass::Aggregate => "aggregate",
            QueryClass::Listing => "listing",
        }
    }
}

/// The store's quad count from an ingest's summary line ("…; store: N documents, Q quads").
fn stored_quads(summary: &str) -> Result<usize, BenchError> {
    summary
        .lines()
        .rev()
        .find_map(|l| {
            let (_, tail) = l.rsplit_once("documents, ")?;
            tail.strip_suffix(" quads")?.trim().parse().ok()
        })
        .ok_or_else(|| {
            BenchError::Failed(format!("no quad count in the ingest's output: {summary}"))
        })
}

/// The store's floor for one ingest: how fast Oxigraph alone loads the same quads.
struct Floor {
    what: String,
    seconds: f64,
    quads: usize,
    /// N-Quads bytes parsed, when the floor parses a dump.
    bytes: Option<u64>,
    note: String,
}

/// Files kind: the N-Quads files ingest wrote (every `graphs/*.nq` plus `links.nq`),
/// concatenated, bulk-loaded into a fresh in-memory store in 8 MB commits.
fn floor_files(store_dir: &Path, scratch: &Path, n: u64) -> Result<Floor, BenchError> {
    let mut dump = Vec::new();
    let mut files: Vec<PathBuf> = fs::read_dir(store_dir.join("graphs"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    files.push(store_dir.join("links.nq"));
    for f in &files {
        dump.extend(fs::read(f).map_err(file(f))?);
    }
    let quads = dump.iter().filter(|&&b| b == b'\n').count();
    let dump_path = scratch.join(format!("dump-{n}.nq"));
    fs::write(&dump_path, &dump)?;
    drop(dump);
    let started = Instant::now();
    let floor_store = Store::new()?;
    let bytes_nq = fs::read(&dump_path)?;
    // In slices of about 8 MB (cut at line ends), one commit each: a single transaction of
    // millions of quads slows down as it grows, and the floor should be the best way to load,
    // not a pathological one.
    let mut rest: &[u8] = &bytes_nq;
    while !rest.is_empty() {
        let mut cut = rest.len().min(8 << 20);
        while cut < rest.len() && rest[cut - 1] != b'\n' {
            cut += 1;
        }
        let mut loader = floor_store.bulk_loader();
        loader.load_from_slice(RdfParser::from_format(RdfFormat::NQuads), &rest[..cut])?;
        loader.commit()?;
        rest = &rest[cut..];
    }
    let seconds = started.elapsed().as_secs_f64();
    drop(floor_store);
    let _ = fs::remove_file(&dump_path);
    Ok(Floor {
        what: "floor: Oxigraph bulk load of that ingest's N-Quads (in memory, 8 MB commits)".into(),
        seconds,
        quads,
        bytes: Some(bytes_nq.len() as u64),
        note: format!("{:.1} MB of N-Quads", mb(bytes_nq.len() as u64)),
    })
}

/// RocksDB kind: the quads of the ingested store (all but the reference graph), read back and
/// bulk-loaded into a fresh RocksDB store. A dump file would be ~200 KB per document (20 GB at
/// 100k), so the quads stream from one store to the other; a read-only pass is timed first so
/// the share of reading is known.
#[cfg(feature = "rocksdb")]
fn floor_rocksdb(store_dir: &Path, scratch: &Path, n: u64) -> Result<Floor, BenchError> {
    use oxigraph::model::GraphNameRef;
    let source = DiploStore::open_read(store_dir)?;
    let reference = crate::vocab::reference_graph();
    let keep = |q: &oxigraph::model::Quad| {
        q.graph_name.as_ref() != GraphNameRef::NamedNode(reference.as_ref())
    };
    let started = Instant::now();
    let mut quads = 0usize;
    for q in source.store.iter() {
        if keep(&q?) {
            quads += 1;
        }
    }
    let read_s = started.elapsed().as_secs_f64();
    let target_dir = scratch.join(format!("floor-{n}"));
    let _ = fs::remove_dir_all(&target_dir);
    let started = Instant::now();
    let target = Store::open(&target_dir)?;
    let mut loader = target.bulk_loader().without_atomicity();
    loader.load_ok_quads::<_, oxigraph::store::StorageError>(
        source
            .store
            .iter()
            .filter(|q| q.as_ref().map_or(true, keep)),
    )?;
    loader.commit()?;
    drop(target);
    let seconds = started.elapsed().as_secs_f64();
    let _ = fs::remove_dir_all(&target_dir);
    Ok(Floor {
        what: "floor: Oxigraph RocksDB bulk load of the quads that ingest stored".into(),
        seconds,
        quads,
        bytes: None,
        note: format!("read from the ingested store as it loads; reading alone took {read_s:.1} s"),
    })
}

#[cfg(not(feature = "rocksdb"))]
fn floor_rocksdb(store_dir: &Path, _scratch: &Path, _n: u64) -> Result<Floor, BenchError> {
    Err(BenchError::Failed(format!(
        "{}: a RocksDB store needs a build with `--features rocksdb`",
        store_dir.display()
    )))
}

struct Ingested {
    docs: usize,
    seconds: f64,
    bytes: u64,
    rss_mib: f64,
    store_bytes: u64,
}

fn run_bench(args: &RunArgs) -> Result<String, BenchError> {
    let jobs = args.jobs.unwrap_or_else(pipeline::default_jobs);
    let load_before = load_average();
    let (scratch, remove) = match &args.work {
        Some(w) => (w.clone(), false),
        None => (
            std::env::temp_dir().join(format!("diplograph-bench-{}", std::process::id())),
            true,
        ),
    };
    if scratch.exists() {
        fs::remove_dir_all(&scratch).map_err(file(&scratch))?;
    }
    fs::create_dir_all(&scratch).map_err(file(&scratch))?;
    let result = measure(args, jobs, &scratch).map(|r| {
        format!(
            "{r}\nLoad average (1, 5, 15 min) before the run: {load_before}; after: {}.\n",
            load_average()
        )
    });
    if remove {
        let _ = fs::remove_dir_all(&scratch);
    }
    result
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn measure(args: &RunArgs, jobs: usize, scratch: &Path) -> Result<String, BenchError> {
    let mut sizes = args.docs.clone();
    sizes.sort();
    sizes.dedup();
    sizes.retain(|&n| n > 0);
    if sizes.is_empty() {
        return Err(BenchError::Failed(
            "--docs needs at least one size above 0".into(),
        ));
    }
    let mut rows = Rows::default();
    let mut notes: Vec<String> = Vec::new();
    let mut ingests: Vec<Ingested> = Vec::new();
    let largest = *sizes.last().expect("one size");
    // The largest size with a floor: (documents, floor quads/s, ingest quads/s).
    let mut floor_at: Option<(usize, f64, f64)> = None;
    let mut kind_name = "files";

    // 1. End-to-end ingest for each size (the store kind is the build's), then (2) the floor.
    for &n in &sizes {
        let dir = scratch.join(format!("corpus-{n}"));
        let (_, bytes) = corpus::generate(n, args.seed, &dir).map_err(file(&dir))?;
        let store_dir = scratch.join(format!("store-{n}"));
        let jobs_s = jobs.to_string();
        let run = run_child(
            &[
                "--store".as_ref(),
                store_dir.as_os_str(),
                "ingest".as_ref(),
                "--quiet".as_ref(),
                "--jobs".as_ref(),
                jobs_s.as_ref(),
                dir.as_os_str(),
            ],
            scratch,
        )?;
        if run.code != 0 {
            return Err(BenchError::Failed(format!(
                "ingest of {n} documents exited with {}: {}",
                run.code,
                run.stderr.lines().last().unwrap_or("")
            )));
        }
        let kind = store::kind_of(&store_dir)?.ok_or_else(|| {
            BenchError::Failed(format!("{}: ingest made no store", store_dir.display()))
        })?;
        kind_name = kind.marker();
        // 2. The floor: Oxigraph bulk-loading the quads that ingest stored (every document graph
        // plus the links graph), into a fresh store of the same kind.
        let floor = if args.floor_up_to.is_some_and(|max| n > max) {
            None
        } else {
            Some(match kind {
                store::Kind::Files => floor_files(&store_dir, scratch, n)?,
                _ => floor_rocksdb(&store_dir, scratch, n)?,
            })
        };
        // The quads ingest stored: the floor counts them; else the ingest's summary line
        // ("store: N documents, Q quads") less the reference graph.
        let quads = match &floor {
            Some(f) => f.quads,
            None => stored_quads(&run.stdout)?
                .saturating_sub(crate::knowledge::Knowledge::get().reference.len()),
        };
        let rss_mib = run.maxrss_kib as f64 / 1024.0;
        let store_bytes = dir_bytes(&store_dir);
        rows.push(Row {
            what: format!("ingest end to end, {kind_name} kind, --jobs {jobs}"),
            docs: Some(n as usize),
            seconds: Some(run.seconds),
            docs_per_s: Some(n as f64 / run.seconds),
            mb_per_s: Some(mb(bytes) / run.seconds),
            quads_per_s: Some(quads as f64 / run.seconds),
            rss_mib: Some(rss_mib),
            note: format!(
                "{quads} quads; store {:.1} KB/document; {:.2} ms/document",
                store_bytes as f64 / 1e3 / n as f64,
                run.seconds * 1e3 / n as f64
            ),
        });
        ingests.push(Ingested {
            docs: n as usize,
            seconds: run.seconds,
            bytes,
            rss_mib,
            store_bytes,
        });
        let Some(floor) = floor else {
            notes.push(format!(
                "the store's floor was not measured at {n} documents (--floor-up-to)"
            ));
            continue;
        };
        let floor_s = floor.seconds;
        rows.push(Row {
            what: floor.what,
            docs: Some(n as usize),
            seconds: Some(floor_s),
            docs_per_s: Some(n as f64 / floor_s),
            mb_per_s: floor.bytes.map(|b| mb(b) / floor_s),
            quads_per_s: Some(quads as f64 / floor_s),
            rss_mib: None,
            note: floor.note,
        });
        floor_at = Some((
            n as usize,
            quads as f64 / floor_s,
            quads as f64 / run.seconds,
        ));
    }

    // Opening the largest store (the files kind loads every graph file into memory).
    let largest_store = scratch.join(format!("store-{largest}"));
    let started = Instant::now();
    let opened = DiploStore::open_read(&largest_store)?;
    let open_s = started.elapsed().as_secs_f64();
    rows.push(Row {
        what: if kind_name == "files" {
            "open the store (files kind: load every graph file)".into()
        } else {
            format!("open the store ({kind_name} kind)")
        },
        docs: Some(largest as usize),
        seconds: Some(open_s),
        docs_per_s: None,
        mb_per_s: None,
        quads_per_s: Some(opened.len().unwrap_or(0) as f64 / open_s),
        rss_mib: None,
        note: String::new(),
    });

    // 3. Extraction alone, on the largest generated set, one thread and all threads.
    let largest_docs = documents_under(&scratch.join(format!("corpus-{largest}")));
    let sets: Vec<(String, Vec<PathBuf>)> = {
        let mut v = vec![(format!("generated ({largest})"), largest_docs.clone())];
        if let Some(c) = &args.corpus {
            let real = documents_under(c);
            if real.is_empty() {
                notes.push(format!("--corpus {}: no documents found", c.display()));
            } else {
                v.push((
                    format!(
                        "real text ({})",
                        c.file_name()
                            .map(|f| f.to_string_lossy().to_string())
                            .unwrap_or_default()
                    ),
                    real,
                ));
            }
        }
        v
    };
    let mut extraction_1: Vec<f64> = Vec::new();
    let mut ratio_threads = Vec::new();
    let mut spacy_ratio = Vec::new();
    for (label, paths) in &sets {
        let docs = read_all(paths)?;
        let bytes: u64 = docs.iter().map(|(_, b)| b.len() as u64).sum();
        let mut per_s = Vec::new();
        for threads in [1, jobs] {
            let (s, statements) = time_extraction(&docs, threads);
            per_s.push(docs.len() as f64 / s);
            rows.push(Row {
                what: format!(
                    "extraction alone, {threads} thread{}, {label}",
                    if threads == 1 { "" } else { "s" }
                ),
                docs: Some(docs.len()),
                seconds: Some(s),
                docs_per_s: Some(docs.len() as f64 / s),
                mb_per_s: Some(mb(bytes) / s),
                quads_per_s: None,
                rss_mib: None,
                note: format!(
                    "{statements} statements; {:.0} bytes/document",
                    bytes as f64 / docs.len() as f64
                ),
            });
            if jobs == 1 {
                break;
            }
        }
        extraction_1.push(per_s[0]);
        if per_s.len() == 2 {
            ratio_threads.push((label.clone(), per_s[1] / per_s[0]));
        }
        // 4. The peer.
        if args.skip_spacy {
            continue;
        }
        let subset: Vec<PathBuf> = paths.iter().take(args.spacy_docs).cloned().collect();
        match spacy(&subset, scratch) {
            Ok((n, b, s)) if n > 0 && s > 0.0 => {
                rows.push(Row {
                    what: format!(
                        "peer: spaCy en_core_web_sm 3.8 NER (tok2vec+ner), 1 process, {label}"
                    ),
                    docs: Some(n),
                    seconds: Some(s),
                    docs_per_s: Some(n as f64 / s),
                    mb_per_s: Some(mb(b) / s),
                    quads_per_s: None,
                    rss_mib: None,
                    note: format!(
                        "first {n} documents of the set; {:.2} ms/document",
                        s * 1e3 / n as f64
                    ),
                });
                spacy_ratio.push((label.clone(), per_s[0] / (n as f64 / s)));
            }
            Ok(_) => notes.push(format!("spaCy on {label}: no documents processed")),
            Err(e) => notes.push(format!("spaCy skipped on {label}: {e}")),
        }
    }

    // 4b. One long text: extraction must grow linearly with a document's length, so a
    // larger `--max-bytes` is safe. The set's texts (the real ones when given) are joined
    // into one 2 MB and one 8 MB document, each extracted by a child process.
    let mut long_texts: Vec<(f64, f64)> = Vec::new();
    if let Some((label, paths)) = sets.last() {
        let docs = read_all(paths)?;
        for size in [2_000_000usize, 8_000_000] {
            let path = scratch.join(format!("long-{size}.txt"));
            if docs.is_empty() {
                break;
            }
            let mut text: Vec<u8> = Vec::with_capacity(size + 65_536);
            for (_, b) in docs.iter().cycle() {
                if text.len() >= size {
                    break;
                }
                text.extend_from_slice(String::from_utf8_lossy(b).as_bytes());
                text.extend_from_slice(b"\n\n");
            }
            fs::write(&path, &text).map_err(file(&path))?;
            let run = run_child(&["extract".as_ref(), path.as_os_str()], scratch)?;
            let rss = run.maxrss_kib as f64 / 1024.0;
            rows.push(Row {
                what: format!("extract one long text of {label} (`diplograph extract`)"),
                docs: Some(1),
                seconds: Some(run.seconds),
                mb_per_s: Some(mb(text.len() as u64) / run.seconds),
                rss_mib: Some(rss),
                note: format!("{:.1} MB; exit {}", mb(text.len() as u64), run.code),
                ..Row::default()
            });
            if run.code == 0 {
                long_texts.push((run.seconds, rss));
            }
        }
    }

    // 5. Query latency on the largest store.
    let sample: Vec<extract::Extraction> = largest_docs
        .iter()
        .take(5)
        .filter_map(|p| {
            let b = fs::read(p).ok()?;
            extract::extract(&Input {
                bytes: &b,
                source: p.to_string_lossy().to_string(),
                html: is_html(p),
                ..Input::default()
            })
            .ok()
        })
        .collect();
    let mut entity_worst: f64 = 0.0;
    let mut aggregate_worst: f64 = 0.0;
    // Listings: the slowest time per 1,000 rows.
    let mut listing_worst: f64 = 0.0;
    for q in query::NAMED {
        let class = QueryClass::of(q.name);
        let params = query_params(q.name, &sample);
        let mut times = Vec::new();
        let mut rows_n = 0;
        let mut timed_out = false;
        let began = Instant::now();
        for i in 0..args.runs.max(1) {
            let started = Instant::now();
            match query::run(
                &opened.store,
                q.text,
                &params,
                Some(Duration::from_secs_f64(args.query_timeout)),
                Format::Csv,
                &mut std::io::sink(),
            ) {
                Ok(n) => rows_n = n,
                Err(query::QueryError::Timeout(_)) => {
                    timed_out = true;
                    break;
                }
                Err(e) => return Err(BenchError::Failed(format!("query {}: {e}", q.name))),
            }
            times.push(started.elapsed().as_secs_f64() * 1e3);
            // Slow queries get fewer runs (at least 3) so the benchmark ends in reasonable time.
            if i >= 2 && began.elapsed().as_secs_f64() > args.query_budget {
                break;
            }
        }
        if timed_out {
            let worst = args.query_timeout * 1e3;
            match class {
                QueryClass::Entity => entity_worst = entity_worst.max(worst),
                QueryClass::Aggregate => aggregate_worst = aggregate_worst.max(worst),
                QueryClass::Listing => listing_worst = f64::INFINITY,
            }
            rows.push(Row {
                what: format!("query `{}` ({})", q.name, class.label()),
                docs: Some(largest as usize),
                seconds: None,
                note: format!(
                    "**timed out** after {} s (the time limit of this benchmark)",
                    args.query_timeout
                ),
                ..Row::default()
            });
            continue;
        }
        let runs_done = times.len();
        let (median, p95) = median_p95(times);
        match class {
            QueryClass::Entity => entity_worst = entity_worst.max(median),
            QueryClass::Aggregate => aggregate_worst = aggregate_worst.max(median),
            QueryClass::Listing => {
                listing_worst = listing_worst.max(median * 1000.0 / rows_n.max(1) as f64)
            }
        }
        let shown: Vec<String> = params
            .iter()
            .map(|(k, v)| format!("{k}={}", query::display_term(v)))
            .collect();
        rows.push(Row {
            what: format!("query `{}` ({})", q.name, class.label()),
            docs: Some(largest as usize),
            seconds: Some(median / 1e3),
            docs_per_s: None,
            mb_per_s: None,
            quads_per_s: None,
            rss_mib: None,
            note: format!(
                "median {median:.1} ms, p95 {p95:.1} ms over {runs_done} runs; {rows_n} rows{}",
                if shown.is_empty() {
                    String::new()
                } else {
                    format!("; {}", shown.join(", "))
                }
            ),
        });
    }
    drop(opened);

    // Adding one new document to the largest store: in process (store open), and as a CLI run.
    let extra = corpus::document(args.seed, largest + 1);
    let extra_path = scratch.join("one").join("extra.txt");
    fs::create_dir_all(extra_path.parent().expect("a parent"))?;
    fs::write(&extra_path, &extra.bytes)?;
    let mut store_w = DiploStore::open_write(&largest_store)?;
    let started = Instant::now();
    let ex = extract::extract(&Input {
        bytes: &extra.bytes,
        source: extra_path.to_string_lossy().to_string(),
        ..Input::default()
    })?;
    let prepared = store::Prepared::new(&ex)?;
    store_w.add_batch(std::slice::from_ref(&prepared))?;
    let add_s = started.elapsed().as_secs_f64();
    store_w.refresh_links()?;
    let add_links_s = started.elapsed().as_secs_f64();
    drop(store_w);
    rows.push(Row {
        what: format!(
            "add one document to the open largest store ({kind_name} kind: extract, write, insert)"
        ),
        docs: Some(1),
        seconds: Some(add_s),
        note: format!(
            "{:.1} ms; with recomputing the series links: {:.1} ms",
            add_s * 1e3,
            add_links_s * 1e3
        ),
        ..Row::default()
    });
    let extra2 = corpus::document(args.seed, largest + 2);
    let extra2_path = scratch.join("one").join("extra2.txt");
    fs::write(&extra2_path, &extra2.bytes)?;
    let cli = run_child(
        &[
            "--store".as_ref(),
            largest_store.as_os_str(),
            "ingest".as_ref(),
            "--quiet".as_ref(),
            extra2_path.as_os_str(),
        ],
        scratch,
    )?;
    rows.push(Row {
        what: "add one document with `diplograph ingest` (opens the store first)".into(),
        docs: Some(1),
        seconds: Some(cli.seconds),
        rss_mib: Some(cli.maxrss_kib as f64 / 1024.0),
        note: format!("exit {}; store of {largest} documents", cli.code),
        ..Row::default()
    });

    // Ratios against the targets.
    let mut targets = String::from("| ratio | value | target | met |\n|---|---:|---|---|\n");
    let mut target = |what: &str, value: Option<f64>, goal: &str, ok: Option<bool>, unit: &str| {
        let _ = writeln!(
            targets,
            "| {what} | {} | {goal} | {} |",
            value
                .map(|v| format!("{v:.2}{unit}"))
                .unwrap_or_else(|| "–".into()),
            match ok {
                Some(true) => "yes",
                Some(false) => "**no**",
                None => "not measured",
            }
        );
    };
    let big = ingests.last().expect("one ingest");
    let small = ingests.first().expect("one ingest");
    let r = floor_at.map(|(_, floor, ingest)| ingest / floor);
    target(
        &format!(
            "ingest quads/s ÷ floor quads/s ({} documents)",
            floor_at.map_or(big.docs, |(n, _, _)| n)
        ),
        r,
        "≥ 0.6",
        r.map(|r| r >= 0.6),
        "",
    );
    for (label, r) in &spacy_ratio {
        target(
            &format!("extraction docs/s ÷ spaCy docs/s, 1 thread, {label}"),
            Some(*r),
            "≥ 100",
            Some(*r >= 100.0),
            "",
        );
    }
    if spacy_ratio.is_empty() {
        target(
            "extraction docs/s ÷ spaCy docs/s, 1 thread",
            None,
            "≥ 100",
            None,
            "",
        );
    }
    for (label, r) in &ratio_threads {
        target(
            &format!("extraction {jobs} threads ÷ 1 thread, {label}"),
            Some(*r),
            "≥ 1.7",
            Some(*r >= 1.7),
            "",
        );
    }
    if let [(small_s, small_rss), (big_s, big_rss)] = long_texts[..] {
        target(
            "extraction time, one 8 MB text ÷ one 2 MB text",
            Some(big_s / small_s),
            "≤ 4.5",
            Some(big_s / small_s <= 4.5),
            "",
        );
        target(
            "extraction peak RSS, one 8 MB text ÷ one 2 MB text",
            Some(big_rss / small_rss),
            "≤ 4.5",
            Some(big_rss / small_rss <= 4.5),
            "",
        );
    }
    if ingests.len() >= 2 {
        let per_big = big.seconds / big.docs as f64;
        let per_small = small.seconds / small.docs as f64;
        let r = per_big / per_small;
        target(
            &format!(
                "ingest time per document at {} ÷ at {}",
                big.docs, small.docs
            ),
            Some(r),
            "≤ 1.5",
            Some(r <= 1.5),
            "",
        );
        if kind_name == "files" {
            let growth = (big.rss_mib - small.rss_mib) * 1024.0 / (big.docs - small.docs) as f64;
            target(
                &format!("peak RSS growth, {} → {} documents", small.docs, big.docs),
                Some(growth),
                "reported (the files kind holds the store in memory)",
                None,
                " KiB/document",
            );
        } else {
            let before = &ingests[ingests.len() - 2];
            let r = big.rss_mib / before.rss_mib;
            target(
                &format!("peak RSS at {} ÷ at {} documents", big.docs, before.docs),
                Some(r),
                "≤ 1.2",
                Some(r <= 1.2),
                "",
            );
            target(
                &format!("peak RSS at {} documents", big.docs),
                Some(big.rss_mib),
                "< 1024 MiB",
                Some(big.rss_mib < 1024.0),
                " MiB",
            );
        }
    }
    target(
        "entity-centred named queries, slowest median",
        Some(entity_worst),
        "< 50 ms",
        Some(entity_worst < 50.0),
        " ms",
    );
    target(
        "aggregate named queries, slowest median",
        Some(aggregate_worst),
        "< 1000 ms",
        Some(aggregate_worst < 1000.0),
        " ms",
    );
    target(
        "listing named queries, slowest median per 1,000 rows",
        Some(listing_worst),
        "reported (their results grow with the store)",
        None,
        " ms",
    );
    target(
        "add one document to the open store",
        Some(add_s * 1e3),
        "< 100 ms",
        Some(add_s < 0.1),
        " ms",
    );
    let _ = big.bytes;
    let _ = big.store_bytes;

    let mut report = String::new();
    let _ = writeln!(report, "{}", table(&rows.0));
    let _ = writeln!(report, "{targets}");
    for n in &notes {
        let _ = writeln!(report, "- {n}");
    }
    Ok(report)
}

/// The machine, for the report.
pub fn machine() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
            })
        })
        .unwrap_or_else(|| "unknown".into());
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("MemTotal:")
                    .and_then(|v| v.trim().trim_end_matches(" kB").parse::<f64>().ok())
            })
        })
        .map(|kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0))
        .unwrap_or_else(|| "unknown".into());
    format!(
        "{} cores ({}), {mem} memory, {} {}",
        pipeline::default_jobs(),
        cpu,
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// The load average now (other work on the machine skews every number).
pub fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn write_report(path: &Path, report: &str) -> Result<(), BenchError> {
    let args: Vec<String> = std::env::args().collect();
    let block = format!(
        "<!-- bench:begin -->\nMachine: {}.\n\nCommand: `{}`\n\n{report}<!-- bench:end -->\n",
        machine(),
        args.join(" ")
    );
    let existing = fs::read_to_string(path).unwrap_or_default();
    let text = match (
        existing.find("<!-- bench:begin -->"),
        existing.find("<!-- bench:end -->"),
    ) {
        (Some(a), Some(b)) if a < b => format!(
            "{}{block}{}",
            &existing[..a],
            existing[b + "<!-- bench:end -->\n".len().min(existing.len() - b)..]
                .trim_start_matches('\n')
        ),
        _ => format!("# Benchmarks\n\n{block}"),
    };
    fs::write(path, text).map_err(file(path))
}
