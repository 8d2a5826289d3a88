//! The rules of explicit ownership (pillar one), checked on a model: exactly
//! one accountable role per element, someone doing the work, a fair spread
//! of ownership across roles, and roles rather than people.

use std::collections::{BTreeMap, HashMap};

use super::types::{Id, Model, Raci};

/// A role is "overloaded" when it is accountable for at least this many
/// elements...
pub const OVERLOAD_MIN_OWNED: usize = 5;
/// ...and for more than this many times the average of the other roles that
/// own anything. Twice the average is where a workshop starts asking whether
/// one person can really exercise that much ownership.
pub const OVERLOAD_FACTOR: f64 = 2.0;

/// How much a finding matters: problems break a rule of the framework,
/// notes are gentle hints that never block anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Problem,
    Note,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FindingKind {
    /// No A on the element.
    NoOwner,
    /// Two or more A's on the element.
    SharedOwnership,
    /// Nobody is R on the element.
    NoResponsible,
    /// The role owns far more than the others.
    Overloaded,
    /// The role has no letter anywhere.
    Unused,
    /// The role's name looks like a person's name.
    PersonName,
    /// One person holds both the A and the R role on an element.
    SameHolder,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    /// The element concerned, if any.
    pub element: Option<Id>,
    /// The role concerned, if any (for a cell finding, the column to jump to).
    pub role: Option<Id>,
    pub message: String,
}

/// How much of the work a role carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoleLoad {
    pub accountable: usize,
    pub responsible: usize,
    pub consulted: usize,
    pub informed: usize,
}

impl RoleLoad {
    pub fn total(&self) -> usize {
        self.accountable + self.responsible + self.consulted + self.informed
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct OwnershipReport {
    pub findings: Vec<Finding>,
    /// Role id -> load.
    pub load: HashMap<Id, RoleLoad>,
    /// Elements with exactly one A.
    pub owned: usize,
    pub elements: usize,
}

impl OwnershipReport {
    /// Percentage of elements with exactly one accountable role; `None` for a
    /// model with no elements (0% would suggest a failing that isn't there).
    pub fn coverage(&self) -> Option<f64> {
        (self.elements > 0).then(|| 100.0 * self.owned as f64 / self.elements as f64)
    }

    pub fn for_element<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings
            .iter()
            .filter(move |f| f.element.as_deref() == Some(id))
    }

    /// Findings about the role itself (not about one element).
    pub fn for_role<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings
            .iter()
            .filter(move |f| f.element.is_none() && f.role.as_deref() == Some(id))
    }
}

