//! One rule set: any sequence of edits, however wrong, applied to a valid
//! model (and undone and redone in any order) leaves a model that passes the
//! load path's validation and comes back unchanged from its file. An edit
//! the rules refuse changes nothing and says why.
//!
//! The edits are drawn as templates whose ids are resolved against the model
//! at the moment they apply: mostly ids that exist (so the edits do
//! something), sometimes ids that do not, empty or too long; texts are
//! ordinary, blank or one character past their limit; numbers include NaN,
//! infinities and scores outside 0-100.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use opmodel::model::limits::{MAX_ID_CHARS, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use opmodel::model::samples::open_sample;
use opmodel::model::*;
use proptest::prelude::*;
use proptest::sample::Index;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 30, 0).unwrap()
}

/// A text for a field limited to `max` characters.
#[derive(Clone, Debug)]
enum Text {
    Plain(String),
    Blank,
    /// Surrounded by spaces (stored trimmed).
    Padded(String),
    /// One character past the limit.
    TooLong,
}

impl Text {
    fn make(&self, max: usize) -> String {
        match self {
            Text::Plain(s) => s.clone(),
            Text::Blank => "   ".into(),
            Text::Padded(s) => format!("  {s} \n"),
            Text::TooLong => "é".repeat(max + 1),
        }
    }
}

fn arb_text() -> impl Strategy<Value = Text> {
    prop_oneof![
        6 => "[A-Za-z0-9 äé\"<>&/-]{1,12}".prop_map(Text::Plain),
        1 => Just(Text::Blank),
        1 => "[a-z]{1,6}".prop_map(Text::Padded),
        1 => Just(Text::TooLong),
    ]
}

/// An id an edit names: one the model has, or one it does not.
#[derive(Clone, Debug)]
enum IdPick {
    Existing(Index),
    Fresh(u16),
    Empty,
    TooLong,
}

fn arb_pick() -> impl Strategy<Value = IdPick> {
    prop_oneof![
        8 => any::<Index>().prop_map(IdPick::Existing),
        2 => any::<u16>().prop_map(IdPick::Fresh),
        1 => Just(IdPick::Empty),
        1 => Just(IdPick::TooLong),
    ]
}

impl IdPick {
    fn resolve(&self, existing: &[String]) -> String {
        match self {
            IdPick::Existing(ix) if !existing.is_empty() => {
                existing[ix.index(existing.len())].clone()
            }
            IdPick::Existing(_) | IdPick::Fresh(_) => format!("new-{}", self.number()),
            IdPick::Empty => String::new(),
            IdPick::TooLong => "x".repeat(MAX_ID_CHARS + 1),
        }
    }

    fn number(&self) -> u16 {
        match self {
            IdPick::Fresh(n) => *n,
            _ => 0,
        }
    }
}

fn arb_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => (0u32..=1000).prop_map(|t| f64::from(t) / 10.0),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(-5.0),
        1 => Just(100.5),
    ]
}

fn arb_letter() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["R", "A", "C", "I", "P", "D", "X", ""]).prop_map(str::to_string)
}

fn arb_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..20_000)
        .prop_map(|d| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(d))
}

fn arb_time() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..4_000_000_000).prop_map(|s| Utc.timestamp_opt(s, 0).unwrap())
}

type SnapshotParts = (DateTime<Utc>, Vec<(String, f64)>);

/// An edit whose ids are picked when it applies.
#[derive(Clone, Debug)]
enum Template {
    RenameModel(Text),
    AddRole(usize, IdPick, Text, Text, Option<Text>),
    RemoveRole(IdPick),
    RenameRole(IdPick, Text),
    SetRoleHolder(IdPick, Option<Text>),
    SetRoleDescription(IdPick, Text),
    MoveRole(IdPick, usize),
    AddElement(usize, IdPick, Text, ElementKind, Text, Vec<(IdPick, Raci)>),
    RemoveElement(IdPick),
    RenameElement(IdPick, Text),
    SetElementKind(IdPick, ElementKind),
    SetElementDescription(IdPick, Text),
    MoveElement(IdPick, usize),
    SetAssignment(IdPick, IdPick, Option<Raci>),
    AddDecision(usize, IdPick, Box<DecisionParts>),
    RemoveDecision(IdPick),
    SetDecision(IdPick, Box<DecisionParts>),
    SetRight(IdPick, IdPick, Option<String>),
    MoveDecision(IdPick, usize),
    SetVocabulary(Vocabulary, Vec<DecisionParts>),
    AddReview(usize, IdPick, Box<ReviewParts>),
    RemoveReview(IdPick),
    SetReview(IdPick, Box<ReviewParts>),
    AddCorrection(usize, IdPick, Box<CorrectionParts>),
    RemoveCorrection(IdPick),
    SetCorrection(IdPick, Box<CorrectionParts>),
    PutAssessment(IdPick, DateTime<Utc>, Vec<(String, f64)>, f64),
    RemoveAssessment(IdPick),
    SetSnapshots(Vec<SnapshotParts>),
    SetWorkflow(IdPick, Box<WorkflowParts>),
    RemoveWorkflow(IdPick),
    /// Data element, definition, (system, is source) holdings.
    SetDataEntity(IdPick, Text, Vec<(IdPick, bool)>),
    RemoveDataEntity(IdPick),
    AddFlow(usize, IdPick, Box<FlowParts>),
    SetFlow(IdPick, Box<FlowParts>),
    RemoveFlow(IdPick),
    AddMetric(usize, IdPick, Box<MetricParts>),
    SetMetric(IdPick, Box<MetricParts>),
    RemoveMetric(IdPick),
    Batch(Vec<Template>),
}

