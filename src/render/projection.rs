//! The graph projection behind every picture: the store seen as entities and relations.
//!
//! Nodes are meetings, series, states, people (and unnamed posts that attended), mechanisms
//! and issues; edges are participation (with the role), series membership, series order,
//! discussed issues, mentions, membership and statements. Statements are folded: every
//! statement becomes one speaker → target edge per target, labelled by its stance ("condemned",
//! "welcomed", "called on") and carrying its evidence sentences; statements with the same
//! speaker, target, stance and polarity share one edge with a count. Built only from SPARQL
//! SELECTs over the union of all graphs ([`crate::store::link::select`]); nothing here writes to the
//! store or knows about output formats. Node order is the order of IRIs, so two projections of
//! one store are identical.

use crate::store::link::{select, SelectError};
use crate::vocab::{self, DG};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::Store;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

/// The kinds of node a picture shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Meeting,
    Series,
    State,
    Person,
    Mechanism,
    Issue,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Meeting,
        Kind::Series,
        Kind::State,
        Kind::Person,
        Kind::Mechanism,
        Kind::Issue,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Meeting => "meeting",
            Kind::Series => "series",
            Kind::State => "state",
            Kind::Person => "person",
            Kind::Mechanism => "mechanism",
            Kind::Issue => "issue",
        }
    }

    /// A kind from its name, singular or plural ("people" too).
    pub fn parse(s: &str) -> Option<Kind> {
        let s = s.trim().to_ascii_lowercase();
        let s = match s.as_str() {
            "people" | "persons" => "person",
            "series" => "series",
            other => other.strip_suffix('s').unwrap_or(other),
        };
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }

    /// Colour (fill) of the kind, shared by every format.
    pub fn colour(self) -> &'static str {
        match self {
            Kind::Meeting => "#f2c14e",
            Kind::Series => "#f78154",
            Kind::State => "#4d9de0",
            Kind::Person => "#7bc47f",
            Kind::Mechanism => "#b48ead",
            Kind::Issue => "#cfcfcf",
        }
    }

    fn from_iri(iri: &str) -> Option<Kind> {
        match vocab::kind_of(iri)? {
            "meeting" => Some(Kind::Meeting),
            "series" => Some(Kind::Series),
            "state" => Some(Kind::State),
            "person" | "post" => Some(Kind::Person),
            "mechanism" => Some(Kind::Mechanism),
            "issue" => Some(Kind::Issue),
            _ => None,
        }
    }
}

/// What an edge says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rel {
    /// person → meeting, labelled with the role (co-chair, attendee …)
    Attended,
    /// meeting → series
    PartOf,
    /// meeting → earlier meeting of its series
    PrecededBy,
    /// meeting → issue
    Discussed,
    /// meeting → state, mechanism or meeting its reports mention
    Mentioned,
    /// state → mechanism (reference knowledge)
    MemberOf,
    /// person → state they spoke or sat for
    Represents,
    /// series → state or mechanism taking part
    Party,
    /// speaker → target, from statements
    Stance,
}

impl Rel {
    pub fn name(self) -> &'static str {
        match self {
            Rel::Attended => "attended",
            Rel::PartOf => "part of",
            Rel::PrecededBy => "preceded by",
            Rel::Discussed => "discussed",
            Rel::Mentioned => "mentioned",
            Rel::MemberOf => "member of",
            Rel::Represents => "represents",
            Rel::Party => "party",
            Rel::Stance => "stance",
        }
    }

    /// Colour of non-stance edges.
    pub fn colour(self) -> &'static str {
        match self {
            Rel::Attended => "#3c8d40",
            Rel::PartOf | Rel::PrecededBy => "#c05621",
            Rel::Discussed => "#8a8a8a",
            Rel::Mentioned => "#bbbbbb",
            Rel::MemberOf | Rel::Party => "#6f7fa8",
            Rel::Represents => "#4d9de0",
            Rel::Stance => "#7f7f7f",
        }
    }
}

/// The edge label and colour of a stance, by CAMEO code; `addressed` when the target is the
/// addressee rather than the topic ("called on X" vs "called for X").
pub fn stance_style(code: &str, addressed: bool) -> (&'static str, &'static str) {
    match code {
        "012" => ("expressed concern about", "#e08a00"),
        "013" => ("hoped for", "#66a61e"),
        "018" => ("expressed sympathy with", "#66a61e"),
        "019" => ("agreed on", "#66a61e"),
        "020" | "022" if addressed => ("called on", "#3b73b9"),
        "020" | "022" => ("called for", "#3b73b9"),
        "030" => ("pledged cooperation on", "#1b9e77"),
        "036" => ("intends to meet", "#1b9e77"),
        "040" => ("discussed", "#8c6bb1"),
        "050" => ("cooperated on", "#1a9850"),
        "051" => ("welcomed", "#1a9850"),
        "057" => ("signed", "#1a9850"),
        "100" => ("demanded", "#d95f02"),
        "110" => ("disapproved of", "#d7191c"),
        "111" => ("condemned", "#d7191c"),
        _ => ("stated", "#7f7f7f"),
    }
}

/// The stance families a legend shows: (label, colour).
pub const STANCE_LEGEND: &[(&str, &str)] = &[
    ("condemned / disapproved", "#d7191c"),
    ("demanded", "#d95f02"),
    ("expressed concern", "#e08a00"),
    ("called on / for", "#3b73b9"),
    ("welcomed / cooperated", "#1a9850"),
    ("pledged / intends", "#1b9e77"),
    ("hoped / agreed", "#66a61e"),
    ("discussed", "#8c6bb1"),
    ("stated", "#7f7f7f"),
];

/// A source document.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Doc {
    pub title: String,
    pub source: String,
    pub url: Option<String>,
}

/// A sentence that supports an edge.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Evidence {
    pub text: String,
    pub doc: Option<Doc>,
}

