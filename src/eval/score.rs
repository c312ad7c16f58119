//! Precision, recall and F1 of extraction against gold files, per entity type.
//!
//! A gold file (`data/gold/<document stem>.json`) lists what a careful annotator finds in one
//! document: states (ISO3), mechanisms (labels), issues (scheme ids or labels), people (names,
//! with role), meetings (series, ordinal, date) and statements (speaker, CAMEO code and a short
//! evidence quote). Matching is by identity, not by surface: a mechanism label matches any
//! name of an extracted mechanism, a person matches by normalised name, a statement by its
//! sentence, stance and speaker. Pure: the caller reads the files.

use crate::extract::{Entity, Extraction, Speaker};
use crate::knowledge::Knowledge;
use crate::vocab::slug;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Debug, Clone, Deserialize, Default)]
pub struct Gold {
    #[serde(default)]
    pub document: String,
    #[serde(default)]
    pub meetings: Vec<GoldMeeting>,
    #[serde(default)]
    pub people: Vec<GoldPerson>,
    #[serde(default)]
    pub states: Vec<String>,
    #[serde(default)]
    pub mechanisms: Vec<String>,
    #[serde(default)]
    pub issues: Vec<String>,
    #[serde(default)]
    pub statements: Vec<GoldStatement>,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct GoldMeeting {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub series: String,
    pub ordinal: Option<u32>,
    pub date: Option<String>,
    pub location: Option<String>,
    pub format: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct GoldPerson {
    pub name: String,
    pub state: Option<String>,
    pub role: Option<String>,
}

/// Whether a role says the person took part (met, called, spoke, chaired), as opposed to being
/// mentioned. The gold files of the samples name the way of taking part ("head of
/// delegation", "attendee"); those of the real corpora say "participant".
fn takes_part(role: Option<&str>) -> bool {
    role.is_some_and(|r| r != "mentioned")
}

/// A gold role and an extracted one agree: the same word, or a gold "participant" for any way
/// of taking part but chairing, or a gold "mentioned" for no role at all.
fn role_agrees(gold: Option<&str>, got: Option<&str>) -> bool {
    gold == got
        || (gold == Some("speaker") && got.is_none())
        || (gold == Some("participant")
            && takes_part(got)
            && !matches!(got, Some("chair" | "co-chair")))
        || (gold == Some("mentioned") && got.is_none())
}

/// A meeting format in the gold's words: "in person", "call" or "virtual".
fn format_class(format: &str) -> &'static str {
    let f = format.to_lowercase();
    if f.contains("phone") || f == "call" || f.contains("telephone") {
        "call"
    } else if f.contains("virtual") || f.contains("video") || f.contains("online") {
        "virtual"
    } else if f.contains("hybrid") {
        "hybrid"
    } else {
        "in person"
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct GoldStatement {
    pub speaker: String,
    pub stance: String,
    #[serde(default)]
    pub evidence: String,
    pub polarity: Option<String>,
}

/// Counts for one type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores per type, summed over documents; also what was missed, for the closing note.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub by_type: BTreeMap<&'static str, Counts>,
    pub misses: Vec<String>,
}

impl Report {
    pub fn get(&self, kind: &str) -> Counts {
        self.by_type.get(kind).copied().unwrap_or_default()
    }

    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<15} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}",
            "type", "gold", "pred", "ok", "P", "R", "F1"
        );
        for (kind, c) in &self.by_type {
            let _ = writeln!(
                out,
                "{:<15} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
                kind,
                c.gold,
                c.predicted,
                c.correct,
                c.precision(),
                c.recall(),
                c.f1()
            );
        }
        out
    }
}

fn norm(s: &str) -> String {
    slug(s.trim_start_matches("the ").trim_start_matches("The "))
}

