//! Which work to automate first. The dependency rule (white paper §2.5,
//! §3.4) decides readiness: work that is not standardized is never ranked
//! as ready, because automating it would automate its variance. Ready work
//! is ordered by the hours a year it would give back.
//!
//! The formula, as the view and the README state it:
//! - hours a year = runs a year x minutes per run / 60, where a day counts
//!   250 times a year, a week 50 and a month 12;
//! - a workflow element is **standardized** when its stages are written
//!   down with exit criteria on every one, exactly one role is accountable
//!   for it in the matrix, it has no open problem (no problem finding of
//!   its own, in the workflow or the ownership checks), and a review
//!   covers it;
//! - standardized workflows are ranked by hours a year, most first (ties:
//!   matrix order); each shows its exceptions as a caution: every exception
//!   is a branch an automation must handle or hand back to a person;
//! - the others are listed under "define it first", in matrix order, with
//!   what is missing.

use std::collections::{BTreeMap, BTreeSet};

use super::super::ownership;
use super::super::ownership::{FindingKind, Severity};
use super::super::types::{ElementKind, Id, Model};
use super::checks::{self, documented};
use super::{Leverage, Workflow};

/// Why a workflow is not ready to automate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Missing {
    /// No stages written down.
    Stages,
    /// A stage without exit criteria.
    ExitCriteria,
    /// No single accountable role in the matrix.
    Owner,
    /// Open problem findings.
    OpenProblems,
    /// No review covers it.
    Review,
}

impl Missing {
    /// What is missing, in words.
    pub fn text(self) -> &'static str {
        match self {
            Missing::Stages => "its stages are not written down",
            Missing::ExitCriteria => "a stage has no exit criteria",
            Missing::Owner => "it has no single accountable role",
            Missing::OpenProblems => "it has open problems",
            Missing::Review => "no review looks at it",
        }
    }
}

/// One workflow element in the automation view.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub element: Id,
    pub name: String,
    /// People's hours a year, when volume and time per run are stated.
    pub hours_per_year: Option<f64>,
    /// Exceptions written down: branches an automation must handle.
    pub exceptions: usize,
    pub leverage: Option<Leverage>,
    /// Empty when the workflow is standardized (ready).
    pub missing: Vec<Missing>,
}

impl Candidate {
    pub fn ready(&self) -> bool {
        self.missing.is_empty()
    }
}

/// The ranking: ready workflows by hours a year, then the ones to define
/// first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ranking {
    pub ready: Vec<Candidate>,
    pub define_first: Vec<Candidate>,
}

