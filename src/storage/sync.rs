//! What a tab does with the open model's key: when it writes, when it shows
//! another tab's version, when it asks the user. A pure state machine: the
//! UI (`ui::state`) feeds it [`Event`]s (an edit, a save's outcome, a
//! `storage` event, a choice) and carries out the [`Action`]s it returns
//! (write, show a version, put a conflict to the user). Every decision is
//! here and tested natively; the UI only wires it to signals and storage.
//!
//! The rule it keeps: this tab never silently writes over a version it has
//! not seen. `seen` is the text this tab last read from or wrote to the
//! key; anything else found there was written by someone else. When this
//! tab has changes of its own and another version arrives, the two are
//! merged against `seen`, the version both started from
//! ([`Action::Merge`], `model::merge`): edits that do not overlap are
//! combined without a question, and only real conflicts reach the user.

use super::kv::StorageError;
use super::library::Theirs;
use crate::model::Model;

/// The save indicator in the header.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// Storage holds what this tab shows.
    Saved,
    /// A change waits for the autosave.
    Saving,
    /// The sentence saying why the last save failed.
    Failed(String),
}

/// The other version of the open model, as put to the user while a
/// conflict is open.
#[derive(Clone, Debug, PartialEq)]
pub enum Conflict {
    /// Written elsewhere: their text and the model it loads as, and the
    /// places where both versions changed the same thing differently, in
    /// sentences (empty when they could not be merged at all).
    Changed {
        theirs: Box<Model>,
        text: String,
        conflicts: Vec<String>,
    },
    /// Deleted elsewhere.
    Deleted,
    /// What is stored now does not load (why).
    Unreadable(String),
}

impl From<Theirs> for Conflict {
    fn from(theirs: Theirs) -> Conflict {
        match theirs {
            Theirs::Deleted => Conflict::Deleted,
            Theirs::Changed { text, model } => Conflict::Changed {
                theirs: model,
                text,
                conflicts: Vec::new(),
            },
            Theirs::Unreadable { error, .. } => Conflict::Unreadable(error.to_string()),
        }
    }
}

/// Where the open model stands against what is stored under its key.
#[derive(Clone, Debug, PartialEq)]
pub enum Sync {
    /// Nothing unsaved: the key holds `seen` (nothing, for a model not
    /// stored yet), which is what this tab shows.
    Clean { seen: Option<String> },
    /// Changes not stored yet; the key held `seen` when last looked at.
    Dirty { seen: Option<String> },
    /// Someone else wrote or deleted the key while this tab held the model
    /// (with changes of its own when `mine_dirty`). Nothing is written
    /// until the user chooses.
    Conflict {
        seen: Option<String>,
        mine_dirty: bool,
        theirs: Conflict,
    },
}

/// The user's answer to a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Store this tab's version over the other.
    KeepMine,
    /// Show the other version (undo brings this tab's back).
    TakeTheirs,
    /// Store this tab's version as a new model and open it.
    KeepBoth,
    /// A model deleted elsewhere: open another one.
    LetGo,
}

/// What happened, told to [`Sync::handle`].
#[derive(Debug)]
pub enum Event {
    /// The open model was changed here (an edit, undo, redo).
    Edited,
    /// Time to store pending changes (the autosave timer, the page being
    /// left, another model being opened).
    Flush,
    /// A write this machine asked for ([`Action::Write`],
    /// [`Action::Overwrite`]) or the UI made (a newly opened model) stored
    /// this text.
    Written(String),
    /// That write failed. `stored` is what the key holds after it, read
    /// back: it is taken as seen only when the browser kept something else
    /// than what was written ([`StorageError::NotKept`]), so the next
    /// attempt writes over the mangled text instead of taking it for
    /// another tab's.
    WriteFailed {
        error: StorageError,
        stored: Option<String>,
    },
    /// [`Action::Write`] found the key changed since `seen`: this is what
    /// it holds now.
    WriteRefused(Theirs),
    /// The `storage` event for the open model's key: what it holds now,
    /// read from storage rather than from the event, as several writes may
    /// have happened since it was sent.
    StorageChanged { id: String, current: Option<String> },
    /// The user answered the conflict.
    Chose(Choice),
    /// [`Action::Merge`] combined both versions without a conflict, and
    /// this tab shows the result (one undo step); `text` is theirs, now
    /// seen, and `arrived` says in words what came in.
    Merged { text: String, arrived: String },
    /// [`Action::Merge`] found conflicts (in sentences), or could not
    /// merge (none listed): the user chooses.
    MergeConflicts {
        theirs: Box<Model>,
        text: String,
        conflicts: Vec<String>,
    },
    /// The page is going away (after a [`Event::Flush`]).
    Leaving,
    /// Another model is about to be opened (after a [`Event::Flush`]).
    Switching,
    /// [`Action::StoreCopy`] stored this tab's version as a new model.
    CopyStored,
    /// [`Action::StoreCopy`] failed.
    CopyFailed(StorageError),
    /// Another model is now the open one; its key holds `seen`.
    Opened { seen: Option<String> },
    /// The open model was deleted here: whatever it held is given up.
    Discarded,
}

