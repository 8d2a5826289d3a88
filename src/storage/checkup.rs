//! The check-ups under way in this browser, kept between visits: the
//! facilitator's running check-up (one at a time: the responses collected
//! and the paste box), and a participant's answers while they answer (a
//! phone that reloads the page, or switches to the chat app and back,
//! keeps them).

use std::collections::BTreeMap;

use super::kv::{KeyValue, StorageError};
use crate::model::checkup::collect::Collection;
use crate::model::checkup::link::new_respondent_id;
use crate::model::quiz::{decode_share, encode_share};
use crate::model::AssessmentKind;

/// The facilitator's running check-up.
pub const RUNNING_KEY: &str = "opmodel.checkup.running";

/// A participant's answers to the check-up `id`.
pub fn answers_key(id: &str) -> String {
    format!("opmodel.checkup.answers.{id}")
}

/// The running check-up, if one is kept and still reads.
pub fn load_running(store: &impl KeyValue) -> Option<Collection> {
    Collection::from_text(&store.get(RUNNING_KEY).ok()??)
}

/// Keeps the running check-up.
pub fn save_running(store: &impl KeyValue, c: &Collection) -> Result<(), StorageError> {
    store.set(RUNNING_KEY, &c.to_text())
}

/// Ends the running check-up (what was saved to a model stays there).
pub fn end_running(store: &impl KeyValue) -> Result<(), StorageError> {
    store.remove(RUNNING_KEY)
}

/// A participant's answers so far to the check-up `id` (none if nothing
/// is kept, or what is kept is another quiz's).
pub fn load_answers(store: &impl KeyValue, id: &str, kind: AssessmentKind) -> BTreeMap<String, u8> {
    store
        .get(&answers_key(id))
        .ok()
        .flatten()
        .and_then(|text| decode_share(&text).ok())
        .filter(|(k, _)| *k == kind)
        .map(|(_, answers)| answers)
        .unwrap_or_default()
}

/// Keeps a participant's answers so far.
pub fn save_answers(
    store: &impl KeyValue,
    id: &str,
    kind: AssessmentKind,
    answers: &BTreeMap<String, u8>,
) -> Result<(), StorageError> {
    store.set(&answers_key(id), &encode_share(kind, answers))
}

/// The id of this device's participant in the check-up `id`, made the
/// first time it is asked for and kept: their later links replace the
/// earlier ones. If it cannot be kept, each visit makes a new one.
pub fn respondent(store: &impl KeyValue, id: &str) -> String {
    let key = format!("opmodel.checkup.respondent.{id}");
    if let Ok(Some(kept)) = store.get(&key) {
        if !kept.is_empty() {
            return kept;
        }
    }
    let made = new_respondent_id();
    let _ = store.set(&key, &made);
    made
}

/// The name a participant gave for the check-up `id`, when it asks.
pub fn name_key(id: &str) -> String {
    format!("opmodel.checkup.name.{id}")
}

/// A participant's name for the check-up `id` (empty if none kept).
pub fn load_name(store: &impl KeyValue, id: &str) -> String {
    store.get(&name_key(id)).ok().flatten().unwrap_or_default()
}

/// Keeps a participant's name for the check-up `id`.
pub fn save_name(store: &impl KeyValue, id: &str, name: &str) -> Result<(), StorageError> {
    store.set(&name_key(id), name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::checkup::link::Invitation;
    use crate::storage::kv::MemoryStore;

    #[test]
    fn the_running_checkup_and_a_persons_answers_are_kept() {
        let store = MemoryStore::default();
        assert_eq!(load_running(&store), None);
        let mut c = Collection::start(Invitation {
            id: "c1".into(),
            name: "Offsite".into(),
            kind: AssessmentKind::Quick,
            ask_names: false,
        });
        c.pasted = "not yet".into();
        save_running(&store, &c).unwrap();
        assert_eq!(load_running(&store), Some(c));
        end_running(&store).unwrap();
        assert_eq!(load_running(&store), None);

        let first = crate::model::quiz::questions(AssessmentKind::Quick)[0].id;
        let answers: BTreeMap<String, u8> = [(first.to_string(), 2)].into();
        assert!(load_answers(&store, "c1", AssessmentKind::Quick).is_empty());
        save_answers(&store, "c1", AssessmentKind::Quick, &answers).unwrap();
        assert_eq!(load_answers(&store, "c1", AssessmentKind::Quick), answers);
        assert!(load_answers(&store, "c1", AssessmentKind::Full).is_empty());
        assert!(load_answers(&store, "c2", AssessmentKind::Quick).is_empty());
        assert_eq!(load_name(&store, "c1"), "");
        save_name(&store, "c1", "Ana").unwrap();
        assert_eq!(load_name(&store, "c1"), "Ana");
        let me = respondent(&store, "c1");
        assert_eq!(me.len(), 8);
        assert_eq!(respondent(&store, "c1"), me);
        assert_ne!(respondent(&store, "c2"), me);
    }
}
