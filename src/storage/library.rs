//! The models stored in this browser: several per browser, one open at a time.
//!
//! Each model is kept under its own key as the same envelope text as an
//! exported file, so stored models go through the same [`load`] path
//! (migrations, validation) as imported ones. A stored text that no longer
//! loads is never overwritten: it is moved to a backup key and reported.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use chrono::{DateTime, Datelike, Timelike, Utc};

use super::kv::{KeyValue, StorageError};
use crate::model::{load, sort, to_file_json, Id, LoadError, Model};

pub const MODEL_PREFIX: &str = "opmodel.model.";
pub const BACKUP_PREFIX: &str = "opmodel.backup.";
pub const LAST_OPEN_KEY: &str = "opmodel.last";

/// What the Models page shows of a stored model.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: Id,
    pub name: String,
    pub updated_at: DateTime<Utc>,
    pub roles: usize,
    pub elements: usize,
    /// The model's family (`Model::lineage_id`), to recognize a file of it.
    pub lineage: Id,
}

impl Entry {
    pub fn of(m: &Model) -> Entry {
        Entry {
            lineage: m.lineage_id().to_string(),
            id: m.id.clone(),
            name: m.name.clone(),
            updated_at: m.updated_at,
            roles: m.roles.len(),
            elements: m.elements.len(),
        }
    }
}

#[derive(Debug, Default)]
pub struct Listing {
    /// Newest first.
    pub entries: Vec<Entry>,
    /// Keys whose text does not load, with why.
    pub broken: Vec<(String, LoadError)>,
}

/// The result of [`Library::save_unless_changed`].
#[derive(Debug)]
pub enum Saved {
    /// Written; the text is what the key holds now.
    Written(String),
    /// Not written: the key no longer holds what this tab last saw.
    Conflict(Theirs),
}

/// The other version of the open model, written by someone else.
#[derive(Debug)]
pub enum Theirs {
    /// The key was removed (the model deleted in another tab).
    Deleted,
    /// A version that loads.
    Changed { text: String, model: Box<Model> },
    /// A text that does not load, with why.
    Unreadable { text: String, error: LoadError },
}

impl Theirs {
    /// Reads what is stored under model `id`'s key.
    pub fn of(id: &str, text: Option<String>) -> Theirs {
        match text {
            None => Theirs::Deleted,
            Some(text) => match load(text.as_bytes()) {
                Ok(m) if m.id != id => Theirs::Unreadable {
                    text,
                    error: wrong_key(),
                },
                Ok(m) => Theirs::Changed {
                    text,
                    model: Box::new(m),
                },
                Err(error) => Theirs::Unreadable { text, error },
            },
        }
    }
}

/// What the app opens with.
#[derive(Debug)]
pub struct Startup {
    pub model: Model,
    /// Sentences to show the user (stored data that could not be read...).
    pub problems: Vec<String>,
    /// Set when the opened model could not be written to storage.
    pub save_error: Option<StorageError>,
}

pub struct Library<S> {
    store: S,
    known: Known,
}

/// What the listing has read of stored models, by key: each one's entry,
/// or why its text does not load. Reading and parsing every stored model
/// each time the Models page redraws (after an import, after each save)
/// took 5 ms per MiB stored; a model is now read once.
///
/// Kept true by forgetting a key on every write through a [`Library`], and
/// on the `storage` events by which the browser reports other tabs' writes
/// ([`Library::forget`]). Which keys exist is still read every time, so a
/// removed model is never listed.
#[derive(Clone, Default)]
pub struct Known(Rc<RefCell<HashMap<String, Result<Entry, LoadError>>>>);

fn wrong_key() -> LoadError {
    LoadError::Shape {
        path: "id".into(),
        detail: "the id inside does not match the key it is stored under".into(),
    }
}

fn model_key(id: &str) -> String {
    format!("{MODEL_PREFIX}{id}")
}

