//! Short ways to build a model in tests, through the same edits the app
//! makes (`Model::apply`), so a model built here is one a person could have
//! made. Not used by the app itself (the release build drops it).

use super::edit::EditError;
use super::history::Op;
use super::types::*;

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
