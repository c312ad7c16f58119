//! Pictures of the graph through `diplograph export`: DOT that Graphviz reads without a
//! warning, well-formed GraphML, Cytoscape JSON with the projection's counts, focused views
//! that hold exactly the asked neighbourhood, labels that cannot break out of any format, and
//! an HTML page that fetches nothing. Graphviz checks skip (with a note) only when `dot` is
//! not on PATH.

use crate::common::*;
use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn seed_store() -> TempStore {
    let s = TempStore::new();
    s.ingest(&[&sample(SEED)]);
    s
}

fn sample_store() -> TempStore {
    let s = TempStore::new();
    s.ingest(&[&root().join("data/documents")]);
    s
}

fn export(s: &TempStore, args: &[&str]) -> String {
    let store = s.store();
    let mut all = vec!["--store", &store, "export"];
    all.extend_from_slice(args);
    ok(&all)
}

fn has_dot() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Lay DOT out with Graphviz `dot`; returns its stderr (warnings), or None without Graphviz.
fn graphviz_stderr(dot: &str) -> Option<String> {
    if !has_dot() {
        eprintln!("note: Graphviz `dot` is not on PATH; skipping the layout check");
        return None;
    }
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "dot failed");
    Some(String::from_utf8_lossy(&out.stderr).to_string())
}

/// Node and edge counts from the DOT header comment.
fn dot_counts(dot: &str) -> (usize, usize) {
    let first = dot.lines().next().unwrap();
    let nums: Vec<usize> = first
        .split(|c: char| !c.is_ascii_digit())
        .filter(|x| !x.is_empty())
        .map(|x| x.parse().unwrap())
        .collect();
    (nums[0], nums[1])
}

struct Cyto {
    nodes: Vec<serde_json::Value>,
    edges: Vec<serde_json::Value>,
}

fn cyto(json: &str) -> Cyto {
    let v: serde_json::Value = serde_json::from_str(json).expect("Cytoscape JSON parses");
    Cyto {
        nodes: v["elements"]["nodes"].as_array().expect("nodes").clone(),
        edges: v["elements"]["edges"].as_array().expect("edges").clone(),
    }
}

fn ids(c: &Cyto) -> BTreeSet<String> {
    c.nodes
        .iter()
        .map(|n| n["data"]["id"].as_str().unwrap().to_string())
        .collect()
}

