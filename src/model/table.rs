//! Grids as plain tables, for export (CSV for spreadsheets, Markdown for
//! wikis) and import (CSV of the same shape). Shared by the ownership matrix
//! and the decision-rights table.

use std::collections::{BTreeMap, HashMap};

use super::history::Op;
use super::limits::{MAX_ELEMENTS, MAX_NAME_CHARS, MAX_ROLES};
use super::types::*;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A spreadsheet runs a cell that starts with one of these as a formula, so
/// a name like `=HYPERLINK(...)` in a shared file could do harm when opened.
fn neutralize(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The reverse of [`neutralize`] for a cell read back from our own export.
fn unneutralize(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
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

/// One line of an imported file that was skipped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line number as a spreadsheet shows it (the header is line 1).
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Line {}: {}", self.line, self.message)
    }
}

/// What importing a CSV would do, shown before anything changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPreview {
    pub new_roles: Vec<String>,
    pub new_elements: Vec<String>,
    pub updated_elements: Vec<String>,
    pub errors: Vec<LineError>,
    /// The change, as one undoable step (empty when there is nothing to do).
    pub op: Option<Op>,
}

/// Reads an ownership CSV of the export's shape. Roles and elements are
/// matched to the model's by name (ignoring case); new ones are added,
/// existing elements get the file's kind, description and letters. Lines
/// with a problem are skipped and reported; the others still import.
pub fn preview_ownership_csv(
    model: &Model,
    text: &str,
    mut new_id: impl FnMut() -> Id,
) -> Result<ImportPreview, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err("The file is empty.".into()),
        Some(Err(e)) => return Err(format!("The file is not readable as CSV: {e}.")),
        Some(Ok(h)) => h,
    };
    let header: Vec<String> = header
        .iter()
        .map(|c| unneutralize(c.trim()).to_string())
        .collect();
    let expected_start = OWNERSHIP_COLUMNS
        .iter()
        .zip(&header)
        .all(|(a, b)| a.eq_ignore_ascii_case(b));
    if header.len() < OWNERSHIP_COLUMNS.len() || !expected_start {
        return Err(format!(
            "The first line must start with the columns {}, then one column per role (as in an exported file).",
            OWNERSHIP_COLUMNS.join(", ")
        ));
    }

    let mut preview = ImportPreview::default();
    let mut ops = Vec::new();
    let mut role_ids: Vec<Option<Id>> = Vec::new();
    let mut seen_roles: HashMap<String, usize> = HashMap::new();
    let mut role_count = model.roles.len();
    for (col, name) in header.iter().enumerate().skip(OWNERSHIP_COLUMNS.len()) {
        let key = name.to_lowercase();
        if name.is_empty() {
            preview.errors.push(LineError {
                line: 1,
                message: format!("column {} has no role name; it is ignored.", col + 1),
            });
            role_ids.push(None);
        } else if name.chars().count() > MAX_NAME_CHARS {
            preview.errors.push(LineError { line: 1, message: format!("the role name in column {} is longer than {MAX_NAME_CHARS} characters; the column is ignored.", col + 1) });
            role_ids.push(None);
        } else if seen_roles.insert(key.clone(), col).is_some() {
            preview.errors.push(LineError {
                line: 1,
                message: format!(
                    "the role \u{201c}{name}\u{201d} appears twice; the second column is ignored."
                ),
            });
            role_ids.push(None);
        } else if let Some(r) = model.roles.iter().find(|r| r.name.to_lowercase() == key) {
            role_ids.push(Some(r.id.clone()));
        } else if role_count >= MAX_ROLES {
            preview.errors.push(LineError { line: 1, message: format!("a model can have at most {MAX_ROLES} roles; \u{201c}{name}\u{201d} is ignored.") });
            role_ids.push(None);
        } else {
            let id = new_id();
            ops.push(Op::AddRole {
                index: usize::MAX,
                role: Role {
                    id: id.clone(),
                    name: name.clone(),
                    description: String::new(),
                    holder: None,
                },
            });
            preview.new_roles.push(name.clone());
            role_count += 1;
            role_ids.push(Some(id));
        }
    }

    let mut seen_elements: HashMap<String, usize> = HashMap::new();
    let mut element_count = model.elements.len();
    let mut last_line = 1;
    for record in records {
        // The reader skips blank lines, so lines are taken from its own
        // positions rather than counted.
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(last_line + 1, |p| line_at(text, p.byte()));
                preview.errors.push(LineError {
                    line,
                    message: format!("not readable as CSV ({e})."),
                });
                continue;
            }
        };
        let line = record
            .position()
            .map_or(last_line + 1, |p| line_at(text, p.byte()));
        last_line = line;
        let cells: Vec<&str> = record.iter().map(|c| unneutralize(c.trim())).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        match element_line(model, &cells, &role_ids) {
            Err(message) => preview.errors.push(LineError { line, message }),
            Ok((name, kind, description, letters)) => {
                let key = name.to_lowercase();
                if let Some(first) = seen_elements.insert(key.clone(), line) {
                    preview.errors.push(LineError { line, message: format!("\u{201c}{name}\u{201d} is already on line {first}; this line is skipped.") });
                    continue;
                }
                if let Some(existing) = model.elements.iter().find(|e| e.name.to_lowercase() == key)
                {
                    let id = existing.id.clone();
                    ops.push(Op::SetElementKind {
                        id: id.clone(),
                        kind,
                    });
                    if !description.is_empty() {
                        ops.push(Op::SetElementDescription {
                            id: id.clone(),
                            text: description,
                        });
                    }
                    for (role, letter) in letters {
                        ops.push(Op::SetAssignment {
                            element: id.clone(),
                            role,
                            letter,
                        });
                    }
                    preview.updated_elements.push(existing.name.clone());
                } else if element_count >= MAX_ELEMENTS {
                    preview.errors.push(LineError { line, message: format!("a model can have at most {MAX_ELEMENTS} elements; this line is skipped.") });
                } else {
                    let assignments: BTreeMap<Id, Raci> = letters
                        .into_iter()
                        .filter_map(|(r, l)| l.map(|l| (r, l)))
                        .collect();
                    ops.push(Op::AddElement {
                        index: usize::MAX,
                        element: Element {
                            id: new_id(),
                            name: name.clone(),
                            kind,
                            description,
                            assignments,
                        },
                    });
                    preview.new_elements.push(name);
                    element_count += 1;
                }
            }
        }
    }
    if !ops.is_empty() {
        preview.op = Some(Op::Batch(ops));
    }
    Ok(preview)
}

