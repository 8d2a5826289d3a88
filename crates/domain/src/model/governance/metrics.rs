//! The governance metrics: how much of the operation is owned, decided,
//! reviewed and corrected, each as a percentage (0-100), and the snapshots
//! that keep them over time for the Progress charts.
//!
//! A metric with nothing to count (no elements, no decisions, no reviews,
//! no corrections) is undefined, `None`, rather than 0 or 100: an empty
//! model is neither failing nor perfect, and a chart should show a gap.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::control::control_test;
use super::review::review_state;
use crate::model::calendar::local_date;
use crate::model::limits::MAX_HISTORY_POINTS;
use crate::model::ownership;
use crate::model::sort;
use crate::model::types::{CorrectionStatus, Model, Snapshot};
use crate::model::{map, workflow};

/// Metric keys, as stored in [`Snapshot::metrics`] (camelCase, like the
/// file format). Once files hold them they must never change.
pub const OWNERSHIP_COVERAGE: &str = "ownershipCoverage";
pub const DECISION_RIGHTS_COVERAGE: &str = "decisionRightsCoverage";
pub const REVIEW_COVERAGE: &str = "reviewCoverage";
pub const REVIEW_COMPLETION: &str = "reviewCompletion";
pub const CORRECTION_IMPLEMENTATION: &str = "correctionImplementation";
pub const CORRECTION_VALIDATION: &str = "correctionValidation";
pub const CONTROL: &str = "control";
pub const WORKFLOW_DOCUMENTATION: &str = "workflowDocumentation";
pub const DATA_AUTHORITY: &str = "dataAuthority";
pub const METRIC_GOVERNANCE: &str = "metricGovernance";

/// What a chart shows about one metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetricInfo {
    pub key: &'static str,
    /// A short label for legends and axes.
    pub label: &'static str,
    /// One sentence: what is counted.
    pub description: &'static str,
}

/// Every metric, in the order the pillars come (ownership, decisions,
/// review, correction), then how much of the work is written down, the
/// control score last.
pub const METRICS: [MetricInfo; 10] = [
    MetricInfo {
        key: OWNERSHIP_COVERAGE,
        label: "Ownership coverage",
        description: "Share of elements with exactly one accountable role.",
    },
    MetricInfo {
        key: DECISION_RIGHTS_COVERAGE,
        label: "Decision-rights coverage",
        description: "Share of decisions with exactly one role that decides.",
    },
    MetricInfo {
        key: REVIEW_COVERAGE,
        label: "Review coverage",
        description: "Share of elements that at least one review looks at.",
    },
    MetricInfo {
        key: REVIEW_COMPLETION,
        label: "Review completion",
        description: "Share of reviews that have been held and are not overdue.",
    },
    MetricInfo {
        key: CORRECTION_IMPLEMENTATION,
        label: "Corrections implemented",
        description: "Share of corrections not rejected whose change has been made (implemented or validated).",
    },
    MetricInfo {
        key: CORRECTION_VALIDATION,
        label: "Corrections validated",
        description: "Share of the changes made that were then checked and found to work.",
    },
    MetricInfo {
        key: WORKFLOW_DOCUMENTATION,
        label: "Workflow documentation",
        description: "Share of workflow elements whose stages are written down, each with exit criteria, and every handoff defined.",
    },
    MetricInfo {
        key: DATA_AUTHORITY,
        label: "Data authority",
        description: "Share of data entities with exactly one system as their source of truth.",
    },
    MetricInfo {
        key: METRIC_GOVERNANCE,
        label: "Metric governance",
        description: "Share of metrics with an owner and a written definition.",
    },
    MetricInfo {
        key: CONTROL,
        label: "Control test score",
        description: "Share of the control test's four questions, asked of every element, that pass.",
    },
];

/// The label and description of a metric key; `None` for a key this
/// version does not know (a newer file may hold more).
pub fn metric_info(key: &str) -> Option<&'static MetricInfo> {
    METRICS.iter().find(|m| m.key == key)
}

fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| 100.0 * part as f64 / whole as f64)
}

