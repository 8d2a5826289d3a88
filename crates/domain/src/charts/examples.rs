//! Example renderings for looking at the charts by eye (not run by default):
//!
//! ```text
//! OPMODEL_CHARTS_OUT=/tmp/charts cargo test --lib charts::examples -- --ignored
//! ```
//!
//! writes `radar.svg`, `timeline.svg`, `layers.svg`, `swimlane.svg` (and the
//! empty states) into that folder.

use chrono::NaiveDate;

use super::{layers, radar, swimlane, timeline, LayerBand, Series};

const EVIL: &str = "<script>alert(1)</script> & \"q\" ]]> <img src=x onerror=alert(1)>";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

pub fn examples() -> Vec<(&'static str, String)> {
    let dims: Vec<(String, f64)> = [
        ("Explicit ownership", 72.0),
        ("Decision rights", 48.0),
        ("Review cadence", 35.0),
        ("Correction loop", 58.0),
        ("Standard workflows", 80.0),
        ("Automation control", 41.0),
        ("Exception handling and escalation", 27.0),
        ("Delegation without loss of control", 63.0),
    ]
    .iter()
    .map(|(n, v)| (n.to_string(), *v))
    .collect();
    let prev: Vec<(String, f64)> = dims
        .iter()
        .enumerate()
        .map(|(i, (n, v))| (n.clone(), (v - 12.0 + (i % 3) as f64 * 7.0).max(0.0)))
        .collect();
    let dates = [
        d(2026, 1, 15),
        d(2026, 4, 1),
        d(2026, 7, 1),
        d(2026, 9, 15),
        d(2026, 11, 1),
    ];
    let series: Vec<Series> = [
        ("Overall maturity", [30.0, 38.0, 45.0, 52.0, 62.0]),
        (
            "Reviews held on schedule (%)",
            [55.0, 60.0, 58.0, 71.0, 80.0],
        ),
        (
            "Decisions with a recorded owner (%)",
            [20.0, 35.0, 50.0, 48.0, 66.0],
        ),
        (
            "Exceptions escalated correctly (%)",
            [70.0, 64.0, 75.0, 82.0, 79.0],
        ),
    ]
    .iter()
    .map(|(n, vals)| Series {
        name: n.to_string(),
        points: dates.iter().copied().zip(vals.iter().copied()).collect(),
    })
    .collect();
    let bands = vec![
        LayerBand {
            name: "Tools".into(),
            score: 78.0,
            state: "In place: tools are used consistently".into(),
            current: false,
        },
        LayerBand {
            name: "Workflows".into(),
            score: 61.0,
            state: "Compliance drift: practice diverges from procedure".into(),
            current: true,
        },
        LayerBand {
            name: "Automation".into(),
            score: 34.0,
            state: "Early: a few steps automated".into(),
            current: false,
        },
        LayerBand {
            name: "Operating system".into(),
            score: 12.0,
            state: "Not yet: governance is informal".into(),
            current: false,
        },
    ];
    let (model, flow) = super::swimlane::example("Approve the refund");
    let mut hostile_flow = flow.clone();
    for s in &mut hostile_flow.stages {
        s.name = format!("{EVIL} {}", s.name);
    }
    vec![
        ("swimlane", swimlane(&model, &flow)),
        ("swimlane-hostile", swimlane(&model, &hostile_flow)),
        (
            "swimlane-empty",
            swimlane(&model, &crate::model::Workflow::new("wf".into())),
        ),
        (
            "radar",
            radar(
                "Governance maturity by dimension",
                &dims,
                Some(&prev),
                "November 2026",
                "May 2026",
            ),
        ),
        (
            "timeline",
            timeline("Governance metrics over time", "Score (0-100)", &series),
        ),
        (
            "layers",
            layers("Your position in the layer hierarchy", &bands),
        ),
        ("radar-empty", radar("Maturity", &[], None, "Now", "Before")),
        (
            "radar-hostile",
            radar(
                EVIL,
                &dims[..5]
                    .iter()
                    .map(|(n, v)| (format!("{EVIL} {n}"), *v))
                    .collect::<Vec<_>>(),
                None,
                EVIL,
                EVIL,
            ),
        ),
        (
            "timeline-many",
            timeline(
                "Nine series",
                "Score",
                &(0..9)
                    .map(|i| Series {
                        name: format!("Dimension number {i} with a long name"),
                        points: dates
                            .iter()
                            .enumerate()
                            .map(|(k, dt)| (*dt, (20 + i * 7 + k * 5) as f64))
                            .collect(),
                    })
                    .collect::<Vec<_>>(),
            ),
        ),
        ("timeline-empty", timeline("Metrics", "Score", &[])),
        (
            "timeline-single",
            timeline(
                "One assessment",
                "Score",
                &series[..2]
                    .iter()
                    .map(|s| Series {
                        name: s.name.clone(),
                        points: s.points[..1].to_vec(),
                    })
                    .collect::<Vec<_>>(),
            ),
        ),
    ]
}

#[test]
#[ignore = "writes example SVGs for visual review; set OPMODEL_CHARTS_OUT"]
fn write_examples() {
    let Ok(dir) = std::env::var("OPMODEL_CHARTS_OUT") else {
        return;
    };
    std::fs::create_dir_all(&dir).expect("create output folder");
    for (name, svg) in examples() {
        std::fs::write(format!("{dir}/{name}.svg"), svg).expect("write svg");
    }
}

#[test]
fn examples_are_safe() {
    for (_, svg) in examples() {
        super::testutil::assert_safe_svg(&svg);
    }
}
