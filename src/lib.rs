//! diplograph: diplomatic meeting outcomes into a queryable, linkable RDF knowledge graph.
//!
//! Data flows one way: [`text`] (decode, clean, segment, dates) → [`extract`] (names,
//! meetings, people, statements, all with spans) → [`rdf`] (quads in one named graph per
//! document) → [`store`] (Oxigraph, persisted; links across documents) → [`query`] /
//! [`render`]. [`ingest`] drives that flow over many inputs; [`net`] serves a store over HTTP
//! and speaks HTTP to other stores; [`eval`] scores extraction and measures speed; [`cli`] is
//! the command line. [`knowledge`] (the gazetteer) and [`vocab`] (IRIs) are read by all.
//! Everything before [`rdf`] is pure: no IO, no store, no command-line types; only [`cli`]
//! knows clap, only [`store`] touches storage. ARCHITECTURE.md draws the whole map.

pub mod cli;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod knowledge;
pub mod net;
pub mod query;
pub mod rdf;
pub mod render;
pub mod store;
pub mod text;
pub mod vocab;
