//! The ownership matrix of two versions of a model, cell by cell: what the
//! comparison shows as a grid with the changed cells marked (old letter ->
//! new letter), rows and columns that only one side has marked as added or
//! removed.

use crate::model::types::Model;

/// Whether a row or column is on both sides, or on one only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    Both,
    Added,
    Removed,
}

impl Presence {
    /// "added", "removed", or nothing.
    pub fn words(self) -> &'static str {
        match self {
            Presence::Both => "",
            Presence::Added => "added",
            Presence::Removed => "removed",
        }
    }
}

/// A column: a role of either side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub presence: Presence,
}

/// A cell: its letter before and after ("" for none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub before: &'static str,
    pub after: &'static str,
}

impl Cell {
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

/// A row: an element of either side, its cells in the columns' order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    pub presence: Presence,
    pub cells: Vec<Cell>,
}

impl Row {
    /// Added, removed, or with a cell that changed.
    pub fn changed(&self) -> bool {
        self.presence != Presence::Both || self.cells.iter().any(Cell::changed)
    }
}

/// The two matrices as one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixDiff {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// Ids of `new`'s items in order, then those only `old` has, each with its
/// presence.
fn union<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<(&'a str, Presence)> {
    let mut out: Vec<(&str, Presence)> = new
        .iter()
        .map(|id| {
            let p = if old.contains(id) {
                Presence::Both
            } else {
                Presence::Added
            };
            (*id, p)
        })
        .collect();
    out.extend(
        old.iter()
            .filter(|id| !new.contains(id))
            .map(|id| (*id, Presence::Removed)),
    );
    out
}

/// The matrices of `old` and `new` as one, in `new`'s order (what only
/// `old` has after it).
pub fn matrix(old: &Model, new: &Model) -> MatrixDiff {
    let ids = |m: &'_ Model| -> Vec<String> { m.roles.iter().map(|r| r.id.clone()).collect() };
    let (old_roles, new_roles) = (ids(old), ids(new));
    let or: Vec<&str> = old_roles.iter().map(String::as_str).collect();
    let nr: Vec<&str> = new_roles.iter().map(String::as_str).collect();
    let roles = union(&or, &nr);
    let columns = roles
        .iter()
        .map(|(id, presence)| Column {
            name: new
                .role(id)
                .or_else(|| old.role(id))
                .map_or_else(|| id.to_string(), |r| r.name.clone()),
            presence: *presence,
        })
        .collect();
    let oe: Vec<&str> = old.elements.iter().map(|e| e.id.as_str()).collect();
    let ne: Vec<&str> = new.elements.iter().map(|e| e.id.as_str()).collect();
    let rows = union(&oe, &ne)
        .into_iter()
        .map(|(id, presence)| {
            let (o, n) = (old.element(id), new.element(id));
            let letter = |e: Option<&crate::model::Element>, role: &str| {
                e.and_then(|e| e.assignments.get(role))
                    .map_or("", |l| l.label())
            };
            Row {
                name: n.or(o).map_or_else(|| id.to_string(), |e| e.name.clone()),
                presence,
                cells: roles
                    .iter()
                    .map(|(role, _)| Cell {
                        before: letter(o, role),
                        after: letter(n, role),
                    })
                    .collect(),
            }
        })
        .collect();
    MatrixDiff { columns, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Element, ElementKind, Raci, Role};
    use chrono::{TimeZone, Utc};

    fn element(id: &str, letters: &[(&str, Raci)]) -> Element {
        Element {
            id: id.into(),
            name: id.into(),
            kind: ElementKind::Process,
            description: String::new(),
            assignments: letters.iter().map(|(r, l)| (r.to_string(), *l)).collect(),
        }
    }

    fn numbered_roles(n: usize) -> Vec<Role> {
        (1..=n)
            .map(|i| Role {
                id: format!("r{i}"),
                name: format!("Role {i}"),
                description: String::new(),
                holder: None,
            })
            .collect()
    }

    #[test]
    fn changed_cells_rows_and_columns_are_marked() {
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        let mut old = Model::new("m".into(), "M", at);
        old.roles = numbered_roles(2);
        old.elements = vec![
            element("kept", &[("r1", Raci::A), ("r2", Raci::R)]),
            element("gone", &[("r1", Raci::A)]),
        ];
        let mut new = old.clone();
        new.roles.remove(1);
        new.roles.extend(numbered_roles(3).into_iter().skip(2));
        new.elements = vec![
            element("fresh", &[("r3", Raci::A)]),
            element("kept", &[("r1", Raci::C), ("r3", Raci::A)]),
        ];
        let d = matrix(&old, &new);
        let cols: Vec<(&str, Presence)> = d
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.presence))
            .collect();
        assert_eq!(
            cols,
            [
                ("Role 1", Presence::Both),
                ("Role 3", Presence::Added),
                ("Role 2", Presence::Removed)
            ]
        );
        type Shown<'a> = (&'a str, Presence, Vec<(&'a str, &'a str)>);
        let rows: Vec<Shown> = d
            .rows
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.presence,
                    r.cells.iter().map(|c| (c.before, c.after)).collect(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "fresh",
                    Presence::Added,
                    vec![("", ""), ("", "A"), ("", "")]
                ),
                (
                    "kept",
                    Presence::Both,
                    vec![("A", "C"), ("", "A"), ("R", "")]
                ),
                (
                    "gone",
                    Presence::Removed,
                    vec![("A", ""), ("", ""), ("", "")]
                ),
            ]
        );
        assert!(d.rows.iter().all(Row::changed));
        assert!(!matrix(&old, &old).rows.iter().any(Row::changed));
    }
}
