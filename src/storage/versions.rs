//! The versions of each model kept in this browser (`model::versions`):
//! per model, a list under `opmodel.versions.<model id>` and each version's
//! text, the same envelope text as an exported file stamped with the
//! version's id, under `opmodel.version.<model id>.<version id>`. Kept
//! apart from the model's own key, so an autosave never rewrites them.

use chrono::{DateTime, Utc};

use super::kv::{KeyValue, StorageError};
use crate::model::versions::{add, stamps, Version, Why};
use crate::model::{load, to_file_json, Id, Model, Stamp};

/// Prefix of the key listing a model's versions.
pub const VERSION_LIST_PREFIX: &str = "opmodel.versions.";
/// Prefix of the keys holding the versions' texts.
pub const VERSION_TEXT_PREFIX: &str = "opmodel.version.";

fn list_key(model: &str) -> String {
    format!("{VERSION_LIST_PREFIX}{model}")
}

fn text_key(model: &str, version: &str) -> String {
    format!("{VERSION_TEXT_PREFIX}{model}.{version}")
}

/// The versions of the models stored in one key-value store.
pub struct Shelf<S: KeyValue> {
    store: S,
}

impl<S: KeyValue> Shelf<S> {
    pub fn new(store: S) -> Self {
        Shelf { store }
    }

    /// The versions of model `model`, oldest first. A list that does not
    /// read (written by hand, cut by a full storage) counts as none: the
    /// model itself is never at stake.
    pub fn list(&self, model: &str) -> Vec<Version> {
        self.store
            .get(&list_key(model))
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    fn write_list(&self, model: &str, list: &[Version]) -> Result<(), StorageError> {
        if list.is_empty() {
            return self.store.remove(&list_key(model));
        }
        let text = serde_json::to_string(list).expect("a version list always serialises");
        self.store.set(&list_key(model), &text)
    }

    /// Keeps `model` as version `id`, for `why` (with the person's `name`
    /// and `note` for a named one), and prunes the automatic versions past
    /// the limit. Nothing is listed unless its text was stored. Returns the
    /// version and its text (a file of it), so a caller sending it needs
    /// not read it back.
    #[allow(clippy::too_many_arguments)]
    pub fn keep(
        &self,
        model: &Model,
        id: Id,
        why: Why,
        name: &str,
        note: &str,
        at: DateTime<Utc>,
    ) -> Result<(Version, String), StorageError> {
        let stamp = Stamp { id: id.clone(), at };
        // A version of this model descends from the ones kept before it;
        // a received file only from what it says itself.
        let own = if why == Why::Received {
            Vec::new()
        } else {
            stamps(&self.list(&model.id))
        };
        let text = to_file_json(&model.stamped(stamp, &own), at);
        let key = text_key(&model.id, &id);
        self.store.set(&key, &text)?;
        let mut version = Version::of(model, id, why, at, text.chars().count());
        version.name = name.to_string();
        version.note = note.to_string();
        let mut list = self.list(&model.id);
        let pruned = add(&mut list, version.clone());
        if let Err(e) = self.write_list(&model.id, &list) {
            let _ = self.store.remove(&key);
            return Err(e);
        }
        for old in pruned {
            let _ = self.store.remove(&text_key(&model.id, &old));
        }
        Ok((version, text))
    }

    /// Keeps a received file's model (`theirs`, as it came: stamped with
    /// the version it was exported as) among the versions of `model`, under
    /// that version's id, so that it is the base of the next merge with
    /// whoever sent it. A file that names no version gets `fallback`.
    pub fn keep_received(
        &self,
        model: &str,
        theirs: &Model,
        fallback: Stamp,
    ) -> Result<Version, StorageError> {
        let stamp = theirs.exported_as().cloned().unwrap_or(fallback);
        let mut copy = theirs.clone();
        copy.id = model.to_string();
        // Kept as it came: descending from what the file says only.
        copy.lineage = theirs.lineage.clone().map(|mut l| {
            l.version = None;
            l
        });
        self.keep(&copy, stamp.id, Why::Received, "", "", stamp.at)
            .map(|(v, _)| v)
    }

    /// The stored text of a version: a model file.
    pub fn text(&self, model: &str, version: &str) -> Option<String> {
        self.store.get(&text_key(model, version)).ok().flatten()
    }

    /// A version's model, or why it cannot be read.
    pub fn load(&self, model: &str, version: &str) -> Result<Model, String> {
        let text = self
            .text(model, version)
            .ok_or_else(|| "that version is no longer stored in this browser".to_string())?;
        load(text.as_bytes()).map_err(|e| e.to_string())
    }

    /// Deletes one version.
    pub fn delete(&self, model: &str, version: &str) -> Result<(), StorageError> {
        let mut list = self.list(model);
        list.retain(|v| v.id != version);
        self.write_list(model, &list)?;
        self.store.remove(&text_key(model, version))
    }

    /// Deletes every version of a model (the model was deleted).
    pub fn forget_model(&self, model: &str) -> Result<(), StorageError> {
        let prefix = text_key(model, "");
        for key in self.store.keys()? {
            if key.starts_with(&prefix) {
                self.store.remove(&key)?;
            }
        }
        self.store.remove(&list_key(model))
    }

    /// What this app keeps in the store, in characters of keys and texts.
    pub fn usage(&self) -> Result<Usage, StorageError> {
        let mut usage = Usage::default();
        for key in self.store.keys()? {
            if !key.starts_with("opmodel.") {
                continue;
            }
            let chars =
                key.chars().count() + self.store.get(&key)?.map_or(0, |v| v.chars().count());
            if key.starts_with(VERSION_LIST_PREFIX) || key.starts_with(VERSION_TEXT_PREFIX) {
                usage.versions += chars;
            } else {
                usage.models += chars;
            }
        }
        Ok(usage)
    }
}

/// Storage used by the app, in characters (browsers count local storage
/// in UTF-16 units: about 5 million per site).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// Models, backups and settings.
    pub models: usize,
    /// Versions and their lists.
    pub versions: usize,
}

