//! The ingest loop: paths to files, files to bytes, bytes to extractions on worker threads,
//! extractions to the store through its one writer, a line per document and a summary.
//!
//! [`ingest`] takes a list of inputs (files, directories, `-` for stdin, and corpus files of
//! many documents, `.jsonl` or `.csv`, read by [`records`]) and [`pipeline`] runs the
//! extraction in parallel while keeping input order. A file or record that cannot be read or
//! is not text is reported on one line and counted in [`Summary::failed`]; the run goes on.
//! Corpus files are streamed: a record is read when a worker is ready for it.
//!
//! Must not: parse command lines or choose exit codes (that is the command line, `cli`); extract or
//! write quads itself (it calls [`crate::extract`] and [`crate::store`]).

pub mod pipeline;
pub mod records;

use crate::extract::{self, Extraction, Input};
use crate::store::{self, Added, DiploStore, StoreError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Why an ingest stopped before its end (a bad input file does not stop it).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing the report failed (a closed pipe, a full disk).
    #[error("{0}")]
    Output(#[from] std::io::Error),
}

/// Why one input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(
        "{name}: larger than --max-bytes {max_bytes}; refused (raise --max-bytes to ingest it)"
    )]
    TooLarge { name: String, max_bytes: u64 },
    #[error("{name}: {source}")]
    Io {
        name: String,
        source: std::io::Error,
    },
}

/// What an ingest did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub new: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// Inputs that could not be read or were not text.
    pub failed: usize,
}

/// How to ingest: metadata for documents that lack it, limits and threads.
pub struct IngestOptions {
    /// Which fields of a corpus file's records hold the text, title, date, URL, id, publisher.
    pub fields: records::Fields,
    pub date: Option<crate::text::dates::PartialDate>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub max_bytes: u64,
    pub quiet: bool,
    /// Extraction worker threads.
    pub jobs: usize,
}

/// Ingest paths into a store, reporting each document and a summary on `out`.
pub fn ingest(
    store: &mut DiploStore,
    paths: &[PathBuf],
    opts: &IngestOptions,
    out: &mut dyn Write,
) -> Result<Summary, IngestError> {
    let started = Instant::now();
    let mut units: Vec<Box<dyn Iterator<Item = Unit> + Send>> = Vec::new();
    let mut total = 0usize;
    let mut failed = 0usize;
    for p in paths {
        if p.as_os_str() == "-" {
            total += 1;
            units.push(Box::new(std::iter::once(Unit::File(p.clone()))));
            continue;
        }
        if let Some(format) = records::Format::of_path(p).filter(|_| p.is_file()) {
            let count = pipeline::Progress::shown(!opts.quiet);
            match open_corpus(p, format, &opts.fields, count) {
                Ok((n, reader)) => {
                    total += n;
                    let name = corpus_name(p);
                    units.push(Box::new(reader.map(move |r| Unit::Record(name.clone(), r))));
                }
                Err(e) => {
                    eprintln!("diplograph: {}: {e}", p.display());
                    failed += 1;
                }
            }
            continue;
        }
        let mut files = Vec::new();
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
        total += files.len();
        units.push(Box::new(files.into_iter().map(Unit::File)));
    }
    let (mut new, mut replaced, mut unchanged) = (0usize, 0usize, 0usize);
    let mut bytes_total = 0usize;
    // Extraction runs on worker threads; this thread is the one writer (see crate::ingest::pipeline).
    let progress = pipeline::Progress::new(total, !opts.quiet);
    let stager = store.stager();
    type Work = Result<(Extraction, store::Prepared, usize), (String, usize)>;
    let work = |unit: Unit| -> Work {
        let (bytes, input) = match unit {
            Unit::File(f) => {
                let bytes = read_input(&f, opts.max_bytes).map_err(|e| (e.to_string(), 0))?;
                let source = if f.as_os_str() == "-" {
                    opts.url.clone().unwrap_or_else(|| {
                        format!("stdin:{}", &extract::content_hash(&bytes)[..12])
                    })
                } else {
                    source_of(&f)
                };
                let input = Input {
                    source,
                    html: is_html_path(&f),
                    url: opts.url.clone(),
                    publisher: opts.publisher.clone(),
                    date: opts.date,
                    ..Input::default()
                };
                (bytes, input)
            }
            Unit::Record(corpus, record) => {
                let record = record.map_err(|e| (format!("{corpus}: {e}"), 0))?;
                let bytes = record.document().into_bytes();
                let source = format!("{corpus}#{}", record.id);
                if bytes.len() as u64 > opts.max_bytes {
                    let too_large = ReadError::TooLarge {
                        name: source,
                        max_bytes: opts.max_bytes,
                    };
                    return Err((too_large.to_string(), 0));
                }
                let input = Input {
                    source,
                    html: false,
                    url: record.url.or_else(|| opts.url.clone()),
                    publisher: record.publisher.or_else(|| opts.publisher.clone()),
                    date: record.date.or(opts.date),
                    ..Input::default()
                };
                (bytes, input)
            }
        };
        let source = input.source.clone();
        let ex = extract::extract(&Input {
            bytes: &bytes,
            ..input
        })
        .map_err(|e| (format!("{source}: {e}"), bytes.len()))?;
        let mut prepared =
            store::Prepared::new(&ex).map_err(|e| (format!("{source}: {e}"), bytes.len()))?;
        stager.stage(&mut prepared);
        Ok((ex, prepared, bytes.len()))
    };
    pipeline::ordered(
        units.into_iter().flatten(),
        opts.jobs,
        128,
        work,
        |batch| -> Result<(), IngestError> {
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
        },
    )?;
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
    Ok(Summary {
        new,
        replaced,
        unchanged,
        failed,
    })
}

