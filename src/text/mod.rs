//! Bytes to the text every later stage reads: [`clean`] (decode, HTML to text, normalise),
//! [`segment`] (paragraphs and sentences with byte spans) and [`dates`] (dates as the genre
//! writes them, kept partial).
//!
//! Must not: do IO, read the clock, know the store, RDF or the command line. Every function here
//! is a pure function of its arguments.

pub mod clean;
pub mod dates;
pub mod segment;

pub use clean::{
    bullet_marker, clean, decode, decode_entities, html_to_text, looks_like_html, Cleaned,
    HtmlText, NotText,
};