impl<S: KeyValue> Library<S> {
    /// A library that has read nothing yet.
    pub fn new(store: S) -> Self {
        Self::with_known(store, Known::default())
    }

    /// A library sharing what others of the same store have read.
    pub fn with_known(store: S, known: Known) -> Self {
        Library { store, known }
    }

    /// Forgets what was read under `key` (all keys for `None`): someone
    /// else wrote there.
    pub fn forget(&self, key: Option<&str>) {
        let mut known = self.known.0.borrow_mut();
        match key {
            Some(key) => {
                known.remove(key);
            }
            None => known.clear(),
        }
    }

    /// Every write goes through here and [`Library::erase`], so that
    /// nothing read before it is taken for what the key holds now.
    fn write(&self, key: &str, text: &str) -> Result<(), StorageError> {
        self.forget(Some(key));
        self.store.set(key, text)
    }

    fn erase(&self, key: &str) -> Result<(), StorageError> {
        self.forget(Some(key));
        self.store.remove(key)
    }

    /// The entry of the model stored under `key` (`None` if nothing is),
    /// read once.
    fn entry(&self, key: &str) -> Result<Option<Result<Entry, LoadError>>, StorageError> {
        if let Some(known) = self.known.0.borrow().get(key) {
            return Ok(Some(known.clone()));
        }
        let Some(text) = self.store.get(key)? else {
            return Ok(None);
        };
        let entry = match load(text.as_bytes()) {
            Ok(m) if model_key(&m.id) == key => Ok(Entry::of(&m)),
            Ok(_) => Err(wrong_key()),
            Err(e) => Err(e),
        };
        self.known
            .0
            .borrow_mut()
            .insert(key.to_string(), entry.clone());
        Ok(Some(entry))
    }

    pub fn list(&self) -> Result<Listing, StorageError> {
        self.list_with(None)
    }

    /// The listing, with the open model's entry taken from memory (`open`)
    /// instead of its stored text: it is the newer of the two, and reading
    /// and parsing a large model again only to count its rows is what made
    /// the Models page slow after an import. It is listed even while not
    /// yet stored (an autosave pending).
    pub fn list_with(&self, open: Option<&Entry>) -> Result<Listing, StorageError> {
        let mut listing = Listing::default();
        let open_key = open.map(|e| model_key(&e.id));
        if let Some(entry) = open {
            listing.entries.push(entry.clone());
        }
        for key in self.store.keys()? {
            if !key.starts_with(MODEL_PREFIX) || Some(&key) == open_key.as_ref() {
                continue;
            }
            match self.entry(&key)? {
                Some(Ok(entry)) => listing.entries.push(entry),
                Some(Err(e)) => listing.broken.push((key, e)),
                None => {}
            }
        }
        sort::sort_by(&mut listing.entries, |a, b| {
            b.updated_at.cmp(&a.updated_at).then(a.name.cmp(&b.name))
        });
        Ok(listing)
    }

    pub fn load(&self, id: &str) -> Result<Option<Model>, LoadError> {
        match self.store.get(&model_key(id)) {
            Ok(Some(text)) => load(text.as_bytes()).map(Some),
            _ => Ok(None),
        }
    }

    /// Writes the model and remembers it as the one last open. Returns the
    /// text written, which the caller keeps to notice later writes by
    /// someone else (see [`Library::save_unless_changed`]).
    ///
    /// The text is read back after writing: a browser that reports success
    /// but keeps something else (a failing disk, an extension rewriting
    /// storage) gives [`StorageError::NotKept`], shown like a full storage,
    /// so the user downloads the model instead of trusting a bad copy.
    pub fn save(&self, model: &Model, now: DateTime<Utc>) -> Result<String, StorageError> {
        let text = to_file_json(model, now);
        let key = model_key(&model.id);
        self.write(&key, &text)?;
        if self.store.get(&key)?.as_deref() != Some(text.as_str()) {
            return Err(StorageError::NotKept);
        }
        self.set_last_open(&model.id)?;
        Ok(text)
    }

