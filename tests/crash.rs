//! Crashes and concurrent use lose nothing: an ingest killed with SIGKILL at random moments
//! leaves a store that opens with every document whole or absent, and a rerun finishes the job
//! with the same store an uninterrupted ingest makes; a second writer is refused at once;
//! readers during an ingest see each document before or after, never between.
//!
//! Sizes come from the environment so CI stays quick and a soak can go long:
//! `DIPLOGRAPH_CRASH_DOCS` (documents, default 120), `DIPLOGRAPH_CRASH_KILLS` (kills, default
//! 12), `DIPLOGRAPH_CRASH_SEED` (default 7).

use crate::common::*;
use diplograph::extract::{self, Input};
use diplograph::{rdf, store};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small seeded generator (xorshift), so a failing run can be replayed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const STATES: &[&str] = &[
    "Viet Nam",
    "Indonesia",
    "Malaysia",
    "the Philippines",
    "Thailand",
    "Singapore",
    "Cambodia",
    "the Republic of Korea",
    "Japan",
    "Australia",
];
const CITIES: &[&str] = &[
    "JAKARTA",
    "SEOUL",
    "MANILA",
    "HANOI",
    "BANGKOK",
    "SINGAPORE",
    "PHNOM PENH",
];
const SERIES: &[&str] = &[
    "ASEAN-Republic of Korea (ROK) Dialogue",
    "ASEAN-Japan Forum",
    "ASEAN-Australia Dialogue",
    "ASEAN Regional Forum Senior Officials' Meeting",
    "ASEAN-ROK Joint Cooperation Committee Meeting",
];
const FIRST: &[&str] = &["Tran", "Kang", "Maria", "Ahmad", "Somchai", "Lee", "Siti"];
const LAST: &[&str] = &[
    "Minh Khoa",
    "Seoyeon",
    "Santos",
    "Faisal",
    "Wong",
    "Hyun-woo",
];
const POSTS: &[&str] = &[
    "Deputy Minister of Foreign Affairs",
    "Permanent Secretary",
    "Director-General for ASEAN Affairs",
    "Ambassador",
];
const TOPICS: &[&str] = &[
    "the South China Sea",
    "Myanmar",
    "the Korean Peninsula",
    "maritime cooperation",
    "food security",
    "the digital economy",
    "climate change",
];
const MONTHS: &[&str] = &["March", "May", "July", "October", "December"];

/// One press release about one meeting, varied by the seed and the version.
pub fn document(rng: &mut Rng, i: usize, version: usize) -> String {
    let city = rng.pick(CITIES);
    let series = rng.pick(SERIES);
    let day = 1 + rng.below(27);
    let month = rng.pick(MONTHS);
    let year = 2015 + rng.below(10);
    let ordinal = 10 + (i % 40);
    let (a, b) = (rng.pick(STATES), rng.pick(STATES));
    let chair1 = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let chair2 = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let (p1, p2) = (rng.pick(POSTS), rng.pick(POSTS));
    let (t1, t2) = (rng.pick(TOPICS), rng.pick(TOPICS));
    let suffix = if ordinal % 10 == 1 && ordinal != 11 {
        "st"
    } else if ordinal % 10 == 2 && ordinal != 12 {
        "nd"
    } else if ordinal % 10 == 3 && ordinal != 13 {
        "rd"
    } else {
        "th"
    };
    let extra = if version > 0 {
        format!("\n\nUpdate {version}: {a} reaffirmed its support for the outcome.\n")
    } else {
        String::new()
    };
    format!(
        "Outcome of the {ordinal}{suffix} {series}\n\n{city}, {day} {month} {year} – The {ordinal}{suffix} {series} was held today.\n\nThe meeting was co-chaired by {chair1}, {p1} of {a}, and {chair2}, {p2} of {b}.\n\n{a} welcomed the progress on {t1}. {b} expressed concern over {t2}. Both sides agreed to strengthen cooperation on {t1}.\n\nThe next meeting will be held in {year2}.{extra}",
        year2 = year + 1
    )
}

