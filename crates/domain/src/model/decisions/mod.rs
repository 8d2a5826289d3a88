//! Pillar two, defined decision rights: for every kind of decision, who
//! decides, on what authority, who must approve, where it escalates, who can
//! veto and what is written down.
//!
//! Everything here reads a [`Model`] and returns plain data:
//!
//! - [`check`]: the rules of the decision-rights table, as findings;
//! - [`convert`]: the table's letters moved to another vocabulary
//!   (RACI, RAPID, DACI), with a report of what did not carry over;
//! - [`lookup`] and [`describe`]: "who can decide...?" in plain sentences;
//! - [`role_card`]: everything one role decides, approves, hears about or
//!   can stop;
//! - [`decisions_table`]: the table for CSV and Markdown export.

mod card;
mod convert;
mod export;
mod lookup;
mod rules;

#[cfg(test)]
mod fixtures;

pub use card::{role_card, CardLine, RoleCard};
pub use convert::{convert, map_letter, mappings, Conversion, LetterMapping};
pub use export::{decisions_table, DECISION_COLUMNS};
pub use lookup::{describe, lookup, Answer};
pub use rules::{
    badges_by_decision, check, DecisionFinding, DecisionFindingKind, DecisionReport,
    MAX_LOOPS_LISTED,
};

use super::types::{AuthorityKind, Decision, Id, Model, Threshold, Vocabulary};

/// A role's name, or its id when the role is missing (a broken reference
/// still shows something a person can search for).
fn role_name(model: &Model, id: &str) -> String {
    model
        .role(id)
        .map_or_else(|| id.to_string(), |r| r.name.clone())
}

/// A decision's or element's name in curly quotes, as every message shows it.
fn quoted(name: &str) -> String {
    format!("\u{201c}{name}\u{201d}")
}

/// "A", "A and B", "A, B and C".
fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => format!(
            "{} and {}",
            init.iter()
                .map(|s| s.as_ref())
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// The word a letter stands for in a vocabulary ("A" -> "Accountable").
fn letter_word(vocabulary: Vocabulary, letter: &str) -> Option<&'static str> {
    vocabulary
        .letters()
        .iter()
        .position(|l| *l == letter)
        .map(|i| vocabulary.words()[i])
}

/// A letter with its word, "C (Consulted)"; an unknown letter as typed.
fn letter_with_word(vocabulary: Vocabulary, letter: &str) -> String {
    match letter_word(vocabulary, letter) {
        Some(word) => format!("{letter} ({word})"),
        None => quoted(letter),
    }
}

/// The roles holding `letter` on a decision, in column order.
fn holders<'a>(model: &'a Model, decision: &Decision, letter: &str) -> Vec<&'a Id> {
    model
        .roles
        .iter()
        .filter(|r| decision.rights.get(&r.id).map(String::as_str) == Some(letter))
        .map(|r| &r.id)
        .collect()
}

/// The letter of the roles that share a collective decision with the
/// decider: RACI's Consulted, RAPID's Agree and DACI's Contributor. A
/// collective decision needs the agreement of several parties; these are the
/// letters that give a role a say in the outcome without being the decider.
fn partner_letter(vocabulary: Vocabulary) -> &'static str {
    match vocabulary {
        Vocabulary::Raci => "C",
        Vocabulary::Rapid => "A",
        Vocabulary::Daci => "C",
    }
}

/// The roles that decide a collective decision together with its decider.
fn partners<'a>(model: &'a Model, decision: &Decision) -> Vec<&'a Id> {
    if decision.authority.kind != AuthorityKind::Collective {
        return Vec::new();
    }
    holders(model, decision, partner_letter(model.settings.vocabulary))
}

/// An amount for people: thousands separated by commas, and cents only when
/// there are some: 5000 -> "5,000", 1500.5 -> "1,500.50", 0.25 -> "0.25".
pub fn format_amount(amount: f64) -> String {
    if !amount.is_finite() {
        return amount.to_string();
    }
    let cents = (amount.abs() * 100.0).round();
    let whole = (cents / 100.0).trunc();
    let fraction = (cents - whole * 100.0) as u32;
    let digits = format!("{whole:.0}");
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if amount < 0.0 && cents > 0.0 { "-" } else { "" };
    if fraction == 0 {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction:02}")
    }
}

