//! What a change touched, and the nodes whose links depend on it: so that adding documents
//! recomputes the links of the people, events and series they name, not of the whole store.
//!
//! The renamings of [`super::aliases`] decompose: a meeting's depends only on the meetings of
//! its series; a person's only on the people whose spellings agree with theirs and on those a
//! short name could stand for (and, in turn, theirs); an event's only on the reports its own
//! are joined with. So when the store held no renaming to make before a change (every refresh
//! ends so), the renamings after it are those of the closure of what it touched under these
//! relations, computed on that closure alone. The closures here are found with index lookups
//! (a node bound in the query), but for people, whose spellings are looked up by word: every
//! person's names are read once (one pattern, no joins) to index them.

use super::{
    agree, event_facts, first_keys, held_words, person_words, renamed, select, short_form, values,
    word_key, Reported, SelectError,
};
use crate::vocab;
use oxigraph::model::{NamedNode, Quad, Term};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};

/// The nodes a change to the store touched: what the graphs it added, removed or rewrote
/// name, before and after.
#[derive(Debug, Default, Clone)]
pub struct Touched {
    /// Graphs added, removed or rewritten.
    pub graphs: usize,
    pub people: BTreeSet<String>,
    /// Names those graphs give people (a removed graph's too: who shared a word with them).
    pub names: BTreeSet<String>,
    /// Nodes with a `dg:kind`.
    pub events: BTreeSet<String>,
    pub meetings: BTreeSet<String>,
    pub series: BTreeSet<String>,
}

impl Touched {
    /// Record what the quads of one graph (added, removed, or before or after a rewrite) name.
    pub fn note<'a>(&mut self, quads: impl IntoIterator<Item = &'a Quad>) {
        self.graphs += 1;
        let person = format!("{}person/", vocab::ID);
        let meeting = format!("{}meeting/", vocab::ID);
        let kind = format!("{}kind", vocab::DG);
        let ordinal = format!("{}ordinal", vocab::DG);
        for q in quads {
            let subject = match &q.subject {
                oxigraph::model::NamedOrBlankNode::NamedNode(n) => Some(n.as_str()),
                _ => None,
            };
            let object = match &q.object {
                Term::NamedNode(n) => Some(n.as_str()),
                _ => None,
            };
            for n in subject.iter().chain(object.iter()) {
                if n.starts_with(&person) {
                    self.people.insert(n.to_string());
                } else if n.starts_with(&meeting) {
                    self.meetings.insert(n.to_string());
                }
            }
            let Some(s) = subject else { continue };
            match q.predicate.as_str() {
                p if p == kind => {
                    self.events.insert(s.to_string());
                }
                p if p == ordinal => {
                    self.meetings.insert(s.to_string());
                }
                vocab::SCHEMA_SUPER_EVENT => {
                    self.meetings.insert(s.to_string());
                    if let Some(o) = object {
                        self.series.insert(o.to_string());
                    }
                }
                vocab::SCHEMA_NAME if s.starts_with(&person) => {
                    if let Term::Literal(l) = &q.object {
                        self.names.insert(l.value().to_string());
                    }
                }
                vocab::RDF_TYPE if object == Some(vocab::SCHEMA_PERSON) => {
                    self.people.insert(s.to_string());
                }
                _ => {}
            }
        }
    }

    /// Add what another change touched.
    pub fn extend(&mut self, other: Touched) {
        self.graphs += other.graphs;
        self.people.extend(other.people);
        self.names.extend(other.names);
        self.events.extend(other.events);
        self.meetings.extend(other.meetings);
        self.series.extend(other.series);
    }

    pub fn is_empty(&self) -> bool {
        self.graphs == 0
    }

    /// The series whose editions may have changed: those the graphs name, and every series
    /// of a meeting they name.
    pub fn series_now(&self, store: &Store) -> Result<BTreeSet<String>, SelectError> {
        let mut out = self.series.clone();
        if !self.meetings.is_empty() {
            let q = format!(
                "SELECT DISTINCT ?s WHERE {{ {}?m <{}> ?s }}",
                values("m", Some(&self.meetings)),
                vocab::SCHEMA_SUPER_EVENT
            );
            out.extend(iris(store, &q)?);
        }
        Ok(out)
    }
}

