//! Quiz share links on arbitrary text: `decode_share` must never panic, and
//! whatever it accepts must encode back to the same link (so decoding is
//! exact and a link has one spelling).

#![no_main]

use libfuzzer_sys::fuzz_target;
use opmodel::model::quiz::{decode_share, encode_share};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok((kind, answers)) = decode_share(&text) else {
        return;
    };
    let encoded = encode_share(kind, &answers);
    assert_eq!(
        decode_share(&encoded),
        Ok((kind, answers)),
        "{encoded:?} does not decode to what it encodes"
    );
    // Only surrounding whitespace and one leading '#' are ignored.
    let trimmed = text.trim();
    let canonical = trimmed.strip_prefix('#').unwrap_or(trimmed);
    assert_eq!(encoded, canonical, "two spellings of one link");
});