/// (nodes, edges) of a GraphML document, failing on malformed XML.
fn graphml_counts(xml: &str) -> (usize, usize) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut nodes, mut edges, mut depth) = (0, 0, 0i32);
    loop {
        match reader.read_event().expect("well-formed GraphML") {
            Event::Start(e) => {
                depth += 1;
                match e.name().as_ref() {
                    b"node" => nodes += 1,
                    b"edge" => edges += 1,
                    _ => {}
                }
            }
            Event::Empty(e) => match e.name().as_ref() {
                b"node" => nodes += 1,
                b"edge" => edges += 1,
                _ => {}
            },
            Event::End(_) => depth -= 1,
            Event::Text(t) => {
                t.unescape().expect("text unescapes");
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "every element closes");
    (nodes, edges)
}

#[test]
fn dot_of_the_seed_and_of_the_sample_set_lays_out_without_warnings() {
    for s in [seed_store(), sample_store()] {
        let dot = export(&s, &["--format", "dot"]);
        assert!(dot.contains("digraph diplograph {"));
        assert!(dot.contains("cluster_legend"));
        if let Some(stderr) = graphviz_stderr(&dot) {
            assert!(stderr.trim().is_empty(), "Graphviz warned:\n{stderr}");
        }
        // Deterministic: a second export is byte for byte the same.
        assert_eq!(dot, export(&s, &["--format", "dot"]));
    }
}

#[test]
fn graphml_and_cytoscape_have_the_projection_counts() {
    let s = sample_store();
    let (n, e) = dot_counts(&export(&s, &["--format", "dot"]));
    assert!(n > 50 && e > n, "a real graph: {n} nodes, {e} edges");
    let graphml = export(&s, &["--format", "graphml"]);
    assert_eq!(graphml_counts(&graphml), (n, e));
    for key in ["label", "type", "colour", "weight"] {
        assert!(graphml.contains(&format!("attr.name=\"{key}\"")), "{key}");
    }
    let c = cyto(&export(&s, &["--format", "cytoscape"]));
    assert_eq!((c.nodes.len(), c.edges.len()), (n, e));
    let known = ids(&c);
    assert_eq!(known.len(), n, "node ids are unique");
    for edge in &c.edges {
        for end in ["source", "target"] {
            assert!(known.contains(edge["data"][end].as_str().unwrap()));
        }
    }
    // Round trip through serde_json keeps everything.
    let again: serde_json::Value =
        serde_json::from_str(&export(&s, &["--format", "cytoscape"])).unwrap();
    let text = serde_json::to_string(&again).unwrap();
    let back: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(again, back);
}

#[test]
fn focus_on_yeo_is_exactly_his_neighbourhood() {
    let s = seed_store();
    let full = cyto(&export(&s, &["--format", "cytoscape"]));
    let yeo = "person__yeo_seungbae";
    let mut expected: BTreeSet<String> = BTreeSet::from([yeo.to_string()]);
    for e in &full.edges {
        let (a, b) = (
            e["data"]["source"].as_str().unwrap(),
            e["data"]["target"].as_str().unwrap(),
        );
        if a == yeo {
            expected.insert(b.to_string());
        }
        if b == yeo {
            expected.insert(a.to_string());
        }
    }
    let focused = cyto(&export(
        &s,
        &[
            "--format",
            "cytoscape",
            "--focus",
            "Yeo Seung-bae",
            "--depth",
            "1",
        ],
    ));
    let got = ids(&focused);
    assert_eq!(got, expected);
    assert!(got.contains("meeting__asean_korea_dialogue__26"));
    // Depth 2 would bring the series and his fellow co-chair.
    assert!(!got.contains("series__asean_korea_dialogue"));
    assert!(!got.contains("person__vu_ho"));
    // The label matches case-insensitively.
    let lower = cyto(&export(
        &s,
        &["--format", "cytoscape", "--focus", "yeo seung-bae"],
    ));
    assert_eq!(ids(&lower), expected);
    // Depth 2 reaches further.
    let two = cyto(&export(
        &s,
        &[
            "--format",
            "cytoscape",
            "--focus",
            "Yeo Seung-bae",
            "--depth",
            "2",
        ],
    ));
    assert!(ids(&two).contains("person__vu_ho"));
}

#[test]
fn meeting_series_types_and_path_select_parts() {
    let s = sample_store();
    let m = export(
        &s,
        &["--format", "dot", "--meeting", "26th ASEAN-ROK Dialogue"],
    );
    assert!(m.contains("cluster_meeting__asean_korea_dialogue__26"));
    if let Some(stderr) = graphviz_stderr(&m) {
        assert!(stderr.trim().is_empty(), "{stderr}");
    }
    let only = cyto(&export(
        &s,
        &["--format", "cytoscape", "--types", "person,meeting"],
    ));
    assert!(only.nodes.iter().all(|n| {
        let t = n["data"]["type"].as_str().unwrap();
        t == "person" || t == "meeting"
    }));
    let series = cyto(&export(
        &s,
        &["--format", "cytoscape", "--series", "ASEAN-ROK Dialogue"],
    ));
    let got = ids(&series);
    assert!(got.contains("series__asean_korea_dialogue"));
    assert!(got.contains("meeting__asean_korea_dialogue__27"));
    assert!(!got.contains("series__kor_mekong_foreign_ministers_meeting"));
    let path = cyto(&export(
        &s,
        &[
            "--format",
            "cytoscape",
            "--path",
            "Yeo Seung-bae",
            "Min Jae Hoon",
        ],
    ));
    assert!(path.nodes.len() >= 2 && path.edges.len() == path.nodes.len() - 1);
    let since = cyto(&export(&s, &["--format", "cytoscape", "--since", "2023"]));
    assert!(!ids(&since).contains("meeting__asean_korea_dialogue__25"));
    assert!(ids(&since).contains("meeting__asean_korea_dialogue__28"));
}

#[test]
fn big_views_without_a_selection_are_refused_with_a_hint() {
    let s = sample_store();
    let store = s.store();
    let err = refused(&store, &["--format", "dot", "--max-nodes", "20"]);
    assert!(
        err.contains("--focus") && err.contains("--max-nodes"),
        "{err}"
    );
    // A focused view of the same store is fine.
    export(
        &s,
        &["--format", "dot", "--max-nodes", "20", "--focus", "Vu Ho"],
    );
    // An unknown entity is one clear line.
    let out = run(&[
        "--store", &store, "export", "--format", "dot", "--focus", "Nobody",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`Nobody`"));
}

#[test]
fn the_output_extension_picks_the_format() {
    let s = seed_store();
    for (ext, marker) in [
        ("gv", "digraph diplograph"),
        ("dot", "digraph diplograph"),
        ("graphml", "<graphml"),
        ("json", "\"elements\""),
        ("mmd", "graph LR"),
        ("html", "<!DOCTYPE html>"),
        ("ttl", "@prefix"),
    ] {
        let path = s.path().join(format!("out.{ext}"));
        export(&s, &["--output", path.to_str().unwrap()]);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(marker), ".{ext}");
    }
    if has_dot() {
        let path = s.path().join("out.svg");
        export(&s, &["--output", path.to_str().unwrap()]);
        assert!(std::fs::read_to_string(&path).unwrap().contains("<svg"));
    }
}

#[test]
fn svg_without_graphviz_says_how_to_get_it() {
    let s = seed_store();
    let empty = tempfile::tempdir().unwrap();
    let out: Output = Command::new(env!("CARGO_BIN_EXE_diplograph"))
        .args(["--store", &s.store(), "export", "--format", "svg"])
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("Graphviz is not installed: apt-get install graphviz (or use --format dot)"));
}

const NASTY: &str = "Evil \"X<script>alert(1)</script>\"\nPerson \\ back";

/// The seed store plus a graph, written as the store writes them, in which a person with a
/// hostile name co-chairs the 26th dialogue.
fn nasty_store() -> TempStore {
    let s = seed_store();
    let id = "https://w3id.org/diplograph/id/";
    let dg = "https://w3id.org/diplograph/ns#";
    let g = format!("<{id}doc/nasty>");
    let who = format!("<{id}person/evil>");
    let part = format!("<{id}participation/evil>");
    let meeting = format!("<{id}meeting/asean-korea-dialogue/26>");
    let escaped = NASTY
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    let nq = format!(
        "{who} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> {g} .\n\
         {who} <https://schema.org/name> \"{escaped}\" {g} .\n\
         {part} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{dg}Participation> {g} .\n\
         {part} <{dg}participant> {who} {g} .\n\
         {part} <{dg}meeting> {meeting} {g} .\n\
         {part} <{dg}role> \"co-chair\" {g} .\n"
    );
    std::fs::write(
        std::path::Path::new(&s.store()).join("graphs/zz-nasty.nq"),
        nq,
    )
    .unwrap();
    s
}

#[test]
fn a_hostile_label_is_escaped_in_every_format() {
    let s = nasty_store();
    let focus = ["--focus", "Vu Ho", "--depth", "2"];
    let with = |format: &str| {
        let mut args = vec!["--format", format];
        args.extend_from_slice(&focus);
        export(&s, &args)
    };

    let dot = with("dot");
    assert!(
        dot.contains("label=\"Evil \\\"X<script>alert(1)</script>\\\"\\nPerson \\\\ back\""),
        "DOT label escaped"
    );
    if let Some(stderr) = graphviz_stderr(&dot) {
        assert!(stderr.trim().is_empty(), "{stderr}");
    }

    let graphml = with("graphml");
    graphml_counts(&graphml);
    assert!(!graphml.contains("<script"));
    assert!(graphml.contains("&lt;script&gt;"));

    let c = cyto(&with("cytoscape"));
    assert!(c
        .nodes
        .iter()
        .any(|n| n["data"]["label"].as_str() == Some(NASTY)));

    let mermaid = with("mermaid");
    let line = mermaid
        .lines()
        .find(|l| l.contains("person__evil"))
        .expect("the node is drawn");
    assert!(!line.contains("<script") && line.contains("#lt;script#gt;"));
    assert_eq!(
        line.matches('"').count(),
        2,
        "only the label's own quotes: {line}"
    );
    assert!(!mermaid.contains("\nPerson"), "no raw newline in a label");

    let html = with("html");
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("</script>\""));
    assert_eq!(html.matches("<script").count(), 2, "only our two scripts");
    let data = html_data(&html);
    assert!(data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["label"].as_str() == Some(NASTY)));
}

