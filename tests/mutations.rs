//! Property tests of the load path against damaged files: a rich valid model
//! round-trips, and random damage to a valid file, to its bytes or to its JSON
//! value, either loads to a valid model or gives an error: never a panic.
//!
//! Sizes are kept small so the whole file runs in a few seconds in a debug
//! build; the fuzz targets under `fuzz/` go much further.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use opmodel::model::*;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Value};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 30, 0).unwrap()
}

// ---- a rich valid model: every kind of item, every reference valid ----

/// Printable text of any script, quotes and markup included.
fn arb_text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[^\\p{{C}}]{{0,{max}}}")).unwrap()
}

/// A name: never blank.
fn arb_name() -> impl Strategy<Value = String> {
    arb_text(24).prop_map(|s| format!("n{s}"))
}

/// An id prefix; the index appended to it keeps ids unique.
fn arb_id_stem() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z0-9-]{1,8}",
        arb_text(8),
        Just("\"quoted\" .dotted[0]".to_string()),
    ]
}

fn arb_time() -> impl Strategy<Value = DateTime<Utc>> {
    // Years 1970 to 2096, with or without fractions of a second.
    (
        0i64..4_000_000_000,
        prop_oneof![Just(0u32), 0u32..1_000_000_000],
    )
        .prop_map(|(secs, nanos)| Utc.timestamp_opt(secs, nanos).unwrap())
}

fn arb_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..60_000).prop_map(|days| {
        NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Duration::days(days)
    })
}

/// Scores as the app stores them: rounded to one decimal (quiz and
/// governance metrics both round with `round1`). Unrounded values such as
/// 11 * 100 / 12 are left out: see `known_float_round_trip_failure` below.
fn arb_score() -> impl Strategy<Value = f64> {
    (0u32..=1000).prop_map(|tenths| f64::from(tenths) / 10.0)
}

fn arb_amount() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0i64..100_000_000).prop_map(|cents| cents as f64 / 100.0),
        (-1_000i64..1_000).prop_map(|x| x as f64),
    ]
}

/// Collections small enough for a fast debug build.
fn few<T: Strategy>(s: T, max: usize) -> prop::collection::VecStrategy<T> {
    prop::collection::vec(s, 0..=max)
}

#[derive(Clone, Debug)]
struct RawDecision {
    name: String,
    description: String,
    significance: Significance,
    reversibility: Reversibility,
    authority: (AuthorityKind, String, Option<(f64, String)>),
    rights: Vec<(Index, Index)>,
    approvals: Vec<(Index, String)>,
    escalations: Vec<(String, Index)>,
    vetoes: Vec<(Index, String, String)>,
    documentation: String,
    elements: Vec<Index>,
}

fn arb_decision() -> impl Strategy<Value = RawDecision> {
    (
        (
            arb_name(),
            arb_text(30),
            prop_oneof![Just(Significance::Routine), Just(Significance::Significant)],
            prop_oneof![
                Just(Reversibility::Reversible),
                Just(Reversibility::Irreversible)
            ],
            (
                prop_oneof![
                    Just(AuthorityKind::Individual),
                    Just(AuthorityKind::Collective),
                    Just(AuthorityKind::Conditional)
                ],
                arb_text(20),
                prop::option::of((arb_amount(), arb_text(5))),
            ),
        ),
        (
            few((any::<Index>(), any::<Index>()), 4),
            few((any::<Index>(), arb_text(10)), 3),
            few((arb_text(10), any::<Index>()), 3),
            few((any::<Index>(), arb_text(10), arb_text(10)), 2),
            arb_text(20),
            few(any::<Index>(), 3),
        ),
    )
        .prop_map(
            |(
                (name, description, significance, reversibility, authority),
                (rights, approvals, escalations, vetoes, documentation, elements),
            )| RawDecision {
                name,
                description,
                significance,
                reversibility,
                authority,
                rights,
                approvals,
                escalations,
                vetoes,
                documentation,
                elements,
            },
        )
}

type RawReview = (
    String,
    ReviewLevel,
    Cadence,
    Option<Index>,
    Vec<Index>,
    Vec<String>,
    Option<NaiveDate>,
);