/// The 1-based line on which the record starting at `offset` stands. The
/// reader reports a record as starting where it began skipping blank lines,
/// so those are stepped over first.
fn line_at(text: &str, offset: u64) -> usize {
    let bytes = text.as_bytes();
    let mut start = (offset as usize).min(bytes.len());
    while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
        start += 1;
    }
    bytes[..start].iter().filter(|b| **b == b'\n').count() + 1
}

type ElementLine = (String, ElementKind, String, Vec<(Id, Option<Raci>)>);

fn element_line(
    model: &Model,
    cells: &[&str],
    role_ids: &[Option<Id>],
) -> Result<ElementLine, String> {
    let _ = model;
    let name = cells.first().copied().unwrap_or("").to_string();
    if name.is_empty() {
        return Err("the element has no name; the line is skipped.".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "the element name is longer than {MAX_NAME_CHARS} characters; the line is skipped."
        ));
    }
    let kind_text = cells.get(1).copied().unwrap_or("");
    let kind = if kind_text.is_empty() {
        ElementKind::Process
    } else {
        ElementKind::ALL
            .into_iter()
            .find(|k| k.key().eq_ignore_ascii_case(kind_text) || k.label().eq_ignore_ascii_case(kind_text))
            .ok_or_else(|| format!("the kind \u{201c}{kind_text}\u{201d} is not one of process, workflow, data, system, outcome; the line is skipped."))?
    };
    let description = cells.get(2).copied().unwrap_or("").to_string();
    if description.chars().count() > super::limits::MAX_TEXT_CHARS {
        return Err("the description is too long; the line is skipped.".into());
    }
    let mut letters = Vec::new();
    for (j, role) in role_ids.iter().enumerate() {
        let Some(role) = role else { continue };
        let cell = cells
            .get(OWNERSHIP_COLUMNS.len() + j)
            .copied()
            .unwrap_or("");
        let letter = if cell.is_empty() {
            None
        } else {
            Some(Raci::parse(cell).ok_or_else(|| bad_letter(cell))?)
        };
        letters.push((role.clone(), letter));
    }
    Ok((name, kind, description, letters))
}

