//! The small state API the components use: the open model, its save state,
//! messages for the user, and the operations that touch storage and files.
//! Components change the model only through [`AppState::edit`], which calls
//! the pure edit functions of `crate::model` and schedules the autosave.

use std::time::Duration;

use leptos::prelude::*;

use crate::model::{
    limits::MAX_FILE_BYTES, load, new_id, to_file_json, EditError, LoadError, Model,
};
use crate::model::{History, Op};
use crate::storage::browser::{download, library, now, read_file};
use crate::storage::filename::model_file_name;

/// How long typing may pause before the model is written. Short enough that
/// closing the tab right after an edit rarely loses it (and `pagehide`
/// flushes anyway), long enough not to serialise on every keystroke.
const SAVE_DEBOUNCE: Duration = Duration::from_millis(400);

#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Saved,
    Saving,
    /// The sentence saying why the last save failed.
    Failed(String),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub kind: NoticeKind,
    pub text: String,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub model: RwSignal<Model>,
    pub save_state: RwSignal<SaveState>,
    pub notices: RwSignal<Vec<Notice>>,
    /// Bumped whenever what is stored changes, so lists of stored models
    /// read storage again.
    pub library_version: RwSignal<u64>,
    /// How many steps can be undone and redone (for the buttons).
    pub history_depth: RwSignal<(usize, usize)>,
    history: StoredValue<History>,
    /// The generation of the latest scheduled save; an older timer that
    /// fires finds a newer generation and does nothing.
    save_generation: StoredValue<u64>,
    dirty: StoredValue<bool>,
    next_notice: StoredValue<u64>,
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// Opens the last model (or a new one) and reports stored data that
    /// could not be read.
    pub fn start() -> AppState {
        let startup = library().startup(now(), fresh_model);
        let state = AppState {
            model: RwSignal::new(startup.model),
            save_state: RwSignal::new(match startup.save_error {
                Some(e) => SaveState::Failed(save_failure_text(&e.to_string())),
                None => SaveState::Saved,
            }),
            notices: RwSignal::new(Vec::new()),
            library_version: RwSignal::new(0),
            history_depth: RwSignal::new((0, 0)),
            history: StoredValue::new(History::default()),
            save_generation: StoredValue::new(0),
            dirty: StoredValue::new(false),
            next_notice: StoredValue::new(0),
        };
        for p in startup.problems {
            state.notify(NoticeKind::Error, p);
        }
        state
    }

    /// Applies a change to the open model as one undoable step. On success
    /// the update time is set and an autosave scheduled; on error nothing
    /// changes and the error says why.
    pub fn apply(&self, op: Op) -> Result<(), EditError> {
        let mut result = Ok(());
        let history = self.history;
        self.model.maybe_update(|m| {
            history.update_value(|h| result = h.apply(m, op));
            if result.is_ok() {
                m.updated_at = now();
            }
            result.is_ok()
        });
        if result.is_ok() {
            self.after_change();
        }
        result
    }

    pub fn undo(&self) -> bool {
        self.step(true)
    }

    pub fn redo(&self) -> bool {
        self.step(false)
    }

    fn step(&self, undo: bool) -> bool {
        let mut done = false;
        let history = self.history;
        self.model.maybe_update(|m| {
            history.update_value(|h| done = if undo { h.undo(m) } else { h.redo(m) });
            if done {
                m.updated_at = now();
            }
            done
        });
        if done {
            self.after_change();
        }
        done
    }

    fn after_change(&self) {
        self.history_depth
            .set(self.history.with_value(History::depth));
        self.schedule_save();
    }

    fn schedule_save(&self) {
        self.dirty.set_value(true);
        if !matches!(self.save_state.get_untracked(), SaveState::Failed(_)) {
            self.save_state.set(SaveState::Saving);
        }
        let generation = self.save_generation.get_value() + 1;
        self.save_generation.set_value(generation);
        let this = *self;
        set_timeout(
            move || {
                if this.save_generation.get_value() == generation {
                    this.flush();
                }
            },
            SAVE_DEBOUNCE,
        );
    }

    /// Writes the open model now if it has unsaved changes.
    pub fn flush(&self) {
        if !self.dirty.get_value() {
            return;
        }
        let result = self.model.with_untracked(|m| library().save(m, now()));
        match result {
            Ok(()) => {
                self.dirty.set_value(false);
                self.save_state.set(SaveState::Saved);
            }
            Err(e) => self
                .save_state
                .set(SaveState::Failed(save_failure_text(&e.to_string()))),
        }
        self.library_version.update(|v| *v += 1);
    }

    pub fn notify(&self, kind: NoticeKind, text: impl Into<String>) {
        let id = self.next_notice.get_value() + 1;
        self.next_notice.set_value(id);
        let text = text.into();
        self.notices.update(|n| {
            // The same message twice in a row says nothing new.
            n.retain(|x| x.text != text);
            n.push(Notice { id, kind, text });
        });
    }

    pub fn dismiss(&self, id: u64) {
        self.notices.update(|n| n.retain(|x| x.id != id));
    }

    /// Makes `model` the open one and stores it.
    pub fn open_model(&self, model: Model) {
        self.flush();
        let saved = library().save(&model, now());
        self.model.set(model);
        // Undo belongs to one model: switching starts a fresh history.
        self.history.set_value(History::default());
        self.history_depth.set((0, 0));
        self.dirty.set_value(saved.is_err());
        self.save_state.set(match saved {
            Ok(()) => SaveState::Saved,
            Err(e) => SaveState::Failed(save_failure_text(&e.to_string())),
        });
        self.library_version.update(|v| *v += 1);
    }

    pub fn open(&self, id: &str) {
        if self.model.with_untracked(|m| m.id == id) {
            return;
        }
        match library().load(id) {
            Ok(Some(m)) => self.open_model(m),
            Ok(None) => self.notify(
                NoticeKind::Error,
                "That model is no longer stored in this browser.",
            ),
            Err(e) => self.notify(
                NoticeKind::Error,
                format!("That model could not be opened: {e}"),
            ),
        }
    }

    pub fn create(&self) {
        self.open_model(fresh_model());
    }

    pub fn duplicate(&self, id: &str) {
        let source = if self.model.with_untracked(|m| m.id == id) {
            Some(self.model.get_untracked())
        } else {
            library().load(id).ok().flatten()
        };
        match source {
            Some(m) => self.open_model(m.duplicate(new_id(), now())),
            None => self.notify(
                NoticeKind::Error,
                "That model could not be copied: it is no longer stored here.",
            ),
        }
    }

    /// Renames a stored model, open or not.
    pub fn rename_stored(&self, id: &str, name: &str) -> Result<(), EditError> {
        if self.model.with_untracked(|m| m.id == id) {
            return self.apply(Op::RenameModel(name.to_string()));
        }
        let lib = library();
        let mut m = lib.load(id).ok().flatten().ok_or(EditError::NotFound)?;
        m.rename(name)?;
        m.updated_at = now();
        let result = lib.save(&m, now());
        // Saving makes it the last open one; the open model stays that.
        let _ = self
            .model
            .with_untracked(|open| lib.set_last_open(&open.id));
        if let Err(e) = result {
            self.notify(
                NoticeKind::Error,
                format!("The new name could not be saved: {e}."),
            );
        }
        self.library_version.update(|v| *v += 1);
        Ok(())
    }

    /// Deletes a stored model; deleting the open one opens the newest other
    /// one (or a new empty model).
    pub fn delete(&self, id: &str) {
        let lib = library();
        if let Err(e) = lib.delete(id) {
            self.notify(
                NoticeKind::Error,
                format!("The model could not be deleted: {e}."),
            );
            return;
        }
        if self.model.with_untracked(|m| m.id == id) {
            self.dirty.set_value(false);
            let next = lib
                .list()
                .ok()
                .and_then(|l| l.entries.into_iter().next())
                .and_then(|e| lib.load(&e.id).ok().flatten());
            self.open_model(next.unwrap_or_else(fresh_model));
        }
        self.library_version.update(|v| *v += 1);
    }

    /// Downloads the open model as a `.opmodel.json` file.
    pub fn export(&self) {
        let at = now();
        let (name, text) = self.model.with_untracked(|m| {
            (
                model_file_name(&m.name, at.date_naive()),
                to_file_json(m, at),
            )
        });
        if let Err(e) = download(&name, &text, "application/json") {
            self.notify(
                NoticeKind::Error,
                format!("The file could not be downloaded: {e}."),
            );
        }
    }

    /// Downloads the raw text kept under a backup key.
    pub fn download_backup(&self, key: &str) {
        match library().text(key) {
            Some(text) => {
                let name = format!("{}.txt", key.replace(['.', ':'], "-"));
                if let Err(e) = download(&name, &text, "text/plain") {
                    self.notify(
                        NoticeKind::Error,
                        format!("The backup could not be downloaded: {e}."),
                    );
                }
            }
            None => self.notify(NoticeKind::Error, "That backup is no longer stored."),
        }
    }

    pub fn delete_backup(&self, key: &str) {
        if let Err(e) = library().delete_backup(key) {
            self.notify(
                NoticeKind::Error,
                format!("The backup could not be deleted: {e}."),
            );
        }
        self.library_version.update(|v| *v += 1);
    }

    /// Imports a file as a new model; the open model stays in the list.
    /// A bad file changes nothing and says why.
    pub async fn import(&self, file: web_sys::File) {
        let file_name = file.name();
        let size = file.size() as usize;
        let result = if size > MAX_FILE_BYTES {
            // Refused before reading: a 50 MB file would stall the page.
            Err(LoadError::TooLarge { bytes: size }.to_string())
        } else {
            match read_file(&file).await {
                Ok(bytes) => load(&bytes).map_err(|e| e.to_string()),
                Err(e) => Err(format!("{e}.")),
            }
        };
        match result {
            Ok(mut model) => {
                // Always a new id: importing never replaces a stored model,
                // not even the one this file was exported from.
                model.id = new_id();
                let name = model.name.clone();
                self.open_model(model);
                self.notify(
                    NoticeKind::Info,
                    format!("Imported \u{201c}{name}\u{201d} as a new model. The model that was open is still on the Models page."),
                );
            }
            Err(reason) => self.notify(
                NoticeKind::Error,
                format!("\u{201c}{file_name}\u{201d} could not be imported. {reason} Nothing was changed."),
            ),
        }
    }
}

fn fresh_model() -> Model {
    Model::new(new_id(), "My operating model", now())
}

fn save_failure_text(reason: &str) -> String {
    format!("Your latest changes are not saved: {reason}.")
}
