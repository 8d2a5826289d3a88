//! Edits keep a model valid.

use chrono::{TimeZone, Utc};
use opmodel::model::*;

fn model() -> Model {
    let mut m = Model::new(
        "m".into(),
        "M",
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
    );
    m.add_role("r1".into(), "Owner").unwrap();
    m.add_role("r2".into(), "Doer").unwrap();
    m.add_element("e1".into(), "Billing", ElementKind::Process)
        .unwrap();
    m.set_assignment("e1", "r1", Some(Raci::A)).unwrap();
    m.set_assignment("e1", "r2", Some(Raci::R)).unwrap();
    m
}

#[test]
fn names_are_trimmed_and_never_empty() {
    let mut m = model();
    assert_eq!(m.rename("   "), Err(EditError::EmptyName));
    assert_eq!(m.name, "M");
    m.rename("  Acme  ").unwrap();
    assert_eq!(m.name, "Acme");
    assert_eq!(
        m.rename_role("r1", &"x".repeat(201)),
        Err(EditError::NameTooLong)
    );
    assert_eq!(
        m.add_element("e2".into(), "", ElementKind::Data),
        Err(EditError::EmptyName)
    );
}

#[test]
fn removing_a_role_removes_every_reference_to_it() {
    let mut m = model();
    m.decisions.push(Decision {
        id: "d1".into(),
        name: "D".into(),
        description: String::new(),
        significance: Default::default(),
        reversibility: Default::default(),
        authority: Default::default(),
        rights: [("r1".to_string(), "A".to_string())].into(),
        approvals: vec![Approval {
            role: "r1".into(),
            when: String::new(),
        }],
        escalations: vec![Escalation {
            condition: "c".into(),
            role: "r1".into(),
        }],
        vetoes: vec![Veto {
            role: "r1".into(),
            circumstances: String::new(),
            record: String::new(),
        }],
        documentation: String::new(),
        elements: vec!["e1".into()],
    });
    let (index, role) = m.remove_role("r1").unwrap();
    assert_eq!((index, role.name.as_str()), (0, "Owner"));
    assert!(validate(&m).is_ok());
    assert_eq!(m.elements[0].assignments.len(), 1);
    let d = &m.decisions[0];
    assert!(
        d.rights.is_empty()
            && d.approvals.is_empty()
            && d.escalations.is_empty()
            && d.vetoes.is_empty()
    );
    assert_eq!(m.remove_role("r1"), Err(EditError::NotFound));
}

#[test]
fn removing_an_element_removes_references_to_it() {
    let mut m = model();
    m.reviews.push(Review {
        id: "v".into(),
        name: "R".into(),
        level: ReviewLevel::Operational,
        cadence: Cadence::Monthly,
        owner: None,
        elements: vec!["e1".into()],
        metrics: vec![],
        last_held: None,
    });
    m.remove_element("e1").unwrap();
    assert!(m.reviews[0].elements.is_empty());
    assert!(validate(&m).is_ok());
}

#[test]
fn assignments_set_and_clear() {
    let mut m = model();
    m.set_assignment("e1", "r2", Some(Raci::C)).unwrap();
    assert_eq!(m.elements[0].assignments["r2"], Raci::C);
    m.set_assignment("e1", "r2", None).unwrap();
    assert!(!m.elements[0].assignments.contains_key("r2"));
    assert_eq!(
        m.set_assignment("e1", "nope", Some(Raci::A)),
        Err(EditError::NotFound)
    );
    assert_eq!(
        m.set_assignment("nope", "r1", Some(Raci::A)),
        Err(EditError::NotFound)
    );
}

#[test]
fn duplicate_gets_a_new_id_and_name() {
    let m = model();
    let now = Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap();
    let c = m.duplicate("m2".into(), now);
    assert_eq!((c.id.as_str(), c.name.as_str()), ("m2", "M (copy)"));
    assert_eq!(c.created_at, now);
    assert_eq!(c.elements, m.elements);
}

#[test]
fn a_copy_of_a_long_name_keeps_its_suffix_within_the_limit() {
    let mut m = model();
    m.name = "é".repeat(opmodel::model::limits::MAX_NAME_CHARS);
    let c = m.copy_with_suffix("m2".into(), m.updated_at, " (this tab’s version)");
    assert!(c.name.ends_with(" (this tab’s version)"), "{}", c.name);
    assert_eq!(
        c.name.chars().count(),
        opmodel::model::limits::MAX_NAME_CHARS
    );
}

#[test]
fn element_kind_keys_round_trip() {
    for k in ElementKind::ALL {
        assert_eq!(ElementKind::from_key(k.key()), Some(k));
    }
    assert_eq!(ElementKind::from_key("x"), None);
    assert_eq!(Raci::from_letter('a'), Some(Raci::A));
    assert_eq!(Raci::from_letter('x'), None);
}