/// The JSON data block of an HTML export.
fn html_data(html: &str) -> serde_json::Value {
    let start = html
        .find("<script type=\"application/json\" id=\"data\">")
        .expect("data block");
    let body = &html[start..];
    let open = body.find('>').unwrap() + 1;
    let close = body.find("</script>").unwrap();
    serde_json::from_str(&body[open..close]).expect("the data block is JSON")
}

#[test]
fn the_html_page_is_self_contained() {
    let s = sample_store();
    let html = export(&s, &["--format", "html", "--series", "ASEAN-ROK Dialogue"]);
    let c = cyto(&export(
        &s,
        &["--format", "cytoscape", "--series", "ASEAN-ROK Dialogue"],
    ));
    let data = html_data(&html);
    let nodes = data["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), c.nodes.len());
    assert_eq!(data["edges"].as_array().unwrap().len(), c.edges.len());
    assert_eq!(html.matches("class=\"node\"").count(), nodes.len());
    assert!(nodes
        .iter()
        .all(|n| n["x"].is_number() && n["y"].is_number()));
    // Nothing is fetched: outside the data block (which holds source links) no URL at all,
    // no src attribute, and a policy that forbids loading anything.
    let start = html.find("<script type=\"application/json\"").unwrap();
    let end = start + html[start..].find("</script>").unwrap();
    let outside = format!("{}{}", &html[..start], &html[end..]);
    assert!(!outside.contains("http:") && !outside.contains("https:"));
    assert!(!outside.contains(" src="));
    assert!(!outside.contains("@import"));
    assert_eq!(
        outside.matches("url(").count(),
        outside.matches("url(#").count(),
        "only references inside the page"
    );
    assert!(html.contains("default-src 'none'"));
    // Evidence sentences travel with their source documents.
    let edges = data["edges"].as_array().unwrap();
    assert!(edges.iter().any(|e| e["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|ev| ev["doc"]["href"]
            .as_str()
            .is_some_and(|h| h.contains("data/documents/")))));
    // Our script is valid JavaScript (checked when Node.js is on PATH).
    let script_at = html.rfind("<script>").unwrap() + "<script>".len();
    let script = &html[script_at..html.rfind("</script>").unwrap()];
    let js = s.path().join("page.js");
    std::fs::write(&js, script).unwrap();
    match Command::new("node").arg("--check").arg(&js).output() {
        Ok(out) => assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) => eprintln!("note: node is not on PATH; skipping the script syntax check"),
    }
    // The same store gives the same page.
    assert_eq!(
        html,
        export(&s, &["--format", "html", "--series", "ASEAN-ROK Dialogue"])
    );
}

