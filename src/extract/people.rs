//! Officials: name, title, post, ministry, state and role, from both orders of writing.
//!
//! Title first: "Deputy Minister for Political Affairs of the Ministry of Foreign Affairs
//! Yeo Seung-bae" — the name is the longest tail of name-shaped words (capitalised, not an
//! institution word, not a known state or mechanism, at most five words, particles such as
//! "bin" allowed inside). Name first: "Vu Ho, Acting Leader of … of Viet Nam". Later forms
//! ("Deputy Minister Yeo", "the Deputy Minister", the full name again) resolve to the same
//! person; a post whose holder is not named is kept as a post. Roles come from the sentence
//! (co-chaired, chaired, led the delegation, attended). A person whose description names no
//! state takes the one state party of the meeting that no other official was given.
//! Pure: no IO.

use super::entities::CONNECTORS;
use super::{is_capitalised, words, Doc, Entity, Person, Post};
use crate::knowledge::Hit;
use crate::vocab::slug;

/// Words that belong to institutions and posts, never to a person's name.
const INSTITUTION_WORDS: &[&str] = &[
    "Ministry",
    "Department",
    "Office",
    "Affairs",
    "Foreign",
    "Political",
    "Economic",
    "Security",
    "Policy",
    "Trade",
    "Defence",
    "Defense",
    "National",
    "International",
    "Cooperation",
    "Relations",
    "Development",
    "Planning",
    "Finance",
    "Unification",
    "Strategy",
    "Strategic",
    "Public",
    "General",
    "Bureau",
    "Division",
    "Government",
    "Republic",
    "Kingdom",
    "Community",
    "Secretariat",
    "Agency",
    "Commission",
    "Council",
    "Meeting",
    "Officials'",
    "Senior",
    "Asian",
    "Pacific",
    "Regional",
    "Multilateral",
    "Bilateral",
    "Global",
    "Culture",
    "Sports",
    "Tourism",
    "Industry",
    "Energy",
    "Environment",
    "Health",
    "Education",
    "Science",
    "Technology",
    "Justice",
    "Interior",
    "Home",
    "Communications",
    "Information",
    "Transport",
    "Labour",
    "Labor",
    "Agriculture",
    "Fisheries",
    "Maritime",
    "Ocean",
    "Oceans",
    "Land",
    "Infrastructure",
    "Investment",
    "Commerce",
    "Economy",
    "Welfare",
    "Gender",
    "Equality",
    "Family",
    "Women",
    "Youth",
    "Water",
    "Resources",
    "Natural",
    "Climate",
    "Digital",
    "Political-Security",
    "Socio-Cultural",
    "Division",
    "Embassy",
    "Mission",
    "Delegation",
    "Dialogue",
    "Summit",
    "Forum",
    "Conference",
    "Committee",
    "Centre",
    "Center",
    "Institute",
    "Affairs'",
    "The",
    "In",
    "On",
    "At",
    "For",
    "With",
    "During",
    "After",
    "Before",
    "Building",
    "Meanwhile",
    "Also",
    "Both",
    "Prime",
    "Vice",
    "Deputy",
    "Minister",
    "Ministers",
    "Secretary",
    "ASEAN",
    "Acting",
    "Leader",
    "Head",
    "SOM",
    "Member",
    "States",
    "State",
    "Partner",
    "Partners",
    "Co-Chair",
    "Co-Chairs",
    "Chair",
    "President",
    "Ambassador",
    "Envoy",
    "Director",
];

const MAX_NAME_WORDS: usize = 5;

/// Heads of an organisation phrase inside a post description.
const ORG_HEADS: &[&str] = &[
    "Ministry",
    "Department",
    "Office",
    "Secretariat",
    "Agency",
    "Embassy",
];

struct Found {
    name_span: Option<(usize, usize)>,
    title: String,
    post: String,
    organization: Option<String>,
    state: Option<String>,
    /// Span of the whole description (title, qualifiers and name), for overlap checks.
    span: (usize, usize),
    definite: bool,
}

