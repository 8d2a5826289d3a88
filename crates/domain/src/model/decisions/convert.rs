//! Moving the decision-rights table from one vocabulary to another.
//!
//! The three vocabularies name the same few parts of a decision with
//! different letters. Letters are mapped by meaning, never by spelling (RACI's
//! A and RAPID's A mean different things):
//!
//! | part of the decision               | RACI            | RAPID         | DACI            |
//! |------------------------------------|-----------------|---------------|-----------------|
//! | makes the decision                 | A Accountable   | D Decide      | A Approver      |
//! | carries it out                     | R Responsible   | P Perform     | (none)          |
//! | gives input before it is made      | C Consulted     | I Input       | C Contributor   |
//! | prepares and proposes it           | (none)          | R Recommend   | D Driver        |
//! | must agree before it goes ahead    | (none)          | A Agree       | (none)          |
//! | is told the outcome                | I Informed      | (none)        | I Informed      |
//!
//! Where the target has no letter for a part, the nearest is used and the
//! change reported, or the letter is removed and reported:
//!
//! - RACI R -> DACI D (Driver) and back: whoever does the work is the nearest
//!   to whoever moves the decision along;
//! - RAPID P -> DACI I: those who carry a decision out at least need to hear
//!   of it;
//! - RAPID R (Recommend) -> RACI C: the recommendation is input;
//! - RAPID A (Agree) -> RACI or DACI C, and the role is added as an approver
//!   ("always") unless it already is one, so its agreement is still required;
//! - RACI or DACI I -> RAPID: removed, RAPID has no letter for being told.
//!
//! Round trips: RACI -> RAPID -> RACI gives back A, R and C (I is lost).
//! RACI -> DACI -> RACI and DACI -> RACI -> DACI give back every letter.
//! RAPID -> RACI -> RAPID gives back D, P and I (R and A come back as I).
//! DACI -> RAPID -> DACI gives back A, D and C (I is lost).
//!
//! Approvals, escalations and vetoes are not letters and stay as they are.

use super::super::types::{Approval, Decision, Model, Vocabulary};
use super::{letter_with_word, quoted, role_name};

