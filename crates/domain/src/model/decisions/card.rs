//! A role's card: what the role decides alone, what it decides with others,
//! what it must approve, where it is escalated to, what it can veto and its
//! other letters in the decision-rights table.

use super::super::types::{AuthorityKind, Id, Model};
use super::lookup::limit;
use super::{and_list, as_sentence, letter_with_word, partners, role_name};

/// One decision on a role's card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardLine {
    pub decision: Id,
    /// The decision's name.
    pub name: String,
    /// What qualifies the role's part, as typed or in short words: the
    /// condition, "with Y and Z", when the approval is needed, and so on.
    /// Empty when there is nothing to add.
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleCard {
    pub role: Id,
    pub name: String,
    /// Decisions where the role holds the decider's letter and the authority
    /// is individual or conditional. The detail is the decider's limit (see
    /// [`super::lookup`]), and names any other role holding the letter too.
    pub decides_alone: Vec<CardLine>,
    /// Decisions where the role holds the decider's letter and the authority
    /// is collective; the detail names the roles sharing it.
    pub decides_with_others: Vec<CardLine>,
    /// Decisions the role must approve; the detail is when ("always" when
    /// not said).
    pub must_approve: Vec<CardLine>,
    /// Decisions that escalate to the role; the detail is the condition.
    pub escalated_to: Vec<CardLine>,
    /// Decisions the role can veto; the detail is the circumstances.
    pub can_veto: Vec<CardLine>,
    /// Every other letter the role holds; the detail is the letter and its
    /// word, "C (Consulted)".
    pub other_rights: Vec<CardLine>,
}

impl RoleCard {
    /// Whether the role has no part in any decision.
    pub fn is_empty(&self) -> bool {
        self.decides_alone.is_empty()
            && self.decides_with_others.is_empty()
            && self.must_approve.is_empty()
            && self.escalated_to.is_empty()
            && self.can_veto.is_empty()
            && self.other_rights.is_empty()
    }
}

