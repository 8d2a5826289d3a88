//! The operating map: how the elements of a model connect (schema version 3
//! on). A data entity has a definition and the systems that hold it, exactly
//! one of them as its source of truth ([`DataEntity`]); data moves between
//! systems along [`Flow`]s; the figures the organization reviews are
//! [`Metric`]s, each with one owner role and the element it measures. The
//! process -> outcome and process -> workflow links live in the process's
//! [`Workflow`](super::workflow::Workflow) record (`produces`, `contains`),
//! the workflow -> system and -> data links in its stages.
//!
//! Everything is optional, as in a workflow: an entity with no record is
//! valid, and [`checks`] says what is missing. [`graph`] turns the whole
//! into the nodes and edges the map draws.

pub mod checks;
pub mod graph;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::types::{Id, Model};

/// How a system holds a data entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Hold {
    /// The authoritative record: when systems disagree, this one wins.
    Source,
    /// A copy kept for the system's own use.
    Copy,
}

impl Hold {
    pub const ALL: [Hold; 2] = [Hold::Source, Hold::Copy];

    /// The words shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Hold::Source => "Source of truth",
            Hold::Copy => "Copy",
        }
    }

    /// The word used in form values.
    pub fn key(self) -> &'static str {
        match self {
            Hold::Source => "source",
            Hold::Copy => "copy",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.key() == key)
    }
}

/// What a data entity means and where it lives: at most one record per data
/// element.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataEntity {
    /// The data element described.
    pub element: Id,
    /// What it means ("a customer is a company with a signed contract"),
    /// owned by the element's accountable role.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub definition: String,
    /// System element id -> how it holds the entity. A map, so a system
    /// holds it once; two sources of truth can be recorded (and are found).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub systems: BTreeMap<Id, Hold>,
}

impl DataEntity {
    /// An empty description of `element`.
    pub fn new(element: Id) -> Self {
        DataEntity {
            element,
            ..Default::default()
        }
    }

    /// The systems holding it as the source of truth, in id order.
    pub fn sources(&self) -> impl Iterator<Item = &Id> + '_ {
        self.systems
            .iter()
            .filter(|(_, h)| **h == Hold::Source)
            .map(|(s, _)| s)
    }
}

/// How data moves along a flow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Mechanism {
    /// Systems talk to each other (an API, a connector, a webhook).
    #[default]
    Integration,
    /// A file exported on a schedule and loaded at the other end.
    ScheduledExport,
    /// A person types or pastes it.
    ManualEntry,
    Other,
}

impl Mechanism {
    pub const ALL: [Mechanism; 4] = [
        Mechanism::Integration,
        Mechanism::ScheduledExport,
        Mechanism::ManualEntry,
        Mechanism::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Mechanism::Integration => "Integration",
            Mechanism::ScheduledExport => "Scheduled export",
            Mechanism::ManualEntry => "Manual entry",
            Mechanism::Other => "Other",
        }
    }

    /// The word used in files and form values.
    pub fn key(self) -> &'static str {
        match self {
            Mechanism::Integration => "integration",
            Mechanism::ScheduledExport => "scheduledExport",
            Mechanism::ManualEntry => "manualEntry",
            Mechanism::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// Data moving from one system to another.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Flow {
    pub id: Id,
    /// The system element the data leaves.
    pub from: Id,
    /// The system element it arrives in.
    pub to: Id,
    /// The data entity elements carried.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carries: Vec<Id>,
    #[serde(default)]
    pub mechanism: Mechanism,
    /// When it runs, in words ("on every change", "nightly").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub schedule: String,
    /// What is checked on arrival.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub validation: String,
}

/// A figure the organization reviews.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Metric {
    pub id: Id,
    pub name: String,
    /// What it means, in words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub definition: String,
    /// How it is calculated, from which data.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub calculation: String,
    /// The one role that owns its definition and calculation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    /// The element it measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures: Option<Id>,
    /// The target or threshold, in words ("under 2 days", "95%").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target: String,
}

impl Metric {
    /// A metric with a name and nothing else yet.
    pub fn new(id: Id, name: impl Into<String>) -> Self {
        Metric {
            id,
            name: name.into(),
            ..Default::default()
        }
    }

    /// It has a definition (a blank one defines nothing).
    pub fn defined(&self) -> bool {
        !self.definition.trim().is_empty()
    }

    /// Owned and defined: what the metric-governance figure counts (white
    /// paper §7.6, "documented definitions and designated owners").
    pub fn governed(&self) -> bool {
        self.owner.is_some() && self.defined()
    }
}

