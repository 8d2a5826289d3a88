//! Model links on arbitrary text: `parse_fragment` must never panic, and
//! whatever it accepts must be written back as the same link (so a link has
//! one spelling, and the bytes it holds are exactly what was encoded).

#![no_main]

use libfuzzer_sys::fuzz_target;
use opmodel::model::link::{fragment, parse_fragment};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(Some(bytes)) = parse_fragment(&text) else {
        return;
    };
    let written = fragment(&bytes);
    assert_eq!(
        parse_fragment(&written),
        Ok(Some(bytes)),
        "{written:?} does not read back as what it holds"
    );
    let canonical = text.strip_prefix('#').unwrap_or(&text);
    assert_eq!(written, canonical, "two spellings of one link");
});
