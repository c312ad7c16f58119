//! Text formats of a graph projection: DOT, GraphML, Cytoscape.js JSON and Mermaid, and SVG or
//! PNG through Graphviz run as a subprocess.
//!
//! Every writer walks the projection in its order (nodes by IRI, edges sorted), names nodes by
//! [`crate::render::projection::node_id`], and escapes every string through one function per format
//! ([`dot_str`], [`xml_text`], [`mermaid_str`]; JSON through serde). It does not read the store
//! and does not decide what is shown: that is [`crate::render::projection`]'s job.

use crate::render::projection::{node_id, Kind, Projection, Rel, STANCE_LEGEND};
use crate::vocab;
use petgraph::graph::NodeIndex;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

/// A DOT string literal, quotes included: backslashes and quotes escaped, newlines as `\n`
/// (a centred line break), other control characters as spaces; non-ASCII kept as UTF-8.
pub fn dot_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for XML content and attribute values: markup characters as entities, newlines as
/// character references, characters XML 1.0 forbids dropped.
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A Mermaid label, quotes included: everything Mermaid reads as syntax written as its
/// `#code;` entity, newlines as spaces.
pub fn mermaid_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn shape(k: Kind) -> &'static str {
    match k {
        Kind::Meeting => "box",
        Kind::Series => "folder",
        Kind::State => "hexagon",
        Kind::Person => "ellipse",
        Kind::Mechanism => "component",
        Kind::Issue => "note",
    }
}

/// The label an edge shows, with the number of statements it folds.
pub fn edge_label(e: &crate::render::projection::Edge) -> String {
    if e.rel == Rel::Stance && e.count > 1 {
        format!("{} ({})", e.label, e.count)
    } else {
        e.label.clone()
    }
}