/// What the UI does for a transition, in order.
#[derive(Debug, PartialEq)]
pub enum Action {
    /// Start (or restart) the autosave's wait.
    ScheduleSave,
    /// Write the open model if its key still holds `seen`
    /// (`Library::save_unless_changed`), then tell the outcome.
    Write { seen: Option<String> },
    /// Write the open model whatever the key holds (`Library::overwrite`),
    /// then tell the outcome.
    Overwrite,
    /// Store this tab's version as a new model, then tell the outcome
    /// ([`Event::CopyStored`] or [`Event::CopyFailed`]); what follows a
    /// stored copy (open it, or go on opening another) is the caller's.
    StoreCopy,
    /// Show this version, read from storage, as one undo step. Nothing is
    /// written: storage holds it already.
    ShowVersion(Box<Model>),
    /// Merge this tab's version with `theirs` (stored as `text`) against
    /// `base`, the text both started from, then tell the outcome
    /// ([`Event::Merged`] or [`Event::MergeConflicts`]).
    Merge {
        base: String,
        theirs: Box<Model>,
        text: String,
    },
    /// Set the save indicator.
    Indicate(SaveState),
    /// Put this conflict to the user (replacing one already shown).
    RaiseConflict(Conflict),
    /// The conflict is answered: take its banner away.
    EndConflict,
    /// Tell the user something that went wrong.
    Error(String),
    /// Tell the user what was done.
    Info(String),
    /// Open the newest stored model (or a new one).
    OpenNewest,
}

/// Shown in the header's place while a conflict is open.
pub const CONFLICT_SAVE_TEXT: &str =
    "Your latest changes are not saved: this model was changed elsewhere.";

/// The sentence for a failed save.
pub fn save_failure_text(error: &StorageError) -> String {
    format!("Your latest changes are not saved: {error}.")
}

impl Sync {
    /// A model just read from storage (`seen`: its stored text).
    pub fn new(seen: Option<String>) -> Sync {
        Sync::Clean { seen }
    }

    /// Whether this tab holds changes it has not stored.
    pub fn is_dirty(&self) -> bool {
        match self {
            Sync::Clean { .. } => false,
            Sync::Dirty { .. } => true,
            Sync::Conflict { mine_dirty, .. } => *mine_dirty,
        }
    }

    /// The open conflict, if any.
    pub fn conflict(&self) -> Option<&Conflict> {
        match self {
            Sync::Conflict { theirs, .. } => Some(theirs),
            _ => None,
        }
    }

    fn seen(&self) -> &Option<String> {
        match self {
            Sync::Clean { seen } | Sync::Dirty { seen } | Sync::Conflict { seen, .. } => seen,
        }
    }

    /// Moves to the next state; returns what the UI must do. A transition
    /// out of a conflict always starts with [`Action::EndConflict`].
    pub fn handle(&mut self, event: Event) -> Vec<Action> {
        let was_conflict = matches!(self, Sync::Conflict { .. });
        let mut actions = self.step(event);
        if was_conflict && !matches!(self, Sync::Conflict { .. }) {
            actions.insert(0, Action::EndConflict);
        }
        actions
    }

