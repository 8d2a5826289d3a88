//! The control test: an organization runs an operating system when, for any
//! part of its operation, it can say at once who owns it, who decides about
//! it, how it knows the work matches the design, and what happens when a
//! problem turns up. A model answers the four questions element by element,
//! from its own data; each answer passes or fails with a sentence saying why.

use chrono::NaiveDate;

use super::correction::{correction_overdue, is_closed};
use super::review::{covering_reviews, review_state, ReviewState};
use super::{and_list, days, quoted, role_name};
use crate::model::types::{CorrectionStatus, Element, ElementKind, Id, Model, Review};
use crate::model::workflow::checks::documented;

/// The four questions, in our words, in the order of [`ControlRow::answers`].
pub const QUESTIONS: [&str; 4] = [
    "Who owns it?",
    "Who makes its decisions?",
    "How do we know it runs as designed?",
    "What happens when a problem is found?",
];

/// One answer: whether it passes, and a sentence saying why.
#[derive(Clone, Debug, PartialEq)]
pub struct ControlAnswer {
    pub pass: bool,
    pub reason: String,
}

impl ControlAnswer {
    fn pass(reason: String) -> Self {
        ControlAnswer { pass: true, reason }
    }

    fn fail(reason: String) -> Self {
        ControlAnswer {
            pass: false,
            reason,
        }
    }
}

/// The four answers for one element.
#[derive(Clone, Debug, PartialEq)]
pub struct ControlRow {
    pub element: Id,
    pub answers: [ControlAnswer; 4],
}

impl ControlRow {
    /// How many of the four questions pass.
    pub fn passed(&self) -> usize {
        self.answers.iter().filter(|a| a.pass).count()
    }

