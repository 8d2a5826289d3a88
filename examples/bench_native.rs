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
use opmodel::model::AssessmentKind;

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
    // The team check-up of the size: 50 responses to the full
    // assessment pasted at once, as from a chat (a line of words around
    // each link), read and combined into the team's picture.
    let (running, pasted) = checkup_50();
    let combine50 = time(|| {
        let mut c = running.clone();
        c.pasted = pasted.clone();
        (c.reading(), c.team())
    });
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-checkup.json");
    let checkup = serde_json::json!({ "running": running.to_text(), "pasted": pasted });
    std::fs::write(&file, checkup.to_string()).expect("the check-up written");
    let out = serde_json::json!({
        "checkup.combine50.native": combine50,
        "workflow.rank500.native": rank500,
        "workflow.swimlane40.native": swimlane40,
        "map.layout300.native": layout300,
        "map.findings300.native": findings300,
    });
    println!("{out}");
}

/// A running check-up of the full assessment and the text of 50 response
/// links to it, each person's answers varied over the options.
fn checkup_50() -> (opmodel::model::checkup::collect::Collection, String) {
    use opmodel::model::checkup::collect::Collection;
    use opmodel::model::checkup::link::{Invitation, Response};
    let invitation = Invitation {
        id: "bench50checkup".into(),
        name: "Bench check-up".into(),
        kind: AssessmentKind::Full,
        ask_names: false,
    };
    let bank = opmodel::model::quiz::questions(AssessmentKind::Full);
    let pasted = (0..50)
        .map(|i| {
            let answers = bank
                .iter()
                .enumerate()
                .map(|(j, q)| (q.id.to_string(), ((i * 7 + j * (i % 5 + 1)) % q.options.len()) as u8))
                .collect();
            let r = Response {
                checkup: invitation.id.clone(),
                respondent: format!("person{i}"),
                kind: AssessmentKind::Full,
                answers,
                name: None,
            };
            format!(
                "[10:{:02}] Participant {i}: here are mine https://opmodel.example/checkup#{} thanks!",
                i % 60,
                r.fragment()
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    (Collection::start(invitation), pasted)
}