/// Runs every ownership check. Elements' findings come first, in row order,
/// then roles', in column order.
pub fn check(model: &Model) -> OwnershipReport {
    let mut report = OwnershipReport {
        elements: model.elements.len(),
        ..Default::default()
    };
    for role in &model.roles {
        report.load.insert(role.id.clone(), RoleLoad::default());
    }

    for e in &model.elements {
        // In column order, as the matrix shows them.
        let owners: Vec<&Id> = model
            .roles
            .iter()
            .filter(|r| e.assignments.get(&r.id).is_some_and(|l| l.is_accountable()))
            .map(|r| &r.id)
            .collect();
        for (role, letter) in &e.assignments {
            if let Some(load) = report.load.get_mut(role) {
                match letter {
                    Raci::A => load.accountable += 1,
                    Raci::R => load.responsible += 1,
                    Raci::C => load.consulted += 1,
                    Raci::I => load.informed += 1,
                    // Counted in both: the role owns it and does the work.
                    Raci::AR => {
                        load.accountable += 1;
                        load.responsible += 1;
                    }
                }
            }
        }
        let first_role = model.roles.first().map(|r| r.id.clone());
        match owners.len() {
            0 => report.findings.push(Finding {
                kind: FindingKind::NoOwner,
                severity: Severity::Problem,
                element: Some(e.id.clone()),
                role: first_role.clone(),
                message: format!("\u{201c}{}\u{201d} has no owner: give exactly one role the A.", e.name),
            }),
            1 => report.owned += 1,
            n => report.findings.push(Finding {
                kind: FindingKind::SharedOwnership,
                severity: Severity::Problem,
                element: Some(e.id.clone()),
                role: Some(owners[1].clone()),
                message: format!(
                    "\u{201c}{}\u{201d} has {n} accountable roles ({}): shared ownership is no ownership. Keep one A.",
                    e.name,
                    owners
                        .iter()
                        .map(|r| role_name(model, r))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        }
        if !e.assignments.values().any(|l| l.is_responsible()) {
            report.findings.push(Finding {
                kind: FindingKind::NoResponsible,
                severity: Severity::Problem,
                element: Some(e.id.clone()),
                role: owners.first().map(|r| (*r).clone()).or(first_role),
                message: format!(
                    "\u{201c}{}\u{201d} has nobody doing the work: mark at least one role R.",
                    e.name
                ),
            });
        }
        same_holder(model, e, &owners, &mut report.findings);
    }

    role_findings(model, &mut report);
    report
}

fn role_name(model: &Model, id: &str) -> String {
    model
        .role(id)
        .map_or_else(|| id.to_string(), |r| r.name.clone())
}

/// One person holding both the accountable and the responsible role on one
/// element: the split between owning and doing exists only on paper.
fn same_holder(model: &Model, e: &super::types::Element, owners: &[&Id], out: &mut Vec<Finding>) {
    let holder = |id: &str| {
        model
            .role(id)
            .and_then(|r| r.holder.as_deref())
            .map(|h| h.trim().to_lowercase())
            .filter(|h| !h.is_empty())
    };
    for owner in owners {
        let Some(person) = holder(owner) else {
            continue;
        };
        for (role, letter) in &e.assignments {
            if letter.is_responsible() && role != *owner && holder(role).as_ref() == Some(&person) {
                let shown = model
                    .role(owner)
                    .and_then(|r| r.holder.clone())
                    .unwrap_or_default();
                out.push(Finding {
                    kind: FindingKind::SameHolder,
                    severity: Severity::Note,
                    element: Some(e.id.clone()),
                    role: Some(role.clone()),
                    message: format!(
                        "On \u{201c}{}\u{201d}, {} holds both the accountable role ({}) and a responsible one ({}): owning and doing are the same person.",
                        e.name,
                        shown.trim(),
                        role_name(model, owner),
                        role_name(model, role)
                    ),
                });
            }
        }
    }
}

fn role_findings(model: &Model, report: &mut OwnershipReport) {
    let owning: Vec<usize> = model
        .roles
        .iter()
        .map(|r| report.load[&r.id].accountable)
        .collect();
    for (i, role) in model.roles.iter().enumerate() {
        let load = &report.load[&role.id];
        if load.total() == 0 && !model.elements.is_empty() {
            report.findings.push(Finding {
                kind: FindingKind::Unused,
                severity: Severity::Problem,
                element: None,
                role: Some(role.id.clone()),
                message: format!(
                    "\u{201c}{}\u{201d} has no part in any element: give it work or remove it.",
                    role.name
                ),
            });
        }
        let others: Vec<usize> = owning
            .iter()
            .enumerate()
            .filter(|(j, n)| *j != i && **n > 0)
            .map(|(_, n)| *n)
            .collect();
        let average = if others.is_empty() {
            0.0
        } else {
            others.iter().sum::<usize>() as f64 / others.len() as f64
        };
        if load.accountable >= OVERLOAD_MIN_OWNED
            && load.accountable as f64 > OVERLOAD_FACTOR * average
        {
            report.findings.push(Finding {
                kind: FindingKind::Overloaded,
                severity: Severity::Problem,
                element: None,
                role: Some(role.id.clone()),
                message: format!(
                    "\u{201c}{}\u{201d} is accountable for {} elements, far more than the others (about {:.0} each): can it really exercise all that ownership?",
                    role.name, load.accountable, average
                ),
            });
        }
        if looks_like_person(&role.name) {
            report.findings.push(Finding {
                kind: FindingKind::PersonName,
                severity: Severity::Note,
                element: None,
                role: Some(role.id.clone()),
                message: format!(
                    "\u{201c}{}\u{201d} looks like a person's name. Ownership belongs to roles, so it survives people changing jobs: name the role and record the person as its holder.",
                    role.name
                ),
            });
        }
    }
}

/// Words that make a name a role or a team rather than a person.
const ROLE_WORDS: &[&str] = &[
    "account",
    "accounting",
    "accounts",
    "admin",
    "administrator",
    "agent",
    "analyst",
    "architect",
    "assistant",
    "board",
    "buyer",
    "ceo",
    "cfo",
    "chief",
    "coo",
    "cto",
    "cio",
    "cmo",
    "chair",
    "client",
    "coach",
    "compliance",
    "content",
    "controller",
    "coordinator",
    "counsel",
    "creative",
    "customer",
    "data",
    "delivery",
    "department",
    "design",
    "designer",
    "desk",
    "developer",
    "development",
    "director",
    "editor",
    "engineer",
    "engineering",
    "executive",
    "facilities",
    "finance",
    "financial",
    "founder",
    "growth",
    "head",
    "hr",
    "it",
    "lead",
    "leader",
    "legal",
    "logistics",
    "manager",
    "marketing",
    "member",
    "office",
    "officer",
    "operations",
    "ops",
    "owner",
    "partner",
    "people",
    "planner",
    "platform",
    "president",
    "procurement",
    "product",
    "project",
    "purchasing",
    "quality",
    "recruiter",
    "sales",
    "security",
    "service",
    "specialist",
    "staff",
    "steward",
    "strategy",
    "success",
    "supervisor",
    "supply",
    "support",
    "team",
    "technical",
    "technician",
    "vp",
    "warehouse",
    "writer",
];

/// Common given names across languages: a one-word role name from this list
/// is almost certainly a person.
const GIVEN_NAMES: &[&str] = &[
    "adam", "alex", "alice", "amir", "ana", "anna", "anne", "ben", "carlos", "chen", "chris",
    "claire", "daniel", "david", "elena", "emma", "eva", "fatima", "george", "hannah", "igor",
    "james", "jan", "jane", "jean", "john", "jose", "julia", "kate", "laura", "lea", "lena",
    "lisa", "lucas", "luis", "maria", "mark", "marie", "martin", "mary", "max", "michael",
    "mohammed", "nina", "noah", "olga", "omar", "paul", "peter", "priya", "rahul", "sam", "sara",
    "sarah", "sofia", "sophie", "thomas", "tom", "wei", "yuki",
];

/// A gentle heuristic: one to three capitalised words, none of them a role
/// word, starting with a common given name ("Maria", "Tom Becker"). Two
/// capitalised words alone ("Web Merchandiser") are not enough: a false
/// note on a real role name would teach people to ignore the notes.
pub fn looks_like_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 {
        return false;
    }
    // "Jean-Luc" and "K." are name-like; "QA" or "CEO" (all capitals) are not.
    let capitalised = words.iter().all(|w| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
            && (letters == 1 || w.chars().any(char::is_lowercase))
    });
    if !capitalised {
        return false;
    }
    let lower: Vec<String> = words
        .iter()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    if lower.iter().any(|w| ROLE_WORDS.contains(&w.as_str())) {
        return false;
    }
    let first = lower[0].split('-').next().unwrap_or("");
    GIVEN_NAMES.contains(&first)
}

/// Per element id, the number of problems and notes (for row badges).
pub fn badges_by_element(report: &OwnershipReport) -> BTreeMap<Id, (usize, usize)> {
    let mut out: BTreeMap<Id, (usize, usize)> = BTreeMap::new();
    for f in &report.findings {
        if let Some(e) = &f.element {
            let entry = out.entry(e.clone()).or_default();
            match f.severity {
                Severity::Problem => entry.0 += 1,
                Severity::Note => entry.1 += 1,
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testkit::Kit;
    use crate::model::{ElementKind, Model};
    use chrono::{TimeZone, Utc};

    fn model(roles: &[&str], rows: &[(&str, &[(usize, Raci)])]) -> Model {
        let mut m = Model::new(
            "m".into(),
            "M",
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        );
        for (i, r) in roles.iter().enumerate() {
            m.add_role(format!("r{i}"), r).unwrap();
        }
        for (i, (name, cells)) in rows.iter().enumerate() {
            m.add_element(format!("e{i}"), name, ElementKind::Process)
                .unwrap();
            for (role, letter) in *cells {
                m.set_assignment(&format!("e{i}"), &format!("r{role}"), Some(*letter))
                    .unwrap();
            }
        }
        m
    }

    fn kinds(report: &OwnershipReport) -> Vec<(FindingKind, Option<&str>, Option<&str>)> {
        report
            .findings
            .iter()
            .map(|f| (f.kind, f.element.as_deref(), f.role.as_deref()))
            .collect()
    }

    #[test]
    fn exactly_one_a_and_at_least_one_r_is_clean() {
        let m = model(
            &["Ops Lead", "Support Lead"],
            &[("Billing", &[(0, Raci::A), (1, Raci::R)])],
        );
        let r = check(&m);
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        assert_eq!(r.coverage(), Some(100.0));
    }

    #[test]
    fn no_owner_and_shared_ownership() {
        let m = model(
            &["Ops Lead", "Support Lead"],
            &[
                ("Billing", &[(1, Raci::R)]),
                ("Refunds", &[(0, Raci::A), (1, Raci::R)]),
                ("Refunds 2", &[(0, Raci::A), (1, Raci::A)]),
            ],
        );
        let r = check(&m);
        let k = kinds(&r);
        assert!(k.contains(&(FindingKind::NoOwner, Some("e0"), Some("r0"))));
        assert!(k.contains(&(FindingKind::SharedOwnership, Some("e2"), Some("r1"))));
        let shared = r
            .findings
            .iter()
            .find(|f| f.kind == FindingKind::SharedOwnership)
            .unwrap();
        assert!(shared.message.contains("shared ownership is no ownership"));
        assert!(shared.message.contains("Ops Lead, Support Lead"));
        assert_eq!(r.owned, 1, "only e1 has exactly one A");
        assert!((r.coverage().unwrap() - 100.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn missing_r_is_flagged() {
        let m = model(&["Ops Lead"], &[("Billing", &[(0, Raci::A)])]);
        assert_eq!(
            kinds(&check(&m)),
            [(FindingKind::NoResponsible, Some("e0"), Some("r0"))]
        );
    }

    #[test]
    fn empty_model_has_no_coverage_figure() {
        let m = model(&["Ops Lead"], &[]);
        let r = check(&m);
        assert_eq!(r.coverage(), None);
        assert!(
            r.findings.is_empty(),
            "an unused role is only flagged once there are elements"
        );
    }

    #[test]
    fn unused_role_is_flagged() {
        let m = model(
            &["Ops Lead", "Support Lead", "Finance Manager"],
            &[("Billing", &[(0, Raci::A), (1, Raci::R)])],
        );
        assert_eq!(kinds(&check(&m)), [(FindingKind::Unused, None, Some("r2"))]);
    }

    #[test]
    fn overloaded_role_is_flagged() {
        let mut rows: Vec<(String, Vec<(usize, Raci)>)> = (0..6)
            .map(|i| (format!("X{i}"), vec![(0, Raci::A), (1, Raci::R)]))
            .collect();
        rows.push(("Y".into(), vec![(1, Raci::A), (0, Raci::R)]));
        rows.push(("Z".into(), vec![(2, Raci::A), (0, Raci::R)]));
        let rows: Vec<(&str, &[(usize, Raci)])> = rows
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_slice()))
            .collect();
        let m = model(&["Ops Lead", "Support Lead", "Finance Manager"], &rows);
        let r = check(&m);
        assert_eq!(kinds(&r), [(FindingKind::Overloaded, None, Some("r0"))]);
        assert!(r.findings[0].message.contains("accountable for 6 elements"));
        assert_eq!(
            r.load["r0"],
            RoleLoad {
                accountable: 6,
                responsible: 2,
                consulted: 0,
                informed: 0
            }
        );

        // 5 owned against an average of 3 is not "far more".
        let rows: Vec<(String, Vec<(usize, Raci)>)> = (0..5)
            .map(|i| (format!("X{i}"), vec![(0, Raci::A), (1, Raci::R)]))
            .chain((0..3).map(|i| (format!("Y{i}"), vec![(1, Raci::A), (0, Raci::R)])))
            .collect();
        let rows: Vec<(&str, &[(usize, Raci)])> = rows
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_slice()))
            .collect();
        assert!(check(&model(&["Ops Lead", "Support Lead"], &rows))
            .findings
            .is_empty());
    }

    #[test]
    fn person_names_get_a_gentle_note() {
        for name in ["Maria", "Tom Becker", "Jean-Luc Picard", "Anna K. Smith"] {
            assert!(looks_like_person(name), "{name}");
        }
        for name in [
            "Web Merchandiser",
            "Finance",
            "Head of Operations",
            "Support Lead",
            "CEO",
            "Customer Success",
            "Warehouse Team",
            "ops",
            "Marketing Manager",
            "QA",
            "Operations",
        ] {
            assert!(!looks_like_person(name), "{name}");
        }
        let m = model(
            &["Maria", "Support Lead"],
            &[("Billing", &[(0, Raci::A), (1, Raci::R)])],
        );
        let r = check(&m);
        assert_eq!(kinds(&r), [(FindingKind::PersonName, None, Some("r0"))]);
        assert_eq!(r.findings[0].severity, Severity::Note);
    }

    #[test]
    fn one_person_holding_the_a_and_the_r_gets_a_note() {
        let mut m = model(
            &["Ops Lead", "Support Lead"],
            &[("Billing", &[(0, Raci::A), (1, Raci::R)])],
        );
        m.roles[0].holder = Some("Maria Lopez".into());
        m.roles[1].holder = Some(" maria lopez ".into());
        let r = check(&m);
        assert_eq!(
            kinds(&r),
            [(FindingKind::SameHolder, Some("e0"), Some("r1"))]
        );
        assert!(r.findings[0].message.contains("Maria Lopez holds both"));
        m.roles[1].holder = Some("Sam".into());
        assert!(check(&m).findings.is_empty());
    }

    #[test]
    fn badges_count_problems_and_notes_per_element() {
        let mut m = model(
            &["Ops Lead", "Support Lead"],
            &[("Billing", &[(0, Raci::A), (1, Raci::R)]), ("Refunds", &[])],
        );
        m.roles[0].holder = Some("Kim".into());
        m.roles[1].holder = Some("Kim".into());
        let b = badges_by_element(&check(&m));
        assert_eq!(b["e0"], (0, 1));
        assert_eq!(b["e1"], (2, 0));
    }
}