/// Score one extraction against its gold, adding to `report`.
pub fn score(report: &mut Report, ex: &Extraction, gold: &Gold) {
    let k = Knowledge::get();
    let doc = &gold.document;

    // States.
    let states = ex.entities(|e| match e {
        Entity::State(s) => Some(s),
        _ => None,
    });
    let counts = set_match(&gold.states, &states, |g, p| g == p);
    miss(report, doc, "state", &gold.states, &states, |g, p| g == p);
    report.by_type.entry("states").or_default().add(counts);

    // Mechanisms: any name of the extracted mechanism.
    let mech_names: Vec<(String, Vec<String>)> = ex
        .mechanisms
        .iter()
        .filter(|m| {
            ex.mentions
                .iter()
                .any(|x| x.entity == Entity::Mechanism(m.slug.clone()))
        })
        .map(|m| {
            let mut names = vec![norm(&m.label), m.slug.clone()];
            names.extend(m.acronym.iter().map(|a| norm(a)));
            if let Some(km) = k.mechanism(&m.slug) {
                names.extend(km.aliases.iter().map(|a| norm(a)));
                names.extend(km.acronym.iter().map(|a| norm(a)));
            }
            names.extend(
                ex.mentions
                    .iter()
                    .filter(|x| x.entity == Entity::Mechanism(m.slug.clone()))
                    .map(|x| norm(&x.surface)),
            );
            (m.slug.clone(), names)
        })
        .collect();
    let mech_keys: Vec<String> = mech_names.iter().map(|(s, _)| s.clone()).collect();
    let mech_eq = |g: &String, p: &String| {
        let gn = norm(g);
        mech_names
            .iter()
            .find(|(s, _)| s == p)
            .is_some_and(|(_, names)| names.contains(&gn))
    };
    let counts = set_match(&gold.mechanisms, &mech_keys, mech_eq);
    miss(
        report,
        doc,
        "mechanism",
        &gold.mechanisms,
        &mech_keys,
        mech_eq,
    );
    report.by_type.entry("mechanisms").or_default().add(counts);

    // Issues: scheme id, or a label of the concept.
    let issues = ex.entities(|e| match e {
        Entity::Issue(s) => Some(s),
        _ => None,
    });
    let issue_eq = |g: &String, p: &String| {
        g == p
            || k.issue(p).is_some_and(|i| {
                norm(&i.label) == norm(g) || i.aliases.iter().any(|a| norm(a) == norm(g))
            })
    };
    let counts = set_match(&gold.issues, &issues, issue_eq);
    miss(report, doc, "issue", &gold.issues, &issues, issue_eq);
    report.by_type.entry("issues").or_default().add(counts);

    // People, and roles of the matched ones.
    let person_eq = |g: &String, p: &String| crate::extract::person_key(g) == *p;
    let gold_people: Vec<String> = gold.people.iter().map(|p| p.name.clone()).collect();
    let people: Vec<String> = ex.people.iter().map(|p| p.key.clone()).collect();
    let counts = set_match(&gold_people, &people, person_eq);
    miss(report, doc, "person", &gold_people, &people, person_eq);
    report.by_type.entry("people").or_default().add(counts);
    let mut roles = Counts::default();
    let mut person_states = Counts::default();
    for g in &gold.people {
        let key = crate::extract::person_key(&g.name);
        if let Some(p) = ex.people.iter().find(|p| p.key == key) {
            roles.gold += 1;
            roles.predicted += 1;
            let ok_role = role_agrees(g.role.as_deref(), p.role.as_deref());
            let ok_state = g.state.is_none() || g.state == p.state;
            if ok_role && ok_state {
                roles.correct += 1;
            } else {
                report.misses.push(format!(
                    "{doc}: person {} role/state {:?}/{:?}, expected {:?}/{:?}",
                    g.name, p.role, p.state, g.role, g.state
                ));
            }
            // The state (or, for officials of organisations, no state) of every matched person.
            person_states.gold += 1;
            person_states.predicted += 1;
            if g.state == p.state {
                person_states.correct += 1;
            }
        }
    }
    report
        .by_type
        .entry("people states")
        .or_default()
        .add(person_states);
    // Who took part: the people who met, called or spoke, against those the gold says did.
    let gold_part: Vec<String> = gold
        .people
        .iter()
        .filter(|p| takes_part(p.role.as_deref()))
        .map(|p| p.name.clone())
        .collect();
    let part: Vec<String> = ex
        .people
        .iter()
        .filter(|p| takes_part(p.role.as_deref()))
        .map(|p| p.key.clone())
        .collect();
    let counts = set_match(&gold_part, &part, person_eq);
    miss(report, doc, "participant", &gold_part, &part, person_eq);
    report
        .by_type
        .entry("participants")
        .or_default()
        .add(counts);
    report.by_type.entry("person roles").or_default().add(roles);

    // Meetings: series and ordinal; dates of the matched ones.
    // A series is the same whatever order its parties are written in ("ROK-Indonesia" and
    // "Indonesia-ROK" name one series), so its words are compared as a sorted list.
    let series_norm = |series: &str| {
        let n = norm(series);
        let mut parts: Vec<&str> = n.split('-').collect();
        parts.sort_unstable();
        parts.join("-")
    };
    let meeting_key = |series: &str, ordinal: Option<u32>| {
        format!(
            "{}#{}",
            series_norm(series),
            ordinal.map_or(String::new(), |n| n.to_string())
        )
    };
    // A gold series matches by its words in any order, or by identity: the series key the
    // extractor gives that name ("ROK-ASEAN Dialogue" and "ASEAN-ROK Dialogue" are one key).
    let gold_keys: Vec<(String, Option<String>)> = gold
        .meetings
        .iter()
        .map(|m| {
            (
                meeting_key(&m.series, m.ordinal),
                series_identity(&m.series),
            )
        })
        .collect();
    let named_eq = |g: &(String, Option<String>), p: &crate::extract::Meeting| {
        g.0 == meeting_key(&p.series.label, p.ordinal)
            || (g.1.as_deref() == Some(p.series.key.as_str())
                && g.0.rsplit('#').next()
                    == Some(&p.ordinal.map_or(String::new(), |n| n.to_string())))
    };
    // An event of no series (a bilateral meeting, a call, a visit) is told from the document's
    // other unnamed events by its date: where both have one, they must agree to the precision
    // the gold gives.
    let gold_meetings: Vec<(&(String, Option<String>), &GoldMeeting)> =
        gold_keys.iter().zip(&gold.meetings).collect();
    let meeting_eq = |g: &(&(String, Option<String>), &GoldMeeting),
                      p: &&crate::extract::Meeting| {
        if g.1.series.trim().is_empty() {
            p.series.label.trim().is_empty()
                && match (&g.1.date, p.date) {
                    (Some(gd), Some(pd)) => dates_agree(gd, &pd.to_string()),
                    _ => true,
                }
        } else {
            named_eq(g.0, p)
        }
    };
    let predicted: Vec<&crate::extract::Meeting> = ex.meetings.iter().collect();
    let counts = set_match(&gold_meetings, &predicted, meeting_eq);
    for g @ (_, gm) in &gold_meetings {
        if !predicted.iter().any(|p| meeting_eq(g, p)) {
            report.misses.push(format!(
                "{doc}: missed meeting {:?} {} #{:?} {:?}",
                gm.name, gm.series, gm.ordinal, gm.date
            ));
        }
    }
    for p in &predicted {
        if !gold_meetings.iter().any(|g| meeting_eq(g, p)) {
            report.misses.push(format!(
                "{doc}: extra meeting {:?} {} #{:?} {:?}",
                p.name,
                p.series.label,
                p.ordinal,
                p.date.map(|d| d.to_string())
            ));
        }
    }
    report.by_type.entry("meetings").or_default().add(counts);
    let mut dates = Counts::default();
    let mut formats = Counts::default();
    let mut places = Counts::default();
    let mut taken = vec![false; predicted.len()];
    for g @ (_, gm) in &gold_meetings {
        let Some(i) = (0..predicted.len()).find(|&i| !taken[i] && meeting_eq(g, &predicted[i]))
        else {
            continue;
        };
        taken[i] = true;
        let m = predicted[i];
        dates.gold += usize::from(gm.date.is_some());
        let got = m.date.map(|d| d.to_string());
        dates.predicted += usize::from(got.is_some());
        if gm.date.is_some() && got == gm.date {
            dates.correct += 1;
        } else if gm.date.is_some() || got.is_some() {
            report.misses.push(format!(
                "{doc}: meeting {:?} date {:?}, expected {:?}",
                gm.name, got, gm.date
            ));
        }
        if let Some(f) = &gm.format {
            formats.gold += 1;
            formats.predicted += usize::from(m.format.is_some());
            let got = m.format.as_deref().map(format_class);
            if got == Some(format_class(f)) {
                formats.correct += 1;
            } else {
                report.misses.push(format!(
                    "{doc}: meeting {:?} format {:?}, expected {f:?}",
                    gm.name, m.format
                ));
            }
        }
        places.gold += usize::from(gm.location.is_some());
        places.predicted += usize::from(m.location.is_some());
        if gm.location.is_some() && places_agree(gm.location.as_deref(), m.location.as_deref()) {
            places.correct += 1;
        } else if gm.location.is_some() || m.location.is_some() {
            report.misses.push(format!(
                "{doc}: meeting {:?} place {:?}, expected {:?}",
                gm.name, m.location, gm.location
            ));
        }
    }
    report
        .by_type
        .entry("meeting formats")
        .or_default()
        .add(formats);
    report
        .by_type
        .entry("meeting places")
        .or_default()
        .add(places);
    report
        .by_type
        .entry("meeting dates")
        .or_default()
        .add(dates);

    // Statements.
    let speaker_eq = |g: &str, st: &crate::extract::Statement| -> bool {
        let g_lower = g.to_lowercase();
        let ent_eq = |e: &Entity| match e {
            Entity::State(s) => s == g,
            Entity::Person(p) => crate::extract::person_key(g) == *p,
            Entity::Mechanism(m) => {
                mech_eq(&g.to_string(), m)
                    || k.mechanism(m).is_some_and(|x| {
                        norm(&x.label) == norm(g) || x.acronym.as_deref().map(norm) == Some(norm(g))
                    })
            }
            _ => false,
        };
        match &st.speaker {
            Speaker::Joint => g_lower == "joint",
            Speaker::Entity(e) => ent_eq(e) || st.side.as_ref().is_some_and(ent_eq),
        }
    };
    let mut counts = Counts {
        gold: gold.statements.len(),
        predicted: ex.statements.len(),
        correct: 0,
    };
    let mut used = vec![false; ex.statements.len()];
    for g in &gold.statements {
        let hit = ex.statements.iter().enumerate().find(|(i, st)| {
            !used[*i]
                && ex.text[st.start..st.end].contains(g.evidence.as_str())
                && st.cameo.as_deref() == Some(g.stance.as_str())
                && speaker_eq(&g.speaker, st)
        });
        match hit {
            Some((i, _)) => {
                used[i] = true;
                counts.correct += 1;
            }
            None => report.misses.push(format!(
                "{doc}: statement {} {} \"{}\" not found",
                g.speaker, g.stance, g.evidence
            )),
        }
    }
    report.by_type.entry("statements").or_default().add(counts);
}

