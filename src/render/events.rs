//! The store as event data: one row per directed act between two actors, in the spirit of
//! ICEWS and GDELT, for R, pandas or a spreadsheet. Two kinds of row:
//!
//! - **statements**: each source (the speaker; for a joint statement, each of its parties)
//!   times each target (the statement's targets, else its addressees; none gives one row
//!   with an empty target), with the stance's CAMEO code and the sentence as evidence;
//! - **contacts**: each pair of people an event involves (of states, when it names fewer
//!   than two people), with a CAMEO code for the kind of contact: 041 for a call or video
//!   call, 040 for a meeting, visit or other consultation (which side travelled is not
//!   recorded), 010 for a joint statement.
//!
//! Built from index lookups per statement and per event, never from a query over the whole
//! store, so its cost grows with the rows it writes.

use crate::vocab::{self, dg};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNodeRef, Term, TermRef};
use oxigraph::store::{StorageError, Store};
use std::collections::{BTreeSet, HashMap};
use std::io::Write;

/// The columns, in order.
pub const COLUMNS: [&str; 12] = [
    "date",
    "source_actor",
    "source_state",
    "target_actor",
    "target_state",
    "cameo",
    "event_kind",
    "meeting",
    "document",
    "document_url",
    "evidence",
    "row_kind",
];

/// Why the table could not be written.
#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    #[error("reading the store: {0}")]
    Store(#[from] StorageError),
    #[error("writing the table: {0}")]
    Write(#[from] std::io::Error),
}

/// Labels and states looked up once per node.
struct Lookup<'s> {
    store: &'s Store,
    labels: HashMap<Term, String>,
}

impl<'s> Lookup<'s> {
    fn objects(
        &self,
        subject: NamedOrBlankNodeRef<'_>,
        predicate: &str,
        graph: Option<GraphNameRef<'_>>,
    ) -> Result<Vec<Term>, StorageError> {
        let p = NamedNode::new_unchecked(predicate);
        self.store
            .quads_for_pattern(Some(subject), Some(p.as_ref()), None, graph)
            .map(|q| q.map(|q| q.object))
            .collect()
    }

    fn first(
        &self,
        subject: NamedOrBlankNodeRef<'_>,
        predicate: &str,
        graph: Option<GraphNameRef<'_>>,
    ) -> Result<Option<Term>, StorageError> {
        let mut all = self.objects(subject, predicate, graph)?;
        all.sort_by_key(|t| t.to_string());
        Ok(all.into_iter().next())
    }

    /// A node's name as the queries show it: acronym, preferred label or name, else its IRI's
    /// last segment.
    fn label(&mut self, node: &Term) -> Result<String, StorageError> {
        if let Some(l) = self.labels.get(node) {
            return Ok(l.clone());
        }
        let label = match node {
            Term::NamedNode(n) if n.as_str() == dg("Participants").as_str() => {
                "the participants (jointly)".to_string()
            }
            Term::NamedNode(n) => {
                let mut found = None;
                for p in [vocab::SKOS_PREF_LABEL, vocab::SCHEMA_NAME] {
                    if let Some(Term::Literal(l)) = self.first(n.as_ref().into(), p, None)? {
                        found = Some(l.value().to_string());
                        break;
                    }
                }
                found.unwrap_or_else(|| last_segment(n.as_str()).to_string())
            }
            Term::Literal(l) => l.value().to_string(),
            other => other.to_string(),
        };
        self.labels.insert(node.clone(), label.clone());
        Ok(label)
    }

    /// The state an actor speaks for in one document: a state is its own; a person has the
    /// state a participation of theirs gives in that document.
    fn state_of(&self, actor: &Term, graph: GraphNameRef<'_>) -> Result<String, StorageError> {
        let Term::NamedNode(n) = actor else {
            return Ok(String::new());
        };
        if let Some(code) = state_code(n.as_str()) {
            return Ok(code.to_string());
        }
        let participant = NamedNode::new_unchecked(format!("{}participant", vocab::DG));
        let mut states = BTreeSet::new();
        for q in self.store.quads_for_pattern(
            None,
            Some(participant.as_ref()),
            Some(TermRef::from(n.as_ref())),
            Some(graph),
        ) {
            let q = q?;
            for s in self.objects(
                q.subject.as_ref(),
                &format!("{}state", vocab::DG),
                Some(graph),
            )? {
                if let Term::NamedNode(s) = s {
                    if let Some(code) = state_code(s.as_str()) {
                        states.insert(code.to_string());
                    }
                }
            }
        }
        Ok(states.into_iter().next().unwrap_or_default())
    }
}

