//! Whether the browser has promised to keep what the app stores. Without
//! that promise (`navigator.storage.persist()`), a browser may delete a
//! site's storage on its own: Safari after seven days without a visit,
//! any browser when the disk runs low. The app asks once, when a model
//! first holds real work, and says what the answer means.

use super::kv::{KeyValue, StorageError};
use crate::model::Model;

/// The answer the browser gave to the app's one request, remembered so it
/// is asked once per browser (Chromium decides by how much the site is
/// used, and would only say no again on every edit).
pub const PERSIST_KEY: &str = "opmodel.persist";

/// What the browser says about keeping this site's storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    /// Not known yet (the browser has not answered).
    Unknown,
    /// The browser keeps it until the user clears the site's data.
    Granted,
    /// The browser may delete it by itself.
    NotGranted,
    /// The browser cannot be asked (an older browser, or a page not served
    /// over HTTPS).
    Unsupported,
}

impl Persistence {
    /// From the answer of `persist()` or `persisted()`.
    pub fn from_answer(granted: bool) -> Persistence {
        if granted {
            Persistence::Granted
        } else {
            Persistence::NotGranted
        }
    }

    /// What the Models page says about it; nothing while it is not known.
    pub fn sentence(self) -> Option<&'static str> {
        match self {
            Persistence::Unknown => None,
            Persistence::Granted => Some(
                "This browser has promised to keep the models stored here: it will not delete them by itself, only if you clear this site\u{2019}s data.",
            ),
            Persistence::NotGranted | Persistence::Unsupported => Some(
                "This browser has not promised to keep the models stored here: it may delete them after some weeks without a visit (Safari after seven days) or when space runs low. Export your models as files to keep them safe, or install the app.",
            ),
        }
    }
}

/// Whether the model holds work worth asking the browser to keep: at
/// least one role and one element, more than a new model's empty matrix.
pub fn worth_keeping(model: &Model) -> bool {
    !model.roles.is_empty() && !model.elements.is_empty()
}

/// Whether the app has asked already (the answer is remembered).
pub fn asked(store: &impl KeyValue) -> bool {
    matches!(store.get(PERSIST_KEY), Ok(Some(_)))
}

/// Remembers the browser's answer.
pub fn remember(store: &impl KeyValue, granted: bool) -> Result<(), StorageError> {
    store.set(PERSIST_KEY, if granted { "granted" } else { "denied" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testkit::Kit;
    use crate::storage::kv::MemoryStore;

    #[test]
    fn a_model_is_worth_keeping_once_it_has_a_role_and_an_element() {
        let at = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let mut m = Model::new("m".into(), "New", at);
        assert!(!worth_keeping(&m));
        m.add_role("r".into(), "Ops").unwrap();
        assert!(!worth_keeping(&m));
        m.add_element("e".into(), "Billing", crate::model::ElementKind::Process)
            .unwrap();
        assert!(worth_keeping(&m));
    }

    #[test]
    fn the_answer_is_remembered_so_the_browser_is_asked_once() {
        let store = MemoryStore::default();
        assert!(!asked(&store));
        remember(&store, false).unwrap();
        assert!(asked(&store));
        assert_eq!(store.get(PERSIST_KEY).unwrap().as_deref(), Some("denied"));
        remember(&store, true).unwrap();
        assert_eq!(store.get(PERSIST_KEY).unwrap().as_deref(), Some("granted"));
    }

    #[test]
    fn each_answer_is_said_in_plain_words() {
        assert_eq!(Persistence::Unknown.sentence(), None);
        assert_eq!(Persistence::from_answer(true), Persistence::Granted);
        assert_eq!(Persistence::from_answer(false), Persistence::NotGranted);
        assert!(Persistence::Granted
            .sentence()
            .unwrap()
            .starts_with("This browser has promised to keep the models stored here"));
        let not = Persistence::NotGranted.sentence().unwrap();
        assert_eq!(Persistence::Unsupported.sentence(), Some(not));
        assert!(not.contains("Safari after seven days"));
        assert!(not.ends_with("Export your models as files to keep them safe, or install the app."));
    }
}