fn arb_review() -> impl Strategy<Value = RawReview> {
    (
        arb_name(),
        prop_oneof![
            Just(ReviewLevel::Tactical),
            Just(ReviewLevel::Operational),
            Just(ReviewLevel::Strategic)
        ],
        prop_oneof![
            Just(Cadence::Daily),
            Just(Cadence::Weekly),
            Just(Cadence::Monthly),
            Just(Cadence::Quarterly),
            Just(Cadence::Annual)
        ],
        prop::option::of(any::<Index>()),
        few(any::<Index>(), 3),
        few(arb_text(12), 3),
        prop::option::of(arb_date()),
    )
}

fn arb_status() -> impl Strategy<Value = CorrectionStatus> {
    prop_oneof![
        Just(CorrectionStatus::Proposed),
        Just(CorrectionStatus::Evaluated),
        Just(CorrectionStatus::Approved),
        Just(CorrectionStatus::Implemented),
        Just(CorrectionStatus::Validated),
        Just(CorrectionStatus::Rejected),
    ]
}

type RawCorrection = (
    String,
    Option<Index>,
    Option<Index>,
    Option<NaiveDate>,
    CorrectionStatus,
    Vec<(CorrectionStatus, NaiveDate, String)>,
);

fn arb_correction() -> impl Strategy<Value = RawCorrection> {
    (
        arb_name(),
        prop::option::of(any::<Index>()),
        prop::option::of(any::<Index>()),
        prop::option::of(arb_date()),
        arb_status(),
        few((arb_status(), arb_date(), arb_text(10)), 3),
    )
}

type RawAssessment = (
    AssessmentKind,
    DateTime<Utc>,
    BTreeMap<String, u8>,
    BTreeMap<String, f64>,
    f64,
);

fn arb_assessment() -> impl Strategy<Value = RawAssessment> {
    (
        prop_oneof![Just(AssessmentKind::Quick), Just(AssessmentKind::Full)],
        arb_time(),
        prop::collection::btree_map(arb_text(12), any::<u8>(), 0..4),
        prop::collection::btree_map(arb_text(12), arb_score(), 0..4),
        arb_score(),
    )
}

fn arb_snapshot() -> impl Strategy<Value = Snapshot> {
    (
        arb_time(),
        prop::collection::btree_map(arb_text(12), arb_score(), 0..4),
    )
        .prop_map(|(taken_at, metrics)| Snapshot { taken_at, metrics })
}

/// Picks the id at `ix` in `ids`, or none when there is none to pick.
fn pick(ids: &[String], ix: &Index) -> Option<String> {
    (!ids.is_empty()).then(|| ids[ix.index(ids.len())].clone())
}

