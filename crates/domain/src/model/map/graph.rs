//! The map as nodes and edges: the organization's own layers (metrics and
//! outcomes on top, then processes and workflows, and at the foundation data
//! entities and the systems that hold them), each node with its owner and
//! its gaps, each edge a connection the model records. Pure data for the
//! drawing (`charts::map`) and its table alternative.

use std::collections::{BTreeMap, BTreeSet};

use super::super::types::{Element, ElementKind, Id, Model};
use super::checks::MapFinding;
use super::{Hold, Mechanism};

/// A row of the map, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    Metric,
    Outcome,
    Process,
    Workflow,
    Data,
    System,
}

/// A set of layers, a bit each (a `BTreeSet<Layer>` was 9 KB of wasm).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayerSet(u8);

impl LayerSet {
    /// Every layer.
    pub const ALL: LayerSet = LayerSet(0b11_1111);

    /// Whether `l` is in the set.
    pub fn contains(&self, l: &Layer) -> bool {
        self.0 & (1 << *l as u8) != 0
    }

    /// Adds `l`.
    pub fn insert(&mut self, l: Layer) {
        self.0 |= 1 << l as u8
    }

    /// Takes `l` out.
    pub fn remove(&mut self, l: &Layer) {
        self.0 &= !(1 << *l as u8)
    }
}

impl Layer {
    /// Top to bottom.
    pub const ALL: [Layer; 6] = [
        Layer::Metric,
        Layer::Outcome,
        Layer::Process,
        Layer::Workflow,
        Layer::Data,
        Layer::System,
    ];

    /// The row's name, plural.
    pub fn label(self) -> &'static str {
        match self {
            Layer::Metric => "Metrics",
            Layer::Outcome => "Outcomes",
            Layer::Process => "Processes",
            Layer::Workflow => "Workflows",
            Layer::Data => "Data entities",
            Layer::System => "Systems",
        }
    }

    /// One node's kind, in words.
    pub fn singular(self) -> &'static str {
        match self {
            Layer::Metric => "Metric",
            Layer::Outcome => "Outcome",
            Layer::Process => "Process",
            Layer::Workflow => "Workflow",
            Layer::Data => "Data entity",
            Layer::System => "System",
        }
    }

    /// The word used in form values and the drawing's attributes.
    pub fn key(self) -> &'static str {
        match self {
            Layer::Metric => "metric",
            Layer::Outcome => "outcome",
            Layer::Process => "process",
            Layer::Workflow => "workflow",
            Layer::Data => "data",
            Layer::System => "system",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.key() == key)
    }

    fn of(kind: ElementKind) -> Self {
        match kind {
            ElementKind::Process => Layer::Process,
            ElementKind::Workflow => Layer::Workflow,
            ElementKind::Data => Layer::Data,
            ElementKind::System => Layer::System,
            ElementKind::Outcome => Layer::Outcome,
        }
    }
}

/// Who owns a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    Nobody,
    One(String),
    /// Several roles hold the A: the names.
    Several(Vec<String>),
}

impl Owner {
    /// In words, for the node's second line.
    pub fn text(&self) -> String {
        match self {
            Owner::Nobody => "No owner".into(),
            Owner::One(name) => name.clone(),
            Owner::Several(names) => format!("{} owners", names.len()),
        }
    }
}

/// One box of the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The element's or the metric's id.
    pub id: Id,
    pub layer: Layer,
    pub name: String,
    pub owner: Owner,
    /// What is missing here, in sentences (ownership gaps first).
    pub gaps: Vec<String>,
}

/// What an edge says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// A metric measures an element.
    Measures,
    /// A process produces an outcome.
    Produces,
    /// A process contains a workflow.
    Contains,
    /// A process or workflow runs on a system.
    RunsOn,
    /// A process or workflow reads or writes a data entity.
    Uses,
    /// A data entity's source of truth.
    Source,
    /// A system holds a copy of a data entity.
    Copy,
    /// Data moves from one system to another.
    Flow,
}