    fn step(&mut self, event: Event) -> Vec<Action> {
        let seen = self.seen().clone();
        match (&mut *self, event) {
            (Sync::Conflict { mine_dirty, .. }, Event::Edited) => {
                // Nothing is written before the user answers.
                *mine_dirty = true;
                vec![]
            }
            (_, Event::Edited) => {
                *self = Sync::Dirty { seen };
                vec![Action::ScheduleSave]
            }
            (Sync::Dirty { .. }, Event::Flush) => vec![Action::Write { seen }],
            (_, Event::Flush) => vec![],
            (_, Event::Written(text)) => {
                *self = Sync::Clean { seen: Some(text) };
                vec![Action::Indicate(SaveState::Saved)]
            }
            (Sync::Conflict { .. }, Event::WriteFailed { error, .. }) => vec![Action::Error(
                format!("Your version could not be saved: {error}. Download it to keep it."),
            )],
            (_, Event::WriteFailed { error, stored }) => {
                let seen = if error == StorageError::NotKept {
                    stored
                } else {
                    seen
                };
                let text = save_failure_text(&error);
                *self = Sync::Dirty { seen };
                vec![Action::Indicate(SaveState::Failed(text))]
            }
            (Sync::Conflict { .. }, Event::WriteRefused(theirs)) => self.raise(theirs.into(), true),
            (_, Event::WriteRefused(theirs)) => self.merge_or_raise(theirs, true),
            (_, Event::StorageChanged { id, current }) => {
                if current == seen {
                    return vec![];
                }
                let theirs = Theirs::of(&id, current);
                match (&*self, theirs) {
                    (Sync::Clean { .. }, Theirs::Changed { text, model }) => {
                        *self = Sync::Clean { seen: Some(text) };
                        vec![
                            Action::ShowVersion(model),
                            Action::Indicate(SaveState::Saved),
                        ]
                    }
                    (Sync::Dirty { .. }, theirs) => self.merge_or_raise(theirs, true),
                    (_, theirs) => {
                        let dirty = self.is_dirty();
                        self.raise(theirs.into(), dirty)
                    }
                }
            }
            (Sync::Conflict { .. }, Event::Merged { .. } | Event::MergeConflicts { .. }) => vec![],
            (_, Event::Merged { text, arrived }) => {
                *self = Sync::Dirty { seen: Some(text) };
                vec![
                    Action::ScheduleSave,
                    Action::Info(format!(
                        "Changes made in another tab or window arrived and were combined with yours ({arrived}). Undo takes them back out."
                    )),
                ]
            }
            (
                _,
                Event::MergeConflicts {
                    theirs,
                    text,
                    conflicts,
                },
            ) => self.raise(
                Conflict::Changed {
                    theirs,
                    text,
                    conflicts,
                },
                true,
            ),
            (Sync::Conflict { theirs, .. }, Event::Chose(choice)) => match choice {
                Choice::KeepMine => vec![Action::Overwrite],
                Choice::TakeTheirs => {
                    let Conflict::Changed { theirs, text, .. } = theirs.clone() else {
                        return vec![];
                    };
                    *self = Sync::Clean { seen: Some(text) };
                    vec![
                        Action::ShowVersion(theirs),
                        Action::Indicate(SaveState::Saved),
                        Action::Info(
                            "This tab now shows the other version. Undo brings yours back.".into(),
                        ),
                    ]
                }
                Choice::KeepBoth => vec![Action::StoreCopy],
                Choice::LetGo => {
                    *self = Sync::Clean { seen };
                    vec![Action::OpenNewest]
                }
            },
            (_, Event::Chose(_)) => vec![],
            // No one can answer the conflict any more: this tab's version
            // is stored as a copy next to the other, so both survive.
            (
                Sync::Conflict {
                    mine_dirty: true, ..
                },
                Event::Leaving | Event::Switching,
            ) => vec![Action::StoreCopy],
            (_, Event::Leaving | Event::Switching) => vec![],
            (_, Event::CopyStored) => {
                *self = Sync::Clean { seen };
                vec![]
            }
            (_, Event::CopyFailed(error)) => vec![Action::Error(format!(
                "Your version could not be saved as a copy: {error}. Download it to keep it."
            ))],
            (_, Event::Opened { seen }) => {
                *self = Sync::Clean { seen };
                vec![]
            }
            (_, Event::Discarded) => {
                *self = Sync::Clean { seen };
                vec![]
            }
        }
    }