fn bad_letter(cell: &str) -> String {
    let shown: String = cell.chars().take(20).collect();
    format!(
        "\u{201c}{shown}\u{201d} is not one of R, A, C, I, A/R (or empty); the line is skipped."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testkit::Kit;
    use chrono::{TimeZone, Utc};

    fn model() -> Model {
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
        for c in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralize(c).starts_with('\''), "{c:?}");
            assert_eq!(unneutralize(&neutralize(c)), c);
        }
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

    fn ids() -> impl FnMut() -> Id {
        let mut n = 0;
        move || {
            n += 1;
            format!("new{n}")
        }
    }

    #[test]
    fn import_of_an_export_into_an_empty_model_recreates_the_grid() {
        let source = model();
        let csv = ownership_table(&source).to_csv();
        let mut target = Model::new("t".into(), "T", source.created_at);
        let p = preview_ownership_csv(&target, &csv, ids()).unwrap();
        assert_eq!(p.errors, []);
        assert_eq!(p.new_roles, ["Head of Ops", "=Support"]);
        assert_eq!(p.new_elements, ["Billing, monthly", "Customer \"record\""]);
        target.apply(p.op.unwrap()).unwrap();
        assert_eq!(ownership_table(&target), ownership_table(&source));
    }

    #[test]
    fn import_updates_existing_elements_by_name() {
        let mut m = model();
        let csv = "Element,Kind,Description,head of ops,New Role\n\"billing, monthly\",workflow,Now a workflow,C,A\n";
        let p = preview_ownership_csv(&m, csv, ids()).unwrap();
        assert_eq!(p.errors, []);
        assert_eq!(p.updated_elements, ["Billing, monthly"]);
        assert_eq!(p.new_roles, ["New Role"]);
        m.apply(p.op.unwrap()).unwrap();
        let e = &m.elements[0];
        assert_eq!(e.kind, ElementKind::Workflow);
        assert_eq!(e.description, "Now a workflow");
        assert_eq!(e.assignments["r1"], Raci::C);
        assert_eq!(e.assignments["new1"], Raci::A);
        assert_eq!(
            e.assignments["r2"],
            Raci::R,
            "columns not in the file are kept"
        );
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let m = model();
        let csv = "Element,Kind,Description,Head of Ops,Head of Ops,\n\
                   Good,process,,A,,\n\
                   ,process,,A\n\
                   Odd,gizmo,,A\n\
                   Letters,process,,X\n\
                   Good,data,,R\n\
                   \n\
                   Long,,,RC\n";
        let p = preview_ownership_csv(&m, csv, ids()).unwrap();
        let messages: Vec<String> = p.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            messages,
            [
                "Line 1: the role \u{201c}Head of Ops\u{201d} appears twice; the second column is ignored.",
                "Line 1: column 6 has no role name; it is ignored.",
                "Line 3: the element has no name; the line is skipped.",
                "Line 4: the kind \u{201c}gizmo\u{201d} is not one of process, workflow, data, system, outcome; the line is skipped.",
                "Line 5: \u{201c}X\u{201d} is not one of R, A, C, I, A/R (or empty); the line is skipped.",
                "Line 6: \u{201c}Good\u{201d} is already on line 2; this line is skipped.",
                "Line 8: \u{201c}RC\u{201d} is not one of R, A, C, I, A/R (or empty); the line is skipped.",
            ]
        );
        assert_eq!(p.new_elements, ["Good"]);
    }

    #[test]
    fn a_wrong_header_or_empty_file_is_refused() {
        let m = model();
        assert_eq!(
            preview_ownership_csv(&m, "", ids()).unwrap_err(),
            "The file is empty."
        );
        assert!(preview_ownership_csv(&m, "Name,Role\nx,A\n", ids())
            .unwrap_err()
            .starts_with("The first line must start with the columns Element, Kind, Description"));
        let p = preview_ownership_csv(&m, "\u{feff}Element,Kind,Description\n", ids()).unwrap();
        assert_eq!(p.op, None);
    }
}
