//! How well and how fast: [`score`] compares extractions with gold files, [`bench`] measures
//! ingest, extraction and queries, and [`corpus`] generates the synthetic documents it measures.
//!
//! Must not: be needed by anything else in the library; nothing outside `eval` and the command
//! line imports it.

pub mod bench;
pub mod corpus;
pub mod score;
