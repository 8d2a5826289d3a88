//! The execution model of a process or workflow element: how the work
//! really flows. A [`Workflow`] holds the process card (what starts it,
//! inputs and who supplies them, outputs and who receives them, exceptions
//! and who handles them, volume and time per run, the systems it runs on,
//! the workflows a process contains) and its ordered [`Stage`]s, each with
//! its performing role, entry and exit criteria, the systems and data it
//! uses and an optional decision point. Handoffs follow from the stages:
//! wherever a stage's role differs from the one before it, the work changes
//! hands, and [`Stage::handoff`] says what is passed on and what the
//! receiving role checks before it accepts.
//!
//! Everything is optional: an element with no workflow record, or an empty
//! one, is valid; the checks in [`checks`] say what is missing.

pub mod automation;
pub mod checks;

use serde::{Deserialize, Serialize};

use super::types::Id;

/// The description of one process or workflow element.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Workflow {
    /// The process or workflow element described (one record per element).
    pub element: Id,
    /// What starts it ("a customer places an order").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub trigger: String,
    /// What it needs, each with the role that supplies it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<Exchange>,
    /// What it produces, each with the role that receives it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<Exchange>,
    /// What can go wrong, who handles it and what is done.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<Exception>,
    /// How often it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<Volume>,
    /// People's time one run takes, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_per_run: Option<f64>,
    /// The system elements it runs on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub systems: Vec<Id>,
    /// For a process: the workflow elements it contains.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contains: Vec<Id>,
    /// For a process: the outcome elements it produces (version 3 on).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub produces: Vec<Id>,
    /// The stages, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Stage>,
    /// The team's tier of leverage, should it be automated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leverage: Option<Leverage>,
}

/// Something that goes in or comes out, and the role on the other side.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Exchange {
    pub what: String,
    /// Who supplies it (an input) or receives it (an output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Id>,
}

/// A case the normal flow does not cover.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Exception {
    /// When it happens ("the payment fails").
    pub condition: String,
    /// The role that handles it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Id>,
    /// What is done.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action: String,
}

/// How often the work runs: `runs` times per `per`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Volume {
    pub runs: f64,
    pub per: Period,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    Week,
    Month,
}

impl Period {
    /// How many of these a working year has: 250 working days, 50 working
    /// weeks, 12 months. Stated in the automation view and the README.
    pub fn per_year(self) -> f64 {
        match self {
            Period::Day => 250.0,
            Period::Week => 50.0,
            Period::Month => 12.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }
}

/// What automating the work would mainly bring (`004`'s tiers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Leverage {
    /// Hours of people's time given back.
    TimeRecovery,
    /// More work done without more people.
    CapacityExpansion,
    /// Revenue no longer lost to delays and mistakes.
    RevenueProtection,
}

impl Leverage {
    pub const ALL: [Leverage; 3] = [
        Leverage::TimeRecovery,
        Leverage::CapacityExpansion,
        Leverage::RevenueProtection,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Leverage::TimeRecovery => "Time recovery",
            Leverage::CapacityExpansion => "Capacity expansion",
            Leverage::RevenueProtection => "Revenue protection",
        }
    }
}

/// One step of the flow.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Stage {
    /// Unique within its workflow.
    pub id: Id,
    pub name: String,
    /// The one role that performs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Id>,
    /// What must be true before work enters the stage.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub entry: String,
    /// The quality standard that must be met before work moves on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub exit: String,
    /// System elements used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub systems: Vec<Id>,
    /// Data entities read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reads: Vec<Id>,
    /// Data entities written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub writes: Vec<Id>,
    /// How long it is expected to take, in words ("2 hours", "same day").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub duration: String,
    /// A decision of the decision-rights table made at this stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Id>,
    /// The handoff into this stage, when the stage before it has another
    /// role (kept when the roles later match, so nothing typed is lost).
    #[serde(default, skip_serializing_if = "Handoff::is_empty")]
    pub handoff: Handoff,
}

/// Work changing hands between two stages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Handoff {
    /// What is passed on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub passed: String,
    /// What the receiving role checks before it accepts the work.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub check: String,
}

impl Handoff {
    pub fn is_empty(&self) -> bool {
        self.passed.is_empty() && self.check.is_empty()
    }
}

/// `list` with `id` in it (`on`) or not, keeping the order of the others;
/// a newly ticked item goes last. (The pickers of a workflow's systems,
/// data and workflows.)
pub fn toggle(list: &mut Vec<Id>, id: Id, on: bool) {
    if !on {
        list.retain(|x| *x != id);
    } else if !list.contains(&id) {
        list.push(id);
    }
}

impl Workflow {
    /// An empty description of `element`.
    pub fn new(element: Id) -> Self {
        Workflow {
            element,
            ..Default::default()
        }
    }