/// A threshold for people: "5,000 EUR", "10%", "2 days of effort".
pub fn format_threshold(threshold: &Threshold) -> String {
    let amount = format_amount(threshold.amount);
    let unit = threshold.unit.trim();
    if unit.is_empty() {
        amount
    } else if unit == "%" {
        format!("{amount}%")
    } else {
        format!("{amount} {unit}")
    }
}

/// Text someone typed as a sentence of its own ("The customer threatens
/// legal action.") made into a clause that can follow "when": trimmed, without
/// the closing full stop, and with a lower-case first letter unless the first
/// word is an abbreviation ("EU", "CEO") or a single capital "I".
fn as_clause(text: &str) -> String {
    let text = text.trim().trim_end_matches(['.', ' ']).trim_end();
    let first_word = text.split_whitespace().next().unwrap_or("");
    let letters: Vec<char> = first_word.chars().filter(|c| c.is_alphabetic()).collect();
    let abbreviation = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
    if abbreviation || first_word == "I" {
        return text.to_string();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Text someone typed, ending with exactly one full stop (or its own "?"/"!").
fn as_sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '?', '!']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// Words that already say when something applies, so "when" is not put in
/// front of a clause starting with one of them.
const CONDITION_WORDS: &[&str] = &[
    "when", "whenever", "if", "once", "unless", "after", "before", "as", "while", "during",
];

/// "when <clause>", or the clause alone when it already starts with a
/// condition word ("if the order is flagged").
fn when_clause(text: &str) -> String {
    let clause = as_clause(text);
    let first = clause
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if CONDITION_WORDS.contains(&first.as_str()) {
        clause
    } else {
        format!("when {clause}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_and_show_cents_only_when_there_are_some() {
        for (amount, text) in [
            (0.0, "0"),
            (5.0, "5"),
            (500.0, "500"),
            (5000.0, "5,000"),
            (20000.0, "20,000"),
            (1500.5, "1,500.50"),
            (1234567.891, "1,234,567.89"),
            (0.25, "0.25"),
            (999.999, "1,000"),
            (-2500.0, "-2,500"),
            (-0.001, "0"),
        ] {
            assert_eq!(format_amount(amount), text, "{amount}");
        }
    }

    #[test]
    fn thresholds_carry_their_unit() {
        let t = |amount, unit: &str| Threshold {
            amount,
            unit: unit.into(),
        };
        assert_eq!(format_threshold(&t(5000.0, "EUR")), "5,000 EUR");
        assert_eq!(format_threshold(&t(10.0, "%")), "10%");
        assert_eq!(format_threshold(&t(2.0, " days ")), "2 days");
        assert_eq!(format_threshold(&t(3.5, "")), "3.50");
    }

    #[test]
    fn typed_sentences_become_clauses() {
        assert_eq!(
            as_clause(" The customer threatens legal action. "),
            "the customer threatens legal action"
        );
        assert_eq!(as_clause("EU data is involved"), "EU data is involved");
        assert_eq!(as_clause("A customer's contract"), "a customer's contract");
        assert_eq!(as_clause(""), "");
        assert_eq!(
            when_clause("If the order is flagged"),
            "if the order is flagged"
        );
        assert_eq!(when_clause("Stock is low"), "when stock is low");
        assert_eq!(as_sentence("Done"), "Done.");
        assert_eq!(as_sentence("Done? "), "Done?");
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["A"]), "A");
        assert_eq!(and_list(&["A", "B"]), "A and B");
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
    }
}

/// The checks and the conversion run on the three sample models (their
/// files in `public/samples/`): every gap listed in
/// `tests/fixtures/samples-gaps.md` is found, and nothing else.
#[cfg(test)]
mod sample_tests {
    use std::collections::BTreeSet;

    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::model::samples::{sample, SAMPLES};
    use DecisionFindingKind::*;

    fn open(key: &str) -> Model {
        let now = Utc.with_ymd_and_hms(2025, 3, 14, 9, 30, 0).unwrap();
        sample(key, format!("model-{key}"), now).expect("a known sample")
    }

