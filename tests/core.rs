//! The core pipeline: a press release becomes a queryable knowledge graph, through the CLI
//! and the named queries, with bad input refused on one line and the store kept whole.

use crate::common::*;
use std::io::Write;
use std::process::{Command, Stdio};

fn seed_store() -> TempStore {
    let s = TempStore::new();
    s.ingest(&[&sample(SEED)]);
    s
}

#[test]
fn seed_meeting_is_the_26th_asean_rok_dialogue_on_a_partial_date_in_seoul() {
    let s = seed_store();
    let rows = s.query("meetings", &[]);
    let m = rows
        .iter()
        .find(|r| col(r, "ordinal") == "26")
        .expect("the 26th meeting is found");
    assert_eq!(col(m, "name"), "26th ASEAN-ROK Dialogue");
    assert_eq!(col(m, "series"), "ASEAN-ROK Dialogue");
    assert_eq!(col(m, "date"), "--07-01");
    assert_eq!(col(m, "location"), "Seoul");
    assert_eq!(col(m, "format"), "in person");
    // The date stays partial: a gMonthDay, not a guessed year.
    let typed = s.query(
        "SELECT ?d WHERE { ?m <https://w3id.org/diplograph/ns#ordinal> 26 ; <https://schema.org/startDate> ?d FILTER(DATATYPE(?d) = <http://www.w3.org/2001/XMLSchema#gMonthDay>) }",
        &[],
    );
    assert_eq!(typed.len(), 1);
}

#[test]
fn seed_co_chairs_have_post_ministry_and_state() {
    let s = seed_store();
    let rows = s.query("participants", &[]);
    let yeo = rows
        .iter()
        .find(|r| col(r, "name") == "Yeo Seung-bae")
        .expect("Yeo");
    assert_eq!(col(yeo, "role"), "co-chair");
    assert_eq!(col(yeo, "post"), "Deputy Minister for Political Affairs");
    assert_eq!(col(yeo, "organization"), "Ministry of Foreign Affairs");
    assert_eq!(col(yeo, "state"), "Republic of Korea");
    assert_eq!(col(yeo, "iso3"), "KOR");
    let vu = rows
        .iter()
        .find(|r| col(r, "name") == "Vu Ho")
        .expect("Vu Ho");
    assert_eq!(col(vu, "role"), "co-chair");
    assert_eq!(
        col(vu, "post"),
        "Acting Leader of ASEAN Senior Officials' Meeting"
    );
    assert_eq!(col(vu, "organization"), "Ministry of Foreign Affairs");
    assert_eq!(col(vu, "iso3"), "VNM");
    // The unnamed Deputy Secretary-General still attends, as a post.
    assert!(rows.iter().any(
        |r| col(r, "name").starts_with("Deputy Secretary-General of ASEAN")
            && col(r, "role") == "attendee"
    ));
}

#[test]
fn seed_states_mechanisms_and_issues() {
    let s = seed_store();
    let states: Vec<String> = s
        .query("states", &[])
        .iter()
        .map(|r| col(r, "iso3").to_string())
        .collect();
    for iso in ["KOR", "VNM", "PRK", "MMR", "UKR"] {
        assert!(
            states.contains(&iso.to_string()),
            "missing state {iso}: {states:?}"
        );
    }
    let mechs: Vec<String> = s
        .query("mechanisms", &[])
        .iter()
        .map(|r| format!("{} / {}", col(r, "label"), col(r, "acronym")))
        .collect();
    for needle in [
        "ASEAN",
        "ASEAN Senior Officials' Meeting",
        "IPEF",
        "Mekong-ROK",
        "BIMP-EAGA-ROK",
        "ASEAN Regional Forum",
        "Security Council",
    ] {
        assert!(
            mechs.iter().any(|m| m.contains(needle)),
            "missing mechanism {needle}: {mechs:?}"
        );
    }
    let issues: Vec<String> = s
        .query("issues", &[])
        .iter()
        .map(|r| col(r, "issue").to_string())
        .collect();
    for id in [
        "supply-chains",
        "covid-19",
        "dprk-missile-launches",
        "south-china-sea",
        "situation-in-myanmar",
        "war-in-ukraine",
    ] {
        assert!(
            issues.iter().any(|i| i.ends_with(&format!("/{id}"))),
            "missing issue {id}: {issues:?}"
        );
    }
}

