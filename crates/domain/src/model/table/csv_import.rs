//! Importing an ownership matrix from a CSV file: the app's own export, or a
//! spreadsheet laid out some other way, read through a [`CsvMapping`] that
//! says which column holds what. [`guess_mapping`] proposes one; the person
//! can change it and see the preview follow.

use std::collections::{BTreeMap, HashMap};

use super::super::history::Op;
use super::super::limits::{MAX_ELEMENTS, MAX_NAME_CHARS, MAX_ROLES, MAX_TEXT_CHARS};
use super::super::types::*;
use super::csv_read::{CsvRow, ParsedCsv};
use super::OWNERSHIP_COLUMNS;

/// One line of an imported file that was skipped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line number as a spreadsheet shows it (the header is line 1).
    pub line: usize,
    /// What is wrong and what happens, as a sentence.
    pub message: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Line {}: {}", self.line, self.message)
    }
}

/// Where the kind of each imported element comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindSource {
    /// A column holding a kind (`process`, `Data entity`, ...) per row; an
    /// empty cell means process.
    Column(usize),
    /// The same kind for every new element; existing elements keep theirs.
    All(ElementKind),
}

/// Which column of a file holds what. Columns are 0-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvMapping {
    /// Index in [`ParsedCsv::rows`] of the row holding the column names;
    /// rows above it (a title, notes) are ignored.
    pub header_row: usize,
    /// The column holding the element names.
    pub name: usize,
    /// Where the kinds come from.
    pub kind: KindSource,
    /// The column holding descriptions, if any.
    pub description: Option<usize>,
    /// The columns that are roles, named by the header row, holding letters.
    pub roles: Vec<usize>,
    /// Rows with a name and no letters (section headings in many templates)
    /// are left out instead of becoming elements.
    pub skip_headings: bool,
}

/// What importing a CSV would do, shown before anything changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPreview {
    /// Roles the file adds, in column order.
    pub new_roles: Vec<String>,
    /// Elements the file adds, in line order.
    pub new_elements: Vec<String>,
    /// Existing elements whose letters (and kind, description) the file sets.
    pub updated_elements: Vec<String>,
    /// Rows with a name and no letters that are left out as headings.
    pub headings: Vec<String>,
    /// Lines or columns skipped, with why.
    pub errors: Vec<LineError>,
    /// The change, as one undoable step (empty when there is nothing to do).
    pub op: Option<Op>,
}

/// The spreadsheet name of a 0-based column: A, B, ..., Z, AA, AB, ...
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    out.iter().rev().collect()
}

/// The mapping of a file in the export's own shape (its first row starts
/// with Element, Kind, Description, in any case), or `None`.
pub fn export_mapping(parsed: &ParsedCsv) -> Option<CsvMapping> {
    let header = &parsed.rows.first()?.cells;
    let exact = header.len() >= OWNERSHIP_COLUMNS.len()
        && OWNERSHIP_COLUMNS
            .iter()
            .zip(header)
            .all(|(a, b)| a.eq_ignore_ascii_case(b));
    exact.then(|| CsvMapping {
        header_row: 0,
        name: 0,
        kind: KindSource::Column(1),
        description: Some(2),
        roles: (OWNERSHIP_COLUMNS.len()..header.len()).collect(),
        skip_headings: false,
    })
}

/// The mapping to propose for a file: the export's own if it has that
/// shape, otherwise a guess with [`guess_header_row`] as the header row.
pub fn guess_mapping(parsed: &ParsedCsv) -> CsvMapping {
    export_mapping(parsed).unwrap_or_else(|| guess_mapping_at(parsed, guess_header_row(parsed)))
}

/// The first row with at least three non-empty cells (or as many as the
/// widest row has): templates often put a title or notes above the header.
pub fn guess_header_row(parsed: &ParsedCsv) -> usize {
    let needed = parsed.width.min(3);
    parsed
        .rows
        .iter()
        .position(|r| r.cells.iter().filter(|c| !c.is_empty()).count() >= needed)
        .unwrap_or(0)
}

