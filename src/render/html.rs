//! One self-contained HTML page to explore a graph projection offline.
//!
//! Positions come from a small force-directed layout computed here (Fruchterman–Reingold with a
//! fixed seed, so a store always gives the same picture); the page draws them as inline SVG and
//! carries a short script of our own for pan and zoom, search, type filters and a side panel
//! with facts and evidence sentences. The page fetches nothing: no external script, style, font
//! or image, and a Content-Security-Policy that forbids them. Every string from the data is
//! escaped for its place — [`crate::render::draw::xml_text`] in the SVG, [`script_json`] for the data
//! block — and the script builds the panel with `textContent`, never with HTML strings. Links
//! are only source links: `http(s)` URLs or relative paths of source documents.

use crate::render::draw::{edge_label, xml_text};
use crate::render::projection::{node_id, Doc, Kind, Projection, Rel};
use std::fmt::Write as _;

/// Node positions by a deterministic force-directed layout, in a square of side about
/// `120·√n` around the origin.
pub fn layout(p: &Projection) -> Vec<(f64, f64)> {
    let n = p.node_count();
    if n == 0 {
        return Vec::new();
    }
    let side = 120.0 * (n as f64).sqrt();
    let k = (side * side / n as f64).sqrt() * 0.6;
    // xorshift64*, fixed seed.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rand = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let a = i as f64 * 2.399_963; // golden angle spiral
            let r = side * 0.45 * ((i as f64 + 0.5) / n as f64).sqrt();
            (r * a.cos() + rand() - 0.5, r * a.sin() + rand() - 0.5)
        })
        .collect();
    let mut pairs: Vec<(usize, usize)> = p
        .edges()
        .map(|(a, b, _)| (a.index().min(b.index()), a.index().max(b.index())))
        .collect();
    pairs.sort();
    pairs.dedup();
    let iterations = ((4.0e7 / (n * n) as f64) as usize).clamp(40, 300);
    let mut temp = side / 8.0;
    let cool = temp / iterations as f64;
    let mut disp = vec![(0.0f64, 0.0f64); n];
    for _ in 0..iterations {
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d2 = (dx * dx + dy * dy).max(0.01);
                let f = k * k / d2;
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        for &(a, b) in &pairs {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let f = d / k;
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        for i in 0..n {
            // Gravity keeps separate components on the page.
            disp[i].0 -= pos[i].0 * 0.02 * k / side * 10.0;
            disp[i].1 -= pos[i].1 * 0.02 * k / side * 10.0;
            let d = (disp[i].0 * disp[i].0 + disp[i].1 * disp[i].1).sqrt();
            if d > 0.0 {
                let step = d.min(temp);
                pos[i].0 += disp[i].0 / d * step;
                pos[i].1 += disp[i].1 / d * step;
            }
        }
        temp = (temp - cool).max(1.0);
    }
    pos
}

