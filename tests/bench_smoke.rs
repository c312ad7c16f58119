//! A small run of `diplograph bench run` (a few hundred generated documents, no spaCy): the
//! table has every row and the numbers are sane. Timing targets are the benchmark's business,
//! not the tests'.

use crate::common::*;

#[test]
fn bench_run_prints_every_row() {
    let work = tempfile::tempdir().expect("temp dir");
    let report_path = work.path().join("BENCH.md");
    let out = ok(&[
        "bench",
        "run",
        "--docs",
        "60,120",
        "--skip-spacy",
        "--runs",
        "2",
        "--query-budget",
        "1",
        "--query-timeout",
        "10",
        "--work",
        &work.path().join("scratch").to_string_lossy(),
        "--out",
        &report_path.to_string_lossy(),
    ]);
    for row in [
        "ingest end to end, files kind",
        "floor: Oxigraph bulk load",
        "open the store",
        "extraction alone, 1 thread",
        "add one document to the open largest store",
        "add one document with `diplograph ingest`",
        "ingest quads/s ÷ floor quads/s",
        "ingest time per document at 120 ÷ at 60",
        "entity-centred named queries",
        "aggregate named queries",
        "listing named queries",
    ] {
        assert!(out.contains(row), "no row `{row}` in:\n{out}");
    }
    for q in [
        "documents",
        "person-timeline",
        "stances-on",
        "series",
        "conflicts",
    ] {
        assert!(
            out.contains(&format!("query `{q}`")),
            "no query row for {q}"
        );
    }
    // Both sizes were ingested, and every ingest row has positive rates and a peak RSS.
    let ingest: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("| ingest end to end"))
        .collect();
    assert_eq!(ingest.len(), 2, "{out}");
    for l in &ingest {
        let cells: Vec<&str> = l.split('|').map(str::trim).collect();
        let num = |i: usize| cells[i].parse::<f64>().unwrap_or(-1.0);
        assert!(
            num(3) > 0.0 && num(4) > 0.0 && num(6) > 0.0,
            "bad numbers: {l}"
        );
        assert!(num(7) > 1.0 && num(7) < 16384.0, "peak RSS not sane: {l}");
    }
    assert!(out.contains("spaCy") || out.contains("not measured"));
    let report = std::fs::read_to_string(&report_path).expect("report written");
    assert!(report.contains("<!-- bench:begin -->") && report.contains("Machine:"));
}