pub(crate) fn recognise(doc: &mut Doc<'_>) {
    let k = doc.k;
    let mut found: Vec<Found> = Vec::new();
    let body_start = doc.body_start;
    for si in 0..doc.sentences.len() {
        let s = doc.sentences[si].clone();
        if s.end <= body_start {
            continue;
        }
        let sentence = &doc.text[s.start..s.end];
        let titles: Vec<Hit> = k.find_titles(sentence);
        for t in titles {
            let (ts, te) = (s.start + t.start, s.start + t.end);
            if found.iter().any(|f| f.span.0 <= ts && f.span.1 >= te) {
                continue;
            }
            if let Some(f) = describe(doc, si, ts, te) {
                found.push(f);
            }
        }
    }

    // Give each description a person (new or known) or keep it as a post.
    let mut assigned_state_people: Vec<(String, String)> = Vec::new();
    for f in &found {
        match f.name_span {
            Some((ns, ne)) => {
                let name = doc.text[ns..ne].to_string();
                let key = resolve_person(doc, &name, f);
                doc.mention(ns, ne, Entity::Person(key.clone()));
                if let Some(st) = &f.state {
                    assigned_state_people.push((key, st.clone()));
                }
            }
            None if f.definite => {
                // "the Deputy Minister": the last person with that title, if any.
                let known = doc
                    .people
                    .iter()
                    .rev()
                    .find(|p| p.title.as_deref() == Some(f.title.as_str()))
                    .map(|p| p.key.clone());
                match known {
                    Some(key) if f.post == f.title => {
                        doc.mention(f.span.0, f.span.1, Entity::Person(key));
                    }
                    _ if f.post != f.title => add_post(doc, f),
                    _ => {}
                }
            }
            None if f.post != f.title => add_post(doc, f),
            None => {}
        }
    }

    // Full names and family names written again without a title.
    let known: Vec<(String, String)> = doc
        .people
        .iter()
        .filter(|p| p.name.split_whitespace().count() >= 2)
        .map(|p| (p.key.clone(), p.name.clone()))
        .collect();
    for (key, name) in known {
        let mut search = doc.body_start;
        while let Some(pos) = doc.text[search..].find(&name).map(|i| i + search) {
            search = pos + name.len();
            if crate::knowledge::is_boundary_before(&doc.text, pos)
                && crate::knowledge::is_boundary_after(&doc.text, pos + name.len())
                && !doc
                    .mentions
                    .iter()
                    .any(|m| m.start < pos + name.len() && m.end > pos)
            {
                doc.mention(pos, pos + name.len(), Entity::Person(key.clone()));
            }
        }
    }

    assign_roles(doc);
    infer_states(doc, &assigned_state_people);
}

/// Read the description around one title hit.
fn describe(doc: &Doc<'_>, si: usize, ts: usize, te: usize) -> Option<Found> {
    let s = &doc.sentences[si];
    let text = &doc.text;
    let matched = &text[ts..te];
    // The bare title ("Deputy Minister") of a long lexicon entry ("… for Political Affairs").
    let title = doc
        .k
        .titles
        .iter()
        .filter(|t| {
            matched.starts_with(t.as_str())
                && (t.len() == matched.len() || matched[t.len()..].starts_with(' '))
        })
        .min_by_key(|t| t.len())
        .cloned()
        .unwrap_or_else(|| matched.to_string());
    // Qualifiers and a name after the title, up to punctuation or a lowercase word.
    let after = words(&text[te..s.end], te);
    let mut bracket_end = te;
    let mut run: Vec<(usize, usize)> = Vec::new();
    let mut prev_end = te;
    for &(ws, we) in &after {
        if ws < prev_end {
            continue;
        }
        let gap = &text[prev_end..ws];
        if gap.contains([',', '.', ';', ':', '"']) || (gap.contains(')') && !gap.contains('(')) {
            break;
        }
        let w = &text[ws..we];
        let bracketed = gap.contains('(');
        if bracketed {
            // "(SOM)" after a name of a body: part of the description, never of a name.
            if let Some(close) = text[ws..s.end].find(')') {
                prev_end = ws + close + 1;
                bracket_end = prev_end;
                continue;
            }
            break;
        }
        if is_capitalised(w) || CONNECTORS.contains(&w) || is_particle(doc, w) {
            run.push((ws, we));
            prev_end = we;
        } else {
            break;
        }
    }
    // Trailing connectors are not part of anything.
    while run
        .last()
        .is_some_and(|&(a, b)| CONNECTORS.contains(&&text[a..b]))
    {
        run.pop();
    }
    let last_word_end = run.last().map_or(te, |&(_, b)| b);
    let run_end = last_word_end.max(if bracket_end > last_word_end {
        bracket_end
    } else {
        te
    });
    let name_start_idx = name_tail(doc, &run);
    let mut name_span =
        (name_start_idx < run.len()).then(|| (run[name_start_idx].0, run[run.len() - 1].1));
    let qualifiers_end = if name_start_idx < run.len() {
        run[name_start_idx].0
    } else {
        run_end
    };
    let qualifiers = text[te..qualifiers_end].trim().to_string();

    // Name first: "Vu Ho, Acting Leader of …".
    let before = text[s.start..ts].trim_end();
    let mut span_start = ts;
    if name_span.is_none() && before.ends_with(',') {
        let before = &before[..before.len() - 1];
        let prev = words(before, s.start);
        let mut tail: Vec<(usize, usize)> = Vec::new();
        for &(a, b) in prev.iter().rev() {
            let w = &text[a..b];
            if b < before.len() + s.start
                && text[b..before.len() + s.start].contains([',', ';', '.', '('])
                && !tail.is_empty()
            {
                break;
            }
            if (is_capitalised(w) || is_particle(doc, w)) && tail.len() < MAX_NAME_WORDS {
                tail.push((a, b));
            } else {
                break;
            }
        }
        tail.reverse();
        let idx = name_tail(doc, &tail);
        let candidate = &tail[idx.min(tail.len())..];
        let all_caps = candidate
            .iter()
            .all(|&(a, b)| text[a..b].chars().all(|c| !c.is_lowercase()));
        if candidate.len() >= 2 && !all_caps {
            name_span = Some((candidate[0].0, candidate[candidate.len() - 1].1));
            span_start = candidate[0].0;
        }
    }
    let name_span = name_span
        .map(|(a, b)| trim_honorifics(doc, a, b))
        .filter(|(a, b)| b > a);

    let (post, organization, state_in_post) = parse_qualifiers(doc, matched, &qualifiers, te);
    let state = state_in_post.or_else(|| state_before(doc, ts));
    let definite = text[s.start..ts].to_lowercase().trim_end().ends_with("the");
    Some(Found {
        name_span,
        title,
        post,
        organization,
        state,
        span: (span_start.min(ts), run_end.max(te)),
        definite,
    })
}

