//! Edits a person can make to a model. Each keeps the model valid: a removed
//! role disappears from every assignment and reference, names are trimmed and
//! never empty, limits hold. The UI calls these and nothing else to change a
//! model, so the rules live in one place.

use thiserror::Error;

use super::limits::*;
use super::types::*;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("A name cannot be empty.")]
    EmptyName,
    #[error("A name can have at most {MAX_NAME_CHARS} characters.")]
    NameTooLong,
    #[error("A text can have at most {MAX_TEXT_CHARS} characters.")]
    TextTooLong,
    #[error("A model can have at most {max} {what}.")]
    Limit { what: &'static str, max: usize },
    #[error("That item no longer exists (it may have been removed).")]
    NotFound,
    #[error("That id is already used in this model.")]
    DuplicateId,
}

/// A name as it will be stored: trimmed, not empty, not too long.
pub fn clean_name(name: &str) -> Result<String, EditError> {
    let name = name.trim();
    if name.is_empty() {
        Err(EditError::EmptyName)
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(EditError::NameTooLong)
    } else {
        Ok(name.to_string())
    }
}

fn clean_text(text: &str) -> Result<String, EditError> {
    if text.chars().count() > MAX_TEXT_CHARS {
        Err(EditError::TextTooLong)
    } else {
        Ok(text.trim().to_string())
    }
}

impl Model {
    pub fn rename(&mut self, name: &str) -> Result<(), EditError> {
        self.name = clean_name(name)?;
        Ok(())
    }

    pub fn add_role(&mut self, id: Id, name: &str) -> Result<(), EditError> {
        let name = clean_name(name)?;
        if self.roles.len() >= MAX_ROLES {
            return Err(EditError::Limit {
                what: "roles",
                max: MAX_ROLES,
            });
        }
        self.roles.push(Role {
            id,
            name,
            description: String::new(),
            holder: None,
        });
        Ok(())
    }

    fn role_mut(&mut self, id: &str) -> Result<&mut Role, EditError> {
        self.roles
            .iter_mut()
            .find(|r| r.id == id)
            .ok_or(EditError::NotFound)
    }

    pub fn rename_role(&mut self, id: &str, name: &str) -> Result<(), EditError> {
        let name = clean_name(name)?;
        self.role_mut(id)?.name = name;
        Ok(())
    }

    pub fn set_role_description(&mut self, id: &str, text: &str) -> Result<(), EditError> {
        let text = clean_text(text)?;
        self.role_mut(id)?.description = text;
        Ok(())
    }

    /// Removes a role and every reference to it (assignments, decision rights,
    /// approvals, escalations, vetoes, review and correction owners).
    /// Returns the removed role and its former position, for undo.
    pub fn remove_role(&mut self, id: &str) -> Result<(usize, Role), EditError> {
        let index = self
            .roles
            .iter()
            .position(|r| r.id == id)
            .ok_or(EditError::NotFound)?;
        let role = self.roles.remove(index);
        for e in &mut self.elements {
            e.assignments.remove(id);
        }
        for d in &mut self.decisions {
            d.rights.remove(id);
            d.approvals.retain(|a| a.role != id);
            d.escalations.retain(|e| e.role != id);
            d.vetoes.retain(|v| v.role != id);
        }
        for r in &mut self.reviews {
            if r.owner.as_deref() == Some(id) {
                r.owner = None;
            }
        }
        for c in &mut self.corrections {
            if c.owner.as_deref() == Some(id) {
                c.owner = None;
            }
        }
        Ok((index, role))
    }

    pub fn add_element(&mut self, id: Id, name: &str, kind: ElementKind) -> Result<(), EditError> {
        let name = clean_name(name)?;
        if self.elements.len() >= MAX_ELEMENTS {
            return Err(EditError::Limit {
                what: "elements",
                max: MAX_ELEMENTS,
            });
        }
        self.elements.push(Element {
            id,
            name,
            kind,
            description: String::new(),
            assignments: Default::default(),
        });
        Ok(())
    }

    fn element_mut(&mut self, id: &str) -> Result<&mut Element, EditError> {
        self.elements
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or(EditError::NotFound)
    }

    pub fn rename_element(&mut self, id: &str, name: &str) -> Result<(), EditError> {
        let name = clean_name(name)?;
        self.element_mut(id)?.name = name;
        Ok(())
    }

    pub fn set_element_kind(&mut self, id: &str, kind: ElementKind) -> Result<(), EditError> {
        self.element_mut(id)?.kind = kind;
        Ok(())
    }

    pub fn set_element_description(&mut self, id: &str, text: &str) -> Result<(), EditError> {
        let text = clean_text(text)?;
        self.element_mut(id)?.description = text;
        Ok(())
    }

    /// Removes an element and every reference to it (decisions, reviews).
    pub fn remove_element(&mut self, id: &str) -> Result<(usize, Element), EditError> {
        let index = self
            .elements
            .iter()
            .position(|e| e.id == id)
            .ok_or(EditError::NotFound)?;
        let element = self.elements.remove(index);
        for d in &mut self.decisions {
            d.elements.retain(|e| e != id);
        }
        for r in &mut self.reviews {
            r.elements.retain(|e| e != id);
        }
        Ok((index, element))
    }

    /// Sets (or with `None` clears) the letter of `role` on `element`.
    pub fn set_assignment(
        &mut self,
        element: &str,
        role: &str,
        letter: Option<Raci>,
    ) -> Result<(), EditError> {
        if self.role(role).is_none() {
            return Err(EditError::NotFound);
        }
        let e = self.element_mut(element)?;
        match letter {
            Some(l) => e.assignments.insert(role.to_string(), l),
            None => e.assignments.remove(role),
        };
        Ok(())
    }

    /// A copy under a new id and name; everything inside keeps its ids, which
    /// are only unique within one model.
    pub fn duplicate(&self, new_id: Id, now: chrono::DateTime<chrono::Utc>) -> Model {
        self.copy_with_suffix(new_id, now, " (copy)")
    }

    /// A copy under a new id whose name ends in `suffix` (the name is cut
    /// so that the whole still fits the name limit).
    pub fn copy_with_suffix(
        &self,
        new_id: Id,
        now: chrono::DateTime<chrono::Utc>,
        suffix: &str,
    ) -> Model {
        let mut copy = self.clone();
        copy.id = new_id;
        let keep = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
        copy.name = format!(
            "{}{suffix}",
            self.name.chars().take(keep).collect::<String>()
        );
        copy.created_at = now;
        copy.updated_at = now;
        copy
    }
}
