//! The small key-value interface the library needs from local storage.

use std::cell::RefCell;
use std::collections::BTreeMap;

use thiserror::Error;

/// Why storage could not be read or written.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StorageError {
    #[error("this browser's storage for the app is full")]
    Full,
    #[error("this browser does not let the app store anything (private browsing, or storage turned off)")]
    Unavailable,
    /// Written without an error, but reading it back gave something else.
    #[error("the browser did not keep what was written (reading it back gave a different text)")]
    NotKept,
    #[error("the browser refused to store it ({0})")]
    Other(String),
}

pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    fn keys(&self) -> Result<Vec<String>, StorageError>;
}

/// A borrowed store is a store (several libraries over one store).
impl<T: KeyValue + ?Sized> KeyValue for &T {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        (**self).keys()
    }
}

/// An in-memory store with an optional size quota, to test the library's
/// behaviour when storage is full.
#[derive(Default)]
pub struct MemoryStore {
    pub map: RefCell<BTreeMap<String, String>>,
    /// Largest total of key and value lengths, like a browser's quota.
    pub quota: Option<usize>,
}

impl MemoryStore {
    fn used(&self) -> usize {
        self.map
            .borrow()
            .iter()
            .map(|(k, v)| k.len() + v.len())
            .sum()
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if let Some(quota) = self.quota {
            let old = self
                .map
                .borrow()
                .get(key)
                .map_or(0, |v| key.len() + v.len());
            if self.used() - old + key.len() + value.len() > quota {
                return Err(StorageError::Full);
            }
        }
        self.map.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.map.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.map.borrow().keys().cloned().collect())
    }
}
