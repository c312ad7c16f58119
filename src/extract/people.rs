//! Officials: name, title, post, ministry, state and role, from both orders of writing.
//!
//! Title first: "Deputy Minister for Political Affairs of the Ministry of Foreign Affairs
//! Yeo Seung-bae" — the name is the longest tail of name-shaped words (capitalised, not an
//! institution word, not a known state or mechanism, at most five words, particles such as
//! "bin" allowed inside; initials and a family name in capitals, "TAKAHASHI Kenji", inside a
//! name only; honorifics such as "Datin Paduka" never). The name ends before "and", "of", "in",
//! "on" or "at" once two name words stand before it ("X Y of the Lao PDR" gives LAO). Name
//! first: "Vu Ho, Acting Leader of … of Viet Nam"; description, comma, name: "Minister … of
//! Indonesia, Budi Santoso, and …". Later forms ("Deputy Minister Yeo", "the Deputy Minister",
//! the full name, one part of it used alone as in "Kang said") resolve to the same person; a
//! post whose holder is not named is kept as a post. Roles come from the sentence (co-chaired,
//! "held the … Dialogue with", chaired, led the delegation, attended, accompanied by); "the ROK
//! delegation, led by X" also gives X's state, and "Ambassador to Indonesia" does not. A
//! person whose description names no state and no body takes the one state party of the
//! meeting that no other official was given.
//! Pure: no IO.

use super::phrase::CONNECTORS;
use super::{is_capitalised, words, Doc, Entity, Mention, Person, Post};
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
    "House",
    "Senate",
    "Congress",
    "Parliament",
    "Administration",
    "Hemisphere",
    // Things named after people ("the Queen Mary Aircraft Carrier", "the Grand Prince
    // Hotel", "the King Faisal Award"): the person's name there is no mention of a person.
    "Hotel",
    "Carrier",
    "Aircraft",
    "Award",
    "Prize",
    "Airport",
    "University",
    "Hospital",
    "Palace",
    "Avenue",
    "Square",
    "Bridge",
    "Corps",
    "Forces",
    "Force",
    "Command",
    "Month",
    "Stadium",
    "Museum",
    "Mosque",
    "Cathedral",
    "Memorial",
    "Foundation",
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
    /// The name follows the description after a comma ("Minister …, Mr X,").
    set_off: bool,
}

