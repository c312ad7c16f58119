//! Events no series names (calls, bilateral meetings, visits): one node per reported event,
//! dated against the publication date, and the `contacts` query that says who met or called
//! whom. The documents are invented.

use crate::common::*;

fn ingest_dated(s: &TempStore, name: &str, text: &str, date: &str) {
    let path = s.path().join(name);
    std::fs::write(&path, text).expect("write sample");
    let store = s.store();
    ok(&[
        "--store",
        &store,
        "ingest",
        "--date",
        date,
        &path.to_string_lossy(),
    ]);
}

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