/// About how many characters a browser keeps per site in local storage.
pub const STORAGE_BUDGET_CHARS: usize = 5 * 1024 * 1024;

impl Usage {
    /// "1.2 MB of models and 0.8 MB of versions, of about 5 MB this
    /// browser keeps for the app".
    pub fn words(&self) -> String {
        // Small sizes in KB: "0.0 MB" would say nothing is stored.
        let mb = |chars: usize| {
            if chars < 102_400 {
                format!("{} KB", chars.div_ceil(1024))
            } else {
                format!("{:.1} MB", chars as f64 / 1_048_576.0)
            }
        };
        format!(
            "Stored in this browser: {} of models and {} of versions, of about {} the browser keeps for the app.",
            mb(self.models),
            mb(self.versions),
            mb(STORAGE_BUDGET_CHARS).replace(".0", "")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::limits::MAX_AUTOMATIC_VERSIONS;
    use crate::storage::kv::MemoryStore;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 10, minute, 0).unwrap()
    }

    fn model() -> Model {
        let mut m = Model::new("m1".into(), "Client A", at(0));
        m.roles.push(crate::model::Role {
            id: "r1".into(),
            name: "Ops".into(),
            description: String::new(),
            holder: None,
        });
        m
    }

    #[test]
    fn a_kept_version_is_a_model_file_stamped_with_its_id() {
        let store = MemoryStore::default();
        let shelf = Shelf::new(&store);
        let (v, text) = shelf
            .keep(
                &model(),
                "v1".into(),
                Why::Named,
                "Draft",
                "for the board",
                at(1),
            )
            .unwrap();
        assert_eq!(
            (v.title(), v.note.as_str(), v.roles),
            ("Draft".into(), "for the board", 1)
        );
        let back = shelf.load("m1", "v1").unwrap();
        assert_eq!(
            back.exported_as(),
            Some(&Stamp {
                id: "v1".into(),
                at: at(1)
            })
        );
        assert_eq!(back.roles, model().roles);
        assert_eq!(shelf.list("m1"), vec![v.clone()]);
        assert_eq!(shelf.text("m1", "v1").as_deref(), Some(text.as_str()));
        assert_eq!(v.chars, text.chars().count());
        // Under their own keys: the model's key is untouched.
        assert!(store
            .map
            .borrow()
            .keys()
            .all(|k| k.starts_with("opmodel.version")));
    }