prop_compose! {
    fn arb_model()(
        (name, stem, created, updated) in (arb_name(), arb_id_stem(), arb_time(), arb_time()),
        vocabulary in prop_oneof![Just(Vocabulary::Raci), Just(Vocabulary::Rapid), Just(Vocabulary::Daci)],
        roles in few((arb_name(), arb_text(20), prop::option::of(arb_name())), 5),
        elements in few((arb_name(), prop::sample::select(ElementKind::ALL.to_vec()), arb_text(20),
                         few((any::<Index>(), prop::sample::select(Raci::ALL.to_vec())), 4)), 6),
        decisions in few(arb_decision(), 3),
        reviews in few(arb_review(), 3),
        corrections in few(arb_correction(), 3),
        assessments in few(arb_assessment(), 2),
        snapshots in few(arb_snapshot(), 2),
    ) -> Model {
        let mut m = Model::new(format!("{stem}m"), name, created);
        m.updated_at = updated;
        m.settings.vocabulary = vocabulary;
        for (i, (name, description, holder)) in roles.into_iter().enumerate() {
            m.roles.push(Role { id: format!("{stem}r{i}"), name, description, holder });
        }
        let role_ids: Vec<String> = m.roles.iter().map(|r| r.id.clone()).collect();
        for (i, (name, kind, description, cells)) in elements.into_iter().enumerate() {
            let assignments = cells
                .iter()
                .filter_map(|(r, letter)| Some((pick(&role_ids, r)?, *letter)))
                .collect();
            m.elements.push(Element { id: format!("{stem}e{i}"), name, kind, description, assignments });
        }
        let element_ids: Vec<String> = m.elements.iter().map(|e| e.id.clone()).collect();
        let letters = vocabulary.letters();
        for (i, d) in decisions.into_iter().enumerate() {
            let (kind, condition, threshold) = d.authority;
            m.decisions.push(Decision {
                id: format!("{stem}d{i}"),
                name: d.name,
                description: d.description,
                significance: d.significance,
                reversibility: d.reversibility,
                authority: Authority {
                    kind,
                    condition,
                    threshold: threshold.map(|(amount, unit)| Threshold { amount, unit }),
                },
                rights: d.rights.iter()
                    .filter_map(|(r, l)| Some((pick(&role_ids, r)?, letters[l.index(letters.len())].to_string())))
                    .collect(),
                approvals: d.approvals.into_iter()
                    .filter_map(|(r, when)| Some(Approval { role: pick(&role_ids, &r)?, when }))
                    .collect(),
                escalations: d.escalations.into_iter()
                    .filter_map(|(condition, r)| Some(Escalation { condition, role: pick(&role_ids, &r)? }))
                    .collect(),
                vetoes: d.vetoes.into_iter()
                    .filter_map(|(r, circumstances, record)| Some(Veto { role: pick(&role_ids, &r)?, circumstances, record }))
                    .collect(),
                documentation: d.documentation,
                elements: d.elements.iter().filter_map(|e| pick(&element_ids, e)).collect(),
            });
        }
        for (i, (name, level, cadence, owner, elements, metrics, last_held)) in reviews.into_iter().enumerate() {
            // Each text is a metric's name and definition (schema 3: a
            // review lists metric objects).
            let metrics: Vec<String> = metrics
                .into_iter()
                .enumerate()
                .map(|(j, text)| {
                    let id = format!("{stem}k{i}x{j}");
                    let name = if text.trim().is_empty() { "Metric".to_string() } else { text.clone() };
                    m.metrics.push(Metric {
                        id: id.clone(),
                        name,
                        definition: text,
                        owner: owner.as_ref().and_then(|r| pick(&role_ids, r)),
                        measures: elements.first().and_then(|e| pick(&element_ids, e)),
                        ..Default::default()
                    });
                    id
                })
                .collect();
            m.reviews.push(Review {
                id: format!("{stem}v{i}"),
                name,
                level,
                cadence,
                owner: owner.and_then(|r| pick(&role_ids, &r)),
                elements: elements.iter().filter_map(|e| pick(&element_ids, e)).collect(),
                metrics,
                last_held,
            });
        }
        let review_ids: Vec<String> = m.reviews.iter().map(|r| r.id.clone()).collect();
        for (i, (finding, review, owner, due, status, history)) in corrections.into_iter().enumerate() {
            m.corrections.push(Correction {
                id: format!("{stem}c{i}"),
                finding,
                review: review.and_then(|v| pick(&review_ids, &v)),
                owner: owner.and_then(|r| pick(&role_ids, &r)),
                due,
                status,
                history: history.into_iter()
                    .map(|(status, on, note)| StatusChange { status, on, note })
                    .collect(),
            });
        }
        for (i, (kind, taken_at, answers, scores, overall)) in assessments.into_iter().enumerate() {
            m.assessments.push(Assessment { id: format!("{stem}a{i}"), kind, taken_at, answers, scores, overall, team: None });
        }
        m.snapshots = snapshots;
        // The map: the first element as a data entity held by the others,
        // and a flow between the last two, carrying the first.
        if let [first, .., before_last, last] = element_ids.as_slice() {
            let mut d = DataEntity::new(first.clone());
            d.definition = m.elements[0].description.clone();
            d.systems.insert(before_last.clone(), Hold::Source);
            d.systems.insert(last.clone(), Hold::Copy);
            m.data_entities.push(d);
            m.flows.push(Flow {
                id: format!("{stem}f0"),
                from: before_last.clone(),
                to: last.clone(),
                carries: vec![first.clone()],
                mechanism: Mechanism::ManualEntry,
                schedule: m.elements[0].name.clone(),
                validation: m.elements[0].description.clone(),
            });
        }
        m
    }
}

fn file(m: &Model) -> String {
    to_file_json(m, t0())
}