impl Flow {
    /// Whether it names the element `id` (as an end or as data carried).
    pub fn names_element(&self, id: &str) -> bool {
        self.from == id || self.to == id || self.carries.iter().any(|c| c == id)
    }
}

impl Model {
    /// The record of data element `id`, if it has one.
    pub fn data_entity(&self, id: &str) -> Option<&DataEntity> {
        self.data_entities.iter().find(|d| d.element == id)
    }

    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    pub fn flow(&self, id: &str) -> Option<&Flow> {
        self.flows.iter().find(|f| f.id == id)
    }

    /// Whether anything of the map names element `id` (other than a data
    /// record describing it).
    pub fn map_names_element(&self, id: &str) -> bool {
        self.data_entities
            .iter()
            .any(|d| d.element == id || d.systems.contains_key(id))
            || self.flows.iter().any(|f| f.names_element(id))
            || self
                .metrics
                .iter()
                .any(|m| m.measures.as_deref() == Some(id))
    }

    /// Drops every map reference to element `id`: its data record, its
    /// holdings, the flows into or out of it, the data it is carried as,
    /// the metrics' link to it.
    pub fn map_forget_element(&mut self, id: &str) {
        self.data_entities.retain(|d| d.element != id);
        for d in &mut self.data_entities {
            d.systems.remove(id);
        }
        self.flows.retain(|f| f.from != id && f.to != id);
        for f in &mut self.flows {
            f.carries.retain(|c| c != id);
        }
        for m in &mut self.metrics {
            if m.measures.as_deref() == Some(id) {
                m.measures = None;
            }
        }
    }

    /// Whether a metric is owned by role `id`.
    pub fn map_names_role(&self, id: &str) -> bool {
        self.metrics.iter().any(|m| m.owner.as_deref() == Some(id))
    }

    /// Drops every metric's ownership by role `id`.
    pub fn map_forget_role(&mut self, id: &str) {
        for m in &mut self.metrics {
            if m.owner.as_deref() == Some(id) {
                m.owner = None;
            }
        }
    }

    /// The reviews that look at metric `id`, in the model's order.
    pub fn reviews_of_metric<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a super::Review> {
        self.reviews
            .iter()
            .filter(move |r| r.metrics.iter().any(|m| m == id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap()
    }

    #[test]
    fn forgetting_an_element_drops_every_map_reference() {
        let mut m = Model::new("m".into(), "M", t0());
        let mut d = DataEntity::new("cust".into());
        d.systems.insert("crm".into(), Hold::Source);
        d.systems.insert("erp".into(), Hold::Copy);
        m.data_entities = vec![d, DataEntity::new("crm".into())];
        m.flows = vec![
            Flow {
                id: "f1".into(),
                from: "crm".into(),
                to: "erp".into(),
                carries: vec!["cust".into()],
                ..Default::default()
            },
            Flow {
                id: "f2".into(),
                from: "erp".into(),
                to: "bi".into(),
                carries: vec!["cust".into(), "inv".into()],
                ..Default::default()
            },
        ];
        let mut metric = Metric::new("k".into(), "Churn");
        metric.measures = Some("crm".into());
        m.metrics = vec![metric];
        assert!(m.map_names_element("crm"));
        m.map_forget_element("crm");
        assert!(!m.map_names_element("crm"));
        assert_eq!(m.data_entities.len(), 1);
        assert_eq!(
            m.data_entities[0].systems.keys().collect::<Vec<_>>(),
            ["erp"]
        );
        assert_eq!(m.flows.len(), 1, "the flow out of the CRM goes");
        m.map_forget_element("cust");
        assert!(m.data_entities.is_empty());
        assert_eq!(m.flows[0].carries, ["inv"]);
    }

    #[test]
    fn a_metric_is_governed_when_owned_and_defined() {
        let mut k = Metric::new("k".into(), "Churn");
        assert!(!k.governed());
        k.owner = Some("r".into());
        k.definition = "  ".into();
        assert!(!k.governed(), "a blank definition defines nothing");
        k.definition = "Customers lost in the month / customers at its start.".into();
        assert!(k.governed());
    }

    #[test]
    fn keys_round_trip() {
        for h in Hold::ALL {
            assert_eq!(Hold::from_key(h.key()), Some(h));
        }
        for x in Mechanism::ALL {
            assert_eq!(Mechanism::from_key(x.key()), Some(x));
            let json = serde_json::to_string(&x).unwrap();
            assert_eq!(json, format!("\"{}\"", x.key()), "the file word is the key");
        }
    }
}

#[cfg(test)]
mod sample_tests;