    /// All four pass: the element is under control.
    pub fn under_control(&self) -> bool {
        self.passed() == 4
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ControlReport {
    /// One row per element, in the model's order.
    pub rows: Vec<ControlRow>,
    /// Percentage of all answers (four per element) that pass; `None` for a
    /// model with no elements.
    pub score: Option<f64>,
}

impl ControlReport {
    /// Elements for which all four questions pass.
    pub fn under_control(&self) -> usize {
        self.rows.iter().filter(|r| r.under_control()).count()
    }

    /// Percentage of elements for which question `q` (0-3) passes; `None`
    /// with no elements.
    pub fn question_rate(&self, q: usize) -> Option<f64> {
        let n = self.rows.len();
        (n > 0).then(|| {
            let passed = self.rows.iter().filter(|r| r.answers[q].pass).count();
            100.0 * passed as f64 / n as f64
        })
    }

    pub fn row(&self, element: &str) -> Option<&ControlRow> {
        self.rows.iter().find(|r| r.element == element)
    }
}

/// Asks the four questions of every element on `today`. The rules:
/// 1. Who owns it: exactly one role holds the A on the element.
/// 2. Who makes its decisions: at least one decision lists the element, and
///    every decision that lists it has exactly one decider (the role with
///    the vocabulary's deciding letter, see `Decision::deciders`).
/// 3. How do we know it runs as designed: at least one review covers the
///    element and has been held and is not overdue (see
///    [`review_state`]). The answer names the on-time review that comes
///    due soonest. A workflow element must also have its flow documented
///    completely (stages, exit criteria on each, every handoff defined:
///    [`documented`]).
/// 4. What happens when a problem is found: at least one review covering
///    the element has an owner and none of the open corrections raised
///    from it is stuck, meaning implemented but not validated, or past its
///    deadline. (Whether the review is held on time is question 3's
///    business.)
pub fn control_test(model: &Model, today: NaiveDate) -> ControlReport {
    let rows: Vec<ControlRow> = model
        .elements
        .iter()
        .map(|e| ControlRow {
            element: e.id.clone(),
            answers: [
                who_owns(model, e),
                who_decides(model, e),
                how_we_know(model, e, today),
                what_happens(model, e, today),
            ],
        })
        .collect();
    let total = 4 * rows.len();
    let passed: usize = rows.iter().map(ControlRow::passed).sum();
    let score = (total > 0).then(|| 100.0 * passed as f64 / total as f64);
    ControlReport { rows, score }
}

/// Question 1: exactly one A, among the model's roles, as the ownership
/// checks count it.
fn who_owns(model: &Model, e: &Element) -> ControlAnswer {
    let owners: Vec<String> = model
        .roles
        .iter()
        .filter(|r| e.assignments.get(&r.id).is_some_and(|l| l.is_accountable()))
        .map(|r| r.name.clone())
        .collect();
    match owners.as_slice() {
        [] => ControlAnswer::fail("It has no owner: no role is accountable for it.".into()),
        [one] => ControlAnswer::pass(format!("Owned by {one}.")),
        many => ControlAnswer::fail(format!(
            "It is shared by {}, so in practice nobody owns it.",
            and_list(many)
        )),
    }
}

/// Question 2: linked decisions, each with exactly one decider.
fn who_decides(model: &Model, e: &Element) -> ControlAnswer {
    let linked: Vec<_> = model
        .decisions
        .iter()
        .filter(|d| d.elements.contains(&e.id))
        .collect();
    if linked.is_empty() {
        return ControlAnswer::fail("No decision is linked to it.".into());
    }
    let mut problems = Vec::new();
    let mut deciders: Vec<String> = Vec::new();
    for d in &linked {
        let who: Vec<String> = d
            .deciders(model)
            .into_iter()
            .map(|r| role_name(model, r))
            .collect();
        match who.as_slice() {
            [] => problems.push(format!("{} has no decider.", quoted(&d.name))),
            [one] => {
                if !deciders.contains(one) {
                    deciders.push(one.clone());
                }
            }
            many => problems.push(format!(
                "{} has {} deciders ({}): only one role can have the final say.",
                quoted(&d.name),
                many.len(),
                and_list(many)
            )),
        }
    }
    if problems.is_empty() {
        let n = linked.len();
        let plural = if n == 1 { "decision" } else { "decisions" };
        ControlAnswer::pass(format!(
            "Decided by {} ({n} {plural}).",
            and_list(&deciders)
        ))
    } else {
        ControlAnswer::fail(problems.join(" "))
    }
}

/// Question 3: a covering review, held and on time; for a workflow, also
/// its flow written down completely, since without a design there is
/// nothing for the review to compare the work with.
fn how_we_know(model: &Model, e: &Element, today: NaiveDate) -> ControlAnswer {
    let review = review_answer(model, e, today);
    let mut gaps: Vec<String> = Vec::new();
    let mut designed: Option<String> = None;
    match e.kind {
        ElementKind::Workflow => {
            let gap = match model.workflow(&e.id).map(documented) {
                None => Some("Its flow is not written down, so there is no design to check the work against."),
                Some(d) if !d.has_stages => Some("Its flow has no stages written down, so there is no design to check the work against."),
                Some(d) if !d.exit_everywhere => Some("A stage of its flow has no exit criteria, so nothing says what \u{201c}as designed\u{201d} means there."),
                Some(d) if !d.handoffs_defined => Some("A handoff in its flow does not say what is passed on and what the receiver checks."),
                Some(_) => None,
            };
            match gap {
                Some(gap) => gaps.push(gap.to_string()),
                None => designed = Some("Its flow is documented.".into()),
            }
        }
        ElementKind::Data => {
            let sources: Vec<&Id> = model
                .data_entity(&e.id)
                .map(|d| d.sources().collect())
                .unwrap_or_default();
            match sources.as_slice() {
                [] => gaps.push("It has no source of truth, so nobody knows which copy to trust.".into()),
                [one] => {
                    let system = model.element(one).map_or(one.as_str(), |s| s.name.as_str());
                    designed = Some(format!("Its source of truth is {}.", quoted(system)));
                }
                many => gaps.push(format!(
                    "It has {} sources of truth, so its copies can disagree with no rule to settle it.",
                    many.len()
                )),
            }
        }
        _ => {}
    }
    // The numbers that measure it must be owned, defined and looked at.
    for m in model
        .metrics
        .iter()
        .filter(|m| m.measures.as_deref() == Some(e.id.as_str()))
    {
        let mut missing = Vec::new();
        if m.owner.is_none() {
            missing.push("no owner".to_string());
        }
        if !m.defined() {
            missing.push("no definition".to_string());
        }
        if model.reviews_of_metric(&m.id).next().is_none() {
            missing.push("no review".to_string());
        }
        if !missing.is_empty() {
            gaps.push(format!(
                "The metric {} that measures it has {}.",
                quoted(&m.name),
                and_list(&missing)
            ));
        }
    }
    match (gaps.is_empty(), review.pass) {
        (true, true) => match designed {
            Some(d) => ControlAnswer::pass(format!("{d} {}", review.reason)),
            None => review,
        },
        (true, false) => review,
        (false, true) => ControlAnswer::fail(gaps.join(" ")),
        (false, false) => ControlAnswer::fail(format!("{} {}", gaps.join(" "), review.reason)),
    }
}

/// The review part of question 3.
fn review_answer(model: &Model, e: &Element, today: NaiveDate) -> ControlAnswer {
    let covering: Vec<(&Review, ReviewState)> = covering_reviews(model, &e.id)
        .map(|r| (r, review_state(r, today)))
        .collect();
    if covering.is_empty() {
        return ControlAnswer::fail("No review covers it.".into());
    }
    let soonest = covering
        .iter()
        .filter_map(|(r, s)| match s {
            ReviewState::OnTime { next_due } => Some((*next_due, *r)),
            _ => None,
        })
        .min_by_key(|(due, _)| *due);
    if let Some((due, r)) = soonest {
        return ControlAnswer::pass(format!("Covered by {}, next due {due}.", quoted(&r.name)));
    }
    let reasons: Vec<String> = covering
        .iter()
        .map(|(r, s)| match s {
            ReviewState::Overdue { days_late, .. } => format!(
                "Its review {} is overdue by {}.",
                quoted(&r.name),
                days(*days_late)
            ),
            _ => format!("Its review {} has never been held.", quoted(&r.name)),
        })
        .collect();
    ControlAnswer::fail(reasons.join(" "))
}

/// Question 4: a covering review with an owner whose corrections are not
/// stuck. Passes on the first such review in the model's order; fails with
/// every covering review's reasons.
fn what_happens(model: &Model, e: &Element, today: NaiveDate) -> ControlAnswer {
    let covering: Vec<&Review> = covering_reviews(model, &e.id).collect();
    if covering.is_empty() {
        return ControlAnswer::fail(
            "No review covers it, so a problem has no path to a correction.".into(),
        );
    }
    let mut reasons = Vec::new();
    for r in covering {
        let name = quoted(&r.name);
        let raised: Vec<_> = model
            .corrections
            .iter()
            .filter(|c| c.review.as_deref() == Some(r.id.as_str()))
            .filter(|c| c.status != CorrectionStatus::Rejected)
            .collect();
        let unvalidated = raised
            .iter()
            .filter(|c| c.status == CorrectionStatus::Implemented)
            .count();
        // Overdue but not yet implemented, so each stuck correction is
        // counted once.
        let late: Vec<i64> = raised
            .iter()
            .filter(|c| c.status != CorrectionStatus::Implemented)
            .filter_map(|c| correction_overdue(c, today))
            .collect();
        let mut problems = Vec::new();
        if r.owner.is_none() {
            problems.push(format!("Its review {name} has no owner."));
        }
        match unvalidated {
            0 => {}
            1 => problems.push(format!(
                "A correction from {name} was implemented but never validated."
            )),
            n => problems.push(format!(
                "{n} corrections from {name} were implemented but never validated."
            )),
        }
        match late.as_slice() {
            [] => {}
            [d] => problems.push(format!(
                "A correction from {name} is overdue by {}.",
                days(*d)
            )),
            many => problems.push(format!(
                "{} corrections from {name} are past their deadline.",
                many.len()
            )),
        }
        if problems.is_empty() {
            let owner = role_name(model, r.owner.as_deref().unwrap_or_default());
            let open = raised.iter().filter(|c| !is_closed(c.status)).count();
            let reason = if raised.is_empty() {
                format!(
                    "{name} has an owner ({owner}) to take what it finds through to a correction."
                )
            } else if open == 0 {
                format!("{name} has an owner ({owner}) and its corrections are validated.")
            } else {
                format!("{name} has an owner ({owner}) and its corrections are on track.")
            };
            return ControlAnswer::pass(reason);
        }
        reasons.extend(problems);
    }
    ControlAnswer::fail(reasons.join(" "))
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::model::types::{Cadence, CorrectionStatus::*, Raci, Vocabulary};

    const TODAY: (i32, u32, u32) = (2026, 6, 10);

    fn today() -> NaiveDate {
        day(TODAY.0, TODAY.1, TODAY.2)
    }

    /// One element "e" that passes all four questions: owned by r0, one
    /// decision decided by r0, a weekly review held yesterday and owned by
    /// r0, one validated correction from it.
    fn healthy() -> Model {
        let mut m = model(&["Head of Operations", "Support Lead", "Finance"]);
        element(&mut m, "e", "Billing", &[("r0", Raci::A), ("r1", Raci::R)]);
        decision(&mut m, "d", "Refund", &[("r0", "A"), ("r1", "R")], &["e"]);
        m.reviews.push(review(
            "v",
            "Weekly ops review",
            Cadence::Weekly,
            Some("r0"),
            &["e"],
            Some(day(2026, 6, 9)),
        ));
        m.corrections.push(correction(
            "c",
            Some("v"),
            Some(day(2026, 6, 1)),
            &[
                (Proposed, day(2026, 5, 1)),
                (Evaluated, day(2026, 5, 2)),
                (Approved, day(2026, 5, 3)),
                (Implemented, day(2026, 5, 4)),
                (Validated, day(2026, 5, 30)),
            ],
        ));
        m
    }

    fn answers(m: &Model) -> [ControlAnswer; 4] {
        control_test(m, today()).rows[0].answers.clone()
    }

    #[test]
    fn a_workflow_must_also_have_its_flow_documented() {
        use crate::model::workflow::{Stage, Workflow};
        let mut m = healthy();
        m.elements[0].kind = ElementKind::Workflow;
        let q3 = |m: &Model| answers(m)[2].clone();
        assert_eq!(
            q3(&m),
            ControlAnswer::fail(
                "Its flow is not written down, so there is no design to check the work against."
                    .into()
            )
        );
        let mut w = Workflow::new("e".into());
        m.workflows.push(w.clone());
        assert!(q3(&m).reason.starts_with("Its flow has no stages"));
        let stage = |id: &str, role: &str, exit: &str| Stage {
            id: id.into(),
            name: id.into(),
            role: Some(role.into()),
            exit: exit.into(),
            ..Default::default()
        };
        w.stages = vec![stage("s1", "r1", "Checked"), stage("s2", "r0", "")];
        m.workflows[0] = w.clone();
        assert!(q3(&m)
            .reason
            .starts_with("A stage of its flow has no exit criteria"));
        w.stages[1].exit = "Approved".into();
        m.workflows[0] = w.clone();
        assert!(q3(&m).reason.starts_with("A handoff in its flow"));
        w.stages[1].handoff.passed = "The refund request".into();
        w.stages[1].handoff.check = "The amount".into();
        m.workflows[0] = w;
        assert_eq!(
            q3(&m),
            ControlAnswer::pass(
                "Its flow is documented. Covered by \u{201c}Weekly ops review\u{201d}, next due 2026-06-16.".into()
            )
        );
        // Documented but no review: the review's reason alone.
        m.reviews.clear();
        assert_eq!(q3(&m), ControlAnswer::fail("No review covers it.".into()));
        // Neither: both reasons.
        m.workflows[0].stages[0].exit.clear();
        assert_eq!(
            q3(&m).reason,
            "A stage of its flow has no exit criteria, so nothing says what \u{201c}as designed\u{201d} means there. No review covers it."
        );
        // A process is asked about its reviews only, as before.
        m.elements[0].kind = ElementKind::Process;
        assert_eq!(q3(&m), ControlAnswer::fail("No review covers it.".into()));
    }

    #[test]
    fn data_needs_one_source_of_truth_and_its_metrics_a_keeper() {
        use crate::model::map::{DataEntity, Hold, Metric};
        let mut m = healthy();
        m.elements[0].kind = ElementKind::Data;
        element(&mut m, "crm", "CRM", &[("r0", Raci::A)]);
        element(&mut m, "erp", "ERP", &[("r0", Raci::A)]);
        let q3 = |m: &Model| answers(m)[2].clone();
        assert_eq!(
            q3(&m),
            ControlAnswer::fail(
                "It has no source of truth, so nobody knows which copy to trust.".into()
            )
        );
        let mut d = DataEntity::new("e".into());
        d.systems.insert("crm".into(), Hold::Source);
        d.systems.insert("erp".into(), Hold::Source);
        m.data_entities.push(d);
        assert!(q3(&m).reason.starts_with("It has 2 sources of truth"));
        m.data_entities[0].systems.insert("erp".into(), Hold::Copy);
        assert_eq!(
            q3(&m),
            ControlAnswer::pass(
                "Its source of truth is \u{201c}CRM\u{201d}. Covered by \u{201c}Weekly ops review\u{201d}, next due 2026-06-16.".into()
            )
        );
        // A number measuring it that nobody keeps: any kind of element.
        m.elements[0].kind = ElementKind::Outcome;
        let mut k = Metric::new("k".into(), "Refund time");
        k.measures = Some("e".into());
        m.metrics.push(k);
        assert_eq!(
            q3(&m),
            ControlAnswer::fail(
                "The metric \u{201c}Refund time\u{201d} that measures it has no owner, no definition and no review.".into()
            )
        );
        m.metrics[0].owner = Some("r0".into());
        m.metrics[0].definition = "Days from return to refund.".into();
        m.reviews[0].metrics.push("k".into());
        assert!(q3(&m).pass);
    }

    #[test]
    fn a_healthy_element_passes_all_four() {
        let a = answers(&healthy());
        let reasons: Vec<&str> = a.iter().map(|a| a.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "Owned by Head of Operations.",
                "Decided by Head of Operations (1 decision).",
                "Covered by \u{201c}Weekly ops review\u{201d}, next due 2026-06-16.",
                "\u{201c}Weekly ops review\u{201d} has an owner (Head of Operations) and its corrections are validated.",
            ]
        );
        assert!(a.iter().all(|a| a.pass));
        let r = control_test(&healthy(), today());
        assert_eq!(r.score, Some(100.0));
        assert_eq!(r.under_control(), 1);
        assert!(r.row("e").unwrap().under_control());
    }

    /// (what to change, question, should pass, words the reason contains)
    type Case = (&'static str, fn(&mut Model), usize, bool, &'static str);

    #[test]
    fn each_question_passes_and_fails_as_the_rules_say() {
        let cases: &[Case] = &[
            // 1. Who owns it?
            ("no A", |m| m.elements[0].assignments.clear(), 0, false, "It has no owner"),
            (
                "two A's",
                |m| {
                    m.elements[0].assignments.insert("r2".into(), Raci::A);
                },
                0,
                false,
                "It is shared by Head of Operations and Finance, so in practice nobody owns it.",
            ),
            (
                "three A's",
                |m| {
                    m.elements[0].assignments.insert("r1".into(), Raci::A);
                    m.elements[0].assignments.insert("r2".into(), Raci::A);
                },
                0,
                false,
                "shared by Head of Operations, Support Lead and Finance",
            ),
            ("an R is not an owner", |m| {
                m.elements[0].assignments.insert("r0".into(), Raci::R);
            }, 0, false, "no owner"),
            // 2. Who makes its decisions?
            ("no decision", |m| m.decisions.clear(), 1, false, "No decision is linked to it."),
            (
                "decision linked elsewhere",
                |m| m.decisions[0].elements = vec!["other".into()],
                1,
                false,
                "No decision is linked to it.",
            ),
            (
                "no decider",
                |m| {
                    m.decisions[0].rights.remove("r0");
                },
                1,
                false,
                "\u{201c}Refund\u{201d} has no decider.",
            ),
            (
                "two deciders",
                |m| {
                    m.decisions[0].rights.insert("r2".into(), "A".into());
                },
                1,
                false,
                "\u{201c}Refund\u{201d} has 2 deciders (Head of Operations and Finance)",
            ),
            (
                "one good and one bad decision",
                |m| decision(m, "d2", "Write-off", &[("r1", "R")], &["e"]),
                1,
                false,
                "\u{201c}Write-off\u{201d} has no decider.",
            ),
            (
                "two good decisions",
                |m| decision(m, "d2", "Write-off", &[("r2", "A")], &["e"]),
                1,
                true,
                "Decided by Head of Operations and Finance (2 decisions).",
            ),
            (
                "the same decider twice is named once",
                |m| decision(m, "d2", "Write-off", &[("r0", "A")], &["e"]),
                1,
                true,
                "Decided by Head of Operations (2 decisions).",
            ),
            (
                "the vocabulary's deciding letter counts",
                |m| {
                    m.settings.vocabulary = Vocabulary::Rapid;
                    m.decisions[0].rights.insert("r0".into(), "D".into());
                },
                1,
                true,
                "Decided by Head of Operations (1 decision).",
            ),
            // 3. How do we know it runs as designed?
            ("no review", |m| m.reviews.clear(), 2, false, "No review covers it."),
            (
                "review overdue",
                |m| m.reviews[0].last_held = Some(day(2026, 5, 21)),
                2,
                false,
                "Its review \u{201c}Weekly ops review\u{201d} is overdue by 13 days.",
            ),
            (
                "review due today",
                |m| m.reviews[0].last_held = Some(day(2026, 6, 3)),
                2,
                true,
                "next due 2026-06-10.",
            ),
            (
                "review never held",
                |m| m.reviews[0].last_held = None,
                2,
                false,
                "Its review \u{201c}Weekly ops review\u{201d} has never been held.",
            ),
            (
                "one late, one on time: the on-time one answers",
                |m| {
                    m.reviews[0].last_held = Some(day(2026, 1, 1));
                    m.reviews.push(review("v2", "Monthly", Cadence::Monthly, Some("r0"), &["e"], Some(day(2026, 6, 1))));
                },
                2,
                true,
                "Covered by \u{201c}Monthly\u{201d}, next due 2026-07-01.",
            ),
            (
                "the soonest due answers",
                |m| m.reviews.insert(0, review("v2", "Monthly", Cadence::Monthly, Some("r0"), &["e"], Some(day(2026, 6, 1)))),
                2,
                true,
                "Covered by \u{201c}Weekly ops review\u{201d}, next due 2026-06-16.",
            ),
            // 4. What happens when a problem is found?
            ("no review", |m| m.reviews.clear(), 3, false, "No review covers it, so a problem has no path"),
            (
                "review without owner",
                |m| m.reviews[0].owner = None,
                3,
                false,
                "Its review \u{201c}Weekly ops review\u{201d} has no owner.",
            ),
            (
                "implemented, never validated",
                |m| {
                    m.corrections[0].history.pop();
                    m.corrections[0].status = Implemented;
                },
                3,
                false,
                "A correction from \u{201c}Weekly ops review\u{201d} was implemented but never validated.",
            ),
            (
                "two implemented, never validated",
                |m| {
                    m.corrections[0].history.pop();
                    m.corrections[0].status = Implemented;
                    let mut c = m.corrections[0].clone();
                    c.id = "c2".into();
                    m.corrections.push(c);
                },
                3,
                false,
                "2 corrections from \u{201c}Weekly ops review\u{201d} were implemented but never validated.",
            ),
            (
                "overdue correction",
                |m| m.corrections.push(correction("c2", Some("v"), Some(day(2026, 6, 3)), &[(Proposed, day(2026, 5, 1))])),
                3,
                false,
                "A correction from \u{201c}Weekly ops review\u{201d} is overdue by 7 days.",
            ),
            (
                "open correction within its deadline",
                |m| m.corrections.push(correction("c2", Some("v"), Some(day(2026, 6, 30)), &[(Proposed, day(2026, 5, 1))])),
                3,
                true,
                "and its corrections are on track.",
            ),
            (
                "a rejected correction past its date does not count",
                |m| m.corrections.push(correction("c2", Some("v"), Some(day(2026, 6, 3)), &[(Proposed, day(2026, 5, 1)), (Rejected, day(2026, 5, 2))])),
                3,
                true,
                "its corrections are validated.",
            ),
            (
                "no correction raised yet",
                |m| m.corrections.clear(),
                3,
                true,
                "has an owner (Head of Operations) to take what it finds through to a correction.",
            ),
            (
                "corrections from other reviews do not count",
                |m| m.corrections.push(correction("c2", Some("other"), Some(day(2026, 6, 3)), &[(Proposed, day(2026, 5, 1))])),
                3,
                true,
                "its corrections are validated.",
            ),
            (
                "an overdue review still offers a correction path",
                |m| m.reviews[0].last_held = Some(day(2025, 1, 1)),
                3,
                true,
                "has an owner",
            ),
            (
                "one owned review is enough",
                |m| {
                    m.reviews[0].owner = None;
                    m.reviews.push(review("v2", "Monthly", Cadence::Monthly, Some("r1"), &["e"], None));
                },
                3,
                true,
                "\u{201c}Monthly\u{201d} has an owner (Support Lead)",
            ),
            (
                "every covering review's problems are listed",
                |m| {
                    m.reviews[0].owner = None;
                    m.reviews.push(review("v2", "Monthly", Cadence::Monthly, None, &["e"], None));
                },
                3,
                false,
                "Its review \u{201c}Weekly ops review\u{201d} has no owner. Its review \u{201c}Monthly\u{201d} has no owner.",
            ),
        ];
        for (what, change, q, pass, words) in cases {
            let mut m = healthy();
            change(&mut m);
            let a = answers(&m);
            assert_eq!(a[*q].pass, *pass, "{what}: {}", a[*q].reason);
            assert!(
                a[*q].reason.contains(words),
                "{what}: {:?} lacks {words:?}",
                a[*q].reason
            );
            assert!(a[*q].reason.ends_with('.'), "{what}: {}", a[*q].reason);
            // A change aimed at one question leaves the others alone, except
            // where the case says otherwise.
            let also_fails: &[usize] = match (*what, *q) {
                ("no review", 2) => &[3],
                ("no review", 3) => &[2],
                ("an overdue review still offers a correction path", _) => &[2],
                _ => &[],
            };
            for (other, answer) in a.iter().enumerate() {
                if other != *q {
                    assert_eq!(
                        answer.pass,
                        !also_fails.contains(&other),
                        "{what}: question {other}: {}",
                        answer.reason
                    );
                }
            }
        }
    }

    #[test]
    fn score_counts_all_answers() {
        let mut m = healthy();
        // A second element that only has an owner: 1 of 4.
        element(&mut m, "e2", "Payroll", &[("r2", Raci::A)]);
        let r = control_test(&m, today());
        assert_eq!(r.rows.len(), 2);
        assert_eq!(r.rows[1].element, "e2");
        assert_eq!(r.rows[1].passed(), 1);
        assert_eq!(r.score, Some(100.0 * 5.0 / 8.0));
        assert_eq!(r.under_control(), 1);
        assert_eq!(r.question_rate(0), Some(100.0));
        assert_eq!(r.question_rate(1), Some(50.0));
    }

    #[test]
    fn no_elements_no_score() {
        let r = control_test(&model(&["Ops"]), today());
        assert!(r.rows.is_empty());
        assert_eq!(r.score, None);
        assert_eq!(r.question_rate(0), None);
    }

    #[test]
    fn the_questions_are_questions() {
        assert!(QUESTIONS.iter().all(|q| q.ends_with('?')));
    }
}
