//! Exports of the store: pictures of the graph and RDF dumps.
//!
//! `--format` picks the output; without it, the extension of `--output` decides. Pictures
//! (`dot`, `svg`, `png`, `graphml`, `cytoscape`, `mermaid`, `html`) go through the projection
//! in [`crate::render::projection`] and the writers in [`crate::render::draw`] and [`crate::render::html`]; RDF dumps
//! (`turtle`, `nquads`, `trig`, `jsonld`) through Oxigraph's serialisers. Reads the store,
//! writes only to the output.

use super::draw::{self, GraphvizError};
use super::html;
use super::projection::{self, Kind, ProjectionError, Selection};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, Quad, Term};
use oxigraph::store::{StorageError, Store};
use std::io::Write;
use std::path::PathBuf;

/// What to export: the plain request the command line and the server build.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    /// A format name or alias (`dot`, `gv`, `ttl`, …); `None`: from the output's extension.
    pub format: Option<String>,
    /// Write to this file instead of the caller's writer.
    pub output: Option<PathBuf>,
    pub focus: Option<String>,
    pub depth: usize,
    pub meeting: Option<String>,
    pub series: Option<String>,
    /// Node types by name; unknown names are refused.
    pub types: Vec<String>,
    pub since: Option<i32>,
    pub until: Option<i32>,
    /// Two entities whose shortest connection is shown, or nothing.
    pub path: Vec<String>,
    /// Refuse pictures of more nodes than this unless the selection focuses.
    pub max_nodes: usize,
    /// RDF dumps: add the W3C Web Annotation form of every span (annotation, target,
    /// position and quote selectors) to the compact NIF form the store keeps.
    pub web_annotations: bool,
}

/// An export format: a picture of the graph, or an RDF dump.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Dot,
    Svg,
    Png,
    GraphMl,
    Cytoscape,
    Mermaid,
    Html,
    Turtle,
    NQuads,
    TriG,
    JsonLd,
    Events,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 12] = [
        Self::Dot,
        Self::Svg,
        Self::Png,
        Self::GraphMl,
        Self::Cytoscape,
        Self::Mermaid,
        Self::Html,
        Self::Turtle,
        Self::NQuads,
        Self::TriG,
        Self::JsonLd,
        Self::Events,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Self::Dot => "dot",
            Self::Svg => "svg",
            Self::Png => "png",
            Self::GraphMl => "graphml",
            Self::Cytoscape => "cytoscape",
            Self::Mermaid => "mermaid",
            Self::Html => "html",
            Self::Turtle => "turtle",
            Self::NQuads => "nquads",
            Self::TriG => "trig",
            Self::JsonLd => "jsonld",
            Self::Events => "events",
        }
    }

    /// File extensions that imply the format, the usual one first.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Dot => &["dot", "gv"],
            Self::Svg => &["svg"],
            Self::Png => &["png"],
            Self::GraphMl => &["graphml"],
            Self::Cytoscape => &["json"],
            Self::Mermaid => &["mmd"],
            Self::Html => &["html", "htm"],
            Self::Turtle => &["ttl"],
            Self::NQuads => &["nq"],
            Self::TriG => &["trig"],
            Self::JsonLd => &["jsonld"],
            Self::Events => &["csv"],
        }
    }

    /// The media type of the output.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Dot => "text/vnd.graphviz",
            Self::Svg => "image/svg+xml",
            Self::Png => "image/png",
            Self::GraphMl => "application/graphml+xml",
            Self::Cytoscape => "application/json",
            Self::Mermaid => "text/plain",
            Self::Html => "text/html",
            Self::Turtle => "text/turtle",
            Self::NQuads => "application/n-quads",
            Self::TriG => "application/trig",
            Self::JsonLd => "application/ld+json",
            Self::Events => "text/csv",
        }
    }

    /// Whether the format is an RDF dump (not a picture).
    pub fn is_rdf(self) -> bool {
        matches!(
            self,
            Self::Turtle | Self::NQuads | Self::TriG | Self::JsonLd
        )
    }

    /// A name or alias as `--format` takes it, in any case.
    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.to_ascii_lowercase();
        let name = match name.as_str() {
            "gv" => "dot",
            "ttl" => "turtle",
            "nq" => "nquads",
            "json" | "cytoscape.js" => "cytoscape",
            "mmd" => "mermaid",
            other => other,
        };
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The format a file extension implies, in any case.
    pub fn from_extension(ext: &str) -> Option<Self> {
        let ext = ext.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }
}

fn format_names() -> String {
    let names: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.name()).collect();
    names.join(", ")
}