    /// (sample, kind, decision) for every finding expected on the samples.
    const EXPECTED: &[(&str, DecisionFindingKind, &str)] = &[
        ("ecommerce", NoDecider, "dec-share-customer-data"),
        ("ecommerce", SeveralDeciders, "dec-new-supplier"),
        ("ecommerce", Unchecked, "dec-carrier-contract"),
        ("ecommerce", SelfEscalation, "dec-stock-write-off"),
        ("saas", NoDecider, "dec-grant-prod-access"),
        ("saas", SeveralDeciders, "dec-price-list"),
        ("saas", Unchecked, "dec-delete-workspace"),
        ("saas", SelfEscalation, "dec-declare-incident"),
        ("saas", RightsNotOwnership, "dec-custom-sla"),
        ("agency", NoDecider, "dec-invoice-credit"),
        ("agency", SeveralDeciders, "dec-scope-change"),
        ("agency", Unchecked, "dec-delete-client-site"),
        ("agency", SelfEscalation, "dec-fixed-price-quote"),
        // Not listed in samples-gaps.md: these decisions give nobody the
        // R, so the rule "someone carries it out" finds them too.
        ("ecommerce", NoPerformer, "dec-new-supplier"),
        ("ecommerce", NoPerformer, "dec-carrier-contract"),
        ("saas", NoPerformer, "dec-roadmap-commit"),
        ("saas", NoPerformer, "dec-write-off-invoice"),
        ("agency", NoPerformer, "dec-pitch"),
        ("agency", NoPerformer, "dec-fixed-price-quote"),
        ("agency", NoPerformer, "dec-scope-change"),
    ];

    #[test]
    fn the_deliberate_gaps_of_the_samples_are_found_and_nothing_else() {
        for info in SAMPLES {
            let m = open(info.key);
            let report = check(&m);
            let got: BTreeSet<(DecisionFindingKind, &str)> = report
                .findings
                .iter()
                .map(|f| (f.kind, f.decision.as_deref().unwrap_or("-")))
                .collect();
            let expected: BTreeSet<(DecisionFindingKind, &str)> = EXPECTED
                .iter()
                .filter(|(k, _, _)| *k == info.key)
                .map(|&(_, kind, d)| (kind, d))
                .collect();
            assert_eq!(got, expected, "{}", info.key);
            assert_eq!(
                got.len(),
                report.findings.len(),
                "{}: no duplicates",
                info.key
            );
            // Every sample has exactly one decision without a decider and one
            // with two, so coverage is (n - 2) / n.
            assert_eq!(report.covered + 2, report.total, "{}", info.key);
        }
    }

    #[test]
    fn samples_survive_raci_to_rapid_and_back_for_a_r_and_c() {
        for info in SAMPLES {
            let m = open(info.key);
            let there = convert(&m, Vocabulary::Rapid);
            let mut rapid = m.clone();
            rapid.settings.vocabulary = Vocabulary::Rapid;
            rapid.decisions = there.decisions;
            assert!(crate::model::validate(&rapid).is_ok(), "{}", info.key);
            assert!(!there.unconverted.is_empty(), "the samples inform someone");
            let back = convert(&rapid, Vocabulary::Raci);
            assert!(back.unconverted.is_empty(), "{}", info.key);
            for (before, after) in m.decisions.iter().zip(&back.decisions) {
                let kept: Vec<_> = before.rights.iter().filter(|(_, l)| *l != "I").collect();
                assert_eq!(kept, after.rights.iter().collect::<Vec<_>>());
            }
            // The same gaps are found in RAPID, except what needs an I.
            let r = check(&rapid);
            assert_eq!(r.covered, check(&m).covered, "{}", info.key);
        }
    }

    #[test]
    fn every_sample_decision_can_be_looked_up_by_its_name() {
        for info in SAMPLES {
            let m = open(info.key);
            for d in &m.decisions {
                let answers = lookup(&m, &d.name);
                assert_eq!(answers[0].decision, d.id, "{}", d.name);
                assert!(answers[0].sentence.starts_with(&quoted(&d.name)));
            }
            for r in &m.roles {
                assert!(role_card(&m, &r.id).is_some());
            }
            let t = decisions_table(&m);
            assert_eq!(t.rows.len(), m.decisions.len());
            assert_eq!(t.header.len(), DECISION_COLUMNS.len() + m.roles.len());
        }
    }
}