    #[test]
    fn pruned_versions_lose_their_texts_too() {
        let store = MemoryStore::default();
        let shelf = Shelf::new(&store);
        for i in 0..=MAX_AUTOMATIC_VERSIONS {
            shelf
                .keep(
                    &model(),
                    format!("v{i}"),
                    Why::Exported,
                    "",
                    "",
                    at(i as u32),
                )
                .unwrap();
        }
        assert_eq!(shelf.list("m1").len(), MAX_AUTOMATIC_VERSIONS);
        assert_eq!(shelf.text("m1", "v0"), None);
        assert!(shelf.text("m1", "v1").is_some());
        assert_eq!(store.map.borrow().len(), MAX_AUTOMATIC_VERSIONS + 1);
    }

    #[test]
    fn a_full_storage_keeps_nothing_half_written() {
        let store = MemoryStore {
            quota: Some(100),
            ..Default::default()
        };
        let shelf = Shelf::new(&store);
        assert_eq!(
            shelf.keep(&model(), "v1".into(), Why::Named, "", "", at(1)),
            Err(StorageError::Full)
        );
        assert!(store.map.borrow().is_empty());
        assert!(shelf.list("m1").is_empty());
    }

    #[test]
    fn a_received_file_is_kept_under_the_version_it_was_exported_as() {
        let store = MemoryStore::default();
        let shelf = Shelf::new(&store);
        let theirs = model().stamped(
            Stamp {
                id: "c7".into(),
                at: at(9),
            },
            &[],
        );
        let fallback = Stamp {
            id: "new".into(),
            at: at(10),
        };
        let v = shelf
            .keep_received("copy", &theirs, fallback.clone())
            .unwrap();
        assert_eq!((v.id.as_str(), v.why, v.at), ("c7", Why::Received, at(9)));
        assert_eq!(shelf.load("copy", "c7").unwrap().id, "copy");
        let v = shelf.keep_received("copy", &model(), fallback).unwrap();
        assert_eq!(v.id, "new");
    }

    #[test]
    fn deleting_one_or_all_and_counting_what_is_used() {
        let store = MemoryStore::default();
        let shelf = Shelf::new(&store);
        shelf
            .keep(&model(), "v1".into(), Why::Named, "", "", at(1))
            .unwrap();
        shelf
            .keep(&model(), "v2".into(), Why::Exported, "", "", at(2))
            .unwrap();
        store
            .set("opmodel.model.m1", "x".repeat(100).as_str())
            .unwrap();
        store.set("unrelated", "y").unwrap();
        let usage = shelf.usage().unwrap();
        assert_eq!(usage.models, "opmodel.model.m1".len() + 100);
        assert!(usage.versions > 0);
        shelf.delete("m1", "v1").unwrap();
        assert_eq!(shelf.list("m1").len(), 1);
        assert_eq!(shelf.text("m1", "v1"), None);
        shelf.forget_model("m1").unwrap();
        let keys: Vec<String> = store.map.borrow().keys().cloned().collect();
        assert_eq!(
            keys,
            vec!["opmodel.model.m1".to_string(), "unrelated".to_string()]
        );
        assert_eq!(
            Usage { models: 1_048_576, versions: 524_288 }.words(),
            "Stored in this browser: 1.0 MB of models and 0.5 MB of versions, of about 5 MB the browser keeps for the app."
        );
        assert_eq!(
            Usage { models: 30_000, versions: 0 }.words(),
            "Stored in this browser: 30 KB of models and 0 KB of versions, of about 5 MB the browser keeps for the app."
        );
    }

    #[test]
    fn a_list_that_does_not_read_counts_as_none() {
        let store = MemoryStore::default();
        store.set("opmodel.versions.m1", "{not json").unwrap();
        assert!(Shelf::new(&store).list("m1").is_empty());
    }
}
