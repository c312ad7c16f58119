//! Posts held over time, from the U.S. Office of the Historian's table of principal officers
//! and chiefs of mission (`data/us-posts.csv`; public domain, CC0; see `data/README.md`).
//!
//! Documents give a person's post at one date ("Secretary Blinken" at a meeting in 2022);
//! the table gives careers (Deputy Secretary of State 2015–2017, Secretary of State
//! 2021–2025). A person of the store is taken to be a person of the table only when both say
//! so: every spelling of two words or more agrees with the table's name (as
//! [`super::link`] compares spellings: "Tony Blinken" and "Antony J. Blinken" with "Antony
//! John Blinken"), and a post the documents give them at a known date fits a post the table
//! says they held on that date ("Secretary" within "Secretary of State", 2021–2025). One
//! matching table person, not two, or nothing is said. The matched career goes to the links
//! graph as `org:Membership`s with `schema:startDate`/`schema:endDate`, each derived from the
//! person's page at history.state.gov, so `person-timeline` shows the posts around the
//! documents' own and where they come from.
//!
//! Reads the store, writes nothing; the caller puts the quads in the links graph.

use super::link::{name_words, post_fits, same_bearer, select, values, SelectError};
use crate::vocab::{self, id, slug};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// One post one person held, as the table gives it. Dates are ISO, full or partial
/// ("1996-06"); `ended` is empty while the post is held, or when the table does not know.
#[derive(Debug, Clone)]
pub struct HeldPost {
    pub person_id: String,
    pub name: String,
    pub post: String,
    pub organization: String,
    pub started: String,
    pub ended: String,
}

/// The table and its indexes, built once: the rows, each person's rows (their career), and
/// the rows by the last identifying word of the name.
pub struct Table {
    pub rows: Vec<HeldPost>,
    careers: BTreeMap<String, Vec<usize>>,
    by_last: BTreeMap<String, Vec<usize>>,
}

impl Table {
    /// The posts one table person held.
    fn career(&self, person_id: &str) -> Vec<&HeldPost> {
        self.careers
            .get(person_id)
            .into_iter()
            .flatten()
            .map(|&i| &self.rows[i])
            .collect()
    }
}

/// The table, parsed once. A row that cannot be read is left out (the file is ours and is
/// checked by a test).
pub fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut reader =
            csv::Reader::from_reader(include_str!("../../data/us-posts.csv").as_bytes());
        let rows: Vec<HeldPost> = reader
            .records()
            .filter_map(Result::ok)
            .filter_map(|r| {
                let field = |i: usize| r.get(i).map(str::to_string);
                Some(HeldPost {
                    person_id: field(0)?,
                    name: field(1)?,
                    post: field(2)?,
                    organization: field(3)?,
                    started: field(4)?,
                    ended: field(5)?,
                })
            })
            .filter(|h| !h.person_id.is_empty() && !h.started.is_empty())
            .collect();
        let mut careers: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut by_last: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, h) in rows.iter().enumerate() {
            careers.entry(h.person_id.clone()).or_default().push(i);
            if let Some(last) = name_words(&h.name).and_then(|w| w.last().cloned()) {
                by_last.entry(last).or_default().push(i);
            }
        }
        Table {
            rows,
            careers,
            by_last,
        }
    })
}

/// Whether `date` (ISO, full or partial) falls within a post's tenure, compared at the
/// precision both give.
fn held_on(h: &HeldPost, date: &str) -> bool {
    let cut = |a: &str, b: &str| -> (String, String) {
        let n = a.len().min(b.len());
        (a[..n].to_string(), b[..n].to_string())
    };
    let (d, s) = cut(date, &h.started);
    if d < s {
        return false;
    }
    if h.ended.is_empty() {
        return true;
    }
    let (d, e) = cut(date, &h.ended);
    d <= e
}

/// Whether every date a person is named on falls in the years a career could be active:
/// from ten years before its first post to thirty after its last (to now, for a post still
/// held).
fn active_when_named(career: &[&HeldPost], dates: &BTreeSet<String>) -> bool {
    let year = |d: &str| d.get(..4).and_then(|y| y.parse::<i32>().ok());
    let Some(first) = career.iter().filter_map(|h| year(&h.started)).min() else {
        return false;
    };
    let open = career.iter().any(|h| h.ended.is_empty());
    let last = career
        .iter()
        .filter_map(|h| year(&h.ended))
        .max()
        .unwrap_or(first);
    !dates.is_empty()
        && dates
            .iter()
            .filter_map(|d| year(d))
            .all(|y| y >= first - 10 && (open || y <= last + 30))
}