    /// The stored text of a model, if any.
    pub fn stored_text(&self, id: &str) -> Option<String> {
        self.text(&model_key(id))
    }

    /// Writes the model only if its key still holds `seen`, the text this
    /// tab last read or wrote there. Anything else means another tab (or
    /// anything else with access to this origin's storage) wrote or deleted
    /// it meanwhile: then nothing is written and the other version is
    /// returned, so the user can choose instead of losing either.
    pub fn save_unless_changed(
        &self,
        model: &Model,
        now: DateTime<Utc>,
        seen: Option<&str>,
    ) -> Result<Saved, StorageError> {
        let current = self.store.get(&model_key(&model.id))?;
        if current.as_deref() != seen {
            return Ok(Saved::Conflict(Theirs::of(&model.id, current)));
        }
        self.save(model, now).map(Saved::Written)
    }

    /// Writes `mine` whatever is stored now; a stored text that does not
    /// load is first moved to a backup key, so it is not lost either.
    pub fn overwrite(&self, mine: &Model, now: DateTime<Utc>) -> Result<String, StorageError> {
        let key = model_key(&mine.id);
        if let Some(text) = self.store.get(&key)? {
            if load(text.as_bytes()).is_err() {
                self.quarantine(&key, now)?;
            }
        }
        self.save(mine, now)
    }

    pub fn delete(&self, id: &str) -> Result<(), StorageError> {
        self.erase(&model_key(id))?;
        if self.last_open().as_deref() == Some(id) {
            self.erase(LAST_OPEN_KEY)?;
        }
        Ok(())
    }

    pub fn last_open(&self) -> Option<Id> {
        self.store.get(LAST_OPEN_KEY).ok().flatten()
    }

    pub fn set_last_open(&self, id: &str) -> Result<(), StorageError> {
        self.write(LAST_OPEN_KEY, id)
    }

    /// Backup keys, oldest first (their names end in a timestamp).
    pub fn backups(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .store
            .keys()
            .unwrap_or_default()
            .into_iter()
            .filter(|k| k.starts_with(BACKUP_PREFIX))
            .collect();
        sort::sort_by(&mut keys, Ord::cmp);
        keys
    }

    /// Removes a backup (and only a backup: other keys are left alone).
    pub fn delete_backup(&self, key: &str) -> Result<(), StorageError> {
        if key.starts_with(BACKUP_PREFIX) {
            self.erase(key)?;
        }
        Ok(())
    }

    pub fn text(&self, key: &str) -> Option<String> {
        self.store.get(key).ok().flatten()
    }

    /// Moves the text under `key` to a backup key. The original is removed
    /// only once the copy is stored, so a full storage keeps it where it is.
    pub fn quarantine(&self, key: &str, now: DateTime<Utc>) -> Result<String, StorageError> {
        let text = self.store.get(key)?.unwrap_or_default();
        let name = key.strip_prefix(MODEL_PREFIX).unwrap_or(key);
        let backup = format!(
            "{BACKUP_PREFIX}{:04}{:02}{:02}T{:02}{:02}{:02}.{name}",
            now.year(),
            now.month(),
            now.day(),
            now.hour(),
            now.minute(),
            now.second()
        );
        self.write(&backup, &text)?;
        self.erase(key)?;
        Ok(backup)
    }

