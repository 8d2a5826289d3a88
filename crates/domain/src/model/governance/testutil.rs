//! Small hand-built models for the governance tests.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::model::types::*;

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// An empty model with the given roles (ids r0, r1, ... in order).
pub fn model(roles: &[&str]) -> Model {
    let mut m = Model::new("m".into(), "M", at(2026, 1, 1, 0, 0));
    for (i, name) in roles.iter().enumerate() {
        m.roles.push(Role {
            id: format!("r{i}"),
            name: name.to_string(),
            description: String::new(),
            holder: None,
        });
    }
    m
}

pub fn element(m: &mut Model, id: &str, name: &str, letters: &[(&str, Raci)]) {
    m.elements.push(Element {
        id: id.into(),
        name: name.into(),
        kind: ElementKind::Process,
        description: String::new(),
        assignments: letters.iter().map(|&(r, l)| (r.to_string(), l)).collect(),
    });
}

pub fn decision(m: &mut Model, id: &str, name: &str, rights: &[(&str, &str)], elements: &[&str]) {
    m.decisions.push(Decision {
        id: id.into(),
        name: name.into(),
        description: String::new(),
        significance: Significance::Routine,
        reversibility: Reversibility::Reversible,
        authority: Authority::default(),
        rights: rights
            .iter()
            .map(|&(r, l)| (r.to_string(), l.to_string()))
            .collect(),
        approvals: vec![],
        escalations: vec![],
        vetoes: vec![],
        documentation: String::new(),
        elements: elements.iter().map(|s| s.to_string()).collect(),
    });
}

pub fn review(
    id: &str,
    name: &str,
    cadence: Cadence,
    owner: Option<&str>,
    elements: &[&str],
    last_held: Option<NaiveDate>,
) -> Review {
    Review {
        id: id.into(),
        name: name.into(),
        level: ReviewLevel::Tactical,
        cadence,
        owner: owner.map(Into::into),
        elements: elements.iter().map(|s| s.to_string()).collect(),
        metrics: vec!["Something measured".into()],
        last_held,
    }
}

/// A correction whose history is the given steps (status, date).
pub fn correction(
    id: &str,
    review: Option<&str>,
    due: Option<NaiveDate>,
    steps: &[(CorrectionStatus, NaiveDate)],
) -> Correction {
    Correction {
        id: id.into(),
        finding: format!("Finding {id}"),
        review: review.map(Into::into),
        owner: Some("r0".into()),
        due,
        status: steps.last().map(|s| s.0).unwrap_or_default(),
        history: steps
            .iter()
            .map(|&(status, on)| StatusChange {
                status,
                on,
                note: String::new(),
            })
            .collect(),
    }
}
