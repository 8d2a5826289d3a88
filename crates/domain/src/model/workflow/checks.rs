//! The live checks of a workflow: what a newcomer could not learn from it,
//! or where the flow and the rest of the model disagree. Each finding names
//! the element and, where it has one, the stage, so the page can jump there.

use super::super::ownership::Severity;
use super::super::types::{Element, ElementKind, Id, Model};
use super::{Stage, Workflow};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WorkflowFindingKind {
    /// A stage nobody performs.
    StageNoRole,
    /// The stage's role has neither R nor A on the element in the matrix.
    MatrixDisagrees,
    /// A stage with no exit criteria: nothing says when work may move on.
    NoExitCriteria,
    /// A handoff with nothing stated as passed on.
    HandoffNothingPassed,
    /// A handoff the receiving role accepts without a check.
    HandoffNoCheck,
    /// A decision point whose decision has no single decider.
    DecisionNoDecider,
    /// Nothing says what starts the work.
    NoTrigger,
    /// Nothing says what the work produces.
    NoOutput,
    /// An exception nobody handles.
    ExceptionNoRole,
    /// A stage uses a system or data entity nobody owns.
    UnownedResource,
}

/// One gap in a workflow.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkflowFinding {
    pub kind: WorkflowFindingKind,
    pub severity: Severity,
    /// The process or workflow element described.
    pub element: Id,
    /// The stage concerned, if any.
    pub stage: Option<Id>,
    pub message: String,
}

/// The findings of every workflow record of the model, in element order.
pub fn check_all(model: &Model) -> Vec<WorkflowFinding> {
    // A map, not `model.workflow` per element: that lookup is linear, and
    // 500 workflows made it quadratic.
    let workflows: std::collections::BTreeMap<&str, &Workflow> = model
        .workflows
        .iter()
        .map(|w| (w.element.as_str(), w))
        .collect();
    let mut out = Vec::new();
    for e in &model.elements {
        if let Some(w) = workflows.get(e.id.as_str()) {
            check_element(model, e, w, &mut out);
        }
    }
    out
}

/// The findings of one workflow, appended to `out`.
pub fn check(model: &Model, w: &Workflow, out: &mut Vec<WorkflowFinding>) {
    if let Some(element) = model.element(&w.element) {
        check_element(model, element, w, out);
    }
}

/// The findings of workflow `w`, which describes `element`.
fn check_element(model: &Model, element: &Element, w: &Workflow, out: &mut Vec<WorkflowFinding>) {
    let name = element.name.as_str();
    let mut push = |kind, severity, stage: Option<&Stage>, message: String| {
        out.push(WorkflowFinding {
            kind,
            severity,
            element: w.element.clone(),
            stage: stage.map(|s| s.id.clone()),
            message,
        })
    };
    use WorkflowFindingKind::*;
    fn role_name<'a>(model: &'a Model, id: &'a str) -> &'a str {
        model.role(id).map_or(id, |r| r.name.as_str())
    }
    let role_name = |id| role_name(model, id);

    if w.trigger.trim().is_empty() {
        push(
            NoTrigger,
            Severity::Problem,
            None,
            format!("\u{201c}{name}\u{201d} does not say what starts it: write its trigger."),
        );
    }
    if w.outputs.iter().all(|o| o.what.trim().is_empty()) {
        push(
            NoOutput,
            Severity::Problem,
            None,
            format!("\u{201c}{name}\u{201d} does not say what it produces at the end: write its output and who receives it."),
        );
    }
    for x in &w.exceptions {
        if x.role.is_none() {
            push(
                ExceptionNoRole,
                Severity::Problem,
                None,
                format!(
                    "In \u{201c}{name}\u{201d}, nobody handles \u{201c}{}\u{201d}: give the exception a role.",
                    x.condition.trim()
                ),
            );
        }
    }

    let handoffs: Vec<usize> = w.handoffs().collect();
    for (i, s) in w.stages.iter().enumerate() {
        let stage = s.name.as_str();
        match &s.role {
            None => push(
                StageNoRole,
                Severity::Problem,
                Some(s),
                format!("Stage \u{201c}{stage}\u{201d} of \u{201c}{name}\u{201d} has no performing role."),
            ),
            Some(role) => {
                let does = element
                    .assignments
                    .get(role)
                    .is_some_and(|l| l.is_responsible() || l.is_accountable());
                if !does {
                    push(
                        MatrixDisagrees,
                        Severity::Problem,
                        Some(s),
                        format!(
                            "Stage \u{201c}{stage}\u{201d} is performed by {}, but the matrix says otherwise: {} has neither R nor A on \u{201c}{name}\u{201d}.",
                            role_name(role),
                            role_name(role)
                        ),
                    );
                }
            }
        }
        if s.exit.trim().is_empty() {
            push(
                NoExitCriteria,
                Severity::Problem,
                Some(s),
                format!("Stage \u{201c}{stage}\u{201d} of \u{201c}{name}\u{201d} has no exit criteria: say what must be true before work moves on."),
            );
        }
        if handoffs.contains(&i) {
            let (from, to) = (
                w.stages[i - 1].role.as_deref().map_or("", role_name),
                s.role.as_deref().map_or("", role_name),
            );
            if s.handoff.passed.trim().is_empty() {
                push(
                    HandoffNothingPassed,
                    Severity::Problem,
                    Some(s),
                    format!("The handoff from {from} to {to} before \u{201c}{stage}\u{201d} does not say what is passed on."),
                );
            }
            if s.handoff.check.trim().is_empty() {
                push(
                    HandoffNoCheck,
                    Severity::Problem,
                    Some(s),
                    format!("At the handoff from {from} to {to} before \u{201c}{stage}\u{201d}, {to} accepts the work without a check: say what {to} checks."),
                );
            }
        }
        if let Some(d) = s.decision.as_deref().and_then(|d| model.decision(d)) {
            let deciders = d.deciders(model).len();
            if deciders != 1 {
                push(
                    DecisionNoDecider,
                    Severity::Problem,
                    Some(s),
                    format!(
                        "The decision point of \u{201c}{stage}\u{201d}, \u{201c}{}\u{201d}, has {} deciders: give exactly one role the {} on the Decisions page.",
                        d.name,
                        if deciders == 0 { "no".to_string() } else { deciders.to_string() },
                        model.settings.vocabulary.decider()
                    ),
                );
            }
        }
        let used = s.systems.iter().chain(&s.reads).chain(&s.writes);
        let mut reported: Vec<&Id> = Vec::new();
        for id in used {
            if reported.contains(&id) {
                continue;
            }
            reported.push(id);
            let Some(r) = model.element(id) else { continue };
            let owned = r.assignments.values().any(|l| l.is_accountable());
            if !owned {
                let what = match r.kind {
                    ElementKind::System => "the system",
                    ElementKind::Data => "the data entity",
                    _ => "the element",
                };
                push(
                    UnownedResource,
                    Severity::Problem,
                    Some(s),
                    format!(
                        "Stage \u{201c}{stage}\u{201d} uses {what} \u{201c}{}\u{201d}, which nobody owns: give it an A in the matrix.",
                        r.name
                    ),
                );
            }
        }
    }
}

