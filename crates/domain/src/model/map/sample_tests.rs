//! The sample models' operating maps: their deliberate gaps, pinned. Each
//! sample holds a record for every data entity, a few flows between its
//! systems, its metrics with definitions and owners, and the outcomes its
//! processes produce; the gaps left on purpose are listed in
//! `tests/fixtures/samples-gaps.md`, and the tests below compute them from
//! the files, so an edit that removes one, or adds another, fails them.

use chrono::{DateTime, TimeZone, Utc};

use super::checks::{self, MapFindingKind, Subject};
use super::Mechanism;
use crate::model::samples::{open_sample, sample_file, SAMPLES};
use crate::model::types::{ElementKind, Model};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 14, 9, 30, 0).unwrap()
}

fn open(key: &str) -> Model {
    let text = sample_file(key).expect("a known sample");
    open_sample(text.as_bytes(), format!("model-{key}"), now()).expect("a sample file loads")
}

/// The map findings each sample shows on purpose (every one in
/// `tests/fixtures/samples-gaps.md`), in the order the checks give them:
/// (kind, node marked).
type MapGap = (MapFindingKind, &'static str);
const MAP_GAPS: [(&str, &[MapGap]); 3] = {
    use MapFindingKind::*;
    [
        (
            "ecommerce",
            &[
                (TwoSources, "el-data-customer-records"),
                (ManualCopy, "el-sys-wms"),
                (ProcessNoOutcome, "el-customer-enquiries"),
                (OutcomeNotProduced, "el-out-customer-satisfaction"),
                (MetricNoOwner, "met-days-to-refund"),
                (MetricNoDefinition, "met-return-rate"),
                (MetricNotReviewed, "met-conversion-rate"),
            ],
        ),
        (
            "saas",
            &[
                (NoSource, "el-data-customer-accounts"),
                (FlowCarriesNothing, "el-sys-support-desk"),
                (ProcessNoOutcome, "el-lead-to-contract"),
                (MetricNameClash, "met-nrr-renewals"),
                (MetricNameClash, "met-nrr"),
                (MetricNoDefinition, "met-cac-payback"),
            ],
        ),
        (
            "agency",
            &[
                (NoSource, "el-data-credentials"),
                (MetricNoOwner, "met-change-orders"),
                (MetricNotReviewed, "met-hosted-uptime"),
            ],
        ),
    ]
};

/// The flows the flow findings are about, in the same order.
const FLOW_GAPS: [(&str, &[&str]); 3] = [
    ("ecommerce", &["flow-supplier-terms-to-warehouse"]),
    ("saas", &["flow-desk-to-crm"]),
    ("agency", &[]),
];

/// A share: (part, whole).
type Share = (u32, u32);

/// Per sample: (data entities with exactly one source of truth, data
/// entities), (metrics owned and defined, metrics).
const FIGURES: [(&str, Share, Share); 3] = [
    ("ecommerce", (3, 4), (15, 17)),
    ("saas", (3, 4), (21, 22)),
    ("agency", (3, 4), (13, 14)),
];

fn percent((part, whole): Share) -> Option<f64> {
    Some(100.0 * f64::from(part) / f64::from(whole))
}

#[test]
fn map_gaps_are_exactly_the_deliberate_ones() {
    assert_eq!(MAP_GAPS.map(|(k, _)| k), SAMPLES.map(|s| s.key));
    for (key, expected) in MAP_GAPS {
        let m = open(key);
        let findings = checks::check_all(&m);
        let got: Vec<(MapFindingKind, String)> =
            findings.iter().map(|f| (f.kind, f.node.clone())).collect();
        let expected: Vec<(MapFindingKind, String)> = expected
            .iter()
            .map(|&(kind, node)| (kind, node.to_string()))
            .collect();
        assert_eq!(got, expected, "{key}");

        let flows: Vec<&str> = findings
            .iter()
            .filter_map(|f| match &f.subject {
                Subject::Flow(id) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        let (_, want) = FLOW_GAPS.iter().find(|(k, _)| *k == key).unwrap();
        assert_eq!(flows, *want, "{key} flows");
    }
}

#[test]
fn data_authority_and_metric_governance_are_as_intended() {
    for (key, authority, governance) in FIGURES {
        let m = open(key);
        let data = m
            .elements
            .iter()
            .filter(|e| e.kind == ElementKind::Data)
            .count();
        assert_eq!(data as u32, authority.1, "{key} data entities");
        assert_eq!(m.metrics.len() as u32, governance.1, "{key} metrics");
        assert_eq!(checks::data_authority(&m), percent(authority), "{key}");
        assert_eq!(checks::metric_governance(&m), percent(governance), "{key}");
    }
}

/// Apart from the gaps, the map is filled in: what a first look at a
/// sample's map should show.
#[test]
fn the_rest_of_each_map_is_filled_in() {
    for info in SAMPLES {
        let m = open(info.key);
        let k = info.key;
        let kind = |id: &str| m.element(id).map(|e| e.kind);

        // A record for every data entity: a definition, the systems
        // holding it.
        for e in m.elements.iter().filter(|e| e.kind == ElementKind::Data) {
            let d = m
                .data_entity(&e.id)
                .unwrap_or_else(|| panic!("{k}: {} has no record", e.id));
            assert!(d.definition.ends_with('.'), "{k}: {}", e.id);
            assert!(!d.systems.is_empty(), "{k}: {}", e.id);
        }
        for d in &m.data_entities {
            assert_eq!(kind(&d.element), Some(ElementKind::Data), "{k}");
            for s in d.systems.keys() {
                assert_eq!(kind(s), Some(ElementKind::System), "{k}: {s}");
            }
        }

        // Two to four flows between systems, each saying when it runs; one
        // that names data says what is checked on arrival.
        assert!((2..=4).contains(&m.flows.len()), "{k} flows");
        for f in &m.flows {
            assert!(f.id.starts_with("flow-"), "{}", f.id);
            assert_eq!(kind(&f.from), Some(ElementKind::System), "{}", f.id);
            assert_eq!(kind(&f.to), Some(ElementKind::System), "{}", f.id);
            for c in &f.carries {
                assert_eq!(kind(c), Some(ElementKind::Data), "{}: {c}", f.id);
                let held = m
                    .data_entity(c)
                    .is_some_and(|d| d.systems.contains_key(&f.to));
                assert!(
                    held,
                    "{}: {c} arrives in a system that does not hold it",
                    f.id
                );
            }
            assert!(!f.schedule.is_empty(), "{}", f.id);
            assert!(f.carries.is_empty() || !f.validation.is_empty(), "{}", f.id);
        }
        assert!(
            m.flows
                .iter()
                .any(|f| f.mechanism != Mechanism::ManualEntry),
            "{k}"
        );

        // Metrics with readable ids, each reviewed one listed by a review
        // of the sample; a defined one says how it is calculated.
        for x in &m.metrics {
            assert!(x.id.starts_with("met-"), "{}", x.id);
            assert!(
                x.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                x.id
            );
            assert!(!x.name.is_empty(), "{}", x.id);
            if !x.definition.is_empty() {
                assert!(x.definition.ends_with('.'), "{}", x.id);
                assert!(x.calculation.ends_with('.'), "{}", x.id);
            }
            if let Some(e) = &x.measures {
                assert!(kind(e).is_some(), "{}: {e}", x.id);
            }
        }
        assert!(m.reviews.iter().all(|r| !r.metrics.is_empty()));

        // Every outcome produced and every process producing one, apart
        // from the gaps pinned above.
        for w in m.workflows.iter().filter(|w| !w.produces.is_empty()) {
            assert_eq!(kind(&w.element), Some(ElementKind::Process), "{k}");
            for o in &w.produces {
                assert_eq!(kind(o), Some(ElementKind::Outcome), "{k}: {o}");
            }
        }
    }
}