    /// Opens the last model, or the newest, or a new empty one; moves stored
    /// texts that fail to load aside and says so.
    pub fn startup(&self, now: DateTime<Utc>, new_model: impl FnOnce() -> Model) -> Startup {
        let mut problems = Vec::new();
        let listing = match self.list() {
            Ok(l) => l,
            Err(e) => {
                return Startup {
                    model: new_model(),
                    problems,
                    save_error: Some(e),
                }
            }
        };
        for (key, error) in &listing.broken {
            let kept = match self.quarantine(key, now) {
                Ok(_) => "Its text is kept as a backup: download it from the Models page.",
                Err(_) => "It was left untouched where it is.",
            };
            problems.push(format!(
                "A model stored in this browser could not be opened: {error} {kept}"
            ));
        }
        let wanted = self.last_open();
        let pick = listing
            .entries
            .iter()
            .find(|e| Some(&e.id) == wanted.as_ref())
            .or(listing.entries.first());
        if let Some(entry) = pick {
            if let Ok(Some(model)) = self.load(&entry.id) {
                let save_error = self.set_last_open(&model.id).err();
                return Startup {
                    model,
                    problems,
                    save_error,
                };
            }
        }
        let model = new_model();
        let save_error = self.save(&model, now).err();
        Startup {
            model,
            problems,
            save_error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testkit::Kit;
    use crate::model::ElementKind;
    use crate::storage::kv::MemoryStore;
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 12, 0, 0).unwrap()
    }

    fn model(id: &str, name: &str, day: u32) -> Model {
        let mut m = Model::new(id.into(), name, at(day));
        m.add_element("e".into(), "Billing", ElementKind::Process)
            .unwrap();
        m
    }

    fn lib() -> Library<MemoryStore> {
        Library::new(MemoryStore::default())
    }

    #[test]
    fn save_list_load_delete() {
        let lib = lib();
        lib.save(&model("a", "Alpha", 1), at(1)).unwrap();
        lib.save(&model("b", "Beta", 3), at(3)).unwrap();
        let l = lib.list().unwrap();
        assert_eq!(
            l.entries
                .iter()
                .map(|e| e.name.as_str())
                .collect::<Vec<_>>(),
            ["Beta", "Alpha"]
        );
        assert_eq!(l.entries[0].elements, 1);
        assert_eq!(lib.load("a").unwrap().unwrap().name, "Alpha");
        assert_eq!(lib.last_open().as_deref(), Some("b"));
        lib.delete("b").unwrap();
        assert_eq!(lib.list().unwrap().entries.len(), 1);
        assert_eq!(lib.last_open(), None);
        assert_eq!(lib.load("b").unwrap(), None);
    }

    #[test]
    fn startup_reopens_the_last_model() {
        let lib = lib();
        lib.save(&model("a", "Alpha", 5), at(5)).unwrap();
        lib.save(&model("b", "Beta", 1), at(1)).unwrap();
        let s = lib.startup(at(9), || unreachable!());
        assert_eq!(s.model.id, "b");
        assert!(s.problems.is_empty() && s.save_error.is_none());
    }

    #[test]
    fn startup_on_an_empty_browser_creates_and_stores_a_model() {
        let lib = lib();
        let s = lib.startup(at(9), || model("n", "New", 9));
        assert_eq!(s.model.id, "n");
        assert_eq!(lib.list().unwrap().entries.len(), 1);
    }

    #[test]
    fn corrupted_text_is_moved_to_a_backup_and_reported() {
        let lib = lib();
        lib.save(&model("a", "Alpha", 1), at(1)).unwrap();
        lib.store.set("opmodel.model.bad", "{not json").unwrap();
        lib.set_last_open("bad").unwrap();
        let s = lib.startup(at(9), || unreachable!());
        assert_eq!(s.model.id, "a", "falls back to a model that loads");
        assert_eq!(s.problems.len(), 1);
        assert!(
            s.problems[0].contains("could not be opened: The file is not valid JSON"),
            "{}",
            s.problems[0]
        );
        assert!(s.problems[0].contains("kept as a backup"));
        let backups = lib.backups();
        assert_eq!(backups, ["opmodel.backup.20261109T120000.bad"]);
        assert_eq!(lib.text(&backups[0]).as_deref(), Some("{not json"));
        assert!(lib.store.get("opmodel.model.bad").unwrap().is_none());
    }

