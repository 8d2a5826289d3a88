//! The live checks of the operating map: where a piece of data has no
//! single source of truth, where data moves without an owner at either end
//! or without being named, where a process serves no outcome (or an outcome
//! is served by nothing), and where a number the organization reviews has no
//! owner, no definition, no review, or a name it shares with another
//! definition. Each finding names what it is about, for the page's jump
//! link, and the node of the map on which it is marked.

use std::collections::{BTreeMap, BTreeSet};

use super::super::ownership::Severity;
use super::super::types::{Element, ElementKind, Id, Model};
use super::Mechanism;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MapFindingKind {
    /// A data entity no system holds as its source of truth.
    NoSource,
    /// A data entity with two or more sources of truth.
    TwoSources,
    /// A flow that names no data.
    FlowCarriesNothing,
    /// A flow into or out of a system nobody owns.
    FlowUnownedSystem,
    /// Data typed by hand into a system that is not its source of truth.
    ManualCopy,
    /// An outcome no process produces.
    OutcomeNotProduced,
    /// A process that produces no outcome.
    ProcessNoOutcome,
    /// A metric nobody owns.
    MetricNoOwner,
    /// A metric with no definition.
    MetricNoDefinition,
    /// A metric no review looks at.
    MetricNotReviewed,
    /// Two metrics of one name with different definitions.
    MetricNameClash,
}

/// What a finding is about: where the page's link jumps.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    Element(Id),
    Flow(Id),
    Metric(Id),
}

/// One gap in the map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapFinding {
    pub kind: MapFindingKind,
    pub severity: Severity,
    pub subject: Subject,
    /// The node of the map that carries the mark: an element's or a
    /// metric's id.
    pub node: Id,
    pub message: String,
}

/// How many roles hold the A on `e` (0: nobody owns it).
fn owners(e: &Element) -> usize {
    e.assignments
        .values()
        .filter(|l| l.is_accountable())
        .count()
}

fn quoted(name: &str) -> String {
    format!("\u{201c}{name}\u{201d}")
}

/// A set of ids, built by inserting: `collect()` into a B-tree sorts
/// first, and each sort of a new element type is more code in the wasm
/// (measured with twiggy: the map's collects cost about 10 KB).
pub(crate) fn str_set(ids: Vec<&str>) -> BTreeSet<&str> {
    let mut s = BTreeSet::new();
    for id in ids {
        s.insert(id);
    }
    s
}

/// Items by id, through one `BTreeMap<&str, usize>` type for every kind
/// of item (a map per item type was one more copy of the B-tree code).
struct Index<'a, T> {
    items: &'a [T],
    at: BTreeMap<&'a str, usize>,
}
fn positions(ids: Vec<&str>) -> BTreeMap<&str, usize> {
    let mut m = BTreeMap::new();
    for (i, id) in ids.into_iter().enumerate() {
        m.insert(id, i);
    }
    m
}
impl<'a, T> Index<'a, T> {
    fn new(items: &'a [T], ids: Vec<&'a str>) -> Self {
        Index {
            items,
            at: positions(ids),
        }
    }
    fn get(&self, id: &str) -> Option<&'a T> {
        self.at.get(id).map(|&i| &self.items[i])
    }
}

/// Every finding of the map, in this order: data entities (in element
/// order), flows, outcomes and processes (in element order), metrics.
///
/// Lookups go through maps built once (a model of 300 elements and 600
/// links is checked after every edit; the budget is 5 ms).
/// The model's data records by the element they describe.
fn data_entities(model: &Model) -> Index<'_, super::DataEntity> {
    Index::new(
        &model.data_entities,
        model
            .data_entities
            .iter()
            .map(|d| d.element.as_str())
            .collect(),
    )
}

