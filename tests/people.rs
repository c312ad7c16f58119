//! Floors for people on the real development sets beside the repository (`../shared`): a
//! later change cannot quietly lose them. Raise a floor as the figures improve.

use crate::common::{ok, root};
use std::path::PathBuf;

/// The shared corpus directory, where CI and a developer's machine lay it.
fn shared() -> Option<PathBuf> {
    ["../shared/corpus", "../../shared/corpus"]
        .iter()
        .map(|p| root().join(p))
        .find(|p| p.join("us-readouts/readouts.jsonl").exists())
}

/// The last column (F1, or the share right) of a score table's row.
fn last(table: &str, kind: &str) -> f64 {
    table
        .lines()
        .find(|l| {
            l.strip_prefix(kind)
                .is_some_and(|r| r.starts_with(' ') && r.trim_start().starts_with(char::is_numeric))
        })
        .unwrap_or_else(|| panic!("no row {kind} in\n{table}"))
        .split_whitespace()
        .last()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no figure in row {kind} of\n{table}"))
}

#[test]
fn people_on_the_real_development_sets_stay_above_their_floors() {
    let Some(corpus) = shared() else {
        eprintln!("no shared corpus beside the repository: floors not checked");
        return;
    };
    let score = |documents: &str, gold: &str| {
        ok(&[
            "score",
            "--documents",
            corpus.join(documents).to_str().unwrap(),
            "--gold",
            corpus.join(gold).to_str().unwrap(),
        ])
    };
    let readouts = score("us-readouts/readouts.jsonl", "us-readouts/dev-gold");
    for (kind, floor) in [
        ("people", 0.93),
        ("people states", 0.84),
        ("participants", 0.78),
    ] {
        let got = last(&readouts, kind);
        assert!(got >= floor, "readouts {kind} {got} < {floor}\n{readouts}");
    }
    let world = score("world-dev/documents", "world-dev/gold");
    let got = last(&world, "people");
    assert!(got >= 0.82, "world-dev people {got} < 0.82\n{world}");
}