/// Header words that name the column of things to own (a few in German,
/// where Excel's semicolon files often come from).
const NAME_WORDS: [&str; 12] = [
    "activity",
    "task",
    "deliverable",
    "process",
    "element",
    "name",
    "step",
    "item",
    "decision",
    "prozess",
    "aufgabe",
    "tätigkeit",
];
/// Header words that name a kind column.
const KIND_WORDS: [&str; 3] = ["kind", "type", "typ"];
/// Header words that name a description column.
const DESCRIPTION_WORDS: [&str; 7] = [
    "description",
    "note",
    "detail",
    "comment",
    "remark",
    "beschreibung",
    "bemerkung",
];

/// Whether a header cell holds one of `words` as a word (plural allowed).
fn header_says(header: &str, words: &[&str]) -> bool {
    header
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .map(|w| {
            w.strip_suffix("ies")
                .map_or(w.to_string(), |s| format!("{s}y"))
        })
        .any(|w| {
            words
                .iter()
                .any(|k| w == *k || w.strip_suffix('s') == Some(k))
        })
}

/// A guessed mapping with `header_row` as the header. The name column is
/// the first whose header says so (Activity, Task, Name, ...) and whose
/// cells are not letters, else the first column of mostly free text; a
/// Kind or Type column of kinds and a Description or Notes column are
/// used when present; every other named column of letters (or still empty)
/// is a role. Rows with no letters are skipped as headings.
pub fn guess_mapping_at(parsed: &ParsedCsv, header_row: usize) -> CsvMapping {
    let header_row = header_row.min(parsed.rows.len().saturating_sub(1));
    let header = |col: usize| parsed.rows.get(header_row).map_or("", |r| r.cell(col));
    let data = parsed.rows.get(header_row + 1..).unwrap_or_default();
    let cells = |col: usize| {
        data.iter()
            .map(move |r| r.cell(col))
            .filter(|c| !c.is_empty())
    };
    // How many of a column's non-empty cells pass a test, and of how many.
    let share = |col: usize, test: &dyn Fn(&str) -> bool| {
        cells(col).fold((0, 0), |(y, a), c| (y + usize::from(test(c)), a + 1))
    };
    let is_letter = |c: &str| Raci::parse(c).is_some();
    // A typo among letters is still a column of letters.
    let letters = |col: usize| {
        let (yes, all) = share(col, &is_letter);
        yes * 2 >= all
    };
    let mostly = |col: usize, test: &dyn Fn(&str) -> bool| {
        let (yes, all) = share(col, test);
        yes * 2 > all
    };
    let text = |c: &str| !is_letter(c) && c.chars().any(char::is_alphabetic);
    let columns = 0..parsed.width;

    let name = columns
        .clone()
        .find(|&c| header_says(header(c), &NAME_WORDS) && !letters(c))
        .or_else(|| columns.clone().find(|&c| mostly(c, &text)))
        .unwrap_or(0);
    let is_kind = |c: &str| kind_from_text(c).is_some();
    let kind_col = columns.clone().find(|&c| {
        c != name
            && header_says(header(c), &KIND_WORDS)
            && cells(c).next().is_some()
            && cells(c).all(is_kind)
    });
    let description = columns
        .clone()
        .find(|&c| c != name && Some(c) != kind_col && header_says(header(c), &DESCRIPTION_WORDS));
    let roles = columns
        .filter(|&c| c != name && Some(c) != kind_col && Some(c) != description)
        .filter(|&c| !header(c).is_empty() && letters(c))
        .collect();
    CsvMapping {
        header_row,
        name,
        kind: kind_col.map_or(KindSource::All(ElementKind::Process), KindSource::Column),
        description,
        roles,
        skip_headings: true,
    }
}

/// A kind written as its key or its label, in any case.
fn kind_from_text(text: &str) -> Option<ElementKind> {
    ElementKind::ALL
        .into_iter()
        .find(|k| k.key().eq_ignore_ascii_case(text) || k.label().eq_ignore_ascii_case(text))
}

