//! Exports of the store: pictures of the graph and RDF dumps.
//!
//! `--format` picks the output; without it, the extension of `--output` decides. Pictures
//! (`dot`, `svg`, `png`, `graphml`, `cytoscape`, `mermaid`, `html`) go through the projection
//! in [`crate::render::projection`] and the writers in [`crate::render::draw`] and [`crate::render::html`]; RDF dumps
//! (`turtle`, `nquads`, `trig`, `jsonld`) through Oxigraph's serialisers. Reads the store,
//! writes only to the output.

use super::projection::{self, Kind, Selection};
use super::{draw, html};
use clap::Args;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::store::Store;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug, Clone)]
pub struct ExportArgs {
    /// Output format: dot, svg, png, graphml, cytoscape, mermaid, html (pictures); turtle,
    /// nquads, trig, jsonld (RDF). Default: from --output's extension, else nquads
    #[arg(long)]
    pub format: Option<String>,
    /// Write to this file instead of standard output
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Show the neighbourhood of this entity (IRI or label, case-insensitive)
    #[arg(long, value_name = "ENTITY")]
    pub focus: Option<String>,
    /// How many steps around --focus to show
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
    /// Show one meeting with everything attached to it (clusters per meeting)
    #[arg(long, value_name = "MEETING")]
    pub meeting: Option<String>,
    /// Show one series: its meetings and what is attached to them
    #[arg(long, value_name = "SERIES")]
    pub series: Option<String>,
    /// Only these node types: meeting, series, state, person, mechanism, issue (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "TYPES")]
    pub types: Vec<String>,
    /// Only meetings in or after this year (meetings without a year are left out)
    #[arg(long, value_name = "YEAR")]
    pub since: Option<i32>,
    /// Only meetings in or before this year (meetings without a year are left out)
    #[arg(long, value_name = "YEAR")]
    pub until: Option<i32>,
    /// Show the shortest connection between two entities
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub path: Vec<String>,
    /// Refuse pictures of more nodes than this unless a selection (--focus, --meeting,
    /// --series, --path) is given
    #[arg(long, default_value_t = 400)]
    pub max_nodes: usize,
}

/// Formats and the extensions that imply them.
const FORMATS: &[(&str, &[&str])] = &[
    ("dot", &["dot", "gv"]),
    ("svg", &["svg"]),
    ("png", &["png"]),
    ("graphml", &["graphml"]),
    ("cytoscape", &["json"]),
    ("mermaid", &["mmd"]),
    ("html", &["html", "htm"]),
    ("turtle", &["ttl"]),
    ("nquads", &["nq"]),
    ("trig", &["trig"]),
    ("jsonld", &["jsonld"]),
];

const RDF_FORMATS: &[(&str, &str)] = &[
    ("turtle", "ttl"),
    ("nquads", "nq"),
    ("trig", "trig"),
    ("jsonld", "jsonld"),
];

fn format_name(args: &ExportArgs) -> Result<String, String> {
    if let Some(f) = &args.format {
        let f = f.to_ascii_lowercase();
        return match f.as_str() {
            "gv" => Ok("dot".into()),
            "ttl" => Ok("turtle".into()),
            "nq" => Ok("nquads".into()),
            "json" | "cytoscape.js" => Ok("cytoscape".into()),
            "mmd" => Ok("mermaid".into()),
            _ => Ok(f),
        };
    }
    let ext = args
        .output
        .as_ref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext {
        None => Ok("nquads".into()),
        Some(ext) => FORMATS
            .iter()
            .find(|(_, exts)| exts.contains(&ext.as_str()))
            .map(|(n, _)| n.to_string())
            .ok_or_else(|| {
                format!("cannot tell the format from the extension `.{ext}`; give --format")
            }),
    }
}