    #[test]
    fn a_full_storage_keeps_broken_text_in_place() {
        let store = MemoryStore {
            quota: Some(60),
            ..Default::default()
        };
        store.set("opmodel.model.bad", "{\"truncated\": ").unwrap();
        let lib = Library::new(store);
        let s = lib.startup(at(9), || model("n", "New", 9));
        assert!(
            s.problems[0].contains("left untouched"),
            "{}",
            s.problems[0]
        );
        assert_eq!(s.save_error, Some(StorageError::Full));
        assert_eq!(
            lib.text("opmodel.model.bad").as_deref(),
            Some("{\"truncated\": ")
        );
    }

    #[test]
    fn a_full_storage_reports_and_keeps_the_previous_save() {
        let store = MemoryStore {
            quota: Some(2_000),
            ..Default::default()
        };
        let lib = Library::new(store);
        let mut m = model("a", "Alpha", 1);
        lib.save(&m, at(1)).unwrap();
        let before = lib.text("opmodel.model.a");
        m.name = "A".repeat(150);
        for i in 0..20 {
            m.add_element(format!("x{i}"), "Something long enough", ElementKind::Data)
                .unwrap();
        }
        assert_eq!(lib.save(&m, at(2)), Err(StorageError::Full));
        assert_eq!(lib.text("opmodel.model.a"), before);
    }

    #[test]
    fn saving_over_what_this_tab_last_saw_writes() {
        let lib = lib();
        let mut m = model("a", "Alpha", 1);
        let seen = lib.save(&m, at(1)).unwrap();
        m.name = "Alpha 2".into();
        let Saved::Written(text) = lib.save_unless_changed(&m, at(2), Some(&seen)).unwrap() else {
            panic!("expected a write")
        };
        assert_eq!(lib.stored_text("a"), Some(text));
        assert_eq!(lib.load("a").unwrap().unwrap().name, "Alpha 2");
    }

    #[test]
    fn a_write_by_another_tab_is_never_overwritten_silently() {
        let lib = lib();
        let mut mine = model("a", "Alpha", 1);
        let seen = lib.save(&mine, at(1)).unwrap();
        // Another tab saves its own edit of the same model.
        let mut other = mine.clone();
        other.name = "Renamed elsewhere".into();
        let theirs_text = lib.save(&other, at(2)).unwrap();
        mine.name = "Renamed here".into();
        match lib.save_unless_changed(&mine, at(3), Some(&seen)).unwrap() {
            Saved::Conflict(Theirs::Changed { text, model }) => {
                assert_eq!(text, theirs_text);
                assert_eq!(model.name, "Renamed elsewhere");
            }
            other => panic!("expected their version, got {other:?}"),
        }
        assert_eq!(lib.stored_text("a"), Some(theirs_text), "theirs untouched");
    }

    #[test]
    fn a_model_deleted_elsewhere_is_a_conflict_too() {
        let lib = lib();
        let m = model("a", "Alpha", 1);
        let seen = lib.save(&m, at(1)).unwrap();
        lib.delete("a").unwrap();
        assert!(matches!(
            lib.save_unless_changed(&m, at(2), Some(&seen)).unwrap(),
            Saved::Conflict(Theirs::Deleted)
        ));
        assert_eq!(lib.stored_text("a"), None);
    }

    #[test]
    fn unreadable_text_written_elsewhere_is_kept_as_a_backup_when_overwritten() {
        let lib = lib();
        let m = model("a", "Alpha", 1);
        let seen = lib.save(&m, at(1)).unwrap();
        lib.store.set("opmodel.model.a", "{broken").unwrap();
        let Saved::Conflict(Theirs::Unreadable { text, .. }) =
            lib.save_unless_changed(&m, at(2), Some(&seen)).unwrap()
        else {
            panic!("expected an unreadable version")
        };
        assert_eq!(text, "{broken");
        let written = lib.overwrite(&m, at(2)).unwrap();
        assert_eq!(lib.stored_text("a"), Some(written));
        let backups = lib.backups();
        assert_eq!(backups.len(), 1);
        assert_eq!(lib.text(&backups[0]).as_deref(), Some("{broken"));
    }

