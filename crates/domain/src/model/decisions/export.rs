//! The decision-rights table as a plain [`Table`], for CSV and Markdown
//! export (the table itself neutralizes formulas and escapes Markdown).

use super::super::table::Table;
use super::super::types::{AuthorityKind, Decision, Model, Reversibility, Significance};
use super::{format_threshold, role_name};

/// The first columns of the decision-rights export; role columns follow.
pub const DECISION_COLUMNS: [&str; 7] = [
    "Decision",
    "Category",
    "Authority",
    "Approvals",
    "Escalations",
    "Veto",
    "Documentation",
];

/// One row per decision, in row order, with one column per role (in column
/// order) holding that role's letter:
///
/// - Category: "routine" or "significant", then "reversible" or
///   "irreversible";
/// - Authority: "Individual", "Collective" or "Conditional", then the
///   condition after a colon and the threshold in brackets;
/// - Approvals, Escalations, Veto: "Role: when / condition / circumstances",
///   several separated by "; "; a veto's record follows in brackets.
pub fn decisions_table(model: &Model) -> Table {
    let mut header: Vec<String> = DECISION_COLUMNS.iter().map(|s| s.to_string()).collect();
    header.extend(model.roles.iter().map(|r| r.name.clone()));
    let rows = model
        .decisions
        .iter()
        .map(|d| {
            let mut row = vec![
                d.name.clone(),
                category(d),
                authority(d),
                joined(
                    d.approvals
                        .iter()
                        .map(|a| labelled(model, &a.role, a.when.trim(), "always")),
                ),
                joined(
                    d.escalations
                        .iter()
                        .map(|e| labelled(model, &e.role, e.condition.trim(), "")),
                ),
                joined(d.vetoes.iter().map(|v| {
                    let mut cell = labelled(model, &v.role, v.circumstances.trim(), "");
                    if !v.record.trim().is_empty() {
                        cell.push_str(&format!(" (record: {})", v.record.trim()));
                    }
                    cell
                })),
                d.documentation.clone(),
            ];
            row.extend(
                model
                    .roles
                    .iter()
                    .map(|r| d.rights.get(&r.id).cloned().unwrap_or_default()),
            );
            row
        })
        .collect();
    Table { header, rows }
}

fn category(d: &Decision) -> String {
    let significance = match d.significance {
        Significance::Routine => "routine",
        Significance::Significant => "significant",
    };
    let reversibility = match d.reversibility {
        Reversibility::Reversible => "reversible",
        Reversibility::Irreversible => "irreversible",
    };
    format!("{significance}, {reversibility}")
}

fn authority(d: &Decision) -> String {
    let mut text = match d.authority.kind {
        AuthorityKind::Individual => "Individual",
        AuthorityKind::Collective => "Collective",
        AuthorityKind::Conditional => "Conditional",
    }
    .to_string();
    let condition = d.authority.condition.trim();
    if !condition.is_empty() {
        text.push_str(": ");
        text.push_str(condition);
    }
    if let Some(t) = &d.authority.threshold {
        text.push_str(&format!(" (threshold: {})", format_threshold(t)));
    }
    text
}

/// "Role: text", or "Role: fallback" / "Role" when the text is empty.
fn labelled(model: &Model, role: &str, text: &str, fallback: &str) -> String {
    let name = role_name(model, role);
    match (text.is_empty(), fallback.is_empty()) {
        (false, _) => format!("{name}: {text}"),
        (true, false) => format!("{name}: {fallback}"),
        (true, true) => name,
    }
}

fn joined(cells: impl Iterator<Item = String>) -> String {
    cells.collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::model::types::*;

    fn shop() -> Model {
        let mut m = model(&["Support Lead", "Finance Manager", "Head of Ops"]);
        let mut refund = decision("d0", "Approve a refund", &[(0, "A"), (1, "C"), (2, "I")]);
        refund.significance = Significance::Significant;
        refund.reversibility = Reversibility::Irreversible;
        refund.authority = conditional("Up to 500 EUR", Some((500.0, "EUR")));
        refund.approvals = vec![approval(1, "over 2,000 EUR"), approval(2, "")];
        refund.escalations = vec![escalation("Legal threat", 2), escalation("", 1)];
        refund.vetoes = vec![
            veto(2, "Peak weeks", "The reason, in the ticket"),
            veto(1, "", ""),
        ];
        refund.documentation = "Order number and reason.".into();
        let mut odd = decision("d1", "=cmd", &[(2, "A")]);
        odd.authority.kind = AuthorityKind::Collective;
        odd.documentation = "-1 if unknown".into();
        m.decisions = vec![refund, odd];
        m
    }

    #[test]
    fn one_row_per_decision_and_one_column_per_role() {
        let t = decisions_table(&shop());
        assert_eq!(
            t.header,
            [
                "Decision",
                "Category",
                "Authority",
                "Approvals",
                "Escalations",
                "Veto",
                "Documentation",
                "Support Lead",
                "Finance Manager",
                "Head of Ops"
            ]
        );
        assert_eq!(
            t.rows[0],
            [
                "Approve a refund",
                "significant, irreversible",
                "Conditional: Up to 500 EUR (threshold: 500 EUR)",
                "Finance Manager: over 2,000 EUR; Head of Ops: always",
                "Head of Ops: Legal threat; Finance Manager",
                "Head of Ops: Peak weeks (record: The reason, in the ticket); Finance Manager",
                "Order number and reason.",
                "A",
                "C",
                "I"
            ]
        );
        assert_eq!(
            t.rows[1],
            [
                "=cmd",
                "routine, reversible",
                "Collective",
                "",
                "",
                "",
                "-1 if unknown",
                "",
                "",
                "A"
            ]
        );
    }

    #[test]
    fn csv_neutralizes_formulas_and_markdown_escapes() {
        let t = decisions_table(&shop());
        let csv = t.to_csv();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[2],
            "'=cmd,\"routine, reversible\",Collective,,,,'-1 if unknown,,,A"
        );
        assert_eq!(
            lines[0],
            "Decision,Category,Authority,Approvals,Escalations,Veto,Documentation,Support Lead,Finance Manager,Head of Ops"
        );
        let md = t.to_markdown();
        assert!(md.starts_with("| Decision | Category |"));
        assert!(md.contains("| =cmd | routine, reversible | Collective |"));
    }

    #[test]
    fn an_empty_model_has_only_the_header() {
        let t = decisions_table(&model(&[]));
        assert_eq!(t.header, DECISION_COLUMNS);
        assert!(t.rows.is_empty());
    }
}