    /// The stages at which the work changes hands: (index of the receiving
    /// stage). A handoff exists where both stages have a role and the roles
    /// differ.
    pub fn handoffs(&self) -> impl Iterator<Item = usize> + '_ {
        self.stages
            .windows(2)
            .enumerate()
            .filter_map(|(i, w)| match (&w[0].role, &w[1].role) {
                (Some(a), Some(b)) if a != b => Some(i + 1),
                _ => None,
            })
    }

    /// Runs in a working year, when the volume is stated.
    pub fn runs_per_year(&self) -> Option<f64> {
        self.volume.map(|v| v.runs * v.per.per_year())
    }

    /// People's hours one working year of runs takes: runs per year x
    /// minutes per run / 60.
    pub fn hours_per_year(&self) -> Option<f64> {
        Some(self.runs_per_year()? * self.minutes_per_run? / 60.0)
    }

    /// Every role, element and decision id it names, for removals.
    pub fn names_role(&self, id: &str) -> bool {
        let some = |r: &Option<Id>| r.as_deref() == Some(id);
        self.inputs.iter().any(|x| some(&x.role))
            || self.outputs.iter().any(|x| some(&x.role))
            || self.exceptions.iter().any(|x| some(&x.role))
            || self.stages.iter().any(|s| some(&s.role))
    }

    /// Whether it names the element `id` (other than as its own element).
    pub fn names_element(&self, id: &str) -> bool {
        let has = |list: &[Id]| list.iter().any(|x| x == id);
        has(&self.systems)
            || has(&self.contains)
            || has(&self.produces)
            || self
                .stages
                .iter()
                .any(|s| has(&s.systems) || has(&s.reads) || has(&s.writes))
    }

    /// Whether a stage makes the decision `id`.
    pub fn names_decision(&self, id: &str) -> bool {
        self.stages
            .iter()
            .any(|s| s.decision.as_deref() == Some(id))
    }

    /// Drops every reference to the role `id`.
    pub fn forget_role(&mut self, id: &str) {
        let clear = |r: &mut Option<Id>| {
            if r.as_deref() == Some(id) {
                *r = None;
            }
        };
        self.inputs.iter_mut().for_each(|x| clear(&mut x.role));
        self.outputs.iter_mut().for_each(|x| clear(&mut x.role));
        self.exceptions.iter_mut().for_each(|x| clear(&mut x.role));
        self.stages.iter_mut().for_each(|s| clear(&mut s.role));
    }

    /// Drops every reference to the element `id`.
    pub fn forget_element(&mut self, id: &str) {
        self.systems.retain(|x| x != id);
        self.contains.retain(|x| x != id);
        self.produces.retain(|x| x != id);
        for s in &mut self.stages {
            s.systems.retain(|x| x != id);
            s.reads.retain(|x| x != id);
            s.writes.retain(|x| x != id);
        }
    }

    /// Drops every reference to the decision `id`.
    pub fn forget_decision(&mut self, id: &str) {
        for s in &mut self.stages {
            if s.decision.as_deref() == Some(id) {
                s.decision = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn toggle_adds_last_and_removes_in_place() {
        let mut l = vec!["a".to_string(), "b".to_string()];
        toggle(&mut l, "c".into(), true);
        assert_eq!(l, ["a", "b", "c"]);
        toggle(&mut l, "a".into(), true);
        assert_eq!(l, ["a", "b", "c"], "ticking again changes nothing");
        toggle(&mut l, "b".into(), false);
        assert_eq!(l, ["a", "c"]);
        toggle(&mut l, "zz".into(), false);
        assert_eq!(l, ["a", "c"]);
    }
    use super::*;

    fn stage(id: &str, role: Option<&str>) -> Stage {
        Stage {
            id: id.into(),
            name: format!("Stage {id}"),
            role: role.map(Into::into),
            ..Default::default()
        }
    }

    #[test]
    fn handoffs_are_where_the_role_changes() {
        let mut w = Workflow::new("e".into());
        w.stages = vec![
            stage("s1", Some("a")),
            stage("s2", Some("a")),
            stage("s3", Some("b")),
            stage("s4", None),
            stage("s5", Some("a")),
            stage("s6", Some("c")),
        ];
        // s2 -> s3 (a to b) and s5 -> s6 (a to c); none into or out of a
        // stage with no role.
        assert_eq!(w.handoffs().collect::<Vec<_>>(), [2, 5]);
    }

    #[test]
    fn hours_per_year_is_volume_times_time() {
        let mut w = Workflow::new("e".into());
        assert_eq!(w.hours_per_year(), None);
        w.volume = Some(Volume {
            runs: 20.0,
            per: Period::Day,
        });
        assert_eq!(w.hours_per_year(), None, "no time per run yet");
        w.minutes_per_run = Some(12.0);
        // 20 x 250 days x 12 min / 60 = 1,000 hours.
        assert_eq!(w.hours_per_year(), Some(1000.0));
        w.volume = Some(Volume {
            runs: 3.0,
            per: Period::Month,
        });
        assert_eq!(w.hours_per_year(), Some(7.2));
    }

    #[test]
    fn forgetting_removes_every_reference() {
        let mut w = Workflow::new("e".into());
        w.systems = vec!["crm".into()];
        w.inputs = vec![Exchange {
            what: "Order".into(),
            role: Some("r".into()),
        }];
        let mut s = stage("s", Some("r"));
        s.reads = vec!["crm".into(), "db".into()];
        s.decision = Some("d".into());
        w.stages = vec![s];
        assert!(w.names_role("r") && w.names_element("crm") && w.names_decision("d"));
        w.forget_role("r");
        w.forget_element("crm");
        w.forget_decision("d");
        assert!(!w.names_role("r") && !w.names_element("crm") && !w.names_decision("d"));
        assert_eq!(w.stages[0].reads, ["db"]);
    }
}
