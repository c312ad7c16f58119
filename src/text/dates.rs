//! Dates as the genre writes them, kept as partial as the text leaves them.
//!
//! "July 1" is a month and a day, never a guessed year; "6 July 2021", "July 6, 2023",
//! "Nov. 10", "2020-08-27", "in August" and "in 2023" are all read. A partial date becomes the
//! matching XSD type (`--07-01` gMonthDay, `2023-07` gYearMonth, `--08` gMonth, `2023` gYear).
//! Pure: no IO, no clock (a year comes only from evidence the caller passes in).

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// A date found in a text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMatch {
    pub date: PartialDate,
    pub start: usize,
    pub end: usize,
}

/// Weekday names, Monday first.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Month names in order, as the genre writes them.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan.", 1),
    ("feb.", 2),
    ("mar.", 3),
    ("apr.", 4),
    ("jun.", 6),
    ("jul.", 7),
    ("aug.", 8),
    ("sep.", 9),
    ("sept.", 9),
    ("oct.", 10),
    ("nov.", 11),
    ("dec.", 12),
];

impl PartialDate {
    pub fn is_empty(&self) -> bool {
        self.year.is_none() && self.month.is_none()
    }

    /// The lexical form and the XSD datatype local name.
    pub fn xsd(&self) -> Option<(String, &'static str)> {
        Some(match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => (format!("{y:04}-{m:02}-{d:02}"), "date"),
            (None, Some(m), Some(d)) => (format!("--{m:02}-{d:02}"), "gMonthDay"),
            (Some(y), Some(m), None) => (format!("{y:04}-{m:02}"), "gYearMonth"),
            (None, Some(m), None) => (format!("--{m:02}"), "gMonth"),
            (Some(y), None, _) => (format!("{y:04}"), "gYear"),
            (None, None, _) => return None,
        })
    }

    /// Read back the lexical forms [`Self::xsd`] writes.
    pub fn from_lexical(s: &str) -> Option<Self> {
        let s = s.trim();
        if let Some(rest) = s.strip_prefix("--") {
            let mut parts = rest.split('-');
            let month = parts.next()?.parse().ok()?;
            let day = parts.next().and_then(|d| d.parse().ok());
            return Some(PartialDate {
                year: None,
                month: Some(month),
                day,
            });
        }
        let mut parts = s.split(['-', '.', '/']);
        let year: i32 = parts.next()?.parse().ok()?;
        let month = parts.next().and_then(|m| m.parse().ok());
        let day = parts.next().and_then(|d| d.parse().ok());
        valid(PartialDate {
            year: Some(year),
            month,
            day,
        })
    }

    /// Fill a missing year from a dated reference (dateline or publication date): a past
    /// event takes the reference year, or the one before when its month-day lies after the
    /// reference; an upcoming event takes the reference year, or the next one.
    pub fn with_year_from(self, reference: Option<PartialDate>, upcoming: bool) -> Self {
        let (Some(reference), None, Some(month)) = (reference, self.year, self.month) else {
            return self;
        };
        let Some(ref_year) = reference.year else {
            return self;
        };
        let Some(ref_month) = reference.month else {
            return PartialDate {
                year: Some(ref_year),
                ..self
            };
        };
        let here = (month, self.day.unwrap_or(if upcoming { 31 } else { 1 }));
        let there = (
            ref_month,
            reference.day.unwrap_or(if upcoming { 1 } else { 31 }),
        );
        let year = if upcoming && here < there {
            ref_year + 1
        } else if !upcoming && here > there {
            ref_year - 1
        } else {
            ref_year
        };
        PartialDate {
            year: Some(year),
            ..self
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.xsd() {
            Some((s, _)) => f.write_str(&s),
            None => f.write_str(""),
        }
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

impl PartialDate {
    /// The full date this many days away, for a full date; `None` for a partial one.
    pub fn plus_days(&self, days: i64) -> Option<PartialDate> {
        let (y, m, d) = (self.year?, self.month?, self.day?);
        let (y, m, d) = civil_from_days(days_from_civil(y, m, d) + days);
        valid(PartialDate {
            year: Some(y),
            month: Some(m),
            day: Some(d),
        })
    }

    /// Monday 0 … Sunday 6, for a full date.
    pub fn weekday(&self) -> Option<usize> {
        let days = days_from_civil(self.year?, self.month?, self.day?);
        // 1970-01-01 was a Thursday.
        Some((days + 3).rem_euclid(7) as usize)
    }
}

/// How a relative expression places an event against the document's date.
enum Relative {
    /// So many days from the reference ("today" 0, "yesterday" -1).
    Days(i64),
    /// A day of the week ("on Monday"): the nearest one before (or, upcoming, after).
    Weekday(usize),
    /// Only the month of the reference this many days away ("last week" → -7).
    MonthOf(i64),
    /// The month before the reference's ("last month").
    LastMonth,
    /// The month after the reference's ("next month").
    NextMonth,
}

/// Relative expressions, longest first, all lowercase.
const RELATIVE: &[(&str, Relative)] = &[
    ("earlier today", Relative::Days(0)),
    ("this morning", Relative::Days(0)),
    ("this afternoon", Relative::Days(0)),
    ("this evening", Relative::Days(0)),
    ("tonight", Relative::Days(0)),
    ("today", Relative::Days(0)),
    ("last night", Relative::Days(-1)),
    ("yesterday", Relative::Days(-1)),
    ("tomorrow", Relative::Days(1)),
    ("last week", Relative::MonthOf(-7)),
    ("earlier this week", Relative::MonthOf(0)),
    ("this week", Relative::MonthOf(0)),
    ("next week", Relative::MonthOf(7)),
    ("earlier this month", Relative::MonthOf(0)),
    ("this month", Relative::MonthOf(0)),
    ("last month", Relative::LastMonth),
    ("next month", Relative::NextMonth),
];

/// The date of the first relative expression in `text` ("today", "yesterday evening", "on
/// Monday", "last week"), resolved against a full reference date (the document's publication
/// date); an upcoming event's weekday is the next one. Partial where the expression is
/// ("last week" gives a year and month). Needs a full reference: nothing is read from a clock.
pub fn resolve_relative(
    text: &str,
    reference: Option<PartialDate>,
    upcoming: bool,
) -> Option<PartialDate> {
    let reference =
        reference.filter(|r| r.day.is_some() && r.month.is_some() && r.year.is_some())?;
    let lower = text.to_lowercase();
    let mut best: Option<(usize, &Relative)> = None;
    let at_word = |i: usize, len: usize| {
        !lower[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && !lower[i + len..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    };
    for (cue, rel) in RELATIVE {
        let mut from = 0;
        while let Some(i) = lower[from..].find(cue).map(|i| i + from) {
            from = i + cue.len();
            if at_word(i, cue.len()) && best.is_none_or(|(b, _)| i < b) {
                best = Some((i, rel));
                break;
            }
        }
    }
    let weekdays: Vec<(usize, usize)> = WEEKDAY_NAMES
        .iter()
        .enumerate()
        .filter_map(|(n, name)| {
            let cue = format!("on {}", name.to_lowercase());
            lower
                .match_indices(&cue)
                .find(|(i, _)| at_word(*i, cue.len()))
                .map(|(i, _)| (i, n))
        })
        .collect();
    let weekday = weekdays.into_iter().min();
    let rel = match (best, weekday) {
        (Some((i, _)), Some((w, n))) if w < i => Relative::Weekday(n),
        (Some((_, rel)), _) => match rel {
            Relative::Days(d) => Relative::Days(*d),
            Relative::Weekday(n) => Relative::Weekday(*n),
            Relative::MonthOf(d) => Relative::MonthOf(*d),
            Relative::LastMonth => Relative::LastMonth,
            Relative::NextMonth => Relative::NextMonth,
        },
        (None, Some((_, n))) => Relative::Weekday(n),
        (None, None) => return None,
    };
    match rel {
        Relative::Days(d) => reference.plus_days(d),
        Relative::Weekday(n) => {
            let today = reference.weekday()? as i64;
            let n = n as i64;
            let offset = if upcoming {
                (n - today).rem_euclid(7)
            } else {
                -(today - n).rem_euclid(7)
            };
            reference.plus_days(offset)
        }
        Relative::MonthOf(d) => reference
            .plus_days(d)
            .map(|full| PartialDate { day: None, ..full }),
        // The day before the first of the month; from a month's last days 32 days are enough.
        Relative::LastMonth => reference
            .plus_days(-i64::from(reference.day?))
            .map(|full| PartialDate { day: None, ..full }),
        Relative::NextMonth => reference
            .plus_days(32 - i64::from(reference.day?))
            .map(|full| PartialDate { day: None, ..full }),
    }
}

fn valid(d: PartialDate) -> Option<PartialDate> {
    if let Some(m) = d.month {
        if !(1..=12).contains(&m) {
            return None;
        }
    }
    if let Some(day) = d.day {
        if !(1..=31).contains(&day) {
            return None;
        }
    }
    if let Some(y) = d.year {
        if !(1900..=2200).contains(&y) {
            return None;
        }
    }
    Some(d)
}

fn month_at(lower: &str, i: usize) -> Option<(u32, usize)> {
    let rest = &lower[i..];
    MONTHS
        .iter()
        .filter(|(name, _)| rest.starts_with(name))
        .filter(|(name, _)| {
            name.ends_with('.')
                || !rest[name.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric())
        })
        .max_by_key(|(name, _)| name.len())
        .map(|(name, m)| (*m, name.len()))
}

fn number_at(s: &str, i: usize, max_len: usize) -> Option<(u32, usize)> {
    let digits: String = s[i..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .take(max_len + 1)
        .collect();
    if digits.is_empty() || digits.len() > max_len {
        return None;
    }
    // Ordinal suffixes on days: "1st", "22nd".
    let mut len = digits.len();
    for suffix in ["st", "nd", "rd", "th"] {
        if s[i + len..].starts_with(suffix) {
            len += 2;
            break;
        }
    }
    if s[i + len..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric())
    {
        return None;
    }
    Some((digits.parse().ok()?, len))
}

fn skip_spaces(s: &str, mut i: usize, extra: &[char]) -> usize {
    while let Some(c) = s[i..].chars().next() {
        if c == ' ' || extra.contains(&c) {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn year_at(s: &str, i: usize) -> Option<(i32, usize)> {
    let (n, len) = number_at(s, i, 4)?;
    (len == 4 && (1900..=2200).contains(&n)).then_some((n as i32, len))
}

/// Every date in `text`, left to right, without overlaps.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let at_word_start = i == 0
            || !text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric());
        if at_word_start {
            if let Some(m) = date_at(text, &lower, i) {
                i = m.end;
                found.push(m);
                continue;
            }
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

fn date_at(text: &str, lower: &str, i: usize) -> Option<DateMatch> {
    let b = text.as_bytes();
    // ISO 2020-08-27 or 2020.08.27
    if let Some((y, 4)) = year_at(text, i) {
        let sep = b.get(i + 4).copied();
        if matches!(sep, Some(b'-') | Some(b'.') | Some(b'/')) {
            if let Some((m, ml)) = number_at(text, i + 5, 2) {
                if b.get(i + 5 + ml).copied() == sep {
                    if let Some((d, dl)) = number_at(text, i + 6 + ml, 2) {
                        let date = valid(PartialDate {
                            year: Some(y),
                            month: Some(m),
                            day: Some(d),
                        })?;
                        return Some(DateMatch {
                            date,
                            start: i,
                            end: i + 6 + ml + dl,
                        });
                    }
                }
            }
        }
    }
    // Numeric day first or month first with slashes: "19/03/2024" (read only when the
    // numbers leave no doubt which is the day).
    if let Some((a, al)) = number_at(text, i, 2) {
        let sep = b.get(i + al).copied();
        if matches!(sep, Some(b'/') | Some(b'.')) {
            if let Some((c, cl)) = number_at(text, i + al + 1, 2) {
                if b.get(i + al + 1 + cl).copied() == sep {
                    if let Some((y, 4)) = year_at(text, i + al + cl + 2) {
                        let (day, month) = match (a > 12, c > 12) {
                            (true, false) => (a, c),
                            (false, true) => (c, a),
                            _ if a == c => (a, c),
                            _ => return None,
                        };
                        let date = valid(PartialDate {
                            year: Some(y),
                            month: Some(month),
                            day: Some(day),
                        })?;
                        return Some(DateMatch {
                            date,
                            start: i,
                            end: i + al + cl + 6,
                        });
                    }
                }
            }
        }
    }
    // A bare year after "in" ("will be held in Hanoi in 2025").
    if let Some((y, 4)) = year_at(text, i) {
        let before = lower[..i].trim_end_matches(' ');
        let after = b.get(i + 4).copied();
        if (before.ends_with(" in") || before == "in")
            && !matches!(after, Some(b'-') | Some(b'/') | Some(b'.'))
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return Some(DateMatch {
                date: PartialDate {
                    year: Some(y),
                    month: None,
                    day: None,
                },
                start: i,
                end: i + 4,
            });
        }
    }
    // Month first: "July 1", "July 6, 2023", "Nov. 10", "July 2023"
    if let Some((m, ml)) = month_at(lower, i) {
        let j = skip_spaces(text, i + ml, &[]);
        if let Some((d, dl)) = number_at(text, j, 2) {
            if (1..=31).contains(&d) {
                let mut end = j + dl;
                let mut year = None;
                let k = skip_spaces(text, end, &[',']);
                if let Some((y, yl)) = year_at(text, k) {
                    year = Some(y);
                    end = k + yl;
                }
                return Some(DateMatch {
                    date: valid(PartialDate {
                        year,
                        month: Some(m),
                        day: Some(d),
                    })?,
                    start: i,
                    end,
                });
            }
        }
        if let Some((y, yl)) = year_at(text, j) {
            return Some(DateMatch {
                date: PartialDate {
                    year: Some(y),
                    month: Some(m),
                    day: None,
                },
                start: i,
                end: j + yl,
            });
        }
        // A bare month name ("in August"); "May" alone is too often the verb.
        if m != 5 {
            return Some(DateMatch {
                date: PartialDate {
                    year: None,
                    month: Some(m),
                    day: None,
                },
                start: i,
                end: i + ml,
            });
        }
    }
    // Day first: "6 July 2021", "1st July"
    if let Some((d, dl)) = number_at(text, i, 2) {
        let j = skip_spaces(text, i + dl, &[]);
        let j = if lower[j..].starts_with("of ") {
            j + 3
        } else {
            j
        };
        if let Some((m, ml)) = month_at(lower, j) {
            let mut end = j + ml;
            let mut year = None;
            let k = skip_spaces(text, end, &[',']);
            if let Some((y, yl)) = year_at(text, k) {
                year = Some(y);
                end = k + yl;
            }
            return Some(DateMatch {
                date: valid(PartialDate {
                    year,
                    month: Some(m),
                    day: Some(d),
                })?,
                start: i,
                end,
            });
        }
    }
    None
}

/// Parse a whole string as one date ("2020-08-27", "6 July 2021", "July 1").
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if let Some(d) = PartialDate::from_lexical(s) {
        return Some(d);
    }
    find_dates(s).into_iter().next().map(|m| m.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: Option<i32>, m: u32, day: Option<u32>) -> PartialDate {
        PartialDate {
            year: y,
            month: Some(m),
            day,
        }
    }

    #[test]
    fn genre_date_forms_are_read_as_partial_as_written() {
        let t = "held on July 1. JAKARTA, 6 July 2021 – and on July 6, 2023 and Nov. 10 and 2020-08-27 in August";
        let got: Vec<PartialDate> = find_dates(t).into_iter().map(|m| m.date).collect();
        assert_eq!(
            got,
            vec![
                d(None, 7, Some(1)),
                d(Some(2021), 7, Some(6)),
                d(Some(2023), 7, Some(6)),
                d(None, 11, Some(10)),
                d(Some(2020), 8, Some(27)),
                d(None, 8, None),
            ]
        );
    }

    #[test]
    fn partial_dates_keep_their_xsd_type() {
        assert_eq!(
            d(None, 7, Some(1)).xsd(),
            Some(("--07-01".into(), "gMonthDay"))
        );
        assert_eq!(d(None, 8, None).xsd(), Some(("--08".into(), "gMonth")));
        assert_eq!(
            d(Some(2023), 7, None).xsd(),
            Some(("2023-07".into(), "gYearMonth"))
        );
    }

    #[test]
    fn a_year_comes_only_from_a_dated_reference() {
        let july1 = d(None, 7, Some(1));
        assert_eq!(july1.with_year_from(None, false), july1);
        let pub_date = d(Some(2022), 7, Some(2));
        assert_eq!(july1.with_year_from(Some(pub_date), false).year, Some(2022));
        // An event after the publication date that is reported as held happened last year.
        let dec = d(None, 12, Some(5));
        assert_eq!(dec.with_year_from(Some(pub_date), false).year, Some(2021));
        // An upcoming event in a month already past is next year's.
        let march = d(None, 3, None);
        assert_eq!(march.with_year_from(Some(pub_date), true).year, Some(2023));
    }

    #[test]
    fn may_alone_is_not_a_date_and_numbers_are_not_days() {
        assert!(find_dates("they may meet in 26 rounds").is_empty());
    }

    #[test]
    fn relative_dates_resolve_against_the_reference_only() {
        let r = parse_date("2022-05-18");
        assert_eq!(r.unwrap().weekday(), Some(2)); // a Wednesday
        let d = |t: &str| resolve_relative(t, r, false).map(|d| d.to_string());
        assert_eq!(d("met today with").as_deref(), Some("2022-05-18"));
        assert_eq!(d("spoke yesterday evening").as_deref(), Some("2022-05-17"));
        assert_eq!(d("met on Monday in Rome").as_deref(), Some("2022-05-16"));
        assert_eq!(d("met on Wednesday").as_deref(), Some("2022-05-18"));
        assert_eq!(d("talks last week").as_deref(), Some("2022-05"));
        assert_eq!(
            resolve_relative("will meet on Friday", r, true)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2022-05-20")
        );
        assert_eq!(d("the Mondayisation"), None);
        assert_eq!(d("no date here"), None);
        // Across a year's end, and never without a full reference.
        let ny = parse_date("2024-01-01");
        assert_eq!(
            resolve_relative("yesterday", ny, false)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2023-12-31")
        );
        assert_eq!(
            resolve_relative("today", parse_date("2022-05"), false),
            None
        );
        assert_eq!(resolve_relative("today", None, false), None);
    }

    #[test]
    fn last_and_next_month_are_the_neighbouring_months() {
        for (text, reference, month) in [
            ("met last month", "2024-03-31", "2024-02"),
            ("met last month", "2024-01-05", "2023-12"),
            ("to meet next month", "2024-01-31", "2024-02"),
            ("to meet next month", "2024-12-01", "2025-01"),
        ] {
            let got = resolve_relative(text, parse_date(reference), false).map(|d| d.to_string());
            assert_eq!(got.as_deref(), Some(month), "{text} from {reference}");
        }
    }
}