/// The first column of a SELECT, as IRIs.
pub(crate) fn iris(store: &Store, q: &str) -> Result<Vec<String>, SelectError> {
    Ok(select(store, q)?
        .into_iter()
        .filter_map(|row| match row.into_iter().next().flatten() {
            Some(Term::NamedNode(n)) => Some(n.into_string()),
            _ => None,
        })
        .collect())
}

/// Every person's spellings, and the indexes that find who a spelling concerns.
struct Spellings {
    names: BTreeMap<String, BTreeSet<String>>,
    words: BTreeMap<String, Vec<Vec<String>>>,
    /// First words (see [`first_keys`]) → people.
    by_first: BTreeMap<String, BTreeSet<String>>,
    /// Words of names of two words or more (see [`held_words`]) → people.
    by_word: BTreeMap<String, BTreeSet<String>>,
    /// The last word of a short name (see [`short_form`]) → people known by it.
    by_short: BTreeMap<String, BTreeSet<String>>,
}

impl Spellings {
    fn read(store: &Store) -> Result<Self, SelectError> {
        let q = format!(
            "SELECT DISTINCT ?p ?name WHERE {{ GRAPH ?g {{ ?p a <{}> ; <{}> ?name }} }}",
            vocab::SCHEMA_PERSON,
            vocab::SCHEMA_NAME
        );
        let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for row in select(store, &q)? {
            if let (Some(Term::NamedNode(p)), Some(Term::Literal(n))) = (&row[0], &row[1]) {
                names
                    .entry(p.as_str().to_string())
                    .or_default()
                    .insert(n.value().to_string());
            }
        }
        let mut s = Spellings {
            words: BTreeMap::new(),
            by_first: BTreeMap::new(),
            by_word: BTreeMap::new(),
            by_short: BTreeMap::new(),
            names: BTreeMap::new(),
        };
        for (p, ns) in &names {
            let words = person_words(ns);
            for f in first_keys(&words) {
                s.by_first
                    .entry(f.to_string())
                    .or_default()
                    .insert(p.clone());
            }
            for k in held_words(ns) {
                s.by_word.entry(k).or_default().insert(p.clone());
            }
            if let Some(short) = short_form(ns) {
                let (a, b) = short.last_key();
                for k in [a, b] {
                    s.by_short.entry(k).or_default().insert(p.clone());
                }
            }
            s.words.insert(p.clone(), words);
        }
        s.names = names;
        Ok(s)
    }

    /// Everyone a name could concern: who is filed under any of its words, whichever way.
    fn near(&self, name: &str, out: &mut BTreeSet<String>) {
        let one: BTreeSet<String> = [name.to_string()].into();
        let mut keys: BTreeSet<String> = BTreeSet::new();
        for w in person_words(&one) {
            keys.extend(w);
        }
        for t in name.split(|c: char| c.is_whitespace() || c == ',') {
            let (a, b) = word_key(t);
            let (c, d) = word_key(&super::fold_word(t));
            keys.extend([a, b, c, d]);
        }
        for k in &keys {
            for index in [&self.by_first, &self.by_word, &self.by_short] {
                if let Some(people) = index.get(k) {
                    out.extend(people.iter().cloned());
                }
            }
        }
    }

