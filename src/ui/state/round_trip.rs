//! The consultant's round trip, for the open model: versions kept in this
//! browser (save, restore, export, delete), a file or link of a model's
//! family recognized when it arrives (compare, merge, or a separate copy:
//! the person chooses, nothing changes before), and the merge itself, one
//! undo step with a version kept before it.

use super::*;
use crate::model::lineage::{kinship, told, Kinship};
use crate::model::versions::{check_label, Version, Why};
use crate::model::{Id, Loaded, Stamp};
use crate::storage::browser::{local_day, shelf};

/// Where a model came in from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// A file, by its name.
    File(String),
    Link,
}

impl Source {
    /// "the file “client-a.opmodel.json”", "the link".
    pub fn words(&self) -> String {
        match self {
            Source::File(name) => format!("the file \u{201c}{name}\u{201d}"),
            Source::Link => "the link".into(),
        }
    }
}

/// The model of this browser a file belongs with.
#[derive(Clone, Debug, PartialEq)]
pub struct Family {
    pub id: Id,
    pub name: String,
    pub kinship: Kinship,
    /// Its kept versions, oldest first (to choose a base from).
    pub versions: Vec<Version>,
}

/// A model that arrived and waits for the person's choice.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub theirs: Model,
    pub source: Source,
    pub note: Option<crate::model::LoadNote>,
    /// The model of this browser of the same family, if any.
    pub mine: Option<Family>,
}

impl Incoming {
    /// What arrived, in words: "A later version of “Client A”, exported
    /// on ..., based on ...", or, for a stranger, its name and size.
    pub fn told(&self) -> String {
        match &self.mine {
            Some(f) => told(&f.kinship, &f.name, local_day),
            None => format!(
                "\u{201c}{}\u{201d}: {} roles, {} elements, last changed on {}.",
                self.theirs.name,
                self.theirs.roles.len(),
                self.theirs.elements.len(),
                crate::model::lineage::day_words(local_day(self.theirs.updated_at))
            ),
        }
    }
}

impl AppState {
    /// Keeps the open model as a version, for `why`.
    /// Returns the version and its text (a file of it).
    fn keep_version(
        &self,
        why: Why,
        name: &str,
        note: &str,
    ) -> Result<(Version, String), StorageError> {
        let result = self
            .model
            .with_untracked(|m| shelf().keep(m, new_id(), why, name, note, now()));
        self.library_version.update(|v| *v += 1);
        result
    }

    /// "Save version...": the open model, named, with a note.
    pub fn save_version(&self, name: &str, note: &str) -> Result<Version, String> {
        let name = check_label("name", name)?;
        let note = check_label("note", note)?;
        if name.is_empty() {
            return Err("A saved version needs a name, to find it again.".into());
        }
        self.keep_version(Why::Named, &name, &note)
            .map(|(v, _)| v)
            .map_err(|e| format!("The version could not be kept: {e}. Delete older versions or models, or export the model."))
    }

    /// The text of the open model's file, stamped as a version that is
    /// kept here (automatically: at each export and each link), so that
    /// the file is recognized when it comes back.
    pub fn sendable_text(&self) -> String {
        // Unchanged since its last export or link: that version again,
        // rather than another copy crowding out the automatic versions.
        let again = self.model.with_untracked(|m| {
            let shelf = shelf();
            shelf
                .list(&m.id)
                .last()
                .filter(|v| v.exports_unchanged(m))
                .and_then(|v| shelf.text(&m.id, &v.id))
        });
        if let Some(text) = again {
            return text;
        }
        match self.keep_version(Why::Exported, "", "") {
            Ok((_, text)) => text,
            Err(e) => {
                self.notify(
                    NoticeKind::Error,
                    format!("The version sent could not be kept in this browser ({e}): when it comes back, its changes can be compared but the merge will ask which version it was based on."),
                );
                let at = now();
                self.model.with_untracked(|m| {
                    let own = crate::model::versions::stamps(&shelf().list(&m.id));
                    to_file_json(&m.stamped(Stamp { id: new_id(), at }, &own), at)
                })
            }
        }
    }