#[derive(Clone, Debug)]
struct FlowParts {
    from: IdPick,
    to: IdPick,
    carries: Vec<IdPick>,
    mechanism: Mechanism,
    schedule: Text,
    validation: Text,
}

fn arb_flow() -> impl Strategy<Value = Box<FlowParts>> {
    (
        arb_fair_pick(),
        arb_fair_pick(),
        prop::collection::vec(arb_fair_pick(), 0..3),
        prop::sample::select(Mechanism::ALL.to_vec()),
        arb_text(),
        arb_fair_text(),
    )
        .prop_map(|(from, to, carries, mechanism, schedule, validation)| {
            Box::new(FlowParts {
                from,
                to,
                carries,
                mechanism,
                schedule,
                validation,
            })
        })
}

#[derive(Clone, Debug)]
struct MetricParts {
    name: Text,
    definition: Text,
    owner: Option<IdPick>,
    measures: Option<IdPick>,
    target: Text,
}

fn arb_metric() -> impl Strategy<Value = Box<MetricParts>> {
    (
        arb_text(),
        arb_fair_text(),
        prop::option::of(arb_fair_pick()),
        prop::option::of(arb_fair_pick()),
        arb_fair_text(),
    )
        .prop_map(|(name, definition, owner, measures, target)| {
            Box::new(MetricParts {
                name,
                definition,
                owner,
                measures,
                target,
            })
        })
}

#[derive(Clone, Debug)]
struct WorkflowParts {
    trigger: Text,
    volume: Option<(f64, Period)>,
    minutes: Option<f64>,
    exceptions: Vec<(Text, Option<IdPick>)>,
    systems: Vec<IdPick>,
    stages: Vec<StageParts>,
}

#[derive(Clone, Debug)]
struct StageParts {
    /// Stage ids come from a small set, so some repeat.
    id: u8,
    name: Text,
    role: Option<IdPick>,
    exit: Text,
    uses: Vec<IdPick>,
    decision: Option<IdPick>,
    passed: Text,
}

/// Mostly a name that fits: a workflow has many parts, and one bad part
/// refuses the whole, so its parts lean towards valid values.
fn arb_fair_text() -> impl Strategy<Value = Text> {
    prop_oneof![
        30 => "[A-Za-z0-9 ]{1,10}".prop_map(Text::Plain),
        1 => Just(Text::Blank),
        1 => Just(Text::TooLong),
    ]
}

/// Mostly an id the model has.
fn arb_fair_pick() -> impl Strategy<Value = IdPick> {
    prop_oneof![
        30 => any::<Index>().prop_map(IdPick::Existing),
        1 => any::<u16>().prop_map(IdPick::Fresh),
        1 => Just(IdPick::Empty),
    ]
}

fn arb_workflow() -> impl Strategy<Value = Box<WorkflowParts>> {
    let (arb_text, arb_pick) = (arb_fair_text, arb_fair_pick);
    let arb_number = || prop_oneof![20 => (0u32..500).prop_map(f64::from), 1 => Just(f64::NAN)];
    let stage = (
        0u8..12,
        arb_text(),
        prop::option::of(arb_pick()),
        arb_text(),
        prop::collection::vec(arb_pick(), 0..2),
        prop::option::of(arb_pick()),
        arb_text(),
    )
        .prop_map(
            |(id, name, role, exit, uses, decision, passed)| StageParts {
                id,
                name,
                role,
                exit,
                uses,
                decision,
                passed,
            },
        );
    (
        arb_text(),
        prop::option::of((
            arb_number(),
            prop::sample::select(vec![Period::Day, Period::Week, Period::Month]),
        )),
        prop::option::of(arb_number()),
        prop::collection::vec((arb_text(), prop::option::of(arb_pick())), 0..2),
        prop::collection::vec(arb_pick(), 0..2),
        prop::collection::vec(stage, 0..4),
    )
        .prop_map(|(trigger, volume, minutes, exceptions, systems, stages)| {
            Box::new(WorkflowParts {
                trigger,
                volume,
                minutes,
                exceptions,
                systems,
                stages,
            })
        })
}

#[derive(Clone, Debug)]
struct DecisionParts {
    name: Text,
    description: Text,
    condition: Text,
    threshold: Option<(f64, Text)>,
    rights: Vec<(IdPick, String)>,
    approvals: Vec<(IdPick, Text)>,
    escalations: Vec<(Text, IdPick)>,
    vetoes: Vec<(IdPick, Text, Text)>,
    elements: Vec<IdPick>,
}

fn arb_decision() -> impl Strategy<Value = Box<DecisionParts>> {
    (
        (arb_text(), arb_text(), arb_text()),
        prop::option::of((arb_number(), arb_text())),
        prop::collection::vec((arb_pick(), arb_letter()), 0..3),
        prop::collection::vec((arb_pick(), arb_text()), 0..2),
        prop::collection::vec((arb_text(), arb_pick()), 0..2),
        prop::collection::vec((arb_pick(), arb_text(), arb_text()), 0..2),
        prop::collection::vec(arb_pick(), 0..3),
    )
        .prop_map(
            |(
                (name, description, condition),
                threshold,
                rights,
                approvals,
                escalations,
                vetoes,
                elements,
            )| {
                Box::new(DecisionParts {
                    name,
                    description,
                    condition,
                    threshold,
                    rights,
                    approvals,
                    escalations,
                    vetoes,
                    elements,
                })
            },
        )
}