fn last_segment(iri: &str) -> &str {
    iri.rsplit('/').next().unwrap_or(iri)
}

/// "FRA" of a state's IRI.
fn state_code(iri: &str) -> Option<&str> {
    iri.strip_prefix(vocab::ID)?.strip_prefix("state/")
}

/// The CAMEO code of a kind of contact.
pub fn contact_cameo(kind: &str) -> &'static str {
    match kind {
        "call" | "video call" => "041",
        "joint statement" => "010",
        _ => "040",
    }
}

/// One row, written as CSV (RFC 4180: fields with a comma, quote or line break are quoted).
fn write_row(out: &mut dyn Write, fields: &[&str]) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&f.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(f);
        }
    }
    line.push_str("\r\n");
    out.write_all(line.as_bytes())
}

/// The document's date, URL (else where it was read from) and a meeting's date and name.
struct Context {
    date: String,
    meeting: String,
    document: String,
    url: String,
}

/// A literal's value or an IRI (a URL is stored as an IRI).
fn literal(t: Option<Term>) -> String {
    match t {
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        _ => String::new(),
    }
}

fn context(
    look: &mut Lookup<'_>,
    graph: &NamedNode,
    meeting: Option<&Term>,
) -> Result<Context, StorageError> {
    let g = Some(GraphNameRef::NamedNode(graph.as_ref()));
    let doc: NamedOrBlankNodeRef<'_> = graph.as_ref().into();
    let published = literal(look.first(doc, vocab::SCHEMA_DATE_PUBLISHED, g)?);
    let url = match literal(look.first(doc, vocab::SCHEMA_URL, g)?) {
        u if u.is_empty() => literal(look.first(doc, &format!("{}source", vocab::DG), g)?),
        u => u,
    };
    let (mut date, mut name) = (String::new(), String::new());
    if let Some(Term::NamedNode(m)) = meeting {
        date = literal(look.first(m.as_ref().into(), vocab::SCHEMA_START_DATE, g)?);
        name = look.label(&Term::NamedNode(m.clone()))?;
    }
    Ok(Context {
        date: if date.is_empty() { published } else { date },
        meeting: name,
        document: graph.as_str().to_string(),
        url,
    })
}