#[derive(Clone, Debug)]
pub struct Node {
    pub iri: String,
    pub kind: Kind,
    pub label: String,
    /// Every name it goes by, for matching.
    pub names: Vec<String>,
    /// Facts for a side panel or tooltip, in display order.
    pub facts: Vec<(String, String)>,
    /// Year of a meeting, when its date has one.
    pub year: Option<i32>,
    /// The series a meeting belongs to.
    pub series: Option<String>,
    /// Documents that report it (meetings).
    pub documents: Vec<Doc>,
    /// Centrality in the shown graph, 0..=1 (1 for the most central node).
    pub weight: f64,
}

#[derive(Clone, Debug)]
pub struct Edge {
    pub rel: Rel,
    pub label: String,
    pub colour: &'static str,
    /// CAMEO code of a stance edge.
    pub stance: Option<String>,
    pub negated: bool,
    /// How many statements (or documents) it folds.
    pub count: usize,
    pub evidence: Vec<Evidence>,
}

/// The projection: a directed graph whose node indices follow IRI order.
#[derive(Clone, Debug, Default)]
pub struct Projection {
    pub graph: DiGraph<Node, Edge>,
}

/// Which part of the graph to show.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub focus: Option<String>,
    pub depth: usize,
    pub meeting: Option<String>,
    pub series: Option<String>,
    pub types: Option<Vec<Kind>>,
    pub since: Option<i32>,
    pub until: Option<i32>,
    pub path: Option<(String, String)>,
}

impl Selection {
    /// Does it pick a neighbourhood (rather than the whole graph)?
    pub fn is_focused(&self) -> bool {
        self.focus.is_some()
            || self.meeting.is_some()
            || self.series.is_some()
            || self.path.is_some()
    }
}

fn prefixes() -> String {
    format!(
        "PREFIX dg: <{DG}> PREFIX schema: <{}> PREFIX skos: <{}> PREFIX org: <{}> PREFIX nif: <{}> PREFIX prov: <{}> PREFIX rdf: <{}> ",
        vocab::SCHEMA,
        vocab::SKOS,
        vocab::ORG,
        vocab::NIF,
        vocab::PROV,
        vocab::RDF_TYPE.trim_end_matches("type"),
    )
}

fn text(t: &Option<Term>) -> Option<String> {
    match t {
        Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        _ => None,
    }
}

