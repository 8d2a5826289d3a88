//! OpModel: see and design the governance of your operations.
//!
//! - [`model`], [`charts`]: the domain, its own crate (`crates/domain`),
//!   re-exported so the app names them as before.
//! - [`storage`]: local storage and files, pure logic plus a browser adapter.
//! - `ui`: the Leptos components (wasm only).

pub use opmodel_domain::{charts, model};
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub mod ui;