    /// Who `p`'s renaming depends on, and who depends on `p`'s facts: people whose
    /// spellings agree with theirs, the holders of a short name of theirs, and the people
    /// known by a short name that one of theirs holds.
    fn neighbours(&self, p: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let (Some(words), Some(names)) = (self.words.get(p), self.names.get(p)) else {
            return out;
        };
        for f in first_keys(words) {
            for q in self.by_first.get(f).into_iter().flatten() {
                if agree(words, &self.words[q]) {
                    out.insert(q.clone());
                }
            }
        }
        if let Some(short) = short_form(names) {
            let (a, b) = short.last_key();
            for k in [a, b] {
                for q in self.by_word.get(&k).into_iter().flatten() {
                    if self.names[q].iter().any(|n| short.fits(n)) {
                        out.insert(q.clone());
                    }
                }
            }
        }
        for k in held_words(names) {
            for s in self.by_short.get(&k).into_iter().flatten() {
                let Some(short) = short_form(&self.names[s]) else {
                    continue;
                };
                if names.iter().any(|n| short.fits(n)) {
                    out.insert(s.clone());
                }
            }
        }
        out.remove(p);
        out
    }
}

/// The people whose renamings a change can alter: those it touched and everyone a touched
/// name could concern, closed under [`Spellings::neighbours`].
pub fn people(store: &Store, touched: &Touched) -> Result<BTreeSet<String>, SelectError> {
    if touched.people.is_empty() && touched.names.is_empty() {
        return Ok(BTreeSet::new());
    }
    let spellings = Spellings::read(store)?;
    let mut todo: BTreeSet<String> = touched
        .people
        .iter()
        .filter(|p| spellings.names.contains_key(*p))
        .cloned()
        .collect();
    for n in &touched.names {
        spellings.near(n, &mut todo);
    }
    let mut scope = BTreeSet::new();
    while let Some(p) = todo.pop_first() {
        if !scope.insert(p.clone()) {
            continue;
        }
        for q in spellings.neighbours(&p) {
            if !scope.contains(&q) {
                todo.insert(q);
            }
        }
    }
    Ok(scope)
}

/// The events whose renamings a change can alter: those it touched, those of the people it
/// touched or that this round renames, and every report joined with one of them (see
/// [`super::one_event`]), transitively.
pub fn events(
    store: &Store,
    touched: &Touched,
    people: &[(NamedNode, NamedNode)],
) -> Result<BTreeSet<String>, SelectError> {
    let person = renamed(people);
    // A person as events give them after this round's renamings → the nodes events name.
    let mut named_as: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (from, to) in &person {
        named_as.entry(to).or_default().insert(from);
    }
    let of_people = |who: &BTreeSet<String>| -> Result<Vec<String>, SelectError> {
        let mut nodes: BTreeSet<String> = BTreeSet::new();
        for p in who {
            nodes.insert(p.clone());
            for n in named_as.get(p.as_str()).into_iter().flatten() {
                nodes.insert(n.to_string());
            }
        }
        if nodes.is_empty() {
            return Ok(Vec::new());
        }
        let q = format!(
            "SELECT DISTINCT ?e WHERE {{ {}?e <{dg}involves> ?x ; <{dg}kind> ?k }}",
            values("x", Some(&nodes)),
            dg = vocab::DG
        );
        iris(store, &q)
    };
    let mut seeds: BTreeSet<String> = touched.events.clone();
    let mut renamed_people: BTreeSet<String> = touched.people.clone();
    for (from, to) in people {
        renamed_people.insert(from.as_str().to_string());
        renamed_people.insert(to.as_str().to_string());
    }
    seeds.extend(of_people(&renamed_people)?);
    let mut facts: BTreeMap<String, Reported> = BTreeMap::new();
    let fetch = |events: &mut dyn Iterator<Item = &String>,
                 facts: &mut BTreeMap<String, Reported>|
     -> Result<(), SelectError> {
        let missing: BTreeSet<String> = events
            .filter(|e| !facts.contains_key(*e))
            .cloned()
            .collect();
        if !missing.is_empty() {
            facts.extend(event_facts(store, &person, Some(&missing))?);
        }
        Ok(())
    };
    // Events of the looked-up people not (yet) in the scope: each is compared with every
    // member once, when the later of the two arrives.
    let mut pool: BTreeSet<String> = BTreeSet::new();
    let mut looked_up: BTreeSet<String> = BTreeSet::new();
    let mut scope: BTreeSet<String> = BTreeSet::new();
    let mut arriving: BTreeSet<String> = seeds;
    while !arriving.is_empty() {
        fetch(&mut arriving.iter(), &mut facts)?;
        for e in &arriving {
            pool.remove(e);
        }
        let mut who: BTreeSet<String> = BTreeSet::new();
        for e in &arriving {
            if let Some(r) = facts.get(e) {
                who.extend(r.people.iter().filter(|p| !looked_up.contains(*p)).cloned());
            }
        }
        let fresh: BTreeSet<String> = of_people(&who)?
            .into_iter()
            .filter(|e| !scope.contains(e) && !arriving.contains(e) && !pool.contains(e))
            .collect();
        looked_up.extend(who);
        fetch(&mut fresh.iter(), &mut facts)?;
        scope.extend(arriving.iter().cloned());
        let joined = |c: &String, with: &BTreeSet<String>| {
            facts.get(c).is_some_and(|rc| {
                with.iter()
                    .filter_map(|e| facts.get(e))
                    .any(|r| super::one_event(r, rc))
            })
        };
        let mut next: BTreeSet<String> = BTreeSet::new();
        for c in &pool {
            if joined(c, &arriving) {
                next.insert(c.clone());
            }
        }
        for c in &fresh {
            if joined(c, &scope) {
                next.insert(c.clone());
            }
        }
        pool.extend(fresh.into_iter().filter(|c| !next.contains(c)));
        arriving = next;
    }
    Ok(scope)
}

