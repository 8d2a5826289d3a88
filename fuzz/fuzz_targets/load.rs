//! The whole file-loading path on arbitrary bytes: `load` must never panic,
//! and whatever it accepts must be valid and survive an export and a reload
//! unchanged.

#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use opmodel::model::{load, to_file_json, validate};

fuzz_target!(|data: &[u8]| {
    let Ok(model) = load(data) else {
        return;
    };
    if let Err(problems) = validate(&model) {
        panic!("load accepted a model that validate refuses: {problems:?}");
    }
    let exported_at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 30, 0).unwrap();
    let text = to_file_json(&model, exported_at);
    match load(text.as_bytes()) {
        Ok(again) => assert_eq!(again, model, "the reloaded model differs; file:\n{text}"),
        Err(e) => panic!("a file written by to_file_json does not load: {e}\nfile:\n{text}"),
    }
});