/// What importing `parsed` read through `mapping` would do to `model`.
/// Roles and elements are matched to the model's by name (ignoring case);
/// new ones are added, existing elements get the file's letters (and kind
/// and description, where the mapping has such columns and the cell is not
/// empty for a description). Lines with a problem are skipped and reported;
/// the others still import.
pub fn preview_ownership_csv(
    model: &Model,
    parsed: &ParsedCsv,
    mapping: &CsvMapping,
    mut new_id: impl FnMut() -> Id,
) -> ImportPreview {
    let mut preview = ImportPreview {
        errors: parsed.errors.clone(),
        ..ImportPreview::default()
    };
    let mut ops = Vec::new();
    let Some(header) = parsed.rows.get(mapping.header_row) else {
        return preview;
    };
    let taken = |c: usize| {
        c == mapping.name || mapping.kind == KindSource::Column(c) || mapping.description == Some(c)
    };

    let mut roles: Vec<(usize, Id)> = Vec::new();
    let mut seen_roles: HashMap<String, usize> = HashMap::new();
    let mut role_count = model.roles.len();
    for &col in mapping.roles.iter().filter(|&&c| !taken(c)) {
        let name = header.cell(col);
        let key = name.to_lowercase();
        let role = if name.is_empty() {
            Err(format!(
                "column {} has no role name; it is ignored.",
                col + 1
            ))
        } else if name.chars().count() > MAX_NAME_CHARS {
            Err(format!("the role name in column {} is longer than {MAX_NAME_CHARS} characters; the column is ignored.", col + 1))
        } else if seen_roles.insert(key.clone(), col).is_some() {
            Err(format!(
                "the role \u{201c}{name}\u{201d} appears twice; the second column is ignored."
            ))
        } else if let Some(r) = model.roles.iter().find(|r| r.name.to_lowercase() == key) {
            Ok(r.id.clone())
        } else if role_count >= MAX_ROLES {
            Err(format!(
                "a model can have at most {MAX_ROLES} roles; \u{201c}{name}\u{201d} is ignored."
            ))
        } else {
            let id = new_id();
            ops.push(Op::AddRole {
                index: usize::MAX,
                role: Role {
                    id: id.clone(),
                    name: name.to_string(),
                    description: String::new(),
                    holder: None,
                },
            });
            preview.new_roles.push(name.to_string());
            role_count += 1;
            Ok(id)
        };
        match role {
            Ok(id) => roles.push((col, id)),
            Err(message) => preview.errors.push(LineError {
                line: header.line,
                message,
            }),
        }
    }

    let mut seen_elements: HashMap<String, usize> = HashMap::new();
    let mut element_count = model.elements.len();
    for row in &parsed.rows[mapping.header_row + 1..] {
        let line = row.line;
        let (name, kind, description, letters) = match element_line(row, mapping, &roles) {
            Err(message) => {
                preview.errors.push(LineError { line, message });
                continue;
            }
            Ok(Line::Heading(name)) => {
                preview.headings.push(name);
                continue;
            }
            Ok(Line::Element(name, kind, description, letters)) => {
                (name, kind, description, letters)
            }
        };
        let key = name.to_lowercase();
        if let Some(first) = seen_elements.insert(key.clone(), line) {
            preview.errors.push(LineError {
                line,
                message: format!(
                    "\u{201c}{name}\u{201d} is already on line {first}; this line is skipped."
                ),
            });
            continue;
        }
        if let Some(existing) = model.elements.iter().find(|e| e.name.to_lowercase() == key) {
            let id = existing.id.clone();
            if let KindSource::Column(_) = mapping.kind {
                ops.push(Op::SetElementKind {
                    id: id.clone(),
                    kind,
                });
            }
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
            preview.errors.push(LineError {
                line,
                message: format!(
                    "a model can have at most {MAX_ELEMENTS} elements; this line is skipped."
                ),
            });
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
    // Unreadable records come from the reader, the rest in line order.
    preview.errors.sort_by_key(|e| e.line);
    if !ops.is_empty() {
        preview.op = Some(Op::Batch(ops));
    }
    preview
}

/// What one row of the file is.
enum Line {
    /// A name and no letters, left out.
    Heading(String),
    /// Name, kind, description and the letter per role (`None`: empty).
    Element(String, ElementKind, String, Vec<(Id, Option<Raci>)>),
}

fn element_line(row: &CsvRow, mapping: &CsvMapping, roles: &[(usize, Id)]) -> Result<Line, String> {
    let name = row.cell(mapping.name).to_string();
    if name.is_empty() {
        return Err("the element has no name; the line is skipped.".into());
    }
    if mapping.skip_headings && roles.iter().all(|(col, _)| row.cell(*col).is_empty()) {
        return Ok(Line::Heading(name));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "the element name is longer than {MAX_NAME_CHARS} characters; the line is skipped."
        ));
    }
    let kind = match mapping.kind {
        KindSource::All(kind) => kind,
        KindSource::Column(col) => match row.cell(col) {
            "" => ElementKind::Process,
            text => kind_from_text(text).ok_or_else(|| format!("the kind \u{201c}{text}\u{201d} is not one of process, workflow, data, system, outcome; the line is skipped."))?,
        },
    };
    let description = mapping
        .description
        .map_or("", |col| row.cell(col))
        .to_string();
    if description.chars().count() > MAX_TEXT_CHARS {
        return Err("the description is too long; the line is skipped.".into());
    }
    let mut letters = Vec::new();
    for (col, role) in roles {
        let cell = row.cell(*col);
        let letter = if cell.is_empty() {
            None
        } else {
            Some(Raci::parse(cell).ok_or_else(|| bad_letter(cell))?)
        };
        letters.push((role.clone(), letter));
    }
    Ok(Line::Element(name, kind, description, letters))
}

