//! Which item an edit changes, so that views keeping one signal per item
//! (a grid row per element) can update that item alone after an edit
//! instead of comparing every item of the model with its signal.
//!
//! Only edits that change one element, role or decision in place (no item
//! added, removed or moved, nothing else changed) name it; anything else
//! is "unknown", and views then compare everything, as they would without
//! this.

use std::collections::VecDeque;

use super::history::Op;
use super::Id;

/// What an edit changed among the model's elements, roles and decisions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Touched {
    /// None of them (the model's name, reviews, corrections, assessments,
    /// snapshots).
    Nothing,
    Element(Id),
    Role(Id),
    Decision(Id),
}

impl Op {
    /// What this edit changes, or `None` when it may change several items
    /// or the lists themselves (adds, removals, moves, batches, restores).
    pub fn touches(&self) -> Option<Touched> {
        Some(match self {
            Op::RenameModel(_)
            | Op::AddReview { .. }
            | Op::RemoveReview { .. }
            | Op::SetReview(_)
            | Op::AddCorrection { .. }
            | Op::RemoveCorrection { .. }
            | Op::SetCorrection(_)
            | Op::PutAssessment(_)
            | Op::RemoveAssessment { .. }
            | Op::SetSnapshots(_)
            | Op::SetDataEntity(_)
            | Op::AddDataEntity { .. }
            | Op::RemoveDataEntity { .. }
            | Op::AddFlow { .. }
            | Op::RemoveFlow { .. }
            | Op::SetFlow(_)
            | Op::AddMetric { .. }
            | Op::RemoveMetric { .. }
            | Op::SetMetric(_) => Touched::Nothing,
            Op::RenameRole { id, .. }
            | Op::SetRoleHolder { id, .. }
            | Op::SetRoleDescription { id, .. } => Touched::Role(id.clone()),
            Op::RenameElement { id, .. }
            | Op::SetElementKind { id, .. }
            | Op::SetElementDescription { id, .. } => Touched::Element(id.clone()),
            Op::SetAssignment { element, .. } => Touched::Element(element.clone()),
            Op::SetWorkflow(w) | Op::AddWorkflow { workflow: w, .. } => {
                Touched::Element(w.element.clone())
            }
            Op::RemoveWorkflow { element } => Touched::Element(element.clone()),
            Op::SetDecision(d) => Touched::Decision(d.id.clone()),
            Op::SetRight { decision, .. } => Touched::Decision(decision.clone()),
            Op::AddRole { .. }
            | Op::RemoveRole { .. }
            | Op::MoveRole { .. }
            | Op::AddElement { .. }
            | Op::RemoveElement { .. }
            | Op::MoveElement { .. }
            | Op::AddDecision { .. }
            | Op::RemoveDecision { .. }
            | Op::MoveDecision { .. }
            | Op::SetVocabulary { .. }
            | Op::Batch(_)
            | Op::Restore(_) => return None,
        })
    }
}

/// How many recent changes are remembered; a view further behind compares
/// everything.
const KEPT: usize = 64;

/// The model's recent changes, numbered: a view remembers the number it
/// last caught up with and asks what changed since.
#[derive(Clone, Debug, Default)]
pub struct ChangeLog {
    revision: u64,
    recent: VecDeque<(u64, Option<Touched>)>,
}

impl ChangeLog {
    /// The number of the latest change.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Notes a change of the model: `None` when what it changed is not
    /// known (undo, a version from another tab, another model opened).
    pub fn record(&mut self, touched: Option<Touched>) {
        self.revision += 1;
        self.recent.push_back((self.revision, touched));
        if self.recent.len() > KEPT {
            self.recent.pop_front();
        }
    }

