//! When each stored model was last exported, and whether to remind the
//! user to export it. Kept in storage next to the models, not inside the
//! model file (whose schema would need a migration): an export is a fact
//! about this browser's copy, not about the model.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::kv::{KeyValue, StorageError};
use crate::model::Model;

/// One key for all models: a small JSON object by model id.
pub const EXPORTS_KEY: &str = "opmodel.exports";

/// Days a model may hold changes not in any exported file before the app
/// reminds the user. Seven: Safari deletes the storage of a site not
/// visited for seven days, so after a week the stored copy alone is at risk.
pub const REMIND_AFTER_DAYS: i64 = 7;

/// What is remembered of one model's exports.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    /// When it was last exported from this browser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<DateTime<Utc>>,
    /// When its reminder was last put off ("Not now"): the reminder comes
    /// back [`REMIND_AFTER_DAYS`] later if the changes are still not
    /// exported. Put off rather than hidden until the next change, which
    /// is usually the next keystroke.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dismissed_at: Option<DateTime<Utc>>,
}

/// The records of every model, by id.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Exports(pub BTreeMap<String, Record>);

impl Exports {
    /// Reads the records; a missing or unreadable key is no records (the
    /// worst it costs is an early reminder).
    pub fn load(store: &impl KeyValue) -> Exports {
        store
            .get(EXPORTS_KEY)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the records back.
    pub fn save(&self, store: &impl KeyValue) -> Result<(), StorageError> {
        let text = serde_json::to_string(self).map_err(|e| StorageError::Other(e.to_string()))?;
        store.set(EXPORTS_KEY, &text)
    }

    /// The record of model `id`.
    pub fn get(&self, id: &str) -> Record {
        self.0.get(id).cloned().unwrap_or_default()
    }

    /// Model `id` was exported at `now`.
    pub fn exported(&mut self, id: &str, now: DateTime<Utc>) {
        self.0.entry(id.to_string()).or_default().exported_at = Some(now);
    }

    /// Model `id`'s reminder was put off at `now`.
    pub fn dismissed(&mut self, id: &str, now: DateTime<Utc>) {
        self.0.entry(id.to_string()).or_default().dismissed_at = Some(now);
    }

    /// Model `id` is no longer stored.
    pub fn forget(&mut self, id: &str) {
        self.0.remove(id);
    }
}

/// A reminder to export: for how many whole days the model's changes
/// have waited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reminder {
    pub days: i64,
}

/// Whether to remind the user to export `model` at `now`: it changed
/// after its last export (or, never exported, after it was created: an
/// untouched new model or sample holds nothing to lose), and the last
/// export (or its creation) is at least [`REMIND_AFTER_DAYS`] old, as is
/// the last "Not now".
pub fn reminder(model: &Model, record: &Record, now: DateTime<Utc>) -> Option<Reminder> {
    let since = record.exported_at.unwrap_or(model.created_at);
    if model.updated_at <= since {
        return None;
    }
    let wait = Duration::days(REMIND_AFTER_DAYS);
    let waited = now - since;
    let put_off = record.dismissed_at.is_some_and(|d| now - d < wait);
    (waited >= wait && !put_off).then(|| Reminder {
        days: waited.num_days(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::kv::MemoryStore;
    use chrono::TimeZone;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0).unwrap()
    }

    /// Created on day 1, last changed on `changed`.
    fn model(changed: u32) -> Model {
        let mut m = Model::new("m".into(), "M", day(1));
        m.updated_at = day(changed);
        m
    }

    fn exported(d: u32) -> Record {
        Record {
            exported_at: Some(day(d)),
            dismissed_at: None,
        }
    }

    #[test]
    fn changes_never_exported_are_reminded_a_week_after_creation() {
        let none = Record::default();
        assert_eq!(reminder(&model(2), &none, day(7)), None);
        assert_eq!(
            reminder(&model(2), &none, day(8)),
            Some(Reminder { days: 7 })
        );
        assert_eq!(
            reminder(&model(2), &none, day(11)),
            Some(Reminder { days: 10 })
        );
        // Untouched since created (a new model, a sample): nothing to lose.
        assert_eq!(reminder(&model(1), &none, day(30)), None);
    }

    #[test]
    fn an_export_with_no_change_since_needs_no_reminder() {
        assert_eq!(reminder(&model(3), &exported(3), day(30)), None);
        assert_eq!(reminder(&model(3), &exported(5), day(30)), None);
    }

    #[test]
    fn changes_after_an_export_are_reminded_a_week_after_it() {
        let m = model(6);
        assert_eq!(reminder(&m, &exported(3), day(9)), None);
        assert_eq!(
            reminder(&m, &exported(3), day(10)),
            Some(Reminder { days: 7 })
        );
    }

    #[test]
    fn not_now_puts_the_reminder_off_for_a_week() {
        let m = model(6);
        let record = Record {
            exported_at: Some(day(3)),
            dismissed_at: Some(day(12)),
        };
        assert_eq!(reminder(&m, &record, day(12)), None);
        assert_eq!(reminder(&m, &record, day(18)), None);
        assert_eq!(reminder(&m, &record, day(19)), Some(Reminder { days: 16 }));
    }

    #[test]
    fn records_are_kept_by_model_in_one_key() {
        let store = MemoryStore::default();
        assert_eq!(Exports::load(&store), Exports::default());
        let mut e = Exports::default();
        e.exported("a", day(3));
        e.dismissed("b", day(4));
        e.save(&store).unwrap();
        assert_eq!(
            store.get(EXPORTS_KEY).unwrap().as_deref(),
            Some(
                r#"{"a":{"exportedAt":"2026-11-03T12:00:00Z"},"b":{"dismissedAt":"2026-11-04T12:00:00Z"}}"#
            )
        );
        let mut back = Exports::load(&store);
        assert_eq!(back, e);
        assert_eq!(back.get("a"), exported(3));
        assert_eq!(back.get("c"), Record::default());
        back.forget("a");
        assert_eq!(back.get("a"), Record::default());
        // Unreadable text is no records.
        store.set(EXPORTS_KEY, "{not json").unwrap();
        assert_eq!(Exports::load(&store), Exports::default());
    }
}