/// A gold date and an extracted one name the same day, month or year: equal, or the
/// extracted one as precise and starting with the gold's ("2023-07" for gold "2023-07").
fn dates_agree(gold: &str, got: &str) -> bool {
    got == gold || (got.len() > gold.len() && got.starts_with(gold) && !gold.starts_with("--"))
}

/// A place as the gold writes it and as extracted: the same city, ignoring case and a
/// trailing ", D.C." or state ("Washington" and "Washington, D.C.").
fn places_agree(gold: Option<&str>, got: Option<&str>) -> bool {
    // "New York City" is the gold's "New York" (and "Mexico City" stays one name on both sides).
    let city = |s: &str| {
        let c = norm(s.split(',').next().unwrap_or(s));
        c.strip_suffix("-city").map_or(c.clone(), str::to_string)
    };
    matches!((gold, got), (Some(g), Some(p)) if city(g) == city(p))
}

/// Greedy one-to-one matching of gold items to predicted ones.
fn set_match<G, P>(gold: &[G], predicted: &[P], eq: impl Fn(&G, &P) -> bool) -> Counts {
    let mut used = vec![false; predicted.len()];
    let mut correct = 0;
    for g in gold {
        if let Some(i) = (0..predicted.len()).find(|&i| !used[i] && eq(g, &predicted[i])) {
            used[i] = true;
            correct += 1;
        }
    }
    Counts {
        gold: gold.len(),
        predicted: predicted.len(),
        correct,
    }
}