fn is_particle(doc: &Doc<'_>, w: &str) -> bool {
    doc.k.particles.iter().any(|p| p == w)
}

/// Index where the name starts: the longest tail of name-shaped words.
fn name_tail(doc: &Doc<'_>, run: &[(usize, usize)]) -> usize {
    let text = &doc.text;
    let mut idx = run.len();
    while idx > 0 {
        let (a, b) = run[idx - 1];
        let w = &text[a..b];
        let particle = is_particle(doc, w) && idx < run.len();
        let name_like = is_capitalised(w)
            && !INSTITUTION_WORDS.contains(&w)
            && !w.split('-').all(|p| INSTITUTION_WORDS.contains(&p))
            && !doc.k.is_title_word(w)
            && !crate::dates::find_dates(w)
                .first()
                .is_some_and(|d| d.start == 0)
            && !doc
                .mentions
                .iter()
                .any(|m| m.start < b && m.end > a && !matches!(m.entity, Entity::Person(_)))
            && w.chars().any(|c| c.is_lowercase());
        if (name_like || particle) && run.len() - (idx - 1) <= MAX_NAME_WORDS {
            idx -= 1;
        } else {
            break;
        }
    }
    // A name does not start with a particle.
    while idx < run.len() && is_particle(doc, &text[run[idx].0..run[idx].1]) {
        idx += 1;
    }
    idx
}

fn trim_honorifics(doc: &Doc<'_>, mut a: usize, b: usize) -> (usize, usize) {
    loop {
        let rest = &doc.text[a..b];
        let Some(h) = doc
            .k
            .honorifics
            .iter()
            .filter(|h| rest.starts_with(h.as_str()) && rest[h.len()..].starts_with(' '))
            .max_by_key(|h| h.len())
        else {
            return (a, b);
        };
        a += h.len() + 1;
    }
}