#[derive(Clone, Debug)]
struct ReviewParts {
    name: Text,
    level: ReviewLevel,
    cadence: Cadence,
    owner: Option<IdPick>,
    elements: Vec<IdPick>,
    metrics: Vec<IdPick>,
    last_held: Option<NaiveDate>,
}

fn arb_review() -> impl Strategy<Value = Box<ReviewParts>> {
    (
        arb_text(),
        prop::sample::select(vec![
            ReviewLevel::Tactical,
            ReviewLevel::Operational,
            ReviewLevel::Strategic,
        ]),
        prop::sample::select(vec![Cadence::Daily, Cadence::Weekly, Cadence::Annual]),
        prop::option::of(arb_pick()),
        prop::collection::vec(arb_pick(), 0..3),
        prop::collection::vec(arb_pick(), 0..3),
        prop::option::of(arb_date()),
    )
        .prop_map(
            |(name, level, cadence, owner, elements, metrics, last_held)| {
                Box::new(ReviewParts {
                    name,
                    level,
                    cadence,
                    owner,
                    elements,
                    metrics,
                    last_held,
                })
            },
        )
}

#[derive(Clone, Debug)]
struct CorrectionParts {
    finding: Text,
    review: Option<IdPick>,
    owner: Option<IdPick>,
    due: Option<NaiveDate>,
    status: CorrectionStatus,
    notes: Vec<(NaiveDate, Text)>,
}

fn arb_correction() -> impl Strategy<Value = Box<CorrectionParts>> {
    (
        arb_text(),
        prop::option::of(arb_pick()),
        prop::option::of(arb_pick()),
        prop::option::of(arb_date()),
        prop::sample::select(vec![
            CorrectionStatus::Proposed,
            CorrectionStatus::Approved,
            CorrectionStatus::Rejected,
        ]),
        prop::collection::vec((arb_date(), arb_text()), 0..3),
    )
        .prop_map(|(finding, review, owner, due, status, notes)| {
            Box::new(CorrectionParts {
                finding,
                review,
                owner,
                due,
                status,
                notes,
            })
        })
}

fn arb_metrics() -> impl Strategy<Value = Vec<(String, f64)>> {
    prop::collection::vec(("[a-zA-Z]{1,8}", arb_number()), 0..3)
}

fn arb_kind() -> impl Strategy<Value = ElementKind> {
    prop::sample::select(ElementKind::ALL.to_vec())
}

fn arb_raci() -> impl Strategy<Value = Raci> {
    prop::sample::select(Raci::ALL.to_vec())
}

fn arb_template() -> impl Strategy<Value = Template> {
    let leaf = prop_oneof![
        1 => arb_text().prop_map(Template::RenameModel),
        1 => (
            0usize..20,
            arb_pick(),
            arb_text(),
            arb_text(),
            prop::option::of(arb_text())
        )
            .prop_map(|(i, id, n, d, h)| Template::AddRole(i, id, n, d, h)),
        1 => arb_pick().prop_map(Template::RemoveRole),
        1 => (arb_pick(), arb_text()).prop_map(|(p, t)| Template::RenameRole(p, t)),
        1 => (arb_pick(), prop::option::of(arb_text())).prop_map(|(p, t)| Template::SetRoleHolder(p, t)),
        1 => (arb_pick(), arb_text()).prop_map(|(p, t)| Template::SetRoleDescription(p, t)),
        1 => (arb_pick(), 0usize..20).prop_map(|(p, to)| Template::MoveRole(p, to)),
        1 => (
            0usize..20,
            arb_pick(),
            arb_text(),
            arb_kind(),
            arb_text(),
            prop::collection::vec((arb_pick(), arb_raci()), 0..3)
        )
            .prop_map(|(i, id, n, k, d, c)| Template::AddElement(i, id, n, k, d, c)),
        1 => arb_pick().prop_map(Template::RemoveElement),
        1 => (arb_pick(), arb_text()).prop_map(|(p, t)| Template::RenameElement(p, t)),
        1 => (arb_pick(), arb_kind()).prop_map(|(p, k)| Template::SetElementKind(p, k)),
        1 => (arb_pick(), arb_text()).prop_map(|(p, t)| Template::SetElementDescription(p, t)),
        1 => (arb_pick(), 0usize..20).prop_map(|(p, to)| Template::MoveElement(p, to)),
        1 => (arb_pick(), arb_pick(), prop::option::of(arb_raci()))
            .prop_map(|(e, r, l)| Template::SetAssignment(e, r, l)),
        1 => (0usize..20, arb_pick(), arb_decision())
            .prop_map(|(i, p, d)| Template::AddDecision(i, p, d)),
        1 => arb_pick().prop_map(Template::RemoveDecision),
        1 => (arb_pick(), arb_decision()).prop_map(|(p, d)| Template::SetDecision(p, d)),
        1 => (arb_pick(), arb_pick(), prop::option::of(arb_letter()))
            .prop_map(|(d, r, l)| Template::SetRight(d, r, l)),
        1 => (arb_pick(), 0usize..20).prop_map(|(p, to)| Template::MoveDecision(p, to)),
        1 => (
            prop::sample::select(Vocabulary::ALL.to_vec()),
            prop::collection::vec(arb_decision().prop_map(|d| *d), 0..3)
        )
            .prop_map(|(v, ds)| Template::SetVocabulary(v, ds)),
        1 => (0usize..20, arb_pick(), arb_review()).prop_map(|(i, p, r)| Template::AddReview(i, p, r)),
        1 => arb_pick().prop_map(Template::RemoveReview),
        1 => (arb_pick(), arb_review()).prop_map(|(p, r)| Template::SetReview(p, r)),
        1 => (0usize..20, arb_pick(), arb_correction())
            .prop_map(|(i, p, c)| Template::AddCorrection(i, p, c)),
        1 => arb_pick().prop_map(Template::RemoveCorrection),
        1 => (arb_pick(), arb_correction()).prop_map(|(p, c)| Template::SetCorrection(p, c)),
        1 => (arb_pick(), arb_time(), arb_metrics(), arb_number())
            .prop_map(|(p, t, s, o)| Template::PutAssessment(p, t, s, o)),
        1 => arb_pick().prop_map(Template::RemoveAssessment),
        1 => prop::collection::vec((arb_time(), arb_metrics()), 0..3).prop_map(Template::SetSnapshots),
        // Weighted up: one of many kinds of edit, and the one with the
        // most references to keep valid.
        8 => (arb_fair_pick(), arb_workflow()).prop_map(|(p, w)| Template::SetWorkflow(p, w)),
        1 => arb_pick().prop_map(Template::RemoveWorkflow),
        3 => (arb_fair_pick(), arb_fair_text(), prop::collection::vec((arb_fair_pick(), any::<bool>()), 0..3))
            .prop_map(|(p, t, h)| Template::SetDataEntity(p, t, h)),
        1 => arb_pick().prop_map(Template::RemoveDataEntity),
        2 => (0usize..20, arb_pick(), arb_flow()).prop_map(|(i, p, f)| Template::AddFlow(i, p, f)),
        2 => (arb_pick(), arb_flow()).prop_map(|(p, f)| Template::SetFlow(p, f)),
        1 => arb_pick().prop_map(Template::RemoveFlow),
        2 => (0usize..20, arb_pick(), arb_metric()).prop_map(|(i, p, k)| Template::AddMetric(i, p, k)),
        2 => (arb_pick(), arb_metric()).prop_map(|(p, k)| Template::SetMetric(p, k)),
        1 => arb_pick().prop_map(Template::RemoveMetric),
    ];
    leaf.prop_recursive(1, 6, 3, |inner| {
        prop::collection::vec(inner, 1..4).prop_map(Template::Batch)
    })
}