/// Write `n` documents into `dir` (file i holds version `versions[i]`).
pub fn write_docs(dir: &Path, n: usize, seed: u64, version_of: impl Fn(usize) -> usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let v = version_of(i);
        let mut rng = Rng::new(seed * 1000 + i as u64);
        let text = document(&mut rng, i, v);
        let name = match i % 3 {
            0 => format!("doc-{i:04}.txt"),
            1 => format!("doc-{i:04}.md"),
            _ => format!("doc-{i:04}.html"),
        };
        let bytes = if name.ends_with(".html") {
            let body: String = text
                .split("\n\n")
                .map(|p| format!("<p>{p}</p>\n"))
                .collect();
            format!(
                "<html><head><title>Doc {i}</title></head><body><main>{body}</main></body></html>"
            )
        } else {
            text
        };
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// For every file in `dir` as it is now: graph file name → exact N-Quads bytes the store must
/// hold for it (what `diplograph extract --format nquads` prints for the file).
pub fn expected_graphs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        let (key, nq) = expected_graph(&Input {
            bytes: &bytes,
            source: p.to_string_lossy().to_string(),
            html: p.extension().is_some_and(|x| x == "html"),
            ..Input::default()
        });
        out.insert(key, nq);
    }
    out
}

/// The graph file name and exact N-Quads bytes the store must hold for one input.
fn expected_graph(input: &Input) -> (String, Vec<u8>) {
    let ex = extract::extract(input).unwrap();
    let key = rdf::document_iri(&ex.content_hash)
        .as_str()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    (
        format!("{key}.nq"),
        store::nquads(&rdf::document_quads(&ex)).unwrap(),
    )
}

fn ingest_cmd(store: &str, dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_diplograph"));
    c.args(["--store", store, "ingest", "--quiet", dir.to_str().unwrap()])
        .stdin(Stdio::null());
    c
}

fn dump(store: &str) -> String {
    ok(&["--store", store, "export", "--format", "nquads"])
}

fn count_quads(nq: &[u8]) -> usize {
    oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
        .for_slice(nq)
        .collect::<Result<Vec<_>, _>>()
        .expect("valid N-Quads")
        .len()
}

/// Quads per document graph, as a reader of the store sees them.
fn graph_counts(store: &str) -> Result<BTreeMap<String, usize>, String> {
    let out = run(&[
        "--store",
        store,
        "query",
        "--format",
        "json",
        "--sparql",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), '/doc/')) } GROUP BY ?g",
    ]);
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).to_string());
    }
    Ok(rows(&String::from_utf8_lossy(&out.stdout))
        .iter()
        .map(|r| {
            (
                format!("{}.nq", col(r, "g").rsplit('/').next().unwrap()),
                col(r, "n").parse().unwrap(),
            )
        })
        .collect())
}

/// Sources held by more than one document graph (a half-done replacement).
fn duplicated_sources(store: &str) -> usize {
    let out = ok(&[
        "--store",
        store,
        "query",
        "--format",
        "json",
        "--sparql",
        "SELECT ?s WHERE { GRAPH ?g { ?g <https://w3id.org/diplograph/ns#source> ?s } } GROUP BY ?s HAVING (COUNT(DISTINCT ?g) > 1)",
    ]);
    rows(&out).len()
}

/// What a store directory looks like after a kill: it opens, every graph file is valid
/// N-Quads and exactly the graph of one input document, every document a reader sees is whole.
fn check_after_kill(
    store_dir: &Path,
    expected: &BTreeMap<String, Vec<u8>>,
    old: &BTreeSet<String>,
) {
    let store = store_dir.to_string_lossy().to_string();
    let stats = run(&["--store", &store, "stats"]);
    assert!(
        stats.status.success(),
        "stats after a kill: {}",
        String::from_utf8_lossy(&stats.stderr)
    );
    for e in std::fs::read_dir(store_dir.join("graphs")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".nq") || name.starts_with('.') {
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        count_quads(&bytes);
        if let Some(want) = expected.get(&name) {
            assert!(bytes == *want, "{name} is not the whole document");
        } else {
            assert!(old.contains(&name), "{name} is no document of this run");
        }
    }
    let counts = graph_counts(&store).expect("query after a kill");
    for (g, n) in &counts {
        if let Some(want) = expected.get(g) {
            assert_eq!(*n, count_quads(want), "{g}: a half document");
        }
    }
    assert_eq!(duplicated_sources(&store), 0, "two versions of one source");
}

