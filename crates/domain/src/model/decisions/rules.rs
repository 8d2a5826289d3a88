//! The rules of defined decision rights, checked on a model. Each rule is
//! written out where it is applied; in short, every decision needs:
//!
//! 1. exactly one decider (the vocabulary's decider letter);
//! 2. someone who carries it out, where the vocabulary has a letter for that;
//! 3. when it is significant and cannot be undone, a check by someone else:
//!    an approval or an escalation path;
//! 4. approvals and escalations that point at someone other than the decider;
//! 5. escalation paths that end somewhere rather than going round in a circle;
//! 6. a decider who owns what the decision is about (a gentle note);
//! 7. a condition in words when its authority is conditional, and a
//!    threshold above zero.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::super::ownership::Severity;
use super::super::types::{AuthorityKind, Id, Model, Reversibility, Significance};
use super::{and_list, holders, letter_with_word, quoted, role_name, when_clause};

/// At most this many escalation loops are listed one by one; beyond that a
/// single finding says there are more. A model with dozens of loops needs
/// its escalation paths redrawn, not a longer list.
pub const MAX_LOOPS_LISTED: usize = 20;

/// How many steps the search for loops may take before it stops and says
/// there may be more. Listing every loop of a dense graph takes exponential
/// time; real escalation paths are sparse and need a few hundred steps.
const LOOP_SEARCH_STEPS: usize = 100_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DecisionFindingKind {
    /// Nobody holds the decider's letter.
    NoDecider,
    /// Two or more roles hold the decider's letter.
    SeveralDeciders,
    /// Nobody holds the performer's letter (RACI R, RAPID P).
    NoPerformer,
    /// Significant and irreversible, with no approval and no escalation to
    /// anyone other than the decider.
    Unchecked,
    /// The decider is listed as an approver of its own decision.
    SelfApproval,
    /// The decider is listed as an escalation target of its own decision.
    SelfEscalation,
    /// Escalations from decider to decider go round in a circle.
    EscalationLoop,
    /// Not every loop could be listed (see [`MAX_LOOPS_LISTED`]).
    MoreLoops,
    /// The decider is accountable for none of the decision's elements.
    RightsNotOwnership,
    /// Conditional authority without the condition in words.
    NoCondition,
    /// A threshold of zero or less.
    BadThreshold,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DecisionFinding {
    pub kind: DecisionFindingKind,
    pub severity: Severity,
    /// The decision concerned, if any.
    pub decision: Option<Id>,
    /// The role concerned, if any (for a cell finding, the column to jump to).
    pub role: Option<Id>,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DecisionReport {
    pub findings: Vec<DecisionFinding>,
    /// Decisions with exactly one decider.
    pub covered: usize,
    pub total: usize,
}

impl DecisionReport {
    /// Percentage of decisions with exactly one decider; `None` for a model
    /// with no decisions (0% would suggest a failing that isn't there).
    pub fn coverage(&self) -> Option<f64> {
        (self.total > 0).then(|| 100.0 * self.covered as f64 / self.total as f64)
    }

    pub fn for_decision<'a>(
        &'a self,
        id: &'a str,
    ) -> impl Iterator<Item = &'a DecisionFinding> + 'a {
        self.findings
            .iter()
            .filter(move |f| f.decision.as_deref() == Some(id))
    }

    /// How many findings are problems (the ones that break a rule).
    pub fn problems(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Problem)
            .count()
    }
}

/// Per decision id, the number of problems and notes (for row badges).
pub fn badges_by_decision(report: &DecisionReport) -> BTreeMap<Id, (usize, usize)> {
    let mut out: BTreeMap<Id, (usize, usize)> = BTreeMap::new();
    for f in &report.findings {
        if let Some(d) = &f.decision {
            let entry = out.entry(d.clone()).or_default();
            match f.severity {
                Severity::Problem => entry.0 += 1,
                Severity::Note => entry.1 += 1,
            }
        }
    }
    out
}