/// Write the whole table (header first) and return the number of rows.
pub fn write(store: &Store, out: &mut dyn Write) -> Result<usize, EventsError> {
    write_row(out, &COLUMNS)?;
    let mut look = Lookup {
        store,
        labels: HashMap::new(),
    };
    let rdf_type = NamedNode::new_unchecked(vocab::RDF_TYPE);
    let mut rows = 0;

    // Statements, document by document, in IRI order.
    let statement = dg("Statement");
    let mut found: Vec<(NamedNode, NamedNode)> = Vec::new();
    for q in store.quads_for_pattern(
        None,
        Some(rdf_type.as_ref()),
        Some(TermRef::from(statement.as_ref())),
        None,
    ) {
        let q = q?;
        if let (NamedOrBlankNodeRef::NamedNode(s), GraphName::NamedNode(g)) =
            (q.subject.as_ref(), &q.graph_name)
        {
            found.push((g.clone(), s.into_owned()));
        }
    }
    found.sort_by(|a, b| (a.0.as_str(), a.1.as_str()).cmp(&(b.0.as_str(), b.1.as_str())));
    for (graph, st) in &found {
        let g = Some(GraphNameRef::NamedNode(graph.as_ref()));
        let s: NamedOrBlankNodeRef<'_> = st.as_ref().into();
        let dgp = |local: &str| format!("{}{local}", vocab::DG);
        let meeting = look.first(s, &dgp("meeting"), g)?;
        let ctx = context(&mut look, graph, meeting.as_ref())?;
        let cameo = match look.first(s, &dgp("stance"), g)? {
            Some(Term::NamedNode(stance)) => {
                literal(look.first(stance.as_ref().into(), vocab::SKOS_NOTATION, None)?)
            }
            _ => String::new(),
        };
        let evidence = match look.first(s, &dgp("evidence"), g)? {
            Some(Term::NamedNode(ev)) => {
                literal(look.first(ev.as_ref().into(), vocab::NIF_ANCHOR_OF, g)?)
            }
            _ => String::new(),
        };
        let speaker = look.first(s, &dgp("speaker"), g)?;
        let mut sources: Vec<Term> = Vec::new();
        if speaker.as_ref().is_some_and(
            |t| matches!(t, Term::NamedNode(n) if n.as_str() == dg("Participants").as_str()),
        ) {
            sources = look.objects(s, &dgp("party"), g)?;
        }
        if sources.is_empty() {
            sources.extend(speaker);
        }
        let mut targets = look.objects(s, &dgp("target"), g)?;
        if targets.is_empty() {
            targets = look.objects(s, &dgp("addressee"), g)?;
        }
        sort_terms(&mut sources);
        sort_terms(&mut targets);
        let graph_ref = GraphNameRef::NamedNode(graph.as_ref());
        for source in &sources {
            let (sa, ss) = (look.label(source)?, look.state_of(source, graph_ref)?);
            let none = [None];
            let each: Vec<Option<&Term>> = if targets.is_empty() {
                none.to_vec()
            } else {
                targets.iter().map(Some).collect()
            };
            for target in each {
                let (ta, ts) = match target {
                    Some(t) => (look.label(t)?, look.state_of(t, graph_ref)?),
                    None => (String::new(), String::new()),
                };
                write_row(
                    out,
                    &[
                        &ctx.date,
                        &sa,
                        &ss,
                        &ta,
                        &ts,
                        &cameo,
                        "statement",
                        &ctx.meeting,
                        &ctx.document,
                        &ctx.url,
                        &evidence,
                        "statement",
                    ],
                )?;
                rows += 1;
            }
        }
    }

    // Contacts: each event with a kind, in each document that reports it.
    let kind_p = NamedNode::new_unchecked(format!("{}kind", vocab::DG));
    let mut events: Vec<(NamedNode, NamedNode, String)> = Vec::new();
    for q in store.quads_for_pattern(None, Some(kind_p.as_ref()), None, None) {
        let q = q?;
        if let (NamedOrBlankNodeRef::NamedNode(e), Term::Literal(kind), GraphName::NamedNode(g)) =
            (q.subject.as_ref(), &q.object, &q.graph_name)
        {
            events.push((g.clone(), e.into_owned(), kind.value().to_string()));
        }
    }
    events.sort_by(|a, b| (a.0.as_str(), a.1.as_str()).cmp(&(b.0.as_str(), b.1.as_str())));
    for (graph, event, kind) in &events {
        let g = Some(GraphNameRef::NamedNode(graph.as_ref()));
        let e: NamedOrBlankNodeRef<'_> = event.as_ref().into();
        if literal(look.first(e, &format!("{}upcoming", vocab::DG), g)?) == "true" {
            continue;
        }
        let involved = look.objects(e, &format!("{}involves", vocab::DG), g)?;
        let pick = |part: &str| -> Vec<Term> {
            let mut v: Vec<Term> = involved
                .iter()
                .filter(|t| matches!(t, Term::NamedNode(n) if n.as_str().contains(part)))
                .cloned()
                .collect();
            sort_terms(&mut v);
            v
        };
        let mut actors = pick("/person/");
        if actors.len() < 2 {
            actors = pick("/state/");
        }
        let ctx = context(&mut look, graph, Some(&Term::NamedNode(event.clone())))?;
        let graph_ref = GraphNameRef::NamedNode(graph.as_ref());
        for (i, a) in actors.iter().enumerate() {
            for b in &actors[i + 1..] {
                let (aa, sa) = (look.label(a)?, look.state_of(a, graph_ref)?);
                let (ba, sb) = (look.label(b)?, look.state_of(b, graph_ref)?);
                write_row(
                    out,
                    &[
                        &ctx.date,
                        &aa,
                        &sa,
                        &ba,
                        &sb,
                        contact_cameo(kind),
                        kind,
                        &ctx.meeting,
                        &ctx.document,
                        &ctx.url,
                        "",
                        "contact",
                    ],
                )?;
                rows += 1;
            }
        }
    }
    Ok(rows)
}

fn sort_terms(v: &mut Vec<Term>) {
    v.sort_by_key(|t| t.to_string());
    v.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_or_breaks_are_quoted() {
        let mut out = Vec::new();
        write_row(&mut out, &["a", "b,c", "say \"no\"", "x\ny"]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,\"b,c\",\"say \"\"no\"\"\",\"x\ny\"\r\n"
        );
    }

    #[test]
    fn calls_and_meetings_have_their_cameo_codes() {
        assert_eq!(contact_cameo("call"), "041");
        assert_eq!(contact_cameo("video call"), "041");
        assert_eq!(contact_cameo("meeting"), "040");
        assert_eq!(contact_cameo("joint statement"), "010");
    }
}