    /// What changed after revision `since`, each item once, or `None` when
    /// that is not known: a change of unknown reach among them, changes
    /// forgotten, or none recorded at all (the model changed without a
    /// record, so the caller must not assume nothing did).
    pub fn since(&self, since: u64) -> Option<Vec<Touched>> {
        if since >= self.revision {
            return None;
        }
        let first = self.recent.front().map_or(u64::MAX, |(r, _)| *r);
        if since + 1 < first {
            return None;
        }
        let mut out: Vec<Touched> = Vec::new();
        for (_, touched) in self.recent.iter().filter(|(r, _)| *r > since) {
            let touched = touched.as_ref()?;
            if *touched != Touched::Nothing && !out.contains(touched) {
                out.push(touched.clone());
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::governance::testutil::{decision, element, model as with_roles};
    use crate::model::{ElementKind, Model, Raci};

    /// Roles r0 and r1, elements e1 and e2, decision d1.
    fn model() -> Model {
        let mut m = with_roles(&["Lead", "Ops"]);
        element(&mut m, "e1", "Billing", &[("r0", Raci::A)]);
        element(&mut m, "e2", "Support", &[]);
        decision(&mut m, "d1", "Refund", &[("r0", "A")], &[]);
        m
    }

    /// Every item of the three lists other than `except`, as text.
    fn others(m: &Model, except: &Touched) -> Vec<String> {
        let keep = |t: Touched| t != *except;
        let mut out = Vec::new();
        out.extend(
            m.elements
                .iter()
                .filter(|e| keep(Touched::Element(e.id.clone())))
                .map(|e| format!("{e:?}")),
        );
        out.extend(
            m.roles
                .iter()
                .filter(|r| keep(Touched::Role(r.id.clone())))
                .map(|r| format!("{r:?}")),
        );
        out.extend(
            m.decisions
                .iter()
                .filter(|d| keep(Touched::Decision(d.id.clone())))
                .map(|d| format!("{d:?}")),
        );
        out
    }

    #[test]
    fn an_edit_that_names_an_item_changes_nothing_else_in_the_lists() {
        let m = model();
        let mut changed_decision = m.decisions[0].clone();
        changed_decision.name = "Refund a customer".into();
        let edits = [
            Op::SetAssignment {
                element: "e1".into(),
                role: "r1".into(),
                letter: Some(Raci::A),
            },
            Op::RenameElement {
                id: "e2".into(),
                name: "Helpdesk".into(),
            },
            Op::SetElementKind {
                id: "e2".into(),
                kind: ElementKind::System,
            },
            Op::SetElementDescription {
                id: "e1".into(),
                text: "Invoices out".into(),
            },
            Op::RenameRole {
                id: "r0".into(),
                name: "Head".into(),
            },
            Op::SetRoleHolder {
                id: "r1".into(),
                holder: Some("Sam".into()),
            },
            Op::SetRoleDescription {
                id: "r1".into(),
                text: "Runs things".into(),
            },
            Op::SetRight {
                decision: "d1".into(),
                role: "r1".into(),
                letter: Some("C".into()),
            },
            Op::SetDecision(Box::new(changed_decision)),
            Op::RenameModel("Renamed".into()),
        ];
        for op in edits {
            let touched = op.touches().expect("a single-item edit names it");
            let mut after = m.clone();
            after.apply(op.clone()).unwrap();
            assert_ne!(after, m, "{op:?} changes the model");
            assert_eq!(others(&after, &touched), others(&m, &touched), "{op:?}");
        }
    }

    #[test]
    fn list_changes_are_of_unknown_reach() {
        let m = model();
        for op in [
            Op::RemoveRole { id: "r0".into() },
            Op::MoveElement {
                id: "e1".into(),
                to: 1,
            },
            Op::RemoveElement { id: "e2".into() },
            Op::Batch(vec![]),
            Op::Restore(Box::new(m.clone())),
        ] {
            assert_eq!(op.touches(), None, "{op:?}");
        }
    }

    #[test]
    fn the_log_says_what_changed_since_a_revision_or_that_it_cannot() {
        let mut log = ChangeLog::default();
        assert_eq!(log.since(0), None, "nothing recorded: unknown");
        log.record(Some(Touched::Element("e1".into())));
        log.record(Some(Touched::Nothing));
        log.record(Some(Touched::Element("e1".into())));
        log.record(Some(Touched::Role("r0".into())));
        assert_eq!(
            log.since(0),
            Some(vec![
                Touched::Element("e1".into()),
                Touched::Role("r0".into())
            ])
        );
        assert_eq!(log.since(3), Some(vec![Touched::Role("r0".into())]));
        assert_eq!(
            log.since(4),
            None,
            "caught up: a new change was not recorded"
        );
        log.record(None);
        assert_eq!(log.since(3), None, "an undo among them");
        assert_eq!(log.revision(), 5);
        for _ in 0..KEPT {
            log.record(Some(Touched::Nothing));
        }
        assert_eq!(log.since(4), None, "forgotten");
        assert_eq!(log.since(log.revision() - 1), Some(vec![]));
    }
}