/// Runs every decision-rights check. Each decision's findings come in row
/// order; escalation loops, which span several decisions, come last.
pub fn check(model: &Model) -> DecisionReport {
    let vocabulary = model.settings.vocabulary;
    let decider_letter = vocabulary.decider();
    let first_role = model.roles.first().map(|r| r.id.clone());
    let mut report = DecisionReport {
        total: model.decisions.len(),
        ..Default::default()
    };
    let out = &mut report.findings;

    for d in &model.decisions {
        let name = quoted(&d.name);
        let finding = |kind, severity, role: Option<Id>, message: String| DecisionFinding {
            kind,
            severity,
            decision: Some(d.id.clone()),
            role,
            message,
        };
        // In column order, as the table shows them.
        let deciders = d.deciders(model);
        let decider_names: Vec<String> = deciders.iter().map(|r| role_name(model, r)).collect();
        let is_decider = |role: &Id| deciders.contains(&role);

        // Rule 1: exactly one decider. With none, nobody can commit the
        // organization; with several, each can act as if the others agreed.
        match deciders.len() {
            0 => out.push(finding(
                DecisionFindingKind::NoDecider,
                Severity::Problem,
                first_role.clone(),
                format!(
                    "Nobody decides {name}: give exactly one role the {}.",
                    letter_with_word(vocabulary, decider_letter)
                ),
            )),
            1 => report.covered += 1,
            n => out.push(finding(
                DecisionFindingKind::SeveralDeciders,
                Severity::Problem,
                Some(deciders[1].clone()),
                format!(
                    "{name} has {n} deciders ({}): when several decide, each can act without the others. Keep one {decider_letter}.",
                    decider_names.join(", ")
                ),
            )),
        }

        // Rule 2: someone carries the decision out, where the vocabulary has
        // a letter for it (DACI has none).
        if let Some(performer) = vocabulary.performer() {
            if holders(model, d, performer).is_empty() {
                out.push(finding(
                    DecisionFindingKind::NoPerformer,
                    Severity::Problem,
                    deciders
                        .first()
                        .map(|r| (*r).clone())
                        .or(first_role.clone()),
                    format!(
                        "Nobody carries out {name}: mark at least one role {}.",
                        letter_with_word(vocabulary, performer)
                    ),
                ));
            }
        }

        // Rule 3: a significant decision that cannot be undone needs a check
        // by someone other than the decider, before (an approval) or when it
        // goes beyond the decider's remit (an escalation). Approvals and
        // escalations that point back at the decider check nothing, so they
        // do not count (rule 4 reports them).
        if d.significance == Significance::Significant
            && d.reversibility == Reversibility::Irreversible
            && !d.approvals.iter().any(|a| !is_decider(&a.role))
            && !d.escalations.iter().any(|e| !is_decider(&e.role))
        {
            out.push(finding(
                DecisionFindingKind::Unchecked,
                Severity::Problem,
                deciders.first().map(|r| (*r).clone()),
                format!(
                    "{name} is significant and cannot be undone, yet nobody else approves it and it has no escalation path: add an approval or an escalation."
                ),
            ));
        }

        // Rule 4: approving your own decision, or escalating it to yourself,
        // is no check at all. Reported once per role and decision.
        let mut seen = BTreeSet::new();
        for a in d.approvals.iter().filter(|a| is_decider(&a.role)) {
            if seen.insert(&a.role) {
                out.push(finding(
                    DecisionFindingKind::SelfApproval,
                    Severity::Problem,
                    Some(a.role.clone()),
                    format!(
                        "On {name}, {} must approve its own decision, which checks nothing: name someone else as approver.",
                        role_name(model, &a.role)
                    ),
                ));
            }
        }
        let mut seen = BTreeSet::new();
        for e in d.escalations.iter().filter(|e| is_decider(&e.role)) {
            if seen.insert(&e.role) {
                let condition = if e.condition.trim().is_empty() {
                    String::new()
                } else {
                    format!(" ({})", when_clause(&e.condition))
                };
                out.push(finding(
                    DecisionFindingKind::SelfEscalation,
                    Severity::Problem,
                    Some(e.role.clone()),
                    format!(
                        "On {name}, {} escalates to itself{condition}, so the escalation goes nowhere: name a role above it.",
                        role_name(model, &e.role)
                    ),
                ));
            }
        }

        // Rule 6: the right to decide should sit with the owner of what the
        // decision is about. When none of the deciders is accountable (A in
        // the ownership matrix) for any of the decision's elements, the
        // right on paper and the real authority may differ. Only a note: a
        // role may rightly decide about something another role owns.
        let linked: Vec<_> = d.elements.iter().filter_map(|e| model.element(e)).collect();
        let owns_one = linked.iter().any(|e| {
            deciders
                .iter()
                .any(|r| e.assignments.get(*r).is_some_and(|l| l.is_accountable()))
        });
        if !deciders.is_empty() && !linked.is_empty() && !owns_one {
            let mut owners: Vec<String> = Vec::new();
            for e in &linked {
                for r in &model.roles {
                    if e.assignments.get(&r.id).is_some_and(|l| l.is_accountable())
                        && !owners.contains(&r.name)
                    {
                        owners.push(r.name.clone());
                    }
                }
            }
            let who = if deciders.len() == 1 {
                format!("{}, who is", decider_names[0])
            } else {
                format!("{}, none of whom is", and_list(&decider_names))
            };
            let owned_by = match owners.len() {
                0 => "its elements have no owner yet".to_string(),
                1 => format!("the owner is {}", owners[0]),
                _ => format!("the owners are {}", and_list(&owners)),
            };
            out.push(finding(
                DecisionFindingKind::RightsNotOwnership,
                Severity::Note,
                Some(deciders[0].clone()),
                format!(
                    "{name} is decided by {who} accountable for none of its elements; {owned_by}. A right that does not follow ownership often stays on paper: check who really decides."
                ),
            ));
        }

        // Rule 7: conditional authority says in words when it applies (a
        // note: the threshold alone may be enough to go on), and a threshold
        // is a limit above zero (a problem: "up to 0 EUR" or "up to -5%"
        // allows nothing, or everything, depending on who reads it).
        if d.authority.kind == AuthorityKind::Conditional && d.authority.condition.trim().is_empty()
        {
            out.push(finding(
                DecisionFindingKind::NoCondition,
                Severity::Note,
                deciders.first().map(|r| (*r).clone()),
                format!(
                    "{name} depends on a condition that is not written down: say in words when the decider may decide and when not."
                ),
            ));
        }
        if let Some(t) = &d.authority.threshold {
            // A NaN amount (which validation also refuses) is caught too.
            if t.amount.is_nan() || t.amount <= 0.0 {
                out.push(finding(
                    DecisionFindingKind::BadThreshold,
                    Severity::Problem,
                    deciders.first().map(|r| (*r).clone()),
                    format!(
                        "The threshold of {name} is {}: a limit has to be more than zero.",
                        super::format_threshold(t)
                    ),
                ));
            }
        }
    }

    loops(model, &mut report.findings);
    report
}