pub fn check_all(model: &Model) -> Vec<MapFinding> {
    let mut out = Vec::new();
    let elements = Index::new(
        &model.elements,
        model.elements.iter().map(|e| e.id.as_str()).collect(),
    );
    let name = |id: &str| elements.get(id).map_or(id, |e| e.name.as_str()).to_string();
    let entities = data_entities(model);
    let mut push = |kind, severity, subject, node: &str, message: String| {
        out.push(MapFinding {
            kind,
            severity,
            subject,
            node: node.to_string(),
            message,
        })
    };
    use MapFindingKind::*;

    // Data: one source of truth each.
    for e in model
        .elements
        .iter()
        .filter(|e| e.kind == ElementKind::Data)
    {
        let sources: Vec<&Id> = entities
            .get(e.id.as_str())
            .map(|d| d.sources().collect())
            .unwrap_or_default();
        let subject = || Subject::Element(e.id.clone());
        match sources.len() {
            0 => push(
                NoSource,
                Severity::Problem,
                subject(),
                &e.id,
                format!(
                    "Nothing says where {} is kept for good: choose the system that is its source of truth.",
                    quoted(&e.name)
                ),
            ),
            1 => {}
            n => {
                let names: Vec<String> = sources.iter().map(|s| name(s)).collect();
                push(
                    TwoSources,
                    Severity::Problem,
                    subject(),
                    &e.id,
                    format!(
                        "{} has {n} sources of truth ({}): when they disagree, nobody knows which is right. Keep one and make the others copies.",
                        quoted(&e.name),
                        names.join(", ")
                    ),
                )
            }
        }
    }

    // Flows.
    for f in &model.flows {
        let (from, to) = (name(&f.from), name(&f.to));
        let subject = || Subject::Flow(f.id.clone());
        if f.carries.is_empty() {
            push(
                FlowCarriesNothing,
                Severity::Problem,
                subject(),
                &f.from,
                format!("The flow from {from} to {to} carries no data: say which data entities it moves."),
            );
        }
        for (end, id, words) in [(&from, &f.from, "comes out of"), (&to, &f.to, "goes into")] {
            if elements.get(id.as_str()).is_some_and(|e| owners(e) == 0) {
                push(
                    FlowUnownedSystem,
                    Severity::Problem,
                    subject(),
                    id,
                    format!(
                        "The flow from {from} to {to} {words} {end}, which nobody owns: nobody answers for what arrives or leaves there."
                    ),
                );
            }
        }
        if f.mechanism == Mechanism::ManualEntry {
            for data in &f.carries {
                let Some(d) = entities.get(data.as_str()) else {
                    continue;
                };
                let sources: Vec<&Id> = d.sources().collect();
                if !sources.is_empty() && !sources.contains(&&f.to) {
                    let source = name(sources[0]);
                    push(
                        ManualCopy,
                        Severity::Note,
                        subject(),
                        &f.to,
                        format!(
                            "{} is typed by hand into {to}, though its source of truth is {source}: every manual copy is a place for the data to drift.",
                            quoted(&name(data))
                        ),
                    );
                }
            }
        }
    }

    // Outcomes and the processes that produce them.
    let produced = str_set(
        model
            .workflows
            .iter()
            .flat_map(|w| w.produces.iter().map(String::as_str))
            .collect(),
    );
    let producing = str_set(
        model
            .workflows
            .iter()
            .filter(|w| !w.produces.is_empty())
            .map(|w| w.element.as_str())
            .collect(),
    );
    for e in &model.elements {
        match e.kind {
            ElementKind::Outcome if !produced.contains(e.id.as_str()) => push(
                OutcomeNotProduced,
                Severity::Problem,
                Subject::Element(e.id.clone()),
                &e.id,
                format!(
                    "No process produces {}: link the processes that serve it, or ask whether it is a real outcome.",
                    quoted(&e.name)
                ),
            ),
            ElementKind::Process if !producing.contains(e.id.as_str()) => push(
                ProcessNoOutcome,
                Severity::Problem,
                Subject::Element(e.id.clone()),
                &e.id,
                format!(
                    "{} produces no outcome: say which outcome it serves.",
                    quoted(&e.name)
                ),
            ),
            _ => {}
        }
    }

    // Metrics.
    let reviewed = str_set(
        model
            .reviews
            .iter()
            .flat_map(|r| r.metrics.iter().map(String::as_str))
            .collect(),
    );
    let mut by_name: BTreeMap<String, Vec<&super::Metric>> = BTreeMap::new();
    for m in &model.metrics {
        by_name
            .entry(m.name.trim().to_lowercase())
            .or_default()
            .push(m);
    }
    for m in &model.metrics {
        let subject = || Subject::Metric(m.id.clone());
        let metric = quoted(&m.name);
        if m.owner.is_none() {
            push(
                MetricNoOwner,
                Severity::Problem,
                subject(),
                &m.id,
                format!("Nobody owns the metric {metric}: give one role its definition and its calculation."),
            );
        }
        if !m.defined() {
            push(
                MetricNoDefinition,
                Severity::Problem,
                subject(),
                &m.id,
                format!("The metric {metric} has no definition: write what it means, so that everyone reads the number the same way."),
            );
        }
        if !reviewed.contains(m.id.as_str()) {
            push(
                MetricNotReviewed,
                Severity::Problem,
                subject(),
                &m.id,
                format!("No review looks at the metric {metric}: add it to the review where it is discussed."),
            );
        }
        let namesakes = &by_name[&m.name.trim().to_lowercase()];
        let differs = namesakes
            .iter()
            .any(|o| o.id != m.id && o.definition.trim() != m.definition.trim());
        if differs {
            push(
                MetricNameClash,
                Severity::Problem,
                subject(),
                &m.id,
                format!(
                    "{} metrics are called {metric} with different definitions: agree on one definition, or give them different names.",
                    namesakes.len()
                ),
            );
        }
    }
    out
}

