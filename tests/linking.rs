//! Linking across dialogues: one node per meeting and person whatever the document calls
//! them, series in order, conflicts kept with their sources, and a graph that does not
//! depend on the order of ingest.

use crate::common::*;
use std::collections::BTreeSet;

const DIALOGUE: &str = "https://w3id.org/diplograph/id/meeting/asean-korea-dialogue/";

fn sample_store() -> TempStore {
    let s = TempStore::new();
    s.ingest(&[&root().join("data/documents")]);
    s
}

#[test]
fn one_meeting_is_one_node_with_every_report_of_it() {
    let s = sample_store();
    // The 27th is reported by the ministry, the ASEAN Secretariat, a news agency (which gives
    // no ordinal) and another ministry (which gives no ordinal either): one node, four sources.
    let rows = s.query(
        &format!(
            "SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g <https://schema.org/mentions> <{DIALOGUE}27> }} }}"
        ),
        &[],
    );
    assert_eq!(rows.len(), 4, "{rows:?}");
    // No dated duplicate of it is left.
    let dated = s.query(
        "SELECT DISTINCT ?m WHERE { ?m <https://schema.org/superEvent> <https://w3id.org/diplograph/id/series/asean-korea-dialogue> }",
        &[],
    );
    let meetings: BTreeSet<String> = dated.iter().map(|r| col(r, "m").to_string()).collect();
    assert_eq!(
        meetings,
        (25..=28)
            .map(|n| format!("{DIALOGUE}{n}"))
            .collect::<BTreeSet<_>>()
    );
    // The node gained the year the ministry's own release lacked.
    let series = s.query("series", &[]);
    let m27 = series
        .iter()
        .find(|r| col(r, "meeting") == format!("{DIALOGUE}27"))
        .unwrap();
    assert!(col(m27, "date").contains("2023-07-06"), "{m27:?}");
    assert_eq!(col(m27, "documents"), "4");
}

#[test]
fn consecutive_editions_of_a_series_are_linked() {
    let s = sample_store();
    let rows = s.query("series", &[]);
    for n in 26..=28 {
        let r = rows
            .iter()
            .find(|r| col(r, "meeting") == format!("{DIALOGUE}{n}"))
            .unwrap_or_else(|| panic!("edition {n} missing"));
        assert_eq!(col(r, "preceded_by"), format!("{DIALOGUE}{}", n - 1));
        assert_eq!(col(r, "series"), "ASEAN-ROK Dialogue");
    }
    let mekong: Vec<String> = rows
        .iter()
        .filter(|r| col(r, "series") == "Mekong-ROK Foreign Ministers' Meeting")
        .map(|r| col(r, "ordinal").to_string())
        .collect();
    assert_eq!(mekong, ["11", "12", "13", "14"]);
}

#[test]
fn a_recurring_official_is_one_person_with_every_post_and_date() {
    let s = sample_store();
    // Spelt "Kang Seo Yeon", "Kang Seo-yeon" and "Kang Seoyeon" across the documents.
    let rows = s.query("person-timeline", &["name=Kang Seo-yeon"]);
    let people: BTreeSet<&str> = rows.iter().map(|r| col(r, "person")).collect();
    assert_eq!(people.len(), 1, "{rows:?}");
    let posts: BTreeSet<&str> = rows.iter().map(|r| col(r, "post")).collect();
    assert!(
        posts.iter().any(|p| p.starts_with("Ambassador")),
        "{posts:?}"
    );
    assert!(
        posts.iter().any(|p| p.starts_with("Deputy Minister")),
        "{posts:?}"
    );
    assert!(
        posts.iter().any(|p| p.starts_with("First Vice")),
        "{posts:?}"
    );
    let dates: BTreeSet<&str> = rows.iter().map(|r| col(r, "date")).collect();
    assert!(
        dates.contains("2020-09-18") && dates.contains("2024-03-19"),
        "{dates:?}"
    );
}

#[test]
fn conflicting_dates_are_kept_with_their_sources() {
    let s = sample_store();
    let rows = s.query("conflicts", &[]);
    let dates: BTreeSet<(&str, &str)> = rows
        .iter()
        .filter(|r| col(r, "meeting") == format!("{DIALOGUE}28"))
        .map(|r| (col(r, "value"), col(r, "document")))
        .collect();
    let values: BTreeSet<&str> = dates.iter().map(|d| d.0).collect();
    assert_eq!(values, BTreeSet::from(["2024-06-05", "2024-06-06"]));
    let sources: BTreeSet<&str> = dates.iter().map(|d| d.1).collect();
    assert_eq!(sources.len(), 2, "each value has its own document");
}

