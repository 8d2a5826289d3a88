//! Why an edit is refused, and the copies of a whole model. The edits
//! themselves are [`Op`](super::history::Op)s applied by `Model::apply`,
//! which checks the item an edit makes with the same per-item checks as
//! loading a file ([`super::validate::Validator`]): one rule, one place.

use thiserror::Error;

use super::error::Problem;
use super::limits::MAX_NAME_CHARS;
use super::types::*;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    /// The edit would break a rule of the model; the problem says which,
    /// in the words a file's check uses.
    #[error("{}", sentence(&.0.message))]
    Invalid(Problem),
    #[error("A model can have at most {max} {what}.")]
    Limit { what: &'static str, max: usize },
    #[error("That item no longer exists (it may have been removed).")]
    NotFound,
    #[error("That id is already used in this model.")]
    DuplicateId,
}

impl EditError {
    /// Where the rule was broken, when it was (`roles[2].name`).
    pub fn path(&self) -> Option<&str> {
        match self {
            EditError::Invalid(p) => Some(&p.path),
            _ => None,
        }
    }
}

/// A check's message as a sentence: "the name is empty" -> "The name is
/// empty."
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

impl Model {
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
        // A copy stays of the family: a file sent back to either is
        // recognized.
        copy.keep_lineage(self);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_edit_says_why_in_a_sentence() {
        let e = EditError::Invalid(Problem {
            path: "roles[0].name".into(),
            message: "the name is empty".into(),
        });
        assert_eq!(e.to_string(), "The name is empty.");
        assert_eq!(e.path(), Some("roles[0].name"));
    }
}
