//! "Who can decide...?": finding decisions by a few words and saying in
//! plain sentences who decides them, within what limit, who must approve,
//! where they escalate and who can stop them.

use super::super::sort;
use super::super::types::{AuthorityKind, Decision, Id, Model};
use super::{
    and_list, as_clause, as_sentence, format_amount, format_threshold, partners, quoted, role_name,
    when_clause,
};

/// One decision that matches a question, and the answer in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub decision: Id,
    pub sentence: String,
}

/// Words of a question that say nothing about which decision is meant
/// ("who can decide on refunds?"). They are skipped, unless the question has
/// no other words, so that "decide" still finds "Decide whether to pitch".
const QUESTION_WORDS: &[&str] = &[
    "who", "whom", "can", "could", "may", "might", "should", "must", "decide", "decides",
    "decided", "deciding", "the", "and", "or", "of", "to", "on", "for", "is", "are", "what",
    "which", "about", "does", "do", "be", "an", "in",
];

/// The words of a query that are matched: lower case, split at anything
/// that is not a letter or digit, words of one character left out (they
/// match almost everything), then question words left out unless nothing
/// else is left.
fn query_words(query: &str) -> Vec<String> {
    let words: Vec<String> = query
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_string)
        .collect();
    let meaningful: Vec<String> = words
        .iter()
        .filter(|w| !QUESTION_WORDS.contains(&w.as_str()))
        .cloned()
        .collect();
    if meaningful.is_empty() {
        words
    } else {
        meaningful
    }
}

/// The decisions whose name or description contains every word of the
/// query (ignoring case; a word may be part of a longer one, so "refund"
/// finds "refunds"), best first: those with more of the words in their name
/// come first, then the model's order. An empty query finds nothing.
pub fn lookup(model: &Model, query: &str) -> Vec<Answer> {
    let words = query_words(query);
    if words.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(usize, usize, &Decision)> = model
        .decisions
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let name = d.name.to_lowercase();
            let description = d.description.to_lowercase();
            let all = words
                .iter()
                .all(|w| name.contains(w.as_str()) || description.contains(w.as_str()));
            let in_name = words.iter().filter(|w| name.contains(w.as_str())).count();
            all.then_some((in_name, i, d))
        })
        .collect();
    sort::sort_by(&mut hits, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.into_iter()
        .map(|(_, _, d)| Answer {
            decision: d.id.clone(),
            sentence: describe(model, d),
        })
        .collect()
}

/// The decider's limit in words, or `None` when there is none: the
/// condition as typed, with the threshold added in brackets when the words
/// do not mention its amount; "up to 500 EUR" when there is only a
/// threshold (without words, a threshold is read as the most the decider
/// may commit on its own).
pub(super) fn limit(d: &Decision) -> Option<String> {
    let condition = d.authority.condition.trim();
    let threshold = d.authority.threshold.as_ref();
    match (condition.is_empty(), threshold) {
        (true, None) => None,
        (true, Some(t)) => Some(format!("up to {}", format_threshold(t))),
        (false, None) => Some(condition.to_string()),
        (false, Some(t)) if mentions(condition, &format_amount(t.amount)) => {
            Some(condition.to_string())
        }
        (false, Some(t)) => Some(format!(
            "{} (threshold: {})",
            condition.trim_end_matches('.'),
            format_threshold(t)
        )),
    }
}

/// Whether `text` has `amount` as a number of its own ("500" is in "up to 500
/// EUR" but not in "1,500 EUR" or "5000").
fn mentions(text: &str, amount: &str) -> bool {
    let number = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    text.match_indices(amount).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + amount.len()..].chars().next();
        !before.is_some_and(number) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// Words that can follow "must approve" directly ("must approve over 2,000
/// EUR"); other conditions are put in brackets.
const APPROVAL_LEAD_WORDS: &[&str] = &[
    "over", "above", "under", "below", "beyond", "if", "when", "whenever", "unless", "once",
    "before", "after", "for", "at", "on", "in", "from", "with", "without", "within", "during",
    "while", "where", "more", "less", "any", "every", "each", "only",
];

fn approval_clause(who: &str, when: &str) -> String {
    let when = when.trim().trim_end_matches('.').trim_end();
    if when.is_empty() || when.eq_ignore_ascii_case("always") {
        return format!("{who} must always approve");
    }
    if let Some(rest) = when
        .get(..6)
        .filter(|p| p.eq_ignore_ascii_case("always"))
        .and_then(|_| when.get(6..))
        .filter(|rest| rest.starts_with([':', ',', ';', ' ', '-']))
    {
        let rest = rest.trim_start_matches([':', ',', ';', ' ', '-']).trim();
        return format!("{who} must always approve ({})", as_clause(rest));
    }
    let first = when
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if APPROVAL_LEAD_WORDS.contains(&first.as_str()) {
        format!("{who} must approve {}", as_clause(when))
    } else {
        format!("{who} must approve ({})", as_clause(when))
    }
}