    #[test]
    fn another_model_under_the_open_models_key_is_unreadable() {
        let theirs = Theirs::of("a", Some(to_file_json(&model("b", "B", 1), at(1))));
        assert!(matches!(theirs, Theirs::Unreadable { .. }));
    }

    #[test]
    fn the_open_model_is_listed_from_memory_even_before_it_is_stored() {
        let lib = lib();
        lib.save(&model("a", "Alpha", 1), at(1)).unwrap();
        lib.save(&model("b", "Beta", 2), at(2)).unwrap();
        let mut open = model("a", "Alpha renamed", 3);
        open.add_element("x".into(), "More", ElementKind::Data)
            .unwrap();
        let unsaved = model("c", "Imported", 4);
        let names = |l: Listing| {
            l.entries
                .iter()
                .map(|e| (e.name.clone(), e.elements))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(lib.list_with(Some(&Entry::of(&open))).unwrap()),
            [("Alpha renamed".to_string(), 2), ("Beta".to_string(), 1)]
        );
        assert_eq!(
            names(lib.list_with(Some(&Entry::of(&unsaved))).unwrap()),
            [
                ("Imported".to_string(), 1),
                ("Beta".to_string(), 1),
                ("Alpha".to_string(), 1)
            ]
        );
    }

    #[test]
    fn a_model_stored_under_the_wrong_key_is_not_trusted() {
        let lib = lib();
        lib.store
            .set(
                "opmodel.model.zzz",
                &to_file_json(&model("a", "A", 1), at(1)),
            )
            .unwrap();
        let l = lib.list().unwrap();
        assert!(l.entries.is_empty());
        assert_eq!(l.broken.len(), 1);
    }

    /// A store that counts the reads of each key.
    #[derive(Default)]
    struct Counting {
        inner: MemoryStore,
        reads: RefCell<HashMap<String, usize>>,
    }

