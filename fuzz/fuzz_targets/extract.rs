//! The whole pipeline on arbitrary bytes: every span slices the clean text exactly, the quads
//! serialise as N-Quads that parse back, and nothing panics.
#![no_main]
use diplograph::extract::{extract, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = data.first().is_some_and(|b| b & 1 == 1);
    let Ok(ex) = extract(&Input {
        bytes: data,
        source: "fuzz.txt".into(),
        html,
        ..Input::default()
    }) else {
        return;
    };
    for m in &ex.mentions {
        assert_eq!(ex.text.get(m.start..m.end), Some(m.surface.as_str()));
    }
    for s in &ex.statements {
        assert!(ex.text.get(s.start..s.end).is_some());
    }
    for s in &ex.sentences {
        assert!(ex.text.get(s.start..s.end).is_some());
    }
    let quads = diplograph::rdf::document_quads(&ex);
    let nq = diplograph::store::nquads(&quads).expect("serialises");
    let back = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
        .for_slice(&nq)
        .count();
    assert!(back <= quads.len());
});