/// Who decides a decision and how, in a few plain sentences:
///
/// 1. the decider and its authority: "is decided by X alone" (individual
///    or conditional), "by X together with Y and Z" (collective, with the
///    roles that share it, see [`super::partners`]), with ", up to 500 EUR"
///    for a threshold without words; "nobody decides this yet" without a
///    decider; and every approval after a semicolon;
/// 2. the condition in words, if any ("The condition: ...");
/// 3. every escalation ("It escalates to X when ...", "It also escalates...");
/// 4. every veto ("X can veto when ...").
pub fn describe(model: &Model, d: &Decision) -> String {
    let name = quoted(&d.name);
    let deciders: Vec<String> = d
        .deciders(model)
        .iter()
        .map(|r| role_name(model, r))
        .collect();
    let condition = d.authority.condition.trim();
    let up_to = match (&d.authority.threshold, condition.is_empty()) {
        (Some(t), true) => format!(", up to {}", format_threshold(t)),
        _ => String::new(),
    };
    let mut first = match deciders.as_slice() {
        [] => format!("{name}: nobody decides this yet"),
        [decider] => match d.authority.kind {
            AuthorityKind::Collective => {
                let others: Vec<String> = partners(model, d)
                    .iter()
                    .map(|r| role_name(model, r))
                    .filter(|n| n != decider)
                    .collect();
                if others.is_empty() {
                    format!("{name} is decided collectively, led by {decider}{up_to}")
                } else {
                    format!(
                        "{name} is decided by {decider} together with {}{up_to}",
                        and_list(&others)
                    )
                }
            }
            AuthorityKind::Conditional if !condition.is_empty() => {
                format!("{name} is decided by {decider} under a condition")
            }
            AuthorityKind::Individual | AuthorityKind::Conditional => {
                format!("{name} is decided by {decider} alone{up_to}")
            }
        },
        several => format!(
            "{name} has {} deciders, {}, so who decides is unclear",
            several.len(),
            and_list(several)
        ),
    };
    for a in &d.approvals {
        first.push_str("; ");
        first.push_str(&approval_clause(&role_name(model, &a.role), &a.when));
    }
    first.push('.');

    let mut sentences = vec![first];
    if !condition.is_empty() {
        if let Some(limit) = limit(d) {
            sentences.push(format!("The condition: {}", as_sentence(&limit)));
        }
    }
    for (i, e) in d.escalations.iter().enumerate() {
        let also = if i == 0 { "" } else { "also " };
        let when = if e.condition.trim().is_empty() {
            String::new()
        } else {
            format!(" {}", when_clause(&e.condition))
        };
        sentences.push(format!(
            "It {also}escalates to {}{when}.",
            role_name(model, &e.role)
        ));
    }
    for v in &d.vetoes {
        let when = if v.circumstances.trim().is_empty() {
            String::new()
        } else {
            format!(" {}", when_clause(&v.circumstances))
        };
        sentences.push(format!("{} can veto{when}.", role_name(model, &v.role)));
    }
    sentences.join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::model::types::*;

    fn shop() -> Model {
        let mut m = model(&[
            "Customer Support Lead",
            "Support Agent",
            "Finance Manager",
            "Head of Operations",
        ]);
        let mut refund = decision(
            "d-refund",
            "Approve a refund over the standard limit",
            &[(0, "A"), (1, "R"), (2, "C"), (3, "I")],
        );
        refund.description = "Refunds an agent may not grant alone.".into();
        refund.authority = conditional("", Some((500.0, "EUR")));
        refund.approvals = vec![approval(2, "over 2,000 EUR")];
        refund.escalations = vec![escalation("The customer threatens legal action.", 3)];
        refund.vetoes = vec![veto(3, "", "")];
        let mut credit = decision("d-credit", "Grant a store credit", &[(1, "A"), (0, "R")]);
        credit.description = "Instead of a refund, for a late delivery.".into();
        let mut hold = decision("d-hold", "Hold a suspicious order", &[(1, "R")]);
        hold.description = "Orders flagged as possible fraud.".into();
        m.decisions = vec![credit, refund, hold];
        m
    }

    fn ids(answers: &[Answer]) -> Vec<&str> {
        answers.iter().map(|a| a.decision.as_str()).collect()
    }

    #[test]
    fn the_answer_for_a_realistic_decision() {
        let m = shop();
        assert_eq!(
            describe(&m, &m.decisions[1]),
            "\u{201c}Approve a refund over the standard limit\u{201d} is decided by Customer Support Lead alone, up to 500 EUR; Finance Manager must approve over 2,000 EUR. It escalates to Head of Operations when the customer threatens legal action. Head of Operations can veto."
        );
    }

    #[test]
    fn matching_needs_every_word_ignores_case_and_ranks_names_first() {
        let m = shop();
        // "refund" is in one name and in another decision's description.
        assert_eq!(ids(&lookup(&m, "REFUND")), ["d-refund", "d-credit"]);
        assert_eq!(ids(&lookup(&m, "refund limit")), ["d-refund"]);
        assert_eq!(ids(&lookup(&m, "late refund")), ["d-credit"]);
        assert_eq!(
            ids(&lookup(&m, "Who can decide on a refund?")),
            ["d-refund", "d-credit"]
        );
        assert_eq!(ids(&lookup(&m, "fraud")), ["d-hold"]);
        assert!(lookup(&m, "payroll").is_empty());
        assert!(lookup(&m, "refund payroll").is_empty());
        assert!(lookup(&m, "").is_empty());
        assert!(
            lookup(&m, " a ? ").is_empty(),
            "one-letter words are ignored"
        );
        // Only question words: they are used after all.
        let mut m = m;
        m.decisions[0].name = "Decide whether to pitch".into();
        assert_eq!(ids(&lookup(&m, "decide")), ["d-credit"]);
    }

    #[test]
    fn more_words_in_the_name_rank_higher() {
        let mut m = shop();
        m.decisions[0].name = "Grant a refund as credit".into();
        m.decisions[0].description = "Limit applies.".into();
        // d-credit has "refund" in its name only; d-refund has both words.
        assert_eq!(ids(&lookup(&m, "limit refund")), ["d-refund", "d-credit"]);
    }

    #[test]
    fn nobody_decides_and_several_deciders() {
        let m = shop();
        assert_eq!(
            describe(&m, &m.decisions[2]),
            "\u{201c}Hold a suspicious order\u{201d}: nobody decides this yet."
        );
        let mut m = shop();
        m.decisions[2].rights.insert("r0".into(), "A".into());
        m.decisions[2].rights.insert("r3".into(), "A".into());
        m.decisions[2].approvals.push(approval(2, ""));
        assert_eq!(
            lookup(&m, "suspicious")[0].sentence,
            "\u{201c}Hold a suspicious order\u{201d} has 2 deciders, Customer Support Lead and Head of Operations, so who decides is unclear; Finance Manager must always approve."
        );
    }

    #[test]
    fn authority_conditions_escalations_and_vetoes_in_words() {
        let mut m = shop();
        let d = &mut m.decisions[1];
        d.authority = conditional(
            "Agents refund up to 150 EUR on their own; above that the Support Lead decides",
            Some((150.0, "EUR")),
        );
        d.approvals = vec![
            approval(2, "refund over 1,000 EUR"),
            approval(3, "Always: the customer is a business"),
        ];
        d.escalations
            .push(escalation("If several orders share a card", 2));
        d.vetoes = vec![veto(3, "The warehouse cannot ship in time", "Reason")];
        assert_eq!(
            describe(&m, &m.decisions[1]),
            "\u{201c}Approve a refund over the standard limit\u{201d} is decided by Customer Support Lead under a condition; Finance Manager must approve (refund over 1,000 EUR); Head of Operations must always approve (the customer is a business). \
             The condition: Agents refund up to 150 EUR on their own; above that the Support Lead decides. \
             It escalates to Head of Operations when the customer threatens legal action. \
             It also escalates to Finance Manager if several orders share a card. \
             Head of Operations can veto when the warehouse cannot ship in time."
        );
        // Words that do not mention the amount get it added.
        m.decisions[1].authority =
            conditional("Changes under two days of effort.", Some((2.0, "days")));
        assert!(describe(&m, &m.decisions[1])
            .contains("The condition: Changes under two days of effort (threshold: 2 days)."));
        // Collective authority names the roles sharing it (RACI: Consulted).
        m.decisions[1].authority = Authority {
            kind: AuthorityKind::Collective,
            ..Default::default()
        };
        assert!(describe(&m, &m.decisions[1]).starts_with(
            "\u{201c}Approve a refund over the standard limit\u{201d} is decided by Customer Support Lead together with Finance Manager;"
        ));
        m.decisions[1].rights.remove("r2");
        assert!(describe(&m, &m.decisions[1])
            .contains("is decided collectively, led by Customer Support Lead;"));
        // An individual decision without a threshold.
        assert_eq!(
            describe(&m, &m.decisions[0]),
            "\u{201c}Grant a store credit\u{201d} is decided by Support Agent alone."
        );
    }

    #[test]
    fn the_decider_letter_follows_the_vocabulary() {
        let mut m = shop();
        m.settings.vocabulary = Vocabulary::Rapid;
        assert!(describe(&m, &m.decisions[1]).contains("nobody decides this yet"));
        m.decisions[1].rights.insert("r3".into(), "D".into());
        assert!(describe(&m, &m.decisions[1]).contains("is decided by Head of Operations alone"));
    }

    #[test]
    fn limits_and_mentions() {
        let mut d = decision("d", "D", &[]);
        assert_eq!(limit(&d), None);
        d.authority = conditional("", Some((5000.0, "EUR")));
        assert_eq!(limit(&d).unwrap(), "up to 5,000 EUR");
        d.authority = conditional("Up to 5,000 EUR.", Some((5000.0, "EUR")));
        assert_eq!(limit(&d).unwrap(), "Up to 5,000 EUR.");
        d.authority = conditional("Small orders", None);
        assert_eq!(limit(&d).unwrap(), "Small orders");
        assert!(mentions("up to 500 EUR", "500"));
        assert!(!mentions("up to 1,500 EUR", "500"));
        assert!(!mentions("up to 5000", "500"));
        assert!(mentions("500", "500"));
        assert!(mentions("10% either way", "10"));
    }
}
