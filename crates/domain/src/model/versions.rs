//! The versions of a model kept in this browser: named ones ("Save
//! version..."), and automatic ones taken at each export, before a merge or
//! a restore, and for each file of the model received. Plain records (the
//! model texts are kept by `storage::versions`), and the rule that bounds
//! them: automatic versions past [`MAX_AUTOMATIC_VERSIONS`] are pruned,
//! oldest first; named ones stay until deleted.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::limits::{MAX_AUTOMATIC_VERSIONS, MAX_VERSION_NOTE_CHARS};
use super::types::{Id, Model, Stamp};

/// Why a version was kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Why {
    /// Saved by the person, with a name.
    Named,
    /// The model as it was exported (the file says this version's id).
    Exported,
    /// The model as it was just before a merge.
    BeforeMerge,
    /// The model as it was just before a version was restored.
    BeforeRestore,
    /// A file of this model that arrived (imported, merged, from a link):
    /// the base of the next merge with whoever sent it.
    Received,
}

impl Why {
    /// Pruned past the limit (everything but named versions).
    pub fn automatic(self) -> bool {
        self != Why::Named
    }

    /// The kind of version, in words, for a version without a name.
    pub fn label(self) -> &'static str {
        match self {
            Why::Named => "Saved version",
            Why::Exported => "Exported",
            Why::BeforeMerge => "Before a merge",
            Why::BeforeRestore => "Before a restore",
            Why::Received => "Received",
        }
    }
}

/// One kept version, as listed (its model text is stored apart).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Version {
    pub id: Id,
    pub why: Why,
    pub at: DateTime<Utc>,
    /// The person's name for it (named versions), else empty.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub note: String,
    /// What the model was called then, and its size, for the list.
    pub model_name: String,
    pub roles: usize,
    pub elements: usize,
    /// Characters of its stored text (storage is counted in those).
    pub chars: usize,
    /// When the model kept had last changed: an export of a model that has
    /// not changed since its last exported version sends that version
    /// again instead of keeping another (absent in lists kept before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_at: Option<DateTime<Utc>>,
}

impl Version {
    /// The record of `model` kept as version `id` for `why`.
    pub fn of(model: &Model, id: Id, why: Why, at: DateTime<Utc>, chars: usize) -> Version {
        Version {
            id,
            why,
            at,
            name: String::new(),
            note: String::new(),
            model_name: model.name.clone(),
            roles: model.roles.len(),
            elements: model.elements.len(),
            chars,
            changed_at: Some(model.updated_at),
        }
    }

    /// Whether this is an export of `model` as it is now.
    pub fn exports_unchanged(&self, model: &Model) -> bool {
        self.why == Why::Exported && self.changed_at == Some(model.updated_at)
    }

    /// What the list calls it: its name, or why it was kept.
    pub fn title(&self) -> String {
        if self.name.trim().is_empty() {
            self.why.label().to_string()
        } else {
            self.name.clone()
        }
    }

    /// The stamp a file of this version carries.
    pub fn stamp(&self) -> Stamp {
        Stamp {
            id: self.id.clone(),
            at: self.at,
        }
    }
}

/// A name or note the person typed, checked: trimmed, within the limit.
pub fn check_label(what: &str, text: &str) -> Result<String, String> {
    let text = text.trim();
    let n = text.chars().count();
    if n > MAX_VERSION_NOTE_CHARS {
        return Err(format!(
            "The {what} is {n} characters long; at most {MAX_VERSION_NOTE_CHARS} fit."
        ));
    }
    Ok(text.to_string())
}

/// Adds `version` to `list` (oldest first) and takes out the automatic
/// versions past [`MAX_AUTOMATIC_VERSIONS`], oldest first; returns the ids
/// taken out (their texts are to be deleted). A version with the id of one
/// listed replaces it.
pub fn add(list: &mut Vec<Version>, version: Version) -> Vec<Id> {
    list.retain(|v| v.id != version.id);
    list.push(version);
    let automatic = list.iter().filter(|v| v.why.automatic()).count();
    let mut excess = automatic.saturating_sub(MAX_AUTOMATIC_VERSIONS);
    let mut pruned = Vec::new();
    list.retain(|v| {
        if excess > 0 && v.why.automatic() {
            excess -= 1;
            pruned.push(v.id.clone());
            false
        } else {
            true
        }
    });
    pruned
}

