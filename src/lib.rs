//! diplograph: diplomatic meeting outcomes into a queryable, linkable RDF knowledge graph.
//!
//! Data flows one way: [`text`] (decode, clean) → [`segment`] (paragraphs, sentences) →
//! [`extract`] (names, meetings, people, statements, all with spans) → [`rdf`] (quads in one
//! named graph per document) → [`store`] (Oxigraph, persisted) → [`query`] / [`export`].
//! Everything before [`rdf`] is pure: no IO, no store, no command-line types.

pub mod dates;
pub mod extract;
pub mod knowledge;
pub mod score;
pub mod segment;
pub mod text;
pub mod vocab;