fn bad_letter(cell: &str) -> String {
    let shown: String = cell.chars().take(20).collect();
    format!(
        "\u{201c}{shown}\u{201d} is not one of R, A, C, I, A/R (or empty); the line is skipped."
    )
}

#[cfg(test)]
mod tests {
    use super::super::csv_read::{read_csv, TextEncoding};
    use super::super::ownership_table;
    use super::super::tests::model;
    use super::*;
    use crate::model::testkit::Kit;
    use proptest::prelude::*;

    fn ids() -> impl FnMut() -> Id {
        let mut n = 0;
        move || {
            n += 1;
            format!("new{n}")
        }
    }

    fn empty() -> Model {
        Model::new("t".into(), "T", model().created_at)
    }

    /// Reads `bytes` and previews it with the guessed mapping.
    fn import(m: &Model, bytes: &[u8]) -> (CsvMapping, ImportPreview) {
        let parsed = read_csv(bytes).unwrap();
        let mapping = guess_mapping(&parsed);
        let p = preview_ownership_csv(m, &parsed, &mapping, ids());
        (mapping, p)
    }

    fn messages(p: &ImportPreview) -> Vec<String> {
        p.errors.iter().map(|e| e.to_string()).collect()
    }

    fn count_ar(m: &Model) -> usize {
        m.elements
            .iter()
            .flat_map(|e| e.assignments.values())
            .filter(|l| **l == Raci::AR)
            .count()
    }