fn kill(child: &mut Child) {
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
}

#[test]
fn sigkill_at_random_moments_loses_nothing_and_a_rerun_finishes_the_job() {
    let n = env_or("DIPLOGRAPH_CRASH_DOCS", 120) as usize;
    let kills = env_or("DIPLOGRAPH_CRASH_KILLS", 12);
    let seed = env_or("DIPLOGRAPH_CRASH_SEED", 7);
    let t = TempStore::new();
    let docs = t.path().join("docs");
    // Version 0 of everything is ingested first; then a third of the files change, so the
    // killed ingests both add new documents and replace old versions of sources.
    write_docs(&docs, n, seed, |_| 0);
    let old: BTreeSet<String> = expected_graphs(&docs).into_keys().collect();
    let reference = t.path().join("reference").to_string_lossy().to_string();
    let crashed = t.path().join("crashed");
    let crashed_s = crashed.to_string_lossy().to_string();
    for s in [&reference, &crashed_s] {
        let o = ingest_cmd(s, &docs).output().unwrap();
        assert!(o.status.success());
    }
    write_docs(&docs, n, seed, |i| usize::from(i % 3 == 0));
    for i in (0..n).filter(|i| i % 7 == 0) {
        // and some are new sources altogether
        let p = docs.join(format!("new-{i:04}.txt"));
        std::fs::write(p, document(&mut Rng::new(seed + 99 + i as u64), i, 2)).unwrap();
    }
    let expected = expected_graphs(&docs);
    let started = Instant::now();
    let o = ingest_cmd(&reference, &docs).output().unwrap();
    assert!(o.status.success());
    let full = started.elapsed();
    let want = dump(&reference);

    let mut rng = Rng::new(seed);
    // Reruns skip what is already stored, so they are quicker than the first full ingest.
    let window = full.as_millis() as u64 * 6 / 10 + 1;
    let mut completed_early = 0;
    for _ in 0..kills {
        let delay = Duration::from_millis(rng.below(window));
        let mut child = ingest_cmd(&crashed_s, &docs)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_some() {
            completed_early += 1;
        }
        kill(&mut child);
        check_after_kill(&crashed, &expected, &old);
    }
    eprintln!(
        "{kills} kills over a {full:?} ingest of {} files; {completed_early} runs ended before their kill",
        expected.len()
    );
    let o = ingest_cmd(&crashed_s, &docs).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        dump(&crashed_s) == want,
        "the rerun differs from an uninterrupted ingest"
    );
    // Nothing left behind: no temp files, no replacement intents, no superseded graphs.
    let mut left: Vec<String> = std::fs::read_dir(crashed.join("graphs"))
        .unwrap()
        .chain(std::fs::read_dir(&crashed).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".tmp") || n.ends_with(".replaces"))
        .collect();
    left.sort();
    assert!(left.is_empty(), "left behind: {left:?}");
    let files = std::fs::read_dir(crashed.join("graphs")).unwrap().count();
    assert_eq!(files, expected.len());
}

/// The graph a document read from stdin becomes, keyed like `expected_graphs`.
fn expected_stdin_graph(bytes: &[u8]) -> (String, Vec<u8>) {
    expected_graph(&Input {
        bytes,
        source: format!("stdin:{}", &extract::content_hash(bytes)[..12]),
        ..Input::default()
    })
}