    impl KeyValue for Counting {
        fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
            *self.reads.borrow_mut().entry(key.into()).or_default() += 1;
            self.inner.get(key)
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
            self.inner.set(key, value)
        }
        fn remove(&self, key: &str) -> Result<(), StorageError> {
            self.inner.remove(key)
        }
        fn keys(&self) -> Result<Vec<String>, StorageError> {
            self.inner.keys()
        }
    }

    fn reads(lib: &Library<Counting>, id: &str) -> usize {
        let reads = lib.store.reads.borrow();
        reads.get(&model_key(id)).copied().unwrap_or(0)
    }

    fn names(lib: &Library<impl KeyValue>) -> Vec<String> {
        let mut names: Vec<String> = lib
            .list()
            .unwrap()
            .entries
            .into_iter()
            .map(|e| e.name)
            .collect();
        names.sort();
        names
    }

    #[test]
    fn each_stored_model_is_read_once_for_the_listing() {
        let lib = Library::new(Counting::default());
        lib.save(&model("a", "Alpha", 1), at(1)).unwrap();
        lib.save(&model("b", "Beta", 2), at(2)).unwrap();
        // Each save read its text back once.
        assert_eq!((reads(&lib, "a"), reads(&lib, "b")), (1, 1));
        lib.store.reads.borrow_mut().clear();
        for _ in 0..3 {
            assert_eq!(names(&lib), ["Alpha", "Beta"]);
        }
        assert_eq!((reads(&lib, "a"), reads(&lib, "b")), (1, 1));
        // Libraries sharing what was read (one per call, in the app).
        let again = Library::with_known(&lib.store, lib.known.clone());
        assert_eq!(names(&again), ["Alpha", "Beta"]);
        assert_eq!(reads(&lib, "a"), 1);
    }

    #[test]
    fn a_write_through_the_library_is_listed_at_once() {
        let lib = Library::new(Counting::default());
        lib.save(&model("a", "Alpha", 1), at(1)).unwrap();
        lib.save(&model("b", "Beta", 2), at(2)).unwrap();
        assert_eq!(names(&lib), ["Alpha", "Beta"]);
        lib.save(&model("a", "Alpha 2", 3), at(3)).unwrap();
        assert_eq!(names(&lib), ["Alpha 2", "Beta"]);
        // Two saves and two listings of "a", each save reading back once.
        assert_eq!(reads(&lib, "a"), 4);
        assert_eq!(reads(&lib, "b"), 2);
        lib.delete("b").unwrap();
        assert_eq!(names(&lib), ["Alpha 2"]);
        // A text that stops loading is reported, then moved aside.
        lib.write(&model_key("a"), "{broken").unwrap();
        assert_eq!(lib.list().unwrap().broken.len(), 1);
        lib.quarantine(&model_key("a"), at(4)).unwrap();
        let l = lib.list().unwrap();
        assert!(l.entries.is_empty() && l.broken.is_empty());
    }

    /// Another tab's write reaches this tab as a `storage` event, which
    /// forgets the key (or every key, when storage was cleared).
    #[test]
    fn another_tabs_write_is_listed_once_its_key_is_forgotten() {
        let lib = lib();
        lib.save(&model("a", "Alpha", 1), at(1)).unwrap();
        lib.save(&model("b", "Beta", 2), at(2)).unwrap();
        assert_eq!(names(&lib), ["Alpha", "Beta"]);
        let elsewhere = |id: &str, name: &str| {
            let text = to_file_json(&model(id, name, 5), at(5));
            lib.store.set(&model_key(id), &text).unwrap();
        };
        elsewhere("a", "Alpha elsewhere");
        lib.forget(Some(&model_key("a")));
        assert_eq!(names(&lib), ["Alpha elsewhere", "Beta"]);
        elsewhere("a", "Alpha again");
        elsewhere("b", "Beta elsewhere");
        lib.forget(None);
        assert_eq!(names(&lib), ["Alpha again", "Beta elsewhere"]);
        // A removed key is never listed, forgotten or not.
        lib.store.remove(&model_key("b")).unwrap();
        assert_eq!(names(&lib), ["Alpha again"]);
    }

    /// A store that reports success but keeps a mangled text (cut short),
    /// as a failing disk or a meddling extension might.
    #[derive(Default)]
    struct Mangling {
        inner: MemoryStore,
        mangle: std::cell::Cell<bool>,
    }

    impl KeyValue for Mangling {
        fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
            self.inner.get(key)
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
            if self.mangle.get() {
                return self.inner.set(key, &value[..value.len() / 2]);
            }
            self.inner.set(key, value)
        }
        fn remove(&self, key: &str) -> Result<(), StorageError> {
            self.inner.remove(key)
        }
        fn keys(&self) -> Result<Vec<String>, StorageError> {
            self.inner.keys()
        }
    }

    #[test]
    fn a_save_the_browser_did_not_keep_is_an_error() {
        let lib = Library::new(Mangling::default());
        let a = model("a", "Alpha", 1);
        let kept = lib.save(&a, at(1)).unwrap();
        lib.store.mangle.set(true);
        assert_eq!(lib.save(&a, at(2)), Err(StorageError::NotKept));
        let stored = lib.stored_text("a").unwrap();
        let wanted = to_file_json(&a, at(2));
        assert_ne!(stored, kept);
        assert_eq!(stored, wanted[..wanted.len() / 2]);
        assert_eq!(
            lib.save_unless_changed(&a, at(3), Some(&stored))
                .unwrap_err(),
            StorageError::NotKept
        );
        assert_eq!(lib.overwrite(&a, at(4)), Err(StorageError::NotKept));
        assert_eq!(
            StorageError::NotKept.to_string(),
            "the browser did not keep what was written (reading it back gave a different text)"
        );
        // Once the browser keeps writes again, the next save is whole.
        lib.store.mangle.set(false);
        let text = lib.save(&a, at(5)).unwrap();
        assert_eq!(lib.stored_text("a"), Some(text));
    }
}