/// How fully one workflow is documented, for the coverage metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Documented {
    pub has_stages: bool,
    pub exit_everywhere: bool,
    pub handoffs_defined: bool,
}

impl Documented {
    /// Stages written down, exit criteria on each, every handoff defined.
    pub fn complete(self) -> bool {
        self.has_stages && self.exit_everywhere && self.handoffs_defined
    }
}

/// How fully `w` is documented.
pub fn documented(w: &Workflow) -> Documented {
    Documented {
        has_stages: !w.stages.is_empty(),
        exit_everywhere: w.stages.iter().all(|s| !s.exit.trim().is_empty()),
        handoffs_defined: w.handoffs().all(|i| {
            let h = &w.stages[i].handoff;
            !h.passed.trim().is_empty() && !h.check.trim().is_empty()
        }),
    }
}

/// Workflow documentation coverage (§7.6): the share of workflow elements
/// whose flow is documented completely, 0-100; `None` with no workflow
/// elements.
pub fn coverage(model: &Model) -> Option<f64> {
    let workflows: Vec<&Id> = model
        .elements
        .iter()
        .filter(|e| e.kind == ElementKind::Workflow)
        .map(|e| &e.id)
        .collect();
    if workflows.is_empty() {
        return None;
    }
    let done = workflows
        .iter()
        .filter(|id| model.workflow(id).is_some_and(|w| documented(w).complete()))
        .count();
    Some(100.0 * done as f64 / workflows.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::super::super::testkit::Kit;
    use super::super::super::types::*;
    use super::super::*;
    use super::*;
    use chrono::{TimeZone, Utc};

    /// Ops Lead (A) and Clerk (R) on "Refunds" (a workflow); a CRM nobody
    /// owns; a decision with one decider.
    fn model() -> Model {
        let mut m = Model::new(
            "m".into(),
            "M",
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        );
        m.add_role("ops".into(), "Ops Lead").unwrap();
        m.add_role("clerk".into(), "Clerk").unwrap();
        m.add_role("fin".into(), "Finance").unwrap();
        m.add_element("wf".into(), "Refunds", ElementKind::Workflow)
            .unwrap();
        m.add_element("crm".into(), "CRM", ElementKind::System)
            .unwrap();
        m.set_assignment("wf", "ops", Some(Raci::A)).unwrap();
        m.set_assignment("wf", "clerk", Some(Raci::R)).unwrap();
        let mut d = Decision::new("d".into(), "Refund over limit");
        d.rights.insert("ops".into(), "A".into());
        m.decisions.push(d);
        m
    }

    fn stage(id: &str, role: &str, exit: &str) -> Stage {
        Stage {
            id: id.into(),
            name: id.to_uppercase(),
            role: Some(role.into()),
            exit: exit.into(),
            ..Default::default()
        }
    }

    /// A complete workflow: no finding at all.
    fn good() -> Workflow {
        let mut w = Workflow::new("wf".into());
        w.trigger = "A customer asks for a refund".into();
        w.outputs = vec![Exchange {
            what: "Money back".into(),
            role: None,
        }];
        let mut s2 = stage("s2", "ops", "Approved or refused in writing");
        s2.handoff = Handoff {
            passed: "The request with the order".into(),
            check: "The order number matches".into(),
        };
        s2.decision = Some("d".into());
        w.stages = vec![stage("s1", "clerk", "Request logged"), s2];
        w
    }

    fn kinds(m: &Model, w: &Workflow) -> Vec<(WorkflowFindingKind, Option<String>)> {
        let mut out = Vec::new();
        check(m, w, &mut out);
        out.into_iter().map(|f| (f.kind, f.stage)).collect()
    }

    #[test]
    fn a_complete_workflow_has_no_finding() {
        assert_eq!(kinds(&model(), &good()), []);
        assert!(documented(&good()).complete());
    }

    #[test]
    fn each_gap_is_found_at_its_place() {
        use WorkflowFindingKind::*;
        let m = model();
        let mut w = good();
        w.trigger = " ".into();
        w.outputs.clear();
        w.exceptions.push(Exception {
            condition: "Card expired".into(),
            role: None,
            action: String::new(),
        });
        w.stages[0].exit.clear();
        w.stages[1].handoff = Handoff::default();
        w.stages.push(Stage {
            role: None,
            ..stage("s3", "x", "Done")
        });
        w.stages.push(stage("s4", "fin", "Paid"));
        w.stages[3].systems = vec!["crm".into()];
        w.stages[3].reads = vec!["crm".into()];
        w.stages[3].handoff = Handoff {
            passed: "Approval".into(),
            check: "Signed".into(),
        };
        let s = |id: &str| Some(id.to_string());
        assert_eq!(
            kinds(&m, &w),
            [
                (NoTrigger, None),
                (NoOutput, None),
                (ExceptionNoRole, None),
                (NoExitCriteria, s("s1")),
                (HandoffNothingPassed, s("s2")),
                (HandoffNoCheck, s("s2")),
                (StageNoRole, s("s3")),
                (MatrixDisagrees, s("s4")),
                // Used twice by the stage, said once.
                (UnownedResource, s("s4")),
            ]
        );
        let mut out = Vec::new();
        check(&m, &w, &mut out);
        assert_eq!(
            out[7].message,
            "Stage \u{201c}S4\u{201d} is performed by Finance, but the matrix says otherwise: Finance has neither R nor A on \u{201c}Refunds\u{201d}."
        );
        assert_eq!(
            out[5].message,
            "At the handoff from Clerk to Ops Lead before \u{201c}S2\u{201d}, Ops Lead accepts the work without a check: say what Ops Lead checks."
        );
        let d = documented(&w);
        assert!(d.has_stages && !d.exit_everywhere && !d.handoffs_defined);
    }

    #[test]
    fn a_decision_point_needs_exactly_one_decider() {
        let mut m = model();
        m.decisions[0].rights.insert("fin".into(), "A".into());
        let found = kinds(&m, &good());
        assert_eq!(
            found,
            [(WorkflowFindingKind::DecisionNoDecider, Some("s2".into()))]
        );
        m.decisions[0].rights.clear();
        let mut out = Vec::new();
        check(&m, &good(), &mut out);
        assert_eq!(
            out[0].message,
            "The decision point of \u{201c}S2\u{201d}, \u{201c}Refund over limit\u{201d}, has no deciders: give exactly one role the A on the Decisions page."
        );
    }

    #[test]
    fn a_r_in_the_matrix_counts_as_doing_the_work() {
        let mut m = model();
        m.set_assignment("wf", "ops", Some(Raci::AR)).unwrap();
        m.set_assignment("wf", "clerk", None).unwrap();
        let mut w = good();
        w.stages[0].role = Some("ops".into());
        assert_eq!(kinds(&m, &w), []);
    }

    #[test]
    fn coverage_counts_workflow_elements_documented_completely() {
        let mut m = model();
        assert_eq!(coverage(&m), Some(0.0));
        m.workflows.push(good());
        assert_eq!(coverage(&m), Some(100.0));
        m.add_element("wf2".into(), "Returns", ElementKind::Workflow)
            .unwrap();
        assert_eq!(coverage(&m), Some(50.0));
        m.elements.retain(|e| e.kind != ElementKind::Workflow);
        assert_eq!(coverage(&m), None);
    }
}