    /// Puts a kept version back as the open model: one undo step, the
    /// model as it was kept as a version first.
    pub fn restore_version(&self, id: &str) {
        let model_id = self.model.with_untracked(|m| m.id.clone());
        let version = match shelf().load(&model_id, id) {
            Ok(v) => v,
            Err(e) => {
                self.notify(
                    NoticeKind::Error,
                    format!("The version could not be restored: {e}."),
                );
                return;
            }
        };
        let title = shelf()
            .list(&model_id)
            .into_iter()
            .find(|v| v.id == id)
            .map(|v| v.title())
            .unwrap_or_default();
        if let Err(e) = self.keep_version(Why::BeforeRestore, "", "") {
            self.notify(
                NoticeKind::Error,
                format!("Nothing was restored: the model as it is could not be kept as a version first ({e})."),
            );
            return;
        }
        let mut restored = version;
        restored.id = model_id;
        self.model.with_untracked(|m| restored.keep_lineage(m));
        if self.edit(Op::Restore(Box::new(restored))) {
            self.notify(
                NoticeKind::Info,
                format!("Restored \u{201c}{title}\u{201d}. Undo brings back the model as it was; it is also kept as a version."),
            );
        }
    }

    /// Downloads a kept version as a model file.
    pub fn export_version(&self, id: &str) {
        let model_id = self.model.with_untracked(|m| m.id.clone());
        let Some(version) = shelf().list(&model_id).into_iter().find(|v| v.id == id) else {
            self.notify(
                NoticeKind::Error,
                "That version is no longer stored in this browser.",
            );
            return;
        };
        let Some(text) = shelf().text(&model_id, id) else {
            self.notify(
                NoticeKind::Error,
                "That version is no longer stored in this browser.",
            );
            return;
        };
        let name = model_file_name(&version.model_name, local_day(version.at));
        if let Err(e) = download(&name, &text, "application/json") {
            self.notify(
                NoticeKind::Error,
                format!("The file could not be downloaded: {e}."),
            );
        }
    }

    /// Deletes a kept version.
    pub fn delete_version(&self, id: &str) {
        let model_id = self.model.with_untracked(|m| m.id.clone());
        if let Err(e) = shelf().delete(&model_id, id) {
            self.notify(
                NoticeKind::Error,
                format!("The version could not be deleted: {e}."),
            );
        }
        self.library_version.update(|v| *v += 1);
    }

    /// The model of this browser of `theirs`' family: the open one first,
    /// then the stored ones, newest first; among them, the one that keeps
    /// a version the file descends from.
    fn family_of(&self, theirs: &Model) -> Option<Family> {
        let lineage = theirs.lineage_id();
        let open = self.model.with_untracked(|m| {
            (m.lineage_id() == lineage).then(|| (m.id.clone(), m.name.clone()))
        });
        let stored = library().list().map(|l| l.entries).unwrap_or_default();
        let candidates = open.into_iter().chain(
            stored
                .into_iter()
                .filter(|e| e.lineage == lineage)
                .map(|e| (e.id, e.name)),
        );
        let mut first: Option<Family> = None;
        for (id, name) in candidates {
            let versions = shelf().list(&id);
            let kinship = kinship(theirs, &versions);
            let family = Family {
                id,
                name,
                kinship,
                versions,
            };
            if family.kinship.base().is_some() {
                return Some(family);
            }
            first.get_or_insert(family);
        }
        first
    }

    /// A model read from a file or a link. One of a family kept here, or
    /// any from a link, waits for the person's choice; a file of a model
    /// this browser does not know opens as a new model, as always.
    pub(super) fn arrived(&self, loaded: Loaded, source: Source) {
        let mine = self.family_of(&loaded.model);
        let waits = mine.is_some() || source == Source::Link;
        let incoming = Incoming {
            theirs: loaded.model,
            source,
            note: loaded.note,
            mine,
        };
        self.incoming.set(Some(incoming));
        if !waits {
            self.open_incoming_as_copy();
        }
    }