/// What the store says of one person: spellings, and each post with the dates it was given.
#[derive(Default)]
struct Described {
    names: BTreeSet<String>,
    posts: BTreeSet<(String, String)>,
    /// The dates of the documents or meetings that name them.
    dates: BTreeSet<String>,
    /// Whether documents give them as of the United States, and of no other state.
    american: bool,
}

fn described(
    store: &Store,
    scope: Option<&BTreeSet<String>>,
) -> Result<BTreeMap<String, Described>, SelectError> {
    // A post's date: the meeting's, else the document's.
    let q = format!(
        "SELECT DISTINCT ?p ?name ?post ?date ?published WHERE {{ {scope}GRAPH ?g {{ \
         ?p a <{person}> ; <{name}> ?name . \
         OPTIONAL {{ ?m <{member}> ?p ; <{role}>/<{label}> ?post . \
           OPTIONAL {{ ?m <{during}>/<{dg}date> ?date }} }} \
         OPTIONAL {{ ?g <{published}> ?published }} }} }}",
        person = vocab::SCHEMA_PERSON,
        name = vocab::SCHEMA_NAME,
        member = vocab::ORG_MEMBER,
        role = vocab::ORG_ROLE,
        label = vocab::SKOS_PREF_LABEL,
        during = vocab::ORG_MEMBER_DURING,
        dg = vocab::DG,
        published = vocab::SCHEMA_DATE_PUBLISHED,
        scope = values("p", scope),
    );
    let mut people: BTreeMap<String, Described> = BTreeMap::new();
    // The states documents give each person: an American official is given no other.
    let states = format!(
        "SELECT DISTINCT ?p ?state WHERE {{ {scope}GRAPH ?g {{ ?part <{dg}participant> ?p ; <{dg}state> ?state }} }}",
        dg = vocab::DG,
        scope = values("p", scope),
    );
    let usa = id("state", "USA");
    let mut given: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in select(store, &states)? {
        if let (Some(Term::NamedNode(p)), Some(Term::NamedNode(state))) = (&row[0], &row[1]) {
            given
                .entry(p.as_str().to_string())
                .or_default()
                .insert(state.as_str().to_string());
        }
    }
    for (p, states) in given {
        if states.len() == 1 && states.contains(usa.as_str()) {
            people.entry(p).or_default().american = true;
        }
    }
    for row in select(store, &q)? {
        let (Some(Term::NamedNode(p)), Some(Term::Literal(name))) = (&row[0], &row[1]) else {
            continue;
        };
        let entry = people.entry(p.as_str().to_string()).or_default();
        entry.names.insert(name.value().to_string());
        let date = [&row[3], &row[4]].into_iter().find_map(|t| match t {
            Some(Term::Literal(l)) if l.value().len() >= 4 => Some(l.value().to_string()),
            _ => None,
        });
        if let Some(date) = &date {
            entry.dates.insert(date.clone());
        }
        if let (Some(Term::Literal(post)), Some(date)) = (&row[2], date) {
            entry.posts.insert((post.value().to_string(), date));
        }
    }
    Ok(people)
}

/// The table person (by `person_id`) each person of the store (or of `scope`) is, where
/// exactly one fits.
pub fn matches(
    store: &Store,
    scope: Option<&BTreeSet<String>>,
) -> Result<BTreeMap<String, String>, SelectError> {
    let table = table();
    let mut out = BTreeMap::new();
    if scope.is_some_and(BTreeSet::is_empty) {
        return Ok(out);
    }
    for (p, facts) in described(store, scope)? {
        let spellings: Vec<Vec<String>> =
            facts.names.iter().filter_map(|n| name_words(n)).collect();
        let Some(last) = spellings.first().and_then(|w| w.last()) else {
            continue;
        };
        let Some(rows) = table.by_last.get(last) else {
            continue;
        };
        let found: BTreeSet<&str> = rows
            .iter()
            .map(|&i| &table.rows[i])
            .filter(|h| {
                let Some(theirs) = name_words(&h.name) else {
                    return false;
                };
                spellings.iter().all(|w| same_bearer(w, &theirs))
            })
            // A post the documents give at a date that the table says was held then; or, the
            // table being incomplete for recent years, an American official named when the
            // table's person could be active (from ten years before the first post to thirty
            // after the last).
            .filter(|h| {
                let career = table.career(&h.person_id);
                let post_at_date = facts.posts.iter().any(|(post, date)| {
                    career
                        .iter()
                        .any(|o| post_fits(post, &o.post) && held_on(o, date))
                });
                post_at_date || (facts.american && active_when_named(&career, &facts.dates))
            })
            .map(|h| h.person_id.as_str())
            .collect();
        if let [one] = found.into_iter().collect::<Vec<_>>().as_slice() {
            out.insert(p, (*one).to_string());
        }
    }
    Ok(out)
}

