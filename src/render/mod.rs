//! The store drawn as pictures and dumped as RDF: [`projection`] reads the graph into nodes and
//! edges and selects what is shown, [`draw`] writes DOT, GraphML, Cytoscape JSON, Mermaid and
//! SVG, [`html`] the self-contained viewer, [`events`] the event-data table (CSV), and
//! [`export`] picks a writer for a format.
//!
//! Must not: write to the store, extract, or know the command line or HTTP.

pub mod draw;
pub mod events;
pub mod export;
pub mod html;
pub mod projection;