/// Every metric on `today` (each key of [`METRICS`] is present, `None`
/// where undefined). The definitions:
/// - ownership coverage: elements with exactly one A / elements
///   (the ownership checks' own figure);
/// - decision-rights coverage: decisions with exactly one decider /
///   decisions;
/// - review coverage: elements listed by at least one review / elements;
/// - review completion: reviews held at least once and not overdue /
///   reviews;
/// - correction implementation: corrections implemented or validated /
///   corrections not rejected;
/// - correction validation: corrections validated / corrections
///   implemented or validated (status today; a correction rejected after
///   it was implemented counts in neither);
/// - workflow documentation: the workflow checks' own coverage figure
///   (see [`workflow::checks::coverage`]);
/// - data authority: data entities with exactly one source of truth /
///   data entities (see [`map::checks::data_authority`]);
/// - metric governance: metrics with an owner and a definition / metrics
///   (see [`map::checks::metric_governance`]);
/// - control: the control test's score.
pub fn metrics(model: &Model, today: NaiveDate) -> BTreeMap<&'static str, Option<f64>> {
    let elements = model.elements.len();

    let ownership = ownership::check(model).coverage();

    let decided = model
        .decisions
        .iter()
        .filter(|d| d.deciders(model).len() == 1)
        .count();

    let reviewed = model
        .elements
        .iter()
        .filter(|e| model.reviews.iter().any(|r| r.elements.contains(&e.id)))
        .count();

    let on_time = model
        .reviews
        .iter()
        .filter(|r| review_state(r, today).on_time())
        .count();

    let count = |f: &dyn Fn(CorrectionStatus) -> bool| {
        model.corrections.iter().filter(|c| f(c.status)).count()
    };
    let not_rejected = count(&|s| s != CorrectionStatus::Rejected);
    let made = count(&|s| {
        matches!(
            s,
            CorrectionStatus::Implemented | CorrectionStatus::Validated
        )
    });
    let validated = count(&|s| s == CorrectionStatus::Validated);
    debug_assert!(validated <= made && made <= not_rejected);

    BTreeMap::from([
        (OWNERSHIP_COVERAGE, ownership),
        (
            DECISION_RIGHTS_COVERAGE,
            percent(decided, model.decisions.len()),
        ),
        (REVIEW_COVERAGE, percent(reviewed, elements)),
        (REVIEW_COMPLETION, percent(on_time, model.reviews.len())),
        (CORRECTION_IMPLEMENTATION, percent(made, not_rejected)),
        (CORRECTION_VALIDATION, percent(validated, made)),
        (WORKFLOW_DOCUMENTATION, workflow::checks::coverage(model)),
        (DATA_AUTHORITY, map::checks::data_authority(model)),
        (METRIC_GOVERNANCE, map::checks::metric_governance(model)),
        (CONTROL, control_test(model, today).score),
    ])
}

/// A value as stored: rounded to one decimal.
fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The metrics at `now` (measured on `now`'s calendar day where the clock
/// is `offset_minutes` ahead of UTC, see [`local_date`]), keeping only the
/// defined ones, each rounded to one decimal.
pub fn snapshot(model: &Model, now: DateTime<Utc>, offset_minutes: i32) -> Snapshot {
    let metrics = metrics(model, local_date(now, offset_minutes))
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_string(), round1(v))))
        .collect();
    Snapshot {
        taken_at: now,
        metrics,
    }
}

/// The model's snapshots with today's state recorded:
/// - a snapshot already taken on the same calendar day (local, with the
///   clock `offset_minutes` ahead of UTC) is replaced,
///   so recording twice in a day leaves one point, the latest;
/// - snapshots stay sorted by time, oldest first;
/// - at most [`MAX_HISTORY_POINTS`] are kept, the oldest dropped first.
///
/// Pure, so the UI can apply the result as one undoable change. Also
/// returns whether a snapshot of the same day was replaced.
pub fn with_snapshot(
    model: &Model,
    now: DateTime<Utc>,
    offset_minutes: i32,
) -> (Vec<Snapshot>, bool) {
    let taken = snapshot(model, now, offset_minutes);
    let day = local_date(now, offset_minutes);
    let mut snapshots: Vec<Snapshot> = model
        .snapshots
        .iter()
        .filter(|s| local_date(s.taken_at, offset_minutes) != day)
        .cloned()
        .collect();
    let replaced = snapshots.len() != model.snapshots.len();
    snapshots.push(taken);
    sort::sort_by_key(&mut snapshots, |s| s.taken_at);
    let excess = snapshots.len().saturating_sub(MAX_HISTORY_POINTS);
    snapshots.drain(..excess);
    (snapshots, replaced)
}

