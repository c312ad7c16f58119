//! diplograph: diplomatic meeting outcomes into a queryable, linkable RDF knowledge graph.
//!
//! Data flows one way: [`text`] (decode, clean) → [`segment`] (paragraphs, sentences) →
//! [`extract`] (names, meetings, people, statements, all with spans) → [`rdf`] (quads in one
//! named graph per document) → [`store`] (Oxigraph, persisted) → [`link`] (order across
//! documents) → [`query`] / [`export`]. Everything before [`rdf`] is pure: no IO, no store, no
//! command-line types; only [`cli`] knows clap, only [`store`] touches storage.

pub mod bench;
pub mod cli;
pub mod corpus;
pub mod dates;
pub mod draw;
pub mod export;
pub mod extract;
pub mod graph;
pub mod html;
pub mod knowledge;
pub mod link;
pub mod pipeline;
pub mod query;
pub mod rdf;
pub mod score;
pub mod segment;
pub mod store;
pub mod text;
pub mod vocab;