/// Rule 5: escalation paths must end. Every decision draws an arrow from its
/// decider (each of them, if several) to each role it escalates to; arrows
/// from all decisions make one graph of roles. A circle in that graph means
/// a case can be passed on and on without anyone above settling it: Ops Lead
/// escalates refunds to Finance Manager, who escalates write-offs to Ops
/// Lead. Arrows from a role to itself are rule 4's business and left out.
///
/// Each circle (an elementary cycle) is reported once, not once per arrow:
/// it is listed starting from the role that comes first in column order, so
/// every rotation of it is the same circle. The finding goes to the decision
/// that draws the circle's first arrow. Circles are listed by searching,
/// from each role in column order, for the paths that come back to it
/// through roles further right only, staying within the role's strongly
/// connected component; the search is bounded (see [`LOOP_SEARCH_STEPS`]).
fn loops(model: &Model, out: &mut Vec<DecisionFinding>) {
    let index: HashMap<&str, usize> = model
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let n = model.roles.len();
    // from -> (to -> first decision, in row order, drawing that arrow).
    let mut arrows: Vec<BTreeMap<usize, usize>> = vec![BTreeMap::new(); n];
    for (di, d) in model.decisions.iter().enumerate() {
        for decider in d.deciders(model) {
            let from = index[decider.as_str()];
            for e in &d.escalations {
                // An escalation to a role that does not exist is a broken
                // reference, which validation reports.
                if let Some(&to) = index.get(e.role.as_str()) {
                    if to != from {
                        arrows[from].entry(to).or_insert(di);
                    }
                }
            }
        }
    }

    let component = components(&arrows);
    let mut search = LoopSearch {
        arrows: &arrows,
        component: &component,
        path: Vec::new(),
        on_path: vec![false; n],
        found: Vec::new(),
        steps: 0,
        stopped: false,
    };
    for start in 0..n {
        if search.stopped {
            break;
        }
        search.path = vec![start];
        search.on_path[start] = true;
        search.from(start, start);
        search.on_path[start] = false;
    }

    // The search stops once it has found one more than can be listed, but
    // that one may also be the last it would have found.
    let more = search.stopped || search.found.len() > MAX_LOOPS_LISTED;
    let mut found = search.found;
    found.truncate(MAX_LOOPS_LISTED);
    for circle in found {
        let steps: Vec<String> = (0..circle.len())
            .map(|i| {
                let (from, to) = (circle[i], circle[(i + 1) % circle.len()]);
                let decision = &model.decisions[arrows[from][&to]];
                format!(
                    "{} escalates to {} on {}",
                    model.roles[from].name,
                    model.roles[to].name,
                    quoted(&decision.name)
                )
            })
            .collect();
        let first = &model.decisions[arrows[circle[0]][&circle[1]]];
        out.push(DecisionFinding {
            kind: DecisionFindingKind::EscalationLoop,
            severity: Severity::Problem,
            decision: Some(first.id.clone()),
            role: Some(model.roles[circle[0]].id.clone()),
            message: format!(
                "Escalations go round in a circle: {}. Name a role outside the circle who settles these cases.",
                and_list(&steps)
            ),
        });
    }
    if more {
        out.push(DecisionFinding {
            kind: DecisionFindingKind::MoreLoops,
            severity: Severity::Problem,
            decision: None,
            role: None,
            message: format!(
                "There are more escalation circles than the {MAX_LOOPS_LISTED} listed: redraw the escalation paths so that each ends with a role that settles the case."
            ),
        });
    }
}

