//! Ingest results do not depend on `--jobs`: the same inputs give the same per-document lines
//! and the same N-Quads dump, triple for triple, with one extraction thread or several.

use crate::common::*;

fn ingest_with(jobs: &str, inputs: &[&str]) -> (TempStore, String) {
    let s = TempStore::new();
    let store = s.store();
    let mut args = vec!["--store", &store, "ingest", "--jobs", jobs];
    args.extend_from_slice(inputs);
    let out = ok(&args);
    // The summary line carries the elapsed time; everything before it must match.
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with("ingested "))
        .collect();
    (s, lines.join("\n"))
}

fn dump(s: &TempStore) -> Vec<String> {
    let store = s.store();
    let out = ok(&["--store", &store, "export", "--format", "nquads"]);
    let mut lines: Vec<String> = out.lines().map(str::to_string).collect();
    lines.sort();
    lines
}

#[test]
fn jobs_1_and_jobs_2_give_the_same_store() {
    let corpus = tempfile::tempdir().expect("temp dir");
    let dir = corpus.path().join("generated");
    let dir_s = dir.to_string_lossy().to_string();
    ok(&["bench", "generate", "--docs", "150", "--seed", "11", &dir_s]);
    let inputs = [dir_s.as_str(), "data/documents"];
    let (one, lines_one) = ingest_with("1", &inputs);
    let (two, lines_two) = ingest_with("2", &inputs);
    assert_eq!(lines_one, lines_two, "per-document lines differ");
    assert!(lines_one.lines().count() >= 171);
    let (a, b) = (dump(&one), dump(&two));
    assert!(a.len() > 1000, "the dump has quads");
    assert_eq!(
        a, b,
        "the N-Quads dumps differ between --jobs 1 and --jobs 2"
    );
}

#[test]
fn generate_is_deterministic_for_a_seed() {
    let t = tempfile::tempdir().expect("temp dir");
    let (a, b) = (t.path().join("a"), t.path().join("b"));
    for d in [&a, &b] {
        ok(&[
            "bench",
            "generate",
            "--docs",
            "40",
            "--seed",
            "5",
            &d.to_string_lossy(),
        ]);
    }
    let files = |d: &std::path::Path| {
        let mut v = Vec::new();
        for sub in std::fs::read_dir(d).unwrap() {
            for f in std::fs::read_dir(sub.unwrap().path()).unwrap() {
                let p = f.unwrap().path();
                v.push((
                    p.strip_prefix(d).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
        v.sort();
        v
    };
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa.len(), 40);
    assert_eq!(fa, fb);
    assert!(fa
        .iter()
        .any(|(p, _)| p.extension().is_some_and(|e| e == "html")));
}
