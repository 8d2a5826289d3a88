//! Small models for the tests of this module.

use crate::model::types::*;

/// A model with roles `r0`, `r1`, ... named as given, in that column order
/// (the same small model the governance tests start from).
pub use crate::model::governance::testutil::model;

/// A routine, reversible decision with individual authority and the given
/// letters (role index, letter).
pub fn decision(id: &str, name: &str, letters: &[(usize, &str)]) -> Decision {
    Decision {
        id: id.into(),
        name: name.into(),
        description: String::new(),
        significance: Significance::Routine,
        reversibility: Reversibility::Reversible,
        authority: Authority::default(),
        rights: letters
            .iter()
            .map(|&(role, letter)| (format!("r{role}"), letter.to_string()))
            .collect(),
        approvals: Vec::new(),
        escalations: Vec::new(),
        vetoes: Vec::new(),
        documentation: String::new(),
        elements: Vec::new(),
    }
}

pub fn approval(role: usize, when: &str) -> Approval {
    Approval {
        role: format!("r{role}"),
        when: when.into(),
    }
}

pub fn escalation(condition: &str, role: usize) -> Escalation {
    Escalation {
        condition: condition.into(),
        role: format!("r{role}"),
    }
}

pub fn veto(role: usize, circumstances: &str, record: &str) -> Veto {
    Veto {
        role: format!("r{role}"),
        circumstances: circumstances.into(),
        record: record.into(),
    }
}

pub fn conditional(condition: &str, threshold: Option<(f64, &str)>) -> Authority {
    Authority {
        kind: AuthorityKind::Conditional,
        condition: condition.into(),
        threshold: threshold.map(|(amount, unit)| Threshold {
            amount,
            unit: unit.into(),
        }),
    }
}

/// An element `id` with the given letters (role index, letter).
pub fn element(id: &str, name: &str, letters: &[(usize, Raci)]) -> Element {
    Element {
        id: id.into(),
        name: name.into(),
        kind: ElementKind::Process,
        description: String::new(),
        assignments: letters
            .iter()
            .map(|&(role, letter)| (format!("r{role}"), letter))
            .collect(),
    }
}
