//! Property tests over generated documents: spans always slice the clean text, extraction is
//! deterministic, and the order documents are ingested in does not change the store.

use diplograph::extract::{self, Extraction, Input};
use diplograph::render::export;
use diplograph::{rdf, store::DiploStore};
use oxigraph::io::RdfFormat;
use proptest::prelude::*;

/// Words that wake the recognisers, mixed with arbitrary text.
const WORDS: &[&str] = &[
    "ASEAN",
    "ROK",
    "Republic",
    "of",
    "Korea",
    "Viet",
    "Nam",
    "Japan",
    "the",
    "The",
    "27th",
    "Dialogue",
    "Forum",
    "Meeting",
    "co-chaired",
    "by",
    "Minister",
    "Deputy",
    "Ambassador",
    "welcomed",
    "expressed",
    "concern",
    "over",
    "agreed",
    "to",
    "not",
    "Myanmar",
    "South",
    "China",
    "Sea",
    "Initiative",
    "(KASI)",
    "JAKARTA,",
    "6",
    "July",
    "2023",
    "–",
    "Mr.",
    "Dr.",
    "said",
    "\"",
    "'",
    ".",
    ",",
    ";",
    "\n",
    "\n\n",
    "• ",
    "◦ ",
    "1.",
    "(a)",
    "-",
    "Tran",
    "Minh",
    "Khoa",
    "Kang",
    "Seoyeon",
    "é",
    "\u{301}",
    "\u{202E}",
    "ع",
    "&amp;",
    "<p>",
    "\\",
];

fn doc_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(WORDS).prop_map(str::to_string),
            1 => any::<String>(),
            1 => "[ -~]{0,12}",
        ],
        0..120,
    )
    .prop_map(|ws| ws.join(" "))
}

fn ex(text: &str, source: &str, html: bool) -> Option<Extraction> {
    extract::extract(&Input {
        bytes: text.as_bytes(),
        source: source.into(),
        html,
        ..Input::default()
    })
    .ok()
}

fn dump(store: &DiploStore) -> Vec<u8> {
    let mut out = Vec::new();
    export::dump(&store.store, RdfFormat::NQuads, false, &mut out).unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_span_slices_the_clean_text(text in doc_text(), html in any::<bool>()) {
        if let Some(ex) = ex(&text, "p.txt", html) {
            for m in &ex.mentions {
                prop_assert_eq!(ex.text.get(m.start..m.end), Some(m.surface.as_str()));
            }
            for s in &ex.statements {
                prop_assert!(ex.text.get(s.start..s.end).is_some());
                prop_assert!(s.sentence < ex.sentences.len());
            }
            for s in &ex.sentences {
                prop_assert!(ex.text.get(s.start..s.end).is_some());
            }
            if let Some(d) = &ex.dateline {
                prop_assert!(ex.text.get(d.start..d.end).is_some());
            }
        }
    }

    #[test]
    fn extracting_twice_gives_identical_quads(text in doc_text()) {
        let (a, b) = (ex(&text, "p.txt", false), ex(&text, "p.txt", false));
        prop_assert_eq!(a.is_some(), b.is_some());
        if let (Some(a), Some(b)) = (a, b) {
            prop_assert_eq!(rdf::document_quads(&a), rdf::document_quads(&b));
            // and adding the same document again changes nothing
            let mut s = DiploStore::memory().unwrap();
            s.add_document(&a).unwrap();
            s.refresh_links().unwrap();
            let once = dump(&s);
            s.add_document(&b).unwrap();
            s.refresh_links().unwrap();
            prop_assert_eq!(once, dump(&s));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn ingest_order_does_not_change_the_store(
        docs in prop::collection::vec(doc_text(), 2..5),
        ordinals in prop::collection::vec(1u32..40, 2..5),
    ) {
        // Give each document a meeting of one series so the links graph has work to do.
        let exs: Vec<Extraction> = docs
            .iter()
            .zip(ordinals.iter().cycle())
            .enumerate()
            .filter_map(|(i, (d, n))| {
                let text = format!("The {n}th ASEAN-Japan Forum was held in Tokyo. {d}");
                ex(&text, &format!("doc-{i}.txt"), false)
            })
            .collect();
        let build = |order: &mut dyn Iterator<Item = &Extraction>| {
            let mut s = DiploStore::memory().unwrap();
            for e in order {
                s.add_document(e).unwrap();
            }
            s.refresh_links().unwrap();
            dump(&s)
        };
        let forward = build(&mut exs.iter());
        let backward = build(&mut exs.iter().rev());
        prop_assert!(forward == backward, "ingest order changed the store");
    }
}