/// Records today's state in the model (see [`with_snapshot`]). Returns
/// whether a snapshot of the same day was replaced.
pub fn record_snapshot(model: &mut Model, now: DateTime<Utc>, offset_minutes: i32) -> bool {
    let (snapshots, replaced) = with_snapshot(model, now, offset_minutes);
    model.snapshots = snapshots;
    replaced
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::model::types::{Cadence, CorrectionStatus::*, Raci};

    fn today() -> NaiveDate {
        day(2026, 6, 10)
    }

    fn get(m: &Model, key: &str) -> Option<f64> {
        metrics(m, today())[key]
    }

    #[test]
    fn every_metric_is_undefined_on_an_empty_model() {
        let m = model(&["Ops"]);
        let all = metrics(&m, today());
        assert_eq!(all.len(), METRICS.len());
        for info in METRICS {
            assert_eq!(all[info.key], None, "{}", info.key);
        }
        assert!(snapshot(&m, at(2026, 6, 10, 9, 0), 0).metrics.is_empty());
    }

    #[test]
    fn keys_and_labels() {
        let keys: Vec<&str> = METRICS.iter().map(|m| m.key).collect();
        assert_eq!(
            keys,
            [
                "ownershipCoverage",
                "decisionRightsCoverage",
                "reviewCoverage",
                "reviewCompletion",
                "correctionImplementation",
                "correctionValidation",
                "workflowDocumentation",
                "dataAuthority",
                "metricGovernance",
                "control"
            ]
        );
        for info in METRICS {
            assert_eq!(metric_info(info.key), Some(&info));
            assert!(!info.label.is_empty() && info.description.ends_with('.'));
        }
        assert_eq!(metric_info("nope"), None);
    }

    #[test]
    fn ownership_coverage_is_the_ownership_checks_figure() {
        let mut m = model(&["A", "B"]);
        element(&mut m, "e1", "One", &[("r0", Raci::A)]);
        element(&mut m, "e2", "Two", &[("r0", Raci::A), ("r1", Raci::A)]);
        element(&mut m, "e3", "Three", &[("r1", Raci::R)]);
        element(&mut m, "e4", "Four", &[("r1", Raci::A)]);
        assert_eq!(get(&m, OWNERSHIP_COVERAGE), Some(50.0));
        assert_eq!(get(&m, OWNERSHIP_COVERAGE), ownership::check(&m).coverage());
    }

    #[test]
    fn decision_rights_coverage() {
        let mut m = model(&["A", "B"]);
        element(&mut m, "e", "E", &[]);
        assert_eq!(get(&m, DECISION_RIGHTS_COVERAGE), None);
        decision(&mut m, "d1", "One", &[("r0", "A")], &["e"]);
        decision(&mut m, "d2", "None", &[("r0", "R")], &[]);
        decision(&mut m, "d3", "Two", &[("r0", "A"), ("r1", "A")], &[]);
        decision(&mut m, "d4", "One too", &[("r1", "A"), ("r0", "C")], &[]);
        assert_eq!(get(&m, DECISION_RIGHTS_COVERAGE), Some(50.0));
    }

    #[test]
    fn review_coverage_and_completion() {
        let mut m = model(&["A"]);
        for i in 0..4 {
            element(&mut m, &format!("e{i}"), "E", &[]);
        }
        assert_eq!(get(&m, REVIEW_COVERAGE), Some(0.0));
        assert_eq!(get(&m, REVIEW_COMPLETION), None);
        let held = |d| Some(day(2026, 6, d));
        m.reviews.push(review(
            "on-time",
            "A",
            Cadence::Weekly,
            None,
            &["e0", "e1"],
            held(9),
        ));
        m.reviews.push(review(
            "due-today",
            "B",
            Cadence::Weekly,
            None,
            &["e1"],
            held(3),
        ));
        m.reviews
            .push(review("late", "C", Cadence::Weekly, None, &["e2"], held(2)));
        m.reviews.push(review(
            "never",
            "D",
            Cadence::Weekly,
            None,
            &["nothing"],
            None,
        ));
        assert_eq!(get(&m, REVIEW_COVERAGE), Some(75.0));
        assert_eq!(get(&m, REVIEW_COMPLETION), Some(50.0));
        // Reviews exist but no elements: completion is defined, coverage not.
        m.elements.clear();
        assert_eq!(get(&m, REVIEW_COVERAGE), None);
        assert_eq!(get(&m, REVIEW_COMPLETION), Some(50.0));
    }

    #[test]
    fn correction_rates() {
        let mut m = model(&["A"]);
        let d = day(2026, 5, 1);
        let path = |n: usize| -> Vec<(CorrectionStatus, NaiveDate)> {
            [Proposed, Evaluated, Approved, Implemented, Validated][..n]
                .iter()
                .map(|s| (*s, d))
                .collect()
        };
        assert_eq!(get(&m, CORRECTION_IMPLEMENTATION), None);
        assert_eq!(get(&m, CORRECTION_VALIDATION), None);
        m.corrections.push(correction("p", None, None, &path(1)));
        m.corrections.push(correction("a", None, None, &path(3)));
        assert_eq!(get(&m, CORRECTION_IMPLEMENTATION), Some(0.0));
        assert_eq!(
            get(&m, CORRECTION_VALIDATION),
            None,
            "nothing implemented yet"
        );
        m.corrections.push(correction("i", None, None, &path(4)));
        m.corrections.push(correction("v", None, None, &path(5)));
        m.corrections
            .push(correction("x", None, None, &[(Proposed, d), (Rejected, d)]));
        // 2 of the 4 not rejected were made; 1 of those 2 validated.
        assert_eq!(get(&m, CORRECTION_IMPLEMENTATION), Some(50.0));
        assert_eq!(get(&m, CORRECTION_VALIDATION), Some(50.0));
        // Only rejected corrections: nothing to count.
        m.corrections.retain(|c| c.id == "x");
        assert_eq!(get(&m, CORRECTION_IMPLEMENTATION), None);
        assert_eq!(get(&m, CORRECTION_VALIDATION), None);
    }

    #[test]
    fn data_authority_and_metric_governance_are_the_map_checks_figures() {
        use crate::model::map::{DataEntity, Hold, Metric};
        use crate::model::types::ElementKind;
        let mut m = model(&["Ops"]);
        assert_eq!(get(&m, DATA_AUTHORITY), None);
        assert_eq!(get(&m, METRIC_GOVERNANCE), None);
        for (id, name) in [("d0", "Customers"), ("d1", "Invoices"), ("d2", "Orders")] {
            element(&mut m, id, name, &[("r0", Raci::A)]);
            m.elements.last_mut().unwrap().kind = ElementKind::Data;
        }
        element(&mut m, "s", "CRM", &[("r0", Raci::A)]);
        m.elements.last_mut().unwrap().kind = ElementKind::System;
        let mut d = DataEntity::new("d0".into());
        d.systems.insert("s".into(), Hold::Source);
        m.data_entities.push(d);
        // 1 of 3 data entities has its one source of truth: 33.3 stored.
        assert_eq!(
            snapshot(&m, at(2026, 6, 10, 9, 0), 0).metrics[DATA_AUTHORITY],
            33.3
        );
        let mut k = Metric::new("k".into(), "Churn");
        m.metrics.push(k.clone());
        k.id = "k2".into();
        k.owner = Some("r0".into());
        k.definition = "Customers lost / customers at the start.".into();
        m.metrics.push(k);
        assert_eq!(get(&m, METRIC_GOVERNANCE), Some(50.0));
    }

    #[test]
    fn workflow_documentation_is_the_workflow_checks_figure() {
        use crate::model::types::ElementKind;
        use crate::model::workflow::{Stage, Workflow};
        let mut m = model(&["Ops"]);
        // No workflow elements: nothing to count.
        assert_eq!(get(&m, WORKFLOW_DOCUMENTATION), None);
        element(&mut m, "p", "Sales", &[("r0", Raci::A)]);
        assert_eq!(
            get(&m, WORKFLOW_DOCUMENTATION),
            None,
            "a process is not counted"
        );
        for (id, name) in [("w0", "Refunds"), ("w1", "Returns")] {
            element(&mut m, id, name, &[("r0", Raci::A)]);
            m.elements.last_mut().unwrap().kind = ElementKind::Workflow;
        }
        assert_eq!(get(&m, WORKFLOW_DOCUMENTATION), Some(0.0));
        let mut w = Workflow::new("w0".into());
        w.stages.push(Stage {
            id: "s1".into(),
            name: "Check".into(),
            exit: "Amount verified".into(),
            ..Default::default()
        });
        m.workflows.push(w);
        assert_eq!(get(&m, WORKFLOW_DOCUMENTATION), Some(50.0));
        assert_eq!(
            get(&m, WORKFLOW_DOCUMENTATION),
            crate::model::workflow::checks::coverage(&m)
        );
    }

    #[test]
    fn control_metric_is_the_control_score() {
        let mut m = model(&["A"]);
        element(&mut m, "e", "E", &[("r0", Raci::A)]);
        assert_eq!(get(&m, CONTROL), Some(25.0));
        assert_eq!(get(&m, CONTROL), control_test(&m, today()).score);
    }

    #[test]
    fn snapshot_keeps_defined_metrics_rounded() {
        let mut m = model(&["A"]);
        element(&mut m, "e1", "E", &[("r0", Raci::A)]);
        element(&mut m, "e2", "E", &[]);
        element(&mut m, "e3", "E", &[]);
        let now = at(2026, 6, 10, 15, 45);
        let s = snapshot(&m, now, 0);
        assert_eq!(s.taken_at, now);
        assert_eq!(s.metrics[OWNERSHIP_COVERAGE], 33.3);
        assert_eq!(s.metrics[REVIEW_COVERAGE], 0.0);
        assert_eq!(s.metrics[CONTROL], 8.3);
        assert!(!s.metrics.contains_key(DECISION_RIGHTS_COVERAGE));
        assert_eq!(round1(66.666), 66.7);
        assert_eq!(round1(100.0), 100.0);
        assert_eq!(round1(12.25), 12.3);
    }

    #[test]
    fn recording_twice_a_day_keeps_one_point() {
        let mut m = model(&["A"]);
        element(&mut m, "e", "E", &[]);
        assert!(!record_snapshot(&mut m, at(2026, 6, 10, 9, 0), 0));
        m.elements[0].assignments.insert("r0".into(), Raci::A);
        assert!(record_snapshot(&mut m, at(2026, 6, 10, 17, 30), 0));
        assert_eq!(m.snapshots.len(), 1);
        assert_eq!(m.snapshots[0].taken_at, at(2026, 6, 10, 17, 30));
        assert_eq!(m.snapshots[0].metrics[OWNERSHIP_COVERAGE], 100.0);
        // Midnight UTC starts a new day.
        assert!(!record_snapshot(&mut m, at(2026, 6, 11, 0, 0), 0));
        assert_eq!(m.snapshots.len(), 2);
    }

    #[test]
    fn snapshots_stay_in_time_order() {
        let mut m = model(&["A"]);
        record_snapshot(&mut m, at(2026, 6, 10, 9, 0), 0);
        record_snapshot(&mut m, at(2026, 6, 1, 9, 0), 0);
        record_snapshot(&mut m, at(2026, 6, 20, 9, 0), 0);
        record_snapshot(&mut m, at(2026, 6, 5, 9, 0), 0);
        // Replacing a day in the middle keeps its place.
        assert!(record_snapshot(&mut m, at(2026, 6, 10, 8, 0), 0));
        let times: Vec<_> = m.snapshots.iter().map(|s| s.taken_at).collect();
        assert_eq!(
            times,
            [
                at(2026, 6, 1, 9, 0),
                at(2026, 6, 5, 9, 0),
                at(2026, 6, 10, 8, 0),
                at(2026, 6, 20, 9, 0)
            ]
        );
    }

    #[test]
    fn the_oldest_points_go_past_the_cap() {
        let mut m = model(&["A"]);
        let start = at(2000, 1, 1, 12, 0);
        m.snapshots = (0..MAX_HISTORY_POINTS as i64)
            .map(|i| Snapshot {
                taken_at: start + chrono::Duration::days(i),
                metrics: BTreeMap::new(),
            })
            .collect();
        let now = start + chrono::Duration::days(MAX_HISTORY_POINTS as i64 + 10);
        assert!(!record_snapshot(&mut m, now, 0));
        assert_eq!(m.snapshots.len(), MAX_HISTORY_POINTS);
        assert_eq!(m.snapshots[0].taken_at, start + chrono::Duration::days(1));
        assert_eq!(m.snapshots.last().unwrap().taken_at, now);
        // Replacing within a full history drops nothing.
        assert!(record_snapshot(&mut m, now + chrono::Duration::hours(1), 0));
        assert_eq!(m.snapshots.len(), MAX_HISTORY_POINTS);
        assert_eq!(m.snapshots[0].taken_at, start + chrono::Duration::days(1));
    }

    #[test]
    fn snapshots_of_one_local_day_replace_each_other() {
        // New York (UTC-5): 09:00 and 20:00 on June 10 are two UTC days.
        let mut m = model(&["A"]);
        assert!(!record_snapshot(&mut m, at(2026, 6, 10, 14, 0), -300));
        assert!(record_snapshot(&mut m, at(2026, 6, 11, 1, 0), -300));
        assert_eq!(m.snapshots.len(), 1);
        assert_eq!(m.snapshots[0].taken_at, at(2026, 6, 11, 1, 0));
        // In UTC they are two days, two points.
        let mut m = model(&["A"]);
        record_snapshot(&mut m, at(2026, 6, 10, 14, 0), 0);
        assert!(!record_snapshot(&mut m, at(2026, 6, 11, 1, 0), 0));
        assert_eq!(m.snapshots.len(), 2);
    }
}