/// What every input must satisfy: `load` returns (no panic); a model it
/// accepts passes `validate`, and exports to a file that loads again.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    match load(bytes) {
        Ok(m) => {
            prop_assert!(validate(&m).is_ok(), "load accepted an invalid model");
            let again = load(file(&m).as_bytes());
            prop_assert!(again.is_ok(), "its export does not load: {:?}", again);
        }
        Err(e) => {
            let msg = e.to_string();
            prop_assert!(!msg.trim().is_empty(), "an empty message for {e:?}");
        }
    }
    Ok(())
}

// ---- damage to the bytes ----

#[derive(Clone, Debug)]
enum ByteOp {
    Flip(Index, u8),
    Delete(Index, usize),
    Duplicate(Index, usize),
    Insert(Index, Vec<u8>),
    /// Bytes that mean something in JSON, where damage does the most harm.
    InsertToken(Index, &'static str),
    Truncate(Index),
}

fn arb_byte_op() -> impl Strategy<Value = ByteOp> {
    prop_oneof![
        // Mostly damage that keeps the file UTF-8 text (ASCII bytes stay
        // ASCII), so that the parser and the checks behind it are reached.
        3 => (any::<Index>(), 1u8..128).prop_map(|(i, x)| ByteOp::Flip(i, x)),
        1 => (any::<Index>(), 128u8..=255).prop_map(|(i, x)| ByteOp::Flip(i, x)),
        2 => (any::<Index>(), 1usize..64).prop_map(|(i, n)| ByteOp::Delete(i, n)),
        2 => (any::<Index>(), 1usize..256).prop_map(|(i, n)| ByteOp::Duplicate(i, n)),
        2 => (any::<Index>(), few(0x20u8..0x7f, 8)).prop_map(|(i, b)| ByteOp::Insert(i, b)),
        1 => (any::<Index>(), few(any::<u8>(), 8)).prop_map(|(i, b)| ByteOp::Insert(i, b)),
        3 => (
            any::<Index>(),
            prop::sample::select(vec![
                "\"", "{", "}", "[", "]", ",", ":", "\\", "\\u0000", "\\ud800", "null", "-1",
                "1e999", "\u{feff}", "\u{0}", "\u{fffd}", "\"id\":\"x\",", "\"r0\"",
            ])
        )
            .prop_map(|(i, t)| ByteOp::InsertToken(i, t)),
        1 => any::<Index>().prop_map(ByteOp::Truncate),
    ]
}

fn apply_bytes(bytes: &mut Vec<u8>, op: &ByteOp) {
    let at = |i: &Index, len: usize| i.index(len + 1);
    match op {
        ByteOp::Flip(i, x) if !bytes.is_empty() => {
            let i = i.index(bytes.len());
            bytes[i] ^= x;
        }
        ByteOp::Flip(..) => {}
        ByteOp::Delete(i, n) => {
            let start = at(i, bytes.len());
            let end = (start + n).min(bytes.len());
            bytes.drain(start..end);
        }
        ByteOp::Duplicate(i, n) => {
            let start = at(i, bytes.len());
            let end = (start + n).min(bytes.len());
            let copy = bytes[start..end].to_vec();
            bytes.splice(end..end, copy);
        }
        ByteOp::Insert(i, b) => {
            let at = at(i, bytes.len());
            bytes.splice(at..at, b.iter().copied());
        }
        ByteOp::InsertToken(i, t) => {
            let at = at(i, bytes.len());
            bytes.splice(at..at, t.bytes());
        }
        ByteOp::Truncate(i) => bytes.truncate(at(i, bytes.len())),
    }
}

// ---- damage to the JSON value ----

#[derive(Clone, Debug)]
enum ValueOp {
    /// Replace any node (the envelope itself included) with another value.
    Replace(Index, Value),
    DeleteKey(Index, Index),
    /// Duplicate an array element: duplicate ids, repeated references.
    DuplicateElement(Index, Index),
    /// Set a string to another id of the file: a reference to the wrong kind
    /// of item, a duplicate id, or a swapped reference.
    ChangeToOtherId(Index, Index),
    /// Rename a key of an object to another id of the file (assignments and
    /// rights are keyed by role id).
    RenameKeyToOtherId(Index, Index, Index),
}

fn arb_json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        prop_oneof![
            Just(-1.5),
            Just(0.0),
            Just(100.5),
            Just(255.0),
            Just(256.0),
            Just(1e300)
        ]
        .prop_map(|x: f64| json!(x)),
        arb_text(12).prop_map(Value::String),
        prop::sample::select(vec![
            "",
            " ",
            "A",
            "R",
            "D",
            "process",
            "weekly",
            "tactical",
            "quick",
            "2026-13-01",
            "2026-11-01",
            "2026-11-01T09:30:00Z",
            "opmodel",
        ])
        .prop_map(|s| Value::String(s.into())),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    arb_json_leaf().prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            few(inner.clone(), 3).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("id".to_string()),
                    Just("name".to_string()),
                    "[a-z]{1,6}"
                ],
                inner,
                0..3
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn arb_value_op() -> impl Strategy<Value = ValueOp> {
    prop_oneof![
        (any::<Index>(), arb_json()).prop_map(|(i, v)| ValueOp::Replace(i, v)),
        (any::<Index>(), any::<Index>()).prop_map(|(i, k)| ValueOp::DeleteKey(i, k)),
        (any::<Index>(), any::<Index>()).prop_map(|(i, k)| ValueOp::DuplicateElement(i, k)),
        (any::<Index>(), any::<Index>()).prop_map(|(i, k)| ValueOp::ChangeToOtherId(i, k)),
        (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(i, k, x)| ValueOp::RenameKeyToOtherId(i, k, x)),
    ]
}

