//! Corpus files: many documents in one file, one record each, with their metadata.
//!
//! Real collections arrive as JSON Lines (`.jsonl`, `.ndjson`: one JSON object per line) or CSV
//! (`.csv`, with a header row). Each record is one document with its own text, title,
//! publication date, URL, publisher and id. Field names default to the common ones
//! ([`Fields::default`]) and can be mapped one by one ([`Fields::set`]).
//!
//! Reading streams: records are yielded one at a time, so a corpus of any size is read in
//! bounded memory (only the ids seen so far are kept, to refuse duplicates). A record that
//! cannot be used (not JSON, no text, an unreadable date, an id seen before) is an error for
//! that record alone; the caller reports it and goes on with the next.
//!
//! Must not: touch the store or extract anything; it only reads records.

use crate::text::dates::PartialDate;
use std::collections::HashMap;
use std::io::{BufRead, Read};
use std::path::Path;

/// The two shapes of corpus file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    JsonLines,
    Csv,
}

impl Format {
    /// The format a path's extension names, if it names one.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// Which fields of a record hold what: for each, the names tried in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    pub text: Vec<String>,
    pub title: Vec<String>,
    pub date: Vec<String>,
    pub url: Vec<String>,
    pub id: Vec<String>,
    pub publisher: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            text: names(&["text", "content", "body"]),
            title: names(&["title", "headline"]),
            date: names(&["date", "publish_time", "published", "publication_date"]),
            url: names(&["url", "source_url", "link"]),
            id: names(&["id"]),
            publisher: names(&["publisher", "source"]),
        }
    }
}

/// The record fields that can be mapped, as `--field` names them.
pub const FIELD_NAMES: &[&str] = &["text", "title", "date", "url", "id", "publisher"];

impl Fields {
    /// Map one of [`FIELD_NAMES`] to the one column or key that holds it.
    pub fn set(&mut self, field: &str, name: &str) -> Result<(), RecordError> {
        let slot = match field {
            "text" => &mut self.text,
            "title" => &mut self.title,
            "date" => &mut self.date,
            "url" => &mut self.url,
            "id" => &mut self.id,
            "publisher" => &mut self.publisher,
            other => {
                return Err(RecordError::UnknownField {
                    field: other.to_string(),
                })
            }
        };
        *slot = vec![name.to_string()];
        Ok(())
    }
}

/// One document of a corpus file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based line (JSON Lines) or record number after the header (CSV).
    pub line: usize,
    /// The record's id, or `line-N` when it has none.
    pub id: String,
    pub title: Option<String>,
    pub date: Option<PartialDate>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub text: String,
}

impl Record {
    /// The document as extraction reads it: the title line, a blank line, the text.
    pub fn document(&self) -> String {
        match self
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            Some(t) => format!("{t}\n\n{}", self.text),
            None => self.text.clone(),
        }
    }
}

/// Why one record (or the whole file) could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    #[error("line {line}: not a JSON object: {reason}")]
    Json { line: usize, reason: String },
    #[error("record {line}: unreadable CSV: {reason}")]
    Csv { line: usize, reason: String },
    #[error("record {line}: no text (looked for {looked})")]
    NoText { line: usize, looked: String },
    #[error("record {line}: unreadable date {value:?} (expected e.g. 2024-05-18)")]
    BadDate { line: usize, value: String },
    #[error("record {line}: id {id:?} was already used by record {first}")]
    DuplicateId {
        line: usize,
        id: String,
        first: usize,
    },
    #[error("record {line}: {reason}")]
    Io { line: usize, reason: String },
    #[error("unknown record field {field:?} (choose one of {})", FIELD_NAMES.join(", "))]
    UnknownField { field: String },
}