/// The links graph after a change, from the links graph before it (`before`): the series
/// order of every series the change can have altered and the careers of every person it
/// touched recomputed, the rest kept. The same quads as [`super::compute`] on the store,
/// when `before` was that of the store before the change.
pub fn updated(
    store: &Store,
    touched: &Touched,
    before: &[Quad],
) -> Result<Vec<Quad>, SelectError> {
    let order = [vocab::dg("precededBy"), vocab::dg("followedBy")];
    let (kept, careers): (Vec<&Quad>, Vec<&Quad>) =
        before.iter().partition(|q| order.contains(&q.predicate));
    // Series order: pairs of a changed series are among its members now and the meetings
    // the change touched (members that left it). Those pairs go, and every series that
    // holds one of these meetings now is ordered again, so a pair of another series that
    // went with them comes back.
    let series = touched.series_now(store)?;
    let mut members: BTreeSet<String> = touched.meetings.clone();
    if !series.is_empty() {
        let q = format!(
            "SELECT DISTINCT ?m WHERE {{ {}?m <{}> ?s }}",
            values("s", Some(&series)),
            vocab::SCHEMA_SUPER_EVENT
        );
        members.extend(iris(store, &q)?);
    }
    let again = Touched {
        meetings: members.clone(),
        series,
        ..Touched::default()
    }
    .series_now(store)?;
    let of_members = |t: &Term| matches!(t, Term::NamedNode(n) if members.contains(n.as_str()));
    let mut out: Vec<Quad> = kept
        .into_iter()
        .filter(|q| !of_members(&q.subject.clone().into()) && !of_members(&q.object))
        .cloned()
        .collect();
    out.extend(super::series_order(store, Some(&again))?);
    // Careers: a person's match depends on what the store says of them alone.
    let careers: Vec<Quad> = careers.into_iter().cloned().collect();
    let mut matched = crate::store::officials::matched_in(&careers);
    matched.retain(|p, _| !touched.people.contains(p));
    matched.extend(crate::store::officials::matches(
        store,
        Some(&touched.people),
    )?);
    out.extend(crate::store::officials::careers(&matched));
    out.sort_by_key(ToString::to_string);
    out.dedup();
    Ok(out)
}