impl ExportArgs {
    fn selection(&self) -> Result<Selection, String> {
        let types = if self.types.is_empty() {
            None
        } else {
            Some(
                self.types
                    .iter()
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| {
                        Kind::parse(t).ok_or_else(|| {
                            let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                            format!(
                                "--types: unknown type `{t}`; expected: {}",
                                names.join(", ")
                            )
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            )
        };
        Ok(Selection {
            focus: self.focus.clone(),
            depth: self.depth,
            meeting: self.meeting.clone(),
            series: self.series.clone(),
            types,
            since: self.since,
            until: self.until,
            path: match self.path.as_slice() {
                [a, b] => Some((a.clone(), b.clone())),
                _ => None,
            },
        })
    }

    fn selects(&self) -> bool {
        self.focus.is_some()
            || self.meeting.is_some()
            || self.series.is_some()
            || !self.types.is_empty()
            || self.since.is_some()
            || self.until.is_some()
            || !self.path.is_empty()
    }

    /// A title for the picture, from the selection.
    fn title(&self) -> String {
        let mut parts = Vec::new();
        if let Some(f) = &self.focus {
            parts.push(format!("around {f} (depth {})", self.depth));
        }
        if let Some(m) = &self.meeting {
            parts.push(m.clone());
        }
        if let Some(s) = &self.series {
            parts.push(s.clone());
        }
        if let [a, b] = self.path.as_slice() {
            parts.push(format!("{a} to {b}"));
        }
        match (self.since, self.until) {
            (Some(a), Some(b)) => parts.push(format!("{a}–{b}")),
            (Some(a), None) => parts.push(format!("since {a}")),
            (None, Some(b)) => parts.push(format!("until {b}")),
            _ => {}
        }
        if parts.is_empty() {
            "diplograph".into()
        } else {
            format!("diplograph: {}", parts.join(", "))
        }
    }
}

/// Run an export to `--output` or to `out`.
pub fn run(store: &Store, args: &ExportArgs, out: &mut dyn Write) -> Result<(), String> {
    let name = format_name(args)?;
    let buffer = if let Some((_, ext)) = RDF_FORMATS.iter().find(|(n, _)| *n == name) {
        if args.selects() {
            return Err(format!(
                "selections (--focus, --meeting, --series, --types, --since, --until, --path) apply to pictures, not to RDF dumps like {name}"
            ));
        }
        let format = RdfFormat::from_extension(ext).ok_or("format not supported by this build")?;
        let mut buffer = Vec::new();
        dump(store, format, &mut buffer)?;
        buffer
    } else if FORMATS.iter().any(|(n, _)| *n == name) {
        picture(store, args, &name)?
    } else {
        let names: Vec<&str> = FORMATS.iter().map(|(n, _)| *n).collect();
        return Err(format!(
            "unknown format `{name}`; expected one of: {}",
            names.join(", ")
        ));
    };
    match &args.output {
        Some(path) => std::fs::write(path, &buffer).map_err(|e| format!("{}: {e}", path.display())),
        None => out.write_all(&buffer).map_err(|e| e.to_string()),
    }
}

/// A graph format: project, select, refuse oversize views, write.
fn picture(store: &Store, args: &ExportArgs, name: &str) -> Result<Vec<u8>, String> {
    let sel = args.selection()?;
    let p = projection::project(store)?.select(&sel)?;
    if !sel.is_focused() && p.node_count() > args.max_nodes {
        return Err(format!(
            "the graph has {} nodes, more than --max-nodes {}: pick a part with --focus ENTITY [--depth N], --meeting, --series, --types or --since/--until (or raise --max-nodes)",
            p.node_count(),
            args.max_nodes
        ));
    }
    let title = args.title();
    let by_meeting = args.meeting.is_some();
    Ok(match name {
        "dot" => draw::dot(&p, &title, by_meeting).into_bytes(),
        "svg" | "png" => draw::graphviz(
            &draw::dot(&p, &title, by_meeting),
            name,
            draw::engine_for(p.node_count()),
        )?,
        "graphml" => draw::graphml(&p).into_bytes(),
        "cytoscape" => draw::cytoscape(&p).into_bytes(),
        "mermaid" => draw::mermaid(&p).into_bytes(),
        "html" => html::page(&p, &title).into_bytes(),
        other => return Err(format!("unknown format `{other}`")),
    })
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