#[test]
fn named_queries_keep_their_column_contract() {
    let s = seed_store();
    let expect: &[(&str, &[&str])] = &[
        (
            "documents",
            &["document", "title", "source", "date", "publisher", "url"],
        ),
        (
            "meetings",
            &[
                "meeting", "name", "kind", "series", "ordinal", "date", "location", "format",
                "document",
            ],
        ),
        (
            "participants",
            &[
                "meeting",
                "person",
                "name",
                "role",
                "post",
                "organization",
                "state",
                "document",
            ],
        ),
        (
            "contacts",
            &[
                "event", "kind", "date", "format", "location", "a", "a_name", "b", "b_name",
                "document",
            ],
        ),
        ("states", &["document", "state", "label", "iso3"]),
        ("mechanisms", &["document", "mechanism", "label"]),
        ("issues", &["document", "issue", "label"]),
        (
            "statements",
            &[
                "document",
                "statement",
                "speaker",
                "stance",
                "cameo",
                "about",
                "addressee",
                "polarity",
                "modality",
                "evidence",
            ],
        ),
        (
            "series",
            &[
                "series",
                "meeting",
                "ordinal",
                "date",
                "location",
                "preceded_by",
            ],
        ),
        ("issue-trend", &["issue", "year", "meetings", "documents"]),
    ];
    for (name, cols) in expect {
        let got = s.columns(name);
        assert_eq!(&got[..cols.len()], *cols, "columns of {name}");
    }
    let listed = ok(&["queries"]);
    for (name, _) in expect {
        assert!(
            listed.lines().any(|l| l.starts_with(name)),
            "{name} not listed"
        );
    }
}

#[test]
fn reingesting_the_same_content_changes_nothing_and_a_new_version_replaces_the_old() {
    let s = TempStore::new();
    let doc = s.path().join("release.txt");
    std::fs::copy(sample(SEED), &doc).unwrap();
    s.ingest(&[&doc]);
    let store = s.store();
    let before = ok(&["--store", &store, "stats"]);
    let again = s.ingest(&[&doc]);
    assert!(again.contains("1 unchanged"), "{again}");
    assert_eq!(ok(&["--store", &store, "stats"]), before);
    // A new version of the same file replaces the old graph.
    let text = std::fs::read_to_string(&doc)
        .unwrap()
        .replace("July 1", "July 2");
    std::fs::write(&doc, text).unwrap();
    let replaced = s.ingest(&[&doc]);
    assert!(replaced.contains("1 replaced"), "{replaced}");
    let docs = s.query("documents", &[]);
    assert_eq!(docs.len(), 1);
    let dates: Vec<String> = s
        .query("meetings", &[])
        .iter()
        .filter(|r| col(r, "ordinal") == "26")
        .map(|r| col(r, "date").to_string())
        .collect();
    assert_eq!(dates, ["--07-02"]);
}

#[test]
fn the_store_survives_a_reopen_with_every_quad() {
    let s = TempStore::new();
    s.ingest(&[&root().join("data/documents")]);
    let store = s.store();
    let stats = ok(&["--store", &store, "stats"]);
    assert!(stats.contains("documents            21"), "{stats}");
    // In the default store each document graph is its own N-Quads file.
    if !cfg!(feature = "rocksdb") {
        let files = std::fs::read_dir(s.path().join("store/graphs"))
            .unwrap()
            .count();
        assert_eq!(files, 21);
    }
    assert_eq!(ok(&["--store", &store, "stats"]), stats);
}