/// The sample documents' paths, sorted.
fn sample_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(root().join("data/documents"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn ingest_order_does_not_change_the_graph() {
    let files = sample_files();
    let (first, second) = files.split_at(files.len() / 2);
    let dump = |batches: [&[std::path::PathBuf]; 2]| {
        let s = TempStore::new();
        for batch in batches {
            let refs: Vec<&std::path::Path> = batch.iter().map(|p| p.as_path()).collect();
            s.ingest(&refs);
        }
        let store = s.store();
        ok(&["--store", &store, "export", "--format", "nquads"])
    };
    let ab = dump([first, second]);
    let ba = dump([second, first]);
    assert!(ab.lines().count() > 10_000);
    assert!(ab == ba, "A then B differs from B then A");
}

#[test]
fn issue_trend_and_shared_issues_follow_the_record() {
    let s = sample_store();
    let trend = s.query("issue-trend", &[]);
    let covid: Vec<&str> = trend
        .iter()
        .filter(|r| col(r, "issue") == "COVID-19")
        .map(|r| col(r, "year"))
        .collect();
    assert!(covid.contains(&"2021"), "{covid:?}");
    let shared = s.query("shared-issues", &["a=26th ASEAN-ROK", "b=27th ASEAN-ROK"]);
    assert_eq!(shared.len(), 1, "{shared:?}");
    assert!(col(&shared[0], "issues").contains("supply chains"));
}

/// Invented readouts naming two people of one family name in several spellings.
const SPELLINGS: &[(&str, &str)] = &[
    (
        "a.txt",
        "Readout of President Hal Q. Verbeek, Jr.'s Call with Prime Minister Ossa Lind\n\n\
         President Hal Q. Verbeek, Jr. spoke today with Prime Minister Ossa Lind of Norway. \
         The leaders discussed energy security.",
    ),
    (
        "b.txt",
        "Readout of President Verbeek's Meeting with Chancellor Ida Brandt\n\n\
         President Hal Verbeek met today with Chancellor Ida Brandt of Germany in Washington. \
         President Verbeek welcomed the new trade agreement.",
    ),
    (
        "c.txt",
        "Readout of President Verbeek's Call with President Tomas Ruiz\n\n\
         President Verbeek spoke today with President Tomas Ruiz of Chile. \
         They discussed migration.",
    ),
    (
        "d.txt",
        "First Lady Mira Verbeek Visits Oslo\n\n\
         First Lady Mira Verbeek met today with Prime Minister Ossa Lind of Norway in Oslo. \
         The First Lady welcomed the reading programme.",
    ),
    (
        "e.txt",
        "Secretary Tom Alvarez's Call with Foreign Minister Kari Dahl\n\n\
         Secretary of State Thomas Alvarez spoke today with Foreign Minister Kari Dahl of Norway. \
         Secretary Alvarez condemned the attack on the embassy.",
    ),
    (
        "f.txt",
        "Secretary Alvarez Travels to Lima\n\n\
         Secretary of State Tom Alvarez met today with Foreign Minister Rosa Paz of Peru in Lima.",
    ),
];

/// The documents written to a temporary directory (kept while the first value lives), and
/// their paths in the same order.
fn written(docs: &[(&str, &str)]) -> (tempfile::TempDir, Vec<std::path::PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = docs
        .iter()
        .map(|(name, text)| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect();
    (dir, paths)
}

/// Each person IRI and every spelling the store gives it, for people whose name holds `word`.
fn spellings_of(s: &TempStore, word: &str) -> std::collections::BTreeMap<String, BTreeSet<String>> {
    let rows = s.query(
        "PREFIX schema: <https://schema.org/> SELECT ?p ?n WHERE { GRAPH ?g { ?p a schema:Person ; schema:name ?n } }",
        &[],
    );
    let mut out: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for r in rows.iter().filter(|r| col(r, "n").contains(word)) {
        out.entry(col(r, "p").to_string())
            .or_default()
            .insert(col(r, "n").to_string());
    }
    out
}

#[test]
fn spellings_of_one_person_are_one_node_and_namesakes_stay_apart() {
    let (_dir, paths) = written(SPELLINGS);
    let nodes = |order: &[usize]| {
        let s = TempStore::new();
        for &i in order {
            s.ingest(&[paths[i].as_path()]);
        }
        (spellings_of(&s, "Verbeek"), spellings_of(&s, "Alvarez"))
    };
    let (verbeek, alvarez) = nodes(&[0, 1, 2, 3, 4, 5]);
    // The President: initials, "Jr." and the family name alone are one person; the First
    // Lady, who shares the family name but not the post, is another.
    assert_eq!(verbeek.len(), 2, "{verbeek:?}");
    let president = verbeek
        .values()
        .find(|names| names.contains("Hal Verbeek"))
        .expect("the President");
    assert!(president.contains("Verbeek"), "{verbeek:?}");
    assert!(
        president.iter().any(|n| n.contains("Hal Q.")),
        "{verbeek:?}"
    );
    assert!(
        verbeek
            .values()
            .any(|n| n.contains("Mira Verbeek") && !n.contains("Hal Verbeek")),
        "{verbeek:?}"
    );
    // A hypocorism is the full given name.
    assert_eq!(alvarez.len(), 1, "{alvarez:?}");
    let secretary = alvarez.values().next().unwrap();
    assert!(
        secretary.contains("Tom Alvarez") && secretary.contains("Thomas Alvarez"),
        "{alvarez:?}"
    );
    // Any order of ingest gives the same nodes.
    assert_eq!(nodes(&[5, 4, 3, 2, 1, 0]), (verbeek, alvarez));
}

/// Each event no series names, with the documents that report it.
/// Short names in the shapes real documents use: a family name of two words, a family name
/// first without capitals, an initial for the given name.
const SHORT_NAMES: &[(&str, &str)] = &[
    (
        "a.txt",
        "Readout of Secretary Alvarez's Meeting with Mexican Foreign Minister Ana Lucia Soto Vidal\n\n\
         Secretary of State Thomas Alvarez met today with Foreign Minister Ana Lucia Soto Vidal of Mexico in Washington. They discussed migration.",
    ),
    (
        "b.txt",
        "Secretary Alvarez's Call with Foreign Minister Soto Vidal\n\n\
         Secretary Alvarez spoke today with Mexican Foreign Minister Soto Vidal. Foreign Minister Soto Vidal welcomed the border agreement.",
    ),
    (
        "c.txt",
        "Readout of Secretary Alvarez's Meeting with Japanese Foreign Minister Hiro Tanaka\n\n\
         Secretary of State Thomas Alvarez met today with Japanese Foreign Minister Hiro Tanaka in Tokyo. They discussed maritime security.",
    ),
    (
        "d.txt",
        "Japan-Norway Foreign Ministers' Meeting\n\n\
         On March 3, Foreign Minister Tanaka Hiro held a meeting with Foreign Minister Kari Dahl of Norway in Tokyo. The two ministers welcomed the new fisheries agreement.",
    ),
    (
        "e.txt",
        "Secretary Alvarez's Call with Nigerian Foreign Minister R. Okonkwo\n\n\
         Secretary Alvarez spoke today with Nigerian Foreign Minister R. Okonkwo. They discussed regional security.",
    ),
    (
        "f.txt",
        "Secretary Alvarez's Meeting with Nigerian Foreign Minister Ruth Okonkwo\n\n\
         Secretary of State Thomas Alvarez met today with Foreign Minister Ruth Okonkwo of Nigeria in Abuja. They welcomed the trade talks.",
    ),
];

#[test]
fn family_names_of_two_words_reversed_names_and_initials_find_their_person() {
    let (_dir, paths) = written(SHORT_NAMES);
    for order in [[0, 1, 2, 3, 4, 5], [5, 3, 1, 4, 2, 0]] {
        let s = TempStore::new();
        for i in order {
            s.ingest(&[paths[i].as_path()]);
        }
        for (word, full, short) in [
            ("Vidal", "Ana Lucia Soto Vidal", "Soto Vidal"),
            ("Tanaka", "Hiro Tanaka", "Tanaka Hiro"),
            ("Okonkwo", "Ruth Okonkwo", "R. Okonkwo"),
        ] {
            let nodes = spellings_of(&s, word);
            assert_eq!(nodes.len(), 1, "{order:?}: {nodes:?}");
            let names = nodes.values().next().unwrap();
            assert!(
                names.contains(full) && names.contains(short),
                "{order:?}: {nodes:?}"
            );
        }
    }
}

fn events_and_reports(s: &TempStore) -> Vec<(String, BTreeSet<String>)> {
    let rows = s.query(
        "PREFIX dg: <https://w3id.org/diplograph/ns#> SELECT ?e ?g WHERE { GRAPH ?g { ?e dg:kind ?k } }",
        &[],
    );
    let mut out: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for r in &rows {
        out.entry(col(r, "e").to_string())
            .or_default()
            .insert(col(r, "g").to_string());
    }
    out.into_iter().collect()
}

#[test]
fn reports_of_one_meeting_are_one_event_and_look_alikes_stay_apart() {
    let s = TempStore::new();
    // One meeting as two governments report it: one names a minister the other leaves out.
    ingest_dated(
        &s,
        "readout.txt",
        "Readout of President Sola's Meeting with Prime Minister Rui Vaz of Portugal\n\n\
         President Ana Sola met today with Prime Minister Rui Vaz of Portugal. \
         They discussed energy and fisheries.",
        "2023-04-12",
    );
    ingest_dated(
        &s,
        "other.txt",
        "Prime Minister Vaz Meets President Sola\n\n\
         Prime Minister Rui Vaz of Portugal met yesterday with President Ana Sola and Foreign \
         Minister Eva Lopes of Brazil in Brasilia. They discussed energy.",
        "2023-04-13",
    );
    // Two calls between the same two ministers on different days.
    ingest_dated(&s, "call1.txt", "Secretary Lea Holm's Call with Foreign Minister Ivo Vane of Peru\n\n\
         Secretary of State Lea Holm spoke today with Foreign Minister Ivo Vane of Peru about trade.", "2023-05-02");
    ingest_dated(&s, "call2.txt", "Secretary Lea Holm's Call with Foreign Minister Ivo Vane of Peru\n\n\
         Secretary of State Lea Holm spoke today with Foreign Minister Ivo Vane of Peru about fisheries.", "2023-05-20");
    // Two officials of one government meet one visitor on one day.
    ingest_dated(
        &s,
        "meet1.txt",
        "Secretary Holm's Meeting with Foreign Minister Ivo Vane of Peru\n\n\
         Secretary of State Lea Holm met today with Foreign Minister Ivo Vane of Peru.",
        "2023-06-07",
    );
    ingest_dated(
        &s,
        "meet2.txt",
        "Deputy Secretary Dov Ash's Meeting with Foreign Minister Ivo Vane of Peru\n\n\
         Deputy Secretary of State Dov Ash met today with Foreign Minister Ivo Vane of Peru.",
        "2023-06-07",
    );
    let events = events_and_reports(&s);
    let with = |who: &str| -> Vec<&(String, BTreeSet<String>)> {
        events.iter().filter(|(e, _)| e.contains(who)).collect()
    };
    let sola = with("rui-vaz");
    assert_eq!(sola.len(), 1, "{events:?}");
    assert_eq!(sola[0].1.len(), 2, "both reports: {events:?}");
    assert!(sola[0].0.ends_with("/2023-04-12"), "{events:?}");
    let calls: Vec<_> = with("ivo-vane")
        .into_iter()
        .filter(|(e, _)| e.contains("/event/call/"))
        .collect();
    assert_eq!(calls.len(), 2, "{events:?}");
    let meetings: Vec<_> = with("ivo-vane")
        .into_iter()
        .filter(|(e, _)| e.contains("/event/meeting/"))
        .collect();
    assert_eq!(meetings.len(), 2, "{events:?}");
}

#[test]
fn a_career_from_the_table_of_posts_joins_the_persons_timeline_and_namesakes_get_none() {
    let docs = [
        (
            "a.txt",
            "Secretary Blinken's Meeting with Foreign Minister Ossa Lind\n\n\
             WASHINGTON, May 3, 2022 — Secretary of State Antony J. Blinken met today with \
             Foreign Minister Ossa Lind of Norway. Secretary Blinken welcomed the new fisheries agreement.",
        ),
        (
            "b.txt",
            "Irish Foreign Minister Visits Oslo\n\n\
             OSLO, June 9, 2022 — Foreign Minister John Sherman of Ireland met today with \
             Foreign Minister Ossa Lind of Norway. They discussed energy security.",
        ),
    ];
    let (_dir, paths) = written(&docs);
    let s = TempStore::new();
    s.ingest(&paths.iter().map(|p| p.as_path()).collect::<Vec<_>>());
    let rows = s.query("person-timeline", &["name=Blinken"]);
    // The documents' post, and the career the table gives, each with its source.
    assert!(
        rows.iter()
            .any(|r| col(r, "post") == "Secretary of State" && col(r, "date") == "2022-05-03"),
        "{rows:?}"
    );
    let deputy = rows
        .iter()
        .find(|r| col(r, "post") == "Deputy Secretary of State")
        .unwrap_or_else(|| panic!("no earlier post: {rows:?}"));
    assert_eq!(col(deputy, "date"), "2015-01-09");
    assert_eq!(col(deputy, "until"), "2017-01-19");
    assert!(
        col(deputy, "document").starts_with("https://history.state.gov/departmenthistory/people/"),
        "{deputy:?}"
    );
    // A namesake of a nineteenth-century Secretary of State, of another state, gets no career.
    let rows = s.query("person-timeline", &["name=Sherman"]);
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| !col(r, "document").contains("history.state.gov")),
        "{rows:?}"
    );
}

/// Documents in which linking has work of every kind: the samples (series, dated meetings),
/// spellings and short names of people, and reports of one event.
fn linking_documents() -> Vec<(String, String)> {
    let mut docs: Vec<(String, String)> = sample_files()
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    for (name, text) in SPELLINGS.iter().chain(SHORT_NAMES) {
        docs.push((format!("people-{name}"), text.to_string()));
    }
    docs.push((
        "event-a.txt".into(),
        "Readout of President Sola's Meeting with Prime Minister Rui Vaz of Portugal\n\n\
         WASHINGTON, April 12, 2023 — President Ana Sola met today with Prime Minister Rui Vaz \
         of Portugal. They discussed energy."
            .into(),
    ));
    docs.push((
        "event-b.txt".into(),
        "Prime Minister Vaz Meets President Sola\n\n\
         LISBON, April 12, 2023 — Prime Minister Rui Vaz of Portugal met today with President \
         Ana Sola and Foreign Minister Eva Lopes of Brazil. They discussed energy."
            .into(),
    ));
    docs
}

#[test]
fn links_refreshed_for_what_documents_touch_are_the_links_of_the_whole_store() {
    use diplograph::extract::{self, Input};
    use diplograph::render::export;
    use diplograph::store::DiploStore;
    let dump = |s: &DiploStore| {
        let mut out = Vec::new();
        export::dump(&s.store, oxigraph::io::RdfFormat::NQuads, false, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    // Interleave the kinds, so that each document lands in a store that already holds
    // people, series and events it can be linked with.
    let mut docs = linking_documents();
    docs.sort_by_key(|(name, _)| name.chars().rev().collect::<String>());
    let mut incremental = DiploStore::memory().unwrap();
    let mut whole = DiploStore::memory().unwrap();
    for (name, text) in &docs {
        let ex = extract::extract(&Input {
            bytes: text.as_bytes(),
            source: name.clone(),
            html: name.ends_with(".html"),
            ..Input::default()
        })
        .unwrap();
        incremental.add_document(&ex).unwrap();
        incremental.refresh_links().unwrap();
        whole.add_document(&ex).unwrap();
        whole.refresh_all_links().unwrap();
        assert!(dump(&incremental) == dump(&whole), "after {name}");
    }
}

#[test]
fn documents_added_one_at_a_time_give_the_graph_of_one_ingest() {
    let docs = linking_documents();
    let (_dir, paths) = written(
        &docs
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect::<Vec<_>>(),
    );
    let export = |s: &TempStore| ok(&["--store", &s.store(), "export", "--format", "nquads"]);
    let at_once = TempStore::new();
    at_once.ingest(&paths.iter().map(|p| p.as_path()).collect::<Vec<_>>());
    let one_by_one = TempStore::new();
    for p in &paths {
        one_by_one.ingest(&[p.as_path()]);
    }
    let (a, b) = (export(&at_once), export(&one_by_one));
    assert!(a.lines().count() > 10_000);
    assert!(a == b, "one at a time differs from all at once");
}
