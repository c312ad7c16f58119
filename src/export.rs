//! Exports of the store: RDF dumps through Oxigraph's serialisers.
//!
//! `--format` picks the output (`turtle`, `nquads`, `trig`, `jsonld`); without it, the
//! extension of `--output` decides. Reads the store, writes only to the output.

use clap::Args;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::store::Store;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug, Clone)]
pub struct ExportArgs {
    /// Output format: turtle, nquads, trig, jsonld (default: from --output's extension, else nquads)
    #[arg(long)]
    pub format: Option<String>,
    /// Write to this file instead of standard output
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

const RDF_FORMATS: &[(&str, &str)] = &[
    ("turtle", "ttl"),
    ("nquads", "nq"),
    ("trig", "trig"),
    ("jsonld", "jsonld"),
];

fn format_name(args: &ExportArgs) -> Result<String, String> {
    if let Some(f) = &args.format {
        return Ok(f.clone());
    }
    let ext = args
        .output
        .as_ref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext {
        None => Ok("nquads".into()),
        Some(ext) => RDF_FORMATS
            .iter()
            .find(|(_, e)| *e == ext)
            .map(|(n, _)| n.to_string())
            .ok_or_else(|| {
                format!("cannot tell the format from the extension `.{ext}`; give --format")
            }),
    }
}

/// Run an export to `--output` or to `out`.
pub fn run(store: &Store, args: &ExportArgs, out: &mut dyn Write) -> Result<(), String> {
    let name = format_name(args)?;
    let Some((_, ext)) = RDF_FORMATS.iter().find(|(n, _)| *n == name) else {
        let names: Vec<&str> = RDF_FORMATS.iter().map(|(n, _)| *n).collect();
        return Err(format!(
            "unknown format `{name}`; expected one of: {}",
            names.join(", ")
        ));
    };
    let format = RdfFormat::from_extension(ext).ok_or("format not supported by this build")?;
    let mut buffer = Vec::new();
    dump(store, format, &mut buffer)?;
    match &args.output {
        Some(path) => std::fs::write(path, &buffer).map_err(|e| format!("{}: {e}", path.display())),
        None => out.write_all(&buffer).map_err(|e| e.to_string()),
    }
}

/// Every quad of the store; formats without named graphs get the union of all graphs.
pub fn dump(store: &Store, format: RdfFormat, out: &mut Vec<u8>) -> Result<(), String> {
    let mut serializer = RdfSerializer::from_format(format);
    for (p, iri) in crate::cli::PREFIXES {
        serializer = serializer
            .with_prefix(*p, *iri)
            .map_err(|e| e.to_string())?;
    }
    let mut w = serializer.for_writer(out);
    let mut quads: Vec<_> = store
        .iter()
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    quads.sort_by_cached_key(|q| q.to_string());
    for q in &quads {
        if format.supports_datasets() {
            w.serialize_quad(q).map_err(|e| e.to_string())?;
        } else {
            w.serialize_triple(q.as_ref()).map_err(|e| e.to_string())?;
        }
    }
    w.finish().map_err(|e| e.to_string())?;
    Ok(())
}