#[test]
fn rdf_dumps_refuse_picture_selections() {
    let s = seed_store();
    let store = s.store();
    let out = run(&[
        "--store", &store, "export", "--format", "turtle", "--focus", "Vu Ho",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// Chromium from PATH (Debian's `chromium`, or a `chromium-browser`/`google-chrome`), or None
/// with a note. CI sets DIPLOGRAPH_REQUIRE_BROWSER, which turns a missing browser into a failure.
fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        });
    if found.is_none() {
        assert!(
            std::env::var_os("DIPLOGRAPH_REQUIRE_BROWSER").is_none(),
            "DIPLOGRAPH_REQUIRE_BROWSER is set but no Chromium is on PATH"
        );
        eprintln!("note: no Chromium on PATH; skipping the browser check");
    }
    found
}

/// Run headless Chromium on a page with extra flags; returns stdout.
fn headless(browser: &str, profile: &std::path::Path, flags: &[&str], url: &str) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1280,900",
            // Let the page's script run before the DOM is dumped or the picture taken.
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(flags)
        .arg(url)
        .stdin(Stdio::null())
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// Percent-encode everything but unreserved characters, for a URL fragment.
fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Text as a browser serialises it inside an element.
fn dom_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

/// The share of pixels in a PNG that are not (near) white, and how many distinct colours it has.
fn ink(png_bytes: &[u8]) -> (f64, usize) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    assert!(
        channels >= 3,
        "an RGB screenshot, got {:?}",
        info.color_type
    );
    let pixels = buf[..info.buffer_size()].chunks(channels);
    let (mut inked, mut total) = (0usize, 0usize);
    let mut colours = BTreeSet::new();
    for p in pixels {
        total += 1;
        if p[..3].iter().any(|&c| c < 230) {
            inked += 1;
        }
        colours.insert((p[0], p[1], p[2]));
    }
    (inked as f64 / total as f64, colours.len())
}