/// Post, organisation and state from the words after a title:
/// "for Political Affairs of the Ministry of Foreign Affairs" → post "… for Political
/// Affairs", organisation "Ministry of Foreign Affairs"; "… of Viet Nam" → VNM.
fn parse_qualifiers(
    doc: &Doc<'_>,
    title: &str,
    qualifiers: &str,
    offset: usize,
) -> (String, Option<String>, Option<String>) {
    let qstart = offset + (doc.text[offset..].len() - doc.text[offset..].trim_start().len());
    let qend = qstart + qualifiers.len();
    // States named in the qualifiers; the last one is the person's.
    let state = doc
        .mentions
        .iter()
        .filter(|m| m.start >= qstart && m.end <= qend)
        .filter_map(|m| match &m.entity {
            Entity::State(s) => Some((m.start, s.clone())),
            _ => None,
        })
        .last();
    let org_at = ORG_HEADS
        .iter()
        .filter_map(|h| find_word(qualifiers, h))
        .min();
    let (post_part, organization) = match org_at {
        Some(at) => {
            let mut org = qualifiers[at..].to_string();
            if let Some((s_at, _)) = &state {
                let rel = s_at - qstart;
                if rel > at {
                    org = qualifiers[at..rel]
                        .trim_end()
                        .trim_end_matches(" the")
                        .trim_end_matches(" of")
                        .to_string();
                }
            }
            let post_part = qualifiers[..at]
                .trim_end()
                .trim_end_matches(" the")
                .trim_end_matches(" of")
                .trim_end_matches(',')
                .to_string();
            (post_part, Some(org.trim().to_string()))
        }
        None => {
            // "… of Viet Nam" ends a post; a mechanism ("of ASEAN") is its organisation.
            let mut post_part = qualifiers.to_string();
            if let Some((s_at, _)) = &state {
                let rel = s_at - qstart;
                post_part = qualifiers[..rel]
                    .trim_end()
                    .trim_end_matches(" the")
                    .trim_end_matches(" of")
                    .to_string();
            }
            let org = doc
                .mentions
                .iter()
                .filter(|m| m.start >= qstart && m.end <= qend)
                .find_map(|m| match &m.entity {
                    Entity::Mechanism(slug) => doc
                        .mechanisms
                        .iter()
                        .find(|x| &x.slug == slug)
                        .map(|x| x.label.clone()),
                    _ => None,
                });
            (post_part, org)
        }
    };
    let post_part = trim_connectors(&strip_brackets(&post_part));
    let post = if post_part.is_empty() {
        title.to_string()
    } else {
        format!("{title} {post_part}")
    };
    (
        post,
        organization.map(|o| strip_brackets(&o)),
        state.map(|s| s.1),
    )
}

/// Drop connector words at either end ("of the" left over before a ministry).
fn trim_connectors(s: &str) -> String {
    let mut ws: Vec<&str> = s.split_whitespace().collect();
    while ws.last().is_some_and(|w| CONNECTORS.contains(w)) {
        ws.pop();
    }
    while ws
        .first()
        .is_some_and(|w| CONNECTORS.contains(w) && *w != "of" && *w != "for")
    {
        ws.remove(0);
    }
    ws.join(" ")
}

fn strip_brackets(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn find_word(hay: &str, word: &str) -> Option<usize> {
    hay.match_indices(word).map(|(i, _)| i).find(|&i| {
        crate::knowledge::is_boundary_before(hay, i)
            && crate::knowledge::is_boundary_after(hay, i + word.len())
    })
}

/// A state named just before a title: "Korean Foreign Minister", "the ROK's Vice Minister".
fn state_before(doc: &Doc<'_>, ts: usize) -> Option<String> {
    let window = ts.saturating_sub(24);
    doc.mentions
        .iter()
        .filter(|m| m.end <= ts && m.end >= window)
        .filter(|m| {
            let gap = &doc.text[m.end..ts];
            gap.trim_start_matches("'s").trim().is_empty()
        })
        .find_map(|m| match &m.entity {
            Entity::State(s) => Some(s.clone()),
            _ => None,
        })
}

/// The key that makes one person of "Park Yoon-joo" and "Park Yoonjoo".
pub(crate) fn person_key(name: &str) -> String {
    let joined: Vec<String> = name
        .split_whitespace()
        .map(|w| w.replace('-', ""))
        .collect();
    slug(&joined.join(" "))
}

/// Find the person a name refers to in this document, or add one.
fn resolve_person(doc: &mut Doc<'_>, name: &str, f: &Found) -> String {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    let key = person_key(name);
    // A single word ("Yeo") names a person already met with that word in their name.
    let existing = if tokens.len() == 1 {
        doc.people
            .iter()
            .find(|p| {
                p.name
                    .split_whitespace()
                    .any(|t| person_key(t) == person_key(tokens[0]))
            })
            .map(|p| p.key.clone())
    } else {
        doc.people
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.key.clone())
            .or_else(|| {
                // A full name for someone first met by one word: upgrade that person.
                doc.people
                    .iter()
                    .find(|p| {
                        p.name.split_whitespace().count() == 1
                            && tokens.iter().any(|t| person_key(t) == p.key)
                    })
                    .map(|p| p.key.clone())
            })
    };
    match existing {
        Some(k) => {
            let p = doc
                .people
                .iter_mut()
                .find(|p| p.key == k)
                .expect("found above");
            if tokens.len() > p.name.split_whitespace().count() {
                // Upgrade: the fuller name becomes the key too; earlier mentions follow.
                let new_key = person_key(name);
                for m in &mut doc.mentions {
                    if m.entity == Entity::Person(p.key.clone()) {
                        m.entity = Entity::Person(new_key.clone());
                    }
                }
                p.key = new_key;
                p.name = name.to_string();
            }
            if p.post.as_ref().is_none_or(|post| post.len() < f.post.len()) {
                p.post = Some(f.post.clone());
                p.title = Some(f.title.clone());
            }
            if p.organization.is_none() {
                p.organization = f.organization.clone();
            }
            if p.state.is_none() {
                p.state = f.state.clone();
            }
            p.key.clone()
        }
        None => {
            doc.people.push(Person {
                key: key.clone(),
                name: name.to_string(),
                title: Some(f.title.clone()),
                post: Some(f.post.clone()),
                organization: f.organization.clone(),
                state: f.state.clone(),
                role: None,
                state_inferred: false,
            });
            key
        }
    }
}

