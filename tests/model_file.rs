//! The file format end to end: export -> load round-trips, and every way a
//! file can be wrong gives a typed error with a readable message.

use chrono::{TimeZone, Utc};
use opmodel::model::limits::*;
use opmodel::model::testkit::Kit;
use opmodel::model::*;
use proptest::prelude::*;
use serde_json::{json, Value};

fn t0() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 30, 0).unwrap()
}

/// A small model with a bit of everything.
fn sample() -> Model {
    let mut m = Model::new("m1".into(), "Acme operations", t0());
    m.add_role("r1".into(), "Head of Operations").unwrap();
    m.add_role("r2".into(), "Support Lead").unwrap();
    m.add_element("e1".into(), "Order fulfilment", ElementKind::Process)
        .unwrap();
    m.add_element("e2".into(), "Customer record", ElementKind::Data)
        .unwrap();
    m.add_element("e3".into(), "Refunds", ElementKind::Workflow)
        .unwrap();
    m.set_assignment("e1", "r1", Some(Raci::A)).unwrap();
    m.set_assignment("e1", "r2", Some(Raci::R)).unwrap();
    m.set_assignment("e3", "r2", Some(Raci::A)).unwrap();
    m.decisions.push(Decision {
        id: "d1".into(),
        name: "Approve a refund over the standard limit".into(),
        description: String::new(),
        significance: Significance::Significant,
        reversibility: Reversibility::Irreversible,
        authority: Authority {
            kind: AuthorityKind::Conditional,
            condition: "over 500 EUR".into(),
            threshold: Some(Threshold {
                amount: 500.0,
                unit: "EUR".into(),
            }),
        },
        rights: [("r2".to_string(), "A".to_string())].into(),
        approvals: vec![Approval {
            role: "r1".into(),
            when: "over 2,000 EUR".into(),
        }],
        escalations: vec![Escalation {
            condition: "customer threatens legal action".into(),
            role: "r1".into(),
        }],
        vetoes: vec![],
        documentation: "Reason and order number".into(),
        elements: vec!["e3".into()],
    });
    m.reviews.push(Review {
        id: "v1".into(),
        name: "Weekly ops review".into(),
        level: ReviewLevel::Tactical,
        cadence: Cadence::Weekly,
        owner: Some("r1".into()),
        elements: vec!["e1".into()],
        metrics: vec!["k1".into()],
        last_held: Some(chrono::NaiveDate::from_ymd_opt(2026, 10, 28).unwrap()),
    });
    m.metrics.push(Metric {
        id: "k1".into(),
        name: "Cycle time".into(),
        definition: "Hours from order to dispatch".into(),
        calculation: "Median of the week's orders".into(),
        owner: Some("r1".into()),
        measures: Some("e1".into()),
        target: "Under 24 hours".into(),
    });
    m.corrections.push(Correction {
        id: "c1".into(),
        finding: "Refunds wait for a manager who is on leave".into(),
        review: Some("v1".into()),
        owner: Some("r1".into()),
        due: None,
        status: CorrectionStatus::Proposed,
        history: vec![],
    });
    m
}

fn file(model: &Model) -> String {
    to_file_json(model, t0())
}

/// The sample's file as JSON, edited by `f`, loaded again.
fn load_edited(f: impl FnOnce(&mut Value)) -> Result<Model, LoadError> {
    let mut v: Value = serde_json::from_str(&file(&sample())).unwrap();
    f(&mut v);
    load(v.to_string().as_bytes())
}

#[test]
fn export_then_import_gives_an_equal_model() {
    let m = sample();
    assert_eq!(load(file(&m).as_bytes()).unwrap(), m);
}

#[test]
fn envelope_has_the_documented_fields() {
    let v: Value = serde_json::from_str(&file(&sample())).unwrap();
    assert_eq!(v["format"], "opmodel");
    assert_eq!(v["schemaVersion"], 5);
    assert_eq!(v["exportedAt"], "2026-11-01T09:30:00Z");
    assert!(v["generator"].as_str().unwrap().starts_with("opmodel "));
    assert_eq!(v["model"]["elements"][0]["assignments"]["r1"], "A");
    assert_eq!(v["model"]["createdAt"], "2026-11-01T09:30:00Z");
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(file(&sample()).as_bytes());
    assert_eq!(load(&bytes).unwrap(), sample());
}

#[test]
fn the_committed_fixture_loads() {
    let bytes = include_bytes!("fixtures/valid-small.opmodel.json");
    let m = load(bytes).unwrap();
    assert_eq!(m.roles.len(), 2);
    assert_eq!(m.elements.len(), 3);
}