#[test]
fn the_html_page_draws_searches_and_shows_in_chromium() {
    let Some(browser) = chromium() else { return };
    let s = sample_store();
    let html = export(&s, &["--format", "html", "--series", "ASEAN-ROK Dialogue"]);
    let page = s.path().join("viewer.html");
    std::fs::write(&page, &html).unwrap();
    let profile = s.path().join("chromium-profile");
    let data = html_data(&html);
    let nodes = data["nodes"].as_array().unwrap();
    let labels: Vec<String> = nodes
        .iter()
        .map(|n| n["label"].as_str().unwrap().to_lowercase())
        .collect();
    // A person whose label is in no other label, so the search finds exactly one node.
    let (target, label) = nodes
        .iter()
        .enumerate()
        .find(|(i, n)| {
            n["type"] == "person"
                && labels
                    .iter()
                    .enumerate()
                    .all(|(j, l)| j == *i || !l.contains(&labels[*i]))
        })
        .map(|(i, n)| (i, n["label"].as_str().unwrap().to_string()))
        .expect("a person with a unique label in the series view");
    let url = format!("file://{}#search={}", page.display(), percent(&label));
    let dom = headless(browser, &profile, &["--dump-dom"], &url);

    // Every node drawn with a box of its own.
    let drawn = dom
        .split("data-drawn=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or_else(|| {
            panic!(
                "the page script did not run:\n{}",
                &dom[..dom.len().min(2000)]
            )
        });
    assert_eq!(drawn, nodes.len(), "nodes drawn");
    // The search from the link found the one node, marked it, and opened its panel.
    assert!(
        dom.contains("<span id=\"found\">1 found</span>"),
        "search result"
    );
    assert!(
        dom.contains(&format!("<g class=\"node hit sel\" data-i=\"{target}\"")),
        "the found node is highlighted and selected"
    );
    assert!(
        dom.contains(&format!(
            "<aside id=\"panel\"><h2>{}</h2>",
            dom_text(&label)
        )),
        "the side panel shows {label}"
    );

    // The picture has ink: labels, circles and edges, in more than a handful of colours.
    let shot = s.path().join("viewer.png");
    let flag = format!("--screenshot={}", shot.display());
    headless(
        browser,
        &profile,
        &[&flag],
        &format!("file://{}", page.display()),
    );
    let (share, colours) = ink(&std::fs::read(&shot).expect("a screenshot"));
    assert!(
        share > 0.02,
        "only {:.2}% of the screenshot is not white",
        share * 100.0
    );
    assert!(colours > 16, "only {colours} colours in the screenshot");
}

/// Node ids and (source, target, label) of the edges of a Cytoscape export.
fn shape(c: &Cyto) -> (BTreeSet<String>, BTreeSet<(String, String, String)>) {
    let edges = c
        .edges
        .iter()
        .map(|e| {
            let d = &e["data"];
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("source"), s("target"), s("label"))
        })
        .collect();
    (ids(c), edges)
}

#[test]
fn a_store_too_big_to_draw_whole_is_refused_first_and_drawn_around_a_focus() {
    let s = sample_store();
    let store = s.store();
    // With --max-nodes 40 the samples count as a big store: more than 5 × 40 nodes could be
    // drawn, so the whole store is refused before it is read, in one line naming --focus.
    let err = refused(&store, &["--format", "dot", "--max-nodes", "40"]);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("not drawn whole") && err.contains("--focus"),
        "{err}"
    );
    // A focused view is built from lookups around the focus, and holds the same nodes and
    // edges as the same view of the whole store's projection.
    for (focus, depth) in [("Vu Ho", "1"), ("Vu Ho", "2"), ("ASEAN", "1")] {
        let args = ["--format", "cytoscape", "--focus", focus, "--depth", depth];
        let whole = cyto(&export(&s, &args));
        let mut bounded_args = args.to_vec();
        bounded_args.extend(["--max-nodes", "40"]);
        let bounded = cyto(&export(&s, &bounded_args));
        assert!(whole.nodes.len() > 2, "{focus}: {}", whole.nodes.len());
        assert_eq!(shape(&whole), shape(&bounded), "{focus} at depth {depth}");
    }
    // The focus itself and its neighbours are there.
    let around = cyto(&export(
        &s,
        &[
            "--format",
            "cytoscape",
            "--focus",
            "Vu Ho",
            "--max-nodes",
            "40",
        ],
    ));
    let labels: BTreeSet<String> = around
        .nodes
        .iter()
        .map(|n| n["data"]["label"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(labels.iter().any(|l| l.contains("Vu Ho")), "{labels:?}");
    assert!(around.edges.len() >= 2, "{}", around.edges.len());
    // A view that gathers more than 5 × --max-nodes nodes keeps the nearest: the focus stays.
    let capped = cyto(&export(
        &s,
        &[
            "--format",
            "cytoscape",
            "--focus",
            "ASEAN",
            "--depth",
            "3",
            "--max-nodes",
            "10",
        ],
    ));
    assert!(capped.nodes.len() <= 50, "{}", capped.nodes.len());
    assert!(capped
        .nodes
        .iter()
        .any(|n| n["data"]["label"].as_str() == Some("ASEAN")));
    // An unknown focus is still one clear line.
    let err = refused(
        &store,
        &["--format", "dot", "--focus", "Nobody", "--max-nodes", "40"],
    );
    assert!(err.contains("`Nobody`"), "{err}");
}

/// Run an export that must be refused (exit 2, nothing on stdout); its stderr.
fn refused(store: &str, args: &[&str]) -> String {
    let mut all = vec!["--store", store, "export"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}");
    String::from_utf8_lossy(&out.stderr).to_string()
}