fn add_post(doc: &mut Doc<'_>, f: &Found) {
    let key = slug(&f.post);
    if key.is_empty() {
        return;
    }
    if !doc.posts.iter().any(|p| p.key == key) {
        doc.posts.push(Post {
            key: key.clone(),
            label: f.post.clone(),
            role: None,
        });
    }
    doc.mention(f.span.0, f.span.1, Entity::Post(key));
}

/// Roles from the sentences people appear in; the strongest wins.
fn assign_roles(doc: &mut Doc<'_>) {
    fn rank(role: &str) -> u8 {
        match role {
            "co-chair" => 4,
            "chair" => 3,
            "head of delegation" => 2,
            "attendee" => 1,
            _ => 0,
        }
    }
    let mut roles: Vec<(Entity, &'static str)> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let lower = doc.text[s.start..s.end].to_lowercase();
        let role = if lower.contains("co-chair") || lower.contains("co-host") {
            "co-chair"
        } else if lower.contains("chaired")
            || lower.contains("chaired by")
            || lower.contains(" chair of the meeting")
        {
            "chair"
        } else if lower.contains("delegation")
            && (lower.contains(" led ") || lower.contains("headed") || lower.contains("head of"))
        {
            "head of delegation"
        } else if lower.contains("attended")
            || lower.contains("participated")
            || lower.contains("joined")
        {
            "attendee"
        } else {
            continue;
        };
        for m in doc.mentions.iter().filter(|m| m.sentence == Some(si)) {
            if matches!(m.entity, Entity::Person(_) | Entity::Post(_)) {
                roles.push((m.entity.clone(), role));
            }
        }
    }
    for (entity, role) in roles {
        match entity {
            Entity::Person(key) => {
                if let Some(p) = doc.people.iter_mut().find(|p| p.key == key) {
                    if p.role.as_deref().is_none_or(|r| rank(r) < rank(role)) {
                        p.role = Some(role.to_string());
                    }
                }
            }
            Entity::Post(key) => {
                if let Some(p) = doc.posts.iter_mut().find(|p| p.key == key) {
                    if p.role.as_deref().is_none_or(|r| rank(r) < rank(role)) {
                        p.role = Some(role.to_string());
                    }
                }
            }
            _ => {}
        }
    }
}

/// A person with no state in their description takes the meeting's one state party that no
/// other official was given (a ministry's release leaves its own officials' state unsaid).
fn infer_states(doc: &mut Doc<'_>, explicit: &[(String, String)]) {
    let Some(main) = doc.meetings.iter().find(|m| m.main) else {
        return;
    };
    let mut parties: Vec<String> = main
        .series
        .parties
        .iter()
        .filter_map(|e| match e {
            Entity::State(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    if let Some(s) = &main.location_state {
        if parties.is_empty() {
            parties.push(s.clone());
        }
    }
    let unclaimed: Vec<&String> = parties
        .iter()
        .filter(|s| !explicit.iter().any(|(_, st)| st == *s))
        .collect();
    if unclaimed.len() != 1 {
        return;
    }
    let home = unclaimed[0].clone();
    for p in &mut doc.people {
        if p.state.is_none()
            && p.organization
                .as_deref()
                .is_some_and(|o| o.starts_with("Ministry"))
        {
            p.state = Some(home.clone());
            p.state_inferred = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_variants_share_a_person_key() {
        assert_eq!(person_key("Park Yoon-joo"), person_key("Park Yoonjoo"));
        assert_ne!(person_key("Park Yoon-joo"), person_key("Park Jin"));
    }
}
