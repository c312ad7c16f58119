//! Golden tests for the named queries: a small store built in memory from a few of the sample
//! documents, every `.rq` in `queries/` run on it, and its rows compared with
//! `queries/NAME.expected.tsv`. A changed row fails the test. After a deliberate change,
//! `DIPLOGRAPH_BLESS=1 cargo test --test tests -- queries::` writes the files anew; review the
//! diff before committing it.

use crate::common::root;
use diplograph::extract::{self, Input};
use diplograph::query::{self, Format};
use diplograph::store::DiploStore;
use oxigraph::model::{Literal, Term};

/// A few sample documents: two editions of one dialogue series (linking, order), a ministers'
/// meeting of another series, a strategic dialogue and a spokesperson's briefing (statements).
const DOCUMENTS: &[&str] = &[
    "outcome-of-the-26th-asean-rok-dialogue.txt",
    "asean-rok-hold-27th-dialogue.txt",
    "the-12th-mekong-rok-foreign-ministers-meeting-in-phnom-penh.txt",
    "the-9th-rok-viet-nam-strategic-dialogue-in-hanoi.txt",
    "spokesperson-regular-briefing-excerpt-may-30-2024.txt",
];

/// Parameters for the queries that take them; the others run as they are.
const PARAMS: &[(&str, &[(&str, &str)])] = &[
    ("person-timeline", &[("name", "Kang")]),
    ("stances-on", &[("issue", "missile")]),
];

fn store() -> DiploStore {
    let mut store = DiploStore::memory().unwrap();
    for name in DOCUMENTS {
        let path = root().join("data/documents").join(name);
        let bytes = std::fs::read(&path).unwrap();
        let ex = extract::extract(&Input {
            bytes: &bytes,
            source: format!("data/documents/{name}"),
            html: name.ends_with(".html"),
            ..Input::default()
        })
        .unwrap();
        store.add_document(&ex).unwrap();
    }
    store.refresh_links().unwrap();
    store
}

#[test]
fn every_named_query_gives_its_expected_rows() {
    let bless = std::env::var_os("DIPLOGRAPH_BLESS").is_some_and(|v| v == "1");
    let store = store();
    let dir = root().join("queries");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            name.strip_suffix(".rq").map(str::to_string)
        })
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        query::NAMED.len(),
        "every .rq is a named query"
    );
    let mut failures = Vec::new();
    for name in &names {
        let text = std::fs::read_to_string(dir.join(format!("{name}.rq"))).unwrap();
        let params: Vec<(String, Term)> = PARAMS
            .iter()
            .filter(|(q, _)| q == name)
            .flat_map(|(_, ps)| ps.iter())
            .map(|(k, v)| (k.to_string(), Literal::new_simple_literal(*v).into()))
            .collect();
        let mut out = Vec::new();
        query::run(&store.store, &text, &params, None, Format::Tsv, &mut out)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = String::from_utf8(out).unwrap();
        let expected_path = dir.join(format!("{name}.expected.tsv"));
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let Ok(expected) = std::fs::read_to_string(&expected_path) else {
            failures.push(format!(
                "{name}: no {} (run with DIPLOGRAPH_BLESS=1 to write it)",
                expected_path.display()
            ));
            continue;
        };
        if got != expected {
            let (g, e): (Vec<&str>, Vec<&str>) =
                (got.lines().collect(), expected.lines().collect());
            let first = (0..g.len().max(e.len()))
                .find(|&i| g.get(i) != e.get(i))
                .unwrap_or(0);
            failures.push(format!(
                "{name}: line {} differs\n  expected: {:?}\n  got:      {:?}\n  ({} rows expected, {} got)",
                first + 1,
                e.get(first),
                g.get(first),
                e.len(),
                g.len()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(after a deliberate change: DIPLOGRAPH_BLESS=1 cargo test --test tests -- queries::)",
        failures.join("\n")
    );
}
