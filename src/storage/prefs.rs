//! Preferences of this browser, not of a model: they stay when another
//! model is opened and never travel in a file.

use super::kv::{KeyValue, StorageError};

/// Read before the apps start by their pages' first script,
/// `public/boot.js` (so the first paint is already in the chosen theme):
/// keep the two in step.
pub const THEME_KEY: &str = "opmodel.theme";

/// The colour scheme: the system's, or one pinned by the user.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn key(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "Like the system",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    /// Anything unknown (an old or edited value) means the system's.
    pub fn from_key(key: &str) -> Theme {
        Theme::ALL
            .into_iter()
            .find(|t| t.key() == key)
            .unwrap_or_default()
    }

    pub fn load(store: &impl KeyValue) -> Theme {
        match store.get(THEME_KEY) {
            Ok(Some(key)) => Theme::from_key(&key),
            _ => Theme::System,
        }
    }

    /// Remembers the choice; the system's is remembered as no choice.
    pub fn save(self, store: &impl KeyValue) -> Result<(), StorageError> {
        match self {
            Theme::System => store.remove(THEME_KEY),
            pinned => store.set(THEME_KEY, pinned.key()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::kv::MemoryStore;

    #[test]
    fn a_choice_is_remembered_and_the_system_choice_leaves_nothing() {
        let store = MemoryStore::default();
        assert_eq!(Theme::load(&store), Theme::System);
        Theme::Dark.save(&store).unwrap();
        assert_eq!(store.get(THEME_KEY).unwrap().as_deref(), Some("dark"));
        assert_eq!(Theme::load(&store), Theme::Dark);
        Theme::System.save(&store).unwrap();
        assert_eq!(store.get(THEME_KEY).unwrap(), None);
        assert_eq!(Theme::load(&store), Theme::System);
    }

    #[test]
    fn unknown_values_mean_the_system_theme() {
        for k in ["", "Dark", "blue", "system"] {
            assert_eq!(Theme::from_key(k), Theme::System, "{k}");
        }
        for t in Theme::ALL {
            assert_eq!(Theme::from_key(t.key()), t);
        }
    }

    #[test]
    fn the_startup_script_reads_the_same_key_and_values() {
        // public/boot.js, inlined by trunk into both apps' pages.
        let script = include_str!("../../public/boot.js");
        assert!(script.contains(&format!("localStorage.getItem(\"{THEME_KEY}\")")));
        assert!(script.contains("t === \"light\" || t === \"dark\""));
        for page in [
            include_str!("../../index.html"),
            include_str!("../../crates/quiz/index.html"),
        ] {
            assert!(page.contains("<link data-trunk rel=\"inline\" href=\""));
            assert!(page.contains("public/boot.js\" />"));
        }
    }
}