impl EdgeKind {
    /// The word used in the drawing's attributes.
    pub fn key(self) -> &'static str {
        match self {
            EdgeKind::Measures => "measures",
            EdgeKind::Produces => "produces",
            EdgeKind::Contains => "contains",
            EdgeKind::RunsOn => "runsOn",
            EdgeKind::Uses => "uses",
            EdgeKind::Source => "source",
            EdgeKind::Copy => "copy",
            EdgeKind::Flow => "flow",
        }
    }

    /// The connection in words, from the first node's side.
    pub fn verb(self) -> &'static str {
        match self {
            EdgeKind::Measures => "measures",
            EdgeKind::Produces => "produces",
            EdgeKind::Contains => "contains",
            EdgeKind::RunsOn => "runs on",
            EdgeKind::Uses => "uses",
            EdgeKind::Source => "has its source of truth in",
            EdgeKind::Copy => "is copied in",
            EdgeKind::Flow => "sends data to",
        }
    }
}

/// One connection. For a flow, `id` is the flow's id and `label` says what
/// it carries and how; for "uses", whether it reads, writes or both.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub from: Id,
    pub to: Id,
    pub kind: EdgeKind,
    pub id: Option<Id>,
    pub label: String,
    /// The flow has findings of its own (a dashed line and a mark).
    pub flagged: bool,
}

/// What the map shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapFilter {
    /// Only what this role owns or touches: a letter on the element in the
    /// matrix, or the ownership of a metric.
    pub role: Option<Id>,
    /// The rows shown.
    pub layers: LayerSet,
}

impl Default for MapFilter {
    fn default() -> Self {
        MapFilter {
            role: None,
            layers: LayerSet::ALL,
        }
    }
}

/// The map of a model.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapGraph {
    /// In the model's order within each layer (the drawing reorders them
    /// to keep crossings few).
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl MapGraph {
    /// The nodes of one layer.
    pub fn layer(&self, layer: Layer) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(move |n| n.layer == layer)
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
}

/// Who owns `e`: the roles holding its A, in the model's role order.
pub fn owner(model: &Model, e: &Element) -> Owner {
    let names: Vec<String> = model
        .roles
        .iter()
        .filter(|r| e.assignments.get(&r.id).is_some_and(|l| l.is_accountable()))
        .map(|r| r.name.clone())
        .collect();
    match names.len() {
        0 => Owner::Nobody,
        1 => Owner::One(names.into_iter().next().unwrap_or_default()),
        _ => Owner::Several(names),
    }
}