/// Ranks every workflow element of the model.
pub fn rank(model: &Model) -> Ranking {
    let ownership = ownership::check(model);
    let workflow_findings = checks::check_all(model);
    // No owner and shared ownership are said once, as `Missing::Owner`.
    let said_as_owner =
        |k: FindingKind| matches!(k, FindingKind::NoOwner | FindingKind::SharedOwnership);
    // Sets and maps, built once: a model of 500 workflows has thousands of
    // findings, and looking through them per element made the ranking
    // quadratic (7 ms natively for 500 workflows; the budget is 5).
    let mut with_problems: BTreeSet<&Id> = ownership
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Problem && !said_as_owner(f.kind))
        .filter_map(|f| f.element.as_ref())
        .collect();
    with_problems.extend(
        workflow_findings
            .iter()
            .filter(|f| f.severity == Severity::Problem)
            .map(|f| &f.element),
    );
    let reviewed: BTreeSet<&Id> = model.reviews.iter().flat_map(|r| &r.elements).collect();
    let workflows: BTreeMap<&str, &Workflow> = model
        .workflows
        .iter()
        .map(|w| (w.element.as_str(), w))
        .collect();
    let mut ranking = Ranking::default();
    for e in &model.elements {
        if e.kind != ElementKind::Workflow {
            continue;
        }
        let w = workflows.get(e.id.as_str()).copied();
        let mut missing = Vec::new();
        let doc = w.map(documented);
        if !doc.is_some_and(|d| d.has_stages) {
            missing.push(Missing::Stages);
        } else if !doc.is_some_and(|d| d.exit_everywhere) {
            missing.push(Missing::ExitCriteria);
        }
        let owners = e
            .assignments
            .values()
            .filter(|l| l.is_accountable())
            .count();
        if owners != 1 {
            missing.push(Missing::Owner);
        }
        if with_problems.contains(&e.id) {
            missing.push(Missing::OpenProblems);
        }
        if !reviewed.contains(&e.id) {
            missing.push(Missing::Review);
        }
        let candidate = Candidate {
            element: e.id.clone(),
            name: e.name.clone(),
            hours_per_year: w.and_then(|w| w.hours_per_year()),
            exceptions: w.map_or(0, |w| w.exceptions.len()),
            leverage: w.and_then(|w| w.leverage),
            missing,
        };
        if candidate.ready() {
            ranking.ready.push(candidate);
        } else {
            ranking.define_first.push(candidate);
        }
    }
    // Stable: equal hours keep matrix order; unknown hours go last.
    ranking.ready.sort_by(|a, b| {
        let hours = |c: &Candidate| c.hours_per_year.unwrap_or(-1.0);
        hours(b).total_cmp(&hours(a))
    });
    ranking
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_benchmark_model_is_valid_and_mixed() {
        use crate::model::testkit::workflows_model;
        use chrono::TimeZone;
        let now = chrono::Utc.with_ymd_and_hms(2026, 6, 10, 9, 0, 0).unwrap();
        let m = workflows_model(500, 8, 12, now);
        crate::model::validate(&m).expect("valid");
        let r = super::rank(&m);
        assert_eq!(r.ready.len() + r.define_first.len(), 500);
        // Half have no review; of the rest, every 10th has no owner and
        // every 7th misses an exit criterion.
        assert!(
            r.ready.len() > 150 && r.define_first.len() > 250,
            "{} ready",
            r.ready.len()
        );
    }

    use super::super::super::testkit::Kit;
    use super::super::super::types::*;
    use super::super::*;
    use super::*;
    use chrono::{TimeZone, Utc};
    use proptest::prelude::*;

    fn base(n: usize) -> Model {
        let mut m = Model::new(
            "m".into(),
            "M",
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        );
        m.add_role("a".into(), "Owner").unwrap();
        m.add_role("r".into(), "Doer").unwrap();
        for i in 0..n {
            let id = format!("w{i}");
            m.add_element(id.clone(), &format!("Flow {i}"), ElementKind::Workflow)
                .unwrap();
        }
        m
    }

    /// Makes workflow `i` standardized, with `runs` a day of `minutes`.
    fn standardize(m: &mut Model, i: usize, runs: f64, minutes: f64) {
        let id = format!("w{i}");
        m.set_assignment(&id, "a", Some(Raci::A)).unwrap();
        m.set_assignment(&id, "r", Some(Raci::R)).unwrap();
        let mut w = Workflow::new(id.clone());
        w.trigger = "Start".into();
        w.outputs = vec![Exchange {
            what: "Result".into(),
            role: None,
        }];
        w.stages = vec![Stage {
            id: "s".into(),
            name: "Do it".into(),
            role: Some("r".into()),
            exit: "Checked".into(),
            ..Default::default()
        }];
        w.volume = Some(Volume {
            runs,
            per: Period::Day,
        });
        w.minutes_per_run = Some(minutes);
        m.workflows.retain(|x| x.element != id);
        m.workflows.push(w);
        let mut review = Review::new(format!("v{i}"), "Weekly");
        review.elements.push(id);
        m.reviews.push(review);
    }

    #[test]
    fn ready_work_is_ranked_by_hours_and_the_rest_is_defined_first() {
        let mut m = base(4);
        standardize(&mut m, 0, 2.0, 30.0); // 250 h
        standardize(&mut m, 1, 10.0, 12.0); // 500 h
        standardize(&mut m, 3, 1.0, 6.0); // 25 h
        let r = rank(&m);
        let names: Vec<&str> = r.ready.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Flow 1", "Flow 0", "Flow 3"]);
        assert_eq!(r.ready[0].hours_per_year, Some(500.0));
        assert_eq!(r.define_first.len(), 1);
        assert_eq!(
            r.define_first[0].missing,
            // Open problems: nobody does the work ("no owner" is said once,
            // as Owner).
            [
                Missing::Stages,
                Missing::Owner,
                Missing::OpenProblems,
                Missing::Review
            ]
        );
    }

    #[test]
    fn each_missing_piece_keeps_a_workflow_out_of_ready() {
        type Case = (&'static str, fn(&mut Model), Missing);
        let cases: [Case; 4] = [
            (
                "no exit criteria",
                |m| m.workflows[0].stages[0].exit.clear(),
                Missing::ExitCriteria,
            ),
            (
                "two owners",
                |m| {
                    m.set_assignment("w0", "r", Some(Raci::A)).unwrap();
                },
                Missing::Owner,
            ),
            ("no review", |m| m.reviews.clear(), Missing::Review),
            (
                "an open problem",
                |m| m.workflows[0].trigger.clear(),
                Missing::OpenProblems,
            ),
        ];
        for (what, break_it, expected) in cases {
            let mut m = base(1);
            standardize(&mut m, 0, 5.0, 10.0);
            assert!(rank(&m).ready.len() == 1, "{what}: ready before");
            break_it(&mut m);
            let r = rank(&m);
            assert!(r.ready.is_empty(), "{what}");
            assert!(
                r.define_first[0].missing.contains(&expected),
                "{what}: {:?}",
                r.define_first[0].missing
            );
        }
    }

    /// A change that could break the ranking's promises.
    #[derive(Clone, Debug)]
    enum Change {
        AddExit(usize),
        MakeOwner(usize),
        Review(usize),
    }

    proptest! {
        /// An unstandardized workflow is never ready; adding exit criteria
        /// or an owner never lowers readiness (never moves a ready
        /// workflow out, never adds a missing piece).
        #[test]
        fn readiness_only_grows_with_definition(
            flags in prop::collection::vec((any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()), 1..6),
            changes in prop::collection::vec(prop_oneof![
                (0usize..6).prop_map(Change::AddExit),
                (0usize..6).prop_map(Change::MakeOwner),
                (0usize..6).prop_map(Change::Review),
            ], 0..6),
        ) {
            let mut m = base(flags.len());
            for (i, (stages, exit, owner, review)) in flags.iter().enumerate() {
                standardize(&mut m, i, 1.0 + i as f64, 10.0);
                let id = format!("w{i}");
                let w = m.workflows.iter_mut().find(|w| w.element == id).unwrap();
                if !stages { w.stages.clear(); }
                if !exit { w.stages.iter_mut().for_each(|s| s.exit.clear()); }
                if !owner { m.set_assignment(&id, "a", None).unwrap(); }
                if !review { m.reviews.retain(|r| !r.elements.contains(&id)); }
            }
            let mut before = rank(&m);
            for c in changes {
                let n = flags.len();
                match c {
                    Change::AddExit(i) => {
                        let id = format!("w{}", i % n);
                        if let Some(w) = m.workflows.iter_mut().find(|w| w.element == id) {
                            w.stages.iter_mut().for_each(|s| s.exit = "Done".into());
                        }
                    }
                    Change::MakeOwner(i) => {
                        let id = format!("w{}", i % n);
                        m.set_assignment(&id, "a", Some(Raci::A)).unwrap();
                    }
                    Change::Review(i) => {
                        let id = format!("w{}", i % n);
                        let mut r = Review::new(format!("extra{i}"), "Check");
                        r.elements.push(id);
                        m.reviews.retain(|x| x.id != format!("extra{i}"));
                        m.reviews.push(r);
                    }
                }
                let after = rank(&m);
                for c in &after.ready {
                    let w = m.workflow(&c.element).unwrap();
                    prop_assert!(documented(w).has_stages && documented(w).exit_everywhere);
                    let owners = m.element(&c.element).unwrap().assignments.values().filter(|l| l.is_accountable()).count();
                    prop_assert_eq!(owners, 1);
                }
                for c in &before.ready {
                    prop_assert!(after.ready.iter().any(|x| x.element == c.element), "{} left ready", c.name);
                }
                for c in &after.define_first {
                    if let Some(old) = before.define_first.iter().find(|x| x.element == c.element) {
                        prop_assert!(c.missing.iter().all(|m| old.missing.contains(m)), "{:?} -> {:?}", old.missing, c.missing);
                    }
                }
                before = after;
            }
        }
    }
}