/// A version 2 file opens at version 3: its reviews' metric names become
/// metric objects, one per name, and the map's checks then ask for their
/// owners and definitions.
#[test]
fn a_version_2_file_with_metric_names_opens_with_metric_objects() {
    let m = load(include_bytes!("fixtures/map-v2.opmodel.json")).unwrap();
    let names: Vec<(&str, &str)> = m
        .metrics
        .iter()
        .map(|k| (k.id.as_str(), k.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("metric-1", "Days sales outstanding"),
            ("metric-2", "Revenue")
        ]
    );
    assert_eq!(m.reviews[0].metrics, ["metric-1", "metric-2"]);
    use opmodel::model::map::checks::{check_all, MapFindingKind::*};
    let kinds: Vec<_> = check_all(&m)
        .into_iter()
        .map(|f| (f.kind, f.node))
        .collect();
    assert_eq!(
        kinds,
        [
            (NoSource, "el-customer".to_string()),
            (NoSource, "el-invoice".into()),
            (ProcessNoOutcome, "el-o2c".into()),
            (OutcomeNotProduced, "el-cash".into()),
            (MetricNoOwner, "metric-1".into()),
            (MetricNoDefinition, "metric-1".into()),
            (MetricNoOwner, "metric-2".into()),
            (MetricNoDefinition, "metric-2".into()),
        ]
    );
    // Written again, it is a version 3 file that reads back the same.
    assert_eq!(load(file(&m).as_bytes()).unwrap(), m);
}

fn message(r: Result<Model, LoadError>) -> String {
    r.unwrap_err().to_string()
}

#[test]
fn empty_and_whitespace_files() {
    assert_eq!(load(b"").unwrap_err(), LoadError::Empty);
    assert_eq!(load(b"  \n\t ").unwrap_err(), LoadError::Empty);
}

#[test]
fn truncated_json_says_it_was_cut_off() {
    let text = file(&sample());
    let cut = &text[..text.len() / 2];
    let err = load(cut.as_bytes()).unwrap_err();
    assert!(matches!(err, LoadError::Truncated { .. }), "{err:?}");
    assert!(err.to_string().contains("cut off"));
}