/// An ingest of `dir` and then of stdin, which stays open until the test writes to it: the
/// writer holds the store's lock, with the documents of the directory's earlier batches
/// committed, for as long as the test needs, whatever the speed of the machine.
fn held_ingest(store: &str, dir: &Path, quiet: bool) -> Child {
    let mut args = vec!["--store", store, "ingest"];
    if quiet {
        args.push("--quiet");
    }
    args.extend([dir.to_str().unwrap(), "-"]);
    Command::new(env!("CARGO_BIN_EXE_diplograph"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(if quiet { Stdio::null() } else { Stdio::piped() })
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Let a held ingest finish: give it its stdin document and close the pipe.
fn release(child: &mut Child, text: &str) {
    use std::io::Write;
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(text.as_bytes()).unwrap();
}

#[test]
fn a_second_writer_is_refused_at_once_while_the_first_runs() {
    let t = TempStore::new();
    let docs = t.path().join("docs");
    // More than one extraction batch (128), so lines are printed before stdin is reached.
    write_docs(&docs, 200, 3, |_| 0);
    let store = t.store();
    let mut first = held_ingest(&store, &docs, false);
    // The first document line means the first writer holds the lock.
    let mut lines = BufReader::new(first.stdout.take().unwrap()).lines();
    lines.next().unwrap().unwrap();
    let started = Instant::now();
    let second = run(&["--store", &store, "ingest", docs.to_str().unwrap()]);
    let waited = started.elapsed();
    assert!(
        first.try_wait().unwrap().is_none(),
        "the first writer ended while its stdin was open"
    );
    assert_eq!(second.status.code(), Some(2));
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(
        err.contains("is locked by another diplograph process"),
        "{err}"
    );
    assert!(waited < Duration::from_secs(5), "refused after {waited:?}");
    release(
        &mut first,
        "The Foreign Minister of Chile met the Foreign Minister of Peru in Lima.",
    );
    for _ in lines {}
    assert!(first.wait().unwrap().success());
    // and once the first is done, the store is free again
    ok(&["--store", &store, "ingest", docs.to_str().unwrap()]);
}

#[test]
fn readers_during_an_ingest_see_whole_documents_only() {
    let t = TempStore::new();
    let docs = t.path().join("docs");
    let n = 100;
    write_docs(&docs, n, 5, |_| 0);
    let store = t.store();
    ok(&[
        "--store",
        &store,
        "ingest",
        "--quiet",
        docs.to_str().unwrap(),
    ]);
    let mut expected = expected_graphs(&docs);
    write_docs(&docs, n, 5, |i| usize::from(i % 2 == 0));
    // Several extraction batches of new sources, so reads can fall between commits.
    for i in 0..3 * n {
        let p = docs.join(format!("new-{i:04}.txt"));
        std::fs::write(p, document(&mut Rng::new(500 + i as u64), i, 3)).unwrap();
    }
    expected.extend(expected_graphs(&docs));
    let last = document(&mut Rng::new(4242), 4242, 1);
    let (key, nq) = expected_stdin_graph(last.as_bytes());
    expected.insert(key, nq);
    let sources_before = n;
    let mut child = held_ingest(&store, &docs, true);
    let mut reads = 0;
    let mut reads_while_held = 0;
    let mut seen_counts = BTreeSet::new();
    loop {
        let done = child.try_wait().unwrap().is_some();
        let counts = graph_counts(&store).expect("a query during an ingest");
        for (g, c) in &counts {
            let want = expected
                .get(g)
                .unwrap_or_else(|| panic!("unknown graph {g}"));
            assert_eq!(*c, count_quads(want), "{g} seen half-written");
        }
        // Every source is there once: replaced ones in their old or new version, never both
        // and never neither.
        assert_eq!(duplicated_sources(&store), 0);
        assert!(
            counts.len() >= sources_before,
            "a document vanished mid-replacement"
        );
        seen_counts.insert(counts.len());
        reads += 1;
        if done {
            break;
        }
        if child.stdin.is_some() {
            reads_while_held += 1;
            // Three reads with the writer alive, then let it finish while reads go on.
            if reads_while_held == 3 {
                release(&mut child, &last);
            }
        }
    }
    assert!(child.wait().unwrap().success());
    eprintln!("{reads} reads during the ingest saw {seen_counts:?} documents");
    assert_eq!(reads_while_held, 3);
    // The last read is after the ingest: every document, the one from stdin too.
    assert_eq!(
        graph_counts(&store).unwrap().len(),
        expected.len() - n / 2,
        "replaced versions gone, new ones and stdin's present"
    );
}