fn kind_names() -> String {
    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    names.join(", ")
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot tell the format from the extension `.{0}`; give --format")]
    UnknownExtension(String),
    #[error("unknown format `{0}`; expected one of: {names}", names = format_names())]
    UnknownFormat(String),
    #[error("--types: unknown type `{0}`; expected: {names}", names = kind_names())]
    UnknownType(String),
    #[error("selections (--focus, --meeting, --series, --types, --since, --until, --path) apply to pictures, not to RDF dumps or tables like {0}")]
    SelectionOnDump(&'static str),
    #[error("format not supported by this build")]
    Unsupported,
    /// The picture would be too big to read; the caller should pick a part of the graph.
    #[error("the graph has {nodes} nodes, more than --max-nodes {max}: pick a part with --focus ENTITY [--depth N], --meeting, --series, --types or --since/--until (or raise --max-nodes)")]
    TooManyNodes { nodes: usize, max: usize },
    /// The store is too big to draw whole: refused before it is read, with the selections
    /// that are drawn from bounded lookups.
    #[error("the store has more than {max} nodes to draw (--max-nodes {max}), so it is not drawn whole: pick a part with --focus ENTITY [--depth N], --meeting NAME, --series NAME or --path A B")]
    StoreTooBig { max: usize },
    #[error(transparent)]
    Projection(#[from] ProjectionError),
    #[error(transparent)]
    Graphviz(#[from] GraphvizError),
    #[error(transparent)]
    Dump(#[from] DumpError),
    #[error(transparent)]
    Events(#[from] super::events::EventsError),
    #[error("{path}: {source}", path = .path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Output(#[source] std::io::Error),
}

/// Why an RDF dump failed: the store could not be read or the output not written.
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

fn format_of(req: &ExportRequest) -> Result<ExportFormat, ExportError> {
    if let Some(f) = &req.format {
        return ExportFormat::from_name(f)
            .ok_or_else(|| ExportError::UnknownFormat(f.to_ascii_lowercase()));
    }
    let ext = req
        .output
        .as_ref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str());
    match ext {
        None => Ok(ExportFormat::NQuads),
        Some(ext) => ExportFormat::from_extension(ext)
            .ok_or_else(|| ExportError::UnknownExtension(ext.to_ascii_lowercase())),
    }
}

impl ExportRequest {
    fn selection(&self) -> Result<Selection, ExportError> {
        let types = if self.types.is_empty() {
            None
        } else {
            Some(
                self.types
                    .iter()
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| Kind::parse(t).ok_or_else(|| ExportError::UnknownType(t.clone())))
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

/// Run an export to the request's output file or to `out`.
pub fn run(store: &Store, req: &ExportRequest, out: &mut dyn Write) -> Result<(), ExportError> {
    let format = format_of(req)?;
    if (format.is_rdf() || format == ExportFormat::Events) && req.selects() {
        return Err(ExportError::SelectionOnDump(format.name()));
    }
    let buffer = if format == ExportFormat::Events {
        let mut buffer = Vec::new();
        super::events::write(store, &mut buffer)?;
        buffer
    } else if format.is_rdf() {
        let rdf =
            RdfFormat::from_extension(format.extensions()[0]).ok_or(ExportError::Unsupported)?;
        let mut buffer = Vec::new();
        dump(store, rdf, req.web_annotations, &mut buffer)?;
        buffer
    } else {
        picture(store, req, format)?
    };
    match &req.output {
        Some(path) => std::fs::write(path, &buffer).map_err(|source| ExportError::Write {
            path: path.clone(),
            source,
        }),
        None => out.write_all(&buffer).map_err(ExportError::Output),
    }
}

/// How many candidate nodes a picture may gather per node it may show (`max_nodes`): a store
/// with more is not projected whole, and a focused view walks out until it has this many.
pub const CANDIDATES: usize = 5;

/// A graph format: project, select, refuse oversize views, write.
fn picture(
    store: &Store,
    req: &ExportRequest,
    format: ExportFormat,
) -> Result<Vec<u8>, ExportError> {
    let sel = req.selection()?;
    // A store of up to CANDIDATES times the picture's size is projected whole, as always; a
    // bigger one only around what a focused selection names, and not at all without one.
    let cap = req.max_nodes.saturating_mul(CANDIDATES).max(1);
    let p = if projection::count_nodes(store, cap)? <= cap {
        projection::project(store)?.select(&sel)?
    } else if sel.is_focused() {
        projection::project_around(store, &sel, cap)?
    } else {
        return Err(ExportError::StoreTooBig { max: req.max_nodes });
    };
    if !sel.is_focused() && p.node_count() > req.max_nodes {
        return Err(ExportError::TooManyNodes {
            nodes: p.node_count(),
            max: req.max_nodes,
        });
    }
    let title = req.title();
    let by_meeting = req.meeting.is_some();
    Ok(match format {
        ExportFormat::Dot => draw::dot(&p, &title, by_meeting).into_bytes(),
        ExportFormat::Svg | ExportFormat::Png => draw::graphviz(
            &draw::dot(&p, &title, by_meeting),
            format.name(),
            draw::engine_for(p.node_count()),
        )?,
        ExportFormat::GraphMl => draw::graphml(&p).into_bytes(),
        ExportFormat::Cytoscape => draw::cytoscape(&p).into_bytes(),
        ExportFormat::Mermaid => draw::mermaid(&p).into_bytes(),
        ExportFormat::Html => html::page(&p, &title).into_bytes(),
        ExportFormat::Turtle
        | ExportFormat::NQuads
        | ExportFormat::TriG
        | ExportFormat::JsonLd
        | ExportFormat::Events => {
            unreachable!("RDF dumps and the event table are written, not drawn")
        }
    })
}

/// Every quad of the store; formats without named graphs get the union of all graphs. With
/// `web_annotations`, each span also gets its Web Annotation form (see [`web_annotation`]).
pub fn dump(
    store: &Store,
    format: RdfFormat,
    web_annotations: bool,
    out: &mut Vec<u8>,
) -> Result<(), DumpError> {
    let mut serializer = RdfSerializer::from_format(format);
    for (p, iri) in crate::vocab::PREFIXES {
        serializer = serializer
            .with_prefix(*p, *iri)
            .expect("the vocabulary's prefixes are valid IRIs");
    }
    let mut w = serializer.for_writer(out);
    let mut quads: Vec<Quad> = store.iter().collect::<Result<_, _>>()?;
    if web_annotations {
        let added = web_annotation(&quads);
        quads.extend(added);
    }
    quads.sort_by_cached_key(|q| q.to_string());
    quads.dedup();
    for q in &quads {
        if format.supports_datasets() {
            w.serialize_quad(q)?;
        } else {
            w.serialize_triple(q.as_ref())?;
        }
    }
    w.finish()?;
    Ok(())
}

/// The W3C Web Annotation form of the store's NIF spans: for each span `S` (`doc#char=a,b`)
/// a target with `oa:hasSource` the document, a position selector (`oa:start`, `oa:end`) and
/// a quote selector (`oa:exact`, the text the offsets cover); for each mention (`S
/// itsrdf:taIdentRef E`) an `oa:Annotation` with body `E` and target `S`.
pub fn web_annotation(quads: &[Quad]) -> Vec<Quad> {
    use crate::vocab;
    use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode};
    let texts: std::collections::HashMap<&GraphName, &str> = quads
        .iter()
        .filter(|q| q.predicate.as_str() == vocab::SCHEMA_TEXT)
        .filter_map(|q| match &q.object {
            Term::Literal(l) => Some((&q.graph_name, l.value())),
            _ => None,
        })
        .collect();
    fn n(iri: impl Into<String>) -> NamedNode {
        NamedNode::new_unchecked(iri)
    }
    let mut out = Vec::new();
    for q in quads {
        let NamedOrBlankNode::NamedNode(span) = &q.subject else {
            continue;
        };
        let Some((doc, a, b)) = vocab::parse_span_iri(span.as_str()) else {
            continue;
        };
        let g = q.graph_name.clone();
        let mut add = |s: &NamedNode, p: &str, o: Term| {
            out.push(Quad::new(s.clone(), n(p), o, g.clone()));
        };
        if q.predicate.as_str() == vocab::ITSRDF_TA_IDENT_REF {
            let annotation = n(format!("{}-annotation", span.as_str()));
            add(&annotation, vocab::RDF_TYPE, n(vocab::OA_ANNOTATION).into());
            add(&annotation, vocab::OA_HAS_BODY, q.object.clone());
            add(&annotation, vocab::OA_HAS_TARGET, span.clone().into());
        }
        if q.predicate.as_str() != vocab::NIF_REFERENCE_CONTEXT {
            continue;
        }
        add(span, vocab::OA_HAS_SOURCE, n(doc).into());
        let position = n(format!("{}-position", span.as_str()));
        add(span, vocab::OA_HAS_SELECTOR, position.clone().into());
        add(
            &position,
            vocab::RDF_TYPE,
            n(vocab::OA_TEXT_POSITION_SELECTOR).into(),
        );
        let int = |v: usize| {
            Literal::new_typed_literal(v.to_string(), n(format!("{}integer", vocab::XSD)))
        };
        add(&position, vocab::OA_START, int(a).into());
        add(&position, vocab::OA_END, int(b).into());
        if let Some(exact) = texts.get(&q.graph_name).and_then(|t| t.get(a..b)) {
            let quote = n(format!("{}-quote", span.as_str()));
            add(span, vocab::OA_HAS_SELECTOR, quote.clone().into());
            add(
                &quote,
                vocab::RDF_TYPE,
                n(vocab::OA_TEXT_QUOTE_SELECTOR).into(),
            );
            add(
                &quote,
                vocab::OA_EXACT,
                Literal::new_simple_literal(exact).into(),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_found_by_its_name_and_its_extensions() {
        for f in ExportFormat::ALL {
            assert_eq!(ExportFormat::from_name(f.name()), Some(f));
            assert_eq!(ExportFormat::from_name(&f.name().to_uppercase()), Some(f));
            for ext in f.extensions() {
                assert_eq!(ExportFormat::from_extension(ext), Some(f), "{ext}");
            }
            assert!(f.media_type().contains('/'));
        }
        assert_eq!(ExportFormat::from_name("gv"), Some(ExportFormat::Dot));
        assert_eq!(ExportFormat::from_name("pdf"), None);
        assert_eq!(
            ExportError::UnknownFormat("pdf".into()).to_string(),
            "unknown format `pdf`; expected one of: dot, svg, png, graphml, cytoscape, mermaid, html, turtle, nquads, trig, jsonld, events"
        );
    }
}