/// The map of `model` under `filter`, with `findings` (the map's checks)
/// marked on their nodes. Edges join shown nodes only.
pub fn graph(model: &Model, findings: &[MapFinding], filter: &MapFilter) -> MapGraph {
    let role_name = |id: &str| {
        model
            .role(id)
            .map_or_else(|| id.to_string(), |r| r.name.clone())
    };
    let touches = |e: &Element| {
        filter
            .role
            .as_ref()
            .is_none_or(|r| e.assignments.contains_key(r))
    };
    let mut gaps: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for f in findings {
        gaps.entry(f.node.as_str())
            .or_default()
            .push(f.message.clone());
    }
    let mut nodes = Vec::new();
    if filter.layers.contains(&Layer::Metric) {
        for m in &model.metrics {
            let mine = filter
                .role
                .as_ref()
                .is_none_or(|r| m.owner.as_ref() == Some(r));
            if mine {
                nodes.push(Node {
                    id: m.id.clone(),
                    layer: Layer::Metric,
                    name: m.name.clone(),
                    owner: m
                        .owner
                        .as_deref()
                        .map_or(Owner::Nobody, |r| Owner::One(role_name(r))),
                    gaps: gaps.remove(m.id.as_str()).unwrap_or_default(),
                });
            }
        }
    }
    for e in &model.elements {
        let layer = Layer::of(e.kind);
        if !filter.layers.contains(&layer) || !touches(e) {
            continue;
        }
        let owner = owner(model, e);
        let mut node_gaps = match &owner {
            Owner::Nobody => vec![format!("Nobody owns \u{201c}{}\u{201d}.", e.name)],
            Owner::Several(names) => vec![format!(
                "{} roles own \u{201c}{}\u{201d} ({}).",
                names.len(),
                e.name,
                names.join(", ")
            )],
            Owner::One(_) => Vec::new(),
        };
        node_gaps.extend(gaps.remove(e.id.as_str()).unwrap_or_default());
        nodes.push(Node {
            id: e.id.clone(),
            layer,
            name: e.name.clone(),
            owner,
            gaps: node_gaps,
        });
    }
    // Layers top to bottom, the model's order within each.
    crate::model::sort::sort_by_key(&mut nodes, |n| n.layer);

    let shown = super::checks::str_set(nodes.iter().map(|n| n.id.as_str()).collect());
    let flagged_flows = super::checks::str_set(
        findings
            .iter()
            .filter_map(|f| match &f.subject {
                super::checks::Subject::Flow(id) => Some(id.as_str()),
                _ => None,
            })
            .collect(),
    );
    let mut edges = Vec::new();
    let mut seen: BTreeSet<(String, String, EdgeKind)> = BTreeSet::new();
    let mut edge = |from: &str, to: &str, kind: EdgeKind, id: Option<&Id>, label: String| {
        if from == to && kind != EdgeKind::Flow || !shown.contains(from) || !shown.contains(to) {
            return;
        }
        // One line per pair and kind, except flows, each of which is one.
        if kind != EdgeKind::Flow && !seen.insert((from.into(), to.into(), kind)) {
            return;
        }
        edges.push(Edge {
            from: from.into(),
            to: to.into(),
            kind,
            id: id.cloned(),
            label,
            flagged: id.is_some_and(|id| flagged_flows.contains(id.as_str())),
        });
    };
    for m in &model.metrics {
        if let Some(e) = &m.measures {
            edge(&m.id, e, EdgeKind::Measures, None, String::new());
        }
    }
    for w in &model.workflows {
        for o in &w.produces {
            edge(&w.element, o, EdgeKind::Produces, None, String::new());
        }
        for c in &w.contains {
            edge(&w.element, c, EdgeKind::Contains, None, String::new());
        }
        let mut runs_on: Vec<&Id> = w.systems.iter().collect();
        let mut uses: BTreeMap<&Id, (bool, bool)> = BTreeMap::new();
        for s in &w.stages {
            runs_on.extend(&s.systems);
            for d in &s.reads {
                uses.entry(d).or_default().0 = true;
            }
            for d in &s.writes {
                uses.entry(d).or_default().1 = true;
            }
        }
        for s in runs_on {
            edge(&w.element, s, EdgeKind::RunsOn, None, String::new());
        }
        // Data in the order the stages first name it would be nicer, but
        // the map reorders nodes anyway; id order keeps this stable.
        for (d, (reads, writes)) in uses {
            let label = match (reads, writes) {
                (true, true) => "reads and writes",
                (true, false) => "reads",
                _ => "writes",
            };
            edge(&w.element, d, EdgeKind::Uses, None, label.into());
        }
    }
    for d in &model.data_entities {
        for (system, hold) in &d.systems {
            let kind = match hold {
                Hold::Source => EdgeKind::Source,
                Hold::Copy => EdgeKind::Copy,
            };
            edge(&d.element, system, kind, None, String::new());
        }
    }
    for f in &model.flows {
        let carried: Vec<&str> = f
            .carries
            .iter()
            .map(|c| model.element(c).map_or(c.as_str(), |e| e.name.as_str()))
            .collect();
        let what = if carried.is_empty() {
            "nothing named".to_string()
        } else {
            carried.join(", ")
        };
        let how = match f.mechanism {
            Mechanism::Other => String::new(),
            m => format!(", {}", m.label().to_lowercase()),
        };
        edge(
            &f.from,
            &f.to,
            EdgeKind::Flow,
            Some(&f.id),
            format!("{what}{how}"),
        );
    }
    MapGraph { nodes, edges }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::map::checks::check_all;
    use crate::model::map::{DataEntity, Flow, Metric};
    use crate::model::{Raci, Role, Stage, Workflow};

    fn model() -> Model {
        let mut m = Model::new(
            "m".into(),
            "M",
            chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap(),
        );
        for (id, name) in [("fin", "Finance Lead"), ("ops", "Ops Lead")] {
            m.roles.push(Role {
                id: id.into(),
                name: name.into(),
                description: String::new(),
                holder: None,
            });
        }
        let el = |id: &str, kind, cells: &[(&str, Raci)]| Element {
            id: id.into(),
            name: id.to_uppercase(),
            kind,
            description: String::new(),
            assignments: cells.iter().map(|(r, l)| (r.to_string(), *l)).collect(),
        };
        m.elements = vec![
            el("crm", ElementKind::System, &[("ops", Raci::A)]),
            el("bill", ElementKind::System, &[("fin", Raci::A)]),
            el(
                "cust",
                ElementKind::Data,
                &[("fin", Raci::A), ("ops", Raci::A)],
            ),
            el("out", ElementKind::Outcome, &[("ops", Raci::A)]),
            el("proc", ElementKind::Process, &[("ops", Raci::A)]),
            el(
                "wf",
                ElementKind::Workflow,
                &[("ops", Raci::A), ("fin", Raci::C)],
            ),
        ];
        let mut p = Workflow::new("proc".into());
        p.produces = vec!["out".into()];
        p.contains = vec!["wf".into()];
        let mut w = Workflow::new("wf".into());
        w.stages = vec![Stage {
            id: "s".into(),
            name: "S".into(),
            systems: vec!["crm".into()],
            reads: vec!["cust".into()],
            writes: vec!["cust".into()],
            ..Default::default()
        }];
        m.workflows = vec![p, w];
        let mut d = DataEntity::new("cust".into());
        d.systems.insert("crm".into(), Hold::Source);
        d.systems.insert("bill".into(), Hold::Copy);
        m.data_entities = vec![d];
        m.flows = vec![Flow {
            id: "f".into(),
            from: "crm".into(),
            to: "bill".into(),
            carries: vec!["cust".into()],
            mechanism: Mechanism::ManualEntry,
            ..Default::default()
        }];
        let mut k = Metric::new("k".into(), "Churn");
        k.owner = Some("fin".into());
        k.measures = Some("out".into());
        m.metrics = vec![k];
        m
    }

    #[test]
    fn every_connection_is_an_edge_between_layers_top_to_bottom() {
        let m = model();
        let g = graph(&m, &check_all(&m), &MapFilter::default());
        let layers: Vec<Layer> = g.nodes.iter().map(|n| n.layer).collect();
        assert_eq!(
            layers,
            [
                Layer::Metric,
                Layer::Outcome,
                Layer::Process,
                Layer::Workflow,
                Layer::Data,
                Layer::System,
                Layer::System
            ]
        );
        let edges: Vec<(&str, &str, EdgeKind, &str)> = g
            .edges
            .iter()
            .map(|e| (e.from.as_str(), e.to.as_str(), e.kind, e.label.as_str()))
            .collect();
        assert_eq!(
            edges,
            [
                ("k", "out", EdgeKind::Measures, ""),
                ("proc", "out", EdgeKind::Produces, ""),
                ("proc", "wf", EdgeKind::Contains, ""),
                ("wf", "crm", EdgeKind::RunsOn, ""),
                ("wf", "cust", EdgeKind::Uses, "reads and writes"),
                ("cust", "bill", EdgeKind::Copy, ""),
                ("cust", "crm", EdgeKind::Source, ""),
                ("crm", "bill", EdgeKind::Flow, "CUST, manual entry"),
            ]
        );
        assert_eq!(
            g.node("k").unwrap().owner,
            Owner::One("Finance Lead".into())
        );
        let cust = g.node("cust").unwrap();
        assert_eq!(cust.owner.text(), "2 owners");
        assert_eq!(
            cust.gaps,
            ["2 roles own \u{201c}CUST\u{201d} (Finance Lead, Ops Lead)."]
        );
        // The manual copy into the billing system is marked there.
        assert_eq!(g.node("bill").unwrap().gaps.len(), 1);
        assert!(g.edges[7].flagged);
    }

    #[test]
    fn a_role_filter_leaves_what_the_role_owns_or_touches() {
        let m = model();
        let filter = MapFilter {
            role: Some("fin".into()),
            ..Default::default()
        };
        let g = graph(&m, &[], &filter);
        let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["k", "wf", "cust", "bill"]);
        let edges: Vec<(&str, &str)> = g
            .edges
            .iter()
            .map(|e| (e.from.as_str(), e.to.as_str()))
            .collect();
        assert_eq!(edges, [("wf", "cust"), ("cust", "bill")]);
    }

    #[test]
    fn a_layer_filter_hides_rows_and_their_edges() {
        let m = model();
        let mut filter = MapFilter::default();
        filter.layers.remove(&Layer::Data);
        filter.layers.remove(&Layer::Metric);
        let g = graph(&m, &[], &filter);
        assert!(g.nodes.iter().all(|n| n.layer != Layer::Data));
        assert!(g.edges.iter().all(|e| e.from != "cust" && e.to != "cust"));
        assert_eq!(g.edges.len(), 4, "{:#?}", g.edges);
    }
}
