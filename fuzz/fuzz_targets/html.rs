//! Arbitrary markup through the HTML path: no panic, no recursion, and scripts never leak.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let page = diplograph::text::html_to_text(s);
    let _ = diplograph::text::decode_entities(s);
    let _ = page.title;
    let _ = diplograph::text::clean(s, true);
});