    /// Another version arrived while this tab has changes: merged against
    /// what this tab last saw when there is such a text and theirs loads;
    /// otherwise put to the user.
    fn merge_or_raise(&mut self, theirs: Theirs, mine_dirty: bool) -> Vec<Action> {
        match (self.seen().clone(), theirs) {
            (Some(base), Theirs::Changed { text, model }) => vec![Action::Merge {
                base,
                theirs: model,
                text,
            }],
            (_, theirs) => self.raise(theirs.into(), mine_dirty),
        }
    }

    fn raise(&mut self, theirs: Conflict, mine_dirty: bool) -> Vec<Action> {
        *self = Sync::Conflict {
            seen: self.seen().clone(),
            mine_dirty,
            theirs: theirs.clone(),
        };
        vec![
            Action::RaiseConflict(theirs),
            Action::Indicate(SaveState::Failed(CONFLICT_SAVE_TEXT.into())),
        ]
    }
}

/// The autosave's wait: each change restarts it, and only the latest
/// timer to fire writes.
#[derive(Debug, Default)]
pub struct Debounce {
    generation: u64,
}

impl Debounce {
    /// A new wait; the number to hand back to [`Debounce::is_latest`].
    pub fn restart(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    /// Whether the wait numbered `generation` is still the latest one.
    pub fn is_latest(&self, generation: u64) -> bool {
        self.generation == generation
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::to_file_json;
    use chrono::{TimeZone, Utc};

    fn text(name: &str) -> String {
        let at = Utc.with_ymd_and_hms(2026, 11, 2, 12, 0, 0).unwrap();
        to_file_json(&Model::new("m".into(), name, at), at)
    }

    fn clean(t: &str) -> Sync {
        Sync::new(Some(t.into()))
    }

    fn dirty(t: &str) -> Sync {
        Sync::Dirty {
            seen: Some(t.into()),
        }
    }

    fn changed_elsewhere(t: &str) -> Event {
        Event::StorageChanged {
            id: "m".into(),
            current: Some(t.into()),
        }
    }

    fn theirs(t: &str) -> Conflict {
        match Theirs::of("m", Some(t.into())) {
            Theirs::Changed { text, model } => Conflict::Changed {
                theirs: model,
                text,
                conflicts: Vec::new(),
            },
            other => panic!("{other:?}"),
        }
    }

    fn failed(s: &str) -> Action {
        Action::Indicate(SaveState::Failed(s.into()))
    }

    fn raised(c: Conflict) -> Vec<Action> {
        vec![Action::RaiseConflict(c), failed(CONFLICT_SAVE_TEXT)]
    }

    fn in_conflict(mine_dirty: bool, seen: &str, with: &str) -> Sync {
        Sync::Conflict {
            seen: Some(seen.into()),
            mine_dirty,
            theirs: theirs(with),
        }
    }

    #[test]
    fn an_edit_makes_a_clean_tab_dirty_and_schedules_the_save() {
        let a = text("A");
        let mut s = clean(&a);
        assert!(!s.is_dirty());
        assert_eq!(s.handle(Event::Edited), [Action::ScheduleSave]);
        assert_eq!(s, dirty(&a));
        assert_eq!(s.handle(Event::Edited), [Action::ScheduleSave]);
        assert_eq!(s, dirty(&a));
        assert!(s.is_dirty());
    }

    #[test]
    fn a_flush_writes_only_a_dirty_tab_against_what_it_saw() {
        let a = text("A");
        let mut s = clean(&a);
        assert_eq!(s.handle(Event::Flush), []);
        let mut s = dirty(&a);
        assert_eq!(
            s.handle(Event::Flush),
            [Action::Write {
                seen: Some(a.clone())
            }]
        );
        // Still dirty until the outcome is told.
        assert_eq!(s, dirty(&a));
        let mut s = Sync::Dirty { seen: None };
        assert_eq!(s.handle(Event::Flush), [Action::Write { seen: None }]);
        let mut s = in_conflict(true, &a, &text("B"));
        assert_eq!(s.handle(Event::Flush), []);
    }

    #[test]
    fn a_written_text_becomes_what_the_tab_has_seen() {
        let (a, b) = (text("A"), text("B"));
        let mut s = dirty(&a);
        assert_eq!(
            s.handle(Event::Written(b.clone())),
            [Action::Indicate(SaveState::Saved)]
        );
        assert_eq!(s, clean(&b));
    }

    #[test]
    fn a_failed_write_stays_dirty_and_says_why() {
        let a = text("A");
        let mut s = dirty(&a);
        let actions = s.handle(Event::WriteFailed {
            error: StorageError::Full,
            stored: Some(a.clone()),
        });
        assert_eq!(
            actions,
            [failed(
                "Your latest changes are not saved: this browser's storage for the app is full."
            )]
        );
        assert_eq!(s, dirty(&a));
        // A newly opened model whose first write failed is dirty too.
        let mut s = Sync::new(None);
        s.handle(Event::WriteFailed {
            error: StorageError::Unavailable,
            stored: None,
        });
        assert_eq!(s, Sync::Dirty { seen: None });
    }

    #[test]
    fn a_write_the_browser_did_not_keep_takes_the_mangled_text_as_seen() {
        let a = text("A");
        let mut s = dirty(&a);
        let actions = s.handle(Event::WriteFailed {
            error: StorageError::NotKept,
            stored: Some("{mangled".into()),
        });
        assert_eq!(
            actions,
            [failed(&save_failure_text(&StorageError::NotKept))]
        );
        // The next autosave writes over it instead of raising a conflict.
        assert_eq!(s, dirty("{mangled"));
        assert_eq!(
            s.handle(Event::Flush),
            [Action::Write {
                seen: Some("{mangled".into())
            }]
        );
    }

    /// The merge this machine asks for when version `b` arrives over
    /// unsaved changes made on `a`.
    fn merge_of(a: &str, b: &str) -> Vec<Action> {
        let Conflict::Changed { theirs: model, .. } = theirs(b) else {
            unreachable!()
        };
        vec![Action::Merge {
            base: a.into(),
            theirs: model,
            text: b.into(),
        }]
    }

    /// The merge's outcome when it found conflicts.
    fn conflicts_found(b: &str, found: &[&str]) -> Event {
        let Conflict::Changed { theirs: model, .. } = theirs(b) else {
            unreachable!()
        };
        Event::MergeConflicts {
            theirs: model,
            text: b.into(),
            conflicts: found.iter().map(|x| x.to_string()).collect(),
        }
    }

    #[test]
    fn a_refused_write_is_merged_and_its_conflicts_raised() {
        let (a, b) = (text("A"), text("B"));
        let mut s = dirty(&a);
        let actions = s.handle(Event::WriteRefused(Theirs::of("m", Some(b.clone()))));
        assert_eq!(actions, merge_of(&a, &b));
        assert_eq!(s, dirty(&a), "nothing decided before the merge's outcome");
        let found = ["The model's name: yours \u{201c}A2\u{201d}, theirs \u{201c}B\u{201d}."];
        let actions = s.handle(conflicts_found(&b, &found));
        let Conflict::Changed {
            theirs: model,
            text,
            ..
        } = theirs(&b)
        else {
            unreachable!()
        };
        let listed = Conflict::Changed {
            theirs: model,
            text,
            conflicts: found.iter().map(|x| x.to_string()).collect(),
        };
        assert_eq!(actions, raised(listed.clone()));
        assert!(s.is_dirty());
        assert_eq!(s.conflict(), Some(&listed));
    }

    #[test]
    fn edits_that_do_not_overlap_are_combined_and_saved_without_a_question() {
        let (a, b) = (text("A"), text("B"));
        let mut s = dirty(&a);
        assert_eq!(s.handle(changed_elsewhere(&b)), merge_of(&a, &b));
        let actions = s.handle(Event::Merged {
            text: b.clone(),
            arrived: "1 role added".into(),
        });
        assert_eq!(
            actions,
            [
                Action::ScheduleSave,
                Action::Info("Changes made in another tab or window arrived and were combined with yours (1 role added). Undo takes them back out.".into()),
            ]
        );
        // Their version is what the key holds: the next save writes over it.
        assert_eq!(s, dirty(&b));
        assert_eq!(s.handle(Event::Flush), [Action::Write { seen: Some(b) }]);
    }

    #[test]
    fn a_merge_outcome_arriving_in_a_conflict_changes_nothing() {
        let (a, b) = (text("A"), text("B"));
        let mut s = in_conflict(true, &a, &b);
        let before = s.clone();
        assert_eq!(
            s.handle(Event::Merged {
                text: b.clone(),
                arrived: "x".into()
            }),
            []
        );
        assert_eq!(s.handle(conflicts_found(&b, &[])), []);
        assert_eq!(s, before);
    }

    #[test]
    fn another_tabs_write_shows_in_a_clean_tab() {
        let (a, b) = (text("A"), text("B"));
        let mut s = clean(&a);
        let actions = s.handle(changed_elsewhere(&b));
        let Conflict::Changed { theirs: model, .. } = theirs(&b) else {
            unreachable!()
        };
        assert_eq!(
            actions,
            [
                Action::ShowVersion(model),
                Action::Indicate(SaveState::Saved)
            ]
        );
        assert_eq!(s, clean(&b));
    }

    #[test]
    fn a_storage_event_that_leaves_the_seen_text_changes_nothing() {
        let a = text("A");
        for mut s in [clean(&a), dirty(&a), in_conflict(true, &a, &text("B"))] {
            let before = s.clone();
            assert_eq!(s.handle(changed_elsewhere(&a)), []);
            assert_eq!(s, before);
        }
    }

    #[test]
    fn another_tabs_write_over_unsaved_changes_is_put_to_the_user_when_it_collides() {
        let (a, b, c) = (text("A"), text("B"), text("C"));
        let mut s = dirty(&a);
        assert_eq!(s.handle(changed_elsewhere(&b)), merge_of(&a, &b));
        assert_eq!(s.handle(conflicts_found(&b, &[])), raised(theirs(&b)));
        assert_eq!(s, in_conflict(true, &a, &b));
        // A further write elsewhere replaces the version shown.
        assert_eq!(s.handle(changed_elsewhere(&c)), raised(theirs(&c)));
        assert_eq!(s, in_conflict(true, &a, &c));
        // Editing during a conflict writes nothing.
        let mut s = in_conflict(false, &a, &b);
        assert_eq!(s.handle(Event::Edited), []);
        assert_eq!(s, in_conflict(true, &a, &b));
    }

    #[test]
    fn a_delete_or_an_unreadable_text_elsewhere_is_put_to_even_a_clean_tab() {
        let a = text("A");
        let mut s = clean(&a);
        let deleted = Event::StorageChanged {
            id: "m".into(),
            current: None,
        };
        assert_eq!(s.handle(deleted), raised(Conflict::Deleted));
        assert_eq!(
            s,
            Sync::Conflict {
                seen: Some(a.clone()),
                mine_dirty: false,
                theirs: Conflict::Deleted
            }
        );
        let mut s = clean(&a);
        let actions = s.handle(changed_elsewhere("{broken"));
        let [Action::RaiseConflict(Conflict::Unreadable(why)), _] = &actions[..] else {
            panic!("{actions:?}")
        };
        assert!(why.starts_with("The file is not valid JSON"), "{why}");
        assert!(!s.is_dirty());
        // A model of another id under this key does not load as this one.
        let mut s = clean(&a);
        let at = Utc.with_ymd_and_hms(2026, 11, 2, 12, 0, 0).unwrap();
        let other = to_file_json(&Model::new("x".into(), "X", at), at);
        let actions = s.handle(changed_elsewhere(&other));
        assert!(matches!(
            &actions[0],
            Action::RaiseConflict(Conflict::Unreadable(_))
        ));
    }

    #[test]
    fn keep_mine_overwrites_and_its_write_ends_the_conflict() {
        let (a, b, m) = (text("A"), text("B"), text("Mine"));
        let mut s = in_conflict(true, &a, &b);
        assert_eq!(
            s.handle(Event::Chose(Choice::KeepMine)),
            [Action::Overwrite]
        );
        assert_eq!(s, in_conflict(true, &a, &b));
        assert_eq!(
            s.handle(Event::Written(m.clone())),
            [Action::EndConflict, Action::Indicate(SaveState::Saved)]
        );
        assert_eq!(s, clean(&m));
    }

    #[test]
    fn keep_mine_that_cannot_be_written_keeps_the_conflict_and_says_so() {
        let (a, b) = (text("A"), text("B"));
        let mut s = in_conflict(true, &a, &b);
        s.handle(Event::Chose(Choice::KeepMine));
        let actions = s.handle(Event::WriteFailed {
            error: StorageError::Full,
            stored: Some(b.clone()),
        });
        assert_eq!(
            actions,
            [Action::Error(
                "Your version could not be saved: this browser's storage for the app is full. Download it to keep it.".into()
            )]
        );
        assert_eq!(s, in_conflict(true, &a, &b));
    }

    #[test]
    fn take_theirs_shows_their_version_without_writing() {
        let (a, b) = (text("A"), text("B"));
        let mut s = in_conflict(true, &a, &b);
        let Conflict::Changed { theirs: model, .. } = theirs(&b) else {
            unreachable!()
        };
        assert_eq!(
            s.handle(Event::Chose(Choice::TakeTheirs)),
            [
                Action::EndConflict,
                Action::ShowVersion(model),
                Action::Indicate(SaveState::Saved),
                Action::Info(
                    "This tab now shows the other version. Undo brings yours back.".into()
                ),
            ]
        );
        assert_eq!(s, clean(&b));
        // There is no other version to take when it was deleted.
        let mut s = Sync::Conflict {
            seen: Some(a.clone()),
            mine_dirty: true,
            theirs: Conflict::Deleted,
        };
        assert_eq!(s.handle(Event::Chose(Choice::TakeTheirs)), []);
        assert!(s.conflict().is_some());
    }

    #[test]
    fn keep_both_stores_a_copy_and_the_copy_ends_the_conflict() {
        let (a, b) = (text("A"), text("B"));
        let mut s = in_conflict(true, &a, &b);
        assert_eq!(
            s.handle(Event::Chose(Choice::KeepBoth)),
            [Action::StoreCopy]
        );
        assert_eq!(s.handle(Event::CopyStored), [Action::EndConflict]);
        assert_eq!(s, clean(&a));
    }

    #[test]
    fn a_copy_that_cannot_be_stored_keeps_the_conflict_and_says_so() {
        let (a, b) = (text("A"), text("B"));
        let mut s = in_conflict(true, &a, &b);
        assert_eq!(
            s.handle(Event::CopyFailed(StorageError::Full)),
            [Action::Error(
                "Your version could not be saved as a copy: this browser's storage for the app is full. Download it to keep it.".into()
            )]
        );
        assert_eq!(s, in_conflict(true, &a, &b));
    }

    #[test]
    fn let_go_gives_up_a_model_deleted_elsewhere() {
        let a = text("A");
        let mut s = Sync::Conflict {
            seen: Some(a.clone()),
            mine_dirty: true,
            theirs: Conflict::Deleted,
        };
        assert_eq!(
            s.handle(Event::Chose(Choice::LetGo)),
            [Action::EndConflict, Action::OpenNewest]
        );
        assert!(!s.is_dirty());
    }

    #[test]
    fn choices_without_a_conflict_do_nothing() {
        let a = text("A");
        for choice in [
            Choice::KeepMine,
            Choice::TakeTheirs,
            Choice::KeepBoth,
            Choice::LetGo,
        ] {
            let mut s = dirty(&a);
            assert_eq!(s.handle(Event::Chose(choice)), []);
            assert_eq!(s, dirty(&a));
        }
    }

    #[test]
    fn leaving_or_switching_away_from_an_unanswered_conflict_stores_a_copy() {
        let (a, b) = (text("A"), text("B"));
        for event in [|| Event::Leaving, || Event::Switching] {
            let mut s = in_conflict(true, &a, &b);
            assert_eq!(s.handle(event()), [Action::StoreCopy]);
            // Nothing of this tab's own to keep.
            let mut s = in_conflict(false, &a, &b);
            assert_eq!(s.handle(event()), []);
            for mut s in [clean(&a), dirty(&a)] {
                assert_eq!(s.handle(event()), []);
            }
        }
    }

    #[test]
    fn opening_or_deleting_starts_clean_from_what_the_key_holds() {
        let (a, b) = (text("A"), text("B"));
        let mut s = in_conflict(true, &a, &b);
        assert_eq!(
            s.handle(Event::Opened { seen: None }),
            [Action::EndConflict]
        );
        assert_eq!(s, Sync::new(None));
        let mut s = dirty(&a);
        assert_eq!(s.handle(Event::Discarded), []);
        assert_eq!(s, clean(&a));
    }

    #[test]
    fn only_the_latest_autosave_wait_writes() {
        let mut d = Debounce::default();
        let first = d.restart();
        let second = d.restart();
        assert!(!d.is_latest(first));
        assert!(d.is_latest(second));
    }
}