/// The card of the role with id `role` (or, failing that, the role with that
/// name, ignoring case); `None` when there is no such role. Every list is in
/// the decisions' row order.
pub fn role_card(model: &Model, role: &str) -> Option<RoleCard> {
    let r = model.role(role).or_else(|| {
        model
            .roles
            .iter()
            .find(|r| r.name.trim().eq_ignore_ascii_case(role.trim()))
    })?;
    let vocabulary = model.settings.vocabulary;
    let mut card = RoleCard {
        role: r.id.clone(),
        name: r.name.clone(),
        decides_alone: Vec::new(),
        decides_with_others: Vec::new(),
        must_approve: Vec::new(),
        escalated_to: Vec::new(),
        can_veto: Vec::new(),
        other_rights: Vec::new(),
    };
    for d in &model.decisions {
        let line = |detail: String| CardLine {
            decision: d.id.clone(),
            name: d.name.clone(),
            detail,
        };
        match d.rights.get(&r.id).map(String::as_str) {
            None => {}
            Some(letter) if letter == vocabulary.decider() => {
                let limit = limit(d);
                if d.authority.kind == AuthorityKind::Collective {
                    let others: Vec<String> = partners(model, d)
                        .into_iter()
                        .filter(|p| **p != r.id)
                        .map(|p| role_name(model, p))
                        .collect();
                    let with = if others.is_empty() {
                        String::new()
                    } else {
                        format!("with {}", and_list(&others))
                    };
                    let detail = match (with.is_empty(), limit) {
                        (_, None) => with,
                        (true, Some(limit)) => limit,
                        (false, Some(limit)) => format!("{with}; {limit}"),
                    };
                    card.decides_with_others.push(line(detail));
                } else {
                    let others: Vec<String> = d
                        .deciders(model)
                        .into_iter()
                        .filter(|p| **p != r.id)
                        .map(|p| role_name(model, p))
                        .collect();
                    let detail = if others.is_empty() {
                        limit.unwrap_or_default()
                    } else {
                        let also = format!(
                            "{} also {} the decider's letter.",
                            and_list(&others),
                            if others.len() == 1 { "holds" } else { "hold" }
                        );
                        match limit {
                            Some(limit) => format!("{} {also}", as_sentence(&limit)),
                            None => also,
                        }
                    };
                    card.decides_alone.push(line(detail));
                }
            }
            Some(letter) => card
                .other_rights
                .push(line(letter_with_word(vocabulary, letter))),
        }
        for a in d.approvals.iter().filter(|a| a.role == r.id) {
            let when = a.when.trim();
            card.must_approve.push(line(if when.is_empty() {
                "always".into()
            } else {
                when.into()
            }));
        }
        for e in d.escalations.iter().filter(|e| e.role == r.id) {
            card.escalated_to.push(line(e.condition.trim().into()));
        }
        for v in d.vetoes.iter().filter(|v| v.role == r.id) {
            card.can_veto.push(line(v.circumstances.trim().into()));
        }
    }
    Some(card)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::model::types::*;

    fn lines(list: &[CardLine]) -> Vec<(&str, &str)> {
        list.iter()
            .map(|l| (l.decision.as_str(), l.detail.as_str()))
            .collect()
    }

    fn model_with_decisions() -> Model {
        let mut m = model(&["Head of Ops", "Finance Manager", "Support Lead", "Buyer"]);
        let mut refund = decision("d0", "Approve a refund", &[(2, "A"), (0, "I"), (1, "C")]);
        refund.authority = conditional("", Some((500.0, "EUR")));
        refund.approvals = vec![approval(1, "over 2,000 EUR")];
        refund.escalations = vec![escalation("Legal threat", 0)];
        let mut campaign = decision("d1", "Launch a campaign", &[(0, "A"), (1, "C"), (3, "C")]);
        campaign.authority.kind = AuthorityKind::Collective;
        campaign.vetoes = vec![veto(1, "Margin below 20%", "Reason")];
        let mut stock = decision("d2", "Write off stock", &[(0, "A"), (3, "R")]);
        stock.authority = conditional("Batches up to 500 EUR at cost", Some((500.0, "EUR")));
        stock.approvals = vec![approval(1, " ")];
        stock.escalations = vec![escalation("Same product three times", 3)];
        let supplier = decision("d3", "Take on a supplier", &[(0, "A"), (3, "A")]);
        m.decisions = vec![refund, campaign, stock, supplier];
        m
    }

    #[test]
    fn a_card_lists_every_part_the_role_plays() {
        let m = model_with_decisions();
        let c = role_card(&m, "r0").unwrap();
        assert_eq!((c.role.as_str(), c.name.as_str()), ("r0", "Head of Ops"));
        assert_eq!(
            lines(&c.decides_alone),
            [
                ("d2", "Batches up to 500 EUR at cost"),
                ("d3", "Buyer also holds the decider's letter.")
            ]
        );
        assert_eq!(
            lines(&c.decides_with_others),
            [("d1", "with Finance Manager and Buyer")]
        );
        assert_eq!(lines(&c.escalated_to), [("d0", "Legal threat")]);
        assert_eq!(lines(&c.other_rights), [("d0", "I (Informed)")]);
        assert!(c.must_approve.is_empty() && c.can_veto.is_empty());
        assert_eq!(c.decides_alone[0].name, "Write off stock");

        let f = role_card(&m, "finance manager").unwrap();
        assert_eq!(f.role, "r1");
        assert_eq!(
            lines(&f.must_approve),
            [("d0", "over 2,000 EUR"), ("d2", "always")]
        );
        assert_eq!(lines(&f.can_veto), [("d1", "Margin below 20%")]);
        assert_eq!(
            lines(&f.other_rights),
            [("d0", "C (Consulted)"), ("d1", "C (Consulted)")]
        );
        assert!(f.decides_alone.is_empty() && f.decides_with_others.is_empty());

        let s = role_card(&m, "r2").unwrap();
        assert_eq!(lines(&s.decides_alone), [("d0", "up to 500 EUR")]);

        let b = role_card(&m, "r3").unwrap();
        assert_eq!(
            lines(&b.decides_alone),
            [("d3", "Head of Ops also holds the decider's letter.")]
        );
        assert_eq!(lines(&b.escalated_to), [("d2", "Same product three times")]);
        assert_eq!(
            lines(&b.other_rights),
            [("d1", "C (Consulted)"), ("d2", "R (Responsible)")]
        );
    }

    #[test]
    fn unknown_roles_and_roles_without_decisions() {
        let mut m = model_with_decisions();
        assert_eq!(role_card(&m, "nobody"), None);
        m.roles.push(Role {
            id: "r9".into(),
            name: "Legal".into(),
            description: String::new(),
            holder: None,
        });
        let c = role_card(&m, "r9").unwrap();
        assert!(c.is_empty());
        assert!(!role_card(&m, "r0").unwrap().is_empty());
    }

    #[test]
    fn the_decider_letter_follows_the_vocabulary() {
        let mut m = model(&["Ops Lead", "Legal"]);
        m.settings.vocabulary = Vocabulary::Rapid;
        m.decisions = vec![decision("d0", "Sign", &[(0, "D"), (1, "A")])];
        let c = role_card(&m, "r0").unwrap();
        assert_eq!(lines(&c.decides_alone), [("d0", "")]);
        let l = role_card(&m, "r1").unwrap();
        assert_eq!(lines(&l.other_rights), [("d0", "A (Agree)")]);
    }
}