/// A value as a record holds it: JSON strings and numbers, CSV cells.
fn scalar(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads the records of one corpus file, in order; tracks ids to refuse duplicates.
pub struct Reader<R> {
    fields: Fields,
    seen: HashMap<String, usize>,
    inner: Inner<R>,
}

enum Inner<R> {
    Json {
        lines: std::io::Split<R>,
        line: usize,
    },
    Csv {
        records: csv::StringRecordsIntoIter<R>,
        header: Vec<String>,
        line: usize,
    },
    Done,
}

/// Start reading a corpus file of the given format.
pub fn read<R: BufRead + Read>(
    source: R,
    format: Format,
    fields: Fields,
) -> Result<Reader<R>, RecordError> {
    let inner = match format {
        Format::JsonLines => Inner::Json {
            lines: source.split(b'\n'),
            line: 0,
        },
        Format::Csv => {
            let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(source);
            let header = csv
                .headers()
                .map_err(|e| RecordError::Csv {
                    line: 0,
                    reason: e.to_string(),
                })?
                .iter()
                .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
                .collect();
            Inner::Csv {
                records: csv.into_records(),
                header,
                line: 0,
            }
        }
    };
    Ok(Reader {
        fields,
        seen: HashMap::new(),
        inner,
    })
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        let (line, values) = match &mut self.inner {
            Inner::Done => return None,
            Inner::Json { lines, line } => loop {
                *line += 1;
                match lines.next()? {
                    Err(e) => {
                        let n = *line;
                        self.inner = Inner::Done;
                        return Some(Err(RecordError::Io {
                            line: n,
                            reason: e.to_string(),
                        }));
                    }
                    Ok(l) if l.trim_ascii().is_empty() => continue,
                    Ok(l) => break (*line, json_fields(&l, *line)),
                }
            },
            Inner::Csv {
                records,
                header,
                line,
            } => {
                *line += 1;
                let n = *line;
                match records.next()? {
                    Ok(r) => (
                        n,
                        Ok(header
                            .iter()
                            .zip(r.iter())
                            .map(|(h, v)| (h.clone(), v.to_string()))
                            .collect()),
                    ),
                    Err(e) => {
                        let reason = e.to_string();
                        let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                        if fatal {
                            self.inner = Inner::Done;
                            return Some(Err(RecordError::Io { line: n, reason }));
                        }
                        (n, Err(RecordError::Csv { line: n, reason }))
                    }
                }
            }
        };
        Some(values.and_then(|v| self.record(line, &v)))
    }
}

fn json_fields(bytes: &[u8], line: usize) -> Result<HashMap<String, String>, RecordError> {
    let line_text = std::str::from_utf8(bytes).map_err(|e| RecordError::Json {
        line,
        reason: format!("not UTF-8 ({e})"),
    })?;
    let value: serde_json::Value =
        serde_json::from_str(line_text).map_err(|e| RecordError::Json {
            line,
            reason: e.to_string(),
        })?;
    let serde_json::Value::Object(map) = value else {
        return Err(RecordError::Json {
            line,
            reason: "the line is JSON but not an object".into(),
        });
    };
    Ok(map
        .iter()
        .filter_map(|(k, v)| scalar(v).map(|s| (k.clone(), s)))
        .collect())
}