/// Which nodes sit in which cluster: meetings (and their series) per series; with
/// `by_meeting`, each meeting with the people whose first shown meeting it is.
fn clusters(p: &Projection, by_meeting: bool) -> BTreeMap<NodeIndex, Vec<NodeIndex>> {
    let mut home: BTreeMap<NodeIndex, NodeIndex> = BTreeMap::new();
    let index: BTreeMap<&str, NodeIndex> = p.nodes().map(|(i, n)| (n.iri.as_str(), i)).collect();
    for (i, n) in p.nodes() {
        if by_meeting {
            match n.kind {
                Kind::Meeting => {
                    home.insert(i, i);
                }
                Kind::Person => {
                    let first = p
                        .graph
                        .neighbors_directed(i, petgraph::Direction::Outgoing)
                        .filter(|m| p.graph[*m].kind == Kind::Meeting)
                        .min();
                    if let Some(m) = first {
                        home.insert(i, m);
                    }
                }
                _ => {}
            }
        } else {
            match n.kind {
                Kind::Series => {
                    home.insert(i, i);
                }
                Kind::Meeting => {
                    if let Some(s) = n.series.as_deref().and_then(|s| index.get(s)) {
                        home.insert(i, *s);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out: BTreeMap<NodeIndex, Vec<NodeIndex>> = BTreeMap::new();
    for (n, c) in home {
        out.entry(c).or_default().push(n);
    }
    out
}

/// Graphviz DOT.
pub fn dot(p: &Projection, title: &str, by_meeting: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "// diplograph: {} nodes, {} edges",
        p.node_count(),
        p.edge_count()
    );
    s.push_str("digraph diplograph {\n");
    let _ = writeln!(
        s,
        "  graph [charset=\"UTF-8\", newrank=true, rankdir=LR, fontname=\"Helvetica\", fontsize=12, labelloc=t, label={}, overlap=false, outputorder=edgesfirst, nodesep=0.15, ranksep=0.6];",
        dot_str(title)
    );
    s.push_str("  node [fontname=\"Helvetica\", fontsize=10, style=filled, color=\"#555555\", penwidth=0.8];\n");
    s.push_str("  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.6];\n");
    let node_line = |i: NodeIndex| {
        let n = &p.graph[i];
        let style = if n.kind == Kind::Meeting {
            "filled,rounded"
        } else {
            "filled"
        };
        let facts: Vec<String> = n.facts.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        format!(
            "{} [label={}, shape={}, style={}, fillcolor=\"{}\", fontsize={:.1}, tooltip={}];",
            dot_str(&node_id(&n.iri)),
            dot_str(&n.label),
            shape(n.kind),
            dot_str(style),
            n.kind.colour(),
            9.0 + 9.0 * n.weight.sqrt(),
            dot_str(&facts.join("\n")),
        )
    };
    let clusters = clusters(p, by_meeting);
    let mut placed = std::collections::BTreeSet::new();
    for (c, members) in &clusters {
        let head = &p.graph[*c];
        let _ = writeln!(
            s,
            "  subgraph {} {{\n    label={}; style=\"rounded,dashed\"; color=\"{}\"; fontcolor=\"#444444\";",
            dot_str(&format!("cluster_{}", node_id(&head.iri))),
            dot_str(&head.label),
            head.kind.colour()
        );
        for m in members {
            let _ = writeln!(s, "    {}", node_line(*m));
            placed.insert(*m);
        }
        s.push_str("  }\n");
    }
    for (i, _) in p.nodes() {
        if !placed.contains(&i) {
            let _ = writeln!(s, "  {}", node_line(i));
        }
    }
    for (a, b, e) in p.edges() {
        let mut attrs = vec![
            format!("color=\"{}\"", e.colour),
            format!("tooltip={}", dot_str(&edge_tooltip(e))),
        ];
        match e.rel {
            Rel::Mentioned => attrs.push("style=dotted".into()),
            Rel::Discussed | Rel::MemberOf => attrs.push("style=dashed".into()),
            Rel::Stance => {
                attrs.push(format!("label={}", dot_str(&edge_label(e))));
                attrs.push(format!("fontcolor=\"{}\"", e.colour));
                attrs.push(format!("penwidth={:.1}", 1.0 + (e.count as f64).sqrt()));
                if e.negated {
                    attrs.push("style=dashed".into());
                }
            }
            _ => attrs.push(format!("label={}", dot_str(&e.label))),
        }
        let _ = writeln!(
            s,
            "  {} -> {} [{}];",
            dot_str(&node_id(&p.graph[a].iri)),
            dot_str(&node_id(&p.graph[b].iri)),
            attrs.join(", ")
        );
    }
    // The legend: one HTML-like table; its text is ours, so it needs no escaping.
    s.push_str("  subgraph cluster_legend {\n    label=\"Legend\"; style=\"rounded\"; color=\"#999999\"; fontcolor=\"#444444\";\n");
    s.push_str("    legend [shape=plaintext, style=\"\", label=<<table border=\"0\" cellborder=\"0\" cellspacing=\"2\">");
    for k in Kind::ALL {
        let _ = write!(
            s,
            "<tr><td bgcolor=\"{}\" width=\"14\"> </td><td align=\"left\">{} ({})</td></tr>",
            k.colour(),
            k.name(),
            shape(k)
        );
    }
    for (label, colour) in STANCE_LEGEND {
        let _ = write!(
            s,
            "<tr><td><font color=\"{colour}\">&#9472;&#9654;</font></td><td align=\"left\"><font color=\"{colour}\">{label}</font></td></tr>"
        );
    }
    s.push_str("</table>>];\n  }\n}\n");
    s
}

fn edge_tooltip(e: &crate::render::projection::Edge) -> String {
    let mut t = edge_label(e);
    for ev in e.evidence.iter().take(3) {
        t.push('\n');
        t.push_str(&ev.text);
    }
    t
}

/// GraphML with label, type, colour and weight on nodes and edges.
pub fn graphml(p: &Projection) -> String {
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<graphml xmlns=\"{}\" xmlns:xsi=\"{}\" xsi:schemaLocation=\"{} {}\">",
        vocab::GRAPHML_NS,
        vocab::XSI_NS,
        vocab::GRAPHML_NS,
        vocab::GRAPHML_SCHEMA
    );
    for (id, on, name, ty) in [
        ("label", "node", "label", "string"),
        ("type", "node", "type", "string"),
        ("colour", "node", "colour", "string"),
        ("weight", "node", "weight", "double"),
        ("iri", "node", "iri", "string"),
        ("elabel", "edge", "label", "string"),
        ("etype", "edge", "type", "string"),
        ("ecolour", "edge", "colour", "string"),
        ("eweight", "edge", "weight", "double"),
        ("stance", "edge", "stance", "string"),
    ] {
        let _ = writeln!(
            s,
            "  <key id=\"{id}\" for=\"{on}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    s.push_str("  <graph id=\"diplograph\" edgedefault=\"directed\">\n");
    for (_, n) in p.nodes() {
        let _ = writeln!(
            s,
            "    <node id=\"{}\"><data key=\"label\">{}</data><data key=\"type\">{}</data><data key=\"colour\">{}</data><data key=\"weight\">{:.4}</data><data key=\"iri\">{}</data></node>",
            xml_text(&node_id(&n.iri)),
            xml_text(&n.label),
            n.kind.name(),
            n.kind.colour(),
            n.weight,
            xml_text(&n.iri)
        );
    }
    for (k, (a, b, e)) in p.edges().enumerate() {
        let stance = e
            .stance
            .as_ref()
            .map(|c| format!("<data key=\"stance\">{}</data>", xml_text(c)))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "    <edge id=\"e{k}\" source=\"{}\" target=\"{}\"><data key=\"elabel\">{}</data><data key=\"etype\">{}</data><data key=\"ecolour\">{}</data><data key=\"eweight\">{}</data>{stance}</edge>",
            xml_text(&node_id(&p.graph[a].iri)),
            xml_text(&node_id(&p.graph[b].iri)),
            xml_text(&edge_label(e)),
            xml_text(e.rel.name()),
            e.colour,
            e.count
        );
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

/// Cytoscape.js elements JSON.
pub fn cytoscape(p: &Projection) -> String {
    let nodes: Vec<serde_json::Value> = p
        .nodes()
        .map(|(_, n)| {
            serde_json::json!({ "data": {
                "id": node_id(&n.iri),
                "label": n.label,
                "type": n.kind.name(),
                "colour": n.kind.colour(),
                "weight": (n.weight * 1e4).round() / 1e4,
                "iri": n.iri,
            }})
        })
        .collect();
    let edges: Vec<serde_json::Value> = p
        .edges()
        .enumerate()
        .map(|(k, (a, b, e))| {
            serde_json::json!({ "data": {
                "id": format!("e{k}"),
                "source": node_id(&p.graph[a].iri),
                "target": node_id(&p.graph[b].iri),
                "label": edge_label(e),
                "type": e.rel.name(),
                "colour": e.colour,
                "weight": e.count,
                "stance": e.stance,
                "negated": e.negated,
                "evidence": e.evidence.iter().map(|ev| ev.text.clone()).collect::<Vec<_>>(),
            }})
        })
        .collect();
    let v = serde_json::json!({ "elements": { "nodes": nodes, "edges": edges } });
    let mut out = serde_json::to_string_pretty(&v).expect("JSON values serialise");
    out.push('\n');
    out
}

/// Mermaid flowchart, for Markdown reports.
pub fn mermaid(p: &Projection) -> String {
    let mut s = String::from("graph LR\n");
    for k in Kind::ALL {
        let _ = writeln!(
            s,
            "  classDef {} fill:{},stroke:#555555,color:#111111",
            k.name(),
            k.colour()
        );
    }
    for (_, n) in p.nodes() {
        let label = mermaid_str(&n.label);
        let id = node_id(&n.iri);
        let shaped = match n.kind {
            Kind::Meeting => format!("{id}[{label}]"),
            Kind::Series => format!("{id}[[{label}]]"),
            Kind::State => format!("{id}{{{{{label}}}}}"),
            Kind::Person => format!("{id}({label})"),
            Kind::Mechanism => format!("{id}[/{label}/]"),
            Kind::Issue => format!("{id}>{label}]"),
        };
        let _ = writeln!(s, "  {shaped}:::{}", n.kind.name());
    }
    let mut styles = Vec::new();
    for (k, (a, b, e)) in p.edges().enumerate() {
        let arrow = match e.rel {
            Rel::Mentioned | Rel::MemberOf => "-.->",
            _ => "-->",
        };
        let _ = writeln!(
            s,
            "  {} {arrow}|{}| {}",
            node_id(&p.graph[a].iri),
            mermaid_str(&edge_label(e)),
            node_id(&p.graph[b].iri)
        );
        if e.rel == Rel::Stance {
            styles.push(format!("  linkStyle {k} stroke:{}", e.colour));
        }
    }
    for l in styles {
        s.push_str(&l);
        s.push('\n');
    }
    s
}

/// The Graphviz engine for a view: `dot` for small ones, `sfdp` above 150 nodes.
pub fn engine_for(nodes: usize) -> &'static str {
    if nodes <= 150 {
        "dot"
    } else {
        "sfdp"
    }
}

/// Why Graphviz did not draw a picture.
#[derive(Debug, thiserror::Error)]
pub enum GraphvizError {
    #[error("Graphviz is not installed: apt-get install graphviz (or use --format dot)")]
    Missing,
    #[error("{engine}: {source}")]
    Io {
        engine: String,
        source: std::io::Error,
    },
    #[error("{engine} failed: {stderr}")]
    Failed { engine: String, stderr: String },
}

/// Render DOT to `svg` or `png` with a Graphviz engine.
pub fn graphviz(dot: &str, format: &str, engine: &str) -> Result<Vec<u8>, GraphvizError> {
    let io = |source| GraphvizError::Io {
        engine: engine.to_string(),
        source,
    };
    let mut cmd = Command::new(engine);
    cmd.arg(format!("-T{format}"));
    if format == "png" {
        // At most 30 inches (2880 pixels) a side: big views shrink instead of making huge files.
        cmd.arg("-Gsize=30,30");
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GraphvizError::Missing,
            _ => io(e),
        })?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = dot.as_bytes().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().map_err(io)?;
    let _ = writer.join();
    if !out.status.success() {
        return Err(GraphvizError::Failed {
            engine: engine.to_string(),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    Ok(out.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NASTY: &str = "the \"X<script>alert(1)</script>\" \\ Initiative\nline 2 — Việt";

    #[test]
    fn dot_strings_escape_quotes_backslashes_and_newlines() {
        assert_eq!(
            dot_str(NASTY),
            "\"the \\\"X<script>alert(1)</script>\\\" \\\\ Initiative\\nline 2 — Việt\""
        );
    }

    #[test]
    fn xml_and_mermaid_have_no_raw_markup() {
        let x = xml_text(NASTY);
        assert!(!x.contains('<') && !x.contains('"') && !x.contains('\n'));
        let m = mermaid_str(NASTY);
        let inner = &m[1..m.len() - 1];
        assert!(!inner.contains('<') && !inner.contains('"') && !inner.contains('\n'));
        assert!(inner.contains("Việt"));
    }
}