    #[test]
    fn import_of_an_export_into_an_empty_model_recreates_the_grid() {
        let source = model();
        let csv = ownership_table(&source).to_csv();
        let mut target = empty();
        let (mapping, p) = import(&target, csv.as_bytes());
        assert_eq!(
            Some(mapping),
            export_mapping(&read_csv(csv.as_bytes()).unwrap())
        );
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
        let (_, p) = import(&m, csv.as_bytes());
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
        let (_, p) = import(&m, csv.as_bytes());
        assert_eq!(
            messages(&p),
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
    fn another_header_gets_a_guessed_mapping_instead_of_a_refusal() {
        let m = model();
        let (mapping, p) = import(&m, b"Name,Role\nx,A\n");
        assert_eq!(
            mapping,
            CsvMapping {
                header_row: 0,
                name: 0,
                kind: KindSource::All(ElementKind::Process),
                description: None,
                roles: vec![1],
                skip_headings: true,
            }
        );
        assert_eq!(
            (p.new_roles, p.new_elements),
            (vec!["Role".to_string()], vec!["x".to_string()])
        );
        let (_, p) = import(&m, "\u{feff}Element,Kind,Description\n".as_bytes());
        assert_eq!(p.op, None);
    }

    #[test]
    fn headings_are_skipped_or_imported_as_the_mapping_says() {
        let text = "Plan for 2026\n\nStep,Owner,Helper,Notes\nPhase 1: Start,,,kick-off\nBrief,A,R,\nPhase 2: Run\nReport,,c,weekly\nBad,Z,,\n";
        let parsed = read_csv(text.as_bytes()).unwrap();
        let mut mapping = guess_mapping(&parsed);
        assert_eq!(
            mapping,
            CsvMapping {
                header_row: 1,
                name: 0,
                kind: KindSource::All(ElementKind::Process),
                description: Some(3),
                roles: vec![1, 2],
                skip_headings: true,
            }
        );
        let p = preview_ownership_csv(&empty(), &parsed, &mapping, ids());
        assert_eq!(p.headings, ["Phase 1: Start", "Phase 2: Run"]);
        assert_eq!(p.new_elements, ["Brief", "Report"]);
        assert_eq!(
            messages(&p),
            ["Line 8: \u{201c}Z\u{201d} is not one of R, A, C, I, A/R (or empty); the line is skipped."]
        );
        mapping.skip_headings = false;
        let p = preview_ownership_csv(&empty(), &parsed, &mapping, ids());
        assert_eq!(p.headings, Vec::<String>::new());
        assert_eq!(
            p.new_elements,
            ["Phase 1: Start", "Brief", "Phase 2: Run", "Report"]
        );
    }

    #[test]
    fn one_kind_for_all_rows_leaves_existing_elements_their_kind() {
        let mut m = model();
        let parsed =
            read_csv(b"Task,Head of Ops\n\"Customer \"\"record\"\"\",C\nNew one,A\n").unwrap();
        let mapping = CsvMapping {
            kind: KindSource::All(ElementKind::Outcome),
            ..guess_mapping(&parsed)
        };
        let p = preview_ownership_csv(&m, &parsed, &mapping, ids());
        assert_eq!(p.updated_elements, ["Customer \"record\""]);
        m.apply(p.op.unwrap()).unwrap();
        assert_eq!(m.elements[1].kind, ElementKind::Data);
        assert_eq!(m.elements[1].assignments["r1"], Raci::C);
        assert_eq!(m.elements[2].kind, ElementKind::Outcome);
    }

    #[test]
    fn a_mapping_that_reuses_a_column_or_points_past_the_file_is_harmless() {
        let parsed = read_csv(b"Task,Owner\nBrief,A\n").unwrap();
        let mapping = CsvMapping {
            header_row: 0,
            name: 0,
            kind: KindSource::Column(7),
            description: Some(9),
            roles: vec![0, 1, 1, 5],
            skip_headings: false,
        };
        let p = preview_ownership_csv(&empty(), &parsed, &mapping, ids());
        assert_eq!(p.new_roles, ["Owner"]);
        assert_eq!(p.new_elements, ["Brief"]);
        assert_eq!(
            messages(&p),
            [
                "Line 1: the role \u{201c}Owner\u{201d} appears twice; the second column is ignored.",
                "Line 1: column 6 has no role name; it is ignored.",
            ]
        );
        let past = CsvMapping {
            header_row: 5,
            ..mapping
        };
        assert_eq!(
            preview_ownership_csv(&empty(), &parsed, &past, ids()),
            ImportPreview::default()
        );
    }

    #[test]
    fn the_name_column_is_found_by_its_header_or_its_text() {
        let guess = |text: &str| guess_mapping(&read_csv(text.as_bytes()).unwrap());
        // "Process Owner" holds letters, so it is a role, not the name.
        let m = guess("#,Process Owner,Work package,Type,Sponsor\n1.1,A,Write the brief,data,C\n1.2,R,Sign off,system,A\n");
        assert_eq!(
            (m.name, m.kind, m.roles),
            (2, KindSource::Column(3), vec![1, 4])
        );
        let m = guess("ID;Deliverables;Lead\n1;Plan;A/R\n");
        assert_eq!((m.name, m.roles), (1, vec![2]));
    }

    #[test]
    fn column_letters_are_spreadsheet_names() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    const EXCEL_EN: &[u8] =
        include_bytes!("../../../../../tests/fixtures/csv/excel-en-bom-crlf.csv");

    #[test]
    fn fixture_excel_english_is_the_export_shape_and_round_trips_byte_for_byte() {
        let mut m = empty();
        let (mapping, p) = import(&m, EXCEL_EN);
        assert_eq!(Some(mapping), export_mapping(&read_csv(EXCEL_EN).unwrap()));
        assert_eq!(
            p.new_roles,
            [
                "Head of Operations",
                "Support Lead",
                "Finance Manager",
                "Data Steward"
            ]
        );
        assert_eq!(p.new_elements.len(), 6);
        assert_eq!((p.headings.len(), p.errors.len()), (0, 0));
        m.apply(p.op.unwrap()).unwrap();
        assert_eq!(count_ar(&m), 2);
        assert_eq!(ownership_table(&m).to_csv().as_bytes(), &EXCEL_EN[3..]);
    }

    #[test]
    fn fixture_excel_german_semicolons_in_windows_1252() {
        let bytes =
            include_bytes!("../../../../../tests/fixtures/csv/excel-de-semicolon-cp1252.csv");
        let parsed = read_csv(bytes).unwrap();
        assert_eq!(
            (parsed.encoding, parsed.separator),
            (TextEncoding::Windows1252, ';')
        );
        let mut m = empty();
        let (mapping, p) = import(&m, bytes);
        assert_eq!(
            mapping,
            CsvMapping {
                header_row: 0,
                name: 0,
                kind: KindSource::All(ElementKind::Process),
                description: Some(1),
                roles: vec![2, 3, 4, 5, 6],
                skip_headings: true,
            }
        );
        assert_eq!(
            p.new_roles,
            [
                "Geschäftsführung",
                "Qualitätssicherung",
                "Vertrieb",
                "Buchhaltung",
                "Kundenservice"
            ]
        );
        assert_eq!((p.new_elements.len(), p.headings.len()), (7, 0));
        assert_eq!(
            messages(&p),
            ["Line 9: \u{201c}X\u{201d} is not one of R, A, C, I, A/R (or empty); the line is skipped."]
        );
        m.apply(p.op.unwrap()).unwrap();
        assert_eq!(
            m.elements[0].description,
            "Angebote für Großkunden, Rabatte über 10 %"
        );
        assert_eq!(
            m.elements[6].description,
            "Umfrage \u{201e}NPS\u{201c} quartalsweise"
        );
        assert_eq!(count_ar(&m), 2);
    }

    #[test]
    fn fixture_libreoffice_with_a_kind_column_and_quoted_line_breaks() {
        let mut m = empty();
        let (mapping, p) = import(
            &m,
            include_bytes!("../../../../../tests/fixtures/csv/libreoffice-lf-quoted-newline.csv"),
        );
        assert_eq!(
            mapping,
            CsvMapping {
                header_row: 0,
                name: 0,
                kind: KindSource::Column(1),
                description: Some(2),
                roles: vec![3, 4, 5, 6],
                skip_headings: true,
            }
        );
        assert_eq!(p.new_roles, ["Owner", "Reviewer", "Team", "Auditor"]);
        assert_eq!((p.new_elements.len(), p.headings.len()), (6, 0));
        assert_eq!(
            messages(&p),
            ["Line 8: \u{201c}Q\u{201d} is not one of R, A, C, I, A/R (or empty); the line is skipped."]
        );
        m.apply(p.op.unwrap()).unwrap();
        let close = &m.elements[0];
        assert_eq!(
            close.description,
            "Close the books by day 5.\nReconcile bank accounts first."
        );
        let erp = &m.elements[3];
        assert_eq!(
            (erp.kind, erp.description.as_str()),
            (ElementKind::System, "Hosted by \"CloudCo\"")
        );
        assert_eq!(m.elements[5].name, "Cash forecast");
    }

    #[test]
    fn fixture_google_sheets_with_a_comments_column_and_a_blank_row() {
        let mut m = empty();
        let (mapping, p) = import(
            &m,
            include_bytes!("../../../../../tests/fixtures/csv/google-sheets-crlf.csv"),
        );
        assert_eq!(
            (mapping.name, mapping.description, mapping.roles.clone()),
            (0, Some(5), vec![1, 2, 3, 4])
        );
        assert_eq!(
            p.new_roles,
            ["Product Owner", "Tech Lead", "Designer", "QA"]
        );
        assert_eq!(
            p.new_elements,
            [
                "Release plan",
                "Design system",
                "Test strategy",
                "Incident runbook",
                "Onboarding guide"
            ]
        );
        assert_eq!((p.headings.len(), p.errors.len()), (0, 0));
        m.apply(p.op.unwrap()).unwrap();
        assert_eq!(m.elements[4].assignments[&m.roles[3].id], Raci::R);
        assert_eq!(m.elements[4].description, "Lower-case letter on purpose");
        assert_eq!(count_ar(&m), 2);
    }

    #[test]
    fn fixture_raci_template_with_a_title_legend_and_phase_headings() {
        let bytes = include_bytes!("../../../../../tests/fixtures/csv/raci-template-35x10.csv");
        let mut m = empty();
        let (mapping, p) = import(&m, bytes);
        assert_eq!(
            mapping,
            CsvMapping {
                header_row: 2,
                name: 0,
                kind: KindSource::All(ElementKind::Process),
                description: None,
                roles: (1..=10).collect(),
                skip_headings: true,
            }
        );
        assert_eq!(p.new_roles.len(), 10);
        assert_eq!(p.new_roles[1], "Project Manager");
        assert_eq!(p.new_elements.len(), 35);
        assert_eq!(p.new_elements[0], "Write the business case");
        assert_eq!(
            p.headings,
            [
                "Phase 1: Initiation",
                "Phase 2: Planning",
                "Phase 3: Design",
                "Phase 4: Build and Test",
                "Phase 5: Launch and Close",
            ]
        );
        assert_eq!(p.errors, []);
        m.apply(p.op.unwrap()).unwrap();
        assert_eq!(count_ar(&m), 8);
        assert!(m.elements.iter().all(|e| e.kind == ElementKind::Process));
    }

    #[test]
    fn choosing_another_header_row_guesses_its_columns_again() {
        let parsed = read_csv(b"Plan,,\nTask,Owner,Notes\nBrief,A,short\n").unwrap();
        assert_eq!(guess_mapping(&parsed).header_row, 1);
        let title = guess_mapping_at(&parsed, 0);
        assert_eq!((title.header_row, title.name, title.roles), (0, 0, vec![]));
        let p = preview_ownership_csv(&empty(), &parsed, &guess_mapping_at(&parsed, 0), ids());
        assert_eq!(p.headings, ["Task", "Brief"]);
        assert_eq!(
            guess_mapping_at(&parsed, 9).header_row,
            2,
            "past the end: the last row"
        );
    }

    /// Names with the characters that need quoting or guarding; a suffix
    /// keeps them apart (names are matched ignoring case).
    fn names(count: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec("[a-zA-Z0-9 ,\"'=+@/äß-]{0,10}", count).prop_map(|v| {
            v.iter()
                .enumerate()
                .map(|(i, s)| format!("{}#{i}", s.trim()))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn an_export_reimports_unchanged_into_an_empty_model(
            roles in names(1..=5),
            elements in names(0..=6),
            cells in prop::collection::vec((0usize..5, "[a-z ,\n\"=-]{0,12}", prop::collection::vec(0usize..6, 5)), 6),
        ) {
            let mut source = empty();
            for (i, name) in roles.iter().enumerate() {
                source.add_role(format!("r{i}"), name).unwrap();
            }
            for (i, (name, (kind, description, letters))) in elements.iter().zip(&cells).enumerate() {
                let id = format!("e{i}");
                source.add_element(id.clone(), name, ElementKind::ALL[*kind]).unwrap();
                source.apply(Op::SetElementDescription { id: id.clone(), text: description.trim().to_string() }).unwrap();
                for (j, letter) in letters.iter().take(roles.len()).enumerate() {
                    let letter = [Raci::R, Raci::A, Raci::C, Raci::I, Raci::AR].get(*letter).copied();
                    source.set_assignment(&id, &format!("r{j}"), letter).unwrap();
                }
            }
            let csv = ownership_table(&source).to_csv();
            let mut target = empty();
            for (i, name) in roles.iter().enumerate() {
                target.add_role(format!("t{i}"), name).unwrap();
            }
            let (mapping, p) = import(&target, csv.as_bytes());
            prop_assert!(!mapping.skip_headings);
            prop_assert_eq!(&p.errors, &[]);
            prop_assert_eq!(p.new_roles.len(), 0);
            prop_assert_eq!(p.new_elements.len(), elements.len());
            if let Some(op) = p.op {
                target.apply(op).unwrap();
            }
            prop_assert_eq!(ownership_table(&target), ownership_table(&source));
        }
    }
}