/// Data-authority coverage (white paper §7.6, "data architecture
/// completion"): the share of data entities with exactly one source of
/// truth, as a percentage; `None` with no data entity.
pub fn data_authority(model: &Model) -> Option<f64> {
    let entities = data_entities(model);
    let data: Vec<&Element> = model
        .elements
        .iter()
        .filter(|e| e.kind == ElementKind::Data)
        .collect();
    let single = data
        .iter()
        .filter(|e| {
            entities
                .get(e.id.as_str())
                .is_some_and(|d| d.sources().count() == 1)
        })
        .count();
    percent(single, data.len())
}

/// Metric-governance completion (§7.6): the share of metrics that have an
/// owner and a definition, as a percentage; `None` with no metric.
pub fn metric_governance(model: &Model) -> Option<f64> {
    let governed = model.metrics.iter().filter(|m| m.governed()).count();
    percent(governed, model.metrics.len())
}

fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| 100.0 * part as f64 / whole as f64)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::map::{DataEntity, Flow, Hold, Metric};
    use crate::model::{Raci, Review, Role, Workflow};

    fn element(id: &str, kind: ElementKind, owner: Option<&str>) -> Element {
        Element {
            id: id.into(),
            name: id.to_uppercase(),
            kind,
            description: String::new(),
            assignments: owner
                .map(|r| BTreeMap::from([(r.to_string(), Raci::A)]))
                .unwrap_or_default(),
        }
    }

    /// Two systems (crm owned, sheet not), two data entities, an outcome,
    /// a process: nothing linked yet.
    fn model() -> Model {
        let mut m = Model::new(
            "m".into(),
            "M",
            chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap(),
        );
        m.roles.push(Role {
            id: "fin".into(),
            name: "Finance Lead".into(),
            description: String::new(),
            holder: None,
        });
        m.elements = vec![
            element("crm", ElementKind::System, Some("fin")),
            element("sheet", ElementKind::System, None),
            element("cust", ElementKind::Data, Some("fin")),
            element("inv", ElementKind::Data, Some("fin")),
            element("out", ElementKind::Outcome, Some("fin")),
            element("proc", ElementKind::Process, Some("fin")),
        ];
        m
    }

    fn kinds(m: &Model) -> Vec<(MapFindingKind, String)> {
        check_all(m).into_iter().map(|f| (f.kind, f.node)).collect()
    }

    fn hold(m: &mut Model, data: &str, system: &str, h: Hold) {
        match m.data_entities.iter_mut().find(|d| d.element == data) {
            Some(d) => {
                d.systems.insert(system.into(), h);
            }
            None => {
                let mut d = DataEntity::new(data.into());
                d.systems.insert(system.into(), h);
                m.data_entities.push(d);
            }
        }
    }

    #[test]
    fn data_needs_exactly_one_source_of_truth() {
        let mut m = model();
        use MapFindingKind::*;
        let data = |m: &Model| -> Vec<(MapFindingKind, String)> {
            kinds(m)
                .into_iter()
                .filter(|(k, _)| matches!(k, NoSource | TwoSources))
                .collect()
        };
        assert_eq!(
            data(&m),
            [(NoSource, "cust".into()), (NoSource, "inv".into())]
        );
        assert_eq!(data_authority(&m), Some(0.0));
        hold(&mut m, "cust", "crm", Hold::Source);
        hold(&mut m, "inv", "crm", Hold::Copy);
        assert_eq!(data(&m), [(NoSource, "inv".into())], "a copy is no source");
        assert_eq!(data_authority(&m), Some(50.0));
        hold(&mut m, "cust", "sheet", Hold::Source);
        let f = check_all(&m);
        let two = f.iter().find(|f| f.kind == TwoSources).unwrap();
        assert_eq!(
            two.message,
            "\u{201c}CUST\u{201d} has 2 sources of truth (CRM, SHEET): when they disagree, nobody knows which is right. Keep one and make the others copies."
        );
        assert_eq!(two.subject, Subject::Element("cust".into()));
        hold(&mut m, "cust", "sheet", Hold::Copy);
        hold(&mut m, "inv", "sheet", Hold::Source);
        assert!(data(&m).is_empty());
        assert_eq!(data_authority(&m), Some(100.0));
        assert_eq!(
            data_authority(&Model::new("e".into(), "E", m.created_at)),
            None
        );
    }

    fn flow(id: &str, from: &str, to: &str, carries: &[&str], how: Mechanism) -> Flow {
        Flow {
            id: id.into(),
            from: from.into(),
            to: to.into(),
            carries: carries.iter().map(|c| c.to_string()).collect(),
            mechanism: how,
            ..Default::default()
        }
    }

    #[test]
    fn flows_carry_data_between_owned_systems() {
        let mut m = model();
        hold(&mut m, "cust", "crm", Hold::Source);
        hold(&mut m, "inv", "crm", Hold::Source);
        m.flows = vec![
            flow("f1", "crm", "sheet", &[], Mechanism::Integration),
            flow("f2", "crm", "crm", &["cust"], Mechanism::Integration),
        ];
        let f: Vec<MapFinding> = check_all(&m)
            .into_iter()
            .filter(|f| matches!(f.subject, Subject::Flow(_)))
            .collect();
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(f[0].kind, MapFindingKind::FlowCarriesNothing);
        assert_eq!(
            f[0].message,
            "The flow from CRM to SHEET carries no data: say which data entities it moves."
        );
        assert_eq!(f[1].kind, MapFindingKind::FlowUnownedSystem);
        assert_eq!(f[1].node, "sheet");
        assert_eq!(
            f[1].message,
            "The flow from CRM to SHEET goes into SHEET, which nobody owns: nobody answers for what arrives or leaves there."
        );
        m.flows[0] = flow("f1", "sheet", "crm", &["inv"], Mechanism::Integration);
        let f = check_all(&m);
        assert!(f.iter().any(|f| f.kind == MapFindingKind::FlowUnownedSystem
            && f.message.contains("comes out of SHEET")));
    }

    #[test]
    fn manual_entry_away_from_the_source_is_a_note() {
        let mut m = model();
        m.elements[1].assignments.insert("fin".into(), Raci::A);
        hold(&mut m, "cust", "crm", Hold::Source);
        m.flows = vec![flow(
            "f",
            "crm",
            "sheet",
            &["cust", "inv"],
            Mechanism::ManualEntry,
        )];
        let notes: Vec<MapFinding> = check_all(&m)
            .into_iter()
            .filter(|f| f.kind == MapFindingKind::ManualCopy)
            .collect();
        // "inv" has no source of truth: that is its own finding, not this.
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].severity, Severity::Note);
        assert_eq!(notes[0].node, "sheet");
        assert_eq!(
            notes[0].message,
            "\u{201c}CUST\u{201d} is typed by hand into SHEET, though its source of truth is CRM: every manual copy is a place for the data to drift."
        );
        // Typed into its own source of truth: no drift.
        m.flows[0].to = "crm".into();
        m.flows[0].from = "sheet".into();
        assert!(!kinds(&m)
            .iter()
            .any(|(k, _)| *k == MapFindingKind::ManualCopy));
        // Moved by an integration: no note either.
        m.flows[0] = flow("f", "crm", "sheet", &["cust"], Mechanism::Integration);
        assert!(!kinds(&m)
            .iter()
            .any(|(k, _)| *k == MapFindingKind::ManualCopy));
    }

    #[test]
    fn processes_and_outcomes_find_each_other() {
        let mut m = model();
        use MapFindingKind::*;
        let k = kinds(&m);
        assert!(k.contains(&(OutcomeNotProduced, "out".into())));
        assert!(k.contains(&(ProcessNoOutcome, "proc".into())));
        let mut w = Workflow::new("proc".into());
        w.produces = vec!["out".into()];
        m.workflows.push(w);
        let k = kinds(&m);
        assert!(!k
            .iter()
            .any(|(k, _)| matches!(k, OutcomeNotProduced | ProcessNoOutcome)));
    }

    #[test]
    fn metrics_need_an_owner_a_definition_a_review_and_one_meaning() {
        let mut m = model();
        use MapFindingKind::*;
        m.metrics = vec![Metric::new("k1".into(), "Revenue")];
        assert_eq!(
            kinds(&m)
                .into_iter()
                .filter(|(_, n)| n == "k1")
                .map(|(k, _)| k)
                .collect::<Vec<_>>(),
            [MetricNoOwner, MetricNoDefinition, MetricNotReviewed]
        );
        assert_eq!(metric_governance(&m), Some(0.0));
        m.metrics[0].owner = Some("fin".into());
        m.metrics[0].definition = "Invoiced, net of credit notes.".into();
        let mut r = Review::new("rev".into(), "Monthly");
        r.metrics = vec!["k1".into()];
        m.reviews.push(r);
        assert!(kinds(&m).iter().all(|(_, n)| n != "k1"));
        assert_eq!(metric_governance(&m), Some(100.0));
        // A namesake with another definition: both are marked.
        let mut k2 = m.metrics[0].clone();
        k2.id = "k2".into();
        k2.name = " revenue ".into();
        k2.definition = "Cash received.".into();
        m.metrics.push(k2);
        m.reviews[0].metrics.push("k2".into());
        let clash: Vec<MapFinding> = check_all(&m)
            .into_iter()
            .filter(|f| f.kind == MetricNameClash)
            .collect();
        assert_eq!(clash.len(), 2);
        assert_eq!(
            clash[0].message,
            "2 metrics are called \u{201c}Revenue\u{201d} with different definitions: agree on one definition, or give them different names."
        );
        // The same definition twice is one number written twice: no clash.
        m.metrics[1].definition = "Invoiced, net of credit notes.".into();
        assert!(!kinds(&m).iter().any(|(k, _)| *k == MetricNameClash));
        assert_eq!(
            metric_governance(&Model::new("e".into(), "E", m.created_at)),
            None
        );
    }
}
