//! Helpers shared by the integration tests: run the binary, make stores, read query results.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where data/ and queries/ are).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample(name: &str) -> PathBuf {
    root().join("data/documents").join(name)
}

pub const SEED: &str = "outcome-of-the-26th-asean-rok-dialogue.txt";

/// Run the binary with arguments; stdin is empty.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_diplograph"))
        .args(args)
        .current_dir(root())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the diplograph binary runs")
}

/// Run and require success; returns stdout.
pub fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "diplograph {args:?} failed ({:?}):\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// A store directory that disappears after the test.
pub struct TempStore {
    pub dir: tempfile::TempDir,
}

impl TempStore {
    pub fn new() -> Self {
        TempStore {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn store(&self) -> String {
        self.dir.path().join("store").to_string_lossy().to_string()
    }

    /// Ingest paths; returns stdout.
    pub fn ingest(&self, paths: &[&Path]) -> String {
        let store = self.store();
        let mut args: Vec<String> = vec!["--store".into(), store, "ingest".into()];
        args.extend(paths.iter().map(|p| p.to_string_lossy().to_string()));
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        ok(&refs)
    }

    /// Run a query (name, file or --sparql) with parameters; rows as column → value maps.
    pub fn query(&self, query: &str, params: &[&str]) -> Vec<BTreeMap<String, String>> {
        let store = self.store();
        let mut args: Vec<&str> = vec!["--store", &store, "query", "--format", "json"];
        if query.trim_start().starts_with("SELECT") || query.contains('{') {
            args.push("--sparql");
        }
        args.push(query);
        for p in params {
            args.push("--param");
            args.push(p);
        }
        rows(&ok(&args))
    }

    /// The query's column names, in order.
    pub fn columns(&self, query: &str) -> Vec<String> {
        let store = self.store();
        let out = ok(&["--store", &store, "query", "--format", "json", query]);
        let v: serde_json::Value = serde_json::from_str(&out).expect("JSON results");
        v["head"]["vars"]
            .as_array()
            .expect("vars")
            .iter()
            .map(|x| x.as_str().unwrap_or("").to_string())
            .collect()
    }
}

/// SPARQL JSON results to rows of column → value (IRIs and literals as their strings).
pub fn rows(json: &str) -> Vec<BTreeMap<String, String>> {
    let v: serde_json::Value = serde_json::from_str(json).expect("SPARQL JSON results");
    v["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|b| {
            b.as_object()
                .expect("binding object")
                .iter()
                .map(|(k, v)| (k.clone(), v["value"].as_str().unwrap_or("").to_string()))
                .collect()
        })
        .collect()
}

/// The value of a column in a row, or "".
pub fn col<'a>(row: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    row.get(name).map(String::as_str).unwrap_or("")
}

/// Write `text` as `name` in the store's temp directory and ingest it with a publication date.
pub fn ingest_dated(s: &TempStore, name: &str, text: &str, date: &str) {
    let path = s.path().join(name);
    std::fs::write(&path, text).expect("write sample");
    let store = s.store();
    ok(&[
        "--store",
        &store,
        "ingest",
        "--date",
        date,
        &path.to_string_lossy(),
    ]);
}

/// Each document graph's text (`schema:text`), by graph IRI.
pub fn doc_texts(s: &TempStore) -> BTreeMap<String, String> {
    s.query(
        "SELECT ?g ?t WHERE { GRAPH ?g { ?g <https://schema.org/text> ?t } }",
        &[],
    )
    .into_iter()
    .map(|r| (col(&r, "g").to_string(), col(&r, "t").to_string()))
    .collect()
}
