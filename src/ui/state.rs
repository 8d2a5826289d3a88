//! The small state API the components use: the open model, its save state,
//! messages for the user, and the operations that touch storage and files.
//! Components change the model only through [`AppState::edit`], which calls
//! the pure edit functions of `crate::model` and schedules the autosave.

use std::time::Duration;

use leptos::prelude::*;

use crate::model::table::Table;
use crate::model::{
    limits::MAX_FILE_BYTES, load_with_notes, new_id, to_file_json, EditError, LoadError, Model,
};
use crate::model::{ChangeLog, History, Op, Touched};
use crate::storage::browser::{
    download, library, now, persist, persisted, read_file, today, LocalStore,
};
use crate::storage::exports::{reminder, Exports, Reminder};
use crate::storage::filename::model_file_name;
use crate::storage::kv::StorageError;
use crate::storage::library::{Saved, BACKUP_PREFIX, MODEL_PREFIX};
use crate::storage::persist::{self as persistence, Persistence};
use crate::storage::sync::{save_failure_text, Action, Choice, Debounce, Event, Sync};
pub use crate::storage::sync::{Conflict, SaveState};
use crate::ui::after_paint::once_after_next_paint;

mod round_trip;
pub use round_trip::{Family, Incoming, Source};

/// How long typing may pause before the model is written. Short enough that
/// closing the tab right after an edit rarely loses it (and `pagehide`
/// flushes anyway), long enough not to serialise on every keystroke.
const SAVE_DEBOUNCE: Duration = Duration::from_millis(400);

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
    /// Whether a step can be undone, and redone (for the buttons).
    pub can_step: RwSignal<(bool, bool)>,
    /// Set while the open model has a conflicting version elsewhere (the
    /// open conflict of `sync`, for the banner). Nothing is written until
    /// the user chooses; see [`AppState::keep_mine`],
    /// [`AppState::take_theirs`], [`AppState::keep_both`].
    pub conflict: RwSignal<Option<Conflict>>,
    /// Whether the browser has promised to keep what is stored here.
    pub persistence: RwSignal<Persistence>,
    /// When each stored model was last exported (and its reminder put off).
    pub exports: RwSignal<Exports>,
    /// A model from a file or link that waits for the person's choice
    /// (compare, merge, open as a copy).
    pub incoming: RwSignal<Option<Incoming>>,
    history: StoredValue<History>,
    /// What the model's recent changes touched, for the row stores.
    changes: StoredValue<ChangeLog>,
    /// Where the open model stands against its stored text: the decisions
    /// of when to write, show another tab's version or ask the user.
    sync: StoredValue<Sync>,
    /// The autosave's wait; an older timer that fires finds a newer one
    /// started and does nothing.
    debounce: StoredValue<Debounce>,
    /// An update of the undo buttons and the save indicator is waiting for
    /// the edit's frame to be painted.
    chrome_pending: StoredValue<bool>,
    /// A change made by `apply_views_after_paint` waits to be announced.
    views_pending: StoredValue<bool>,
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
        let seen = library().stored_text(&startup.model.id);
        let state = AppState {
            model: RwSignal::new(startup.model),
            save_state: RwSignal::new(match startup.save_error {
                Some(e) => SaveState::Failed(save_failure_text(&e)),
                None => SaveState::Saved,
            }),
            notices: RwSignal::new(Vec::new()),
            library_version: RwSignal::new(0),
            can_step: RwSignal::new((false, false)),
            conflict: RwSignal::new(None),
            persistence: RwSignal::new(Persistence::Unknown),
            exports: RwSignal::new(Exports::load(&LocalStore)),
            incoming: RwSignal::new(None),
            history: StoredValue::new(History::default()),
            changes: StoredValue::new(ChangeLog::default()),
            sync: StoredValue::new(Sync::new(seen)),
            debounce: StoredValue::new(Debounce::default()),
            chrome_pending: StoredValue::new(false),
            views_pending: StoredValue::new(false),
            next_notice: StoredValue::new(0),
        };
        for p in startup.problems {
            state.notify(NoticeKind::Error, p);
        }
        state.keep_storage();
        state
    }

    /// Reads whether the browser keeps this site's storage, and asks it
    /// to, once per browser, when a model first holds real work
    /// ([`persistence::worth_keeping`]).
    fn keep_storage(&self) {
        let signal = self.persistence;
        leptos::task::spawn_local(async move {
            let now = persisted().await;
            // Unless the request below answered meanwhile.
            if signal.get_untracked() == Persistence::Unknown {
                signal.set(now);
            }
        });
        let asked = StoredValue::new(persistence::asked(&LocalStore));
        let model = self.model;
        Effect::new(move |_| {
            // Once asked, the model is no longer read: no more runs.
            if asked.get_value() || !model.with(persistence::worth_keeping) {
                return;
            }
            asked.set_value(true);
            leptos::task::spawn_local(async move {
                let answer = persist().await;
                // An unsupported request is not remembered: asked again
                // at the next visit, perhaps in a newer browser.
                if answer != Persistence::Unsupported {
                    let _ = persistence::remember(&LocalStore, answer == Persistence::Granted);
                }
                signal.set(answer);
            });
        });
    }

    /// The reminder to export the open model, if it is due (see
    /// [`reminder`]). Reactive: follows the model and its export record.
    pub fn export_reminder(&self) -> Option<Reminder> {
        self.model.with(|m| {
            let record = self.exports.with(|e| e.get(&m.id));
            reminder(m, &record, now())
        })
    }

    /// Puts the open model's export reminder off (see
    /// [`crate::storage::exports::Record::dismissed_at`]).
    pub fn put_off_export(&self) {
        let id = self.model.with_untracked(|m| m.id.clone());
        self.exports.update(|e| e.dismissed(&id, now()));
        self.save_exports();
    }

    /// Not being able to store the records only costs an early reminder.
    fn save_exports(&self) {
        let _ = self.exports.with_untracked(|e| e.save(&LocalStore));
    }

    /// Applies a change to the open model as one undoable step. On success
    /// the update time is set and an autosave scheduled; on error nothing
    /// changes and the error says why.
    pub fn apply(&self, op: Op) -> Result<(), EditError> {
        self.change(op, true)
    }

    /// Applies a change as [`apply`](Self::apply) does and tells the user
    /// why when it is refused; true when it was made. For controls with no
    /// place of their own to show an error (a delete button, a drop).
    pub fn edit(&self, op: Op) -> bool {
        match self.apply(op) {
            Ok(()) => true,
            Err(e) => {
                self.notify(NoticeKind::Error, e.to_string());
                false
            }
        }
    }

    /// Like [`apply`](Self::apply), but the views of the model follow only
    /// once the next frame is painted: the caller shows the change itself
    /// in that frame (a letter typed in a grid cell, see
    /// `grid::ShowLetter`). Waking every view first (the row, its memo,
    /// the cell's bindings) delayed that frame by about 2.7 ms at 4x CPU.
    /// An error is told to the user here, as both grids did; the result
    /// says whether the change was made, so the caller shows only that.
    pub fn apply_views_after_paint(&self, op: Op) -> bool {
        match self.change(op, false) {
            Ok(()) => {
                let model = self.model;
                once_after_next_paint(self.views_pending, move || model.notify());
                true
            }
            Err(e) => {
                self.notify(NoticeKind::Error, e.to_string());
                false
            }
        }
    }

    /// One undoable step; the model's readers are woken now (`wake`) or
    /// by the caller later.
    fn change(&self, op: Op, wake: bool) -> Result<(), EditError> {
        let mut result = Ok(());
        let history = self.history;
        let touched = op.touches();
        let step = |m: &mut Model| {
            history.update_value(|h| result = h.apply(m, op));
            if result.is_ok() {
                m.updated_at = now();
            }
            result.is_ok()
        };
        if wake {
            self.model.maybe_update(step);
        } else {
            self.model.update_untracked(step);
        }
        if result.is_ok() {
            self.changes.update_value(|c| c.record(touched));
            self.after_change();
        }
        result
    }

    /// The latest change's number, and what changed after revision
    /// `since` (`None`: not known, compare everything).
    pub fn changed_since(&self, since: u64) -> (u64, Option<Vec<Touched>>) {
        self.changes.with_value(|c| (c.revision(), c.since(since)))
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
            self.changes.update_value(|c| c.record(None));
            self.after_change();
        }
        done
    }

    fn after_change(&self) {
        self.handle(Event::Edited);
        // The undo buttons and the save indicator sit in the page's flow:
        // changed in the edit's frame, they would delay the edit itself
        // (see `after_paint`). They follow in the next one, and only when
        // they change: most keys change neither.
        let indicator_changes = matches!(self.save_state.get_untracked(), SaveState::Saved);
        let buttons_change = self.can_step.get_untracked() != self.steps();
        if !(indicator_changes || buttons_change) {
            return;
        }
        let this = *self;
        once_after_next_paint(self.chrome_pending, move || {
            let steps = this.steps();
            if this.can_step.get_untracked() != steps {
                this.can_step.set(steps);
            }
            // Unless the save happened meanwhile (it waits far longer than
            // a frame, but `pagehide` flushes at once).
            if this.sync.with_value(Sync::is_dirty)
                && matches!(this.save_state.get_untracked(), SaveState::Saved)
            {
                this.save_state.set(SaveState::Saving);
            }
        });
    }

    /// Whether a step can be undone, and redone.
    fn steps(&self) -> (bool, bool) {
        let (undo, redo) = self.history.with_value(History::depth);
        (undo > 0, redo > 0)
    }

    /// Tells the sync machine what happened and carries out what it
    /// decides. Returns true when it asks for this tab's version to be
    /// stored as a copy: what follows (open it, or go on) is the caller's.
    fn handle(&self, event: Event) -> bool {
        let actions = self
            .sync
            .try_update_value(|s| s.handle(event))
            .unwrap_or_default();
        let mut copy = false;
        for action in actions {
            match action {
                Action::ScheduleSave => self.schedule_save(),
                Action::Write { seen } => {
                    let result = self.model.with_untracked(|m| {
                        library().save_unless_changed(m, now(), seen.as_deref())
                    });
                    match result {
                        Ok(Saved::Written(text)) => self.handle(Event::Written(text)),
                        Ok(Saved::Conflict(theirs)) => self.handle(Event::WriteRefused(theirs)),
                        Err(e) => self.write_failed(e),
                    };
                    self.library_version.update(|v| *v += 1);
                }
                Action::Overwrite => {
                    match self.model.with_untracked(|m| library().overwrite(m, now())) {
                        Ok(text) => self.handle(Event::Written(text)),
                        Err(e) => self.write_failed(e),
                    };
                    self.library_version.update(|v| *v += 1);
                }
                Action::StoreCopy => copy = true,
                Action::ShowVersion(version) => self.show_version(version),
                Action::Merge { base, theirs, text } => self.merge_in(&base, theirs, text),
                Action::Indicate(s) => self.save_state.set(s),
                Action::RaiseConflict(c) => self.conflict.set(Some(c)),
                Action::EndConflict => self.conflict.set(None),
                Action::Error(text) => self.notify(NoticeKind::Error, text),
                Action::Info(text) => self.notify(NoticeKind::Info, text),
                Action::OpenNewest => self.open_newest(),
            }
        }
        copy
    }

    /// Tells the machine a write of the open model failed, with what its
    /// key holds now.
    fn write_failed(&self, error: StorageError) -> bool {
        let stored = (error == StorageError::NotKept)
            .then(|| self.model.with_untracked(|m| library().stored_text(&m.id)))
            .flatten();
        self.handle(Event::WriteFailed { error, stored })
    }

    fn schedule_save(&self) {
        let generation = self
            .debounce
            .try_update_value(Debounce::restart)
            .unwrap_or_default();
        let this = *self;
        set_timeout(
            move || {
                if this.debounce.with_value(|d| d.is_latest(generation)) {
                    this.flush();
                }
            },
            SAVE_DEBOUNCE,
        );
    }

    /// Writes the open model now if it has unsaved changes, unless someone
    /// else wrote it since this tab last did: then the user is asked.
    pub fn flush(&self) {
        self.handle(Event::Flush);
    }

    /// The page is going away (`pagehide`). With a conflict open no one can
    /// answer it any more, so this tab's version is stored as a copy next
    /// to the other: both survive, and the Models page lists both.
    pub fn flush_on_leave(&self) {
        self.flush();
        if self.handle(Event::Leaving) {
            self.store_mine_as_copy();
        }
    }

    /// Another tab (or window) changed this origin's storage: the `storage`
    /// event. An edit of the open model shows here at once when this tab
    /// has nothing unsaved; otherwise the user chooses.
    pub fn storage_changed(&self, key: Option<&str>) {
        // `None`: the other tab cleared all of storage.
        library().forget(key);
        let listed =
            key.is_none_or(|k| k.starts_with(MODEL_PREFIX) || k.starts_with(BACKUP_PREFIX));
        if listed {
            self.library_version.update(|v| *v += 1);
        }
        let id = self.model.with_untracked(|m| m.id.clone());
        if key.is_some_and(|k| k.strip_prefix(MODEL_PREFIX) != Some(id.as_str())) {
            return;
        }
        // Read storage rather than trust the event: several writes may
        // have happened since it was sent.
        let current = library().stored_text(&id);
        self.handle(Event::StorageChanged { id, current });
    }

    /// Merges another tab's version with this tab's against `base`, the
    /// text both started from: without a conflict the result shows here as
    /// one undo step (and is saved); with conflicts, or a base that no
    /// longer loads, the user chooses, told what collides.
    fn merge_in(&self, base: &str, theirs: Box<Model>, text: String) {
        use crate::model::{compare, merge};
        let Ok(base) = crate::model::load(base.as_bytes()) else {
            self.handle(Event::MergeConflicts {
                theirs,
                text,
                conflicts: Vec::new(),
            });
            return;
        };
        let mine = self.model.get_untracked();
        let merged = merge::merge(&base, &mine, &theirs);
        if merged.conflicts.is_empty() {
            let arrived = compare::summary(&compare::compare(&mine, &merged.model));
            self.show_version(Box::new(merged.model));
            self.handle(Event::Merged { text, arrived });
        } else {
            let conflicts = merged
                .conflicts
                .iter()
                .map(|c| c.describe(&merged.model))
                .collect();
            self.handle(Event::MergeConflicts {
                theirs,
                text,
                conflicts,
            });
        }
    }

    /// Shows a version read from storage as one undo step (undo brings the
    /// one before back). Nothing is written: storage holds it already.
    fn show_version(&self, version: Box<Model>) {
        let history = self.history;
        self.model
            .update(|m| history.update_value(|h| h.arrive(m, *version)));
        self.changes.update_value(|c| c.record(None));
        self.can_step.set(self.steps());
    }

    /// Resolves a conflict by storing this tab's version over the other
    /// (a deleted model is stored again; an unreadable text is moved to a
    /// backup first).
    pub fn keep_mine(&self) {
        self.handle(Event::Chose(Choice::KeepMine));
    }

    /// Resolves a conflict by showing the other version; undo brings this
    /// tab's version back.
    pub fn take_theirs(&self) {
        self.handle(Event::Chose(Choice::TakeTheirs));
    }

    /// Resolves a conflict by keeping both: this tab's version becomes a
    /// new model (and stays open here); the other stays where it is.
    pub fn keep_both(&self) {
        if self.handle(Event::Chose(Choice::KeepBoth)) {
            if let Some(copy) = self.store_mine_as_copy() {
                self.open_model(copy);
            }
        }
    }

    /// Lets a model deleted elsewhere go: opens the newest stored model.
    pub fn let_go(&self) {
        self.handle(Event::Chose(Choice::LetGo));
    }

    /// Stores this tab's version of a conflicting model under a new id.
    fn store_mine_as_copy(&self) -> Option<Model> {
        let copy = self.model.with_untracked(|m| {
            m.copy_with_suffix(new_id(), now(), " (this tab\u{2019}s version)")
        });
        match library().save(&copy, now()) {
            Ok(_) => {
                self.handle(Event::CopyStored);
                self.library_version.update(|v| *v += 1);
                Some(copy)
            }
            Err(e) => {
                self.handle(Event::CopyFailed(e));
                None
            }
        }
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
        self.switch_to(model, true);
    }

    /// Makes `model` the open one; stores it now, or (`store_now` false)
    /// with the next autosave, which lets a large import show at once.
    fn switch_to(&self, model: Model, store_now: bool) {
        self.flush();
        if self.handle(Event::Switching) {
            // Switching away from an unanswered conflict: keep both. If
            // even the copy cannot be stored, stay, so the banner's
            // download still has this tab's version to offer.
            if self.store_mine_as_copy().is_none() {
                return;
            }
            self.notify(
                NoticeKind::Info,
                "This tab\u{2019}s version of the model changed elsewhere is kept as a copy on the Models page.",
            );
        }
        // What its key holds now, as a base for noticing later writes by
        // others (nothing, for a new or imported model).
        self.handle(Event::Opened {
            seen: library().stored_text(&model.id),
        });
        let saved = store_now.then(|| library().save(&model, now()));
        self.model.set(model);
        self.changes.update_value(|c| c.record(None));
        // Undo belongs to one model: switching starts a fresh history.
        self.history.set_value(History::default());
        self.can_step.set((false, false));
        match saved {
            Some(Ok(text)) => self.handle(Event::Written(text)),
            Some(Err(e)) => self.write_failed(e),
            None => {
                self.save_state.set(SaveState::Saving);
                self.handle(Event::Edited)
            }
        };
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
        m.apply(Op::RenameModel(name.to_string()))?;
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
        self.exports.update(|e| e.forget(id));
        self.save_exports();
        // Its versions go with it; one left behind is only space lost.
        let _ = crate::storage::browser::shelf().forget_model(id);
        if self.model.with_untracked(|m| m.id == id) {
            self.handle(Event::Discarded);
            self.open_newest();
        }
        self.library_version.update(|v| *v += 1);
    }

    /// Opens the newest stored model, or a new empty one.
    fn open_newest(&self) {
        let lib = library();
        let next = lib
            .list()
            .ok()
            .and_then(|l| l.entries.into_iter().next())
            .and_then(|e| lib.load(&e.id).ok().flatten());
        self.open_model(next.unwrap_or_else(fresh_model));
    }

    /// Downloads the open model as a `.opmodel.json` file.
    pub fn export(&self) {
        let at = now();
        let name = self
            .model
            .with_untracked(|m| model_file_name(&m.name, today()));
        let text = self.sendable_text();
        match download(&name, &text, "application/json") {
            Ok(()) => {
                let id = self.model.with_untracked(|m| m.id.clone());
                self.exports.update(|e| e.exported(&id, at));
                self.save_exports();
            }
            Err(e) => self.notify(
                NoticeKind::Error,
                format!("The file could not be downloaded: {e}."),
            ),
        }
    }

    /// Downloads a table of the open model (`what`: "ownership",
    /// "decisions") as CSV, or as Markdown, named after the model and today:
    /// `acme-ownership-2026-11-21.csv`.
    pub fn export_table(&self, table: &Table, what: &str, markdown: bool) {
        let base = self
            .model
            .with_untracked(|m| model_file_name(&m.name, today()));
        let result = if markdown {
            download(
                &base.replace(".opmodel.json", &format!(".{what}.md")),
                &table.to_markdown(),
                "text/markdown",
            )
        } else {
            // The byte-order mark makes Excel read the file as UTF-8.
            download(
                &base.replace(".opmodel.json", &format!(".{what}.csv")),
                &format!("\u{feff}{}", table.to_csv()),
                "text/csv",
            )
        };
        if let Err(e) = result {
            self.notify(
                NoticeKind::Error,
                format!("The export could not be downloaded: {e}."),
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
                Ok(bytes) => load_with_notes(&bytes).map_err(|e| e.to_string()),
                Err(e) => Err(format!("{e}.")),
            }
        };
        self.take_in(
            result,
            Source::File(file_name.clone()),
            &format!("\u{201c}{file_name}\u{201d} could not be imported."),
        );
    }

    /// Opens a model from a link's fragment (`#model=1....`) as a new
    /// model; a damaged link changes nothing and says why. Returns false
    /// when the fragment is not a model link.
    pub async fn open_link(&self, fragment: &str) -> bool {
        use crate::model::link::parse_fragment;
        let compressed = match parse_fragment(fragment) {
            Ok(None) => return false,
            Ok(Some(bytes)) => Ok(bytes),
            Err(e) => Err(e.to_string()),
        };
        let result = match compressed {
            Ok(bytes) => match crate::storage::browser::inflate(&bytes, MAX_FILE_BYTES).await {
                Ok(text) => load_with_notes(&text).map_err(|e| e.to_string()),
                Err(e) => Err(format!("The link is damaged: {e}.")),
            },
            Err(e) => Err(e),
        };
        self.take_in(result, Source::Link, "The link could not be opened.");
        true
    }

    /// A model read from a file or a link (see `round_trip`), or the
    /// reason it could not be, told.
    fn take_in(&self, result: Result<crate::model::Loaded, String>, source: Source, failed: &str) {
        match result {
            Ok(loaded) => self.arrived(loaded, source),
            Err(reason) => self.notify(
                NoticeKind::Error,
                format!("{failed} {reason} Nothing was changed."),
            ),
        }
    }
}

fn fresh_model() -> Model {
    Model::new(new_id(), "My operating model", now())
}
