//! The `application/x-www-form-urlencoded` codec that both directions of HTTP use: the server
//! reads forms and query strings with it, the client writes them.
//!
//! Must not: know SPARQL, the store or the server; it is text to pairs and back.

/// `application/x-www-form-urlencoded` (and URL query strings) into pairs.
pub fn decode(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                percent_decode(&k.replace('+', " ")),
                percent_decode(&v.replace('+', " ")),
            )
        })
        .collect()
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `application/x-www-form-urlencoded` encoding of one value.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_and_encode_round_trip() {
        let text = "SELECT * { ?s ?p \"a&b=c%\" } # é+";
        let pairs = decode(&format!("query={}&x=1+2", encode(text)));
        assert_eq!(pairs[0], ("query".into(), text.into()));
        assert_eq!(pairs[1], ("x".into(), "1 2".into()));
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }
}