impl<R> Reader<R> {
    fn record(
        &mut self,
        line: usize,
        values: &HashMap<String, String>,
    ) -> Result<Record, RecordError> {
        let get = |names: &[String]| {
            names
                .iter()
                .find_map(|n| values.get(n))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let text = get(&self.fields.text).ok_or_else(|| RecordError::NoText {
            line,
            looked: self.fields.text.join(", "),
        })?;
        let date = match get(&self.fields.date) {
            None => None,
            Some(v) => Some(publication_date(&v).ok_or(RecordError::BadDate { line, value: v })?),
        };
        let id = get(&self.fields.id).unwrap_or_else(|| format!("line-{line}"));
        if let Some(&first) = self.seen.get(&id) {
            return Err(RecordError::DuplicateId { line, id, first });
        }
        self.seen.insert(id.clone(), line);
        Ok(Record {
            line,
            id,
            title: get(&self.fields.title),
            date,
            url: get(&self.fields.url),
            publisher: get(&self.fields.publisher),
            text,
        })
    }
}

/// A publication date as corpora write it: `2024-05-18`, an ISO timestamp
/// (`2024-05-18T09:30:00Z`, `2024-05-18 09:30`), or a written date ("May 18, 2024").
pub fn publication_date(value: &str) -> Option<PartialDate> {
    let v = value.trim();
    let day_part = v.split(['T', ' ']).next().unwrap_or(v);
    PartialDate::from_lexical(day_part)
        .or_else(|| crate::text::dates::parse_date(v))
        .filter(|d| d.year.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, format: Format) -> Vec<Result<Record, RecordError>> {
        read(text.as_bytes(), format, Fields::default())
            .unwrap()
            .collect()
    }

    #[test]
    fn json_lines_give_one_record_each_with_metadata() {
        let input = concat!(
            r#"{"id": "a1", "date": "2024-03-02", "title": "Minister Ola Berg Meets Minister Tan", "url": "https://example.org/a1", "source": "Ministry of Examples", "text": "Minister Berg met Minister Tan today."}"#,
            "\n\n",
            r#"{"id": "a2", "publish_time": "2024-03-05T08:00:00Z", "content": "The two sides held talks."}"#,
            "\n"
        );
        let got = all(input, Format::JsonLines);
        assert_eq!(got.len(), 2);
        let a = got[0].as_ref().unwrap();
        assert_eq!(a.id, "a1");
        assert_eq!(a.line, 1);
        assert_eq!(a.date.unwrap().to_string(), "2024-03-02");
        assert_eq!(a.url.as_deref(), Some("https://example.org/a1"));
        assert_eq!(a.publisher.as_deref(), Some("Ministry of Examples"));
        assert_eq!(
            a.document(),
            "Minister Ola Berg Meets Minister Tan\n\nMinister Berg met Minister Tan today."
        );
        let b = got[1].as_ref().unwrap();
        assert_eq!((b.id.as_str(), b.line), ("a2", 3));
        assert_eq!(b.date.unwrap().to_string(), "2024-03-05");
        assert_eq!(b.document(), "The two sides held talks.");
    }

    #[test]
    fn a_bad_record_is_an_error_for_itself_alone() {
        let input = concat!(
            "{\"id\": \"x\", \"text\": \"First.\"}\n",
            "{not json\n",
            "{\"id\": \"y\", \"title\": \"No text\"}\n",
            "{\"id\": \"z\", \"date\": \"someday\", \"text\": \"Dated badly.\"}\n",
            "{\"id\": \"x\", \"text\": \"Again.\"}\n",
            "[1, 2]\n",
            "{\"id\": 7, \"text\": \"Last.\"}\n",
        );
        let mut bytes = input.as_bytes().to_vec();
        bytes.extend_from_slice(b"{\"text\": \"\xff\xfe\"}\n");
        let got: Vec<_> = read(&bytes[..], Format::JsonLines, Fields::default())
            .unwrap()
            .collect();
        assert_eq!(got.len(), 8);
        assert!(matches!(got[7], Err(RecordError::Json { line: 8, .. })));
        assert!(got[0].is_ok());
        assert!(matches!(got[1], Err(RecordError::Json { line: 2, .. })));
        assert!(matches!(got[2], Err(RecordError::NoText { line: 3, .. })));
        assert!(
            matches!(&got[3], Err(RecordError::BadDate { line: 4, value }) if value == "someday")
        );
        assert!(matches!(
            &got[4],
            Err(RecordError::DuplicateId {
                line: 5,
                first: 1,
                ..
            })
        ));
        assert!(matches!(got[5], Err(RecordError::Json { line: 6, .. })));
        assert_eq!(got[6].as_ref().unwrap().id, "7");
        let msg = got[3].as_ref().unwrap_err().to_string();
        assert_eq!(
            msg,
            "record 4: unreadable date \"someday\" (expected e.g. 2024-05-18)"
        );
    }

    #[test]
    fn csv_with_a_header_and_mapped_fields() {
        let input = "\u{feff}doc,when,headline,body\nk1,\"May 4, 2023\",\"Talks, at last\",\"They met, and agreed.\"\nk2,2023-05-06,,\"Line one\nline two\"\n";
        let mut fields = Fields::default();
        fields.set("id", "doc").unwrap();
        fields.set("date", "when").unwrap();
        let got: Vec<_> = read(input.as_bytes(), Format::Csv, fields)
            .unwrap()
            .collect();
        let a = got[0].as_ref().unwrap();
        assert_eq!(a.id, "k1");
        assert_eq!(a.title.as_deref(), Some("Talks, at last"));
        assert_eq!(a.text, "They met, and agreed.");
        assert_eq!(a.date.unwrap().to_string(), "2023-05-04");
        let b = got[1].as_ref().unwrap();
        assert_eq!(b.title, None);
        assert_eq!(b.text, "Line one\nline two");
        assert!(Fields::default().set("author", "x").is_err());
    }

    #[test]
    fn formats_come_from_extensions() {
        assert_eq!(
            Format::of_path(Path::new("a/b.JSONL")),
            Some(Format::JsonLines)
        );
        assert_eq!(Format::of_path(Path::new("b.csv")), Some(Format::Csv));
        assert_eq!(Format::of_path(Path::new("b.txt")), None);
    }
}