    /// Opens what arrived as a model of its own (its family kept, so the
    /// next file of it is recognized); the open model stays in the list.
    pub fn open_incoming_as_copy(&self) {
        let Some(incoming) = self.incoming.get_untracked() else {
            return;
        };
        self.incoming.set(None);
        let theirs = incoming.theirs;
        let mut model = theirs.clone();
        // Always a new id: importing never replaces a stored model, not
        // even the one this file was exported from.
        model.id = new_id();
        model.received(&theirs);
        let name = model.name.clone();
        let id = model.id.clone();
        // Shown at once; the autosave stores it a moment later, and the
        // file is kept as the version received once the model is painted
        // (writing a large one takes a while).
        self.switch_to(model, false);
        let this = *self;
        crate::ui::after_paint::after_next_paint(move || {
            let kept = shelf().keep_received(
                &id,
                &theirs,
                Stamp {
                    id: new_id(),
                    at: now(),
                },
            );
            this.library_version.update(|v| *v += 1);
            if let Err(e) = kept {
                this.notify(
                    NoticeKind::Error,
                    format!("The version received could not be kept in this browser ({e}): a later merge with it will ask for its base."),
                );
            }
        });
        let note = incoming.note.map(|n| format!(" {n}")).unwrap_or_default();
        let done = match incoming.source {
            Source::Link => format!("Opened \u{201c}{name}\u{201d} from a link, as a new model."),
            Source::File(_) => format!("Imported \u{201c}{name}\u{201d} as a new model."),
        };
        self.notify(
            NoticeKind::Info,
            format!("{done}{note} The model that was open is still on the Models page."),
        );
    }

    /// Sets what arrived aside: nothing changes.
    pub fn dismiss_incoming(&self) {
        if let Some(i) = self.incoming.get_untracked() {
            self.incoming.set(None);
            self.notify(
                NoticeKind::Info,
                format!("Nothing was changed; {} was set aside.", i.source.words()),
            );
        }
    }

    /// Makes the model a file belongs with the open one, to merge into it.
    pub fn open_family(&self) {
        if let Some(f) = self
            .incoming
            .with_untracked(|i| i.as_ref().and_then(|i| i.mine.clone()))
        {
            self.open(&f.id);
        }
    }

    /// Puts the merge's result in place of the open model: one undo step;
    /// the model as it was is kept as a version first, and the file
    /// received as the version the next merge starts from.
    pub fn finish_merge(&self, mut merged: Model) -> Result<(), String> {
        let Some(incoming) = self.incoming.get_untracked() else {
            return Err("Nothing is waiting to be merged.".into());
        };
        let theirs = incoming.theirs;
        self.keep_version(Why::BeforeMerge, "", "").map_err(|e| {
            format!("Nothing was merged: the model as it is could not be kept as a version first ({e}). Delete older versions or models, or export the model, and merge again.")
        })?;
        let id = self.model.with_untracked(|m| m.id.clone());
        let before = self.model.get_untracked();
        merged.id = id.clone();
        merged.keep_lineage(&before);
        merged.received(&theirs);
        let arrived =
            crate::model::compare::summary(&crate::model::compare::compare(&before, &merged));
        self.apply(Op::Restore(Box::new(merged)))
            .map_err(|e| format!("Nothing was merged: {e}"))?;
        let _ = shelf().keep_received(
            &id,
            &theirs,
            Stamp {
                id: new_id(),
                at: now(),
            },
        );
        self.library_version.update(|v| *v += 1);
        self.incoming.set(None);
        self.notify(
            NoticeKind::Info,
            format!(
                "Merged {} into \u{201c}{}\u{201d}: {arrived}. Undo takes the merge back; the model as it was is also kept as a version.",
                incoming.source.words(),
                before.name
            ),
        );
        Ok(())
    }
}