/// The ids of each kind of item, for picking.
fn ids<T>(items: &[T], id: fn(&T) -> &String) -> Vec<String> {
    items.iter().map(|x| id(x).clone()).collect()
}

fn decision(m: &Model, id: String, p: &DecisionParts) -> Decision {
    let roles = ids(&m.roles, |r| &r.id);
    let elements = ids(&m.elements, |e| &e.id);
    Decision {
        id,
        name: p.name.make(MAX_NAME_CHARS),
        description: p.description.make(MAX_TEXT_CHARS),
        significance: Significance::Significant,
        reversibility: Reversibility::Irreversible,
        authority: Authority {
            kind: AuthorityKind::Conditional,
            condition: p.condition.make(MAX_TEXT_CHARS),
            threshold: p.threshold.as_ref().map(|(amount, unit)| Threshold {
                amount: *amount,
                unit: unit.make(MAX_NAME_CHARS),
            }),
        },
        rights: p
            .rights
            .iter()
            .map(|(r, l)| (r.resolve(&roles), l.clone()))
            .collect(),
        approvals: p
            .approvals
            .iter()
            .map(|(r, when)| Approval {
                role: r.resolve(&roles),
                when: when.make(MAX_TEXT_CHARS),
            })
            .collect(),
        escalations: p
            .escalations
            .iter()
            .map(|(c, r)| Escalation {
                condition: c.make(MAX_TEXT_CHARS),
                role: r.resolve(&roles),
            })
            .collect(),
        vetoes: p
            .vetoes
            .iter()
            .map(|(r, c, rec)| Veto {
                role: r.resolve(&roles),
                circumstances: c.make(MAX_TEXT_CHARS),
                record: rec.make(MAX_TEXT_CHARS),
            })
            .collect(),
        documentation: String::new(),
        elements: p.elements.iter().map(|e| e.resolve(&elements)).collect(),
    }
}

fn review(m: &Model, id: String, p: &ReviewParts) -> Review {
    let roles = ids(&m.roles, |r| &r.id);
    let elements = ids(&m.elements, |e| &e.id);
    Review {
        id,
        name: p.name.make(MAX_NAME_CHARS),
        level: p.level,
        cadence: p.cadence,
        owner: p.owner.as_ref().map(|o| o.resolve(&roles)),
        elements: p.elements.iter().map(|e| e.resolve(&elements)).collect(),
        metrics: p
            .metrics
            .iter()
            .map(|k| k.resolve(&ids(&m.metrics, |k| &k.id)))
            .collect(),
        last_held: p.last_held,
    }
}

fn correction(m: &Model, id: String, p: &CorrectionParts) -> Correction {
    let roles = ids(&m.roles, |r| &r.id);
    let reviews = ids(&m.reviews, |r| &r.id);
    Correction {
        id,
        finding: p.finding.make(MAX_TEXT_CHARS),
        review: p.review.as_ref().map(|r| r.resolve(&reviews)),
        owner: p.owner.as_ref().map(|o| o.resolve(&roles)),
        due: p.due,
        status: p.status,
        history: p
            .notes
            .iter()
            .map(|(on, note)| StatusChange {
                status: p.status,
                on: *on,
                note: note.make(MAX_TEXT_CHARS),
            })
            .collect(),
    }
}

