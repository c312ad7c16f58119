//! Events no series names (calls, bilateral meetings, visits): one node per reported event,
//! dated against the publication date, and the `contacts` query that says who met or called
//! whom. The documents are invented.

use crate::common::*;

#[test]
fn a_call_and_a_meeting_become_events_that_contacts_lists() {
    let s = TempStore::new();
    ingest_dated(
        &s,
        "call.txt",
        "Secretary Holm’s Call with Ruritanian Foreign Minister Ivo Vane\n\nSecretary of State Lea Holm spoke yesterday by phone with Ruritanian Foreign Minister Ivo Vane. They discussed grain exports.",
        "2022-03-09",
    );
    ingest_dated(
        &s,
        "meeting.txt",
        "Readout of the President’s Meeting with Prime Minister Ona Brisk of Velmora\n\nPresident Karl Dunmore met today in Lisport with Prime Minister Ona Brisk of Velmora. The leaders discussed energy security.",
        "2023-06-05",
    );
    let meetings = s.query("meetings", &[]);
    let call = meetings
        .iter()
        .find(|r| col(r, "kind") == "call")
        .expect("the call is an event");
    assert_eq!(col(call, "date"), "2022-03-08");
    assert_eq!(col(call, "format"), "call");
    assert_eq!(col(call, "series"), "");
    let meeting = meetings
        .iter()
        .find(|r| col(r, "kind") == "meeting")
        .expect("the meeting is an event");
    assert_eq!(col(meeting, "date"), "2023-06-05");
    assert_eq!(col(meeting, "location"), "Lisport");

    let contacts = s.query("contacts", &[]);
    let pair = |a: &str, b: &str| {
        contacts.iter().any(|r| {
            let (x, y) = (col(r, "a_name"), col(r, "b_name"));
            (x.contains(a) && y.contains(b)) || (x.contains(b) && y.contains(a))
        })
    };
    assert!(pair("Holm", "Vane"), "{contacts:?}");
    assert!(pair("Dunmore", "Brisk"), "{contacts:?}");
    let call_row = contacts
        .iter()
        .find(|r| col(r, "kind") == "call")
        .expect("a call row");
    assert_eq!(col(call_row, "date"), "2022-03-08");
    assert!(!col(call_row, "document").is_empty());
}

/// `export --format events` parsed into rows of column → value.
fn event_table(s: &TempStore) -> Vec<std::collections::BTreeMap<String, String>> {
    let store = s.store();
    let csv = ok(&["--store", &store, "export", "--format", "events"]);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    lines
        .map(|l| {
            // RFC 4180 fields: quoted when they hold a comma or a quote ("" inside).
            let mut fields = vec![String::new()];
            let mut quoted = false;
            let mut chars = l.chars().peekable();
            while let Some(c) = chars.next() {
                match (c, quoted) {
                    ('"', true) if chars.peek() == Some(&'"') => {
                        chars.next();
                        fields.last_mut().unwrap().push('"');
                    }
                    ('"', _) => quoted = !quoted,
                    (',', false) => fields.push(String::new()),
                    (c, _) => fields.last_mut().unwrap().push(c),
                }
            }
            header.iter().map(|h| h.to_string()).zip(fields).collect()
        })
        .collect()
}

#[test]
fn the_event_table_has_a_row_per_contact_and_per_statement() {
    let s = TempStore::new();
    ingest_dated(
        &s,
        "call.txt",
        "Secretary Holm’s Call with Peruvian Foreign Minister Ivo Vane\n\nSecretary of State Lea Holm spoke yesterday by phone with Peruvian Foreign Minister Ivo Vane. Secretary Holm condemned the shelling of the port, a violation of the ceasefire.",
        "2022-03-09",
    );
    let rows = event_table(&s);
    let contact = rows
        .iter()
        .find(|r| r["row_kind"] == "contact")
        .unwrap_or_else(|| panic!("no contact row: {rows:?}"));
    assert_eq!(contact["cameo"], "041", "{contact:?}");
    assert_eq!(contact["date"], "2022-03-08", "{contact:?}");
    let pair = [
        contact["source_actor"].as_str(),
        contact["target_actor"].as_str(),
    ];
    assert!(
        pair.contains(&"Lea Holm") && pair.contains(&"Ivo Vane"),
        "{pair:?}"
    );
    let vane_state = if contact["source_actor"] == "Ivo Vane" {
        &contact["source_state"]
    } else {
        &contact["target_state"]
    };
    assert_eq!(vane_state, "PER", "{contact:?}");
    let condemned = rows
        .iter()
        .find(|r| r["row_kind"] == "statement" && r["cameo"].starts_with("11"))
        .unwrap_or_else(|| panic!("no condemnation row: {rows:?}"));
    assert_eq!(condemned["source_actor"], "Lea Holm", "{condemned:?}");
    assert!(
        condemned["evidence"].contains("condemned the shelling"),
        "{condemned:?}"
    );
}