/// JSON for a `<script type="application/json">` block: `<`, `>` and `&` as `\u` escapes,
/// so no string in the data can close the element or start markup.
pub fn script_json(v: &serde_json::Value) -> String {
    serde_json::to_string(v)
        .expect("JSON values serialise")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A link target for a source document: its `http(s)` URL, else its local path; nothing
/// else (no `javascript:` or other schemes, no protocol-relative `//host` paths).
fn doc_href(d: &Doc) -> Option<String> {
    if let Some(u) = &d.url {
        if u.starts_with("https://") || u.starts_with("http://") {
            return Some(u.clone());
        }
    }
    let s = &d.source;
    (!s.contains(':') && !s.starts_with("//") && !s.is_empty()).then(|| s.clone())
}

fn doc_json(d: &Doc) -> serde_json::Value {
    serde_json::json!({ "title": d.title, "source": d.source, "href": doc_href(d) })
}

fn radius(weight: f64) -> f64 {
    5.0 + 14.0 * weight.sqrt()
}

/// The page.
pub fn page(p: &Projection, title: &str) -> String {
    let pos = layout(p);
    let (mut minx, mut miny, mut maxx, mut maxy) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for (x, y) in &pos {
        minx = minx.min(*x);
        miny = miny.min(*y);
        maxx = maxx.max(*x);
        maxy = maxy.max(*y);
    }
    let pad = 80.0;
    let view = format!(
        "{:.0} {:.0} {:.0} {:.0}",
        minx - pad,
        miny - pad,
        maxx - minx + 2.0 * pad,
        maxy - miny + 2.0 * pad
    );
    let nodes: Vec<serde_json::Value> = p
        .nodes()
        .map(|(i, n)| {
            serde_json::json!({
                "id": node_id(&n.iri),
                "iri": n.iri,
                "label": n.label,
                "type": n.kind.name(),
                "weight": (n.weight * 1e4).round() / 1e4,
                "x": (pos[i.index()].0 * 10.0).round() / 10.0,
                "y": (pos[i.index()].1 * 10.0).round() / 10.0,
                "facts": n.facts,
                "documents": n.documents.iter().map(doc_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let edges: Vec<serde_json::Value> = p
        .edges()
        .map(|(a, b, e)| {
            serde_json::json!({
                "s": a.index(),
                "t": b.index(),
                "label": edge_label(e),
                "type": e.rel.name(),
                "colour": e.colour,
                "evidence": e.evidence.iter().map(|ev| serde_json::json!({
                    "text": ev.text,
                    "doc": ev.doc.as_ref().map(doc_json),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let data = serde_json::json!({ "title": title, "nodes": nodes, "edges": edges });

    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg id=\"graph\" viewBox=\"{view}\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"{}\">",
        xml_text(title)
    );
    svg.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#888888\"/></marker></defs><g id=\"viewport\"><g id=\"edges\">");
    for (k, (a, b, e)) in p.edges().enumerate() {
        let (x1, y1) = pos[a.index()];
        let (x2, y2) = pos[b.index()];
        // Stop the line at the target's rim so the arrow shows.
        let (dx, dy) = (x2 - x1, y2 - y1);
        let d = (dx * dx + dy * dy).sqrt().max(0.01);
        let r = radius(p.graph[b].weight) + 2.0;
        let (ex, ey) = (x2 - dx / d * r, y2 - dy / d * r);
        let dash = match e.rel {
            Rel::Mentioned => " stroke-dasharray=\"2 3\"",
            Rel::Discussed | Rel::MemberOf => " stroke-dasharray=\"5 3\"",
            Rel::Stance if e.negated => " stroke-dasharray=\"5 3\"",
            _ => "",
        };
        let width = if e.rel == Rel::Stance { 1.6 } else { 0.8 };
        let _ = write!(
            svg,
            "<line data-e=\"{k}\" x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{ex:.1}\" y2=\"{ey:.1}\" stroke=\"{}\" stroke-width=\"{width}\"{dash} marker-end=\"url(#arrow)\"><title>{}</title></line>",
            e.colour,
            xml_text(&edge_label(e))
        );
    }
    svg.push_str("</g><g id=\"nodes\">");
    for (i, n) in p.nodes() {
        let (x, y) = pos[i.index()];
        let r = radius(n.weight);
        let _ = write!(
            svg,
            "<g class=\"node\" data-i=\"{}\" data-type=\"{}\" transform=\"translate({x:.1},{y:.1})\"><circle r=\"{r:.1}\" fill=\"{}\"/><text x=\"{:.1}\" y=\"4\">{}</text></g>",
            i.index(),
            n.kind.name(),
            n.kind.colour(),
            r + 3.0,
            xml_text(&n.label)
        );
    }
    svg.push_str("</g></g></svg>");

    let mut filters = String::new();
    for k in Kind::ALL {
        let _ = write!(
            filters,
            "<label><input type=\"checkbox\" data-type=\"{0}\" checked> <span class=\"swatch\" style=\"background:{1}\"></span>{0}</label>",
            k.name(),
            k.colour()
        );
    }

    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", xml_text(title));
    out.push_str("<style>");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<header>");
    let _ = write!(
        out,
        "<h1>{}</h1><span id=\"count\">{} nodes, {} edges</span>",
        xml_text(title),
        p.node_count(),
        p.edge_count()
    );
    out.push_str("<input id=\"search\" type=\"search\" placeholder=\"Search a label, Enter for next\" autocomplete=\"off\"><span id=\"found\"></span>");
    let _ = write!(out, "<span id=\"filters\">{filters}</span>");
    out.push_str("</header>\n<main>");
    out.push_str(&svg);
    out.push_str("<aside id=\"panel\"><p class=\"hint\">Click a node to see its facts and the sentences behind its edges. Drag to pan, wheel to zoom.</p></aside></main>\n");
    let _ = writeln!(
        out,
        "<script type=\"application/json\" id=\"data\">{}</script>",
        script_json(&data)
    );
    out.push_str("<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

const CSS: &str = r##"
*{box-sizing:border-box}body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#222;height:100vh;display:flex;flex-direction:column}
header{display:flex;flex-wrap:wrap;gap:.6em 1em;align-items:center;padding:.5em 1em;border-bottom:1px solid #ddd;background:#fafafa}
h1{font-size:1.05em;margin:0}#count,#found{color:#666}#search{width:18em;padding:.25em .4em}
#filters label{margin-right:.6em;white-space:nowrap}.swatch{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.25em;vertical-align:-1px;border:1px solid #777}
main{flex:1;display:flex;min-height:0}#graph{flex:1;min-width:0;height:100%;cursor:grab;background:#fff;user-select:none}
#graph.dragging{cursor:grabbing}.node{cursor:pointer}.node circle{stroke:#555;stroke-width:.8}.node text{font-size:11px;fill:#222;paint-order:stroke;stroke:#fff;stroke-width:3px}
.node.hit circle{stroke:#d7191c;stroke-width:4}.node.sel circle{stroke:#000;stroke-width:3}.hidden{display:none}
#panel{width:24em;max-width:40%;overflow:auto;padding:.6em 1em;border-left:1px solid #ddd;background:#fcfcfc}
#panel h2{font-size:1.05em;margin:.2em 0 .4em}#panel dl{margin:0 0 .6em}#panel dt{font-weight:600;color:#555}#panel dd{margin:0 0 .3em 1em}
#panel li{margin-bottom:.4em}.ev{display:block;margin:.2em 0 .2em .8em;color:#444;font-style:italic}.hint{color:#777}
.rel{font-weight:600}
"##;

const SCRIPT: &str = r##"
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var svg = document.getElementById("graph");
  var viewport = document.getElementById("viewport");
  var panel = document.getElementById("panel");
  var nodeEls = Array.prototype.slice.call(document.querySelectorAll("#nodes .node"));
  var edgeEls = Array.prototype.slice.call(document.querySelectorAll("#edges line"));
  var view = { x: 0, y: 0, k: 1 };
  function apply() {
    viewport.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")");
  }
  function svgPoint(clientX, clientY) {
    var pt = svg.createSVGPoint();
    pt.x = clientX; pt.y = clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse());
  }
  // Pan by dragging the background.
  var drag = null;
  svg.addEventListener("pointerdown", function (e) {
    if (e.target.closest && e.target.closest(".node")) return;
    var p = svgPoint(e.clientX, e.clientY);
    drag = { x: p.x - view.x, y: p.y - view.y };
    svg.classList.add("dragging");
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointermove", function (e) {
    if (!drag) return;
    var p = svgPoint(e.clientX, e.clientY);
    view.x = p.x - drag.x; view.y = p.y - drag.y;
    apply();
  });
  function endDrag() { drag = null; svg.classList.remove("dragging"); }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);
  // Zoom around the pointer.
  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    var p = svgPoint(e.clientX, e.clientY);
    var f = Math.exp(-e.deltaY * 0.0015);
    var k = Math.min(20, Math.max(0.05, view.k * f));
    f = k / view.k;
    view.x = p.x - (p.x - view.x) * f;
    view.y = p.y - (p.y - view.y) * f;
    view.k = k;
    apply();
  }, { passive: false });
  // Centre a node in the view.
  function centre(i) {
    var vb = svg.viewBox.baseVal;
    var n = data.nodes[i];
    if (view.k < 1.5) view.k = 1.5;
    view.x = vb.x + vb.width / 2 - n.x * view.k;
    view.y = vb.y + vb.height / 2 - n.y * view.k;
    apply();
  }
  // Type filters.
  var hiddenTypes = {};
  function refilter() {
    nodeEls.forEach(function (el) {
      el.classList.toggle("hidden", !!hiddenTypes[el.getAttribute("data-type")]);
    });
    edgeEls.forEach(function (el, k) {
      var e = data.edges[k];
      el.classList.toggle("hidden", !!(hiddenTypes[data.nodes[e.s].type] || hiddenTypes[data.nodes[e.t].type]));
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("#filters input"), function (box) {
    box.addEventListener("change", function () {
      hiddenTypes[box.getAttribute("data-type")] = !box.checked;
      refilter();
    });
  });
  // Search: highlight every match, centre on one; Enter moves to the next.
  var search = document.getElementById("search");
  var found = document.getElementById("found");
  var hits = [], hitAt = 0;
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    hits = [];
    nodeEls.forEach(function (el) { el.classList.remove("hit"); });
    if (q) {
      data.nodes.forEach(function (n, i) {
        if (n.label.toLowerCase().indexOf(q) >= 0 || n.iri.toLowerCase() === q) hits.push(i);
      });
    }
    hits.forEach(function (i) { nodeEls[i].classList.add("hit"); });
    found.textContent = q ? hits.length + " found" : "";
    hitAt = 0;
    if (hits.length) { centre(hits[0]); show(hits[0]); }
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && hits.length) {
      hitAt = (hitAt + 1) % hits.length;
      centre(hits[hitAt]); show(hits[hitAt]);
    }
  });
  // The side panel, built with textContent only.
  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) x.textContent = text;
    if (cls) x.className = cls;
    return x;
  }
  function docLink(d) {
    if (!d) return null;
    if (d.href) {
      var a = el("a", d.title);
      a.setAttribute("href", d.href);
      a.setAttribute("rel", "noopener noreferrer");
      a.setAttribute("target", "_blank");
      return a;
    }
    return el("span", d.title);
  }
  function show(i) {
    var n = data.nodes[i];
    nodeEls.forEach(function (x) { x.classList.remove("sel"); });
    nodeEls[i].classList.add("sel");
    panel.textContent = "";
    panel.appendChild(el("h2", n.label));
    var dl = el("dl");
    n.facts.forEach(function (f) { dl.appendChild(el("dt", f[0])); dl.appendChild(el("dd", f[1])); });
    dl.appendChild(el("dt", "IRI")); dl.appendChild(el("dd", n.iri));
    panel.appendChild(dl);
    if (n.documents.length) {
      panel.appendChild(el("h3", "Reported in"));
      var ul = el("ul");
      n.documents.forEach(function (d) { var li = el("li"); li.appendChild(docLink(d)); ul.appendChild(li); });
      panel.appendChild(ul);
    }
    var rel = el("ul");
    data.edges.forEach(function (e) {
      if (e.s !== i && e.t !== i) return;
      var li = el("li");
      var other = data.nodes[e.s === i ? e.t : e.s];
      if (e.s === i) {
        li.appendChild(el("span", e.label + " ", "rel"));
        li.appendChild(el("span", other.label));
      } else {
        li.appendChild(el("span", other.label + " "));
        li.appendChild(el("span", e.label, "rel"));
      }
      li.firstChild.style.color = e.colour;
      e.evidence.forEach(function (ev) {
        var q = el("span", "\u201c" + ev.text + "\u201d ", "ev");
        var a = docLink(ev.doc);
        if (a) q.appendChild(a);
        li.appendChild(q);
      });
      li.addEventListener("click", function (ev) {
        if (ev.target.tagName === "A") return;
        var j = data.nodes.indexOf(other); centre(j); show(j);
      });
      rel.appendChild(li);
    });
    if (rel.childNodes.length) { panel.appendChild(el("h3", "Relations")); panel.appendChild(rel); }
  }
  nodeEls.forEach(function (x, i) { x.addEventListener("click", function () { show(i); }); });
  // A link can carry a search: page.html#search=Kang%20Kyung-wha opens on that node.
  function fromHash() {
    var m = /^#search=(.*)$/.exec(location.hash);
    if (!m) return;
    try { search.value = decodeURIComponent(m[1]); } catch (err) { return; }
    runSearch();
  }
  window.addEventListener("hashchange", fromHash);
  apply();
  fromHash();
  // What the browser actually drew, for anyone checking the page (nodes with a non-empty box).
  var drawn = nodeEls.filter(function (x) {
    var b = x.getBoundingClientRect();
    return b.width > 0 && b.height > 0;
  }).length;
  document.getElementById("count").setAttribute("data-drawn", String(drawn));
})();
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let v = serde_json::json!({ "label": "</script><script>alert(1)</script> & co" });
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn only_web_urls_and_relative_paths_are_links() {
        let d = |source: &str, url: Option<&str>| Doc {
            title: "t".into(),
            source: source.into(),
            url: url.map(str::to_string),
        };
        assert_eq!(
            doc_href(&d("a.txt", Some("https://example.org/x"))).as_deref(),
            Some("https://example.org/x")
        );
        assert_eq!(
            doc_href(&d("data/a.txt", None)).as_deref(),
            Some("data/a.txt")
        );
        assert_eq!(doc_href(&d("stdin:abc", Some("javascript:alert(1)"))), None);
        assert_eq!(doc_href(&d("//evil.example/x", None)), None);
    }
}