fn miss<G: std::fmt::Debug, P: std::fmt::Debug>(
    report: &mut Report,
    doc: &str,
    kind: &str,
    gold: &[G],
    predicted: &[P],
    eq: impl Fn(&G, &P) -> bool,
) {
    for g in gold {
        if !predicted.iter().any(|p| eq(g, p)) {
            report.misses.push(format!("{doc}: missed {kind} {g:?}"));
        }
    }
    for p in predicted {
        if !gold.iter().any(|g| eq(g, p)) {
            report.misses.push(format!("{doc}: extra {kind} {p:?}"));
        }
    }
}

/// The series key the extractor gives a series name, read from a one-line report of it.
fn series_identity(series: &str) -> Option<String> {
    let text = format!("Outcome of the 1st {series}\n\nThe 1st {series} was held.");
    let ex = crate::extract::extract(&crate::extract::Input {
        bytes: text.as_bytes(),
        source: "gold".into(),
        ..crate::extract::Input::default()
    })
    .ok()?;
    ex.main_meeting().map(|m| m.series.key.clone())
}

#[cfg(test)]
mod tests {
    use super::places_agree;

    #[test]
    fn a_city_written_with_city_or_a_state_is_the_same_place() {
        assert!(places_agree(Some("New York"), Some("New York City")));
        assert!(places_agree(Some("Washington"), Some("Washington, D.C.")));
        assert!(places_agree(Some("Mexico City"), Some("Mexico City")));
        assert!(!places_agree(Some("New York"), Some("York")));
        assert!(!places_agree(Some("New York"), None));
    }
}
