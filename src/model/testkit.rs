//! Short ways to build a model in tests, through the same edits the app
//! makes (`Model::apply`), so a model built here is one a person could have
//! made. Not used by the app itself (the release build drops it).

use super::edit::EditError;
use super::history::Op;
use super::types::*;

/// A model of about 1 MiB as the app writes it, for timing the load path:
/// 300 roles, 1,500 elements with 20 letters each (a map, whose keys the
/// scan for keys written twice reads).
pub fn one_mib_model(now: chrono::DateTime<chrono::Utc>) -> Model {
    let mut m = Model::new("m-big".into(), "Big", now);
    for i in 0..300 {
        m.roles.push(Role {
            id: format!("role-{i:04}"),
            name: format!("Role number {i}"),
            description: "Accountable for a part of the operation.".into(),
            holder: None,
        });
    }
    for i in 0..1_500 {
        m.elements.push(Element {
            id: format!("element-{i:05}"),
            name: format!("Element number {i}"),
            kind: ElementKind::ALL[i % 5],
            description: "Something the operation does or holds.".into(),
            assignments: (0..20)
                .map(|j| {
                    (
                        format!("role-{:04}", (i * 7 + j * 13) % 300),
                        Raci::ALL[j % 4],
                    )
                })
                .collect(),
        });
    }
    m
}

/// Builder edits for tests.
pub trait Kit {
    /// Adds a role at the end.
    fn add_role(&mut self, id: Id, name: &str) -> Result<(), EditError>;
    /// Adds an element at the end, with no letters.
    fn add_element(&mut self, id: Id, name: &str, kind: ElementKind) -> Result<(), EditError>;
    /// Sets (or with `None` clears) one letter of the matrix.
    fn set_assignment(
        &mut self,
        element: &str,
        role: &str,
        letter: Option<Raci>,
    ) -> Result<(), EditError>;
    /// Renames the model.
    fn rename(&mut self, name: &str) -> Result<(), EditError>;
}

impl Kit for Model {
    fn add_role(&mut self, id: Id, name: &str) -> Result<(), EditError> {
        let role = Role {
            id,
            name: name.into(),
            description: String::new(),
            holder: None,
        };
        self.apply(Op::AddRole {
            index: usize::MAX,
            role,
        })
        .map(drop)
    }

    fn add_element(&mut self, id: Id, name: &str, kind: ElementKind) -> Result<(), EditError> {
        let element = Element {
            id,
            name: name.into(),
            kind,
            description: String::new(),
            assignments: Default::default(),
        };
        self.apply(Op::AddElement {
            index: usize::MAX,
            element,
        })
        .map(drop)
    }

    fn set_assignment(
        &mut self,
        element: &str,
        role: &str,
        letter: Option<Raci>,
    ) -> Result<(), EditError> {
        self.apply(Op::SetAssignment {
            element: element.into(),
            role: role.into(),
            letter,
        })
        .map(drop)
    }

    fn rename(&mut self, name: &str) -> Result<(), EditError> {
        self.apply(Op::RenameModel(name.into())).map(drop)
    }
}
