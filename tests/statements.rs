//! Statements: who said what about whom, with the sentence as evidence, through the named
//! queries — on the seed and on documents written for the tests.

use crate::common::*;
use std::collections::BTreeMap;

type Row = BTreeMap<String, String>;

fn find<'a>(rows: &'a [Row], speaker: &str, cameo: &str, evidence: &str) -> &'a Row {
    rows.iter()
        .find(|r| {
            col(r, "speaker") == speaker
                && col(r, "cameo") == cameo
                && col(r, "evidence").contains(evidence)
        })
        .unwrap_or_else(|| {
            let got: Vec<String> = rows
                .iter()
                .map(|r| {
                    format!(
                        "{} {} {}",
                        col(r, "speaker"),
                        col(r, "cameo"),
                        col(r, "evidence")
                    )
                })
                .collect();
            panic!(
                "no statement {speaker} {cameo} «{evidence}» among:\n{}",
                got.join("\n")
            )
        })
}

#[test]
fn the_seed_says_who_condemned_appealed_worried_welcomed_asked_and_agreed() {
    let s = TempStore::new();
    s.ingest(&[&sample(SEED)]);
    let rows = s.query("statements", &[]);
    // The Korean side condemned the DPRK over launches that violate UNSC resolutions …
    let condemn = find(
        &rows,
        "Republic of Korea",
        "111",
        "strongly condemned the DPRK",
    );
    // The party condemned is the target, apart from what the condemnation is about.
    assert!(col(condemn, "target").contains("Democratic People's Republic of Korea"));
    assert_eq!(col(condemn, "polarity"), "positive");
    let violation = find(
        &rows,
        "Republic of Korea",
        "010",
        "clear violation of multiple UN Security Council resolutions",
    );
    assert!(
        col(violation, "about").contains("UNSC")
            || col(violation, "about").contains("Security Council")
    );
    assert!(col(violation, "about").contains("DPRK missile launches"));
    // … and called on ASEAN to take a firm, united stance.
    let appeal = find(
        &rows,
        "Republic of Korea",
        "020",
        "called on ASEAN to take a firm and united stance",
    );
    assert_eq!(col(appeal, "addressee"), "ASEAN");
    // ASEAN expressed serious concern about the DPRK's ICBM tests and ballistic missiles.
    let concern = find(&rows, "ASEAN", "012", "expressed serious concern");
    assert!(col(concern, "about").contains("DPRK missile launches"));
    // ASEAN appreciated the hosting and welcomed the commitment.
    find(&rows, "ASEAN", "051", "appreciated the ROK's hosting");
    find(
        &rows,
        "ASEAN",
        "051",
        "welcomed the ROK government's commitment",
    );
    // The Deputy Minister asked for support for the World Expo bid, speaking for the ROK.
    let ask = find(
        &rows,
        "Yeo Seung-bae",
        "022",
        "asked for the support of ASEAN Member States",
    );
    assert_eq!(col(ask, "side"), "Republic of Korea");
    assert_eq!(col(ask, "addressee"), "ASEAN");
    // The participants agreed to work together for the August and November meetings.
    let agreed = find(
        &rows,
        "the participants (jointly)",
        "030",
        "agreed to closely work together",
    );
    assert_eq!(col(agreed, "modality"), "intended");
    assert!(
        col(agreed, "about").contains("Foreign Ministers' Meeting"),
        "{agreed:?}"
    );
    assert!(col(agreed, "about").contains("Summit"), "{agreed:?}");
}

#[test]
fn every_statement_evidence_is_its_sentence_at_its_offset() {
    let s = TempStore::new();
    s.ingest(&[&root().join("data/documents")]);
    let docs = doc_texts(&s);
    // The evidence span's IRI carries its offsets (`doc#char=a,b`); its text is kept.
    let rows = s.query(
        "SELECT ?g ?ev ?exact ?start WHERE { GRAPH ?g { ?st <https://w3id.org/diplograph/ns#evidence> ?ev . \
         ?ev <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> ?exact ; \
         <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> ?start } }",
        &[],
    );
    assert!(
        rows.len() > 200,
        "statements across the samples: {}",
        rows.len()
    );
    for r in &rows {
        let text = &docs[col(r, "g")];
        let (a, b) = col(r, "ev")
            .split_once("#char=")
            .and_then(|(_, f)| f.split_once(','))
            .map(|(a, b)| (a.parse::<usize>().unwrap(), b.parse::<usize>().unwrap()))
            .expect("a span IRI");
        assert_eq!(col(r, "start"), a.to_string());
        assert_eq!(&text[a..b], col(r, "exact"));
    }
}

#[test]
fn negated_and_hedged_statements_keep_polarity_and_modality() {
    let s = TempStore::new();
    let doc = s.path().join("release.txt");
    std::fs::write(
        &doc,
        "Outcome of the 4th ROK-Indonesia Joint Commission\n\n\
         1. The 4th ROK-Indonesia Joint Commission was held in Seoul on 20 September 2022.\n\n\
         2. The Indonesian side did not support the proposal to expand the trade framework this year.\n\n\
         3. The Korean side may consider additional support for the Mekong-ROK Water Resources Partnership.\n\n\
         4. Both sides condemned the DPRK's ballistic missile launches.\n",
    )
    .unwrap();
    s.ingest(&[&doc]);
    let rows = s.query("statements", &[]);
    let neg = find(&rows, "Indonesia", "051", "did not support the proposal");
    assert_eq!(col(neg, "polarity"), "negative");
    let hedged = rows
        .iter()
        .find(|r| {
            col(r, "speaker") == "Republic of Korea" && col(r, "evidence").contains("may consider")
        })
        .expect("the hedged statement");
    assert_eq!(col(hedged, "modality"), "hedged");
    let joint = find(
        &rows,
        "the participants (jointly)",
        "111",
        "Both sides condemned",
    );
    assert!(col(joint, "target").contains("Democratic People's Republic of Korea"));
}

#[test]
fn named_statement_queries_answer_the_analysts_questions() {
    let s = TempStore::new();
    s.ingest(&[&root().join("data/documents")]);
    let condemnations = s.query("condemnations", &[]);
    assert!(condemnations
        .iter()
        .any(|r| col(r, "side") == "Republic of Korea"
            && col(r, "target").contains("Democratic People's Republic of Korea")
            && col(r, "meeting") == "26th ASEAN-ROK Dialogue"));
    // Parameters are bound, so quotes in a value are data, not query text.
    let on_missiles = s.query("stances-on", &["issue=missile"]);
    assert!(on_missiles.len() >= 3, "{on_missiles:?}");
    assert!(on_missiles
        .iter()
        .all(|r| !col(r, "topic_issue").is_empty()));
    assert!(s
        .query("stances-on", &["issue=x\" } ; DROP ALL ; {"])
        .is_empty());
    let agreements = s.query("agreements", &[]);
    assert!(agreements
        .iter()
        .any(|r| col(r, "meeting") == "26th ASEAN-ROK Dialogue" && col(r, "cameo") == "030"));
}
