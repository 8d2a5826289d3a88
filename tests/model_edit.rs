//! Edits keep a model valid.

use chrono::{TimeZone, Utc};
use opmodel::model::testkit::Kit;
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

fn refused(result: Result<Op, EditError>) -> (String, String) {
    let e = result.expect_err("the edit is refused");
    (e.path().unwrap_or_default().to_string(), e.to_string())
}

#[test]
fn names_are_trimmed_and_never_empty() {
    let mut m = model();
    assert_eq!(
        refused(m.apply(Op::RenameModel("   ".into()))),
        ("name".into(), "The name is empty.".into())
    );
    assert_eq!(m.name, "M");
    m.rename("  Acme  ").unwrap();
    assert_eq!(m.name, "Acme");
    assert_eq!(
        refused(m.apply(Op::RenameRole {
            id: "r1".into(),
            name: "x".repeat(201)
        })),
        (
            "roles[0].name".into(),
            "The text is longer than 200 characters.".into()
        )
    );
    assert_eq!(
        m.add_element("e2".into(), "", ElementKind::Data)
            .unwrap_err()
            .to_string(),
        "The name is empty."
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
    m.apply(Op::RemoveRole { id: "r1".into() }).unwrap();
    assert_eq!(m.roles.len(), 1);
    assert!(validate(&m).is_ok());
    assert_eq!(m.elements[0].assignments.len(), 1);
    let d = &m.decisions[0];
    assert!(
        d.rights.is_empty()
            && d.approvals.is_empty()
            && d.escalations.is_empty()
            && d.vetoes.is_empty()
    );
    assert_eq!(
        m.apply(Op::RemoveRole { id: "r1".into() }),
        Err(EditError::NotFound)
    );
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
    m.apply(Op::RemoveElement { id: "e1".into() }).unwrap();
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
        m.set_assignment("e1", "nope", Some(Raci::A))
            .unwrap_err()
            .to_string(),
        "Unknown role \"nope\"."
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
    assert_eq!(Raci::from_key('a'), Some(Raci::A));
    assert_eq!(Raci::from_key('+'), Some(Raci::AR));
    assert_eq!(Raci::from_key('x'), None);
}

#[test]
fn a_cell_reads_as_spreadsheets_write_it() {
    for text in [
        "A/R", "AR", "a/r", "R/A", "ra", "A,R", " a , r ", "A+R", "A & R",
    ] {
        assert_eq!(Raci::parse(text), Some(Raci::AR), "{text}");
    }
    for (text, letter) in [
        ("r", Raci::R),
        (" A ", Raci::A),
        ("c", Raci::C),
        ("I", Raci::I),
    ] {
        assert_eq!(Raci::parse(text), Some(letter), "{text}");
    }
    for text in [
        "",
        "/",
        "+",
        "X",
        "AC",
        "A/R/C",
        "AA",
        "A//R",
        "RR",
        "Accountable",
    ] {
        assert_eq!(Raci::parse(text), None, "{text}");
    }
    for l in Raci::ALL {
        assert_eq!(Raci::parse(l.label()), Some(l));
    }
}

#[test]
fn a_r_counts_as_owner_and_doer() {
    let mut m = model();
    m.set_assignment("e1", "r2", None).unwrap();
    m.set_assignment("e1", "r1", Some(Raci::AR)).unwrap();
    let report = opmodel::model::ownership::check(&m);
    // No "no owner", no "nobody does the work": only the idle second role.
    let about_e1: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.element.is_some())
        .collect();
    assert!(about_e1.is_empty(), "{about_e1:?}");
    assert_eq!(report.owned, 1);
    let load = &report.load["r1"];
    assert_eq!((load.accountable, load.responsible), (1, 1));
}
