//! Decode and clean arbitrary bytes as plain text: refuse with a reason or return text, never
//! panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = diplograph::text::decode(data) {
        if let Ok(c) = diplograph::text::clean(&decoded, false) {
            assert!(!c.text.trim().is_empty());
        }
        let _ = diplograph::text::looks_like_html(&decoded);
    }
});