/// One unit of ingest work: a file (or stdin), or a record of a corpus file.
enum Unit {
    File(PathBuf),
    Record(String, Result<records::Record, records::RecordError>),
}

type CorpusReader = records::Reader<std::io::BufReader<std::fs::File>>;

/// Open a corpus file: the number of lines (for the progress bar; counted only when `count`,
/// since it reads the file once more) and a reader of its records.
fn open_corpus(
    p: &Path,
    format: records::Format,
    fields: &records::Fields,
    count: bool,
) -> Result<(usize, CorpusReader), Box<dyn std::error::Error>> {
    let lines = if !count {
        0
    } else {
        let mut r = std::io::BufReader::new(std::fs::File::open(p)?);
        let mut buf = [0u8; 64 * 1024];
        let mut n = 0;
        loop {
            let got = r.read(&mut buf)?;
            if got == 0 {
                break;
            }
            n += buf[..got].iter().filter(|&&b| b == b'\n').count();
        }
        n
    };
    let file = std::io::BufReader::new(std::fs::File::open(p)?);
    Ok((lines, records::read(file, format, fields.clone())?))
}

/// How a corpus file names its records' sources: its file name, so that the same corpus
/// ingested from another directory gives the same documents.
fn corpus_name(p: &Path) -> String {
    p.file_name()
        .map_or_else(|| source_of(p), |n| n.to_string_lossy().to_string())
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

pub fn is_html_path(p: &Path) -> bool {
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
pub fn source_of(p: &Path) -> String {
    let s = p.to_string_lossy().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Files to ingest below a path; directories are walked (symlink loops are not followed twice).
pub fn collect_files(p: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<usize> {
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
pub fn read_input(p: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    let name = source_of(p);
    let mut bytes = Vec::new();
    let too_large = || ReadError::TooLarge {
        name: name.clone(),
        max_bytes,
    };
    let io = |source| ReadError::Io {
        name: name.clone(),
        source,
    };
    let reader: Box<dyn Read> = if p.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        let file = std::fs::File::open(p).map_err(io)?;
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
        .map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(bytes)
}
