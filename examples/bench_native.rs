//! The native lines of `cargo xtask bench`: domain functions timed in a
//! release build, outside the browser. Prints one JSON object, metric key
//! -> samples in milliseconds, which the benchmark driver reads and holds
//! against the budgets.
//!
//! `cargo run --release --example bench_native`

use std::hint::black_box;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use opmodel::model::map::checks::check_all;
use opmodel::model::map::graph::{graph, MapFilter};
use opmodel::model::testkit::{map_model, workflows_model};
use opmodel::model::workflow::automation::rank;

/// Samples per metric: enough for a steady median on a shared machine.
const SAMPLES: usize = 51;

/// Times `f` `SAMPLES` times after five warm-up calls, in milliseconds.
fn time<T>(mut f: impl FnMut() -> T) -> Vec<f64> {
    for _ in 0..5 {
        black_box(f());
    }
    (0..SAMPLES)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect()
}

fn main() {
    let now = Utc.with_ymd_and_hms(2026, 6, 10, 9, 0, 0).unwrap();
    // The case: 500 workflows; 8 stages each across 12 roles.
    let model = workflows_model(500, 8, 12, now);
    let rank500 = time(|| rank(black_box(&model)));
    // The swimlane of one 40-stage workflow across 12 roles (drawn again
    // after each edit on the Workflows page).
    let flows = workflows_model(1, 40, 12, now);
    let swimlane40 = time(|| opmodel::charts::swimlane(black_box(&flows), &flows.workflows[0]));
    // The operating map of the size: 300 elements (60 units of
    // five) and about 600 links, across 12 roles.
    let map = map_model(60, 12, now);
    let layout300 = time(|| {
        let g = graph(&map, &check_all(&map), &MapFilter::default());
        opmodel::charts::map(&g, &map.name)
    });
    // The findings after one edit: a flow's schedule changed, then every
    // check of the map run again (what the page does after each edit).
    let mut edited = map.clone();
    let mut flow = edited.flows[7].clone();
    let mut n = 0;
    let findings300 = time(|| {
        n += 1;
        flow.schedule = format!("Every {n} minutes");
        edited
            .apply(opmodel::model::Op::SetFlow(Box::new(flow.clone())))
            .expect("a valid edit");
        check_all(black_box(&edited))
    });
    // The same model for the browser's line (`bench.mjs`, "map").
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-map.opmodel.json");
    std::fs::write(&file, opmodel::model::to_file_json(&map, now)).expect("the map model written");
    let out = serde_json::json!({
        "workflow.rank500.native": rank500,
        "workflow.swimlane40.native": swimlane40,
        "map.layout300.native": layout300,
        "map.findings300.native": findings300,
    });
    println!("{out}");
}
