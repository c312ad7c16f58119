//! diplograph: diplomatic meeting outcomes into a queryable, linkable RDF knowledge graph.
//!
//! Data flows one way: [`text`] (decode, clean) → [`segment`] (paragraphs, sentences) →
//! [`extract`] (names, meetings, people, statements, all with spans) → [`rdf`] (quads in one
//! named graph per document) → [`store`] (Oxigraph, persisted) → [`link`] (order across
//! documents) → [`query`] / [`export`]. Everything before [`rdf`] is pure: no IO, no store, no
//! command-line types; only [`cli`] and [`cli_net`] know clap, only [`store`] touches storage;
//! [`serve`] answers HTTP and [`remote`] speaks it to other stores.

pub mod bench;
pub mod cli;
pub mod cli_net;
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
pub mod records;
pub mod remote;
pub mod score;
pub mod segment;
pub mod serve;
pub mod store;
pub mod text;
pub mod vocab;