pub(crate) fn recognise(doc: &mut Doc<'_>) {
    // Earlier stages' mentions, sorted once so the lookups below are binary searches.
    doc.sort_mentions();
    doc.sorted_upto = doc.mentions.len();
    let k = doc.k;
    let mut found: Vec<Found> = Vec::new();
    let body_start = doc.body_start;
    let read_title = title_names_speakers(doc);
    for si in 0..doc.sentences.len() {
        let s = doc.sentences[si].clone();
        if s.end <= body_start && !read_title {
            continue;
        }
        let sentence = &doc.text[s.start..s.end];
        let titles: Vec<Hit> = k.find_titles(sentence);
        for t in titles {
            let (ts, te) = (s.start + t.start, s.start + t.end);
            if found.iter().any(|f| f.span.0 <= ts && f.span.1 >= te) {
                continue;
            }
            // "Minister A, Mr X, Minister B of Japan, Mr Y": X is A's, not B's; but in
            // "Ambassador X, Ambassador of Korea" the second title is X's again.
            let claimed_upto = found.last().filter(|f| f.set_off).map_or(0, |f| f.span.1);
            let named_upto = found.last().and_then(|f| f.name_span).map(|(_, e)| e);
            if let Some(f) = describe(doc, si, ts, te, claimed_upto, named_upto) {
                found.push(f);
            }
        }
    }

    // Give each description a person (new or known) or keep it as a post.
    let mut assigned_state_people: Vec<(String, String)> = Vec::new();
    for f in &found {
        match f.name_span {
            // "Senior Advisor for Public Engagement, …": one word closing a post's field is
            // no name unless the document already named someone so.
            Some((ns, ne))
                if !doc.text[ns..ne].contains(' ')
                    && f.post != f.title
                    && doc.text[ne..].starts_with([',', '.'])
                    && !doc
                        .people
                        .iter()
                        .any(|p| p.name.split_whitespace().any(|t| t == &doc.text[ns..ne])) =>
            {
                add_post(doc, f);
            }
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
    let mut spans: Vec<(usize, usize)> = doc.mentions.iter().map(|m| (m.start, m.end)).collect();
    spans.sort_unstable();
    let overlaps = |spans: &[(usize, usize)], a: usize, b: usize| {
        let i = spans.partition_point(|s| s.0 < b);
        spans[..i]
            .iter()
            .rev()
            .take_while(|s| s.0 + LONGEST_MENTION > a)
            .any(|s| s.1 > a)
    };
    let mut added: Vec<(usize, usize, String)> = Vec::new();
    let names: Vec<&str> = known.iter().map(|(_, name)| name.as_str()).collect();
    let places = occurrences(&doc.text, doc.body_start, &names);
    for ((key, name), starts) in known.iter().zip(places) {
        for pos in starts {
            let end = pos + name.len();
            if crate::knowledge::is_boundary_before(&doc.text, pos)
                && crate::knowledge::is_boundary_after(&doc.text, end)
                && !overlaps(&spans, pos, end)
                && !added.iter().rev().take(1).any(|a| a.0 < end && a.1 > pos)
            {
                added.push((pos, end, key.clone()));
            }
        }
    }
    for (start, end, key) in added {
        doc.mention(start, end, Entity::Person(key));
    }

    link_single_names(doc);
    assign_roles(doc);
    infer_states(doc, &assigned_state_people);
}

/// Title cues of remarks given around a meeting ("X and Y Before Their Meeting"): the body
/// is a transcript whose speakers the title alone names in full.
const REMARKS_TITLE_CUES: &[&str] = &[
    "before their meeting",
    "after their meeting",
    "before a meeting",
    "before bilateral meeting",
    "before a bilateral meeting",
    "before their bilateral",
];

/// Words a headline capitalises that no name holds ("… Sand Before Their Meeting").
const HEADLINE_WORDS: &[&str] = &["Before", "After", "Their", "With", "During", "Ahead"];

/// Whether the title is read for people: it introduces remarks around a meeting.
fn title_names_speakers(doc: &Doc<'_>) -> bool {
    let title = doc.text.get(..doc.body_start).unwrap_or("").to_lowercase();
    REMARKS_TITLE_CUES.iter().any(|c| title.contains(c))
}

/// Mentions from the stages before this one (kept sorted by start) that start in `lo..hi`:
/// a binary search, so looking around every title stays linear in the document.
fn earlier<'d>(doc: &'d Doc<'_>, lo: usize, hi: usize) -> &'d [Mention] {
    let sorted = &doc.mentions[..doc.sorted_upto.min(doc.mentions.len())];
    let a = sorted.partition_point(|m| m.start < lo);
    let b = sorted.partition_point(|m| m.start < hi);
    &sorted[a..b.max(a)]
}

/// The longest mention a stage before this one made, so overlap queries know how far back
/// to look.
pub(crate) const LONGEST_MENTION: usize = 512;

/// Read the description around one title hit. The description before it set off a name up
/// to `claimed_upto` (0 for none) and named someone up to `named_upto`.
fn describe(
    doc: &Doc<'_>,
    si: usize,
    ts: usize,
    te: usize,
    claimed_upto: usize,
    named_upto: Option<usize>,
) -> Option<Found> {
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
    // A post and a name never run longer than this; reading the whole rest of a long
    // sentence after every title made extraction quadratic.
    let mut after_end = s.end.min(te + super::LOOKBACK);
    while !text.is_char_boundary(after_end) {
        after_end -= 1;
    }
    if after_end < s.end {
        after_end = te + text[te..after_end].rfind(char::is_whitespace).unwrap_or(0);
    }
    let after = words(&text[te..after_end], te);
    let mut bracket_end = te;
    let mut run: Vec<(usize, usize)> = Vec::new();
    let mut prev_end = te;
    for &(ws, we) in &after {
        if ws < prev_end {
            continue;
        }
        let gap = &text[prev_end..ws];
        // A line break ends a description: the next line is another field of a page.
        if gap.contains([',', '.', ';', ':', '"', '\n'])
            || (gap.contains(')') && !gap.contains('('))
        {
            break;
        }
        // "Jake Sullivan's Call": a possessive ends the name; what it owns is not a name.
        // Inside a state's name ("the People's Republic of China") it ends nothing.
        let in_state = |at: usize| state_spans(doc, at, at + 1);
        if POSSESSIVES.iter().any(|p| gap.starts_with(p)) && !in_state(prev_end) {
            break;
        }
        let w = &text[ws..we];
        // "Harris' trip" ends a name; "Senior Officials' Meeting" is a body's name.
        let plural_possessive = (w.ends_with("s'") || w.ends_with("s\u{2019}"))
            .then(|| w.trim_end_matches(['\'', '\u{2019}']))
            .filter(|stem| !INSTITUTION_WORDS.contains(&format!("{stem}'").as_str()));
        if let Some(stem) = POSSESSIVES
            .iter()
            .find_map(|p| w.strip_suffix(p))
            .or(plural_possessive)
            .filter(|_| !in_state(ws))
        {
            if is_capitalised(stem) {
                run.push((ws, ws + stem.len()));
            }
            break;
        }
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
        // "President X and Prime Minister Y": another official's title starts after "and".
        if let (true, Some(&(pa, pb))) = (w == "and", run.last()) {
            let next = text[we..after_end].split_whitespace().next().unwrap_or("");
            // The word before "and" ends a person's name, not a state's ("of Viet Nam and
            // Country Coordinator …" is one post).
            let after_name = is_name_word(doc, &text[pa..pb], false, None)
                && !earlier(doc, pa.saturating_sub(LONGEST_MENTION), pb)
                    .iter()
                    .any(|m| m.start < pb && m.end > pa);
            if after_name && is_capitalised(next) && doc.k.is_title_word(next) {
                break;
            }
            // "… and Mr Y", "… and British Foreign Secretary Y": an honorific or a state
            // after "and" opens another person's description.
            let next_at = we + text[we..after_end].len() - text[we..after_end].trim_start().len();
            if starts_honorific(doc, &text[next_at..after_end])
                || (after_name && state_spans(doc, next_at, next_at + 1))
            {
                break;
            }
        }
        if (is_capitalised(w) && !HEADLINE_WORDS.contains(&w))
            || CONNECTORS.contains(&w)
            || is_particle(doc, w)
        {
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
    // "… Oh Sung-min and Hoang Van Khanh", "… Dewi Kartikasari in Seoul", "… Bounthanh
    // Keomany of the Lao PDR": the name ends before a connector that follows a name of two
    // or more words; a state after "of" there is still the person's.
    let mut trail_state = None;
    if let Some(cut) = name_cut(doc, &run) {
        let (cs, _) = run[cut];
        let end = run[run.len() - 1].1;
        if text[cs..run[cut].1].eq_ignore_ascii_case("of") {
            trail_state = doc
                .mentions
                .iter()
                .filter(|m| m.start >= cs && m.end <= end)
                .find_map(|m| match &m.entity {
                    Entity::State(st) => Some(st.clone()),
                    _ => None,
                });
        }
        run.truncate(cut);
        bracket_end = te;
    }
    // "Lloyd Austin III", "Bob Carr MP": a generational suffix stays with the name, a
    // post-nominal ("MP", "QC") does not; neither is a name word of its own.
    let mut suffix_end = None;
    while let Some(&(a, b)) = run.last() {
        let w = &text[a..b];
        if run.len() < 2 {
            break;
        }
        if GENERATIONAL.contains(&w) {
            suffix_end.get_or_insert(b);
        } else if !is_post_nominal(w) {
            break;
        }
        run.pop();
    }
    let last_word_end = run.last().map_or(te, |&(_, b)| b);
    let run_end = last_word_end.max(if bracket_end > last_word_end {
        bracket_end
    } else {
        te
    });
    let name_start_idx = after_connector(doc, &run, name_tail(doc, &run));
    let mut name_span =
        (name_start_idx < run.len()).then(|| (run[name_start_idx].0, run[run.len() - 1].1));
    let qualifiers_end = if name_start_idx < run.len() {
        run[name_start_idx].0
    } else {
        run_end
    };
    // "Foreign Minister Sheikh X": the honorific before the name is not part of the post.
    let mut qualifiers = text[te..qualifiers_end].trim();
    while let Some(h) = doc
        .k
        .honorifics
        .iter()
        .filter(|h| ends_honorific(doc, qualifiers) && qualifiers.ends_with(h.as_str()))
        .max_by_key(|h| h.len())
    {
        qualifiers = qualifiers[..qualifiers.len() - h.len()].trim_end();
    }
    let qualifiers = qualifiers.to_string();

    // Name first: "Vu Ho, Acting Leader of …", also across words that qualify the title
    // ("X, former President of …", "X, Australia's Minister …") and after a name's
    // post-nominal ("X MP, Minister …").
    let before = skip_title_modifiers(doc, s.start, ts, named_upto);
    let mut span_start = ts;
    if name_span.is_none() && before.ends_with(',') {
        let mut before = before[..before.len() - 1].trim_end();
        while let Some((stem, last)) = before.rsplit_once(' ') {
            if !is_post_nominal(last) {
                break;
            }
            before = stem.trim_end();
        }
        // "Joseph R. Biden, Jr., President …": the name is read without its suffix.
        if let Some(stem) = GENERATIONAL
            .iter()
            .find_map(|g| before.strip_suffix(g))
            .filter(|stem| stem.ends_with([' ', ',']))
        {
            before = stem.trim_end_matches([' ', ',']);
        }
        let near = super::tail(before, super::LOOKBACK);
        let prev = words(near, s.start + before.len() - near.len());
        let mut tail: Vec<(usize, usize)> = Vec::new();
        for &(a, b) in prev.iter().rev() {
            let w = &text[a..b];
            // Punctuation between this word and the next one ends the name.
            let gap_end = tail.last().map_or(before.len() + s.start, |&(x, _)| x);
            if b < gap_end && text[b..gap_end].contains([',', ';', '.', '(']) && !tail.is_empty() {
                break;
            }
            if (is_capitalised(w) || is_particle(doc, w)) && tail.len() < MAX_NAME_WORDS + 3 {
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
        // A name the description before this one already took is not this one's.
        if candidate.len() >= 2 && !all_caps && candidate[0].0 >= claimed_upto {
            name_span = Some((candidate[0].0, candidate[candidate.len() - 1].1));
            span_start = candidate[0].0;
        }
    }
    // A name on the line above its title, as lists of delegates and signature blocks write
    // them: "His Excellency Dr X Y\nMinister of Foreign Affairs of …".
    if name_span.is_none() {
        if let Some((a, b)) = name_line_above(doc, ts) {
            name_span = Some((a, b));
            span_start = a;
        }
    }
    // Title first, name set off by commas: "Vice Minister of Foreign Affairs of the Republic
    // of Indonesia, Mahendra Adiputra, and …".
    let mut span_end = run_end.max(te);
    let mut set_off = false;
    if name_span.is_none() {
        if let Some((a, b)) = name_after_comma(doc, span_end, s.end) {
            name_span = Some((a, b));
            span_end = b;
            set_off = true;
        }
    }
    let name_span = name_span
        .map(|(a, b)| trim_honorifics(doc, a, b))
        .filter(|(a, b)| b > a)
        // "BIDEN: Well" (a transcript's speaker label) is no name.
        .filter(|&(a, b)| !text[a..b].contains([':', ';', '(', ')', '"', '\n']))
        .filter(|&(a, b)| !listed_field(text, a, b))
        .map(|(a, b)| {
            let end = match suffix_end {
                Some(e) if b == last_word_end => e,
                _ => b,
            };
            (a, with_suffix(text, end))
        });

    let (post, organization, state_in_post) = parse_qualifiers(doc, matched, &qualifiers, te);
    let state = state_in_post
        .or(trail_state)
        .or_else(|| state_before(doc, ts))
        .or_else(|| state_closing_line(doc, run_end.max(te)))
        .or_else(|| name_span.and_then(|(_, b)| state_after_name(doc, b)));
    let definite = text[s.start..ts].to_lowercase().trim_end().ends_with("the");
    Some(Found {
        name_span,
        title,
        post,
        organization,
        state,
        span: (span_start.min(ts), span_end),
        definite,
        set_off,
    })
}

/// The name on the line right above a title that starts its line ("And" may open the
/// line of a list's last item), when that line is an honorific and a name alone: "His
/// Excellency Mr X Y". Blank lines between them are allowed; the honorific is required, so a
/// heading above a title is not read as a name.
fn name_line_above(doc: &Doc<'_>, ts: usize) -> Option<(usize, usize)> {
    let text = &doc.text;
    let line_start = text[..ts].rfind('\n')? + 1;
    let lead = text[line_start..ts].trim();
    if !(lead.is_empty() || lead == "And" || lead == "and") {
        return None;
    }
    let above = text[..line_start].trim_end();
    let blank = &text[above.len()..line_start];
    if blank.matches('\n').count() > 2 {
        return None;
    }
    let start = above.rfind('\n').map_or(0, |i| i + 1);
    let line = above[start..].trim_start_matches(['-', '\u{2022}', '*', ' ', '\t']);
    let line = line.trim_start_matches("And ").trim_start_matches("and ");
    let mut a = above.len() - line.len();
    let b = above.len();
    if line.len() > 120 || !starts_honorific(doc, line) {
        return None;
    }
    // Honorifics and courtesy titles ("His Highness Prince") before the name.
    loop {
        let rest = &text[a..b];
        let courtesy = doc
            .k
            .honorifics
            .iter()
            .filter(|h| rest.starts_with(h.as_str()) && rest[h.len()..].starts_with(' '))
            .map(String::len)
            .chain(
                rest.split_whitespace()
                    .next()
                    .filter(|w| doc.k.titles.iter().any(|t| t == w))
                    .map(str::len),
            )
            .max();
        match courtesy {
            Some(n) => a += n + 1,
            None => break,
        }
    }
    let ws = words(&text[a..b], a);
    if ws.len() < 2 || ws.len() > MAX_NAME_WORDS + 4 {
        return None;
    }
    if ws
        .iter()
        .any(|&(x, y)| !(is_capitalised(&text[x..y]) || is_particle(doc, &text[x..y])))
    {
        return None;
    }
    let idx = name_tail(doc, &ws);
    (idx == 0 && ws.len() - idx >= 2).then(|| (ws[0].0, ws[ws.len() - 1].1))
}

/// Words that may stand between a name set off by a comma and the title it holds:
/// "X, former President …", "X, Second Permanent Secretary …" (the lexicon's title is the
/// last words only).
const TITLE_MODIFIERS: &[&str] = &[
    "former",
    "Former",
    "then",
    "Acting",
    "acting",
    "Managing",
    "Joint",
    "Standing",
    "Executive",
    "Chief",
    "Principal",
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
];

/// The sentence's text before a title, without the modifiers and the state ("Australia's",
/// "the Australian") that stand between the title and a comma before them. "the" alone is
/// skipped after the name an earlier description took ("King X, the King of …"): `named_upto`
/// is where that name ends.
fn skip_title_modifiers<'t>(
    doc: &'t Doc<'_>,
    start: usize,
    ts: usize,
    named_upto: Option<usize>,
) -> &'t str {
    let text = &doc.text;
    let mut end = ts;
    let mut saw_state = false;
    for _ in 0..4 {
        let before = text[start..end].trim_end();
        let Some(at) = before.rfind([' ', ',', '\n']).map(|i| i + 1) else {
            break;
        };
        let w = &before[at..];
        let (ws, we) = (start + at, start + before.len());
        let state = !w.is_empty() && state_spans(doc, ws, we);
        // "the" only before a state: "X, the Australian Minister …", not "June, the
        // President …".
        let appositive = named_upto.is_some_and(|e| {
            (start..ws).contains(&e) && text[start..ws].trim_end().len() == e + 1 - start
        });
        let article = (w == "the" || w == "The") && (saw_state || appositive);
        if !(state || article || TITLE_MODIFIERS.contains(&w)) {
            break;
        }
        saw_state |= state;
        end = ws;
    }
    let before = text[start..end].trim_end();
    if before.ends_with(',') {
        before
    } else {
        text[start..ts].trim_end()
    }
}

/// Where the name starts when the words before it end in a connector: "Crown Prince of Abu
/// Dhabi", "Director for Public Engagement" name a place or a field, not a person; in
/// "Senior Director for the Western Hemisphere Juan Gonzalez" only the last two words (with
/// initials and particles between them) are the name. Returns `run.len()` for no name.
fn after_connector(doc: &Doc<'_>, run: &[(usize, usize)], idx: usize) -> usize {
    let text = &doc.text;
    if idx == 0 || idx >= run.len() {
        return idx;
    }
    let before = &text[run[idx - 1].0..run[idx - 1].1];
    if !["of", "for", "to", "in", "at", "on", "the", "and"].contains(&before) {
        return idx;
    }
    let core = |(a, b): (usize, usize)| {
        let w = &text[a..b];
        !(is_particle(doc, w)
            || is_particle(doc, &w.to_lowercase())
            || w.len() == 2 && w.ends_with('.'))
    };
    let core_count = run[idx..].iter().filter(|&&w| core(w)).count();
    if core_count < 3 {
        return run.len();
    }
    // Keep the last two core words and what stands between them.
    let mut seen = 0;
    let mut start = run.len();
    for i in (idx..run.len()).rev() {
        if core(run[i]) {
            seen += 1;
            if seen > 2 {
                break;
            }
        }
        start = i;
    }
    start
}

/// One word that opens a list of fields ("… for Economic Growth, Energy, and the
/// Environment"): part of a post, not a name.
fn listed_field(text: &str, a: usize, b: usize) -> bool {
    if text[a..b].contains(' ') {
        return false;
    }
    let Some(rest) = text[b..].strip_prefix(", ") else {
        return false;
    };
    let next: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
    let after = &rest[next.len()..];
    is_capitalised(&next) && (after.starts_with(',') || after.starts_with(" and "))
}

/// Possessive endings, straight and curly.
const POSSESSIVES: &[&str] = &["'s", "\u{2019}s"];

/// Generational suffixes, part of a name ("Joseph R. Biden, Jr.", "Lloyd J. Austin III").
const GENERATIONAL: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

/// A post-nominal after a name ("MP", "QC", "AO"): a short word in capitals, never a name.
fn is_post_nominal(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=4).contains(&letters)
        && w.chars().all(|c| c.is_ascii_uppercase() || c == '.')
        && !GENERATIONAL.contains(&w)
}

/// The end of a name with the generational suffix that follows it, if any: "Biden, Jr."
/// and "Austin III" end after the suffix.
fn with_suffix(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let after_comma = rest.strip_prefix(", ").or_else(|| rest.strip_prefix(' '));
    let Some(r) = after_comma else {
        return end;
    };
    for suf in GENERATIONAL {
        if let Some(tail) = r.strip_prefix(suf) {
            let boundary = tail.chars().next().is_none_or(|c| !c.is_alphanumeric());
            if boundary {
                return end + (rest.len() - tail.len());
            }
        }
    }
    end
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
        // The last word of an honorific ("Datin Paduka") ends the name's left edge.
        let look = (0..=a.saturating_sub(24))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        if ends_honorific(doc, &text[look..b]) {
            break;
        }
        // "bin Sultan", "bin Khalifa": after a particle of descent, a word that is also a
        // title is a father's name.
        // "King Abdullah II ibn X": a regnal number before a particle stays in the name.
        let regnal = GENERATIONAL.contains(&w)
            && run
                .get(idx)
                .is_some_and(|&(x, y)| is_particle(doc, &text[x..y]));
        let after_descent = idx >= 2
            && ["bin", "ibn", "bint", "binti"].contains(&&text[run[idx - 2].0..run[idx - 2].1])
            && is_capitalised(w)
            && !INSTITUTION_WORDS.contains(&w);
        let name_like = (after_descent
            || regnal
            || is_name_word(
                doc,
                w,
                idx < run.len(),
                run.get(idx).map(|&(x, y)| &text[x..y]),
            ))
            && !earlier(doc, a.saturating_sub(LONGEST_MENTION), b)
                .iter()
                .any(|m| m.start < b && m.end > a && !matches!(m.entity, Entity::Person(_)));
        let words_in_name = run[idx - 1..]
            .iter()
            .filter(|&&(x, y)| {
                let w = &text[x..y];
                !is_particle(doc, w) && !is_particle(doc, &w.to_lowercase())
            })
            .count();
        if (name_like || particle) && words_in_name <= MAX_NAME_WORDS {
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

/// Weekdays: capitalised but never part of a name (nor are month names).
const WEEKDAYS: [&str; 7] = crate::text::dates::WEEKDAY_NAMES;

/// Whether a word can stand in a personal name. `inner` says another name word follows;
/// `next` is that word. Initials ("C.") and a family name in capitals before a given name
/// ("TAKAHASHI Kenji") count only inside a name.
fn is_name_word(doc: &Doc<'_>, w: &str, inner: bool, next: Option<&str>) -> bool {
    if !is_capitalised(w)
        || INSTITUTION_WORDS.contains(&w)
        || w.split('-').all(|p| INSTITUTION_WORDS.contains(&p))
        || INSTITUTION_WORDS.contains(&w.trim_end_matches('s'))
        || doc.k.is_title_word(w)
        || WEEKDAYS.contains(&w)
        || HEADLINE_WORDS.contains(&w)
        || crate::text::dates::MONTH_NAMES.contains(&w)
        || crate::text::dates::find_dates(w)
            .first()
            .is_some_and(|d| d.start == 0)
    {
        return false;
    }
    if w.chars().any(|c| c.is_lowercase()) {
        return true;
    }
    let initial = w.len() == 2 && w.ends_with('.');
    let capital_family = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && next.is_some_and(|n| n.chars().any(|c| c.is_lowercase()));
    inner && (initial || capital_family)
}

/// Whether a text starts with a whole honorific ("Mr Y", "H.E. Y").
fn starts_honorific(doc: &Doc<'_>, text: &str) -> bool {
    let norm = text.replace('\u{2019}', "'");
    doc.k
        .honorifics
        .iter()
        .any(|h| norm.starts_with(h.as_str()) && norm[h.len()..].starts_with(char::is_whitespace))
}

/// Whether a state mention of an earlier stage covers part of `a..b`.
fn state_spans(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    earlier(doc, a.saturating_sub(LONGEST_MENTION), b)
        .iter()
        .any(|m| m.start < b && m.end > a && matches!(m.entity, Entity::State(_)))
}

/// Whether a text ends with a whole honorific ("… Datin Paduka", "… Dato'").
fn ends_honorific(doc: &Doc<'_>, text: &str) -> bool {
    let norm = text.replace('\u{2019}', "'");
    doc.k.honorifics.iter().any(|h| {
        norm.ends_with(h.as_str())
            && h.chars().any(|c| c.is_lowercase())
            && (norm.len() == h.len()
                || norm[..norm.len() - h.len()].ends_with(char::is_whitespace))
    })
}

/// Where a run of words after a title stops being the name: at the last connector ("and",
/// "of", "in", "on", "at") that follows a name of at least two words. None when no such cut.
fn name_cut(doc: &Doc<'_>, run: &[(usize, usize)]) -> Option<usize> {
    let text = &doc.text;
    let name_words_before = |j: usize, connectors: &[&str]| {
        let w = &text[run[j].0..run[j].1];
        if !connectors.contains(&w) || is_particle(doc, w) {
            return 0;
        }
        j - name_tail(doc, &run[..j])
    };
    (1..run.len())
        .rev()
        .find(|&j| name_words_before(j, &["and", "of", "in", "on", "at"]) >= 2)
        // "President Macron in Paris on Monday": one name word before the first place or
        // time preposition suffices.
        .or_else(|| (1..run.len()).find(|&j| name_words_before(j, &["in", "on", "at"]) == 1))
}

/// A name right after a description and a comma, closed by a comma, "and", or a lowercase
/// word: "…, Seo Jae-kyung, co-chaired". Two to five name-shaped words.
fn name_after_comma(doc: &Doc<'_>, from: usize, limit: usize) -> Option<(usize, usize)> {
    let text = &doc.text;
    let rest = &text[from..limit];
    let after_comma = rest.strip_prefix(',')?;
    let base = from + 1;
    let ws = words(after_comma, base);
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut prev_end = base;
    for &(a, b) in &ws {
        let gap = &text[prev_end..a];
        if !taken.is_empty() && gap.contains([',', '.', ';', ':', '(', ')', '"']) {
            break;
        }
        let w = &text[a..b];
        // "Senator the Hon X": "the" inside a courtesy title.
        let courtesy_the = w == "the" && text[b..].starts_with(" Hon");
        if is_capitalised(w) || is_particle(doc, w) || courtesy_the {
            taken.push((a, b));
            prev_end = b;
            if taken.len() > MAX_NAME_WORDS + 3 {
                return None;
            }
        } else {
            break;
        }
    }
    if taken.len() < 2 {
        return None;
    }
    let closing = text[taken[taken.len() - 1].1..limit].trim_start();
    let closed = closing.starts_with([',', '.', ';'])
        || closing.starts_with("and ")
        || closing.starts_with(|c: char| c.is_lowercase());
    if !closed {
        return None;
    }
    // Every word must be name-shaped (no state, body or title word), honorifics aside.
    let idx = name_tail(doc, &taken);
    // A senator's title before a name set off after a post is a courtesy ("the Minister for
    // Defence, Senator X,").
    let honorifics_only = idx == 0
        || ends_honorific(doc, &text[taken[0].0..taken[idx - 1].1])
        || text[taken[0].0..taken[idx - 1].1] == *"Senator";
    (taken.len() - idx >= 2 && honorifics_only).then(|| (taken[idx].0, taken[taken.len() - 1].1))
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
    let state = earlier(doc, qstart, qend)
        .iter()
        .filter(|m| m.end <= qend)
        .filter(|m| !doc.text[..m.start].trim_end().ends_with(" to"))
        .filter_map(|m| match &m.entity {
            Entity::State(s) => Some((m.start, s.clone())),
            _ => None,
        })
        .next_back();
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
            let org = earlier(doc, qstart, qend)
                .iter()
                .filter(|m| m.end <= qend)
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

/// "President X, Jr. of the Philippines": a state after the name (and its suffix) is the
/// person's.
fn state_after_name(doc: &Doc<'_>, end: usize) -> Option<String> {
    let rest = doc.text[end..].strip_prefix(" of ")?;
    let at = end + 4 + if rest.starts_with("the ") { 4 } else { 0 };
    earlier(doc, at, at + 1)
        .iter()
        .find_map(|m| match &m.entity {
            Entity::State(st) if m.start == at => Some(st.clone()),
            _ => None,
        })
}

/// A state that closes the line or the list item of a description: "X MP, Minister for
/// Defence, Australia\n".
fn state_closing_line(doc: &Doc<'_>, end: usize) -> Option<String> {
    let text = &doc.text;
    let rest = text[end..].strip_prefix(", ")?;
    let at = end + 2;
    earlier(doc, at, at + 1)
        .iter()
        .find_map(|m| match &m.entity {
            Entity::State(st)
                if m.start == at
                    && text[m.end..]
                        .trim_start_matches([' ', '\t', '.', ';'])
                        .starts_with(['\n', '\r'])
                    || m.start == at && m.end == text.len() && !rest.is_empty() =>
            {
                Some(st.clone())
            }
            _ => None,
        })
}

/// A state named just before a title: "Korean Foreign Minister", "the ROK's Vice Minister".
fn state_before(doc: &Doc<'_>, ts: usize) -> Option<String> {
    let window = ts.saturating_sub(24);
    earlier(doc, window.saturating_sub(LONGEST_MENTION), ts)
        .iter()
        .filter(|m| m.end <= ts && m.end >= window)
        .filter(|m| {
            // Within the sentence: a state ending the line before ("… of Chile\n\nPresident
            // X") is not X's.
            let gap = &doc.text[m.end..ts];
            // "Russian First Deputy Minister": a modifier of the title may stand between.
            let gap = POSSESSIVES.iter().fold(gap, |g, p| g.trim_start_matches(p));
            gap.split_whitespace()
                .all(|w| TITLE_MODIFIERS.contains(&w) || w == ")")
                && gap.chars().all(|c| c != '\n')
        })
        .find_map(|m| match &m.entity {
            Entity::State(s) => Some(s.clone()),
            _ => None,
        })
}

/// The key that makes one person of "Park Yoon-joo", "Park Yoonjoo" and "Park Yoon Joo": an
/// East Asian given name is written hyphenated, joined or as two words. Two short syllables
/// after a short family name (three words in all, no initials) are read as one given name;
/// longer words ("Maria Theresa Villanueva") and other shapes are left as they are, so names
/// that differ in more than this spacing never share a key.
pub(crate) fn person_key(name: &str) -> String {
    let mut joined: Vec<String> = name
        .split_whitespace()
        .map(|w| w.replace('-', ""))
        .collect();
    let syllable = |w: &str, max: usize| {
        let n = w.chars().count();
        (2..=max).contains(&n)
            && w.chars().all(char::is_alphabetic)
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).all(char::is_lowercase)
    };
    let hyphenated_given = name.split_whitespace().count() == 2
        && name.split_whitespace().nth(1).is_some_and(|g| {
            g.split('-').count() == 2
                && g.split('-')
                    .all(|p| syllable(p, 5) || p.chars().all(char::is_lowercase))
        });
    let spaced_given = joined.len() == 3
        && syllable(&joined[0], 6)
        && syllable(&joined[1], 5)
        && syllable(&joined[2], 5);
    if spaced_given {
        let given = format!("{}{}", joined[1], joined[2].to_lowercase());
        joined = vec![joined[0].clone(), given];
    }
    // A Korean-shaped name (family name, two-syllable given name) takes the canonical
    // romanisation of its family name, so "Chung Hae Won" and "Jung Hae-won" are one key.
    let joined_given =
        joined.len() == 2 && syllable(&joined[1], 9) && joined[1].chars().count() >= 4;
    if (hyphenated_given || spaced_given || joined_given) && syllable(&joined[0], 6) {
        let family = joined[0].to_lowercase();
        if let Some(group) = crate::knowledge::Knowledge::get()
            .surname_variants
            .iter()
            .find(|g| g.contains(&family))
        {
            joined[0] = group[0].clone();
        }
    }
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
            "co-chair" => 5,
            "chair" => 4,
            "head of delegation" => 3,
            "attendee" => 2,
            "participant" => 1,
            _ => 0,
        }
    }
    let mut roles: Vec<(Entity, &'static str)> = Vec::new();
    let mut delegation_states: Vec<(String, String)> = Vec::new();
    // People and posts per sentence, gathered once.
    let mut by_sentence: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for (mi, m) in doc.mentions.iter().enumerate() {
        if let (Some(si), Entity::Person(_) | Entity::Post(_)) = (m.sentence, &m.entity) {
            by_sentence.entry(si).or_default().push(mi);
        }
    }
    // "Joining the call were the following leaders:" and a list: each item's people attend.
    let mut list_from: Option<usize> = None;
    for (si, s) in doc.sentences.iter().enumerate() {
        let lower = doc.text[s.start..s.end].to_lowercase();
        let sentence = &doc.text[s.start..s.end];
        if let Some(prev) = list_from {
            let item = sentence.trim();
            if s.paragraph > prev && item.len() < LIST_ITEM_MAX && !item.ends_with('.') {
                list_from = Some(s.paragraph);
                for &mi in by_sentence.get(&si).map(Vec::as_slice).unwrap_or(&[]) {
                    roles.push((doc.mentions[mi].entity.clone(), "attendee"));
                }
                continue;
            }
            list_from = None;
        }
        if sentence.trim_end().ends_with(':') && LIST_CUES.iter().any(|c| lower.contains(c)) {
            list_from = Some(s.paragraph);
        }
        // "The Romanian side was led by X": X is of that side's state.
        if lower.contains(" side ") && (lower.contains("led by") || lower.contains("headed by")) {
            if let Some(found) = delegation_state(doc, s.start, s.end) {
                delegation_states.push(found);
            }
        }
        let role = if CO_CHAIR_CUES.iter().any(|c| lower.contains(c))
            || held_with_counterpart(doc, s.start, sentence)
        {
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
        } else if ATTENDEE_CUES.iter().any(|c| lower.contains(c)) {
            "attendee"
        } else {
            continue;
        };
        for &mi in by_sentence.get(&si).map(Vec::as_slice).unwrap_or(&[]) {
            roles.push((doc.mentions[mi].entity.clone(), role));
        }
        if role == "head of delegation" {
            if let Some(found) = delegation_state(doc, s.start, s.end) {
                delegation_states.push(found);
            }
        }
    }
    for (key, state) in delegation_states {
        if let Some(p) = doc.people.iter_mut().find(|p| p.key == key) {
            if p.state.is_none() {
                p.state = Some(state);
            }
        }
    }
    for (entity, role) in roles.into_iter().chain(contact_roles(doc)) {
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

/// Words that report a meeting, call or visit: the people before them, or joined to them by
/// "with", took part.
const CONTACT_VERBS: &[&str] = &[
    "met",
    "meets",
    "meet",
    "meeting",
    "spoke",
    "speaks",
    "call",
    "called",
    "calls",
    "talked",
    "talks",
    "hosted",
    "hosts",
    "welcomed",
    "welcomes",
    "received",
    "visited",
    "visits",
    "discussed",
    "convened",
    "held",
    "joined",
    "greeted",
    "traveled",
    "travelled",
];

/// Words after which a name is the topic, not a party: "discussed President X's visit".
const TOPIC_CUES: &[&str] = &[
    "about",
    "regarding",
    "on",
    "discuss",
    "discussed",
    "of",
    "for",
];

/// Reporting verbs: a person who only speaks in the text keeps no role (a speaker).
const SAYING: &[&str] = &[
    "said",
    "says",
    "stated",
    "told",
    "remarked",
    "noted",
    "briefed",
    "described",
];

/// "Briefing by X", "Remarks by X": X speaks.
const SPOKEN_BY: &[&str] = &["briefing", "remarks", "interview", "speech", "address"];

/// "participant" for people who met, called, visited or hosted (they stand before a contact
/// verb, or after it joined by "with"); "mentioned" for everyone else except those who only
/// speak. Stronger cue roles (chair, co-chair, …) are kept by rank.
fn contact_roles(doc: &Doc<'_>) -> Vec<(Entity, &'static str)> {
    let text = &doc.text;
    let mut out: Vec<(Entity, &'static str)> = Vec::new();
    let mut participants: std::collections::HashSet<&str> = Default::default();
    let mut speakers: std::collections::HashSet<&str> = Default::default();
    // The words of transcript speaker labels ("SECRETARY X:"), gathered once.
    let labels: std::collections::HashSet<&str> = text
        .lines()
        .filter_map(|l| l.split_once(':').map(|(label, _)| label.trim()))
        .filter(|label| {
            label.len() < 80
                && !label.is_empty()
                && label.chars().all(|c| !c.is_lowercase())
                && label.chars().any(char::is_uppercase)
        })
        .flat_map(str::split_whitespace)
        .collect();
    for p in &doc.people {
        let family = p
            .name
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_uppercase();
        if labels.contains(family.as_str()) {
            participants.insert(p.key.as_str());
        }
    }
    for m in &doc.mentions {
        let (Entity::Person(key), Some(si)) = (&m.entity, m.sentence) else {
            continue;
        };
        let s = &doc.sentences[si];
        // The words around the mention, within its sentence and a bounded window, so a
        // long sentence full of names stays linear.
        let mut lo = s.start.max(m.start.saturating_sub(super::LOOKBACK));
        while !text.is_char_boundary(lo) {
            lo += 1;
        }
        let mut hi = s.end.min(m.end + super::LOOKBACK).max(lo);
        while !text.is_char_boundary(hi) {
            hi -= 1;
        }
        let ws = words(&text[lo..hi.max(lo)], lo);
        let lower = |(a, b): (usize, usize)| text[a..b].to_lowercase();
        // Only names, titles, connectors and adverbs may stand between a person and the
        // contact verb or "with": "X and Foreign Minister Y met", "met today with Z".
        let filler = |w: &str| {
            is_capitalised(w)
                || [
                    "and",
                    "of",
                    "the",
                    "for",
                    "by",
                    "also",
                    "today",
                    "yesterday",
                    "will",
                ]
                .contains(&w)
                || w.ends_with("ly")
        };
        let contact = |w: &str| CONTACT_VERBS.contains(&w.to_lowercase().as_str());
        let verb_before = ws
            .iter()
            .filter(|&&(a, _)| a >= m.end)
            .take(30)
            .map(|&(a, b)| &text[a..b])
            .find(|w| !filler(w) || contact(w))
            .is_some_and(contact);
        let with_after = ws
            .iter()
            .rev()
            .filter(|&&(_, b)| b <= m.start)
            .take(30)
            .map(|&(a, b)| &text[a..b])
            .find(|w| *w == "with" || contact(w) || !filler(w))
            .is_some_and(|w| {
                (w == "with" || contact(w)) && !TOPIC_CUES.contains(&w.to_lowercase().as_str())
            });
        let prior: Vec<String> = ws
            .iter()
            .rev()
            .filter(|&&(_, b)| b <= m.start)
            .take(4)
            .map(|&w| lower(w))
            .collect();
        let spoken_by = prior.iter().position(|w| w == "by").is_some_and(|i| {
            prior
                .get(i + 1)
                .is_some_and(|w| SPOKEN_BY.contains(&w.as_str()))
        });
        let said = spoken_by
            || ws
                .iter()
                .filter(|&&(a, _)| a >= m.end)
                .take(6)
                .any(|&w| SAYING.contains(&lower(w).as_str()));
        if verb_before || with_after {
            participants.insert(key);
        } else if said {
            speakers.insert(key);
        }
    }
    for p in &doc.people {
        let role = if participants.contains(&p.key.as_str()) {
            "participant"
        } else if speakers.contains(&p.key.as_str()) {
            continue;
        } else {
            "mentioned"
        };
        out.push((Entity::Person(p.key.clone()), role));
    }
    out
}

/// A part of a known person's name used alone ("Kang said", "Villanueva noted") refers to
/// them when no other person of the document shares it. Parts shorter than three letters,
/// initials, particles and a part followed by another capitalised word are not linked.
/// For each pattern, where it occurs in `text` from `from` on, as a `find` loop that resumes
/// after each match would give — found in one pass over the text for all patterns, so the
/// cost does not grow with the number of names times the text's length.
fn occurrences(text: &str, from: usize, patterns: &[&str]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); patterns.len()];
    let mut distinct: Vec<&str> = patterns.iter().copied().filter(|p| !p.is_empty()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let Ok(ac) = aho_corasick::AhoCorasick::new(&distinct) else {
        return out;
    };
    let mut at: Vec<Vec<usize>> = vec![Vec::new(); distinct.len()];
    for m in ac.find_overlapping_iter(&text[from..]) {
        let starts = &mut at[m.pattern().as_usize()];
        let pos = from + m.start();
        // A find loop resumes after its match: a self-overlapping occurrence is skipped.
        if starts.last().is_none_or(|&last| pos >= last + m.len()) {
            starts.push(pos);
        }
    }
    for (i, p) in patterns.iter().enumerate() {
        if let Ok(d) = distinct.binary_search(p) {
            out[i] = at[d].clone();
        }
    }
    out
}

fn link_single_names(doc: &mut Doc<'_>) {
    let mut parts: Vec<(String, String)> = Vec::new(); // (part, person key)
    for p in &doc.people {
        let tokens: Vec<&str> = p.name.split_whitespace().collect();
        if tokens.len() < 2 {
            continue;
        }
        for t in tokens {
            if t.chars().count() >= 3
                && is_capitalised(t)
                && t.chars().any(|c| c.is_lowercase())
                && !is_particle(doc, t)
            {
                parts.push((t.to_string(), p.key.clone()));
            }
        }
    }
    parts.sort();
    parts.dedup();
    let mut taken: Vec<(usize, usize)> = doc.mentions.iter().map(|m| (m.start, m.end)).collect();
    taken.sort_unstable();
    // A part two people share ("Kim" of two Kims) names neither. `parts` is sorted, so the
    // people sharing a part are neighbours.
    let shared = |i: usize| {
        (i > 0 && parts[i - 1].0 == parts[i].0)
            || parts.get(i + 1).is_some_and(|n| n.0 == parts[i].0)
    };
    let unique: Vec<&(String, String)> = (0..parts.len())
        .filter(|&i| !shared(i))
        .map(|i| &parts[i])
        .collect();
    let patterns: Vec<&str> = unique.iter().map(|(part, _)| part.as_str()).collect();
    let places = occurrences(&doc.text, doc.body_start, &patterns);
    let mut found = Vec::new();
    for ((part, key), starts) in unique.into_iter().zip(places) {
        for pos in starts {
            let end = pos + part.len();
            if !crate::knowledge::is_boundary_before(&doc.text, pos)
                || !crate::knowledge::is_boundary_after(&doc.text, end)
            {
                continue;
            }
            let next_capitalised = doc.text[end..]
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()));
            if next_capitalised {
                continue;
            }
            // Overlap with a mention already made: the first span starting before `end`.
            let idx = taken.partition_point(|&(s, _)| s < end);
            let overlaps = taken[..idx].iter().rev().take(8).any(|&(_, e)| e > pos);
            if !overlaps {
                found.push((pos, end, key.clone()));
            }
        }
    }
    for (s, e, key) in found {
        doc.mention(s, e, Entity::Person(key));
    }
}

/// Phrases that make the officials of a sentence co-chairs ("to co-chair a project" does not).
const CO_CHAIR_CUES: &[&str] = &[
    "co-chaired",
    "co-chairing",
    "co-chair of",
    "co-chairs of",
    "as co-chair",
    "co-hosted",
    "co-hosting",
];

/// Words of a sentence that introduces a list of those who took part ("Joining the call were
/// the following leaders:").
const LIST_CUES: &[&str] = &[
    "joining",
    "joined",
    "participants",
    "participating",
    "attended",
    "attending",
    "took part",
];

/// The longest list item read as one attendee's line.
const LIST_ITEM_MAX: usize = 160;

/// Phrases that make the officials of a sentence attendees.
const ATTENDEE_CUES: &[&str] = &[
    "attended",
    "participated",
    "joined",
    "accompanied by",
    "in attendance",
    "took part",
    "was also present",
    "were also present",
];

/// "X held the 9th … Dialogue with Y": a meeting name between "held" and "with" makes the
/// officials on both sides of it its co-chairs.
fn held_with_counterpart(doc: &Doc<'_>, start: usize, sentence: &str) -> bool {
    let Some(h) = sentence.find(" held ") else {
        return false;
    };
    let Some(w) = sentence[h..].find(" with ").map(|i| i + h) else {
        return false;
    };
    earlier(doc, start + h, start + w)
        .iter()
        .any(|m| matches!(m.entity, Entity::Meeting(_)) && m.end <= start + w)
}

/// The state of a delegation head: "The ROK delegation, led by X", "X led the Korean
/// delegation". Returns the person and the state when the sentence names exactly one of each.
fn delegation_state(doc: &Doc<'_>, start: usize, end: usize) -> Option<(String, String)> {
    let text = &doc.text;
    let mut state = None;
    let mut person = None;
    for m in doc.mentions_in(start, end) {
        match &m.entity {
            Entity::State(st) => {
                let after = text[m.end..end].trim_start_matches("'s").trim_start();
                let after = after.to_lowercase();
                if (after.starts_with("delegation") || after.starts_with("side "))
                    && state.is_none()
                {
                    state = Some(st.clone());
                }
            }
            Entity::Person(p) => match &person {
                None => person = Some(p.clone()),
                Some(q) if q != p => return None,
                _ => {}
            },
            _ => {}
        }
    }
    Some((person?, state?))
}

/// States written joined to a state some official was given ("U.S.-Pakistan
/// relationship" beside a Pakistani minister): the other side of the relation the document
/// is about, so the home of officials whose state goes unsaid.
fn compound_partners(doc: &Doc<'_>, explicit: &[(String, String)]) -> Vec<String> {
    let states: Vec<(usize, usize, &String)> = doc
        .mentions
        .iter()
        .filter_map(|m| match &m.entity {
            Entity::State(s) => Some((m.start, m.end, s)),
            _ => None,
        })
        .collect();
    let claimed = |s: &String| explicit.iter().any(|(_, st)| st == s);
    let mut out = Vec::new();
    for pair in states.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let joint = b.0 >= a.1 && matches!(&doc.text[a.1..b.0], "-" | "\u{2013}" | "/");
        if !joint {
            continue;
        }
        if claimed(a.2) && !claimed(b.2) {
            out.push(b.2.clone());
        } else if claimed(b.2) && !claimed(a.2) {
            out.push(a.2.clone());
        }
    }
    out
}

/// Publishers known by an institution rather than a state's name.
const PUBLISHER_SEATS: &[(&str, &str)] = &[
    ("White House", "USA"),
    ("State Department", "USA"),
    ("Department of State", "USA"),
    ("state.gov", "USA"),
    ("whitehouse.gov", "USA"),
    ("Kremlin", "RUS"),
    ("Downing Street", "GBR"),
    ("Elysee", "FRA"),
    ("Élysée", "FRA"),
    ("Kantei", "JPN"),
    ("mofa.go.jp", "JPN"),
    ("fmprc.gov.cn", "CHN"),
    ("mea.gov.in", "IND"),
    ("gov.uk", "GBR"),
];

/// The state of the document's publisher: an institution it is known by, or a state its
/// name contains ("Ministry of Foreign Affairs of Japan", "Australian Government").
fn publisher_state(doc: &Doc<'_>) -> Option<String> {
    let publisher = doc.publisher.as_deref()?;
    if let Some((_, st)) = PUBLISHER_SEATS.iter().find(|(n, _)| publisher.contains(n)) {
        return Some((*st).to_string());
    }
    doc.k
        .find_names(publisher)
        .into_iter()
        .find_map(|(_, targets)| match targets.first() {
            Some(
                crate::knowledge::NameTarget::State(i) | crate::knowledge::NameTarget::Demonym(i),
            ) => Some(doc.k.states[*i].iso3.clone()),
            _ => None,
        })
}

/// A person with no state in their description takes the meeting's one state party that no
/// other official was given (a ministry's release leaves its own officials' state unsaid).
fn infer_states(doc: &mut Doc<'_>, explicit: &[(String, String)]) {
    let unclaimed = |parties: Vec<String>| -> Option<String> {
        let mut left: Vec<String> = parties
            .into_iter()
            .filter(|s| !explicit.iter().any(|(_, st)| st == s))
            .collect();
        left.sort();
        left.dedup();
        (left.len() == 1).then(|| left.remove(0))
    };
    let from_meeting = doc.meetings.iter().find(|m| m.main).and_then(|main| {
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
        unclaimed(parties)
    });
    // The publisher's state comes first: a ministry's or a head of government's release
    // leaves its own officials' state unsaid. Then the meeting's one unclaimed party, then
    // the one state the document names that no official was given.
    let named: Vec<String> = doc
        .mentions
        .iter()
        .filter_map(|m| match &m.entity {
            Entity::State(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let Some(home) = publisher_state(doc)
        .or(from_meeting)
        .or_else(|| unclaimed(named))
        .or_else(|| unclaimed(compound_partners(doc, explicit)))
    else {
        return;
    };
    let k = doc.k;
    for p in &mut doc.people {
        // A post in a body ("Deputy Secretary-General of ASEAN") belongs to no state.
        let post_in_body = p.post.as_deref().is_some_and(|post| {
            k.find_names(post)
                .iter()
                .any(|(_, t)| matches!(t.first(), Some(crate::knowledge::NameTarget::Mechanism(_))))
        });
        if post_in_body {
            continue;
        }
        // Officials of a ministry, or with a bare title ("Foreign Minister X"); never the
        // staff of a body such as the ASEAN Secretariat.
        if p.state.is_none()
            && p.organization
                .as_deref()
                .is_none_or(|o| o.starts_with("Ministry"))
        {
            p.state = Some(home.clone());
            p.state_inferred = true;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn east_asian_given_names_make_one_key_however_they_are_spaced() {
        let k = person_key("Kang Seo-yeon");
        assert_eq!(person_key("Kang Seoyeon"), k);
        assert_eq!(person_key("Kang Seo Yeon"), k);
        assert_eq!(person_key("Min Jae Hoon"), person_key("Min Jae-hoon"));
        assert_eq!(person_key("Chung Hae Won"), person_key("Chung Haewon"));
        // Different people stay apart.
        assert_ne!(person_key("Kang Seo-yeon"), person_key("Kang Seo-jin"));
        assert_ne!(person_key("Kang Seo Yeon"), person_key("Kang Yeon Seo"));
        assert_ne!(
            person_key("Maria Theresa Villanueva"),
            person_key("Maria Theresavillanueva")
        );
        assert_ne!(person_key("Kang Seo Yeon"), person_key("Kang Seo"));
        assert_eq!(
            person_key("Maria Theresa C. Villanueva"),
            "maria-theresa-c-villanueva"
        );
    }

    use super::*;

    fn people_of(text: &str) -> Vec<Person> {
        let input = crate::extract::Input {
            bytes: text.as_bytes(),
            source: "-".into(),
            ..Default::default()
        };
        crate::extract::extract(&input).unwrap().people
    }

    fn names(text: &str) -> Vec<String> {
        let mut v: Vec<String> = people_of(text).into_iter().map(|p| p.name).collect();
        v.sort();
        v
    }

    #[test]
    fn a_name_stops_before_and_in_of_and_on() {
        assert_eq!(
            names("Title\n\nDeputy Minister Lee Ga-young and Nguyen Van An, Deputy Minister of Foreign Affairs of Viet Nam, met in Seoul."),
            ["Lee Ga-young", "Nguyen Van An"]
        );
        let ps = people_of("Title\n\nThe Foreign Minister met Minister of Foreign Affairs Somchai Keola of the Lao PDR in Vientiane.");
        assert_eq!(ps[0].name, "Somchai Keola");
        assert_eq!(ps[0].state.as_deref(), Some("LAO"));
        assert_eq!(
            names("Title\n\nVice Minister Park Min-ji in Jakarta on Friday urged restraint."),
            ["Park Min-ji"]
        );
        assert_eq!(
            names("Title\n\nVice Minister Park Min-ji on Friday urged restraint."),
            ["Park Min-ji"]
        );
    }

    #[test]
    fn names_after_a_description_and_a_comma() {
        assert_eq!(
            names("Title\n\nMinister for Foreign Affairs of the Republic of Indonesia, Budi Santoso, and Vice Minister of Foreign Affairs of the Republic of Korea, Choi Ji-won, co-chaired the talks."),
            ["Budi Santoso", "Choi Ji-won"]
        );
    }

    #[test]
    fn and_before_an_honorific_or_a_state_opens_another_description() {
        let ps = people_of("Title\n\nThe talks were co-chaired by Her Excellency Tran Thi Mai, Deputy Minister of Foreign Affairs of Viet Nam and Mr Pieter Janssen, Acting Director of the Secretariat.");
        assert_eq!(person(&ps, "Tran Thi Mai").state.as_deref(), Some("VNM"));
        person(&ps, "Pieter Janssen");
        let ps = people_of("Title\n\nVisiting Chinese State Councilor Zhou Ming and British Foreign Secretary Tom Baker on Monday hailed the ties.");
        assert_eq!(person(&ps, "Zhou Ming").state.as_deref(), Some("CHN"));
        assert_eq!(person(&ps, "Tom Baker").state.as_deref(), Some("GBR"));
    }

    #[test]
    fn a_name_before_a_comma_takes_a_title_across_its_modifiers() {
        let ps = people_of("Title\n\nThe minister spoke with Ana Costa, Portugal's Minister for Foreign Affairs, today.");
        assert_eq!(person(&ps, "Ana Costa").state.as_deref(), Some("PRT"));
        assert_eq!(
            names("Title\n\nThe group was headed by Mr. Kenta Aoki, former President of the Upper House."),
            ["Kenta Aoki"]
        );
        assert_eq!(
            names("Title\n\nThe Hon Sam Ward MP, Minister for Defence, spoke."),
            ["Sam Ward"]
        );
    }

    #[test]
    fn a_name_set_off_after_one_description_is_not_the_next_ones() {
        let ps = people_of("Title\n\nThe Portuguese Minister for Defence, Mr Rui Lopes, Minister for Foreign Affairs of Japan, Mr Kenji Mori, and others met in Lisbon.");
        assert_eq!(
            person(&ps, "Rui Lopes").post.as_deref(),
            Some("Minister for Defence")
        );
        assert_eq!(person(&ps, "Kenji Mori").state.as_deref(), Some("JPN"));
        // The same person's second title is still theirs.
        let ps = people_of("Title\n\nAmbassador Lee Min Ho, Ambassador of the Republic of Korea to ASEAN, attended.");
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].state.as_deref(), Some("KOR"));
    }

    #[test]
    fn gulf_names_keep_titles_after_bin_and_lose_their_honorifics() {
        let ps = people_of("Title\n\nThe envoy met Foreign Minister Sheikh Hamad bin Khalid bin Sultan Al Harbi today.");
        assert_eq!(ps[0].name, "Hamad bin Khalid bin Sultan Al Harbi");
        assert_eq!(ps[0].post.as_deref(), Some("Foreign Minister"));
        assert_eq!(
            names(
                "Title\n\nThe President welcomed His Majesty King Faisal II ibn Al Mansour today."
            ),
            ["Faisal II ibn Al Mansour"]
        );
        // "the" after a name an earlier description took: the same person again.
        let ps = people_of("Title\n\nThe Council thanked King Omar bin Said Al Harbi, the King of the Kingdom of Saudi Arabia, for his support.");
        assert_eq!(ps[0].state.as_deref(), Some("SAU"));
    }

    #[test]
    fn a_name_on_the_line_above_its_title() {
        let ps = people_of("Title\n\nThe Council met with participation from:\nHis Excellency Dr Salem bin Rashid Al Kaabi\nMinister of Foreign Affairs of the Kingdom of Bahrain\nHis Highness Prince Turki bin Fahd Al Saud\nMinister of Foreign Affairs of the Kingdom of Saudi Arabia\nAnd His Excellency Mr Nasser Ali Al Hamad\nSecretary General of the GCC\nThe statement follows.");
        assert_eq!(
            person(&ps, "Salem bin Rashid Al Kaabi").state.as_deref(),
            Some("BHR")
        );
        assert_eq!(
            person(&ps, "Turki bin Fahd Al Saud").state.as_deref(),
            Some("SAU")
        );
        person(&ps, "Nasser Ali Al Hamad");
        // Without an honorific, a heading above a title is no name.
        assert_eq!(
            names("Title\n\nJoint Press Release\nMinister of Foreign Affairs of Bahrain\nThe talks went well."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn state_cues_around_a_description() {
        // A state closing the list item.
        let ps = people_of("Title\n\nAttending:\n- The Hon Sam Ward MP, Minister for Defence, Australia\n- The Rt Hon Ann Bell MP, Secretary of State for Defence, United Kingdom\n\nThey met today.");
        assert_eq!(person(&ps, "Sam Ward").state.as_deref(), Some("AUS"));
        assert_eq!(person(&ps, "Ann Bell").state.as_deref(), Some("GBR"));
        // A modifier of the title between the state and the title.
        let ps = people_of("Title\n\nRussia's First Deputy Minister for Foreign Affairs Ivan Petrov arrived in Hanoi.");
        assert_eq!(ps[0].state.as_deref(), Some("RUS"));
        // "The X side was led by".
        let ps = people_of("Title\n\nThe talks were held in Delhi. The Romanian side was led by Mrs Ana Popa, Director General for Europe.");
        assert_eq!(person(&ps, "Ana Popa").state.as_deref(), Some("ROU"));
        // A senator's courtesy title before a name set off after a post.
        let ps = people_of("Title\n\nThe Australian Minister for Defence, Senator the Hon Jo Reed, and others met in Tokyo.");
        assert_eq!(person(&ps, "Jo Reed").state.as_deref(), Some("AUS"));
        assert_eq!(
            person(&ps, "Jo Reed").post.as_deref(),
            Some("Minister for Defence")
        );
    }

    #[test]
    fn a_state_after_a_name_and_its_suffix() {
        let ps = people_of("Title\n\nThe President spoke today with President Juan Ortega, Jr. of the Philippines.");
        assert_eq!(
            person(&ps, "Juan Ortega, Jr.").state.as_deref(),
            Some("PHL")
        );
    }

    #[test]
    fn things_named_after_people_are_not_people() {
        assert_eq!(
            names("Title\n\nThe ministers toured the Queen Mary Aircraft Carrier and met at the Grand Prince Hotel, then attended June's Pride Month, the President said."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_state_with_an_apostrophe_stays_in_the_post_and_a_line_ends_it() {
        let ps = people_of("Title\n\nThe Secretary-General met Minister of Foreign Affairs of the People's Republic of China Zhou Ming in New York.");
        assert_eq!(person(&ps, "Zhou Ming").state.as_deref(), Some("CHN"));
        assert_eq!(
            names("Title\n\nHon Aroha Tane\nMinister Of Foreign Affairs\nKupu Hou Ano\n\nThe Minister met colleagues."),
            ["Aroha Tane"]
        );
    }

    #[test]
    fn initials_capital_family_names_particles_and_honorifics() {
        assert_eq!(
            names("Title\n\nThe talks were co-chaired by Ana B. Reyes, Undersecretary for Policy, and Assistant Secretary Jose M. dela Rosa."),
            ["Ana B. Reyes", "Jose M. dela Rosa"]
        );
        assert_eq!(
            names("Title\n\nThe Forum was co-chaired by Mr. SATO Hiroshi, Deputy Minister for Foreign Affairs."),
            ["SATO Hiroshi"]
        );
        assert_eq!(
            names("Title\n\nDatin Paduka Siti Aminah binti Yusof, Deputy Secretary-General of the Ministry, led the delegation."),
            ["Siti Aminah binti Yusof"]
        );
    }

    #[test]
    fn family_names_alone_link_roles_and_delegation_states() {
        let ps = people_of("Title\n\nVice Foreign Minister Han Soo-jin arrived on Monday.\n\nHan led the delegation to the talks, which she co-chaired.");
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].role.as_deref(), Some("co-chair"));
        let ps = people_of("Title\n\nThe ROK delegation, led by Han Soo-jin, Deputy Minister for Political Affairs, spoke.\n\nShe offered to co-chair a workshop.");
        assert_eq!(ps[0].role.as_deref(), Some("head of delegation"));
        assert_eq!(ps[0].state.as_deref(), Some("KOR"));
    }

    #[test]
    fn an_ambassador_to_a_state_is_not_of_it() {
        let ps =
            people_of("Title\n\nKorean Ambassador to Indonesia Yoo Jin-ho joined the meeting.");
        assert_eq!(ps[0].state.as_deref(), Some("KOR"));
        assert_eq!(ps[0].role.as_deref(), Some("attendee"));
    }

    #[test]
    fn romanisations_of_a_korean_family_name_share_a_key() {
        assert_eq!(person_key("Chung Hae Won"), person_key("Jung Hae-won"));
        assert_eq!(person_key("Lee Jae-min"), person_key("Yi Jae Min"));
        assert_eq!(person_key("Chung Haewon"), person_key("Jung Hae-won"));
        // Names of another shape keep their family name as written.
        assert_ne!(
            person_key("Lee Mei Ling Tan"),
            person_key("Yi Mei Ling Tan")
        );
        assert_ne!(person_key("Chung Hae Won"), person_key("Jung Soo-min"));
    }

    fn people_published(text: &str, publisher: &str) -> Vec<Person> {
        let input = crate::extract::Input {
            bytes: text.as_bytes(),
            source: "-".into(),
            publisher: Some(publisher.into()),
            ..Default::default()
        };
        crate::extract::extract(&input).unwrap().people
    }

    fn person<'a>(ps: &'a [Person], name: &str) -> &'a Person {
        ps.iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no {name} in {ps:?}"))
    }

    #[test]
    fn generational_suffixes_stay_with_the_name_and_post_nominals_go() {
        assert_eq!(
            names(
                "Title\n\nPresident Joseph Q. Marlow, Jr. met today with Prime Minister Ana Lima."
            ),
            ["Ana Lima", "Joseph Q. Marlow, Jr."]
        );
        assert_eq!(
            names("Title\n\nSecretary of Defense Lloyd T. Brandt III met the press."),
            ["Lloyd T. Brandt III"]
        );
        assert_eq!(
            names("Title\n\nForeign Minister Hon Alice Brant MP met officials in Perth."),
            ["Alice Brant"]
        );
    }

    #[test]
    fn possessives_places_and_fields_are_not_names() {
        assert_eq!(
            names("Title\n\nThey praised President Marlow's Cancer Initiative."),
            ["Marlow"]
        );
        assert_eq!(
            names("Title\n\nThey praised President Marlow\u{2019}s Peace Formula."),
            ["Marlow"]
        );
        assert_eq!(
            names("Title\n\nThey praised Vice President Harris\u{2019} trip."),
            ["Harris"]
        );
        let text = "Title\n\nThe talks were co-chaired by Tran Van Binh, Deputy Minister of Foreign Affairs of Viet Nam and Country Coordinator for Dialogue Relations.";
        let input = crate::extract::Input {
            bytes: text.as_bytes(),
            source: "-".into(),
            ..Default::default()
        };
        let ex = crate::extract::extract(&input).unwrap();
        assert!(ex.posts.is_empty(), "{:?}", ex.posts);
        let ps = people_of("Title\n\nKim Ara, Acting Leader of ASEAN Senior Officials\u{2019} Meeting of the Ministry of Foreign Affairs of Viet Nam, spoke.");
        assert_eq!(ps[0].state.as_deref(), Some("VNM"));
        assert!(names("Title\n\nShe met the Crown Prince of Abu Dhabi on Monday.").is_empty());
        assert_eq!(
            names("Title\n\nThe talks included Senior Director for the Western Hemisphere Juan Ortega."),
            ["Juan Ortega"]
        );
        assert!(names("Title\n\nShe met the Senior Official for Economic Growth, Energy, and the Environment.").is_empty());
        assert!(names(
            "Title\n\nThey met Senior Advisor for Public Engagement, Office of the Mayor."
        )
        .is_empty());
        assert_eq!(
            names("Title\n\nSecretary of Defense Lloyd Brandt spoke. Later Secretary of Defense Brandt, who arrived, spoke."),
            ["Lloyd Brandt"]
        );
        assert_eq!(
            names("Title\n\nPresident Marlow and Prime Minister Lima discussed trade."),
            ["Lima", "Marlow"]
        );
    }

    #[test]
    fn long_names_with_particles_are_whole() {
        assert_eq!(
            names(
                "Title\n\nForeign Minister Faisal bin Khalid bin Nasser Al Rami met the Secretary."
            ),
            ["Faisal bin Khalid bin Nasser Al Rami"]
        );
    }

    #[test]
    fn listed_callers_and_planned_meetings_take_part() {
        let ps = people_of("Readout of the President’s Call with Harbour Group Leaders\n\nPresident Kai Brill spoke today with the Harbour Group leaders about sea lanes.\n\nJoining the call were the following leaders:\n\n- Velmoran President Ola Sand\n- Ruritanian Prime Minister Ana Varga\n\nThe leaders thanked Minister Tomas Quill for his report.");
        for name in ["Ola Sand", "Ana Varga", "Kai Brill"] {
            let role = person(&ps, name).role.as_deref();
            assert!(
                matches!(role, Some("attendee" | "participant")),
                "{name}: {role:?}"
            );
        }
        assert_eq!(
            person(&ps, "Tomas Quill").role.as_deref(),
            Some("mentioned")
        );
        let ps = people_of(
            "Title\n\nAdviser Kai Brill will meet with Minister Ola Sand in Velmora City.",
        );
        assert_eq!(
            person(&ps, "Kai Brill").role.as_deref(),
            Some("participant")
        );
    }

    #[test]
    fn the_title_of_remarks_before_a_meeting_names_its_speakers() {
        let ps = people_of("Minister Kai Brill and Velmoran Foreign Minister Ola Sand Before Their Meeting\n\nMINISTER BRILL: Good morning.\n\nFOREIGN MINISTER SAND: Thank you.");
        assert_eq!(person(&ps, "Ola Sand").role.as_deref(), Some("participant"));
        assert_eq!(
            person(&ps, "Kai Brill").role.as_deref(),
            Some("participant")
        );
        assert!(ps.iter().all(|p| !p.name.contains("Before")), "{ps:?}");
        // Any other title is not read for people.
        let ps = people_of("Minister Kai Brill Visits Velmora\n\nThe minister arrived.");
        assert!(ps.is_empty(), "{ps:?}");
    }

    #[test]
    fn those_who_met_are_participants_others_mentioned_speakers_keep_none() {
        let ps = people_of("Title\n\nForeign Minister Ana Lima met with Defence Minister Tomas Reyes of Chile. They discussed the plan of President Ortega.\n\nSpokesperson Mia Cole said the talks went well.");
        assert_eq!(person(&ps, "Ana Lima").role.as_deref(), Some("participant"));
        assert_eq!(
            person(&ps, "Tomas Reyes").role.as_deref(),
            Some("participant")
        );
        assert_eq!(person(&ps, "Ortega").role.as_deref(), Some("mentioned"));
        assert_eq!(person(&ps, "Mia Cole").role, None);
        let ps = people_of(
            "Title\n\nForeign Minister Ana Lima arrived.\n\nMINISTER LIMA: Good morning.",
        );
        assert_eq!(person(&ps, "Ana Lima").role.as_deref(), Some("participant"));
    }

    #[test]
    fn officials_without_a_stated_state_take_the_publishers_or_the_other_side() {
        let text = "Title\n\nNational Security Advisor Jane Doyle spoke with Foreign Minister Ana Lima of Chile about Peru.";
        let ps = people_published(text, "The White House");
        assert_eq!(person(&ps, "Jane Doyle").state.as_deref(), Some("USA"));
        assert_eq!(person(&ps, "Ana Lima").state.as_deref(), Some("CHL"));
        // A state that ends the title line is not the state of the official opening the body.
        let ps = people_of(
            "Readout of a Call with Prime Minister Ana Lima of Chile\n\nPresident Marlow spoke with Prime Minister Ana Lima of Chile.",
        );
        assert_eq!(person(&ps, "Marlow").state, None);
        let ps = people_of("Title\n\nThey met Chile\u{2019}s Foreign Minister Ana Lima.");
        assert_eq!(person(&ps, "Ana Lima").state.as_deref(), Some("CHL"));
        let ps =
            people_of("Title\n\nThey met Republic of Korea (ROK) Vice Foreign Minister Han Ara.");
        assert_eq!(person(&ps, "Han Ara").state.as_deref(), Some("KOR"));
        let ps = people_published(text, "Ministry of Foreign Affairs of Japan");
        assert_eq!(person(&ps, "Jane Doyle").state.as_deref(), Some("JPN"));
        // No publisher: the state written joined to the counterpart's.
        let ps = people_of("Title\n\nSecretary Ana Cole met Pakistani Foreign Minister Ravi Khan to discuss U.S.-Pakistan ties and Afghanistan.");
        assert_eq!(person(&ps, "Ana Cole").state.as_deref(), Some("USA"));
        assert_eq!(person(&ps, "Ravi Khan").state.as_deref(), Some("PAK"));
    }

    #[test]
    fn spelling_variants_share_a_person_key() {
        assert_eq!(person_key("Park Yoon-joo"), person_key("Park Yoonjoo"));
        assert_ne!(person_key("Park Yoon-joo"), person_key("Park Jin"));
    }
}