/// The strongly connected component of every role (Tarjan's algorithm): two
/// roles are in the same component when each can reach the other, so a
/// circle never leaves one component.
fn components(arrows: &[BTreeMap<usize, usize>]) -> Vec<usize> {
    struct Tarjan<'a> {
        arrows: &'a [BTreeMap<usize, usize>],
        order: Vec<Option<usize>>,
        low: Vec<usize>,
        stack: Vec<usize>,
        on_stack: Vec<bool>,
        component: Vec<usize>,
        next: usize,
        components: usize,
    }
    impl Tarjan<'_> {
        fn visit(&mut self, v: usize) {
            self.order[v] = Some(self.next);
            self.low[v] = self.next;
            self.next += 1;
            self.stack.push(v);
            self.on_stack[v] = true;
            for &w in self.arrows[v].keys() {
                match self.order[w] {
                    None => {
                        self.visit(w);
                        self.low[v] = self.low[v].min(self.low[w]);
                    }
                    Some(o) if self.on_stack[w] => self.low[v] = self.low[v].min(o),
                    Some(_) => {}
                }
            }
            if Some(self.low[v]) == self.order[v] {
                while let Some(w) = self.stack.pop() {
                    self.on_stack[w] = false;
                    self.component[w] = self.components;
                    if w == v {
                        break;
                    }
                }
                self.components += 1;
            }
        }
    }
    let n = arrows.len();
    let mut t = Tarjan {
        arrows,
        order: vec![None; n],
        low: vec![0; n],
        stack: Vec::new(),
        on_stack: vec![false; n],
        component: vec![0; n],
        next: 0,
        components: 0,
    };
    for v in 0..n {
        if t.order[v].is_none() {
            t.visit(v);
        }
    }
    t.component
}

struct LoopSearch<'a> {
    arrows: &'a [BTreeMap<usize, usize>],
    component: &'a [usize],
    path: Vec<usize>,
    on_path: Vec<bool>,
    /// Circles found, each as its roles starting with the smallest index.
    found: Vec<Vec<usize>>,
    steps: usize,
    /// Set when the search ran out of steps or found more than can be listed.
    stopped: bool,
}