/// What happens to one letter when the table moves to another vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LetterMapping {
    /// The letter with the same meaning in the other vocabulary.
    Same(&'static str),
    /// The nearest letter: the meaning shifts, so the change is reported.
    /// `why` completes "because ...".
    Nearest {
        letter: &'static str,
        why: &'static str,
    },
    /// The nearest letter, and the role becomes an approver of the decision
    /// so that its agreement is still required (RAPID's Agree).
    Approver {
        letter: &'static str,
        why: &'static str,
    },
    /// No counterpart: the letter is removed, and reported.
    Dropped { why: &'static str },
}

const NOTHING_FOR_INFORMED: &str = "RAPID has no letter for being told the outcome";
const NOTHING_FOR_AGREE_RACI: &str = "RACI has no letter for a role whose agreement is required";
const NOTHING_FOR_AGREE_DACI: &str = "DACI has no letter for a role whose agreement is required";

/// The mapping of `letter` from one vocabulary to another (see the module
/// documentation); `None` when `letter` is not a letter of `from`.
pub fn map_letter(from: Vocabulary, to: Vocabulary, letter: &str) -> Option<LetterMapping> {
    use LetterMapping::*;
    use Vocabulary::*;
    let same = from
        .letters()
        .iter()
        .find(|l| **l == letter)
        .copied()
        .map(Same);
    let mapping = match (from, to, letter) {
        _ if from == to => return same,
        (Raci, Rapid, "A") => Same("D"),
        (Raci, Rapid, "R") => Same("P"),
        (Raci, Rapid, "C") => Same("I"),
        (Raci, Rapid, "I") => Dropped {
            why: NOTHING_FOR_INFORMED,
        },

        (Rapid, Raci, "D") => Same("A"),
        (Rapid, Raci, "P") => Same("R"),
        (Rapid, Raci, "I") => Same("C"),
        (Rapid, Raci, "R") => Nearest {
            letter: "C",
            why: "RACI has no letter for recommending, and a recommendation is input",
        },
        (Rapid, Raci, "A") => Approver {
            letter: "C",
            why: NOTHING_FOR_AGREE_RACI,
        },

        (Raci, Daci, "A") => Same("A"),
        (Raci, Daci, "C") => Same("C"),
        (Raci, Daci, "I") => Same("I"),
        (Raci, Daci, "R") => Nearest {
            letter: "D",
            why: "DACI has no letter for carrying a decision out, and the Driver who moves it along is the nearest",
        },

        (Daci, Raci, "A") => Same("A"),
        (Daci, Raci, "C") => Same("C"),
        (Daci, Raci, "I") => Same("I"),
        (Daci, Raci, "D") => Nearest {
            letter: "R",
            why: "RACI has no letter for driving a decision, and Responsible is the nearest",
        },

        (Rapid, Daci, "D") => Same("A"),
        (Rapid, Daci, "R") => Same("D"),
        (Rapid, Daci, "I") => Same("C"),
        (Rapid, Daci, "P") => Nearest {
            letter: "I",
            why: "DACI has no letter for carrying a decision out, and those who do need at least to be told",
        },
        (Rapid, Daci, "A") => Approver {
            letter: "C",
            why: NOTHING_FOR_AGREE_DACI,
        },

        (Daci, Rapid, "A") => Same("D"),
        (Daci, Rapid, "D") => Same("R"),
        (Daci, Rapid, "C") => Same("I"),
        (Daci, Rapid, "I") => Dropped {
            why: NOTHING_FOR_INFORMED,
        },
        _ => return None,
    };
    Some(mapping)
}

/// Every letter of `from` with its mapping to `to`, in `from`'s order (for
/// showing the conversion before it is applied).
pub fn mappings(from: Vocabulary, to: Vocabulary) -> Vec<(&'static str, LetterMapping)> {
    from.letters()
        .iter()
        .filter_map(|l| map_letter(from, to, l).map(|m| (*l, m)))
        .collect()
}

/// The decision-rights table in another vocabulary, ready to be applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Conversion {
    pub from: Vocabulary,
    pub to: Vocabulary,
    /// Every decision of the model, converted, in the same order.
    pub decisions: Vec<Decision>,
    /// One sentence per letter that did not carry over as it was: which
    /// decision, which role, which letter, and what became of it.
    pub unconverted: Vec<String>,
}