fn flow(m: &Model, id: String, p: &FlowParts) -> Flow {
    let elements = ids(&m.elements, |e| &e.id);
    Flow {
        id,
        from: p.from.resolve(&elements),
        to: p.to.resolve(&elements),
        carries: p.carries.iter().map(|c| c.resolve(&elements)).collect(),
        mechanism: p.mechanism,
        schedule: p.schedule.make(MAX_NAME_CHARS),
        validation: p.validation.make(MAX_TEXT_CHARS),
    }
}

fn metric(m: &Model, id: String, p: &MetricParts) -> Metric {
    let roles = ids(&m.roles, |r| &r.id);
    let elements = ids(&m.elements, |e| &e.id);
    Metric {
        id,
        name: p.name.make(MAX_NAME_CHARS),
        definition: p.definition.make(MAX_TEXT_CHARS),
        calculation: String::new(),
        owner: p.owner.as_ref().map(|o| o.resolve(&roles)),
        measures: p.measures.as_ref().map(|e| e.resolve(&elements)),
        target: p.target.make(MAX_NAME_CHARS),
    }
}

fn metrics(pairs: &[(String, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().cloned().collect()
}

/// The edit a template stands for, on the model as it is now.
fn resolve(m: &Model, t: &Template) -> Op {
    let roles = ids(&m.roles, |r| &r.id);
    let elements = ids(&m.elements, |e| &e.id);
    let decisions = ids(&m.decisions, |d| &d.id);
    let reviews = ids(&m.reviews, |r| &r.id);
    let corrections = ids(&m.corrections, |c| &c.id);
    let assessments = ids(&m.assessments, |a| &a.id);
    match t {
        Template::RenameModel(n) => Op::RenameModel(n.make(MAX_NAME_CHARS)),
        Template::AddRole(index, id, name, description, holder) => Op::AddRole {
            index: *index,
            role: Role {
                id: id.resolve(&roles),
                name: name.make(MAX_NAME_CHARS),
                description: description.make(MAX_TEXT_CHARS),
                holder: holder.as_ref().map(|h| h.make(MAX_NAME_CHARS)),
            },
        },
        Template::RemoveRole(p) => Op::RemoveRole {
            id: p.resolve(&roles),
        },
        Template::RenameRole(p, n) => Op::RenameRole {
            id: p.resolve(&roles),
            name: n.make(MAX_NAME_CHARS),
        },
        Template::SetRoleHolder(p, h) => Op::SetRoleHolder {
            id: p.resolve(&roles),
            holder: h.as_ref().map(|h| h.make(MAX_NAME_CHARS)),
        },
        Template::SetRoleDescription(p, t) => Op::SetRoleDescription {
            id: p.resolve(&roles),
            text: t.make(MAX_TEXT_CHARS),
        },
        Template::MoveRole(p, to) => Op::MoveRole {
            id: p.resolve(&roles),
            to: *to,
        },
        Template::AddElement(index, id, name, kind, description, cells) => Op::AddElement {
            index: *index,
            element: Element {
                id: id.resolve(&elements),
                name: name.make(MAX_NAME_CHARS),
                kind: *kind,
                description: description.make(MAX_TEXT_CHARS),
                assignments: cells.iter().map(|(r, l)| (r.resolve(&roles), *l)).collect(),
            },
        },
        Template::RemoveElement(p) => Op::RemoveElement {
            id: p.resolve(&elements),
        },
        Template::RenameElement(p, n) => Op::RenameElement {
            id: p.resolve(&elements),
            name: n.make(MAX_NAME_CHARS),
        },
        Template::SetElementKind(p, kind) => Op::SetElementKind {
            id: p.resolve(&elements),
            kind: *kind,
        },
        Template::SetElementDescription(p, t) => Op::SetElementDescription {
            id: p.resolve(&elements),
            text: t.make(MAX_TEXT_CHARS),
        },
        Template::MoveElement(p, to) => Op::MoveElement {
            id: p.resolve(&elements),
            to: *to,
        },
        Template::SetAssignment(e, r, letter) => Op::SetAssignment {
            element: e.resolve(&elements),
            role: r.resolve(&roles),
            letter: *letter,
        },
        Template::AddDecision(index, id, parts) => Op::AddDecision {
            index: *index,
            decision: Box::new(decision(m, id.resolve(&decisions), parts)),
        },
        Template::RemoveDecision(p) => Op::RemoveDecision {
            id: p.resolve(&decisions),
        },
        Template::SetDecision(p, parts) => {
            Op::SetDecision(Box::new(decision(m, p.resolve(&decisions), parts)))
        }
        Template::SetRight(d, r, letter) => Op::SetRight {
            decision: d.resolve(&decisions),
            role: r.resolve(&roles),
            letter: letter.clone(),
        },
        Template::MoveDecision(p, to) => Op::MoveDecision {
            id: p.resolve(&decisions),
            to: *to,
        },
        Template::SetVocabulary(vocabulary, parts) => Op::SetVocabulary {
            vocabulary: *vocabulary,
            decisions: parts
                .iter()
                .enumerate()
                .map(|(i, p)| decision(m, format!("v{i}"), p))
                .collect(),
        },
        Template::AddReview(index, id, parts) => Op::AddReview {
            index: *index,
            review: Box::new(review(m, id.resolve(&reviews), parts)),
        },
        Template::RemoveReview(p) => Op::RemoveReview {
            id: p.resolve(&reviews),
        },
        Template::SetReview(p, parts) => {
            Op::SetReview(Box::new(review(m, p.resolve(&reviews), parts)))
        }
        Template::AddCorrection(index, id, parts) => Op::AddCorrection {
            index: *index,
            correction: Box::new(correction(m, id.resolve(&corrections), parts)),
        },
        Template::RemoveCorrection(p) => Op::RemoveCorrection {
            id: p.resolve(&corrections),
        },
        Template::SetCorrection(p, parts) => {
            Op::SetCorrection(Box::new(correction(m, p.resolve(&corrections), parts)))
        }
        Template::PutAssessment(p, taken_at, scores, overall) => {
            Op::PutAssessment(Box::new(Assessment {
                id: p.resolve(&assessments),
                kind: AssessmentKind::Quick,
                taken_at: *taken_at,
                answers: [("q1".to_string(), 2u8)].into(),
                scores: metrics(scores),
                overall: *overall,
                // Half of them a team check-up's, with as many people as
                // scores, named when the overall is high: the team record
                // goes through the same edits, undo and merges.
                team: (*overall > 50.0).then(|| TeamRecord {
                    checkup: "c1".into(),
                    name: "Team".into(),
                    ask_names: *overall > 75.0,
                    responses: (0..scores.len())
                        .map(|i| TeamResponse {
                            respondent: format!("r{i}"),
                            name: (*overall > 75.0).then(|| format!("P{i}")),
                            answers: [("q1".to_string(), (i % 4) as u8)].into(),
                        })
                        .collect(),
                }),
            }))
        }
        Template::RemoveAssessment(p) => Op::RemoveAssessment {
            id: p.resolve(&assessments),
        },
        Template::SetSnapshots(list) => Op::SetSnapshots(
            list.iter()
                .map(|(taken_at, pairs)| Snapshot {
                    taken_at: *taken_at,
                    metrics: metrics(pairs),
                })
                .collect(),
        ),
        Template::SetWorkflow(p, parts) => {
            let ds = ids(&m.decisions, |d| &d.id);
            let pick_role = |r: &IdPick| r.resolve(&roles);
            Op::SetWorkflow(Box::new(Workflow {
                element: p.resolve(&elements),
                trigger: parts.trigger.make(MAX_TEXT_CHARS),
                volume: parts.volume.map(|(runs, per)| Volume { runs, per }),
                minutes_per_run: parts.minutes,
                exceptions: parts
                    .exceptions
                    .iter()
                    .map(|(c, r)| Exception {
                        condition: c.make(MAX_TEXT_CHARS),
                        role: r.as_ref().map(pick_role),
                        action: String::new(),
                    })
                    .collect(),
                systems: parts.systems.iter().map(|e| e.resolve(&elements)).collect(),
                // The same picks as the systems: any element id is a
                // reference to keep valid, whatever its kind.
                produces: parts.systems.iter().map(|e| e.resolve(&elements)).collect(),
                stages: parts
                    .stages
                    .iter()
                    .map(|s| Stage {
                        id: format!("s{}", s.id),
                        name: s.name.make(MAX_NAME_CHARS),
                        role: s.role.as_ref().map(pick_role),
                        exit: s.exit.make(MAX_TEXT_CHARS),
                        reads: s.uses.iter().map(|e| e.resolve(&elements)).collect(),
                        decision: s.decision.as_ref().map(|d| d.resolve(&ds)),
                        handoff: Handoff {
                            passed: s.passed.make(MAX_TEXT_CHARS),
                            check: String::new(),
                        },
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            }))
        }
        Template::RemoveWorkflow(p) => Op::RemoveWorkflow {
            element: p.resolve(&ids(&m.workflows, |w| &w.element)),
        },
        Template::SetDataEntity(p, definition, holds) => Op::SetDataEntity(Box::new(DataEntity {
            element: p.resolve(&elements),
            definition: definition.make(MAX_TEXT_CHARS),
            systems: holds
                .iter()
                .map(|(s, source)| {
                    let hold = if *source { Hold::Source } else { Hold::Copy };
                    (s.resolve(&elements), hold)
                })
                .collect(),
        })),
        Template::RemoveDataEntity(p) => Op::RemoveDataEntity {
            element: p.resolve(&ids(&m.data_entities, |d| &d.element)),
        },
        Template::AddFlow(index, p, parts) => Op::AddFlow {
            index: *index,
            flow: Box::new(flow(m, p.resolve(&ids(&m.flows, |f| &f.id)), parts)),
        },
        Template::SetFlow(p, parts) => Op::SetFlow(Box::new(flow(
            m,
            p.resolve(&ids(&m.flows, |f| &f.id)),
            parts,
        ))),
        Template::RemoveFlow(p) => Op::RemoveFlow {
            id: p.resolve(&ids(&m.flows, |f| &f.id)),
        },
        Template::AddMetric(index, p, parts) => Op::AddMetric {
            index: *index,
            metric: Box::new(metric(m, p.resolve(&ids(&m.metrics, |k| &k.id)), parts)),
        },
        Template::SetMetric(p, parts) => Op::SetMetric(Box::new(metric(
            m,
            p.resolve(&ids(&m.metrics, |k| &k.id)),
            parts,
        ))),
        Template::RemoveMetric(p) => Op::RemoveMetric {
            id: p.resolve(&ids(&m.metrics, |k| &k.id)),
        },
        // The parts of a batch are resolved against the model before it:
        // a later part may name what an earlier one removes, and the whole
        // batch is then refused and rolled back.
        Template::Batch(parts) => Op::Batch(parts.iter().map(|p| resolve(m, p)).collect()),
    }
}

/// A step of a session: an edit, or undo, or redo.
#[derive(Clone, Debug)]
enum Step {
    Edit(Template),
    Undo,
    Redo,
}

fn arb_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => arb_template().prop_map(Step::Edit),
        1 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

/// The three sample files, as the app fetches them.
const SAMPLE_FILES: [&str; 3] = [
    include_str!("../public/samples/ecommerce.opmodel.json"),
    include_str!("../public/samples/saas.opmodel.json"),
    include_str!("../public/samples/agency.opmodel.json"),
];

fn start(which: usize) -> Model {
    match SAMPLE_FILES.get(which) {
        Some(text) => open_sample(text.as_bytes(), "m".into(), t0()).expect("a sample"),
        None => Model::new("m".into(), "Empty", t0()),
    }
}

fn round_trips(m: &Model) -> Result<(), TestCaseError> {
    let back = load(to_file_json(m, t0()).as_bytes());
    prop_assert_eq!(
        back.as_ref(),
        Ok(m),
        "the file does not give the model back"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any sequence of edits, undos and redos keeps the model valid, and
    /// the model after it comes back unchanged from its file.
    #[test]
    fn any_edits_keep_the_model_valid_and_round_trippable(
        which in 0..=SAMPLE_FILES.len(),
        steps in prop::collection::vec(arb_step(), 1..25),
    ) {
        let mut m = start(which);
        prop_assert!(validate(&m).is_ok());
        let mut history = History::default();
        for step in &steps {
            match step {
                Step::Edit(t) => {
                    let op = resolve(&m, t);
                    let before = m.clone();
                    match history.apply(&mut m, op.clone()) {
                        Ok(()) => {}
                        Err(e) => {
                            prop_assert_eq!(&m, &before, "a refused edit changed the model");
                            // Every refusal says something, in a sentence.
                            let said = e.to_string();
                            prop_assert!(said.ends_with('.') && said.len() > 10, "{}", said);
                        }
                    }
                }
                Step::Undo => {
                    history.undo(&mut m);
                }
                Step::Redo => {
                    history.redo(&mut m);
                }
            }
            let problems = validate(&m);
            prop_assert!(problems.is_ok(), "after {:?}: {:?}", step, problems);
        }
        round_trips(&m)?;
        // The comparison of the start with the end: nothing against
        // itself, and each direction the mirror of the other.
        let first = start(which);
        prop_assert!(opmodel::model::compare::compare(&m, &m).is_empty());
        let there = opmodel::model::compare::compare(&first, &m);
        let back = opmodel::model::compare::compare(&m, &first);
        use opmodel::model::compare::{Kind, Part};
        for part in Part::ALL {
            prop_assert_eq!(there.count(part, Kind::Added), back.count(part, Kind::Removed), "{:?}", part);
            prop_assert_eq!(there.count(part, Kind::Changed), back.count(part, Kind::Changed), "{:?}", part);
        }
        let design_same = first.name == m.name && first.roles == m.roles && first.elements == m.elements
            && first.decisions == m.decisions && first.reviews == m.reviews && first.corrections == m.corrections
            && first.workflows == m.workflows && first.data_entities == m.data_entities
            && first.flows == m.flows && first.metrics == m.metrics && first.settings == m.settings;
        prop_assert_eq!(there.is_empty(), design_same, "{:?}", there);
    }
}

/// The edit the rules once let through: a threshold that is not a number
/// was stored, and the next load refused the model and moved it to a
/// backup. It is now refused, with the load path's own words.
#[test]
fn a_threshold_that_is_not_a_number_is_refused() {
    let mut m = start(0);
    let mut d = m.decisions[0].clone();
    d.authority.threshold = Some(Threshold {
        amount: f64::NAN,
        unit: "EUR".into(),
    });
    let e = m.apply(Op::SetDecision(Box::new(d.clone()))).unwrap_err();
    assert_eq!(e.to_string(), "Not a number.");
    assert_eq!(e.path(), Some("decisions[0].authority.threshold.amount"));
    d.authority.threshold = Some(Threshold {
        amount: 5000.0,
        unit: "€".repeat(MAX_NAME_CHARS + 1),
    });
    let e = m.apply(Op::SetDecision(Box::new(d))).unwrap_err();
    assert_eq!(e.to_string(), "The text is longer than 200 characters.");
    assert_eq!(e.path(), Some("decisions[0].authority.threshold.unit"));
    assert_eq!(m, start(0));
    round_trips(&m).unwrap();
}

/// A score outside 0-100, which loading refuses, cannot be saved either.
#[test]
fn an_out_of_range_score_is_refused() {
    let mut m = start(3);
    let e = m
        .apply(Op::PutAssessment(Box::new(Assessment {
            id: "a".into(),
            kind: AssessmentKind::Quick,
            taken_at: t0(),
            answers: Default::default(),
            scores: Default::default(),
            overall: 120.0,
            team: None,
        })))
        .unwrap_err();
    assert_eq!(e.to_string(), "A score must be between 0 and 100.");
    assert!(m.assessments.is_empty());
}

/// Removing a role, an element or a decision that a workflow names leaves
/// a valid model (the references go with it), and one undo brings all back.
#[test]
fn removals_reach_into_workflows_and_undo_restores_them() {
    let base = start(0);
    let role = base.roles[0].id.clone();
    let system = base
        .elements
        .iter()
        .find(|e| e.kind == ElementKind::System)
        .unwrap()
        .id
        .clone();
    let decision = base.decisions[0].id.clone();
    let described = base.elements[0].id.clone();
    let mut w = Workflow::new(described.clone());
    w.systems = vec![system.clone()];
    w.inputs = vec![Exchange {
        what: "Order".into(),
        role: Some(role.clone()),
    }];
    w.stages = vec![Stage {
        id: "s1".into(),
        name: "Check".into(),
        role: Some(role.clone()),
        reads: vec![system.clone()],
        decision: Some(decision.clone()),
        ..Default::default()
    }];
    for removal in [
        Op::RemoveRole { id: role.clone() },
        Op::RemoveElement { id: system.clone() },
        Op::RemoveDecision {
            id: decision.clone(),
        },
        Op::RemoveElement {
            id: described.clone(),
        },
    ] {
        let mut m = base.clone();
        let mut h = History::default();
        h.apply(&mut m, Op::SetWorkflow(Box::new(w.clone())))
            .unwrap();
        let before = m.clone();
        h.apply(&mut m, removal.clone()).unwrap();
        assert!(validate(&m).is_ok(), "{removal:?}: {:?}", validate(&m));
        round_trips(&m).unwrap();
        assert!(h.undo(&mut m));
        assert_eq!(m, before, "{removal:?} undone");
    }
}

/// A model after `steps` (refused edits change nothing; undo and redo as
/// a person would).
fn session(which: usize, steps: &[Step]) -> Model {
    let mut m = start(which);
    let mut history = History::default();
    for step in steps {
        match step {
            Step::Edit(t) => {
                let op = resolve(&m, t);
                let _ = history.apply(&mut m, op);
            }
            Step::Undo => {
                history.undo(&mut m);
            }
            Step::Redo => {
                history.redo(&mut m);
            }
        }
    }
    m
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// The merge's laws on two sessions of edits from one base: only one
    /// side changed, that side's model; the same changes on both sides,
    /// once and without conflict; and whatever the two sides did, a model
    /// that passes validation, however each conflict is settled.
    #[test]
    fn merge_laws(
        which in 0..=SAMPLE_FILES.len(),
        mine_steps in prop::collection::vec(arb_step(), 1..12),
        theirs_steps in prop::collection::vec(arb_step(), 1..12),
    ) {
        use opmodel::model::merge::{merge, resolve, Side};
        let base = start(which);
        let mine = session(which, &mine_steps);
        let theirs = session(which, &theirs_steps);
        prop_assert_eq!(&merge(&base, &mine, &base).model, &mine);
        prop_assert_eq!(&merge(&base, &base, &theirs).model, &theirs);
        let same = merge(&base, &mine, &mine);
        prop_assert_eq!(&same.model, &mine);
        prop_assert!(same.conflicts.is_empty());
        let both = merge(&base, &mine, &theirs);
        prop_assert_eq!(validate(&both.model), Ok(()));
        // And it round-trips through the file, as an export of it would.
        prop_assert_eq!(load(to_file_json(&both.model, t0()).as_bytes()), Ok(both.model.clone()));
        // Without a conflict, the merge does not depend on whose side is whose.
        if both.conflicts.is_empty() {
            let other = merge(&base, &theirs, &mine);
            prop_assert!(other.conflicts.is_empty());
            // The same content; where both sides added items at one place,
            // only their order may differ.
            let differences = opmodel::model::compare::compare(&both.model, &other.model);
            prop_assert!(
                differences.changes.iter().all(|c| c.field.as_deref() == Some("position")),
                "{:?}",
                differences.changes
            );
        }
        for side in [Side::Mine, Side::Theirs] {
            let all: Vec<(usize, Side)> = (0..both.conflicts.len()).map(|i| (i, side)).collect();
            if let Ok(settled) = resolve(&both, &all) {
                prop_assert_eq!(validate(&settled), Ok(()));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// A model's lineage survives the file: exported as a version, received
    /// in another browser, and exported again from there, each file loads to
    /// the same model, of the same family, descending from the versions
    /// before it (at most `MAX_ANCESTORS`).
    #[test]
    fn lineage_round_trips_through_files(
        which in 0..=SAMPLE_FILES.len(),
        steps in prop::collection::vec(arb_step(), 0..6),
        trips in 1usize..30,
    ) {
        use opmodel::model::limits::MAX_ANCESTORS;
        let mut here = session(which, &steps);
        let family = here.lineage_id().to_string();
        for trip in 0..trips {
            let at = t0() + chrono::Duration::minutes(trip as i64);
            let stamp = Stamp { id: format!("v{trip}"), at };
            let file = here.stamped(stamp.clone(), &[]);
            let back = load(to_file_json(&file, at).as_bytes());
            prop_assert_eq!(&back, &Ok(file.clone()));
            let mut there = file.clone();
            there.id = format!("copy-{trip}");
            there.received(&file);
            prop_assert_eq!(there.lineage_id(), family.as_str());
            prop_assert_eq!(there.based_on().last(), Some(&stamp));
            prop_assert!(there.based_on().len() <= MAX_ANCESTORS);
            prop_assert_eq!(validate(&there), Ok(()));
            here = there;
        }
    }
}
