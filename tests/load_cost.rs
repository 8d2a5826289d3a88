//! What `load` costs on a file of about 1 MiB, the fast way in (a file as
//! the app writes it) and the careful way (any other file). Ignored in
//! normal runs; run it in release, where the numbers mean something:
//!
//! `cargo test --release --test load_cost -- --ignored --nocapture`
//!
//! The machine these were measured on is shared (2 cores, a load average
//! of 10 to 13 from other builds), so whole-`load` times swing by 2x and
//! more from one run to the next. Best of 30 on the 1.15 MiB file, runs of
//! the code before and after the scan for keys written twice alternating:
//! the fast way 28.0 / 27.3 ms, then 18.2 / 17.4 ms (no difference above
//! the noise); the careful way 61 / 96 ms, then 56 / 84 ms, and 34 and 47
//! ms for the same code in the next two runs. The scan's own cost, timed in
//! the same run as the readings (`the_cost_of_the_key_scan` in
//! crates/domain/src/model/envelope.rs), is the steadier number: 2.3 to 2.8 ms per run,
//! against 11 to 29 ms for the fast reading and 57 ms for the careful one.

use chrono::{TimeZone, Utc};
use opmodel::model::*;

fn t0() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 30, 0).unwrap()
}

#[test]
#[ignore]
fn the_cost_of_loading_1_mib() {
    let m = opmodel::model::testkit::one_mib_model(t0());
    let text = to_file_json(&m, t0());
    // A field the app does not write sends the file the careful way.
    let careful = text.replacen("\"format\"", "\"note\": \"x\", \"format\"", 1);
    println!("file: {} bytes", text.len());
    for (name, bytes) in [("fast", text.as_bytes()), ("careful", careful.as_bytes())] {
        assert_eq!(load(bytes).unwrap(), m);
        let mut best = f64::MAX;
        for _ in 0..30 {
            let start = std::time::Instant::now();
            std::hint::black_box(load(std::hint::black_box(bytes)).unwrap());
            best = best.min(start.elapsed().as_secs_f64() * 1e3);
        }
        println!("load, the {name} way: {best:.2} ms");
    }
}