/// JSON pointers to every node, the root first.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let k = k.replace('~', "~0").replace('/', "~1");
                pointers(item, format!("{at}/{k}"), out);
            }
        }
        _ => {}
    }
}

/// Every id in the file: values of "id" keys and keys of assignments/rights.
fn ids(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Array(items) => items.iter().for_each(|x| ids(x, out)),
        Value::Object(map) => {
            for (k, item) in map {
                if k == "id" {
                    if let Value::String(s) = item {
                        out.insert(s.clone());
                    }
                }
                if k == "assignments" || k == "rights" {
                    if let Value::Object(cells) = item {
                        out.extend(cells.keys().cloned());
                    }
                }
                ids(item, out);
            }
        }
        _ => {}
    }
}

fn apply_value(root: &mut Value, op: &ValueOp) {
    let mut all = Vec::new();
    pointers(root, String::new(), &mut all);
    let mut known = BTreeSet::new();
    ids(root, &mut known);
    let known: Vec<String> = known.into_iter().collect();
    let node = |i: &Index| all[i.index(all.len())].clone();
    match op {
        ValueOp::Replace(i, v) => *root.pointer_mut(&node(i)).unwrap() = v.clone(),
        ValueOp::DeleteKey(i, k) => {
            if let Some(Value::Object(map)) = root.pointer_mut(&node(i)) {
                if let Some(key) = pick(&map.keys().cloned().collect::<Vec<_>>(), k) {
                    map.remove(&key);
                }
            }
        }
        ValueOp::DuplicateElement(i, k) => {
            if let Some(Value::Array(items)) = root.pointer_mut(&node(i)) {
                if !items.is_empty() {
                    let k = k.index(items.len());
                    let copy = items[k].clone();
                    items.insert(k + 1, copy);
                }
            }
        }
        ValueOp::ChangeToOtherId(i, k) => {
            // Only string nodes: pick the i-th of them.
            let strings: Vec<String> = all
                .iter()
                .filter(|p| root.pointer(p).is_some_and(Value::is_string))
                .cloned()
                .collect();
            if let (Some(p), Some(id)) = (pick(&strings, i), pick(&known, k)) {
                *root.pointer_mut(&p).unwrap() = Value::String(id);
            }
        }
        ValueOp::RenameKeyToOtherId(i, k, x) => {
            if let (Some(Value::Object(map)), Some(id)) =
                (root.pointer_mut(&node(i)), pick(&known, x))
            {
                if let Some(key) = pick(&map.keys().cloned().collect::<Vec<_>>(), k) {
                    let item = map.remove(&key).unwrap();
                    map.insert(id, item);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// (1) Any valid model, however rich, survives an export and an import.
    #[test]
    fn any_rich_valid_model_round_trips(m in arb_model()) {
        prop_assert!(validate(&m).is_ok(), "{:?}", validate(&m));
        let text = file(&m);
        let back = load(text.as_bytes());
        prop_assert!(back.is_ok(), "{:?}", back);
        prop_assert_eq!(back.unwrap(), m);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// (2a) Damaged bytes: flipped, deleted, duplicated, inserted, truncated.
    #[test]
    fn damaged_bytes_load_or_fail_cleanly(
        m in arb_model(),
        compact in any::<bool>(),
        ops in prop::collection::vec(arb_byte_op(), 1..5),
    ) {
        let text = if compact {
            serde_json::from_str::<Value>(&file(&m)).unwrap().to_string()
        } else {
            file(&m)
        };
        let mut bytes = text.into_bytes();
        for op in &ops {
            apply_bytes(&mut bytes, op);
        }
        check(&bytes)?;
    }

    /// (2b) Damaged JSON: nodes replaced, keys deleted, array elements
    /// duplicated, strings and keys changed to another id of the file.
    #[test]
    fn damaged_json_loads_or_fails_cleanly(
        m in arb_model(),
        ops in prop::collection::vec(arb_value_op(), 1..5),
    ) {
        let mut v: Value = serde_json::from_str(&file(&m)).unwrap();
        for op in &ops {
            apply_value(&mut v, op);
        }
        check(v.to_string().as_bytes())?;
    }
}

/// Every single id-to-id substitution in a fixed rich file: each one loads to
/// a valid model or is refused with a message naming where the problem is.
#[test]
fn every_id_swapped_for_every_other() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/bad/bom-then-valid.json"
    ))
    .unwrap();
    let v: Value = serde_json::from_slice(&bytes[3..]).unwrap();
    let mut all = Vec::new();
    pointers(&v, String::new(), &mut all);
    let mut known = BTreeSet::new();
    ids(&v, &mut known);
    let strings: Vec<&String> = all
        .iter()
        .filter(|p| {
            v.pointer(p)
                .and_then(Value::as_str)
                .is_some_and(|s| known.contains(s))
        })
        .collect();
    assert!(strings.len() >= 15, "{strings:?}");
    let mut refused = 0;
    for p in &strings {
        for id in &known {
            let mut changed = v.clone();
            *changed.pointer_mut(p).unwrap() = Value::String(id.clone());
            match load(changed.to_string().as_bytes()) {
                Ok(m) => assert!(validate(&m).is_ok()),
                Err(LoadError::Invalid { problems }) => {
                    refused += 1;
                    assert!(!problems.is_empty());
                }
                Err(e) => panic!("{p} = {id}: not a validation error: {e}"),
            }
        }
    }
    assert!(refused > strings.len(), "{refused} refused");
}

/// The one round-trip failure known today: serde_json, built without its
/// `float_roundtrip` feature, parses some numbers with 16-17 significant
/// digits one or two units in the last place off. The value in the file and
/// the value the app reads then differ, and an export followed by an import
/// changes the model.
#[test]
fn known_float_round_trip_failure() {
    let mut m = Model::new("m".into(), "Floats", t0());
    m.snapshots.push(Snapshot {
        taken_at: t0(),
        // 11 * 100 / 12: a mean of quiz points before rounding. It is
        // written as 91.66666666666667 and read back as 91.66666666666669.
        metrics: [("coverage".to_string(), 1100.0 / 12.0)].into(),
    });
    m.decisions.push(Decision {
        id: "d".into(),
        name: "Spend".into(),
        description: String::new(),
        significance: Significance::Routine,
        reversibility: Reversibility::Reversible,
        authority: Authority {
            kind: AuthorityKind::Conditional,
            condition: String::new(),
            threshold: Some(Threshold {
                amount: 1234.5678901234567,
                unit: "EUR".into(),
            }),
        },
        rights: BTreeMap::new(),
        approvals: vec![],
        escalations: vec![],
        vetoes: vec![],
        documentation: String::new(),
        elements: vec![],
    });
    let back = load(file(&m).as_bytes()).unwrap();
    assert_eq!(back.snapshots, m.snapshots);
    assert_eq!(back, m);
}
