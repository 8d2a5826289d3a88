//! Where models live between visits: the browser's local storage, files the
//! user downloads and imports. The logic is pure and generic over a key-value
//! store ([`kv::KeyValue`]) so it is tested natively; `browser` is the thin
//! adapter to the real Web APIs.

pub mod checkup;
pub mod exports;
pub mod filename;
pub mod kv;
pub mod library;
pub mod persist;
pub mod prefs;
pub mod sync;
pub mod versions;

#[cfg(target_arch = "wasm32")]
pub mod browser;