/// The stamps of the kept versions, to recognize a file's version or base
/// (`lineage::kinship`).
pub fn stamps(list: &[Version]) -> Vec<Stamp> {
    list.iter().map(Version::stamp).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn version(id: &str, why: Why, minute: u32) -> Version {
        let m = Model::new(
            "m".into(),
            "M",
            Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap(),
        );
        Version::of(
            &m,
            id.into(),
            why,
            Utc.with_ymd_and_hms(2026, 12, 1, 10, minute, 0).unwrap(),
            100,
        )
    }

    #[test]
    fn automatic_versions_past_the_limit_go_oldest_first_and_named_ones_stay() {
        let mut list = vec![version("named-0", Why::Named, 0)];
        for i in 0..MAX_AUTOMATIC_VERSIONS {
            let why = [Why::Exported, Why::BeforeMerge, Why::Received][i % 3];
            assert_eq!(
                add(&mut list, version(&format!("a{i}"), why, i as u32 + 1)),
                Vec::<Id>::new()
            );
        }
        assert_eq!(list.len(), MAX_AUTOMATIC_VERSIONS + 1);
        assert_eq!(
            add(&mut list, version("named-1", Why::Named, 30)),
            Vec::<Id>::new()
        );
        assert_eq!(
            add(&mut list, version("late", Why::BeforeRestore, 31)),
            vec!["a0".to_string()]
        );
        assert_eq!(
            add(&mut list, version("later", Why::Exported, 32)),
            vec!["a1".to_string()]
        );
        let ids: Vec<&str> = list.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids[0], "named-0");
        assert!(ids.contains(&"named-1"));
        assert_eq!(
            list.iter().filter(|v| v.why.automatic()).count(),
            MAX_AUTOMATIC_VERSIONS
        );
        assert_eq!(ids.last(), Some(&"later"));
    }

    #[test]
    fn an_export_knows_whether_the_model_changed_since() {
        let m = Model::new(
            "m".into(),
            "M",
            Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap(),
        );
        let at = Utc.with_ymd_and_hms(2026, 12, 2, 0, 0, 0).unwrap();
        let exported = Version::of(&m, "v".into(), Why::Exported, at, 10);
        assert!(exported.exports_unchanged(&m));
        let mut changed = m.clone();
        changed.updated_at = at;
        assert!(!exported.exports_unchanged(&changed));
        assert!(!Version::of(&m, "n".into(), Why::Named, at, 10).exports_unchanged(&m));
    }

    #[test]
    fn a_version_kept_again_replaces_itself() {
        let mut list = vec![version("v", Why::Exported, 0)];
        add(&mut list, version("v", Why::Exported, 5));
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].at.format("%M").to_string(), "05");
    }

    #[test]
    fn a_version_without_a_name_is_called_by_why_it_was_kept() {
        let mut v = version("v", Why::BeforeMerge, 0);
        assert_eq!(v.title(), "Before a merge");
        v.name = "Sent to the board".into();
        assert_eq!(v.title(), "Sent to the board");
        assert_eq!(v.stamp().id, "v");
    }

    #[test]
    fn names_and_notes_are_trimmed_and_bounded() {
        assert_eq!(check_label("name", "  Draft 2 "), Ok("Draft 2".into()));
        let long = "x".repeat(MAX_VERSION_NOTE_CHARS + 1);
        assert_eq!(
            check_label("note", &long),
            Err(format!(
                "The note is {} characters long; at most {MAX_VERSION_NOTE_CHARS} fit.",
                MAX_VERSION_NOTE_CHARS + 1
            ))
        );
    }
}