/// Converts every decision's letters from the model's vocabulary to `to`.
/// Pure: the model is untouched; the caller applies `decisions` together
/// with the new vocabulary as one step.
pub fn convert(model: &Model, to: Vocabulary) -> Conversion {
    let from = model.settings.vocabulary;
    let mut unconverted = Vec::new();
    let decisions = model
        .decisions
        .iter()
        .map(|d| {
            if from == to {
                return d.clone();
            }
            let mut out = d.clone();
            out.rights.clear();
            // Column order first, then rights of roles the model lacks.
            let order = model
                .roles
                .iter()
                .map(|r| &r.id)
                .filter(|id| d.rights.contains_key(*id))
                .chain(d.rights.keys().filter(|id| model.role(id).is_none()));
            for role in order {
                let letter = d.rights[role].as_str();
                let had = format!(
                    "{}: {} had {}",
                    quoted(&d.name),
                    role_name(model, role),
                    letter_with_word(from, letter)
                );
                match map_letter(from, to, letter) {
                    Some(LetterMapping::Same(new)) => {
                        out.rights.insert(role.clone(), new.to_string());
                    }
                    Some(LetterMapping::Nearest { letter: new, why }) => {
                        out.rights.insert(role.clone(), new.to_string());
                        unconverted.push(format!(
                            "{had} and now has {}, because {why}.",
                            letter_with_word(to, new)
                        ));
                    }
                    Some(LetterMapping::Approver { letter: new, why }) => {
                        out.rights.insert(role.clone(), new.to_string());
                        let approval = if out.approvals.iter().any(|a| &a.role == role) {
                            "it already approves the decision"
                        } else {
                            out.approvals.push(Approval {
                                role: role.clone(),
                                when: "always".into(),
                            });
                            "it was added as an approver"
                        };
                        unconverted.push(format!(
                            "{had} and now has {}, because {why}; {approval}, so its agreement is still needed.",
                            letter_with_word(to, new)
                        ));
                    }
                    Some(LetterMapping::Dropped { why }) => {
                        unconverted.push(format!("{had}, which was removed because {why}."));
                    }
                    None => unconverted.push(format!(
                        "{had}, which is not a {} letter, so it was removed.",
                        from.label()
                    )),
                }
            }
            out
        })
        .collect();
    Conversion {
        from,
        to,
        decisions,
        unconverted,
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use LetterMapping::*;
    use Vocabulary::*;

    /// Every letter of every vocabulary lands on a letter of the target (or
    /// is dropped), and "the one who decides" always stays the decider.
    #[test]
    fn every_letter_has_a_mapping_into_every_vocabulary() {
        for from in Vocabulary::ALL {
            for to in Vocabulary::ALL {
                let table = mappings(from, to);
                assert_eq!(table.len(), from.letters().len(), "{from:?} -> {to:?}");
                for (letter, mapping) in table {
                    let target = match mapping {
                        Same(l) | Nearest { letter: l, .. } | Approver { letter: l, .. } => l,
                        Dropped { .. } => continue,
                    };
                    assert!(
                        to.letters().contains(&target),
                        "{from:?} {letter} -> {to:?}"
                    );
                    assert_eq!(
                        letter == from.decider(),
                        target == to.decider(),
                        "{from:?} {letter} -> {to:?} {target}"
                    );
                }
                assert_eq!(map_letter(from, to, "X"), None);
            }
        }
    }

    /// The six directions, written out as a table: letter -> letter, with
    /// "-" for removed and "~" for a nearest letter that is reported.
    #[test]
    fn the_six_directions() {
        let short = |m: LetterMapping| match m {
            Same(l) => l.to_string(),
            Nearest { letter, .. } => format!("~{letter}"),
            Approver { letter, .. } => format!("~{letter}+approval"),
            Dropped { .. } => "-".to_string(),
        };
        type Direction = (
            Vocabulary,
            Vocabulary,
            &'static [(&'static str, &'static str)],
        );
        let cases: [Direction; 6] = [
            (
                Raci,
                Rapid,
                &[("R", "P"), ("A", "D"), ("C", "I"), ("I", "-")],
            ),
            (
                Rapid,
                Raci,
                &[
                    ("R", "~C"),
                    ("A", "~C+approval"),
                    ("P", "R"),
                    ("I", "C"),
                    ("D", "A"),
                ],
            ),
            (
                Raci,
                Daci,
                &[("R", "~D"), ("A", "A"), ("C", "C"), ("I", "I")],
            ),
            (
                Daci,
                Raci,
                &[("D", "~R"), ("A", "A"), ("C", "C"), ("I", "I")],
            ),
            (
                Rapid,
                Daci,
                &[
                    ("R", "D"),
                    ("A", "~C+approval"),
                    ("P", "~I"),
                    ("I", "C"),
                    ("D", "A"),
                ],
            ),
            (
                Daci,
                Rapid,
                &[("D", "R"), ("A", "D"), ("C", "I"), ("I", "-")],
            ),
        ];
        for (from, to, expected) in cases {
            let got: Vec<(&str, String)> = mappings(from, to)
                .into_iter()
                .map(|(l, m)| (l, short(m)))
                .collect();
            let expected: Vec<(&str, String)> =
                expected.iter().map(|(l, m)| (*l, m.to_string())).collect();
            assert_eq!(got, expected, "{from:?} -> {to:?}");
        }
    }

    fn letters(d: &Decision) -> Vec<(&str, &str)> {
        d.rights
            .iter()
            .map(|(r, l)| (r.as_str(), l.as_str()))
            .collect()
    }

    fn roles() -> Model {
        model(&[
            "Ops Lead",
            "Support Agent",
            "Finance Manager",
            "Warehouse Lead",
            "Legal",
        ])
    }

    #[test]
    fn raci_to_rapid_and_back_keeps_a_r_and_c() {
        let mut m = roles();
        m.decisions = vec![
            decision(
                "d0",
                "Approve a refund",
                &[(0, "A"), (1, "R"), (2, "C"), (3, "I")],
            ),
            decision("d1", "Hold an order", &[(1, "A"), (0, "R"), (3, "R")]),
        ];
        let there = convert(&m, Rapid);
        assert_eq!((there.from, there.to), (Raci, Rapid));
        assert_eq!(
            letters(&there.decisions[0]),
            [("r0", "D"), ("r1", "P"), ("r2", "I")]
        );
        assert_eq!(
            there.unconverted,
            ["\u{201c}Approve a refund\u{201d}: Warehouse Lead had I (Informed), which was removed because RAPID has no letter for being told the outcome."]
        );
        let mut rapid = m.clone();
        rapid.settings.vocabulary = Rapid;
        rapid.decisions = there.decisions;
        let back = convert(&rapid, Raci);
        assert!(back.unconverted.is_empty(), "{:?}", back.unconverted);
        assert_eq!(
            letters(&back.decisions[0]),
            [("r0", "A"), ("r1", "R"), ("r2", "C")]
        );
        assert_eq!(back.decisions[1], m.decisions[1]);
    }

    #[test]
    fn raci_to_daci_and_back_keeps_every_letter() {
        let mut m = roles();
        m.decisions = vec![decision(
            "d0",
            "Approve a refund",
            &[(0, "A"), (1, "R"), (2, "C"), (3, "I")],
        )];
        let there = convert(&m, Daci);
        assert_eq!(
            letters(&there.decisions[0]),
            [("r0", "A"), ("r1", "D"), ("r2", "C"), ("r3", "I")]
        );
        assert_eq!(
            there.unconverted,
            ["\u{201c}Approve a refund\u{201d}: Support Agent had R (Responsible) and now has D (Driver), because DACI has no letter for carrying a decision out, and the Driver who moves it along is the nearest."]
        );
        let mut daci = m.clone();
        daci.settings.vocabulary = Daci;
        daci.decisions = there.decisions;
        let back = convert(&daci, Raci);
        assert_eq!(back.decisions, m.decisions);
        assert_eq!(
            back.unconverted,
            ["\u{201c}Approve a refund\u{201d}: Support Agent had D (Driver) and now has R (Responsible), because RACI has no letter for driving a decision, and Responsible is the nearest."]
        );
    }

    #[test]
    fn rapid_agree_becomes_an_approval_and_recommend_becomes_input() {
        let mut m = roles();
        m.settings.vocabulary = Rapid;
        let mut d = decision(
            "d0",
            "Launch a campaign",
            &[(0, "D"), (1, "P"), (2, "I"), (3, "R"), (4, "A")],
        );
        d.approvals.push(approval(2, "over 5,000 EUR"));
        let mut already = decision("d1", "Sign a contract", &[(0, "D"), (4, "A")]);
        already.approvals.push(approval(4, "always"));
        m.decisions = vec![d, already];

        let c = convert(&m, Raci);
        assert_eq!(
            letters(&c.decisions[0]),
            [
                ("r0", "A"),
                ("r1", "R"),
                ("r2", "C"),
                ("r3", "C"),
                ("r4", "C")
            ]
        );
        assert_eq!(
            c.decisions[0].approvals,
            [approval(2, "over 5,000 EUR"), approval(4, "always")]
        );
        assert_eq!(c.decisions[1].approvals, [approval(4, "always")]);
        assert_eq!(
            c.unconverted,
            [
                "\u{201c}Launch a campaign\u{201d}: Warehouse Lead had R (Recommend) and now has C (Consulted), because RACI has no letter for recommending, and a recommendation is input.",
                "\u{201c}Launch a campaign\u{201d}: Legal had A (Agree) and now has C (Consulted), because RACI has no letter for a role whose agreement is required; it was added as an approver, so its agreement is still needed.",
                "\u{201c}Sign a contract\u{201d}: Legal had A (Agree) and now has C (Consulted), because RACI has no letter for a role whose agreement is required; it already approves the decision, so its agreement is still needed.",
            ]
        );
        assert_eq!(m.decisions[0].approvals.len(), 1, "the model is untouched");
    }

    #[test]
    fn rapid_to_daci_and_daci_to_rapid() {
        let mut m = roles();
        m.settings.vocabulary = Rapid;
        m.decisions = vec![decision(
            "d0",
            "Launch a campaign",
            &[(0, "D"), (1, "P"), (2, "I"), (3, "R"), (4, "A")],
        )];
        let c = convert(&m, Daci);
        assert_eq!(
            letters(&c.decisions[0]),
            [
                ("r0", "A"),
                ("r1", "I"),
                ("r2", "C"),
                ("r3", "D"),
                ("r4", "C")
            ]
        );
        assert_eq!(c.decisions[0].approvals, [approval(4, "always")]);
        assert_eq!(
            c.unconverted,
            [
                "\u{201c}Launch a campaign\u{201d}: Support Agent had P (Perform) and now has I (Informed), because DACI has no letter for carrying a decision out, and those who do need at least to be told.",
                "\u{201c}Launch a campaign\u{201d}: Legal had A (Agree) and now has C (Contributor), because DACI has no letter for a role whose agreement is required; it was added as an approver, so its agreement is still needed.",
            ]
        );

        let mut daci = m.clone();
        daci.settings.vocabulary = Daci;
        daci.decisions = c.decisions;
        let back = convert(&daci, Rapid);
        assert_eq!(
            letters(&back.decisions[0]),
            [("r0", "D"), ("r2", "I"), ("r3", "R"), ("r4", "I")]
        );
        assert_eq!(
            back.unconverted,
            ["\u{201c}Launch a campaign\u{201d}: Support Agent had I (Informed), which was removed because RAPID has no letter for being told the outcome."]
        );
    }

    #[test]
    fn unknown_letters_are_removed_and_same_vocabulary_changes_nothing() {
        let mut m = roles();
        let mut d = decision("d0", "Refund", &[(0, "A"), (1, "X")]);
        d.rights.insert("gone".into(), "R".into());
        m.decisions = vec![d];
        let same = convert(&m, Raci);
        assert_eq!(same.decisions, m.decisions);
        assert!(same.unconverted.is_empty());

        let c = convert(&m, Rapid);
        assert_eq!(letters(&c.decisions[0]), [("gone", "P"), ("r0", "D")]);
        assert_eq!(
            c.unconverted,
            ["\u{201c}Refund\u{201d}: Support Agent had \u{201c}X\u{201d}, which is not a RACI letter, so it was removed."]
        );
    }

    #[test]
    fn everything_but_letters_and_agree_approvals_is_kept() {
        let mut m = roles();
        let mut d = decision("d0", "Refund", &[(0, "A"), (1, "R")]);
        d.description = "Above the limit".into();
        d.escalations.push(escalation("Legal threat", 2));
        d.vetoes.push(veto(3, "Peak weeks", "The reason"));
        d.authority = conditional("Up to 500 EUR", Some((500.0, "EUR")));
        d.documentation = "Ticket".into();
        d.elements = vec!["e0".into()];
        m.decisions = vec![d.clone()];
        let mut c = convert(&m, Daci).decisions.remove(0);
        c.rights = d.rights.clone();
        assert_eq!(c, d);
    }
}
