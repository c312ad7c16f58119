//! An extraction becomes quads in one named graph per document.
//!
//! IRIs are minted from canonical keys (see [`crate::vocab`]), so two documents about the same
//! state, person, mechanism, issue or meeting write to the same node; what each document says
//! about it stays in that document's graph, which is its provenance. Reference knowledge
//! (states, gazetteer mechanisms, issue and stance schemes) is not repeated here: it lives in
//! the reference graph. Deterministic: the same extraction gives the same quads, in order,
//! with no blank nodes. Pure: no IO, no store.

use crate::extract::{Entity, Extraction, Meeting, Speaker};
use crate::text::dates::PartialDate;
use crate::vocab::{self, dg, id, node, slug, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

/// The IRI of a document's node and graph, from its content hash.
pub fn document_iri(content_hash: &str) -> NamedNode {
    id("doc", &content_hash[..content_hash.len().min(20)])
}

/// The node an extracted entity reference stands for.
pub fn entity_iri(e: &Entity) -> NamedNode {
    match e {
        Entity::State(code) => id("state", code),
        Entity::Mechanism(s) => id("mechanism", s),
        Entity::Issue(s) => id("issue", s),
        Entity::Person(s) => id("person", s),
        Entity::Meeting(k) => id("meeting", k),
        Entity::Post(s) => id("post", s),
    }
}

pub fn series_iri(key: &str) -> NamedNode {
    id("series", key)
}

pub fn stance_iri(slug: &str) -> NamedNode {
    id("stance", slug)
}

/// A partial date as a typed literal (`--07-01`^^xsd:gMonthDay …).
pub fn date_literal(d: &PartialDate) -> Option<Literal> {
    let (lexical, datatype) = d.xsd()?;
    Some(Literal::new_typed_literal(lexical, xsd(datatype)))
}

struct Writer {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Writer {
    fn add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) {
        self.quads
            .push(Quad::new(s.clone(), p, o.into(), self.graph.clone()));
    }
    fn a(&mut self, s: &NamedNode, class: NamedNode) {
        self.add(s, node(vocab::RDF_TYPE), class);
    }
    fn text(&mut self, s: &NamedNode, p: NamedNode, value: &str) {
        self.add(s, p, Literal::new_simple_literal(value));
    }
    fn int(&mut self, s: &NamedNode, p: NamedNode, value: usize) {
        self.add(
            s,
            p,
            Literal::new_typed_literal(value.to_string(), xsd("integer")),
        );
    }
    /// A span of the document's text (NIF 2.0): its IRI carries the offsets, so one quad ties
    /// it to the document; the text it covers is recoverable from the document's
    /// `schema:text` (see [`crate::render::export`] for the Web Annotation form).
    fn span(&mut self, doc: &NamedNode, start: usize, end: usize) -> NamedNode {
        let span = NamedNode::new_unchecked(vocab::span_iri(doc.as_str(), start, end));
        self.add(&span, node(vocab::NIF_REFERENCE_CONTEXT), doc.clone());
        span
    }
}

/// The quads one document contributes, all in its own graph.
pub fn document_quads(ex: &Extraction) -> Vec<Quad> {
    let doc = document_iri(&ex.content_hash);
    let hash_key = doc.as_str().rsplit('/').next().unwrap_or("").to_string();
    let mut w = Writer {
        graph: GraphName::NamedNode(doc.clone()),
        quads: Vec::new(),
    };

    // The document.
    w.a(&doc, node(vocab::SCHEMA_NEWS_ARTICLE));
    w.a(&doc, node(vocab::PROV_ENTITY));
    w.text(&doc, dg("source"), &ex.source);
    w.text(
        &doc,
        dg("contentHash"),
        &format!("sha256:{}", ex.content_hash),
    );
    if let Some(t) = &ex.title {
        w.text(&doc, node(vocab::SCHEMA_HEADLINE), t);
    }
    if let Some(url) = &ex.url {
        match NamedNode::new(url) {
            Ok(u) => w.add(&doc, node(vocab::SCHEMA_URL), u),
            Err(_) => w.text(&doc, node(vocab::SCHEMA_URL), url),
        }
    }
    if let Some(p) = &ex.publisher {
        w.text(&doc, node(vocab::SCHEMA_PUBLISHER), p);
    }
    if let Some(lit) = ex.published.as_ref().and_then(date_literal) {
        w.add(&doc, node(vocab::SCHEMA_DATE_PUBLISHED), lit);
    }
    if let Some(d) = &ex.dateline {
        w.text(&doc, node(vocab::SCHEMA_DATELINE), &ex.text[d.start..d.end]);
        w.text(&doc, dg("datelinePlace"), &d.place);
    }
    w.text(&doc, node(vocab::SCHEMA_TEXT), &ex.text);

    // Mentions: provenance from every entity to its span, and a direct link for queries.
    let mut mentioned: Vec<NamedNode> = Vec::new();
    for m in &ex.mentions {
        let entity = entity_iri(&m.entity);
        let mention = w.span(&doc, m.start, m.end);
        w.add(&mention, node(vocab::ITSRDF_TA_IDENT_REF), entity.clone());
        if !mentioned.contains(&entity) {
            mentioned.push(entity);
        }
    }
    mentioned.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    for e in &mentioned {
        w.add(&doc, node(vocab::SCHEMA_MENTIONS), e.clone());
    }

    // Mechanisms the text taught (gazetteer ones are in the reference graph).
    for m in ex.mechanisms.iter().filter(|m| m.from_text) {
        let iri = id("mechanism", &m.slug);
        w.a(&iri, dg(&m.class));
        w.add(
            &iri,
            node(vocab::SKOS_PREF_LABEL),
            Literal::new_language_tagged_literal_unchecked(&m.label, "en"),
        );
        if let Some(a) = &m.acronym {
            w.text(&iri, dg("acronym"), a);
        }
    }

    // Meetings and their series.
    for m in &ex.meetings {
        meeting_quads(&mut w, &doc, m);
    }
    let main = ex.main_meeting();

    // People and their participation in the reported meeting.
    for p in &ex.people {
        let person = id("person", &p.key);
        w.a(&person, node(vocab::SCHEMA_PERSON));
        w.text(&person, node(vocab::SCHEMA_NAME), &p.name);
        let org = p.organization.as_ref().map(|o| {
            let key = match &p.state {
                Some(s) => format!("{}/{}", s.to_lowercase(), slug(o)),
                None => slug(o),
            };
            let org = id("organization", &key);
            w.a(&org, node(vocab::ORG_ORGANIZATION));
            w.add(
                &org,
                node(vocab::SKOS_PREF_LABEL),
                Literal::new_language_tagged_literal_unchecked(o, "en"),
            );
            if let Some(s) = &p.state {
                w.add(&org, dg("state"), id("state", s));
            }
            org
        });
        let Some(meeting) = main else { continue };
        let role = p.role.clone().or_else(|| {
            ex.statements
                .iter()
                .any(|s| s.speaker == Speaker::Entity(Entity::Person(p.key.clone())))
                .then(|| "speaker".to_string())
        });
        let Some(role) = role else { continue };
        let meeting_iri = id("meeting", &meeting.key);
        let part = id("participation", &format!("{}/{}", meeting.key, p.key));
        w.a(&part, dg("Participation"));
        w.add(&part, dg("meeting"), meeting_iri.clone());
        w.add(&part, dg("participant"), person.clone());
        w.text(&part, dg("role"), &role);
        if let Some(post) = &p.post {
            w.text(&part, dg("post"), post);
        }
        if let Some(t) = &p.title {
            w.text(&part, dg("title"), t);
        }
        if let Some(org) = &org {
            w.add(&part, dg("organization"), org.clone());
        }
        if let Some(s) = &p.state {
            w.add(&part, dg("state"), id("state", s));
            if p.state_inferred {
                w.add(&part, dg("stateInferred"), Literal::from(true));
            }
        }
        w.add(&part, node(vocab::PROV_WAS_DERIVED_FROM), doc.clone());
        // The post held at the meeting's date, for careers over documents.
        if let Some(post) = &p.post {
            let membership = id("membership", &format!("{}/{}", p.key, meeting.key));
            w.a(&membership, node(vocab::ORG_MEMBERSHIP));
            w.add(&membership, node(vocab::ORG_MEMBER), person.clone());
            let role_node = id("role", &slug(post));
            w.add(&membership, node(vocab::ORG_ROLE), role_node.clone());
            w.a(&role_node, node(vocab::ORG_POST));
            w.add(
                &role_node,
                node(vocab::SKOS_PREF_LABEL),
                Literal::new_language_tagged_literal_unchecked(post, "en"),
            );
            if let Some(org) = &org {
                w.add(&membership, node(vocab::ORG_ORGANIZATION_PROP), org.clone());
            }
            w.add(&membership, dg("meeting"), meeting_iri.clone());
            if let Some(lit) = meeting.date.as_ref().and_then(date_literal) {
                let interval = id("interval", &format!("{}/{}", p.key, meeting.key));
                w.add(
                    &membership,
                    node(vocab::ORG_MEMBER_DURING),
                    interval.clone(),
                );
                w.a(&interval, node(vocab::TIME_INTERVAL));
                w.add(&interval, dg("date"), lit);
            }
        }
    }
    // A post is described wherever it is named; it takes part in the reported meeting only
    // when the document reports one.
    for p in &ex.posts {
        let post = id("post", &p.key);
        w.a(&post, node(vocab::ORG_POST));
        w.add(
            &post,
            node(vocab::SKOS_PREF_LABEL),
            Literal::new_language_tagged_literal_unchecked(&p.label, "en"),
        );
    }
    if let Some(meeting) = main {
        for p in &ex.posts {
            let post = id("post", &p.key);
            let part = id("participation", &format!("{}/post-{}", meeting.key, p.key));
            w.a(&part, dg("Participation"));
            w.add(&part, dg("meeting"), id("meeting", &meeting.key));
            w.add(&part, dg("participant"), post);
            w.text(&part, dg("role"), p.role.as_deref().unwrap_or("attendee"));
            w.text(&part, dg("post"), &p.label);
            w.add(&part, node(vocab::PROV_WAS_DERIVED_FROM), doc.clone());
        }
        w.add(&doc, node(vocab::SCHEMA_ABOUT), id("meeting", &meeting.key));
        // What the meeting discussed: the issues its report names.
        let mut issues: Vec<&str> = ex
            .mentions
            .iter()
            .filter_map(|m| match &m.entity {
                Entity::Issue(s) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        issues.sort();
        issues.dedup();
        for i in issues {
            w.add(
                &id("meeting", &meeting.key),
                dg("discussed"),
                id("issue", i),
            );
        }
    }

    // Statements.
    for (n, s) in ex.statements.iter().enumerate() {
        let st = id("statement", &format!("{hash_key}/{n}"));
        w.a(&st, dg("Statement"));
        let speaker = match &s.speaker {
            Speaker::Entity(e) => entity_iri(e),
            Speaker::Joint => dg("Participants"),
        };
        w.add(&st, dg("speaker"), speaker);
        if let Some(side) = &s.side {
            w.add(&st, dg("side"), entity_iri(side));
        }
        w.add(&st, dg("stance"), stance_iri(&s.stance));
        w.text(&st, dg("verb"), &s.verb);
        for a in &s.about {
            w.add(&st, dg("about"), entity_iri(a));
        }
        if let Some(a) = &s.addressee {
            w.add(&st, dg("addressee"), entity_iri(a));
        }
        if let Some(t) = &s.target {
            w.add(&st, dg("target"), entity_iri(t));
        }
        for p in &s.parties {
            w.add(&st, dg("party"), entity_iri(p));
        }
        if let Some(m) = &s.meeting {
            w.add(&st, dg("meeting"), id("meeting", m));
        }
        w.text(
            &st,
            dg("polarity"),
            if s.negated { "negative" } else { "positive" },
        );
        w.text(&st, dg("modality"), &s.modality);
        w.add(&st, node(vocab::PROV_WAS_DERIVED_FROM), doc.clone());
        // The sentence: its span, and its text kept, since every statement is read with it.
        let evidence = w.span(&doc, s.start, s.end);
        w.add(&st, dg("evidence"), evidence.clone());
        w.text(
            &evidence,
            node(vocab::NIF_ANCHOR_OF),
            &ex.text[s.start..s.end],
        );
        w.int(&evidence, node(vocab::NIF_BEGIN_INDEX), s.start);
    }
    w.quads
}

fn meeting_quads(w: &mut Writer, doc: &NamedNode, m: &Meeting) {
    let meeting = id("meeting", &m.key);
    w.a(&meeting, node(vocab::SCHEMA_EVENT));
    w.text(&meeting, node(vocab::SCHEMA_NAME), &m.name);
    w.text(&meeting, dg("kind"), &m.kind);
    // An event no series names (a call, a bilateral meeting) has no series node; whoever its
    // report names as taking part is linked to it directly.
    for p in &m.participants {
        w.add(&meeting, dg("involves"), entity_iri(p));
    }
    if let Some(n) = m.ordinal {
        w.int(&meeting, dg("ordinal"), n as usize);
    }
    if let Some(lit) = m.date.as_ref().and_then(date_literal) {
        w.add(&meeting, node(vocab::SCHEMA_START_DATE), lit);
    }
    if let Some(place) = &m.location {
        let key = match &m.location_state {
            Some(s) => format!("{}/{}", s.to_lowercase(), slug(place)),
            None => slug(place),
        };
        let p = id("place", &key);
        w.a(&p, node(vocab::SCHEMA_PLACE));
        w.text(&p, node(vocab::SCHEMA_NAME), place);
        if let Some(s) = &m.location_state {
            w.add(&p, dg("state"), id("state", s));
        }
        w.add(&meeting, node(vocab::SCHEMA_LOCATION), p);
    }
    if let Some(f) = &m.format {
        w.text(&meeting, dg("format"), f);
        let mode = match f.as_str() {
            "virtual" | "call" => vocab::SCHEMA_ONLINE,
            "hybrid" => vocab::SCHEMA_MIXED,
            _ => vocab::SCHEMA_OFFLINE,
        };
        w.add(&meeting, node(vocab::SCHEMA_ATTENDANCE_MODE), node(mode));
    }
    if m.upcoming {
        w.add(&meeting, dg("upcoming"), Literal::from(true));
    }
    w.add(&meeting, dg("reportedIn"), doc.clone());
    if m.series.key.is_empty() {
        return;
    }
    let series = series_iri(&m.series.key);
    w.add(&meeting, node(vocab::SCHEMA_SUPER_EVENT), series.clone());
    w.a(&series, node(vocab::SCHEMA_EVENT_SERIES));
    w.text(&series, node(vocab::SCHEMA_NAME), &m.series.label);
    for p in &m.series.parties {
        w.add(&series, dg("party"), entity_iri(p));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{extract, Input};

    #[test]
    fn quads_are_deterministic_and_in_the_document_graph() {
        let text = b"Outcome of the 3rd ROK-Viet Nam Strategic Dialogue\n\nThe 3rd ROK-Viet Nam Strategic Dialogue was held in Hanoi on 2 May 2023. Both sides condemned the DPRK.";
        let input = Input {
            bytes: text,
            source: "t.txt".into(),
            ..Input::default()
        };
        let a = document_quads(&extract(&input).unwrap());
        let b = document_quads(&extract(&input).unwrap());
        assert_eq!(a, b);
        let ex = extract(&input).unwrap();
        let g = GraphName::NamedNode(document_iri(&ex.content_hash));
        assert!(a.iter().all(|q| q.graph_name == g));
        assert!(a
            .iter()
            .any(|q| q.predicate.as_str() == vocab::SCHEMA_START_DATE
                && q.object
                    == Term::Literal(Literal::new_typed_literal("2023-05-02", xsd("date")))));
    }
}