#[test]
fn malformed_json_names_line_and_column() {
    let err = load(b"{\n  \"format\": opmodel\n}").unwrap_err();
    assert!(matches!(err, LoadError::NotJson { line: 2, .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("The file is not valid JSON (line 2, column"),
        "{err}"
    );
}

#[test]
fn binary_is_not_text() {
    assert_eq!(
        load(&[0x89, b'P', b'N', b'G', 0, 0xff, 0xfe]).unwrap_err(),
        LoadError::NotText
    );
    assert_eq!(load(b"{\"a\":\0}").unwrap_err(), LoadError::NotText);
}

#[test]
fn other_json_is_not_an_opmodel_file() {
    assert_eq!(load(b"[1,2,3]").unwrap_err(), LoadError::NotOpModel);
    assert_eq!(
        load(b"{\"name\": \"x\"}").unwrap_err(),
        LoadError::NotOpModel
    );
    assert_eq!(
        load(b"{\"format\": \"other\"}").unwrap_err(),
        LoadError::NotOpModel
    );
}

#[test]
fn missing_or_bad_version() {
    let r = load_edited(|v| {
        v.as_object_mut().unwrap().remove("schemaVersion");
    });
    assert_eq!(r.unwrap_err(), LoadError::NoVersion);
    let r = load_edited(|v| v["schemaVersion"] = json!("1"));
    assert_eq!(r.unwrap_err(), LoadError::NoVersion);
    let r = load_edited(|v| v["schemaVersion"] = json!(0));
    assert_eq!(r.unwrap_err(), LoadError::UnsupportedSchema { found: 0 });
}

#[test]
fn a_newer_schema_is_refused_with_a_message_saying_so() {
    let err = load_edited(|v| v["schemaVersion"] = json!(7)).unwrap_err();
    assert_eq!(
        err,
        LoadError::NewerSchema {
            found: 7,
            supported: 5
        }
    );
    assert!(err
        .to_string()
        .contains("made by a newer version of OpModel"));
}

#[test]
fn missing_model_section() {
    let r = load_edited(|v| {
        v.as_object_mut().unwrap().remove("model");
    });
    assert_eq!(r.unwrap_err(), LoadError::NoModel);
}

#[test]
fn wrong_types_name_the_path() {
    let msg = message(load_edited(|v| {
        v["model"]["elements"][1]["kind"] = json!("gadget")
    }));
    assert!(
        msg.starts_with("elements[1].kind: unknown value `gadget`"),
        "{msg}"
    );
    let msg = message(load_edited(|v| v["model"]["roles"][0]["name"] = json!(12)));
    assert!(
        msg.starts_with("roles[0].name: wrong kind of value: found integer `12`"),
        "{msg}"
    );
    let msg = message(load_edited(|v| {
        v["model"]["elements"][0]["assignments"]["r1"] = json!("X")
    }));
    assert!(
        msg.starts_with("elements[0].assignments.r1: unknown value `X`"),
        "{msg}"
    );
    let msg = message(load_edited(|v| {
        v["model"]["createdAt"] = json!("yesterday")
    }));
    assert!(msg.starts_with("createdAt: "), "{msg}");
    let msg = message(load_edited(|v| {
        v["model"]["roles"][0]["nmae"] = json!("typo")
    }));
    assert!(
        msg.contains("roles[0]") && msg.contains("unknown field `nmae`"),
        "{msg}"
    );
}

#[test]
fn dangling_role_in_an_assignment() {
    let msg = message(load_edited(|v| {
        v["model"]["elements"][2]["assignments"]["r9"] = json!("R")
    }));
    assert_eq!(msg, "elements[2].assignments: unknown role \"r9\".");
}

#[test]
fn every_reference_is_checked() {
    type Case = (fn(&mut Value), &'static str);
    let cases: Vec<Case> = vec![
        (
            |v| v["model"]["decisions"][0]["rights"]["zz"] = json!("A"),
            "decisions[0].rights: unknown role \"zz\"",
        ),
        (
            |v| v["model"]["decisions"][0]["approvals"][0]["role"] = json!("zz"),
            "decisions[0].approvals[0].role: unknown role \"zz\"",
        ),
        (
            |v| v["model"]["decisions"][0]["escalations"][0]["role"] = json!("zz"),
            "decisions[0].escalations[0].role: unknown role \"zz\"",
        ),
        (
            |v| v["model"]["decisions"][0]["elements"][0] = json!("zz"),
            "decisions[0].elements: unknown element \"zz\"",
        ),
        (
            |v| v["model"]["decisions"][0]["rights"]["r1"] = json!("Q"),
            "decisions[0].rights: \"Q\" is not one of the letters R, A, C, I",
        ),
        (
            |v| v["model"]["reviews"][0]["owner"] = json!("zz"),
            "reviews[0].owner: unknown role \"zz\"",
        ),
        (
            |v| v["model"]["reviews"][0]["elements"][0] = json!("zz"),
            "reviews[0].elements: unknown element \"zz\"",
        ),
        (
            |v| v["model"]["corrections"][0]["review"] = json!("zz"),
            "corrections[0].review: unknown review \"zz\"",
        ),
        (
            |v| v["model"]["corrections"][0]["owner"] = json!("zz"),
            "corrections[0].owner: unknown role \"zz\"",
        ),
        (
            |v| v["model"]["corrections"][0]["finding"] = json!(" "),
            "corrections[0].finding: the finding is empty",
        ),
    ];
    for (edit, expected) in cases {
        let msg = message(load_edited(edit));
        assert!(
            msg.starts_with(expected),
            "expected {expected:?}, got {msg:?}"
        );
    }
}

#[test]
fn duplicate_and_empty_ids_and_names() {
    let msg = message(load_edited(|v| v["model"]["roles"][1]["id"] = json!("r1")));
    assert!(
        msg.contains("roles[1].id: the id \"r1\" is used twice"),
        "{msg}"
    );
    let msg = message(load_edited(|v| v["model"]["elements"][0]["id"] = json!("")));
    assert!(msg.contains("elements[0].id: the id is empty"), "{msg}");
    let msg = message(load_edited(|v| v["model"]["name"] = json!("  ")));
    assert!(msg.contains("name: the name is empty"), "{msg}");
}

#[test]
fn scores_must_be_between_0_and_100() {
    let msg = message(load_edited(
        |v| {
            v["model"]["snapshots"] =
                json!([{"takenAt": "2026-11-01T00:00:00Z", "metrics": {"ownershipCoverage": 140}}])
        },
    ));
    assert!(
        msg.contains("snapshots[0].metrics.ownershipCoverage: a score must be between 0 and 100"),
        "{msg}"
    );
}

#[test]
fn many_problems_are_summarised() {
    let err = load_edited(|v| {
        for i in 0..3 {
            v["model"]["elements"][i]["assignments"]["ghost"] = json!("I");
        }
        v["model"]["roles"][0]["name"] = json!("");
        v["model"]["roles"][1]["name"] = json!("");
        v["model"]["name"] = json!("");
    })
    .unwrap_err();
    let LoadError::Invalid { problems } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(problems.len(), 6);
    assert!(err.to_string().ends_with("(And 1 more problem.)"), "{err}");
}

#[test]
fn file_size_limit() {
    let big = vec![b' '; MAX_FILE_BYTES + 1];
    assert_eq!(
        load(&big).unwrap_err(),
        LoadError::TooLarge {
            bytes: MAX_FILE_BYTES + 1
        }
    );
    assert!(load(&big)
        .unwrap_err()
        .to_string()
        .contains("over the limit of 5120 KB"));
}

#[test]
fn deeply_nested_arrays_are_refused_not_overflowed() {
    let mut text = String::from("{\"format\":\"opmodel\",\"schemaVersion\":1,\"model\":");
    text.push_str(&"[".repeat(100_000));
    let err = load(text.as_bytes()).unwrap_err();
    assert!(matches!(err, LoadError::TooDeep { .. }), "{err:?}");
}

#[test]
fn count_and_length_limits() {
    let mut m = sample();
    for i in 0..MAX_ROLES + 1 - m.roles.len() {
        m.roles.push(Role {
            id: format!("x{i}"),
            name: "x".into(),
            description: String::new(),
            holder: None,
        });
    }
    let msg = message(load(file(&m).as_bytes()));
    assert!(
        msg.contains(&format!(
            "roles: {} items, more than the limit of {MAX_ROLES}",
            MAX_ROLES + 1
        )),
        "{msg}"
    );

    let msg = message(load_edited(|v| {
        v["model"]["roles"][0]["name"] = json!("n".repeat(MAX_NAME_CHARS + 1))
    }));
    assert!(
        msg.contains("roles[0].name: the text is longer than 200 characters"),
        "{msg}"
    );
}

#[test]
fn a_model_at_the_limits_still_loads() {
    let mut m = Model::new(new_id(), "Big", t0());
    for i in 0..40 {
        m.add_role(new_id(), &format!("Role {i}")).unwrap();
    }
    let roles: Vec<String> = m.roles.iter().map(|r| r.id.clone()).collect();
    for i in 0..1000 {
        let id = new_id();
        m.add_element(id.clone(), &format!("Element {i}"), ElementKind::Process)
            .unwrap();
        for (j, r) in roles.iter().enumerate().filter(|(j, _)| (i + j) % 5 == 0) {
            m.set_assignment(&id, r, Some(Raci::ALL[j % 4])).unwrap();
        }
    }
    let text = file(&m);
    assert!(text.len() < MAX_FILE_BYTES, "{} bytes", text.len());
    assert_eq!(load(text.as_bytes()).unwrap(), m);
}

// ---- property test: any valid model survives a round-trip ----

fn arb_kind() -> impl Strategy<Value = ElementKind> {
    prop::sample::select(ElementKind::ALL.to_vec())
}

fn arb_name() -> impl Strategy<Value = String> {
    // Any printable text, including quotes, HTML and non-ASCII.
    "[^\\p{C}]{0,30}".prop_map(|s| format!("n{s}"))
}

prop_compose! {
    fn arb_model()(
        name in arb_name(),
        roles in prop::collection::vec((arb_name(), "[^\\p{C}]{0,40}", prop::option::of(arb_name())), 0..8),
        elements in prop::collection::vec((arb_name(), arb_kind(), prop::collection::vec((0usize..8, 0usize..4), 0..6)), 0..12),
        secs in 0i64..4_000_000_000,
    ) -> Model {
        let at = Utc.timestamp_opt(secs, 0).unwrap();
        let mut m = Model::new(new_id(), &name, at);
        for (n, d, h) in roles {
            m.add_role(new_id(), &n).unwrap();
            let last = m.roles.last_mut().unwrap();
            last.description = d;
            last.holder = h;
        }
        for (n, kind, cells) in elements {
            let id = new_id();
            m.add_element(id.clone(), &n, kind).unwrap();
            for (r, l) in cells {
                if let Some(role) = m.roles.get(r).map(|r| r.id.clone()) {
                    m.set_assignment(&id, &role, Some(Raci::ALL[l])).unwrap();
                }
            }
        }
        m
    }
}

proptest! {
    #[test]
    fn any_valid_model_round_trips(m in arb_model()) {
        prop_assert!(validate(&m).is_ok());
        let back = load(file(&m).as_bytes()).unwrap();
        prop_assert_eq!(back, m);
    }
}

/// A version 4 file's quiz results open at version 5 as one person's each
/// (no team), and are written back without a `team`.
#[test]
fn a_version_4_file_keeps_its_results_as_one_persons() {
    let m = load(include_bytes!("fixtures/results-v4.opmodel.json")).unwrap();
    assert_eq!(m.assessments.len(), 2);
    assert!(m.assessments.iter().all(|a| a.team.is_none()));
    assert_eq!(m.assessments[0].answers.len(), 12);
    assert_eq!(m.assessments[1].answers.get("q-tools-1"), Some(&1));
    let written = opmodel::model::to_file_json(&m, m.updated_at);
    let v: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(v["schemaVersion"], 5);
    assert!(!written.contains("\"team\""));
    assert_eq!(load(written.as_bytes()).unwrap(), m);
}