#[test]
fn bad_files_get_one_line_each_and_the_good_ones_are_still_ingested() {
    let s = TempStore::new();
    let dir = s.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("binary.txt"), b"\x00\x01\x02PNG").unwrap();
    std::fs::write(dir.join("latin1.txt"), b"Caf\xe9 meeting").unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::copy(sample(SEED), dir.join("good.txt")).unwrap();
    let store = s.store();
    let missing = s.path().join("no-such-file.txt");
    let out = run(&[
        "--store",
        &store,
        "ingest",
        dir.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "some input failed");
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "one line per bad input:\n{err}");
    assert!(lines
        .iter()
        .any(|l| l.contains("binary.txt") && l.contains("binary")));
    assert!(lines
        .iter()
        .any(|l| l.contains("latin1.txt") && l.contains("UTF-8")));
    assert!(lines
        .iter()
        .any(|l| l.contains("empty.txt") && l.contains("empty")));
    assert!(lines.iter().any(|l| l.contains("no-such-file.txt")));
    assert!(!err.contains("panicked"));
    assert_eq!(s.query("documents", &[]).len(), 1, "the good file is in");
}

#[test]
fn a_listing_comes_a_page_at_a_time() {
    let s = seed_store();
    let store = s.store();
    let page = |limit: &str, offset: &str| {
        let mut args = vec!["--store", &store, "query", "statements", "--format", "json"];
        if !limit.is_empty() {
            args.extend(["--limit", limit]);
        }
        args.extend(["--offset", offset]);
        rows(&ok(&args))
    };
    let all = page("", "0");
    assert!(all.len() >= 3, "the seed has several statements");
    assert_eq!(page("2", "1"), all[1..3].to_vec());
    assert_eq!(page("", "1"), all[1..].to_vec());
    assert!(page("5", &all.len().to_string()).is_empty());
    let out = run(&[
        "--store",
        &store,
        "query",
        "documents",
        "--limit",
        "1",
        "--endpoint",
        "http://127.0.0.1:1/sparql",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("LIMIT and OFFSET"));
}

#[test]
fn bad_queries_and_choices_name_the_value_and_the_valid_ones() {
    let s = seed_store();
    let store = s.store();
    let out = run(&[
        "--store",
        &store,
        "query",
        "--sparql",
        "SELECT ?x WHERE { ?x",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("malformed SPARQL"));
    let out = run(&["--store", &store, "query", "meetngs"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown query `meetngs`") && err.contains("meetings"),
        "{err}"
    );
    let out = run(&["--store", &store, "query", "meetings", "--format", "yaml"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown format `yaml`") && err.contains("csv"),
        "{err}"
    );
    let out = run(&[
        "--store",
        &store,
        "query",
        "--sparql",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SERVICE"));
    let out = run(&[
        "--store",
        &s.path().join("nowhere").to_string_lossy(),
        "stats",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

#[test]
fn a_second_writer_is_refused_while_the_first_holds_the_lock() {
    let s = seed_store();
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(s.path().join("store/lock"))
        .unwrap();
    lock.try_lock().unwrap();
    let store = s.store();
    let out = run(&["--store", &store, "ingest", sample(SEED).to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("locked by another diplograph process"));
    drop(lock);
    // Readers are not blocked.
    assert_eq!(s.query("documents", &[]).len(), 1);
}

#[test]
fn every_mention_span_reproduces_its_surface() {
    let out = ok(&["extract", sample(SEED).to_str().unwrap()]);
    let ex: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = ex["text"].as_str().unwrap();
    let mentions = ex["mentions"].as_array().unwrap();
    assert!(mentions.len() > 40);
    for m in mentions {
        let (a, b) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..b], m["surface"].as_str().unwrap());
    }
    // The page furniture is gone and the bullets are normalised.
    assert!(!text.contains("바로가기"));
    assert!(!text.contains("Press Releases"));
    assert!(!text.contains('о'));
    assert!(!text.contains('’'));
    assert_eq!(ex["title"], "Outcome of the 26th ASEAN-ROK Dialogue");
}

#[test]
fn extract_writes_turtle_and_nquads() {
    let ttl = ok(&[
        "extract",
        "--format",
        "turtle",
        sample(SEED).to_str().unwrap(),
    ]);
    assert!(ttl.contains("@prefix schema:") && ttl.contains("Yeo Seung-bae"));
    let nq = ok(&[
        "extract",
        "--format",
        "nquads",
        sample(SEED).to_str().unwrap(),
    ]);
    assert!(nq.lines().all(|l| l.ends_with(" .")));
    let out = run(&["extract", "--format", "dot", sample(SEED).to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected one of: json, turtle, nquads"));
}

#[test]
fn html_pages_lose_navigation_and_scripts() {
    let s = TempStore::new();
    let page = s.path().join("page.html");
    std::fs::write(
        &page,
        "<html><head><title>Outcome</title><script>alert('x')</script></head><body><nav>Home | News</nav>\
         <main><h1>Outcome of the 3rd ROK-Viet Nam Strategic Dialogue</h1><p>The 3rd ROK-Viet Nam Strategic Dialogue was held in Hanoi on 2 May 2023.</p>\
         <p>Both sides condemned the DPRK&rsquo;s missile launches.</p></main><footer>Copyright</footer></body></html>",
    )
    .unwrap();
    let out = ok(&["extract", page.to_str().unwrap()]);
    let ex: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = ex["text"].as_str().unwrap();
    assert!(!text.contains("alert") && !text.contains("Home") && !text.contains("Copyright"));
    assert!(text.contains("DPRK's missile launches"));
    let m = &ex["meetings"][0];
    assert_eq!(m["ordinal"], 3);
    assert_eq!(m["location"], "Hanoi");
    assert_eq!(m["series"]["label"], "ROK-Viet Nam Strategic Dialogue");
}

#[test]
fn stdin_and_flags_supply_what_the_text_lacks() {
    let s = TempStore::new();
    let store = s.store();
    let mut child = Command::new(env!("CARGO_BIN_EXE_diplograph"))
        .args([
            "--store",
            &store,
            "ingest",
            "--date",
            "2022-07-02",
            "--publisher",
            "Ministry of Foreign Affairs",
            "--url",
            "https://example.org/r/1",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(sample(SEED)).unwrap())
        .unwrap();
    assert!(child.wait().unwrap().success());
    let docs = s.query("documents", &[]);
    assert_eq!(col(&docs[0], "source"), "https://example.org/r/1");
    assert_eq!(col(&docs[0], "publisher"), "Ministry of Foreign Affairs");
    assert_eq!(col(&docs[0], "date"), "2022-07-02");
    // The year now comes from evidence: the publication date.
    let m = s
        .query("meetings", &[])
        .into_iter()
        .find(|r| col(r, "ordinal") == "26")
        .unwrap();
    assert_eq!(col(&m, "date"), "2022-07-01");
}

#[test]
fn a_memory_store_runs_the_whole_job_without_saving() {
    let out = ok(&[
        "--memory",
        "ingest",
        "-q",
        sample(SEED).to_str().unwrap(),
        "--then-query",
        "meetings",
    ]);
    assert!(out.contains("26th ASEAN-ROK Dialogue"));
    assert!(out.contains("ingested 1 document"));
}

#[test]
fn score_reads_a_corpus_file_and_takes_each_records_publication_date() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold");
    std::fs::create_dir(&gold).unwrap();
    // The text gives the meeting's day and month; only the record's date gives its year.
    let record = serde_json::json!({
        "id": "r1",
        "date": "2031-05-09",
        "title": "The 3rd Examplia-Borduria Strategic Dialogue",
        "url": "https://example.org/r1",
        "text": "The 3rd Examplia-Borduria Strategic Dialogue was held in Lisbon on 7 May.",
    });
    let other = serde_json::json!({"id": "r2", "text": "A record without a gold file."});
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(&corpus, format!("{other}\n{record}\n")).unwrap();
    std::fs::write(
        gold.join("r1.json"),
        r#"{"document": "r1.txt", "meetings": [{"name": "x", "series": "Examplia-Borduria Strategic Dialogue", "ordinal": 3, "date": "2031-05-07", "location": "Lisbon", "format": null}]}"#,
    )
    .unwrap();
    let table = ok(&[
        "score",
        "--documents",
        corpus.to_str().unwrap(),
        "--gold",
        gold.to_str().unwrap(),
    ]);
    let row = |kind: &str| -> Vec<String> {
        table
            .lines()
            .find(|l| l.starts_with(&format!("{kind} ")))
            .unwrap_or_else(|| panic!("no row {kind} in\n{table}"))
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    // gold, pred, ok
    assert_eq!(row("meetings")[1..4], ["1", "1", "1"], "{table}");
    assert_eq!(row("meeting dates")[2..5], ["1", "1", "1"], "{table}");
    assert_eq!(row("meeting places")[2..5], ["1", "1", "1"], "{table}");
}

#[test]
fn a_corpus_file_is_one_document_per_record_and_bad_records_fail_alone() {
    let s = TempStore::new();
    let store = s.store();
    s.ingest(&[&sample(SEED)]);
    let dir = s.path();
    let good = serde_json::json!({
        "id": "n-1",
        "date": "2030-02-11",
        "title": "Foreign Minister Ana Ruiz Meets Foreign Minister Tomas Varga",
        "url": "https://example.org/n-1",
        "source": "Ministry of Examples",
        "text": "Foreign Minister Ana Ruiz of Peru met Foreign Minister Tomas Varga of Hungary in Lima.",
    });
    let corpus = dir.join("news.jsonl");
    std::fs::write(
        &corpus,
        format!(
            "{good}\n{}\n{}\nnot json\n{}\n{}\n",
            serde_json::json!({"id": "n-2", "title": "No text here"}),
            serde_json::json!({"id": "n-3", "date": "the other day", "text": "Some text."}),
            serde_json::json!({"id": "n-1", "text": "The same id again."}),
            serde_json::json!({"id": "n-5", "publish_time": "2030-03-01T10:00:00Z",
                "body": "Prime Minister Lena Holm of Norway visited Ottawa."}),
        ),
    )
    .unwrap();
    let out = run(&["--store", &store, "ingest", corpus.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // One line per bad record, naming it and what is wrong.
    for want in [
        "record 2: no text",
        "record 3: unreadable date \"the other day\"",
        "line 4: not a JSON object",
        "record 5: id \"n-1\" was already used by record 1",
    ] {
        assert!(stderr.contains(want), "{want:?} not in {stderr}");
    }
    assert_eq!(stderr.lines().count(), 4, "{stderr}");
    let docs = s.query("documents", &[]);
    let row = |source: &str| {
        docs.iter()
            .find(|r| r["source"] == source)
            .unwrap_or_else(|| panic!("{source} not stored: {docs:?}"))
            .clone()
    };
    let n1 = row("news.jsonl#n-1");
    assert_eq!(n1["date"], "2030-02-11");
    assert_eq!(n1["url"], "https://example.org/n-1");
    assert_eq!(n1["publisher"], "Ministry of Examples");
    assert_eq!(
        n1["title"],
        "Foreign Minister Ana Ruiz Meets Foreign Minister Tomas Varga"
    );
    assert_eq!(row("news.jsonl#n-5")["date"], "2030-03-01");
    // The document stored before is still there, and nothing else came in.
    assert_eq!(docs.len(), 3, "{docs:?}");
    assert!(docs.iter().any(|r| r["source"].ends_with(SEED)));
}

#[test]
fn a_csv_corpus_takes_mapped_columns() {
    let s = TempStore::new();
    let csv = s.path().join("items.csv");
    std::fs::write(
        &csv,
        "key,when,headline,story\nc1,2029-09-30,\"Talks, in Quito\",\"The two ministers met in Quito, and agreed.\"\n",
    )
    .unwrap();
    let out = run(&[
        "--store",
        &s.store(),
        "ingest",
        csv.to_str().unwrap(),
        "--field",
        "id=key",
        "--field",
        "date=when",
        "--field",
        "title=headline",
        "--field",
        "text=story",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = s.query("documents", &[]);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["source"], "items.csv#c1");
    assert_eq!(docs[0]["date"], "2029-09-30");
    assert_eq!(docs[0]["title"], "Talks, in Quito");
    let bad = run(&[
        "--store",
        &s.store(),
        "ingest",
        csv.to_str().unwrap(),
        "--field",
        "author=x",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown record field \"author\""));
}