impl LoopSearch<'_> {
    /// Follows every arrow out of `v` that stays in `start`'s component and
    /// goes to a role right of `start`, recording the paths that come back.
    fn from(&mut self, start: usize, v: usize) {
        for &w in self.arrows[v].keys() {
            self.steps += 1;
            if self.steps > LOOP_SEARCH_STEPS || self.found.len() > MAX_LOOPS_LISTED {
                self.stopped = true;
                return;
            }
            if w == start {
                self.found.push(self.path.clone());
            } else if w > start && self.component[w] == self.component[start] && !self.on_path[w] {
                self.on_path[w] = true;
                self.path.push(w);
                self.from(start, w);
                self.path.pop();
                self.on_path[w] = false;
                if self.stopped {
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::model::types::*;
    use DecisionFindingKind::*;

    fn kinds(report: &DecisionReport) -> Vec<(DecisionFindingKind, Option<&str>, Option<&str>)> {
        report
            .findings
            .iter()
            .map(|f| (f.kind, f.decision.as_deref(), f.role.as_deref()))
            .collect()
    }

    fn one(d: Decision) -> Model {
        let mut m = model(&["Ops Lead", "Support Lead", "Finance Manager", "Head of Ops"]);
        m.decisions.push(d);
        m
    }

    #[test]
    fn one_decider_and_one_performer_is_clean() {
        let r = check(&one(decision("d0", "Refund", &[(0, "A"), (1, "R")])));
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        assert_eq!((r.covered, r.total), (1, 1));
        assert_eq!(r.coverage(), Some(100.0));
    }

    #[test]
    fn no_decisions_has_no_coverage_figure() {
        let r = check(&model(&["Ops Lead"]));
        assert_eq!(r.coverage(), None);
        assert!(r.findings.is_empty());
    }

    #[test]
    fn each_decider_rule_triggers_and_stays_quiet() {
        // (letters, expected kinds with role)
        type Case<'a> = (&'a [(usize, &'a str)], &'a [(DecisionFindingKind, &'a str)]);
        let cases: &[Case] = &[
            (&[(0, "A"), (1, "R")], &[]),
            (&[(1, "R"), (2, "C")], &[(NoDecider, "r0")]),
            (&[(0, "A"), (1, "R"), (3, "A")], &[(SeveralDeciders, "r3")]),
            (&[(0, "A"), (2, "C")], &[(NoPerformer, "r0")]),
            (&[(2, "C")], &[(NoDecider, "r0"), (NoPerformer, "r0")]),
        ];
        for (letters, expected) in cases {
            let r = check(&one(decision("d0", "Refund", letters)));
            let got: Vec<_> = r
                .findings
                .iter()
                .map(|f| (f.kind, f.role.as_deref().unwrap()))
                .collect();
            let expected: Vec<_> = expected.iter().map(|&(k, r)| (k, r)).collect();
            assert_eq!(got, expected, "{letters:?}");
            assert!(r.findings.iter().all(|f| f.severity == Severity::Problem));
        }
    }

    #[test]
    fn messages_name_the_decision_and_the_roles_in_column_order() {
        let r = check(&one(decision(
            "d0",
            "Refund",
            &[(3, "A"), (1, "R"), (0, "A")],
        )));
        assert_eq!(
            r.findings[0].message,
            "\u{201c}Refund\u{201d} has 2 deciders (Ops Lead, Head of Ops): when several decide, each can act without the others. Keep one A."
        );
        assert_eq!(r.coverage(), Some(0.0));
        let r = check(&one(decision("d0", "Refund", &[(1, "R")])));
        assert_eq!(
            r.findings[0].message,
            "Nobody decides \u{201c}Refund\u{201d}: give exactly one role the A (Accountable)."
        );
        let r = check(&one(decision("d0", "Refund", &[(0, "A")])));
        assert_eq!(
            r.findings[0].message,
            "Nobody carries out \u{201c}Refund\u{201d}: mark at least one role R (Responsible)."
        );
    }

    #[test]
    fn the_rules_follow_the_vocabulary() {
        // RAPID: D decides, P performs.
        let mut m = one(decision("d0", "Refund", &[(0, "D"), (1, "P"), (2, "A")]));
        m.settings.vocabulary = Vocabulary::Rapid;
        assert!(check(&m).findings.is_empty());
        m.decisions[0].rights.remove("r1");
        assert_eq!(kinds(&check(&m)), [(NoPerformer, Some("d0"), Some("r0"))]);
        // DACI: A (Approver) decides; no performer letter, so no such rule.
        let mut m = one(decision("d0", "Refund", &[(0, "A"), (1, "D")]));
        m.settings.vocabulary = Vocabulary::Daci;
        assert!(check(&m).findings.is_empty());
        m.decisions[0].rights.insert("r1".into(), "A".into());
        assert_eq!(
            kinds(&check(&m)),
            [(SeveralDeciders, Some("d0"), Some("r1"))]
        );
    }

    #[test]
    fn significant_irreversible_decisions_need_a_check_by_someone_else() {
        let base = || {
            let mut d = decision("d0", "Sign the carrier contract", &[(0, "A"), (1, "R")]);
            d.significance = Significance::Significant;
            d.reversibility = Reversibility::Irreversible;
            d
        };
        let mut with_approval = base();
        with_approval.approvals.push(approval(2, "always"));
        let mut with_escalation = base();
        with_escalation
            .escalations
            .push(escalation("Over 3 years", 3));
        let mut only_self = base();
        only_self.approvals.push(approval(0, "always"));
        let mut routine = base();
        routine.significance = Significance::Routine;
        let mut reversible = base();
        reversible.reversibility = Reversibility::Reversible;

        let cases = [
            (base(), vec![Unchecked]),
            (with_approval, vec![]),
            (with_escalation, vec![]),
            (only_self, vec![Unchecked, SelfApproval]),
            (routine, vec![]),
            (reversible, vec![]),
        ];
        for (d, expected) in cases {
            let r = check(&one(d));
            let got: Vec<_> = r.findings.iter().map(|f| f.kind).collect();
            assert_eq!(got, expected);
        }
        let r = check(&one(base()));
        assert_eq!(
            r.findings[0].message,
            "\u{201c}Sign the carrier contract\u{201d} is significant and cannot be undone, yet nobody else approves it and it has no escalation path: add an approval or an escalation."
        );
        assert_eq!(r.findings[0].role.as_deref(), Some("r0"));
    }

    #[test]
    fn approving_or_escalating_to_yourself_is_flagged_once_per_role() {
        let mut d = decision("d0", "Write off stock", &[(0, "A"), (1, "R")]);
        d.approvals = vec![
            approval(0, "always"),
            approval(0, "over 500 EUR"),
            approval(2, ""),
        ];
        d.escalations = vec![
            escalation("Write-offs in a month exceed 2,000 EUR.", 0),
            escalation("Same product three times", 3),
        ];
        let r = check(&one(d));
        assert_eq!(
            kinds(&r),
            [
                (SelfApproval, Some("d0"), Some("r0")),
                (SelfEscalation, Some("d0"), Some("r0"))
            ]
        );
        assert_eq!(
            r.findings[0].message,
            "On \u{201c}Write off stock\u{201d}, Ops Lead must approve its own decision, which checks nothing: name someone else as approver."
        );
        assert_eq!(
            r.findings[1].message,
            "On \u{201c}Write off stock\u{201d}, Ops Lead escalates to itself (when write-offs in a month exceed 2,000 EUR), so the escalation goes nowhere: name a role above it."
        );

        let mut d = decision("d0", "Write off stock", &[(0, "A"), (1, "R")]);
        d.escalations = vec![escalation(" ", 0)];
        assert!(check(&one(d)).findings[0]
            .message
            .contains("Ops Lead escalates to itself, so"));
    }

    /// Roles 0..n; decision i is decided by `from` and escalates to `to`.
    fn escalations(roles: usize, arrows: &[(usize, usize)]) -> Model {
        let names: Vec<String> = (0..roles).map(|i| format!("Role {i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut m = model(&names);
        for (i, &(from, to)) in arrows.iter().enumerate() {
            let performer = (from + 1) % roles;
            let mut d = decision(
                &format!("d{i}"),
                &format!("Decision {i}"),
                &[(from, "A"), (performer, "R")],
            );
            d.escalations.push(escalation("It is big", to));
            m.decisions.push(d);
        }
        m
    }

    fn loops_of(m: &Model) -> Vec<DecisionFinding> {
        check(m)
            .findings
            .into_iter()
            .filter(|f| f.kind == EscalationLoop || f.kind == MoreLoops)
            .collect()
    }

    #[test]
    fn a_loop_of_two_roles_is_reported_once() {
        let mut m = model(&["Ops Lead", "Support Lead", "Finance Manager"]);
        let mut refunds = decision("d0", "Approve refunds", &[(0, "A"), (1, "R")]);
        refunds.escalations.push(escalation("Over 1,000 EUR", 2));
        let mut write_offs = decision("d1", "Write off stock", &[(2, "A"), (1, "R")]);
        write_offs.escalations.push(escalation("Over 5,000 EUR", 0));
        // A second decision drawing the same arrow adds no second loop.
        let mut credits = decision("d2", "Grant credits", &[(0, "A"), (1, "R")]);
        credits.escalations.push(escalation("Always", 2));
        m.decisions = vec![refunds, write_offs, credits];
        let r = check(&m);
        assert_eq!(kinds(&r), [(EscalationLoop, Some("d0"), Some("r0"))]);
        assert_eq!(
            r.findings[0].message,
            "Escalations go round in a circle: Ops Lead escalates to Finance Manager on \u{201c}Approve refunds\u{201d} and Finance Manager escalates to Ops Lead on \u{201c}Write off stock\u{201d}. Name a role outside the circle who settles these cases."
        );
    }

    #[test]
    fn a_loop_of_three_roles_is_reported_once_from_its_first_role() {
        // 2 -> 0 -> 1 -> 2, listed in another order: reported from role 0.
        let m = escalations(4, &[(2, 0), (1, 2), (0, 1), (0, 3)]);
        let found = loops_of(&m);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].decision.as_deref(), Some("d2"));
        assert_eq!(found[0].role.as_deref(), Some("r0"));
        assert_eq!(
            found[0].message,
            "Escalations go round in a circle: Role 0 escalates to Role 1 on \u{201c}Decision 2\u{201d}, Role 1 escalates to Role 2 on \u{201c}Decision 1\u{201d} and Role 2 escalates to Role 0 on \u{201c}Decision 0\u{201d}. Name a role outside the circle who settles these cases."
        );
    }

    #[test]
    fn chains_that_end_are_not_loops_and_separate_circles_are_each_reported() {
        assert!(loops_of(&escalations(4, &[(0, 1), (1, 2), (2, 3), (0, 3)])).is_empty());
        // Two circles through role 0: 0 -> 1 -> 0 and 0 -> 2 -> 0.
        let m = escalations(3, &[(0, 1), (1, 0), (0, 2), (2, 0)]);
        let found = loops_of(&m);
        assert_eq!(found.len(), 2);
        assert!(found[0].message.contains("Role 0 escalates to Role 1"));
        assert!(found[1].message.contains("Role 0 escalates to Role 2"));
    }

    #[test]
    fn escalating_to_yourself_is_not_a_loop_but_its_own_finding() {
        let m = escalations(2, &[(0, 0)]);
        assert_eq!(
            kinds(&check(&m)),
            [(SelfEscalation, Some("d0"), Some("r0"))]
        );
    }

    #[test]
    fn every_decider_draws_arrows_even_when_there_are_two() {
        let mut m = escalations(3, &[(2, 0)]);
        let mut d = decision("dx", "Shared", &[(0, "A"), (1, "A"), (2, "R")]);
        d.escalations.push(escalation("Big", 2));
        m.decisions.push(d);
        let found = loops_of(&m);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .contains("Role 0 escalates to Role 2 on \u{201c}Shared\u{201d}"));
    }

    #[test]
    fn as_many_circles_as_can_be_listed_and_one_more() {
        // k separate circles of two roles each: 0 <-> 1, 2 <-> 3, ...
        let circles = |k: usize| {
            let arrows: Vec<(usize, usize)> = (0..k)
                .flat_map(|i| [(2 * i, 2 * i + 1), (2 * i + 1, 2 * i)])
                .collect();
            loops_of(&escalations(2 * k, &arrows))
        };
        let found = circles(MAX_LOOPS_LISTED);
        assert_eq!(found.len(), MAX_LOOPS_LISTED);
        assert!(found.iter().all(|f| f.kind == EscalationLoop));
        let found = circles(MAX_LOOPS_LISTED + 1);
        assert_eq!(found.len(), MAX_LOOPS_LISTED + 1);
        assert_eq!(found.last().unwrap().kind, MoreLoops);
        assert_eq!(found.last().unwrap().decision, None);
    }

    #[test]
    fn a_dense_tangle_is_bounded() {
        // Every role escalates to every other: far more circles than listed.
        let n = 8;
        let arrows: Vec<(usize, usize)> = (0..n)
            .flat_map(|a| (0..n).filter(move |b| *b != a).map(move |b| (a, b)))
            .collect();
        let found = loops_of(&escalations(n, &arrows));
        assert_eq!(found.len(), MAX_LOOPS_LISTED + 1);
        assert_eq!(found.last().unwrap().kind, MoreLoops);
        assert!(found[..MAX_LOOPS_LISTED]
            .iter()
            .all(|f| f.kind == EscalationLoop));
    }

    #[test]
    fn rights_that_do_not_follow_ownership_get_a_note() {
        let mut m = model(&["Head of Sales", "Account Exec", "CTO", "Head of Ops"]);
        m.elements = vec![
            element("e0", "Availability", &[(2, Raci::A), (3, Raci::R)]),
            element("e1", "Uptime reporting", &[(3, Raci::A), (2, Raci::R)]),
            element("e2", "Sales pipeline", &[(0, Raci::A), (1, Raci::R)]),
        ];
        let mut d = decision(
            "d0",
            "Agree a custom uptime promise",
            &[(0, "A"), (1, "R"), (2, "I")],
        );
        d.elements = vec!["e0".into(), "e1".into(), "missing".into()];
        m.decisions.push(d);
        let r = check(&m);
        assert_eq!(kinds(&r), [(RightsNotOwnership, Some("d0"), Some("r0"))]);
        assert_eq!(r.findings[0].severity, Severity::Note);
        assert_eq!(
            r.findings[0].message,
            "\u{201c}Agree a custom uptime promise\u{201d} is decided by Head of Sales, who is accountable for none of its elements; the owners are CTO and Head of Ops. A right that does not follow ownership often stays on paper: check who really decides."
        );
        assert_eq!(r.coverage(), Some(100.0), "a note does not lower coverage");

        // Owning one of the linked elements is enough.
        m.decisions[0].elements.push("e2".into());
        assert!(check(&m).findings.is_empty());
        // No linked element (or only missing ones): nothing to compare.
        m.decisions[0].elements = vec!["missing".into()];
        assert!(check(&m).findings.is_empty());
        // Linked elements without any owner.
        m.elements[0].assignments.clear();
        m.decisions[0].elements = vec!["e0".into()];
        assert!(check(&m).findings[0]
            .message
            .contains("; its elements have no owner yet."));
        // Several deciders, none of them the owner.
        m.elements[0].assignments.insert("r2".into(), Raci::A);
        m.decisions[0].rights.insert("r1".into(), "A".into());
        m.decisions[0].rights.insert("r3".into(), "R".into());
        let r = check(&m);
        assert_eq!(r.findings[1].kind, RightsNotOwnership);
        assert!(
            r.findings[1]
                .message
                .contains("decided by Head of Sales and Account Exec, none of whom is accountable"),
            "{}",
            r.findings[1].message
        );
    }

    #[test]
    fn conditions_and_thresholds() {
        let with = |authority: Authority| {
            let mut d = decision("d0", "Refund", &[(0, "A"), (1, "R")]);
            d.authority = authority;
            check(&one(d))
        };
        let cases: [(Authority, &[DecisionFindingKind]); 7] = [
            (conditional("Up to 500 EUR", Some((500.0, "EUR"))), &[]),
            (conditional("Up to 500 EUR", None), &[]),
            (conditional("  ", Some((500.0, "EUR"))), &[NoCondition]),
            (
                conditional("Small refunds", Some((0.0, "EUR"))),
                &[BadThreshold],
            ),
            (
                conditional("", Some((-5.0, "%"))),
                &[NoCondition, BadThreshold],
            ),
            (
                conditional("Small", Some((f64::NAN, "EUR"))),
                &[BadThreshold],
            ),
            (Authority::default(), &[]),
        ];
        for (authority, expected) in cases {
            let shown = format!("{authority:?}");
            let got: Vec<_> = with(authority).findings.iter().map(|f| f.kind).collect();
            assert_eq!(got, expected, "{shown}");
        }
        let r = with(conditional("", Some((-5.0, "%"))));
        assert_eq!(r.findings[0].severity, Severity::Note);
        assert_eq!(r.findings[1].severity, Severity::Problem);
        assert_eq!(
            r.findings[1].message,
            "The threshold of \u{201c}Refund\u{201d} is -5%: a limit has to be more than zero."
        );
        // A threshold on individual authority is still checked.
        let a = Authority {
            threshold: Some(Threshold {
                amount: 0.0,
                unit: "EUR".into(),
            }),
            ..Default::default()
        };
        assert_eq!(with(a).findings[0].kind, BadThreshold);
    }

    #[test]
    fn badges_count_problems_and_notes_per_decision() {
        let mut m = model(&["Ops Lead", "Support Lead", "CTO"]);
        m.elements = vec![element("e0", "Billing", &[(2, Raci::A)])];
        let mut d = decision("d0", "Refund", &[(0, "A")]);
        d.elements = vec!["e0".into()];
        m.decisions = vec![d, decision("d1", "Credit", &[(0, "A"), (1, "R")])];
        let r = check(&m);
        let b = badges_by_decision(&r);
        assert_eq!(b["d0"], (1, 1));
        assert!(!b.contains_key("d1"));
        assert_eq!(r.problems(), 1);
        assert_eq!(r.for_decision("d0").count(), 2);
    }
}
