//! Hostile and odd input: every case is refused on one line with a reason or processed, in time
//! linear in its size, without a panic, a stack overflow or a hang, and the store stays usable.

use crate::common::*;
use diplograph::extract::{self, Input};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const MEETING: &str = "JAKARTA, 6 July 2023 – The 27th ASEAN-Republic of Korea (ROK) Dialogue convened at the ASEAN Secretariat today.\n\nThe Dialogue was co-chaired by Tran Minh Khoa, Deputy Minister of Foreign Affairs of Viet Nam, and Kang Seoyeon, Deputy Minister for Political Affairs of the ROK.\n\nASEAN welcomed the Korea-ASEAN Solidarity Initiative.\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write input");
    p
}

fn ingest(s: &TempStore, args: &[&str]) -> Output {
    let store = s.store();
    let mut all = vec!["--store", store.as_str(), "ingest"];
    all.extend_from_slice(args);
    run(&all)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// The store still opens and answers after whatever happened.
fn store_works(s: &TempStore) -> usize {
    let out = ok(&["--store", &s.store(), "stats"]);
    let line = out
        .lines()
        .find(|l| l.starts_with("documents"))
        .expect("a documents line");
    line.split_whitespace().last().unwrap().parse().unwrap()
}

fn extract_text(bytes: &[u8], html: bool) -> Result<extract::Extraction, String> {
    extract::extract(&Input {
        bytes,
        source: "test".into(),
        html,
        ..Input::default()
    })
    .map_err(|e| e.to_string())
}

/// Every span the pipeline emits slices the clean text to its surface.
fn check_spans(ex: &extract::Extraction) {
    for m in &ex.mentions {
        assert_eq!(ex.text.get(m.start..m.end), Some(m.surface.as_str()));
    }
    for s in &ex.statements {
        assert!(ex.text.get(s.start..s.end).is_some(), "statement span");
    }
    for s in &ex.sentences {
        assert!(ex.text.get(s.start..s.end).is_some(), "sentence span");
    }
}

#[test]
fn invalid_utf8_is_refused_with_its_offset_and_the_run_goes_on() {
    let s = TempStore::new();
    let bad = write(
        s.path(),
        "bad.txt",
        b"ASEAN met in Jakarta \xff\xfe\xc3 today.",
    );
    let good = write(s.path(), "good.txt", MEETING.as_bytes());
    let o = ingest(&s, &[bad.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not valid UTF-8 (first bad byte at offset 21)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(store_works(&s), 1);
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if little {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

#[test]
fn utf16_with_a_bom_reads_like_utf8_in_both_byte_orders() {
    let plain = extract_text(MEETING.as_bytes(), false).unwrap();
    for little in [true, false] {
        let ex = extract_text(&utf16(MEETING, little), false).unwrap();
        assert_eq!(ex.text, plain.text);
        assert_eq!(ex.mentions, plain.mentions);
        assert_eq!(ex.statements, plain.statements);
    }
    let s = TempStore::new();
    let le = write(s.path(), "le.txt", &utf16(MEETING, true));
    let be = write(s.path(), "be.txt", &utf16(MEETING, false));
    let o = ingest(&s, &[le.to_str().unwrap(), be.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = s.query("meetings", &[]);
    assert!(rows.iter().any(|r| col(r, "ordinal") == "27"), "{rows:?}");
    // Unpaired surrogates are not text.
    let mut broken = vec![0xFF, 0xFE];
    broken.extend_from_slice(&0xD800u16.to_le_bytes());
    broken.extend_from_slice(&(b'a' as u16).to_le_bytes());
    assert!(extract_text(&broken, false).is_err());
}

#[test]
fn nul_bytes_are_binary_and_refused() {
    let s = TempStore::new();
    let f = write(s.path(), "nul.txt", b"ASEAN\0met\0in\0Jakarta");
    let o = ingest(&s, &[f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("binary content"), "{}", stderr(&o));
    let f16 = write(s.path(), "nul16.txt", &utf16("ASEAN\0met", true));
    let o = ingest(&s, &[f16.to_str().unwrap()]);
    assert!(stderr(&o).contains("binary content"), "{}", stderr(&o));
    assert_eq!(store_works(&s), 0);
}

#[test]
fn a_50_mb_file_is_refused_by_the_default_limit_and_by_a_smaller_one_without_reading_it() {
    let s = TempStore::new();
    let f = s.path().join("huge.txt");
    {
        let file = std::fs::File::create(&f).unwrap();
        // Sparse: 50 MB of size on disk costs nothing; refusing must not read it.
        file.set_len(50 * 1024 * 1024).unwrap();
    }
    let started = Instant::now();
    let o = ingest(&s, &[f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("larger than --max-bytes 16777216; refused"),
        "{}",
        stderr(&o)
    );
    let o = ingest(&s, &["--max-bytes", "1000000", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("larger than --max-bytes 1000000; refused"),
        "{}",
        stderr(&o)
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    // Standard input has no size to look at: it is cut at the limit and refused all the same.
    let mut child = Command::new(env!("CARGO_BIN_EXE_diplograph"))
        .args(["--store", &s.store(), "ingest", "--max-bytes", "1000", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let chunk = vec![b'a'; 64 * 1024];
        for _ in 0..16 {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("larger than --max-bytes 1000"),
        "{}",
        stderr(&o)
    );
    assert_eq!(store_works(&s), 0);
}

/// A wall-clock bound: as given for an optimised build, three times that for the debug build
/// the test suite runs (10 MB of one word takes about 35 s there on 2 busy cores).
fn slack(secs: u64) -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) {
        3 * secs
    } else {
        secs
    })
}

/// Time to extract some bytes, in the test's own process.
fn time_extract(bytes: &[u8], html: bool) -> Duration {
    let started = Instant::now();
    if let Ok(ex) = extract_text(bytes, html) {
        check_spans(&ex);
    }
    started.elapsed()
}

/// Extraction of `make(n)` runs in time linear in n: 4× the input costs well under 16× the time.
/// 1 MB against 4 MB; dense prose, where every sentence holds statements, at a quarter of that
/// so the debug build stays quick.
fn assert_linear(name: &str, html: bool, make: impl Fn(usize) -> Vec<u8>) {
    assert_linear_at(name, html, 1 << 20, make)
}

fn assert_linear_at(name: &str, html: bool, base: usize, make: impl Fn(usize) -> Vec<u8>) {
    let small = make(base);
    let large = make(4 * base);
    let _ = time_extract(&small[..small.len() / 8], html); // warm up (reference data)
    let t1 = time_extract(&small, html).max(Duration::from_millis(20));
    let t4 = time_extract(&large, html);
    eprintln!("{name}: {base} bytes {t1:?}, 4× {t4:?}");
    assert!(
        t4 < t1 * 10,
        "{name}: {base} bytes took {t1:?} but 4× took {t4:?}: worse than linear"
    );
    assert!(t4 < slack(20), "{name}: 4× {base} bytes took {t4:?}");
}

/// `unit` repeated to about n bytes, cut at a char boundary.
fn repeat_to(unit: &str, n: usize) -> Vec<u8> {
    let s = unit.repeat(n / unit.len() + 1);
    let mut cut = n.min(s.len());
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.as_bytes()[..cut].to_vec()
}

#[test]
fn a_10_mb_line_without_spaces_is_processed_in_linear_time() {
    assert_linear_at("one long word", false, 1 << 18, |n| vec![b'a'; n]);
    let s = TempStore::new();
    let f = write(s.path(), "line.txt", &vec![b'x'; 10 << 20]);
    // The time is the ratio check's above: a wall-clock bound here failed on a loaded machine.
    let o = ingest(&s, &[f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(store_works(&s), 1);
}

#[test]
fn thousands_of_bullet_markers_cost_linear_time() {
    assert_linear("bullets", false, |n| repeat_to("• \n", n));
    assert_linear_at("bullet lines", false, 1 << 17, |n| {
        repeat_to("• ASEAN welcomed the ROK.\n◦ (a) 1. - * \n", n)
    });
    assert_linear_at("sentences", false, 1 << 17, |n| {
        repeat_to(
            "ASEAN and the ROK welcomed the Initiative. Viet Nam noted Myanmar. ",
            n,
        )
    });
    assert_linear_at("dots", false, 1 << 17, |n| repeat_to("Mr. A. B. ", n));
    assert_linear_at("names", false, 1 << 17, |n| {
        repeat_to("Deputy Minister Tran Minh Khoa of Viet Nam, ", n)
    });
    let ex = extract_text(repeat_to("• \n", 200_000).as_slice(), false);
    assert!(ex.is_err() || ex.unwrap().text.len() <= 200_000);
}

#[test]
fn deeply_nested_html_is_linear_without_recursion() {
    let nested = |n: usize| {
        let depth = n / 11;
        let mut s = "<div>".repeat(depth);
        s.push_str("ASEAN met the ROK in Jakarta.");
        s.push_str(&"</div>".repeat(depth));
        s.into_bytes()
    };
    assert_linear("nested divs", true, nested);
    let page = nested(100_000 * 11);
    let ex = extract_text(&page, true).unwrap();
    assert!(ex.text.contains("ASEAN met the ROK in Jakarta."));
    assert_linear("unclosed tags", true, |n| repeat_to("<p><b x='", n));
    assert_linear("unclosed script", true, |n| {
        let mut s = b"<script>".to_vec();
        s.extend(repeat_to("<scrip", n));
        s
    });
    assert_linear("comments", true, |n| repeat_to("<!-- a -- b ->", n));
    assert_linear_at("entities", true, 1 << 18, |n| {
        repeat_to("&amp;&#x41;&#99999999999;&", n)
    });
    let s = TempStore::new();
    let f = write(s.path(), "nested.html", &page);
    let o = ingest(&s, &[f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn scripts_are_dropped_and_encoded_markup_stays_inert_text() {
    let page = format!(
        "<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt;</title><script>document.write('EVIL')</script></head><body><p>{}</p><p>&#x41;SEAN welcomed &lt;script&gt;x&lt;/script&gt; and &quot;O'Brien&quot;.</p><script>var s = '</scr' + 'ipt>EVIL2';</script></body></html>",
        MEETING.replace('\n', " ")
    );
    let ex = extract_text(page.as_bytes(), true).unwrap();
    assert!(!ex.text.contains("EVIL"), "{}", ex.text);
    assert!(!ex.text.contains("document.write"));
    assert!(
        ex.text.contains("ASEAN welcomed <script>x</script>"),
        "{}",
        ex.text
    );
    check_spans(&ex);
    // The dump is valid N-Quads and the markup is an escaped literal, never markup in an export.
    let (s, quads) = ingest_and_dump("page.html", page.as_bytes());
    assert!(quads.len() > 10);
    let html = ok(&["--store", &s.store(), "export", "--format", "html"]);
    assert!(!html.contains("<script>x</script>"));
}

/// Ingest one file into a fresh store (which must succeed) and parse the store's N-Quads dump.
fn ingest_and_dump(name: &str, bytes: &[u8]) -> (TempStore, Vec<oxigraph::model::Quad>) {
    let s = TempStore::new();
    let f = write(s.path(), name, bytes);
    let o = ingest(&s, &[f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dump = ok(&["--store", &s.store(), "export", "--format", "nquads"]);
    let quads = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
        .for_slice(dump.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("the dump parses");
    (s, quads)
}

#[test]
fn quotes_backslashes_right_to_left_and_combining_characters_survive() {
    let text = "JAKARTA, 6 July 2023 – The 27th ASEAN-Republic of Korea (ROK) Dialogue convened.\n\nMinister Se\u{301}an O'Brien \"the \\ backslash\\\" man\" of Viet Nam welcomed the \u{202E}evil\u{202C} initiative. \u{0627}\u{0644}\u{0633}\u{0644}\u{0627}\u{0645} \u{05e9}\u{05dc}\u{05d5}\u{05dd}. Z\u{0351}\u{0308}\u{0300}a\u{0363}\u{0364}l\u{0300}g\u{0301}o\u{0302} met Viet Nam.\n";
    let ex = extract_text(text.as_bytes(), false).unwrap();
    check_spans(&ex);
    let (s, quads) = ingest_and_dump("odd.txt", text.as_bytes());
    assert!(quads
        .iter()
        .any(|q| q.object.to_string().contains("\\\\ backslash")));
    for format in [
        "dot",
        "graphml",
        "cytoscape",
        "mermaid",
        "html",
        "turtle",
        "trig",
    ] {
        ok(&["--store", &s.store(), "export", "--format", format]);
    }
}

#[test]
fn an_empty_directory_says_so() {
    let s = TempStore::new();
    let empty = s.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = ingest(&s, &[empty.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("no .txt, .md, .html or .htm files in this directory"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("ingested 0 documents"));
    assert_eq!(store_works(&s), 0);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_walked_once() {
    let s = TempStore::new();
    let d = s.path().join("docs");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    write(&d, "a.txt", MEETING.as_bytes());
    std::os::unix::fs::symlink("..", d.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(".", d.join("self")).unwrap();
    std::os::unix::fs::symlink("x.txt", d.join("y.txt")).unwrap();
    std::os::unix::fs::symlink("y.txt", d.join("x.txt")).unwrap();
    let started = Instant::now();
    let o = ingest(&s, &[d.to_str().unwrap()]);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert!(
        stdout(&o).contains("ingested 1 document "),
        "{}",
        stdout(&o)
    );
    assert_eq!(store_works(&s), 1);
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_missing_path_is_refused_without_blocking() {
    let s = TempStore::new();
    let fifo = s.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.map(|s| s.success()).unwrap_or(false) {
        let o = ingest(&s, &[fifo.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    }
    let missing = s.path().join("missing.txt");
    let o = ingest(&s, &[missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("No such file"), "{}", stderr(&o));
}

#[test]
fn a_file_that_vanishes_between_listing_and_reading_is_reported_and_the_rest_ingested() {
    let s = TempStore::new();
    let d = s.path().join("docs");
    std::fs::create_dir(&d).unwrap();
    // Ingest reads files in chunks on worker threads, at most two chunks ahead of the writer;
    // the last of 600 files is read long after the first document is written.
    for n in 0..600 {
        let text = MEETING.replace("27th", &format!("{}th", 100 + n));
        write(&d, &format!("f{n:03}.txt"), text.as_bytes());
    }
    let z = d.join("f599.txt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_diplograph"))
        .args([
            "--store",
            &s.store(),
            "ingest",
            "--jobs",
            "1",
            d.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains("f000.txt"), "{first}");
    std::fs::remove_file(&z).unwrap();
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("f599.txt"), "{}", stderr(&o));
    assert!(rest.last().unwrap().contains("1 failed"), "{rest:?}");
    assert_eq!(store_works(&s), 599);
}