/// The links-graph quads: every post of each matched person's career.
pub fn quads(store: &Store) -> Result<Vec<Quad>, SelectError> {
    Ok(careers(&matches(store, None)?))
}

/// The page of the table a career quad derives from.
const SOURCE: &str = "https://history.state.gov/departmenthistory/people/";

/// The matches (person → table person) that career quads of the links graph record: the
/// inverse of [`careers`].
pub fn matched_in(links: &[Quad]) -> BTreeMap<String, String> {
    let mut source: std::collections::HashMap<&NamedOrBlankNode, &str> = Default::default();
    let mut member: Vec<(&NamedOrBlankNode, &str)> = Vec::new();
    for q in links {
        match (q.predicate.as_str(), &q.object) {
            (vocab::PROV_WAS_DERIVED_FROM, Term::NamedNode(n)) => {
                if let Some(id) = n.as_str().strip_prefix(SOURCE) {
                    source.insert(&q.subject, id);
                }
            }
            (vocab::ORG_MEMBER, Term::NamedNode(p)) => member.push((&q.subject, p.as_str())),
            _ => {}
        }
    }
    member
        .into_iter()
        .filter_map(|(m, p)| Some((p.to_string(), source.get(m)?.to_string())))
        .collect()
}

/// The links-graph quads of matched people (person → table person): every post of each
/// one's career.
pub fn careers(matched: &BTreeMap<String, String>) -> Vec<Quad> {
    if matched.is_empty() {
        return Vec::new();
    }
    let graph = GraphName::NamedNode(vocab::links_graph());
    let node = |iri: &str| NamedNode::new_unchecked(iri);
    let mut out = Vec::new();
    let mut add = |s: &NamedNode, p: &str, o: Term| {
        out.push(Quad::new(s.clone(), node(p), o, graph.clone()));
    };
    for (person, person_id) in matched {
        let person = node(person.as_str());
        let source = NamedNode::new_unchecked(format!("{SOURCE}{person_id}"));
        for h in table().career(person_id) {
            let key = format!("{}/{}/{}", slug(person_id), slug(&h.post), slug(&h.started));
            let membership = id("held", &key);
            let role = id("role", &slug(&h.post));
            add(
                &membership,
                vocab::RDF_TYPE,
                node(vocab::ORG_MEMBERSHIP).into(),
            );
            add(&membership, vocab::ORG_MEMBER, person.clone().into());
            add(&membership, vocab::ORG_ROLE, role.clone().into());
            add(&role, vocab::RDF_TYPE, node(vocab::ORG_POST).into());
            add(
                &role,
                vocab::SKOS_PREF_LABEL,
                Literal::new_language_tagged_literal_unchecked(&h.post, "en").into(),
            );
            // Every post of the table is held in the United States' service.
            add(
                &membership,
                vocab::ORG_ORGANIZATION_PROP,
                id("state", "USA").into(),
            );
            for (property, date) in [
                (vocab::SCHEMA_START_DATE, &h.started),
                (vocab::SCHEMA_END_DATE, &h.ended),
            ] {
                if let Some(lit) = date_literal(date) {
                    add(&membership, property, lit.into());
                }
            }
            add(
                &membership,
                vocab::PROV_WAS_DERIVED_FROM,
                source.clone().into(),
            );
        }
    }
    out.sort_by_key(ToString::to_string);
    out.dedup();
    out
}

/// An ISO date of the table as a typed literal: xsd:date, xsd:gYearMonth or xsd:gYear. (The
/// extractor's dates are read as [`crate::text::dates::PartialDate`], which takes no year
/// before 1900; the table goes back to 1779.)
fn date_literal(date: &str) -> Option<Literal> {
    let datatype = match date.len() {
        10 => "date",
        7 => "gYearMonth",
        4 => "gYear",
        _ => return None,
    };
    Some(Literal::new_typed_literal(date, vocab::xsd(datatype)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_read_whole_and_knows_careers() {
        let t = &table().rows;
        assert!(t.len() > 6_000, "{}", t.len());
        let career: Vec<&HeldPost> = t
            .iter()
            .filter(|h| h.name == "Antony John Blinken")
            .collect();
        assert!(career.iter().any(|h| h.post == "Deputy Secretary of State"));
        let secretary = career
            .iter()
            .find(|h| h.post == "Secretary of State")
            .expect("Secretary of State");
        assert!(held_on(secretary, "2022-05-03"));
        assert!(held_on(secretary, "2021"));
        assert!(!held_on(secretary, "2019-11-02"));
        assert!(!held_on(secretary, "2025-02"));
    }
}
