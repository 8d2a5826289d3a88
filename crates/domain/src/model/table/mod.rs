//! Grids as plain tables, for export (CSV for spreadsheets, Markdown for
//! wikis) and import (CSV: the export's shape, or any spreadsheet's through
//! a column mapping). Shared by the ownership matrix and the decision-rights
//! table.

mod csv_import;
mod csv_read;

pub use csv_import::*;
pub use csv_read::*;

use super::types::*;

/// A grid as rows of text cells under a header row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The column names.
    pub header: Vec<String>,
    /// One row per item, as long as the header.
    pub rows: Vec<Vec<String>>,
}

/// A spreadsheet runs a cell that starts with one of these as a formula, so
/// a name like `=HYPERLINK(...)` in a shared file could do harm when opened.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell needs the guard: it starts with a formula character, or
/// with apostrophes before one (so that a name that itself starts with
/// `'=` reads back with its apostrophe).
fn needs_guard(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// Guards a cell against formula injection with a leading apostrophe.
fn neutralize(cell: &str) -> String {
    if needs_guard(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The reverse of [`neutralize`] for a cell read back from our own export.
fn unneutralize(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

impl Table {
    /// RFC 4180 CSV with CRLF line ends (what Excel expects), every cell
    /// neutralized against formula injection.
    pub fn to_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        for row in std::iter::once(&self.header).chain(&self.rows) {
            // Writing to memory cannot fail.
            let _ = w.write_record(row.iter().map(|c| neutralize(c)));
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    /// A GitHub-flavoured Markdown table; pipes, line breaks and HTML are
    /// escaped so the text shows as typed.
    pub fn to_markdown(&self) -> String {
        fn cell(s: &str) -> String {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('|', "\\|")
                .replace(['\r', '\n'], " ")
        }
        let line = |cells: &[String]| {
            format!(
                "| {} |",
                cells
                    .iter()
                    .map(|c| cell(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            )
        };
        let mut out = vec![line(&self.header)];
        out.push(format!("|{}|", vec![" --- "; self.header.len()].join("|")));
        out.extend(self.rows.iter().map(|r| line(r)));
        out.join("\n") + "\n"
    }
}

/// The first columns of the ownership matrix export; role columns follow.
pub const OWNERSHIP_COLUMNS: [&str; 3] = ["Element", "Kind", "Description"];

/// The ownership matrix as a table: Element, Kind, Description, then one
/// column per role holding its letter (A/R for both).
pub fn ownership_table(model: &Model) -> Table {
    let mut header: Vec<String> = OWNERSHIP_COLUMNS.iter().map(|s| s.to_string()).collect();
    header.extend(model.roles.iter().map(|r| r.name.clone()));
    let rows = model
        .elements
        .iter()
        .map(|e| {
            let mut row = vec![
                e.name.clone(),
                e.kind.key().to_string(),
                e.description.clone(),
            ];
            row.extend(model.roles.iter().map(|r| {
                e.assignments
                    .get(&r.id)
                    .map(|l| l.label().to_string())
                    .unwrap_or_default()
            }));
            row
        })
        .collect();
    Table { header, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testkit::Kit;
    use chrono::{TimeZone, Utc};

    /// Two roles and two elements with text that needs quoting and guarding.
    pub(super) fn model() -> Model {
        let mut m = Model::new(
            "m".into(),
            "M",
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        );
        m.add_role("r1".into(), "Head of Ops").unwrap();
        m.add_role("r2".into(), "=Support").unwrap();
        m.add_element("e1".into(), "Billing, monthly", ElementKind::Process)
            .unwrap();
        m.add_element("e2".into(), "Customer \"record\"", ElementKind::Data)
            .unwrap();
        m.set_assignment("e1", "r1", Some(Raci::A)).unwrap();
        m.set_assignment("e1", "r2", Some(Raci::R)).unwrap();
        m.set_assignment("e2", "r2", Some(Raci::A)).unwrap();
        m.elements[1].description = "-1 if unknown".into();
        m
    }

    #[test]
    fn csv_export_quotes_and_neutralizes() {
        let csv = ownership_table(&model()).to_csv();
        assert_eq!(
            csv,
            "Element,Kind,Description,Head of Ops,'=Support\r\n\
             \"Billing, monthly\",process,,A,R\r\n\
             \"Customer \"\"record\"\"\",data,'-1 if unknown,,A\r\n"
        );
    }

    #[test]
    fn every_dangerous_first_character_is_neutralized() {
        for c in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'=1", "''-1"] {
            assert!(neutralize(c).starts_with('\''), "{c:?}");
            assert_eq!(unneutralize(&neutralize(c)), c);
        }
        assert_eq!(neutralize("'=1"), "''=1");
        assert_eq!(neutralize("Plain"), "Plain");
        assert_eq!(unneutralize("'quoted"), "'quoted");
    }

    #[test]
    fn markdown_escapes_pipes_html_and_newlines() {
        let mut m = model();
        m.elements[0].name = "A | B <script>x</script>".into();
        m.elements[0].description = "line\nbreak".into();
        let md = ownership_table(&m).to_markdown();
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(
            lines[0],
            "| Element | Kind | Description | Head of Ops | =Support |"
        );
        assert_eq!(lines[1], "| --- | --- | --- | --- | --- |");
        assert_eq!(
            lines[2],
            "| A \\| B &lt;script&gt;x&lt;/script&gt; | process | line break | A | R |"
        );
        assert_eq!(lines.len(), 4);
    }
}