/// Why a picture cannot be made: the store could not be read, or a selection names nothing.
#[derive(Debug, thiserror::Error)]
pub enum ProjectionError {
    #[error(transparent)]
    Query(#[from] SelectError),
    #[error("{flag} `{what}`: no{of} node has that name or IRI (try a label as the queries show it, e.g. `diplograph query meetings`)")]
    NotFound {
        flag: &'static str,
        what: String,
        /// The kind looked for, with a leading space, or nothing.
        of: String,
    },
    #[error("--path: `{a}` and `{z}` are not connected")]
    NotConnected { a: String, z: String },
    #[error(transparent)]
    Storage(#[from] oxigraph::store::StorageError),
}

impl ProjectionError {
    /// A selection's name that names no node (of `kind`, when one is asked for).
    fn not_found(flag: &'static str, what: &str, kind: Option<Kind>) -> Self {
        ProjectionError::NotFound {
            flag,
            what: what.to_string(),
            of: kind.map(|k| format!(" {}", k.name())).unwrap_or_default(),
        }
    }
}

fn rows(store: &Store, body: &str) -> Result<Vec<Vec<Option<String>>>, SelectError> {
    let q = format!("{}{body}", prefixes());
    Ok(select(store, &q)?
        .into_iter()
        .map(|r| r.iter().map(text).collect())
        .collect())
}

#[derive(Default)]
struct NodeData {
    names: BTreeSet<String>,
    labels: Vec<(u8, String)>,
    facts: BTreeMap<String, BTreeSet<String>>,
    year: Option<i32>,
    series: Option<String>,
    documents: BTreeSet<Doc>,
}

#[derive(Default)]
struct Builder {
    nodes: BTreeMap<String, NodeData>,
    edges: BTreeMap<(String, String, Rel, String), Edge>,
}

impl Builder {
    fn node(&mut self, iri: &str) -> Option<&mut NodeData> {
        Kind::from_iri(iri)?;
        Some(self.nodes.entry(iri.to_string()).or_default())
    }
    fn edge(&mut self, from: &str, to: &str, rel: Rel, label: &str) -> Option<&mut Edge> {
        if from == to || self.node(from).is_none() || self.node(to).is_none() {
            return None;
        }
        let e = self
            .edges
            .entry((from.to_string(), to.to_string(), rel, label.to_string()))
            .or_insert_with(|| Edge {
                rel,
                label: label.to_string(),
                colour: rel.colour(),
                stance: None,
                negated: false,
                count: 0,
                evidence: Vec::new(),
            });
        // Repeated rows (several documents, optional columns) do not count twice, except
        // for statements, which are counted once each by the caller's rows.
        if rel == Rel::Stance || e.count == 0 {
            e.count += 1;
        }
        Some(e)
    }
    /// An edge only between nodes already present (reference knowledge must not pull in
    /// every state of the world).
    fn edge_if_present(&mut self, from: &str, to: &str, rel: Rel, label: &str) {
        if self.nodes.contains_key(from) && self.nodes.contains_key(to) {
            self.edge(from, to, rel, label);
        }
    }
}

/// Project the whole store.
pub fn project(store: &Store) -> Result<Projection, ProjectionError> {
    let mut b = Builder::default();

    // Documents, for provenance.
    let mut docs: HashMap<String, Doc> = HashMap::new();
    for r in rows(
        store,
        "SELECT ?d ?src ?h ?u WHERE { ?d dg:source ?src OPTIONAL { ?d schema:headline ?h } OPTIONAL { ?d schema:url ?u } }",
    )? {
        let (Some(d), Some(src)) = (&r[0], &r[1]) else { continue };
        let doc = Doc {
            title: r[2].clone().unwrap_or_else(|| src.clone()),
            source: src.clone(),
            url: r[3].clone(),
        };
        // Several headlines or URLs: keep the smallest, so the choice is stable.
        let keep = docs.get(d).is_none_or(|old| doc < *old);
        if keep {
            docs.insert(d.clone(), doc);
        }
    }

    // Meetings, their series and what they were: one query per property, so that a meeting
    // with several dates, places and reports costs their sum, not their product.
    for r in rows(store, "SELECT ?m WHERE { ?m a schema:Event }")? {
        if let Some(m) = &r[0] {
            b.node(m);
        }
    }
    let of_meetings = |pattern: &str| {
        rows(
            store,
            &format!("SELECT ?m ?v WHERE {{ ?m a schema:Event . {pattern} }}"),
        )
    };
    for r in of_meetings("?m schema:startDate ?v")? {
        let (Some(m), Some(date)) = (&r[0], &r[1]) else {
            continue;
        };
        let Some(n) = b.node(m) else { continue };
        n.facts
            .entry("date".into())
            .or_default()
            .insert(date.clone());
        if let Some(y) = date.get(..4).and_then(|y| y.parse::<i32>().ok()) {
            n.year = Some(n.year.map_or(y, |old: i32| old.min(y)));
        }
    }
    for (key, pattern) in [
        ("place", "?m schema:location/schema:name ?v"),
        ("format", "?m dg:format ?v"),
        ("ordinal", "?m dg:ordinal ?v"),
    ] {
        for r in of_meetings(pattern)? {
            let (Some(m), Some(v)) = (&r[0], &r[1]) else {
                continue;
            };
            if let Some(n) = b.node(m) {
                n.facts.entry(key.into()).or_default().insert(v.clone());
            }
        }
    }
    for r in of_meetings("?m dg:reportedIn ?v")? {
        let (Some(m), Some(d)) = (&r[0], &r[1]) else {
            continue;
        };
        if let (Some(n), Some(d)) = (b.node(m), docs.get(d)) {
            n.documents.insert(d.clone());
        }
    }
    for r in of_meetings("?m schema:superEvent ?v")? {
        let (Some(m), Some(s)) = (&r[0], &r[1]) else {
            continue;
        };
        let Some(n) = b.node(m) else { continue };
        if n.series.as_ref().is_none_or(|old| s < old) {
            n.series = Some(s.clone());
        }
        b.edge(m, s, Rel::PartOf, "part of");
    }
    for r in rows(
        store,
        "SELECT ?s ?x WHERE { ?s a schema:EventSeries ; dg:party ?x }",
    )? {
        if let (Some(s), Some(x)) = (&r[0], &r[1]) {
            b.edge(s, x, Rel::Party, "party");
        }
    }
    for r in rows(store, "SELECT ?a ?b WHERE { ?a dg:precededBy ?b }")? {
        if let (Some(a), Some(x)) = (&r[0], &r[1]) {
            b.edge(a, x, Rel::PrecededBy, "preceded by");
        }
    }
    for r in rows(store, "SELECT ?m ?i WHERE { ?m dg:discussed ?i }")? {
        if let (Some(m), Some(i)) = (&r[0], &r[1]) {
            b.edge(m, i, Rel::Discussed, "discussed");
        }
    }
    for r in rows(
        store,
        "SELECT ?m ?x WHERE { ?d schema:about ?m ; schema:mentions ?x }",
    )? {
        if let (Some(m), Some(x)) = (&r[0], &r[1]) {
            if matches!(
                Kind::from_iri(x),
                Some(Kind::State | Kind::Mechanism | Kind::Meeting)
            ) {
                b.edge(m, x, Rel::Mentioned, "mentioned");
            }
        }
    }

    // Participation.
    for r in rows(
        store,
        "SELECT ?who ?m ?role ?post ?state WHERE { ?p a dg:Participation ; dg:participant ?who ; \
         dg:meeting ?m ; dg:role ?role OPTIONAL { ?p dg:post ?post } OPTIONAL { ?p dg:state ?state } }",
    )? {
        let (Some(who), Some(m), Some(role)) = (&r[0], &r[1], &r[2]) else {
            continue;
        };
        b.edge(who, m, Rel::Attended, role);
        if let Some(n) = b.node(who) {
            if let Some(post) = &r[3] {
                n.facts.entry("post".into()).or_default().insert(post.clone());
            }
            n.facts.entry("role".into()).or_default().insert(role.clone());
        }
        if let Some(s) = &r[4] {
            b.edge(who, s, Rel::Represents, "represents");
        }
    }

    // Statements, folded into speaker → target edges.
    let mut targets: HashMap<String, Vec<(String, bool)>> = HashMap::new();
    for r in rows(
        store,
        "SELECT ?st ?t ?how WHERE { ?st a dg:Statement . \
         { ?st dg:about ?t BIND(\"about\" AS ?how) } UNION { ?st dg:addressee ?t BIND(\"to\" AS ?how) } }",
    )? {
        if let (Some(st), Some(t), Some(how)) = (&r[0], &r[1], &r[2]) {
            targets
                .entry(st.clone())
                .or_default()
                .push((t.clone(), how == "to"));
        }
    }
    let participants = vocab::dg("Participants");
    let mut statements = rows(
        store,
        "SELECT ?st ?speaker ?code ?pol ?m ?exact ?doc WHERE { ?st a dg:Statement ; dg:speaker ?speaker ; \
         dg:stance/skos:notation ?code . OPTIONAL { ?st dg:polarity ?pol } OPTIONAL { ?st dg:meeting ?m } \
         OPTIONAL { ?st dg:evidence/nif:anchorOf ?exact } OPTIONAL { ?st prov:wasDerivedFrom ?doc } }",
    )?;
    statements.sort();
    for r in statements {
        let (Some(st), Some(speaker), Some(code)) = (&r[0], &r[1], &r[2]) else {
            continue;
        };
        // A joint statement ("the participants") speaks for its meeting.
        let speaker = if speaker == participants.as_str() {
            match &r[4] {
                Some(m) => m.clone(),
                None => continue,
            }
        } else {
            speaker.clone()
        };
        let negated = r[3].as_deref() == Some("negative");
        let evidence = r[5].as_ref().map(|t| Evidence {
            text: t.clone(),
            doc: r[6].as_ref().and_then(|d| docs.get(d)).cloned(),
        });
        let mut ts = targets.get(st).cloned().unwrap_or_default();
        ts.sort();
        ts.dedup();
        for (t, addressed) in ts {
            let (verb, colour) = stance_style(code, addressed);
            let label = if negated {
                format!("not: {verb}")
            } else {
                verb.to_string()
            };
            if let Some(e) = b.edge(&speaker, &t, Rel::Stance, &label) {
                e.colour = colour;
                e.stance = Some(code.clone());
                e.negated = negated;
                if let Some(ev) = &evidence {
                    if !e.evidence.contains(ev) {
                        e.evidence.push(ev.clone());
                    }
                }
            }
        }
    }

    // Reference knowledge between nodes already shown.
    for r in rows(store, "SELECT ?o ?s WHERE { ?o org:hasMember ?s }")? {
        if let (Some(o), Some(s)) = (&r[0], &r[1]) {
            b.edge_if_present(s, o, Rel::MemberOf, "member of");
        }
    }

    // Names and facts of every node.
    for r in rows(
        store,
        "SELECT ?x ?p ?l WHERE { VALUES ?p { schema:name skos:prefLabel dg:shortLabel dg:acronym skos:notation } ?x ?p ?l }",
    )? {
        let (Some(x), Some(p), Some(l)) = (&r[0], &r[1], &r[2]) else {
            continue;
        };
        let Some(n) = b.nodes.get_mut(x) else {
            continue;
        };
        let local = p.rsplit(['#', '/']).next().unwrap_or("");
        // Lower rank wins as the label.
        let rank = match local {
            "shortLabel" => 0,
            "name" | "prefLabel" => 1,
            "acronym" => 8,
            _ => 9,
        };
        n.labels.push((rank, l.clone()));
        n.names.insert(l.clone());
        match local {
            "acronym" => {
                n.facts.entry("acronym".into()).or_default().insert(l.clone());
            }
            "notation" => {
                n.facts.entry("code".into()).or_default().insert(l.clone());
            }
            "prefLabel" if Kind::from_iri(x) == Some(Kind::State) => {
                n.facts.entry("name".into()).or_default().insert(l.clone());
            }
            _ => {}
        }
    }

    // The graph, in IRI order.
    let mut graph = DiGraph::new();
    let mut index: HashMap<String, NodeIndex> = HashMap::new();
    let series_names: HashMap<String, String> = b
        .nodes
        .iter()
        .map(|(iri, d)| (iri.clone(), best_label(iri, &d.labels)))
        .collect();
    for (iri, d) in &b.nodes {
        let kind = Kind::from_iri(iri).expect("only known kinds are nodes");
        let mut facts: Vec<(String, String)> = vec![("type".into(), kind.name().into())];
        if let Some(s) = d.series.as_ref().and_then(|s| series_names.get(s)) {
            facts.push(("series".into(), s.clone()));
        }
        for (k, vs) in &d.facts {
            facts.push((k.clone(), vs.iter().cloned().collect::<Vec<_>>().join("; ")));
        }
        let mut names: Vec<String> = d.names.iter().cloned().collect();
        names.push(iri.clone());
        let node = Node {
            iri: iri.clone(),
            kind,
            label: series_names[iri].clone(),
            names,
            facts,
            year: d.year,
            series: d.series.clone(),
            documents: d.documents.iter().cloned().collect(),
            weight: 0.0,
        };
        index.insert(iri.clone(), graph.add_node(node));
    }
    for ((from, to, _, _), mut e) in b.edges {
        e.evidence.sort();
        graph.add_edge(index[&from], index[&to], e);
    }
    let mut p = Projection { graph };
    p.weigh();
    Ok(p)
}

/// The graph of `pairs` with every edge made two-way: each node's distinct neighbours, and
/// its degree counting every edge.
fn symmetric(
    n: usize,
    pairs: impl IntoIterator<Item = (usize, usize)>,
) -> (Vec<Vec<usize>>, Vec<f64>) {
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut degree = vec![0.0_f64; n];
    for (a, z) in pairs {
        neighbours[a].push(z);
        neighbours[z].push(a);
        degree[a] += 1.0;
        degree[z] += 1.0;
    }
    for list in &mut neighbours {
        list.sort_unstable();
        list.dedup();
    }
    (neighbours, degree)
}

/// PageRank by power iteration on a symmetric graph given as distinct neighbours and degrees
/// (edges counted with their multiplicity), in time linear in nodes plus edges per iteration.
/// It computes what `petgraph::algo::page_rank` computes (a node without edges spreads its
/// rank over all nodes; every other node gives `1 - damping` of it to all and `damping` to its
/// neighbours, a neighbour receiving its share once however many edges join them), without
/// looking at every pair of nodes.
fn page_rank(
    neighbours: &[Vec<usize>],
    degree: &[f64],
    damping: f64,
    iterations: usize,
) -> Vec<f64> {
    let n = neighbours.len();
    if n == 0 {
        return Vec::new();
    }
    let nb = n as f64;
    let mut ranks = vec![1.0 / nb; n];
    for _ in 0..iterations {
        let spread: Vec<f64> = ranks
            .iter()
            .zip(degree)
            .map(|(r, &d)| {
                if d == 0.0 {
                    damping * r / nb
                } else {
                    (1.0 - damping) * r / nb
                }
            })
            .collect();
        let everyone: f64 = spread.iter().sum();
        let next: Vec<f64> = neighbours
            .iter()
            .map(|list| {
                everyone
                    + list
                        .iter()
                        .map(|&w| damping * ranks[w] / degree[w] - spread[w])
                        .sum::<f64>()
            })
            .collect();
        let sum: f64 = next.iter().sum();
        ranks = next.into_iter().map(|r| r / sum).collect();
    }
    ranks
}

/// The label a node shows: short labels first, then names; among equals the shortest. A
/// mechanism with a long name and an acronym shows the acronym.
fn best_label(iri: &str, labels: &[(u8, String)]) -> String {
    let best = labels
        .iter()
        .filter(|(r, _)| *r < 8)
        .min_by(|a, b| (a.0, a.1.chars().count(), &a.1).cmp(&(b.0, b.1.chars().count(), &b.1)))
        .map(|(_, l)| l.clone())
        .unwrap_or_else(|| iri.rsplit('/').next().unwrap_or(iri).to_string());
    if Kind::from_iri(iri) == Some(Kind::Mechanism) && best.chars().count() > 28 {
        if let Some((_, acronym)) = labels.iter().filter(|(r, _)| *r == 8).min() {
            if acronym.chars().all(|c| !c.is_ascii_digit()) && acronym.len() < best.len() {
                return acronym.clone();
            }
        }
    }
    best
}

impl Projection {
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Nodes in index (= IRI) order.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeIndex, &Node)> {
        self.graph.node_indices().map(move |i| (i, &self.graph[i]))
    }

    /// Edges in insertion (= sorted) order: (from, to, edge).
    pub fn edges(&self) -> impl Iterator<Item = (NodeIndex, NodeIndex, &Edge)> {
        self.graph
            .edge_references()
            .map(|e| (e.source(), e.target(), e.weight()))
    }

    /// Set node weights from PageRank on the graph with every edge made two-way (a direction
    /// says who spoke, not who matters), scaled so the most central node has weight 1.
    pub fn weigh(&mut self) {
        let (neighbours, degree) = symmetric(
            self.node_count(),
            self.graph
                .edge_references()
                .map(|e| (e.source().index(), e.target().index())),
        );
        let ranks = page_rank(&neighbours, &degree, 0.85, 40);
        let max = ranks.iter().cloned().fold(0.0, f64::max);
        for (i, r) in self.graph.node_indices().zip(ranks) {
            self.graph[i].weight = if max > 0.0 { r / max } else { 1.0 };
        }
    }

    /// Nodes that match a name: exact (case-insensitive) on any name or the IRI first; failing
    /// that, those whose label contains it.
    pub fn find(&self, what: &str, kind: Option<Kind>) -> Vec<NodeIndex> {
        let w = what.trim().to_lowercase();
        let fits = |n: &Node| kind.is_none_or(|k| n.kind == k);
        let exact: Vec<NodeIndex> = self
            .nodes()
            .filter(|(_, n)| fits(n) && n.names.iter().any(|x| x.to_lowercase() == w))
            .map(|(i, _)| i)
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        self.nodes()
            .filter(|(_, n)| fits(n) && n.names.iter().any(|x| x.to_lowercase().contains(&w)))
            .map(|(i, _)| i)
            .collect()
    }

    fn find_some(
        &self,
        what: &str,
        kind: Option<Kind>,
        flag: &'static str,
    ) -> Result<Vec<NodeIndex>, ProjectionError> {
        let found = self.find(what, kind);
        if found.is_empty() {
            return Err(ProjectionError::not_found(flag, what, kind));
        }
        Ok(found)
    }

    /// Nodes within `depth` steps of `roots`, edges taken both ways.
    pub fn neighbourhood(&self, roots: &[NodeIndex], depth: usize) -> BTreeSet<NodeIndex> {
        let mut seen: BTreeSet<NodeIndex> = roots.iter().copied().collect();
        let mut queue: VecDeque<(NodeIndex, usize)> = roots.iter().map(|r| (*r, 0)).collect();
        while let Some((n, d)) = queue.pop_front() {
            if d == depth {
                continue;
            }
            let mut next: Vec<NodeIndex> = self.graph.neighbors_undirected(n).collect();
            next.sort();
            for m in next {
                if seen.insert(m) {
                    queue.push_back((m, d + 1));
                }
            }
        }
        seen
    }

    /// A shortest connection between two nodes (edges taken both ways), ties broken by index.
    pub fn shortest_path(&self, a: NodeIndex, b: NodeIndex) -> Option<Vec<NodeIndex>> {
        let mut prev: HashMap<NodeIndex, NodeIndex> = HashMap::new();
        let mut queue = VecDeque::from([a]);
        let mut seen = BTreeSet::from([a]);
        while let Some(n) = queue.pop_front() {
            if n == b {
                let mut path = vec![b];
                let mut cur = b;
                while let Some(p) = prev.get(&cur) {
                    path.push(*p);
                    cur = *p;
                }
                path.reverse();
                return Some(path);
            }
            let mut next: Vec<NodeIndex> = self.graph.neighbors_undirected(n).collect();
            next.sort();
            for m in next {
                if seen.insert(m) {
                    prev.insert(m, n);
                    queue.push_back(m);
                }
            }
        }
        None
    }

    /// The part of the projection a selection asks for, re-weighed.
    pub fn select(&self, sel: &Selection) -> Result<Projection, ProjectionError> {
        let mut base = self.clone();
        if sel.since.is_some() || sel.until.is_some() {
            let keep = |n: &Node| {
                n.kind != Kind::Meeting
                    || n.year.is_some_and(|y| {
                        sel.since.is_none_or(|s| y >= s) && sel.until.is_none_or(|u| y <= u)
                    })
            };
            base = base.induced(|_, n| keep(n));
            // What only dropped meetings held together goes too.
            let isolated: BTreeSet<NodeIndex> = base
                .graph
                .node_indices()
                .filter(|i| base.graph.neighbors_undirected(*i).next().is_none())
                .collect();
            base = base.induced(|i, _| !isolated.contains(&i));
        }
        let mut chosen: Option<BTreeSet<NodeIndex>> = None;
        let mut add = |set: BTreeSet<NodeIndex>| {
            chosen.get_or_insert_with(BTreeSet::new).extend(set);
        };
        if let Some(f) = &sel.focus {
            let roots = base.find_some(f, None, "--focus")?;
            add(base.neighbourhood(&roots, sel.depth));
        }
        if let Some(m) = &sel.meeting {
            let roots = base.find_some(m, Some(Kind::Meeting), "--meeting")?;
            add(base.neighbourhood(&roots, 1));
        }
        if let Some(s) = &sel.series {
            let series = base.find_some(s, Some(Kind::Series), "--series")?;
            let mut roots = series.clone();
            for s in &series {
                roots.extend(
                    base.graph
                        .edges_directed(*s, petgraph::Direction::Incoming)
                        .filter(|e| e.weight().rel == Rel::PartOf)
                        .map(|e| e.source()),
                );
            }
            let mut set = base.neighbourhood(&roots, 1);
            // Other series reached through parties are not part of this one.
            set.retain(|i| base.graph[*i].kind != Kind::Series || series.contains(i));
            add(set);
        }
        if let Some((a, z)) = &sel.path {
            let a_nodes = base.find_some(a, None, "--path")?;
            let z_nodes = base.find_some(z, None, "--path")?;
            let best = a_nodes
                .iter()
                .flat_map(|a| z_nodes.iter().filter_map(|z| base.shortest_path(*a, *z)))
                .min_by_key(|p| p.len())
                .ok_or_else(|| ProjectionError::NotConnected {
                    a: a.clone(),
                    z: z.clone(),
                })?;
            let path_set: BTreeSet<NodeIndex> = best.iter().copied().collect();
            // Only the edges along the path.
            let steps: BTreeSet<(NodeIndex, NodeIndex)> = best
                .windows(2)
                .flat_map(|w| [(w[0], w[1]), (w[1], w[0])])
                .collect();
            if sel.focus.is_none() && sel.meeting.is_none() && sel.series.is_none() {
                let mut p = base.induced(|i, _| path_set.contains(&i));
                let keep_iris: BTreeSet<(String, String)> = steps
                    .iter()
                    .map(|(x, y)| (base.graph[*x].iri.clone(), base.graph[*y].iri.clone()))
                    .collect();
                p.graph.retain_edges(|g, e| {
                    let (s, t) = g.edge_endpoints(e).expect("edge exists");
                    keep_iris.contains(&(g[s].iri.clone(), g[t].iri.clone()))
                });
                return Ok(p.finish(sel));
            }
            add(path_set);
        }
        let p = match chosen {
            Some(set) => base.induced(|i, _| set.contains(&i)),
            None => base,
        };
        Ok(p.finish(sel))
    }

    fn finish(self, sel: &Selection) -> Projection {
        let mut p = match &sel.types {
            Some(types) => self.induced(|_, n| types.contains(&n.kind)),
            None => self,
        };
        p.weigh();
        p
    }

    /// The subgraph on the nodes `keep` accepts, order kept.
    fn induced(&self, keep: impl Fn(NodeIndex, &Node) -> bool) -> Projection {
        Projection {
            graph: self
                .graph
                .filter_map(|i, n| keep(i, n).then(|| n.clone()), |_, e| Some(e.clone())),
        }
    }
}

// Bounded projections: what a picture of a big store is built from. Instead of reading the
// whole store, the nodes a selection can reach are found by index lookups (a name, then at
// most a number of edges out, stopping at a cap), the quads that describe those nodes are
// copied into a small store, and the projection above runs on that.

fn iri(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

/// Predicates that join two shown nodes directly (subject → object).
fn direct_links() -> [NamedNode; 5] {
    [
        iri(vocab::SCHEMA_SUPER_EVENT),
        vocab::dg("party"),
        vocab::dg("precededBy"),
        vocab::dg("discussed"),
        iri(vocab::ORG_HAS_MEMBER),
    ]
}

/// Predicates that join a shown node to a resource in between (a document, a participation, a
/// statement), each with the predicates by which that resource reaches the node's neighbours.
fn links_through() -> Vec<(NamedNode, Vec<NamedNode>)> {
    let (about, mentions) = (iri(vocab::SCHEMA_ABOUT), iri(vocab::SCHEMA_MENTIONS));
    let [participant, meeting, state, speaker, st_about, addressee] = [
        "participant",
        "meeting",
        "state",
        "speaker",
        "about",
        "addressee",
    ]
    .map(vocab::dg);
    vec![
        (about.clone(), vec![mentions.clone()]),
        (mentions, vec![about]),
        (participant.clone(), vec![meeting.clone(), state.clone()]),
        (
            meeting.clone(),
            vec![participant.clone(), st_about.clone(), addressee.clone()],
        ),
        (state, vec![participant]),
        (speaker.clone(), vec![st_about.clone(), addressee.clone()]),
        (st_about, vec![speaker.clone(), meeting.clone()]),
        (addressee, vec![speaker, meeting]),
    ]
}

fn named(t: &Term) -> Option<&NamedNode> {
    match t {
        Term::NamedNode(n) => Some(n),
        _ => None,
    }
}

fn subject_named(q: &Quad) -> Option<&NamedNode> {
    match &q.subject {
        NamedOrBlankNode::NamedNode(n) => Some(n),
        _ => None,
    }
}

fn shown(n: &NamedNode) -> bool {
    Kind::from_iri(n.as_str()).is_some()
}

/// How many nodes a picture of the whole store would have, counted up to `limit` through the
/// predicate indexes: every IRI of a shown kind that is a meeting or an end of a relation the
/// projection draws. It counts some that the projection leaves out (a statement without a
/// stance, say), never fewer than it has, and stops as soon as it passes `limit`.
pub fn count_nodes(store: &Store, limit: usize) -> Result<usize, ProjectionError> {
    let mut seen: HashSet<NamedNode> = HashSet::new();
    let event = iri(vocab::SCHEMA_EVENT);
    let typed = store.quads_for_pattern(
        None,
        Some(iri(vocab::RDF_TYPE).as_ref()),
        Some(event.as_ref().into()),
        None,
    );
    for q in typed {
        if let Some(s) = subject_named(&q?) {
            if shown(s) && seen.insert(s.clone()) && seen.len() > limit {
                return Ok(seen.len());
            }
        }
    }
    let mut predicates: Vec<NamedNode> = direct_links().into_iter().take(4).collect();
    predicates.extend(links_through().into_iter().map(|(p, _)| p));
    for p in predicates {
        for q in store.quads_for_pattern(None, Some(p.as_ref()), None, None) {
            let q = q?;
            let ends = [subject_named(&q), named(&q.object)];
            for n in ends.into_iter().flatten() {
                if shown(n) && seen.insert(n.clone()) && seen.len() > limit {
                    return Ok(seen.len());
                }
            }
        }
    }
    Ok(seen.len())
}

/// The IRIs of shown nodes that a name picks, as [`Projection::find`] does: exact
/// (case-insensitive) on a label or the IRI first; failing that, those whose label contains it.
fn lookup(store: &Store, what: &str, kind: Option<Kind>) -> Result<Vec<String>, ProjectionError> {
    let w = what.trim().to_lowercase();
    let fits = |iri: &str| Kind::from_iri(iri).is_some_and(|k| kind.is_none_or(|want| want == k));
    let (mut exact, mut partial) = (BTreeSet::new(), BTreeSet::new());
    if fits(what.trim()) {
        exact.insert(what.trim().to_string());
    }
    for p in [
        vocab::SCHEMA_NAME,
        vocab::SKOS_PREF_LABEL,
        vocab::SKOS_NOTATION,
    ]
    .map(iri)
    .into_iter()
    .chain([vocab::dg("shortLabel"), vocab::dg("acronym")])
    {
        for q in store.quads_for_pattern(None, Some(p.as_ref()), None, None) {
            let q = q?;
            let (Some(s), Term::Literal(l)) = (subject_named(&q), &q.object) else {
                continue;
            };
            if !fits(s.as_str()) {
                continue;
            }
            let label = l.value().to_lowercase();
            if label == w {
                exact.insert(s.as_str().to_string());
            } else if label.contains(&w) {
                partial.insert(s.as_str().to_string());
            }
        }
    }
    Ok(if exact.is_empty() { partial } else { exact }
        .into_iter()
        .collect())
}

/// The shown nodes one edge of the projection (or a little more) away from `x`.
fn neighbours_of(store: &Store, x: &NamedNode) -> Result<BTreeSet<NamedNode>, ProjectionError> {
    let mut out = BTreeSet::new();
    let mut add = |n: &NamedNode| {
        if n != x && shown(n) {
            out.insert(n.clone());
        }
    };
    for p in direct_links() {
        for q in store.quads_for_pattern(Some(x.as_ref().into()), Some(p.as_ref()), None, None) {
            if let Some(n) = named(&q?.object) {
                add(n);
            }
        }
        for q in store.quads_for_pattern(None, Some(p.as_ref()), Some(x.as_ref().into()), None) {
            if let Some(n) = subject_named(&q?) {
                add(n);
            }
        }
    }
    for (into, onwards) in links_through() {
        for q in store.quads_for_pattern(None, Some(into.as_ref()), Some(x.as_ref().into()), None) {
            let q = q?;
            let Some(between) = subject_named(&q) else {
                continue;
            };
            for p in &onwards {
                for q in store.quads_for_pattern(
                    Some(between.as_ref().into()),
                    Some(p.as_ref()),
                    None,
                    None,
                ) {
                    if let Some(n) = named(&q?.object) {
                        add(n);
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Breadth-first from `roots`, at most `depth` edges out, stopping once `cap` nodes are found:
/// the nearest are kept.
fn walk(
    store: &Store,
    roots: &[String],
    depth: usize,
    cap: usize,
) -> Result<BTreeSet<String>, ProjectionError> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue: VecDeque<(NamedNode, usize)> = VecDeque::new();
    for r in roots.iter().take(cap) {
        if seen.insert(r.clone()) {
            queue.push_back((iri(r), 0));
        }
    }
    while let Some((n, d)) = queue.pop_front() {
        if d >= depth {
            continue;
        }
        for m in neighbours_of(store, &n)? {
            if seen.len() >= cap {
                return Ok(seen);
            }
            if seen.insert(m.as_str().to_string()) {
                queue.push_back((m, d + 1));
            }
        }
    }
    Ok(seen)
}

/// A small store with every quad the projection needs to describe `nodes` and the edges
/// between them: their own quads, the quads that point at them, the resources in between
/// (documents, participations, statements) and what those name (places, stances, evidence,
/// sources). Document texts are left behind.
fn excerpt(store: &Store, nodes: &BTreeSet<String>) -> Result<Store, ProjectionError> {
    let text = iri(vocab::SCHEMA_TEXT);
    let mut quads: Vec<Quad> = Vec::new();
    let mut copied: HashSet<NamedNode> = HashSet::new();
    // Copy a resource's own quads (once); return the resources it names that are not nodes.
    let mut copy =
        |s: &NamedNode, quads: &mut Vec<Quad>| -> Result<Vec<NamedNode>, ProjectionError> {
            if !copied.insert(s.clone()) {
                return Ok(Vec::new());
            }
            let mut further = Vec::new();
            for q in store.quads_for_pattern(Some(s.as_ref().into()), None, None, None) {
                let q = q?;
                if q.predicate == text {
                    continue;
                }
                if let Some(o) = named(&q.object) {
                    if !shown(o) {
                        further.push(o.clone());
                    }
                }
                quads.push(q);
            }
            Ok(further)
        };
    let participant = vocab::dg("participant");
    // Does a resource in between lead (by one of `onwards`) to another node of the picture?
    let leads_on = |between: &NamedNode, x: &NamedNode, onwards: &[NamedNode]| {
        for p in onwards {
            for q in
                store.quads_for_pattern(Some(between.as_ref().into()), Some(p.as_ref()), None, None)
            {
                if let Some(o) = named(&q?.object) {
                    if o != x && nodes.contains(o.as_str()) {
                        return Ok::<bool, ProjectionError>(true);
                    }
                }
            }
        }
        Ok(false)
    };
    for x in nodes {
        let x = iri(x);
        let mut between = copy(&x, &mut quads)?;
        // A meeting's facts name its series by the series' label.
        let super_event = iri(vocab::SCHEMA_SUPER_EVENT);
        for q in store.quads_for_pattern(
            Some(x.as_ref().into()),
            Some(super_event.as_ref()),
            None,
            None,
        ) {
            if let Some(series) = named(&q?.object) {
                copy(series, &mut quads)?;
            }
        }
        for p in direct_links() {
            for q in store.quads_for_pattern(None, Some(p.as_ref()), Some(x.as_ref().into()), None)
            {
                quads.push(q?);
            }
        }
        for (p, onwards) in links_through() {
            for q in store.quads_for_pattern(None, Some(p.as_ref()), Some(x.as_ref().into()), None)
            {
                let q = q?;
                let Some(s) = subject_named(&q) else { continue };
                // A person's participations all count (their roles and posts are facts of
                // theirs); any other resource in between only when it joins two nodes.
                if shown(s) || (p != participant && !leads_on(s, &x, &onwards)?) {
                    continue;
                }
                between.push(s.clone());
                quads.push(q);
            }
        }
        for b in between {
            for further in copy(&b, &mut quads)? {
                copy(&further, &mut quads)?;
            }
        }
    }
    let small = Store::new()?;
    small.extend(quads)?;
    Ok(small)
}

/// The part of a big store a focused selection (focus, meeting, series or path) shows, built
/// from bounded lookups: the names are looked up, at most `cap` nodes are gathered by walking
/// out from them (the nearest first), and the selection is made on the projection of those
/// nodes alone. Within the cap, this is what `project(store)?.select(sel)` gives.
pub fn project_around(
    store: &Store,
    sel: &Selection,
    cap: usize,
) -> Result<Projection, ProjectionError> {
    let found = |what: &str, kind: Option<Kind>, flag: &'static str| {
        let roots = lookup(store, what, kind)?;
        if roots.is_empty() {
            return Err(ProjectionError::not_found(flag, what, kind));
        }
        Ok(roots)
    };
    let mut nodes: BTreeSet<String> = BTreeSet::new();
    let mut gather = |roots: Vec<String>, depth: usize| -> Result<(), ProjectionError> {
        let room = cap.saturating_sub(nodes.len()).max(roots.len().min(cap));
        nodes.extend(walk(store, &roots, depth, room)?);
        Ok(())
    };
    if let Some(f) = &sel.focus {
        gather(found(f, None, "--focus")?, sel.depth)?;
    }
    if let Some(m) = &sel.meeting {
        gather(found(m, Some(Kind::Meeting), "--meeting")?, 1)?;
    }
    if let Some(s) = &sel.series {
        // The series, its meetings, and what they touch.
        gather(found(s, Some(Kind::Series), "--series")?, 2)?;
    }
    if let Some((a, z)) = &sel.path {
        let mut roots = found(a, None, "--path")?;
        roots.extend(found(z, None, "--path")?);
        gather(roots, usize::MAX)?;
    }
    let small = excerpt(store, &nodes)?;
    let p = project(&small)?.induced(|_, n| nodes.contains(&n.iri));
    p.select(sel)
}

/// A stable identifier for a node, derived from its IRI only: the part after the id
/// namespace with `/` as `__` and `-` as `_`; when that is lossy (other characters, or an
/// underscore already there) a short hash of the IRI is appended.
pub fn node_id(iri: &str) -> String {
    use sha2::{Digest, Sha256};
    let rest = iri.strip_prefix(vocab::ID).unwrap_or(iri);
    let mut id = String::with_capacity(rest.len() + 2);
    let mut lossy = false;
    for c in rest.chars() {
        match c {
            c if c.is_ascii_alphanumeric() => id.push(c),
            '-' => id.push('_'),
            '/' => id.push_str("__"),
            _ => {
                lossy = true;
                id.push('_');
            }
        }
    }
    if lossy || rest.contains('_') || !iri.starts_with(vocab::ID) {
        let hash = Sha256::digest(iri.as_bytes());
        id.push_str("_h");
        for b in &hash[..4] {
            id.push_str(&format!("{b:02x}"));
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_ids_are_stable_and_distinct() {
        let a = node_id(vocab::id("meeting", "asean-kor-dialogue/26").as_str());
        assert_eq!(a, "meeting__asean_kor_dialogue__26");
        let b = node_id(vocab::id("meeting", "asean-foreign-ministers-meeting/--08").as_str());
        let c = node_id(vocab::id("meeting", "asean-foreign-ministers-meeting/__08").as_str());
        assert_ne!(b, c);
        assert_eq!(
            b,
            node_id(vocab::id("meeting", "asean-foreign-ministers-meeting/--08").as_str())
        );
    }

    #[test]
    fn kinds_parse_singular_and_plural() {
        assert_eq!(Kind::parse("people"), Some(Kind::Person));
        assert_eq!(Kind::parse("States"), Some(Kind::State));
        assert_eq!(Kind::parse("series"), Some(Kind::Series));
        assert_eq!(Kind::parse("issue"), Some(Kind::Issue));
        assert_eq!(Kind::parse("thing"), None);
    }

    #[test]
    fn linear_page_rank_ranks_as_petgraph_does() {
        // A star with a tail, a double edge and a lone node.
        let pairs = [(0, 1), (0, 2), (0, 3), (3, 4), (3, 4), (1, 2)];
        let n = 6;
        let mut sym: DiGraph<(), ()> = DiGraph::new();
        for _ in 0..n {
            sym.add_node(());
        }
        for (a, z) in pairs {
            sym.add_edge(NodeIndex::new(a), NodeIndex::new(z), ());
            sym.add_edge(NodeIndex::new(z), NodeIndex::new(a), ());
        }
        let (neighbours, degree) = symmetric(n, pairs);
        let expected = petgraph::algo::page_rank(&sym, 0.85_f64, 40);
        let got = page_rank(&neighbours, &degree, 0.85, 40);
        for (e, g) in expected.iter().zip(&got) {
            assert!((e - g).abs() < 1e-12, "{expected:?} vs {got:?}");
        }
        assert!(got[0] > got[4] && got[5] > 0.0);
    }

    #[test]
    fn stances_read_as_verbs() {
        assert_eq!(stance_style("111", false).0, "condemned");
        assert_eq!(stance_style("020", true).0, "called on");
        assert_eq!(stance_style("020", false).0, "called for");
    }
}
