//! HTTP both ways: [`serve`] answers the SPARQL protocol, the named queries and the viewer
//! over a store; [`remote`] queries and pushes to other SPARQL stores; [`form`] is the form
//! codec they share.
//!
//! Must not: parse command lines or extract documents; it reaches the store only through
//! [`crate::store`] and queries only through [`crate::query`].

pub mod form;
#[cfg(target_os = "linux")]
pub mod isolate;
pub mod remote;
pub mod serve;
